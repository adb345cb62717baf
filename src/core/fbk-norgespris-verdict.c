/* fbk-norgespris-verdict.c: the same bills under strømstøtte and under
 * Norgespris
 *
 * The question households argued about from October 2025: would
 * Norgespris have paid? The report's meters are billed twice over the
 * same hours and prices, once with each scheme (every other term of the
 * contract as it is), by fbk_cost_compute(), so the caps, the cabin rule
 * and unknown prices count as on a real bill. Only months in which the
 * tariff book has Norgespris are compared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-cost"

#include "config.h"

#include <math.h>

#include "fbk-cost-totals.h"
#include "fbk-norgespris-verdict.h"

void
fbk_norgespris_verdict_free (FbkNorgesprisVerdict *verdict)
{
  if (verdict == NULL)
    return;

  g_clear_pointer (&verdict->months, g_array_unref);
  g_free (verdict);
}

/* Every meter billed under @scheme, from the scheme's first day on. */
static GArray *
bill_months (const FbkCostReport *report,
             FbkTariffBook       *book,
             FbkScheme            scheme)
{
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) fbk_cost_sheet_free);

  for (guint i = 0; i < report->meters->len; i++)
    {
      const FbkCostReportMeter *meter = g_ptr_array_index (report->meters, i);
      const FbkPriceResult *prices = fbk_cost_report_get_prices (report, meter->contract.area);
      FbkContract contract = meter->contract;

      contract.scheme = scheme;
      contract.norgespris_from = (FbkDate) { 0, 0, 0 };
      g_ptr_array_add (sheets, fbk_cost_compute (meter->consumption, meter->production, prices->hours,
                                                 &contract, book, report->from, report->to));
    }

  return fbk_cost_totals_sum_sheets ((const FbkCostSheet * const *) sheets->pdata, sheets->len,
                                     FBK_RESOLUTION_MONTH);
}

/**
 * fbk_norgespris_verdict_compute:
 *
 * Returns: (transfer full) (nullable): the report's bills month by month
 *   under either scheme, or %NULL when no month of its period had
 *   Norgespris
 */
FbkNorgesprisVerdict *
fbk_norgespris_verdict_compute (const FbkCostReport *report,
                                FbkTariffBook       *book)
{
  g_autoptr(FbkNorgesprisVerdict) verdict = g_new0 (FbkNorgesprisVerdict, 1);
  g_autoptr(GArray) stromstotte = NULL;
  g_autoptr(GArray) norgespris = NULL;
  const FbkCostReportMeter *first;

  g_return_val_if_fail (report != NULL && report->meters->len > 0, NULL);

  stromstotte = bill_months (report, book, FBK_SCHEME_STROMSTOTTE);
  norgespris = bill_months (report, book, FBK_SCHEME_NORGESPRIS);
  first = g_ptr_array_index (report->meters, 0);

  verdict->months = g_array_new (FALSE, FALSE, sizeof (FbkVerdictMonth));
  verdict->chose_norgespris = TRUE;
  for (guint i = 0; i < report->meters->len; i++)
    {
      const FbkCostReportMeter *meter = g_ptr_array_index (report->meters, i);

      verdict->chose_norgespris &= meter->contract.scheme == FBK_SCHEME_NORGESPRIS;
    }

  for (guint i = 0; i < stromstotte->len; i++)
    {
      const FbkCostBucket *with_support = &g_array_index (stromstotte, FbkCostBucket, i);
      const FbkCostBucket *with_norgespris = &g_array_index (norgespris, FbkCostBucket, i);
      FbkDate last_day = fbk_time_oslo_date (with_support->end - 1);
      const FbkNorgesprisRow *row = fbk_tariff_book_lookup_norgespris (book, last_day);
      FbkVerdictMonth month = { 0 };

      if (row == NULL)
        continue;

      month.year = last_day.year;
      month.month = last_day.month;
      month.start = with_support->covered_from;
      month.stromstotte_ore = with_support->total;
      month.norgespris_ore = with_norgespris->total;
      month.unknown = with_support->unknown | with_norgespris->unknown;
      if (verdict->months->len == 0)
        verdict->cap_kwh = first->contract.cabin ? row->cap_cabin_kwh : row->cap_home_kwh;

      verdict->stromstotte_ore += month.stromstotte_ore;
      verdict->norgespris_ore += month.norgespris_ore;
      verdict->unknown |= month.unknown;
      g_array_append_val (verdict->months, month);
    }

  if (verdict->months->len == 0)
    return NULL;
  return g_steal_pointer (&verdict);
}
