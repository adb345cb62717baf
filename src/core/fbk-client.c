/* fbk-client.c: asynchronous client for Elvia's MeterValueApi
 *
 * One SoupSession serves every request, and each call is one request: the
 * repository decides what to ask for (fbk-range-planner.c) and what to do
 * with the answers. Requests go through one small scheduler: at most a few
 * run at once (the API has no published rate limit, so we stay polite),
 * each has a timeout, and 429/5xx/network failures are retried with
 * exponential backoff that honours Retry-After, a bounded number of times.
 *
 * The token is only ever copied into the Authorization header, and that
 * copy is wiped once the request is done. Nothing here logs it: debug
 * messages name the path and query, never the headers; and every error
 * handed out has the token redacted (hide_token()), for a server may echo it.
 *
 * An answer is read as a stream, at most FBK_MAX_RESPONSE_BYTES of it after
 * decompression, so that no answer (a gzip bomb, say) holds more memory than
 * that; and a redirect is followed only where --api-url could point
 * (fbk_client_url_is_allowed()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "fbk-client.h"
#include "fbk-worker-pool.h"
#include "fbk-error.h"
#include "fbk-token.h"

#define METERVALUES_PATH "/customer/metervalues/api/v1/metervalues"
#define MAXHOURS_PATH    "/customer/metervalues/api/v2/maxhours"

/* libsoup 3.2 has no name for it. */
#define HTTP_TOO_MANY_REQUESTS 429

#define DEFAULT_MAX_CONCURRENT 2
#define DEFAULT_TIMEOUT_SECONDS 30
/* A Retry-After longer than this is not waited for: the user is better
 * served by an error saying to come back later than by a frozen progress bar. */
#define MAX_RETRY_AFTER_MS (120 * 1000)
/* An answer is read in pieces of this size. */
#define READ_CHUNK_BYTES (64 * 1024)
/* Server text in a message about a redirect: an address. */
#define SHOWN_URL_CHARS 80

struct _FbkClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *token;

  guint        timeout_seconds;
  guint        max_retries;
  guint        base_delay_ms;
  guint        max_delay_ms;
  guint        max_concurrent;

  GQueue       pending;
  guint        n_running;
};

