/* fbk-chart-layer-cells.c: one series' hours as cells on a grid of days
 * (rows) by clock hours (columns), shaded by value: a heatmap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layer-cells"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-format.h"
#include "fbk-chart-layout-private.h"
#include "fbk-chart-legend.h"
#include "fbk-chart-model-private.h"

/* The palest shade, for zero: still a colour, never the background an
 * empty (missing) cell shows. */
#define LOWEST_SHADE 0.12
/* Cells this many device pixels wide or high get a pixel's gap. */
#define MIN_GAPPED_CELL 6.0
#define SCALE_SWATCHES 4

enum
{
  ENTRY_SCALE,
  ENTRY_MISSING,
};

typedef struct
{
  FbkChartLayer parent;
  guint         series;
} Cells;

/* An Oslo day of the grid: its row, and when it starts and ends (23, 24
 * or 25 hours apart). */
typedef struct
{
  FbkDate    date;
  FbkInstant start;
  FbkInstant end;
  guint      row;
} Day;

/* Where an hour goes: its day's row, its clock hour's column, and on the
 * day the clocks go back, which half of the column 02 it shares with the
 * other 02:00 (-1 for the whole cell). */
typedef struct
{
  guint row;
  guint hour;
  int   half;
} Cell;

static void
day_init (Day                  *day,
          const FbkChartLayout *layout,
          FbkDate               date)
{
  day->date = date;
  day->start = fbk_time_oslo_midnight (date);
  day->end = fbk_time_oslo_midnight (fbk_date_add_days (date, 1));
  day->row = (guint) ((day->start - fbk_time_oslo_midnight (layout->first_day) + 12 * FBK_SECONDS_PER_HOUR) / 86400);
}

static void
day_next (Day *day)
{
  day->date = fbk_date_add_days (day->date, 1);
  day->start = day->end;
  day->end = fbk_time_oslo_midnight (fbk_date_add_days (day->date, 1));
  day->row++;
}

/* On a 23-hour day no hour has the column of 02; on a 25-hour day two
 * share it, the first on the left. */
static Cell
cell_in_day (const Day  *day,
             FbkInstant  start)
{
  Cell cell = { day->row, (guint) ((start - day->start) / FBK_SECONDS_PER_HOUR), -1 };

  if (day->end - day->start != 24 * FBK_SECONDS_PER_HOUR)
    {
      cell.hour = fbk_time_oslo_hour (start);
      if (start - FBK_SECONDS_PER_HOUR >= day->start && fbk_time_oslo_hour (start - FBK_SECONDS_PER_HOUR) == (int) cell.hour)
        cell.half = 1;
      else if (start + FBK_SECONDS_PER_HOUR < day->end && fbk_time_oslo_hour (start + FBK_SECONDS_PER_HOUR) == (int) cell.hour)
        cell.half = 0;
    }

  return cell;
}

static void
cell_rect (const FbkChartLayout *layout,
           Cell                  cell,
           cairo_rectangle_t    *out_rect)
{
  double column = layout->plot.width / 24;
  double row = layout->plot.height / MAX (layout->n_days, 1);
  double x0 = layout->plot.x + cell.hour * column;
  double x1 = x0 + column;
  double y0 = layout->plot.y + cell.row * row;
  double y1 = y0 + row;
  double gap = 1.0 / layout->scale;

  if (cell.half >= 0)
    {
      double middle = (x0 + x1) / 2;

      if (cell.half == 0)
        x1 = middle;
      else
        x0 = middle;
    }

  if ((x1 - x0) * layout->scale >= MIN_GAPPED_CELL)
    {
      x0 += gap / 2;
      x1 -= gap / 2;
    }
  if ((y1 - y0) * layout->scale >= MIN_GAPPED_CELL)
    {
      y0 += gap / 2;
      y1 -= gap / 2;
    }

  x0 = _fbk_chart_layout_snap (layout, x0);
  y0 = _fbk_chart_layout_snap (layout, y0);
  out_rect->x = x0;
  out_rect->y = y0;
  out_rect->width = MAX (_fbk_chart_layout_snap (layout, x1) - x0, gap);
  out_rect->height = MAX (_fbk_chart_layout_snap (layout, y1) - y0, gap);
}

/* Only an hourly model's buckets are clock hours. */
static gboolean
can_draw (const Cells          *self,
          const FbkChartLayout *layout)
{
  return self->series < layout->n_series && layout->n_days > 0 &&
         fbk_chart_model_get_resolution (layout->model) == FBK_RESOLUTION_HOUR;
}

static FbkChartColor
shade (const FbkChartLayout *layout,
       guint                 series,
       double                share)
{
  FbkChartColor color;

  fbk_chart_style_get_series_color (&layout->style, fbk_chart_model_get_series_direction (layout->model, series),
                                    fbk_chart_model_get_series_colour_slot (layout->model, series), &color);
  return fbk_chart_color_mix (&layout->palette->background, &color,
                              LOWEST_SHADE + (1.0 - LOWEST_SHADE) * CLAMP (share, 0.0, 1.0));
}

