/* test-demo-server-thread.c: the demo server in a thread of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fbk-demo-household.h"
#include "fbk-demo-server-thread.h"
#include "fbk-error.h"
#include "fbk-period.h"
#include "fbk-test-support.h"

#define NOW_TEXT "2024-11-15T10:20:00+01:00"
#define METERVALUES_PATH "/customer/metervalues/api/v1/metervalues"

static FbkDemoServerThread *
start_server (guint    port,
              GError **error)
{
  FbkDemoServer *server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  g_autoptr(FbkDemoServerThread) thread = NULL;

  fbk_demo_server_set_now (server, fbk_test_instant (NOW_TEXT));
  thread = fbk_demo_server_thread_new (server);
  if (fbk_demo_server_thread_start (thread, port, error) == NULL)
    return NULL;

  return g_steal_pointer (&thread);
}

static FbkSession *
new_session (FbkDemoServerThread *thread)
{
  return fbk_test_new_session (fbk_demo_server_thread_get_base_url (thread), fbk_test_instant (NOW_TEXT),
                               FBK_DEMO_TOKEN, NULL);
}

/* The meters the session's repository discovered, or NULL. */
static GListModel *
discover (FbkSession  *session,
          GError     **error)
{
  FbkRepository *repository = fbk_session_get_repository (session);
  FbkTestAsync waiter = { 0 };
  gboolean discovered;

  fbk_repository_discover_meters_async (repository, NULL, fbk_test_async_done_cb, &waiter);
  fbk_test_wait_until (waiter.done, 30);
  discovered = fbk_repository_discover_meters_finish (repository, waiter.result, error);
  g_object_unref (waiter.result);

  return discovered ? fbk_repository_get_meters (repository) : NULL;
}

/* Plain sockets, without asking the desktop for a proxy. */
static GSocketConnection *
connect_to (guint     port,
            GError  **error)
{
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();

  g_socket_client_set_enable_proxy (socket_client, FALSE);
  return g_socket_client_connect_to_host (socket_client, "127.0.0.1", (guint16) port, NULL, error);
}

static guint
port_of (FbkDemoServerThread *thread)
{
  g_autoptr(GUri) uri = g_uri_parse (fbk_demo_server_thread_get_base_url (thread), G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return (guint) g_uri_get_port (uri);
}

/* --- what the server's thread saw ---------------------------------------- */

typedef struct
{
  GThread *thread;
  guint    n_requests;
  guint    n_answered;  /* with 200, to metervalues */
} Log;

static void
read_log_cb (FbkDemoServer *server,
             gpointer       user_data)
{
  Log *log = user_data;

  log->thread = g_thread_self ();
  log->n_requests = fbk_demo_server_get_n_requests (server);
  log->n_answered = 0;
  for (guint i = 0; i < log->n_requests; i++)
    {
      const FbkDemoRequest *request = fbk_demo_server_get_request (server, i);

      log->n_answered += request->status == 200 && g_strcmp0 (request->path, METERVALUES_PATH) == 0;
    }
}

/* --- holding the server's thread up -------------------------------------- */

/* The server's thread waits on @gate until the main thread lets it go, as
 * if it were writing a very large answer. */
static gboolean
park_cb (gpointer user_data)
{
  GAsyncQueue *gate = user_data;

  g_async_queue_pop (gate);
  return G_SOURCE_REMOVE;
}

static void
park_server_cb (FbkDemoServer *server,
                gpointer       user_data)
{
  GSource *source = g_idle_source_new ();

  /* Ahead of any request already waiting: the thread-default context
   * here is the server's. */
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, park_cb, g_async_queue_ref (user_data),
                         (GDestroyNotify) g_async_queue_unref);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

typedef struct
{
  GAsyncQueue  *gate;
  FbkTestAsync *fetch;
  gboolean      ticked_while_waiting;
} Release;

static gboolean
release_cb (gpointer user_data)
{
  Release *release = user_data;

  release->ticked_while_waiting = !release->fetch->done;
  g_async_queue_push (release->gate, GINT_TO_POINTER (1));
  return G_SOURCE_REMOVE;
}

/* Three years of the house through a session, with the server's thread held
 * up: the main context still dispatches a timeout, and once the server
 * goes on every request is answered from its own thread. */
static void
test_main_context_free (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkDemoServerThread) thread = start_server (0, &error);
  g_autoptr(FbkSession) session = NULL;
  g_autoptr(GAsyncQueue) gate = g_async_queue_new ();
  g_autoptr(FbkRefreshResult) result = NULL;
  FbkInstant now = fbk_test_instant (NOW_TEXT);
  FbkPeriod period = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_3_YEARS, now);
  FbkInstant from = fbk_period_get_start (&period);
  /* Up to today: every hour before it exists. */
  FbkInstant to = fbk_time_oslo_midnight (fbk_time_oslo_date (now));
  const char *ids[] = { fbk_demo_meter_get_id (FBK_DEMO_METER_HOUSE), NULL };
  FbkRepository *repository;
  FbkTestAsync fetch = { 0 };
  Release release = { gate, &fetch, FALSE };
  FbkSeries *series;
  Log log = { 0 };

  g_assert_no_error (error);
  session = new_session (thread);
  repository = fbk_session_get_repository (session);

  fbk_demo_server_thread_invoke_sync (thread, park_server_cb, gate);
  fbk_repository_refresh_async (repository, ids, from, to, FBK_REFRESH_CONSUMPTION,
                                       NULL, NULL, NULL, fbk_test_async_done_cb, &fetch);
  g_timeout_add (20, release_cb, &release);
  fbk_test_wait_until (fetch.done, 30);
  result = fbk_repository_refresh_finish (repository, fetch.result, &error);
  g_clear_object (&fetch.result);
  g_assert_no_error (error);

  g_assert_true (release.ticked_while_waiting);
  g_assert_cmpuint (result->series[FBK_DIRECTION_CONSUMPTION]->len, ==, 1);
  series = g_ptr_array_index (result->series[FBK_DIRECTION_CONSUMPTION], 0);
  /* The house's contract is older than three years: every hour is there. */
  g_assert_cmpuint (fbk_series_get_length (series), ==, (to - from) / FBK_SECONDS_PER_HOUR);

  fbk_demo_server_thread_invoke_sync (thread, read_log_cb, &log);
  g_assert_true (log.thread != g_thread_self ());
  g_assert_cmpuint (result->n_requests, >=, 3);
  g_assert_cmpuint (log.n_requests, ==, result->n_requests);
  g_assert_cmpuint (log.n_answered, ==, result->n_requests);
}

