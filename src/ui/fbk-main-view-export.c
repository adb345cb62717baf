/* fbk-main-view-export.c: saving and copying what the main view shows
 *
 * The Export menu. The chart on the visible page goes to a PNG, SVG or PDF
 * file or to the clipboard, drawn by the renderer the widget uses (not a
 * screenshot of it); the data behind the page goes to CSV, as the page
 * writes it (fbk_page_create_csv_job()).
 * The file choosers only pick the file (through the FileChooser portal
 * inside Flatpak); fbk_main_view_save_chart() and fbk_main_view_save_data()
 * write it in the background and say in a toast how it went.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-main-view"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-main-view-private.h"
#include "fbk-open-folder.h"

/* The sizes offered for a chart image. The 2× one has the layout of
 * 1600 × 900 with twice the pixels, so its text is not tiny. */
static const struct
{
  const char *id;
  const char *label;
  int         width;
  int         height;
  double      scale;
} image_sizes[] = {
  { "1600x900", N_("1600 × 900"), 1600, 900, 1.0 },
  { "1920x1080", N_("1920 × 1080"), 1920, 1080, 1.0 },
  { "3200x1800", N_("3200 × 1800 (sharp on HiDPI screens)"), 1600, 900, 2.0 },
};

static const struct
{
  const char     *name;
  const char     *mime_type;
  const char     *suffix;
  FbkChartFormat  format;
} image_formats[] = {
  { N_("PNG Image"), "image/png", "png", FBK_CHART_FORMAT_PNG },
  { N_("SVG Image"), "image/svg+xml", "svg", FBK_CHART_FORMAT_SVG },
  { N_("PDF Document"), "application/pdf", "pdf", FBK_CHART_FORMAT_PDF },
};

/* ------------------------------------------------------------------------ */
/* What is shown                                                            */
/* ------------------------------------------------------------------------ */

/* The chart of the visible page, when it has one with data. */
static FbkChartView *
shown_chart (FbkMainView *self)
{
  FbkPage *page = _fbk_main_view_get_visible_page (self);

  return page != NULL ? fbk_page_get_chart (page) : NULL;
}

/* What the chart shows: NULL for its whole period, else the zoomed part. */
static const FbkChartViewport *
shown_viewport (FbkChartView     *chart,
                FbkChartViewport *storage)
{
  if (!fbk_chart_view_get_zoomed (chart))
    return NULL;

  fbk_chart_view_get_viewport (chart, storage);
  return storage;
}

static gboolean
shows_data (FbkMainView *self)
{
  FbkPage *page = _fbk_main_view_get_visible_page (self);

  return page != NULL && fbk_page_has_data (page);
}

/* The data of the visible page as CSV, or NULL when it shows none. */
static FbkCsvJob *
shown_data (FbkMainView *self,
            FbkCsvStyle  style)
{
  FbkPage *page = _fbk_main_view_get_visible_page (self);

  return page != NULL ? fbk_page_create_csv_job (page, style) : NULL;
}

typedef struct
{
  GFile     *file;
  FbkCsvJob *job;
} CsvWrite;

static void
csv_write_free (CsvWrite *write)
{
  g_clear_object (&write->file);
  g_clear_pointer (&write->job, fbk_csv_job_free);
  g_free (write);
}

static void
write_csv_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CsvWrite *write = task_data;
  g_autoptr(GBytes) csv = fbk_csv_job_run (write->job);
  GError *error = NULL;

  if (g_file_replace_contents (write->file, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), NULL, FALSE,
                               G_FILE_CREATE_NONE, NULL, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ------------------------------------------------------------------------ */
/* Toasts                                                                   */
/* ------------------------------------------------------------------------ */

static GtkWindow *
root_window (FbkMainView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The window's toast overlay, which the main view sits in. */
static void
show_toast (FbkMainView *self,
            AdwToast    *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    {
      g_warning ("No toast overlay to say: %s", adw_toast_get_title (toast));
      g_object_unref (toast);
    }
}

/* Toast titles are Pango markup. */
static void
show_error_toast (FbkMainView *self,
                  const char  *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  show_toast (self, adw_toast_new (markup));
}

static void
on_folder_opened_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FbkMainView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fbk_open_folder_finish (result, &error) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("Could not open the folder: %s"), error->message);

      show_error_toast (self, text);
    }
}

