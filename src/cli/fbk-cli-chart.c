/* fbk-cli-chart.c: forbruk-cli chart
 *
 * Each kind of chart the window draws is a line of the table below: its
 * name for --kind and how it is built from the selection, through the
 * same fbk-chart-build as the window, so a file is the view on screen.
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
#include "fbk-cli-help.h"
#include "fbk-cli-notes.h"
#include "fbk-compare.h"
#include "fbk-contract-settings.h"
#include "fbk-cost-report.h"
#include "fbk-cost-totals.h"
#include "fbk-period.h"
#include "fbk-cli-context.h"

/* What the command line asks to draw, for a kind to build from. */
typedef struct
{
  FbkCliContext      *context;
  const char * const *meters;
  FbkInstant          from;
  FbkInstant          to;
  FbkResolution       resolution;
  FbkRefreshWhat      what;
  FbkCompare          compare;
} ChartRequest;

typedef FbkChartModel *(*ChartBuildFunc) (const ChartRequest  *request,
                                          GError             **error);

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

/* The selected meters' values over [@from, @to), consumption first. */
static GPtrArray *
fetch_series (const ChartRequest  *request,
              FbkInstant           from,
              FbkInstant           to,
              FbkRefreshWhat       what,
              GError             **error)
{
  g_autoptr(FbkRefreshResult) refreshed = fbk_cli_fetch_values (request->context, request->meters, from, to, what,
                                                                error);

  return refreshed != NULL ? fbk_cli_refreshed_series (refreshed) : NULL;
}

static FbkChartModel *
build (const ChartRequest   *request,
       GPtrArray            *series,
       FbkChartBuildOptions *options)
{
  g_auto(GStrv) names = display_names (request->context, series);

  options->now = fbk_session_get_now (request->context->session);
  return fbk_chart_build_model_full ((FbkSeries * const *) series->pdata, (const char * const *) names, series->len,
                                     options);
}

/* The window's Consumption (or Production) chart: the meters' bars. */
static FbkChartModel *
build_values (const ChartRequest  *request,
              GError             **error)
{
  g_autoptr(GPtrArray) series = fetch_series (request, request->from, request->to, request->what, error);
  FbkChartBuildOptions options;

  if (series == NULL)
    return NULL;

  fbk_chart_build_options_init (&options, request->resolution, request->from, request->to);
  return build (request, series, &options);
}

/* The same, with the earlier period --compare names as ghost bars. */
static FbkChartModel *
build_compare (const ChartRequest  *request,
               GError             **error)
{
  FbkCompareShift shift = fbk_compare_get_shift (request->compare, request->resolution, request->from, request->to);
  FbkInstant earlier_from = fbk_compare_shift_back (&shift, request->from);
  FbkInstant earlier_to = fbk_compare_shift_back (&shift, request->to);
  g_autoptr(GPtrArray) series = fetch_series (request, request->from, request->to, request->what, error);
  g_autoptr(GPtrArray) earlier = NULL;
  FbkChartBuildOptions options;

  if (series == NULL ||
      (earlier = fetch_series (request, earlier_from, earlier_to, request->what, error)) == NULL)
    return NULL;

  fbk_chart_build_options_init (&options, request->resolution, request->from, request->to);
  options.compare = (FbkSeries * const *) earlier->pdata;
  options.n_compare = earlier->len;
  options.compare_from = earlier_from;
  options.compare_label = fbk_compare_get_label (request->compare);
  options.compare_style = FBK_CHART_OVERLAY_GHOST_BARS;
  return build (request, series, &options);
}

static FbkChartModel *
build_cells (const ChartRequest  *request,
             FbkChartShow         show,
             GError             **error)
{
  g_autoptr(GPtrArray) series = fetch_series (request, request->from, request->to, request->what, error);
  FbkChartBuildOptions options;

  if (series == NULL)
    return NULL;

  fbk_chart_build_options_init (&options, FBK_RESOLUTION_HOUR, request->from, request->to);
  options.show = show;
  return build (request, series, &options);
}

