/* fbk-chart-layout.c: where everything of a chart goes at one size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layout"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-format.h"
#include "fbk-chart-layout-private.h"
#include "fbk-chart-legend.h"
#include "fbk-chart-model-private.h"
#include "fbk-chart-renderer.h"

G_DEFINE_BOXED_TYPE (FbkChartLayout, fbk_chart_layout, fbk_chart_layout_ref, fbk_chart_layout_unref)

/* Header */

static gboolean
model_has_direction (FbkChartModel *model,
                     FbkDirection   direction)
{
  for (guint s = 0; s < fbk_chart_model_get_n_series (model); s++)
    {
      if (fbk_chart_model_get_series_direction (model, s) == direction)
        return TRUE;
    }
  return FALSE;
}

static char *
summary_text (const FbkChartLayout *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->n_series == 0)
    return g_strdup ("");

  for (guint i = 0; i < self->layers->len; i++)
    {
      FbkChartLayer *layer = g_ptr_array_index (self->layers, i);

      if (layer->klass->summarize != NULL)
        return layer->klass->summarize (layer, self);
    }

  if (fbk_chart_model_get_unit (self->model) == FBK_CHART_UNIT_KW)
    {
      g_autofree char *peak = fbk_chart_format_value (fbk_chart_model_get_max (self->model, FBK_DIRECTION_CONSUMPTION,
                                                                               self->first, self->end),
                                                      FBK_CHART_UNIT_KW);

      /* Translators: the highest bar in view, "Highest 5.2 kW" */
      return g_strdup_printf (_("Highest %s"), peak);
    }

  for (int direction = FBK_DIRECTION_CONSUMPTION; direction <= FBK_DIRECTION_PRODUCTION; direction++)
    {
      g_autofree char *amount = NULL;
      double total = 0.0;
      guint missing = 0;

      if (!model_has_direction (self->model, direction))
        continue;

      for (guint s = 0; s < self->n_series; s++)
        {
          if (fbk_chart_model_get_series_direction (self->model, s) == (FbkDirection) direction)
            {
              total += fbk_chart_model_get_total (self->model, s, self->first, self->end);
              missing += fbk_chart_model_count_missing_hours (self->model, s, self->first, self->end);
            }
        }

      amount = fbk_chart_format_value (total, FBK_CHART_UNIT_KWH);
      if (text->len > 0)
        g_string_append (text, " · ");
      /* Hours without a value make a total a floor, never the whole. */
      if (direction == FBK_DIRECTION_CONSUMPTION && missing > 0)
        /* Translators: total energy used in the visible period, where some hours have no value */
        g_string_append_printf (text, _("Used at least %s"), amount);
      else if (direction == FBK_DIRECTION_CONSUMPTION)
        /* Translators: total energy used in the visible period */
        g_string_append_printf (text, _("Used %s"), amount);
      else if (missing > 0)
        /* Translators: total energy fed into the grid in the visible period, where some hours have no value */
        g_string_append_printf (text, _("Produced at least %s"), amount);
      else
        /* Translators: total energy fed into the grid in the visible period */
        g_string_append_printf (text, _("Produced %s"), amount);
    }

  for (guint i = 0; i < self->layers->len; i++)
    {
      FbkChartLayer *layer = g_ptr_array_index (self->layers, i);

      if (layer->klass->add_to_summary != NULL)
        layer->klass->add_to_summary (layer, self, text);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Title left, totals right, the visible range under them; on a narrow
 * chart (a phone) the totals go under the title instead of squeezing it.
 * Returns the height. */
static double
build_header (FbkChartLayout *self)
{
  g_autofree char *summary = summary_text (self);
  g_autofree char *range = NULL;
  const char *title = fbk_chart_model_get_title (self->model);
  double available = MAX (0.0, self->width - 2 * FBK_CHART_MARGIN);
  double title_width = 0.0, title_height = 0.0;
  double summary_width, summary_height;
  double range_height = 0.0;

  self->summary = fbk_chart_text_new_layout (&self->text, NULL, summary);
  fbk_chart_text_size (self->summary, &summary_width, &summary_height);

  if (title != NULL && *title != '\0')
    {
      self->title = fbk_chart_text_new_layout (&self->text, self->text.title_font, title);
      fbk_chart_text_size (self->title, &title_width, &title_height);
      self->summary_below = summary_width > 0.0 && title_width + FBK_CHART_SPACING * 2 + summary_width > available;
      pango_layout_set_width (self->title,
                              (int) ((self->summary_below ? available
                                                          : MAX (0.0, available - summary_width - FBK_CHART_SPACING * 2))
                                     * PANGO_SCALE));
      pango_layout_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
      /* A phone has the width for the meter or the period, not both: the
       * title takes more lines there rather than losing the period. */
      pango_layout_set_height (self->title, self->summary_below ? -3 : -1);
      fbk_chart_text_size (self->title, NULL, &title_height);
    }

  pango_layout_set_width (self->summary, (int) (available * PANGO_SCALE));
  pango_layout_set_ellipsize (self->summary, PANGO_ELLIPSIZE_END);

  /* The title already names the whole period; the line below it says what
   * part is visible, so it only appears once the view is zoomed or panned. */
  if (self->n_buckets > 0 &&
      (title == NULL || *title == '\0' || self->u0 > 0.0 || self->u1 < self->n_buckets))
    {
      guint n_buckets;
      const FbkInstant *edges = _fbk_chart_model_get_edges (self->model, &n_buckets);

      range = fbk_format_range (edges[self->first], edges[MAX (self->end, self->first + 1)],
                                fbk_chart_model_get_resolution (self->model));
    }
  self->range = fbk_chart_text_new_layout (&self->text, NULL, range != NULL ? range : "");
  pango_layout_set_width (self->range, (int) (available * PANGO_SCALE));
  pango_layout_set_ellipsize (self->range, PANGO_ELLIPSIZE_END);
  if (range != NULL)
    fbk_chart_text_size (self->range, NULL, &range_height);

  if (self->summary_below)
    return title_height + summary_height + range_height;
  return MAX (title_height, summary_height) + range_height;
}

/* Frame */

/* The value axis spans everything the layers draw, and the axis itself. */
static FbkChartAxis *
build_value_axis (FbkChartLayout *self)
{
  double lo = 0.0, hi = 0.0;

  for (guint i = 0; i < self->layers->len; i++)
    {
      FbkChartLayer *layer = g_ptr_array_index (self->layers, i);

      if (layer->klass->extents != NULL)
        layer->klass->extents (layer, self, &lo, &hi);
    }

  return fbk_chart_axis_new_values (self, lo, hi);
}

/* Once there are more buckets than device pixels, columns of a few
 * buckets each show their lowest and highest. */
static guint
choose_buckets_per_column (const FbkChartLayout *self)
{
  double device_width = self->plot.width * self->scale;
  double buckets_per_pixel;

  if (self->n_buckets == 0 || device_width < 1.0)
    return 0;

  buckets_per_pixel = (self->u1 - self->u0) / device_width;
  if (buckets_per_pixel <= 1.0)
    return 0;

  return MAX ((guint) ceil (buckets_per_pixel - 1e-9), 1);
}

static void
find_days (FbkChartLayout *self)
{
  guint n_buckets;
  const FbkInstant *edges = _fbk_chart_model_get_edges (self->model, &n_buckets);
  FbkDate last;

  if (n_buckets == 0 || self->end <= self->first)
    return;

  self->first_day = fbk_time_oslo_date (edges[self->first]);
  last = fbk_time_oslo_date (edges[self->end] - 1);
  self->n_days = (guint) ((fbk_time_oslo_midnight (last) - fbk_time_oslo_midnight (self->first_day)
                           + 12 * FBK_SECONDS_PER_HOUR) / 86400) + 1;
}

/**
 * fbk_chart_layout_new:
 * @width: in units of the surface it will be drawn on (logical pixels)
 * @viewport: (nullable): the visible part of @model's period; NULL for all
 *
 * Works out the chart's frame: the header, the legend, the axes and the
 * plot between them, where the layers draw.
 *
 * Returns: (transfer full): a new layout of @model
 */
FbkChartLayout *
fbk_chart_layout_new (double                  width,
                      double                  height,
                      FbkChartModel          *model,
                      const FbkChartViewport *viewport,
                      const FbkChartStyle    *style)
{
  FbkChartLayout *self;
  double legend_height, label_width, plot_bottom;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  self = g_new0 (FbkChartLayout, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->model = g_object_ref (model);
  self->style = *style;
  self->style.font = NULL;
  self->palette = fbk_chart_style_get_palette (style);
  self->width = MAX (width, 0.0);
  self->height = MAX (height, 0.0);
  self->scale = style->scale > 0.0 ? style->scale : 1.0;
  self->legend = g_array_new (FALSE, TRUE, sizeof (FbkChartLegendEntry));

  fbk_chart_text_init (&self->text, style->font);
  self->layers = _fbk_chart_layers_drawn (model);
  self->frame = _fbk_chart_layers_frame (self->layers);

  self->n_series = fbk_chart_model_get_n_series (model);
  self->n_buckets = fbk_chart_model_get_n_buckets (model);
  _fbk_chart_model_span (model, viewport, &self->u0, &self->u1);
  self->first = (guint) floor (self->u0);
  self->end = MIN ((guint) ceil (self->u1), self->n_buckets);

  /* Below the axis, production mirrors the consumption above it; a chart
   * of production alone (the window's Production view) stands upright
   * instead of hanging from an axis at the top. */
  self->production_below = model_has_direction (model, FBK_DIRECTION_CONSUMPTION);
  if (self->frame == FBK_CHART_FRAME_DAY_BY_HOUR)
    find_days (self);
  else if (self->frame == FBK_CHART_FRAME_WEEKDAY_BY_HOUR && self->end > self->first)
    self->n_days = 7;

  /* From the top: header, unit, plot; from the bottom: legend, the axis
   * under the plot. */
  self->header_y = FBK_CHART_MARGIN;
  self->unit_y = self->header_y + build_header (self) + FBK_CHART_SPACING;
  for (guint i = 0; i < self->layers->len; i++)
    {
      FbkChartLayer *layer = g_ptr_array_index (self->layers, i);

      if (layer->klass->legend != NULL)
        layer->klass->legend (layer, self);
    }
  legend_height = fbk_chart_legend_arrange (self);
  self->legend_y = height - FBK_CHART_MARGIN - legend_height;
  /* The legend's gap and the labels under the plot, from where the legend starts. */
  plot_bottom = self->legend_y - (legend_height > 0 ? FBK_CHART_SPACING * 1.5 : 0) - self->text.line_height
                - FBK_CHART_TICK_LENGTH - FBK_CHART_SPACING / 2;

  if (self->frame != FBK_CHART_FRAME_TIMELINE)
    {
      /* No unit over the days: the legend's colour scale has it. */
      self->plot.y = self->unit_y;
      self->plot.height = MAX (0.0, plot_bottom - self->plot.y);
      self->left_axis = self->frame == FBK_CHART_FRAME_DAY_BY_HOUR ? fbk_chart_axis_new_days (self)
                                                                  : fbk_chart_axis_new_weekdays (self);
    }
  else
    {
      self->plot.y = self->unit_y + self->text.line_height + FBK_CHART_SPACING / 2;
      self->plot.height = MAX (0.0, plot_bottom - self->plot.y);
      self->left_axis = build_value_axis (self);
      fbk_chart_axis_get_range (self->left_axis, &self->v_lo, &self->v_hi);
    }

  /* The labels' width sets where the plot starts; on whole device pixels,
   * clipping to it stays on cairo's fast path for pixel-aligned boxes. */
  label_width = fbk_chart_axis_get_label_width (self->left_axis);
  self->plot.x = ceil ((FBK_CHART_MARGIN + label_width + FBK_CHART_SPACING) * self->scale) / self->scale;
  self->plot.y = round (self->plot.y * self->scale) / self->scale;
  self->plot.width = MAX (0.0, floor ((width - FBK_CHART_MARGIN - self->plot.x) * self->scale) / self->scale);
  self->plot.height = MAX (0.0, floor (self->plot.height * self->scale) / self->scale);

  if (self->frame != FBK_CHART_FRAME_TIMELINE)
    self->bottom_axis = fbk_chart_axis_new_hours (self);
  else
    {
      self->buckets_per_column = choose_buckets_per_column (self);
      self->bottom_axis = fbk_chart_axis_new_time (self);
    }

  return self;
}

FbkChartLayout *
fbk_chart_layout_ref (FbkChartLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
fbk_chart_layout_unref (FbkChartLayout *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < self->legend->len; i++)
    g_object_unref (g_array_index (self->legend, FbkChartLegendEntry, i).text);
  g_clear_pointer (&self->legend, g_array_unref);
  g_clear_pointer (&self->left_axis, fbk_chart_axis_free);
  g_clear_pointer (&self->bottom_axis, fbk_chart_axis_free);
  g_clear_object (&self->title);
  g_clear_object (&self->summary);
  g_clear_object (&self->range);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  fbk_chart_text_clear (&self->text);
  g_clear_object (&self->model);
  g_free (self);
}

double
fbk_chart_layout_get_width (FbkChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return self->width;
}

double
fbk_chart_layout_get_height (FbkChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return self->height;
}

/**
 * fbk_chart_layout_get_plot_area:
 * @out_area: (out): where the layers draw
 *
 * Returns: whether the plot has room at all
 */
gboolean
fbk_chart_layout_get_plot_area (FbkChartLayout    *self,
                                cairo_rectangle_t *out_area)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_area != NULL, FALSE);

  *out_area = self->plot;
  return out_area->width > 0.0 && out_area->height > 0.0;
}

