/* fbk-chart-bar-painter.h: bars from the axis or on the bars below them,
 * for the bar layers (internal to src/chart)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-chart-layout-private.h"

G_BEGIN_DECLS

/* One series' bars. Stacked, a bar spans the model's stacked tops: it
 * starts where @under's bar (the series below in its direction) ends. */
typedef struct
{
  guint    series;
  gboolean stacked;
  int      under;    /* stacked: the series below, or -1 at the axis */
} FbkChartBarRun;

/* What the bar layers share: their type says which series they draw and
 * whether they stack (@get_runs); drawing, pointing, the legend and the
 * description are the same for all. */
typedef struct
{
  FbkChartLayer  parent;
  /* Appends the runs drawn, bottom first, for @model's series. */
  void         (*get_runs) (FbkChartLayer *self,
                            FbkChartModel *model,
                            GArray        *runs);
} FbkChartBarLayer;

/* The hooks of every bar layer's class, after its name, frame and
 * extents. */
#define FBK_CHART_BAR_LAYER_HOOKS                        \
  .legend = fbk_chart_bar_layer_legend,                  \
  .draw_swatch = fbk_chart_bar_layer_draw_swatch,        \
  .draw = fbk_chart_bar_layer_draw,                      \
  .hit_test = fbk_chart_bar_layer_hit_test,              \
  .bucket_rect = fbk_chart_bar_layer_bucket_rect,        \
  .describe = fbk_chart_bar_layer_describe

void     fbk_chart_bar_draw_partial      (const FbkChartLayout    *layout,
                                          FbkChartCanvas          *canvas,
                                          const FbkChartColor     *color,
                                          const cairo_rectangle_t *rect);

/* fbk-chart-layer-stacked.c: every series stacked, per direction; for
 * the layers that stack as it does. */
void     fbk_chart_stacked_get_runs      (FbkChartLayer        *self,
                                          FbkChartModel        *model,
                                          GArray               *runs);
void     fbk_chart_stacked_extents       (FbkChartLayer        *self,
                                          const FbkChartLayout *layout,
                                          double               *lo,
                                          double               *hi);

void     fbk_chart_bar_x_extent          (const FbkChartLayout *layout,
                                          guint                 bucket,
                                          double               *out_x0,
                                          double               *out_x1);

void     fbk_chart_bar_layer_legend      (FbkChartLayer        *self,
                                          FbkChartLayout       *layout);
void     fbk_chart_bar_layer_draw_swatch (FbkChartLayer        *self,
                                          const FbkChartLayout *layout,
                                          guint                 series,
                                          FbkChartCanvas       *canvas,
                                          double                x,
                                          double                y);
void     fbk_chart_bar_layer_draw        (FbkChartLayer        *self,
                                          const FbkChartLayout *layout,
                                          FbkChartCanvas       *canvas);
gboolean fbk_chart_bar_layer_hit_test    (FbkChartLayer        *self,
                                          const FbkChartLayout *layout,
                                          double                x,
                                          double                y,
                                          FbkChartHit          *out_hit);
gboolean fbk_chart_bar_layer_bucket_rect (FbkChartLayer        *self,
                                          const FbkChartLayout *layout,
                                          guint                 series,
                                          guint                 bucket,
                                          cairo_rectangle_t    *out_rect);
void     fbk_chart_bar_layer_describe    (FbkChartLayer        *self,
                                          FbkChartModel        *model,
                                          guint                 first,
                                          guint                 end,
                                          GString              *text);

G_END_DECLS
