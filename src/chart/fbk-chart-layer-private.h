/* fbk-chart-layer-private.h: the interface every layer implements
 * (internal to src/chart)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "fbk-chart-layer.h"
#include "fbk-chart-layout.h"
#include "fbk-chart-model.h"

G_BEGIN_DECLS

/* The frame a layer draws in: time across and values up (bars, lines),
 * or clock hours across and days (or weekdays) down (cells). A chart's
 * layers share one; a layer of a grid kind makes the chart one. */
typedef enum
{
  FBK_CHART_FRAME_TIMELINE,
  FBK_CHART_FRAME_DAY_BY_HOUR,
  FBK_CHART_FRAME_WEEKDAY_BY_HOUR,  /* seven rows, Monday first */
} FbkChartFrame;

/* What one rendering draws with: the context, and the stripes that mark
 * values not yet verified, made like the target surface. */
typedef struct
{
  cairo_t         *cr;
  cairo_pattern_t *hatch;
} FbkChartCanvas;

/* Every hook may be NULL for "nothing to add". Layers hold no state of a
 * layout: each call works from the layout's frame and the model. */
typedef struct
{
  const char    *name;
  FbkChartFrame  frame;

  void     (*finalize)     (FbkChartLayer        *self);
  /* Widens [*lo, *hi] to the values this layer draws over the visible
   * buckets, as they map onto the value axis. */
  void     (*extents)      (FbkChartLayer        *self,
                            const FbkChartLayout *layout,
                            double               *lo,
                            double               *hi);
  /* Adds legend entries (fbk_chart_legend_add()) ... */
  void     (*legend)       (FbkChartLayer        *self,
                            FbkChartLayout       *layout);
  /* ... and draws the swatch of entry @index in the legend row at @x, @y. */
  void     (*draw_swatch)  (FbkChartLayer        *self,
                            const FbkChartLayout *layout,
                            guint                 index,
                            FbkChartCanvas       *canvas,
                            double                x,
                            double                y);
  void     (*draw)         (FbkChartLayer        *self,
                            const FbkChartLayout *layout,
                            FbkChartCanvas       *canvas);
  gboolean (*hit_test)     (FbkChartLayer        *self,
                            const FbkChartLayout *layout,
                            double                x,
                            double                y,
                            FbkChartHit          *out_hit);
  /* Where @series' value at @bucket is drawn, if this layer draws it. */
  gboolean (*bucket_rect)  (FbkChartLayer        *self,
                            const FbkChartLayout *layout,
                            guint                 series,
                            guint                 bucket,
                            cairo_rectangle_t    *out_rect);
  /* Sentences for the accessible description of buckets [first, end) ... */
  void     (*describe)     (FbkChartLayer        *self,
                            FbkChartModel        *model,
                            guint                 first,
                            guint                 end,
                            GString              *text);
  /* ... and lines for the tooltip of a hit. */
  void     (*describe_hit) (FbkChartLayer        *self,
                            FbkChartModel        *model,
                            const FbkChartHit    *hit,
                            GString              *text);
  /* Appends to the header's totals of the visible buckets, e.g. the
   * change from an earlier period. */
  void     (*add_to_summary) (FbkChartLayer        *self,
                              const FbkChartLayout *layout,
                              GString              *text);
  /* The header's totals of the visible buckets, where the layer knows
   * better than the sum of the series (a bill: kWh and kr together). */
  char    *(*summarize)    (FbkChartLayer        *self,
                            const FbkChartLayout *layout);
} FbkChartLayerClass;

struct _FbkChartLayer
{
  const FbkChartLayerClass *klass;
  gatomicrefcount           ref_count;
};

gpointer      _fbk_chart_layer_new       (const FbkChartLayerClass *klass,
                                         gsize                     instance_size);
/* fbk-chart-layer-gaps.c: drawn under the layers of a timeline that
 * expects values (_fbk_chart_layers_drawn()) */
FbkChartLayer *_fbk_chart_gaps_new      (void);
GPtrArray    *_fbk_chart_layers_drawn    (FbkChartModel            *model);
FbkChartFrame _fbk_chart_layers_frame    (GPtrArray                *layers);

/* The sentence fbk_chart_describe() gives each series: total, peak and
 * values not yet verified over [first, end). */
void     _fbk_chart_describe_series (GString       *text,
                                     FbkChartModel *model,
                                     guint          series,
                                     guint          first,
                                     guint          end);
/* "Tuesdays, 17:00–18:00": what an average of hours is of. */
char    *_fbk_chart_describe_averaged_hour (FbkInstant start);

G_END_DECLS
