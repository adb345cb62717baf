/* test-chart.c: the chart model, renderer, hit testing and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fbk-chart-axis.h"
#include "fbk-chart-export.h"
#include "fbk-chart-format.h"
#include "fbk-chart-legend.h"
#include "fbk-chart-model-private.h"
#include "fbk-chart-renderer.h"
#include "fbk-test-chart.h"
#include "fbk-test-support.h"

#define WIDTH  FBK_TEST_CHART_WIDTH
#define HEIGHT FBK_TEST_CHART_HEIGHT

/* Helpers */

static FbkInstant
oslo_midnight (int year,
               int month,
               int day)
{
  FbkDate date = { year, month, day };

  return fbk_time_oslo_midnight (date);
}

/* Axis ticks */

static void
check_ticks (double lo,
             double hi,
             guint  max_ticks,
             double step,
             double first,
             guint  n,
             int    decimals)
{
  FbkChartTicks ticks;

  fbk_chart_nice_ticks (lo, hi, max_ticks, &ticks);
  g_assert_cmpfloat_with_epsilon (ticks.step, step, step * 1e-9);
  g_assert_cmpfloat_with_epsilon (ticks.first, first, step * 1e-9);
  g_assert_cmpuint (ticks.n, ==, n);
  g_assert_cmpint (ticks.decimals, ==, decimals);
}

static void
test_nice_ticks (void)
{
  check_ticks (0, 7.3, 6, 2, 0, 5, 0);
  check_ticks (0, 0.37, 5, 0.1, 0, 5, 1);
  check_ticks (-3.2, 8.1, 8, 2, -4, 8, 0);
  check_ticks (0, 1234, 6, 500, 0, 4, 0);
  check_ticks (0, 0.3, 4, 0.1, 0, 4, 1);       /* a bound on a tick, despite 0.3 / 0.1 > 3 */
  check_ticks (0, 0, 5, 0.5, 0, 3, 1);         /* nothing to show: 0..1 */
  check_ticks (0.012, 0.047, 5, 0.01, 0.01, 5, 2);
  check_ticks (0, 87000, 10, 10000, 0, 10, 0);
  check_ticks (-971, 848, 2, 1000, -1000, 3, 0);  /* across zero: never fewer than 3 */
}

/* For many ranges: the ticks cover the range, stay within the count, step
 * by 1, 2 or 5 times a power of ten, and include zero when it is inside. */
static void
test_nice_ticks_properties (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 2000; i++)
    {
      double scale = pow (10, g_rand_int_range (rand, -3, 6));
      double lo = g_rand_boolean (rand) ? 0.0 : -g_rand_double (rand) * scale;
      double hi = g_rand_double (rand) * scale;
      guint max_ticks = g_rand_int_range (rand, 2, 15);
      FbkChartTicks ticks;
      double last, mantissa;

      fbk_chart_nice_ticks (lo, hi, max_ticks, &ticks);
      last = ticks.first + ticks.step * (ticks.n - 1);
      mantissa = ticks.step / pow (10, floor (log10 (ticks.step) + 1e-9));

      g_assert_cmpuint (ticks.n, <=, MAX (max_ticks, lo < 0 && hi > 0 ? 3 : 2));
      g_assert_cmpuint (ticks.n, >=, 2);
      g_assert_cmpfloat (ticks.first, <=, lo + ticks.step * 1e-6);
      g_assert_cmpfloat (last, >=, hi - ticks.step * 1e-6);
      g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 || fabs (mantissa - 5) < 1e-6);
      g_assert_cmpfloat (fabs (ticks.first / ticks.step - round (ticks.first / ticks.step)), <, 1e-6);
    }
}

static void
test_time_ticks (void)
{
  FbkChartTimeStep every_third_hour = { FBK_RESOLUTION_HOUR, 3 };
  FbkChartTimeStep every_hour = { FBK_RESOLUTION_HOUR, 1 };
  FbkChartTimeStep quarters = { FBK_RESOLUTION_MONTH, 3 };
  g_autoptr(GArray) spring = NULL;
  g_autoptr(GArray) autumn = NULL;
  g_autoptr(GArray) months = NULL;
  FbkInstant parsed;

  /* 31 March 2024 has 23 hours; ticks follow the clock: 0, 3, ..., 21. */
  spring = fbk_chart_time_ticks (oslo_midnight (2024, 3, 31), oslo_midnight (2024, 4, 1), every_third_hour);
  g_assert_cmpuint (spring->len, ==, 8);
  for (guint i = 0; i < spring->len; i++)
    g_assert_cmpint (fbk_time_oslo_hour (g_array_index (spring, FbkInstant, i)), ==, 3 * i);
  g_assert_true (fbk_time_parse ("2024-03-31T01:00:00Z", &parsed));
  g_assert_cmpint (g_array_index (spring, FbkInstant, 1), ==, parsed);

  /* 27 October 2024 has 25 hours, 02:00 twice. */
  autumn = fbk_chart_time_ticks (oslo_midnight (2024, 10, 27), oslo_midnight (2024, 10, 28), every_hour);
  g_assert_cmpuint (autumn->len, ==, 25);
  g_assert_cmpint (fbk_time_oslo_hour (g_array_index (autumn, FbkInstant, 2)), ==, 2);
  g_assert_cmpint (fbk_time_oslo_hour (g_array_index (autumn, FbkInstant, 3)), ==, 2);

  /* Mid-January start: the first tick is the next quarter, April. */
  months = fbk_chart_time_ticks (oslo_midnight (2024, 1, 15), oslo_midnight (2025, 1, 1), quarters);
  g_assert_cmpuint (months->len, ==, 3);
  g_assert_cmpint (g_array_index (months, FbkInstant, 0), ==, oslo_midnight (2024, 4, 1));
  g_assert_cmpint (g_array_index (months, FbkInstant, 2), ==, oslo_midnight (2024, 10, 1));
}

/* Formatting */

/* Numbers and dates themselves: tests/unit/test-format.c */
static void
test_format (void)
{
  g_autofree char *value = fbk_chart_format_value (0.456, FBK_CHART_UNIT_KWH);
  g_autofree char *big = fbk_chart_format_value (2345.67, FBK_CHART_UNIT_KWH);
  g_autofree char *power = fbk_chart_format_value (5.2, FBK_CHART_UNIT_KW);

  /* The C locale has neither grouping nor a decimal comma. */
  g_assert_cmpstr (value, ==, "0.46 kWh");
  g_assert_cmpstr (big, ==, "2346 kWh");
  g_assert_cmpstr (power, ==, "5.20 kW");
}

/* Model */

static void
count_changed (FbkChartModel *model,
               guint         *count)
{
  (*count)++;
}

