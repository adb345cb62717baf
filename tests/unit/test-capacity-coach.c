/* test-capacity-coach.c: the saving of one step, the keep-under limit, the
 * projection and the alerts, each figure worked out by hand beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fbk-capacity-coach.h"

#define EPSILON 1e-9

/* A table of the shape Elvia's have (the figures are the tests', so they
 * stay put when the shipped tables change): 0–2, 2–5, 5–10, 10–15, 15+. */
static const FbkTariffStep steps[] = {
  { 0, 2, 100 }, { 2, 5, 200 }, { 5, 10, 300 }, { 10, 15, 400 }, { 15, INFINITY, 500 },
};

static const FbkTariffTable stays_below = {
  { 2024, 1, 1 }, FBK_TARIFF_BOUNDARY_STAYS_BELOW, TRUE, "test", G_N_ELEMENTS (steps), steps,
};

static const FbkTariffTable goes_up = {
  { 2024, 1, 1 }, FBK_TARIFF_BOUNDARY_GOES_UP, TRUE, "test", G_N_ELEMENTS (steps), steps,
};

/* Day @day of December 2026 (or @month) with its highest hour at 18:00. */
static FbkMaxHour
day_in (int    month,
        int    day,
        double kwh)
{
  FbkInstant start = fbk_time_oslo_at_hour ((FbkDate) { 2026, month, day }, 18);

  return (FbkMaxHour) { start, start + 3600, kwh, TRUE };
}

static FbkMaxHour
december (int    day,
          double kwh)
{
  return day_in (12, day, kwh);
}

static void
test_ceiling (void)
{
  /* Stays below: an average of exactly 5.000 is still step 2. */
  g_assert_cmpfloat_with_epsilon (fbk_capacity_step_ceiling (&stays_below, 2), 5.0, EPSILON);
  /* Goes up: 5.000 is step 3, so step 2 ends one Wh short in the three
   * hours together: 5 − 0.001 / 3 = 4.999666… */
  g_assert_cmpfloat_with_epsilon (fbk_capacity_step_ceiling (&goes_up, 2), 5.0 - 0.001 / 3, EPSILON);
  g_assert_true (isinf (fbk_capacity_step_ceiling (&goes_up, 5)));
}

