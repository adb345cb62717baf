/* fbk-chart-renderer.c: the one drawing path, for the widget and for export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "fbk-chart-axis.h"
#include "fbk-chart-format.h"
#include "fbk-chart-model-private.h"
#include "fbk-chart-renderer.h"

/* Lengths in units of width and height (logical pixels). */
#define MARGIN         12.0
#define SPACING        8.0
#define TICK_LENGTH    4.0
#define LEGEND_GAP     18.0
#define HATCH_SPACING  6.0
#define HATCH_WIDTH    2.0
#define HIT_SLACK      3.0
/* Share of a bucket's width left empty between bars, once bars are wide
 * enough (in device pixels) for a gap to read as one. */
#define BAR_GAP        0.15
#define MIN_GAPPED_BAR 4.0
/* How far a min/max column's range band is faded toward the background. */
#define RANGE_FADE     0.55

typedef enum
{
  LEGEND_SERIES,
  LEGEND_UNVERIFIED,
  LEGEND_REFERENCE,
} LegendKind;

typedef struct
{
  LegendKind   kind;
  guint        series;
  PangoLayout *layout;
  double       x;
  double       y;
} LegendItem;

/* Everything one frame needs, computed the same way for drawing and for
 * hit testing. */
typedef struct
{
  FbkChartModel            *model;
  const FbkChartStyle      *style;
  const FbkChartPalette    *palette;
  double                    width;
  double                    height;
  double                    scale;

  PangoContext             *context;
  PangoFontDescription     *font;
  PangoFontDescription     *title_font;
  double                    line_height;

  const FbkInstant         *edges;
  guint                     n_buckets;
  guint                     n_series;
  double                    u0;        /* the viewport on the bucket grid */
  double                    u1;
  guint                     first;     /* buckets at least partly visible */
  guint                     end;
  guint                     lanes;     /* bars side by side per bucket */
  guint                    *lane;      /* per series: its place among them */
  gboolean                  stacked;
  gboolean                  production_below;  /* under the axis, mirroring consumption */
  const FbkChartDecimation *decimation;  /* NULL: one bar per bucket */
  int                      *below;     /* per series, the one stacked under it, or -1 */

  FbkChartTicks             ticks;
  double                    v_lo;
  double                    v_hi;
  GPtrArray                *tick_labels;

  cairo_rectangle_t         plot;
  double                    header_y;
  gboolean                  summary_below;  /* under the title, where they do not fit side by side */
  double                    unit_y;
  double                    legend_y;
  double                    swatch;
  PangoLayout              *title;
  PangoLayout              *summary;
  PangoLayout              *range;
  PangoLayout              *unit_label;
  GArray                   *legend;
} Frame;

/* Helpers */

