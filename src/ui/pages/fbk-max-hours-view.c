/* fbk-max-hours-view.c: the monthly max hours and capacity steps, as a
 * coach or as a table
 *
 * The coach: the months newest first, one row each that reads at 360 px
 * (step and price, top-3 average, headroom and what the next step costs
 * more, in progress or partial); the selected month's daily peaks with the
 * three days that count and the step's limits, what one step lower would
 * have taken and saved, and for the month in progress the hour to keep
 * under and where last year's pace would end it. Above, what each year's
 * steps cost. The words are fbk-max-hours-text.c's, the figures core's.
 *
 * The table (max-hours.show-table): a GtkColumnView with one row per month
 * (and meter): the month and whether it is complete and verified, the
 * three peak hours on three different days, their average, the capacity
 * step with its price and the headroom to the next step. All columns share
 * one cell factory: each column is told which field it shows, so
 * formatting lives in one place.
 *
 * The Max Hours page of the main view: it needs the hourly consumption and
 * Elvia's own max hours (fbk_repository_fetch_max_hours_async()), and loads
 * the rest of the period's first and last month and the month in progress
 * a year before itself (FbkMaxHoursLoader).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-max-hours-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "fbk-a11y.h"
#include "fbk-chart-build.h"
#include "fbk-chart-daily-peaks.h"
#include "fbk-chart-view.h"
#include "fbk-format.h"
#include "fbk-max-hours-item.h"
#include "fbk-max-hours-loader.h"
#include "fbk-max-hours-text.h"
#include "fbk-max-hours-view.h"
#include "fbk-period.h"

typedef enum
{
  COLUMN_MONTH,
  COLUMN_METER,
  COLUMN_HOUR_1,
  COLUMN_HOUR_2,
  COLUMN_HOUR_3,
  COLUMN_AVERAGE,
  COLUMN_STEP,
  COLUMN_HEADROOM,
  N_COLUMNS
} Column;

struct _FbkMaxHoursView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkStack          *stack;
  GtkStack          *mode_stack;
  GtkColumnView     *column_view;
  GtkListBox        *months_list;
  FbkChartView      *peaks_chart;
  GtkLabel          *peaks_title;
  GtkLabel          *step_label;
  GtkLabel          *figures_label;
  GtkLabel          *saving_label;
  GtkLabel          *keep_under_label;
  GtkLabel          *projection_label;
  GtkLabel          *years_label;

  /* Owned references */
  GListStore        *items;       /* FbkMaxHoursItem, newest month first */
  GtkSelectionModel *selection;   /* of items; the column view's only while mapped */
  FbkChartModel     *peaks_model;
  FbkTariffBook     *book;
  FbkMaxHoursLoader *loader;
  FbkRepository     *repository;  /* of the page data shown */
  GtkColumnViewColumn *columns[N_COLUMNS];
  /* What is shown, for the Export menu: a GArray of FbkMaxHoursRow for
   * each meter of ids, in the same order, oldest month first. */
  GStrv              ids;
  GPtrArray         *rows;
  GPtrArray         *months;      /* FbkSeries per meter: the whole months, for the chart */
  /* The page data kept for rebuilding when the rest of the months come:
   * per meter its name, the period's values (or NULL) and Elvia's report
   * (or NULL, owned by reports_owner). */
  GPtrArray         *hourly_names;
  GPtrArray         *period_values;
  GPtrArray         *reports;
  GPtrArray         *reports_owner;
  FbkInstant         from;
  FbkInstant         to;
  FbkInstant         now;

  gboolean           show_table;
  /* The month shown in detail, kept across rebuilds: its meter and month. */
  guint              selected_meter;
  int                selected_year;
  int                selected_month;
};

enum {
  PROP_0,
  PROP_SHOW_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild   (FbkMaxHoursView *self);
static void load_rest (FbkMaxHoursView *self);

static void fbk_max_hours_view_page_init (FbkPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FbkMaxHoursView, fbk_max_hours_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FBK_TYPE_PAGE, fbk_max_hours_view_page_init))

