/* fbk-chart-daily-peaks.c: a month's daily peak hours, ready to chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-daily-peaks"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-chart-daily-peaks.h"
#include "fbk-format.h"

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

/* "Highest hour 18:00–19:00", for the tooltip of a day's bar. */
static char *
describe_peak_hour (const FbkMaxHour *hour)
{
  g_autofree char *from = fbk_format_instant (hour->start, C_("peak hour", "%H:%M"));
  g_autofree char *until = fbk_format_instant (hour->end, C_("peak hour", "%H:%M"));

  /* Translators: in a day's tooltip on the daily peaks chart: the clock
   * hour of the day's highest value. */
  return g_strdup_printf (_("Highest hour %s–%s"), from, until);
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
  g_autoptr(FbkChartLayer) notes = NULL;
  g_autoptr(GPtrArray) hour_notes = g_ptr_array_new_with_free_func (g_free);

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
          g_ptr_array_add (hour_notes, describe_peak_hour (&day_peak.hours[0]));
        }
      else
        g_ptr_array_add (hour_notes, NULL);

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
  notes = fbk_chart_notes_new ((const char * const *) hour_notes->pdata, hour_notes->len);
  fbk_chart_model_add_layer (model, notes);

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

static char *
step_start_label (guint step)
{
  /* Translators: a line on the daily peaks chart where a capacity step
   * begins; its value follows, "Step 3: 5.00 kW". */
  return g_strdup_printf (_("Step %u"), step);
}

/**
 * fbk_chart_daily_peaks_add_steps:
 * @model: a model made by fbk_chart_daily_peaks_fill()
 * @max_hours: the month's three peak hours, as that gave them
 * @table: (nullable): the capacity table in force for the month
 * @counting_label: what the legend calls the three days that count
 *
 * Marks the three days whose hours set the step (a highlight layer over
 * their bars) and, with @table, the limits of the step the average is in
 * as lines named by the steps they start.
 */
void
fbk_chart_daily_peaks_add_steps (FbkChartModel        *model,
                                 const FbkMaxHours    *max_hours,
                                 const FbkTariffTable *table,
                                 const char           *counting_label)
{
  g_autoptr(FbkChartLayer) highlight = NULL;
  FbkChartReferenceLine limits[2];
  g_autofree char *lower_label = NULL;
  g_autofree char *upper_label = NULL;
  guint counting[FBK_MAX_HOURS_PER_MONTH];
  guint n_counting = 0;
  guint n_limits = 0;
  guint step;

  g_return_if_fail (FBK_IS_CHART_MODEL (model));
  g_return_if_fail (max_hours != NULL);

  for (guint i = 0; i < max_hours->n_hours; i++)
    {
      if (fbk_chart_model_find_bucket (model, max_hours->hours[i].start, &counting[n_counting]))
        n_counting++;
    }
  highlight = fbk_chart_highlight_new (0, counting, n_counting, counting_label);
  fbk_chart_model_add_layer (model, highlight);

  if (table == NULL)
    return;

  step = fbk_tariff_table_find_step (table, max_hours->average);
  if (step > 1)
    {
      lower_label = step_start_label (step);
      limits[n_limits++] = (FbkChartReferenceLine) { fbk_tariff_table_get_step (table, step)->lower,
                                                     lower_label, FBK_CHART_REFERENCE_LIMIT };
    }
  if (step < table->n_steps)
    {
      upper_label = step_start_label (step + 1);
      limits[n_limits++] = (FbkChartReferenceLine) { fbk_tariff_table_get_step (table, step + 1)->lower,
                                                     upper_label, FBK_CHART_REFERENCE_LIMIT };
    }
  if (n_limits > 0)
    {
      g_autoptr(FbkChartLayer) layer = fbk_chart_reference_lines_new (limits, n_limits);

      fbk_chart_model_add_layer (model, layer);
    }
}
