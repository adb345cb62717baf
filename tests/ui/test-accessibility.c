/* test-accessibility.c: the window as a screen reader and a keyboard
 * reach it
 *
 * Reads the accessibility tree GTK keeps for the app's own widgets
 * (GTK_A11Y=test: properties, states and relations as GTK would send
 * them to AT-SPI) and presses keys through the X server, as a keyboard
 * does. A control's name is worked out as GTK 4.8 does for AT-SPI
 * (gtk_at_context_get_name()): its label, then the labels of what labels
 * it, and failing both, for anything but a container, the name of its
 * type ("GtkMenuButton"), which is what a screen reader then says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "fbk-a11y.h"
#include "fbk-application.h"
#include "fbk-demo-server.h"
#include "fbk-chart-view.h"
#include "fbk-main-view.h"
#include "fbk-meter-row.h"
#include "fbk-period-picker.h"
#include "fbk-test-support.h"
#include "fbk-test-ui.h"
#include "fbk-welcome-page.h"
#include "fbk-window.h"

#define NOW_TEXT "2026-12-07T12:00:00+01:00"

/* --- names ----------------------------------------------------------------- */

static void
collect_widgets (GtkWidget *widget,
                 GPtrArray *widgets)
{
  g_ptr_array_add (widgets, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, widgets);
}

static GPtrArray *
all_widgets (GtkWidget *root)
{
  GPtrArray *widgets = g_ptr_array_new ();

  collect_widgets (root, widgets);
  return widgets;
}

/* The labels @widget is labelled by, among @candidates: the test backend
 * compares a relation with a list, so each label is tried alone. */
static void
append_labelled_by_names (GtkWidget *widget,
                          GPtrArray *candidates,
                          GString   *name)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (candidates, i);
      g_autofree char *mismatch = NULL;
      g_autofree char *text = NULL;

      if (label == widget)
        continue;
      mismatch = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                     label, NULL);
      if (mismatch != NULL)
        continue;

      text = fbk_test_ui_dup_accessible_property (label, GTK_ACCESSIBLE_PROPERTY_LABEL);
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, text != NULL ? text : G_OBJECT_TYPE_NAME (label));
      return;
    }
}

/* Containers GTK 4.8 gives no name of their type. */
static gboolean
is_structural (GtkWidget *widget)
{
  switch (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_GENERIC:
    case GTK_ACCESSIBLE_ROLE_GROUP:
    case GTK_ACCESSIBLE_ROLE_NONE:
    case GTK_ACCESSIBLE_ROLE_PRESENTATION:
      return TRUE;
    default:
      return FALSE;
    }
}

/* What AT-SPI's Name of @widget is, as GTK 4.8 makes it. */
static char *
accessible_name (GtkWidget *widget,
                 GPtrArray *everything)
{
  g_autofree char *label = fbk_test_ui_dup_accessible_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL);
  GString *name = g_string_new (label);

  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    append_labelled_by_names (widget, everything, name);
  if (name->len == 0 && !is_structural (widget))
    g_string_assign (name, G_OBJECT_TYPE_NAME (widget));
  return g_string_free (name, FALSE);
}

/* The control AT-SPI shows where the keyboard can go to @widget: itself,
 * or for the GtkText inside an entry, the entry, which speaks for it
 * (GTK leaves the GtkText out); NULL if the keyboard cannot go there. */
static GtkWidget *
reachable_control (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_focusable (widget) ||
      !gtk_widget_get_can_focus (widget))
    return NULL;
  if (GTK_IS_TEXT (widget))
    for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
      if (GTK_IS_EDITABLE (up) && gtk_editable_get_delegate (GTK_EDITABLE (up)) != NULL)
        return up;
  return widget;
}

/* "Apply Apply": a label given twice, as property and as relation. */
static gboolean
says_twice (const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  guint n = g_strv_length (words);

  if (n == 0 || n % 2 != 0)
    return FALSE;
  for (guint i = 0; i < n / 2; i++)
    if (g_strcmp0 (words[i], words[i + n / 2]) != 0)
      return FALSE;
  return TRUE;
}

/* Every control on screen below @root has a name a person can use: not
 * empty, not its type, no mnemonic underscore, not one word said twice. */
