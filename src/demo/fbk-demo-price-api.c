/* fbk-demo-price-api.c: hvakosterstrommen.no's spot price API, simulated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* GET /api/v1/prices/{YYYY}/{MM}-{DD}_{AREA}.json, as the real service
 * answers it (/work/shared/api/spot-prices.md): a JSON array of the day's
 * intervals in time order, each
 *   {"NOK_per_kWh":…,"EUR_per_kWh":…,"EXR":…,"time_start":…,"time_end":…}
 * with Oslo offsets, prices excluding VAT, from fbk-demo-prices.c (hours
 * before 2025-10-01, quarter-hours from then on).
 *
 * Which days exist follows the simulator's clock: from the oldest day the
 * household's meter values reach (36 months back) to today, and tomorrow
 * from 13:00 Oslo time. Any other day is 404, as a day the real service
 * has no prices for; so is any path that is not exactly a day of an area
 * NO1–NO5 (a bad date, "no1", a missing ".json"), because a service built
 * on files answers an unknown name that way, not with a 400. Methods other
 * than GET (and HEAD) get 405. Errors are plain text: the real service's
 * error bodies are not documented, and a client must not read them. */

#define G_LOG_DOMAIN "fbk-demo-server"

#include "config.h"

#include <string.h>

#include "fbk-demo-household.h"
#include "fbk-demo-json.h"
#include "fbk-demo-price-api.h"
#include "fbk-demo-response.h"

#define PRICES_PREFIX "/api/v1/prices/"
/* Tomorrow's prices come out at this hour, Oslo time: the day-ahead
 * auction's results are in by 13:00, the service has them soon after. */
#define PUBLISHED_HOUR 13

/* "2026/01-16_NO1.json" after the prefix: D a digit, A the area. */
static const char day_path_pattern[] = "DDDD/DD-DD_AAA.json";

static int
digits (const char *text,
        guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (text[i] - '0');

  return value;
}

static gboolean
parse_day_path (const char  *path,
                FbkDate     *out_date,
                FbkDemoArea *out_area)
{
  const char *rest = path + strlen (PRICES_PREFIX);
  g_autofree char *area = NULL;

  if (strlen (rest) != strlen (day_path_pattern))
    return FALSE;

  for (guint i = 0; day_path_pattern[i] != '\0'; i++)
    {
      char expected = day_path_pattern[i];

      if (expected == 'D' ? !g_ascii_isdigit (rest[i]) : expected != 'A' && rest[i] != expected)
        return FALSE;
    }

  *out_date = (FbkDate) { digits (rest, 4), digits (rest + 5, 2), digits (rest + 8, 2) };
  area = g_strndup (rest + strlen ("DDDD/DD-DD_"), strlen ("AAA"));

  return fbk_date_is_valid (*out_date) && fbk_demo_area_from_string (area, out_area);
}

/* Whether the service has @date's prices at @now. */
static gboolean
is_published (FbkDate    date,
              FbkInstant now)
{
  FbkDate first = fbk_time_oslo_date (fbk_demo_household_available_start (now));
  FbkDate today = fbk_time_oslo_date (now);

  if (fbk_date_compare (date, first) < 0)
    return FALSE;
  if (fbk_date_compare (date, today) <= 0)
    return TRUE;

  return fbk_date_compare (date, fbk_date_add_days (today, 1)) == 0 &&
         fbk_time_oslo_hour (now) >= PUBLISHED_HOUR;
}

static GString *
day_body (guint64     seed,
          FbkDemoArea area,
          FbkDate     date)
{
  FbkDemoPrice prices[FBK_DEMO_PRICES_MAX_PER_DAY];
  guint n = fbk_demo_prices_fill_day (seed, area, date, prices);
  GString *out = g_string_sized_new (128 * n + 2);

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, i > 0 ? ",{\"NOK_per_kWh\":" : "{\"NOK_per_kWh\":");
      fbk_demo_json_decimal (out, prices[i].nok_per_kwh, 5);
      g_string_append (out, ",\"EUR_per_kWh\":");
      fbk_demo_json_decimal (out, prices[i].eur_per_kwh, 5);
      g_string_append (out, ",\"EXR\":");
      fbk_demo_json_decimal (out, prices[i].exr, 4);
      g_string_append (out, ",\"time_start\":");
      fbk_demo_json_time (out, prices[i].start);
      g_string_append (out, ",\"time_end\":");
      fbk_demo_json_time (out, prices[i].end);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');

  return out;
}

static guint
answer (const FbkDemoCall *call)
{
  const char *method = soup_server_message_get_method (call->msg);
  FbkDate date;
  FbkDemoArea area;

  if (!g_str_equal (method, SOUP_METHOD_GET) && !g_str_equal (method, SOUP_METHOD_HEAD))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (call->msg), "Allow", "GET, HEAD");
      return fbk_demo_respond_plain (call->msg, SOUP_STATUS_METHOD_NOT_ALLOWED);
    }

  if (!parse_day_path (call->path, &date, &area) || !is_published (date, call->now))
    return fbk_demo_respond_plain (call->msg, SOUP_STATUS_NOT_FOUND);

  return fbk_demo_respond (call->msg, SOUP_STATUS_OK, FBK_DEMO_CONTENT_TYPE_JSON,
                           day_body (call->seed, area, date));
}

const FbkDemoService fbk_demo_price_api = {
  .path_prefix = PRICES_PREFIX,
  .answer = answer,
  .answer_error = fbk_demo_answer_plain_error,
};

/**
 * fbk_demo_price_api_day_path:
 *
 * Returns: (transfer full): the path of @date's prices in @area, such as
 *   `/api/v1/prices/2026/01-16_NO1.json`
 */
char *
fbk_demo_price_api_day_path (FbkDate     date,
                             FbkDemoArea area)
{
  g_return_val_if_fail (fbk_date_is_valid (date), NULL);

  return g_strdup_printf (PRICES_PREFIX "%04d/%02d-%02d_%s.json", date.year, date.month, date.day,
                          fbk_demo_area_to_string (area));
}
