/* fbk-chart-layer.h: what a chart draws inside its frame, in layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-chart-types.h"

/* The model a layer draws (fbk-chart-model.h includes this header). */
typedef struct _FbkChartModel FbkChartModel;

G_BEGIN_DECLS

/* A layer is immutable once made, so models and their copies (an export
 * in a worker thread) share it. Each type lives in its own
 * fbk-chart-layer-*.c; a new one is a new file and its constructor here. */
typedef struct _FbkChartLayer FbkChartLayer;

#define FBK_TYPE_CHART_LAYER (fbk_chart_layer_get_type ())

GType          fbk_chart_layer_get_type (void) G_GNUC_CONST;
FbkChartLayer *fbk_chart_layer_ref      (FbkChartLayer *self);
void           fbk_chart_layer_unref    (FbkChartLayer *self);
const char    *fbk_chart_layer_get_name (FbkChartLayer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkChartLayer, fbk_chart_layer_unref)

/* fbk-chart-layer-bars.c */
FbkChartLayer *fbk_chart_bars_new         (guint series);

/* fbk-chart-layer-stacked.c */
FbkChartLayer *fbk_chart_stacked_bars_new (void);

/* fbk-chart-layer-overlay.c */
typedef enum
{
  FBK_CHART_OVERLAY_LINE,
  FBK_CHART_OVERLAY_GHOST_BARS,
} FbkChartOverlayStyle;

FbkChartLayer *fbk_chart_overlay_new      (const char           *label,
                                           FbkChartOverlayStyle  style,
                                           const double         *values,
                                           guint                 n_values);

/* One bucket of a comparison with an earlier period: the part of the
 * model's bucket values are expected for, and the part of the earlier
 * period lined up with it; each side's total there and the seconds of it
 * without a value. */
typedef struct
{
  FbkInstant now_from;         /* now_from == now_to: nothing to compare */
  FbkInstant now_to;
  double     now_value;        /* NAN where there is none */
  guint32    now_missing;
  FbkInstant from;             /* from == to: no such hours earlier */
  FbkInstant to;
  double     value;            /* NAN where there is none */
  guint32    missing;
} FbkChartOverlayBucket;

FbkChartLayer *fbk_chart_overlay_new_compared (const char                  *label,
                                               FbkChartOverlayStyle         style,
                                               const FbkChartOverlayBucket *buckets,
                                               guint                        n_buckets);
FbkChartLayer *fbk_chart_value_line_new       (const char                  *label,
                                               const double                *values,
                                               guint                        n_values);

/* fbk-chart-layer-reference.c */
typedef enum
{
  FBK_CHART_REFERENCE_MARK,   /* a figure of the data, e.g. an average: named in the legend */
  FBK_CHART_REFERENCE_LIMIT,  /* a threshold, e.g. a capacity step: named at the line */
} FbkChartReferenceKind;

typedef struct
{
  double                 value;  /* in the model's unit */
  const char            *label;  /* (nullable) */
  FbkChartReferenceKind  kind;
} FbkChartReferenceLine;

FbkChartLayer               *fbk_chart_reference_lines_new       (const FbkChartReferenceLine *lines,
                                                                  guint                        n_lines);
const FbkChartReferenceLine *fbk_chart_reference_lines_get_lines (FbkChartLayer               *self,
                                                                  guint                       *out_n_lines);

/* fbk-chart-layer-highlight.c */
FbkChartLayer *fbk_chart_highlight_new    (guint               series,
                                           const guint        *buckets,
                                           guint               n_buckets,
                                           const char         *label);
const guint   *fbk_chart_highlight_get_buckets (FbkChartLayer *self,
                                                guint         *out_n_buckets);

/* fbk-chart-layer-notes.c */
FbkChartLayer *fbk_chart_notes_new        (const char * const *notes,
                                           guint               n_notes);

/* fbk-chart-layer-cost.c */
FbkChartLayer *fbk_chart_cost_bars_new    (GArray *buckets);

/* fbk-chart-layer-cells.c */
FbkChartLayer *fbk_chart_cells_new          (guint series);
FbkChartLayer *fbk_chart_weekday_cells_new  (guint series);
gboolean       fbk_chart_cells_find_highest (FbkChartLayer *layer,
                                             FbkChartModel *model,
                                             FbkChartHit   *out_hit);

G_END_DECLS