static void
test_model_changed (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (3);
  const double values[] = { 1, 2, 3 };
  guint changed = 0;

  g_signal_connect (model, "changed", G_CALLBACK (count_changed), &changed);

  fbk_chart_model_set_title (model, "Another");
  g_assert_cmpuint (changed, ==, 1);
  fbk_chart_model_set_title (model, "Another");
  g_assert_cmpuint (changed, ==, 1);

  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, values, 3, FBK_INTERVAL_VERIFIED);
  g_assert_cmpuint (changed, ==, 2);

  {
    FbkChartReferenceLine average = { 4.0, "Top-3 average", FBK_CHART_REFERENCE_MARK };
    g_autoptr(FbkChartLayer) bars = fbk_chart_bars_new (0);
    g_autoptr(FbkChartLayer) reference = fbk_chart_reference_lines_new (&average, 1);

    fbk_chart_model_add_layer (model, bars);
    g_object_set (model, "unit", FBK_CHART_UNIT_KW, NULL);
    fbk_chart_model_add_layer (model, reference);
  }
  g_assert_cmpuint (changed, ==, 5);

  fbk_chart_model_set_period (model, FBK_RESOLUTION_DAY, fbk_chart_model_get_from (model),
                              fbk_chart_model_get_to (model));
  g_assert_cmpuint (changed, ==, 5);
  fbk_chart_model_set_period (model, FBK_RESOLUTION_HOUR, fbk_chart_model_get_from (model),
                              fbk_chart_model_get_to (model));
  g_assert_cmpuint (changed, ==, 6);
  g_assert_cmpuint (fbk_chart_model_get_n_buckets (model), ==, 72);

  fbk_chart_model_remove_all_series (model);
  g_assert_cmpuint (changed, ==, 7);
  g_assert_cmpuint (fbk_chart_model_get_n_series (model), ==, 0);
}

static void
test_model_grid (void)
{
  g_autoptr(FbkChartModel) model = fbk_chart_model_new ();
  FbkInstant day = oslo_midnight (2024, 3, 4);
  FbkInterval intervals[] = {
    /* two halves of one bucket: summed, unverified as one of them is */
    { day, 3600, FBK_INTERVAL_VERIFIED, 1.0 },
    { day + 1800, 1800, 0, 0.5 },
    { day + 3 * 86400, 86400, FBK_INTERVAL_VERIFIED, 7.0 },
    /* outside the period: ignored */
    { day - 86400, 86400, FBK_INTERVAL_VERIFIED, 100.0 },
    { day + 10 * 86400, 86400, FBK_INTERVAL_VERIFIED, 100.0 },
  };
  FbkIntervalFlags flags;
  double value;
  guint bucket;

  fbk_chart_model_set_period (model, FBK_RESOLUTION_DAY, day, day + 5 * 86400);
  fbk_chart_model_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, intervals, G_N_ELEMENTS (intervals));

  g_assert_cmpuint (fbk_chart_model_get_n_buckets (model), ==, 5);
  g_assert_true (fbk_chart_model_get_value (model, 0, 0, &value, &flags));
  g_assert_cmpfloat (value, ==, 1.5);
  g_assert_cmpint (flags & FBK_INTERVAL_VERIFIED, ==, 0);
  g_assert_false (fbk_chart_model_get_value (model, 0, 1, &value, NULL));
  g_assert_cmpfloat (value, ==, 0.0);
  g_assert_true (fbk_chart_model_get_value (model, 0, 3, &value, &flags));
  g_assert_cmpint (flags & FBK_INTERVAL_VERIFIED, ==, FBK_INTERVAL_VERIFIED);

  g_assert_cmpfloat (fbk_chart_model_get_total (model, 0, 0, 5), ==, 8.5);
  g_assert_cmpfloat (fbk_chart_model_get_total (model, 0, 1, 5), ==, 7.0);
  g_assert_cmpuint (fbk_chart_model_count_unverified (model, 0, 0, 5), ==, 1);
  g_assert_cmpuint (fbk_chart_model_count_unverified (model, 0, 1, 5), ==, 0);

  g_assert_true (fbk_chart_model_find_bucket (model, day + 3 * 86400 + 5, &bucket));
  g_assert_cmpuint (bucket, ==, 3);
  g_assert_false (fbk_chart_model_find_bucket (model, day - 1, &bucket));
  g_assert_false (fbk_chart_model_find_bucket (model, day + 5 * 86400, &bucket));

  /* Input arrays are copied; a copy of the model shares nothing mutable. */
  intervals[2].kwh = 1000.0;
  {
    g_autoptr(FbkChartModel) copy = fbk_chart_model_copy (model);

    fbk_chart_model_remove_all_series (model);
    g_assert_cmpfloat (fbk_chart_model_get_total (copy, 0, 0, 5), ==, 8.5);
    g_assert_cmpuint (fbk_chart_model_get_n_buckets (copy), ==, 5);
  }
}

static void
test_model_dst_days (void)
{
  g_autoptr(FbkChartModel) hours = fbk_chart_model_new ();
  g_autoptr(FbkChartModel) days = fbk_chart_model_new ();

  fbk_chart_model_set_period (hours, FBK_RESOLUTION_HOUR, oslo_midnight (2024, 3, 31), oslo_midnight (2024, 4, 1));
  g_assert_cmpuint (fbk_chart_model_get_n_buckets (hours), ==, 23);
  fbk_chart_model_set_period (hours, FBK_RESOLUTION_HOUR, oslo_midnight (2024, 10, 27), oslo_midnight (2024, 10, 28));
  g_assert_cmpuint (fbk_chart_model_get_n_buckets (hours), ==, 25);

  fbk_chart_model_set_period (days, FBK_RESOLUTION_DAY, oslo_midnight (2024, 3, 25), oslo_midnight (2024, 4, 1));
  g_assert_cmpuint (fbk_chart_model_get_n_buckets (days), ==, 7);
  g_assert_cmpint (fbk_chart_model_get_bucket_end (days, 6) - fbk_chart_model_get_bucket_start (days, 6), ==, 23 * 3600);
  g_assert_cmpint (fbk_chart_model_get_bucket_end (days, 5) - fbk_chart_model_get_bucket_start (days, 5), ==, 24 * 3600);
}

static void
test_model_stacking (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (4);
  const double a[] = { 1, 4, 2, NAN };
  const double b[] = { 3, 1, 5, 2 };
  const double p[] = { 2, 2, 6, 1 };
  const double *tops;

  fbk_test_add_series (model, "A", FBK_DIRECTION_CONSUMPTION, 0, a, 4, FBK_INTERVAL_VERIFIED);
  fbk_test_add_series (model, "P", FBK_DIRECTION_PRODUCTION, 0, p, 4, FBK_INTERVAL_VERIFIED);
  fbk_test_add_series (model, "B", FBK_DIRECTION_CONSUMPTION, 1, b, 4, FBK_INTERVAL_VERIFIED);

  /* B stacks on A, not on the production series added between them. */
  tops = _fbk_chart_model_get_tops (model, 2);
  g_assert_cmpfloat (tops[0], ==, 4);
  g_assert_cmpfloat (tops[2], ==, 7);
  g_assert_cmpfloat (tops[3], ==, 2);

  g_assert_cmpfloat (fbk_chart_model_get_max (model, FBK_DIRECTION_CONSUMPTION, 0, 4), ==, 7);
  g_assert_cmpfloat (fbk_chart_model_get_max (model, FBK_DIRECTION_PRODUCTION, 0, 4), ==, 6);
  g_assert_cmpfloat (fbk_chart_model_get_max (model, FBK_DIRECTION_CONSUMPTION, 0, 2), ==, 5);
  g_assert_cmpfloat (fbk_chart_model_get_series_max (model, 1, 3, 4), ==, 1);
}

