/* fbk-demo-meter-value-query.h: the MeterValueApi's query parameters, validated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-demo-household.h"
#include "fbk-demo-service.h"

G_BEGIN_DECLS

typedef enum
{
  FBK_DEMO_ENDPOINT_METERVALUES,
  FBK_DEMO_ENDPOINT_MAXHOURS_V1,
  FBK_DEMO_ENDPOINT_MAXHOURS_V2,
} FbkDemoEndpoint;

/* What a valid request asks for. */
typedef struct
{
  guint64    seed;
  FbkInstant now;
  FbkInstant start;       /* metervalues */
  FbkInstant end;
  FbkInstant calculate;   /* maxhours */
  gboolean   production;
  gboolean   wanted[FBK_DEMO_N_METERS];
} FbkDemoMeterValueQuery;

gboolean fbk_demo_meter_value_query_bind (FbkDemoMeterValueQuery  *params,
                                          FbkDemoEndpoint          endpoint,
                                          const FbkDemoCall       *call,
                                          GString                **out_problem);

G_END_DECLS
