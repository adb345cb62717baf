/* test-repository-prices.c: spot prices through FbkRepository, from the
 * demo server's price service into a real SQLite store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "fbk-demo-server.h"
#include "fbk-error.h"
#include "fbk-repository.h"
#include "fbk-store-sync.h"
#include "fbk-test-support.h"

#define HOUR     FBK_SECONDS_PER_HOUR
#define DAY      (24 * HOUR)
/* 10:20 on a Friday: tomorrow's prices are not out before 13:00. */
#define NOW_TEXT "2026-01-16T10:20:00+01:00"

typedef struct
{
  char          *dir;
  FbkStore      *store;
  FbkDemoServer *server;
  FbkSession    *session;
  FbkRepository *repository;  /* the session's */
} Fixture;

static void
set_now (Fixture    *f,
         FbkInstant  now)
{
  fbk_demo_server_set_now (f->server, now);
  fbk_clock_set_now (fbk_session_get_clock (f->session), now);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean with_store = GPOINTER_TO_INT (data) == 0;

  f->dir = g_dir_make_tmp ("forbruk-repository-prices-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "forbruk.db", NULL);
  if (with_store)
    {
      f->store = fbk_store_open_sync (path, NULL, &error);
      g_assert_no_error (error);
    }

  f->server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  fbk_demo_server_start (f->server, 0, &error);
  g_assert_no_error (error);

  f->session = fbk_test_new_session (fbk_demo_server_get_base_url (f->server), fbk_test_instant (NOW_TEXT),
                                     FBK_DEMO_TOKEN, f->store);
  set_now (f, fbk_test_instant (NOW_TEXT));
  f->repository = fbk_session_get_repository (f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  f->repository = NULL;
  g_clear_object (&f->session);
  g_clear_object (&f->server);
  g_clear_object (&f->store);
  fbk_test_remove_tree (f->dir);
  g_free (f->dir);
}

static FbkPriceResult *
fetch (Fixture    *f,
       const char *area,
       const char *from,
       const char *to)
{
  FbkTestAsync waiter = { 0 };
  g_autoptr(GError) error = NULL;
  FbkPriceResult *result;

  fbk_demo_server_clear_requests (f->server);
  fbk_repository_fetch_prices_async (f->repository, area, fbk_test_instant (from), fbk_test_instant (to),
                                     NULL, NULL, NULL, fbk_test_async_done_cb, &waiter);
  fbk_test_wait_until (waiter.done, 30);
  result = fbk_repository_fetch_prices_finish (f->repository, waiter.result, &error);
  g_object_unref (waiter.result);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static const FbkStorePriceDay *
day_at (FbkPriceResult *result,
        guint           i)
{
  g_assert_cmpuint (i, <, result->days->len);
  return &g_array_index (result->days, FbkStorePriceDay, i);
}

/* Three days of quarter-hours, each asked for once and stored: 3 × 96
 * intervals, 72 billed hours; a second look asks nothing. */
static void
test_prices_fetch_once (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(FbkPriceResult) first = NULL;
  g_autoptr(FbkPriceResult) again = NULL;

  first = fetch (f, "NO1", "2026-01-13T00:00:00+01:00", "2026-01-16T00:00:00+01:00");
  g_assert_null (first->fetch_error);
  g_assert_cmpuint (first->n_requests, ==, 3);
  g_assert_cmpuint (fbk_demo_server_get_n_requests (f->server), ==, 3);
  g_assert_cmpstr (fbk_demo_server_get_request (f->server, 0)->path, ==, "/api/v1/prices/2026/01-15_NO1.json");
  g_assert_cmpuint (first->intervals->len, ==, 3 * 96);
  g_assert_cmpuint (first->hours->len, ==, 72);
  g_assert_cmpint (g_array_index (first->hours, FbkSpotPrice, 0).start, ==,
                   fbk_test_instant ("2026-01-13T00:00:00+01:00"));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (day_at (first, i)->state, ==, FBK_PRICE_DAY_STORED);

  again = fetch (f, "NO1", "2026-01-13T06:00:00+01:00", "2026-01-14T06:00:00+01:00");
  g_assert_cmpuint (again->n_requests, ==, 0);
  g_assert_cmpuint (fbk_demo_server_get_n_requests (f->server), ==, 0);
  /* 06:00 to 06:00: only the hours starting in the range */
  g_assert_cmpuint (again->hours->len, ==, 24);
  g_assert_cmpuint (again->days->len, ==, 2);
}

/* A day the service does not have is unknown, not zero, and asked for
 * again only after the backoff; tomorrow is not asked for before 13:00. */
static void
test_prices_missing_day (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(FbkPriceResult) first = NULL;
  g_autoptr(FbkPriceResult) soon = NULL;
  g_autoptr(FbkPriceResult) later = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (fbk_demo_server_set_faults (f->server, "missing@/api/v1/prices/2026/01-15", &error));
  g_assert_no_error (error);

  /* 15 January (missing), 16 January (today), 17 January (tomorrow) */
  first = fetch (f, "NO1", "2026-01-15T00:00:00+01:00", "2026-01-18T00:00:00+01:00");
  g_assert_null (first->fetch_error);
  g_assert_cmpuint (first->n_requests, ==, 2);
  g_assert_cmpint (day_at (first, 0)->state, ==, FBK_PRICE_DAY_MISSING);
  g_assert_cmpint (day_at (first, 0)->next_try, ==, fbk_test_instant ("2026-01-16T10:35:00+01:00"));
  g_assert_cmpint (day_at (first, 1)->state, ==, FBK_PRICE_DAY_STORED);
  g_assert_cmpint (day_at (first, 2)->state, ==, FBK_PRICE_DAY_NOT_PUBLISHED);
  g_assert_cmpint (day_at (first, 2)->next_try, ==, fbk_test_instant ("2026-01-16T13:00:00+01:00"));
  /* Only the 16th's hours: the missing day has none, zero or otherwise. */
  g_assert_cmpuint (first->hours->len, ==, 24);
  g_assert_cmpint (g_array_index (first->hours, FbkSpotPrice, 0).start, ==,
                   fbk_test_instant ("2026-01-16T00:00:00+01:00"));

  /* Ten minutes later: nothing asked. */
  set_now (f, fbk_test_instant ("2026-01-16T10:30:00+01:00"));
  soon = fetch (f, "NO1", "2026-01-15T00:00:00+01:00", "2026-01-18T00:00:00+01:00");
  g_assert_cmpuint (soon->n_requests, ==, 0);

  /* After 13:00, with the fault gone: the 15th again, and tomorrow. */
  fbk_demo_server_clear_faults (f->server);
  set_now (f, fbk_test_instant ("2026-01-16T13:30:00+01:00"));
  later = fetch (f, "NO1", "2026-01-15T00:00:00+01:00", "2026-01-18T00:00:00+01:00");
  g_assert_cmpuint (later->n_requests, ==, 2);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (day_at (later, i)->state, ==, FBK_PRICE_DAY_STORED);
  g_assert_cmpuint (later->hours->len, ==, 72);
}

/* Offline: what is stored is handed back, with why the rest is not. */
static void
test_prices_offline (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(FbkPriceResult) first = NULL;
  g_autoptr(FbkPriceResult) offline = NULL;

  first = fetch (f, "NO1", "2026-01-15T00:00:00+01:00", "2026-01-16T00:00:00+01:00");
  g_assert_cmpuint (first->hours->len, ==, 24);

  fbk_session_set_retry_policy (f->session, 0, 10, 10);
  g_assert_true (fbk_demo_server_set_faults (f->server, "drop@/api/v1/prices", NULL));
  offline = fetch (f, "NO1", "2026-01-14T00:00:00+01:00", "2026-01-16T00:00:00+01:00");
  g_assert_error (offline->fetch_error, FBK_API_ERROR, FBK_API_ERROR_NETWORK);
  g_assert_nonnull (strstr (offline->fetch_error->message, "hvakosterstrommen.no"));
  g_assert_cmpuint (offline->hours->len, ==, 24);
  g_assert_cmpint (day_at (offline, 0)->state, ==, FBK_PRICE_DAY_DUE);
  g_assert_cmpint (day_at (offline, 1)->state, ==, FBK_PRICE_DAY_STORED);
}

/* Without a store, days are fetched every time and kept in the result:
 * the 25-hour day of October 2025 in 100 quarters is 25 hours. */
static void
test_prices_without_store (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(FbkPriceResult) first = NULL;
  g_autoptr(FbkPriceResult) again = NULL;

  first = fetch (f, "NO2", "2025-10-25T00:00:00+02:00", "2025-10-27T00:00:00+01:00");
  g_assert_cmpuint (first->n_requests, ==, 2);
  g_assert_cmpuint (first->intervals->len, ==, 96 + 100);
  g_assert_cmpuint (first->hours->len, ==, 24 + 25);
  /* in time order although fetched newest first */
  for (guint i = 1; i < first->hours->len; i++)
    g_assert_cmpint (g_array_index (first->hours, FbkSpotPrice, i).start, ==,
                     g_array_index (first->hours, FbkSpotPrice, i - 1).start + HOUR);

  again = fetch (f, "NO2", "2025-10-25T00:00:00+02:00", "2025-10-27T00:00:00+01:00");
  g_assert_cmpuint (again->n_requests, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, without_store) \
  g_test_add ("/repository-prices/" path, Fixture, GINT_TO_POINTER (without_store), \
              fixture_set_up, func, fixture_tear_down)
  ADD ("fetch-once", test_prices_fetch_once, 0);
  ADD ("missing-day", test_prices_missing_day, 0);
  ADD ("offline", test_prices_offline, 0);
  ADD ("without-store", test_prices_without_store, 1);
#undef ADD

  return g_test_run ();
}
