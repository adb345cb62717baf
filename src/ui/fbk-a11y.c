/* fbk-a11y.c: what GTK 4.8 and libadwaita 1.2 leave out for screen
 * readers and keyboards, put back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-a11y"

#include "config.h"

#include "fbk-a11y.h"

/* GTK 4.8 names a button with a mnemonic twice, after its label as
 * written and after the label widget showing it: Orca says "_Apply
 * Apply". The label widget alone names it right, so the property goes
 * whenever the label or its underline changes. */
static void
forget_mnemonic_label (GtkButton *button)
{
  if (gtk_button_get_use_underline (button))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* An icon button is labelled by its image, which GTK 4.8 names
 * "GtkImage" after its type: "Previous Period GtkImage". Its own label
 * (from the .ui) is the name. A menu button's toggle is labelled by the
 * menu button instead, and keeps that. */
static void
forget_image_label (GtkButton *button)
{
  if (gtk_button_get_icon_name (button) != NULL &&
      !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (GTK_WIDGET (button))))
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* "notify" takes no emission hooks, so each button is mended as it first
 * shows, and from then on as its label changes. */
static gboolean
on_widget_map_cb (GSignalInvocationHint *hint,
                  guint                  n_params,
                  const GValue          *params,
                  gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);

  if (!GTK_IS_BUTTON (object))
    return TRUE;

  forget_mnemonic_label (GTK_BUTTON (object));
  forget_image_label (GTK_BUTTON (object));
  if (g_signal_handler_find (object, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, forget_mnemonic_label, NULL) == 0)
    {
      g_signal_connect (object, "notify::label", G_CALLBACK (forget_mnemonic_label), NULL);
      g_signal_connect (object, "notify::use-underline", G_CALLBACK (forget_mnemonic_label), NULL);
      g_signal_connect (object, "notify::icon-name", G_CALLBACK (forget_image_label), NULL);
    }
  return TRUE;
}

/**
 * fbk_a11y_init:
 *
 * Once, before the first window: mends every button shown from then on.
 */
void
fbk_a11y_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Signals exist once their class is made. */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, on_widget_map_cb, NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

/* A tooltip stays on top of the popover its button opened, over what the
 * user now reads: none while the popover is open (the inner toggle
 * button is active while it is; GTK 4.8's menu button has no such
 * property of its own). */
static void
on_menu_toggle_active_cb (GtkToggleButton *toggle,
                          GParamSpec      *pspec,
                          GtkWidget       *button)
{
  gtk_widget_set_has_tooltip (button, !gtk_toggle_button_get_active (toggle) &&
                                      gtk_widget_get_tooltip_text (button) != NULL);
  gtk_widget_trigger_tooltip_query (button);
}

/**
 * fbk_a11y_set_menu_button:
 * @name: what the button does, as its tooltip says it
 *
 * Names @button, and so the inner toggle button where the keyboard's
 * focus lands (GTK 4.8 names it after its type otherwise), and hides its
 * tooltip while its popover is open.
 */
void
fbk_a11y_set_menu_button (GtkMenuButton *button,
                          const char    *name)
{
  GtkWidget *toggle;

  g_return_if_fail (GTK_IS_MENU_BUTTON (button));

  /* Its toggle button is labelled by it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  toggle = gtk_widget_get_first_child (GTK_WIDGET (button));
  if (GTK_IS_TOGGLE_BUTTON (toggle) &&
      g_signal_handler_find (toggle, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_menu_toggle_active_cb, NULL) == 0)
    g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_menu_toggle_active_cb), button, 0);
}

/**
 * fbk_a11y_name_controls:
 *
 * Gives @name to @widget and to the widgets right inside it that the
 * keyboard reaches, which composite GTK widgets (a drop-down's button, a
 * column view's header and list) leave unnamed.
 */
void
fbk_a11y_name_controls (GtkWidget  *widget,
                             const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_focusable (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/**
 * fbk_a11y_drop_down_one_stop:
 *
 * GTK 4.8's drop-down shows its choice in a list item that it makes a Tab
 * stop of its own, inside the button, with no name: the button alone
 * stays a stop.
 */
void
fbk_a11y_drop_down_one_stop (GtkDropDown *drop_down)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down)); child != NULL;
       child = gtk_widget_get_first_child (child))
    for (GtkWidget *item = child; item != NULL; item = gtk_widget_get_next_sibling (item))
      if (!GTK_IS_TOGGLE_BUTTON (item) && gtk_widget_get_focusable (item))
        gtk_widget_set_focusable (item, FALSE);
}
