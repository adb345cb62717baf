/* test-cli.c: the built forbruk-cli, run as a user or a script would
 *
 * Each run gets a private environment: fresh XDG directories (so the store
 * is the test's own), no session bus (so no keyring), English messages.
 * The API is the demo server: embedded (--demo, with FORBRUK_DEMO_NOW),
 * in this process (to read its request log), or `forbruk-cli demo-server`
 * with faults in a process of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "fbk-demo-server.h"
#include "fbk-store-sync.h"
#include "fbk-test-cli.h"
#include "fbk-test-http.h"
#include "fbk-test-support.h"

#define HOUSE_ID "707057500061439208"
#define FLAT_ID  "707057500072815367"
#define SOLAR_ID "707057500083906177"
#define HOUR     FBK_SECONDS_PER_HOUR
#define DEMO_NOW "2025-06-15T10:20:00+02:00"
/* Well-formed, but not the demo's. */
#define OTHER_TOKEN "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzb21lb25lLWVsc2UifQ.c2lnbmF0dXJlLW9mLWFub3RoZXItdG9rZW4"

typedef struct
{
  char  *dir;
  char **environ;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *unset[] = {
    "DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "FORBRUK_TOKEN", "FORBRUK_DEMO_NOW",
    "G_MESSAGES_DEBUG", "LANGUAGE", "LC_MESSAGES", "FORBRUK_LOCALEDIR",
  };
  const char *dirs[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR" };
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("forbruk-cli-XXXXXX", &error);
  g_assert_no_error (error);

  f->environ = g_get_environ ();
  for (guint i = 0; i < G_N_ELEMENTS (unset); i++)
    f->environ = g_environ_unsetenv (f->environ, unset[i]);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, dirs[i], NULL);

      g_mkdir (path, 0700);
      f->environ = g_environ_setenv (f->environ, dirs[i], path, TRUE);
    }
  f->environ = g_environ_setenv (f->environ, "LC_ALL", "C.UTF-8", TRUE);
  f->environ = g_environ_setenv (f->environ, "TZ", "UTC", TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fbk_test_remove_tree (f->dir);
  g_free (f->dir);
  g_strfreev (f->environ);
}

static void
set_env (Fixture    *f,
         const char *name,
         const char *value)
{
  if (value != NULL)
    f->environ = g_environ_setenv (f->environ, name, value, TRUE);
  else
    f->environ = g_environ_unsetenv (f->environ, name);
}

static char *
store_path (Fixture *f)
{
  return g_build_filename (f->dir, "XDG_DATA_HOME", "forbruk", "forbruk.db", NULL);
}

/* --- running the CLI ------------------------------------------------------- */

/* A server left behind by a failed test would keep running. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
new_launcher (Fixture          *f,
              GSubprocessFlags  flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_environ (launcher, f->environ);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return launcher;
}

/* Runs forbruk-cli with the NULL-terminated arguments. The main context
 * keeps running meanwhile, so a demo server in this process answers. */
static FbkTestCliRun *
run_cli_v (Fixture            *f,
           const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (f, G_SUBPROCESS_FLAGS_NONE);
  FbkTestCliRun *run = fbk_test_cli_run (launcher, NULL, 60, args);

  if (g_test_verbose ())
    g_printerr ("forbruk-cli %s → %d\n%s", args[0], run->status, run->err);

  return run;
}

#define run_cli(f, ...) run_cli_v ((f), (const char * const[]) { __VA_ARGS__, NULL })

static void
assert_status (FbkTestCliRun *run,
               int            status,
               const char    *in_stderr)
{
  if (run->status != status || (in_stderr != NULL && strstr (run->err, in_stderr) == NULL))
    g_error ("exit status %d (expected %d), stderr: %s(expected to contain “%s”)",
             run->status, status, run->err, in_stderr != NULL ? in_stderr : "");
}

/* --- forbruk-cli demo-server in a process of its own ---------------------- */

typedef struct
{
  GSubprocess *process;
  char        *url;
} DemoProcess;

typedef struct
{
  gboolean  done;
  char     *line;
} Line;

static void
on_line_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Line *line = user_data;

  line->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, NULL);
  line->done = TRUE;
}

static DemoProcess *
start_demo_process (Fixture    *f,
                    const char *faults)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                             G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  DemoProcess *demo = g_new0 (DemoProcess, 1);
  g_autoptr(GDataInputStream) output = NULL;
  Line line = { 0 };
  const char *url;

  demo->process = fbk_test_cli_spawn (launcher, (const char * const[]) { "demo-server", "--port", "0",
                                                                          "--faults", faults, NULL });
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (demo->process));
  g_data_input_stream_read_line_async (output, G_PRIORITY_DEFAULT, NULL, on_line_cb, &line);
  fbk_test_wait_until (line.done, 10);

  /* "Demo MeterValueApi listening on http://127.0.0.1:PORT" */
  g_assert_nonnull (line.line);
  url = strstr (line.line, "http://127.0.0.1:");
  g_assert_nonnull (url);
  demo->url = g_strdup (url);
  g_free (line.line);

  return demo;
}

static void
demo_process_free (DemoProcess *demo)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (demo->process, SIGTERM);
  g_subprocess_wait (demo->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (demo->process));
  g_assert_cmpint (g_subprocess_get_exit_status (demo->process), ==, 0);
  g_object_unref (demo->process);
  g_free (demo->url);
  g_free (demo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DemoProcess, demo_process_free)

/* --- a hostile server ------------------------------------------------------ */

/* Answers every metervalues request for one meter, HOUSE_ID unless @id
 * says otherwise: with @value for every hour asked, or, with @value NULL,
 * as a server whose newest values lag behind: toHour before fromHour and
 * no values. "%TOKEN%" in @id becomes the token the request carried. */
typedef struct
{
  SoupServer *server;
  char       *url;
  const char *id;
  const char *value;
} Hostile;

static void
on_hostile_request_cb (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  const Hostile *hostile = user_data;
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  FbkInstant from = fbk_test_instant (g_hash_table_lookup (query, "startTime"));
  FbkInstant to = fbk_test_instant (g_hash_table_lookup (query, "endTime"));
  g_autofree char *from_text = fbk_time_format_oslo (from);
  g_autofree char *to_text = fbk_time_format_oslo (to);
  g_auto(GStrv) id_parts = g_strsplit (hostile->id != NULL ? hostile->id : HOUSE_ID, "%TOKEN%", -1);
  g_autofree char *id = g_strjoinv (authorization + strlen ("Bearer "), id_parts);
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "{\"meteringpoints\":[{\"meteringPointId\":\"%s\","
                          "\"customerContract\":{\"startTime\":\"2016-04-15T00:00:00+02:00\"},"
                          "\"metervalue\":{\"fromHour\":\"%s\",\"toHour\":\"%s\",\"resolutionMinutes\":60,"
                          "\"timeSeries\":[",
                          id, hostile->value != NULL ? from_text : to_text,
                          hostile->value != NULL ? to_text : from_text);
  for (FbkInstant hour = from; hostile->value != NULL && hour < to; hour += HOUR)
    {
      g_autofree char *start = fbk_time_format_oslo (hour);

      g_string_append_printf (body, "%s{\"startTime\":\"%s\",\"value\":%s,\"uom\":\"kWh\"}",
                              hour > from ? "," : "", start, hostile->value);
    }
  g_string_append (body, "]}}]}");

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body->str, body->len);
  g_string_free (body, FALSE);
}

static void
hostile_start (Hostile *hostile)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  hostile->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (hostile->server, "/customer/metervalues/api/v1/metervalues",
                           on_hostile_request_cb, hostile, NULL);
  soup_server_listen_local (hostile->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (hostile->server);
  hostile->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
hostile_stop (Hostile *hostile)
{
  soup_server_disconnect (hostile->server);
  g_clear_object (&hostile->server);
  g_clear_pointer (&hostile->url, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Hostile, hostile_stop)

/* --- CSV ------------------------------------------------------------------- */

static GStrv
csv_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (*lines[i] != '\0')
        g_strv_builder_add (builder, lines[i]);
    }
  return g_strv_builder_end (builder);
}

static guint
count_lines (const char *text)
{
  g_auto(GStrv) lines = csv_lines (text);

  return g_strv_length (lines);
}

