/* test-export-cli.c: forbruk-cli's exports, run for real against its demo
 *
 * Golden CSV files from the demo with its clock stopped, checked against the
 * demo household's own numbers; the spreadsheet style read back with ';' and
 * decimal comma; chart images decoded and compared with the data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fbk-chart-build.h"
#include "fbk-chart-export.h"
#include "fbk-chart-renderer.h"
#include "fbk-demo-household.h"
#include "fbk-demo-server.h"
#include "fbk-metering-point.h"
#include "fbk-test-cli.h"
#include "fbk-test-support.h"

#define NOW   "2026-11-26T12:00:00+01:00"
#define BOM   "\xEF\xBB\xBF"
#define HOUSE "707057500061439208"
#define FLAT  "707057500072815367"
#define SOLAR "707057500083906177"

/* Running forbruk-cli */

/* The text forbruk-cli printed, which must be a success. */
static char *
run_cli (const char * const *args)
{
  g_autoptr(FbkTestCliRun) run = fbk_test_cli_run_demo (NULL, NOW, args);

  if (run->status != 0)
    g_error ("forbruk-cli %s: exit %d: %s", args[0], run->status, run->err);
  return g_steal_pointer (&run->out);
}

/* Reading CSV */

typedef struct
{
  char separator;
  char decimal_mark;
} CsvDialect;

static const CsvDialect default_dialect = { ',', '.' };
static const CsvDialect spreadsheet_dialect = { ';', ',' };

static GPtrArray *
read_csv (const char       *text,
          const CsvDialect *dialect)
{
  return fbk_test_read_csv (text, dialect->separator);
}

/* A number as the dialect writes it; FALSE for anything else. */
static gboolean
parse_number (const char       *text,
              const CsvDialect *dialect,
              double           *out_value)
{
  g_autofree char *c_text = g_strdup (text);
  char *mark = strchr (c_text, dialect->decimal_mark);
  char *end = NULL;

  if (*text == '\0' || strchr (text, dialect->decimal_mark == ',' ? '.' : ',') != NULL)
    return FALSE;
  if (mark != NULL)
    *mark = '.';

  *out_value = g_ascii_strtod (c_text, &end);
  return *end == '\0';
}

static const char *
field (GPtrArray  *rows,
       guint       row,
       const char *name)
{
  char **header = g_ptr_array_index (rows, 0);

  for (guint i = 0; header[i] != NULL; i++)
    {
      if (g_strcmp0 (header[i], name) == 0)
        return ((char **) g_ptr_array_index (rows, row))[i];
    }
  g_error ("no column %s", name);
}

static FbkInstant
instant_field (GPtrArray  *rows,
               guint       row,
               const char *name)
{
  FbkInstant instant;

  g_assert_true (fbk_time_parse (field (rows, row, name), &instant));
  return instant;
}

static double
number_field (GPtrArray  *rows,
              guint       row,
              const char *name)
{
  double value;

  g_assert_true (parse_number (field (rows, row, name), &default_dialect, &value));
  return value;
}

/* Golden files */

typedef struct
{
  const char *name;
  const char *args[12];
} Golden;

static const Golden goldens[] = {
  /* The autumn change: 25 hours on the 25th. */
  { "values-hour-dst-default.csv", { "values", "--from", "2026-10-24", "--to", "2026-10-25", NULL } },
  { "values-hour-dst-spreadsheet.csv", { "values", "--from", "2026-10-24", "--to", "2026-10-25",
                                         "--csv-style", "spreadsheet", NULL } },
  /* The spring change: 23 hours on the 29th. */
  { "values-day-dst-week-default.csv", { "values", "--from", "2026-03-23", "--to", "2026-03-29",
                                         "--resolution", "day", NULL } },
  { "values-day-dst-week-spreadsheet.csv", { "values", "--from", "2026-03-23", "--to", "2026-03-29",
                                             "--resolution", "day", "--csv-style", "spreadsheet", NULL } },
  /* Up to "now": the newest hours unverified, nothing after the last one. */
  { "values-hour-recent-default.csv", { "values", "--from", "2026-11-25", "--to", "2026-11-26", NULL } },
  { "values-hour-production-default.csv", { "values", "--from", "2026-06-21", "--to", "2026-06-21",
                                            "--meter", SOLAR, "--production", NULL } },
  { "maxhours-default.csv", { "maxhours", "--month", "2026-10", "--format", "csv", NULL } },
  { "maxhours-local-default.csv", { "maxhours", "--month", "2026-10", "--format", "csv", "--source", "local", NULL } },
  { "maxhours-spreadsheet.csv", { "maxhours", "--month", "2026-10", "--format", "csv",
                                  "--csv-style", "spreadsheet", NULL } },
};

