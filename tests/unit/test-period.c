/* test-period.c: presets, stepping, validation, labels and saving of periods
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "fbk-period.h"
#include "fbk-range-planner.h"

static FbkInstant
at (const char *text)
{
  FbkInstant instant = 0;

  if (!fbk_time_parse (text, &instant))
    g_error ("could not parse %s", text);
  return instant;
}

static FbkDate
date (const char *text)
{
  FbkDate parsed = { 0 };

  if (!fbk_time_parse_date (text, &parsed))
    g_error ("could not parse %s", text);
  return parsed;
}

static void
assert_period (const FbkPeriod *period,
               FbkPeriodPreset  preset,
               const char      *from,
               const char      *to,
               int              months)
{
  char got[32];
  char want[32];

  g_snprintf (got, sizeof got, "%04d-%02d-%02d/%04d-%02d-%02d",
              period->from.year, period->from.month, period->from.day,
              period->to.year, period->to.month, period->to.day);
  g_snprintf (want, sizeof want, "%s/%s", from, to);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpint (period->preset, ==, preset);
  g_assert_cmpint (period->months, ==, months);
}

static FbkPeriod
custom (const char *from,
        const char *to,
        FbkInstant  now)
{
  g_autoptr(GError) error = NULL;
  FbkPeriod period = { 0 };

  fbk_period_new_custom (date (from), date (to), now, &period, &error);
  g_assert_no_error (error);
  return period;
}

/* A Friday in a leap year, in winter time. */
#define NOW "2024-03-15T12:00:00+01:00"

static void
test_presets (void)
{
  FbkInstant now = at (NOW);
  FbkPeriod p;

  p = fbk_period_new_preset (FBK_PERIOD_PRESET_TODAY, now);
  assert_period (&p, FBK_PERIOD_PRESET_TODAY, "2024-03-15", "2024-03-15", 0);
  g_assert_cmpint (fbk_period_get_start (&p), ==, at ("2024-03-15T00:00:00+01:00"));
  g_assert_cmpint (fbk_period_get_end (&p), ==, at ("2024-03-16T00:00:00+01:00"));

  p = fbk_period_new_preset (FBK_PERIOD_PRESET_YESTERDAY, now);
  assert_period (&p, FBK_PERIOD_PRESET_YESTERDAY, "2024-03-14", "2024-03-14", 0);

  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_7_DAYS, now);
  assert_period (&p, FBK_PERIOD_PRESET_LAST_7_DAYS, "2024-03-09", "2024-03-15", 0);
  g_assert_cmpint (fbk_period_get_n_days (&p), ==, 7);

  p = fbk_period_new_preset (FBK_PERIOD_PRESET_THIS_MONTH, now);
  assert_period (&p, FBK_PERIOD_PRESET_THIS_MONTH, "2024-03-01", "2024-03-15", 1);

  /* February of a leap year */
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_MONTH, now);
  assert_period (&p, FBK_PERIOD_PRESET_LAST_MONTH, "2024-02-01", "2024-02-29", 1);
  g_assert_cmpint (fbk_period_get_n_days (&p), ==, 29);

  /* The twelve whole months before March: March 2023 to February 2024. */
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_12_MONTHS, now);
  assert_period (&p, FBK_PERIOD_PRESET_LAST_12_MONTHS, "2023-03-01", "2024-02-29", 12);
  g_assert_cmpint (fbk_period_get_n_days (&p), ==, 366);

  p = fbk_period_new_preset (FBK_PERIOD_PRESET_THIS_YEAR, now);
  assert_period (&p, FBK_PERIOD_PRESET_THIS_YEAR, "2024-01-01", "2024-03-15", 12);

  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_YEAR, now);
  assert_period (&p, FBK_PERIOD_PRESET_LAST_YEAR, "2023-01-01", "2023-12-31", 12);
  g_assert_cmpint (fbk_period_get_start (&p), ==, at ("2023-01-01T00:00:00+01:00"));
  g_assert_cmpint (fbk_period_get_end (&p), ==, at ("2024-01-01T00:00:00+01:00"));

  /* The history limit is 2021-03-15 14:00 (three years back plus the
   * planner's two-hour margin), so the first whole day is the 16th. */
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_3_YEARS, now);
  assert_period (&p, FBK_PERIOD_PRESET_LAST_3_YEARS, "2021-03-16", "2024-03-15", 0);
  g_assert_cmpint (fbk_period_get_start (&p), >=, fbk_range_plan_history_limit (now));
  g_assert_cmpint (fbk_period_get_start (&p) - fbk_range_plan_history_limit (now), <, 24 * 3600);
}

