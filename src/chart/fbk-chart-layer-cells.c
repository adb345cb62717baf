/* fbk-chart-layer-cells.c: one series' hours as cells on a grid of days
 * (rows) by clock hours (columns), shaded by value: a heatmap; or their
 * averages on a grid of the seven weekdays by clock hours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layer-cells"

#include "config.h"

#include <math.h>
#include <string.h>

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
  ENTRY_SPRING,
  ENTRY_AUTUMN,
};

typedef struct
{
  FbkChartLayer parent;
  guint         series;
} Cells;

/* One cell of the weekday grid: the hours of the period in view on that
 * weekday at that clock hour, whole ones only (an hour only some meters
 * have a value for would pull the average down). */
typedef struct
{
  double sum;
  guint  n;
  guint  first_bucket;  /* the earliest of them, for a tooltip's weekday and hour */
  gboolean verified;
} Average;

#define N_WEEKDAYS 7

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

/* The visible hours' averages, by weekday (Monday first) and clock hour:
 * both 02:00s of an autumn day count at 02, a spring day none. */
static void
weekday_averages (const Cells   *self,
                  FbkChartModel *model,
                  guint          first,
                  guint          end,
                  Average        averages[N_WEEKDAYS][24])
{
  guint n_buckets;
  const FbkInstant *edges = _fbk_chart_model_get_edges (model, &n_buckets);
  const double *values = _fbk_chart_model_get_values (model, self->series);
  const guint8 *flags = _fbk_chart_model_get_flags (model, self->series);

  memset (averages, 0, sizeof (Average) * N_WEEKDAYS * 24);
  for (guint i = first; i < MIN (end, n_buckets); i++)
    {
      Average *average;

      if ((flags[i] & (FBK_CHART_BUCKET_PRESENT | FBK_CHART_BUCKET_PARTIAL)) != FBK_CHART_BUCKET_PRESENT)
        continue;

      average = &averages[fbk_date_weekday (fbk_time_oslo_date (edges[i])) - 1][fbk_time_oslo_hour (edges[i])];
      if (average->n == 0)
        {
          average->first_bucket = i;
          average->verified = TRUE;
        }
      average->sum += values[i];
      average->n++;
      average->verified &= (flags[i] & FBK_INTERVAL_VERIFIED) != 0;
    }
}

static double
highest_average (Average averages[N_WEEKDAYS][24])
{
  double top = 0.0;

  for (guint d = 0; d < N_WEEKDAYS; d++)
    for (guint h = 0; h < 24; h++)
      if (averages[d][h].n > 0)
        top = MAX (top, averages[d][h].sum / averages[d][h].n);
  return top;
}

