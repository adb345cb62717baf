/* fbk-period-picker.c: choosing the period and the resolution to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-period-picker"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "fbk-a11y.h"
#include "fbk-format.h"
#include "fbk-period-picker.h"

struct _FbkPeriodPicker
{
  GtkBox         parent_instance;

  FbkPeriod      period;
  FbkResolution  resolution;
  FbkInstant     now;               /* FBK_INSTANT_INVALID: the clock */
  FbkDate        custom_from;       /* what the calendars show */
  FbkDate        custom_to;
  guint          resolution_follows : 1;
  guint          syncing : 1;       /* widgets are being set from the state */
  guint          typed_invalid : 1; /* a date field holds what is not a date */

  GtkButton     *previous_button;
  GtkButton     *next_button;
  GtkMenuButton *period_button;
  GtkLabel      *period_label;
  GtkDropDown   *resolution_dropdown;
  GtkPopover    *period_popover;
  GtkStack      *popover_stack;
  GtkListBox    *preset_list;
  GtkStack      *calendar_stack;
  GtkCalendar   *from_calendar;
  GtkCalendar   *to_calendar;
  GtkEntry      *from_entry;
  GtkEntry      *to_entry;
  GtkLabel      *custom_summary_label;
  GtkLabel      *custom_error_label;

  GtkWidget     *preset_checks[FBK_PERIOD_N_PRESETS];
};

G_DEFINE_FINAL_TYPE (FbkPeriodPicker, fbk_period_picker, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_PERIOD,
  PROP_RESOLUTION,
  PROP_RESOLUTION_FOLLOWS_PERIOD,
  PROP_NOW,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The preset list shows the presets in their order in FbkPeriodPreset,
 * then "Custom Range…" (which is first in the enum). */
static FbkPeriodPreset
preset_of_row (GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  return index + 1 < FBK_PERIOD_N_PRESETS ? (FbkPeriodPreset) (index + 1) : FBK_PERIOD_PRESET_CUSTOM;
}

/* Helpers */

static FbkDate
calendar_get_date (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date_time = gtk_calendar_get_date (calendar);
  FbkDate date;

  g_date_time_get_ymd (date_time, &date.year, &date.month, &date.day);
  return date;
}

static void
calendar_set_date (GtkCalendar *calendar,
                   FbkDate      date)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_local (date.year, date.month, date.day, 12, 0, 0);

  gtk_calendar_select_day (calendar, date_time);
}

/* A date as typed: 2026-12-07 (ISO 8601) or 7.12.2026 (as Norwegians
 * write it), whatever the language. */
static gboolean
parse_typed_date (const char *text,
                  FbkDate    *out_date)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  int day, month, year;
  char rest;

  if (fbk_time_parse_date (stripped, out_date))
    return TRUE;

  if (sscanf (stripped, "%d.%d.%d%c", &day, &month, &year, &rest) != 3 ||
      year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > fbk_date_days_in_month (year, month))
    return FALSE;

  *out_date = (FbkDate) { year, month, day };
  return TRUE;
}

/* The calendar and the field beside it show @date. */
static void
show_custom_date (FbkPeriodPicker *self,
                  GtkCalendar     *calendar,
                  GtkEntry        *entry,
                  FbkDate          date)
{
  /* Translators: a date in the custom range's fields, as people type it;
   * g_date_time_format(). "7.12.2026" is "%-d.%m.%Y" */
  g_autofree char *text = fbk_format_date (date, C_("typed date", "%Y-%m-%d"));

  self->syncing = TRUE;
  calendar_set_date (calendar, date);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  self->syncing = FALSE;
}

static void
sync_step_action (FbkPeriodPicker *self,
                  FbkPeriodStep    step,
                  const char      *action_name,
                  GtkWidget       *button)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tooltip = NULL;
  FbkPeriod stepped;
  gboolean possible;

  possible = fbk_period_step (&self->period, step, fbk_period_picker_get_now (self), &stepped, &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), action_name, possible);

  if (possible)
    {
      g_autofree char *target = fbk_period_format_dates (&stepped);

      tooltip = step == FBK_PERIOD_STEP_BACK
        /* Translators: %s is a period such as “February 2024” */
        ? g_strdup_printf (_("Previous: %s"), target)
        /* Translators: %s is a period such as “February 2024” */
        : g_strdup_printf (_("Next: %s"), target);
    }
  else
    tooltip = g_strdup (error->message);

  gtk_widget_set_tooltip_text (button, tooltip);
}

