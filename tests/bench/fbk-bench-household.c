/* fbk-bench-household.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fbk-bench-household.h"

/* A household-like hourly profile: a base load, morning and evening peaks,
 * more in winter, some noise; the last days not yet verified. */
static GArray *
make_hours (FbkInstant from,
            FbkInstant to,
            double     base,
            guint32    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GArray *hours = g_array_new (FALSE, FALSE, sizeof (FbkInterval));

  for (FbkInstant t = from; t < to; t += FBK_SECONDS_PER_HOUR)
    {
      int hour = fbk_time_oslo_hour (t);
      int month = fbk_time_oslo_date (t).month;
      double season = 1.0 + 0.6 * cos ((month - 1) / 12.0 * 2 * G_PI);
      FbkInterval interval = {
        .start = t,
        .duration = FBK_SECONDS_PER_HOUR,
        .flags = to - t > 4 * 86400 ? FBK_INTERVAL_VERIFIED : 0,
        .kwh = (base + (hour >= 7 && hour <= 9 ? 1.2 : 0) + (hour >= 17 && hour <= 21 ? 1.8 : 0)
                + g_rand_double (rand)) * season,
      };

      g_array_append_val (hours, interval);
    }

  return hours;
}

FbkChartModel *
fbk_bench_household_chart (int   years,
                           guint n_meters)
{
  FbkChartModel *model = fbk_chart_model_new ();
  FbkDate end_date = { 2026, 11, 1 };
  FbkDate start_date = { 2026 - years, 11, 1 };
  FbkInstant from = fbk_time_oslo_midnight (start_date);
  FbkInstant to = fbk_time_oslo_midnight (end_date);
  FbkChartReferenceLine average = { 5.0, "Top-3 average", FBK_CHART_REFERENCE_MARK };
  g_autoptr(FbkChartLayer) stacked = fbk_chart_stacked_bars_new ();
  g_autoptr(FbkChartLayer) reference = fbk_chart_reference_lines_new (&average, 1);

  fbk_chart_model_set_period (model, FBK_RESOLUTION_HOUR, from, to);
  fbk_chart_model_set_title (model, "Benchmark");

  for (guint m = 0; m < n_meters; m++)
    {
      g_autoptr(GArray) hours = make_hours (from, to, 0.3 + 0.2 * m, m + 1);
      g_autofree char *label = g_strdup_printf ("Meter %u", m + 1);

      fbk_chart_model_add_series (model, label, FBK_DIRECTION_CONSUMPTION, m,
                                  (const FbkInterval *) (gconstpointer) hours->data, hours->len);
    }

  fbk_chart_model_add_layer (model, stacked);
  fbk_chart_model_add_layer (model, reference);
  return model;
}