/* The range maximum and the min/max columns against a plain scan, over
 * sizes that straddle the blocks of the index. */
static void
test_model_ranges_and_decimation (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(FbkChartModel) model = fbk_chart_model_new ();
  FbkInstant from = oslo_midnight (2024, 1, 1);
  guint n = 1000;
  g_autofree double *a = g_new (double, n);
  g_autofree double *b = g_new (double, n);
  const FbkChartDecimation *decimation;

  for (guint i = 0; i < n; i++)
    {
      a[i] = g_rand_double_range (rand, 0, 5);
      b[i] = i % 97 == 0 ? NAN : g_rand_double_range (rand, 0, 3);
    }

  fbk_chart_model_set_period (model, FBK_RESOLUTION_HOUR, from, from + n * 3600);
  fbk_test_add_series (model, "A", FBK_DIRECTION_CONSUMPTION, 0, a, n, FBK_INTERVAL_VERIFIED);
  fbk_test_add_series (model, "B", FBK_DIRECTION_CONSUMPTION, 1, b, n, 0);

  for (guint trial = 0; trial < 300; trial++)
    {
      guint first = g_rand_int_range (rand, 0, n);
      guint end = g_rand_int_range (rand, first, n + 1);
      double expected = 0.0;

      for (guint i = first; i < end; i++)
        expected = MAX (expected, a[i] + (isnan (b[i]) ? 0 : b[i]));
      g_assert_cmpfloat (fbk_chart_model_get_max (model, FBK_DIRECTION_CONSUMPTION, first, end), ==, expected);
    }

  decimation = _fbk_chart_model_get_decimation (model, 7);
  g_assert_cmpuint (decimation->n_columns, ==, (n + 6) / 7);
  g_assert_true (decimation == _fbk_chart_model_get_decimation (model, 7));

  for (guint c = 0; c < decimation->n_columns; c++)
    {
      const FbkChartColumn *column_a = &decimation->columns[c];
      const FbkChartColumn *column_b = &decimation->columns[decimation->n_columns + c];
      double lo = G_MAXDOUBLE, hi = 0, lo_top = G_MAXDOUBLE, hi_top = 0;

      for (guint i = c * 7; i < MIN (c * 7 + 7, n); i++)
        {
          double value = isnan (b[i]) ? 0 : b[i];

          lo = MIN (lo, value);
          hi = MAX (hi, value);
          lo_top = MIN (lo_top, a[i] + value);
          hi_top = MAX (hi_top, a[i] + value);
        }

      g_assert_cmpfloat_with_epsilon (column_b->lo_value, lo, 1e-5);
      g_assert_cmpfloat_with_epsilon (column_b->hi_value, hi, 1e-5);
      g_assert_cmpfloat_with_epsilon (column_b->lo_top, lo_top, 1e-5);
      g_assert_cmpfloat_with_epsilon (column_b->hi_top, hi_top, 1e-5);
      g_assert_true (column_a->flags & FBK_INTERVAL_VERIFIED);
      g_assert_false (column_b->flags & FBK_INTERVAL_VERIFIED);
      g_assert_true (column_b->flags & FBK_CHART_BUCKET_PRESENT);
    }

  /* New data drops the cache. */
  fbk_chart_model_set_series_buckets (model, 1, NULL, 0);
  decimation = _fbk_chart_model_get_decimation (model, 7);
  g_assert_cmpfloat (decimation->columns[decimation->n_columns].hi_value, ==, 0.0);
  g_assert_false (decimation->columns[decimation->n_columns].flags & FBK_CHART_BUCKET_PRESENT);
}

/* Rendering */

static void
test_render_bars (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (8);
  const double values[] = { 1, 2, 3, NAN, 5, 0.5, 4, 2.5 };
  cairo_surface_t *surface;
  cairo_rectangle_t plot, one, five, missing_left, missing_right;
  FbkChartStyle style;
  guint32 bar, background;
  guint runs = 0;
  gboolean in_bar = FALSE;
  double row;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, values, G_N_ELEMENTS (values),
                       FBK_INTERVAL_VERIFIED);
  surface = fbk_test_render (model, &style);
  bar = fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 0);
  background = fbk_test_argb (&fbk_chart_style_get_palette (&style)->background);

  g_assert_true (fbk_chart_get_plot_area (WIDTH, HEIGHT, model, NULL, &style, &plot));
  g_assert_cmpfloat (plot.width, >, WIDTH / 2);
  g_assert_cmpfloat (plot.height, >, HEIGHT / 3);

  /* Where the data has bars there is bar colour, above them background. */
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      cairo_rectangle_t rect;

      if (isnan (values[i]))
        {
          g_assert_false (fbk_chart_get_bucket_rect (WIDTH, HEIGHT, model, NULL, &style, 0, i, &rect));
          continue;
        }

      rect = fbk_test_bucket_rect (model, &style, 0, i);
      g_assert_cmpfloat (rect.x, >=, plot.x);
      g_assert_cmpfloat (rect.x + rect.width, <=, plot.x + plot.width);
      g_assert_cmpfloat (fbk_test_share_of_color (surface, &rect, bar), ==, 1.0);
      g_assert_cmpuint (fbk_test_pixel (surface, rect.x + rect.width / 2, rect.y - 3), ==, background);
    }

  /* Heights follow the values, on one baseline. */
  one = fbk_test_bucket_rect (model, &style, 0, 0);
  five = fbk_test_bucket_rect (model, &style, 0, 4);
  g_assert_cmpfloat (fabs (five.height / one.height - 5.0), <, 0.1);
  g_assert_cmpfloat (one.y + one.height, ==, five.y + five.height);

  /* The day with no value is empty from the axis up, but for grid lines. */
  missing_left = fbk_test_bucket_rect (model, &style, 0, 2);
  missing_right = fbk_test_bucket_rect (model, &style, 0, 4);
  for (double y = plot.y + 2; y < one.y + one.height - 2; y += 1)
    {
      guint32 found = fbk_test_pixel (surface, (missing_left.x + missing_left.width + missing_right.x) / 2, y);

      if (found != background && found != fbk_test_argb (&fbk_chart_style_get_palette (&style)->grid))
        g_error ("colour %08x at y %g, where no bar is", found, y);
    }

  /* Along the row of 2.75 kWh, a run of bar colour per value above it: 3, 5, 4. */
  row = one.y + one.height - 2.75 * one.height;
  for (double x = plot.x; x < plot.x + plot.width; x += 1.0)
    {
      gboolean here = fbk_test_pixel (surface, x, row) == bar;

      if (here && !in_bar)
        runs++;
      in_bar = here;
    }
  g_assert_cmpuint (runs, ==, 3);

  cairo_surface_destroy (surface);
}

