/* fbk-demo-server.c: an embedded simulator of Elvia's MeterValueApi and of
 * hvakosterstrommen.no's spot prices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A SoupServer on 127.0.0.1 that serves the APIs in the table below, each an
 * FbkDemoService that owns the paths under its prefix. What every service
 * shares happens here: the simulator's clock and seed, the request log, and
 * the fault plan (fbk-demo-faults.h), which can delay any request, answer
 * it with an error in the service's own shape, cut its body short or drop
 * its connection. A path no service owns gets a plain 404, as from a web
 * server. */

#define G_LOG_DOMAIN "fbk-demo-server"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "fbk-demo-meter-value-api.h"
#include "fbk-demo-price-api.h"
#include "fbk-demo-response.h"
#include "fbk-demo-server.h"

/* The APIs the simulator serves. A new one is one line here. */
static const FbkDemoService *const services[] = {
  &fbk_demo_meter_value_api,
  &fbk_demo_price_api,
};

static guint
answer_not_found (const FbkDemoCall *call)
{
  return fbk_demo_respond_plain (call->msg, SOUP_STATUS_NOT_FOUND);
}

/* For paths no service owns. */
static const FbkDemoService no_service = {
  .path_prefix = "/",
  .answer = answer_not_found,
  .answer_error = fbk_demo_answer_plain_error,
};

/* One request on its way through the server: what the log and the fault
 * plan decided for it. */
typedef struct
{
  guint                 number;
  GHashTable           *query;
  const FbkDemoService *service;
  gboolean              has_fault;
  FbkDemoFaultKind      fault;
  guint                 fault_param;
} Call;

/* A request held back by a delay fault. */
typedef struct
{
  FbkDemoServer     *self;  /* borrowed: dispose cancels every Delayed */
  SoupServerMessage *msg;
  GSource           *source;
  Call               call;
} Delayed;

struct _FbkDemoServer
{
  GObject        parent_instance;

  SoupServer    *server;
  GMainContext  *context;
  char          *base_url;
  guint          port;
  guint64        seed;
  FbkInstant     now;         /* FBK_INSTANT_INVALID: follow the clock */

  FbkDemoFaults *faults;
  GPtrArray     *requests;    /* FbkDemoRequest */
  guint          n_received;  /* since the log was last cleared */
  GPtrArray     *delayed;     /* Delayed */
};

G_DEFINE_FINAL_TYPE (FbkDemoServer, fbk_demo_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEED,
  PROP_NOW,
  PROP_PORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Routing */

static const FbkDemoService *
find_service (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      if (g_str_has_prefix (path, services[i]->path_prefix))
        return services[i];
    }

  return &no_service;
}

/* Request log */

static void
request_free (gpointer data)
{
  FbkDemoRequest *request = data;

  g_free (request->method);
  g_free (request->path);
  g_hash_table_unref (request->query);
  g_free (request);
}

static FbkDemoRequest *
request_log_add (FbkDemoServer     *self,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query)
{
  FbkDemoRequest *request = g_new0 (FbkDemoRequest, 1);

  request->number = ++self->n_received;
  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (request->query, g_strdup (key), g_strdup (value));
    }
  g_ptr_array_add (self->requests, request);

  return request;
}

static void
record_status (FbkDemoServer *self,
               guint          number,
               guint          status)
{
  for (guint i = self->requests->len; i > 0; i--)
    {
      FbkDemoRequest *request = g_ptr_array_index (self->requests, i - 1);

      if (request->number == number)
        {
          request->status = status;
          return;
        }
    }
}

/* Answering */

static guint
fault_status (FbkDemoFaultKind kind)
{
  switch (kind)
    {
    case FBK_DEMO_FAULT_RATE_LIMITED:
      return 429;
    case FBK_DEMO_FAULT_SERVER_ERROR:
      return SOUP_STATUS_INTERNAL_SERVER_ERROR;
    case FBK_DEMO_FAULT_UNAVAILABLE:
      return SOUP_STATUS_SERVICE_UNAVAILABLE;
    case FBK_DEMO_FAULT_MISSING:
      return SOUP_STATUS_NOT_FOUND;
    case FBK_DEMO_FAULT_DELAY:
    case FBK_DEMO_FAULT_TRUNCATE:
    case FBK_DEMO_FAULT_DROP:
    default:
      return 0;
    }
}