G_DEFINE_FINAL_TYPE (FbkClient, fbk_client, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------ */
/* Single requests with retry                                               */
/* ------------------------------------------------------------------------ */

typedef void (*RequestDoneFunc) (GBytes   *body,
                                 GError   *error,
                                 gpointer  user_data);

typedef struct
{
  FbkClient       *client;       /* owned */
  char            *path_and_query;
  GCancellable    *cancellable;  /* owned, may be NULL */
  guint            attempt;
  GSource         *retry_timeout;
  GSource         *retry_cancelled;
  /* The attempt on the wire: its own cancellable, cancelled by the
   * request's or by the deadline. */
  GCancellable    *sending;
  gulong           sending_cancelled_id;
  GSource         *deadline;
  gboolean         timed_out;
  SoupMessage     *message;
  GInputStream    *stream;
  GByteArray      *body;         /* what has been read of the answer, and the piece being read */
  gsize            n_reading;    /* the size of that piece */
  GError          *refusal;      /* a redirect off https, which cancelled the attempt */
  RequestDoneFunc  done;
  gpointer         done_data;
} Request;

static void pump_queue (FbkClient *self);

static void
request_free (Request *request)
{
  g_assert (request->retry_timeout == NULL);
  g_assert (request->sending == NULL);
  g_assert (request->message == NULL);
  g_clear_object (&request->client);
  g_clear_object (&request->cancellable);
  g_free (request->path_and_query);
  g_free (request);
}

/* Server text reaches error messages and logs, and a server may echo the
 * request: whatever it sent, no piece of the token may be in an error the
 * client hands out. Every one passes here, from request_finish() or
 * malformed_error(). */
static void
hide_token (FbkClient *self,
            GError    *error)
{
  char *shown;

  if (self->token == NULL)
    return;

  shown = fbk_token_redact (error->message, self->token);
  g_free (error->message);
  error->message = shown;
}

static void
request_finish (Request *request,
                GBytes  *body,
                GError  *error)
{
  if (error != NULL)
    hide_token (request->client, error);
  request->done (body, error, request->done_data);
  request_free (request);
}

static void
clear_retry_sources (Request *request)
{
  if (request->retry_timeout != NULL)
    {
      g_source_destroy (request->retry_timeout);
      g_clear_pointer (&request->retry_timeout, g_source_unref);
    }
  if (request->retry_cancelled != NULL)
    {
      g_source_destroy (request->retry_cancelled);
      g_clear_pointer (&request->retry_cancelled, g_source_unref);
    }
}

static void
on_sending_cancelled_cb (GCancellable *cancellable,
                         GCancellable *sending)
{
  g_cancellable_cancel (sending);
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  Request *request = user_data;

  request->timed_out = TRUE;
  g_clear_pointer (&request->deadline, g_source_unref);
  g_cancellable_cancel (request->sending);

  return G_SOURCE_REMOVE;
}

static void
clear_sending (Request *request)
{
  if (request->deadline != NULL)
    {
      g_source_destroy (request->deadline);
      g_clear_pointer (&request->deadline, g_source_unref);
    }
  if (request->sending_cancelled_id != 0)
    g_cancellable_disconnect (request->cancellable, request->sending_cancelled_id);
  request->sending_cancelled_id = 0;
  g_clear_object (&request->sending);
}

static gboolean
on_retry_due_cb (gpointer user_data)
{
  Request *request = user_data;
  FbkClient *self = request->client;

  clear_retry_sources (request);
  g_queue_push_tail (&self->pending, request);
  pump_queue (self);

  return G_SOURCE_REMOVE;
}

static gboolean
on_retry_cancelled_cb (GCancellable *cancellable,
                       gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;

  clear_retry_sources (request);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  request_finish (request, NULL, error);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (Request *request,
                guint    delay_ms)
{
  g_debug ("Retrying %s in %u ms (attempt %u)", request->path_and_query, delay_ms, request->attempt + 1);

  request->attempt++;
  request->retry_timeout = g_timeout_source_new (delay_ms);
  g_source_set_callback (request->retry_timeout, on_retry_due_cb, request, NULL);
  g_source_attach (request->retry_timeout, g_main_context_get_thread_default ());

  if (request->cancellable != NULL)
    {
      request->retry_cancelled = g_cancellable_source_new (request->cancellable);
      g_source_set_callback (request->retry_cancelled,
                             G_SOURCE_FUNC (on_retry_cancelled_cb), request, NULL);
      g_source_attach (request->retry_cancelled, g_main_context_get_thread_default ());
    }
}

static guint
backoff_delay_ms (FbkClient *self,
                  guint      attempt)
{
  guint64 delay = (guint64) self->base_delay_ms << MIN (attempt, 16);
  guint jitter = self->base_delay_ms > 1 ? g_random_int_range (0, self->base_delay_ms / 2 + 1) : 0;

  return (guint) MIN (delay, self->max_delay_ms) + jitter;
}

/* Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Returns -1 when absent or unreadable. */
static gint64
parse_retry_after_ms (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  char *end = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;

  seconds = g_ascii_strtoull (value, &end, 10);
  if (end != value && *end == '\0')
    return (gint64) MIN (seconds, G_MAXINT64 / 1000) * 1000;

  date = soup_date_time_new_from_http_string (value);
  if (date != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      return MAX (0, g_date_time_difference (date, now) / 1000);
    }

  return -1;
}

static GError *
error_for_status (FbkClient   *self,
                  guint        status,
                  SoupMessage *message,
                  GBytes      *body)
{
  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
      return g_error_new_literal (FBK_API_ERROR, FBK_API_ERROR_AUTH_REFUSED,
                                  _("Elvia refused the access token. It may have been deleted on "
                                    "Min side or mistyped, or it may not be a Min side token."));

    case SOUP_STATUS_BAD_REQUEST:
      {
        g_autofree char *details = body != NULL ? fbk_parse_problem_details (body, NULL, NULL) : NULL;

        if (details != NULL)
          return g_error_new (FBK_API_ERROR, FBK_API_ERROR_INVALID_REQUEST,
                              _("Elvia refused the request: %s"), details);
        return g_error_new_literal (FBK_API_ERROR, FBK_API_ERROR_INVALID_REQUEST,
                                    _("Elvia refused the request."));
      }

    case HTTP_TOO_MANY_REQUESTS:
      return g_error_new_literal (FBK_API_ERROR, FBK_API_ERROR_RATE_LIMITED,
                                  _("Elvia is receiving too many requests from this token. "
                                    "Try again in a few minutes."));

    default:
      return g_error_new (FBK_API_ERROR, FBK_API_ERROR_SERVER,
                          _("Elvia's service answered with an error (HTTP %u). Try again later."),
                          status);
    }
}

static gboolean
status_is_retryable (guint status)
{
  return status == HTTP_TOO_MANY_REQUESTS ||
         status == SOUP_STATUS_REQUEST_TIMEOUT ||
         (status >= 500 && status <= 599);
}

static gboolean
transport_error_is_retryable (const GError *error)
{
  /* A certificate problem will not fix itself in a second, and an answer
   * too large or a redirect off https would come back the same. */
  if (error->domain == G_TLS_ERROR ||
      g_error_matches (error, FBK_API_ERROR, FBK_API_ERROR_SERVER) ||
      g_error_matches (error, FBK_API_ERROR, FBK_API_ERROR_INSECURE_URL))
    return FALSE;
  return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* What a person is told when a request could not be completed even after
 * the retries. */
static GError *
error_for_transport (FbkClient    *self,
                     const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (FBK_API_ERROR, FBK_API_ERROR_NETWORK,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "Elvia did not answer within %u second. Check the network "
                                     "connection or try again later.",
                                     "Elvia did not answer within %u seconds. Check the network "
                                     "connection or try again later.",
                                     self->timeout_seconds),
                        self->timeout_seconds);

  if (error->domain == FBK_API_ERROR)
    return g_error_copy (error);

  /* libsoup's messages can name what a server sent, such as the host of a
   * redirect. */
  {
    g_autofree char *reason = fbk_error_tidy_server_text (error->message, G_MAXUINT);

    return g_error_new (FBK_API_ERROR, FBK_API_ERROR_NETWORK, _("Could not reach Elvia: %s"), reason);
  }
}

static gboolean
body_is_truncated (SoupMessage *message,
                   GBytes      *body)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");

  /* A decoded body has another length than the one sent. */
  if (body == NULL || soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      (encoding != NULL && g_ascii_strcasecmp (encoding, "identity") != 0))
    return FALSE;

  return (goffset) g_bytes_get_size (body) < soup_message_headers_get_content_length (headers);
}