static void
test_render_dark (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (3);
  const double values[] = { 1, 2, 3 };
  cairo_surface_t *surface;
  FbkChartStyle light, dark;
  cairo_rectangle_t rect;

  fbk_chart_style_init (&light, FBK_CHART_THEME_LIGHT);
  fbk_chart_style_init (&dark, FBK_CHART_THEME_DARK);
  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, values, 3, FBK_INTERVAL_VERIFIED);
  surface = fbk_test_render (model, &dark);
  rect = fbk_test_bucket_rect (model, &dark, 0, 2);

  g_assert_cmpuint (fbk_test_pixel (surface, 2, 2), ==,
                    fbk_test_argb (&fbk_chart_style_get_palette (&dark)->background));
  g_assert_cmpuint (fbk_test_pixel (surface, rect.x + 3, rect.y + 3), ==,
                    fbk_test_series_argb (&dark, FBK_DIRECTION_CONSUMPTION, 0));
  g_assert_cmpuint (fbk_test_series_argb (&dark, FBK_DIRECTION_CONSUMPTION, 0), !=,
                    fbk_test_series_argb (&light, FBK_DIRECTION_CONSUMPTION, 0));

  cairo_surface_destroy (surface);
}

static void
test_render_stacked (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (6);
  const double a[] = { 1, 2, 3, 2, 1, 2 };
  const double b[] = { 2, 2, 1, 3, 1, 1 };
  cairo_surface_t *surface;
  cairo_rectangle_t ra, rb;
  FbkChartStyle style;
  guint32 color_a, color_b;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_test_add_series (model, "A", FBK_DIRECTION_CONSUMPTION, 0, a, 6, FBK_INTERVAL_VERIFIED);
  fbk_test_add_series (model, "B", FBK_DIRECTION_CONSUMPTION, 1, b, 6, FBK_INTERVAL_VERIFIED);
  color_a = fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 0);
  color_b = fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 1);
  g_assert_cmpuint (color_a, !=, color_b);

  /* Stacked: B sits on A in the same column. */
  surface = fbk_test_render (model, &style);
  for (guint i = 0; i < 6; i++)
    {
      ra = fbk_test_bucket_rect (model, &style, 0, i);
      rb = fbk_test_bucket_rect (model, &style, 1, i);
      g_assert_cmpfloat (rb.x, ==, ra.x);
      g_assert_cmpfloat (rb.width, ==, ra.width);
      g_assert_cmpfloat (rb.y + rb.height, ==, ra.y);
      g_assert_cmpfloat (fabs (rb.height / ra.height - b[i] / a[i]), <, 0.1);
      g_assert_cmpfloat (fbk_test_share_of_color (surface, &ra, color_a), ==, 1.0);
      g_assert_cmpfloat (fbk_test_share_of_color (surface, &rb, color_b), ==, 1.0);
    }
  cairo_surface_destroy (surface);
}

static void
test_render_production (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (3);
  const double used[] = { 2, 3, 1 };
  const double fed[] = { 1, 2, 4 };
  cairo_surface_t *surface;
  cairo_rectangle_t consumption, production;
  FbkChartStyle style;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, used, 3, FBK_INTERVAL_VERIFIED);
  fbk_test_add_series (model, "Home", FBK_DIRECTION_PRODUCTION, 0, fed, 3, FBK_INTERVAL_VERIFIED);
  surface = fbk_test_render (model, &style);

  /* Same meter, same slot: told apart by hue and by side of the axis. */
  g_assert_cmpuint (fbk_test_series_argb (&style, FBK_DIRECTION_PRODUCTION, 0), !=,
                    fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 0));
  for (guint i = 0; i < 3; i++)
    {
      consumption = fbk_test_bucket_rect (model, &style, 0, i);
      production = fbk_test_bucket_rect (model, &style, 1, i);
      g_assert_cmpfloat (production.y, ==, consumption.y + consumption.height);
      g_assert_cmpfloat (fabs (production.height / consumption.height - fed[i] / used[i]), <, 0.1);
      g_assert_cmpfloat (fbk_test_share_of_color (surface, &production,
                                                  fbk_test_series_argb (&style, FBK_DIRECTION_PRODUCTION, 0)),
                         ==, 1.0);
    }

  cairo_surface_destroy (surface);
}

/* Production alone (the window's Production view) stands on the axis
 * like consumption rather than hanging below it. */
static void
test_render_production_alone (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (3);
  const double fed[] = { 1, 2, 4 };
  cairo_surface_t *surface;
  cairo_rectangle_t bars[3];
  FbkChartStyle style;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_test_add_series (model, "Cabin", FBK_DIRECTION_PRODUCTION, 0, fed, 3, FBK_INTERVAL_VERIFIED);
  surface = fbk_test_render (model, &style);

  for (guint i = 0; i < 3; i++)
    {
      bars[i] = fbk_test_bucket_rect (model, &style, 0, i);
      g_assert_cmpfloat (fbk_test_share_of_color (surface, &bars[i],
                                                  fbk_test_series_argb (&style, FBK_DIRECTION_PRODUCTION, 0)),
                         ==, 1.0);
    }
  /* One baseline at the bottom, taller bars reaching higher. */
  g_assert_cmpfloat (bars[0].y + bars[0].height, ==, bars[2].y + bars[2].height);
  g_assert_cmpfloat (bars[2].y, <, bars[1].y);
  g_assert_cmpfloat (bars[1].y, <, bars[0].y);
  g_assert_cmpfloat (fabs (bars[2].height / bars[0].height - 4.0), <, 0.1);

  cairo_surface_destroy (surface);
}

static void
test_render_unverified (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (2);
  g_autoptr(GArray) buckets = NULL;
  g_autofree char *description = NULL;
  const double values[] = { 3, 3 };
  cairo_surface_t *surface;
  cairo_rectangle_t verified, unverified;
  FbkChartStyle style;
  guint32 bar, background;
  double share;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  buckets = fbk_test_buckets (fbk_chart_model_get_from (model), FBK_RESOLUTION_DAY, values, 2,
                              FBK_INTERVAL_VERIFIED);
  g_array_index (buckets, FbkInterval, 1).flags = 0;
  fbk_chart_model_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0,
                              (const FbkInterval *) (gconstpointer) buckets->data, buckets->len);
  surface = fbk_test_render (model, &style);
  bar = fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 0);
  background = fbk_test_argb (&fbk_chart_style_get_palette (&style)->background);

  verified = fbk_test_bucket_rect (model, &style, 0, 0);
  unverified = fbk_test_bucket_rect (model, &style, 0, 1);
  g_assert_cmpfloat (verified.height, ==, unverified.height);
  g_assert_cmpfloat (fbk_test_share_of_color (surface, &verified, bar), ==, 1.0);

  /* Striped: plenty of bar colour, and background showing through. */
  share = fbk_test_share_of_color (surface, &unverified, bar);
  g_assert_cmpfloat (share, >, 0.2);
  g_assert_cmpfloat (share, <, 0.8);
  g_assert_cmpfloat (fbk_test_share_of_color (surface, &unverified, background), >, 0.05);

  description = fbk_chart_describe (model, NULL);
  g_assert_nonnull (strstr (description, "1 value is not yet verified"));

  cairo_surface_destroy (surface);
}

