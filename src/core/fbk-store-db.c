/* fbk-store-db.c: FbkStore's operations, each on a connection the caller
 * holds for the duration of the call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fbk-store-private.h"

/* Metered values are an hour or a quarter of one; a day is a generous bound
 * that lets range queries use the (meter, direction, start) key. */
#define MAX_VALUE_DURATION (24 * FBK_SECONDS_PER_HOUR)

static void
bind_instant (sqlite3_stmt *stmt,
              int           index,
              FbkInstant    instant)
{
  if (instant == FBK_INSTANT_INVALID)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, instant);
}

static FbkInstant
column_instant (sqlite3_stmt *stmt,
                int           index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return FBK_INSTANT_INVALID;
  return sqlite3_column_int64 (stmt, index);
}

/* *out_key is 0 when the meter is unknown (SQLite's keys start at 1). */
static gboolean
lookup_meter (sqlite3     *db,
              const char  *metering_point_id,
              gint64      *out_key,
              const char  *what,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = fbk_store_prepare (db, "SELECT id FROM meters WHERE metering_point_id = ?1", what, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, metering_point_id, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      fbk_store_set_sqlite_error (error, db, rc, what);
      return FALSE;
    }
  *out_key = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

static gboolean
ensure_meter (sqlite3     *db,
              const char  *metering_point_id,
              gint64      *out_key,
              const char  *what,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = fbk_store_prepare (db,
                            "INSERT INTO meters (metering_point_id) VALUES (?1)"
                            " ON CONFLICT (metering_point_id) DO NOTHING",
                            what, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, metering_point_id, -1, SQLITE_STATIC);
  if (!fbk_store_step_done (stmt, what, error))
    return FALSE;

  return lookup_meter (db, metering_point_id, out_key, what, error);
}

/* The spans of one series that overlap [from, to), oldest first. */
static GArray *
load_spans (sqlite3      *db,
            gint64        key,
            FbkDirection  direction,
            FbkInstant    from,
            FbkInstant    to,
            const char   *what,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (FbkFetchSpan));
  int rc;

  stmt = fbk_store_prepare (db,
                            "SELECT range_from, range_to, fetched_at, had_unverified, had_holes FROM fetch_log"
                            " WHERE meter = ?1 AND direction = ?2 AND range_to > ?3 AND range_from < ?4"
                            " ORDER BY range_from",
                            what, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, direction);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FbkFetchSpan span = {
        .from = sqlite3_column_int64 (stmt, 0),
        .to = sqlite3_column_int64 (stmt, 1),
        .fetched_at = sqlite3_column_int64 (stmt, 2),
        .had_unverified = sqlite3_column_int (stmt, 3) != 0,
        .holes = sqlite3_column_int (stmt, 4),
      };

      g_array_append_val (spans, span);
    }
  if (rc != SQLITE_DONE)
    {
      fbk_store_set_sqlite_error (error, db, rc, what);
      return NULL;
    }
  return g_steal_pointer (&spans);
}

static gboolean
holds_unverified (sqlite3             *db,
                  gint64               key,
                  FbkDirection         direction,
                  const FbkFetchSpan  *span,
                  gboolean            *out_holds,
                  const char          *what,
                  GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = fbk_store_prepare (db,
                            "SELECT EXISTS (SELECT 1 FROM meter_values"
                            " WHERE meter = ?1 AND direction = ?2 AND start >= ?3 AND start < ?4"
                            " AND verified = 0)",
                            what, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, direction);
  sqlite3_bind_int64 (stmt, 3, span->from);
  sqlite3_bind_int64 (stmt, 4, span->to);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      fbk_store_set_sqlite_error (error, db, rc, what);
      return FALSE;
    }
  *out_holds = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* How much of @span the stored values cover: they tile it exactly when
 * their durations add up to its length, as values never overlap
 * (fit_to_grid()). */
