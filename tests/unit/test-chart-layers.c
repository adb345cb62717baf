/* test-chart-layers.c: each kind of layer, drawn on an image and read back
 *
 * Where things should be is worked out here from the bars' own geometry
 * (a baseline, so many pixels per kWh, a bucket's share of the plot) and
 * the palette, never by asking the layer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "fbk-chart-renderer.h"
#include "fbk-test-chart.h"
#include "fbk-test-support.h"

#define WIDTH  FBK_TEST_CHART_WIDTH
#define HEIGHT FBK_TEST_CHART_HEIGHT

static void
add_layer (FbkChartModel *model,
           FbkChartLayer *layer)
{
  fbk_chart_model_add_layer (model, layer);
  fbk_chart_layer_unref (layer);
}

/* Within a quarter of the scale of @color in every channel. */
static gboolean
near_color (guint32 pixel,
            guint32 color)
{
  for (int shift = 0; shift <= 16; shift += 8)
    {
      if (ABS ((int) (pixel >> shift & 0xff) - (int) (color >> shift & 0xff)) > 64)
        return FALSE;
    }
  return TRUE;
}

/* How many pixels near @color in column @x from @y0 to @y1 (lines at an
 * angle are drawn with softened edges); exactly @color in row @y from @x0
 * to @x1. */
static guint
count_in_column (cairo_surface_t *surface,
                 double           x,
                 double           y0,
                 double           y1,
                 guint32          color)
{
  guint count = 0;

  for (double y = y0; y < y1; y += 1.0)
    count += near_color (fbk_test_pixel (surface, x, y), color);
  return count;
}

static guint
count_in_row (cairo_surface_t *surface,
              double           y,
              double           x0,
              double           x1,
              guint32          color)
{
  guint count = 0;

  for (double x = x0; x < x1; x += 1.0)
    count += fbk_test_pixel (surface, x, y) == color;
  return count;
}

/* Whether a pixel near @color is within @radius rows of (@x, @y). */
static gboolean
color_near (cairo_surface_t *surface,
            double           x,
            double           y,
            double           radius,
            guint32          color)
{
  return count_in_column (surface, x, y - radius, y + radius + 1, color) > 0;
}

static guint32
palette_argb (const FbkChartStyle *style,
              gsize                offset)
{
  return fbk_test_argb ((const FbkChartColor *) (gconstpointer) ((const char *) fbk_chart_style_get_palette (style) + offset));
}

#define PALETTE(style, member) palette_argb ((style), G_STRUCT_OFFSET (FbkChartPalette, member))

/* Bars */

/* One series of two, from the axis: the other is neither drawn nor in the
 * legend, and this one does not sit on it. */
static void
test_bars (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (4);
  const double a[] = { 1, 1, 1, 1 };
  const double b[] = { 1, 2, NAN, 4 };
  g_autofree char *description = NULL;
  cairo_rectangle_t plot, rb[4];
  cairo_surface_t *surface;
  FbkChartStyle style;
  guint32 color_a, color_b;
  FbkChartHit hit;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_test_add_series (model, "A", FBK_DIRECTION_CONSUMPTION, 0, a, 4, FBK_INTERVAL_VERIFIED);
  fbk_test_add_series (model, "B", FBK_DIRECTION_CONSUMPTION, 1, b, 4, FBK_INTERVAL_VERIFIED);
  add_layer (model, fbk_chart_bars_new (1));
  surface = fbk_test_render (model, &style);
  color_a = fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 0);
  color_b = fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 1);
  g_assert_true (fbk_chart_get_plot_area (WIDTH, HEIGHT, model, NULL, &style, &plot));

  for (guint i = 0; i < 4; i++)
    {
      cairo_rectangle_t rect;

      g_assert_false (fbk_chart_get_bucket_rect (WIDTH, HEIGHT, model, NULL, &style, 0, i, &rect));
      if (isnan (b[i]))
        {
          g_assert_false (fbk_chart_get_bucket_rect (WIDTH, HEIGHT, model, NULL, &style, 1, i, &rect));
          continue;
        }

      rb[i] = fbk_test_bucket_rect (model, &style, 1, i);
      g_assert_cmpfloat (fbk_test_share_of_color (surface, &rb[i], color_b), ==, 1.0);
      /* A quarter of the plot each, in order. */
      g_assert_cmpfloat (fabs (rb[i].x + rb[i].width / 2 - (plot.x + (i + 0.5) * plot.width / 4)), <=, 1.0);
    }

  /* On one baseline, as high as the values, 1 kWh of A under them or not. */
  g_assert_cmpfloat (rb[0].y + rb[0].height, ==, rb[3].y + rb[3].height);
  g_assert_cmpfloat (rb[1].y + rb[1].height, ==, rb[3].y + rb[3].height);
  g_assert_cmpfloat (fabs (rb[1].height / rb[0].height - 2.0), <, 0.05);
  g_assert_cmpfloat (fabs (rb[3].height / rb[0].height - 4.0), <, 0.05);

  /* A nowhere, the legend included. */
  for (int y = 0; y < HEIGHT; y++)
    g_assert_cmpuint (count_in_row (surface, y, 0, WIDTH, color_a), ==, 0);

  g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style, rb[3].x + rb[3].width / 2,
                                     rb[3].y + rb[3].height / 2, &hit));
  g_assert_cmpuint (hit.series, ==, 1);
  g_assert_cmpuint (hit.bucket, ==, 3);
  g_assert_cmpfloat (hit.value, ==, 4.0);

  description = fbk_chart_describe (model, NULL);
  g_assert_nonnull (strstr (description, "B, consumption: 7.00 kWh in total; highest 4.00 kWh"));
  g_assert_null (strstr (description, "A, consumption"));

  cairo_surface_destroy (surface);
}

