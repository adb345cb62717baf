/* fbk-capacity-coach.c: what a month's capacity step cost, what would have
 * kept it a step lower, how high an hour may go for the rest of the month,
 * and when to warn
 *
 * Pure functions over a month's daily maxima (fbk_max_hours_daily_maxima())
 * and a dated capacity table: no prices here (those come from the tariff
 * book), no clock but the one passed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-capacity-coach"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fbk-capacity-coach.h"

/* One day's highest hour as a function of a level x ≥ 0:
 * clamp (x, lo, hi). A day capped at x is clamp (x, 0, d); a day still to
 * come that reaches x is clamp (x, so_far, ∞); a day that is over is
 * clamp (x, d, d). */
typedef struct
{
  double lo;
  double hi;
} Level;

static int
compare_doubles_descending (gconstpointer a,
                            gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x < y) - (x > y);
}

/* The month's figure if every day is at its level for @x: the average of
 * the three largest (of all, with fewer than three days). */
static double
top_average_at (const Level *days,
                guint        n_days,
                double       x)
{
  double values[FBK_MAX_HOURS_DAYS_IN_MONTH];
  guint counted = MIN (n_days, FBK_MAX_HOURS_PER_MONTH);
  double sum = 0.0;

  for (guint i = 0; i < n_days; i++)
    values[i] = CLAMP (x, days[i].lo, days[i].hi);
  qsort (values, n_days, sizeof values[0], compare_doubles_descending);
  for (guint i = 0; i < counted; i++)
    sum += values[i];

  return sum / counted;
}

/* The largest x ≥ 0 whose top-3 average is at most @target: INFINITY when
 * every x is, NAN when none is.
 *
 * The top-3 average is continuous, never falls as x rises and is linear
 * between the days' bounds (each day's level is, and so is the sum of the
 * three largest while their order holds), so x lies between the two bounds
 * that straddle @target and is found there by its line: exact, no search. */
static double
largest_level (const Level *days,
               guint        n_days,
               double       target)
{
  double bounds[2 * FBK_MAX_HOURS_DAYS_IN_MONTH + 1];
  guint n_bounds = 0;
  double high, at_high;

  g_assert (n_days > 0 && n_days <= FBK_MAX_HOURS_DAYS_IN_MONTH);

  if (top_average_at (days, n_days, 0.0) > target)
    return NAN;

  bounds[n_bounds++] = 0.0;
  for (guint i = 0; i < n_days; i++)
    {
      if (isfinite (days[i].lo) && days[i].lo > 0.0)
        bounds[n_bounds++] = days[i].lo;
      if (isfinite (days[i].hi) && days[i].hi > 0.0)
        bounds[n_bounds++] = days[i].hi;
    }
  qsort (bounds, n_bounds, sizeof bounds[0], compare_doubles_descending);

  /* Above every bound the average is a line too: its slope from one more. */
  high = bounds[0];
  at_high = top_average_at (days, n_days, high);
  if (at_high <= target)
    {
      double slope = top_average_at (days, n_days, high + 1.0) - at_high;

      return slope > 0.0 ? high + (target - at_high) / slope : INFINITY;
    }

  for (guint i = 1; i < n_bounds; i++)
    {
      double low = bounds[i];
      double at_low = top_average_at (days, n_days, low);

      if (at_low <= target)
        return low + (target - at_low) * (high - low) / (at_high - at_low);

      high = low;
      at_high = at_low;
    }

  g_assert_not_reached ();
}

static double
average_of_days (const FbkMaxHour *days,
                 guint             n_days)
{
  FbkMaxHours max_hours;
  FbkDate date = fbk_time_oslo_date (days[0].start);

  fbk_max_hours_init_from_days (&max_hours, date.year, date.month, days, n_days);
  return max_hours.average;
}

/**
 * fbk_capacity_step_ceiling:
 * @step: from 1
 *
 * The highest month's average that @table still puts in @step: the step's
 * upper bound where an average at the bound stays below it; one Wh short of
 * the bound in the three hours together where it goes up (the least a
 * meter can show below it, %FBK_CAPACITY_METER_RESOLUTION_KWH).
 *
 * Returns: kWh/h; INFINITY for the top step
 */
double
fbk_capacity_step_ceiling (const FbkTariffTable *table,
                           guint                 step)
{
  const FbkTariffStep *range;

  g_return_val_if_fail (table != NULL, NAN);
  g_return_val_if_fail (step >= 1 && step <= table->n_steps, NAN);

  range = fbk_tariff_table_get_step (table, step);
  if (!isfinite (range->upper))
    return INFINITY;
  if (table->boundary == FBK_TARIFF_BOUNDARY_STAYS_BELOW)
    return range->upper;
  return range->upper - FBK_CAPACITY_METER_RESOLUTION_KWH / FBK_MAX_HOURS_PER_MONTH;
}

