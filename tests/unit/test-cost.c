/* test-cost.c: what every hour cost, checked against figures worked out by
 * hand from electricity-bill.md and the dated tables' published prices
 *
 * Every expected figure is computed in the comment beside it (øre
 * including 25 % VAT), never by calling the code under test. The prices
 * used, from the documents:
 *
 *   energiledd excl. taxes and VAT (day / night):
 *     2024-10-01 24.56 / 18.56, 2025-01-01 23.21 / 15.21,
 *     2025-04-01 20.99 / 12.99, 2026-07-01 28.99 / 16.99
 *   forbruksavgift + Enova: 2023-04 15.84 + 1, 2024-04 16.44 + 1,
 *     2025-01 9.79 + 1, 2025-04 16.93 + 1, 2025-10 12.53 + 1, 2026 7.13 + 1
 *   strømstøtte: 90 % above 70 (2023-09..12), 73 (2024), 75 (2025), 77 (2026)
 *   Norgespris: 40; caps 5,000 kWh a month (home), 1,000 (cabin)
 *   capacity, kr incl. VAT: 2025-01 135 / 215 / 350 ..., 2025-04 125 / ...,
 *     2023-02 110 / 170 / ..., 2023-10 120 / 190 / 305 / unknown ...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fbk-cost.h"
#include "fbk-test-support.h"

#define METER "707057500012345678"
#define HOUR  FBK_SECONDS_PER_HOUR

#define at(text) fbk_test_instant (text)

static void
assert_ore (double actual,
            double expected)
{
  if (isnan (actual) || fabs (actual - expected) > 1e-6)
    g_error ("%.9f øre, expected %.9f", actual, expected);
}

#define assert_unknown(value) g_assert_true (isnan (value))

/* What a test computes with: the shipped tables, one meter's consumption,
 * no production, the spot prices it puts in, the default contract. */
typedef struct
{
  FbkTariffBook *book;
  FbkSeries     *consumption;
  FbkSeries     *production;
  GArray        *spot;
  FbkContract    contract;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->book = fbk_tariff_book_new_default (&error);
  g_assert_no_error (error);
  f->consumption = fbk_series_new (METER, FBK_DIRECTION_CONSUMPTION);
  f->production = NULL;
  f->spot = g_array_new (FALSE, FALSE, sizeof (FbkSpotPrice));
  fbk_contract_init_default (&f->contract);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->book);
  g_clear_object (&f->consumption);
  g_clear_object (&f->production);
  g_clear_pointer (&f->spot, g_array_unref);
}

/* @n intervals of @seconds each from @from, every one @kwh (replacing
 * what the series held there). */
static void
put_intervals (FbkSeries  *series,
               const char *from,
               guint       n,
               guint32     seconds,
               double      kwh)
{
  FbkInstant start = at (from);
  g_autoptr(GArray) intervals = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), n);

  for (guint i = 0; i < n; i++)
    {
      FbkInterval interval = { start + (FbkInstant) i * seconds, seconds, FBK_INTERVAL_VERIFIED, kwh };

      g_array_append_val (intervals, interval);
    }
  fbk_series_upsert (series, (const FbkInterval *) (gpointer) intervals->data, intervals->len);
}

static void
put_hours (FbkSeries  *series,
           const char *from,
           guint       n_hours,
           double      kwh)
{
  put_intervals (series, from, n_hours, HOUR, kwh);
}

static void
put_spot (GArray     *spot,
          const char *from,
          guint       n_hours,
          double      nok_per_kwh)
{
  FbkInstant start = at (from);

  for (guint i = 0; i < n_hours; i++)
    {
      FbkSpotPrice price = { start + (FbkInstant) i * HOUR, HOUR, nok_per_kwh };

      g_array_append_val (spot, price);
    }
}

static FbkCostSheet *
compute (Fixture    *f,
         const char *from,
         const char *to)
{
  FbkCostSheet *sheet = fbk_cost_compute (f->consumption, f->production, f->spot, &f->contract, f->book,
                                          at (from), at (to));

  g_assert_nonnull (sheet);
  g_assert_cmpuint (sheet->hours->len, ==, (at (to) - at (from)) / HOUR);
  return sheet;
}

static const FbkCostHour *
hour_at (const FbkCostSheet *sheet,
         const char         *text)
{
  FbkInstant start = at (text);
  const FbkCostHour *hour;

  g_assert_cmpint (start, >=, sheet->from);
  g_assert_cmpint (start, <, sheet->to);
  hour = &g_array_index (sheet->hours, FbkCostHour, (start - sheet->from) / HOUR);
  g_assert_cmpint (hour->start, ==, start);
  return hour;
}

static const FbkCostBucket *
bucket_at (GArray     *buckets,
           const char *start)
{
  for (guint i = 0; i < buckets->len; i++)
    {
      const FbkCostBucket *bucket = &g_array_index (buckets, FbkCostBucket, i);

      if (bucket->start == at (start))
        return bucket;
    }
  g_error ("no bucket starting %s", start);
  return NULL;
}

/* A whole month of @kwh every hour at spot @nok. */
static void
put_month (Fixture    *f,
           const char *first,
           guint       n_hours,
           double      kwh,
           double      nok)
{
  put_hours (f->consumption, first, n_hours, kwh);
  put_spot (f->spot, first, n_hours, nok);
}

/* Grid energy of 1 kWh in each hour of one Oslo day: 'D' the day price,
 * 'N' the night price, øre incl. VAT. */
static void
assert_day_night (FbkCostSheet *sheet,
                  const char   *midnight,
                  const char   *pattern,
                  double        day_ore,
                  double        night_ore)
{
  FbkInstant start = at (midnight);
  guint first = (guint) ((start - sheet->from) / HOUR);

  for (guint i = 0; pattern[i] != '\0'; i++)
    {
      const FbkCostHour *hour = &g_array_index (sheet->hours, FbkCostHour, first + i);

      g_assert_cmpint (hour->start, ==, start + (FbkInstant) i * HOUR);
      assert_ore (hour->ore.grid_energy, pattern[i] == 'D' ? day_ore : night_ore);
    }
  /* the pattern is the whole day: the next hour is the next day's */
  g_assert_cmpint (fbk_time_oslo_date (start + (FbkInstant) strlen (pattern) * HOUR).day, !=,
                   fbk_time_oslo_date (start).day);
}

static void
test_day_night (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(FbkCostSheet) january = NULL;
  g_autoptr(FbkCostSheet) april = NULL;
  g_autoptr(FbkCostSheet) october = NULL;
  g_autoptr(FbkCostSheet) may = NULL;

  put_hours (f->consumption, "2025-01-01T00:00:00+01:00", 744, 1.0);
  put_hours (f->consumption, "2025-04-01T00:00:00+02:00", 720, 1.0);
  put_hours (f->consumption, "2025-10-01T00:00:00+02:00", 745, 1.0);
  put_hours (f->consumption, "2028-05-01T00:00:00+02:00", 744, 1.0);

  /* January 2025: day 23.21 × 1.25 = 29.0125, night 15.21 × 1.25 = 19.0125.
   * Wednesday 15th: 06-21 day; Saturday 18th: all night. */
  january = compute (f, "2025-01-15T00:00:00+01:00", "2025-01-19T00:00:00+01:00");
  assert_day_night (january, "2025-01-15T00:00:00+01:00", "NNNNNNDDDDDDDDDDDDDDDDNN", 29.0125, 19.0125);
  assert_day_night (january, "2025-01-18T00:00:00+01:00", "NNNNNNNNNNNNNNNNNNNNNNNN", 29.0125, 19.0125);

  /* Easter Monday 21 April 2025: night 12.99 × 1.25 = 16.2375 all day;
   * Tuesday 22nd day hours 20.99 × 1.25 = 26.2375 */
  april = compute (f, "2025-04-21T00:00:00+02:00", "2025-04-23T00:00:00+02:00");
  assert_day_night (april, "2025-04-21T00:00:00+02:00", "NNNNNNNNNNNNNNNNNNNNNNNN", 26.2375, 16.2375);
  assert_day_night (april, "2025-04-22T00:00:00+02:00", "NNNNNNDDDDDDDDDDDDDDDDNN", 26.2375, 16.2375);

  /* The October DST day, Sunday 26 October 2025: 25 hours, both 02:00
   * hours among them, all at night (16.2375); Monday 27th, now UTC+1,
   * day hours from local 06:00 */
  october = compute (f, "2025-10-26T00:00:00+02:00", "2025-10-28T00:00:00+01:00");
  g_assert_cmpuint (october->hours->len, ==, 25 + 24);
  assert_day_night (october, "2025-10-26T00:00:00+02:00", "NNNNNNNNNNNNNNNNNNNNNNNNN", 26.2375, 16.2375);
  assert_day_night (october, "2025-10-27T00:00:00+01:00", "NNNNNNDDDDDDDDDDDDDDDDNN", 26.2375, 16.2375);

  /* 17 May on a weekday: Wednesday 17 May 2028 under the 2026-07 prices,
   * night 16.99 × 1.25 = 21.2375 all day; Tuesday 16th day hours
   * 28.99 × 1.25 = 36.2375 */
  may = compute (f, "2028-05-16T00:00:00+02:00", "2028-05-18T00:00:00+02:00");
  assert_day_night (may, "2028-05-16T00:00:00+02:00", "NNNNNNDDDDDDDDDDDDDDDDNN", 36.2375, 21.2375);
  assert_day_night (may, "2028-05-17T00:00:00+02:00", "NNNNNNNNNNNNNNNNNNNNNNNN", 36.2375, 21.2375);
}

