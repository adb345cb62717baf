/* test-chart-view.c: the interactive chart widget on a real display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "fbk-chart-format.h"
#include "fbk-chart-style.h"
#include "fbk-chart-view.h"
#include "fbk-test-ui.h"

#define HOUR 3600
#define DAY  (24 * HOUR)
/* Small enough that Xvfb's pointer, parked mid-screen, is not over it. */
#define WIDTH  800
#define HEIGHT 420

/* Three meters, the cabin with solar panels: four series. */
typedef struct
{
  const char   *label;
  FbkDirection  direction;
  guint         slot;
  double        base;
} Meter;

static const Meter meters[] = {
  { "House", FBK_DIRECTION_CONSUMPTION, 0, 1.2 },
  { "Flat", FBK_DIRECTION_CONSUMPTION, 1, 0.5 },
  { "Cabin", FBK_DIRECTION_CONSUMPTION, 2, 0.3 },
  { "Cabin", FBK_DIRECTION_PRODUCTION, 2, 0.0 },
};

typedef struct
{
  GtkWindow     *window;
  GtkWidget     *widget;
  FbkChartView  *chart;
  FbkChartModel *model;
  FbkInstant     from;
  FbkInstant     to;
  GArray        *hours[G_N_ELEMENTS (meters)];
} Fixture;

static FbkInstant
at (const char *text)
{
  FbkInstant instant = 0;

  if (!fbk_time_parse (text, &instant))
    g_error ("bad time in test: %s", text);
  return instant;
}

/* Evening peaks for consumption, midday for production, a slow ripple so
 * no two neighbours are equal; the last two days are not yet verified. */
static double
synthetic_kwh (guint      series,
               FbkInstant hour_start)
{
  int hour = fbk_time_oslo_hour (hour_start);

  if (meters[series].direction == FBK_DIRECTION_PRODUCTION)
    return hour >= 10 && hour < 16 ? 0.8 + 0.1 * (hour - 10) : 0.0;

  return meters[series].base + (hour >= 17 && hour < 21 ? 1.0 : 0.0) + 0.01 * (hour_start / HOUR % 13);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->from = at ("2022-01-01T00:00:00+01:00");
  fixture->to = at ("2025-01-01T00:00:00+01:00");
  fixture->model = fbk_chart_model_new ();
  fbk_chart_model_set_period (fixture->model, FBK_RESOLUTION_HOUR, fixture->from, fixture->to);
  fbk_chart_model_set_title (fixture->model, "Electricity");

  for (guint s = 0; s < G_N_ELEMENTS (meters); s++)
    {
      fixture->hours[s] = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
      for (FbkInstant t = fixture->from; t < fixture->to; t += HOUR)
        {
          FbkInterval interval = {
            t, HOUR, fixture->to - t > 2 * DAY ? FBK_INTERVAL_VERIFIED : 0, synthetic_kwh (s, t),
          };

          g_array_append_val (fixture->hours[s], interval);
        }
      fbk_chart_model_add_series (fixture->model, meters[s].label, meters[s].direction, meters[s].slot,
                                  (const FbkInterval *) (gconstpointer) fixture->hours[s]->data,
                                  fixture->hours[s]->len);
    }

  fixture->widget = fbk_chart_view_new ();
  fixture->chart = FBK_CHART_VIEW (fixture->widget);
  fbk_chart_view_set_model (fixture->chart, fixture->model);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, WIDTH, HEIGHT);
  gtk_window_set_child (fixture->window, fixture->widget);
  gtk_window_present (fixture->window);
  fbk_test_ui_wait_for_mapped (fixture->widget);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->model);
  for (guint s = 0; s < G_N_ELEMENTS (meters); s++)
    g_clear_pointer (&fixture->hours[s], g_array_unref);
}

/* Helpers */

static double
total_kwh (Fixture    *fixture,
           guint       series,
           FbkInstant  from,
           FbkInstant  to)
{
  double total = 0.0;

  for (FbkInstant t = from; t < to; t += HOUR)
    total += synthetic_kwh (series, t);

  return total;
}

/* The number as the C locale prints a total: fewer decimals as it grows. */
static char *
c_locale_kwh (double value)
{
  int decimals = value < 10.0 ? 2 : value < 100.0 ? 1 : 0;

  return g_strdup_printf ("%.*f kWh", decimals, value);
}

