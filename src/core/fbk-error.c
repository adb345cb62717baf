/* fbk-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fbk-error.h"

/* An FBK_API_ERROR carries, besides its message in people's words, the
 * technical text behind it (libsoup's), for those who want it. */
typedef struct
{
  char *details;
} FbkApiErrorPrivate;

static void
fbk_api_error_private_init (FbkApiErrorPrivate *priv)
{
  priv->details = NULL;
}

static void
fbk_api_error_private_copy (const FbkApiErrorPrivate *src,
                            FbkApiErrorPrivate       *dest)
{
  dest->details = g_strdup (src->details);
}

static void
fbk_api_error_private_clear (FbkApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->details, g_free);
}

G_DEFINE_EXTENDED_ERROR (FbkApiError, fbk_api_error)
G_DEFINE_QUARK (fbk-parse-error-quark, fbk_parse_error)
G_DEFINE_QUARK (fbk-token-error-quark, fbk_token_error)

/* Cc is C0, DEL and C1; Cf holds the bidirectional controls (U+202A–U+202E,
 * U+2066–U+2069) besides harmless ones such as the soft hyphen, which lose
 * nothing as spaces in a message. */
static gboolean
is_unshowable (gunichar c)
{
  return g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT;
}

char *
fbk_error_tidy_server_text (const char *text,
                            guint       max_chars)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) shown = NULL;
  char *stripped;

  g_return_val_if_fail (text != NULL, NULL);

  /* json-glib 1.6 decodes octal escapes ("\360") to raw bytes, so text
   * read from a body need not be UTF-8. */
  valid = g_utf8_make_valid (text, -1);
  shown = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_unshowable (c))
        g_string_append_c (shown, ' ');
      else
        g_string_append_len (shown, p, g_utf8_next_char (p) - p);
    }

  stripped = g_strstrip (shown->str);
  if (g_utf8_strlen (stripped, -1) > max_chars)
    {
      g_autofree char *head = g_utf8_substring (stripped, 0, max_chars);

      return g_strconcat (head, "…", NULL);
    }

  return g_strdup (stripped);
}

void
fbk_api_error_set_details (GError     *error,
                           const char *details)
{
  FbkApiErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == FBK_API_ERROR);

  priv = fbk_api_error_get_private (error);
  g_free (priv->details);
  priv->details = g_strdup (details);
}

const char *
fbk_api_error_get_details (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != FBK_API_ERROR)
    return NULL;
  return fbk_api_error_get_private (error)->details;
}