static void
test_hour_parts (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(FbkCostSheet) sheet = NULL;
  const FbkCostHour *hour;

  /* January 2025, 2 kWh every hour at spot 1.25 NOK/kWh = 125 øre, a
   * markup of 4.9 øre and a fee of 39 kr */
  put_month (f, "2025-01-01T00:00:00+01:00", 744, 2.0, 1.25);
  f->contract.markup_ore = 4.9;
  f->contract.monthly_fee_kr = 39.0;
  sheet = compute (f, "2025-01-15T12:00:00+01:00", "2025-01-15T13:00:00+01:00");

  hour = hour_at (sheet, "2025-01-15T12:00:00+01:00");
  g_assert_cmpfloat (hour->kwh, ==, 2.0);
  assert_unknown (hour->production_kwh);
  /* electricity: 2 × (125 × 1.25 + 4.9) = 2 × 161.15 = 322.3 */
  assert_ore (hour->ore.electricity, 322.3);
  /* grid energy, Wednesday noon: 2 × 23.21 × 1.25 = 58.025 */
  assert_ore (hour->ore.grid_energy, 58.025);
  /* taxes: 2 × (9.79 + 1.0) × 1.25 = 2 × 13.4875 = 26.975 */
  assert_ore (hour->ore.taxes, 26.975);
  /* strømstøtte: 125 > 75: −2 × 0.9 × (125 − 75) × 1.25 = −112.5 */
  assert_ore (hour->ore.subsidy, -112.5);
  /* not on Norgespris: a known zero */
  assert_ore (hour->ore.norgespris, 0.0);
  /* capacity: every day's maximum is 2 kWh, average 2.0 goes up to step 2
   * (2-5 kW, 215 kr): 21500 / 744 hours; fee 3900 / 744 */
  assert_ore (hour->ore.capacity, 21500.0 / 744);
  assert_ore (hour->ore.fees, 3900.0 / 744);
  assert_unknown (hour->ore.production_credit);
  /* total: 322.3 + 58.025 + 26.975 − 112.5 + 0 + 21500/744 + 3900/744
   *      = 294.8 + 25400/744 */
  assert_ore (hour->total, 294.8 + 25400.0 / 744);
  g_assert_cmpuint (hour->unknown, ==, 0);

  /* the month: step 2 of the 2025-01-01 table, 215 kr, 39 kr */
  g_assert_cmpuint (sheet->months->len, ==, 1);
  g_assert_cmpuint (g_array_index (sheet->months, FbkCostMonth, 0).step, ==, 2);
  g_assert_cmpint (g_array_index (sheet->months, FbkCostMonth, 0).table->valid_from.month, ==, 1);
  assert_ore (g_array_index (sheet->months, FbkCostMonth, 0).capacity_ore, 21500.0);
  assert_ore (g_array_index (sheet->months, FbkCostMonth, 0).fees_ore, 3900.0);
  assert_ore (g_array_index (sheet->months, FbkCostMonth, 0).max_hours.average, 2.0);
}

/* The strømstøtte cap: 7 kWh every hour of January 2025 at spot 1.75 NOK
 * (175 øre). A whole hour's support: −7 × 0.9 × (175 − 75) × 1.25 =
 * −7 × 112.5 = −787.5. After 714 hours 714 × 7 = 4998 kWh are counted; the
 * 715th hour (index 714 = 29 days and 18 hours: 30 January 18:00) gets the
 * 2 kWh under 5000, −2 × 112.5 = −225; later hours nothing. The month:
 * 714 × −787.5 − 225 = −562275 − 225 = −562500 = 5000 × −112.5. */
static void
test_subsidy_cap (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FbkCostSheet) sheet = NULL;
  g_autoptr(FbkCostSheet) late = NULL;
  g_autoptr(GArray) months = NULL;

  put_month (f, "2025-01-01T00:00:00+01:00", 744, 7.0, 1.75);
  sheet = compute (f, "2025-01-01T00:00:00+01:00", "2025-02-01T00:00:00+01:00");

  assert_ore (hour_at (sheet, "2025-01-01T00:00:00+01:00")->ore.subsidy, -787.5);
  assert_ore (hour_at (sheet, "2025-01-30T17:00:00+01:00")->ore.subsidy, -787.5);
  assert_ore (hour_at (sheet, "2025-01-30T18:00:00+01:00")->ore.subsidy, -225.0);
  assert_ore (hour_at (sheet, "2025-01-30T19:00:00+01:00")->ore.subsidy, 0.0);
  assert_ore (hour_at (sheet, "2025-01-31T23:00:00+01:00")->ore.subsidy, 0.0);

  months = fbk_cost_sheet_get_buckets (sheet, FBK_RESOLUTION_MONTH);
  g_assert_cmpuint (months->len, ==, 1);
  assert_ore (g_array_index (months, FbkCostBucket, 0).ore.subsidy, -562500.0);

  /* A period that starts after the cap was crossed still counts from the
   * 1st: nothing on the 31st */
  late = compute (f, "2025-01-31T00:00:00+01:00", "2025-02-01T00:00:00+01:00");
  for (guint i = 0; i < late->hours->len; i++)
    assert_ore (g_array_index (late->hours, FbkCostHour, i).ore.subsidy, 0.0);

  /* A cabin gets none, a known zero */
  f->contract.cabin = TRUE;
  g_clear_pointer (&late, fbk_cost_sheet_free);
  late = compute (f, "2025-01-01T00:00:00+01:00", "2025-01-02T00:00:00+01:00");
  assert_ore (hour_at (late, "2025-01-01T12:00:00+01:00")->ore.subsidy, 0.0);
}

/* The Norgespris cap in October 2025 (745 hours), 7 kWh an hour at 175 øre:
 * a whole hour settles 7 × (40 − 175) × 1.25 = 7 × −168.75 = −1181.25.
 * The 715th hour crosses 5000 kWh: days 1-25 are 600 hours, the 26th 25
 * hours (625), so index 714 is 89 hours later: 30 October 17:00, settling
 * 2 × −168.75 = −337.5. A cabin's 1000 kWh: 142 × 7 = 994, the 143rd hour
 * (index 142 = 5 days 22 hours: 6 October 22:00) gets 6 kWh,
 * 6 × −168.75 = −1012.5; the month 1000 × −168.75 = −168750. */
