/* test-token-canary.c: the token shows up nowhere
 *
 * A child process runs the token flows (a refusal of pasted text, a
 * refusal by Elvia, a network error, an accepted and saved token, the
 * preferences, the replace dialog) with a recognisable fake token and with
 * the demo server's real one, with every debug message on
 * (G_MESSAGES_DEBUG=all), a real SQLite store and libsecret's file keyring,
 * all under XDG directories of its own. The child checks the text of every
 * window, every window title and the settings; the parent then checks all
 * the child wrote to stdout and stderr, and every file under those
 * directories.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fbk-demo-server.h"
#include "fbk-preferences-window.h"
#include "fbk-test-support.h"
#include "fbk-test-token.h"
#include "fbk-test-ui.h"
#include "fbk-token-dialog.h"
#include "fbk-welcome-page.h"

#define CANARY "FORBRUK-CANARY-6d1f0b9e42c8a7355e0f"
/* Long enough to pass cleaning, refused by the demo server. */
#define CANARY_TOKEN CANARY "-2b7c91d4e8a6f03b5c17"
/* A piece of FBK_DEMO_TOKEN's payload that no message would have by chance. */
#define DEMO_TOKEN_PIECE "ZGVsZWdhdGVkLXVzZXJhY2Nlc3Mi"

static const char * const secrets[] = { CANARY, FBK_DEMO_TOKEN, DEMO_TOKEN_PIECE };

static const char * const xdg_variables[] = {
  "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR",
};

static void
assert_no_secret (const char *text,
                  const char *where)
{
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      if (strstr (text, secrets[i]) != NULL)
        g_error ("a token is readable in %s", where);
    }
}

/* ------------------------------------------------------------------------ */
/* The child: the flows                                                     */
/* ------------------------------------------------------------------------ */

/* Every label of every window, shown or not, and every title. */
static void
assert_not_on_screen (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  g_assert_nonnull (toplevels);
  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      g_autofree char *text = fbk_test_ui_dup_text (l->data, FALSE);

      assert_no_secret (text, G_OBJECT_TYPE_NAME (l->data));
      if (gtk_window_get_title (l->data) != NULL)
        assert_no_secret (gtk_window_get_title (l->data), "a window title");
    }
}

static void
assert_not_in_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  g_assert_nonnull (keys[0]);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      assert_no_secret (text, keys[i]);
    }
}

static void
run_flows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkDemoServer) server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(FbkSession) session = NULL;
  g_autoptr(FbkSession) offline_session = NULL;
  g_autofree char *offline_url = NULL;
  GtkWidget *page;
  GtkWindow *window;
  GtkWindow *preferences;
  GtkWindow *dialog;

  store = fbk_store_open_sync (NULL, NULL, &error);
  g_assert_no_error (error);
  session = fbk_test_ui_start_demo (server, store);

  page = fbk_welcome_page_new (session);
  window = fbk_test_ui_show (page);

  /* Refused before it is sent: two things pasted */
  fbk_test_ui_paste_token (page, CANARY_TOKEN " " CANARY_TOKEN);
  fbk_test_ui_wait_for_text (page, "contains spaces", 5);

  /* Refused by Elvia */
  fbk_test_ui_paste_token (page, CANARY_TOKEN);
  fbk_test_ui_wait_for_text (page, "Elvia refused the token", 10);

  /* Elvia out of reach */
  offline_url = fbk_test_ui_dup_unreachable_url ();
  offline_session = fbk_test_new_session (offline_url, fbk_demo_server_get_now (server), NULL, NULL);
  fbk_welcome_page_set_session (FBK_WELCOME_PAGE (page), offline_session);
  fbk_test_ui_paste_token (page, CANARY_TOKEN);
  fbk_test_ui_wait_for_text (page, "Could not reach Elvia", 10);
  fbk_welcome_page_set_session (FBK_WELCOME_PAGE (page), session);

  /* Accepted, saved in the (file) keyring, meters noted in the store */
  fbk_test_ui_paste_token (page, FBK_DEMO_TOKEN);
  fbk_test_ui_wait_for_text (page, "It covers 3 metering points", 10);
  fbk_test_ui_wait_for_text (page, "The token is saved in your keyring.", 1);
  fbk_test_ui_click (page, "Continue");

  /* The preferences, and a replacement Elvia refuses */
  preferences = GTK_WINDOW (fbk_preferences_window_new (NULL));
  g_object_set (fbk_preferences_window_get_token_group (FBK_PREFERENCES_WINDOW (preferences)),
                "session", session,
                NULL);
  gtk_window_present (preferences);
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (preferences));
  fbk_test_ui_wait_for_text (GTK_WIDGET (preferences), "Saved in your keyring", 10);
  fbk_test_ui_click (GTK_WIDGET (preferences), "Replace Token…");
  dialog = fbk_test_ui_find_window (FBK_TYPE_TOKEN_DIALOG);
  g_assert_nonnull (dialog);
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (dialog));
  fbk_test_ui_paste_token (GTK_WIDGET (dialog), CANARY_TOKEN);
  fbk_test_ui_wait_for_text (GTK_WIDGET (dialog), "Elvia refused the token", 10);

  /* And the dialog the window shows when Elvia refuses the token in use */
  gtk_window_present (GTK_WINDOW (fbk_token_dialog_new_for_refusal (session)));

  assert_not_on_screen ();
  assert_not_in_settings ();

  gtk_window_destroy (dialog);
  gtk_window_destroy (preferences);
  gtk_window_destroy (window);
}

