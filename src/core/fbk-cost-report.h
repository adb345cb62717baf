/* fbk-cost-report.h: what metering points cost over a period, from the
 * data to the bill
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-contract.h"
#include "fbk-cost.h"
#include "fbk-repository.h"
#include "fbk-tariff-book.h"

G_BEGIN_DECLS

/* One metering point's bill. */
typedef struct
{
  char          *metering_point_id;
  FbkContract    contract;
  FbkSeries     *consumption;  /* of the whole months the period touches */
  FbkSeries     *production;   /* likewise; NULL for a meter that does not produce */
  FbkCostSheet  *sheet;
} FbkCostReportMeter;

typedef struct
{
  FbkInstant   from;
  FbkInstant   to;
  GPtrArray   *meters;   /* FbkCostReportMeter, in the asked order */
  GPtrArray   *prices;   /* FbkPriceResult, one per price area the contracts name */
  GArray      *dropped;  /* FbkRangeDrop: parts of the period no request could cover */
} FbkCostReport;

void            fbk_cost_report_free        (FbkCostReport        *report);
const FbkPriceResult *
                fbk_cost_report_get_prices  (const FbkCostReport  *report,
                                             FbkPriceArea          area);

void            fbk_cost_report_build_async  (FbkRepository        *repository,
                                              FbkTariffBook        *book,
                                              const char * const   *metering_point_ids,
                                              const FbkContract    *contracts,
                                              FbkInstant            from,
                                              FbkInstant            to,
                                              FbkProgressFunc       progress,
                                              gpointer              progress_data,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
FbkCostReport  *fbk_cost_report_build_finish (FbkRepository        *repository,
                                              GAsyncResult         *result,
                                              GError              **error);

gboolean        fbk_cost_report_set_contract (FbkCostReport        *report,
                                              guint                 index,
                                              const FbkContract    *contract,
                                              FbkTariffBook        *book);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkCostReport, fbk_cost_report_free)

G_END_DECLS