/* libsoup keeps its own copy of each header value; the token's is
 * overwritten before libsoup frees it, so that no stale copy stays in freed
 * memory (and in a core dump). On libsoup 3.2 soup_message_headers_get_one()
 * returns the stored value itself. */
static void
wipe_authorization (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);
  char *value = (char *) soup_message_headers_get_one (headers, "Authorization");

  if (value == NULL)
    return;

  fbk_token_wipe (value, strlen (value));
  soup_message_headers_remove (headers, "Authorization");
}

/* libsoup follows a redirect by itself, once it has read the redirecting
 * answer. Its headers are the moment to refuse one to an address that
 * --api-url could not be, before libsoup looks the host up or connects:
 * the token would not go along, but what came back would be stored as
 * Elvia's. The target is worked out as libsoup does. */
static void
on_message_got_headers_cb (SoupMessage *message,
                           Request     *request)
{
  const char *location;
  g_autoptr(GUri) target = NULL;
  g_autofree char *url = NULL;
  g_autofree char *shown = NULL;

  if (!SOUP_STATUS_IS_REDIRECTION (soup_message_get_status (message)))
    return;
  location = soup_message_headers_get_one (soup_message_get_response_headers (message), "Location");
  if (location == NULL ||
      (target = g_uri_parse_relative (soup_message_get_uri (message), location, SOUP_HTTP_URI_FLAGS, NULL)) == NULL)
    return;
  url = g_uri_to_string (target);
  if (fbk_client_url_is_allowed (url, NULL))
    return;

  shown = fbk_error_tidy_server_text (url, SHOWN_URL_CHARS);
  g_clear_error (&request->refusal);
  request->refusal = g_error_new (FBK_API_ERROR, FBK_API_ERROR_INSECURE_URL,
                                  _("Elvia’s answer redirected to “%s”, which is not https: "
                                    "Forbruk does not follow it."), shown);
  g_cancellable_cancel (request->sending);
}

