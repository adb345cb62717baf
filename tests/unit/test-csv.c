/* test-csv.c: the CSV writer, its two styles and the values table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fbk-csv.h"
#include "fbk-test-support.h"

#define HOUR FBK_SECONDS_PER_HOUR
#define DAY  (24 * HOUR)
#define V FBK_INTERVAL_VERIFIED
#define BOM "\xEF\xBB\xBF"

static FbkInstant
at (const char *text)
{
  FbkInstant instant = 0;

  if (!fbk_time_parse (text, &instant))
    g_error ("could not parse %s", text);
  return instant;
}

static void
add (FbkSeries  *series,
     FbkInstant  start,
     double      kwh,
     guint32     flags)
{
  FbkInterval interval = { start, HOUR, flags, kwh };

  fbk_series_upsert (series, &interval, 1);
}

static FbkSeries *
dst_series (void)
{
  FbkSeries *series = fbk_series_new ("707057500012345678", FBK_DIRECTION_CONSUMPTION);

  add (series, at ("2022-10-30T01:00:00+02:00"), 1.284, V);
  add (series, at ("2022-10-30T02:00:00+02:00"), 1.107, V);
  add (series, at ("2022-10-30T02:00:00+01:00"), 0.996, 0);
  return series;
}

static void
test_values_default (void)
{
  g_autoptr(FbkSeries) series = dst_series ();
  g_autoptr(GString) out = g_string_new (NULL);

  fbk_csv_write_values (out, FBK_CSV_STYLE_DEFAULT, &series, 1, FBK_RESOLUTION_HOUR, G_MININT64, G_MAXINT64);
  g_assert_cmpstr (out->str, ==,
    "metering_point_id,start,end,kwh,direction,verified\r\n"
    "707057500012345678,2022-10-30T01:00:00+02:00,2022-10-30T02:00:00+02:00,1.284,consumption,true\r\n"
    "707057500012345678,2022-10-30T02:00:00+02:00,2022-10-30T02:00:00+01:00,1.107,consumption,true\r\n"
    "707057500012345678,2022-10-30T02:00:00+01:00,2022-10-30T03:00:00+01:00,0.996,consumption,false\r\n");
}

static void
test_values_spreadsheet (void)
{
  g_autoptr(FbkSeries) series = dst_series ();
  g_autoptr(GString) out = g_string_new (NULL);

  fbk_csv_write_values (out, FBK_CSV_STYLE_SPREADSHEET, &series, 1, FBK_RESOLUTION_HOUR, G_MININT64, G_MAXINT64);
  g_assert_cmpstr (out->str, ==,
    BOM "metering_point_id;start;end;kwh;direction;verified\r\n"
    "707057500012345678;2022-10-30T01:00:00+02:00;2022-10-30T02:00:00+02:00;1,284;consumption;true\r\n"
    "707057500012345678;2022-10-30T02:00:00+02:00;2022-10-30T02:00:00+01:00;1,107;consumption;true\r\n"
    "707057500012345678;2022-10-30T02:00:00+01:00;2022-10-30T03:00:00+01:00;0,996;consumption;false\r\n");
  g_assert_true (g_utf8_validate (out->str, out->len, NULL));
}

/* Rows by meter, then start, then consumption before production, whatever
 * order the series come in; only starts in [from, to). */
