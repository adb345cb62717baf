/* fbk-chart-renderer.h: the one drawing path, for the widget and for export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "fbk-chart-layout.h"
#include "fbk-chart-model.h"
#include "fbk-chart-style.h"

G_BEGIN_DECLS

void      fbk_chart_render_layout    (cairo_t                *cr,
                                      FbkChartLayout         *layout);

/* One-off drawing, as exports do: a layout for the size, drawn and
 * dropped. @viewport may be NULL for the model's whole period. Geometry
 * depends only on the arguments, so the same arguments to
 * fbk_chart_hit_test() and fbk_chart_get_bucket_rect() describe what
 * fbk_chart_render() drew. */
void      fbk_chart_render           (cairo_t                *cr,
                                      double                  width,
                                      double                  height,
                                      FbkChartModel          *model,
                                      const FbkChartViewport *viewport,
                                      const FbkChartStyle    *style);
gboolean  fbk_chart_hit_test         (double                  width,
                                      double                  height,
                                      FbkChartModel          *model,
                                      const FbkChartViewport *viewport,
                                      const FbkChartStyle    *style,
                                      double                  x,
                                      double                  y,
                                      FbkChartHit            *out_hit);
gboolean  fbk_chart_get_plot_area    (double                  width,
                                      double                  height,
                                      FbkChartModel          *model,
                                      const FbkChartViewport *viewport,
                                      const FbkChartStyle    *style,
                                      cairo_rectangle_t      *out_area);
gboolean  fbk_chart_get_bucket_rect  (double                  width,
                                      double                  height,
                                      FbkChartModel          *model,
                                      const FbkChartViewport *viewport,
                                      const FbkChartStyle    *style,
                                      guint                   series,
                                      guint                   bucket,
                                      cairo_rectangle_t      *out_rect);

char     *fbk_chart_describe         (FbkChartModel          *model,
                                      const FbkChartViewport *viewport);
char     *fbk_chart_describe_hit     (FbkChartModel          *model,
                                      const FbkChartHit      *hit);
char     *fbk_chart_describe_hit_period (FbkChartModel       *model,
                                         const FbkChartHit   *hit);

G_END_DECLS
