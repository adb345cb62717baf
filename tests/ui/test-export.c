/* test-export.c: the Export menu of the real main view, on the demo server
 *
 * The main view sits in a window with a toast overlay, as in FbkWindow, and
 * shows the demo household with its clock stopped. What it writes is
 * compared with what the built forbruk-cli writes for the same query with
 * the same clock: the same CSV bytes, the same chart pixels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gunixfdlist.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "fbk-chart-view.h"
#include "fbk-demo-server.h"
#include "fbk-main-view.h"
#include "fbk-max-hours-item.h"
#include "fbk-max-hours-view.h"
#include "fbk-period-picker.h"
#include "fbk-test-support.h"
#include "fbk-test-ui.h"

/* A Sunday: "last 7 days" is 9–15 June 2025, shown by day. */
#define NOW   "2025-06-15T10:20:00+02:00"
#define HOUSE "707057500061439208"
#define FLAT  "707057500072815367"
#define SOLAR "707057500083906177"
#define NAME_7_DAYS "forbruk-several-2025-06-09-2025-06-15"

typedef struct
{
  char          *dir;
  FbkDemoServer *server;
  FbkSession    *session;
  GSettings     *settings;
  GtkWindow     *window;
  GtkWidget     *overlay;
  FbkMainView   *view;
} Fixture;

/* ------------------------------------------------------------------------ */
/* Waiting                                                                  */
/* ------------------------------------------------------------------------ */

typedef gboolean (*Condition) (Fixture *fixture);

/* 20 s times the time scale: under the sanitizers on a busy machine the
 * max-hours page, which also loads the rest of its months and last year's
 * month, takes longer than that. */
static void
wait_for (Fixture    *fixture,
          Condition   condition,
          const char *what)
{
  gint64 deadline = fbk_test_deadline (20);

  while (!condition (fixture))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static GtkWidget *
find (Fixture    *fixture,
      GType       type,
      const char *text)
{
  GtkWidget *widget = fbk_test_ui_find (fixture->overlay, type, text);

  if (widget == NULL)
    g_error ("no %s “%s” in the window", g_type_name (type), text != NULL ? text : "");
  return widget;
}

/* Every picked meter's values are in, in both directions. */
static gboolean
values_shown (Fixture *fixture)
{
  FbkChartModel *model = fbk_main_view_get_chart_model (fixture->view, "consumption");

  return !fbk_main_view_get_busy (fixture->view) && model != NULL && fbk_chart_model_get_n_series (model) == 3;
}

/* Elvia's max hours have arrived for every row of the table, and the
 * rest of the month the period is in. */
static gboolean
max_hours_shown (Fixture *fixture)
{
  FbkMaxHoursView *view = FBK_MAX_HOURS_VIEW (find (fixture, FBK_TYPE_MAX_HOURS_VIEW, NULL));
  GListModel *items = fbk_max_hours_view_get_items (view);
  guint n = g_list_model_get_n_items (items);

  if (fbk_max_hours_view_is_loading (view))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FbkMaxHoursItem) item = g_list_model_get_item (items, i);

      if (!fbk_max_hours_item_get_row (item)->has_api)
        return FALSE;
    }
  return values_shown (fixture) && n == 3;
}

/* The toast whose title starts with @prefix, if one is shown. */
static GtkWidget *
find_toast (GtkWidget  *root,
            const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (root)), prefix))
    return gtk_widget_get_ancestor (root, g_type_from_name ("AdwToastWidget"));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *toast = find_toast (child, prefix);

      if (toast != NULL)
        return toast;
    }
  return NULL;
}

