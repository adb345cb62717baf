/* fbk-chart-bar-painter.c: bars from the axis or on the bars below them,
 * for the bar layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-bar-painter"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-bar-painter.h"
#include "fbk-chart-format.h"
#include "fbk-chart-legend.h"
#include "fbk-chart-model-private.h"

/* Share of a bucket's width left empty between bars, once bars are wide
 * enough (in device pixels) for a gap to read as one. */
#define BAR_GAP        0.15
#define MIN_GAPPED_BAR 4.0
/* How far a min/max column's range band is faded toward the background. */
#define RANGE_FADE     0.55
/* How far above or below a bar the pointer still points at it. */
#define HIT_SLACK      3.0
/* Bars narrower than this (device pixels) are too thin to aim at: the
 * pointer anywhere above or below one points at it, so a year of hours
 * has a tooltip wherever the pointer is over the plot. */
#define AIMABLE_BAR    6.0
/* The legend's index of the note on min/max columns' lighter part. */
#define RANGE_NOTE     G_MAXUINT
/* How far the inside of a bar of part of its period is faded. */
#define PARTIAL_FADE   0.6

/* Geometry */

/**
 * fbk_chart_bar_x_extent:
 *
 * The horizontal extent of a bar at @bucket: its own bucket's, less a
 * gap, or, with min/max columns, the column's; on device pixels.
 */
void
fbk_chart_bar_x_extent (const FbkChartLayout *layout,
                        guint                 bucket,
                        double               *out_x0,
                        double               *out_x1)
{
  double x0, x1;

  if (layout->buckets_per_column > 0)
    {
      guint k = layout->buckets_per_column;
      guint column_first = bucket / k * k;

      x0 = _fbk_chart_layout_x_of_position (layout, column_first);
      x1 = _fbk_chart_layout_x_of_position (layout, MIN (column_first + k, layout->n_buckets));
    }
  else
    {
      double bucket_width;

      x0 = _fbk_chart_layout_x_of_position (layout, bucket);
      x1 = _fbk_chart_layout_x_of_position (layout, bucket + 1);
      bucket_width = x1 - x0;
      if (bucket_width * layout->scale >= MIN_GAPPED_BAR)
        {
          double gap = MAX (1.0 / layout->scale, bucket_width * BAR_GAP);

          x0 += gap / 2;
          x1 -= gap / 2;
        }
    }

  x0 = _fbk_chart_layout_snap (layout, x0);
  x1 = MAX (_fbk_chart_layout_snap (layout, x1), x0 + 1.0 / layout->scale);
  *out_x0 = x0;
  *out_x1 = x1;
}

/* @run's bar at @bucket as drawn one bar per bucket (with min/max
 * columns: the column's width, the bucket's height); FALSE when the
 * series has no value there. */
static gboolean
bar_rect (const FbkChartLayout *layout,
          const FbkChartBarRun *run,
          guint                 bucket,
          cairo_rectangle_t    *out_rect)
{
  const double *values = _fbk_chart_model_get_values (layout->model, run->series);
  const double *tops = _fbk_chart_model_get_tops (layout->model, run->series);
  const guint8 *flags = _fbk_chart_model_get_flags (layout->model, run->series);
  double top, base, y0, y1, x0, x1;

  if (bucket >= layout->n_buckets || !(flags[bucket] & FBK_CHART_BUCKET_PRESENT))
    return FALSE;

  top = run->stacked ? tops[bucket] : values[bucket];
  base = top - values[bucket];
  y0 = _fbk_chart_layout_snap (layout, _fbk_chart_layout_y_of_value (layout, _fbk_chart_layout_signed (layout, run->series, base)));
  y1 = _fbk_chart_layout_snap (layout, _fbk_chart_layout_y_of_value (layout, _fbk_chart_layout_signed (layout, run->series, top)));
  fbk_chart_bar_x_extent (layout, bucket, &x0, &x1);

  out_rect->x = x0;
  out_rect->width = x1 - x0;
  out_rect->y = MIN (y0, y1);
  out_rect->height = fabs (y1 - y0);
  return TRUE;
}

/* Drawing */

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
series_color (const FbkChartLayout *layout,
              guint                 series,
              FbkChartColor        *out_color)
{
  fbk_chart_style_get_series_color (&layout->style, fbk_chart_model_get_series_direction (layout->model, series),
                                    fbk_chart_model_get_series_colour_slot (layout->model, series), out_color);
}