static const char *
column_title (Column column)
{
  switch (column)
    {
    case COLUMN_MONTH: return _("Month");
    case COLUMN_METER: return _("Metering Point");
    case COLUMN_HOUR_1: return _("Highest Hour");
    case COLUMN_HOUR_2: return _("Second");
    case COLUMN_HOUR_3: return _("Third");
    case COLUMN_AVERAGE: return _("Average");
    case COLUMN_STEP: return _("Capacity Step");
    case COLUMN_HEADROOM: return _("Headroom");
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static char *
format_hour (const FbkMaxHour *hour)
{
  /* Translators: a peak hour: its date and clock hour, see strftime(3). */
  g_autofree char *when = fbk_format_instant (hour->start, C_("max hour", "%a %-d %b %H:%M"));
  g_autofree char *kwh = fbk_format_number (hour->kwh, 2);

  /* Translators: a peak hour on one line and its energy on the next,
   * e.g. "Tue 3 Nov 17:00\n6.51 kWh". */
  return g_strdup_printf (C_("max hour with energy", "%s\n%s kWh"), when, kwh);
}

static char *
format_step (const FbkMaxHoursRow *row,
             char                **out_tooltip)
{
  const FbkTariffStep *step;
  g_autofree char *lower = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *valid_from = NULL;
  g_autofree char *range = NULL;
  g_autofree char *kr = NULL;

  if (row->step == 0)
    return g_strdup ("–");

  step = fbk_tariff_table_get_step (row->table, row->step);
  lower = fbk_format_number (step->lower, 0);
  valid_from = fbk_period_format_date (row->table->valid_from);

  /* Translators: where a capacity step comes from: the tariff table's date. */
  *out_tooltip = g_strdup_printf (_("Tariff table from %s"), valid_from);

  if (!isfinite (step->upper))
    /* Translators: a capacity step and its range, e.g. "Step 10 (over 100 kW)". */
    range = g_strdup_printf (_("Step %u (over %s kW)"), row->step, lower);
  else
    {
      upper = fbk_format_number (step->upper, 0);
      /* Translators: a capacity step and its range, e.g. "Step 3 (5–10 kW)". */
      range = g_strdup_printf (_("Step %u (%s–%s kW)"), row->step, lower, upper);
    }

  if (row->partial)
    return g_strdup_printf ("%s\n%s", range, _("Not a whole month"));
  if (isnan (row->step_price_kr))
    return g_strdup_printf ("%s\n%s", range, _("Price unknown"));
  kr = fbk_max_hours_text_kr (row->step_price_kr);
  return g_strdup_printf ("%s\n%s", range, kr);
}

static char *
format_status (const FbkMaxHoursRow *row,
               char                **out_tooltip)
{
  GString *tooltip = g_string_new (NULL);
  const char *text;

  if (row->partial)
    text = _("Partial");
  else if (!row->complete)
    text = _("In progress");
  else if (!row->shown.all_verified)
    text = _("Not verified");
  else
    text = _("Final");

  g_string_append (tooltip, row->has_api ? _("Figures from Elvia.") : _("Computed by Forbruk from hourly values."));
  if (row->partial)
    {
      g_autofree char *covered = fbk_max_hours_text_covered (row);

      g_string_append_printf (tooltip, "\n%s", covered);
    }
  if (row->shown.provisional)
    g_string_append_printf (tooltip, "\n%s", _("Fewer than three days have values so far."));
  if (!row->shown.all_verified)
    g_string_append_printf (tooltip, "\n%s", _("Some of these hours are not verified yet. "
                                               "Meters in Innlandet are always reported as unverified."));
  if (row->has_api && row->has_local && row->difference != FBK_MAX_HOURS_SAME)
    {
      g_autofree char *local = fbk_format_number (row->local.average, 2);

      g_string_append_printf (tooltip, "\n");
      /* Translators: shown when Elvia's max hours differ from Forbruk's own computation. */
      g_string_append_printf (tooltip, _("Forbruk's own computation differs: average %s kW."), local);
      text = _("Differs");
    }

  *out_tooltip = g_string_free (tooltip, FALSE);
  return g_strdup (text);
}

static char *
format_cell (FbkMaxHoursItem *item,
             Column           column,
             char           **out_tooltip)
{
  const FbkMaxHoursRow *row = fbk_max_hours_item_get_row (item);

  *out_tooltip = NULL;

  switch (column)
    {
    case COLUMN_MONTH:
      {
        /* The status sits under the month rather than in a column of its
         * own, so the table fits the window's default width. */
        FbkDate first = { row->year, row->month, 1 };
        g_autofree char *month = fbk_format_instant (fbk_time_oslo_midnight (first), C_("month period", "%B %Y"));
        g_autofree char *status = format_status (row, out_tooltip);

        /* Translators: a month in the max-hours table with its status on
         * the next line, e.g. "November 2026\nIn progress". */
        return g_strdup_printf (C_("max hours month with status", "%s\n%s"), month, status);
      }

    case COLUMN_METER:
      return g_strdup (fbk_max_hours_item_get_meter_name (item));

    case COLUMN_HOUR_1:
    case COLUMN_HOUR_2:
    case COLUMN_HOUR_3:
      {
        guint rank = column - COLUMN_HOUR_1;

        if (rank >= row->shown.n_hours)
          return g_strdup ("–");
        if (!row->shown.hours[rank].verified)
          *out_tooltip = g_strdup (_("Not verified yet"));
        return format_hour (&row->shown.hours[rank]);
      }

    case COLUMN_AVERAGE:
      {
        g_autofree char *average = fbk_format_number (row->shown.average, 2);

        if (row->shown.provisional)
          *out_tooltip = g_strdup (_("Provisional: fewer than three days have values"));
        return g_strdup_printf (C_("quantity", "%s %s"), average, C_("unit of power", "kW"));
      }

    case COLUMN_STEP:
      return format_step (row, out_tooltip);

    case COLUMN_HEADROOM:
      {
        g_autofree char *headroom = NULL;
        g_autofree char *kw = NULL;
        g_autofree char *more = NULL;

        /* A partial month's step is only a floor: no headroom from it. */
        if (row->step == 0 || row->partial || !isfinite (row->headroom))
          return g_strdup ("–");
        headroom = fbk_format_number (row->headroom, 2);
        kw = g_strdup_printf (C_("quantity", "%s %s"), headroom, C_("unit of power", "kW"));
        if (isnan (row->step_price_kr) || isnan (row->next_step_price_kr))
          {
            *out_tooltip = g_strdup (_("How much the average can rise before the next step"));
            return g_steal_pointer (&kw);
          }

        *out_tooltip = g_strdup (_("How much the average can rise before the next step, "
                                   "and how much more the next step costs a month"));
        more = fbk_max_hours_text_kr (row->next_step_price_kr - row->step_price_kr);
        /* Translators: the headroom to the next capacity step and what
         * that step costs more, e.g. "0.08 kW\n165 kr more". */
        return g_strdup_printf (C_("headroom with next step's cost", "%s\n%s more"), kw, more);
      }

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* Tooltips are made when asked for: setting one on each label as rows are
 * bound makes GTK look for the widget under the pointer every time, which
 * made filling the table slow. */
static gboolean
on_query_cell_tooltip_cb (GtkWidget  *label,
                          int         x,
                          int         y,
                          gboolean    keyboard_mode,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (label), "fbk-list-item");
  FbkMaxHoursItem *item = list_item != NULL ? gtk_list_item_get_item (list_item) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;

  if (item == NULL)
    return FALSE;

  text = format_cell (item, GPOINTER_TO_UINT (user_data), &tip);
  if (tip == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, tip);
  return TRUE;
}

static void
on_setup_cell_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  Column column = GPOINTER_TO_UINT (user_data);

  /* The list item owns the label, so it outlives the pointer. */
  g_object_set_data (G_OBJECT (label), "fbk-list-item", list_item);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_query_cell_tooltip_cb), user_data);

  if (column == COLUMN_AVERAGE || column == COLUMN_HEADROOM)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (list_item, label);
}

