/* test-store-prices.c: spot prices in the offline store, on a real SQLite
 * file, and which days of them a refresh asks for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "fbk-store-sync.h"
#include "fbk-test-support.h"

#define HOUR    FBK_SECONDS_PER_HOUR
#define MINUTE  60
#define DAY     (24 * HOUR)

typedef struct
{
  char     *dir;
  FbkStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("forbruk-store-prices-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "forbruk.db", NULL);
  f->store = fbk_store_open_sync (path, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  fbk_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* n intervals of @duration seconds from @start, the i-th costing
 * first + i * step NOK/kWh. */
static GArray *
make_prices (FbkInstant start,
             guint      n,
             guint32    duration,
             double     first,
             double     step)
{
  GArray *prices = g_array_new (FALSE, FALSE, sizeof (FbkSpotPrice));

  for (guint i = 0; i < n; i++)
    {
      FbkSpotPrice price = { start + (FbkInstant) i * duration, duration, first + i * step };
      g_array_append_val (prices, price);
    }
  return prices;
}

static void
import (Fixture    *f,
        const char *area,
        FbkDate     day,
        FbkInstant  fetched_at,
        GArray     *prices)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fbk_store_import_prices_sync (f->store, area, day, fetched_at, prices, NULL, &error));
  g_assert_no_error (error);
}

static GArray *
load (Fixture    *f,
      const char *area,
      FbkInstant  from,
      FbkInstant  to)
{
  g_autoptr(GError) error = NULL;
  GArray *prices = fbk_store_load_prices_sync (f->store, area, from, to, NULL, &error);

  g_assert_no_error (error);
  return prices;
}

static GArray *
plan (Fixture    *f,
      FbkInstant  from,
      FbkInstant  to,
      FbkInstant  now)
{
  g_autoptr(GError) error = NULL;
  GArray *days = fbk_store_plan_prices_sync (f->store, "NO1", from, to, now, NULL, &error);

  g_assert_no_error (error);
  return days;
}

static const FbkStorePriceDay *
day_at (GArray *days,
        guint   i)
{
  g_assert_cmpuint (i, <, days->len);
  return &g_array_index (days, FbkStorePriceDay, i);
}

/* A day's prices come back as stored, sign and all, per area. */
static void
test_store_prices_round_trip (Fixture       *f,
                              gconstpointer  data)
{
  FbkDate day = { 2026, 7, 14 };
  FbkInstant midnight = fbk_test_instant ("2026-07-14T00:00:00+02:00");
  g_autoptr(GArray) hours = make_prices (midnight, 24, HOUR, -0.12, 0.01);
  g_autoptr(GArray) other = make_prices (midnight, 24, HOUR, 0.5, 0.0);
  g_autoptr(GArray) loaded = NULL;
  g_autoptr(GArray) loaded_other = NULL;

  import (f, "NO1", day, midnight + 13 * HOUR, hours);
  import (f, "NO2", day, midnight + 13 * HOUR, other);

  loaded = load (f, "NO1", midnight, midnight + DAY);
  g_assert_cmpuint (loaded->len, ==, 24);
  for (guint i = 0; i < 24; i++)
    {
      const FbkSpotPrice *price = &g_array_index (loaded, FbkSpotPrice, i);

      g_assert_cmpint (price->start, ==, midnight + i * HOUR);
      g_assert_cmpuint (price->duration, ==, HOUR);
      /* -0.12 + i/100: the first twelve are negative, kept so. */
      g_assert_cmpfloat_with_epsilon (price->nok_per_kwh, -0.12 + i * 0.01, 1e-12);
    }

  loaded_other = load (f, "NO2", midnight + 6 * HOUR, midnight + 8 * HOUR);
  g_assert_cmpuint (loaded_other->len, ==, 2);
  g_assert_cmpfloat (g_array_index (loaded_other, FbkSpotPrice, 0).nok_per_kwh, ==, 0.5);
}

/* A second answer for a day replaces the first one whole (quarter-hours
 * after hours, say); an answer without prices never removes stored ones. */
static void
test_store_prices_replace_day (Fixture       *f,
                               gconstpointer  data)
{
  FbkDate day = { 2025, 10, 2 };
  FbkInstant midnight = fbk_test_instant ("2025-10-02T00:00:00+02:00");
  g_autoptr(GArray) hours = make_prices (midnight, 24, HOUR, 1.0, 0.0);
  g_autoptr(GArray) quarters = make_prices (midnight, 96, 15 * MINUTE, 0.25, 0.0);
  g_autoptr(GArray) loaded = NULL;
  g_autoptr(GArray) after_miss = NULL;
  g_autoptr(GArray) days = NULL;

  import (f, "NO1", day, midnight, hours);
  import (f, "NO1", day, midnight + HOUR, quarters);

  loaded = load (f, "NO1", midnight, midnight + DAY);
  g_assert_cmpuint (loaded->len, ==, 96);
  g_assert_cmpuint (g_array_index (loaded, FbkSpotPrice, 95).duration, ==, 15 * MINUTE);

  import (f, "NO1", day, midnight + 2 * HOUR, NULL);
  after_miss = load (f, "NO1", midnight, midnight + DAY);
  g_assert_cmpuint (after_miss->len, ==, 96);
  days = plan (f, midnight, midnight + DAY, midnight + 3 * HOUR);
  g_assert_cmpuint (days->len, ==, 1);
  g_assert_cmpint (day_at (days, 0)->state, ==, FBK_PRICE_DAY_STORED);
}

/* The days a range touches, in Oslo time: 25 and 23 hours are one day
 * each; a stored day is never asked for again; a day is not asked for
 * before 13:00 the day before. */
