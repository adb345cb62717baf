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
static GArray *
stack_runs (FbkChartModel *model)
{
  guint n_series = fbk_chart_model_get_n_series (model);
  GArray *runs = g_array_sized_new (FALSE, FALSE, sizeof (FbkChartBarRun), n_series);
  int below[2] = { -1, -1 };

  for (guint s = 0; s < n_series; s++)
    {
      FbkDirection direction = fbk_chart_model_get_series_direction (model, s);
      FbkChartBarRun run = { s, TRUE, below[direction] };

      g_array_append_val (runs, run);
      below[direction] = (int) s;
    }

  return runs;
}

#define RUNS(runs) ((const FbkChartBarRun *) (gconstpointer) (runs)->data)

static void
stacked_extents (FbkChartLayer        *layer,
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

static void
stacked_legend (FbkChartLayer  *layer,
                FbkChartLayout *layout)
{
  g_autoptr(GArray) runs = stack_runs (layout->model);

  fbk_chart_bars_legend (layout, layer, RUNS (runs), runs->len);
}

static void
stacked_draw_swatch (FbkChartLayer        *layer,
                     const FbkChartLayout *layout,
                     guint                 series,
                     FbkChartCanvas       *canvas,
                     double                x,
                     double                y)
{
  fbk_chart_bars_draw_swatch (layout, series, canvas, x, y);
}

static void
stacked_draw (FbkChartLayer        *layer,
              const FbkChartLayout *layout,
              FbkChartCanvas       *canvas)
{
  g_autoptr(GArray) runs = stack_runs (layout->model);

  fbk_chart_bars_draw (layout, canvas, RUNS (runs), runs->len);
}

static gboolean
stacked_hit_test (FbkChartLayer        *layer,
                  const FbkChartLayout *layout,
                  double                x,
                  double                y,
                  FbkChartHit          *out_hit)
{
  g_autoptr(GArray) runs = stack_runs (layout->model);

  return fbk_chart_bars_hit_test (layout, RUNS (runs), runs->len, x, y, out_hit);
}

static gboolean
stacked_bucket_rect (FbkChartLayer        *layer,
                     const FbkChartLayout *layout,
                     guint                 series,
                     guint                 bucket,
                     cairo_rectangle_t    *out_rect)
{
  g_autoptr(GArray) runs = stack_runs (layout->model);

  return fbk_chart_bar_rect (layout, &g_array_index (runs, FbkChartBarRun, series), bucket, out_rect);
}

static void
stacked_describe (FbkChartLayer *layer,
                  FbkChartModel *model,
                  guint          first,
                  guint          end,
                  GString       *text)
{
  for (guint s = 0; s < fbk_chart_model_get_n_series (model); s++)
    _fbk_chart_describe_series (text, model, s, first, end);
}

static const FbkChartLayerClass stacked_class = {
  .name = "stacked-bars",
  .frame = FBK_CHART_FRAME_TIMELINE,
  .extents = stacked_extents,
  .legend = stacked_legend,
  .draw_swatch = stacked_draw_swatch,
  .draw = stacked_draw,
  .hit_test = stacked_hit_test,
  .bucket_rect = stacked_bucket_rect,
  .describe = stacked_describe,
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
  return _fbk_chart_layer_new (&stacked_class, sizeof (FbkChartLayer));
}
