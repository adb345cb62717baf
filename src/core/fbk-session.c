/* fbk-session.c: where the data comes from, assembled once
 *
 * A session is everything a front end needs to show a household's data:
 * the clock every plan starts from, the HTTP client with the user's token
 * and the one for spot prices, the offline store, the keyring, and the
 * repository views ask. The app,
 * forbruk-cli and the tests all build theirs here, as GNOME Calendar's
 * GcalContext is built once and handed to every view; nothing outside
 * core reaches for the client.
 *
 * The session knows whether it runs on the demo simulator, but not the
 * simulator itself (src/demo): it is handed its address. A demo session
 * never touches the keyring; whether it keeps a store is its maker's
 * choice (the app and the CLI keep the demo's made-up data out of the
 * user's store).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-session"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-session.h"

struct _FbkSession
{
  GObject         parent_instance;

  FbkSessionMode  mode;
  FbkClock       *clock;
  FbkClient      *client;
  FbkPriceClient *price_client;
  FbkStore       *store;         /* nullable */
  FbkTokenStore  *token_store;   /* NULL in a demo session */
  FbkRepository  *repository;
};

enum {
  PROP_0,
  PROP_HAS_TOKEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  WAITING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FbkSession, fbk_session, G_TYPE_OBJECT)

static void
fbk_session_dispose (GObject *object)
{
  FbkSession *self = FBK_SESSION (object);

  g_clear_object (&self->repository);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (fbk_client_get_http (self->client), self);
  if (self->price_client != NULL)
    g_signal_handlers_disconnect_by_data (fbk_price_client_get_http (self->price_client), self);
  g_clear_object (&self->client);
  g_clear_object (&self->price_client);
  g_clear_object (&self->store);
  g_clear_object (&self->token_store);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (fbk_session_parent_class)->dispose (object);
}

