/* test-price-parse.c: the price service's answers, good and bad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-error.h"
#include "fbk-price-parse.h"
#include "fbk-test-support.h"

#define HOUR    FBK_SECONDS_PER_HOUR
#define QUARTER (15 * 60)

/* A body as the service writes it: @n intervals of @seconds from the Oslo
 * midnight of @day, the i-th at price(i). */
static GBytes *
make_body (FbkDate   day,
           guint     n,
           guint     seconds,
           double  (*price) (guint i))
{
  GString *body = g_string_new ("[");
  FbkInstant t = fbk_time_oslo_midnight (day);

  for (guint i = 0; i < n; i++, t += seconds)
    {
      g_autofree char *start = fbk_time_format_oslo (t);
      g_autofree char *end = fbk_time_format_oslo (t + seconds);
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (number, sizeof number, "%.5f", price (i));
      g_string_append_printf (body, "%s{\"NOK_per_kWh\":%s,\"EUR_per_kWh\":0.01,\"EXR\":11.5,"
                              "\"time_start\":\"%s\",\"time_end\":\"%s\"}",
                              i > 0 ? "," : "", number, start, end);
    }
  g_string_append_c (body, ']');
  return g_string_free_to_bytes (body);
}

static double
price_by_index (guint i)
{
  return i / 100.0;
}

static double
price_falling (guint i)
{
  return 0.5 - i / 10.0;
}

static GArray *
parse_ok (GBytes  *body,
          FbkDate  day)
{
  g_autoptr(GError) error = NULL;
  GArray *prices = fbk_parse_spot_prices (body, day, &error);

  g_assert_no_error (error);
  g_assert_nonnull (prices);
  return prices;
}

static void
assert_refused (const char *text,
                FbkDate     day,
                int         code,
                const char *message_part)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) prices = fbk_parse_spot_prices (body, day, &error);

  g_assert_null (prices);
  g_assert_error (error, FBK_PARSE_ERROR, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

/* An ordinary winter day of hours, a summer day with negative prices. */
static void
test_price_parse_hours (void)
{
  FbkDate winter = { 2026, 1, 16 };
  FbkDate summer = { 2026, 7, 5 };
  g_autoptr(GBytes) winter_body = make_body (winter, 24, HOUR, price_by_index);
  g_autoptr(GBytes) summer_body = make_body (summer, 24, HOUR, price_falling);
  g_autoptr(GArray) winter_prices = parse_ok (winter_body, winter);
  g_autoptr(GArray) summer_prices = parse_ok (summer_body, summer);

  g_assert_cmpuint (winter_prices->len, ==, 24);
  g_assert_cmpint (g_array_index (winter_prices, FbkSpotPrice, 0).start, ==,
                   fbk_test_instant ("2026-01-15T23:00:00Z"));
  g_assert_cmpuint (g_array_index (winter_prices, FbkSpotPrice, 23).duration, ==, HOUR);
  g_assert_cmpfloat (g_array_index (winter_prices, FbkSpotPrice, 23).nok_per_kwh, ==, 0.23);

  /* 0.5 − i/10: from the sixth hour on the price is below zero, kept so */
  g_assert_cmpuint (summer_prices->len, ==, 24);
  g_assert_cmpfloat (g_array_index (summer_prices, FbkSpotPrice, 6).nok_per_kwh, ==, -0.1);
}

/* Quarter-hours (since 1 October 2025) and the days the clocks change:
 * 96, 92 and 100 quarters, 23 and 25 hours. */
static void
test_price_parse_quarters_and_dst (void)
{
  static const struct { FbkDate day; guint n; guint seconds; } days[] = {
    { { 2026, 1, 16 }, 96, QUARTER },
    { { 2026, 3, 29 }, 92, QUARTER },
    { { 2026, 10, 25 }, 100, QUARTER },
    { { 2024, 3, 31 }, 23, HOUR },
    { { 2024, 10, 27 }, 25, HOUR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GBytes) body = make_body (days[i].day, days[i].n, days[i].seconds, price_by_index);
      g_autoptr(GArray) prices = parse_ok (body, days[i].day);

      g_assert_cmpuint (prices->len, ==, days[i].n);
    }
}

/* The simulator's 25-hour day in quarters, as it answers (fixture): the two
 * 02:00 hours average their own quarters.
 *   02:00+02:00: (0.93051 + 0.86385 + 0.90116 + 0.89816) / 4 = 0.89842
 *   02:00+01:00: (0.94818 + 0.98006 + 0.94679 + 0.91433) / 4 = 0.94734 */
static void
test_price_parse_fixture (void)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("golden/prices-2025-10-26-NO1.json");
  g_autoptr(GArray) prices = parse_ok (body, (FbkDate) { 2025, 10, 26 });
  g_autoptr(GArray) hours = fbk_spot_prices_to_hours (prices);

  g_assert_cmpuint (prices->len, ==, 100);
  g_assert_cmpuint (hours->len, ==, 25);
  g_assert_cmpfloat_with_epsilon (g_array_index (hours, FbkSpotPrice, 2).nok_per_kwh, 0.89842, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (hours, FbkSpotPrice, 3).nok_per_kwh, 0.94734, 1e-9);
}