/* GTK 4.8 names a table's cells and rows after their types and has no way
 * to relate a cell to its column's header: each cell says its header,
 * each row its month. */
static void
name_cell (GtkWidget  *label,
           Column      column,
           const char *text)
{
  GtkWidget *cell = gtk_widget_get_parent (label);
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;
  /* Translators: a table cell for screen readers, its column and its
   * text: "Average: 9.92 kW" */
  g_autofree char *name = g_strdup_printf (_("%s: %s"), column_title (column), text);

  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (cell == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (column == COLUMN_MONTH && row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
on_bind_cell_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  FbkMaxHoursItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *tooltip = NULL;
  g_autofree char *text = format_cell (item, GPOINTER_TO_UINT (user_data), &tooltip);

  gtk_label_set_text (GTK_LABEL (label), text);
  name_cell (label, GPOINTER_TO_UINT (user_data), text);
  /* What the tooltip says, for screen readers. */
  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
add_columns (FbkMaxHoursView *self)
{
  for (Column column = 0; column < N_COLUMNS; column++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cell_cb), GUINT_TO_POINTER (column));
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cell_cb), GUINT_TO_POINTER (column));

      self->columns[column] = gtk_column_view_column_new (column_title (column), factory);
      gtk_column_view_column_set_resizable (self->columns[column], TRUE);
      gtk_column_view_column_set_expand (self->columns[column],
                                         column >= COLUMN_HOUR_1 && column <= COLUMN_HOUR_3);
      gtk_column_view_append_column (self->column_view, self->columns[column]);
    }

}


