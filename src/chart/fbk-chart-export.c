/* fbk-chart-export.c: the chart as a PNG, SVG or PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-export"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "fbk-chart-export.h"
#include "fbk-chart-renderer.h"

/* Large enough for a poster, small enough that a typo cannot ask cairo for
 * gigabytes. */
#define MAX_SIDE 16384

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} Sink;

typedef struct
{
  FbkChartModel         *model;
  FbkChartViewport       viewport;
  gboolean               has_viewport;
  FbkChartExportOptions  options;
  GFile                 *file;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->model);
  g_clear_object (&export->file);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static cairo_status_t
write_to_sink (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  if (!g_output_stream_write_all (sink->stream, data, length, NULL, sink->cancellable, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

/* A device scale rather than a user-space one, so surfaces made alike (the
 * hatching tile) get the same pixel density. */
static cairo_surface_t *
create_image_surface (const FbkChartExportOptions *options)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) ceil (options->width * options->scale),
                                                         (int) ceil (options->height * options->scale));

  cairo_surface_set_device_scale (surface, options->scale, options->scale);
  return surface;
}

static cairo_surface_t *
create_surface (const FbkChartExportOptions *options,
                Sink                        *sink)
{
  cairo_surface_t *surface;

  switch (options->format)
    {
    case FBK_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_sink, sink, options->width, options->height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      return surface;

    case FBK_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_sink, sink, options->width, options->height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Forbruk " PACKAGE_VERSION);
      return surface;

    case FBK_CHART_FORMAT_PNG:
    default:
      return create_image_surface (options);
    }
}

static cairo_status_t
draw (cairo_surface_t              *surface,
      FbkChartModel                *model,
      const FbkChartViewport       *viewport,
      const FbkChartExportOptions  *options)
{
  FbkChartStyle style;
  cairo_status_t status;
  cairo_t *cr;

  fbk_chart_style_init (&style, options->theme);
  if (options->format == FBK_CHART_FORMAT_PNG)
    style.scale = options->scale;

  cr = cairo_create (surface);
  fbk_chart_render (cr, options->width, options->height, model, viewport, &style);
  status = cairo_status (cr);
  cairo_destroy (cr);

  return status;
}

static void
set_draw_error (GError         **error,
                cairo_status_t   status)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not draw the chart: %s"), cairo_status_to_string (status));
}

