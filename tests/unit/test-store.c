/* test-store.c: the offline store on real SQLite files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fbk-store-sync.h"
#include "fbk-test-support.h"

#define METER_A "707057500012345678"
#define METER_B "707057500087654321"
#define HOUR    FBK_SECONDS_PER_HOUR
#define DAY     (24 * HOUR)

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("forbruk-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "forbruk.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static FbkInstant
instant (const char *text)
{
  FbkInstant value;

  g_assert_true (fbk_time_parse (text, &value));
  return value;
}

/* n hourly values from start; value i is kwh + i / 1000, so each is told
 * apart from its neighbours and from other batches. */
static GArray *
make_hours (FbkInstant start,
            guint      n,
            gboolean   verified,
            double     kwh)
{
  GArray *values = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), n);

  for (guint i = 0; i < n; i++)
    {
      FbkInterval interval = {
        .start = start + (FbkInstant) i * HOUR,
        .duration = HOUR,
        .flags = verified ? FBK_INTERVAL_VERIFIED : 0,
        .kwh = kwh + i / 1000.0,
      };

      g_array_append_val (values, interval);
    }
  return values;
}

static FbkStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  FbkStore *store = fbk_store_open_sync (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_null (fbk_store_get_reset_error (store));
  g_assert_null (fbk_store_get_moved_aside_path (store));
  return store;
}

static guint
import (FbkStore     *store,
        const char   *meter,
        FbkDirection  direction,
        FbkInstant    from,
        FbkInstant    to,
        FbkInstant    fetched_at,
        GArray       *values)
{
  g_autoptr(GError) error = NULL;
  guint changed = G_MAXUINT;

  g_assert_true (fbk_store_import_sync (store, meter, direction, from, to, fetched_at, values,
                                        &changed, NULL, &error));
  g_assert_no_error (error);
  return changed;
}

/* Imports n hourly values from start as the answer to a fetch of exactly
 * those hours. */
static guint
import_hours (FbkStore     *store,
              const char   *meter,
              FbkDirection  direction,
              FbkInstant    start,
              guint         n,
              gboolean      verified,
              double        kwh,
              FbkInstant    fetched_at)
{
  g_autoptr(GArray) values = make_hours (start, n, verified, kwh);

  return import (store, meter, direction, start, start + (FbkInstant) n * HOUR, fetched_at, values);
}

static GArray *
load (FbkStore     *store,
      const char   *meter,
      FbkDirection  direction,
      FbkInstant    from,
      FbkInstant    to)
{
  g_autoptr(GError) error = NULL;
  GArray *values = fbk_store_load_sync (store, meter, direction, from, to, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (values);
  return values;
}

static GArray *
plan (FbkStore   *store,
      const char *meter,
      FbkInstant  from,
      FbkInstant  to,
      FbkInstant  now)
{
  g_autoptr(GError) error = NULL;
  GArray *ranges = fbk_store_plan_refresh_sync (store, meter, FBK_DIRECTION_CONSUMPTION,
                                                from, to, now, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ranges);
  return ranges;
}

static char *
format_ranges (const FbkStoreRange *ranges,
               guint                n)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *from = fbk_time_format_utc (ranges[i].from);
      g_autofree char *to = fbk_time_format_utc (ranges[i].to);

      g_string_append_printf (text, "%s%s..%s", i > 0 ? ", " : "", from, to);
    }
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

#define assert_ranges(ranges, ...) \
  G_STMT_START { \
    const FbkStoreRange expected_[] = { __VA_ARGS__ }; \
    assert_ranges_impl ((ranges), expected_, G_N_ELEMENTS (expected_), G_STRLOC); \
  } G_STMT_END

static void
assert_ranges_impl (GArray              *ranges,
                    const FbkStoreRange *expected,
                    guint                n_expected,
                    const char          *location)
{
  g_autofree char *got = format_ranges ((const FbkStoreRange *) ranges->data, ranges->len);
  g_autofree char *want = format_ranges (expected, n_expected);

  if (strcmp (got, want) != 0)
    g_error ("%s: planned %s, expected %s", location, got, want);
}

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static void
exec_raw (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autofree char *text = query_text (db, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

static void
assert_file_contents (const char *path,
                      const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

/* Async results, waited for on the default main context. */
typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  /* Results are delivered where the call was made, never on the worker. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static GAsyncResult *
wait_for (Wait *wait)
{
  fbk_test_wait_until (wait->done, 10);
  return wait->result;
}

/* Opening */

static void
test_open_default_path_async (void)
{
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "forbruk", "forbruk.db", NULL);
  g_autofree char *default_path = fbk_store_dup_default_path ();
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal_mode = NULL;
  Wait wait = { 0 };
  sqlite3 *db;

  g_assert_cmpstr (default_path, ==, expected);
  /* The isolated test data folder has no forbruk folder yet. */
  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));

  fbk_store_open_async (NULL, NULL, wait_cb, &wait);
  store = fbk_store_open_finish (wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpstr (fbk_store_get_path (store), ==, expected);
  g_assert_null (fbk_store_get_reset_error (store));
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));

  db = open_raw (expected);
  journal_mode = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 4);
  /* There is no place for the token, and there must never be one. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%token%'"), ==, 0);
  sqlite3_close (db);
}

static void
test_open_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  g_cancellable_cancel (cancellable);
  fbk_store_open_async (f->path, cancellable, wait_cb, &wait);
  store = fbk_store_open_finish (wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (store);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* A file that cannot be opened at all is not damage: it stays where it is. */
static void
test_open_failure_not_moved (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  guint n_entries = 0;

  g_assert_cmpint (g_mkdir (f->path, 0700), ==, 0);

  store = fbk_store_open_sync (f->path, NULL, &error);
  g_assert_error (error, FBK_STORE_ERROR, FBK_STORE_ERROR_FAILED);
  g_assert_null (store);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_DIR));

  dir = g_dir_open (f->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_entries++;
  g_assert_cmpuint (n_entries, ==, 1);
  g_rmdir (f->path);
}

/* Upserts */

