/* fbk-chart-legend.c: the legend under a chart, from its layers' entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-legend"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-legend.h"

#define LEGEND_GAP 18.0

/**
 * fbk_chart_legend_add:
 * @layer: the layer whose draw_swatch hook draws the entry's swatch
 * @swatch_width: 0 for a square swatch
 *
 * Adds an entry after those of the same or an earlier rank.
 */
void
fbk_chart_legend_add (FbkChartLayout     *layout,
                      FbkChartLegendRank  rank,
                      FbkChartLayer      *layer,
                      guint               index,
                      double              swatch_width,
                      const char         *text)
{
  FbkChartLegendEntry entry = {
    rank, layer, index, swatch_width > 0.0 ? swatch_width : layout->text.swatch,
    fbk_chart_text_new_layout (&layout->text, NULL, text), 0.0, 0.0,
  };
  guint position = layout->legend->len;

  while (position > 0 && g_array_index (layout->legend, FbkChartLegendEntry, position - 1).rank > rank)
    position--;
  g_array_insert_val (layout->legend, position, entry);
}

/**
 * fbk_chart_legend_add_unverified:
 *
 * Explains the stripes on values the grid company has not verified yet,
 * once however many layers show some.
 */
void
fbk_chart_legend_add_unverified (FbkChartLayout *layout)
{
  for (guint i = 0; i < layout->legend->len; i++)
    {
      if (g_array_index (layout->legend, FbkChartLegendEntry, i).layer == NULL)
        return;
    }

  /* Translators: legend entry for the striped bars */
  fbk_chart_legend_add (layout, FBK_CHART_LEGEND_NOTE, NULL, 0, 0.0, _("Not yet verified by the grid company"));
}

/**
 * fbk_chart_legend_arrange:
 *
 * Lays the entries out in rows from the left, wrapping at the chart's
 * width.
 *
 * Returns: the legend's height
 */
double
fbk_chart_legend_arrange (FbkChartLayout *layout)
{
  double x = FBK_CHART_MARGIN;
  double y = 0.0;
  double row_height = 0.0;
  guint rows = 0;

  for (guint i = 0; i < layout->legend->len; i++)
    {
      FbkChartLegendEntry *entry = &g_array_index (layout->legend, FbkChartLegendEntry, i);
      double text_room = MAX (0.0, layout->width - 2 * FBK_CHART_MARGIN - entry->swatch_width - FBK_CHART_SPACING / 2);
      double entry_width;

      double entry_height;

      /* Wider than a row (a long name, or an earlier period's dates and
       * totals on a phone): on two lines, then shortened in the middle, so
       * the total at its end stays readable. */
      if (fbk_chart_text_width (entry->text) > text_room)
        {
          pango_layout_set_width (entry->text, (int) (text_room * PANGO_SCALE));
          pango_layout_set_wrap (entry->text, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (entry->text, -2);
          pango_layout_set_ellipsize (entry->text, PANGO_ELLIPSIZE_MIDDLE);
        }
      entry_width = entry->swatch_width + FBK_CHART_SPACING / 2 + fbk_chart_text_width (entry->text);
      entry_height = layout->text.line_height * pango_layout_get_line_count (entry->text);

      if (rows == 0)
        rows = 1;
      else if (x + entry_width > layout->width - FBK_CHART_MARGIN && x > FBK_CHART_MARGIN)
        {
          x = FBK_CHART_MARGIN;
          y += row_height + layout->text.line_height * 0.3;
          row_height = 0.0;
          rows++;
        }

      entry->x = x;
      entry->y = y;
      x += entry_width + LEGEND_GAP;
      row_height = MAX (row_height, entry_height);
    }

  return rows > 0 ? y + row_height : 0.0;
}

/**
 * fbk_chart_legend_swatch_box:
 * @x: where the entry starts
 * @y: the top of its row
 *
 * The box a swatch @width wide fills in a legend row: as high as a
 * square swatch, centred on the text.
 */
void
fbk_chart_legend_swatch_box (const FbkChartLayout *layout,
                             double                x,
                             double                y,
                             double                width,
                             cairo_rectangle_t    *out_box)
{
  double inset = round ((layout->text.line_height - layout->text.swatch) / 2);

  *out_box = (cairo_rectangle_t) { x, y + inset, width, layout->text.swatch };
}

void
fbk_chart_legend_draw (const FbkChartLayout *layout,
                       FbkChartCanvas       *canvas)
{
  for (guint i = 0; i < layout->legend->len; i++)
    {
      const FbkChartLegendEntry *entry = &g_array_index (layout->legend, FbkChartLegendEntry, i);
      double y = layout->legend_y + entry->y;

      if (entry->layer == NULL)
        {
          cairo_rectangle_t box;

          fbk_chart_legend_swatch_box (layout, entry->x, y, entry->swatch_width, &box);
          cairo_rectangle (canvas->cr, box.x, box.y, box.width, box.height);
          fbk_chart_color_set_source (canvas->cr, &layout->palette->dim_foreground);
          cairo_fill_preserve (canvas->cr);
          cairo_set_source (canvas->cr, canvas->hatch);
          cairo_fill (canvas->cr);
        }
      else if (entry->layer->klass->draw_swatch != NULL)
        entry->layer->klass->draw_swatch (entry->layer, layout, entry->index, canvas, entry->x, y);

      fbk_chart_text_show (canvas->cr, entry->text, entry->x + entry->swatch_width + FBK_CHART_SPACING / 2, y,
                           &layout->palette->foreground);
    }
}
