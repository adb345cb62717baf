/* test-tariff-book.c: the shipped dated tables of energiledd, taxes, VAT,
 * strømstøtte and Norgespris, their boundaries, and strict loading
 *
 * Expected figures are those of electricity-bill.md and capacity-tariff.md,
 * typed here from the documents, not read from the data under test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "fbk-error.h"
#include "fbk-tariff-book.h"
#include "fbk-test-support.h"

#define EPSILON 1e-9

static FbkTariffBook *
load_default (void)
{
  g_autoptr(GError) error = NULL;
  FbkTariffBook *book = fbk_tariff_book_new_default (&error);

  /* a broken shipped file fails here, never at a user's */
  g_assert_no_error (error);
  g_assert_nonnull (book);
  return book;
}

#define date(year, month, day) ((FbkDate) { (year), (month), (day) })

#define at(text) fbk_test_instant (text)

static void
assert_valid_from (FbkDate actual,
                   FbkDate expected)
{
  g_assert_cmpint (fbk_date_compare (actual, expected), ==, 0);
}

static void
test_grid_energy (void)
{
  g_autoptr(FbkTariffBook) book = load_default ();
  const FbkGridEnergyRow *row;
  /* capacity-tariff.md 3.4, øre/kWh excluding taxes and VAT */
  struct {
    FbkDate on, valid_from;
    double day, night;
  } cases[] = {
    { { 2024, 10, 1 }, { 2024, 10, 1 }, 24.56, 18.56 },
    { { 2024, 12, 31 }, { 2024, 10, 1 }, 24.56, 18.56 },
    { { 2025, 1, 1 }, { 2025, 1, 1 }, 23.21, 15.21 },
    { { 2025, 3, 31 }, { 2025, 1, 1 }, 23.21, 15.21 },
    { { 2025, 4, 1 }, { 2025, 4, 1 }, 20.99, 12.99 },
    { { 2026, 6, 30 }, { 2025, 4, 1 }, 20.99, 12.99 },
    { { 2026, 7, 1 }, { 2026, 7, 1 }, 28.99, 16.99 },
    { { 2027, 5, 17 }, { 2026, 7, 1 }, 28.99, 16.99 },
  };

  /* not known before Elvia's prices excluding taxes were recorded */
  g_assert_null (fbk_tariff_book_lookup_grid_energy (book, date (2024, 9, 30)));
  g_assert_null (fbk_tariff_book_lookup_grid_energy (book, date (2023, 2, 1)));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      row = fbk_tariff_book_lookup_grid_energy (book, cases[i].on);
      g_assert_nonnull (row);
      assert_valid_from (row->valid_from, cases[i].valid_from);
      g_assert_cmpfloat_with_epsilon (row->day, cases[i].day, EPSILON);
      g_assert_cmpfloat_with_epsilon (row->night, cases[i].night, EPSILON);
      g_assert_cmpint (row->day_from_hour, ==, 6);
      g_assert_cmpint (row->day_to_hour, ==, 22);
      g_assert_true (row->source != NULL && *row->source != '\0');
    }

  /* the July 2026 row says why it is 28.99 and not elvia.no's 46.60 */
  row = fbk_tariff_book_lookup_grid_energy (book, date (2026, 7, 1));
  g_assert_nonnull (strstr (row->source, "46.60"));
  g_assert_nonnull (strstr (row->source, "#384"));
}

