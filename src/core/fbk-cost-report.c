/* fbk-cost-report.c: what metering points cost over a period, from the
 * data to the bill
 *
 * The one path from "these meters, this period, these contracts" to cost
 * sheets, for forbruk-cli cost and the window's cost views alike: the
 * meters' values of every whole month the period touches (a month's
 * capacity step and its subsidy caps need all of it), the spot prices of
 * each price area the contracts name, then fbk_cost_compute() per meter.
 * Values come through the repository's refresh (fetched where missing,
 * else from the store); a failure there fails the report. Prices are best
 * effort: days that cannot be fetched are unknown hours in the sheets,
 * and each area's FbkPriceResult says which and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-cost"

#include "config.h"

#include "fbk-cost-report.h"

typedef struct
{
  FbkTariffBook   *book;
  GStrv            ids;
  FbkContract     *contracts;     /* one per id */
  FbkInstant       from;
  FbkInstant       to;
  FbkInstant       months_from;
  FbkInstant       months_to;
  FbkRefreshResult *values;
  GPtrArray       *prices;        /* FbkPriceResult */
  GArray          *areas;         /* FbkPriceArea still to fetch */
  FbkProgressFunc  progress;
  gpointer         progress_data;
  guint            progress_base; /* requests of the finished steps */
} Build;

static void
build_free (Build *build)
{
  g_clear_object (&build->book);
  g_strfreev (build->ids);
  g_free (build->contracts);
  g_clear_pointer (&build->values, fbk_refresh_result_free);
  g_clear_pointer (&build->prices, g_ptr_array_unref);
  g_clear_pointer (&build->areas, g_array_unref);
  g_free (build);
}

static void
report_meter_free (FbkCostReportMeter *meter)
{
  g_free (meter->metering_point_id);
  g_clear_object (&meter->consumption);
  g_clear_object (&meter->production);
  g_clear_pointer (&meter->sheet, fbk_cost_sheet_free);
  g_free (meter);
}

void
fbk_cost_report_free (FbkCostReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->meters, g_ptr_array_unref);
  g_clear_pointer (&report->prices, g_ptr_array_unref);
  g_clear_pointer (&report->dropped, g_array_unref);
  g_free (report);
}

/**
 * fbk_cost_report_get_prices:
 *
 * Returns: (nullable): the prices of @area, if a contract named it
 */
const FbkPriceResult *
fbk_cost_report_get_prices (const FbkCostReport *report,
                            FbkPriceArea         area)
{
  const char *name = fbk_price_area_to_string (area);

  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < report->prices->len; i++)
    {
      const FbkPriceResult *prices = g_ptr_array_index (report->prices, i);

      if (g_strcmp0 (prices->area, name) == 0)
        return prices;
    }
  return NULL;
}

static FbkSeries *
find_series (GPtrArray  *series,
             const char *metering_point_id)
{
  for (guint i = 0; series != NULL && i < series->len; i++)
    {
      FbkSeries *one = g_ptr_array_index (series, i);

      if (g_strcmp0 (fbk_series_get_metering_point_id (one), metering_point_id) == 0)
        return one;
    }
  return NULL;
}

static FbkCostSheet *
compute_sheet (const FbkCostReport      *report,
               const FbkCostReportMeter *meter,
               const FbkPriceResult     *prices,
               FbkTariffBook            *book)
{
  return fbk_cost_compute (meter->consumption, meter->production, prices->hours,
                           &meter->contract, book, report->from, report->to);
}

static void
compute (GTask *task)
{
  Build *build = g_task_get_task_data (task);
  FbkCostReport *report = g_new0 (FbkCostReport, 1);

  report->from = build->from;
  report->to = build->to;
  report->meters = g_ptr_array_new_with_free_func ((GDestroyNotify) report_meter_free);
  report->prices = g_steal_pointer (&build->prices);
  report->dropped = g_array_new (FALSE, FALSE, sizeof (FbkRangeDrop));
  g_array_set_clear_func (report->dropped, fbk_range_drop_clear);
  /* The values were asked for over whole months: only what is missing of
   * the period itself is news (the rest of this month is in the future). */
  for (guint i = 0; i < build->values->dropped->len; i++)
    {
      const FbkRangeDrop *drop = &g_array_index (build->values->dropped, FbkRangeDrop, i);
      FbkRangeDrop copy = *drop;

      if (drop->from >= build->to || drop->to <= build->from)
        continue;
      copy.metering_point_id = g_strdup (drop->metering_point_id);
      g_array_append_val (report->dropped, copy);
    }

  for (guint i = 0; build->ids[i] != NULL; i++)
    {
      FbkCostReportMeter *meter = g_new0 (FbkCostReportMeter, 1);
      FbkSeries *consumption = find_series (build->values->series[FBK_DIRECTION_CONSUMPTION], build->ids[i]);
      FbkSeries *production = find_series (build->values->series[FBK_DIRECTION_PRODUCTION], build->ids[i]);
      const FbkPriceResult *prices = fbk_cost_report_get_prices (report, build->contracts[i].area);

      meter->metering_point_id = g_strdup (build->ids[i]);
      meter->contract = build->contracts[i];
      meter->consumption = g_object_ref (consumption);
      /* A meter that may produce but has not in these months is billed as
       * one that does not. */
      if (production != NULL && fbk_series_get_length (production) > 0)
        meter->production = g_object_ref (production);
      meter->sheet = compute_sheet (report, meter, prices, build->book);
      g_ptr_array_add (report->meters, meter);
    }

  g_task_return_pointer (task, report, (GDestroyNotify) fbk_cost_report_free);
}

