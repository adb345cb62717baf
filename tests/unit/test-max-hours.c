/* test-max-hours.c: Elvia's three-day-maxima rule, recomputed locally, and
 * what the max-hours page says of a month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "fbk-max-hours-table.h"
#include "fbk-max-hours-text.h"
#include "fbk-max-hours.h"

static FbkInstant
at (const char *text)
{
  FbkInstant instant = 0;

  if (!fbk_time_parse (text, &instant))
    g_error ("bad time in test: %s", text);
  return instant;
}

/* Every clock hour of an Oslo month at @kwh, verified, in a scrambled order
 * (the computation must not rely on order). */
static GArray *
month_of_hours (int    year,
                int    month,
                double kwh)
{
  FbkDate first = { year, month, 1 };
  FbkInstant start = fbk_time_oslo_midnight (first);
  FbkInstant end = fbk_time_oslo_midnight (fbk_date_add_months (first, 1));
  GArray *hours = g_array_new (FALSE, FALSE, sizeof (FbkInterval));

  for (FbkInstant hour = end - 3600; hour >= start; hour -= 3600)
    {
      FbkInterval interval = { hour, 3600, FBK_INTERVAL_VERIFIED, kwh };
      g_array_append_val (hours, interval);
    }

  return hours;
}

static void
set_hour (GArray     *hours,
          const char *start,
          double      kwh,
          gboolean    verified)
{
  FbkInstant instant = at (start);

  for (guint i = 0; i < hours->len; i++)
    {
      FbkInterval *interval = &g_array_index (hours, FbkInterval, i);

      if (interval->start == instant)
        {
          interval->kwh = kwh;
          interval->flags = verified ? FBK_INTERVAL_VERIFIED : 0;
          return;
        }
    }

  g_error ("no hour at %s", start);
}

static void
add_interval (GArray     *intervals,
              const char *start,
              guint32     duration,
              double      kwh,
              gboolean    verified)
{
  FbkInterval interval = { at (start), duration, verified ? FBK_INTERVAL_VERIFIED : 0, kwh };

  g_array_append_val (intervals, interval);
}

static void
assert_hour (const FbkMaxHour *hour,
             const char       *start,
             double            kwh,
             gboolean          verified)
{
  g_assert_cmpint (hour->start, ==, at (start));
  g_assert_cmpint (hour->end, ==, hour->start + 3600);
  g_assert_cmpfloat_with_epsilon (hour->kwh, kwh, 1e-9);
  g_assert_cmpint (hour->verified, ==, verified);
}

static FbkMaxHours
compute (GArray *intervals,
         int     year,
         int     month)
{
  FbkMaxHours result;

  g_assert_true (fbk_max_hours_compute (&result, year, month,
                                        (const FbkInterval *) (gpointer) intervals->data,
                                        intervals->len));
  return result;
}

/* The figures of the API example (maxhours-v2.json), rebuilt from hours.
 * The second-largest hour of the month is on the same day as the largest,
 * so it must not count. */
