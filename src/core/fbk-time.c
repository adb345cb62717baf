/* fbk-time.c: instants in UTC, calendars in Europe/Oslo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-time"

#include "config.h"

#include <string.h>

#include "fbk-time.h"

/* The rule Norway has followed since 1996; used only when the system has no
 * tz database entry for Europe/Oslo (a minimal container, say). Our data never
 * reaches further back than three years, so the rule is exact for it. */
#define OSLO_POSIX_RULE "CET-1CEST,M3.5.0,M10.5.0/3"

#define SECONDS_PER_DAY 86400

static const char * const resolution_names[FBK_N_RESOLUTIONS] = {
  "hour", "day", "week", "month", "year",
};

/* Civil-calendar arithmetic on the proleptic Gregorian calendar, after
 * Howard Hinnant's public-domain algorithms. Day 0 is 1970-01-01. */
static gint64
days_from_civil (gint64 year,
                 int    month,
                 int    day)
{
  gint64 era;
  gint64 year_of_era;
  gint64 day_of_year;
  gint64 day_of_era;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  year_of_era = year - era * 400;
  day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return era * 146097 + day_of_era - 719468;
}

static FbkDate
civil_from_days (gint64 days)
{
  gint64 era;
  gint64 day_of_era;
  gint64 year_of_era;
  gint64 day_of_year;
  gint64 mp;
  FbkDate date;

  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  day_of_era = days - era * 146097;
  year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  mp = (5 * day_of_year + 2) / 153;

  date.day = (int) (day_of_year - (153 * mp + 2) / 5 + 1);
  date.month = (int) (mp < 10 ? mp + 3 : mp - 9);
  date.year = (int) (year_of_era + era * 400 + (date.month <= 2));

  return date;
}

GTimeZone *
fbk_time_oslo_zone (void)
{
  static GTimeZone *oslo;

  if (g_once_init_enter (&oslo))
    {
      GTimeZone *zone = g_time_zone_new_identifier ("Europe/Oslo");

      if (zone == NULL)
        {
          g_debug ("No tz database entry for Europe/Oslo; using the POSIX rule");
          zone = g_time_zone_new_identifier (OSLO_POSIX_RULE);
        }

      g_assert (zone != NULL);
      g_once_init_leave (&oslo, zone);
    }

  return oslo;
}

/**
 * fbk_time_oslo_offset:
 *
 * Returns: the offset from UTC, in seconds, of Oslo's clocks at @instant.
 */
static int
look_up_oslo_offset (FbkInstant instant)
{
  GTimeZone *zone = fbk_time_oslo_zone ();
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, instant);

  return g_time_zone_get_offset (zone, interval);
}

/* A stretch of time known to have one offset. */
typedef struct
{
  FbkInstant from;
  FbkInstant to;    /* inclusive */
  int        offset;
} OffsetSpan;

int
fbk_time_oslo_offset (FbkInstant instant)
{
  /* GLib finds an offset by walking the zone's transitions from the first,
   * some 1,300 instructions for a recent instant, and callers ask hour after
   * hour (the demo server for every value it sends). Oslo's clocks change at
   * most once in any 24 hours, so when the offset a day later is the same,
   * it holds for the whole day between: each thread remembers that day,
   * which serves the next 24 hourly calls of a sweep forward in time. */
  static GPrivate last_span = G_PRIVATE_INIT (g_free);
  OffsetSpan *span = g_private_get (&last_span);
  int offset;

  if (span != NULL && instant >= span->from && instant <= span->to)
    return span->offset;

  offset = look_up_oslo_offset (instant);
  if (instant <= G_MAXINT64 - SECONDS_PER_DAY && look_up_oslo_offset (instant + SECONDS_PER_DAY) == offset)
    {
      if (span == NULL)
        {
          span = g_new (OffsetSpan, 1);
          g_private_set (&last_span, span);
        }
      span->from = instant;
      span->to = instant + SECONDS_PER_DAY;
      span->offset = offset;
    }

  return offset;
}

/* Oslo wall-clock seconds since 1970 to an instant. A wall-clock time that
 * does not exist (the skipped hour in March) moves forward; one that exists
 * twice (the repeated hour in October) takes the first, summer-time one. */
static FbkInstant
oslo_local_to_instant (gint64 local_seconds)
{
  GTimeZone *zone = fbk_time_oslo_zone ();
  gint64 adjusted = local_seconds;
  int interval = g_time_zone_adjust_time (zone, G_TIME_TYPE_DAYLIGHT, &adjusted);

  return adjusted - g_time_zone_get_offset (zone, interval);
}