/* Waits for the toast, and returns it. */
static GtkWidget *
wait_for_toast (Fixture    *fixture,
                const char *prefix)
{
  gint64 deadline = fbk_test_deadline (20);
  GtkWidget *toast;

  while ((toast = find_toast (fixture->overlay, prefix)) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("no toast “%s…” within 20 s (times the time scale)", prefix);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return toast;
}

/* Toasts queue up behind the one shown: dismiss it, as its close button
 * does, so the next one shows at once. */
static void
dismiss_toast (GtkWidget *toast)
{
  for (GtkWidget *child = gtk_widget_get_first_child (toast); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") == 0)
        {
          g_signal_emit_by_name (child, "clicked");
          return;
        }
    }
  g_error ("the toast has no close button");
}

/* Waits for the toast saying @file was saved, and dismisses it. */
static void
wait_until_saved (Fixture *fixture,
                  GFile   *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = g_strdup_printf ("Saved “%s”", name);

  dismiss_toast (wait_for_toast (fixture, title));
}

/* ------------------------------------------------------------------------ */
/* Set-up                                                                   */
/* ------------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *picked[] = { HOUSE, FLAT, SOLAR, NULL };
  g_autoptr(GError) error = NULL;
  FbkInstant now = fbk_test_instant (NOW);

  fixture->dir = g_dir_make_tmp ("forbruk-export-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  fbk_demo_server_set_now (fixture->server, now);
  g_assert_true (fbk_demo_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);
  fixture->session = fbk_test_new_session (fbk_demo_server_get_base_url (fixture->server), now,
                                           FBK_DEMO_TOKEN, NULL);

  /* The memory backend keeps values between tests: start from the defaults. */
  fixture->settings = g_settings_new (SCHEMA_ID);
  g_settings_reset (fixture->settings, "period");
  g_settings_reset (fixture->settings, "resolution");
  g_settings_reset (fixture->settings, "view");
  g_settings_set_strv (fixture->settings, "picked-meters", picked);

  fixture->view = g_object_new (FBK_TYPE_MAIN_VIEW, NULL);
  fixture->overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (fixture->overlay), GTK_WIDGET (fixture->view));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 720);
  gtk_window_set_child (fixture->window, fixture->overlay);
  gtk_window_present (fixture->window);
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (fixture->view));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->server);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Shows the demo household as a user who picked all three meters would
 * see it. */
static void
show_demo (Fixture *fixture)
{
  fbk_main_view_set_settings (fixture->view, fixture->settings);
  fbk_main_view_set_session (fixture->view, fixture->session);
  wait_for (fixture, values_shown, "the values");
}

static void
show_page (Fixture    *fixture,
           const char *name)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find (fixture, ADW_TYPE_VIEW_STACK, NULL)), name);
}

static GFile *
temp_file (Fixture    *fixture,
           const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  return g_file_new_for_path (path);
}

/* ------------------------------------------------------------------------ */
/* forbruk-cli                                                              */
/* ------------------------------------------------------------------------ */

/* What `forbruk-cli --demo ARGS…` writes to standard output, with the
 * demo's clock at NOW. */
