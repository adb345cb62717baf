/* fbk-price-parse.h: the price service's answers, validated at the boundary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-spot-price.h"
#include "fbk-time.h"

G_BEGIN_DECLS

GArray *fbk_parse_spot_prices (GBytes   *body,
                               FbkDate   day,
                               GError  **error);

G_END_DECLS
