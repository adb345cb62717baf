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
#include "fbk-test-support.h"
#include "fbk-test-token.h"

#define WATCHDOG_SECONDS 50
#define REFUSED_TOKEN "FORBRUK-CANARY-not-a-real-token-0123456789abcdefghij"

static FbkDemoServer *server;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
} Communicated;

static void
on_communicated_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Communicated *communicated = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &communicated->out,
                                        &communicated->err, &error);
  g_assert_no_error (error);
  communicated->done = TRUE;
}

/* Runs forbruk-cli against the demo server with @input on its standard
 * input; this process's main loop serves the demo meanwhile. */
static Run *
run_cli (const char *environment_token,
         const char *input,
         const char *command,
         const char *subcommand)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Communicated communicated = { 0 };
  Run *run = g_new0 (Run, 1);

  g_subprocess_launcher_unsetenv (launcher, "FORBRUK_TOKEN");
  if (environment_token != NULL)
    g_subprocess_launcher_setenv (launcher, "FORBRUK_TOKEN", environment_token, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("FORBRUK_CLI"), "--retries", "0",
                                         "--no-cache", "--api-url", fbk_demo_server_get_base_url (server),
                                         command, subcommand, NULL);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (process, input, NULL, on_communicated_cb, &communicated);
  fbk_test_wait_until (communicated.done, 40);
  while (!g_subprocess_get_if_exited (process))
    g_main_context_iteration (NULL, TRUE);

  run->status = g_subprocess_get_exit_status (process);
  run->out = communicated.out;
  run->err = communicated.err;
  return run;
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
assert_no_token_in (const Run  *run,
                    const char *token)
{
  g_assert_null (strstr (run->out, token));
  g_assert_null (strstr (run->err, token));
}

static void
test_refused_token_is_not_stored (void)
{
  g_autoptr(Run) run = NULL;
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
  g_autoptr(Run) run = NULL;

  if (!fbk_test_keyring_usable ())
    return;

  run = run_cli (NULL, "not a token\x01\n", "token", "set");
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
}

static void
test_set_status_use_clear (void)
{
  g_autoptr(Run) set = NULL;
  g_autoptr(Run) status = NULL;
  g_autoptr(Run) meters = NULL;
  g_autoptr(Run) overridden = NULL;
  g_autoptr(Run) cleared = NULL;
  g_autoptr(Run) after = NULL;
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
  g_assert_cmpuint (g_strv_length (meter_lines), ==, 3);

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
