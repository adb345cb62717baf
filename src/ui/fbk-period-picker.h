/* fbk-period-picker.h: choosing the period and the resolution to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fbk-period.h"

G_BEGIN_DECLS

#define FBK_TYPE_PERIOD_PICKER (fbk_period_picker_get_type ())

G_DECLARE_FINAL_TYPE (FbkPeriodPicker, fbk_period_picker, FBK, PERIOD_PICKER, GtkBox)

/* A preset menu, back/forward buttons (also Alt+Left / Alt+Right while the
 * focus is inside, through the actions "period.previous" and
 * "period.next"), a custom range with two calendars, and a resolution that
 * follows the period until the user picks one.
 *
 * ::changed is emitted once per change of the selection (period, resolution
 * or both). To restore the last selection:
 *
 *   FbkPeriod period = fbk_period_restore (saved, fbk_period_picker_get_now (picker));
 *   fbk_period_picker_set_period (picker, &period);
 *
 * and save fbk_period_to_string (fbk_period_picker_get_period (picker)) and,
 * when resolution-follows-period is FALSE, the resolution. */

GtkWidget       *fbk_period_picker_new                           (void);

const FbkPeriod *fbk_period_picker_get_period                    (FbkPeriodPicker *self);
void             fbk_period_picker_set_period                    (FbkPeriodPicker *self,
                                                                  const FbkPeriod *period);
FbkResolution    fbk_period_picker_get_resolution                (FbkPeriodPicker *self);
void             fbk_period_picker_set_resolution                (FbkPeriodPicker *self,
                                                                  FbkResolution    resolution);
gboolean         fbk_period_picker_get_resolution_follows_period (FbkPeriodPicker *self);
void             fbk_period_picker_set_resolution_follows_period (FbkPeriodPicker *self,
                                                                  gboolean         follows);
FbkInstant       fbk_period_picker_get_now                       (FbkPeriodPicker *self);
void             fbk_period_picker_set_now                       (FbkPeriodPicker *self,
                                                                  FbkInstant       now);

void             fbk_period_picker_set_shows_resolution          (FbkPeriodPicker *self,
                                                                  gboolean         shows);

G_END_DECLS
