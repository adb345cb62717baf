/* fbk-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-application.h"

G_BEGIN_DECLS

#define FBK_TYPE_WINDOW (fbk_window_get_type ())

G_DECLARE_FINAL_TYPE (FbkWindow, fbk_window, FBK, WINDOW, AdwApplicationWindow)

FbkWindow *fbk_window_new        (FbkApplication *application);
void       fbk_window_add_toast  (FbkWindow      *self,
                                  AdwToast       *toast);

G_END_DECLS
