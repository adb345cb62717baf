/* fbk-chart-text.h: the chart's fonts and text, measured alike on every
 * surface (internal to src/chart)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "fbk-chart-style.h"

G_BEGIN_DECLS

typedef struct
{
  PangoContext         *context;
  PangoFontDescription *font;
  PangoFontDescription *title_font;
  double                line_height;
  double                swatch;       /* the side of a legend swatch */
} FbkChartText;

void         fbk_chart_text_init       (FbkChartText               *text,
                                        const PangoFontDescription *font);
void         fbk_chart_text_clear      (FbkChartText               *text);
PangoLayout *fbk_chart_text_new_layout (const FbkChartText         *text,
                                        const PangoFontDescription *font,
                                        const char                 *string);
void         fbk_chart_text_size       (PangoLayout                *layout,
                                        double                     *out_width,
                                        double                     *out_height);
double       fbk_chart_text_width      (PangoLayout                *layout);
void         fbk_chart_text_show       (cairo_t                    *cr,
                                        PangoLayout                *layout,
                                        double                      x,
                                        double                      y,
                                        const FbkChartColor        *color);

G_END_DECLS