static void
assert_controls_named (GtkWidget  *root,
                       const char *where)
{
  g_autoptr(GPtrArray) widgets = all_widgets (root);
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_controls = 0;

  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = reachable_control (g_ptr_array_index (widgets, i));
      g_autofree char *name = NULL;

      if (widget == NULL || is_structural (widget))
        continue;

      n_controls++;
      name = accessible_name (widget, widgets);
      g_test_message ("%s: %s “%s”", where, G_OBJECT_TYPE_NAME (widget), name);

      if (g_str_has_prefix (name, "Gtk") || g_str_has_prefix (name, "Adw") || g_str_has_prefix (name, "Fbk"))
        g_string_append_printf (problems, "\n  %s is named after its type", G_OBJECT_TYPE_NAME (widget));
      else if (strchr (name, '_') != NULL)
        g_string_append_printf (problems, "\n  %s “%s” says its mnemonic", G_OBJECT_TYPE_NAME (widget), name);
      else if (says_twice (name))
        g_string_append_printf (problems, "\n  %s “%s” says its name twice", G_OBJECT_TYPE_NAME (widget), name);
    }

  g_assert_cmpuint (n_controls, >, 0);
  if (problems->len > 0)
    g_error ("%s: controls without a usable name:%s", where, problems->str);
}

/* --- the window ------------------------------------------------------------ */

/* One registered application serves every test: a second one would try to
 * export the same object path on the session bus. */
static FbkApplication *shared_application;

static GtkWindow *
show_demo_window (void)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (shared_application == NULL)
    {
      shared_application = fbk_application_new ();
      g_application_set_flags (G_APPLICATION (shared_application), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (shared_application), NULL, &error);
      g_assert_no_error (error);
    }

  g_application_activate (G_APPLICATION (shared_application));
  window = gtk_application_get_active_window (GTK_APPLICATION (shared_application));
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (window));
  fbk_test_wait_for (!fbk_application_get_session_pending (shared_application), 20);
  if (!fbk_application_get_connected (shared_application) || !fbk_application_get_demo (shared_application))
    g_assert_true (fbk_application_start_demo (shared_application, &error));
  g_assert_no_error (error);

  /* The chart names itself a moment after it shows. */
  fbk_test_wait_for (fbk_test_ui_find (GTK_WIDGET (window), FBK_TYPE_METER_ROW, NULL) != NULL &&
                     gtk_widget_get_mapped (fbk_test_ui_find (GTK_WIDGET (window), FBK_TYPE_CHART_VIEW, NULL)) &&
                     gtk_test_accessible_has_property (GTK_ACCESSIBLE (fbk_test_ui_find (GTK_WIDGET (window),
                                                                                         FBK_TYPE_CHART_VIEW, NULL)),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL),
                     30);
  return window;
}

/* The period's list of presets: each row named, the one in use selected;
 * then the custom range's calendars and their arrows. */
static void
assert_period_presets (GtkWindow *window)
{
  GtkWidget *picker = fbk_test_ui_find (GTK_WIDGET (window), FBK_TYPE_PERIOD_PICKER, NULL);
  GtkMenuButton *button = GTK_MENU_BUTTON (fbk_test_ui_find (picker, GTK_TYPE_MENU_BUTTON, NULL));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_autoptr(GPtrArray) widgets = all_widgets (popover);
  GtkWidget *custom = NULL;
  guint n_rows = 0;

  /* Its tooltip (the dates) is not shown over its own popover. */
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (button)));
  gtk_menu_button_popup (button);
  fbk_test_ui_wait_for_mapped (popover);
  g_assert_false (gtk_widget_get_has_tooltip (GTK_WIDGET (button)));
  assert_controls_named (popover, "period presets");

  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (widgets, i);
      g_autofree char *name = NULL;

      if (!GTK_IS_LIST_BOX_ROW (row) || !gtk_widget_get_mapped (row))
        continue;
      n_rows++;
      name = accessible_name (row, widgets);
      gtk_test_accessible_assert_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED,
                                        g_str_equal (name, "Last 7 Days"));
      if (g_str_equal (name, "Custom Range…"))
        custom = row;
    }
  g_assert_cmpuint (n_rows, >, 5);

  g_assert_nonnull (custom);
  gtk_widget_activate (custom);
  fbk_test_wait_for (gtk_widget_get_mapped (fbk_test_ui_find (popover, GTK_TYPE_CALENDAR, NULL)), 10);
  assert_controls_named (popover, "custom range");
  gtk_menu_button_popdown (button);
  fbk_test_wait_for (gtk_widget_get_has_tooltip (GTK_WIDGET (button)), 10);
}

