/* test-repository.c: FbkRepository over a real SQLite store and the demo
 * server, checked through the server's request log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fbk-demo-household.h"
#include "fbk-demo-server.h"
#include "fbk-error.h"
#include "fbk-repository.h"
#include "fbk-test-support.h"

#define METERVALUES_PATH "/customer/metervalues/api/v1/metervalues"
#define HOUSE_ID "707057500061439208"
#define FLAT_ID  "707057500072815367"
#define SOLAR_ID "707057500083906177"
#define HOUR     FBK_SECONDS_PER_HOUR
#define DAY      (24 * HOUR)
#define NOW_TEXT "2024-11-15T10:20:00+01:00"

typedef struct
{
  char          *dir;
  FbkStore      *store;
  FbkDemoServer *server;
  FbkSession    *session;
  FbkRepository *repository;  /* the session's */
  FbkInstant     now;
} Fixture;

/* One metervalues request as the server saw it. */
typedef struct
{
  FbkInstant start;
  FbkInstant end;
  guint      status;
} Asked;

static void
set_now (Fixture    *f,
         FbkInstant  now)
{
  f->now = now;
  fbk_demo_server_set_now (f->server, now);
  fbk_clock_set_now (fbk_session_get_clock (f->session), now);
}

/* The repository of another session on the same server and @store, as a
 * later run of the app or the CLI has. */
