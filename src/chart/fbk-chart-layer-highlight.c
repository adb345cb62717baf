/* fbk-chart-layer-highlight.c: some of a series' bars drawn again in the
 * colour of the guides, such as the three days whose peaks set a month's
 * capacity step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layer-highlight"

#include "config.h"

#include "fbk-chart-bar-painter.h"
#include "fbk-chart-legend.h"

typedef struct
{
  FbkChartLayer  parent;
  guint          series;
  guint         *buckets;
  guint          n_buckets;
  char          *label;
} Highlight;

static void
highlight_finalize (FbkChartLayer *layer)
{
  Highlight *self = (Highlight *) layer;

  g_free (self->buckets);
  g_free (self->label);
}

static void
highlight_legend (FbkChartLayer  *layer,
                  FbkChartLayout *layout)
{
  Highlight *self = (Highlight *) layer;

  if (self->n_buckets > 0)
    fbk_chart_legend_add (layout, FBK_CHART_LEGEND_NOTE, layer, 0, 0.0, self->label);
}

static void
highlight_draw_swatch (FbkChartLayer        *layer,
                       const FbkChartLayout *layout,
                       guint                 index,
                       FbkChartCanvas       *canvas,
                       double                x,
                       double                y)
{
  cairo_rectangle_t box;

  fbk_chart_legend_swatch_box (layout, x, y, layout->text.swatch, &box);
  fbk_chart_color_set_source (canvas->cr, &layout->palette->reference);
  cairo_rectangle (canvas->cr, box.x, box.y, box.width, box.height);
  cairo_fill (canvas->cr);
}

/* Over the bars layer's bar, the same rectangle: its stripes stay, so a
 * value not yet verified still says so. */
static void
highlight_draw (FbkChartLayer        *layer,
                const FbkChartLayout *layout,
                FbkChartCanvas       *canvas)
{
  Highlight *self = (Highlight *) layer;

  if (self->series >= layout->n_series || layout->buckets_per_column > 0)
    return;

  for (guint i = 0; i < self->n_buckets; i++)
    {
      guint bucket = self->buckets[i];
      guint32 flags = 0;
      double value, x0, x1, y0, y1;

      if (bucket < layout->first || bucket >= layout->end ||
          !fbk_chart_model_get_value (layout->model, self->series, bucket, &value, &flags))
        continue;

      fbk_chart_bar_x_extent (layout, bucket, &x0, &x1);
      y0 = _fbk_chart_layout_snap (layout, _fbk_chart_layout_y_of_value (layout, 0.0));
      y1 = _fbk_chart_layout_snap (layout, _fbk_chart_layout_y_of_value (layout, _fbk_chart_layout_signed (layout, self->series, value)));
      cairo_rectangle (canvas->cr, x0, MIN (y0, y1), x1 - x0, ABS (y1 - y0));
      fbk_chart_color_set_source (canvas->cr, &layout->palette->reference);
      cairo_fill_preserve (canvas->cr);
      if (flags & FBK_INTERVAL_VERIFIED)
        cairo_new_path (canvas->cr);
      else
        {
          cairo_set_source (canvas->cr, canvas->hatch);
          cairo_fill (canvas->cr);
        }
    }
}

static const FbkChartLayerClass highlight_class = {
  .name = "highlight",
  .frame = FBK_CHART_FRAME_TIMELINE,
  .finalize = highlight_finalize,
  .legend = highlight_legend,
  .draw_swatch = highlight_draw_swatch,
  .draw = highlight_draw,
};

/**
 * fbk_chart_highlight_new:
 * @series: the series whose bars (a bars layer under this one) are marked
 * @buckets: (array length=n_buckets): which
 * @label: what the legend calls them
 *
 * Draws the bars of @series at @buckets in the guides' colour, named in
 * the legend; pointing still finds the bars under it.
 *
 * Returns: (transfer full): a new layer
 */
FbkChartLayer *
fbk_chart_highlight_new (guint        series,
                         const guint *buckets,
                         guint        n_buckets,
                         const char  *label)
{
  Highlight *self = _fbk_chart_layer_new (&highlight_class, sizeof (Highlight));

  self->series = series;
  self->buckets = g_memdup2 (buckets, n_buckets * sizeof *buckets);
  self->n_buckets = n_buckets;
  self->label = g_strdup (label);
  return (FbkChartLayer *) self;
}

/**
 * fbk_chart_highlight_get_buckets:
 *
 * Returns: (array length=out_n_buckets) (transfer none): the buckets marked
 */
const guint *
fbk_chart_highlight_get_buckets (FbkChartLayer *self,
                                 guint         *out_n_buckets)
{
  Highlight *highlight = (Highlight *) self;

  g_return_val_if_fail (self != NULL && self->klass == &highlight_class, NULL);

  *out_n_buckets = highlight->n_buckets;
  return highlight->buckets;
}
