/* test-window.c: the main window, its menu and the state it remembers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fbk-application.h"
#include "fbk-test-support.h"
#include "fbk-test-ui.h"
#include "fbk-window.h"

/* One registered application serves every test: a second one would try to
 * export the same object path on the session bus. */
static FbkApplication *shared_application;

static FbkApplication *
start_application (void)
{
  if (shared_application == NULL)
    {
      g_autoptr(GError) error = NULL;

      shared_application = fbk_application_new ();
      /* Not unique: the test must not need or claim a bus name. */
      g_application_set_flags (G_APPLICATION (shared_application), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (shared_application), NULL, &error);
      g_assert_no_error (error);
    }

  g_application_activate (G_APPLICATION (shared_application));

  return g_object_ref (shared_application);
}

static GtkStack *
window_pages (GtkWindow *window)
{
  return GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), FBK_TYPE_WINDOW, "pages"));
}

static const char *
settled_page (FbkApplication *application)
{
  return fbk_application_get_connected (application) ? "main" : "welcome";
}

/* The window opens on a blank page while the application looks up its
 * session and then shows the session's page at once; it fades between
 * pages only for a change the user made. */
static void
test_window_opens_on_its_session (void)
{
  g_autoptr(FbkApplication) application = start_application ();
  g_autoptr(GError) error = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  GtkStack *pages = window_pages (window);
  GtkWidget *pending_status = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), FBK_TYPE_WINDOW,
                                                                        "pending_status"));
  gboolean was_connected;

  /* Activation started looking up the stored token; nothing answered yet.
   * What it waits for is said only if the keyring takes a second. */
  g_assert_true (fbk_application_get_session_pending (application));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (pages), ==, "pending");
  g_assert_false (gtk_widget_get_visible (pending_status));
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (window));

  fbk_test_wait_for (!fbk_application_get_session_pending (application), 20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (pages), ==, settled_page (application));
  g_assert_false (gtk_stack_get_transition_running (pages));
  g_assert_false (gtk_widget_get_visible (pending_status));

  /* Starting the demo is the user's doing: the window fades to the data
   * (from the welcome page; a stored token in this keyring shows the data
   * already). */
  was_connected = fbk_application_get_connected (application);
  g_assert_true (fbk_application_start_demo (application, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (pages), ==, "main");
  g_assert_true (gtk_stack_get_transition_running (pages) == !was_connected);

  /* Leaving it looks up the stored token again, without a fade on either side. */
  fbk_application_leave_demo (application);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (pages), ==, "pending");
  g_assert_false (gtk_stack_get_transition_running (pages));
  fbk_test_wait_for (!fbk_application_get_session_pending (application), 20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (pages), ==, settled_page (application));
  g_assert_false (gtk_stack_get_transition_running (pages));

  gtk_window_destroy (window);
}

/* The demo says what it is above its data, and its banner leads to the
 * welcome page, where a token of one's own is entered. */
static void
test_demo_banner_leads_to_token (void)
{
  g_autoptr(FbkApplication) application = start_application ();
  g_autoptr(GError) error = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autofree char *shown = NULL;

  fbk_test_wait_for (!fbk_application_get_session_pending (application), 20);
  g_assert_true (fbk_application_start_demo (application, &error));
  g_assert_no_error (error);
  fbk_test_ui_wait_for_text (GTK_WIDGET (window), "This is the demo: a made-up household, not your meters.", 10);

  fbk_test_ui_click (GTK_WIDGET (window), "Use Your Token…");
  g_assert_false (fbk_application_get_demo (application));
  fbk_test_wait_for (!fbk_application_get_session_pending (application), 20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_pages (window)), ==, settled_page (application));
  shown = fbk_test_ui_dup_text (GTK_WIDGET (window), TRUE);
  g_assert_null (strstr (shown, "This is the demo"));

  gtk_window_destroy (window);
}

