/* fbk-chart-describe.c: the chart in words, for screen readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-describe"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-format.h"
#include "fbk-chart-layer-private.h"
#include "fbk-chart-model-private.h"
#include "fbk-chart-renderer.h"

static const char *
frame_sentence (FbkChartFrame frame,
                FbkResolution resolution)
{
  if (frame == FBK_CHART_FRAME_DAY_BY_HOUR)
    return _("One cell per hour, a row per day.");
  if (frame == FBK_CHART_FRAME_WEEKDAY_BY_HOUR)
    return _("One cell per clock hour, a row per weekday, each the average of the period's hours.");

  switch (resolution)
    {
    case FBK_RESOLUTION_HOUR:
      return _("One bar per hour.");
    case FBK_RESOLUTION_DAY:
      return _("One bar per day.");
    case FBK_RESOLUTION_WEEK:
      return _("One bar per week.");
    case FBK_RESOLUTION_MONTH:
      return _("One bar per month.");
    case FBK_RESOLUTION_YEAR:
    default:
      return _("One bar per year.");
    }
}

void
_fbk_chart_describe_series (GString       *text,
                            FbkChartModel *model,
                            guint          series,
                            guint          first,
                            guint          end)
{
  FbkChartUnit unit = fbk_chart_model_get_unit (model);
  FbkResolution resolution = fbk_chart_model_get_resolution (model);
  const char *label = fbk_chart_model_get_series_label (model, series);
  guint unverified = fbk_chart_model_count_unverified (model, series, first, end);
  double peak = -1.0;
  guint peak_bucket = 0;

  for (guint i = first; i < end; i++)
    {
      double value;

      if (fbk_chart_model_get_value (model, series, i, &value, NULL) && value > peak)
        {
          peak = value;
          peak_bucket = i;
        }
    }

  g_string_append_c (text, ' ');
  if (unit == FBK_CHART_UNIT_KR)
    {
      g_autofree char *total = fbk_chart_format_series_value (model, series,
                                                              fbk_chart_model_get_total (model, series, first, end));

      /* Translators: a part of the bill and its sum, "Electricity: 1,234 kr." */
      g_string_append_printf (text, _("%s: %s."), label, total);
      return;
    }
  if (fbk_chart_model_get_series_direction (model, series) == FBK_DIRECTION_PRODUCTION)
    /* Translators: starts a sentence about one meter's production */
    g_string_append_printf (text, _("%s, production:"), label);
  else
    /* Translators: starts a sentence about one meter's consumption */
    g_string_append_printf (text, _("%s, consumption:"), label);

  if (peak < 0.0)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("no values."));
      return;
    }

  if (unit == FBK_CHART_UNIT_KWH)
    {
      g_autofree char *total = fbk_chart_format_value (fbk_chart_model_get_total (model, series, first, end), unit);

      g_string_append_c (text, ' ');
      if (fbk_chart_model_count_missing_hours (model, series, first, end) > 0)
        /* Translators: a total short of hours without a value, "at least 23.4 kWh in total;" */
        g_string_append_printf (text, _("at least %s in total;"), total);
      else
        /* Translators: "23.4 kWh in total;" */
        g_string_append_printf (text, _("%s in total;"), total);
    }

  {
    g_autofree char *value = fbk_chart_format_value (peak, unit);
    g_autofree char *when = fbk_format_period (fbk_chart_model_get_bucket_start (model, peak_bucket),
                                               fbk_chart_model_get_bucket_end (model, peak_bucket),
                                               resolution);

    g_string_append_c (text, ' ');
    /* Translators: "highest 2.1 kWh, Mar 3, 2024, 14:00–15:00." */
    g_string_append_printf (text, _("highest %s, %s."), value, when);
  }

  if (unverified > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (NULL, "%u value is not yet verified.", "%u values are not yet verified.",
                                           unverified),
                              unverified);
    }
}

/* What several meters used together, which each series' sentence leaves
 * to mental arithmetic. */
static void
describe_combined_total (GString       *text,
                         FbkChartModel *model,
                         guint          first,
                         guint          end)
{
  g_autofree char *formatted = NULL;
  guint n_meters = 0;
  double total = 0.0;

  if (fbk_chart_model_get_unit (model) != FBK_CHART_UNIT_KWH)
    return;

  for (guint s = 0; s < fbk_chart_model_get_n_series (model); s++)
    if (fbk_chart_model_get_series_direction (model, s) == FBK_DIRECTION_CONSUMPTION)
      {
        total += fbk_chart_model_get_total (model, s, first, end);
        n_meters++;
      }

  if (n_meters < 2)
    return;

  formatted = fbk_chart_format_value (total, FBK_CHART_UNIT_KWH);
  g_string_append_c (text, ' ');
  /* Translators: the sum of every meter's consumption, "All meters: 45.6 kWh in total." */
  g_string_append_printf (text, _("All meters: %s in total."), formatted);
}

/**
 * fbk_chart_describe:
 * @viewport: (nullable): the visible part, as given to fbk_chart_render()
 *
 * Returns: (transfer full): what the chart shows, in sentences: the title,
 *   the period, then what each layer draws (each series' total and peak,
 *   unverified values, reference lines); for the widget's accessible
 *   description
 */
