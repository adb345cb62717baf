/* test-demo-prices.c: the simulator's spot prices, over real HTTP on loopback
 *
 * Plain GETs, as any client of hvakosterstrommen.no's API sends them, at
 * the simulator's port; the expectations come from the service's
 * description (/work/shared/api/spot-prices.md) and the model's figures at
 * the top of src/demo/fbk-demo-prices.c, never from calling its code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "fbk-demo-server.h"
#include "fbk-test-http.h"
#include "fbk-test-support.h"

#define PRICES "/api/v1/prices/"

/* The clock of most tests: before 13:00, so tomorrow is not out yet. */
#define NOW_TEXT "2024-11-15T10:20:00+01:00"
/* A clock a year after the change to quarter-hours (1 October 2025). */
#define LATER_TEXT "2026-11-26T14:00:00+01:00"

typedef struct
{
  FbkDemoServer *server;
  SoupSession   *session;
} Fixture;

static FbkDemoServer *
start_at (guint64     seed,
          const char *now)
{
  return fbk_test_http_start_demo (seed, fbk_test_instant (now));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = start_at (FBK_DEMO_DEFAULT_SEED, NOW_TEXT);
  f->session = fbk_test_http_session_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->server);
}

static FbkTestResponse *
request_path (Fixture       *f,
              FbkDemoServer *server,
              const char    *method,
              const char    *path)
{
  g_autofree char *url = g_strconcat (fbk_demo_server_get_base_url (server), path, NULL);

  return fbk_test_http_request (f->session, method, url, NULL);
}

/* GET @day ("2024/11-14") in @area ("NO1") from @server. */
static FbkTestResponse *
get_day (Fixture       *f,
         FbkDemoServer *server,
         const char    *day,
         const char    *area)
{
  g_autofree char *path = g_strconcat (PRICES, day, "_", area, ".json", NULL);

  return request_path (f, server, SOUP_METHOD_GET, path);
}

static guint
get_day_status (Fixture       *f,
                FbkDemoServer *server,
                const char    *day,
                const char    *area)
{
  g_autoptr(FbkTestResponse) response = get_day (f, server, day, area);

  g_assert_no_error (response->error);
  return response->status;
}

/* The intervals of a 200, checked for the service's shape: objects of
 * exactly five members, numbers and Oslo times, in order, each ending where
 * the next begins. @out_root keeps them alive. */
static JsonArray *
ok_intervals (const FbkTestResponse  *response,
              JsonNode              **out_root)
{
  const char *members[] = { "NOK_per_kWh", "EUR_per_kWh", "EXR", "time_start", "time_end" };
  JsonArray *intervals;

  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==, "application/json");
  *out_root = fbk_test_response_json (response);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*out_root));
  intervals = json_node_get_array (*out_root);
  g_assert_cmpuint (json_array_get_length (intervals), >, 0);

  for (guint i = 0; i < json_array_get_length (intervals); i++)
    {
      JsonObject *interval = json_array_get_object_element (intervals, i);
      const char *start = json_object_get_string_member (interval, "time_start");
      g_autofree char *oslo = fbk_time_format_oslo (fbk_test_instant (start));

      g_assert_cmpuint (json_object_get_size (interval), ==, G_N_ELEMENTS (members));
      for (guint j = 0; j < 3; j++)
        g_assert_true (json_node_get_value_type (json_object_get_member (interval, members[j])) == G_TYPE_DOUBLE ||
                       json_node_get_value_type (json_object_get_member (interval, members[j])) == G_TYPE_INT64);
      /* The offset is Oslo's at that instant, as the service writes it. */
      g_assert_cmpstr (start, ==, oslo);
      if (i > 0)
        g_assert_cmpstr (start, ==, json_object_get_string_member (json_array_get_object_element (intervals, i - 1),
                                                                  "time_end"));
    }

  return intervals;
}

static JsonObject *
interval_at (JsonArray *intervals,
             guint      index)
{
  return json_array_get_object_element (intervals, index);
}

