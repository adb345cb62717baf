/* fbk-capacity-watch.h: the month in progress watched every hour, and a
 * desktop notification before (and when) it reaches a higher capacity step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-capacity-coach.h"
#include "fbk-session.h"

G_BEGIN_DECLS

#define FBK_TYPE_CAPACITY_WATCH (fbk_capacity_watch_get_type ())

G_DECLARE_FINAL_TYPE (FbkCapacityWatch, fbk_capacity_watch, FBK, CAPACITY_WATCH, GObject)

FbkCapacityWatch *fbk_capacity_watch_new          (GApplication      *application,
                                                   GSettings         *settings);
void              fbk_capacity_watch_set_session  (FbkCapacityWatch  *self,
                                                   FbkSession        *session);
void              fbk_capacity_watch_check_async  (FbkCapacityWatch  *self,
                                                   GCancellable      *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer           user_data);
guint             fbk_capacity_watch_check_finish (FbkCapacityWatch  *self,
                                                   GAsyncResult      *result,
                                                   GError           **error);

G_END_DECLS
