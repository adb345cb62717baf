/* fbk-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-test-ui.h"
#include "fbk-test-support.h"

static void
skip_without_display (void)
{
  g_test_skip ("no display");
}

gboolean
fbk_test_ui_init (int    *argc,
                  char ***argv)
{
  g_test_init (argc, argv, NULL);

  /* gtk_test_init() aborts without a display; check first. */
  if (!gtk_init_check ())
    {
      if (g_strcmp0 (g_getenv ("FORBRUK_TEST_REQUIRE_DISPLAY"), "1") == 0)
        g_error ("No display, but FORBRUK_TEST_REQUIRE_DISPLAY=1: run under Xvfb");

      g_test_add_func ("/display/missing", skip_without_display);
      return FALSE;
    }

  adw_init ();
  return TRUE;
}

static void
on_tick_done (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

void
fbk_test_ui_wait_for_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("widget %s was not mapped within 10 s", G_OBJECT_TYPE_NAME (widget));
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  gtk_test_widget_wait_for_draw (widget);
}

void
fbk_test_ui_spin (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add_once (milliseconds, on_tick_done, &done);
  fbk_test_wait_until (done, milliseconds / 1000 + 5);
}

static gboolean
widget_matches (GtkWidget  *widget,
                GType       type,
                const char *text)
{
  if (!g_type_is_a (G_OBJECT_TYPE (widget), type))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0)
    return TRUE;
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), text) == 0;
}

GtkWidget *
fbk_test_ui_find (GtkWidget  *root,
                  GType       type,
                  const char *text)
{
  if (widget_matches (root, type, text))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = fbk_test_ui_find (child, type, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}
