/* fbk-bench.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "fbk-bench.h"

double
fbk_bench_elapsed_ms (gint64 since_us)
{
  return (g_get_monotonic_time () - since_us) / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

double
fbk_bench_median (double *runs,
                  guint   n_runs)
{
  qsort (runs, n_runs, sizeof (double), compare_doubles);
  return runs[n_runs / 2];
}

void
fbk_bench_report (const char *what,
                  double     *runs,
                  guint       n_runs,
                  const char *unit)
{
  double median = fbk_bench_median (runs, n_runs);

  g_print ("%-46s min %9.2f %s   median %9.2f %s   max %9.2f %s   (%u runs)\n",
           what, runs[0], unit, median, unit, runs[n_runs - 1], unit, n_runs);
}