static void
test_compute_hourly (void)
{
  g_autoptr(GArray) hours = month_of_hours (2022, 11, 1.0);
  FbkMaxHours local;
  FbkMaxHours api;
  const FbkMaxHour api_hours[] = {
    { at ("2022-11-14T18:00:00+01:00"), at ("2022-11-14T19:00:00+01:00"), 5.860, FALSE },
    { at ("2022-11-03T17:00:00+01:00"), at ("2022-11-03T18:00:00+01:00"), 6.512, TRUE },
    { at ("2022-11-09T07:00:00+01:00"), at ("2022-11-09T08:00:00+01:00"), 5.967, TRUE },
  };

  g_assert_cmpuint (hours->len, ==, 720);
  set_hour (hours, "2022-11-03T17:00:00+01:00", 6.512, TRUE);
  set_hour (hours, "2022-11-03T18:00:00+01:00", 6.400, TRUE);
  set_hour (hours, "2022-11-09T07:00:00+01:00", 5.967, TRUE);
  set_hour (hours, "2022-11-14T18:00:00+01:00", 5.860, FALSE);
  set_hour (hours, "2022-11-20T12:00:00+01:00", 4.000, TRUE);

  local = compute (hours, 2022, 11);
  g_assert_cmpint (local.year, ==, 2022);
  g_assert_cmpint (local.month, ==, 11);
  g_assert_cmpuint (local.n_hours, ==, 3);
  assert_hour (&local.hours[0], "2022-11-03T17:00:00+01:00", 6.512, TRUE);
  assert_hour (&local.hours[1], "2022-11-09T07:00:00+01:00", 5.967, TRUE);
  assert_hour (&local.hours[2], "2022-11-14T18:00:00+01:00", 5.860, FALSE);
  g_assert_cmpfloat_with_epsilon (local.average, 6.113, 1e-9);
  g_assert_false (local.provisional);
  g_assert_false (local.all_verified);
  g_assert_cmpint (local.source, ==, FBK_MAX_HOURS_SOURCE_LOCAL);

  fbk_max_hours_init (&api, 2022, 11, api_hours, G_N_ELEMENTS (api_hours), FBK_MAX_HOURS_SOURCE_API);
  api.average = 6.113;
  g_assert_cmpint (fbk_max_hours_compare (&api, &local, FBK_MAX_HOURS_DEFAULT_TOLERANCE), ==,
                   FBK_MAX_HOURS_SAME);

  /* Once the 14th is verified, all is. */
  set_hour (hours, "2022-11-14T18:00:00+01:00", 5.860, TRUE);
  local = compute (hours, 2022, 11);
  g_assert_true (local.all_verified);
}

/* 15-minute values count per clock hour: four quarters of 1.6 (6.4 kWh in
 * the hour) beat one quarter of 3.0. An hour missing a quarter still
 * counts what it has, but is not verified. */
static void
test_compute_quarter_hours (void)
{
  g_autoptr(GArray) quarters = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
  FbkMaxHours result;

  for (guint q = 0; q < 4; q++)
    {
      g_autofree char *at17 = g_strdup_printf ("2024-01-10T17:%02u:00+01:00", q * 15);
      g_autofree char *at18 = g_strdup_printf ("2024-01-10T18:%02u:00+01:00", q * 15);
      g_autofree char *at08 = g_strdup_printf ("2024-01-11T08:%02u:00+01:00", q * 15);

      add_interval (quarters, at17, 900, 1.6, TRUE);
      add_interval (quarters, at18, 900, q == 2 ? 3.0 : 0.5, TRUE);
      /* the 11th lacks its 08:45 quarter */
      if (q < 3)
        add_interval (quarters, at08, 900, 2.5, TRUE);
    }
  add_interval (quarters, "2024-01-12T23:45:00+01:00", 900, 0.75, FALSE);

  result = compute (quarters, 2024, 1);
  g_assert_cmpuint (result.n_hours, ==, 3);
  assert_hour (&result.hours[0], "2024-01-11T08:00:00+01:00", 7.5, FALSE);
  assert_hour (&result.hours[1], "2024-01-10T17:00:00+01:00", 6.4, TRUE);
  assert_hour (&result.hours[2], "2024-01-12T23:00:00+01:00", 0.75, FALSE);
  g_assert_cmpfloat_with_epsilon (result.average, (7.5 + 6.4 + 0.75) / 3, 1e-9);
  g_assert_false (result.provisional);
}

/* Oslo days, not UTC days: the repeated 02:00 in October belongs to the
 * 30th, 23:00 Oslo (22:00 UTC) to its own day, and hours just outside the
 * month stay out. */
static void
test_compute_dst_october (void)
{
  g_autoptr(GArray) hours = month_of_hours (2022, 10, 1.0);
  FbkMaxHours result;

  g_assert_cmpuint (hours->len, ==, 31 * 24 + 1);
  set_hour (hours, "2022-10-30T02:00:00+01:00", 9.0, TRUE);
  set_hour (hours, "2022-10-31T00:00:00+01:00", 8.0, TRUE);
  set_hour (hours, "2022-10-29T23:00:00+02:00", 7.0, TRUE);
  set_hour (hours, "2022-10-30T23:00:00+01:00", 8.5, TRUE);  /* the 30th already has 9 */
  add_interval (hours, "2022-11-01T00:00:00+01:00", 3600, 10.0, TRUE);
  add_interval (hours, "2022-09-30T23:00:00+02:00", 3600, 11.0, TRUE);

  result = compute (hours, 2022, 10);
  g_assert_cmpuint (result.n_hours, ==, 3);
  assert_hour (&result.hours[0], "2022-10-30T02:00:00+01:00", 9.0, TRUE);
  assert_hour (&result.hours[1], "2022-10-31T00:00:00+01:00", 8.0, TRUE);
  assert_hour (&result.hours[2], "2022-10-29T23:00:00+02:00", 7.0, TRUE);
  g_assert_cmpfloat_with_epsilon (result.average, 8.0, 1e-9);
}