static GBytes *
cli_stdout (const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *out = NULL;

  g_assert_nonnull (g_getenv ("FORBRUK_CLI"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("FORBRUK_CLI"));
  g_ptr_array_add (argv, "--demo");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "FORBRUK_DEMO_NOW", NOW, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("forbruk-cli %s failed: %.*s", args[0], (int) g_bytes_get_size (err),
             (const char *) g_bytes_get_data (err, NULL));

  return out;
}

/* ------------------------------------------------------------------------ */
/* Reading back                                                             */
/* ------------------------------------------------------------------------ */

static GdkTexture *
load_image (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = gdk_texture_new_from_file (file, &error);

  g_assert_no_error (error);
  return texture;
}

/* In cairo's ARGB32: one guint32 a pixel. */
static guint32 *
download (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  guint32 *pixels = g_new (guint32, (gsize) width * gdk_texture_get_height (texture));

  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  return pixels;
}

static gboolean
same_pixels (GdkTexture *a,
             GdkTexture *b)
{
  g_autofree guint32 *a_pixels = download (a);
  g_autofree guint32 *b_pixels = download (b);

  return gdk_texture_get_width (a) == gdk_texture_get_width (b) &&
         gdk_texture_get_height (a) == gdk_texture_get_height (b) &&
         memcmp (a_pixels, b_pixels, (gsize) gdk_texture_get_width (a) * gdk_texture_get_height (a) * 4) == 0;
}

/* A drawn chart has bars, text with antialiasing, the grid: many colours. */
static guint
count_colours (GdkTexture *texture)
{
  g_autofree guint32 *pixels = download (texture);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  gsize n = (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture);

  for (gsize i = 0; i < n; i++)
    g_hash_table_add (colours, GUINT_TO_POINTER (pixels[i]));
  return g_hash_table_size (colours);
}

/* 0–255: how light the top left corner (the background) is. */
static guint
corner_lightness (GdkTexture *texture)
{
  g_autofree guint32 *pixels = download (texture);

  return (((pixels[0] >> 16) & 0xff) + ((pixels[0] >> 8) & 0xff) + (pixels[0] & 0xff)) / 3;
}

static char *
load_text (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_load_contents (file, NULL, &text, NULL, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The period and resolution the window shows, as forbruk-cli takes them. */
typedef struct
{
  char from[11];
  char to[11];
  const char *resolution;
} Query;

static Query
shown_query (Fixture *fixture)
{
  FbkPeriodPicker *picker = FBK_PERIOD_PICKER (find (fixture, FBK_TYPE_PERIOD_PICKER, NULL));
  const FbkPeriod *period = fbk_period_picker_get_period (picker);
  Query query;

  g_snprintf (query.from, sizeof query.from, "%04d-%02d-%02d", period->from.year, period->from.month, period->from.day);
  g_snprintf (query.to, sizeof query.to, "%04d-%02d-%02d", period->to.year, period->to.month, period->to.day);
  query.resolution = fbk_resolution_to_string (fbk_period_picker_get_resolution (picker));
  return query;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

/* The item of the Export menu labelled @label. Menu items follow their
 * action's state through the menu tracker, not as actionables. */
static GtkWidget *
menu_item (Fixture    *fixture,
           const char *label)
{
  return gtk_widget_get_ancestor (find (fixture, GTK_TYPE_LABEL, label), g_type_from_name ("GtkModelButton"));
}

/* As the Export menu shows them. */
static void
assert_actions (Fixture  *fixture,
                gboolean  chart,
                gboolean  data)
{
  GtkWidget *save_chart = menu_item (fixture, "Save Chart as _Image…");
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_ancestor (save_chart, GTK_TYPE_MENU_BUTTON));

  gtk_menu_button_popup (button);
  fbk_test_ui_wait_for_mapped (save_chart);
  g_assert_cmpint (gtk_widget_get_sensitive (save_chart), ==, chart);
  g_assert_cmpint (gtk_widget_get_sensitive (menu_item (fixture, "_Copy Chart")), ==, chart);
  g_assert_cmpint (gtk_widget_get_sensitive (menu_item (fixture, "Save _Data as CSV…")), ==, data);
  gtk_menu_button_popdown (button);
}

static gboolean
idle (Fixture *fixture)
{
  return !fbk_main_view_get_busy (fixture->view);
}

static void
test_actions_follow_what_is_shown (Fixture       *fixture,
                                   gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->view));

  /* No session: nothing to export, and copying does nothing. */
  assert_actions (fixture, FALSE, FALSE);
  gdk_clipboard_set_text (clipboard, "kept");
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "export.copy-chart", NULL);
  g_assert_false (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard), GDK_TYPE_TEXTURE));

  show_demo (fixture);
  assert_actions (fixture, TRUE, TRUE);
  show_page (fixture, "production");
  assert_actions (fixture, TRUE, TRUE);
  /* The table, and the chart of June's daily peaks. */
  show_page (fixture, "max-hours");
  wait_for (fixture, max_hours_shown, "the max hours");
  assert_actions (fixture, TRUE, TRUE);

  /* The session ends: the welcome page is back, nothing to export. */
  fbk_main_view_set_session (fixture->view, NULL);
  wait_for (fixture, idle, "the view to empty");
  assert_actions (fixture, FALSE, FALSE);
}

