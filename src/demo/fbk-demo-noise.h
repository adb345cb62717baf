/* fbk-demo-noise.h: random numbers that depend only on what they decide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every random choice of the simulator is a hash of (seed, stream, index,
 * salt): the stream names what is decided (a meter's laundry, the price's
 * weather), the index when (an hour, a day, a year). So any value can be
 * computed on its own, in any order, and the same seed gives the same
 * household and the same prices wherever and whenever it runs. Streams:
 * the household uses 0–999 (meters) and 1000–1999 (climates), the prices
 * 2000–2999. */

/* SplitMix64's finaliser: a cheap, well-mixed 64-bit permutation. */
static inline guint64
fbk_demo_mix64 (guint64 x)
{
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

/* A uniform number in [0, 1) that depends only on the arguments. Inline:
 * the household draws several for every hour it writes. */
static inline double
fbk_demo_draw (guint64 seed,
               guint   stream,
               gint64  index,
               guint   salt)
{
  guint64 h = fbk_demo_mix64 (seed ^ G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  h = fbk_demo_mix64 (h ^ ((guint64) stream << 32) ^ salt);
  h = fbk_demo_mix64 (h ^ (guint64) index);

  return (double) (h >> 11) * (1.0 / 9007199254740992.0);
}

double fbk_demo_value_noise (guint64 seed,
                             guint   stream,
                             gint64  day,
                             int     period);

G_END_DECLS
