/* fbk-compare-chooser.c: "Compare with: None / Previous period / Same
 * period last year", for any page that compares
 *
 * The choice only: a page that shows it works out the earlier period
 * (fbk_compare_get_shift()), loads it and hands it to the chart
 * (FbkChartBuildOptions.compare), so the Consumption and the Cost page
 * compare alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-compare-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-a11y.h"
#include "fbk-compare-chooser.h"

struct _FbkCompareChooser
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkWidget   *box;  /* the root, bound so that disposing the template unparents it */
  GtkDropDown *drop_down;
};

G_DEFINE_FINAL_TYPE (FbkCompareChooser, fbk_compare_chooser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPARE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The drop-down lists the choices in the order of FbkCompare. */
static const FbkCompare choices[] = { FBK_COMPARE_NONE, FBK_COMPARE_PREVIOUS, FBK_COMPARE_LAST_YEAR };

/* GTK 4.8 names the drop-down's button after its type: say what it picks
 * and what is picked. */
static void
name_drop_down (FbkCompareChooser *self)
{
  /* Translators: the drop-down's name for screen readers, "Compare with: Previous Period" */
  g_autofree char *name = g_strdup_printf (_("Compare with: %s"),
                                           fbk_compare_get_label (fbk_compare_chooser_get_compare (self)));

  fbk_a11y_name_controls (GTK_WIDGET (self->drop_down), name);
}

static void
on_selected_changed_cb (FbkCompareChooser *self)
{
  name_drop_down (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE]);
}

static void
fbk_compare_chooser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FBK_TYPE_COMPARE_CHOOSER);

  G_OBJECT_CLASS (fbk_compare_chooser_parent_class)->dispose (object);
}

static void
fbk_compare_chooser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FbkCompareChooser *self = FBK_COMPARE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_COMPARE:
      g_value_set_enum (value, fbk_compare_chooser_get_compare (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_compare_chooser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FbkCompareChooser *self = FBK_COMPARE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_COMPARE:
      fbk_compare_chooser_set_compare (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_compare_chooser_class_init (FbkCompareChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_compare_chooser_dispose;
  object_class->get_property = fbk_compare_chooser_get_property;
  object_class->set_property = fbk_compare_chooser_set_property;

  /**
   * FbkCompareChooser:compare:
   *
   * What the user compares the period with.
   */
  properties[PROP_COMPARE] =
    g_param_spec_enum ("compare", NULL, NULL,
                       FBK_TYPE_COMPARE, FBK_COMPARE_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-compare-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkCompareChooser, box);
  gtk_widget_class_bind_template_child (widget_class, FbkCompareChooser, drop_down);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed_cb);
}

static void
fbk_compare_chooser_init (FbkCompareChooser *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    gtk_string_list_append (labels, fbk_compare_get_label (choices[i]));
  g_signal_handlers_block_by_func (self->drop_down, on_selected_changed_cb, self);
  gtk_drop_down_set_model (self->drop_down, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->drop_down, 0);
  g_signal_handlers_unblock_by_func (self->drop_down, on_selected_changed_cb, self);
  fbk_a11y_drop_down_one_stop (self->drop_down);
  name_drop_down (self);
}

FbkCompare
fbk_compare_chooser_get_compare (FbkCompareChooser *self)
{
  guint selected;

  g_return_val_if_fail (FBK_IS_COMPARE_CHOOSER (self), FBK_COMPARE_NONE);

  selected = gtk_drop_down_get_selected (self->drop_down);
  return selected < G_N_ELEMENTS (choices) ? choices[selected] : FBK_COMPARE_NONE;
}

void
fbk_compare_chooser_set_compare (FbkCompareChooser *self,
                                 FbkCompare         compare)
{
  g_return_if_fail (FBK_IS_COMPARE_CHOOSER (self));

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      if (choices[i] == compare)
        gtk_drop_down_set_selected (self->drop_down, i);
    }
}
