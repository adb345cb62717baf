/* fbk-chart-layer-overlay.c: another set of values over the bars, bucket
 * by bucket, e.g. the same meters a year earlier; as a line or as the
 * outlines of bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layer-overlay"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-bar-painter.h"
#include "fbk-chart-format.h"
#include "fbk-chart-legend.h"

#define LINE_WIDTH 2.0

typedef struct
{
  FbkChartLayer         parent;
  char                 *label;
  FbkChartOverlayStyle  style;
  double               *values;   /* per bucket of the model's grid; NAN where there is none */
  guint                 n_values;
} Overlay;

/* The largest value of buckets [first, end), or NAN if none has one. */
static double
peak (const Overlay *self,
      guint          first,
      guint          end)
{
  double peak = NAN;

  for (guint i = first; i < MIN (end, self->n_values); i++)
    {
      if (!isnan (self->values[i]) && (isnan (peak) || self->values[i] > peak))
        peak = self->values[i];
    }
  return peak;
}

static double
total (const Overlay *self,
       guint          first,
       guint          end)
{
  double sum = 0.0;

  for (guint i = first; i < MIN (end, self->n_values); i++)
    {
      if (!isnan (self->values[i]))
        sum += self->values[i];
    }
  return sum;
}

/* "Last year: 1234 kWh", or in kW its highest. */
static char *
summary_text (const Overlay *self,
              FbkChartModel *model,
              guint          first,
              guint          end)
{
  g_autofree char *amount = NULL;

  if (fbk_chart_model_get_unit (model) == FBK_CHART_UNIT_KW)
    {
      double highest = peak (self, first, end);

      amount = fbk_chart_format_value (isnan (highest) ? 0.0 : highest, FBK_CHART_UNIT_KW);
      return g_strdup_printf (C_("legend, power", "%s: up to %s"), self->label, amount);
    }

  amount = fbk_chart_format_value (total (self, first, end), FBK_CHART_UNIT_KWH);
  return g_strdup_printf (C_("legend, energy", "%s: %s"), self->label, amount);
}

static void
set_line (cairo_t              *cr,
          const FbkChartLayout *layout)
{
  fbk_chart_color_set_source (cr, &layout->palette->foreground);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
}

static void
overlay_extents (FbkChartLayer        *layer,
                 const FbkChartLayout *layout,
                 double               *lo,
                 double               *hi)
{
  double highest = peak ((Overlay *) layer, layout->first, layout->end);

  if (!isnan (highest))
    *hi = MAX (*hi, highest);
}

static void
overlay_legend (FbkChartLayer  *layer,
                FbkChartLayout *layout)
{
  g_autofree char *text = summary_text ((Overlay *) layer, layout->model, layout->first, layout->end);

  fbk_chart_legend_add (layout, FBK_CHART_LEGEND_SERIES, layer, 0, 0.0, text);
}

static void
overlay_draw_swatch (FbkChartLayer        *layer,
                     const FbkChartLayout *layout,
                     guint                 index,
                     FbkChartCanvas       *canvas,
                     double                x,
                     double                y)
{
  Overlay *self = (Overlay *) layer;
  cairo_rectangle_t box;

  fbk_chart_legend_swatch_box (layout, x, y, layout->text.swatch, &box);
  cairo_save (canvas->cr);
  set_line (canvas->cr, layout);
  if (self->style == FBK_CHART_OVERLAY_LINE)
    {
      cairo_move_to (canvas->cr, box.x, box.y + box.height / 2);
      cairo_line_to (canvas->cr, box.x + box.width, box.y + box.height / 2);
    }
  else
    cairo_rectangle (canvas->cr, box.x + LINE_WIDTH / 2, box.y + LINE_WIDTH / 2,
                     box.width - LINE_WIDTH, box.height - LINE_WIDTH);
  cairo_stroke (canvas->cr);
  cairo_restore (canvas->cr);
}

/* Bucket by bucket, or, with min/max columns under it, each column's
 * highest: the peaks the bars show are the ones compared. */
