/* fbk-meter-row.c: one metering point in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-meter-row"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-a11y.h"
#include "fbk-meter-row.h"

struct _FbkMeterRow
{
  GtkListBoxRow     parent_instance;

  FbkMeteringPoint *meter;
  guint             picked : 1;
  guint             syncing : 1;

  GtkCheckButton   *check_button;
  GtkLabel         *name_label;
  GtkLabel         *id_label;
  GtkWidget        *badge_box;
  GtkWidget        *production_badge;
  GtkWidget        *unverified_badge;
  GtkMenuButton    *rename_button;
  GtkPopover       *rename_popover;
  GtkEntry         *name_entry;
};

G_DEFINE_FINAL_TYPE (FbkMeterRow, fbk_meter_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_METER,
  PROP_PICKED,
  N_PROPS
};

enum {
  RENAMED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

/* The meter's name for each control of the row: the check button says
 * the badge a sighted user sees beside the name; the rename button which
 * meter it renames, as three alike buttons otherwise would not. */
static void
name_controls (FbkMeterRow *self,
               const char  *display_name,
               gboolean     produces)
{
  g_autofree char *name = produces
    /* Translators: a meter's name and the badge beside it, "Cabin, Production" */
    ? g_strdup_printf (_("%s, Production"), display_name)
    : g_strdup (display_name);
  /* Translators: a button's name for screen readers, "Rename Cabin" */
  g_autofree char *rename = g_strdup_printf (_("Rename %s"), display_name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check_button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  fbk_a11y_set_menu_button (self->rename_button, rename);
}

static void
sync_meter (FbkMeterRow *self)
{
  g_autofree char *display_name = NULL;
  g_autofree char *spoken_name = NULL;
  g_autofree char *grouped_id = NULL;
  gboolean produces, always_unverified;

  if (self->meter == NULL)
    return;

  /* Without a name of the user's, a title that tells the household's
   * meters apart; the whole id is under it either way. */
  if (fbk_metering_point_get_name (self->meter) != NULL)
    display_name = fbk_metering_point_dup_display_name (self->meter);
  else
    display_name = fbk_metering_point_dup_default_name (fbk_metering_point_get_id (self->meter));
  grouped_id = fbk_metering_point_id_format (fbk_metering_point_get_id (self->meter));
  produces = fbk_metering_point_get_produces (self->meter);
  always_unverified = fbk_metering_point_get_always_unverified (self->meter);

  gtk_label_set_label (self->name_label, display_name);
  gtk_label_set_label (self->id_label, grouped_id);
  gtk_widget_set_visible (self->production_badge, produces);
  /* A screen reader reads the whole id, not "…": it is what the charts'
   * titles and exports call an unnamed meter. */
  spoken_name = fbk_metering_point_dup_display_name (self->meter);
  name_controls (self, spoken_name, produces);
  gtk_widget_set_visible (self->unverified_badge, always_unverified);
  gtk_widget_set_visible (self->badge_box, produces || always_unverified);
}

/* Callbacks */

/* GTK 4.8 moves among check buttons with the arrows as among radio
 * buttons, activating the one it lands on: a check button in no group
 * lands on itself and toggles. Right goes on to the Rename button, as
 * Tab does; Left has nowhere to go in the row. */
static gboolean
on_check_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         FbkMeterRow           *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      gtk_widget_grab_focus (GTK_WIDGET (self->rename_button));
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_meter_notify_cb (FbkMeterRow *self)
{
  sync_meter (self);
}

static void
on_check_toggled_cb (FbkMeterRow *self)
{
  if (self->syncing)
    return;

  fbk_meter_row_set_picked (self, gtk_check_button_get_active (self->check_button));
}

static void
on_rename_popover_show_cb (FbkMeterRow *self)
{
  const char *name;
  g_autofree char *grouped_id = NULL;

  if (self->meter == NULL)
    return;

  name = fbk_metering_point_get_name (self->meter);
  grouped_id = fbk_metering_point_id_format (fbk_metering_point_get_id (self->meter));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
  gtk_entry_set_placeholder_text (self->name_entry, grouped_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FbkMeterRow *self = FBK_METER_ROW (widget);
  g_autofree char *old_name = NULL;

  if (self->meter == NULL)
    return;

  old_name = g_strdup (fbk_metering_point_get_name (self->meter));
  fbk_metering_point_set_name (self->meter, gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  gtk_popover_popdown (self->rename_popover);

  if (g_strcmp0 (old_name, fbk_metering_point_get_name (self->meter)) != 0)
    g_signal_emit (self, signals[RENAMED], 0);
}

static void
on_name_entry_activate_cb (FbkMeterRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "row.rename", NULL);
}

/* Overrides */

static void
fbk_meter_row_constructed (GObject *object)
{
  FbkMeterRow *self = FBK_METER_ROW (object);

  G_OBJECT_CLASS (fbk_meter_row_parent_class)->constructed (object);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.rename", self->meter != NULL);
  if (self->meter == NULL)
    return;

  g_signal_connect_object (self->meter, "notify", G_CALLBACK (on_meter_notify_cb), self, G_CONNECT_SWAPPED);
  sync_meter (self);
}

static void
fbk_meter_row_dispose (GObject *object)
{
  FbkMeterRow *self = FBK_METER_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_METER_ROW);
  g_clear_object (&self->meter);

  G_OBJECT_CLASS (fbk_meter_row_parent_class)->dispose (object);
}

static void
fbk_meter_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FbkMeterRow *self = FBK_METER_ROW (object);

  switch (prop_id)
    {
    case PROP_METER:
      g_value_set_object (value, self->meter);
      break;

    case PROP_PICKED:
      g_value_set_boolean (value, self->picked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_meter_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FbkMeterRow *self = FBK_METER_ROW (object);

  switch (prop_id)
    {
    case PROP_METER:
      self->meter = g_value_dup_object (value);
      break;

    case PROP_PICKED:
      fbk_meter_row_set_picked (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_meter_row_class_init (FbkMeterRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fbk_meter_row_constructed;
  object_class->dispose = fbk_meter_row_dispose;
  object_class->get_property = fbk_meter_row_get_property;
  object_class->set_property = fbk_meter_row_set_property;

  properties[PROP_METER] =
    g_param_spec_object ("meter", NULL, NULL,
                         FBK_TYPE_METERING_POINT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Whether the check button is on; the list decides what that means. */
  properties[PROP_PICKED] =
    g_param_spec_boolean ("picked", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after the user gave the meter another name. */
  signals[RENAMED] =
    g_signal_new ("renamed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-meter-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkMeterRow, check_button);
  gtk_widget_class_bind_template_child (widget_class, FbkMeterRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, FbkMeterRow, id_label);
  gtk_widget_class_bind_template_child (widget_class, FbkMeterRow, badge_box);
  gtk_widget_class_bind_template_child (widget_class, FbkMeterRow, production_badge);
  gtk_widget_class_bind_template_child (widget_class, FbkMeterRow, unverified_badge);
  gtk_widget_class_bind_template_child (widget_class, FbkMeterRow, rename_button);
  gtk_widget_class_bind_template_child (widget_class, FbkMeterRow, rename_popover);
  gtk_widget_class_bind_template_child (widget_class, FbkMeterRow, name_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rename_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_check_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_entry_activate_cb);

  gtk_widget_class_install_action (widget_class, "row.rename", NULL, rename_action);
}

static void
fbk_meter_row_init (FbkMeterRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
fbk_meter_row_new (FbkMeteringPoint *meter)
{
  g_return_val_if_fail (FBK_IS_METERING_POINT (meter), NULL);

  return g_object_new (FBK_TYPE_METER_ROW, "meter", meter, NULL);
}

FbkMeteringPoint *
fbk_meter_row_get_meter (FbkMeterRow *self)
{
  g_return_val_if_fail (FBK_IS_METER_ROW (self), NULL);

  return self->meter;
}

gboolean
fbk_meter_row_get_picked (FbkMeterRow *self)
{
  g_return_val_if_fail (FBK_IS_METER_ROW (self), FALSE);

  return self->picked;
}

void
fbk_meter_row_set_picked (FbkMeterRow *self,
                          gboolean     picked)
{
  g_return_if_fail (FBK_IS_METER_ROW (self));

  picked = !!picked;

  self->syncing = TRUE;
  gtk_check_button_set_active (self->check_button, picked);
  self->syncing = FALSE;

  if (self->picked == picked)
    return;

  self->picked = picked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICKED]);
}
