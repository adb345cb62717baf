/* bench-cost.c: three years of hourly cost for three meters, to months
 *
 * The demo household's hours (the solar house with its production too),
 * a synthetic hourly spot price with evening peaks above the strømstøtte
 * threshold, the shipped tariff book, the default contract: what
 * `forbruk-cli cost --resolution month` computes from a warm store, less
 * the reading. Then the same under Norgespris, as a comparison page would
 * ask for it.
 *
 * Run with: meson test -C _build --benchmark --verbose cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fbk-bench.h"
#include "fbk-cost.h"
#include "fbk-demo-household.h"
#include "fbk-demo-server.h"

#define RUNS     25
#define NOW_TEXT "2026-11-26T12:00:00+01:00"

/* The household's values of one direction, as the store would hold them. */
static FbkSeries *
demo_series (FbkDemoMeter  meter,
             FbkDirection  direction,
             FbkInstant    from,
             guint         n_hours)
{
  FbkSeries *series = fbk_series_new (fbk_demo_meter_get_id (meter), direction);
  g_autofree gint32 *wh = g_new (gint32, n_hours);
  g_autofree FbkInterval *hours = g_new (FbkInterval, n_hours);

  fbk_demo_household_fill_wh (FBK_DEMO_DEFAULT_SEED, meter, direction, from, n_hours, wh);
  for (guint i = 0; i < n_hours; i++)
    hours[i] = (FbkInterval) { from + (FbkInstant) i * FBK_SECONDS_PER_HOUR, FBK_SECONDS_PER_HOUR,
                               FBK_INTERVAL_VERIFIED, wh[i] / 1000.0 };
  fbk_series_upsert (series, hours, n_hours);

  return series;
}

/* Cheap nights, dear evenings, dearer winters: 0.10 to 1.50 NOK/kWh. */
static GArray *
synthetic_spot (FbkInstant from,
                guint      n_hours)
{
  GArray *spot = g_array_sized_new (FALSE, FALSE, sizeof (FbkSpotPrice), n_hours);

  for (guint i = 0; i < n_hours; i++)
    {
      FbkInstant start = from + (FbkInstant) i * FBK_SECONDS_PER_HOUR;
      double day = 0.5 + 0.5 * sin ((fbk_time_oslo_hour (start) - 11) * G_PI / 12);
      double winter = 0.5 + 0.5 * cos ((fbk_time_oslo_date (start).month - 1) * G_PI / 6);
      FbkSpotPrice price = { start, FBK_SECONDS_PER_HOUR, 0.10 + 0.6 * day + 0.8 * day * winter };

      g_array_append_val (spot, price);
    }

  return spot;
}

/* Costs every meter over [from, to) and sums it into months. */
static guint
cost_all (FbkSeries         **consumption,
          FbkSeries         **production,
          GArray             *spot,
          const FbkContract  *contract,
          FbkTariffBook      *book,
          FbkInstant          from,
          FbkInstant          to)
{
  guint n_months = 0;

  for (guint m = 0; m < FBK_DEMO_N_METERS; m++)
    {
      g_autoptr(FbkCostSheet) sheet = fbk_cost_compute (consumption[m], production[m], spot, contract, book, from, to);
      g_autoptr(GArray) months = fbk_cost_sheet_get_buckets (sheet, FBK_RESOLUTION_MONTH);

      n_months += months->len;
    }
  return n_months;
}

int
main (int   argc,
      char *argv[])
{
  FbkSeries *consumption[FBK_DEMO_N_METERS];
  FbkSeries *production[FBK_DEMO_N_METERS];
  g_autoptr(FbkTariffBook) book = NULL;
  g_autoptr(GArray) spot = NULL;
  g_autoptr(GError) error = NULL;
  double load[RUNS], months[RUNS], norgespris_months[RUNS];
  FbkContract contract, norgespris;
  FbkInstant now, from, to;
  guint n_hours, n_months = 0;

  g_assert_true (fbk_time_parse (NOW_TEXT, &now));
  to = fbk_time_oslo_midnight (fbk_time_oslo_date (now));
  /* whole months from three years back: a month's capacity needs them */
  from = fbk_time_period_start (fbk_time_add_oslo_months (to, -36), FBK_RESOLUTION_MONTH);
  n_hours = (guint) ((to - from) / FBK_SECONDS_PER_HOUR);

  for (guint m = 0; m < FBK_DEMO_N_METERS; m++)
    {
      consumption[m] = demo_series (m, FBK_DIRECTION_CONSUMPTION, from, n_hours);
      production[m] = fbk_demo_meter_has_production (m) ? demo_series (m, FBK_DIRECTION_PRODUCTION, from, n_hours)
                                                        : NULL;
    }
  spot = synthetic_spot (from, n_hours);

  fbk_contract_init_default (&contract);
  norgespris = contract;
  norgespris.scheme = FBK_SCHEME_NORGESPRIS;
  norgespris.norgespris_from = (FbkDate) { 2025, 10, 1 };

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_object (&book);
      book = fbk_tariff_book_new_default (&error);
      g_assert_no_error (error);
      load[i] = fbk_bench_elapsed_ms (start);

      start = g_get_monotonic_time ();
      n_months = cost_all (consumption, production, spot, &contract, book, from, to);
      months[i] = fbk_bench_elapsed_ms (start);

      start = g_get_monotonic_time ();
      cost_all (consumption, production, spot, &norgespris, book, from, to);
      norgespris_months[i] = fbk_bench_elapsed_ms (start);
    }
  /* November 2023 to November 2026, the last month partial: 37 months */
  g_assert_cmpuint (n_months, ==, FBK_DEMO_N_METERS * 37);

  g_print ("%u hours of %u meters (one producing) over three years\n", n_hours, FBK_DEMO_N_METERS);
  fbk_bench_report ("load the tariff book", load, RUNS, "ms");
  fbk_bench_report ("cost to months (3 meters)", months, RUNS, "ms");
  fbk_bench_report ("cost to months under Norgespris (3 meters)", norgespris_months, RUNS, "ms");

  for (guint m = 0; m < FBK_DEMO_N_METERS; m++)
    {
      g_object_unref (consumption[m]);
      g_clear_object (&production[m]);
    }

  return 0;
}
