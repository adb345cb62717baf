/* fbk-cost-page.c: what the picked meters' electricity cost
 *
 * The Cost page: the picked meters' bills over the period, computed by
 * core (fbk_cost_report_build_async(): values of the whole months, spot
 * prices, each meter's contract from its settings) and shown as
 *  - what is not known of the bills, and why;
 *  - the chart of the bills' parts per bucket (fbk-chart-cost.c), the
 *    same one `forbruk-cli chart --kind cost` draws, with the totals
 *    "Used N kWh · Cost N kr" in its header;
 *  - the Norgespris verdict: the months since Norgespris could be had,
 *    billed under either scheme (fbk-norgespris-verdict.c), in a sentence;
 *  - a table of months, newest first: the grid company's bill, the
 *    supplier's, the total, and the two schemes' totals;
 *  - the credit the spot price service asks for.
 *
 * The page loads on its own, only while it is on screen (a report fetches
 * prices and whole months of values, which the other pages do not need),
 * and again when the picked meters or the period change. A change of a
 * meter's contract in Preferences bills the report's hours again at once,
 * without fetching; only a new price area needs its prices fetched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-cost-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "fbk-chart-build.h"
#include "fbk-chart-cost.h"
#include "fbk-contract-settings.h"
#include "fbk-cost-export.h"
#include "fbk-cost-month-item.h"
#include "fbk-cost-page.h"
#include "fbk-cost-totals.h"
#include "fbk-format.h"
#include "fbk-norgespris-verdict.h"

#define PRICE_SERVICE_URL "https://www.hvakosterstrommen.no"

typedef enum
{
  COLUMN_MONTH,
  COLUMN_GRID,
  COLUMN_SUPPLIER,
  COLUMN_TOTAL,
  COLUMN_STROMSTOTTE,
  COLUMN_NORGESPRIS,
  N_COLUMNS
} Column;

struct _FbkCostPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  AdwStatusPage       *status_page;
  GtkLabel            *unknown_label;
  FbkChartView        *chart;
  GtkWidget           *verdict_box;
  GtkLabel            *verdict_label;
  GtkLabel            *verdict_detail;
  GtkColumnView       *months_view;
  GtkLabel            *credit_label;

  /* Owned references */
  FbkTariffBook       *book;
  FbkRepository       *repository;
  GStrv                ids;
  GStrv                names;
  FbkInstant           from;
  FbkInstant           to;
  FbkInstant           now;
  FbkResolution        resolution;
  GPtrArray           *contract_settings;  /* GSettings of each id, where the schema is installed */
  GCancellable        *cancellable;
  FbkCostReport       *report;
  GArray              *buckets;            /* FbkCostBucket of the report at resolution, summed */
  GListStore          *months;             /* FbkCostMonthItem, newest first */
  GtkColumnViewColumn *columns[N_COLUMNS];

  guint                recompute_source_id;
  gboolean             stale;              /* the selection changed since the report was asked for */
  gboolean             loading;
};

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fbk_cost_page_iface_init (FbkPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FbkCostPage, fbk_cost_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FBK_TYPE_PAGE, fbk_cost_page_iface_init))

static void build_report (FbkCostPage *self);

/* ------------------------------------------------------------------------ */
/* The table of months                                                      */
/* ------------------------------------------------------------------------ */