/* "Today" is Oslo's date whatever the machine's zone: 00:30 in Oslo is
 * still the day before in UTC and in New York. */
/* Issue 19: in December "last 12 months" was this month and the eleven
 * before it, the same days as "this year". The twelve whole months before
 * this one differ from it; in January they are last year, and a step that
 * lands there is shown as "last year". */
static void
test_last_12_full_months (void)
{
  FbkInstant december = at ("2026-12-07T12:00:00+01:00");
  FbkInstant january = at ("2027-01-10T12:00:00+01:00");
  FbkPeriod twelve = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_12_MONTHS, december);
  FbkPeriod year = fbk_period_new_preset (FBK_PERIOD_PRESET_THIS_YEAR, december);
  FbkPeriod p;

  assert_period (&twelve, FBK_PERIOD_PRESET_LAST_12_MONTHS, "2025-12-01", "2026-11-30", 12);
  assert_period (&year, FBK_PERIOD_PRESET_THIS_YEAR, "2026-01-01", "2026-12-07", 12);
  /* 31 days of December 2025 and 334 of 2026 up to 30 November */
  g_assert_cmpint (fbk_period_get_n_days (&twelve), ==, 365);
  g_assert_cmpstr (fbk_period_preset_get_label (FBK_PERIOD_PRESET_LAST_12_MONTHS), ==, "Last 12 Full Months");

  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_12_MONTHS, january);
  assert_period (&p, FBK_PERIOD_PRESET_LAST_12_MONTHS, "2026-01-01", "2026-12-31", 12);
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, january, &p, NULL));
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, january, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_LAST_YEAR, "2026-01-01", "2026-12-31", 12);
}

/* forbruk-cli --period takes the names fbk_period_to_string() writes for
 * the presets, and nothing else: not "custom", which has no days. */
static void
test_preset_from_nick (void)
{
  FbkInstant now = at (NOW);
  FbkPeriodPreset preset = FBK_PERIOD_PRESET_CUSTOM;

  for (int p = FBK_PERIOD_PRESET_CUSTOM + 1; p < FBK_PERIOD_N_PRESETS; p++)
    {
      FbkPeriod period = fbk_period_new_preset ((FbkPeriodPreset) p, now);
      g_autofree char *nick = fbk_period_to_string (&period);

      g_assert_true (fbk_period_preset_from_nick (nick, &preset));
      g_assert_cmpint (preset, ==, p);
    }
  g_assert_true (fbk_period_preset_from_nick ("last-12-months", &preset));
  g_assert_cmpint (preset, ==, FBK_PERIOD_PRESET_LAST_12_MONTHS);

  preset = FBK_PERIOD_PRESET_TODAY;
  g_assert_false (fbk_period_preset_from_nick ("custom", &preset));
  g_assert_false (fbk_period_preset_from_nick ("tomorrow", &preset));
  g_assert_false (fbk_period_preset_from_nick ("", &preset));
  g_assert_false (fbk_period_preset_from_nick (NULL, &preset));
  g_assert_cmpint (preset, ==, FBK_PERIOD_PRESET_TODAY);
}

