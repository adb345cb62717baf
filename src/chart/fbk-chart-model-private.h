/* fbk-chart-model-private.h: the prepared arrays the renderer draws from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-chart-model.h"

G_BEGIN_DECLS

/* Per-bucket flags: the FbkIntervalFlags bits, plus whether any value
 * landed in the bucket at all. A bucket is VERIFIED (or COMPLETE) only when
 * every value in it is. */
#define FBK_CHART_BUCKET_PRESENT (1u << 7)
/* Present, but for less than the whole bucket: cut by the period or by
 * values not in yet, or with hours missing (only where the model expects
 * values, fbk_chart_model_set_expected_until()). */
#define FBK_CHART_BUCKET_PARTIAL (1u << 6)

/* One decimated column of one series: the extremes over the buckets it
 * covers (missing buckets count as 0, as they draw nothing). "top" is the
 * stacked height: this series plus those below it in the same direction. */
typedef struct
{
  float  lo_value;
  float  hi_value;
  float  lo_top;
  float  hi_top;
  guint8 flags;      /* FBK_CHART_BUCKET_PRESENT if any value; FBK_INTERVAL_VERIFIED if all are */
} FbkChartColumn;

typedef struct
{
  guint           buckets_per_column;
  guint           n_columns;
  FbkChartColumn *columns;  /* series-major: [series * n_columns + column] */
} FbkChartDecimation;

const FbkInstant         *_fbk_chart_model_get_edges      (FbkChartModel *self,
                                                           guint         *out_n_buckets);
const double             *_fbk_chart_model_get_values     (FbkChartModel *self,
                                                           guint          series);
const double             *_fbk_chart_model_get_tops       (FbkChartModel *self,
                                                           guint          series);
const guint8             *_fbk_chart_model_get_flags      (FbkChartModel *self,
                                                           guint          series);
const FbkChartDecimation *_fbk_chart_model_get_decimation (FbkChartModel *self,
                                                           guint          buckets_per_column);
double                    _fbk_chart_model_position       (FbkChartModel *self,
                                                           FbkInstant     instant);
void                      _fbk_chart_model_span           (FbkChartModel          *self,
                                                           const FbkChartViewport *viewport,
                                                           double                 *out_from,
                                                           double                 *out_to);

G_END_DECLS
