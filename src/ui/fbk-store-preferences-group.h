/* fbk-store-preferences-group.h: the data Forbruk keeps on this computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-store.h"

G_BEGIN_DECLS

#define FBK_TYPE_STORE_PREFERENCES_GROUP (fbk_store_preferences_group_get_type ())

G_DECLARE_FINAL_TYPE (FbkStorePreferencesGroup, fbk_store_preferences_group, FBK, STORE_PREFERENCES_GROUP, AdwPreferencesGroup)

void      fbk_store_preferences_group_set_store    (FbkStorePreferencesGroup *self,
                                                    FbkStore                 *store);
FbkStore *fbk_store_preferences_group_get_store    (FbkStorePreferencesGroup *self);
void      fbk_store_preferences_group_delete_async (FbkStorePreferencesGroup *self,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
gboolean  fbk_store_preferences_group_delete_finish (FbkStorePreferencesGroup *self,
                                                     GAsyncResult             *result,
                                                     GError                  **error);

G_END_DECLS