/* A month of the coach's list: the month (and meter, with several), its
 * step and price, its figures and whether it is over; wrapped, so it reads
 * at 360 px. */
static GtkWidget *
create_month_row_cb (gpointer item,
                     gpointer user_data)
{
  FbkMaxHoursView *self = user_data;
  const FbkMaxHoursRow *row = fbk_max_hours_item_get_row (item);
  g_autofree char *month = fbk_max_hours_text_month (row);
  g_autofree char *step = fbk_max_hours_text_step (row);
  g_autofree char *figures = fbk_max_hours_text_figures (row);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  GtkWidget *widget = adw_action_row_new ();

  if (gtk_column_view_column_get_visible (self->columns[COLUMN_METER]))
    /* Translators: a month and the meter it is of, "December 2026 · Cabin". */
    title = g_strdup_printf (_("%s · %s"), month, fbk_max_hours_item_get_meter_name (item));
  else
    title = g_steal_pointer (&month);

  if (row->in_progress)
    subtitle = g_strdup_printf ("%s\n%s\n%s", step, figures, _("In progress"));
  else
    subtitle = g_strdup_printf ("%s\n%s", step, figures);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);
  /* Titles are plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widget), TRUE);
  return widget;
}

/* The selected month in detail: its step, the daily peaks with the three
 * days that count and the step's limits, the saving, and for the month in
 * progress the keep-under limit and the projection. */
static void
show_month (FbkMaxHoursView *self,
            FbkMaxHoursItem *item)
{
  const FbkMaxHoursRow *row = fbk_max_hours_item_get_row (item);
  guint meter = fbk_max_hours_item_get_meter_index (item);
  FbkSeries *months = meter < self->months->len ? g_ptr_array_index (self->months, meter) : NULL;
  const FbkInterval *intervals = NULL;
  FbkMaxHour last_year[FBK_MAX_HOURS_DAYS_IN_MONTH];
  guint n_last_year = fbk_max_hours_loader_get_last_year (self->loader, meter, last_year);
  g_autofree char *month_name = fbk_max_hours_text_month (row);
  g_autofree char *title = NULL;
  g_autofree char *step = fbk_max_hours_text_step (row);
  g_autofree char *figures = fbk_max_hours_text_figures (row);
  g_autofree char *saving = fbk_max_hours_text_saving (row);
  g_autofree char *keep_under = fbk_max_hours_text_keep_under (row, self->now);
  g_autofree char *projection = NULL;
  g_autofree char *chart_name = NULL;
  FbkMaxHours max_hours;
  guint n = 0;

  self->selected_meter = meter;
  self->selected_year = row->year;
  self->selected_month = row->month;

  if (months != NULL)
    intervals = fbk_series_get_intervals (months, &n);
  if (fbk_chart_daily_peaks_fill (self->peaks_model, fbk_max_hours_item_get_meter_name (item),
                                  row->year, row->month, intervals, n, &max_hours))
    /* Translators: the legend of the three days whose highest hours set
     * the month's capacity step. */
    fbk_chart_daily_peaks_add_steps (self->peaks_model, &max_hours, row->table, _("The three that count"));
  gtk_widget_set_visible (GTK_WIDGET (self->peaks_chart), n > 0);

  if (gtk_column_view_column_get_visible (self->columns[COLUMN_METER]))
    /* Translators: heading of a month in detail, "December 2026 · Cabin". */
    title = g_strdup_printf (_("%s · %s"), month_name, fbk_max_hours_item_get_meter_name (item));
  else
    title = g_steal_pointer (&month_name);
  gtk_label_set_text (self->peaks_title, title);
  /* Translators: the daily peaks chart's name for screen readers; %s is
   * the heading above it, a month (and meter). */
  chart_name = g_strdup_printf (_("Daily Peaks in %s"), title);
  fbk_chart_view_set_name (self->peaks_chart, chart_name);
  gtk_label_set_text (self->step_label, step);
  gtk_label_set_text (self->figures_label, figures);
  gtk_label_set_text (self->saving_label, saving);
  gtk_label_set_text (self->keep_under_label, keep_under != NULL ? keep_under : "");
  gtk_widget_set_visible (GTK_WIDGET (self->keep_under_label), keep_under != NULL);

  if (row->in_progress && !fbk_max_hours_loader_has_last_year (self->loader))
    projection = g_strdup (_("Looking up the same month last year…"));
  else
    projection = fbk_max_hours_text_projection (row, last_year, n_last_year, self->book, self->now);
  gtk_label_set_text (self->projection_label, projection != NULL ? projection : "");
  gtk_widget_set_visible (GTK_WIDGET (self->projection_label), projection != NULL);
}