static gboolean
count_holes (sqlite3             *db,
             gint64               key,
             FbkDirection         direction,
             const FbkFetchSpan  *span,
             FbkFetchSpanHoles   *out_holes,
             const char          *what,
             GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = fbk_store_prepare (db,
                            "SELECT coalesce (sum (duration), 0) FROM meter_values"
                            " WHERE meter = ?1 AND direction = ?2 AND start >= ?3 AND start < ?4",
                            what, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, direction);
  sqlite3_bind_int64 (stmt, 3, span->from);
  sqlite3_bind_int64 (stmt, 4, span->to);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      fbk_store_set_sqlite_error (error, db, rc, what);
      return FALSE;
    }
  if (sqlite3_column_int64 (stmt, 0) == 0)
    *out_holes = FBK_FETCH_SPAN_EMPTY;
  else if (sqlite3_column_int64 (stmt, 0) < span->to - span->from)
    *out_holes = FBK_FETCH_SPAN_HOLES;
  else
    *out_holes = FBK_FETCH_SPAN_COMPLETE;
  return TRUE;
}

/* The whole log of a series is read, changed in memory and written back:
 * coalescing keeps it to a few rows, and this way the rules live in one
 * plain function (fbk_fetch_log_record()) rather than in SQL. */
static gboolean
record_fetch (sqlite3            *db,
              gint64              key,
              FbkDirection        direction,
              const FbkFetchSpan *fetch,
              const char         *what,
              GError            **error)
{
  g_autoptr(sqlite3_stmt) clear_log = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GArray) spans = NULL;

  spans = load_spans (db, key, direction, G_MININT64, G_MAXINT64, what, error);
  if (spans == NULL)
    return FALSE;

  fbk_fetch_log_record (spans, fetch);

  /* The flag is what the span holds now, after the upsert: exact for the
   * new span, and for the older ones that the fetch cut down it drops the
   * unverified values the fetch replaced. Settled spans never drive a
   * refetch, so theirs can stay as it is. */
  for (guint i = 0; i < spans->len; i++)
    {
      FbkFetchSpan *span = &g_array_index (spans, FbkFetchSpan, i);

      if (span->from == fetch->from ||
          (span->had_unverified && !fbk_fetch_span_is_settled (span)))
        {
          if (!holds_unverified (db, key, direction, span, &span->had_unverified, what, error))
            return FALSE;
        }
      if (span->from == fetch->from &&
          !count_holes (db, key, direction, span, &span->holes, what, error))
        return FALSE;
    }

  fbk_fetch_log_coalesce (spans);

  clear_log = fbk_store_prepare (db, "DELETE FROM fetch_log WHERE meter = ?1 AND direction = ?2", what, error);
  if (clear_log == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear_log, 1, key);
  sqlite3_bind_int (clear_log, 2, direction);
  if (!fbk_store_step_done (clear_log, what, error))
    return FALSE;

  insert = fbk_store_prepare (db,
                              "INSERT INTO fetch_log"
                              " (meter, direction, range_from, range_to, fetched_at, had_unverified, had_holes)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              what, error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, key);
  sqlite3_bind_int (insert, 2, direction);

  for (guint i = 0; i < spans->len; i++)
    {
      const FbkFetchSpan *span = &g_array_index (spans, FbkFetchSpan, i);

      sqlite3_bind_int64 (insert, 3, span->from);
      sqlite3_bind_int64 (insert, 4, span->to);
      sqlite3_bind_int64 (insert, 5, span->fetched_at);
      sqlite3_bind_int (insert, 6, span->had_unverified);
      sqlite3_bind_int (insert, 7, span->holes);
      if (!fbk_store_step_done (insert, what, error))
        return FALSE;
    }
  return TRUE;
}

/* Rows per upsert statement. One statement per row spent most of its time
 * starting and ending the statement rather than storing the row; one of
 * many rows pays that once (BENCHMARKS.md, "Offline store"). Four
 * parameters a row stay far below SQLite's limit of 32,766. */
#define UPSERT_BATCH_ROWS 64

/* The rule of fbk_interval_replaces(), in SQL: a verified value replaces
 * anything; an unverified one replaces only an unverified one. Keep the two
 * alike. Identical rows are left alone, so "changed" counts only
 * what is really new and unchanged pages are not rewritten. ?1 and ?2 are
 * the meter and direction, then four parameters for each of @n_rows. */