static void
test_norgespris_cap (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(FbkCostSheet) home = NULL;
  g_autoptr(FbkCostSheet) cabin = NULL;
  g_autoptr(GArray) home_months = NULL;
  g_autoptr(GArray) cabin_months = NULL;

  put_month (f, "2025-10-01T00:00:00+02:00", 745, 7.0, 1.75);
  f->contract.scheme = FBK_SCHEME_NORGESPRIS;
  f->contract.norgespris_from = (FbkDate) { 2025, 10, 1 };

  home = compute (f, "2025-10-01T00:00:00+02:00", "2025-11-01T00:00:00+01:00");
  assert_ore (hour_at (home, "2025-10-30T16:00:00+01:00")->ore.norgespris, -1181.25);
  assert_ore (hour_at (home, "2025-10-30T17:00:00+01:00")->ore.norgespris, -337.5);
  assert_ore (hour_at (home, "2025-10-30T18:00:00+01:00")->ore.norgespris, 0.0);
  /* no strømstøtte on Norgespris: a known zero */
  assert_ore (hour_at (home, "2025-10-30T16:00:00+01:00")->ore.subsidy, 0.0);
  home_months = fbk_cost_sheet_get_buckets (home, FBK_RESOLUTION_MONTH);
  /* 714 × −1181.25 − 337.5 = −843412.5 − 337.5 = −843750 = 5000 × −168.75 */
  assert_ore (g_array_index (home_months, FbkCostBucket, 0).ore.norgespris, -843750.0);

  f->contract.cabin = TRUE;
  cabin = compute (f, "2025-10-01T00:00:00+02:00", "2025-11-01T00:00:00+01:00");
  assert_ore (hour_at (cabin, "2025-10-06T21:00:00+02:00")->ore.norgespris, -1181.25);
  assert_ore (hour_at (cabin, "2025-10-06T22:00:00+02:00")->ore.norgespris, -1012.5);
  assert_ore (hour_at (cabin, "2025-10-06T23:00:00+02:00")->ore.norgespris, 0.0);
  cabin_months = fbk_cost_sheet_get_buckets (cabin, FBK_RESOLUTION_MONTH);
  assert_ore (g_array_index (cabin_months, FbkCostBucket, 0).ore.norgespris, -168750.0);
}

/* Norgespris from 15 November 2025; 2 kWh every hour; spot 1.00 NOK
 * (100 øre) to the 14th, 0.20 NOK (20 øre) from the 15th.
 * Before: strømstøtte −2 × 0.9 × (100 − 75) × 1.25 = −56.25 an hour,
 *   Norgespris 0; 14 days × 24 = 336 hours: −18900.
 * After: the settlement 2 × (40 − 20) × 1.25 = +50 an hour, strømstøtte 0;
 *   16 days × 24 = 384 hours: +19200. */
static void
test_norgespris_mid_month (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(FbkCostSheet) sheet = NULL;
  g_autoptr(GArray) months = NULL;
  const FbkCostBucket *month;

  put_hours (f->consumption, "2025-11-01T00:00:00+01:00", 720, 2.0);
  put_spot (f->spot, "2025-11-01T00:00:00+01:00", 336, 1.00);
  put_spot (f->spot, "2025-11-15T00:00:00+01:00", 384, 0.20);
  f->contract.scheme = FBK_SCHEME_NORGESPRIS;
  f->contract.norgespris_from = (FbkDate) { 2025, 11, 15 };

  sheet = compute (f, "2025-11-01T00:00:00+01:00", "2025-12-01T00:00:00+01:00");
  assert_ore (hour_at (sheet, "2025-11-14T23:00:00+01:00")->ore.subsidy, -56.25);
  assert_ore (hour_at (sheet, "2025-11-14T23:00:00+01:00")->ore.norgespris, 0.0);
  assert_ore (hour_at (sheet, "2025-11-15T00:00:00+01:00")->ore.subsidy, 0.0);
  assert_ore (hour_at (sheet, "2025-11-15T00:00:00+01:00")->ore.norgespris, 50.0);

  months = fbk_cost_sheet_get_buckets (sheet, FBK_RESOLUTION_MONTH);
  month = &g_array_index (months, FbkCostBucket, 0);
  assert_ore (month->ore.subsidy, -18900.0);
  assert_ore (month->ore.norgespris, 19200.0);
}

/* Norgespris with no date given is Norgespris from the scheme's first
 * day, 1 October 2025 (state-schemes.json); strømstøtte before it. 2 kWh
 * an hour at spot 1.00 NOK (100 øre):
 *   30 September 23:00: strømstøtte −2 × 0.9 × (100 − 75) × 1.25 = −56.25;
 *   1 October 00:00: Norgespris 2 × (40 − 100) × 1.25 = −150. */
static void
test_norgespris_from_scheme_start (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(FbkCostSheet) sheet = NULL;

  /* All of September (720 hours, 1 440 kWh: under the 5 000 kWh cap, and
   * counted) and the first hour of October. */
  put_hours (f->consumption, "2025-09-01T00:00:00+02:00", 721, 2.0);
  put_spot (f->spot, "2025-09-01T00:00:00+02:00", 721, 1.00);
  f->contract.scheme = FBK_SCHEME_NORGESPRIS;
  f->contract.norgespris_from = (FbkDate) { 0, 0, 0 };

  sheet = compute (f, "2025-09-01T00:00:00+02:00", "2025-10-01T01:00:00+02:00");
  assert_ore (hour_at (sheet, "2025-09-30T23:00:00+02:00")->ore.subsidy, -56.25);
  assert_ore (hour_at (sheet, "2025-09-30T23:00:00+02:00")->ore.norgespris, 0.0);
  assert_ore (hour_at (sheet, "2025-10-01T00:00:00+02:00")->ore.subsidy, 0.0);
  assert_ore (hour_at (sheet, "2025-10-01T00:00:00+02:00")->ore.norgespris, -150.0);
}

/* Quarter-hour values summed to clock hours, on the October DST day.
 * October 2025 in quarters of 0.25 kWh: every hour 1 kWh, the 26th's 25
 * of them too. The two 02:00 hours have spot 0.30 and 0.90 NOK:
 * electricity 1 × 30 × 1.25 = 37.5 and 1 × 90 × 1.25 = 112.5. */
static void
test_quarter_hours_october (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(FbkCostSheet) october = NULL;
  g_autoptr(GArray) days = NULL;
  const FbkCostBucket *day;
  const FbkCostHour *hour;

  put_intervals (f->consumption, "2025-10-01T00:00:00+02:00", 745 * 4, 900, 0.25);
  /* 26 October 2025 00:00+02:00 is 25 October 22:00Z; the two 02:00
   * hours are 00:00Z and 01:00Z */
  put_spot (f->spot, "2025-10-26T00:00:00+02:00", 2, 0.50);
  put_spot (f->spot, "2025-10-26T00:00:00Z", 1, 0.30);
  put_spot (f->spot, "2025-10-26T01:00:00Z", 1, 0.90);

  october = compute (f, "2025-10-26T00:00:00+02:00", "2025-10-27T00:00:00+01:00");
  g_assert_cmpuint (october->hours->len, ==, 25);
  for (guint i = 0; i < 25; i++)
    g_assert_cmpfloat (g_array_index (october->hours, FbkCostHour, i).kwh, ==, 1.0);
  hour = hour_at (october, "2025-10-26T02:00:00+02:00");
  assert_ore (hour->ore.electricity, 37.5);
  hour = hour_at (october, "2025-10-26T02:00:00+01:00");
  assert_ore (hour->ore.electricity, 112.5);
  /* 00:00 at 50 øre: 62.5 */
  assert_ore (hour_at (october, "2025-10-26T00:00:00+02:00")->ore.electricity, 62.5);

  days = fbk_cost_sheet_get_buckets (october, FBK_RESOLUTION_DAY);
  g_assert_cmpuint (days->len, ==, 1);
  day = &g_array_index (days, FbkCostBucket, 0);
  g_assert_cmpuint (day->hours, ==, 25);
  g_assert_cmpuint (day->hours_expected, ==, 25);
  g_assert_cmpfloat (day->kwh, ==, 25.0);
  /* grid energy, a Sunday: 25 × 12.99 × 1.25 = 25 × 16.2375 = 405.9375 */
  assert_ore (day->ore.grid_energy, 405.9375);
  /* capacity: October's average is 1.0, step 1 of the 2025-04-01 table,
   * 125 kr over 745 hours: 25 of them 12500 × 25 / 745 */
  assert_ore (day->ore.capacity, 12500.0 * 25 / 745);
}

/* March 2026 in quarters: the 29th has 23 hours; the quarter from 10:15
 * on the 30th is missing, which leaves its hour unknown (partial is not
 * whole). From 1 March 00:00 to 30 March 10:15 are 28 × 24 + 23 + 10.25
 * = 705.25 hours, 2821 quarters; from 10:30 to 1 April 37.5 hours, 150
 * quarters (2821 + 150 = 743 × 4 − 1). */
