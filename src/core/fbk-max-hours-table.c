/* fbk-max-hours-table.c: one row per month of a period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-max-hours-table"

#include "config.h"

#include <math.h>

#include "fbk-max-hours-table.h"

static const FbkMaxHours *
api_month (const FbkMaxHoursReport *report,
           int                      year,
           int                      month)
{
  const FbkMaxHours *candidates[2];

  if (report == NULL)
    return NULL;

  candidates[0] = report->current;
  candidates[1] = report->previous;
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (candidates[i] != NULL && candidates[i]->year == year && candidates[i]->month == month)
        return candidates[i];
    }

  return NULL;
}

/* @step's price for the row's month, kr incl. VAT, or NAN: asked by an
 * average inside the step, away from either bound and its rule. */
static double
step_price (FbkTariffBook        *book,
            const FbkMaxHoursRow *row,
            guint                 step)
{
  const FbkTariffStep *range = fbk_tariff_table_get_step (row->table, step);
  double inside = isfinite (range->upper) ? (range->lower + range->upper) / 2 : range->lower + 1.0;
  double kr;

  if (!fbk_tariff_book_get_capacity_price (book, row->year, row->month, inside, &kr, NULL, NULL))
    return NAN;
  return kr;
}

/* The step's price and the next one's, and what one step lower would
 * have saved: from the dated tables, never for a partial month, whose
 * figures are not the month's. */
static void
fill_step (FbkMaxHoursRow *row,
           FbkTariffBook  *book)
{
  row->headroom = INFINITY;
  row->step_price_kr = NAN;
  row->next_step_price_kr = NAN;
  row->saving_kr = NAN;
  if (book == NULL || row->shown.n_hours == 0)
    return;

  row->table = fbk_tariff_lookup (fbk_tariff_book_get_capacity (book), row->year, row->month);
  if (row->table == NULL)
    return;

  row->step = fbk_tariff_table_find_step (row->table, row->shown.average);
  row->headroom = fbk_tariff_table_headroom (row->table, row->shown.average);
  if (row->partial)
    return;

  row->step_price_kr = step_price (book, row, row->step);
  if (row->step < row->table->n_steps)
    row->next_step_price_kr = step_price (book, row, row->step + 1);

  row->has_saving = fbk_capacity_saving_compute (row->table, row->days, row->n_days, &row->saving);
  if (row->has_saving && row->saving.to_step == 0)
    row->saving_kr = 0.0;
  else if (row->has_saving)
    /* Priced by the days' own step, which is the shown one unless Elvia's
     * figures and the hourly values disagree. */
    row->saving_kr = step_price (book, row, row->saving.from_step) - step_price (book, row, row->saving.to_step);
}

/* Which part of the month [@start, @end) the period and the values cover,
 * and whether that is less than the month (or, for the month in progress,
 * less than it so far). */
static void
fill_coverage (FbkMaxHoursRow *row,
               FbkSeries      *hourly_consumption,
               FbkInstant      start,
               FbkInstant      end,
               FbkInstant      from,
               FbkInstant      to,
               FbkInstant      now)
{
  row->covered_from = MAX (start, from);
  row->covered_to = MIN (end, to);
  row->in_progress = start <= now && now < end;

  if (hourly_consumption != NULL)
    {
      g_autoptr(GArray) buckets = fbk_series_get_buckets (hourly_consumption, FBK_RESOLUTION_MONTH,
                                                          row->covered_from, row->covered_to);

      if (buckets->len == 1)
        {
          const FbkBucket *bucket = &g_array_index (buckets, FbkBucket, 0);

          row->covered_from = MAX (row->covered_from, bucket->covered_from);
          row->covered_to = MIN (row->covered_to, bucket->covered_to);
          if (!row->in_progress && !(bucket->flags & FBK_INTERVAL_COMPLETE))
            row->partial = TRUE;
        }
    }

  if (row->covered_from > start || (!row->in_progress && row->covered_to < end))
    row->partial = TRUE;
}

/**
 * fbk_max_hours_table_build:
 * @hourly_consumption: (nullable): the meter's consumption over the period
 * @api_report: (nullable): Elvia's maxhours answer for the same meter
 * @book: (nullable): the dated tariffs, for steps and prices
 *
 * Returns: (transfer full) (element-type FbkMaxHoursRow): one row per Oslo
 *   calendar month that [@from, @to) touches and that has any hour, oldest first
 */