static void
sync_custom_page (FbkPeriodPicker *self)
{
  g_autoptr(GError) error = NULL;
  FbkPeriod period;
  gboolean legal;

  legal = fbk_period_new_custom (self->custom_from, self->custom_to,
                                 fbk_period_picker_get_now (self), &period, &error);

  if (self->typed_invalid)
    {
      legal = FALSE;
      gtk_label_set_label (self->custom_error_label,
                           _("Type a date as 2026-12-07 or 7.12.2026, or pick it in the calendar."));
    }
  else if (legal)
    {
      g_autofree char *dates = fbk_period_format_dates (&period);
      int n_days = fbk_period_get_n_days (&period);
      /* Translators: %s is a period such as “1–7 Mar 2024”, %d its number of days */
      g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d day)", "%s (%d days)", n_days),
                                                  dates, n_days);

      gtk_label_set_label (self->custom_summary_label, summary);
    }
  else
    gtk_label_set_label (self->custom_error_label, error->message);

  gtk_widget_set_visible (GTK_WIDGET (self->custom_summary_label), legal);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_error_label), !legal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "period.apply-custom", legal);
}

/* The menu has "Automatic" first, then the resolutions in their order. */
#define AUTOMATIC_POSITION 0

static guint
resolution_position (FbkPeriodPicker *self)
{
  return self->resolution_follows ? AUTOMATIC_POSITION : (guint) self->resolution + 1;
}

/* Names for screen readers: the two buttons that open lists say what they
 * pick and what is picked (GTK 4.8 names them after their types), and the
 * preset in use is the selected row. */
static void
name_controls (FbkPeriodPicker *self,
               const char      *period_label)
{
  GtkStringObject *resolution = gtk_drop_down_get_selected_item (self->resolution_dropdown);
  /* Translators: the period button's name for screen readers, "Period: This Week" */
  g_autofree char *period = g_strdup_printf (_("Period: %s"), period_label);
  g_autofree char *resolution_name = NULL;

  fbk_a11y_set_menu_button (self->period_button, period);
  if (resolution != NULL)
    {
      /* Translators: the resolution drop-down's name for screen readers, "Resolution: Day" */
      resolution_name = g_strdup_printf (_("Resolution: %s"), gtk_string_object_get_string (resolution));
      fbk_a11y_name_controls (GTK_WIDGET (self->resolution_dropdown), resolution_name);
    }

  for (guint p = 0; p < FBK_PERIOD_N_PRESETS; p++)
    if (self->preset_checks[p] != NULL)
      gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_widget_get_ancestor (self->preset_checks[p],
                                                                             GTK_TYPE_LIST_BOX_ROW)),
                                   GTK_ACCESSIBLE_STATE_SELECTED, p == self->period.preset,
                                   -1);
}

static void
sync_widgets (FbkPeriodPicker *self)
{
  g_autofree char *label = fbk_period_format_label (&self->period);

  self->syncing = TRUE;

  gtk_label_set_label (self->period_label, label);
  if (self->period.preset != FBK_PERIOD_PRESET_CUSTOM)
    {
      g_autofree char *dates = fbk_period_format_dates (&self->period);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->period_button), dates);
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->period_button), _("Choose Period"));

  for (guint p = 0; p < FBK_PERIOD_N_PRESETS; p++)
    gtk_widget_set_opacity (self->preset_checks[p], p == self->period.preset ? 1.0 : 0.0);

  sync_step_action (self, FBK_PERIOD_STEP_BACK, "period.previous", GTK_WIDGET (self->previous_button));
  sync_step_action (self, FBK_PERIOD_STEP_FORWARD, "period.next", GTK_WIDGET (self->next_button));

  gtk_drop_down_set_selected (self->resolution_dropdown, resolution_position (self));
  name_controls (self, label);

  self->syncing = FALSE;
}