static void
overlay_draw (FbkChartLayer        *layer,
              const FbkChartLayout *layout,
              FbkChartCanvas       *canvas)
{
  Overlay *self = (Overlay *) layer;
  guint k = MAX (layout->buckets_per_column, 1);
  double base = _fbk_chart_layout_y_of_value (layout, 0.0);
  cairo_t *cr = canvas->cr;
  gboolean drawing = FALSE;

  cairo_save (cr);
  cairo_rectangle (cr, layout->plot.x, layout->plot.y, layout->plot.width, layout->plot.height);
  cairo_clip (cr);
  set_line (cr, layout);
  cairo_new_path (cr);

  for (guint first = layout->first / k * k; first < layout->end; first += k)
    {
      double value = peak (self, first, first + k);
      double x0, x1, y;

      if (isnan (value))
        {
          drawing = FALSE;
          continue;
        }

      fbk_chart_bar_x_extent (layout, first, &x0, &x1);
      y = _fbk_chart_layout_snap (layout, _fbk_chart_layout_y_of_value (layout, value));
      if (self->style == FBK_CHART_OVERLAY_GHOST_BARS)
        {
          /* Inside the bar's own extent, so the outline covers it exactly. */
          if (base - y > LINE_WIDTH)
            cairo_rectangle (cr, x0 + LINE_WIDTH / 2, y + LINE_WIDTH / 2, x1 - x0 - LINE_WIDTH, base - y - LINE_WIDTH);
          else
            {
              cairo_move_to (cr, x0, y);
              cairo_line_to (cr, x1, y);
            }
        }
      else if (drawing)
        cairo_line_to (cr, (x0 + x1) / 2, y);
      else
        {
          cairo_move_to (cr, (x0 + x1) / 2, y);
          /* A value alone between gaps still shows, as a dash. */
          cairo_rel_line_to (cr, 0.0, 0.0);
          drawing = TRUE;
        }
    }

  if (self->style == FBK_CHART_OVERLAY_LINE)
    cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
overlay_describe (FbkChartLayer *layer,
                  FbkChartModel *model,
                  guint          first,
                  guint          end,
                  GString       *text)
{
  g_autofree char *summary = summary_text ((Overlay *) layer, model, first, end);

  g_string_append_c (text, ' ');
  /* Translators: a sentence of a chart's description about the values
   * drawn over its bars for comparison, "Compared with Last year: 1234 kWh." */
  g_string_append_printf (text, _("Compared with %s."), summary);
}

static void
overlay_describe_hit (FbkChartLayer     *layer,
                      FbkChartModel     *model,
                      const FbkChartHit *hit,
                      GString           *text)
{
  Overlay *self = (Overlay *) layer;
  g_autofree char *value = NULL;

  if (hit->bucket >= self->n_values || isnan (self->values[hit->bucket]))
    return;

  value = fbk_chart_format_value (self->values[hit->bucket], fbk_chart_model_get_unit (model));
  g_string_append_c (text, '\n');
  /* Translators: a tooltip line, the value compared with: "Last year: 1.2 kWh" */
  g_string_append_printf (text, C_("tooltip, overlay", "%s: %s"), self->label, value);
}

static void
overlay_finalize (FbkChartLayer *layer)
{
  Overlay *self = (Overlay *) layer;

  g_free (self->label);
  g_free (self->values);
}

static const FbkChartLayerClass overlay_class = {
  .name = "overlay",
  .frame = FBK_CHART_FRAME_TIMELINE,
  .finalize = overlay_finalize,
  .extents = overlay_extents,
  .legend = overlay_legend,
  .draw_swatch = overlay_draw_swatch,
  .draw = overlay_draw,
  .describe = overlay_describe,
  .describe_hit = overlay_describe_hit,
};

/**
 * fbk_chart_overlay_new:
 * @label: what the values are, e.g. "Same days last year"
 * @values: (array length=n_values): one per bucket of the model's grid,
 *   in its unit, NAN where there is none (missing is not zero); copied
 *
 * Values to compare with the bars, drawn over them in the foreground
 * colour: a line through the buckets' middles, or the outlines of bars of
 * the same width. Buckets past @n_values have none.
 *
 * Returns: (transfer full): a new layer
 */
FbkChartLayer *
fbk_chart_overlay_new (const char           *label,
                       FbkChartOverlayStyle  style,
                       const double         *values,
                       guint                 n_values)
{
  Overlay *self;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (values != NULL || n_values == 0, NULL);

  self = _fbk_chart_layer_new (&overlay_class, sizeof (Overlay));
  self->label = g_strdup (label);
  self->style = style;
  self->values = g_memdup2 (values, sizeof (double) * n_values);
  self->n_values = n_values;
  return &self->parent;
}
