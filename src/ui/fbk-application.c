/* fbk-application.c: the application object, its actions and windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-application"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-application.h"
#include "fbk-demo-server-thread.h"
#include "fbk-preferences-window.h"
#include "fbk-store.h"
#include "fbk-window.h"

/* The application owns the session: where data comes from (Elvia with the
 * user's token and the offline store, or the embedded demo server). Windows
 * show the welcome page while it has no token and the data once it has;
 * while the application is still finding out which it has (opening the
 * store, looking up the stored token), they show neither. */
struct _FbkApplication
{
  AdwApplication       parent_instance;

  GSettings           *settings;
  FbkSession          *session;
  FbkDemoServerThread *demo_server;  /* serves from a thread of its own */
  FbkInstant           demo_now;     /* its pinned clock, or FBK_INSTANT_INVALID */
  FbkStore            *store;        /* opened once, shared by every session */
  guint                demo : 1;     /* --demo on the command line */
  guint                session_pending : 1;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CONNECTED,
  PROP_SESSION_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FbkApplication, fbk_application, ADW_TYPE_APPLICATION)

static void
on_session_token_changed_cb (FbkApplication *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static void
set_session (FbkApplication *self,
             FbkSession     *session)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_token_changed_cb, self);

  if (g_set_object (&self->session, session))
    {
      /* The token arrives from the welcome page or Preferences, or goes. */
      if (session != NULL)
        g_signal_connect_object (session, "notify::has-token",
                                 G_CALLBACK (on_session_token_changed_cb), self, G_CONNECT_SWAPPED);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
    }
}

static void
set_session_pending (FbkApplication *self,
                     gboolean        pending)
{
  if (self->session_pending == !!pending)
    return;

  self->session_pending = !!pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_PENDING]);
}

static void
apply_color_scheme (FbkApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (style_manager, color_scheme);
}

static void
on_color_scheme_changed_cb (FbkApplication *self)
{
  apply_color_scheme (self);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  FbkApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Forbruk developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Forbruk"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Forbruk developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about,
                                 _("See and understand your household's electricity use, "
                                   "with data from Elvia's MeterValueApi."));
  adw_about_window_set_website (about, "https://github.com/forbruk/forbruk");
  adw_about_window_set_issue_url (about, "https://github.com/forbruk/forbruk/issues");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, "© 2026 The Forbruk developers");
  /* Translators: put your names here, one per line, as "Name <email>" or "Name https://site". */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_data_deleted_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!fbk_store_delete_finish (FBK_STORE (object), result, &error))
    g_warning ("Could not delete the stored data: %s", error->message);
}

/* The token is gone from the keyring and from the session, and the
 * windows with it back to the welcome page. Stored data goes too if the
 * user asked. */
static void
on_token_forgotten_cb (FbkApplication *self,
                       gboolean        delete_data)
{
  if (delete_data && self->store != NULL)
    fbk_store_delete_async (self->store, NULL, NULL, on_data_deleted_cb, NULL);
}

/* The store is opened first (at once when it already is), so the window
 * shows complete from its first frame and nothing refers to it later. */
static void
on_preferences_store_opened_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  FbkApplication *self = FBK_APPLICATION (object);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  FbkPreferencesWindow *preferences;

  store = fbk_application_open_store_finish (self, result, &error);
  if (store == NULL)
    g_warning ("Could not open the offline store: %s", error->message);

  preferences = fbk_preferences_window_new (self->settings);
  fbk_preferences_window_set_store (preferences, store);
  if (self->session != NULL)
    fbk_preferences_window_set_meters (preferences,
                                       fbk_repository_get_meters (fbk_session_get_repository (self->session)));
  if (!fbk_application_get_demo (self))
    {
      FbkTokenPreferencesGroup *token_group = fbk_preferences_window_get_token_group (preferences);

      g_object_set (token_group, "session", self->session, NULL);
      g_signal_connect_object (token_group, "forgotten", G_CALLBACK (on_token_forgotten_cb),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  fbk_application_open_store_async (FBK_APPLICATION (user_data), NULL, on_preferences_store_opened_cb, NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  FbkApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close windows rather than quit outright so each saves its state. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "quit", .activate = quit_action },
};

static int
fbk_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  FbkApplication *self = FBK_APPLICATION (application);

  self->demo = g_variant_dict_contains (options, "demo");

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("forbruk %s (GTK %u.%u.%u, libadwaita %u.%u.%u)\n", PACKAGE_VERSION,
               gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
               adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version ());
      return 0;
    }

  return G_APPLICATION_CLASS (fbk_application_parent_class)->handle_local_options (application, options);
}