static double
visible_hours (FbkChartView *chart)
{
  return (double) (fbk_chart_view_get_visible_to (chart) - fbk_chart_view_get_visible_from (chart)) / HOUR;
}

static void
count_calls (gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* Whether @action changed the view. (A disabled widget action still
 * reports itself activated, so look at the effect.) */
static gboolean
activate (Fixture    *fixture,
          const char *action)
{
  FbkChartViewport before, after;

  fbk_chart_view_get_viewport (fixture->chart, &before);
  g_assert_true (gtk_widget_activate_action (fixture->widget, action, NULL));
  fbk_chart_view_get_viewport (fixture->chart, &after);

  return before.from != after.from || before.to != after.to;
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  g_error ("no %s on the chart", g_type_name (type));
}

/* One frame of the widget alone, as the window's renderer draws it. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                     &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
read_pixel (GdkTexture *texture,
            double      x,
            double      y,
            GdkRGBA    *out_color)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);
  guint32 pixel;

  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  pixel = pixels[(int) y * width + (int) x];
  /* Premultiplied ARGB in native byte order, opaque here. */
  *out_color = (GdkRGBA) {
    (pixel >> 16 & 0xff) / 255.0, (pixel >> 8 & 0xff) / 255.0, (pixel & 0xff) / 255.0, (pixel >> 24) / 255.0,
  };
}

static void
assert_color (const GdkRGBA       *actual,
              const FbkChartColor *expected)
{
  g_assert_cmpfloat_with_epsilon (actual->red, expected->red, 2.5 / 255);
  g_assert_cmpfloat_with_epsilon (actual->green, expected->green, 2.5 / 255);
  g_assert_cmpfloat_with_epsilon (actual->blue, expected->blue, 2.5 / 255);
  g_assert_cmpfloat_with_epsilon (actual->alpha, 1.0, 1e-9);
}

/* Through the class, as GTK calls it: what one frame of the chart costs. */
static GskRenderNode *
snapshot_chart (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

static void
show_day (Fixture    *fixture,
          const char *midnight)
{
  FbkChartViewport day = { at (midnight), at (midnight) + DAY };

  fbk_chart_view_set_viewport (fixture->chart, &day);
  g_assert_cmpint (fbk_chart_view_get_visible_from (fixture->chart), ==, day.from);
  g_assert_cmpint (fbk_chart_view_get_visible_to (fixture->chart), ==, day.to);
}

static gboolean
description_contains (Fixture    *fixture,
                      const char *needle)
{
  g_autofree char *expected = NULL;
  g_autofree char *mismatch = NULL;
  FbkChartViewport viewport;

  fbk_chart_view_get_viewport (fixture->chart, &viewport);
  expected = fbk_chart_describe (fixture->model, &viewport);
  if (strstr (expected, needle) == NULL)
    g_error ("description lacks “%s”: %s", needle, expected);

  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->widget),
                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  return mismatch == NULL;
}

/* The description follows the view a moment after it rests. */
static void
wait_for_description (Fixture    *fixture,
                      const char *needle)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!description_contains (fixture, needle))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the accessible description never showed “%s”", needle);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Tests */

static void
test_draws (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  FbkChartStyle style;
  FbkChartColor house;
  graphene_rect_t bar;
  GdkRGBA color;

  g_assert_cmpint (fbk_chart_view_get_visible_from (fixture->chart), ==, fixture->from);
  g_assert_cmpint (fbk_chart_view_get_visible_to (fixture->chart), ==, fixture->to);
  g_assert_false (fbk_chart_view_get_zoomed (fixture->chart));
  g_assert_true (gtk_widget_get_focusable (fixture->widget));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (fixture->widget), GTK_ACCESSIBLE_ROLE_IMG);

  /* Three years in 800 pixels: min/max columns, the house at the axis in
   * its own colour. */
  g_assert_true (fbk_chart_view_get_bucket_area (fixture->chart, 0, 24 * 400 + 3, &bar));
  g_assert_cmpfloat (bar.size.height, >, 4.0);
  texture = render_widget (fixture->widget);
  read_pixel (texture, bar.origin.x + bar.size.width / 2, bar.origin.y + bar.size.height - 1, &color);
  fbk_chart_style_init (&style, FBK_CHART_THEME_LIGHT);
  fbk_chart_style_get_series_color (&style, FBK_DIRECTION_CONSUMPTION, 0, &house);
  assert_color (&color, &house);
}

