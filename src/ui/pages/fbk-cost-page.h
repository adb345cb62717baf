/* fbk-cost-page.h: what the picked meters' electricity cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-cost-report.h"
#include "fbk-page.h"

G_BEGIN_DECLS

#define FBK_TYPE_COST_PAGE (fbk_cost_page_get_type ())

G_DECLARE_FINAL_TYPE (FbkCostPage, fbk_cost_page, FBK, COST_PAGE, GtkWidget)

GtkWidget           *fbk_cost_page_new         (void);
gboolean             fbk_cost_page_get_loading (FbkCostPage *self);
GListModel          *fbk_cost_page_get_months  (FbkCostPage *self);

G_END_DECLS
