/* bench-network.c: three years of three meters over a network like Elvia's
 *
 * The demo server behind a modelled link (fbk-bench-link.c), in the two
 * settings "Less waiting on the network" measured the Python library with:
 * a 40 ms round trip at 50 Mbit/s and 120 ms at 10 Mbit/s, both with
 * 150 ms + 350 ms per year of think time. Over each, four loads of the last
 * three years of every meter's consumption and production:
 *
 *   window cold / warm: what the window does as it opens, in this process
 *     (stored meters, discovery only when stale, one refresh of both
 *     directions), on an empty store and then on the same store again;
 *   cli cold / warm: `forbruk-cli values --direction both` for the same
 *     span, a process of its own with an empty store, then again.
 *
 * For each: wall time, requests, connections, the most requests in flight,
 * bytes, and the critical path split into time the link was busy and time
 * nothing was in flight (the client working between requests). For the CLI
 * also its CPU time (user + system, from wait4()).
 *
 * Run with: meson test -C _build --benchmark --verbose network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "fbk-bench.h"
#include "fbk-bench-link.h"
#include "fbk-demo-household.h"
#include "fbk-demo-server-thread.h"
#include "fbk-period.h"
#include "fbk-session.h"

#define RUNS 3

static const FbkBenchLinkModel models[] = {
  { "RTT 40 ms, 50 Mbit/s", 40, 150, 350, 50.0, 2 },
  { "RTT 120 ms, 10 Mbit/s", 120, 150, 350, 10.0, 2 },
};

typedef struct
{
  double            wall_ms;
  double            cpu_ms;  /* the CLI's process only */
  FbkBenchLinkStats link;
} Outcome;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static Outcome
load_in_window (FbkBenchLink *link,
                const char   *base_url,
                const char   *store_path,
                FbkInstant    now)
{
  FbkPeriod period = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_3_YEARS, now);
  const char *ids[FBK_DEMO_N_METERS + 1] = { NULL };
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(FbkSession) session = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(GAsyncResult) discovered = NULL;
  g_autoptr(GAsyncResult) refreshed_result = NULL;
  g_autoptr(FbkRefreshResult) refreshed = NULL;
  g_autoptr(GError) error = NULL;
  FbkRepository *repository;
  Outcome outcome = { 0 };
  gint64 start = g_get_monotonic_time ();

  for (guint m = 0; m < FBK_DEMO_N_METERS; m++)
    ids[m] = fbk_demo_meter_get_id (m);

  fbk_store_open_async (store_path, NULL, on_done_cb, &opened);
  store = fbk_store_open_finish (wait_for (&opened), &error);
  g_assert_no_error (error);
  session = fbk_session_new (FBK_SESSION_ELVIA, base_url, base_url, store, &error);
  g_assert_no_error (error);
  fbk_session_set_token (session, FBK_DEMO_TOKEN);
  fbk_clock_set_now (fbk_session_get_clock (session), now);
  repository = fbk_session_get_repository (session);

  /* As the main view opens: the stored meters, discovery only when stale. */
  fbk_repository_load_meters_async (repository, NULL, on_done_cb, &loaded);
  g_assert_true (fbk_repository_load_meters_finish (repository, wait_for (&loaded), &error));
  if (fbk_repository_needs_discovery (repository, ids))
    {
      fbk_repository_discover_meters_async (repository, NULL, on_done_cb, &discovered);
      g_assert_true (fbk_repository_discover_meters_finish (repository, wait_for (&discovered), &error));
    }
  fbk_repository_refresh_async (repository, ids, fbk_period_get_start (&period), fbk_period_get_end (&period),
                                FBK_REFRESH_VALUES, NULL, NULL, NULL, on_done_cb, &refreshed_result);
  refreshed = fbk_repository_refresh_finish (repository, wait_for (&refreshed_result), &error);
  g_assert_no_error (error);

  outcome.wall_ms = fbk_bench_elapsed_ms (start);
  fbk_bench_link_take_stats (link, &outcome.link);
  return outcome;
}

