/* fbk-meter-row.h: one metering point in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fbk-metering-point.h"

G_BEGIN_DECLS

#define FBK_TYPE_METER_ROW (fbk_meter_row_get_type ())

G_DECLARE_FINAL_TYPE (FbkMeterRow, fbk_meter_row, FBK, METER_ROW, GtkListBoxRow)

/* Shows a meter's display name, id and badges, with a check button to pick
 * it and a popover to rename it. Renaming sets the meter's name and emits
 * ::renamed; saving the name is the caller's job. */

GtkWidget        *fbk_meter_row_new        (FbkMeteringPoint *meter);
FbkMeteringPoint *fbk_meter_row_get_meter  (FbkMeterRow      *self);
gboolean          fbk_meter_row_get_picked (FbkMeterRow      *self);
void              fbk_meter_row_set_picked (FbkMeterRow      *self,
                                            gboolean          picked);

G_END_DECLS
