/* fbk-demo-price-api.h: hvakosterstrommen.no's spot price API, simulated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-demo-prices.h"
#include "fbk-demo-service.h"

G_BEGIN_DECLS

extern const FbkDemoService fbk_demo_price_api;

char *fbk_demo_price_api_day_path (FbkDate     date,
                                   FbkDemoArea area);

G_END_DECLS
