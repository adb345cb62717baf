/* fbk-chart-style.h: colours, font and scale a chart is drawn with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "fbk-chart-types.h"
#include "fbk-series.h"

G_BEGIN_DECLS

#define FBK_CHART_N_COLOURS 6

typedef struct
{
  FbkChartColor background;
  FbkChartColor foreground;
  FbkChartColor dim_foreground;
  FbkChartColor grid;
  FbkChartColor axis;
  FbkChartColor reference;
  /* Consumption in blues, purples and warm reds; production in greens and
   * yellows, and drawn below the axis, so direction never rests on hue
   * alone. */
  FbkChartColor consumption[FBK_CHART_N_COLOURS];
  FbkChartColor production[FBK_CHART_N_COLOURS];
} FbkChartPalette;

typedef struct
{
  FbkChartTheme               theme;
  /* (nullable): the base font, borrowed; NULL means "Sans 10" */
  const PangoFontDescription *font;
  /* Device pixels per unit of width and height (2 on a HiDPI screen or a
   * 2× PNG): hairlines and bar edges snap to device pixels, and there is
   * one min/max column per device pixel. */
  double                      scale;
  /* FALSE leaves the background to the caller, e.g. a widget drawing on
   * its own themed background. */
  gboolean                    draw_background;
} FbkChartStyle;

void                   fbk_chart_style_init             (FbkChartStyle       *style,
                                                         FbkChartTheme        theme);
const FbkChartPalette *fbk_chart_style_get_palette      (const FbkChartStyle *style);
void                   fbk_chart_style_get_series_color (const FbkChartStyle *style,
                                                         FbkDirection         direction,
                                                         guint                colour_slot,
                                                         FbkChartColor       *out_color);

void                   fbk_chart_color_set_source       (cairo_t             *cr,
                                                         const FbkChartColor *color);
FbkChartColor          fbk_chart_color_mix              (const FbkChartColor *a,
                                                         const FbkChartColor *b,
                                                         double               amount_of_b);

G_END_DECLS
