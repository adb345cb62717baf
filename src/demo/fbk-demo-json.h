/* fbk-demo-json.h: writing the simulator's JSON bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-time.h"

G_BEGIN_DECLS

void fbk_demo_json_string  (GString    *out,
                            const char *text);
void fbk_demo_json_time    (GString    *out,
                            FbkInstant  instant);
void fbk_demo_json_kwh     (GString    *out,
                            gint64      wh);
void fbk_demo_json_decimal (GString    *out,
                            gint64      scaled,
                            guint       decimals);

static inline void
fbk_demo_json_bool (GString  *out,
                    gboolean  value)
{
  g_string_append (out, value ? "true" : "false");
}

G_END_DECLS
