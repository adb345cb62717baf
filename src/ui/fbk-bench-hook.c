/* fbk-bench-hook.c: a test-only probe for the start-up benchmark
 *
 * tests/bench/bench-startup.py starts forbruk with
 * FORBRUK_BENCH_EXIT_AFTER_FIRST_FRAME=1 and a store that already holds
 * what the window shows. The first frame painted with stored consumption
 * in the chart prints its g_get_monotonic_time() (the clock the benchmark
 * read just before it started the process) and the resident memory, and
 * the application quits. Without the variable nothing here runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-bench-hook"

#include "config.h"

#include <string.h>

#include "fbk-bench-hook.h"

/* The value of one "Name:   1234 kB" line of /proc/self/status, in kB. */
static guint64
status_kb (const char *status,
           const char *name)
{
  const char *line = strstr (status, name);

  return line != NULL ? g_ascii_strtoull (line + strlen (name), NULL, 10) : 0;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FbkMainView   *view)
{
  gint64 painted = g_get_monotonic_time ();
  g_autofree char *status = NULL;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, view);
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  g_print ("first-frame-us=%" G_GINT64_FORMAT " vmrss-kb=%" G_GUINT64_FORMAT " vmhwm-kb=%" G_GUINT64_FORMAT "\n",
           painted, status_kb (status, "VmRSS:"), status_kb (status, "VmHWM:"));
  g_application_quit (g_application_get_default ());
}

/* Ticks come at the start of a frame: once the chart model has stored
 * values, this frame paints them. */
static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  FbkChartModel *model = fbk_main_view_get_chart_model (FBK_MAIN_VIEW (widget), FBK_DIRECTION_CONSUMPTION);

  if (model == NULL || fbk_chart_model_get_n_series (model) == 0 || fbk_chart_model_get_n_buckets (model) == 0)
    return G_SOURCE_CONTINUE;

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), widget);
  return G_SOURCE_REMOVE;
}

void
fbk_bench_hook_watch (FbkMainView *view)
{
  if (g_getenv ("FORBRUK_BENCH_EXIT_AFTER_FIRST_FRAME") == NULL)
    return;

  gtk_widget_add_tick_callback (GTK_WIDGET (view), on_tick_cb, NULL, NULL);
}