/**
 * fbk_capacity_saving_compute:
 * @table: the capacity table in force for the month
 * @days: (array length=n_days): each day's highest hour
 *   (fbk_max_hours_daily_maxima()), at least one
 *
 * The least total reduction of the daily maxima that would have put the
 * month one step lower: every day's highest hour capped at one level c,
 * the highest c whose capped top-3 average is still in the lower step by
 * @table's boundary rule. A fourth day that would take a lowered day's
 * place among the three is capped too, since its hour counts then; so the
 * cut is Σ max (0, d − c) over all days, not only the three.
 *
 * Returns: %FALSE when there are no days
 */
gboolean
fbk_capacity_saving_compute (const FbkTariffTable *table,
                             const FbkMaxHour     *days,
                             guint                 n_days,
                             FbkCapacitySaving    *out_saving)
{
  Level levels[FBK_MAX_HOURS_DAYS_IN_MONTH];
  FbkCapacitySaving saving = { 0 };

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (n_days <= FBK_MAX_HOURS_DAYS_IN_MONTH, FALSE);
  g_return_val_if_fail (days != NULL || n_days == 0, FALSE);
  g_return_val_if_fail (out_saving != NULL, FALSE);

  if (n_days == 0)
    return FALSE;

  saving.from_step = fbk_tariff_table_find_step (table, average_of_days (days, n_days));
  saving.cap_kwh = NAN;
  if (saving.from_step > 1)
    {
      saving.to_step = saving.from_step - 1;
      for (guint i = 0; i < n_days; i++)
        levels[i] = (Level) { 0.0, days[i].kwh };
      saving.cap_kwh = largest_level (levels, n_days, fbk_capacity_step_ceiling (table, saving.to_step));

      for (guint i = 0; i < n_days; i++)
        {
          if (days[i].kwh > saving.cap_kwh)
            {
              saving.cut_kwh += days[i].kwh - saving.cap_kwh;
              saving.days_cut[saving.n_days_cut++] = days[i];
            }
        }
      qsort (saving.days_cut, saving.n_days_cut, sizeof saving.days_cut[0], fbk_max_hour_compare_descending);
    }

  *out_saving = saving;
  return TRUE;
}

/**
 * fbk_capacity_keep_under:
 * @table: the capacity table in force for the month
 * @step: the step to stay in, from 1
 * @days: (array length=n_days): the month's daily maxima so far, today's
 *   (if it has values) the highest hour of today until now
 * @today: the Oslo day of now, in the month
 * @days_in_month: 28..31
 *
 * The largest hourly value that keeps the month in @step whatever the rest
 * of it brings, as long as no hour from now on goes above it: every day
 * still to come (today included, whose highest hour so far stands) may
 * reach it, and the top-3 average of the days that are over and those may
 * not leave @step. Days before today without values are not counted.
 *
 * Returns: kWh; INFINITY when nothing can leave @step (the top step, no
 *   day left), NAN when the month is already past it
 */
double
fbk_capacity_keep_under (const FbkTariffTable *table,
                         guint                 step,
                         const FbkMaxHour     *days,
                         guint                 n_days,
                         FbkDate               today,
                         int                   days_in_month)
{
  Level levels[FBK_MAX_HOURS_DAYS_IN_MONTH];
  double ceiling;
  guint n_levels = 0;
  double today_so_far = 0.0;

  g_return_val_if_fail (table != NULL, NAN);
  g_return_val_if_fail (n_days <= FBK_MAX_HOURS_DAYS_IN_MONTH, NAN);
  g_return_val_if_fail (days != NULL || n_days == 0, NAN);
  g_return_val_if_fail (today.day >= 1 && today.day <= days_in_month &&
                        days_in_month <= FBK_MAX_HOURS_DAYS_IN_MONTH, NAN);

  ceiling = fbk_capacity_step_ceiling (table, step);
  if (!isfinite (ceiling))
    return INFINITY;

  for (guint i = 0; i < n_days; i++)
    {
      FbkDate date = fbk_time_oslo_date (days[i].start);

      if (date.day < today.day)
        levels[n_levels++] = (Level) { days[i].kwh, days[i].kwh };
      else if (date.day == today.day)
        today_so_far = days[i].kwh;
    }

  levels[n_levels++] = (Level) { today_so_far, INFINITY };
  for (int day = today.day + 1; day <= days_in_month; day++)
    levels[n_levels++] = (Level) { 0.0, INFINITY };

  return largest_level (levels, n_levels, ceiling);
}

/**
 * fbk_capacity_project:
 * @days: (array length=n_days): this month's daily maxima so far
 * @last_year: (array length=n_last_year): the same month's a year before
 * @today: the Oslo day of now, in the month
 * @days_in_month: this month's days
 *
 * The month's top-3 average if its rest goes as the same days did a year
 * before: days that are over keep their own maximum; today and the days
 * after take last year's maximum of the same day of the month where that
 * was higher (a day this month lacks, last year's alone).
 *
 * Returns: kWh/h, NAN without last year's values
 */