/* Rows per Oslo day (the date of the start column). */
static GHashTable *
rows_per_day (GStrv lines)
{
  GHashTable *days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);
      char *day;

      g_assert_cmpuint (g_strv_length (fields), ==, 6);
      day = g_strndup (fields[1], 10);
      g_hash_table_insert (days, day, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (days, day)) + 1));
    }
  return days;
}

static guint
hours_between_days (const char *first_day,
                    const char *last_day)
{
  FbkDate first, last;

  g_assert_true (fbk_time_parse_date (first_day, &first));
  g_assert_true (fbk_time_parse_date (last_day, &last));
  return (guint) ((fbk_time_oslo_midnight (fbk_date_add_days (last, 1)) - fbk_time_oslo_midnight (first)) / HOUR);
}

static char *
date_text (FbkDate date)
{
  return g_strdup_printf ("%04d-%02d-%02d", date.year, date.month, date.day);
}

/* --- values ---------------------------------------------------------------- */

/* Three years of one meter from the embedded simulator: one row per hour,
 * 23 and 25 on DST days, the same whatever the machine's zone, and nothing
 * on stderr (progress only goes to a terminal). */
static void
test_values_three_years_demo (Fixture       *f,
                              gconstpointer  data)
{
  const char *dst_days[][2] = {
    { "2022-10-30", "25" }, { "2023-03-26", "23" }, { "2023-10-29", "25" },
    { "2024-03-31", "23" }, { "2024-10-27", "25" }, { "2025-03-30", "23" },
    { "2024-01-15", "24" }, { "2022-06-17", "24" }, { "2025-06-14", "24" },
  };
  g_autoptr(FbkTestCliRun) utc = NULL;
  g_autoptr(FbkTestCliRun) new_york = NULL;
  g_autoptr(FbkTestCliRun) json = NULL;
  g_autoptr(GHashTable) days = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  set_env (f, "FORBRUK_DEMO_NOW", DEMO_NOW);
  utc = run_cli (f, "--demo", "values", "--meter", HOUSE_ID, "--from", "2022-06-17", "--to", "2025-06-14");
  assert_status (utc, 0, NULL);
  g_assert_cmpstr (utc->err, ==, "");

  lines = csv_lines (utc->out);
  g_assert_cmpstr (lines[0], ==, "metering_point_id,start,end,kwh,direction,verified");
  g_assert_cmpuint (g_strv_length (lines) - 1, ==, hours_between_days ("2022-06-17", "2025-06-14"));
  g_assert_true (g_str_has_prefix (lines[1], HOUSE_ID ",2022-06-17T00:00:00+02:00,2022-06-17T01:00:00+02:00,"));
  g_assert_true (g_str_has_prefix (lines[g_strv_length (lines) - 1],
                                   HOUSE_ID ",2025-06-14T23:00:00+02:00,2025-06-15T00:00:00+02:00,"));
  days = rows_per_day (lines);
  g_assert_cmpuint (g_hash_table_size (days), ==, hours_between_days ("2022-06-17", "2025-06-14") / 24);
  for (guint i = 0; i < G_N_ELEMENTS (dst_days); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (days, dst_days[i][0])), ==,
                      (guint) atoi (dst_days[i][1]));
  /* Both 02:00 of the autumn day, told apart by their offsets. */
  g_assert_nonnull (strstr (utc->out, "," "2024-10-27T02:00:00+02:00,2024-10-27T02:00:00+01:00,"));
  g_assert_nonnull (strstr (utc->out, "," "2024-10-27T02:00:00+01:00,2024-10-27T03:00:00+01:00,"));

  set_env (f, "TZ", "America/New_York");
  new_york = run_cli (f, "--demo", "values", "--meter", HOUSE_ID, "--from", "2022-06-17", "--to", "2025-06-14");
  assert_status (new_york, 0, NULL);
  g_assert_cmpstr (new_york->out, ==, utc->out);

  /* JSON has the same rows. */
  json = run_cli (f, "--demo", "values", "--meter", HOUSE_ID, "--from", "2024-10-27", "--to", "2024-10-27",
                  "--format", "json");
  assert_status (json, 0, NULL);
  json_parser_load_from_data (parser, json->out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 25);
}

/* Against a server with a request log: every request within the API's
 * limits; a second run answered from the store but for the trailing
 * window; --no-cache fetches it all again; the output never changes. */
static void
test_values_cached (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(FbkDemoServer) server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  FbkDate today = fbk_time_oslo_date (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *from = date_text (fbk_date_add_days (fbk_date_add_months (today, -36), 2));
  g_autofree char *to = date_text (fbk_date_add_days (today, -3));
  g_autofree char *path = store_path (f);
  g_autoptr(FbkTestCliRun) first = NULL;
  g_autoptr(FbkTestCliRun) second = NULL;
  g_autoptr(FbkTestCliRun) uncached = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_values = 0;

  /* On the real clock, as the CLI is: the dates are counted from today. */
  fbk_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  set_env (f, "FORBRUK_TOKEN", FBK_DEMO_TOKEN);

  first = run_cli (f, "--api-url", fbk_demo_server_get_base_url (server), "values", "--meter", HOUSE_ID,
                   "--from", from, "--to", to);
  assert_status (first, 0, NULL);
  g_assert_cmpstr (first->err, ==, "");
  lines = csv_lines (first->out);
  g_assert_cmpuint (g_strv_length (lines) - 1, ==, hours_between_days (from, to));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  for (guint i = 0; i < fbk_demo_server_get_n_requests (server); i++)
    {
      const FbkDemoRequest *request = fbk_demo_server_get_request (server, i);
      const char *ids = g_hash_table_lookup (request->query, "meteringPointIds");
      FbkInstant start, end;

      /* The server checks the limits as Elvia does: 200 means within. */
      g_assert_cmpuint (request->status, ==, 200);
      if (ids == NULL)
        continue;
      g_assert_cmpstr (ids, ==, HOUSE_ID);
      g_assert_true (fbk_time_parse (g_hash_table_lookup (request->query, "startTime"), &start));
      g_assert_true (fbk_time_parse (g_hash_table_lookup (request->query, "endTime"), &end));
      g_assert_cmpint (end - start, <=, 365 * 24 * HOUR);
      n_values++;
    }
  g_assert_cmpuint (n_values, ==, 3);

  fbk_demo_server_clear_requests (server);
  second = run_cli (f, "--api-url", fbk_demo_server_get_base_url (server), "values", "--meter", HOUSE_ID,
                    "--from", from, "--to", to);
  assert_status (second, 0, NULL);
  g_assert_cmpstr (second->out, ==, first->out);
  n_values = 0;
  for (guint i = 0; i < fbk_demo_server_get_n_requests (server); i++)
    {
      const FbkDemoRequest *request = fbk_demo_server_get_request (server, i);
      FbkInstant start, end;

      if (g_hash_table_lookup (request->query, "meteringPointIds") == NULL)
        continue;
      g_assert_true (fbk_time_parse (g_hash_table_lookup (request->query, "startTime"), &start));
      g_assert_true (fbk_time_parse (g_hash_table_lookup (request->query, "endTime"), &end));
      /* Only what lies in the last 48 hours (plus the current one). */
      g_assert_cmpint (start, >=, g_get_real_time () / G_USEC_PER_SEC - 50 * HOUR);
      n_values++;
    }
  g_assert_cmpuint (n_values, <=, 1);

  fbk_demo_server_clear_requests (server);
  uncached = run_cli (f, "--no-cache", "--api-url", fbk_demo_server_get_base_url (server), "values",
                      "--meter", HOUSE_ID, "--from", from, "--to", to);
  assert_status (uncached, 0, NULL);
  g_assert_cmpstr (uncached->out, ==, first->out);
  /* Two to discover the meters, three for the values. */
  g_assert_cmpuint (fbk_demo_server_get_n_requests (server), ==, 5);
}

/* --- failures -------------------------------------------------------------- */

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  const struct {
    const char *args[12];
    const char *in_stderr;
  } cases[] = {
    { { "--demo", "values", "--from", "2024-13-01", "--to", "2024-12-31" }, "“2024-13-01” is not a date" },
    { { "--demo", "values", "--from", "2024-12-01", "--to", "2024-11-01" }, "ends before it starts" },
    { { "--demo", "values", "--from", "2024-12-01" }, "Both --from and --to" },
    { { "--demo", "values", "--period", "last-12-months", "--from", "2024-12-01" }, "either --period or --from and --to" },
    { { "--demo", "values", "--period", "tomorrow" }, "“tomorrow” is not a period: use today, yesterday," },
    { { "--demo", "prices", "--period", "custom" }, "“custom” is not a period" },
    { { "--demo", "values", "--from", "2024-11-01", "--to", "2024-11-02", "--resolution", "minute" },
      "resolution" },
    { { "--demo", "values", "--from", "2024-11-01", "--to", "2024-11-02", "--format", "xml" }, "csv or json" },
    { { "--demo", "values", "--from", "2024-11-01", "--to", "2024-11-02", "--meter", "707057500000000001" },
      "707057500000000001 is not on this token" },
    { { "--demo", "values", "--from", "2024-11-01", "--to", "2024-11-02", "--meter", "12345" },
      "“12345” is not a metering point id" },
    { { "--demo", "values", "--from", "2024-11-01", "--to", "2024-11-02", "stray" }, "“stray”" },
    { { "--demo", "maxhours", "--month", "2024-13" }, "“2024-13” is not a month" },
    { { "--demo", "maxhours", "--format", "yaml" }, "--format is text, csv or json" },
    { { "--demo", "frobnicate" }, "Unknown command “frobnicate”" },
    { { "--frobnicate", "meters" }, "Unknown option “--frobnicate”" },
    { { "--retries", "many", "--demo", "meters" }, "--retries" },
    { { "--demo" }, "Usage" },
  };

  set_env (f, "FORBRUK_DEMO_NOW", DEMO_NOW);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FbkTestCliRun) run = run_cli_v (f, cases[i].args);

      assert_status (run, 2, cases[i].in_stderr);
      g_assert_cmpstr (run->out, ==, "");
    }
}

