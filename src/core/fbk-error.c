/* fbk-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-error.h"

G_DEFINE_QUARK (fbk-api-error-quark, fbk_api_error)
G_DEFINE_QUARK (fbk-parse-error-quark, fbk_parse_error)
G_DEFINE_QUARK (fbk-token-error-quark, fbk_token_error)
