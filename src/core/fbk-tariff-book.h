/* fbk-tariff-book.h: every dated price and rule the cost of an hour needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-tariff.h"
#include "fbk-time.h"

G_BEGIN_DECLS

/* Rows of the dated tables in data/tariffs/. Each is in force from its
 * valid_from (an Oslo calendar date) until the next row's; a number the
 * data records as null is NAN here, never a guess. All prices are in
 * øre/kWh excluding VAT. The strings belong to the book. */

/* Elvia's energiledd (elvia-energy.json). */
typedef struct
{
  FbkDate     valid_from;
  const char *source;
  double      day;             /* on working days, local hours [day_from_hour, day_to_hour) */
  double      night;           /* all other hours */
  int         day_from_hour;
  int         day_to_hour;
} FbkGridEnergyRow;

/* forbruksavgift and the Enova fee (public-charges.json). */
typedef struct
{
  FbkDate     valid_from;
  const char *source;
  double      forbruksavgift;
  double      enova;
} FbkTaxRow;

/* The VAT rate (public-charges.json). */
typedef struct
{
  FbkDate     valid_from;
  const char *source;
  double      rate;            /* 0.25 for 25 % */
} FbkVatRow;

/* Strømstøtte, hourly model (state-schemes.json). */
typedef struct
{
  FbkDate     valid_from;
  const char *source;
  double      threshold;       /* spot price above which support is paid */
  double      share;           /* of the spot price above the threshold: 0.9 */
  double      cap_home_kwh;    /* kWh a month per metering point */
  double      cap_cabin_kwh;   /* 0: cabins get none */
} FbkSubsidyRow;

/* Norgespris (state-schemes.json). */
typedef struct
{
  FbkDate     valid_from;
  const char *source;
  double      price;
  double      cap_home_kwh;
  double      cap_cabin_kwh;
} FbkNorgesprisRow;

#define FBK_TYPE_TARIFF_BOOK (fbk_tariff_book_get_type ())

G_DECLARE_FINAL_TYPE (FbkTariffBook, fbk_tariff_book, FBK, TARIFF_BOOK, GObject)

FbkTariffBook          *fbk_tariff_book_new_default            (GError                  **error);
FbkTariffBook          *fbk_tariff_book_new_from_bytes         (FbkTariff                *capacity,
                                                                GBytes                   *grid_energy_json,
                                                                GBytes                   *public_charges_json,
                                                                GBytes                   *state_schemes_json,
                                                                GError                  **error);

FbkTariff              *fbk_tariff_book_get_capacity           (FbkTariffBook            *self);

const FbkGridEnergyRow *fbk_tariff_book_lookup_grid_energy     (FbkTariffBook            *self,
                                                                FbkDate                   date);
const FbkTaxRow        *fbk_tariff_book_lookup_taxes           (FbkTariffBook            *self,
                                                                FbkDate                   date);
const FbkVatRow        *fbk_tariff_book_lookup_vat             (FbkTariffBook            *self,
                                                                FbkDate                   date);
const FbkSubsidyRow    *fbk_tariff_book_lookup_subsidy         (FbkTariffBook            *self,
                                                                FbkDate                   date);
const FbkNorgesprisRow *fbk_tariff_book_lookup_norgespris      (FbkTariffBook            *self,
                                                                FbkDate                   date);

gboolean                fbk_tariff_book_get_grid_energy_price  (FbkTariffBook            *self,
                                                                FbkInstant                hour_start,
                                                                double                   *out_ore,
                                                                const FbkGridEnergyRow  **out_row);
gboolean                fbk_tariff_book_get_taxes              (FbkTariffBook            *self,
                                                                FbkDate                   date,
                                                                double                   *out_ore,
                                                                const FbkTaxRow         **out_row);
gboolean                fbk_tariff_book_get_vat_rate           (FbkTariffBook            *self,
                                                                FbkDate                   date,
                                                                double                   *out_rate,
                                                                const FbkVatRow         **out_row);
gboolean                fbk_tariff_book_get_capacity_price     (FbkTariffBook            *self,
                                                                int                       year,
                                                                int                       month,
                                                                double                    average,
                                                                double                   *out_kr,
                                                                guint                    *out_step,
                                                                const FbkTariffTable    **out_table);

double                  fbk_grid_energy_row_price              (const FbkGridEnergyRow   *row,
                                                                gboolean                  working_day,
                                                                int                       local_hour);
double                  fbk_tax_row_total                      (const FbkTaxRow          *row);

G_END_DECLS
