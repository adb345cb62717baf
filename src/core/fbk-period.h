/* fbk-period.h: the span of days the user looks at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-time.h"

G_BEGIN_DECLS

/* A period is a run of whole days on the Oslo calendar, from @from to @to
 * inclusive, never ending after today and never starting before the first
 * whole day the MeterValueApi still serves (fbk_period_earliest_date()).
 *
 * A preset is computed relative to "now" and restores relative to the day
 * it is restored on; a custom range is fixed dates. Periods of whole
 * calendar months (@months > 0; @from is then always the 1st) step by
 * calendar months, the current one reaching only to today; every other
 * period steps by its number of days.
 *
 * The presets:
 *   today, yesterday
 *   last 7 days     the 7 days ending today
 *   this month      the 1st of this month to today
 *   last month      the whole previous calendar month
 *   last 12 full months  the twelve whole calendar months before this one
 *                   (Dec 2025 – Nov 2026 on 7 Dec 2026): a complete year
 *                   of whole-month bars that differs from "this year" in
 *                   every month but January (where it is "last year"), and
 *                   steps by twelve months
 *   this year       1 January to today
 *   last year       the whole previous calendar year
 *   last 3 years    the earliest day the API serves to today
 */
typedef enum
{
  FBK_PERIOD_PRESET_CUSTOM,
  FBK_PERIOD_PRESET_TODAY,
  FBK_PERIOD_PRESET_YESTERDAY,
  FBK_PERIOD_PRESET_LAST_7_DAYS,
  FBK_PERIOD_PRESET_THIS_MONTH,
  FBK_PERIOD_PRESET_LAST_MONTH,
  FBK_PERIOD_PRESET_LAST_12_MONTHS,
  FBK_PERIOD_PRESET_THIS_YEAR,
  FBK_PERIOD_PRESET_LAST_YEAR,
  FBK_PERIOD_PRESET_LAST_3_YEARS,
} FbkPeriodPreset;

#define FBK_PERIOD_N_PRESETS (FBK_PERIOD_PRESET_LAST_3_YEARS + 1)

/* What a first start, or a saved period that is no longer legal, shows. */
#define FBK_PERIOD_DEFAULT_PRESET FBK_PERIOD_PRESET_LAST_7_DAYS

typedef struct
{
  FbkPeriodPreset preset;
  FbkDate         from;    /* first day, inclusive */
  FbkDate         to;      /* last day, inclusive */
  int             months;  /* > 0: a span of this many calendar months; 0: a run of days */
} FbkPeriod;

typedef enum
{
  FBK_PERIOD_STEP_BACK = -1,
  FBK_PERIOD_STEP_FORWARD = 1,
} FbkPeriodStep;

#define FBK_PERIOD_ERROR (fbk_period_error_quark ())

/* Why a period cannot be had; each message is for the user. */
typedef enum
{
  FBK_PERIOD_ERROR_INVERTED,        /* the start is after the end */
  FBK_PERIOD_ERROR_FUTURE,          /* it ends after today */
  FBK_PERIOD_ERROR_BEFORE_HISTORY,  /* it starts before the API's three-year limit */
} FbkPeriodError;

#define FBK_TYPE_PERIOD (fbk_period_get_type ())

GType          fbk_period_get_type            (void) G_GNUC_CONST;
GQuark         fbk_period_error_quark         (void);

FbkPeriod     *fbk_period_copy                (const FbkPeriod  *period);
void           fbk_period_free                (FbkPeriod        *period);
gboolean       fbk_period_equal               (const FbkPeriod  *a,
                                               const FbkPeriod  *b);

FbkDate        fbk_period_earliest_date       (FbkInstant        now);
FbkPeriod      fbk_period_new_preset          (FbkPeriodPreset   preset,
                                               FbkInstant        now);
gboolean       fbk_period_new_custom          (FbkDate           from,
                                               FbkDate           to,
                                               FbkInstant        now,
                                               FbkPeriod        *out_period,
                                               GError          **error);
gboolean       fbk_period_step                (const FbkPeriod  *period,
                                               FbkPeriodStep     step,
                                               FbkInstant        now,
                                               FbkPeriod        *out_period,
                                               GError          **error);

FbkInstant     fbk_period_get_start           (const FbkPeriod  *period);
FbkInstant     fbk_period_get_end             (const FbkPeriod  *period);
int            fbk_period_get_n_days          (const FbkPeriod  *period);

FbkPeriod      fbk_period_from_dates          (FbkDate           first,
                                               FbkDate           last);
FbkResolution  fbk_period_default_resolution  (const FbkPeriod  *period);
gboolean       fbk_period_resolution_fits     (const FbkPeriod  *period,
                                               FbkResolution     resolution);

char          *fbk_period_format_label        (const FbkPeriod  *period);
char          *fbk_period_format_dates        (const FbkPeriod  *period);
char          *fbk_period_format_date         (FbkDate           date);
const char    *fbk_period_preset_get_label    (FbkPeriodPreset   preset);
gboolean       fbk_period_preset_from_nick    (const char       *nick,
                                               FbkPeriodPreset  *out_preset);

char          *fbk_period_to_string           (const FbkPeriod  *period);
FbkPeriod      fbk_period_restore             (const char       *text,
                                               FbkInstant        now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkPeriod, fbk_period_free)

G_END_DECLS
