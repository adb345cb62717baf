/* fbk-cli-notes.c: what forbruk-cli says on stderr beside its data
 *
 * Notes say what an output leaves out and why: a script gets its data on
 * stdout and exit status 0, a person reading the terminal the gaps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-cli-notes.h"
#include "fbk-format.h"

static gboolean
drop_seen_before (GArray *dropped,
                  guint   index)
{
  const FbkRangeDrop *drop = &g_array_index (dropped, FbkRangeDrop, index);

  for (guint i = 0; i < index; i++)
    {
      const FbkRangeDrop *earlier = &g_array_index (dropped, FbkRangeDrop, i);

      if (earlier->from == drop->from && earlier->to == drop->to && earlier->reason == drop->reason &&
          g_strcmp0 (earlier->metering_point_id, drop->metering_point_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* "--to" today is how people ask for everything so far: that the rest of
 * today is missing goes without saying, and saying it on every run is
 * noise. A period reaching into a day that has not begun is worth a note
 * (a typo in the year, a script's date arithmetic). */
static gboolean
drop_worth_a_note (const FbkRangeDrop *drop)
{
  FbkInstant end_of_day;

  if (drop->reason != FBK_RANGE_DROP_AFTER_NOW)
    return TRUE;

  /* The future part starts at the end of the current hour: the day that
   * hour is in is today. */
  end_of_day = fbk_time_period_next (fbk_time_period_start (drop->from - 1, FBK_RESOLUTION_DAY),
                                     FBK_RESOLUTION_DAY);
  return drop->to > end_of_day;
}

/* Each meter is planned on its own, so a limit shared by all of them (three
 * years, the future) would otherwise be reported once per meter. */
void
fbk_cli_report_dropped (GArray *dropped)
{
  for (guint i = 0; i < dropped->len; i++)
    {
      const FbkRangeDrop *drop = &g_array_index (dropped, FbkRangeDrop, i);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (drop_seen_before (dropped, i) || !drop_worth_a_note (drop))
        continue;

      from = fbk_time_format_oslo (drop->from);
      to = fbk_time_format_oslo (drop->to);
      if (drop->reason == FBK_RANGE_DROP_BEFORE_CONTRACT && drop->metering_point_id != NULL)
        /* Translators: a metering point id, a range of time, and why it is left out. */
        g_printerr (_("Note: %s: %s – %s is left out: %s\n"), drop->metering_point_id, from, to,
                    fbk_range_drop_reason_describe (drop->reason));
      else
        /* Translators: a part of the asked period that could not be fetched, and why. */
        g_printerr (_("Note: %s – %s is left out: %s\n"), from, to,
                    fbk_range_drop_reason_describe (drop->reason));
    }
}

/* Runs of days in the same state, so that a year the service does not
 * have is one line, not 365. */
static gboolean
same_note (const FbkStorePriceDay *a,
           const FbkStorePriceDay *b)
{
  return a->state == b->state &&
         (a->state != FBK_PRICE_DAY_MISSING || a->next_try == b->next_try) &&
         fbk_date_compare (fbk_date_add_days (a->day, 1), b->day) == 0;
}

static char *
describe_days (FbkDate first,
               FbkDate last)
{
  g_autofree char *from = fbk_format_date (first, "%Y-%m-%d");
  g_autofree char *to = NULL;

  if (fbk_date_compare (first, last) == 0)
    return g_steal_pointer (&from);
  to = fbk_format_date (last, "%Y-%m-%d");
  /* Translators: a run of days, "2026-01-15 – 2026-01-20" */
  return g_strdup_printf (_("%s – %s"), from, to);
}

/**
 * fbk_cli_report_price_days:
 *
 * Says which days of @prices have no prices, and why: not published yet,
 * not at the service (asked again later), or not fetched (the error).
 */
void
fbk_cli_report_price_days (const FbkPriceResult *prices)
{
  for (guint i = 0; i < prices->days->len;)
    {
      const FbkStorePriceDay *first = &g_array_index (prices->days, FbkStorePriceDay, i);
      const FbkStorePriceDay *last = first;
      g_autofree char *days = NULL;
      g_autofree char *when = NULL;

      while (i + 1 < prices->days->len &&
             same_note (last, &g_array_index (prices->days, FbkStorePriceDay, i + 1)))
        last = &g_array_index (prices->days, FbkStorePriceDay, ++i);
      i++;

      if (first->state == FBK_PRICE_DAY_STORED)
        continue;

      days = describe_days (first->day, last->day);
      if (first->next_try != FBK_INSTANT_INVALID)
        when = fbk_format_instant (first->next_try, "%Y-%m-%d %H:%M");

      switch (first->state)
        {
        case FBK_PRICE_DAY_NOT_PUBLISHED:
          /* Translators: a price area, days, and an Oslo time */
          g_printerr (_("Note: no spot prices for %s on %s: they are published at %s.\n"),
                      prices->area, days, when);
          break;

        case FBK_PRICE_DAY_MISSING:
          /* Translators: a price area, days, and an Oslo time */
          g_printerr (_("Note: no spot prices for %s on %s: hvakosterstrommen.no does not have them "
                        "(asked again after %s).\n"),
                      prices->area, days, when);
          break;

        case FBK_PRICE_DAY_DUE:
        case FBK_PRICE_DAY_STORED:
        default:
          /* Translators: a price area, days, and why they could not be fetched */
          g_printerr (_("Note: no spot prices for %s on %s: %s\n"), prices->area, days,
                      prices->fetch_error != NULL ? prices->fetch_error->message
                                                  : _("they could not be fetched."));
          break;
        }
    }
}