static void
test_zoom (Fixture       *fixture,
           gconstpointer  data)
{
  double full = visible_hours (fixture->chart);
  FbkInstant centre = fixture->from + (fixture->to - fixture->from) / 2;
  guint steps = 0;
  guint notified = 0;
  gulong handler;

  g_assert_cmpfloat (full, ==, (365 + 365 + 366) * 24);
  handler = g_signal_connect_swapped (fixture->widget, "notify::visible-from", G_CALLBACK (count_calls), &notified);

  g_assert_true (activate (fixture, "chart.zoom-in"));
  g_assert_cmpuint (notified, ==, 1);
  g_signal_handler_disconnect (fixture->widget, handler);
  g_assert_cmpfloat (visible_hours (fixture->chart), ==, full / 2);
  g_assert_cmpint (fbk_chart_view_get_visible_from (fixture->chart) + fbk_chart_view_get_visible_to (fixture->chart),
                   ==, 2 * centre);
  g_assert_true (fbk_chart_view_get_zoomed (fixture->chart));

  /* In to the minimum span, around the same centre, and no further. */
  while (activate (fixture, "chart.zoom-in"))
    g_assert_cmpuint (++steps, <, 30);
  g_assert_cmpfloat (visible_hours (fixture->chart), ==, FBK_CHART_VIEW_MIN_BUCKETS);
  g_assert_cmpint (llabs (fbk_chart_view_get_visible_from (fixture->chart) + fbk_chart_view_get_visible_to (fixture->chart)
                          - 2 * centre), <=, 2);
  g_assert_false (activate (fixture, "chart.zoom-in"));
  g_assert_cmpfloat (visible_hours (fixture->chart), ==, FBK_CHART_VIEW_MIN_BUCKETS);

  /* Out to the model's period, and no further. */
  steps = 0;
  while (activate (fixture, "chart.zoom-out"))
    g_assert_cmpuint (++steps, <, 30);
  g_assert_cmpint (fbk_chart_view_get_visible_from (fixture->chart), ==, fixture->from);
  g_assert_cmpint (fbk_chart_view_get_visible_to (fixture->chart), ==, fixture->to);
  g_assert_false (fbk_chart_view_get_zoomed (fixture->chart));

  /* Reset from anywhere. */
  show_day (fixture, "2023-06-10T00:00:00+02:00");
  g_assert_true (fbk_chart_view_get_zoomed (fixture->chart));
  g_assert_true (activate (fixture, "chart.reset"));
  g_assert_cmpint (fbk_chart_view_get_visible_from (fixture->chart), ==, fixture->from);
  g_assert_cmpint (fbk_chart_view_get_visible_to (fixture->chart), ==, fixture->to);
  g_assert_false (fbk_chart_view_get_zoomed (fixture->chart));
}

