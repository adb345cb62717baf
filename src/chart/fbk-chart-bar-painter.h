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

void     fbk_chart_bar_x_extent     (const FbkChartLayout *layout,
                                     guint                 bucket,
                                     double               *out_x0,
                                     double               *out_x1);
gboolean fbk_chart_bar_rect         (const FbkChartLayout *layout,
                                     const FbkChartBarRun *run,
                                     guint                 bucket,
                                     cairo_rectangle_t    *out_rect);
void     fbk_chart_bars_draw        (const FbkChartLayout *layout,
                                     FbkChartCanvas       *canvas,
                                     const FbkChartBarRun *runs,
                                     guint                 n_runs);
gboolean fbk_chart_bars_hit_test    (const FbkChartLayout *layout,
                                     const FbkChartBarRun *runs,
                                     guint                 n_runs,
                                     double                x,
                                     double                y,
                                     FbkChartHit          *out_hit);
void     fbk_chart_bars_legend      (FbkChartLayout       *layout,
                                     FbkChartLayer        *layer,
                                     const FbkChartBarRun *runs,
                                     guint                 n_runs);
void     fbk_chart_bars_draw_swatch (const FbkChartLayout *layout,
                                     guint                 series,
                                     FbkChartCanvas       *canvas,
                                     double                x,
                                     double                y);

G_END_DECLS
