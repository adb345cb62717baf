/* fbk-chart-axis.c: a chart's axes: where the ticks go, which labels
 * fit, and drawing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-axis"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-axis.h"
#include "fbk-chart-format.h"
#include "fbk-chart-layout-private.h"
#include "fbk-chart-model-private.h"

/* Slack for floating-point noise when a bound sits exactly on a tick
 * (0.3 / 0.1 is 2.9999999999999996). */
#define EPSILON 1e-9

/**
 * fbk_chart_nice_ticks:
 * @max_ticks: at least 2, or 3 when the range includes both signs
 *
 * Picks the smallest 1/2/5 × 10ⁿ step whose ticks, from a multiple of the
 * step at or below @lo to one at or above @hi, number at most @max_ticks.
 * An empty range becomes [0, 1] (or grows to include 0).
 */
void
fbk_chart_nice_ticks (double         lo,
                      double         hi,
                      guint          max_ticks,
                      FbkChartTicks *out_ticks)
{
  static const double multiples[] = { 1.0, 2.0, 5.0, 10.0 };
  double magnitude;

  g_return_if_fail (out_ticks != NULL);
  g_return_if_fail (isfinite (lo) && isfinite (hi));

  if (lo > hi)
    {
      double swap = lo;

      lo = hi;
      hi = swap;
    }
  if (hi - lo <= 0.0)
    {
      lo = MIN (lo, 0.0);
      hi = MAX (hi, 0.0);
      if (hi - lo <= 0.0)
        hi = 1.0;
    }

  /* Ticks are multiples of the step, so a range across zero needs at
   * least -step, 0 and step. */
  max_ticks = MAX (max_ticks, lo < 0.0 && hi > 0.0 ? 3 : 2);
  magnitude = pow (10.0, floor (log10 ((hi - lo) / (max_ticks - 1))));

  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
        {
          double step = multiples[i] * magnitude;
          double first = floor (lo / step + EPSILON);
          double last = ceil (hi / step - EPSILON);

          if (last - first + 1 <= max_ticks)
            {
              out_ticks->step = step;
              out_ticks->first = first * step;
              out_ticks->n = (guint) (last - first) + 1;
              out_ticks->decimals = MAX (0, (int) -floor (log10 (step) + EPSILON));
              return;
            }
        }
      magnitude *= 10.0;
    }
}

/**
 * fbk_chart_time_step_seconds:
 *
 * Returns: the typical length of @step, for judging how much room its
 *   labels get (months and years taken at their mean length)
 */
double
fbk_chart_time_step_seconds (FbkChartTimeStep step)
{
  static const double unit_seconds[FBK_N_RESOLUTIONS] = {
    [FBK_RESOLUTION_HOUR] = 3600.0,
    [FBK_RESOLUTION_DAY] = 86400.0,
    [FBK_RESOLUTION_WEEK] = 7 * 86400.0,
    [FBK_RESOLUTION_MONTH] = 365.2425 / 12 * 86400.0,
    [FBK_RESOLUTION_YEAR] = 365.2425 * 86400.0,
  };

  g_return_val_if_fail (step.unit < FBK_N_RESOLUTIONS, 0.0);

  return unit_seconds[step.unit] * MAX (step.step, 1);
}

static gboolean
on_step (FbkInstant       tick,
         FbkChartTimeStep step)
{
  FbkDate date;

  if (step.step <= 1)
    return TRUE;

  date = fbk_time_oslo_date (tick);

  switch (step.unit)
    {
    case FBK_RESOLUTION_HOUR:
      return fbk_time_oslo_hour (tick) % step.step == 0;
    case FBK_RESOLUTION_DAY:
      /* Restart every month so the 1st is always labelled. */
      return (guint) (date.day - 1) % step.step == 0;
    case FBK_RESOLUTION_MONTH:
      return (guint) (date.month - 1) % step.step == 0;
    case FBK_RESOLUTION_YEAR:
      return (guint) date.year % step.step == 0;
    case FBK_RESOLUTION_WEEK:
    default:
      return TRUE;
    }
}

