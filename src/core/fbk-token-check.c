/* fbk-token-check.c: check a pasted token with Elvia, then keep it
 *
 * The one path from pasted text to a token in use, shared by the welcome
 * page, the replace dialog and `forbruk-cli token set`: clean the text
 * (format), read when it expires (JWT), ask Elvia which meters the token
 * covers (the probe), save it in the session's token store, and only then
 * let the session use it.
 *
 * The probe asks Elvia through a client of its own rather than the
 * session's. A token Elvia refuses then never replaces one that works
 * (replacing from the preferences), and the check can give up sooner than
 * a background refresh would: a person is watching a spinner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-token-check"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-error.h"
#include "fbk-period.h"
#include "fbk-token-check.h"
#include "fbk-token.h"

#define CHECK_MAX_RETRIES 1
#define CHECK_BASE_DELAY_MS 500
#define CHECK_MAX_DELAY_MS 2000
#define CHECK_TIMEOUT_SECONDS 20
#define SECONDS_PER_DAY 86400

struct _FbkTokenCheck
{
  GObject             parent_instance;

  FbkSession         *session;

  /* Cancelled whenever a check is abandoned: every callback of an abandoned
   * check then sees G_IO_ERROR_CANCELLED and leaves the state alone. */
  GCancellable       *cancellable;
  FbkRepository      *probe;
  GListStore         *meters;      /* FbkMeteringPoint, as the probe found them */
  /* The cleaned token, from the moment it is cleaned until the session
   * has its own copy; freed only with fbk_token_free(). */
  char               *token;
  GError             *error;
  FbkInstant          expiry;      /* 0: not a JWT with an expiry */
  FbkTokenCheckState  state;
};