static double
nok (JsonArray *intervals,
     guint      index)
{
  return json_object_get_double_member (interval_at (intervals, index), "NOK_per_kWh");
}

static FbkInstant
start_of (JsonArray *intervals,
          guint      index)
{
  return fbk_test_instant (json_object_get_string_member (interval_at (intervals, index), "time_start"));
}

static FbkInstant
end_of (JsonArray *intervals,
        guint      index)
{
  return fbk_test_instant (json_object_get_string_member (interval_at (intervals, index), "time_end"));
}

static guint
count_starts (JsonArray  *intervals,
              const char *start)
{
  guint count = 0;

  for (guint i = 0; i < json_array_get_length (intervals); i++)
    count += g_str_equal (json_object_get_string_member (interval_at (intervals, i), "time_start"), start);

  return count;
}

/* Asserts @intervals tile an Oslo day: @expected of them, each @length
 * seconds, from @midnight to @next_midnight. */
static void
assert_tiles_day (JsonArray  *intervals,
                  const char *midnight,
                  const char *next_midnight,
                  guint       expected,
                  int         length)
{
  guint n = json_array_get_length (intervals);

  g_assert_cmpuint (n, ==, expected);
  g_assert_cmpstr (json_object_get_string_member (interval_at (intervals, 0), "time_start"), ==, midnight);
  g_assert_cmpstr (json_object_get_string_member (interval_at (intervals, n - 1), "time_end"), ==, next_midnight);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (end_of (intervals, i) - start_of (intervals, i), ==, length);
}

/* One day's answer, member by member. */
static void
test_shape (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(FbkTestResponse) response = get_day (f, f->server, "2024/11-14", "NO1");
  g_autoptr(JsonNode) root = NULL;
  JsonArray *intervals = ok_intervals (response, &root);

  assert_tiles_day (intervals, "2024-11-14T00:00:00+01:00", "2024-11-15T00:00:00+01:00", 24, 3600);
  for (guint i = 0; i < 24; i++)
    {
      JsonObject *interval = interval_at (intervals, i);
      double nok_per_kwh = json_object_get_double_member (interval, "NOK_per_kWh");
      double eur_per_kwh = json_object_get_double_member (interval, "EUR_per_kWh");
      double exr = json_object_get_double_member (interval, "EXR");

      /* The market's EUR/MWh with two decimals is EUR/kWh with five, and
       * NOK/kWh is that times the day's rate, to five decimals. */
      g_assert_cmpfloat_with_epsilon (eur_per_kwh * 1e5, round (eur_per_kwh * 1e5), 1e-6);
      g_assert_cmpfloat_with_epsilon (nok_per_kwh * 1e5, round (nok_per_kwh * 1e5), 1e-6);
      g_assert_cmpfloat_with_epsilon (exr * 1e4, round (exr * 1e4), 1e-6);
      g_assert_cmpfloat_with_epsilon (nok_per_kwh, eur_per_kwh * exr, 0.000005 + 1e-9);
      g_assert_cmpfloat (exr, >=, 10.5);
      g_assert_cmpfloat (exr, <=, 12.5);
      g_assert_cmpfloat (exr, ==, json_object_get_double_member (interval_at (intervals, 0), "EXR"));
      /* A November day in a normal year: between 5 øre and 5 kr. */
      g_assert_cmpfloat (nok_per_kwh, >, 0.05);
      g_assert_cmpfloat (nok_per_kwh, <, 5);
    }
}