static void
test_save_chart (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) png = temp_file (fixture, "chart.png");
  g_autoptr(GFile) cli_png = temp_file (fixture, "cli.png");
  g_autoptr(GFile) dark_png = temp_file (fixture, "dark.png");
  g_autoptr(GFile) svg = temp_file (fixture, "chart.svg");
  g_autoptr(GFile) pdf = temp_file (fixture, "chart.pdf");
  g_autoptr(GFile) zoomed_png = temp_file (fixture, "zoomed.png");
  g_autoptr(GFile) reference_png = temp_file (fixture, "reference.png");
  g_autoptr(GFile) missing = temp_file (fixture, "missing/chart.png");
  g_autoptr(GdkTexture) image = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  g_autoptr(GdkTexture) zoomed = NULL;
  g_autoptr(GdkTexture) cli_image = NULL;
  g_autoptr(GdkTexture) reference = NULL;
  g_autoptr(GBytes) cli_out = NULL;
  g_autofree char *svg_text = NULL;
  g_autofree char *pdf_text = NULL;
  g_autoptr(GError) error = NULL;
  FbkChartExportOptions options;
  FbkChartViewport viewport = { fbk_test_instant ("2025-06-10T00:00:00+02:00"),
                                fbk_test_instant ("2025-06-14T00:00:00+02:00") };
  FbkChartView *chart;
  Query query;

  show_demo (fixture);
  query = shown_query (fixture);

  fbk_chart_export_options_init (&options, FBK_CHART_FORMAT_PNG);
  fbk_main_view_save_chart (fixture->view, png, &options);
  wait_until_saved (fixture, png);
  image = load_image (png);
  g_assert_cmpint (gdk_texture_get_width (image), ==, 1600);
  g_assert_cmpint (gdk_texture_get_height (image), ==, 900);
  g_assert_cmpuint (count_colours (image), >, 50);
  g_assert_cmpuint (corner_lightness (image), >, 200);

  /* forbruk-cli draws the very same chart for the same query. */
  cli_out = cli_stdout ((const char *[]) { "chart", "--from", query.from, "--to", query.to,
                                           "--output", g_file_peek_path (cli_png), NULL });
  cli_image = load_image (cli_png);
  g_assert_true (same_pixels (image, cli_image));

  options.theme = FBK_CHART_THEME_DARK;
  options.scale = 2.0;
  fbk_main_view_save_chart (fixture->view, dark_png, &options);
  wait_until_saved (fixture, dark_png);
  dark = load_image (dark_png);
  g_assert_cmpint (gdk_texture_get_width (dark), ==, 3200);
  g_assert_cmpint (gdk_texture_get_height (dark), ==, 1800);
  g_assert_cmpuint (corner_lightness (dark), <, 80);

  fbk_chart_export_options_init (&options, FBK_CHART_FORMAT_SVG);
  fbk_main_view_save_chart (fixture->view, svg, &options);
  wait_until_saved (fixture, svg);
  svg_text = load_text (svg);
  g_assert_true (g_str_has_prefix (svg_text, "<?xml"));
  g_assert_nonnull (strstr (svg_text, "<svg"));

  fbk_chart_export_options_init (&options, FBK_CHART_FORMAT_PDF);
  fbk_main_view_save_chart (fixture->view, pdf, &options);
  wait_until_saved (fixture, pdf);
  pdf_text = load_text (pdf);
  g_assert_true (g_str_has_prefix (pdf_text, "%PDF-"));

  /* Zoomed in, the image is what is in view. */
  chart = FBK_CHART_VIEW (find (fixture, FBK_TYPE_CHART_VIEW, NULL));
  fbk_chart_view_set_viewport (chart, &viewport);
  g_assert_true (fbk_chart_view_get_zoomed (chart));
  fbk_chart_export_options_init (&options, FBK_CHART_FORMAT_PNG);
  fbk_main_view_save_chart (fixture->view, zoomed_png, &options);
  wait_until_saved (fixture, zoomed_png);
  zoomed = load_image (zoomed_png);
  fbk_chart_view_get_viewport (chart, &viewport);
  g_assert_true (fbk_chart_export (fbk_chart_view_get_model (chart), &viewport, &options, reference_png, NULL, &error));
  g_assert_no_error (error);
  reference = load_image (reference_png);
  g_assert_true (same_pixels (zoomed, reference));
  g_assert_false (same_pixels (zoomed, image));

  /* A folder that is not there: the toast says so. */
  fbk_main_view_save_chart (fixture->view, missing, &options);
  dismiss_toast (wait_for_toast (fixture, "Could not save “chart.png”: "));
  g_assert_false (g_file_query_exists (missing, NULL));
}

