/* fbk-chart-text.c: the chart's fonts and text, measured alike on every
 * surface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-text"

#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "fbk-chart-text.h"

static PangoFontDescription *
scaled_font (const PangoFontDescription *font,
             double                      factor)
{
  PangoFontDescription *scaled = pango_font_description_copy (font);
  int size = pango_font_description_get_size (font);

  if (size <= 0)
    size = 10 * PANGO_SCALE;

  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (scaled, size * factor);
  else
    pango_font_description_set_size (scaled, (int) (size * factor));

  return scaled;
}

/**
 * fbk_chart_text_init:
 * @font: (nullable): the base font; NULL means "Sans 10"
 *
 * Unhinted metrics at a fixed resolution: text measures the same on every
 * surface, so a layout made once agrees with what any surface shows.
 */
void
fbk_chart_text_init (FbkChartText               *text,
                     const PangoFontDescription *font)
{
  g_autoptr(PangoFontDescription) default_font = NULL;
  cairo_font_options_t *options;
  PangoFontMetrics *metrics;

  text->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (text->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (text->context, 96.0);

  if (font == NULL)
    default_font = pango_font_description_from_string ("Sans 10");
  text->font = pango_font_description_copy (font != NULL ? font : default_font);
  text->title_font = scaled_font (text->font, 1.3);
  pango_font_description_set_weight (text->title_font, PANGO_WEIGHT_BOLD);

  metrics = pango_context_get_metrics (text->context, text->font, NULL);
  text->line_height = (double) pango_font_metrics_get_height (metrics) / PANGO_SCALE;
  if (text->line_height <= 0.0)
    text->line_height = (double) (pango_font_metrics_get_ascent (metrics) +
                                  pango_font_metrics_get_descent (metrics)) / PANGO_SCALE;
  pango_font_metrics_unref (metrics);

  text->swatch = round (text->line_height * 0.8);
}

void
fbk_chart_text_clear (FbkChartText *text)
{
  g_clear_pointer (&text->font, pango_font_description_free);
  g_clear_pointer (&text->title_font, pango_font_description_free);
  g_clear_object (&text->context);
}

/**
 * fbk_chart_text_new_layout:
 * @font: (nullable): NULL for the base font
 *
 * Returns: (transfer full): @string laid out in @font
 */
PangoLayout *
fbk_chart_text_new_layout (const FbkChartText         *text,
                           const PangoFontDescription *font,
                           const char                 *string)
{
  PangoLayout *layout = pango_layout_new (text->context);

  pango_layout_set_font_description (layout, font != NULL ? font : text->font);
  pango_layout_set_text (layout, string, -1);
  return layout;
}

void
fbk_chart_text_size (PangoLayout *layout,
                     double      *out_width,
                     double      *out_height)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  if (out_width != NULL)
    *out_width = (double) width / PANGO_SCALE;
  if (out_height != NULL)
    *out_height = (double) height / PANGO_SCALE;
}

double
fbk_chart_text_width (PangoLayout *layout)
{
  double width;

  fbk_chart_text_size (layout, &width, NULL);
  return width;
}

void
fbk_chart_text_show (cairo_t             *cr,
                     PangoLayout         *layout,
                     double               x,
                     double               y,
                     const FbkChartColor *color)
{
  fbk_chart_color_set_source (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}