static FbkRepository *
new_repository (Fixture  *f,
                FbkStore *store)
{
  g_autoptr(FbkSession) session = fbk_test_new_session (fbk_demo_server_get_base_url (f->server), f->now,
                                                        FBK_DEMO_TOKEN, store);

  /* One request at a time: the log's order is the sending order. */
  fbk_session_set_max_concurrent (session, 1);
  return g_object_ref (fbk_session_get_repository (session));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("forbruk-repository-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "forbruk.db", NULL);
  f->store = fbk_store_open_sync (path, NULL, &error);
  g_assert_no_error (error);

  f->server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  fbk_demo_server_start (f->server, 0, &error);
  g_assert_no_error (error);

  f->now = fbk_test_instant (NOW_TEXT);
  f->session = fbk_test_new_session (fbk_demo_server_get_base_url (f->server), f->now, FBK_DEMO_TOKEN, f->store);
  /* One request at a time: the log's order is the sending order. */
  fbk_session_set_max_concurrent (f->session, 1);
  set_now (f, f->now);
  f->repository = fbk_session_get_repository (f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  f->repository = NULL;
  g_clear_object (&f->session);
  g_clear_object (&f->server);
  g_clear_object (&f->store);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* --- helpers --------------------------------------------------------------- */

typedef struct
{
  guint last_done;
  guint last_total;
  guint n_calls;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, progress->last_done);
  progress->last_done = done;
  progress->last_total = total;
  progress->n_calls++;
}

static FbkRefreshResult *
refresh_full (Fixture             *f,
              FbkRepository       *repository,
              const char * const  *ids,
              FbkInstant           from,
              FbkInstant           to,
              Progress            *progress,
              GCancellable        *cancellable,
              GError             **error)
{
  FbkTestAsync waiter = { 0 };
  FbkRefreshResult *result;

  fbk_repository_refresh_async (repository, ids, from, to, FBK_REFRESH_CONSUMPTION,
                                       progress != NULL ? on_progress : NULL, progress,
                                       cancellable, fbk_test_async_done_cb, &waiter);
  fbk_test_wait_until (waiter.done, 30);
  result = fbk_repository_refresh_finish (repository, waiter.result, error);
  g_object_unref (waiter.result);

  return result;
}

static FbkRefreshResult *
refresh (Fixture     *f,
         const char  *id,
         FbkInstant   from,
         FbkInstant   to,
         GError     **error)
{
  const char *ids[] = { id, NULL };

  return refresh_full (f, f->repository, ids, from, to, NULL, NULL, error);
}

static GArray *
stored (Fixture    *f,
        const char *id,
        FbkInstant  from,
        FbkInstant  to)
{
  g_autoptr(GError) error = NULL;
  GArray *intervals = fbk_store_load_sync (f->store, id, FBK_DIRECTION_CONSUMPTION, from, to, NULL, &error);

  g_assert_no_error (error);
  return intervals;
}

/* The metervalues requests the server has seen since its log was cleared. */
static GArray *
asked (Fixture *f)
{
  GArray *requests = g_array_new (FALSE, FALSE, sizeof (Asked));

  for (guint i = 0; i < fbk_demo_server_get_n_requests (f->server); i++)
    {
      const FbkDemoRequest *request = fbk_demo_server_get_request (f->server, i);
      Asked one;

      g_assert_cmpstr (request->path, ==, METERVALUES_PATH);
      one.start = fbk_test_instant (g_hash_table_lookup (request->query, "startTime"));
      one.end = fbk_test_instant (g_hash_table_lookup (request->query, "endTime"));
      one.status = request->status;
      g_array_append_val (requests, one);
    }

  return requests;
}

static void
assert_asked (GArray     *requests,
              guint       index,
              const char *start,
              const char *end)
{
  const Asked *one;

  g_assert_cmpuint (index, <, requests->len);
  one = &g_array_index (requests, Asked, index);
  if (one->start != fbk_test_instant (start) || one->end != fbk_test_instant (end))
    {
      g_autofree char *start_text = fbk_time_format_oslo (one->start);
      g_autofree char *end_text = fbk_time_format_oslo (one->end);

      g_error ("request %u asked for %s – %s, expected %s – %s", index, start_text, end_text, start, end);
    }
}

static void
assert_same_intervals (GArray            *a,
                       const FbkInterval *b,
                       guint              n_b)
{
  g_assert_cmpuint (a->len, ==, n_b);
  for (guint i = 0; i < n_b; i++)
    {
      const FbkInterval *x = &g_array_index (a, FbkInterval, i);

      g_assert_cmpint (x->start, ==, b[i].start);
      g_assert_cmpuint (x->duration, ==, b[i].duration);
      g_assert_cmpuint (x->flags, ==, b[i].flags);
      g_assert_cmpfloat (x->kwh, ==, b[i].kwh);
    }
}

static guint
count_unverified (GArray *intervals)
{
  guint n = 0;

  for (guint i = 0; i < intervals->len; i++)
    {
      if ((g_array_index (intervals, FbkInterval, i).flags & FBK_INTERVAL_VERIFIED) == 0)
        n++;
    }
  return n;
}

/* --- refreshing ------------------------------------------------------------ */

/* The first three-year refresh fetches everything in requests the API
 * accepts; the same refresh again asks only for the trailing window. */
static void
test_second_refresh_trailing_only (Fixture       *f,
                                   gconstpointer  data)
{
  FbkInstant from = fbk_time_add_oslo_months (f->now, -36);
  FbkInstant history_limit = fbk_range_plan_history_limit (f->now);
  FbkInstant available_end = fbk_demo_household_available_end (FBK_DEMO_DEFAULT_SEED, FBK_DEMO_METER_HOUSE,
                                                                f->now);
  g_autoptr(FbkRefreshResult) first = NULL;
  g_autoptr(FbkRefreshResult) second = NULL;
  g_autoptr(GArray) requests = NULL;
  g_autoptr(GArray) after_first = NULL;
  g_autoptr(GArray) after_second = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  const char *ids[] = { HOUSE_ID, NULL };
  const FbkInterval *intervals;
  guint n = 0;

  first = refresh_full (f, f->repository, ids, from, f->now, &progress, NULL, &error);
  g_assert_no_error (error);

  /* 1096 days less the margin: four requests, all accepted, back to back,
   * newest first, so the view fills from the present backwards. */
  requests = asked (f);
  g_assert_cmpuint (requests->len, ==, 4);
  g_assert_cmpuint (first->n_requests, ==, 4);
  for (guint i = 0; i < requests->len; i++)
    {
      const Asked *one = &g_array_index (requests, Asked, i);

      g_assert_cmpuint (one->status, ==, 200);
      g_assert_cmpint (one->end - one->start, <=, 365 * DAY);
      if (i + 1 < requests->len)
        g_assert_cmpint (one->start, ==, g_array_index (requests, Asked, i + 1).end);
      else
        g_assert_cmpint (one->start, ==, history_limit);
    }
  assert_asked (requests, 0, "2023-11-16T11:00:00+01:00", "2024-11-15T11:00:00+01:00");
  g_assert_cmpuint (progress.last_done, ==, 4);
  g_assert_cmpuint (progress.last_total, ==, 4);

  /* Every hour that exists, stored, and handed back as stored. */
  intervals = fbk_series_get_intervals (g_ptr_array_index (first->series[FBK_DIRECTION_CONSUMPTION], 0), &n);
  g_assert_cmpuint (n, ==, (available_end - history_limit) / HOUR);
  after_first = stored (f, HOUSE_ID, from, f->now);
  assert_same_intervals (after_first, intervals, n);
  g_assert_cmpuint (count_unverified (after_first), ==, FBK_DEMO_UNVERIFIED_HOURS);

  /* Again, a moment later: only the last 48 hours, widened to whole hours
   * and cut at the end of the current one. */
  fbk_demo_server_clear_requests (f->server);
  second = refresh (f, HOUSE_ID, from, f->now, &error);
  g_assert_no_error (error);
  g_clear_pointer (&requests, g_array_unref);
  requests = asked (f);
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_cmpuint (second->n_requests, ==, 1);
  assert_asked (requests, 0, "2024-11-13T10:00:00+01:00", "2024-11-15T11:00:00+01:00");

  after_second = stored (f, HOUSE_ID, from, f->now);
  assert_same_intervals (after_second, intervals, n);
  intervals = fbk_series_get_intervals (g_ptr_array_index (second->series[FBK_DIRECTION_CONSUMPTION], 0), &n);
  assert_same_intervals (after_second, intervals, n);
}

/* A day later, the values still unverified then are asked for again (with
 * the trailing window, in one request) and replaced by verified ones. */
static void
test_unverified_refreshed (Fixture       *f,
                           gconstpointer  data)
{
  FbkInstant from = fbk_test_instant ("2024-10-01T00:00:00+02:00");
  FbkInstant first_unverified = FBK_INSTANT_INVALID;
  g_autoptr(FbkRefreshResult) first = NULL;
  g_autoptr(FbkRefreshResult) second = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_start = NULL;
  FbkInstant day_later = f->now + DAY;
  guint n_flipped = 0;

  first = refresh (f, HOUSE_ID, from, f->now, &error);
  g_assert_no_error (error);
  before = stored (f, HOUSE_ID, from, f->now);
  for (guint i = 0; i < before->len && first_unverified == FBK_INSTANT_INVALID; i++)
    {
      if ((g_array_index (before, FbkInterval, i).flags & FBK_INTERVAL_VERIFIED) == 0)
        first_unverified = g_array_index (before, FbkInterval, i).start;
    }
  /* Outside the trailing window of the next run. */
  g_assert_cmpint (first_unverified, <, day_later - 48 * HOUR);

  fbk_demo_server_clear_requests (f->server);
  set_now (f, day_later);
  second = refresh (f, HOUSE_ID, from, f->now, &error);
  g_assert_no_error (error);

  requests = asked (f);
  g_assert_cmpuint (requests->len, ==, 1);
  expected_start = fbk_time_format_oslo (first_unverified);
  assert_asked (requests, 0, expected_start, "2024-11-16T11:00:00+01:00");

  /* The values Elvia has verified since are verified in the store now,
   * with the same energy; the newest stay unverified. */
  after = stored (f, HOUSE_ID, from, f->now);
  g_assert_cmpuint (after->len, ==, before->len + 24);
  for (guint i = 0; i < before->len; i++)
    {
      const FbkInterval *old = &g_array_index (before, FbkInterval, i);
      const FbkInterval *now = &g_array_index (after, FbkInterval, i);
      gboolean verified_now = fbk_demo_household_is_verified (FBK_DEMO_DEFAULT_SEED, FBK_DEMO_METER_HOUSE,
                                                              old->start, f->now);

      g_assert_cmpint (now->start, ==, old->start);
      g_assert_cmpfloat (now->kwh, ==, old->kwh);
      g_assert_cmpint (!!(now->flags & FBK_INTERVAL_VERIFIED), ==, verified_now);
      if ((old->flags & FBK_INTERVAL_VERIFIED) == 0 && verified_now)
        n_flipped++;
    }
  g_assert_cmpuint (n_flipped, ==, 24);
  g_assert_cmpuint (count_unverified (after), ==, FBK_DEMO_UNVERIFIED_HOURS);
}

/* An answer with no values (the API cannot tell "nothing metered" from
 * "not yet") never removes what is stored. */
static void
test_empty_answer_keeps_values (Fixture       *f,
                                gconstpointer  data)
{
  FbkInstant from = fbk_test_instant ("2024-11-01T00:00:00+01:00");
  FbkInstant first_now = f->now;
  g_autoptr(FbkRefreshResult) first = NULL;
  g_autoptr(FbkRefreshResult) second = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  const FbkInterval *intervals;
  guint n = 0;

  first = refresh (f, HOUSE_ID, from, first_now, &error);
  g_assert_no_error (error);
  before = stored (f, HOUSE_ID, from, first_now);
  g_assert_cmpuint (before->len, >, 300);

  /* Seven hours on, the unverified values are due again; the server, whose
   * clock is set three days back, has none of those hours. */
  fbk_demo_server_clear_requests (f->server);
  fbk_clock_set_now (fbk_session_get_clock (f->session), first_now + 7 * HOUR);
  fbk_demo_server_set_now (f->server, first_now - 3 * DAY);
  second = refresh (f, HOUSE_ID, from, first_now + 7 * HOUR, &error);
  g_assert_no_error (error);

  requests = asked (f);
  g_assert_cmpuint (requests->len, >=, 1);
  for (guint i = 0; i < requests->len; i++)
    {
      const Asked *one = &g_array_index (requests, Asked, i);

      g_assert_cmpuint (one->status, ==, 200);
      /* They do cover stored hours. */
      g_assert_cmpint (one->start, <, first_now);
    }

  after = stored (f, HOUSE_ID, from, first_now + 7 * HOUR);
  g_assert_cmpuint (after->len, ==, before->len);
  intervals = (const FbkInterval *) before->data;
  assert_same_intervals (after, intervals, before->len);
  intervals = fbk_series_get_intervals (g_ptr_array_index (second->series[FBK_DIRECTION_CONSUMPTION], 0), &n);
  assert_same_intervals (after, intervals, n);
}

/* A refresh that fails part of the way keeps what was stored before and what
 * it fetched before the failure, and the next refresh asks only for the
 * rest. */
static void
test_failure_midway_keeps_values (Fixture       *f,
                                  gconstpointer  data)
{
  FbkInstant from = fbk_time_add_oslo_months (f->now, -36);
  FbkInstant month_ago = f->now - 30 * DAY;
  g_autoptr(FbkRefreshResult) recent = NULL;
  g_autoptr(FbkRefreshResult) failed = NULL;
  g_autoptr(FbkRefreshResult) again = NULL;
  g_autoptr(GArray) recent_stored = NULL;
  g_autoptr(GArray) requests = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) brought = NULL;
  g_autoptr(GError) error = NULL;
  FbkInstant failed_end;

  recent = refresh (f, HOUSE_ID, month_ago, f->now, &error);
  g_assert_no_error (error);
  recent_stored = stored (f, HOUSE_ID, month_ago, f->now);

  /* Newest first: the last hours (always asked), then the never-fetched
   * years, the newest of them first; the second of those fails, and the
   * oldest is never asked. */
  fbk_demo_server_clear_requests (f->server);
  fbk_demo_server_add_fault (f->server, FBK_DEMO_FAULT_SERVER_ERROR, 0, 3, G_MAXUINT);
  failed = refresh (f, HOUSE_ID, from, f->now, &error);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_SERVER);
  g_assert_null (failed);
  g_clear_error (&error);

  requests = asked (f);
  g_assert_cmpuint (requests->len, ==, 3);
  g_assert_cmpuint (g_array_index (requests, Asked, 0).status, ==, 200);
  g_assert_cmpuint (g_array_index (requests, Asked, 1).status, ==, 200);
  g_assert_cmpuint (g_array_index (requests, Asked, 2).status, ==, 500);
  g_assert_cmpint (g_array_index (requests, Asked, 0).start, >=, f->now - FBK_STORE_TRAILING_WINDOW - HOUR);
  g_assert_cmpint (g_array_index (requests, Asked, 1).end, ==, g_array_index (requests, Asked, 2).end + 365 * DAY);
  failed_end = g_array_index (requests, Asked, 2).end;

  /* What was stored is there as it was; what the year before it brought too. */
  after = stored (f, HOUSE_ID, month_ago, f->now);
  assert_same_intervals (after, (const FbkInterval *) recent_stored->data, recent_stored->len);
  brought = stored (f, HOUSE_ID, g_array_index (requests, Asked, 1).start, g_array_index (requests, Asked, 1).end);
  g_assert_cmpuint (brought->len, ==,
                    (g_array_index (requests, Asked, 1).end - g_array_index (requests, Asked, 1).start) / HOUR);

  /* The next refresh asks for what failed (and, as always, the last hours). */
  fbk_demo_server_clear_faults (f->server);
  fbk_demo_server_clear_requests (f->server);
  again = refresh (f, HOUSE_ID, from, f->now, &error);
  g_assert_no_error (error);
  g_clear_pointer (&requests, g_array_unref);
  requests = asked (f);
  g_assert_cmpuint (requests->len, >=, 1);
  for (guint i = 0; i < requests->len; i++)
    {
      const Asked *one = &g_array_index (requests, Asked, i);

      g_assert_true (one->end <= failed_end || one->start >= f->now - FBK_STORE_TRAILING_WINDOW - HOUR);
    }
  g_assert_cmpuint (fbk_series_get_length (g_ptr_array_index (again->series[FBK_DIRECTION_CONSUMPTION], 0)), ==,
                    (fbk_demo_household_available_end (FBK_DEMO_DEFAULT_SEED, FBK_DEMO_METER_HOUSE, f->now) -
                     fbk_range_plan_history_limit (f->now)) / HOUR);
}