static sqlite3_stmt *
prepare_upsert (sqlite3     *db,
                guint        n_rows,
                const char  *what,
                GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO meter_values (meter, direction, start, duration, kwh, verified)"
                                         " VALUES ");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (sql, "%s(?1, ?2, ?%u, ?%u, ?%u, ?%u)", i > 0 ? ", " : "",
                            3 + 4 * i, 4 + 4 * i, 5 + 4 * i, 6 + 4 * i);

  g_string_append (sql,
                   " ON CONFLICT (meter, direction, start) DO UPDATE"
                   " SET duration = excluded.duration, kwh = excluded.kwh,"
                   "     verified = excluded.verified"
                   " WHERE (excluded.verified OR NOT meter_values.verified)"
                   "   AND (meter_values.duration != excluded.duration"
                   "        OR meter_values.kwh != excluded.kwh"
                   "        OR meter_values.verified != excluded.verified)");

  return fbk_store_prepare (db, sql->str, what, error);
}

/* Rows go in body order, within and across statements, as one statement
 * each would put them: a later row for the same start meets the earlier
 * one as a conflict. */
static gboolean
upsert_values (sqlite3            *db,
               gint64              key,
               FbkDirection        direction,
               const FbkInterval  *intervals,
               guint               n_intervals,
               guint              *out_changed,
               const char         *what,
               GError            **error)
{
  g_autoptr(sqlite3_stmt) full = NULL;
  g_autoptr(sqlite3_stmt) rest = NULL;
  guint changed = 0;

  for (guint done = 0; done < n_intervals;)
    {
      guint n_rows = MIN (UPSERT_BATCH_ROWS, n_intervals - done);
      sqlite3_stmt **upsert = n_rows == UPSERT_BATCH_ROWS ? &full : &rest;

      if (*upsert == NULL)
        {
          if ((*upsert = prepare_upsert (db, n_rows, what, error)) == NULL)
            return FALSE;
          sqlite3_bind_int64 (*upsert, 1, key);
          sqlite3_bind_int (*upsert, 2, direction);
        }

      for (guint i = 0; i < n_rows; i++)
        {
          const FbkInterval *interval = &intervals[done + i];
          int first = 3 + 4 * (int) i;

          sqlite3_bind_int64 (*upsert, first, interval->start);
          sqlite3_bind_int64 (*upsert, first + 1, interval->duration);
          sqlite3_bind_double (*upsert, first + 2, interval->kwh);
          sqlite3_bind_int (*upsert, first + 3, (interval->flags & FBK_INTERVAL_VERIFIED) != 0);
        }

      if (!fbk_store_step_done (*upsert, what, error))
        return FALSE;
      changed += sqlite3_changes (db);
      done += n_rows;
    }

  *out_changed = changed;
  return TRUE;
}

/* The stored values of a series that overlap [from, to), by start. */
static GArray *
load_overlapping (sqlite3      *db,
                  gint64        key,
                  FbkDirection  direction,
                  FbkInstant    from,
                  FbkInstant    to,
                  const char   *what,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
  int rc;

  stmt = fbk_store_prepare (db,
                            "SELECT start, duration, verified FROM meter_values"
                            " WHERE meter = ?1 AND direction = ?2 AND start >= ?3 AND start < ?4"
                            " AND start + duration > ?5 ORDER BY start",
                            what, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, direction);
  sqlite3_bind_int64 (stmt, 3, from - MAX_VALUE_DURATION);
  sqlite3_bind_int64 (stmt, 4, to);
  sqlite3_bind_int64 (stmt, 5, from);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FbkInterval value = {
        .start = sqlite3_column_int64 (stmt, 0),
        .duration = (guint32) sqlite3_column_int64 (stmt, 1),
        .flags = sqlite3_column_int (stmt, 2) ? FBK_INTERVAL_VERIFIED : 0,
      };

      g_array_append_val (values, value);
    }
  if (!fbk_store_step_is (stmt, rc, SQLITE_DONE, what, error))
    return NULL;
  return g_steal_pointer (&values);
}