GArray *
fbk_max_hours_table_build (FbkSeries               *hourly_consumption,
                           const FbkMaxHoursReport *api_report,
                           FbkInstant               from,
                           FbkInstant               to,
                           FbkInstant               now,
                           FbkTariffBook           *book)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (FbkMaxHoursRow));
  g_autoptr(FbkSeries) months = NULL;

  if (hourly_consumption != NULL)
    months = fbk_series_aggregate (hourly_consumption, FBK_RESOLUTION_MONTH,
                                   fbk_time_period_start (from, FBK_RESOLUTION_MONTH), to);

  for (FbkInstant start = fbk_time_period_start (from, FBK_RESOLUTION_MONTH);
       start < to;
       start = fbk_time_period_next (start, FBK_RESOLUTION_MONTH))
    {
      FbkInstant end = fbk_time_period_next (start, FBK_RESOLUTION_MONTH);
      FbkDate date = fbk_time_oslo_date (start);
      const FbkMaxHours *from_api = api_month (api_report, date.year, date.month);
      FbkMaxHoursRow row = { 0 };
      gboolean whole_month = FALSE;

      row.year = date.year;
      row.month = date.month;

      if (hourly_consumption != NULL)
        {
          guint n = 0;
          const FbkInterval *intervals = fbk_series_get_range (hourly_consumption, MAX (start, from),
                                                               MIN (end, to), &n);
          guint n_buckets = 0;
          const FbkInterval *bucket = fbk_series_get_range (months, start, end, &n_buckets);

          row.n_days = fbk_max_hours_daily_maxima (date.year, date.month, intervals, n, row.days);
          row.has_local = row.n_days > 0;
          if (row.has_local)
            fbk_max_hours_init_from_days (&row.local, date.year, date.month, row.days, row.n_days);
          whole_month = n_buckets == 1 && (bucket->flags & FBK_INTERVAL_COMPLETE) != 0;
        }

      if (from_api != NULL && from_api->n_hours > 0)
        {
          row.has_api = TRUE;
          row.shown = *from_api;
          if (row.has_local)
            row.difference = fbk_max_hours_compare (from_api, &row.local, FBK_MAX_HOURS_DEFAULT_TOLERANCE);
        }
      else if (row.has_local)
        row.shown = row.local;
      else
        continue;

      /* Without hourly values to count, Elvia's figures for a month that is
       * over are taken as final. */
      if (hourly_consumption == NULL)
        whole_month = row.has_api;
      row.complete = end <= now && whole_month;
      fill_coverage (&row, hourly_consumption, start, end, from, to, now);
      fill_step (&row, book);
      g_array_append_val (rows, row);
    }

  return rows;
}

/**
 * fbk_max_hours_table_sum_year:
 * @rows: (element-type FbkMaxHoursRow): one meter's months
 * @out_cost_kr: (out): what the steps of @year's months cost
 * @out_saving_kr: (out): what one step lower in each would have cost less
 * @out_n_months: (out): the months summed
 *
 * Sums the months of @year that are whole and over and priced; a month in
 * progress, a partial one or one without a price is left out, so the sums
 * say which months they are of.
 *
 * Returns: %FALSE when no month of @year could be summed
 */
gboolean
fbk_max_hours_table_sum_year (GArray *rows,
                              int     year,
                              double *out_cost_kr,
                              double *out_saving_kr,
                              guint  *out_n_months)
{
  double cost = 0.0;
  double saving = 0.0;
  guint n = 0;

  g_return_val_if_fail (rows != NULL, FALSE);

  for (guint i = 0; i < rows->len; i++)
    {
      const FbkMaxHoursRow *row = &g_array_index (rows, FbkMaxHoursRow, i);

      if (row->year != year || row->in_progress || row->partial ||
          isnan (row->step_price_kr) || isnan (row->saving_kr))
        continue;
      cost += row->step_price_kr;
      saving += row->saving_kr;
      n++;
    }

  *out_cost_kr = cost;
  *out_saving_kr = saving;
  *out_n_months = n;
  return n > 0;
}

/**
 * fbk_max_hours_row_dup_saving_hint:
 *
 * The data of the coach's sentence in one field, for scripts: the step one
 * lower, the level every day's highest hour stays under and the days cut
 * ("step 2 under 4.999667 kWh on 2025-05-02 2025-05-04"), largest first.
 *
 * Returns: (transfer full) (nullable): the hint, or %NULL without a saving
 *   (none known, or the month is in step 1)
 */
