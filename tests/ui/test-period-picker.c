/* test-period-picker.c: presets, stepping, the custom range, the resolution
 * and the keyboard on a real FbkPeriodPicker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "fbk-period-picker.h"
#include "fbk-test-ui.h"

/* A Friday in a leap year; the first day the API serves is 2021-03-16. */
#define NOW "2024-03-15T12:00:00+01:00"

typedef struct
{
  GtkWindow       *window;
  FbkPeriodPicker *picker;
  FbkInstant       now;
  guint            n_changed;
} Fixture;

static FbkInstant
at (const char *text)
{
  FbkInstant instant = 0;

  g_assert_true (fbk_time_parse (text, &instant));
  return instant;
}

static FbkDate
date (const char *text)
{
  FbkDate parsed = { 0 };

  g_assert_true (fbk_time_parse_date (text, &parsed));
  return parsed;
}

static void
on_changed_cb (FbkPeriodPicker *picker,
               Fixture         *fixture)
{
  fixture->n_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->now = at (NOW);
  fixture->picker = g_object_new (FBK_TYPE_PERIOD_PICKER, "now", fixture->now, NULL);
  g_signal_connect (fixture->picker, "changed", G_CALLBACK (on_changed_cb), fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 640, 120);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->picker));
  gtk_window_present (fixture->window);
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (fixture->picker));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
}

static GtkWidget *
find (Fixture    *fixture,
      GType       type,
      const char *text)
{
  GtkWidget *widget = fbk_test_ui_find (GTK_WIDGET (fixture->picker), type, text);

  if (widget == NULL)
    g_error ("no %s “%s” in the picker", g_type_name (type), text);
  return widget;
}

static const char *
period_label (Fixture *fixture)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (find (fixture, GTK_TYPE_MENU_BUTTON, NULL));

  return gtk_label_get_label (GTK_LABEL (fbk_test_ui_find (GTK_WIDGET (button), GTK_TYPE_LABEL, NULL)));
}

static GtkPopover *
open_period_popover (Fixture *fixture)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (find (fixture, GTK_TYPE_MENU_BUTTON, NULL));

  gtk_menu_button_popup (button);
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (gtk_menu_button_get_popover (button)));
  return gtk_menu_button_get_popover (button);
}

/* Picks a preset as the user does: from the menu, by its label. */
static void
pick_preset (Fixture    *fixture,
             const char *label)
{
  GtkPopover *popover = open_period_popover (fixture);
  GtkWidget *label_widget = fbk_test_ui_find (GTK_WIDGET (popover), GTK_TYPE_LABEL, label);
  GtkWidget *row;

  g_assert_nonnull (label_widget);
  row = gtk_widget_get_ancestor (label_widget, GTK_TYPE_LIST_BOX_ROW);
  g_signal_emit_by_name (row, "activate");
}

