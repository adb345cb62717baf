/* fbk-chart-axis.h: where the ticks go on the value and the time axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
