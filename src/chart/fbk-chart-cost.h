/* fbk-chart-cost.h: the chart of what the picked meters cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-chart-model.h"
#include "fbk-cost.h"

G_BEGIN_DECLS

const char    *fbk_chart_cost_part_label  (FbkCostPart    part);
FbkChartModel *fbk_chart_cost_build_model (GArray        *buckets,
                                           const char    *subject,
                                           FbkResolution  resolution,
                                           FbkInstant     from,
                                           FbkInstant     to);

G_END_DECLS
