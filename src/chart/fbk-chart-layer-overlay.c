/* fbk-chart-layer-overlay.c: another set of values over the bars, bucket
 * by bucket, e.g. the same meters a year earlier; as a line or as the
 * outlines of bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layer-overlay"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "fbk-chart-bar-painter.h"
#include "fbk-compare.h"
#include "fbk-chart-format.h"
#include "fbk-chart-legend.h"

#define LINE_WIDTH 2.0

typedef struct
{
  FbkChartLayer          parent;
  char                  *label;
  FbkChartOverlayStyle   style;
  double                *values;   /* per bucket of the model's grid; NAN where there is none */
  guint                  n_values;
  /* (nullable) An earlier period compared with the bars: both sides of
   * each bucket, parallel to @values. */
  FbkChartOverlayBucket *compared;
  /* Values of the period itself (a net), not of another compared with it. */
  gboolean               own;
} Overlay;

/* The figures of a comparison over some buckets: both sides' totals,
 * the days they span and the hours they lack. */
typedef struct
{
  double     now_kwh;
  double     earlier_kwh;
  FbkInstant now_from;
  FbkInstant now_to;
  FbkInstant earlier_from;
  FbkInstant earlier_to;
  guint32    now_missing;      /* seconds */
  guint32    earlier_missing;
  guint      n_buckets;        /* compared */
} Comparison;

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

/* Both sides over the buckets of [first, end) there is something to
 * compare in (none past the values in now). */
static void
compare (const Overlay *self,
         guint          first,
         guint          end,
         Comparison    *out)
{
  *out = (Comparison) { 0 };

  for (guint i = first; i < MIN (end, self->n_values); i++)
    {
      const FbkChartOverlayBucket *bucket = &self->compared[i];

      if (bucket->now_from >= bucket->now_to)
        continue;

      if (!isnan (bucket->now_value))
        out->now_kwh += bucket->now_value;
      out->now_missing += bucket->now_missing;
      if (!isnan (bucket->value))
        out->earlier_kwh += bucket->value;
      /* An hour the earlier period's day did not have is one it lacks. */
      out->earlier_missing += bucket->from < bucket->to ? bucket->missing : (guint32) (bucket->now_to - bucket->now_from);
      if (out->n_buckets == 0)
        {
          out->now_from = bucket->now_from;
          out->earlier_from = bucket->from;
        }
      out->now_to = bucket->now_to;
      out->earlier_to = MAX (bucket->to, out->earlier_from);
      out->n_buckets++;
    }
}

static guint
hours_of (guint32 seconds)
{
  return (seconds + FBK_SECONDS_PER_HOUR - 1) / FBK_SECONDS_PER_HOUR;
}

static char *
format_change (double now,
               double earlier)
{
  g_autofree char *number = fbk_format_number (fabs (now / earlier - 1.0) * 100.0, 1);

  /* Translators: a change from an earlier period in percent, up or down */
  return g_strdup_printf (now >= earlier ? C_("change", "+%s %%") : C_("change", "−%s %%"), number);
}

/* NULL for no days at all. */
static char *
format_per_day (double kwh,
                double days)
{
  g_autofree char *amount = NULL;

  if (days <= 0.0)
    return NULL;

  amount = fbk_chart_format_value (kwh / days, FBK_CHART_UNIT_KWH);

  /* Translators: a daily average, "12.3 kWh a day" */
  return g_strdup_printf (_("%s a day"), amount);
}

/* "Same period last year, 1–7 Dec 2025: 380 kWh, 54.3 kWh a day", or
 * with hours missing "…: at least 380 kWh, 24 hours without a value". */