static void
fbk_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FbkSession *self = FBK_SESSION (object);

  switch (prop_id)
    {
    case PROP_HAS_TOKEN:
      g_value_set_boolean (value, fbk_session_has_token (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_session_class_init (FbkSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fbk_session_dispose;
  object_class->get_property = fbk_session_get_property;

  /* Whether requests carry a token: a session can fetch once it has one. */
  properties[PROP_HAS_TOKEN] =
    g_param_spec_boolean ("has-token", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FbkSession::waiting:
   * @service: who is waited for, as people call it ("Elvia")
   * @delay_ms: how long until the next try
   *
   * A request of the session waits to be tried again: the CLI says so on
   * stderr, the window in its progress area.
   */
  signals[WAITING] = g_signal_new ("waiting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
}

static void
on_http_waiting_cb (FbkHttp    *http,
                    guint       delay_ms,
                    FbkSession *self)
{
  g_signal_emit (self, signals[WAITING], 0, fbk_http_get_service_name (http), delay_ms);
}

static void
fbk_session_init (FbkSession *self)
{
}

/**
 * fbk_session_new:
 * @api_url: (nullable): the MeterValueApi's address: %NULL for Elvia's, or
 *   the simulator's in a demo session
 * @prices_url: (nullable): the spot-price service's origin: %NULL for
 *   hvakosterstrommen.no, or the simulator's in a demo session
 * @store: (nullable): the offline store, or %NULL to keep nothing
 *
 * The clock follows the system's until pinned (fbk_clock_set_now() on
 * fbk_session_get_clock(): the demo's simulator and tests have clocks of
 * their own). An Elvia session has no token until fbk_session_set_token()
 * or fbk_session_restore_token_async().
 *
 * Returns: (transfer full): the session, or %NULL when @api_url or
 *   @prices_url is not allowed (plain http away from this computer)
 */
FbkSession *
fbk_session_new (FbkSessionMode   mode,
                 const char      *api_url,
                 const char      *prices_url,
                 FbkStore        *store,
                 GError         **error)
{
  g_autoptr(FbkSession) self = NULL;

  g_return_val_if_fail (store == NULL || FBK_IS_STORE (store), NULL);

  self = g_object_new (FBK_TYPE_SESSION, NULL);
  self->mode = mode;
  self->client = fbk_client_new (api_url, error);
  if (self->client == NULL)
    return NULL;
  self->price_client = fbk_price_client_new (prices_url, error);
  if (self->price_client == NULL)
    return NULL;
  g_signal_connect (fbk_client_get_http (self->client), "waiting", G_CALLBACK (on_http_waiting_cb), self);
  g_signal_connect (fbk_price_client_get_http (self->price_client), "waiting",
                    G_CALLBACK (on_http_waiting_cb), self);

  self->clock = fbk_clock_new ();
  self->store = store != NULL ? g_object_ref (store) : NULL;
  if (mode == FBK_SESSION_ELVIA)
    self->token_store = fbk_token_store_new ();
  self->repository = fbk_repository_new (self->client, self->price_client, self->store, self->clock);

  return g_steal_pointer (&self);
}

FbkSessionMode
fbk_session_get_mode (FbkSession *self)
{
  g_return_val_if_fail (FBK_IS_SESSION (self), FBK_SESSION_ELVIA);

  return self->mode;
}

gboolean
fbk_session_is_demo (FbkSession *self)
{
  g_return_val_if_fail (FBK_IS_SESSION (self), FALSE);

  return self->mode == FBK_SESSION_DEMO;
}

const char *
fbk_session_get_api_url (FbkSession *self)
{
  g_return_val_if_fail (FBK_IS_SESSION (self), NULL);

  return fbk_client_get_base_url (self->client);
}

const char *
fbk_session_get_prices_url (FbkSession *self)
{
  g_return_val_if_fail (FBK_IS_SESSION (self), NULL);

  return fbk_http_get_base_url (fbk_price_client_get_http (self->price_client));
}

/**
 * fbk_session_get_clock:
 *
 * Returns: (transfer none): what "now" is for everything of this session
 */
FbkClock *
fbk_session_get_clock (FbkSession *self)
{
  g_return_val_if_fail (FBK_IS_SESSION (self), NULL);

  return self->clock;
}

FbkInstant
fbk_session_get_now (FbkSession *self)
{
  g_return_val_if_fail (FBK_IS_SESSION (self), FBK_INSTANT_INVALID);

  return fbk_clock_get_now (self->clock);
}

/**
 * fbk_session_get_store:
 *
 * Returns: (transfer none) (nullable): the offline store
 */
FbkStore *
fbk_session_get_store (FbkSession *self)
{
  g_return_val_if_fail (FBK_IS_SESSION (self), NULL);

  return self->store;
}

/**
 * fbk_session_get_token_store:
 *
 * Returns: (transfer none) (nullable): the keyring entry of the token;
 *   %NULL in a demo session
 */
FbkTokenStore *
fbk_session_get_token_store (FbkSession *self)
{
  g_return_val_if_fail (FBK_IS_SESSION (self), NULL);

  return self->token_store;
}

/**
 * fbk_session_get_repository:
 *
 * Returns: (transfer none): what the views ask for data
 */
FbkRepository *
fbk_session_get_repository (FbkSession *self)
{
  g_return_val_if_fail (FBK_IS_SESSION (self), NULL);

  return self->repository;
}

/**
 * fbk_session_set_token:
 * @token: (nullable): a token that passed fbk_token_clean(), or %NULL to
 *   stop using one
 *
 * Requests from now on carry @token. Only the client keeps a copy; the
 * keyring is the token store's business.
 */
void
fbk_session_set_token (FbkSession *self,
                       const char *token)
{
  gboolean had_token;

  g_return_if_fail (FBK_IS_SESSION (self));

  had_token = fbk_client_has_token (self->client);
  fbk_client_set_token (self->client, token);
  if (had_token != (token != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_TOKEN]);
}

gboolean
fbk_session_has_token (FbkSession *self)
{
  g_return_val_if_fail (FBK_IS_SESSION (self), FALSE);

  return fbk_client_has_token (self->client);
}

static void
on_stored_token_found_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FbkSession *self = g_task_get_source_object (task);
  g_auto(FbkTokenString) token = NULL;
  GError *error = NULL;

  token = fbk_token_store_lookup_finish (FBK_TOKEN_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (token != NULL)
    fbk_session_set_token (self, token);
  g_task_return_boolean (task, token != NULL);
}

/**
 * fbk_session_restore_token_async:
 *
 * Uses the token the keyring keeps, if there is one. A demo session has
 * its token already and never asks the keyring.
 */
void
fbk_session_restore_token_async (FbkSession          *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FBK_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_session_restore_token_async);

  if (self->token_store == NULL)
    {
      g_task_return_boolean (task, fbk_session_has_token (self));
      return;
    }

  fbk_token_store_lookup_async (self->token_store, cancellable, on_stored_token_found_cb,
                                g_steal_pointer (&task));
}

/**
 * fbk_session_restore_token_finish:
 *
 * Returns: %TRUE when the session now has a token; %FALSE with no error
 *   when the keyring keeps none
 */
gboolean
fbk_session_restore_token_finish (FbkSession    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The policies apply to both services alike. */
#define N_ENGINES 2

static void
get_engines (FbkSession *self,
             FbkHttp    *engines[N_ENGINES])
{
  engines[0] = fbk_client_get_http (self->client);
  engines[1] = fbk_price_client_get_http (self->price_client);
}

/* For forbruk-cli --retries and for tests that want failures quickly. */
void
fbk_session_set_retry_policy (FbkSession *self,
                              guint       max_retries,
                              guint       base_delay_ms,
                              guint       max_delay_ms)
{
  FbkHttp *engines[N_ENGINES];

  g_return_if_fail (FBK_IS_SESSION (self));

  get_engines (self, engines);
  for (guint i = 0; i < N_ENGINES; i++)
    fbk_http_set_retry_policy (engines[i], max_retries, base_delay_ms, max_delay_ms);
}

void
fbk_session_set_max_concurrent (FbkSession *self,
                                guint       max_concurrent)
{
  FbkHttp *engines[N_ENGINES];

  g_return_if_fail (FBK_IS_SESSION (self));

  get_engines (self, engines);
  for (guint i = 0; i < N_ENGINES; i++)
    fbk_http_set_max_concurrent (engines[i], max_concurrent);
}
