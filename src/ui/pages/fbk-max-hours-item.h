/* fbk-max-hours-item.h: one month of one meter, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-max-hours-table.h"

G_BEGIN_DECLS

#define FBK_TYPE_MAX_HOURS_ITEM (fbk_max_hours_item_get_type ())

G_DECLARE_FINAL_TYPE (FbkMaxHoursItem, fbk_max_hours_item, FBK, MAX_HOURS_ITEM, GObject)

FbkMaxHoursItem      *fbk_max_hours_item_new            (const char           *meter_name,
                                                         guint                 meter_index,
                                                         const FbkMaxHoursRow *row);
guint                 fbk_max_hours_item_get_meter_index (FbkMaxHoursItem     *self);
const char           *fbk_max_hours_item_get_meter_name (FbkMaxHoursItem      *self);
const FbkMaxHoursRow *fbk_max_hours_item_get_row        (FbkMaxHoursItem      *self);

G_END_DECLS