/* Stacked bars */

static void
test_stacked_bars (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (3);
  g_autoptr(FbkChartModel) plain = fbk_test_days_model (3);
  const double a[] = { 1, 2, 1 };
  const double b[] = { 2, 1, 1 };
  const double p[] = { 1, 1, 2 };
  cairo_surface_t *surface, *default_surface;
  FbkChartStyle style;
  FbkChartHit hit;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  for (int m = 0; m < 2; m++)
    {
      FbkChartModel *target = m == 0 ? model : plain;

      fbk_test_add_series (target, "A", FBK_DIRECTION_CONSUMPTION, 0, a, 3, FBK_INTERVAL_VERIFIED);
      fbk_test_add_series (target, "P", FBK_DIRECTION_PRODUCTION, 0, p, 3, FBK_INTERVAL_VERIFIED);
      fbk_test_add_series (target, "B", FBK_DIRECTION_CONSUMPTION, 1, b, 3, FBK_INTERVAL_VERIFIED);
    }
  add_layer (model, fbk_chart_stacked_bars_new ());
  surface = fbk_test_render (model, &style);

  for (guint i = 0; i < 3; i++)
    {
      cairo_rectangle_t ra = fbk_test_bucket_rect (model, &style, 0, i);
      cairo_rectangle_t rp = fbk_test_bucket_rect (model, &style, 1, i);
      cairo_rectangle_t rb = fbk_test_bucket_rect (model, &style, 2, i);

      /* B on A (not on the production between them), P hanging from A's foot. */
      g_assert_cmpfloat (rb.y + rb.height, ==, ra.y);
      g_assert_cmpfloat (rp.y, ==, ra.y + ra.height);
      g_assert_cmpfloat (rb.x, ==, ra.x);
      g_assert_cmpfloat (fabs (rb.height / ra.height - b[i] / a[i]), <, 0.05);
      g_assert_cmpfloat (fabs (rp.height / ra.height - p[i] / a[i]), <, 0.05);
      g_assert_cmpfloat (fbk_test_share_of_color (surface, &ra, fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 0)),
                         ==, 1.0);
      g_assert_cmpfloat (fbk_test_share_of_color (surface, &rb, fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 1)),
                         ==, 1.0);
      g_assert_cmpfloat (fbk_test_share_of_color (surface, &rp, fbk_test_series_argb (&style, FBK_DIRECTION_PRODUCTION, 0)),
                         ==, 1.0);

      g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style, rb.x + rb.width / 2, rb.y + rb.height / 2,
                                         &hit));
      g_assert_cmpuint (hit.series, ==, 2);
      g_assert_cmpuint (hit.bucket, ==, i);
    }

  /* What a model without layers draws. */
  default_surface = fbk_test_render (plain, &style);
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      if (fbk_test_pixel (surface, x, y) != fbk_test_pixel (default_surface, x, y))
        g_error ("pixel %d,%d differs from the chart without layers", x, y);

  cairo_surface_destroy (default_surface);
  cairo_surface_destroy (surface);
}

/* Overlays */

/* 2 kWh a day, compared with 1, 3, nothing and 4 kWh. */
static FbkChartModel *
overlay_model (FbkChartOverlayStyle overlay_style)
{
  FbkChartModel *model = fbk_test_days_model (4);
  const double a[] = { 2, 2, 2, 2 };
  const double earlier[] = { 1, 3, NAN, 4 };

  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, a, 4, FBK_INTERVAL_VERIFIED);
  add_layer (model, fbk_chart_stacked_bars_new ());
  add_layer (model, fbk_chart_overlay_new ("Last week", overlay_style, earlier, 4));
  return model;
}

