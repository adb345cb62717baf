/* bench-store.c: importing and reading three years of hourly values for
 * three meters (one of them a plusskunde, so four series)
 *
 * Run with: meson test -C _build --benchmark --verbose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "fbk-store-sync.h"
#include "fbk-test-support.h"

#define N_RUNS   7
#define HOUR     FBK_SECONDS_PER_HOUR
#define DAY      (24 * HOUR)
#define YEAR     (365 * DAY)
#define N_YEARS  3

typedef struct
{
  const char   *meter;
  FbkDirection  direction;
} Series;

static const Series series[] = {
  { "707057500000000001", FBK_DIRECTION_CONSUMPTION },
  { "707057500000000002", FBK_DIRECTION_CONSUMPTION },
  { "707057500000000003", FBK_DIRECTION_CONSUMPTION },
  { "707057500000000003", FBK_DIRECTION_PRODUCTION },
};

static FbkInstant now;

static GArray *
make_year (FbkInstant from,
           guint      seed)
{
  GArray *values = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), YEAR / HOUR);

  for (FbkInstant t = from; t < from + YEAR; t += HOUR)
    {
      double hour_of_day = (double) ((t / HOUR) % 24);
      FbkInterval interval = {
        .start = t,
        .duration = HOUR,
        /* the last two days are not verified yet */
        .flags = t < now - 2 * DAY ? FBK_INTERVAL_VERIFIED : 0,
        .kwh = 0.4 + seed * 0.1 + 0.8 * (1.0 + sin (hour_of_day / 24.0 * 2 * G_PI)),
      };

      g_array_append_val (values, interval);
    }
  return values;
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static void
report (const char *what,
        double     *runs)
{
  qsort (runs, N_RUNS, sizeof (double), compare_doubles);
  g_print ("%-44s min %8.2f ms   median %8.2f ms   max %8.2f ms\n",
           what, runs[0], runs[N_RUNS / 2], runs[N_RUNS - 1]);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_remove (file);
    }
  g_rmdir (path);
}

static FbkStore *
open_or_die (const char *path)
{
  g_autoptr(GError) error = NULL;
  FbkStore *store = fbk_store_open_sync (path, NULL, &error);

  g_assert_no_error (error);
  return store;
}

/* Imports the data set as the app fetches it: one request per year and
 * series, each its own transaction. */
static void
import_all (FbkStore *store,
            GArray   *years[G_N_ELEMENTS (series)][N_YEARS])
{
  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    {
      for (guint y = 0; y < N_YEARS; y++)
        {
          g_autoptr(GError) error = NULL;
          FbkInstant from = now - (N_YEARS - y) * (FbkInstant) YEAR;

          fbk_store_import_sync (store, series[s].meter, series[s].direction,
                                 from, from + YEAR, from + YEAR, years[s][y], NULL, NULL, &error);
          g_assert_no_error (error);
        }
    }
}

static guint
read_all (FbkStore *store)
{
  guint total = 0;

  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) values = fbk_store_load_sync (store, series[s].meter, series[s].direction,
                                                      now - N_YEARS * (FbkInstant) YEAR, now, NULL, &error);

      g_assert_no_error (error);
      total += values->len;
    }
  return total;
}

typedef struct
{
  guint pending;
  guint total;
} AsyncRead;

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncRead *read = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = fbk_store_load_finish (FBK_STORE (source), result, &error);

  g_assert_no_error (error);
  read->total += values->len;
  read->pending--;
}

/* As the app reads: queued on the worker, results back on the main loop. */
static guint
read_all_async (FbkStore *store)
{
  AsyncRead read = { G_N_ELEMENTS (series), 0 };

  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    fbk_store_load_async (store, series[s].meter, series[s].direction,
                          now - N_YEARS * (FbkInstant) YEAR, now, NULL, load_cb, &read);
  while (read.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  return read.total;
}

static void
plan_all (FbkStore *store)
{
  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ranges = fbk_store_plan_refresh_sync (store, series[s].meter, series[s].direction,
                                                              now - N_YEARS * (FbkInstant) YEAR, now + HOUR,
                                                              now + HOUR, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (ranges->len, ==, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  GArray *years[G_N_ELEMENTS (series)][N_YEARS];
  double import_runs[N_RUNS], open_runs[N_RUNS], read_runs[N_RUNS], async_runs[N_RUNS], plan_runs[N_RUNS];
  guint n_values = G_N_ELEMENTS (series) * N_YEARS * (YEAR / HOUR);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  FbkStoreStats stats;

  g_assert_true (fbk_time_parse ("2024-06-01T00:00:00+02:00", &now));

  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    for (guint y = 0; y < N_YEARS; y++)
      years[s][y] = make_year (now - (N_YEARS - y) * (FbkInstant) YEAR, s);

  dir = g_dir_make_tmp ("forbruk-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "forbruk.db", NULL);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(FbkStore) store = NULL;
      gint64 start;

      remove_dir (dir);
      g_mkdir_with_parents (dir, 0700);
      store = open_or_die (path);
      start = g_get_monotonic_time ();
      import_all (store, years);
      import_runs[run] = elapsed_ms (start);
    }

  for (guint run = 0; run < N_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(FbkStore) store = open_or_die (path);

      open_runs[run] = elapsed_ms (start);
    }

  {
    g_autoptr(FbkStore) store = open_or_die (path);

    /* warm the page cache and SQLite's own */
    g_assert_cmpuint (read_all (store), ==, n_values);

    for (guint run = 0; run < N_RUNS; run++)
      {
        gint64 start = g_get_monotonic_time ();

        g_assert_cmpuint (read_all (store), ==, n_values);
        read_runs[run] = elapsed_ms (start);
      }

    for (guint run = 0; run < N_RUNS; run++)
      {
        gint64 start = g_get_monotonic_time ();

        g_assert_cmpuint (read_all_async (store), ==, n_values);
        async_runs[run] = elapsed_ms (start);
      }

    for (guint run = 0; run < N_RUNS; run++)
      {
        gint64 start = g_get_monotonic_time ();

        plan_all (store);
        plan_runs[run] = elapsed_ms (start);
      }

    g_assert_true (fbk_store_get_stats_sync (store, &stats, NULL, &error));
    g_assert_no_error (error);
  }

  g_print ("store: 3 meters, 4 series, 3 years hourly = %u values; %d runs; file %.1f MiB\n",
           n_values, N_RUNS, stats.disk_bytes / (1024.0 * 1024.0));
  report ("import (12 fetches of a year each)", import_runs);
  report ("open with quick_check", open_runs);
  report ("read 3 years x 4 series, warm (sync)", read_runs);
  report ("read 3 years x 4 series, warm (async)", async_runs);
  report ("plan refresh x 4 series", plan_runs);

  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    for (guint y = 0; y < N_YEARS; y++)
      g_array_unref (years[s][y]);
  remove_dir (dir);

  return 0;
}
