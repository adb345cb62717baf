/* test-chart-daily-peaks.c: a month's daily peak hours as a chart model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "fbk-chart-daily-peaks.h"
#include "fbk-chart-renderer.h"

static FbkInstant
at (const char *text)
{
  FbkInstant instant = 0;

  if (!fbk_time_parse (text, &instant))
    g_error ("bad time in test: %s", text);
  return instant;
}

/* Every clock hour in [@from, @to) at @kwh, verified, newest first (the
 * helper must not rely on order). */
static GArray *
hours_between (const char *from,
               const char *to,
               double      kwh)
{
  GArray *hours = g_array_new (FALSE, FALSE, sizeof (FbkInterval));

  for (FbkInstant hour = at (to) - 3600; hour >= at (from); hour -= 3600)
    {
      FbkInterval interval = { hour, 3600, FBK_INTERVAL_VERIFIED, kwh };

      g_array_append_val (hours, interval);
    }

  return hours;
}

static FbkInterval *
find_hour (GArray     *hours,
           FbkInstant  start)
{
  for (guint i = 0; i < hours->len; i++)
    {
      if (g_array_index (hours, FbkInterval, i).start == start)
        return &g_array_index (hours, FbkInterval, i);
    }

  g_error ("no hour at %" G_GINT64_FORMAT, start);
}

static void
set_hour (GArray     *hours,
          const char *start,
          double      kwh,
          gboolean    verified)
{
  FbkInterval *interval = find_hour (hours, at (start));

  interval->kwh = kwh;
  interval->flags = verified ? FBK_INTERVAL_VERIFIED : 0;
}

static void
remove_range (GArray     *hours,
              FbkInstant  from,
              FbkInstant  to)
{
  for (guint i = hours->len; i > 0; i--)
    {
      FbkInstant start = g_array_index (hours, FbkInterval, i - 1).start;

      if (start >= from && start < to)
        g_array_remove_index (hours, i - 1);
    }
}

static void
add_interval (GArray     *intervals,
              const char *start,
              guint32     duration,
              double      kwh,
              gboolean    verified)
{
  FbkInterval interval = { at (start), duration, verified ? FBK_INTERVAL_VERIFIED : 0, kwh };

  g_array_append_val (intervals, interval);
}

/* The chart's reference line, drawn by its reference-lines layer. */
static gboolean
get_reference (FbkChartModel  *model,
               double         *out_value,
               const char    **out_label)
{
  for (guint i = 0; i < fbk_chart_model_get_n_layers (model); i++)
    {
      FbkChartLayer *layer = fbk_chart_model_get_layer (model, i);
      const FbkChartReferenceLine *lines;
      guint n_lines;

      if (g_strcmp0 (fbk_chart_layer_get_name (layer), "reference-lines") != 0)
        continue;

      lines = fbk_chart_reference_lines_get_lines (layer, &n_lines);
      g_assert_cmpuint (n_lines, ==, 1);
      if (out_value != NULL)
        *out_value = lines[0].value;
      if (out_label != NULL)
        *out_label = lines[0].label;
      return TRUE;
    }

  return FALSE;
}

static void
assert_bar (FbkChartModel *model,
            const char    *day_start,
            const char    *day_end,
            double         kwh,
            gboolean       verified)
{
  guint bucket;
  double value;
  FbkIntervalFlags flags;

  g_assert_true (fbk_chart_model_find_bucket (model, at (day_start), &bucket));
  g_assert_cmpint (fbk_chart_model_get_bucket_start (model, bucket), ==, at (day_start));
  g_assert_cmpint (fbk_chart_model_get_bucket_end (model, bucket), ==, at (day_end));
  g_assert_true (fbk_chart_model_get_value (model, 0, bucket, &value, &flags));
  g_assert_cmpfloat_with_epsilon (value, kwh, 1e-9);
  g_assert_cmpint (!!(flags & FBK_INTERVAL_VERIFIED), ==, verified);
}

/* March 2024: the clocks go forward on the 31st, a 23-hour day. One day
 * has no values, one peak comes in quarter hours, one is unverified,
 * and values outside the month must not leak in. */