static void
test_insecure_url (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(FbkTestCliRun) run = NULL;

  set_env (f, "FORBRUK_TOKEN", FBK_DEMO_TOKEN);
  run = run_cli (f, "--api-url", "http://192.0.2.10:8080", "meters");
  assert_status (run, 2, "Refusing to send the access token to “http://192.0.2.10:8080”");
  g_assert_nonnull (strstr (run->err, "https"));
  g_assert_null (strstr (run->err, FBK_DEMO_TOKEN));
}

static void
test_no_token (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(FbkTestCliRun) run = NULL;
  g_autoptr(FbkTestCliRun) garbage = NULL;

  /* No FORBRUK_TOKEN, and no keyring to find one in: a missing token is
   * status 3, like a refused one (it was 2, "bad usage", before the exit
   * statuses were settled in README). */
  run = run_cli (f, "--api-url", "http://127.0.0.1:9", "meters");
  assert_status (run, 3, "No access token");
  g_assert_nonnull (strstr (run->err, "FORBRUK_TOKEN"));

  set_env (f, "FORBRUK_TOKEN", "not a token");
  garbage = run_cli (f, "--api-url", "http://127.0.0.1:9", "meters");
  assert_status (garbage, 3, NULL);
  g_assert_cmpstr (garbage->out, ==, "");
}

static void
test_refused_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DemoProcess) demo = start_demo_process (f, "");
  g_autoptr(FbkTestCliRun) run = NULL;

  /* Debug output on: the token must not be in it either. */
  set_env (f, "FORBRUK_TOKEN", OTHER_TOKEN);
  set_env (f, "G_MESSAGES_DEBUG", "all");
  run = run_cli (f, "--api-url", demo->url, "values", "--from", "2025-01-01", "--to", "2025-01-02");
  assert_status (run, 3, "Elvia refused the access token");
  g_assert_null (strstr (run->err, OTHER_TOKEN));
  g_assert_null (strstr (run->err, "c2lnbmF0dXJlLW9mLWFub3RoZXItdG9rZW4"));
  g_assert_nonnull (strstr (run->err, "metervalues"));
  g_assert_cmpstr (run->out, ==, "");
}

/* Faults injected by forbruk-cli demo-server: each ends with status 4 and a
 * sentence saying what happened. */
static void
test_api_failures (Fixture       *f,
                   gconstpointer  data)
{
  const struct {
    const char *faults;
    const char *retries;
    const char *in_stderr;
  } cases[] = {
    { "500", "1", "HTTP 500" },
    { "503", "1", "HTTP 503" },
    { "429:0", "1", "too many requests" },
    { "truncate", "0", "cut off" },
    { "drop", "0", "Elvia did not answer. Try again later." },
  };

  set_env (f, "FORBRUK_TOKEN", FBK_DEMO_TOKEN);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DemoProcess) demo = start_demo_process (f, cases[i].faults);
      gint64 started = g_get_monotonic_time ();
      g_autoptr(FbkTestCliRun) run = run_cli (f, "--retries", cases[i].retries, "--api-url", demo->url, "meters");

      assert_status (run, 4, cases[i].in_stderr);
      g_assert_cmpstr (run->out, ==, "");
      g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
    }

  /* Failing on the third request of a values run, after discovery. */
  {
    g_autoptr(DemoProcess) demo = start_demo_process (f, "500@3+");
    g_autoptr(FbkTestCliRun) run = run_cli (f, "--retries", "0", "--api-url", demo->url, "values", "--meter", HOUSE_ID,
                                  "--from", "2025-01-01", "--to", "2025-01-31");

    assert_status (run, 4, "HTTP 500");
    g_assert_cmpstr (run->out, ==, "");
  }
}

/* Waiting is bounded and said: a server asking for 2 s twice gets its
 * waits, each announced on stderr, and the data comes; one asking for
 * 120 s on every answer (more than the minute of waiting a run may spend
 * in all) ends the run at once with status 4, not after 8 minutes. */
static void
test_bounded_waiting (Fixture       *f,
                      gconstpointer  data)
{
  set_env (f, "FORBRUK_TOKEN", FBK_DEMO_TOKEN);

  {
    g_autoptr(DemoProcess) demo = start_demo_process (f, "429:2@1-2");
    gint64 started = g_get_monotonic_time ();
    g_autoptr(FbkTestCliRun) run = run_cli (f, "--api-url", demo->url, "meters");
    double elapsed_s = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

    assert_status (run, 0, "Waiting for Elvia: trying again in 2 seconds.");
    g_assert_nonnull (strstr (run->out, HOUSE_ID));
    g_assert_cmpfloat (elapsed_s, >=, 2.0);
  }

  {
    g_autoptr(DemoProcess) demo = start_demo_process (f, "429:120@1+");
    gint64 started = g_get_monotonic_time ();
    /* Values not stored yet: the meters are known from the run above. */
    g_autoptr(FbkTestCliRun) run = run_cli (f, "--api-url", demo->url, "values", "--from", "2025-01-01",
                                            "--to", "2025-01-02");

    assert_status (run, 4, "too many requests");
    g_assert_null (strstr (run->err, "Waiting for"));
    g_assert_cmpstr (run->out, ==, "");
    g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC * fbk_test_time_scale ());
  }
}

/* A store another program holds locked (a write transaction that does not
 * end) cannot take new values: the run prints what the store holds, says
 * why in one sentence, and exits 0, with no log noise. */
static void
test_locked_store (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(FbkDemoServer) server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  g_autofree char *path = store_path (f);
  g_autoptr(FbkTestCliRun) first = NULL;
  g_autoptr(FbkTestCliRun) locked = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  fbk_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  set_env (f, "FORBRUK_TOKEN", FBK_DEMO_TOKEN);

  first = run_cli (f, "--api-url", fbk_demo_server_get_base_url (server), "values", "--meter", HOUSE_ID,
                   "--from", "2025-01-01", "--to", "2025-01-02");
  assert_status (first, 0, NULL);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  /* A wider period: the new days cannot be stored, the stored two are printed. */
  locked = run_cli (f, "--api-url", fbk_demo_server_get_base_url (server), "values", "--meter", HOUSE_ID,
                    "--from", "2025-01-01", "--to", "2025-01-04");
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);

  assert_status (locked, 0, "database is locked");
  g_assert_nonnull (strstr (locked->err, "Printing what the offline store already holds"));
  g_assert_null (strstr (locked->err, "WARNING"));
  g_assert_null (strstr (locked->err, "Message"));
  g_assert_cmpstr (locked->out, ==, first->out);
}