static void
test_today_is_oslo (void)
{
  FbkPeriod p = fbk_period_new_preset (FBK_PERIOD_PRESET_TODAY, at ("2024-07-01T00:30:00+02:00"));

  assert_period (&p, FBK_PERIOD_PRESET_TODAY, "2024-07-01", "2024-07-01", 0);
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_THIS_MONTH, at ("2024-06-30T23:30:00+02:00"));
  assert_period (&p, FBK_PERIOD_PRESET_THIS_MONTH, "2024-06-01", "2024-06-30", 1);
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_THIS_YEAR, at ("2024-01-01T00:10:00+01:00"));
  assert_period (&p, FBK_PERIOD_PRESET_THIS_YEAR, "2024-01-01", "2024-01-01", 12);
}

/* Days have 23 and 25 hours when the clocks change; a period's instants
 * are Oslo midnights. */
static void
test_dst_instants (void)
{
  FbkInstant now = at ("2024-11-20T12:00:00+01:00");
  FbkPeriod spring = custom ("2024-03-31", "2024-03-31", now);
  FbkPeriod autumn = custom ("2024-10-27", "2024-10-27", now);
  FbkPeriod week = custom ("2024-03-28", "2024-04-03", now);
  FbkPeriod october = custom ("2024-10-01", "2024-10-31", now);

  g_assert_cmpint (fbk_period_get_start (&spring), ==, at ("2024-03-30T23:00:00Z"));
  g_assert_cmpint (fbk_period_get_end (&spring) - fbk_period_get_start (&spring), ==, 23 * 3600);
  g_assert_cmpint (fbk_period_get_end (&autumn) - fbk_period_get_start (&autumn), ==, 25 * 3600);
  g_assert_cmpint (fbk_period_get_end (&week) - fbk_period_get_start (&week), ==, (7 * 24 - 1) * 3600);
  g_assert_cmpint (fbk_period_get_end (&october), ==, at ("2024-11-01T00:00:00+01:00"));
  g_assert_cmpint (fbk_period_get_start (&october), ==, at ("2024-10-01T00:00:00+02:00"));
  g_assert_cmpint (october.months, ==, 1);
}

static void
test_step_months (void)
{
  FbkInstant now = at (NOW);
  g_autoptr(GError) error = NULL;
  FbkPeriod p = fbk_period_new_preset (FBK_PERIOD_PRESET_THIS_MONTH, now);
  FbkPeriod next;
  int steps = 0;

  /* This month cannot step forward: next month has not begun. */
  g_assert_false (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, now, &next, &error));
  g_assert_error (error, FBK_PERIOD_ERROR, FBK_PERIOD_ERROR_FUTURE);
  g_clear_error (&error);

  /* Back: the previous calendar month, which is the "last month" preset. */
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_LAST_MONTH, "2024-02-01", "2024-02-29", 1);
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_CUSTOM, "2024-01-01", "2024-01-31", 1);
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_CUSTOM, "2023-12-01", "2023-12-31", 1);

  /* Forward again to the current month so far. */
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, now, &p, NULL));
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, now, &p, NULL));
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_THIS_MONTH, "2024-03-01", "2024-03-15", 1);

  /* Back as far as it goes: April 2021 is the last month wholly inside
   * the three years (March 2021 would start before the 16th). */
  while (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, now, &p, &error))
    steps++;
  g_assert_error (error, FBK_PERIOD_ERROR, FBK_PERIOD_ERROR_BEFORE_HISTORY);
  g_assert_nonnull (strstr (error->message, "16 March 2021"));
  g_assert_cmpint (steps, ==, 35);
  assert_period (&p, FBK_PERIOD_PRESET_CUSTOM, "2021-04-01", "2021-04-30", 1);
}

