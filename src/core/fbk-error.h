/* fbk-error.h: the error domains of Forbruk's core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Failures talking to the MeterValueApi, as a person needs them told apart:
 * each code has its own message and its own remedy in the UI and its own
 * exit status in forbruk-cli. */
#define FBK_API_ERROR (fbk_api_error_quark ())

typedef enum
{
  FBK_API_ERROR_AUTH_REFUSED,        /* 401/403: token deleted, mistyped or of the wrong kind */
  FBK_API_ERROR_INVALID_REQUEST,     /* 400: the API refused the parameters */
  FBK_API_ERROR_RATE_LIMITED,        /* 429 still after the bounded retries */
  FBK_API_ERROR_NETWORK,             /* no connection, DNS, TLS, timeout: fbk_api_error_get_details() */
  FBK_API_ERROR_SERVER,              /* 5xx still after the bounded retries, or another status */
  FBK_API_ERROR_MALFORMED_RESPONSE,  /* a 200 whose body is not what the API sends */
  FBK_API_ERROR_INSECURE_URL,        /* plain http to anything but loopback */
  FBK_API_ERROR_INVALID_TOKEN,       /* text that can never be a token (control chars, non-ASCII, length) */
} FbkApiError;

/* Shape errors found while validating a response body at the boundary. */
#define FBK_PARSE_ERROR (fbk_parse_error_quark ())

typedef enum
{
  FBK_PARSE_ERROR_INVALID_JSON,
  FBK_PARSE_ERROR_MISSING_FIELD,
  FBK_PARSE_ERROR_INVALID_FIELD,
} FbkParseError;

/* The keyring could not be used. Either way the token can still be kept in
 * memory for this run (FbkTokenStore:memory-only). */
#define FBK_TOKEN_ERROR (fbk_token_error_quark ())

typedef enum
{
  FBK_TOKEN_ERROR_UNAVAILABLE,  /* no session bus, no Secret Service, or no answer in time */
  FBK_TOKEN_ERROR_LOCKED,       /* the keyring is locked and was not unlocked */
} FbkTokenError;

GQuark fbk_api_error_quark   (void);

/* What went wrong on the way to a service, as a program said it (libsoup's
 * "Error resolving …", tidied), beside the message in people's words: for
 * a "Details" expander and the CLI's second line. Set only where there is
 * more to say than the message; NULL for other domains. */
void        fbk_api_error_set_details (GError       *error,
                                       const char   *details);
const char *fbk_api_error_get_details (const GError *error);

GQuark fbk_parse_error_quark (void);
GQuark fbk_token_error_quark (void);

/* Text from a server on its way into a message: made valid UTF-8, every
 * control character (C0, DEL and C1: ESC starts a terminal escape, and so
 * does U+009B) and every invisible format character (bidirectional
 * overrides, which reorder what a terminal shows) turned into a space, the
 * ends trimmed and the rest cut to @max_chars characters and an ellipsis.
 * Anything a response carries (a body's values, json-glib's quote of it,
 * problem details, a redirect's address) goes through here before it
 * reaches an error message; the result may be empty. */
char  *fbk_error_tidy_server_text (const char *text,
                                   guint       max_chars);

G_END_DECLS
