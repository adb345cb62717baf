/* test-cost-cli.c: forbruk-cli cost against the demo, checked against a
 * bill worked out here from the same hours and prices
 *
 * The expected figures are computed by this file from `forbruk-cli values`
 * and `forbruk-cli prices` (the inputs) and the tariffs typed in below from
 * ../shared/domain (capacity-tariff.md, electricity-bill.md), not by the
 * cost engine: a second, plain implementation of the bill's rules for one
 * month, which the engine's output must match to the øre.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fbk-test-cli.h"
#include "fbk-test-support.h"

#define NOW   "2026-12-07T12:00:00+01:00"
#define HOUSE "707057500061439208"
#define SOLAR "707057500083906177"

/* Elvia and the state, from 2025-04-01 (energiledd, capacity) and for 2026
 * (forbruksavgift, strømstøtte), øre/kWh excluding VAT unless said. */
#define VAT             1.25
#define ENERGY_DAY      20.99
#define ENERGY_NIGHT    12.99
#define FORBRUKSAVGIFT  7.13
#define ENOVA           1.0
#define SUBSIDY_ABOVE   77.0
#define SUBSIDY_SHARE   0.9
#define SUBSIDY_CAP_KWH 5000.0

/* Capacity steps (kW) and their prices (kr a month including VAT). */
static const double step_from_kw[] = { 0, 2, 5, 10, 15, 20, 25, 50, 75, 100 };
static const double step_kr[] = { 125, 190, 300, 410, 520, 630, 1175, 1720, 2270, 4570 };

typedef struct
{
  double kwh;
  double electricity;   /* øre incl. VAT, like every part */
  double grid_energy;
  double capacity;
  double taxes;
  double subsidy;
  double fees;
  double production_kwh;
  double production_credit;
} Bill;

static char *
cli_out (const char * const *args)
{
  g_autoptr(FbkTestCliRun) run = fbk_test_cli_run_demo (NULL, NOW, args);

  if (run->status != 0)
    g_error ("forbruk-cli %s: exit %d: %s", args[0], run->status, run->err);
  return g_steal_pointer (&run->out);
}

/* Hour start → NOK/kWh, from `forbruk-cli prices` as published: since
 * October 2025 quarter-hours, whose plain average is the hour's price. */
static GHashTable *
read_prices (const char *from,
             const char *to)
{
  const char *args[] = { "prices", "--from", from, "--to", to, "--area", "NO1", "--resolution", "quarter", NULL };
  g_autofree char *csv = cli_out (args);
  g_autoptr(GPtrArray) rows = fbk_test_read_csv (csv, ',');
  GHashTable *prices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_cmpstr (((GStrv) rows->pdata[0])[3], ==, "nok_per_kwh_excl_vat");
  for (guint i = 1; i < rows->len; i++)
    {
      GStrv row = rows->pdata[i];
      g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (row[0], NULL);
      g_autoptr(GDateTime) hour = g_date_time_add_minutes (start, -g_date_time_get_minute (start));
      g_autofree char *key = g_date_time_format (hour, "%Y-%m-%dT%H:%M:%S%:z");
      double *price = g_hash_table_lookup (prices, key);

      g_assert_cmpint (g_date_time_get_minute (start) % 15, ==, 0);
      if (price == NULL)
        {
          price = g_new0 (double, 1);
          g_hash_table_insert (prices, g_steal_pointer (&key), price);
        }
      *price += g_ascii_strtod (row[3], NULL) / 4;
    }
  return prices;
}

static gboolean
is_holiday (GDateTime *local)
{
  /* 2026: New Year's Day; Ascension Day (Easter 5 April + 39) and Whit
   * Monday (+ 50) in May; May Day, Constitution Day. */
  static const char * const holidays[] = { "2026-01-01", "2026-05-01", "2026-05-14", "2026-05-17", "2026-05-25" };
  g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");

  return g_strv_contains (holidays, date);
}