static void
test_cancelled_refresh (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(FbkRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { HOUSE_ID, NULL };
  FbkTestAsync waiter = { 0 };

  /* Held by the server long enough to be cancelled on the way. */
  fbk_demo_server_add_fault (f->server, FBK_DEMO_FAULT_DELAY, 3000, 1, G_MAXUINT);
  fbk_repository_refresh_async (f->repository, ids, f->now - 60 * DAY, f->now, FBK_REFRESH_CONSUMPTION,
                                       NULL, NULL, cancellable, fbk_test_async_done_cb, &waiter);
  while (fbk_demo_server_get_n_requests (f->server) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  fbk_test_wait_until (waiter.done, 5);
  result = fbk_repository_refresh_finish (f->repository, waiter.result, &error);
  g_clear_object (&waiter.result);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpuint (fbk_demo_server_get_n_requests (f->server), ==, 1);
  g_clear_pointer (&waiter.result, g_object_unref);
  {
    g_autoptr(GArray) nothing = stored (f, HOUSE_ID, f->now - 60 * DAY, f->now);

    g_assert_cmpuint (nothing->len, ==, 0);
  }
}

/* Without a store (forbruk-cli --no-cache) every refresh fetches it all. */
static void
test_without_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(FbkRepository) repository = new_repository (f, NULL);
  const char *ids[] = { HOUSE_ID, FLAT_ID, NULL };
  FbkInstant from = fbk_test_instant ("2023-01-01T00:00:00+01:00");

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(FbkRefreshResult) result = NULL;
      g_autoptr(GError) error = NULL;
      FbkSeries *flat;
      guint n = 0;

      fbk_demo_server_clear_requests (f->server);
      result = refresh_full (f, repository, ids, from, f->now, NULL, NULL, &error);
      g_assert_no_error (error);
      /* House: two windows; flat (unknown contract start): two as well. */
      g_assert_cmpuint (fbk_demo_server_get_n_requests (f->server), ==, 4);
      g_assert_cmpuint (result->series[FBK_DIRECTION_CONSUMPTION]->len, ==, 2);
      g_assert_cmpstr (fbk_series_get_metering_point_id (g_ptr_array_index (result->series[FBK_DIRECTION_CONSUMPTION], 0)), ==, HOUSE_ID);
      flat = g_ptr_array_index (result->series[FBK_DIRECTION_CONSUMPTION], 1);
      g_assert_cmpstr (fbk_series_get_metering_point_id (flat), ==, FLAT_ID);
      /* The flat's contract began 18 months back: nothing before. */
      g_assert_cmpint (fbk_series_get_intervals (flat, &n)[0].start, ==,
                       fbk_demo_meter_get_contract_start (FBK_DEMO_METER_FLAT, f->now));
    }

  {
    g_autoptr(GArray) nothing = stored (f, HOUSE_ID, from, f->now);

    g_assert_cmpuint (nothing->len, ==, 0);
  }
}

