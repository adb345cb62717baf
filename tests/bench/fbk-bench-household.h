/* fbk-bench-household.h: a household's hours to chart, for the chart benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-chart-model.h"

G_BEGIN_DECLS

/* @years of hourly consumption of @n_meters meters up to 1 November 2026,
 * stacked in one hourly model titled "Benchmark" with a reference line at
 * 5 kWh. */
FbkChartModel *fbk_bench_household_chart (int   years,
                                          guint n_meters);

G_END_DECLS