/**
 * fbk_chart_time_ticks:
 *
 * Returns: (transfer full) (element-type FbkInstant): the starts of the
 *   Oslo periods of @step.unit inside [@from, @to) that fall on @step, in
 *   order. On DST days hourly ticks follow the clock: 23 or 25 hours.
 */
GArray *
fbk_chart_time_ticks (FbkInstant       from,
                      FbkInstant       to,
                      FbkChartTimeStep step)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (FbkInstant));
  FbkInstant tick;

  g_return_val_if_fail (step.unit < FBK_N_RESOLUTIONS, ticks);

  tick = fbk_time_period_start (from, step.unit);
  if (tick < from)
    tick = fbk_time_period_next (tick, step.unit);

  for (; tick < to; tick = fbk_time_period_next (tick, step.unit))
    {
      if (on_step (tick, step))
        g_array_append_val (ticks, tick);
    }

  return ticks;
}

/* Laid-out axes */

typedef enum
{
  AXIS_VALUES,
  AXIS_DAYS,
  AXIS_TIME,
  AXIS_HOURS,
} AxisKind;

typedef struct
{
  PangoLayout *layout;
  double       x;
  double       y;
} Label;

struct _FbkChartAxis
{
  AxisKind       kind;
  GArray        *labels;       /* Label; AXIS_VALUES: one per tick, placed when drawn */
  GArray        *tick_xs;      /* double: tick marks under the plot */
  FbkChartTicks  ticks;        /* AXIS_VALUES */
  GArray        *label_rows;   /* guint: AXIS_DAYS, the row of each label */
  PangoLayout   *unit;         /* AXIS_VALUES */
};

static void
clear_label (gpointer data)
{
  g_clear_object (&((Label *) data)->layout);
}

static FbkChartAxis *
axis_new (AxisKind kind)
{
  FbkChartAxis *axis = g_new0 (FbkChartAxis, 1);

  axis->kind = kind;
  axis->labels = g_array_new (FALSE, TRUE, sizeof (Label));
  g_array_set_clear_func (axis->labels, clear_label);
  axis->tick_xs = g_array_new (FALSE, FALSE, sizeof (double));
  axis->label_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  return axis;
}

static void
add_label (FbkChartAxis         *axis,
           const FbkChartLayout *layout,
           const char           *text,
           double                x,
           double                y)
{
  Label label = { fbk_chart_text_new_layout (&layout->text, NULL, text), x, y };

  g_array_append_val (axis->labels, label);
}

void
fbk_chart_axis_free (FbkChartAxis *axis)
{
  g_clear_pointer (&axis->labels, g_array_unref);
  g_clear_pointer (&axis->tick_xs, g_array_unref);
  g_clear_pointer (&axis->label_rows, g_array_unref);
  g_clear_object (&axis->unit);
  g_free (axis);
}

/**
 * fbk_chart_axis_new_values:
 * @lo: the lowest value the layers draw (production below the axis as a
 *   negative)
 * @hi: the highest
 *
 * The value axis left of a timeline: as many ticks as fit the plot's
 * height, labelled with heights (production below the axis is labelled
 * by how much, not with a sign; a credit in kr below it is negative), and
 * the unit above them.
 */