static void
test_grid_energy_price (void)
{
  g_autoptr(FbkTariffBook) book = load_default ();
  const FbkGridEnergyRow *row = NULL;
  double price = 0;

  /* Wednesday 1 July 2026: 06:00 is a day hour, 05:00 and 22:00 are not */
  g_assert_true (fbk_tariff_book_get_grid_energy_price (book, at ("2026-07-01T06:00:00+02:00"), &price, &row));
  g_assert_cmpfloat_with_epsilon (price, 28.99, EPSILON);
  assert_valid_from (row->valid_from, date (2026, 7, 1));
  g_assert_true (fbk_tariff_book_get_grid_energy_price (book, at ("2026-07-01T05:00:00+02:00"), &price, NULL));
  g_assert_cmpfloat_with_epsilon (price, 16.99, EPSILON);
  g_assert_true (fbk_tariff_book_get_grid_energy_price (book, at ("2026-07-01T22:00:00+02:00"), &price, NULL));
  g_assert_cmpfloat_with_epsilon (price, 16.99, EPSILON);

  /* the last hour of the old row and the first of the new: 30 June 2026
   * 23:00 (night 12.99), 1 July 00:00 (night 16.99) */
  g_assert_true (fbk_tariff_book_get_grid_energy_price (book, at ("2026-06-30T23:00:00+02:00"), &price, &row));
  g_assert_cmpfloat_with_epsilon (price, 12.99, EPSILON);
  assert_valid_from (row->valid_from, date (2025, 4, 1));
  g_assert_true (fbk_tariff_book_get_grid_energy_price (book, at ("2026-07-01T00:00:00+02:00"), &price, NULL));
  g_assert_cmpfloat_with_epsilon (price, 16.99, EPSILON);

  /* unknown before the first row, with no row to name */
  row = (gpointer) book;
  g_assert_false (fbk_tariff_book_get_grid_energy_price (book, at ("2024-09-30T12:00:00+02:00"), &price, &row));
  g_assert_null (row);
}

/* Each hour of an Oslo day: 'D' where the day rate applies, 'N' where the
 * night rate does. The test rows price the day rate 1 and the night 0. */
static void
assert_day_rate_hours (FbkTariffBook *book,
                       const char    *midnight,
                       guint          n_hours,
                       const char    *expected)
{
  FbkInstant start = at (midnight);

  g_assert_cmpuint (strlen (expected), ==, n_hours);
  for (guint i = 0; i < n_hours; i++)
    {
      double price = NAN;

      g_assert_true (fbk_tariff_book_get_grid_energy_price (book, start + i * FBK_SECONDS_PER_HOUR, &price, NULL));
      if (price != (expected[i] == 'D' ? 1 : 0))
        g_error ("%s + %u h: %s", midnight, i, price == 1 ? "day" : "night");
    }
  /* the pattern is the whole day */
  g_assert_cmpint (fbk_time_oslo_date (start + n_hours * FBK_SECONDS_PER_HOUR).day, !=,
                   fbk_time_oslo_date (start).day);
}

/* The day rate on working days in the row's local hours, by the clock hour
 * in which an hour starts. */
static void
test_day_rate_hours (void)
{
  static const char energy_json[] =
    "{\"rows\": ["
    " {\"valid_from\": \"2020-01-01\", \"day\": 1, \"night\": 0, \"day_from_hour\": 6, \"day_to_hour\": 22, \"source\": \"a\"},"
    " {\"valid_from\": \"2030-01-01\", \"day\": 1, \"night\": 0, \"day_from_hour\": 7, \"day_to_hour\": 24, \"source\": \"b\"}"
    "]}";
  g_autoptr(GBytes) energy = g_bytes_new_static (energy_json, sizeof energy_json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkTariffBook) book = fbk_tariff_book_new_from_bytes (NULL, energy, NULL, NULL, &error);

  g_assert_no_error (error);

  /* Wednesday 15 January 2025: 00-05 night, 06-21 day, 22-23 night */
  assert_day_rate_hours (book, "2025-01-15T00:00:00+01:00", 24, "NNNNNNDDDDDDDDDDDDDDDDNN");
  /* Saturday 18 January 2025, 17 May 2024 (Friday), Easter Monday 2025 */
  assert_day_rate_hours (book, "2025-01-18T00:00:00+01:00", 24, "NNNNNNNNNNNNNNNNNNNNNNNN");
  assert_day_rate_hours (book, "2024-05-17T00:00:00+02:00", 24, "NNNNNNNNNNNNNNNNNNNNNNNN");
  assert_day_rate_hours (book, "2025-04-21T00:00:00+02:00", 24, "NNNNNNNNNNNNNNNNNNNNNNNN");
  /* Sunday 26 October 2025 has 25 hours, both 02:00 hours at night */
  assert_day_rate_hours (book, "2025-10-26T00:00:00+02:00", 25, "NNNNNNNNNNNNNNNNNNNNNNNNN");
  /* Monday 27 October: local 06:00 is 05:00 UTC, now that it is winter time */
  assert_day_rate_hours (book, "2025-10-27T00:00:00+01:00", 24, "NNNNNNDDDDDDDDDDDDDDDDNN");
  /* Monday 31 March 2025, after the 23-hour Sunday: local 06:00 is 04:00
   * UTC, local 22:00 is 20:00 UTC */
  assert_day_rate_hours (book, "2025-03-31T00:00:00+02:00", 24, "NNNNNNDDDDDDDDDDDDDDDDNN");
  /* Christmas Eve is a working day */
  assert_day_rate_hours (book, "2025-12-24T00:00:00+01:00", 24, "NNNNNNDDDDDDDDDDDDDDDDNN");
  /* another row's window: from 07 to midnight, Wednesday 16 January 2030 */
  assert_day_rate_hours (book, "2030-01-16T00:00:00+01:00", 24, "NNNNNNNDDDDDDDDDDDDDDDDD");
}