/* The CSV the window writes for what it shows, and the CSV forbruk-cli
 * writes with @cli_args: the same bytes. */
static void
assert_csv_like_cli (Fixture            *fixture,
                     const char         *name,
                     FbkCsvStyle         style,
                     const char * const *cli_args)
{
  g_autoptr(GFile) file = temp_file (fixture, name);
  g_autoptr(GBytes) cli_csv = cli_stdout (cli_args);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  fbk_main_view_save_data (fixture->view, file, style);
  wait_until_saved (fixture, file);
  csv = load_text (file);

  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 2);
  g_assert_cmpmem (csv, strlen (csv), g_bytes_get_data (cli_csv, NULL), g_bytes_get_size (cli_csv));
}

static void
test_save_data (Fixture       *fixture,
                gconstpointer  data)
{
  Query query;

  show_demo (fixture);
  query = shown_query (fixture);
  g_assert_cmpstr (query.from, ==, "2025-06-09");
  g_assert_cmpstr (query.to, ==, "2025-06-15");

  assert_csv_like_cli (fixture, "values.csv", FBK_CSV_STYLE_DEFAULT,
                       (const char *[]) { "values", "--from", query.from, "--to", query.to,
                                          "--resolution", query.resolution, NULL });
  assert_csv_like_cli (fixture, "values-spreadsheet.csv", FBK_CSV_STYLE_SPREADSHEET,
                       (const char *[]) { "values", "--from", query.from, "--to", query.to,
                                          "--resolution", query.resolution, "--csv-style", "spreadsheet", NULL });

  show_page (fixture, "production");
  assert_csv_like_cli (fixture, "production.csv", FBK_CSV_STYLE_DEFAULT,
                       (const char *[]) { "values", "--from", query.from, "--to", query.to,
                                          "--resolution", query.resolution, "--production", NULL });

  /* On the max-hours page: the rows of the table, one a meter and month. */
  show_page (fixture, "max-hours");
  wait_for (fixture, max_hours_shown, "the max hours");
  assert_csv_like_cli (fixture, "max-hours.csv", FBK_CSV_STYLE_DEFAULT,
                       (const char *[]) { "maxhours", "--month", "2025-06", "--format", "csv", NULL });
  assert_csv_like_cli (fixture, "max-hours-spreadsheet.csv", FBK_CSV_STYLE_SPREADSHEET,
                       (const char *[]) { "maxhours", "--month", "2025-06", "--format", "csv",
                                          "--csv-style", "spreadsheet", NULL });
}

static void
test_copy_chart (Fixture       *fixture,
                 gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->view));
  g_autoptr(GFile) png = temp_file (fixture, "chart.png");
  g_autoptr(GdkTexture) saved = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  FbkChartExportOptions options;
  GdkTexture *copied;

  show_demo (fixture);
  fbk_chart_export_options_init (&options, FBK_CHART_FORMAT_PNG);
  fbk_main_view_save_chart (fixture->view, png, &options);
  wait_until_saved (fixture, png);
  saved = load_image (png);

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "export.copy-chart", NULL);
  dismiss_toast (wait_for_toast (fixture, "Chart copied"));

  g_assert_true (gdk_clipboard_is_local (clipboard));
  g_value_init (&value, GDK_TYPE_TEXTURE);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, &error));
  g_assert_no_error (error);
  copied = g_value_get_object (&value);
  g_assert_cmpint (gdk_texture_get_width (copied), ==, 1600);
  g_assert_cmpint (gdk_texture_get_height (copied), ==, 900);
  /* The same renderer as the saved image. */
  g_assert_true (same_pixels (copied, saved));
}

/* A stand-in for xdg-desktop-portal's OpenURI on the session bus: it
 * notes which file OpenDirectory was handed. */