static Outcome
load_with_cli (FbkBenchLink *link,
               const char   *cli,
               const char   *base_url,
               const char   *data_dir,
               FbkInstant    now)
{
  FbkPeriod period = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_3_YEARS, now);
  g_autofree char *from = g_strdup_printf ("%04d-%02d-%02d", period.from.year, period.from.month, period.from.day);
  g_autofree char *to = g_strdup_printf ("%04d-%02d-%02d", period.to.year, period.to.month, period.to.day);
  const char *argv[] = { cli, "--api-url", base_url, "--prices-url", base_url, "values",
                         "--from", from, "--to", to, "--direction", "both", "-o", "/dev/null", NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  Outcome outcome = { 0 };
  gint64 start;
  GPid pid;
  int status;

  env = g_environ_setenv (env, "XDG_DATA_HOME", data_dir, TRUE);
  env = g_environ_setenv (env, "FORBRUK_TOKEN", FBK_DEMO_TOKEN, TRUE);

  start = g_get_monotonic_time ();
  g_spawn_async (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  /* The link answers from its own thread; this one only waits. */
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  outcome.wall_ms = fbk_bench_elapsed_ms (start);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  outcome.cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
                   (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
  fbk_bench_link_take_stats (link, &outcome.link);
  return outcome;
}

static void
report (const char    *what,
        const Outcome *outcomes,
        gboolean       with_cpu)
{
  double wall[RUNS], cpu[RUNS], idle[RUNS];
  g_autofree char *wall_label = g_strdup_printf ("%s: wall time", what);
  g_autofree char *cpu_label = g_strdup_printf ("%s: CPU time", what);
  g_autofree char *idle_label = g_strdup_printf ("%s: nothing in flight", what);
  const FbkBenchLinkStats *link = &outcomes[RUNS - 1].link;

  for (guint i = 0; i < RUNS; i++)
    {
      wall[i] = outcomes[i].wall_ms;
      cpu[i] = outcomes[i].cpu_ms;
      idle[i] = outcomes[i].link.first_to_last_ms - outcomes[i].link.busy_ms;
    }
  fbk_bench_report (wall_label, wall, RUNS, "ms");
  if (with_cpu)
    fbk_bench_report (cpu_label, cpu, RUNS, "ms");
  fbk_bench_report (idle_label, idle, RUNS, "ms");
  g_print ("%s: %u requests, %u connections, at most %u in flight, %.1f MB\n", what,
           link->n_requests, link->n_connections, link->max_in_flight, link->n_bytes / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FbkDemoServerThread) server = NULL;
  g_autoptr(GError) error = NULL;
  FbkDemoServer *demo;
  FbkInstant now;

  g_assert_cmpint (argc, ==, 2);  /* the forbruk-cli to run */

  /* The CLI's clock is the real one: so is the simulator's. */
  now = g_get_real_time () / G_USEC_PER_SEC;
  demo = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  fbk_demo_server_set_now (demo, now);
  server = fbk_demo_server_thread_new (demo);
  fbk_demo_server_thread_start (server, 0, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < G_N_ELEMENTS (models); s++)
    {
      g_autoptr(FbkBenchLink) link = fbk_bench_link_new (fbk_demo_server_thread_get_base_url (server), &models[s]);
      const char *base_url = fbk_bench_link_start (link, &error);
      Outcome window_cold[RUNS], window_warm[RUNS], cli_cold[RUNS], cli_warm[RUNS];

      g_assert_no_error (error);
      g_print ("# %s\n", models[s].name);
      /* Alternated, so a change in the machine's load reaches all four alike. */
      for (guint i = 0; i < RUNS; i++)
        {
          g_autofree char *dir = g_dir_make_tmp ("bench-network-XXXXXX", &error);
          g_autofree char *store_path = g_build_filename (dir, "window.sqlite", NULL);
          g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
          g_autofree char *command = NULL;

          g_assert_no_error (error);
          window_cold[i] = load_in_window (link, base_url, store_path, now);
          window_warm[i] = load_in_window (link, base_url, store_path, now);
          cli_cold[i] = load_with_cli (link, argv[1], base_url, data_dir, now);
          cli_warm[i] = load_with_cli (link, argv[1], base_url, data_dir, now);

          command = g_strdup_printf ("rm -rf '%s'", dir);
          g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
        }
      report ("window cold", window_cold, FALSE);
      report ("window warm", window_warm, FALSE);
      report ("cli cold", cli_cold, TRUE);
      report ("cli warm", cli_warm, TRUE);
    }

  fbk_demo_server_thread_stop (server);
  return 0;
}