static void
test_taxes (void)
{
  g_autoptr(FbkTariffBook) book = load_default ();
  const FbkTaxRow *row = NULL;
  /* electricity-bill.md, "Taxes": forbruksavgift + Enova 1.0 */
  struct {
    FbkDate on, valid_from;
    double forbruksavgift;
  } cases[] = {
    { { 2023, 1, 1 }, { 2023, 1, 1 }, 15.41 },
    { { 2023, 3, 31 }, { 2023, 1, 1 }, 15.41 },
    { { 2023, 4, 1 }, { 2023, 4, 1 }, 15.84 },
    { { 2023, 12, 31 }, { 2023, 4, 1 }, 15.84 },
    { { 2024, 1, 1 }, { 2024, 1, 1 }, 9.51 },
    { { 2024, 4, 1 }, { 2024, 4, 1 }, 16.44 },
    { { 2025, 1, 1 }, { 2025, 1, 1 }, 9.79 },
    { { 2025, 4, 1 }, { 2025, 4, 1 }, 16.93 },
    { { 2025, 9, 30 }, { 2025, 4, 1 }, 16.93 },
    { { 2025, 10, 1 }, { 2025, 10, 1 }, 12.53 },
    { { 2026, 1, 1 }, { 2026, 1, 1 }, 7.13 },
    { { 2026, 12, 31 }, { 2026, 1, 1 }, 7.13 },
  };
  double total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (fbk_tariff_book_get_taxes (book, cases[i].on, &total, &row));
      assert_valid_from (row->valid_from, cases[i].valid_from);
      g_assert_cmpfloat_with_epsilon (row->forbruksavgift, cases[i].forbruksavgift, EPSILON);
      g_assert_cmpfloat_with_epsilon (row->enova, 1.0, EPSILON);
      g_assert_cmpfloat_with_epsilon (total, cases[i].forbruksavgift + 1.0, EPSILON);
    }

  /* before the table, and 2027, whose rate Stortinget has not given the data */
  g_assert_false (fbk_tariff_book_get_taxes (book, date (2022, 12, 31), &total, &row));
  g_assert_null (row);
  g_assert_false (fbk_tariff_book_get_taxes (book, date (2027, 1, 1), &total, &row));
  g_assert_nonnull (row);
  g_assert_true (isnan (row->forbruksavgift));
}

static void
test_vat (void)
{
  g_autoptr(FbkTariffBook) book = load_default ();
  double rate = 0;

  /* 25 % since 2005, all of the capacity tables' time included */
  g_assert_true (fbk_tariff_book_get_vat_rate (book, date (2022, 7, 1), &rate, NULL));
  g_assert_cmpfloat_with_epsilon (rate, 0.25, EPSILON);
  g_assert_true (fbk_tariff_book_get_vat_rate (book, date (2026, 12, 31), &rate, NULL));
  g_assert_cmpfloat_with_epsilon (rate, 0.25, EPSILON);
  g_assert_false (fbk_tariff_book_get_vat_rate (book, date (2004, 12, 31), &rate, NULL));
}

/* The published prices including everything are (energiledd + taxes) ×
 * 1.25, worked out by hand from the documents:
 *   2025-01 day:   (23.21 + 9.79 + 1.0) × 1.25 = 34.00 × 1.25 = 42.50
 *   2025-04 day:   (20.99 + 16.93 + 1.0) × 1.25 = 38.92 × 1.25 = 48.65
 *   2025-10 day:   (20.99 + 12.53 + 1.0) × 1.25 = 34.52 × 1.25 = 43.15
 *   2026-07 day:   (28.99 + 7.13 + 1.0) × 1.25 = 37.12 × 1.25 = 46.40
 *   2026-07 night: (16.99 + 7.13 + 1.0) × 1.25 = 25.12 × 1.25 = 31.40
 * so the rows in the data agree with Elvia's published totals. */
