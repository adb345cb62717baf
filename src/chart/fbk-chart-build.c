/* fbk-chart-build.c: the chart of some meters over a period, for the
 * window's export and forbruk-cli alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-build"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-build.h"
#include "fbk-format.h"
#include "fbk-period.h"

/* Whole Oslo days read as dates; a period cut mid-day (the CLI takes RFC
 * 3339 instants) needs its times. */
static char *
format_period (FbkInstant from,
               FbkInstant to)
{
  FbkDate first = fbk_time_oslo_date (from);
  FbkDate last = fbk_time_oslo_date (to - 1);

  if (fbk_time_oslo_midnight (first) != from || fbk_time_oslo_midnight (fbk_date_add_days (last, 1)) != to)
    return fbk_format_range (from, to, FBK_RESOLUTION_HOUR);

  {
    FbkPeriod period = fbk_period_from_dates (first, last);

    return fbk_period_format_dates (&period);
  }
}

static const char *
resolution_label (FbkResolution resolution)
{
  switch (resolution)
    {
    case FBK_RESOLUTION_HOUR:
      /* Translators: in a chart's title, how long each bar is */
      return C_("chart title", "hourly");
    case FBK_RESOLUTION_DAY:
      return C_("chart title", "daily");
    case FBK_RESOLUTION_WEEK:
      return C_("chart title", "weekly");
    case FBK_RESOLUTION_MONTH:
      return C_("chart title", "monthly");
    case FBK_RESOLUTION_YEAR:
    default:
      return C_("chart title", "yearly");
    }
}

static gboolean
same_meter (FbkSeries *a,
            FbkSeries *b)
{
  return g_strcmp0 (fbk_series_get_metering_point_id (a), fbk_series_get_metering_point_id (b)) == 0;
}

/* Position of @series[@index]'s meter among the distinct meters of
 * @series, in order of first appearance. */
static guint
meter_index (FbkSeries * const *series,
             guint              index)
{
  guint distinct = 0;

  for (guint i = 0; i < index; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = same_meter (series[j], series[i]);
      if (seen)
        continue;
      if (same_meter (series[i], series[index]))
        return distinct;
      distinct++;
    }

  return distinct;
}

static char *
build_title (FbkSeries * const  *series,
             const char * const *names,
             guint               n_series,
             FbkResolution       resolution,
             FbkInstant          from,
             FbkInstant          to)
{
  g_autoptr(GString) listed = g_string_new (NULL);
  g_autofree char *meters = NULL;
  gboolean production_only = n_series > 0;
  guint n_listed = 0;

  for (guint i = 0; i < n_series; i++)
    {
      if (fbk_series_get_direction (series[i]) != FBK_DIRECTION_PRODUCTION)
        production_only = FALSE;
      if (meter_index (series, i) < n_listed)
        continue;

      if (n_listed++ > 0)
        /* Translators: between the names of the meters in a chart's title */
        g_string_append (listed, C_("chart title", ", "));
      g_string_append (listed, names[i]);
    }

  if (production_only)
    /* Translators: a meter's name in the legend, for the energy it fed in */
    meters = g_strdup_printf (_("%s (production)"), listed->str);
  else
    meters = g_strdup (listed->str);

  return fbk_chart_build_title (meters, resolution, from, to);
}

/**
 * fbk_chart_build_title:
 * @subject: what the chart is of, e.g. the meters' names
 *
 * Returns: (transfer full): a chart's title: @subject, the period and how
 *   long each bar is
 */
char *
fbk_chart_build_title (const char    *subject,
                       FbkResolution  resolution,
                       FbkInstant     from,
                       FbkInstant     to)
{
  g_autofree char *period = format_period (from, to);

  /* Translators: a chart's title: the meters' names, the period and how
   * long each bar is, e.g. “Home, Cabin · 1–7 Mar 2024 · hourly”. Use
   * %1$s, %2$s and %3$s to change the order. */
  return g_strdup_printf (C_("chart title", "%1$s · %2$s · %3$s"), subject, period,
                          resolution_label (resolution));
}

/* The direction the chart is about: consumption, unless it shows
 * production alone (the window's Production view). */
static FbkDirection
shown_direction (FbkSeries * const *series,
                 guint              n_series)
{
  for (guint i = 0; i < n_series; i++)
    {
      if (fbk_series_get_direction (series[i]) == FBK_DIRECTION_CONSUMPTION)
        return FBK_DIRECTION_CONSUMPTION;
    }
  return n_series > 0 ? FBK_DIRECTION_PRODUCTION : FBK_DIRECTION_CONSUMPTION;
}

