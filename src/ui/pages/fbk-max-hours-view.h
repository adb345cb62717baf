/* fbk-max-hours-view.h: the monthly max hours and capacity steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-max-hours-table.h"
#include "fbk-page.h"

G_BEGIN_DECLS

#define FBK_TYPE_MAX_HOURS_VIEW (fbk_max_hours_view_get_type ())

G_DECLARE_FINAL_TYPE (FbkMaxHoursView, fbk_max_hours_view, FBK, MAX_HOURS_VIEW, GtkWidget)

GtkWidget    *fbk_max_hours_view_new                   (void);
GListModel   *fbk_max_hours_view_get_items             (FbkMaxHoursView *self);
FbkChartView *fbk_max_hours_view_get_daily_peaks_chart (FbkMaxHoursView *self);
gboolean      fbk_max_hours_view_is_loading            (FbkMaxHoursView *self);

G_END_DECLS
