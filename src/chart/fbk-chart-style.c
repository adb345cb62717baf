/* fbk-chart-style.c: colours, font and scale a chart is drawn with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-style"

#include "config.h"

#include "fbk-chart-style.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

G_DEFINE_ENUM_TYPE (FbkChartTheme, fbk_chart_theme,
  G_DEFINE_ENUM_VALUE (FBK_CHART_THEME_LIGHT, "light"),
  G_DEFINE_ENUM_VALUE (FBK_CHART_THEME_DARK, "dark"))

/* From the GNOME palette: the darker shades on light backgrounds and the
 * lighter ones on dark, so each keeps its contrast with the background
 * while the hues, and so the meaning, stay the same. */
static const FbkChartPalette palettes[] = {
  [FBK_CHART_THEME_LIGHT] = {
    .background = RGB (0xffffff),
    .foreground = RGB (0x241f31),
    .dim_foreground = RGB (0x5e5c64),
    .grid = RGB (0xdeddda),
    .axis = RGB (0x77767b),
    .reference = RGB (0xc01c28),
    .consumption = { RGB (0x1c71d8), RGB (0x813d9c), RGB (0xc64600), RGB (0x865e3c), RGB (0xa51d2d), RGB (0x5e5c64) },
    .production = { RGB (0x26a269), RGB (0xc88800), RGB (0x0f7b6c), RGB (0x6a8a00), RGB (0x3a944a), RGB (0x9141ac) },
  },
  [FBK_CHART_THEME_DARK] = {
    .background = RGB (0x1e1e1e),
    .foreground = RGB (0xffffff),
    .dim_foreground = RGB (0xc0bfbc),
    .grid = RGB (0x3d3846),
    .axis = RGB (0x9a9996),
    .reference = RGB (0xff7b63),
    .consumption = { RGB (0x62a0ea), RGB (0xc061cb), RGB (0xffa348), RGB (0xcdab8f), RGB (0xf66151), RGB (0xdeddda) },
    .production = { RGB (0x57e389), RGB (0xf8e45c), RGB (0x5ee0c8), RGB (0xc0e060), RGB (0x8ff0a4), RGB (0xdc8add) },
  },
};

void
fbk_chart_style_init (FbkChartStyle *style,
                      FbkChartTheme  theme)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (theme == FBK_CHART_THEME_LIGHT || theme == FBK_CHART_THEME_DARK);

  style->theme = theme;
  style->font = NULL;
  style->scale = 1.0;
  style->draw_background = TRUE;
}

const FbkChartPalette *
fbk_chart_style_get_palette (const FbkChartStyle *style)
{
  g_return_val_if_fail (style != NULL, &palettes[FBK_CHART_THEME_LIGHT]);

  return &palettes[style->theme == FBK_CHART_THEME_DARK ? FBK_CHART_THEME_DARK : FBK_CHART_THEME_LIGHT];
}

void
fbk_chart_style_get_series_color (const FbkChartStyle *style,
                                  FbkDirection         direction,
                                  guint                colour_slot,
                                  FbkChartColor       *out_color)
{
  const FbkChartPalette *palette = fbk_chart_style_get_palette (style);

  g_return_if_fail (out_color != NULL);

  if (direction == FBK_DIRECTION_PRODUCTION)
    *out_color = palette->production[colour_slot % FBK_CHART_N_COLOURS];
  else
    *out_color = palette->consumption[colour_slot % FBK_CHART_N_COLOURS];
}

void
fbk_chart_color_set_source (cairo_t             *cr,
                            const FbkChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/**
 * fbk_chart_color_mix:
 * @amount_of_b: 0 for @a, 1 for @b
 *
 * Returns: a colour between @a and @b, e.g. a series colour faded toward
 *   the background
 */
FbkChartColor
fbk_chart_color_mix (const FbkChartColor *a,
                     const FbkChartColor *b,
                     double               amount_of_b)
{
  FbkChartColor mixed = {
    a->red + (b->red - a->red) * amount_of_b,
    a->green + (b->green - a->green) * amount_of_b,
    a->blue + (b->blue - a->blue) * amount_of_b,
    a->alpha + (b->alpha - a->alpha) * amount_of_b,
  };

  return mixed;
}
