/* fbk-compare.c: which earlier period a chart is compared with, and how
 * its buckets line up
 *
 * An earlier period is the current one moved back on Oslo's calendar, so
 * that bucket lines up with bucket: days and weeks by whole weeks (a
 * Monday over a Monday, a weekend over a weekend, whatever the dates),
 * months and years by whole months (January over January). The same
 * clock hour of an earlier day is the hour compared, so a day of 23 or 25
 * hours never shifts the rest of the period by one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-compare"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-compare.h"

#define DAYS_PER_WEEK 7
/* 52 weeks: the same weekday as close to a year back as weekdays allow. */
#define WEEKS_PER_YEAR 52

G_DEFINE_ENUM_TYPE (FbkCompare, fbk_compare,
  G_DEFINE_ENUM_VALUE (FBK_COMPARE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (FBK_COMPARE_PREVIOUS, "previous"),
  G_DEFINE_ENUM_VALUE (FBK_COMPARE_LAST_YEAR, "last-year"))

static int
month_index (FbkDate date)
{
  return date.year * 12 + (date.month - 1);
}

static int
days_between (FbkDate earlier,
              FbkDate later)
{
  FbkInstant a = fbk_time_oslo_midnight (earlier);
  FbkInstant b = fbk_time_oslo_midnight (later);

  /* Midnights of days 23 to 25 hours long: round to whole days. */
  return (int) fbk_time_floor_div (b - a + 12 * FBK_SECONDS_PER_HOUR, 86400);
}

/**
 * fbk_compare_to_string:
 *
 * Returns: the name the CLI and settings use: "none", "previous",
 *   "last-year"
 */
const char *
fbk_compare_to_string (FbkCompare compare)
{
  GEnumClass *klass = g_type_class_ref (FBK_TYPE_COMPARE);
  GEnumValue *value = g_enum_get_value (klass, compare);

  g_type_class_unref (klass);
  g_return_val_if_fail (value != NULL, NULL);

  return value->value_nick;
}

gboolean
fbk_compare_from_string (const char *text,
                         FbkCompare *out_compare)
{
  GEnumClass *klass;
  GEnumValue *value;

  if (text == NULL)
    return FALSE;

  klass = g_type_class_ref (FBK_TYPE_COMPARE);
  value = g_enum_get_value_by_nick (klass, text);
  if (value != NULL && out_compare != NULL)
    *out_compare = value->value;
  g_type_class_unref (klass);

  return value != NULL;
}

/**
 * fbk_compare_get_label:
 *
 * Returns: what the choice is called, translated: "Previous period",
 *   "Same period last year"
 */
const char *
fbk_compare_get_label (FbkCompare compare)
{
  switch (compare)
    {
    case FBK_COMPARE_PREVIOUS:
      /* Translators: what a chart is compared with */
      return _("Previous period");
    case FBK_COMPARE_LAST_YEAR:
      /* Translators: what a chart is compared with */
      return _("Same period last year");
    case FBK_COMPARE_NONE:
    default:
      /* Translators: a chart compared with nothing */
      return C_("compare with", "None");
    }
}

/**
 * fbk_compare_get_shift:
 * @from: the start of the period shown
 * @to: its end (exclusive)
 *
 * How far back the period compared with lies. By day (or hour, or week):
 * the whole weeks that cover the period, so "previous" never overlaps it
 * and weekdays line up (seven days back for a week, five weeks for a
 * month of days), and 52 weeks for "last year". By month or year: the
 * months the period spans, and twelve for "last year".
 *
 * Returns: the shift; zero for %FBK_COMPARE_NONE
 */
FbkCompareShift
fbk_compare_get_shift (FbkCompare    compare,
                       FbkResolution resolution,
                       FbkInstant    from,
                       FbkInstant    to)
{
  FbkCompareShift shift = { 0, 0 };
  FbkDate first, last;

  g_return_val_if_fail (from < to, shift);

  if (compare == FBK_COMPARE_NONE)
    return shift;

  first = fbk_time_oslo_date (from);
  last = fbk_time_oslo_date (to - 1);

  if (resolution >= FBK_RESOLUTION_MONTH)
    {
      int months = month_index (last) - month_index (first) + 1;

      if (compare == FBK_COMPARE_LAST_YEAR)
        shift.months = 12;
      else if (resolution == FBK_RESOLUTION_YEAR)
        shift.months = 12 * (last.year - first.year + 1);
      else
        shift.months = months;
      return shift;
    }

  if (compare == FBK_COMPARE_LAST_YEAR)
    shift.days = WEEKS_PER_YEAR * DAYS_PER_WEEK;
  else
    {
      int n_days = days_between (first, last) + 1;

      shift.days = (n_days + DAYS_PER_WEEK - 1) / DAYS_PER_WEEK * DAYS_PER_WEEK;
    }
  return shift;
}

/**
 * fbk_compare_shift_between:
 * @from: the start of the period shown
 * @earlier_from: where the period compared with starts
 *
 * The shift that takes @from to @earlier_from: whole months by month or
 * year, whole days otherwise.
 */
FbkCompareShift
fbk_compare_shift_between (FbkResolution resolution,
                           FbkInstant    from,
                           FbkInstant    earlier_from)
{
  FbkDate now = fbk_time_oslo_date (from);
  FbkDate earlier = fbk_time_oslo_date (earlier_from);
  FbkCompareShift shift = { 0, 0 };

  if (resolution >= FBK_RESOLUTION_MONTH)
    shift.months = month_index (now) - month_index (earlier);
  else
    shift.days = days_between (earlier, now);
  return shift;
}

/**
 * fbk_compare_shift_back:
 *
 * Returns: @instant moved back by @shift on Oslo's calendar, at the same
 *   clock time: the two 02:00 hours of an autumn day both go to 02:00 (a
 *   clock hour an earlier spring day skips goes to 03:00, as
 *   fbk_time_oslo_at_hour() has it)
 */
FbkInstant
fbk_compare_shift_back (const FbkCompareShift *shift,
                        FbkInstant             instant)
{
  FbkDate date;
  int hour;
  FbkInstant into_hour;

  g_return_val_if_fail (shift != NULL, instant);

  if (shift->months != 0)
    return fbk_time_add_oslo_months (instant, -shift->months);
  if (shift->days == 0)
    return instant;

  date = fbk_time_oslo_date (instant);
  hour = fbk_time_oslo_hour (instant);
  into_hour = (instant - fbk_time_oslo_at_hour (date, hour)) % FBK_SECONDS_PER_HOUR;

  return fbk_time_oslo_at_hour (fbk_date_add_days (date, -shift->days), hour) + into_hour;
}

/**
 * fbk_compare_count_days:
 *
 * Returns: how many Oslo days [@from, @to) spans, a day cut short counted
 *   as the share of its own length (23, 24 or 25 hours) it covers: a
 *   week is 7 whatever its clock changes, half of a 24-hour day 0.5
 */
double
fbk_compare_count_days (FbkInstant from,
                        FbkInstant to)
{
  double days = 0.0;
  FbkDate date;

  if (to <= from)
    return 0.0;

  for (date = fbk_time_oslo_date (from); fbk_time_oslo_midnight (date) < to; date = fbk_date_add_days (date, 1))
    {
      FbkInstant start = fbk_time_oslo_midnight (date);
      FbkInstant end = fbk_time_oslo_midnight (fbk_date_add_days (date, 1));

      days += (double) (MIN (end, to) - MAX (start, from)) / (double) (end - start);
    }
  return days;
}
