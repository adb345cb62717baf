/* fbk-chart-layer-gaps.c: what the values do not cover: hours without a
 * value marked under the axis, and the notes on them and on bars that are
 * only part of their period
 *
 * An hour without a value is not an hour of zero: a bar of zero and no
 * bar look alike, so every bucket lacking values gets a strip under the
 * axis, the legend says how many hours lack one, and pointing
 * at an empty bucket says it has no value. The bars themselves mark a
 * bucket they do not fill (fbk-chart-bar-painter.c), and this layer's
 * tooltip lines say why: cut by the period, not in yet, hours missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layer-gaps"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-bar-painter.h"
#include "fbk-chart-format.h"
#include "fbk-chart-legend.h"
#include "fbk-chart-model-private.h"

/* The strip under the axis, in units of width and height. */
#define STRIP_HEIGHT 5.0

enum
{
  ENTRY_MISSING,
  ENTRY_PARTIAL,
};

/* Whether any series lacks a value for part of @bucket. */
static gboolean
bucket_lacks (const FbkChartLayout *layout,
              guint                 bucket)
{
  for (guint s = 0; s < layout->n_series; s++)
    {
      if (fbk_chart_model_count_missing_hours (layout->model, s, bucket, bucket + 1) > 0)
        return TRUE;
    }
  return FALSE;
}

/* Whether no series has a value in @bucket at all. */
static gboolean
bucket_empty (const FbkChartLayout *layout,
              guint                 bucket)
{
  for (guint s = 0; s < layout->n_series; s++)
    {
      if (fbk_chart_model_get_value (layout->model, s, bucket, NULL, NULL))
        return FALSE;
    }
  return TRUE;
}

static guint
count_missing_hours (const FbkChartLayout *layout)
{
  guint hours = 0;

  for (guint s = 0; s < layout->n_series; s++)
    hours += fbk_chart_model_count_missing_hours (layout->model, s, layout->first, layout->end);
  return hours;
}

static gboolean
any_partial (const FbkChartLayout *layout)
{
  for (guint s = 0; s < layout->n_series; s++)
    {
      const guint8 *flags = _fbk_chart_model_get_flags (layout->model, s);

      for (guint i = layout->first; i < layout->end; i++)
        {
          if (flags[i] & FBK_CHART_BUCKET_PARTIAL)
            return TRUE;
        }
    }
  return FALSE;
}

/* Just under the axis, where no bar of consumption ever is. */
static void
strip_rect (const FbkChartLayout *layout,
            double                x0,
            double                x1,
            cairo_rectangle_t    *out_rect)
{
  double axis = _fbk_chart_layout_snap (layout, _fbk_chart_layout_y_of_value (layout, 0.0));

  *out_rect = (cairo_rectangle_t) { x0, axis + 1.0 / layout->scale, x1 - x0, STRIP_HEIGHT };
}

/* In the colour of attention: missing values are what a reader must not
 * overlook. */
static void
fill_strip (const FbkChartLayout    *layout,
            FbkChartCanvas          *canvas,
            const cairo_rectangle_t *rect)
{
  cairo_rectangle (canvas->cr, rect->x, rect->y, rect->width, rect->height);
  fbk_chart_color_set_source (canvas->cr, &layout->palette->reference);
  cairo_fill (canvas->cr);
}

static void
gaps_legend (FbkChartLayer  *layer,
             FbkChartLayout *layout)
{
  guint hours = count_missing_hours (layout);

  if (hours > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u hour without a value",
                                                            "%u hours without a value", hours),
                                               hours);

      fbk_chart_legend_add (layout, FBK_CHART_LEGEND_NOTE, layer, ENTRY_MISSING, 0.0, text);
    }

  if (any_partial (layout))
    /* Translators: legend entry for the pale, outlined bars of a day,
     * week, month or year the values cover only part of */
    fbk_chart_legend_add (layout, FBK_CHART_LEGEND_NOTE, layer, ENTRY_PARTIAL, 0.0, _("Part of its period"));
}

static void
gaps_draw_swatch (FbkChartLayer        *layer,
                  const FbkChartLayout *layout,
                  guint                 index,
                  FbkChartCanvas       *canvas,
                  double                x,
                  double                y)
{
  cairo_rectangle_t box;

  fbk_chart_legend_swatch_box (layout, x, y, layout->text.swatch, &box);
  if (index == ENTRY_MISSING)
    {
      cairo_rectangle_t strip = { box.x, box.y + (box.height - STRIP_HEIGHT) / 2, box.width, STRIP_HEIGHT };

      fill_strip (layout, canvas, &strip);
    }
  else
    fbk_chart_bar_draw_partial (layout, canvas, &layout->palette->dim_foreground, &box);
}

static void
gaps_draw (FbkChartLayer        *layer,
           const FbkChartLayout *layout,
           FbkChartCanvas       *canvas)
{
  guint k = MAX (layout->buckets_per_column, 1);

  cairo_save (canvas->cr);
  for (guint first = layout->first / k * k; first < layout->end; first += k)
    {
      gboolean lacks = FALSE;
      cairo_rectangle_t rect;
      double x0, x1;

      for (guint i = first; i < MIN (first + k, layout->end) && !lacks; i++)
        lacks = bucket_lacks (layout, i);
      if (!lacks)
        continue;

      fbk_chart_bar_x_extent (layout, first, &x0, &x1);
      strip_rect (layout, x0, x1, &rect);
      fill_strip (layout, canvas, &rect);
    }
  cairo_restore (canvas->cr);
}