static gboolean
render_to_stream (FbkChartModel                *model,
                  const FbkChartViewport       *viewport,
                  const FbkChartExportOptions  *options,
                  GOutputStream                *stream,
                  GCancellable                 *cancellable,
                  GError                      **error)
{
  Sink sink = { stream, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;

  surface = create_surface (options, &sink);
  status = draw (surface, model, viewport, options);

  if (status == CAIRO_STATUS_SUCCESS && options->format == FBK_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_sink, &sink);

  /* Vector surfaces write their last pages on finish. */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.error != NULL)
    {
      g_propagate_error (error, sink.error);
      return FALSE;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      set_draw_error (error, status);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_size (const FbkChartExportOptions  *options,
            GError                      **error)
{
  if (options->width <= 0 || options->height <= 0 || !(options->scale > 0.0) ||
      options->width * options->scale > MAX_SIDE || options->height * options->scale > MAX_SIDE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A chart image must be between 1 and %d pixels wide and high"), MAX_SIDE);
      return FALSE;
    }

  return TRUE;
}

/* The options to use: @options, or the defaults for the format @file's
 * name ends with; checked either way. */
static gboolean
resolve_options (GFile                        *file,
                 const FbkChartExportOptions  *options,
                 FbkChartExportOptions        *out_options,
                 GError                      **error)
{
  if (options != NULL)
    *out_options = *options;
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      FbkChartFormat format;

      if (name == NULL || !fbk_chart_format_from_filename (name, &format))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Cannot tell the image format from the file name “%s”: use .png, .svg or .pdf"),
                       name != NULL ? name : "");
          return FALSE;
        }
      fbk_chart_export_options_init (out_options, format);
    }

  return check_size (out_options, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  GError *error = NULL;

  if (fbk_chart_export (export->model, export->has_viewport ? &export->viewport : NULL,
                        &export->options, export->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Public API */

void
fbk_chart_export_options_init (FbkChartExportOptions *options,
                               FbkChartFormat         format)
{
  g_return_if_fail (options != NULL);

  options->format = format;
  options->width = FBK_CHART_EXPORT_DEFAULT_WIDTH;
  options->height = FBK_CHART_EXPORT_DEFAULT_HEIGHT;
  options->scale = 1.0;
  options->theme = FBK_CHART_THEME_LIGHT;
}

/**
 * fbk_chart_format_from_filename:
 *
 * Returns: whether @filename ends in .png, .svg or .pdf (any case)
 */
gboolean
fbk_chart_format_from_filename (const char     *filename,
                                FbkChartFormat *out_format)
{
  static const struct {
    const char     *suffix;
    FbkChartFormat  format;
  } suffixes[] = {
    { ".png", FBK_CHART_FORMAT_PNG },
    { ".svg", FBK_CHART_FORMAT_SVG },
    { ".pdf", FBK_CHART_FORMAT_PDF },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (filename != NULL, FALSE);

  lower = g_ascii_strdown (filename, -1);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      if (g_str_has_suffix (lower, suffixes[i].suffix))
        {
          if (out_format != NULL)
            *out_format = suffixes[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * fbk_chart_export:
 * @viewport: (nullable): the part of the period to show; NULL for all
 * @options: (nullable): NULL for the defaults, in the format @file's name
 *   ends with
 *
 * Draws the chart with fbk_chart_render() and writes it to @file. The file
 * is replaced only once it is complete. Blocks: see fbk_chart_export_async().
 */
gboolean
fbk_chart_export (FbkChartModel                *model,
                  const FbkChartViewport       *viewport,
                  const FbkChartExportOptions  *options,
                  GFile                        *file,
                  GCancellable                 *cancellable,
                  GError                      **error)
{
  FbkChartExportOptions resolved;
  g_autoptr(GFileOutputStream) stream = NULL;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!resolve_options (file, options, &resolved, error))
    return FALSE;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (!render_to_stream (model, viewport, &resolved, G_OUTPUT_STREAM (stream), cancellable, error))
    {
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      /* Closing cancelled drops the temporary file and keeps the old one. */
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

/**
 * fbk_chart_export_async:
 *
 * Like fbk_chart_export(), in a worker thread. It draws a copy of @model
 * taken now, so the model may change meanwhile.
 */
void
fbk_chart_export_async (FbkChartModel                *model,
                        const FbkChartViewport       *viewport,
                        const FbkChartExportOptions  *options,
                        GFile                        *file,
                        GCancellable                 *cancellable,
                        GAsyncReadyCallback           callback,
                        gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(Export) export = NULL;
  GError *error = NULL;

  g_return_if_fail (FBK_IS_CHART_MODEL (model));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_chart_export_async);

  export = g_new0 (Export, 1);
  export->model = fbk_chart_model_copy (model);
  export->file = g_object_ref (file);
  if (viewport != NULL)
    {
      export->viewport = *viewport;
      export->has_viewport = TRUE;
    }

  if (!resolve_options (file, options, &export->options, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, g_steal_pointer (&export), (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
fbk_chart_export_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fbk_chart_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * fbk_chart_export_render_image:
 * @viewport: (nullable): the part of the period to show; NULL for all
 * @options: the size, scale and theme; the format is ignored
 *
 * Draws the chart as fbk_chart_export() draws a PNG, into memory: for the
 * clipboard, which wants pixels rather than a file.
 *
 * Returns: (transfer full) (nullable): an image surface in
 *   CAIRO_FORMAT_ARGB32, @options->scale times the size asked for
 */
cairo_surface_t *
fbk_chart_export_render_image (FbkChartModel                *model,
                               const FbkChartViewport       *viewport,
                               const FbkChartExportOptions  *options,
                               GError                      **error)
{
  FbkChartExportOptions image_options;
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_size (options, error))
    return NULL;

  image_options = *options;
  image_options.format = FBK_CHART_FORMAT_PNG;

  surface = create_image_surface (&image_options);
  status = draw (surface, model, viewport, &image_options);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      set_draw_error (error, status);
      return NULL;
    }

  return surface;
}
