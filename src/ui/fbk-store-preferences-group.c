/* fbk-store-preferences-group.c: the data Forbruk keeps on this computer
 *
 * How much is stored and how big the file is, where it is, and a way to
 * delete it. Deleting loses nothing that cannot be fetched again from Elvia
 * (as long as it is younger than three years), which the confirmation says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-store-preferences-group"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-store-preferences-group.h"

struct _FbkStorePreferencesGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  AdwActionRow        *amount_row;
  AdwActionRow        *location_row;
  AdwActionRow        *moved_aside_row;
  GtkButton           *delete_button;

  /* Owned references */
  FbkStore            *store;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (FbkStorePreferencesGroup, fbk_store_preferences_group, ADW_TYPE_PREFERENCES_GROUP)

static void
on_stats_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FbkStorePreferencesGroup *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *count = NULL;
  g_autofree char *values = NULL;
  g_autofree char *amount = NULL;
  FbkStoreStats stats;

  if (!fbk_store_get_stats_finish (FBK_STORE (object), result, &stats, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->amount_row, error->message);
      return;
    }

  size = g_format_size (stats.disk_bytes);
  /* The count is formatted first: a translatable format cannot hold
   * G_GUINT64_FORMAT. */
  count = g_strdup_printf ("%'" G_GUINT64_FORMAT, stats.n_values);
  /* Translators: %s is a number of stored meter values, e.g. "12,345 values" */
  values = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s value", "%s values", stats.n_values),
                            count);
  /* Translators: "12,345 values for 3 metering points, 1.2 MB on disk" */
  amount = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s for %u metering point, %s on disk",
                                         "%s for %u metering points, %s on disk", stats.n_meters),
                            values, stats.n_meters, size);
  adw_action_row_set_subtitle (self->amount_row, amount);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), stats.n_values > 0 || stats.n_meters > 0);
}

static void
refresh (FbkStorePreferencesGroup *self)
{
  const GError *reset_error;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->moved_aside_row), FALSE);

  if (self->store == NULL)
    {
      adw_action_row_set_subtitle (self->amount_row, _("The stored data could not be opened."));
      adw_action_row_set_subtitle (self->location_row, "–");
      return;
    }

  adw_action_row_set_subtitle (self->location_row, fbk_store_get_path (self->store));

  /* Opening found the old file damaged or too new and kept it aside. */
  reset_error = fbk_store_get_reset_error (self->store);
  if (reset_error != NULL)
    {
      adw_action_row_set_subtitle (self->moved_aside_row, reset_error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->moved_aside_row), TRUE);
    }

  self->cancellable = g_cancellable_new ();
  fbk_store_get_stats_async (self->store, self->cancellable, on_stats_cb, self);
}

static void
on_deleted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FbkStorePreferencesGroup *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (fbk_store_delete_finish (FBK_STORE (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);

  refresh (self);
}

/**
 * fbk_store_preferences_group_delete_async:
 *
 * Deletes every stored value, meter and fetch log, with no question asked:
 * the caller has confirmed.
 */
void
fbk_store_preferences_group_delete_async (FbkStorePreferencesGroup *self,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FBK_IS_STORE_PREFERENCES_GROUP (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_store_preferences_group_delete_async);

  if (self->store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  fbk_store_delete_async (self->store, NULL, cancellable, on_deleted_cb, g_steal_pointer (&task));
}

gboolean
fbk_store_preferences_group_delete_finish (FbkStorePreferencesGroup  *self,
                                           GAsyncResult              *result,
                                           GError                   **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_delete_confirmed_cb (AdwMessageDialog         *dialog,
                        const char               *response,
                        FbkStorePreferencesGroup *self)
{
  if (g_strcmp0 (response, "delete") == 0)
    fbk_store_preferences_group_delete_async (self, NULL, NULL, NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FbkStorePreferencesGroup *self = FBK_STORE_PREFERENCES_GROUP (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Delete Stored Data?"),
                                   _("Every meter value Forbruk has stored on this computer is deleted. "
                                     "Values from the last three years can be fetched from Elvia again, "
                                     "older ones cannot."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fbk_store_preferences_group_dispose (GObject *object)
{
  FbkStorePreferencesGroup *self = FBK_STORE_PREFERENCES_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_STORE_PREFERENCES_GROUP);

  G_OBJECT_CLASS (fbk_store_preferences_group_parent_class)->dispose (object);
}

static void
fbk_store_preferences_group_class_init (FbkStorePreferencesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_store_preferences_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-store-preferences-group.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkStorePreferencesGroup, amount_row);
  gtk_widget_class_bind_template_child (widget_class, FbkStorePreferencesGroup, location_row);
  gtk_widget_class_bind_template_child (widget_class, FbkStorePreferencesGroup, moved_aside_row);
  gtk_widget_class_bind_template_child (widget_class, FbkStorePreferencesGroup, delete_button);

  gtk_widget_class_install_action (widget_class, "store.delete", NULL, delete_action);
}

static void
fbk_store_preferences_group_init (FbkStorePreferencesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

/**
 * fbk_store_preferences_group_set_store:
 * @store: (nullable): the offline store, or %NULL (the demo stores nothing)
 */
void
fbk_store_preferences_group_set_store (FbkStorePreferencesGroup *self,
                                       FbkStore                 *store)
{
  g_return_if_fail (FBK_IS_STORE_PREFERENCES_GROUP (self));

  g_set_object (&self->store, store);
  refresh (self);
}

FbkStore *
fbk_store_preferences_group_get_store (FbkStorePreferencesGroup *self)
{
  g_return_val_if_fail (FBK_IS_STORE_PREFERENCES_GROUP (self), NULL);

  return self->store;
}
