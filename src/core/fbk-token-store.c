/* fbk-token-store.c: the access token in the system keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-token-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "fbk-cancellable.h"
#include "fbk-error.h"
#include "fbk-token-store.h"

/* Nothing in this file may log, format or copy the token itself: it goes
 * from the caller straight to libsecret (which copies it into non-pageable
 * memory) or into memory_token, and back out only through lookup_finish. */

#define SERVICE_ATTRIBUTE "service"
#define SERVICE_VALUE "elvia-metervalues"

/* The name and attribute are what finds a saved token again after an
 * update: never change them. */
static const SecretSchema token_schema = {
  .name = "io.github.forbruk.Forbruk.Token",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { .name = SERVICE_ATTRIBUTE, .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
    { .name = NULL },
  },
};

struct _FbkTokenStore
{
  GObject      parent_instance;

  /* Only in memory-only mode; always freed with fbk_token_free(), which
   * overwrites it. */
  char        *memory_token;
  guint        timeout;
  guint        memory_only : 1;
};

G_DEFINE_FINAL_TYPE (FbkTokenStore, fbk_token_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MEMORY_ONLY,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One keyring call. libsecret gets a cancellable of its own so that both the
 * caller and the timeout can cancel it; when the timeout fires the task is
 * answered at once, whether or not libsecret ever calls back. */
typedef void (*OperationCall) (GTask *task);

typedef struct
{
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  GSource      *timeout_source;
  OperationCall call;         /* makes the keyring call (again) */
  gboolean      answered;
  gboolean      called_again;
} Operation;

static void
operation_free (gpointer data)
{
  Operation *op = data;

  g_cancellable_disconnect (op->caller_cancellable, op->caller_handler);
  g_clear_object (&op->caller_cancellable);
  g_clear_object (&op->cancellable);
  if (op->timeout_source != NULL)
    {
      g_source_destroy (op->timeout_source);
      g_source_unref (op->timeout_source);
    }
  g_free (op);
}

/* Inside Flatpak, libsecret 0.20.5 (Debian 12, and runtimes built on it)
 * talks to the Secret portal and starts listening for the portal's answer
 * only after its call returns: an answer that comes at once can be missed,
 * and the call then never ends; cancelling it deadlocks libsecret. There,
 * a call that does not answer in time is left alone and made once more,
 * and whichever answers first is the answer. */
static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void operation_arm_timeout (FbkTokenStore *self,
                                   GTask         *task);

static gboolean
operation_timed_out_cb (gpointer user_data)
{
  g_autoptr(GTask) task = g_object_ref (G_TASK (user_data));
  Operation *op = g_task_get_task_data (task);
  FbkTokenStore *self = g_task_get_source_object (task);
  gboolean sandboxed = in_flatpak ();

  g_clear_pointer (&op->timeout_source, g_source_unref);

  if (sandboxed && op->call != NULL && !op->called_again)
    {
      g_debug ("The Secret portal did not answer within %u s; asking again", self->timeout);
      op->called_again = TRUE;
      operation_arm_timeout (self, task);
      op->call (task);
      return G_SOURCE_REMOVE;
    }

  g_debug ("The Secret Service did not answer within %u s; giving up", self->timeout);

  op->answered = TRUE;
  if (!sandboxed)
    g_cancellable_cancel (op->cancellable);
  g_task_return_new_error (task, FBK_TOKEN_ERROR, FBK_TOKEN_ERROR_UNAVAILABLE,
                           _("The keyring did not respond in time."));
  return G_SOURCE_REMOVE;
}

/* The source holds no reference: operation_free() destroys it before the
 * task can go away. */
static void
operation_arm_timeout (FbkTokenStore *self,
                       GTask         *task)
{
  Operation *op = g_task_get_task_data (task);

  op->timeout_source = g_timeout_source_new (self->timeout * 1000);
  g_source_set_name (op->timeout_source, "[fbk] token store timeout");
  g_source_set_callback (op->timeout_source, operation_timed_out_cb, task, NULL);
  g_source_attach (op->timeout_source, g_task_get_context (task));
}

/* Arms the timeout and makes the keyring call, which gets
 * operation_get_cancellable(). A @call of NULL is made by the caller, once:
 * saving is not repeated, as that would keep another copy of the token. */
static GCancellable *
operation_start (FbkTokenStore *self,
                 GTask         *task,
                 OperationCall  call)
{
  GCancellable *caller_cancellable = g_task_get_cancellable (task);
  Operation *op = g_new0 (Operation, 1);

  op->cancellable = g_cancellable_new ();
  op->call = call;
  g_task_set_task_data (task, op, operation_free);

  op->caller_cancellable = caller_cancellable != NULL ? g_object_ref (caller_cancellable) : NULL;
  op->caller_handler = fbk_cancellable_chain (caller_cancellable, op->cancellable);

  operation_arm_timeout (self, task);
  if (call != NULL)
    call (task);
  return op->cancellable;
}

/* FALSE if the timeout has already answered the task. */
static gboolean
operation_settle (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  if (op->answered)
    return FALSE;

  op->answered = TRUE;
  if (op->timeout_source != NULL)
    g_source_destroy (op->timeout_source);
  return TRUE;
}

/* libsecret's errors are technical and in English. Whatever went wrong, the
 * person's choices are the same (unlock the keyring, or use the token for
 * this run only), so everything but a lock is "unavailable". The no-bus
 * (G_IO_ERROR, G_SPAWN_ERROR) and no-service (G_DBUS_ERROR_SERVICE_UNKNOWN)
 * cases are the usual ones. */
static void
return_keyring_error (GTask  *task,
                      GError *error)
{
  g_debug ("Secret Service error %s %d: %s",
           g_quark_to_string (error->domain), error->code, error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, error);
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    {
      g_task_return_new_error (task, FBK_TOKEN_ERROR, FBK_TOKEN_ERROR_LOCKED,
                               _("The keyring is locked. Unlock it and try again."));
      g_error_free (error);
    }
  else
    {
      g_task_return_new_error (task, FBK_TOKEN_ERROR, FBK_TOKEN_ERROR_UNAVAILABLE,
                               _("No keyring is available to keep the access token safely."));
      g_error_free (error);
    }
}

/* Whether a keyring call's answer is still the task's to give, and no
 * error: takes @error, dropping it when the timeout already answered and
 * returning it on the task otherwise. */
static gboolean
operation_succeeded (GTask  *task,
                     GError *error)
{
  if (!operation_settle (task))
    {
      g_clear_error (&error);
      return FALSE;
    }
  if (error != NULL)
    {
      return_keyring_error (task, error);
      return FALSE;
    }
  return TRUE;
}

/* For the _finish functions' precondition: @result is @source_tag's task
 * on @self. */
static gboolean
is_result_of (FbkTokenStore *self,
              GAsyncResult  *result,
              gpointer       source_tag)
{
  return FBK_IS_TOKEN_STORE (self) &&
         g_task_is_valid (result, self) &&
         g_task_get_source_tag (G_TASK (result)) == source_tag;
}

static void
forget_memory_token (FbkTokenStore *self)
{
  g_clear_pointer (&self->memory_token, fbk_token_free);
}

static void
fbk_token_store_finalize (GObject *object)
{
  FbkTokenStore *self = (FbkTokenStore *) object;

  forget_memory_token (self);

  G_OBJECT_CLASS (fbk_token_store_parent_class)->finalize (object);
}

static void
fbk_token_store_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FbkTokenStore *self = FBK_TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_MEMORY_ONLY:
      g_value_set_boolean (value, self->memory_only);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_token_store_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FbkTokenStore *self = FBK_TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_MEMORY_ONLY:
      fbk_token_store_set_memory_only (self, g_value_get_boolean (value));
      break;

    case PROP_TIMEOUT:
      fbk_token_store_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_token_store_class_init (FbkTokenStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fbk_token_store_finalize;
  object_class->get_property = fbk_token_store_get_property;
  object_class->set_property = fbk_token_store_set_property;

  properties[PROP_MEMORY_ONLY] =
    g_param_spec_boolean ("memory-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, 600, FBK_TOKEN_STORE_DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fbk_token_store_init (FbkTokenStore *self)
{
  self->timeout = FBK_TOKEN_STORE_DEFAULT_TIMEOUT;
}

FbkTokenStore *
fbk_token_store_new (void)
{
  return g_object_new (FBK_TYPE_TOKEN_STORE, NULL);
}

gboolean
fbk_token_store_get_memory_only (FbkTokenStore *self)
{
  g_return_val_if_fail (FBK_IS_TOKEN_STORE (self), FALSE);

  return self->memory_only;
}

void
fbk_token_store_set_memory_only (FbkTokenStore *self,
                                 gboolean       memory_only)
{
  g_return_if_fail (FBK_IS_TOKEN_STORE (self));

  memory_only = !!memory_only;
  if (self->memory_only == memory_only)
    return;

  /* Back to the keyring: a token meant for this run only must not linger. */
  if (!memory_only)
    forget_memory_token (self);

  self->memory_only = memory_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMORY_ONLY]);
}

guint
fbk_token_store_get_timeout (FbkTokenStore *self)
{
  g_return_val_if_fail (FBK_IS_TOKEN_STORE (self), 0);

  return self->timeout;
}

void
fbk_token_store_set_timeout (FbkTokenStore *self,
                             guint          seconds)
{
  g_return_if_fail (FBK_IS_TOKEN_STORE (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_store_finish (result, &error);

  if (operation_succeeded (task, error))
    {
      g_debug ("Saved the token in the keyring");
      g_task_return_boolean (task, TRUE);
    }
}

void
fbk_token_store_save_async (FbkTokenStore       *self,
                            const char          *token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (FBK_IS_TOKEN_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_token_store_save_async);

  if (!fbk_token_validate (token, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->memory_only)
    {
      forget_memory_token (self);
      self->memory_token = g_strdup (token);
      g_debug ("Keeping the token in memory for this run");
      g_task_return_boolean (task, TRUE);
      return;
    }

  secret_password_store (&token_schema, SECRET_COLLECTION_DEFAULT,
                         _("Forbruk: Elvia access token"), token,
                         operation_start (self, task, NULL),
                         save_cb, g_object_ref (task),
                         SERVICE_ATTRIBUTE, SERVICE_VALUE,
                         NULL);
}

gboolean
fbk_token_store_save_finish (FbkTokenStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (is_result_of (self, result, fbk_token_store_save_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_auto(FbkTokenString) token = NULL;
  GError *error = NULL;

  token = secret_password_lookup_nonpageable_finish (result, &error);

  if (!operation_succeeded (task, error))
    return;

  if (token != NULL && !fbk_token_validate (token, NULL))
    {
      /* Not written by us (secret-tool, say). Treat it as absent, so the
       * user is asked for a token and saving one replaces it. */
      g_debug ("The keyring holds something that is not a token; ignoring it");
      g_task_return_pointer (task, NULL, NULL);
    }
  else
    g_task_return_pointer (task, g_steal_pointer (&token), (GDestroyNotify) fbk_token_free);
}

static void
call_lookup (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  secret_password_lookup (&token_schema, op->cancellable, lookup_cb, g_object_ref (task),
                          SERVICE_ATTRIBUTE, SERVICE_VALUE,
                          NULL);
}

void
fbk_token_store_lookup_async (FbkTokenStore       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FBK_IS_TOKEN_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_token_store_lookup_async);

  if (self->memory_only)
    {
      g_task_return_pointer (task, g_strdup (self->memory_token), (GDestroyNotify) fbk_token_free);
      return;
    }

  operation_start (self, task, call_lookup);
}

FbkTokenString
fbk_token_store_lookup_finish (FbkTokenStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (is_result_of (self, result, fbk_token_store_lookup_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean removed;

  removed = secret_password_clear_finish (result, &error);

  if (operation_succeeded (task, error))
    {
      g_debug ("Cleared the keyring (%s)", removed ? "a token was removed" : "there was no token");
      g_task_return_boolean (task, TRUE);
    }
}

static void
call_clear (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  secret_password_clear (&token_schema, op->cancellable, clear_cb, g_object_ref (task),
                         SERVICE_ATTRIBUTE, SERVICE_VALUE,
                         NULL);
}

void
fbk_token_store_clear_async (FbkTokenStore       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FBK_IS_TOKEN_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_token_store_clear_async);

  forget_memory_token (self);

  if (self->memory_only)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  operation_start (self, task, call_clear);
}

gboolean
fbk_token_store_clear_finish (FbkTokenStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (is_result_of (self, result, fbk_token_store_clear_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
