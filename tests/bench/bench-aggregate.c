/* bench-aggregate.c: three years of hours to days and months, three meters
 *
 * The hours are the demo household's, as the store holds them after a
 * three-year fetch; the aggregation is the one the charts and CSV use.
 *
 * Run with: meson test -C _build --benchmark --verbose aggregate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-bench.h"
#include "fbk-demo-household.h"
#include "fbk-demo-server.h"
#include "fbk-series.h"

#define RUNS     25
#define NOW_TEXT "2026-11-26T12:00:00+01:00"

static FbkSeries *
household_series (FbkDemoMeter meter,
                  FbkInstant   from,
                  FbkInstant   to)
{
  guint n = (guint) ((to - from) / FBK_SECONDS_PER_HOUR);
  g_autofree gint32 *wh = g_new (gint32, n);
  g_autoptr(GArray) hours = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), n);
  FbkSeries *series = fbk_series_new (fbk_demo_meter_get_id (meter), FBK_DIRECTION_CONSUMPTION);

  fbk_demo_household_fill_wh (FBK_DEMO_DEFAULT_SEED, meter, FBK_DIRECTION_CONSUMPTION, from, n, wh);
  for (guint i = 0; i < n; i++)
    {
      FbkInterval hour = {
        .start = from + (FbkInstant) i * FBK_SECONDS_PER_HOUR,
        .duration = FBK_SECONDS_PER_HOUR,
        .flags = FBK_INTERVAL_VERIFIED,
        .kwh = wh[i] / 1000.0,
      };

      g_array_append_val (hours, hour);
    }
  fbk_series_upsert (series, (const FbkInterval *) (gpointer) hours->data, hours->len);

  return series;
}

/* Aggregates every series to @resolution; returns the buckets made. */
static guint
aggregate_all (FbkSeries     **series,
               guint           n_series,
               FbkResolution   resolution,
               FbkInstant      from,
               FbkInstant      to)
{
  guint n_buckets = 0;

  for (guint m = 0; m < n_series; m++)
    {
      g_autoptr(FbkSeries) buckets = fbk_series_aggregate (series[m], resolution, from, to);

      n_buckets += fbk_series_get_length (buckets);
    }
  return n_buckets;
}

int
main (int   argc,
      char *argv[])
{
  FbkSeries *series[FBK_DEMO_N_METERS];
  double days[RUNS], months[RUNS], both[RUNS];
  FbkInstant now, from, to;
  guint n_hours = 0, n_days = 0, n_months = 0;

  g_assert_true (fbk_time_parse (NOW_TEXT, &now));
  to = fbk_time_oslo_midnight (fbk_time_oslo_date (now));
  from = fbk_time_add_oslo_months (to, -36);
  for (guint m = 0; m < FBK_DEMO_N_METERS; m++)
    {
      series[m] = household_series (m, from, to);
      n_hours += fbk_series_get_length (series[m]);
    }

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      n_days = aggregate_all (series, FBK_DEMO_N_METERS, FBK_RESOLUTION_DAY, from, to);
      days[i] = fbk_bench_elapsed_ms (start);
      start = g_get_monotonic_time ();
      n_months = aggregate_all (series, FBK_DEMO_N_METERS, FBK_RESOLUTION_MONTH, from, to);
      months[i] = fbk_bench_elapsed_ms (start);
      both[i] = days[i] + months[i];
    }
  g_assert_cmpuint (n_days, ==, FBK_DEMO_N_METERS * ((to - from) / 86400));
  /* Both ends are mid-month: 37 months, two of them partial. */
  g_assert_cmpuint (n_months, ==, FBK_DEMO_N_METERS * 37);

  g_print ("%u hours of %u meters over three years\n", n_hours, FBK_DEMO_N_METERS);
  fbk_bench_report ("to days (3 meters)", days, RUNS, "ms");
  fbk_bench_report ("to months (3 meters)", months, RUNS, "ms");
  fbk_bench_report ("to days and months (3 meters)", both, RUNS, "ms");

  for (guint m = 0; m < FBK_DEMO_N_METERS; m++)
    g_object_unref (series[m]);

  return 0;
}
