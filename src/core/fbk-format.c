/* fbk-format.c: numbers and Oslo dates as people read them, for the
 * window, the chart and forbruk-cli alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-format"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-format.h"

#define SECONDS_PER_DAY 86400

/**
 * fbk_format_number:
 *
 * Formats @value with the locale's decimal mark and digit grouping
 * (LC_NUMERIC): "1 234,5" in Norwegian, "1,234.5" in English.
 */
char *
fbk_format_number (double value,
                   int    decimals)
{
  decimals = CLAMP (decimals, 0, 9);

  /* No "-0,00" for a tiny negative that rounds away. */
  if (fabs (value) < 0.5 * pow (10.0, -decimals))
    value = 0.0;

  return g_strdup_printf ("%'.*f", decimals, value);
}

/**
 * fbk_format_kr:
 * @ore: an amount in øre, computed unrounded
 *
 * The amount in kroner as people read it, rounded only here: "1,234.50 kr".
 */
char *
fbk_format_kr (double ore,
               int    decimals)
{
  g_autofree char *number = fbk_format_number (ore / 100.0, decimals);

  /* Translators: a number and its unit, e.g. "12.5 kWh" */
  return g_strdup_printf (C_("quantity", "%s %s"), number, C_("unit of money", "kr"));
}

/**
 * fbk_format_instant:
 * @format: a g_date_time_format() format
 *
 * Formats @instant on Oslo's clock, whatever the machine's time zone.
 */
char *
fbk_format_instant (FbkInstant  instant,
                    const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) oslo = NULL;

  g_return_val_if_fail (format != NULL, NULL);

  if (utc == NULL)
    return g_strdup ("");

  oslo = g_date_time_to_timezone (utc, fbk_time_oslo_zone ());
  return g_date_time_format (oslo, format);
}

/**
 * fbk_format_date:
 * @format: a g_date_time_format() format
 *
 * Formats a calendar day, e.g. “15 March 2024”; no time of day, so no
 * zone comes into it.
 */
char *
fbk_format_date (FbkDate     date,
                 const char *format)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_utc (date.year, date.month, date.day, 0, 0, 0);

  g_return_val_if_fail (format != NULL, NULL);

  if (date_time == NULL)
    return g_strdup ("");

  return g_date_time_format (date_time, format);
}

static gboolean
is_dst_change_day (FbkInstant instant)
{
  FbkDate date = fbk_time_oslo_date (instant);
  FbkInstant midnight = fbk_time_oslo_midnight (date);

  return fbk_time_oslo_midnight (fbk_date_add_days (date, 1)) - midnight != SECONDS_PER_DAY;
}

/**
 * fbk_format_period:
 *
 * Names one bucket [@start, @end) for a tooltip: "Mar 3, 2024, 14:00–15:00",
 * "Sunday, March 3, 2024", "Week 9, 2024", "March 2024", "2024". On the
 * days the clocks change, hours carry the zone abbreviation, since one
 * wall-clock hour happens twice in October.
 */
char *
fbk_format_period (FbkInstant    start,
                   FbkInstant    end,
                   FbkResolution resolution)
{
  switch (resolution)
    {
    case FBK_RESOLUTION_HOUR:
      {
        g_autofree char *from = fbk_format_instant (start, C_("hour period start", "%b %-d, %Y, %H:%M"));
        g_autofree char *until = NULL;
        g_autoptr(GTimeZone) start_offset = g_time_zone_new_offset (fbk_time_oslo_offset (start));
        g_autoptr(GDateTime) end_time = g_date_time_new_from_unix_utc (end);
        g_autoptr(GDateTime) end_local = g_date_time_to_timezone (end_time, start_offset);

        /* The end on the start's clock: the first 02:00 hour of October
         * ends at 03:00 summer time, which the clocks call 02:00. */
        until = g_date_time_format (end_local, C_("hour period end", "%H:%M"));

        if (is_dst_change_day (start))
          {
            g_autofree char *zone = fbk_format_instant (start, "%Z");

            /* Translators: an hour on a day the clocks change, with the
             * zone it is counted in: "Oct 27, 2024, 02:00–03:00 CEST" */
            return g_strdup_printf (C_("hour period on a DST day", "%s–%s %s"), from, until, zone);
          }

        /* Translators: an hour, from "Mar 3, 2024, 14:00" to "15:00" */
        return g_strdup_printf (C_("hour period", "%s–%s"), from, until);
      }

    case FBK_RESOLUTION_DAY:
      return fbk_format_instant (start, C_("day period", "%A, %B %-d, %Y"));

    case FBK_RESOLUTION_WEEK:
      return fbk_format_instant (start, C_("week period", "Week %V, %G"));

    case FBK_RESOLUTION_MONTH:
      return fbk_format_instant (start, C_("month period", "%B %Y"));

    case FBK_RESOLUTION_YEAR:
    default:
      return fbk_format_instant (start, C_("year period", "%Y"));
    }
}

/**
 * fbk_format_range:
 *
 * Names a run of buckets [@start, @end) of @resolution, first to last
 * inclusive: "Mar 3, 2024 – Mar 9, 2024", "January 2024 – March 2024".
 */
char *
fbk_format_range (FbkInstant    start,
                  FbkInstant    end,
                  FbkResolution resolution)
{
  const char *format;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  switch (resolution)
    {
    case FBK_RESOLUTION_HOUR:
      format = C_("range bound, hours", "%b %-d, %Y, %H:%M");
      break;
    case FBK_RESOLUTION_MONTH:
      format = C_("range bound, months", "%B %Y");
      break;
    case FBK_RESOLUTION_YEAR:
      format = C_("range bound, years", "%Y");
      break;
    case FBK_RESOLUTION_DAY:
    case FBK_RESOLUTION_WEEK:
    default:
      format = C_("range bound, days", "%b %-d, %Y");
      break;
    }

  /* Hours name both ends as instants; longer buckets name the last one
   * they include. */
  from = fbk_format_instant (start, format);
  until = fbk_format_instant (resolution == FBK_RESOLUTION_HOUR ? end : end - 1, format);

  if (g_strcmp0 (from, until) == 0)
    return g_steal_pointer (&from);

  /* Translators: a range of dates, "Mar 3, 2024 – Mar 9, 2024" */
  return g_strdup_printf (C_("date range", "%s – %s"), from, until);
}
