/* test-contract-settings.c: each metering point's contract in GSettings
 * (the memory backend and the schema compiled in the build tree)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "fbk-contract-settings.h"

#define METER_A "707057500012345678"
#define METER_B "707057500087654321"

static void
assert_contracts_equal (const FbkContract *a,
                        const FbkContract *b)
{
  g_assert_cmpint (a->supplier, ==, b->supplier);
  g_assert_cmpfloat (a->markup_ore, ==, b->markup_ore);
  g_assert_cmpfloat (a->fixed_price_ore, ==, b->fixed_price_ore);
  g_assert_cmpfloat (a->monthly_fee_kr, ==, b->monthly_fee_kr);
  g_assert_cmpint (a->scheme, ==, b->scheme);
  g_assert_cmpint (a->norgespris_from.year, ==, b->norgespris_from.year);
  g_assert_cmpint (a->norgespris_from.month, ==, b->norgespris_from.month);
  g_assert_cmpint (a->norgespris_from.day, ==, b->norgespris_from.day);
  g_assert_cmpint (a->cabin, ==, b->cabin);
  g_assert_cmpint (a->area, ==, b->area);
  g_assert_cmpfloat (a->production_deduction_ore, ==, b->production_deduction_ore);
}

/* A meter nobody set up has the defaults of most Elvia households: spot,
 * no markup, no fee, strømstøtte, a home, NO1; the schema's defaults and
 * the code's agree. */
static void
test_contract_settings_defaults (void)
{
  g_autoptr(GSettings) settings = fbk_contract_settings_new (METER_A);
  FbkContract read, expected;

  g_assert_nonnull (settings);
  fbk_contract_settings_read (settings, &read);
  fbk_contract_init_default (&expected);
  assert_contracts_equal (&read, &expected);
  g_assert_cmpint (read.supplier, ==, FBK_SUPPLIER_SPOT);
  g_assert_cmpfloat (read.markup_ore, ==, 0.0);
  g_assert_cmpfloat (read.monthly_fee_kr, ==, 0.0);
  g_assert_cmpint (read.scheme, ==, FBK_SCHEME_STROMSTOTTE);
  g_assert_false (read.cabin);
  g_assert_cmpint (read.area, ==, FBK_PRICE_AREA_NO1);
}

/* What one meter saves is read back whole, and only for that meter. */
static void
test_contract_settings_round_trip (void)
{
  g_autoptr(GSettings) settings_a = fbk_contract_settings_new (METER_A);
  FbkContract saved, read, other, defaults;

  fbk_contract_init_default (&saved);
  saved.supplier = FBK_SUPPLIER_FIXED;
  saved.markup_ore = -1.5;
  saved.fixed_price_ore = 89.9;
  saved.monthly_fee_kr = 49.0;
  saved.scheme = FBK_SCHEME_NORGESPRIS;
  saved.norgespris_from = (FbkDate) { 2025, 11, 15 };
  saved.cabin = TRUE;
  saved.area = FBK_PRICE_AREA_NO5;
  saved.production_deduction_ore = 4.0;

  fbk_contract_settings_write (settings_a, &saved);
  fbk_contract_load (METER_A, &read);
  assert_contracts_equal (&read, &saved);

  fbk_contract_load (METER_B, &other);
  fbk_contract_init_default (&defaults);
  assert_contracts_equal (&other, &defaults);

  /* Norgespris from the scheme's first day is an empty date. */
  saved.norgespris_from = (FbkDate) { 0, 0, 0 };
  fbk_contract_settings_write (settings_a, &saved);
  {
    g_autofree char *from = g_settings_get_string (settings_a, "norgespris-from");
    g_assert_cmpstr (from, ==, "");
  }
  fbk_contract_load (METER_A, &read);
  g_assert_true (fbk_contract_norgespris_from_scheme_start (&read));
  g_assert_true (fbk_contract_validate (&read, NULL));
}

/* A date another program wrote wrongly falls back to the scheme's first
 * day instead of stopping the cost views. */
static void
test_contract_settings_bad_date (void)
{
  g_autoptr(GSettings) settings = fbk_contract_settings_new (METER_B);
  FbkContract read;

  g_settings_set_string (settings, "scheme", "norgespris");
  g_settings_set_string (settings, "norgespris-from", "15.11.2025");
  g_test_expect_message ("fbk-contract", G_LOG_LEVEL_WARNING, "*norgespris-from is not a date*");
  fbk_contract_settings_read (settings, &read);
  g_test_assert_expected_messages ();
  g_assert_cmpint (read.scheme, ==, FBK_SCHEME_NORGESPRIS);
  g_assert_true (fbk_contract_norgespris_from_scheme_start (&read));
}

/* Without the schema installed (forbruk-cli from a build tree) the
 * defaults apply, and nothing aborts. */
static void
test_contract_settings_no_schema (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *empty = g_dir_make_tmp ("forbruk-no-schema-XXXXXX", NULL);
      FbkContract read, defaults;

      /* Nowhere to find it: not in the build tree, nor where it is
       * installed (flatpak-builder runs the tests after installing). */
      g_setenv ("GSETTINGS_SCHEMA_DIR", empty, TRUE);
      g_setenv ("XDG_DATA_DIRS", empty, TRUE);
      g_setenv ("XDG_DATA_HOME", empty, TRUE);
      g_assert_null (fbk_contract_settings_new (METER_A));
      fbk_contract_load (METER_A, &read);
      fbk_contract_init_default (&defaults);
      assert_contracts_equal (&read, &defaults);
      g_rmdir (empty);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contract-settings/defaults", test_contract_settings_defaults);
  g_test_add_func ("/contract-settings/round-trip", test_contract_settings_round_trip);
  g_test_add_func ("/contract-settings/bad-date", test_contract_settings_bad_date);
  g_test_add_func ("/contract-settings/no-schema", test_contract_settings_no_schema);

  return g_test_run ();
}