static const char *
column_title (Column column)
{
  switch (column)
    {
    case COLUMN_MONTH: return _("Month");
    case COLUMN_GRID: return _("Grid Bill");
    case COLUMN_SUPPLIER: return _("Supplier Bill");
    case COLUMN_TOTAL: return _("Total");
    /* Translators: a column: the month's bill had the household had strømstøtte */
    case COLUMN_STROMSTOTTE: return _("With Strømstøtte");
    /* Translators: a column: the month's bill had the household had Norgespris */
    case COLUMN_NORGESPRIS: return _("With Norgespris");
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static char *
format_amount (double ore,
               int    decimals)
{
  return isnan (ore) ? g_strdup (C_("cost", "unknown")) : fbk_format_kr (ore, decimals);
}

static char *
format_cell (FbkCostMonthItem *item,
             Column            column)
{
  const FbkCostBucket *month = fbk_cost_month_item_get_month (item);
  const FbkVerdictMonth *verdict = fbk_cost_month_item_get_verdict (item);

  switch (column)
    {
    case COLUMN_MONTH:
      return fbk_format_instant (month->start, C_("month period", "%B %Y"));
    case COLUMN_GRID:
      return format_amount (fbk_cost_bucket_grid_bill (month), 2);
    case COLUMN_SUPPLIER:
      return format_amount (fbk_cost_bucket_supplier_bill (month), 2);
    case COLUMN_TOTAL:
      return format_amount (month->total, 2);
    case COLUMN_STROMSTOTTE:
      return verdict != NULL ? format_amount (verdict->stromstotte_ore, 2) : g_strdup ("–");
    case COLUMN_NORGESPRIS:
      return verdict != NULL ? format_amount (verdict->norgespris_ore, 2) : g_strdup ("–");
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
on_setup_cell_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  Column column = GPOINTER_TO_UINT (user_data);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_MONTH ? 0.0 : 1.0);
  if (column != COLUMN_MONTH)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
on_bind_cell_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  g_autofree char *text = format_cell (gtk_list_item_get_item (list_item), GPOINTER_TO_UINT (user_data));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
add_columns (FbkCostPage *self)
{
  for (Column column = 0; column < N_COLUMNS; column++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cell_cb), GUINT_TO_POINTER (column));
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cell_cb), GUINT_TO_POINTER (column));
      self->columns[column] = gtk_column_view_column_new (column_title (column), factory);
      gtk_column_view_column_set_resizable (self->columns[column], TRUE);
      gtk_column_view_column_set_expand (self->columns[column], column == COLUMN_MONTH);
      gtk_column_view_append_column (self->months_view, self->columns[column]);
    }
}

/* ------------------------------------------------------------------------ */
/* Showing a report                                                         */
/* ------------------------------------------------------------------------ */

static const FbkVerdictMonth *
find_verdict_month (const FbkNorgesprisVerdict *verdict,
                    FbkDate                     date)
{
  for (guint i = 0; verdict != NULL && i < verdict->months->len; i++)
    {
      const FbkVerdictMonth *month = &g_array_index (verdict->months, FbkVerdictMonth, i);

      if (month->year == date.year && month->month == date.month)
        return month;
    }
  return NULL;
}

static GPtrArray *
report_sheets (FbkCostReport *report)
{
  GPtrArray *sheets = g_ptr_array_new ();

  for (guint i = 0; i < report->meters->len; i++)
    g_ptr_array_add (sheets, ((FbkCostReportMeter *) g_ptr_array_index (report->meters, i))->sheet);
  return sheets;
}

static void
show_months (FbkCostPage                *self,
             const FbkNorgesprisVerdict *verdict)
{
  g_autoptr(GPtrArray) sheets = report_sheets (self->report);
  g_autoptr(GArray) months = fbk_cost_totals_sum_sheets ((const FbkCostSheet * const *) sheets->pdata, sheets->len,
                                                         FBK_RESOLUTION_MONTH);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = months->len; i-- > 0;)
    {
      const FbkCostBucket *month = &g_array_index (months, FbkCostBucket, i);

      g_ptr_array_add (items, fbk_cost_month_item_new (month, find_verdict_month (verdict,
                                                                                  fbk_time_oslo_date (month->start))));
    }

  g_list_store_splice (self->months, 0, g_list_model_get_n_items (G_LIST_MODEL (self->months)),
                       items->pdata, items->len);
  gtk_column_view_column_set_visible (self->columns[COLUMN_STROMSTOTTE], verdict != NULL);
  gtk_column_view_column_set_visible (self->columns[COLUMN_NORGESPRIS], verdict != NULL);
}

/* One glance: which scheme came out cheaper, and by how much. */
static char *
verdict_sentence (const FbkNorgesprisVerdict *verdict)
{
  double more = verdict->norgespris_ore - verdict->stromstotte_ore;
  g_autofree char *amount = fbk_format_kr (fabs (more), 0);

  if (isnan (more))
    return g_strdup (_("Not known yet: parts of these months’ bills are not known."));
  if (fabs (more) < 50.0)
    return g_strdup (_("Norgespris and strømstøtte come out the same."));

  if (verdict->chose_norgespris)
    return more > 0.0 ? g_strdup_printf (_("Norgespris cost you %s more than strømstøtte would have."), amount)
                      : g_strdup_printf (_("Norgespris saved you %s compared with strømstøtte."), amount);
  return more > 0.0 ? g_strdup_printf (_("Norgespris would have cost you %s more."), amount)
                    : g_strdup_printf (_("Norgespris would have saved you %s."), amount);
}

