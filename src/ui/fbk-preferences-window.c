/* fbk-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-contract-preferences-group.h"
#include "fbk-metering-point.h"
#include "fbk-preferences-window.h"
#include "fbk-store-preferences-group.h"

#include "fbk-token-preferences-group.h"

struct _FbkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *style_row;
  FbkStorePreferencesGroup *store_group;
  AdwPreferencesPage   *contracts_page;

  FbkTokenPreferencesGroup *token_group;

  /* Owned references */
  GSettings            *settings;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FbkPreferencesWindow, fbk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The style row lists its choices in the order of the schema's choices. */
static const char * const color_schemes[] = { "default", "light", "dark" };

static gboolean
color_scheme_to_selected (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_strcmp0 (scheme, color_schemes[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
selected_to_color_scheme (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_schemes))
    return NULL;

  return g_variant_new_string (color_schemes[selected]);
}

static void
fbk_preferences_window_constructed (GObject *object)
{
  FbkPreferencesWindow *self = FBK_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (fbk_preferences_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    g_settings_bind_with_mapping (self->settings, "color-scheme",
                                  self->style_row, "selected",
                                  G_SETTINGS_BIND_DEFAULT,
                                  color_scheme_to_selected,
                                  selected_to_color_scheme,
                                  NULL, NULL);
}

static void
fbk_preferences_window_dispose (GObject *object)
{
  FbkPreferencesWindow *self = FBK_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fbk_preferences_window_parent_class)->dispose (object);
}

static void
fbk_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  FbkPreferencesWindow *self = FBK_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_preferences_window_class_init (FbkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fbk_preferences_window_constructed;
  object_class->dispose = fbk_preferences_window_dispose;
  object_class->set_property = fbk_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, FbkPreferencesWindow, store_group);
  gtk_widget_class_bind_template_child (widget_class, FbkPreferencesWindow, contracts_page);

  g_type_ensure (FBK_TYPE_STORE_PREFERENCES_GROUP);

  gtk_widget_class_bind_template_child (widget_class, FbkPreferencesWindow, token_group);

  g_type_ensure (FBK_TYPE_TOKEN_PREFERENCES_GROUP);
}

static void
fbk_preferences_window_init (FbkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FbkPreferencesWindow *
fbk_preferences_window_new (GSettings *settings)
{
  return g_object_new (FBK_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

/**
 * fbk_preferences_window_set_store:
 * @store: (nullable): the offline store whose contents to show
 */
void
fbk_preferences_window_set_store (FbkPreferencesWindow *self,
                                  FbkStore             *store)
{
  g_return_if_fail (FBK_IS_PREFERENCES_WINDOW (self));

  fbk_store_preferences_group_set_store (self->store_group, store);
}

/**
 * fbk_preferences_window_get_token_group:
 *
 * Returns: (transfer none): the access token group, for the caller to give
 *   it the session and to listen to its signals
 */
FbkTokenPreferencesGroup *
fbk_preferences_window_get_token_group (FbkPreferencesWindow *self)
{
  g_return_val_if_fail (FBK_IS_PREFERENCES_WINDOW (self), NULL);

  return self->token_group;
}

/**
 * fbk_preferences_window_set_meters:
 * @meters: FbkMeteringPoint, the meters whose contracts to show
 *
 * Adds a group per meter to the Contracts page; call once.
 */
void
fbk_preferences_window_set_meters (FbkPreferencesWindow *self,
                                   GListModel           *meters)
{
  g_return_if_fail (FBK_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_LIST_MODEL (meters));

  for (guint i = 0; i < g_list_model_get_n_items (meters); i++)
    {
      g_autoptr(FbkMeteringPoint) meter = g_list_model_get_item (meters, i);
      g_autofree char *name = fbk_metering_point_dup_display_name (meter);

      adw_preferences_page_add (self->contracts_page,
                                ADW_PREFERENCES_GROUP (fbk_contract_preferences_group_new (fbk_metering_point_get_id (meter),
                                                                                          name)));
    }
}
