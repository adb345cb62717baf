/* fbk-contract-settings.h: each metering point's contract in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-contract.h"

G_BEGIN_DECLS

#define FBK_CONTRACT_SCHEMA_ID "io.github.forbruk.Forbruk.Contract"

GSettings  *fbk_contract_settings_new    (const char        *metering_point_id);
void        fbk_contract_settings_read   (GSettings         *settings,
                                          FbkContract       *out_contract);
void        fbk_contract_settings_write  (GSettings         *settings,
                                          const FbkContract *contract);
void        fbk_contract_load            (const char        *metering_point_id,
                                          FbkContract       *out_contract);

G_END_DECLS