static void
test_overlay_ghost_bars (void)
{
  g_autoptr(FbkChartModel) model = overlay_model (FBK_CHART_OVERLAY_GHOST_BARS);
  g_autofree char *description = NULL;
  cairo_rectangle_t plot, bars[4];
  cairo_surface_t *surface;
  FbkChartStyle style;
  guint32 ink, bar, background;
  double baseline, per_kwh, centre;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  surface = fbk_test_render (model, &style);
  ink = PALETTE (&style, foreground);
  background = PALETTE (&style, background);
  bar = fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 0);
  g_assert_true (fbk_chart_get_plot_area (WIDTH, HEIGHT, model, NULL, &style, &plot));
  for (guint i = 0; i < 4; i++)
    bars[i] = fbk_test_bucket_rect (model, &style, 0, i);
  baseline = bars[0].y + bars[0].height;
  per_kwh = bars[0].height / 2.0;

  /* 4 kWh: the axis makes room for it, its outline stands over the bar
   * and is hollow above it. */
  centre = bars[3].x + bars[3].width / 2;
  g_assert_cmpfloat (baseline - 4 * per_kwh, >=, plot.y);
  g_assert_true (color_near (surface, centre, baseline - 4 * per_kwh + 1, 1.5, ink));
  g_assert_cmpuint (fbk_test_pixel (surface, centre, baseline - 3 * per_kwh), ==, background);
  g_assert_cmpuint (fbk_test_pixel (surface, bars[3].x + 1, baseline - 3 * per_kwh), ==, ink);
  g_assert_cmpuint (fbk_test_pixel (surface, bars[3].x + bars[3].width - 1, baseline - 3 * per_kwh), ==, ink);

  /* 1 kWh: an outline over the bar, the bar still showing inside it. */
  centre = bars[0].x + bars[0].width / 2;
  g_assert_true (color_near (surface, centre, baseline - per_kwh + 1, 1.5, ink));
  g_assert_cmpuint (fbk_test_pixel (surface, centre, baseline - 1.5 * per_kwh), ==, bar);
  g_assert_cmpuint (fbk_test_pixel (surface, centre, baseline - 0.5 * per_kwh), ==, bar);

  /* No value is no outline, not one at zero. */
  centre = bars[2].x + bars[2].width / 2;
  g_assert_cmpuint (count_in_column (surface, centre, plot.y, plot.y + plot.height + 1, ink), ==, 0);

  description = fbk_chart_describe (model, NULL);
  g_assert_nonnull (strstr (description, "Compared with Last week: 8.00 kWh."));

  cairo_surface_destroy (surface);
}

static void
test_overlay_line (void)
{
  g_autoptr(FbkChartModel) model = overlay_model (FBK_CHART_OVERLAY_LINE);
  const double earlier[] = { 1, 3, NAN, 4 };
  cairo_rectangle_t plot, bars[4];
  cairo_surface_t *surface;
  FbkChartStyle style;
  guint32 ink;
  double baseline, per_kwh, x[4];

  fbk_chart_style_init (&style, FBK_CHART_THEME_DARK);
  surface = fbk_test_render (model, &style);
  ink = PALETTE (&style, foreground);
  g_assert_true (fbk_chart_get_plot_area (WIDTH, HEIGHT, model, NULL, &style, &plot));
  for (guint i = 0; i < 4; i++)
    {
      bars[i] = fbk_test_bucket_rect (model, &style, 0, i);
      x[i] = bars[i].x + bars[i].width / 2;
    }
  baseline = bars[0].y + bars[0].height;
  per_kwh = bars[0].height / 2.0;

  /* Through each value at the middle of its bucket, straight between
   * neighbours: half way from 1 to 3 kWh is 2. */
  for (guint i = 0; i < 4; i++)
    if (!isnan (earlier[i]))
      g_assert_true (color_near (surface, x[i], baseline - earlier[i] * per_kwh, 2.0, ink));
  g_assert_true (color_near (surface, (x[0] + x[1]) / 2, baseline - 2 * per_kwh, 2.0, ink));

  /* Broken where there is no value: nothing in that bucket's column, nor
   * half way to it. */
  g_assert_cmpuint (count_in_column (surface, x[2], plot.y, plot.y + plot.height + 1, ink), ==, 0);
  g_assert_cmpuint (count_in_column (surface, (x[1] + x[2]) / 2, plot.y, plot.y + plot.height + 1, ink), ==, 0);

  /* The tooltip of a bucket tells the value compared with, where there is one. */
  {
    FbkChartHit hit;
    g_autofree char *with = NULL;
    g_autofree char *without = NULL;

    g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style, x[1], baseline - per_kwh, &hit));
    with = fbk_chart_describe_hit (model, &hit);
    g_assert_true (g_str_has_suffix (with, "\nLast week: 3.00 kWh"));
    g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style, x[2], baseline - per_kwh, &hit));
    without = fbk_chart_describe_hit (model, &hit);
    g_assert_null (strstr (without, "Last week"));
  }

  cairo_surface_destroy (surface);
}