static const Golden *
find_golden (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      if (g_strcmp0 (goldens[i].name, name) == 0)
        return &goldens[i];
    }
  g_error ("no golden file %s", name);
}

static void
test_golden (gconstpointer data)
{
  const Golden *golden = data;
  g_autofree char *output = run_cli (golden->args);
  g_autofree char *fixture = g_build_filename ("golden", golden->name, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", fixture, NULL);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;

  /* After an intended change of output: FORBRUK_UPDATE_GOLDEN=1, then
   * review the diff. */
  if (g_getenv ("FORBRUK_UPDATE_GOLDEN") != NULL)
    {
      g_file_set_contents (path, output, -1, &error);
      g_assert_no_error (error);
    }

  expected = fbk_test_load_fixture (fixture);
  g_assert_cmpstr (output, ==, g_bytes_get_data (expected, NULL));
  g_assert_cmpuint (strlen (output), ==, g_bytes_get_size (expected));
}

/* The golden values are the demo household's: every hour as the model
 * computes it, with its verified flag, and 25 rows on the autumn day. */
static void
test_values_are_the_households (void)
{
  g_autofree char *csv = run_cli (find_golden ("values-hour-dst-default.csv")->args);
  g_autoptr(GPtrArray) rows = read_csv (csv, &default_dialect);
  FbkInstant now;
  guint on_the_25th = 0;

  g_assert_true (fbk_time_parse (NOW, &now));
  g_assert_cmpuint (rows->len, ==, 1 + 3 * (24 + 25));

  for (guint row = 1; row < rows->len; row++)
    {
      FbkInstant start = instant_field (rows, row, "start");
      FbkDemoMeter meter;
      gint32 wh;

      g_assert_true (fbk_demo_meter_from_id (field (rows, row, "metering_point_id"), &meter));
      g_assert_cmpstr (field (rows, row, "direction"), ==, "consumption");
      g_assert_cmpint (instant_field (rows, row, "end") - start, ==, 3600);

      wh = fbk_demo_household_hour_wh (FBK_DEMO_DEFAULT_SEED, meter, FBK_DIRECTION_CONSUMPTION, start);
      g_assert_cmpint (lround (number_field (rows, row, "kwh") * 1000), ==, wh);
      g_assert_cmpstr (field (rows, row, "verified"), ==,
                       fbk_demo_household_is_verified (FBK_DEMO_DEFAULT_SEED, meter, start, now) ? "true" : "false");

      if (g_str_has_prefix (field (rows, row, "start"), "2026-10-25"))
        on_the_25th++;
    }
  g_assert_cmpuint (on_the_25th, ==, 3 * 25);
}

/* Days are Oslo days: the 29th of March is 23 hours long, and each day's
 * value is the sum of its hours. */
static void
test_values_days (void)
{
  g_autofree char *csv = run_cli (find_golden ("values-day-dst-week-default.csv")->args);
  g_autoptr(GPtrArray) rows = read_csv (csv, &default_dialect);

  g_assert_cmpuint (rows->len, ==, 1 + 3 * 7);

  for (guint row = 1; row < rows->len; row++)
    {
      FbkInstant start = instant_field (rows, row, "start");
      FbkInstant end = instant_field (rows, row, "end");
      FbkDemoMeter meter;
      gint64 wh = 0;

      g_assert_true (fbk_demo_meter_from_id (field (rows, row, "metering_point_id"), &meter));
      g_assert_cmpint (end - start, ==, g_str_has_prefix (field (rows, row, "start"), "2026-03-29") ? 23 * 3600 : 24 * 3600);
      g_assert_true (g_str_has_suffix (field (rows, row, "start"), "T00:00:00+01:00"));

      for (FbkInstant hour = start; hour < end; hour += 3600)
        wh += fbk_demo_household_hour_wh (FBK_DEMO_DEFAULT_SEED, meter, FBK_DIRECTION_CONSUMPTION, hour);
      g_assert_cmpint (lround (number_field (rows, row, "kwh") * 1000), ==, wh);
    }
}

/* What a Norwegian spreadsheet sees, read with ';' and decimal comma, is
 * what the default style says, field for field and number for number. */
static void
check_round_trip (const char *default_name,
                  const char *spreadsheet_name)
{
  g_autofree char *plain = run_cli (find_golden (default_name)->args);
  g_autofree char *spreadsheet = run_cli (find_golden (spreadsheet_name)->args);
  g_autoptr(GPtrArray) expected = read_csv (plain, &default_dialect);
  g_autoptr(GPtrArray) rows = read_csv (spreadsheet, &spreadsheet_dialect);
  guint n_numbers = 0;

  /* One byte order mark, so Excel reads UTF-8; none in the plain style. */
  g_assert_true (g_str_has_prefix (spreadsheet, BOM));
  g_assert_null (strstr (spreadsheet + 1, BOM));
  g_assert_null (strstr (plain, BOM));

  g_assert_cmpuint (rows->len, ==, expected->len);
  for (guint row = 0; row < rows->len; row++)
    {
      char **got = g_ptr_array_index (rows, row);
      char **want = g_ptr_array_index (expected, row);

      g_assert_cmpuint (g_strv_length (got), ==, g_strv_length (want));
      for (guint i = 0; want[i] != NULL; i++)
        {
          double got_value, want_value;

          if (parse_number (want[i], &default_dialect, &want_value))
            {
              g_assert_true (parse_number (got[i], &spreadsheet_dialect, &got_value));
              g_assert_cmpfloat (got_value, ==, want_value);
              n_numbers++;
            }
          else
            g_assert_cmpstr (got[i], ==, want[i]);
        }
    }
  g_assert_cmpuint (n_numbers, >, rows->len);
}

static void
test_spreadsheet_round_trip (void)
{
  check_round_trip ("values-hour-dst-default.csv", "values-hour-dst-spreadsheet.csv");
  check_round_trip ("values-day-dst-week-default.csv", "values-day-dst-week-spreadsheet.csv");
  check_round_trip ("maxhours-default.csv", "maxhours-spreadsheet.csv");
}

/* Charts */

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("forbruk-export-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_temp_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (gconstpointer) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
}

static guint32
argb (const FbkChartColor *color)
{
  return 0xff000000u | (guint32) lround (color->red * 255) << 16 |
         (guint32) lround (color->green * 255) << 8 | (guint32) lround (color->blue * 255);
}

/* The model the chart command drew, made here from the values command's
 * CSV: hourly values of the flat, whose contract starts on 26 May 2025. */
static FbkChartModel *
flat_model_from_values (FbkInstant from,
                        FbkInstant to)
{
  const char * const args[] = { "values", "--meter", FLAT, "--from", "2025-05-20", "--to", "2025-06-02", NULL };
  g_autofree char *csv = run_cli (args);
  g_autoptr(GPtrArray) rows = read_csv (csv, &default_dialect);
  g_autoptr(FbkSeries) series = fbk_series_new (FLAT, FBK_DIRECTION_CONSUMPTION);
  g_autofree char *name = fbk_metering_point_id_format (FLAT);
  const char *names[] = { name };

  for (guint row = 1; row < rows->len; row++)
    {
      FbkInterval interval = { instant_field (rows, row, "start"), 3600, 0, number_field (rows, row, "kwh") };

      if (g_strcmp0 (field (rows, row, "verified"), "true") == 0)
        interval.flags = FBK_INTERVAL_VERIFIED;
      fbk_series_upsert (series, &interval, 1);
    }

  g_assert_cmpuint (fbk_series_get_length (series), ==, 8 * 24);
  return fbk_chart_build_model (&series, names, 1, FBK_RESOLUTION_DAY, from, to);
}

/* Decoded back, a PNG has the asked size times the scale, its bars where
 * the data has values (the 8 days from the contract start on) and none
 * where it has none; the plot has axes' and legend's colours besides. */
static void
test_chart_png (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "flat.png", NULL);
  const char * const args[] = { "chart", "--meter", FLAT, "--from", "2025-05-20", "--to", "2025-06-02",
                                "--width", "800", "--height", "450", "--scale", "2", "--output", path, NULL };
  g_autofree char *printed = run_cli (args);
  FbkInstant from = fbk_time_oslo_midnight ((FbkDate) { 2025, 5, 20 });
  FbkInstant to = fbk_time_oslo_midnight ((FbkDate) { 2025, 6, 3 });
  g_autoptr(FbkChartModel) model = flat_model_from_values (from, to);
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  cairo_rectangle_t plot;
  FbkChartStyle style;
  guint32 bar;
  guint runs = 0;
  gboolean in_bar = FALSE;
  int baseline_row;

  g_assert_cmpstr (printed, ==, "");
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 900);

  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  style.scale = 2;
  bar = argb (&fbk_chart_style_get_palette (&style)->consumption[0]);
  g_assert_cmpuint (fbk_chart_model_get_n_buckets (model), ==, 14);
  g_assert_true (fbk_chart_get_plot_area (800, 450, model, NULL, &style, &plot));

  for (guint bucket = 0; bucket < 14; bucket++)
    {
      cairo_rectangle_t rect;
      guint inside = 0, coloured = 0;

      /* Before the contract: no bar. */
      if (bucket < 6)
        {
          g_assert_false (fbk_chart_get_bucket_rect (800, 450, model, NULL, &style, 0, bucket, &rect));
          continue;
        }

      g_assert_true (fbk_chart_get_bucket_rect (800, 450, model, NULL, &style, 0, bucket, &rect));
      g_assert_cmpfloat (rect.height, >, 20);
      for (int y = (int) ceil (rect.y * 2) + 1; y < (int) floor ((rect.y + rect.height) * 2) - 1; y += 2)
        for (int x = (int) ceil (rect.x * 2) + 1; x < (int) floor ((rect.x + rect.width) * 2) - 1; x += 2)
          {
            inside++;
            coloured += pixel (surface, x, y) == bar;
          }
      g_assert_cmpuint (inside, >, 100);
      g_assert_cmpuint (coloured, ==, inside);
    }

  /* Just above the axis, left to right: one run of bar colour per day with
   * values, none in the six days before. */
  baseline_row = (int) floor ((plot.y + plot.height) * 2) - 3;
  for (int x = (int) ceil (plot.x * 2); x < (int) floor ((plot.x + plot.width) * 2); x++)
    {
      gboolean here = pixel (surface, x, baseline_row) == bar;

      if (here && !in_bar)
        {
          runs++;
          if (runs == 1)
            g_assert_cmpfloat (x, >, (plot.x + plot.width * 6 / 14) * 2);
        }
      in_bar = here;
    }
  g_assert_cmpuint (runs, ==, 8);

  for (int y = 0; y < 900; y += 3)
    for (int x = 0; x < 1600; x += 3)
      g_hash_table_add (colours, GUINT_TO_POINTER (pixel (surface, x, y) | 0xff000000u));
  g_assert_true (g_hash_table_contains (colours, GUINT_TO_POINTER (argb (&fbk_chart_style_get_palette (&style)->background))));
  g_assert_cmpuint (g_hash_table_size (colours), >, 10);

  cairo_surface_destroy (surface);
  remove_temp_dir (dir);
}