/* Whatever would bill an hour wrongly fails the whole answer, by name. */
static void
test_price_parse_refused (void)
{
  FbkDate day = { 2026, 1, 16 };
  g_autoptr(GBytes) short_day = make_body (day, 23, HOUR, price_by_index);
  g_autoptr(GBytes) other_day = make_body ((FbkDate) { 2026, 1, 17 }, 24, HOUR, price_by_index);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) none = NULL;

#define ONE(start, end, price) \
  "{\"NOK_per_kWh\":" price ",\"time_start\":\"" start "\",\"time_end\":\"" end "\"}"

  assert_refused ("", day, FBK_PARSE_ERROR_INVALID_JSON, "empty");
  assert_refused ("<html>Not found</html>", day, FBK_PARSE_ERROR_INVALID_JSON, "JSON");
  assert_refused ("{\"NOK_per_kWh\":1}", day, FBK_PARSE_ERROR_INVALID_FIELD, "not a list");
  assert_refused ("[]", day, FBK_PARSE_ERROR_MISSING_FIELD, "only up to");
  assert_refused ("[" ONE ("2026-01-16T00:00:00+01:00", "2026-01-16T01:00:00+01:00", "\"0.5\"") "]",
                  day, FBK_PARSE_ERROR_INVALID_FIELD, "not a number");
  assert_refused ("[" ONE ("2026-01-16T00:00:00+01:00", "2026-01-16T01:00:00+01:00", "null") "]",
                  day, FBK_PARSE_ERROR_MISSING_FIELD, "NOK_per_kWh");
  assert_refused ("[" ONE ("2026-01-16T00:00:00+01:00", "2026-01-16T01:00:00+01:00", "100.01") "]",
                  day, FBK_PARSE_ERROR_INVALID_FIELD, "that large");
  assert_refused ("[" ONE ("2026-01-16T00:00:00+01:00", "2026-01-16T01:00:00+01:00", "-250") "]",
                  day, FBK_PARSE_ERROR_INVALID_FIELD, "that large");
  assert_refused ("[" ONE ("16.01.2026 00:00", "2026-01-16T01:00:00+01:00", "0.5") "]",
                  day, FBK_PARSE_ERROR_INVALID_FIELD, "time_start");
  assert_refused ("[{\"NOK_per_kWh\":0.5,\"time_start\":\"2026-01-16T00:00:00+01:00\"}]",
                  day, FBK_PARSE_ERROR_MISSING_FIELD, "time_end");
  /* numbers JSON does not have, and one too large to be finite */
  assert_refused ("[" ONE ("2026-01-16T00:00:00+01:00", "2026-01-16T01:00:00+01:00", "010") "]",
                  day, FBK_PARSE_ERROR_INVALID_JSON, "010");
  assert_refused ("[" ONE ("2026-01-16T00:00:00+01:00", "2026-01-16T01:00:00+01:00", "0x10") "]",
                  day, FBK_PARSE_ERROR_INVALID_JSON, "0x10");
  assert_refused ("[" ONE ("2026-01-16T00:00:00+01:00", "2026-01-16T01:00:00+01:00", "1e400") "]",
                  day, FBK_PARSE_ERROR_INVALID_FIELD, "that large");
  /* a gap at 01:00 */
  assert_refused ("[" ONE ("2026-01-16T00:00:00+01:00", "2026-01-16T01:00:00+01:00", "0.5") ","
                  ONE ("2026-01-16T02:00:00+01:00", "2026-01-16T03:00:00+01:00", "0.5") "]",
                  day, FBK_PARSE_ERROR_INVALID_FIELD, "gap");
  /* an overlap */
  assert_refused ("[" ONE ("2026-01-16T00:00:00+01:00", "2026-01-16T01:00:00+01:00", "0.5") ","
                  ONE ("2026-01-16T00:30:00+01:00", "2026-01-16T01:30:00+01:00", "0.5") "]",
                  day, FBK_PARSE_ERROR_INVALID_FIELD, "overlaps");
  /* 40 minutes do not divide an hour */
  assert_refused ("[" ONE ("2026-01-16T00:00:00+01:00", "2026-01-16T00:40:00+01:00", "0.5") "]",
                  day, FBK_PARSE_ERROR_INVALID_FIELD, "even part");
  /* two hours in one interval */
  assert_refused ("[" ONE ("2026-01-16T00:00:00+01:00", "2026-01-16T02:00:00+01:00", "0.5") "]",
                  day, FBK_PARSE_ERROR_INVALID_FIELD, "even part");
  /* an interval ending before it starts */
  assert_refused ("[" ONE ("2026-01-16T00:00:00+01:00", "2026-01-15T23:00:00+01:00", "0.5") "]",
                  day, FBK_PARSE_ERROR_INVALID_FIELD, "time_end");
#undef ONE

  /* 23 hours of an ordinary day: the last hour is missing */
  none = fbk_parse_spot_prices (short_day, day, &error);
  g_assert_null (none);
  g_assert_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "2026-01-16T23:00:00+01:00"));
  g_clear_error (&error);

  /* the next day's prices for this day */
  none = fbk_parse_spot_prices (other_day, day, &error);
  g_assert_null (none);
  g_assert_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_FIELD);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/price-parse/hours", test_price_parse_hours);
  g_test_add_func ("/price-parse/quarters-and-dst", test_price_parse_quarters_and_dst);
  g_test_add_func ("/price-parse/fixture", test_price_parse_fixture);
  g_test_add_func ("/price-parse/refused", test_price_parse_refused);

  return g_test_run ();
}