/* Hourly days before 1 October 2025: 23 and 25 hours on the DST days. */
static void
test_hourly_dst_days (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FbkTestResponse) spring = get_day (f, f->server, "2024/03-31", "NO1");
  g_autoptr(FbkTestResponse) autumn = get_day (f, f->server, "2024/10-27", "NO1");
  g_autoptr(FbkTestResponse) last_hourly = get_day (f, f->server, "2023/09-30", "NO1");
  g_autoptr(JsonNode) root_spring = NULL;
  g_autoptr(JsonNode) root_autumn = NULL;
  g_autoptr(JsonNode) root_last = NULL;
  JsonArray *intervals;

  intervals = ok_intervals (spring, &root_spring);
  assert_tiles_day (intervals, "2024-03-31T00:00:00+01:00", "2024-04-01T00:00:00+02:00", 23, 3600);
  g_assert_cmpuint (count_starts (intervals, "2024-03-31T01:00:00+01:00"), ==, 1);
  g_assert_cmpuint (count_starts (intervals, "2024-03-31T03:00:00+02:00"), ==, 1);

  intervals = ok_intervals (autumn, &root_autumn);
  assert_tiles_day (intervals, "2024-10-27T00:00:00+02:00", "2024-10-28T00:00:00+01:00", 25, 3600);
  g_assert_cmpuint (count_starts (intervals, "2024-10-27T02:00:00+02:00"), ==, 1);
  g_assert_cmpuint (count_starts (intervals, "2024-10-27T02:00:00+01:00"), ==, 1);

  intervals = ok_intervals (last_hourly, &root_last);
  assert_tiles_day (intervals, "2023-09-30T00:00:00+02:00", "2023-10-01T00:00:00+02:00", 24, 3600);
}

/* Quarter-hours from 1 October 2025: 96, and 92 and 100 on the DST days
 * (29 March 2026 and 26 October 2025, the last Sundays of those months). */
static void
test_quarter_hours (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(FbkDemoServer) later = start_at (FBK_DEMO_DEFAULT_SEED, LATER_TEXT);
  g_autoptr(FbkTestResponse) before = get_day (f, later, "2025/09-30", "NO1");
  g_autoptr(FbkTestResponse) first = get_day (f, later, "2025/10-01", "NO1");
  g_autoptr(FbkTestResponse) autumn = get_day (f, later, "2025/10-26", "NO3");
  g_autoptr(FbkTestResponse) spring = get_day (f, later, "2026/03-29", "NO1");
  g_autoptr(JsonNode) root_before = NULL;
  g_autoptr(JsonNode) root_first = NULL;
  g_autoptr(JsonNode) root_autumn = NULL;
  g_autoptr(JsonNode) root_spring = NULL;
  JsonArray *intervals;

  intervals = ok_intervals (before, &root_before);
  assert_tiles_day (intervals, "2025-09-30T00:00:00+02:00", "2025-10-01T00:00:00+02:00", 24, 3600);

  intervals = ok_intervals (first, &root_first);
  assert_tiles_day (intervals, "2025-10-01T00:00:00+02:00", "2025-10-02T00:00:00+02:00", 96, 900);
  g_assert_cmpstr (json_object_get_string_member (interval_at (intervals, 1), "time_start"), ==,
                   "2025-10-01T00:15:00+02:00");
  /* The quarters of an hour differ, as the market's do. */
  g_assert_cmpfloat (nok (intervals, 72), !=, nok (intervals, 73));

  intervals = ok_intervals (autumn, &root_autumn);
  assert_tiles_day (intervals, "2025-10-26T00:00:00+02:00", "2025-10-27T00:00:00+01:00", 100, 900);
  g_assert_cmpuint (count_starts (intervals, "2025-10-26T02:45:00+02:00"), ==, 1);
  g_assert_cmpuint (count_starts (intervals, "2025-10-26T02:45:00+01:00"), ==, 1);

  intervals = ok_intervals (spring, &root_spring);
  assert_tiles_day (intervals, "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00", 92, 900);
  g_assert_cmpuint (count_starts (intervals, "2026-03-29T01:45:00+01:00"), ==, 1);
  g_assert_cmpuint (count_starts (intervals, "2026-03-29T03:00:00+02:00"), ==, 1);
}

/* Today and the three years before it; tomorrow from 13:00 Oslo time;
 * nothing else. At 2024-11-15 10:20 the oldest day is 2021-11-15, 36
 * months back, as far as the meter values reach. */
