/* fbk-cost-export.c: costs and spot prices as CSV and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fbk-cost-export.h"
#include "fbk-json-writer.h"

/* The columns after metering_point_id, start and end; the header of `cost`
 * is part of the CLI's contract with scripts, in both CSV styles. Money is
 * kr including VAT with two decimals, energy kWh with three; an unknown is
 * an empty cell (JSON null), a known nothing a zero. */
#define KWH_DECIMALS 3
#define KR_DECIMALS  2

/* The parts of the bill, in their columns' order, before total_kr. */
static const FbkCostPart bill_parts[] = {
  FBK_COST_ELECTRICITY,
  FBK_COST_GRID_ENERGY,
  FBK_COST_CAPACITY,
  FBK_COST_TAXES,
  FBK_COST_SUBSIDY,
  FBK_COST_NORGESPRIS,
  FBK_COST_FEES,
};

/* One row of either resolution: an hour of the sheet, or a bucket. */
typedef struct
{
  FbkInstant          start;
  FbkInstant          end;
  double              kwh;
  const FbkCostParts *ore;
  double              total_ore;
  double              production_kwh;
  guint32             hours;            /* buckets only */
  guint32             hours_expected;
} Row;

static Row
hour_row (const FbkCostHour *hour)
{
  return (Row) {
    .start = hour->start,
    .end = hour->start + FBK_SECONDS_PER_HOUR,
    .kwh = hour->kwh,
    .ore = &hour->ore,
    .total_ore = hour->total,
    .production_kwh = hour->production_kwh,
  };
}

/* A bucket spans only what the sheet covers of its period, as the rows of
 * `values` do: a month the period enters on the 8th starts on the 8th. */
static Row
bucket_row (const FbkCostBucket *bucket)
{
  return (Row) {
    .start = bucket->covered_from,
    .end = bucket->covered_to,
    .kwh = bucket->kwh,
    .ore = &bucket->ore,
    .total_ore = bucket->total,
    .production_kwh = bucket->production_kwh,
    .hours = bucket->hours,
    .hours_expected = bucket->hours_expected,
  };
}

typedef void (*RowFunc) (const FbkCostExportMeter *meter,
                         const Row                *row,
                         gpointer                  user_data);

static void
foreach_row (const FbkCostExportMeter *meter,
             FbkResolution             resolution,
             RowFunc                   func,
             gpointer                  user_data)
{
  if (resolution == FBK_RESOLUTION_HOUR)
    {
      for (guint i = 0; i < meter->sheet->hours->len; i++)
        {
          Row row = hour_row (&g_array_index (meter->sheet->hours, FbkCostHour, i));
          func (meter, &row, user_data);
        }
    }
  else
    {
      g_autoptr(GArray) buckets = fbk_cost_sheet_get_buckets (meter->sheet, resolution);

      for (guint i = 0; i < buckets->len; i++)
        {
          Row row = bucket_row (&g_array_index (buckets, FbkCostBucket, i));
          func (meter, &row, user_data);
        }
    }
}

/* CSV */

typedef struct
{
  FbkCsvWriter  writer;
  FbkResolution resolution;
} CsvRows;

static void
write_csv_row (const FbkCostExportMeter *meter,
               const Row                *row,
               gpointer                  user_data)
{
  CsvRows *rows = user_data;
  FbkCsvWriter *writer = &rows->writer;

  fbk_csv_writer_add_text (writer, meter->metering_point_id);
  fbk_csv_writer_add_instant (writer, row->start);
  fbk_csv_writer_add_instant (writer, row->end);
  fbk_csv_writer_add_number (writer, row->kwh, KWH_DECIMALS);
  for (guint p = 0; p < G_N_ELEMENTS (bill_parts); p++)
    fbk_csv_writer_add_number (writer, fbk_cost_parts_get (row->ore, bill_parts[p]) / 100.0, KR_DECIMALS);
  fbk_csv_writer_add_number (writer, row->total_ore / 100.0, KR_DECIMALS);
  fbk_csv_writer_add_number (writer, meter->produces ? row->production_kwh : NAN, KWH_DECIMALS);
  fbk_csv_writer_add_number (writer, meter->produces ? row->ore->production_credit / 100.0 : NAN, KR_DECIMALS);
  if (rows->resolution != FBK_RESOLUTION_HOUR)
    {
      fbk_csv_writer_add_number (writer, row->hours, 0);
      fbk_csv_writer_add_number (writer, row->hours_expected, 0);
    }
  fbk_csv_writer_end_row (writer);
}

/**
 * fbk_cost_write_csv:
 *
 * One row per meter per hour (every clock hour of the sheet, those without
 * a value too, with their unknowns empty) or per calendar period; summed
 * rows end with `hours` (those with a consumption value) and
 * `hours_expected` (those the period has).
 */
void
fbk_cost_write_csv (GString                  *out,
                    FbkCsvStyle               style,
                    const FbkCostExportMeter *meters,
                    guint                     n_meters,
                    FbkResolution             resolution)
{
  static const char * const header[] = {
    "metering_point_id", "start", "end", "kwh",
    "electricity_kr", "grid_energy_kr", "capacity_kr", "taxes_kr", "subsidy_kr", "norgespris_kr", "fees_kr",
    "total_kr", "production_kwh", "production_credit_kr",
  };
  CsvRows rows = { .resolution = resolution };

  g_return_if_fail (out != NULL);
  g_return_if_fail (meters != NULL || n_meters == 0);

  fbk_csv_writer_init (&rows.writer, out, style);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    fbk_csv_writer_add_text (&rows.writer, header[i]);
  if (resolution != FBK_RESOLUTION_HOUR)
    {
      fbk_csv_writer_add_text (&rows.writer, "hours");
      fbk_csv_writer_add_text (&rows.writer, "hours_expected");
    }
  fbk_csv_writer_end_row (&rows.writer);

  for (guint i = 0; i < n_meters; i++)
    foreach_row (&meters[i], resolution, write_csv_row, &rows);
}