/* ------------------------------------------------------------------------ */
/* The parent: what the child left behind                                   */
/* ------------------------------------------------------------------------ */

static guint
assert_not_in_files (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return 0;
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_autoptr(GError) error = NULL;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
        {
          if (g_strstr_len (contents, length, secrets[i]) != NULL)
            g_error ("a token is readable in %s", path);
        }
      return 1;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n_files += assert_not_in_files (child);
    }
  return n_files;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

static void
test_nowhere (void)
{
  g_autofree char *keyring = g_build_filename (g_getenv ("XDG_DATA_HOME"), "keyrings", "default.keyring", NULL);
  g_autofree char *database = g_build_filename (g_getenv ("XDG_DATA_HOME"), "forbruk", "forbruk.db", NULL);
  guint n_files = 0;

  if (g_test_subprocess ())
    {
      run_flows ();
      return;
    }

  /* For the child only */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_test_trap_assert_passed ();

  /* Every message was logged, debug ones included... */
  g_test_trap_assert_stdout ("*fbk-token-check-DEBUG*Elvia did not accept the pasted token*");
  g_test_trap_assert_stdout ("*fbk-token-check-DEBUG*Elvia accepted the pasted token*");
  /* ...and none of them has a token in it. */
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autofree char *pattern = g_strdup_printf ("*%s*", secrets[i]);

      g_test_trap_assert_stdout_unmatched (pattern);
      g_test_trap_assert_stderr_unmatched (pattern);
    }

  /* The keyring and the database were written, but not in the clear. */
  g_assert_true (g_file_test (keyring, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (database, G_FILE_TEST_IS_REGULAR));
  for (guint i = 0; i < G_N_ELEMENTS (xdg_variables); i++)
    n_files += assert_not_in_files (g_getenv (xdg_variables[i]));
  g_assert_cmpuint (n_files, >=, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  int status;

  /* The parent makes the directories; the child, started with the same
   * environment, finds them set. */
  if (g_getenv ("FORBRUK_CANARY_ROOT") == NULL)
    {
      root = g_dir_make_tmp ("forbruk-canary-XXXXXX", NULL);
      g_assert_nonnull (root);
      g_setenv ("FORBRUK_CANARY_ROOT", root, TRUE);
      for (guint i = 0; i < G_N_ELEMENTS (xdg_variables); i++)
        {
          g_autofree char *dir = g_build_filename (root, xdg_variables[i], NULL);

          g_mkdir_with_parents (dir, 0700);
          g_setenv (xdg_variables[i], dir, TRUE);
        }
      g_setenv ("SECRET_BACKEND", "file", TRUE);
      g_unsetenv ("SECRET_FILE_TEST_PATH");
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "forbruk-canary", TRUE);
      fbk_test_token_hide_session_bus ();
      /* What the parent logs while the child's debug output is on goes to
       * stderr, out of its TAP output. */
      g_log_writer_default_set_use_stderr (TRUE);
    }

  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/token-canary/nowhere", test_nowhere);

  status = g_test_run ();

  if (root != NULL)
    remove_tree (root);
  return status;
}