/* --offline asks nothing and needs no token: what the store holds, the
 * same bytes as the run that stored it; costs too, with the price days it
 * could not fetch named. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(FbkDemoServer) server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  g_autoptr(FbkTestCliRun) online = NULL;
  g_autoptr(FbkTestCliRun) offline = NULL;
  g_autoptr(FbkTestCliRun) cost_online = NULL;
  g_autoptr(FbkTestCliRun) cost_offline = NULL;
  g_autoptr(FbkTestCliRun) both = NULL;
  g_autoptr(GError) error = NULL;
  const char *url;

  fbk_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  url = fbk_demo_server_get_base_url (server);
  set_env (f, "FORBRUK_TOKEN", FBK_DEMO_TOKEN);

  online = run_cli (f, "--api-url", url, "values", "--meter", HOUSE_ID, "--from", "2025-01-01", "--to", "2025-01-07");
  assert_status (online, 0, NULL);
  cost_online = run_cli (f, "--api-url", url, "--prices-url", url, "cost", "--meter", HOUSE_ID,
                         "--from", "2025-01-01", "--to", "2025-01-07", "--resolution", "day");
  assert_status (cost_online, 0, NULL);

  g_clear_object (&server);
  set_env (f, "FORBRUK_TOKEN", NULL);
  offline = run_cli (f, "--offline", "values", "--meter", HOUSE_ID, "--from", "2025-01-01", "--to", "2025-01-07");
  assert_status (offline, 0, NULL);
  g_assert_cmpstr (offline->out, ==, online->out);
  cost_offline = run_cli (f, "--offline", "cost", "--meter", HOUSE_ID,
                          "--from", "2025-01-01", "--to", "2025-01-07", "--resolution", "day");
  assert_status (cost_offline, 0, NULL);
  g_assert_cmpstr (cost_offline->out, ==, cost_online->out);

  /* Days never fetched are unknown, and said to be. */
  {
    g_autoptr(FbkTestCliRun) unfetched = run_cli (f, "--offline", "prices", "--from", "2025-02-01", "--to", "2025-02-02");

    assert_status (unfetched, 0, "works offline");
    g_assert_cmpstr (unfetched->out, ==, "start,end,area,nok_per_kwh_excl_vat\r\n");
  }

  both = run_cli (f, "--offline", "--no-cache", "values", "--from", "2025-01-01", "--to", "2025-01-07");
  assert_status (both, 2, "--offline");
}

/* forbruk-cli demo-server serves the simulator's spot prices on the same
 * port, on its pinned clock (DEMO_NOW, 10:20 on 15 June 2025: hourly days,
 * tomorrow not out before 13:00), with the fault plan reaching them. */
static void
test_demo_server_prices (Fixture       *f,
                         gconstpointer  data)
{
  const struct {
    const char *day;
    guint       status;
    guint       n_intervals;
  } cases[] = {
    { "2025/06-15_NO1.json", 200, 24 },
    { "2025/06-14_NO1.json", 404, 0 },  /* the fault plan's */
    { "2025/06-14_NO2.json", 404, 0 },
    { "2025/06-13_NO5.json", 200, 24 },
    { "2025/06-16_NO1.json", 404, 0 },  /* tomorrow, before 13:00 */
  };
  g_autoptr(DemoProcess) demo = NULL;
  g_autoptr(SoupSession) session = fbk_test_http_session_new ();

  set_env (f, "FORBRUK_DEMO_NOW", DEMO_NOW);
  demo = start_demo_process (f, "missing@/api/v1/prices/2025/06-14");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strconcat (demo->url, "/api/v1/prices/", cases[i].day, NULL);
      g_autoptr(FbkTestResponse) response = fbk_test_http_request (session, SOUP_METHOD_GET, url, NULL);
      g_autoptr(JsonNode) root = NULL;

      g_assert_cmpuint (response->status, ==, cases[i].status);
      if (cases[i].status != 200)
        continue;
      root = fbk_test_response_json (response);
      g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, cases[i].n_intervals);
    }
}

/* Nothing the server sends is printed as something else, or raw. Values
 * of 10³⁰⁸ kWh an hour (finite, so once stored and summed to infinity)
 * are refused by name and nothing is printed: no "inf", no invalid JSON.
 * Terminal escapes in a field do not reach stderr, and a server echoing
 * the token puts no piece of it there. */
static void
test_hostile_answers (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Hostile) hostile = { 0 };

  hostile_start (&hostile);
  set_env (f, "FORBRUK_TOKEN", OTHER_TOKEN);

  hostile.value = "1e308";
  {
    g_autoptr(FbkTestCliRun) json = run_cli (f, "--retries", "0", "--api-url", hostile.url, "values",
                                             "--from", "2025-01-01", "--to", "2025-01-02",
                                             "--resolution", "day", "--format", "json");
    g_autoptr(FbkTestCliRun) csv = run_cli (f, "--retries", "0", "--api-url", hostile.url, "values",
                                            "--from", "2025-01-01", "--to", "2025-01-02", "--resolution", "day");

    assert_status (json, 4, "timeSeries[0].value");
    assert_status (csv, 4, "more than a household meter");
    g_assert_cmpstr (json->out, ==, "");
    g_assert_cmpstr (csv->out, ==, "");
  }

  hostile.value = NULL;
  hostile.id = "\\u001b]0;owned\\u0007\\u001b[2J\\u009b31m";
  {
    g_autoptr(FbkTestCliRun) run = run_cli (f, "--retries", "0", "--api-url", hostile.url, "meters");

    assert_status (run, 4, "is not an 18-digit metering point id");
    fbk_test_assert_showable (run->err);
  }

  hostile.id = "Bearer %TOKEN%";
  {
    g_autoptr(FbkTestCliRun) run = run_cli (f, "--retries", "0", "--api-url", hostile.url, "meters");

    assert_status (run, 4, "is not an 18-digit metering point id");
    fbk_test_assert_no_token_piece (run->err, OTHER_TOKEN);
  }
}

/* A server whose newest values lag behind answers a question about them
 * with toHour before fromHour and no values: no values yet, not an error.
 * Discovery finds the meter; values for those hours print the header only. */
static void
test_no_values_yet (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Hostile) hostile = { 0 };
  g_autoptr(FbkTestCliRun) meters = NULL;
  g_autoptr(FbkTestCliRun) values = NULL;
  FbkInstant now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *from = fbk_time_format_oslo (fbk_time_period_start (now, FBK_RESOLUTION_HOUR) - 3 * HOUR);
  g_autofree char *to = fbk_time_format_oslo (fbk_time_period_start (now, FBK_RESOLUTION_HOUR));

  hostile_start (&hostile);
  set_env (f, "FORBRUK_TOKEN", OTHER_TOKEN);

  meters = run_cli (f, "--retries", "0", "--api-url", hostile.url, "meters");
  assert_status (meters, 0, NULL);
  g_assert_true (g_str_has_prefix (meters->out, "metering_point_id\tcontract_start\tdirections\tname\n"
                                                HOUSE_ID "\t2016-04-15T00:00:00+02:00\tconsumption\t"));

  values = run_cli (f, "--retries", "0", "--api-url", hostile.url, "values", "--from", from, "--to", to);
  assert_status (values, 0, NULL);
  g_assert_cmpstr (values->out, ==, "metering_point_id,start,end,kwh,direction,verified\r\n");
}

/* --- output ------------------------------------------------------------------ */

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
read_all_available (int fd)
{
  GString *text = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);
  return g_string_free (text, FALSE);
}

#define OUTPUT_ARGS "--demo", "values", "--meter", HOUSE_ID, "--from", "2024-10-27", "--to", "2024-10-27", \
                    "--format", "json"

/* -o writes through what it names: a regular file is replaced whole (a new
 * file renamed over it), anything else is written in place, never
 * replaced. Each gets exactly what standard output gets. */
