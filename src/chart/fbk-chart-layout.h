/* fbk-chart-layout.h: where everything of a chart goes at one size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "fbk-chart-model.h"
#include "fbk-chart-style.h"

G_BEGIN_DECLS

/* The frame of a chart (header, axes, legend, plot) worked out once for a
 * model, a size, a viewport and a style: fbk_chart_render_layout() draws
 * it, and pointing at it needs no new layout. It describes the model as it
 * was when made: drop it when the model changes. */
typedef struct _FbkChartLayout FbkChartLayout;

#define FBK_TYPE_CHART_LAYOUT (fbk_chart_layout_get_type ())

GType           fbk_chart_layout_get_type        (void) G_GNUC_CONST;
FbkChartLayout *fbk_chart_layout_new             (double                  width,
                                                  double                  height,
                                                  FbkChartModel          *model,
                                                  const FbkChartViewport *viewport,
                                                  const FbkChartStyle    *style);
FbkChartLayout *fbk_chart_layout_ref             (FbkChartLayout         *self);
void            fbk_chart_layout_unref           (FbkChartLayout         *self);

double          fbk_chart_layout_get_width       (FbkChartLayout         *self);
double          fbk_chart_layout_get_height      (FbkChartLayout         *self);
gboolean        fbk_chart_layout_get_plot_area   (FbkChartLayout         *self,
                                                  cairo_rectangle_t      *out_area);
gboolean        fbk_chart_layout_hit_test        (FbkChartLayout         *self,
                                                  double                  x,
                                                  double                  y,
                                                  FbkChartHit            *out_hit);
gboolean        fbk_chart_layout_get_bucket_rect (FbkChartLayout         *self,
                                                  guint                   series,
                                                  guint                   bucket,
                                                  cairo_rectangle_t      *out_rect);
gboolean        fbk_chart_layout_get_grid        (FbkChartLayout         *self,
                                                  guint                  *out_n_rows,
                                                  guint                  *out_n_columns);
gboolean        fbk_chart_layout_get_cell_area   (FbkChartLayout         *self,
                                                  guint                   row,
                                                  guint                   column,
                                                  cairo_rectangle_t      *out_area);
char           *fbk_chart_layout_describe_cell   (FbkChartLayout         *self,
                                                  guint                   row,
                                                  guint                   column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkChartLayout, fbk_chart_layout_unref)

G_END_DECLS