/* Anywhere over a bucket no series has a value for: pointing at nothing
 * tells that it is nothing known, not zero. */
static gboolean
gaps_hit_test (FbkChartLayer        *layer,
               const FbkChartLayout *layout,
               double                x,
               double                y,
               FbkChartHit          *out_hit)
{
  guint bucket;

  if (layout->buckets_per_column > 0 || layout->n_buckets == 0 || layout->n_series == 0 ||
      x < layout->plot.x || x >= layout->plot.x + layout->plot.width ||
      y < layout->plot.y || y > layout->plot.y + layout->plot.height + STRIP_HEIGHT)
    return FALSE;

  bucket = (guint) CLAMP (floor (_fbk_chart_layout_position_at (layout, x)), 0, layout->n_buckets - 1);
  if (!bucket_lacks (layout, bucket) || !bucket_empty (layout, bucket))
    return FALSE;

  if (out_hit != NULL)
    {
      _fbk_chart_layout_get_hit (layout, 0, bucket, out_hit);
      out_hit->value = NAN;
      out_hit->flags = 0;
    }
  return TRUE;
}

static void
gaps_describe (FbkChartLayer *layer,
               FbkChartModel *model,
               guint          first,
               guint          end,
               GString       *text)
{
  guint hours = 0;

  for (guint s = 0; s < fbk_chart_model_get_n_series (model); s++)
    hours += fbk_chart_model_count_missing_hours (model, s, first, end);
  if (hours == 0)
    return;

  g_string_append_c (text, ' ');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u hour has no value.", "%u hours have no value.",
                                             hours),
                          hours);
}

/* "8–31 Dec 2023 only, not a whole month" */
static char *
cut_text (FbkResolution  resolution,
          const char    *span)
{
  switch (resolution)
    {
    case FBK_RESOLUTION_DAY:
      /* Translators: a tooltip line for a bar of part of a day, "00:00–14:00 only, not a whole day" */
      return g_strdup_printf (_("%s only, not a whole day"), span);
    case FBK_RESOLUTION_WEEK:
      /* Translators: a tooltip line for a bar of part of a week, "1–3 Dec 2026 only, not a whole week" */
      return g_strdup_printf (_("%s only, not a whole week"), span);
    case FBK_RESOLUTION_MONTH:
      /* Translators: a tooltip line for a bar of part of a month, "8–31 Dec 2023 only, not a whole month" */
      return g_strdup_printf (_("%s only, not a whole month"), span);
    case FBK_RESOLUTION_YEAR:
      /* Translators: a tooltip line for a bar of part of a year, "8 Dec 2023 only, not a whole year" */
      return g_strdup_printf (_("%s only, not a whole year"), span);
    case FBK_RESOLUTION_HOUR:
    default:
      /* Translators: a tooltip line for a bar of part of an hour */
      return g_strdup_printf (_("%s only, not a whole hour"), span);
    }
}

/* Why the bar under the pointer is less than its bucket, or that there
 * is none. */
static void
gaps_describe_hit (FbkChartLayer     *layer,
                   FbkChartModel     *model,
                   const FbkChartHit *hit,
                   GString           *text)
{
  FbkChartCoverage coverage;
  guint hours;

  if (hit->n_averaged > 0 || !fbk_chart_model_get_coverage (model, hit->series, hit->bucket, &coverage))
    return;

  if (isnan (hit->value))
    return;

  if (coverage.from < coverage.to && (coverage.from > hit->start || coverage.to < hit->end))
    {
      g_autofree char *span = fbk_chart_format_span (coverage.from, coverage.to);
      g_autofree char *line = cut_text (fbk_chart_model_get_resolution (model), span);

      g_string_append_printf (text, "\n%s", line);
    }

  hours = (coverage.missing_seconds + FBK_SECONDS_PER_HOUR - 1) / FBK_SECONDS_PER_HOUR;
  if (hours > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u hour without a value",
                                                 "%u hours without a value", hours),
                              hours);
    }
}

static const FbkChartLayerClass gaps_class = {
  .name = "gaps",
  .frame = FBK_CHART_FRAME_TIMELINE,
  .legend = gaps_legend,
  .draw_swatch = gaps_draw_swatch,
  .draw = gaps_draw,
  .hit_test = gaps_hit_test,
  .describe = gaps_describe,
  .describe_hit = gaps_describe_hit,
};

/*
 * _fbk_chart_gaps_new:
 *
 * What the values of a model that expects them
 * (fbk_chart_model_set_expected_until()) do not cover: a strip under
 * the axis at every bucket with hours missing, a legend note with
 * how many, one on bars only part of their period, tooltip lines saying
 * which part and how many hours lack a value; pointing at a bucket with
 * no value at all says so. Drawn under the other layers, whatever they are.
 *
 * Returns: (transfer full): a new layer
 */
FbkChartLayer *
_fbk_chart_gaps_new (void)
{
  return _fbk_chart_layer_new (&gaps_class, sizeof (FbkChartLayer));
}
