/* fbk-tariff.h: dated capacity-tariff tables (kapasitetsledd)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-time.h"

G_BEGIN_DECLS

/* What happens to a monthly average exactly at a step's upper bound. Each
 * dated table says which rule it follows, because the sources disagree:
 *
 * STAYS_BELOW: Elvia's own GridTariffAPI configuration from 2022-07 matched
 *   valueMin <= x < valueMax with valueMax = bound + 0.0001
 *   (%FBK_TARIFF_STAYS_BELOW_MARGIN), so an average of exactly 2.000 kWh/h
 *   stays in step 1 and 2.0001 is step 2.
 * GOES_UP: later sources (fri-nettleie's `terskel_inkludert`, Elvia's price
 *   pages: "5–9.99 → step 3") put an average exactly at a bound in the
 *   upper step: lower <= x < upper. */
typedef enum
{
  FBK_TARIFF_BOUNDARY_STAYS_BELOW,
  FBK_TARIFF_BOUNDARY_GOES_UP,
} FbkTariffBoundary;

#define FBK_TARIFF_STAYS_BELOW_MARGIN 0.0001

typedef struct
{
  double lower;  /* kWh/h */
  double upper;  /* kWh/h; INFINITY for the open top step */
  double price;  /* kr/month; NAN when not known */
} FbkTariffStep;

/* One dated table, owned by its FbkTariff. Steps are numbered from 1 as
 * Elvia numbers them. */
typedef struct
{
  FbkDate              valid_from;
  FbkTariffBoundary    boundary;
  gboolean             prices_include_vat;
  const char          *source;          /* where the prices come from */
  guint                n_steps;
  const FbkTariffStep *steps;           /* steps[0] is step 1 */
} FbkTariffTable;

#define FBK_TYPE_TARIFF (fbk_tariff_get_type ())

G_DECLARE_FINAL_TYPE (FbkTariff, fbk_tariff, FBK, TARIFF, GObject)

FbkTariff            *fbk_tariff_new_default         (GError               **error);
FbkTariff            *fbk_tariff_new_from_bytes      (GBytes                *json,
                                                      GError               **error);
guint                 fbk_tariff_get_n_tables        (FbkTariff             *self);
const FbkTariffTable *fbk_tariff_get_table           (FbkTariff             *self,
                                                      guint                  index);
const FbkTariffTable *fbk_tariff_lookup              (FbkTariff             *self,
                                                      int                    year,
                                                      int                    month);

guint                 fbk_tariff_table_find_step     (const FbkTariffTable  *table,
                                                      double                 average);
const FbkTariffStep  *fbk_tariff_table_get_step      (const FbkTariffTable  *table,
                                                      guint                  step);
double                fbk_tariff_table_headroom      (const FbkTariffTable  *table,
                                                      double                 average);
gboolean              fbk_tariff_step_get_price      (const FbkTariffStep   *step,
                                                      double                *out_price);

G_END_DECLS
