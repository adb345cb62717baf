/* fbk-demo-meter-value-api.h: Elvia's MeterValueApi, simulated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-demo-service.h"

G_BEGIN_DECLS

extern const FbkDemoService fbk_demo_meter_value_api;

G_END_DECLS