static void
test_values_order_and_range (void)
{
  g_autoptr(FbkSeries) b = fbk_series_new ("707057500000000002", FBK_DIRECTION_CONSUMPTION);
  g_autoptr(FbkSeries) a_production = fbk_series_new ("707057500000000001", FBK_DIRECTION_PRODUCTION);
  g_autoptr(FbkSeries) a_consumption = fbk_series_new ("707057500000000001", FBK_DIRECTION_CONSUMPTION);
  g_autoptr(FbkSeries) empty = fbk_series_new ("707057500000000000", FBK_DIRECTION_CONSUMPTION);
  FbkSeries *all[4];
  FbkInstant t0 = at ("2023-01-10T10:00:00+01:00");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) ranged = g_string_new (NULL);

  add (b, t0, 5.0, V);
  add (a_production, t0, 0.25, V);
  add (a_production, t0 + 2 * HOUR, 0.5, 0);
  add (a_consumption, t0 + HOUR, 2.0, V);
  add (a_consumption, t0, 1.0, V);

  all[0] = b;
  all[1] = a_production;
  all[2] = empty;
  all[3] = a_consumption;

  fbk_csv_write_values (out, FBK_CSV_STYLE_DEFAULT, all, G_N_ELEMENTS (all), FBK_RESOLUTION_HOUR, G_MININT64, G_MAXINT64);
  g_assert_cmpstr (out->str, ==,
    "metering_point_id,start,end,kwh,direction,verified\r\n"
    "707057500000000001,2023-01-10T10:00:00+01:00,2023-01-10T11:00:00+01:00,1.000,consumption,true\r\n"
    "707057500000000001,2023-01-10T10:00:00+01:00,2023-01-10T11:00:00+01:00,0.250,production,true\r\n"
    "707057500000000001,2023-01-10T11:00:00+01:00,2023-01-10T12:00:00+01:00,2.000,consumption,true\r\n"
    "707057500000000001,2023-01-10T12:00:00+01:00,2023-01-10T13:00:00+01:00,0.500,production,false\r\n"
    "707057500000000002,2023-01-10T10:00:00+01:00,2023-01-10T11:00:00+01:00,5.000,consumption,true\r\n");
  /* the caller's array is not reordered */
  g_assert_true (all[0] == b && all[3] == a_consumption);

  fbk_csv_write_values (ranged, FBK_CSV_STYLE_DEFAULT, all, G_N_ELEMENTS (all), FBK_RESOLUTION_HOUR, t0 + HOUR, t0 + 2 * HOUR);
  g_assert_cmpstr (ranged->str, ==,
    "metering_point_id,start,end,kwh,direction,verified\r\n"
    "707057500000000001,2023-01-10T11:00:00+01:00,2023-01-10T12:00:00+01:00,2.000,consumption,true\r\n");

  g_string_truncate (ranged, 0);
  fbk_csv_write_values (ranged, FBK_CSV_STYLE_SPREADSHEET, NULL, 0, FBK_RESOLUTION_HOUR, G_MININT64, G_MAXINT64);
  g_assert_cmpstr (ranged->str, ==, BOM "metering_point_id;start;end;kwh;direction;verified\r\n");
}

/* Summed over periods, a row says how many hours it holds and how many its
 * period has, and spans only what its values cover: a week whose data
 * starts on its Thursday is not passed off as the whole week, and a day
 * with an hour missing says 23 of 24. */
static void
test_values_partial_buckets (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("707057500012345678", FBK_DIRECTION_CONSUMPTION);
  /* Thursday of ISO week 49 of 2026, which runs from Monday 30 November. */
  FbkInstant thursday = at ("2026-12-03T00:00:00+01:00");
  g_autoptr(GString) weeks = g_string_new (NULL);
  g_autoptr(GString) days = g_string_new (NULL);

  /* Thursday to Sunday, 96 hours of 0.5 kWh, but Friday 13:00 is missing. */
  for (guint h = 0; h < 96; h++)
    {
      if (h != 24 + 13)
        add (series, thursday + h * HOUR, 0.5, V);
    }

  fbk_csv_write_values (weeks, FBK_CSV_STYLE_DEFAULT, &series, 1, FBK_RESOLUTION_WEEK, G_MININT64, G_MAXINT64);
  /* 95 hours × 0.5 kWh = 47.5 kWh, of the week's 7 × 24 = 168 hours. */
  g_assert_cmpstr (weeks->str, ==,
    "metering_point_id,start,end,kwh,direction,verified,hours,hours_expected\r\n"
    "707057500012345678,2026-12-03T00:00:00+01:00,2026-12-07T00:00:00+01:00,47.500,consumption,true,95,168\r\n");

  fbk_csv_write_values (days, FBK_CSV_STYLE_DEFAULT, &series, 1, FBK_RESOLUTION_DAY,
                        thursday + DAY, thursday + 2 * DAY);
  /* Friday alone: 23 hours × 0.5 kWh = 11.5 kWh. */
  g_assert_cmpstr (days->str, ==,
    "metering_point_id,start,end,kwh,direction,verified,hours,hours_expected\r\n"
    "707057500012345678,2026-12-04T00:00:00+01:00,2026-12-05T00:00:00+01:00,11.500,consumption,true,23,24\r\n");
}

static char *
number (FbkCsvStyle style,
        double      value,
        guint       decimals)
{
  GString *out = g_string_new (NULL);
  FbkCsvWriter writer;

  fbk_csv_writer_init (&writer, out, style);
  if (style == FBK_CSV_STYLE_SPREADSHEET)
    g_string_truncate (out, 0);  /* drop the BOM */
  fbk_csv_writer_add_number (&writer, value, decimals);
  return g_string_free (out, FALSE);
}