/* Takes @period (when not %NULL) and works out the resolution: the period's
 * default, unless the user chose one that still fits the period. Notifies
 * and emits ::changed once when anything changed. */
static void
update_selection (FbkPeriodPicker *self,
                  const FbkPeriod *period)
{
  gboolean period_changed = period != NULL && !fbk_period_equal (&self->period, period);
  gboolean follows_changed = FALSE;
  gboolean resolution_changed;
  FbkResolution resolution = self->resolution;

  if (period_changed)
    self->period = *period;

  if (!self->resolution_follows && !fbk_period_resolution_fits (&self->period, self->resolution))
    {
      self->resolution_follows = TRUE;
      follows_changed = TRUE;
    }

  if (self->resolution_follows)
    resolution = fbk_period_default_resolution (&self->period);

  resolution_changed = resolution != self->resolution;
  self->resolution = resolution;

  sync_widgets (self);

  if (period_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
  if (follows_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION_FOLLOWS_PERIOD]);
  if (resolution_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);

  if (period_changed || resolution_changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
choose_resolution (FbkPeriodPicker *self,
                   FbkResolution    resolution)
{
  gboolean changed = resolution != self->resolution;

  if (self->resolution_follows)
    {
      self->resolution_follows = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION_FOLLOWS_PERIOD]);
    }

  if (!changed)
    return;

  self->resolution = resolution;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->resolution_dropdown, resolution_position (self));
  self->syncing = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
show_custom_page (FbkPeriodPicker *self)
{
  self->custom_from = self->period.from;
  self->custom_to = self->period.to;

  self->syncing = TRUE;
  self->typed_invalid = FALSE;
  show_custom_date (self, self->from_calendar, self->from_entry, self->custom_from);
  show_custom_date (self, self->to_calendar, self->to_entry, self->custom_to);
  self->syncing = FALSE;

  gtk_stack_set_visible_child_name (self->calendar_stack, "from");
  gtk_stack_set_visible_child_name (self->popover_stack, "custom");
  sync_custom_page (self);
}

static GtkWidget *
create_preset_row (FbkPeriodPicker *self,
                   FbkPeriodPreset  preset)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  label = gtk_label_new (preset == FBK_PERIOD_PRESET_CUSTOM
                         ? _("Custom Range…")
                         : fbk_period_preset_get_label (preset));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  self->preset_checks[preset] = check;

  return box;
}

/* Alt+Left and Alt+Right step the period from anywhere in the window, as
 * the shortcuts window says, not only with the focus in the picker (a
 * class binding's scope); before the leaflet, whose back gesture takes
 * Alt+Left otherwise. */
static void
add_step_shortcuts (FbkPeriodPicker *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_ALT_MASK),
                                                          gtk_named_action_new ("period.previous")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, GDK_ALT_MASK),
                                                          gtk_named_action_new ("period.next")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* A row is named by its label, not after its type. */
static void
name_preset_rows (FbkPeriodPicker *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->preset_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      {
        FbkPeriodPreset preset = preset_of_row (GTK_LIST_BOX_ROW (row));

        gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        preset == FBK_PERIOD_PRESET_CUSTOM ? _("Custom Range…")
                                                                           : fbk_period_preset_get_label (preset),
                                        -1);
      }
}

/* GTK 4.8's calendar has four unnamed arrow buttons in its header:
 * month back and forward, then year back and forward. */
