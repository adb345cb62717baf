/* fbk-max-hours-view.c: the monthly max hours and capacity steps
 *
 * A GtkColumnView with one row per month (and meter): the month and whether
 * it is complete and verified, the three peak hours on three different
 * days, their average, the capacity step it selects and the headroom to the
 * next step. All columns share one cell factory: each column is told which
 * field it shows, so formatting lives in one place. Under it, the chart of
 * each day's highest hour in the period's latest month.
 *
 * The Max Hours page of the main view: it needs the hourly consumption and
 * Elvia's own max hours (fbk_repository_fetch_max_hours_async()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-max-hours-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "fbk-chart-build.h"
#include "fbk-chart-daily-peaks.h"
#include "fbk-chart-view.h"
#include "fbk-format.h"
#include "fbk-max-hours-item.h"
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
  GtkColumnView     *column_view;
  FbkChartView      *peaks_chart;
  GtkLabel          *peaks_title;

  /* Owned references */
  GListStore        *items;
  GtkSelectionModel *selection;   /* of items; the column view's only while mapped */
  FbkChartModel     *peaks_model;
  GtkColumnViewColumn *columns[N_COLUMNS];
  /* What is shown, for the Export menu: a GArray of FbkMaxHoursRow for
   * each meter of ids, in the same order. */
  GStrv              ids;
  GPtrArray         *rows;
  FbkInstant         from;
  FbkInstant         to;
};

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
  double price;

  if (row->step == 0)
    return g_strdup ("–");

  step = fbk_tariff_table_get_step (row->table, row->step);
  lower = fbk_format_number (step->lower, 0);
  valid_from = fbk_period_format_date (row->table->valid_from);

  if (fbk_tariff_step_get_price (step, &price))
    {
      g_autofree char *kr = fbk_format_number (price, 0);

      /* Translators: where a capacity step comes from: the tariff table's date and the monthly price. */
      *out_tooltip = g_strdup_printf (_("Tariff table from %s: %s kr a month"), valid_from, kr);
    }
  else
    /* Translators: where a capacity step comes from: the tariff table's date. */
    *out_tooltip = g_strdup_printf (_("Tariff table from %s"), valid_from);

  if (!isfinite (step->upper))
    /* Translators: a capacity step and its range, e.g. "Step 10 (over 100 kW)". */
    return g_strdup_printf (_("Step %u (over %s kW)"), row->step, lower);

  upper = fbk_format_number (step->upper, 0);
  /* Translators: a capacity step and its range, e.g. "Step 3 (5–10 kW)". */
  return g_strdup_printf (_("Step %u (%s–%s kW)"), row->step, lower, upper);
}

static char *
format_status (const FbkMaxHoursRow *row,
               char                **out_tooltip)
{
  GString *tooltip = g_string_new (NULL);
  const char *text;

  if (!row->complete)
    text = _("In progress");
  else if (!row->shown.all_verified)
    text = _("Not verified");
  else
    text = _("Final");

  g_string_append (tooltip, row->has_api ? _("Figures from Elvia.") : _("Computed by Forbruk from hourly values."));
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

        if (row->step == 0 || !isfinite (row->headroom))
          return g_strdup ("–");
        *out_tooltip = g_strdup (_("How much the average can rise before the next step"));
        headroom = fbk_format_number (row->headroom, 2);
        return g_strdup_printf (C_("quantity", "%s %s"), headroom, C_("unit of power", "kW"));
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

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_AVERAGE || column == COLUMN_HEADROOM ? 1.0 : 0.0);
  if (column == COLUMN_AVERAGE || column == COLUMN_HEADROOM)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
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


/* Even unmapped, a GtkColumnView makes and binds a row of cells for every
 * item it may show: three years of three meters are over a hundred rows
 * and a thousand labels, rebuilt with each answer of a long fetch. While
 * the table is not on screen it has no model, so filling it costs nothing
 * until it is shown, and then only the rows in view. */
static void
fbk_max_hours_view_map (GtkWidget *widget)
{
  FbkMaxHoursView *self = FBK_MAX_HOURS_VIEW (widget);

  gtk_column_view_set_model (self->column_view, self->selection);
  GTK_WIDGET_CLASS (fbk_max_hours_view_parent_class)->map (widget);
}

static void
fbk_max_hours_view_unmap (GtkWidget *widget)
{
  FbkMaxHoursView *self = FBK_MAX_HOURS_VIEW (widget);

  GTK_WIDGET_CLASS (fbk_max_hours_view_parent_class)->unmap (widget);
  gtk_column_view_set_model (self->column_view, NULL);
}

static void
fbk_max_hours_view_dispose (GObject *object)
{
  FbkMaxHoursView *self = FBK_MAX_HOURS_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_MAX_HOURS_VIEW);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&self->columns[i]);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->peaks_model);
  g_clear_pointer (&self->ids, g_strfreev);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (fbk_max_hours_view_parent_class)->dispose (object);
}


static void
fbk_max_hours_view_class_init (FbkMaxHoursViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_max_hours_view_dispose;
  widget_class->map = fbk_max_hours_view_map;
  widget_class->unmap = fbk_max_hours_view_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-max-hours-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, stack);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, column_view);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, peaks_chart);
  gtk_widget_class_bind_template_child (widget_class, FbkMaxHoursView, peaks_title);

  g_type_ensure (FBK_TYPE_CHART_VIEW);
}

