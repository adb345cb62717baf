/* bench-e2e.c: three years of three meters, from the demo server to the store
 *
 * What the app does when it opens on the last three years: discover the
 * meters, then refresh consumption and production of all three at once,
 * through the real client (HTTP on loopback, parsing in a thread) into a
 * real store, and read the result back. "Cold" starts from an empty store;
 * "warm" is the next start, with everything stored. The demo server runs in
 * a thread of its own, as a remote server would not take the client's main
 * loop; its request log counts the requests.
 *
 * While the client works, a 1 ms timeout on its main context records the
 * longest stall there, and how much of it the main thread spent working
 * (its CPU time over the stall) rather than waiting for a core: on a busy
 * machine the first includes time the scheduler gave to other processes,
 * the second is what Forbruk's own code blocked the loop for.
 *
 * Run with: meson test -C _build --benchmark --verbose e2e
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <time.h>
#include <sys/resource.h>

#include "fbk-bench.h"
#include "fbk-demo-household.h"
#include "fbk-demo-server-thread.h"
#include "fbk-period.h"
#include "fbk-session.h"

#define RUNS     7
#define NOW_TEXT "2026-11-26T12:00:00+01:00"

/* Runs in the server's thread: reads and empties its request log. */
static void
take_request_count_cb (FbkDemoServer *server,
                       gpointer       user_data)
{
  guint *n_requests = user_data;

  *n_requests = fbk_demo_server_get_n_requests (server);
  fbk_demo_server_clear_requests (server);
}

/* --- the client's side --------------------------------------------------- */

typedef struct
{
  gint64 last_tick;
  gint64 last_cpu;
  gint64 longest_stall;
  gint64 longest_busy;
} StallWatch;

static gint64
thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gint64
process_cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static gboolean
on_stall_tick_cb (gpointer data)
{
  StallWatch *watch = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  watch->longest_stall = MAX (watch->longest_stall, now - watch->last_tick);
  watch->longest_busy = MAX (watch->longest_busy, cpu - watch->last_cpu);
  watch->last_tick = now;
  watch->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static void
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  double wall_ms;
  double cpu_ms;    /* every thread of this process */
  double stall_ms;
  double busy_ms;
  guint  n_requests;
  guint  n_values;
} Outcome;

/* One start of the app on @path: discovery, then both directions of all
 * meters over the last three years. */