/* Reading is offline: what is stored, no request. */
static void
test_read_values (Fixture       *f,
                  gconstpointer  data)
{
  const char *ids[] = { HOUSE_ID, SOLAR_ID, NULL };
  FbkInstant from = fbk_test_instant ("2024-11-10T00:00:00+01:00");
  g_autoptr(FbkRefreshResult) refreshed = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;
  FbkTestAsync waiter = { 0 };

  refreshed = refresh (f, HOUSE_ID, from, f->now, &error);
  g_assert_no_error (error);
  fbk_demo_server_clear_requests (f->server);

  fbk_repository_read_values_async (f->repository, ids, from, from + 2 * DAY, FBK_DIRECTION_CONSUMPTION,
                                    NULL, fbk_test_async_done_cb, &waiter);
  fbk_test_wait_until (waiter.done, 10);
  series = fbk_repository_read_values_finish (f->repository, waiter.result, &error);
  g_clear_object (&waiter.result);
  g_assert_no_error (error);

  g_assert_cmpuint (fbk_demo_server_get_n_requests (f->server), ==, 0);
  g_assert_cmpuint (series->len, ==, 2);
  g_assert_cmpuint (fbk_series_get_length (g_ptr_array_index (series, 0)), ==, 48);
  g_assert_cmpuint (fbk_series_get_length (g_ptr_array_index (series, 1)), ==, 0);
}