/* Reference lines */

static void
test_reference_lines (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (4);
  const double values[] = { 1, 2, 3, 4 };
  const FbkChartReferenceLine lines[] = {
    { 2.0, "Step 2", FBK_CHART_REFERENCE_LIMIT },
    { 2.5, "Average", FBK_CHART_REFERENCE_MARK },
    { 5.0, "Step 3", FBK_CHART_REFERENCE_LIMIT },
  };
  g_autoptr(FbkChartLayer) layer = fbk_chart_reference_lines_new (lines, G_N_ELEMENTS (lines));
  const FbkChartReferenceLine *kept;
  g_autofree char *description = NULL;
  cairo_rectangle_t plot, bars[4];
  cairo_surface_t *surface;
  FbkChartStyle style;
  guint32 limit, mark, background, grid;
  double baseline, per_kwh, y, gap0, gap1;
  guint n_kept, label_ink = 0;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, values, 4, FBK_INTERVAL_VERIFIED);
  add_layer (model, fbk_chart_stacked_bars_new ());
  fbk_chart_model_add_layer (model, layer);
  surface = fbk_test_render (model, &style);
  limit = PALETTE (&style, axis);
  mark = PALETTE (&style, reference);
  background = PALETTE (&style, background);
  grid = PALETTE (&style, grid);
  g_assert_true (fbk_chart_get_plot_area (WIDTH, HEIGHT, model, NULL, &style, &plot));
  for (guint i = 0; i < 4; i++)
    bars[i] = fbk_test_bucket_rect (model, &style, 0, i);
  baseline = bars[0].y + bars[0].height;
  per_kwh = bars[0].height;

  /* Copied, labels and all. */
  kept = fbk_chart_reference_lines_get_lines (layer, &n_kept);
  g_assert_cmpuint (n_kept, ==, 3);
  g_assert_cmpstr (kept[2].label, ==, "Step 3");
  g_assert_true (kept[2].label != lines[2].label);

  /* Dashed across the gaps between bars, at their values: the limits in
   * the axis colour, the mark in the reference colour. */
  gap0 = bars[0].x + bars[0].width + 0.5;
  gap1 = bars[1].x - 0.5;
  y = baseline - 2 * per_kwh;
  g_assert_cmpuint (count_in_row (surface, y - 1, gap0, gap1, limit) + count_in_row (surface, y, gap0, gap1, limit)
                    + count_in_row (surface, y + 1, gap0, gap1, limit), >, 2);
  gap0 = bars[1].x + bars[1].width + 0.5;
  gap1 = bars[2].x - 0.5;
  y = baseline - 2.5 * per_kwh;
  g_assert_cmpuint (count_in_row (surface, floor (y) - 1, gap0, gap1, mark) + count_in_row (surface, floor (y), gap0, gap1, mark)
                    + count_in_row (surface, floor (y) + 1, gap0, gap1, mark), >, 2);
  g_assert_cmpuint (count_in_row (surface, floor (y), gap0, gap1, mark), <, gap1 - gap0);

  /* The axis reaches 5 kWh for the highest line, named at its right end,
   * above it; the mark is not named there (the last bar shows plain over
   * it) but in the legend, under the time axis. */
  y = baseline - 5 * per_kwh;
  g_assert_cmpfloat (y, >=, plot.y - 0.5);
  for (double row = y - 14; row < y - 2; row += 1.0)
    for (double x = plot.x + plot.width - 100; x < plot.x + plot.width; x += 1.0)
      {
        guint32 color = fbk_test_pixel (surface, x, MAX (row, 0));

        label_ink += color != background && color != grid && color != limit;
      }
  g_assert_cmpuint (label_ink, >, 20);
  y = baseline - 2.5 * per_kwh;
  for (double row = y - 14; row < y - 2; row += 1.0)
    g_assert_cmpuint (count_in_row (surface, row, bars[3].x + 1, bars[3].x + bars[3].width - 1,
                                    fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 0)),
                      ==, (guint) ceil (bars[3].width - 2));
  {
    guint in_legend = 0;

    /* The swatch's dashes are thinner than a pixel row: near the colour. */
    for (double row = plot.y + plot.height + 20; row < HEIGHT; row += 1.0)
      for (double x = 0.5; x < WIDTH; x += 1.0)
        in_legend += near_color (fbk_test_pixel (surface, x, row), mark);
    g_assert_cmpuint (in_legend, >, 0);
  }

  description = fbk_chart_describe (model, NULL);
  g_assert_nonnull (strstr (description, "Reference line: Step 2, 2.00 kWh."));
  g_assert_nonnull (strstr (description, "Reference line: Average, 2.50 kWh."));
  g_assert_nonnull (strstr (description, "Reference line: Step 3, 5.00 kWh."));

  cairo_surface_destroy (surface);
}