static void
fbk_application_startup (GApplication *application)
{
  FbkApplication *self = FBK_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (fbk_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);

  self->settings = g_settings_new (SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
on_stored_token_restored_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(FbkApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fbk_session_restore_token_finish (FBK_SESSION (object), result, &error) && error != NULL)
    /* The welcome page says what is wrong when the user tries to save. */
    g_debug ("No stored token available: %s", error->message);

  set_session_pending (self, FALSE);
}

static void
on_elvia_store_opened_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(FbkApplication) self = user_data;
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(FbkSession) session = NULL;
  g_autoptr(GError) error = NULL;

  store = fbk_application_open_store_finish (self, result, &error);
  /* Without a store Forbruk still works, it just fetches everything. */
  if (store == NULL)
    g_warning ("Could not open the offline store: %s", error->message);

  /* The user chose the demo meanwhile. */
  if (self->session != NULL)
    return;

  session = fbk_session_new (FBK_SESSION_ELVIA, g_getenv ("FORBRUK_API_URL"), g_getenv ("FORBRUK_PRICES_URL"),
                             store, &error);
  if (session == NULL)
    {
      g_warning ("%s", error->message);
      set_session_pending (self, FALSE);
      return;
    }

  set_session (self, session);
  fbk_session_restore_token_async (session, NULL, on_stored_token_restored_cb, g_object_ref (self));
}

/* Settles the session, or starts finding it, before the first window
 * opens: the window then opens on the page the session shows. */
static void
start_session (FbkApplication *self)
{
  if (self->demo)
    {
      g_autoptr(GError) error = NULL;

      if (!fbk_application_start_demo (self, &error))
        g_warning ("Could not start the demo: %s", error->message);
      return;
    }

  /* A session with Elvia and the offline store; it is connected once the
   * stored token is found or the welcome page has checked a new one. */
  set_session_pending (self, TRUE);
  fbk_application_open_store_async (self, NULL, on_elvia_store_opened_cb, g_object_ref (self));
}

static void
fbk_application_activate (GApplication *application)
{
  FbkApplication *self = FBK_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL && self->session == NULL && !self->session_pending)
    start_session (self);

  if (window == NULL)
    window = GTK_WINDOW (fbk_window_new (self));
  gtk_window_present (window);
}

static void
fbk_application_dispose (GObject *object)
{
  FbkApplication *self = FBK_APPLICATION (object);

  g_clear_object (&self->settings);
  set_session (self, NULL);
  g_clear_object (&self->store);
  g_clear_object (&self->demo_server);

  G_OBJECT_CLASS (fbk_application_parent_class)->dispose (object);
}

