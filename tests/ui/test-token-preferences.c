/* test-token-preferences.c: the access token group in the preferences
 *
 * The keyring is libsecret's file backend in a temporary directory (set up
 * in main()), so "saved in your keyring" is real without touching anybody's
 * Secret Service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "fbk-demo-server.h"
#include "fbk-preferences-window.h"
#include "fbk-test-support.h"
#include "fbk-test-token.h"
#include "fbk-test-ui.h"
#include "fbk-token-dialog.h"

/* exp of FBK_DEMO_TOKEN: 2100-01-01T00:00:00Z */
#define DEMO_TOKEN_EXPIRY G_GINT64_CONSTANT (4102444800)

typedef struct
{
  FbkDemoServer            *server;
  FbkSession               *session;
  FbkTokenStore            *token_store;  /* the session's */
  GtkWindow                *window;
  FbkTokenPreferencesGroup *group;
  guint                     n_replaced;
  gboolean                  forgotten;
  gboolean                  delete_data;
} Fixture;

static void
on_replaced_cb (FbkTokenPreferencesGroup *group,
                Fixture                  *f)
{
  f->n_replaced++;
}

static void
on_forgotten_cb (FbkTokenPreferencesGroup *group,
                 gboolean                  delete_data,
                 Fixture                  *f)
{
  f->forgotten = TRUE;
  f->delete_data = delete_data;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  f->session = fbk_test_ui_start_demo (f->server, NULL);

  f->token_store = fbk_session_get_token_store (f->session);
  fbk_token_store_set_timeout (f->token_store, 10);
  g_assert_true (fbk_test_token_store_clear (f->token_store, NULL, 10, &error));
  g_assert_no_error (error);

  f->window = GTK_WINDOW (fbk_preferences_window_new (NULL));
  f->group = fbk_preferences_window_get_token_group (FBK_PREFERENCES_WINDOW (f->window));
  g_signal_connect (f->group, "replaced", G_CALLBACK (on_replaced_cb), f);
  g_signal_connect (f->group, "forgotten", G_CALLBACK (on_forgotten_cb), f);
  gtk_window_present (f->window);
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  f->token_store = NULL;
  g_clear_object (&f->session);
  g_clear_object (&f->server);
}

static void
connect_group (Fixture *f)
{
  g_object_set (f->group,
                "session", f->session,
                NULL);
}

static void
save_token (Fixture    *f,
            const char *token)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fbk_test_token_store_save (f->token_store, token, NULL, 10, &error));
  g_assert_no_error (error);
}

static gboolean
row_is_sensitive (Fixture    *f,
                  const char *title)
{
  GtkWidget *row = fbk_test_ui_find (GTK_WIDGET (f->group), ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  return gtk_widget_is_sensitive (row);
}

/* ------------------------------------------------------------------------ */

static void
test_not_connected (Fixture       *f,
                    gconstpointer  data)
{
  /* As the preferences open before the window gave the group anything. */
  fbk_test_ui_wait_for_text (GTK_WIDGET (f->group), "None saved", 1);
  g_assert_false (row_is_sensitive (f, "Replace Token…"));
  g_assert_false (row_is_sensitive (f, "Forget Token…"));
}

static void
test_none_saved (Fixture       *f,
                 gconstpointer  data)
{
  connect_group (f);
  fbk_test_ui_wait_for_text (GTK_WIDGET (f->group), "None saved", 10);
  g_assert_true (row_is_sensitive (f, "Replace Token…"));
  g_assert_false (row_is_sensitive (f, "Forget Token…"));
  g_assert_false (gtk_widget_get_mapped (fbk_test_ui_find (GTK_WIDGET (f->group),
                                                           ADW_TYPE_PREFERENCES_ROW, "Expiry")));
}

static void
test_in_keyring (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *shown = NULL;

  save_token (f, FBK_DEMO_TOKEN);
  connect_group (f);
  fbk_test_ui_wait_for_text (GTK_WIDGET (f->group), "Saved in your keyring", 10);
  fbk_test_ui_wait_for_text (GTK_WIDGET (f->group), "The token is valid until January 1, 2100.", 1);
  g_assert_true (row_is_sensitive (f, "Forget Token…"));

  /* Close to expiry, the same row warns. */
  fbk_clock_set_now (fbk_session_get_clock (f->session), DEMO_TOKEN_EXPIRY - 5 * 24 * 3600);
  fbk_token_preferences_group_reload (f->group);
  fbk_test_ui_wait_for_text (GTK_WIDGET (f->group), "in 5 days", 10);

  shown = fbk_test_ui_dup_text (GTK_WIDGET (f->window), FALSE);
  g_assert_null (strstr (shown, "eyJ"));
}

static void
test_session_only (Fixture       *f,
                   gconstpointer  data)
{
  fbk_token_store_set_memory_only (f->token_store, TRUE);
  save_token (f, FBK_DEMO_TOKEN);
  connect_group (f);
  fbk_test_ui_wait_for_text (GTK_WIDGET (f->group), "Kept for this session only", 10);
  g_assert_true (row_is_sensitive (f, "Forget Token…"));
}

static GtkWidget *
open_forget_dialog (Fixture *f)
{
  GtkWindow *dialog;

  fbk_test_ui_click (GTK_WIDGET (f->group), "Forget Token…");
  dialog = fbk_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == f->window);
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (dialog));
  fbk_test_ui_wait_for_text (GTK_WIDGET (dialog), "Forget the Access Token?", 1);
  /* The reminder about copies held by others */
  fbk_test_ui_wait_for_text (GTK_WIDGET (dialog), "If you gave the token to anyone else", 1);
  fbk_test_ui_wait_for_text (GTK_WIDGET (dialog), "ask them to delete the data they fetched with it", 1);
  return GTK_WIDGET (dialog);
}

