/* fbk-token-preferences-group.c: the token in the preferences
 *
 * Says where the token is kept and when it expires (never the token
 * itself), and offers to replace it or to forget it. Forgetting emits
 * "forgotten" with the person's answer to "also delete the stored meter
 * data?": the window goes back to the welcome page and, if asked, has the
 * store delete the data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-token-preferences-group"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-token-check.h"
#include "fbk-token-dialog.h"
#include "fbk-token-preferences-group.h"

struct _FbkTokenPreferencesGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  AdwActionRow        *status_row;
  GtkImage            *status_icon;
  AdwActionRow        *expiry_row;
  GtkImage            *expiry_icon;
  AdwActionRow        *replace_row;

  FbkSession          *session;
  GCancellable        *cancellable;
  gboolean             has_token;
};

G_DEFINE_FINAL_TYPE (FbkTokenPreferencesGroup, fbk_token_preferences_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REPLACED,
  FORGOTTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define FORGET_RESPONSE "forget"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static FbkTokenStore *
token_store (FbkTokenPreferencesGroup *self)
{
  return self->session != NULL ? fbk_session_get_token_store (self->session) : NULL;
}

static void
show_status (FbkTokenPreferencesGroup *self,
             const char               *icon_name,
             const char               *text,
             gboolean                  has_token)
{
  gboolean demo = self->session != NULL && fbk_session_is_demo (self->session);

  gtk_image_set_from_icon_name (self->status_icon, icon_name);
  adw_action_row_set_subtitle (self->status_row, text);
  self->has_token = has_token;

  /* "Replace" only what is there; from the demo, the way to a token of
   * one's own. */
  if (demo)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->replace_row), _("_Enter Your Token…"));
      adw_action_row_set_subtitle (self->replace_row, _("Leave the demo and connect your own meters"));
    }
  else if (has_token)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->replace_row), _("_Replace Token…"));
      adw_action_row_set_subtitle (self->replace_row, _("Paste a new token from Min side"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->replace_row), _("_Enter Token…"));
      adw_action_row_set_subtitle (self->replace_row, _("Paste a token from Min side"));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "token.replace", demo || token_store (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "token.forget", token_store (self) != NULL && has_token);
}

static void
show_expiry (FbkTokenPreferencesGroup *self,
             const char               *token)
{
  FbkInstant expiry;
  FbkInstant now;
  gboolean warn = FALSE;
  g_autofree char *text = NULL;

  if (token == NULL || !fbk_token_get_expiry (token, &expiry))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->expiry_row), FALSE);
      return;
    }

  now = self->session != NULL ? fbk_session_get_now (self->session) : g_get_real_time () / G_USEC_PER_SEC;
  text = fbk_token_describe_expiry (expiry, now, &warn);
  adw_action_row_set_subtitle (self->expiry_row, text);
  gtk_image_set_from_icon_name (self->expiry_icon, warn ? "dialog-warning-symbolic" : "x-office-calendar-symbolic");
  if (warn)
    gtk_widget_add_css_class (GTK_WIDGET (self->expiry_icon), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->expiry_icon), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->expiry_row), TRUE);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_token_looked_up_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(FbkTokenPreferencesGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = NULL;

  token = fbk_token_store_lookup_finish (FBK_TOKEN_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  show_expiry (self, token);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not read the keyring. %s"), error->message);

      show_status (self, "dialog-warning-symbolic", text, FALSE);
    }
  else if (token == NULL)
    show_status (self, "dialog-password-symbolic", _("None saved"), FALSE);
  else if (fbk_token_store_get_memory_only (FBK_TOKEN_STORE (object)))
    show_status (self, "dialog-password-symbolic",
                 _("Kept for this session only. Forbruk will ask for it again next time."), TRUE);
  else
    show_status (self, "channel-secure-symbolic", _("Saved in your keyring"), TRUE);
}

static void
on_dialog_connected_cb (FbkTokenPreferencesGroup *self)
{
  fbk_token_preferences_group_reload (self);
  g_signal_emit (self, signals[REPLACED], 0);
}

static void
replace_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FbkTokenPreferencesGroup *self = FBK_TOKEN_PREFERENCES_GROUP (widget);
  GtkWidget *dialog;

  /* The demo's session takes no token: the welcome page asks for one. */
  if (fbk_session_is_demo (self->session))
    {
      g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "leave-demo", NULL);
      gtk_window_close (GTK_WINDOW (gtk_widget_get_root (widget)));
      return;
    }

  dialog = fbk_token_dialog_new (self->session);
  g_signal_connect_object (dialog, "connected", G_CALLBACK (on_dialog_connected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  FbkTokenPreferencesGroup *self;
  gboolean                  delete_data;
} Forget;

static void
forget_free (Forget *forget)
{
  g_object_unref (forget->self);
  g_free (forget);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Forget, forget_free)

static void
on_token_cleared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Forget) forget = user_data;
  FbkTokenPreferencesGroup *self = forget->self;
  g_autoptr(GError) error = NULL;

  if (!fbk_token_store_clear_finish (FBK_TOKEN_STORE (object), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("Could not forget the token. %s"), error->message);
      show_status (self, "dialog-warning-symbolic", text, self->has_token);
      return;
    }

  fbk_token_preferences_group_reload (self);
  g_signal_emit (self, signals[FORGOTTEN], 0, forget->delete_data);
}

