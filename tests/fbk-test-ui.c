/* fbk-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>

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
  gint64 deadline = fbk_test_deadline (10);

  while (!gtk_widget_get_mapped (widget))
    fbk_test_wait_step (deadline, 10, G_OBJECT_TYPE_NAME (widget), "the widget to be mapped");

  gtk_test_widget_wait_for_draw (widget);
}

void
fbk_test_ui_spin (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add_once (milliseconds, on_tick_done, &done);
  fbk_test_wait_until (done, milliseconds / 1000 + 5);
}

static char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return g_strdup (gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (gtk_button_get_label (GTK_BUTTON (widget)), "_", -1);

      return g_strjoinv ("", parts);
    }
  if (ADW_IS_PREFERENCES_ROW (widget))
    return g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  return NULL;
}

/* A widget of @type whose text contains @text, or whose action is @text. */
static gboolean
widget_matches (GtkWidget  *widget,
                GType       type,
                const char *text)
{
  g_autofree char *shown = NULL;

  if (!g_type_is_a (G_OBJECT_TYPE (widget), type))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), text) == 0)
    return TRUE;

  /* A label matches by its text or by its label with mnemonics. */
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  shown = widget_text (widget);
  return shown != NULL && strstr (shown, text) != NULL;
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

static void
collect_text (GtkWidget *widget,
              gboolean   mapped_only,
              GString   *out)
{
  if (mapped_only && !gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, mapped_only, out);
}

char *
fbk_test_ui_dup_text (GtkWidget *root,
                      gboolean   mapped_only)
{
  GString *out = g_string_new (NULL);

  collect_text (root, mapped_only, out);
  return g_string_free (out, FALSE);
}

void
fbk_test_ui_wait_for_text (GtkWidget  *root,
                           const char *text,
                           guint       timeout_seconds)
{
  gint64 deadline = fbk_test_deadline (timeout_seconds);

  for (;;)
    {
      g_autofree char *shown = fbk_test_ui_dup_text (root, TRUE);

      if (strstr (shown, text) != NULL)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("“%s” did not appear within %u s; on screen:\n%s", text,
                 timeout_seconds * fbk_test_time_scale (), shown);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

void
fbk_test_ui_click (GtkWidget  *root,
                   const char *label)
{
  GtkWidget *widget = fbk_test_ui_find (root, GTK_TYPE_BUTTON, label);

  /* An activatable row works as a button too. */
  if (widget == NULL)
    widget = fbk_test_ui_find (root, ADW_TYPE_PREFERENCES_ROW, label);
  if (widget == NULL)
    g_error ("no button labelled “%s”", label);
  if (!gtk_widget_is_sensitive (widget))
    g_error ("the button “%s” is insensitive", label);

  /* Not gtk_widget_activate() on a button: that shows it pressed and
   * clicks it a quarter of a second later. */
  if (GTK_IS_BUTTON (widget))
    g_signal_emit_by_name (widget, "clicked");
  else
    gtk_widget_activate (widget);
}

FbkSession *
fbk_test_ui_start_demo (FbkDemoServer *server,
                        FbkStore      *store)
{
  g_autoptr(GError) error = NULL;

  fbk_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  return fbk_test_new_session (fbk_demo_server_get_base_url (server), fbk_demo_server_get_now (server), NULL,
                               store);
}

char *
fbk_test_ui_dup_unreachable_url (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

void
fbk_test_ui_paste_token (GtkWidget  *root,
                         const char *text)
{
  GtkWidget *entry = fbk_test_ui_find (root, GTK_TYPE_PASSWORD_ENTRY, NULL);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  fbk_test_ui_click (root, "Connect");
}

GtkWindow *
fbk_test_ui_show (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 600, 1400);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (window));
  return window;
}

GtkWindow *
fbk_test_ui_find_window (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
        return l->data;
    }
  return NULL;
}

static void
on_keys_pressed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error))
    g_error ("xdotool failed: %s", error->message);
  *done = TRUE;
}

gboolean
fbk_test_ui_skip_without_keys (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool != NULL)
    return FALSE;
  g_test_skip ("no xdotool to press keys through the X server with");
  return TRUE;
}

void
fbk_test_ui_press_keys (GtkWindow  *window,
                        const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);
  g_autoptr(GSubprocess) xdotool = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  if (!GDK_IS_X11_SURFACE (surface))
    g_error ("pressing keys needs an X11 display (Xvfb)");

  /* Through the X server's XTEST, as a keyboard would: GTK 4 has no way
   * to make a key event in-process. */
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  g_strv_builder_add_many (builder, "xdotool", "windowfocus", "--sync", xid, NULL);
  if (*keys != '\0')
    {
      g_strv_builder_add_many (builder, "key", "--clearmodifiers", "--delay", "20", NULL);
      g_strv_builder_addv (builder, (const char **) names);
    }
  argv = g_strv_builder_end (builder);

  xdotool = g_subprocess_newv ((const char * const *) argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (xdotool, NULL, on_keys_pressed_cb, &done);
  fbk_test_wait_until (done, 10);
}

/* GTK 4.8's test backend reads a property back only by comparing it: a
 * value no widget has gives the real one as the mismatch. */
#define NO_SUCH_TEXT "\x01 no such text \x01"

char *
fbk_test_ui_dup_accessible_property (GtkWidget             *widget,
                                     GtkAccessibleProperty  property)
{
  char *value;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return NULL;

  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, NO_SUCH_TEXT);
  g_assert_nonnull (value);
  return value;
}

void
fbk_test_ui_wait_for_accessible_label (GtkWidget  *widget,
                                       const char *expected)
{
  gint64 deadline = fbk_test_deadline (10);
  g_autofree char *label = NULL;

  for (;;)
    {
      g_clear_pointer (&label, g_free);
      label = fbk_test_ui_dup_accessible_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL);
      if (g_strcmp0 (label, expected) == 0)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("the accessible name of %s is “%s”, not “%s”", G_OBJECT_TYPE_NAME (widget), label, expected);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}