static void
test_published_totals (void)
{
  g_autoptr(FbkTariffBook) book = load_default ();
  struct {
    const char *hour;
    double total;
  } cases[] = {
    { "2025-01-15T12:00:00+01:00", 42.50 },
    { "2025-04-15T12:00:00+02:00", 48.65 },
    { "2025-10-15T12:00:00+02:00", 43.15 },
    { "2026-07-15T12:00:00+02:00", 46.40 },
    { "2026-07-15T02:00:00+02:00", 31.40 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FbkInstant hour = at (cases[i].hour);
      double energy, taxes, vat;

      g_assert_true (fbk_tariff_book_get_grid_energy_price (book, hour, &energy, NULL));
      g_assert_true (fbk_tariff_book_get_taxes (book, fbk_time_oslo_date (hour), &taxes, NULL));
      g_assert_true (fbk_tariff_book_get_vat_rate (book, fbk_time_oslo_date (hour), &vat, NULL));
      g_assert_cmpfloat_with_epsilon ((energy + taxes) * (1 + vat), cases[i].total, 1e-6);
    }
}

static void
test_subsidy (void)
{
  g_autoptr(FbkTariffBook) book = load_default ();
  /* electricity-bill.md, "Strømstøtte": thresholds excl. VAT */
  struct {
    FbkDate on;
    double threshold;
  } cases[] = {
    { { 2023, 9, 1 }, 70 }, { { 2023, 12, 31 }, 70 }, { { 2024, 1, 1 }, 73 },
    { { 2024, 12, 31 }, 73 }, { { 2025, 1, 1 }, 75 }, { { 2026, 1, 1 }, 77 },
    { { 2026, 12, 31 }, 77 },
  };
  const FbkSubsidyRow *row;

  /* the monthly model before the hourly one is not computed */
  g_assert_null (fbk_tariff_book_lookup_subsidy (book, date (2023, 8, 31)));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      row = fbk_tariff_book_lookup_subsidy (book, cases[i].on);
      g_assert_nonnull (row);
      g_assert_cmpfloat_with_epsilon (row->threshold, cases[i].threshold, EPSILON);
      g_assert_cmpfloat_with_epsilon (row->share, 0.9, EPSILON);
      g_assert_cmpfloat_with_epsilon (row->cap_home_kwh, 5000, EPSILON);
      /* cabins get none */
      g_assert_cmpfloat (row->cap_cabin_kwh, ==, 0);
    }

  /* 2027: unknown until the data says */
  row = fbk_tariff_book_lookup_subsidy (book, date (2027, 1, 1));
  g_assert_nonnull (row);
  g_assert_true (isnan (row->threshold));
  g_assert_true (isnan (row->cap_home_kwh));
}

static void
test_norgespris (void)
{
  g_autoptr(FbkTariffBook) book = load_default ();
  const FbkNorgesprisRow *row;

  g_assert_null (fbk_tariff_book_lookup_norgespris (book, date (2025, 9, 30)));

  row = fbk_tariff_book_lookup_norgespris (book, date (2025, 10, 1));
  g_assert_nonnull (row);
  g_assert_cmpfloat_with_epsilon (row->price, 40, EPSILON);
  g_assert_cmpfloat_with_epsilon (row->cap_home_kwh, 5000, EPSILON);
  g_assert_cmpfloat_with_epsilon (row->cap_cabin_kwh, 1000, EPSILON);
  g_assert_true (row == fbk_tariff_book_lookup_norgespris (book, date (2026, 12, 31)));

  row = fbk_tariff_book_lookup_norgespris (book, date (2027, 1, 1));
  g_assert_nonnull (row);
  g_assert_true (isnan (row->price));
}