/* The end of an attempt: the whole answer in @answer, or @failure. Takes both. */
static void
handle_answer (Request *request,
               GBytes  *answer,
               GError  *failure)
{
  FbkClient *self = request->client;
  g_autoptr(SoupMessage) message = g_steal_pointer (&request->message);
  g_autoptr(GError) error = failure;
  g_autoptr(GBytes) body = answer;
  guint status;

  g_clear_object (&request->stream);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_signal_handlers_disconnect_by_func (message, on_message_got_headers_cb, request);
  wipe_authorization (message);
  status = soup_message_get_status (message);
  clear_sending (request);

  if (request->refusal != NULL)
    {
      g_clear_error (&error);
      error = g_steal_pointer (&request->refusal);
    }

  /* Our deadline, not the caller, cancelled it: a timeout, worth a retry. */
  if (request->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (request->cancellable))
    {
      g_clear_error (&error);
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "No answer within %u s", self->timeout_seconds);
    }

  /* libsoup 3.2 hands over a body cut short by a closed connection without
   * an error; only Content-Length tells. Like a dropped connection, that is
   * worth another try. */
  if (error == NULL && SOUP_STATUS_IS_SUCCESSFUL (status) && body_is_truncated (message, body))
    g_set_error_literal (&error, FBK_API_ERROR, FBK_API_ERROR_MALFORMED_RESPONSE,
                         _("Elvia’s answer was cut off before it was complete. Try again later."));

  self->n_running--;
  /* Let the next queued request start before we handle this one, so a slow
   * retry delay never idles the other slot. */
  pump_queue (self);

  if (error != NULL)
    {
      if (transport_error_is_retryable (error) && request->attempt < self->max_retries)
        {
          g_debug ("%s failed: %s", request->path_and_query, error->message);
          schedule_retry (request, backoff_delay_ms (self, request->attempt));
          return;
        }

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autoptr(GError) final_error = error_for_transport (self, error);

          request_finish (request, NULL, final_error);
          return;
        }

      request_finish (request, NULL, error);
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      request_finish (request, body, NULL);
      return;
    }

  if (status_is_retryable (status) && request->attempt < self->max_retries)
    {
      gint64 retry_after_ms = parse_retry_after_ms (message);
      guint delay_ms = backoff_delay_ms (self, request->attempt);

      if (retry_after_ms > MAX_RETRY_AFTER_MS)
        {
          g_autoptr(GError) status_error = error_for_status (self, status, message, body);

          request_finish (request, NULL, status_error);
          return;
        }
      if (retry_after_ms >= 0)
        delay_ms = MAX ((guint) retry_after_ms, delay_ms / 4);

      g_debug ("%s answered HTTP %u", request->path_and_query, status);
      schedule_retry (request, delay_ms);
      return;
    }

  {
    g_autoptr(GError) status_error = error_for_status (self, status, message, body);

    g_debug ("%s answered HTTP %u", request->path_and_query, status);
    request_finish (request, NULL, status_error);
  }
}

static void read_next_piece (Request *request);