static void
on_open_folder_clicked_cb (AdwToast    *toast,
                           FbkMainView *self)
{
  GFile *file = g_object_get_data (G_OBJECT (toast), "file");

  fbk_open_folder_async (root_window (self), file, NULL, on_folder_opened_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct
{
  FbkMainView  *self;
  GFile        *file;
  GApplication *application;  /* held while writing; nullable */
} Save;

static Save *
save_new (FbkMainView *self,
          GFile       *file)
{
  Save *save = g_new0 (Save, 1);
  GApplication *application = g_application_get_default ();

  save->self = g_object_ref (self);
  save->file = g_object_ref (file);
  /* Closing the window right after saving must not lose the file. */
  if (application != NULL)
    {
      save->application = g_object_ref (application);
      g_application_hold (application);
    }
  return save;
}

static void
save_free (Save *save)
{
  if (save->application != NULL)
    g_application_release (save->application);
  g_clear_object (&save->application);
  g_clear_object (&save->self);
  g_clear_object (&save->file);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Save, save_free)

static void
report_saved (Save         *save,
              const GError *error)
{
  g_autofree char *name = g_file_get_basename (save->file);
  g_autofree char *display_name = g_filename_display_name (name);
  AdwToast *toast;

  if (error != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: the first %s is a file name, the second why it could not be written. */
      text = g_strdup_printf (_("Could not save “%s”: %s"), display_name, error->message);
      show_error_toast (save->self, text);
      return;
    }

  {
    g_autofree char *markup = g_markup_escape_text (display_name, -1);

    /* Translators: %s is the name of the file just written. */
    toast = adw_toast_new_format (_("Saved “%s”"), markup);
  }
  adw_toast_set_button_label (toast, _("Open Folder"));
  g_object_set_data_full (G_OBJECT (toast), "file", g_object_ref (save->file), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_folder_clicked_cb), save->self, 0);
  show_toast (save->self, toast);
}

static void
on_chart_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Save) save = user_data;
  g_autoptr(GError) error = NULL;

  fbk_chart_export_finish (result, &error);
  report_saved (save, error);
}

static void
on_data_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Save) save = user_data;
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  report_saved (save, error);
}

/* ------------------------------------------------------------------------ */
/* File choosers                                                            */
/* ------------------------------------------------------------------------ */

static void
close_dialog (FbkMainView *self)
{
  if (self->export_dialog == NULL)
    return;

  gtk_native_dialog_destroy (self->export_dialog);
  g_clear_object (&self->export_dialog);
}

static GtkFileChooser *
new_save_dialog (FbkMainView *self,
                 const char  *title,
                 const char  *name,
                 GCallback    on_response)
{
  close_dialog (self);

  self->export_dialog = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (title, root_window (self),
                                                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                        _("_Save"), _("_Cancel")));
  gtk_native_dialog_set_modal (self->export_dialog, TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_dialog), name);
  g_signal_connect_object (self->export_dialog, "response", on_response, self, 0);

  return GTK_FILE_CHOOSER (self->export_dialog);
}

/* Choices are what the FileChooser portal has for options. */
static void
add_choice (GtkFileChooser *chooser,
            const char     *id,
            const char     *label,
            const char    **option_ids,
            const char    **option_labels)
{
  gtk_file_chooser_add_choice (chooser, id, label, option_ids, option_labels);
  gtk_file_chooser_set_choice (chooser, id, option_ids[0]);
}

/* The format follows the name's extension, else the filter picked. The
 * name is not changed: inside Flatpak only the very file picked may be
 * written. */
