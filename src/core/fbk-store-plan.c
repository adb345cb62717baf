/* fbk-store-plan.c: the fetch log and the refresh policy, as plain arithmetic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-store"

#include "config.h"

#include "fbk-store-private.h"

/* A span is settled when nothing in it can drive a refetch: it holds no
 * unverified value, or it was fetched when even its newest value was old
 * enough to be final (see the policy in fbk-store.h). */
gboolean
fbk_fetch_span_is_settled (const FbkFetchSpan *span)
{
  return !span->had_unverified || span->fetched_at - span->to >= FBK_STORE_SETTLE_AGE;
}

gboolean
fbk_fetch_span_needs_recheck (const FbkFetchSpan *span,
                              FbkInstant          now)
{
  return !fbk_fetch_span_is_settled (span) &&
         now - span->fetched_at >= FBK_STORE_RECHECK_INTERVAL;
}

/* Whether the holes of @span are to be asked for again (see fbk-store.h):
 * a day after the fetch that left them, a week after a fetch of nothing but
 * holes (one that asked for them again and still got nothing). */
gboolean
fbk_fetch_span_holes_due (const FbkFetchSpan *span,
                          FbkInstant          now)
{
  switch (span->holes)
    {
    case FBK_FETCH_SPAN_HOLES:
      return now - span->fetched_at >= FBK_STORE_HOLE_RETRY_SOON;
    case FBK_FETCH_SPAN_EMPTY:
      return now - span->fetched_at >= FBK_STORE_HOLE_RETRY_LATER;
    case FBK_FETCH_SPAN_COMPLETE:
    default:
      return FALSE;
    }
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const FbkFetchSpan *sa = a;
  const FbkFetchSpan *sb = b;

  return (sa->from > sb->from) - (sa->from < sb->from);
}

/* @spans: sorted, disjoint. The newest fetch wins where it overlaps older
 * ones, which keep only the parts it does not cover. */
void
fbk_fetch_log_record (GArray             *spans,
                      const FbkFetchSpan *fetch)
{
  guint n = spans->len;

  g_return_if_fail (fetch->from < fetch->to);

  for (guint i = 0; i < n; i++)
    {
      FbkFetchSpan *span = &g_array_index (spans, FbkFetchSpan, i);

      if (span->to <= fetch->from || span->from >= fetch->to)
        continue;

      if (span->to > fetch->to)
        {
          FbkFetchSpan right = *span;

          right.from = fetch->to;
          g_array_append_val (spans, right);
          /* appending may have moved the array */
          span = &g_array_index (spans, FbkFetchSpan, i);
        }

      /* What is left before the fetch, possibly nothing; empty spans are
       * dropped below. */
      span->to = MIN (span->to, fetch->from);
    }

  g_array_append_val (spans, *fetch);

  for (guint i = spans->len; i > 0; i--)
    {
      const FbkFetchSpan *span = &g_array_index (spans, FbkFetchSpan, i - 1);

      if (span->from >= span->to)
        g_array_remove_index_fast (spans, i - 1);
    }
  g_array_sort (spans, compare_spans);
}

/* Settled neighbours no longer need their own fetch times, so they merge:
 * that keeps the log to a few rows per series however often the trailing
 * window is fetched. Unsettled spans keep theirs until they settle, and
 * spans with holes theirs, which say when to ask for the holes again. */
void
fbk_fetch_log_coalesce (GArray *spans)
{
  guint kept = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      FbkFetchSpan span = g_array_index (spans, FbkFetchSpan, i);
      FbkFetchSpan *last = kept > 0 ? &g_array_index (spans, FbkFetchSpan, kept - 1) : NULL;

      if (last != NULL && last->to == span.from &&
          fbk_fetch_span_is_settled (last) && fbk_fetch_span_is_settled (&span) &&
          last->holes == FBK_FETCH_SPAN_COMPLETE && span.holes == FBK_FETCH_SPAN_COMPLETE)
        {
          last->to = span.to;
          last->fetched_at = MAX (last->fetched_at, span.fetched_at);
          last->had_unverified = last->had_unverified || span.had_unverified;
        }
      else
        {
          g_array_index (spans, FbkFetchSpan, kept++) = span;
        }
    }
  g_array_set_size (spans, kept);
}

