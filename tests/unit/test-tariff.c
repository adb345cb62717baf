/* test-tariff.c: the shipped capacity-tariff tables and their step rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fbk-error.h"
#include "fbk-tariff.h"

static FbkTariff *
load_default (void)
{
  g_autoptr(GError) error = NULL;
  FbkTariff *tariff = fbk_tariff_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (tariff);
  return tariff;
}

static const FbkTariffTable *
table_for (FbkTariff *tariff,
           int        year,
           int        month)
{
  const FbkTariffTable *table = fbk_tariff_lookup (tariff, year, month);

  g_assert_nonnull (table);
  return table;
}

/* The table ships inside the core library (through its GResource) and holds
 * the dated rows of capacity-tariff.md, oldest first. */
static void
test_default_tables (void)
{
  g_autoptr(FbkTariff) tariff = load_default ();
  const FbkDate expected[] = {
    { 2022, 7, 1 }, { 2023, 2, 1 }, { 2023, 10, 1 }, { 2024, 10, 1 },
    { 2025, 1, 1 }, { 2025, 4, 1 }, { 2026, 7, 1 },
  };
  const double bounds[] = { 0, 2, 5, 10, 15, 20, 25, 50, 75, 100, INFINITY };

  g_assert_cmpuint (fbk_tariff_get_n_tables (tariff), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const FbkTariffTable *table = fbk_tariff_get_table (tariff, i);

      g_assert_cmpint (fbk_date_compare (table->valid_from, expected[i]), ==, 0);
      g_assert_nonnull (table->source);
      g_assert_cmpuint (table->n_steps, ==, 10);
      for (guint step = 1; step <= table->n_steps; step++)
        {
          g_assert_cmpfloat (fbk_tariff_table_get_step (table, step)->lower, ==, bounds[step - 1]);
          g_assert_cmpfloat (fbk_tariff_table_get_step (table, step)->upper, ==, bounds[step]);
        }
    }

  /* Elvia's own 2022 configuration, before the tables disagreed on bounds */
  g_assert_cmpint (fbk_tariff_get_table (tariff, 0)->boundary, ==, FBK_TARIFF_BOUNDARY_STAYS_BELOW);
  g_assert_false (fbk_tariff_get_table (tariff, 0)->prices_include_vat);
  g_assert_cmpint (fbk_tariff_get_table (tariff, 3)->boundary, ==, FBK_TARIFF_BOUNDARY_GOES_UP);
  g_assert_true (fbk_tariff_get_table (tariff, 6)->prices_include_vat);
}

static void
test_lookup (void)
{
  g_autoptr(FbkTariff) tariff = load_default ();
  struct {
    int year, month;
    FbkDate valid_from;
  } cases[] = {
    { 2022, 7, { 2022, 7, 1 } },
    { 2023, 1, { 2022, 7, 1 } },
    { 2023, 2, { 2023, 2, 1 } },
    { 2024, 9, { 2023, 10, 1 } },
    { 2024, 10, { 2024, 10, 1 } },
    { 2025, 3, { 2025, 1, 1 } },
    { 2026, 6, { 2025, 4, 1 } },
    { 2026, 7, { 2026, 7, 1 } },
    { 2031, 12, { 2026, 7, 1 } },
  };

  /* no capacity steps before July 2022 */
  g_assert_null (fbk_tariff_lookup (tariff, 2022, 6));
  g_assert_null (fbk_tariff_lookup (tariff, 2019, 12));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const FbkTariffTable *table = table_for (tariff, cases[i].year, cases[i].month);
      g_assert_cmpint (fbk_date_compare (table->valid_from, cases[i].valid_from), ==, 0);
    }
}