/* Cells */

static FbkInstant
at (const char *text)
{
  return fbk_test_instant (text);
}

/* Every hour of [@from, @to) at 3 kWh, verified. */
static GArray *
three_an_hour (FbkInstant from,
               FbkInstant to)
{
  GArray *hours = g_array_new (FALSE, FALSE, sizeof (FbkInterval));

  for (FbkInstant t = from; t < to; t += 3600)
    {
      FbkInterval hour = { t, 3600, FBK_INTERVAL_VERIFIED, 3.0 };

      g_array_append_val (hours, hour);
    }
  return hours;
}

static FbkInterval *
hour_at (GArray     *hours,
         const char *start)
{
  for (guint i = 0; i < hours->len; i++)
    if (g_array_index (hours, FbkInterval, i).start == at (start))
      return &g_array_index (hours, FbkInterval, i);
  g_error ("no hour at %s", start);
}

static FbkChartModel *
cells_model (GArray     *hours,
             const char *from,
             const char *to)
{
  FbkChartModel *model = fbk_chart_model_new ();

  fbk_chart_model_set_period (model, FBK_RESOLUTION_HOUR, at (from), at (to));
  fbk_chart_model_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0,
                              (const FbkInterval *) (gconstpointer) hours->data, hours->len);
  add_layer (model, fbk_chart_cells_new (0));
  return model;
}

/* The cell of @row and clock @hour as the grid divides the plot: 24
 * columns, a row per day. */
static cairo_rectangle_t
grid_cell (const cairo_rectangle_t *plot,
           guint                    n_rows,
           guint                    row,
           guint                    hour)
{
  return (cairo_rectangle_t) {
    plot->x + hour * plot->width / 24, plot->y + row * plot->height / n_rows, plot->width / 24, plot->height / n_rows,
  };
}

static gboolean
inside (const cairo_rectangle_t *outer,
        double                   x,
        double                   y)
{
  return x >= outer->x && x < outer->x + outer->width && y >= outer->y && y < outer->y + outer->height;
}

/* Between @a and @b in every channel, strictly somewhere. */
static gboolean
between (guint32 color,
         guint32 a,
         guint32 b)
{
  gboolean strictly = FALSE;

  for (int shift = 0; shift <= 16; shift += 8)
    {
      int c = color >> shift & 0xff;
      int lo = MIN (a >> shift & 0xff, b >> shift & 0xff);
      int hi = MAX (a >> shift & 0xff, b >> shift & 0xff);

      if (c < lo || c > hi)
        return FALSE;
      strictly |= c > lo && c < hi;
    }
  return strictly;
}