static void
show_verdict (FbkCostPage                *self,
              const FbkNorgesprisVerdict *verdict)
{
  g_autofree char *sentence = NULL;
  g_autofree char *with_support = NULL;
  g_autofree char *with_norgespris = NULL;
  g_autofree char *cap = NULL;
  g_autofree char *detail = NULL;
  const FbkVerdictMonth *first, *last;
  g_autofree char *months = NULL;

  gtk_widget_set_visible (self->verdict_box, verdict != NULL);
  if (verdict == NULL)
    return;

  first = &g_array_index (verdict->months, FbkVerdictMonth, 0);
  last = &g_array_index (verdict->months, FbkVerdictMonth, verdict->months->len - 1);
  months = fbk_format_range (first->start, last->start + 1, FBK_RESOLUTION_MONTH);
  sentence = verdict_sentence (verdict);
  with_support = format_amount (verdict->stromstotte_ore, 0);
  with_norgespris = format_amount (verdict->norgespris_ore, 0);
  cap = fbk_format_number (verdict->cap_kwh, 0);
  /* Translators: under the Norgespris verdict: the months compared, the
   * bills under either scheme, and the monthly cap of Norgespris */
  detail = g_strdup_printf (_("%s: %s with strømstøtte, %s with Norgespris, everything else alike. "
                              "Norgespris covers at most %s kWh a month."),
                            months, with_support, with_norgespris, cap);
  gtk_label_set_text (self->verdict_label, sentence);
  gtk_label_set_text (self->verdict_detail, detail);
}

/* Why what is shown is less than the whole bill: the hours' reasons,
 * spot price days the service did not have, and periods Elvia has no
 * values for. */
static char *
describe_unknown (FbkCostPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *reasons = NULL;
  guint32 unknown = 0;
  guint missing_days = 0;

  for (guint i = 0; i < self->buckets->len; i++)
    unknown |= g_array_index (self->buckets, FbkCostBucket, i).unknown;
  reasons = fbk_cost_unknown_describe (unknown);
  if (reasons != NULL)
    g_string_append (text, reasons);

  for (guint a = 0; a < self->report->prices->len; a++)
    {
      const FbkPriceResult *prices = g_ptr_array_index (self->report->prices, a);

      for (guint d = 0; d < prices->days->len; d++)
        {
          const FbkStorePriceDay *day = &g_array_index (prices->days, FbkStorePriceDay, d);
          FbkInstant midnight = fbk_time_oslo_midnight (day->day);

          if (day->state != FBK_PRICE_DAY_STORED && midnight >= self->report->from && midnight < self->report->to)
            missing_days++;
        }
      if (prices->fetch_error != NULL)
        {
          if (text->len > 0)
            g_string_append_c (text, ' ');
          /* Translators: %s says why the spot price service could not be asked */
          g_string_append_printf (text, _("Spot prices could not be fetched: %s"), prices->fetch_error->message);
        }
    }

  if (missing_days > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (NULL, "Spot prices are missing for %u day.",
                                           "Spot prices are missing for %u days.", missing_days),
                              missing_days);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* The totals, "Used N kWh · Cost N kr", are the chart's header, so an
 * exported chart has them too. */
static void
show_report (FbkCostPage *self)
{
  g_autoptr(GPtrArray) sheets = report_sheets (self->report);
  g_autoptr(FbkNorgesprisVerdict) verdict = fbk_norgespris_verdict_compute (self->report, self->book);
  g_autoptr(FbkChartModel) model = NULL;
  g_autofree char *subject = g_strjoinv (C_("chart title", ", "), self->names);
  g_autofree char *unknown = NULL;

  g_clear_pointer (&self->buckets, g_array_unref);
  self->buckets = fbk_cost_totals_sum_sheets ((const FbkCostSheet * const *) sheets->pdata, sheets->len,
                                              self->resolution);
  model = fbk_chart_cost_build_model (self->buckets, subject, self->resolution, self->from, self->to);
  fbk_chart_view_set_model (self->chart, model);

  unknown = describe_unknown (self);
  gtk_label_set_text (self->unknown_label, unknown != NULL ? unknown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->unknown_label), unknown != NULL);

  show_verdict (self, verdict);
  show_months (self, verdict);
  gtk_stack_set_visible_child_name (self->stack, "cost");
}

