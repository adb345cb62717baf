/* fbk-cli-chart.c: forbruk-cli chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-chart-build.h"
#include "fbk-chart-export.h"
#include "fbk-cli-commands.h"
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

int
fbk_cli_chart (const FbkCliGlobals  *globals,
               int                   argc,
               char                **argv)
{
  g_auto(FbkCliSelection) selection = { 0 };
  g_autofree char *resolution_text = NULL;
  int width = FBK_CHART_EXPORT_DEFAULT_WIDTH;
  int height = FBK_CHART_EXPORT_DEFAULT_HEIGHT;
  double scale = 1.0;
  gboolean dark = FALSE;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
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
  g_auto(GStrv) names = NULL;
  g_autoptr(FbkRefreshResult) refreshed = NULL;
  g_autoptr(GPtrArray) series = NULL;
  FbkRefreshWhat what;
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
      (refreshed = fbk_cli_fetch_values (&context, (const char * const *) meters, from, to, what, &error)) == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  series = fbk_cli_refreshed_series (refreshed);
  names = display_names (&context, series);
  model = fbk_chart_build_model ((FbkSeries * const *) series->pdata, (const char * const *) names,
                                 series->len, resolution, from, to);

  named = output == NULL;
  if (named)
    output = fbk_chart_build_file_name ((const char * const *) meters, from, to, "png");

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
