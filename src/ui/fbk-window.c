/* fbk-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-a11y.h"
#include "fbk-bench-hook.h"
#include "fbk-main-view.h"
#include "fbk-meter-names-dialog.h"
#include "fbk-token-dialog.h"
#include "fbk-welcome-page.h"
#include "fbk-window.h"

struct _FbkWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *pages;
  GtkWidget            *pending_status;
  GtkMenuButton        *primary_menu_button;
  FbkMainView          *main_view;
  FbkWelcomePage       *welcome_page;
  GMenuModel           *primary_menu;

  /* Borrowed references */
  GtkWidget            *refusal_dialog;

  /* Owned references */
  GSettings            *settings;

  guint                 pending_status_source;
};

/* A normal start looks up the token in a few tens of milliseconds: the
 * pending page says what it waits for only when that takes longer. */
#define PENDING_STATUS_DELAY_MS 1000

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FbkWindow, fbk_window, ADW_TYPE_APPLICATION_WINDOW)

static void
restore_window_state (FbkWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* Saved once on close rather than bound to the properties, so dragging the
 * window edge does not write to dconf on every frame. */
static void
save_window_state (FbkWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_delay (self->settings);
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static gboolean
fbk_window_close_request (GtkWindow *window)
{
  FbkWindow *self = FBK_WINDOW (window);

  if (self->settings != NULL)
    save_window_state (self);

  return GTK_WINDOW_CLASS (fbk_window_parent_class)->close_request (window);
}

static void
on_pending_status_due_cb (gpointer user_data)
{
  FbkWindow *self = user_data;

  self->pending_status_source = 0;
  gtk_widget_set_visible (self->pending_status, TRUE);
}

/* A change the user made (a token accepted or forgotten, the demo started)
 * fades from one page to the other. The page a window opens on appears at
 * once: a fade there would show the welcome page to a user who has a
 * token, and a full-window fade costs every frame of it twice the
 * window's pixels in software rendering, just when the first values are
 * being fetched (BENCHMARKS.md). */
static void
show_page (FbkWindow  *self,
           const char *name)
{
  const char *shown = gtk_stack_get_visible_child_name (self->pages);
  gboolean pending = g_strcmp0 (name, "pending") == 0;
  gboolean fade = g_strcmp0 (shown, "pending") != 0 && !pending;

  if (!pending)
    {
      g_clear_handle_id (&self->pending_status_source, g_source_remove);
      gtk_widget_set_visible (self->pending_status, FALSE);
    }
  else if (self->pending_status_source == 0 && !gtk_widget_get_visible (self->pending_status))
    self->pending_status_source = g_timeout_add_once (PENDING_STATUS_DELAY_MS, on_pending_status_due_cb, self);

  gtk_stack_set_visible_child_full (self->pages, name,
                                    fade ? GTK_STACK_TRANSITION_TYPE_CROSSFADE : GTK_STACK_TRANSITION_TYPE_NONE);
}

/* The welcome page until the session can fetch, the data once it can, and
 * neither while the application is still looking up which it has. */
static void
on_session_changed_cb (FbkWindow      *self,
                       GParamSpec     *pspec,
                       FbkApplication *application)
{
  FbkSession *session = fbk_application_get_session (application);
  gboolean connected = fbk_application_get_connected (application);

  fbk_welcome_page_set_session (self->welcome_page, session);
  fbk_main_view_set_session (self->main_view, connected ? session : NULL);
  if (fbk_application_get_session_pending (application))
    show_page (self, "pending");
  else
    show_page (self, connected ? "main" : "welcome");
}

/* A new token's meters are bare numbers until named: an offer to name
 * them, which the person may skip. */
static void
on_welcome_connected_cb (FbkWindow *self)
{
  FbkApplication *application = FBK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GtkWidget *dialog;

  on_session_changed_cb (self, NULL, application);

  dialog = fbk_meter_names_dialog_new (fbk_session_get_repository (fbk_application_get_session (application)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (fbk_main_view_refresh_names),
                           self->main_view, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_demo_requested_cb (FbkWindow *self)
{
  g_autoptr(GError) error = NULL;
  FbkApplication *application = FBK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (!fbk_application_start_demo (application, &error))
    fbk_window_add_toast (self, adw_toast_new (error->message));
}

static void
on_replacement_connected_cb (FbkWindow *self)
{
  FbkApplication *application = FBK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  /* Same session, new token: fetch again what failed. */
  fbk_main_view_set_session (self->main_view, NULL);
  on_session_changed_cb (self, NULL, application);
}

/* Elvia refused the token during use (deleted on Min side, expired): say
 * so and offer to replace it; what is stored stays on screen. */
static void
on_token_refused_cb (FbkWindow  *self,
                     const char *message)
{
  FbkApplication *application = FBK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GtkWidget *dialog;

  if (fbk_application_get_demo (application) || self->refusal_dialog != NULL)
    return;

  dialog = fbk_token_dialog_new_for_refusal (fbk_application_get_session (application));
  self->refusal_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->refusal_dialog);
  g_signal_connect_object (dialog, "connected", G_CALLBACK (on_replacement_connected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fbk_window_constructed (GObject *object)
{
  FbkWindow *self = FBK_WINDOW (object);

  G_OBJECT_CLASS (fbk_window_parent_class)->constructed (object);

  fbk_main_view_set_primary_menu (self->main_view, self->primary_menu);
  fbk_bench_hook_watch (self->main_view);

  if (self->settings != NULL)
    {
      restore_window_state (self);
      fbk_main_view_set_settings (self->main_view, self->settings);
    }

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
fbk_window_dispose (GObject *object)
{
  FbkWindow *self = FBK_WINDOW (object);

  g_clear_handle_id (&self->pending_status_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fbk_window_parent_class)->dispose (object);
}

static void
fbk_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  FbkWindow *self = FBK_WINDOW (object);

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
fbk_window_class_init (FbkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = fbk_window_constructed;
  object_class->dispose = fbk_window_dispose;
  object_class->set_property = fbk_window_set_property;
  window_class->close_request = fbk_window_close_request;

  /* Where the window keeps its size; none (as in tests of the bare
   * template) means it remembers nothing. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FbkWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, FbkWindow, pending_status);
  gtk_widget_class_bind_template_child (widget_class, FbkWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, FbkWindow, main_view);
  gtk_widget_class_bind_template_child (widget_class, FbkWindow, welcome_page);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_connected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_token_refused_cb);
  gtk_widget_class_bind_template_child (widget_class, FbkWindow, primary_menu);

  g_type_ensure (FBK_TYPE_MAIN_VIEW);
  g_type_ensure (FBK_TYPE_WELCOME_PAGE);
}

static void
fbk_window_init (FbkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fbk_a11y_set_menu_button (self->primary_menu_button, _("Main Menu"));
}

FbkWindow *
fbk_window_new (FbkApplication *application)
{
  FbkWindow *self = g_object_new (FBK_TYPE_WINDOW,
                                  "application", application,
                                  "settings", fbk_application_get_settings (application),
                                  NULL);

  g_signal_connect_object (application, "notify::connected",
                           G_CALLBACK (on_session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::session",
                           G_CALLBACK (on_session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::session-pending",
                           G_CALLBACK (on_session_changed_cb), self, G_CONNECT_SWAPPED);
  on_session_changed_cb (self, NULL, application);

  return self;
}

void
fbk_window_add_toast (FbkWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (FBK_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