static void
test_march (void)
{
  g_autoptr(FbkChartModel) model = fbk_chart_model_new ();
  g_autoptr(GArray) hours = hours_between ("2024-03-01T00:00:00+01:00", "2024-04-01T00:00:00+02:00", 1.0);
  FbkInterval old = { at ("2023-01-01T00:00:00+01:00"), 3600, 0, 1.0 };
  const char *reference_label;
  double reference;
  FbkMaxHours max_hours;
  guint bucket;

  /* What was there before goes. */
  fbk_chart_model_add_series (model, "Old", FBK_DIRECTION_PRODUCTION, 3, &old, 1);

  g_assert_cmpuint (hours->len, ==, 31 * 24 - 1);
  set_hour (hours, "2024-03-05T14:00:00+01:00", 4.0, TRUE);
  set_hour (hours, "2024-03-05T15:00:00+01:00", 3.9, TRUE);
  set_hour (hours, "2024-03-12T08:00:00+01:00", 6.0, FALSE);
  /* An unverified hour that is not the day's peak leaves the bar verified. */
  set_hour (hours, "2024-03-06T03:00:00+01:00", 0.5, FALSE);
  /* The 31st's last hour; the day has no 02:00. */
  set_hour (hours, "2024-03-31T23:00:00+02:00", 3.0, TRUE);
  remove_range (hours, at ("2024-03-02T00:00:00+01:00"), at ("2024-03-03T00:00:00+01:00"));
  /* The 20th at 18:00 in quarter hours: 5 kWh in the clock hour. */
  remove_range (hours, at ("2024-03-20T18:00:00+01:00"), at ("2024-03-20T19:00:00+01:00"));
  add_interval (hours, "2024-03-20T18:00:00+01:00", 900, 1.0, TRUE);
  add_interval (hours, "2024-03-20T18:15:00+01:00", 900, 2.0, TRUE);
  add_interval (hours, "2024-03-20T18:30:00+01:00", 900, 1.5, TRUE);
  add_interval (hours, "2024-03-20T18:45:00+01:00", 900, 0.5, TRUE);
  add_interval (hours, "2024-02-29T23:00:00+01:00", 3600, 50.0, TRUE);
  add_interval (hours, "2024-04-01T00:00:00+02:00", 3600, 60.0, TRUE);

  g_assert_true (fbk_chart_daily_peaks_fill (model, "House", 2024, 3,
                                             (const FbkInterval *) (gconstpointer) hours->data, hours->len,
                                             &max_hours));

  g_assert_cmpint (fbk_chart_model_get_resolution (model), ==, FBK_RESOLUTION_DAY);
  g_assert_cmpint (fbk_chart_model_get_unit (model), ==, FBK_CHART_UNIT_KW);
  g_assert_cmpuint (fbk_chart_model_get_n_series (model), ==, 1);
  g_assert_cmpstr (fbk_chart_model_get_series_label (model, 0), ==, "House");
  g_assert_cmpint (fbk_chart_model_get_series_direction (model, 0), ==, FBK_DIRECTION_CONSUMPTION);
  g_assert_cmpuint (fbk_chart_model_get_n_buckets (model), ==, 31);
  g_assert_cmpint (fbk_chart_model_get_bucket_start (model, 0), ==, at ("2024-03-01T00:00:00+01:00"));
  g_assert_cmpint (fbk_chart_model_get_bucket_end (model, 30), ==, at ("2024-04-01T00:00:00+02:00"));

  assert_bar (model, "2024-03-01T00:00:00+01:00", "2024-03-02T00:00:00+01:00", 1.0, TRUE);
  assert_bar (model, "2024-03-05T00:00:00+01:00", "2024-03-06T00:00:00+01:00", 4.0, TRUE);
  assert_bar (model, "2024-03-06T00:00:00+01:00", "2024-03-07T00:00:00+01:00", 1.0, TRUE);
  assert_bar (model, "2024-03-12T00:00:00+01:00", "2024-03-13T00:00:00+01:00", 6.0, FALSE);
  assert_bar (model, "2024-03-20T00:00:00+01:00", "2024-03-21T00:00:00+01:00", 5.0, TRUE);
  /* 23 hours long, and its peak is in it. */
  assert_bar (model, "2024-03-31T00:00:00+01:00", "2024-04-01T00:00:00+02:00", 3.0, TRUE);
  g_assert_cmpint (at ("2024-04-01T00:00:00+02:00") - at ("2024-03-31T00:00:00+01:00"), ==, 23 * 3600);

  /* The day without values has no bar. */
  g_assert_true (fbk_chart_model_find_bucket (model, at ("2024-03-02T12:00:00+01:00"), &bucket));
  g_assert_false (fbk_chart_model_get_value (model, 0, bucket, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (fbk_chart_model_get_series_max (model, 0, 0, 31), 6.0, 1e-9);

  /* The top three days, not the top three hours (the 5th has two). */
  g_assert_true (get_reference (model, &reference, &reference_label));
  g_assert_cmpfloat_with_epsilon (reference, (6.0 + 5.0 + 4.0) / 3, 1e-9);
  g_assert_cmpstr (reference_label, ==, "Top-3 average");
  g_assert_cmpuint (max_hours.n_hours, ==, 3);
  g_assert_cmpint (max_hours.hours[0].start, ==, at ("2024-03-12T08:00:00+01:00"));
  g_assert_false (max_hours.hours[0].verified);
  g_assert_cmpfloat_with_epsilon (max_hours.average, reference, 1e-12);
}

/* October 2024: the clocks go back on the 27th, a 25-hour day whose peak
 * is the second 02:00. Two days of data only: the average is provisional
 * and says so. */
static void
test_october_provisional (void)
{
  g_autoptr(FbkChartModel) model = fbk_chart_model_new ();
  g_autoptr(GArray) hours = hours_between ("2024-10-27T00:00:00+02:00", "2024-10-28T00:00:00+01:00", 0.8);
  const char *reference_label;
  double reference;
  FbkMaxHours max_hours;

  g_assert_cmpuint (hours->len, ==, 25);
  set_hour (hours, "2024-10-27T02:00:00+02:00", 2.0, TRUE);
  set_hour (hours, "2024-10-27T02:00:00+01:00", 2.5, TRUE);
  add_interval (hours, "2024-10-03T19:00:00+02:00", 3600, 1.5, FALSE);

  g_assert_true (fbk_chart_daily_peaks_fill (model, "Flat", 2024, 10,
                                             (const FbkInterval *) (gconstpointer) hours->data, hours->len,
                                             &max_hours));

  g_assert_cmpuint (fbk_chart_model_get_n_buckets (model), ==, 31);
  assert_bar (model, "2024-10-27T00:00:00+02:00", "2024-10-28T00:00:00+01:00", 2.5, TRUE);
  assert_bar (model, "2024-10-03T00:00:00+02:00", "2024-10-04T00:00:00+02:00", 1.5, FALSE);
  g_assert_cmpint (at ("2024-10-28T00:00:00+01:00") - at ("2024-10-27T00:00:00+02:00"), ==, 25 * 3600);

  g_assert_true (max_hours.provisional);
  g_assert_cmpint (max_hours.hours[0].start, ==, at ("2024-10-27T02:00:00+01:00"));
  g_assert_true (get_reference (model, &reference, &reference_label));
  g_assert_cmpfloat_with_epsilon (reference, (2.5 + 1.5) / 2, 1e-9);
  g_assert_cmpstr (reference_label, ==, "Top-3 average so far");
}

static void
test_empty_and_invalid (void)
{
  g_autoptr(FbkChartModel) model = fbk_chart_model_new ();
  FbkInterval outside = { at ("2024-03-01T00:00:00+01:00"), 3600, FBK_INTERVAL_VERIFIED, 3.0 };
  FbkMaxHours max_hours;

  {
    FbkChartReferenceLine stale = { 9.0, "Stale", FBK_CHART_REFERENCE_MARK };
    g_autoptr(FbkChartLayer) layer = fbk_chart_reference_lines_new (&stale, 1);

    fbk_chart_model_add_layer (model, layer);
  }
  g_assert_true (fbk_chart_daily_peaks_fill (model, "House", 2024, 2, &outside, 1, &max_hours));
  g_assert_cmpuint (fbk_chart_model_get_n_buckets (model), ==, 29);
  g_assert_cmpuint (fbk_chart_model_get_n_series (model), ==, 1);
  g_assert_cmpuint (fbk_chart_model_get_series_buckets (model, 0)->len, ==, 0);
  g_assert_false (get_reference (model, NULL, NULL));
  g_assert_cmpuint (max_hours.n_hours, ==, 0);

  g_assert_false (fbk_chart_daily_peaks_fill (model, "House", 2024, 13, NULL, 0, NULL));
  /* Left as it was. */
  g_assert_cmpuint (fbk_chart_model_get_n_buckets (model), ==, 29);
}

/* The three days that count and the step's limits over March's peaks
 * (6, 5, 4 on the 12th, 20th and 5th: average 5); each bar's tooltip
 * names its hour. */
static void
test_steps_and_hours (void)
{
  static const FbkTariffStep steps[] = { { 0, 2, 100 }, { 2, 5, 200 }, { 5, 10, 300 }, { 10, INFINITY, 400 } };
  const FbkTariffTable table = {
    { 2024, 1, 1 }, FBK_TARIFF_BOUNDARY_STAYS_BELOW, TRUE, "test", G_N_ELEMENTS (steps), steps,
  };
  g_autoptr(FbkChartModel) model = fbk_chart_model_new ();
  g_autoptr(GArray) hours = hours_between ("2024-03-01T00:00:00+01:00", "2024-04-01T00:00:00+02:00", 1.0);
  FbkChartHit hit = { 0 };
  g_autofree char *tooltip = NULL;
  FbkMaxHours max_hours;
  const FbkChartReferenceLine *limits = NULL;
  guint n_limits = 0;
  const guint *counting = NULL;
  guint n_counting = 0;
  guint bucket;

  set_hour (hours, "2024-03-05T14:00:00+01:00", 4.0, TRUE);
  set_hour (hours, "2024-03-12T08:00:00+01:00", 6.0, TRUE);
  set_hour (hours, "2024-03-20T18:00:00+01:00", 5.0, TRUE);
  g_assert_true (fbk_chart_daily_peaks_fill (model, "House", 2024, 3,
                                             (const FbkInterval *) (gconstpointer) hours->data, hours->len,
                                             &max_hours));
  fbk_chart_daily_peaks_add_steps (model, &max_hours, &table, "Days that count");

  /* Still one series: the three days are marked over their own bars. */
  g_assert_cmpuint (fbk_chart_model_get_n_series (model), ==, 1);
  for (guint i = 0; i < fbk_chart_model_get_n_layers (model); i++)
    {
      FbkChartLayer *layer = fbk_chart_model_get_layer (model, i);

      if (g_strcmp0 (fbk_chart_layer_get_name (layer), "highlight") == 0)
        counting = fbk_chart_highlight_get_buckets (layer, &n_counting);
    }
  g_assert_cmpuint (n_counting, ==, 3);
  /* Largest first: the 12th, the 20th, the 5th (buckets from 0). */
  g_assert_cmpuint (counting[0], ==, 11);
  g_assert_cmpuint (counting[1], ==, 19);
  g_assert_cmpuint (counting[2], ==, 4);

  /* Average 5.000 stays in step 2 by this rule: lines at 2 and 5. */
  for (guint i = 0; i < fbk_chart_model_get_n_layers (model); i++)
    {
      FbkChartLayer *layer = fbk_chart_model_get_layer (model, i);
      const FbkChartReferenceLine *lines;
      guint n;

      if (g_strcmp0 (fbk_chart_layer_get_name (layer), "reference-lines") != 0)
        continue;
      lines = fbk_chart_reference_lines_get_lines (layer, &n);
      if (lines[0].kind == FBK_CHART_REFERENCE_LIMIT)
        {
          limits = lines;
          n_limits = n;
        }
    }
  g_assert_cmpuint (n_limits, ==, 2);
  g_assert_cmpfloat (limits[0].value, ==, 2.0);
  g_assert_cmpstr (limits[0].label, ==, "Step 2");
  g_assert_cmpfloat (limits[1].value, ==, 5.0);
  g_assert_cmpstr (limits[1].label, ==, "Step 3");

  /* The 5th's tooltip names its hour, 14:00–15:00 Oslo time. */
  g_assert_true (fbk_chart_model_find_bucket (model, at ("2024-03-05T12:00:00+01:00"), &bucket));
  hit.series = 0;
  hit.bucket = bucket;
  hit.start = fbk_chart_model_get_bucket_start (model, bucket);
  hit.end = fbk_chart_model_get_bucket_end (model, bucket);
  hit.value = 4.0;
  hit.flags = FBK_INTERVAL_VERIFIED;
  tooltip = fbk_chart_describe_hit (model, &hit);
  g_assert_nonnull (strstr (tooltip, "Highest hour 14:00–15:00"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/daily-peaks/march-23-hour-day", test_march);
  g_test_add_func ("/chart/daily-peaks/october-25-hour-day", test_october_provisional);
  g_test_add_func ("/chart/daily-peaks/empty-and-invalid", test_empty_and_invalid);
  g_test_add_func ("/chart/daily-peaks/steps-and-hours", test_steps_and_hours);

  return g_test_run ();
}
