/* test-client.c: FbkClient against a scripted SoupServer on loopback
 *
 * A single request goes through the client; what takes several requests
 * (discovering the meters, a period longer than one request may ask for)
 * through a store-less FbkRepository on the same client, which plans them.
 *
 * The server records every request as it arrived (path, raw and decoded
 * query, Authorization) and answers from a script: canned bodies, errors
 * with or without Retry-After, delays, truncated bodies. Without a script
 * entry it answers like the MeterValueApi with one value per hour of exactly
 * the period asked, so results can be checked against the requests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <libsoup/soup.h>
#include <zlib.h>

#include "fbk-client.h"
#include "fbk-error.h"
#include "fbk-repository.h"
#include "fbk-test-support.h"

#define METERVALUES_PATH "/customer/metervalues/api/v1/metervalues"
#define MAXHOURS_PATH    "/customer/metervalues/api/v2/maxhours"

/* Shaped like a Min side token; distinctive so a leak is easy to find. */
#define TEST_TOKEN "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LWZvcmJydWstdGVzdC10b2tlbg.U2lnbmF0dXJlLTQyLXNlY3JldA"
#define METER_A    "707057500012345678"
#define METER_B    "707057500087654321"
#define NOW_TEXT   "2024-11-15T10:20:00+01:00"
#define HOUR       FBK_SECONDS_PER_HOUR
#define MIB        (1024 * 1024)
/* What a gzip bomb inflates to: 2 GiB of zeros from about 2 MB. */
#define BOMB_MIB   2048

/* --- log capture ----------------------------------------------------------- */

static GMutex log_mutex;
static GPtrArray *log_lines;  /* every message logged, debug included */

static void
capture_log_line (const char *domain,
                  const char *message)
{
  g_mutex_lock (&log_mutex);
  g_ptr_array_add (log_lines, g_strdup_printf ("%s: %s", domain != NULL ? domain : "", message));
  g_mutex_unlock (&log_mutex);
}

static GLogWriterOutput
capture_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = "";

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].value != NULL)
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].value != NULL)
        message = fields[i].value;
    }
  capture_log_line (domain, message);

  /* Debug output is only captured; anything louder is shown as usual. */
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* g_test_init() routes g_log() around the writer: catch it here too. */
static GLogFunc test_log_handler;

static void
capture_log_handler (const char     *domain,
                     GLogLevelFlags  log_level,
                     const char     *message,
                     gpointer        user_data)
{
  capture_log_line (domain, message);
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return;
  test_log_handler (domain, log_level, message, user_data);
}

/* --- the scripted server --------------------------------------------------- */

typedef enum
{
  REPLY_VALUES,     /* 200 with one value per hour of exactly what was asked */
  REPLY_CANNED,     /* status and body as given */
  REPLY_TRUNCATED,  /* Content-Length of the whole body, half of it, hang up */
  REPLY_TRICKLE,    /* generated values in twelve chunks, one every 100 ms */
  REPLY_ECHO,       /* status and body as given, "%TOKEN%" in it replaced by the token sent */
  REPLY_GZIP_BOMB,  /* 200 with Content-Encoding: gzip, BOMB_MIB MiB of zeros inflated */
} ReplyKind;

typedef struct
{
  ReplyKind  kind;
  guint      status;
  char      *body;
  char      *retry_after;
  char      *location;
  guint      delay_ms;
} Reply;

typedef struct
{
  char       *path;
  char       *raw_query;
  GHashTable *query;
  char       *authorization;
  gint64      arrived_us;
} Seen;

typedef struct _Fixture Fixture;

/* A chunked answer that never goes quiet for long, yet takes long. */
typedef struct
{
  SoupServerMessage *msg;
  char              *body;
  gsize              sent;
  guint              source_id;
} Trickle;

typedef struct
{
  Fixture           *f;
  SoupServerMessage *msg;
  GHashTable        *query;
  Reply             *reply;
  GSource           *source;
} Held;

struct _Fixture
{
  SoupServer *server;
  char       *base_url;
  GQueue      script;     /* Reply: one per arriving request, in order */
  Reply      *otherwise;  /* when the script is used up; NULL: REPLY_VALUES */
  GPtrArray  *seen;       /* Seen */
  GPtrArray  *held;       /* Held: replies waiting out their delay */
  GPtrArray  *trickles;   /* Trickle */
  guint       in_flight;
  guint       max_in_flight;
  FbkClient     *client;
  FbkClock      *clock;
  FbkRepository *repository;  /* on client, without a store */
  FbkInstant     now;
};

static Reply *
reply_new (ReplyKind   kind,
           guint       status,
           const char *body,
           const char *retry_after,
           guint       delay_ms)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->kind = kind;
  reply->status = status;
  reply->body = g_strdup (body);
  reply->retry_after = g_strdup (retry_after);
  reply->delay_ms = delay_ms;
  return reply;
}

static void
reply_free (Reply *reply)
{
  g_free (reply->body);
  g_free (reply->retry_after);
  g_free (reply->location);
  g_free (reply);
}

static Reply *
reply_copy (const Reply *reply)
{
  Reply *copy = reply_new (reply->kind, reply->status, reply->body, reply->retry_after, reply->delay_ms);

  copy->location = g_strdup (reply->location);
  return copy;
}

static void
seen_free (Seen *seen)
{
  g_free (seen->path);
  g_free (seen->raw_query);
  g_hash_table_unref (seen->query);
  g_free (seen->authorization);
  g_free (seen);
}

static void
held_free (Held *held)
{
  if (held->source != NULL)
    {
      g_source_destroy (held->source);
      g_source_unref (held->source);
    }
  g_object_unref (held->msg);
  g_hash_table_unref (held->query);
  reply_free (held->reply);
  g_free (held);
}

static void
script (Fixture     *f,
        ReplyKind    kind,
        guint        status,
        const char  *body,
        const char  *retry_after,
        guint        delay_ms)
{
  g_queue_push_tail (&f->script, reply_new (kind, status, body, retry_after, delay_ms));
}

static void
script_values (Fixture *f,
               guint    delay_ms)
{
  script (f, REPLY_VALUES, 200, NULL, NULL, delay_ms);
}

static void
script_otherwise (Fixture     *f,
                  guint        status,
                  const char  *body,
                  const char  *retry_after)
{
  g_clear_pointer (&f->otherwise, reply_free);
  f->otherwise = reply_new (REPLY_CANNED, status, body, retry_after, 0);
}

static Seen *
seen_at (Fixture *f,
         guint    index)
{
  g_assert_cmpuint (index, <, f->seen->len);
  return g_ptr_array_index (f->seen, index);
}

static const char *
seen_param (Seen       *seen,
            const char *name)
{
  return g_hash_table_lookup (seen->query, name);
}

static FbkInstant
seen_instant (Seen       *seen,
              const char *name)
{
  const char *text = seen_param (seen, name);

  g_assert_nonnull (text);
  return fbk_test_instant (text);
}

/* What the generated answers put in an hour, in Wh: varies by hour and meter
 * so a value in the wrong place or from the wrong meter shows. */
static gint64
generated_wh (const char *metering_point_id,
              FbkInstant  start)
{
  return (start / HOUR) % 997 + 100 + (g_str_equal (metering_point_id, METER_B) ? 5000 : 0);
}

static char *
generate_values (GHashTable *query)
{
  const char *ids_text = g_hash_table_lookup (query, "meteringPointIds");
  const char *production = g_hash_table_lookup (query, "includeProduction");
  g_auto(GStrv) ids = g_strsplit (ids_text != NULL ? ids_text : METER_A, ",", -1);
  FbkInstant start = fbk_test_instant (g_hash_table_lookup (query, "startTime"));
  FbkInstant end = fbk_test_instant (g_hash_table_lookup (query, "endTime"));
  GString *out = g_string_new ("{\"meteringpoints\":[");

  for (guint m = 0; ids[m] != NULL; m++)
    {
      g_autofree char *from_text = fbk_time_format_oslo (start);
      g_autofree char *to_text = fbk_time_format_oslo (end);

      g_string_append_printf (out, "%s{\"meteringPointId\":\"%s\","
                              "\"customerContract\":"
                              "{\"startTime\":\"2016-04-15T00:00:00+02:00\",\"endTime\":null},"
                              "\"metervalue\":{\"fromHour\":\"%s\",\"toHour\":\"%s\",\"resolutionMinutes\":60,"
                              "\"timeSeries\":[",
                              m > 0 ? "," : "", ids[m], from_text, to_text);
      for (FbkInstant hour = start; hour < end; hour += HOUR)
        {
          g_autofree char *hour_start = fbk_time_format_oslo (hour);
          g_autofree char *hour_end = fbk_time_format_oslo (hour + HOUR);
          gint64 wh = generated_wh (ids[m], hour);

          g_string_append_printf (out, "%s{\"startTime\":\"%s\",\"endTime\":\"%s\",\"value\":%"
                                  G_GINT64_FORMAT ".%03d,\"uom\":\"kWh\",\"production\":%s,\"verified\":true}",
                                  hour > start ? "," : "", hour_start, hour_end, wh / 1000, (int) (wh % 1000),
                                  g_strcmp0 (production, "true") == 0 ? "true" : "false");
        }
      g_string_append (out, "]}}");
    }
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}

