/* test-time.c: RFC 3339 and the Oslo calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-time.h"

static FbkInstant
parse_or_fail (const char *text)
{
  FbkInstant instant = 0;

  if (!fbk_time_parse (text, &instant))
    g_error ("could not parse %s", text);
  return instant;
}

static void
test_parse_offsets (void)
{
  /* 2022-03-01T00:00:00+01:00 is 2022-02-28T23:00:00Z = 1646089200 */
  g_assert_cmpint (parse_or_fail ("2022-03-01T00:00:00+01:00"), ==, 1646089200);
  g_assert_cmpint (parse_or_fail ("2022-02-28T23:00:00Z"), ==, 1646089200);
  g_assert_cmpint (parse_or_fail ("2022-02-28T23:00:00z"), ==, 1646089200);
  g_assert_cmpint (parse_or_fail ("2022-02-28T23:00:00+00:00"), ==, 1646089200);
  g_assert_cmpint (parse_or_fail ("2022-02-28T18:00:00-05:00"), ==, 1646089200);
  g_assert_cmpint (parse_or_fail ("2022-03-01T00:00:00+0100"), ==, 1646089200);
  /* fractions are dropped, not rounded */
  g_assert_cmpint (parse_or_fail ("2021-11-08T09:12:44.123Z"), ==, 1636362764);
  g_assert_cmpint (parse_or_fail ("2025-09-17T22:22:32.338032+00:00"), ==, 1758147752);
  /* no offset: Oslo wall-clock time (summer, so +02:00) */
  g_assert_cmpint (parse_or_fail ("2022-06-12T12:00:00"), ==, parse_or_fail ("2022-06-12T10:00:00Z"));
  g_assert_cmpint (parse_or_fail ("2021-12-08T01:00:00"), ==, parse_or_fail ("2021-12-08T00:00:00Z"));
}

static void
test_parse_rejects (void)
{
  const char *bad[] = {
    "", "2022", "2022-03-01", "2022-03-01T00:00", "2022-02-30T00:00:00Z",
    "2022-13-01T00:00:00Z", "2022-03-01T24:00:00Z", "2022-03-01T00:60:00Z",
    "2022-03-01T00:00:00+01:00 ", "2022-03-01T00:00:00+1:00", "2022-03-01T00:00:00.Z",
    "2022-03-01X00:00:00Z", "２022-03-01T00:00:00Z", "2022-03-01T00:00:00+24:00",
  };
  FbkInstant instant;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      if (fbk_time_parse (bad[i], &instant))
        g_error ("accepted %s", bad[i]);
    }
  g_assert_false (fbk_time_parse (NULL, &instant));
}

static void
test_format_round_trip (void)
{
  const char *texts[] = {
    "2022-10-30T02:00:00+02:00", "2022-10-30T02:00:00+01:00",
    "2024-02-29T23:00:00+01:00", "2023-03-26T03:00:00+02:00",
    "2026-11-26T07:41:05+01:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *formatted = fbk_time_format_oslo (parse_or_fail (texts[i]));
      g_assert_cmpstr (formatted, ==, texts[i]);
    }

  {
    g_autofree char *utc = fbk_time_format_utc (parse_or_fail ("2022-10-30T02:00:00+01:00"));
    g_assert_cmpstr (utc, ==, "2022-10-30T01:00:00Z");
  }

  /* years beyond four digits, padded ones, and before year 1 */
  {
    g_autofree char *padded = fbk_time_format_utc (G_GINT64_CONSTANT (-30641673600) + 3661);
    g_autofree char *long_year = fbk_time_format_utc (G_GINT64_CONSTANT (253402300800));
    g_autofree char *before_one = fbk_time_format_utc (G_GINT64_CONSTANT (-62135596800) - 1);
    g_autofree char *negative = fbk_time_format_utc (G_GINT64_CONSTANT (-62135596800) - 366 * 86400 - 1);

    g_assert_cmpstr (padded, ==, "0999-01-02T01:01:01Z");
    g_assert_cmpstr (long_year, ==, "10000-01-01T00:00:00Z");
    g_assert_cmpstr (before_one, ==, "0000-12-31T23:59:59Z");
    g_assert_cmpstr (negative, ==, "-001-12-31T23:59:59Z");
  }
}

/* The last Sundays of March and October for several years, checked against
 * hour counts: the day the clocks go forward has 23 hours, back 25. */