static void
test_output_write_through (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(FbkTestCliRun) expected = NULL;
  g_autofree char *file = g_build_filename (f->dir, "values.json", NULL);
  g_autofree char *target = g_build_filename (f->dir, "target.json", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.json", NULL);
  g_autofree char *stdout_link = g_build_filename (f->dir, "stdout", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "fifo", NULL);
  g_autofree char *device = g_build_filename (f->dir, "null", NULL);
  GStatBuf before, after;

  set_env (f, "FORBRUK_DEMO_NOW", DEMO_NOW);
  expected = run_cli (f, OUTPUT_ARGS);
  assert_status (expected, 0, NULL);
  /* 25 rows: more than a few bytes, less than a pipe holds (64 KiB) */
  g_assert_cmpuint (strlen (expected->out), >, 2000);
  g_assert_cmpuint (strlen (expected->out), <, 65536);

  /* A regular file: replaced, not overwritten, and nothing left beside it. */
  {
    g_autoptr(FbkTestCliRun) run = NULL;
    g_autofree char *written = NULL;
    g_autoptr(GDir) dir = NULL;
    const char *name;

    g_assert_true (g_file_set_contents (file, "old\n", -1, NULL));
    g_assert_cmpint (g_lstat (file, &before), ==, 0);
    run = run_cli (f, OUTPUT_ARGS, "-o", file);
    assert_status (run, 0, NULL);
    g_assert_cmpstr (run->out, ==, "");
    written = read_file (file);
    g_assert_cmpstr (written, ==, expected->out);
    g_assert_cmpint (g_lstat (file, &after), ==, 0);
    g_assert_cmpuint (after.st_ino, !=, before.st_ino);
    dir = g_dir_open (f->dir, 0, NULL);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_true (g_str_equal (name, "values.json") || g_str_has_prefix (name, "XDG_"));
  }

  /* "-" is standard output. */
  {
    g_autoptr(FbkTestCliRun) run = run_cli (f, OUTPUT_ARGS, "-o", "-");

    assert_status (run, 0, NULL);
    g_assert_cmpstr (run->out, ==, expected->out);
  }

  /* A symbolic link to a file: the file gets it, the link stays. */
  {
    g_autoptr(FbkTestCliRun) run = NULL;
    g_autofree char *written = NULL;

    g_assert_true (g_file_set_contents (target, "old\n", -1, NULL));
    g_assert_cmpint (symlink (target, link), ==, 0);
    run = run_cli (f, OUTPUT_ARGS, "-o", link);
    assert_status (run, 0, NULL);
    g_assert_cmpint (g_lstat (link, &after), ==, 0);
    g_assert_true (S_ISLNK (after.st_mode));
    written = read_file (target);
    g_assert_cmpstr (written, ==, expected->out);
  }

  /* A link to the process's own standard output, which is what /dev/stdout
   * is: made here, so that a broken -o replaces nothing of the system's. */
  {
    g_autoptr(FbkTestCliRun) run = NULL;

    g_assert_cmpint (symlink ("/proc/self/fd/1", stdout_link), ==, 0);
    run = run_cli (f, OUTPUT_ARGS, "-o", stdout_link);
    assert_status (run, 0, NULL);
    g_assert_cmpstr (run->out, ==, expected->out);
    g_assert_cmpint (g_lstat (stdout_link, &after), ==, 0);
    g_assert_true (S_ISLNK (after.st_mode));
  }

  /* A FIFO another program reads from: written into, still a FIFO. */
  {
    g_autoptr(FbkTestCliRun) run = NULL;
    g_autofree char *read_back = NULL;
    int reader;

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    reader = g_open (fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
    g_assert_cmpint (reader, >=, 0);
    run = run_cli (f, OUTPUT_ARGS, "-o", fifo);
    assert_status (run, 0, NULL);
    read_back = read_all_available (reader);
    close (reader);
    g_assert_cmpint (g_lstat (fifo, &after), ==, 0);
    g_assert_true (S_ISFIFO (after.st_mode));
    g_assert_cmpstr (read_back, ==, expected->out);
  }

  /* A device: written, never replaced. As root (CI runs as root) a broken
   * -o would replace the system's /dev/null with a regular file, so the
   * test makes a null device of its own here, which root may. Without that
   * right it uses /dev/null itself, which such a user cannot replace
   * either: /dev is not theirs to write. Where neither holds (root in
   * flatpak-builder's sandbox: devices made on a nodev mount cannot be
   * opened, and /dev is writable) there is no device to try safely. */
  {
    g_autoptr(FbkTestCliRun) run = NULL;
    const char *null_device = NULL;
    int fd;

    if (mknod (device, S_IFCHR | 0666, makedev (1, 3)) == 0)
      {
        fd = g_open (device, O_WRONLY | O_CLOEXEC, 0);
        if (fd >= 0)
          {
            close (fd);
            null_device = device;
          }
        else
          g_unlink (device);
      }
    if (null_device == NULL && access ("/dev", W_OK) != 0)
      null_device = "/dev/null";

    if (null_device != NULL)
      {
        run = run_cli (f, OUTPUT_ARGS, "-o", null_device);
        assert_status (run, 0, NULL);
        g_assert_cmpstr (run->out, ==, "");
        g_assert_cmpint (g_lstat (null_device, &after), ==, 0);
        g_assert_true (S_ISCHR (after.st_mode));
      }
    else
      g_test_message ("No device to write to without risking the system's /dev/null: not tried");
  }

  /* A folder that does not exist: a sentence naming it, exit status 2. */
  {
    g_autofree char *missing = g_build_filename (f->dir, "missing", "values.json", NULL);
    g_autoptr(FbkTestCliRun) run = run_cli (f, OUTPUT_ARGS, "-o", missing);

    assert_status (run, 2, missing);
  }
}

/* --- a fault run ------------------------------------------------------------ */

/* Counted by the in-process server's log: answers that were not the data. */
static guint
count_faulted_requests (FbkDemoServer *server)
{
  guint n = 0;

  for (guint i = 0; i < fbk_demo_server_get_n_requests (server); i++)
    {
      guint status = fbk_demo_server_get_request (server, i)->status;

      if (status != 200)
        n++;
    }
  return n;
}

/* Run after run against a server that fails at random (rate limits, server
 * errors, slow, cut-off and dropped answers, decided by its seed) for a
 * bounded number of requests: no run crashes or logs a warning, each one
 * either prints the whole period or fails with a sentence and exit status
 * 4, never less data quietly. Once the faults stop, one more run completes
 * the store: every hour of every series, and the database intact. */
static void
test_fault_run (Fixture       *f,
                gconstpointer  data)
{
  const guint max_requests = 40;
  const guint max_runs = 8;
  g_autoptr(FbkDemoServer) server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED + 7);
  FbkDate today = fbk_time_oslo_date (g_get_real_time () / G_USEC_PER_SEC);
  FbkDate first_day = fbk_date_add_months (today, -13);
  FbkDate last_day = fbk_date_add_days (today, -3);
  g_autofree char *from = date_text (first_day);
  g_autofree char *to = date_text (last_day);
  FbkInstant start = fbk_time_oslo_midnight (first_day);
  FbkInstant end = fbk_time_oslo_midnight (fbk_date_add_days (last_day, 1));
  const char *ids[] = { HOUSE_ID, FLAT_ID, SOLAR_ID };
  const char *directions[] = { NULL, "--production" };
  g_autofree char *path = store_path (f);
  g_autoptr(GPtrArray) consumed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) produced = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *outputs[] = { consumed, produced };
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n_failed = 0, n_complete = 0, n_runs = 0;

  fbk_demo_server_add_random_fault (server, FBK_DEMO_FAULT_RATE_LIMITED, 1, 0.05);
  fbk_demo_server_add_random_fault (server, FBK_DEMO_FAULT_SERVER_ERROR, 0, 0.08);
  fbk_demo_server_add_random_fault (server, FBK_DEMO_FAULT_UNAVAILABLE, 0, 0.08);
  fbk_demo_server_add_random_fault (server, FBK_DEMO_FAULT_DELAY, 250, 0.15);
  fbk_demo_server_add_random_fault (server, FBK_DEMO_FAULT_TRUNCATE, 0, 0.08);
  fbk_demo_server_add_random_fault (server, FBK_DEMO_FAULT_DROP, 0, 0.08);
  fbk_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  set_env (f, "FORBRUK_TOKEN", FBK_DEMO_TOKEN);

  while (fbk_demo_server_get_n_requests (server) < max_requests && n_runs < max_runs)
    {
      guint d = n_runs % 2;
      /* Most runs without retries, so failures get through quickly. */
      g_autoptr(FbkTestCliRun) run = run_cli (f, "--retries", n_runs % 4 == 3 ? "1" : "0",
                                    "--api-url", fbk_demo_server_get_base_url (server),
                                    "values", "--from", from, "--to", to,
                                    directions[d] != NULL ? directions[d] : "--resolution=hour");

      n_runs++;
      g_assert_null (strstr (run->err, "CRITICAL"));
      g_assert_null (strstr (run->err, "WARNING"));
      if (run->status == 0)
        {
          g_ptr_array_add (outputs[d], g_steal_pointer (&run->out));
          n_complete++;
          continue;
        }

      /* Reported, in a sentence, and nothing half printed. */
      assert_status (run, 4, NULL);
      g_assert_cmpuint (strlen (run->err), >, 20);
      g_assert_cmpstr (run->out, ==, "");
      n_failed++;
    }
  g_test_message ("%u runs, %u complete, %u failed; %u of %u requests faulted", n_runs, n_complete,
                  n_failed, count_faulted_requests (server), fbk_demo_server_get_n_requests (server));
  g_assert_cmpuint (count_faulted_requests (server), >, 0);
  g_assert_cmpuint (n_failed, >, 0);

  /* The faults stop: each direction completes, and equals every complete
   * run under faults. */
  fbk_demo_server_clear_faults (server);
  for (guint d = 0; d < G_N_ELEMENTS (directions); d++)
    {
      g_autoptr(FbkTestCliRun) run = run_cli (f, "--retries", "0", "--api-url", fbk_demo_server_get_base_url (server),
                                    "values", "--from", from, "--to", to,
                                    directions[d] != NULL ? directions[d] : "--resolution=hour");

      assert_status (run, 0, NULL);
      for (guint i = 0; i < outputs[d]->len; i++)
        g_assert_cmpstr (g_ptr_array_index (outputs[d], i), ==, run->out);
      if (directions[d] == NULL)
        {
          g_auto(GStrv) lines = csv_lines (run->out);

          g_assert_cmpuint (g_strv_length (lines) - 1, ==, G_N_ELEMENTS (ids) * hours_between_days (from, to));
        }
    }

  fbk_test_assert_db_intact (path);
  store = fbk_store_open_sync (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (fbk_store_get_reset_error (store));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    fbk_test_assert_store_hours (store, ids[i], FBK_DIRECTION_CONSUMPTION, start, end);
  fbk_test_assert_store_hours (store, SOLAR_ID, FBK_DIRECTION_PRODUCTION, start, end);
}

/* --- meters and maxhours --------------------------------------------------- */

static void
test_meters (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(FbkTestCliRun) run = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) house = NULL;
  g_auto(GStrv) flat = NULL;
  g_auto(GStrv) solar = NULL;

  set_env (f, "FORBRUK_DEMO_NOW", DEMO_NOW);
  run = run_cli (f, "--demo", "meters");
  assert_status (run, 0, NULL);
  g_assert_cmpstr (run->err, ==, "");

  /* A header (added on purpose, issue 19), then id, contract start,
   * directions, name: tab-separated, one per line. */
  lines = csv_lines (run->out);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "metering_point_id\tcontract_start\tdirections\tname");
  house = g_strsplit (lines[1], "\t", -1);
  flat = g_strsplit (lines[2], "\t", -1);
  solar = g_strsplit (lines[3], "\t", -1);
  g_assert_cmpuint (g_strv_length (house), ==, 4);
  g_assert_cmpstr (house[0], ==, HOUSE_ID);
  g_assert_cmpstr (house[2], ==, "consumption");
  g_assert_cmpstr (house[3], ==, "707 057 500 061 439 208");
  g_assert_cmpstr (flat[0], ==, FLAT_ID);
  /* Eighteen months before the pinned now. */
  g_assert_cmpstr (flat[1], ==, "2023-12-15T00:00:00+01:00");
  g_assert_cmpstr (solar[0], ==, SOLAR_ID);
  g_assert_cmpstr (solar[2], ==, "consumption,production");

  /* The id as the window shows it, with spaces, is the same id. */
  {
    g_autoptr(FbkTestCliRun) spaced = run_cli (f, "--demo", "values", "--meter", "707 057 500 061 439 208",
                                               "--from", "2025-06-01", "--to", "2025-06-01");

    assert_status (spaced, 0, NULL);
    g_assert_nonnull (strstr (spaced->out, "\r\n" HOUSE_ID ",2025-06-01T00:00:00+02:00,"));
  }
}

