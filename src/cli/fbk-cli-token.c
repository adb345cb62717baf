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
#include "fbk-cli-help.h"
#include "fbk-error.h"
#include "fbk-token-check.h"
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
print_expiry (FbkInstant expiry)
{
  g_autofree char *text = fbk_time_format_oslo (expiry);

  if (fbk_token_expires_within (expiry, g_get_real_time () / G_USEC_PER_SEC, FBK_TOKEN_EXPIRY_WARNING_DAYS))
    g_print (_("The token expires soon, at %s. Create a new one on Elvia's Min side.\n"), text);
  else
    g_print (_("The token expires at %s.\n"), text);
}

static int
token_set (const FbkCliGlobals *globals)
{
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) pasted = NULL;
  g_auto(FbkCliContext) context = { 0 };
  g_autoptr(FbkTokenCheck) check = NULL;
  FbkTokenCheckState state;
  FbkInstant expiry;
  guint n_meters;

  pasted = read_stdin (&error);
  if (pasted == NULL)
    {
      fbk_cli_report_error (error);
      return FBK_CLI_EXIT_USAGE;
    }

  if (globals->demo)
    {
      g_printerr ("forbruk-cli token: %s\n", _("The demo needs no token."));
      return FBK_CLI_EXIT_USAGE;
    }

  if (!fbk_cli_context_init (&context, globals, FALSE, &error))
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  /* The app's own path: nothing is stored until Elvia has accepted it. */
  check = fbk_token_check_new ();
  fbk_token_check_set_session (check, context.session);
  fbk_token_check_start (check, pasted);
  while ((state = fbk_token_check_get_state (check)) != FBK_TOKEN_CHECK_ACCEPTED &&
         state != FBK_TOKEN_CHECK_FAILED)
    g_main_context_iteration (NULL, TRUE);

  if (state == FBK_TOKEN_CHECK_FAILED)
    {
      const GError *failure = fbk_token_check_get_error (check);

      fbk_cli_report_error (failure);
      return fbk_cli_exit_for_error (failure);
    }

  n_meters = g_list_model_get_n_items (fbk_token_check_get_meters (check));
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "The token was accepted and stored in the keyring. It covers %u metering point.\n",
                        "The token was accepted and stored in the keyring. It covers %u metering points.\n",
                        n_meters),
           n_meters);
  if (fbk_token_check_get_expiry (check, &expiry))
    print_expiry (expiry);
  return FBK_CLI_EXIT_OK;
}

static int
token_status (void)
{
  g_autoptr(FbkTokenStore) token_store = fbk_token_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = NULL;
  FbkInstant expiry;

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
  if (fbk_token_get_expiry (token, &expiry))
    print_expiry (expiry);
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
  g_autoptr(GOptionContext) options = fbk_cli_options_new ("token", "set|status|clear",
                                                          _("Stores, checks or removes the access token in the keyring."),
                                                          _("  set     read a token from standard input, check it with Elvia and store it\n"
                                                            "  status  tell whether a token is stored and when it expires\n"
                                                            "  clear   remove the stored token"));
  g_autoptr(GError) error = NULL;
  g_autofree char *help = NULL;

  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("forbruk-cli token: %s\n", error->message);
      return FBK_CLI_EXIT_USAGE;
    }
  if (argc == 2 && g_strcmp0 (argv[1], "set") == 0)
    return token_set (globals);
  if (argc == 2 && g_strcmp0 (argv[1], "status") == 0)
    return token_status ();
  if (argc == 2 && g_strcmp0 (argv[1], "clear") == 0)
    return token_clear ();

  help = g_option_context_get_help (options, TRUE, NULL);
  g_printerr ("%s", help);
  return FBK_CLI_EXIT_USAGE;
}
