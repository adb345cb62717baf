/* fbk-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-store.h"

#include "fbk-token-preferences-group.h"

G_BEGIN_DECLS

#define FBK_TYPE_PREFERENCES_WINDOW (fbk_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (FbkPreferencesWindow, fbk_preferences_window, FBK, PREFERENCES_WINDOW, AdwPreferencesWindow)

FbkPreferencesWindow     *fbk_preferences_window_new             (GSettings            *settings);
void                      fbk_preferences_window_set_store       (FbkPreferencesWindow *self,
                                                                  FbkStore             *store);
FbkTokenPreferencesGroup *fbk_preferences_window_get_token_group (FbkPreferencesWindow *self);
void                      fbk_preferences_window_set_meters      (FbkPreferencesWindow *self,
                                                                  GListModel           *meters);

G_END_DECLS