char *
fbk_chart_describe (FbkChartModel          *model,
                    const FbkChartViewport *viewport)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) layers = NULL;
  const char *title;
  double u0, u1;
  guint first, end, n_buckets;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), NULL);

  title = fbk_chart_model_get_title (model);
  if (title != NULL && *title != '\0')
    g_string_append_printf (text, "%s.", title);

  n_buckets = fbk_chart_model_get_n_buckets (model);
  if (n_buckets == 0 || fbk_chart_model_get_n_series (model) == 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, _("No data for this period"));
      g_string_append_c (text, '.');
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  _fbk_chart_model_span (model, viewport, &u0, &u1);
  first = (guint) u0;
  end = MIN ((guint) (u1 + 0.999999), n_buckets);
  layers = _fbk_chart_layers_drawn (model);

  {
    g_autofree char *range = fbk_format_range (fbk_chart_model_get_bucket_start (model, first),
                                               fbk_chart_model_get_bucket_end (model, end - 1),
                                               fbk_chart_model_get_resolution (model));

    if (text->len > 0)
      g_string_append_c (text, ' ');
    /* Translators: "Electricity from Mar 3, 2024 – Mar 9, 2024, in kWh." */
    g_string_append_printf (text, _("Electricity from %s, in %s."), range,
                            fbk_chart_unit_symbol (fbk_chart_model_get_unit (model)));
    g_string_append_c (text, ' ');
    g_string_append (text, frame_sentence (_fbk_chart_layers_frame (layers), fbk_chart_model_get_resolution (model)));
  }

  for (guint i = 0; i < layers->len; i++)
    {
      FbkChartLayer *layer = g_ptr_array_index (layers, i);

      if (layer->klass->describe != NULL)
        layer->klass->describe (layer, model, first, end, text);
    }

  describe_combined_total (text, model, first, end);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Tuesdays, 17:00–18:00": the weekday and clock hour of @start, which an
 * average is of. */
char *
_fbk_chart_describe_averaged_hour (FbkInstant start)
{
  static const char *weekdays[] = {
    /* Translators: the weekday hours of an average fall on */
    N_("Mondays"), N_("Tuesdays"), N_("Wednesdays"), N_("Thursdays"), N_("Fridays"), N_("Saturdays"), N_("Sundays"),
  };
  int weekday = fbk_date_weekday (fbk_time_oslo_date (start));
  int hour = fbk_time_oslo_hour (start);

  /* Translators: a weekday and a clock hour, "Tuesdays, 17:00–18:00" */
  return g_strdup_printf (_("%s, %02d:00–%02d:00"), _(weekdays[weekday - 1]), hour, (hour + 1) % 24);
}

/**
 * fbk_chart_describe_hit_period:
 *
 * Returns: (transfer full): what a tooltip's first line names: the
 *   bucket's period ("Mar 3, 2024, 14:00–15:00"), or the weekday and
 *   clock hour of an average ("Tuesdays, 17:00–18:00")
 */
char *
fbk_chart_describe_hit_period (FbkChartModel     *model,
                               const FbkChartHit *hit)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), NULL);
  g_return_val_if_fail (hit != NULL, NULL);

  if (hit->n_averaged > 0)
    return _fbk_chart_describe_averaged_hour (hit->start);
  return fbk_format_period (hit->start, hit->end, fbk_chart_model_get_resolution (model));
}

/**
 * fbk_chart_describe_hit:
 * @hit: what fbk_chart_hit_test() found
 *
 * Returns: (transfer full): the value under the pointer in words, for a
 *   tooltip: the exact period with its date, the meter and its value, and
 *   whether the grid company has verified it; then what layers add, such
 *   as the value compared with; one per line
 */
char *
fbk_chart_describe_hit (FbkChartModel     *model,
                        const FbkChartHit *hit)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autofree char *period = NULL;
  g_autofree char *value = NULL;
  g_autofree char *name = NULL;
  const char *label;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), NULL);
  g_return_val_if_fail (hit != NULL, NULL);
  g_return_val_if_fail (hit->series < fbk_chart_model_get_n_series (model), NULL);

  period = fbk_chart_describe_hit_period (model, hit);
  value = fbk_chart_format_series_value (model, hit->series, hit->value);
  label = fbk_chart_model_get_series_label (model, hit->series);
  text = g_string_new (NULL);

  /* A part of a bill: the cost layer's lines give the whole bill of the
   * period, this part among the others. */
  if (fbk_chart_model_get_unit (model) == FBK_CHART_UNIT_KR)
    g_string_assign (text, period);
  else if (isnan (hit->value))
    /* Translators: a tooltip line for a bucket no meter has a value for */
    name = g_strdup (_("No value"));
  else if (hit->n_averaged > 0)
    /* Translators: a tooltip line, a meter's average at one clock hour of
     * one weekday: "Home: 1.2 kWh on average over 52 hours" */
    name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s on average over %u hour",
                                         "%s: %s on average over %u hours", hit->n_averaged),
                            label, value, hit->n_averaged);
  else if (fbk_chart_model_get_series_direction (model, hit->series) == FBK_DIRECTION_PRODUCTION)
    /* Translators: a tooltip line, a meter's production: "Cabin (production): 1.2 kWh" */
    name = g_strdup_printf (_("%s (production): %s"), label, value);
  else
    /* Translators: a tooltip line, a meter's consumption: "Cabin: 1.2 kWh" */
    name = g_strdup_printf (C_("tooltip, consumption", "%s: %s"), label, value);

  if (name != NULL && isnan (hit->value))
    g_string_printf (text, "%s\n%s", period, name);
  else if (name != NULL)
    g_string_printf (text, "%s\n%s\n%s", period, name,
                     (hit->flags & FBK_INTERVAL_VERIFIED) ? _("Verified by the grid company")
                                                          : _("Not yet verified by the grid company"));

  layers = _fbk_chart_layers_drawn (model);
  for (guint i = 0; i < layers->len; i++)
    {
      FbkChartLayer *layer = g_ptr_array_index (layers, i);

      if (layer->klass->describe_hit != NULL)
        layer->klass->describe_hit (layer, model, hit, text);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