/**
 * fbk_chart_layout_hit_test:
 * @x: (in): a point in the same units as the layout's width and height
 * @out_hit: (out) (optional): what is there
 *
 * Finds the value drawn at (@x, @y) for a tooltip: the topmost layer that
 * has one there answers.
 *
 * Returns: whether a value is there
 */
gboolean
fbk_chart_layout_hit_test (FbkChartLayout *self,
                           double          x,
                           double          y,
                           FbkChartHit    *out_hit)
{
  FbkChartHit hit;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->width <= 0.0 || self->height <= 0.0 || self->n_buckets == 0)
    return FALSE;

  for (guint i = self->layers->len; i > 0; i--)
    {
      FbkChartLayer *layer = g_ptr_array_index (self->layers, i - 1);

      if (layer->klass->hit_test != NULL && layer->klass->hit_test (layer, self, x, y, &hit))
        {
          if (out_hit != NULL)
            *out_hit = hit;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * fbk_chart_layout_get_bucket_rect:
 * @out_rect: (out): where @series' value at @bucket is drawn (with min/max
 *   columns: the column's width, the bucket's height)
 *
 * E.g. to highlight it under the pointer.
 *
 * Returns: FALSE when that value is missing or out of view
 */
gboolean
fbk_chart_layout_get_bucket_rect (FbkChartLayout    *self,
                                  guint              series,
                                  guint              bucket,
                                  cairo_rectangle_t *out_rect)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_rect != NULL, FALSE);

  if (self->width <= 0.0 || self->height <= 0.0 ||
      series >= self->n_series || bucket < self->first || bucket >= self->end)
    return FALSE;

  for (guint i = self->layers->len; i > 0; i--)
    {
      FbkChartLayer *layer = g_ptr_array_index (self->layers, i - 1);

      if (layer->klass->bucket_rect != NULL && layer->klass->bucket_rect (layer, self, series, bucket, out_rect))
        return TRUE;
    }

  return FALSE;
}

