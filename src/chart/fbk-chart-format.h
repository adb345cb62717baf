/* fbk-chart-format.h: numbers, quantities and Oslo dates as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-chart-types.h"

G_BEGIN_DECLS

const char *fbk_chart_unit_symbol     (FbkChartUnit   unit);
int         fbk_chart_value_decimals  (double         value);
char       *fbk_chart_format_number   (double         value,
                                       int            decimals);
char       *fbk_chart_format_value    (double         value,
                                       FbkChartUnit   unit);
char       *fbk_chart_format_instant  (FbkInstant     instant,
                                       const char    *format);
char       *fbk_chart_format_period   (FbkInstant     start,
                                       FbkInstant     end,
                                       FbkResolution  resolution);
char       *fbk_chart_format_range    (FbkInstant     start,
                                       FbkInstant     end,
                                       FbkResolution  resolution);

G_END_DECLS