static void
test_prices (void)
{
  g_autoptr(FbkTariff) tariff = load_default ();
  const double prices_2026[] = { 150, 250, 420, 585, 755, 925, 1760, 2600, 3440, 6800 };
  const FbkTariffTable *table = table_for (tariff, 2026, 8);
  double price = 0;

  for (guint step = 1; step <= 10; step++)
    {
      g_assert_true (fbk_tariff_step_get_price (fbk_tariff_table_get_step (table, step), &price));
      g_assert_cmpfloat (price, ==, prices_2026[step - 1]);
    }

  g_assert_true (fbk_tariff_step_get_price (fbk_tariff_table_get_step (table_for (tariff, 2022, 9), 1), &price));
  g_assert_cmpfloat (price, ==, 100);
  g_assert_true (fbk_tariff_step_get_price (fbk_tariff_table_get_step (table_for (tariff, 2025, 2), 10), &price));
  g_assert_cmpfloat (price, ==, 5605);

  /* prices nobody published stay unknown */
  table = table_for (tariff, 2023, 11);
  g_assert_true (fbk_tariff_step_get_price (fbk_tariff_table_get_step (table, 3), &price));
  g_assert_cmpfloat (price, ==, 305);
  g_assert_false (fbk_tariff_step_get_price (fbk_tariff_table_get_step (table, 4), NULL));
  g_assert_false (fbk_tariff_step_get_price (fbk_tariff_table_get_step (table_for (tariff, 2023, 3), 7), &price));
}

