/* fbk-test-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fbk-chart-renderer.h"
#include "fbk-test-chart.h"

FbkChartModel *
fbk_test_days_model (guint n_days)
{
  FbkChartModel *model = fbk_chart_model_new ();
  FbkInstant from = fbk_time_oslo_midnight ((FbkDate) { 2024, 3, 4 });

  fbk_chart_model_set_period (model, FBK_RESOLUTION_DAY, from, from + n_days * 86400);
  fbk_chart_model_set_title (model, "Test");
  return model;
}

cairo_surface_t *
fbk_test_render (FbkChartModel       *model,
                 const FbkChartStyle *style)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FBK_TEST_CHART_WIDTH,
                                                         FBK_TEST_CHART_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  fbk_chart_render (cr, FBK_TEST_CHART_WIDTH, FBK_TEST_CHART_HEIGHT, model, NULL, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

cairo_rectangle_t
fbk_test_bucket_rect (FbkChartModel       *model,
                      const FbkChartStyle *style,
                      guint                series,
                      guint                bucket)
{
  cairo_rectangle_t rect;

  if (!fbk_chart_get_bucket_rect (FBK_TEST_CHART_WIDTH, FBK_TEST_CHART_HEIGHT, model, NULL, style, series, bucket,
                                  &rect))
    g_error ("nothing drawn for series %u bucket %u", series, bucket);
  return rect;
}

GArray *
fbk_test_buckets (FbkInstant     from,
                        FbkResolution  resolution,
                        const double  *values,
                        guint          n_values,
                        guint32        flags)
{
  GArray *buckets = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
  FbkInstant start = from;

  for (guint i = 0; i < n_values; i++)
    {
      FbkInstant next = fbk_time_period_next (start, resolution);

      if (!isnan (values[i]))
        {
          FbkInterval interval = { start, (guint32) (next - start), flags, values[i] };

          g_array_append_val (buckets, interval);
        }
      start = next;
    }

  return buckets;
}

guint
fbk_test_add_series (FbkChartModel *model,
                           const char    *label,
                           FbkDirection   direction,
                           guint          colour_slot,
                           const double  *values,
                           guint          n_values,
                           guint32        flags)
{
  g_autoptr(GArray) buckets = fbk_test_buckets (fbk_chart_model_get_from (model),
                                                      fbk_chart_model_get_resolution (model),
                                                      values, n_values, flags);

  return fbk_chart_model_add_series (model, label, direction, colour_slot,
                                     (const FbkInterval *) (gconstpointer) buckets->data, buckets->len);
}

guint32
fbk_test_pixel (cairo_surface_t *surface,
                      double           x,
                      double           y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int px = (int) floor (x);
  int py = (int) floor (y);

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (surface));

  return *(const guint32 *) (gconstpointer) (data + py * stride + px * 4);
}

guint32
fbk_test_argb (const FbkChartColor *color)
{
  return 0xff000000u |
         (guint32) lround (color->red * 255) << 16 |
         (guint32) lround (color->green * 255) << 8 |
         (guint32) lround (color->blue * 255);
}

guint32
fbk_test_series_argb (const FbkChartStyle *style,
                            FbkDirection         direction,
                            guint                slot)
{
  FbkChartColor color;

  fbk_chart_style_get_series_color (style, direction, slot, &color);
  return fbk_test_argb (&color);
}

double
fbk_test_share_of_color (cairo_surface_t         *surface,
                               const cairo_rectangle_t *rect,
                               guint32                  color)
{
  guint total = 0;
  guint matching = 0;

  for (double y = rect->y + 1.5; y < rect->y + rect->height - 1; y += 1.0)
    for (double x = rect->x + 1.5; x < rect->x + rect->width - 1; x += 1.0)
      {
        total++;
        if (fbk_test_pixel (surface, x, y) == color)
          matching++;
      }

  g_assert_cmpuint (total, >, 0);
  return (double) matching / total;
}
