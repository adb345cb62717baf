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

static void
fill_step (FbkMaxHoursRow *row,
           FbkTariff      *tariff)
{
  row->headroom = INFINITY;
  if (tariff == NULL || row->shown.n_hours == 0)
    return;

  row->table = fbk_tariff_lookup (tariff, row->year, row->month);
  if (row->table == NULL)
    return;

  row->step = fbk_tariff_table_find_step (row->table, row->shown.average);
  row->headroom = fbk_tariff_table_headroom (row->table, row->shown.average);
}

/**
 * fbk_max_hours_table_build:
 * @hourly_consumption: (nullable): the meter's consumption over the period
 * @api_report: (nullable): Elvia's maxhours answer for the same meter
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
                           FbkTariff               *tariff)
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
          const FbkInterval *intervals = fbk_series_get_range (hourly_consumption, start, end, &n);
          guint n_buckets = 0;
          const FbkInterval *bucket = fbk_series_get_range (months, start, end, &n_buckets);

          row.has_local = n > 0 && fbk_max_hours_compute (&row.local, date.year, date.month, intervals, n);
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
      fill_step (&row, tariff);
      g_array_append_val (rows, row);
    }

  return rows;
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
 * Elvia's Min side), step, source, complete, verified.
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
      fbk_csv_writer_end_row (&writer);
    }
}