/* 26–28 October 2024: the 27th has 25 hours, 02:00 twice. */
static void
test_cells_autumn (void)
{
  g_autoptr(GArray) hours = three_an_hour (at ("2024-10-26T00:00:00+02:00"), at ("2024-10-29T00:00:00+01:00"));
  g_autoptr(FbkChartModel) model = NULL;
  g_autofree char *description = NULL;
  cairo_rectangle_t plot, rect, expected;
  cairo_surface_t *surface;
  FbkChartStyle style;
  FbkChartHit hit;
  guint32 darkest, palest, middle, background;
  guint bucket, border = 0;

  g_assert_cmpuint (hours->len, ==, 24 + 25 + 24);
  hour_at (hours, "2024-10-27T02:00:00+02:00")->kwh = 6.0;
  hour_at (hours, "2024-10-27T02:00:00+01:00")->kwh = 0.0;
  hour_at (hours, "2024-10-26T06:00:00+02:00")->kwh = 0.0;
  hour_at (hours, "2024-10-28T12:00:00+01:00")->flags = 0;
  g_array_remove_index (hours, 5);   /* 26th, 05:00: no value */
  model = cells_model (hours, "2024-10-26T00:00:00+02:00", "2024-10-29T00:00:00+01:00");

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  surface = fbk_test_render (model, &style);
  background = PALETTE (&style, background);
  g_assert_true (fbk_chart_get_plot_area (WIDTH, HEIGHT, model, NULL, &style, &plot));

  /* An hour in its day's row and its clock hour's column. */
  g_assert_true (fbk_chart_model_find_bucket (model, at ("2024-10-26T14:00:00+02:00"), &bucket));
  rect = fbk_test_bucket_rect (model, &style, 0, bucket);
  expected = grid_cell (&plot, 3, 0, 14);
  g_assert_true (inside (&expected, rect.x + rect.width / 2, rect.y + rect.height / 2));
  g_assert_true (fbk_chart_model_find_bucket (model, at ("2024-10-28T00:00:00+01:00"), &bucket));
  rect = fbk_test_bucket_rect (model, &style, 0, bucket);
  expected = grid_cell (&plot, 3, 2, 0);
  g_assert_true (inside (&expected, rect.x + rect.width / 2, rect.y + rect.height / 2));
  /* The hour after the two 02:00s is 03:00, the column of 3. */
  g_assert_true (fbk_chart_model_find_bucket (model, at ("2024-10-27T03:00:00+01:00"), &bucket));
  rect = fbk_test_bucket_rect (model, &style, 0, bucket);
  expected = grid_cell (&plot, 3, 1, 3);
  g_assert_true (inside (&expected, rect.x + rect.width / 2, rect.y + rect.height / 2));

  /* The two 02:00s share that column, the first on the left: the highest
   * hour in the series' colour, the other (zero) in the palest shade,
   * which is not the background. */
  expected = grid_cell (&plot, 3, 1, 2);
  g_assert_true (fbk_chart_model_find_bucket (model, at ("2024-10-27T02:00:00+02:00"), &bucket));
  rect = fbk_test_bucket_rect (model, &style, 0, bucket);
  g_assert_true (inside (&expected, rect.x + rect.width / 2, rect.y + rect.height / 2));
  g_assert_cmpfloat (rect.x + rect.width, <=, expected.x + expected.width / 2 + 0.5);
  darkest = fbk_test_pixel (surface, rect.x + rect.width / 2, rect.y + rect.height / 2);
  g_assert_cmpuint (darkest, ==, fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 0));
  g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style, rect.x + 1, rect.y + rect.height / 2, &hit));
  g_assert_cmpint (hit.start, ==, at ("2024-10-27T02:00:00+02:00"));
  g_assert_cmpfloat (hit.value, ==, 6.0);

  g_assert_true (fbk_chart_model_find_bucket (model, at ("2024-10-27T02:00:00+01:00"), &bucket));
  rect = fbk_test_bucket_rect (model, &style, 0, bucket);
  g_assert_true (inside (&expected, rect.x + rect.width / 2, rect.y + rect.height / 2));
  g_assert_cmpfloat (rect.x, >=, expected.x + expected.width / 2 - 0.5);
  palest = fbk_test_pixel (surface, rect.x + rect.width / 2, rect.y + rect.height / 2);
  g_assert_true (between (palest, background, darkest));
  g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style, rect.x + rect.width - 1,
                                     rect.y + rect.height / 2, &hit));
  g_assert_cmpint (hit.start, ==, at ("2024-10-27T02:00:00+01:00"));
  g_assert_cmpint (hit.end - hit.start, ==, 3600);

  /* Zero is that palest shade on an ordinary day too; 3 of 6 kWh lies
   * between it and the darkest. */
  g_assert_true (fbk_chart_model_find_bucket (model, at ("2024-10-26T06:00:00+02:00"), &bucket));
  rect = fbk_test_bucket_rect (model, &style, 0, bucket);
  g_assert_cmpuint (fbk_test_pixel (surface, rect.x + rect.width / 2, rect.y + rect.height / 2), ==, palest);
  g_assert_true (fbk_chart_model_find_bucket (model, at ("2024-10-26T07:00:00+02:00"), &bucket));
  rect = fbk_test_bucket_rect (model, &style, 0, bucket);
  middle = fbk_test_pixel (surface, rect.x + rect.width / 2, rect.y + rect.height / 2);
  g_assert_true (between (middle, palest, darkest));

  /* No value: the background inside a thin border, not a shade. */
  expected = grid_cell (&plot, 3, 0, 5);
  g_assert_true (fbk_chart_model_find_bucket (model, at ("2024-10-26T05:00:00+02:00"), &bucket));
  g_assert_false (fbk_chart_get_bucket_rect (WIDTH, HEIGHT, model, NULL, &style, 0, bucket, &rect));
  g_assert_cmpuint (fbk_test_pixel (surface, expected.x + expected.width / 2, expected.y + expected.height / 2), ==,
                    background);
  border = count_in_row (surface, expected.y + expected.height / 2, expected.x, expected.x + expected.width,
                         PALETTE (&style, axis));
  g_assert_cmpuint (border, ==, 2);
  g_assert_false (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style, expected.x + expected.width / 2,
                                      expected.y + expected.height / 2, NULL));

  /* Not yet verified: striped, as bars are. */
  g_assert_true (fbk_chart_model_find_bucket (model, at ("2024-10-28T12:00:00+01:00"), &bucket));
  rect = fbk_test_bucket_rect (model, &style, 0, bucket);
  g_assert_cmpfloat (fbk_test_share_of_color (surface, &rect, background), >, 0.05);
  g_assert_cmpfloat (fbk_test_share_of_color (surface, &rect, middle), >, 0.2);

  /* The legend under the hours: the scale up to the darkest shade, the
   * border of "no value". */
  {
    guint dark = 0, bordered = 0;

    for (double row = plot.y + plot.height + 20; row < HEIGHT; row += 1.0)
      {
        for (double x = 0.5; x < WIDTH; x += 1.0)
          dark += near_color (fbk_test_pixel (surface, x, row), darkest);
        bordered += count_in_row (surface, row, 0, WIDTH, PALETTE (&style, axis));
      }
    g_assert_cmpuint (dark, >, 0);
    g_assert_cmpuint (bordered, >, 0);
  }

  description = fbk_chart_describe (model, NULL);
  g_assert_nonnull (strstr (description, "One cell per hour, a row per day."));
  g_assert_nonnull (strstr (description, "Home, consumption: 213 kWh in total; highest 6.00 kWh"));

  cairo_surface_destroy (surface);
}