/* The month's bill of @meter, from its hours and the hourly prices. */
static Bill
work_out_bill (const char *meter,
               const char *from,
               const char *to,
               double      markup_ore,
               double      monthly_fee_kr)
{
  const char *values_args[] = { "values", "--meter", meter, "--from", from, "--to", to, "--direction", "both", NULL };
  g_autofree char *csv = cli_out (values_args);
  g_autoptr(GPtrArray) rows = fbk_test_read_csv (csv, ',');
  g_autoptr(GHashTable) prices = read_prices (from, to);
  g_autoptr(GHashTable) day_max = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GList) maxima = NULL;
  Bill bill = { 0 };
  double top3 = 0;
  guint step = 0;
  guint n = 0;

  for (guint i = 1; i < rows->len; i++)
    {
      GStrv row = rows->pdata[i];
      double kwh = g_ascii_strtod (row[3], NULL);
      double *spot = g_hash_table_lookup (prices, row[1]);
      g_autoptr(GDateTime) local = g_date_time_new_from_iso8601 (row[1], NULL);
      g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");
      int hour = g_date_time_get_hour (local);
      int weekday = g_date_time_get_day_of_week (local);
      gboolean day_rate = weekday <= 5 && !is_holiday (local) && hour >= 6 && hour < 22;
      double spot_ore, under_cap;
      double *max;

      g_assert_nonnull (spot);
      spot_ore = *spot * 100;

      if (g_str_equal (row[4], "production"))
        {
          bill.production_kwh += kwh;
          bill.production_credit -= kwh * spot_ore;
          continue;
        }

      /* The month's first 5 000 kWh get strømstøtte, counted in time order. */
      under_cap = MIN (kwh, MAX (0, SUBSIDY_CAP_KWH - bill.kwh));
      bill.kwh += kwh;
      bill.electricity += kwh * (spot_ore * VAT + markup_ore);
      bill.grid_energy += kwh * (day_rate ? ENERGY_DAY : ENERGY_NIGHT) * VAT;
      bill.taxes += kwh * (FORBRUKSAVGIFT + ENOVA) * VAT;
      if (spot_ore > SUBSIDY_ABOVE)
        bill.subsidy -= under_cap * SUBSIDY_SHARE * (spot_ore - SUBSIDY_ABOVE) * VAT;

      max = g_hash_table_lookup (day_max, date);
      if (max == NULL)
        {
          max = g_new0 (double, 1);
          g_hash_table_insert (day_max, g_strdup (date), max);
        }
      *max = MAX (*max, kwh);
      n++;
    }

  /* Every hour of the month had a consumption value. */
  g_assert_cmpuint (n, ==, g_hash_table_size (prices));

  /* The three days with the highest hours, averaged, pick the step; an
   * average on a boundary is in the higher step. */
  maxima = g_hash_table_get_values (day_max);
  for (guint k = 0; k < 3; k++)
    {
      GList *highest = maxima;

      for (GList *l = maxima; l != NULL; l = l->next)
        if (*(double *) l->data > *(double *) highest->data)
          highest = l;
      top3 += *(double *) highest->data / 3;
      maxima = g_list_delete_link (maxima, highest);
    }
  while (step + 1 < G_N_ELEMENTS (step_from_kw) && top3 >= step_from_kw[step + 1])
    step++;
  bill.capacity = step_kr[step] * 100;
  bill.fees = monthly_fee_kr * 100;
  g_test_message ("%s %s: %.3f kWh, top three days average %.3f kW, step %u", meter, from, bill.kwh, top3, step + 1);

  return bill;
}

static void
assert_kr (const char *column,
           const char *printed,
           double      ore)
{
  double kr = g_ascii_strtod (printed, NULL);

  /* The CLI rounds once, to the øre; so does this. */
  if (fabs (kr - round (ore) / 100.0) > 0.0051)
    g_error ("%s: forbruk-cli printed %s kr, worked out %.4f kr", column, printed, ore / 100.0);
}

/* The cost row of one meter and month at month resolution. */
static GStrv
cost_row (const char * const *args)
{
  g_autofree char *csv = cli_out (args);
  g_autoptr(GPtrArray) rows = fbk_test_read_csv (csv, ',');
  g_autofree char *header = NULL;

  g_assert_cmpuint (rows->len, ==, 2);
  header = g_strjoinv (",", rows->pdata[0]);
  g_assert_cmpstr (header, ==,
                   "metering_point_id,start,end,kwh,electricity_kr,grid_energy_kr,capacity_kr,taxes_kr,"
                   "subsidy_kr,norgespris_kr,fees_kr,total_kr,production_kwh,production_credit_kr,"
                   "hours,hours_expected");
  return g_strdupv (rows->pdata[1]);
}

/* January 2026, the house on the defaults (spot, no markup, no fee,
 * strømstøtte): a winter month above the subsidy threshold, with New
 * Year's Day at the night rate. */
