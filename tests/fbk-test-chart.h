/* fbk-test-chart.h: making chart models and reading what was drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "fbk-chart-model.h"
#include "fbk-chart-style.h"

G_BEGIN_DECLS

/* The size the chart tests draw at. */
#define FBK_TEST_CHART_WIDTH  800
#define FBK_TEST_CHART_HEIGHT 400

/* A daily model of @n_days from Monday 4 March 2024, titled "Test". */
FbkChartModel   *fbk_test_days_model     (guint                    n_days);
/* @model drawn on a new image surface of the tests' size. */
cairo_surface_t *fbk_test_render         (FbkChartModel           *model,
                                          const FbkChartStyle     *style);
/* Where fbk_chart_render() at the tests' size draws @series' value at
 * @bucket; failing the test if it draws none. */
cairo_rectangle_t fbk_test_bucket_rect   (FbkChartModel           *model,
                                          const FbkChartStyle     *style,
                                          guint                    series,
                                          guint                    bucket);

/* Buckets of @resolution from @from, one per value; NAN leaves a gap. */
GArray  *fbk_test_buckets        (FbkInstant               from,
                                        FbkResolution            resolution,
                                        const double            *values,
                                        guint                    n_values,
                                        guint32                  flags);
/* A series of @values, one per bucket of @model's grid from its start. */
guint    fbk_test_add_series     (FbkChartModel           *model,
                                        const char              *label,
                                        FbkDirection             direction,
                                        guint                    colour_slot,
                                        const double            *values,
                                        guint                    n_values,
                                        guint32                  flags);
/* The ARGB32 pixel at (@x, @y), which must be on @surface. */
guint32  fbk_test_pixel          (cairo_surface_t         *surface,
                                        double                   x,
                                        double                   y);
/* @color as an opaque ARGB32 pixel. */
guint32  fbk_test_argb           (const FbkChartColor     *color);
guint32  fbk_test_series_argb    (const FbkChartStyle     *style,
                                        FbkDirection             direction,
                                        guint                    slot);
/* How many pixels of a grid over the inside of @rect have @color. */
double   fbk_test_share_of_color (cairo_surface_t         *surface,
                                        const cairo_rectangle_t *rect,
                                        guint32                  color);

G_END_DECLS
