/* fbk-chart-renderer.c: the one drawing path, for the widget and for export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-renderer"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-chart-layout-private.h"
#include "fbk-chart-legend.h"
#include "fbk-chart-renderer.h"

#define HATCH_SPACING 6.0
#define HATCH_WIDTH   2.0

/* Unverified values are striped with the background colour: readable over
 * any series colour, in both themes, in print, and still there in min/max
 * columns. The stripes are a repeating tile anchored at the origin, so
 * neighbouring bars line up; the tile is made like the target (a
 * recording surface for PDF and SVG), so vector output keeps vector
 * stripes. */
static cairo_pattern_t *
create_hatch (const FbkChartLayout *layout,
              cairo_t              *cr)
{
  cairo_surface_t *tile = cairo_surface_create_similar (cairo_get_target (cr), CAIRO_CONTENT_COLOR_ALPHA,
                                                        HATCH_SPACING, HATCH_SPACING);
  cairo_pattern_t *pattern;
  cairo_t *tile_cr = cairo_create (tile);

  fbk_chart_color_set_source (tile_cr, &layout->palette->background);
  cairo_set_line_width (tile_cr, HATCH_WIDTH);
  for (int i = -1; i <= 1; i++)
    {
      cairo_move_to (tile_cr, i * HATCH_SPACING, 0);
      cairo_line_to (tile_cr, (i + 1) * HATCH_SPACING, HATCH_SPACING);
    }
  cairo_stroke (tile_cr);
  cairo_destroy (tile_cr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (tile);

  return pattern;
}

static void
draw_header (const FbkChartLayout *layout,
             cairo_t              *cr)
{
  double title_height = 0.0;
  double summary_width, summary_height;

  fbk_chart_text_size (layout->summary, &summary_width, &summary_height);
  if (layout->title != NULL)
    {
      fbk_chart_text_size (layout->title, NULL, &title_height);
      fbk_chart_text_show (cr, layout->title, FBK_CHART_MARGIN, layout->header_y, &layout->palette->foreground);
    }

  if (layout->summary_below)
    {
      fbk_chart_text_show (cr, layout->summary, FBK_CHART_MARGIN, layout->header_y + title_height,
                           &layout->palette->foreground);
      fbk_chart_text_show (cr, layout->range, FBK_CHART_MARGIN, layout->header_y + title_height + summary_height,
                           &layout->palette->dim_foreground);
      return;
    }

  fbk_chart_text_show (cr, layout->summary, layout->width - FBK_CHART_MARGIN - summary_width,
                       layout->header_y + MAX (0.0, title_height - summary_height), &layout->palette->foreground);
  fbk_chart_text_show (cr, layout->range, FBK_CHART_MARGIN, layout->header_y + MAX (title_height, summary_height),
                       &layout->palette->dim_foreground);
}

static void
draw_empty (const FbkChartLayout *layout,
            cairo_t              *cr)
{
  g_autoptr(PangoLayout) text = fbk_chart_text_new_layout (&layout->text, NULL, _("No data for this period"));
  double width, height;

  fbk_chart_text_size (text, &width, &height);
  fbk_chart_text_show (cr, text, layout->plot.x + (layout->plot.width - width) / 2,
                       layout->plot.y + (layout->plot.height - height) / 2, &layout->palette->dim_foreground);
}

/**
 * fbk_chart_render_layout:
 * @cr: where to draw; user space in units of the layout's width and height
 *
 * Draws the whole chart: title, totals, axes, the layers in order, and the
 * legend. Costs per visible bucket, or per device pixel column once there
 * are more buckets than pixels.
 */
void
fbk_chart_render_layout (cairo_t        *cr,
                         FbkChartLayout *layout)
{
  FbkChartCanvas canvas = { cr, NULL };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  if (layout->width <= 0.0 || layout->height <= 0.0)
    return;

  canvas.hatch = create_hatch (layout, cr);
  cairo_save (cr);
  cairo_new_path (cr);

  if (layout->style.draw_background)
    {
      fbk_chart_color_set_source (cr, &layout->palette->background);
      cairo_rectangle (cr, 0, 0, layout->width, layout->height);
      cairo_fill (cr);
    }

  draw_header (layout, cr);
  fbk_chart_axis_draw (layout->left_axis, layout, cr);

  if (layout->n_series == 0 || layout->n_buckets == 0)
    draw_empty (layout, cr);

  for (guint i = 0; i < layout->layers->len; i++)
    {
      FbkChartLayer *layer = g_ptr_array_index (layout->layers, i);

      if (layer->klass->draw != NULL)
        layer->klass->draw (layer, layout, &canvas);
    }

  fbk_chart_axis_draw (layout->bottom_axis, layout, cr);
  fbk_chart_legend_draw (layout, &canvas);

  cairo_restore (cr);
  cairo_pattern_destroy (canvas.hatch);
}

/**
 * fbk_chart_render:
 * @cr: where to draw; user space in units of @width and @height
 * @viewport: (nullable): the visible part of @model's period
 *
 * Draws @model at @width × @height through a layout made for it, as
 * exports do; a widget keeps its layout instead (fbk_chart_render_layout()).
 */
void
fbk_chart_render (cairo_t                *cr,
                  double                  width,
                  double                  height,
                  FbkChartModel          *model,
                  const FbkChartViewport *viewport,
                  const FbkChartStyle    *style)
{
  g_autoptr(FbkChartLayout) layout = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (FBK_IS_CHART_MODEL (model));
  g_return_if_fail (style != NULL);

  if (width <= 0.0 || height <= 0.0)
    return;

  layout = fbk_chart_layout_new (width, height, model, viewport, style);
  fbk_chart_render_layout (cr, layout);
}

/**
 * fbk_chart_get_plot_area:
 *
 * Where fbk_chart_render() puts the bars, with the same arguments.
 */
gboolean
fbk_chart_get_plot_area (double                  width,
                         double                  height,
                         FbkChartModel          *model,
                         const FbkChartViewport *viewport,
                         const FbkChartStyle    *style,
                         cairo_rectangle_t      *out_area)
{
  g_autoptr(FbkChartLayout) layout = NULL;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (out_area != NULL, FALSE);

  if (width <= 0.0 || height <= 0.0)
    return FALSE;

  layout = fbk_chart_layout_new (width, height, model, viewport, style);
  return fbk_chart_layout_get_plot_area (layout, out_area);
}

/**
 * fbk_chart_get_bucket_rect:
 *
 * Where fbk_chart_render(), with the same arguments, draws @series' value
 * at @bucket: see fbk_chart_layout_get_bucket_rect().
 *
 * Returns: FALSE when that value is missing or out of view
 */
gboolean
fbk_chart_get_bucket_rect (double                  width,
                           double                  height,
                           FbkChartModel          *model,
                           const FbkChartViewport *viewport,
                           const FbkChartStyle    *style,
                           guint                   series,
                           guint                   bucket,
                           cairo_rectangle_t      *out_rect)
{
  g_autoptr(FbkChartLayout) layout = NULL;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (out_rect != NULL, FALSE);

  if (width <= 0.0 || height <= 0.0)
    return FALSE;

  layout = fbk_chart_layout_new (width, height, model, viewport, style);
  return fbk_chart_layout_get_bucket_rect (layout, series, bucket, out_rect);
}

/**
 * fbk_chart_hit_test:
 * @x: (in): a point in the same units as @width and @height
 * @out_hit: (out) (optional): what is there
 *
 * What fbk_chart_render(), with the same arguments, drew at (@x, @y): see
 * fbk_chart_layout_hit_test().
 *
 * Returns: whether a value is there
 */
gboolean
fbk_chart_hit_test (double                  width,
                    double                  height,
                    FbkChartModel          *model,
                    const FbkChartViewport *viewport,
                    const FbkChartStyle    *style,
                    double                  x,
                    double                  y,
                    FbkChartHit            *out_hit)
{
  g_autoptr(FbkChartLayout) layout = NULL;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  if (width <= 0.0 || height <= 0.0)
    return FALSE;

  layout = fbk_chart_layout_new (width, height, model, viewport, style);
  return fbk_chart_layout_hit_test (layout, x, y, out_hit);
}