static void
test_upsert_verified_rules (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  FbkInstant t0 = instant ("2024-01-10T00:00:00+01:00");
  FbkInstant fetched = t0 + 30 * DAY;
  g_autoptr(GArray) values = NULL;

  /* New unverified values are stored; sending them again changes nothing. */
  g_assert_cmpuint (import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, 24, FALSE, 1.0, fetched), ==, 24);
  g_assert_cmpuint (import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, 24, FALSE, 1.0, fetched), ==, 0);

  /* An unverified value replaces an unverified one. */
  g_assert_cmpuint (import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, 12, FALSE, 1.5, fetched), ==, 12);

  /* A verified value replaces an unverified one. */
  g_assert_cmpuint (import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, 6, TRUE, 2.0, fetched), ==, 6);

  /* An unverified value never replaces a verified one... */
  g_assert_cmpuint (import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, 24, FALSE, 3.0, fetched), ==, 18);

  /* ...but a verified correction replaces a verified value. */
  g_assert_cmpuint (import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, 2, TRUE, 2.5, fetched), ==, 2);

  values = load (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, t0 + DAY);
  g_assert_cmpuint (values->len, ==, 24);
  for (guint i = 0; i < values->len; i++)
    {
      const FbkInterval *v = &g_array_index (values, FbkInterval, i);
      double expected = i < 2 ? 2.5 + i / 1000.0 : i < 6 ? 2.0 + i / 1000.0 : 3.0 + i / 1000.0;

      g_assert_cmpint (v->start, ==, t0 + (FbkInstant) i * HOUR);
      g_assert_cmpuint (v->duration, ==, HOUR);
      g_assert_cmpfloat_with_epsilon (v->kwh, expected, 1e-9);
      g_assert_cmpuint (v->flags, ==, i < 6 ? FBK_INTERVAL_VERIFIED : 0);
    }

  /* The other direction and the other meter are separate series. */
  g_clear_pointer (&values, g_array_unref);
  values = load (store, METER_A, FBK_DIRECTION_PRODUCTION, t0, t0 + DAY);
  g_assert_cmpuint (values->len, ==, 0);
  g_clear_pointer (&values, g_array_unref);
  values = load (store, METER_B, FBK_DIRECTION_CONSUMPTION, t0, t0 + DAY);
  g_assert_cmpuint (values->len, ==, 0);
}

/* Values go in many to a statement (fbk-store-db.c): the rules and the
 * count of changes hold across statements, and a start repeated within
 * one answer, even one that straddles two statements, behaves as if each
 * value came on its own in order. */
static void
test_upsert_many_rows (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  FbkInstant t0 = instant ("2024-03-01T00:00:00+01:00");
  FbkInstant fetched = t0 + 30 * DAY;
  g_autoptr(GArray) again = make_hours (t0, 150, FALSE, 1.0);
  g_autoptr(GArray) repeats = make_hours (t0 + 10 * DAY, 130, FALSE, 1.0);
  g_autoptr(GArray) values = NULL;
  FbkInterval *v;

  g_assert_cmpuint (import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, 150, FALSE, 1.0, fetched), ==, 150);

  /* every other value now verified, the rest sent again unchanged */
  for (guint i = 0; i < again->len; i += 2)
    g_array_index (again, FbkInterval, i).flags = FBK_INTERVAL_VERIFIED;
  g_assert_cmpuint (import (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, t0 + 150 * HOUR, fetched, again), ==, 75);

  /* [64] repeats [63]'s start, verified: it replaces it; [128] repeats
   * [127]'s, unverified after a verified one: it is ignored */
  v = (FbkInterval *) (gpointer) repeats->data;
  v[64].start = v[63].start;
  v[64].flags = FBK_INTERVAL_VERIFIED;
  v[64].kwh = 8.0;
  v[127].flags = FBK_INTERVAL_VERIFIED;
  v[127].kwh = 9.0;
  v[128].start = v[127].start;
  v[128].kwh = 10.0;
  g_assert_cmpuint (import (store, METER_B, FBK_DIRECTION_CONSUMPTION, v[0].start, v[129].start + HOUR, fetched,
                            repeats), ==, 129);

  values = load (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, t0 + 150 * HOUR);
  g_assert_cmpuint (values->len, ==, 150);
  for (guint i = 0; i < values->len; i++)
    {
      g_assert_cmpint (g_array_index (values, FbkInterval, i).start, ==, t0 + (FbkInstant) i * HOUR);
      g_assert_cmpuint (g_array_index (values, FbkInterval, i).flags, ==, i % 2 == 0 ? FBK_INTERVAL_VERIFIED : 0);
    }
  g_clear_pointer (&values, g_array_unref);

  values = load (store, METER_B, FBK_DIRECTION_CONSUMPTION, v[0].start, v[129].start + HOUR);
  g_assert_cmpuint (values->len, ==, 128);
  g_assert_cmpint (g_array_index (values, FbkInterval, 63).start, ==, v[63].start);
  g_assert_cmpfloat (g_array_index (values, FbkInterval, 63).kwh, ==, 8.0);
  g_assert_cmpuint (g_array_index (values, FbkInterval, 63).flags, ==, FBK_INTERVAL_VERIFIED);
  g_assert_cmpint (g_array_index (values, FbkInterval, 126).start, ==, v[127].start);
  g_assert_cmpfloat (g_array_index (values, FbkInterval, 126).kwh, ==, 9.0);
  g_assert_cmpuint (g_array_index (values, FbkInterval, 126).flags, ==, FBK_INTERVAL_VERIFIED);
  g_assert_cmpint (g_array_index (values, FbkInterval, 127).start, ==, v[129].start);
}