static void
test_pinch_and_scroll (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkEventController *pinch = find_controller (fixture->widget, GTK_TYPE_GESTURE_ZOOM);
  GtkEventController *scroll = find_controller (fixture->widget, GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  double full = visible_hours (fixture->chart);
  FbkInstant from;
  gboolean handled = TRUE;

  /* Spreading two fingers to twice their distance shows half the span. */
  g_signal_emit_by_name (pinch, "begin", NULL);
  g_signal_emit_by_name (pinch, "scale-changed", 2.0);
  g_assert_cmpfloat_with_epsilon (visible_hours (fixture->chart), full / 2, 1e-3);
  g_signal_emit_by_name (pinch, "scale-changed", 1e6);
  g_assert_cmpfloat (visible_hours (fixture->chart), ==, FBK_CHART_VIEW_MIN_BUCKETS);
  g_signal_emit_by_name (pinch, "scale-changed", 0.01);
  g_assert_false (fbk_chart_view_get_zoomed (fixture->chart));

  /* Plain vertical scrolling belongs to the page around the chart. */
  show_day (fixture, "2023-06-10T00:00:00+02:00");
  from = fbk_chart_view_get_visible_from (fixture->chart);
  g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
  g_assert_false (handled);
  g_assert_cmpint (fbk_chart_view_get_visible_from (fixture->chart), ==, from);

  /* Horizontal scrolling pans a tenth of the span per wheel step. */
  g_signal_emit_by_name (scroll, "scroll", 1.0, 0.0, &handled);
  g_assert_true (handled);
  g_assert_cmpint (fbk_chart_view_get_visible_from (fixture->chart) - from, ==, DAY / 10);
  g_assert_cmpfloat (visible_hours (fixture->chart), ==, 24);
}

static void
test_pan (Fixture       *fixture,
          gconstpointer  data)
{
  GtkEventController *drag = find_controller (fixture->widget, GTK_TYPE_GESTURE_DRAG);
  FbkInstant from;
  double moved;

  /* Nothing to pan while everything is in view. */
  g_assert_false (activate (fixture, "chart.pan-right"));

  show_day (fixture, "2023-06-10T00:00:00+02:00");
  g_assert_true (activate (fixture, "chart.pan-right"));
  g_assert_cmpint (fbk_chart_view_get_visible_from (fixture->chart), ==, at ("2023-06-10T06:00:00+02:00"));
  g_assert_true (activate (fixture, "chart.pan-left"));
  g_assert_true (activate (fixture, "chart.pan-left"));
  g_assert_cmpint (fbk_chart_view_get_visible_from (fixture->chart), ==, at ("2023-06-09T18:00:00+02:00"));
  g_assert_cmpfloat (visible_hours (fixture->chart), ==, 24);

  /* Against the ends the span stays whole. */
  show_day (fixture, "2022-01-01T00:00:00+01:00");
  g_assert_false (activate (fixture, "chart.pan-left"));
  show_day (fixture, "2024-12-31T00:00:00+01:00");
  g_assert_false (activate (fixture, "chart.pan-right"));
  fbk_chart_view_set_viewport (fixture->chart, &(FbkChartViewport) { fixture->to - 12 * HOUR, fixture->to + 12 * HOUR });
  g_assert_cmpint (fbk_chart_view_get_visible_to (fixture->chart), ==, fixture->to);
  g_assert_cmpfloat (visible_hours (fixture->chart), ==, 24);

  /* Dragging right brings earlier hours in, as far as the pointer moved:
   * 200 px of a plot somewhat narrower than the widget. */
  show_day (fixture, "2023-06-10T00:00:00+02:00");
  from = fbk_chart_view_get_visible_from (fixture->chart);
  g_signal_emit_by_name (drag, "drag-begin", 400.0, 200.0);
  g_signal_emit_by_name (drag, "drag-update", 100.0, 3.0);
  g_signal_emit_by_name (drag, "drag-update", 200.0, 5.0);
  g_signal_emit_by_name (drag, "drag-end", 200.0, 5.0);
  moved = (double) (from - fbk_chart_view_get_visible_from (fixture->chart)) / DAY;
  g_assert_cmpfloat (moved, >, 200.0 / WIDTH);
  g_assert_cmpfloat (moved, <, 200.0 / (WIDTH - 150));
  g_assert_cmpfloat (visible_hours (fixture->chart), ==, 24);
  g_assert_true (gtk_widget_has_focus (fixture->widget));
}

static void
test_tooltip (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_autofree char *text = NULL;
  g_autofree char *value = NULL;
  g_autofree char *line = NULL;
  FbkInstant hour = at ("2024-03-05T14:00:00+01:00");
  graphene_rect_t bar;
  FbkChartHit hit;
  guint bucket;
  gboolean shown = FALSE;

  show_day (fixture, "2024-03-05T00:00:00+01:00");
  g_assert_true (fbk_chart_model_find_bucket (fixture->model, hour, &bucket));
  g_assert_true (fbk_chart_view_get_bucket_area (fixture->chart, 1, bucket, &bar));

  /* The path GTK takes when the pointer rests on the flat's bar. */
  g_signal_emit_by_name (fixture->widget, "query-tooltip",
                         (int) (bar.origin.x + bar.size.width / 2), (int) (bar.origin.y + bar.size.height / 2),
                         FALSE, tooltip, &shown);
  g_assert_true (shown);

  g_assert_true (fbk_chart_view_hit_test (fixture->chart, bar.origin.x + bar.size.width / 2,
                                          bar.origin.y + bar.size.height / 2, &hit));
  g_assert_cmpuint (hit.series, ==, 1);
  g_assert_cmpuint (hit.bucket, ==, bucket);
  text = fbk_chart_describe_hit (fixture->model, &hit);
  value = g_strdup_printf ("%.2f", synthetic_kwh (1, hour));
  line = g_strdup_printf ("Flat: %s kWh", value);
  g_assert_nonnull (strstr (text, "5 Mar 2024, 14:00–15:00"));
  g_assert_nonnull (strstr (text, line));
  g_assert_nonnull (strstr (text, "Verified by the grid company"));

  /* The axis labels are not a value. */
  shown = TRUE;
  g_signal_emit_by_name (fixture->widget, "query-tooltip", 2, 2, FALSE, tooltip, &shown);
  g_assert_false (shown);

  /* The newest hours are not verified yet, and production says so. */
  show_day (fixture, "2024-12-31T00:00:00+01:00");
  hour = at ("2024-12-31T12:00:00+01:00");
  g_assert_true (fbk_chart_model_find_bucket (fixture->model, hour, &bucket));
  g_assert_true (fbk_chart_view_get_bucket_area (fixture->chart, 3, bucket, &bar));
  g_assert_true (fbk_chart_view_hit_test (fixture->chart, bar.origin.x + bar.size.width / 2,
                                          bar.origin.y + bar.size.height / 2, &hit));
  g_clear_pointer (&text, g_free);
  text = fbk_chart_describe_hit (fixture->model, &hit);
  g_assert_nonnull (strstr (text, "31 Dec 2024, 12:00–13:00"));
  g_assert_nonnull (strstr (text, "Cabin (production): 1.00 kWh"));
  g_assert_nonnull (strstr (text, "Not yet verified by the grid company"));
}

static void
test_hover (Fixture       *fixture,
            gconstpointer  data)
{
  GtkEventController *motion = find_controller (fixture->widget, GTK_TYPE_EVENT_CONTROLLER_MOTION);
  g_autoptr(GskRenderNode) plain = NULL;
  g_autoptr(GskRenderNode) hovered = NULL;
  g_autoptr(GskRenderNode) left = NULL;
  graphene_rect_t bar;
  guint bucket;

  show_day (fixture, "2024-03-05T00:00:00+01:00");
  plain = snapshot_chart (fixture->widget);
  g_assert_cmpint (gsk_render_node_get_node_type (plain), ==, GSK_CAIRO_NODE);

  /* The highlight goes over the chart as it was rendered. */
  g_assert_true (fbk_chart_model_find_bucket (fixture->model, at ("2024-03-05T10:00:00+01:00"), &bucket));
  g_assert_true (fbk_chart_view_get_bucket_area (fixture->chart, 0, bucket, &bar));
  g_signal_emit_by_name (motion, "motion", bar.origin.x + 1, bar.origin.y + 1);
  hovered = snapshot_chart (fixture->widget);
  g_assert_cmpint (gsk_render_node_get_node_type (hovered), ==, GSK_CONTAINER_NODE);
  g_assert_true (gsk_container_node_get_child (hovered, 0) == plain);
  g_assert_cmpuint (gsk_container_node_get_n_children (hovered), ==, 3);

  g_signal_emit_by_name (motion, "leave");
  left = snapshot_chart (fixture->widget);
  g_assert_true (left == plain);
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *house_total = c_locale_kwh (total_kwh (fixture, 0, fixture->from, fixture->to));
  g_autofree char *cabin_total = c_locale_kwh (total_kwh (fixture, 3, fixture->from, fixture->to));
  g_autofree char *house_sentence = g_strdup_printf ("House, consumption: %s in total;", house_total);
  g_autofree char *cabin_sentence = g_strdup_printf ("Cabin, production: %s in total;", cabin_total);
  FbkInstant day = at ("2024-03-05T00:00:00+01:00");
  g_autofree char *day_total = c_locale_kwh (total_kwh (fixture, 1, day, day + DAY));
  g_autofree char *day_sentence = g_strdup_printf ("Flat, consumption: %s in total;", day_total);

  wait_for_description (fixture, house_sentence);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Electricity");
  g_assert_true (description_contains (fixture, cabin_sentence));
  g_assert_true (description_contains (fixture, "48 values are not yet verified."));

  /* Zoomed to a day, it tells that day's totals. */
  show_day (fixture, "2024-03-05T00:00:00+01:00");
  wait_for_description (fixture, day_sentence);
  g_assert_true (description_contains (fixture, "5 Mar 2024, 00:00 – 6 Mar 2024, 00:00"));
}

/* The keyboard walks the bars: the chart's accessible name says the bar
 * the cursor is on, the view follows it, and neither end lets the arrow
 * keys take the focus out of the chart. */
static void
test_keyboard_walk (Fixture       *fixture,
                    gconstpointer  data)
{
  /* The fourth bar of 5 Mar 2024 is 03:00–04:00 (+01:00), 02:00 UTC,
   * 1709604000 s since the epoch: hour 474890, a multiple of 13, so no
   * ripple. By synthetic_kwh(): House 1.2, Flat 0.5, Cabin 0.3 (night,
   * no evening extra), the cabin's panels 0 at night; 2.0 kWh together,
   * all verified (only the last two days are not). */
  const char *fourth = "5 Mar 2024, 03:00–04:00: House: 1.20 kWh; Flat: 0.50 kWh; Cabin: 0.30 kWh; "
                       "Cabin (production): 0.00 kWh; total 2.00 kWh, verified";
  FbkInstant day = at ("2024-03-05T00:00:00+01:00");

  if (fbk_test_ui_skip_without_keys ())
    return;

  show_day (fixture, "2024-03-05T00:00:00+01:00");
  fbk_test_ui_press_keys (fixture->window, "");
  gtk_widget_grab_focus (fixture->widget);
  /* The focus arriving says what the chart is; the keys, the bars. */
  fbk_test_ui_wait_for_accessible_label (fixture->widget, "Electricity");

  fbk_test_ui_press_keys (fixture->window, "Right Right Right");
  fbk_test_ui_wait_for_accessible_label (fixture->widget, fourth);
  g_assert_cmpint (fbk_chart_view_get_visible_from (fixture->chart), ==, day);

  /* At the first bar, Left keeps the focus and the bar: hour 455831,
   * ripple 12. */
  fbk_test_ui_press_keys (fixture->window, "Home Left Left");
  fbk_test_ui_wait_for_accessible_label (fixture->widget, "1 Jan 2022, 00:00–01:00: House: 1.32 kWh; "
                                         "Flat: 0.62 kWh; Cabin: 0.42 kWh; Cabin (production): 0.00 kWh; "
                                         "total 2.36 kWh, verified");
  g_assert_true (gtk_widget_has_focus (fixture->widget));
  /* The view went along, keeping its day's width. */
  g_assert_cmpint (fbk_chart_view_get_visible_from (fixture->chart), ==, fixture->from);
  g_assert_cmpint (fbk_chart_view_get_visible_to (fixture->chart), ==, fixture->from + DAY);

  /* Page Down moves a view's width: 24 bars, to hour 455855 (ripple 10). */
  fbk_test_ui_press_keys (fixture->window, "Page_Down");
  fbk_test_ui_wait_for_accessible_label (fixture->widget, "2 Jan 2022, 00:00–01:00: House: 1.30 kWh; "
                                         "Flat: 0.60 kWh; Cabin: 0.40 kWh; Cabin (production): 0.00 kWh; "
                                         "total 2.30 kWh, verified");
  g_assert_cmpint (fbk_chart_view_get_visible_to (fixture->chart), ==, fixture->from + DAY + HOUR);

  /* The last bar, within the two days not yet verified, and Right stays:
   * hour 482134, ripple 3. */
  fbk_test_ui_press_keys (fixture->window, "End Right");
  fbk_test_ui_wait_for_accessible_label (fixture->widget, "31 Dec 2024, 23:00–00:00: House: 1.23 kWh; "
                                         "Flat: 0.53 kWh; Cabin: 0.33 kWh; Cabin (production): 0.00 kWh; "
                                         "total 2.09 kWh, not yet verified");
  g_assert_true (gtk_widget_has_focus (fixture->widget));
  g_assert_cmpint (fbk_chart_view_get_visible_to (fixture->chart), ==, fixture->to);

  /* Without the focus, the chart is named by its title again. */
  gtk_widget_grab_focus (GTK_WIDGET (fixture->window));
  gtk_window_set_focus (fixture->window, NULL);
  fbk_test_ui_wait_for_accessible_label (fixture->widget, "Electricity");
}

static void
test_theme (Fixture       *fixture,
            gconstpointer  data)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  FbkChartStyle light_style, dark_style;
  FbkChartColor light, dark;
  graphene_rect_t bar;
  GdkRGBA color;
  guint bucket;

  fbk_chart_style_init (&light_style, FBK_CHART_THEME_LIGHT);
  fbk_chart_style_init (&dark_style, FBK_CHART_THEME_DARK);
  fbk_chart_style_get_series_color (&light_style, FBK_DIRECTION_CONSUMPTION, 1, &light);
  fbk_chart_style_get_series_color (&dark_style, FBK_DIRECTION_CONSUMPTION, 1, &dark);

  show_day (fixture, "2024-03-05T00:00:00+01:00");
  gtk_test_widget_wait_for_draw (fixture->widget);
  g_assert_true (fbk_chart_model_find_bucket (fixture->model, at ("2024-03-05T03:00:00+01:00"), &bucket));
  g_assert_true (fbk_chart_view_get_bucket_area (fixture->chart, 1, bucket, &bar));

  {
    g_autoptr(GdkTexture) texture = render_widget (fixture->widget);

    read_pixel (texture, bar.origin.x + bar.size.width / 2, bar.origin.y + bar.size.height / 2, &color);
    assert_color (&color, &light);
  }

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style_manager));
  gtk_test_widget_wait_for_draw (fixture->widget);

  {
    g_autoptr(GdkTexture) texture = render_widget (fixture->widget);

    read_pixel (texture, bar.origin.x + bar.size.width / 2, bar.origin.y + bar.size.height / 2, &color);
    assert_color (&color, &dark);
    /* The background the palette's stripes and fades assume. */
    read_pixel (texture, 2, 2, &color);
    assert_color (&color, &fbk_chart_style_get_palette (&dark_style)->background);
  }

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_test_widget_wait_for_draw (fixture->widget);

  {
    g_autoptr(GdkTexture) texture = render_widget (fixture->widget);

    read_pixel (texture, bar.origin.x + bar.size.width / 2, bar.origin.y + bar.size.height / 2, &color);
    assert_color (&color, &light);
  }
}

