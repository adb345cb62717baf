/* fbk-cost.h: what every hour cost, by the rules of the electricity bill
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-contract.h"
#include "fbk-max-hours.h"
#include "fbk-series.h"
#include "fbk-spot-price.h"
#include "fbk-tariff-book.h"
#include "fbk-time.h"

G_BEGIN_DECLS

/* The parts of a bill, in øre including VAT, NAN where not known (see
 * fbk_cost_compute()). A plain struct of doubles in FbkCostPart order, so
 * code that treats all parts alike can use fbk_cost_parts_get(). */
typedef struct
{
  double electricity;        /* the supplier's: spot + markup, or the fixed price */
  double grid_energy;        /* energiledd */
  double capacity;           /* kapasitetsledd, the month's spread over its hours */
  double taxes;              /* forbruksavgift and the Enova fee */
  double subsidy;            /* strømstøtte, <= 0 */
  double norgespris;         /* the Norgespris settlement, either sign */
  double fees;               /* the supplier's monthly fee, spread over the month's hours */
  double production_credit;  /* production bought by the supplier, beside the bill */
} FbkCostParts;

typedef enum
{
  FBK_COST_ELECTRICITY,
  FBK_COST_GRID_ENERGY,
  FBK_COST_CAPACITY,
  FBK_COST_TAXES,
  FBK_COST_SUBSIDY,
  FBK_COST_NORGESPRIS,
  FBK_COST_FEES,
  FBK_COST_PRODUCTION_CREDIT,
} FbkCostPart;

#define FBK_COST_N_PARTS (FBK_COST_PRODUCTION_CREDIT + 1)

/* Why a part is unknown, for the "unknown" the window explains. */
typedef enum
{
  FBK_COST_UNKNOWN_CONSUMPTION = 1 << 0,  /* the hour has no (whole) consumption value */
  FBK_COST_UNKNOWN_SPOT_PRICE  = 1 << 1,  /* the hour has no spot price */
  FBK_COST_UNKNOWN_TARIFF      = 1 << 2,  /* no dated row, or a price recorded as null */
  FBK_COST_UNKNOWN_MAX_HOURS   = 1 << 3,  /* the month has no value to find its capacity step */
  FBK_COST_UNKNOWN_CAP_COUNT   = 1 << 4,  /* an earlier hour of the month has no value, so
                                           * how much of the monthly cap is used is not known */
} FbkCostUnknown;

/* One clock hour [start, start + 1 h). */
typedef struct
{
  FbkInstant   start;
  double       kwh;             /* consumption; NAN when the hour has no whole value */
  double       production_kwh;  /* NAN when there is no production value */
  FbkCostParts ore;
  double       total;           /* the bill: every part but production_credit; NAN if any is */
  guint32      unknown;         /* FbkCostUnknown: why parts are NAN */
} FbkCostHour;

/* One Oslo calendar month that the period touches. */
typedef struct
{
  int                   year;
  int                   month;
  FbkInstant            start;
  FbkInstant            end;
  FbkMaxHours           max_hours;     /* from the month's consumption, as the max-hours view computes it */
  const FbkTariffTable *table;         /* capacity table in force on the 1st; NULL if none */
  guint                 step;          /* 1-based; 0 when not known */
  double                capacity_ore;  /* the month's capacity, øre incl. VAT; NAN when not known */
  double                fees_ore;      /* the month's supplier fee, øre incl. VAT */
} FbkCostMonth;

typedef struct
{
  FbkInstant  from;
  FbkInstant  to;
  GArray     *hours;    /* FbkCostHour: every clock hour of [from, to), in order */
  GArray     *months;   /* FbkCostMonth: every Oslo month [from, to) touches, in order */
} FbkCostSheet;

/* Hours summed over an Oslo calendar period, in the shape of FbkBucket.
 * [start, end) is the whole period; [covered_from, covered_to) its hours
 * that the sheet holds (less at the sheet's edges). */
typedef struct
{
  FbkInstant   start;
  FbkInstant   end;
  FbkInstant   covered_from;
  FbkInstant   covered_to;
  guint32      hours;             /* hours with a consumption value */
  guint32      hours_expected;    /* clock hours of the whole period */
  guint32      production_hours;  /* hours with a production value */
  double       kwh;               /* of those hours; NAN when there are none */
  double       production_kwh;
  FbkCostParts ore;
  double       total;
  guint32      unknown;           /* FbkCostUnknown of its hours */
} FbkCostBucket;

FbkCostSheet *fbk_cost_compute            (FbkSeries          *consumption,
                                           FbkSeries          *production,
                                           GArray             *spot_prices,
                                           const FbkContract  *contract,
                                           FbkTariffBook      *book,
                                           FbkInstant          from,
                                           FbkInstant          to);
void          fbk_cost_sheet_free         (FbkCostSheet       *self);
GArray       *fbk_cost_sheet_get_buckets  (const FbkCostSheet *self,
                                           FbkResolution       resolution);

double        fbk_cost_parts_get          (const FbkCostParts *parts,
                                           FbkCostPart         part);
const char   *fbk_cost_part_to_string     (FbkCostPart         part);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkCostSheet, fbk_cost_sheet_free)

G_END_DECLS