FbkChartAxis *
fbk_chart_axis_new_values (const FbkChartLayout *layout,
                           double                lo,
                           double                hi)
{
  FbkChartAxis *axis = axis_new (AXIS_VALUES);
  guint max_ticks = (guint) MAX (2.0, floor (layout->plot.height / (layout->text.line_height * 2.0)) + 1);

  fbk_chart_nice_ticks (lo, hi, max_ticks, &axis->ticks);

  for (guint i = 0; i < axis->ticks.n; i++)
    {
      double value = axis->ticks.first + axis->ticks.step * i;
      /* Below the axis, energy is production (a height); money is a
       * credit, which has its sign. */
      gboolean signed_values = fbk_chart_model_get_unit (layout->model) == FBK_CHART_UNIT_KR;
      g_autofree char *text = fbk_format_number (signed_values ? value : fabs (value), axis->ticks.decimals);

      add_label (axis, layout, text, 0.0, 0.0);
    }

  axis->unit = fbk_chart_text_new_layout (&layout->text, NULL,
                                          fbk_chart_unit_symbol (fbk_chart_model_get_unit (layout->model)));
  return axis;
}

/**
 * fbk_chart_axis_get_range:
 *
 * The values at the bottom and the top of the plot: the value axis' first
 * and last ticks.
 */
void
fbk_chart_axis_get_range (const FbkChartAxis *axis,
                          double             *out_lo,
                          double             *out_hi)
{
  g_return_if_fail (axis->kind == AXIS_VALUES);

  *out_lo = axis->ticks.first;
  *out_hi = axis->ticks.first + axis->ticks.step * (axis->ticks.n - 1);
}

/**
 * fbk_chart_axis_get_label_width:
 *
 * Returns: the widest label, and so the room the axis needs left of the
 *   plot
 */
double
fbk_chart_axis_get_label_width (const FbkChartAxis *axis)
{
  double width = axis->unit != NULL ? fbk_chart_text_width (axis->unit) : 0.0;

  for (guint i = 0; i < axis->labels->len; i++)
    width = MAX (width, fbk_chart_text_width (g_array_index (axis->labels, Label, i).layout));

  return width;
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
      formats[0] = C_("axis, day", "%a %-d %b");
      formats[1] = C_("axis, day", "%-d %b");
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
    larger = C_("axis, day", "%-d %b");
  else if (unit == FBK_RESOLUTION_DAY && date.day == 1 && g_strcmp0 (format, C_("axis, day", "%-d")) == 0)
    larger = C_("axis, day", "%-d %b");
  else if (unit == FBK_RESOLUTION_MONTH && date.month == 1 && g_strcmp0 (format, C_("axis, month", "%b")) == 0)
    larger = C_("axis, month", "%b %Y");

  if (out_names_larger != NULL)
    *out_names_larger = larger != NULL;
  return fbk_format_instant (tick, larger != NULL ? larger : format);
}

/* A late, long month and a two-digit day and hour: about the widest
 * label any format gives. */
static FbkDate
widest_sample_date (void)
{
  return (FbkDate) { 2000, 9, 28 };
}

static double
label_width_for (const FbkChartLayout *layout,
                 FbkResolution         unit,
                 const char           *format)
{
  FbkInstant sample = fbk_time_oslo_midnight (widest_sample_date ()) + 23 * FBK_SECONDS_PER_HOUR;
  g_autofree char *text = fbk_format_instant (sample, format);
  g_autoptr(PangoLayout) measure = fbk_chart_text_new_layout (&layout->text, NULL, text);
  double width = fbk_chart_text_width (measure);

  if (unit == FBK_RESOLUTION_HOUR)
    {
      g_autofree char *midnight = time_label (fbk_time_oslo_midnight (widest_sample_date ()), unit, format, NULL);

      pango_layout_set_text (measure, midnight, -1);
      width = MAX (width, fbk_chart_text_width (measure));
    }

  return width;
}

static gboolean
choose_time_step (const FbkChartLayout *layout,
                  double                visible_seconds,
                  FbkChartTimeStep     *out_step,
                  const char          **out_format)
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
  FbkResolution resolution = fbk_chart_model_get_resolution (layout->model);
  double widths[FBK_N_RESOLUTIONS][3] = { { 0 } };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      FbkChartTimeStep step = steps[i];
      double room = layout->plot.width * fbk_chart_time_step_seconds (step) / visible_seconds;
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
            widths[step.unit][f] = label_width_for (layout, step.unit, formats[f]);

          if (widths[step.unit][f] + 2 * FBK_CHART_SPACING <= room)
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
  char     *text;
  double    left;
  double    right;
  gboolean  names_larger;
  gboolean  shown;
} TimeLabel;