double
fbk_capacity_project (const FbkMaxHour *days,
                      guint             n_days,
                      const FbkMaxHour *last_year,
                      guint             n_last_year,
                      FbkDate           today,
                      int               days_in_month)
{
  FbkMaxHour projected[FBK_MAX_HOURS_DAYS_IN_MONTH + 1] = { 0 };
  gboolean known[FBK_MAX_HOURS_DAYS_IN_MONTH + 1] = { FALSE };
  FbkMaxHour merged[FBK_MAX_HOURS_DAYS_IN_MONTH];
  guint n_merged = 0;

  g_return_val_if_fail (n_days <= FBK_MAX_HOURS_DAYS_IN_MONTH, NAN);
  g_return_val_if_fail (n_last_year <= FBK_MAX_HOURS_DAYS_IN_MONTH, NAN);
  g_return_val_if_fail (days_in_month <= FBK_MAX_HOURS_DAYS_IN_MONTH, NAN);

  if (n_last_year == 0)
    return NAN;

  for (guint i = 0; i < n_days; i++)
    {
      int day = fbk_time_oslo_date (days[i].start).day;

      projected[day] = days[i];
      known[day] = TRUE;
    }

  for (guint i = 0; i < n_last_year; i++)
    {
      int day = fbk_time_oslo_date (last_year[i].start).day;

      if (day > days_in_month || (known[day] && day < today.day))
        continue;
      if (!known[day] || last_year[i].kwh > projected[day].kwh)
        {
          /* Kept on this month's calendar, so the figure is this month's. */
          FbkDate date = fbk_time_oslo_date (last_year[i].start);
          FbkInstant hour_of_day = last_year[i].start - fbk_time_oslo_midnight (date);
          FbkDate same_day = { today.year, today.month, day };

          projected[day] = last_year[i];
          projected[day].start = fbk_time_oslo_midnight (same_day) + hour_of_day;
          known[day] = TRUE;
        }
    }

  for (int day = 1; day <= days_in_month; day++)
    {
      if (known[day])
        merged[n_merged++] = projected[day];
    }

  return average_of_days (merged, n_merged);
}

/**
 * fbk_capacity_alert_check:
 * @memory: (inout): what was told for this meter so far
 * @max_hours: the month's figure now
 * @table: the capacity table in force for it
 * @now: the clock's now
 * @margin_kwh: how near the next step is near enough to warn; 0 for never
 *
 * Whether a new figure for the month in progress is worth a notification:
 * it went into a higher step than any seen this month, or came within
 * @margin_kwh of the next one for the first time in its step. Only the
 * month @now is in counts (never an old one), and only with three days of
 * values: before that the average is of fewer days and can still fall.
 * The first figure of a month is where its steps start (told only if it
 * is near the next). @memory is updated to what is told.
 *
 * Returns: what to tell, if anything
 */
FbkCapacityAlert
fbk_capacity_alert_check (FbkCapacityAlertMemory *memory,
                          const FbkMaxHours      *max_hours,
                          const FbkTariffTable   *table,
                          FbkInstant              now,
                          double                  margin_kwh)
{
  FbkDate today = fbk_time_oslo_date (now);
  FbkCapacityAlert alert = FBK_CAPACITY_ALERT_NONE;
  gboolean near;
  guint step;

  g_return_val_if_fail (memory != NULL, FBK_CAPACITY_ALERT_NONE);
  g_return_val_if_fail (max_hours != NULL, FBK_CAPACITY_ALERT_NONE);
  g_return_val_if_fail (table != NULL, FBK_CAPACITY_ALERT_NONE);

  if (max_hours->year != today.year || max_hours->month != today.month ||
      max_hours->n_hours < FBK_MAX_HOURS_PER_MONTH)
    return FBK_CAPACITY_ALERT_NONE;

  step = fbk_tariff_table_find_step (table, max_hours->average);
  near = margin_kwh > 0.0 && fbk_tariff_table_headroom (table, max_hours->average) <= margin_kwh;

  if (memory->year != today.year || memory->month != today.month)
    *memory = (FbkCapacityAlertMemory) { today.year, today.month, step, 0 };
  else if (step > memory->step)
    {
      memory->step = step;
      alert = FBK_CAPACITY_ALERT_STEP_UP;
    }

  if (near && memory->near_step < step)
    {
      /* A step up that is near the next already says both in one. */
      memory->near_step = step;
      if (alert == FBK_CAPACITY_ALERT_NONE)
        alert = FBK_CAPACITY_ALERT_NEAR_NEXT;
    }

  return alert;
}
