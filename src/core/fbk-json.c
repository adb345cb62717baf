/* fbk-json.c: JSON answers as RFC 8259 has them, before json-glib reads them
 *
 * Shared by the parsers of both services (fbk-parse.c, fbk-price-parse.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-parse"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "fbk-error.h"
#include "fbk-json.h"

/* The answers nest six levels deep at most. json-glib 1.6 parses
 * recursively and overflows the stack on deeply nested input (a few
 * hundred thousand '[' segfault it), so nesting is checked before it sees
 * the data. */
#define MAX_NESTING 32

/* json-glib's own messages quote the body too. */
#define JSON_ERROR_CHARS 160

/* What json-glib 1.6 reads beyond JSON must not reach it. Found by trying
 * it (it descends from GScanner): single-quoted strings and comments, which
 * would also hide brackets from the nesting count; `var NAME =` before the
 * value; and numbers JSON does not have, read as other numbers: 010 and
 * 00012 as octal (8 and 10), 0x10 and $10 as hexadecimal (16), 0b1 as
 * binary, .5 and 1. as decimals. So outside strings only JSON's own tokens
 * pass (RFC 8259): its structural characters and white space, true, false,
 * null, and numbers of its grammar.
 *
 * A JSON integer too large for int64 is read by json-glib without a word,
 * wrapped: 2⁶³ as −2⁶³, anything larger as −1, −2⁶⁴ as +1. Integers long
 * enough for that are noted here and read as doubles instead
 * (widen_long_integers()), so they fail as too large for their field, by
 * name, like any other implausible number. */

/* Every integer of up to 18 digits fits in int64; of 19, not all do. */
#define MAX_EXACT_INTEGER_DIGITS 18

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* What may follow a number or a literal. */
static gboolean
ends_token (const char *p,
            const char *end)
{
  return p == end || is_json_space (*p) || *p == ',' || *p == ']' || *p == '}';
}

static const char *
skip_digits (const char *p,
             const char *end)
{
  while (p < end && g_ascii_isdigit (*p))
    p++;
  return p;
}

/* The length of the JSON number at @p, or 0 when what starts there is not
 * one (010, 0x10, 1., 1.5.5). */
static gsize
json_number_length (const char *p,
                    const char *end,
                    gboolean   *out_long_integer)
{
  const char *start = p;
  const char *digits;
  gboolean integer = TRUE;

  if (*p == '-')
    p++;

  digits = p;
  if (p < end && *p == '0')
    p++;
  else
    p = skip_digits (p, end);
  if (p == digits)
    return 0;
  *out_long_integer = p - digits > MAX_EXACT_INTEGER_DIGITS;

  if (p < end && *p == '.')
    {
      const char *fraction = ++p;

      if ((p = skip_digits (p, end)) == fraction)
        return 0;
      integer = FALSE;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      const char *exponent;

      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      exponent = p;
      if ((p = skip_digits (p, end)) == exponent)
        return 0;
      integer = FALSE;
    }

  *out_long_integer &= integer;
  return ends_token (p, end) ? (gsize) (p - start) : 0;
}

static gsize
json_literal_length (const char *p,
                     const char *end)
{
  const char *literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize length = strlen (literals[i]);

      if ((gsize) (end - p) >= length && memcmp (p, literals[i], length) == 0 &&
          ends_token (p + length, end))
        return length;
    }
  return 0;
}

/* Past the string whose opening quote is just before @p. */
static const char *
skip_string (const char *p,
             const char *end)
{
  while (p < end)
    {
      if (*p == '"')
        return p + 1;
      p += *p == '\\' && end - p > 1 ? 2 : 1;
    }
  return end;
}

static gboolean
fail_syntax (const char  *p,
             const char  *end,
             GError     **error)
{
  const char *token_end = p;
  g_autofree char *token = NULL;
  g_autofree char *shown = NULL;

  while (token_end < end && token_end - p < FBK_JSON_EXCERPT_CHARS + 1 &&
         !is_json_space (*token_end) && strchr (",:[]{}\"", *token_end) == NULL)
    token_end++;
  token = g_strndup (p, MAX (token_end - p, 1));
  shown = fbk_error_tidy_server_text (token, FBK_JSON_EXCERPT_CHARS);

  g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_JSON,
               _("The server’s answer is not valid JSON: “%s” is not a JSON value."), shown);
  return FALSE;
}

