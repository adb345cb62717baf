/* fbk-json-writer.h: JSON output with numbers as people write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* For fbk_json_format_number(): no stated precision, the shortest text
 * that reads back as the same double. */
#define FBK_JSON_ANY_PRECISION (-1)

char *fbk_json_format_number (double      value,
                              int         decimals);
void  fbk_json_append_number (GString    *json,
                              double      value,
                              int         decimals);
void  fbk_json_append_string (GString    *json,
                              const char *text);
char *fbk_json_node_to_data  (JsonNode   *root);

G_END_DECLS
