/* fbk-cli-chart.c: forbruk-cli chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "fbk-chart-build.h"
#include "fbk-chart-cost.h"
#include "fbk-chart-export.h"
#include "fbk-cli-commands.h"
#include "fbk-cli-notes.h"
#include "fbk-contract-settings.h"
#include "fbk-cost-report.h"
#include "fbk-cost-totals.h"
#include "fbk-period.h"
#include "fbk-cli-context.h"

/* The window's rule for a period the user gave no resolution for. */
static FbkResolution
default_resolution (FbkInstant from,
                    FbkInstant to)
{
  FbkPeriod period = fbk_period_from_dates (fbk_time_oslo_date (from), fbk_time_oslo_date (to - 1));

  return fbk_period_default_resolution (&period);
}

static char **
display_names (FbkCliContext *context,
               GPtrArray     *series)
{
  char **names = g_new0 (char *, series->len + 1);

  for (guint i = 0; i < series->len; i++)
    {
      /* Every series is of a meter fbk_cli_resolve_meters() found. */
      const char *id = fbk_series_get_metering_point_id (g_ptr_array_index (series, i));

      names[i] = fbk_metering_point_dup_display_name (fbk_repository_find_meter (context->repository, id));
    }

  return names;
}

/* The chart of one kind for the resolved meters, as the window draws
 * it; NULL and @error when the data cannot be had. @out_suffix names the
 * kind in a file name the user did not give. */
typedef FbkChartModel *(*BuildChart) (FbkCliContext       *context,
                                      const char * const  *meters,
                                      FbkRefreshWhat       what,
                                      FbkResolution        resolution,
                                      FbkInstant           from,
                                      FbkInstant           to,
                                      GError             **error);

static FbkChartModel *
build_consumption_chart (FbkCliContext       *context,
                         const char * const  *meters,
                         FbkRefreshWhat       what,
                         FbkResolution        resolution,
                         FbkInstant           from,
                         FbkInstant           to,
                         GError             **error)
{
  g_autoptr(FbkRefreshResult) refreshed = fbk_cli_fetch_values (context, meters, from, to, what, error);
  g_autoptr(GPtrArray) series = NULL;
  g_auto(GStrv) names = NULL;

  if (refreshed == NULL)
    return NULL;

  series = fbk_cli_refreshed_series (refreshed);
  names = display_names (context, series);
  return fbk_chart_build_model ((FbkSeries * const *) series->pdata, (const char * const *) names,
                                series->len, resolution, from, to);
}

/* The Cost page's chart, from each meter's saved contract (or the
 * defaults), with the notes `forbruk-cli cost` gives on what is missing. */
static FbkChartModel *
build_cost_chart (FbkCliContext       *context,
                  const char * const  *meters,
                  FbkRefreshWhat       what,
                  FbkResolution        resolution,
                  FbkInstant           from,
                  FbkInstant           to,
                  GError             **error)
{
  guint n = g_strv_length ((char **) meters);
  g_autofree FbkContract *contracts = g_new0 (FbkContract, n);
  g_autoptr(FbkTariffBook) book = fbk_tariff_book_new_default (error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FbkCostReport) report = NULL;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  g_autoptr(GString) subject = g_string_new (NULL);
  g_autoptr(GArray) buckets = NULL;

  if (book == NULL)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = fbk_metering_point_dup_display_name (fbk_repository_find_meter (context->repository,
                                                                                            meters[i]));

      fbk_contract_load (meters[i], &contracts[i]);
      if (!fbk_contract_validate (&contracts[i], error))
        return NULL;
      if (i > 0)
        g_string_append (subject, C_("chart title", ", "));
      g_string_append (subject, name);
    }

  /* Bills are per hour: the period is whole hours. */
  from = fbk_time_period_start (from, FBK_RESOLUTION_HOUR);
  to = fbk_time_period_next (fbk_time_period_start (to - 1, FBK_RESOLUTION_HOUR), FBK_RESOLUTION_HOUR);
  fbk_cost_report_build_async (context->repository, book, meters, contracts, from, to,
                               fbk_cli_progress, NULL, NULL, fbk_cli_store_result, &result);
  report = fbk_cost_report_build_finish (context->repository, fbk_cli_wait (&result), error);
  if (report == NULL)
    return NULL;

  fbk_cli_report_dropped (report->dropped);
  for (guint i = 0; i < report->prices->len; i++)
    fbk_cli_report_price_days (g_ptr_array_index (report->prices, i));

  for (guint i = 0; i < report->meters->len; i++)
    g_ptr_array_add (sheets, ((FbkCostReportMeter *) g_ptr_array_index (report->meters, i))->sheet);
  buckets = fbk_cost_totals_sum_sheets ((const FbkCostSheet * const *) sheets->pdata, sheets->len, resolution);
  return fbk_chart_cost_build_model (buckets, subject->str, resolution, from, to);
}