static void
fbk_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FbkApplication *self = FBK_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CONNECTED:
      g_value_set_boolean (value, fbk_application_get_connected (self));
      break;

    case PROP_SESSION_PENDING:
      g_value_set_boolean (value, self->session_pending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_application_class_init (FbkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = fbk_application_dispose;
  object_class->get_property = fbk_application_get_property;

  /* Where the data comes from: Elvia (with the offline store) or the demo. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         FBK_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Still finding out which session there is: opening the store and
   * looking up the stored token. */
  properties[PROP_SESSION_PENDING] =
    g_param_spec_boolean ("session-pending", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->handle_local_options = fbk_application_handle_local_options;
  app_class->startup = fbk_application_startup;
  app_class->activate = fbk_application_activate;
}

static void
fbk_application_init (FbkApplication *self)
{
  static const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show a demo household's data, made up on this computer, without a token"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

FbkApplication *
fbk_application_new (void)
{
  return g_object_new (FBK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

GSettings *
fbk_application_get_settings (FbkApplication *self)
{
  g_return_val_if_fail (FBK_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * fbk_application_get_session:
 *
 * Returns: (transfer none) (nullable): where the data comes from, or %NULL
 *   while the application is still opening the store
 */
FbkSession *
fbk_application_get_session (FbkApplication *self)
{
  g_return_val_if_fail (FBK_IS_APPLICATION (self), NULL);

  return self->session;
}

gboolean
fbk_application_get_demo (FbkApplication *self)
{
  g_return_val_if_fail (FBK_IS_APPLICATION (self), FALSE);

  return self->session != NULL && fbk_session_is_demo (self->session);
}

/**
 * fbk_application_start_demo:
 *
 * Starts the embedded demo server on a loopback port, in a thread of its
 * own so that answering never holds up the window, and makes it the
 * session. Its made-up data is never mixed into the user's store.
 * FORBRUK_DEMO_NOW pins its clock (see fbk_demo_server_new_from_environment()).
 */
gboolean
fbk_application_start_demo (FbkApplication  *self,
                            GError         **error)
{
  g_autoptr(FbkSession) session = NULL;

  g_return_val_if_fail (FBK_IS_APPLICATION (self), FALSE);

  if (self->demo_server == NULL)
    {
      FbkDemoServer *server = fbk_demo_server_new_from_environment (FBK_DEMO_DEFAULT_SEED, error);
      g_autoptr(FbkDemoServerThread) thread = NULL;
      FbkInstant now;

      if (server == NULL)
        return FALSE;
      /* Read now: once the thread has the server, only it may. */
      g_object_get (server, "now", &now, NULL);
      thread = fbk_demo_server_thread_new (server);
      if (fbk_demo_server_thread_start (thread, 0, error) == NULL)
        return FALSE;
      self->demo_server = g_steal_pointer (&thread);
      self->demo_now = now;
    }

  /* The simulator answers for Elvia and for the price service alike. */
  session = fbk_session_new (FBK_SESSION_DEMO, fbk_demo_server_thread_get_base_url (self->demo_server),
                             fbk_demo_server_thread_get_base_url (self->demo_server), NULL, error);
  if (session == NULL)
    return FALSE;
  fbk_session_set_token (session, FBK_DEMO_TOKEN);
  /* With FORBRUK_DEMO_NOW the simulator's clock is the session's clock, as
   * in forbruk-cli --demo: screenshots show the same days on any day. */
  if (self->demo_now != FBK_INSTANT_INVALID)
    fbk_clock_set_now (fbk_session_get_clock (session), self->demo_now);

  set_session (self, session);
  set_session_pending (self, FALSE);
  return TRUE;
}

static void
on_shared_store_opened_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FbkApplication *self = g_task_get_source_object (task);
  GError *error = NULL;
  FbkStore *store = fbk_store_open_finish (result, &error);

  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Another caller may have opened it meanwhile; keep the first. */
  if (self->store == NULL)
    self->store = store;
  else
    g_object_unref (store);

  g_task_return_pointer (task, g_object_ref (self->store), g_object_unref);
}

/**
 * fbk_application_open_store_async:
 *
 * Opens the offline store once, off the main thread, and shares it with
 * every later caller (the session, Preferences).
 */
void
fbk_application_open_store_async (FbkApplication      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FBK_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_application_open_store_async);

  if (self->store != NULL)
    g_task_return_pointer (task, g_object_ref (self->store), g_object_unref);
  else
    fbk_store_open_async (NULL, cancellable, on_shared_store_opened_cb, g_steal_pointer (&task));
}

/**
 * fbk_application_open_store_finish:
 *
 * Returns: (transfer full): the store
 */
FbkStore *
fbk_application_open_store_finish (FbkApplication  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * fbk_application_get_connected:
 *
 * Returns: whether there is a session that can fetch: the demo, or Elvia
 *   with a token
 */
gboolean
fbk_application_get_connected (FbkApplication *self)
{
  g_return_val_if_fail (FBK_IS_APPLICATION (self), FALSE);

  return self->session != NULL && fbk_session_has_token (self->session);
}

/**
 * fbk_application_get_session_pending:
 *
 * Returns: whether the application is still finding out which session it
 *   has: opening the store and looking up the stored token, at start-up
 *   and after leaving the demo
 */
gboolean
fbk_application_get_session_pending (FbkApplication *self)
{
  g_return_val_if_fail (FBK_IS_APPLICATION (self), FALSE);

  return self->session_pending;
}

/**
 * fbk_application_leave_demo:
 *
 * Back from the demo to a session with Elvia, with no token yet.
 */
void
fbk_application_leave_demo (FbkApplication *self)
{
  g_return_if_fail (FBK_IS_APPLICATION (self));

  if (!fbk_application_get_demo (self))
    return;

  set_session_pending (self, TRUE);
  set_session (self, NULL);
  fbk_application_open_store_async (self, NULL, on_elvia_store_opened_cb, g_object_ref (self));
}
