/* fbk-demo-noise.c: random numbers that depend only on what they decide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-demo-noise"

#include "config.h"

#include "fbk-demo-noise.h"
#include "fbk-time.h"

static double
smoothstep (double f)
{
  return f * f * (3 - 2 * f);
}

/**
 * fbk_demo_value_noise:
 * @day: a day number (days since 1970-01-01)
 * @period: days between two knots
 *
 * Eased value noise: a random level every @period days, eased from one to
 * the next, for weather-like spells that last days to weeks.
 *
 * Returns: a number in [-1, 1]
 */
double
fbk_demo_value_noise (guint64 seed,
                      guint   stream,
                      gint64  day,
                      int     period)
{
  gint64 knot = fbk_time_floor_div (day, period);
  double f = (double) (day - knot * period) / period;
  double a = fbk_demo_draw (seed, stream, knot, 0) * 2 - 1;
  double b = fbk_demo_draw (seed, stream, knot + 1, 0) * 2 - 1;

  return a + (b - a) * smoothstep (f);
}