static void
test_quarter_hours_march (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(FbkCostSheet) march = NULL;
  g_autoptr(GArray) days = NULL;
  const FbkCostBucket *day;
  const FbkCostHour *hour;

  put_intervals (f->consumption, "2026-03-01T00:00:00+01:00", 2821, 900, 0.25);
  put_intervals (f->consumption, "2026-03-30T10:30:00+02:00", 150, 900, 0.25);
  march = compute (f, "2026-03-29T00:00:00+01:00", "2026-03-31T00:00:00+02:00");
  days = fbk_cost_sheet_get_buckets (march, FBK_RESOLUTION_DAY);
  g_assert_cmpuint (days->len, ==, 2);
  day = &g_array_index (days, FbkCostBucket, 0);
  g_assert_cmpuint (day->hours_expected, ==, 23);
  g_assert_cmpuint (day->hours, ==, 23);
  g_assert_cmpfloat (day->kwh, ==, 23.0);
  day = &g_array_index (days, FbkCostBucket, 1);
  g_assert_cmpuint (day->hours_expected, ==, 24);
  g_assert_cmpuint (day->hours, ==, 23);
  g_assert_cmpfloat (day->kwh, ==, 23.0);
  hour = hour_at (march, "2026-03-30T10:00:00+02:00");
  assert_unknown (hour->kwh);
  assert_unknown (hour->ore.grid_energy);
  assert_unknown (hour->total);
  g_assert_true (hour->unknown & FBK_COST_UNKNOWN_CONSUMPTION);
  /* its share of March 2026's capacity (step 1 of 2025-04-01, 125 kr,
   * 743 hours) stays */
  assert_ore (hour->ore.capacity, 12500.0 / 743);
  assert_ore (hour_at (march, "2026-03-30T11:00:00+02:00")->kwh, 1.0);
}

/* A day of spot prices missing (10 January 2025), 1 kWh an hour, prices
 * 0.50 NOK otherwise. That day's electricity and strømstøtte are unknown;
 * grid energy, taxes and capacity known; Norgespris a known zero.
 * Friday 10th: grid 16 × 23.21 × 1.25 + 8 × 15.21 × 1.25
 *   = 16 × 29.0125 + 8 × 19.0125 = 464.2 + 152.1 = 616.3;
 * taxes 24 × (9.79 + 1.0) × 1.25 = 24 × 13.4875 = 323.7;
 * capacity step 1, 135 kr: 24 × 13500 / 744.
 * Thursday 9th: electricity 24 × 50 × 1.25 = 1500, strømstøtte 0 (50 < 75). */
static void
test_missing_spot_day (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(FbkCostSheet) sheet = NULL;
  g_autoptr(FbkCostSheet) fixed = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GArray) months = NULL;
  const FbkCostBucket *day;
  const FbkCostHour *hour;

  put_hours (f->consumption, "2025-01-01T00:00:00+01:00", 744, 1.0);
  put_spot (f->spot, "2025-01-01T00:00:00+01:00", 9 * 24, 0.50);
  put_spot (f->spot, "2025-01-11T00:00:00+01:00", 21 * 24, 0.50);

  sheet = compute (f, "2025-01-01T00:00:00+01:00", "2025-02-01T00:00:00+01:00");
  hour = hour_at (sheet, "2025-01-10T12:00:00+01:00");
  assert_unknown (hour->ore.electricity);
  assert_unknown (hour->ore.subsidy);
  assert_ore (hour->ore.norgespris, 0.0);
  assert_ore (hour->ore.grid_energy, 29.0125);
  assert_ore (hour->ore.taxes, 13.4875);
  assert_ore (hour->ore.capacity, 13500.0 / 744);
  assert_unknown (hour->total);
  g_assert_cmpuint (hour->unknown, ==, FBK_COST_UNKNOWN_SPOT_PRICE);

  days = fbk_cost_sheet_get_buckets (sheet, FBK_RESOLUTION_DAY);
  g_assert_cmpuint (days->len, ==, 31);
  day = bucket_at (days, "2025-01-10T00:00:00+01:00");
  assert_unknown (day->ore.electricity);
  assert_unknown (day->ore.subsidy);
  assert_unknown (day->total);
  assert_ore (day->ore.norgespris, 0.0);
  assert_ore (day->ore.grid_energy, 616.3);
  assert_ore (day->ore.taxes, 323.7);
  assert_ore (day->ore.capacity, 24 * 13500.0 / 744);
  g_assert_cmpuint (day->hours, ==, 24);
  g_assert_true (day->unknown & FBK_COST_UNKNOWN_SPOT_PRICE);

  day = bucket_at (days, "2025-01-09T00:00:00+01:00");
  assert_ore (day->ore.electricity, 1500.0);
  assert_ore (day->ore.subsidy, 0.0);
  g_assert_false (isnan (day->total));
  g_assert_cmpuint (day->unknown, ==, 0);

  /* the month inherits the unknown, the known parts stay known */
  months = fbk_cost_sheet_get_buckets (sheet, FBK_RESOLUTION_MONTH);
  assert_unknown (g_array_index (months, FbkCostBucket, 0).ore.electricity);
  assert_ore (g_array_index (months, FbkCostBucket, 0).ore.capacity, 13500.0);

  /* A fixed price needs no spot price: 1 × 89.9 on the 10th too */
  f->contract.supplier = FBK_SUPPLIER_FIXED;
  f->contract.fixed_price_ore = 89.9;
  fixed = compute (f, "2025-01-10T00:00:00+01:00", "2025-01-11T00:00:00+01:00");
  assert_ore (hour_at (fixed, "2025-01-10T12:00:00+01:00")->ore.electricity, 89.9);
  assert_unknown (hour_at (fixed, "2025-01-10T12:00:00+01:00")->ore.subsidy);
}

/* A missing day under Norgespris (January 2026): the settlement is
 * unknown, strømstøtte a known zero. With no scheme both are known zeros. */
static void
test_missing_spot_schemes (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(FbkCostSheet) norgespris = NULL;
  g_autoptr(FbkCostSheet) none = NULL;
  const FbkCostHour *hour;

  put_hours (f->consumption, "2026-01-01T00:00:00+01:00", 744, 1.0);
  f->contract.scheme = FBK_SCHEME_NORGESPRIS;
  f->contract.norgespris_from = (FbkDate) { 2025, 10, 1 };
  norgespris = compute (f, "2026-01-12T00:00:00+01:00", "2026-01-13T00:00:00+01:00");
  hour = hour_at (norgespris, "2026-01-12T08:00:00+01:00");
  assert_unknown (hour->ore.norgespris);
  assert_ore (hour->ore.subsidy, 0.0);
  /* Monday 12 January 2026, 08:00: grid 20.99 × 1.25 = 26.2375 (the
   * 2025-04-01 row until July), taxes (7.13 + 1) × 1.25 = 10.1625 */
  assert_ore (hour->ore.grid_energy, 26.2375);
  assert_ore (hour->ore.taxes, 10.1625);

  f->contract.scheme = FBK_SCHEME_NONE;
  none = compute (f, "2026-01-12T00:00:00+01:00", "2026-01-13T00:00:00+01:00");
  hour = hour_at (none, "2026-01-12T08:00:00+01:00");
  assert_ore (hour->ore.norgespris, 0.0);
  assert_ore (hour->ore.subsidy, 0.0);
  assert_unknown (hour->ore.electricity);
}

/* A step price recorded as null: October 2023's table publishes steps 1-3
 * only. The month's three highest days peak at 12 kWh (step 4, 10-15 kW):
 * capacity unknown, everything else known. Energiledd before 2024-10 is
 * not in the shipped data, so this book has a test row: day 20, night 10.
 * Wednesday 11 October 2023, 12:00, 1 kWh at spot 0.80 NOK (80 øre):
 *   electricity 1 × 80 × 1.25 = 100
 *   grid energy 1 × 20 × 1.25 = 25
 *   taxes (15.84 + 1.0) × 1.25 = 21.05
 *   strømstøtte −1 × 0.9 × (80 − 70) × 1.25 = −11.25
 * September 2023's peaks of 4 kWh are step 2 of the 2023-02-01 table,
 * 170 kr: 17000 / 720 an hour. */
