/* test-welcome-page.c: pasting a token on the welcome page and in the
 * replace dialog, against the demo server on loopback
 *
 * The token stores are memory-only, except in the keyring test, where the
 * Secret Service is made unreachable on purpose (main() points the session
 * bus at nothing) so that saving fails the way it does on a desktop
 * without a keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fbk-demo-server.h"
#include "fbk-error.h"
#include "fbk-test-support.h"
#include "fbk-test-token.h"
#include "fbk-test-ui.h"
#include "fbk-token-dialog.h"
#include "fbk-welcome-page.h"

#define DEMO_HOUSE_ID "707 057 500 061 439 208"
#define DEMO_FLAT_ID "707 057 500 072 815 367"
#define DEMO_SOLAR_ID "707 057 500 083 906 177"
/* JWT-shaped, valid text, not accepted by the demo server; the second one
 * expired on 2020-09-13. */
#define WRONG_TOKEN "eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDB9.d3Jvbmctd3Jvbmc"
#define EXPIRED_TOKEN "eyJhbGciOiJub25lIn0.eyJleHAiOjE2MDAwMDAwMDB9.ZXhwaXJlZA"
/* exp of FBK_DEMO_TOKEN: 2100-01-01T00:00:00Z */
#define DEMO_TOKEN_EXPIRY G_GINT64_CONSTANT (4102444800)

typedef struct
{
  FbkDemoServer  *server;
  FbkSession     *session;
  FbkRepository  *repository;   /* the session's */
  FbkTokenStore  *token_store;  /* the session's */
  GtkWindow      *window;
  GtkWidget      *page;
  guint           n_connected;
  guint           n_demo_requested;
} Fixture;

static void
on_connected_cb (GtkWidget *widget,
                 Fixture   *f)
{
  f->n_connected++;
}

static void
on_demo_requested_cb (GtkWidget *widget,
                      Fixture   *f)
{
  f->n_demo_requested++;
}

/* The session's token store, keeping the token in memory only (the real
 * keyring is out of reach here, see main()). */
static FbkTokenStore *
keep_in_memory (FbkSession *session)
{
  FbkTokenStore *token_store = fbk_session_get_token_store (session);

  fbk_token_store_set_memory_only (token_store, TRUE);
  fbk_token_store_set_timeout (token_store, 5);
  return token_store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  f->session = fbk_test_ui_start_demo (f->server, NULL);
  f->repository = fbk_session_get_repository (f->session);
  f->token_store = keep_in_memory (f->session);

  f->page = fbk_welcome_page_new (f->session);
  g_signal_connect (f->page, "connected", G_CALLBACK (on_connected_cb), f);
  g_signal_connect (f->page, "demo-requested", G_CALLBACK (on_demo_requested_cb), f);

  f->window = fbk_test_ui_show (f->page);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  f->token_store = NULL;
  f->repository = NULL;
  g_clear_object (&f->session);
  g_clear_object (&f->server);
}

static FbkTokenString
stored_token (FbkTokenStore *token_store)
{
  g_autoptr(GError) error = NULL;
  FbkTokenString token = fbk_test_token_store_lookup (token_store, NULL, 10, &error);

  g_assert_no_error (error);
  return token;
}

static guint
count_requests_with_status (FbkDemoServer *server,
                            guint          status)
{
  guint count = 0;

  for (guint i = 0; i < fbk_demo_server_get_n_requests (server); i++)
    count += fbk_demo_server_get_request (server, i)->status == status;
  return count;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Discovery;

static void
on_discovered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Discovery *discovery = user_data;

  discovery->ok = fbk_repository_discover_meters_finish (FBK_REPOSITORY (object), result,
                                                         &discovery->error);
  discovery->done = TRUE;
}

/* Asks Elvia (the demo server) for the meters with the repository's own
 * client, as the app does on every refresh. */
static void
assert_client_accepted (FbkRepository *repository)
{
  Discovery discovery = { 0 };

  fbk_repository_discover_meters_async (repository, NULL, on_discovered_cb, &discovery);
  fbk_test_wait_until (discovery.done, 10);
  g_assert_no_error (discovery.error);
  g_assert_true (discovery.ok);
}

static void
assert_nothing_stored (Fixture *f)
{
  g_auto(FbkTokenString) token = stored_token (f->token_store);

  g_assert_null (token);
  g_assert_false (fbk_session_has_token (f->session));
  g_assert_cmpuint (g_list_model_get_n_items (fbk_repository_get_meters (f->repository)), ==, 0);
  g_assert_cmpuint (f->n_connected, ==, 0);
}

/* ------------------------------------------------------------------------ */