static void
add_band (const FbkChartLayout *layout,
          Boxes                *boxes,
          guint                 series,
          double                x0,
          double                x1,
          double                from,
          double                to)
{
  double y0 = _fbk_chart_layout_snap (layout, _fbk_chart_layout_y_of_value (layout, _fbk_chart_layout_signed (layout, series, from)));
  double y1 = _fbk_chart_layout_snap (layout, _fbk_chart_layout_y_of_value (layout, _fbk_chart_layout_signed (layout, series, to)));

  if (y0 != y1)
    boxes_add (boxes, x0, MIN (y0, y1), x1 - x0, fabs (y1 - y0));
}


/* Stripes alone leave a bar's edge at the stripes' contrast, under 3:1
 * against the background (WCAG's for the parts of a graphic): a line in
 * the series' colour keeps the bar's shape. A bar too thin for both is
 * left solid and striped. */
#define OUTLINE_WIDTH 1.5

static void
outline_unverified (cairo_t                *cr,
                    const FbkChartLayout   *layout,
                    const FbkChartBarRun   *run,
                    const guint8           *flags,
                    const FbkChartColor    *color)
{
  cairo_rectangle_t rect;

  fbk_chart_color_set_source (cr, color);
  cairo_set_line_width (cr, OUTLINE_WIDTH);
  for (guint i = layout->first; i < layout->end; i++)
    {
      if ((flags[i] & FBK_INTERVAL_VERIFIED) || !bar_rect (layout, run, i, &rect) ||
          rect.width < 4 * OUTLINE_WIDTH || rect.height < 2 * OUTLINE_WIDTH)
        continue;
      cairo_rectangle (cr, rect.x + OUTLINE_WIDTH / 2, rect.y + OUTLINE_WIDTH / 2,
                       rect.width - OUTLINE_WIDTH, rect.height - OUTLINE_WIDTH);
    }
  cairo_stroke (cr);
}

/**
 * fbk_chart_bar_draw_partial:
 *
 * A bar of only part of its period: pale inside an outline of @color,
 * so it never reads as a whole day, week or month.
 */
void
fbk_chart_bar_draw_partial (const FbkChartLayout    *layout,
                            FbkChartCanvas          *canvas,
                            const FbkChartColor     *color,
                            const cairo_rectangle_t *rect)
{
  FbkChartColor pale = fbk_chart_color_mix (color, &layout->palette->background, PARTIAL_FADE);
  double line = 1.0 / layout->scale;

  fbk_chart_color_set_source (canvas->cr, &pale);
  cairo_rectangle (canvas->cr, rect->x, rect->y, rect->width, rect->height);
  cairo_fill (canvas->cr);
  if (rect->width <= 2 * line || rect->height <= 2 * line)
    return;

  fbk_chart_color_set_source (canvas->cr, color);
  cairo_set_line_width (canvas->cr, line);
  cairo_rectangle (canvas->cr, rect->x + line / 2, rect->y + line / 2, rect->width - line, rect->height - line);
  cairo_stroke (canvas->cr);
}

/* A bar per bucket: each series in its colour (pale and outlined where
 * it is only part of its bucket), then its unverified bars striped over. */
static void
draw_buckets (const FbkChartLayout *layout,
              FbkChartCanvas       *canvas,
              const FbkChartBarRun *runs,
              guint                 n_runs)
{
  Boxes boxes = { canvas->cr, 0 };

  for (guint r = 0; r < n_runs; r++)
    {
      const guint8 *flags = _fbk_chart_model_get_flags (layout->model, runs[r].series);
      FbkChartColor color;
      cairo_rectangle_t rect;

      series_color (layout, runs[r].series, &color);
      fbk_chart_color_set_source (canvas->cr, &color);
      for (guint i = layout->first; i < layout->end; i++)
        {
          if (!(flags[i] & FBK_CHART_BUCKET_PARTIAL) && bar_rect (layout, &runs[r], i, &rect))
            boxes_add (&boxes, rect.x, rect.y, rect.width, rect.height);
        }
      boxes_flush (&boxes);

      for (guint i = layout->first; i < layout->end; i++)
        {
          if ((flags[i] & FBK_CHART_BUCKET_PARTIAL) && bar_rect (layout, &runs[r], i, &rect))
            fbk_chart_bar_draw_partial (layout, canvas, &color, &rect);
        }

      cairo_set_source (canvas->cr, canvas->hatch);
      for (guint i = layout->first; i < layout->end; i++)
        {
          if (!(flags[i] & FBK_INTERVAL_VERIFIED) && bar_rect (layout, &runs[r], i, &rect))
            boxes_add (&boxes, rect.x, rect.y, rect.width, rect.height);
        }
      boxes_flush (&boxes);

      outline_unverified (canvas->cr, layout, &runs[r], flags, &color);
    }
}

