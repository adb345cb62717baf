/* fbk-chart-build.h: the chart of some meters over a period, for the
 * window's export and forbruk-cli alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-chart-model.h"
#include "fbk-series.h"

G_BEGIN_DECLS

FbkChartModel *fbk_chart_build_model     (FbkSeries * const  *series,
                                          const char * const *names,
                                          guint               n_series,
                                          FbkResolution       resolution,
                                          FbkInstant          from,
                                          FbkInstant          to);
char          *fbk_chart_build_file_name (const char * const *metering_point_ids,
                                          FbkInstant          from,
                                          FbkInstant          to,
                                          const char         *extension);

G_END_DECLS
