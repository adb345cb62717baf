/* fbk-token-preferences-group.h: the token in the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-repository.h"
#include "fbk-token-store.h"

G_BEGIN_DECLS

#define FBK_TYPE_TOKEN_PREFERENCES_GROUP (fbk_token_preferences_group_get_type ())

G_DECLARE_FINAL_TYPE (FbkTokenPreferencesGroup, fbk_token_preferences_group, FBK, TOKEN_PREFERENCES_GROUP, AdwPreferencesGroup)

FbkRepository *fbk_token_preferences_group_get_repository  (FbkTokenPreferencesGroup *self);
void           fbk_token_preferences_group_set_repository  (FbkTokenPreferencesGroup *self,
                                                            FbkRepository            *repository);
FbkTokenStore *fbk_token_preferences_group_get_token_store (FbkTokenPreferencesGroup *self);
void           fbk_token_preferences_group_set_token_store (FbkTokenPreferencesGroup *self,
                                                            FbkTokenStore            *token_store);
void           fbk_token_preferences_group_reload          (FbkTokenPreferencesGroup *self);

G_END_DECLS
