/* fbk-cost-totals.h: several meters' bills as one, and the two bills in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-cost.h"

G_BEGIN_DECLS

GArray *fbk_cost_totals_sum_sheets     (const FbkCostSheet * const *sheets,
                                        guint                       n_sheets,
                                        FbkResolution               resolution);
double  fbk_cost_bucket_grid_bill      (const FbkCostBucket        *bucket);
double  fbk_cost_bucket_supplier_bill  (const FbkCostBucket        *bucket);
double  fbk_cost_bucket_known_total    (const FbkCostBucket        *bucket);
char   *fbk_cost_unknown_describe      (guint32                     unknown);

G_END_DECLS
