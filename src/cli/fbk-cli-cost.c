/* fbk-cli-cost.c: forbruk-cli cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-cli-commands.h"
#include "fbk-cli-context.h"
#include "fbk-cli-help.h"
#include "fbk-cli-notes.h"
#include "fbk-contract-settings.h"
#include "fbk-cost-export.h"
#include "fbk-cost-report.h"

/* The contract options: each one given replaces the saved contract's. */
typedef struct
{
  char     *supplier;
  char     *markup;
  char     *fixed_price;
  char     *monthly_fee;
  char     *scheme;
  char     *norgespris_from;
  gboolean  cabin;
  char     *area;
} ContractOptions;

static void
contract_options_clear (ContractOptions *options)
{
  g_free (options->supplier);
  g_free (options->markup);
  g_free (options->fixed_price);
  g_free (options->monthly_fee);
  g_free (options->scheme);
  g_free (options->norgespris_from);
  g_free (options->area);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ContractOptions, contract_options_clear)

/* A number as people write it here: "12.5" or "12,5". */
static gboolean
parse_amount (const char  *option,
              const char  *text,
              double      *out_value,
              GError     **error)
{
  g_autofree char *point = NULL;
  char *end = NULL;

  if (text == NULL)
    return TRUE;

  point = g_strdelimit (g_strdup (text), ",", '.');
  *out_value = g_ascii_strtod (point, &end);
  if (*point != '\0' && end != NULL && *end == '\0')
    return TRUE;

  /* Translators: an option such as --markup and what was given */
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s takes a number, not “%s”."), option, text);
  return FALSE;
}

/* @contract with the options given on top; checked whole afterwards. */
static gboolean
apply_options (const ContractOptions  *options,
               FbkContract            *contract,
               GError                **error)
{
  if (options->supplier != NULL && !fbk_supplier_from_string (options->supplier, &contract->supplier))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The supplier is spot or fixed."));
      return FALSE;
    }
  if (options->scheme != NULL && !fbk_scheme_from_string (options->scheme, &contract->scheme))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The scheme is stromstotte, norgespris or none."));
      return FALSE;
    }
  if (options->norgespris_from != NULL && !fbk_time_parse_date (options->norgespris_from, &contract->norgespris_from))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a date: use YYYY-MM-DD."), options->norgespris_from);
      return FALSE;
    }
  if (options->cabin)
    contract->cabin = TRUE;
  if (options->area != NULL && !fbk_cli_parse_area (options->area, &contract->area, error))
    return FALSE;

  return parse_amount ("--markup", options->markup, &contract->markup_ore, error) &&
         parse_amount ("--fixed-price", options->fixed_price, &contract->fixed_price_ore, error) &&
         parse_amount ("--monthly-fee", options->monthly_fee, &contract->monthly_fee_kr, error) &&
         fbk_contract_validate (contract, error);
}

