/* test-token-store.c: the token store when there is no usable keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each keyring scenario runs in a subprocess, because libsecret and GDBus
 * connect once per process and keep that connection. The tests never reach
 * the session's real keyring: main() points the session bus at nothing, and
 * the scenarios bring their own private bus.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

#include "fbk-error.h"
#include "fbk-test-support.h"
#include "fbk-test-token.h"

#define TOKEN "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE3OTg3NjE2MDB9.Zq8xR2vK9mW4tY7pL3nB6cJ5hD1fG0sA"
#define OTHER_TOKEN "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE4OTg3NjE2MDB9.Wm4tY7pL3nB6cJ5hD1fG0sAZq8xR2vK9"
#define NO_BUS "unix:path=/nonexistent/forbruk-test/bus"

static void
assert_keyring_error (const GError *error,
                      int           code)
{
  g_assert_error (error, FBK_TOKEN_ERROR, code);
  g_assert_null (strstr (error->message, TOKEN));
  g_assert_null (strstr (error->message, "Zq8xR2vK"));
}

/* What the UI offers after FBK_TOKEN_ERROR: keep the token for this run. */
static void
assert_memory_fallback_works (FbkTokenStore *store)
{
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = NULL;

  fbk_token_store_set_memory_only (store, TRUE);

  g_assert_true (fbk_test_token_store_save (store, TOKEN, NULL, 5, &error));
  g_assert_no_error (error);
  token = fbk_test_token_store_lookup (store, NULL, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN);

  g_assert_true (fbk_test_token_store_clear (store, NULL, 5, &error));
  g_assert_no_error (error);
  g_clear_pointer (&token, fbk_token_free);
  token = fbk_test_token_store_lookup (store, NULL, 5, &error);
  g_assert_no_error (error);
  g_assert_null (token);
}

/* Save, look up and clear all fail with code, and quickly. */
static void
assert_keyring_fails (FbkTokenStore *store,
                      int            code)
{
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = NULL;

  g_assert_false (fbk_test_token_store_save (store, TOKEN, NULL, 10, &error));
  assert_keyring_error (error, code);
  g_clear_error (&error);

  token = fbk_test_token_store_lookup (store, NULL, 10, &error);
  g_assert_null (token);
  assert_keyring_error (error, code);
  g_clear_error (&error);

  g_assert_false (fbk_test_token_store_clear (store, NULL, 10, &error));
  assert_keyring_error (error, code);

  /* The store logs at debug level on these paths; the guard saw them. */
  g_assert_cmpuint (fbk_test_token_log_messages_checked (), >, 0);
}

static gboolean
require_dbus_daemon (void)
{
  g_autofree char *path = g_find_program_in_path ("dbus-daemon");

  if (path != NULL)
    return TRUE;
  if (g_strcmp0 (g_getenv ("FORBRUK_TEST_REQUIRE_KEYRING"), "1") == 0)
    g_test_fail_printf ("dbus-daemon is not installed");
  else
    g_test_skip ("dbus-daemon is not installed");
  return FALSE;
}