/* --- meters ---------------------------------------------------------------- */

static void
discover (Fixture       *f,
          FbkRepository *repository)
{
  g_autoptr(GError) error = NULL;
  FbkTestAsync waiter = { 0 };

  fbk_repository_discover_meters_async (repository, NULL, fbk_test_async_done_cb, &waiter);
  fbk_test_wait_until (waiter.done, 10);
  fbk_repository_discover_meters_finish (repository, waiter.result, &error);
  g_clear_object (&waiter.result);
  g_assert_no_error (error);
}

static void
load_meters (FbkRepository *repository)
{
  g_autoptr(GError) error = NULL;
  FbkTestAsync waiter = { 0 };

  fbk_repository_load_meters_async (repository, NULL, fbk_test_async_done_cb, &waiter);
  fbk_test_wait_until (waiter.done, 10);
  fbk_repository_load_meters_finish (repository, waiter.result, &error);
  g_clear_object (&waiter.result);
  g_assert_no_error (error);
}

static const FbkStoreMeter *
find_stored_meter (GPtrArray  *meters,
                   const char *id)
{
  for (guint i = 0; i < meters->len; i++)
    {
      const FbkStoreMeter *meter = g_ptr_array_index (meters, i);

      if (g_str_equal (meter->metering_point_id, id))
        return meter;
    }
  return NULL;
}

