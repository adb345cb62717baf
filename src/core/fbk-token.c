/* fbk-token.c: the Elvia access token as pasted or piped text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-token"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <math.h>
#include <string.h>

#include "fbk-error.h"
#include "fbk-token.h"

#define SUBSCRIPTION_KEY_LENGTH 32
#define TOO_LONG_MESSAGE N_("That is much longer than an access token. Copy only the token from Elvia’s Min side.")
#define SECONDS_PER_DAY 86400
/* 9999-12-31T23:59:59Z: an "exp" beyond it is not a date we could show. */
#define LATEST_EXPIRY G_GINT64_CONSTANT (253402300799)

/* A volatile pointer, so the compiler cannot drop the stores as dead just
 * because the buffer is freed right after. */
void
fbk_token_wipe (gpointer data,
                gsize    length)
{
  volatile guchar *p = data;

  while (length--)
    *p++ = 0;
}

void
fbk_token_free (char *token)
{
  /* Also right for the non-pageable memory libsecret hands out, and it
   * overwrites before freeing. */
  secret_password_free (token);
}

/* White space, and the zero-width and direction marks (Unicode "format"
 * characters) that come along when a token is copied from a web page. */
static gboolean
is_invisible (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_FORMAT;
}

static const char *
skip_invisible (const char *p,
                const char *end)
{
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2 || !is_invisible (c))
        break;
      p = g_utf8_next_char (p);
    }
  return p;
}

static const char *
skip_invisible_backwards (const char *start,
                          const char *end)
{
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      gunichar c;

      if (prev == NULL || g_utf8_next_char (prev) != end)
        break;
      c = g_utf8_get_char_validated (prev, end - prev);
      if (c == (gunichar) -1 || c == (gunichar) -2 || !is_invisible (c))
        break;
      end = prev;
    }
  return end;
}

static gboolean
is_blank_or_newline (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, FBK_API_ERROR, FBK_API_ERROR_INVALID_TOKEN, message);
  return FALSE;
}

/* The length of the longest piece of @token that @text starts with. */
static gsize
longest_piece_at (const char *text,
                  const char *token)
{
  gsize longest = 0;

  for (const char *t = strchr (token, *text); t != NULL && *t != '\0'; t = strchr (t + 1, *text))
    {
      gsize length = 0;

      while (text[length] != '\0' && t[length] == text[length])
        length++;
      longest = MAX (longest, length);
    }
  return longest;
}

char *
fbk_token_redact (const char *text,
                  const char *token)
{
  GString *redacted;

  g_return_val_if_fail (text != NULL, NULL);

  if (token == NULL || *token == '\0')
    return g_strdup (text);

  /* A token is ASCII (fbk_token_validate()), so a piece never splits a
   * character of @text. */
  redacted = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0';)
    {
      gsize piece = longest_piece_at (p, token);

      if (piece >= FBK_TOKEN_REDACT_MIN_CHARS)
        {
          g_string_append (redacted, "…");
          p += piece;
        }
      else
        g_string_append_c (redacted, *p++);
    }

  return g_string_free (redacted, FALSE);
}

gboolean
fbk_token_looks_like_subscription_key (const char *text)
{
  if (text == NULL || strlen (text) != SUBSCRIPTION_KEY_LENGTH)
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isxdigit (*p))
        return FALSE;
    }
  return TRUE;
}

gboolean
fbk_token_validate (const char  *token,
                    GError     **error)
{
  gboolean has_control = FALSE;
  gboolean has_non_ascii = FALSE;
  gboolean has_space = FALSE;
  gsize length;

  length = token != NULL ? strlen (token) : 0;

  if (length == 0)
    return refuse (error, _("No token was given. Copy the access token from Elvia’s Min side."));
  if (length > FBK_TOKEN_MAX_LENGTH)
    return refuse (error, _(TOO_LONG_MESSAGE));

  for (const guchar *p = (const guchar *) token; *p; p++)
    {
      if (*p == ' ' || *p == '\t')
        has_space = TRUE;
      else if (*p < 0x20 || *p == 0x7f)
        has_control = TRUE;
      else if (*p >= 0x80)
        has_non_ascii = TRUE;
    }

  if (has_control)
    return refuse (error, _("That contains control characters, which an access token never has. Copy the token again from Elvia’s Min side."));
  if (has_non_ascii)
    return refuse (error, _("That contains characters that an access token never has, such as æ, ø, å or curly quotes. Copy only the token."));
  if (has_space)
    return refuse (error, _("That contains spaces, but an access token is one unbroken string of characters. Copy only the token."));
  if (fbk_token_looks_like_subscription_key (token))
    return refuse (error, _("This looks like a GridTariff API key from Elvia’s developer portal. Forbruk needs the access token for meter values, which you create on Elvia’s Min side under “Tilganger”."));
  if (length < FBK_TOKEN_MIN_LENGTH)
    return refuse (error, _("That is too short to be an access token. Make sure you copied all of it."));

  return TRUE;
}