static void
test_published_days (Fixture       *f,
                     gconstpointer  data)
{
  g_assert_cmpuint (get_day_status (f, f->server, "2024/11-15", "NO1"), ==, 200);
  g_assert_cmpuint (get_day_status (f, f->server, "2024/11-16", "NO1"), ==, 404);
  g_assert_cmpuint (get_day_status (f, f->server, "2021/11-15", "NO1"), ==, 200);
  g_assert_cmpuint (get_day_status (f, f->server, "2021/11-14", "NO5"), ==, 404);
  g_assert_cmpuint (get_day_status (f, f->server, "2020/01-01", "NO1"), ==, 404);

  fbk_demo_server_set_now (f->server, fbk_test_instant ("2024-11-15T12:59:59+01:00"));
  g_assert_cmpuint (get_day_status (f, f->server, "2024/11-16", "NO1"), ==, 404);
  fbk_demo_server_set_now (f->server, fbk_test_instant ("2024-11-15T13:00:00+01:00"));
  g_assert_cmpuint (get_day_status (f, f->server, "2024/11-16", "NO1"), ==, 200);
  g_assert_cmpuint (get_day_status (f, f->server, "2024/11-16", "NO4"), ==, 200);
  g_assert_cmpuint (get_day_status (f, f->server, "2024/11-17", "NO1"), ==, 404);
  g_assert_cmpuint (get_day_status (f, f->server, "2030/01-01", "NO1"), ==, 404);

  /* Midnight starts a new day: yesterday's tomorrow is today. */
  fbk_demo_server_set_now (f->server, fbk_test_instant ("2024-11-16T00:00:00+01:00"));
  g_assert_cmpuint (get_day_status (f, f->server, "2024/11-16", "NO1"), ==, 200);
  g_assert_cmpuint (get_day_status (f, f->server, "2024/11-17", "NO1"), ==, 404);
}

/* The same day from the same seed is the same bytes, whenever it is asked
 * for; another seed gives other prices. */
static void
test_determinism (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FbkDemoServer) twin = start_at (FBK_DEMO_DEFAULT_SEED, NOW_TEXT);
  g_autoptr(FbkDemoServer) later = start_at (FBK_DEMO_DEFAULT_SEED, LATER_TEXT);
  g_autoptr(FbkDemoServer) other = start_at (FBK_DEMO_DEFAULT_SEED + 1, NOW_TEXT);
  g_autoptr(FbkTestResponse) a = get_day (f, f->server, "2024/01-16", "NO2");
  g_autoptr(FbkTestResponse) b = get_day (f, twin, "2024/01-16", "NO2");
  g_autoptr(FbkTestResponse) c = get_day (f, later, "2024/01-16", "NO2");
  g_autoptr(FbkTestResponse) d = get_day (f, other, "2024/01-16", "NO2");

  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpuint (c->status, ==, 200);
  g_assert_true (g_bytes_equal (a->body, b->body));
  g_assert_true (g_bytes_equal (a->body, c->body));
  g_assert_cmpuint (d->status, ==, 200);
  g_assert_false (g_bytes_equal (a->body, d->body));
}

/* The bytes of one day are pinned in tests/fixtures/golden: screenshots and
 * the cost tests of later work rely on the demo's prices staying as they
 * are on any machine. A quarter-hour day with a repeated hour. After an
 * intended change to the model: FORBRUK_UPDATE_GOLDEN=1, then review. */
static void
test_golden_day (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(FbkDemoServer) later = start_at (FBK_DEMO_DEFAULT_SEED, LATER_TEXT);
  g_autoptr(FbkTestResponse) response = get_day (f, later, "2025/10-26", "NO1");
  g_autoptr(GBytes) expected = NULL;

  g_assert_cmpuint (response->status, ==, 200);
  if (g_getenv ("FORBRUK_UPDATE_GOLDEN") != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "golden",
                                                     "prices-2025-10-26-NO1.json", NULL);
      g_autoptr(GError) error = NULL;

      g_file_set_contents (path, g_bytes_get_data (response->body, NULL),
                           (gssize) g_bytes_get_size (response->body), &error);
      g_assert_no_error (error);
    }

  expected = fbk_test_load_fixture ("golden/prices-2025-10-26-NO1.json");
  g_assert_true (g_bytes_equal (response->body, expected));
}