static void
on_truncated_written_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GIOStream) stream = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
send_truncated (SoupServerMessage *msg,
                const char        *body)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  GOutputStream *output;
  GString *raw = g_string_new (NULL);
  gsize length = strlen (body);
  GBytes *bytes;

  g_assert_nonnull (stream);
  g_string_append_printf (raw, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n", length);
  g_string_append_len (raw, body, (gssize) (length / 2));
  bytes = g_string_free_to_bytes (raw);

  /* Asynchronously: the client reads on this very main context. */
  g_object_set_data_full (G_OBJECT (stream), "test-truncated-body", bytes, (GDestroyNotify) g_bytes_unref);
  output = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all_async (output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_PRIORITY_DEFAULT, NULL, on_truncated_written_cb,
                                   g_steal_pointer (&stream));
}

/* A client that gave up takes the message's I/O with it. */
static void
on_message_disconnected_cb (SoupServerMessage *msg,
                            gpointer           user_data)
{
  g_object_set_data (G_OBJECT (msg), "test-gone", GINT_TO_POINTER (TRUE));
}

static gboolean
message_is_gone (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), "test-gone") != NULL;
}

static void
trickle_free (Trickle *trickle)
{
  g_clear_handle_id (&trickle->source_id, g_source_remove);
  g_object_unref (trickle->msg);
  g_free (trickle->body);
  g_free (trickle);
}

static gboolean
on_trickle_cb (gpointer user_data)
{
  Trickle *trickle = user_data;
  SoupMessageBody *response = soup_server_message_get_response_body (trickle->msg);
  gsize length = strlen (trickle->body);
  gsize piece = MIN (length - trickle->sent, length / 12 + 1);

  if (message_is_gone (trickle->msg))
    {
      trickle->source_id = 0;
      return G_SOURCE_REMOVE;
    }

  soup_message_body_append (response, SOUP_MEMORY_COPY, trickle->body + trickle->sent, piece);
  trickle->sent += piece;
  if (trickle->sent == length)
    {
      soup_message_body_complete (response);
      trickle->source_id = 0;
    }
  soup_server_message_unpause (trickle->msg);

  return trickle->source_id != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
send_trickle (Fixture           *f,
              SoupServerMessage *msg,
              char              *body)
{
  Trickle *trickle = g_new0 (Trickle, 1);

  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/json", NULL);
  soup_server_message_set_status (msg, 200, NULL);
  trickle->msg = g_object_ref (msg);
  trickle->body = body;
  trickle->source_id = g_timeout_add (100, on_trickle_cb, trickle);
  g_ptr_array_add (f->trickles, trickle);
  soup_server_message_pause (msg);
}

static gsize
deflate_mib_of_zeros (z_stream     *stream,
                      const guchar *zeros,
                      guchar       *out,
                      gsize         out_size)
{
  stream->next_in = (guchar *) zeros;
  stream->avail_in = MIB;
  stream->next_out = out;
  stream->avail_out = (uInt) out_size;
  g_assert_cmpint (deflate (stream, Z_FULL_FLUSH), ==, Z_OK);
  g_assert_cmpuint (stream->avail_in, ==, 0);
  g_assert_cmpuint (stream->avail_out, >, 0);

  return out_size - stream->avail_out;
}

/* A valid gzip file of @n_mib MiB of zeros, about a thousand times
 * smaller, made in milliseconds: after a full flush the compressor starts
 * afresh, so one MiB compressed stands for every MiB after the first. The
 * trailer holds the CRC-32 and length of all of it. */
static GBytes *
gzip_bomb (guint n_mib)
{
  g_autofree guchar *zeros = g_malloc0 (MIB);
  guchar first[4096], repeated[4096], again[4096];
  z_stream stream = { 0 };
  GByteArray *bomb = g_byte_array_new ();
  gsize n_first, n_repeated;
  uLong crc_mib, crc;
  guint32 trailer[2];

  g_assert_cmpint (deflateInit2 (&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), ==, Z_OK);
  n_first = deflate_mib_of_zeros (&stream, zeros, first, sizeof first);
  n_repeated = deflate_mib_of_zeros (&stream, zeros, repeated, sizeof repeated);
  g_assert_cmpmem (repeated, n_repeated, again, deflate_mib_of_zeros (&stream, zeros, again, sizeof again));
  deflateEnd (&stream);

  g_byte_array_append (bomb, first, (guint) n_first);
  for (guint i = 1; i < n_mib; i++)
    g_byte_array_append (bomb, repeated, (guint) n_repeated);
  /* the last block: final, fixed Huffman codes, empty */
  g_byte_array_append (bomb, (const guint8 *) "\x03\x00", 2);

  crc = crc_mib = crc32 (0, zeros, MIB);
  for (guint i = 1; i < n_mib; i++)
    crc = crc32_combine (crc, crc_mib, MIB);
  trailer[0] = GUINT32_TO_LE ((guint32) crc);
  trailer[1] = GUINT32_TO_LE ((guint32) ((guint64) n_mib * MIB));
  g_byte_array_append (bomb, (const guint8 *) trailer, sizeof trailer);

  return g_byte_array_free_to_bytes (bomb);
}

static char *
echo_token (SoupServerMessage *msg,
            const char        *body)
{
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  g_auto(GStrv) parts = g_strsplit (body, "%TOKEN%", -1);

  g_assert_true (g_str_has_prefix (authorization, "Bearer "));
  return g_strjoinv (authorization + strlen ("Bearer "), parts);
}

static void
send_reply (Fixture           *f,
            SoupServerMessage *msg,
            GHashTable        *query,
            const Reply       *reply)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  char *body;

  f->in_flight--;

  body = reply->body != NULL ? g_strdup (reply->body) : generate_values (query);
  if (reply->kind == REPLY_TRUNCATED)
    {
      send_truncated (msg, body);
      g_free (body);
      return;
    }
  if (reply->kind == REPLY_TRICKLE)
    {
      send_trickle (f, msg, body);
      return;
    }
  if (reply->kind == REPLY_GZIP_BOMB)
    {
      g_autoptr(GBytes) bomb = gzip_bomb (BOMB_MIB);

      g_free (body);
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb));
      return;
    }
  if (reply->kind == REPLY_ECHO)
    {
      char *echoed = echo_token (msg, body);

      g_free (body);
      body = echoed;
    }

  soup_server_message_set_status (msg, reply->status, reply->status == 429 ? "Too Many Requests" : NULL);
  if (reply->retry_after != NULL)
    soup_message_headers_replace (headers, "Retry-After", reply->retry_after);
  if (reply->location != NULL)
    soup_message_headers_replace (headers, "Location", reply->location);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, strlen (body));
}

static gboolean
on_held_due_cb (gpointer user_data)
{
  Held *held = user_data;
  Fixture *f = held->f;

  if (message_is_gone (held->msg))
    {
      f->in_flight--;
      g_ptr_array_remove (f->held, held);
      return G_SOURCE_REMOVE;
    }

  send_reply (f, held->msg, held->query, held->reply);
  if (held->reply->kind == REPLY_VALUES || held->reply->kind == REPLY_CANNED)
    soup_server_message_unpause (held->msg);
  g_ptr_array_remove (f->held, held);

  return G_SOURCE_REMOVE;
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *f = user_data;
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  Seen *seen = g_new0 (Seen, 1);
  Reply *reply;

  seen->path = g_strdup (path);
  seen->raw_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  seen->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (seen->query, g_strdup (key), g_strdup (value));
    }
  seen->authorization = g_strdup (authorization);
  seen->arrived_us = g_get_monotonic_time ();
  g_ptr_array_add (f->seen, seen);
  g_signal_connect (msg, "disconnected", G_CALLBACK (on_message_disconnected_cb), NULL);

  f->in_flight++;
  f->max_in_flight = MAX (f->max_in_flight, f->in_flight);

  reply = g_queue_pop_head (&f->script);
  if (reply == NULL)
    reply = f->otherwise != NULL ? reply_copy (f->otherwise) : reply_new (REPLY_VALUES, 200, NULL, NULL, 0);

  if (reply->delay_ms > 0)
    {
      Held *held = g_new0 (Held, 1);

      held->f = f;
      held->msg = g_object_ref (msg);
      held->query = g_hash_table_ref (seen->query);
      held->reply = reply;
      held->source = g_timeout_source_new (reply->delay_ms);
      g_source_set_callback (held->source, on_held_due_cb, held, NULL);
      g_source_attach (held->source, NULL);
      g_ptr_array_add (f->held, held);
      soup_server_message_pause (msg);
      return;
    }

  send_reply (f, msg, seen->query, reply);
  reply_free (reply);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_free);
  f->held = g_ptr_array_new_with_free_func ((GDestroyNotify) held_free);
  f->trickles = g_ptr_array_new_with_free_func ((GDestroyNotify) trickle_free);
  g_queue_init (&f->script);

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, on_request_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->now = fbk_test_instant (NOW_TEXT);
  f->client = fbk_client_new (f->base_url, &error);
  g_assert_no_error (error);
  fbk_client_set_token (f->client, TEST_TOKEN);
  /* Fast retries unless a test says otherwise; the defaults wait seconds. */
  fbk_client_set_retry_policy (f->client, 2, 10, 40);
  f->clock = fbk_clock_new_pinned (f->now);
  f->repository = fbk_repository_new (f->client, NULL, NULL, f->clock);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->repository);
  g_clear_object (&f->clock);
  g_clear_object (&f->client);
  g_ptr_array_set_size (f->held, 0);
  g_ptr_array_set_size (f->trickles, 0);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_queue_clear_full (&f->script, (GDestroyNotify) reply_free);
  g_clear_pointer (&f->otherwise, reply_free);
  g_clear_pointer (&f->seen, g_ptr_array_unref);
  g_clear_pointer (&f->held, g_ptr_array_unref);
  g_clear_pointer (&f->trickles, g_ptr_array_unref);
  g_free (f->base_url);
}

