/* fbk-range-planner.h: turning "meters × period × direction" into legal requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-series.h"
#include "fbk-time.h"

G_BEGIN_DECLS

/* The MeterValueApi refuses requests that span more than a year or start
 * more than three years back, and fails on a window before the meter's
 * contract. fbk_range_plan() turns what the user asked for into requests the
 * API accepts, and says what it had to leave out:
 *
 * - The period [from, to) is half-open. An empty or inverted one gives no
 *   requests and one %FBK_RANGE_DROP_EMPTY_PERIOD entry.
 * - The end is clamped to the end of the hour holding @now (hours not yet
 *   metered are simply absent in answers); anything later is dropped as
 *   %FBK_RANGE_DROP_AFTER_NOW.
 * - Nothing starts before the history limit, fbk_range_plan_history_limit():
 *   three calendar years before @now on Oslo's clock, plus
 *   %FBK_RANGE_PLAN_SAFETY_MARGIN, rounded up to a whole hour. The margin is
 *   there because the server checks against its own clock when the request
 *   arrives (later than ours) and may count the three years in UTC, which
 *   differs from Oslo's calendar by up to the one-hour DST shift. What lies
 *   before is dropped as %FBK_RANGE_DROP_BEFORE_HISTORY_LIMIT, once for all
 *   meters.
 * - Nothing for a meter starts before its contract start (when known); what
 *   lies before is dropped for that meter as %FBK_RANGE_DROP_BEFORE_CONTRACT.
 * - Each request spans at most %FBK_RANGE_PLAN_MAX_SPAN (365 days: a year
 *   holding 29 February is 366 days, so 365 is always within "one year").
 *   Windows are laid out backwards from the clamped end, shared by all
 *   meters, so every meter needs the fewest requests and only its oldest
 *   request is shorter.
 * - Requests are ordered oldest window first, and within a window in the
 *   order the meters were given; the repository sends the requests of all
 *   its plans newest first (fbk-repository-refresh.c).
 */

/* One hour for the server's clock being ahead of ours, one for the DST
 * difference between counting three years in UTC and on Oslo's clock. */
#define FBK_RANGE_PLAN_SAFETY_MARGIN (2 * FBK_SECONDS_PER_HOUR)
#define FBK_RANGE_PLAN_MAX_SPAN      (365 * 24 * FBK_SECONDS_PER_HOUR)

typedef struct
{
  const char *metering_point_id;
  /* customerContract.startTime, or FBK_INSTANT_INVALID when unknown */
  FbkInstant  contract_start;
} FbkPlanMeter;

typedef struct
{
  char         *metering_point_id;
  FbkInstant    from;
  FbkInstant    to;
  FbkDirection  direction;
} FbkRangeRequest;

typedef enum
{
  FBK_RANGE_DROP_EMPTY_PERIOD,
  FBK_RANGE_DROP_AFTER_NOW,
  FBK_RANGE_DROP_BEFORE_HISTORY_LIMIT,
  FBK_RANGE_DROP_BEFORE_CONTRACT,
} FbkRangeDropReason;

/* A part of the asked period that no request covers. */
typedef struct
{
  char               *metering_point_id;  /* NULL when it applies to every meter */
  FbkInstant          from;
  FbkInstant          to;
  FbkRangeDropReason  reason;
} FbkRangeDrop;

void fbk_range_drop_clear (gpointer data);

typedef struct
{
  GArray *requests;  /* FbkRangeRequest, oldest window first */
  GArray *dropped;   /* FbkRangeDrop, oldest first */
} FbkRangePlan;

FbkRangePlan *fbk_range_plan                 (const FbkPlanMeter  *meters,
                                              guint                n_meters,
                                              FbkInstant           from,
                                              FbkInstant           to,
                                              FbkDirection         direction,
                                              FbkInstant           now);
void          fbk_range_plan_free            (FbkRangePlan        *plan);
FbkInstant    fbk_range_plan_history_limit   (FbkInstant           now);
FbkInstant    fbk_range_plan_end_limit       (FbkInstant           now);

const char   *fbk_range_drop_reason_describe (FbkRangeDropReason   reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkRangePlan, fbk_range_plan_free)

G_END_DECLS