static gboolean
parse_digits (const char **cursor,
              int          count,
              int         *out_value)
{
  int value = 0;

  for (int i = 0; i < count; i++)
    {
      char c = (*cursor)[i];

      if (c < '0' || c > '9')
        return FALSE;
      value = value * 10 + (c - '0');
    }

  *cursor += count;
  *out_value = value;
  return TRUE;
}

static gboolean
expect_char (const char **cursor,
             char         c)
{
  if (**cursor != c)
    return FALSE;
  (*cursor)++;
  return TRUE;
}

gboolean
fbk_date_is_valid (FbkDate date)
{
  return date.year >= 1 && date.year <= 9999 &&
         date.month >= 1 && date.month <= 12 &&
         date.day >= 1 && date.day <= fbk_date_days_in_month (date.year, date.month);
}

static gboolean
parse_date_part (const char **cursor,
                 FbkDate     *out_date)
{
  FbkDate date;

  if (!parse_digits (cursor, 4, &date.year) || !expect_char (cursor, '-') ||
      !parse_digits (cursor, 2, &date.month) || !expect_char (cursor, '-') ||
      !parse_digits (cursor, 2, &date.day))
    return FALSE;

  if (!fbk_date_is_valid (date))
    return FALSE;

  *out_date = date;
  return TRUE;
}

/**
 * fbk_time_parse:
 * @text: an RFC 3339 date-time such as `2022-03-01T00:00:00+01:00`,
 *   `2021-11-08T09:12:44.123Z` or `2025-09-17T21:00:00.338032+00:00`
 * @out_instant: (out): the instant, with any fraction of a second dropped
 *
 * Parses an RFC 3339 timestamp. Without an offset the time is read as Oslo
 * wall-clock time, which is how Elvia reads such times. Anything else (a
 * date alone, trailing text, a 30th of February) is refused.
 *
 * Returns: %TRUE if @text was a valid timestamp
 */
gboolean
fbk_time_parse (const char *text,
                FbkInstant *out_instant)
{
  const char *cursor = text;
  FbkDate date;
  int hour, minute, second;
  gint64 local;

  g_return_val_if_fail (out_instant != NULL, FALSE);

  if (text == NULL || !parse_date_part (&cursor, &date))
    return FALSE;

  if (*cursor != 'T' && *cursor != 't' && *cursor != ' ')
    return FALSE;
  cursor++;

  if (!parse_digits (&cursor, 2, &hour) || !expect_char (&cursor, ':') ||
      !parse_digits (&cursor, 2, &minute) || !expect_char (&cursor, ':') ||
      !parse_digits (&cursor, 2, &second))
    return FALSE;

  if (hour > 23 || minute > 59 || second > 60)
    return FALSE;
  /* A leap second is read as the last second of its minute. */
  second = MIN (second, 59);

  if (*cursor == '.' || *cursor == ',')
    {
      cursor++;
      if (!g_ascii_isdigit (*cursor))
        return FALSE;
      while (g_ascii_isdigit (*cursor))
        cursor++;
    }

  local = days_from_civil (date.year, date.month, date.day) * SECONDS_PER_DAY
          + hour * 3600 + minute * 60 + second;

  if (*cursor == 'Z' || *cursor == 'z')
    {
      cursor++;
      *out_instant = local;
    }
  else if (*cursor == '+' || *cursor == '-')
    {
      int sign = *cursor == '-' ? -1 : 1;
      int offset_hours, offset_minutes = 0;

      cursor++;
      if (!parse_digits (&cursor, 2, &offset_hours))
        return FALSE;
      if (*cursor == ':')
        {
          cursor++;
          if (!parse_digits (&cursor, 2, &offset_minutes))
            return FALSE;
        }
      else if (g_ascii_isdigit (*cursor) && !parse_digits (&cursor, 2, &offset_minutes))
        return FALSE;

      if (offset_hours > 23 || offset_minutes > 59)
        return FALSE;

      *out_instant = local - sign * (offset_hours * 3600 + offset_minutes * 60);
    }
  else if (*cursor == '\0')
    {
      *out_instant = oslo_local_to_instant (local);
    }
  else
    return FALSE;

  return *cursor == '\0';
}

/**
 * fbk_time_parse_date:
 * @text: a date written `YYYY-MM-DD`
 *
 * Returns: %TRUE if @text is exactly one valid calendar date
 */