/* The Heatmap page's day × hour grid. */
static FbkChartModel *
build_heatmap (const ChartRequest  *request,
               GError             **error)
{
  return build_cells (request, FBK_CHART_SHOW_CELLS, error);
}

/* Its other view: the average week, weekday × hour. */
static FbkChartModel *
build_weekdays (const ChartRequest  *request,
                GError             **error)
{
  return build_cells (request, FBK_CHART_SHOW_WEEKDAY_CELLS, error);
}

/* The Solar page: what producing meters took from the grid and gave to
 * it, production under the axis, and the net of the two. */
static FbkChartModel *
build_solar (const ChartRequest  *request,
             GError             **error)
{
  g_autoptr(GPtrArray) series = fetch_series (request, request->from, request->to, FBK_REFRESH_VALUES, error);
  g_autoptr(GPtrArray) producing = NULL;
  FbkChartBuildOptions options;

  if (series == NULL)
    return NULL;

  producing = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < series->len; i++)
    {
      FbkMeteringPoint *meter = fbk_repository_find_meter (request->context->repository,
                                                           fbk_series_get_metering_point_id (g_ptr_array_index (series, i)));

      if (fbk_metering_point_get_produces (meter))
        g_ptr_array_add (producing, g_object_ref (g_ptr_array_index (series, i)));
    }
  if (producing->len == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("None of these metering points produces: a solar chart needs one that does."));
      return NULL;
    }

  fbk_chart_build_options_init (&options, request->resolution, request->from, request->to);
  options.net = TRUE;
  return build (request, producing, &options);
}

/* The Cost page's chart, from each meter's saved contract (or the
 * defaults), with the notes `forbruk-cli cost` gives on what is missing. */
static FbkChartModel *
build_cost (const ChartRequest  *request,
            GError             **error)
{
  guint n = g_strv_length ((char **) request->meters);
  g_autofree FbkContract *contracts = g_new0 (FbkContract, n);
  g_autoptr(FbkTariffBook) book = fbk_tariff_book_new_default (error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FbkCostReport) report = NULL;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new ();
  g_autoptr(GString) subject = g_string_new (NULL);
  g_autoptr(GArray) buckets = NULL;
  FbkInstant from, to;

  if (book == NULL)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = fbk_metering_point_dup_display_name (fbk_repository_find_meter (request->context->repository,
                                                                                            request->meters[i]));

      fbk_contract_load (request->meters[i], &contracts[i]);
      if (!fbk_contract_validate (&contracts[i], error))
        return NULL;
      if (i > 0)
        g_string_append (subject, C_("chart title", ", "));
      g_string_append (subject, name);
    }

  /* Bills are per hour: the period is whole hours. */
  from = fbk_time_period_start (request->from, FBK_RESOLUTION_HOUR);
  to = fbk_time_period_next (fbk_time_period_start (request->to - 1, FBK_RESOLUTION_HOUR), FBK_RESOLUTION_HOUR);
  fbk_cost_report_build_async (request->context->repository, book, request->meters, contracts, from, to,
                               fbk_cli_progress, NULL, NULL, fbk_cli_store_result, &result);
  report = fbk_cost_report_build_finish (request->context->repository, fbk_cli_wait (&result), error);
  if (report == NULL)
    return NULL;

  fbk_cli_report_dropped (report->dropped);
  for (guint i = 0; i < report->prices->len; i++)
    fbk_cli_report_price_days (g_ptr_array_index (report->prices, i));

  for (guint i = 0; i < report->meters->len; i++)
    g_ptr_array_add (sheets, ((FbkCostReportMeter *) g_ptr_array_index (report->meters, i))->sheet);
  buckets = fbk_cost_totals_sum_sheets ((const FbkCostSheet * const *) sheets->pdata, sheets->len,
                                        request->resolution);
  return fbk_chart_cost_build_model (buckets, subject->str, request->resolution, from, to);
}

