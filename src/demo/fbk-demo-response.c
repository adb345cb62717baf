/* fbk-demo-response.c: what the simulator puts on the wire
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Answers as every service of the simulator sends them: a status and a
 * body, a plain error, and the two faults that break the connection
 * instead (FbkDemoServer decides when). */

#define G_LOG_DOMAIN "fbk-demo-server"

#include "config.h"

#include "fbk-demo-response.h"

/* libsoup has no phrase for 429. */
static const char *
reason_phrase (guint status)
{
  return status == 429 ? "Too Many Requests" : soup_status_get_phrase (status);
}

/**
 * fbk_demo_respond:
 * @body: (transfer full): the body
 *
 * Returns: @status, for the request log
 */
guint
fbk_demo_respond (SoupServerMessage *msg,
                  guint              status,
                  const char        *content_type,
                  GString           *body)
{
  gsize length = body->len;

  soup_server_message_set_status (msg, status, reason_phrase (status));
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), length);
  return status;
}

/**
 * fbk_demo_respond_plain:
 *
 * Answers @status with its reason phrase as a text/plain body, as a web
 * server does for a path it does not serve.
 *
 * Returns: @status
 */
guint
fbk_demo_respond_plain (SoupServerMessage *msg,
                        guint              status)
{
  return fbk_demo_respond (msg, status, "text/plain; charset=utf-8",
                           g_string_new (reason_phrase (status)));
}

/**
 * fbk_demo_answer_plain_error:
 *
 * The #FbkDemoService answer_error of a service whose errors are plain
 * text, like a web server's.
 *
 * Returns: @status
 */
guint
fbk_demo_answer_plain_error (const FbkDemoCall *call,
                             guint              status,
                             guint              retry_after_seconds)
{
  return fbk_demo_respond_plain (call->msg, status);
}

/**
 * fbk_demo_trace_id:
 *
 * Returns: a W3C traceparent as ASP.NET puts in its problem details,
 *   the same for the same seed and request number
 */
char *
fbk_demo_trace_id (guint64 seed,
                   guint   request_number)
{
  guint32 key[] = { (guint32) seed, (guint32) (seed >> 32), request_number };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (key, G_N_ELEMENTS (key));
  guint32 w[6];

  for (guint i = 0; i < G_N_ELEMENTS (w); i++)
    w[i] = g_rand_int (rand);

  return g_strdup_printf ("00-%08x%08x%08x%08x-%08x%08x-00", w[0], w[1], w[2], w[3], w[4], w[5]);
}

/**
 * fbk_demo_drop_connection:
 *
 * Closes the connection without an answer. @msg must not be touched again.
 */
void
fbk_demo_drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
truncated_written_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GIOStream) stream = user_data;
  g_autoptr(GError) error = NULL;

  /* The client may hang up first; either way the connection ends here. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    g_debug ("Writing a truncated response: %s", error->message);
  g_io_stream_close (stream, NULL, NULL);
}

/**
 * fbk_demo_send_truncated:
 *
 * Sends the answer already set on @msg as a connection cut in mid-transfer
 * looks to the client: the status line, the headers with a Content-Length
 * for the whole body, then only half the body, and hangs up. @msg must not
 * be touched again.
 */
void
fbk_demo_send_truncated (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  g_autoptr(GIOStream) stream = NULL;
  GOutputStream *output;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GString *raw = g_string_new (NULL);
  GBytes *bytes;
  gsize length = g_bytes_get_size (body);

  g_string_append_printf (raw, "HTTP/1.1 %u %s\r\n", soup_server_message_get_status (msg),
                          soup_server_message_get_reason_phrase (msg));
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Content-Length") != 0 && g_ascii_strcasecmp (name, "Connection") != 0)
        g_string_append_printf (raw, "%s: %s\r\n", name, value);
    }
  g_string_append_printf (raw, "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n", length);
  g_string_append_len (raw, g_bytes_get_data (body, NULL), (gssize) (length / 2));

  bytes = g_string_free_to_bytes (raw);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    {
      g_bytes_unref (bytes);
      return;
    }

  /* Asynchronously: the client may be reading on this very main context. */
  g_object_set_data_full (G_OBJECT (stream), "fbk-demo-truncated-body", bytes, (GDestroyNotify) g_bytes_unref);
  output = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all_async (output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_PRIORITY_DEFAULT, NULL,
                                   truncated_written_cb, g_steal_pointer (&stream));
}
