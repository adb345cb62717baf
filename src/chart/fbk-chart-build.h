/* fbk-chart-build.h: the chart of some meters over a period, for the
 * window's export and forbruk-cli alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-chart-model.h"
#include "fbk-series.h"

G_BEGIN_DECLS

/* How the meters' values are drawn. */
typedef enum
{
  FBK_CHART_SHOW_STACKED_BARS,  /* the meters' bars on one another: the window's chart */
  FBK_CHART_SHOW_BARS,          /* each series' bars from the axis, later ones in front */
  FBK_CHART_SHOW_CELLS,         /* the meters' hours summed on a day × hour grid (hourly only) */
  FBK_CHART_SHOW_WEEKDAY_CELLS, /* the same, averaged per weekday and clock hour (hourly only) */
} FbkChartShow;

typedef struct
{
  FbkResolution                resolution;
  FbkInstant                   from;
  FbkInstant                   to;   /* exclusive */
  FbkChartShow                 show;
  /* Where values cannot be in yet, when no series has any; else the
   * newest value tells. FBK_INSTANT_INVALID: after the period. */
  FbkInstant                   now;

  /* (nullable) The same meters over an earlier period, drawn over the
   * bars bucket by bucket: their total in the direction shown, as a line
   * or the outlines of bars, lined up on the calendar with the buckets
   * from @compare_from on (fbk-compare.h: whole days back by day, hour
   * or week; whole months by month or year), each cut as its bucket is. */
  FbkSeries * const           *compare;
  guint                        n_compare;
  FbkInstant                   compare_from;
  const char                  *compare_label;
  FbkChartOverlayStyle         compare_style;

  /* A line of consumption less production per bucket, for meters that
   * produce. */
  gboolean                     net;

  /* (nullable) Lines across the chart, e.g. capacity steps' limits. */
  const FbkChartReferenceLine *references;
  guint                        n_references;
} FbkChartBuildOptions;

void           fbk_chart_build_options_init (FbkChartBuildOptions        *options,
                                             FbkResolution                resolution,
                                             FbkInstant                   from,
                                             FbkInstant                   to);

FbkChartModel *fbk_chart_build_model        (FbkSeries * const           *series,
                                             const char * const          *names,
                                             guint                        n_series,
                                             FbkResolution                resolution,
                                             FbkInstant                   from,
                                             FbkInstant                   to);
FbkChartModel *fbk_chart_build_model_full   (FbkSeries * const           *series,
                                             const char * const          *names,
                                             guint                        n_series,
                                             const FbkChartBuildOptions  *options);
char          *fbk_chart_build_title        (const char                  *subject,
                                             FbkResolution                resolution,
                                             FbkInstant                   from,
                                             FbkInstant                   to);
char          *fbk_chart_build_file_name    (const char * const          *metering_point_ids,
                                             FbkInstant                   from,
                                             FbkInstant                   to,
                                             const char                  *extension);

G_END_DECLS