static void
test_saving_between_bounds (void)
{
  /* 8, 7, 3, 1: average (8 + 7 + 3) / 3 = 6, step 3. Step 2 ends at 5.
   * For c between 3 and 7 the capped three are c, c, 3: (2c + 3) / 3 = 5
   * gives c = 6; above 7 it would be (c + 7 + 3) / 3 ≤ 5, c ≤ 5: none.
   * Cut: (8 − 6) + (7 − 6) = 3 kWh, on the 8 and the 7. */
  FbkMaxHour days[] = { december (1, 3), december (2, 8), december (3, 1), december (4, 7) };
  FbkCapacitySaving saving;

  g_assert_true (fbk_capacity_saving_compute (&stays_below, days, G_N_ELEMENTS (days), &saving));
  g_assert_cmpuint (saving.from_step, ==, 3);
  g_assert_cmpuint (saving.to_step, ==, 2);
  g_assert_cmpfloat_with_epsilon (saving.cap_kwh, 6.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (saving.cut_kwh, 3.0, EPSILON);
  g_assert_cmpuint (saving.n_days_cut, ==, 2);
  g_assert_cmpfloat (saving.days_cut[0].kwh, ==, 8.0);
  g_assert_cmpint (fbk_time_oslo_date (saving.days_cut[0].start).day, ==, 2);
  g_assert_cmpfloat (saving.days_cut[1].kwh, ==, 7.0);
}

static void
test_saving_fourth_day_moves_up (void)
{
  /* 7, 6.5, 6, 5.5, 2: average (7 + 6.5 + 6) / 3 = 6.5, step 3; step 2
   * ends at 5. Lowering only the top three to 5 would let the 5.5 in
   * (average (5.5 + 5 + 5) / 3 = 5.17, still step 3). For c between 5.5
   * and 6 the capped three are c, c, c ≥ 5.5 > 5; below 5.5 the fourth
   * day is capped too and the three are c, c, c: c = 5.
   * Cut: 2 + 1.5 + 1 + 0.5 = 5 kWh over four days. */
  FbkMaxHour days[] = {
    december (1, 7), december (2, 6.5), december (3, 6), december (4, 5.5), december (5, 2),
  };
  FbkCapacitySaving saving;

  g_assert_true (fbk_capacity_saving_compute (&stays_below, days, G_N_ELEMENTS (days), &saving));
  g_assert_cmpuint (saving.from_step, ==, 3);
  g_assert_cmpfloat_with_epsilon (saving.cap_kwh, 5.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (saving.cut_kwh, 5.0, EPSILON);
  g_assert_cmpuint (saving.n_days_cut, ==, 4);
  g_assert_cmpfloat (saving.days_cut[3].kwh, ==, 5.5);
}

static void
test_saving_fewer_than_three_days (void)
{
  /* Two days, 8 and 4: the average is of both, 6, step 3. Capped at c
   * between 4 and 8: (c + 4) / 2 = 5, c = 6; cut 2 on the one day. */
  FbkMaxHour two[] = { december (1, 8), december (2, 4) };
  /* One day of 3: step 2; step 1 ends at 2, so c = 2 and the cut is 1. */
  FbkMaxHour one[] = { december (1, 3) };
  FbkCapacitySaving saving;

  g_assert_true (fbk_capacity_saving_compute (&stays_below, two, G_N_ELEMENTS (two), &saving));
  g_assert_cmpuint (saving.from_step, ==, 3);
  g_assert_cmpfloat_with_epsilon (saving.cap_kwh, 6.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (saving.cut_kwh, 2.0, EPSILON);
  g_assert_cmpuint (saving.n_days_cut, ==, 1);

  g_assert_true (fbk_capacity_saving_compute (&stays_below, one, 1, &saving));
  g_assert_cmpuint (saving.from_step, ==, 2);
  g_assert_cmpfloat_with_epsilon (saving.cap_kwh, 2.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (saving.cut_kwh, 1.0, EPSILON);

  g_assert_false (fbk_capacity_saving_compute (&stays_below, NULL, 0, &saving));
}

static void
test_saving_exact_boundaries (void)
{
  FbkMaxHour sixes[] = { december (1, 6), december (2, 6), december (3, 6) };
  FbkMaxHour fives[] = { december (1, 5), december (2, 5), december (3, 5) };
  FbkCapacitySaving saving;

  /* Stays below: 6, 6, 6 (step 3) capped at exactly 5 average 5.000,
   * which this rule keeps in step 2: c = 5, cut 3 × 1 = 3. */
  g_assert_true (fbk_capacity_saving_compute (&stays_below, sixes, 3, &saving));
  g_assert_cmpfloat_with_epsilon (saving.cap_kwh, 5.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (saving.cut_kwh, 3.0, EPSILON);
  g_assert_cmpuint (fbk_tariff_table_find_step (&stays_below, saving.cap_kwh), ==, 2);

  /* Goes up: 5.000 would be step 3 still, so c = 5 − 0.001/3 and the cut
   * is 3 × (1 + 0.001/3) = 3.001. */
  g_assert_true (fbk_capacity_saving_compute (&goes_up, sixes, 3, &saving));
  g_assert_cmpuint (fbk_tariff_table_find_step (&goes_up, 5.0), ==, 3);
  g_assert_cmpfloat_with_epsilon (saving.cap_kwh, 5.0 - 0.001 / 3, EPSILON);
  g_assert_cmpfloat_with_epsilon (saving.cut_kwh, 3.001, EPSILON);
  g_assert_cmpuint (fbk_tariff_table_find_step (&goes_up, saving.cap_kwh), ==, 2);

  /* An average of exactly 5.000 is step 2 under one rule: its saving is to
   * step 1, c = 2, cut 3 × 3 = 9 ... */
  g_assert_true (fbk_capacity_saving_compute (&stays_below, fives, 3, &saving));
  g_assert_cmpuint (saving.from_step, ==, 2);
  g_assert_cmpfloat_with_epsilon (saving.cut_kwh, 9.0, EPSILON);
  /* ... and step 3 under the other: one Wh in all brings it to step 2. */
  g_assert_true (fbk_capacity_saving_compute (&goes_up, fives, 3, &saving));
  g_assert_cmpuint (saving.from_step, ==, 3);
  g_assert_cmpfloat_with_epsilon (saving.cut_kwh, 0.001, EPSILON);
  g_assert_cmpuint (saving.n_days_cut, ==, 3);
}

static void
test_saving_lowest_step (void)
{
  /* 1.5, 1, 0.5: average 1, step 1: nothing lower to reach. */
  FbkMaxHour days[] = { december (1, 1.5), december (2, 1), december (3, 0.5) };
  FbkCapacitySaving saving;

  g_assert_true (fbk_capacity_saving_compute (&stays_below, days, 3, &saving));
  g_assert_cmpuint (saving.from_step, ==, 1);
  g_assert_cmpuint (saving.to_step, ==, 0);
  g_assert_true (isnan (saving.cap_kwh));
  g_assert_cmpfloat (saving.cut_kwh, ==, 0.0);
  g_assert_cmpuint (saving.n_days_cut, ==, 0);
}

static void
test_keep_under (void)
{
  /* 1–3 December: 12, 9, 6: average 9, step 3 (ends at 10). With today
   * (the 7th, 5 so far) and more days to come, the three largest are 12
   * and two days at x once x passes 9: (12 + 2x) / 3 = 10, x = 9. */
  FbkMaxHour days[] = { december (1, 12), december (2, 9), december (3, 6), december (7, 5) };
  /* On the last day only today can still rise: 12, 9 and today's x:
   * (12 + 9 + x) / 3 = 10 gives x = 9 as well; with 8 instead of 9 on the
   * 2nd: (12 + 8 + x) / 3 = 10, x = 10, where two days to come would give
   * (12 + 2x) / 3 = 10, x = 9. */
  FbkMaxHour last[] = { december (1, 12), december (2, 8), december (3, 6), december (31, 5) };
  FbkMaxHour early[] = { december (1, 7), december (2, 3) };

  g_assert_cmpfloat_with_epsilon (fbk_capacity_keep_under (&stays_below, 3, days, 4, (FbkDate) { 2026, 12, 7 }, 31),
                                  9.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (fbk_capacity_keep_under (&stays_below, 3, last, 4, (FbkDate) { 2026, 12, 31 }, 31),
                                  10.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (fbk_capacity_keep_under (&stays_below, 3, last, 3, (FbkDate) { 2026, 12, 30 }, 31),
                                  9.0, EPSILON);
  /* Goes up: the three may reach 10 − 0.001/3. At x = 9 they are 12, 9,
   * 9: 10, too much; below 9 the 2nd's 9 stays among them, so
   * (12 + 9 + x) / 3 = 10 − 0.001/3: x = 9 − 0.001 = 8.999. */
  g_assert_cmpfloat_with_epsilon (fbk_capacity_keep_under (&goes_up, 3, days, 4, (FbkDate) { 2026, 12, 7 }, 31),
                                  9.0 - 0.001, EPSILON);
  /* Early on, the days to come can fill all three places: x = 10. */
  g_assert_cmpfloat_with_epsilon (fbk_capacity_keep_under (&stays_below, 3, early, 2, (FbkDate) { 2026, 12, 2 }, 31),
                                  10.0, EPSILON);
  /* Nothing leaves the top step; step 2 (ends at 5) is already left
   * behind: (12 + 9 + 6) / 3 = 9 > 5 even at x = 0. */
  g_assert_true (isinf (fbk_capacity_keep_under (&stays_below, 5, days, 4, (FbkDate) { 2026, 12, 7 }, 31)));
  g_assert_true (isnan (fbk_capacity_keep_under (&stays_below, 2, days, 4, (FbkDate) { 2026, 12, 7 }, 31)));
}

static void
test_project (void)
{
  /* This December: 1st 4, 2nd 5, today (3rd) 2 so far. Last December: 1st
   * 9, 3rd 6, 10th 7, 20th 3. The 1st and 2nd are over and keep 4 and 5;
   * the 3rd takes max (2, 6) = 6; the 10th 7 and the 20th 3 come from
   * last year. Three largest: 7, 6, 5: average 6. */
  FbkMaxHour days[] = { december (1, 4), december (2, 5), december (3, 2) };
  FbkMaxHour last_year[] = {
    { fbk_time_oslo_at_hour ((FbkDate) { 2025, 12, 1 }, 8), 0, 9, TRUE },
    { fbk_time_oslo_at_hour ((FbkDate) { 2025, 12, 3 }, 8), 0, 6, TRUE },
    { fbk_time_oslo_at_hour ((FbkDate) { 2025, 12, 10 }, 8), 0, 7, TRUE },
    { fbk_time_oslo_at_hour ((FbkDate) { 2025, 12, 20 }, 8), 0, 3, TRUE },
  };
  /* Last February had a 29th of 20, which this February lacks: 4, 5, 6
   * from this year's 1st, 2nd and last year's 3rd: average 5. */
  FbkMaxHour february[] = { day_in (2, 1, 4), day_in (2, 2, 5) };
  FbkMaxHour leap[] = {
    { fbk_time_oslo_at_hour ((FbkDate) { 2024, 2, 3 }, 8), 0, 6, TRUE },
    { fbk_time_oslo_at_hour ((FbkDate) { 2024, 2, 29 }, 8), 0, 20, TRUE },
  };

  g_assert_cmpfloat_with_epsilon (fbk_capacity_project (days, 3, last_year, 4, (FbkDate) { 2026, 12, 3 }, 31),
                                  6.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (fbk_capacity_project (february, 2, leap, 2, (FbkDate) { 2026, 2, 3 }, 28),
                                  5.0, EPSILON);
  g_assert_true (isnan (fbk_capacity_project (days, 3, NULL, 0, (FbkDate) { 2026, 12, 3 }, 31)));
}

static FbkMaxHours
month_of (int    month,
          double a,
          double b,
          double c)
{
  FbkMaxHour days[] = { day_in (month, 1, a), day_in (month, 2, b), day_in (month, 3, c) };
  FbkMaxHours max_hours;

  fbk_max_hours_init_from_days (&max_hours, 2026, month, days, c > 0 ? 3 : 2);
  return max_hours;
}

static void
test_alerts (void)
{
  FbkInstant now = fbk_time_oslo_at_hour ((FbkDate) { 2026, 12, 10 }, 12);
  FbkCapacityAlertMemory memory = { 0 };
  FbkMaxHours max_hours;

  /* Fewer than three days: the average may still fall, nothing is told
   * and nothing remembered. */
  max_hours = month_of (12, 11, 10, 0);
  g_assert_cmpint (fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.5), ==, FBK_CAPACITY_ALERT_NONE);
  g_assert_cmpint (memory.year, ==, 0);

  /* The month's first figure, average 8 (step 3, 2 from the next): where
   * it starts, not news. */
  max_hours = month_of (12, 9, 8, 7);
  g_assert_cmpint (fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.5), ==, FBK_CAPACITY_ALERT_NONE);
  g_assert_cmpuint (memory.step, ==, 3);

  /* Average 9.6: 10.0001 − 9.6 = 0.4001 ≤ 0.5 from step 4: told once. */
  max_hours = month_of (12, 9.8, 9.6, 9.4);
  g_assert_cmpint (fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.5), ==, FBK_CAPACITY_ALERT_NEAR_NEXT);
  g_assert_cmpint (fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.5), ==, FBK_CAPACITY_ALERT_NONE);

  /* Average 10.5: step 4, told once. */
  max_hours = month_of (12, 11, 10.5, 10);
  g_assert_cmpint (fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.5), ==, FBK_CAPACITY_ALERT_STEP_UP);
  g_assert_cmpint (fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.5), ==, FBK_CAPACITY_ALERT_NONE);
  g_assert_cmpuint (memory.step, ==, 4);

  /* Average 14.7, 15.0001 − 14.7 = 0.3001 short of step 5: near, told
   * once; then 15.5, step 5: told once. */
  max_hours = month_of (12, 14.7, 14.7, 14.7);
  g_assert_cmpint (fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.5), ==, FBK_CAPACITY_ALERT_NEAR_NEXT);
  max_hours = month_of (12, 15.5, 15.5, 15.5);
  g_assert_cmpint (fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.5), ==, FBK_CAPACITY_ALERT_STEP_UP);
  g_assert_cmpint (fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.5), ==, FBK_CAPACITY_ALERT_NONE);

  /* An old month is never told, whatever its step, and leaves the memory
   * of this one alone. */
  max_hours = month_of (11, 20, 20, 20);
  g_assert_cmpint (fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.5), ==, FBK_CAPACITY_ALERT_NONE);
  g_assert_cmpint (memory.month, ==, 12);

  /* A margin of 0 never warns of nearness. */
  memory = (FbkCapacityAlertMemory) { 0 };
  max_hours = month_of (12, 9, 8, 7);
  fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.0);
  max_hours = month_of (12, 9.99, 9.99, 9.99);
  g_assert_cmpint (fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.0), ==, FBK_CAPACITY_ALERT_NONE);
}