static void
test_numbers (void)
{
  static const struct {
    double value;
    guint decimals;
    const char *expected;
  } cases[] = {
    { 0.0, 3, "0.000" },
    { 1.284, 3, "1.284" },
    { 0.005, 3, "0.005" },
    { 0.0004, 3, "0.000" },
    { -0.0004, 3, "0.000" },  /* no "-0.000" */
    { -2.5, 3, "-2.500" },
    { 1284.0, 3, "1284.000" },
    { 12345678.9, 3, "12345678.900" },
    { 0.9996, 3, "1.000" },
    { 2.4, 0, "2" },
    { 2.6, 0, "3" },
    { 0.0, 0, "0" },
    { 7.25, 1, "7.3" },  /* 7.25 is exact: half away from zero */
    { 0.123456789, 9, "0.123456789" },
    { 1e20, 3, "100000000000000000000.000" },
    { -1e20, 2, "-100000000000000000000.00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plain = number (FBK_CSV_STYLE_DEFAULT, cases[i].value, cases[i].decimals);
      g_autofree char *comma = number (FBK_CSV_STYLE_SPREADSHEET, cases[i].value, cases[i].decimals);
      g_autofree char *expected_comma = g_strdup (cases[i].expected);

      g_strdelimit (expected_comma, ".", ',');
      g_assert_cmpstr (plain, ==, cases[i].expected);
      g_assert_cmpstr (comma, ==, expected_comma);
    }

  /* not finite: an empty field */
  {
    g_autofree char *nan = number (FBK_CSV_STYLE_DEFAULT, NAN, 3);
    g_autofree char *inf = number (FBK_CSV_STYLE_DEFAULT, -INFINITY, 3);

    g_assert_cmpstr (nan, ==, "");
    g_assert_cmpstr (inf, ==, "");
  }
}

static void
test_text_fields (void)
{
  static const struct {
    const char *text;
    const char *default_style;
    const char *spreadsheet_style;
  } cases[] = {
    { "plain", "plain", "plain" },
    { "", "", "" },
    { "a,b", "\"a,b\"", "a,b" },
    { "a;b", "a;b", "\"a;b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"", "\"two\nlines\"" },
    { "cr\rlf", "\"cr\rlf\"", "\"cr\rlf\"" },
    { "=SUM(A1:A9)", "'=SUM(A1:A9)", "'=SUM(A1:A9)" },
    { "+4712345678", "'+4712345678", "'+4712345678" },
    { "-1", "'-1", "'-1" },
    { "@cmd", "'@cmd", "'@cmd" },
    { "\tx", "'\tx", "'\tx" },
    { "\rx", "\"'\rx\"", "\"'\rx\"" },
    { "=1,2", "\"'=1,2\"", "'=1,2" },
    { "=HYPERLINK(\"x\";\"y\")", "\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\"", "\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\"" },
    { "a=b", "a=b", "a=b" },
    { "Ærlig Østre Å", "Ærlig Østre Å", "Ærlig Østre Å" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      for (FbkCsvStyle style = FBK_CSV_STYLE_DEFAULT; style <= FBK_CSV_STYLE_SPREADSHEET; style++)
        {
          g_autoptr(GString) out = g_string_new (NULL);
          FbkCsvWriter writer;
          const char *expected = style == FBK_CSV_STYLE_DEFAULT ? cases[i].default_style
                                                                : cases[i].spreadsheet_style;

          fbk_csv_writer_init (&writer, out, style);
          g_string_truncate (out, 0);
          fbk_csv_writer_add_text (&writer, cases[i].text);
          g_assert_cmpstr (out->str, ==, expected);
        }
    }
}

/* Numbers, instants and booleans are the writer's own: a negative number is
 * not taken for a formula. NULL text is an empty field. */
static void
test_row (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  FbkCsvWriter writer;

  fbk_csv_writer_init (&writer, out, FBK_CSV_STYLE_SPREADSHEET);
  fbk_csv_writer_add_text (&writer, "month");
  fbk_csv_writer_add_text (&writer, NULL);
  fbk_csv_writer_add_number (&writer, -1.5, 2);
  fbk_csv_writer_add_instant (&writer, at ("2024-02-29T23:00:00+01:00"));
  fbk_csv_writer_add_boolean (&writer, FALSE);
  fbk_csv_writer_end_row (&writer);
  fbk_csv_writer_add_text (&writer, "second");
  fbk_csv_writer_end_row (&writer);
  fbk_csv_writer_end_row (&writer);

  g_assert_cmpstr (out->str, ==,
                   BOM "month;;-1,50;2024-02-29T23:00:00+01:00;false\r\n"
                   "second\r\n"
                   "\r\n");
}

/* Tables written one after the other (the max-hours rows of several
 * meters) make one document: a byte order mark in the middle would be
 * read as part of a field. */
static void
test_one_bom (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  FbkCsvWriter writer;

  for (guint i = 0; i < 2; i++)
    {
      fbk_csv_writer_init (&writer, out, FBK_CSV_STYLE_SPREADSHEET);
      fbk_csv_writer_add_number (&writer, i + 0.5, 1);
      fbk_csv_writer_end_row (&writer);
    }

  g_assert_cmpstr (out->str, ==, BOM "0,5\r\n1,5\r\n");
}

static void
test_round_trip_fields (void)
{
  static const char * const texts[] = {
    "plain", "with;semicolon", "with,comma", "with \"quotes\"", "line\nbreak", "crlf\r\nin",
    "=1+1", "+4712345678", "-5", "@SUM(A1)", "\tTab", "\rCR", "ÆØÅ æøå", "'already", " spaces ",
    "\"", "\"\"", ";", ",", "",
  };

  for (FbkCsvStyle style = FBK_CSV_STYLE_DEFAULT; style <= FBK_CSV_STYLE_SPREADSHEET; style++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GPtrArray) rows = NULL;
      FbkCsvWriter writer;
      char separator = style == FBK_CSV_STYLE_SPREADSHEET ? ';' : ',';

      fbk_csv_writer_init (&writer, out, style);
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          fbk_csv_writer_add_text (&writer, texts[i]);
          fbk_csv_writer_add_number (&writer, -(double) i - 0.125, 3);
          fbk_csv_writer_add_text (&writer, texts[G_N_ELEMENTS (texts) - 1 - i]);
          fbk_csv_writer_end_row (&writer);
        }

      rows = fbk_test_read_csv (out->str, separator);
      g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (texts));
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          char **row = g_ptr_array_index (rows, i);
          const char *first = texts[i];
          const char *last = texts[G_N_ELEMENTS (texts) - 1 - i];
          g_autofree char *expected_number = g_strdup_printf ("-%u%c125", i, style == FBK_CSV_STYLE_SPREADSHEET ? ',' : '.');
          g_autofree char *expected_first = strchr ("=+-@\t\r", first[0]) && first[0] ? g_strconcat ("'", first, NULL)
                                                                                      : g_strdup (first);
          g_autofree char *expected_last = strchr ("=+-@\t\r", last[0]) && last[0] ? g_strconcat ("'", last, NULL)
                                                                                  : g_strdup (last);

          g_assert_cmpuint (g_strv_length (row), ==, 3);
          g_assert_cmpstr (row[0], ==, expected_first);
          g_assert_cmpstr (row[1], ==, expected_number);
          g_assert_cmpstr (row[2], ==, expected_last);
        }
    }
}