static void
clear_time_label (gpointer data)
{
  g_clear_pointer (&((TimeLabel *) data)->text, g_free);
}

static gboolean
label_collides (GArray          *labels,
                const TimeLabel *candidate)
{
  for (guint i = 0; i < labels->len; i++)
    {
      const TimeLabel *other = &g_array_index (labels, TimeLabel, i);

      if (other->shown && candidate->left < other->right + FBK_CHART_SPACING &&
          other->left < candidate->right + FBK_CHART_SPACING)
        return TRUE;
    }
  return FALSE;
}

/**
 * fbk_chart_axis_new_time:
 *
 * The time axis under a timeline's plot: the longest label format and the
 * shortest step on Oslo's calendar whose labels fit, a tick at each step,
 * and the labels that do not collide. Needs the plot's final place.
 */
FbkChartAxis *
fbk_chart_axis_new_time (const FbkChartLayout *layout)
{
  FbkChartAxis *axis = axis_new (AXIS_TIME);
  const FbkInstant *edges;
  guint n_buckets;
  FbkInstant from, to;
  FbkChartTimeStep step;
  const char *format;
  g_autoptr(GArray) ticks = NULL;
  g_autoptr(GArray) labels = NULL;
  g_autoptr(PangoLayout) measure = NULL;
  double label_top = layout->plot.y + layout->plot.height + FBK_CHART_TICK_LENGTH;

  if (layout->n_buckets == 0)
    return axis;

  edges = _fbk_chart_model_get_edges (layout->model, &n_buckets);
  from = edges[layout->first];
  to = edges[layout->end];
  if (!choose_time_step (layout, (double) (to - from) * (layout->u1 - layout->u0) / (layout->end - layout->first),
                         &step, &format))
    return axis;

  ticks = fbk_chart_time_ticks (from, to, step);
  labels = g_array_sized_new (FALSE, TRUE, sizeof (TimeLabel), ticks->len);
  g_array_set_clear_func (labels, clear_time_label);
  measure = fbk_chart_text_new_layout (&layout->text, NULL, "");

  for (guint i = 0; i < ticks->len; i++)
    {
      FbkInstant tick = g_array_index (ticks, FbkInstant, i);
      double x = _fbk_chart_layout_x_of_instant (layout, tick);
      double centre, label_width;
      TimeLabel label = { NULL };

      if (x < layout->plot.x - 0.5 || x > layout->plot.x + layout->plot.width + 0.5)
        continue;

      g_array_append_val (axis->tick_xs, x);

      /* A label names the period right of its tick, so it sits centred
       * under that period's bars. */
      label.text = time_label (tick, step.unit, format, &label.names_larger);
      pango_layout_set_text (measure, label.text, -1);
      label_width = fbk_chart_text_width (measure);
      centre = (x + _fbk_chart_layout_x_of_instant (layout, fbk_time_period_next (tick, step.unit))) / 2;
      centre = CLAMP (centre, FBK_CHART_MARGIN + label_width / 2, layout->width - FBK_CHART_MARGIN - label_width / 2);
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

      if (label->shown)
        add_label (axis, layout, label->text, label->left, label_top);
    }

  return axis;
}

/* Day × hour grids */

/**
 * fbk_chart_axis_new_days:
 *
 * The days down the left of a day × hour grid: every day when the rows
 * are tall enough for a line of text, else every second, seventh or
 * fourteenth of a month, or the months. Needs the plot's height.
 */
