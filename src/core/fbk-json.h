/* fbk-json.h: JSON answers as RFC 8259 has them, before json-glib reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* For error messages: an answer's values are not secret, but they can be
 * long. */
#define FBK_JSON_EXCERPT_CHARS 40

JsonNode *fbk_json_load (GBytes      *body,
                         JsonParser  *parser,
                         GError     **error);

G_END_DECLS