static void
test_compute_dst_march (void)
{
  g_autoptr(GArray) hours = month_of_hours (2023, 3, 0.5);
  FbkMaxHours result;

  g_assert_cmpuint (hours->len, ==, 31 * 24 - 1);
  set_hour (hours, "2023-03-26T03:00:00+02:00", 4.0, TRUE);
  set_hour (hours, "2023-03-26T23:00:00+02:00", 3.0, TRUE);
  set_hour (hours, "2023-03-27T00:00:00+02:00", 2.0, FALSE);
  set_hour (hours, "2023-03-01T00:00:00+01:00", 1.5, TRUE);

  result = compute (hours, 2023, 3);
  assert_hour (&result.hours[0], "2023-03-26T03:00:00+02:00", 4.0, TRUE);
  assert_hour (&result.hours[1], "2023-03-27T00:00:00+02:00", 2.0, FALSE);
  assert_hour (&result.hours[2], "2023-03-01T00:00:00+01:00", 1.5, TRUE);
}

static void
test_compute_provisional (void)
{
  g_autoptr(GArray) hours = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
  FbkMaxHours result;

  result = compute (hours, 2023, 1);
  g_assert_cmpuint (result.n_hours, ==, 0);
  g_assert_cmpfloat (result.average, ==, 0.0);
  g_assert_true (result.provisional);
  g_assert_false (result.all_verified);

  add_interval (hours, "2023-01-01T18:00:00+01:00", 3600, 3.25, TRUE);
  add_interval (hours, "2023-01-01T19:00:00+01:00", 3600, 3.0, TRUE);
  add_interval (hours, "2023-01-02T07:00:00+01:00", 3600, 4.75, TRUE);

  result = compute (hours, 2023, 1);
  g_assert_cmpuint (result.n_hours, ==, 2);
  assert_hour (&result.hours[0], "2023-01-02T07:00:00+01:00", 4.75, TRUE);
  assert_hour (&result.hours[1], "2023-01-01T18:00:00+01:00", 3.25, TRUE);
  g_assert_cmpfloat (result.average, ==, 4.0);
  g_assert_true (result.provisional);
  g_assert_true (result.all_verified);

  /* zero consumption is still a day with data */
  add_interval (hours, "2023-01-03T00:00:00+01:00", 3600, 0.0, TRUE);
  result = compute (hours, 2023, 1);
  g_assert_cmpuint (result.n_hours, ==, 3);
  g_assert_false (result.provisional);
  g_assert_cmpfloat_with_epsilon (result.average, 8.0 / 3, 1e-9);
}

/* Equal values: the earlier hour of a day, and the earlier days. */
static void
test_compute_ties (void)
{
  g_autoptr(GArray) hours = month_of_hours (2024, 2, 2.0);
  FbkMaxHours result = compute (hours, 2024, 2);

  g_assert_cmpuint (hours->len, ==, 29 * 24);
  assert_hour (&result.hours[0], "2024-02-01T00:00:00+01:00", 2.0, TRUE);
  assert_hour (&result.hours[1], "2024-02-02T00:00:00+01:00", 2.0, TRUE);
  assert_hour (&result.hours[2], "2024-02-03T00:00:00+01:00", 2.0, TRUE);
}

/* A day's total or an hour that straddles two clock hours says nothing
 * about any one clock hour. */