static void
test_upsert_empty_answer_keeps_data (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
  g_autoptr(GArray) values = NULL;
  FbkInstant t0 = instant ("2024-02-01T00:00:00+01:00");
  FbkInstant fetched = t0 + 10 * DAY;

  store = open_store (f->path);
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, 48, TRUE, 1.0, fetched);

  g_assert_cmpuint (import (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, t0 + 2 * DAY, fetched + HOUR, empty), ==, 0);
  g_assert_cmpuint (import (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, t0 + 2 * DAY, fetched + HOUR, NULL), ==, 0);

  /* ...also after reopening: nothing was deleted on disk either. */
  g_clear_object (&store);
  store = open_store (f->path);
  values = load (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, t0 + 2 * DAY);
  g_assert_cmpuint (values->len, ==, 48);
  g_assert_cmpfloat_with_epsilon (g_array_index (values, FbkInterval, 47).kwh, 1.047, 1e-9);
}

/* Reads */

static void
test_load_dst_days (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  struct {
    FbkDate date;
    guint   hours;
  } days[] = {
    { { 2023, 3, 26 }, 23 },
    { { 2023, 10, 29 }, 25 },
    { { 2023, 10, 30 }, 24 },
  };

  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    {
      FbkInstant midnight = fbk_time_oslo_midnight (days[d].date);
      FbkInstant next = fbk_time_oslo_midnight (fbk_date_add_days (days[d].date, 1));
      g_autoptr(GArray) values = NULL;
      g_autoptr(GArray) reversed = make_hours (midnight - 3 * DAY, 7 * 24, TRUE, d);

      /* Stored newest first; read back sorted. */
      for (guint i = 0; i < reversed->len / 2; i++)
        {
          FbkInterval tmp = g_array_index (reversed, FbkInterval, i);

          g_array_index (reversed, FbkInterval, i) = g_array_index (reversed, FbkInterval, reversed->len - 1 - i);
          g_array_index (reversed, FbkInterval, reversed->len - 1 - i) = tmp;
        }
      import (store, METER_A, FBK_DIRECTION_CONSUMPTION, midnight - 3 * DAY, midnight + 4 * DAY,
              midnight + 10 * DAY, reversed);

      values = load (store, METER_A, FBK_DIRECTION_CONSUMPTION, midnight, next);
      g_assert_cmpuint (values->len, ==, days[d].hours);
      g_assert_cmpint (g_array_index (values, FbkInterval, 0).start, ==, midnight);
      for (guint i = 0; i < values->len; i++)
        {
          const FbkInterval *v = &g_array_index (values, FbkInterval, i);

          g_assert_cmpint (v->start, ==, midnight + (FbkInstant) i * HOUR);
          g_assert_cmpint (fbk_time_oslo_date (v->start).day, ==, days[d].date.day);
          /* Each hour is the one that was stored for that instant. */
          g_assert_cmpfloat_with_epsilon (v->kwh, d + (3 * 24 + i) / 1000.0, 1e-9);
        }
      g_assert_cmpint (fbk_interval_end (&g_array_index (values, FbkInterval, values->len - 1)), ==, next);
    }
}

/* Fetch planning */

static void
test_plan_never_fetched (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  FbkInstant now = instant ("2024-03-20T12:30:00Z");
  FbkInstant hour = instant ("2024-03-20T12:00:00Z");
  FbkInstant from = hour - 60 * DAY;
  g_autoptr(GArray) ranges = NULL;

  /* Nothing stored: all of it, widened to whole hours and cut at now. */
  ranges = plan (store, METER_A, from + 15 * 60, now + 30 * DAY, now);
  assert_ranges (ranges, { from, hour + HOUR });
  g_clear_pointer (&ranges, g_array_unref);

  /* Two verified stretches fetched long after they ended leave three gaps;
   * the last gap runs into the trailing window. */
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, from + 10 * DAY, 10 * 24, TRUE, 1.0, now - DAY);
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, from + 30 * DAY, 20 * 24, TRUE, 1.0, now - DAY);

  ranges = plan (store, METER_A, from, now, now);
  assert_ranges (ranges,
                 { from, from + 10 * DAY },
                 { from + 20 * DAY, from + 30 * DAY },
                 { from + 50 * DAY, hour + HOUR });
  g_clear_pointer (&ranges, g_array_unref);

  /* Another meter and another direction have their own log. */
  ranges = plan (store, METER_B, from, now, now);
  assert_ranges (ranges, { from, hour + HOUR });
  g_clear_pointer (&ranges, g_array_unref);

  /* A range that lies wholly after now asks for nothing. */
  ranges = plan (store, METER_A, now + HOUR, now + DAY, now);
  g_assert_cmpuint (ranges->len, ==, 0);
}

static void
test_plan_trailing_window (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  FbkInstant now = instant ("2024-03-20T12:00:00Z");
  FbkInstant from = now - 365 * DAY;
  g_autoptr(GArray) ranges = NULL;

  /* A year of verified history, fetched a minute ago up to now. */
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, from, 365 * 24, TRUE, 1.0, now - 60);

  /* Verified history is never asked for again; the last 48 hours always are. */
  ranges = plan (store, METER_A, from, now, now);
  assert_ranges (ranges, { now - FBK_STORE_TRAILING_WINDOW, now });
  g_clear_pointer (&ranges, g_array_unref);

  /* Asking only for old history asks for nothing. */
  ranges = plan (store, METER_A, from, from + 30 * DAY, now);
  g_assert_cmpuint (ranges->len, ==, 0);
  g_clear_pointer (&ranges, g_array_unref);

  /* The trailing window is cut to what was asked for. */
  ranges = plan (store, METER_A, from, now - DAY, now);
  assert_ranges (ranges, { now - FBK_STORE_TRAILING_WINDOW, now - DAY });
}