static void
test_model_changes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GskRenderNode) before = NULL;
  g_autoptr(GskRenderNode) after = NULL;
  g_autoptr(FbkChartModel) empty = fbk_chart_model_new ();
  g_autoptr(GskRenderNode) nothing = NULL;
  FbkInstant day = at ("2024-03-05T00:00:00+01:00");

  /* New data keeps a zoomed-in day in view, and is drawn. */
  show_day (fixture, "2024-03-05T00:00:00+01:00");
  before = snapshot_chart (fixture->widget);
  g_array_index (fixture->hours[0], FbkInterval, (day - fixture->from) / HOUR + 12).kwh = 9.0;
  fbk_chart_model_set_series_buckets (fixture->model, 0, (const FbkInterval *) (gconstpointer) fixture->hours[0]->data,
                                      fixture->hours[0]->len);
  after = snapshot_chart (fixture->widget);
  g_assert_true (after != before);
  g_assert_cmpint (fbk_chart_view_get_visible_from (fixture->chart), ==, day);
  g_assert_cmpint (fbk_chart_view_get_visible_to (fixture->chart), ==, day + DAY);

  /* A longer period: still that day; unzoomed, the whole new period. */
  fbk_chart_model_set_period (fixture->model, FBK_RESOLUTION_HOUR, fixture->from, fixture->to + DAY);
  g_assert_cmpint (fbk_chart_view_get_visible_from (fixture->chart), ==, day);
  fbk_chart_view_reset_zoom (fixture->chart);
  fbk_chart_model_set_period (fixture->model, FBK_RESOLUTION_HOUR, fixture->from, fixture->to + 2 * DAY);
  g_assert_cmpint (fbk_chart_view_get_visible_to (fixture->chart), ==, fixture->to + 2 * DAY);

  /* Empty and no model: cheap, and nothing to zoom. */
  fbk_chart_view_set_model (fixture->chart, empty);
  g_assert_false (activate (fixture, "chart.zoom-in"));
  g_clear_pointer (&after, gsk_render_node_unref);
  after = snapshot_chart (fixture->widget);
  g_assert_nonnull (after);
  fbk_chart_view_set_model (fixture->chart, NULL);
  nothing = snapshot_chart (fixture->widget);
  g_assert_null (nothing);
  g_assert_false (fbk_chart_view_hit_test (fixture->chart, 100, 100, NULL));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