static void
name_calendar (GtkCalendar *calendar,
               const char  *name)
{
  const char *arrows[] = {
    _("Previous Month"), _("Next Month"), _("Previous Year"), _("Next Year"),
  };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *widget = GTK_WIDGET (calendar);

  gtk_accessible_update_property (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    for (GtkWidget *button = gtk_widget_get_first_child (child); button != NULL;
         button = gtk_widget_get_next_sibling (button))
      if (GTK_IS_BUTTON (button))
        g_ptr_array_add (buttons, button);

  if (buttons->len != G_N_ELEMENTS (arrows))
    return;
  for (guint i = 0; i < buttons->len; i++)
    gtk_accessible_update_property (g_ptr_array_index (buttons, i), GTK_ACCESSIBLE_PROPERTY_LABEL, arrows[i], -1);
}

/* Callbacks */

static void
separate_custom_row (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  if (preset_of_row (row) == FBK_PERIOD_PRESET_CUSTOM &&
      gtk_list_box_row_get_header (row) == NULL)
    gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
}

static void
on_preset_row_activated_cb (FbkPeriodPicker *self,
                            GtkListBoxRow   *row)
{
  FbkPeriodPreset preset = preset_of_row (row);
  FbkPeriod period;

  if (preset == FBK_PERIOD_PRESET_CUSTOM)
    {
      show_custom_page (self);
      return;
    }

  period = fbk_period_new_preset (preset, fbk_period_picker_get_now (self));
  gtk_popover_popdown (self->period_popover);
  update_selection (self, &period);
}

static void
on_from_day_selected_cb (FbkPeriodPicker *self)
{
  if (self->syncing)
    return;

  self->custom_from = calendar_get_date (self->from_calendar);
  self->typed_invalid = FALSE;
  show_custom_date (self, self->from_calendar, self->from_entry, self->custom_from);
  sync_custom_page (self);
  /* The start is chosen; the end is next. */
  gtk_stack_set_visible_child_name (self->calendar_stack, "to");
}

static void
on_to_day_selected_cb (FbkPeriodPicker *self)
{
  if (self->syncing)
    return;

  self->custom_to = calendar_get_date (self->to_calendar);
  self->typed_invalid = FALSE;
  show_custom_date (self, self->to_calendar, self->to_entry, self->custom_to);
  sync_custom_page (self);
}

/* Typing is picking: a whole date moves the calendar along; anything
 * else keeps Apply off and says how to write one. */
static void
on_typed_date_changed_cb (FbkPeriodPicker *self,
                          GtkEditable     *entry)
{
  gboolean is_from = entry == GTK_EDITABLE (self->from_entry);
  FbkDate date;

  if (self->syncing)
    return;

  self->typed_invalid = !parse_typed_date (gtk_editable_get_text (entry), &date);
  if (!self->typed_invalid)
    {
      if (is_from)
        self->custom_from = date;
      else
        self->custom_to = date;
      self->syncing = TRUE;
      calendar_set_date (is_from ? self->from_calendar : self->to_calendar, date);
      self->syncing = FALSE;
    }
  sync_custom_page (self);
}

static void
on_custom_back_clicked_cb (FbkPeriodPicker *self)
{
  gtk_stack_set_visible_child_name (self->popover_stack, "presets");
}

static void
on_period_popover_closed_cb (FbkPeriodPicker *self)
{
  gtk_stack_set_visible_child_full (self->popover_stack, "presets", GTK_STACK_TRANSITION_TYPE_NONE);
}

static void
on_resolution_selected_cb (FbkPeriodPicker *self)
{
  guint selected = gtk_drop_down_get_selected (self->resolution_dropdown);

  if (self->syncing || selected > FBK_N_RESOLUTIONS)
    return;

  if (selected == AUTOMATIC_POSITION)
    fbk_period_picker_set_resolution_follows_period (self, TRUE);
  else
    choose_resolution (self, (FbkResolution) (selected - 1));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FbkPeriodPicker *self = FBK_PERIOD_PICKER (widget);
  FbkPeriodStep step = g_str_equal (action_name, "period.previous") ? FBK_PERIOD_STEP_BACK
                                                                     : FBK_PERIOD_STEP_FORWARD;
  FbkPeriod stepped;

  if (fbk_period_step (&self->period, step, fbk_period_picker_get_now (self), &stepped, NULL))
    update_selection (self, &stepped);
}

static void
apply_custom_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FbkPeriodPicker *self = FBK_PERIOD_PICKER (widget);
  FbkPeriod period;

  /* The action is disabled while the range is illegal; check anyway, the
   * clock may have moved on since. */
  if (!fbk_period_new_custom (self->custom_from, self->custom_to,
                              fbk_period_picker_get_now (self), &period, NULL))
    {
      sync_custom_page (self);
      return;
    }

  gtk_popover_popdown (self->period_popover);
  update_selection (self, &period);
}

/* Overrides */

static void
fbk_period_picker_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FBK_TYPE_PERIOD_PICKER);

  G_OBJECT_CLASS (fbk_period_picker_parent_class)->dispose (object);
}