/**
 * fbk_chart_layout_get_grid:
 * @out_n_rows: (out) (optional): days, or the seven weekdays
 * @out_n_columns: (out) (optional): the 24 clock hours
 *
 * Returns: whether the chart is a grid of hours (a heatmap) rather than
 *   a timeline, with cells to move between
 */
gboolean
fbk_chart_layout_get_grid (FbkChartLayout *self,
                           guint          *out_n_rows,
                           guint          *out_n_columns)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->frame == FBK_CHART_FRAME_TIMELINE || self->n_days == 0)
    return FALSE;

  if (out_n_rows != NULL)
    *out_n_rows = self->n_days;
  if (out_n_columns != NULL)
    *out_n_columns = 24;
  return TRUE;
}

/**
 * fbk_chart_layout_get_cell_area:
 * @out_area: (out): where the cell of @row and @column is
 *
 * Returns: FALSE when the chart is no grid (fbk_chart_layout_get_grid())
 *   or the cell is outside it
 */
gboolean
fbk_chart_layout_get_cell_area (FbkChartLayout    *self,
                                guint              row,
                                guint              column,
                                cairo_rectangle_t *out_area)
{
  guint n_rows, n_columns;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_area != NULL, FALSE);

  if (!fbk_chart_layout_get_grid (self, &n_rows, &n_columns) || row >= n_rows || column >= n_columns)
    return FALSE;

  *out_area = (cairo_rectangle_t) {
    self->plot.x + column * self->plot.width / n_columns, self->plot.y + row * self->plot.height / n_rows,
    self->plot.width / n_columns, self->plot.height / n_rows,
  };
  return TRUE;
}

