/* fbk-contract.h: what a household has agreed to pay, per metering point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-time.h"

G_BEGIN_DECLS

typedef enum
{
  FBK_SUPPLIER_SPOT,    /* the hour's spot price plus a markup */
  FBK_SUPPLIER_FIXED,   /* one price for every kWh */
} FbkSupplier;

typedef enum
{
  FBK_SCHEME_STROMSTOTTE,
  FBK_SCHEME_NORGESPRIS,  /* from FbkContract.norgespris_from, strømstøtte before */
  FBK_SCHEME_NONE,
} FbkScheme;

typedef enum
{
  FBK_PRICE_AREA_NO1,
  FBK_PRICE_AREA_NO2,
  FBK_PRICE_AREA_NO3,
  FBK_PRICE_AREA_NO4,
  FBK_PRICE_AREA_NO5,
} FbkPriceArea;

#define FBK_TYPE_SUPPLIER   (fbk_supplier_get_type ())
#define FBK_TYPE_SCHEME     (fbk_scheme_get_type ())
#define FBK_TYPE_PRICE_AREA (fbk_price_area_get_type ())

/* A plain value: copy it with `=`. Prices are as printed on the contract,
 * including VAT; the production deduction is what the supplier keeps of
 * each kWh it buys (no VAT on a private seller's electricity). */
typedef struct
{
  FbkSupplier  supplier;
  double       markup_ore;                /* FBK_SUPPLIER_SPOT: øre/kWh incl. VAT */
  double       fixed_price_ore;           /* FBK_SUPPLIER_FIXED: øre/kWh incl. VAT */
  double       monthly_fee_kr;            /* either supplier: kr/month incl. VAT */
  FbkScheme    scheme;
  FbkDate      norgespris_from;           /* FBK_SCHEME_NORGESPRIS: its first day, or
                                           * { 0, 0, 0 } for the scheme's first day */
  gboolean     cabin;                     /* a fritidsbolig, not a home */
  FbkPriceArea area;
  double       production_deduction_ore;  /* øre/kWh produced; 0 for none */
} FbkContract;

#define FBK_CONTRACT_ERROR (fbk_contract_error_quark ())

typedef enum
{
  FBK_CONTRACT_ERROR_INVALID,
} FbkContractError;

GQuark       fbk_contract_error_quark      (void);
GType        fbk_supplier_get_type         (void) G_GNUC_CONST;
GType        fbk_scheme_get_type           (void) G_GNUC_CONST;
GType        fbk_price_area_get_type       (void) G_GNUC_CONST;

void         fbk_contract_init_default     (FbkContract        *self);
gboolean     fbk_contract_norgespris_from_scheme_start (const FbkContract *self);
gboolean     fbk_contract_validate         (const FbkContract  *self,
                                            GError            **error);

const char  *fbk_supplier_to_string        (FbkSupplier         supplier);
gboolean     fbk_supplier_from_string      (const char         *text,
                                            FbkSupplier        *out_supplier);
const char  *fbk_scheme_to_string          (FbkScheme           scheme);
gboolean     fbk_scheme_from_string        (const char         *text,
                                            FbkScheme          *out_scheme);
const char  *fbk_price_area_to_string      (FbkPriceArea        area);
gboolean     fbk_price_area_from_string    (const char         *text,
                                            FbkPriceArea       *out_area);

G_END_DECLS
