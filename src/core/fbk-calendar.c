/* fbk-calendar.c: Norwegian public holidays and working days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-calendar"

#include "config.h"

#include "fbk-calendar.h"

/* The moving holidays, in days from Easter Sunday (lov om helligdager og
 * helligdagsfred § 1): Maundy Thursday, Good Friday, Easter Sunday and
 * Monday, Ascension Day, Whit Sunday and Whit Monday. */
static const int easter_offsets[] = { -3, -2, 0, 1, 39, 49, 50 };

/* The fixed ones: New Year's Day, 1 May and 17 May (lov om 1. og 17. mai
 * som høgtidsdagar), Christmas Day and Boxing Day. Christmas Eve and New
 * Year's Eve are ordinary days. */
static const struct { int month, day; } fixed_holidays[] = {
  { 1, 1 }, { 5, 1 }, { 5, 17 }, { 12, 25 }, { 12, 26 },
};

/**
 * fbk_calendar_easter_sunday:
 * @year: 1583 or later (the Gregorian calendar)
 *
 * Computed by the Gregorian computus (the anonymous algorithm in Meeus,
 * "Astronomical Algorithms", ch. 8), so no year needs a list.
 *
 * Returns: the date of Easter Sunday in @year
 */
FbkDate
fbk_calendar_easter_sunday (int year)
{
  int golden, century, of_century, leap_skips, leap_rest, correction, moon;
  int epact, quarters, rest, weekday, shift, sum;

  g_return_val_if_fail (year >= 1583 && year <= 9999, ((FbkDate) { 0, 0, 0 }));

  golden = year % 19;
  century = year / 100;
  of_century = year % 100;
  leap_skips = century / 4;
  leap_rest = century % 4;
  correction = (century + 8) / 25;
  moon = (century - correction + 1) / 3;
  epact = (19 * golden + century - leap_skips - moon + 15) % 30;
  quarters = of_century / 4;
  rest = of_century % 4;
  weekday = (32 + 2 * leap_rest + 2 * quarters - epact - rest) % 7;
  shift = (golden + 11 * epact + 22 * weekday) / 451;
  sum = epact + weekday - 7 * shift + 114;

  return (FbkDate) { year, sum / 31, sum % 31 + 1 };
}

/**
 * fbk_calendar_is_public_holiday:
 *
 * Returns: %TRUE on a Norwegian public holiday (helligdag) or on 1 or 17 May
 */
gboolean
fbk_calendar_is_public_holiday (FbkDate date)
{
  FbkDate easter;

  g_return_val_if_fail (fbk_date_is_valid (date), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (fixed_holidays); i++)
    {
      if (date.month == fixed_holidays[i].month && date.day == fixed_holidays[i].day)
        return TRUE;
    }

  /* Maundy Thursday is 19 March at the earliest, Whit Monday 14 June at
   * the latest. */
  if (date.month < 3 || date.month > 6 || date.year < 1583)
    return FALSE;

  easter = fbk_calendar_easter_sunday (date.year);
  for (guint i = 0; i < G_N_ELEMENTS (easter_offsets); i++)
    {
      if (fbk_date_compare (date, fbk_date_add_days (easter, easter_offsets[i])) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * fbk_calendar_is_working_day:
 *
 * Returns: %TRUE from Monday to Friday unless it is a public holiday
 */
gboolean
fbk_calendar_is_working_day (FbkDate date)
{
  g_return_val_if_fail (fbk_date_is_valid (date), FALSE);

  return fbk_date_weekday (date) <= 5 && !fbk_calendar_is_public_holiday (date);
}
