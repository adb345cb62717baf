/* fbk-chart-model.h: what a chart shows, prepared for fast drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-chart-layer.h"
#include "fbk-chart-types.h"
#include "fbk-series.h"

G_BEGIN_DECLS

#define FBK_TYPE_CHART_MODEL (fbk_chart_model_get_type ())

G_DECLARE_FINAL_TYPE (FbkChartModel, fbk_chart_model, FBK, CHART_MODEL, GObject)

FbkChartModel       *fbk_chart_model_new                    (void);
FbkChartModel       *fbk_chart_model_copy                   (FbkChartModel       *self);

void                 fbk_chart_model_set_period             (FbkChartModel       *self,
                                                             FbkResolution        resolution,
                                                             FbkInstant           from,
                                                             FbkInstant           to);
FbkResolution        fbk_chart_model_get_resolution         (FbkChartModel       *self);
FbkInstant           fbk_chart_model_get_from               (FbkChartModel       *self);
FbkInstant           fbk_chart_model_get_to                 (FbkChartModel       *self);

const char          *fbk_chart_model_get_title              (FbkChartModel       *self);
void                 fbk_chart_model_set_title              (FbkChartModel       *self,
                                                             const char          *title);
FbkChartUnit         fbk_chart_model_get_unit               (FbkChartModel       *self);
void                 fbk_chart_model_set_unit               (FbkChartModel       *self,
                                                             FbkChartUnit         unit);

/* What is drawn of the model, bottom first; with none, stacked bars. */
void                 fbk_chart_model_add_layer              (FbkChartModel       *self,
                                                             FbkChartLayer       *layer);
void                 fbk_chart_model_remove_all_layers      (FbkChartModel       *self);
guint                fbk_chart_model_get_n_layers           (FbkChartModel       *self);
FbkChartLayer       *fbk_chart_model_get_layer              (FbkChartModel       *self,
                                                             guint                index);

guint                fbk_chart_model_add_series             (FbkChartModel       *self,
                                                             const char          *label,
                                                             FbkDirection         direction,
                                                             guint                colour_slot,
                                                             const FbkInterval   *buckets,
                                                             guint                n_buckets);
guint                fbk_chart_model_add_series_buckets     (FbkChartModel       *self,
                                                             const char          *label,
                                                             FbkDirection         direction,
                                                             guint                colour_slot,
                                                             const FbkBucket     *buckets,
                                                             guint                n_buckets);
void                 fbk_chart_model_set_series_buckets     (FbkChartModel       *self,
                                                             guint                series,
                                                             const FbkInterval   *buckets,
                                                             guint                n_buckets);
void                 fbk_chart_model_remove_all_series      (FbkChartModel       *self);
guint                fbk_chart_model_get_n_series           (FbkChartModel       *self);
const char          *fbk_chart_model_get_series_label       (FbkChartModel       *self,
                                                             guint                series);
FbkDirection         fbk_chart_model_get_series_direction   (FbkChartModel       *self,
                                                             guint                series);
guint                fbk_chart_model_get_series_colour_slot (FbkChartModel       *self,
                                                             guint                series);
GArray              *fbk_chart_model_get_series_buckets     (FbkChartModel       *self,
                                                             guint                series);

/* The model's own bucket grid: the Oslo calendar periods of its resolution
 * that make up [from, to). Every series is laid onto it. */
guint                fbk_chart_model_get_n_buckets          (FbkChartModel       *self);
FbkInstant           fbk_chart_model_get_bucket_start       (FbkChartModel       *self,
                                                             guint                bucket);
FbkInstant           fbk_chart_model_get_bucket_end         (FbkChartModel       *self,
                                                             guint                bucket);
gboolean             fbk_chart_model_find_bucket            (FbkChartModel       *self,
                                                             FbkInstant           instant,
                                                             guint               *out_bucket);
gboolean             fbk_chart_model_get_value              (FbkChartModel       *self,
                                                             guint                series,
                                                             guint                bucket,
                                                             double              *out_value,
                                                             FbkIntervalFlags    *out_flags);
double               fbk_chart_model_get_total              (FbkChartModel       *self,
                                                             guint                series,
                                                             guint                first_bucket,
                                                             guint                end_bucket);
guint                fbk_chart_model_count_unverified       (FbkChartModel       *self,
                                                             guint                series,
                                                             guint                first_bucket,
                                                             guint                end_bucket);
double               fbk_chart_model_get_series_max         (FbkChartModel       *self,
                                                             guint                series,
                                                             guint                first_bucket,
                                                             guint                end_bucket);
double               fbk_chart_model_get_max                (FbkChartModel       *self,
                                                             FbkDirection         direction,
                                                             guint                first_bucket,
                                                             guint                end_bucket);

/* What is missing: opt-in, for models of values that should be there. */
void                 fbk_chart_model_set_expected_until     (FbkChartModel       *self,
                                                             FbkInstant           until);
FbkInstant           fbk_chart_model_get_expected_until     (FbkChartModel       *self);
gboolean             fbk_chart_model_get_coverage           (FbkChartModel       *self,
                                                             guint                series,
                                                             guint                bucket,
                                                             FbkChartCoverage    *out_coverage);
guint                fbk_chart_model_count_missing_hours    (FbkChartModel       *self,
                                                             guint                series,
                                                             guint                first_bucket,
                                                             guint                end_bucket);

G_END_DECLS