/* Three years of hours on 800 pixels: min/max columns keep a single
 * peak hour visible and leave the rest at the base level. */
static void
test_render_decimated (void)
{
  g_autoptr(FbkChartModel) model = fbk_chart_model_new ();
  FbkInstant from = oslo_midnight (2022, 1, 1);
  FbkInstant to = oslo_midnight (2025, 1, 1);
  guint n = (guint) ((to - from) / 3600);
  guint peak = n / 3 + 5;
  g_autofree double *values = g_new (double, n);
  cairo_surface_t *surface;
  cairo_rectangle_t at_peak, beside, elsewhere;
  FbkChartStyle style;
  FbkChartHit hit;
  guint32 background, bar;

  for (guint i = 0; i < n; i++)
    values[i] = i == peak ? 10.0 : 1.0;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_chart_model_set_period (model, FBK_RESOLUTION_HOUR, from, to);
  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, values, n, FBK_INTERVAL_VERIFIED);
  surface = fbk_test_render (model, &style);
  background = fbk_test_argb (&fbk_chart_style_get_palette (&style)->background);
  bar = fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 0);

  /* The peak's neighbour shares its column: same x, its own height. */
  at_peak = fbk_test_bucket_rect (model, &style, 0, peak);
  beside = fbk_test_bucket_rect (model, &style, 0, peak + 1);
  g_assert_cmpfloat (at_peak.x, ==, beside.x);
  g_assert_cmpfloat (fabs (at_peak.height / beside.height - 10), <, 0.5);

  /* Near the top of the peak there is colour in that column only. */
  elsewhere = fbk_test_bucket_rect (model, &style, 0, peak + n / 4);
  g_assert_cmpuint (fbk_test_pixel (surface, at_peak.x + at_peak.width / 2, at_peak.y + 2), !=, background);
  g_assert_cmpuint (fbk_test_pixel (surface, elsewhere.x + elsewhere.width / 2, at_peak.y + 2), ==, background);
  /* Below the common level, full colour everywhere. */
  g_assert_cmpuint (fbk_test_pixel (surface, elsewhere.x + elsewhere.width / 2, beside.y + beside.height - 2),
                    ==, bar);

  /* Pointing at the peak's column finds the peak hour. */
  g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style,
                                     at_peak.x + at_peak.width / 2, at_peak.y + 2, &hit));
  g_assert_cmpuint (hit.bucket, ==, peak);
  g_assert_cmpfloat (hit.value, ==, 10.0);
  g_assert_cmpint (hit.end - hit.start, ==, 3600);

  cairo_surface_destroy (surface);
}

/* A year of hours: bars far too thin to aim at, so the pointer anywhere
 * over a column points at its tallest hour, and the legend says what the
 * lighter part of a column is. */
static void
test_dense_pointing (void)
{
  g_autoptr(FbkChartModel) model = fbk_chart_model_new ();
  FbkInstant from = oslo_midnight (2025, 1, 1);
  FbkInstant to = oslo_midnight (2026, 1, 1);
  guint n = (guint) ((to - from) / 3600);
  guint peak = n / 2 + 7;
  g_autofree double *values = g_new (double, n);
  FbkChartLayout *layout;
  cairo_rectangle_t plot, at_peak, elsewhere;
  FbkChartStyle style;
  FbkChartHit hit;
  gboolean explained = FALSE;

  for (guint i = 0; i < n; i++)
    values[i] = i == peak ? 10.0 : 1.0;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_chart_model_set_period (model, FBK_RESOLUTION_HOUR, from, to);
  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, values, n, FBK_INTERVAL_VERIFIED);
  g_assert_true (fbk_chart_get_plot_area (WIDTH, HEIGHT, model, NULL, &style, &plot));

  /* Near the top of the plot, far above a column of 1 kWh hours. */
  elsewhere = fbk_test_bucket_rect (model, &style, 0, n / 4);
  g_assert_cmpfloat (elsewhere.y - (plot.y + 4), >, 20);
  g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style,
                                     elsewhere.x + elsewhere.width / 2, plot.y + 4, &hit));
  g_assert_cmpfloat (hit.value, ==, 1.0);
  g_assert_cmpint (hit.end - hit.start, ==, 3600);

  /* Over the peak's column, wherever in its height: the peak. */
  at_peak = fbk_test_bucket_rect (model, &style, 0, peak);
  g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style,
                                     at_peak.x + at_peak.width / 2, plot.y + 1, &hit));
  g_assert_cmpuint (hit.bucket, ==, peak);
  g_assert_cmpfloat (hit.value, ==, 10.0);

  layout = fbk_chart_layout_new (WIDTH, HEIGHT, model, NULL, &style);
  for (guint i = 0; i < layout->legend->len; i++)
    {
      FbkChartLegendEntry *entry = &g_array_index (layout->legend, FbkChartLegendEntry, i);

      explained |= g_str_has_prefix (pango_layout_get_text (entry->text), "Lighter:");
    }
  g_assert_true (explained);
  fbk_chart_layout_unref (layout);
}

/* Min/max columns, stacked: an unverified series on top of a verified
 * one is striped where it shows, and only there; the verified series'
 * own spread, seen through the stack, stays plain. */
static void
test_render_decimated_unverified (void)
{
  g_autoptr(FbkChartModel) model = fbk_chart_model_new ();
  FbkInstant from = oslo_midnight (2024, 1, 1);
  guint n = 24 * 120;
  g_autofree double *home = g_new (double, n);
  g_autofree double *cabin = g_new (double, n);
  cairo_surface_t *surface;
  cairo_rectangle_t full;
  FbkChartStyle style;
  guint32 background, plain;
  guint background_in_home = 0, background_in_cabin = 0, other_in_home = 0;
  double bottom, per_kwh;

  /* Home swings between 1 and 5 kWh every hour; the cabin adds 1. */
  for (guint i = 0; i < n; i++)
    {
      home[i] = i % 2 == 0 ? 1.0 : 5.0;
      cabin[i] = 1.0;
    }

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_chart_model_set_period (model, FBK_RESOLUTION_HOUR, from, from + (FbkInstant) n * 3600);
  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, home, n, FBK_INTERVAL_VERIFIED);
  fbk_test_add_series (model, "Cabin", FBK_DIRECTION_CONSUMPTION, 1, cabin, n, 0);
  surface = fbk_test_render (model, &style);
  background = fbk_test_argb (&fbk_chart_style_get_palette (&style)->background);

  /* Home's 5 kWh bucket spans 0..5 kWh of its column. */
  full = fbk_test_bucket_rect (model, &style, 0, n / 2 + 1);
  bottom = full.y + full.height;
  per_kwh = full.height / 5.0;
  plain = fbk_test_pixel (surface, full.x + 0.5, bottom - 3.5 * per_kwh);
  g_assert_cmpuint (plain, !=, background);

  for (double x = full.x + 0.5; x < full.x + 40; x += 1.0)
    {
      /* 2.5..4.5 kWh: Home's faded spread, above the cabin's lowest. */
      for (double y = bottom - 4.5 * per_kwh; y < bottom - 2.5 * per_kwh; y += 1.0)
        {
          guint32 color = fbk_test_pixel (surface, x, y);

          background_in_home += color == background;
          other_in_home += color != plain;
        }
      /* 5.2..5.8 kWh: the cabin's own spread, striped. */
      for (double y = bottom - 5.8 * per_kwh; y < bottom - 5.2 * per_kwh; y += 1.0)
        background_in_cabin += fbk_test_pixel (surface, x, y) == background;
    }

  g_assert_cmpuint (background_in_home, ==, 0);
  g_assert_cmpuint (other_in_home, ==, 0);
  g_assert_cmpuint (background_in_cabin, >, 10);

  cairo_surface_destroy (surface);
}

