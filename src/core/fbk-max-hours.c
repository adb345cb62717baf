/* fbk-max-hours.c: the three peak hours that set a month's capacity step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-max-hours"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fbk-max-hours.h"

G_DEFINE_BOXED_TYPE (FbkMaxHours, fbk_max_hours, fbk_max_hours_copy, fbk_max_hours_free)

FbkMaxHours *
fbk_max_hours_copy (const FbkMaxHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
fbk_max_hours_free (FbkMaxHours *self)
{
  g_free (self);
}

/**
 * fbk_max_hour_compare_descending:
 *
 * A qsort() order of #FbkMaxHour: largest first; equal values by time, so
 * both sides of a comparison put tied hours in the same order.
 */
int
fbk_max_hour_compare_descending (gconstpointer a,
                                 gconstpointer b)
{
  const FbkMaxHour *hour_a = a;
  const FbkMaxHour *hour_b = b;

  if (hour_a->kwh != hour_b->kwh)
    return hour_a->kwh > hour_b->kwh ? -1 : 1;
  if (hour_a->start != hour_b->start)
    return hour_a->start < hour_b->start ? -1 : 1;
  return 0;
}

/**
 * fbk_max_hours_init:
 * @hours: (array length=n_hours): at most %FBK_MAX_HOURS_PER_MONTH hours, in
 *   any order
 *
 * Fills @self for one Oslo month: sorts the hours largest first and derives
 * the average, the provisional flag (fewer than three hours) and whether all
 * hours are verified.
 */
void
fbk_max_hours_init (FbkMaxHours       *self,
                    int                year,
                    int                month,
                    const FbkMaxHour  *hours,
                    guint              n_hours,
                    FbkMaxHoursSource  source)
{
  double sum = 0.0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (month >= 1 && month <= 12);
  g_return_if_fail (n_hours <= FBK_MAX_HOURS_PER_MONTH);
  g_return_if_fail (hours != NULL || n_hours == 0);

  *self = (FbkMaxHours) {
    .year = year,
    .month = month,
    .n_hours = n_hours,
    .source = source,
    .all_verified = n_hours > 0,
    .provisional = n_hours < FBK_MAX_HOURS_PER_MONTH,
  };

  for (guint i = 0; i < n_hours; i++)
    {
      self->hours[i] = hours[i];
      sum += hours[i].kwh;
      if (!hours[i].verified)
        self->all_verified = FALSE;
    }

  qsort (self->hours, n_hours, sizeof self->hours[0], fbk_max_hour_compare_descending);
  self->average = n_hours > 0 ? sum / n_hours : 0.0;
}

typedef struct
{
  double  kwh;
  guint32 covered;     /* seconds of the hour that have a value */
  guint   has_value : 1;
  guint   unverified : 1;
} HourSlot;

/**
 * fbk_max_hours_daily_maxima:
 * @year: a year on the Oslo calendar
 * @month: 1..12
 * @intervals: (array length=n_intervals): consumption values, hourly or
 *   finer, one per start, in any order; intervals outside the month are
 *   ignored, so a whole series may be passed
 * @out_days: (out caller-allocates) (array fixed-size=31): each Oslo day's
 *   highest clock hour, in the order of the days; days without values are
 *   left out
 *
 * The "døgnmaks" of every day of a month that has values. Values finer than
 * an hour (15-minute data) are summed per clock hour first; an interval
 * longer than an hour, or one that straddles a clock hour, says nothing
 * about any single clock hour and is skipped. An hour counts as verified
 * only when it is fully covered by verified values. Days are Oslo days, so
 * DST days have 23 or 25 hours; on a tie the day's earlier hour stands.
 *
 * Returns: how many days have values (0 if @year/@month is not a month)
 */
guint
fbk_max_hours_daily_maxima (int                year,
                            int                month,
                            const FbkInterval *intervals,
                            guint              n_intervals,
                            FbkMaxHour         out_days[FBK_MAX_HOURS_DAYS_IN_MONTH])
{
  FbkDate first = { year, month, 1 };
  guint n_days_with_data = 0;
  g_autofree HourSlot *slots = NULL;
  FbkInstant month_start;
  FbkInstant month_end;
  FbkDate day;
  guint n_slots;

  g_return_val_if_fail (intervals != NULL || n_intervals == 0, 0);
  g_return_val_if_fail (out_days != NULL, 0);

  if (!fbk_date_is_valid (first))
    return 0;

  month_start = fbk_time_oslo_midnight (first);
  month_end = fbk_time_oslo_midnight (fbk_date_add_months (first, 1));
  /* Oslo's offsets are whole hours, so a month is a whole number of
   * UTC-aligned clock hours. */
  n_slots = (guint) ((month_end - month_start) / FBK_SECONDS_PER_HOUR);
  slots = g_new0 (HourSlot, n_slots);

  for (guint i = 0; i < n_intervals; i++)
    {
      const FbkInterval *interval = &intervals[i];
      FbkInstant offset;
      HourSlot *slot;

      if (interval->start < month_start || interval->start >= month_end)
        continue;
      if (interval->duration == 0 || interval->duration > FBK_SECONDS_PER_HOUR)
        continue;

      offset = interval->start - month_start;
      if (offset % FBK_SECONDS_PER_HOUR + interval->duration > FBK_SECONDS_PER_HOUR)
        continue;

      slot = &slots[offset / FBK_SECONDS_PER_HOUR];
      slot->kwh += interval->kwh;
      slot->covered += interval->duration;
      slot->has_value = TRUE;
      if (!(interval->flags & FBK_INTERVAL_VERIFIED))
        slot->unverified = TRUE;
    }

  day = first;
  for (FbkInstant day_start = month_start; day_start < month_end;)
    {
      FbkInstant day_end;
      const HourSlot *best = NULL;
      guint best_index = 0;

      day = fbk_date_add_days (day, 1);
      day_end = fbk_time_oslo_midnight (day);

      for (guint s = (guint) ((day_start - month_start) / FBK_SECONDS_PER_HOUR);
           s < (guint) ((day_end - month_start) / FBK_SECONDS_PER_HOUR);
           s++)
        {
          /* Strictly larger: on a tie the day's earlier hour stands. */
          if (slots[s].has_value && (best == NULL || slots[s].kwh > best->kwh))
            {
              best = &slots[s];
              best_index = s;
            }
        }

      if (best != NULL)
        {
          FbkInstant start = month_start + (FbkInstant) best_index * FBK_SECONDS_PER_HOUR;

          out_days[n_days_with_data++] = (FbkMaxHour) {
            .start = start,
            .end = start + FBK_SECONDS_PER_HOUR,
            .kwh = best->kwh,
            .verified = !best->unverified && best->covered == FBK_SECONDS_PER_HOUR,
          };
        }

      day_start = day_end;
    }

  return n_days_with_data;
}

