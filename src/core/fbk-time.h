/* fbk-time.h: instants in UTC, calendars in Europe/Oslo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An instant is a count of seconds since 1970-01-01T00:00:00Z. Every instant
 * Forbruk stores or compares is one of these; calendar periods (days, ISO
 * weeks, months, years) are always reckoned in Europe/Oslo, whatever the
 * machine's time zone, so a day may be 23, 24 or 25 hours long. */
typedef gint64 FbkInstant;

#define FBK_INSTANT_INVALID G_MININT64
#define FBK_SECONDS_PER_HOUR 3600

typedef enum
{
  FBK_RESOLUTION_HOUR,
  FBK_RESOLUTION_DAY,
  FBK_RESOLUTION_WEEK,
  FBK_RESOLUTION_MONTH,
  FBK_RESOLUTION_YEAR,
} FbkResolution;

#define FBK_N_RESOLUTIONS (FBK_RESOLUTION_YEAR + 1)

/* A date on the Oslo calendar. */
typedef struct
{
  int year;
  int month;   /* 1..12 */
  int day;     /* 1..31 */
} FbkDate;

/* @a / @b rounded towards minus infinity, where C's division truncates
 * towards zero: the day, hour or week an instant before 1970 (or a local
 * time before a boundary) falls in. Inline: the calendar maths calls it
 * for every timestamp written or read. */
static inline gint64
fbk_time_floor_div (gint64 a,
                    gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;

  return q;
}

GTimeZone   *fbk_time_oslo_zone          (void);

gboolean     fbk_time_parse              (const char    *text,
                                          FbkInstant    *out_instant);
gboolean     fbk_time_parse_date         (const char    *text,
                                          FbkDate       *out_date);
char        *fbk_time_format_oslo        (FbkInstant     instant);
char        *fbk_time_format_utc         (FbkInstant     instant);
int          fbk_time_oslo_offset        (FbkInstant     instant);

FbkDate      fbk_time_oslo_date          (FbkInstant     instant);
int          fbk_time_oslo_hour          (FbkInstant     instant);
FbkInstant   fbk_time_oslo_midnight      (FbkDate        date);
FbkInstant   fbk_time_oslo_at_hour       (FbkDate        date,
                                          int            hour);
gboolean     fbk_date_is_valid           (FbkDate        date);
FbkDate      fbk_date_add_days           (FbkDate        date,
                                          int            days);
FbkDate      fbk_date_add_months         (FbkDate        date,
                                          int            months);
int          fbk_date_compare            (FbkDate        a,
                                          FbkDate        b);
int          fbk_date_weekday            (FbkDate        date);
int          fbk_date_days_in_month      (int            year,
                                          int            month);

FbkInstant   fbk_time_period_start       (FbkInstant     instant,
                                          FbkResolution  resolution);
FbkInstant   fbk_time_period_next        (FbkInstant     period_start,
                                          FbkResolution  resolution);
FbkInstant   fbk_time_add_oslo_months    (FbkInstant     instant,
                                          int            months);

const char  *fbk_resolution_to_string    (FbkResolution  resolution);
gboolean     fbk_resolution_from_string  (const char    *text,
                                          FbkResolution *out_resolution);

G_END_DECLS
