/* test-format.c: numbers and Oslo dates as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "fbk-format.h"
#include "fbk-test-support.h"

static void
test_format (void)
{
  g_autofree char *plain = fbk_format_number (1234.5, 2);
  g_autofree char *rounded = fbk_format_number (-0.001, 2);
  /* 02:00–03:00 happens twice on 27 October 2024: the zone tells which */
  FbkInstant first_two = fbk_test_instant ("2024-10-27T00:00:00+02:00") + 2 * 3600;
  g_autofree char *summer = fbk_format_period (first_two, first_two + 3600, FBK_RESOLUTION_HOUR);
  g_autofree char *winter = fbk_format_period (first_two + 3600, first_two + 7200, FBK_RESOLUTION_HOUR);
  g_autofree char *ordinary = fbk_format_period (fbk_test_instant ("2024-03-04T14:00:00+01:00"),
                                                 fbk_test_instant ("2024-03-04T15:00:00+01:00"), FBK_RESOLUTION_HOUR);
  g_autofree char *month = fbk_format_period (fbk_test_instant ("2024-03-01T00:00:00+01:00"),
                                              fbk_test_instant ("2024-04-01T00:00:00+02:00"), FBK_RESOLUTION_MONTH);
  g_autofree char *range = fbk_format_range (fbk_test_instant ("2024-03-04T00:00:00+01:00"),
                                             fbk_test_instant ("2024-03-11T00:00:00+01:00"), FBK_RESOLUTION_DAY);

  /* The C locale has neither grouping nor a decimal comma. */
  g_assert_cmpstr (plain, ==, "1234.50");
  g_assert_cmpstr (rounded, ==, "0.00");
  g_assert_cmpstr (summer, ==, "27 Oct 2024, 02:00–03:00 CEST");
  g_assert_cmpstr (winter, ==, "27 Oct 2024, 02:00–03:00 CET");
  g_assert_cmpstr (ordinary, ==, "4 Mar 2024, 14:00–15:00");
  g_assert_cmpstr (month, ==, "March 2024");
  g_assert_cmpstr (range, ==, "4 Mar 2024 – 10 Mar 2024");
}

/* Issue 19: English dates were mixed ("1–7 Dec 2026" beside "Tuesday,
 * December 1, 2026" and "Jun 18, 2026, 15:00"). Every place writes the
 * day before the month, as the period labels do. And the C locale groups
 * no digits: 17052, not "17 052". */
static void
test_one_date_style (void)
{
  g_autofree char *day = fbk_format_period (fbk_test_instant ("2026-12-01T00:00:00+01:00"),
                                            fbk_test_instant ("2026-12-02T00:00:00+01:00"), FBK_RESOLUTION_DAY);
  g_autofree char *hour = fbk_format_period (fbk_test_instant ("2026-06-18T15:00:00+02:00"),
                                             fbk_test_instant ("2026-06-18T16:00:00+02:00"), FBK_RESOLUTION_HOUR);
  g_autofree char *hours = fbk_format_range (fbk_test_instant ("2026-06-18T15:00:00+02:00"),
                                             fbk_test_instant ("2026-06-19T03:00:00+02:00"), FBK_RESOLUTION_HOUR);
  g_autofree char *week = fbk_format_range (fbk_test_instant ("2026-11-30T00:00:00+01:00"),
                                            fbk_test_instant ("2026-12-07T00:00:00+01:00"), FBK_RESOLUTION_WEEK);
  g_autofree char *number = fbk_format_number (17052.0, 0);
  g_autofree char *decimals = fbk_format_number (17052.25, 2);

  g_assert_cmpstr (day, ==, "Tuesday 1 December 2026");
  g_assert_cmpstr (hour, ==, "18 Jun 2026, 15:00–16:00");
  g_assert_cmpstr (hours, ==, "18 Jun 2026, 15:00 – 19 Jun 2026, 03:00");
  g_assert_cmpstr (week, ==, "30 Nov 2026 – 6 Dec 2026");
  g_assert_cmpstr (number, ==, "17052");
  g_assert_cmpstr (decimals, ==, "17052.25");
}

/* Oslo's clock and calendar whatever the machine's zone (the suite runs
 * this in New York and UTC too): 23:30 UTC on 31 December is already the
 * new year in Oslo, and a calendar day is the day itself. */
static void
test_instant_and_date (void)
{
  g_autofree char *instant = fbk_format_instant (fbk_test_instant ("2024-12-31T23:30:00Z"), "%Y-%m-%d %H:%M %Z");
  g_autofree char *date = fbk_format_date ((FbkDate) { 2024, 2, 29 }, "%-d %B %Y");
  g_autofree char *invalid = fbk_format_date ((FbkDate) { 2023, 2, 29 }, "%-d %B %Y");

  g_assert_cmpstr (instant, ==, "2025-01-01 00:30 CET");
  g_assert_cmpstr (date, ==, "29 February 2024");
  g_assert_cmpstr (invalid, ==, "");
}

/* With a Norwegian LC_NUMERIC, if this machine has one. */
static void
test_format_locale (void)
{
  const char *locales[] = { "nb_NO.UTF-8", "nb_NO.utf8", "no_NO.UTF-8" };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *number = NULL;
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (locales) && !found; i++)
    found = setlocale (LC_NUMERIC, locales[i]) != NULL;

  if (!found)
    {
      g_test_skip ("no Norwegian locale installed");
      return;
    }

  number = fbk_format_number (1234.5, 1);
  setlocale (LC_NUMERIC, saved);

  g_assert_nonnull (strchr (number, ','));
  g_assert_null (strchr (number, '.'));
  g_assert_true (g_str_has_prefix (number, "1"));
  g_assert_true (g_str_has_suffix (number, "234,5"));
}

int
main (int   argc,
      char *argv[])
{
  /* Fixed strings to compare against, in UTF-8. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/c-locale", test_format);
  g_test_add_func ("/format/one-date-style", test_one_date_style);
  g_test_add_func ("/format/instant-and-date", test_instant_and_date);
  g_test_add_func ("/format/norwegian-locale", test_format_locale);

  return g_test_run ();
}
