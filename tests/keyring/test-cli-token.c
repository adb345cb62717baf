/* test-cli-token.c: forbruk-cli token set|status|clear on a real keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suite "keyring": the built forbruk-cli stores, reports and removes the
 * token in the same keyring entry the app uses, checks a token with Elvia
 * (here the demo server, run by this process) before storing it, and never
 * prints it. Runs only on a throw-away keyring (FORBRUK_TEST_REQUIRE_KEYRING=1).
 */
#include "config.h"

#include "fbk-demo-server.h"
#include "fbk-test-cli.h"
#include "fbk-test-support.h"
#include "fbk-test-token.h"

#define WATCHDOG_SECONDS 50
#define REFUSED_TOKEN "FORBRUK-CANARY-not-a-real-token-0123456789abcdefghij"

static FbkDemoServer *server;

/* Runs forbruk-cli against the demo server with @input on its standard
 * input; this process's main loop serves the demo meanwhile. */
static FbkTestCliRun *
run_cli (const char *environment_token,
         const char *input,
         const char *command,
         const char *subcommand)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  g_subprocess_launcher_unsetenv (launcher, "FORBRUK_TOKEN");
  if (environment_token != NULL)
    g_subprocess_launcher_setenv (launcher, "FORBRUK_TOKEN", environment_token, TRUE);
  return fbk_test_cli_run (launcher, input, 40,
                           (const char * const[]) { "--retries", "0", "--no-cache", "--api-url",
                                                    fbk_demo_server_get_base_url (server),
                                                    command, subcommand, NULL });
}

/* What the app would find in the keyring (free with fbk_token_free()). */
static FbkTokenString
stored_token (void)
{
  g_autoptr(FbkTokenStore) store = fbk_token_store_new ();
  g_autoptr(GError) error = NULL;
  FbkTokenString token = fbk_test_token_store_lookup (store, NULL, 20, &error);

  g_assert_no_error (error);
  return token;
}

static void
assert_no_token_in (const FbkTestCliRun *run,
                    const char          *token)
{
  g_assert_null (strstr (run->out, token));
  g_assert_null (strstr (run->err, token));
}

static void
test_refused_token_is_not_stored (void)
{
  g_autoptr(FbkTestCliRun) run = NULL;
  g_auto(FbkTokenString) stored = NULL;

  if (!fbk_test_keyring_usable ())
    return;

  run = run_cli (NULL, REFUSED_TOKEN "\n", "token", "set");
  g_assert_cmpint (run->status, ==, 3);
  g_assert_nonnull (strstr (run->err, "refused"));
  assert_no_token_in (run, REFUSED_TOKEN);

  stored = stored_token ();
  g_assert_null (stored);
}

static void
test_bad_text_is_refused (void)
{
  g_autoptr(FbkTestCliRun) run = NULL;

  if (!fbk_test_keyring_usable ())
    return;

  /* Text that can never be a token is a token refused: status 3, as
   * README settles the statuses (it was 2, bad usage, before). */
  run = run_cli (NULL, "not a token\x01\n", "token", "set");
  g_assert_cmpint (run->status, ==, 3);
  g_assert_cmpstr (run->out, ==, "");
}

static void
test_set_status_use_clear (void)
{
  g_autoptr(FbkTestCliRun) set = NULL;
  g_autoptr(FbkTestCliRun) status = NULL;
  g_autoptr(FbkTestCliRun) meters = NULL;
  g_autoptr(FbkTestCliRun) overridden = NULL;
  g_autoptr(FbkTestCliRun) cleared = NULL;
  g_autoptr(FbkTestCliRun) after = NULL;
  g_auto(GStrv) meter_lines = NULL;
  g_auto(FbkTokenString) stored = NULL;
  g_autofree char *pasted = g_strconcat ("  ", FBK_DEMO_TOKEN, "\r\n", NULL);

  if (!fbk_test_keyring_usable ())
    return;

  /* Pasted with white space around it, as from a browser. */
  set = run_cli (NULL, pasted, "token", "set");
  g_assert_cmpint (set->status, ==, 0);
  g_assert_nonnull (strstr (set->out, "3 metering points"));
  assert_no_token_in (set, FBK_DEMO_TOKEN);
  stored = stored_token ();
  g_assert_cmpstr (stored, ==, FBK_DEMO_TOKEN);

  status = run_cli (NULL, NULL, "token", "status");
  g_assert_cmpint (status->status, ==, 0);
  g_assert_nonnull (strstr (status->out, "stored in the keyring"));
  assert_no_token_in (status, FBK_DEMO_TOKEN);

  /* Data commands take the token from the keyring... */
  meters = run_cli (NULL, NULL, "meters", NULL);
  g_assert_cmpint (meters->status, ==, 0);
  meter_lines = g_strsplit (g_strchomp (meters->out), "\n", -1);
  /* A header line, then the three meters. */
  g_assert_cmpuint (g_strv_length (meter_lines), ==, 4);

  /* ...unless FORBRUK_TOKEN says otherwise. */
  overridden = run_cli (REFUSED_TOKEN, NULL, "meters", NULL);
  g_assert_cmpint (overridden->status, ==, 3);
  assert_no_token_in (overridden, REFUSED_TOKEN);

  cleared = run_cli (NULL, NULL, "token", "clear");
  g_assert_cmpint (cleared->status, ==, 0);
  g_clear_pointer (&stored, fbk_token_free);
  stored = stored_token ();
  g_assert_null (stored);

  after = run_cli (NULL, NULL, "token", "status");
  g_assert_cmpint (after->status, ==, 0);
  g_assert_nonnull (strstr (after->out, "No access token"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  fbk_test_keyring_start_watchdog (WATCHDOG_SECONDS);
  fbk_test_keyring_check ();

  server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  fbk_demo_server_start (server, 0, &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli-token/refused", test_refused_token_is_not_stored);
  g_test_add_func ("/cli-token/bad-text", test_bad_text_is_refused);
  g_test_add_func ("/cli-token/set-status-use-clear", test_set_status_use_clear);

  return g_test_run ();
}
