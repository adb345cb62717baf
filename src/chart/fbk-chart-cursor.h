/* fbk-chart-cursor.h: the keyboard's place on a chart, one bar at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fbk-chart-model.h"

G_BEGIN_DECLS

typedef enum
{
  FBK_CHART_CURSOR_PREVIOUS,
  FBK_CHART_CURSOR_NEXT,
  FBK_CHART_CURSOR_PAGE_BACK,
  FBK_CHART_CURSOR_PAGE_FORWARD,
  FBK_CHART_CURSOR_FIRST,
  FBK_CHART_CURSOR_LAST,
} FbkChartCursorMove;

gboolean fbk_chart_cursor_move     (guint              *bucket,
                                    guint               n_buckets,
                                    guint               page,
                                    FbkChartCursorMove  move);
char    *fbk_chart_cursor_describe (FbkChartModel      *model,
                                    guint               bucket);
void     fbk_chart_cursor_snapshot (GtkSnapshot           *snapshot,
                                    const graphene_rect_t *column,
                                    const GdkRGBA         *accent);

G_END_DECLS