/* JSON, written by hand with fbk-json-writer's numbers. */

static void
append_json_member (GString    *json,
                    const char *name,
                    double      value,
                    guint       decimals)
{
  g_string_append_printf (json, ", \"%s\": ", name);
  fbk_json_append_number (json, value, (int) decimals);
}

typedef struct
{
  GString       *json;
  FbkResolution  resolution;
  gboolean       first;
} JsonRows;

static void
write_json_row (const FbkCostExportMeter *meter,
                const Row                *row,
                gpointer                  user_data)
{
  JsonRows *rows = user_data;
  g_autofree char *start = fbk_time_format_oslo (row->start);
  g_autofree char *end = fbk_time_format_oslo (row->end);

  g_string_append_printf (rows->json, "%s\n  {\"metering_point_id\": \"%s\", \"start\": \"%s\", \"end\": \"%s\"",
                          rows->first ? "" : ",", meter->metering_point_id, start, end);
  rows->first = FALSE;

  append_json_member (rows->json, "kwh", row->kwh, KWH_DECIMALS);
  for (guint p = 0; p < G_N_ELEMENTS (bill_parts); p++)
    {
      g_autofree char *name = g_strconcat (fbk_cost_part_to_string (bill_parts[p]), "_kr", NULL);

      append_json_member (rows->json, name, fbk_cost_parts_get (row->ore, bill_parts[p]) / 100.0, KR_DECIMALS);
    }
  append_json_member (rows->json, "total_kr", row->total_ore / 100.0, KR_DECIMALS);
  append_json_member (rows->json, "production_kwh", meter->produces ? row->production_kwh : NAN, KWH_DECIMALS);
  append_json_member (rows->json, "production_credit_kr",
                      meter->produces ? row->ore->production_credit / 100.0 : NAN, KR_DECIMALS);
  if (rows->resolution != FBK_RESOLUTION_HOUR)
    g_string_append_printf (rows->json, ", \"hours\": %u, \"hours_expected\": %u", row->hours, row->hours_expected);
  g_string_append_c (rows->json, '}');
}

/**
 * fbk_cost_to_json:
 *
 * The rows of fbk_cost_write_csv() as a JSON array of objects with the
 * CSV's column names, unknowns as null.
 */
char *
fbk_cost_to_json (const FbkCostExportMeter *meters,
                  guint                     n_meters,
                  FbkResolution             resolution)
{
  JsonRows rows = { g_string_new ("["), resolution, TRUE };

  g_return_val_if_fail (meters != NULL || n_meters == 0, NULL);

  for (guint i = 0; i < n_meters; i++)
    foreach_row (&meters[i], resolution, write_json_row, &rows);
  g_string_append (rows.json, "\n]\n");

  return g_string_free (rows.json, FALSE);
}

/* Spot prices: five decimals, as the service gives them. */
#define PRICE_DECIMALS 5

/**
 * fbk_spot_prices_write_csv:
 * @prices: (element-type FbkSpotPrice): in time order
 *
 * `start,end,area,nok_per_kwh_excl_vat`, one row per interval.
 */
void
fbk_spot_prices_write_csv (GString      *out,
                           FbkCsvStyle   style,
                           const char   *area,
                           const GArray *prices)
{
  FbkCsvWriter writer;

  g_return_if_fail (out != NULL && area != NULL && prices != NULL);

  fbk_csv_writer_init (&writer, out, style);
  fbk_csv_writer_add_text (&writer, "start");
  fbk_csv_writer_add_text (&writer, "end");
  fbk_csv_writer_add_text (&writer, "area");
  fbk_csv_writer_add_text (&writer, "nok_per_kwh_excl_vat");
  fbk_csv_writer_end_row (&writer);

  for (guint i = 0; i < prices->len; i++)
    {
      const FbkSpotPrice *price = &g_array_index (prices, FbkSpotPrice, i);

      fbk_csv_writer_add_instant (&writer, price->start);
      fbk_csv_writer_add_instant (&writer, price->start + price->duration);
      fbk_csv_writer_add_text (&writer, area);
      fbk_csv_writer_add_number (&writer, price->nok_per_kwh, PRICE_DECIMALS);
      fbk_csv_writer_end_row (&writer);
    }
}

char *
fbk_spot_prices_to_json (const char   *area,
                         const GArray *prices)
{
  GString *json = g_string_new ("[");

  g_return_val_if_fail (area != NULL && prices != NULL, NULL);

  for (guint i = 0; i < prices->len; i++)
    {
      const FbkSpotPrice *price = &g_array_index (prices, FbkSpotPrice, i);
      g_autofree char *start = fbk_time_format_oslo (price->start);
      g_autofree char *end = fbk_time_format_oslo (price->start + price->duration);

      g_string_append_printf (json, "%s\n  {\"start\": \"%s\", \"end\": \"%s\", \"area\": \"%s\", \"nok_per_kwh_excl_vat\": ",
                              i > 0 ? "," : "", start, end, area);
      fbk_json_append_number (json, price->nok_per_kwh, PRICE_DECIMALS);
      g_string_append_c (json, '}');
    }
  g_string_append (json, "\n]\n");

  return g_string_free (json, FALSE);
}