static void
click (Fixture    *fixture,
       const char *action_name)
{
  GtkWidget *button = find (fixture, GTK_TYPE_BUTTON, action_name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
can_click (Fixture    *fixture,
           const char *action_name)
{
  return gtk_widget_is_sensitive (find (fixture, GTK_TYPE_BUTTON, action_name));
}

static const char *
tooltip (Fixture    *fixture,
         const char *action_name)
{
  return gtk_widget_get_tooltip_text (find (fixture, GTK_TYPE_BUTTON, action_name));
}

static void
assert_period (Fixture         *fixture,
               FbkPeriodPreset  preset,
               const char      *from,
               const char      *to)
{
  const FbkPeriod *period = fbk_period_picker_get_period (fixture->picker);

  g_assert_cmpint (period->preset, ==, preset);
  g_assert_cmpint (fbk_date_compare (period->from, date (from)), ==, 0);
  g_assert_cmpint (fbk_date_compare (period->to, date (to)), ==, 0);
}

static void
test_default (Fixture       *fixture,
              gconstpointer  data)
{
  assert_period (fixture, FBK_PERIOD_PRESET_LAST_7_DAYS, "2024-03-09", "2024-03-15");
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_DAY);
  g_assert_true (fbk_period_picker_get_resolution_follows_period (fixture->picker));
  g_assert_cmpstr (period_label (fixture), ==, "Last 7 Days");
  g_assert_true (can_click (fixture, "period.previous"));
  g_assert_false (can_click (fixture, "period.next"));
  g_assert_cmpstr (tooltip (fixture, "period.previous"), ==, "Previous: 2–8 Mar 2024");
  g_assert_cmpstr (tooltip (fixture, "period.next"), ==, "The period already reaches today.");
}

static void
test_presets (Fixture       *fixture,
              gconstpointer  data)
{
  for (int preset = FBK_PERIOD_PRESET_TODAY; preset < FBK_PERIOD_N_PRESETS; preset++)
    {
      FbkPeriod expected = fbk_period_new_preset (preset, fixture->now);
      const char *label = fbk_period_preset_get_label (preset);
      guint n_changed = fixture->n_changed;

      pick_preset (fixture, label);

      g_assert_true (fbk_period_equal (fbk_period_picker_get_period (fixture->picker), &expected));
      g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==,
                       fbk_period_default_resolution (&expected));
      g_assert_cmpstr (period_label (fixture), ==, label);
      /* One signal per change, however many properties changed. */
      g_assert_cmpuint (fixture->n_changed, ==, n_changed + 1);
    }

  /* The same preset again changes nothing. */
  pick_preset (fixture, "Last 3 Years");
  g_assert_cmpuint (fixture->n_changed, ==, FBK_PERIOD_N_PRESETS - 1);

  pick_preset (fixture, "Today");
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_HOUR);
  pick_preset (fixture, "This Year");
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_MONTH);
}

static void
test_step (Fixture       *fixture,
           gconstpointer  data)
{
  pick_preset (fixture, "This Year");
  g_assert_false (can_click (fixture, "period.next"));

  click (fixture, "period.previous");
  assert_period (fixture, FBK_PERIOD_PRESET_LAST_YEAR, "2023-01-01", "2023-12-31");
  g_assert_cmpstr (period_label (fixture), ==, "Last Year");
  g_assert_cmpstr (tooltip (fixture, "period.previous"), ==, "Previous: 2022");

  click (fixture, "period.previous");
  assert_period (fixture, FBK_PERIOD_PRESET_CUSTOM, "2022-01-01", "2022-12-31");
  g_assert_cmpstr (period_label (fixture), ==, "2022");

  /* 2021 began before the three years Elvia keeps. */
  g_assert_false (can_click (fixture, "period.previous"));
  g_assert_nonnull (strstr (tooltip (fixture, "period.previous"), "three years"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->picker), "period.previous", NULL);
  assert_period (fixture, FBK_PERIOD_PRESET_CUSTOM, "2022-01-01", "2022-12-31");

  click (fixture, "period.next");
  click (fixture, "period.next");
  assert_period (fixture, FBK_PERIOD_PRESET_THIS_YEAR, "2024-01-01", "2024-03-15");
  g_assert_false (can_click (fixture, "period.next"));

  /* Months step by calendar months. */
  pick_preset (fixture, "Last Month");
  click (fixture, "period.previous");
  assert_period (fixture, FBK_PERIOD_PRESET_CUSTOM, "2024-01-01", "2024-01-31");
  g_assert_cmpstr (period_label (fixture), ==, "January 2024");

  /* The longest preset cannot step at all. */
  pick_preset (fixture, "Last 3 Years");
  g_assert_false (can_click (fixture, "period.previous"));
  g_assert_false (can_click (fixture, "period.next"));
}