/* Which of the clock changes the days in view have. */
static void
find_clock_changes (const FbkChartLayout *layout,
                    gboolean             *out_spring,
                    gboolean             *out_autumn)
{
  FbkDate date = layout->first_day;

  *out_spring = *out_autumn = FALSE;
  for (guint row = 0; row < layout->n_days; row++, date = fbk_date_add_days (date, 1))
    {
      FbkInstant length = fbk_time_oslo_midnight (fbk_date_add_days (date, 1)) - fbk_time_oslo_midnight (date);

      *out_spring |= length < 24 * FBK_SECONDS_PER_HOUR;
      *out_autumn |= length > 24 * FBK_SECONDS_PER_HOUR;
    }
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

/* A cell of @share of the highest value, hatched while not verified. */
static void
draw_cell (const FbkChartLayout    *layout,
           FbkChartCanvas          *canvas,
           guint                    series,
           const cairo_rectangle_t *rect,
           double                   share,
           gboolean                 verified)
{
  FbkChartColor color = shade (layout, series, share);

  fbk_chart_color_set_source (canvas->cr, &color);
  cairo_rectangle (canvas->cr, rect->x, rect->y, rect->width, rect->height);
  if (verified)
    cairo_fill (canvas->cr);
  else
    {
      cairo_fill_preserve (canvas->cr);
      cairo_set_source (canvas->cr, canvas->hatch);
      cairo_fill (canvas->cr);
    }
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

  {
    gboolean spring, autumn;

    find_clock_changes (layout, &spring, &autumn);
    if (spring)
      /* Translators: legend entry for the blank cell of the hour a spring
       * day skips when the clocks go forward */
      fbk_chart_legend_add (layout, FBK_CHART_LEGEND_NOTE, layer, ENTRY_SPRING, 0.0,
                            _("Clocks forward: no 02:00"));
    if (autumn)
      /* Translators: legend entry for the cell split in two on the day the
       * clocks go back, when 02:00 comes twice */
      fbk_chart_legend_add (layout, FBK_CHART_LEGEND_NOTE, layer, ENTRY_AUTUMN, 0.0,
                            _("Clocks back: 02:00 twice, side by side"));
  }

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
  if (index == ENTRY_SPRING || index == ENTRY_AUTUMN)
    {
      FbkChartColor color = shade (layout, self->series, 0.5);
      double gap = 1.0 / layout->scale;

      fbk_chart_legend_swatch_box (layout, x, y, layout->text.swatch, &box);
      fbk_chart_color_set_source (canvas->cr, &color);
      /* The skipped hour between its neighbours; the two halves of one. */
      if (index == ENTRY_SPRING)
        {
          cairo_rectangle (canvas->cr, box.x, box.y, box.width / 4, box.height);
          cairo_rectangle (canvas->cr, box.x + box.width * 3 / 4, box.y, box.width / 4, box.height);
        }
      else
        {
          cairo_rectangle (canvas->cr, box.x, box.y, box.width / 2 - gap, box.height);
          cairo_rectangle (canvas->cr, box.x + box.width / 2 + gap, box.y, box.width / 2 - gap, box.height);
        }
      cairo_fill (canvas->cr);
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

      while (edges[i] >= day.end)
        day_next (&day);
      cell_rect (layout, cell_in_day (&day, edges[i]), &rect);

      if (!(flags[i] & FBK_CHART_BUCKET_PRESENT))
        {
          draw_missing (layout, canvas->cr, &rect);
          continue;
        }

      draw_cell (layout, canvas, self->series, &rect, top > 0.0 ? values[i] / top : 0.0,
                 (flags[i] & FBK_INTERVAL_VERIFIED) != 0);
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

static void
weekday_cells_legend (FbkChartLayer  *layer,
                      FbkChartLayout *layout)
{
  Cells *self = (Cells *) layer;
  Average averages[N_WEEKDAYS][24];
  FbkChartUnit unit;
  g_autofree char *lowest = NULL;
  g_autofree char *top = NULL;
  g_autofree char *scale = NULL;
  gboolean missing = FALSE, unverified = FALSE;

  if (!can_draw (self, layout))
    return;

  weekday_averages (self, layout->model, layout->first, layout->end, averages);
  unit = fbk_chart_model_get_unit (layout->model);
  lowest = fbk_chart_format_value (0.0, unit);
  top = fbk_chart_format_value (highest_average (averages), unit);
  /* Translators: legend entry for the colour scale of averages, a meter
   * and the values from its palest to its darkest shade: "Home, on
   * average: 0.00 kWh to 3.12 kWh" */
  scale = g_strdup_printf (_("%s, on average: %s to %s"),
                           fbk_chart_model_get_series_label (layout->model, self->series), lowest, top);
  fbk_chart_legend_add (layout, FBK_CHART_LEGEND_SERIES, layer, ENTRY_SCALE, layout->text.swatch * SCALE_SWATCHES,
                        scale);

  for (guint d = 0; d < N_WEEKDAYS; d++)
    for (guint h = 0; h < 24; h++)
      {
        missing |= averages[d][h].n == 0;
        unverified |= averages[d][h].n > 0 && !averages[d][h].verified;
      }
  if (missing)
    fbk_chart_legend_add (layout, FBK_CHART_LEGEND_NOTE, layer, ENTRY_MISSING, 0.0, _("No value"));
  if (unverified)
    fbk_chart_legend_add_unverified (layout);
}

/* Each weekday's row, each clock hour's average shaded as the day grid
 * shades hours; a cell no whole hour falls in is empty with a border. */
static void
weekday_cells_draw (FbkChartLayer        *layer,
                    const FbkChartLayout *layout,
                    FbkChartCanvas       *canvas)
{
  Cells *self = (Cells *) layer;
  Average averages[N_WEEKDAYS][24];
  double top;

  if (!can_draw (self, layout))
    return;

  weekday_averages (self, layout->model, layout->first, layout->end, averages);
  top = highest_average (averages);
  for (guint d = 0; d < N_WEEKDAYS; d++)
    for (guint h = 0; h < 24; h++)
      {
        const Average *average = &averages[d][h];
        cairo_rectangle_t rect;

        cell_rect (layout, (Cell) { d, h, -1 }, &rect);
        if (average->n == 0)
          {
            draw_missing (layout, canvas->cr, &rect);
            continue;
          }

        draw_cell (layout, canvas, self->series, &rect, top > 0.0 ? average->sum / average->n / top : 0.0,
                   average->verified);
      }
}

static gboolean
weekday_cells_hit_test (FbkChartLayer        *layer,
                        const FbkChartLayout *layout,
                        double                x,
                        double                y,
                        FbkChartHit          *out_hit)
{
  Cells *self = (Cells *) layer;
  Average averages[N_WEEKDAYS][24];
  const Average *average;
  guint row, column;

  if (!can_draw (self, layout) ||
      x < layout->plot.x || x >= layout->plot.x + layout->plot.width ||
      y < layout->plot.y || y >= layout->plot.y + layout->plot.height)
    return FALSE;

  row = MIN ((guint) ((y - layout->plot.y) / (layout->plot.height / N_WEEKDAYS)), N_WEEKDAYS - 1);
  column = MIN ((guint) ((x - layout->plot.x) / (layout->plot.width / 24)), 23);
  weekday_averages (self, layout->model, layout->first, layout->end, averages);
  average = &averages[row][column];
  if (average->n == 0)
    return FALSE;

  if (out_hit != NULL)
    {
      _fbk_chart_layout_get_hit (layout, self->series, average->first_bucket, out_hit);
      out_hit->value = average->sum / average->n;
      out_hit->flags = average->verified ? FBK_INTERVAL_VERIFIED : 0;
      out_hit->n_averaged = average->n;
    }
  return TRUE;
}

/* The totals of the hours, then the weekday hour highest on average. */
static void
weekday_cells_describe (FbkChartLayer *layer,
                        FbkChartModel *model,
                        guint          first,
                        guint          end,
                        GString       *text)
{
  Cells *self = (Cells *) layer;
  Average averages[N_WEEKDAYS][24];
  const Average *top = NULL;
  g_autofree char *when = NULL;
  g_autofree char *value = NULL;

  if (self->series >= fbk_chart_model_get_n_series (model))
    return;

  _fbk_chart_describe_series (text, model, self->series, first, end);

  weekday_averages (self, model, first, end, averages);
  for (guint d = 0; d < N_WEEKDAYS; d++)
    for (guint h = 0; h < 24; h++)
      if (averages[d][h].n > 0 && (top == NULL || averages[d][h].sum / averages[d][h].n > top->sum / top->n))
        top = &averages[d][h];
  if (top == NULL)
    return;

  when = _fbk_chart_describe_averaged_hour (fbk_chart_model_get_bucket_start (model, top->first_bucket));
  value = fbk_chart_format_value (top->sum / top->n, fbk_chart_model_get_unit (model));
  g_string_append_c (text, ' ');
  /* Translators: a sentence of a chart's description, "Highest on average: Tuesdays, 17:00–18:00, 3.20 kWh." */
  g_string_append_printf (text, _("Highest on average: %s, %s."), when, value);
}

static const FbkChartLayerClass weekday_cells_class = {
  .name = "weekday-cells",
  .frame = FBK_CHART_FRAME_WEEKDAY_BY_HOUR,
  .legend = weekday_cells_legend,
  .draw_swatch = cells_draw_swatch,
  .draw = weekday_cells_draw,
  .hit_test = weekday_cells_hit_test,
  .describe = weekday_cells_describe,
};

/**
 * fbk_chart_weekday_cells_new:
 * @series: the model's series to draw; the model must be hourly
 *
 * The typical week of @series: a row per weekday, Monday first, a column
 * per clock hour, each cell shaded by the average of the whole hours in
 * view on that weekday at that hour (on the day the clocks go back both
 * 02:00s count at 02; the day they go forward has none). A cell without
 * any is empty with a thin border, never the shade of zero; a tooltip
 * gives the average and how many hours it is of.
 *
 * Returns: (transfer full): a new layer
 */
FbkChartLayer *
fbk_chart_weekday_cells_new (guint series)
{
  Cells *self = _fbk_chart_layer_new (&weekday_cells_class, sizeof (Cells));

  self->series = series;
  return &self->parent;
}

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

/**
 * fbk_chart_cells_find_highest:
 * @layer: a layer of fbk_chart_cells_new() or fbk_chart_weekday_cells_new()
 * @out_hit: (out): the darkest cell, as pointing at it would find it
 *
 * The hottest cell over the whole of @model's period: the hour with the
 * most, or the weekday and clock hour with the highest average.
 *
 * Returns: whether any cell has a value
 */
gboolean
fbk_chart_cells_find_highest (FbkChartLayer *layer,
                              FbkChartModel *model,
                              FbkChartHit   *out_hit)
{
  Cells *self = (Cells *) layer;
  guint n_buckets = fbk_chart_model_get_n_buckets (model);
  gboolean found = FALSE;

  g_return_val_if_fail (layer != NULL && (layer->klass == &cells_class || layer->klass == &weekday_cells_class), FALSE);
  g_return_val_if_fail (out_hit != NULL, FALSE);

  if (self->series >= fbk_chart_model_get_n_series (model))
    return FALSE;

  *out_hit = (FbkChartHit) { self->series, 0, 0, 0, 0.0, 0, 0 };
  if (layer->klass == &weekday_cells_class)
    {
      Average averages[N_WEEKDAYS][24];
      const Average *top = NULL;

      weekday_averages (self, model, 0, n_buckets, averages);
      for (guint d = 0; d < N_WEEKDAYS; d++)
        for (guint h = 0; h < 24; h++)
          if (averages[d][h].n > 0 && (top == NULL || averages[d][h].sum / averages[d][h].n > top->sum / top->n))
            top = &averages[d][h];
      if (top == NULL)
        return FALSE;

      out_hit->bucket = top->first_bucket;
      out_hit->value = top->sum / top->n;
      out_hit->flags = top->verified ? FBK_INTERVAL_VERIFIED : 0;
      out_hit->n_averaged = top->n;
      found = TRUE;
    }
  else
    {
      for (guint i = 0; i < n_buckets; i++)
        {
          double value;
          FbkIntervalFlags flags;

          if (fbk_chart_model_get_value (model, self->series, i, &value, &flags) &&
              (!found || value > out_hit->value))
            {
              out_hit->bucket = i;
              out_hit->value = value;
              out_hit->flags = flags;
              found = TRUE;
            }
        }
    }

  if (found)
    {
      out_hit->start = fbk_chart_model_get_bucket_start (model, out_hit->bucket);
      out_hit->end = fbk_chart_model_get_bucket_end (model, out_hit->bucket);
    }
  return found;
}
