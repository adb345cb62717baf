/* test-cost-page.c: the Cost page, built from the demo server, and what it
 * shows checked against bills worked out here from the demo's own hours
 * and spot prices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fbk-chart-model.h"
#include "fbk-contract-settings.h"
#include "fbk-cost-month-item.h"
#include "fbk-cost-page.h"
#include "fbk-cost-totals.h"
#include "fbk-demo-server.h"
#include "fbk-test-http.h"
#include "fbk-test-support.h"
#include "fbk-test-ui.h"

#define HOUSE_ID "707057500061439208"
#define NOW_TEXT "2026-12-07T12:00:00+01:00"

/* The rules of the bill as electricity-bill.md states them, typed here
 * rather than read from the tariff book under test: VAT 25 %,
 * strømstøtte 90 % above 77 øre excl. VAT in 2026, Norgespris 40 øre
 * excl. VAT, at most 5,000 kWh a month for a home. */
#define VAT               1.25
#define SUBSIDY_SHARE     0.90
#define SUBSIDY_THRESHOLD 77.0
#define NORGESPRIS_ORE    40.0
#define CAP_KWH           5000.0

typedef struct
{
  FbkDemoServer *server;
  FbkSession    *session;
  FbkRepository *repository;
  FbkCostPage   *page;
  GtkWindow     *window;
  FbkInstant     now;
} Fixture;

/* One hour's consumption and spot price (øre/kWh excl. VAT). */
typedef struct
{
  double kwh;
  double spot_ore;
} Hour;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->now = fbk_test_instant (NOW_TEXT);
  f->session = fbk_test_new_demo_session (f->now, &f->server);
  f->repository = fbk_session_get_repository (f->session);

  f->page = FBK_COST_PAGE (fbk_cost_page_new ());
  f->window = fbk_test_ui_show (GTK_WIDGET (f->page));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) contract = fbk_contract_settings_new (HOUSE_ID);

  g_settings_reset (contract, "markup-ore");
  g_settings_reset (contract, "scheme");
  g_clear_pointer (&f->window, gtk_window_destroy);
  fbk_test_ui_spin (50);
  g_clear_object (&f->session);
  g_clear_object (&f->server);
}

static void
show_period (Fixture       *f,
             const char    *from,
             const char    *to,
             FbkResolution  resolution)
{
  const char *ids[] = { HOUSE_ID, NULL };
  const char *names[] = { "House", NULL };
  FbkPageData data = {
    .repository = f->repository,
    .meter_ids = ids,
    .meter_names = names,
    .from = fbk_test_instant (from),
    .to = fbk_test_instant (to),
    .resolution = resolution,
    .now = f->now,
  };

  fbk_page_show (FBK_PAGE (f->page), &data);
  fbk_test_wait_for (!fbk_cost_page_get_loading (f->page), 30);
  fbk_test_ui_spin (50);
}

/* The house's hours of [@from, @to) with the demo's NO1 spot prices, from
 * the values Elvia's side serves and the price days as the price service
 * publishes them (quarter-hours averaged to the clock hour). */