typedef enum
{
  BAND_RANGE,       /* from the lowest bucket to the highest, faded */
  BAND_LOWEST,      /* up to the lowest bucket, in full colour */
  BAND_UNVERIFIED,  /* both of the above, striped */
} Band;

/* The span of @run's @band in column @c, in values from the axis. */
static void
column_band (const FbkChartDecimation *decimation,
             const FbkChartBarRun     *run,
             guint                     c,
             Band                      band,
             double                   *out_lower,
             double                   *out_upper)
{
  const FbkChartColumn *column = &decimation->columns[run->series * decimation->n_columns + c];
  const FbkChartColumn *under = NULL;
  double lo = run->stacked ? column->lo_top : column->lo_value;
  double hi = run->stacked ? column->hi_top : column->hi_value;

  if (run->stacked && run->under >= 0)
    under = &decimation->columns[run->under * decimation->n_columns + c];

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
draw_columns (const FbkChartLayout *layout,
              FbkChartCanvas       *canvas,
              const FbkChartBarRun *runs,
              guint                 n_runs)
{
  const FbkChartDecimation *decimation = _fbk_chart_model_get_decimation (layout->model, layout->buckets_per_column);
  guint k = decimation->buckets_per_column;
  guint first_column = layout->first / k;
  guint end_column = MIN ((layout->end + k - 1) / k, decimation->n_columns);
  Boxes boxes = { canvas->cr, 0 };

  for (Band band = BAND_RANGE; band <= BAND_UNVERIFIED; band++)
    {
      for (guint r = 0; r < n_runs; r++)
        {
          const FbkChartBarRun *run = &runs[r];
          const FbkChartColumn *columns = &decimation->columns[run->series * decimation->n_columns];
          FbkChartColor color;

          series_color (layout, run->series, &color);
          if (band == BAND_RANGE)
            color = fbk_chart_color_mix (&color, &layout->palette->background, RANGE_FADE);
          if (band == BAND_UNVERIFIED)
            cairo_set_source (canvas->cr, canvas->hatch);
          else
            fbk_chart_color_set_source (canvas->cr, &color);

          for (guint c = first_column; c < end_column; c++)
            {
              double x0, x1, lower, upper;

              if (!(columns[c].flags & FBK_CHART_BUCKET_PRESENT) ||
                  (band == BAND_UNVERIFIED && (columns[c].flags & FBK_INTERVAL_VERIFIED)))
                continue;

              fbk_chart_bar_x_extent (layout, c * k, &x0, &x1);
              /* Stripes only where this series shows: stacked, the
               * faded ranges of the series under it show through the
               * span from its lowest to its highest. */
              column_band (decimation, run, c, band == BAND_RANGE ? BAND_RANGE : BAND_LOWEST, &lower, &upper);
              add_band (layout, &boxes, run->series, x0, x1, lower, upper);
              if (band == BAND_UNVERIFIED)
                {
                  column_band (decimation, run, c, BAND_RANGE, &lower, &upper);
                  add_band (layout, &boxes, run->series, x0, x1, lower, upper);
                }
            }
          boxes_flush (&boxes);
        }
    }
}

/* The runs of @self's bars for its layout's model. */
static GArray *
get_runs (FbkChartLayer *self,
          FbkChartModel *model)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (FbkChartBarRun));

  ((FbkChartBarLayer *) self)->get_runs (self, model, runs);
  return runs;
}

#define RUNS(array) ((const FbkChartBarRun *) (gconstpointer) (array)->data)

/**
 * fbk_chart_bar_layer_draw:
 *
 * Draws the layer's runs, clipped to the plot: a bar per visible bucket,
 * or min/max columns once there are more buckets than device pixels.
 */