/* --- running operations ---------------------------------------------------- */

typedef struct
{
  GArray       *calls;        /* guint done, guint total, … */
  GCancellable *cancel_at;    /* cancelled when done reaches cancel_after */
  guint         cancel_after;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->calls, done);
  g_array_append_val (progress->calls, total);
  if (progress->cancel_at != NULL && done == progress->cancel_after)
    g_cancellable_cancel (progress->cancel_at);
}

/* A period of @ids through the repository: planned into requests the API
 * accepts, each one client call. */
static FbkRefreshResult *
refresh (Fixture            *f,
         const char * const *ids,
         FbkInstant          from,
         FbkInstant          to,
         FbkDirection        direction,
         Progress           *progress,
         GCancellable       *cancellable,
         GError            **error)
{
  FbkTestAsync waiter = { 0 };
  FbkRefreshResult *result;

  fbk_repository_refresh_async (f->repository, ids, from, to, FBK_REFRESH_DIRECTION (direction),
                                       progress != NULL ? on_progress : NULL, progress,
                                       cancellable, fbk_test_async_done_cb, &waiter);
  fbk_test_wait_until (waiter.done, 30);
  result = fbk_repository_refresh_finish (f->repository, waiter.result, error);
  g_object_unref (waiter.result);
  g_assert_cmpuint (waiter.n_callbacks, ==, 1);

  return result;
}

/* One request for @id's values over [@from, @to). */
static GPtrArray *
fetch_values (Fixture       *f,
              const char    *id,
              FbkInstant     from,
              FbkInstant     to,
              FbkDirection   direction,
              GCancellable  *cancellable,
              GError       **error)
{
  FbkTestAsync waiter = { 0 };
  GPtrArray *answered;

  fbk_client_fetch_values_async (f->client, id, from, to, direction, cancellable, fbk_test_async_done_cb, &waiter);
  fbk_test_wait_until (waiter.done, 30);
  answered = fbk_client_fetch_values_finish (f->client, waiter.result, error);
  g_object_unref (waiter.result);
  g_assert_cmpuint (waiter.n_callbacks, ==, 1);

  return answered;
}

/* How many values of @direction an answer holds for METER_A. */
static guint
n_values (GPtrArray    *answered,
          FbkDirection  direction)
{
  for (guint i = 0; i < answered->len; i++)
    {
      FbkMeterValues *values = g_ptr_array_index (answered, i);

      if (g_str_equal (values->metering_point_id, METER_A))
        return values->intervals[direction] != NULL ? values->intervals[direction]->len : 0;
    }
  return 0;
}

static gboolean
on_run_for_done_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context for @ms milliseconds. */
static void
run_for_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_run_for_done_cb, &done);
  fbk_test_wait_until (done, ms / 1000 + 5);
}

/* Fetches a day of METER_A, for the tests about errors. */
static GPtrArray *
fetch_day (Fixture  *f,
           GError  **error)
{
  FbkInstant day = fbk_test_instant ("2024-11-01T00:00:00+01:00");

  return fetch_values (f, METER_A, day, day + 24 * HOUR, FBK_DIRECTION_CONSUMPTION, NULL, error);
}

/* The repository's discovery: the meters the token covers. */
static GListModel *
discover (Fixture       *f,
          GCancellable  *cancellable,
          GError       **error)
{
  FbkTestAsync waiter = { 0 };
  gboolean discovered;

  fbk_repository_discover_meters_async (f->repository, cancellable, fbk_test_async_done_cb, &waiter);
  fbk_test_wait_until (waiter.done, 30);
  discovered = fbk_repository_discover_meters_finish (f->repository, waiter.result, error);
  g_object_unref (waiter.result);

  return discovered ? fbk_repository_get_meters (f->repository) : NULL;
}

static void
assert_not_retried_and_no_token (Fixture      *f,
                                  const GError *error)
{
  g_assert_cmpuint (f->seen->len, ==, 1);
  g_assert_null (strstr (error->message, TEST_TOKEN));
}

/* Like a real one, a token of about 1.2 KB: longer than any excerpt a
 * message quotes, so an echo of it is cut, not whole. */
static char *
long_test_token (void)
{
  const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  GString *token = g_string_new ("eyJhbGciOiJSUzI1NiJ9.");

  for (guint i = 0; i < 1200; i++)
    {
      if (i == 900)
        g_string_append_c (token, '.');
      g_string_append_c (token, alphabet[g_rand_int_range (rand, 0, 64)]);
    }
  return g_string_free (token, FALSE);
}

/* --- URLs ------------------------------------------------------------------ */