static void
test_dst_day_lengths (void)
{
  static const struct { int year; int march_day; int october_day; } dst[] = {
    { 2021, 28, 31 }, { 2022, 27, 30 }, { 2023, 26, 29 }, { 2024, 31, 27 },
    { 2025, 30, 26 }, { 2026, 29, 25 }, { 2027, 28, 31 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dst); i++)
    {
      FbkDate spring = { dst[i].year, 3, dst[i].march_day };
      FbkDate autumn = { dst[i].year, 10, dst[i].october_day };
      FbkDate ordinary = { dst[i].year, 6, 15 };
      FbkInstant s0 = fbk_time_oslo_midnight (spring);
      FbkInstant a0 = fbk_time_oslo_midnight (autumn);
      FbkInstant o0 = fbk_time_oslo_midnight (ordinary);

      g_assert_cmpint (fbk_date_weekday (spring), ==, 7);
      g_assert_cmpint (fbk_date_weekday (autumn), ==, 7);
      g_assert_cmpint (fbk_time_period_next (s0, FBK_RESOLUTION_DAY) - s0, ==, 23 * 3600);
      g_assert_cmpint (fbk_time_period_next (a0, FBK_RESOLUTION_DAY) - a0, ==, 25 * 3600);
      g_assert_cmpint (fbk_time_period_next (o0, FBK_RESOLUTION_DAY) - o0, ==, 24 * 3600);
      /* the offset changes inside those days */
      g_assert_cmpint (fbk_time_oslo_offset (s0), ==, 3600);
      g_assert_cmpint (fbk_time_oslo_offset (s0 + 23 * 3600 - 1), ==, 7200);
      g_assert_cmpint (fbk_time_oslo_offset (a0), ==, 7200);
      g_assert_cmpint (fbk_time_oslo_offset (a0 + 25 * 3600 - 1), ==, 3600);
    }
}

/* Wall-clock hours on the days the clocks change: 13:00 is eleven or
 * twelve hours after midnight there, or thirteen hours on ordinary days. */
static void
test_oslo_at_hour (void)
{
  g_assert_cmpint (fbk_time_oslo_at_hour ((FbkDate) { 2026, 10, 25 }, 13), ==,
                   parse_or_fail ("2026-10-25T13:00:00+01:00"));
  g_assert_cmpint (fbk_time_oslo_at_hour ((FbkDate) { 2026, 3, 29 }, 13), ==,
                   parse_or_fail ("2026-03-29T13:00:00+02:00"));
  g_assert_cmpint (fbk_time_oslo_at_hour ((FbkDate) { 2026, 1, 16 }, 13), ==,
                   parse_or_fail ("2026-01-16T12:00:00Z"));
  /* 02:00 does not exist on 29 March: it moves forward to 03:00 CEST. */
  g_assert_cmpint (fbk_time_oslo_at_hour ((FbkDate) { 2026, 3, 29 }, 2), ==,
                   parse_or_fail ("2026-03-29T03:00:00+02:00"));
  /* 02:00 happens twice on 25 October: the first, summer time. */
  g_assert_cmpint (fbk_time_oslo_at_hour ((FbkDate) { 2026, 10, 25 }, 2), ==,
                   parse_or_fail ("2026-10-25T02:00:00+02:00"));
}

/* fbk_time_oslo_offset() remembers a day it knows to have one offset: sweeps
 * across both of a year's changes, forward and back, at steps that land
 * next to them, must agree with GLib's own lookup at every instant. */
static void
test_offset_sweeps (void)
{
  GTimeZone *zone = fbk_time_oslo_zone ();
  FbkInstant from = parse_or_fail ("2022-03-20T00:00:00+01:00");
  FbkInstant to = parse_or_fail ("2022-11-06T00:00:00+01:00");
  static const gint64 steps[] = { 3600, 900, 7 * 3600 + 1, 86400, 86400 - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      guint n_changes = 0;
      int previous = fbk_time_oslo_offset (from);

      for (FbkInstant t = from; t < to; t += steps[i])
        {
          int expected = g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, t));
          int offset = fbk_time_oslo_offset (t);

          g_assert_cmpint (offset, ==, expected);
          n_changes += offset != previous;
          previous = offset;
        }
      g_assert_cmpuint (n_changes, ==, 2);

      for (FbkInstant t = to; t > from; t -= steps[i])
        g_assert_cmpint (fbk_time_oslo_offset (t), ==,
                         g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, t)));
    }

  /* either side of a change, each asked first */
  g_assert_cmpint (fbk_time_oslo_offset (parse_or_fail ("2022-10-30T02:59:59+02:00")), ==, 7200);
  g_assert_cmpint (fbk_time_oslo_offset (parse_or_fail ("2022-10-30T02:00:00+01:00")), ==, 3600);
  g_assert_cmpint (fbk_time_oslo_offset (parse_or_fail ("2022-10-29T02:00:00+02:00")), ==, 7200);
}