/* What each year's steps cost, for the meter of the month in detail,
 * newest year first. */
static void
show_years (FbkMaxHoursView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GArray *rows;

  /* Emptied rather than hidden, so that the Table button keeps its place
   * at the end of the row. */
  if (self->selected_meter >= self->rows->len)
    {
      gtk_label_set_text (self->years_label, "");
      return;
    }

  rows = g_ptr_array_index (self->rows, self->selected_meter);
  for (guint i = rows->len; i > 0; i--)
    {
      const FbkMaxHoursRow *row = &g_array_index (rows, FbkMaxHoursRow, i - 1);
      g_autofree char *year = NULL;

      if (i < rows->len && g_array_index (rows, FbkMaxHoursRow, i).year == row->year)
        continue;
      year = fbk_max_hours_text_year (rows, row->year);
      if (year != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", year);
    }

  gtk_label_set_text (self->years_label, text->str);
}

static void
on_month_selected_cb (GtkListBox      *list,
                      GtkListBoxRow   *list_row,
                      FbkMaxHoursView *self)
{
  g_autoptr(FbkMaxHoursItem) item = NULL;

  if (list_row == NULL)
    return;

  item = g_list_model_get_item (G_LIST_MODEL (self->items), gtk_list_box_row_get_index (list_row));
  if (item == NULL)
    return;
  show_month (self, item);
  show_years (self);
}

/* The row of the month shown before, or the newest. */
static void
select_month (FbkMaxHoursView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint index = 0;
  GtkListBoxRow *list_row;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FbkMaxHoursItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const FbkMaxHoursRow *row = fbk_max_hours_item_get_row (item);

      if (fbk_max_hours_item_get_meter_index (item) == self->selected_meter &&
          row->year == self->selected_year && row->month == self->selected_month)
        {
          index = i;
          break;
        }
    }

  list_row = gtk_list_box_get_row_at_index (self->months_list, index);
  if (list_row != NULL)
    gtk_list_box_select_row (self->months_list, list_row);
  else if (n > 0)
    {
      /* Unmapped, the list has no rows: the detail is made all the same. */
      g_autoptr(FbkMaxHoursItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), index);

      show_month (self, item);
      show_years (self);
    }
}

/* Even unmapped, a GtkColumnView makes and binds a row of cells for every
 * item it may show, and a bound GtkListBox a row for each: three years of
 * three meters are over a hundred rows and a thousand labels, rebuilt with
 * each answer of a long fetch. While the page is not on screen its lists
 * have no model, so filling them costs nothing until it is shown. */
static void
fbk_max_hours_view_map (GtkWidget *widget)
{
  FbkMaxHoursView *self = FBK_MAX_HOURS_VIEW (widget);

  gtk_column_view_set_model (self->column_view, self->selection);
  gtk_list_box_bind_model (self->months_list, G_LIST_MODEL (self->items), create_month_row_cb, self, NULL);
  select_month (self);
  load_rest (self);
  GTK_WIDGET_CLASS (fbk_max_hours_view_parent_class)->map (widget);
}

static void
fbk_max_hours_view_unmap (GtkWidget *widget)
{
  FbkMaxHoursView *self = FBK_MAX_HOURS_VIEW (widget);

  GTK_WIDGET_CLASS (fbk_max_hours_view_parent_class)->unmap (widget);
  gtk_column_view_set_model (self->column_view, NULL);
  gtk_list_box_bind_model (self->months_list, NULL, NULL, NULL, NULL);
}

