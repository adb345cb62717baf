/* fbk-chart-daily-peaks.h: a month's daily peak hours, ready to chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-chart-model.h"
#include "fbk-max-hours.h"
#include "fbk-tariff.h"

G_BEGIN_DECLS

gboolean fbk_chart_daily_peaks_fill (FbkChartModel     *model,
                                     const char        *label,
                                     int                year,
                                     int                month,
                                     const FbkInterval *intervals,
                                     guint              n_intervals,
                                     FbkMaxHours       *out_max_hours);

void     fbk_chart_daily_peaks_add_steps (FbkChartModel        *model,
                                          const FbkMaxHours    *max_hours,
                                          const FbkTariffTable *table,
                                          const char           *counting_label);

G_END_DECLS