static void
test_repeated_hour (void)
{
  FbkInstant first = parse_or_fail ("2022-10-30T02:00:00+02:00");
  FbkInstant second = parse_or_fail ("2022-10-30T02:00:00+01:00");

  g_assert_cmpint (second - first, ==, 3600);
  g_assert_cmpint (fbk_time_oslo_hour (first), ==, 2);
  g_assert_cmpint (fbk_time_oslo_hour (second), ==, 2);
  g_assert_cmpint (fbk_time_period_start (second, FBK_RESOLUTION_DAY), ==,
                   parse_or_fail ("2022-10-30T00:00:00+02:00"));
}

static void
test_periods (void)
{
  FbkInstant t = parse_or_fail ("2024-02-29T13:37:00+01:00");
  FbkInstant week = fbk_time_period_start (t, FBK_RESOLUTION_WEEK);
  FbkInstant month = fbk_time_period_start (t, FBK_RESOLUTION_MONTH);
  FbkInstant year = fbk_time_period_start (t, FBK_RESOLUTION_YEAR);

  g_assert_cmpint (fbk_time_period_start (t, FBK_RESOLUTION_HOUR), ==,
                   parse_or_fail ("2024-02-29T13:00:00+01:00"));
  g_assert_cmpint (fbk_time_period_start (t, FBK_RESOLUTION_DAY), ==,
                   parse_or_fail ("2024-02-29T00:00:00+01:00"));
  /* 2024-02-29 is a Thursday: its ISO week began Monday 26 February */
  g_assert_cmpint (week, ==, parse_or_fail ("2024-02-26T00:00:00+01:00"));
  g_assert_cmpint (month, ==, parse_or_fail ("2024-02-01T00:00:00+01:00"));
  g_assert_cmpint (year, ==, parse_or_fail ("2024-01-01T00:00:00+01:00"));
  g_assert_cmpint (fbk_time_period_next (month, FBK_RESOLUTION_MONTH), ==,
                   parse_or_fail ("2024-03-01T00:00:00+01:00"));
  g_assert_cmpint (fbk_time_period_next (year, FBK_RESOLUTION_YEAR) - year, ==, 366 * 86400);
  /* March 2024 has the spring-forward Sunday: one hour short */
  g_assert_cmpint (fbk_time_period_next (fbk_time_period_next (month, FBK_RESOLUTION_MONTH),
                                         FBK_RESOLUTION_MONTH)
                   - fbk_time_period_next (month, FBK_RESOLUTION_MONTH), ==, 31 * 86400 - 3600);
  /* a week across the autumn change is 169 hours */
  week = fbk_time_period_start (parse_or_fail ("2022-10-30T12:00:00+01:00"), FBK_RESOLUTION_WEEK);
  g_assert_cmpint (week, ==, parse_or_fail ("2022-10-24T00:00:00+02:00"));
  g_assert_cmpint (fbk_time_period_next (week, FBK_RESOLUTION_WEEK) - week, ==, 169 * 3600);
  /* ISO weeks cross years: 2021-01-01 (Friday) belongs to the week of Monday 2020-12-28 */
  g_assert_cmpint (fbk_time_period_start (parse_or_fail ("2021-01-01T10:00:00+01:00"), FBK_RESOLUTION_WEEK),
                   ==, parse_or_fail ("2020-12-28T00:00:00+01:00"));
}

