/* fbk-json-writer.c: JSON output with numbers as people write them
 *
 * json-glib 1.6's generator prints every double with 17 significant
 * digits, so 9.621 comes out as 9.6210000000000004. Every JSON that
 * forbruk writes (values, max hours, costs, prices) goes through here
 * instead, and a number reads as it would in a spreadsheet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-json-writer"

#include "config.h"

#include <math.h>

#include "fbk-json-writer.h"

/* A double has at most 17 significant digits that matter. */
#define MAX_SIGNIFICANT_DIGITS 17
#define MAX_DECIMALS           9

/* "9.6210" is "9.621" and "3.000" is "3": trailing zeros after the point
 * say nothing the stated precision does not. */
static void
strip_trailing_zeros (char *text)
{
  char *point = strchr (text, '.');
  char *end;

  if (point == NULL || strpbrk (text, "eE") != NULL)
    return;

  end = point + strlen (point) - 1;
  while (end > point && *end == '0')
    *end-- = '\0';
  if (end == point)
    *point = '\0';
}

/**
 * fbk_json_format_number:
 * @decimals: the precision the value is stated at (rounded to it), or
 *   %FBK_JSON_ANY_PRECISION
 *
 * Returns: (transfer full): the shortest text that reads back as @value
 *   at that precision: "9.621", "3", "-0.5"; "null" for a value that is
 *   unknown (NaN) or infinite, since JSON has no such numbers, and "0"
 *   rather than "-0"
 */
char *
fbk_json_format_number (double value,
                        int    decimals)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("null");

  if (decimals >= 0)
    {
      double scale = pow (10.0, MIN (decimals, MAX_DECIMALS));
      char format[8];

      value = round (value * scale) / scale;
      g_snprintf (format, sizeof format, "%%.%df", MIN (decimals, MAX_DECIMALS));
      g_ascii_formatd (text, sizeof text, format, value == 0.0 ? 0.0 : value);
      strip_trailing_zeros (text);
      return g_strdup (text);
    }

  if (value == 0.0)
    return g_strdup ("0");
  for (int digits = 1; digits <= MAX_SIGNIFICANT_DIGITS; digits++)
    {
      char format[8];
      int exponent;

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (text, sizeof text, format, value);
      if (g_ascii_strtod (text, NULL) != value)
        continue;

      /* The same digits without an exponent, as people write them ("10",
       * not "1e+01"), for any number a meter or a bill has. */
      exponent = (int) floor (log10 (fabs (value)));
      if (strpbrk (text, "eE") != NULL && exponent >= -MAX_DECIMALS && exponent < MAX_SIGNIFICANT_DIGITS)
        {
          g_snprintf (format, sizeof format, "%%.%df", MAX (0, digits - 1 - exponent));
          g_ascii_formatd (text, sizeof text, format, value);
        }
      break;
    }
  return g_strdup (text);
}

void
fbk_json_append_number (GString *json,
                        double   value,
                        int      decimals)
{
  g_autofree char *text = fbk_json_format_number (value, decimals);

  g_string_append (json, text);
}

/* @text as a JSON string, quoted, with what RFC 8259 requires escaped. */
void
fbk_json_append_string (GString    *json,
                        const char *text)
{
  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (json, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

static void
append_indent (GString *json,
               guint    depth)
{
  g_string_append_c (json, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (json, "  ");
}

static void append_node (GString  *json,
                         JsonNode *node,
                         guint     depth);

static void
append_value (GString  *json,
              JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      g_string_append (json, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_INT64:
      g_string_append_printf (json, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      fbk_json_append_number (json, json_node_get_double (node), FBK_JSON_ANY_PRECISION);
      break;
    case G_TYPE_STRING:
    default:
      fbk_json_append_string (json, json_node_get_string (node));
      break;
    }
}

static void
append_node (GString  *json,
             JsonNode *node,
             guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        g_string_append_c (json, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            append_indent (json, depth + 1);
            fbk_json_append_string (json, l->data);
            g_string_append (json, ": ");
            append_node (json, json_object_get_member (object, l->data), depth + 1);
            if (l->next != NULL)
              g_string_append_c (json, ',');
          }
        if (members != NULL)
          append_indent (json, depth);
        g_string_append_c (json, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (json, '[');
        for (guint i = 0; i < n; i++)
          {
            append_indent (json, depth + 1);
            append_node (json, json_array_get_element (array, i), depth + 1);
            if (i + 1 < n)
              g_string_append_c (json, ',');
          }
        if (n > 0)
          append_indent (json, depth);
        g_string_append_c (json, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (json, "null");
      break;

    case JSON_NODE_VALUE:
    default:
      append_value (json, node);
      break;
    }
}

/**
 * fbk_json_node_to_data:
 *
 * What json_generator_to_data() with pretty printing gives, two spaces an
 * indent, but with each double as fbk_json_format_number() writes it.
 *
 * Returns: (transfer full): @root as JSON text, ending in a newline
 */
char *
fbk_json_node_to_data (JsonNode *root)
{
  GString *json = g_string_new (NULL);

  append_node (json, root, 0);
  g_string_append_c (json, '\n');
  return g_string_free (json, FALSE);
}
