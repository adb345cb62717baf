/* fbk-cost-export.h: costs and spot prices as CSV and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-cost.h"
#include "fbk-csv.h"

G_BEGIN_DECLS

/* One metering point's costs, as forbruk-cli cost prints them. */
typedef struct
{
  const char         *metering_point_id;
  const FbkCostSheet *sheet;
  gboolean            produces;   /* else its production columns stay empty */
} FbkCostExportMeter;

void   fbk_cost_write_csv      (GString                  *out,
                                FbkCsvStyle               style,
                                const FbkCostExportMeter *meters,
                                guint                     n_meters,
                                FbkResolution             resolution);
char  *fbk_cost_to_json        (const FbkCostExportMeter *meters,
                                guint                     n_meters,
                                FbkResolution             resolution);

void   fbk_spot_prices_write_csv (GString                *out,
                                  FbkCsvStyle             style,
                                  const char             *area,
                                  const GArray           *prices);
char  *fbk_spot_prices_to_json   (const char             *area,
                                  const GArray           *prices);

G_END_DECLS