/**
 * fbk_chart_layout_describe_cell:
 *
 * What the cell of @row and @column of a grid of hours shows, in words,
 * for a keyboard moving over it: the tooltip of its value, or which hour
 * it is and that it has none.
 *
 * Returns: (transfer full) (nullable): the text; NULL outside a grid
 */
char *
fbk_chart_layout_describe_cell (FbkChartLayout *self,
                                guint           row,
                                guint           column)
{
  cairo_rectangle_t cell;
  FbkChartHit hit;
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (!fbk_chart_layout_get_cell_area (self, row, column, &cell))
    return NULL;

  /* A quarter in: on the day the clocks go back the first 02:00 has the
   * left half of its cell. */
  if (fbk_chart_layout_hit_test (self, cell.x + cell.width / 4, cell.y + cell.height / 2, &hit))
    return fbk_chart_describe_hit (self->model, &hit);

  if (self->frame == FBK_CHART_FRAME_WEEKDAY_BY_HOUR)
    {
      /* 1 January 2024 was a Monday. */
      FbkDate monday = { 2024, 1, 1 };

      name = _fbk_chart_describe_averaged_hour (fbk_time_oslo_at_hour (fbk_date_add_days (monday, (int) row),
                                                                       (int) column));
    }
  else
    {
      FbkDate date = fbk_date_add_days (self->first_day, (int) row);
      FbkInstant start = fbk_time_oslo_at_hour (date, (int) column);

      if (fbk_time_oslo_hour (start) != (int) column)
        {
          g_autofree char *day = fbk_format_date (date, C_("skipped hour", "%b %-d, %Y"));

          /* Translators: the cell of the hour a spring day does not have, "Mar 31, 2024: no 02:00, the clocks went forward" */
          return g_strdup_printf (_("%s: no %02u:00, the clocks went forward"), day, column);
        }
      name = fbk_format_period (start, start + FBK_SECONDS_PER_HOUR, FBK_RESOLUTION_HOUR);
    }

  return g_strdup_printf ("%s\n%s", name, _("No value"));
}

/* For the layers and the axes */

double
_fbk_chart_layout_x_of_instant (const FbkChartLayout *self,
                                FbkInstant            instant)
{
  return _fbk_chart_layout_x_of_position (self, _fbk_chart_model_position (self->model, instant));
}

/* What a tooltip says of @series' value at @bucket. */
void
_fbk_chart_layout_get_hit (const FbkChartLayout *self,
                           guint                 series,
                           guint                 bucket,
                           FbkChartHit          *out_hit)
{
  guint n_buckets;
  const FbkInstant *edges = _fbk_chart_model_get_edges (self->model, &n_buckets);

  out_hit->series = series;
  out_hit->bucket = bucket;
  out_hit->n_averaged = 0;
  out_hit->start = edges[bucket];
  out_hit->end = edges[bucket + 1];
  fbk_chart_model_get_value (self->model, series, bucket, &out_hit->value, &out_hit->flags);
}