static void
fbk_max_hours_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FbkMaxHoursView *self = FBK_MAX_HOURS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, self->show_table);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_max_hours_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FbkMaxHoursView *self = FBK_MAX_HOURS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      if (self->show_table != g_value_get_boolean (value))
        {
          self->show_table = g_value_get_boolean (value);
          gtk_stack_set_visible_child_name (self->mode_stack, self->show_table ? "table" : "coach");
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_max_hours_view_dispose (GObject *object)
{
  FbkMaxHoursView *self = FBK_MAX_HOURS_VIEW (object);

  if (self->loader != NULL)
    g_signal_handlers_disconnect_by_data (self->loader, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_MAX_HOURS_VIEW);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&self->columns[i]);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->peaks_model);
  g_clear_object (&self->book);
  g_clear_object (&self->loader);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->ids, g_strfreev);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->months, g_ptr_array_unref);
  g_clear_pointer (&self->hourly_names, g_ptr_array_unref);
  g_clear_pointer (&self->period_values, g_ptr_array_unref);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  g_clear_pointer (&self->reports_owner, g_ptr_array_unref);

  G_OBJECT_CLASS (fbk_max_hours_view_parent_class)->dispose (object);
}

static void
fbk_max_hours_view_class_init (FbkMaxHoursViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_max_hours_view_dispose;
  object_class->get_property = fbk_max_hours_view_get_property;
  object_class->set_property = fbk_max_hours_view_set_property;
  widget_class->map = fbk_max_hours_view_map;
  widget_class->unmap = fbk_max_hours_view_unmap;

  /**
   * FbkMaxHoursView:show-table:
   *
   * Every month with all its columns instead of the coach.
   */
  properties[PROP_SHOW_TABLE] =
    g_param_spec_boolean ("show-table", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "max-hours.show-table", "show-table");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-max-hours-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, stack);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, column_view);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, months_list);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, peaks_chart);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, peaks_title);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, step_label);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, figures_label);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, saving_label);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, keep_under_label);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, projection_label);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, years_label);
  gtk_widget_class_bind_template_callback (widget_class, on_month_selected_cb);

  g_type_ensure (FBK_TYPE_CHART_VIEW);
}


static void
unref_if_any (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
on_loader_loaded_cb (FbkMaxHoursLoader *loader,
                     FbkMaxHoursView   *self)
{
  rebuild (self);
}

static void
fbk_max_hours_view_init (FbkMaxHoursView *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (FBK_TYPE_MAX_HOURS_ITEM);
  self->peaks_model = fbk_chart_model_new ();
  fbk_chart_view_set_model (self->peaks_chart, self->peaks_model);
  self->book = fbk_tariff_book_new_default (&error);
  if (self->book == NULL)
    g_critical ("The tariff tables shipped with Forbruk are broken: %s", error->message);
  self->loader = fbk_max_hours_loader_new ();
  g_signal_connect (self->loader, "loaded", G_CALLBACK (on_loader_loaded_cb), self);
  self->selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items))));
  add_columns (self);
  /* Its list, where the focus goes, is named after its type otherwise. */
  fbk_a11y_name_controls (GTK_WIDGET (self->column_view), _("Max hours by month"));
  gtk_column_view_column_set_visible (self->columns[COLUMN_METER], FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->months = g_ptr_array_new_with_free_func (g_object_unref);
  self->hourly_names = g_ptr_array_new_with_free_func (g_free);
  self->period_values = g_ptr_array_new_with_free_func ((GDestroyNotify) unref_if_any);
  self->reports = g_ptr_array_new ();
  self->ids = g_new0 (char *, 1);
}

/* Shows the meters' months (self->rows), newest first, replacing what was
 * shown, in one change of the lists: a long fetch replaces them with every
 * answer. */