static char *
compared_legend_text (const Overlay    *self,
                      const Comparison *comparison)
{
  g_autofree char *span = fbk_chart_format_span (comparison->earlier_from, comparison->earlier_to);
  g_autofree char *amount = fbk_chart_format_value (comparison->earlier_kwh, FBK_CHART_UNIT_KWH);
  guint missing = hours_of (comparison->earlier_missing);

  if (missing > 0)
    /* Translators: legend entry of an earlier period with hours missing:
     * its name, its dates, its total and how many hours have no value */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s: at least %s, %u hour without a value",
                                         "%s, %s: at least %s, %u hours without a value", missing),
                            self->label, span, amount, missing);

  {
    g_autofree char *per_day = format_per_day (comparison->earlier_kwh,
                                               fbk_compare_count_days (comparison->earlier_from,
                                                                       comparison->earlier_to));

    /* Translators: legend entry of an earlier period: its name, its dates,
     * its total and its daily average */
    return g_strdup_printf (C_("legend, compared", "%s, %s: %s, %s"), self->label, span, amount,
                            per_day != NULL ? per_day : "");
  }
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
  Overlay *self = (Overlay *) layer;
  double highest = peak (self, layout->first, layout->end);

  if (!isnan (highest))
    *hi = MAX (*hi, highest);
  for (guint i = layout->first; i < MIN (layout->end, self->n_values); i++)
    {
      if (!isnan (self->values[i]))
        *lo = MIN (*lo, self->values[i]);
    }
}

static void
overlay_legend (FbkChartLayer  *layer,
                FbkChartLayout *layout)
{
  Overlay *self = (Overlay *) layer;
  g_autofree char *text = NULL;
  Comparison comparison;

  if (self->compared != NULL)
    compare (self, layout->first, layout->end, &comparison);
  if (self->compared != NULL && comparison.n_buckets > 0)
    text = compared_legend_text (self, &comparison);
  else
    text = summary_text (self, layout->model, layout->first, layout->end);

  fbk_chart_legend_add (layout, FBK_CHART_LEGEND_SERIES, layer, 0, 0.0, text);
}

/* After "Used 409 kWh": "58.4 kWh a day, +7.6 %"; a side with hours
 * missing is never compared, as if they were zero. */
static void
overlay_add_to_summary (FbkChartLayer        *layer,
                        const FbkChartLayout *layout,
                        GString              *text)
{
  Overlay *self = (Overlay *) layer;
  g_autofree char *per_day = NULL;
  Comparison comparison;

  if (self->compared == NULL)
    return;

  compare (self, layout->first, layout->end, &comparison);
  if (comparison.n_buckets == 0)
    return;

  g_string_append (text, " · ");
  if (comparison.now_missing > 0 || comparison.earlier_missing > 0)
    {
      /* Translators: in a chart's header, instead of a change from an
       * earlier period that lacks values on either side */
      g_string_append (text, _("no change figure: hours missing"));
      return;
    }

  per_day = format_per_day (comparison.now_kwh, fbk_compare_count_days (comparison.now_from, comparison.now_to));
  if (per_day == NULL)
    g_string_truncate (text, text->len - strlen (" · "));
  else if (comparison.earlier_kwh > 0.0)
    {
      g_autofree char *change = format_change (comparison.now_kwh, comparison.earlier_kwh);

      /* Translators: in a chart's header, the daily average and the change
       * from the earlier period: "58.4 kWh a day, +7.6 %" */
      g_string_append_printf (text, C_("summary, compared", "%s, %s"), per_day, change);
    }
  else
    g_string_append (text, per_day);
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
  Overlay *self = (Overlay *) layer;
  g_autofree char *summary = summary_text (self, model, first, end);

  g_string_append_c (text, ' ');
  if (self->own)
    {
      g_string_append_printf (text, "%s.", summary);
      return;
    }
  /* Translators: a sentence of a chart's description about the values
   * drawn over its bars for comparison, "Compared with Last year: 1234 kWh." */
  g_string_append_printf (text, _("Compared with %s."), summary);

  if (self->compared != NULL)
    {
      Comparison comparison;
      guint missing;

      compare (self, first, end, &comparison);
      missing = hours_of (comparison.earlier_missing);
      if (missing > 0)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u hour of it has no value.",
                                                     "%u hours of it have no value.", missing),
                                  missing);
        }
      else if (comparison.now_missing == 0 && comparison.earlier_kwh > 0.0)
        {
          g_autofree char *change = format_change (comparison.now_kwh, comparison.earlier_kwh);
          g_autofree char *now_per_day = format_per_day (comparison.now_kwh,
                                                         fbk_compare_count_days (comparison.now_from, comparison.now_to));
          g_autofree char *earlier_per_day = format_per_day (comparison.earlier_kwh,
                                                             fbk_compare_count_days (comparison.earlier_from,
                                                                                     comparison.earlier_to));

          g_string_append_c (text, ' ');
          /* Translators: a sentence of a chart's description, "Change: +7.6 %, 58.4 kWh a day against 54.3 kWh a day." */
          g_string_append_printf (text, _("Change: %s, %s against %s."), change, now_per_day, earlier_per_day);
        }
    }
}

