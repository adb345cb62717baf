/* fbk-contract-preferences-group.h: one metering point's contract
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FBK_TYPE_CONTRACT_PREFERENCES_GROUP (fbk_contract_preferences_group_get_type ())

G_DECLARE_FINAL_TYPE (FbkContractPreferencesGroup, fbk_contract_preferences_group, FBK, CONTRACT_PREFERENCES_GROUP,
                      AdwPreferencesGroup)

GtkWidget *fbk_contract_preferences_group_new (const char *metering_point_id,
                                               const char *name);

G_END_DECLS
