/* fbk-welcome-page.c: what the token is, how to get one, and where to paste it
 *
 * Shown while no token is stored. The window listens to "connected" (the
 * token works, is kept, and the session uses it) and to "demo-requested".
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
fbk_welcome_page_class_init (FbkWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_welcome_page_dispose;

  /**
   * FbkWelcomePage::connected:
   *
   * The pasted token works and is kept, the session uses it and its
   * repository lists what the token covers: time for the main view.
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

/**
 * fbk_welcome_page_new:
 * @session: (nullable): the session that uses the token once Elvia has
 *   accepted it and it is kept; it can also be given later, before the
 *   person presses Connect
 */
GtkWidget *
fbk_welcome_page_new (FbkSession *session)
{
  FbkWelcomePage *self = g_object_new (FBK_TYPE_WELCOME_PAGE, NULL);

  fbk_welcome_page_set_session (self, session);
  return GTK_WIDGET (self);
}

FbkSession *
fbk_welcome_page_get_session (FbkWelcomePage *self)
{
  g_return_val_if_fail (FBK_IS_WELCOME_PAGE (self), NULL);

  return fbk_token_form_get_session (self->form);
}

void
fbk_welcome_page_set_session (FbkWelcomePage *self,
                              FbkSession     *session)
{
  g_return_if_fail (FBK_IS_WELCOME_PAGE (self));

  fbk_token_form_set_session (self->form, session);
}