static void
test_url_allowed (void)
{
  const char *allowed[] = {
    "https://elvia.azure-api.net", "https://elvia.azure-api.net/", "HTTPS://example.org:8443",
    "http://127.0.0.1:8080", "http://127.0.0.53", "http://localhost:1234", "http://LOCALHOST",
    "http://[::1]:8080",
  };
  const char *refused[] = {
    "http://elvia.azure-api.net", "http://192.168.1.10:8080", "http://localhost.example.com",
    "http://127.0.0.1.example.com", "ftp://127.0.0.1", "ws://localhost", "http://[::2]",
  };
  const char *not_urls[] = { "", "elvia.azure-api.net", "https://", "not a url" };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FbkClient) client = fbk_client_new (allowed[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (client);
      g_assert_false (g_str_has_suffix (fbk_client_get_base_url (client), "/"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FbkClient) client = fbk_client_new (refused[i], &error);

      g_assert_null (client);
      g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_INSECURE_URL);
      /* The message names the address and says what is allowed. */
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_assert_nonnull (strstr (error->message, "https"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_urls); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (fbk_client_url_is_allowed (not_urls[i], &error));
      g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_INSECURE_URL);
    }

  /* NULL is Elvia's own https address. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FbkClient) client = fbk_client_new (NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (fbk_client_get_base_url (client), ==, FBK_DEFAULT_API_URL);
  }
}

/* --- requests as sent ------------------------------------------------------ */

static void
assert_encoded (Seen *seen)
{
  /* A raw "+" would reach the server as a space. */
  g_assert_null (strchr (seen->raw_query, '+'));
  g_assert_nonnull (strstr (seen->raw_query, "%2B01%3A00"));
  g_assert_cmpstr (seen->authorization, ==, "Bearer " TEST_TOKEN);
}

/* The two meters as every answer below names them. */
#define METER_A_HEAD \
  "{\"meteringPointId\":\"" METER_A "\"," \
  " \"customerContract\":{\"startTime\":\"2016-04-15T00:00:00+02:00\",\"endTime\":null},"
#define METER_B_HEAD \
  "{\"meteringPointId\":\"" METER_B "\"," \
  " \"customerContract\":{\"startTime\":\"2020-09-01T00:00:00+02:00\",\"endTime\":\"2030-01-01T00:00:00+01:00\"},"

static const char two_meters_consumption[] =
  "{\"meteringpoints\":["
  METER_A_HEAD
  " \"metervalue\":{\"fromHour\":\"2024-11-15T07:00:00+01:00\",\"toHour\":\"2024-11-15T08:00:00+01:00\","
  "  \"resolutionMinutes\":60,\"timeSeries\":["
  "  {\"startTime\":\"2024-11-15T07:00:00+01:00\",\"endTime\":\"2024-11-15T08:00:00+01:00\","
  "   \"value\":1.5,\"uom\":\"kWh\",\"production\":false,\"verified\":false}]}},"
  METER_B_HEAD
  " \"metervalue\":{\"fromHour\":\"2024-11-15T07:00:00+01:00\",\"toHour\":\"2024-11-15T07:00:00+01:00\","
  "  \"resolutionMinutes\":60,\"timeSeries\":[]}}"
  "]}";

static const char two_meters_production[] =
  "{\"meteringpoints\":["
  METER_A_HEAD
  " \"metervalue\":{\"fromHour\":\"2024-11-08T11:00:00+01:00\",\"toHour\":\"2024-11-08T11:00:00+01:00\","
  "  \"resolutionMinutes\":60,\"timeSeries\":[]}},"
  METER_B_HEAD
  " \"metervalue\":{\"fromHour\":\"2024-11-14T12:00:00+01:00\",\"toHour\":\"2024-11-14T13:00:00+01:00\","
  "  \"resolutionMinutes\":60,\"timeSeries\":["
  "  {\"startTime\":\"2024-11-14T12:00:00+01:00\",\"endTime\":\"2024-11-14T13:00:00+01:00\","
  "   \"value\":0.731,\"uom\":\"kWh\",\"production\":true,\"verified\":false}]}}"
  "]}";

static void
test_discover (Fixture       *f,
               gconstpointer  data)
{
  GListModel *meters;
  g_autoptr(GError) error = NULL;
  FbkInstant hour = fbk_test_instant ("2024-11-15T10:00:00+01:00");
  FbkMeteringPoint *a, *b;
  Seen *consumption, *production;

  /* One at a time, so the script's answers meet their requests. */
  fbk_client_set_max_concurrent (f->client, 1);
  script (f, REPLY_CANNED, 200, two_meters_consumption, NULL, 0);
  script (f, REPLY_CANNED, 200, two_meters_production, NULL, 0);

  meters = discover (f, NULL, &error);
  g_assert_no_error (error);

  /* No list endpoint: two metervalues calls naming no meter. */
  g_assert_cmpuint (f->seen->len, ==, 2);
  consumption = seen_at (f, 0);
  production = seen_at (f, 1);
  for (guint i = 0; i < 2; i++)
    {
      Seen *seen = seen_at (f, i);

      g_assert_cmpstr (seen->path, ==, METERVALUES_PATH);
      g_assert_null (seen_param (seen, "meteringPointIds"));
      assert_encoded (seen);
    }
  g_assert_cmpstr (seen_param (consumption, "includeProduction"), ==, "false");
  g_assert_cmpstr (seen_param (production, "includeProduction"), ==, "true");
  g_assert_cmpint (seen_instant (consumption, "endTime"), ==, hour);
  g_assert_cmpint (seen_instant (consumption, "startTime"), ==, hour - 3 * HOUR);
  g_assert_cmpint (seen_instant (production, "endTime"), ==, hour);
  g_assert_cmpint (seen_instant (production, "startTime"), ==, hour - 7 * 24 * HOUR);

  /* Both meters, in the order Elvia listed them. */
  g_assert_cmpuint (g_list_model_get_n_items (meters), ==, 2);
  a = g_list_model_get_item (meters, 0);
  b = g_list_model_get_item (meters, 1);
  g_object_unref (a);
  g_object_unref (b);
  g_assert_cmpstr (fbk_metering_point_get_id (a), ==, METER_A);
  g_assert_cmpstr (fbk_metering_point_get_id (b), ==, METER_B);
  g_assert_cmpint (fbk_metering_point_get_contract_start (a), ==, fbk_test_instant ("2016-04-15T00:00:00+02:00"));
  g_assert_cmpint (fbk_metering_point_get_contract_end (a), ==, FBK_INSTANT_INVALID);
  g_assert_cmpint (fbk_metering_point_get_contract_start (b), ==, fbk_test_instant ("2020-09-01T00:00:00+02:00"));
  g_assert_cmpint (fbk_metering_point_get_contract_end (b), ==, fbk_test_instant ("2030-01-01T00:00:00+01:00"));
  /* Only B produced anything during the probe week. */
  g_assert_false (fbk_metering_point_get_produces (a));
  g_assert_true (fbk_metering_point_get_produces (b));
}

/* Asked for hours not reported yet, the API answers with toHour before
 * fromHour and an empty timeSeries. That is no values yet, not an error:
 * discovery finds both meters with their contracts, and a fetch of those
 * hours gives empty series. */
static const char lagging_consumption[] =
  "{\"meteringpoints\":["
  METER_A_HEAD
  " \"metervalue\":{\"fromHour\":\"2024-11-15T07:00:00+01:00\",\"toHour\":\"2024-11-15T05:00:00+01:00\","
  "  \"resolutionMinutes\":60,\"timeSeries\":[]}},"
  METER_B_HEAD
  " \"metervalue\":{\"fromHour\":\"2024-11-15T07:00:00+01:00\",\"toHour\":\"2024-11-15T06:00:00+01:00\","
  "  \"resolutionMinutes\":60,\"timeSeries\":[]}}"
  "]}";

static void
test_discover_no_values_yet (Fixture       *f,
                             gconstpointer  data)
{
  GListModel *meters;
  g_autoptr(FbkRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkMeteringPoint) a = NULL;
  g_autoptr(FbkMeteringPoint) b = NULL;
  const char * const ids[] = { METER_A, NULL };
  FbkInstant hour = fbk_test_instant ("2024-11-15T10:00:00+01:00");

  script_otherwise (f, 200, lagging_consumption, NULL);

  meters = discover (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (meters), ==, 2);
  a = g_list_model_get_item (meters, 0);
  b = g_list_model_get_item (meters, 1);
  g_assert_cmpstr (fbk_metering_point_get_id (a), ==, METER_A);
  g_assert_cmpint (fbk_metering_point_get_contract_start (a), ==,
                   fbk_test_instant ("2016-04-15T00:00:00+02:00"));
  g_assert_cmpstr (fbk_metering_point_get_id (b), ==, METER_B);
  g_assert_cmpint (fbk_metering_point_get_contract_start (b), ==,
                   fbk_test_instant ("2020-09-01T00:00:00+02:00"));
  g_assert_false (fbk_metering_point_get_produces (b));

  result = refresh (f, ids, hour - 3 * HOUR, hour, FBK_DIRECTION_CONSUMPTION, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->series[FBK_DIRECTION_CONSUMPTION]->len, ==, 1);
  g_assert_cmpuint (fbk_series_get_length (g_ptr_array_index (result->series[FBK_DIRECTION_CONSUMPTION], 0)), ==, 0);
}

static void
test_discover_failure (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *meters;
  g_autoptr(GError) error = NULL;

  fbk_client_set_max_concurrent (f->client, 1);
  script (f, REPLY_CANNED, 200, two_meters_consumption, NULL, 0);
  script (f, REPLY_CANNED, 200, "{\"meteringpoints\": 42}", NULL, 0);

  meters = discover (f, NULL, &error);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_MALFORMED_RESPONSE);
  g_assert_null (meters);
}

static guint
count_hours_on (FbkSeries  *series,
                const char *date_text)
{
  FbkDate date;
  FbkInstant start;
  FbkInstant end;
  guint n = 0;

  g_assert_true (fbk_time_parse_date (date_text, &date));
  start = fbk_time_oslo_midnight (date);
  end = fbk_time_oslo_midnight (fbk_date_add_days (date, 1));
  fbk_series_get_range (series, start, end, &n);

  return n;
}

static void
test_values_three_years (Fixture       *f,
                         gconstpointer  data)
{
  const char * const ids[] = { METER_A, NULL };
  g_autoptr(FbkRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (guint)), NULL, 0 };
  FbkInstant from = fbk_time_add_oslo_months (f->now, -36);
  FbkInstant end_limit = fbk_test_instant ("2024-11-15T11:00:00+01:00");
  /* The server's rule, counted independently of the planner. */
  FbkInstant oldest_allowed = fbk_test_instant ("2021-11-15T00:00:00+01:00");
  const FbkRangeDrop *drop;
  const FbkInterval *intervals;
  FbkSeries *series;
  guint n = 0;

  /* One request at a time so arrival order is sending order. */
  fbk_client_set_max_concurrent (f->client, 1);
  result = refresh (f, ids, from, f->now + 24 * HOUR, FBK_DIRECTION_CONSUMPTION, &progress, NULL, &error);
  g_assert_no_error (error);

  /* 1096 days in 365-day requests, newest first, back to back, each within
   * the API's limits, the newest ending with the current hour. */
  g_assert_cmpuint (f->seen->len, ==, 4);
  g_assert_cmpuint (result->n_requests, ==, 4);
  for (guint i = 0; i < f->seen->len; i++)
    {
      Seen *seen = seen_at (f, i);
      FbkInstant start = seen_instant (seen, "startTime");
      FbkInstant end = seen_instant (seen, "endTime");

      g_assert_cmpstr (seen->path, ==, METERVALUES_PATH);
      g_assert_cmpstr (seen_param (seen, "meteringPointIds"), ==, METER_A);
      g_assert_cmpstr (seen_param (seen, "includeProduction"), ==, "false");
      assert_encoded (seen);
      g_assert_cmpint (start, <, end);
      g_assert_cmpint (end - start, <=, 365 * 24 * HOUR);
      g_assert_cmpint (start, >=, oldest_allowed);
      g_assert_cmpint (start, >=, from);
      g_assert_cmpint (start % HOUR, ==, 0);
      if (i + 1 < f->seen->len)
        g_assert_cmpint (start, ==, seen_instant (seen_at (f, i + 1), "endTime"));
      else
        g_assert_cmpint (start, ==, fbk_range_plan_history_limit (f->now));
    }
  g_assert_cmpint (seen_instant (seen_at (f, 0), "endTime"), ==, end_limit);
  g_assert_cmpint (seen_instant (seen_at (f, 0), "endTime") - seen_instant (seen_at (f, 0), "startTime"),
                   ==, 365 * 24 * HOUR);

  /* What could not be asked for is said, not silently lost. */
  g_assert_cmpuint (result->dropped->len, ==, 2);
  drop = &g_array_index (result->dropped, FbkRangeDrop, 0);
  g_assert_cmpint (drop->reason, ==, FBK_RANGE_DROP_BEFORE_HISTORY_LIMIT);
  g_assert_cmpint (drop->from, ==, from);
  drop = &g_array_index (result->dropped, FbkRangeDrop, 1);
  g_assert_cmpint (drop->reason, ==, FBK_RANGE_DROP_AFTER_NOW);
  g_assert_cmpint (drop->from, ==, end_limit);

  /* Every hour once, in order, with the value the server sent for it. */
  g_assert_cmpuint (result->series[FBK_DIRECTION_CONSUMPTION]->len, ==, 1);
  series = g_ptr_array_index (result->series[FBK_DIRECTION_CONSUMPTION], 0);
  g_assert_cmpstr (fbk_series_get_metering_point_id (series), ==, METER_A);
  intervals = fbk_series_get_intervals (series, &n);
  g_assert_cmpuint (n, ==, (end_limit - fbk_range_plan_history_limit (f->now)) / HOUR);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (intervals[i].duration, ==, HOUR);
      if (i > 0)
        g_assert_cmpint (intervals[i].start, ==, intervals[i - 1].start + HOUR);
      g_assert_cmpfloat_with_epsilon (intervals[i].kwh, generated_wh (METER_A, intervals[i].start) / 1000.0, 1e-9);
    }
  g_assert_cmpint (intervals[0].start, ==, fbk_range_plan_history_limit (f->now));

  /* Oslo's DST days. */
  g_assert_cmpuint (count_hours_on (series, "2022-03-27"), ==, 23);
  g_assert_cmpuint (count_hours_on (series, "2022-10-30"), ==, 25);
  g_assert_cmpuint (count_hours_on (series, "2023-03-26"), ==, 23);
  g_assert_cmpuint (count_hours_on (series, "2023-10-29"), ==, 25);
  g_assert_cmpuint (count_hours_on (series, "2024-03-31"), ==, 23);
  g_assert_cmpuint (count_hours_on (series, "2024-10-27"), ==, 25);
  g_assert_cmpuint (count_hours_on (series, "2024-01-15"), ==, 24);

  /* Progress: one call per request, done counting up to the total. */
  g_assert_cmpuint (progress.calls->len, ==, 8);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (g_array_index (progress.calls, guint, 2 * i), ==, i + 1);
      g_assert_cmpuint (g_array_index (progress.calls, guint, 2 * i + 1), ==, 4);
    }
  g_array_unref (progress.calls);
}