/* On a phone-wide chart the totals move under the title, taking a line
 * from the plot, rather than cutting the title to a few letters. */
static void
test_render_narrow_header (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (3);
  const double used[] = { 1234.5, 2345.6, 3456.7 };
  const double produced[] = { 123.4, 234.5, 345.6 };
  cairo_rectangle_t wide, narrow, narrower;
  FbkChartStyle style;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_chart_model_set_title (model, "Electricity use");
  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, used, 3, FBK_INTERVAL_VERIFIED);
  fbk_test_add_series (model, "Home", FBK_DIRECTION_PRODUCTION, 0, produced, 3, FBK_INTERVAL_VERIFIED);

  g_assert_true (fbk_chart_get_plot_area (WIDTH, HEIGHT, model, NULL, &style, &wide));
  g_assert_true (fbk_chart_get_plot_area (360, HEIGHT, model, NULL, &style, &narrow));
  g_assert_true (fbk_chart_get_plot_area (300, HEIGHT, model, NULL, &style, &narrower));
  g_assert_cmpfloat (narrow.y - wide.y, >, 10.0);
  g_assert_cmpfloat (narrow.y - wide.y, <, 25.0);
  g_assert_cmpfloat (narrower.y, ==, narrow.y);
}

/* On a phone-wide chart a legend entry wider than a row (a long name)
 * takes a second line from the plot rather than losing its middle, and
 * never a third: longer still, it is shortened. */
static void
plot_with_name (const char        *name,
                cairo_rectangle_t *out_plot)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (3);
  const double used[] = { 12.3, 23.4, 34.5 };
  FbkChartStyle style;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_test_add_series (model, name, FBK_DIRECTION_CONSUMPTION, 0, used, 3, FBK_INTERVAL_VERIFIED);
  g_assert_true (fbk_chart_get_plot_area (360, HEIGHT, model, NULL, &style, out_plot));
}

static void
test_render_narrow_legend (void)
{
  g_autofree char *longer = g_strnfill (400, 'x');
  cairo_rectangle_t short_name, long_name, longer_name;

  plot_with_name ("Home", &short_name);
  /* About 80 characters: two rows of a 360 px chart, not one. */
  plot_with_name ("Same period last year, Dec 2, 2025, 00:00 – Dec 8, 2025, 10:00: 405 kWh, 63.1 kWh a day",
                  &long_name);
  plot_with_name (longer, &longer_name);

  /* One line of legend text is between 10 and 25 px high at scale 1. */
  g_assert_cmpfloat (short_name.height - long_name.height, >, 10.0);
  g_assert_cmpfloat (short_name.height - long_name.height, <, 25.0);
  g_assert_cmpfloat (longer_name.height, ==, long_name.height);
}

static void
test_render_empty (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (3);
  g_autofree char *description = NULL;
  cairo_surface_t *surface;
  FbkChartStyle style;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  surface = fbk_test_render (model, &style);
  g_assert_false (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style, WIDTH / 2, HEIGHT / 2, NULL));
  cairo_surface_destroy (surface);

  description = fbk_chart_describe (model, NULL);
  g_assert_nonnull (strstr (description, "No data"));
}

/* Hit testing */

static void
test_hit_test (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (5);
  const double a[] = { 1, 2, 3, 2, 1 };
  const double b[] = { 2, 1, 1, 3, NAN };
  cairo_rectangle_t plot, rect;
  FbkChartStyle style;
  FbkChartHit hit;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_test_add_series (model, "A", FBK_DIRECTION_CONSUMPTION, 0, a, 5, FBK_INTERVAL_VERIFIED);
  fbk_test_add_series (model, "B", FBK_DIRECTION_CONSUMPTION, 1, b, 5, 0);
  g_assert_true (fbk_chart_get_plot_area (WIDTH, HEIGHT, model, NULL, &style, &plot));

  for (guint i = 0; i < 5; i++)
    for (guint s = 0; s < 2; s++)
      {
        const double *values = s == 0 ? a : b;

        if (isnan (values[i]))
          continue;

        rect = fbk_test_bucket_rect (model, &style, s, i);
        g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style,
                                           rect.x + rect.width / 2, rect.y + rect.height / 2, &hit));
        g_assert_cmpuint (hit.series, ==, s);
        g_assert_cmpuint (hit.bucket, ==, i);
        g_assert_cmpint (hit.start, ==, oslo_midnight (2024, 3, 4 + i));
        g_assert_cmpint (hit.end, ==, oslo_midnight (2024, 3, 5 + i));
        g_assert_cmpfloat (hit.value, ==, values[i]);
        g_assert_cmpint (hit.flags & FBK_INTERVAL_VERIFIED, ==, s == 0 ? FBK_INTERVAL_VERIFIED : 0);
      }

  /* Well above a stack, and outside the plot: nothing. */
  rect = fbk_test_bucket_rect (model, &style, 1, 0);
  g_assert_false (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style,
                                      rect.x + rect.width / 2, rect.y - 20, &hit));
  g_assert_false (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style, plot.x - 5, plot.y + plot.height / 2, &hit));
  g_assert_false (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style, WIDTH / 2, 2, &hit));
}

/* Hours of the day the clocks go back, then the day of the week they
 * go forward: every bucket keeps its own, exact period. */
