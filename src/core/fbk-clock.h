/* fbk-clock.h: the session's idea of "now"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-time.h"

G_BEGIN_DECLS

#define FBK_TYPE_CLOCK (fbk_clock_get_type ())

G_DECLARE_FINAL_TYPE (FbkClock, fbk_clock, FBK, CLOCK, GObject)

FbkClock   *fbk_clock_new         (void);
FbkClock   *fbk_clock_new_pinned  (FbkInstant  now);
FbkInstant  fbk_clock_get_now     (FbkClock   *self);
gboolean    fbk_clock_is_pinned   (FbkClock   *self);
void        fbk_clock_set_now     (FbkClock   *self,
                                   FbkInstant  now);

G_END_DECLS
