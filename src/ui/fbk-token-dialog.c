/* fbk-token-dialog.c: replace the access token
 *
 * Opened from the preferences ("Replace…"), and by the window when Elvia
 * refuses the stored token while the app is in use: then it says so first.
 * Either way the meter data already stored stays, and the old token stays
 * in use until Elvia has accepted a new one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-token-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-token-dialog.h"
#include "fbk-token-form.h"

struct _FbkTokenDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  AdwStatusPage *status_page;
  FbkTokenForm  *form;

  gboolean       refused;
};

G_DEFINE_FINAL_TYPE (FbkTokenDialog, fbk_token_dialog, ADW_TYPE_WINDOW)

enum {
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_form_connected_cb (FbkTokenDialog *self)
{
  g_signal_emit (self, signals[CONNECTED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
fbk_token_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FBK_TYPE_TOKEN_DIALOG);

  G_OBJECT_CLASS (fbk_token_dialog_parent_class)->dispose (object);
}

static void
fbk_token_dialog_class_init (FbkTokenDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_token_dialog_dispose;

  /**
   * FbkTokenDialog::connected:
   *
   * The new token works and is kept, and the session uses it.
   * The dialog closes right after.
   */
  signals[CONNECTED] =
    g_signal_new ("connected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-token-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkTokenDialog, status_page);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenDialog, form);
  gtk_widget_class_bind_template_callback (widget_class, on_form_connected_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (FBK_TYPE_TOKEN_FORM);
}

static void
fbk_token_dialog_init (FbkTokenDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fbk_token_dialog_new:
 * @session: the session that uses the new token once Elvia has accepted
 *   it and it is kept
 *
 * The paste-and-check flow for a new token, for "Replace…". Set a parent
 * with gtk_window_set_transient_for() and present it.
 */
GtkWidget *
fbk_token_dialog_new (FbkSession *session)
{
  FbkTokenDialog *self = g_object_new (FBK_TYPE_TOKEN_DIALOG, NULL);

  fbk_token_form_set_session (self->form, session);
  return GTK_WIDGET (self);
}

/**
 * fbk_token_dialog_new_for_refusal:
 *
 * The same, for when Elvia refused the stored token while the app was in
 * use (%FBK_API_ERROR_AUTH_REFUSED): it says so first, and that the meter
 * data already stored is kept.
 */
GtkWidget *
fbk_token_dialog_new_for_refusal (FbkSession *session)
{
  FbkTokenDialog *self = FBK_TOKEN_DIALOG (fbk_token_dialog_new (session));

  self->refused = TRUE;
  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->status_page, _("Elvia Refused the Token"));
  adw_status_page_set_description (self->status_page,
                                   _("The saved token no longer works. It may have been deleted on "
                                     "Min side, or it may have expired. The meter data already on "
                                     "this computer is kept. Create a new token on Min side under "
                                     "“Tilganger” and paste it here to go on fetching."));
  return GTK_WIDGET (self);
}

gboolean
fbk_token_dialog_get_refused (FbkTokenDialog *self)
{
  g_return_val_if_fail (FBK_IS_TOKEN_DIALOG (self), FALSE);

  return self->refused;
}
