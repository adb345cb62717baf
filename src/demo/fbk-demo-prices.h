/* fbk-demo-prices.h: a deterministic NO1-like spot price series for demo mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-time.h"

G_BEGIN_DECLS

/* The day-ahead market's price areas in Norway. */
typedef enum
{
  FBK_DEMO_AREA_NO1,  /* Øst-Norge: Elvia's whole grid */
  FBK_DEMO_AREA_NO2,
  FBK_DEMO_AREA_NO3,
  FBK_DEMO_AREA_NO4,
  FBK_DEMO_AREA_NO5,
} FbkDemoArea;

#define FBK_DEMO_N_AREAS (FBK_DEMO_AREA_NO5 + 1)

/* A day has 25 hours at most, 100 quarter-hours at most. */
#define FBK_DEMO_PRICES_MAX_PER_DAY 100

/* One interval's price, in the units hvakosterstrommen.no writes them with
 * all their decimals, so as integers: nothing is rounded twice. */
typedef struct
{
  FbkInstant start;
  FbkInstant end;
  gint64     eur_per_kwh;  /* 1e-5 EUR (the market's EUR/MWh with two decimals) */
  gint64     nok_per_kwh;  /* 1e-5 NOK, excluding VAT */
  gint32     exr;          /* NOK per EUR, 1e-4 */
} FbkDemoPrice;

const char *fbk_demo_area_to_string   (FbkDemoArea   area);
gboolean    fbk_demo_area_from_string (const char   *text,
                                       FbkDemoArea  *out_area);

guint       fbk_demo_prices_fill_day  (guint64       seed,
                                       FbkDemoArea   area,
                                       FbkDate       date,
                                       FbkDemoPrice *out_prices);

G_END_DECLS