static void
test_plan_unverified_refresh (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  FbkInstant t0 = instant ("2024-03-20T12:00:00Z");
  FbkInstant from = t0 - 10 * DAY;
  g_autoptr(GArray) ranges = NULL;

  /* Fetched at t0: verified up to 60 hours back, unverified after that (the
   * machine was off, or Elvia is late verifying). */
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, from, 10 * 24 - 60, TRUE, 1.0, t0);
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0 - 60 * HOUR, 60, FALSE, 1.0, t0);
  /* The log says the whole stretch was one fetch. */
  import (store, METER_A, FBK_DIRECTION_CONSUMPTION, from, t0, t0, NULL);

  /* An hour later the unverified values before the trailing window were
   * fetched too recently to ask again. */
  ranges = plan (store, METER_A, from, t0 + HOUR, t0 + HOUR);
  assert_ranges (ranges, { t0 + HOUR - FBK_STORE_TRAILING_WINDOW, t0 + HOUR });
  g_clear_pointer (&ranges, g_array_unref);

  /* After the recheck interval they are asked for, merged with the window. */
  ranges = plan (store, METER_A, from, t0 + 7 * HOUR, t0 + 7 * HOUR);
  assert_ranges (ranges, { t0 - 60 * HOUR, t0 + 7 * HOUR });
  g_clear_pointer (&ranges, g_array_unref);

  /* The answer is verified now: only the trailing window remains. */
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0 - 60 * HOUR, 67, TRUE, 1.0, t0 + 7 * HOUR);
  ranges = plan (store, METER_A, from, t0 + 14 * HOUR, t0 + 14 * HOUR);
  assert_ranges (ranges, { t0 + 14 * HOUR - FBK_STORE_TRAILING_WINDOW, t0 + 14 * HOUR });
}

/* A value fetched while young, whose recheck never happened because the
 * machine was off for weeks, is asked for once more, then never again. */
static void
test_plan_unverified_after_long_pause (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  FbkInstant t0 = instant ("2024-03-20T12:00:00Z");
  FbkInstant later = t0 + 30 * DAY;
  g_autoptr(GArray) ranges = NULL;

  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0 - 5 * DAY, 4 * 24, TRUE, 1.0, t0);
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0 - DAY, 24, FALSE, 1.0, t0);

  ranges = plan (store, METER_A, t0 - 5 * DAY, t0, later);
  assert_ranges (ranges, { t0 - DAY, t0 });
  g_clear_pointer (&ranges, g_array_unref);

  /* Still unverified when fetched a month later: final. */
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0 - DAY, 24, FALSE, 1.0, later);
  ranges = plan (store, METER_A, t0 - 5 * DAY, t0, later + 7 * HOUR);
  g_assert_cmpuint (ranges->len, ==, 0);
}

/* Innlandet: nothing is ever verified. Refresh hourly for twenty days and
 * count how often each hour is asked for outside the trailing window. */
static void
test_plan_innlandet_bounded (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  FbkInstant t0 = instant ("2024-03-20T12:00:00Z");
  FbkInstant history = t0 - 30 * DAY;
  const guint n_steps = 20 * 24;
  guint n_hours = (guint) ((t0 + (FbkInstant) n_steps * HOUR - history) / HOUR);
  g_autofree guint *extra = g_new0 (guint, n_hours);
  /* From leaving the trailing window until fetched at the settle age: one
   * request per recheck interval, one for rounding, and one for falling in
   * step with its neighbours. */
  const guint max_extra = (FBK_STORE_SETTLE_AGE - FBK_STORE_TRAILING_WINDOW) / FBK_STORE_RECHECK_INTERVAL + 2;
  guint max_seen = 0;
  FbkInstant now = t0;
  g_autoptr(GArray) ranges = NULL;
  sqlite3 *db;

  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, history, 30 * 24, FALSE, 1.0, t0);

  for (guint step = 1; step <= n_steps; step++)
    {
      now = t0 + (FbkInstant) step * HOUR;
      g_clear_pointer (&ranges, g_array_unref);
      ranges = plan (store, METER_A, history, now, now);
      /* Rechecks and the trailing window touch: one request per refresh. */
      g_assert_cmpuint (ranges->len, ==, 1);

      for (guint r = 0; r < ranges->len; r++)
        {
          const FbkStoreRange *range = &g_array_index (ranges, FbkStoreRange, r);
          /* Only hours that have ended are metered. */
          guint n = (guint) ((MIN (range->to, now) - range->from) / HOUR);
          g_autoptr(GArray) values = make_hours (range->from, n, FALSE, 1.0);

          for (FbkInstant s = range->from; s < range->to && s < now - FBK_STORE_TRAILING_WINDOW; s += HOUR)
            extra[(s - history) / HOUR]++;
          import (store, METER_A, FBK_DIRECTION_CONSUMPTION, range->from, range->to, now, values);
        }
    }

  for (guint i = 0; i < n_hours; i++)
    {
      FbkInstant start = history + (FbkInstant) i * HOUR;

      /* Already final when the history was first fetched. */
      if (start + HOUR + FBK_STORE_SETTLE_AGE <= t0)
        g_assert_cmpuint (extra[i], ==, 0);
      max_seen = MAX (max_seen, extra[i]);
    }
  g_test_message ("each hour asked for at most %u times outside the trailing window", max_seen);
  g_assert_cmpuint (max_seen, >, 0);
  g_assert_cmpuint (max_seen, <=, max_extra);

  /* Settled history is no longer asked for: only the trailing window. */
  g_clear_pointer (&ranges, g_array_unref);
  ranges = plan (store, METER_A, history, now + 6 * HOUR, now + 6 * HOUR);
  g_assert_cmpuint (ranges->len, ==, 1);
  g_assert_cmpint (g_array_index (ranges, FbkStoreRange, 0).from, >=, now - FBK_STORE_SETTLE_AGE);

  /* However often the window was fetched, the log stays a few rows long. */
  db = open_raw (f->path);
  g_test_message ("fetch log: %" G_GINT64_FORMAT " rows", query_int (db, "SELECT count(*) FROM fetch_log"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM fetch_log"), <=, 24 / (FBK_STORE_RECHECK_INTERVAL / HOUR) + 30);
  sqlite3_close (db);
}

static void
test_plan_merging (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  FbkInstant now = instant ("2024-03-20T12:00:00Z");
  FbkInstant t = now - 20 * DAY;
  g_autoptr(GArray) ranges = NULL;

  /* From t:  verified [0, 2d), nothing [2d, 3d), fetched young and still
   * unverified [3d, 5d) with a verified hour inside, verified [5d, 8d),
   * unverified [8d, 9d), nothing after 9d. */
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t, 48, TRUE, 1.0, now - DAY);
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t + 3 * DAY, 48, FALSE, 1.0, t + 5 * DAY);
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t + 4 * DAY, 1, TRUE, 1.0, t + 5 * DAY);
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t + 5 * DAY, 72, TRUE, 1.0, now - DAY);
  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t + 8 * DAY, 24, FALSE, 1.0, t + 9 * DAY);

  ranges = plan (store, METER_A, t, now, now);
  /* The gap and the unverified run next to it make one request; the
   * verified hour splits the run; the last run touches the never-fetched
   * tail, which swallows the trailing window. */
  assert_ranges (ranges,
                 { t + 2 * DAY, t + 4 * DAY },
                 { t + 4 * DAY + HOUR, t + 5 * DAY },
                 { t + 8 * DAY, now });
}

