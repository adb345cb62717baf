/* fbk-contract-settings.c: each metering point's contract in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-contract"

#include "config.h"

#include <string.h>

#include "fbk-contract-settings.h"

/* One relocatable schema, one path per metering point: the window's
 * preferences and forbruk-cli read and write the same keys, and a meter
 * nobody set up reads the schema's defaults, which are
 * fbk_contract_init_default()'s. */
#define CONTRACTS_PATH "/io/github/forbruk/Forbruk/contracts/"

/**
 * fbk_contract_settings_new:
 * @metering_point_id: 18 digits
 *
 * Returns: (transfer full) (nullable): the meter's contract settings, or
 *   %NULL where the schema is not installed (forbruk-cli run from a build
 *   tree, say), where only the defaults apply
 */
GSettings *
fbk_contract_settings_new (const char *metering_point_id)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (metering_point_id != NULL && *metering_point_id != '\0', NULL);
  g_return_val_if_fail (strspn (metering_point_id, "0123456789") == strlen (metering_point_id), NULL);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, FBK_CONTRACT_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("The schema %s is not installed: the default contract applies", FBK_CONTRACT_SCHEMA_ID);
      return NULL;
    }

  path = g_strconcat (CONTRACTS_PATH, metering_point_id, "/", NULL);
  return g_settings_new_full (schema, NULL, path);
}

/* An enum key holds one of its choices: GSettings checks that on writing. */
static int
read_enum (GSettings  *settings,
           const char *key,
           GType       type)
{
  g_autofree char *nick = g_settings_get_string (settings, key);
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
  GEnumValue *value = g_enum_get_value_by_nick (enum_class, nick);

  g_return_val_if_fail (value != NULL, 0);
  return value->value;
}

static void
write_enum (GSettings  *settings,
            const char *key,
            GType       type,
            int         value)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (enum_class, value);

  g_return_if_fail (enum_value != NULL);
  g_settings_set_string (settings, key, enum_value->value_nick);
}

/**
 * fbk_contract_settings_read:
 *
 * Reads the contract the settings hold. Settings another program wrote
 * wrongly (a Norgespris date that is not a date) fall back to the default
 * for that field, with a warning in the journal, rather than stopping the
 * cost views; fbk_contract_validate() checks the rest before use.
 */
void
fbk_contract_settings_read (GSettings   *settings,
                            FbkContract *out_contract)
{
  g_autofree char *from = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (out_contract != NULL);

  fbk_contract_init_default (out_contract);
  out_contract->supplier = read_enum (settings, "supplier", FBK_TYPE_SUPPLIER);
  out_contract->markup_ore = g_settings_get_double (settings, "markup-ore");
  out_contract->fixed_price_ore = g_settings_get_double (settings, "fixed-price-ore");
  out_contract->monthly_fee_kr = g_settings_get_double (settings, "monthly-fee-kr");
  out_contract->scheme = read_enum (settings, "scheme", FBK_TYPE_SCHEME);
  out_contract->cabin = g_settings_get_boolean (settings, "cabin");
  out_contract->area = read_enum (settings, "area", FBK_TYPE_PRICE_AREA);
  out_contract->production_deduction_ore = g_settings_get_double (settings, "production-deduction-ore");

  from = g_settings_get_string (settings, "norgespris-from");
  if (*from != '\0' && !fbk_time_parse_date (from, &out_contract->norgespris_from))
    g_warning ("The setting norgespris-from is not a date (YYYY-MM-DD); taking the scheme's first day");
}

void
fbk_contract_settings_write (GSettings         *settings,
                             const FbkContract *contract)
{
  g_autofree char *from = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (contract != NULL);

  if (!fbk_contract_norgespris_from_scheme_start (contract))
    from = g_strdup_printf ("%04d-%02d-%02d", contract->norgespris_from.year,
                            contract->norgespris_from.month, contract->norgespris_from.day);

  write_enum (settings, "supplier", FBK_TYPE_SUPPLIER, contract->supplier);
  g_settings_set_double (settings, "markup-ore", contract->markup_ore);
  g_settings_set_double (settings, "fixed-price-ore", contract->fixed_price_ore);
  g_settings_set_double (settings, "monthly-fee-kr", contract->monthly_fee_kr);
  write_enum (settings, "scheme", FBK_TYPE_SCHEME, contract->scheme);
  g_settings_set_string (settings, "norgespris-from", from != NULL ? from : "");
  g_settings_set_boolean (settings, "cabin", contract->cabin);
  write_enum (settings, "area", FBK_TYPE_PRICE_AREA, contract->area);
  g_settings_set_double (settings, "production-deduction-ore", contract->production_deduction_ore);
}

/**
 * fbk_contract_load:
 *
 * The meter's saved contract, or the defaults where none can be read.
 */
void
fbk_contract_load (const char  *metering_point_id,
                   FbkContract *out_contract)
{
  g_autoptr(GSettings) settings = fbk_contract_settings_new (metering_point_id);

  if (settings != NULL)
    fbk_contract_settings_read (settings, out_contract);
  else
    fbk_contract_init_default (out_contract);
}
