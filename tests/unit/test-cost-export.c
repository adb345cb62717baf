/* test-cost-export.c: costs and spot prices as CSV and JSON, from sheets
 * made by hand (the engine has its own tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fbk-cost-export.h"
#include "fbk-test-support.h"

#define HOUR FBK_SECONDS_PER_HOUR
#define METER "707057500012345678"

static FbkCostHour
make_hour (FbkInstant start,
           double     kwh,
           double     part_ore)
{
  FbkCostHour hour = {
    .start = start,
    .kwh = kwh,
    .production_kwh = NAN,
    /* electricity, grid_energy, capacity, taxes, subsidy, norgespris,
     * fees, production_credit */
    .ore = { part_ore, 20.0, 5.0, 15.0, -10.0, 0.0, 1.0, NAN },
  };

  hour.total = isnan (part_ore) ? NAN : part_ore + 20.0 + 5.0 + 15.0 - 10.0 + 0.0 + 1.0;
  return hour;
}

/* Three hours of 16 January 2026: two known, the middle one without a
 * spot price (electricity unknown, so the total is too). */
static FbkCostSheet *
make_sheet (void)
{
  FbkCostSheet *sheet = g_new0 (FbkCostSheet, 1);
  FbkInstant t0 = fbk_test_instant ("2026-01-16T00:00:00+01:00");
  FbkCostHour hours[] = {
    make_hour (t0, 2.5, 123.456),
    make_hour (t0 + HOUR, 1.0, NAN),
    make_hour (t0 + 2 * HOUR, 0.5, -0.4),
  };

  sheet->from = t0;
  sheet->to = t0 + 3 * HOUR;
  sheet->hours = g_array_new (FALSE, FALSE, sizeof (FbkCostHour));
  g_array_append_vals (sheet->hours, hours, G_N_ELEMENTS (hours));
  sheet->months = g_array_new (FALSE, FALSE, sizeof (FbkCostMonth));
  return sheet;
}

/* Every hour, the unknown ones empty; kr with two decimals:
 *   hour 1: 123.456 øre = 1.23 kr; total 123.456 + 31 = 154.456 øre = 1.54 kr
 *   hour 3: −0.4 øre = −0.00 kr, written 0.00; total 30.6 øre = 0.31 kr
 *   grid 20 øre = 0.20, capacity 0.05, taxes 0.15, subsidy −0.10,
 *   norgespris 0.00 (a known zero), fees 0.01 */
static void
test_cost_export_csv_hours (void)
{
  g_autoptr(FbkCostSheet) sheet = make_sheet ();
  FbkCostExportMeter meter = { METER, sheet, FALSE };
  g_autoptr(GString) csv = g_string_new (NULL);

  fbk_cost_write_csv (csv, FBK_CSV_STYLE_DEFAULT, &meter, 1, FBK_RESOLUTION_HOUR);
  g_assert_cmpstr (csv->str, ==,
                   "metering_point_id,start,end,kwh,electricity_kr,grid_energy_kr,capacity_kr,taxes_kr,"
                   "subsidy_kr,norgespris_kr,fees_kr,total_kr,production_kwh,production_credit_kr\r\n"
                   METER ",2026-01-16T00:00:00+01:00,2026-01-16T01:00:00+01:00,2.500,1.23,0.20,0.05,0.15,-0.10,0.00,0.01,1.54,,\r\n"
                   METER ",2026-01-16T01:00:00+01:00,2026-01-16T02:00:00+01:00,1.000,,0.20,0.05,0.15,-0.10,0.00,0.01,,,\r\n"
                   METER ",2026-01-16T02:00:00+01:00,2026-01-16T03:00:00+01:00,0.500,0.00,0.20,0.05,0.15,-0.10,0.00,0.01,0.31,,\r\n");
}

/* A day's row sums what is known and says how many hours it holds:
 * kwh 4.000; electricity unknown (one hour is); grid 60 øre = 0.60; the
 * day has 24 hours, 3 of them with values. Spreadsheet style: semicolons
 * and decimal commas, the same header. */
static void
test_cost_export_csv_day (void)
{
  g_autoptr(FbkCostSheet) sheet = make_sheet ();
  FbkCostExportMeter meter = { METER, sheet, FALSE };
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GString) spreadsheet = g_string_new (NULL);

  fbk_cost_write_csv (csv, FBK_CSV_STYLE_DEFAULT, &meter, 1, FBK_RESOLUTION_DAY);
  g_assert_cmpstr (csv->str, ==,
                   "metering_point_id,start,end,kwh,electricity_kr,grid_energy_kr,capacity_kr,taxes_kr,"
                   "subsidy_kr,norgespris_kr,fees_kr,total_kr,production_kwh,production_credit_kr,hours,hours_expected\r\n"
                   METER ",2026-01-16T00:00:00+01:00,2026-01-16T03:00:00+01:00,4.000,,0.60,0.15,0.45,-0.30,0.00,0.03,,,,3,24\r\n");

  fbk_cost_write_csv (spreadsheet, FBK_CSV_STYLE_SPREADSHEET, &meter, 1, FBK_RESOLUTION_DAY);
  g_assert_true (g_str_has_prefix (spreadsheet->str,
                                   "\xef\xbb\xbfmetering_point_id;start;end;kwh;electricity_kr;grid_energy_kr;"));
  g_assert_nonnull (strstr (spreadsheet->str, ";4,000;;0,60;0,15;0,45;-0,30;0,00;0,03;;;;3;24\r\n"));
}