static void
test_store_prices_plan_days (Fixture       *f,
                             gconstpointer  data)
{
  /* 2026-10-24 (Sat) to 2026-10-26 (Mon): Sunday the 25th has 25 hours. */
  FbkInstant from = fbk_test_instant ("2026-10-24T00:00:00+02:00");
  FbkInstant to = fbk_test_instant ("2026-10-27T00:00:00+01:00");
  /* Saturday 12:59: Sunday's prices are not out until 13:00. */
  FbkInstant now = fbk_test_instant ("2026-10-24T12:59:00+02:00");
  g_autoptr(GArray) days = NULL;
  g_autoptr(GArray) later = NULL;
  g_autoptr(GArray) saturday = make_prices (from, 24, HOUR, 1.0, 0.0);

  days = plan (f, from, to, now);
  g_assert_cmpuint (days->len, ==, 3);
  g_assert_cmpint (day_at (days, 0)->day.day, ==, 24);
  g_assert_cmpint (day_at (days, 0)->state, ==, FBK_PRICE_DAY_DUE);
  g_assert_cmpint (day_at (days, 1)->day.day, ==, 25);
  g_assert_cmpint (day_at (days, 1)->state, ==, FBK_PRICE_DAY_NOT_PUBLISHED);
  g_assert_cmpint (day_at (days, 1)->next_try, ==, fbk_test_instant ("2026-10-24T13:00:00+02:00"));
  g_assert_cmpint (day_at (days, 2)->day.day, ==, 26);
  g_assert_cmpint (day_at (days, 2)->state, ==, FBK_PRICE_DAY_NOT_PUBLISHED);
  /* Sunday 13:00 is after the clocks went back: +01:00. */
  g_assert_cmpint (day_at (days, 2)->next_try, ==, fbk_test_instant ("2026-10-25T13:00:00+01:00"));

  import (f, "NO1", (FbkDate) { 2026, 10, 24 }, now, saturday);
  later = plan (f, from, to, fbk_test_instant ("2026-10-24T13:00:00+02:00"));
  g_assert_cmpuint (later->len, ==, 3);
  g_assert_cmpint (day_at (later, 0)->state, ==, FBK_PRICE_DAY_STORED);
  g_assert_cmpint (day_at (later, 1)->state, ==, FBK_PRICE_DAY_DUE);
  g_assert_cmpint (day_at (later, 2)->state, ==, FBK_PRICE_DAY_NOT_PUBLISHED);
}

/* A day the service has no prices for is asked for again 15 minutes
 * later, then after an hour, four hours, sixteen hours…, at most after
 * 30 days: never in a loop, never given up on. */
static void
test_store_prices_backoff (Fixture       *f,
                           gconstpointer  data)
{
  FbkDate day = { 2023, 1, 10 };
  FbkInstant from = fbk_test_instant ("2023-01-10T00:00:00+01:00");
  FbkInstant t = fbk_test_instant ("2026-12-07T12:00:00+01:00");
  /* misses 1..8: 15 min × 4^(n−1) = 15 min, 1 h, 4 h, 16 h, 64 h, 256 h,
   * 1024 h (42.7 days, capped to 30 days), then 30 days. */
  const gint64 waits[] = { 15 * MINUTE, HOUR, 4 * HOUR, 16 * HOUR, 64 * HOUR, 256 * HOUR, 30 * DAY, 30 * DAY };

  for (guint n = 0; n < G_N_ELEMENTS (waits); n++)
    {
      g_autoptr(GArray) missing = NULL;
      g_autoptr(GArray) due = NULL;

      import (f, "NO1", day, t, NULL);

      missing = plan (f, from, from + DAY, t + waits[n] - 1);
      g_assert_cmpint (day_at (missing, 0)->state, ==, FBK_PRICE_DAY_MISSING);
      g_assert_cmpint (day_at (missing, 0)->next_try, ==, t + waits[n]);

      due = plan (f, from, from + DAY, t + waits[n]);
      g_assert_cmpint (day_at (due, 0)->state, ==, FBK_PRICE_DAY_DUE);
      t += waits[n];
    }
}

/* Deleting everything takes the prices too; deleting one meter does not. */
static void
test_store_prices_delete (Fixture       *f,
                          gconstpointer  data)
{
  FbkInstant midnight = fbk_test_instant ("2026-01-16T00:00:00+01:00");
  g_autoptr(GArray) hours = make_prices (midnight, 24, HOUR, 1.0, 0.0);
  g_autoptr(GArray) kept = NULL;
  g_autoptr(GArray) gone = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GError) error = NULL;

  import (f, "NO1", (FbkDate) { 2026, 1, 16 }, midnight, hours);

  g_assert_true (fbk_store_delete_sync (f->store, "707057500012345678", NULL, &error));
  g_assert_no_error (error);
  kept = load (f, "NO1", midnight, midnight + DAY);
  g_assert_cmpuint (kept->len, ==, 24);

  g_assert_true (fbk_store_delete_sync (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
  gone = load (f, "NO1", midnight, midnight + DAY);
  g_assert_cmpuint (gone->len, ==, 0);
  days = plan (f, midnight, midnight + DAY, midnight + DAY);
  g_assert_cmpint (day_at (days, 0)->state, ==, FBK_PRICE_DAY_DUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store-prices/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_store_prices_round_trip);
  ADD ("replace-day", test_store_prices_replace_day);
  ADD ("plan-days", test_store_prices_plan_days);
  ADD ("backoff", test_store_prices_backoff);
  ADD ("delete", test_store_prices_delete);
#undef ADD

  return g_test_run ();
}