static void
test_hit_test_dst (void)
{
  g_autoptr(FbkChartModel) hours = fbk_chart_model_new ();
  g_autoptr(FbkChartModel) days = fbk_chart_model_new ();
  g_autoptr(GArray) hourly = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
  FbkInstant autumn = oslo_midnight (2024, 10, 27);
  FbkInstant spring_week = oslo_midnight (2024, 3, 25);
  double values[25];
  cairo_rectangle_t rect;
  FbkChartStyle style;
  FbkChartHit hit;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = 1.0 + i % 4;
  fbk_chart_model_set_period (hours, FBK_RESOLUTION_HOUR, autumn, autumn + 25 * 3600);
  fbk_test_add_series (hours, "Home", FBK_DIRECTION_CONSUMPTION, 0, values, 25, FBK_INTERVAL_VERIFIED);
  g_assert_cmpuint (fbk_chart_model_get_n_buckets (hours), ==, 25);

  for (guint i = 2; i <= 3; i++)
    {
      g_autofree char *when = NULL;

      rect = fbk_test_bucket_rect (hours, &style, 0, i);
      g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, hours, NULL, &style,
                                         rect.x + rect.width / 2, rect.y + rect.height / 2, &hit));
      g_assert_cmpuint (hit.bucket, ==, i);
      g_assert_cmpint (hit.start, ==, autumn + i * 3600);
      g_assert_cmpint (hit.end - hit.start, ==, 3600);
      g_assert_cmpint (fbk_time_oslo_hour (hit.start), ==, 2);
      g_assert_cmpfloat (hit.value, ==, values[i]);

      when = fbk_format_period (hit.start, hit.end, FBK_RESOLUTION_HOUR);
      g_assert_true (g_str_has_suffix (when, i == 2 ? "CEST" : "CET"));
    }

  /* Daily buckets from hourly values: 31 March has 23 of them. */
  for (FbkInstant t = spring_week; t < spring_week + 7 * 86400 - 3600; t += 3600)
    {
      FbkInterval interval = { t, 3600, FBK_INTERVAL_VERIFIED, 1.0 };

      g_array_append_val (hourly, interval);
    }
  fbk_chart_model_set_period (days, FBK_RESOLUTION_DAY, spring_week, oslo_midnight (2024, 4, 1));
  fbk_chart_model_add_series (days, "Home", FBK_DIRECTION_CONSUMPTION, 0,
                              (const FbkInterval *) (gconstpointer) hourly->data, hourly->len);

  rect = fbk_test_bucket_rect (days, &style, 0, 6);
  g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, days, NULL, &style,
                                     rect.x + rect.width / 2, rect.y + rect.height / 2, &hit));
  g_assert_cmpuint (hit.bucket, ==, 6);
  g_assert_cmpint (hit.start, ==, oslo_midnight (2024, 3, 31));
  g_assert_cmpint (hit.end - hit.start, ==, 23 * 3600);
  g_assert_cmpfloat (hit.value, ==, 23.0);

  /* Every day is as wide as the others, the short one included. */
  g_assert_cmpfloat (fabs (fbk_test_bucket_rect (days, &style, 0, 6).width - fbk_test_bucket_rect (days, &style, 0, 5).width),
                     <=, 1.0);
}

static void
test_viewport (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (10);
  const double values[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  FbkChartViewport viewport = { oslo_midnight (2024, 3, 8), oslo_midnight (2024, 3, 10) };
  cairo_rectangle_t plot;
  FbkChartStyle style;
  FbkChartHit hit;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, values, 10, FBK_INTERVAL_VERIFIED);
  g_assert_true (fbk_chart_get_plot_area (WIDTH, HEIGHT, model, &viewport, &style, &plot));

  /* Zoomed to two days: the left half is the 8th, the right the 9th. */
  g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, model, &viewport, &style,
                                     plot.x + plot.width / 4, plot.y + plot.height - 3, &hit));
  g_assert_cmpuint (hit.bucket, ==, 4);
  g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, model, &viewport, &style,
                                     plot.x + plot.width * 3 / 4, plot.y + plot.height - 3, &hit));
  g_assert_cmpuint (hit.bucket, ==, 5);

  {
    g_autofree char *description = fbk_chart_describe (model, &viewport);

    g_assert_nonnull (strstr (description, "8 Mar 2024 – 9 Mar 2024"));
    g_assert_nonnull (strstr (description, "11.0 kWh in total"));
    g_assert_nonnull (strstr (description, "highest 6.00 kWh, Saturday 9 March 2024"));
  }
}

static void
test_describe (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (3);
  const double used[] = { 10, 30, 20 };
  const double fed[] = { 1, 2, 4 };
  g_autofree char *description = NULL;

  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, used, 3, FBK_INTERVAL_VERIFIED);
  fbk_test_add_series (model, "Cabin", FBK_DIRECTION_PRODUCTION, 1, fed, 3, FBK_INTERVAL_VERIFIED);
  {
    FbkChartReferenceLine average = { 25.0, "Top-3 average", FBK_CHART_REFERENCE_MARK };
    g_autoptr(FbkChartLayer) stacked = fbk_chart_stacked_bars_new ();
    g_autoptr(FbkChartLayer) reference = fbk_chart_reference_lines_new (&average, 1);

    fbk_chart_model_add_layer (model, stacked);
    fbk_chart_model_add_layer (model, reference);
  }
  description = fbk_chart_describe (model, NULL);

  g_assert_true (g_str_has_prefix (description, "Test. Electricity from 4 Mar 2024 – 6 Mar 2024, in kWh."));
  g_assert_nonnull (strstr (description, "One bar per day."));
  g_assert_nonnull (strstr (description, "Home, consumption: 60.0 kWh in total; highest 30.0 kWh, Tuesday 5 March 2024."));
  g_assert_nonnull (strstr (description, "Cabin, production: 7.00 kWh in total; highest 4.00 kWh, Wednesday 6 March 2024."));
  g_assert_nonnull (strstr (description, "Reference line: Top-3 average, 25.0 kWh."));
  g_assert_null (strstr (description, "verified"));
}

/* Export */

static char *
temp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("forbruk-chart-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_remove (path);
  g_rmdir (dir);
}

static FbkChartModel *
export_model (void)
{
  FbkChartModel *model = fbk_test_days_model (7);
  const double values[] = { 3, 5, 2, 6, 4, 7, 1 };

  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, values, 7, FBK_INTERVAL_VERIFIED);
  return model;
}

static void
check_png (const char *path,
           int         width,
           int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  FbkChartStyle style;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);

  for (int y = 0; y < height; y += 3)
    for (int x = 0; x < width; x += 3)
      g_hash_table_add (colours, GUINT_TO_POINTER (fbk_test_pixel (surface, x, y) | 0xff000000u));

  /* Light background, bars in the first colour, text and grid besides. */
  g_assert_true (g_hash_table_contains (colours,
                                       GUINT_TO_POINTER (fbk_test_argb (&fbk_chart_style_get_palette (&style)->background))));
  g_assert_true (g_hash_table_contains (colours,
                                       GUINT_TO_POINTER (fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 0))));
  g_assert_cmpuint (g_hash_table_size (colours), >, 10);

  cairo_surface_destroy (surface);
}