/* The same rows in JSON, unknowns as null, numbers as people write them
 * (fbk-json-writer): rounded to øre and Wh, without trailing zeros, so
 * 2.500 kWh is 2.5 and 0.20 kr is 0.2. */
static void
test_cost_export_json (void)
{
  g_autoptr(FbkCostSheet) sheet = make_sheet ();
  FbkCostExportMeter meter = { METER, sheet, FALSE };
  g_autofree char *json = fbk_cost_to_json (&meter, 1, FBK_RESOLUTION_HOUR);

  g_assert_true (g_str_has_prefix (json, "[\n  {\"metering_point_id\": \"" METER "\", "
                                         "\"start\": \"2026-01-16T00:00:00+01:00\", \"end\": \"2026-01-16T01:00:00+01:00\", "
                                         "\"kwh\": 2.5, \"electricity_kr\": 1.23, \"grid_energy_kr\": 0.2, "
                                         "\"capacity_kr\": 0.05, \"taxes_kr\": 0.15, \"subsidy_kr\": -0.1, "
                                         "\"norgespris_kr\": 0, \"fees_kr\": 0.01, \"total_kr\": 1.54, "
                                         "\"production_kwh\": null, \"production_credit_kr\": null},\n"));
  g_assert_nonnull (strstr (json, "\"electricity_kr\": null, "));
  g_assert_nonnull (strstr (json, "\"electricity_kr\": 0, "));
  /* A tiny negative rounds to 0, never to -0 or -0.00. */
  g_assert_null (strstr (json, ": -0,"));
  g_assert_null (strstr (json, ": -0}"));
  g_assert_null (strstr (json, "-0.00"));
  g_assert_true (g_str_has_suffix (json, "}\n]\n"));
}

/* A producing meter's production columns are filled: 3 kWh sold for
 * 1.05 NOK a kWh less a 4 øre deduction, credited 3 × 101 = −303 øre. */
static void
test_cost_export_production (void)
{
  g_autoptr(FbkCostSheet) sheet = make_sheet ();
  FbkCostExportMeter meter = { METER, sheet, TRUE };
  g_autoptr(GString) csv = g_string_new (NULL);
  FbkCostHour *first = &g_array_index (sheet->hours, FbkCostHour, 0);

  first->production_kwh = 3.0;
  first->ore.production_credit = -303.0;
  fbk_cost_write_csv (csv, FBK_CSV_STYLE_DEFAULT, &meter, 1, FBK_RESOLUTION_HOUR);
  g_assert_nonnull (strstr (csv->str, ",1.54,3.000,-3.03\r\n"));
}

/* Prices: one row per interval, five decimals, the sign kept. */
static void
test_spot_prices_export (void)
{
  FbkInstant t0 = fbk_test_instant ("2025-10-01T00:00:00+02:00");
  FbkSpotPrice intervals[] = {
    { t0, 900, 0.61234 },
    { t0 + 900, 900, -0.0123 },
  };
  g_autoptr(GArray) prices = g_array_new (FALSE, FALSE, sizeof (FbkSpotPrice));
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *json = NULL;

  g_array_append_vals (prices, intervals, G_N_ELEMENTS (intervals));
  fbk_spot_prices_write_csv (csv, FBK_CSV_STYLE_DEFAULT, "NO1", prices);
  g_assert_cmpstr (csv->str, ==,
                   "start,end,area,nok_per_kwh_excl_vat\r\n"
                   "2025-10-01T00:00:00+02:00,2025-10-01T00:15:00+02:00,NO1,0.61234\r\n"
                   "2025-10-01T00:15:00+02:00,2025-10-01T00:30:00+02:00,NO1,-0.01230\r\n");

  /* JSON as people write the number: -0.0123, where the CSV keeps the
   * column's five decimals. */
  json = fbk_spot_prices_to_json ("NO1", prices);
  g_assert_cmpstr (json, ==,
                   "[\n  {\"start\": \"2025-10-01T00:00:00+02:00\", \"end\": \"2025-10-01T00:15:00+02:00\", "
                   "\"area\": \"NO1\", \"nok_per_kwh_excl_vat\": 0.61234},\n"
                   "  {\"start\": \"2025-10-01T00:15:00+02:00\", \"end\": \"2025-10-01T00:30:00+02:00\", "
                   "\"area\": \"NO1\", \"nok_per_kwh_excl_vat\": -0.0123}\n]\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cost-export/csv-hours", test_cost_export_csv_hours);
  g_test_add_func ("/cost-export/csv-day", test_cost_export_csv_day);
  g_test_add_func ("/cost-export/json", test_cost_export_json);
  g_test_add_func ("/cost-export/production", test_cost_export_production);
  g_test_add_func ("/cost-export/spot-prices", test_spot_prices_export);

  return g_test_run ();
}