/* Every area, from NO1 by the factors documented in fbk-demo-prices.c (NO2
 * 1.02 × NO1 + 0.5 EUR/MWh, NO3 0.62 ×, NO4 0.38 ×, NO5 0.94 ×); other
 * names are not areas. */
static void
test_areas (Fixture       *f,
            gconstpointer  data)
{
  const char *areas[] = { "NO1", "NO2", "NO3", "NO4", "NO5" };
  const double factor[] = { 1, 1.02, 0.62, 0.38, 0.94 };
  const double offset[] = { 0, 0.0005, 0, 0, 0 };  /* EUR/kWh */
  const char *not_areas[] = { "NO0", "NO6", "no1", "SE3", "NO", "NO12" };
  g_autoptr(FbkTestResponse) no1 = get_day (f, f->server, "2024/02-05", "NO1");
  g_autoptr(JsonNode) root_no1 = NULL;
  JsonArray *no1_intervals = ok_intervals (no1, &root_no1);

  for (guint a = 1; a < G_N_ELEMENTS (areas); a++)
    {
      g_autoptr(FbkTestResponse) response = get_day (f, f->server, "2024/02-05", areas[a]);
      g_autoptr(JsonNode) root = NULL;
      JsonArray *intervals = ok_intervals (response, &root);

      g_assert_cmpuint (json_array_get_length (intervals), ==, json_array_get_length (no1_intervals));
      for (guint i = 0; i < json_array_get_length (intervals); i++)
        {
          double eur = json_object_get_double_member (interval_at (intervals, i), "EUR_per_kWh");
          double eur_no1 = json_object_get_double_member (interval_at (no1_intervals, i), "EUR_per_kWh");

          g_assert_cmpint (start_of (intervals, i), ==, start_of (no1_intervals, i));
          /* Rounded once, to 1e-5 EUR/kWh. */
          g_assert_cmpfloat_with_epsilon (eur, eur_no1 * factor[a] + offset[a], 0.000005 + 1e-9);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_areas); i++)
    g_assert_cmpuint (get_day_status (f, f->server, "2024/02-05", not_areas[i]), ==, 404);
}

/* What the real service would not find: 404, never a 400 (be conservative:
 * a service built on files has no other answer for a name it lacks). */
static void
test_bad_paths (Fixture       *f,
                gconstpointer  data)
{
  const char *paths[] = {
    PRICES "2024/11-14_NO1",
    PRICES "2024/11-14_NO1.json/",
    PRICES "2024/11-14_NO1.JSON",
    PRICES "2024/11-14-NO1.json",
    PRICES "2024/1-14_NO1.json",
    PRICES "24/11-14_NO1.json",
    PRICES "2024/02-30_NO1.json",
    PRICES "2024/13-01_NO1.json",
    PRICES "2024/00-10_NO1.json",
    PRICES "0000/01-01_NO1.json",
    PRICES "2024/11/14_NO1.json",
    PRICES "2024/11-14_NO1.jsonx",
    PRICES "x024/11-14_NO1.json",
    PRICES,
    "/api/v2/prices/2024/11-14_NO1.json",
    "/api/v1/prices",
  };
  g_autoptr(FbkTestResponse) with_query = NULL;
  g_autoptr(FbkTestResponse) post = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(FbkTestResponse) response = request_path (f, f->server, SOUP_METHOD_GET, paths[i]);

      if (response->status != 404)
        g_error ("%s: HTTP %u, expected 404", paths[i], response->status);
    }

  /* A query is no part of the name. */
  with_query = request_path (f, f->server, SOUP_METHOD_GET, PRICES "2024/11-14_NO1.json?cache=no");
  g_assert_cmpuint (with_query->status, ==, 200);

  post = request_path (f, f->server, SOUP_METHOD_POST, PRICES "2024/11-14_NO1.json");
  g_assert_cmpuint (post->status, ==, 405);
  g_assert_cmpstr (soup_message_headers_get_one (post->headers, "Allow"), ==, "GET, HEAD");
}

