/* fbk-http.c: GET requests to one web service, politely and within bounds
 *
 * One SoupSession per service. Requests go through one small scheduler: at
 * most a few run at once (neither service publishes a rate limit, so we
 * stay polite, and each 429 lowers the number for good), each has a deadline, and 429/5xx/network failures are tried
 * again after an exponential backoff that honours Retry-After, a bounded
 * number of times and within FBK_HTTP_MAX_TOTAL_WAIT_MS of waiting in all.
 * What an answer means is the caller's business (fbk-client.c,
 * fbk-price-client.c): this hands back the final status and body.
 *
 * A secret (Elvia's token) is only ever copied into the Authorization
 * header, and that copy is wiped once the request is done. Nothing here
 * logs it: debug messages name the path and query, never the headers; and
 * every error handed out has it redacted, for a server may echo it.
 *
 * An answer is read as a stream, at most FBK_MAX_RESPONSE_BYTES of it after
 * decompression, so that no answer (a gzip bomb, say) holds more memory than
 * that; and a redirect is followed only to an address fbk_http_check_url()
 * allows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-http"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "fbk-error.h"
#include "fbk-http.h"
#include "fbk-token.h"

/* libsoup 3.2 has no name for it. */
#define HTTP_TOO_MANY_REQUESTS 429

#define DEFAULT_MAX_CONCURRENT 2
#define DEFAULT_TIMEOUT_SECONDS 30
/* An answer is read in pieces of this size. */
#define READ_CHUNK_BYTES (64 * 1024)
/* Server text in a message about a redirect: an address. */
#define SHOWN_URL_CHARS 80

struct _FbkHttp
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *service_name;
  char        *secret;

  guint        timeout_seconds;
  guint        max_retries;
  guint        base_delay_ms;
  guint        max_delay_ms;
  guint        max_concurrent;
  guint        max_total_wait_ms;

  GQueue       pending;
  guint        n_running;
  guint        n_waiting;
  /* The waiting of the current burst: how much of it, and when the last
   * wait scheduled ends (monotonic µs). */
  guint64      waited_ms;
  gint64       waits_end_us;
};

G_DEFINE_FINAL_TYPE (FbkHttp, fbk_http, G_TYPE_OBJECT)

enum {
  WAITING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  FbkHttp         *http;          /* owned */
  GTask           *task;          /* owned */
  char            *path_and_query;
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
  GByteArray      *body;          /* what has been read of the answer, and the piece being read */
  gsize            n_reading;     /* the size of that piece */
  GError          *refusal;       /* a redirect off https, which cancelled the attempt */
  guint            status;        /* the final answer's */
} Request;

static void pump_queue (FbkHttp *self);

static GCancellable *
request_get_cancellable (Request *request)
{
  return g_task_get_cancellable (request->task);
}

static void
request_free (Request *request)
{
  g_assert (request->retry_timeout == NULL);
  g_assert (request->sending == NULL);
  g_assert (request->message == NULL);
  g_clear_object (&request->task);
  g_clear_object (&request->http);
  g_free (request->path_and_query);
  g_free (request);
}

/**
 * fbk_http_redact_error:
 *
 * Server text reaches error messages and logs, and a server may echo the
 * request: whatever it sent, no piece of the secret may be in an error
 * handed out. Every error of a request passes here, and the callers' own
 * (a body that does not parse) must too.
 */
void
fbk_http_redact_error (FbkHttp *self,
                       GError  *error)
{
  char *shown;

  g_return_if_fail (FBK_IS_HTTP (self));
  g_return_if_fail (error != NULL);

  if (self->secret == NULL)
    return;

  shown = fbk_token_redact (error->message, self->secret);
  g_free (error->message);
  error->message = shown;
}

/* Takes @body and @error. */
static void
request_finish (Request *request,
                GBytes  *body,
                GError  *error)
{
  if (error != NULL)
    {
      fbk_http_redact_error (request->http, error);
      g_task_return_error (request->task, error);
    }
  else
    {
      g_task_set_task_data (request->task, GUINT_TO_POINTER (request->status), NULL);
      g_task_return_pointer (request->task, body, (GDestroyNotify) g_bytes_unref);
    }
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
    g_cancellable_disconnect (request_get_cancellable (request), request->sending_cancelled_id);
  request->sending_cancelled_id = 0;
  g_clear_object (&request->sending);
}