void
fbk_chart_bar_layer_draw (FbkChartLayer        *self,
                          const FbkChartLayout *layout,
                          FbkChartCanvas       *canvas)
{
  g_autoptr(GArray) array = get_runs (self, layout->model);
  const FbkChartBarRun *runs = RUNS (array);
  guint n_runs = array->len;

  if (n_runs == 0 || layout->n_buckets == 0)
    return;

  cairo_save (canvas->cr);
  cairo_rectangle (canvas->cr, layout->plot.x, layout->plot.y, layout->plot.width, layout->plot.height);
  cairo_clip (canvas->cr);
  if (layout->buckets_per_column > 0)
    draw_columns (layout, canvas, runs, n_runs);
  else
    draw_buckets (layout, canvas, runs, n_runs);
  cairo_restore (canvas->cr);
}

/**
 * fbk_chart_bar_layer_hit_test:
 *
 * The whole width of a bucket counts, gaps included, and a few pixels
 * above and below a bar; bars too thin to aim at (AIMABLE_BAR) count the
 * whole height of the plot, the nearest bar winning. Where a min/max
 * column covers several buckets, the tallest of them that reaches the
 * point is reported: that is the peak the column shows.
 */
gboolean
fbk_chart_bar_layer_hit_test (FbkChartLayer        *self,
                              const FbkChartLayout *layout,
                              double                x,
                              double                y,
                              FbkChartHit          *out_hit)
{
  g_autoptr(GArray) array = get_runs (self, layout->model);
  const FbkChartBarRun *runs = RUNS (array);
  guint n_runs = array->len;
  const FbkChartBarRun *best = NULL;
  guint best_bucket = 0;
  double best_distance = G_MAXDOUBLE;
  double best_height = -1.0;
  guint first, end;
  gboolean thin;
  double u;

  if (layout->n_buckets == 0 ||
      x < layout->plot.x || x >= layout->plot.x + layout->plot.width ||
      y < layout->plot.y - HIT_SLACK || y > layout->plot.y + layout->plot.height + HIT_SLACK)
    return FALSE;

  u = _fbk_chart_layout_position_at (layout, x);
  first = (guint) CLAMP (floor (u), 0, layout->n_buckets - 1);
  end = first + 1;
  thin = layout->buckets_per_column > 0 ||
         (_fbk_chart_layout_x_of_position (layout, first + 1) - _fbk_chart_layout_x_of_position (layout, first)) *
         layout->scale < AIMABLE_BAR;
  if (layout->buckets_per_column > 0)
    {
      guint k = layout->buckets_per_column;

      first = first / k * k;
      end = MIN (first + k, layout->n_buckets);
    }

  for (guint bucket = first; bucket < end; bucket++)
    {
      for (guint r = 0; r < n_runs; r++)
        {
          cairo_rectangle_t rect;
          double distance;

          if (!bar_rect (layout, &runs[r], bucket, &rect))
            continue;

          distance = y < rect.y ? rect.y - y : (y > rect.y + rect.height ? y - (rect.y + rect.height) : 0.0);
          if (distance > HIT_SLACK && !thin)
            continue;

          if (distance < best_distance || (distance == best_distance && rect.height > best_height))
            {
              best = &runs[r];
              best_bucket = bucket;
              best_distance = distance;
              best_height = rect.height;
            }
        }
    }

  if (best == NULL)
    return FALSE;

  if (out_hit != NULL)
    _fbk_chart_layout_get_hit (layout, best->series, best_bucket, out_hit);
  return TRUE;
}

/**
 * fbk_chart_bar_layer_bucket_rect:
 *
 * Where @series' bar at @bucket is, if the layer draws @series.
 */
gboolean
fbk_chart_bar_layer_bucket_rect (FbkChartLayer        *self,
                                 const FbkChartLayout *layout,
                                 guint                 series,
                                 guint                 bucket,
                                 cairo_rectangle_t    *out_rect)
{
  g_autoptr(GArray) runs = get_runs (self, layout->model);

  for (guint r = 0; r < runs->len; r++)
    {
      if (RUNS (runs)[r].series == series)
        return bar_rect (layout, &RUNS (runs)[r], bucket, out_rect);
    }
  return FALSE;
}

/* Legend */