/* Answers @msg as @call asks. Returns %FALSE if the connection was taken
 * from libsoup (dropped or truncated), so the message must not be touched
 * again. */
static gboolean
answer (FbkDemoServer     *self,
        SoupServerMessage *msg,
        const Call        *call)
{
  FbkDemoFaultKind kind = call->has_fault ? call->fault : FBK_DEMO_FAULT_DELAY;
  FbkDemoCall service_call = {
    .msg = msg,
    .path = g_uri_get_path (soup_server_message_get_uri (msg)),
    .query = call->query,
    .number = call->number,
    .seed = self->seed,
    .now = fbk_demo_server_get_now (self),
  };
  guint status;

  if (kind == FBK_DEMO_FAULT_DROP)
    {
      fbk_demo_drop_connection (msg);
      record_status (self, call->number, 0);
      return FALSE;
    }

  if (fault_status (kind) != 0)
    {
      if (kind == FBK_DEMO_FAULT_RATE_LIMITED)
        {
          g_autofree char *seconds = g_strdup_printf ("%u", call->fault_param);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
        }
      status = call->service->answer_error (&service_call, fault_status (kind), call->fault_param);
    }
  else
    status = call->service->answer (&service_call);

  record_status (self, call->number, status);

  if (kind == FBK_DEMO_FAULT_TRUNCATE)
    {
      fbk_demo_send_truncated (msg);
      return FALSE;
    }

  return TRUE;
}

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  if (delayed->source != NULL)
    {
      g_source_destroy (delayed->source);
      g_source_unref (delayed->source);
    }
  g_object_unref (delayed->msg);
  g_hash_table_unref (delayed->call.query);
  g_free (delayed);
}

static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *delayed = user_data;
  FbkDemoServer *self = delayed->self;

  if (answer (self, delayed->msg, &delayed->call))
    soup_server_message_unpause (delayed->msg);

  g_ptr_array_remove_fast (self->delayed, delayed);

  return G_SOURCE_REMOVE;
}

static void
handle_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  FbkDemoServer *self = user_data;
  FbkDemoRequest *request = request_log_add (self, msg, path, query);
  const FbkDemoFault *fault;
  guint delay_ms = 0;
  Call call = { 0 };

  call.number = request->number;
  call.query = g_hash_table_ref (request->query);
  call.service = find_service (path);
  fault = fbk_demo_faults_match (self->faults, self->seed, call.number, path, &delay_ms);
  if (fault != NULL)
    {
      call.has_fault = TRUE;
      call.fault = fault->kind;
      call.fault_param = fault->param;
    }

  if (delay_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->self = self;
      delayed->msg = g_object_ref (msg);
      delayed->call = call;
      delayed->source = g_timeout_source_new (delay_ms);
      g_source_set_callback (delayed->source, delayed_cb, delayed, NULL);
      g_source_attach (delayed->source, self->context);
      g_ptr_array_add (self->delayed, delayed);
      soup_server_message_pause (msg);
      return;
    }

  answer (self, msg, &call);
  g_hash_table_unref (call.query);
}

/* GObject */

static void
fbk_demo_server_dispose (GObject *object)
{
  FbkDemoServer *self = FBK_DEMO_SERVER (object);

  /* Held-back requests first: their callbacks borrow self. */
  g_ptr_array_set_size (self->delayed, 0);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (fbk_demo_server_parent_class)->dispose (object);
}

static void
fbk_demo_server_finalize (GObject *object)
{
  FbkDemoServer *self = FBK_DEMO_SERVER (object);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->faults, fbk_demo_faults_free);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->delayed, g_ptr_array_unref);

  G_OBJECT_CLASS (fbk_demo_server_parent_class)->finalize (object);
}