/* The period as short as names it: "2026", "2026-11", "2026-11-05" or
 * "2026-11-02-2026-11-08". */
static char *
period_for_file_name (FbkInstant from,
                      FbkInstant to)
{
  FbkPeriod period = fbk_period_from_dates (fbk_time_oslo_date (from), fbk_time_oslo_date (to - 1));
  gboolean whole_days = fbk_time_oslo_midnight (period.from) == from &&
                        fbk_time_oslo_midnight (fbk_date_add_days (period.to, 1)) == to;

  if (whole_days && period.months == 12 && period.from.month == 1)
    return g_strdup_printf ("%04d", period.from.year);
  if (whole_days && period.months == 1)
    return g_strdup_printf ("%04d-%02d", period.from.year, period.from.month);
  if (fbk_date_compare (period.from, period.to) == 0)
    return g_strdup_printf ("%04d-%02d-%02d", period.from.year, period.from.month, period.from.day);
  return g_strdup_printf ("%04d-%02d-%02d-%04d-%02d-%02d", period.from.year, period.from.month, period.from.day,
                          period.to.year, period.to.month, period.to.day);
}

/* The name of a chart the user gave no -o for: what it shows, the meter
 * if one was asked for, and the period, "forbruk-consumption-2026-11.png".
 * A kind with a suffix of its own ("-cost") is named by it. ASCII only,
 * so it survives any file system and script. */