static gboolean
on_retry_due_cb (gpointer user_data)
{
  Request *request = user_data;
  FbkHttp *self = request->http;

  clear_retry_sources (request);
  self->n_waiting--;
  g_queue_push_tail (&self->pending, request);
  pump_queue (self);

  return G_SOURCE_REMOVE;
}

static gboolean
on_retry_cancelled_cb (GCancellable *cancellable,
                       gpointer      user_data)
{
  Request *request = user_data;
  GError *error = NULL;

  clear_retry_sources (request);
  request->http->n_waiting--;
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  request_finish (request, NULL, error);

  return G_SOURCE_REMOVE;
}

static guint
backoff_delay_ms (FbkHttp *self,
                  guint    attempt)
{
  guint64 delay = (guint64) self->base_delay_ms << MIN (attempt, 16);
  guint jitter = self->base_delay_ms > 1 ? g_random_int_range (0, self->base_delay_ms / 2 + 1) : 0;

  return (guint) MIN (delay, self->max_delay_ms) + jitter;
}

/* Schedules another try in @delay_ms, if the request has tries left and
 * the burst has the waiting left: the time counted is the wall-clock time
 * the burst spends waiting, so two requests told to wait the same twenty
 * seconds cost twenty, not forty. */
static gboolean
try_again_later (Request *request,
                 guint    delay_ms)
{
  FbkHttp *self = request->http;
  gint64 now = g_get_monotonic_time ();
  gint64 ends = now + (gint64) delay_ms * 1000;
  guint64 added_ms = ends > MAX (now, self->waits_end_us)
                       ? (guint64) (ends - MAX (now, self->waits_end_us)) / 1000 : 0;
  GCancellable *cancellable = request_get_cancellable (request);

  if (request->attempt >= self->max_retries)
    return FALSE;
  if (self->waited_ms + added_ms > self->max_total_wait_ms)
    {
      g_debug ("Not retrying %s: %u ms more would exceed %u ms of waiting in all",
               request->path_and_query, delay_ms, self->max_total_wait_ms);
      return FALSE;
    }

  self->waited_ms += added_ms;
  self->waits_end_us = MAX (self->waits_end_us, ends);
  self->n_waiting++;
  request->attempt++;
  g_debug ("Retrying %s in %u ms (attempt %u)", request->path_and_query, delay_ms, request->attempt + 1);

  request->retry_timeout = g_timeout_source_new (delay_ms);
  g_source_set_callback (request->retry_timeout, on_retry_due_cb, request, NULL);
  g_source_attach (request->retry_timeout, g_main_context_get_thread_default ());

  if (cancellable != NULL)
    {
      request->retry_cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (request->retry_cancelled,
                             G_SOURCE_FUNC (on_retry_cancelled_cb), request, NULL);
      g_source_attach (request->retry_cancelled, g_main_context_get_thread_default ());
    }

  g_signal_emit (self, signals[WAITING], 0, delay_ms);
  return TRUE;
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
error_for_transport (FbkHttp      *self,
                     const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    /* Translators: the first %s is the service, such as "Elvia" */
    return g_error_new (FBK_API_ERROR, FBK_API_ERROR_NETWORK,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "%s did not answer within %u second. Check the network "
                                     "connection or try again later.",
                                     "%s did not answer within %u seconds. Check the network "
                                     "connection or try again later.",
                                     self->timeout_seconds),
                        self->service_name, self->timeout_seconds);

  if (error->domain == FBK_API_ERROR)
    return g_error_copy (error);

  /* libsoup's messages can name what a server sent, such as the host of a
   * redirect. */
  {
    g_autofree char *reason = fbk_error_tidy_server_text (error->message, G_MAXUINT);

    /* Translators: the first %s is the service, such as "Elvia"; the
     * second what went wrong */
    return g_error_new (FBK_API_ERROR, FBK_API_ERROR_NETWORK, _("Could not reach %s: %s"),
                        self->service_name, reason);
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

/* libsoup keeps its own copy of each header value; the secret's is
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
 * answer. Its headers are the moment to refuse one to an address that the
 * base URL could not be, before libsoup looks the host up or connects: a
 * secret would not go along, but what came back would be taken for the
 * service's. The target is worked out as libsoup does. */
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
  if (fbk_http_check_url (url) == FBK_HTTP_URL_ALLOWED)
    return;

  shown = fbk_error_tidy_server_text (url, SHOWN_URL_CHARS);
  g_clear_error (&request->refusal);
  /* Translators: the first %s is the service, such as "Elvia"; the second
   * the address it redirected to */
  request->refusal = g_error_new (FBK_API_ERROR, FBK_API_ERROR_INSECURE_URL,
                                  _("The answer from %s redirected to “%s”, which is not https: "
                                    "Forbruk does not follow it."),
                                  request->http->service_name, shown);
  g_cancellable_cancel (request->sending);
}

/* A failed attempt: tried again if worth it, else the request's end. */
static void
handle_failure (Request *request,
                GError  *failure)
{
  FbkHttp *self = request->http;
  g_autoptr(GError) error = failure;

  if (transport_error_is_retryable (error))
    {
      g_debug ("%s failed: %s", request->path_and_query, error->message);
      if (try_again_later (request, backoff_delay_ms (self, request->attempt)))
        return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    request_finish (request, NULL, g_steal_pointer (&error));
  else
    request_finish (request, NULL, error_for_transport (self, error));
}

/* The end of an attempt: the whole answer in @answer, or @failure. Takes both. */
static void
handle_answer (Request *request,
               GBytes  *answer,
               GError  *failure)
{
  FbkHttp *self = request->http;
  g_autoptr(SoupMessage) message = g_steal_pointer (&request->message);
  GError *error = failure;
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
      !g_cancellable_is_cancelled (request_get_cancellable (request)))
    {
      g_clear_error (&error);
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "No answer within %u s", self->timeout_seconds);
    }

  /* libsoup 3.2 hands over a body cut short by a closed connection without
   * an error; only Content-Length tells. Like a dropped connection, that is
   * worth another try. */
  if (error == NULL && SOUP_STATUS_IS_SUCCESSFUL (status) && body_is_truncated (message, body))
    /* Translators: %s is the service, such as "Elvia" */
    g_set_error (&error, FBK_API_ERROR, FBK_API_ERROR_MALFORMED_RESPONSE,
                 _("The answer from %s was cut off before it was complete. Try again later."),
                 self->service_name);

  self->n_running--;
  /* Let the next queued request start before we handle this one, so a slow
   * retry delay never idles the other slot. */
  pump_queue (self);

  if (error != NULL)
    {
      handle_failure (request, error);
      return;
    }

  g_debug ("%s answered HTTP %u", request->path_and_query, status);
  /* Too many at once for the service: fewer from now on, for good. */
  if (status == HTTP_TOO_MANY_REQUESTS && self->max_concurrent > 1)
    {
      self->max_concurrent--;
      g_debug ("%s asked for fewer requests: %u at a time from now on", self->service_name, self->max_concurrent);
    }
  if (status_is_retryable (status))
    {
      gint64 retry_after_ms = parse_retry_after_ms (message);
      guint delay_ms = backoff_delay_ms (self, request->attempt);

      if (retry_after_ms >= 0)
        delay_ms = (guint) MIN ((guint64) MAX (retry_after_ms, (gint64) delay_ms / 4), G_MAXUINT);
      if (try_again_later (request, delay_ms))
        return;
    }

  request->status = status;
  request_finish (request, g_steal_pointer (&body), NULL);
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
      /* Translators: the first %s is the service, such as "Elvia" */
      g_set_error (&error, FBK_API_ERROR, FBK_API_ERROR_SERVER,
                   _("The answer from %s is larger than %u MB, far more than it ever sends, "
                     "so Forbruk does not read it. Try again later."),
                   request->http->service_name, (guint) (FBK_MAX_RESPONSE_BYTES / (1024 * 1024)));
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
start_request (FbkHttp *self,
               Request *request)
{
  g_autofree char *url = g_strconcat (self->base_url, request->path_and_query, NULL);
  GCancellable *cancellable = request_get_cancellable (request);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *authorization = NULL;
  SoupMessageHeaders *headers;

  if (g_cancellable_is_cancelled (cancellable))
    {
      GError *error = NULL;

      g_cancellable_set_error_if_cancelled (cancellable, &error);
      request_finish (request, NULL, error);
      return;
    }

  message = soup_message_new (SOUP_METHOD_GET, url);
  g_assert (message != NULL);
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->secret != NULL)
    {
      authorization = g_strconcat ("Bearer ", self->secret, NULL);
      soup_message_headers_replace (headers, "Authorization", authorization);
      fbk_token_wipe (authorization, strlen (authorization));
    }
  request->message = g_object_ref (message);
  g_signal_connect (message, "got-headers", G_CALLBACK (on_message_got_headers_cb), request);

  /* The deadline covers the whole exchange, from connecting to the last
   * byte, however slowly the answer trickles in. */
  request->timed_out = FALSE;
  request->sending = g_cancellable_new ();
  if (cancellable != NULL)
    request->sending_cancelled_id = g_cancellable_connect (cancellable,
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
pump_queue (FbkHttp *self)
{
  while (self->n_running < self->max_concurrent && !g_queue_is_empty (&self->pending))
    start_request (self, g_queue_pop_head (&self->pending));
}

/**
 * fbk_http_get_async:
 * @path_and_query: appended to the base URL, e.g. "/api/v1/prices/…"
 *
 * Queues a GET behind the others, tries it again as the policy says, and
 * reads the whole answer.
 */
void
fbk_http_get_async (FbkHttp             *self,
                    const char          *path_and_query,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  Request *request;

  g_return_if_fail (FBK_IS_HTTP (self));
  g_return_if_fail (path_and_query != NULL && path_and_query[0] == '/');

  /* A new burst: its waiting starts from nothing. */
  if (self->n_running == 0 && self->n_waiting == 0 && g_queue_is_empty (&self->pending))
    {
      self->waited_ms = 0;
      self->waits_end_us = 0;
    }

  request = g_new0 (Request, 1);
  request->http = g_object_ref (self);
  request->path_and_query = g_strdup (path_and_query);
  request->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (request->task, fbk_http_get_async);
  /* The request finishes itself, cancelled or not. */
  g_task_set_check_cancellable (request->task, FALSE);

  g_queue_push_tail (&self->pending, request);
  pump_queue (self);
}

/**
 * fbk_http_get_finish:
 * @out_status: (out): the answer's HTTP status
 *
 * Returns: (transfer full): the whole answer, whatever its status (a
 *   status still failing after the retries, too), or %NULL with @error set
 *   when none came (%FBK_API_ERROR, or %G_IO_ERROR_CANCELLED), the secret
 *   redacted from it
 */
GBytes *
fbk_http_get_finish (FbkHttp       *self,
                     GAsyncResult  *result,
                     guint         *out_status,
                     GError       **error)
{
  GBytes *body;

  g_return_val_if_fail (FBK_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  body = g_task_propagate_pointer (G_TASK (result), error);
  if (body != NULL && out_status != NULL)
    *out_status = GPOINTER_TO_UINT (g_task_get_task_data (G_TASK (result)));
  return body;
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
 * fbk_http_check_url:
 *
 * Only https is allowed, except plain http to a loopback address (the demo
 * server and tests): nothing Forbruk sends or reads may cross a network in
 * clear text.
 */
FbkHttpUrlCheck
fbk_http_check_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (url != NULL, FBK_HTTP_URL_NOT_A_URL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FBK_HTTP_URL_NOT_A_URL;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return FBK_HTTP_URL_ALLOWED;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return FBK_HTTP_URL_ALLOWED;
  return FBK_HTTP_URL_INSECURE;
}

static void
wipe_secret (FbkHttp *self)
{
  if (self->secret != NULL)
    {
      fbk_token_wipe (self->secret, strlen (self->secret));
      g_clear_pointer (&self->secret, g_free);
    }
}

static void
fbk_http_finalize (GObject *object)
{
  FbkHttp *self = FBK_HTTP (object);

  /* Requests hold a reference, so none can be pending here. */
  g_assert (g_queue_is_empty (&self->pending));

  wipe_secret (self);
  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->service_name);

  G_OBJECT_CLASS (fbk_http_parent_class)->finalize (object);
}

static void
fbk_http_class_init (FbkHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fbk_http_finalize;

  /**
   * FbkHttp::waiting:
   * @delay_ms: how long until the next try
   *
   * A request is waiting to be tried again (the server asked for patience,
   * or did not answer): for the CLI's stderr and the window's progress.
   */
  signals[WAITING] = g_signal_new ("waiting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
fbk_http_init (FbkHttp *self)
{
  self->timeout_seconds = DEFAULT_TIMEOUT_SECONDS;
  self->max_retries = FBK_HTTP_DEFAULT_MAX_RETRIES;
  self->base_delay_ms = FBK_HTTP_DEFAULT_BASE_DELAY_MS;
  self->max_delay_ms = FBK_HTTP_DEFAULT_MAX_DELAY_MS;
  self->max_concurrent = DEFAULT_MAX_CONCURRENT;
  self->max_total_wait_ms = FBK_HTTP_MAX_TOTAL_WAIT_MS;
  g_queue_init (&self->pending);
}

/**
 * fbk_http_new:
 * @base_url: the service's base address, one fbk_http_check_url() allows
 * @service_name: what a person calls it in messages ("Elvia"), translated
 *
 * Returns: (transfer full): an engine for requests to @base_url
 */
FbkHttp *
fbk_http_new (const char *base_url,
              const char *service_name)
{
  g_autoptr(GUri) uri = NULL;
  FbkHttp *self;

  g_return_val_if_fail (base_url != NULL && service_name != NULL, NULL);
  g_return_val_if_fail (fbk_http_check_url (base_url) == FBK_HTTP_URL_ALLOWED, NULL);

  self = g_object_new (FBK_TYPE_HTTP, NULL);
  self->base_url = g_strdup (base_url);
  self->service_name = g_strdup (service_name);
  /* Paths are appended to the base, so drop a trailing slash. */
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  /* The trailing space makes libsoup add its own name and version. */
  /* libsoup keeps two connections per host unless told: the scheduler,
   * not libsoup, decides how many requests are in flight. */
  self->session = soup_session_new_with_options ("user-agent", "Forbruk/" PACKAGE_VERSION " ",
                                                 "max-conns-per-host", FBK_HTTP_MAX_CONCURRENT,
                                                 NULL);
  /* A proxy must never see loopback traffic (the demo server, tests). */
  if (host_is_loopback (g_uri_get_host (uri)))
    soup_session_set_proxy_resolver (self->session, NULL);

  return self;
}

const char *
fbk_http_get_base_url (FbkHttp *self)
{
  g_return_val_if_fail (FBK_IS_HTTP (self), NULL);

  return self->base_url;
}

const char *
fbk_http_get_service_name (FbkHttp *self)
{
  g_return_val_if_fail (FBK_IS_HTTP (self), NULL);

  return self->service_name;
}

/**
 * fbk_http_set_secret:
 * @secret: (nullable): sent as "Authorization: Bearer …" and redacted from
 *   every error; %NULL forgets it
 *
 * The engine keeps its own copy and wipes it when replaced or finalized.
 */
void
fbk_http_set_secret (FbkHttp    *self,
                     const char *secret)
{
  g_return_if_fail (FBK_IS_HTTP (self));

  wipe_secret (self);
  self->secret = g_strdup (secret);
}

gboolean
fbk_http_has_secret (FbkHttp *self)
{
  g_return_val_if_fail (FBK_IS_HTTP (self), FALSE);

  return self->secret != NULL;
}

void
fbk_http_set_retry_policy (FbkHttp *self,
                           guint    max_retries,
                           guint    base_delay_ms,
                           guint    max_delay_ms)
{
  g_return_if_fail (FBK_IS_HTTP (self));

  self->max_retries = max_retries;
  self->base_delay_ms = base_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, base_delay_ms);
}

/**
 * fbk_http_set_max_total_wait:
 *
 * How much waiting between tries a burst of requests may spend in all;
 * %FBK_HTTP_MAX_TOTAL_WAIT_MS until set (tests set less).
 */
void
fbk_http_set_max_total_wait (FbkHttp *self,
                             guint    max_total_wait_ms)
{
  g_return_if_fail (FBK_IS_HTTP (self));

  self->max_total_wait_ms = max_total_wait_ms;
}

/**
 * fbk_http_set_timeout:
 * @seconds: how long one request may take, from connecting to the last
 *   byte of the answer; applies to requests started from now on
 */
void
fbk_http_set_timeout (FbkHttp *self,
                      guint    seconds)
{
  g_return_if_fail (FBK_IS_HTTP (self));
  g_return_if_fail (seconds > 0);

  self->timeout_seconds = seconds;
}

guint
fbk_http_get_timeout (FbkHttp *self)
{
  g_return_val_if_fail (FBK_IS_HTTP (self), 0);

  return self->timeout_seconds;
}

/**
 * fbk_http_set_max_concurrent:
 * @max_concurrent: requests in flight at most, 1 to
 *   %FBK_HTTP_MAX_CONCURRENT; each 429 answer lowers it by one (to 1) for
 *   the rest of the engine's life
 */
void
fbk_http_set_max_concurrent (FbkHttp *self,
                             guint    max_concurrent)
{
  g_return_if_fail (FBK_IS_HTTP (self));
  g_return_if_fail (max_concurrent > 0 && max_concurrent <= FBK_HTTP_MAX_CONCURRENT);

  self->max_concurrent = max_concurrent;
  pump_queue (self);
}

guint
fbk_http_get_max_concurrent (FbkHttp *self)
{
  g_return_val_if_fail (FBK_IS_HTTP (self), 0);

  return self->max_concurrent;
}