static void
fbk_demo_server_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FbkDemoServer *self = FBK_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;

    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_demo_server_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FbkDemoServer *self = FBK_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_SEED:
      self->seed = g_value_get_uint64 (value);
      break;

    case PROP_NOW:
      fbk_demo_server_set_now (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_demo_server_class_init (FbkDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fbk_demo_server_dispose;
  object_class->finalize = fbk_demo_server_finalize;
  object_class->get_property = fbk_demo_server_get_property;
  object_class->set_property = fbk_demo_server_set_property;

  /**
   * FbkDemoServer:seed:
   *
   * Chooses the household: the same seed always gives the same values.
   */
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL,
                         0, G_MAXUINT64, FBK_DEMO_DEFAULT_SEED,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * FbkDemoServer:now:
   *
   * The instant the server pretends it is, in seconds since 1970 UTC, or
   * %FBK_INSTANT_INVALID to follow the real clock. It decides which hours
   * exist yet, which are verified, where the flat's contract begins and
   * which days of spot prices are published; never what any of them is.
   */
  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL,
                        G_MININT64, G_MAXINT64, FBK_INSTANT_INVALID,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FbkDemoServer:port:
   *
   * The loopback port the server listens on; 0 until started.
   */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fbk_demo_server_init (FbkDemoServer *self)
{
  self->seed = FBK_DEMO_DEFAULT_SEED;
  self->now = FBK_INSTANT_INVALID;
  self->faults = fbk_demo_faults_new ();
  self->requests = g_ptr_array_new_with_free_func (request_free);
  self->delayed = g_ptr_array_new_with_free_func (delayed_free);
}

FbkDemoServer *
fbk_demo_server_new (guint64 seed)
{
  return g_object_new (FBK_TYPE_DEMO_SERVER, "seed", seed, NULL);
}

/**
 * fbk_demo_server_new_from_environment:
 *
 * The simulator of `forbruk --demo`, `forbruk-cli --demo` and `forbruk-cli
 * demo-server`. FORBRUK_DEMO_NOW (an RFC 3339 time) pins its clock, so
 * tests and screenshots see the same hours, the same verified flags and the
 * same contract starts on any day. Only the simulator reads it: it never
 * changes what is asked of Elvia.
 *
 * Returns: (transfer full) (nullable): a new server, not started, or %NULL
 *   if FORBRUK_DEMO_NOW is not a time
 */
FbkDemoServer *
fbk_demo_server_new_from_environment (guint64   seed,
                                      GError  **error)
{
  g_autoptr(FbkDemoServer) server = fbk_demo_server_new (seed);
  const char *pinned = g_getenv ("FORBRUK_DEMO_NOW");
  FbkInstant now;

  if (pinned != NULL)
    {
      if (!fbk_time_parse (pinned, &now))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("FORBRUK_DEMO_NOW is “%s”, not an RFC 3339 time such as "
                         "2024-11-15T10:20:00+01:00."), pinned);
          return NULL;
        }
      fbk_demo_server_set_now (server, now);
    }

  return g_steal_pointer (&server);
}

/**
 * fbk_demo_server_start:
 * @port: the port to listen on, or 0 for any free one
 *
 * Starts listening on 127.0.0.1 only. Requests are served from the
 * thread-default main context of the caller.
 *
 * Returns: %TRUE if the server is listening
 */
gboolean
fbk_demo_server_start (FbkDemoServer  *self,
                       guint           port,
                       GError        **error)
{
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;

  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A trailing space makes libsoup append its own product token. */
  server = soup_server_new ("server-header", "forbruk-demo ", NULL);
  soup_server_add_handler (server, NULL, handle_request_cb, self, NULL);

  if (!soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      g_prefix_error (error, _("Could not start the demo server: "));
      return FALSE;
    }

  uris = soup_server_get_uris (server);
  self->port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  self->server = g_steal_pointer (&server);
  self->context = g_main_context_ref_thread_default ();
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);

  return TRUE;
}

/**
 * fbk_demo_server_get_base_url:
 *
 * Returns: (nullable): the URL to put before the API's paths, such as
 *   `http://127.0.0.1:41234` (no trailing slash), or %NULL before
 *   fbk_demo_server_start()
 */
const char *
fbk_demo_server_get_base_url (FbkDemoServer *self)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), NULL);

  return self->base_url;
}

guint
fbk_demo_server_get_port (FbkDemoServer *self)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), 0);

  return self->port;
}

guint64
fbk_demo_server_get_seed (FbkDemoServer *self)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), 0);

  return self->seed;
}