static double
highest (const Cells          *self,
         const FbkChartLayout *layout)
{
  return fbk_chart_model_get_series_max (layout->model, self->series, layout->first, layout->end);
}

static void
draw_missing (const FbkChartLayout    *layout,
              cairo_t                 *cr,
              const cairo_rectangle_t *rect)
{
  double line = 1.0 / layout->scale;

  fbk_chart_color_set_source (cr, &layout->palette->axis);
  cairo_set_line_width (cr, line);
  cairo_rectangle (cr, rect->x + line / 2, rect->y + line / 2,
                   MAX (rect->width - line, 0.0), MAX (rect->height - line, 0.0));
  cairo_stroke (cr);
}

static void
cells_legend (FbkChartLayer  *layer,
              FbkChartLayout *layout)
{
  Cells *self = (Cells *) layer;
  const guint8 *flags;
  FbkChartUnit unit;
  g_autofree char *lowest = NULL;
  g_autofree char *top = NULL;
  g_autofree char *scale = NULL;
  gboolean missing = FALSE;

  if (!can_draw (self, layout))
    return;

  unit = fbk_chart_model_get_unit (layout->model);
  lowest = fbk_chart_format_value (0.0, unit);
  top = fbk_chart_format_value (highest (self, layout), unit);
  /* Translators: legend entry for a colour scale, a meter and the values
   * from its palest to its darkest shade: "Home: 0.00 kWh to 3.12 kWh" */
  scale = g_strdup_printf (_("%s: %s to %s"), fbk_chart_model_get_series_label (layout->model, self->series),
                           lowest, top);
  fbk_chart_legend_add (layout, FBK_CHART_LEGEND_SERIES, layer, ENTRY_SCALE, layout->text.swatch * SCALE_SWATCHES,
                        scale);

  flags = _fbk_chart_model_get_flags (layout->model, self->series);
  for (guint i = layout->first; i < layout->end && !missing; i++)
    missing = !(flags[i] & FBK_CHART_BUCKET_PRESENT);
  if (missing)
    /* Translators: legend entry for the empty cells of hours without a value */
    fbk_chart_legend_add (layout, FBK_CHART_LEGEND_NOTE, layer, ENTRY_MISSING, 0.0, _("No value"));

  if (fbk_chart_model_count_unverified (layout->model, self->series, layout->first, layout->end) > 0)
    fbk_chart_legend_add_unverified (layout);
}

static void
cells_draw_swatch (FbkChartLayer        *layer,
                   const FbkChartLayout *layout,
                   guint                 index,
                   FbkChartCanvas       *canvas,
                   double                x,
                   double                y)
{
  Cells *self = (Cells *) layer;
  cairo_rectangle_t box;

  if (index == ENTRY_MISSING)
    {
      fbk_chart_legend_swatch_box (layout, x, y, layout->text.swatch, &box);
      draw_missing (layout, canvas->cr, &box);
      return;
    }

  fbk_chart_legend_swatch_box (layout, x, y, layout->text.swatch * SCALE_SWATCHES, &box);
  {
    cairo_pattern_t *gradient = cairo_pattern_create_linear (box.x, 0.0, box.x + box.width, 0.0);
    FbkChartColor palest = shade (layout, self->series, 0.0);
    FbkChartColor darkest = shade (layout, self->series, 1.0);

    cairo_pattern_add_color_stop_rgba (gradient, 0.0, palest.red, palest.green, palest.blue, palest.alpha);
    cairo_pattern_add_color_stop_rgba (gradient, 1.0, darkest.red, darkest.green, darkest.blue, darkest.alpha);
    cairo_set_source (canvas->cr, gradient);
    cairo_rectangle (canvas->cr, box.x, box.y, box.width, box.height);
    cairo_fill (canvas->cr);
    cairo_pattern_destroy (gradient);
  }
}

/* Each hour in view in its cell: shaded from the palest (0) to the series'
 * colour (the highest in view), striped when not verified yet, empty with
 * a thin border when it has no value. */