static void
test_export_png (void)
{
  g_autoptr(FbkChartModel) model = export_model ();
  g_autofree char *path = temp_path ("chart.PNG");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FbkChartExportOptions options;

  /* No options: the defaults, in the format the name says. */
  g_assert_true (fbk_chart_export (model, NULL, NULL, file, NULL, &error));
  g_assert_no_error (error);
  check_png (path, FBK_CHART_EXPORT_DEFAULT_WIDTH, FBK_CHART_EXPORT_DEFAULT_HEIGHT);

  fbk_chart_export_options_init (&options, FBK_CHART_FORMAT_PNG);
  options.width = 400;
  options.height = 300;
  options.scale = 2.0;
  g_assert_true (fbk_chart_export (model, NULL, &options, file, NULL, &error));
  g_assert_no_error (error);
  check_png (path, 800, 600);

  remove_temp (path);
}

static void
test_export_svg (void)
{
  g_autoptr(FbkChartModel) model = export_model ();
  g_autofree char *path = temp_path ("chart.svg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (fbk_chart_export (model, NULL, NULL, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));

  elements = fbk_test_markup_elements (contents, length);
  g_assert_cmpuint (elements->len, >, 20);
  g_assert_cmpstr (g_ptr_array_index (elements, 0), ==, "svg");
  g_assert_nonnull (strstr (contents, "width=\"1600px\""));

  remove_temp (path);
}

static void
test_export_pdf (void)
{
  g_autoptr(FbkChartModel) model = export_model ();
  g_autofree char *path = temp_path ("chart.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (fbk_chart_export (model, NULL, NULL, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));

  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_true (fbk_test_contains_bytes (contents, length, "/Type /Page"));
  g_assert_true (fbk_test_contains_bytes (contents, length, "/Count 1"));
  g_assert_true (fbk_test_contains_bytes (contents, length, "/MediaBox [ 0 0 1600 900 ]"));

  remove_temp (path);
}

static void
test_export_errors (void)
{
  g_autoptr(FbkChartModel) model = export_model ();
  g_autofree char *path = temp_path ("chart.gif");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-forbruk-dir/chart.png");
  g_autoptr(GError) error = NULL;
  FbkChartExportOptions options;

  g_assert_false (fbk_chart_export (model, NULL, NULL, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  fbk_chart_export_options_init (&options, FBK_CHART_FORMAT_PNG);
  options.width = 0;
  g_assert_false (fbk_chart_export (model, NULL, &options, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (fbk_chart_export (model, NULL, NULL, nowhere, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  remove_temp (path);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (fbk_chart_export_finish (result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_export_async (void)
{
  g_autoptr(FbkChartModel) model = export_model ();
  g_autofree char *path = temp_path ("chart.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FbkChartExportOptions options;
  gboolean done = FALSE;

  fbk_chart_export_options_init (&options, FBK_CHART_FORMAT_PNG);
  options.theme = FBK_CHART_THEME_DARK;
  fbk_chart_export_async (model, NULL, &options, file, NULL, export_done, &done);

  /* The export drew a copy: changing the model now is safe. */
  fbk_chart_model_remove_all_series (model);
  fbk_test_wait_until (done, 10);

  {
    cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
    FbkChartStyle dark;

    fbk_chart_style_init (&dark, FBK_CHART_THEME_DARK);
    g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, FBK_CHART_EXPORT_DEFAULT_WIDTH);
    g_assert_cmpuint (fbk_test_pixel (surface, 1, 1), ==,
                      fbk_test_argb (&fbk_chart_style_get_palette (&dark)->background));
    cairo_surface_destroy (surface);
  }

  remove_temp (path);
}

/* The pixels for the clipboard are those of a PNG with the same options. */
static void
test_export_render_image (void)
{
  g_autoptr(FbkChartModel) model = export_model ();
  g_autofree char *path = temp_path ("chart.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FbkChartExportOptions options;
  cairo_surface_t *image;
  cairo_surface_t *png;

  fbk_chart_export_options_init (&options, FBK_CHART_FORMAT_SVG);
  options.width = 400;
  options.height = 300;
  options.scale = 2.0;
  options.theme = FBK_CHART_THEME_DARK;
  image = fbk_chart_export_render_image (model, NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_format (image), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 600);

  options.format = FBK_CHART_FORMAT_PNG;
  g_assert_true (fbk_chart_export (model, NULL, &options, file, NULL, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  for (int y = 0; y < 600; y++)
    for (int x = 0; x < 800; x++)
      if (fbk_test_pixel (image, x, y) != fbk_test_pixel (png, x, y))
        g_error ("pixel %d,%d differs from the PNG's", x, y);

  cairo_surface_destroy (png);
  cairo_surface_destroy (image);
  remove_temp (path);

  options.width = 100000;
  g_assert_null (fbk_chart_export_render_image (model, NULL, &options, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  /* Fixed strings to compare against, in UTF-8. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/axis/nice-ticks", test_nice_ticks);
  g_test_add_func ("/chart/axis/nice-ticks-properties", test_nice_ticks_properties);
  g_test_add_func ("/chart/axis/time-ticks", test_time_ticks);
  g_test_add_func ("/chart/format/c-locale", test_format);
  g_test_add_func ("/chart/model/changed", test_model_changed);
  g_test_add_func ("/chart/model/grid", test_model_grid);
  g_test_add_func ("/chart/model/dst-days", test_model_dst_days);
  g_test_add_func ("/chart/model/stacking", test_model_stacking);
  g_test_add_func ("/chart/model/ranges-and-decimation", test_model_ranges_and_decimation);
  g_test_add_func ("/chart/render/bars", test_render_bars);
  g_test_add_func ("/chart/render/dark", test_render_dark);
  g_test_add_func ("/chart/render/stacked", test_render_stacked);
  g_test_add_func ("/chart/render/production", test_render_production);
  g_test_add_func ("/chart/render/production-alone", test_render_production_alone);
  g_test_add_func ("/chart/render/unverified", test_render_unverified);
  g_test_add_func ("/chart/render/decimated", test_render_decimated);
  g_test_add_func ("/chart/dense-pointing", test_dense_pointing);
  g_test_add_func ("/chart/render/decimated-unverified", test_render_decimated_unverified);
  g_test_add_func ("/chart/render/narrow-header", test_render_narrow_header);
  g_test_add_func ("/chart/render/narrow-legend", test_render_narrow_legend);
  g_test_add_func ("/chart/render/empty", test_render_empty);
  g_test_add_func ("/chart/hit-test/buckets", test_hit_test);
  g_test_add_func ("/chart/hit-test/dst", test_hit_test_dst);
  g_test_add_func ("/chart/hit-test/viewport", test_viewport);
  g_test_add_func ("/chart/describe", test_describe);
  g_test_add_func ("/chart/export/png", test_export_png);
  g_test_add_func ("/chart/export/svg", test_export_svg);
  g_test_add_func ("/chart/export/pdf", test_export_pdf);
  g_test_add_func ("/chart/export/errors", test_export_errors);
  g_test_add_func ("/chart/export/async", test_export_async);
  g_test_add_func ("/chart/export/render-image", test_export_render_image);

  return g_test_run ();
}
