/* fbk-test-token.c: helpers for the token store tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbk-test-support.h"
#include "fbk-test-token.h"

static GMutex guard_mutex;
static GPtrArray *forbidden;
static guint messages_checked;

static GLogWriterOutput
guard_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  g_mutex_lock (&guard_mutex);
  messages_checked++;
  for (gsize i = 0; i < n_fields; i++)
    {
      g_autofree char *value = NULL;

      if (fields[i].length == 0)
        continue;
      value = fields[i].length < 0 ? g_strdup (fields[i].value)
                                   : g_strndup (fields[i].value, fields[i].length);
      for (guint j = 0; forbidden != NULL && j < forbidden->len; j++)
        {
          if (strstr (value, g_ptr_array_index (forbidden, j)) != NULL)
            {
              /* Not through g_error(): that would log the message again. */
              fprintf (stderr, "A log message (field %s) contains a token\n", fields[i].key);
              abort ();
            }
        }
    }
  g_mutex_unlock (&guard_mutex);

  /* Debug messages are only checked unless G_MESSAGES_DEBUG asks for
   * them, to keep the test output readable. */
  if ((log_level & G_LOG_LEVEL_DEBUG) && g_getenv ("G_MESSAGES_DEBUG") == NULL)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

void
fbk_test_token_guard_logs (void)
{
  g_log_set_debug_enabled (TRUE);
  /* libsecret logs at info level, which would land in the TAP stream. */
  g_log_writer_default_set_use_stderr (TRUE);
  g_log_set_writer_func (guard_writer, NULL, NULL);
}

void
fbk_test_token_forbid_in_logs (const char *text)
{
  g_mutex_lock (&guard_mutex);
  if (forbidden == NULL)
    forbidden = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (forbidden, g_strdup (text));
  g_mutex_unlock (&guard_mutex);
}

guint
fbk_test_token_log_messages_checked (void)
{
  guint count;

  g_mutex_lock (&guard_mutex);
  count = messages_checked;
  g_mutex_unlock (&guard_mutex);
  return count;
}

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Waiter;

static void
waiter_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  waiter->done = TRUE;
}

gboolean
fbk_test_token_store_save (FbkTokenStore  *store,
                           const char     *token,
                           GCancellable   *cancellable,
                           guint           timeout_seconds,
                           GError        **error)
{
  Waiter waiter = { 0 };
  gboolean ok;

  fbk_token_store_save_async (store, token, cancellable, waiter_cb, &waiter);
  fbk_test_wait_until (waiter.done, timeout_seconds);
  ok = fbk_token_store_save_finish (store, waiter.result, error);
  g_object_unref (waiter.result);
  return ok;
}

FbkTokenString
fbk_test_token_store_lookup (FbkTokenStore  *store,
                             GCancellable   *cancellable,
                             guint           timeout_seconds,
                             GError        **error)
{
  Waiter waiter = { 0 };
  FbkTokenString token;

  fbk_token_store_lookup_async (store, cancellable, waiter_cb, &waiter);
  fbk_test_wait_until (waiter.done, timeout_seconds);
  token = fbk_token_store_lookup_finish (store, waiter.result, error);
  g_object_unref (waiter.result);
  return token;
}

gboolean
fbk_test_token_store_clear (FbkTokenStore  *store,
                            GCancellable   *cancellable,
                            guint           timeout_seconds,
                            GError        **error)
{
  Waiter waiter = { 0 };
  gboolean ok;

  fbk_token_store_clear_async (store, cancellable, waiter_cb, &waiter);
  fbk_test_wait_until (waiter.done, timeout_seconds);
  ok = fbk_token_store_clear_finish (store, waiter.result, error);
  g_object_unref (waiter.result);
  return ok;
}

/* Inside a Flatpak sandbox libsecret 0.20.5 asks the Secret portal before
 * any backend, even the file backend with a test password, and warns
 * (fatally, in a test) when there is no session bus to ask it on. A
 * sandboxed app always has one; flatpak-builder's build sandbox, where the
 * manifest runs the tests, has none, so there tests/meson.build gives each
 * test a private bus, with no Secret Service and no portal on it. */
static gboolean
in_flatpak_sandbox (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/* No Secret Service for this process, as on a desktop without one. Call
 * before anything connects to a bus. */
void
fbk_test_token_hide_session_bus (void)
{
  if (!in_flatpak_sandbox ())
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/forbruk-test-bus", TRUE);
}

/* A test of what happens with no bus at all cannot run in a sandbox. */
gboolean
fbk_test_token_skip_without_bus_in_flatpak (void)
{
  if (!in_flatpak_sandbox ())
    return FALSE;

  g_test_skip ("inside a Flatpak sandbox libsecret needs a session bus to ask the Secret portal on");
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The keyring suite's session                                              */
/* ------------------------------------------------------------------------ */

static char *unusable_reason;
static int watchdog_seconds;

/* Whether this session's keyring may be used; if not, marks the running
 * test skipped, or failed where a keyring is required (CI). */
gboolean
fbk_test_keyring_usable (void)
{
  if (unusable_reason == NULL)
    return TRUE;
  if (g_strcmp0 (g_getenv ("FORBRUK_TEST_REQUIRE_KEYRING"), "1") == 0)
    g_test_fail_printf ("%s", unusable_reason);
  else
    g_test_skip (unusable_reason);
  return FALSE;
}

/* Decided before any test runs, without autolaunching a bus. */
void
fbk_test_keyring_check (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GVariant) activatable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **names = NULL;
  gboolean has_owner = FALSE;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      unusable_reason = g_strdup ("no private session bus (run build-aux/run-tests.sh)");
      return;
    }

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      unusable_reason = g_strdup_printf ("no session bus: %s", error->message);
      return;
    }

  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  activatable = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "ListActivatableNames", NULL,
                                             G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  if (owned != NULL)
    g_variant_get (owned, "(b)", &has_owner);
  if (activatable != NULL)
    g_variant_get (activatable, "(^a&s)", &names);

  if (!has_owner && (names == NULL || !g_strv_contains (names, "org.freedesktop.secrets")))
    unusable_reason = g_strdup ("no Secret Service on the session bus");
  else if (g_strcmp0 (g_getenv ("FORBRUK_TEST_REQUIRE_KEYRING"), "1") != 0)
    unusable_reason = g_strdup ("not touching a keyring that may be the user's own; "
                                "set FORBRUK_TEST_REQUIRE_KEYRING=1 on a throw-away one (build-aux/run-tests.sh)");
}

static gpointer
watchdog_thread (gpointer data)
{
  g_usleep ((gulong) watchdog_seconds * G_USEC_PER_SEC);
  /* Through stdio, not g_error(), which would wait for locks a hung
   * main thread might hold. */
  printf ("Bail out! no answer from the keyring in %d s (a prompt?)\n", watchdog_seconds);
  fflush (stdout);
  abort ();
  return NULL;
}

/* A prompt can block a keyring call forever: abort the whole test program
 * after @seconds instead of hanging the suite. */
void
fbk_test_keyring_start_watchdog (int seconds)
{
  watchdog_seconds = seconds;
  g_thread_unref (g_thread_new ("watchdog", watchdog_thread, NULL));
}