FbkChartAxis *
fbk_chart_axis_new_days (const FbkChartLayout *layout)
{
  static const FbkChartTimeStep steps[] = {
    { FBK_RESOLUTION_DAY, 1 }, { FBK_RESOLUTION_DAY, 2 }, { FBK_RESOLUTION_DAY, 7 },
    { FBK_RESOLUTION_DAY, 14 }, { FBK_RESOLUTION_MONTH, 1 }, { FBK_RESOLUTION_MONTH, 3 },
    { FBK_RESOLUTION_YEAR, 1 },
  };
  FbkChartAxis *axis = axis_new (AXIS_DAYS);
  FbkInstant from, to;
  double row_height;
  g_autoptr(GArray) ticks = NULL;
  FbkChartTimeStep step = steps[G_N_ELEMENTS (steps) - 1];

  if (layout->n_days == 0)
    return axis;

  from = fbk_time_oslo_midnight (layout->first_day);
  to = fbk_time_oslo_midnight (fbk_date_add_days (layout->first_day, layout->n_days));
  row_height = layout->plot.height / layout->n_days;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (row_height * fbk_chart_time_step_seconds (steps[i]) / 86400.0 >= layout->text.line_height * 1.2)
        {
          step = steps[i];
          break;
        }
    }

  ticks = fbk_chart_time_ticks (from, to, step);
  for (guint i = 0; i < ticks->len; i++)
    {
      FbkInstant tick = g_array_index (ticks, FbkInstant, i);
      FbkDate date = fbk_time_oslo_date (tick);
      guint row = (guint) ((fbk_time_oslo_midnight (date) - from + 12 * FBK_SECONDS_PER_HOUR) / 86400);
      g_autofree char *text = fbk_format_instant (tick, step.unit == FBK_RESOLUTION_DAY ? C_("axis, day", "%-d %b")
                                                                                        : C_("axis, month", "%b %Y"));

      add_label (axis, layout, text, 0.0, 0.0);
      g_array_append_val (axis->label_rows, row);
    }

  return axis;
}

/**
 * fbk_chart_axis_new_weekdays:
 *
 * The weekdays down the left of a weekday × hour grid, Monday first, by
 * their short names where a row has the height for one.
 */
FbkChartAxis *
fbk_chart_axis_new_weekdays (const FbkChartLayout *layout)
{
  /* 1 January 2024 was a Monday: its week names the rows. */
  const FbkDate monday = { 2024, 1, 1 };
  FbkChartAxis *axis = axis_new (AXIS_DAYS);

  if (layout->n_days == 0 || layout->plot.height / layout->n_days < layout->text.line_height)
    return axis;

  for (guint row = 0; row < layout->n_days; row++)
    {
      g_autofree char *text = fbk_format_date (fbk_date_add_days (monday, (int) row), C_("axis, weekday", "%a"));

      add_label (axis, layout, text, 0.0, 0.0);
      g_array_append_val (axis->label_rows, row);
    }

  return axis;
}

/**
 * fbk_chart_axis_new_hours:
 *
 * The clock hours under a day × hour grid, a column each: labelled every
 * hour where the labels fit, else every 2, 3, 6 or 12 hours. Needs the
 * plot's final place.
 */
FbkChartAxis *
fbk_chart_axis_new_hours (const FbkChartLayout *layout)
{
  static const guint steps[] = { 1, 2, 3, 6, 12 };
  FbkChartAxis *axis = axis_new (AXIS_HOURS);
  FbkInstant midnight = fbk_time_oslo_midnight (widest_sample_date ());
  const char *format = C_("axis, hour", "%H:%M");
  double column = layout->plot.width / 24;
  double widest = label_width_for (layout, FBK_RESOLUTION_HOUR, format);
  guint step = 0;

  for (guint i = 0; i < G_N_ELEMENTS (steps) && step == 0; i++)
    {
      if (widest + 2 * FBK_CHART_SPACING <= column * steps[i])
        step = steps[i];
    }
  if (step == 0)
    return axis;

  for (guint hour = 0; hour < 24; hour += step)
    {
      double x = layout->plot.x + column * hour;
      g_autofree char *text = fbk_format_instant (midnight + hour * FBK_SECONDS_PER_HOUR, format);
      g_autoptr(PangoLayout) measure = fbk_chart_text_new_layout (&layout->text, NULL, text);

      g_array_append_val (axis->tick_xs, x);
      add_label (axis, layout, text, x + (column - fbk_chart_text_width (measure)) / 2,
                 layout->plot.y + layout->plot.height + FBK_CHART_TICK_LENGTH);
    }

  return axis;
}