static void
set_loading (FbkCostPage *self,
             gboolean     loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_empty (FbkCostPage *self,
            const char  *title,
            const char  *description)
{
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                  */
/* ------------------------------------------------------------------------ */

/* Each meter's saved contract; one that does not validate (written by
 * another program) is billed as the default one, and the page says so. */
static FbkContract *
load_contracts (FbkCostPage *self)
{
  guint n = g_strv_length (self->ids);
  FbkContract *contracts = g_new0 (FbkContract, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      fbk_contract_load (self->ids[i], &contracts[i]);
      if (!fbk_contract_validate (&contracts[i], &error))
        {
          g_warning ("The saved contract of %s is not valid, taking the default: %s", self->ids[i], error->message);
          fbk_contract_init_default (&contracts[i]);
        }
    }
  return contracts;
}

static void
on_report_built_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FbkCostPage) self = user_data;
  g_autoptr(FbkCostReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = fbk_cost_report_build_finish (FBK_REPOSITORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  if (report == NULL)
    {
      /* Translators: %s says why the values could not be had */
      g_autofree char *text = g_strdup_printf (_("The costs cannot be computed: %s"), error->message);

      show_empty (self, _("No Costs"), text);
      return;
    }

  g_clear_pointer (&self->report, fbk_cost_report_free);
  self->report = g_steal_pointer (&report);
  show_report (self);
}

/* Bills end with the hour under way: later hours cannot have values, and
 * a bill of them would be unknown rather than not yet due. */
static FbkInstant
billed_until (FbkCostPage *self)
{
  FbkInstant next_hour = fbk_time_period_next (fbk_time_period_start (self->now, FBK_RESOLUTION_HOUR),
                                               FBK_RESOLUTION_HOUR);

  return self->now != FBK_INSTANT_INVALID ? MIN (self->to, next_hour) : self->to;
}

/* The first look at a long period fetches hundreds of price days: say
 * how far it has come, on the page that waits for them. The callback
 * belongs to the build of @self->cancellable; a later build has its own. */
static void
on_build_progress (guint    done,
                   guint    total,
                   gpointer user_data)
{
  FbkCostPage *self = user_data;
  g_autofree char *text = NULL;

  if (self->report != NULL || total == 0)
    return;

  /* Translators: requests to Elvia and the price service done, of all */
  text = g_strdup_printf (_("Fetching values and spot prices to compute the bills: %u of %u requests…"),
                          done, total);
  adw_status_page_set_description (self->status_page, text);
}

static void
build_report (FbkCostPage *self)
{
  g_autofree FbkContract *contracts = NULL;
  FbkInstant to = billed_until (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->stale = FALSE;

  if (self->book == NULL || self->repository == NULL || self->ids == NULL || self->ids[0] == NULL ||
      self->from >= to)
    {
      set_loading (self, FALSE);
      show_empty (self, _("No Costs"),
                  _("Pick a metering point and a period to see what its electricity cost, "
                    "both bills part by part."));
      return;
    }

  self->cancellable = g_cancellable_new ();
  contracts = load_contracts (self);
  set_loading (self, TRUE);
  /* What was shown stays until the new bills replace it. */
  if (self->report == NULL)
    show_empty (self, _("Computing the Bills…"),
                _("Fetching values and spot prices to compute the bills…"));
  /* The page outlives its builds (on_report_built_cb() holds it), and
   * progress comes only before the build's end. */
  fbk_cost_report_build_async (self->repository, self->book, (const char * const *) self->ids, contracts,
                               self->from, to, on_build_progress, self, self->cancellable,
                               on_report_built_cb, g_object_ref (self));
}

/* A contract changed in Preferences: bill the hours again, fetching only
 * for a price area the report has no prices of. */
static gboolean
on_recompute_due_cb (gpointer user_data)
{
  FbkCostPage *self = user_data;
  g_autofree FbkContract *contracts = NULL;

  self->recompute_source_id = 0;
  if (self->report == NULL || self->loading)
    {
      build_report (self);
      return G_SOURCE_REMOVE;
    }

  contracts = load_contracts (self);
  for (guint i = 0; i < self->report->meters->len; i++)
    {
      if (!fbk_cost_report_set_contract (self->report, i, &contracts[i], self->book))
        {
          build_report (self);
          return G_SOURCE_REMOVE;
        }
    }
  show_report (self);
  return G_SOURCE_REMOVE;
}

static void
on_contract_changed_cb (FbkCostPage *self)
{
  /* Several keys are written at once: bill once. */
  if (self->recompute_source_id == 0)
    self->recompute_source_id = g_idle_add (on_recompute_due_cb, self);
}

static void
follow_contracts (FbkCostPage *self)
{
  for (guint i = 0; i < self->contract_settings->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->contract_settings, i),
                                          on_contract_changed_cb, self);
  g_ptr_array_set_size (self->contract_settings, 0);

  for (guint i = 0; self->ids[i] != NULL; i++)
    {
      GSettings *settings = fbk_contract_settings_new (self->ids[i]);

      if (settings == NULL)
        continue;
      g_signal_connect_object (settings, "changed", G_CALLBACK (on_contract_changed_cb), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->contract_settings, settings);
    }
}

/* ------------------------------------------------------------------------ */
/* FbkPage                                                                  */
/* ------------------------------------------------------------------------ */

/* Nothing of the main view's loads: the page loads its report itself. */
static FbkPageNeeds
fbk_cost_page_get_needs (FbkPage *page)
{
  return 0;
}

static void
fbk_cost_page_show (FbkPage           *page,
                    const FbkPageData *data)
{
  FbkCostPage *self = FBK_COST_PAGE (page);
  gboolean same_pick = self->repository == data->repository && self->from == data->from && self->to == data->to &&
                       self->ids != NULL && g_strv_equal ((const char * const *) self->ids, data->meter_ids);
  gboolean same_names = self->names != NULL && g_strv_equal ((const char * const *) self->names, data->meter_names);

  if (same_pick && same_names && self->resolution == data->resolution)
    return;

  g_strfreev (self->names);
  self->names = g_strdupv ((char **) data->meter_names);
  self->resolution = data->resolution;
  self->now = data->now;

  if (same_pick)
    {
      if (self->report != NULL)
        show_report (self);
      return;
    }

  g_set_object (&self->repository, data->repository);
  g_strfreev (self->ids);
  self->ids = g_strdupv ((char **) data->meter_ids);
  self->from = data->from;
  self->to = data->to;
  g_clear_pointer (&self->report, fbk_cost_report_free);
  follow_contracts (self);

  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    build_report (self);
}

static FbkChartView *
fbk_cost_page_get_chart (FbkPage *page)
{
  return FBK_COST_PAGE (page)->chart;
}

static gboolean
fbk_cost_page_has_data (FbkPage *page)
{
  return FBK_COST_PAGE (page)->report != NULL;
}

/* The bill per meter at the resolution shown, as `forbruk-cli cost`
 * writes it; written at once, since the report changes under the page
 * when a contract does. */
static FbkCsvJob *
fbk_cost_page_create_csv_job (FbkPage     *page,
                              FbkCsvStyle  style)
{
  FbkCostPage *self = FBK_COST_PAGE (page);
  g_autofree FbkCostExportMeter *meters = g_new0 (FbkCostExportMeter, self->report->meters->len);
  GString *csv = g_string_new (NULL);

  for (guint i = 0; i < self->report->meters->len; i++)
    {
      const FbkCostReportMeter *meter = g_ptr_array_index (self->report->meters, i);

      meters[i].metering_point_id = meter->metering_point_id;
      meters[i].sheet = meter->sheet;
      meters[i].produces = meter->production != NULL;
    }
  fbk_cost_write_csv (csv, style, meters, self->report->meters->len, self->resolution);

  return fbk_csv_job_new_written (g_string_free_to_bytes (csv));
}

/* forbruk-METER-FIRST-LAST-cost.EXT, beside the values' files. */
static char *
fbk_cost_page_dup_file_name (FbkPage    *page,
                             const char *extension)
{
  FbkCostPage *self = FBK_COST_PAGE (page);
  g_autofree char *name = fbk_chart_build_file_name ((const char * const *) self->ids, self->from, self->to,
                                                     extension);

  name[strlen (name) - strlen (extension) - 1] = '\0';
  return g_strconcat (name, "-cost.", extension, NULL);
}

static void
fbk_cost_page_iface_init (FbkPageInterface *iface)
{
  iface->get_needs = fbk_cost_page_get_needs;
  iface->show = fbk_cost_page_show;
  iface->get_chart = fbk_cost_page_get_chart;
  iface->has_data = fbk_cost_page_has_data;
  iface->create_csv_job = fbk_cost_page_create_csv_job;
  iface->dup_file_name = fbk_cost_page_dup_file_name;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
fbk_cost_page_map (GtkWidget *widget)
{
  FbkCostPage *self = FBK_COST_PAGE (widget);

  GTK_WIDGET_CLASS (fbk_cost_page_parent_class)->map (widget);
  if (self->stale)
    build_report (self);
}

static void
fbk_cost_page_dispose (GObject *object)
{
  FbkCostPage *self = FBK_COST_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->recompute_source_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_COST_PAGE);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&self->columns[i]);
  g_clear_pointer (&self->contract_settings, g_ptr_array_unref);
  g_clear_object (&self->months);
  g_clear_object (&self->book);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->ids, g_strfreev);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->report, fbk_cost_report_free);
  g_clear_pointer (&self->buckets, g_array_unref);

  G_OBJECT_CLASS (fbk_cost_page_parent_class)->dispose (object);
}