/* One line per kind of chart the window draws. */
static const struct
{
  const char *name;
  const char *file_suffix;   /* before the extension of a file named for the user */
  BuildChart  build;
} kinds[] = {
  { "consumption", "", build_consumption_chart },
  { "cost", "-cost", build_cost_chart },
};

static gboolean
find_kind (const char *name,
           guint      *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_strcmp0 (name != NULL ? name : kinds[0].name, kinds[i].name) == 0)
        {
          *out_kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

int
fbk_cli_chart (const FbkCliGlobals  *globals,
               int                   argc,
               char                **argv)
{
  g_auto(FbkCliSelection) selection = { 0 };
  g_autofree char *resolution_text = NULL;
  g_autofree char *kind_text = NULL;
  int width = FBK_CHART_EXPORT_DEFAULT_WIDTH;
  int height = FBK_CHART_EXPORT_DEFAULT_HEIGHT;
  double scale = 1.0;
  gboolean dark = FALSE;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_("consumption (values, as the Consumption page) or cost (as the Cost page); default: consumption"), N_("KIND") },
    { "resolution", 0, 0, G_OPTION_ARG_STRING, &resolution_text, N_("hour, day, week, month or year (default: by the period’s length)"), N_("R") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels, or points for SVG and PDF (default: 1600)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels, or points for SVG and PDF (default: 900)"), N_("H") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_("PNG pixels per unit, 2 for HiDPI screens (default: 1)"), N_("S") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Dark style instead of light"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The image file: .png, .svg or .pdf (default: a PNG named after the meters and period)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_auto(FbkCliContext) context = { 0 };
  g_auto(GStrv) meters = NULL;
  FbkRefreshWhat what;
  guint kind;
  g_autoptr(FbkChartModel) model = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  FbkChartExportOptions export_options;
  FbkChartFormat format = FBK_CHART_FORMAT_PNG;
  gboolean named;
  FbkResolution resolution;
  FbkInstant from, to;

  g_option_context_set_summary (options, _("Draws the values as a chart in a PNG, SVG or PDF file, as the window shows them."));
  fbk_cli_selection_add_options (&selection, options);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) ||
      !fbk_cli_parse_period (selection.from_text, selection.to_text, &from, &to, &error) ||
      !fbk_cli_selection_get_what (&selection, &what, &error))
    {
      g_printerr ("forbruk-cli chart: %s\n", error->message);
      return FBK_CLI_EXIT_USAGE;
    }
  if (!find_kind (kind_text, &kind))
    {
      g_printerr ("forbruk-cli chart: %s\n", _("The kind is consumption or cost."));
      return FBK_CLI_EXIT_USAGE;
    }
  if (resolution_text == NULL)
    resolution = default_resolution (from, to);
  else if (!fbk_resolution_from_string (resolution_text, &resolution))
    {
      g_printerr ("forbruk-cli chart: %s\n", _("The resolution is one of hour, day, week, month and year."));
      return FBK_CLI_EXIT_USAGE;
    }
  if (output != NULL && !fbk_chart_format_from_filename (output, &format))
    {
      g_printerr ("forbruk-cli chart: %s\n", _("The output file’s name ends in .png, .svg or .pdf."));
      return FBK_CLI_EXIT_USAGE;
    }
  if (width <= 0 || height <= 0 || !(scale > 0.0))
    {
      g_printerr ("forbruk-cli chart: %s\n", _("The width, height and scale are positive numbers."));
      return FBK_CLI_EXIT_USAGE;
    }

  if (!fbk_cli_context_init (&context, globals, TRUE, &error) ||
      (meters = fbk_cli_resolve_meters (&context, (const char * const *) selection.meters, &error)) == NULL ||
      (model = kinds[kind].build (&context, (const char * const *) meters, what, resolution, from, to, &error)) == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  named = output == NULL;
  if (named)
    {
      g_autofree char *name = fbk_chart_build_file_name ((const char * const *) meters, from, to, "png");

      name[strlen (name) - strlen (".png")] = '\0';
      output = g_strconcat (name, kinds[kind].file_suffix, ".png", NULL);
    }

  fbk_chart_export_options_init (&export_options, format);
  export_options.width = width;
  export_options.height = height;
  export_options.scale = scale;
  export_options.theme = dark ? FBK_CHART_THEME_DARK : FBK_CHART_THEME_LIGHT;

  file = g_file_new_for_path (output);
  if (!fbk_chart_export (model, NULL, &export_options, file, NULL, &error))
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  /* Scripts learn the name the file got. */
  if (named)
    g_print ("%s\n", output);

  return FBK_CLI_EXIT_OK;
}