static void fetch_next_area (GTask *task);

static void
on_prices_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  Build *build = user_data;

  if (build->progress != NULL)
    build->progress (build->progress_base + done, build->progress_base + total, build->progress_data);
}

static void
on_prices_fetched_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Build *build = g_task_get_task_data (task);
  FbkPriceResult *prices;
  GError *error = NULL;

  prices = fbk_repository_fetch_prices_finish (FBK_REPOSITORY (object), result, &error);
  if (prices == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  build->progress_base += prices->n_requests;
  g_ptr_array_add (build->prices, prices);
  fetch_next_area (task);
}

static void
fetch_next_area (GTask *task)
{
  FbkRepository *repository = g_task_get_source_object (task);
  Build *build = g_task_get_task_data (task);
  FbkPriceArea area;

  if (build->areas->len == 0)
    {
      compute (task);
      return;
    }

  area = g_array_index (build->areas, FbkPriceArea, build->areas->len - 1);
  g_array_set_size (build->areas, build->areas->len - 1);
  fbk_repository_fetch_prices_async (repository, fbk_price_area_to_string (area), build->months_from, build->to,
                                     on_prices_progress, build, g_task_get_cancellable (task),
                                     on_prices_fetched_cb, g_object_ref (task));
}

static void
on_values_refreshed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Build *build = g_task_get_task_data (task);
  GError *error = NULL;

  build->values = fbk_repository_refresh_finish (FBK_REPOSITORY (object), result, &error);
  if (build->values == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  build->progress_base = build->values->n_requests;
  fetch_next_area (task);
}

static void
add_area (GArray       *areas,
          FbkPriceArea  area)
{
  for (guint i = 0; i < areas->len; i++)
    {
      if (g_array_index (areas, FbkPriceArea, i) == area)
        return;
    }
  g_array_append_val (areas, area);
}

/**
 * fbk_cost_report_build_async:
 * @metering_point_ids: the meters, at least one
 * @contracts: one per meter, each valid (fbk_contract_validate())
 * @from: the start of a clock hour
 * @to: the end (exclusive), the start of a clock hour after @from
 * @progress: (nullable): the requests done and planned, values first
 *
 * Fetches what is missing and computes each meter's bill over [@from, @to).
 */
void
fbk_cost_report_build_async (FbkRepository       *repository,
                             FbkTariffBook       *book,
                             const char * const  *metering_point_ids,
                             const FbkContract   *contracts,
                             FbkInstant           from,
                             FbkInstant           to,
                             FbkProgressFunc      progress,
                             gpointer             progress_data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Build *build;
  guint n;

  g_return_if_fail (FBK_IS_REPOSITORY (repository));
  g_return_if_fail (FBK_IS_TARIFF_BOOK (book));
  g_return_if_fail (metering_point_ids != NULL && metering_point_ids[0] != NULL);
  g_return_if_fail (contracts != NULL);
  g_return_if_fail (from < to);

  task = g_task_new (repository, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_cost_report_build_async);

  n = g_strv_length ((char **) metering_point_ids);
  build = g_new0 (Build, 1);
  build->book = g_object_ref (book);
  build->ids = g_strdupv ((char **) metering_point_ids);
  build->contracts = g_memdup2 (contracts, n * sizeof *contracts);
  build->from = from;
  build->to = to;
  build->months_from = fbk_time_period_start (from, FBK_RESOLUTION_MONTH);
  build->months_to = fbk_time_period_next (fbk_time_period_start (to - 1, FBK_RESOLUTION_MONTH), FBK_RESOLUTION_MONTH);
  build->prices = g_ptr_array_new_with_free_func ((GDestroyNotify) fbk_price_result_free);
  build->areas = g_array_new (FALSE, FALSE, sizeof (FbkPriceArea));
  for (guint i = 0; i < n; i++)
    add_area (build->areas, contracts[i].area);
  build->progress = progress;
  build->progress_data = progress_data;
  g_task_set_task_data (task, build, (GDestroyNotify) build_free);

  fbk_repository_refresh_async (repository, metering_point_ids, build->months_from, build->months_to,
                                FBK_REFRESH_VALUES, progress, progress_data, cancellable,
                                on_values_refreshed_cb, g_steal_pointer (&task));
}

/**
 * fbk_cost_report_build_finish:
 *
 * Returns: (transfer full): the report, or %NULL when the values could not
 *   be had (see fbk_repository_refresh_finish())
 */
FbkCostReport *
fbk_cost_report_build_finish (FbkRepository  *repository,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, repository), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * fbk_cost_report_set_contract:
 * @index: a meter of @report
 * @contract: its new contract, valid
 *
 * Bills the meter again under @contract from what the report holds,
 * without fetching: a changed contract shows at once, offline.
 *
 * Returns: %FALSE, changing nothing, when @contract names a price area
 *   whose prices the report does not hold (build a new report)
 */
gboolean
fbk_cost_report_set_contract (FbkCostReport     *report,
                              guint              index,
                              const FbkContract *contract,
                              FbkTariffBook     *book)
{
  FbkCostReportMeter *meter;
  const FbkPriceResult *prices;

  g_return_val_if_fail (report != NULL && index < report->meters->len, FALSE);
  g_return_val_if_fail (contract != NULL, FALSE);

  prices = fbk_cost_report_get_prices (report, contract->area);
  if (prices == NULL)
    return FALSE;

  meter = g_ptr_array_index (report->meters, index);
  meter->contract = *contract;
  g_clear_pointer (&meter->sheet, fbk_cost_sheet_free);
  meter->sheet = compute_sheet (report, meter, prices, book);
  return TRUE;
}
