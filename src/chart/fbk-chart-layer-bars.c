/* fbk-chart-layer-bars.c: one series as bars from the axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layer-bars"

#include "config.h"

#include "fbk-chart-bar-painter.h"

typedef struct
{
  FbkChartLayer  parent;
  FbkChartBarRun run;
} Bars;

/* A layer made for another model may name a series this one lacks. */
static const FbkChartBarRun *
get_run (FbkChartLayer        *layer,
         const FbkChartLayout *layout)
{
  Bars *self = (Bars *) layer;

  return self->run.series < layout->n_series ? &self->run : NULL;
}

static void
bars_extents (FbkChartLayer        *layer,
              const FbkChartLayout *layout,
              double               *lo,
              double               *hi)
{
  const FbkChartBarRun *run = get_run (layer, layout);
  double peak;

  if (run == NULL)
    return;

  peak = _fbk_chart_layout_signed (layout, run->series,
                                   fbk_chart_model_get_series_max (layout->model, run->series,
                                                                   layout->first, layout->end));
  *lo = MIN (*lo, peak);
  *hi = MAX (*hi, peak);
}

static void
bars_legend (FbkChartLayer  *layer,
             FbkChartLayout *layout)
{
  const FbkChartBarRun *run = get_run (layer, layout);

  if (run != NULL)
    fbk_chart_bars_legend (layout, layer, run, 1);
}

static void
bars_draw_swatch (FbkChartLayer        *layer,
                  const FbkChartLayout *layout,
                  guint                 series,
                  FbkChartCanvas       *canvas,
                  double                x,
                  double                y)
{
  fbk_chart_bars_draw_swatch (layout, series, canvas, x, y);
}

static void
bars_draw (FbkChartLayer        *layer,
           const FbkChartLayout *layout,
           FbkChartCanvas       *canvas)
{
  const FbkChartBarRun *run = get_run (layer, layout);

  if (run != NULL)
    fbk_chart_bars_draw (layout, canvas, run, 1);
}

static gboolean
bars_hit_test (FbkChartLayer        *layer,
               const FbkChartLayout *layout,
               double                x,
               double                y,
               FbkChartHit          *out_hit)
{
  const FbkChartBarRun *run = get_run (layer, layout);

  return run != NULL && fbk_chart_bars_hit_test (layout, run, 1, x, y, out_hit);
}

static gboolean
bars_bucket_rect (FbkChartLayer        *layer,
                  const FbkChartLayout *layout,
                  guint                 series,
                  guint                 bucket,
                  cairo_rectangle_t    *out_rect)
{
  const FbkChartBarRun *run = get_run (layer, layout);

  return run != NULL && run->series == series && fbk_chart_bar_rect (layout, run, bucket, out_rect);
}

static void
bars_describe (FbkChartLayer *layer,
               FbkChartModel *model,
               guint          first,
               guint          end,
               GString       *text)
{
  Bars *self = (Bars *) layer;

  if (self->run.series < fbk_chart_model_get_n_series (model))
    _fbk_chart_describe_series (text, model, self->run.series, first, end);
}

static const FbkChartLayerClass bars_class = {
  .name = "bars",
  .frame = FBK_CHART_FRAME_TIMELINE,
  .extents = bars_extents,
  .legend = bars_legend,
  .draw_swatch = bars_draw_swatch,
  .draw = bars_draw,
  .hit_test = bars_hit_test,
  .bucket_rect = bars_bucket_rect,
  .describe = bars_describe,
};

/**
 * fbk_chart_bars_new:
 * @series: the model's series to draw
 *
 * @series' values as bars from the axis, whatever else the model holds:
 * e.g. the daily peaks of the max-hours view. Production is drawn under
 * the axis when the model has consumption too.
 *
 * Returns: (transfer full): a new layer
 */
FbkChartLayer *
fbk_chart_bars_new (guint series)
{
  Bars *self = _fbk_chart_layer_new (&bars_class, sizeof (Bars));

  self->run = (FbkChartBarRun) { series, FALSE, -1 };
  return &self->parent;
}