static void
test_chart_dark (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "dark.png", NULL);
  const char * const args[] = { "chart", "--from", "2026-11-01", "--to", "2026-11-07", "--dark",
                                "--width", "400", "--height", "300", "--output", path, NULL };
  cairo_surface_t *surface;
  FbkChartStyle dark;

  g_free (run_cli (args));
  surface = cairo_image_surface_create_from_png (path);

  fbk_chart_style_init (&dark, FBK_CHART_THEME_DARK);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 400);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 300);
  g_assert_cmpuint (pixel (surface, 1, 1), ==, argb (&fbk_chart_style_get_palette (&dark)->background));

  cairo_surface_destroy (surface);
  remove_temp_dir (dir);
}

static char *
chart_file (const char *dir,
            const char *name,
            gsize      *out_length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  const char * const args[] = { "chart", "--from", "2026-10-01", "--to", "2026-10-31", "--resolution", "hour",
                                "--width", "800", "--height", "450", "--output", path, NULL };
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_free (run_cli (args));
  g_file_get_contents (path, &contents, out_length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_chart_svg (void)
{
  g_autofree char *dir = make_temp_dir ();
  gsize length;
  g_autofree char *svg = chart_file (dir, "chart.SVG", &length);
  g_autoptr(GPtrArray) elements = fbk_test_markup_elements (svg, length);

  g_assert_cmpstr (g_ptr_array_index (elements, 0), ==, "svg");
  g_assert_cmpuint (elements->len, >, 50);
  g_assert_nonnull (strstr (svg, "width=\"800px\""));

  remove_temp_dir (dir);
}

static void
test_chart_pdf (void)
{
  g_autofree char *dir = make_temp_dir ();
  gsize length;
  g_autofree char *pdf = chart_file (dir, "chart.pdf", &length);

  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  g_assert_true (fbk_test_contains_bytes (pdf, length, "/Type /Page"));
  g_assert_true (fbk_test_contains_bytes (pdf, length, "/Count 1"));
  g_assert_true (fbk_test_contains_bytes (pdf, length, "/MediaBox [ 0 0 800 450 ]"));
  g_assert_true (fbk_test_contains_bytes (pdf, length, "%%EOF"));

  remove_temp_dir (dir);
}

/* Without --output the PNG is named after what it shows, the meter asked
 * for and the period, and the name is printed for scripts. A whole month
 * of all meters is "forbruk-consumption-2026-10.png" (it was
 * "forbruk-several-2026-10-01-2026-10-31.png"). */
static void
test_chart_default_name (void)
{
  g_autofree char *dir = make_temp_dir ();
  const char * const args[] = { "chart", "--meter", HOUSE, "--from", "2026-11-02", "--to", "2026-11-08",
                                "--width", "200", "--height", "150", NULL };
  const char * const month_args[] = { "chart", "--from", "2026-10-01", "--to", "2026-10-31", "--production",
                                      "--width", "200", "--height", "150", NULL };
  const char *expected = "forbruk-consumption-" HOUSE "-2026-11-02-2026-11-08.png";
  g_autofree char *path = g_build_filename (dir, expected, NULL);
  g_autofree char *month_path = g_build_filename (dir, "forbruk-production-2026-10.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(FbkTestCliRun) run = fbk_test_cli_run_demo (dir, NOW, args);
  g_autoptr(FbkTestCliRun) month = fbk_test_cli_run_demo (dir, NOW, month_args);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "forbruk-consumption-" HOUSE "-2026-11-02-2026-11-08.png\n");
  g_assert_cmpint (month->status, ==, 0);
  g_assert_cmpstr (month->out, ==, "forbruk-production-2026-10.png\n");

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\x89PNG\r\n"));
  g_assert_true (g_file_test (month_path, G_FILE_TEST_IS_REGULAR));

  remove_temp_dir (dir);
}

static void
expect_usage_error (const char         *now,
                    const char * const *args,
                    const char         *message)
{
  g_autoptr(FbkTestCliRun) run = fbk_test_cli_run_demo (NULL, now, args);

  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, message));
}