static void
test_main_window_names (void)
{
  GtkWindow *window = show_demo_window ();
  AdwViewStack *pages = ADW_VIEW_STACK (fbk_test_ui_find (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  GtkWidget *max_hours;
  GtkWidget *table;
  GtkWidget *peaks;

  assert_controls_named (GTK_WIDGET (window), "main window");
  assert_period_presets (window);

  /* The table's cells say their column; the peaks chart its heading. */
  adw_view_stack_set_visible_child_name (pages, "max-hours");
  max_hours = adw_view_stack_get_child_by_name (pages, "max-hours");
  table = fbk_test_ui_find (max_hours, GTK_TYPE_COLUMN_VIEW, NULL);
  peaks = fbk_test_ui_find (max_hours, FBK_TYPE_CHART_VIEW, NULL);
  fbk_test_wait_for (gtk_widget_get_mapped (peaks), 30);
  fbk_test_ui_wait_for_accessible_label (peaks, "Daily Peaks in December 2026");
  assert_controls_named (max_hours, "max hours");
  /* The table is behind its toggle. */
  gtk_widget_activate_action (max_hours, "max-hours.show-table", NULL);
  fbk_test_wait_for (gtk_widget_get_mapped (table), 30);
  assert_controls_named (max_hours, "max hours table");
  g_assert_nonnull (fbk_test_ui_find (table, GTK_TYPE_LABEL, "9.92 kW"));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (fbk_test_ui_find (table, GTK_TYPE_LABEL, "9.92 kW")),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL, "Average: 9.92 kW"));

  adw_view_stack_set_visible_child_name (pages, "consumption");
}

/* --- keys ------------------------------------------------------------------ */

static GPtrArray *
meter_check_buttons (GtkWindow *window)
{
  g_autoptr(GPtrArray) widgets = all_widgets (GTK_WIDGET (window));
  GPtrArray *checks = g_ptr_array_new ();

  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (widgets, i);

      if (GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_ancestor (widget, FBK_TYPE_METER_ROW) != NULL)
        g_ptr_array_add (checks, widget);
    }
  return checks;
}

/* Left and Right on a meter's check box move the focus, never the tick;
 * Alt+Left and Alt+Right step the period from there, as from anywhere. */
static void
test_meter_check_keys (void)
{
  GtkWindow *window = show_demo_window ();
  g_autoptr(GPtrArray) checks = meter_check_buttons (window);
  FbkPeriodPicker *picker = FBK_PERIOD_PICKER (fbk_test_ui_find (GTK_WIDGET (window), FBK_TYPE_PERIOD_PICKER, NULL));
  FbkInstant start = fbk_period_get_start (fbk_period_picker_get_period (picker));
  gboolean was_active[3];

  if (fbk_test_ui_skip_without_keys ())
    return;

  g_assert_cmpuint (checks->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    was_active[i] = gtk_check_button_get_active (g_ptr_array_index (checks, i));

  fbk_test_ui_press_keys (window, "");
  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *check = g_ptr_array_index (checks, i);

      gtk_widget_grab_focus (check);
      fbk_test_ui_press_keys (window, "Right Left Right Left");
      /* Keys are handled in order: once Ctrl+Home is (it does nothing
       * here), the arrows before it have been. */
      fbk_test_ui_press_keys (window, "ctrl+Home");
      fbk_test_ui_spin (100);
      g_assert_cmpint (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)), ==, was_active[i]);
    }

  /* "Last 7 Days" a day further back: 7 days earlier. */
  gtk_widget_grab_focus (g_ptr_array_index (checks, 0));
  fbk_test_ui_press_keys (window, "alt+Left");
  fbk_test_wait_for (fbk_period_get_start (fbk_period_picker_get_period (picker)) == start - 7 * 24 * FBK_SECONDS_PER_HOUR,
                     10);
  fbk_test_ui_press_keys (window, "alt+Right");
  fbk_test_wait_for (fbk_period_get_start (fbk_period_picker_get_period (picker)) == start, 10);
}

/* The controls Tab visits from where the window opens, by name, as many
 * as @n_stops. */
static GPtrArray *
tab_stops (GtkWindow *window,
           guint      n_stops)
{
  g_autoptr(GPtrArray) widgets = all_widgets (GTK_WIDGET (window));
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_stops; i++)
    {
      GtkWidget *focus = gtk_window_get_focus (window);
      GtkWidget *control = focus != NULL ? reachable_control (focus) : NULL;

      g_ptr_array_add (names, control != NULL ? accessible_name (control, widgets) : g_strdup ("(none)"));
      g_test_message ("Tab stop %u: %s", i, (char *) g_ptr_array_index (names, i));
      fbk_test_ui_press_keys (window, "Tab");
      fbk_test_wait_for (gtk_window_get_focus (window) != focus, 10);
    }
  return names;
}

/* The window opens with the focus on the first meter, its ring shown,
 * and Tab goes as the eye does: the sidebar's meters, then the header of
 * the content, the demo banner's button, the period, the chart (and round
 * to the sidebar's menu). */