/* 30–31 March 2024: the 31st has 23 hours and no 02:00, whose cell stays
 * empty without the border of a missing value. */
static void
test_cells_spring (void)
{
  g_autoptr(GArray) hours = three_an_hour (at ("2024-03-30T00:00:00+01:00"), at ("2024-04-01T00:00:00+02:00"));
  g_autoptr(FbkChartModel) model = cells_model (hours, "2024-03-30T00:00:00+01:00", "2024-04-01T00:00:00+02:00");
  cairo_rectangle_t plot, skipped;
  cairo_surface_t *surface;
  FbkChartStyle style;
  guint32 color, background;
  guint not_background = 0;

  g_assert_cmpuint (hours->len, ==, 24 + 23);
  fbk_chart_style_init (&style, FBK_CHART_THEME_DARK);
  surface = fbk_test_render (model, &style);
  background = PALETTE (&style, background);
  color = fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 0);
  g_assert_true (fbk_chart_get_plot_area (WIDTH, HEIGHT, model, NULL, &style, &plot));

  skipped = grid_cell (&plot, 2, 1, 2);
  for (double y = skipped.y + 0.5; y < skipped.y + skipped.height; y += 1.0)
    for (double x = skipped.x + 0.5; x < skipped.x + skipped.width; x += 1.0)
      not_background += fbk_test_pixel (surface, x, y) != background;
  g_assert_cmpuint (not_background, ==, 0);

  /* Its neighbours, and the 02:00 of the day before, are there. */
  for (guint hour = 1; hour <= 3; hour += 2)
    {
      cairo_rectangle_t cell = grid_cell (&plot, 2, 1, hour);

      g_assert_cmpuint (fbk_test_pixel (surface, cell.x + cell.width / 2, cell.y + cell.height / 2), ==, color);
    }
  skipped = grid_cell (&plot, 2, 0, 2);
  g_assert_cmpuint (fbk_test_pixel (surface, skipped.x + skipped.width / 2, skipped.y + skipped.height / 2), ==, color);

  cairo_surface_destroy (surface);
}

/* Gaps */

/* Whether each channel of @pixel is within @slack of @color's. */
static gboolean
close_color (guint32 pixel,
             guint32 color,
             int     slack)
{
  for (int shift = 0; shift <= 16; shift += 8)
    {
      if (ABS ((int) (pixel >> shift & 0xff) - (int) (color >> shift & 0xff)) > slack)
        return FALSE;
    }
  return TRUE;
}