static void
test_forget (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = NULL;
  GtkWidget *dialog;
  GtkWidget *delete_data;

  save_token (f, FBK_DEMO_TOKEN);
  fbk_session_set_token (f->session, FBK_DEMO_TOKEN);
  connect_group (f);
  fbk_test_ui_wait_for_text (GTK_WIDGET (f->group), "Saved in your keyring", 10);

  /* Cancelling changes nothing. */
  dialog = open_forget_dialog (f);
  fbk_test_ui_click (dialog, "Cancel");
  fbk_test_ui_spin (50);
  g_assert_false (f->forgotten);
  token = fbk_test_token_store_lookup (f->token_store, NULL, 10, &error);
  g_assert_cmpstr (token, ==, FBK_DEMO_TOKEN);
  g_assert_true (fbk_session_has_token (f->session));

  /* Forgetting, without deleting the data (the default) */
  dialog = open_forget_dialog (f);
  delete_data = fbk_test_ui_find (dialog, GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_nonnull (delete_data);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (delete_data)));
  fbk_test_ui_click (dialog, "Forget");
  g_assert_false (fbk_session_has_token (f->session));
  fbk_test_wait_until (f->forgotten, 10);
  g_assert_false (f->delete_data);
  g_clear_pointer (&token, fbk_token_free);
  token = fbk_test_token_store_lookup (f->token_store, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  fbk_test_ui_wait_for_text (GTK_WIDGET (f->group), "None saved", 10);
  g_assert_false (row_is_sensitive (f, "Forget Token…"));

  /* And with "also delete the meter data" ticked */
  save_token (f, FBK_DEMO_TOKEN);
  fbk_token_preferences_group_reload (f->group);
  fbk_test_ui_wait_for_text (GTK_WIDGET (f->group), "Saved in your keyring", 10);
  dialog = open_forget_dialog (f);
  delete_data = fbk_test_ui_find (dialog, GTK_TYPE_CHECK_BUTTON, NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (delete_data), TRUE);
  f->forgotten = FALSE;
  fbk_test_ui_click (dialog, "Forget");
  fbk_test_wait_until (f->forgotten, 10);
  g_assert_true (f->delete_data);
}

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  GtkWindow *dialog;
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = NULL;

  connect_group (f);
  fbk_test_ui_wait_for_text (GTK_WIDGET (f->group), "None saved", 10);

  fbk_test_ui_click (GTK_WIDGET (f->group), "Replace Token…");
  dialog = fbk_test_ui_find_window (FBK_TYPE_TOKEN_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == f->window);
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (dialog));

  fbk_test_ui_paste_token (GTK_WIDGET (dialog), FBK_DEMO_TOKEN);
  fbk_test_ui_wait_for_text (GTK_WIDGET (dialog), "It covers 3 metering points", 10);
  fbk_test_ui_wait_for_text (GTK_WIDGET (dialog), "The token is saved in your keyring.", 1);
  fbk_test_ui_click (GTK_WIDGET (dialog), "Continue");

  g_assert_cmpuint (f->n_replaced, ==, 1);
  fbk_test_ui_wait_for_text (GTK_WIDGET (f->group), "Saved in your keyring", 10);
  token = fbk_test_token_store_lookup (f->token_store, NULL, 10, &error);
  g_assert_cmpstr (token, ==, FBK_DEMO_TOKEN);
  g_assert_true (fbk_session_has_token (f->session));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("forbruk-test-keyring-XXXXXX", NULL);
  g_autofree char *keyring = g_build_filename (dir, "test.keyring", NULL);
  int status;

  /* Before anything starts libsecret: the file backend, in a directory of
   * our own, and no session bus to find a real keyring on. */
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "forbruk-test", TRUE);
  fbk_test_token_hide_session_bus ();

  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/token-preferences/not-connected", test_not_connected);
  ADD ("/token-preferences/none-saved", test_none_saved);
  ADD ("/token-preferences/in-keyring", test_in_keyring);
  ADD ("/token-preferences/session-only", test_session_only);
  ADD ("/token-preferences/forget", test_forget);
  ADD ("/token-preferences/replace", test_replace);
#undef ADD

  status = g_test_run ();

  g_remove (keyring);
  g_rmdir (dir);
  return status;
}
