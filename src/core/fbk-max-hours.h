/* fbk-max-hours.h: the three peak hours that set a month's capacity step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-series.h"
#include "fbk-time.h"

G_BEGIN_DECLS

/* Elvia's rule (since 2022-07): for each Oslo calendar day of a month take
 * the largest clock-hour consumption, the "døgnmaks"; the three largest of
 * those (so three different days) averaged give the kWh/h that selects the
 * month's capacity step. */
#define FBK_MAX_HOURS_PER_MONTH 3
#define FBK_MAX_HOURS_DAYS_IN_MONTH 31

typedef enum
{
  FBK_MAX_HOURS_SOURCE_API,    /* Elvia's maxhours endpoint */
  FBK_MAX_HOURS_SOURCE_LOCAL,  /* recomputed here from hourly values */
} FbkMaxHoursSource;

typedef struct
{
  FbkInstant start;
  FbkInstant end;
  double     kwh;
  gboolean   verified;
} FbkMaxHour;

/* A plain value: copy it with `=`. */
typedef struct
{
  int               year;
  int               month;      /* 1..12, Oslo calendar */
  guint             n_hours;    /* 0..3 */
  FbkMaxHour        hours[FBK_MAX_HOURS_PER_MONTH];  /* by kWh, largest first */
  double            average;    /* kWh/h; 0 when there are no hours */
  /* Fewer than three days have data (early in a month, a new contract):
   * the average is of what exists and will still change. */
  gboolean          provisional;
  /* Every hour is verified (and there is at least one). */
  gboolean          all_verified;
  FbkMaxHoursSource source;
} FbkMaxHours;

typedef enum
{
  FBK_MAX_HOURS_SAME              = 0,
  FBK_MAX_HOURS_DIFFERENT_MONTH   = 1 << 0,  /* not the same month; nothing else compared */
  FBK_MAX_HOURS_DIFFERENT_COUNT   = 1 << 1,
  FBK_MAX_HOURS_DIFFERENT_AVERAGE = 1 << 2,
  FBK_MAX_HOURS_DIFFERENT_HOUR_1  = 1 << 3,  /* the largest hour */
  FBK_MAX_HOURS_DIFFERENT_HOUR_2  = 1 << 4,
  FBK_MAX_HOURS_DIFFERENT_HOUR_3  = 1 << 5,
} FbkMaxHoursDifference;

/* The flag for the hour at @rank (0 = largest). */
#define FBK_MAX_HOURS_DIFFERENT_HOUR(rank) ((FbkMaxHoursDifference) (FBK_MAX_HOURS_DIFFERENT_HOUR_1 << (rank)))

/* Values come with three decimals (Wh); this absorbs rounding in sums of
 * quarter hours without hiding a real difference of one Wh. */
#define FBK_MAX_HOURS_DEFAULT_TOLERANCE 0.0005

#define FBK_TYPE_MAX_HOURS (fbk_max_hours_get_type ())

GType                 fbk_max_hours_get_type   (void) G_GNUC_CONST;
FbkMaxHours          *fbk_max_hours_copy       (const FbkMaxHours *self);
void                  fbk_max_hours_free       (FbkMaxHours       *self);

void                  fbk_max_hours_init       (FbkMaxHours       *self,
                                                int                year,
                                                int                month,
                                                const FbkMaxHour  *hours,
                                                guint              n_hours,
                                                FbkMaxHoursSource  source);
void                  fbk_max_hours_init_from_days (FbkMaxHours   *self,
                                                int                year,
                                                int                month,
                                                const FbkMaxHour  *days,
                                                guint              n_days);
guint                 fbk_max_hours_daily_maxima (int              year,
                                                int                month,
                                                const FbkInterval *intervals,
                                                guint              n_intervals,
                                                FbkMaxHour         out_days[FBK_MAX_HOURS_DAYS_IN_MONTH]);
gboolean              fbk_max_hours_compute    (FbkMaxHours       *self,
                                                int                year,
                                                int                month,
                                                const FbkInterval *intervals,
                                                guint              n_intervals);
int                   fbk_max_hour_compare_descending (gconstpointer a,
                                                       gconstpointer b);
FbkMaxHoursDifference fbk_max_hours_compare    (const FbkMaxHours *a,
                                                const FbkMaxHours *b,
                                                double             tolerance_kwh);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkMaxHours, fbk_max_hours_free)

G_END_DECLS
