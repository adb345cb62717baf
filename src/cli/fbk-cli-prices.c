/* fbk-cli-prices.c: forbruk-cli prices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-cli-commands.h"
#include "fbk-cli-context.h"
#include "fbk-cli-notes.h"
#include "fbk-cost-export.h"

int
fbk_cli_prices (const FbkCliGlobals  *globals,
                int                   argc,
                char                **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *area_text = NULL;
  g_autofree char *resolution_text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *csv_style_text = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day (YYYY-MM-DD) or instant (RFC 3339)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day, included, or end instant"), N_("DATE") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area_text, N_("Price area NO1 … NO5 (default: NO1)"), N_("AREA") },
    { "resolution", 0, 0, G_OPTION_ARG_STRING, &resolution_text,
      N_("hour (billed hours, quarter-hours averaged) or quarter (as published; default: hour)"), N_("R") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or json (default: csv)"), N_("FORMAT") },
    { "csv-style", 0, 0, G_OPTION_ARG_STRING, &csv_style_text, N_("default, or spreadsheet for Norwegian Excel/LibreOffice"), N_("STYLE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_auto(FbkCliContext) context = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FbkPriceResult) prices = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  FbkPriceArea area;
  FbkCsvStyle csv_style;
  FbkInstant from, to;
  gboolean quarter = FALSE;
  gboolean json;
  const GArray *rows;

  g_option_context_set_summary (options, _("Prints the spot prices of a price area, excluding VAT, "
                                           "from hvakosterstrommen.no."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) ||
      !fbk_cli_no_arguments_left (argc, argv, &error) ||
      !fbk_cli_parse_period (from_text, to_text, &from, &to, &error) ||
      !fbk_cli_parse_area (area_text, &area, &error) ||
      !fbk_cli_parse_format (format, &json, &error) ||
      !fbk_cli_parse_csv_style (csv_style_text, &csv_style, &error))
    {
      g_printerr ("forbruk-cli prices: %s\n", error->message);
      return FBK_CLI_EXIT_USAGE;
    }
  if (resolution_text != NULL && g_strcmp0 (resolution_text, "hour") != 0 &&
      !(quarter = g_strcmp0 (resolution_text, "quarter") == 0))
    {
      g_printerr ("forbruk-cli prices: %s\n", _("The resolution is hour or quarter."));
      return FBK_CLI_EXIT_USAGE;
    }

  /* Prices need no token. */
  if (!fbk_cli_context_init (&context, globals, FALSE, &error))
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  fbk_repository_fetch_prices_async (context.repository, fbk_price_area_to_string (area), from, to,
                                     fbk_cli_progress, NULL, NULL, fbk_cli_store_result, &result);
  prices = fbk_repository_fetch_prices_finish (context.repository, fbk_cli_wait (&result), &error);
  if (prices == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }
  fbk_cli_report_price_days (prices);

  /* Nothing at all, because nothing could be fetched: that is a failure;
   * some days missing is a note, and so is nothing when nothing was to be
   * asked (--offline). */
  if (prices->intervals->len == 0 && prices->fetch_error != NULL &&
      !fbk_repository_get_offline (context.repository))
    return fbk_cli_exit_for_error (prices->fetch_error);

  rows = quarter ? prices->intervals : prices->hours;
  if (json)
    text = fbk_spot_prices_to_json (prices->area, rows);
  else
    {
      GString *csv = g_string_new (NULL);

      fbk_spot_prices_write_csv (csv, csv_style, prices->area, rows);
      text = g_string_free (csv, FALSE);
    }

  if (!fbk_cli_write_output (output, text, strlen (text), &error))
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }
  return FBK_CLI_EXIT_OK;
}
