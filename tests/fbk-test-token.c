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
