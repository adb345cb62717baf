/* fbk-bench-link.c: a remote API's network, modelled in front of a local server
 *
 * A loopback HTTP server that forwards every request to the demo server and
 * answers no sooner than a remote API would: a new connection pays its
 * handshakes, every request one round trip and the server's think time
 * (longer for more years of data), and the answers share the link's
 * bandwidth one after another. The real work behind it (the simulator
 * formatting JSON) overlaps with the modelled waiting, as a remote server's
 * would, and an answer is never sent before that work is done.
 *
 * It runs in a thread of its own, so the client under test keeps its main
 * loop and its cores as it would against Elvia.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "fbk-bench-link.h"
#include "fbk-time.h"

struct _FbkBenchLink
{
  GObject            parent_instance;

  char              *upstream_url;
  FbkBenchLinkModel  model;
  char              *base_url;

  GThread           *thread;
  GMainContext      *context;
  GMainLoop         *loop;
  SoupServer        *server;
  SoupSession       *upstream;

  /* Start-up hand-over and the figures, shared with the caller's thread. */
  GMutex             lock;
  GCond              started;
  GError            *start_error;
  gboolean           ready;

  gint64             link_free_at;  /* when the shared link is next idle */
  guint              in_flight;
  gint64             busy_since;
  FbkBenchLinkStats  stats;
  gint64             first_request_at;
  gint64             last_answer_at;
};

G_DEFINE_FINAL_TYPE (FbkBenchLink, fbk_bench_link, G_TYPE_OBJECT)

typedef struct
{
  FbkBenchLink      *link;
  SoupServerMessage *msg;
  gint64             received_at;
  gint64             earliest_answer_at;  /* handshake, round trip, think time */
  GBytes            *body;
  guint              status;
  SoupMessageHeaders *headers;
} Forward;

static void
forward_free (Forward *forward)
{
  g_clear_pointer (&forward->body, g_bytes_unref);
  g_clear_pointer (&forward->headers, soup_message_headers_unref);
  g_object_unref (forward->msg);
  g_free (forward);
}

static double
years_asked (GHashTable *query)
{
  const char *start_text = query != NULL ? g_hash_table_lookup (query, "startTime") : NULL;
  const char *end_text = query != NULL ? g_hash_table_lookup (query, "endTime") : NULL;
  FbkInstant start, end;

  if (start_text == NULL || end_text == NULL ||
      !fbk_time_parse (start_text, &start) || !fbk_time_parse (end_text, &end) || end <= start)
    return 0;
  return (end - start) / (365.25 * 24 * FBK_SECONDS_PER_HOUR);
}

/* Called with the lock held. */
static void
note_in_flight (FbkBenchLink *self,
                int           change,
                gint64        now)
{
  if (change > 0 && self->in_flight++ == 0)
    self->busy_since = now;
  if (change < 0 && --self->in_flight == 0)
    self->stats.busy_ms += (now - self->busy_since) / 1000.0;
  self->stats.max_in_flight = MAX (self->stats.max_in_flight, self->in_flight);
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  SoupMessageHeaders *to = user_data;

  /* The link sets its own framing and type. */
  if (g_ascii_strcasecmp (name, "Content-Length") == 0 ||
      g_ascii_strcasecmp (name, "Content-Type") == 0 ||
      g_ascii_strcasecmp (name, "Transfer-Encoding") == 0 ||
      g_ascii_strcasecmp (name, "Connection") == 0)
    return;
  soup_message_headers_append (to, name, value);
}

static gboolean
send_answer_cb (gpointer data)
{
  Forward *forward = data;
  FbkBenchLink *self = forward->link;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (forward->msg);
  gsize length = 0;
  const char *bytes = forward->body != NULL ? g_bytes_get_data (forward->body, &length) : NULL;
  const char *type = "text/plain";
  gint64 now = g_get_monotonic_time ();

  if (forward->headers != NULL)
    {
      soup_message_headers_foreach (forward->headers, copy_header_cb, headers);
      if (soup_message_headers_get_one (forward->headers, "Content-Type") != NULL)
        type = soup_message_headers_get_one (forward->headers, "Content-Type");
    }
  soup_server_message_set_status (forward->msg, forward->status, NULL);
  soup_server_message_set_response (forward->msg, type, SOUP_MEMORY_COPY, bytes, length);
  soup_server_message_unpause (forward->msg);

  g_mutex_lock (&self->lock);
  note_in_flight (self, -1, now);
  self->last_answer_at = now;
  g_mutex_unlock (&self->lock);

  forward_free (forward);
  return G_SOURCE_REMOVE;
}

