/* fbk-range-planner.c: turning "meters × period × direction" into legal requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-range-planner"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-range-planner.h"

static FbkInstant
floor_hour (FbkInstant instant)
{
  FbkInstant remainder = instant % FBK_SECONDS_PER_HOUR;

  return instant - (remainder < 0 ? remainder + FBK_SECONDS_PER_HOUR : remainder);
}

static FbkInstant
ceil_hour (FbkInstant instant)
{
  FbkInstant floored = floor_hour (instant);

  return floored == instant ? instant : floored + FBK_SECONDS_PER_HOUR;
}

/**
 * fbk_range_plan_history_limit:
 *
 * Returns: the earliest instant a request may start at when sent at @now
 */
FbkInstant
fbk_range_plan_history_limit (FbkInstant now)
{
  return ceil_hour (fbk_time_add_oslo_months (now, -36) + FBK_RANGE_PLAN_SAFETY_MARGIN);
}

/**
 * fbk_range_plan_end_limit:
 *
 * Returns: the latest instant a request may end at when sent at @now: the
 *   end of the hour holding @now
 */
FbkInstant
fbk_range_plan_end_limit (FbkInstant now)
{
  return floor_hour (now) + FBK_SECONDS_PER_HOUR;
}

static void
clear_request (gpointer data)
{
  FbkRangeRequest *request = data;

  g_free (request->metering_point_id);
}

/* The GArray clear func of FbkRangeDrop arrays. */
void
fbk_range_drop_clear (gpointer data)
{
  FbkRangeDrop *drop = data;

  g_free (drop->metering_point_id);
}

static void
add_drop (FbkRangePlan       *plan,
          const char         *metering_point_id,
          FbkInstant          from,
          FbkInstant          to,
          FbkRangeDropReason  reason)
{
  FbkRangeDrop drop = { g_strdup (metering_point_id), from, to, reason };

  g_array_append_val (plan->dropped, drop);
}

/**
 * fbk_range_plan:
 * @meters: (array length=n_meters): the metering points to fetch
 * @from: the start of the period
 * @to: the end of the period (exclusive)
 * @direction: consumption or production, copied into every request
 * @now: the current time
 *
 * Plans the requests for [@from, @to) following the rules in
 * fbk-range-planner.h. Pure: the result depends on the arguments only.
 *
 * Returns: (transfer full): the plan; free with fbk_range_plan_free()
 */
FbkRangePlan *
fbk_range_plan (const FbkPlanMeter *meters,
                guint               n_meters,
                FbkInstant          from,
                FbkInstant          to,
                FbkDirection        direction,
                FbkInstant          now)
{
  g_autofree FbkInstant *meter_starts = NULL;
  FbkRangePlan *plan;
  FbkInstant history_limit;
  FbkInstant end_limit;
  FbkInstant start;
  FbkInstant end;
  gint64 n_windows = 0;

  g_return_val_if_fail (meters != NULL || n_meters == 0, NULL);
  for (guint m = 0; m < n_meters; m++)
    g_return_val_if_fail (meters[m].metering_point_id != NULL, NULL);

  plan = g_new0 (FbkRangePlan, 1);
  plan->requests = g_array_new (FALSE, FALSE, sizeof (FbkRangeRequest));
  plan->dropped = g_array_new (FALSE, FALSE, sizeof (FbkRangeDrop));
  g_array_set_clear_func (plan->requests, clear_request);
  g_array_set_clear_func (plan->dropped, fbk_range_drop_clear);

  if (from >= to)
    {
      add_drop (plan, NULL, from, to, FBK_RANGE_DROP_EMPTY_PERIOD);
      return plan;
    }

  history_limit = fbk_range_plan_history_limit (now);
  end_limit = fbk_range_plan_end_limit (now);
  start = MAX (from, history_limit);
  end = MIN (to, end_limit);

  if (from < history_limit)
    add_drop (plan, NULL, from, MIN (to, history_limit), FBK_RANGE_DROP_BEFORE_HISTORY_LIMIT);

  meter_starts = g_new (FbkInstant, MAX (n_meters, 1));

  for (guint m = 0; m < n_meters && start < end; m++)
    {
      FbkInstant contract_start = meters[m].contract_start;

      meter_starts[m] = start;
      if (contract_start != FBK_INSTANT_INVALID && contract_start > start)
        {
          add_drop (plan, meters[m].metering_point_id, start, MIN (contract_start, end),
                    FBK_RANGE_DROP_BEFORE_CONTRACT);
          meter_starts[m] = contract_start;
        }

      if (meter_starts[m] < end)
        n_windows = MAX (n_windows, (end - meter_starts[m] + FBK_RANGE_PLAN_MAX_SPAN - 1)
                                    / FBK_RANGE_PLAN_MAX_SPAN);
    }

  /* Window k (counted back from the end) is [end - (k+1)·span, end - k·span). */
  for (gint64 k = n_windows - 1; k >= 0; k--)
    {
      FbkInstant window_to = end - k * FBK_RANGE_PLAN_MAX_SPAN;
      FbkInstant window_from = window_to - FBK_RANGE_PLAN_MAX_SPAN;

      for (guint m = 0; m < n_meters; m++)
        {
          FbkRangeRequest request;

          if (meter_starts[m] >= window_to)
            continue;

          request.metering_point_id = g_strdup (meters[m].metering_point_id);
          request.from = MAX (window_from, meter_starts[m]);
          request.to = window_to;
          request.direction = direction;
          g_array_append_val (plan->requests, request);
        }
    }

  if (to > end_limit)
    add_drop (plan, NULL, MAX (from, end_limit), to, FBK_RANGE_DROP_AFTER_NOW);

  return plan;
}

void
fbk_range_plan_free (FbkRangePlan *plan)
{
  if (plan == NULL)
    return;

  /* Either array may have been stolen by the caller. */
  g_clear_pointer (&plan->requests, g_array_unref);
  g_clear_pointer (&plan->dropped, g_array_unref);
  g_free (plan);
}

/**
 * fbk_range_drop_reason_describe:
 *
 * Returns: (transfer none): why a part of the period was left out, in the
 *   user's language
 */
const char *
fbk_range_drop_reason_describe (FbkRangeDropReason reason)
{
  switch (reason)
    {
    case FBK_RANGE_DROP_EMPTY_PERIOD:
      return _("The period is empty: it must end after it starts.");
    case FBK_RANGE_DROP_AFTER_NOW:
      return _("This part of the period has not happened yet.");
    case FBK_RANGE_DROP_BEFORE_HISTORY_LIMIT:
      return _("Elvia provides meter values for the last three years only.");
    case FBK_RANGE_DROP_BEFORE_CONTRACT:
      return _("This is before your contract for the metering point started.");
    default:
      g_return_val_if_reached (NULL);
    }
}