/* A name given in the app (kept in the store) is what forbruk-cli prints. */
static void
test_meters_stored_name (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(FbkDemoServer) server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  g_autofree char *path = store_path (f);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkTestCliRun) run = NULL;
  g_autoptr(FbkTestCliRun) offline = NULL;

  fbk_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  g_mkdir_with_parents (folder, 0700);
  {
    g_autoptr(FbkStore) store = fbk_store_open_sync (path, NULL, &error);

    g_assert_no_error (error);
    fbk_store_note_meter_sync (store, HOUSE_ID, FBK_INSTANT_INVALID, FBK_INSTANT_INVALID, FALSE, 0, NULL, &error);
    g_assert_no_error (error);
    fbk_store_set_meter_name_sync (store, HOUSE_ID, "Hytta på fjellet", NULL, &error);
    g_assert_no_error (error);
  }

  set_env (f, "FORBRUK_TOKEN", FBK_DEMO_TOKEN);
  run = run_cli (f, "--api-url", fbk_demo_server_get_base_url (server), "meters");
  assert_status (run, 0, NULL);
  g_assert_nonnull (strstr (run->out, HOUSE_ID "\t2014-10-01T00:00:00+02:00\tconsumption\tHytta på fjellet\n"));
  g_assert_nonnull (strstr (run->out, SOLAR_ID));

  /* Discovered a moment ago: the next run asks nothing about the meters. */
  fbk_demo_server_clear_requests (server);
  {
    g_autoptr(FbkTestCliRun) again = run_cli (f, "--api-url", fbk_demo_server_get_base_url (server), "meters");

    assert_status (again, 0, NULL);
    g_assert_cmpstr (again->out, ==, run->out);
    g_assert_cmpuint (fbk_demo_server_get_n_requests (server), ==, 0);
  }

  /* A day later, without the network, the stored meters are listed, with
   * a note (the discovery of a minute ago would have been used as is). */
  g_clear_object (&server);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE meters SET last_seen = last_seen - 25 * 3600", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (db);
  }
  offline = run_cli (f, "--retries", "0", "--api-url", "http://127.0.0.1:9", "meters");
  assert_status (offline, 0, "No internet connection: Forbruk could not reach Elvia");
  g_assert_nonnull (strstr (offline->out, "Hytta på fjellet"));
  g_assert_nonnull (strstr (offline->out, SOLAR_ID));
}

static JsonArray *
parse_array (const char *text,
             JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

static JsonObject *
find_row (JsonArray  *rows,
          const char *metering_point_id,
          const char *month)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_str_equal (json_object_get_string_member (row, "metering_point_id"), metering_point_id) &&
          g_str_equal (json_object_get_string_member (row, "month"), month))
        return row;
    }
  return NULL;
}