/* Answers arrive out of order (the oldest request is the slowest): the
 * result is still one sorted series per meter, and no more than the allowed
 * number of requests ran at once. */
static void
test_values_concurrent_merge (Fixture       *f,
                              gconstpointer  data)
{
  const char * const ids[] = { METER_A, METER_B, NULL };
  g_autoptr(FbkRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FbkInstant from = fbk_test_instant ("2022-01-01T00:00:00+01:00");
  FbkInstant to = fbk_test_instant ("2024-11-01T00:00:00+01:00");

  script_values (f, 150);
  script_values (f, 75);
  result = refresh (f, ids, from, to, FBK_DIRECTION_CONSUMPTION, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Three windows each, three requests in flight (two before the network
   * plan of issue 20, on purpose). */
  g_assert_cmpuint (f->seen->len, ==, 6);
  g_assert_cmpuint (f->max_in_flight, ==, FBK_CLIENT_MAX_CONCURRENT);

  g_assert_cmpuint (result->series[FBK_DIRECTION_CONSUMPTION]->len, ==, 2);
  for (guint m = 0; m < 2; m++)
    {
      FbkSeries *series = g_ptr_array_index (result->series[FBK_DIRECTION_CONSUMPTION], m);
      FbkInstant first = from;
      guint n = 0;
      const FbkInterval *intervals = fbk_series_get_intervals (series, &n);

      g_assert_cmpstr (fbk_series_get_metering_point_id (series), ==, ids[m]);
      g_assert_cmpuint (n, ==, (to - first) / HOUR);
      g_assert_cmpint (intervals[0].start, ==, first);
      for (guint i = 1; i < n; i++)
        g_assert_cmpint (intervals[i].start, ==, intervals[i - 1].start + HOUR);
      g_assert_cmpfloat_with_epsilon (intervals[n - 1].kwh,
                                      generated_wh (ids[m], intervals[n - 1].start) / 1000.0,
                                      1e-9);
    }
}

static void
test_values_production (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  FbkInstant day = fbk_test_instant ("2024-06-01T00:00:00+02:00");
  FbkMeterValues *values;

  result = fetch_values (f, METER_B, day, day + 24 * HOUR, FBK_DIRECTION_PRODUCTION, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (f->seen->len, ==, 1);
  g_assert_cmpstr (seen_param (seen_at (f, 0), "meteringPointIds"), ==, METER_B);
  g_assert_cmpstr (seen_param (seen_at (f, 0), "includeProduction"), ==, "true");
  g_assert_null (seen_param (seen_at (f, 0), "includeProductionData"));
  values = g_ptr_array_index (result, 0);
  g_assert_cmpstr (values->metering_point_id, ==, METER_B);
  g_assert_cmpuint (values->intervals[FBK_DIRECTION_PRODUCTION]->len, ==, 24);
}

static void
test_values_nothing_to_ask (Fixture       *f,
                            gconstpointer  data)
{
  const char * const ids[] = { METER_A, NULL };
  g_autoptr(FbkRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Entirely in the future: no request, an empty series, the reason. */
  result = refresh (f, ids, f->now + 48 * HOUR, f->now + 72 * HOUR, FBK_DIRECTION_CONSUMPTION, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->seen->len, ==, 0);
  g_assert_cmpuint (result->n_requests, ==, 0);
  g_assert_cmpuint (fbk_series_get_length (g_ptr_array_index (result->series[FBK_DIRECTION_CONSUMPTION], 0)), ==, 0);
  g_assert_cmpuint (result->dropped->len, ==, 1);
  g_assert_cmpint (g_array_index (result->dropped, FbkRangeDrop, 0).reason, ==, FBK_RANGE_DROP_AFTER_NOW);
}

static void
test_max_hours (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("maxhours-v2.json");
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  const char * const ids[] = { METER_A, METER_B, NULL };
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  const FbkMaxHoursReport *report;
  FbkTestAsync waiter = { 0 };
  Seen *seen;

  script (f, REPLY_CANNED, 200, text, NULL, 0);
  fbk_client_fetch_max_hours_async (f->client, ids, fbk_test_instant ("2022-12-01T00:00:00+01:00"), NULL,
                                    fbk_test_async_done_cb, &waiter);
  fbk_test_wait_until (waiter.done, 10);
  reports = fbk_client_fetch_max_hours_finish (f->client, waiter.result, &error);
  g_clear_object (&waiter.result);
  g_assert_no_error (error);

  g_assert_cmpuint (f->seen->len, ==, 1);
  seen = seen_at (f, 0);
  g_assert_cmpstr (seen->path, ==, MAXHOURS_PATH);
  g_assert_cmpstr (seen_param (seen, "meteringPointIds"), ==, METER_A "," METER_B);
  g_assert_cmpstr (seen_param (seen, "includeProduction"), ==, "false");
  g_assert_cmpint (seen_instant (seen, "calculateTime"), ==, fbk_test_instant ("2022-12-01T00:00:00+01:00"));
  assert_encoded (seen);

  g_assert_cmpuint (reports->len, >=, 1);
  report = g_ptr_array_index (reports, 0);
  g_assert_cmpstr (report->metering_point_id, ==, METER_A);
  g_assert_nonnull (report->current);
  g_assert_cmpint (report->current->month, ==, 11);
  g_assert_cmpuint (report->current->n_hours, ==, 3);
  g_assert_nonnull (report->previous);
  g_assert_cmpint (report->previous->month, ==, 10);

  /* Without a time or meters: the API's defaults (now, every meter). */
  script (f, REPLY_CANNED, 200, text, NULL, 0);
  fbk_client_fetch_max_hours_async (f->client, NULL, FBK_INSTANT_INVALID, NULL, fbk_test_async_done_cb, &waiter);
  waiter.done = FALSE;
  fbk_test_wait_until (waiter.done, 10);
  g_clear_pointer (&reports, g_ptr_array_unref);
  reports = fbk_client_fetch_max_hours_finish (f->client, waiter.result, &error);
  g_clear_object (&waiter.result);
  g_assert_no_error (error);
  g_assert_cmpuint (f->seen->len, ==, 2);
  g_assert_null (seen_param (seen_at (f, 1), "calculateTime"));
  g_assert_null (seen_param (seen_at (f, 1), "meteringPointIds"));

  /* Its errors are the same typed errors. */
  script (f, REPLY_CANNED, 401, "{\"statusCode\":401,\"message\":\"Unauthorized\"}", NULL, 0);
  fbk_client_fetch_max_hours_async (f->client, ids, FBK_INSTANT_INVALID, NULL, fbk_test_async_done_cb, &waiter);
  waiter.done = FALSE;
  fbk_test_wait_until (waiter.done, 10);
  g_clear_pointer (&reports, g_ptr_array_unref);
  reports = fbk_client_fetch_max_hours_finish (f->client, waiter.result, &error);
  g_clear_object (&waiter.result);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_AUTH_REFUSED);
  g_assert_null (reports);
}

/* --- retries --------------------------------------------------------------- */

static double
gap_ms (Fixture *f,
        guint    index)
{
  return (seen_at (f, index)->arrived_us - seen_at (f, index - 1)->arrived_us) / 1000.0;
}

static void
test_retry_after_seconds (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;

  /* The backoff alone would wait 10–15 ms; Retry-After says a second. */
  script (f, REPLY_CANNED, 429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}", "1", 0);
  result = fetch_day (f, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (f->seen->len, ==, 2);
  g_assert_cmpfloat (gap_ms (f, 1), >=, 990);
  g_assert_cmpfloat (gap_ms (f, 1), <, 1500);
  g_assert_cmpuint (n_values (result, FBK_DIRECTION_CONSUMPTION), ==, 24);
  /* The retry asks for the same thing again. */
  g_assert_cmpstr (seen_at (f, 0)->raw_query, ==, seen_at (f, 1)->raw_query);
}

static void
test_retry_after_date (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 2);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

  /* An HTTP date two seconds ahead, with whole-second precision: at least
   * one second from now. */
  script (f, REPLY_CANNED, 503, "{\"statusCode\":503,\"message\":\"Service Unavailable\"}", date, 0);
  result = fetch_day (f, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (f->seen->len, ==, 2);
  g_assert_cmpfloat (gap_ms (f, 1), >=, 950);
  g_assert_cmpfloat (gap_ms (f, 1), <, 2600);
}

static void
test_retry_after_too_long (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  /* An hour is beyond what is worth waiting for: fail now, say why. */
  script (f, REPLY_CANNED, 429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}", "3600", 0);
  result = fetch_day (f, &error);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_RATE_LIMITED);
  g_assert_null (result);
  assert_not_retried_and_no_token (f, error);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
}

static void
test_retry_backoff (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;

  /* 50 ms, then 100 ms (each plus up to half the base in jitter). */
  fbk_client_set_retry_policy (f->client, 3, 50, 1000);
  script (f, REPLY_CANNED, 500, "{\"status\":500,\"title\":\"An error occurred\"}", NULL, 0);
  script (f, REPLY_CANNED, 503, "{\"statusCode\":503,\"message\":\"Service Unavailable\"}", NULL, 0);
  result = fetch_day (f, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (f->seen->len, ==, 3);
  g_assert_cmpfloat (gap_ms (f, 1), >=, 49);
  g_assert_cmpfloat (gap_ms (f, 2), >=, 99);
  g_assert_cmpfloat (gap_ms (f, 2), <, 1000);
}

static void
test_retry_bounded (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;

  script_otherwise (f, 500, "{\"status\":500,\"title\":\"An error occurred\"}", NULL);
  result = fetch_day (f, &error);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_SERVER);
  g_assert_null (result);
  /* The first try and two retries, then a message with the status. */
  g_assert_cmpuint (f->seen->len, ==, 3);
  g_assert_nonnull (strstr (error->message, "500"));
  g_clear_error (&error);

  g_ptr_array_set_size (f->seen, 0);
  script_otherwise (f, 429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}", "0");
  result = fetch_day (f, &error);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (f->seen->len, ==, 3);
  g_clear_error (&error);

  /* No retries at all when told so. */
  g_ptr_array_set_size (f->seen, 0);
  fbk_client_set_retry_policy (f->client, 0, 10, 10);
  result = fetch_day (f, &error);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (f->seen->len, ==, 1);
}

static void
on_waiting_cb (FbkHttp *http,
               guint    delay_ms,
               GArray  *waits)
{
  g_array_append_val (waits, delay_ms);
}

/* At most so much waiting in all, however often the server asks for it: a
 * budget of 3 s and Retry-After: 1 on every answer waits three times (1 +
 * 1 + 1 = 3 s), then the fourth answer is the error, after 4 requests and
 * about 3 s, not the ten retries' 10 s. Each wait is announced. Two
 * requests told to wait at the same time spend that time once: with
 * Retry-After: 1 on their first answers, both are tried again within the
 * budget of 1.5 s. */
static void
test_retry_total_wait (Fixture       *f,
                       gconstpointer  data)
{
  FbkHttp *http = fbk_client_get_http (f->client);
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  double elapsed_s;

  fbk_client_set_retry_policy (f->client, 10, 10, 40);
  fbk_http_set_max_total_wait (http, 3000);
  g_signal_connect (http, "waiting", G_CALLBACK (on_waiting_cb), waits);

  script_otherwise (f, 429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}", "1");
  result = fetch_day (f, &error);
  elapsed_s = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_RATE_LIMITED);
  g_assert_null (result);
  g_assert_cmpuint (f->seen->len, ==, 4);
  g_assert_cmpuint (waits->len, ==, 3);
  for (guint i = 0; i < waits->len; i++)
    g_assert_cmpuint (g_array_index (waits, guint, i), ==, 1000);
  g_assert_cmpfloat (elapsed_s, >=, 2.9);
  g_assert_cmpfloat (elapsed_s, <, 3.0 + 2.0 * fbk_test_time_scale ());
  g_clear_error (&error);

  /* Two at once: one second of waiting between them. */
  {
    FbkTestAsync first = { 0 };
    FbkTestAsync second = { 0 };
    FbkInstant day = fbk_test_instant ("2024-11-01T00:00:00+01:00");
    g_autoptr(GPtrArray) first_result = NULL;
    g_autoptr(GPtrArray) second_result = NULL;

    g_clear_pointer (&f->otherwise, reply_free);
    g_ptr_array_set_size (f->seen, 0);
    fbk_http_set_max_total_wait (http, 1500);
    script (f, REPLY_CANNED, 429, "{\"statusCode\":429}", "1", 0);
    script (f, REPLY_CANNED, 429, "{\"statusCode\":429}", "1", 0);
    fbk_client_fetch_values_async (f->client, METER_A, day, day + 24 * HOUR, FBK_DIRECTION_CONSUMPTION,
                                   NULL, fbk_test_async_done_cb, &first);
    fbk_client_fetch_values_async (f->client, METER_B, day, day + 24 * HOUR, FBK_DIRECTION_CONSUMPTION,
                                   NULL, fbk_test_async_done_cb, &second);
    fbk_test_wait_until (first.done, 30);
    fbk_test_wait_until (second.done, 30);
    first_result = fbk_client_fetch_values_finish (f->client, first.result, &error);
    g_assert_no_error (error);
    second_result = fbk_client_fetch_values_finish (f->client, second.result, &error);
    g_assert_no_error (error);
    g_object_unref (first.result);
    g_object_unref (second.result);
    g_assert_cmpuint (f->seen->len, ==, 4);
  }
}

/* Three requests in flight to Elvia; each 429 lowers that by one for the
 * rest of the client's life, never below one. */
static void
test_retry_lowers_concurrency (Fixture       *f,
                               gconstpointer  data)
{
  FbkHttp *http = fbk_client_get_http (f->client);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (fbk_http_get_max_concurrent (http), ==, 3);

  script (f, REPLY_CANNED, 429, "{\"statusCode\":429}", "0", 0);
  result = fetch_day (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fbk_http_get_max_concurrent (http), ==, 2);
  g_clear_pointer (&result, g_ptr_array_unref);

  fbk_client_set_retry_policy (f->client, 4, 10, 40);
  for (guint i = 0; i < 3; i++)
    script (f, REPLY_CANNED, 429, "{\"statusCode\":429}", "0", 0);
  result = fetch_day (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fbk_http_get_max_concurrent (http), ==, 1);
}

/* --- errors that are not retried -------------------------------------------- */

static void
test_error_unauthorized (Fixture       *f,
                         gconstpointer  data)
{
  const guint statuses[] = { 401, 403 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GPtrArray) result = NULL;
      g_autoptr(GError) error = NULL;

      g_ptr_array_set_size (f->seen, 0);
      script (f, REPLY_CANNED, statuses[i],
              "{\"statusCode\":401,\"message\":\"Unauthorized. Access token is missing or invalid.\"}", NULL, 0);
      result = fetch_day (f, &error);
      g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_AUTH_REFUSED);
      g_assert_null (result);
      assert_not_retried_and_no_token (f, error);
      g_assert_nonnull (strstr (error->message, "token"));
    }
}