/**
 * fbk_demo_server_get_now:
 *
 * Returns: the instant the server answers for: the #FbkDemoServer:now
 *   property if set, otherwise the real time
 */
FbkInstant
fbk_demo_server_get_now (FbkDemoServer *self)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), FBK_INSTANT_INVALID);

  if (self->now != FBK_INSTANT_INVALID)
    return self->now;

  return g_get_real_time () / G_USEC_PER_SEC;
}

void
fbk_demo_server_set_now (FbkDemoServer *self,
                         FbkInstant     now)
{
  g_return_if_fail (FBK_IS_DEMO_SERVER (self));

  if (self->now == now)
    return;

  self->now = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}

/**
 * fbk_demo_server_set_faults:
 * @spec: a fault plan, in the grammar documented in fbk-demo-faults.h
 *   (e.g. `429:2@1; 500@2-3; delay:1500@25%`); "" for none
 *
 * Replaces the fault plan. On a parse error the plan is left as it was.
 *
 * Returns: %TRUE if @spec was valid
 */
gboolean
fbk_demo_server_set_faults (FbkDemoServer  *self,
                            const char     *spec,
                            GError        **error)
{
  FbkDemoFaults *faults;

  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  faults = fbk_demo_faults_parse (spec, error);
  if (faults == NULL)
    return FALSE;

  g_clear_pointer (&self->faults, fbk_demo_faults_free);
  self->faults = faults;

  return TRUE;
}

/**
 * fbk_demo_server_add_fault:
 * @param: Retry-After seconds for %FBK_DEMO_FAULT_RATE_LIMITED, milliseconds
 *   for %FBK_DEMO_FAULT_DELAY, otherwise ignored
 * @first_request: the first request hit, counting from 1
 * @last_request: the last request hit, or %G_MAXUINT for every later one
 *
 * Adds the rule `FAULT@first-last` to the fault plan.
 */
void
fbk_demo_server_add_fault (FbkDemoServer    *self,
                           FbkDemoFaultKind  kind,
                           guint             param,
                           guint             first_request,
                           guint             last_request)
{
  FbkDemoFault fault = { kind, param, first_request, last_request, 1.0 };

  g_return_if_fail (FBK_IS_DEMO_SERVER (self));

  fbk_demo_faults_add (self->faults, &fault);
}

/**
 * fbk_demo_server_add_random_fault:
 * @probability: the chance, above 0 and at most 1, that a request is hit
 *
 * Adds the rule `FAULT@P%` to the fault plan; which requests are hit
 * depends only on the seed and the request numbers.
 */
void
fbk_demo_server_add_random_fault (FbkDemoServer    *self,
                                  FbkDemoFaultKind  kind,
                                  guint             param,
                                  double            probability)
{
  FbkDemoFault fault = { kind, param, 1, G_MAXUINT, probability };

  g_return_if_fail (FBK_IS_DEMO_SERVER (self));

  fbk_demo_faults_add (self->faults, &fault);
}

void
fbk_demo_server_clear_faults (FbkDemoServer *self)
{
  g_return_if_fail (FBK_IS_DEMO_SERVER (self));

  g_clear_pointer (&self->faults, fbk_demo_faults_free);
  self->faults = fbk_demo_faults_new ();
}

guint
fbk_demo_server_get_n_requests (FbkDemoServer *self)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), 0);

  return self->requests->len;
}

/**
 * fbk_demo_server_get_request:
 * @index: 0 for the oldest request since the log was cleared
 *
 * Returns: (transfer none): the request, valid until the log is cleared
 */
const FbkDemoRequest *
fbk_demo_server_get_request (FbkDemoServer *self,
                             guint          index)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), NULL);
  g_return_val_if_fail (index < self->requests->len, NULL);

  return g_ptr_array_index (self->requests, index);
}

/**
 * fbk_demo_server_clear_requests:
 *
 * Empties the request log and restarts the numbering of requests at 1, for
 * the log and for the fault plan's rules alike.
 */
void
fbk_demo_server_clear_requests (FbkDemoServer *self)
{
  g_return_if_fail (FBK_IS_DEMO_SERVER (self));

  g_ptr_array_set_size (self->requests, 0);
  self->n_received = 0;
}
