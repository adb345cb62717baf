/* fbk-cli-maxhours.c: forbruk-cli maxhours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "fbk-cli-commands.h"
#include "fbk-cli-context.h"
#include "fbk-cli-help.h"
#include "fbk-format.h"
#include "fbk-json-writer.h"
#include "fbk-max-hours-table.h"

static gboolean
parse_month (const char  *text,
             FbkInstant   now,
             FbkInstant  *out_start,
             GError     **error)
{
  g_autofree char *as_date = NULL;
  FbkDate date;

  if (text == NULL)
    {
      *out_start = fbk_time_period_start (now, FBK_RESOLUTION_MONTH);
      return TRUE;
    }

  as_date = g_strconcat (text, "-01", NULL);
  if (strlen (text) != 7 || !fbk_time_parse_date (as_date, &date))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a month: use YYYY-MM."), text);
      return FALSE;
    }

  *out_start = fbk_time_oslo_midnight (date);
  if (*out_start > now)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s has not started yet."), text);
      return FALSE;
    }
  return TRUE;
}

static void
print_text (const char     *metering_point_id,
            GArray         *rows)
{
  if (rows->len == 0)
    {
      g_print (_("%s: no values for this month\n"), metering_point_id);
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const FbkMaxHoursRow *row = &g_array_index (rows, FbkMaxHoursRow, i);
      g_autofree char *average = fbk_format_number (row->shown.average, 3);

      g_print ("%s  %04d-%02d  ", metering_point_id, row->year, row->month);
      g_print (_("average %s kW"), average);
      if (row->step > 0)
        {
          const FbkTariffStep *step = fbk_tariff_table_get_step (row->table, row->step);
          g_autofree char *lower = fbk_format_number (step->lower, 0);

          g_print ("  ");
          if (isfinite (step->upper))
            {
              g_autofree char *upper = fbk_format_number (step->upper, 0);

              g_print (_("step %u (%s–%s kW)"), row->step, lower, upper);
            }
          else
            g_print (_("step %u (over %s kW)"), row->step, lower);
          if (isfinite (row->headroom))
            {
              g_autofree char *headroom = fbk_format_number (row->headroom, 3);

              g_print ("  ");
              g_print (_("%s kW below the next step"), headroom);
            }
        }
      g_print ("  %s%s%s\n",
               row->has_api ? _("figures from Elvia") : _("computed from the hourly values"),
               row->shown.provisional ? _(", provisional") : "",
               row->complete ? "" : _(", month not complete"));

      for (guint h = 0; h < row->shown.n_hours; h++)
        {
          const FbkMaxHour *hour = &row->shown.hours[h];
          g_autofree char *start = fbk_time_format_oslo (hour->start);
          g_autofree char *kwh = fbk_format_number (hour->kwh, 3);

          g_print ("  %u. %s  %s kWh%s\n", h + 1, start, kwh,
                   hour->verified ? "" : _("  (not verified)"));
        }
    }
}

static void
add_optional_double (JsonBuilder *builder,
                     const char  *member,
                     gboolean     present,
                     double       value)
{
  json_builder_set_member_name (builder, member);
  if (present)
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* What the coach adds to a month: partial or not (and the span it covers),
 * prices, the headroom, and one step lower: its price difference, the kWh
 * cut unrounded (to the micro-kWh, as the CSV) and the data of the
 * sentence. */
