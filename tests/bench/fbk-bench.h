/* fbk-bench.h: what Forbruk's benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Milliseconds since @since_us, a g_get_monotonic_time(). */
double fbk_bench_elapsed_ms (gint64  since_us);
/* Sorts @runs and prints their minimum, median and maximum, in @unit. */
void   fbk_bench_report     (const char *what,
                             double     *runs,
                             guint       n_runs,
                             const char *unit);
/* The median of @runs (sorting them). */
double fbk_bench_median     (double     *runs,
                             guint       n_runs);

G_END_DECLS