typedef struct
{
  GDBusConnection *bus;
  guint            owner_id;
  guint            object_id;
  gboolean         owned;
  gboolean         lost;
  char            *opened;   /* the path the fd was for */
} FakePortal;

static const char fake_portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.OpenURI'>"
  "    <method name='OpenDirectory'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='h' name='fd' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
on_portal_method_cb (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *object_path,
                     const char            *interface_name,
                     const char            *method_name,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  FakePortal *portal = user_data;
  GUnixFDList *fds = g_dbus_message_get_unix_fd_list (g_dbus_method_invocation_get_message (invocation));
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  gint32 handle;
  int fd;

  g_variant_get (parameters, "(&sh@a{sv})", NULL, &handle, NULL);
  fd = g_unix_fd_list_get (fds, handle, &error);
  g_assert_no_error (error);
  link = g_strdup_printf ("/proc/self/fd/%d", fd);
  portal->opened = g_file_read_link (link, &error);
  g_assert_no_error (error);
  close (fd);

  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(o)", "/org/freedesktop/portal/desktop/request/1/t"));
}

static void
on_portal_name_acquired_cb (GDBusConnection *connection,
                            const char      *name,
                            gpointer         user_data)
{
  ((FakePortal *) user_data)->owned = TRUE;
}

static void
on_portal_name_lost_cb (GDBusConnection *connection,
                        const char      *name,
                        gpointer         user_data)
{
  ((FakePortal *) user_data)->lost = TRUE;
}

/* FALSE when there is no session bus, or a real portal on it. */
static gboolean
fake_portal_start (FakePortal *portal)
{
  static const GDBusInterfaceVTable vtable = { on_portal_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (fake_portal_xml, NULL);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  portal->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (portal->bus == NULL)
    return FALSE;

  portal->object_id = g_dbus_connection_register_object (portal->bus, "/org/freedesktop/portal/desktop",
                                                         node->interfaces[0], &vtable, portal, NULL, NULL);
  portal->owner_id = g_bus_own_name_on_connection (portal->bus, "org.freedesktop.portal.Desktop",
                                                   G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                                   on_portal_name_acquired_cb, on_portal_name_lost_cb,
                                                   portal, NULL);
  while (!portal->owned && !portal->lost && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return portal->owned;
}

static void
fake_portal_stop (FakePortal *portal)
{
  if (portal->owner_id != 0)
    g_bus_unown_name (portal->owner_id);
  if (portal->object_id != 0)
    g_dbus_connection_unregister_object (portal->bus, portal->object_id);
  g_clear_object (&portal->bus);
  g_clear_pointer (&portal->opened, g_free);
}

static gboolean
portal_called (Fixture *fixture)
{
  return ((FakePortal *) g_object_get_data (G_OBJECT (fixture->view), "portal"))->opened != NULL;
}

static void
test_open_folder (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) png = temp_file (fixture, "chart.png");
  FakePortal portal = { 0 };
  FbkChartExportOptions options;
  GtkWidget *toast;

  if (!fake_portal_start (&portal))
    {
      fake_portal_stop (&portal);
      g_test_skip ("no session bus, or a real portal on it");
      return;
    }

  show_demo (fixture);
  fbk_chart_export_options_init (&options, FBK_CHART_FORMAT_PNG);
  fbk_main_view_save_chart (fixture->view, png, &options);
  toast = wait_for_toast (fixture, "Saved “chart.png”");

  /* The toast's button asks the portal to show the file in its folder. */
  g_object_set_data (G_OBJECT (fixture->view), "portal", &portal);
  g_signal_emit_by_name (fbk_test_ui_find (toast, GTK_TYPE_BUTTON, "Open Folder"), "clicked");
  wait_for (fixture, portal_called, "OpenDirectory");
  g_assert_cmpstr (portal.opened, ==, g_file_peek_path (png));

  fake_portal_stop (&portal);
}

/* The file chooser as it falls back outside Flatpak, driven as a user
 * would: the name offered, a folder and name picked, the options. */
static GtkFileChooser *
wait_for_file_chooser (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

      for (GList *l = toplevels; l != NULL; l = l->next)
        {
          if (GTK_IS_FILE_CHOOSER_DIALOG (l->data) && gtk_widget_get_visible (l->data))
            return GTK_FILE_CHOOSER (l->data);
        }
      if (g_get_monotonic_time () > deadline)
        g_error ("no file chooser within 10 s");
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* Picks the option labelled @label in the chooser's options, with its
 * drop-down as a user does. (GTK 4.8's gtk_file_chooser_set_choice() does
 * not change a drop-down.) */
static gboolean
pick_option (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_DROP_DOWN (root))
    {
      GListModel *options = gtk_drop_down_get_model (GTK_DROP_DOWN (root));

      for (guint i = 0; GTK_IS_STRING_LIST (options) && i < g_list_model_get_n_items (options); i++)
        {
          if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (options), i), label) == 0)
            {
              gtk_drop_down_set_selected (GTK_DROP_DOWN (root), i);
              return TRUE;
            }
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (pick_option (child, label))
        return TRUE;
    }
  return FALSE;
}