/* Refuses what json-glib must not see: nesting deeper than MAX_NESTING, and
 * anything outside strings that is not JSON. Sets *out_long_integer_ends
 * to the offsets just past each integer json-glib would wrap, or leaves it
 * NULL when there are none. */
static gboolean
check_syntax (const char  *data,
              gsize        length,
              GArray     **out_long_integer_ends,
              GError     **error)
{
  const char *end = data + length;
  const char *p = data;
  guint depth = 0;

  /* A byte order mark may open JSON text (RFC 8259 §8.1), and json-glib
   * skips it. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      gboolean long_integer = FALSE;
      gsize token_length;

      switch (*p)
        {
        case '"':
          p = skip_string (p + 1, end);
          continue;

        case '[':
        case '{':
          if (++depth > MAX_NESTING)
            {
              g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_JSON,
                           _("The server’s answer is nested too deeply to be one Forbruk reads."));
              return FALSE;
            }
          p++;
          continue;

        case ']':
        case '}':
          if (depth > 0)
            depth--;
          p++;
          continue;

        case ',':
        case ':':
        case ' ':
        case '\t':
        case '\n':
        case '\r':
          p++;
          continue;

        default:
          break;
        }

      if (*p == '-' || g_ascii_isdigit (*p))
        token_length = json_number_length (p, end, &long_integer);
      else
        token_length = json_literal_length (p, end);
      if (token_length == 0)
        return fail_syntax (p, end, error);

      p += token_length;
      if (long_integer)
        {
          gsize offset = (gsize) (p - data);

          if (*out_long_integer_ends == NULL)
            *out_long_integer_ends = g_array_new (FALSE, FALSE, sizeof (gsize));
          g_array_append_val (*out_long_integer_ends, offset);
        }
    }

  return TRUE;
}

/* The body with ".0" after each integer at @ends: what json-glib then reads
 * as a double. */
static GString *
widen_long_integers (const char   *data,
                     gsize         length,
                     const GArray *ends)
{
  GString *widened = g_string_sized_new (length + 2 * ends->len);
  gsize copied = 0;

  for (guint i = 0; i < ends->len; i++)
    {
      gsize offset = g_array_index (ends, gsize, i);

      g_string_append_len (widened, data + copied, (gssize) (offset - copied));
      g_string_append (widened, ".0");
      copied = offset;
    }
  g_string_append_len (widened, data + copied, (gssize) (length - copied));

  return widened;
}

/**
 * fbk_json_load:
 * @body: a whole answer
 * @parser: (nullable): one the caller has set up (signal handlers that read
 *   ahead, say), or %NULL for a plain one
 *
 * Returns: (transfer full): the answer's root node, or %NULL with @error
 *   set (%FBK_PARSE_ERROR_INVALID_JSON) when it is not JSON as RFC 8259
 *   has it
 */
JsonNode *
fbk_json_load (GBytes      *body,
           JsonParser  *parser,
           GError     **error)
{
  g_autoptr(JsonParser) own_parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) long_integer_ends = NULL;
  g_autoptr(GString) widened = NULL;
  JsonNode *root;
  const char *data;
  gsize length;

  data = g_bytes_get_data (body, &length);

  if (length == 0 || length > G_MAXSSIZE)
    {
      g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_JSON,
                   _("The server’s answer is empty."));
      return NULL;
    }

  if (!check_syntax (data, length, &long_integer_ends, error))
    return NULL;
  if (long_integer_ends != NULL)
    {
      widened = widen_long_integers (data, length, long_integer_ends);
      data = widened->str;
      length = widened->len;
    }

  if (parser == NULL)
    parser = own_parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_autofree char *reason = fbk_error_tidy_server_text (local_error->message, JSON_ERROR_CHARS);

      g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_JSON,
                   _("The server’s answer is not valid JSON (%s)."), reason);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_JSON,
                   _("The server’s answer is empty."));
      return NULL;
    }

  return root;
}