static void
show_rows (FbkMaxHoursView *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_meters_with_rows = 0;
  guint n_months = 0;

  for (guint m = 0; m < self->rows->len; m++)
    {
      GArray *rows = g_ptr_array_index (self->rows, m);

      n_months = MAX (n_months, rows->len);
      n_meters_with_rows += rows->len > 0;
    }

  /* Month by month from the newest, each month's meters together. */
  for (guint back = 1; back <= n_months; back++)
    {
      for (guint m = 0; m < self->rows->len; m++)
        {
          GArray *rows = g_ptr_array_index (self->rows, m);

          if (back <= rows->len)
            g_ptr_array_add (items, fbk_max_hours_item_new (g_ptr_array_index (self->hourly_names, m), m,
                                                            &g_array_index (rows, FbkMaxHoursRow, rows->len - back)));
        }
    }

  gtk_column_view_column_set_visible (self->columns[COLUMN_METER], n_meters_with_rows > 1);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "months" : "empty");
  if (items->len > 0)
    select_month (self);
}

/**
 * fbk_max_hours_view_get_items:
 *
 * Returns: (transfer none): the months shown, newest first, as
 *   FbkMaxHoursItem
 */
GListModel *
fbk_max_hours_view_get_items (FbkMaxHoursView *self)
{
  g_return_val_if_fail (FBK_IS_MAX_HOURS_VIEW (self), NULL);

  return G_LIST_MODEL (self->items);
}

/* ------------------------------------------------------------------------ */
/* FbkPage                                                                  */
/* ------------------------------------------------------------------------ */

static FbkPageNeeds
fbk_max_hours_view_get_needs (FbkPage *page)
{
  return FBK_PAGE_NEEDS_CONSUMPTION | FBK_PAGE_NEEDS_MAX_HOURS;
}

/* Each meter's months again from what there is now: the period's values
 * with the rest of its months as far as they have arrived. */
static void
rebuild (FbkMaxHoursView *self)
{
  FbkInstant whole_from = fbk_max_hours_loader_get_from (self->loader);
  FbkInstant whole_to = fbk_max_hours_loader_get_to (self->loader);

  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; self->ids[i] != NULL; i++)
    {
      FbkSeries *period_values = i < self->period_values->len ? g_ptr_array_index (self->period_values, i) : NULL;
      g_autoptr(FbkSeries) months = fbk_max_hours_loader_dup_months (self->loader, i, period_values);
      gboolean whole = months != period_values || whole_from == self->from;

      /* Until the rest of the months is there, the period is all there is,
       * and its edge months are partial. */
      g_ptr_array_add (self->rows, fbk_max_hours_table_build (months,
                                                              i < self->reports->len ? g_ptr_array_index (self->reports, i) : NULL,
                                                              whole ? whole_from : self->from,
                                                              whole ? MAX (self->to, whole_to) : self->to,
                                                              self->now, self->book));
      if (i < self->months->len)
        g_ptr_array_remove_index (self->months, i);
      g_ptr_array_insert (self->months, i, months != NULL ? g_object_ref (months) : fbk_series_new (self->ids[i], FBK_DIRECTION_CONSUMPTION));
    }
  show_rows (self);
}

/* The rest of the period's months and last year's, only for a page on
 * screen: the other pages' periods are not to cost requests for it. */
static void
load_rest (FbkMaxHoursView *self)
{
  if (self->repository != NULL && self->from < self->to)
    fbk_max_hours_loader_want (self->loader, self->repository, (const char * const *) self->ids,
                               self->from, self->to, self->now);
}

static void
fbk_max_hours_view_show (FbkPage           *page,
                         const FbkPageData *data)
{
  FbkMaxHoursView *self = FBK_MAX_HOURS_VIEW (page);
  GPtrArray *consumption = data->hourly[FBK_DIRECTION_CONSUMPTION];

  g_strfreev (self->ids);
  self->ids = g_strdupv ((char **) data->meter_ids);
  self->from = data->from;
  self->to = data->to;
  self->now = data->now;
  g_ptr_array_set_size (self->hourly_names, 0);
  g_ptr_array_set_size (self->period_values, 0);
  g_ptr_array_set_size (self->reports, 0);
  g_ptr_array_set_size (self->months, 0);
  for (guint i = 0; data->meter_ids[i] != NULL; i++)
    {
      FbkSeries *series = consumption != NULL && i < consumption->len ? g_ptr_array_index (consumption, i) : NULL;

      g_ptr_array_add (self->hourly_names, g_strdup (data->meter_names[i]));
      g_ptr_array_add (self->period_values, series != NULL ? g_object_ref (series) : NULL);
      g_ptr_array_add (self->reports, (gpointer) fbk_max_hours_reports_find (data->max_hours_reports, data->meter_ids[i]));
    }
  /* The reports belong to the page data: kept alive with it. */
  g_clear_pointer (&self->reports_owner, g_ptr_array_unref);
  if (data->max_hours_reports != NULL)
    self->reports_owner = g_ptr_array_ref (data->max_hours_reports);

  g_set_object (&self->repository, data->repository);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_rest (self);
  rebuild (self);
}

