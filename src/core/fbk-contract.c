/* fbk-contract.c: what a household has agreed to pay, per metering point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-contract"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-contract.h"

/* The nicks are the names the CLI's options and GSettings use. */
G_DEFINE_ENUM_TYPE (FbkSupplier, fbk_supplier,
  G_DEFINE_ENUM_VALUE (FBK_SUPPLIER_SPOT, "spot"),
  G_DEFINE_ENUM_VALUE (FBK_SUPPLIER_FIXED, "fixed"))

G_DEFINE_ENUM_TYPE (FbkScheme, fbk_scheme,
  G_DEFINE_ENUM_VALUE (FBK_SCHEME_STROMSTOTTE, "stromstotte"),
  G_DEFINE_ENUM_VALUE (FBK_SCHEME_NORGESPRIS, "norgespris"),
  G_DEFINE_ENUM_VALUE (FBK_SCHEME_NONE, "none"))

/* As the price service spells them. */
G_DEFINE_ENUM_TYPE (FbkPriceArea, fbk_price_area,
  G_DEFINE_ENUM_VALUE (FBK_PRICE_AREA_NO1, "NO1"),
  G_DEFINE_ENUM_VALUE (FBK_PRICE_AREA_NO2, "NO2"),
  G_DEFINE_ENUM_VALUE (FBK_PRICE_AREA_NO3, "NO3"),
  G_DEFINE_ENUM_VALUE (FBK_PRICE_AREA_NO4, "NO4"),
  G_DEFINE_ENUM_VALUE (FBK_PRICE_AREA_NO5, "NO5"))

/* Each of them is an int-sized enum, so one helper reads a nick into any. */
G_STATIC_ASSERT (sizeof (FbkSupplier) == sizeof (int));
G_STATIC_ASSERT (sizeof (FbkScheme) == sizeof (int));
G_STATIC_ASSERT (sizeof (FbkPriceArea) == sizeof (int));

/* Far beyond any real contract: catches kr typed for øre, not prices. */
#define MAX_ORE_PER_KWH  10000.0
#define MAX_KR_A_MONTH   100000.0

G_DEFINE_QUARK (fbk-contract-error-quark, fbk_contract_error)

/* The nick of @value, or %NULL when @value is not one of @type's. */
static const char *
enum_to_nick (GType type,
              int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  /* nicks are static strings: they outlive the reference */
  return enum_value != NULL ? enum_value->value_nick : NULL;
}

static gboolean
enum_from_nick (GType       type,
                const char *nick,
                int        *out_value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value;

  g_return_val_if_fail (out_value != NULL, FALSE);

  enum_value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;
  if (enum_value == NULL)
    return FALSE;

  *out_value = enum_value->value;
  return TRUE;
}

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

  if (enum_to_nick (FBK_TYPE_SUPPLIER, self->supplier) == NULL ||
      enum_to_nick (FBK_TYPE_SCHEME, self->scheme) == NULL ||
      enum_to_nick (FBK_TYPE_PRICE_AREA, self->area) == NULL)
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

  if (self->scheme == FBK_SCHEME_NORGESPRIS && !fbk_contract_norgespris_from_scheme_start (self) &&
      !fbk_date_is_valid (self->norgespris_from))
    {
      g_set_error (error, FBK_CONTRACT_ERROR, FBK_CONTRACT_ERROR_INVALID,
                   _("Norgespris needs the date it started."));
      return FALSE;
    }

  return TRUE;
}

/**
 * fbk_contract_norgespris_from_scheme_start:
 *
 * Whether the household took Norgespris from the scheme's first day, as
 * most did: its norgespris_from is left unset ({ 0, 0, 0 }), which every
 * date is on or after, and the dated scheme rows (state-schemes.json) say
 * from when it existed.
 */
gboolean
fbk_contract_norgespris_from_scheme_start (const FbkContract *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->norgespris_from.year == 0 && self->norgespris_from.month == 0 &&
         self->norgespris_from.day == 0;
}

/**
 * fbk_supplier_to_string:
 *
 * Returns: "spot" or "fixed"
 */
const char *
fbk_supplier_to_string (FbkSupplier supplier)
{
  return enum_to_nick (FBK_TYPE_SUPPLIER, supplier);
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
  return enum_from_nick (FBK_TYPE_SUPPLIER, text, (int *) out_supplier);
}

/**
 * fbk_scheme_to_string:
 *
 * Returns: "stromstotte", "norgespris" or "none"
 */
const char *
fbk_scheme_to_string (FbkScheme scheme)
{
  return enum_to_nick (FBK_TYPE_SCHEME, scheme);
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
  return enum_from_nick (FBK_TYPE_SCHEME, text, (int *) out_scheme);
}

/**
 * fbk_price_area_to_string:
 *
 * Returns: "NO1" to "NO5"
 */
const char *
fbk_price_area_to_string (FbkPriceArea area)
{
  return enum_to_nick (FBK_TYPE_PRICE_AREA, area);
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
  return enum_from_nick (FBK_TYPE_PRICE_AREA, text, (int *) out_area);
}
