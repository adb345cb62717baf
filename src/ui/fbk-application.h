/* fbk-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-session.h"

G_BEGIN_DECLS

#define FBK_TYPE_APPLICATION (fbk_application_get_type ())

G_DECLARE_FINAL_TYPE (FbkApplication, fbk_application, FBK, APPLICATION, AdwApplication)

FbkApplication *fbk_application_new               (void);
GSettings      *fbk_application_get_settings      (FbkApplication  *self);
FbkSession     *fbk_application_get_session       (FbkApplication  *self);
gboolean        fbk_application_get_demo          (FbkApplication  *self);
gboolean        fbk_application_start_demo        (FbkApplication  *self,
                                                   GError         **error);
gboolean        fbk_application_get_connected     (FbkApplication  *self);
gboolean        fbk_application_get_session_pending (FbkApplication *self);
void            fbk_application_leave_demo        (FbkApplication  *self);
void            fbk_application_open_store_async  (FbkApplication       *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
FbkStore       *fbk_application_open_store_finish (FbkApplication  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error);

G_END_DECLS