void
fbk_store_ranges_add (GArray     *ranges,
                      FbkInstant  from,
                      FbkInstant  to)
{
  FbkStoreRange range = { from, to };

  if (from < to)
    g_array_append_val (ranges, range);
}

/* Adds the parts of [from, to) that no span covers. @spans: sorted, disjoint. */
void
fbk_store_ranges_add_gaps (GArray       *ranges,
                           const GArray *spans,
                           FbkInstant    from,
                           FbkInstant    to)
{
  FbkInstant cursor = from;

  for (guint i = 0; i < spans->len && cursor < to; i++)
    {
      const FbkFetchSpan *span = &g_array_index (spans, FbkFetchSpan, i);

      if (span->to <= cursor)
        continue;
      fbk_store_ranges_add (ranges, cursor, MIN (span->from, to));
      cursor = MAX (cursor, span->to);
    }
  fbk_store_ranges_add (ranges, cursor, to);
}

static FbkInstant
floor_hour (FbkInstant t)
{
  FbkInstant r = t % FBK_SECONDS_PER_HOUR;

  return r < 0 ? t - r - FBK_SECONDS_PER_HOUR : t - r;
}

static FbkInstant
ceil_hour (FbkInstant t)
{
  FbkInstant floored = floor_hour (t);

  return floored == t ? t : floored + FBK_SECONDS_PER_HOUR;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const FbkStoreRange *ra = a;
  const FbkStoreRange *rb = b;

  return (ra->from > rb->from) - (ra->from < rb->from);
}

/* Whole hours, because values are whole hours (or quarters of them) and a
 * cut through one would leave it half asked for; then sorted and merged
 * wherever ranges touch, so each stretch costs one request. */
void
fbk_store_ranges_normalize (GArray *ranges)
{
  guint kept = 0;

  for (guint i = 0; i < ranges->len; i++)
    {
      FbkStoreRange *range = &g_array_index (ranges, FbkStoreRange, i);

      range->from = floor_hour (range->from);
      range->to = ceil_hour (range->to);
    }
  g_array_sort (ranges, compare_ranges);

  for (guint i = 0; i < ranges->len; i++)
    {
      FbkStoreRange range = g_array_index (ranges, FbkStoreRange, i);
      FbkStoreRange *last = kept > 0 ? &g_array_index (ranges, FbkStoreRange, kept - 1) : NULL;

      if (last != NULL && range.from <= last->to)
        last->to = MAX (last->to, range.to);
      else
        g_array_index (ranges, FbkStoreRange, kept++) = range;
    }
  g_array_set_size (ranges, kept);
}

/* The state of one day's prices (see the policy in fbk-store.h), from its
 * row in the log of price days, if @logged. */
FbkStorePriceDay
fbk_store_price_day_state (FbkDate     day,
                           gboolean    logged,
                           FbkInstant  fetched_at,
                           guint       misses,
                           FbkInstant  now)
{
  FbkStorePriceDay state = { .day = day, .state = FBK_PRICE_DAY_DUE, .next_try = FBK_INSTANT_INVALID };
  FbkInstant published = fbk_time_oslo_at_hour (fbk_date_add_days (day, -1),
                                                FBK_SPOT_PRICE_PUBLISHED_HOUR);

  if (logged && misses == 0)
    {
      state.state = FBK_PRICE_DAY_STORED;
    }
  else if (now < published)
    {
      state.state = FBK_PRICE_DAY_NOT_PUBLISHED;
      state.next_try = published;
    }
  else if (logged)
    {
      gint64 wait = FBK_STORE_PRICE_RETRY_FIRST;

      for (guint i = 1; i < misses && wait < FBK_STORE_PRICE_RETRY_MAX; i++)
        wait *= 4;
      wait = MIN (wait, FBK_STORE_PRICE_RETRY_MAX);

      if (now < fetched_at + wait)
        {
          state.state = FBK_PRICE_DAY_MISSING;
          state.next_try = fetched_at + wait;
        }
    }

  return state;
}
