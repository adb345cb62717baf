/* fbk-chart-layer-bars.c: one series as bars from the axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layer-bars"

#include "config.h"

#include "fbk-chart-bar-painter.h"

typedef struct
{
  FbkChartBarLayer parent;
  guint            series;
} Bars;

/* A layer made for another model may name a series this one lacks. */
static void
bars_get_runs (FbkChartLayer *layer,
               FbkChartModel *model,
               GArray        *runs)
{
  Bars *self = (Bars *) layer;
  FbkChartBarRun run = { self->series, FALSE, -1 };

  if (self->series < fbk_chart_model_get_n_series (model))
    g_array_append_val (runs, run);
}

static void
bars_extents (FbkChartLayer        *layer,
              const FbkChartLayout *layout,
              double               *lo,
              double               *hi)
{
  Bars *self = (Bars *) layer;
  double peak;

  if (self->series >= layout->n_series)
    return;

  peak = _fbk_chart_layout_signed (layout, self->series,
                                   fbk_chart_model_get_series_max (layout->model, self->series,
                                                                   layout->first, layout->end));
  *lo = MIN (*lo, peak);
  *hi = MAX (*hi, peak);
}

static const FbkChartLayerClass bars_class = {
  .name = "bars",
  .frame = FBK_CHART_FRAME_TIMELINE,
  .extents = bars_extents,
  FBK_CHART_BAR_LAYER_HOOKS,
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

  self->parent.get_runs = bars_get_runs;
  self->series = series;
  return (FbkChartLayer *) self;
}