static void
test_null_step_price (Fixture       *f,
                      gconstpointer  data)
{
  static const char energy_json[] =
    "{\"rows\": [{\"valid_from\": \"2023-01-01\", \"day\": 20, \"night\": 10,"
    " \"day_from_hour\": 6, \"day_to_hour\": 22, \"source\": \"test\"}]}";
  g_autoptr(GBytes) energy = g_bytes_new_static (energy_json, sizeof energy_json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkCostSheet) october = NULL;
  g_autoptr(FbkCostSheet) september = NULL;
  const FbkCostMonth *month;
  const FbkCostHour *hour;

  g_clear_object (&f->book);
  f->book = fbk_tariff_book_new_from_bytes (NULL, energy, NULL, NULL, &error);
  g_assert_no_error (error);

  put_month (f, "2023-10-01T00:00:00+02:00", 745, 1.0, 0.80);
  put_hours (f->consumption, "2023-10-02T18:00:00+02:00", 1, 12.0);
  put_hours (f->consumption, "2023-10-03T18:00:00+02:00", 1, 12.0);
  put_hours (f->consumption, "2023-10-04T18:00:00+02:00", 1, 12.0);
  october = compute (f, "2023-10-11T00:00:00+02:00", "2023-10-12T00:00:00+02:00");

  month = &g_array_index (october->months, FbkCostMonth, 0);
  assert_ore (month->max_hours.average, 12.0);
  g_assert_cmpuint (month->step, ==, 4);
  g_assert_cmpint (month->table->valid_from.month, ==, 10);
  assert_unknown (month->capacity_ore);

  hour = hour_at (october, "2023-10-11T12:00:00+02:00");
  assert_unknown (hour->ore.capacity);
  assert_unknown (hour->total);
  g_assert_cmpuint (hour->unknown, ==, FBK_COST_UNKNOWN_TARIFF);
  assert_ore (hour->ore.electricity, 100.0);
  assert_ore (hour->ore.grid_energy, 25.0);
  assert_ore (hour->ore.taxes, 21.05);
  assert_ore (hour->ore.subsidy, -11.25);
  assert_ore (hour->ore.norgespris, 0.0);
  assert_ore (hour->ore.fees, 0.0);

  put_hours (f->consumption, "2023-09-01T00:00:00+02:00", 720, 1.0);
  put_hours (f->consumption, "2023-09-05T18:00:00+02:00", 1, 4.0);
  put_hours (f->consumption, "2023-09-06T18:00:00+02:00", 1, 4.0);
  put_hours (f->consumption, "2023-09-07T18:00:00+02:00", 1, 4.0);
  september = compute (f, "2023-09-11T00:00:00+02:00", "2023-09-12T00:00:00+02:00");
  g_assert_cmpuint (g_array_index (september->months, FbkCostMonth, 0).step, ==, 2);
  assert_ore (hour_at (september, "2023-09-11T12:00:00+02:00")->ore.capacity, 17000.0 / 720);
}

/* Where the shipped data says "not known": energiledd before 2024-10-01,
 * forbruksavgift, strømstøtte and Norgespris in 2027. A month without any
 * consumption value has no capacity step. */
static void
test_unknown_tariff (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(FbkCostSheet) sheet = NULL;
  g_autoptr(FbkCostSheet) later = NULL;
  g_autoptr(FbkCostSheet) empty = NULL;
  const FbkCostHour *hour;

  /* September 2024, 1 kWh at 0.50 NOK: grid energy unknown; taxes
   * (16.44 + 1) × 1.25 = 21.8; capacity step 1 of 2023-10-01, 120 kr:
   * 12000 / 720; electricity 62.5 */
  put_month (f, "2024-09-01T00:00:00+02:00", 720, 1.0, 0.50);
  sheet = compute (f, "2024-09-30T12:00:00+02:00", "2024-09-30T13:00:00+02:00");
  hour = hour_at (sheet, "2024-09-30T12:00:00+02:00");
  assert_unknown (hour->ore.grid_energy);
  assert_ore (hour->ore.taxes, 21.8);
  assert_ore (hour->ore.capacity, 12000.0 / 720);
  assert_ore (hour->ore.electricity, 62.5);
  g_assert_cmpuint (hour->unknown, ==, FBK_COST_UNKNOWN_TARIFF);

  /* January 2027 at 1.50 NOK: taxes and strømstøtte unknown; energiledd
   * (28.99 × 1.25 = 36.2375 on Monday the 4th at noon) and capacity known */
  put_month (f, "2027-01-01T00:00:00+01:00", 744, 1.0, 1.50);
  later = compute (f, "2027-01-04T12:00:00+01:00", "2027-01-04T13:00:00+01:00");
  hour = hour_at (later, "2027-01-04T12:00:00+01:00");
  assert_unknown (hour->ore.taxes);
  assert_unknown (hour->ore.subsidy);
  assert_ore (hour->ore.grid_energy, 36.2375);
  /* step 1 of the 2026-07-01 table, 150 kr */
  assert_ore (hour->ore.capacity, 15000.0 / 744);
  g_clear_pointer (&later, fbk_cost_sheet_free);
  f->contract.scheme = FBK_SCHEME_NORGESPRIS;
  f->contract.norgespris_from = (FbkDate) { 2026, 1, 1 };
  later = compute (f, "2027-01-04T12:00:00+01:00", "2027-01-04T13:00:00+01:00");
  assert_unknown (hour_at (later, "2027-01-04T12:00:00+01:00")->ore.norgespris);

  /* February 2027 has no value at all: capacity unknown for its hours */
  empty = compute (f, "2027-02-01T00:00:00+01:00", "2027-02-01T01:00:00+01:00");
  hour = hour_at (empty, "2027-02-01T00:00:00+01:00");
  assert_unknown (hour->ore.capacity);
  g_assert_cmpuint (hour->unknown, ==, FBK_COST_UNKNOWN_CONSUMPTION | FBK_COST_UNKNOWN_MAX_HOURS);
  assert_ore (hour->ore.fees, 0.0);
}

/* A period from 20 January to 10 February 2025, 1 kWh an hour, spot 0.50
 * NOK, a fee of 49 kr; 25 January has no values. January's three highest
 * days (4 kWh on the 3rd, 5th and 7th, before the period) put it on step
 * 2, 215 kr; February's (6 kWh on the 20th to 22nd, after it) on step 3,
 * 350 kr: the whole months count.
 * January in the period: 12 days, 288 of its 744 hours, 264 with values:
 *   capacity 21500 × 288 / 744, fees 4900 × 288 / 744,
 *   electricity 264 × 50 × 1.25 = 16500, kWh 264.
 * February: 9 days, 216 of its 672 hours:
 *   capacity 35000 × 216 / 672 = 11250, fees 4900 × 216 / 672 = 1575. */
