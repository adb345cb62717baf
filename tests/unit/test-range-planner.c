/* test-range-planner.c: legal MeterValueApi requests for meters × period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fbk-range-planner.h"

#define HOUR FBK_SECONDS_PER_HOUR
#define DAY (24 * HOUR)
#define SPAN FBK_RANGE_PLAN_MAX_SPAN

static FbkInstant
at (const char *text)
{
  FbkInstant instant = 0;

  if (!fbk_time_parse (text, &instant))
    g_error ("could not parse %s", text);
  return instant;
}

static const FbkRangeRequest *
request_at (FbkRangePlan *plan,
            guint         index)
{
  g_assert_cmpuint (index, <, plan->requests->len);
  return &g_array_index (plan->requests, FbkRangeRequest, index);
}

static const FbkRangeDrop *
drop_at (FbkRangePlan *plan,
         guint         index)
{
  g_assert_cmpuint (index, <, plan->dropped->len);
  return &g_array_index (plan->dropped, FbkRangeDrop, index);
}

static void
assert_request (FbkRangePlan *plan,
                guint         index,
                const char   *metering_point_id,
                FbkInstant    from,
                FbkInstant    to)
{
  const FbkRangeRequest *request = request_at (plan, index);

  g_assert_cmpstr (request->metering_point_id, ==, metering_point_id);
  g_assert_cmpint (request->from, ==, from);
  g_assert_cmpint (request->to, ==, to);
}

static void
assert_drop (FbkRangePlan       *plan,
             guint               index,
             const char         *metering_point_id,
             FbkInstant          from,
             FbkInstant          to,
             FbkRangeDropReason  reason)
{
  const FbkRangeDrop *drop = drop_at (plan, index);

  g_assert_cmpstr (drop->metering_point_id, ==, metering_point_id);
  g_assert_cmpint (drop->from, ==, from);
  g_assert_cmpint (drop->to, ==, to);
  g_assert_cmpint (drop->reason, ==, reason);
}

static int
compare_pieces (gconstpointer a,
                gconstpointer b)
{
  const FbkInstant *pa = a;
  const FbkInstant *pb = b;

  return (pa[0] > pb[0]) - (pa[0] < pb[0]);
}

static guint
meter_index (const FbkPlanMeter *meters,
             guint               n_meters,
             const char         *metering_point_id)
{
  for (guint m = 0; m < n_meters; m++)
    {
      if (g_strcmp0 (meters[m].metering_point_id, metering_point_id) == 0)
        return m;
    }

  g_error ("request for unknown meter %s", metering_point_id);
}

/* Checks every rule of fbk-range-planner.h on one plan, whatever its inputs. */
static void
check_plan (const FbkPlanMeter *meters,
            guint               n_meters,
            FbkInstant          from,
            FbkInstant          to,
            FbkDirection        direction,
            FbkInstant          now,
            FbkRangePlan       *plan)
{
  FbkInstant history = fbk_range_plan_history_limit (now);
  FbkInstant end_limit = fbk_range_plan_end_limit (now);

  if (from >= to)
    {
      g_assert_cmpuint (plan->requests->len, ==, 0);
      g_assert_cmpuint (plan->dropped->len, ==, 1);
      assert_drop (plan, 0, NULL, from, to, FBK_RANGE_DROP_EMPTY_PERIOD);
      return;
    }

  for (guint i = 0; i < plan->requests->len; i++)
    {
      const FbkRangeRequest *request = request_at (plan, i);
      guint m = meter_index (meters, n_meters, request->metering_point_id);

      g_assert_cmpint (request->from, <, request->to);
      g_assert_cmpint (request->to - request->from, <=, 365 * DAY);
      g_assert_cmpint (request->from, >=, history);
      g_assert_cmpint (request->from, >=, from);
      g_assert_cmpint (request->to, <=, end_limit);
      g_assert_cmpint (request->to, <=, to);
      if (meters[m].contract_start != FBK_INSTANT_INVALID)
        g_assert_cmpint (request->from, >=, meters[m].contract_start);
      g_assert_cmpint (request->direction, ==, direction);

      /* oldest window first, then the meters in the order given */
      if (i > 0)
        {
          const FbkRangeRequest *previous = request_at (plan, i - 1);

          g_assert_true (previous->to < request->to ||
                         (previous->to == request->to &&
                          meter_index (meters, n_meters, previous->metering_point_id) < m));
        }
    }

  for (guint i = 0; i < plan->dropped->len; i++)
    {
      const FbkRangeDrop *drop = drop_at (plan, i);

      g_assert_cmpint (drop->from, <, drop->to);
      if (i > 0)
        g_assert_cmpint (drop_at (plan, i - 1)->from, <=, drop->from);

      switch (drop->reason)
        {
        case FBK_RANGE_DROP_BEFORE_HISTORY_LIMIT:
          g_assert_null (drop->metering_point_id);
          g_assert_cmpint (drop->to, <=, history);
          break;
        case FBK_RANGE_DROP_AFTER_NOW:
          g_assert_null (drop->metering_point_id);
          g_assert_cmpint (drop->from, >=, end_limit);
          break;
        case FBK_RANGE_DROP_BEFORE_CONTRACT:
          {
            guint m = meter_index (meters, n_meters, drop->metering_point_id);

            g_assert_cmpint (drop->from, >=, history);
            g_assert_cmpint (drop->to, <=, meters[m].contract_start);
          }
          break;
        case FBK_RANGE_DROP_EMPTY_PERIOD:
        default:
          g_assert_not_reached ();
        }
    }

  /* For each meter, its requests and the drops that concern it tile the
   * period exactly, and it has the fewest requests its span allows. */
  for (guint m = 0; m < n_meters; m++)
    {
      g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (FbkInstant) * 2);
      FbkInstant requested_from = G_MAXINT64;
      FbkInstant requested_to = G_MININT64;
      FbkInstant cursor = from;
      guint n_requests = 0;

      for (guint i = 0; i < plan->requests->len; i++)
        {
          const FbkRangeRequest *request = request_at (plan, i);
          FbkInstant piece[2] = { request->from, request->to };

          if (g_strcmp0 (request->metering_point_id, meters[m].metering_point_id) != 0)
            continue;
          g_array_append_vals (pieces, piece, 1);
          requested_from = MIN (requested_from, request->from);
          requested_to = MAX (requested_to, request->to);
          n_requests++;
        }
      for (guint i = 0; i < plan->dropped->len; i++)
        {
          const FbkRangeDrop *drop = drop_at (plan, i);
          FbkInstant piece[2] = { drop->from, drop->to };

          if (drop->metering_point_id == NULL ||
              g_strcmp0 (drop->metering_point_id, meters[m].metering_point_id) == 0)
            g_array_append_vals (pieces, piece, 1);
        }

      g_array_sort (pieces, compare_pieces);
      for (guint i = 0; i < pieces->len; i++)
        {
          FbkInstant *piece = &g_array_index (pieces, FbkInstant, 2 * i);

          g_assert_cmpint (piece[0], ==, cursor);
          cursor = piece[1];
        }
      g_assert_cmpint (cursor, ==, to);

      if (n_requests > 0)
        g_assert_cmpint (n_requests, ==, (requested_to - requested_from + SPAN - 1) / SPAN);
    }
}

