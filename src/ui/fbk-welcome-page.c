/* fbk-welcome-page.c: what the token is, how to get one, and where to paste it
 *
 * Shown while no token is stored. The window listens to "connected" (the
 * token works, is kept, and the repository's client uses it) and to
 * "demo-requested".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-token-form.h"
#include "fbk-welcome-page.h"

struct _FbkWelcomePage
{
  AdwBin        parent_instance;

  /* Template widgets */
  FbkTokenForm *form;
};

G_DEFINE_FINAL_TYPE (FbkWelcomePage, fbk_welcome_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_TOKEN_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CONNECTED,
  DEMO_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_form_connected_cb (FbkWelcomePage *self)
{
  g_signal_emit (self, signals[CONNECTED], 0);
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[DEMO_REQUESTED], 0);
}

static void
fbk_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FBK_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (fbk_welcome_page_parent_class)->dispose (object);
}

static void
fbk_welcome_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FbkWelcomePage *self = FBK_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, fbk_welcome_page_get_repository (self));
      break;

    case PROP_TOKEN_STORE:
      g_value_set_object (value, fbk_welcome_page_get_token_store (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_welcome_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FbkWelcomePage *self = FBK_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      fbk_welcome_page_set_repository (self, g_value_get_object (value));
      break;

    case PROP_TOKEN_STORE:
      fbk_welcome_page_set_token_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_welcome_page_class_init (FbkWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_welcome_page_dispose;
  object_class->get_property = fbk_welcome_page_get_property;
  object_class->set_property = fbk_welcome_page_set_property;

  /* See FbkTokenForm:repository. */
  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL,
                         FBK_TYPE_REPOSITORY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOKEN_STORE] =
    g_param_spec_object ("token-store", NULL, NULL,
                         FBK_TYPE_TOKEN_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FbkWelcomePage::connected:
   *
   * The pasted token works and is kept, the repository's client uses it and
   * its meters model lists what the token covers: time for the main view.
   */
  signals[CONNECTED] =
    g_signal_new ("connected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * FbkWelcomePage::demo-requested:
   *
   * The person wants to look around with the demo household first.
   */
  signals[DEMO_REQUESTED] =
    g_signal_new ("demo-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkWelcomePage, form);
  gtk_widget_class_bind_template_callback (widget_class, on_form_connected_cb);

  gtk_widget_class_install_action (widget_class, "welcome.demo", NULL, demo_action);

  g_type_ensure (FBK_TYPE_TOKEN_FORM);
}

static void
fbk_welcome_page_init (FbkWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fbk_welcome_page_new (FbkRepository *repository,
                      FbkTokenStore *token_store)
{
  return g_object_new (FBK_TYPE_WELCOME_PAGE,
                       "repository", repository,
                       "token-store", token_store,
                       NULL);
}

FbkRepository *
fbk_welcome_page_get_repository (FbkWelcomePage *self)
{
  g_return_val_if_fail (FBK_IS_WELCOME_PAGE (self), NULL);

  return fbk_token_form_get_repository (self->form);
}

void
fbk_welcome_page_set_repository (FbkWelcomePage *self,
                                 FbkRepository  *repository)
{
  g_return_if_fail (FBK_IS_WELCOME_PAGE (self));

  if (fbk_token_form_get_repository (self->form) == repository)
    return;

  fbk_token_form_set_repository (self->form, repository);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

FbkTokenStore *
fbk_welcome_page_get_token_store (FbkWelcomePage *self)
{
  g_return_val_if_fail (FBK_IS_WELCOME_PAGE (self), NULL);

  return fbk_token_form_get_token_store (self->form);
}

void
fbk_welcome_page_set_token_store (FbkWelcomePage *self,
                                  FbkTokenStore  *token_store)
{
  g_return_if_fail (FBK_IS_WELCOME_PAGE (self));

  if (fbk_token_form_get_token_store (self->form) == token_store)
    return;

  fbk_token_form_set_token_store (self->form, token_store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_STORE]);
}