static void
test_error_bad_request (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("problem-details-400.json");
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;

  script (f, REPLY_CANNED, 400, text, NULL, 0);
  result = fetch_day (f, &error);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_INVALID_REQUEST);
  g_assert_null (result);
  assert_not_retried_and_no_token (f, error);
  /* Elvia's own explanation reaches the person. */
  g_assert_nonnull (strstr (error->message, "Requested start time must be before end time"));
  g_clear_error (&error);

  /* A 400 that is not problem details still gives a sentence. */
  g_ptr_array_set_size (f->seen, 0);
  script (f, REPLY_CANNED, 400, "<html>Bad Request</html>", NULL, 0);
  result = fetch_day (f, &error);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_INVALID_REQUEST);
  g_assert_cmpuint (f->seen->len, ==, 1);
  g_assert_cmpuint (strlen (error->message), >, 10);
}

static void
test_error_invalid_json (Fixture       *f,
                         gconstpointer  data)
{
  const char *bodies[] = {
    "{\"meteringpoints\": [ {\"meteringPointId\": ",
    "<html><body>Service temporarily unavailable</body></html>",
    "",
    "{\"meteringpoints\": {}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GPtrArray) result = NULL;
      g_autoptr(GError) error = NULL;

      g_ptr_array_set_size (f->seen, 0);
      script (f, REPLY_CANNED, 200, bodies[i], NULL, 0);
      result = fetch_day (f, &error);
      g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_MALFORMED_RESPONSE);
      g_assert_null (result);
      /* A 200 with a bad body is not retried: it would come back the same. */
      assert_not_retried_and_no_token (f, error);
    }
}

static void
test_error_truncated (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("metervalues-single.json");
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Cut off every time: after the retries it is reported as a broken answer. */
  for (guint i = 0; i < 3; i++)
    script (f, REPLY_TRUNCATED, 200, text, NULL, 0);
  result = fetch_day (f, &error);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_MALFORMED_RESPONSE);
  g_assert_null (result);
  g_assert_cmpuint (f->seen->len, ==, 3);
  g_clear_error (&error);

  /* Cut off once: the retry gets the whole answer. */
  g_ptr_array_set_size (f->seen, 0);
  script (f, REPLY_TRUNCATED, 200, NULL, NULL, 0);
  result = fetch_day (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->seen->len, ==, 2);
  g_assert_cmpuint (n_values (result, FBK_DIRECTION_CONSUMPTION), ==, 24);
}

