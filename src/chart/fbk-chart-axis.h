/* fbk-chart-axis.h: a chart's axes: where the ticks go, which labels
 * fit, and drawing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "fbk-chart-layout.h"
#include "fbk-time.h"

G_BEGIN_DECLS

/* Ticks at first + i * step for i in [0, n); step is 1, 2 or 5 times a
 * power of ten, and the ticks cover the range asked for. */
typedef struct
{
  double first;
  double step;
  guint  n;
  int    decimals;  /* enough to print every tick exactly */
} FbkChartTicks;

void     fbk_chart_nice_ticks      (double          lo,
                                    double          hi,
                                    guint           max_ticks,
                                    FbkChartTicks  *out_ticks);

/* A time-axis step: every @step periods of @unit, counted on Oslo's clock
 * and calendar (hours of the day, days of the month, months of the year,
 * years; weeks one by one). */
typedef struct
{
  FbkResolution unit;
  guint         step;
} FbkChartTimeStep;

double   fbk_chart_time_step_seconds (FbkChartTimeStep step);
GArray  *fbk_chart_time_ticks        (FbkInstant        from,
                                      FbkInstant        to,
                                      FbkChartTimeStep  step);

/* An axis laid out in a layout's frame: its labels, and where its ticks
 * go. Left of the plot, values (a timeline) or days or weekdays (a grid
 * of hours); under it, time or clock hours. */
typedef struct _FbkChartAxis FbkChartAxis;

FbkChartAxis *fbk_chart_axis_new_values      (const FbkChartLayout *layout,
                                              double                lo,
                                              double                hi);
FbkChartAxis *fbk_chart_axis_new_days        (const FbkChartLayout *layout);
FbkChartAxis *fbk_chart_axis_new_weekdays    (const FbkChartLayout *layout);
FbkChartAxis *fbk_chart_axis_new_time        (const FbkChartLayout *layout);
FbkChartAxis *fbk_chart_axis_new_hours       (const FbkChartLayout *layout);
void          fbk_chart_axis_free            (FbkChartAxis         *axis);

double        fbk_chart_axis_get_label_width (const FbkChartAxis   *axis);
void          fbk_chart_axis_get_range       (const FbkChartAxis   *axis,
                                              double               *out_lo,
                                              double               *out_hi);
void          fbk_chart_axis_draw            (const FbkChartAxis   *axis,
                                              const FbkChartLayout *layout,
                                              cairo_t              *cr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkChartAxis, fbk_chart_axis_free)

G_END_DECLS
