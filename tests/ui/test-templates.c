/* test-templates.c: every .ui in the resources builds on this platform
 *
 * A .ui naming a type or property that the platform floor lacks (say an
 * AdwToolbarView on libadwaita 1.2) compiles fine and fails only when the
 * template is instantiated. This test instantiates every template and builds
 * every other .ui file found in the application's resources, so such a file
 * fails the suite instead of the user's first run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-test-ui.h"

static void
collect_ui_resources (const char *path,
                      GPtrArray  *out_paths)
{
  g_auto(GStrv) children = g_resources_enumerate_children (path, 0, NULL);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      g_autofree char *child = g_strconcat (path, children[i], NULL);

      if (g_str_has_suffix (children[i], "/"))
        collect_ui_resources (child, out_paths);
      else if (g_str_has_suffix (children[i], ".ui"))
        g_ptr_array_add (out_paths, g_steal_pointer (&child));
    }
}

/* The class named by <template class="..."> in a .ui file, or NULL. */
static char *
find_template_class (GBytes *bytes)
{
  const char *data = g_bytes_get_data (bytes, NULL);
  g_autoptr(GRegex) regex = g_regex_new ("<template class=\"([A-Za-z]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, data, 0, &match))
    return NULL;

  return g_match_info_fetch (match, 1);
}

static void
test_ui_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autofree char *class_name = NULL;
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  GObject *object;
  GType type;

  g_assert_nonnull (bytes);
  class_name = find_template_class (bytes);

  if (class_name == NULL)
    {
      g_autoptr(GError) error = NULL;

      gtk_builder_add_from_resource (builder, path, &error);
      g_assert_no_error (error);
      return;
    }

  /* GtkBuilder resolves FbkThing to fbk_thing_get_type() in our own binary,
   * which is linked with export_dynamic for this. */
  type = gtk_builder_get_type_from_name (builder, class_name);
  g_assert_true (g_type_is_a (type, GTK_TYPE_WIDGET));

  object = g_object_new (type, NULL);
  g_object_ref_sink (object);

  if (GTK_IS_WINDOW (object))
    {
      gtk_window_present (GTK_WINDOW (object));
      fbk_test_ui_wait_for_mapped (GTK_WIDGET (object));
      gtk_window_destroy (GTK_WINDOW (object));
    }

  g_object_unref (object);
}

static void
on_css_parsing_error_cb (GtkCssProvider *provider,
                         GtkCssSection  *section,
                         const GError   *error,
                         gpointer        user_data)
{
  g_autofree char *where = gtk_css_section_to_string (section);

  g_error ("style.css: %s: %s", where, error->message);
}

/* A syntax error in style.css only warns at run time; here it fails. */
static void
test_style_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  g_signal_connect (provider, "parsing-error", G_CALLBACK (on_css_parsing_error_cb), NULL);
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE_PATH "/style.css");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();

  collect_ui_resources (RESOURCE_BASE_PATH "/", paths);
  g_assert_cmpuint (paths->len, >=, 3);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *test_path = g_strconcat ("/templates", path + strlen (RESOURCE_BASE_PATH), NULL);

      g_test_add_data_func (test_path, path, test_ui_file);
    }

  g_test_add_func ("/templates/style.css", test_style_css);

  return g_test_run ();
}