static void
test_capacity_price (void)
{
  g_autoptr(FbkTariffBook) book = load_default ();
  const FbkTariffTable *table = NULL;
  double kr = 0;
  guint step = 0;

  /* July 2022: Elvia's table without VAT, step 1 at 100 kr: 100 × 1.25 = 125 */
  g_assert_true (fbk_tariff_book_get_capacity_price (book, 2022, 7, 1.5, &kr, &step, &table));
  g_assert_cmpfloat_with_epsilon (kr, 125.0, EPSILON);
  g_assert_cmpuint (step, ==, 1);
  assert_valid_from (table->valid_from, date (2022, 7, 1));
  /* December 2022, step 7 (25-50 kW): 1060 × 1.25 = 1325 */
  g_assert_true (fbk_tariff_book_get_capacity_price (book, 2022, 12, 30.0, &kr, &step, NULL));
  g_assert_cmpfloat_with_epsilon (kr, 1325.0, EPSILON);

  /* February 2025: exactly 5.0 goes up to step 3, 350 kr including VAT */
  g_assert_true (fbk_tariff_book_get_capacity_price (book, 2025, 2, 5.0, &kr, &step, NULL));
  g_assert_cmpuint (step, ==, 3);
  g_assert_cmpfloat_with_epsilon (kr, 350.0, EPSILON);

  /* March 2023, step 7: published by nobody */
  g_assert_false (fbk_tariff_book_get_capacity_price (book, 2023, 3, 30.0, &kr, &step, &table));
  g_assert_cmpuint (step, ==, 7);
  assert_valid_from (table->valid_from, date (2023, 2, 1));

  /* before the capacity tariff */
  g_assert_false (fbk_tariff_book_get_capacity_price (book, 2022, 6, 1.0, &kr, &step, &table));
  g_assert_null (table);
  g_assert_cmpuint (step, ==, 0);
}

/* Each shipped file that uses fri-nettleie's figures credits it. */
static void
test_attribution (void)
{
  const char *files[] = { "elvia-energy.json", "public-charges.json" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "tariffs", files[i], NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      const char *attribution;

      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      attribution = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                   "attribution");
      g_assert_nonnull (strstr (attribution, "fri-nettleie"));
      g_assert_nonnull (strstr (attribution, "CC BY 4.0"));
    }
}

