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
#include "fbk-csv.h"

/* Written by hand rather than with JsonGenerator, which prints doubles with
 * 17 significant digits (3.7650000000000001) where the API has three decimals. */
static char *
values_to_json (GPtrArray  *buckets,
                FbkInstant  from,
                FbkInstant  to)
{
  GString *json = g_string_new ("[");
  gboolean first = TRUE;

  for (guint i = 0; i < buckets->len; i++)
    {
      FbkSeries *series = g_ptr_array_index (buckets, i);
      const char *direction = fbk_direction_to_string (fbk_series_get_direction (series));
      guint n = 0;
      const FbkInterval *intervals = fbk_series_get_range (series, from, to, &n);

      for (guint j = 0; j < n; j++)
        {
          g_autofree char *start = fbk_time_format_oslo (intervals[j].start);
          g_autofree char *end = fbk_time_format_oslo (fbk_interval_end (&intervals[j]));
          char kwh[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (kwh, sizeof kwh, "%.3f", intervals[j].kwh);
          g_string_append_printf (json,
                                  "%s\n  {\"metering_point_id\": \"%s\", \"start\": \"%s\", \"end\": \"%s\", "
                                  "\"kwh\": %s, \"direction\": \"%s\", \"verified\": %s}",
                                  first ? "" : ",",
                                  fbk_series_get_metering_point_id (series), start, end, kwh, direction,
                                  (intervals[j].flags & FBK_INTERVAL_VERIFIED) != 0 ? "true" : "false");
          first = FALSE;
        }
    }
  g_string_append (json, "\n]\n");

  return g_string_free (json, FALSE);
}

static gboolean
drop_seen_before (GArray *dropped,
                  guint   index)
{
  const FbkRangeDrop *drop = &g_array_index (dropped, FbkRangeDrop, index);

  for (guint i = 0; i < index; i++)
    {
      const FbkRangeDrop *earlier = &g_array_index (dropped, FbkRangeDrop, i);

      if (earlier->from == drop->from && earlier->to == drop->to && earlier->reason == drop->reason &&
          g_strcmp0 (earlier->metering_point_id, drop->metering_point_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Each meter is planned on its own, so a limit shared by all of them (three
 * years, the future) would otherwise be reported once per meter. */
static void
report_dropped (GArray *dropped)
{
  for (guint i = 0; i < dropped->len; i++)
    {
      const FbkRangeDrop *drop = &g_array_index (dropped, FbkRangeDrop, i);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (drop_seen_before (dropped, i))
        continue;

      from = fbk_time_format_oslo (drop->from);
      to = fbk_time_format_oslo (drop->to);
      if (drop->reason == FBK_RANGE_DROP_BEFORE_CONTRACT && drop->metering_point_id != NULL)
        /* Translators: a metering point id, a range of time, and why it is left out. */
        g_printerr (_("Note: %s: %s – %s is left out: %s\n"), drop->metering_point_id, from, to,
                    fbk_range_drop_reason_describe (drop->reason));
      else
        /* Translators: a part of the asked period that could not be fetched, and why. */
        g_printerr (_("Note: %s – %s is left out: %s\n"), from, to,
                    fbk_range_drop_reason_describe (drop->reason));
    }
}

int
fbk_cli_values (const FbkCliGlobals  *globals,
                int                   argc,
                char                **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_auto(GStrv) asked_meters = NULL;
  gboolean production = FALSE;
  g_autofree char *resolution_text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *csv_style_text = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day (YYYY-MM-DD) or instant (RFC 3339)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day, included, or end instant"), N_("DATE") },
    { "meter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &asked_meters, N_("A metering point id (repeat for several; default: all)"), N_("ID") },
    { "production", 0, 0, G_OPTION_ARG_NONE, &production, N_("Production instead of consumption"), NULL },
    { "resolution", 0, 0, G_OPTION_ARG_STRING, &resolution_text, N_("hour, day, week, month or year (default: hour)"), N_("R") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or json (default: csv)"), N_("FORMAT") },
    { "csv-style", 0, 0, G_OPTION_ARG_STRING, &csv_style_text, N_("default, or spreadsheet for Norwegian Excel/LibreOffice"), N_("STYLE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_auto(FbkCliContext) context = { 0 };
  g_auto(GStrv) meters = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FbkRefreshResult) refreshed = NULL;
  g_autoptr(GPtrArray) buckets = NULL;
  g_autoptr(GError) error = NULL;
  FbkResolution resolution = FBK_RESOLUTION_HOUR;
  FbkCsvStyle csv_style;
  FbkInstant from, to;
  g_autofree char *text = NULL;

  g_option_context_set_summary (options, _("Prints metered values as CSV or JSON."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) ||
      !fbk_cli_no_arguments_left (argc, argv, &error) ||
      !fbk_cli_parse_period (from_text, to_text, &from, &to, &error) ||
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
  if (format != NULL && g_strcmp0 (format, "csv") != 0 && g_strcmp0 (format, "json") != 0)
    {
      g_printerr ("forbruk-cli values: %s\n", _("The format is csv or json."));
      return FBK_CLI_EXIT_USAGE;
    }

  if (!fbk_cli_context_init (&context, globals, &error) ||
      (meters = fbk_cli_resolve_meters (&context, (const char * const *) asked_meters, &error)) == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  fbk_repository_refresh_values_async (context.repository, (const char * const *) meters, from, to,
                                       production ? FBK_DIRECTION_PRODUCTION : FBK_DIRECTION_CONSUMPTION,
                                       fbk_cli_progress, NULL, NULL, fbk_cli_store_result, &result);
  refreshed = fbk_repository_refresh_values_finish (context.repository, fbk_cli_wait (&result), &error);
  if (refreshed == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }
  report_dropped (refreshed->dropped);

  buckets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < refreshed->series->len; i++)
    g_ptr_array_add (buckets, fbk_series_aggregate (g_ptr_array_index (refreshed->series, i),
                                                    resolution, from, to));

  if (g_strcmp0 (format, "json") == 0)
    text = values_to_json (buckets, from, to);
  else
    {
      GString *csv = g_string_new (NULL);

      fbk_csv_write_values (csv, csv_style, (FbkSeries * const *) buckets->pdata, buckets->len,
                            fbk_time_period_start (from, resolution), to);
      text = g_string_free (csv, FALSE);
    }

  if (!fbk_cli_write_output (output, text, strlen (text), &error))
    {
      fbk_cli_report_error (error);
      return FBK_CLI_EXIT_USAGE;
    }

  return FBK_CLI_EXIT_OK;
}
