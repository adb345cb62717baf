/* fbk-test-http.h: plain HTTP requests to a server on loopback, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "fbk-demo-server.h"

G_BEGIN_DECLS

/* An answer as a client saw it. */
typedef struct
{
  guint               status;      /* 0 if the request failed */
  GBytes             *body;        /* NULL if the request failed */
  SoupMessageHeaders *headers;
  GError             *error;
  double              elapsed_ms;  /* request to last byte */
} FbkTestResponse;

/* A demo server with @seed and its clock stopped at @now, listening on
 * loopback and serving from the default main context. */
FbkDemoServer   *fbk_test_http_start_demo  (guint64                seed,
                                            FbkInstant             now);
/* A session that never asks a proxy about loopback. */
SoupSession     *fbk_test_http_session_new (void);
/* @method @url with the Authorization header @authorization (NULL: none),
 * run on the default main context to the last byte or a failure. */
FbkTestResponse *fbk_test_http_request     (SoupSession           *session,
                                            const char            *method,
                                            const char            *url,
                                            const char            *authorization);
/* The root of the body, asserting the request succeeded and the body is
 * JSON. */
JsonNode        *fbk_test_response_json    (const FbkTestResponse *response);
void             fbk_test_response_free    (FbkTestResponse       *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkTestResponse, fbk_test_response_free)

G_END_DECLS