static void
test_compute_ignores_other_intervals (void)
{
  g_autoptr(GArray) hours = month_of_hours (2023, 6, 1.0);
  FbkMaxHours result;

  add_interval (hours, "2023-06-05T00:00:00+02:00", 86400, 500.0, TRUE);
  add_interval (hours, "2023-06-06T17:30:00+02:00", 3600, 50.0, TRUE);
  add_interval (hours, "2023-06-07T17:00:00+02:00", 7200, 60.0, TRUE);
  set_hour (hours, "2023-06-08T12:00:00+02:00", 3.0, TRUE);

  result = compute (hours, 2023, 6);
  assert_hour (&result.hours[0], "2023-06-08T12:00:00+02:00", 3.0, TRUE);
  g_assert_cmpfloat (result.hours[1].kwh, ==, 1.0);
  g_assert_cmpfloat (result.hours[2].kwh, ==, 1.0);
}

static void
test_compute_invalid_month (void)
{
  FbkMaxHours result;

  g_test_expect_message ("fbk-max-hours", G_LOG_LEVEL_CRITICAL, "*fbk_date_is_valid*");
  g_assert_false (fbk_max_hours_compute (&result, 2023, 13, NULL, 0));
  g_test_assert_expected_messages ();
}

static void
test_init_and_copy (void)
{
  const FbkMaxHour hours[] = {
    { 3600, 7200, 1.5, TRUE },
    { 0, 3600, 2.5, TRUE },
    { 7200, 10800, 2.5, FALSE },
  };
  FbkMaxHours month;
  g_autoptr(FbkMaxHours) copy = NULL;
  GValue value = G_VALUE_INIT;

  fbk_max_hours_init (&month, 2022, 7, hours, G_N_ELEMENTS (hours), FBK_MAX_HOURS_SOURCE_API);
  g_assert_cmpint (month.hours[0].start, ==, 0);     /* 2.5, earlier */
  g_assert_cmpint (month.hours[1].start, ==, 7200);  /* 2.5, later */
  g_assert_cmpint (month.hours[2].start, ==, 3600);  /* 1.5 */
  g_assert_cmpfloat (month.average, ==, 6.5 / 3);
  g_assert_false (month.all_verified);
  g_assert_false (month.provisional);

  /* Field by field: memcmp() would compare the structs' padding, which
   * assigning a compound literal leaves undefined. */
  copy = fbk_max_hours_copy (&month);
  g_assert_cmpint (copy->year, ==, month.year);
  g_assert_cmpint (copy->month, ==, month.month);
  g_assert_cmpuint (copy->n_hours, ==, month.n_hours);
  for (guint i = 0; i < month.n_hours; i++)
    {
      g_assert_cmpint (copy->hours[i].start, ==, month.hours[i].start);
      g_assert_cmpint (copy->hours[i].end, ==, month.hours[i].end);
      g_assert_cmpfloat (copy->hours[i].kwh, ==, month.hours[i].kwh);
      g_assert_cmpint (copy->hours[i].verified, ==, month.hours[i].verified);
    }
  g_assert_cmpfloat (copy->average, ==, month.average);
  g_assert_cmpint (copy->provisional, ==, month.provisional);
  g_assert_cmpint (copy->all_verified, ==, month.all_verified);
  g_assert_cmpint (copy->source, ==, month.source);

  g_value_init (&value, FBK_TYPE_MAX_HOURS);
  g_value_set_boxed (&value, &month);
  g_assert_cmpint (((FbkMaxHours *) g_value_get_boxed (&value))->month, ==, 7);
  g_value_unset (&value);
}