/* A gzip body of 2 MB that inflates to 2 GiB (BOMB_MIB) is refused as a
 * server error, and not retried, once FBK_MAX_RESPONSE_BYTES (64 MiB) of it
 * are read; it is never held whole. In a process of its own, so that the
 * peak resident memory (getrusage) is this test's alone. With the 64 MiB
 * read, the test server and the libraries it is about 80 MiB; under
 * AddressSanitizer, which keeps freed blocks (the buffer's smaller sizes
 * as it grew) in quarantine, about 260 MiB. Either way far below a quarter
 * of what the bomb inflates to, which holding it whole would take. */
static void
test_error_gzip_bomb (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  struct rusage before, after;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC * fbk_test_time_scale (), G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  script (f, REPLY_GZIP_BOMB, 200, NULL, NULL, 0);
  getrusage (RUSAGE_SELF, &before);
  result = fetch_day (f, &error);
  getrusage (RUSAGE_SELF, &after);
  g_test_message ("peak resident memory: %ld KiB before the bomb, %ld KiB after; the bomb inflates to %d KiB",
                  before.ru_maxrss, after.ru_maxrss, BOMB_MIB * 1024);

  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "64 MB"));
  g_assert_null (result);
  g_assert_cmpuint (f->seen->len, ==, 1);
  g_assert_cmpint (after.ru_maxrss, <, BOMB_MIB * 1024 / 4);
}

static void
test_error_slow (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  double elapsed_s;

  /* Given up after a second and tried again, which is answered at once. */
  fbk_client_set_timeout (f->client, 1);
  fbk_client_set_retry_policy (f->client, 1, 10, 10);
  script_values (f, 4000);
  result = fetch_day (f, &error);
  elapsed_s = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_assert_no_error (error);
  g_assert_cmpuint (f->seen->len, ==, 2);
  g_assert_cmpfloat (elapsed_s, >=, 0.95);
  g_assert_cmpfloat (elapsed_s, <, 1.8);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* The limit is for the whole request: an answer that trickles in never
   * goes quiet for long, yet takes too long. */
  g_ptr_array_set_size (f->seen, 0);
  fbk_client_set_retry_policy (f->client, 0, 10, 10);
  script (f, REPLY_TRICKLE, 200, NULL, NULL, 0);
  started = g_get_monotonic_time ();
  result = fetch_day (f, &error);
  elapsed_s = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_NETWORK);
  g_assert_null (result);
  g_assert_nonnull (strstr (error->message, "1 second"));
  g_assert_cmpuint (f->seen->len, ==, 1);
  g_assert_cmpfloat (elapsed_s, >=, 0.95);
  g_assert_cmpfloat (elapsed_s, <, 1.8);
  g_clear_error (&error);

  /* Trickling but done in time is fine. */
  g_ptr_array_set_size (f->seen, 0);
  fbk_client_set_timeout (f->client, 3);
  script (f, REPLY_TRICKLE, 200, NULL, NULL, 0);
  result = fetch_day (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->seen->len, ==, 1);
  g_assert_cmpuint (n_values (result, FBK_DIRECTION_CONSUMPTION), ==, 24);
}

static void
test_error_unreachable (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkClient) client = NULL;
  g_autofree char *closed_url = g_strdup (f->base_url);
  FbkTestAsync waiter = { 0 };

  /* Nobody listens there any more. */
  soup_server_disconnect (f->server);
  client = fbk_client_new (closed_url, &error);
  g_assert_no_error (error);
  fbk_client_set_token (client, TEST_TOKEN);
  fbk_client_set_retry_policy (client, 1, 10, 10);
  fbk_client_fetch_values_async (client, METER_A, f->now - 24 * HOUR, f->now, FBK_DIRECTION_CONSUMPTION,
                                 NULL, fbk_test_async_done_cb, &waiter);
  fbk_test_wait_until (waiter.done, 10);
  result = fbk_client_fetch_values_finish (client, waiter.result, &error);
  g_clear_object (&waiter.result);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_NETWORK);
  g_assert_null (result);
  g_assert_nonnull (strstr (error->message, "Elvia"));
}

/* The API never redirects. Should something on the way redirect elsewhere
 * (another origin, maybe plain http), the token must not go along. */
static void
test_redirect_drops_token (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(SoupServer) other = soup_server_new (NULL, NULL);
  g_autoptr(GPtrArray) other_seen = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_free);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  Fixture other_fixture = { 0 };
  Reply *redirect;
  GSList *uris;

  other_fixture.seen = other_seen;
  soup_server_add_handler (other, NULL, on_request_cb, &other_fixture, NULL);
  soup_server_listen_local (other, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (other);
  redirect = reply_new (REPLY_CANNED, 302, "", NULL, 0);
  redirect->location = g_strdup_printf ("http://127.0.0.1:%d%s?%s", g_uri_get_port (uris->data),
                                        METERVALUES_PATH,
                                        "startTime=2024-11-01T00%3A00%3A00%2B01%3A00"
                                        "&endTime=2024-11-02T00%3A00%3A00%2B01%3A00");
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_queue_push_tail (&f->script, redirect);

  result = fetch_day (f, &error);
  g_assert_cmpuint (f->seen->len, ==, 1);
  for (guint i = 0; i < other_seen->len; i++)
    g_assert_null (((Seen *) g_ptr_array_index (other_seen, i))->authorization);
  soup_server_disconnect (other);
}

/* A redirect to plain http anywhere but this computer is refused like an
 * --api-url there, before anything connects to it, and nothing from there
 * is taken for Elvia's answer. The first target reaches this computer's
 * other server as 0.0.0.0, which Linux connects to a local address but
 * which is no loopback address: that server would answer with values. The
 * others could not be reached from here (a reserved name, an address
 * nobody routes); refused, they fail at once instead of after a connection
 * attempt's timeout (3 s here). */
static void
test_redirect_off_https (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SoupServer) other = soup_server_new (NULL, NULL);
  g_autoptr(GPtrArray) other_seen = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *local_but_not_loopback = NULL;
  Fixture other_fixture = { 0 };
  GSList *uris;

  other_fixture.seen = other_seen;
  soup_server_add_handler (other, NULL, on_request_cb, &other_fixture, NULL);
  soup_server_listen_local (other, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (other);
  local_but_not_loopback = g_strdup_printf ("http://0.0.0.0:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  fbk_client_set_timeout (f->client, 3);

  {
    const char *targets[] = { local_but_not_loopback, "http://example.invalid", "http://10.255.255.1" };

    for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
      {
        g_autoptr(GPtrArray) result = NULL;
        Reply *redirect = reply_new (REPLY_CANNED, 302, "", NULL, 0);
        gint64 started = g_get_monotonic_time ();

        redirect->location = g_strconcat (targets[i], METERVALUES_PATH,
                                          "?startTime=2024-11-01T00%3A00%3A00%2B01%3A00"
                                          "&endTime=2024-11-02T00%3A00%3A00%2B01%3A00"
                                          "&meteringPointIds=" METER_A, NULL);
        g_ptr_array_set_size (f->seen, 0);
        g_queue_push_tail (&f->script, redirect);

        result = fetch_day (f, &error);
        g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_INSECURE_URL);
        g_assert_null (result);
        /* It names where it would have gone, and is not retried. */
        g_assert_nonnull (strstr (error->message, targets[i]));
        assert_not_retried_and_no_token (f, error);
        g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC * fbk_test_time_scale ());
        g_clear_error (&error);
      }
  }

  g_assert_cmpuint (other_seen->len, ==, 0);
  soup_server_disconnect (other);
}

/* A server that echoes the Authorization header puts the token wherever
 * its text reaches a message: a value a parse error quotes (cut to 40
 * characters there), what is not JSON, problem details (cut to 300). No
 * piece of the token of eight characters or more may be in any error the
 * client hands out, whichever request made it (values, discovery, max
 * hours); nor any terminal escape. */
static void
test_token_echo_redacted (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *token = long_test_token ();
  const struct {
    guint       status;
    const char *body;
    gboolean    max_hours_fail;  /* a max-hours body ignores metervalue */
  } echoes[] = {
    { 200, "{\"meteringpoints\":[{\"meteringPointId\":\"Bearer %TOKEN%\"}]}", TRUE },
    { 200, "{\"meteringpoints\":[{\"meteringPointId\":\"" METER_A "\",\"metervalue\":{\"timeSeries\":["
           "{\"startTime\":\"2024-11-01T00:00:00+01:00\",\"value\":1,\"uom\":\"%TOKEN%\"}]}}]}", FALSE },
    { 200, "{\"meteringpoints\": %TOKEN%}", TRUE },
    { 200, "Authorization: Bearer %TOKEN%", TRUE },
    { 400, "{\"title\":\"\\u001b]0;Invalid token\\u0007\",\"detail\":\"Bearer %TOKEN% \\u009b2J\",\"status\":400}", TRUE },
  };

  fbk_client_set_token (f->client, token);
  for (guint i = 0; i < G_N_ELEMENTS (echoes); i++)
    {
      g_autoptr(GPtrArray) result = NULL;
      GListModel *meters;
      g_autoptr(GError) error = NULL;
      FbkTestAsync waiter = { 0 };
      g_autoptr(GPtrArray) reports = NULL;

      script_otherwise (f, echoes[i].status, echoes[i].body, NULL);
      f->otherwise->kind = REPLY_ECHO;

      result = fetch_day (f, &error);
      g_assert_nonnull (error);
      fbk_test_assert_no_token_piece (error->message, token);
      fbk_test_assert_showable (error->message);
      g_clear_error (&error);

      meters = discover (f, NULL, &error);
      g_assert_null (meters);
      g_assert_nonnull (error);
      fbk_test_assert_no_token_piece (error->message, token);
      g_clear_error (&error);

      fbk_client_fetch_max_hours_async (f->client, NULL, FBK_INSTANT_INVALID, NULL, fbk_test_async_done_cb, &waiter);
      fbk_test_wait_until (waiter.done, 30);
      reports = fbk_client_fetch_max_hours_finish (f->client, waiter.result, &error);
      g_object_unref (waiter.result);
      g_assert_true ((error != NULL) == echoes[i].max_hours_fail);
      if (error != NULL)
        fbk_test_assert_no_token_piece (error->message, token);
    }
}