/* The earlier period's totals in @direction, laid bucket by bucket onto
 * the model's grid: its n-th bucket over the model's n-th. NAN where no
 * meter has a value. */
static double *
compare_values (FbkChartModel              *model,
                FbkDirection                direction,
                const FbkChartBuildOptions *options)
{
  guint n = fbk_chart_model_get_n_buckets (model);
  double *values = g_new (double, MAX (n, 1));
  g_autofree FbkInstant *edges = g_new (FbkInstant, n + 1);

  edges[0] = fbk_time_period_start (options->compare_from, options->resolution);
  for (guint i = 0; i < n; i++)
    {
      edges[i + 1] = fbk_time_period_next (edges[i], options->resolution);
      values[i] = NAN;
    }

  for (guint c = 0; c < options->n_compare && n > 0; c++)
    {
      g_autoptr(FbkSeries) buckets = NULL;
      const FbkInterval *intervals;
      guint n_intervals, bucket = 0;

      if (fbk_series_get_direction (options->compare[c]) != direction)
        continue;

      buckets = fbk_series_aggregate (options->compare[c], options->resolution, edges[0], edges[n]);
      intervals = fbk_series_get_intervals (buckets, &n_intervals);
      for (guint i = 0; i < n_intervals; i++)
        {
          while (bucket < n && edges[bucket + 1] <= intervals[i].start)
            bucket++;
          if (bucket == n || intervals[i].start < edges[bucket] || !isfinite (intervals[i].kwh))
            continue;

          values[bucket] = (isnan (values[bucket]) ? 0.0 : values[bucket]) + intervals[i].kwh;
        }
    }

  return values;
}

static void
add_layers (FbkChartModel              *model,
            FbkSeries * const          *series,
            guint                       n_series,
            const FbkChartBuildOptions *options)
{
  switch (options->show)
    {
    case FBK_CHART_SHOW_BARS:
      for (guint i = 0; i < n_series; i++)
        {
          g_autoptr(FbkChartLayer) bars = fbk_chart_bars_new (i);

          fbk_chart_model_add_layer (model, bars);
        }
      break;

    case FBK_CHART_SHOW_CELLS:
      {
        g_autoptr(FbkChartLayer) cells = fbk_chart_cells_new (0);

        fbk_chart_model_add_layer (model, cells);
      }
      break;

    case FBK_CHART_SHOW_STACKED_BARS:
    default:
      {
        g_autoptr(FbkChartLayer) stacked = fbk_chart_stacked_bars_new ();

        fbk_chart_model_add_layer (model, stacked);
      }
      break;
    }

  if (options->n_compare > 0)
    {
      g_autofree double *values = compare_values (model, shown_direction (series, n_series), options);
      g_autoptr(FbkChartLayer) overlay = fbk_chart_overlay_new (options->compare_label, options->compare_style, values,
                                                                fbk_chart_model_get_n_buckets (model));

      fbk_chart_model_add_layer (model, overlay);
    }

  if (options->n_references > 0)
    {
      g_autoptr(FbkChartLayer) lines = fbk_chart_reference_lines_new (options->references, options->n_references);

      fbk_chart_model_add_layer (model, lines);
    }
}

/**
 * fbk_chart_build_options_init:
 * @from: the start of the period
 * @to: its end (exclusive)
 *
 * The window's chart: the meters' bars stacked, nothing over them.
 */
void
fbk_chart_build_options_init (FbkChartBuildOptions *options,
                              FbkResolution         resolution,
                              FbkInstant            from,
                              FbkInstant            to)
{
  g_return_if_fail (options != NULL);

  *options = (FbkChartBuildOptions) {
    .resolution = resolution,
    .from = from,
    .to = to,
    .show = FBK_CHART_SHOW_STACKED_BARS,
    .compare_style = FBK_CHART_OVERLAY_LINE,
  };
}

/**
 * fbk_chart_build_model:
 * @series: (array length=n_series): each meter's values in one direction,
 *   hourly or finer, e.g. from fbk_repository_refresh_finish()
 * @names: (array length=n_series): the display name of each series' meter
 * @from: the start of the period
 * @to: its end (exclusive)
 *
 * The chart the window shows and exports, and forbruk-cli draws: the
 * meters' bars stacked, as fbk_chart_build_model_full() makes it with
 * options from fbk_chart_build_options_init().
 *
 * Returns: (transfer full): a new model
 */