static void
on_piece_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Request *request = user_data;
  GError *error = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n_read < 0)
    {
      handle_answer (request, NULL, error);
      return;
    }
  g_byte_array_set_size (request->body, request->body->len - request->n_reading + (guint) n_read);

  if (n_read == 0)
    {
      GByteArray *body = g_steal_pointer (&request->body);

      handle_answer (request, g_byte_array_free_to_bytes (body), NULL);
      return;
    }

  if (request->body->len > FBK_MAX_RESPONSE_BYTES)
    {
      g_set_error (&error, FBK_API_ERROR, FBK_API_ERROR_SERVER,
                   _("Elvia’s answer is larger than %u MB, far more than any meter data, "
                     "so Forbruk does not read it. Try again later."),
                   (guint) (FBK_MAX_RESPONSE_BYTES / (1024 * 1024)));
      handle_answer (request, NULL, error);
      return;
    }

  read_next_piece (request);
}

/* Reads on until the answer ends, or one byte past FBK_MAX_RESPONSE_BYTES:
 * libsoup decompresses as it is read, so a small gzip body that inflates to
 * gigabytes never becomes more than that in memory. */
static void
read_next_piece (Request *request)
{
  guint length = request->body->len;

  request->n_reading = MIN (READ_CHUNK_BYTES, FBK_MAX_RESPONSE_BYTES + 1 - length);
  g_byte_array_set_size (request->body, length + (guint) request->n_reading);
  g_input_stream_read_async (request->stream, request->body->data + length, request->n_reading,
                             G_PRIORITY_DEFAULT, request->sending, on_piece_read_cb, request);
}

static void
on_request_sent_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Request *request = user_data;
  GError *error = NULL;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      handle_answer (request, NULL, error);
      return;
    }

  request->body = g_byte_array_new ();
  read_next_piece (request);
}

static void
start_request (FbkClient *self,
               Request   *request)
{
  g_autofree char *url = g_strconcat (self->base_url, request->path_and_query, NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *authorization = NULL;
  SoupMessageHeaders *headers;

  if (g_cancellable_is_cancelled (request->cancellable))
    {
      g_autoptr(GError) error = NULL;

      g_cancellable_set_error_if_cancelled (request->cancellable, &error);
      request_finish (request, NULL, error);
      return;
    }

  message = soup_message_new (SOUP_METHOD_GET, url);
  g_assert (message != NULL);
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->token != NULL)
    {
      authorization = g_strconcat ("Bearer ", self->token, NULL);
      soup_message_headers_replace (headers, "Authorization", authorization);
      fbk_token_wipe (authorization, strlen (authorization));
    }
  request->message = g_object_ref (message);
  g_signal_connect (message, "got-headers", G_CALLBACK (on_message_got_headers_cb), request);

  /* The deadline covers the whole exchange, from connecting to the last
   * byte, however slowly the answer trickles in. */
  request->timed_out = FALSE;
  request->sending = g_cancellable_new ();
  if (request->cancellable != NULL)
    request->sending_cancelled_id = g_cancellable_connect (request->cancellable,
                                                           G_CALLBACK (on_sending_cancelled_cb),
                                                           g_object_ref (request->sending),
                                                           g_object_unref);
  request->deadline = g_timeout_source_new ((guint) MIN ((guint64) self->timeout_seconds * 1000, G_MAXUINT));
  g_source_set_callback (request->deadline, on_deadline_cb, request, NULL);
  g_source_attach (request->deadline, g_main_context_get_thread_default ());

  g_debug ("GET %s", request->path_and_query);
  self->n_running++;
  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT,
                           request->sending, on_request_sent_cb, request);
}

static void
pump_queue (FbkClient *self)
{
  while (self->n_running < self->max_concurrent && !g_queue_is_empty (&self->pending))
    start_request (self, g_queue_pop_head (&self->pending));
}

static void
enqueue_request (FbkClient       *self,
                 char            *path_and_query,
                 GCancellable    *cancellable,
                 RequestDoneFunc  done,
                 gpointer         done_data)
{
  Request *request = g_new0 (Request, 1);

  request->client = g_object_ref (self);
  request->path_and_query = path_and_query;
  request->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  request->done = done;
  request->done_data = done_data;

  g_queue_push_tail (&self->pending, request);
  pump_queue (self);
}

/* ------------------------------------------------------------------------ */
/* Query strings                                                            */
/* ------------------------------------------------------------------------ */

/* Escapes everything but unreserved characters, so the offset's "+" goes as
 * %2B and is never read back as a space. */