/* Alt+Left and Alt+Right are the picker's own key bindings. */
static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->picker));
  GtkShortcutAction *previous = NULL;
  GtkShortcutAction *next = NULL;

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != GDK_ALT_MASK)
            continue;
          if (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Left)
            previous = gtk_shortcut_get_action (shortcut);
          else if (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Right)
            next = gtk_shortcut_get_action (shortcut);
        }
    }

  g_assert_nonnull (previous);
  g_assert_nonnull (next);
  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (previous)), ==, "period.previous");
  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (next)), ==, "period.next");

  /* Pressing them does what the buttons do. */
  g_assert_true (gtk_shortcut_action_activate (previous, 0, GTK_WIDGET (fixture->picker), NULL));
  assert_period (fixture, FBK_PERIOD_PRESET_CUSTOM, "2024-03-02", "2024-03-08");
  g_assert_true (gtk_shortcut_action_activate (previous, 0, GTK_WIDGET (fixture->picker), NULL));
  assert_period (fixture, FBK_PERIOD_PRESET_CUSTOM, "2024-02-24", "2024-03-01");
  g_assert_true (gtk_shortcut_action_activate (next, 0, GTK_WIDGET (fixture->picker), NULL));
  g_assert_true (gtk_shortcut_action_activate (next, 0, GTK_WIDGET (fixture->picker), NULL));
  assert_period (fixture, FBK_PERIOD_PRESET_LAST_7_DAYS, "2024-03-09", "2024-03-15");
  /* Past today it refuses, as the button does. */
  g_assert_false (gtk_shortcut_action_activate (next, 0, GTK_WIDGET (fixture->picker), NULL));
  assert_period (fixture, FBK_PERIOD_PRESET_LAST_7_DAYS, "2024-03-09", "2024-03-15");
}

static void
choose_day (Fixture    *fixture,
            const char *which,
            const char *day)
{
  /* The two calendars are the pages of one stack, "from" and "to". */
  GtkWidget *first = find (fixture, GTK_TYPE_CALENDAR, NULL);
  GtkStack *stack = GTK_STACK (gtk_widget_get_parent (first));
  GtkCalendar *calendar = GTK_CALENDAR (gtk_stack_get_child_by_name (stack, which));
  FbkDate d = date (day);
  g_autoptr(GDateTime) date_time = g_date_time_new_local (d.year, d.month, d.day, 12, 0, 0);

  g_assert_nonnull (calendar);

  /* What a click on a day does: select it and tell. */
  gtk_calendar_select_day (calendar, date_time);
  g_signal_emit_by_name (calendar, "day-selected");
}

static void
test_custom_range (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkPopover *popover;
  GtkWidget *error_label;
  GtkWidget *summary_label;
  GtkWidget *apply;
  guint n_changed;

  pick_preset (fixture, "Custom Range…");
  popover = open_period_popover (fixture);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  apply = find (fixture, GTK_TYPE_BUTTON, "period.apply-custom");
  g_assert_true (gtk_widget_get_mapped (apply));
  error_label = gtk_widget_get_prev_sibling (apply);
  summary_label = gtk_widget_get_prev_sibling (error_label);

  /* The calendars start at the current period, which is legal. */
  g_assert_true (gtk_widget_is_sensitive (apply));
  g_assert_false (gtk_widget_get_visible (error_label));

  n_changed = fixture->n_changed;

  /* Further back than three years. */
  choose_day (fixture, "from", "2021-03-10");
  choose_day (fixture, "to", "2021-03-20");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "three years"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "16 March 2021"));
  g_assert_false (gtk_widget_is_sensitive (apply));
  gtk_widget_activate_action (GTK_WIDGET (fixture->picker), "period.apply-custom", NULL);

  /* Inverted, and in the future. */
  choose_day (fixture, "from", "2024-03-10");
  choose_day (fixture, "to", "2024-03-01");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==, "The first day comes after the last day.");
  g_assert_false (gtk_widget_is_sensitive (apply));
  choose_day (fixture, "to", "2024-03-16");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "cannot end after today"));
  g_assert_false (gtk_widget_is_sensitive (apply));

  /* Nothing was applied. */
  assert_period (fixture, FBK_PERIOD_PRESET_LAST_7_DAYS, "2024-03-09", "2024-03-15");
  g_assert_cmpuint (fixture->n_changed, ==, n_changed);

  /* Legal ranges are summed up instead. */
  choose_day (fixture, "from", "2024-02-01");
  choose_day (fixture, "to", "2024-02-29");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_get_visible (summary_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (summary_label)), ==, "February 2024 (29 days)");

  /* One is applied with the button. */
  choose_day (fixture, "from", "2024-03-01");
  choose_day (fixture, "to", "2024-03-07");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (summary_label)), ==, "1–7 Mar 2024 (7 days)");
  g_assert_true (gtk_widget_is_sensitive (apply));
  g_signal_emit_by_name (apply, "clicked");

  assert_period (fixture, FBK_PERIOD_PRESET_CUSTOM, "2024-03-01", "2024-03-07");
  g_assert_cmpstr (period_label (fixture), ==, "1–7 Mar 2024");
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_DAY);
  g_assert_cmpuint (fixture->n_changed, ==, n_changed + 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* A custom range steps by its own length. */
  click (fixture, "period.next");
  assert_period (fixture, FBK_PERIOD_PRESET_CUSTOM, "2024-03-08", "2024-03-14");
}

