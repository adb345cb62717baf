/* fbk-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FBK_TYPE_APPLICATION (fbk_application_get_type ())

G_DECLARE_FINAL_TYPE (FbkApplication, fbk_application, FBK, APPLICATION, AdwApplication)

FbkApplication *fbk_application_new          (void);
GSettings      *fbk_application_get_settings (FbkApplication *self);

G_END_DECLS
