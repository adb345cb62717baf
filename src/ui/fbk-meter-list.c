/* fbk-meter-list.c: the metering points to show, picked in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-meter-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "fbk-meter-list.h"
#include "fbk-meter-row.h"

struct _FbkMeterList
{
  GtkWidget   parent_instance;

  GListModel *model;
  GHashTable *wanted;   /* ids the caller or the user asked for */
  GStrv       picked;   /* what is picked, in model order */
  gboolean    syncing;

  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (FbkMeterList, fbk_meter_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_PICKED_IDS,
  N_PROPS
};

enum {
  METER_RENAMED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static guint
n_meters (FbkMeterList *self)
{
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

/* Picks the wanted meters that are in the model, or the first one when
 * none is, and tells the rows. */
static void
sync_picks (FbkMeterList *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) picked = NULL;
  guint n = n_meters (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FbkMeteringPoint) meter = g_list_model_get_item (self->model, i);
      const char *id = fbk_metering_point_get_id (meter);

      if (g_hash_table_contains (self->wanted, id))
        g_strv_builder_add (builder, id);
    }
  picked = g_strv_builder_end (builder);

  if (picked[0] == NULL && n > 0)
    {
      g_autoptr(FbkMeteringPoint) first = g_list_model_get_item (self->model, 0);
      const char *fallback[] = { fbk_metering_point_get_id (first), NULL };

      g_strfreev (picked);
      picked = g_strdupv ((GStrv) fallback);
    }

  self->syncing = TRUE;
  for (guint i = 0; i < n; i++)
    {
      FbkMeterRow *row = FBK_METER_ROW (gtk_list_box_get_row_at_index (self->list_box, i));
      const char *id = fbk_metering_point_get_id (fbk_meter_row_get_meter (row));

      fbk_meter_row_set_picked (row, g_strv_contains ((const char * const *) picked, id));
    }
  self->syncing = FALSE;

  if (g_strv_equal ((const char * const *) picked, (const char * const *) self->picked))
    return;

  g_strfreev (self->picked);
  self->picked = g_steal_pointer (&picked);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICKED_IDS]);
}

static void
want_only (FbkMeterList       *self,
           const char * const *ids)
{
  g_hash_table_remove_all (self->wanted);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_hash_table_add (self->wanted, g_strdup (ids[i]));
}

/* In the window's toast overlay, wherever the list is placed. */
static void
explain_last_pick (FbkMeterList *self)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;

  toast = adw_toast_new (_("One metering point is always shown. Check another one before unchecking this one."));
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* Callbacks */

static void
on_row_picked_cb (FbkMeterList *self,
                  GParamSpec   *pspec,
                  FbkMeterRow  *row)
{
  const char *id = fbk_metering_point_get_id (fbk_meter_row_get_meter (row));
  gboolean picked = fbk_meter_row_get_picked (row);

  if (self->syncing)
    return;

  /* Something must be shown: the last picked meter stays picked, and
   * the person is told why their click did nothing. */
  if (!picked && g_strv_length (self->picked) == 1 && g_str_equal (self->picked[0], id))
    {
      self->syncing = TRUE;
      fbk_meter_row_set_picked (row, TRUE);
      self->syncing = FALSE;
      explain_last_pick (self);
      return;
    }

  /* From now on the user's picks are what is wanted, including a fallback
   * first meter they did not choose but saw checked. */
  want_only (self, (const char * const *) self->picked);
  if (picked)
    g_hash_table_add (self->wanted, g_strdup (id));
  else
    g_hash_table_remove (self->wanted, id);

  sync_picks (self);
}

static void
on_row_renamed_cb (FbkMeterList *self,
                   FbkMeterRow  *row)
{
  g_signal_emit (self, signals[METER_RENAMED], 0, fbk_meter_row_get_meter (row));
}

static void
on_row_activated_cb (FbkMeterList  *self,
                     GtkListBoxRow *row)
{
  FbkMeterRow *meter_row = FBK_METER_ROW (row);

  fbk_meter_row_set_picked (meter_row, !fbk_meter_row_get_picked (meter_row));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  FbkMeterList *self = user_data;
  GtkWidget *row = fbk_meter_row_new (FBK_METERING_POINT (item));

  g_signal_connect_object (row, "notify::picked", G_CALLBACK (on_row_picked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "renamed", G_CALLBACK (on_row_renamed_cb), self, G_CONNECT_SWAPPED);

  return row;
}

static void
on_items_changed_cb (FbkMeterList *self)
{
  /* Connected after the list box's own handler: the rows exist by now. */
  sync_picks (self);
}

/* Overrides */

static void
fbk_meter_list_dispose (GObject *object)
{
  FbkMeterList *self = FBK_METER_LIST (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_METER_LIST);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (fbk_meter_list_parent_class)->dispose (object);
}

static void
fbk_meter_list_finalize (GObject *object)
{
  FbkMeterList *self = FBK_METER_LIST (object);

  g_clear_pointer (&self->wanted, g_hash_table_unref);
  g_clear_pointer (&self->picked, g_strfreev);

  G_OBJECT_CLASS (fbk_meter_list_parent_class)->finalize (object);
}

static void
fbk_meter_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FbkMeterList *self = FBK_METER_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_PICKED_IDS:
      g_value_set_boxed (value, self->picked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_meter_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FbkMeterList *self = FBK_METER_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      fbk_meter_list_set_model (self, g_value_get_object (value));
      break;

    case PROP_PICKED_IDS:
      fbk_meter_list_set_picked_ids (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_meter_list_class_init (FbkMeterListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_meter_list_dispose;
  object_class->finalize = fbk_meter_list_finalize;
  object_class->get_property = fbk_meter_list_get_property;
  object_class->set_property = fbk_meter_list_set_property;

  /* A GListModel of FbkMeteringPoint. */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PICKED_IDS] =
    g_param_spec_boxed ("picked-ids", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[METER_RENAMED] =
    g_signal_new ("meter-renamed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, FBK_TYPE_METERING_POINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-meter-list.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkMeterList, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fbk-meter-list");

  g_type_ensure (FBK_TYPE_METER_ROW);
}

static void
fbk_meter_list_init (FbkMeterList *self)
{
  self->wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->picked = g_new0 (char *, 1);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
fbk_meter_list_new (void)
{
  return g_object_new (FBK_TYPE_METER_LIST, NULL);
}

GListModel *
fbk_meter_list_get_model (FbkMeterList *self)
{
  g_return_val_if_fail (FBK_IS_METER_LIST (self), NULL);

  return self->model;
}

void
fbk_meter_list_set_model (FbkMeterList *self,
                          GListModel   *model)
{
  g_return_if_fail (FBK_IS_METER_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_set_object (&self->model, model);

  gtk_list_box_bind_model (self->list_box, model, create_row_cb, self, NULL);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  sync_picks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * fbk_meter_list_get_picked_ids:
 *
 * Returns: (transfer none): the ids of the picked meters, in model order;
 *   empty only when there are no meters
 */
const char * const *
fbk_meter_list_get_picked_ids (FbkMeterList *self)
{
  g_return_val_if_fail (FBK_IS_METER_LIST (self), NULL);

  return (const char * const *) self->picked;
}

void
fbk_meter_list_set_picked_ids (FbkMeterList       *self,
                               const char * const *ids)
{
  g_return_if_fail (FBK_IS_METER_LIST (self));

  want_only (self, ids);
  sync_picks (self);
}