static void
test_maxhours (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonParser) api_parser = json_parser_new ();
  g_autoptr(JsonParser) local_parser = json_parser_new ();
  g_autoptr(FbkTestCliRun) json = NULL;
  g_autoptr(FbkTestCliRun) local = NULL;
  g_autoptr(FbkTestCliRun) csv = NULL;
  g_autoptr(FbkTestCliRun) text = NULL;
  g_autoptr(FbkTestCliRun) current = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *api_rows;
  JsonArray *local_rows;
  JsonObject *house;
  JsonObject *house_local;
  JsonArray *hours;
  double sum = 0;

  set_env (f, "FORBRUK_DEMO_NOW", DEMO_NOW);

  /* May is over: Elvia's figures (it answers for June and May). */
  json = run_cli (f, "--demo", "maxhours", "--month", "2025-05", "--format", "json");
  assert_status (json, 0, NULL);
  api_rows = parse_array (json->out, api_parser);
  g_assert_cmpuint (json_array_get_length (api_rows), ==, 3);
  house = find_row (api_rows, HOUSE_ID, "2025-05");
  g_assert_nonnull (house);
  g_assert_cmpstr (json_object_get_string_member (house, "source"), ==, "api");
  g_assert_true (json_object_get_boolean_member (house, "complete"));
  g_assert_false (json_object_get_boolean_member (house, "provisional"));
  hours = json_object_get_array_member (house, "hours");
  g_assert_cmpuint (json_array_get_length (hours), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *hour = json_array_get_object_element (hours, i);

      g_assert_true (g_str_has_prefix (json_object_get_string_member (hour, "start"), "2025-05-"));
      sum += json_object_get_double_member (hour, "kwh");
    }
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (house, "average"), sum / 3, 0.0011);
  g_assert_cmpint (json_object_get_int_member (house, "step"), >=, 1);

  /* The coach's columns: a whole month that is over, priced from the dated
   * table; the saving is one step lower, under a level the three hours
   * were above, so the cut is at least their excess over it. */
  g_assert_false (json_object_get_boolean_member (house, "partial"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (house, "headroom_kwh"),
                                  json_object_get_double_member (house, "headroom"), 0.0005);
  g_assert_cmpfloat (json_object_get_double_member (house, "next_step_price_kr"), >,
                     json_object_get_double_member (house, "step_price_kr"));
  if (json_object_get_int_member (house, "step") > 1)
    {
      JsonObject *hint = json_object_get_object_member (house, "saving_hint");
      double under = json_object_get_double_member (hint, "under_kwh");
      double excess = 0;

      g_assert_cmpint (json_object_get_int_member (hint, "to_step"), ==, json_object_get_int_member (house, "step") - 1);
      g_assert_cmpfloat (json_object_get_double_member (house, "saving_kr"), >, 0);
      for (guint i = 0; i < 3; i++)
        excess += MAX (0, json_object_get_double_member (json_array_get_object_element (hours, i), "kwh") - under);
      g_assert_cmpfloat (json_object_get_double_member (house, "saving_cut_kwh"), >=, excess - 1e-9);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (hint, "days")), >=, 1);
    }

  /* Computed here from the hourly values: the same hours. */
  local = run_cli (f, "--demo", "maxhours", "--month", "2025-05", "--format", "json", "--source", "local",
                   "--meter", HOUSE_ID);
  assert_status (local, 0, NULL);
  local_rows = parse_array (local->out, local_parser);
  g_assert_cmpuint (json_array_get_length (local_rows), ==, 1);
  house_local = find_row (local_rows, HOUSE_ID, "2025-05");
  g_assert_cmpstr (json_object_get_string_member (house_local, "source"), ==, "local");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (house_local, "average"),
                                  json_object_get_double_member (house, "average"), 0.0011);
  g_assert_cmpint (json_object_get_int_member (house_local, "step"), ==,
                   json_object_get_int_member (house, "step"));

  /* CSV: a header and a row per meter, the same average. */
  csv = run_cli (f, "--demo", "maxhours", "--month", "2025-05", "--format", "csv");
  assert_status (csv, 0, NULL);
  lines = csv_lines (csv->out);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], "metering_point_id,month,hour1_start,hour1_kwh,"));
  for (guint i = 1; i < 4; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 21);
      g_assert_cmpstr (fields[1], ==, "2025-05");
      if (g_str_equal (fields[0], HOUSE_ID))
        g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[8], NULL),
                                        json_object_get_double_member (house, "average"), 0.0005);
    }

  /* Text, for people. */
  text = run_cli (f, "--demo", "maxhours", "--month", "2025-05");
  assert_status (text, 0, NULL);
  g_assert_nonnull (strstr (text->out, HOUSE_ID "  2025-05  average "));
  g_assert_nonnull (strstr (text->out, "from Elvia"));
  g_assert_nonnull (strstr (text->out, "  1. 2025-05-"));

  /* This month by default: not complete yet. */
  current = run_cli (f, "--demo", "maxhours", "--format", "json", "--meter", HOUSE_ID);
  assert_status (current, 0, NULL);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *rows = parse_array (current->out, parser);
    JsonObject *row = find_row (rows, HOUSE_ID, "2025-06");

    g_assert_nonnull (row);
    g_assert_false (json_object_get_boolean_member (row, "complete"));
  }
}

/* --- help and global options ------------------------------------------------ */

/* Issue 19: `forbruk-cli values --demo …` said "Unknown option --demo".
 * Global options after the command are the same as before it: the same
 * output, byte for byte. */
static void
test_global_options_anywhere (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(FbkTestCliRun) before = NULL;
  g_autoptr(FbkTestCliRun) after = NULL;
  g_autoptr(FbkTestCliRun) mixed = NULL;
  g_autoptr(FbkTestCliRun) bad_retries = NULL;

  set_env (f, "FORBRUK_DEMO_NOW", DEMO_NOW);
  before = run_cli (f, "--demo", "--no-cache", "values", "--meter", HOUSE_ID, "--from", "2025-06-01", "--to", "2025-06-01");
  after = run_cli (f, "values", "--meter", HOUSE_ID, "--from", "2025-06-01", "--to", "2025-06-01", "--demo", "--no-cache");
  mixed = run_cli (f, "--no-cache", "values", "--retries=0", "--meter", HOUSE_ID, "--demo",
                   "--from", "2025-06-01", "--to", "2025-06-01");
  assert_status (before, 0, NULL);
  assert_status (after, 0, NULL);
  assert_status (mixed, 0, NULL);
  /* A header and the 24 hours of 1 June */
  g_assert_cmpuint (count_lines (before->out), ==, 25);
  g_assert_cmpstr (after->out, ==, before->out);
  g_assert_cmpstr (mixed->out, ==, before->out);

  /* A global option's value is checked wherever it stands. */
  bad_retries = run_cli (f, "meters", "--demo", "--retries", "many");
  assert_status (bad_retries, 2, "--retries is a whole number from 0 to 10, not “many”");
}

/* Every command's --help, in one style: "Usage:" then "forbruk-cli
 * COMMAND [OPTION…]", and the global options, FORBRUK_TOKEN and every exit
 * status; --from and --to marked required where a period is needed. */
static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  const struct {
    const char *command;
    gboolean    needs_period;
  } commands[] = {
    { "meters", FALSE }, { "values", TRUE }, { "chart", TRUE }, { "maxhours", FALSE },
    { "cost", TRUE }, { "prices", TRUE }, { "token", FALSE }, { "demo-server", FALSE },
  };
  const char *in_every_help[] = {
    "--demo", "--offline", "--no-cache", "--api-url=URL", "--prices-url=URL", "--retries=N",
    "before or after the command", "FORBRUK_TOKEN",
    "\n  0 ", "\n  2 ", "\n  3 ", "\n  4 ", "\n  5 ", "hvakosterstrommen.no",
  };
  g_autoptr(FbkTestCliRun) top = run_cli (f, "--help");

  assert_status (top, 0, NULL);
  g_assert_true (g_str_has_prefix (top->out, "Usage:\n  forbruk-cli [OPTION…] COMMAND [OPTION…]\n"));
  for (guint j = 0; j < G_N_ELEMENTS (in_every_help); j++)
    g_assert_nonnull (strstr (top->out, in_every_help[j]));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(FbkTestCliRun) run = run_cli (f, commands[i].command, "--help");
      g_autofree char *usage = g_strdup_printf ("Usage:\n  forbruk-cli %s [OPTION…]", commands[i].command);

      assert_status (run, 0, NULL);
      g_assert_cmpstr (run->err, ==, "");
      if (!g_str_has_prefix (run->out, usage))
        g_error ("%s --help begins “%.60s”", commands[i].command, run->out);
      for (guint j = 0; j < G_N_ELEMENTS (in_every_help); j++)
        {
          if (strstr (run->out, in_every_help[j]) == NULL)
            g_error ("%s --help lacks “%s”", commands[i].command, in_every_help[j]);
        }
      g_assert_cmpint (strstr (run->out, "--from DATE --to DATE | --period PERIOD\n") != NULL, ==, commands[i].needs_period);
      g_assert_cmpint (strstr (run->out, "--from=DATE") != NULL &&
                       strstr (run->out, "Required (or --period): the first day") != NULL &&
                       strstr (run->out, "Required (or --period): the last day") != NULL &&
                       strstr (run->out, "last-12-months (the twelve full months before this one)") != NULL,
                       ==, commands[i].needs_period);
    }
}

/* The capacity measure is in kW, as on Elvia's Min side, and said once in
 * the help. */
