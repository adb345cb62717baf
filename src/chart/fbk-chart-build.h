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
  FBK_CHART_SHOW_CELLS,         /* the first series' hours on a day × hour grid (hourly only) */
} FbkChartShow;

typedef struct
{
  FbkResolution                resolution;
  FbkInstant                   from;
  FbkInstant                   to;   /* exclusive */
  FbkChartShow                 show;

  /* (nullable) The same meters over an earlier period, drawn over the
   * bars bucket by bucket from @compare_from: their total in the
   * direction shown, as a line or the outlines of bars. */
  FbkSeries * const           *compare;
  guint                        n_compare;
  FbkInstant                   compare_from;
  const char                  *compare_label;
  FbkChartOverlayStyle         compare_style;

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
