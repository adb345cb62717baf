/* test-spot-price.c: quarter-hour prices averaged to billed hours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-spot-price.h"
#include "fbk-test-support.h"

#define HOUR    FBK_SECONDS_PER_HOUR
#define QUARTER (15 * 60)

static void
append (GArray     *prices,
        FbkInstant  start,
        guint32     duration,
        double      nok_per_kwh)
{
  FbkSpotPrice price = { start, duration, nok_per_kwh };

  g_array_append_val (prices, price);
}

/* Four quarters make an hour at their plain average; hours pass as they
 * are; negative prices average like any others. */
static void
test_spot_price_average (void)
{
  FbkInstant t0 = fbk_test_instant ("2026-01-16T00:00:00+01:00");
  g_autoptr(GArray) prices = g_array_new (FALSE, FALSE, sizeof (FbkSpotPrice));
  g_autoptr(GArray) hours = NULL;

  append (prices, t0, HOUR, 1.5);
  /* (0.10 + 0.20 + 0.30 + 0.40) / 4 = 0.25 */
  append (prices, t0 + HOUR, QUARTER, 0.10);
  append (prices, t0 + HOUR + QUARTER, QUARTER, 0.20);
  append (prices, t0 + HOUR + 2 * QUARTER, QUARTER, 0.30);
  append (prices, t0 + HOUR + 3 * QUARTER, QUARTER, 0.40);
  /* (−0.04 − 0.02 + 0.00 + 0.02) / 4 = −0.01 */
  append (prices, t0 + 2 * HOUR, QUARTER, -0.04);
  append (prices, t0 + 2 * HOUR + QUARTER, QUARTER, -0.02);
  append (prices, t0 + 2 * HOUR + 2 * QUARTER, QUARTER, 0.0);
  append (prices, t0 + 2 * HOUR + 3 * QUARTER, QUARTER, 0.02);

  hours = fbk_spot_prices_to_hours (prices);
  g_assert_cmpuint (hours->len, ==, 3);
  g_assert_cmpint (g_array_index (hours, FbkSpotPrice, 0).start, ==, t0);
  g_assert_cmpfloat (g_array_index (hours, FbkSpotPrice, 0).nok_per_kwh, ==, 1.5);
  g_assert_cmpint (g_array_index (hours, FbkSpotPrice, 1).start, ==, t0 + HOUR);
  g_assert_cmpuint (g_array_index (hours, FbkSpotPrice, 1).duration, ==, HOUR);
  g_assert_cmpfloat_with_epsilon (g_array_index (hours, FbkSpotPrice, 1).nok_per_kwh, 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (hours, FbkSpotPrice, 2).nok_per_kwh, -0.01, 1e-12);
}

/* An hour missing a quarter, or holding one that runs past it, has no
 * price: unknown, not three quarters of one. */
static void
test_spot_price_partial_hour (void)
{
  FbkInstant t0 = fbk_test_instant ("2026-01-16T00:00:00+01:00");
  g_autoptr(GArray) prices = g_array_new (FALSE, FALSE, sizeof (FbkSpotPrice));
  g_autoptr(GArray) hours = NULL;

  append (prices, t0, QUARTER, 1.0);
  append (prices, t0 + QUARTER, QUARTER, 1.0);
  append (prices, t0 + 3 * QUARTER, QUARTER, 1.0);   /* 00:30 is missing */
  append (prices, t0 + HOUR, HOUR, 2.0);
  append (prices, t0 + 2 * HOUR + 2 * QUARTER, HOUR, 3.0);  /* 02:30–03:30 */
  append (prices, t0 + 4 * HOUR, HOUR, 4.0);

  hours = fbk_spot_prices_to_hours (prices);
  g_assert_cmpuint (hours->len, ==, 2);
  g_assert_cmpint (g_array_index (hours, FbkSpotPrice, 0).start, ==, t0 + HOUR);
  g_assert_cmpint (g_array_index (hours, FbkSpotPrice, 1).start, ==, t0 + 4 * HOUR);
}

/* The 25-hour day of October as 100 quarters: 25 hours, the repeated
 * 02:00 twice, each at its own average. */
static void
test_spot_price_long_day (void)
{
  FbkInstant t0 = fbk_test_instant ("2026-10-25T00:00:00+02:00");
  g_autoptr(GArray) prices = g_array_new (FALSE, FALSE, sizeof (FbkSpotPrice));
  g_autoptr(GArray) hours = NULL;

  /* Quarter q costs q / 100 NOK: hour h averages (4h + 1.5) / 100. */
  for (guint q = 0; q < 100; q++)
    append (prices, t0 + q * QUARTER, QUARTER, q / 100.0);

  hours = fbk_spot_prices_to_hours (prices);
  g_assert_cmpuint (hours->len, ==, 25);
  /* Hours 2 and 3 are both 02:00 on the clock (+02:00, then +01:00). */
  g_assert_cmpint (g_array_index (hours, FbkSpotPrice, 2).start, ==, fbk_test_instant ("2026-10-25T02:00:00+02:00"));
  g_assert_cmpint (g_array_index (hours, FbkSpotPrice, 3).start, ==, fbk_test_instant ("2026-10-25T02:00:00+01:00"));
  g_assert_cmpfloat_with_epsilon (g_array_index (hours, FbkSpotPrice, 2).nok_per_kwh, 0.095, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (hours, FbkSpotPrice, 3).nok_per_kwh, 0.135, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (hours, FbkSpotPrice, 24).nok_per_kwh, 0.975, 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spot-price/average", test_spot_price_average);
  g_test_add_func ("/spot-price/partial-hour", test_spot_price_partial_hour);
  g_test_add_func ("/spot-price/long-day", test_spot_price_long_day);

  return g_test_run ();
}