/* A blocking request from the main thread, which never runs its main
 * context meanwhile: the server needs nothing of it. */
static void
test_blocking_client (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkDemoServerThread) thread = start_server (0, &error);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autofree char *request = NULL;
  g_autofree char *status_line = NULL;
  g_autofree char *rest = NULL;
  gsize written;

  g_assert_no_error (error);
  connection = connect_to (port_of (thread), &error);
  g_assert_no_error (error);

  request = g_strdup_printf ("GET " METERVALUES_PATH "?startTime=2024-11-14T00:00:00%%2B01:00"
                             "&endTime=2024-11-15T00:00:00%%2B01:00 HTTP/1.1\r\n"
                             "Host: 127.0.0.1\r\n"
                             "Authorization: Bearer " FBK_DEMO_TOKEN "\r\n"
                             "Connection: close\r\n\r\n");
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), &written, NULL, &error);
  g_assert_no_error (error);

  input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  status_line = g_data_input_stream_read_line_utf8 (input, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status_line, ==, "HTTP/1.1 200 OK\r");
  rest = g_data_input_stream_read_upto (input, "", 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (rest, fbk_demo_meter_get_id (FBK_DEMO_METER_HOUSE)));
  g_assert_nonnull (strstr (rest, "\"verified\""));
}

/* Each thread serves, then stops listening when stopped; valgrind's run
 * of this suite checks that nothing of them is left over. */
static void
test_start_stop (void)
{
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FbkDemoServerThread) thread = start_server (0, &error);
      g_autoptr(FbkSession) session = NULL;
      GListModel *meters;
      g_autoptr(GSocketConnection) connection = NULL;
      guint port;

      g_assert_no_error (error);
      port = port_of (thread);
      session = new_session (thread);
      meters = discover (session, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (meters), ==, FBK_DEMO_N_METERS);

      fbk_demo_server_thread_stop (thread);
      g_assert_null (fbk_demo_server_thread_get_base_url (thread));
      connection = connect_to (port, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
      g_assert_null (connection);

      /* Stopping twice, and finalizing a stopped thread, are fine. */
      fbk_demo_server_thread_stop (thread);
    }
}

/* A server set up but never started is freed with its thread object. */
static void
test_never_started (void)
{
  g_autoptr(FbkDemoServerThread) thread = fbk_demo_server_thread_new (fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED));

  g_assert_null (fbk_demo_server_thread_get_base_url (thread));
}

static void
test_port_taken (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkDemoServerThread) first = start_server (0, &error);
  g_autoptr(FbkDemoServerThread) second = NULL;
  g_autoptr(FbkSession) session = NULL;
  GListModel *meters;

  g_assert_no_error (error);
  second = start_server (port_of (first), &error);
  g_assert_null (second);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_assert_true (g_str_has_prefix (error->message, "Could not start the demo server: "));
  g_clear_error (&error);

  /* The first one goes on serving. */
  session = new_session (first);
  meters = discover (session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (meters), ==, FBK_DEMO_N_METERS);
}

static void
add_unavailable_cb (FbkDemoServer *server,
                    gpointer       user_data)
{
  fbk_demo_server_add_fault (server, FBK_DEMO_FAULT_UNAVAILABLE, 0, 1, G_MAXUINT);
}

static void
clear_faults_cb (FbkDemoServer *server,
                 gpointer       user_data)
{
  fbk_demo_server_clear_faults (server);
}

/* Faults set through invoke_sync() apply to the next request. */
static void
test_invoke_faults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkDemoServerThread) thread = start_server (0, &error);
  g_autoptr(FbkSession) session = NULL;
  GListModel *refused;
  GListModel *meters;

  g_assert_no_error (error);
  session = new_session (thread);

  fbk_demo_server_thread_invoke_sync (thread, add_unavailable_cb, NULL);
  refused = discover (session, &error);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_SERVER);
  g_assert_null (refused);
  g_clear_error (&error);

  fbk_demo_server_thread_invoke_sync (thread, clear_faults_cb, NULL);
  meters = discover (session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (meters), ==, FBK_DEMO_N_METERS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo-server-thread/main-context-free", test_main_context_free);
  g_test_add_func ("/demo-server-thread/blocking-client", test_blocking_client);
  g_test_add_func ("/demo-server-thread/start-stop", test_start_stop);
  g_test_add_func ("/demo-server-thread/never-started", test_never_started);
  g_test_add_func ("/demo-server-thread/port-taken", test_port_taken);
  g_test_add_func ("/demo-server-thread/invoke-faults", test_invoke_faults);

  return g_test_run ();
}