static void
add_coach_json (JsonBuilder          *builder,
                const FbkMaxHoursRow *row)
{
  g_autofree char *covered_from = fbk_time_format_oslo (row->covered_from);
  g_autofree char *covered_to = fbk_time_format_oslo (row->covered_to);

  json_builder_set_member_name (builder, "partial");
  json_builder_add_boolean_value (builder, row->partial);
  json_builder_set_member_name (builder, "covered_from");
  json_builder_add_string_value (builder, covered_from);
  json_builder_set_member_name (builder, "covered_to");
  json_builder_add_string_value (builder, covered_to);
  add_optional_double (builder, "step_price_kr", !isnan (row->step_price_kr), row->step_price_kr);
  add_optional_double (builder, "next_step_price_kr", !isnan (row->next_step_price_kr), row->next_step_price_kr);
  add_optional_double (builder, "headroom_kwh", !row->partial && row->step > 0 && isfinite (row->headroom),
                       round (row->headroom * 1000.0) / 1000.0);
  add_optional_double (builder, "saving_kr", !isnan (row->saving_kr), row->saving_kr);
  add_optional_double (builder, "saving_cut_kwh", row->has_saving, round (row->saving.cut_kwh * 1e6) / 1e6);

  json_builder_set_member_name (builder, "saving_hint");
  if (!row->has_saving || row->saving.to_step == 0)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "to_step");
  json_builder_add_int_value (builder, row->saving.to_step);
  json_builder_set_member_name (builder, "under_kwh");
  json_builder_add_double_value (builder, round (row->saving.cap_kwh * 1e6) / 1e6);
  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  for (guint i = 0; i < row->saving.n_days_cut; i++)
    {
      g_autofree char *start = fbk_time_format_oslo (row->saving.days_cut[i].start);

      json_builder_add_string_value (builder, start);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_rows_json (JsonBuilder *builder,
               const char  *metering_point_id,
               GArray      *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const FbkMaxHoursRow *row = &g_array_index (rows, FbkMaxHoursRow, i);
      g_autofree char *month = g_strdup_printf ("%04d-%02d", row->year, row->month);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "metering_point_id");
      json_builder_add_string_value (builder, metering_point_id);
      json_builder_set_member_name (builder, "month");
      json_builder_add_string_value (builder, month);
      json_builder_set_member_name (builder, "hours");
      json_builder_begin_array (builder);
      for (guint h = 0; h < row->shown.n_hours; h++)
        {
          g_autofree char *start = fbk_time_format_oslo (row->shown.hours[h].start);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "start");
          json_builder_add_string_value (builder, start);
          json_builder_set_member_name (builder, "kwh");
          json_builder_add_double_value (builder, row->shown.hours[h].kwh);
          json_builder_set_member_name (builder, "verified");
          json_builder_add_boolean_value (builder, row->shown.hours[h].verified);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "average");
      json_builder_add_double_value (builder, round (row->shown.average * 1000.0) / 1000.0);
      json_builder_set_member_name (builder, "step");
      if (row->step > 0)
        json_builder_add_int_value (builder, row->step);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "headroom");
      if (row->step > 0 && isfinite (row->headroom))
        json_builder_add_double_value (builder, round (row->headroom * 1000.0) / 1000.0);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, row->has_api ? "api" : "local");
      json_builder_set_member_name (builder, "provisional");
      json_builder_add_boolean_value (builder, row->shown.provisional);
      json_builder_set_member_name (builder, "complete");
      json_builder_add_boolean_value (builder, row->complete);
      json_builder_set_member_name (builder, "verified");
      json_builder_add_boolean_value (builder, row->shown.all_verified);
      add_coach_json (builder, row);
      json_builder_end_object (builder);
    }
}