char *
fbk_max_hours_row_dup_saving_hint (const FbkMaxHoursRow *row)
{
  GString *hint;

  if (!row->has_saving || row->saving.to_step == 0)
    return NULL;

  hint = g_string_new (NULL);
  g_string_append_printf (hint, "step %u under %.6f kWh on", row->saving.to_step, row->saving.cap_kwh);
  for (guint i = 0; i < row->saving.n_days_cut; i++)
    {
      FbkDate day = fbk_time_oslo_date (row->saving.days_cut[i].start);

      g_string_append_printf (hint, " %04d-%02d-%02d", day.year, day.month, day.day);
    }
  return g_string_free (hint, FALSE);
}

static void
add_optional_number (FbkCsvWriter *writer,
                     gboolean      present,
                     double        value,
                     guint         decimals)
{
  if (present)
    fbk_csv_writer_add_number (writer, value, decimals);
  else
    fbk_csv_writer_add_text (writer, "");
}

/**
 * fbk_max_hours_table_write_csv:
 *
 * One row per month: month, the three hours (start and kWh each, empty when
 * the month has fewer), their average and the headroom in kW (the unit of
 * Elvia's Min side), step, source, complete, verified; then the coach's
 * columns (named as "the capacity coach" issue has them): whether it is
 * partial, the step's price and the next one's (kr incl. VAT), the
 * headroom as kWh one more hour may hold (the same figure as headroom_kw,
 * empty for a partial month), what one step lower would have cost less,
 * the kWh cut for it (unrounded: six decimals) and the hint; unknowns
 * empty.
 */
void
fbk_max_hours_table_write_csv (GString     *out,
                               FbkCsvStyle  style,
                               const char  *metering_point_id,
                               GArray      *rows,
                               gboolean     with_header)
{
  static const char * const header[] = {
    "metering_point_id", "month",
    "hour1_start", "hour1_kwh", "hour2_start", "hour2_kwh", "hour3_start", "hour3_kwh",
    "average_kw", "step", "headroom_kw", "source", "complete", "verified",
    "partial", "step_price_kr", "next_step_price_kr", "headroom_kwh", "saving_kr", "saving_cut_kwh",
    "saving_hint",
  };
  FbkCsvWriter writer;

  fbk_csv_writer_init (&writer, out, style);

  if (with_header)
    {
      for (guint i = 0; i < G_N_ELEMENTS (header); i++)
        fbk_csv_writer_add_text (&writer, header[i]);
      fbk_csv_writer_end_row (&writer);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const FbkMaxHoursRow *row = &g_array_index (rows, FbkMaxHoursRow, i);
      g_autofree char *month = g_strdup_printf ("%04d-%02d", row->year, row->month);
      g_autofree char *hint = fbk_max_hours_row_dup_saving_hint (row);

      fbk_csv_writer_add_text (&writer, metering_point_id);
      fbk_csv_writer_add_text (&writer, month);
      for (guint h = 0; h < FBK_MAX_HOURS_PER_MONTH; h++)
        {
          if (h < row->shown.n_hours)
            {
              fbk_csv_writer_add_instant (&writer, row->shown.hours[h].start);
              fbk_csv_writer_add_number (&writer, row->shown.hours[h].kwh, 3);
            }
          else
            {
              fbk_csv_writer_add_text (&writer, "");
              fbk_csv_writer_add_text (&writer, "");
            }
        }
      fbk_csv_writer_add_number (&writer, row->shown.average, 3);
      add_optional_number (&writer, row->step > 0, row->step, 0);
      add_optional_number (&writer, row->step > 0 && isfinite (row->headroom), row->headroom, 3);
      fbk_csv_writer_add_text (&writer, row->has_api ? "api" : "local");
      fbk_csv_writer_add_boolean (&writer, row->complete);
      fbk_csv_writer_add_boolean (&writer, row->shown.all_verified);
      fbk_csv_writer_add_boolean (&writer, row->partial);
      add_optional_number (&writer, !isnan (row->step_price_kr), row->step_price_kr, 2);
      add_optional_number (&writer, !isnan (row->next_step_price_kr), row->next_step_price_kr, 2);
      add_optional_number (&writer, !row->partial && row->step > 0 && isfinite (row->headroom), row->headroom, 3);
      add_optional_number (&writer, !isnan (row->saving_kr), row->saving_kr, 2);
      add_optional_number (&writer, row->has_saving, row->saving.cut_kwh, 6);
      fbk_csv_writer_add_text (&writer, hint != NULL ? hint : "");
      fbk_csv_writer_end_row (&writer);
    }
}