static char *
series_legend_text (const FbkChartLayout *layout,
                    guint                 series)
{
  FbkChartModel *model = layout->model;
  const char *label = fbk_chart_model_get_series_label (model, series);
  g_autofree char *name = NULL;
  g_autofree char *amount = NULL;

  /* In money, the series are parts of a bill, credits among them. */
  if (fbk_chart_model_get_unit (model) == FBK_CHART_UNIT_KR)
    {
      amount = fbk_chart_format_series_value (model, series,
                                              fbk_chart_model_get_total (model, series, layout->first, layout->end));
      return g_strdup_printf (C_("legend, energy", "%s: %s"), label, amount);
    }

  if (fbk_chart_model_get_series_direction (model, series) == FBK_DIRECTION_PRODUCTION)
    /* Translators: a meter's name in the legend, for the energy it fed in */
    name = g_strdup_printf (_("%s (production)"), label);
  else
    name = g_strdup (label);

  if (fbk_chart_model_get_unit (model) == FBK_CHART_UNIT_KW)
    {
      amount = fbk_chart_format_value (fbk_chart_model_get_series_max (model, series, layout->first, layout->end),
                                       FBK_CHART_UNIT_KW);
      /* Translators: legend entry, a meter and its highest hour, "Home: up to 5.2 kW" */
      return g_strdup_printf (C_("legend, power", "%s: up to %s"), name, amount);
    }

  amount = fbk_chart_format_value (fbk_chart_model_get_total (model, series, layout->first, layout->end),
                                   FBK_CHART_UNIT_KWH);
  if (fbk_chart_model_count_missing_hours (model, series, layout->first, layout->end) > 0)
    /* Translators: legend entry, a meter and its total where some hours
     * have no value, "Home: at least 1,234 kWh" */
    return g_strdup_printf (C_("legend, energy", "%s: at least %s"), name, amount);

  /* Translators: legend entry, a meter and its total, "Home: 1,234 kWh" */
  return g_strdup_printf (C_("legend, energy", "%s: %s"), name, amount);
}

/**
 * fbk_chart_bar_layer_legend:
 *
 * An entry per series, with its total (or its peak, in kW) in view, and
 * the note on stripes if any value in view is not verified yet.
 */
void
fbk_chart_bar_layer_legend (FbkChartLayer  *self,
                            FbkChartLayout *layout)
{
  g_autoptr(GArray) runs = get_runs (self, layout->model);
  gboolean unverified = FALSE;

  for (guint r = 0; r < runs->len; r++)
    {
      guint series = RUNS (runs)[r].series;
      g_autofree char *text = series_legend_text (layout, series);

      fbk_chart_legend_add (layout, FBK_CHART_LEGEND_SERIES, self, series, 0.0, text);
      unverified |= fbk_chart_model_count_unverified (layout->model, series, layout->first, layout->end) > 0;
    }

  if (unverified)
    fbk_chart_legend_add_unverified (layout);

  /* More buckets than pixels: columns, whose lighter part needs saying.
   * The legend comes before the plot's width is final; the chart's width
   * less its margins bounds it, so this misses only a chart a few dozen
   * buckets over the limit, whose columns hold two buckets. */
  if (runs->len > 0 && layout->u1 - layout->u0 > (layout->width - 2 * FBK_CHART_MARGIN) * layout->scale)
    /* Translators: legend entry for the faded part of bars on a dense
     * chart (a year of hours), where one column of pixels holds several */
    fbk_chart_legend_add (layout, FBK_CHART_LEGEND_NOTE, self, RANGE_NOTE, 0.0,
                          _("Lighter: the range of the hours one column of pixels holds"));
}

void
fbk_chart_bar_layer_draw_swatch (FbkChartLayer        *self,
                                 const FbkChartLayout *layout,
                                 guint                 series,
                                 FbkChartCanvas       *canvas,
                                 double                x,
                                 double                y)
{
  cairo_rectangle_t box;
  FbkChartColor color;

  if (series == RANGE_NOTE)
    {
      g_autoptr(GArray) runs = get_runs (self, layout->model);

      series_color (layout, RUNS (runs)[0].series, &color);
      color = fbk_chart_color_mix (&color, &layout->palette->background, RANGE_FADE);
    }
  else
    series_color (layout, series, &color);
  fbk_chart_legend_swatch_box (layout, x, y, layout->text.swatch, &box);
  fbk_chart_color_set_source (canvas->cr, &color);
  cairo_rectangle (canvas->cr, box.x, box.y, box.width, box.height);
  cairo_fill (canvas->cr);
}

void
fbk_chart_bar_layer_describe (FbkChartLayer *self,
                              FbkChartModel *model,
                              guint          first,
                              guint          end,
                              GString       *text)
{
  g_autoptr(GArray) runs = get_runs (self, model);

  for (guint r = 0; r < runs->len; r++)
    _fbk_chart_describe_series (text, model, RUNS (runs)[r].series, first, end);
}
