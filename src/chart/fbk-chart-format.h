/* fbk-chart-format.h: a chart's quantities with their units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-chart-model.h"
#include "fbk-chart-types.h"
#include "fbk-format.h"

G_BEGIN_DECLS

const char *fbk_chart_unit_symbol         (FbkChartUnit   unit);
char       *fbk_chart_format_value        (double         value,
                                           FbkChartUnit   unit);
char       *fbk_chart_format_span         (FbkInstant     from,
                                           FbkInstant     to);
char       *fbk_chart_format_series_value (FbkChartModel *model,
                                           guint          series,
                                           double         value);

G_END_DECLS