static void
chart_options_from_dialog (GtkFileChooser        *chooser,
                           GFile                 *file,
                           FbkChartExportOptions *options)
{
  g_autofree char *name = g_file_get_basename (file);
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
  const char *size = gtk_file_chooser_get_choice (chooser, "size");
  FbkChartFormat format = FBK_CHART_FORMAT_PNG;

  if (!fbk_chart_format_from_filename (name, &format) && filter != NULL)
    format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (filter), "format"));

  fbk_chart_export_options_init (options, format);
  for (guint i = 0; i < G_N_ELEMENTS (image_sizes); i++)
    {
      if (g_strcmp0 (size, image_sizes[i].id) == 0)
        {
          options->width = image_sizes[i].width;
          options->height = image_sizes[i].height;
          options->scale = image_sizes[i].scale;
        }
    }
  if (g_strcmp0 (gtk_file_chooser_get_choice (chooser, "style"), "dark") == 0)
    options->theme = FBK_CHART_THEME_DARK;
}

static void
on_chart_file_chosen_cb (GtkNativeDialog *dialog,
                         int              response,
                         FbkMainView     *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      FbkChartExportOptions options;

      chart_options_from_dialog (GTK_FILE_CHOOSER (dialog), file, &options);
      fbk_main_view_save_chart (self, file, &options);
    }

  close_dialog (self);
}

static void
on_data_file_chosen_cb (GtkNativeDialog *dialog,
                        int              response,
                        FbkMainView     *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      const char *style = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "csv-style");

      fbk_main_view_save_data (self, file,
                               g_strcmp0 (style, "spreadsheet") == 0 ? FBK_CSV_STYLE_SPREADSHEET
                                                                     : FBK_CSV_STYLE_DEFAULT);
    }

  close_dialog (self);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
save_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  FbkMainView *self = FBK_MAIN_VIEW (widget);
  FbkChartView *chart = shown_chart (self);
  g_autofree char *name = NULL;
  const char *size_ids[G_N_ELEMENTS (image_sizes) + 1] = { NULL };
  const char *size_labels[G_N_ELEMENTS (image_sizes) + 1] = { NULL };
  const char *style_ids[] = { "light", "dark", NULL };
  const char *style_labels[] = { _("Light"), _("Dark"), NULL };
  GtkFileChooser *chooser;

  if (chart == NULL)
    return;

  name = fbk_page_dup_file_name (_fbk_main_view_get_visible_page (self), "png");
  chooser = new_save_dialog (self, _("Save Chart as Image"), name, G_CALLBACK (on_chart_file_chosen_cb));

  for (guint i = 0; i < G_N_ELEMENTS (image_formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(image_formats[i].name));
      gtk_file_filter_add_mime_type (filter, image_formats[i].mime_type);
      gtk_file_filter_add_suffix (filter, image_formats[i].suffix);
      g_object_set_data (G_OBJECT (filter), "format", GINT_TO_POINTER (image_formats[i].format));
      gtk_file_chooser_add_filter (chooser, filter);
    }

  for (guint i = 0; i < G_N_ELEMENTS (image_sizes); i++)
    {
      size_ids[i] = image_sizes[i].id;
      size_labels[i] = _(image_sizes[i].label);
    }
  add_choice (chooser, "size", _("Size"), size_ids, size_labels);
  add_choice (chooser, "style", _("Style"), style_ids, style_labels);

  gtk_native_dialog_show (self->export_dialog);
}