/* Before the value compared with: the change, or why there is none. */
static void
describe_change (const Overlay     *self,
                 const FbkChartHit *hit,
                 GString           *text)
{
  const FbkChartOverlayBucket *bucket = &self->compared[hit->bucket];
  g_autofree char *span = NULL;

  if (bucket->now_from >= bucket->now_to || bucket->from >= bucket->to)
    return;

  span = fbk_chart_format_span (bucket->from, bucket->to);
  g_string_append_c (text, '\n');
  if (isnan (bucket->value))
    /* Translators: a tooltip line: the earlier period has no value here, "Nothing to compare with on 3 Jun 2024" */
    g_string_append_printf (text, _("Nothing to compare with on %s"), span);
  else if (isnan (bucket->now_value) || bucket->now_missing > 0 || bucket->missing > 0)
    /* Translators: a tooltip line: no change worked out where either period lacks hours, "No change figure: hours missing on 3 Jun 2024 or now" */
    g_string_append_printf (text, _("No change figure: hours missing on %s or now"), span);
  else if (bucket->value > 0.0)
    {
      g_autofree char *change = format_change (bucket->now_value, bucket->value);

      /* Translators: a tooltip line, "Change from 1 Jun 2024: −50.0 %" */
      g_string_append_printf (text, _("Change from %s: %s"), span, change);
    }
  else
    /* Translators: a tooltip line: the earlier period used nothing, so no percentage */
    g_string_append_printf (text, _("Nothing used on %s"), span);
}

static void
overlay_describe_hit (FbkChartLayer     *layer,
                      FbkChartModel     *model,
                      const FbkChartHit *hit,
                      GString           *text)
{
  Overlay *self = (Overlay *) layer;
  g_autofree char *value = NULL;

  if (hit->n_averaged > 0 || hit->bucket >= self->n_values)
    return;

  if (self->compared != NULL)
    describe_change (self, hit, text);
  if (isnan (self->values[hit->bucket]))
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
  g_free (self->compared);
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
  .add_to_summary = overlay_add_to_summary,
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

/**
 * fbk_chart_overlay_new_compared:
 * @label: what the earlier period is, e.g. "Same period last year"
 * @buckets: (array length=n_buckets): one per bucket of the model's grid:
 *   both sides of it (the earlier one's value is drawn); copied
 *
 * An earlier period over the bars, as fbk_chart_overlay_new() draws
 * values, that knows what it is compared with: the legend names its
 * dates, total and daily average; the header adds the daily average now
 * and the change in percent; a tooltip, the change of that bucket. Where
 * either side lacks hours it says so instead of comparing with less.
 *
 * Returns: (transfer full): a new layer
 */
FbkChartLayer *
fbk_chart_overlay_new_compared (const char                  *label,
                                FbkChartOverlayStyle         style,
                                const FbkChartOverlayBucket *buckets,
                                guint                        n_buckets)
{
  g_autofree double *values = g_new (double, MAX (n_buckets, 1));
  Overlay *self;

  g_return_val_if_fail (buckets != NULL || n_buckets == 0, NULL);

  for (guint i = 0; i < n_buckets; i++)
    values[i] = buckets[i].value;

  self = (Overlay *) fbk_chart_overlay_new (label, style, values, n_buckets);
  self->compared = g_memdup2 (buckets, sizeof (FbkChartOverlayBucket) * n_buckets);
  return &self->parent;
}

/**
 * fbk_chart_value_line_new:
 * @label: what the values are, e.g. "Net import"
 * @values: (array length=n_values): one per bucket of the model's grid,
 *   in its unit, NAN where there is none; copied
 *
 * Values of the period's own buckets worked out from its series, such
 * as consumption less production, as a line over the bars through zero
 * and below it; named with its total in the legend and the description,
 * with its value in a tooltip.
 *
 * Returns: (transfer full): a new layer
 */
FbkChartLayer *
fbk_chart_value_line_new (const char   *label,
                          const double *values,
                          guint         n_values)
{
  Overlay *self = (Overlay *) fbk_chart_overlay_new (label, FBK_CHART_OVERLAY_LINE, values, n_values);

  self->own = TRUE;
  return &self->parent;
}