static void
fbk_period_picker_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FbkPeriodPicker *self = FBK_PERIOD_PICKER (object);

  switch (prop_id)
    {
    case PROP_PERIOD:
      g_value_set_boxed (value, &self->period);
      break;

    case PROP_RESOLUTION:
      g_value_set_uint (value, self->resolution);
      break;

    case PROP_RESOLUTION_FOLLOWS_PERIOD:
      g_value_set_boolean (value, self->resolution_follows);
      break;

    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_period_picker_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FbkPeriodPicker *self = FBK_PERIOD_PICKER (object);

  switch (prop_id)
    {
    case PROP_PERIOD:
      if (g_value_get_boxed (value) != NULL)
        fbk_period_picker_set_period (self, g_value_get_boxed (value));
      break;

    case PROP_RESOLUTION:
      fbk_period_picker_set_resolution (self, g_value_get_uint (value));
      break;

    case PROP_RESOLUTION_FOLLOWS_PERIOD:
      fbk_period_picker_set_resolution_follows_period (self, g_value_get_boolean (value));
      break;

    case PROP_NOW:
      fbk_period_picker_set_now (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_period_picker_class_init (FbkPeriodPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_period_picker_dispose;
  object_class->get_property = fbk_period_picker_get_property;
  object_class->set_property = fbk_period_picker_set_property;

  /* The chosen days. A preset is computed relative to FbkPeriodPicker:now. */
  properties[PROP_PERIOD] =
    g_param_spec_boxed ("period", NULL, NULL,
                        FBK_TYPE_PERIOD,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* An FbkResolution. Setting it is choosing it, as the user does. */
  properties[PROP_RESOLUTION] =
    g_param_spec_uint ("resolution", NULL, NULL,
                       0, FBK_N_RESOLUTIONS - 1, FBK_RESOLUTION_DAY,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* TRUE while the resolution is the period's default. It turns FALSE when
   * a resolution is chosen, and TRUE again when the period changes to one
   * the chosen resolution does not fit (hours over a year, say). */
  properties[PROP_RESOLUTION_FOLLOWS_PERIOD] =
    g_param_spec_boolean ("resolution-follows-period", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The time presets and limits are reckoned from; FBK_INSTANT_INVALID,
   * the default, means the clock. For tests. */
  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL,
                        G_MININT64, G_MAXINT64, FBK_INSTANT_INVALID,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-period-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, previous_button);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, next_button);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, period_button);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, period_label);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, resolution_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, period_popover);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, popover_stack);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, preset_list);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, calendar_stack);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, from_entry);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, to_entry);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, custom_summary_label);
  gtk_widget_class_bind_template_child (widget_class, FbkPeriodPicker, custom_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_preset_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_from_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_to_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_typed_date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_period_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_resolution_selected_cb);

  gtk_widget_class_install_action (widget_class, "period.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "period.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "period.apply-custom", NULL, apply_custom_action);

  gtk_widget_class_set_css_name (widget_class, "fbk-period-picker");
}

static void
fbk_period_picker_init (FbkPeriodPicker *self)
{
  self->now = FBK_INSTANT_INVALID;
  self->resolution_follows = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int p = FBK_PERIOD_PRESET_CUSTOM + 1; p < FBK_PERIOD_N_PRESETS; p++)
    gtk_list_box_append (self->preset_list, create_preset_row (self, (FbkPeriodPreset) p));
  gtk_list_box_append (self->preset_list, create_preset_row (self, FBK_PERIOD_PRESET_CUSTOM));
  gtk_list_box_set_header_func (self->preset_list, separate_custom_row, NULL, NULL);
  add_step_shortcuts (self);
  name_preset_rows (self);
  name_calendar (self->from_calendar, C_("custom range", "From"));
  name_calendar (self->to_calendar, C_("custom range", "To"));
  fbk_a11y_drop_down_one_stop (self->resolution_dropdown);

  self->period = fbk_period_new_preset (FBK_PERIOD_DEFAULT_PRESET, fbk_period_picker_get_now (self));
  self->resolution = fbk_period_default_resolution (&self->period);
  sync_widgets (self);
}

/* Public API */