/* Write a DST week for two meters and both directions in the spreadsheet
 * style, read it back, and get the same values. */
static void
test_round_trip_values (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (30102022);
  FbkInstant t0 = at ("2022-10-27T00:00:00+02:00");
  guint n_hours = 7 * 24 + 1;
  FbkSeries *series[3];
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  guint n_rows = 0;

  series[0] = fbk_series_new ("707057500087654321", FBK_DIRECTION_CONSUMPTION);
  series[1] = fbk_series_new ("707057500012345678", FBK_DIRECTION_PRODUCTION);
  series[2] = fbk_series_new ("707057500012345678", FBK_DIRECTION_CONSUMPTION);

  for (guint s = 0; s < 3; s++)
    for (guint h = 0; h < n_hours; h++)
      add (series[s], t0 + (FbkInstant) h * HOUR, g_rand_int_range (rand, 0, 9999999) / 1000.0,
           g_rand_boolean (rand) ? V : 0);

  fbk_csv_write_values (out, FBK_CSV_STYLE_SPREADSHEET, series, 3, FBK_RESOLUTION_HOUR, G_MININT64, G_MAXINT64);
  g_assert_true (g_str_has_prefix (out->str, BOM));
  rows = fbk_test_read_csv (out->str, ';');
  g_assert_cmpuint (rows->len, ==, 1 + 3 * n_hours);

  {
    const char * const header[] = { "metering_point_id", "start", "end", "kwh", "direction", "verified", NULL };
    g_assert_true (g_strv_equal ((const char * const *) g_ptr_array_index (rows, 0), header));
  }

  /* expected order: meter ...678 (consumption, production interleaved by
   * hour), then meter ...321 */
  for (guint h = 0; h < n_hours; h++)
    {
      g_ptr_array_add (expected, series[2]);
      g_ptr_array_add (expected, series[1]);
    }
  for (guint h = 0; h < n_hours; h++)
    g_ptr_array_add (expected, series[0]);

  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      FbkSeries *source = g_ptr_array_index (expected, r - 1);
      guint hour = r <= 2 * n_hours ? (r - 1) / 2 : r - 1 - 2 * n_hours;
      guint length;
      const FbkInterval *interval = &fbk_series_get_intervals (source, &length)[hour];
      FbkInstant start, end;
      FbkDirection direction;
      g_autofree char *kwh = g_strdup (row[3]);
      char *rest;
      double value;

      g_assert_cmpuint (g_strv_length (row), ==, 6);
      g_assert_cmpstr (row[0], ==, fbk_series_get_metering_point_id (source));
      g_assert_true (fbk_time_parse (row[1], &start));
      g_assert_true (fbk_time_parse (row[2], &end));
      g_assert_cmpint (start, ==, interval->start);
      g_assert_cmpint (end, ==, fbk_interval_end (interval));
      g_assert_nonnull (strchr (row[3], ','));
      g_strdelimit (kwh, ",", '.');
      value = g_ascii_strtod (kwh, &rest);
      g_assert_cmpstr (rest, ==, "");
      g_assert_cmpfloat_with_epsilon (value, interval->kwh, 1e-9);
      g_assert_true (fbk_direction_from_string (row[4], &direction));
      g_assert_cmpint (direction, ==, fbk_series_get_direction (source));
      g_assert_cmpstr (row[5], ==, (interval->flags & V) ? "true" : "false");
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, 3 * n_hours);

  for (guint s = 0; s < 3; s++)
    g_object_unref (series[s]);
}