static void
test_step_years (void)
{
  FbkInstant now = at (NOW);
  FbkPeriod p = fbk_period_new_preset (FBK_PERIOD_PRESET_THIS_YEAR, now);
  g_autoptr(GError) error = NULL;

  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_LAST_YEAR, "2023-01-01", "2023-12-31", 12);
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_CUSTOM, "2022-01-01", "2022-12-31", 12);
  /* 2021 began before the history limit. */
  g_assert_false (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, now, NULL, &error));
  g_assert_error (error, FBK_PERIOD_ERROR, FBK_PERIOD_ERROR_BEFORE_HISTORY);

  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, now, &p, NULL));
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_THIS_YEAR, "2024-01-01", "2024-03-15", 12);

  /* Twelve months step by twelve months and stay whole months. */
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_12_MONTHS, now);
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_CUSTOM, "2022-03-01", "2023-02-28", 12);
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_LAST_12_MONTHS, "2023-03-01", "2024-02-29", 12);

  /* Last 3 years is all there is: no step either way. */
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_3_YEARS, now);
  g_assert_false (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, now, NULL, NULL));
  g_assert_false (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, now, NULL, NULL));
}

static void
test_step_days (void)
{
  FbkInstant now = at (NOW);
  g_autoptr(GError) error = NULL;
  FbkPeriod p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_7_DAYS, now);
  FbkDate earliest = fbk_period_earliest_date (now);

  g_assert_false (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, now, NULL, &error));
  g_assert_error (error, FBK_PERIOD_ERROR, FBK_PERIOD_ERROR_FUTURE);
  g_clear_error (&error);

  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_CUSTOM, "2024-03-02", "2024-03-08", 0);
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_LAST_7_DAYS, "2024-03-09", "2024-03-15", 0);

  /* Over the leap day, by its day count. */
  p = custom ("2024-02-26", "2024-03-03", now);
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_CUSTOM, "2024-02-19", "2024-02-25", 0);

  /* Yesterday forward is today; today forward is nothing. */
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_YESTERDAY, now);
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_TODAY, "2024-03-15", "2024-03-15", 0);
  g_assert_false (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, now, NULL, NULL));

  /* A step that would pass today slides to end today, keeping the length. */
  p = custom ("2024-02-29", "2024-03-09", now);
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_FORWARD, now, &p, NULL));
  assert_period (&p, FBK_PERIOD_PRESET_CUSTOM, "2024-03-06", "2024-03-15", 0);

  /* And one that would pass the limit slides to start on it, then stops. */
  p = custom ("2021-03-20", "2021-03-29", now);
  g_assert_true (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, now, &p, NULL));
  g_assert_cmpint (fbk_date_compare (p.from, earliest), ==, 0);
  assert_period (&p, FBK_PERIOD_PRESET_CUSTOM, "2021-03-16", "2021-03-25", 0);
  g_assert_false (fbk_period_step (&p, FBK_PERIOD_STEP_BACK, now, NULL, &error));
  g_assert_error (error, FBK_PERIOD_ERROR, FBK_PERIOD_ERROR_BEFORE_HISTORY);
}

static void
test_custom_validation (void)
{
  FbkInstant now = at (NOW);
  g_autoptr(GError) error = NULL;
  FbkPeriod p;

  g_assert_false (fbk_period_new_custom (date ("2024-03-10"), date ("2024-03-01"), now, &p, &error));
  g_assert_error (error, FBK_PERIOD_ERROR, FBK_PERIOD_ERROR_INVERTED);
  g_clear_error (&error);

  g_assert_false (fbk_period_new_custom (date ("2024-03-10"), date ("2024-03-16"), now, &p, &error));
  g_assert_error (error, FBK_PERIOD_ERROR, FBK_PERIOD_ERROR_FUTURE);
  g_clear_error (&error);

  g_assert_false (fbk_period_new_custom (date ("2021-03-15"), date ("2021-04-01"), now, &p, &error));
  g_assert_error (error, FBK_PERIOD_ERROR, FBK_PERIOD_ERROR_BEFORE_HISTORY);
  g_assert_nonnull (strstr (error->message, "three years"));
  g_assert_nonnull (strstr (error->message, "16 March 2021"));
  g_clear_error (&error);

  p = custom ("2021-03-16", "2024-03-15", now);
  assert_period (&p, FBK_PERIOD_PRESET_CUSTOM, "2021-03-16", "2024-03-15", 0);

  /* Whole months step as months, so do months up to today. */
  p = custom ("2023-11-01", "2024-02-29", now);
  g_assert_cmpint (p.months, ==, 4);
  p = custom ("2024-01-01", "2024-03-15", now);
  g_assert_cmpint (p.months, ==, 3);
  p = custom ("2024-01-01", "2024-03-14", now);
  g_assert_cmpint (p.months, ==, 0);
}