GtkWidget *
fbk_period_picker_new (void)
{
  return g_object_new (FBK_TYPE_PERIOD_PICKER, NULL);
}

const FbkPeriod *
fbk_period_picker_get_period (FbkPeriodPicker *self)
{
  g_return_val_if_fail (FBK_IS_PERIOD_PICKER (self), NULL);

  return &self->period;
}

/**
 * fbk_period_picker_set_period:
 *
 * Shows @period. A preset is computed afresh relative to
 * FbkPeriodPicker:now; a custom range must be legal at that time.
 */
void
fbk_period_picker_set_period (FbkPeriodPicker *self,
                              const FbkPeriod *period)
{
  g_autoptr(GError) error = NULL;
  FbkInstant now;
  FbkPeriod checked;

  g_return_if_fail (FBK_IS_PERIOD_PICKER (self));
  g_return_if_fail (period != NULL);

  now = fbk_period_picker_get_now (self);

  if (period->preset != FBK_PERIOD_PRESET_CUSTOM)
    checked = fbk_period_new_preset (period->preset, now);
  else if (!fbk_period_new_custom (period->from, period->to, now, &checked, &error))
    {
      g_warning ("Not showing an illegal period: %s", error->message);
      return;
    }

  update_selection (self, &checked);
}

FbkResolution
fbk_period_picker_get_resolution (FbkPeriodPicker *self)
{
  g_return_val_if_fail (FBK_IS_PERIOD_PICKER (self), FBK_RESOLUTION_DAY);

  return self->resolution;
}

/**
 * fbk_period_picker_set_resolution:
 *
 * Chooses @resolution as the user does: it stays while the period changes,
 * as long as it fits the period.
 */
void
fbk_period_picker_set_resolution (FbkPeriodPicker *self,
                                  FbkResolution    resolution)
{
  g_return_if_fail (FBK_IS_PERIOD_PICKER (self));
  g_return_if_fail (resolution < FBK_N_RESOLUTIONS);

  choose_resolution (self, resolution);
}

gboolean
fbk_period_picker_get_resolution_follows_period (FbkPeriodPicker *self)
{
  g_return_val_if_fail (FBK_IS_PERIOD_PICKER (self), TRUE);

  return self->resolution_follows;
}

void
fbk_period_picker_set_resolution_follows_period (FbkPeriodPicker *self,
                                                 gboolean         follows)
{
  g_return_if_fail (FBK_IS_PERIOD_PICKER (self));

  follows = !!follows;
  if (self->resolution_follows == follows)
    return;

  self->resolution_follows = follows;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION_FOLLOWS_PERIOD]);
  update_selection (self, NULL);
}

/**
 * fbk_period_picker_get_now:
 *
 * Returns: the time presets and limits are reckoned from: FbkPeriodPicker:now
 *   when set, else the clock
 */
FbkInstant
fbk_period_picker_get_now (FbkPeriodPicker *self)
{
  g_return_val_if_fail (FBK_IS_PERIOD_PICKER (self), FBK_INSTANT_INVALID);

  if (self->now != FBK_INSTANT_INVALID)
    return self->now;

  return g_get_real_time () / G_USEC_PER_SEC;
}

void
fbk_period_picker_set_now (FbkPeriodPicker *self,
                           FbkInstant       now)
{
  FbkPeriod period;

  g_return_if_fail (FBK_IS_PERIOD_PICKER (self));

  if (self->now == now)
    return;

  self->now = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);

  /* A preset means days relative to now; a custom range keeps its days. */
  if (self->period.preset != FBK_PERIOD_PRESET_CUSTOM)
    period = fbk_period_new_preset (self->period.preset, fbk_period_picker_get_now (self));
  else
    period = self->period;

  update_selection (self, &period);
}

/**
 * fbk_period_picker_set_shows_resolution:
 *
 * Hides the resolution menu for a view that has no use for it (Max
 * Hours); the resolution itself is kept.
 */
void
fbk_period_picker_set_shows_resolution (FbkPeriodPicker *self,
                                        gboolean         shows)
{
  g_return_if_fail (FBK_IS_PERIOD_PICKER (self));

  gtk_widget_set_visible (GTK_WIDGET (self->resolution_dropdown), shows);
}
