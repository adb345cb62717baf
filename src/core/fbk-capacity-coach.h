/* fbk-capacity-coach.h: what a month's capacity step cost, what would have
 * kept it a step lower, how high an hour may go for the rest of the month,
 * and when to warn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-max-hours.h"
#include "fbk-tariff.h"

G_BEGIN_DECLS

/* Meters count whole Wh: under GOES_UP the highest average still below a
 * bound is three hours one Wh short of it in all. */
#define FBK_CAPACITY_METER_RESOLUTION_KWH 0.001

/* What keeping every day's highest hour at or under one level would have
 * done to a month that is above the lowest step. */
typedef struct
{
  guint      from_step;   /* the step the month's daily maxima select */
  guint      to_step;     /* one lower; 0 when the month is in the lowest step (nothing to save) */
  double     cap_kwh;     /* c: the highest level that puts the month in to_step; NAN when to_step is 0 */
  double     cut_kwh;     /* Σ over the days of max (0, daily maximum − c), unrounded; 0 when to_step is 0 */
  guint      n_days_cut;  /* the days above c ... */
  FbkMaxHour days_cut[FBK_MAX_HOURS_DAYS_IN_MONTH];  /* ... their highest hours, largest first */
} FbkCapacitySaving;

double   fbk_capacity_step_ceiling    (const FbkTariffTable *table,
                                       guint                 step);
gboolean fbk_capacity_saving_compute  (const FbkTariffTable *table,
                                       const FbkMaxHour     *days,
                                       guint                 n_days,
                                       FbkCapacitySaving    *out_saving);
double   fbk_capacity_keep_under      (const FbkTariffTable *table,
                                       guint                 step,
                                       const FbkMaxHour     *days,
                                       guint                 n_days,
                                       FbkDate               today,
                                       int                   days_in_month);
double   fbk_capacity_project         (const FbkMaxHour     *days,
                                       guint                 n_days,
                                       const FbkMaxHour     *last_year,
                                       guint                 n_last_year,
                                       FbkDate               today,
                                       int                   days_in_month);

/* What the watch of the month in progress has told for one meter: kept
 * between runs (GSettings), so nothing is told twice. */
typedef struct
{
  int   year;        /* the month remembered; 0 for none */
  int   month;
  guint step;        /* the highest step seen in it */
  guint near_step;   /* the step whose nearness to the next was told; 0 for none */
} FbkCapacityAlertMemory;

typedef enum
{
  FBK_CAPACITY_ALERT_NONE,
  FBK_CAPACITY_ALERT_STEP_UP,    /* the month's average went into a higher step */
  FBK_CAPACITY_ALERT_NEAR_NEXT,  /* it came within the margin of the next step */
} FbkCapacityAlert;

FbkCapacityAlert fbk_capacity_alert_check (FbkCapacityAlertMemory *memory,
                                           const FbkMaxHours      *max_hours,
                                           const FbkTariffTable   *table,
                                           FbkInstant              now,
                                           double                  margin_kwh);

G_END_DECLS