/* On the leap day, three years back is 28 February 2021; with the margin
 * the first whole day is 1 March. */
static void
test_leap_day_limit (void)
{
  FbkInstant now = at ("2024-02-29T12:00:00+01:00");
  FbkDate earliest = fbk_period_earliest_date (now);
  FbkPeriod p;

  g_assert_cmpint (fbk_date_compare (earliest, date ("2021-03-01")), ==, 0);
  g_assert_false (fbk_period_new_custom (date ("2021-02-28"), date ("2021-03-05"), now, NULL, NULL));
  g_assert_true (fbk_period_new_custom (date ("2021-03-01"), date ("2021-03-05"), now, NULL, NULL));

  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_MONTH, at ("2025-03-01T00:00:00+01:00"));
  assert_period (&p, FBK_PERIOD_PRESET_LAST_MONTH, "2025-02-01", "2025-02-28", 1);

  /* Late in the evening the limit's hour falls on the next day. */
  earliest = fbk_period_earliest_date (at ("2024-03-15T23:30:00+01:00"));
  g_assert_cmpint (fbk_date_compare (earliest, date ("2021-03-17")), ==, 0);
}

static void
test_default_resolution (void)
{
  FbkInstant now = at (NOW);
  const struct {
    const char    *from;
    const char    *to;
    FbkResolution  resolution;
  } ranges[] = {
    { "2024-03-15", "2024-03-15", FBK_RESOLUTION_HOUR },
    { "2024-03-14", "2024-03-15", FBK_RESOLUTION_HOUR },
    { "2024-03-13", "2024-03-15", FBK_RESOLUTION_DAY },
    { "2024-01-13", "2024-03-14", FBK_RESOLUTION_DAY },   /* 62 days */
    { "2024-01-12", "2024-03-14", FBK_RESOLUTION_WEEK },  /* 63 */
    { "2023-09-11", "2024-03-14", FBK_RESOLUTION_WEEK },  /* 186 */
    { "2023-09-10", "2024-03-14", FBK_RESOLUTION_MONTH }, /* 187 */
    { "2021-03-16", "2024-03-15", FBK_RESOLUTION_MONTH },
  };
  FbkPeriod p;

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      p = custom (ranges[i].from, ranges[i].to, now);
      g_assert_cmpint (fbk_period_default_resolution (&p), ==, ranges[i].resolution);
    }

  p = fbk_period_new_preset (FBK_PERIOD_PRESET_TODAY, now);
  g_assert_cmpint (fbk_period_default_resolution (&p), ==, FBK_RESOLUTION_HOUR);
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_7_DAYS, now);
  g_assert_cmpint (fbk_period_default_resolution (&p), ==, FBK_RESOLUTION_DAY);
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_12_MONTHS, now);
  g_assert_cmpint (fbk_period_default_resolution (&p), ==, FBK_RESOLUTION_MONTH);
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_3_YEARS, now);
  g_assert_cmpint (fbk_period_default_resolution (&p), ==, FBK_RESOLUTION_MONTH);

  /* This month is a month long even on the 1st, when it holds one day. */
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_THIS_MONTH, at ("2024-03-01T08:00:00+01:00"));
  g_assert_cmpint (fbk_period_get_n_days (&p), ==, 1);
  g_assert_cmpint (fbk_period_default_resolution (&p), ==, FBK_RESOLUTION_DAY);
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_THIS_YEAR, at ("2024-01-01T08:00:00+01:00"));
  g_assert_cmpint (fbk_period_default_resolution (&p), ==, FBK_RESOLUTION_MONTH);

  /* What a user's own choice must satisfy to survive a change of period:
   * at least two bars, never a single one (issue 19), hours up to a month. */
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_MONTH, now);
  g_assert_true (fbk_period_resolution_fits (&p, FBK_RESOLUTION_HOUR));
  g_assert_true (fbk_period_resolution_fits (&p, FBK_RESOLUTION_WEEK));
  g_assert_false (fbk_period_resolution_fits (&p, FBK_RESOLUTION_MONTH));
  g_assert_false (fbk_period_resolution_fits (&p, FBK_RESOLUTION_YEAR));
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_YEAR, now);
  g_assert_false (fbk_period_resolution_fits (&p, FBK_RESOLUTION_HOUR));
  g_assert_true (fbk_period_resolution_fits (&p, FBK_RESOLUTION_MONTH));
  g_assert_false (fbk_period_resolution_fits (&p, FBK_RESOLUTION_YEAR));
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_3_YEARS, now);
  g_assert_true (fbk_period_resolution_fits (&p, FBK_RESOLUTION_YEAR));
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_TODAY, now);
  g_assert_false (fbk_period_resolution_fits (&p, FBK_RESOLUTION_WEEK));
  g_assert_false (fbk_period_resolution_fits (&p, FBK_RESOLUTION_DAY));
  g_assert_true (fbk_period_resolution_fits (&p, FBK_RESOLUTION_HOUR));
  /* Week 47 with 6 days and week 48 with 1 is no comparison. */
  p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_7_DAYS, now);
  g_assert_false (fbk_period_resolution_fits (&p, FBK_RESOLUTION_WEEK));
  g_assert_true (fbk_period_resolution_fits (&p, FBK_RESOLUTION_DAY));
  p = custom ("2024-03-01", "2024-03-14", now);
  g_assert_true (fbk_period_resolution_fits (&p, FBK_RESOLUTION_WEEK));
}