static void
test_chart_usage_errors (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *gif = g_build_filename (dir, "chart.gif", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  const char * const unknown_extension[] = { "chart", "--from", "2026-11-01", "--to", "2026-11-02", "--output", gif, NULL };
  const char * const jpeg[] = { "chart", "--from", "2026-11-01", "--to", "2026-11-02", "-o", "x.jpg", NULL };
  const char * const no_width[] = { "chart", "--from", "2026-11-01", "--to", "2026-11-02", "--width", "0", "--output", png, NULL };
  const char * const bad_resolution[] = { "chart", "--from", "2026-11-01", "--to", "2026-11-02", "--resolution", "minute", "--output", png, NULL };
  const char * const no_period[] = { "chart", "--output", png, NULL };
  const char * const bad_style[] = { "values", "--from", "2026-11-01", "--to", "2026-11-02", "--csv-style", "excel", NULL };
  const char * const meters[] = { "meters", NULL };

  expect_usage_error (NOW, unknown_extension, ".png, .svg or .pdf");
  /* Says which formats there are, and names the file it could not use. */
  expect_usage_error (NOW, jpeg, "“x.jpg”: charts are saved as PNG, SVG or PDF");
  expect_usage_error (NOW, no_width, "positive");
  expect_usage_error (NOW, bad_resolution, "resolution");
  expect_usage_error (NOW, no_period, "--from and --to");
  expect_usage_error (NOW, bad_style, "spreadsheet");
  expect_usage_error ("yesterday", meters, "FORBRUK_DEMO_NOW");

  /* Nothing was written. */
  g_assert_false (g_file_test (gif, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  remove_temp_dir (dir);
}

/* Each --kind the window draws, as a PNG (decoded back: the size asked,
 * more than a background and a few lines) and as SVG (well-formed, with
 * its drawing), each named for the kind when the user gives no name. */
typedef struct
{
  const char *kind;
  const char *meter;
  const char *from;
  const char *to;
  const char *extra;    /* (nullable) one more option */
  const char *suffix;   /* of the default file name */
} ChartKind;

static const ChartKind chart_kinds[] = {
  { "consumption", HOUSE, "2026-11-02", "2026-11-08", NULL, "" },
  { "compare", HOUSE, "2026-11-02", "2026-11-08", "--compare=last-year", "-compare" },
  { "heatmap", HOUSE, "2026-11-02", "2026-11-08", NULL, "-heatmap" },
  { "weekdays", HOUSE, "2026-10-05", "2026-11-01", NULL, "-weekdays" },
  { "solar", SOLAR, "2026-06-01", "2026-06-07", NULL, "-solar" },
  { "cost", HOUSE, "2026-11-02", "2026-11-08", NULL, "-cost" },
};

static void
test_chart_kind (gconstpointer data)
{
  const ChartKind *kind = data;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *svg_path = g_build_filename (dir, "chart.svg", NULL);
  /* What it shows (the kind, or "consumption"), the meter's digits and the
   * days: none of these periods is a whole month or year. */
  g_autofree char *png_name = g_strdup_printf ("forbruk-%s-%s-%s-%s.png",
                                               kind->suffix[0] != '\0' ? kind->suffix + 1 : "consumption",
                                               kind->meter, kind->from, kind->to);
  g_autofree char *png_path = g_build_filename (dir, png_name, NULL);
  g_autofree char *printed = g_strconcat (png_name, "\n", NULL);
  g_autofree char *kind_option = g_strconcat ("--kind=", kind->kind, NULL);
  const char * const png_args[] = { "chart", kind_option, "--meter", kind->meter, "--from", kind->from, "--to", kind->to,
                                    "--width", "640", "--height", "400", kind->extra, NULL };
  const char * const svg_args[] = { "chart", kind_option, "--meter", kind->meter, "--from", kind->from, "--to", kind->to,
                                    "--width", "640", "--height", "400", "--output", svg_path, kind->extra, NULL };
  g_autoptr(FbkTestCliRun) png_run = fbk_test_cli_run_demo (dir, NOW, png_args);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) elements = NULL;
  g_autofree char *svg = NULL;
  cairo_surface_t *surface;
  gsize length;

  g_assert_cmpint (png_run->status, ==, 0);
  g_assert_cmpstr (png_run->out, ==, printed);
  surface = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 400);
  for (int y = 0; y < 400; y += 2)
    for (int x = 0; x < 640; x += 2)
      g_hash_table_add (colours, GUINT_TO_POINTER (pixel (surface, x, y) | 0xff000000u));
  g_assert_cmpuint (g_hash_table_size (colours), >, 10);
  cairo_surface_destroy (surface);

  g_free (run_cli (svg_args));
  g_assert_true (g_file_get_contents (svg_path, &svg, &length, NULL));
  elements = fbk_test_markup_elements (svg, length);
  g_assert_cmpstr (g_ptr_array_index (elements, 0), ==, "svg");
  g_assert_cmpuint (elements->len, >, 50);

  remove_temp_dir (dir);
}

static void
test_chart_kind_usage_errors (void)
{
  const char * const unknown_kind[] = { "chart", "--kind", "pie", "--from", "2026-11-01", "--to", "2026-11-02", NULL };
  const char * const compare_alone[] = { "chart", "--compare", "previous", "--from", "2026-11-01", "--to", "2026-11-02", NULL };
  const char * const bad_compare[] = { "chart", "--kind", "compare", "--compare", "last year", "--from", "2026-11-01",
                                       "--to", "2026-11-02", NULL };
  const char * const daily_heatmap[] = { "chart", "--kind", "heatmap", "--resolution", "day", "--from", "2026-11-01",
                                         "--to", "2026-11-02", NULL };
  const char * const solar_house[] = { "chart", "--kind", "solar", "--meter", HOUSE, "--from", "2026-06-01",
                                       "--to", "2026-06-07", NULL };
  g_autoptr(FbkTestCliRun) run = NULL;

  expect_usage_error (NOW, unknown_kind, "consumption, compare, heatmap, weekdays, solar and cost");
  expect_usage_error (NOW, compare_alone, "--compare goes with --kind compare");
  expect_usage_error (NOW, bad_compare, "previous or last-year");
  expect_usage_error (NOW, daily_heatmap, "A heatmap is of hours");

  /* A house without panels has no solar chart: said, and nothing written. */
  run = fbk_test_cli_run_demo (NULL, NOW, solar_house);
  g_assert_cmpint (run->status, !=, 0);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, "a solar chart needs one that does"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      g_autofree char *path = g_strdup_printf ("/export-cli/golden/%s", goldens[i].name);

      g_test_add_data_func (path, &goldens[i], test_golden);
    }
  g_test_add_func ("/export-cli/values/household", test_values_are_the_households);
  g_test_add_func ("/export-cli/values/days", test_values_days);
  g_test_add_func ("/export-cli/csv/spreadsheet-round-trip", test_spreadsheet_round_trip);
  g_test_add_func ("/export-cli/chart/png", test_chart_png);
  g_test_add_func ("/export-cli/chart/dark", test_chart_dark);
  g_test_add_func ("/export-cli/chart/svg", test_chart_svg);
  g_test_add_func ("/export-cli/chart/pdf", test_chart_pdf);
  g_test_add_func ("/export-cli/chart/default-name", test_chart_default_name);
  g_test_add_func ("/export-cli/chart/usage-errors", test_chart_usage_errors);
  for (guint i = 0; i < G_N_ELEMENTS (chart_kinds); i++)
    {
      g_autofree char *path = g_strdup_printf ("/export-cli/chart/kind/%s", chart_kinds[i].kind);

      g_test_add_data_func (path, &chart_kinds[i], test_chart_kind);
    }
  g_test_add_func ("/export-cli/chart/kind/usage-errors", test_chart_kind_usage_errors);

  return g_test_run ();
}
