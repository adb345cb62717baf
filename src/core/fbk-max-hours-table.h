/* fbk-max-hours-table.h: one row per month of a period, for the table,
 * the CLI and CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-capacity-coach.h"
#include "fbk-csv.h"
#include "fbk-max-hours.h"
#include "fbk-parse.h"
#include "fbk-series.h"
#include "fbk-tariff-book.h"

G_BEGIN_DECLS

typedef struct
{
  int                    year;
  int                    month;
  /* What the row shows: Elvia's figures where the maxhours endpoint has the
   * month (the current and previous one), else our own from hourly values. */
  FbkMaxHours            shown;
  gboolean               has_api;
  gboolean               has_local;
  FbkMaxHours            local;
  /* Where both exist, how Elvia's and ours differ (0 when they agree). */
  FbkMaxHoursDifference  difference;
  const FbkTariffTable  *table;       /* in force for the month; NULL if none */
  guint                  step;        /* 1-based; 0 without a table or hours */
  double                 headroom;    /* kWh/h to the next step; INFINITY at the top */
  /* The month is over and every one of its hours has a value (or, built
   * without hourly values, Elvia has figures for it). */
  gboolean               complete;
  /* The month now is in. */
  gboolean               in_progress;
  /* The period or the data cover only [covered_from, covered_to) of the
   * month (data starting on the 8th, a period ending mid-month, hours
   * missing): its figures are of those days, not of the month, so it has
   * no price, no next step and no saving. */
  gboolean               partial;
  FbkInstant             covered_from;
  FbkInstant             covered_to;
  /* kr a month incl. VAT from the dated table (fbk_tariff_book_get_capacity_price());
   * NAN when not known (no table, a price recorded as null, a partial month). */
  double                 step_price_kr;
  double                 next_step_price_kr;  /* NAN in the top step too */
  /* Each day's highest hour, from hourly values (also where Elvia's
   * figures are shown): what the chart and the coach work from. */
  guint                  n_days;
  FbkMaxHour             days[FBK_MAX_HOURS_DAYS_IN_MONTH];
  /* One step lower (fbk_capacity_saving_compute()), from those days; only
   * with has_saving (hourly values, a table, a whole or running month). */
  gboolean               has_saving;
  FbkCapacitySaving      saving;
  double                 saving_kr;           /* what it would have cost less; NAN when not known, 0 in step 1 */
} FbkMaxHoursRow;

GArray *fbk_max_hours_table_build     (FbkSeries               *hourly_consumption,
                                       const FbkMaxHoursReport *api_report,
                                       FbkInstant               from,
                                       FbkInstant               to,
                                       FbkInstant               now,
                                       FbkTariffBook           *book);
gboolean fbk_max_hours_table_sum_year (GArray                  *rows,
                                       int                      year,
                                       double                  *out_cost_kr,
                                       double                  *out_saving_kr,
                                       guint                   *out_n_months);
char   *fbk_max_hours_row_dup_saving_hint (const FbkMaxHoursRow *row);
void    fbk_max_hours_table_write_csv (GString                 *out,
                                       FbkCsvStyle              style,
                                       const char              *metering_point_id,
                                       GArray                  *rows,
                                       gboolean                 with_header);

G_END_DECLS