static void
test_labels (void)
{
  FbkInstant now = at (NOW);
  const struct {
    const char *from;
    const char *to;
    const char *label;
  } ranges[] = {
    { "2024-03-01", "2024-03-07", "1–7 Mar 2024" },
    { "2024-02-28", "2024-03-06", "28 Feb – 6 Mar 2024" },
    { "2023-12-28", "2024-01-03", "28 Dec 2023 – 3 Jan 2024" },
    { "2024-03-15", "2024-03-15", "15 March 2024" },
    { "2024-02-01", "2024-02-29", "February 2024" },
    { "2024-01-01", "2024-02-29", "January – February 2024" },
    { "2023-11-01", "2024-02-29", "Nov 2023 – Feb 2024" },
    { "2022-01-01", "2022-12-31", "2022" },
    /* the current month so far is written as days */
    { "2024-03-01", "2024-03-15", "1–15 Mar 2024" },
  };
  FbkPeriod p;

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autofree char *label = NULL;

      p = custom (ranges[i].from, ranges[i].to, now);
      label = fbk_period_format_label (&p);
      g_assert_cmpstr (label, ==, ranges[i].label);
    }

  for (int preset = FBK_PERIOD_PRESET_TODAY; preset < FBK_PERIOD_N_PRESETS; preset++)
    {
      g_autofree char *label = NULL;
      g_autofree char *dates = NULL;

      p = fbk_period_new_preset (preset, now);
      label = fbk_period_format_label (&p);
      dates = fbk_period_format_dates (&p);
      g_assert_cmpstr (label, ==, fbk_period_preset_get_label (preset));
      g_assert_cmpstr (label, !=, dates);
    }

  {
    g_autofree char *label = NULL;
    g_autofree char *dates = NULL;

    p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_7_DAYS, now);
    label = fbk_period_format_label (&p);
    dates = fbk_period_format_dates (&p);
    g_assert_cmpstr (label, ==, "Last 7 Days");
    g_assert_cmpstr (dates, ==, "9–15 Mar 2024");
  }
}