static void
test_step_stays_below (void)
{
  g_autoptr(FbkTariff) tariff = load_default ();
  const FbkTariffTable *table = table_for (tariff, 2022, 12);
  struct { double average; guint step; } cases[] = {
    { 0.0, 1 }, { 1.999, 1 }, { 2.0, 1 }, { 2.00005, 1 }, { 2.0001, 2 }, { 2.001, 2 },
    { 5.0, 2 }, { 5.0001, 3 }, { 9.9, 3 }, { 25.0, 6 }, { 49.0, 7 }, { 75.0, 8 },
    { 100.0, 9 }, { 100.0001, 10 }, { 5000.0, 10 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (fbk_tariff_table_find_step (table, cases[i].average) != cases[i].step)
        g_error ("%g: step %u, expected %u", cases[i].average,
                 fbk_tariff_table_find_step (table, cases[i].average), cases[i].step);
    }
}

static void
test_step_goes_up (void)
{
  g_autoptr(FbkTariff) tariff = load_default ();
  const FbkTariffTable *table = table_for (tariff, 2025, 5);
  struct { double average; guint step; } cases[] = {
    { 0.0, 1 }, { 1.9999, 1 }, { 2.0, 2 }, { 4.99, 2 }, { 5.0, 3 }, { 10.0, 4 },
    { 99.999, 9 }, { 100.0, 10 },
    /* three three-decimal hours whose exact mean is 2 */
    { (2.001 + 1.999 + 2.000) / 3, 2 },
    { (5.1 + 4.8 + 5.1) / 3, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (fbk_tariff_table_find_step (table, cases[i].average) != cases[i].step)
        g_error ("%.17g: step %u, expected %u", cases[i].average,
                 fbk_tariff_table_find_step (table, cases[i].average), cases[i].step);
    }
}

static void
test_headroom (void)
{
  g_autoptr(FbkTariff) tariff = load_default ();
  const FbkTariffTable *goes_up = table_for (tariff, 2026, 1);
  const FbkTariffTable *stays_below = table_for (tariff, 2022, 8);

  g_assert_cmpfloat_with_epsilon (fbk_tariff_table_headroom (goes_up, 4.2), 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (fbk_tariff_table_headroom (goes_up, 5.0), 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (fbk_tariff_table_headroom (goes_up, 0.0), 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (fbk_tariff_table_headroom (stays_below, 4.2), 0.8001, 1e-9);
  g_assert_cmpfloat_with_epsilon (fbk_tariff_table_headroom (stays_below, 2.0), 0.0001, 1e-9);
  g_assert_cmpfloat_with_epsilon (fbk_tariff_table_headroom (stays_below, 2.0001), 3.0, 1e-9);
  g_assert_true (isinf (fbk_tariff_table_headroom (goes_up, 100.0)));
  g_assert_true (isinf (fbk_tariff_table_headroom (stays_below, 250.0)));
}

static FbkTariff *
load_string (const char  *json,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return fbk_tariff_new_from_bytes (bytes, error);
}

static void
test_custom_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkTariff) tariff = load_string (
    "{\"tables\": ["
    " {\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": true,"
    "  \"steps\": [{\"from\": 0, \"to\": 5, \"price\": 10}, {\"from\": 5, \"to\": null, \"price\": null}]},"
    " {\"valid_from\": \"2029-01-01\", \"boundary\": \"stays-below\", \"prices_include_vat\": false,"
    "  \"steps\": [{\"from\": 0, \"to\": null, \"price\": 1.5}]}"
    "]}", &error);
  const FbkTariffTable *table;

  g_assert_no_error (error);
  /* sorted by date whatever the file's order */
  g_assert_cmpint (fbk_tariff_get_table (tariff, 0)->valid_from.year, ==, 2029);
  g_assert_null (fbk_tariff_get_table (tariff, 0)->source);

  table = table_for (tariff, 2029, 5);
  g_assert_cmpuint (fbk_tariff_table_find_step (table, 1000.0), ==, 1);
  g_assert_true (isinf (fbk_tariff_table_headroom (table, 0.0)));

  table = table_for (tariff, 2030, 1);
  g_assert_cmpuint (fbk_tariff_table_find_step (table, 5.0), ==, 2);
  g_assert_false (fbk_tariff_step_get_price (fbk_tariff_table_get_step (table, 2), NULL));
}

static void
test_bad_tables (void)
{
  const char *bad[] = {
    "",
    "[]",
    "{\"tables\": []}",
    "{\"tables\": [5]}",
    "{\"tables\": [{\"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": [{\"from\": 0, \"to\": null, \"price\": 1}]}]}",
    "{\"tables\": [{\"valid_from\": \"2030-02-30\", \"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": [{\"from\": 0, \"to\": null, \"price\": 1}]}]}",
    "{\"tables\": [{\"valid_from\": \"2030-01-01\", \"boundary\": \"sideways\", \"prices_include_vat\": true, \"steps\": [{\"from\": 0, \"to\": null, \"price\": 1}]}]}",
    "{\"tables\": [{\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"steps\": [{\"from\": 0, \"to\": null, \"price\": 1}]}]}",
    "{\"tables\": [{\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": \"yes\", \"steps\": [{\"from\": 0, \"to\": null, \"price\": 1}]}]}",
    "{\"tables\": [{\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": []}]}",
    /* gap between steps */
    "{\"tables\": [{\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": [{\"from\": 0, \"to\": 2, \"price\": 1}, {\"from\": 3, \"to\": null, \"price\": 2}]}]}",
    /* not starting at zero */
    "{\"tables\": [{\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": [{\"from\": 1, \"to\": null, \"price\": 1}]}]}",
    /* an open step that is not the last, and a closed last step */
    "{\"tables\": [{\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": [{\"from\": 0, \"to\": null, \"price\": 1}, {\"from\": 2, \"to\": 5, \"price\": 2}]}]}",
    "{\"tables\": [{\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": [{\"from\": 0, \"to\": 2, \"price\": 1}]}]}",
    /* empty and inverted steps */
    "{\"tables\": [{\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": [{\"from\": 0, \"to\": 0, \"price\": 1}, {\"from\": 0, \"to\": null, \"price\": 1}]}]}",
    "{\"tables\": [{\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": [{\"from\": 0, \"to\": null, \"price\": -1}]}]}",
    "{\"tables\": [{\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": [{\"from\": 0, \"to\": null}]}]}",
    "{\"tables\": [{\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": [{\"from\": 0, \"to\": null, \"price\": \"10\"}]}]}",
    "{\"tables\": [{\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": [{\"from\": 0, \"to\": null, \"price\": 1e999}]}]}",
    /* two tables for one date */
    "{\"tables\": ["
    " {\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": [{\"from\": 0, \"to\": null, \"price\": 1}]},"
    " {\"valid_from\": \"2030-01-01\", \"boundary\": \"goes-up\", \"prices_include_vat\": true, \"steps\": [{\"from\": 0, \"to\": null, \"price\": 2}]}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FbkTariff) tariff = load_string (bad[i], &error);

      if (tariff != NULL)
        g_error ("accepted table %u: %s", i, bad[i]);
      g_assert_true (error != NULL && error->domain == FBK_PARSE_ERROR);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tariff/default-tables", test_default_tables);
  g_test_add_func ("/tariff/lookup", test_lookup);
  g_test_add_func ("/tariff/prices", test_prices);
  g_test_add_func ("/tariff/step/stays-below", test_step_stays_below);
  g_test_add_func ("/tariff/step/goes-up", test_step_goes_up);
  g_test_add_func ("/tariff/headroom", test_headroom);
  g_test_add_func ("/tariff/custom-table", test_custom_table);
  g_test_add_func ("/tariff/bad-tables", test_bad_tables);

  return g_test_run ();
}