static void
test_compare (void)
{
  const FbkMaxHour hours[] = {
    { 0, 3600, 5.0, TRUE },
    { 86400, 90000, 4.0, TRUE },
    { 172800, 176400, 3.0, TRUE },
  };
  FbkMaxHours a;
  FbkMaxHours b;

  fbk_max_hours_init (&a, 2023, 1, hours, 3, FBK_MAX_HOURS_SOURCE_API);
  b = a;
  b.source = FBK_MAX_HOURS_SOURCE_LOCAL;
  g_assert_cmpint (fbk_max_hours_compare (&a, &b, FBK_MAX_HOURS_DEFAULT_TOLERANCE), ==, FBK_MAX_HOURS_SAME);

  /* within the tolerance, exactly at it, and just beyond it */
  b.hours[1].kwh = 4.0004;
  g_assert_cmpint (fbk_max_hours_compare (&a, &b, FBK_MAX_HOURS_DEFAULT_TOLERANCE), ==, FBK_MAX_HOURS_SAME);
  b.hours[1].kwh = 4.0005;
  g_assert_cmpint (fbk_max_hours_compare (&a, &b, FBK_MAX_HOURS_DEFAULT_TOLERANCE), ==, FBK_MAX_HOURS_SAME);
  b.hours[1].kwh = 4.0006;
  g_assert_cmpint (fbk_max_hours_compare (&a, &b, FBK_MAX_HOURS_DEFAULT_TOLERANCE), ==,
                   FBK_MAX_HOURS_DIFFERENT_HOUR_2);

  /* same value at another hour */
  b = a;
  b.hours[2].start += 3600;
  g_assert_cmpint (fbk_max_hours_compare (&a, &b, FBK_MAX_HOURS_DEFAULT_TOLERANCE), ==,
                   FBK_MAX_HOURS_DIFFERENT_HOUR (2));

  /* Elvia's average differs from the hours' mean */
  b = a;
  b.average += 0.01;
  g_assert_cmpint (fbk_max_hours_compare (&a, &b, FBK_MAX_HOURS_DEFAULT_TOLERANCE), ==,
                   FBK_MAX_HOURS_DIFFERENT_AVERAGE);

  /* one side has only two hours */
  fbk_max_hours_init (&b, 2023, 1, hours, 2, FBK_MAX_HOURS_SOURCE_LOCAL);
  g_assert_cmpint (fbk_max_hours_compare (&a, &b, FBK_MAX_HOURS_DEFAULT_TOLERANCE), ==,
                   FBK_MAX_HOURS_DIFFERENT_COUNT | FBK_MAX_HOURS_DIFFERENT_HOUR_3 |
                   FBK_MAX_HOURS_DIFFERENT_AVERAGE);

  b = a;
  b.month = 2;
  g_assert_cmpint (fbk_max_hours_compare (&a, &b, FBK_MAX_HOURS_DEFAULT_TOLERANCE), ==,
                   FBK_MAX_HOURS_DIFFERENT_MONTH);
}

/* The hours of @hours from @first until @before, as a series. */
static FbkSeries *
series_between (GArray     *hours,
                FbkInstant  first,
                FbkInstant  before)
{
  FbkSeries *series = fbk_series_new ("707057500061439208", FBK_DIRECTION_CONSUMPTION);
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (FbkInterval));

  for (guint i = 0; i < hours->len; i++)
    {
      const FbkInterval *interval = &g_array_index (hours, FbkInterval, i);

      if (interval->start >= first && interval->start < before)
        g_array_append_val (kept, *interval);
    }
  fbk_intervals_normalize (kept);
  fbk_series_upsert (series, (const FbkInterval *) (gconstpointer) kept->data, kept->len);
  return series;
}

/* A month of hours at 1 kWh with three evenings at 6, 7 and 8 kWh (on the
 * 10th, 12th and 14th), in a series that starts on @first_day. */
static FbkSeries *
november_series (int first_day)
{
  g_autoptr(GArray) hours = month_of_hours (2026, 11, 1.0);

  set_hour (hours, "2026-11-10T18:00:00+01:00", 6.0, TRUE);
  set_hour (hours, "2026-11-12T18:00:00+01:00", 7.0, TRUE);
  set_hour (hours, "2026-11-14T18:00:00+01:00", 8.0, TRUE);
  return series_between (hours, fbk_time_oslo_midnight ((FbkDate) { 2026, 11, first_day }),
                         fbk_time_oslo_midnight ((FbkDate) { 2026, 12, 1 }));
}

