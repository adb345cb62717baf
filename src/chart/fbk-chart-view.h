/* fbk-chart-view.h: the interactive chart widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fbk-chart-model.h"
#include "fbk-chart-renderer.h"

G_BEGIN_DECLS

#define FBK_TYPE_CHART_VIEW (fbk_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (FbkChartView, fbk_chart_view, FBK, CHART_VIEW, GtkWidget)

/* The keys that zoom a chart (with or without Ctrl) and their actions,
 * for a view that passes them on to the chart it shows. */
typedef struct
{
  guint       keyval;
  const char *action_name;
} FbkChartViewKey;

extern const FbkChartViewKey fbk_chart_view_zoom_keys[];
extern const guint           fbk_chart_view_n_zoom_keys;

/* Zooming never shows fewer buckets than this (or the model's all). */
#define FBK_CHART_VIEW_MIN_BUCKETS 4

GtkWidget     *fbk_chart_view_new               (void);

FbkChartModel *fbk_chart_view_get_model         (FbkChartView           *self);
void           fbk_chart_view_set_model         (FbkChartView           *self,
                                                 FbkChartModel          *model);

void           fbk_chart_view_set_name          (FbkChartView           *self,
                                                 const char             *name);
void           fbk_chart_view_get_viewport      (FbkChartView           *self,
                                                 FbkChartViewport       *out_viewport);
void           fbk_chart_view_set_viewport      (FbkChartView           *self,
                                                 const FbkChartViewport *viewport);
FbkInstant     fbk_chart_view_get_visible_from  (FbkChartView           *self);
FbkInstant     fbk_chart_view_get_visible_to    (FbkChartView           *self);
gboolean       fbk_chart_view_get_zoomed        (FbkChartView           *self);
void           fbk_chart_view_reset_zoom        (FbkChartView           *self);

gboolean       fbk_chart_view_hit_test          (FbkChartView           *self,
                                                 double                  x,
                                                 double                  y,
                                                 FbkChartHit            *out_hit);
gboolean       fbk_chart_view_get_bucket_area   (FbkChartView           *self,
                                                 guint                   series,
                                                 guint                   bucket,
                                                 graphene_rect_t        *out_area);

G_END_DECLS