static void
test_cost_cli_house_january (void)
{
  const char *args[] = { "cost", "--meter", HOUSE, "--from", "2026-01-01", "--to", "2026-01-31",
                         "--resolution", "month", NULL };
  g_auto(GStrv) row = cost_row (args);
  Bill bill = work_out_bill (HOUSE, "2026-01-01", "2026-01-31", 0, 0);
  double total = bill.electricity + bill.grid_energy + bill.capacity + bill.taxes + bill.subsidy + bill.fees;

  g_assert_cmpstr (row[0], ==, HOUSE);
  g_assert_cmpstr (row[1], ==, "2026-01-01T00:00:00+01:00");
  g_assert_cmpstr (row[2], ==, "2026-02-01T00:00:00+01:00");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[3], NULL), bill.kwh, 0.0006);
  assert_kr ("electricity_kr", row[4], bill.electricity);
  assert_kr ("grid_energy_kr", row[5], bill.grid_energy);
  assert_kr ("capacity_kr", row[6], bill.capacity);
  assert_kr ("taxes_kr", row[7], bill.taxes);
  assert_kr ("subsidy_kr", row[8], bill.subsidy);
  g_assert_cmpfloat (bill.subsidy, <, 0);
  g_assert_cmpstr (row[9], ==, "0.00");       /* Norgespris: not this contract's, a known 0 */
  assert_kr ("fees_kr", row[10], bill.fees);
  assert_kr ("total_kr", row[11], total);
  g_assert_cmpstr (row[12], ==, "");          /* the house does not produce */
  g_assert_cmpstr (row[13], ==, "");
  g_assert_cmpstr (row[14], ==, "744");
  g_assert_cmpstr (row[15], ==, "744");
}

/* May 2026, the solar house with a markup of 5 øre and a fee of 49 kr:
 * holidays on weekdays (1, 14 and 25 May), production credited beside
 * the bill at the spot price, no strømstøtte (spot below 77 øre). */
static void
test_cost_cli_solar_may (void)
{
  const char *args[] = { "cost", "--meter", SOLAR, "--from", "2026-05-01", "--to", "2026-05-31",
                         "--resolution", "month", "--markup", "5", "--monthly-fee", "49", NULL };
  g_auto(GStrv) row = cost_row (args);
  Bill bill = work_out_bill (SOLAR, "2026-05-01", "2026-05-31", 5, 49);
  double total = bill.electricity + bill.grid_energy + bill.capacity + bill.taxes + bill.subsidy + bill.fees;

  assert_kr ("electricity_kr", row[4], bill.electricity);
  assert_kr ("grid_energy_kr", row[5], bill.grid_energy);
  assert_kr ("capacity_kr", row[6], bill.capacity);
  assert_kr ("taxes_kr", row[7], bill.taxes);
  assert_kr ("subsidy_kr", row[8], bill.subsidy);
  assert_kr ("fees_kr", row[10], bill.fees);
  g_assert_cmpstr (row[10], ==, "49.00");
  assert_kr ("total_kr", row[11], total);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[12], NULL), bill.production_kwh, 0.0006);
  g_assert_cmpfloat (bill.production_kwh, >, 0);
  assert_kr ("production_credit_kr", row[13], bill.production_credit);
}

/* `prices` and `cost` without a way to reach anything, and bad options. */
static void
test_cost_cli_usage (void)
{
  const char *bad_scheme[] = { "cost", "--from", "2026-01-01", "--to", "2026-01-31", "--scheme", "free", NULL };
  const char *bad_area[] = { "prices", "--from", "2026-01-01", "--to", "2026-01-31", "--area", "SE3", NULL };
  const char *bad_markup[] = { "cost", "--from", "2026-01-01", "--to", "2026-01-31", "--markup", "5 øre", NULL };
  const char * const *cases[] = { bad_scheme, bad_area, bad_markup };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FbkTestCliRun) run = fbk_test_cli_run_demo (NULL, NOW, cases[i]);

      g_assert_cmpint (run->status, ==, 2);
      g_assert_cmpstr (run->out, ==, "");
      g_assert_cmpuint (strlen (run->err), >, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cost-cli/house-january", test_cost_cli_house_january);
  g_test_add_func ("/cost-cli/solar-may", test_cost_cli_solar_may);
  g_test_add_func ("/cost-cli/usage", test_cost_cli_usage);

  return g_test_run ();
}
