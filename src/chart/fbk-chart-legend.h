/* fbk-chart-legend.h: the legend under a chart, from its layers' entries
 * (internal to src/chart)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-chart-layout-private.h"

G_BEGIN_DECLS

/* Entries show in this order whatever order the layers come in: the data,
 * then notes about it, then the guides drawn over it. */
typedef enum
{
  FBK_CHART_LEGEND_SERIES,
  FBK_CHART_LEGEND_NOTE,
  FBK_CHART_LEGEND_GUIDE,
} FbkChartLegendRank;

typedef struct
{
  FbkChartLegendRank  rank;
  FbkChartLayer      *layer;         /* draws the swatch; NULL for the stripes of "not yet verified" */
  guint               index;         /* which of its entries, for the layer */
  double              swatch_width;
  PangoLayout        *text;
  double              x;
  double              y;             /* from the top of the legend */
} FbkChartLegendEntry;

void   fbk_chart_legend_add            (FbkChartLayout       *layout,
                                        FbkChartLegendRank    rank,
                                        FbkChartLayer        *layer,
                                        guint                 index,
                                        double                swatch_width,
                                        const char           *text);
void   fbk_chart_legend_add_unverified (FbkChartLayout       *layout);
double fbk_chart_legend_arrange        (FbkChartLayout       *layout);
void   fbk_chart_legend_swatch_box     (const FbkChartLayout *layout,
                                        double                x,
                                        double                y,
                                        double                width,
                                        cairo_rectangle_t    *out_box);
void   fbk_chart_legend_draw           (const FbkChartLayout *layout,
                                        FbkChartCanvas       *canvas);

G_END_DECLS