static gboolean
delete_value (sqlite3       *db,
              gint64         key,
              FbkDirection   direction,
              FbkInstant     start,
              const char    *what,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = fbk_store_prepare (db, "DELETE FROM meter_values WHERE meter = ?1 AND direction = ?2 AND start = ?3",
                            what, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, direction);
  sqlite3_bind_int64 (stmt, 3, start);
  return fbk_store_step_done (stmt, what, error);
}

/* One value per clock interval: where the answer's values lie on another
 * grid than stored ones (quarter-hours where hours were stored, or the
 * other way round, or starts off the hour), the stored values they overlap
 * go, unless one of those is verified and the answer's value is not; then
 * the answer's value is left out instead. Values of the same start and
 * length are left to the upsert and its rule. @batch is sorted by start
 * (repeated starts allowed); what is to be upserted goes to @kept, in the
 * same order. Returns FALSE on a database error. */
static gboolean
fit_to_grid (sqlite3            *db,
             gint64              key,
             FbkDirection        direction,
             const FbkInterval  *batch,
             guint               n_batch,
             GArray             *kept,
             guint              *out_removed,
             const char         *what,
             GError            **error)
{
  g_autoptr(GArray) stored = NULL;
  g_autoptr(GArray) doomed = g_array_new (FALSE, FALSE, sizeof (FbkInstant));
  guint first = 0;

  *out_removed = 0;
  if (n_batch == 0)
    return TRUE;

  stored = load_overlapping (db, key, direction, batch[0].start, fbk_interval_end (&batch[n_batch - 1]),
                             what, error);
  if (stored == NULL)
    return FALSE;

  for (guint i = 0; i < n_batch; i++)
    {
      const FbkInterval *incoming = &batch[i];
      gboolean displaces_verified = FALSE;
      guint n_doomed = doomed->len;

      /* Stored values are sorted by start and do not overlap each other. */
      while (first < stored->len && fbk_interval_end (&g_array_index (stored, FbkInterval, first)) <= incoming->start)
        first++;

      for (guint j = first; j < stored->len; j++)
        {
          const FbkInterval *old = &g_array_index (stored, FbkInterval, j);

          if (old->start >= fbk_interval_end (incoming))
            break;
          if (old->start == incoming->start && old->duration == incoming->duration)
            continue;
          if (!fbk_interval_replaces (old, incoming))
            displaces_verified = TRUE;
          else if (old->start != incoming->start)
            g_array_append_val (doomed, old->start);
        }

      if (displaces_verified)
        g_array_set_size (doomed, n_doomed);
      else
        g_array_append_val (kept, *incoming);
    }

  for (guint i = 0; i < doomed->len; i++)
    {
      FbkInstant start = g_array_index (doomed, FbkInstant, i);

      /* Two values of the answer may overlap the same stored one. */
      if (i > 0 && g_array_index (doomed, FbkInstant, i - 1) == start)
        continue;
      if (!delete_value (db, key, direction, start, what, error))
        return FALSE;
      (*out_removed)++;
    }
  return TRUE;
}

/* Where the earliest fetch logged in [from, to) begins (*out_from) and the
 * latest ends (*out_to); FALSE when none is. */
static gboolean
logged_extent (GArray     *spans,
               FbkInstant  from,
               FbkInstant  to,
               FbkInstant *out_from,
               FbkInstant *out_to)
{
  gboolean found = FALSE;

  for (guint i = 0; i < spans->len; i++)
    {
      const FbkFetchSpan *span = &g_array_index (spans, FbkFetchSpan, i);

      if (span->to <= from || span->from >= to)
        continue;
      if (!found)
        *out_from = MAX (span->from, from);
      *out_to = MIN (span->to, to);
      found = TRUE;
    }
  return found;
}

/* What a fetch of [from, to) settles (see fbk-store.h): the span of its
 * values @asked, widened over the hours it left out at either end only where
 * an earlier fetch had already covered them (a hole asked for again). An
 * empty *out_settled (from == to) settles nothing. */
