/* fbk-test-http.c: plain HTTP requests to a server on loopback, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-test-http.h"
#include "fbk-test-support.h"

typedef struct
{
  FbkTestResponse *response;
  gint64           started;
  gboolean         done;
} Pending;

FbkDemoServer *
fbk_test_http_start_demo (guint64    seed,
                          FbkInstant now)
{
  FbkDemoServer *server = fbk_demo_server_new (seed);
  g_autoptr(GError) error = NULL;

  fbk_demo_server_set_now (server, now);
  fbk_demo_server_start (server, 0, &error);
  g_assert_no_error (error);

  return server;
}

SoupSession *
fbk_test_http_session_new (void)
{
  return soup_session_new_with_options ("proxy-resolver", NULL, "timeout", 20, NULL);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pending *pending = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  pending->response->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                               &pending->response->error);
  pending->response->status = soup_message_get_status (msg);
  pending->response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  pending->response->elapsed_ms = (g_get_monotonic_time () - pending->started) / 1000.0;
  pending->done = TRUE;
}

FbkTestResponse *
fbk_test_http_request (SoupSession *session,
                       const char  *method,
                       const char  *url,
                       const char  *authorization)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  Pending pending = { g_new0 (FbkTestResponse, 1), g_get_monotonic_time (), FALSE };

  g_assert_nonnull (msg);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, fetched_cb, &pending);
  fbk_test_wait_until (pending.done, 30);

  return pending.response;
}

JsonNode *
fbk_test_response_json (const FbkTestResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  g_assert_no_error (response->error);
  g_assert_nonnull (response->body);
  data = g_bytes_get_data (response->body, &length);
  json_parser_load_from_data (parser, data, (gssize) length, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

void
fbk_test_response_free (FbkTestResponse *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_error (&response->error);
  g_free (response);
}
