/* bench-startup-baseline.c: what start-up costs before Forbruk does anything
 *
 * The floor under bench-startup.py's figure: an AdwApplication whose window
 * holds a header bar and a label, nothing else, measured the same way as
 * forbruk itself (src/ui/fbk-bench-hook.c). Its first frame prints its
 * g_get_monotonic_time() and resident memory, and it quits. The difference
 * between this and forbruk's first frame with stored data is Forbruk's own
 * start-up; this part belongs to GTK, libadwaita and the GL driver.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <sys/resource.h>
#include <unistd.h>

/* Resident memory now, in kB, from /proc/self/statm (in pages). */
static guint64
resident_kb (void)
{
  g_autofree char *statm = NULL;
  char *rest = NULL;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  g_ascii_strtoull (statm, &rest, 10);  /* total size, not wanted */
  return g_ascii_strtoull (rest, NULL, 10) * (guint64) sysconf (_SC_PAGESIZE) / 1024;
}

static void
on_after_paint_cb (GdkFrameClock  *clock,
                   GApplication   *app)
{
  gint64 painted = g_get_monotonic_time ();
  struct rusage usage;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, app);
  /* The peak resident size, as VmHWM, is ru_maxrss (in kB on Linux). */
  getrusage (RUSAGE_SELF, &usage);
  g_print ("first-frame-us=%" G_GINT64_FORMAT " vmrss-kb=%" G_GUINT64_FORMAT " vmhwm-kb=%ld\n",
           painted, resident_kb (), usage.ru_maxrss);
  g_application_quit (app);
}

static void
on_realize_cb (GtkWidget    *window,
               GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), app);
}

static void
on_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Baseline"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.forbruk.StartupBaseline",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