static void
save_data_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FbkMainView *self = FBK_MAIN_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *style_ids[] = { "default", "spreadsheet", NULL };
  const char *style_labels[] = {
    _("Standard (comma, decimal point)"),
    _("Norwegian spreadsheet (semicolon, decimal comma)"),
    NULL
  };
  GtkFileChooser *chooser;

  if (!shows_data (self))
    return;

  name = fbk_page_dup_file_name (_fbk_main_view_get_visible_page (self), "csv");
  chooser = new_save_dialog (self, _("Save Data as CSV"), name, G_CALLBACK (on_data_file_chosen_cb));

  gtk_file_filter_set_name (filter, _("CSV Table"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (chooser, filter);
  add_choice (chooser, "csv-style", _("Style"), style_ids, style_labels);

  gtk_native_dialog_show (self->export_dialog);
}

static void
copy_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  FbkMainView *self = FBK_MAIN_VIEW (widget);
  FbkChartView *chart = shown_chart (self);
  FbkChartViewport storage;
  FbkChartExportOptions options;
  cairo_surface_t *surface;
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  if (chart == NULL)
    return;

  fbk_chart_export_options_init (&options, FBK_CHART_FORMAT_PNG);
  surface = fbk_chart_export_render_image (fbk_chart_view_get_model (chart), shown_viewport (chart, &storage),
                                           &options, &error);
  if (surface == NULL)
    {
      show_error_toast (self, error->message);
      return;
    }

  /* Cairo's ARGB32 is GDK_MEMORY_DEFAULT: the texture takes the pixels as
   * they are. */
  pixels = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                       (gsize) cairo_image_surface_get_stride (surface) *
                                       cairo_image_surface_get_height (surface),
                                       (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                    cairo_image_surface_get_height (surface),
                                    GDK_MEMORY_DEFAULT, pixels,
                                    cairo_image_surface_get_stride (surface));

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  show_toast (self, adw_toast_new (_("Chart copied")));
}

/* ------------------------------------------------------------------------ */
/* For FbkMainView                                                          */
/* ------------------------------------------------------------------------ */

void
_fbk_main_view_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "export.save-chart", NULL, save_chart_action);
  gtk_widget_class_install_action (widget_class, "export.save-data", NULL, save_data_action);
  gtk_widget_class_install_action (widget_class, "export.copy-chart", NULL, copy_chart_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "export.save-chart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "export.save-data", NULL);
}

/* Called whenever what is shown may have changed. */
void
_fbk_main_view_update_export (FbkMainView *self)
{
  gboolean has_chart, has_data;

  /* Pages change while the template is torn down. */
  if (self->view_stack == NULL)
    return;

  has_chart = shown_chart (self) != NULL;
  has_data = shows_data (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save-chart", has_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.copy-chart", has_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save-data", has_data);
}

void
_fbk_main_view_dispose_export (FbkMainView *self)
{
  close_dialog (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * fbk_main_view_save_chart:
 * @file: where to write
 * @options: the format, size, scale and theme
 *
 * Writes the chart on the visible page, as it is in view, in the
 * background, then says in a toast that it is saved (with a button that
 * opens its folder) or why not.
 */
void
fbk_main_view_save_chart (FbkMainView                 *self,
                          GFile                       *file,
                          const FbkChartExportOptions *options)
{
  FbkChartView *chart;
  FbkChartViewport storage;

  g_return_if_fail (FBK_IS_MAIN_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (options != NULL);

  chart = shown_chart (self);
  if (chart == NULL)
    {
      show_error_toast (self, _("There is no chart to save."));
      return;
    }

  fbk_chart_export_async (fbk_chart_view_get_model (chart), shown_viewport (chart, &storage), options, file,
                          NULL, on_chart_saved_cb, save_new (self, file));
}

/**
 * fbk_main_view_save_data:
 * @file: where to write
 *
 * Writes what the visible page shows as CSV in the background: the values
 * of the picked meters at the resolution shown, or on the max-hours page
 * the rows of the table. Then says in a toast how it went.
 */
void
fbk_main_view_save_data (FbkMainView *self,
                         GFile       *file,
                         FbkCsvStyle  style)
{
  g_autoptr(FbkCsvJob) job = NULL;
  g_autoptr(GTask) task = NULL;
  CsvWrite *write;

  g_return_if_fail (FBK_IS_MAIN_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  job = shown_data (self, style);
  if (job == NULL)
    {
      show_error_toast (self, _("There is no data to save."));
      return;
    }

  write = g_new0 (CsvWrite, 1);
  write->file = g_object_ref (file);
  write->job = g_steal_pointer (&job);

  task = g_task_new (NULL, NULL, on_data_saved_cb, save_new (self, file));
  g_task_set_source_tag (task, fbk_main_view_save_data);
  g_task_set_task_data (task, write, (GDestroyNotify) csv_write_free);
  g_task_run_in_thread (task, write_csv_thread);
}