static void
test_partial_month (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(FbkCostSheet) sheet = NULL;
  g_autoptr(FbkCostSheet) february = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(GArray) whole = NULL;
  const FbkCostBucket *month;
  const FbkCostHour *hour;

  put_hours (f->consumption, "2025-01-01T00:00:00+01:00", 24 * 24, 1.0);
  put_hours (f->consumption, "2025-01-26T00:00:00+01:00", 6 * 24 + 672, 1.0);
  put_spot (f->spot, "2025-01-01T00:00:00+01:00", 744 + 672, 0.50);
  for (int day = 3; day <= 7; day += 2)
    {
      g_autofree char *peak = g_strdup_printf ("2025-01-%02dT17:00:00+01:00", day);
      put_hours (f->consumption, peak, 1, 4.0);
    }
  for (int day = 20; day <= 22; day++)
    {
      g_autofree char *peak = g_strdup_printf ("2025-02-%02dT17:00:00+01:00", day);
      put_hours (f->consumption, peak, 1, 6.0);
    }
  f->contract.monthly_fee_kr = 49.0;

  sheet = compute (f, "2025-01-20T00:00:00+01:00", "2025-02-10T00:00:00+01:00");
  g_assert_cmpuint (sheet->months->len, ==, 2);
  g_assert_cmpuint (g_array_index (sheet->months, FbkCostMonth, 0).step, ==, 2);
  g_assert_cmpuint (g_array_index (sheet->months, FbkCostMonth, 1).step, ==, 3);

  /* an hour without a value: its kWh and energy parts unknown, its share
   * of the month's amounts known */
  hour = hour_at (sheet, "2025-01-25T12:00:00+01:00");
  assert_unknown (hour->kwh);
  assert_unknown (hour->ore.electricity);
  assert_ore (hour->ore.capacity, 21500.0 / 744);
  assert_ore (hour->ore.fees, 4900.0 / 744);
  /* strømstøtte after the gap: spot 50 is below 75, so still a known 0 */
  assert_ore (hour_at (sheet, "2025-01-26T12:00:00+01:00")->ore.subsidy, 0.0);

  months = fbk_cost_sheet_get_buckets (sheet, FBK_RESOLUTION_MONTH);
  g_assert_cmpuint (months->len, ==, 2);
  month = &g_array_index (months, FbkCostBucket, 0);
  g_assert_cmpint (month->start, ==, at ("2025-01-01T00:00:00+01:00"));
  g_assert_cmpint (month->end, ==, at ("2025-02-01T00:00:00+01:00"));
  g_assert_cmpint (month->covered_from, ==, at ("2025-01-20T00:00:00+01:00"));
  g_assert_cmpint (month->covered_to, ==, at ("2025-02-01T00:00:00+01:00"));
  g_assert_cmpuint (month->hours, ==, 264);
  g_assert_cmpuint (month->hours_expected, ==, 744);
  g_assert_cmpfloat (month->kwh, ==, 264.0);
  assert_ore (month->ore.capacity, 21500.0 * 288 / 744);
  assert_ore (month->ore.fees, 4900.0 * 288 / 744);
  assert_ore (month->ore.electricity, 16500.0);
  g_assert_false (isnan (month->total));

  month = &g_array_index (months, FbkCostBucket, 1);
  g_assert_cmpuint (month->hours, ==, 216);
  g_assert_cmpuint (month->hours_expected, ==, 672);
  g_assert_cmpint (month->covered_to, ==, at ("2025-02-10T00:00:00+01:00"));
  assert_ore (month->ore.capacity, 11250.0);
  assert_ore (month->ore.fees, 1575.0);

  /* the whole of February sums to the monthly amounts */
  february = compute (f, "2025-02-01T00:00:00+01:00", "2025-03-01T00:00:00+01:00");
  whole = fbk_cost_sheet_get_buckets (february, FBK_RESOLUTION_MONTH);
  assert_ore (g_array_index (whole, FbkCostBucket, 0).ore.capacity, 35000.0);
  assert_ore (g_array_index (whole, FbkCostBucket, 0).ore.fees, 4900.0);
}

/* After an hour without a value, how much of the cap the month has used is
 * not known: strømstøtte above the threshold and the Norgespris settlement
 * of later hours are unknown. November 2025, 1 kWh an hour at 1.00 NOK,
 * nothing on 10 November 12:00. Before the gap strømstøtte is
 * −1 × 0.9 × (100 − 75) × 1.25 = −28.125. */
static void
test_gap_and_cap (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FbkCostSheet) sheet = NULL;
  const FbkCostHour *hour;

  put_hours (f->consumption, "2025-11-01T00:00:00+01:00", 9 * 24 + 12, 1.0);
  put_hours (f->consumption, "2025-11-10T13:00:00+01:00", 20 * 24 + 11, 1.0);
  put_spot (f->spot, "2025-11-01T00:00:00+01:00", 720, 1.00);

  sheet = compute (f, "2025-11-10T00:00:00+01:00", "2025-11-11T00:00:00+01:00");
  assert_ore (hour_at (sheet, "2025-11-10T11:00:00+01:00")->ore.subsidy, -28.125);
  hour = hour_at (sheet, "2025-11-10T13:00:00+01:00");
  assert_unknown (hour->ore.subsidy);
  g_assert_cmpuint (hour->unknown, ==, FBK_COST_UNKNOWN_CAP_COUNT);
  assert_ore (hour->ore.electricity, 125.0);
}

/* Production bought at the hour's spot price less a 2 øre deduction, no
 * VAT, beside the bill. 15 January 2025: 12:00 3 kWh at 0.50 NOK:
 * −3 × (50 − 2) = −144; 13:00 1 kWh at −0.10 NOK: −1 × (−10 − 2) = +12;
 * 14:00 no production value; 15:00 2 kWh without a spot price. */
static void
test_production_credit (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(FbkCostSheet) sheet = NULL;
  g_autoptr(FbkCostSheet) without = NULL;
  g_autoptr(GArray) days = NULL;
  const FbkCostHour *hour;
  const FbkCostBucket *day;

  f->production = fbk_series_new (METER, FBK_DIRECTION_PRODUCTION);
  put_hours (f->consumption, "2025-01-01T00:00:00+01:00", 744, 1.0);
  put_hours (f->production, "2025-01-15T12:00:00+01:00", 1, 3.0);
  put_hours (f->production, "2025-01-15T13:00:00+01:00", 1, 1.0);
  put_hours (f->production, "2025-01-15T15:00:00+01:00", 1, 2.0);
  put_spot (f->spot, "2025-01-15T00:00:00+01:00", 13, 0.50);
  put_spot (f->spot, "2025-01-15T13:00:00+01:00", 1, -0.10);
  put_spot (f->spot, "2025-01-15T14:00:00+01:00", 1, 0.50);
  f->contract.production_deduction_ore = 2.0;

  sheet = compute (f, "2025-01-15T12:00:00+01:00", "2025-01-15T16:00:00+01:00");
  hour = hour_at (sheet, "2025-01-15T12:00:00+01:00");
  g_assert_cmpfloat (hour->production_kwh, ==, 3.0);
  assert_ore (hour->ore.production_credit, -144.0);
  /* the bill is not netted: kWh and total are consumption's. 1 kWh at 50
   * øre: electricity 62.5, grid 29.0125, taxes 13.4875, capacity and fee */
  g_assert_cmpfloat (hour->kwh, ==, 1.0);
  assert_ore (hour->total, 62.5 + 29.0125 + 13.4875 + 13500.0 / 744);
  /* negative spot price: the producer pays */
  assert_ore (hour_at (sheet, "2025-01-15T13:00:00+01:00")->ore.production_credit, 12.0);
  assert_unknown (hour_at (sheet, "2025-01-15T14:00:00+01:00")->production_kwh);
  assert_unknown (hour_at (sheet, "2025-01-15T14:00:00+01:00")->ore.production_credit);
  g_assert_cmpuint (hour_at (sheet, "2025-01-15T14:00:00+01:00")->unknown, ==, 0);
  hour = hour_at (sheet, "2025-01-15T15:00:00+01:00");
  assert_unknown (hour->ore.production_credit);
  g_assert_true (hour->unknown & FBK_COST_UNKNOWN_SPOT_PRICE);

  /* the day sums the hours with production: 3 of them, one unknown */
  days = fbk_cost_sheet_get_buckets (sheet, FBK_RESOLUTION_DAY);
  day = &g_array_index (days, FbkCostBucket, 0);
  g_assert_cmpuint (day->production_hours, ==, 3);
  g_assert_cmpfloat (day->production_kwh, ==, 6.0);
  assert_unknown (day->ore.production_credit);

  /* a meter that does not produce */
  g_clear_object (&f->production);
  without = compute (f, "2025-01-15T12:00:00+01:00", "2025-01-15T13:00:00+01:00");
  assert_unknown (hour_at (without, "2025-01-15T12:00:00+01:00")->production_kwh);
  assert_unknown (hour_at (without, "2025-01-15T12:00:00+01:00")->ore.production_credit);
}

/* A fixed-price supplier in January 2025: 89.9 øre incl. VAT, 49 kr a
 * month, 2 kWh every hour. An hour: electricity 2 × 89.9 = 179.8, fee
 * 4900 / 744. The month: electricity 744 × 179.8 = 133771.2, fee 4900,
 * capacity (step 2, 215 kr) 21500; strømstøtte 0 at spot 0.50. */
