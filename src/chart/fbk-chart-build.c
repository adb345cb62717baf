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
#include "fbk-chart-format.h"
#include "fbk-compare.h"
#include "fbk-format.h"

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
  g_autofree char *period = fbk_chart_format_span (from, to);

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

/* How far a meter's newest value may trail the newest of another before
 * the hours between count as missing rather than not in yet: Elvia's
 * values come an hour or two late, sometimes several, and meters do not
 * keep pace with one another (metervalue-api.md, §9). */
#define LAG_GRACE (24 * FBK_SECONDS_PER_HOUR)

/* Where values stop being expected: at the newest value every meter has
 * had time to deliver, so the hour one meter's value is not in yet for is
 * not called missing. With no values at all, every hour up to now is
 * missing. */
static FbkInstant
values_until (FbkSeries * const          *series,
              guint                       n_series,
              const FbkChartBuildOptions *options)
{
  FbkInstant newest = FBK_INSTANT_INVALID;
  FbkInstant slowest = G_MAXINT64;

  for (guint i = 0; i < n_series; i++)
    {
      guint n;
      const FbkInterval *intervals = fbk_series_get_range (series[i], options->from, options->to, &n);

      if (n == 0)
        continue;
      newest = MAX (newest, fbk_interval_end (&intervals[n - 1]));
      slowest = MIN (slowest, fbk_interval_end (&intervals[n - 1]));
    }

  if (newest == FBK_INSTANT_INVALID)
    newest = slowest = options->now != FBK_INSTANT_INVALID ? MIN (options->now, options->to) : options->to;
  return CLAMP (MAX (slowest, newest - LAG_GRACE), options->from, options->to);
}

/* The values of @series in @direction over [@from, @to): their total
 * (NAN without any) and the seconds of the span they do not cover. */
static void
sum_span (FbkSeries * const *series,
          guint              n_series,
          FbkDirection       direction,
          FbkInstant         from,
          FbkInstant         to,
          double            *out_kwh,
          guint32           *out_missing)
{
  gint64 expected = 0;
  gint64 covered = 0;

  *out_kwh = NAN;
  for (guint i = 0; i < n_series; i++)
    {
      const FbkInterval *intervals;
      guint n;

      if (fbk_series_get_direction (series[i]) != direction)
        continue;

      expected += to - from;
      intervals = fbk_series_get_range (series[i], from, to, &n);
      for (guint k = 0; k < n; k++)
        {
          *out_kwh = (isnan (*out_kwh) ? 0.0 : *out_kwh) + intervals[k].kwh;
          covered += MIN (fbk_interval_end (&intervals[k]), to) - intervals[k].start;
        }
    }
  *out_missing = (guint32) MAX (0, expected - covered);
}

/* The earlier span lined up with [@from, @to) of a bucket of @resolution
 * starting at @start: the same clock hours @shift back; empty where the
 * earlier day has no such hour (a spring day's 02:00). */
static void
earlier_span (const FbkCompareShift *shift,
              FbkResolution          resolution,
              FbkInstant             from,
              FbkInstant             to,
              FbkInstant            *out_from,
              FbkInstant            *out_to)
{
  *out_from = fbk_compare_shift_back (shift, from);
  if (resolution == FBK_RESOLUTION_HOUR)
    {
      *out_to = fbk_time_period_next (*out_from, FBK_RESOLUTION_HOUR);
      if (fbk_time_oslo_hour (*out_from) != fbk_time_oslo_hour (from))
        *out_to = *out_from;
    }
  else
    *out_to = fbk_compare_shift_back (shift, to);
}

/* Both sides of a comparison, bucket by bucket: the part of each bucket
 * values are expected for, and that part moved back on the calendar
 * (fbk-compare.c); the meters' totals in @direction on each side, from
 * the same hours of the same meters, so like is compared with like; what
 * either side lacks is counted, never read as zero. */
static FbkChartOverlayBucket *
compare_buckets (FbkChartModel              *model,
                 FbkSeries * const          *series,
                 guint                       n_series,
                 FbkDirection                direction,
                 const FbkChartBuildOptions *options)
{
  guint n = fbk_chart_model_get_n_buckets (model);
  FbkChartOverlayBucket *buckets = g_new0 (FbkChartOverlayBucket, MAX (n, 1));
  FbkCompareShift shift = fbk_compare_shift_between (options->resolution, options->from, options->compare_from);
  FbkInstant until = fbk_chart_model_get_expected_until (model);

  for (guint i = 0; i < n; i++)
    {
      FbkChartOverlayBucket *bucket = &buckets[i];

      bucket->now_from = MAX (fbk_chart_model_get_bucket_start (model, i), options->from);
      bucket->now_to = MAX (bucket->now_from, MIN (fbk_chart_model_get_bucket_end (model, i), until));
      bucket->now_value = bucket->value = NAN;
      if (bucket->now_from >= bucket->now_to)
        continue;

      sum_span (series, n_series, direction, bucket->now_from, bucket->now_to, &bucket->now_value,
                &bucket->now_missing);
      earlier_span (&shift, options->resolution, bucket->now_from, bucket->now_to, &bucket->from, &bucket->to);
      if (bucket->from < bucket->to)
        sum_span (options->compare, options->n_compare, direction, bucket->from, bucket->to, &bucket->value,
                  &bucket->missing);
    }

  return buckets;
}

/* Consumption less production, bucket by bucket: what came from the grid
 * in all (below zero: what went to it); NAN where neither has a value. */