static void
add_contract_options (ContractOptions *contract,
                      GOptionContext  *options)
{
  const GOptionEntry entries[] = {
    { "supplier", 0, 0, G_OPTION_ARG_STRING, &contract->supplier, N_("spot or fixed"), N_("KIND") },
    { "markup", 0, 0, G_OPTION_ARG_STRING, &contract->markup, N_("The supplier's markup on spot, øre/kWh incl. VAT"), N_("ØRE") },
    { "fixed-price", 0, 0, G_OPTION_ARG_STRING, &contract->fixed_price, N_("A fixed price, øre/kWh incl. VAT"), N_("ØRE") },
    { "monthly-fee", 0, 0, G_OPTION_ARG_STRING, &contract->monthly_fee, N_("The supplier's fee, kr a month incl. VAT"), N_("KR") },
    { "scheme", 0, 0, G_OPTION_ARG_STRING, &contract->scheme, N_("stromstotte, norgespris or none"), N_("SCHEME") },
    { "norgespris-from", 0, 0, G_OPTION_ARG_STRING, &contract->norgespris_from, N_("The first day on Norgespris"), N_("DATE") },
    { "cabin", 0, 0, G_OPTION_ARG_NONE, &contract->cabin, N_("A holiday home (fritidsbolig), not a home"), NULL },
    { "area", 0, 0, G_OPTION_ARG_STRING, &contract->area, N_("Price area NO1 … NO5"), N_("AREA") },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
}

/* Each meter's saved contract (or the defaults), with the options on top. */
static FbkContract *
resolve_contracts (const ContractOptions  *options,
                   const char * const     *meters,
                   GError                **error)
{
  guint n = g_strv_length ((char **) meters);
  g_autofree FbkContract *contracts = g_new0 (FbkContract, n);

  for (guint i = 0; i < n; i++)
    {
      fbk_contract_load (meters[i], &contracts[i]);
      if (!apply_options (options, &contracts[i], error))
        return NULL;
    }
  return g_steal_pointer (&contracts);
}

static char *
report_to_text (FbkCliContext  *context,
                FbkCostReport  *report,
                FbkResolution   resolution,
                gboolean        json,
                FbkCsvStyle     csv_style)
{
  g_autofree FbkCostExportMeter *meters = g_new0 (FbkCostExportMeter, report->meters->len);

  for (guint i = 0; i < report->meters->len; i++)
    {
      const FbkCostReportMeter *meter = g_ptr_array_index (report->meters, i);
      FbkMeteringPoint *point = fbk_repository_find_meter (context->repository, meter->metering_point_id);

      meters[i].metering_point_id = meter->metering_point_id;
      meters[i].sheet = meter->sheet;
      meters[i].produces = point != NULL && fbk_metering_point_get_produces (point);
    }

  if (json)
    return fbk_cost_to_json (meters, report->meters->len, resolution);
  else
    {
      GString *csv = g_string_new (NULL);

      fbk_cost_write_csv (csv, csv_style, meters, report->meters->len, resolution);
      return g_string_free (csv, FALSE);
    }
}

int
fbk_cli_cost (const FbkCliGlobals  *globals,
              int                   argc,
              char                **argv)
{
  g_auto(FbkCliSelection) selection = { 0 };
  g_auto(ContractOptions) contract_options = { 0 };
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
  g_autoptr(GOptionContext) options = fbk_cli_options_new ("cost", fbk_cli_period_usage (),
                                                          _("Prints what the electricity cost, both bills part by part, in kr "
                                                            "including VAT: the supplier's (spot price or fixed price), the grid's "
                                                            "(energy and capacity), taxes, strømstøtte or Norgespris. Contract "
                                                            "options not given come from the metering point's saved contract."),
                                                          NULL);
  g_auto(FbkCliContext) context = { 0 };
  g_auto(GStrv) meters = NULL;
  g_autofree FbkContract *contracts = NULL;
  g_autoptr(FbkTariffBook) book = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FbkCostReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  FbkResolution resolution = FBK_RESOLUTION_HOUR;
  FbkCsvStyle csv_style;
  FbkInstant from, to;
  gboolean json;

  /* Only consumption is billed; production is credited beside it. */
  fbk_cli_add_period_options (options, &selection.from_text, &selection.to_text, &selection.period_text);
  g_option_context_add_main_entries (options, (const GOptionEntry[]) {
    { "meter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &selection.meters, N_("A metering point id (repeat for several; default: all)"), N_("ID") },
    { NULL }
  }, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  add_contract_options (&contract_options, options);
  if (!g_option_context_parse (options, &argc, &argv, &error) ||
      !fbk_cli_no_arguments_left (argc, argv, &error) ||
      !fbk_cli_parse_period (globals, selection.from_text, selection.to_text, selection.period_text, &from, &to, &error) ||
      !fbk_cli_parse_format (format, &json, &error) ||
      !fbk_cli_parse_csv_style (csv_style_text, &csv_style, &error))
    {
      g_printerr ("forbruk-cli cost: %s\n", error->message);
      return FBK_CLI_EXIT_USAGE;
    }
  if (resolution_text != NULL && !fbk_resolution_from_string (resolution_text, &resolution))
    {
      g_printerr ("forbruk-cli cost: %s\n", _("The resolution is one of hour, day, week, month and year."));
      return FBK_CLI_EXIT_USAGE;
    }
  /* Bills are per hour: a period is whole hours. */
  from = fbk_time_period_start (from, FBK_RESOLUTION_HOUR);
  to = fbk_time_period_next (fbk_time_period_start (to - 1, FBK_RESOLUTION_HOUR), FBK_RESOLUTION_HOUR);

  book = fbk_tariff_book_new_default (&error);
  if (book == NULL)
    {
      fbk_cli_report_error (error);
      return FBK_CLI_EXIT_LOCAL;
    }

  if (!fbk_cli_context_init (&context, globals, TRUE, &error) ||
      (meters = fbk_cli_resolve_meters (&context, (const char * const *) selection.meters, &error)) == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  contracts = resolve_contracts (&contract_options, (const char * const *) meters, &error);
  if (contracts == NULL)
    {
      g_printerr ("forbruk-cli cost: %s\n", error->message);
      return FBK_CLI_EXIT_USAGE;
    }

  fbk_cost_report_build_async (context.repository, book, (const char * const *) meters, contracts, from, to,
                               fbk_cli_progress, NULL, NULL, fbk_cli_store_result, &result);
  report = fbk_cost_report_build_finish (context.repository, fbk_cli_wait (&result), &error);
  if (report == NULL)
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  fbk_cli_report_dropped (report->dropped);
  for (guint i = 0; i < report->prices->len; i++)
    fbk_cli_report_price_days (g_ptr_array_index (report->prices, i));

  text = report_to_text (&context, report, resolution, json, csv_style);
  if (!fbk_cli_write_output (output, text, strlen (text), &error))
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }
  return FBK_CLI_EXIT_OK;
}