static gboolean
settled_range (sqlite3        *db,
               gint64          key,
               FbkDirection    direction,
               FbkInstant      from,
               FbkInstant      to,
               GArray         *asked,
               FbkStoreRange  *out_settled,
               const char     *what,
               GError        **error)
{
  g_autoptr(GArray) spans = load_spans (db, key, direction, from, to, what, error);
  FbkInstant logged_from = to, logged_to = to;
  FbkInstant covered_from, covered_to;
  gboolean logged;

  if (spans == NULL)
    return FALSE;

  logged = logged_extent (spans, from, to, &logged_from, &logged_to);
  if (asked->len == 0)
    {
      /* No values at all: only a range logged before counts as asked again. */
      out_settled->from = logged ? logged_from : to;
      out_settled->to = logged ? logged_to : to;
      return TRUE;
    }

  covered_from = g_array_index (asked, FbkInterval, 0).start;
  covered_to = MIN (fbk_interval_end (&g_array_index (asked, FbkInterval, asked->len - 1)), to);
  out_settled->from = logged ? MIN (logged_from, covered_from) : covered_from;
  out_settled->to = logged ? MAX (logged_to, covered_to) : covered_to;
  return TRUE;
}

static gboolean
import_locked (sqlite3            *db,
               const char         *metering_point_id,
               FbkDirection        direction,
               FbkInstant          from,
               FbkInstant          to,
               FbkInstant          fetched_at,
               const FbkInterval  *intervals,
               guint               n_intervals,
               guint              *out_changed,
               const char         *what,
               GError            **error)
{
  g_autoptr(GArray) asked = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), n_intervals);
  g_autoptr(GArray) kept = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), n_intervals);
  /* What lies after the fetch was made cannot have been answered, however
   * far the request reached. */
  FbkInstant answered_to = MIN (to, fetched_at);
  FbkStoreRange settled = { answered_to, answered_to };
  guint changed = 0, removed = 0;
  gint64 key;

  /* Only what was asked for: an answer may carry more. Sorted, but not
   * folded: g_qsort_with_data() is stable, so a start repeated in the answer
   * still meets the upsert in answer order, as if each came on its own. */
  for (guint i = 0; i < n_intervals; i++)
    {
      if (intervals[i].start >= from && fbk_interval_end (&intervals[i]) <= to)
        g_array_append_val (asked, intervals[i]);
    }
  g_qsort_with_data (asked->data, (gint) asked->len, sizeof (FbkInterval), fbk_interval_compare_start, NULL);

  if (!ensure_meter (db, metering_point_id, &key, what, error) ||
      !fit_to_grid (db, key, direction, (const FbkInterval *) (gpointer) asked->data, asked->len, kept,
                    &removed, what, error) ||
      !upsert_values (db, key, direction, (const FbkInterval *) (gpointer) kept->data, kept->len, &changed,
                      what, error))
    return FALSE;

  if (from < answered_to &&
      !settled_range (db, key, direction, from, answered_to, asked, &settled, what, error))
    return FALSE;

  if (settled.from < settled.to)
    {
      /* Both counted once the values are in (record_fetch()). */
      FbkFetchSpan fetch = { settled.from, settled.to, fetched_at, TRUE, FBK_FETCH_SPAN_HOLES };

      if (!record_fetch (db, key, direction, &fetch, what, error))
        return FALSE;
    }

  if (out_changed != NULL)
    *out_changed = changed + removed;
  return TRUE;
}