#define RUNS 15

/* Median milliseconds of RUNS frames; with @cold, each frame follows a
 * change of viewport, so nothing cached can be reused. */
static double
time_frames (Fixture                *fixture,
             const FbkChartViewport *a,
             const FbkChartViewport *b,
             gboolean                cold,
             gboolean                rasterize)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (fixture->widget));
  double times[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GskRenderNode) node = NULL;
      gint64 start;

      if (cold)
        fbk_chart_view_set_viewport (fixture->chart, i % 2 == 0 ? b : a);

      start = g_get_monotonic_time ();
      node = snapshot_chart (fixture->widget);
      if (rasterize)
        {
          g_autoptr(GdkTexture) texture = gsk_renderer_render_texture (renderer, node, NULL);
        }
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (times, RUNS, sizeof times[0], compare_doubles);
  return times[RUNS / 2];
}

static void
test_frame_cost (Fixture       *fixture,
                 gconstpointer  data)
{
  FbkChartViewport whole = { fixture->from, fixture->to };
  FbkChartViewport almost = { fixture->from + HOUR, fixture->to };
  FbkChartViewport day = { at ("2024-03-05T00:00:00+01:00"), at ("2024-03-06T00:00:00+01:00") };
  FbkChartViewport next_day = { day.from + HOUR, day.to + HOUR };
  g_autoptr(GskRenderNode) first = NULL;
  g_autoptr(GskRenderNode) second = NULL;
  double cold, warm, cold_raster, warm_raster, cold_day, warm_day;

  /* A frame with nothing changed reuses the rendering itself. */
  fbk_chart_view_set_viewport (fixture->chart, &whole);
  first = snapshot_chart (fixture->widget);
  second = snapshot_chart (fixture->widget);
  g_assert_true (first == second);

  cold = time_frames (fixture, &whole, &almost, TRUE, FALSE);
  warm = time_frames (fixture, &whole, &almost, FALSE, FALSE);
  cold_raster = time_frames (fixture, &whole, &almost, TRUE, TRUE);
  warm_raster = time_frames (fixture, &whole, &almost, FALSE, TRUE);
  cold_day = time_frames (fixture, &day, &next_day, TRUE, FALSE);
  warm_day = time_frames (fixture, &day, &next_day, FALSE, FALSE);

  g_test_message ("%dx%d, 3 years hourly x 4 series (%u buckets), median of %d: "
                  "snapshot cold %.2f ms, warm %.3f ms; with %s rasterizing: cold %.2f ms, warm %.2f ms; "
                  "one day in view: cold %.2f ms, warm %.3f ms",
                  gtk_widget_get_width (fixture->widget), gtk_widget_get_height (fixture->widget),
                  fbk_chart_model_get_n_buckets (fixture->model), RUNS, cold, warm,
                  G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (fixture->widget))),
                  cold_raster, warm_raster, cold_day, warm_day);

  g_assert_cmpfloat (warm, <, cold);
  g_assert_cmpfloat (warm_raster, <, cold_raster);
  g_assert_cmpfloat (warm_day, <, cold_day);
}

int
main (int   argc,
      char *argv[])
{
  /* Numbers and dates as the assertions spell them. */
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  /* GTK's in-process accessibility backend: properties are kept and can
   * be read back, and nothing talks to AT-SPI. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/chart-view/draws", test_draws);
  ADD ("/chart-view/zoom", test_zoom);
  ADD ("/chart-view/pinch-and-scroll", test_pinch_and_scroll);
  ADD ("/chart-view/pan", test_pan);
  ADD ("/chart-view/tooltip", test_tooltip);
  ADD ("/chart-view/hover", test_hover);
  ADD ("/chart-view/accessible", test_accessible);
  ADD ("/chart-view/keyboard-walk", test_keyboard_walk);
  ADD ("/chart-view/theme", test_theme);
  ADD ("/chart-view/model-changes", test_model_changes);
  ADD ("/chart-view/frame-cost", test_frame_cost);
#undef ADD

  return g_test_run ();
}