/* Migrations */

static void
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) v1_schema = fbk_test_load_fixture ("store-v1.sql");
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(GPtrArray) meters = NULL;
  g_autoptr(GArray) values = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GError) error = NULL;
  FbkInstant t0 = instant ("2024-03-20T12:00:00Z");
  const FbkStoreMeter *meter;
  sqlite3_stmt *insert;
  sqlite3 *db = NULL;

  /* A version-1 file as that version left it: 30 days, the last two of
   * them unverified, and a meter the user named. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  exec_raw (db, "PRAGMA journal_mode = WAL");
  exec_raw (db, g_bytes_get_data (v1_schema, NULL));
  exec_raw (db, "INSERT INTO meters (id, metering_point_id, name, produces) VALUES (7, '" METER_A "', 'Hytta', 0)");
  exec_raw (db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO meter_values VALUES (7, 0, ?, 3600, ?, ?)", -1, &insert, NULL), ==, SQLITE_OK);
  for (FbkInstant s = t0 - 30 * DAY; s < t0; s += HOUR)
    {
      sqlite3_bind_int64 (insert, 1, s);
      sqlite3_bind_double (insert, 2, 0.5);
      sqlite3_bind_int (insert, 3, s < t0 - 2 * DAY);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
      sqlite3_reset (insert);
    }
  sqlite3_finalize (insert);
  exec_raw (db, "COMMIT");
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 1);
  sqlite3_close (db);

  store = open_store (f->path);

  db = open_raw (f->path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM fetch_log"), ==, 1);
  /* Thirty whole days of hours: no holes (version 3). */
  g_assert_cmpint (query_int (db, "SELECT had_holes FROM fetch_log"), ==, 0);
  /* Version 4's price tables start empty. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM spot_prices"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM price_days"), ==, 0);
  sqlite3_close (db);

  values = load (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0 - 30 * DAY, t0);
  g_assert_cmpuint (values->len, ==, 30 * 24);

  meters = fbk_store_list_meters_sync (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meters->len, ==, 1);
  meter = g_ptr_array_index (meters, 0);
  g_assert_cmpstr (meter->name, ==, "Hytta");
  g_assert_cmpint (meter->data_end[FBK_DIRECTION_CONSUMPTION], ==, t0);

  /* The migrated history counts as fetched: shortly after, only the
   * trailing window; after the recheck interval also the unverified days,
   * and never the verified history. */
  ranges = plan (store, METER_A, t0 - 30 * DAY, t0 + HOUR, t0 + HOUR);
  assert_ranges (ranges, { t0 + HOUR - FBK_STORE_TRAILING_WINDOW, t0 + HOUR });
  g_clear_pointer (&ranges, g_array_unref);
  ranges = plan (store, METER_A, t0 - 30 * DAY, t0 + 7 * HOUR, t0 + 7 * HOUR);
  assert_ranges (ranges, { t0 - 2 * DAY, t0 + 7 * HOUR });

  /* Migrated files take new data like fresh ones. */
  g_assert_cmpuint (import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, t0, 7, FALSE, 1.0, t0 + 7 * HOUR), ==, 7);
}

/* Damage and newer files */

