/* fbk-chart-axis.c: where the ticks go on the value and the time axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-axis"

#include "config.h"

#include <math.h>

#include "fbk-chart-axis.h"

/* Slack for floating-point noise when a bound sits exactly on a tick
 * (0.3 / 0.1 is 2.9999999999999996). */
#define EPSILON 1e-9

/**
 * fbk_chart_nice_ticks:
 * @max_ticks: at least 2, or 3 when the range includes both signs
 *
 * Picks the smallest 1/2/5 × 10ⁿ step whose ticks, from a multiple of the
 * step at or below @lo to one at or above @hi, number at most @max_ticks.
 * An empty range becomes [0, 1] (or grows to include 0).
 */
void
fbk_chart_nice_ticks (double         lo,
                      double         hi,
                      guint          max_ticks,
                      FbkChartTicks *out_ticks)
{
  static const double multiples[] = { 1.0, 2.0, 5.0, 10.0 };
  double magnitude;

  g_return_if_fail (out_ticks != NULL);
  g_return_if_fail (isfinite (lo) && isfinite (hi));

  if (lo > hi)
    {
      double swap = lo;

      lo = hi;
      hi = swap;
    }
  if (hi - lo <= 0.0)
    {
      lo = MIN (lo, 0.0);
      hi = MAX (hi, 0.0);
      if (hi - lo <= 0.0)
        hi = 1.0;
    }

  /* Ticks are multiples of the step, so a range across zero needs at
   * least -step, 0 and step. */
  max_ticks = MAX (max_ticks, lo < 0.0 && hi > 0.0 ? 3 : 2);
  magnitude = pow (10.0, floor (log10 ((hi - lo) / (max_ticks - 1))));

  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
        {
          double step = multiples[i] * magnitude;
          double first = floor (lo / step + EPSILON);
          double last = ceil (hi / step - EPSILON);

          if (last - first + 1 <= max_ticks)
            {
              out_ticks->step = step;
              out_ticks->first = first * step;
              out_ticks->n = (guint) (last - first) + 1;
              out_ticks->decimals = MAX (0, (int) -floor (log10 (step) + EPSILON));
              return;
            }
        }
      magnitude *= 10.0;
    }
}

/**
 * fbk_chart_time_step_seconds:
 *
 * Returns: the typical length of @step, for judging how much room its
 *   labels get (months and years taken at their mean length)
 */
double
fbk_chart_time_step_seconds (FbkChartTimeStep step)
{
  static const double unit_seconds[FBK_N_RESOLUTIONS] = {
    [FBK_RESOLUTION_HOUR] = 3600.0,
    [FBK_RESOLUTION_DAY] = 86400.0,
    [FBK_RESOLUTION_WEEK] = 7 * 86400.0,
    [FBK_RESOLUTION_MONTH] = 365.2425 / 12 * 86400.0,
    [FBK_RESOLUTION_YEAR] = 365.2425 * 86400.0,
  };

  g_return_val_if_fail (step.unit < FBK_N_RESOLUTIONS, 0.0);

  return unit_seconds[step.unit] * MAX (step.step, 1);
}

static gboolean
on_step (FbkInstant       tick,
         FbkChartTimeStep step)
{
  FbkDate date;

  if (step.step <= 1)
    return TRUE;

  date = fbk_time_oslo_date (tick);

  switch (step.unit)
    {
    case FBK_RESOLUTION_HOUR:
      return fbk_time_oslo_hour (tick) % step.step == 0;
    case FBK_RESOLUTION_DAY:
      /* Restart every month so the 1st is always labelled. */
      return (guint) (date.day - 1) % step.step == 0;
    case FBK_RESOLUTION_MONTH:
      return (guint) (date.month - 1) % step.step == 0;
    case FBK_RESOLUTION_YEAR:
      return (guint) date.year % step.step == 0;
    case FBK_RESOLUTION_WEEK:
    default:
      return TRUE;
    }
}

/**
 * fbk_chart_time_ticks:
 *
 * Returns: (transfer full) (element-type FbkInstant): the starts of the
 *   Oslo periods of @step.unit inside [@from, @to) that fall on @step, in
 *   order. On DST days hourly ticks follow the clock: 23 or 25 hours.
 */
GArray *
fbk_chart_time_ticks (FbkInstant       from,
                      FbkInstant       to,
                      FbkChartTimeStep step)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (FbkInstant));
  FbkInstant tick;

  g_return_val_if_fail (step.unit < FBK_N_RESOLUTIONS, ticks);

  tick = fbk_time_period_start (from, step.unit);
  if (tick < from)
    tick = fbk_time_period_next (tick, step.unit);

  for (; tick < to; tick = fbk_time_period_next (tick, step.unit))
    {
      if (on_step (tick, step))
        g_array_append_val (ticks, tick);
    }

  return ticks;
}
