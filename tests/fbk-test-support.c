/* fbk-test-support.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-test-support.h"

void
fbk_test_wait_until_impl (const gboolean *flag,
                          guint           timeout_seconds,
                          const char     *location,
                          const char     *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_seconds * G_USEC_PER_SEC;

  while (!*flag)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s: timed out after %u s waiting for %s", location, timeout_seconds, what);
      /* Poll rather than block so the deadline is checked even when no
       * source ever becomes ready. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

GBytes *
fbk_test_load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

FbkInstant
fbk_test_instant (const char *text)
{
  FbkInstant value = 0;

  if (!fbk_time_parse (text, &value))
    g_error ("not an RFC 3339 time: %s", text);
  return value;
}

void
fbk_test_async_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  FbkTestAsync *async = user_data;

  async->n_callbacks++;
  g_set_object (&async->result, result);
  async->done = TRUE;
}
