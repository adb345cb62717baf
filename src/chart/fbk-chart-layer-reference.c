/* fbk-chart-layer-reference.c: horizontal lines at given values, such as
 * an average or a capacity step's limit, with what they are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layer-reference"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-chart-format.h"
#include "fbk-chart-layout-private.h"
#include "fbk-chart-legend.h"

#define LINE_WIDTH    1.5
#define LABEL_PADDING 3.0

typedef struct
{
  FbkChartLayer          parent;
  FbkChartReferenceLine *lines;
  guint                  n_lines;
} ReferenceLines;

static const double mark_dashes[] = { 6.0, 4.0 };
static const double mark_swatch_dashes[] = { 4.0, 2.0 };
static const double limit_dashes[] = { 2.0, 3.0 };

/* "Top-3 average: 5.2 kW", or the value alone. */
static char *
line_text (const FbkChartReferenceLine *line,
           FbkChartModel               *model)
{
  g_autofree char *value = fbk_chart_format_value (line->value, fbk_chart_model_get_unit (model));

  if (line->label == NULL)
    return g_steal_pointer (&value);

  /* Translators: a reference line and its value, "Top-3 average: 5.2 kW" */
  return g_strdup_printf (C_("legend, reference", "%s: %s"), line->label, value);
}

static void
set_line_style (cairo_t                     *cr,
                const FbkChartLayout        *layout,
                const FbkChartReferenceLine *line,
                gboolean                     swatch)
{
  fbk_chart_color_set_source (cr, line->kind == FBK_CHART_REFERENCE_MARK ? &layout->palette->reference
                                                                         : &layout->palette->axis);
  cairo_set_line_width (cr, LINE_WIDTH);
  if (line->kind == FBK_CHART_REFERENCE_LIMIT)
    cairo_set_dash (cr, limit_dashes, G_N_ELEMENTS (limit_dashes), 0.0);
  else if (swatch)
    cairo_set_dash (cr, mark_swatch_dashes, G_N_ELEMENTS (mark_swatch_dashes), 0.0);
  else
    cairo_set_dash (cr, mark_dashes, G_N_ELEMENTS (mark_dashes), 0.0);
}

static void
reference_extents (FbkChartLayer        *layer,
                   const FbkChartLayout *layout,
                   double               *lo,
                   double               *hi)
{
  ReferenceLines *self = (ReferenceLines *) layer;

  for (guint i = 0; i < self->n_lines; i++)
    {
      *lo = MIN (*lo, self->lines[i].value);
      *hi = MAX (*hi, self->lines[i].value);
    }
}

/* Marks are named in the legend; limits at their line. */
static void
reference_legend (FbkChartLayer  *layer,
                  FbkChartLayout *layout)
{
  ReferenceLines *self = (ReferenceLines *) layer;

  for (guint i = 0; i < self->n_lines; i++)
    {
      g_autofree char *text = NULL;

      if (self->lines[i].kind != FBK_CHART_REFERENCE_MARK)
        continue;

      text = line_text (&self->lines[i], layout->model);
      fbk_chart_legend_add (layout, FBK_CHART_LEGEND_GUIDE, layer, i, 0.0, text);
    }
}