static void
run_in_subprocess (void)
{
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_no_bus (void)
{
  g_autoptr(FbkTokenStore) store = NULL;
  g_autofree char *runtime_dir = NULL;

  if (fbk_test_token_skip_without_bus_in_flatpak ())
    return;

  if (!g_test_subprocess ())
    {
      run_in_subprocess ();
      return;
    }

  /* No address, no $XDG_RUNTIME_DIR/bus, no display to autolaunch one on. */
  runtime_dir = g_dir_make_tmp ("forbruk-test-XXXXXX", NULL);
  g_assert_nonnull (runtime_dir);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_unsetenv ("DISPLAY");

  store = fbk_token_store_new ();
  assert_keyring_fails (store, FBK_TOKEN_ERROR_UNAVAILABLE);
  assert_memory_fallback_works (store);

  g_rmdir (runtime_dir);
}

static void
test_no_service (void)
{
  g_autoptr(FbkTokenStore) store = NULL;
  g_autoptr(GTestDBus) bus = NULL;
  gint64 started;

  if (!g_test_subprocess ())
    {
      if (require_dbus_daemon ())
        run_in_subprocess ();
      return;
    }

  /* A private bus with no service files: nothing provides
   * org.freedesktop.secrets. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  store = fbk_token_store_new ();
  started = g_get_monotonic_time ();
  assert_keyring_fails (store, FBK_TOKEN_ERROR_UNAVAILABLE);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);
  assert_memory_fallback_works (store);

  secret_service_disconnect ();
  g_test_dbus_stop (bus);
}

/* Swallows every call, as a Secret Service stuck on a prompt would. Runs in
 * GDBus's worker thread. */
static GDBusMessage *
drop_method_calls (GDBusConnection *connection,
                   GDBusMessage    *message,
                   gboolean         incoming,
                   gpointer         user_data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_atomic_int_inc ((int *) user_data);
      g_object_unref (message);
      return NULL;
    }
  return message;
}

static void
cancel_cb (GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_unresponsive_service (void)
{
  g_autoptr(FbkTokenStore) store = NULL;
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GDBusConnection) service = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_auto(FbkTokenString) token = NULL;
  int calls_dropped = 0;
  guint filter_id;
  gint64 started;
  gint64 elapsed;

  if (!g_test_subprocess ())
    {
      if (require_dbus_daemon ())
        run_in_subprocess ();
      return;
    }

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  service = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (service, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.secrets", 4 /* DO_NOT_QUEUE */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  filter_id = g_dbus_connection_add_filter (service, drop_method_calls, &calls_dropped, NULL);

  store = fbk_token_store_new ();

  /* The caller's cancellable still works while the keyring hangs. */
  fbk_token_store_set_timeout (store, 30);
  cancellable = g_cancellable_new ();
  g_timeout_add_once (200, (GSourceOnceFunc) cancel_cb, cancellable);
  started = g_get_monotonic_time ();
  g_assert_false (fbk_test_token_store_save (store, TOKEN, cancellable, 10, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);

  /* Nobody cancels: the timeout answers "unavailable". */
  fbk_token_store_set_timeout (store, 1);
  started = g_get_monotonic_time ();
  g_assert_false (fbk_test_token_store_save (store, TOKEN, NULL, 10, &error));
  elapsed = g_get_monotonic_time () - started;
  assert_keyring_error (error, FBK_TOKEN_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC - 10000);
  g_assert_cmpint (elapsed, <, 4 * G_USEC_PER_SEC);

  token = fbk_test_token_store_lookup (store, NULL, 10, &error);
  g_assert_null (token);
  assert_keyring_error (error, FBK_TOKEN_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  /* the store did reach the stuck service */
  g_assert_cmpint (g_atomic_int_get (&calls_dropped), >, 0);

  assert_memory_fallback_works (store);

  g_dbus_connection_remove_filter (service, filter_id);
  secret_service_disconnect ();
  g_test_dbus_stop (bus);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* In-process: the session bus points at nothing, so any keyring access
 * here would fail the test with FBK_TOKEN_ERROR. */
static void
test_memory_only (void)
{
  g_autoptr(FbkTokenStore) store = fbk_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = NULL;
  guint notified = 0;

  g_signal_connect (store, "notify::memory-only", G_CALLBACK (count_notify_cb), &notified);
  g_assert_false (fbk_token_store_get_memory_only (store));
  g_object_set (store, "memory-only", TRUE, NULL);
  fbk_token_store_set_memory_only (store, TRUE);
  g_assert_cmpuint (notified, ==, 1);

  token = fbk_test_token_store_lookup (store, NULL, 5, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  g_assert_true (fbk_test_token_store_save (store, TOKEN, NULL, 5, &error));
  g_assert_no_error (error);
  g_assert_true (fbk_test_token_store_save (store, OTHER_TOKEN, NULL, 5, &error));
  g_assert_no_error (error);

  /* a refused token leaves the saved one alone */
  g_assert_false (fbk_test_token_store_save (store, " " TOKEN, NULL, 5, &error));
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_INVALID_TOKEN);
  g_clear_error (&error);

  token = fbk_test_token_store_lookup (store, NULL, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, OTHER_TOKEN);
  g_clear_pointer (&token, fbk_token_free);

  /* leaving memory-only mode forgets the token for good */
  fbk_token_store_set_memory_only (store, FALSE);
  fbk_token_store_set_memory_only (store, TRUE);
  g_assert_cmpuint (notified, ==, 3);
  token = fbk_test_token_store_lookup (store, NULL, 5, &error);
  g_assert_no_error (error);
  g_assert_null (token);
}

static void
test_refuses_before_keyring (void)
{
  g_autoptr(FbkTokenStore) store = fbk_token_store_new ();
  g_autoptr(GError) error = NULL;

  /* INVALID_TOKEN rather than the keyring's UNAVAILABLE: validation comes
   * first, and a bad token never reaches libsecret. */
  g_assert_false (fbk_test_token_store_save (store, TOKEN "\r\nX-Injected: 1", NULL, 5, &error));
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_INVALID_TOKEN);
  g_assert_null (strstr (error->message, "Zq8xR2vK"));
}

static void
test_timeout_property (void)
{
  g_autoptr(FbkTokenStore) store = fbk_token_store_new ();
  guint timeout = 0;

  g_assert_cmpuint (fbk_token_store_get_timeout (store), ==, FBK_TOKEN_STORE_DEFAULT_TIMEOUT);
  g_object_set (store, "timeout", 5, NULL);
  g_object_get (store, "timeout", &timeout, NULL);
  g_assert_cmpuint (timeout, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  fbk_test_token_guard_logs ();
  fbk_test_token_forbid_in_logs (TOKEN);
  fbk_test_token_forbid_in_logs (OTHER_TOKEN);
  fbk_test_token_forbid_in_logs ("Zq8xR2vK");
  fbk_test_token_forbid_in_logs ("Wm4tY7pL");

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", NO_BUS, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token-store/memory-only", test_memory_only);
  g_test_add_func ("/token-store/refuses-before-keyring", test_refuses_before_keyring);
  g_test_add_func ("/token-store/timeout-property", test_timeout_property);
  g_test_add_func ("/token-store/no-bus", test_no_bus);
  g_test_add_func ("/token-store/no-service", test_no_service);
  g_test_add_func ("/token-store/unresponsive-service", test_unresponsive_service);

  return g_test_run ();
}
