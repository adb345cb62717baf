/* bench-chart-motion.c: what the pointer moving over a big chart costs
 *
 * A 1280×800 window holding only an FbkChartView of three years of three
 * meters' hours. Each event is what GTK does when the pointer moves while
 * a tooltip shows: the motion controller's "motion" (the hover highlight)
 * and then "query-tooltip" at the same point (the tooltip's text and the
 * area it is anchored to). Both are called directly, 1000 times over
 * points spread across the widget, with the chart already drawn once; no
 * frame is drawn in between, so only the cost of answering the pointer is
 * timed. Once with the whole period in view (min/max columns), once zoomed
 * to a week (a bar per hour).
 *
 * Needs a display: `meson test --benchmark chart-motion` runs it under
 * xvfb-run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include <adwaita.h>

#include "fbk-bench.h"
#include "fbk-bench-household.h"
#include "fbk-chart-view.h"

#define WIDTH  1280
#define HEIGHT 800
#define EVENTS 1000

static double
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static GtkEventController *
find_motion_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        return controller;
    }

  g_error ("no motion controller on the chart");
}

/* Iterates until the chart has its full size and has been drawn. */
static void
wait_until_drawn (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) != WIDTH ||
         gtk_widget_get_height (widget) != HEIGHT)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the chart was never shown at %d×%d (%d×%d)", WIDTH, HEIGHT,
                 gtk_widget_get_width (widget), gtk_widget_get_height (widget));
      g_main_context_iteration (NULL, TRUE);
    }
  gtk_test_widget_wait_for_draw (widget);
}

static void
bench (const char *name,
       GtkWidget  *widget)
{
  GtkEventController *motion = find_motion_controller (widget);
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_autofree double *motion_us = g_new (double, EVENTS);
  g_autofree double *tooltip_us = g_new (double, EVENTS);
  g_autofree double *both_us = g_new (double, EVENTS);
  g_autofree char *what = NULL;
  guint hits = 0;

  wait_until_drawn (widget);

  for (guint i = 0; i < EVENTS; i++)
    {
      /* Spread over the whole widget, plot and margins, in no order a
       * cache could follow: 1279 and 797 are prime. */
      double x = (i * 389) % (WIDTH - 1) + 0.5;
      double y = (i * 211) % (HEIGHT - 3) + 0.5;
      gboolean shown = FALSE;
      double start, moved, queried;

      start = now_us ();
      g_signal_emit_by_name (motion, "motion", x, y);
      moved = now_us ();
      g_signal_emit_by_name (widget, "query-tooltip", (int) x, (int) y, FALSE, tooltip, &shown);
      queried = now_us ();

      motion_us[i] = moved - start;
      tooltip_us[i] = queried - moved;
      both_us[i] = queried - start;
      hits += shown ? 1 : 0;
    }
  g_signal_emit_by_name (motion, "leave");

  g_print ("%s: %u of %u events over a value\n", name, hits, EVENTS);
  what = g_strdup_printf ("  %s, motion", name);
  fbk_bench_report (what, motion_us, EVENTS, "µs");
  g_free (what);
  what = g_strdup_printf ("  %s, query-tooltip", name);
  fbk_bench_report (what, tooltip_us, EVENTS, "µs");
  g_free (what);
  what = g_strdup_printf ("  %s, both (one event)", name);
  fbk_bench_report (what, both_us, EVENTS, "µs");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FbkChartModel) model = fbk_bench_household_chart (3, 3);
  FbkChartViewport week;
  GtkWidget *chart;
  GtkWindow *window;

  if (!gtk_init_check ())
    {
      g_printerr ("bench-chart-motion: no display (run it under xvfb-run)\n");
      return EXIT_FAILURE;
    }
  adw_init ();

  chart = fbk_chart_view_new ();
  fbk_chart_view_set_model (FBK_CHART_VIEW (chart), model);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, WIDTH, HEIGHT);
  gtk_window_set_child (window, chart);
  gtk_window_present (window);

  g_print ("%u hourly buckets x 3 meters in a %d×%d chart, %d events each\n",
           fbk_chart_model_get_n_buckets (model), WIDTH, HEIGHT, EVENTS);

  bench ("3 years in view", chart);

  week.from = fbk_chart_model_get_bucket_start (model, fbk_chart_model_get_n_buckets (model) / 2);
  week.to = week.from + 7 * 24 * FBK_SECONDS_PER_HOUR;
  fbk_chart_view_set_viewport (FBK_CHART_VIEW (chart), &week);
  bench ("a week in view", chart);

  gtk_window_destroy (window);
  return EXIT_SUCCESS;
}