static void
on_forget_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  FbkTokenPreferencesGroup *self = FBK_TOKEN_PREFERENCES_GROUP (user_data);
  GtkCheckButton *delete_data = GTK_CHECK_BUTTON (adw_message_dialog_get_extra_child (dialog));
  Forget *forget;

  if (g_strcmp0 (response, FORGET_RESPONSE) != 0 || token_store (self) == NULL)
    return;

  forget = g_new0 (Forget, 1);
  forget->self = g_object_ref (self);
  forget->delete_data = gtk_check_button_get_active (delete_data);
  fbk_token_store_clear_async (token_store (self), self->cancellable, on_token_cleared_cb, forget);

  /* Stop using it at once; the keyring may take a moment. */
  fbk_session_set_token (self->session, NULL);
}

static void
forget_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FbkTokenPreferencesGroup *self = FBK_TOKEN_PREFERENCES_GROUP (widget);
  GtkWidget *dialog;
  GtkWidget *delete_data;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Forget the Access Token?"),
                                   _("Forbruk will remove the token from this computer and stop "
                                     "fetching meter values. The token itself keeps working until "
                                     "you delete it on Elvia’s Min side.\n\n"
                                     "If you gave the token to anyone else, such as a smart home "
                                     "service, ask them to delete the data they fetched with it: "
                                     "forgetting it here does not delete their copy."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    FORGET_RESPONSE, _("_Forget"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), FORGET_RESPONSE,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  delete_data = gtk_check_button_new_with_mnemonic (_("Also _delete the meter data stored on this computer"));
  gtk_widget_set_halign (delete_data, GTK_ALIGN_CENTER);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), delete_data);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_forget_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------ */
/* Overrides                                                                */
/* ------------------------------------------------------------------------ */

static void
fbk_token_preferences_group_dispose (GObject *object)
{
  FbkTokenPreferencesGroup *self = FBK_TOKEN_PREFERENCES_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_TOKEN_PREFERENCES_GROUP);

  G_OBJECT_CLASS (fbk_token_preferences_group_parent_class)->dispose (object);
}

static void
fbk_token_preferences_group_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  FbkTokenPreferencesGroup *self = FBK_TOKEN_PREFERENCES_GROUP (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_token_preferences_group_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  FbkTokenPreferencesGroup *self = FBK_TOKEN_PREFERENCES_GROUP (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      fbk_token_preferences_group_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_token_preferences_group_class_init (FbkTokenPreferencesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_token_preferences_group_dispose;
  object_class->get_property = fbk_token_preferences_group_get_property;
  object_class->set_property = fbk_token_preferences_group_set_property;

  /* The session a replacement token goes to, which stops using the token
   * when it is forgotten, and whose token store keeps it. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         FBK_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FbkTokenPreferencesGroup::replaced:
   *
   * A new token was accepted by Elvia and is kept; the session uses it.
   */
  signals[REPLACED] =
    g_signal_new ("replaced",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * FbkTokenPreferencesGroup::forgotten:
   * @delete_data: the person also asked to delete the stored meter data
   *
   * The token is gone from the token store and the session.
   */
  signals[FORGOTTEN] =
    g_signal_new ("forgotten",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-token-preferences-group.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkTokenPreferencesGroup, status_row);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenPreferencesGroup, status_icon);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenPreferencesGroup, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenPreferencesGroup, expiry_icon);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenPreferencesGroup, replace_row);

  gtk_widget_class_install_action (widget_class, "token.replace", NULL, replace_action);
  gtk_widget_class_install_action (widget_class, "token.forget", NULL, forget_action);
}

static void
fbk_token_preferences_group_init (FbkTokenPreferencesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fbk_token_preferences_group_reload (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

FbkSession *
fbk_token_preferences_group_get_session (FbkTokenPreferencesGroup *self)
{
  g_return_val_if_fail (FBK_IS_TOKEN_PREFERENCES_GROUP (self), NULL);

  return self->session;
}

void
fbk_token_preferences_group_set_session (FbkTokenPreferencesGroup *self,
                                         FbkSession               *session)
{
  g_return_if_fail (FBK_IS_TOKEN_PREFERENCES_GROUP (self));
  g_return_if_fail (session == NULL || FBK_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  fbk_token_preferences_group_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * fbk_token_preferences_group_reload:
 *
 * Looks at the token store again, for when something else changed the
 * token (the window replaced it after a refusal, say).
 */
void
fbk_token_preferences_group_reload (FbkTokenPreferencesGroup *self)
{
  g_return_if_fail (FBK_IS_TOKEN_PREFERENCES_GROUP (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  show_expiry (self, NULL);
  if (self->session != NULL && fbk_session_is_demo (self->session))
    {
      show_status (self, "dialog-password-symbolic", _("None: the demo makes its data up"), FALSE);
      return;
    }
  if (token_store (self) == NULL)
    {
      show_status (self, "dialog-password-symbolic", _("None saved"), FALSE);
      return;
    }

  show_status (self, "content-loading-symbolic", _("Looking in the keyring…"), self->has_token);
  fbk_token_store_lookup_async (token_store (self), self->cancellable,
                                on_token_looked_up_cb, g_object_ref (self));
}
