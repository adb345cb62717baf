/* fbk-max-hours-table.h: one row per month of a period, for the table,
 * the CLI and CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-csv.h"
#include "fbk-max-hours.h"
#include "fbk-parse.h"
#include "fbk-series.h"
#include "fbk-tariff.h"

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
} FbkMaxHoursRow;

GArray *fbk_max_hours_table_build     (FbkSeries               *hourly_consumption,
                                       const FbkMaxHoursReport *api_report,
                                       FbkInstant               from,
                                       FbkInstant               to,
                                       FbkInstant               now,
                                       FbkTariff               *tariff);
void    fbk_max_hours_table_write_csv (GString                 *out,
                                       FbkCsvStyle              style,
                                       const char              *metering_point_id,
                                       GArray                  *rows,
                                       gboolean                 with_header);

G_END_DECLS