static void
append_parameter (GString    *query,
                  const char *name,
                  const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (query, query->len == 0 ? '?' : '&');
  g_string_append_printf (query, "%s=%s", name, escaped);
}

static void
append_instant (GString    *query,
                const char *name,
                FbkInstant  instant)
{
  g_autofree char *text = fbk_time_format_oslo (instant);

  append_parameter (query, name, text);
}

static char *
metervalues_query (FbkInstant           from,
                   FbkInstant           to,
                   const char * const  *metering_point_ids,
                   FbkDirection         direction)
{
  GString *query = g_string_new (METERVALUES_PATH);
  g_autoptr(GString) parameters = g_string_new (NULL);

  append_instant (parameters, "startTime", from);
  append_instant (parameters, "endTime", to);
  if (metering_point_ids != NULL && metering_point_ids[0] != NULL)
    {
      g_autofree char *ids = g_strjoinv (",", (char **) metering_point_ids);

      append_parameter (parameters, "meteringPointIds", ids);
    }
  append_parameter (parameters, "includeProduction",
                    direction == FBK_DIRECTION_PRODUCTION ? "true" : "false");

  g_string_append (query, parameters->str);
  return g_string_free (query, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Object                                                                   */
/* ------------------------------------------------------------------------ */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * fbk_client_url_is_allowed:
 *
 * Only https is allowed, except plain http to a loopback address (the demo
 * server and tests): the token must never cross a network in clear text.
 */
gboolean
fbk_client_url_is_allowed (const char  *url,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, FBK_API_ERROR, FBK_API_ERROR_INSECURE_URL,
                   _("“%s” is not a web address."), url);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  g_set_error (error, FBK_API_ERROR, FBK_API_ERROR_INSECURE_URL,
               _("Refusing to send the access token to “%s”: only https addresses "
                 "(or http on this computer) are allowed."), url);
  return FALSE;
}

static void
wipe_token (FbkClient *self)
{
  if (self->token != NULL)
    {
      fbk_token_wipe (self->token, strlen (self->token));
      g_clear_pointer (&self->token, g_free);
    }
}

static void
fbk_client_finalize (GObject *object)
{
  FbkClient *self = FBK_CLIENT (object);

  /* Requests hold a reference, so none can be pending here. */
  g_assert (g_queue_is_empty (&self->pending));

  wipe_token (self);
  g_clear_object (&self->session);
  g_free (self->base_url);

  G_OBJECT_CLASS (fbk_client_parent_class)->finalize (object);
}

static void
fbk_client_class_init (FbkClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fbk_client_finalize;
}

static void
fbk_client_init (FbkClient *self)
{
  self->timeout_seconds = DEFAULT_TIMEOUT_SECONDS;
  self->max_retries = FBK_CLIENT_DEFAULT_MAX_RETRIES;
  self->base_delay_ms = FBK_CLIENT_DEFAULT_BASE_DELAY_MS;
  self->max_delay_ms = FBK_CLIENT_DEFAULT_MAX_DELAY_MS;
  self->max_concurrent = DEFAULT_MAX_CONCURRENT;
  g_queue_init (&self->pending);
}

/**
 * fbk_client_new:
 * @base_url: (nullable): the API's base address; %NULL for Elvia's
 *
 * Returns: (transfer full): a client, or %NULL if @base_url is not allowed
 */
FbkClient *
fbk_client_new (const char  *base_url,
                GError     **error)
{
  g_autoptr(FbkClient) self = NULL;
  g_autoptr(GUri) uri = NULL;

  if (base_url == NULL)
    base_url = FBK_DEFAULT_API_URL;

  if (!fbk_client_url_is_allowed (base_url, error))
    return NULL;

  self = g_object_new (FBK_TYPE_CLIENT, NULL);
  self->base_url = g_strdup (base_url);
  /* Paths are appended to the base, so drop a trailing slash. */
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  self->session = soup_session_new_with_options ("user-agent", "Forbruk/" PACKAGE_VERSION " ",
                                                 NULL);
  /* A proxy must never see loopback traffic (the demo server, tests). */
  if (host_is_loopback (g_uri_get_host (uri)))
    soup_session_set_proxy_resolver (self->session, NULL);

  return g_steal_pointer (&self);
}

const char *
fbk_client_get_base_url (FbkClient *self)
{
  g_return_val_if_fail (FBK_IS_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * fbk_client_set_token:
 * @token: (nullable): the access token, already validated with
 *   fbk_token_clean(); %NULL forgets it
 *
 * The client keeps its own copy and wipes it when replaced or finalized.
 */
void
fbk_client_set_token (FbkClient  *self,
                      const char *token)
{
  g_return_if_fail (FBK_IS_CLIENT (self));

  wipe_token (self);
  self->token = g_strdup (token);
}

gboolean
fbk_client_has_token (FbkClient *self)
{
  g_return_val_if_fail (FBK_IS_CLIENT (self), FALSE);

  return self->token != NULL;
}

void
fbk_client_set_retry_policy (FbkClient *self,
                             guint      max_retries,
                             guint      base_delay_ms,
                             guint      max_delay_ms)
{
  g_return_if_fail (FBK_IS_CLIENT (self));

  self->max_retries = max_retries;
  self->base_delay_ms = base_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, base_delay_ms);
}

/**
 * fbk_client_set_timeout:
 * @seconds: how long one request may take, from connecting to the last
 *   byte of the answer; applies to requests started from now on
 */
void
fbk_client_set_timeout (FbkClient *self,
                        guint      seconds)
{
  g_return_if_fail (FBK_IS_CLIENT (self));
  g_return_if_fail (seconds > 0);

  self->timeout_seconds = seconds;
}

void
fbk_client_set_max_concurrent (FbkClient *self,
                               guint      max_concurrent)
{
  g_return_if_fail (FBK_IS_CLIENT (self));
  g_return_if_fail (max_concurrent > 0);

  self->max_concurrent = max_concurrent;
  pump_queue (self);
}

/* ------------------------------------------------------------------------ */
/* Requests                                                                 */
/* ------------------------------------------------------------------------ */

static GError *
malformed_error (FbkClient    *self,
                 const GError *parse_error)
{
  GError *error = g_error_new (FBK_API_ERROR, FBK_API_ERROR_MALFORMED_RESPONSE,
                               _("Elvia sent data that Forbruk does not understand: %s"),
                               parse_error->message);

  hide_token (self, error);
  return error;
}

/* --- meter values -------------------------------------------------------- */

/* All the parsing thread gets: the answer and the direction asked for. */
typedef struct
{
  FbkDirection  direction;
  GBytes       *body;
} ParseJob;

static void
parse_job_free (ParseJob *job)
{
  g_clear_pointer (&job->body, g_bytes_unref);
  g_free (job);
}

static void
parse_values_thread (GTask        *parse,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ParseJob *job = task_data;
  g_autoptr(GError) parse_error = NULL;
  GPtrArray *meters;

  /* The token may only be looked at on the client's own thread: the error
   * becomes the client's in on_values_parsed_cb(). */
  meters = fbk_parse_meter_values (job->body, job->direction, &parse_error);
  if (meters == NULL)
    g_task_return_error (parse, g_steal_pointer (&parse_error));
  else
    g_task_return_pointer (parse, meters, (GDestroyNotify) g_ptr_array_unref);
}

/* Back on the client's thread: a parse error becomes the client's, with
 * the token redacted. */
static void
on_values_parsed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *meters;

  meters = g_task_propagate_pointer (G_TASK (result), &error);
  if (meters != NULL)
    g_task_return_pointer (task, meters, (GDestroyNotify) g_ptr_array_unref);
  else if (error->domain == FBK_PARSE_ERROR)
    g_task_return_error (task, malformed_error (g_task_get_source_object (task), error));
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_values_request_done (GBytes   *body,
                        GError   *error,
                        gpointer  user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GTask) parse = NULL;
  FbkClient *self;
  ParseJob *job;

  if (error != NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  /* A year of one meter is over a megabyte of JSON, more than a frame's
   * worth of parsing: the caller's main loop keeps running meanwhile, and
   * gets a processor first (fbk-worker-pool.c). The answer has arrived, so
   * a cancel from now on no longer throws it away
   * (fbk_client_fetch_values_async()). */
  job = g_new0 (ParseJob, 1);
  job->body = g_bytes_ref (body);
  job->direction = GPOINTER_TO_UINT (g_task_get_task_data (task));
  self = g_task_get_source_object (task);
  parse = g_task_new (self, NULL, on_values_parsed_cb, g_steal_pointer (&task));
  g_task_set_source_tag (parse, parse_values_thread);
  g_task_set_task_data (parse, job, (GDestroyNotify) parse_job_free);
  fbk_worker_pool_run_task (parse, parse_values_thread);
}

/**
 * fbk_client_fetch_values_async:
 * @metering_point_id: (nullable): the meter, or %NULL for every meter on
 *   the token
 * @from: start of the range (inclusive)
 * @to: end of the range (exclusive)
 *
 * Asks for the values of @direction over [@from, @to) in one request, which
 * must be one the API accepts (fbk_range_plan() makes those). The request
 * is queued behind the client's others, retried as the policy says, and
 * its answer parsed off the calling thread.
 *
 * Once the answer has arrived it is handed back even if @cancellable is
 * cancelled while it is being parsed: what Elvia sent is never thrown away
 * by a cancel that came too late to save the request.
 */
void
fbk_client_fetch_values_async (FbkClient           *self,
                               const char          *metering_point_id,
                               FbkInstant           from,
                               FbkInstant           to,
                               FbkDirection         direction,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *ids[] = { metering_point_id, NULL };

  g_return_if_fail (FBK_IS_CLIENT (self));
  g_return_if_fail (from < to);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_client_fetch_values_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, GUINT_TO_POINTER (direction), NULL);

  enqueue_request (self, metervalues_query (from, to, ids, direction), cancellable,
                   on_values_request_done, g_steal_pointer (&task));
}

/**
 * fbk_client_fetch_values_finish:
 *
 * Returns: (transfer container) (element-type FbkMeterValues): what the
 *   answer holds for each meter it names
 */
GPtrArray *
fbk_client_fetch_values_finish (FbkClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (FBK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- max hours ----------------------------------------------------------- */

static void
on_max_hours_done (GBytes   *body,
                   GError   *error,
                   gpointer  user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GPtrArray) reports = NULL;

  if (error != NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  reports = fbk_parse_max_hours (body, &parse_error);
  if (reports == NULL)
    g_task_return_error (task, malformed_error (g_task_get_source_object (task), parse_error));
  else
    g_task_return_pointer (task, g_steal_pointer (&reports), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * fbk_client_fetch_max_hours_async:
 * @metering_point_ids: (nullable): the meters; %NULL or empty for all
 * @calculate_time: the instant Elvia should compute for (its current and
 *   previous month), or %FBK_INSTANT_INVALID for now
 *
 * Fetches the consumption max hours (capacity tariff basis).
 */
void
fbk_client_fetch_max_hours_async (FbkClient           *self,
                                  const char * const  *metering_point_ids,
                                  FbkInstant           calculate_time,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (FBK_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_client_fetch_max_hours_async);

  if (calculate_time != FBK_INSTANT_INVALID)
    append_instant (query, "calculateTime", calculate_time);
  if (metering_point_ids != NULL && metering_point_ids[0] != NULL)
    {
      g_autofree char *ids = g_strjoinv (",", (char **) metering_point_ids);

      append_parameter (query, "meteringPointIds", ids);
    }
  append_parameter (query, "includeProduction", "false");

  enqueue_request (self, g_strconcat (MAXHOURS_PATH, query->str, NULL),
                   cancellable, on_max_hours_done, g_steal_pointer (&task));
}

/**
 * fbk_client_fetch_max_hours_finish:
 *
 * Returns: (transfer container) (element-type FbkMaxHoursReport): one report
 *   per metering point
 */
GPtrArray *
fbk_client_fetch_max_hours_finish (FbkClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (FBK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
