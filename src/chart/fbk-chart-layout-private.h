/* fbk-chart-layout-private.h: a layout's frame, for the renderer, the
 * axes, the legend and the layers (internal to src/chart)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

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

double _fbk_chart_layout_x_of_instant   (const FbkChartLayout *self,
                                         FbkInstant            instant);
void   _fbk_chart_layout_get_hit        (const FbkChartLayout *self,
                                         guint                 series,
                                         guint                 bucket,
                                         FbkChartHit          *out_hit);

/* Geometry the layers use for every bucket they draw: inline, as the
 * renderer's own helpers were, since a frame of three years of hours calls
 * them a few hundred thousand times. */

/* Edges on device pixel boundaries, so opaque bars have no antialiased
 * seams and cairo takes its fast path for aligned boxes. */
static inline double
_fbk_chart_layout_snap (const FbkChartLayout *self,
                        double                value)
{
  return round (value * self->scale) / self->scale;
}

/* The centre of a device pixel, for a one-pixel line. */
static inline double
_fbk_chart_layout_hairline (const FbkChartLayout *self,
                            double                value)
{
  return (floor (value * self->scale) + 0.5) / self->scale;
}

/* @position on the bucket grid (a bucket index plus a fraction of it). */
static inline double
_fbk_chart_layout_x_of_position (const FbkChartLayout *self,
                                 double                position)
{
  return self->plot.x + (position - self->u0) * self->plot.width / (self->u1 - self->u0);
}

static inline double
_fbk_chart_layout_position_at (const FbkChartLayout *self,
                               double                x)
{
  return self->u0 + (x - self->plot.x) * (self->u1 - self->u0) / self->plot.width;
}

/* Production values drawn below the axis map as negatives: see
 * _fbk_chart_layout_signed(). */
static inline double
_fbk_chart_layout_y_of_value (const FbkChartLayout *self,
                              double                value)
{
  return self->plot.y + (self->v_hi - value) * self->plot.height / (self->v_hi - self->v_lo);
}

static inline double
_fbk_chart_layout_signed (const FbkChartLayout *self,
                          guint                 series,
                          double                value)
{
  if (self->production_below &&
      fbk_chart_model_get_series_direction (self->model, series) == FBK_DIRECTION_PRODUCTION)
    return -value;
  return value;
}

G_END_DECLS