static void
test_newer_version_moved_aside (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *source = g_build_filename (f->dir, "source.db", NULL);
  g_autofree char *source_wal = g_strconcat (source, "-wal", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *moved_wal = NULL;
  g_autofree char *property = NULL;
  g_autofree char *note = NULL;
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  FbkStoreStats stats;
  const GError *reset;
  const char *moved;
  sqlite3 *writer = NULL;
  sqlite3 *db;

  /* A newer Forbruk's file whose latest changes are still in its
   * write-ahead log: copy both while the writer keeps them apart. */
  g_assert_cmpint (sqlite3_open (source, &writer), ==, SQLITE_OK);
  exec_raw (writer, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                    "CREATE TABLE future (note TEXT); PRAGMA user_version = 99;"
                    "INSERT INTO future VALUES ('from the future');");
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (source_wal, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  g_assert_true (g_file_set_contents (wal, contents, length, NULL));
  sqlite3_close (writer);

  store = fbk_store_open_sync (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  reset = fbk_store_get_reset_error (store);
  g_assert_error (reset, FBK_STORE_ERROR, FBK_STORE_ERROR_TOO_NEW);
  moved = fbk_store_get_moved_aside_path (store);
  g_assert_nonnull (moved);
  g_assert_true (g_str_has_prefix (moved, f->path));
  g_assert_true (strstr (moved, ".newer-") != NULL);
  g_assert_nonnull (strstr (reset->message, moved));
  g_object_get (store, "moved-aside-path", &property, NULL);
  g_assert_cmpstr (property, ==, moved);

  /* The old file and its log moved together, untouched. */
  moved_wal = g_strconcat (moved, "-wal", NULL);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (moved_wal, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  db = open_raw (moved);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 99);
  note = query_text (db, "SELECT note FROM future");
  g_assert_cmpstr (note, ==, "from the future");
  sqlite3_close (db);

  /* A fresh, empty store in its place. */
  g_assert_true (fbk_store_get_stats_sync (store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_values, ==, 0);
  g_assert_cmpuint (import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, 0, 3, TRUE, 1.0, DAY), ==, 3);
  g_clear_object (&store);

  /* ...which opens cleanly next time. */
  store = open_store (f->path);
}

static void
test_garbage_moved_aside (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *moved_wal = NULL;
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = NULL;
  GString *garbage = g_string_new (NULL);
  const char *moved;
  Wait wait = { 0 };

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (garbage, "not a database %u\n", i);
  g_assert_true (g_file_set_contents (f->path, garbage->str, -1, NULL));
  g_assert_true (g_file_set_contents (wal, "stale log", -1, NULL));

  fbk_store_open_async (f->path, NULL, wait_cb, &wait);
  store = fbk_store_open_finish (wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_error (fbk_store_get_reset_error (store), FBK_STORE_ERROR, FBK_STORE_ERROR_DAMAGED);
  moved = fbk_store_get_moved_aside_path (store);
  g_assert_true (strstr (moved, ".damaged-") != NULL);
  assert_file_contents (moved, garbage->str);
  moved_wal = g_strconcat (moved, "-wal", NULL);
  assert_file_contents (moved_wal, "stale log");

  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, 0, 5, TRUE, 1.0, DAY);
  values = load (store, METER_A, FBK_DIRECTION_CONSUMPTION, 0, DAY);
  g_assert_cmpuint (values->len, ==, 5);
  g_string_free (garbage, TRUE);
}

static void
test_damaged_pages_moved_aside (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *moved_contents = NULL;
  gsize length;

  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, 0, 20000, TRUE, 1.0, 20000 * HOUR);
  g_clear_object (&store);

  /* Closing checkpointed everything into the file; scribble over the
   * middle of it, as a failing disk might. */
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 16 * 4096);
  memset (contents + 8 * 4096, 0x5a, 4 * 4096);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));

  store = fbk_store_open_sync (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_error (fbk_store_get_reset_error (store), FBK_STORE_ERROR, FBK_STORE_ERROR_DAMAGED);
  g_assert_true (g_file_get_contents (fbk_store_get_moved_aside_path (store), &moved_contents, NULL, NULL));
  g_assert_true (memcmp (moved_contents, contents, length) == 0);
}

/* Meters, statistics, deleting */

static void
test_meters (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  g_autoptr(GPtrArray) meters = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkStoreMeter) copy = NULL;
  FbkInstant start = instant ("2021-05-01T00:00:00+02:00");
  FbkInstant seen = instant ("2024-03-20T12:00:00Z");
  const FbkStoreMeter *a;
  const FbkStoreMeter *b;

  g_assert_true (fbk_store_note_meter_sync (store, METER_B, start, FBK_INSTANT_INVALID, TRUE, seen, NULL, &error));
  g_assert_true (fbk_store_note_meter_sync (store, METER_A, FBK_INSTANT_INVALID, FBK_INSTANT_INVALID, FALSE, seen, NULL, &error));
  g_assert_true (fbk_store_set_meter_name_sync (store, METER_B, "Hjemme", NULL, &error));
  /* Learning about the meter again keeps the name the user gave it. */
  g_assert_true (fbk_store_note_meter_sync (store, METER_B, start, seen - DAY, TRUE, seen + HOUR, NULL, &error));
  g_assert_no_error (error);
  import_hours (store, METER_B, FBK_DIRECTION_CONSUMPTION, seen - 10 * HOUR, 8, TRUE, 1.0, seen);
  import_hours (store, METER_B, FBK_DIRECTION_PRODUCTION, seen - 10 * HOUR, 5, TRUE, 1.0, seen);

  meters = fbk_store_list_meters_sync (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meters->len, ==, 2);
  a = g_ptr_array_index (meters, 0);
  b = g_ptr_array_index (meters, 1);

  g_assert_cmpstr (a->metering_point_id, ==, METER_A);
  g_assert_null (a->name);
  g_assert_cmpint (a->contract_start, ==, FBK_INSTANT_INVALID);
  g_assert_false (a->produces);
  g_assert_cmpint (a->data_end[FBK_DIRECTION_CONSUMPTION], ==, FBK_INSTANT_INVALID);

  g_assert_cmpstr (b->metering_point_id, ==, METER_B);
  g_assert_cmpstr (b->name, ==, "Hjemme");
  g_assert_cmpint (b->contract_start, ==, start);
  g_assert_cmpint (b->contract_end, ==, seen - DAY);
  g_assert_true (b->produces);
  g_assert_cmpint (b->last_seen, ==, seen + HOUR);
  g_assert_cmpint (b->data_end[FBK_DIRECTION_CONSUMPTION], ==, seen - 2 * HOUR);
  g_assert_cmpint (b->data_end[FBK_DIRECTION_PRODUCTION], ==, seen - 5 * HOUR);

  copy = fbk_store_meter_copy (b);
  g_assert_cmpstr (copy->name, ==, "Hjemme");
  g_assert_true (copy->name != b->name);

  /* Clearing the name. */
  g_assert_true (fbk_store_set_meter_name_sync (store, METER_B, NULL, NULL, &error));
  g_clear_pointer (&meters, g_ptr_array_unref);
  meters = fbk_store_list_meters_sync (store, NULL, &error);
  g_assert_null (((FbkStoreMeter *) g_ptr_array_index (meters, 1))->name);
}

