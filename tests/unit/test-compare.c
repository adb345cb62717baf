/* test-compare.c: which earlier period a chart is compared with, and how
 * its buckets line up on the Oslo calendar
 *
 * Every expected date is worked out by hand from the calendar (weekdays,
 * month lengths, the last Sundays of March and October), not by asking
 * the code under test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-compare.h"
#include "fbk-test-support.h"

#define at(text) fbk_test_instant (text)

static void
assert_shift (FbkCompareShift shift,
              int             days,
              int             months)
{
  g_assert_cmpint (shift.days, ==, days);
  g_assert_cmpint (shift.months, ==, months);
}

/* By day, hour or week: whole weeks, enough to cover the period; by month
 * or year: the months it spans; "last year" 52 weeks or 12 months. */
static void
test_shift_sizes (void)
{
  /* 1–7 Dec 2026: 7 days, one week back. */
  assert_shift (fbk_compare_get_shift (FBK_COMPARE_PREVIOUS, FBK_RESOLUTION_DAY,
                                       at ("2026-12-01T00:00:00+01:00"), at ("2026-12-08T00:00:00+01:00")), 7, 0);
  /* November 2026: 30 days, so five weeks (35 days): four would overlap
   * two of its days. */
  assert_shift (fbk_compare_get_shift (FBK_COMPARE_PREVIOUS, FBK_RESOLUTION_DAY,
                                       at ("2026-11-01T00:00:00+01:00"), at ("2026-12-01T00:00:00+01:00")), 35, 0);
  /* One day by the hour: the same weekday a week earlier. */
  assert_shift (fbk_compare_get_shift (FBK_COMPARE_PREVIOUS, FBK_RESOLUTION_HOUR,
                                       at ("2026-12-07T00:00:00+01:00"), at ("2026-12-08T00:00:00+01:00")), 7, 0);
  /* 19–25 Oct 2026 holds a 25-hour day: still 7 days. */
  assert_shift (fbk_compare_get_shift (FBK_COMPARE_PREVIOUS, FBK_RESOLUTION_WEEK,
                                       at ("2026-10-19T00:00:00+02:00"), at ("2026-10-26T00:00:00+01:00")), 7, 0);
  assert_shift (fbk_compare_get_shift (FBK_COMPARE_LAST_YEAR, FBK_RESOLUTION_DAY,
                                       at ("2026-12-01T00:00:00+01:00"), at ("2026-12-08T00:00:00+01:00")), 364, 0);

  /* Dec 2025 – Nov 2026: 12 months. */
  assert_shift (fbk_compare_get_shift (FBK_COMPARE_PREVIOUS, FBK_RESOLUTION_MONTH,
                                       at ("2025-12-01T00:00:00+01:00"), at ("2026-12-01T00:00:00+01:00")), 0, 12);
  /* 8 Dec 2023 – 7 Dec 2026 touches Dec 2023 … Dec 2026: 37 months. */
  assert_shift (fbk_compare_get_shift (FBK_COMPARE_PREVIOUS, FBK_RESOLUTION_MONTH,
                                       at ("2023-12-08T00:00:00+01:00"), at ("2026-12-08T00:00:00+01:00")), 0, 37);
  /* 2024 to 7 Dec 2026 by year: three years. */
  assert_shift (fbk_compare_get_shift (FBK_COMPARE_PREVIOUS, FBK_RESOLUTION_YEAR,
                                       at ("2024-01-01T00:00:00+01:00"), at ("2026-12-08T00:00:00+01:00")), 0, 36);
  assert_shift (fbk_compare_get_shift (FBK_COMPARE_LAST_YEAR, FBK_RESOLUTION_MONTH,
                                       at ("2025-12-01T00:00:00+01:00"), at ("2026-12-01T00:00:00+01:00")), 0, 12);

  assert_shift (fbk_compare_get_shift (FBK_COMPARE_NONE, FBK_RESOLUTION_DAY,
                                       at ("2026-12-01T00:00:00+01:00"), at ("2026-12-08T00:00:00+01:00")), 0, 0);
}

/* The same clock time on the earlier day, whatever the UTC offsets. */
static void
test_shift_back_days (void)
{
  FbkCompareShift week = { 7, 0 };
  FbkCompareShift two_weeks = { 14, 0 };
  FbkCompareShift year = { 364, 0 };

  g_assert_cmpint (fbk_compare_shift_back (&week, at ("2026-12-07T12:00:00+01:00")), ==,
                   at ("2026-11-30T12:00:00+01:00"));
  /* Wednesday 1 July 2026, 52 weeks back: Wednesday 2 July 2025. */
  g_assert_cmpint (fbk_compare_shift_back (&year, at ("2026-07-01T12:00:00+02:00")), ==,
                   at ("2025-07-02T12:00:00+02:00"));
  /* Across the clocks going back on 25 Oct 2026: midnight stays midnight,
   * 169 hours back, not 168. */
  g_assert_cmpint (fbk_compare_shift_back (&week, at ("2026-11-02T00:00:00+01:00")), ==,
                   at ("2026-10-26T00:00:00+01:00"));
  g_assert_cmpint (fbk_compare_shift_back (&two_weeks, at ("2026-11-02T00:00:00+01:00")), ==,
                   at ("2026-10-19T00:00:00+02:00"));
  /* Both 02:00s of 25 Oct 2026 are 02:00 a week earlier. */
  g_assert_cmpint (fbk_compare_shift_back (&week, at ("2026-10-25T02:00:00+02:00")), ==,
                   at ("2026-10-18T02:00:00+02:00"));
  g_assert_cmpint (fbk_compare_shift_back (&week, at ("2026-10-25T02:00:00+01:00")), ==,
                   at ("2026-10-18T02:00:00+02:00"));
  g_assert_cmpint (fbk_compare_shift_back (&week, at ("2026-10-25T02:30:00+01:00")), ==,
                   at ("2026-10-18T02:30:00+02:00"));
  /* 29 Mar 2026 has no 02:00: a week after it, 02:00 goes to its 03:00. */
  g_assert_cmpint (fbk_compare_shift_back (&week, at ("2026-04-05T02:00:00+02:00")), ==,
                   at ("2026-03-29T03:00:00+02:00"));
}