gboolean
fbk_store_db_import (sqlite3            *db,
                     const char         *metering_point_id,
                     FbkDirection        direction,
                     FbkInstant          from,
                     FbkInstant          to,
                     FbkInstant          fetched_at,
                     const FbkInterval  *intervals,
                     guint               n_intervals,
                     guint              *out_changed,
                     GError            **error)
{
  const char *what = _("Could not save the meter data");
  gboolean ok;

  /* IMMEDIATE: take the write lock up front, so a busy database waits for
   * the busy timeout here rather than failing halfway. */
  if (!fbk_store_exec (db, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  ok = import_locked (db, metering_point_id, direction, from, to, fetched_at,
                      intervals, n_intervals, out_changed, what, error);
  return fbk_store_end_transaction (db, ok, what, error);
}

GArray *
fbk_store_db_load (sqlite3       *db,
                   const char    *metering_point_id,
                   FbkDirection   direction,
                   FbkInstant     from,
                   FbkInstant     to,
                   GError       **error)
{
  const char *what = _("Could not read the stored meter data");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
  int rc;

  stmt = fbk_store_prepare (db,
                            "SELECT start, duration, kwh, verified FROM meter_values"
                            " WHERE meter = (SELECT id FROM meters WHERE metering_point_id = ?1)"
                            " AND direction = ?2 AND start >= ?3 AND start < ?4"
                            " ORDER BY start",
                            what, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, metering_point_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, direction);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FbkInterval interval = {
        .start = sqlite3_column_int64 (stmt, 0),
        .duration = (guint32) sqlite3_column_int64 (stmt, 1),
        .flags = sqlite3_column_int (stmt, 3) ? FBK_INTERVAL_VERIFIED : 0,
        .kwh = sqlite3_column_double (stmt, 2),
      };

      g_array_append_val (intervals, interval);
    }
  if (!fbk_store_step_is (stmt, rc, SQLITE_DONE, what, error))
    return NULL;
  return g_steal_pointer (&intervals);
}

/* Adds the unverified values of @span that its fetch did not settle. The
 * lower bound on start only lets SQLite use the key: a value that ended
 * after fetched_at - SETTLE_AGE started after that minus a day. */
static gboolean
add_unsettled_values (sqlite3             *db,
                      gint64               key,
                      FbkDirection         direction,
                      const FbkFetchSpan  *span,
                      FbkInstant           from,
                      FbkInstant           to,
                      GArray              *ranges,
                      const char          *what,
                      GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  FbkInstant settled_before = span->fetched_at - FBK_STORE_SETTLE_AGE;
  int rc;

  stmt = fbk_store_prepare (db,
                            "SELECT start, start + duration FROM meter_values"
                            " WHERE meter = ?1 AND direction = ?2 AND start >= ?3 AND start < ?4"
                            " AND verified = 0 AND start + duration > ?5"
                            " ORDER BY start",
                            what, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, direction);
  sqlite3_bind_int64 (stmt, 3, MAX (MAX (span->from, from), settled_before - MAX_VALUE_DURATION));
  sqlite3_bind_int64 (stmt, 4, MIN (span->to, to));
  sqlite3_bind_int64 (stmt, 5, settled_before);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    fbk_store_ranges_add (ranges, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1));

  return fbk_store_step_is (stmt, rc, SQLITE_DONE, what, error);
}

/* Adds the hours of @span ∩ [from, to) that no stored value covers. */
static gboolean
add_holes (sqlite3             *db,
           gint64               key,
           FbkDirection         direction,
           const FbkFetchSpan  *span,
           FbkInstant           from,
           FbkInstant           to,
           GArray              *ranges,
           const char          *what,
           GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  FbkInstant cursor = MAX (span->from, from);
  FbkInstant end = MIN (span->to, to);
  int rc;

  stmt = fbk_store_prepare (db,
                            "SELECT start, start + duration FROM meter_values"
                            " WHERE meter = ?1 AND direction = ?2 AND start >= ?3 AND start < ?4"
                            " ORDER BY start",
                            what, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, direction);
  sqlite3_bind_int64 (stmt, 3, cursor);
  sqlite3_bind_int64 (stmt, 4, end);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      fbk_store_ranges_add (ranges, cursor, sqlite3_column_int64 (stmt, 0));
      cursor = MAX (cursor, sqlite3_column_int64 (stmt, 1));
    }
  if (!fbk_store_step_is (stmt, rc, SQLITE_DONE, what, error))
    return FALSE;

  fbk_store_ranges_add (ranges, cursor, end);
  return TRUE;
}