static void
cells_draw (FbkChartLayer        *layer,
            const FbkChartLayout *layout,
            FbkChartCanvas       *canvas)
{
  Cells *self = (Cells *) layer;
  const FbkInstant *edges;
  const double *values;
  const guint8 *flags;
  guint n_buckets;
  double top;
  Day day;

  if (!can_draw (self, layout) || layout->end <= layout->first)
    return;

  edges = _fbk_chart_model_get_edges (layout->model, &n_buckets);
  values = _fbk_chart_model_get_values (layout->model, self->series);
  flags = _fbk_chart_model_get_flags (layout->model, self->series);
  top = highest (self, layout);
  day_init (&day, layout, fbk_time_oslo_date (edges[layout->first]));

  for (guint i = layout->first; i < layout->end; i++)
    {
      cairo_rectangle_t rect;
      FbkChartColor color;

      while (edges[i] >= day.end)
        day_next (&day);
      cell_rect (layout, cell_in_day (&day, edges[i]), &rect);

      if (!(flags[i] & FBK_CHART_BUCKET_PRESENT))
        {
          draw_missing (layout, canvas->cr, &rect);
          continue;
        }

      color = shade (layout, self->series, top > 0.0 ? values[i] / top : 0.0);
      fbk_chart_color_set_source (canvas->cr, &color);
      cairo_rectangle (canvas->cr, rect.x, rect.y, rect.width, rect.height);
      if (flags[i] & FBK_INTERVAL_VERIFIED)
        cairo_fill (canvas->cr);
      else
        {
          cairo_fill_preserve (canvas->cr);
          cairo_set_source (canvas->cr, canvas->hatch);
          cairo_fill (canvas->cr);
        }
    }
}

static gboolean
cells_bucket_rect (FbkChartLayer        *layer,
                   const FbkChartLayout *layout,
                   guint                 series,
                   guint                 bucket,
                   cairo_rectangle_t    *out_rect)
{
  Cells *self = (Cells *) layer;
  guint n_buckets;
  const FbkInstant *edges;
  Day day;

  if (!can_draw (self, layout) || series != self->series ||
      !fbk_chart_model_get_value (layout->model, series, bucket, NULL, NULL))
    return FALSE;

  edges = _fbk_chart_model_get_edges (layout->model, &n_buckets);
  day_init (&day, layout, fbk_time_oslo_date (edges[bucket]));
  cell_rect (layout, cell_in_day (&day, edges[bucket]), out_rect);
  return TRUE;
}

/* The hour of the row's day whose cell holds (@x, @y). */
static gboolean
cells_hit_test (FbkChartLayer        *layer,
                const FbkChartLayout *layout,
                double                x,
                double                y,
                FbkChartHit          *out_hit)
{
  Cells *self = (Cells *) layer;
  guint n_buckets;
  const FbkInstant *edges;
  guint row, bucket;
  Day day;

  if (!can_draw (self, layout) ||
      x < layout->plot.x || x >= layout->plot.x + layout->plot.width ||
      y < layout->plot.y || y >= layout->plot.y + layout->plot.height)
    return FALSE;

  row = (guint) ((y - layout->plot.y) / (layout->plot.height / layout->n_days));
  day_init (&day, layout, fbk_date_add_days (layout->first_day, (int) MIN (row, layout->n_days - 1)));
  if (!fbk_chart_model_find_bucket (layout->model, MAX (day.start, fbk_chart_model_get_from (layout->model)), &bucket))
    return FALSE;

  edges = _fbk_chart_model_get_edges (layout->model, &n_buckets);
  for (bucket = MAX (bucket, layout->first); bucket < layout->end && edges[bucket] < day.end; bucket++)
    {
      cairo_rectangle_t rect;

      cell_rect (layout, cell_in_day (&day, edges[bucket]), &rect);
      if (x < rect.x || x >= rect.x + rect.width + 1.0 / layout->scale)
        continue;

      if (!fbk_chart_model_get_value (layout->model, self->series, bucket, NULL, NULL))
        return FALSE;

      if (out_hit != NULL)
        _fbk_chart_layout_get_hit (layout, self->series, bucket, out_hit);
      return TRUE;
    }

  return FALSE;
}

static void
cells_describe (FbkChartLayer *layer,
                FbkChartModel *model,
                guint          first,
                guint          end,
                GString       *text)
{
  Cells *self = (Cells *) layer;

  if (self->series < fbk_chart_model_get_n_series (model))
    _fbk_chart_describe_series (text, model, self->series, first, end);
}

static const FbkChartLayerClass cells_class = {
  .name = "cells",
  .frame = FBK_CHART_FRAME_DAY_BY_HOUR,
  .legend = cells_legend,
  .draw_swatch = cells_draw_swatch,
  .draw = cells_draw,
  .hit_test = cells_hit_test,
  .bucket_rect = cells_bucket_rect,
  .describe = cells_describe,
};

/**
 * fbk_chart_cells_new:
 * @series: the model's series to draw; the model must be hourly
 *
 * A heatmap of @series: a row per Oslo day in view, a column per clock
 * hour, each hour's cell shaded from the palest (nothing) to the series'
 * colour (the highest in view); a legend with the scale. A day of 23
 * hours leaves the cell of 02:00 out; on a day of 25 the two hours
 * called 02:00 share its cell, the first on the left. An hour without a
 * value is an empty cell with a thin border, never the shade of zero.
 *
 * Returns: (transfer full): a new layer
 */
FbkChartLayer *
fbk_chart_cells_new (guint series)
{
  Cells *self = _fbk_chart_layer_new (&cells_class, sizeof (Cells));

  self->series = series;
  return &self->parent;
}