int
fbk_cli_maxhours (const FbkCliGlobals  *globals,
                  int                   argc,
                  char                **argv)
{
  g_autofree char *month_text = NULL;
  g_auto(GStrv) asked_meters = NULL;
  g_autofree char *source = NULL;
  g_autofree char *format = NULL;
  g_autofree char *csv_style_text = NULL;
  const GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text, N_("The month (default: this month)"), N_("YYYY-MM") },
    { "meter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &asked_meters, N_("A metering point id (repeat for several; default: all)"), N_("ID") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("api (Elvia's figures, the default) or local (computed from hourly values)"), N_("SOURCE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text, csv or json (default: text)"), N_("FORMAT") },
    { "csv-style", 0, 0, G_OPTION_ARG_STRING, &csv_style_text, N_("default, or spreadsheet for Norwegian Excel/LibreOffice"), N_("STYLE") },
    { NULL }
  };
  g_autoptr(GOptionContext) options = fbk_cli_options_new ("maxhours", NULL,
                                                          _("Prints each month's three peak hours, their average and the capacity step."),
                                                          _("The capacity measure is in kW, as on Elvia's Min side: the average of the "
                                                            "month's three highest hours, each on a different day (an hour's kWh is "
                                                            "the same number as its average power in kW). Each line says where its "
                                                            "figures come from: Elvia's own (--source api) or computed from the "
                                                            "hourly values (--source local)."));
  g_auto(FbkCliContext) context = { 0 };
  g_auto(GStrv) meters = NULL;
  g_autoptr(FbkTariffBook) book = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) hourly = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(JsonBuilder) json = json_builder_new ();
  gboolean local;
  FbkCsvStyle csv_style;
  FbkInstant now, month_start, month_end;

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) ||
      !fbk_cli_no_arguments_left (argc, argv, &error) ||
      !fbk_cli_parse_csv_style (csv_style_text, &csv_style, &error))
    {
      g_printerr ("forbruk-cli maxhours: %s\n", error->message);
      return FBK_CLI_EXIT_USAGE;
    }
  if ((source != NULL && g_strcmp0 (source, "api") != 0 && g_strcmp0 (source, "local") != 0) ||
      (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "csv") != 0 &&
       g_strcmp0 (format, "json") != 0))
    {
      g_printerr ("forbruk-cli maxhours: %s\n", _("--source is api or local; --format is text, csv or json."));
      return FBK_CLI_EXIT_USAGE;
    }
  local = g_strcmp0 (source, "local") == 0;

  if (!fbk_cli_context_init (&context, globals, TRUE, &error))
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  now = fbk_session_get_now (context.session);
  if (!parse_month (month_text, now, &month_start, &error))
    {
      g_printerr ("forbruk-cli maxhours: %s\n", error->message);
      return FBK_CLI_EXIT_USAGE;
    }
  month_end = fbk_time_period_next (month_start, FBK_RESOLUTION_MONTH);

  meters = fbk_cli_resolve_meters (&context, (const char * const *) asked_meters, &error);
  book = meters != NULL ? fbk_tariff_book_new_default (&error) : NULL;
  if (book == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  /* The hourly values always: the saving is worked out from them even
   * where Elvia's figures are shown. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(FbkRefreshResult) refreshed = NULL;

    fbk_repository_refresh_async (context.repository, (const char * const *) meters,
                                  month_start, MIN (month_end, fbk_range_plan_end_limit (now)),
                                  FBK_REFRESH_CONSUMPTION, fbk_cli_progress, NULL, NULL,
                                  fbk_cli_store_result, &result);
    refreshed = fbk_repository_refresh_finish (context.repository, fbk_cli_wait (&result), &error);
    if (refreshed != NULL)
      hourly = g_ptr_array_ref (refreshed->series[FBK_DIRECTION_CONSUMPTION]);
  }

  if (!local && hourly != NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;

      fbk_repository_fetch_max_hours_async (context.repository, (const char * const *) meters,
                                            month_start, month_end, NULL, fbk_cli_store_result, &result);
      reports = fbk_repository_fetch_max_hours_finish (context.repository, fbk_cli_wait (&result), &error);
      if (reports == NULL)
        g_clear_pointer (&hourly, g_ptr_array_unref);
    }

  if (hourly == NULL && reports == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  json_builder_begin_array (json);
  for (guint i = 0; meters[i] != NULL; i++)
    {
      g_autoptr(GArray) rows = fbk_max_hours_table_build (hourly != NULL ? g_ptr_array_index (hourly, i) : NULL,
                                                          fbk_max_hours_reports_find (reports, meters[i]),
                                                          month_start, month_end, now, book);

      if (g_strcmp0 (format, "csv") == 0)
        fbk_max_hours_table_write_csv (csv, csv_style, meters[i], rows, i == 0);
      else if (g_strcmp0 (format, "json") == 0)
        add_rows_json (json, meters[i], rows);
      else
        print_text (meters[i], rows);
    }
  json_builder_end_array (json);

  if (g_strcmp0 (format, "csv") == 0)
    fbk_cli_write_output (NULL, csv->str, csv->len, NULL);
  else if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (json);
      g_autofree char *text = fbk_json_node_to_data (root);

      g_print ("%s", text);
    }

  return FBK_CLI_EXIT_OK;
}