static void
test_months_and_leap_years (void)
{
  FbkDate jan31 = { 2023, 1, 31 };
  FbkDate leap = { 2024, 2, 29 };
  FbkDate d;

  d = fbk_date_add_months (jan31, 1);
  g_assert_cmpint (d.month, ==, 2);
  g_assert_cmpint (d.day, ==, 28);
  d = fbk_date_add_months (leap, -36);
  g_assert_cmpint (d.year, ==, 2021);
  g_assert_cmpint (d.day, ==, 28);
  d = fbk_date_add_months (leap, 12);
  g_assert_cmpint (d.year, ==, 2025);
  g_assert_cmpint (d.month, ==, 2);
  g_assert_cmpint (d.day, ==, 28);
  g_assert_cmpint (fbk_date_days_in_month (2000, 2), ==, 29);
  g_assert_cmpint (fbk_date_days_in_month (1900, 2), ==, 28);
  g_assert_cmpint (fbk_date_days_in_month (2024, 2), ==, 29);
  d = fbk_date_add_days (leap, 1);
  g_assert_cmpint (d.month, ==, 3);
  g_assert_cmpint (d.day, ==, 1);
  g_assert_cmpint (fbk_date_compare (leap, jan31), >, 0);

  /* three years back keeps the wall-clock time across an offset change */
  g_assert_cmpint (fbk_time_add_oslo_months (parse_or_fail ("2026-11-26T08:00:00+01:00"), -36), ==,
                   parse_or_fail ("2023-11-26T08:00:00+01:00"));
  g_assert_cmpint (fbk_time_add_oslo_months (parse_or_fail ("2026-07-01T00:00:00+02:00"), -5), ==,
                   parse_or_fail ("2026-02-01T00:00:00+01:00"));
}

static void
test_parse_date (void)
{
  FbkDate date;

  g_assert_true (fbk_time_parse_date ("2024-02-29", &date));
  g_assert_cmpint (date.year, ==, 2024);
  g_assert_false (fbk_time_parse_date ("2023-02-29", &date));
  g_assert_false (fbk_time_parse_date ("2023-2-1", &date));
  g_assert_false (fbk_time_parse_date ("2023-02-01T00:00:00Z", &date));
}

/* Rounded towards minus infinity, where C's "/" truncates towards zero:
 * one second before 1970 is in the day before (day -1), not day 0. */
static void
test_floor_div (void)
{
  g_assert_cmpint (fbk_time_floor_div (7, 2), ==, 3);
  g_assert_cmpint (fbk_time_floor_div (6, 2), ==, 3);
  g_assert_cmpint (fbk_time_floor_div (0, 86400), ==, 0);
  g_assert_cmpint (fbk_time_floor_div (-1, 86400), ==, -1);
  g_assert_cmpint (fbk_time_floor_div (-86400, 86400), ==, -1);
  g_assert_cmpint (fbk_time_floor_div (-86401, 86400), ==, -2);
  g_assert_cmpint (fbk_time_floor_div (-7, 2), ==, -4);
  g_assert_cmpint (fbk_time_floor_div (7, -2), ==, -4);
  g_assert_cmpint (fbk_time_floor_div (-7, -2), ==, 3);
  /* 1969-12-31T23:30:00Z starts hour -1: 23:00 that day. */
  g_assert_cmpint (fbk_time_floor_div (-1800, 3600) * 3600, ==, -3600);
}

static void
test_resolution_names (void)
{
  FbkResolution resolution;

  for (guint i = 0; i < FBK_N_RESOLUTIONS; i++)
    {
      g_assert_true (fbk_resolution_from_string (fbk_resolution_to_string (i), &resolution));
      g_assert_cmpint (resolution, ==, i);
    }
  g_assert_false (fbk_resolution_from_string ("minute", &resolution));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/parse/offsets", test_parse_offsets);
  g_test_add_func ("/time/parse/rejects", test_parse_rejects);
  g_test_add_func ("/time/parse/date", test_parse_date);
  g_test_add_func ("/time/format/round-trip", test_format_round_trip);
  g_test_add_func ("/time/oslo/dst-day-lengths", test_dst_day_lengths);
  g_test_add_func ("/time/oslo/offset-sweeps", test_offset_sweeps);
  g_test_add_func ("/time/oslo/at-hour", test_oslo_at_hour);
  g_test_add_func ("/time/oslo/repeated-hour", test_repeated_hour);
  g_test_add_func ("/time/oslo/periods", test_periods);
  g_test_add_func ("/time/oslo/months-and-leap-years", test_months_and_leap_years);
  g_test_add_func ("/time/floor-div", test_floor_div);
  g_test_add_func ("/time/resolution/names", test_resolution_names);

  return g_test_run ();
}