static Outcome
open_and_refresh (FbkDemoServerThread *server,
                  const char          *path,
                  FbkInstant           now)
{
  FbkPeriod period = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_3_YEARS, now);
  const char *ids[FBK_DEMO_N_METERS + 1] = { NULL };
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(FbkSession) session = NULL;
  FbkRepository *repository;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) discovered = NULL;
  g_autoptr(GAsyncResult) refreshed_result = NULL;
  g_autoptr(FbkRefreshResult) refreshed = NULL;
  g_autoptr(GError) error = NULL;
  StallWatch watch = { 0 };
  Outcome outcome = { 0 };
  gint64 start, cpu_start;
  guint tick;

  for (guint m = 0; m < FBK_DEMO_N_METERS; m++)
    ids[m] = fbk_demo_meter_get_id (m);

  start = g_get_monotonic_time ();
  cpu_start = process_cpu_us ();
  watch.last_tick = start;
  watch.last_cpu = thread_cpu_us ();
  tick = g_timeout_add (1, on_stall_tick_cb, &watch);

  /* As the app opens it: on the store's thread, PRAGMA quick_check included. */
  fbk_store_open_async (path, NULL, on_done_cb, &opened);
  wait_for (&opened);
  store = fbk_store_open_finish (opened, &error);
  g_assert_no_error (error);
  /* As the app assembles it. */
  session = fbk_session_new (FBK_SESSION_ELVIA, fbk_demo_server_thread_get_base_url (server),
                             fbk_demo_server_thread_get_base_url (server), store, &error);
  g_assert_no_error (error);
  fbk_session_set_token (session, FBK_DEMO_TOKEN);
  fbk_clock_set_now (fbk_session_get_clock (session), now);
  repository = fbk_session_get_repository (session);

  fbk_repository_discover_meters_async (repository, NULL, on_done_cb, &discovered);
  wait_for (&discovered);
  g_assert_true (fbk_repository_discover_meters_finish (repository, discovered, &error));

  /* Both directions in one queue, as the window asks. */
  fbk_repository_refresh_async (repository, ids, fbk_period_get_start (&period), fbk_period_get_end (&period),
                                FBK_REFRESH_VALUES, NULL, NULL, NULL, on_done_cb, &refreshed_result);
  wait_for (&refreshed_result);
  refreshed = fbk_repository_refresh_finish (repository, refreshed_result, &error);
  g_assert_no_error (error);

  outcome.wall_ms = fbk_bench_elapsed_ms (start);
  /* The server's thread included: it formats every answer. */
  outcome.cpu_ms = (process_cpu_us () - cpu_start) / 1000.0;
  g_source_remove (tick);
  outcome.stall_ms = watch.longest_stall / 1000.0;
  outcome.busy_ms = watch.longest_busy / 1000.0;
  fbk_demo_server_thread_invoke_sync (server, take_request_count_cb, &outcome.n_requests);
  for (guint d = 0; d < G_N_ELEMENTS (refreshed->series); d++)
    {
      for (guint m = 0; m < refreshed->series[d]->len; m++)
        outcome.n_values += fbk_series_get_length (g_ptr_array_index (refreshed->series[d], m));
    }

  return outcome;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FbkDemoServerThread) server = NULL;
  g_autoptr(GError) start_error = NULL;
  FbkDemoServer *demo;
  FbkInstant now;
  double cold[RUNS], warm[RUNS], cold_cpu[RUNS], warm_cpu[RUNS];
  double cold_stall[RUNS], warm_stall[RUNS], cold_busy[RUNS], warm_busy[RUNS];
  guint cold_requests = 0, warm_requests = 0, n_values = 0;

  g_assert_true (fbk_time_parse (NOW_TEXT, &now));
  demo = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  fbk_demo_server_set_now (demo, now);
  server = fbk_demo_server_thread_new (demo);
  fbk_demo_server_thread_start (server, 0, &start_error);
  g_assert_no_error (start_error);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("forbruk-bench-e2e-XXXXXX", &error);
      g_autofree char *path = g_build_filename (dir, "forbruk.db", NULL);
      Outcome outcome;

      g_assert_no_error (error);
      outcome = open_and_refresh (server, path, now);
      cold[i] = outcome.wall_ms;
      cold_cpu[i] = outcome.cpu_ms;
      cold_stall[i] = outcome.stall_ms;
      cold_busy[i] = outcome.busy_ms;
      cold_requests = outcome.n_requests;
      n_values = outcome.n_values;

      outcome = open_and_refresh (server, path, now);
      warm[i] = outcome.wall_ms;
      warm_cpu[i] = outcome.cpu_ms;
      warm_stall[i] = outcome.stall_ms;
      warm_busy[i] = outcome.busy_ms;
      warm_requests = outcome.n_requests;
      g_assert_cmpuint (outcome.n_values, ==, n_values);

      g_unlink (path);
      g_rmdir (dir);
    }

  g_print ("3 meters, consumption and production, last 3 years: %u values\n", n_values);
  g_print ("requests: cold %u, warm %u (2 of them discovery)\n", cold_requests, warm_requests);
  fbk_bench_report ("cold store: wall time", cold, RUNS, "ms");
  fbk_bench_report ("cold store: CPU time, all threads", cold_cpu, RUNS, "ms");
  fbk_bench_report ("cold store: longest main-loop stall", cold_stall, RUNS, "ms");
  fbk_bench_report ("cold store: main thread busy in it", cold_busy, RUNS, "ms");
  fbk_bench_report ("warm store: wall time", warm, RUNS, "ms");
  fbk_bench_report ("warm store: CPU time, all threads", warm_cpu, RUNS, "ms");
  fbk_bench_report ("warm store: longest main-loop stall", warm_stall, RUNS, "ms");
  fbk_bench_report ("warm store: main thread busy in it", warm_busy, RUNS, "ms");

  return 0;
}
