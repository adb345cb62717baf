/* fbk-cli-token.c: forbruk-cli token set|status|clear
 *
 * Shares the app's keyring entry. The token is read from standard input,
 * never from the command line, where other users could see it in ps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-cli-commands.h"
#include "fbk-cli-context.h"
#include "fbk-error.h"
#include "fbk-token-store.h"
#include "fbk-token.h"

/* Generous: a real token is one or two kilobytes. */
#define MAX_STDIN_BYTES (64 * 1024)

static char *
read_stdin (GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[4096];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    {
      g_string_append_len (text, buffer, n);
      if (text->len > MAX_STDIN_BYTES)
        {
          memset (text->str, 0, text->len);
          g_set_error_literal (error, FBK_API_ERROR, FBK_API_ERROR_INVALID_TOKEN,
                               _("That is far too long to be an access token."));
          return NULL;
        }
    }
  memset (buffer, 0, sizeof buffer);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
print_expiry (const char *token)
{
  FbkInstant expiry;
  g_autofree char *text = NULL;

  if (!fbk_token_get_expiry (token, &expiry))
    return;

  text = fbk_time_format_oslo (expiry);
  if (fbk_token_expires_within (expiry, g_get_real_time () / G_USEC_PER_SEC, 30))
    g_print (_("The token expires soon, at %s. Create a new one on Elvia's Min side.\n"), text);
  else
    g_print (_("The token expires at %s.\n"), text);
}

static int
token_set (const FbkCliGlobals *globals)
{
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) pasted = NULL;
  g_auto(FbkTokenString) token = NULL;
  g_autoptr(FbkClient) client = NULL;
  g_autoptr(FbkRepository) repository = NULL;
  g_autoptr(FbkTokenStore) token_store = NULL;
  g_autoptr(GAsyncResult) discovered = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  guint n_meters;

  pasted = read_stdin (&error);
  if (pasted != NULL)
    token = fbk_token_clean (pasted, &error);
  if (token == NULL)
    {
      fbk_cli_report_error (error);
      return FBK_CLI_EXIT_USAGE;
    }

  /* Nothing is stored until Elvia has accepted the token. */
  client = fbk_client_new (globals->api_url, &error);
  if (client == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }
  fbk_client_set_token (client, token);
  repository = fbk_repository_new (client, NULL);
  fbk_repository_discover_meters_async (repository, NULL, fbk_cli_store_result, &discovered);
  if (!fbk_repository_discover_meters_finish (repository, fbk_cli_wait (&discovered), &error))
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  token_store = fbk_token_store_new ();
  fbk_token_store_save_async (token_store, token, NULL, fbk_cli_store_result, &saved);
  if (!fbk_token_store_save_finish (token_store, fbk_cli_wait (&saved), &error))
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  n_meters = g_list_model_get_n_items (fbk_repository_get_meters (repository));
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "The token was accepted and stored in the keyring. It covers %u metering point.\n",
                        "The token was accepted and stored in the keyring. It covers %u metering points.\n",
                        n_meters),
           n_meters);
  print_expiry (token);
  return FBK_CLI_EXIT_OK;
}

static int
token_status (void)
{
  g_autoptr(FbkTokenStore) token_store = fbk_token_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = NULL;

  fbk_token_store_lookup_async (token_store, NULL, fbk_cli_store_result, &result);
  token = fbk_token_store_lookup_finish (token_store, fbk_cli_wait (&result), &error);
  if (error != NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  if (token == NULL)
    {
      g_print ("%s\n", _("No access token is stored."));
      return FBK_CLI_EXIT_OK;
    }

  g_print ("%s\n", _("An access token is stored in the keyring."));
  print_expiry (token);
  if (g_getenv ("FORBRUK_TOKEN") != NULL)
    g_print ("%s\n", _("FORBRUK_TOKEN is set and is used instead of the stored token."));
  return FBK_CLI_EXIT_OK;
}

static int
token_clear (void)
{
  g_autoptr(FbkTokenStore) token_store = fbk_token_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fbk_token_store_clear_async (token_store, NULL, fbk_cli_store_result, &result);
  if (!fbk_token_store_clear_finish (token_store, fbk_cli_wait (&result), &error))
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  g_print ("%s\n", _("The access token was removed from the keyring. To stop it working "
                     "everywhere, delete it on Elvia's Min side too."));
  return FBK_CLI_EXIT_OK;
}

int
fbk_cli_token (const FbkCliGlobals  *globals,
               int                   argc,
               char                **argv)
{
  const char *usage = _("Usage: forbruk-cli token set|status|clear\n"
                        "  set     read a token from standard input, check it with Elvia and store it\n"
                        "  status  tell whether a token is stored and when it expires\n"
                        "  clear   remove the stored token\n");

  if (argc == 2 && g_strcmp0 (argv[1], "set") == 0)
    return token_set (globals);
  if (argc == 2 && g_strcmp0 (argv[1], "status") == 0)
    return token_status ();
  if (argc == 2 && g_strcmp0 (argv[1], "clear") == 0)
    return token_clear ();
  if (argc == 2 && (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0))
    {
      g_print ("%s", usage);
      return FBK_CLI_EXIT_OK;
    }

  g_printerr ("%s", usage);
  return FBK_CLI_EXIT_USAGE;
}
