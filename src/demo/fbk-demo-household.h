/* fbk-demo-household.h: a deterministic synthetic household for demo mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-series.h"
#include "fbk-time.h"

G_BEGIN_DECLS

/* The three metering points of the demo token. The model behind their values
 * is described at the top of fbk-demo-household.c. */
typedef enum
{
  FBK_DEMO_METER_HOUSE,  /* detached house in Oslo: heat pump and an electric car */
  FBK_DEMO_METER_FLAT,   /* flat in Oslo; its contract began 18 months before "now" */
  FBK_DEMO_METER_SOLAR,  /* plusskunde house in Innlandet with solar panels; never verified */
} FbkDemoMeter;

#define FBK_DEMO_N_METERS (FBK_DEMO_METER_SOLAR + 1)

/* How many of the newest hours are still unverified on a meter outside
 * Innlandet. */
#define FBK_DEMO_UNVERIFIED_HOURS 30

const char *fbk_demo_meter_get_id              (FbkDemoMeter  meter);
gboolean    fbk_demo_meter_from_id             (const char   *metering_point_id,
                                                FbkDemoMeter *out_meter);
gboolean    fbk_demo_meter_has_production      (FbkDemoMeter  meter);
gboolean    fbk_demo_meter_is_in_innlandet     (FbkDemoMeter  meter);
FbkInstant  fbk_demo_meter_get_contract_start  (FbkDemoMeter  meter,
                                                FbkInstant    now);

FbkInstant  fbk_demo_household_available_start (FbkInstant    now);
FbkInstant  fbk_demo_household_available_end   (guint64       seed,
                                                FbkDemoMeter  meter,
                                                FbkInstant    now);
gboolean    fbk_demo_household_is_verified     (guint64       seed,
                                                FbkDemoMeter  meter,
                                                FbkInstant    hour_start,
                                                FbkInstant    now);
void        fbk_demo_household_fill_wh         (guint64       seed,
                                                FbkDemoMeter  meter,
                                                FbkDirection  direction,
                                                FbkInstant    first_hour,
                                                guint         n_hours,
                                                gint32       *out_wh);
gint32      fbk_demo_household_hour_wh         (guint64       seed,
                                                FbkDemoMeter  meter,
                                                FbkDirection  direction,
                                                FbkInstant    hour_start);

G_END_DECLS
