/* fbk-chart-daily-peaks.c: a month's daily peak hours, ready to chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-daily-peaks"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-chart-daily-peaks.h"

static int
compare_starts (gconstpointer a,
                gconstpointer b)
{
  const FbkInterval *x = a;
  const FbkInterval *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

/* The month's intervals, ordered by start, so each day is one run. */
static GArray *
month_intervals (FbkInstant         month_start,
                 FbkInstant         month_end,
                 const FbkInterval *intervals,
                 guint              n_intervals)
{
  GArray *month = g_array_new (FALSE, FALSE, sizeof (FbkInterval));

  for (guint i = 0; i < n_intervals; i++)
    {
      if (intervals[i].start >= month_start && intervals[i].start < month_end)
        g_array_append_val (month, intervals[i]);
    }

  g_array_sort (month, compare_starts);
  return month;
}

/**
 * fbk_chart_daily_peaks_fill:
 * @model: the chart model to fill; its series and period are replaced
 * @label: what the legend calls the bars, e.g. the meter's name
 * @year: a year on the Oslo calendar
 * @month: 1..12
 * @intervals: (array length=n_intervals): hourly or finer consumption, in
 *   any order; values outside the month are ignored
 * @out_max_hours: (out) (optional): the month's three peak hours
 *
 * Makes @model the "daily peaks" chart of the max-hours view: one bar per
 * Oslo day of the month (23, 24 or 25 hours long) holding that day's
 * largest clock hour, in kWh/h (so the unit is kW), and the top-3 average
 * that selects the capacity step as a reference line (a bars layer and a
 * reference-lines layer, replacing the model's layers). A bar is verified
 * when its hour is. Each day's peak is found by fbk_max_hours_compute()
 * over that day's values alone, so the bars follow exactly the rule the
 * reference line does (15-minute values summed per clock hour, partial
 * hours unverified). Days without values have no bar.
 *
 * Returns: %FALSE if @year/@month is not a month
 */
gboolean
fbk_chart_daily_peaks_fill (FbkChartModel     *model,
                            const char        *label,
                            int                year,
                            int                month,
                            const FbkInterval *intervals,
                            guint              n_intervals,
                            FbkMaxHours       *out_max_hours)
{
  FbkDate first = { year, month, 1 };
  g_autoptr(GArray) values = NULL;
  g_autoptr(GArray) peaks = NULL;
  FbkMaxHours max_hours;
  FbkInstant month_start, month_end;
  FbkDate day = first;
  guint next = 0;
  g_autoptr(FbkChartLayer) bars = NULL;
  g_autoptr(FbkChartLayer) reference = NULL;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (intervals != NULL || n_intervals == 0, FALSE);

  if (!fbk_date_is_valid (first))
    return FALSE;

  month_start = fbk_time_oslo_midnight (first);
  month_end = fbk_time_oslo_midnight (fbk_date_add_months (first, 1));
  values = month_intervals (month_start, month_end, intervals, n_intervals);
  peaks = g_array_new (FALSE, FALSE, sizeof (FbkInterval));

  for (FbkInstant day_start = month_start; day_start < month_end;)
    {
      FbkInstant day_end = fbk_time_oslo_midnight (fbk_date_add_days (day, 1));
      guint run = next;
      FbkMaxHours day_peak;

      while (next < values->len && g_array_index (values, FbkInterval, next).start < day_end)
        next++;

      if (next > run &&
          fbk_max_hours_compute (&day_peak, year, month, &g_array_index (values, FbkInterval, run), next - run) &&
          day_peak.n_hours > 0)
        {
          FbkInterval bar = {
            .start = day_start,
            .duration = (guint32) (day_end - day_start),
            .flags = day_peak.hours[0].verified ? FBK_INTERVAL_VERIFIED : 0,
            .kwh = day_peak.hours[0].kwh,
          };

          g_array_append_val (peaks, bar);
        }

      day = fbk_date_add_days (day, 1);
      day_start = day_end;
    }

  fbk_max_hours_compute (&max_hours, year, month, (const FbkInterval *) (gconstpointer) values->data, values->len);

  fbk_chart_model_remove_all_series (model);
  fbk_chart_model_remove_all_layers (model);
  fbk_chart_model_set_period (model, FBK_RESOLUTION_DAY, month_start, month_end);
  fbk_chart_model_set_unit (model, FBK_CHART_UNIT_KW);
  fbk_chart_model_add_series (model, label, FBK_DIRECTION_CONSUMPTION, 0,
                              (const FbkInterval *) (gconstpointer) peaks->data, peaks->len);
  bars = fbk_chart_bars_new (0);
  fbk_chart_model_add_layer (model, bars);

  if (max_hours.n_hours > 0)
    {
      FbkChartReferenceLine average = { max_hours.average, NULL, FBK_CHART_REFERENCE_MARK };

      if (max_hours.provisional)
        /* Translators: the reference line while fewer than three days have data */
        average.label = _("Top-3 average so far");
      else
        /* Translators: the reference line, the average of the month's three
         * highest daily peaks, which sets the capacity step */
        average.label = _("Top-3 average");

      reference = fbk_chart_reference_lines_new (&average, 1);
      fbk_chart_model_add_layer (model, reference);
    }

  if (out_max_hours != NULL)
    *out_max_hours = max_hours;

  return TRUE;
}