/* --- cancellation ---------------------------------------------------------- */

static void
test_cancel_mid_operation (Fixture       *f,
                           gconstpointer  data)
{
  const char * const ids[] = { METER_A, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(FbkRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (guint)), cancellable, 2 };

  /* Cancelled as the second of four answers arrives; the third is slow,
   * slower than parsing the first two takes even under valgrind. */
  fbk_client_set_max_concurrent (f->client, 1);
  script_values (f, 0);
  script_values (f, 0);
  script_values (f, 2000 * fbk_test_time_scale ());
  result = refresh (f, ids, f->now - 3 * 365 * 24 * HOUR, f->now, FBK_DIRECTION_CONSUMPTION,
                    &progress, cancellable, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  /* The fourth was never sent, and no progress came after the cancel. */
  g_assert_cmpuint (f->seen->len, <=, 3);
  g_assert_cmpuint (progress.calls->len, ==, 4);
  g_array_unref (progress.calls);
}

static void
test_cancel_during_retry_wait (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  FbkTestAsync waiter = { 0 };

  script (f, REPLY_CANNED, 429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}", "30", 0);
  fbk_client_fetch_values_async (f->client, METER_A, f->now - 24 * HOUR, f->now, FBK_DIRECTION_CONSUMPTION,
                                 cancellable, fbk_test_async_done_cb, &waiter);
  run_for_ms (200);
  g_assert_cmpuint (f->seen->len, ==, 1);
  g_cancellable_cancel (cancellable);
  fbk_test_wait_until (waiter.done, 5);
  result = fbk_client_fetch_values_finish (f->client, waiter.result, &error);
  g_clear_object (&waiter.result);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpuint (f->seen->len, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 2 * G_USEC_PER_SEC);
}

static void
test_cancel_in_flight (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  FbkTestAsync waiter = { 0 };

  /* Discover with both requests held by the server. */
  script_values (f, 3000);
  script_values (f, 3000);
  fbk_repository_discover_meters_async (f->repository, cancellable, fbk_test_async_done_cb, &waiter);
  while (f->seen->len < 2)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  fbk_test_wait_until (waiter.done, 5);
  g_assert_false (fbk_repository_discover_meters_finish (f->repository, waiter.result, &error));
  g_clear_object (&waiter.result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 2 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Max hours, the same. */
  g_ptr_array_set_size (f->seen, 0);
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  started = g_get_monotonic_time ();
  script_values (f, 3000);
  waiter.done = FALSE;
  fbk_client_fetch_max_hours_async (f->client, NULL, FBK_INSTANT_INVALID, cancellable,
                                    fbk_test_async_done_cb, &waiter);
  while (f->seen->len < 1)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  fbk_test_wait_until (waiter.done, 5);
  reports = fbk_client_fetch_max_hours_finish (f->client, waiter.result, &error);
  g_clear_object (&waiter.result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (reports);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 2 * G_USEC_PER_SEC);
}

static void
test_cancel_before_start (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const char * const ids[] = { METER_A, NULL };
  g_autoptr(FbkRefreshResult) refreshed = NULL;
  g_autoptr(GPtrArray) result = NULL;
  GListModel *meters;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  refreshed = refresh (f, ids, f->now - 800 * 24 * HOUR, f->now, FBK_DIRECTION_CONSUMPTION,
                       NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (refreshed);
  g_clear_error (&error);

  result = fetch_values (f, METER_A, f->now - 24 * HOUR, f->now, FBK_DIRECTION_CONSUMPTION, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_clear_error (&error);

  meters = discover (f, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (meters);

  /* Nothing went out, and a later operation still works. */
  g_assert_cmpuint (f->seen->len, ==, 0);
  g_clear_error (&error);
  result = fetch_day (f, &error);
  g_assert_no_error (error);
}

/* The first failure stops the rest of a refresh, and nothing of it is
 * returned. */
static void
test_failure_stops_operation (Fixture       *f,
                              gconstpointer  data)
{
  const char * const ids[] = { METER_A, NULL };
  g_autoptr(FbkRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fbk_client_set_max_concurrent (f->client, 1);
  script_values (f, 0);
  script (f, REPLY_CANNED, 401, "{\"statusCode\":401,\"message\":\"Unauthorized\"}", NULL, 0);
  result = refresh (f, ids, f->now - 3 * 365 * 24 * HOUR, f->now, FBK_DIRECTION_CONSUMPTION, NULL, NULL, &error);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_AUTH_REFUSED);
  g_assert_null (result);
  g_assert_cmpuint (f->seen->len, ==, 2);
}

/* --- the token stays secret ------------------------------------------------- */

static void
test_token_never_logged (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("problem-details-400.json");
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  guint n_client_debug = 0;
  struct {
    guint       status;
    const char *body;
    const char *retry_after;
  } failures[] = {
    { 401, "{\"statusCode\":401,\"message\":\"Unauthorized\"}", NULL },
    { 400, text, NULL },
    /* A server that echoes what it was sent. */
    { 400, "{\"title\":\"Bad token\",\"detail\":\"Bearer " TEST_TOKEN " is not valid\",\"status\":400}", NULL },
    { 500, "{\"status\":500}", NULL },
    { 429, "{\"statusCode\":429}", "0" },
    { 200, "{ nope", NULL },
  };

  g_mutex_lock (&log_mutex);
  g_ptr_array_set_size (log_lines, 0);
  g_mutex_unlock (&log_mutex);

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr(GPtrArray) result = NULL;
      g_autoptr(GError) error = NULL;

      script_otherwise (f, failures[i].status, failures[i].body, failures[i].retry_after);
      result = fetch_day (f, &error);
      g_assert_nonnull (error);
      g_ptr_array_add (messages, g_strdup (error->message));
    }

  for (guint i = 0; i < messages->len; i++)
    {
      const char *message = g_ptr_array_index (messages, i);

      if (strstr (message, TEST_TOKEN) != NULL || strstr (message, "c2VjcmV0LWZvcmJydWstdGVzdC10b2tlbg") != NULL)
        g_error ("The token is in the error message “%s”", message);
    }

  g_mutex_lock (&log_mutex);
  for (guint i = 0; i < log_lines->len; i++)
    {
      const char *line = g_ptr_array_index (log_lines, i);

      if (strstr (line, "c2VjcmV0LWZvcmJydWstdGVzdC10b2tlbg") != NULL)
        g_error ("The token is in the log: %s", line);
      if (g_str_has_prefix (line, "fbk-http: "))
        n_client_debug++;
    }
  g_mutex_unlock (&log_mutex);

  /* The capture saw the requests' debug output (FbkHttp): requests, retries, failures. */
  g_assert_cmpuint (n_client_debug, >=, G_N_ELEMENTS (failures));
}

int
main (int   argc,
      char *argv[])
{
  /* Debug output is produced (and captured) so the token test sees it. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_lines = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (capture_log_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);
  test_log_handler = g_log_set_default_handler (capture_log_handler, NULL);

#define ADD(path, func) \
  g_test_add ("/client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/client/url-allowed", test_url_allowed);
  ADD ("discover", test_discover);
  ADD ("discover/failure", test_discover_failure);
  ADD ("discover/no-values-yet", test_discover_no_values_yet);
  ADD ("values/three-years", test_values_three_years);
  ADD ("values/concurrent-merge", test_values_concurrent_merge);
  ADD ("values/production", test_values_production);
  ADD ("values/nothing-to-ask", test_values_nothing_to_ask);
  ADD ("max-hours", test_max_hours);
  ADD ("retry/retry-after-seconds", test_retry_after_seconds);
  ADD ("retry/retry-after-date", test_retry_after_date);
  ADD ("retry/retry-after-too-long", test_retry_after_too_long);
  ADD ("retry/backoff", test_retry_backoff);
  ADD ("retry/bounded", test_retry_bounded);
  ADD ("retry/total-wait", test_retry_total_wait);
  ADD ("retry/lowers-concurrency", test_retry_lowers_concurrency);
  ADD ("error/unauthorized", test_error_unauthorized);
  ADD ("error/bad-request", test_error_bad_request);
  ADD ("error/invalid-json", test_error_invalid_json);
  ADD ("error/truncated", test_error_truncated);
  ADD ("error/gzip-bomb", test_error_gzip_bomb);
  ADD ("error/slow", test_error_slow);
  ADD ("error/unreachable", test_error_unreachable);
  ADD ("redirect-drops-token", test_redirect_drops_token);
  ADD ("redirect-off-https", test_redirect_off_https);
  ADD ("token-echo-redacted", test_token_echo_redacted);
  ADD ("error/failure-stops-operation", test_failure_stops_operation);
  ADD ("cancel/mid-operation", test_cancel_mid_operation);
  ADD ("cancel/during-retry-wait", test_cancel_during_retry_wait);
  ADD ("cancel/in-flight", test_cancel_in_flight);
  ADD ("cancel/before-start", test_cancel_before_start);
  ADD ("token-never-logged", test_token_never_logged);

  return g_test_run ();
}
