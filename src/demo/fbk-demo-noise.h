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

double fbk_demo_draw        (guint64 seed,
                             guint   stream,
                             gint64  index,
                             guint   salt);
double fbk_demo_value_noise (guint64 seed,
                             guint   stream,
                             gint64  day,
                             int     period);

G_END_DECLS