static FbkRangePlan *
plan_and_check (const FbkPlanMeter *meters,
                guint               n_meters,
                FbkInstant          from,
                FbkInstant          to,
                FbkInstant          now)
{
  FbkRangePlan *plan = fbk_range_plan (meters, n_meters, from, to, FBK_DIRECTION_CONSUMPTION, now);

  check_plan (meters, n_meters, from, to, FBK_DIRECTION_CONSUMPTION, now, plan);
  return plan;
}

static const FbkPlanMeter one_meter[] = {
  { "707057500012345678", FBK_INSTANT_INVALID },
};

static void
test_limits (void)
{
  static const struct {
    const char *now;
    const char *history;
    const char *end;
  } cases[] = {
    /* three years back + two hours, rounded up to the hour */
    { "2026-06-15T12:34:56+02:00", "2023-06-15T15:00:00+02:00", "2026-06-15T13:00:00+02:00" },
    /* already on the hour: no rounding; the end is the end of the hour now is in */
    { "2026-06-15T12:00:00+02:00", "2023-06-15T14:00:00+02:00", "2026-06-15T13:00:00+02:00" },
    { "2026-06-15T12:59:59+02:00", "2023-06-15T15:00:00+02:00", "2026-06-15T13:00:00+02:00" },
    /* 29 February: three years before is 28 February */
    { "2028-02-29T10:00:00+01:00", "2025-02-28T12:00:00+01:00", "2028-02-29T11:00:00+01:00" },
    { "2027-03-01T00:30:00+01:00", "2024-03-01T03:00:00+01:00", "2027-03-01T01:00:00+01:00" },
    /* now in winter time, three years back in summer time: same wall clock */
    { "2026-03-28T12:00:00+01:00", "2023-03-28T14:00:00+02:00", "2026-03-28T13:00:00+01:00" },
    /* both 02:30s of the autumn change */
    { "2025-10-26T02:30:00+02:00", "2022-10-26T05:00:00+02:00", "2025-10-26T02:00:00+01:00" },
    { "2025-10-26T02:30:00+01:00", "2022-10-26T05:00:00+02:00", "2025-10-26T03:00:00+01:00" },
    /* New Year */
    { "2026-01-01T00:00:00+01:00", "2023-01-01T02:00:00+01:00", "2026-01-01T01:00:00+01:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FbkInstant now = at (cases[i].now);

      g_assert_cmpint (fbk_range_plan_history_limit (now), ==, at (cases[i].history));
      g_assert_cmpint (fbk_range_plan_end_limit (now), ==, at (cases[i].end));
      /* the margin is at least an hour */
      g_assert_cmpint (fbk_range_plan_history_limit (now), >=, fbk_time_add_oslo_months (now, -36) + HOUR);
    }
}

static void
test_one_year (void)
{
  FbkInstant now = at ("2026-06-15T12:34:56+02:00");
  FbkInstant from = at ("2025-01-01T00:00:00+01:00");
  FbkInstant to = at ("2026-01-01T00:00:00+01:00");
  g_autoptr(FbkRangePlan) exact = NULL;
  g_autoptr(FbkRangePlan) longer = NULL;
  g_autoptr(FbkRangePlan) leap = NULL;
  g_autoptr(FbkRangePlan) across_leap_day = NULL;

  g_assert_cmpint (to - from, ==, 365 * DAY);

  exact = plan_and_check (one_meter, 1, from, to, now);
  g_assert_cmpuint (exact->requests->len, ==, 1);
  g_assert_cmpuint (exact->dropped->len, ==, 0);
  assert_request (exact, 0, "707057500012345678", from, to);
  g_assert_cmpint (request_at (exact, 0)->direction, ==, FBK_DIRECTION_CONSUMPTION);

  /* one second more needs a second request: the oldest is the short one */
  longer = plan_and_check (one_meter, 1, from, to + 1, now);
  g_assert_cmpuint (longer->requests->len, ==, 2);
  assert_request (longer, 0, "707057500012345678", from, from + 1);
  assert_request (longer, 1, "707057500012345678", from + 1, to + 1);

  /* a leap year is 366 days: one day more than a request may span */
  leap = plan_and_check (one_meter, 1, at ("2024-01-01T00:00:00+01:00"),
                         at ("2025-01-01T00:00:00+01:00"), now);
  g_assert_cmpuint (leap->requests->len, ==, 2);
  assert_request (leap, 0, "707057500012345678", at ("2024-01-01T00:00:00+01:00"),
                  at ("2024-01-02T00:00:00+01:00"));
  assert_request (leap, 1, "707057500012345678", at ("2024-01-02T00:00:00+01:00"),
                  at ("2025-01-01T00:00:00+01:00"));

  /* 365 days across 29 February and both DST changes: one request */
  across_leap_day = plan_and_check (one_meter, 1, at ("2023-12-01T00:00:00+01:00"),
                                    at ("2024-11-30T00:00:00+01:00"), now);
  g_assert_cmpuint (across_leap_day->requests->len, ==, 1);
}

static void
test_three_years (void)
{
  FbkInstant now = at ("2026-06-15T12:34:56+02:00");
  FbkInstant history = at ("2023-06-15T15:00:00+02:00");
  FbkInstant end = at ("2026-06-15T13:00:00+02:00");
  g_autoptr(FbkRangePlan) plan = NULL;
  g_autoptr(FbkRangePlan) at_limit = NULL;
  g_autoptr(FbkRangePlan) second_before = NULL;
  g_autoptr(FbkRangePlan) all_before = NULL;

  plan = plan_and_check (one_meter, 1, at ("2020-01-01T00:00:00+01:00"),
                         at ("2026-07-01T00:00:00+02:00"), now);
  g_assert_cmpuint (plan->dropped->len, ==, 2);
  assert_drop (plan, 0, NULL, at ("2020-01-01T00:00:00+01:00"), history,
               FBK_RANGE_DROP_BEFORE_HISTORY_LIMIT);
  assert_drop (plan, 1, NULL, end, at ("2026-07-01T00:00:00+02:00"), FBK_RANGE_DROP_AFTER_NOW);
  /* 365-day windows back from the end; 2024 has 29 February, so they do not
   * fall on the same calendar date */
  g_assert_cmpuint (plan->requests->len, ==, 4);
  assert_request (plan, 0, "707057500012345678", history, at ("2023-06-16T13:00:00+02:00"));
  assert_request (plan, 1, "707057500012345678", at ("2023-06-16T13:00:00+02:00"),
                  at ("2024-06-15T13:00:00+02:00"));
  assert_request (plan, 2, "707057500012345678", at ("2024-06-15T13:00:00+02:00"),
                  at ("2025-06-15T13:00:00+02:00"));
  assert_request (plan, 3, "707057500012345678", at ("2025-06-15T13:00:00+02:00"), end);

  /* starting exactly at the limit drops nothing; a second earlier drops a second */
  at_limit = plan_and_check (one_meter, 1, history, end, now);
  g_assert_cmpuint (at_limit->dropped->len, ==, 0);
  g_assert_cmpint (request_at (at_limit, 0)->from, ==, history);
  second_before = plan_and_check (one_meter, 1, history - 1, end, now);
  g_assert_cmpuint (second_before->dropped->len, ==, 1);
  assert_drop (second_before, 0, NULL, history - 1, history, FBK_RANGE_DROP_BEFORE_HISTORY_LIMIT);
  g_assert_cmpint (request_at (second_before, 0)->from, ==, history);

  /* wholly too old: no request, and the whole period is accounted for */
  all_before = plan_and_check (one_meter, 1, at ("2020-01-01T00:00:00+01:00"), history, now);
  g_assert_cmpuint (all_before->requests->len, ==, 0);
  g_assert_cmpuint (all_before->dropped->len, ==, 1);
  assert_drop (all_before, 0, NULL, at ("2020-01-01T00:00:00+01:00"), history,
               FBK_RANGE_DROP_BEFORE_HISTORY_LIMIT);
}

static void
test_contract_start (void)
{
  FbkInstant now = at ("2026-06-15T12:34:56+02:00");
  FbkInstant from = at ("2024-01-01T00:00:00+01:00");
  FbkInstant to = at ("2025-01-01T00:00:00+01:00");
  FbkPlanMeter inside[] = { { "A", at ("2024-09-01T00:00:00+02:00") } };
  FbkPlanMeter after[] = { { "A", at ("2025-02-01T00:00:00+01:00") } };
  FbkPlanMeter on_start[] = { { "A", from } };
  FbkPlanMeter on_end[] = { { "A", to } };
  FbkPlanMeter long_ago[] = { { "A", at ("2016-04-15T00:00:00+02:00") } };
  g_autoptr(FbkRangePlan) plan_inside = plan_and_check (inside, 1, from, to, now);
  g_autoptr(FbkRangePlan) plan_after = plan_and_check (after, 1, from, to, now);
  g_autoptr(FbkRangePlan) plan_on_start = plan_and_check (on_start, 1, from, to, now);
  g_autoptr(FbkRangePlan) plan_on_end = plan_and_check (on_end, 1, from, to, now);
  g_autoptr(FbkRangePlan) plan_long_ago = NULL;

  g_assert_cmpuint (plan_inside->requests->len, ==, 1);
  assert_request (plan_inside, 0, "A", at ("2024-09-01T00:00:00+02:00"), to);
  g_assert_cmpuint (plan_inside->dropped->len, ==, 1);
  assert_drop (plan_inside, 0, "A", from, at ("2024-09-01T00:00:00+02:00"), FBK_RANGE_DROP_BEFORE_CONTRACT);

  g_assert_cmpuint (plan_after->requests->len, ==, 0);
  g_assert_cmpuint (plan_after->dropped->len, ==, 1);
  assert_drop (plan_after, 0, "A", from, to, FBK_RANGE_DROP_BEFORE_CONTRACT);

  g_assert_cmpuint (plan_on_start->dropped->len, ==, 0);
  g_assert_cmpuint (plan_on_start->requests->len, ==, 2);

  g_assert_cmpuint (plan_on_end->requests->len, ==, 0);
  assert_drop (plan_on_end, 0, "A", from, to, FBK_RANGE_DROP_BEFORE_CONTRACT);

  /* before the history limit, the limit is the reason, not the contract */
  plan_long_ago = plan_and_check (long_ago, 1, at ("2015-01-01T00:00:00+01:00"), to, now);
  g_assert_cmpuint (plan_long_ago->dropped->len, ==, 1);
  g_assert_cmpint (drop_at (plan_long_ago, 0)->reason, ==, FBK_RANGE_DROP_BEFORE_HISTORY_LIMIT);

  /* contract start inside the history gap: both reasons, each its own part */
  {
    FbkPlanMeter recent[] = { { "A", at ("2023-08-01T00:00:00+02:00") } };
    g_autoptr(FbkRangePlan) plan = plan_and_check (recent, 1, at ("2023-01-01T00:00:00+01:00"), to, now);

    g_assert_cmpuint (plan->dropped->len, ==, 2);
    assert_drop (plan, 0, NULL, at ("2023-01-01T00:00:00+01:00"), at ("2023-06-15T15:00:00+02:00"),
                 FBK_RANGE_DROP_BEFORE_HISTORY_LIMIT);
    assert_drop (plan, 1, "A", at ("2023-06-15T15:00:00+02:00"), at ("2023-08-01T00:00:00+02:00"),
                 FBK_RANGE_DROP_BEFORE_CONTRACT);
    g_assert_cmpint (request_at (plan, 0)->from, ==, at ("2023-08-01T00:00:00+02:00"));
  }
}

static void
test_empty_and_future (void)
{
  FbkInstant now = at ("2026-06-15T12:34:56+02:00");
  FbkInstant end = at ("2026-06-15T13:00:00+02:00");
  FbkInstant t = at ("2026-01-01T00:00:00+01:00");
  g_autoptr(FbkRangePlan) empty = plan_and_check (one_meter, 1, t, t, now);
  g_autoptr(FbkRangePlan) inverted = plan_and_check (one_meter, 1, t + DAY, t, now);
  g_autoptr(FbkRangePlan) future = plan_and_check (one_meter, 1, end, end + 30 * DAY, now);
  g_autoptr(FbkRangePlan) straddling = plan_and_check (one_meter, 1, end - 1, end + 1, now);
  g_autoptr(FbkRangePlan) no_meters = plan_and_check (NULL, 0, t, end, now);

  g_assert_cmpuint (empty->requests->len, ==, 0);
  assert_drop (empty, 0, NULL, t, t, FBK_RANGE_DROP_EMPTY_PERIOD);
  g_assert_cmpuint (inverted->requests->len, ==, 0);
  assert_drop (inverted, 0, NULL, t + DAY, t, FBK_RANGE_DROP_EMPTY_PERIOD);

  g_assert_cmpuint (future->requests->len, ==, 0);
  g_assert_cmpuint (future->dropped->len, ==, 1);
  assert_drop (future, 0, NULL, end, end + 30 * DAY, FBK_RANGE_DROP_AFTER_NOW);

  g_assert_cmpuint (straddling->requests->len, ==, 1);
  assert_request (straddling, 0, "707057500012345678", end - 1, end);
  assert_drop (straddling, 0, NULL, end, end + 1, FBK_RANGE_DROP_AFTER_NOW);

  g_assert_cmpuint (no_meters->requests->len, ==, 0);
  g_assert_cmpuint (no_meters->dropped->len, ==, 0);
}

static void
test_several_meters (void)
{
  FbkInstant now = at ("2026-06-15T12:34:56+02:00");
  FbkInstant history = at ("2023-06-15T15:00:00+02:00");
  FbkInstant w1 = at ("2023-06-16T13:00:00+02:00");
  FbkInstant w2 = at ("2024-06-15T13:00:00+02:00");
  FbkInstant w3 = at ("2025-06-15T13:00:00+02:00");
  FbkInstant end = at ("2026-06-15T13:00:00+02:00");
  FbkInstant c2 = at ("2024-03-10T00:00:00+01:00");
  FbkInstant c3 = at ("2025-12-24T00:00:00+01:00");
  /* deliberately not in id order: the given order is kept */
  FbkPlanMeter meters[] = {
    { "707057500000000003", c3 },
    { "707057500000000001", FBK_INSTANT_INVALID },
    { "707057500000000002", c2 },
  };
  g_autoptr(FbkRangePlan) plan = NULL;
  g_autoptr(FbkRangePlan) production = NULL;

  plan = plan_and_check (meters, G_N_ELEMENTS (meters), at ("2020-01-01T00:00:00+01:00"), end, now);

  g_assert_cmpuint (plan->requests->len, ==, 8);
  assert_request (plan, 0, "707057500000000001", history, w1);
  assert_request (plan, 1, "707057500000000001", w1, w2);
  assert_request (plan, 2, "707057500000000002", c2, w2);
  assert_request (plan, 3, "707057500000000001", w2, w3);
  assert_request (plan, 4, "707057500000000002", w2, w3);
  assert_request (plan, 5, "707057500000000003", c3, end);
  assert_request (plan, 6, "707057500000000001", w3, end);
  assert_request (plan, 7, "707057500000000002", w3, end);

  g_assert_cmpuint (plan->dropped->len, ==, 3);
  assert_drop (plan, 0, NULL, at ("2020-01-01T00:00:00+01:00"), history, FBK_RANGE_DROP_BEFORE_HISTORY_LIMIT);
  assert_drop (plan, 1, "707057500000000003", history, c3, FBK_RANGE_DROP_BEFORE_CONTRACT);
  assert_drop (plan, 2, "707057500000000002", history, c2, FBK_RANGE_DROP_BEFORE_CONTRACT);

  /* the direction is carried into every request */
  production = fbk_range_plan (meters, G_N_ELEMENTS (meters), history, end, FBK_DIRECTION_PRODUCTION, now);
  check_plan (meters, G_N_ELEMENTS (meters), history, end, FBK_DIRECTION_PRODUCTION, now, production);
  g_assert_cmpuint (production->requests->len, ==, 8);
}

/* The plan owns its strings: the caller's meter ids may go away. */
static void
test_owns_strings (void)
{
  g_autofree char *id = g_strdup ("707057500012345678");
  FbkPlanMeter meters[] = { { id, at ("2025-03-01T00:00:00+01:00") } };
  g_autoptr(FbkRangePlan) plan = fbk_range_plan (meters, 1, at ("2025-01-01T00:00:00+01:00"),
                                                 at ("2025-06-01T00:00:00+02:00"),
                                                 FBK_DIRECTION_CONSUMPTION,
                                                 at ("2026-06-15T12:00:00+02:00"));

  g_clear_pointer (&id, g_free);
  g_assert_cmpstr (request_at (plan, 0)->metering_point_id, ==, "707057500012345678");
  g_assert_cmpstr (drop_at (plan, 0)->metering_point_id, ==, "707057500012345678");
}

static void
test_dst_boundaries (void)
{
  FbkInstant autumn_day = at ("2022-10-30T00:00:00+02:00");
  FbkInstant next_day = at ("2022-10-31T00:00:00+01:00");
  g_autoptr(FbkRangePlan) whole_day = NULL;
  g_autoptr(FbkRangePlan) during_change = NULL;
  g_autoptr(FbkRangePlan) spring = NULL;

  whole_day = plan_and_check (one_meter, 1, autumn_day, next_day, at ("2023-01-01T12:00:00+01:00"));
  g_assert_cmpuint (whole_day->requests->len, ==, 1);
  assert_request (whole_day, 0, "707057500012345678", autumn_day, next_day);
  g_assert_cmpint (next_day - autumn_day, ==, 25 * HOUR);

  /* now in the repeated hour: the end is the end of that (second) 02:00 hour */
  during_change = plan_and_check (one_meter, 1, at ("2022-10-29T00:00:00+02:00"), next_day,
                                  at ("2022-10-30T02:30:00+01:00"));
  g_assert_cmpuint (during_change->requests->len, ==, 1);
  assert_request (during_change, 0, "707057500012345678", at ("2022-10-29T00:00:00+02:00"),
                  at ("2022-10-30T03:00:00+01:00"));
  assert_drop (during_change, 0, NULL, at ("2022-10-30T03:00:00+01:00"), next_day,
               FBK_RANGE_DROP_AFTER_NOW);

  /* windows are counted in seconds, not on the wall clock: 365 days back
   * from a summer-time midnight is 23:00 winter time */
  spring = plan_and_check (one_meter, 1, at ("2022-03-26T00:00:00+01:00"),
                           at ("2023-03-27T00:00:00+02:00"), at ("2023-06-01T12:00:00+02:00"));
  g_assert_cmpuint (spring->requests->len, ==, 2);
  assert_request (spring, 0, "707057500012345678", at ("2022-03-26T00:00:00+01:00"),
                  at ("2022-03-26T23:00:00+01:00"));
  assert_request (spring, 1, "707057500012345678", at ("2022-03-26T23:00:00+01:00"),
                  at ("2023-03-27T00:00:00+02:00"));
}

/* Every pair of boundary instants as (from, to), for several clocks and
 * contract setups, through the rule checker. */
static void
test_boundary_sweep (void)
{
  static const char * const nows[] = {
    "2026-06-15T12:34:56+02:00", "2026-06-15T12:00:00+02:00", "2026-06-15T11:59:59+02:00",
    "2028-02-29T10:00:00+01:00", "2027-03-01T00:00:00+01:00", "2027-02-28T23:59:59+01:00",
    "2025-10-26T02:30:00+02:00", "2025-10-26T02:30:00+01:00", "2026-03-29T01:59:59+01:00",
    "2026-03-29T03:00:00+02:00", "2026-01-01T00:00:00+01:00", "2025-12-31T23:59:59+01:00",
  };
  guint n_plans = 0;
  guint n_requests = 0;
  guint n_drops = 0;

  for (guint n = 0; n < G_N_ELEMENTS (nows); n++)
    {
      FbkInstant now = at (nows[n]);
      FbkInstant history = fbk_range_plan_history_limit (now);
      FbkInstant end = fbk_range_plan_end_limit (now);
      FbkInstant contract = history + 400 * DAY + 1234;
      FbkPlanMeter meters[] = {
        { "B", FBK_INSTANT_INVALID },
        { "A", contract },
        { "C", history },
        { "D", end + DAY },
        { "E", history - 30 * DAY },
      };
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (FbkInstant));
      FbkInstant bases[] = { history, contract, end, end - SPAN, end - 2 * SPAN, end - 3 * SPAN,
                             history + SPAN, fbk_time_add_oslo_months (now, -36),
                             fbk_time_add_oslo_months (now, -60), end + SPAN };

      for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
        for (int delta = -1; delta <= 1; delta++)
          {
            FbkInstant point = bases[b] + delta;
            g_array_append_val (points, point);
          }

      for (guint i = 0; i < points->len; i++)
        for (guint j = 0; j < points->len; j++)
          for (guint k = 1; k <= G_N_ELEMENTS (meters); k++)
            {
              FbkInstant from = g_array_index (points, FbkInstant, i);
              FbkInstant to = g_array_index (points, FbkInstant, j);
              g_autoptr(FbkRangePlan) plan = plan_and_check (meters, k, from, to, now);

              n_plans++;
              n_requests += plan->requests->len;
              n_drops += plan->dropped->len;
            }
    }

  g_test_message ("checked %u plans: %u requests, %u drops", n_plans, n_requests, n_drops);
  g_assert_cmpuint (n_requests, >, n_plans);
}