G_DEFINE_FINAL_TYPE (FbkTokenCheck, fbk_token_check, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FbkTokenCheckState, fbk_token_check_state,
                    G_DEFINE_ENUM_VALUE (FBK_TOKEN_CHECK_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (FBK_TOKEN_CHECK_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (FBK_TOKEN_CHECK_SAVING, "saving"),
                    G_DEFINE_ENUM_VALUE (FBK_TOKEN_CHECK_ACCEPTED, "accepted"),
                    G_DEFINE_ENUM_VALUE (FBK_TOKEN_CHECK_FAILED, "failed"))

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static FbkInstant
check_now (FbkTokenCheck *self)
{
  /* The session's clock, so the demo's fixed clock and tests agree. */
  return fbk_session_get_now (self->session);
}

static void
forget_token (FbkTokenCheck *self)
{
  g_clear_pointer (&self->token, fbk_token_free);
}

/* Always notifies, so that a second failure shows its own message. */
static void
set_state (FbkTokenCheck      *self,
           FbkTokenCheckState  state)
{
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
fail (FbkTokenCheck *self,
      GError        *error)
{
  g_clear_error (&self->error);
  self->error = error;
  set_state (self, FBK_TOKEN_CHECK_FAILED);
}

static void
abandon (FbkTokenCheck *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->probe);
  forget_token (self);
}

/* The client's message names the possible causes in general terms; here we
 * know whether the token has simply run out. */
static GError *
refusal_error (FbkTokenCheck *self)
{
  if (self->expiry != 0 && fbk_token_expires_within (self->expiry, check_now (self), 0))
    {
      g_autofree char *date = fbk_period_format_date (fbk_time_oslo_date (self->expiry));

      return g_error_new (FBK_API_ERROR, FBK_API_ERROR_AUTH_REFUSED,
                          _("Elvia refused the token because it expired on %s. Delete it on "
                            "Min side and create a new one. Nothing was saved."),
                          date);
    }

  return g_error_new_literal (FBK_API_ERROR, FBK_API_ERROR_AUTH_REFUSED,
                              _("Elvia refused the token. It may have been deleted on Min side or "
                                "not copied in full, or it may be a GridTariff key from Elvia’s "
                                "developer portal instead of a token from Min side. Nothing was saved."));
}

/* ------------------------------------------------------------------------ */
/* The steps                                                                */
/* ------------------------------------------------------------------------ */

static void
on_meters_refreshed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(FbkTokenCheck) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fbk_repository_discover_meters_finish (FBK_REPOSITORY (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The token is good and saved; the app's next refresh lists the
       * meters again. */
      g_debug ("Could not list the meters again with the new token: %s", error->message);
    }

  set_state (self, FBK_TOKEN_CHECK_ACCEPTED);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FbkTokenCheck) self = user_data;
  GError *error = NULL;

  if (!fbk_token_store_save_finish (FBK_TOKEN_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_error_free (error);
          return;
        }
      /* The token stays here for fbk_token_check_keep_for_session(). */
      fail (self, error);
      return;
    }

  /* Only now does the session use it: a token that could not be kept is
   * not in use until the person chooses to keep it for this session. */
  fbk_session_set_token (self->session, self->token);
  forget_token (self);

  fbk_repository_discover_meters_async (fbk_session_get_repository (self->session), self->cancellable,
                                        on_meters_refreshed_cb, g_object_ref (self));
}

static void
save (FbkTokenCheck *self)
{
  set_state (self, FBK_TOKEN_CHECK_SAVING);
  fbk_token_store_save_async (fbk_session_get_token_store (self->session), self->token, self->cancellable,
                              on_saved_cb, g_object_ref (self));
}

static void
on_probe_discovered_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(FbkTokenCheck) self = user_data;
  GError *error = NULL;
  GListModel *found;
  g_autoptr(GPtrArray) meters = g_ptr_array_new_with_free_func (g_object_unref);

  if (!fbk_repository_discover_meters_finish (FBK_REPOSITORY (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_error_free (error);
          return;
        }

      g_debug ("Elvia did not accept the pasted token: %s", error->message);
      forget_token (self);
      if (g_error_matches (error, FBK_API_ERROR, FBK_API_ERROR_AUTH_REFUSED))
        {
          g_error_free (error);
          error = refusal_error (self);
        }
      fail (self, error);
      return;
    }

  found = fbk_repository_get_meters (FBK_REPOSITORY (object));
  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    g_ptr_array_add (meters, g_list_model_get_item (found, i));
  g_list_store_splice (self->meters, 0, g_list_model_get_n_items (G_LIST_MODEL (self->meters)),
                       meters->pdata, meters->len);
  g_debug ("Elvia accepted the pasted token; it covers %u metering points", meters->len);

  save (self);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
fbk_token_check_dispose (GObject *object)
{
  FbkTokenCheck *self = FBK_TOKEN_CHECK (object);

  abandon (self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (fbk_token_check_parent_class)->dispose (object);
}

static void
fbk_token_check_finalize (GObject *object)
{
  FbkTokenCheck *self = FBK_TOKEN_CHECK (object);

  g_clear_object (&self->meters);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (fbk_token_check_parent_class)->finalize (object);
}

static void
fbk_token_check_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FbkTokenCheck *self = FBK_TOKEN_CHECK (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_token_check_class_init (FbkTokenCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fbk_token_check_dispose;
  object_class->finalize = fbk_token_check_finalize;
  object_class->get_property = fbk_token_check_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       FBK_TYPE_TOKEN_CHECK_STATE,
                       FBK_TOKEN_CHECK_IDLE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fbk_token_check_init (FbkTokenCheck *self)
{
  self->meters = g_list_store_new (FBK_TYPE_METERING_POINT);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

FbkTokenCheck *
fbk_token_check_new (void)
{
  return g_object_new (FBK_TYPE_TOKEN_CHECK, NULL);
}

FbkSession *
fbk_token_check_get_session (FbkTokenCheck *self)
{
  g_return_val_if_fail (FBK_IS_TOKEN_CHECK (self), NULL);

  return self->session;
}

/**
 * fbk_token_check_set_session:
 * @session: (nullable): the session that uses the token once Elvia has
 *   accepted it and its token store has kept it; a demo session, which
 *   keeps no token, cannot check one
 */
void
fbk_token_check_set_session (FbkTokenCheck *self,
                             FbkSession    *session)
{
  g_return_if_fail (FBK_IS_TOKEN_CHECK (self));
  g_return_if_fail (session == NULL || FBK_IS_SESSION (session));

  if (self->session == session)
    return;

  fbk_token_check_reset (self);
  g_set_object (&self->session, session);
}

/**
 * fbk_token_check_get_ready:
 *
 * Returns: whether a check can start: there is a session with a token
 *   store to keep the token in
 */
gboolean
fbk_token_check_get_ready (FbkTokenCheck *self)
{
  g_return_val_if_fail (FBK_IS_TOKEN_CHECK (self), FALSE);

  return self->session != NULL && fbk_session_get_token_store (self->session) != NULL;
}

FbkTokenCheckState
fbk_token_check_get_state (FbkTokenCheck *self)
{
  g_return_val_if_fail (FBK_IS_TOKEN_CHECK (self), FBK_TOKEN_CHECK_IDLE);

  return self->state;
}

/**
 * fbk_token_check_get_error:
 *
 * Returns: (nullable): why the last check failed, in words for people; it
 *   never contains the token
 */
const GError *
fbk_token_check_get_error (FbkTokenCheck *self)
{
  g_return_val_if_fail (FBK_IS_TOKEN_CHECK (self), NULL);

  return self->state == FBK_TOKEN_CHECK_FAILED ? self->error : NULL;
}

/**
 * fbk_token_check_needs_keyring_choice:
 *
 * Returns: %TRUE when Elvia accepted the token but the keyring could not
 *   keep it, so that fbk_token_check_keep_for_session() can go on
 */
gboolean
fbk_token_check_needs_keyring_choice (FbkTokenCheck *self)
{
  g_return_val_if_fail (FBK_IS_TOKEN_CHECK (self), FALSE);

  return self->state == FBK_TOKEN_CHECK_FAILED &&
         self->token != NULL &&
         self->error != NULL &&
         self->error->domain == FBK_TOKEN_ERROR;
}

/**
 * fbk_token_check_get_meters:
 *
 * Returns: (transfer none): the metering points Elvia said the last accepted
 *   token covers (FbkMeteringPoint); empty until then
 */
GListModel *
fbk_token_check_get_meters (FbkTokenCheck *self)
{
  g_return_val_if_fail (FBK_IS_TOKEN_CHECK (self), NULL);

  return G_LIST_MODEL (self->meters);
}

/**
 * fbk_token_check_get_expiry:
 *
 * Returns: %TRUE, with @expiry set, when the checked token is a JWT that
 *   says when it expires
 */
gboolean
fbk_token_check_get_expiry (FbkTokenCheck *self,
                            FbkInstant    *expiry)
{
  g_return_val_if_fail (FBK_IS_TOKEN_CHECK (self), FALSE);
  g_return_val_if_fail (expiry != NULL, FALSE);

  if (self->expiry == 0)
    return FALSE;

  *expiry = self->expiry;
  return TRUE;
}

/**
 * fbk_token_check_start:
 * @text: what the person pasted
 *
 * Cleans @text, asks Elvia which meters it covers and saves it in the
 * session's token store; then the session uses it and its repository lists
 * the meters. Follow #FbkTokenCheck:state. Nothing is saved and the session
 * keeps its old token unless Elvia accepts the new one. A running check is
 * abandoned.
 */
void
fbk_token_check_start (FbkTokenCheck *self,
                       const char    *text)
{
  g_autoptr(FbkClient) probe_client = NULL;
  GError *error = NULL;

  g_return_if_fail (FBK_IS_TOKEN_CHECK (self));
  g_return_if_fail (fbk_token_check_get_ready (self));

  fbk_token_check_reset (self);

  self->token = fbk_token_clean (text, &error);
  if (self->token == NULL)
    {
      fail (self, error);
      return;
    }
  if (!fbk_token_get_expiry (self->token, &self->expiry))
    self->expiry = 0;

  probe_client = fbk_client_new (fbk_session_get_api_url (self->session), &error);
  if (probe_client == NULL)
    {
      forget_token (self);
      fail (self, error);
      return;
    }
  fbk_client_set_retry_policy (probe_client, CHECK_MAX_RETRIES, CHECK_BASE_DELAY_MS, CHECK_MAX_DELAY_MS);
  fbk_client_set_timeout (probe_client, CHECK_TIMEOUT_SECONDS);
  fbk_client_set_token (probe_client, self->token);

  /* No store: what a refused token finds must not be remembered. */
  self->probe = fbk_repository_new (probe_client, NULL, NULL, fbk_session_get_clock (self->session));
  self->cancellable = g_cancellable_new ();

  set_state (self, FBK_TOKEN_CHECK_RUNNING);
  fbk_repository_discover_meters_async (self->probe, self->cancellable,
                                        on_probe_discovered_cb, g_object_ref (self));
}

/**
 * fbk_token_check_keep_for_session:
 *
 * After the keyring failed (fbk_token_check_needs_keyring_choice()), keeps
 * the accepted token in memory only: the token store becomes memory-only
 * and the check goes on to #FBK_TOKEN_CHECK_ACCEPTED.
 */
void
fbk_token_check_keep_for_session (FbkTokenCheck *self)
{
  g_return_if_fail (FBK_IS_TOKEN_CHECK (self));
  g_return_if_fail (fbk_token_check_needs_keyring_choice (self));

  g_clear_error (&self->error);
  fbk_token_store_set_memory_only (fbk_session_get_token_store (self->session), TRUE);
  save (self);
}

/**
 * fbk_token_check_reset:
 *
 * Back to #FBK_TOKEN_CHECK_IDLE: abandons a running check, forgets a token
 * waiting for the keyring choice and the last result.
 */
void
fbk_token_check_reset (FbkTokenCheck *self)
{
  g_return_if_fail (FBK_IS_TOKEN_CHECK (self));

  abandon (self);
  g_clear_error (&self->error);
  g_list_store_remove_all (self->meters);
  self->expiry = 0;
  if (self->state != FBK_TOKEN_CHECK_IDLE)
    set_state (self, FBK_TOKEN_CHECK_IDLE);
}

/**
 * fbk_token_describe_expiry:
 * @out_warn: (out) (optional): set to %TRUE when the person should act:
 *   the token expires within %FBK_TOKEN_EXPIRY_WARNING_DAYS days, or has
 *   expired
 *
 * Returns: (transfer full): a sentence saying when a token expires
 */
char *
fbk_token_describe_expiry (FbkInstant  expiry,
                           FbkInstant  now,
                           gboolean   *out_warn)
{
  g_autofree char *date = fbk_period_format_date (fbk_time_oslo_date (expiry));
  gboolean warn = fbk_token_expires_within (expiry, now, FBK_TOKEN_EXPIRY_WARNING_DAYS);
  char *text;

  if (fbk_token_expires_within (expiry, now, 0))
    text = g_strdup_printf (_("The token expired on %s. Create a new one on Min side."), date);
  else if (warn)
    {
      guint days = (guint) ((expiry - now + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The token expires on %s, in %u day. Create a new one on Min side before then.",
                                           "The token expires on %s, in %u days. Create a new one on Min side before then.",
                                           days),
                              date, days);
    }
  else
    text = g_strdup_printf (_("The token is valid until %s."), date);

  if (out_warn != NULL)
    *out_warn = warn;
  return text;
}