static void
test_table_whole_and_partial (void)
{
  g_autoptr(FbkTariffBook) book = fbk_tariff_book_new_default (NULL);
  g_autoptr(FbkSeries) whole = november_series (1);
  g_autoptr(FbkSeries) late = november_series (8);
  FbkInstant from = at ("2026-11-01T00:00:00+01:00");
  FbkInstant to = at ("2026-12-01T00:00:00+01:00");
  FbkInstant now = at ("2026-12-07T12:00:00+01:00");
  g_autoptr(GArray) rows = fbk_max_hours_table_build (whole, NULL, from, to, now, book);
  g_autoptr(GArray) partial_rows = fbk_max_hours_table_build (late, NULL, from, to, now, book);
  g_autoptr(GArray) period_rows = fbk_max_hours_table_build (whole, NULL, at ("2026-11-08T00:00:00+01:00"), to, now, book);
  const FbkMaxHoursRow *row;

  /* (6 + 7 + 8) / 3 = 7 kWh/h: step 3 (5–10) of the table from 2026-07-01,
   * 420 kr incl. VAT; step 4 is 585 kr. One step lower: step 2 ends one Wh
   * short of 5 in the three hours together (the table goes up at a bound),
   * so c = 5 − 0.001/3 and the cut is (6 + 7 + 8) − 3c = 21 − 15 + 0.001 =
   * 6.001 kWh; step 2 costs 250 kr: 170 kr less. */
  g_assert_cmpuint (rows->len, ==, 1);
  row = &g_array_index (rows, FbkMaxHoursRow, 0);
  g_assert_false (row->partial);
  g_assert_false (row->in_progress);
  g_assert_cmpuint (row->step, ==, 3);
  g_assert_cmpfloat_with_epsilon (row->step_price_kr, 420.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->next_step_price_kr, 585.0, 1e-9);
  g_assert_true (row->has_saving);
  g_assert_cmpfloat_with_epsilon (row->saving.cut_kwh, 6.001, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->saving_kr, 170.0, 1e-9);
  g_assert_cmpuint (row->n_days, ==, 30);

  /* Data from the 8th only, or a period from the 8th: the same peaks, but
   * the figures are of 8–30 November, not of the month: no price, no
   * saving, never stepped as a whole month would be. */
  for (guint k = 0; k < 2; k++)
    {
      GArray *these = k == 0 ? partial_rows : period_rows;

      g_assert_cmpuint (these->len, ==, 1);
      row = &g_array_index (these, FbkMaxHoursRow, 0);
      g_assert_true (row->partial);
      g_assert_cmpint (row->covered_from, ==, at ("2026-11-08T00:00:00+01:00"));
      g_assert_cmpint (row->covered_to, ==, to);
      g_assert_true (isnan (row->step_price_kr));
      g_assert_true (isnan (row->saving_kr));
      g_assert_false (row->has_saving);
    }
}

