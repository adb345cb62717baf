/* fbk-chart-layer-stacked.c: every series as bars, each direction's
 * stacked in the order added; production under the axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layer-stacked"

#include "config.h"

#include "fbk-chart-bar-painter.h"

/* Which series stacks on which: the model stacks each direction's series
 * in the order they were added (consumption and production never share
 * a stack, one being above the axis and one below). */
void
fbk_chart_stacked_get_runs (FbkChartLayer *layer,
                            FbkChartModel *model,
                            GArray        *runs)
{
  int below[2] = { -1, -1 };

  for (guint s = 0; s < fbk_chart_model_get_n_series (model); s++)
    {
      FbkDirection direction = fbk_chart_model_get_series_direction (model, s);
      FbkChartBarRun run = { s, TRUE, below[direction] };

      g_array_append_val (runs, run);
      below[direction] = (int) s;
    }
}

void
fbk_chart_stacked_extents (FbkChartLayer        *layer,
                           const FbkChartLayout *layout,
                           double               *lo,
                           double               *hi)
{
  double used = fbk_chart_model_get_max (layout->model, FBK_DIRECTION_CONSUMPTION, layout->first, layout->end);
  double produced = fbk_chart_model_get_max (layout->model, FBK_DIRECTION_PRODUCTION, layout->first, layout->end);

  *hi = MAX (*hi, used);
  if (layout->production_below)
    *lo = MIN (*lo, -produced);
  else
    *hi = MAX (*hi, produced);
}

static const FbkChartLayerClass stacked_class = {
  .name = "stacked-bars",
  .frame = FBK_CHART_FRAME_TIMELINE,
  .extents = fbk_chart_stacked_extents,
  FBK_CHART_BAR_LAYER_HOOKS,
};

/**
 * fbk_chart_stacked_bars_new:
 *
 * Every series of the model as bars, stacked: each direction's series
 * on one another in the order they were added, the first at the axis.
 * With consumption in the chart, production hangs below the axis;
 * alone, it stands on it. What a model without layers shows.
 *
 * Returns: (transfer full): a new layer
 */
FbkChartLayer *
fbk_chart_stacked_bars_new (void)
{
  FbkChartBarLayer *self = _fbk_chart_layer_new (&stacked_class, sizeof (FbkChartBarLayer));

  self->get_runs = fbk_chart_stacked_get_runs;
  return (FbkChartLayer *) self;
}
