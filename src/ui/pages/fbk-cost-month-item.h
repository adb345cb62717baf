/* fbk-cost-month-item.h: one month of the Cost page's table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-cost.h"
#include "fbk-norgespris-verdict.h"

G_BEGIN_DECLS

#define FBK_TYPE_COST_MONTH_ITEM (fbk_cost_month_item_get_type ())

G_DECLARE_FINAL_TYPE (FbkCostMonthItem, fbk_cost_month_item, FBK, COST_MONTH_ITEM, GObject)

FbkCostMonthItem      *fbk_cost_month_item_new         (const FbkCostBucket    *month,
                                                        const FbkVerdictMonth  *verdict);
const FbkCostBucket   *fbk_cost_month_item_get_month   (FbkCostMonthItem       *self);
const FbkVerdictMonth *fbk_cost_month_item_get_verdict (FbkCostMonthItem       *self);

G_END_DECLS