static void
test_fixed_price (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FbkCostSheet) sheet = NULL;
  g_autoptr(GArray) months = NULL;
  const FbkCostBucket *month;

  put_month (f, "2025-01-01T00:00:00+01:00", 744, 2.0, 0.50);
  f->contract.supplier = FBK_SUPPLIER_FIXED;
  f->contract.fixed_price_ore = 89.9;
  f->contract.monthly_fee_kr = 49.0;

  sheet = compute (f, "2025-01-01T00:00:00+01:00", "2025-02-01T00:00:00+01:00");
  assert_ore (hour_at (sheet, "2025-01-20T03:00:00+01:00")->ore.electricity, 179.8);
  assert_ore (hour_at (sheet, "2025-01-20T03:00:00+01:00")->ore.fees, 4900.0 / 744);

  months = fbk_cost_sheet_get_buckets (sheet, FBK_RESOLUTION_MONTH);
  month = &g_array_index (months, FbkCostBucket, 0);
  assert_ore (month->ore.electricity, 133771.2);
  assert_ore (month->ore.fees, 4900.0);
  assert_ore (month->ore.capacity, 21500.0);
  assert_ore (month->ore.subsidy, 0.0);
  g_assert_cmpfloat (month->kwh, ==, 1488.0);
  /* grid energy: January 2025 has 22 working days (the 1st is a holiday;
   * 4 Saturdays and 4 Sundays), 22 × 16 = 352 day hours, 744 − 352 = 392
   * night hours: 2 × (352 × 23.21 + 392 × 15.21) × 1.25
   *   = 2 × (8169.92 + 5962.32) × 1.25 = 2 × 14132.24 × 1.25 = 35330.6 */
  assert_ore (month->ore.grid_energy, 35330.6);
  /* taxes: 1488 × 13.4875 = 20069.4 */
  assert_ore (month->ore.taxes, 20069.4);
  assert_ore (month->total, 133771.2 + 35330.6 + 21500.0 + 20069.4 + 0 + 0 + 4900.0);
}

/* Buckets of every size in Oslo time: the ISO week of the October DST day
 * has 169 hours, 2025 has 8760; a sheet's first and last weeks are cut. */
static void
test_buckets (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(FbkCostSheet) sheet = NULL;
  g_autoptr(GArray) weeks = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GArray) hours = NULL;
  const FbkCostBucket *week;

  put_month (f, "2025-10-01T00:00:00+02:00", 745, 1.0, 0.40);
  sheet = compute (f, "2025-10-01T00:00:00+02:00", "2025-11-01T00:00:00+01:00");

  weeks = fbk_cost_sheet_get_buckets (sheet, FBK_RESOLUTION_WEEK);
  /* Wednesday 1 October is in the week of Monday 29 September; Friday 31
   * October in the week of Monday 27th: 29 Sep, 6, 13, 20, 27 Oct */
  g_assert_cmpuint (weeks->len, ==, 5);
  week = &g_array_index (weeks, FbkCostBucket, 0);
  g_assert_cmpint (week->start, ==, at ("2025-09-29T00:00:00+02:00"));
  g_assert_cmpint (week->covered_from, ==, at ("2025-10-01T00:00:00+02:00"));
  g_assert_cmpuint (week->hours, ==, 5 * 24);
  g_assert_cmpuint (week->hours_expected, ==, 168);
  week = bucket_at (weeks, "2025-10-20T00:00:00+02:00");
  g_assert_cmpuint (week->hours, ==, 169);
  g_assert_cmpuint (week->hours_expected, ==, 169);
  /* 169 × 40 × 1.25 = 8450 */
  assert_ore (week->ore.electricity, 8450.0);
  week = &g_array_index (weeks, FbkCostBucket, 4);
  g_assert_cmpint (week->covered_to, ==, at ("2025-11-01T00:00:00+01:00"));
  g_assert_cmpuint (week->hours, ==, 5 * 24);

  years = fbk_cost_sheet_get_buckets (sheet, FBK_RESOLUTION_YEAR);
  g_assert_cmpuint (years->len, ==, 1);
  g_assert_cmpuint (g_array_index (years, FbkCostBucket, 0).hours, ==, 745);
  g_assert_cmpuint (g_array_index (years, FbkCostBucket, 0).hours_expected, ==, 8760);
  /* a month's capacity sums whole into the year: step 1 of 2025-04-01 */
  assert_ore (g_array_index (years, FbkCostBucket, 0).ore.capacity, 12500.0);

  /* hour buckets are the hours */
  hours = fbk_cost_sheet_get_buckets (sheet, FBK_RESOLUTION_HOUR);
  g_assert_cmpuint (hours->len, ==, 745);
  g_assert_cmpuint (g_array_index (hours, FbkCostBucket, 0).hours_expected, ==, 1);
  assert_ore (g_array_index (hours, FbkCostBucket, 0).ore.electricity, 50.0);
}

/* "What would Norgespris have cost": the same inputs under two contracts,
 * two calls that leave each other and the inputs alone. November 2025,
 * 2 kWh an hour at 1.00 NOK: strømstøtte −2 × 0.9 × 25 × 1.25 = −56.25 an
 * hour, −56.25 × 720 = −40500; Norgespris 2 × (40 − 100) × 1.25 = −150 an
 * hour, −108000 (1440 kWh, under the cap). */
static void
test_compare_schemes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FbkCostSheet) actual = NULL;
  g_autoptr(FbkCostSheet) alternative = NULL;
  g_autoptr(GArray) actual_months = NULL;
  g_autoptr(GArray) alternative_months = NULL;
  FbkContract norgespris;
  const FbkCostBucket *a, *b;

  put_month (f, "2025-11-01T00:00:00+01:00", 720, 2.0, 1.00);
  norgespris = f->contract;
  norgespris.scheme = FBK_SCHEME_NORGESPRIS;
  norgespris.norgespris_from = (FbkDate) { 2025, 10, 1 };

  actual = compute (f, "2025-11-01T00:00:00+01:00", "2025-12-01T00:00:00+01:00");
  f->contract = norgespris;
  alternative = compute (f, "2025-11-01T00:00:00+01:00", "2025-12-01T00:00:00+01:00");
  actual_months = fbk_cost_sheet_get_buckets (actual, FBK_RESOLUTION_MONTH);
  alternative_months = fbk_cost_sheet_get_buckets (alternative, FBK_RESOLUTION_MONTH);
  a = &g_array_index (actual_months, FbkCostBucket, 0);
  b = &g_array_index (alternative_months, FbkCostBucket, 0);

  assert_ore (a->ore.subsidy, -40500.0);
  assert_ore (a->ore.norgespris, 0.0);
  assert_ore (b->ore.subsidy, 0.0);
  assert_ore (b->ore.norgespris, -108000.0);
  /* everything else is the same */
  assert_ore (b->ore.electricity, a->ore.electricity);
  assert_ore (b->ore.capacity, a->ore.capacity);
  /* the difference in the total is the schemes': −108000 + 40500 */
  assert_ore (b->total - a->total, -67500.0);
  g_assert_cmpuint (fbk_series_get_length (f->consumption), ==, 720);
  g_assert_cmpuint (f->spot->len, ==, 720);
}

/* A dated row's first day: 31 March 2025 23:00 is still under the January
 * rows, 1 April 00:00 under the April ones (both night hours, 1 kWh):
 *   grid 15.21 × 1.25 = 19.0125, then 12.99 × 1.25 = 16.2375
 *   taxes (9.79 + 1) × 1.25 = 13.4875, then (16.93 + 1) × 1.25 = 22.4125
 *   capacity: March on the 2025-01-01 table, step 1 135 kr over 743 hours;
 *   April on the 2025-04-01 table, 125 kr over 720 hours.
 * And the strømstøtte threshold at New Year, spot 0.74 NOK (74 øre):
 *   31 December 2024 23:00 above 73: −1 × 0.9 × 1 × 1.25 = −1.125;
 *   1 January 2025 00:00 below 75: 0. */
static void
test_row_boundaries (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(FbkCostSheet) april = NULL;
  g_autoptr(FbkCostSheet) new_year = NULL;
  const FbkCostHour *hour;

  put_hours (f->consumption, "2024-12-01T00:00:00+01:00", 744 + 744 + 672 + 743 + 720, 1.0);
  put_spot (f->spot, "2024-12-31T23:00:00+01:00", 2, 0.74);

  april = compute (f, "2025-03-31T23:00:00+02:00", "2025-04-01T01:00:00+02:00");
  hour = hour_at (april, "2025-03-31T23:00:00+02:00");
  assert_ore (hour->ore.grid_energy, 19.0125);
  assert_ore (hour->ore.taxes, 13.4875);
  assert_ore (hour->ore.capacity, 13500.0 / 743);
  hour = hour_at (april, "2025-04-01T00:00:00+02:00");
  assert_ore (hour->ore.grid_energy, 16.2375);
  assert_ore (hour->ore.taxes, 22.4125);
  assert_ore (hour->ore.capacity, 12500.0 / 720);

  new_year = compute (f, "2024-12-31T23:00:00+01:00", "2025-01-01T01:00:00+01:00");
  assert_ore (hour_at (new_year, "2024-12-31T23:00:00+01:00")->ore.subsidy, -1.125);
  assert_ore (hour_at (new_year, "2025-01-01T00:00:00+01:00")->ore.subsidy, 0.0);
}

