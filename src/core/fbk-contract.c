/* fbk-contract.c: what a household has agreed to pay, per metering point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-contract"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-contract.h"

/* Names as the CLI's options and GSettings spell them. */
static const char * const supplier_names[] = { "spot", "fixed" };
static const char * const scheme_names[] = { "stromstotte", "norgespris", "none" };
static const char * const area_names[] = { "NO1", "NO2", "NO3", "NO4", "NO5" };

/* Far beyond any real contract: catches kr typed for øre, not prices. */
#define MAX_ORE_PER_KWH  10000.0
#define MAX_KR_A_MONTH   100000.0

G_DEFINE_QUARK (fbk-contract-error-quark, fbk_contract_error)

/**
 * fbk_contract_init_default:
 *
 * What is right for most of Elvia's households: spot price with no markup
 * and no monthly fee, strømstøtte, a home, price area NO1 (Oslo and the
 * east, where Elvia's area lies).
 */
void
fbk_contract_init_default (FbkContract *self)
{
  g_return_if_fail (self != NULL);

  *self = (FbkContract) {
    .supplier = FBK_SUPPLIER_SPOT,
    .markup_ore = 0.0,
    .fixed_price_ore = 0.0,
    .monthly_fee_kr = 0.0,
    .scheme = FBK_SCHEME_STROMSTOTTE,
    .norgespris_from = { 0, 0, 0 },
    .cabin = FALSE,
    .area = FBK_PRICE_AREA_NO1,
    .production_deduction_ore = 0.0,
  };
}

static gboolean
in_range (double value,
          double min,
          double max)
{
  return isfinite (value) && value >= min && value <= max;
}

/**
 * fbk_contract_validate:
 *
 * Checks what a person typed or a stored setting held before it is
 * computed with. A markup may be negative (some contracts pay back part of
 * the spot price); prices, fees and deductions are finite and within
 * bounds no real contract comes near.
 *
 * Returns: %FALSE with @error set (%FBK_CONTRACT_ERROR) when the contract
 *   cannot be computed with
 */
gboolean
fbk_contract_validate (const FbkContract  *self,
                       GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((guint) self->supplier >= G_N_ELEMENTS (supplier_names) ||
      (guint) self->scheme >= G_N_ELEMENTS (scheme_names) ||
      (guint) self->area >= G_N_ELEMENTS (area_names))
    {
      g_set_error (error, FBK_CONTRACT_ERROR, FBK_CONTRACT_ERROR_INVALID,
                   _("The contract names an unknown supplier type, scheme or price area."));
      return FALSE;
    }

  if (self->supplier == FBK_SUPPLIER_SPOT && !in_range (self->markup_ore, -MAX_ORE_PER_KWH, MAX_ORE_PER_KWH))
    {
      g_set_error (error, FBK_CONTRACT_ERROR, FBK_CONTRACT_ERROR_INVALID,
                   _("The markup must be a number of øre per kWh."));
      return FALSE;
    }

  if (self->supplier == FBK_SUPPLIER_FIXED && !in_range (self->fixed_price_ore, 0.0, MAX_ORE_PER_KWH))
    {
      g_set_error (error, FBK_CONTRACT_ERROR, FBK_CONTRACT_ERROR_INVALID,
                   _("The fixed price must be a number of øre per kWh, not below zero."));
      return FALSE;
    }

  if (!in_range (self->monthly_fee_kr, 0.0, MAX_KR_A_MONTH))
    {
      g_set_error (error, FBK_CONTRACT_ERROR, FBK_CONTRACT_ERROR_INVALID,
                   _("The monthly fee must be a number of kroner, not below zero."));
      return FALSE;
    }

  if (!in_range (self->production_deduction_ore, 0.0, MAX_ORE_PER_KWH))
    {
      g_set_error (error, FBK_CONTRACT_ERROR, FBK_CONTRACT_ERROR_INVALID,
                   _("The deduction on production must be a number of øre per kWh, not below zero."));
      return FALSE;
    }

  if (self->scheme == FBK_SCHEME_NORGESPRIS && !fbk_date_is_valid (self->norgespris_from))
    {
      g_set_error (error, FBK_CONTRACT_ERROR, FBK_CONTRACT_ERROR_INVALID,
                   _("Norgespris needs the date it started."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
name_to_index (const char         *text,
               const char * const *names,
               guint               n_names,
               guint              *out_index)
{
  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (text, names[i]) == 0)
        {
          *out_index = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
fbk_supplier_to_string (FbkSupplier supplier)
{
  g_return_val_if_fail ((guint) supplier < G_N_ELEMENTS (supplier_names), NULL);

  return supplier_names[supplier];
}

/**
 * fbk_supplier_from_string:
 * @text: "spot" or "fixed"
 *
 * Returns: %FALSE for anything else
 */
gboolean
fbk_supplier_from_string (const char  *text,
                          FbkSupplier *out_supplier)
{
  guint index;

  g_return_val_if_fail (out_supplier != NULL, FALSE);

  if (!name_to_index (text, supplier_names, G_N_ELEMENTS (supplier_names), &index))
    return FALSE;
  *out_supplier = (FbkSupplier) index;
  return TRUE;
}

const char *
fbk_scheme_to_string (FbkScheme scheme)
{
  g_return_val_if_fail ((guint) scheme < G_N_ELEMENTS (scheme_names), NULL);

  return scheme_names[scheme];
}

/**
 * fbk_scheme_from_string:
 * @text: "stromstotte", "norgespris" or "none"
 *
 * Returns: %FALSE for anything else
 */
gboolean
fbk_scheme_from_string (const char *text,
                        FbkScheme  *out_scheme)
{
  guint index;

  g_return_val_if_fail (out_scheme != NULL, FALSE);

  if (!name_to_index (text, scheme_names, G_N_ELEMENTS (scheme_names), &index))
    return FALSE;
  *out_scheme = (FbkScheme) index;
  return TRUE;
}

const char *
fbk_price_area_to_string (FbkPriceArea area)
{
  g_return_val_if_fail ((guint) area < G_N_ELEMENTS (area_names), NULL);

  return area_names[area];
}

/**
 * fbk_price_area_from_string:
 * @text: "NO1" to "NO5", as the price service spells them
 *
 * Returns: %FALSE for anything else
 */
gboolean
fbk_price_area_from_string (const char   *text,
                            FbkPriceArea *out_area)
{
  guint index;

  g_return_val_if_fail (out_area != NULL, FALSE);

  if (!name_to_index (text, area_names, G_N_ELEMENTS (area_names), &index))
    return FALSE;
  *out_area = (FbkPriceArea) index;
  return TRUE;
}
