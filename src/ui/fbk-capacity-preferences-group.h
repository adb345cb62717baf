/* fbk-capacity-preferences-group.h: how near the next capacity step to
 * warn, and whether to keep watching with the window closed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FBK_TYPE_CAPACITY_PREFERENCES_GROUP (fbk_capacity_preferences_group_get_type ())

G_DECLARE_FINAL_TYPE (FbkCapacityPreferencesGroup, fbk_capacity_preferences_group, FBK, CAPACITY_PREFERENCES_GROUP, AdwPreferencesGroup)

void fbk_capacity_preferences_group_set_settings (FbkCapacityPreferencesGroup *self,
                                                  GSettings                   *settings);

G_END_DECLS