static void
reference_draw_swatch (FbkChartLayer        *layer,
                       const FbkChartLayout *layout,
                       guint                 index,
                       FbkChartCanvas       *canvas,
                       double                x,
                       double                y)
{
  ReferenceLines *self = (ReferenceLines *) layer;
  cairo_t *cr = canvas->cr;

  cairo_save (cr);
  set_line_style (cr, layout, &self->lines[index], TRUE);
  cairo_move_to (cr, x, y + layout->text.line_height / 2);
  cairo_line_to (cr, x + layout->text.swatch, y + layout->text.line_height / 2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A limit's name sits at the right end of its line, above it, or below
 * it where the line runs along the top of the plot; on the background,
 * so it reads over bars. */
static void
draw_label (const FbkChartLayout        *layout,
            cairo_t                     *cr,
            const FbkChartReferenceLine *line,
            double                       y)
{
  g_autofree char *text = line_text (line, layout->model);
  g_autoptr(PangoLayout) label = fbk_chart_text_new_layout (&layout->text, NULL, text);
  double width, height, left, top;

  fbk_chart_text_size (label, &width, &height);
  left = layout->plot.x + layout->plot.width - FBK_CHART_SPACING / 2 - width;
  top = y - LINE_WIDTH - height;
  if (top < layout->plot.y)
    top = y + LINE_WIDTH;

  fbk_chart_color_set_source (cr, &layout->palette->background);
  cairo_rectangle (cr, left - LABEL_PADDING, top, width + 2 * LABEL_PADDING, height);
  cairo_fill (cr);
  fbk_chart_text_show (cr, label, left, top, &layout->palette->dim_foreground);
}

static void
reference_draw (FbkChartLayer        *layer,
                const FbkChartLayout *layout,
                FbkChartCanvas       *canvas)
{
  ReferenceLines *self = (ReferenceLines *) layer;
  cairo_t *cr = canvas->cr;

  for (guint i = 0; i < self->n_lines; i++)
    {
      const FbkChartReferenceLine *line = &self->lines[i];
      double y = _fbk_chart_layout_hairline (layout, _fbk_chart_layout_y_of_value (layout, line->value));

      cairo_save (cr);
      set_line_style (cr, layout, line, FALSE);
      cairo_move_to (cr, layout->plot.x, y);
      cairo_line_to (cr, layout->plot.x + layout->plot.width, y);
      cairo_stroke (cr);
      cairo_restore (cr);

      if (line->kind == FBK_CHART_REFERENCE_LIMIT)
        draw_label (layout, cr, line, y);
    }
}

static void
reference_describe (FbkChartLayer *layer,
                    FbkChartModel *model,
                    guint          first,
                    guint          end,
                    GString       *text)
{
  ReferenceLines *self = (ReferenceLines *) layer;

  for (guint i = 0; i < self->n_lines; i++)
    {
      const FbkChartReferenceLine *line = &self->lines[i];
      g_autofree char *value = fbk_chart_format_value (line->value, fbk_chart_model_get_unit (model));

      g_string_append_c (text, ' ');
      if (line->label != NULL)
        /* Translators: "Reference line: Top-3 average, 5.2 kW." */
        g_string_append_printf (text, _("Reference line: %s, %s."), line->label, value);
      else
        g_string_append_printf (text, _("Reference line at %s."), value);
    }
}

static void
reference_finalize (FbkChartLayer *layer)
{
  ReferenceLines *self = (ReferenceLines *) layer;

  for (guint i = 0; i < self->n_lines; i++)
    g_free ((char *) self->lines[i].label);
  g_free (self->lines);
}

static const FbkChartLayerClass reference_class = {
  .name = "reference-lines",
  .frame = FBK_CHART_FRAME_TIMELINE,
  .finalize = reference_finalize,
  .extents = reference_extents,
  .legend = reference_legend,
  .draw_swatch = reference_draw_swatch,
  .draw = reference_draw,
  .describe = reference_describe,
};

/**
 * fbk_chart_reference_lines_new:
 * @lines: (array length=n_lines): the lines, copied
 *
 * Dashed lines across the plot at the lines' values, which the value
 * axis always includes. A mark (an average) is drawn in the reference
 * colour and named in the legend; a limit (a capacity step) in the axis
 * colour and named at its right end.
 *
 * Returns: (transfer full): a new layer
 */
FbkChartLayer *
fbk_chart_reference_lines_new (const FbkChartReferenceLine *lines,
                               guint                        n_lines)
{
  ReferenceLines *self;

  g_return_val_if_fail (lines != NULL || n_lines == 0, NULL);

  self = _fbk_chart_layer_new (&reference_class, sizeof (ReferenceLines));
  self->lines = g_new0 (FbkChartReferenceLine, MAX (n_lines, 1));
  self->n_lines = n_lines;
  for (guint i = 0; i < n_lines; i++)
    {
      self->lines[i] = lines[i];
      self->lines[i].label = g_strdup (lines[i].label);
    }

  return &self->parent;
}

/**
 * fbk_chart_reference_lines_get_lines:
 * @out_n_lines: (out): how many
 *
 * Returns: (array length=out_n_lines) (transfer none): the lines, as
 *   given to fbk_chart_reference_lines_new()
 */
const FbkChartReferenceLine *
fbk_chart_reference_lines_get_lines (FbkChartLayer *self,
                                     guint         *out_n_lines)
{
  g_return_val_if_fail (self != NULL && self->klass == &reference_class, NULL);
  g_return_val_if_fail (out_n_lines != NULL, NULL);

  *out_n_lines = ((ReferenceLines *) self)->n_lines;
  return ((ReferenceLines *) self)->lines;
}
