/* fbk-token-preferences-group.h: the token in the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-session.h"

G_BEGIN_DECLS

#define FBK_TYPE_TOKEN_PREFERENCES_GROUP (fbk_token_preferences_group_get_type ())

G_DECLARE_FINAL_TYPE (FbkTokenPreferencesGroup, fbk_token_preferences_group, FBK, TOKEN_PREFERENCES_GROUP, AdwPreferencesGroup)

FbkSession    *fbk_token_preferences_group_get_session     (FbkTokenPreferencesGroup *self);
void           fbk_token_preferences_group_set_session     (FbkTokenPreferencesGroup *self,
                                                            FbkSession               *session);
void           fbk_token_preferences_group_reload          (FbkTokenPreferencesGroup *self);

G_END_DECLS