/* 4–7 March at 2 kWh a day, none on the 5th, values in until noon of the
 * 7th: under the 5th a strip in the colour of attention; the 7th's bar is
 * pale inside an outline of its colour, being half a day. */
static void
test_gaps (void)
{
  g_autoptr(FbkChartModel) model = fbk_test_days_model (4);
  const double values[] = { 2, NAN, 2, 2 };
  g_autofree char *description = NULL;
  cairo_rectangle_t bars[4];
  cairo_surface_t *surface;
  FbkChartStyle style;
  guint32 bar, pale, attention;
  double baseline, gap_x;

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_test_add_series (model, "Home", FBK_DIRECTION_CONSUMPTION, 0, values, 4, FBK_INTERVAL_VERIFIED);
  fbk_chart_model_set_expected_until (model, fbk_chart_model_get_bucket_start (model, 3) + 12 * 3600);
  surface = fbk_test_render (model, &style);
  bar = fbk_test_series_argb (&style, FBK_DIRECTION_CONSUMPTION, 0);
  attention = PALETTE (&style, reference);
  /* 0x1c71d8 three fifths of the way to white: 0x1c + 0.6 × (0xff − 0x1c) = 0xa4,
   * 0x71 + 0.6 × 0x8e = 0xc6, 0xd8 + 0.6 × 0x27 = 0xef. */
  pale = 0xffa4c6ef;
  g_assert_cmpuint (bar, ==, 0xff1c71d8);

  bars[0] = fbk_test_bucket_rect (model, &style, 0, 0);
  bars[2] = fbk_test_bucket_rect (model, &style, 0, 2);
  bars[3] = fbk_test_bucket_rect (model, &style, 0, 3);
  baseline = bars[0].y + bars[0].height;
  gap_x = (bars[0].x + bars[0].width + bars[2].x) / 2;

  /* Under the axis: the strip at the 5th, nothing at the 4th. */
  g_assert_cmpuint (fbk_test_pixel (surface, gap_x, baseline + 3), ==, attention);
  g_assert_cmpuint (fbk_test_pixel (surface, bars[0].x + bars[0].width / 2, baseline + 3), !=, attention);
  /* Above it the 5th is empty, as before, but for grid lines. */
  for (double y = bars[0].y; y < baseline - 1; y += 1.0)
    {
      guint32 found = fbk_test_pixel (surface, gap_x, y);

      g_assert_true (found == PALETTE (&style, background) || found == PALETTE (&style, grid));
    }

  /* Whole days in their colour, the half day pale in an outline. */
  g_assert_cmpuint (fbk_test_pixel (surface, bars[2].x + bars[2].width / 2, bars[2].y + bars[2].height / 2), ==, bar);
  g_assert_true (close_color (fbk_test_pixel (surface, bars[3].x + bars[3].width / 2, bars[3].y + bars[3].height / 2),
                              pale, 2));
  g_assert_cmpuint (fbk_test_pixel (surface, bars[3].x + 0.5, bars[3].y + bars[3].height / 2), ==, bar);

  description = fbk_chart_describe (model, NULL);
  g_assert_nonnull (strstr (description, "Home, consumption: at least 6.00 kWh in total;"));
  g_assert_nonnull (strstr (description, "24 hours have no value."));

  /* Pointing at the empty day says it has no value. */
  {
    FbkChartHit hit;
    g_autofree char *text = NULL;

    g_assert_true (fbk_chart_hit_test (WIDTH, HEIGHT, model, NULL, &style, gap_x, baseline - 10, &hit));
    g_assert_cmpuint (hit.bucket, ==, 1);
    g_assert_true (isnan (hit.value));
    text = fbk_chart_describe_hit (model, &hit);
    g_assert_cmpstr (text, ==, "Tuesday 5 March 2024\nNo value");
  }

  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  /* Fixed strings to compare against, in UTF-8. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/layers/bars", test_bars);
  g_test_add_func ("/chart/layers/stacked-bars", test_stacked_bars);
  g_test_add_func ("/chart/layers/overlay/ghost-bars", test_overlay_ghost_bars);
  g_test_add_func ("/chart/layers/overlay/line", test_overlay_line);
  g_test_add_func ("/chart/layers/reference-lines", test_reference_lines);
  g_test_add_func ("/chart/layers/cells/autumn", test_cells_autumn);
  g_test_add_func ("/chart/layers/cells/spring", test_cells_spring);
  g_test_add_func ("/chart/layers/gaps", test_gaps);

  return g_test_run ();
}