gboolean
fbk_time_parse_date (const char *text,
                     FbkDate    *out_date)
{
  const char *cursor = text;
  FbkDate date;

  g_return_val_if_fail (out_date != NULL, FALSE);

  if (text == NULL || !parse_date_part (&cursor, &date) || *cursor != '\0')
    return FALSE;

  *out_date = date;
  return TRUE;
}

/* Writes @value, 0 ≤ @value < 10^@n_digits, as exactly @n_digits digits. */
static char *
put_digits (char *out,
            int   value,
            int   n_digits)
{
  for (int i = n_digits - 1; i >= 0; i--)
    {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  return out + n_digits;
}

/* Digit by digit rather than with printf, whose machinery costs some 20
 * times more: the demo server formats two timestamps for every hour it
 * sends. */
static char *
format_with_offset (FbkInstant instant,
                    int        offset)
{
  gint64 local = instant + offset;
  gint64 days = fbk_time_floor_div (local, SECONDS_PER_DAY);
  int second_of_day = (int) (local - days * SECONDS_PER_DAY);
  FbkDate date = civil_from_days (days);
  int abs_offset = ABS (offset);
  char text[sizeof "-2147483648-12-31T23:59:59+99:59"];
  char *p = text;

  if (date.year >= 0 && date.year <= 9999)
    p = put_digits (p, date.year, 4);
  else
    p += g_snprintf (p, sizeof text, "%04d", date.year);
  *p++ = '-';
  p = put_digits (p, date.month, 2);
  *p++ = '-';
  p = put_digits (p, date.day, 2);
  *p++ = 'T';
  p = put_digits (p, second_of_day / 3600, 2);
  *p++ = ':';
  p = put_digits (p, second_of_day / 60 % 60, 2);
  *p++ = ':';
  p = put_digits (p, second_of_day % 60, 2);

  if (offset == 0)
    *p++ = 'Z';
  else
    {
      *p++ = offset < 0 ? '-' : '+';
      p = put_digits (p, abs_offset / 3600 % 100, 2);
      *p++ = ':';
      p = put_digits (p, abs_offset / 60 % 60, 2);
    }

  return g_strndup (text, p - text);
}

/**
 * fbk_time_format_oslo:
 *
 * Returns: (transfer full): @instant as Oslo wall-clock time with its offset,
 *   e.g. `2022-10-30T02:00:00+01:00`
 */
char *
fbk_time_format_oslo (FbkInstant instant)
{
  return format_with_offset (instant, fbk_time_oslo_offset (instant));
}

/**
 * fbk_time_format_utc:
 *
 * Returns: (transfer full): @instant in UTC, e.g. `2022-10-30T01:00:00Z`
 */
char *
fbk_time_format_utc (FbkInstant instant)
{
  return format_with_offset (instant, 0);
}

FbkDate
fbk_time_oslo_date (FbkInstant instant)
{
  gint64 local = instant + fbk_time_oslo_offset (instant);

  return civil_from_days (fbk_time_floor_div (local, SECONDS_PER_DAY));
}

int
fbk_time_oslo_hour (FbkInstant instant)
{
  gint64 local = instant + fbk_time_oslo_offset (instant);

  return (int) ((local - fbk_time_floor_div (local, SECONDS_PER_DAY) * SECONDS_PER_DAY) / 3600);
}

/**
 * fbk_time_oslo_midnight:
 *
 * Returns: the instant an Oslo calendar day begins. Oslo changes its clocks
 *   at 02:00/03:00, so midnight always exists exactly once.
 */
FbkInstant
fbk_time_oslo_midnight (FbkDate date)
{
  return oslo_local_to_instant (days_from_civil (date.year, date.month, date.day) * SECONDS_PER_DAY);
}

/* The instant the Oslo clock shows @hour:00 on @date; an hour the clocks
 * skip moves forward, one they repeat is its first time. */
FbkInstant
fbk_time_oslo_at_hour (FbkDate date,
                       int     hour)
{
  return oslo_local_to_instant (days_from_civil (date.year, date.month, date.day) * SECONDS_PER_DAY +
                                (gint64) hour * FBK_SECONDS_PER_HOUR);
}

FbkDate
fbk_date_add_days (FbkDate date,
                   int     days)
{
  return civil_from_days (days_from_civil (date.year, date.month, date.day) + days);
}

/* Adds calendar months, clamping the day to the target month's length
 * (31 January + 1 month is 28 or 29 February). */
FbkDate
fbk_date_add_months (FbkDate date,
                     int     months)
{
  int month_index = date.year * 12 + (date.month - 1) + months;

  date.year = (int) fbk_time_floor_div (month_index, 12);
  date.month = month_index - date.year * 12 + 1;
  date.day = MIN (date.day, fbk_date_days_in_month (date.year, date.month));

  return date;
}

int
fbk_date_compare (FbkDate a,
                  FbkDate b)
{
  if (a.year != b.year)
    return a.year < b.year ? -1 : 1;
  if (a.month != b.month)
    return a.month < b.month ? -1 : 1;
  if (a.day != b.day)
    return a.day < b.day ? -1 : 1;
  return 0;
}

/**
 * fbk_date_weekday:
 *
 * Returns: the ISO weekday, 1 for Monday to 7 for Sunday
 */
int
fbk_date_weekday (FbkDate date)
{
  gint64 days = days_from_civil (date.year, date.month, date.day);

  return (int) ((days % 7 + 7 + 3) % 7) + 1;
}

int
fbk_date_days_in_month (int year,
                        int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  return days[month - 1] + (month == 2 && leap);
}

/**
 * fbk_time_period_start:
 *
 * Returns: the start of the Oslo calendar period of @resolution (an hour, a
 *   day, an ISO week starting Monday, a month, a year) holding @instant
 */
FbkInstant
fbk_time_period_start (FbkInstant    instant,
                       FbkResolution resolution)
{
  FbkDate date;

  /* Oslo's offsets are whole hours, so its clock hours are UTC hours. */
  if (resolution == FBK_RESOLUTION_HOUR)
    return fbk_time_floor_div (instant, FBK_SECONDS_PER_HOUR) * FBK_SECONDS_PER_HOUR;

  date = fbk_time_oslo_date (instant);

  switch (resolution)
    {
    case FBK_RESOLUTION_WEEK:
      date = fbk_date_add_days (date, 1 - fbk_date_weekday (date));
      break;
    case FBK_RESOLUTION_MONTH:
      date.day = 1;
      break;
    case FBK_RESOLUTION_YEAR:
      date.day = 1;
      date.month = 1;
      break;
    case FBK_RESOLUTION_DAY:
    case FBK_RESOLUTION_HOUR:
    default:
      break;
    }

  return fbk_time_oslo_midnight (date);
}

/**
 * fbk_time_period_next:
 * @period_start: the start of a period, as fbk_time_period_start() gives
 *
 * Returns: the start of the following period of the same @resolution
 */
FbkInstant
fbk_time_period_next (FbkInstant    period_start,
                      FbkResolution resolution)
{
  FbkDate date;

  if (resolution == FBK_RESOLUTION_HOUR)
    return period_start + FBK_SECONDS_PER_HOUR;

  date = fbk_time_oslo_date (period_start);

  switch (resolution)
    {
    case FBK_RESOLUTION_DAY:
      date = fbk_date_add_days (date, 1);
      break;
    case FBK_RESOLUTION_WEEK:
      date = fbk_date_add_days (date, 7);
      break;
    case FBK_RESOLUTION_MONTH:
      date = fbk_date_add_months (date, 1);
      break;
    case FBK_RESOLUTION_YEAR:
      date = fbk_date_add_months (date, 12);
      break;
    case FBK_RESOLUTION_HOUR:
    default:
      g_assert_not_reached ();
    }

  return fbk_time_oslo_midnight (date);
}

/**
 * fbk_time_add_oslo_months:
 *
 * Moves @instant by whole calendar months on Oslo's clock, keeping the
 * wall-clock time and clamping the day (so "three years before" 29 February
 * is 28 February).
 */
FbkInstant
fbk_time_add_oslo_months (FbkInstant instant,
                          int        months)
{
  gint64 local = instant + fbk_time_oslo_offset (instant);
  gint64 days = fbk_time_floor_div (local, SECONDS_PER_DAY);
  gint64 second_of_day = local - days * SECONDS_PER_DAY;
  FbkDate date = fbk_date_add_months (civil_from_days (days), months);

  return oslo_local_to_instant (days_from_civil (date.year, date.month, date.day) * SECONDS_PER_DAY
                                + second_of_day);
}

const char *
fbk_resolution_to_string (FbkResolution resolution)
{
  g_return_val_if_fail (resolution < FBK_N_RESOLUTIONS, NULL);

  return resolution_names[resolution];
}

gboolean
fbk_resolution_from_string (const char    *text,
                            FbkResolution *out_resolution)
{
  for (guint i = 0; i < FBK_N_RESOLUTIONS; i++)
    {
      if (g_strcmp0 (text, resolution_names[i]) == 0)
        {
          *out_resolution = (FbkResolution) i;
          return TRUE;
        }
    }

  return FALSE;
}