static void
test_save_restore (void)
{
  FbkInstant saved_at = at (NOW);
  FbkInstant later = at ("2024-05-02T09:00:00+02:00");
  FbkInstant much_later = at ("2027-05-02T09:00:00+02:00");
  const char *garbage[] = {
    "", "tomorrow", "custom", "2024-03-01", "2024-03-01/", "2024-02-30/2024-03-01",
    "2024-03-10/2024-03-01", "2024-03-01/2024-03-10/2024-03-11", "2024-03-01/2099-01-01",
  };

  /* A preset restores relative to the day it is restored on. */
  for (int preset = FBK_PERIOD_PRESET_TODAY; preset < FBK_PERIOD_N_PRESETS; preset++)
    {
      FbkPeriod p = fbk_period_new_preset (preset, saved_at);
      FbkPeriod expected = fbk_period_new_preset (preset, later);
      g_autofree char *text = fbk_period_to_string (&p);
      FbkPeriod restored = fbk_period_restore (text, later);

      g_assert_true (fbk_period_equal (&restored, &expected));
    }

  /* A custom range restores its days, stepping as before... */
  {
    FbkPeriod p = custom ("2023-11-01", "2024-02-29", saved_at);
    g_autofree char *text = fbk_period_to_string (&p);
    FbkPeriod restored = fbk_period_restore (text, later);

    g_assert_cmpstr (text, ==, "2023-11-01/2024-02-29");
    g_assert_true (fbk_period_equal (&restored, &p));

    /* ...unless it has fallen out of the three years since. */
    restored = fbk_period_restore (text, much_later);
    g_assert_cmpint (restored.preset, ==, FBK_PERIOD_DEFAULT_PRESET);
    g_assert_cmpint (fbk_date_compare (restored.to, fbk_time_oslo_date (much_later)), ==, 0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      FbkPeriod restored = fbk_period_restore (garbage[i], saved_at);
      FbkPeriod expected = fbk_period_new_preset (FBK_PERIOD_DEFAULT_PRESET, saved_at);

      g_assert_true (fbk_period_equal (&restored, &expected));
    }

  {
    FbkPeriod restored = fbk_period_restore (NULL, saved_at);

    g_assert_cmpint (restored.preset, ==, FBK_PERIOD_DEFAULT_PRESET);
  }
}

static void
test_boxed (void)
{
  FbkPeriod p = fbk_period_new_preset (FBK_PERIOD_PRESET_LAST_MONTH, at (NOW));
  g_auto(GValue) value = G_VALUE_INIT;
  const FbkPeriod *copy;

  g_value_init (&value, FBK_TYPE_PERIOD);
  g_value_set_boxed (&value, &p);
  copy = g_value_get_boxed (&value);
  g_assert_true (copy != &p);
  g_assert_true (fbk_period_equal (copy, &p));
}

int
main (int   argc,
      char *argv[])
{
  /* Labels are checked in English: month names come from the C library. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/period/presets", test_presets);
  g_test_add_func ("/period/last-12-full-months", test_last_12_full_months);
  g_test_add_func ("/period/preset-from-nick", test_preset_from_nick);
  g_test_add_func ("/period/today-is-oslo", test_today_is_oslo);
  g_test_add_func ("/period/dst-instants", test_dst_instants);
  g_test_add_func ("/period/step/months", test_step_months);
  g_test_add_func ("/period/step/years", test_step_years);
  g_test_add_func ("/period/step/days", test_step_days);
  g_test_add_func ("/period/custom-validation", test_custom_validation);
  g_test_add_func ("/period/leap-day-limit", test_leap_day_limit);
  g_test_add_func ("/period/default-resolution", test_default_resolution);
  g_test_add_func ("/period/labels", test_labels);
  g_test_add_func ("/period/save-restore", test_save_restore);
  g_test_add_func ("/period/boxed", test_boxed);

  return g_test_run ();
}
