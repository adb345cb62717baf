/* fbk-capacity-preferences-group.c: how near the next capacity step to
 * warn, and whether to keep watching with the window closed
 *
 * Both are settings the watch reads (fbk-capacity-watch.c), bound here
 * both ways: turning "Run in Background" off is also how a person stops a
 * watch they no longer want, as the notification's button does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-capacity-preferences-group"

#include "config.h"

#include "fbk-capacity-preferences-group.h"

struct _FbkCapacityPreferencesGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkSpinButton       *margin_button;
  GtkSwitch           *background_switch;
};

G_DEFINE_FINAL_TYPE (FbkCapacityPreferencesGroup, fbk_capacity_preferences_group, ADW_TYPE_PREFERENCES_GROUP)

static void
fbk_capacity_preferences_group_class_init (FbkCapacityPreferencesGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-capacity-preferences-group.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkCapacityPreferencesGroup, margin_button);
  gtk_widget_class_bind_template_child (widget_class, FbkCapacityPreferencesGroup, background_switch);
}

static void
fbk_capacity_preferences_group_init (FbkCapacityPreferencesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
fbk_capacity_preferences_group_set_settings (FbkCapacityPreferencesGroup *self,
                                             GSettings                   *settings)
{
  g_return_if_fail (FBK_IS_CAPACITY_PREFERENCES_GROUP (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind (settings, "capacity-margin", self->margin_button, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
}