/* Asynchronously: the store's worker runs it after everything queued
 * before, such as a rename. */
static GPtrArray *
list_stored_meters (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  FbkTestAsync waiter = { 0 };
  GPtrArray *meters;

  fbk_store_list_meters_async (f->store, NULL, fbk_test_async_done_cb, &waiter);
  fbk_test_wait_until (waiter.done, 10);
  meters = fbk_store_list_meters_finish (f->store, waiter.result, &error);
  g_clear_object (&waiter.result);
  g_assert_no_error (error);
  return meters;
}

static void
test_meters_noted_and_renamed (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) meters = NULL;
  g_autoptr(FbkRepository) later = NULL;
  GListModel *model;
  const FbkStoreMeter *house;
  const FbkStoreMeter *solar;

  discover (f, f->repository);
  model = fbk_repository_get_meters (f->repository);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_nonnull (fbk_repository_find_meter (f->repository, HOUSE_ID));
  g_assert_nonnull (fbk_repository_find_meter (f->repository, FLAT_ID));
  g_assert_nonnull (fbk_repository_find_meter (f->repository, SOLAR_ID));

  /* Noted in the store, with what Elvia said about them, by the time
   * discovery is done (the blocking call does not wait for queued work). */
  {
    g_autoptr(GError) error = NULL;

    meters = fbk_store_list_meters_sync (f->store, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (meters->len, ==, 3);
  house = find_stored_meter (meters, HOUSE_ID);
  solar = find_stored_meter (meters, SOLAR_ID);
  g_assert_nonnull (house);
  g_assert_cmpint (house->contract_start, ==, fbk_demo_meter_get_contract_start (FBK_DEMO_METER_HOUSE, f->now));
  g_assert_cmpint (house->last_seen, ==, f->now);
  g_assert_false (house->produces);
  g_assert_true (solar->produces);
  g_assert_null (house->name);

  fbk_repository_rename_meter (f->repository, HOUSE_ID, "Hytta");
  g_assert_cmpstr (fbk_metering_point_get_name (fbk_repository_find_meter (f->repository, HOUSE_ID)), ==, "Hytta");

  /* Another run: the name comes from the store, and survives discovery. */
  later = new_repository (f, f->store);
  load_meters (later);
  g_assert_cmpuint (g_list_model_get_n_items (fbk_repository_get_meters (later)), ==, 3);
  g_assert_cmpstr (fbk_metering_point_get_name (fbk_repository_find_meter (later, HOUSE_ID)), ==, "Hytta");
  g_assert_true (fbk_metering_point_get_produces (fbk_repository_find_meter (later, SOLAR_ID)));
  discover (f, later);
  g_assert_cmpstr (fbk_metering_point_get_name (fbk_repository_find_meter (later, HOUSE_ID)), ==, "Hytta");

  g_clear_pointer (&meters, g_ptr_array_unref);
  meters = list_stored_meters (f);
  g_assert_cmpstr (find_stored_meter (meters, HOUSE_ID)->name, ==, "Hytta");

  /* An empty name is no name. */
  fbk_repository_rename_meter (later, HOUSE_ID, "");
  g_assert_null (fbk_metering_point_get_name (fbk_repository_find_meter (later, HOUSE_ID)));
  g_clear_pointer (&meters, g_ptr_array_unref);
  meters = list_stored_meters (f);
  g_assert_null (find_stored_meter (meters, HOUSE_ID)->name);
}

/* Discovery once: a later run on the same store needs none for a day,
 * needs one for a meter it does not know, and after a day again. A
 * producer stays one through a week without production (December): its
 * stored production says so. */
static void
test_meters_discovered_once (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(FbkRepository) later = NULL;
  g_autoptr(FbkRepository) fresh = NULL;
  const char * const unknown[] = { "707057500099999999", NULL };
  const char * const known[] = { HOUSE_ID, NULL };

  g_assert_true (fbk_repository_needs_discovery (f->repository, NULL));
  discover (f, f->repository);
  g_assert_false (fbk_repository_needs_discovery (f->repository, known));
  g_assert_true (fbk_repository_needs_discovery (f->repository, unknown));

  /* A run 23 h later reads the store's meters and asks nothing. */
  set_now (f, f->now + 23 * HOUR);
  later = new_repository (f, f->store);
  g_assert_true (fbk_repository_needs_discovery (later, NULL));
  load_meters (later);
  g_assert_false (fbk_repository_needs_discovery (later, NULL));
  g_assert_true (fbk_repository_needs_discovery (later, unknown));

  /* A day after the discovery, once more. */
  set_now (f, f->now + 2 * HOUR);
  fresh = new_repository (f, f->store);
  load_meters (fresh);
  g_assert_true (fbk_repository_needs_discovery (fresh, NULL));
}

/* Discovered contract starts steer the planning: nothing is asked for before
 * a meter's contract. */
static void
test_contract_start_used (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(FbkRefreshResult) result = NULL;
  g_autoptr(GArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  FbkInstant contract_start = fbk_demo_meter_get_contract_start (FBK_DEMO_METER_FLAT, f->now);
  const FbkRangeDrop *drop;

  discover (f, f->repository);
  fbk_demo_server_clear_requests (f->server);
  result = refresh (f, FLAT_ID, fbk_time_add_oslo_months (f->now, -36), f->now, &error);
  g_assert_no_error (error);

  /* Newest first: the oldest request, the last, starts with the contract. */
  requests = asked (f);
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpint (g_array_index (requests, Asked, 1).start, ==, contract_start);
  g_assert_cmpuint (result->dropped->len, >=, 1);
  drop = &g_array_index (result->dropped, FbkRangeDrop, result->dropped->len - 1);
  g_assert_cmpint (drop->reason, ==, FBK_RANGE_DROP_BEFORE_CONTRACT);
  g_assert_cmpint (drop->to, ==, contract_start);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/repository/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("refresh/second-run-trailing-only", test_second_refresh_trailing_only);
  ADD ("refresh/unverified-refreshed", test_unverified_refreshed);
  ADD ("refresh/empty-answer-keeps-values", test_empty_answer_keeps_values);
  ADD ("refresh/failure-midway-keeps-values", test_failure_midway_keeps_values);
  ADD ("refresh/cancelled", test_cancelled_refresh);
  ADD ("refresh/without-store", test_without_store);
  ADD ("refresh/contract-start", test_contract_start_used);
  ADD ("read-values", test_read_values);
  ADD ("meters/noted-and-renamed", test_meters_noted_and_renamed);
  ADD ("meters/discovered-once", test_meters_discovered_once);

  return g_test_run ();
}