static FbkChartView *
fbk_max_hours_view_get_chart (FbkPage *page)
{
  return fbk_max_hours_view_get_daily_peaks_chart (FBK_MAX_HOURS_VIEW (page));
}

static gboolean
fbk_max_hours_view_has_data (FbkPage *page)
{
  FbkMaxHoursView *self = FBK_MAX_HOURS_VIEW (page);

  for (guint i = 0; i < self->rows->len; i++)
    {
      if (((GArray *) g_ptr_array_index (self->rows, i))->len > 0)
        return TRUE;
    }
  return FALSE;
}

/* The rows of the table, the same as `forbruk-cli maxhours --format csv`;
 * a row a month is little to write, and the tariff steps belong to the
 * view, so it is written at once. */
static FbkCsvJob *
fbk_max_hours_view_create_csv_job (FbkPage     *page,
                                   FbkCsvStyle  style)
{
  FbkMaxHoursView *self = FBK_MAX_HOURS_VIEW (page);
  GString *csv = g_string_new (NULL);

  for (guint i = 0; i < self->rows->len; i++)
    fbk_max_hours_table_write_csv (csv, style, self->ids[i], g_ptr_array_index (self->rows, i), i == 0);

  return fbk_csv_job_new_written (g_string_free_to_bytes (csv));
}

/* The daily peaks are of the first meter only; the table's file is not to
 * be taken for the values of the same days. */
static char *
fbk_max_hours_view_dup_file_name (FbkPage    *page,
                                  const char *extension)
{
  FbkMaxHoursView *self = FBK_MAX_HOURS_VIEW (page);
  g_autofree char *name = NULL;

  if (g_strcmp0 (extension, "csv") != 0)
    {
      FbkChartModel *model = fbk_chart_view_get_model (self->peaks_chart);
      const char *first[] = { self->ids[0], NULL };

      return fbk_chart_build_file_name (first, fbk_chart_model_get_from (model), fbk_chart_model_get_to (model),
                                        extension);
    }

  name = fbk_chart_build_file_name ((const char * const *) self->ids, self->from, self->to, "csv");
  name[strlen (name) - strlen (".csv")] = '\0';
  return g_strconcat (name, "-max-hours.csv", NULL);
}

/* A month's days and the months' peaks: no resolution to pick. */
static gboolean
fbk_max_hours_view_uses_resolution (FbkPage *page)
{
  return FALSE;
}

static void
fbk_max_hours_view_page_init (FbkPageInterface *iface)
{
  iface->get_needs = fbk_max_hours_view_get_needs;
  iface->show = fbk_max_hours_view_show;
  iface->get_chart = fbk_max_hours_view_get_chart;
  iface->has_data = fbk_max_hours_view_has_data;
  iface->create_csv_job = fbk_max_hours_view_create_csv_job;
  iface->dup_file_name = fbk_max_hours_view_dup_file_name;
  iface->uses_resolution = fbk_max_hours_view_uses_resolution;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

GtkWidget *
fbk_max_hours_view_new (void)
{
  return g_object_new (FBK_TYPE_MAX_HOURS_VIEW, NULL);
}

/**
 * fbk_max_hours_view_get_daily_peaks_chart:
 *
 * Returns: (transfer none) (nullable): the chart of daily peaks, or NULL
 *   while there is none to show
 */
FbkChartView *
fbk_max_hours_view_get_daily_peaks_chart (FbkMaxHoursView *self)
{
  g_return_val_if_fail (FBK_IS_MAX_HOURS_VIEW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->peaks_chart)) ? self->peaks_chart : NULL;
}

/**
 * fbk_max_hours_view_is_loading:
 *
 * Returns: whether the rest of the period's months (or last year's) are
 *   still on their way, after which the months are built again
 */
gboolean
fbk_max_hours_view_is_loading (FbkMaxHoursView *self)
{
  g_return_val_if_fail (FBK_IS_MAX_HOURS_VIEW (self), FALSE);

  return fbk_max_hours_loader_is_loading (self->loader);
}
