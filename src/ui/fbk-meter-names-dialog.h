/* fbk-meter-names-dialog.h: naming the meters a new token covers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-repository.h"

G_BEGIN_DECLS

#define FBK_TYPE_METER_NAMES_DIALOG (fbk_meter_names_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FbkMeterNamesDialog, fbk_meter_names_dialog, FBK, METER_NAMES_DIALOG, AdwMessageDialog)

GtkWidget *fbk_meter_names_dialog_new (FbkRepository *repository);

G_END_DECLS