static void
fbk_max_hours_view_init (FbkMaxHoursView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (FBK_TYPE_MAX_HOURS_ITEM);
  self->peaks_model = fbk_chart_model_new ();
  fbk_chart_view_set_model (self->peaks_chart, self->peaks_model);
  self->selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items))));
  add_columns (self);
  gtk_column_view_column_set_visible (self->columns[COLUMN_METER], FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->ids = g_new0 (char *, 1);
}

/* Shows these meters' months (@rows: each meter's GArray of
 * FbkMaxHoursRow), replacing what was shown, in one change of the table: a
 * long fetch replaces it with every answer. */
static void
set_meters (FbkMaxHoursView    *self,
            const char * const *meter_names,
            GArray * const     *rows,
            guint               n_meters)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_meters_with_rows = 0;

  for (guint m = 0; m < n_meters; m++)
    {
      for (guint i = 0; i < rows[m]->len; i++)
        g_ptr_array_add (items, fbk_max_hours_item_new (meter_names[m], &g_array_index (rows[m], FbkMaxHoursRow, i)));
      n_meters_with_rows += rows[m]->len > 0;
    }

  gtk_column_view_column_set_visible (self->columns[COLUMN_METER], n_meters_with_rows > 1);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "table" : "empty");
}

/**
 * fbk_max_hours_view_get_items:
 *
 * Returns: (transfer none): the rows shown, as FbkMaxHoursItem
 */
GListModel *
fbk_max_hours_view_get_items (FbkMaxHoursView *self)
{
  g_return_val_if_fail (FBK_IS_MAX_HOURS_VIEW (self), NULL);

  return G_LIST_MODEL (self->items);
}

/* Charts each Oslo day's highest hour of @year-@month, with the top-3
 * average as a line: how close each day came to raising the step.
 * @hourly_consumption (nullable) is the meter's, covering the month. */
static void
show_daily_peaks (FbkMaxHoursView *self,
                  const char      *meter_name,
                  int              year,
                  int              month,
                  FbkSeries       *hourly_consumption)
{
  const FbkInterval *intervals = NULL;
  FbkMaxHours max_hours;
  FbkDate first = { year, month, 1 };
  g_autofree char *month_name = NULL;
  g_autofree char *title = NULL;
  guint n = 0;

  if (hourly_consumption != NULL)
    intervals = fbk_series_get_intervals (hourly_consumption, &n);

  if (!fbk_chart_daily_peaks_fill (self->peaks_model, meter_name, year, month, intervals, n, &max_hours))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->peaks_chart), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->peaks_title), FALSE);
      return;
    }

  month_name = fbk_format_instant (fbk_time_oslo_midnight (first), C_("month period", "%B %Y"));
  /* Translators: heading of the chart of each day's highest hour; %s is a month. */
  title = g_strdup_printf (_("Daily Peaks in %s"), month_name);
  gtk_label_set_text (self->peaks_title, title);
  gtk_widget_set_visible (GTK_WIDGET (self->peaks_chart), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->peaks_title), TRUE);
}

/* ------------------------------------------------------------------------ */
/* FbkPage                                                                  */
/* ------------------------------------------------------------------------ */

static FbkPageNeeds
fbk_max_hours_view_get_needs (FbkPage *page)
{
  return FBK_PAGE_NEEDS_CONSUMPTION | FBK_PAGE_NEEDS_MAX_HOURS;
}

static void
fbk_max_hours_view_show (FbkPage           *page,
                         const FbkPageData *data)
{
  FbkMaxHoursView *self = FBK_MAX_HOURS_VIEW (page);
  GPtrArray *consumption = data->hourly[FBK_DIRECTION_CONSUMPTION];
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; data->meter_ids[i] != NULL; i++)
    {
      FbkSeries *series = consumption != NULL && i < consumption->len ? g_ptr_array_index (consumption, i) : NULL;

      g_ptr_array_add (names, (gpointer) data->meter_names[i]);
      g_ptr_array_add (rows, fbk_max_hours_table_build (series,
                                                        fbk_max_hours_reports_find (data->max_hours_reports,
                                                                                    data->meter_ids[i]),
                                                        data->from, data->to, data->now, data->tariff));
    }
  set_meters (self, (const char * const *) names->pdata, (GArray * const *) rows->pdata, rows->len);

  /* Kept for exporting the table as shown. */
  g_strfreev (self->ids);
  self->ids = g_strdupv ((char **) data->meter_ids);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_ptr_array_ref (rows);
  self->from = data->from;
  self->to = data->to;

  /* The daily peaks of the period's latest month that has begun, for the
   * first picked meter. */
  if (data->meter_ids[0] != NULL)
    {
      FbkInstant last = MIN (data->to, data->now) - 1;
      FbkDate month = fbk_time_oslo_date (last);

      show_daily_peaks (self, data->meter_names[0], month.year, month.month,
                        consumption != NULL && consumption->len > 0 ? g_ptr_array_index (consumption, 0) : NULL);
    }
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

static void
fbk_max_hours_view_page_init (FbkPageInterface *iface)
{
  iface->get_needs = fbk_max_hours_view_get_needs;
  iface->show = fbk_max_hours_view_show;
  iface->get_chart = fbk_max_hours_view_get_chart;
  iface->has_data = fbk_max_hours_view_has_data;
  iface->create_csv_job = fbk_max_hours_view_create_csv_job;
  iface->dup_file_name = fbk_max_hours_view_dup_file_name;
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