static void
test_focus_order (void)
{
  GtkWindow *window = show_demo_window ();
  GtkWidget *first_meter = fbk_test_ui_find (GTK_WIDGET (window), FBK_TYPE_METER_ROW, NULL);
  g_autoptr(GPtrArray) stops = NULL;
  const char *expected[] = {
    "707 057 500 061 439 208", "Rename 707 057 500 061 439 208",
    "707 057 500 072 815 367", "707 057 500 072 815 367", "Rename 707 057 500 072 815 367",
    "707 057 500 083 906 177, Production", "707 057 500 083 906 177, Production",
    "Rename 707 057 500 083 906 177",
    "Consumption", "Heatmap", "Max Hours", "Cost", "Export", "Use Your Token…",
    "Previous Period", "Period: Last 7 Days", "Resolution: Automatic", "Compare with: None",
  };
  guint first;

  if (fbk_test_ui_skip_without_keys ())
    return;

  fbk_test_ui_press_keys (window, "");
  g_assert_true (gtk_window_get_focus (window) == first_meter);
  g_assert_true (gtk_window_get_focus_visible (window));

  stops = tab_stops (window, G_N_ELEMENTS (expected) + 2);
  g_assert_cmpstr (g_ptr_array_index (stops, 0), ==, "707 057 500 061 439 208");
  first = 1;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (stops, first + i), ==, expected[i]);
  /* The chart last, then round to the sidebar's menu. */
  g_assert_true (g_str_has_suffix (g_ptr_array_index (stops, first + G_N_ELEMENTS (expected)), "· daily"));
}

/* + − 0 zoom the chart with the focus anywhere but in a text field. */
static void
test_chart_keys_anywhere (void)
{
  GtkWindow *window = show_demo_window ();
  g_autoptr(GPtrArray) checks = meter_check_buttons (window);
  FbkChartView *chart = FBK_CHART_VIEW (fbk_test_ui_find (GTK_WIDGET (window), FBK_TYPE_CHART_VIEW, NULL));
  FbkMainView *view = FBK_MAIN_VIEW (fbk_test_ui_find (GTK_WIDGET (window), FBK_TYPE_MAIN_VIEW, NULL));

  if (fbk_test_ui_skip_without_keys ())
    return;

  /* The period the previous test stepped back and forth loaded again:
   * while it loads, the chart is not on screen and keeps no key. */
  fbk_test_wait_for (!fbk_main_view_get_busy (view) && gtk_widget_get_mapped (GTK_WIDGET (chart)), 30);
  fbk_test_ui_press_keys (window, "");
  gtk_widget_grab_focus (g_ptr_array_index (checks, 0));
  g_assert_false (fbk_chart_view_get_zoomed (chart));
  fbk_test_ui_press_keys (window, "plus");
  fbk_test_wait_for (fbk_chart_view_get_zoomed (chart), 10);
  g_assert_true (gtk_widget_has_focus (g_ptr_array_index (checks, 0)));
  fbk_test_ui_press_keys (window, "0");
  fbk_test_wait_for (!fbk_chart_view_get_zoomed (chart), 10);
}

/* --- the token field ------------------------------------------------------- */

static void
test_token_field (void)
{
  g_autoptr(FbkDemoServer) server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  g_autoptr(FbkSession) session = fbk_test_ui_start_demo (server, NULL);
  GtkWidget *page = fbk_welcome_page_new (session);
  GtkWindow *window = fbk_test_ui_show (page);
  GtkWidget *entry = fbk_test_ui_find (page, GTK_TYPE_PASSWORD_ENTRY, NULL);
  GtkWidget *message;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) widgets = all_widgets (page);

  /* A GtkPasswordEntry is what GTK 4.8 sends to AT-SPI as "password
   * text" (gtk_atspi_role_for_context()): a text box role, of that type. */
  g_assert_nonnull (entry);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  name = accessible_name (entry, widgets);
  g_assert_cmpstr (name, ==, "Access token from Min side");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
  assert_controls_named (page, "welcome page");

  /* Too short to be a token: the message describes the field, which is
   * marked invalid and has the focus back, so a screen reader says it. */
  fbk_test_ui_paste_token (page, "abc.def");
  fbk_test_ui_wait_for_text (page, "too short", 5);
  message = fbk_test_ui_find (page, GTK_TYPE_LABEL, "too short");
  g_assert_null (gtk_test_accessible_check_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                                     message, NULL));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);

  /* Editing takes the message, and the relation, away. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "abc.defg");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Names as the assertions spell them. */
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("FORBRUK_DEMO_NOW", NOW_TEXT, TRUE);

  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();
  /* As the application does at start-up, for the widgets made alone. */
  fbk_a11y_init ();

  g_test_add_func ("/accessibility/token-field", test_token_field);
  /* First of the window's: it opens the window. */
  g_test_add_func ("/accessibility/focus-order", test_focus_order);
  g_test_add_func ("/accessibility/main-window-names", test_main_window_names);
  g_test_add_func ("/accessibility/meter-check-keys", test_meter_check_keys);
  g_test_add_func ("/accessibility/chart-keys-anywhere", test_chart_keys_anywhere);

  return g_test_run ();
}
