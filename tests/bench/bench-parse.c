/* bench-parse.c: parsing one meter's year of MeterValues JSON
 *
 * The body is the demo server's real answer for one year of the house's
 * consumption (8,760 hours, about 1.3 MB), fetched once over loopback, then
 * parsed again and again as the client does in its parsing thread.
 *
 * Run with: meson test -C _build --benchmark --verbose parse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "fbk-bench.h"
#include "fbk-demo-household.h"
#include "fbk-demo-server.h"
#include "fbk-parse.h"

#define RUNS     25
#define NOW_TEXT "2026-11-26T12:00:00+01:00"

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GBytes **body = user_data;
  g_autoptr(GError) error = NULL;

  *body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_assert_no_error (error);
}

static char *
query_instant (FbkInstant instant)
{
  g_autofree char *text = fbk_time_format_oslo (instant);

  return g_uri_escape_string (text, NULL, FALSE);
}

/* One year of @meter's consumption, exactly as the server sends it. */
static GBytes *
fetch_year (FbkDemoServer *server,
            FbkDemoMeter   meter,
            FbkInstant     to)
{
  FbkInstant from = fbk_time_add_oslo_months (to, -12);
  g_autofree char *from_text = query_instant (from);
  g_autofree char *to_text = query_instant (to);
  g_autofree char *url = g_strdup_printf ("%s/customer/metervalues/api/v1/metervalues"
                                          "?startTime=%s&endTime=%s&meteringPointIds=%s&includeProduction=false",
                                          fbk_demo_server_get_base_url (server), from_text, to_text,
                                          fbk_demo_meter_get_id (meter));
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  GBytes *body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                "Bearer " FBK_DEMO_TOKEN);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_fetched_cb, &body);
  while (body == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  return body;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FbkDemoServer) server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  FbkInstant now;
  FbkInstant midnight;
  double runs[RUNS];
  double megabytes;
  double median;
  guint n_hours = 0;

  g_assert_true (fbk_time_parse (NOW_TEXT, &now));
  midnight = fbk_time_oslo_midnight (fbk_time_oslo_date (now));
  fbk_demo_server_set_now (server, now);
  fbk_demo_server_start (server, 0, &error);
  g_assert_no_error (error);

  body = fetch_year (server, FBK_DEMO_METER_HOUSE, midnight);
  megabytes = g_bytes_get_size (body) / 1e6;

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) meters = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, &error);

      runs[i] = fbk_bench_elapsed_ms (start);
      g_assert_no_error (error);
      g_assert_cmpuint (meters->len, ==, 1);
      n_hours = ((FbkMeterValues *) g_ptr_array_index (meters, 0))->intervals[FBK_DIRECTION_CONSUMPTION]->len;
    }
  g_assert_cmpuint (n_hours, >=, 8760);

  g_print ("MeterValues body: one meter, one year: %u hours, %.2f MB\n", n_hours, megabytes);
  fbk_bench_report ("parse", runs, RUNS, "ms");
  median = fbk_bench_median (runs, RUNS);
  g_print ("%-46s %.1f MB/s at the median, best %.1f MB/s\n", "throughput", megabytes / (median / 1000),
           megabytes / (runs[0] / 1000));

  return 0;
}
