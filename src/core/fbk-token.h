/* fbk-token.h: the Elvia access token as pasted text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-time.h"

G_BEGIN_DECLS

/* A real token is a JWT of 1–2 KB. The bounds only catch obvious mistakes:
 * a truncated copy, or a whole page pasted instead of the token. */
#define FBK_TOKEN_MIN_LENGTH 20
#define FBK_TOKEN_MAX_LENGTH 8192

/* Days before expiry from which the app and forbruk-cli warn. */
#define FBK_TOKEN_EXPIRY_WARNING_DAYS 30

/* A token string owned by the caller. Free it only with fbk_token_free(),
 * which overwrites it first; g_auto(FbkTokenString) does that for you. */
typedef char *FbkTokenString;

/* Turns pasted text into a token that is safe to put into an HTTP header,
 * or returns NULL with FBK_API_ERROR_INVALID_TOKEN.
 *
 * Removed: white space and invisible characters around the token (including
 * Unicode spaces and zero-width characters that come along when copying from
 * a web page), a leading "Bearer" and the blanks after it (people copy the
 * whole header value), and line breaks inside it together with the
 * indentation around them: a token never contains white space, so a line
 * break can only come from a mail client or terminal wrapping a long line.
 *
 * Refused: empty text, text longer than FBK_TOKEN_MAX_LENGTH or shorter than
 * FBK_TOKEN_MIN_LENGTH, control characters, anything outside ASCII, spaces or
 * tabs inside the token (not at a line break: those mean two things were
 * pasted), and a GridTariff subscription key, which is the wrong credential.
 *
 * The error message is for people and never contains the pasted text. */
FbkTokenString fbk_token_clean     (const char  *text,
                                    GError     **error);

/* The same checks as fbk_token_clean() on text that must already be clean;
 * nothing is removed. */
gboolean       fbk_token_validate  (const char  *token,
                                    GError     **error);

/* Overwrites the token's bytes, then frees it. NULL is ignored. */
void           fbk_token_free      (char        *token);

/* Overwrites @length bytes at @data, in a way the compiler cannot drop as a
 * dead store before a free: for every other copy of the token. */
void           fbk_token_wipe      (gpointer     data,
                                    gsize        length);

/* A copy of @text in which every piece of @token at least
 * FBK_TOKEN_REDACT_MIN_CHARS long is replaced by "…". A server that echoes
 * the Authorization header puts the token into text that becomes an error
 * message: whole, or a part of it where an excerpt cut it short. With a
 * NULL @token, a plain copy. */
#define FBK_TOKEN_REDACT_MIN_CHARS 8

char          *fbk_token_redact    (const char  *text,
                                    const char  *token);

/* TRUE for 32 hexadecimal digits: the shape of an Azure API Management
 * subscription key, which Elvia's developer portal hands out for the
 * GridTariffAPI and which the MeterValueApi does not accept. */
gboolean       fbk_token_looks_like_subscription_key (const char *text);

/* If the token is a JWT (three base64url segments) whose payload is a JSON
 * object with a numeric "exp" claim, stores that instant in *expiry and
 * returns TRUE. Any other token is opaque: FALSE, *expiry untouched. */
gboolean       fbk_token_get_expiry (const char *token,
                                     FbkInstant *expiry);

/* TRUE if expiry lies no more than days × 24 h after now (an expired token
 * included), so the UI can warn ahead of time; days = 0 asks "expired?". */
gboolean       fbk_token_expires_within (FbkInstant expiry,
                                         FbkInstant now,
                                         guint      days);

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (FbkTokenString, fbk_token_free, NULL)

G_END_DECLS