static void
test_bad_text (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *entry = fbk_test_ui_find (f->page, ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
  g_autofree char *shown = NULL;

  /* Two things pasted at once. */
  fbk_test_ui_paste_token (f->page, "eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDB9.secret-part and more");
  fbk_test_ui_wait_for_text (f->page, "contains spaces", 1);
  shown = fbk_test_ui_dup_text (f->page, TRUE);
  g_assert_null (strstr (shown, "secret-part"));

  /* Editing takes the stale message away. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "0123456789abcdef0123456789ABCDEF");
  g_clear_pointer (&shown, g_free);
  shown = fbk_test_ui_dup_text (f->page, TRUE);
  g_assert_null (strstr (shown, "contains spaces"));

  /* A GridTariff subscription key is the wrong credential. */
  fbk_test_ui_click (f->page, "Connect");
  fbk_test_ui_wait_for_text (f->page, "GridTariff API key", 1);

  /* None of it reached Elvia. */
  g_assert_cmpuint (fbk_demo_server_get_n_requests (f->server), ==, 0);
  assert_nothing_stored (f);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *spinner;
  g_autofree char *shown = NULL;

  fbk_test_ui_paste_token (f->page, WRONG_TOKEN);

  /* While Elvia is asked */
  spinner = fbk_test_ui_find (f->page, GTK_TYPE_SPINNER, NULL);
  g_assert_true (gtk_widget_get_mapped (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  fbk_test_ui_wait_for_text (f->page, "Checking the token with Elvia", 1);
  g_assert_false (gtk_widget_is_sensitive (fbk_test_ui_find (f->page, GTK_TYPE_BUTTON, "Connect")));

  fbk_test_ui_wait_for_text (f->page, "Elvia refused the token", 10);
  fbk_test_ui_wait_for_text (f->page, "GridTariff key", 1);
  fbk_test_ui_wait_for_text (f->page, "Nothing was saved", 1);
  g_assert_false (gtk_widget_get_mapped (spinner));
  shown = fbk_test_ui_dup_text (f->page, TRUE);
  g_assert_null (strstr (shown, "d3Jvbmc"));

  g_assert_cmpuint (count_requests_with_status (f->server, 401), >, 0);
  g_assert_cmpuint (count_requests_with_status (f->server, 200), ==, 0);
  assert_nothing_stored (f);

  /* An expired token is refused for that reason, and the date is given. */
  fbk_test_ui_paste_token (f->page, EXPIRED_TOKEN);
  fbk_test_ui_wait_for_text (f->page, "because it expired on September 13, 2020", 10);
  assert_nothing_stored (f);
}

static void
test_accepted (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *entry = fbk_test_ui_find (f->page, ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
  g_autofree char *pasted = g_strdup_printf ("  Bearer %.60s\n    %s\n", FBK_DEMO_TOKEN, FBK_DEMO_TOKEN + 60);
  g_auto(FbkTokenString) token = NULL;

  /* The whole header value, wrapped by a mail client. */
  fbk_test_ui_paste_token (f->page, pasted);
  fbk_test_ui_wait_for_text (f->page, "It covers 3 metering points", 10);
  fbk_test_ui_wait_for_text (f->page, DEMO_HOUSE_ID, 1);
  fbk_test_ui_wait_for_text (f->page, DEMO_FLAT_ID, 1);
  fbk_test_ui_wait_for_text (f->page, DEMO_SOLAR_ID, 1);
  fbk_test_ui_wait_for_text (f->page, "The token is valid until January 1, 2100.", 1);
  fbk_test_ui_wait_for_text (f->page, "kept for this session only", 1);

  /* Saved, in use, the meters listed, and the field emptied. */
  token = stored_token (f->token_store);
  g_assert_cmpstr (token, ==, FBK_DEMO_TOKEN);
  g_assert_true (fbk_session_has_token (f->session));
  g_assert_cmpuint (g_list_model_get_n_items (fbk_repository_get_meters (f->repository)), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* "connected" waits until the person has seen what was found. */
  g_assert_cmpuint (f->n_connected, ==, 0);
  fbk_test_ui_click (f->page, "Continue");
  g_assert_cmpuint (f->n_connected, ==, 1);

  /* Shown again later (after the token was forgotten), the page starts
   * over. */
  gtk_widget_set_visible (f->page, FALSE);
  gtk_widget_set_visible (f->page, TRUE);
  fbk_test_ui_wait_for_text (f->page, "Access token from Min side", 1);
  g_assert_false (gtk_widget_get_mapped (fbk_test_ui_find (f->page, GTK_TYPE_BUTTON, "Continue")));
}

static void
test_expiry_warning (Fixture       *f,
                     gconstpointer  data)
{
  FbkInstant now = DEMO_TOKEN_EXPIRY - 10 * 24 * 3600 + 60;

  fbk_demo_server_set_now (f->server, now);
  fbk_clock_set_now (fbk_session_get_clock (f->session), now);

  fbk_test_ui_paste_token (f->page, FBK_DEMO_TOKEN);
  fbk_test_ui_wait_for_text (f->page, "It covers 3 metering points", 10);
  fbk_test_ui_wait_for_text (f->page, "The token expires on January 1, 2100, in 10 days. "
                                      "Create a new one on Min side before then.", 1);
}

static void
test_network_error (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *url = fbk_test_ui_dup_unreachable_url ();
  g_autoptr(FbkSession) session = NULL;
  FbkTokenStore *token_store;

  session = fbk_test_new_session (url, fbk_demo_server_get_now (f->server), NULL, NULL);
  token_store = keep_in_memory (session);
  fbk_welcome_page_set_session (FBK_WELCOME_PAGE (f->page), session);

  fbk_test_ui_paste_token (f->page, FBK_DEMO_TOKEN);
  fbk_test_ui_wait_for_text (f->page, "Could not reach Elvia", 10);
  g_assert_null (stored_token (token_store));
  g_assert_false (fbk_session_has_token (session));
  g_assert_cmpuint (f->n_connected, ==, 0);
}

static void
test_keyring_unavailable (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(FbkTokenString) token = NULL;

  /* The real keyring, which main() made unreachable. */
  fbk_token_store_set_memory_only (f->token_store, FALSE);

  fbk_test_ui_paste_token (f->page, FBK_DEMO_TOKEN);
  fbk_test_ui_wait_for_text (f->page, "Elvia accepted the token, but it could not be saved.", 10);
  fbk_test_ui_wait_for_text (f->page, "No keyring is available", 1);
  /* Not in use before the person chose. */
  g_assert_false (fbk_session_has_token (f->session));

  fbk_test_ui_click (f->page, "Use for This Session Only");
  fbk_test_ui_wait_for_text (f->page, "It covers 3 metering points", 10);
  fbk_test_ui_wait_for_text (f->page, "kept for this session only", 1);

  g_assert_true (fbk_token_store_get_memory_only (f->token_store));
  token = stored_token (f->token_store);
  g_assert_cmpstr (token, ==, FBK_DEMO_TOKEN);
  g_assert_true (fbk_session_has_token (f->session));

  fbk_test_ui_click (f->page, "Continue");
  g_assert_cmpuint (f->n_connected, ==, 1);
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  fbk_test_ui_click (f->page, "Try the Demo");
  g_assert_cmpuint (f->n_demo_requested, ==, 1);
  g_assert_cmpuint (fbk_demo_server_get_n_requests (f->server), ==, 0);
}

/* Replacing from the preferences: a refused token never displaces the one
 * in use, and an accepted one closes the dialog. */
static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = NULL;
  GtkWidget *dialog;

  g_assert_true (fbk_test_token_store_save (f->token_store, FBK_DEMO_TOKEN, NULL, 5, &error));
  g_assert_no_error (error);
  fbk_session_set_token (f->session, FBK_DEMO_TOKEN);

  dialog = fbk_token_dialog_new (f->session);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "connected", G_CALLBACK (on_connected_cb), f);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), f->window);
  gtk_window_present (GTK_WINDOW (dialog));
  fbk_test_ui_wait_for_mapped (dialog);
  fbk_test_ui_wait_for_text (dialog, "The meter data already on this computer is kept", 1);

  fbk_test_ui_paste_token (dialog, WRONG_TOKEN);
  fbk_test_ui_wait_for_text (dialog, "Elvia refused the token", 10);

  token = stored_token (f->token_store);
  g_assert_cmpstr (token, ==, FBK_DEMO_TOKEN);
  assert_client_accepted (f->repository);

  fbk_test_ui_paste_token (dialog, FBK_DEMO_TOKEN);
  fbk_test_ui_wait_for_text (dialog, "It covers 3 metering points", 10);
  fbk_test_ui_click (dialog, "Continue");
  g_assert_cmpuint (f->n_connected, ==, 1);
  fbk_test_ui_spin (50);
  g_assert_null (dialog);
}

static void
test_refusal_dialog (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *dialog = fbk_token_dialog_new_for_refusal (f->session);

  g_assert_true (fbk_token_dialog_get_refused (FBK_TOKEN_DIALOG (dialog)));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), f->window);
  gtk_window_present (GTK_WINDOW (dialog));
  fbk_test_ui_wait_for_mapped (dialog);
  fbk_test_ui_wait_for_text (dialog, "Elvia Refused the Token", 1);
  fbk_test_ui_wait_for_text (dialog, "The meter data already on this computer is kept", 1);
  fbk_test_ui_wait_for_text (dialog, "Access token from Min side", 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  /* No Secret Service for this process: saving into "the keyring" fails as
   * on a desktop without one. Set before anything connects to a bus. */
  fbk_test_token_hide_session_bus ();
  g_unsetenv ("SECRET_BACKEND");

  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/welcome-page/bad-text", test_bad_text);
  ADD ("/welcome-page/refused", test_refused);
  ADD ("/welcome-page/accepted", test_accepted);
  ADD ("/welcome-page/expiry-warning", test_expiry_warning);
  ADD ("/welcome-page/network-error", test_network_error);
  ADD ("/welcome-page/keyring-unavailable", test_keyring_unavailable);
  ADD ("/welcome-page/demo", test_demo);
  ADD ("/token-dialog/replace", test_replace);
  ADD ("/token-dialog/refusal", test_refusal_dialog);
#undef ADD

  return g_test_run ();
}