/* What the page says of those months, worked out from the same figures. */
static void
test_table_sentences (void)
{
  g_autoptr(FbkTariffBook) book = fbk_tariff_book_new_default (NULL);
  g_autoptr(FbkSeries) whole = november_series (1);
  g_autoptr(FbkSeries) late = november_series (8);
  g_autoptr(GArray) december_hours = month_of_hours (2026, 12, 1.0);
  g_autoptr(FbkSeries) so_far = NULL;
  FbkInstant now = at ("2026-12-07T12:00:00+01:00");
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) partial_rows = NULL;
  g_autoptr(GArray) december_rows = NULL;
  g_autofree char *step = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *saving = NULL;
  g_autofree char *partial_step = NULL;
  g_autofree char *partial_saving = NULL;
  g_autofree char *keep_under = NULL;
  g_autofree char *past_keep_under = NULL;
  const FbkMaxHoursRow *row;

  rows = fbk_max_hours_table_build (whole, NULL, at ("2026-11-01T00:00:00+01:00"),
                                    at ("2026-12-01T00:00:00+01:00"), now, book);
  partial_rows = fbk_max_hours_table_build (late, NULL, at ("2026-11-01T00:00:00+01:00"),
                                            at ("2026-12-01T00:00:00+01:00"), now, book);

  /* November as in /max-hours/table/whole-and-partial: 7 kWh/h, step 3 at
   * 420 kr; step 4 starts at 10, 3 kWh/h away, and costs 585 − 420 = 165 kr
   * more. c = 5 − 0.001/3 = 4.99967, shown rounded down: 4.9; the cut of
   * 6.001 kWh on Sat 14, Thu 12 and Tue 10 Nov, largest first; 170 kr. */
  row = &g_array_index (rows, FbkMaxHoursRow, 0);
  step = fbk_max_hours_text_step (row);
  figures = fbk_max_hours_text_figures (row);
  saving = fbk_max_hours_text_saving (row);
  g_assert_cmpstr (step, ==, "Step 3 · 420 kr");
  g_assert_cmpstr (figures, ==, "Top-3 average 7.00 kW · 3.00 kW to step 4, 165 kr more");
  g_assert_cmpstr (saving, ==, "Keeping every day's highest hour under 4.9 kWh (6.0 kWh less in all, "
                               "on Sat 14, Thu 12 and Tue 10 Nov) would have put this month in step 2: "
                               "170 kr less.");
  past_keep_under = fbk_max_hours_text_keep_under (row, now);
  g_assert_null (past_keep_under);

  /* A level of 10.2 that the arithmetic gives a hair under it is still
   * 10.2, not 10.1; a Wh under it (10.199) is 10.1. */
  {
    FbkMaxHoursRow hair = *row;
    g_autofree char *at_tenth = NULL;
    g_autofree char *wh_under = NULL;

    hair.saving.cap_kwh = 10.2 - 1e-12;
    at_tenth = fbk_max_hours_text_saving (&hair);
    hair.saving.cap_kwh = 10.199;
    wh_under = fbk_max_hours_text_saving (&hair);
    g_assert_nonnull (strstr (at_tenth, "under 10.2 kWh ("));
    g_assert_nonnull (strstr (wh_under, "under 10.1 kWh ("));
  }

  /* Data from the 8th: a floor, said to be of 8–30 November only. */
  row = &g_array_index (partial_rows, FbkMaxHoursRow, 0);
  partial_step = fbk_max_hours_text_step (row);
  partial_saving = fbk_max_hours_text_saving (row);
  g_assert_cmpstr (partial_step, ==, "At least step 3 · 8–30 Nov, not a whole month");
  g_assert_cmpstr (partial_saving, ==, "8–30 Nov, not a whole month: what it would have taken to save a "
                                       "step is not known.");

  /* December until 12:00 on the 7th, at 1 kWh but 6 on the 2nd and 7 on
   * the 4th: (7 + 6 + 1) / 3 = 4.67, step 2 (2–5). Step 2 ends one Wh short
   * of 5 in the three hours: 14.999 in all. A day to come at x ≥ 6 makes
   * 7 + 2x or 3x, above 14.999 for any such x; below 6 the three are 7, 6
   * and x: x = 14.999 − 13 = 1.999, shown rounded down: 1.9 kWh. */
  set_hour (december_hours, "2026-12-02T18:00:00+01:00", 6.0, TRUE);
  set_hour (december_hours, "2026-12-04T18:00:00+01:00", 7.0, TRUE);
  so_far = series_between (december_hours, at ("2026-12-01T00:00:00+01:00"), now);
  december_rows = fbk_max_hours_table_build (so_far, NULL, at ("2026-12-01T00:00:00+01:00"),
                                             at ("2027-01-01T00:00:00+01:00"), now, book);
  row = &g_array_index (december_rows, FbkMaxHoursRow, 0);
  g_assert_true (row->in_progress);
  g_assert_false (row->partial);
  keep_under = fbk_max_hours_text_keep_under (row, now);
  g_assert_cmpstr (keep_under, ==, "Stay below 1.9 kWh in any hour for the rest of December to stay in step 2.");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/max-hours/compute/hourly", test_compute_hourly);
  g_test_add_func ("/max-hours/compute/quarter-hours", test_compute_quarter_hours);
  g_test_add_func ("/max-hours/compute/dst-october", test_compute_dst_october);
  g_test_add_func ("/max-hours/compute/dst-march", test_compute_dst_march);
  g_test_add_func ("/max-hours/compute/provisional", test_compute_provisional);
  g_test_add_func ("/max-hours/compute/ties", test_compute_ties);
  g_test_add_func ("/max-hours/compute/ignores-other-intervals", test_compute_ignores_other_intervals);
  g_test_add_func ("/max-hours/compute/invalid-month", test_compute_invalid_month);
  g_test_add_func ("/max-hours/init-and-copy", test_init_and_copy);
  g_test_add_func ("/max-hours/compare", test_compare);
  g_test_add_func ("/max-hours/table/whole-and-partial", test_table_whole_and_partial);
  g_test_add_func ("/max-hours/table/sentences", test_table_sentences);

  return g_test_run ();
}