static GArray *
fetch_hours (Fixture    *f,
             FbkInstant  from,
             FbkInstant  to)
{
  g_autoptr(SoupSession) http = fbk_test_http_session_new ();
  const char *ids[] = { HOUSE_ID, NULL };
  g_autoptr(FbkRefreshResult) refreshed = NULL;
  g_autoptr(GError) error = NULL;
  FbkTestAsync async = { 0 };
  guint n_hours = (guint) ((to - from) / FBK_SECONDS_PER_HOUR);
  GArray *hours = g_array_sized_new (FALSE, TRUE, sizeof (Hour), n_hours);
  g_autofree double *quarters = g_new0 (double, n_hours);
  const FbkInterval *intervals;
  guint n;

  g_array_set_size (hours, n_hours);
  fbk_repository_refresh_async (f->repository, ids, from, to, FBK_REFRESH_CONSUMPTION, NULL, NULL, NULL,
                                fbk_test_async_done_cb, &async);
  fbk_test_wait_until (async.done, 30);
  refreshed = fbk_repository_refresh_finish (f->repository, async.result, &error);
  g_assert_no_error (error);
  g_clear_object (&async.result);

  intervals = fbk_series_get_intervals (g_ptr_array_index (refreshed->series[FBK_DIRECTION_CONSUMPTION], 0), &n);
  for (guint i = 0; i < n; i++)
    {
      if (intervals[i].start >= from && intervals[i].start < to)
        g_array_index (hours, Hour, (intervals[i].start - from) / FBK_SECONDS_PER_HOUR).kwh += intervals[i].kwh;
    }

  for (FbkInstant day = from; day < to; day += 24 * FBK_SECONDS_PER_HOUR)
    {
      FbkDate date = fbk_time_oslo_date (day);
      g_autofree char *url = g_strdup_printf ("%s/api/v1/prices/%04d/%02d-%02d_NO1.json",
                                              fbk_demo_server_get_base_url (f->server),
                                              date.year, date.month, date.day);
      g_autoptr(FbkTestResponse) response = fbk_test_http_request (http, "GET", url, NULL);
      g_autoptr(JsonNode) root = fbk_test_response_json (response);
      JsonArray *prices = json_node_get_array (root);

      g_assert_cmpuint (response->status, ==, 200);
      for (guint i = 0; i < json_array_get_length (prices); i++)
        {
          JsonObject *price = json_array_get_object_element (prices, i);
          FbkInstant start = fbk_test_instant (json_object_get_string_member (price, "time_start"));
          guint hour = (guint) ((start - from) / FBK_SECONDS_PER_HOUR);

          g_array_index (hours, Hour, hour).spot_ore += json_object_get_double_member (price, "NOK_per_kWh") * 100.0;
          quarters[hour] += 1.0;
        }
    }

  for (guint h = 0; h < n_hours; h++)
    {
      g_assert_cmpfloat (quarters[h], ==, 4.0);
      g_array_index (hours, Hour, h).spot_ore /= quarters[h];
    }
  return hours;
}

static FbkCostMonthItem *
find_month (FbkCostPage *page,
            int          month)
{
  GListModel *months = fbk_cost_page_get_months (page);

  for (guint i = 0; i < g_list_model_get_n_items (months); i++)
    {
      g_autoptr(FbkCostMonthItem) item = g_list_model_get_item (months, i);

      if (fbk_time_oslo_date (fbk_cost_month_item_get_month (item)->start).month == month)
        return item;  /* the model keeps it */
    }
  g_assert_not_reached ();
}

/* November 2026, a month of the demo's winter: the electricity part, the
 * strømstøtte and the Norgespris verdict, each summed hour by hour here. */
static void
test_november_bill_and_verdict (Fixture       *f,
                                gconstpointer  data)
{
  FbkInstant from = fbk_test_instant ("2026-11-01T00:00:00+01:00");
  FbkInstant to = fbk_test_instant ("2026-12-01T00:00:00+01:00");
  g_autoptr(GArray) hours = fetch_hours (f, from, to);
  double kwh = 0.0, electricity = 0.0, subsidy = 0.0, settlement = 0.0;
  FbkCostMonthItem *month;
  const FbkVerdictMonth *verdict;
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  FbkChartModel *model;
  double more;

  for (guint h = 0; h < hours->len; h++)
    {
      const Hour *hour = &g_array_index (hours, Hour, h);

      kwh += hour->kwh;
      electricity += hour->kwh * hour->spot_ore * VAT;
      subsidy -= hour->kwh * SUBSIDY_SHARE * MAX (0.0, hour->spot_ore - SUBSIDY_THRESHOLD) * VAT;
      settlement += hour->kwh * (NORGESPRIS_ORE - hour->spot_ore) * VAT;
    }
  /* Under the cap, so every kWh counts for either scheme. */
  g_assert_cmpfloat (kwh, <, CAP_KWH);
  g_assert_cmpuint (hours->len, ==, 720);

  show_period (f, "2026-11-01T00:00:00+01:00", "2026-12-01T00:00:00+01:00", FBK_RESOLUTION_DAY);

  /* The month's row: the supplier's bill is the electricity alone (no
   * markup, no fee in the default contract). */
  month = find_month (f->page, 11);
  g_assert_cmpfloat_with_epsilon (fbk_cost_month_item_get_month (month)->kwh, kwh, 1e-6);
  g_assert_cmpfloat_with_epsilon (fbk_cost_bucket_supplier_bill (fbk_cost_month_item_get_month (month)),
                                  electricity, 1e-3);
  g_assert_cmpfloat_with_epsilon (fbk_cost_month_item_get_month (month)->ore.subsidy, subsidy, 1e-3);

  /* Norgespris replaces the strømstøtte with the settlement; all else is alike. */
  verdict = fbk_cost_month_item_get_verdict (month);
  g_assert_nonnull (verdict);
  more = verdict->norgespris_ore - verdict->stromstotte_ore;
  g_assert_cmpfloat_with_epsilon (more, settlement - subsidy, 1e-3);

  /* On screen: the chart's buckets, the table and the verdict's sentence. */
  model = fbk_page_get_chart_model (FBK_PAGE (f->page));
  g_assert_cmpuint (fbk_chart_model_get_n_buckets (model), ==, 30);
  g_assert_cmpint (fbk_chart_model_get_unit (model), ==, FBK_CHART_UNIT_KR);
  g_assert_cmpfloat_with_epsilon (fbk_chart_model_get_total (model, 0, 0, 30), electricity / 100.0, 1e-6);
  g_assert_cmpstr (fbk_chart_model_get_series_label (model, 0), ==, "Electricity");

  saved = g_strdup_printf ("%'.0f kr", fabs (more) / 100.0);
  text = fbk_test_ui_dup_text (GTK_WIDGET (f->page), TRUE);
  g_test_message ("Expected Norgespris − strømstøtte: %.2f kr; on screen:\n%s", more / 100.0, text);
  if (more < 0.0)
    g_assert_nonnull (strstr (text, "Norgespris would have saved you"));
  else
    g_assert_nonnull (strstr (text, "Norgespris would have cost you"));
  g_assert_nonnull (strstr (text, saved));
  g_assert_nonnull (strstr (text, "Spot prices from"));
  g_assert_nonnull (strstr (text, "hvakosterstrommen.no"));
}

