/* fbk-cli-notes.h: what forbruk-cli says on stderr beside its data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-repository.h"

G_BEGIN_DECLS

void fbk_cli_report_dropped    (GArray               *dropped);
void fbk_cli_report_price_days (const FbkPriceResult *prices);

G_END_DECLS
