/* fbk-meter-names-dialog.c: naming the meters a new token covers
 *
 * Offered once a token is accepted on the welcome page: a row per meter,
 * titled by the default name that tells it apart ("Metering point …439
 * 208"), to type a name of one's own into. Skipping keeps the defaults;
 * the pencil beside each meter renames it later. The rows follow the
 * repository's meters, which arrive while the dialog is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-meter-names-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-meter-names-dialog.h"

#define SAVE_RESPONSE "save"

struct _FbkMeterNamesDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkListBox       *list_box;

  FbkRepository    *repository;
};

G_DEFINE_FINAL_TYPE (FbkMeterNamesDialog, fbk_meter_names_dialog, ADW_TYPE_MESSAGE_DIALOG)

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  FbkMeteringPoint *meter = item;
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *title = fbk_metering_point_dup_default_name (fbk_metering_point_get_id (meter));
  const char *name = fbk_metering_point_get_name (meter);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), name);
  return row;
}

/* Row i is meter i of the bound model. */
static void
fbk_meter_names_dialog_response (AdwMessageDialog *dialog,
                                 const char       *response)
{
  FbkMeterNamesDialog *self = FBK_METER_NAMES_DIALOG (dialog);
  GListModel *meters = self->repository != NULL ? fbk_repository_get_meters (self->repository) : NULL;

  for (guint i = 0; meters != NULL && g_strcmp0 (response, SAVE_RESPONSE) == 0 && i < g_list_model_get_n_items (meters); i++)
    {
      g_autoptr(FbkMeteringPoint) meter = g_list_model_get_item (meters, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, (int) i);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

      if (g_strcmp0 (*text != '\0' ? text : NULL, fbk_metering_point_get_name (meter)) != 0)
        fbk_repository_rename_meter (self->repository, fbk_metering_point_get_id (meter), text);
    }

  /* libadwaita 1.2 has no default handler of its own. */
  if (ADW_MESSAGE_DIALOG_CLASS (fbk_meter_names_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (fbk_meter_names_dialog_parent_class)->response (dialog, response);
}

static void
fbk_meter_names_dialog_dispose (GObject *object)
{
  FbkMeterNamesDialog *self = FBK_METER_NAMES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_METER_NAMES_DIALOG);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (fbk_meter_names_dialog_parent_class)->dispose (object);
}

static void
fbk_meter_names_dialog_class_init (FbkMeterNamesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = fbk_meter_names_dialog_dispose;
  dialog_class->response = fbk_meter_names_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-meter-names-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkMeterNamesDialog, list_box);
}

static void
fbk_meter_names_dialog_init (FbkMeterNamesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fbk_meter_names_dialog_new (FbkRepository *repository)
{
  FbkMeterNamesDialog *self;

  g_return_val_if_fail (FBK_IS_REPOSITORY (repository), NULL);

  self = g_object_new (FBK_TYPE_METER_NAMES_DIALOG, NULL);
  self->repository = g_object_ref (repository);
  gtk_list_box_bind_model (self->list_box, fbk_repository_get_meters (repository),
                           create_row_cb, NULL, NULL);
  return GTK_WIDGET (self);
}