static double *
net_values (FbkChartModel *model)
{
  guint n = fbk_chart_model_get_n_buckets (model);
  double *values = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      gboolean any = FALSE;

      values[i] = 0.0;
      for (guint s = 0; s < fbk_chart_model_get_n_series (model); s++)
        {
          double value;

          if (!fbk_chart_model_get_value (model, s, i, &value, NULL))
            continue;
          values[i] += fbk_chart_model_get_series_direction (model, s) == FBK_DIRECTION_CONSUMPTION ? value : -value;
          any = TRUE;
        }
      if (!any)
        values[i] = NAN;
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
    case FBK_CHART_SHOW_WEEKDAY_CELLS:
      {
        g_autoptr(FbkChartLayer) cells = options->show == FBK_CHART_SHOW_CELLS ? fbk_chart_cells_new (0)
                                                                               : fbk_chart_weekday_cells_new (0);

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
      g_autofree FbkChartOverlayBucket *buckets = compare_buckets (model, series, n_series,
                                                                   shown_direction (series, n_series), options);
      g_autoptr(FbkChartLayer) overlay = fbk_chart_overlay_new_compared (options->compare_label, options->compare_style,
                                                                         buckets, fbk_chart_model_get_n_buckets (model));

      fbk_chart_model_add_layer (model, overlay);
    }

  if (options->net)
    {
      g_autofree double *values = net_values (model);
      /* Translators: the line of consumption less production, per bar */
      g_autoptr(FbkChartLayer) net = fbk_chart_value_line_new (_("Net import"), values,
                                                               fbk_chart_model_get_n_buckets (model));

      fbk_chart_model_add_layer (model, net);
    }

  if (options->n_references > 0)
    {
      g_autoptr(FbkChartLayer) lines = fbk_chart_reference_lines_new (options->references, options->n_references);

      fbk_chart_model_add_layer (model, lines);
    }
}

static int
compare_bucket_start (gconstpointer a,
                      gconstpointer b)
{
  FbkInstant start_a = ((const FbkBucket *) a)->start;
  FbkInstant start_b = ((const FbkBucket *) b)->start;

  return start_a < start_b ? -1 : start_a > start_b;
}

/* The meters' hours summed into one series, for a grid with one cell per
 * hour: an hour not every meter has a value for covers only their share
 * of it, so it counts as partly missing rather than whole. */
static GArray *
sum_hours (FbkSeries * const          *series,
           guint                       n_series,
           const FbkChartBuildOptions *options)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (FbkBucket));
  GArray *hours = g_array_new (FALSE, FALSE, sizeof (FbkBucket));

  for (guint i = 0; i < n_series; i++)
    {
      g_autoptr(GArray) buckets = fbk_series_get_buckets (series[i], FBK_RESOLUTION_HOUR, options->from, options->to);

      g_array_append_vals (all, buckets->data, buckets->len);
    }
  g_array_sort (all, compare_bucket_start);

  for (guint i = 0; i < all->len; i++)
    {
      const FbkBucket *bucket = &g_array_index (all, FbkBucket, i);
      FbkBucket *sum = hours->len > 0 ? &g_array_index (hours, FbkBucket, hours->len - 1) : NULL;

      if (sum != NULL && sum->start == bucket->start)
        {
          sum->kwh += bucket->kwh;
          sum->flags &= bucket->flags;
          sum->covered_seconds += bucket->covered_seconds;
        }
      else
        g_array_append_val (hours, *bucket);
    }

  for (guint h = 0; h < hours->len && n_series > 1; h++)
    g_array_index (hours, FbkBucket, h).covered_seconds /= n_series;

  return hours;
}

/* A grid of hours shows one series: the meters of the direction shown,
 * hour by hour, summed. */
static void
add_summed_series (FbkChartModel              *model,
                   FbkSeries * const          *series,
                   const char * const         *names,
                   guint                       n_series,
                   const FbkChartBuildOptions *options)
{
  FbkDirection direction = shown_direction (series, n_series);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GString) label = g_string_new (NULL);
  g_autoptr(GArray) hours = NULL;

  for (guint i = 0; i < n_series; i++)
    {
      if (fbk_series_get_direction (series[i]) != direction)
        continue;

      if (shown->len > 0)
        g_string_append (label, C_("chart title", ", "));
      g_string_append (label, names[i]);
      g_ptr_array_add (shown, series[i]);
    }
  if (shown->len == 0)
    return;

  hours = sum_hours ((FbkSeries * const *) shown->pdata, shown->len, options);
  fbk_chart_model_add_series_buckets (model, label->str, direction, 0, (const FbkBucket *) (gpointer) hours->data,
                                      hours->len);
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
    .now = FBK_INSTANT_INVALID,
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

  if (options->show == FBK_CHART_SHOW_CELLS || options->show == FBK_CHART_SHOW_WEEKDAY_CELLS)
    add_summed_series (model, series, names, n_series, options);
  else
    {
      for (guint i = 0; i < n_series; i++)
        {
          g_autoptr(GArray) buckets = fbk_series_get_buckets (series[i], options->resolution, options->from, options->to);

          fbk_chart_model_add_series_buckets (model, names[i], fbk_series_get_direction (series[i]),
                                              meter_index (series, i), (const FbkBucket *) (gpointer) buckets->data,
                                              buckets->len);
        }
    }
  fbk_chart_model_set_expected_until (model, values_until (series, n_series, options));

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
