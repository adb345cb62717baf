/* fbk-test-support.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fbk-test-support.h"

guint
fbk_test_time_scale (void)
{
  const char *text = g_getenv ("FORBRUK_TEST_TIME_SCALE");
  guint64 scale = text != NULL ? g_ascii_strtoull (text, NULL, 10) : 1;

  return (guint) CLAMP (scale, 1, 1000);
}

gint64
fbk_test_deadline (guint timeout_seconds)
{
  return g_get_monotonic_time () + (gint64) timeout_seconds * fbk_test_time_scale () * G_USEC_PER_SEC;
}

void
fbk_test_wait_step (gint64      deadline,
                    guint       timeout_seconds,
                    const char *location,
                    const char *what)
{
  if (g_get_monotonic_time () > deadline)
    g_error ("%s: timed out after %u s waiting for %s", location,
             timeout_seconds * fbk_test_time_scale (), what);
  /* Poll rather than block so the deadline is checked even when no
   * source ever becomes ready. */
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (1000);
}

void
fbk_test_wait_until_impl (const gboolean *flag,
                          guint           timeout_seconds,
                          const char     *location,
                          const char     *what)
{
  gint64 deadline = fbk_test_deadline (timeout_seconds);

  while (!*flag)
    fbk_test_wait_step (deadline, timeout_seconds, location, what);
}

FbkSession *
fbk_test_new_session (const char *base_url,
                      FbkInstant  now,
                      const char *token,
                      FbkStore   *store)
{
  g_autoptr(GError) error = NULL;
  FbkSession *session = fbk_session_new (FBK_SESSION_ELVIA, base_url, base_url, store, &error);

  g_assert_no_error (error);
  fbk_clock_set_now (fbk_session_get_clock (session), now);
  fbk_session_set_token (session, token);
  fbk_session_set_retry_policy (session, 0, 10, 10);
  return session;
}

FbkSession *
fbk_test_new_demo_session (FbkInstant      now,
                           FbkDemoServer **out_server)
{
  g_autoptr(FbkDemoServer) server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  g_autoptr(FbkSession) session = NULL;
  g_autoptr(GError) error = NULL;
  FbkRepository *repository;
  FbkTestAsync async = { 0 };

  fbk_demo_server_set_now (server, now);
  fbk_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  session = fbk_test_new_session (fbk_demo_server_get_base_url (server), now, FBK_DEMO_TOKEN, NULL);
  repository = fbk_session_get_repository (session);

  fbk_repository_discover_meters_async (repository, NULL, fbk_test_async_done_cb, &async);
  fbk_test_wait_until (async.done, 10);
  g_assert_true (fbk_repository_discover_meters_finish (repository, async.result, &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);

  *out_server = g_steal_pointer (&server);
  return g_steal_pointer (&session);
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

GPtrArray *
fbk_test_read_csv (const char *text,
                   char        separator)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;

  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;

  while (*p != '\0')
    {
      g_string_truncate (field, 0);

      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_cmpint (*p, !=, '\0');
              if (*p == '"' && p[1] == '"')
                p++;
              else if (*p == '"')
                break;
              g_string_append_c (field, *p);
            }
          p++;
        }
      else
        {
          for (; *p != separator && *p != '\r' && *p != '\0'; p++)
            {
              g_assert_cmpint (*p, !=, '"');
              g_assert_cmpint (*p, !=, '\n');
              g_string_append_c (field, *p);
            }
        }

      g_ptr_array_add (fields, g_strdup (field->str));

      if (*p == separator)
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (fields, NULL);
          /* takes the strings; fields is empty and ready for the next row */
          g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
        }
    }

  g_assert_cmpuint (fields->len, ==, 0);
  return rows;
}

static void
on_start_element_cb (GMarkupParseContext  *context,
                     const char           *element_name,
                     const char          **attribute_names,
                     const char          **attribute_values,
                     gpointer              user_data,
                     GError              **error)
{
  g_ptr_array_add (user_data, g_strdup (element_name));
}

GPtrArray *
fbk_test_markup_elements (const char *text,
                          gsize       length)
{
  static const GMarkupParser parser = { on_start_element_cb, NULL, NULL, NULL, NULL };
  GPtrArray *elements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED,
                                                                       elements, NULL);
  g_autoptr(GError) error = NULL;

  g_markup_parse_context_parse (context, text, length, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  return elements;
}

gboolean
fbk_test_contains_bytes (const char *data,
                         gsize       length,
                         const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    {
      if (memcmp (data + i, needle, needle_length) == 0)
        return TRUE;
    }
  return FALSE;
}

void
fbk_test_assert_showable (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\n' && (g_unichar_iscntrl (c) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)))
        g_error ("U+%04X in “%s”", c, text);
    }
}

void
fbk_test_assert_no_token_piece (const char *text,
                                const char *token)
{
  for (gsize i = 0; i + 8 <= strlen (token); i++)
    {
      g_autofree char *piece = g_strndup (token + i, 8);

      if (strstr (text, piece) != NULL)
        g_error ("“%s” of the token is in “%s”", piece, text);
    }
}

FbkInstant
fbk_test_instant (const char *text)
{
  FbkInstant value = 0;

  if (!fbk_time_parse (text, &value))
    g_error ("not an RFC 3339 time: %s", text);
  return value;
}

/* Deletes @path and everything under it; symbolic links are removed, not
 * followed. */
void
fbk_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        fbk_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
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

void
fbk_test_assert_db_intact (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 0), ==, "ok");
  /* "ok" comes alone; problems come one row each. */
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);
  sqlite3_close (db);
}

void
fbk_test_assert_store_hours (FbkStore     *store,
                             const char   *metering_point_id,
                             FbkDirection  direction,
                             FbkInstant    from,
                             FbkInstant    to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = fbk_store_load_sync (store, metering_point_id, direction, from, to, NULL, &error);
  FbkInstant expected = from;

  g_assert_no_error (error);
  for (guint i = 0; i < values->len; i++)
    {
      const FbkInterval *interval = &g_array_index (values, FbkInterval, i);

      if (interval->start != expected || interval->duration != FBK_SECONDS_PER_HOUR)
        {
          g_autofree char *missing = fbk_time_format_oslo (expected);

          g_error ("%s %s: the hour at %s is missing from the store", metering_point_id,
                   fbk_direction_to_string (direction), missing);
        }
      expected += FBK_SECONDS_PER_HOUR;
    }
  if (expected != to)
    {
      g_autofree char *missing = fbk_time_format_oslo (expected);

      g_error ("%s %s: the store ends before %s", metering_point_id, fbk_direction_to_string (direction), missing);
    }
}