typedef struct
{
  double sum;
  guint  n;
} Mean;

static double
mean_of (const Mean *mean)
{
  g_assert_cmpuint (mean->n, >, 0);
  return mean->sum / mean->n;
}

/* Every NO1 price of the days from @first for @n_days, by Oslo month (1–12)
 * and wall-clock hour; negative intervals counted by month. */
typedef struct
{
  Mean  by_month[13];
  Mean  by_month_hour[13][24];
  guint negative[13];
  double highest;
} Year;

static void
collect_days (Fixture       *f,
              FbkDemoServer *server,
              FbkDate        first,
              guint          n_days,
              Year          *year)
{
  for (guint d = 0; d < n_days; d++)
    {
      FbkDate date = fbk_date_add_days (first, (int) d);
      g_autofree char *day = g_strdup_printf ("%04d/%02d-%02d", date.year, date.month, date.day);
      g_autoptr(FbkTestResponse) response = get_day (f, server, day, "NO1");
      g_autoptr(JsonNode) root = NULL;
      JsonArray *intervals = ok_intervals (response, &root);

      for (guint i = 0; i < json_array_get_length (intervals); i++)
        {
          double price = nok (intervals, i);
          int hour = fbk_time_oslo_hour (start_of (intervals, i));

          year->by_month[date.month].sum += price;
          year->by_month[date.month].n++;
          year->by_month_hour[date.month][hour].sum += price;
          year->by_month_hour[date.month][hour].n++;
          year->negative[date.month] += price < 0;
          year->highest = MAX (year->highest, fabs (price));
        }
    }
}

static double
months_mean (const Year *year,
             const int  *months,
             guint       n_months)
{
  Mean mean = { 0 };

  for (guint i = 0; i < n_months; i++)
    {
      mean.sum += year->by_month[months[i]].sum;
      mean.n += year->by_month[months[i]].n;
    }
  return mean_of (&mean);
}

static double
hours_mean (const Year *year,
            int         month,
            int         from_hour,
            int         to_hour)
{
  Mean mean = { 0 };

  for (int h = from_hour; h < to_hour; h++)
    {
      mean.sum += year->by_month_hour[month][h].sum;
      mean.n += year->by_month_hour[month][h].n;
    }
  return mean_of (&mean);
}

/* A year of NO1 as a household in Oslo knows it: dear winters and cheap
 * summers, evening peaks and cheap nights in winter, a few negative hours
 * on summer afternoons and none in winter; and the prices of a crisis
 * autumn, a year that is no multiple of three without one. */
