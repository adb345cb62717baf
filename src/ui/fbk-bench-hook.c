/* fbk-bench-hook.c: test-only probes for tests/bench/bench-startup.py
 *
 * With FORBRUK_BENCH_EXIT_AFTER_FIRST_FRAME=1 and a store that already
 * holds what the window shows, the first frame painted with stored
 * consumption in the chart prints its g_get_monotonic_time() (the clock the
 * benchmark read just before it started the process) and the resident
 * memory, and the application quits.
 *
 * With FORBRUK_BENCH_EXIT_AFTER_FETCH=1 and an empty store, the window
 * fetches what it shows from the API. From its first frame on, a 1 ms
 * timeout on the main context measures the longest gap between two of its
 * dispatches (how long the window could not draw or answer while the data
 * arrived) and how much of it the main thread ran. Once the view is idle
 * with values to show it prints those, the time since the first frame and
 * how many gaps were longer than a 60 Hz frame, and the application quits.
 *
 * Without the variables nothing here runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-bench-hook"

#include "config.h"

#include <string.h>
#include <time.h>

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
  FbkChartModel *model = fbk_main_view_get_chart_model (FBK_MAIN_VIEW (widget), "consumption");

  if (model == NULL || fbk_chart_model_get_n_series (model) == 0 || fbk_chart_model_get_n_buckets (model) == 0)
    return G_SOURCE_CONTINUE;

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), widget);
  return G_SOURCE_REMOVE;
}

#define FRAME_US (G_USEC_PER_SEC / 60)

typedef struct
{
  gint64   started;     /* when the window's first frame was painted */
  gint64   last_tick;
  gint64   last_cpu;    /* the main thread's CPU time at last_tick */
  gint64   longest_gap;
  gint64   longest_gap_cpu;  /* of which the main thread ran */
  guint    n_long_gaps;  /* longer than a 60 Hz frame */
  guint    tick_id;
} FetchWatch;

/* A gap is the window's own work only as far as its thread ran: on two
 * cores shared with parsing threads (and here the demo server), the rest is
 * the scheduler. */
static gint64
thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
fetch_watch_free (FetchWatch *watch)
{
  g_clear_handle_id (&watch->tick_id, g_source_remove);
  g_free (watch);
}

static gboolean
on_fetch_tick_cb (gpointer user_data)
{
  FetchWatch *watch = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  gint64 gap = now - watch->last_tick;

  if (gap > watch->longest_gap)
    {
      watch->longest_gap = gap;
      watch->longest_gap_cpu = cpu - watch->last_cpu;
    }
  if (gap > FRAME_US)
    watch->n_long_gaps++;
  watch->last_tick = now;
  watch->last_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

/* The window's first frame is start-up (bench-startup.py measures it);
 * the watch starts once it is painted. */
static void
on_first_paint_cb (GdkFrameClock *clock,
                   FetchWatch    *watch)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, watch);
  watch->started = watch->last_tick = g_get_monotonic_time ();
  watch->last_cpu = thread_cpu_us ();
  watch->tick_id = g_timeout_add (1, on_fetch_tick_cb, watch);
}

static gboolean
on_first_frame_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint_cb), user_data);
  return G_SOURCE_REMOVE;
}

static void
on_fetch_busy_cb (FbkMainView *view,
                  GParamSpec  *pspec,
                  FetchWatch  *watch)
{
  FbkChartModel *model = fbk_main_view_get_chart_model (view, "consumption");

  /* Done once the view is idle with values to show: an empty store first
   * has the meters discovered, then their values fetched. */
  if (fbk_main_view_get_busy (view) || watch->tick_id == 0 ||
      model == NULL || fbk_chart_model_get_n_series (model) == 0)
    return;

  on_fetch_tick_cb (watch);
  g_print ("fetch-us=%" G_GINT64_FORMAT " longest-stall-us=%" G_GINT64_FORMAT " its-cpu-us=%" G_GINT64_FORMAT " long-stalls=%u\n",
           g_get_monotonic_time () - watch->started, watch->longest_gap, watch->longest_gap_cpu, watch->n_long_gaps);
  g_signal_handlers_disconnect_by_func (view, on_fetch_busy_cb, watch);
  g_application_quit (g_application_get_default ());
}

void
fbk_bench_hook_watch (FbkMainView *view)
{
  if (g_getenv ("FORBRUK_BENCH_EXIT_AFTER_FIRST_FRAME") != NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (view), on_tick_cb, NULL, NULL);

  if (g_getenv ("FORBRUK_BENCH_EXIT_AFTER_FETCH") != NULL)
    {
      FetchWatch *watch = g_new0 (FetchWatch, 1);

      g_object_set_data_full (G_OBJECT (view), "fbk-bench-fetch-watch", watch, (GDestroyNotify) fetch_watch_free);
      gtk_widget_add_tick_callback (GTK_WIDGET (view), on_first_frame_cb, watch, NULL);
      g_signal_connect (view, "notify::busy", G_CALLBACK (on_fetch_busy_cb), watch);
    }
}