static void
on_upstream_answer_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Forward *forward = user_data;
  FbkBenchLink *self = forward->link;
  SoupMessage *upstream_msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_monotonic_time ();
  gint64 ready_at, done_at;
  double transfer_us;
  gsize length;

  forward->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (forward->body == NULL)
    {
      forward->status = SOUP_STATUS_BAD_GATEWAY;
      forward->body = g_bytes_new (error->message, strlen (error->message));
    }
  else
    {
      forward->status = soup_message_get_status (upstream_msg);
      forward->headers = soup_message_headers_ref (soup_message_get_response_headers (upstream_msg));
    }
  length = g_bytes_get_size (forward->body);

  /* The answer's bytes queue for the link after the server is done with it. */
  ready_at = MAX (now, forward->earliest_answer_at);
  transfer_us = length * 8.0 / self->model.megabits_per_s;
  g_mutex_lock (&self->lock);
  done_at = MAX (ready_at, self->link_free_at) + (gint64) transfer_us;
  self->link_free_at = done_at;
  self->stats.n_bytes += length;
  g_mutex_unlock (&self->lock);

  {
    g_autoptr(GSource) timer = g_timeout_source_new (MAX (0, (done_at - now) / 1000));

    g_source_set_callback (timer, send_answer_cb, forward, NULL);
    g_source_attach (timer, self->context);
  }
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  FbkBenchLink *self = user_data;
  GSocket *socket = soup_server_message_get_socket (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *target = NULL;
  g_autoptr(SoupMessage) upstream_msg = NULL;
  Forward *forward;
  gint64 wait_us;

  forward = g_new0 (Forward, 1);
  forward->link = self;
  forward->msg = g_object_ref (msg);
  forward->received_at = g_get_monotonic_time ();

  wait_us = (gint64) self->model.rtt_ms * 1000 +
            (gint64) ((self->model.think_ms + self->model.think_per_year_ms * years_asked (query)) * 1000);

  g_mutex_lock (&self->lock);
  /* A socket seen for the first time is a new connection: its handshakes
   * come before the request could be sent. */
  if (socket != NULL && g_object_get_data (G_OBJECT (socket), "fbk-bench-link-seen") == NULL)
    {
      g_object_set_data (G_OBJECT (socket), "fbk-bench-link-seen", GINT_TO_POINTER (TRUE));
      self->stats.n_connections++;
      wait_us += (gint64) self->model.handshake_rtts * self->model.rtt_ms * 1000;
    }
  if (self->stats.n_requests++ == 0)
    self->first_request_at = forward->received_at;
  note_in_flight (self, +1, forward->received_at);
  g_mutex_unlock (&self->lock);
  forward->earliest_answer_at = forward->received_at + wait_us;

  target = g_strconcat (self->upstream_url, g_uri_get_path (uri),
                        g_uri_get_query (uri) != NULL ? "?" : "",
                        g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "", NULL);
  upstream_msg = soup_message_new (soup_server_message_get_method (msg), target);
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg), copy_header_cb,
                                soup_message_get_request_headers (upstream_msg));
  soup_message_headers_remove (soup_message_get_request_headers (upstream_msg), "Host");

  soup_server_message_pause (msg);
  soup_session_send_and_read_async (self->upstream, upstream_msg, G_PRIORITY_DEFAULT, NULL,
                                    on_upstream_answer_cb, forward);
}

static gpointer
serve_thread (gpointer data)
{
  FbkBenchLink *self = data;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  /* Many connections upstream: the link, not this forwarder, is the limit. */
  self->upstream = soup_session_new_with_options ("max-conns", 64, "max-conns-per-host", 64, NULL);
  soup_server_add_handler (self->server, NULL, on_request_cb, self, NULL);

  if (soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      uris = soup_server_get_uris (self->server);
      self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
    }

  g_mutex_lock (&self->lock);
  self->start_error = g_steal_pointer (&error);
  self->ready = TRUE;
  g_cond_signal (&self->started);
  g_mutex_unlock (&self->lock);

  if (self->base_url != NULL)
    g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->upstream);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static void
fbk_bench_link_finalize (GObject *object)
{
  FbkBenchLink *self = FBK_BENCH_LINK (object);

  fbk_bench_link_stop (self);
  g_free (self->upstream_url);
  g_free (self->base_url);
  g_clear_error (&self->start_error);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->started);

  G_OBJECT_CLASS (fbk_bench_link_parent_class)->finalize (object);
}

static void
fbk_bench_link_class_init (FbkBenchLinkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fbk_bench_link_finalize;
}

static void
fbk_bench_link_init (FbkBenchLink *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->started);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
}

FbkBenchLink *
fbk_bench_link_new (const char              *upstream_url,
                    const FbkBenchLinkModel *model)
{
  FbkBenchLink *self = g_object_new (FBK_TYPE_BENCH_LINK, NULL);

  self->upstream_url = g_strdup (upstream_url);
  self->model = *model;
  return self;
}

const char *
fbk_bench_link_start (FbkBenchLink  *self,
                      GError       **error)
{
  g_return_val_if_fail (self->thread == NULL, NULL);

  self->thread = g_thread_new ("bench-link", serve_thread, self);
  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->started, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      fbk_bench_link_stop (self);
      return NULL;
    }
  return self->base_url;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
fbk_bench_link_stop (FbkBenchLink *self)
{
  if (self->thread == NULL)
    return;
  /* Through the loop's own context: it may not be running yet. */
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (g_steal_pointer (&self->thread));
}

void
fbk_bench_link_take_stats (FbkBenchLink      *self,
                           FbkBenchLinkStats *out_stats)
{
  g_mutex_lock (&self->lock);
  *out_stats = self->stats;
  if (self->stats.n_requests > 0)
    out_stats->first_to_last_ms = (self->last_answer_at - self->first_request_at) / 1000.0;
  memset (&self->stats, 0, sizeof self->stats);
  g_mutex_unlock (&self->lock);
}