FbkTokenString
fbk_token_clean (const char  *text,
                 GError     **error)
{
  g_auto(FbkTokenString) token = NULL;
  gsize length;
  const char *start;
  const char *end;
  char *out;

  if (text == NULL)
    text = "";
  length = strlen (text);

  /* Bound the work and the copy before looking closer: wrapping and
   * indentation cannot make a real token four times longer. */
  if (length > 4 * FBK_TOKEN_MAX_LENGTH)
    {
      refuse (error, _(TOO_LONG_MESSAGE));
      return NULL;
    }

  start = skip_invisible (text, text + length);
  end = skip_invisible_backwards (start, text + length);

  /* The whole header value, as in the API's code samples. */
  if (end - start > 7 &&
      g_ascii_strncasecmp (start, "Bearer", 6) == 0 &&
      is_blank_or_newline (start[6]))
    {
      start += 6;
      while (start < end && is_blank_or_newline (*start))
        start++;
    }

  out = token = g_malloc (end - start + 1);
  while (start < end)
    {
      const char *run_end = start;
      gboolean has_newline = FALSE;

      if (!is_blank_or_newline (*start))
        {
          *out++ = *start++;
          continue;
        }

      for (; run_end < end && is_blank_or_newline (*run_end); run_end++)
        has_newline |= *run_end == '\r' || *run_end == '\n';

      /* A wrapped line: drop the break and the indentation around it. A
       * blank without a break stays, for fbk_token_validate() to refuse. */
      if (!has_newline)
        {
          memcpy (out, start, run_end - start);
          out += run_end - start;
        }
      start = run_end;
    }
  *out = '\0';

  if (!fbk_token_validate (token, error))
    return NULL;

  return g_steal_pointer (&token);
}

/* The JSON object in one JWT segment (unpadded base64url), or NULL. The
 * decoded bytes are wiped: they are part of the credential. */
static JsonParser *
parse_segment (const char *segment,
               gsize       length)
{
  g_autoptr(JsonParser) parser = NULL;
  gsize padded_length;
  gsize decoded_length = 0;
  char *buffer;
  gboolean parsed;

  if (length == 0 || length % 4 == 1)
    return NULL;

  padded_length = length + (4 - length % 4) % 4;
  buffer = g_malloc (padded_length + 1);
  for (gsize i = 0; i < padded_length; i++)
    {
      char c = i < length ? segment[i] : '=';

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      buffer[i] = c;
    }
  buffer[padded_length] = '\0';

  g_base64_decode_inplace (buffer, &decoded_length);

  parser = json_parser_new_immutable ();
  parsed = json_parser_load_from_data (parser, buffer, decoded_length, NULL);
  fbk_token_wipe (buffer, padded_length);
  g_free (buffer);

  /* Blank JSON parses, with no root at all. */
  if (!parsed || json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  return g_steal_pointer (&parser);
}

static gboolean
is_base64url (const char *p,
              const char *end)
{
  for (; p < end; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }
  return TRUE;
}

gboolean
fbk_token_get_expiry (const char *token,
                      FbkInstant *expiry)
{
  g_autoptr(JsonParser) header = NULL;
  g_autoptr(JsonParser) payload = NULL;
  const char *first_dot;
  const char *second_dot;
  const char *end;
  JsonNode *exp;
  double seconds;

  g_return_val_if_fail (expiry != NULL, FALSE);

  if (token == NULL)
    return FALSE;

  end = token + strlen (token);
  first_dot = strchr (token, '.');
  second_dot = first_dot != NULL ? strchr (first_dot + 1, '.') : NULL;
  if (second_dot == NULL || strchr (second_dot + 1, '.') != NULL)
    return FALSE;

  /* g_base64_decode() skips characters outside its alphabet instead of
   * failing, so check the alphabet first. */
  if (!is_base64url (token, first_dot) ||
      !is_base64url (first_dot + 1, second_dot) ||
      !is_base64url (second_dot + 1, end))
    return FALSE;

  header = parse_segment (token, first_dot - token);
  if (header == NULL)
    return FALSE;
  payload = parse_segment (first_dot + 1, second_dot - first_dot - 1);
  if (payload == NULL)
    return FALSE;

  exp = json_object_get_member (json_node_get_object (json_parser_get_root (payload)), "exp");
  if (exp == NULL || !JSON_NODE_HOLDS_VALUE (exp))
    return FALSE;

  switch (json_node_get_value_type (exp))
    {
    case G_TYPE_INT64:
      seconds = json_node_get_int (exp);
      break;
    case G_TYPE_DOUBLE:
      seconds = floor (json_node_get_double (exp));
      break;
    default:
      return FALSE;
    }

  if (!(seconds > 0 && seconds <= LATEST_EXPIRY))
    return FALSE;

  *expiry = (FbkInstant) seconds;
  return TRUE;
}

gboolean
fbk_token_expires_within (FbkInstant expiry,
                          FbkInstant now,
                          guint      days)
{
  return expiry <= now + (gint64) days * SECONDS_PER_DAY;
}
