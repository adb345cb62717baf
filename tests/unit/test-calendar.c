/* test-calendar.c: Norwegian public holidays and working days
 *
 * Expected dates come from the almanac (Easter by the published tables),
 * not from the code under test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-calendar.h"

#define date(year, month, day) ((FbkDate) { (year), (month), (day) })

static void
assert_date (FbkDate actual,
             FbkDate expected)
{
  if (fbk_date_compare (actual, expected) != 0)
    g_error ("%04d-%02d-%02d, expected %04d-%02d-%02d", actual.year, actual.month, actual.day,
             expected.year, expected.month, expected.day);
}

static void
test_easter (void)
{
  /* Easter Sundays from the almanac, with the extremes of the Gregorian
   * computus: 22 March (1818, 2285) is the earliest, 25 April (1943, 2038)
   * the latest. */
  assert_date (fbk_calendar_easter_sunday (2024), date (2024, 3, 31));
  assert_date (fbk_calendar_easter_sunday (2025), date (2025, 4, 20));
  assert_date (fbk_calendar_easter_sunday (2026), date (2026, 4, 5));
  assert_date (fbk_calendar_easter_sunday (2023), date (2023, 4, 9));
  assert_date (fbk_calendar_easter_sunday (2027), date (2027, 3, 28));
  assert_date (fbk_calendar_easter_sunday (2000), date (2000, 4, 23));
  assert_date (fbk_calendar_easter_sunday (1818), date (1818, 3, 22));
  assert_date (fbk_calendar_easter_sunday (2285), date (2285, 3, 22));
  assert_date (fbk_calendar_easter_sunday (1943), date (1943, 4, 25));
  assert_date (fbk_calendar_easter_sunday (2038), date (2038, 4, 25));
}

static void
test_holidays (void)
{
  /* 2025: Easter 20 April, so Maundy Thursday 17 April, Good Friday 18,
   * Easter Monday 21, Ascension (+39) 29 May, Whit Sunday (+49) 8 June,
   * Whit Monday (+50) 9 June. */
  const FbkDate holidays[] = {
    date (2025, 1, 1), date (2025, 4, 17), date (2025, 4, 18), date (2025, 4, 20),
    date (2025, 4, 21), date (2025, 5, 1), date (2025, 5, 17), date (2025, 5, 29),
    date (2025, 6, 8), date (2025, 6, 9), date (2025, 12, 25), date (2025, 12, 26),
    /* 2024: Easter 31 March: 28 and 29 March, 1 April; Ascension 9 May,
     * Whit Monday 20 May */
    date (2024, 3, 28), date (2024, 3, 29), date (2024, 4, 1), date (2024, 5, 9),
    date (2024, 5, 19), date (2024, 5, 20),
    /* 2026: Easter 5 April: 2, 3 and 6 April; Ascension 14 May, Whit
     * Monday 25 May */
    date (2026, 4, 2), date (2026, 4, 3), date (2026, 4, 6), date (2026, 5, 14),
    date (2026, 5, 24), date (2026, 5, 25),
  };
  /* Christmas Eve, New Year's Eve and Easter Saturday are ordinary days;
   * so are the days either side of the moving holidays. */
  const FbkDate ordinary[] = {
    date (2025, 12, 24), date (2025, 12, 31), date (2025, 4, 19), date (2025, 4, 16),
    date (2025, 4, 22), date (2025, 5, 28), date (2025, 5, 30), date (2025, 6, 10),
    date (2025, 5, 16), date (2025, 5, 18), date (2025, 1, 2), date (2025, 12, 27),
    date (2024, 3, 27), date (2024, 4, 2), date (2026, 4, 7),
  };

  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    {
      if (!fbk_calendar_is_public_holiday (holidays[i]))
        g_error ("%04d-%02d-%02d is a public holiday", holidays[i].year, holidays[i].month, holidays[i].day);
      g_assert_false (fbk_calendar_is_working_day (holidays[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (ordinary); i++)
    {
      if (fbk_calendar_is_public_holiday (ordinary[i]))
        g_error ("%04d-%02d-%02d is no public holiday", ordinary[i].year, ordinary[i].month, ordinary[i].day);
    }
}

static void
test_working_days (void)
{
  /* 17 May 2024 is a Friday and 1 May 2026 a Friday: holidays on a weekday */
  g_assert_cmpint (fbk_date_weekday (date (2024, 5, 17)), ==, 5);
  g_assert_false (fbk_calendar_is_working_day (date (2024, 5, 17)));
  g_assert_cmpint (fbk_date_weekday (date (2026, 5, 1)), ==, 5);
  g_assert_false (fbk_calendar_is_working_day (date (2026, 5, 1)));
  /* 17 May 2023 is a Wednesday */
  g_assert_false (fbk_calendar_is_working_day (date (2023, 5, 17)));
  g_assert_true (fbk_calendar_is_working_day (date (2023, 5, 16)));

  /* Christmas Eve and New Year's Eve 2025 are Wednesdays: working days */
  g_assert_true (fbk_calendar_is_working_day (date (2025, 12, 24)));
  g_assert_true (fbk_calendar_is_working_day (date (2025, 12, 31)));

  /* a plain week: Monday 13 to Sunday 19 January 2025 */
  for (int day = 13; day <= 17; day++)
    g_assert_true (fbk_calendar_is_working_day (date (2025, 1, day)));
  g_assert_false (fbk_calendar_is_working_day (date (2025, 1, 18)));
  g_assert_false (fbk_calendar_is_working_day (date (2025, 1, 19)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/easter", test_easter);
  g_test_add_func ("/calendar/holidays", test_holidays);
  g_test_add_func ("/calendar/working-days", test_working_days);

  return g_test_run ();
}