static gboolean
plan_locked (sqlite3      *db,
             const char   *metering_point_id,
             FbkDirection  direction,
             FbkInstant    from,
             FbkInstant    to,
             FbkInstant    now,
             GArray       *ranges,
             const char   *what,
             GError      **error)
{
  g_autoptr(GArray) spans = NULL;
  gboolean recheck = FALSE;
  gint64 key;

  if (!lookup_meter (db, metering_point_id, &key, what, error))
    return FALSE;

  spans = key != 0 ? load_spans (db, key, direction, from, to, what, error)
                   : g_array_new (FALSE, FALSE, sizeof (FbkFetchSpan));
  if (spans == NULL)
    return FALSE;

  fbk_store_ranges_add_gaps (ranges, spans, from, to);
  fbk_store_ranges_add (ranges, MAX (from, now - FBK_STORE_TRAILING_WINDOW), to);

  for (guint i = 0; i < spans->len; i++)
    {
      if (fbk_fetch_span_needs_recheck (&g_array_index (spans, FbkFetchSpan, i), now))
        {
          recheck = TRUE;
          break;
        }
    }

  /* Once one span is due, all unsettled values are asked for together: their
   * fetch times fall in step, and later rechecks cost one request each
   * rather than one per refresh. */
  for (guint i = 0; recheck && i < spans->len; i++)
    {
      const FbkFetchSpan *span = &g_array_index (spans, FbkFetchSpan, i);

      if (!fbk_fetch_span_is_settled (span) &&
          !add_unsettled_values (db, key, direction, span, from, to, ranges, what, error))
        return FALSE;
    }

  for (guint i = 0; i < spans->len; i++)
    {
      const FbkFetchSpan *span = &g_array_index (spans, FbkFetchSpan, i);

      if (fbk_fetch_span_holes_due (span, now) &&
          !add_holes (db, key, direction, span, from, to, ranges, what, error))
        return FALSE;
    }
  return TRUE;
}

GArray *
fbk_store_db_plan_refresh (sqlite3       *db,
                           const char    *metering_point_id,
                           FbkDirection   direction,
                           FbkInstant     from,
                           FbkInstant     to,
                           FbkInstant     now,
                           GError       **error)
{
  const char *what = _("Could not read the stored meter data");
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (FbkStoreRange));
  gboolean ok;

  /* Nothing after now can be fetched yet. */
  to = MIN (to, now);
  if (from >= to)
    return g_steal_pointer (&ranges);

  /* One read transaction, so the log and the values agree even while
   * another process writes. */
  if (!fbk_store_exec (db, "BEGIN", what, error))
    return NULL;
  ok = plan_locked (db, metering_point_id, direction, from, to, now, ranges, what, error);
  if (!fbk_store_end_transaction (db, ok, what, error))
    return NULL;

  fbk_store_ranges_normalize (ranges);
  return g_steal_pointer (&ranges);
}

gboolean
fbk_store_db_note_meter (sqlite3     *db,
                         const char  *metering_point_id,
                         FbkInstant   contract_start,
                         FbkInstant   contract_end,
                         gboolean     produces,
                         FbkInstant   seen_at,
                         GError     **error)
{
  const char *what = _("Could not save the meter’s details");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = fbk_store_prepare (db,
                            "INSERT INTO meters"
                            " (metering_point_id, contract_start, contract_end, produces, last_seen)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)"
                            " ON CONFLICT (metering_point_id) DO UPDATE"
                            " SET contract_start = excluded.contract_start,"
                            "     contract_end = excluded.contract_end,"
                            "     produces = excluded.produces OR EXISTS (SELECT 1 FROM meter_values AS v"
                            "                  WHERE v.meter = meters.id AND v.direction = 1),"
                            "     last_seen = excluded.last_seen",
                            what, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, metering_point_id, -1, SQLITE_STATIC);
  bind_instant (stmt, 2, contract_start);
  bind_instant (stmt, 3, contract_end);
  sqlite3_bind_int (stmt, 4, produces ? 1 : 0);
  bind_instant (stmt, 5, seen_at);
  return fbk_store_step_done (stmt, what, error);
}

gboolean
fbk_store_db_set_meter_name (sqlite3     *db,
                             const char  *metering_point_id,
                             const char  *name,
                             GError     **error)
{
  const char *what = _("Could not save the meter’s name");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = fbk_store_prepare (db,
                            "INSERT INTO meters (metering_point_id, name) VALUES (?1, ?2)"
                            " ON CONFLICT (metering_point_id) DO UPDATE SET name = excluded.name",
                            what, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, metering_point_id, -1, SQLITE_STATIC);
  if (name != NULL && name[0] != '\0')
    sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 2);
  return fbk_store_step_done (stmt, what, error);
}

