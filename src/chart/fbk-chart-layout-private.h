/* fbk-chart-layout-private.h: a layout's frame, for the renderer, the
 * axes, the legend and the layers (internal to src/chart)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-chart-axis.h"
#include "fbk-chart-layer-private.h"
#include "fbk-chart-layout.h"
#include "fbk-chart-text.h"

G_BEGIN_DECLS

/* Lengths in units of width and height (logical pixels). */
#define FBK_CHART_MARGIN      12.0
#define FBK_CHART_SPACING     8.0
#define FBK_CHART_TICK_LENGTH 4.0

struct _FbkChartLayout
{
  gatomicrefcount        ref_count;

  FbkChartModel         *model;
  GPtrArray             *layers;        /* what is drawn, bottom first */
  FbkChartFrame          frame;
  FbkChartStyle          style;         /* its font is in text */
  const FbkChartPalette *palette;
  double                 width;
  double                 height;
  double                 scale;
  FbkChartText           text;

  guint                  n_buckets;
  guint                  n_series;
  double                 u0;            /* the viewport on the bucket grid */
  double                 u1;
  guint                  first;         /* buckets at least partly visible */
  guint                  end;
  gboolean               production_below;  /* under the axis, mirroring consumption */
  guint                  buckets_per_column;  /* 0: a bar per bucket; else min/max columns */

  /* The timeline's value axis, bottom to top of the plot. */
  double                 v_lo;
  double                 v_hi;

  /* The day × hour grid: a row per Oslo day in view. */
  FbkDate                first_day;
  guint                  n_days;

  cairo_rectangle_t      plot;

  double                 header_y;
  gboolean               summary_below;  /* under the title, where they do not fit side by side */
  PangoLayout           *title;
  PangoLayout           *summary;
  PangoLayout           *range;
  double                 unit_y;         /* the line above the plot */

  FbkChartAxis          *left_axis;
  FbkChartAxis          *bottom_axis;

  GArray                *legend;         /* FbkChartLegendEntry, in the order shown */
  double                 legend_y;
};

double _fbk_chart_layout_snap           (const FbkChartLayout *self,
                                         double                value);
double _fbk_chart_layout_hairline       (const FbkChartLayout *self,
                                         double                value);
double _fbk_chart_layout_x_of_position  (const FbkChartLayout *self,
                                         double                position);
double _fbk_chart_layout_x_of_instant   (const FbkChartLayout *self,
                                         FbkInstant            instant);
double _fbk_chart_layout_position_at    (const FbkChartLayout *self,
                                         double                x);
double _fbk_chart_layout_y_of_value     (const FbkChartLayout *self,
                                         double                value);
double _fbk_chart_layout_signed         (const FbkChartLayout *self,
                                         guint                 series,
                                         double                value);
void   _fbk_chart_layout_get_hit        (const FbkChartLayout *self,
                                         guint                 series,
                                         guint                 bucket,
                                         FbkChartHit          *out_hit);

G_END_DECLS