/**
 * fbk_max_hours_compute:
 * @year: a year on the Oslo calendar
 * @month: 1..12
 * @intervals: (array length=n_intervals): as for
 *   fbk_max_hours_daily_maxima()
 *
 * Recomputes Elvia's max-hours figure for one Oslo calendar month from
 * metered values: the three largest of fbk_max_hours_daily_maxima(). With
 * fewer than three days of data the average is of what exists and the
 * result is provisional.
 *
 * Returns: %FALSE if @year/@month is not a month
 */
gboolean
fbk_max_hours_compute (FbkMaxHours       *self,
                       int                year,
                       int                month,
                       const FbkInterval *intervals,
                       guint              n_intervals)
{
  FbkMaxHour day_maxima[FBK_MAX_HOURS_DAYS_IN_MONTH];
  guint n_days_with_data;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (intervals != NULL || n_intervals == 0, FALSE);
  g_return_val_if_fail (fbk_date_is_valid ((FbkDate) { year, month, 1 }), FALSE);

  n_days_with_data = fbk_max_hours_daily_maxima (year, month, intervals, n_intervals, day_maxima);
  fbk_max_hours_init_from_days (self, year, month, day_maxima, n_days_with_data);

  return TRUE;
}

/**
 * fbk_max_hours_init_from_days:
 * @days: (array length=n_days): each day's highest hour, in any order
 *
 * The month's figure from its days' maxima: the three largest.
 */
void
fbk_max_hours_init_from_days (FbkMaxHours      *self,
                              int               year,
                              int               month,
                              const FbkMaxHour *days,
                              guint             n_days)
{
  FbkMaxHour sorted[FBK_MAX_HOURS_DAYS_IN_MONTH];

  g_return_if_fail (n_days <= FBK_MAX_HOURS_DAYS_IN_MONTH);
  g_return_if_fail (days != NULL || n_days == 0);

  if (n_days > 0)
    memcpy (sorted, days, n_days * sizeof days[0]);
  qsort (sorted, n_days, sizeof sorted[0], fbk_max_hour_compare_descending);
  fbk_max_hours_init (self, year, month, sorted, MIN (n_days, FBK_MAX_HOURS_PER_MONTH),
                      FBK_MAX_HOURS_SOURCE_LOCAL);
}

static gboolean
differs (double a,
         double b,
         double tolerance)
{
  /* The small extra keeps a difference of exactly the tolerance, as written
   * in decimal, on the "same" side despite binary rounding. */
  return fabs (a - b) > tolerance + 1e-9;
}

/**
 * fbk_max_hours_compare:
 * @tolerance_kwh: how far two values may be apart and still count as the
 *   same, e.g. %FBK_MAX_HOURS_DEFAULT_TOLERANCE
 *
 * Compares two figures for the same month, typically Elvia's and the local
 * recomputation, rank by rank, so the UI can mark the rows that disagree.
 * An hour differs when its start differs or its kWh do.
 *
 * Returns: the differences, or %FBK_MAX_HOURS_SAME
 */
FbkMaxHoursDifference
fbk_max_hours_compare (const FbkMaxHours *a,
                       const FbkMaxHours *b,
                       double             tolerance_kwh)
{
  FbkMaxHoursDifference result = FBK_MAX_HOURS_SAME;

  g_return_val_if_fail (a != NULL, FBK_MAX_HOURS_SAME);
  g_return_val_if_fail (b != NULL, FBK_MAX_HOURS_SAME);

  if (a->year != b->year || a->month != b->month)
    return FBK_MAX_HOURS_DIFFERENT_MONTH;

  if (a->n_hours != b->n_hours)
    result |= FBK_MAX_HOURS_DIFFERENT_COUNT;

  for (guint rank = 0; rank < MAX (a->n_hours, b->n_hours); rank++)
    {
      if (rank >= a->n_hours || rank >= b->n_hours ||
          a->hours[rank].start != b->hours[rank].start ||
          differs (a->hours[rank].kwh, b->hours[rank].kwh, tolerance_kwh))
        result |= FBK_MAX_HOURS_DIFFERENT_HOUR (rank);
    }

  if (differs (a->average, b->average, tolerance_kwh))
    result |= FBK_MAX_HOURS_DIFFERENT_AVERAGE;

  return result;
}