static GMenuModel *
primary_menu (FbkWindow *window)
{
  GtkMenuButton *button = NULL;
  GtkWidget *child;

  /* Find the header bar's primary menu button by its property. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (window)); child != NULL;)
    {
      if (GTK_IS_MENU_BUTTON (child) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (child)))
        {
          button = GTK_MENU_BUTTON (child);
          break;
        }
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          if (child != NULL)
            child = gtk_widget_get_next_sibling (child);
        }
    }

  g_assert_nonnull (button);
  return gtk_menu_button_get_menu_model (button);
}

static void
test_window_menu (void)
{
  g_autoptr(FbkApplication) application = start_application ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  GMenuModel *menu;
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (FBK_IS_WINDOW (window));
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (window));

  menu = primary_menu (FBK_WINDOW (window));
  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          char *action = NULL;

          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          g_ptr_array_add (actions, action);
        }
    }

  /* Reload is the main view's, and shown only where that is. */
  g_assert_cmpuint (actions->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (actions, 0), ==, "main.reload");
  g_assert_cmpstr (g_ptr_array_index (actions, 1), ==, "app.preferences");
  g_assert_cmpstr (g_ptr_array_index (actions, 2), ==, "win.show-help-overlay");
  g_assert_cmpstr (g_ptr_array_index (actions, 3), ==, "app.about");

  /* Every menu action exists and is enabled. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (application), "preferences"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (application), "about"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "show-help-overlay"));

  gtk_window_destroy (window);
}

static GtkWindow *
find_window_of_type (FbkApplication *application,
                     GType           type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
        return l->data;
    }
  return NULL;
}

static void
test_about_and_shortcuts_open (void)
{
  g_autoptr(FbkApplication) application = start_application ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  GtkWindow *about;
  GtkWindow *shortcuts;
  GtkWindow *preferences;

  fbk_test_ui_wait_for_mapped (GTK_WIDGET (window));

  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  about = find_window_of_type (application, ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (about));
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Forbruk");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  /* What it does in plain words, not the name of an API. */
  g_assert_nonnull (strstr (adw_about_window_get_comments (ADW_ABOUT_WINDOW (about)), "hour by hour"));
  g_assert_null (strstr (adw_about_window_get_comments (ADW_ABOUT_WINDOW (about)), "Api"));
  gtk_window_destroy (about);

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  shortcuts = find_window_of_type (application, GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (shortcuts));
  gtk_window_destroy (shortcuts);

  /* Preferences open once the offline store is open, off the main thread. */
  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  for (int i = 0; i < 500 && find_window_of_type (application, ADW_TYPE_PREFERENCES_WINDOW) == NULL; i++)
    fbk_test_ui_spin (10);
  preferences = find_window_of_type (application, ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  gtk_window_destroy (preferences);

  gtk_window_destroy (window);
}

static void
test_window_state_remembered (void)
{
  g_autoptr(FbkApplication) application = start_application ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  GSettings *settings = fbk_application_get_settings (application);

  fbk_test_ui_wait_for_mapped (GTK_WIDGET (window));
  gtk_window_set_default_size (window, 801, 602);
  gtk_window_close (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 801);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 602);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* A new window opens at the remembered size. */
  g_application_activate (G_APPLICATION (application));
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  {
    int width, height;

    gtk_window_get_default_size (window, &width, &height);
    g_assert_cmpint (width, ==, 801);
    g_assert_cmpint (height, ==, 602);
  }
  gtk_window_destroy (window);
}

static void
test_color_scheme_setting (void)
{
  g_autoptr(FbkApplication) application = start_application ();
  GSettings *settings = fbk_application_get_settings (application);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_set_string (settings, "color-scheme", "default");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (gtk_application_get_active_window (GTK_APPLICATION (application)));
}

int
main (int   argc,
      char *argv[])
{
  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();

  /* First: it needs the application's first activation. */
  g_test_add_func ("/window/opens-on-its-session", test_window_opens_on_its_session);
  g_test_add_func ("/window/demo-banner-leads-to-token", test_demo_banner_leads_to_token);
  g_test_add_func ("/window/menu", test_window_menu);
  g_test_add_func ("/window/about-and-shortcuts", test_about_and_shortcuts_open);
  g_test_add_func ("/window/state-remembered", test_window_state_remembered);
  g_test_add_func ("/window/color-scheme", test_color_scheme_setting);

  return g_test_run ();
}