GPtrArray *
fbk_store_db_list_meters (sqlite3  *db,
                          GError  **error)
{
  const char *what = _("Could not read the stored meters");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) meters = g_ptr_array_new_with_free_func ((GDestroyNotify) fbk_store_meter_free);
  int rc;

  /* The newest end is the end of the value with the newest start, which
   * the key finds without reading the series. */
  stmt = fbk_store_prepare (db,
                            "SELECT metering_point_id, name, contract_start, contract_end, produces, last_seen,"
                            " (SELECT start + duration FROM meter_values"
                            "   WHERE meter = meters.id AND direction = ?1 ORDER BY start DESC LIMIT 1),"
                            " (SELECT start + duration FROM meter_values"
                            "   WHERE meter = meters.id AND direction = ?2 ORDER BY start DESC LIMIT 1)"
                            " FROM meters ORDER BY metering_point_id",
                            what, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, FBK_DIRECTION_CONSUMPTION);
  sqlite3_bind_int (stmt, 2, FBK_DIRECTION_PRODUCTION);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FbkStoreMeter *meter = g_new0 (FbkStoreMeter, 1);

      meter->metering_point_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      meter->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      meter->contract_start = column_instant (stmt, 2);
      meter->contract_end = column_instant (stmt, 3);
      meter->produces = sqlite3_column_int (stmt, 4) != 0;
      meter->last_seen = column_instant (stmt, 5);
      meter->data_end[FBK_DIRECTION_CONSUMPTION] = column_instant (stmt, 6);
      meter->data_end[FBK_DIRECTION_PRODUCTION] = column_instant (stmt, 7);
      g_ptr_array_add (meters, meter);
    }
  if (!fbk_store_step_is (stmt, rc, SQLITE_DONE, what, error))
    return NULL;
  return g_steal_pointer (&meters);
}

static gboolean
count_rows (sqlite3     *db,
            const char  *sql,
            guint64     *out_count,
            const char  *what,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = fbk_store_prepare (db, sql, what, error);
  if (stmt == NULL || !fbk_store_step_is (stmt, sqlite3_step (stmt), SQLITE_ROW, what, error))
    return FALSE;
  *out_count = (guint64) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static guint64
file_size (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return 0;
  return (guint64) buf.st_size;
}

gboolean
fbk_store_db_get_stats (sqlite3        *db,
                        FbkStoreStats  *out_stats,
                        GError        **error)
{
  const char *what = _("Could not read the storage statistics");
  const char *path = sqlite3_db_filename (db, "main");
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  guint64 n_meters;

  if (!count_rows (db, "SELECT count(*) FROM meter_values", &out_stats->n_values, what, error) ||
      !count_rows (db, "SELECT count(*) FROM meters", &n_meters, what, error))
    return FALSE;

  out_stats->n_meters = (guint) n_meters;
  out_stats->disk_bytes = file_size (path) + file_size (wal_path);
  return TRUE;
}

gboolean
fbk_store_db_delete (sqlite3     *db,
                     const char  *metering_point_id,
                     GError     **error)
{
  const char *what = _("Could not delete the stored meter data");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  if (!fbk_store_exec (db, "BEGIN IMMEDIATE", what, error))
    return FALSE;

  /* Values and the fetch log go with their meter (ON DELETE CASCADE). */
  stmt = fbk_store_prepare (db,
                            metering_point_id != NULL
                              ? "DELETE FROM meters WHERE metering_point_id = ?1"
                              : "DELETE FROM meters",
                            what, error);
  ok = stmt != NULL;
  if (ok && metering_point_id != NULL)
    sqlite3_bind_text (stmt, 1, metering_point_id, -1, SQLITE_STATIC);
  ok = ok && fbk_store_step_done (stmt, what, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Everything is everything: the spot prices go too. */
  if (ok && metering_point_id == NULL)
    ok = fbk_store_exec (db, "DELETE FROM spot_prices; DELETE FROM price_days", what, error);

  if (!fbk_store_end_transaction (db, ok, what, error))
    return FALSE;

  /* The person asked for the space back: rebuild the file without the freed
   * pages, and empty the write-ahead log the rebuild went through. */
  return fbk_store_exec (db, "VACUUM", what, error) &&
         fbk_store_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", what, error);
}
