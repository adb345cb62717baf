/* fbk-meter-list.h: the metering points to show, picked in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fbk-metering-point.h"

G_BEGIN_DECLS

#define FBK_TYPE_METER_LIST (fbk_meter_list_get_type ())

G_DECLARE_FINAL_TYPE (FbkMeterList, fbk_meter_list, FBK, METER_LIST, GtkWidget)

/* One row per FbkMeteringPoint of FbkMeterList:model. Any number of meters
 * can be picked, but never none while there are meters: unpicking the last
 * one is refused, and when no wanted id is in the model the first meter is
 * picked. FbkMeterList:picked-ids are the picked ids in model order; setting
 * them (say from the last run, before the meters are known) says which ids
 * are wanted, and they are picked as they turn up. ::meter-renamed is
 * emitted after the user renamed a meter, for the caller to save the name. */

GtkWidget           *fbk_meter_list_new             (void);
GListModel          *fbk_meter_list_get_model       (FbkMeterList       *self);
void                 fbk_meter_list_set_model       (FbkMeterList       *self,
                                                     GListModel         *model);
const char * const  *fbk_meter_list_get_picked_ids  (FbkMeterList       *self);
void                 fbk_meter_list_set_picked_ids  (FbkMeterList       *self,
                                                     const char * const *ids);

G_END_DECLS