static void
test_maxhours_kw (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FbkTestCliRun) text = NULL;
  g_autoptr(FbkTestCliRun) help = NULL;

  set_env (f, "FORBRUK_DEMO_NOW", DEMO_NOW);
  text = run_cli (f, "maxhours", "--demo", "--month", "2025-05", "--meter", HOUSE_ID);
  assert_status (text, 0, NULL);
  g_assert_null (strstr (text->out, "kWh/h"));
  g_assert_nonnull (strstr (text->out, " kW  step "));
  g_assert_nonnull (strstr (text->out, " kW below the next step"));
  g_assert_nonnull (strstr (text->out, "figures from Elvia"));
  /* Each hour is still an amount of energy. */
  g_assert_nonnull (strstr (text->out, " kWh\n"));

  help = run_cli (f, "maxhours", "--help");
  assert_status (help, 0, NULL);
  g_assert_nonnull (strstr (help->out, "in kW, as on Elvia's Min side"));
}

/* Issue 19: json-glib wrote "kwh": 9.6210000000000004. Every JSON number
 * is now as the API states it: at most three decimals for kWh, and the
 * hours of a day bucket a whole number. */
static void
test_json_numbers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GRegex) long_number = g_regex_new ("[0-9]\\.[0-9]{4,}", 0, 0, NULL);
  g_autoptr(GRegex) exponent = g_regex_new ("[0-9][eE][-+]", 0, 0, NULL);
  const char *args[][12] = {
    { "--demo", "maxhours", "--month", "2025-05", "--format", "json" },
    { "--demo", "maxhours", "--month", "2025-05", "--format", "json", "--source", "local" },
    { "--demo", "values", "--from", "2025-06-01", "--to", "2025-06-15", "--format", "json", "--resolution", "day" },
    { "--demo", "values", "--from", "2025-06-14", "--to", "2025-06-14", "--format", "json" },
    { "--demo", "cost", "--from", "2025-05-01", "--to", "2025-05-31", "--format", "json", "--resolution", "day" },
  };

  set_env (f, "FORBRUK_DEMO_NOW", DEMO_NOW);
  for (guint i = 0; i < G_N_ELEMENTS (args); i++)
    {
      g_autoptr(FbkTestCliRun) run = run_cli_v (f, args[i]);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) lines = NULL;

      assert_status (run, 0, NULL);
      json_parser_load_from_data (parser, run->out, -1, &error);
      g_assert_no_error (error);
      lines = g_strsplit (run->out, "\n", -1);

      for (guint l = 0; lines[l] != NULL; l++)
        {
          /* The coach's cut and level are to the micro-kWh on purpose, so
           * a sum can be checked by hand ("the capacity coach"). */
          if (strstr (lines[l], "\"saving_cut_kwh\"") != NULL || strstr (lines[l], "\"under_kwh\"") != NULL)
            continue;
          if (g_regex_match (long_number, lines[l], 0, NULL) || g_regex_match (exponent, lines[l], 0, NULL))
            g_error ("%s %s: a long number in %s", args[i][1], args[i][2], lines[l]);
        }
    }
}

/* "Note: … has not happened yet" only when the period reaches into a day
 * that has not begun: asking up to today is asking for all there is. */
static void
test_future_note (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FbkTestCliRun) today = NULL;
  g_autoptr(FbkTestCliRun) month = NULL;

  /* 15 June 2025, 10:20 */
  set_env (f, "FORBRUK_DEMO_NOW", DEMO_NOW);
  today = run_cli (f, "--demo", "values", "--meter", HOUSE_ID, "--from", "2025-06-14", "--to", "2025-06-15");
  assert_status (today, 0, NULL);
  g_assert_null (strstr (today->err, "has not happened yet"));
  /* What the demo has published at 10:20 is there: the header, the 24
   * hours of the 14th and 00:00–09:00 of the 15th (9 hours; the demo,
   * like Elvia, publishes an hour late). */
  g_assert_cmpuint (count_lines (today->out), ==, 34);
  g_assert_true (g_str_has_suffix (today->out, ",2025-06-15T08:00:00+02:00,2025-06-15T09:00:00+02:00,0.563,consumption,false\r\n"));

  month = run_cli (f, "--demo", "values", "--meter", HOUSE_ID, "--from", "2025-06-14", "--to", "2025-06-30");
  assert_status (month, 0, NULL);
  g_assert_nonnull (strstr (month->err, "2025-06-15T11:00:00+02:00 – 2025-07-01T00:00:00+02:00 is left out: "
                                        "This part of the period has not happened yet."));
  g_assert_cmpstr (month->out, ==, today->out);
}

/* --period names the window's presets and gives the same days: on 15 June
 * 2025 "last-12-months" is the twelve full months before June, June 2024
 * to May 2025 (not this month and the eleven before it, which in December
 * would be "this year"). */
static void
test_period_preset (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(FbkTestCliRun) preset = NULL;
  g_autoptr(FbkTestCliRun) dates = NULL;
  g_auto(GStrv) lines = NULL;

  set_env (f, "FORBRUK_DEMO_NOW", DEMO_NOW);
  preset = run_cli (f, "--demo", "values", "--meter", HOUSE_ID, "--period", "last-12-months", "--resolution", "month");
  dates = run_cli (f, "--demo", "values", "--meter", HOUSE_ID, "--from", "2024-06-01", "--to", "2025-05-31",
                   "--resolution", "month");
  assert_status (preset, 0, NULL);
  assert_status (dates, 0, NULL);
  g_assert_cmpstr (preset->out, ==, dates->out);

  lines = csv_lines (preset->out);
  g_assert_cmpuint (g_strv_length (lines), ==, 13);
  g_assert_true (g_str_has_prefix (lines[1], HOUSE_ID ",2024-06-01T00:00:00+02:00,2024-07-01T00:00:00+02:00,"));
  g_assert_true (g_str_has_prefix (lines[12], HOUSE_ID ",2025-05-01T00:00:00+02:00,2025-06-01T00:00:00+02:00,"));
  /* October 2024 has 745 hours (the clocks went back), all there */
  g_assert_true (g_str_has_suffix (lines[5], ",745,745"));
  /* Whole months in the past: nothing of it has yet to happen. */
  g_assert_null (strstr (preset->err, "has not happened yet"));
}

/* `token set` reads standard input: its refusals do not talk of pasting. */
static void
test_token_set_wording (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (f, G_SUBPROCESS_FLAGS_NONE);
  const char * const args[] = { "--api-url", "http://127.0.0.1:9", "token", "set", NULL };
  g_autoptr(FbkTestCliRun) empty = fbk_test_cli_run (launcher, "", 60, args);
  g_autoptr(FbkTestCliRun) spaced = fbk_test_cli_run (launcher, "abc def ghi jkl mno pqr stu vwx yz0 123 456 789\n", 60, args);

  assert_status (empty, 3, "No token was given.");
  assert_status (spaced, 3, "That contains spaces");
  g_assert_null (strstr (empty->err, "paste"));
  g_assert_null (strstr (spaced->err, "paste"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("FORBRUK_CLI") == NULL)
    {
      g_printerr ("Set FORBRUK_CLI to the forbruk-cli to test (meson test does).\n");
      return 1;
    }

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("values/three-years-demo", test_values_three_years_demo);
  ADD ("values/cached", test_values_cached);
  ADD ("values/locked-store", test_locked_store);
  ADD ("values/offline", test_offline);
  ADD ("failure/usage", test_usage_errors);
  ADD ("failure/insecure-url", test_insecure_url);
  ADD ("failure/no-token", test_no_token);
  ADD ("failure/refused-token", test_refused_token);
  ADD ("failure/api", test_api_failures);
  ADD ("failure/bounded-waiting", test_bounded_waiting);
  ADD ("failure/fault-run", test_fault_run);
  ADD ("demo-server/prices", test_demo_server_prices);
  ADD ("failure/hostile-answers", test_hostile_answers);
  ADD ("values/no-values-yet", test_no_values_yet);
  ADD ("output/write-through", test_output_write_through);
  ADD ("meters", test_meters);
  ADD ("meters/stored-name", test_meters_stored_name);
  ADD ("maxhours", test_maxhours);
  ADD ("maxhours/kw", test_maxhours_kw);
  ADD ("global-options/anywhere", test_global_options_anywhere);
  ADD ("help", test_help);
  ADD ("output/json-numbers", test_json_numbers);
  ADD ("values/future-note", test_future_note);
  ADD ("token/set-wording", test_token_set_wording);
  ADD ("values/period-preset", test_period_preset);

  return g_test_run ();
}
