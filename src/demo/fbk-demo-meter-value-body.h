/* fbk-demo-meter-value-body.h: the MeterValueApi's answers, written as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-demo-meter-value-query.h"

G_BEGIN_DECLS

GString *fbk_demo_meter_values_body (const FbkDemoMeterValueQuery *params);
GString *fbk_demo_max_hours_body    (const FbkDemoMeterValueQuery *params,
                                     gboolean                      legacy);

G_END_DECLS
