/* test-fault-run.c: the main view against a demo server that fails at
 * random, then recovers
 *
 * Three years of three meters, refreshed again and again while the server
 * rate-limits, fails, stalls, cuts answers short and hangs up (each decided
 * by its seed) for a bounded number of requests. Warnings and criticals are
 * fatal here. After every refresh the view either shows a notice or the
 * store holds everything: a failure is never swallowed. Once the faults stop,
 * one more refresh completes the store, and the database is intact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "fbk-demo-household.h"
#include "fbk-demo-server.h"
#include "fbk-main-view.h"
#include "fbk-period.h"
#include "fbk-test-support.h"
#include "fbk-test-ui.h"

#define NOW_TEXT     "2026-11-26T12:00:00+01:00"
#define SEED         (FBK_DEMO_DEFAULT_SEED + 11)
#define MAX_REQUESTS 80
#define MAX_ROUNDS   6

typedef struct
{
  char          *dir;
  char          *path;
  FbkInstant     now;
  FbkDemoServer *server;
  FbkStore      *store;
  FbkSession    *session;
  FbkRepository *repository;  /* the session's */
  GSettings     *settings;
  GtkWindow     *window;
  FbkMainView   *view;
  gboolean       seen_busy;  /* since the last refresh was asked for */
} Fixture;

static void
on_busy_notify_cb (FbkMainView *view,
                   GParamSpec  *pspec,
                   Fixture     *f)
{
  if (fbk_main_view_get_busy (view))
    f->seen_busy = TRUE;
}

static gboolean
on_wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates until the refresh that was asked for has started and ended. */
static void
wait_refreshed (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC * (gint64) fbk_test_time_scale ();
  guint wake = g_timeout_add (20, on_wake_cb, NULL);

  while (!f->seen_busy || fbk_main_view_get_busy (f->view))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the main view did not finish refreshing within 60 s");
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
  f->seen_busy = FALSE;
}

/* The text of the notice, or NULL while it is hidden. */
static const char *
notice (Fixture *f)
{
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (f->view), FBK_TYPE_MAIN_VIEW,
                                                                      "notice_revealer"));
  GtkLabel *label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (f->view), FBK_TYPE_MAIN_VIEW,
                                                             "notice_label"));

  return gtk_revealer_get_reveal_child (revealer) ? gtk_label_get_text (label) : NULL;
}

/* Whether the store holds every hour of the period the view shows, for
 * the consumption of each meter and the production of the one that has
 * any, as far as the demo server has them. */
static void
assert_store_complete (Fixture *f)
{
  FbkPeriod period = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_3_YEARS, f->now);
  FbkInstant start = MAX (fbk_period_get_start (&period), fbk_range_plan_history_limit (f->now));

  for (FbkDemoMeter meter = 0; meter < FBK_DEMO_N_METERS; meter++)
    {
      const char *id = fbk_demo_meter_get_id (meter);
      FbkInstant from = MAX (start, fbk_demo_meter_get_contract_start (meter, f->now));
      FbkInstant to = MIN (fbk_period_get_end (&period), fbk_demo_household_available_end (SEED, meter, f->now));

      fbk_test_assert_store_hours (f->store, id, FBK_DIRECTION_CONSUMPTION, from, to);
      if (fbk_demo_meter_has_production (meter))
        fbk_test_assert_store_hours (f->store, id, FBK_DIRECTION_PRODUCTION, from, to);
    }
}

static guint
count_faulted_requests (FbkDemoServer *server)
{
  guint n = 0;

  for (guint i = 0; i < fbk_demo_server_get_n_requests (server); i++)
    {
      if (fbk_demo_server_get_request (server, i)->status != 200)
        n++;
    }
  return n;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GError) error = NULL;
  GStrvBuilder *ids = g_strv_builder_new ();
  g_auto(GStrv) picked = NULL;
  FbkTestAsync discovered = { 0 };

  f->now = fbk_test_instant (NOW_TEXT);
  f->dir = g_dir_make_tmp ("forbruk-fault-run-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "forbruk.db", NULL);
  f->store = fbk_store_open_sync (f->path, NULL, &error);
  g_assert_no_error (error);

  f->server = fbk_demo_server_new (SEED);
  fbk_demo_server_set_now (f->server, f->now);
  fbk_demo_server_start (f->server, 0, &error);
  g_assert_no_error (error);

  f->session = fbk_test_new_session (fbk_demo_server_get_base_url (f->server), f->now, FBK_DEMO_TOKEN, f->store);
  /* One quick retry: some faults are weathered, others get through. */
  fbk_session_set_retry_policy (f->session, 1, 10, 50);
  f->repository = fbk_session_get_repository (f->session);

  /* The meters are known from an earlier session, before the trouble. */
  fbk_repository_discover_meters_async (f->repository, NULL, fbk_test_async_done_cb, &discovered);
  fbk_test_wait_until (discovered.done, 10);
  g_assert_true (fbk_repository_discover_meters_finish (f->repository, discovered.result, &error));
  g_assert_no_error (error);
  g_clear_object (&discovered.result);

  for (FbkDemoMeter meter = 0; meter < FBK_DEMO_N_METERS; meter++)
    g_strv_builder_add (ids, fbk_demo_meter_get_id (meter));
  picked = g_strv_builder_end (ids);
  g_strv_builder_unref (ids);
  f->settings = g_settings_new_with_backend (SCHEMA_ID, backend);
  g_settings_set_strv (f->settings, "picked-meters", (const char * const *) picked);
  g_settings_set_string (f->settings, "period", "last-3-years");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->window, gtk_window_destroy);
  f->repository = NULL;
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  g_clear_object (&f->server);
  g_clear_object (&f->settings);
  /* Let the store's worker and the client's last callbacks finish. */
  fbk_test_ui_spin (50);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
