/* fbk-main-view.h: meters, period, charts and max hours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-chart-export.h"
#include "fbk-chart-model.h"
#include "fbk-csv.h"
#include "fbk-page.h"
#include "fbk-session.h"

G_BEGIN_DECLS

#define FBK_TYPE_MAIN_VIEW (fbk_main_view_get_type ())

G_DECLARE_FINAL_TYPE (FbkMainView, fbk_main_view, FBK, MAIN_VIEW, GtkWidget)

FbkSession    *fbk_main_view_get_session       (FbkMainView   *self);
void           fbk_main_view_set_session       (FbkMainView   *self,
                                                FbkSession    *session);
void           fbk_main_view_set_settings      (FbkMainView   *self,
                                                GSettings     *settings);
void           fbk_main_view_focus_start       (FbkMainView   *self);
void           fbk_main_view_set_primary_menu  (FbkMainView   *self,
                                                GMenuModel    *menu);
FbkPage       *fbk_main_view_get_page          (FbkMainView   *self,
                                                const char    *name);
FbkChartModel *fbk_main_view_get_chart_model   (FbkMainView   *self,
                                                const char    *page);
gboolean       fbk_main_view_get_busy          (FbkMainView   *self);

void           fbk_main_view_save_chart        (FbkMainView                 *self,
                                                GFile                       *file,
                                                const FbkChartExportOptions *options);
void           fbk_main_view_save_data         (FbkMainView                 *self,
                                                GFile                       *file,
                                                FbkCsvStyle                  style);

void           fbk_main_view_refresh_names     (FbkMainView                 *self);

G_END_DECLS