static void
fbk_cost_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FbkCostPage *self = FBK_COST_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_cost_page_class_init (FbkCostPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_cost_page_dispose;
  object_class->get_property = fbk_cost_page_get_property;
  widget_class->map = fbk_cost_page_map;

  /* Whether a report is being fetched and computed (tests wait on it). */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-cost-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkCostPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FbkCostPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, FbkCostPage, unknown_label);
  gtk_widget_class_bind_template_child (widget_class, FbkCostPage, chart);
  gtk_widget_class_bind_template_child (widget_class, FbkCostPage, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, FbkCostPage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, FbkCostPage, verdict_detail);
  gtk_widget_class_bind_template_child (widget_class, FbkCostPage, months_view);
  gtk_widget_class_bind_template_child (widget_class, FbkCostPage, credit_label);

  g_type_ensure (FBK_TYPE_CHART_VIEW);
}

static void
fbk_cost_page_init (FbkCostPage *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = g_markup_printf_escaped ("<a href=\"%s\">hvakosterstrommen.no</a>", PRICE_SERVICE_URL);
  /* Translators: the credit the spot price service asks for; %s is a link to it */
  g_autofree char *credit = g_strdup_printf (_("Spot prices from %s. Costs include VAT; "
                                               "change your contract in Preferences."), link);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->book = fbk_tariff_book_new_default (&error);
  if (self->book == NULL)
    g_critical ("The tariffs shipped with Forbruk are broken: %s", error->message);
  self->contract_settings = g_ptr_array_new_with_free_func (g_object_unref);
  self->months = g_list_store_new (FBK_TYPE_COST_MONTH_ITEM);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->months))));
  gtk_column_view_set_model (self->months_view, selection);
  add_columns (self);
  gtk_label_set_markup (self->credit_label, credit);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
fbk_cost_page_new (void)
{
  return g_object_new (FBK_TYPE_COST_PAGE, NULL);
}

gboolean
fbk_cost_page_get_loading (FbkCostPage *self)
{
  g_return_val_if_fail (FBK_IS_COST_PAGE (self), FALSE);

  return self->loading;
}

/**
 * fbk_cost_page_get_months:
 *
 * Returns: (transfer none): the rows of the table, FbkCostMonthItem,
 *   newest first
 */
GListModel *
fbk_cost_page_get_months (FbkCostPage *self)
{
  g_return_val_if_fail (FBK_IS_COST_PAGE (self), NULL);

  return G_LIST_MODEL (self->months);
}