/* Dates can be typed as well as picked, as ISO 8601 or as Norwegians
 * write them; what is not a date keeps Apply off and says how. */
static void
test_custom_range_typed (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *from_entry, *to_entry, *apply, *error_label, *summary_label;

  pick_preset (fixture, "Custom Range…");
  open_period_popover (fixture);
  apply = find (fixture, GTK_TYPE_BUTTON, "period.apply-custom");
  error_label = gtk_widget_get_prev_sibling (apply);
  summary_label = gtk_widget_get_prev_sibling (error_label);
  from_entry = fbk_test_ui_find (GTK_WIDGET (gtk_widget_get_ancestor (apply, GTK_TYPE_POPOVER)), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (from_entry);
  to_entry = gtk_widget_get_next_sibling (from_entry);
  /* The fields show the calendars' dates. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from_entry)), ==, "2024-03-09");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to_entry)), ==, "2024-03-15");

  gtk_editable_set_text (GTK_EDITABLE (from_entry), "1.3.2024");
  gtk_editable_set_text (GTK_EDITABLE (to_entry), " 2024-03-07 ");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (summary_label)), ==, "1–7 Mar 2024 (7 days)");
  g_assert_true (gtk_widget_is_sensitive (apply));

  /* 31 February is no date. */
  gtk_editable_set_text (GTK_EDITABLE (to_entry), "31.2.2024");
  g_assert_false (gtk_widget_is_sensitive (apply));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "7.12.2026"));

  gtk_editable_set_text (GTK_EDITABLE (to_entry), "7.3.2024");
  g_assert_true (gtk_widget_is_sensitive (apply));
  g_signal_emit_by_name (apply, "clicked");
  assert_period (fixture, FBK_PERIOD_PRESET_CUSTOM, "2024-03-01", "2024-03-07");
}

/* The menu: "Automatic" first, then the resolutions in their order. */
#define AUTOMATIC 0
#define POSITION(resolution) ((guint) (resolution) + 1)