/* A changed contract shows at once, from what the page holds: no request. */
static void
test_contract_change_offline (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GSettings) contract = fbk_contract_settings_new (HOUSE_ID);
  FbkCostMonthItem *month;
  double supplier, kwh;
  guint n_requests;

  show_period (f, "2026-11-01T00:00:00+01:00", "2026-12-01T00:00:00+01:00", FBK_RESOLUTION_DAY);
  month = find_month (f->page, 11);
  supplier = fbk_cost_bucket_supplier_bill (fbk_cost_month_item_get_month (month));
  kwh = fbk_cost_month_item_get_month (month)->kwh;
  n_requests = fbk_demo_server_get_n_requests (f->server);

  /* 10 øre/kWh more on every kWh of the month. */
  g_settings_set_double (contract, "markup-ore", 10.0);
  fbk_test_ui_spin (100);

  month = find_month (f->page, 11);
  g_assert_cmpfloat_with_epsilon (fbk_cost_bucket_supplier_bill (fbk_cost_month_item_get_month (month)),
                                  supplier + 10.0 * kwh, 1e-3);
  g_assert_cmpuint (fbk_demo_server_get_n_requests (f->server), ==, n_requests);

  /* Now on Norgespris: the sentence speaks of what was chosen. */
  g_settings_set_string (contract, "scheme", "norgespris");
  fbk_test_ui_wait_for_text (GTK_WIDGET (f->page), "Norgespris saved you", 5);
  g_assert_cmpuint (fbk_demo_server_get_n_requests (f->server), ==, n_requests);
}

/* Before October 2025 there was no Norgespris: no verdict, no columns. */
static void
test_no_verdict_before_norgespris (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *text = NULL;

  show_period (f, "2025-06-01T00:00:00+02:00", "2025-07-01T00:00:00+02:00", FBK_RESOLUTION_DAY);
  text = fbk_test_ui_dup_text (GTK_WIDGET (f->page), TRUE);
  g_assert_null (strstr (text, "Norgespris would"));
  g_assert_null (fbk_cost_month_item_get_verdict (find_month (f->page, 6)));
}

int
main (int    argc,
      char **argv)
{
  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();

  g_test_add ("/cost-page/november-bill-and-verdict", Fixture, NULL,
              fixture_set_up, test_november_bill_and_verdict, fixture_tear_down);
  g_test_add ("/cost-page/contract-change-offline", Fixture, NULL,
              fixture_set_up, test_contract_change_offline, fixture_tear_down);
  g_test_add ("/cost-page/no-verdict-before-norgespris", Fixture, NULL,
              fixture_set_up, test_no_verdict_before_norgespris, fixture_tear_down);

  return g_test_run ();
}