static void
test_describe (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  FbkRangeDropReason reasons[] = {
    FBK_RANGE_DROP_EMPTY_PERIOD, FBK_RANGE_DROP_AFTER_NOW,
    FBK_RANGE_DROP_BEFORE_HISTORY_LIMIT, FBK_RANGE_DROP_BEFORE_CONTRACT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      const char *text = fbk_range_drop_reason_describe (reasons[i]);

      g_assert_nonnull (text);
      g_assert_cmpuint (strlen (text), >, 10);
      g_assert_true (g_hash_table_add (seen, (gpointer) text));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/range-planner/limits", test_limits);
  g_test_add_func ("/range-planner/one-year", test_one_year);
  g_test_add_func ("/range-planner/three-years", test_three_years);
  g_test_add_func ("/range-planner/contract-start", test_contract_start);
  g_test_add_func ("/range-planner/empty-and-future", test_empty_and_future);
  g_test_add_func ("/range-planner/several-meters", test_several_meters);
  g_test_add_func ("/range-planner/owns-strings", test_owns_strings);
  g_test_add_func ("/range-planner/dst-boundaries", test_dst_boundaries);
  g_test_add_func ("/range-planner/boundary-sweep", test_boundary_sweep);
  g_test_add_func ("/range-planner/describe", test_describe);

  return g_test_run ();
}