static void
test_shift_back_months (void)
{
  FbkCompareShift year = { 0, 12 };
  FbkCompareShift month = { 0, 1 };

  /* 29 Feb 2024 a year back is the last day of February 2023. */
  g_assert_cmpint (fbk_compare_shift_back (&year, at ("2024-02-29T10:00:00+01:00")), ==,
                   at ("2023-02-28T10:00:00+01:00"));
  g_assert_cmpint (fbk_compare_shift_back (&month, at ("2026-12-08T00:00:00+01:00")), ==,
                   at ("2026-11-08T00:00:00+01:00"));
  /* 1 Nov (winter time) a month back is 1 Oct (summer time). */
  g_assert_cmpint (fbk_compare_shift_back (&month, at ("2026-11-01T00:00:00+01:00")), ==,
                   at ("2026-10-01T00:00:00+02:00"));
}

static void
test_shift_between (void)
{
  assert_shift (fbk_compare_shift_between (FBK_RESOLUTION_DAY, at ("2026-12-01T00:00:00+01:00"),
                                           at ("2026-11-24T00:00:00+01:00")), 7, 0);
  /* Across a 25-hour day: still whole days. */
  assert_shift (fbk_compare_shift_between (FBK_RESOLUTION_HOUR, at ("2026-11-02T00:00:00+01:00"),
                                           at ("2026-10-19T00:00:00+02:00")), 14, 0);
  assert_shift (fbk_compare_shift_between (FBK_RESOLUTION_MONTH, at ("2026-12-01T00:00:00+01:00"),
                                           at ("2025-12-01T00:00:00+01:00")), 0, 12);
}

/* A short day's part counts by its own length. */
static void
test_count_days (void)
{
  /* 19–25 Oct 2026, with the 25-hour 25th: 7. */
  g_assert_cmpfloat (fbk_compare_count_days (at ("2026-10-19T00:00:00+02:00"), at ("2026-10-26T00:00:00+01:00")), ==, 7.0);
  /* Half of 7 Dec 2026. */
  g_assert_cmpfloat (fbk_compare_count_days (at ("2026-12-07T00:00:00+01:00"), at ("2026-12-07T12:00:00+01:00")), ==, 0.5);
  /* Midnight to noon of 29 Mar 2026 is 11 of its 23 hours. */
  g_assert_cmpfloat_with_epsilon (fbk_compare_count_days (at ("2026-03-29T00:00:00+01:00"),
                                                          at ("2026-03-29T12:00:00+02:00")), 11.0 / 23.0, 1e-12);
  /* Midnight to noon of 25 Oct 2026 is 13 of its 25 hours. */
  g_assert_cmpfloat_with_epsilon (fbk_compare_count_days (at ("2026-10-25T00:00:00+02:00"),
                                                          at ("2026-10-25T12:00:00+01:00")), 13.0 / 25.0, 1e-12);
  g_assert_cmpfloat (fbk_compare_count_days (at ("2026-12-07T00:00:00+01:00"), at ("2026-12-07T00:00:00+01:00")), ==, 0.0);
}

static void
test_names (void)
{
  FbkCompare compare = FBK_COMPARE_NONE;

  g_assert_cmpstr (fbk_compare_to_string (FBK_COMPARE_LAST_YEAR), ==, "last-year");
  g_assert_true (fbk_compare_from_string ("previous", &compare));
  g_assert_cmpint (compare, ==, FBK_COMPARE_PREVIOUS);
  g_assert_true (fbk_compare_from_string ("none", &compare));
  g_assert_cmpint (compare, ==, FBK_COMPARE_NONE);
  g_assert_false (fbk_compare_from_string ("last year", &compare));
  g_assert_false (fbk_compare_from_string (NULL, &compare));
  g_assert_cmpint (compare, ==, FBK_COMPARE_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compare/shift/sizes", test_shift_sizes);
  g_test_add_func ("/compare/shift/back/days", test_shift_back_days);
  g_test_add_func ("/compare/shift/back/months", test_shift_back_months);
  g_test_add_func ("/compare/shift/between", test_shift_between);
  g_test_add_func ("/compare/count-days", test_count_days);
  g_test_add_func ("/compare/names", test_names);

  return g_test_run ();
}