static void
set_color (cairo_t             *cr,
           const FbkChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static FbkChartColor
mix (const FbkChartColor *a,
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

/* Bar edges on device pixel boundaries, so opaque bars have no
 * antialiased seams and cairo takes its fast path for aligned boxes. */
static double
snap (const Frame *frame,
      double       value)
{
  return round (value * frame->scale) / frame->scale;
}

/* The centre of a device pixel, for a one-pixel line. */
static double
hairline (const Frame *frame,
          double       value)
{
  return (floor (value * frame->scale) + 0.5) / frame->scale;
}

static PangoLayout *
make_layout (const Frame                *frame,
             const PangoFontDescription *font,
             const char                 *text)
{
  PangoLayout *layout = pango_layout_new (frame->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
layout_size (PangoLayout *layout,
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

static double
layout_width (PangoLayout *layout)
{
  double width;

  layout_size (layout, &width, NULL);
  return width;
}

static void
show_layout (cairo_t             *cr,
             PangoLayout         *layout,
             double               x,
             double               y,
             const FbkChartColor *color)
{
  set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static gboolean
model_has_direction (const Frame  *frame,
                     FbkDirection  direction)
{
  for (guint s = 0; s < frame->n_series; s++)
    {
      if (fbk_chart_model_get_series_direction (frame->model, s) == direction)
        return TRUE;
    }
  return FALSE;
}

static double
x_of_position (const Frame *frame,
               double       u)
{
  return frame->plot.x + (u - frame->u0) * frame->plot.width / (frame->u1 - frame->u0);
}

static double
x_of_instant (const Frame *frame,
              FbkInstant   instant)
{
  return x_of_position (frame, _fbk_chart_model_position (frame->model, instant));
}

/* Production values drawn below the axis map as negatives. */
static double
y_of_value (const Frame *frame,
            double       value)
{
  return frame->plot.y + (frame->v_hi - value) * frame->plot.height / (frame->v_hi - frame->v_lo);
}

static double
signed_value (const Frame *frame,
              guint        series,
              double       value)
{
  if (frame->production_below &&
      fbk_chart_model_get_series_direction (frame->model, series) == FBK_DIRECTION_PRODUCTION)
    return -value;
  return value;
}

/* Frame: header and legend */

static char *
series_legend_text (const Frame *frame,
                    guint        series)
{
  const char *label = fbk_chart_model_get_series_label (frame->model, series);
  g_autofree char *name = NULL;
  g_autofree char *amount = NULL;

  if (fbk_chart_model_get_series_direction (frame->model, series) == FBK_DIRECTION_PRODUCTION)
    /* Translators: a meter's name in the legend, for the energy it fed in */
    name = g_strdup_printf (_("%s (production)"), label);
  else
    name = g_strdup (label);

  if (fbk_chart_model_get_unit (frame->model) == FBK_CHART_UNIT_KW)
    {
      amount = fbk_chart_format_value (fbk_chart_model_get_series_max (frame->model, series, frame->first, frame->end),
                                       FBK_CHART_UNIT_KW);
      /* Translators: legend entry, a meter and its highest hour, "Home: up to 5.2 kW" */
      return g_strdup_printf (C_("legend, power", "%s: up to %s"), name, amount);
    }

  amount = fbk_chart_format_value (fbk_chart_model_get_total (frame->model, series, frame->first, frame->end),
                                   FBK_CHART_UNIT_KWH);
  /* Translators: legend entry, a meter and its total, "Home: 1,234 kWh" */
  return g_strdup_printf (C_("legend, energy", "%s: %s"), name, amount);
}

static char *
summary_text (const Frame *frame)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (frame->n_series == 0)
    return g_strdup ("");

  if (fbk_chart_model_get_unit (frame->model) == FBK_CHART_UNIT_KW)
    {
      g_autofree char *peak = fbk_chart_format_value (fbk_chart_model_get_max (frame->model, FBK_DIRECTION_CONSUMPTION,
                                                                               frame->first, frame->end),
                                                      FBK_CHART_UNIT_KW);

      /* Translators: the highest bar in view, "Highest 5.2 kW" */
      return g_strdup_printf (_("Highest %s"), peak);
    }

  for (int direction = FBK_DIRECTION_CONSUMPTION; direction <= FBK_DIRECTION_PRODUCTION; direction++)
    {
      g_autofree char *amount = NULL;
      double total = 0.0;

      if (!model_has_direction (frame, direction))
        continue;

      for (guint s = 0; s < frame->n_series; s++)
        {
          if (fbk_chart_model_get_series_direction (frame->model, s) == (FbkDirection) direction)
            total += fbk_chart_model_get_total (frame->model, s, frame->first, frame->end);
        }

      amount = fbk_chart_format_value (total, FBK_CHART_UNIT_KWH);
      if (text->len > 0)
        g_string_append (text, " · ");
      if (direction == FBK_DIRECTION_CONSUMPTION)
        /* Translators: total energy used in the visible period */
        g_string_append_printf (text, _("Used %s"), amount);
      else
        /* Translators: total energy fed into the grid in the visible period */
        g_string_append_printf (text, _("Produced %s"), amount);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
any_unverified (const Frame *frame)
{
  for (guint s = 0; s < frame->n_series; s++)
    {
      if (fbk_chart_model_count_unverified (frame->model, s, frame->first, frame->end) > 0)
        return TRUE;
    }
  return FALSE;
}

static void
add_legend_item (Frame      *frame,
                 LegendKind  kind,
                 guint       series,
                 const char *text)
{
  LegendItem item = { kind, series, make_layout (frame, frame->font, text), 0.0, 0.0 };

  g_array_append_val (frame->legend, item);
}

/* Lays the legend out in rows from the left, wrapping at the chart's
 * width; returns its height. */
static double
build_legend (Frame *frame)
{
  const char *reference_label;
  double reference;
  double x = MARGIN;
  double y = 0.0;
  guint rows = 0;

  for (guint s = 0; s < frame->n_series; s++)
    {
      g_autofree char *text = series_legend_text (frame, s);

      add_legend_item (frame, LEGEND_SERIES, s, text);
    }

  if (any_unverified (frame))
    /* Translators: legend entry for the striped bars */
    add_legend_item (frame, LEGEND_UNVERIFIED, 0, _("Not yet verified by the grid company"));

  if (fbk_chart_model_get_reference (frame->model, &reference, &reference_label))
    {
      g_autofree char *value = fbk_chart_format_value (reference, fbk_chart_model_get_unit (frame->model));
      g_autofree char *text = NULL;

      if (reference_label != NULL)
        /* Translators: legend entry for the reference line, "Top-3 average: 5.2 kW" */
        text = g_strdup_printf (C_("legend, reference", "%s: %s"), reference_label, value);
      else
        text = g_steal_pointer (&value);
      add_legend_item (frame, LEGEND_REFERENCE, 0, text);
    }

  for (guint i = 0; i < frame->legend->len; i++)
    {
      LegendItem *item = &g_array_index (frame->legend, LegendItem, i);
      double text_room = MAX (0.0, frame->width - 2 * MARGIN - frame->swatch - SPACING / 2);
      double item_width;

      /* Wider than a row (a long name on a phone): shortened in the middle,
       * so the total at its end stays readable. */
      if (layout_width (item->layout) > text_room)
        {
          pango_layout_set_width (item->layout, (int) (text_room * PANGO_SCALE));
          pango_layout_set_ellipsize (item->layout, PANGO_ELLIPSIZE_MIDDLE);
        }
      item_width = frame->swatch + SPACING / 2 + layout_width (item->layout);

      if (rows == 0)
        rows = 1;
      else if (x + item_width > frame->width - MARGIN && x > MARGIN)
        {
          x = MARGIN;
          y += frame->line_height * 1.3;
          rows++;
        }

      item->x = x;
      item->y = y;
      x += item_width + LEGEND_GAP;
    }

  return rows > 0 ? y + frame->line_height : 0.0;
}

/* Frame: value axis */

static void
build_value_axis (Frame *frame)
{
  FbkChartUnit unit = fbk_chart_model_get_unit (frame->model);
  double reference;
  double hi = fbk_chart_model_get_max (frame->model, FBK_DIRECTION_CONSUMPTION, frame->first, frame->end);
  double produced = fbk_chart_model_get_max (frame->model, FBK_DIRECTION_PRODUCTION, frame->first, frame->end);
  double lo = frame->production_below ? -produced : 0.0;
  guint max_ticks = (guint) MAX (2.0, floor (frame->plot.height / (frame->line_height * 2.0)) + 1);

  if (!frame->production_below)
    hi = MAX (hi, produced);
  if (fbk_chart_model_get_reference (frame->model, &reference, NULL))
    {
      hi = MAX (hi, reference);
      lo = MIN (lo, reference);
    }

  fbk_chart_nice_ticks (lo, hi, max_ticks, &frame->ticks);
  frame->v_lo = frame->ticks.first;
  frame->v_hi = frame->ticks.first + frame->ticks.step * (frame->ticks.n - 1);

  /* Below the axis the bars are production: label heights, not signs. */
  for (guint i = 0; i < frame->ticks.n; i++)
    {
      double value = frame->ticks.first + frame->ticks.step * i;
      g_autofree char *text = fbk_chart_format_number (fabs (value), frame->ticks.decimals);

      g_ptr_array_add (frame->tick_labels, make_layout (frame, frame->font, text));
    }

  frame->unit_label = make_layout (frame, frame->font, fbk_chart_unit_symbol (unit));
}

static void
choose_decimation (Frame *frame)
{
  double device_width = frame->plot.width * frame->scale;
  double buckets_per_pixel;
  guint buckets_per_column;

  if (frame->n_buckets == 0 || device_width < 1.0)
    return;

  /* Side by side, every series needs its own pixel in a column. */
  buckets_per_pixel = (frame->u1 - frame->u0) * frame->lanes / device_width;
  if (buckets_per_pixel <= 1.0)
    return;

  buckets_per_column = (guint) ceil (buckets_per_pixel - 1e-9);
  frame->decimation = _fbk_chart_model_get_decimation (frame->model, MAX (buckets_per_column, 1));
}

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

/* Unhinted metrics at a fixed resolution: text measures the same on every
 * surface, so hit tests agree with what any surface showed. */
static void
init_text (Frame               *frame,
           const FbkChartStyle *style)
{
  g_autoptr(PangoFontDescription) default_font = NULL;
  cairo_font_options_t *options;
  PangoFontMetrics *metrics;

  frame->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (frame->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (frame->context, 96.0);

  if (style->font == NULL)
    default_font = pango_font_description_from_string ("Sans 10");
  frame->font = pango_font_description_copy (style->font != NULL ? style->font : default_font);
  frame->title_font = scaled_font (frame->font, 1.3);
  pango_font_description_set_weight (frame->title_font, PANGO_WEIGHT_BOLD);

  metrics = pango_context_get_metrics (frame->context, frame->font, NULL);
  frame->line_height = (double) pango_font_metrics_get_height (metrics) / PANGO_SCALE;
  if (frame->line_height <= 0.0)
    frame->line_height = (double) (pango_font_metrics_get_ascent (metrics) +
                                   pango_font_metrics_get_descent (metrics)) / PANGO_SCALE;
  pango_font_metrics_unref (metrics);

  frame->swatch = round (frame->line_height * 0.8);
}

/* Which series stacks on which, and which lane each takes side by side.
 * Consumption and production never overlap (one is above the axis, one
 * below), so each direction numbers its own lanes. */
static void
init_series (Frame *frame)
{
  int below[2] = { -1, -1 };
  guint n_lanes[2] = { 0, 0 };

  frame->n_series = fbk_chart_model_get_n_series (frame->model);
  frame->stacked = fbk_chart_model_get_arrangement (frame->model) == FBK_CHART_ARRANGEMENT_STACKED;
  frame->below = g_new (int, MAX (frame->n_series, 1));
  frame->lane = g_new (guint, MAX (frame->n_series, 1));
  frame->lanes = 1;

  for (guint s = 0; s < frame->n_series; s++)
    {
      FbkDirection direction = fbk_chart_model_get_series_direction (frame->model, s);

      frame->below[s] = below[direction];
      below[direction] = (int) s;
      frame->lane[s] = frame->stacked ? 0 : n_lanes[direction]++;
      frame->lanes = MAX (frame->lanes, n_lanes[direction]);
    }

  /* Below the axis, production mirrors the consumption above it; a chart
   * of production alone (the window's Production view) stands upright
   * instead of hanging from an axis at the top. */
  frame->production_below = below[FBK_DIRECTION_CONSUMPTION] >= 0;
}

/* Title left, totals right, the visible range under them; on a narrow
 * chart (a phone) the totals go under the title instead of squeezing it.
 * Returns the height. */
static double
build_header (Frame *frame)
{
  g_autofree char *summary = summary_text (frame);
  g_autofree char *range = NULL;
  const char *title = fbk_chart_model_get_title (frame->model);
  double available = MAX (0.0, frame->width - 2 * MARGIN);
  double title_width = 0.0, title_height = 0.0;
  double summary_width, summary_height;
  double range_height = 0.0;

  frame->summary = make_layout (frame, frame->font, summary);
  layout_size (frame->summary, &summary_width, &summary_height);

  if (title != NULL && *title != '\0')
    {
      frame->title = make_layout (frame, frame->title_font, title);
      layout_size (frame->title, &title_width, &title_height);
      frame->summary_below = summary_width > 0.0 && title_width + SPACING * 2 + summary_width > available;
      pango_layout_set_width (frame->title,
                              (int) ((frame->summary_below ? available
                                                           : MAX (0.0, available - summary_width - SPACING * 2))
                                     * PANGO_SCALE));
      pango_layout_set_ellipsize (frame->title, PANGO_ELLIPSIZE_END);
      /* A phone has the width for the meter or the period, not both: the
       * title takes more lines there rather than losing the period. */
      pango_layout_set_height (frame->title, frame->summary_below ? -3 : -1);
      layout_size (frame->title, NULL, &title_height);
    }

  pango_layout_set_width (frame->summary, (int) (available * PANGO_SCALE));
  pango_layout_set_ellipsize (frame->summary, PANGO_ELLIPSIZE_END);

  /* The title already names the whole period; the line below it says what
   * part is visible, so it only appears once the view is zoomed or panned. */
  if (frame->n_buckets > 0 &&
      (title == NULL || *title == '\0' || frame->u0 > 0.0 || frame->u1 < frame->n_buckets))
    range = fbk_chart_format_range (frame->edges[frame->first], frame->edges[MAX (frame->end, frame->first + 1)],
                                    fbk_chart_model_get_resolution (frame->model));
  frame->range = make_layout (frame, frame->font, range != NULL ? range : "");
  pango_layout_set_width (frame->range, (int) (available * PANGO_SCALE));
  pango_layout_set_ellipsize (frame->range, PANGO_ELLIPSIZE_END);
  if (range != NULL)
    layout_size (frame->range, NULL, &range_height);

  if (frame->summary_below)
    return title_height + summary_height + range_height;
  return MAX (title_height, summary_height) + range_height;
}

static void
frame_init (Frame                  *frame,
            double                  width,
            double                  height,
            FbkChartModel          *model,
            const FbkChartViewport *viewport,
            const FbkChartStyle    *style)
{
  double legend_height;
  double label_width = 0.0;

  memset (frame, 0, sizeof *frame);
  frame->model = model;
  frame->style = style;
  frame->palette = fbk_chart_style_get_palette (style);
  frame->width = width;
  frame->height = height;
  frame->scale = style->scale > 0.0 ? style->scale : 1.0;
  frame->tick_labels = g_ptr_array_new_with_free_func (g_object_unref);
  frame->legend = g_array_new (FALSE, TRUE, sizeof (LegendItem));

  init_text (frame, style);
  init_series (frame);

  frame->edges = _fbk_chart_model_get_edges (model, &frame->n_buckets);
  _fbk_chart_model_span (model, viewport, &frame->u0, &frame->u1);
  frame->first = (guint) floor (frame->u0);
  frame->end = MIN ((guint) ceil (frame->u1), frame->n_buckets);

  /* From the top: header, unit, plot; from the bottom: legend, time axis. */
  frame->header_y = MARGIN;
  frame->unit_y = frame->header_y + build_header (frame) + SPACING;
  legend_height = build_legend (frame);
  frame->legend_y = height - MARGIN - legend_height;
  frame->plot.y = frame->unit_y + frame->line_height + SPACING / 2;
  frame->plot.height = MAX (0.0, frame->legend_y - (legend_height > 0 ? SPACING * 1.5 : 0)
                                 - frame->line_height - TICK_LENGTH - SPACING / 2 - frame->plot.y);

  /* The value labels' width sets where the plot starts. */
  build_value_axis (frame);
  for (guint i = 0; i < frame->tick_labels->len; i++)
    label_width = MAX (label_width, layout_width (g_ptr_array_index (frame->tick_labels, i)));
  label_width = MAX (label_width, layout_width (frame->unit_label));

  /* On whole device pixels: clipping to it then stays on cairo's fast
   * path for pixel-aligned boxes. */
  frame->plot.x = ceil ((MARGIN + label_width + SPACING) * frame->scale) / frame->scale;
  frame->plot.y = round (frame->plot.y * frame->scale) / frame->scale;
  frame->plot.width = MAX (0.0, floor ((width - MARGIN - frame->plot.x) * frame->scale) / frame->scale);
  frame->plot.height = MAX (0.0, floor (frame->plot.height * frame->scale) / frame->scale);

  choose_decimation (frame);
}

static void
frame_clear (Frame *frame)
{
  for (guint i = 0; i < frame->legend->len; i++)
    g_object_unref (g_array_index (frame->legend, LegendItem, i).layout);
  g_clear_pointer (&frame->legend, g_array_unref);
  g_clear_pointer (&frame->tick_labels, g_ptr_array_unref);
  g_clear_object (&frame->title);
  g_clear_object (&frame->summary);
  g_clear_object (&frame->range);
  g_clear_object (&frame->unit_label);
  g_clear_pointer (&frame->font, pango_font_description_free);
  g_clear_pointer (&frame->title_font, pango_font_description_free);
  g_clear_object (&frame->context);
  g_clear_pointer (&frame->below, g_free);
  g_clear_pointer (&frame->lane, g_free);
}

/* Geometry of bars */

/* The horizontal extent of @series' bar at @bucket: its own bucket's, or,
 * with min/max columns, the column's; split into lanes side by side. */
static void
bar_x_extent (const Frame *frame,
              guint        series,
              guint        bucket,
              double      *out_x0,
              double      *out_x1)
{
  double x0, x1, lane_width;

  if (frame->decimation != NULL)
    {
      guint k = frame->decimation->buckets_per_column;
      guint column_first = bucket / k * k;

      x0 = x_of_position (frame, column_first);
      x1 = x_of_position (frame, MIN (column_first + k, frame->n_buckets));
    }
  else
    {
      double bucket_width;

      x0 = x_of_position (frame, bucket);
      x1 = x_of_position (frame, bucket + 1);
      bucket_width = x1 - x0;
      if (bucket_width * frame->scale >= MIN_GAPPED_BAR)
        {
          double gap = MAX (1.0 / frame->scale, bucket_width * BAR_GAP);

          x0 += gap / 2;
          x1 -= gap / 2;
        }
    }

  if (!frame->stacked)
    {
      lane_width = (x1 - x0) / frame->lanes;
      x0 += lane_width * frame->lane[series];
      x1 = x0 + lane_width;
    }

  x0 = snap (frame, x0);
  x1 = MAX (snap (frame, x1), x0 + 1.0 / frame->scale);
  *out_x0 = x0;
  *out_x1 = x1;
}

/* @series' bar at @bucket as drawn one bar per bucket; FALSE when it has
 * no value there. */
static gboolean
bar_rect (const Frame       *frame,
          guint              series,
          guint              bucket,
          cairo_rectangle_t *out_rect)
{
  const double *values = _fbk_chart_model_get_values (frame->model, series);
  const double *tops = _fbk_chart_model_get_tops (frame->model, series);
  const guint8 *flags = _fbk_chart_model_get_flags (frame->model, series);
  double top, base, y0, y1, x0, x1;

  if (bucket >= frame->n_buckets || !(flags[bucket] & FBK_CHART_BUCKET_PRESENT))
    return FALSE;

  top = frame->stacked ? tops[bucket] : values[bucket];
  base = top - values[bucket];
  y0 = snap (frame, y_of_value (frame, signed_value (frame, series, base)));
  y1 = snap (frame, y_of_value (frame, signed_value (frame, series, top)));
  bar_x_extent (frame, series, bucket, &x0, &x1);

  out_rect->x = x0;
  out_rect->width = x1 - x0;
  out_rect->y = MIN (y0, y1);
  out_rect->height = fabs (y1 - y0);
  return TRUE;
}

/* Rectangles filled a few at a time. Cairo's box tessellator keeps the
 * boxes of one fill in a sorted list it walks for every insertion, so one
 * fill of thousands of bars costs quadratic time; small batches keep it
 * linear (1500 one-pixel bars: 2.1 ms in one fill, 0.55 ms in batches). */
#define FILL_BATCH 16

typedef struct
{
  cairo_t *cr;
  guint    n;
} Boxes;

static void
boxes_add (Boxes  *boxes,
           double  x,
           double  y,
           double  width,
           double  height)
{
  cairo_rectangle (boxes->cr, x, y, width, height);
  if (++boxes->n % FILL_BATCH == 0)
    cairo_fill (boxes->cr);
}

static void
boxes_flush (Boxes *boxes)
{
  cairo_fill (boxes->cr);
  boxes->n = 0;
}

static void
add_band (const Frame *frame,
          Boxes       *boxes,
          guint        series,
          double       x0,
          double       x1,
          double       from,
          double       to)
{
  double y0 = snap (frame, y_of_value (frame, signed_value (frame, series, from)));
  double y1 = snap (frame, y_of_value (frame, signed_value (frame, series, to)));

  if (y0 != y1)
    boxes_add (boxes, x0, MIN (y0, y1), x1 - x0, fabs (y1 - y0));
}

/* Unverified values are striped with the background colour: readable over
 * any series colour, in both themes, in print, and still there in min/max
 * columns. The stripes are a repeating tile anchored at the origin, so
 * neighbouring bars line up; the tile is made like the target (a
 * recording surface for PDF and SVG), so vector output keeps vector
 * stripes. */
static cairo_pattern_t *
create_hatch (const Frame *frame,
              cairo_t     *cr)
{
  cairo_surface_t *tile = cairo_surface_create_similar (cairo_get_target (cr), CAIRO_CONTENT_COLOR_ALPHA,
                                                        HATCH_SPACING, HATCH_SPACING);
  cairo_pattern_t *pattern;
  cairo_t *tile_cr = cairo_create (tile);

  set_color (tile_cr, &frame->palette->background);
  cairo_set_line_width (tile_cr, HATCH_WIDTH);
  for (int i = -1; i <= 1; i++)
    {
      cairo_move_to (tile_cr, i * HATCH_SPACING, 0);
      cairo_line_to (tile_cr, (i + 1) * HATCH_SPACING, HATCH_SPACING);
    }
  cairo_stroke (tile_cr);
  cairo_destroy (tile_cr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (tile);

  return pattern;
}

static void
draw_bars (const Frame     *frame,
           cairo_t         *cr,
           cairo_pattern_t *hatch)
{
  Boxes boxes = { cr, 0 };

  for (guint s = 0; s < frame->n_series; s++)
    {
      const guint8 *flags = _fbk_chart_model_get_flags (frame->model, s);
      FbkChartColor color;
      cairo_rectangle_t rect;

      fbk_chart_style_get_series_color (frame->style, fbk_chart_model_get_series_direction (frame->model, s),
                                        fbk_chart_model_get_series_colour_slot (frame->model, s), &color);
      set_color (cr, &color);
      for (guint i = frame->first; i < frame->end; i++)
        {
          if (bar_rect (frame, s, i, &rect))
            boxes_add (&boxes, rect.x, rect.y, rect.width, rect.height);
        }
      boxes_flush (&boxes);

      cairo_set_source (cr, hatch);
      for (guint i = frame->first; i < frame->end; i++)
        {
          if (!(flags[i] & FBK_INTERVAL_VERIFIED) && bar_rect (frame, s, i, &rect))
            boxes_add (&boxes, rect.x, rect.y, rect.width, rect.height);
        }
      boxes_flush (&boxes);
    }
}

typedef enum
{
  BAND_RANGE,       /* from the lowest bucket to the highest, faded */
  BAND_LOWEST,      /* up to the lowest bucket, in full colour */
  BAND_UNVERIFIED,  /* both of the above, striped */
} Band;

/* The span of @series' @band in column @c, in values from the axis. */
static void
column_band (const Frame *frame,
             guint        series,
             guint        c,
             Band         band,
             double      *out_lower,
             double      *out_upper)
{
  const FbkChartDecimation *decimation = frame->decimation;
  const FbkChartColumn *column = &decimation->columns[series * decimation->n_columns + c];
  const FbkChartColumn *under = NULL;
  double lo = frame->stacked ? column->lo_top : column->lo_value;
  double hi = frame->stacked ? column->hi_top : column->hi_value;

  if (frame->stacked && frame->below[series] >= 0)
    under = &decimation->columns[frame->below[series] * decimation->n_columns + c];

  switch (band)
    {
    case BAND_RANGE:
      *out_lower = MAX (lo, under != NULL ? under->hi_top : 0.0);
      *out_upper = hi;
      break;
    case BAND_LOWEST:
    default:
      *out_lower = under != NULL ? under->lo_top : 0.0;
      *out_upper = lo;
      break;
    }
}

/* Min/max columns: each column covers several buckets. In full colour up
 * to the lowest of them, faded from there to the highest, so peaks are
 * never lost and the spread stays visible. Stacked, the same holds for
 * each series' band of the stack. */
static void
draw_columns (const Frame     *frame,
              cairo_t         *cr,
              cairo_pattern_t *hatch)
{
  const FbkChartDecimation *decimation = frame->decimation;
  guint k = decimation->buckets_per_column;
  guint first_column = frame->first / k;
  guint end_column = MIN ((frame->end + k - 1) / k, decimation->n_columns);
  Boxes boxes = { cr, 0 };

  for (Band band = BAND_RANGE; band <= BAND_UNVERIFIED; band++)
    {
      for (guint s = 0; s < frame->n_series; s++)
        {
          const FbkChartColumn *columns = &decimation->columns[s * decimation->n_columns];
          FbkChartColor color;

          fbk_chart_style_get_series_color (frame->style, fbk_chart_model_get_series_direction (frame->model, s),
                                            fbk_chart_model_get_series_colour_slot (frame->model, s), &color);
          if (band == BAND_RANGE)
            color = mix (&color, &frame->palette->background, RANGE_FADE);
          if (band == BAND_UNVERIFIED)
            cairo_set_source (cr, hatch);
          else
            set_color (cr, &color);

          for (guint c = first_column; c < end_column; c++)
            {
              double x0, x1, lower, upper;

              if (!(columns[c].flags & FBK_CHART_BUCKET_PRESENT) ||
                  (band == BAND_UNVERIFIED && (columns[c].flags & FBK_INTERVAL_VERIFIED)))
                continue;

              bar_x_extent (frame, s, c * k, &x0, &x1);
              /* Stripes only where this series shows: stacked, the
               * faded ranges of the series under it show through the
               * span from its lowest to its highest. */
              column_band (frame, s, c, band == BAND_RANGE ? BAND_RANGE : BAND_LOWEST, &lower, &upper);
              add_band (frame, &boxes, s, x0, x1, lower, upper);
              if (band == BAND_UNVERIFIED)
                {
                  column_band (frame, s, c, BAND_RANGE, &lower, &upper);
                  add_band (frame, &boxes, s, x0, x1, lower, upper);
                }
            }
          boxes_flush (&boxes);
        }
    }
}

static void
draw_value_axis (const Frame *frame,
                 cairo_t     *cr)
{
  double right = frame->plot.x + frame->plot.width;

  cairo_set_line_width (cr, 1.0 / frame->scale);

  for (guint i = 0; i < frame->ticks.n; i++)
    {
      double value = frame->ticks.first + frame->ticks.step * i;
      double y = hairline (frame, y_of_value (frame, value));
      PangoLayout *label = g_ptr_array_index (frame->tick_labels, i);
      double label_width, label_height;

      /* The zero line is the axis; the others are only guides. */
      set_color (cr, fabs (value) < frame->ticks.step / 2 ? &frame->palette->axis : &frame->palette->grid);
      cairo_move_to (cr, frame->plot.x, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);

      layout_size (label, &label_width, &label_height);
      show_layout (cr, label, frame->plot.x - SPACING - label_width, y - label_height / 2,
                   &frame->palette->dim_foreground);
    }

  show_layout (cr, frame->unit_label, MARGIN, frame->unit_y, &frame->palette->dim_foreground);
}

static void
draw_reference (const Frame *frame,
                cairo_t     *cr)
{
  static const double dashes[] = { 6.0, 4.0 };
  double reference;
  double y;

  if (!fbk_chart_model_get_reference (frame->model, &reference, NULL))
    return;

  y = hairline (frame, y_of_value (frame, reference));
  cairo_save (cr);
  set_color (cr, &frame->palette->reference);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
  cairo_move_to (cr, frame->plot.x, y);
  cairo_line_to (cr, frame->plot.x + frame->plot.width, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The label formats of a time step, widest first. */
static void
time_label_formats (FbkResolution  unit,
                    const char    *formats[3])
{
  formats[0] = formats[1] = formats[2] = NULL;

  switch (unit)
    {
    case FBK_RESOLUTION_HOUR:
      /* Translators: time-axis label for an hour; g_date_time_format() */
      formats[0] = C_("axis, hour", "%H:%M");
      break;
    case FBK_RESOLUTION_DAY:
      /* Translators: time-axis labels for a day, from long to short;
       * g_date_time_format(), e.g. "%a %-d. %b" in Norwegian */
      formats[0] = C_("axis, day", "%a %b %-d");
      formats[1] = C_("axis, day", "%b %-d");
      formats[2] = C_("axis, day", "%-d");
      break;
    case FBK_RESOLUTION_WEEK:
      formats[0] = C_("axis, week", "Week %V");
      formats[1] = C_("axis, week", "W%V");
      break;
    case FBK_RESOLUTION_MONTH:
      formats[0] = C_("axis, month", "%B %Y");
      formats[1] = C_("axis, month", "%b %Y");
      formats[2] = C_("axis, month", "%b");
      break;
    case FBK_RESOLUTION_YEAR:
    default:
      formats[0] = C_("axis, year", "%Y");
      break;
    }
}

/* Where a short label leaves out the larger unit, the tick that starts
 * one names it: midnight names the day, the 1st the month, January the
 * year. So a run of "14:00" or "Mar" labels says which day or year it is. */
static char *
time_label (FbkInstant     tick,
            FbkResolution  unit,
            const char    *format,
            gboolean      *out_names_larger)
{
  FbkDate date = fbk_time_oslo_date (tick);
  const char *larger = NULL;

  if (unit == FBK_RESOLUTION_HOUR && fbk_time_oslo_hour (tick) == 0)
    larger = C_("axis, day", "%b %-d");
  else if (unit == FBK_RESOLUTION_DAY && date.day == 1 && g_strcmp0 (format, C_("axis, day", "%-d")) == 0)
    larger = C_("axis, day", "%b %-d");
  else if (unit == FBK_RESOLUTION_MONTH && date.month == 1 && g_strcmp0 (format, C_("axis, month", "%b")) == 0)
    larger = C_("axis, month", "%b %Y");

  if (out_names_larger != NULL)
    *out_names_larger = larger != NULL;
  return fbk_chart_format_instant (tick, larger != NULL ? larger : format);
}

static double
label_width_for (const Frame   *frame,
                 FbkResolution  unit,
                 const char    *format)
{
  /* A late, long month and a two-digit day and hour: about the widest
   * label any format gives. */
  FbkDate sample_date = { 2000, 9, 28 };
  FbkInstant sample = fbk_time_oslo_midnight (sample_date) + 23 * FBK_SECONDS_PER_HOUR;
  g_autofree char *text = fbk_chart_format_instant (sample, format);
  g_autoptr(PangoLayout) layout = make_layout (frame, frame->font, text);
  double width = layout_width (layout);

  if (unit == FBK_RESOLUTION_HOUR)
    {
      g_autofree char *midnight = time_label (fbk_time_oslo_midnight (sample_date), unit, format, NULL);

      pango_layout_set_text (layout, midnight, -1);
      width = MAX (width, layout_width (layout));
    }

  return width;
}

static gboolean
choose_time_step (const Frame      *frame,
                  double            visible_seconds,
                  FbkChartTimeStep *out_step,
                  const char      **out_format)
{
  static const FbkChartTimeStep steps[] = {
    { FBK_RESOLUTION_HOUR, 1 }, { FBK_RESOLUTION_HOUR, 2 }, { FBK_RESOLUTION_HOUR, 3 },
    { FBK_RESOLUTION_HOUR, 6 }, { FBK_RESOLUTION_HOUR, 12 },
    { FBK_RESOLUTION_DAY, 1 }, { FBK_RESOLUTION_DAY, 2 }, { FBK_RESOLUTION_DAY, 7 },
    { FBK_RESOLUTION_DAY, 14 },
    { FBK_RESOLUTION_WEEK, 1 }, { FBK_RESOLUTION_WEEK, 2 }, { FBK_RESOLUTION_WEEK, 4 },
    { FBK_RESOLUTION_MONTH, 1 }, { FBK_RESOLUTION_MONTH, 2 }, { FBK_RESOLUTION_MONTH, 3 },
    { FBK_RESOLUTION_MONTH, 6 },
    { FBK_RESOLUTION_YEAR, 1 }, { FBK_RESOLUTION_YEAR, 2 }, { FBK_RESOLUTION_YEAR, 5 },
    { FBK_RESOLUTION_YEAR, 10 }, { FBK_RESOLUTION_YEAR, 50 },
  };
  FbkResolution resolution = fbk_chart_model_get_resolution (frame->model);
  double widths[FBK_N_RESOLUTIONS][3] = { { 0 } };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      FbkChartTimeStep step = steps[i];
      double room = frame->plot.width * fbk_chart_time_step_seconds (step) / visible_seconds;
      const char *formats[3];

      /* Ticks fall on bucket boundaries: no hours on a daily chart, and
       * weeks only where the buckets are weeks, as they cut across days
       * and months. */
      if (step.unit < resolution || (step.unit == FBK_RESOLUTION_WEEK && resolution != FBK_RESOLUTION_WEEK))
        continue;

      time_label_formats (step.unit, formats);
      for (guint f = 0; f < G_N_ELEMENTS (formats) && formats[f] != NULL; f++)
        {
          if (widths[step.unit][f] == 0.0)
            widths[step.unit][f] = label_width_for (frame, step.unit, formats[f]);

          if (widths[step.unit][f] + 2 * SPACING <= room)
            {
              *out_step = step;
              *out_format = formats[f];
              return TRUE;
            }
        }
    }

  return FALSE;
}

typedef struct
{
  FbkInstant tick;
  double     left;
  double     right;
  gboolean   names_larger;
  gboolean   shown;
} TimeLabel;

static gboolean
label_collides (GArray          *labels,
                const TimeLabel *candidate)
{
  for (guint i = 0; i < labels->len; i++)
    {
      const TimeLabel *other = &g_array_index (labels, TimeLabel, i);

      if (other->shown && candidate->left < other->right + SPACING && other->left < candidate->right + SPACING)
        return TRUE;
    }
  return FALSE;
}

static void
draw_time_axis (const Frame *frame,
                cairo_t     *cr)
{
  FbkInstant from, to;
  FbkChartTimeStep step;
  const char *format;
  g_autoptr(GArray) ticks = NULL;
  g_autoptr(GArray) labels = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double bottom = frame->plot.y + frame->plot.height;

  if (frame->n_buckets == 0)
    return;

  from = frame->edges[frame->first];
  to = frame->edges[frame->end];
  if (!choose_time_step (frame, (double) (to - from) * (frame->u1 - frame->u0) / (frame->end - frame->first),
                         &step, &format))
    return;

  ticks = fbk_chart_time_ticks (from, to, step);
  labels = g_array_sized_new (FALSE, TRUE, sizeof (TimeLabel), ticks->len);
  layout = make_layout (frame, frame->font, "");
  cairo_set_line_width (cr, 1.0 / frame->scale);

  for (guint i = 0; i < ticks->len; i++)
    {
      FbkInstant tick = g_array_index (ticks, FbkInstant, i);
      double x = x_of_instant (frame, tick);
      double centre, label_width;
      g_autofree char *text = NULL;
      TimeLabel label = { tick };

      if (x < frame->plot.x - 0.5 || x > frame->plot.x + frame->plot.width + 0.5)
        continue;

      set_color (cr, &frame->palette->axis);
      cairo_move_to (cr, hairline (frame, x), bottom);
      cairo_line_to (cr, hairline (frame, x), bottom + TICK_LENGTH);
      cairo_stroke (cr);

      /* A label names the period right of its tick, so it sits centred
       * under that period's bars. */
      text = time_label (tick, step.unit, format, &label.names_larger);
      pango_layout_set_text (layout, text, -1);
      label_width = layout_width (layout);
      centre = (x + x_of_instant (frame, fbk_time_period_next (tick, step.unit))) / 2;
      centre = CLAMP (centre, MARGIN + label_width / 2, frame->width - MARGIN - label_width / 2);
      label.left = centre - label_width / 2;
      label.right = centre + label_width / 2;
      g_array_append_val (labels, label);
    }

  /* Where labels crowd, those naming a new day, month or year win over
   * their neighbours, so the larger unit is never lost. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < labels->len; i++)
        {
          TimeLabel *label = &g_array_index (labels, TimeLabel, i);

          if (label->names_larger == (pass == 0) && !label_collides (labels, label))
            label->shown = TRUE;
        }
    }

  for (guint i = 0; i < labels->len; i++)
    {
      const TimeLabel *label = &g_array_index (labels, TimeLabel, i);
      g_autofree char *text = NULL;

      if (!label->shown)
        continue;

      text = time_label (label->tick, step.unit, format, NULL);
      pango_layout_set_text (layout, text, -1);
      show_layout (cr, layout, label->left, bottom + TICK_LENGTH, &frame->palette->dim_foreground);
    }
}

static void
draw_legend (const Frame     *frame,
             cairo_t         *cr,
             cairo_pattern_t *hatch)
{
  for (guint i = 0; i < frame->legend->len; i++)
    {
      const LegendItem *item = &g_array_index (frame->legend, LegendItem, i);
      double x = item->x;
      double y = frame->legend_y + item->y;
      double inset = round ((frame->line_height - frame->swatch) / 2);
      FbkChartColor color;

      switch (item->kind)
        {
        case LEGEND_SERIES:
          fbk_chart_style_get_series_color (frame->style, fbk_chart_model_get_series_direction (frame->model, item->series),
                                            fbk_chart_model_get_series_colour_slot (frame->model, item->series), &color);
          set_color (cr, &color);
          cairo_rectangle (cr, x, y + inset, frame->swatch, frame->swatch);
          cairo_fill (cr);
          break;

        case LEGEND_UNVERIFIED:
          cairo_rectangle (cr, x, y + inset, frame->swatch, frame->swatch);
          set_color (cr, &frame->palette->dim_foreground);
          cairo_fill_preserve (cr);
          cairo_set_source (cr, hatch);
          cairo_fill (cr);
          break;

        case LEGEND_REFERENCE:
        default:
          {
            static const double dashes[] = { 4.0, 2.0 };

            cairo_save (cr);
            set_color (cr, &frame->palette->reference);
            cairo_set_line_width (cr, 1.5);
            cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
            cairo_move_to (cr, x, y + frame->line_height / 2);
            cairo_line_to (cr, x + frame->swatch, y + frame->line_height / 2);
            cairo_stroke (cr);
            cairo_restore (cr);
          }
          break;
        }

      show_layout (cr, item->layout, x + frame->swatch + SPACING / 2, y, &frame->palette->foreground);
    }
}

static void
draw_header (const Frame *frame,
             cairo_t     *cr)
{
  double title_height = 0.0;
  double summary_width, summary_height;

  layout_size (frame->summary, &summary_width, &summary_height);
  if (frame->title != NULL)
    {
      layout_size (frame->title, NULL, &title_height);
      show_layout (cr, frame->title, MARGIN, frame->header_y, &frame->palette->foreground);
    }

  if (frame->summary_below)
    {
      show_layout (cr, frame->summary, MARGIN, frame->header_y + title_height, &frame->palette->foreground);
      show_layout (cr, frame->range, MARGIN, frame->header_y + title_height + summary_height,
                   &frame->palette->dim_foreground);
      return;
    }

  show_layout (cr, frame->summary, frame->width - MARGIN - summary_width,
               frame->header_y + MAX (0.0, title_height - summary_height), &frame->palette->foreground);
  show_layout (cr, frame->range, MARGIN, frame->header_y + MAX (title_height, summary_height),
               &frame->palette->dim_foreground);
}

static void
draw_empty (const Frame *frame,
            cairo_t     *cr)
{
  g_autoptr(PangoLayout) layout = make_layout (frame, frame->font, _("No data for this period"));
  double width, height;

  layout_size (layout, &width, &height);
  show_layout (cr, layout, frame->plot.x + (frame->plot.width - width) / 2,
               frame->plot.y + (frame->plot.height - height) / 2, &frame->palette->dim_foreground);
}

/* Public API */

/**
 * fbk_chart_render:
 * @cr: where to draw; user space in units of @width and @height
 * @viewport: (nullable): the visible part of @model's period
 *
 * Draws the whole chart: title, totals, axes, bars, reference line and
 * legend. Costs per visible bucket, or per device pixel column once there
 * are more buckets than pixels.
 */
void
fbk_chart_render (cairo_t                *cr,
                  double                  width,
                  double                  height,
                  FbkChartModel          *model,
                  const FbkChartViewport *viewport,
                  const FbkChartStyle    *style)
{
  Frame frame;
  cairo_pattern_t *hatch;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (FBK_IS_CHART_MODEL (model));
  g_return_if_fail (style != NULL);

  if (width <= 0.0 || height <= 0.0)
    return;

  frame_init (&frame, width, height, model, viewport, style);
  hatch = create_hatch (&frame, cr);

  cairo_save (cr);
  cairo_new_path (cr);

  if (style->draw_background)
    {
      set_color (cr, &frame.palette->background);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }

  draw_header (&frame, cr);
  draw_value_axis (&frame, cr);

  if (frame.n_series == 0 || frame.n_buckets == 0)
    draw_empty (&frame, cr);
  else
    {
      cairo_save (cr);
      cairo_rectangle (cr, frame.plot.x, frame.plot.y, frame.plot.width, frame.plot.height);
      cairo_clip (cr);
      if (frame.decimation != NULL)
        draw_columns (&frame, cr, hatch);
      else
        draw_bars (&frame, cr, hatch);
      cairo_restore (cr);
    }

  draw_reference (&frame, cr);
  draw_time_axis (&frame, cr);
  draw_legend (&frame, cr, hatch);

  cairo_restore (cr);
  cairo_pattern_destroy (hatch);
  frame_clear (&frame);
}

/**
 * fbk_chart_get_plot_area:
 *
 * Where fbk_chart_render() puts the bars, with the same arguments.
 */
gboolean
fbk_chart_get_plot_area (double                  width,
                         double                  height,
                         FbkChartModel          *model,
                         const FbkChartViewport *viewport,
                         const FbkChartStyle    *style,
                         cairo_rectangle_t      *out_area)
{
  Frame frame;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (out_area != NULL, FALSE);

  if (width <= 0.0 || height <= 0.0)
    return FALSE;

  frame_init (&frame, width, height, model, viewport, style);
  *out_area = frame.plot;
  frame_clear (&frame);

  return out_area->width > 0.0 && out_area->height > 0.0;
}

/**
 * fbk_chart_get_bucket_rect:
 *
 * Where fbk_chart_render(), with the same arguments, draws @series' value
 * at @bucket (with min/max columns: the column's width, the bucket's
 * height), e.g. to highlight it under the pointer.
 *
 * Returns: FALSE when that value is missing or out of view
 */
gboolean
fbk_chart_get_bucket_rect (double                  width,
                           double                  height,
                           FbkChartModel          *model,
                           const FbkChartViewport *viewport,
                           const FbkChartStyle    *style,
                           guint                   series,
                           guint                   bucket,
                           cairo_rectangle_t      *out_rect)
{
  Frame frame;
  gboolean found = FALSE;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (out_rect != NULL, FALSE);

  if (width <= 0.0 || height <= 0.0)
    return FALSE;

  frame_init (&frame, width, height, model, viewport, style);
  if (series < frame.n_series && bucket >= frame.first && bucket < frame.end)
    found = bar_rect (&frame, series, bucket, out_rect);
  frame_clear (&frame);

  return found;
}

/**
 * fbk_chart_hit_test:
 * @x: (in): a point in the same units as @width and @height
 * @out_hit: (out) (optional): what is there
 *
 * Finds the value drawn at (@x, @y) for a tooltip. The whole width of a
 * bucket counts, gaps included, and a few pixels above and below a bar,
 * so thin bars can be pointed at. Where a min/max column covers several
 * buckets, the tallest of them that reaches the point is reported: that
 * is the peak the column shows.
 *
 * Returns: whether a value is there
 */
gboolean
fbk_chart_hit_test (double                  width,
                    double                  height,
                    FbkChartModel          *model,
                    const FbkChartViewport *viewport,
                    const FbkChartStyle    *style,
                    double                  x,
                    double                  y,
                    FbkChartHit            *out_hit)
{
  Frame frame;
  double u;
  guint first, end;
  int best_series = -1;
  guint best_bucket = 0;
  double best_distance = G_MAXDOUBLE;
  double best_height = -1.0;
  int lane = -1;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  if (width <= 0.0 || height <= 0.0)
    return FALSE;

  frame_init (&frame, width, height, model, viewport, style);

  if (frame.n_buckets == 0 ||
      x < frame.plot.x || x >= frame.plot.x + frame.plot.width ||
      y < frame.plot.y - HIT_SLACK || y > frame.plot.y + frame.plot.height + HIT_SLACK)
    goto out;

  u = frame.u0 + (x - frame.plot.x) * (frame.u1 - frame.u0) / frame.plot.width;
  first = (guint) CLAMP (floor (u), 0, frame.n_buckets - 1);
  end = first + 1;
  if (frame.decimation != NULL)
    {
      guint k = frame.decimation->buckets_per_column;

      first = first / k * k;
      end = MIN (first + k, frame.n_buckets);
    }

  /* Side by side, the lane under the pointer decides the series. */
  if (!frame.stacked)
    {
      double x0 = x_of_position (&frame, first);
      double x1 = x_of_position (&frame, end);

      lane = (int) CLAMP (floor ((x - x0) / (x1 - x0) * frame.lanes), 0, frame.lanes - 1);
    }

  for (guint bucket = first; bucket < end; bucket++)
    {
      for (guint s = 0; s < frame.n_series; s++)
        {
          cairo_rectangle_t rect;
          double distance;

          if ((lane >= 0 && (guint) lane != frame.lane[s]) || !bar_rect (&frame, s, bucket, &rect))
            continue;

          distance = y < rect.y ? rect.y - y : (y > rect.y + rect.height ? y - (rect.y + rect.height) : 0.0);
          if (distance > HIT_SLACK)
            continue;

          if (distance < best_distance || (distance == best_distance && rect.height > best_height))
            {
              best_series = (int) s;
              best_bucket = bucket;
              best_distance = distance;
              best_height = rect.height;
            }
        }
    }

  if (best_series >= 0 && out_hit != NULL)
    {
      out_hit->series = (guint) best_series;
      out_hit->bucket = best_bucket;
      out_hit->start = frame.edges[best_bucket];
      out_hit->end = frame.edges[best_bucket + 1];
      fbk_chart_model_get_value (model, best_series, best_bucket, &out_hit->value, &out_hit->flags);
    }

out:
  frame_clear (&frame);
  return best_series >= 0;
}
