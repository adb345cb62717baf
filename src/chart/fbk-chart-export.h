/* fbk-chart-export.h: the chart as a PNG, SVG or PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "fbk-chart-model.h"
#include "fbk-chart-style.h"

G_BEGIN_DECLS

typedef enum
{
  FBK_CHART_FORMAT_PNG,
  FBK_CHART_FORMAT_SVG,
  FBK_CHART_FORMAT_PDF,
} FbkChartFormat;

#define FBK_CHART_EXPORT_DEFAULT_WIDTH  1600
#define FBK_CHART_EXPORT_DEFAULT_HEIGHT 900

typedef struct
{
  FbkChartFormat format;
  /* In pixels for PNG (before scaling), in points for SVG and PDF. */
  int            width;
  int            height;
  /* PNG only: pixels per unit, 2 for a sharp image on HiDPI screens. */
  double         scale;
  FbkChartTheme  theme;
} FbkChartExportOptions;

void      fbk_chart_export_options_init     (FbkChartExportOptions        *options,
                                             FbkChartFormat                format);
gboolean  fbk_chart_format_from_filename    (const char                   *filename,
                                             FbkChartFormat               *out_format);

gboolean  fbk_chart_export                  (FbkChartModel                *model,
                                             const FbkChartViewport       *viewport,
                                             const FbkChartExportOptions  *options,
                                             GFile                        *file,
                                             GCancellable                 *cancellable,
                                             GError                      **error);
void      fbk_chart_export_async            (FbkChartModel                *model,
                                             const FbkChartViewport       *viewport,
                                             const FbkChartExportOptions  *options,
                                             GFile                        *file,
                                             GCancellable                 *cancellable,
                                             GAsyncReadyCallback           callback,
                                             gpointer                      user_data);
gboolean  fbk_chart_export_finish           (GAsyncResult                 *result,
                                             GError                      **error);

cairo_surface_t *
          fbk_chart_export_render_image     (FbkChartModel                *model,
                                             const FbkChartViewport       *viewport,
                                             const FbkChartExportOptions  *options,
                                             GError                      **error);

G_END_DECLS