static void
choose_file (GFile      *file,
             const char *option)
{
  GtkFileChooser *chooser = wait_for_file_chooser ();
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;

  fbk_test_ui_wait_for_mapped (GTK_WIDGET (chooser));
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (chooser, name);
  g_assert_true (pick_option (GTK_WIDGET (chooser), option));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

static void
test_file_choosers (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) png = temp_file (fixture, "picked.png");
  g_autoptr(GFile) csv = temp_file (fixture, "picked.csv");
  g_autoptr(GdkTexture) image = NULL;
  g_autofree char *text = NULL;
  g_autofree char *png_name = NULL;
  g_autofree char *csv_name = NULL;
  GtkFileChooser *chooser;

  show_demo (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "export.save-chart", NULL);
  chooser = wait_for_file_chooser ();
  /* GTK 4's gtk_file_chooser_get_current_name() returns a copy. */
  png_name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (png_name, ==, NAME_7_DAYS ".png");
  g_assert_cmpstr (gtk_file_chooser_get_choice (chooser, "size"), ==, "1600x900");
  g_assert_cmpstr (gtk_file_chooser_get_choice (chooser, "style"), ==, "light");
  choose_file (png, "3200 × 1800 (sharp on HiDPI screens)");
  wait_until_saved (fixture, png);
  image = load_image (png);
  g_assert_cmpint (gdk_texture_get_width (image), ==, 3200);
  g_assert_cmpint (gdk_texture_get_height (image), ==, 1800);

  /* On the max-hours page the data is the table. */
  show_page (fixture, "max-hours");
  wait_for (fixture, max_hours_shown, "the max hours");
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "export.save-data", NULL);
  chooser = wait_for_file_chooser ();
  csv_name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (csv_name, ==, NAME_7_DAYS "-max-hours.csv");
  choose_file (csv, "Norwegian spreadsheet (semicolon, decimal comma)");
  wait_until_saved (fixture, csv);
  text = load_text (csv);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "metering_point_id;month;"));
}

int
main (int   argc,
      char *argv[])
{
  /* Chart text as forbruk-cli draws it in the comparisons. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");

  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();
  /* libadwaita 1.2 frees a toast that is dismissed while it still slides in
   * over another one (its show animation ends after it is gone); the tests
   * dismiss each toast as soon as it is seen. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/export/actions", Fixture, NULL, fixture_set_up, test_actions_follow_what_is_shown, fixture_tear_down);
  g_test_add ("/export/save-chart", Fixture, NULL, fixture_set_up, test_save_chart, fixture_tear_down);
  g_test_add ("/export/save-data", Fixture, NULL, fixture_set_up, test_save_data, fixture_tear_down);
  g_test_add ("/export/copy-chart", Fixture, NULL, fixture_set_up, test_copy_chart, fixture_tear_down);
  g_test_add ("/export/open-folder", Fixture, NULL, fixture_set_up, test_open_folder, fixture_tear_down);
  g_test_add ("/export/file-choosers", Fixture, NULL, fixture_set_up, test_file_choosers, fixture_tear_down);

  return g_test_run ();
}