static char *
default_file_name (const char          *kind_suffix,
                   FbkRefreshWhat       what,
                   const char * const  *asked_meters,
                   FbkInstant           from,
                   FbkInstant           to)
{
  g_autofree char *period = period_for_file_name (from, to);
  g_autoptr(GString) name = g_string_new ("forbruk-");

  if (kind_suffix[0] == '-')
    g_string_append (name, kind_suffix + 1);
  else
    g_string_append (name, what == FBK_REFRESH_PRODUCTION ? "production"
                           : what == FBK_REFRESH_CONSUMPTION ? "consumption" : "consumption-production");
  if (asked_meters != NULL && asked_meters[0] != NULL && asked_meters[1] == NULL)
    {
      g_string_append_c (name, '-');
      for (const char *p = asked_meters[0]; *p != '\0'; p++)
        {
          if (g_ascii_isdigit (*p))
            g_string_append_c (name, *p);
        }
    }
  g_string_append_printf (name, "-%s.png", period);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* The kinds of --kind, the default first. */
static const struct
{
  const char     *name;
  const char     *file_suffix;   /* before the extension of a file named for the user */
  ChartBuildFunc  build;
} kinds[] = {
  { "consumption", "", build_values },
  { "compare", "-compare", build_compare },
  { "heatmap", "-heatmap", build_heatmap },
  { "weekdays", "-weekdays", build_weekdays },
  { "solar", "-solar", build_solar },
  { "cost", "-cost", build_cost },
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
  g_autofree char *compare_text = NULL;
  int width = FBK_CHART_EXPORT_DEFAULT_WIDTH;
  int height = FBK_CHART_EXPORT_DEFAULT_HEIGHT;
  double scale = 1.0;
  gboolean dark = FALSE;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_("consumption (as the Consumption page), compare, heatmap, weekdays, solar or cost (as the Cost page); default: consumption"), N_("KIND") },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &compare_text, N_("With --kind compare: previous or last-year (default: previous)"), N_("WITH") },
    { "resolution", 0, 0, G_OPTION_ARG_STRING, &resolution_text, N_("hour, day, week, month or year (default: by the period’s length)"), N_("R") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels, or points for SVG and PDF (default: 1600)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels, or points for SVG and PDF (default: 900)"), N_("H") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_("PNG pixels per unit, 2 for HiDPI screens (default: 1)"), N_("S") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Dark style instead of light"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The image file: .png, .svg or .pdf (default: a PNG named after what it shows and the period)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) options = fbk_cli_options_new ("chart", fbk_cli_period_usage (),
                                                          _("Draws the values as a chart in a PNG, SVG or PDF file, as the window shows them."),
                                                          NULL);
  g_auto(FbkCliContext) context = { 0 };
  g_auto(GStrv) meters = NULL;
  g_autoptr(FbkChartModel) model = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  FbkChartExportOptions export_options;
  FbkChartFormat format = FBK_CHART_FORMAT_PNG;
  ChartRequest request = { NULL };
  ChartBuildFunc build_kind;
  guint kind;
  gboolean named;

  fbk_cli_selection_add_options (&selection, options);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) ||
      !fbk_cli_parse_period (globals, selection.from_text, selection.to_text, selection.period_text,
                             &request.from, &request.to, &error) ||
      !fbk_cli_selection_get_what (&selection, &request.what, &error))
    {
      g_printerr ("forbruk-cli chart: %s\n", error->message);
      return FBK_CLI_EXIT_USAGE;
    }
  if (!find_kind (kind_text, &kind))
    {
      g_printerr ("forbruk-cli chart: %s\n", _("The kind is one of consumption, compare, heatmap, weekdays, solar and cost."));
      return FBK_CLI_EXIT_USAGE;
    }
  build_kind = kinds[kind].build;
  if (compare_text != NULL && build_kind != build_compare)
    {
      g_printerr ("forbruk-cli chart: %s\n", _("--compare goes with --kind compare."));
      return FBK_CLI_EXIT_USAGE;
    }
  request.compare = FBK_COMPARE_PREVIOUS;
  if (compare_text != NULL &&
      (!fbk_compare_from_string (compare_text, &request.compare) || request.compare == FBK_COMPARE_NONE))
    {
      g_printerr ("forbruk-cli chart: %s\n", _("The comparison is previous or last-year."));
      return FBK_CLI_EXIT_USAGE;
    }
  if (resolution_text == NULL)
    request.resolution = default_resolution (request.from, request.to);
  else if (!fbk_resolution_from_string (resolution_text, &request.resolution))
    {
      g_printerr ("forbruk-cli chart: %s\n", _("The resolution is one of hour, day, week, month and year."));
      return FBK_CLI_EXIT_USAGE;
    }
  if ((build_kind == build_heatmap || build_kind == build_weekdays) && resolution_text != NULL &&
      request.resolution != FBK_RESOLUTION_HOUR)
    {
      g_printerr ("forbruk-cli chart: %s\n", _("A heatmap is of hours: leave out --resolution."));
      return FBK_CLI_EXIT_USAGE;
    }
  if (output != NULL && !fbk_chart_format_from_filename (output, &format))
    {
      g_autofree char *name = g_filename_display_basename (output);
      /* Translators: %s is the file name given, such as “chart.jpg” */
      g_autofree char *message = g_strdup_printf (_("Cannot tell the format from “%s”: charts are saved as "
                                                    "PNG, SVG or PDF, so the name ends in .png, .svg or .pdf."),
                                                  name);

      g_printerr ("forbruk-cli chart: %s\n", message);
      return FBK_CLI_EXIT_USAGE;
    }
  if (width <= 0 || height <= 0 || !(scale > 0.0))
    {
      g_printerr ("forbruk-cli chart: %s\n", _("The width, height and scale are positive numbers."));
      return FBK_CLI_EXIT_USAGE;
    }

  if (!fbk_cli_context_init (&context, globals, TRUE, &error) ||
      (meters = fbk_cli_resolve_meters (&context, (const char * const *) selection.meters, &error)) == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  request.context = &context;
  request.meters = (const char * const *) meters;
  if ((model = build_kind (&request, &error)) == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  named = output == NULL;
  if (named)
    output = default_file_name (kinds[kind].file_suffix, request.what, (const char * const *) selection.meters,
                                request.from, request.to);

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
