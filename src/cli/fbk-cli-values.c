/* fbk-cli-values.c: forbruk-cli values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "fbk-cli-commands.h"
#include "fbk-cli-context.h"
#include "fbk-cli-help.h"
#include "fbk-csv.h"
#include "fbk-json-writer.h"

/* As the API states them. */
#define KWH_DECIMALS 3

static void
append_row_json (GString    *json,
                 gboolean    first,
                 FbkSeries  *series,
                 FbkInstant  start,
                 FbkInstant  end,
                 double      kwh,
                 gboolean    verified)
{
  g_autofree char *start_text = fbk_time_format_oslo (start);
  g_autofree char *end_text = fbk_time_format_oslo (end);
  g_autofree char *kwh_text = fbk_json_format_number (kwh, KWH_DECIMALS);

  g_string_append_printf (json,
                          "%s\n  {\"metering_point_id\": \"%s\", \"start\": \"%s\", \"end\": \"%s\", "
                          "\"kwh\": %s, \"direction\": \"%s\", \"verified\": %s",
                          first ? "" : ",", fbk_series_get_metering_point_id (series), start_text, end_text,
                          kwh_text, fbk_direction_to_string (fbk_series_get_direction (series)),
                          verified ? "true" : "false");
}

/* Written by hand with fbk-json-writer's numbers, as the API states them
 * (three decimals, 3.765, not JsonGenerator's 3.7650000000000001). The same rows as the CSV (fbk_csv_write_values()): summed over
 * periods, with the hours they hold and the hours the period has. */
static char *
values_to_json (GPtrArray     *series,
                FbkResolution  resolution,
                FbkInstant     from,
                FbkInstant     to)
{
  GString *json = g_string_new ("[");
  gboolean first = TRUE;

  for (guint i = 0; i < series->len; i++)
    {
      FbkSeries *one = g_ptr_array_index (series, i);

      if (resolution == FBK_RESOLUTION_HOUR)
        {
          guint n = 0;
          const FbkInterval *intervals = fbk_series_get_range (one, from, to, &n);

          for (guint j = 0; j < n; j++, first = FALSE)
            {
              append_row_json (json, first, one, intervals[j].start, fbk_interval_end (&intervals[j]),
                               intervals[j].kwh, (intervals[j].flags & FBK_INTERVAL_VERIFIED) != 0);
              g_string_append_c (json, '}');
            }
        }
      else
        {
          g_autoptr(GArray) buckets = fbk_series_get_buckets (one, resolution, from, to);

          for (guint j = 0; j < buckets->len; j++, first = FALSE)
            {
              const FbkBucket *bucket = &g_array_index (buckets, FbkBucket, j);

              append_row_json (json, first, one, bucket->covered_from, bucket->covered_to, bucket->kwh,
                               (bucket->flags & FBK_INTERVAL_VERIFIED) != 0);
              g_string_append (json, ", \"hours\": ");
              fbk_json_append_number (json, bucket->covered_seconds / 3600.0, FBK_JSON_ANY_PRECISION);
              g_string_append (json, ", \"hours_expected\": ");
              fbk_json_append_number (json, (bucket->end - bucket->start) / 3600.0, FBK_JSON_ANY_PRECISION);
              g_string_append_c (json, '}');
            }
        }
    }
  g_string_append (json, "\n]\n");

  return g_string_free (json, FALSE);
}

int
fbk_cli_values (const FbkCliGlobals  *globals,
                int                   argc,
                char                **argv)
{
  g_auto(FbkCliSelection) selection = { 0 };
  g_autofree char *resolution_text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *csv_style_text = NULL;
  const GOptionEntry entries[] = {
    { "resolution", 0, 0, G_OPTION_ARG_STRING, &resolution_text, N_("hour, day, week, month or year (default: hour)"), N_("R") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or json (default: csv)"), N_("FORMAT") },
    { "csv-style", 0, 0, G_OPTION_ARG_STRING, &csv_style_text, N_("default, or spreadsheet for Norwegian Excel/LibreOffice"), N_("STYLE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) options = fbk_cli_options_new ("values", fbk_cli_period_usage (),
                                                          _("Prints metered values as CSV or JSON."), NULL);
  g_auto(FbkCliContext) context = { 0 };
  g_auto(GStrv) meters = NULL;
  g_autoptr(FbkRefreshResult) refreshed = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;
  FbkRefreshWhat what;
  FbkResolution resolution = FBK_RESOLUTION_HOUR;
  FbkCsvStyle csv_style;
  gboolean json;
  FbkInstant from, to;
  g_autofree char *text = NULL;

  fbk_cli_selection_add_options (&selection, options);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) ||
      !fbk_cli_no_arguments_left (argc, argv, &error) ||
      !fbk_cli_parse_period (globals, selection.from_text, selection.to_text, selection.period_text, &from, &to, &error) ||
      !fbk_cli_selection_get_what (&selection, &what, &error) ||
      !fbk_cli_parse_format (format, &json, &error) ||
      !fbk_cli_parse_csv_style (csv_style_text, &csv_style, &error))
    {
      g_printerr ("forbruk-cli values: %s\n", error->message);
      return FBK_CLI_EXIT_USAGE;
    }
  if (resolution_text != NULL && !fbk_resolution_from_string (resolution_text, &resolution))
    {
      g_printerr ("forbruk-cli values: %s\n", _("The resolution is one of hour, day, week, month and year."));
      return FBK_CLI_EXIT_USAGE;
    }

  if (!fbk_cli_context_init (&context, globals, TRUE, &error) ||
      (meters = fbk_cli_resolve_meters (&context, (const char * const *) selection.meters, &error)) == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  refreshed = fbk_cli_fetch_values (&context, (const char * const *) meters, from, to, what, &error);
  if (refreshed == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }
  series = fbk_cli_refreshed_series (refreshed);

  if (json)
    text = values_to_json (series, resolution, from, to);
  else
    {
      GString *csv = g_string_new (NULL);

      fbk_csv_write_values (csv, csv_style, (FbkSeries * const *) series->pdata, series->len, resolution, from, to);
      text = g_string_free (csv, FALSE);
    }

  if (!fbk_cli_write_output (output, text, strlen (text), &error))
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  return FBK_CLI_EXIT_OK;
}
