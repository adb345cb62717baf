/* fbk-chart-types.h: small value types shared by the chart modules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-series.h"

G_BEGIN_DECLS

typedef enum
{
  FBK_CHART_UNIT_KWH,  /* energy per bucket */
  FBK_CHART_UNIT_KW,   /* average power over a clock hour, as in max hours */
  FBK_CHART_UNIT_KR,   /* money incl. VAT per bucket: charges above the axis,
                        * credits (series of production direction) below */
} FbkChartUnit;

typedef enum
{
  FBK_CHART_THEME_LIGHT,
  FBK_CHART_THEME_DARK,
} FbkChartTheme;

#define FBK_TYPE_CHART_UNIT  (fbk_chart_unit_get_type ())
#define FBK_TYPE_CHART_THEME (fbk_chart_theme_get_type ())

GType fbk_chart_unit_get_type  (void) G_GNUC_CONST;
GType fbk_chart_theme_get_type (void) G_GNUC_CONST;

/* The visible part of the model's period, [from, to). Zooming and panning
 * change only this; the model and its caches stay as they are. */
typedef struct
{
  FbkInstant from;
  FbkInstant to;
} FbkChartViewport;

/* Straight (not premultiplied) RGBA, each in 0..1. */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} FbkChartColor;

/* What is under a point of the chart, for a tooltip. */
typedef struct
{
  guint            series;
  guint            bucket;
  FbkInstant       start;
  FbkInstant       end;
  double           value;  /* in the model's unit; NAN where there is none */
  FbkIntervalFlags flags;  /* VERIFIED, COMPLETE */
  /* > 0: @value is the average of this many hours on the weekday and at
   * the clock hour of @start, not a bucket's value. */
  guint            n_averaged;
} FbkChartHit;

/* What of one bucket a series was expected to have a value for: [from,
 * to) is the bucket cut to the period and to where values are in; and
 * the seconds of it without a value. */
typedef struct
{
  FbkInstant from;
  FbkInstant to;
  guint32    missing_seconds;
} FbkChartCoverage;

G_END_DECLS