/* Three meters × three years of hours, in both styles. */
static void
test_speed (void)
{
  FbkInstant t0 = at ("2023-01-01T00:00:00+01:00");
  const guint n_hours = 26304;
  g_autoptr(GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), n_hours);
  FbkSeries *series[3];

  for (guint h = 0; h < n_hours; h++)
    {
      FbkInterval interval = { t0 + (FbkInstant) h * HOUR, HOUR, h % 7 == 0 ? 0 : V, (h % 5000) / 1000.0 };
      g_array_append_val (values, interval);
    }

  for (guint s = 0; s < 3; s++)
    {
      g_autofree char *id = g_strdup_printf ("70705750000000000%u", s);

      series[s] = fbk_series_new (id, FBK_DIRECTION_CONSUMPTION);
      fbk_series_upsert (series[s], (FbkInterval *) (gpointer) values->data, values->len);
    }

  for (FbkCsvStyle style = FBK_CSV_STYLE_DEFAULT; style <= FBK_CSV_STYLE_SPREADSHEET; style++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      gint64 begin = g_get_monotonic_time ();
      gint64 elapsed;
      guint lines = 0;

      fbk_csv_write_values (out, style, series, 3, FBK_RESOLUTION_HOUR, G_MININT64, G_MAXINT64);
      elapsed = g_get_monotonic_time () - begin;

      for (const char *p = out->str; (p = strchr (p, '\n')) != NULL; p++)
        lines++;
      g_assert_cmpuint (lines, ==, 1 + 3 * n_hours);

      g_test_message ("%s style: %u rows, %zu bytes in %.1f ms",
                      style == FBK_CSV_STYLE_DEFAULT ? "default" : "spreadsheet",
                      3 * n_hours, out->len, elapsed / 1000.0);
      /* generous for a busy shared machine; see the message for the figure */
      g_assert_cmpint (elapsed, <, 500 * 1000 * fbk_test_time_scale ());
    }

  for (guint s = 0; s < 3; s++)
    g_object_unref (series[s]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/values/default", test_values_default);
  g_test_add_func ("/csv/values/spreadsheet", test_values_spreadsheet);
  g_test_add_func ("/csv/values/order-and-range", test_values_order_and_range);
  g_test_add_func ("/csv/values/partial-buckets", test_values_partial_buckets);
  g_test_add_func ("/csv/writer/numbers", test_numbers);
  g_test_add_func ("/csv/writer/text-fields", test_text_fields);
  g_test_add_func ("/csv/writer/row", test_row);
  g_test_add_func ("/csv/writer/one-bom", test_one_bom);
  g_test_add_func ("/csv/round-trip/fields", test_round_trip_fields);
  g_test_add_func ("/csv/round-trip/values", test_round_trip_values);
  g_test_add_func ("/csv/speed", test_speed);

  return g_test_run ();
}