FbkChartModel *
fbk_chart_build_model (FbkSeries * const  *series,
                       const char * const *names,
                       guint               n_series,
                       FbkResolution       resolution,
                       FbkInstant          from,
                       FbkInstant          to)
{
  FbkChartBuildOptions options;

  fbk_chart_build_options_init (&options, resolution, from, to);
  return fbk_chart_build_model_full (series, names, n_series, &options);
}

/**
 * fbk_chart_build_model_full:
 * @series: (array length=n_series): each meter's values in one direction,
 *   hourly or finer
 * @names: (array length=n_series): the display name of each series' meter
 * @options: the period, and what to draw
 *
 * One series per entry of @series with its values summed to the
 * resolution over the period, each meter in its own colour slot
 * (consumption and production of one meter share it), in kWh, titled
 * with the meters, the period and the resolution: “Home, Cabin · 1–7 Mar
 * 2024 · hourly”; drawn as @options says.
 *
 * Returns: (transfer full): a new model
 */
FbkChartModel *
fbk_chart_build_model_full (FbkSeries * const          *series,
                            const char * const         *names,
                            guint                       n_series,
                            const FbkChartBuildOptions *options)
{
  FbkChartModel *model;
  g_autofree char *title = NULL;

  g_return_val_if_fail (series != NULL || n_series == 0, NULL);
  g_return_val_if_fail (names != NULL || n_series == 0, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->resolution < FBK_N_RESOLUTIONS, NULL);
  g_return_val_if_fail (options->from < options->to, NULL);
  g_return_val_if_fail (options->n_compare == 0 || (options->compare != NULL && options->compare_label != NULL), NULL);
  g_return_val_if_fail (options->references != NULL || options->n_references == 0, NULL);

  model = fbk_chart_model_new ();
  fbk_chart_model_set_period (model, options->resolution, options->from, options->to);
  fbk_chart_model_set_unit (model, FBK_CHART_UNIT_KWH);

  for (guint i = 0; i < n_series; i++)
    {
      g_autoptr(FbkSeries) buckets = fbk_series_aggregate (series[i], options->resolution, options->from, options->to);
      guint n_buckets;
      const FbkInterval *intervals = fbk_series_get_intervals (buckets, &n_buckets);

      fbk_chart_model_add_series (model, names[i], fbk_series_get_direction (series[i]),
                                  meter_index (series, i), intervals, n_buckets);
    }

  add_layers (model, series, n_series, options);

  title = build_title (series, names, n_series, options->resolution, options->from, options->to);
  fbk_chart_model_set_title (model, title);

  return model;
}

/**
 * fbk_chart_build_file_name:
 * @metering_point_ids: (array zero-terminated=1): the meters shown
 * @from: the start of the period
 * @to: its end (exclusive)
 * @extension: without the dot, e.g. "png" or "csv"
 *
 * The name an export is offered under: `forbruk-METER-FIRST-LAST.EXT`,
 * where METER is the meter's id, or “several” for more than one meter
 * (a list of 18-digit ids makes an unwieldy name), and FIRST and LAST are
 * the first and last Oslo days of the period. ASCII only, whatever the
 * language, so it survives any file system and script.
 *
 * Returns: (transfer full): e.g. `forbruk-707057500061439208-2024-03-01-2024-03-07.png`
 */
char *
fbk_chart_build_file_name (const char * const *metering_point_ids,
                           FbkInstant          from,
                           FbkInstant          to,
                           const char         *extension)
{
  const char *meter;
  FbkDate first, last;

  g_return_val_if_fail (metering_point_ids != NULL && metering_point_ids[0] != NULL, NULL);
  g_return_val_if_fail (from < to, NULL);
  g_return_val_if_fail (extension != NULL, NULL);

  /* A meter's consumption and production count as one meter. */
  meter = metering_point_ids[0];
  for (guint i = 1; metering_point_ids[i] != NULL; i++)
    {
      if (g_strcmp0 (metering_point_ids[i], meter) != 0)
        {
          meter = "several";
          break;
        }
    }

  first = fbk_time_oslo_date (from);
  last = fbk_time_oslo_date (to - 1);

  return g_strdup_printf ("forbruk-%s-%04d-%02d-%02d-%04d-%02d-%02d.%s", meter,
                          first.year, first.month, first.day, last.year, last.month, last.day,
                          extension);
}