static void
test_realistic_year (Fixture       *f,
                     gconstpointer  data)
{
  const int winter[] = { 12, 1, 2 };
  const int summer[] = { 6, 7, 8 };
  g_autoptr(FbkDemoServer) later = start_at (FBK_DEMO_DEFAULT_SEED, LATER_TEXT);
  Year normal = { 0 };
  Year crisis = { 0 };
  guint summer_negative, winter_negative;

  /* December 2023 to the clock's yesterday, 14 November 2024: no crisis. */
  collect_days (f, f->server, (FbkDate) { 2023, 12, 1 }, 350, &normal);
  /* August to December 2025: 2025 is a crisis year. */
  collect_days (f, later, (FbkDate) { 2025, 8, 1 }, 153, &crisis);

  summer_negative = normal.negative[6] + normal.negative[7] + normal.negative[8];
  winter_negative = normal.negative[12] + normal.negative[1] + normal.negative[2];
  g_test_message ("winter %.2f, summer %.2f NOK/kWh; January 02-05 %.2f, 17-19 %.2f; "
                  "%u negative summer hours; highest %.2f; August 2025 %.2f, 2024 %.2f",
                  months_mean (&normal, winter, 3), months_mean (&normal, summer, 3),
                  hours_mean (&normal, 1, 2, 5), hours_mean (&normal, 1, 17, 19),
                  summer_negative, normal.highest,
                  mean_of (&crisis.by_month[8]), mean_of (&normal.by_month[8]));

  /* NO1 2023–2024: winters around 0.8–1.2 kr, summers 0.2–0.5 kr. */
  g_assert_cmpfloat (months_mean (&normal, winter, 3), >=, 2 * months_mean (&normal, summer, 3));
  g_assert_cmpfloat (months_mean (&normal, winter, 3), >=, 0.6);
  g_assert_cmpfloat (months_mean (&normal, winter, 3), <=, 2.0);
  g_assert_cmpfloat (months_mean (&normal, summer, 3), >=, 0.1);
  g_assert_cmpfloat (months_mean (&normal, summer, 3), <=, 0.7);
  /* Winter evenings dearer than winter nights by more than the noise. */
  g_assert_cmpfloat (hours_mean (&normal, 1, 17, 19), >=, 1.3 * hours_mean (&normal, 1, 2, 5));
  g_assert_cmpfloat (hours_mean (&normal, 12, 17, 19), >=, 1.3 * hours_mean (&normal, 12, 2, 5));
  /* A few negative hours a summer, none in winter. */
  g_assert_cmpuint (summer_negative, >=, 1);
  g_assert_cmpuint (summer_negative, <=, 60);
  g_assert_cmpuint (winter_negative, ==, 0);
  /* Well inside the ±100 NOK/kWh any client must accept. */
  g_assert_cmpfloat (normal.highest, <, 10);
  g_assert_cmpfloat (crisis.highest, <, 20);
  /* 2022-like: August and December several times a normal year's. */
  g_assert_cmpfloat (mean_of (&crisis.by_month[8]), >=, 3 * mean_of (&normal.by_month[8]));
  g_assert_cmpfloat (mean_of (&crisis.by_month[12]), >=, 2 * mean_of (&normal.by_month[12]));
}

/* The fault plan reaches the price paths: a day taken away in every area,
 * errors in the service's plain shape, each in the request log. */
static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkTestResponse) limited = NULL;
  g_autoptr(FbkTestResponse) failed = NULL;
  const FbkDemoRequest *request;

  fbk_demo_server_set_faults (f->server, "missing@" PRICES "2024/11-14; 429:3@1@" PRICES "; 500@5", &error);
  g_assert_no_error (error);

  limited = get_day (f, f->server, "2024/11-13", "NO1");
  g_assert_cmpuint (limited->status, ==, 429);
  g_assert_cmpstr (soup_message_headers_get_one (limited->headers, "Retry-After"), ==, "3");
  g_assert_cmpuint (get_day_status (f, f->server, "2024/11-14", "NO1"), ==, 404);
  g_assert_cmpuint (get_day_status (f, f->server, "2024/11-14", "NO3"), ==, 404);
  g_assert_cmpuint (get_day_status (f, f->server, "2024/11-13", "NO1"), ==, 200);
  failed = get_day (f, f->server, "2024/11-13", "NO1");
  g_assert_cmpuint (failed->status, ==, 500);
  g_assert_cmpstr (soup_message_headers_get_content_type (failed->headers, NULL), ==, "text/plain");

  g_assert_cmpuint (fbk_demo_server_get_n_requests (f->server), ==, 5);
  request = fbk_demo_server_get_request (f->server, 1);
  g_assert_cmpstr (request->path, ==, PRICES "2024/11-14_NO1.json");
  g_assert_cmpuint (request->status, ==, 404);
  g_assert_cmpuint (fbk_demo_server_get_request (f->server, 3)->status, ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/demo-prices/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("shape", test_shape);
  ADD ("hourly-dst-days", test_hourly_dst_days);
  ADD ("quarter-hours", test_quarter_hours);
  ADD ("published-days", test_published_days);
  ADD ("determinism", test_determinism);
  ADD ("golden-day", test_golden_day);
  ADD ("areas", test_areas);
  ADD ("bad-paths", test_bad_paths);
  ADD ("realistic-year", test_realistic_year);
  ADD ("faults", test_faults);

#undef ADD

  return g_test_run ();
}
