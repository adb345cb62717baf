/* fbk-parse.h: MeterValueApi response bodies, validated at the boundary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-max-hours.h"
#include "fbk-series.h"
#include "fbk-time.h"

G_BEGIN_DECLS

/* Each parser takes a whole response body and either returns everything in
 * it or fails with FBK_PARSE_ERROR and a message fit to show: a body that
 * is not what the API sends (not JSON, wrong types, bad timestamps,
 * intervals ending before they start, energy that is negative, not finite
 * or implausible, units other than kWh) fails whole; points without a value
 * are skipped and counted; nulls and absent members are tolerated where the
 * API notes expect them, and unknown members ignored. The reasoning is at
 * the top of fbk-parse.c. */

/* The most energy a value may hold per hour it covers. A household's main
 * fuse of 3 × 63 A at 400 V passes about 44 kW; a thousand kWh in an hour
 * is beyond any household meter, and a value above it a misread body. */
#define FBK_PARSE_MAX_KWH_PER_HOUR 1000.0

/* One metering point of a metervalues (E1) body. */
typedef struct
{
  char       *metering_point_id;   /* 18 digits, exactly as sent */
  FbkInstant  contract_start;      /* FBK_INSTANT_INVALID when absent */
  FbkInstant  contract_end;        /* FBK_INSTANT_INVALID while the contract is open */
  /* metervalue.fromHour and toHour, or FBK_INSTANT_INVALID; both invalid
   * when an answer without values has toHour before fromHour (hours not
   * reported yet). */
  FbkInstant  from;
  FbkInstant  to;
  guint       resolution_minutes;  /* 0 when the body did not say */
  /* FbkInterval arrays, sorted by start with one interval per start,
   * indexed by FbkDirection (from each point's `production` flag). */
  GArray     *intervals[2];
  guint       n_skipped;           /* points without a value */
} FbkMeterValues;

/* One metering point of a maxhours (E2, or legacy E3) body. */
typedef struct
{
  char        *metering_point_id;
  FbkInstant   contract_start;
  FbkInstant   contract_end;
  FbkInstant   calculated_time;    /* maxHoursCalculatedTime, or FBK_INSTANT_INVALID */
  FbkInstant   from;               /* maxHoursFromTime, or FBK_INSTANT_INVALID */
  FbkInstant   to;                 /* maxHoursToTime, or FBK_INSTANT_INVALID */
  FbkMaxHours *current;            /* noOfMonthsBack 0, or NULL */
  FbkMaxHours *previous;           /* noOfMonthsBack 1, or NULL */
} FbkMaxHoursReport;

void       fbk_meter_values_free       (FbkMeterValues    *self);
void       fbk_max_hours_report_free   (FbkMaxHoursReport *self);
const FbkMaxHoursReport *
           fbk_max_hours_reports_find  (GPtrArray         *reports,
                                        const char        *metering_point_id);

GPtrArray *fbk_parse_meter_values      (GBytes            *body,
                                        FbkDirection       requested,
                                        GError           **error);
GPtrArray *fbk_parse_max_hours         (GBytes            *body,
                                        GError           **error);
char      *fbk_parse_problem_details   (GBytes            *body,
                                        guint             *out_status,
                                        GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkMeterValues, fbk_meter_values_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkMaxHoursReport, fbk_max_hours_report_free)

G_END_DECLS