/* Drawing */

static void
draw_values (const FbkChartAxis   *axis,
             const FbkChartLayout *layout,
             cairo_t              *cr)
{
  double right = layout->plot.x + layout->plot.width;

  cairo_set_line_width (cr, 1.0 / layout->scale);

  for (guint i = 0; i < axis->ticks.n; i++)
    {
      double value = axis->ticks.first + axis->ticks.step * i;
      double y = _fbk_chart_layout_hairline (layout, _fbk_chart_layout_y_of_value (layout, value));
      PangoLayout *label = g_array_index (axis->labels, Label, i).layout;
      double label_width, label_height;

      /* The zero line is the axis; the others are only guides. */
      fbk_chart_color_set_source (cr, fabs (value) < axis->ticks.step / 2 ? &layout->palette->axis
                                                                          : &layout->palette->grid);
      cairo_move_to (cr, layout->plot.x, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);

      fbk_chart_text_size (label, &label_width, &label_height);
      fbk_chart_text_show (cr, label, layout->plot.x - FBK_CHART_SPACING - label_width, y - label_height / 2,
                           &layout->palette->dim_foreground);
    }

  fbk_chart_text_show (cr, axis->unit, FBK_CHART_MARGIN, layout->unit_y, &layout->palette->dim_foreground);
}

static void
draw_days (const FbkChartAxis   *axis,
           const FbkChartLayout *layout,
           cairo_t              *cr)
{
  double row_height = layout->plot.height / MAX (layout->n_days, 1);

  for (guint i = 0; i < axis->labels->len; i++)
    {
      PangoLayout *label = g_array_index (axis->labels, Label, i).layout;
      guint row = g_array_index (axis->label_rows, guint, i);
      double label_width, label_height;

      fbk_chart_text_size (label, &label_width, &label_height);
      fbk_chart_text_show (cr, label, layout->plot.x - FBK_CHART_SPACING - label_width,
                           layout->plot.y + (row + 0.5) * row_height - label_height / 2,
                           &layout->palette->dim_foreground);
    }
}

/* Tick marks down from the plot, then the labels under them. */
static void
draw_under (const FbkChartAxis   *axis,
            const FbkChartLayout *layout,
            cairo_t              *cr)
{
  double bottom = layout->plot.y + layout->plot.height;

  cairo_set_line_width (cr, 1.0 / layout->scale);
  for (guint i = 0; i < axis->tick_xs->len; i++)
    {
      double x = _fbk_chart_layout_hairline (layout, g_array_index (axis->tick_xs, double, i));

      fbk_chart_color_set_source (cr, &layout->palette->axis);
      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom + FBK_CHART_TICK_LENGTH);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < axis->labels->len; i++)
    {
      const Label *label = &g_array_index (axis->labels, Label, i);

      fbk_chart_text_show (cr, label->layout, label->x, label->y, &layout->palette->dim_foreground);
    }
}

void
fbk_chart_axis_draw (const FbkChartAxis   *axis,
                     const FbkChartLayout *layout,
                     cairo_t              *cr)
{
  switch (axis->kind)
    {
    case AXIS_VALUES:
      draw_values (axis, layout, cr);
      break;
    case AXIS_DAYS:
      draw_days (axis, layout, cr);
      break;
    case AXIS_TIME:
    case AXIS_HOURS:
    default:
      draw_under (axis, layout, cr);
      break;
    }
}