/* The capacity table of July 2022 is without VAT: step 1, 100 kr, becomes
 * 100 × 1.25 = 125 kr, 12500 / 744 an hour. */
static void
test_capacity_without_vat (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(FbkCostSheet) sheet = NULL;

  put_hours (f->consumption, "2022-07-01T00:00:00+02:00", 744, 1.5);
  sheet = compute (f, "2022-07-01T00:00:00+02:00", "2022-07-01T01:00:00+02:00");
  assert_ore (g_array_index (sheet->months, FbkCostMonth, 0).capacity_ore, 12500.0);
  assert_ore (hour_at (sheet, "2022-07-01T00:00:00+02:00")->ore.capacity, 12500.0 / 744);
}

static void
test_contract (void)
{
  FbkContract contract;
  FbkPriceArea area;
  FbkScheme scheme;
  FbkSupplier supplier;

  /* the defaults right for most Elvia households */
  fbk_contract_init_default (&contract);
  g_assert_cmpint (contract.supplier, ==, FBK_SUPPLIER_SPOT);
  g_assert_cmpfloat (contract.markup_ore, ==, 0.0);
  g_assert_cmpfloat (contract.monthly_fee_kr, ==, 0.0);
  g_assert_cmpint (contract.scheme, ==, FBK_SCHEME_STROMSTOTTE);
  g_assert_false (contract.cabin);
  g_assert_cmpint (contract.area, ==, FBK_PRICE_AREA_NO1);
  g_assert_true (fbk_contract_validate (&contract, NULL));

  g_assert_true (fbk_price_area_from_string ("NO5", &area));
  g_assert_cmpint (area, ==, FBK_PRICE_AREA_NO5);
  g_assert_cmpstr (fbk_price_area_to_string (FBK_PRICE_AREA_NO3), ==, "NO3");
  g_assert_false (fbk_price_area_from_string ("NO6", &area));
  g_assert_false (fbk_price_area_from_string ("no1", &area));
  g_assert_true (fbk_scheme_from_string ("stromstotte", &scheme));
  g_assert_cmpint (scheme, ==, FBK_SCHEME_STROMSTOTTE);
  g_assert_true (fbk_scheme_from_string ("none", &scheme));
  g_assert_cmpint (scheme, ==, FBK_SCHEME_NONE);
  g_assert_cmpstr (fbk_scheme_to_string (FBK_SCHEME_NORGESPRIS), ==, "norgespris");
  g_assert_false (fbk_scheme_from_string ("strømstøtte", &scheme));
  g_assert_true (fbk_supplier_from_string ("fixed", &supplier));
  g_assert_cmpint (supplier, ==, FBK_SUPPLIER_FIXED);
  g_assert_false (fbk_supplier_from_string (NULL, &supplier));

  {
    struct { const char *what; FbkContract contract; } bad[] = {
      { "markup NAN", contract },
      { "fixed negative", contract },
      { "fee infinite", contract },
      { "deduction negative", contract },
      { "norgespris from 30 February", contract },
    };
    bad[0].contract.markup_ore = NAN;
    bad[1].contract.supplier = FBK_SUPPLIER_FIXED;
    bad[1].contract.fixed_price_ore = -1;
    bad[2].contract.monthly_fee_kr = INFINITY;
    bad[3].contract.production_deduction_ore = -0.5;
    bad[4].contract.scheme = FBK_SCHEME_NORGESPRIS;
    bad[4].contract.norgespris_from = (FbkDate) { 2026, 2, 30 };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;

        if (fbk_contract_validate (&bad[i].contract, &error))
          g_error ("accepted: %s", bad[i].what);
        g_assert_error (error, FBK_CONTRACT_ERROR, FBK_CONTRACT_ERROR_INVALID);
      }
  }

  /* Norgespris without a date: from the scheme's first day */
  {
    FbkContract from_start = contract;

    from_start.scheme = FBK_SCHEME_NORGESPRIS;
    g_assert_true (fbk_contract_norgespris_from_scheme_start (&from_start));
    g_assert_true (fbk_contract_validate (&from_start, NULL));
  }

  /* a negative markup is a real contract */
  contract.markup_ore = -1.5;
  g_assert_true (fbk_contract_validate (&contract, NULL));
}

static void
test_part_names (void)
{
  FbkCostParts parts = { 1, 2, 3, 4, 5, 6, 7, 8 };

  g_assert_cmpstr (fbk_cost_part_to_string (FBK_COST_GRID_ENERGY), ==, "grid_energy");
  g_assert_cmpstr (fbk_cost_part_to_string (FBK_COST_PRODUCTION_CREDIT), ==, "production_credit");
  g_assert_cmpfloat (fbk_cost_parts_get (&parts, FBK_COST_ELECTRICITY), ==, 1);
  g_assert_cmpfloat (fbk_cost_parts_get (&parts, FBK_COST_NORGESPRIS), ==, 6);
  g_assert_cmpfloat (fbk_cost_parts_get (&parts, FBK_COST_PRODUCTION_CREDIT), ==, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cost/day-night", Fixture, NULL, fixture_set_up, test_day_night, fixture_tear_down);
  g_test_add ("/cost/hour-parts", Fixture, NULL, fixture_set_up, test_hour_parts, fixture_tear_down);
  g_test_add ("/cost/subsidy-cap", Fixture, NULL, fixture_set_up, test_subsidy_cap, fixture_tear_down);
  g_test_add ("/cost/norgespris-cap", Fixture, NULL, fixture_set_up, test_norgespris_cap, fixture_tear_down);
  g_test_add ("/cost/norgespris-mid-month", Fixture, NULL, fixture_set_up, test_norgespris_mid_month, fixture_tear_down);
  g_test_add ("/cost/norgespris-from-scheme-start", Fixture, NULL, fixture_set_up, test_norgespris_from_scheme_start, fixture_tear_down);
  g_test_add ("/cost/quarter-hours/october", Fixture, NULL, fixture_set_up, test_quarter_hours_october, fixture_tear_down);
  g_test_add ("/cost/quarter-hours/march", Fixture, NULL, fixture_set_up, test_quarter_hours_march, fixture_tear_down);
  g_test_add ("/cost/missing-spot-day", Fixture, NULL, fixture_set_up, test_missing_spot_day, fixture_tear_down);
  g_test_add ("/cost/missing-spot-schemes", Fixture, NULL, fixture_set_up, test_missing_spot_schemes, fixture_tear_down);
  g_test_add ("/cost/null-step-price", Fixture, NULL, fixture_set_up, test_null_step_price, fixture_tear_down);
  g_test_add ("/cost/unknown-tariff", Fixture, NULL, fixture_set_up, test_unknown_tariff, fixture_tear_down);
  g_test_add ("/cost/partial-month", Fixture, NULL, fixture_set_up, test_partial_month, fixture_tear_down);
  g_test_add ("/cost/gap-and-cap", Fixture, NULL, fixture_set_up, test_gap_and_cap, fixture_tear_down);
  g_test_add ("/cost/production-credit", Fixture, NULL, fixture_set_up, test_production_credit, fixture_tear_down);
  g_test_add ("/cost/fixed-price", Fixture, NULL, fixture_set_up, test_fixed_price, fixture_tear_down);
  g_test_add ("/cost/buckets", Fixture, NULL, fixture_set_up, test_buckets, fixture_tear_down);
  g_test_add ("/cost/compare-schemes", Fixture, NULL, fixture_set_up, test_compare_schemes, fixture_tear_down);
  g_test_add ("/cost/row-boundaries", Fixture, NULL, fixture_set_up, test_row_boundaries, fixture_tear_down);
  g_test_add ("/cost/capacity-without-vat", Fixture, NULL, fixture_set_up, test_capacity_without_vat, fixture_tear_down);
  g_test_add_func ("/cost/contract", test_contract);
  g_test_add_func ("/cost/part-names", test_part_names);

  return g_test_run ();
}