static void
test_stats_and_delete (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  g_autoptr(GPtrArray) meters = NULL;
  g_autoptr(GArray) values = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GError) error = NULL;
  FbkInstant now = instant ("2024-03-20T12:00:00Z");
  FbkStoreStats empty, full, one, none;

  g_assert_true (fbk_store_get_stats_sync (store, &empty, NULL, &error));
  g_assert_cmpuint (empty.n_values, ==, 0);
  g_assert_cmpuint (empty.n_meters, ==, 0);
  g_assert_cmpuint (empty.disk_bytes, >, 0);

  import_hours (store, METER_A, FBK_DIRECTION_CONSUMPTION, now - 365 * DAY, 365 * 24, TRUE, 1.0, now);
  import_hours (store, METER_B, FBK_DIRECTION_CONSUMPTION, now - 100 * DAY, 100 * 24, TRUE, 1.0, now);
  import_hours (store, METER_B, FBK_DIRECTION_PRODUCTION, now - 100 * DAY, 100 * 24, TRUE, 1.0, now);

  g_assert_true (fbk_store_get_stats_sync (store, &full, NULL, &error));
  g_assert_cmpuint (full.n_values, ==, 365 * 24 + 200 * 24);
  g_assert_cmpuint (full.n_meters, ==, 2);
  /* At least a few bytes a value, wherever they are (file or log). */
  g_assert_cmpuint (full.disk_bytes, >, empty.disk_bytes + full.n_values * 8);

  /* Deleting one meter takes its values and its fetch log, nothing else. */
  g_assert_true (fbk_store_delete_sync (store, METER_B, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (fbk_store_get_stats_sync (store, &one, NULL, &error));
  g_assert_cmpuint (one.n_values, ==, 365 * 24);
  g_assert_cmpuint (one.n_meters, ==, 1);
  g_assert_cmpuint (one.disk_bytes, <, full.disk_bytes);
  values = load (store, METER_B, FBK_DIRECTION_PRODUCTION, now - 100 * DAY, now);
  g_assert_cmpuint (values->len, ==, 0);
  ranges = plan (store, METER_B, now - 10 * DAY, now, now);
  assert_ranges (ranges, { now - 10 * DAY, now });
  g_clear_pointer (&ranges, g_array_unref);
  g_clear_pointer (&values, g_array_unref);
  values = load (store, METER_A, FBK_DIRECTION_CONSUMPTION, now - 365 * DAY, now);
  g_assert_cmpuint (values->len, ==, 365 * 24);

  /* Deleting everything. */
  g_assert_true (fbk_store_delete_sync (store, NULL, NULL, &error));
  g_assert_true (fbk_store_get_stats_sync (store, &none, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (none.n_values, ==, 0);
  g_assert_cmpuint (none.n_meters, ==, 0);
  g_assert_cmpuint (none.disk_bytes, <, one.disk_bytes);
  meters = fbk_store_list_meters_sync (store, NULL, &error);
  g_assert_cmpuint (meters->len, ==, 0);
  ranges = plan (store, METER_A, now - 10 * DAY, now, now);
  assert_ranges (ranges, { now - 10 * DAY, now });
}

/* Async calls */

static void
test_async_calls (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  g_autoptr(GArray) values = make_hours (0, 100, TRUE, 1.0);
  g_autoptr(GArray) loaded = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GPtrArray) meters = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Wait import_wait = { 0 }, load_wait = { 0 }, plan_wait = { 0 }, name_wait = { 0 };
  Wait note_wait = { 0 }, list_wait = { 0 }, stats_wait = { 0 }, delete_wait = { 0 };
  Wait cancel_wait = { 0 }, after_wait = { 0 };
  FbkStoreStats stats;
  guint changed = 0;

  /* Queued back to back without waiting: they run in call order. The
   * import's array is copied, so changing it afterwards changes nothing. */
  fbk_store_import_async (store, METER_A, FBK_DIRECTION_CONSUMPTION, 0, 100 * HOUR, 100 * HOUR, values,
                          NULL, wait_cb, &import_wait);
  g_array_index (values, FbkInterval, 0).kwh = 99.0;
  fbk_store_load_async (store, METER_A, FBK_DIRECTION_CONSUMPTION, 0, 100 * HOUR, NULL, wait_cb, &load_wait);
  fbk_store_plan_refresh_async (store, METER_A, FBK_DIRECTION_CONSUMPTION, 0, 100 * HOUR, 200 * HOUR,
                                NULL, wait_cb, &plan_wait);
  fbk_store_note_meter_async (store, METER_A, 0, FBK_INSTANT_INVALID, FALSE, 100 * HOUR, NULL, wait_cb, &note_wait);
  fbk_store_set_meter_name_async (store, METER_A, "Hjemme", NULL, wait_cb, &name_wait);
  fbk_store_list_meters_async (store, NULL, wait_cb, &list_wait);
  fbk_store_get_stats_async (store, NULL, wait_cb, &stats_wait);

  g_assert_true (fbk_store_import_finish (store, wait_for (&import_wait), &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 100);

  loaded = fbk_store_load_finish (store, wait_for (&load_wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 100);
  g_assert_cmpfloat_with_epsilon (g_array_index (loaded, FbkInterval, 0).kwh, 1.0, 1e-9);

  ranges = fbk_store_plan_refresh_finish (store, wait_for (&plan_wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranges->len, ==, 0);

  g_assert_true (fbk_store_note_meter_finish (store, wait_for (&note_wait), &error));
  g_assert_true (fbk_store_set_meter_name_finish (store, wait_for (&name_wait), &error));
  meters = fbk_store_list_meters_finish (store, wait_for (&list_wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meters->len, ==, 1);
  g_assert_cmpstr (((FbkStoreMeter *) g_ptr_array_index (meters, 0))->name, ==, "Hjemme");
  g_assert_true (fbk_store_get_stats_finish (store, wait_for (&stats_wait), &stats, &error));
  g_assert_cmpuint (stats.n_values, ==, 100);

  /* A cancelled call does nothing and says so. */
  g_cancellable_cancel (cancelled);
  fbk_store_delete_async (store, NULL, cancelled, wait_cb, &cancel_wait);
  g_assert_false (fbk_store_delete_finish (store, wait_for (&cancel_wait), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&loaded, g_array_unref);
  fbk_store_load_async (store, METER_A, FBK_DIRECTION_CONSUMPTION, 0, 100 * HOUR, NULL, wait_cb, &after_wait);
  loaded = fbk_store_load_finish (store, wait_for (&after_wait), &error);
  g_assert_cmpuint (loaded->len, ==, 100);

  fbk_store_delete_async (store, NULL, NULL, wait_cb, &delete_wait);
  g_assert_true (fbk_store_delete_finish (store, wait_for (&delete_wait), &error));
  g_assert_no_error (error);

  g_clear_object (&import_wait.result);
  g_clear_object (&load_wait.result);
  g_clear_object (&plan_wait.result);
  g_clear_object (&note_wait.result);
  g_clear_object (&name_wait.result);
  g_clear_object (&list_wait.result);
  g_clear_object (&stats_wait.result);
  g_clear_object (&cancel_wait.result);
  g_clear_object (&after_wait.result);
  g_clear_object (&delete_wait.result);
}

/* Crash safety: a helper imports batch after batch, printing each batch
 * number once its transaction has committed; it is killed mid-import. */

#define CRASH_BATCH_HOURS 2000

static void
test_crash_safety (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "store-crash-helper", NULL);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verdict = NULL;
  FbkStoreStats stats;
  gint64 last = -1;
  gboolean killed = FALSE;
  char *line;
  sqlite3 *db;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, helper, f->path, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

  /* Every line read was printed after its commit returned, including those
   * still in the pipe when the child died. */
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
    {
      gint64 batch = g_ascii_strtoll (line, NULL, 10);

      g_free (line);
      g_assert_cmpint (batch, ==, last + 1);
      last = batch;
      if (last == 25 && !killed)
        {
          g_subprocess_force_exit (child);
          killed = TRUE;
        }
    }
  g_assert_no_error (error);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  g_assert_cmpint (last, >=, 25);
  g_test_message ("killed after batch %" G_GINT64_FORMAT " was reported", last);

  /* The file opens as it is: a crash is not damage. */
  store = open_store (f->path);
  db = open_raw (f->path);
  verdict = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (verdict, ==, "ok");
  sqlite3_close (db);

  for (gint64 batch = 0; batch <= last; batch++)
    {
      FbkInstant from = batch * CRASH_BATCH_HOURS * HOUR;
      g_autoptr(GArray) values = load (store, METER_A, FBK_DIRECTION_CONSUMPTION, from, from + CRASH_BATCH_HOURS * HOUR);

      g_assert_cmpuint (values->len, ==, CRASH_BATCH_HOURS);
      for (guint i = 0; i < values->len; i += 97)
        g_assert_cmpfloat_with_epsilon (g_array_index (values, FbkInterval, i).kwh, batch + i / 1000.0, 1e-9);
    }

  /* The batch that was in flight is all there or not at all. */
  g_assert_true (fbk_store_get_stats_sync (store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (stats.n_values == (guint64) (last + 1) * CRASH_BATCH_HOURS ||
                 stats.n_values == (guint64) (last + 2) * CRASH_BATCH_HOURS);
  g_test_message ("the batch in flight was %s",
                  stats.n_values == (guint64) (last + 1) * CRASH_BATCH_HOURS ? "rolled back" : "committed unreported");
}

/* A meter with production stored stays a producer when a later discovery
 * saw none (a week of December on a solar house); one without does not. */
static void
test_meters_produces_sticky (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(FbkStore) store = open_store (f->path);
  g_autoptr(GPtrArray) meters = NULL;
  g_autoptr(GError) error = NULL;
  FbkInstant t0 = instant ("2026-06-01T00:00:00+02:00");

  g_assert_true (fbk_store_note_meter_sync (store, METER_A, FBK_INSTANT_INVALID, FBK_INSTANT_INVALID, TRUE, t0, NULL, &error));
  g_assert_true (fbk_store_note_meter_sync (store, METER_B, FBK_INSTANT_INVALID, FBK_INSTANT_INVALID, TRUE, t0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (import_hours (store, METER_A, FBK_DIRECTION_PRODUCTION, t0, 24, TRUE, 0.5, t0 + 25 * HOUR), ==, 24);

  g_assert_true (fbk_store_note_meter_sync (store, METER_A, FBK_INSTANT_INVALID, FBK_INSTANT_INVALID, FALSE, t0 + 180 * DAY, NULL, &error));
  g_assert_true (fbk_store_note_meter_sync (store, METER_B, FBK_INSTANT_INVALID, FBK_INSTANT_INVALID, FALSE, t0 + 180 * DAY, NULL, &error));
  meters = fbk_store_list_meters_sync (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((FbkStoreMeter *) meters->pdata[0])->metering_point_id, ==, METER_A);
  g_assert_true (((FbkStoreMeter *) meters->pdata[0])->produces);
  g_assert_false (((FbkStoreMeter *) meters->pdata[1])->produces);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/store/open/default-path-async", test_open_default_path_async);
  ADD ("/store/open/cancelled", test_open_cancelled);
  ADD ("/store/open/failure-not-moved", test_open_failure_not_moved);
  ADD ("/store/upsert/verified-rules", test_upsert_verified_rules);
  ADD ("/store/upsert/many-rows", test_upsert_many_rows);
  ADD ("/store/upsert/empty-answer-keeps-data", test_upsert_empty_answer_keeps_data);
  ADD ("/store/load/dst-days", test_load_dst_days);
  ADD ("/store/plan/never-fetched", test_plan_never_fetched);
  ADD ("/store/plan/trailing-window", test_plan_trailing_window);
  ADD ("/store/plan/unverified-refresh", test_plan_unverified_refresh);
  ADD ("/store/plan/unverified-after-long-pause", test_plan_unverified_after_long_pause);
  ADD ("/store/plan/innlandet-bounded", test_plan_innlandet_bounded);
  ADD ("/store/plan/merging", test_plan_merging);
  ADD ("/store/migrate/from-v1", test_migrate_from_v1);
  ADD ("/store/recover/newer-version", test_newer_version_moved_aside);
  ADD ("/store/recover/garbage", test_garbage_moved_aside);
  ADD ("/store/recover/damaged-pages", test_damaged_pages_moved_aside);
  ADD ("/store/meters", test_meters);
  ADD ("/store/meters/produces-sticky", test_meters_produces_sticky);
  ADD ("/store/stats-and-delete", test_stats_and_delete);
  ADD ("/store/async", test_async_calls);
  ADD ("/store/crash-safety", test_crash_safety);

#undef ADD

  return g_test_run ();
}