static void
test_step_up_near_next_at_once (void)
{
  FbkInstant now = fbk_time_oslo_at_hour ((FbkDate) { 2026, 12, 10 }, 12);
  FbkCapacityAlertMemory memory = { 2026, 12, 3, 0 };
  FbkMaxHours max_hours = month_of (12, 14.8, 14.8, 14.8);

  /* From step 3 to 14.8 (step 4, 0.2 from step 5): the step is told, and
   * nearness to step 5 counts as told with it. */
  g_assert_cmpint (fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.5), ==, FBK_CAPACITY_ALERT_STEP_UP);
  g_assert_cmpuint (memory.near_step, ==, 4);
  g_assert_cmpint (fbk_capacity_alert_check (&memory, &max_hours, &stays_below, now, 0.5), ==, FBK_CAPACITY_ALERT_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/capacity-coach/ceiling", test_ceiling);
  g_test_add_func ("/capacity-coach/saving/between-bounds", test_saving_between_bounds);
  g_test_add_func ("/capacity-coach/saving/fourth-day-moves-up", test_saving_fourth_day_moves_up);
  g_test_add_func ("/capacity-coach/saving/fewer-than-three-days", test_saving_fewer_than_three_days);
  g_test_add_func ("/capacity-coach/saving/exact-boundaries", test_saving_exact_boundaries);
  g_test_add_func ("/capacity-coach/saving/lowest-step", test_saving_lowest_step);
  g_test_add_func ("/capacity-coach/keep-under", test_keep_under);
  g_test_add_func ("/capacity-coach/project", test_project);
  g_test_add_func ("/capacity-coach/alerts", test_alerts);
  g_test_add_func ("/capacity-coach/alerts/step-up-near-next", test_step_up_near_next_at_once);

  return g_test_run ();
}