test_fault_run (Fixture       *f,
                gconstpointer  data)
{
  guint n_rounds = 0;
  guint n_reported = 0;

  fbk_demo_server_clear_requests (f->server);
  fbk_demo_server_add_random_fault (f->server, FBK_DEMO_FAULT_RATE_LIMITED, 1, 0.04);
  fbk_demo_server_add_random_fault (f->server, FBK_DEMO_FAULT_SERVER_ERROR, 0, 0.08);
  fbk_demo_server_add_random_fault (f->server, FBK_DEMO_FAULT_UNAVAILABLE, 0, 0.08);
  fbk_demo_server_add_random_fault (f->server, FBK_DEMO_FAULT_DELAY, 300, 0.15);
  fbk_demo_server_add_random_fault (f->server, FBK_DEMO_FAULT_TRUNCATE, 0, 0.08);
  fbk_demo_server_add_random_fault (f->server, FBK_DEMO_FAULT_DROP, 0, 0.08);

  /* As FbkWindow does it: settings first, then the session. The picked
   * meters and period start the first refresh. */
  f->view = g_object_new (FBK_TYPE_MAIN_VIEW, NULL);
  g_signal_connect (f->view, "notify::busy", G_CALLBACK (on_busy_notify_cb), f);
  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 1100, 720);
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->view));
  fbk_main_view_set_settings (f->view, f->settings);
  fbk_main_view_set_session (f->view, f->session);
  gtk_window_present (f->window);

  while (fbk_demo_server_get_n_requests (f->server) < MAX_REQUESTS && n_rounds < MAX_ROUNDS)
    {
      const char *text;

      if (n_rounds > 0)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "main.reload", NULL));
      wait_refreshed (f);
      n_rounds++;

      text = notice (f);
      if (text == NULL)
        assert_store_complete (f);
      else
        {
          g_test_message ("round %u: %s", n_rounds, text);
          g_assert_cmpuint (strlen (text), >, 20);
          n_reported++;
        }
    }
  g_test_message ("%u refreshes, %u failures reported; %u of %u requests faulted", n_rounds, n_reported,
                  count_faulted_requests (f->server), fbk_demo_server_get_n_requests (f->server));
  g_assert_cmpuint (count_faulted_requests (f->server), >, 0);
  g_assert_cmpuint (n_reported, >, 0);

  /* The faults stop: one refresh completes what is missing. */
  fbk_demo_server_clear_faults (f->server);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "main.reload", NULL));
  wait_refreshed (f);
  g_assert_null (notice (f));
  assert_store_complete (f);
  g_assert_null (fbk_store_get_reset_error (f->store));
  fbk_test_assert_db_intact (f->path);
}

/* A server asking for patience: the progress area says so at once, with
 * how long, and the refresh then completes. */
static void
test_waiting_shown (Fixture       *f,
                    gconstpointer  data)
{
  fbk_demo_server_clear_requests (f->server);
  /* Retry-After: 4 on the first request of the refresh. The notice is up
   * for as long as the wait: 2 s were too short for a test polling a
   * loaded machine under AddressSanitizer to see it every time. */
  fbk_demo_server_add_fault (f->server, FBK_DEMO_FAULT_RATE_LIMITED, 4, 1, 1);

  f->view = g_object_new (FBK_TYPE_MAIN_VIEW, NULL);
  g_signal_connect (f->view, "notify::busy", G_CALLBACK (on_busy_notify_cb), f);
  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 1100, 720);
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->view));
  fbk_main_view_set_settings (f->view, f->settings);
  fbk_main_view_set_session (f->view, f->session);
  gtk_window_present (f->window);

  fbk_test_ui_wait_for_text (GTK_WIDGET (f->view), "Waiting for Elvia: trying again in 4 seconds", 10);
  wait_refreshed (f);
  g_assert_null (notice (f));
  assert_store_complete (f);
}

int
main (int   argc,
      char *argv[])
{
  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();

  g_test_add ("/fault-run/main-view", Fixture, NULL, fixture_set_up, test_fault_run, fixture_tear_down);
  g_test_add ("/fault-run/waiting-shown", Fixture, NULL, fixture_set_up, test_waiting_shown, fixture_tear_down);

  return g_test_run ();
}