static GBytes *
bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
test_custom_files (void)
{
  g_autoptr(GBytes) energy = bytes (
    "{\"rows\": ["
    " {\"valid_from\": \"2030-01-01\", \"day\": null, \"night\": 5, \"day_from_hour\": 7, \"day_to_hour\": 23, \"source\": \"b\"},"
    " {\"valid_from\": \"2029-01-01\", \"day\": 30, \"night\": 10, \"day_from_hour\": 6, \"day_to_hour\": 22, \"source\": \"a\"}"
    "]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkTariffBook) book = fbk_tariff_book_new_from_bytes (NULL, energy, NULL, NULL, &error);
  const FbkGridEnergyRow *row = NULL;
  double price = 0;

  g_assert_no_error (error);

  /* sorted by date whatever the file's order */
  g_assert_cmpstr (fbk_tariff_book_lookup_grid_energy (book, date (2029, 6, 1))->source, ==, "a");

  /* Tuesday 1 January 2030 is a holiday; Wednesday 2 January 07:00 is a
   * day hour of the 2030 row, whose day price is null */
  g_assert_true (fbk_tariff_book_get_grid_energy_price (book, at ("2030-01-01T12:00:00+01:00"), &price, &row));
  g_assert_cmpfloat_with_epsilon (price, 5, EPSILON);
  g_assert_false (fbk_tariff_book_get_grid_energy_price (book, at ("2030-01-02T07:00:00+01:00"), &price, &row));
  g_assert_cmpstr (row->source, ==, "b");
  g_assert_true (fbk_tariff_book_get_grid_energy_price (book, at ("2030-01-02T06:00:00+01:00"), &price, &row));
  g_assert_cmpfloat_with_epsilon (price, 5, EPSILON);

  /* the other files are the shipped ones */
  g_assert_nonnull (fbk_tariff_book_lookup_norgespris (book, date (2025, 10, 1)));
  g_assert_true (fbk_tariff_book_get_capacity (book) != NULL);
}

#define ENERGY_ROW(fields) "{\"rows\": [{\"valid_from\": \"2030-01-01\", \"source\": \"s\", " fields "}]}"
#define GOOD_ENERGY "\"day\": 30, \"night\": 10, \"day_from_hour\": 6, \"day_to_hour\": 22"
#define CHARGES(tax, vat) "{\"consumption_tax\": [" tax "], \"vat\": [" vat "]}"
#define GOOD_TAX "{\"valid_from\": \"2030-01-01\", \"source\": \"s\", \"forbruksavgift\": 7, \"enova\": 1}"
#define GOOD_VAT "{\"valid_from\": \"2030-01-01\", \"source\": \"s\", \"rate\": 0.25}"
#define SCHEMES(subsidy, norgespris) "{\"stromstotte\": [" subsidy "], \"norgespris\": [" norgespris "]}"
#define GOOD_SUBSIDY "{\"valid_from\": \"2030-01-01\", \"source\": \"s\", \"threshold\": 70, \"share\": 0.9, \"cap_home_kwh\": 5000, \"cap_cabin_kwh\": 0}"
#define GOOD_NORGESPRIS "{\"valid_from\": \"2030-01-01\", \"source\": \"s\", \"price\": 40, \"cap_home_kwh\": 5000, \"cap_cabin_kwh\": 1000}"

static void
test_bad_files (void)
{
  struct {
    const char *energy, *charges, *schemes;
  } bad[] = {
    { "", NULL, NULL },
    { "not json", NULL, NULL },
    { "[]", NULL, NULL },
    { "{}", NULL, NULL },
    { "{\"rows\": []}", NULL, NULL },
    { "{\"rows\": [5]}", NULL, NULL },
    /* a misspelt or unexpected member */
    { "{\"rows\": [], \"rowz\": []}", NULL, NULL },
    { ENERGY_ROW (GOOD_ENERGY ", \"dag\": 30"), NULL, NULL },
    /* text about the file that is not text */
    { "{\"description\": 5, \"rows\": [{\"valid_from\": \"2030-01-01\", \"source\": \"s\", " GOOD_ENERGY "}]}", NULL, NULL },
    /* no date, an impossible date, no source, an empty source */
    { "{\"rows\": [{\"source\": \"s\", " GOOD_ENERGY "}]}", NULL, NULL },
    { "{\"rows\": [{\"valid_from\": \"2030-02-30\", \"source\": \"s\", " GOOD_ENERGY "}]}", NULL, NULL },
    { "{\"rows\": [{\"valid_from\": \"2030-01-01\", " GOOD_ENERGY "}]}", NULL, NULL },
    { "{\"rows\": [{\"valid_from\": \"2030-01-01\", \"source\": \"\", " GOOD_ENERGY "}]}", NULL, NULL },
    /* a missing price, a string, a negative price, kr in place of øre, infinity */
    { ENERGY_ROW ("\"night\": 10, \"day_from_hour\": 6, \"day_to_hour\": 22"), NULL, NULL },
    { ENERGY_ROW ("\"day\": \"30\", \"night\": 10, \"day_from_hour\": 6, \"day_to_hour\": 22"), NULL, NULL },
    { ENERGY_ROW ("\"day\": -1, \"night\": 10, \"day_from_hour\": 6, \"day_to_hour\": 22"), NULL, NULL },
    { ENERGY_ROW ("\"day\": 3000, \"night\": 10, \"day_from_hour\": 6, \"day_to_hour\": 22"), NULL, NULL },
    { ENERGY_ROW ("\"day\": 1e999, \"night\": 10, \"day_from_hour\": 6, \"day_to_hour\": 22"), NULL, NULL },
    /* hours: null, a fraction, out of range, inverted */
    { ENERGY_ROW ("\"day\": 30, \"night\": 10, \"day_from_hour\": null, \"day_to_hour\": 22"), NULL, NULL },
    { ENERGY_ROW ("\"day\": 30, \"night\": 10, \"day_from_hour\": 6.5, \"day_to_hour\": 22"), NULL, NULL },
    { ENERGY_ROW ("\"day\": 30, \"night\": 10, \"day_from_hour\": 6, \"day_to_hour\": 25"), NULL, NULL },
    { ENERGY_ROW ("\"day\": 30, \"night\": 10, \"day_from_hour\": 22, \"day_to_hour\": 6"), NULL, NULL },
    /* two rows for one date */
    { "{\"rows\": [{\"valid_from\": \"2030-01-01\", \"source\": \"s\", " GOOD_ENERGY "},"
      " {\"valid_from\": \"2030-01-01\", \"source\": \"t\", " GOOD_ENERGY "}]}", NULL, NULL },
    /* charges: a table missing, VAT as percent, a negative tax */
    { NULL, "{\"consumption_tax\": [" GOOD_TAX "]}", NULL },
    { NULL, CHARGES (GOOD_TAX, "{\"valid_from\": \"2030-01-01\", \"source\": \"s\", \"rate\": 25}"), NULL },
    { NULL, CHARGES ("{\"valid_from\": \"2030-01-01\", \"source\": \"s\", \"forbruksavgift\": -7, \"enova\": 1}", GOOD_VAT), NULL },
    { NULL, CHARGES ("{\"valid_from\": \"2030-01-01\", \"source\": \"s\", \"forbruksavgift\": 7}", GOOD_VAT), NULL },
    /* schemes: a share above 1, a negative cap, a boolean for a number */
    { NULL, NULL, SCHEMES ("{\"valid_from\": \"2030-01-01\", \"source\": \"s\", \"threshold\": 70, \"share\": 90, \"cap_home_kwh\": 5000, \"cap_cabin_kwh\": 0}", GOOD_NORGESPRIS) },
    { NULL, NULL, SCHEMES (GOOD_SUBSIDY, "{\"valid_from\": \"2030-01-01\", \"source\": \"s\", \"price\": 40, \"cap_home_kwh\": -1, \"cap_cabin_kwh\": 1000}") },
    { NULL, NULL, SCHEMES (GOOD_SUBSIDY, "{\"valid_from\": \"2030-01-01\", \"source\": \"s\", \"price\": true, \"cap_home_kwh\": 5000, \"cap_cabin_kwh\": 1000}") },
    { NULL, NULL, SCHEMES (GOOD_SUBSIDY, "") },
  };
  g_autoptr(GBytes) good_energy = bytes (ENERGY_ROW (GOOD_ENERGY));
  g_autoptr(GBytes) good_charges = bytes (CHARGES (GOOD_TAX, GOOD_VAT));
  g_autoptr(GBytes) good_schemes = bytes (SCHEMES (GOOD_SUBSIDY, GOOD_NORGESPRIS));
  g_autoptr(FbkTariffBook) good = NULL;
  g_autoptr(GError) good_error = NULL;

  /* the good parts of the cases load */
  good = fbk_tariff_book_new_from_bytes (NULL, good_energy, good_charges, good_schemes, &good_error);
  g_assert_no_error (good_error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) energy = bad[i].energy != NULL ? bytes (bad[i].energy) : NULL;
      g_autoptr(GBytes) charges = bad[i].charges != NULL ? bytes (bad[i].charges) : NULL;
      g_autoptr(GBytes) schemes = bad[i].schemes != NULL ? bytes (bad[i].schemes) : NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FbkTariffBook) book = fbk_tariff_book_new_from_bytes (NULL, energy, charges, schemes, &error);
      const char *file = energy != NULL ? "elvia-energy.json"
                         : charges != NULL ? "public-charges.json" : "state-schemes.json";

      if (book != NULL)
        g_error ("accepted case %u", i);
      g_assert_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_FIELD);
      /* the message names the file */
      if (strstr (error->message, file) == NULL)
        g_error ("case %u: “%s” does not name %s", i, error->message, file);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tariff-book/grid-energy", test_grid_energy);
  g_test_add_func ("/tariff-book/grid-energy-price", test_grid_energy_price);
  g_test_add_func ("/tariff-book/day-rate-hours", test_day_rate_hours);
  g_test_add_func ("/tariff-book/taxes", test_taxes);
  g_test_add_func ("/tariff-book/vat", test_vat);
  g_test_add_func ("/tariff-book/published-totals", test_published_totals);
  g_test_add_func ("/tariff-book/subsidy", test_subsidy);
  g_test_add_func ("/tariff-book/norgespris", test_norgespris);
  g_test_add_func ("/tariff-book/capacity-price", test_capacity_price);
  g_test_add_func ("/tariff-book/attribution", test_attribution);
  g_test_add_func ("/tariff-book/custom-files", test_custom_files);
  g_test_add_func ("/tariff-book/bad-files", test_bad_files);

  return g_test_run ();
}
