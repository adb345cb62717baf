/* fbk-spot-price.h: day-ahead prices as the price service gives them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-time.h"

G_BEGIN_DECLS

/* The most a price may be, either sign, in NOK/kWh excluding VAT. NO1's
 * highest hour so far was about 6.5 NOK/kWh (2022); a hundred is beyond any
 * market outcome (the exchange's own cap is 4 000 EUR/MWh, about 47
 * NOK/kWh), and a value past it a misread body. */
#define FBK_SPOT_PRICE_MAX_ABS_NOK_PER_KWH 100.0

/* The service publishes a day's prices around 13:00 Oslo time the day
 * before; asking earlier cannot succeed. */
#define FBK_SPOT_PRICE_PUBLISHED_HOUR 13

/* One price interval [start, start + duration), excluding VAT. The service
 * gives hours or, since the 15-minute market (1 Oct 2025), quarter-hours;
 * what is billed is the clock hour (fbk_spot_prices_to_hours()). */
typedef struct
{
  FbkInstant start;
  guint32    duration;     /* seconds: 3600 or 900 */
  double     nok_per_kwh;  /* may be negative */
} FbkSpotPrice;

GArray *fbk_spot_prices_to_hours (const GArray *prices);

G_END_DECLS