static void
test_resolution (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (find (fixture, GTK_TYPE_DROP_DOWN, NULL));
  GListModel *labels = gtk_drop_down_get_model (dropdown);
  guint n_changed = fixture->n_changed;

  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, FBK_N_RESOLUTIONS + 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), AUTOMATIC), ==, "Automatic");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), POSITION (FBK_RESOLUTION_WEEK)), ==, "Week");
  /* Automatic is the default, by the day over the last 7 days. */
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, AUTOMATIC);
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_DAY);

  /* The user picks hours: the choice stays while stepping... */
  gtk_drop_down_set_selected (dropdown, POSITION (FBK_RESOLUTION_HOUR));
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_HOUR);
  g_assert_false (fbk_period_picker_get_resolution_follows_period (fixture->picker));
  g_assert_cmpuint (fixture->n_changed, ==, n_changed + 1);
  click (fixture, "period.previous");
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_HOUR);

  /* ...and over another preset it fits... */
  pick_preset (fixture, "Last Month");
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_HOUR);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, POSITION (FBK_RESOLUTION_HOUR));

  /* ...but not over a year, which goes back to Automatic, by the month. */
  pick_preset (fixture, "Last Year");
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_MONTH);
  g_assert_true (fbk_period_picker_get_resolution_follows_period (fixture->picker));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, AUTOMATIC);

  /* Week for a year is kept; following the period again drops it. */
  gtk_drop_down_set_selected (dropdown, POSITION (FBK_RESOLUTION_WEEK));
  pick_preset (fixture, "This Year");
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_WEEK);
  fbk_period_picker_set_resolution_follows_period (fixture->picker, TRUE);
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_MONTH);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, AUTOMATIC);

  /* Week, then the last 7 days: two part weeks would be no comparison,
   * so Automatic takes over, by the day (issue 19). */
  gtk_drop_down_set_selected (dropdown, POSITION (FBK_RESOLUTION_WEEK));
  pick_preset (fixture, "Last 7 Days");
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_DAY);
  g_assert_true (fbk_period_picker_get_resolution_follows_period (fixture->picker));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, AUTOMATIC);

  /* Automatic picked in the menu is following the period. */
  gtk_drop_down_set_selected (dropdown, POSITION (FBK_RESOLUTION_HOUR));
  g_assert_false (fbk_period_picker_get_resolution_follows_period (fixture->picker));
  gtk_drop_down_set_selected (dropdown, AUTOMATIC);
  g_assert_true (fbk_period_picker_get_resolution_follows_period (fixture->picker));
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_DAY);
}

/* The saved form restores a preset relative to the new day. */
static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *saved = NULL;
  FbkPeriod restored;

  pick_preset (fixture, "This Month");
  saved = fbk_period_to_string (fbk_period_picker_get_period (fixture->picker));

  g_object_set (fixture->picker, "now", at ("2024-04-02T08:00:00+02:00"), NULL);
  restored = fbk_period_restore (saved, fbk_period_picker_get_now (fixture->picker));
  fbk_period_picker_set_period (fixture->picker, &restored);
  assert_period (fixture, FBK_PERIOD_PRESET_THIS_MONTH, "2024-04-01", "2024-04-02");
  g_assert_cmpint (fbk_period_picker_get_resolution (fixture->picker), ==, FBK_RESOLUTION_DAY);
}

/* At 360 px the picker still fits, with a long custom label too. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  FbkPeriod period;
  graphene_rect_t bounds;
  int minimum;

  g_assert_true (fbk_period_new_custom (date ("2023-12-28"), date ("2024-01-03"), fixture->now, &period, NULL));
  fbk_period_picker_set_period (fixture->picker, &period);
  gtk_window_set_default_size (fixture->window, 360, 120);
  gtk_widget_queue_resize (GTK_WIDGET (fixture->window));
  fbk_test_ui_spin (200);

  gtk_widget_measure (GTK_WIDGET (fixture->picker), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360 - 24);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);

  /* The last control lies inside the window. */
  g_assert_true (gtk_widget_compute_bounds (find (fixture, GTK_TYPE_DROP_DOWN, NULL),
                                            GTK_WIDGET (fixture->window), &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 360);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");

  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();

  g_test_add ("/period-picker/default", Fixture, NULL, fixture_set_up, test_default, fixture_tear_down);
  g_test_add ("/period-picker/presets", Fixture, NULL, fixture_set_up, test_presets, fixture_tear_down);
  g_test_add ("/period-picker/step", Fixture, NULL, fixture_set_up, test_step, fixture_tear_down);
  g_test_add ("/period-picker/shortcuts", Fixture, NULL, fixture_set_up, test_shortcuts, fixture_tear_down);
  g_test_add ("/period-picker/custom-range", Fixture, NULL, fixture_set_up, test_custom_range, fixture_tear_down);
  g_test_add ("/period-picker/custom-range-typed", Fixture, NULL, fixture_set_up, test_custom_range_typed, fixture_tear_down);
  g_test_add ("/period-picker/resolution", Fixture, NULL, fixture_set_up, test_resolution, fixture_tear_down);
  g_test_add ("/period-picker/restore", Fixture, NULL, fixture_set_up, test_restore, fixture_tear_down);
  g_test_add ("/period-picker/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);

  return g_test_run ();
}
