/* test-chart-build.c: the chart model the window's export and forbruk-cli
 * make from the meters and period shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "fbk-chart-build.h"
#include "fbk-chart-renderer.h"

#define HOME  "707057500012345678"
#define CABIN "707057500087654321"

static FbkInstant
midnight (int year,
          int month,
          int day)
{
  return fbk_time_oslo_midnight ((FbkDate) { year, month, day });
}

/* Hourly values of 1 kWh over [@from, @to), verified before @verified_until. */
static FbkSeries *
hourly (const char   *metering_point_id,
        FbkDirection  direction,
        FbkInstant    from,
        FbkInstant    to,
        FbkInstant    verified_until)
{
  FbkSeries *series = fbk_series_new (metering_point_id, direction);

  for (FbkInstant start = from; start < to; start += 3600)
    {
      FbkInterval interval = { start, 3600, start < verified_until ? FBK_INTERVAL_VERIFIED : 0, 1.0 };

      fbk_series_upsert (series, &interval, 1);
    }
  return series;
}

static char *
title_for (FbkResolution resolution,
           FbkInstant    from,
           FbkInstant    to)
{
  g_autoptr(FbkSeries) home = hourly (HOME, FBK_DIRECTION_CONSUMPTION, from, to, to);
  const char *names[] = { "Home" };
  g_autoptr(FbkChartModel) model = fbk_chart_build_model (&home, names, 1, resolution, from, to);

  return g_strdup (fbk_chart_model_get_title (model));
}

static void
check_title (FbkResolution  resolution,
             FbkInstant     from,
             FbkInstant     to,
             const char    *expected)
{
  g_autofree char *title = title_for (resolution, from, to);

  g_assert_cmpstr (title, ==, expected);
}

/* The period reads as short as it can: one day, days of one month, of one
 * year, of several; whole months and years by name; cut mid-day, with
 * times. */
static void
test_title_period (void)
{
  check_title (FBK_RESOLUTION_HOUR, midnight (2024, 3, 15), midnight (2024, 3, 16), "Home · 15 March 2024 · hourly");
  check_title (FBK_RESOLUTION_HOUR, midnight (2024, 3, 1), midnight (2024, 3, 8), "Home · 1–7 Mar 2024 · hourly");
  check_title (FBK_RESOLUTION_DAY, midnight (2024, 2, 28), midnight (2024, 3, 7), "Home · 28 Feb – 6 Mar 2024 · daily");
  check_title (FBK_RESOLUTION_DAY, midnight (2023, 12, 28), midnight (2024, 1, 4), "Home · 28 Dec 2023 – 3 Jan 2024 · daily");
  check_title (FBK_RESOLUTION_DAY, midnight (2024, 3, 1), midnight (2024, 4, 1), "Home · March 2024 · daily");
  check_title (FBK_RESOLUTION_WEEK, midnight (2024, 1, 1), midnight (2024, 4, 1), "Home · January – March 2024 · weekly");
  check_title (FBK_RESOLUTION_MONTH, midnight (2023, 11, 1), midnight (2024, 3, 1), "Home · Nov 2023 – Feb 2024 · monthly");
  check_title (FBK_RESOLUTION_MONTH, midnight (2024, 1, 1), midnight (2025, 1, 1), "Home · 2024 · monthly");
  check_title (FBK_RESOLUTION_YEAR, midnight (2023, 1, 1), midnight (2025, 1, 1), "Home · Jan 2023 – Dec 2024 · yearly");
  /* The autumn change: a 25-hour day is still one day. */
  check_title (FBK_RESOLUTION_HOUR, midnight (2024, 10, 27), midnight (2024, 10, 28), "Home · 27 October 2024 · hourly");
  check_title (FBK_RESOLUTION_HOUR, midnight (2024, 3, 1) + 6 * 3600, midnight (2024, 3, 1) + 18 * 3600,
               "Home · 1 Mar 2024, 06:00 – 1 Mar 2024, 18:00 · hourly");
}

/* Each meter once in the title and in its own colour slot, which its
 * production shares; the legend labels are the names given. */
static void
test_meters (void)
{
  FbkInstant from = midnight (2024, 6, 1);
  FbkInstant to = midnight (2024, 6, 8);
  FbkSeries *series[] = {
    hourly (HOME, FBK_DIRECTION_CONSUMPTION, from, to, to),
    hourly (CABIN, FBK_DIRECTION_CONSUMPTION, from, to, to),
    hourly (HOME, FBK_DIRECTION_PRODUCTION, from, to, to),
  };
  const char *names[] = { "Home", "Cabin", "Home" };
  g_autoptr(FbkChartModel) model = fbk_chart_build_model (series, names, 3, FBK_RESOLUTION_DAY, from, to);

  g_assert_cmpstr (fbk_chart_model_get_title (model), ==, "Home, Cabin · 1–7 Jun 2024 · daily");
  g_assert_cmpuint (fbk_chart_model_get_n_series (model), ==, 3);
  g_assert_cmpstr (fbk_chart_model_get_series_label (model, 1), ==, "Cabin");
  g_assert_cmpuint (fbk_chart_model_get_series_colour_slot (model, 0), ==, 0);
  g_assert_cmpuint (fbk_chart_model_get_series_colour_slot (model, 1), ==, 1);
  g_assert_cmpuint (fbk_chart_model_get_series_colour_slot (model, 2), ==, 0);
  g_assert_cmpint (fbk_chart_model_get_series_direction (model, 2), ==, FBK_DIRECTION_PRODUCTION);
  g_assert_cmpint (fbk_chart_model_get_unit (model), ==, FBK_CHART_UNIT_KWH);

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    g_object_unref (series[i]);
}

static void
test_production_only (void)
{
  FbkInstant from = midnight (2024, 6, 1);
  FbkInstant to = midnight (2024, 6, 2);
  g_autoptr(FbkSeries) home = hourly (HOME, FBK_DIRECTION_PRODUCTION, from, to, to);
  const char *names[] = { "Home" };
  g_autoptr(FbkChartModel) model = fbk_chart_build_model (&home, names, 1, FBK_RESOLUTION_HOUR, from, to);

  g_assert_cmpstr (fbk_chart_model_get_title (model), ==, "Home (production) · 1 June 2024 · hourly");
}

/* Hours are summed into Oslo days (23 of them on the spring change), and a
 * day is verified only when all its hours are. */
static void
test_buckets (void)
{
  FbkInstant from = midnight (2024, 3, 30);
  FbkInstant to = midnight (2024, 4, 2);
  g_autoptr(FbkSeries) home = hourly (HOME, FBK_DIRECTION_CONSUMPTION, from, to, midnight (2024, 4, 1) + 3600);
  const char *names[] = { "Home" };
  g_autoptr(FbkChartModel) model = fbk_chart_build_model (&home, names, 1, FBK_RESOLUTION_DAY, from, to);
  const double expected[] = { 24, 23, 24 };
  const gboolean verified[] = { TRUE, TRUE, FALSE };

  g_assert_cmpuint (fbk_chart_model_get_n_buckets (model), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      double value;
      FbkIntervalFlags flags;

      g_assert_true (fbk_chart_model_get_value (model, 0, i, &value, &flags));
      g_assert_cmpfloat (value, ==, expected[i]);
      g_assert_cmpint ((flags & FBK_INTERVAL_VERIFIED) != 0, ==, verified[i]);
    }
}

static const char *
layer_name (FbkChartModel *model,
            guint          index)
{
  return fbk_chart_layer_get_name (fbk_chart_model_get_layer (model, index));
}

/* What to draw: stacked bars unless asked otherwise, a layer of bars per
 * series, cells, and lines on top. */
static void
test_options_show (void)
{
  FbkInstant from = midnight (2024, 6, 1);
  FbkInstant to = midnight (2024, 6, 8);
  FbkSeries *series[] = {
    hourly (HOME, FBK_DIRECTION_CONSUMPTION, from, to, to),
    hourly (CABIN, FBK_DIRECTION_CONSUMPTION, from, to, to),
  };
  const char *names[] = { "Home", "Cabin" };
  const FbkChartReferenceLine limits[] = {
    { 2.0, "Step 2", FBK_CHART_REFERENCE_LIMIT },
    { 5.0, "Step 3", FBK_CHART_REFERENCE_LIMIT },
  };
  FbkChartBuildOptions options;

  {
    g_autoptr(FbkChartModel) model = fbk_chart_build_model (series, names, 2, FBK_RESOLUTION_DAY, from, to);

    g_assert_cmpuint (fbk_chart_model_get_n_layers (model), ==, 1);
    g_assert_cmpstr (layer_name (model, 0), ==, "stacked-bars");
  }

  fbk_chart_build_options_init (&options, FBK_RESOLUTION_DAY, from, to);
  options.show = FBK_CHART_SHOW_BARS;
  options.references = limits;
  options.n_references = G_N_ELEMENTS (limits);
  {
    g_autoptr(FbkChartModel) model = fbk_chart_build_model_full (series, names, 2, &options);
    const FbkChartReferenceLine *lines;
    guint n_lines;

    g_assert_cmpuint (fbk_chart_model_get_n_layers (model), ==, 3);
    g_assert_cmpstr (layer_name (model, 0), ==, "bars");
    g_assert_cmpstr (layer_name (model, 1), ==, "bars");
    g_assert_cmpstr (layer_name (model, 2), ==, "reference-lines");
    lines = fbk_chart_reference_lines_get_lines (fbk_chart_model_get_layer (model, 2), &n_lines);
    g_assert_cmpuint (n_lines, ==, 2);
    g_assert_cmpfloat (lines[1].value, ==, 5.0);
    g_assert_cmpstr (lines[1].label, ==, "Step 3");
  }

  fbk_chart_build_options_init (&options, FBK_RESOLUTION_HOUR, from, to);
  options.show = FBK_CHART_SHOW_CELLS;
  {
    g_autoptr(FbkChartModel) model = fbk_chart_build_model_full (series, names, 2, &options);

    g_assert_cmpuint (fbk_chart_model_get_n_layers (model), ==, 1);
    g_assert_cmpstr (layer_name (model, 0), ==, "cells");
    g_assert_cmpuint (fbk_chart_model_get_n_buckets (model), ==, 7 * 24);
  }

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    g_object_unref (series[i]);
}

/* An earlier week over this one, day by day: the meters' consumption
 * summed (production left out), and a day without values has none, not
 * zero. */
static void
test_options_compare (void)
{
  FbkInstant from = midnight (2024, 6, 8);
  FbkInstant to = midnight (2024, 6, 15);
  FbkInstant before = midnight (2024, 6, 1);
  g_autoptr(FbkSeries) now = hourly (HOME, FBK_DIRECTION_CONSUMPTION, from, to, to);
  FbkSeries *earlier[] = {
    hourly (HOME, FBK_DIRECTION_CONSUMPTION, before, from, from),
    hourly (CABIN, FBK_DIRECTION_CONSUMPTION, before, from, from),
    hourly (HOME, FBK_DIRECTION_PRODUCTION, before, from, from),
  };
  const char *names[] = { "Home" };
  g_autoptr(FbkChartModel) model = NULL;
  g_autofree char *description = NULL;
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  FbkChartBuildOptions options;
  FbkChartHit hit = { 0, 0, from, from + 86400, 24.0, FBK_INTERVAL_VERIFIED };

  /* No values on 3 June, in either meter. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(FbkSeries) cut = fbk_series_new (fbk_series_get_metering_point_id (earlier[i]), FBK_DIRECTION_CONSUMPTION);
      guint n;
      const FbkInterval *hours = fbk_series_get_intervals (earlier[i], &n);

      for (guint h = 0; h < n; h++)
        {
          if (hours[h].start < midnight (2024, 6, 3) || hours[h].start >= midnight (2024, 6, 4))
            fbk_series_upsert (cut, &hours[h], 1);
        }
      g_object_unref (earlier[i]);
      earlier[i] = g_steal_pointer (&cut);
    }

  fbk_chart_build_options_init (&options, FBK_RESOLUTION_DAY, from, to);
  options.compare = earlier;
  options.n_compare = G_N_ELEMENTS (earlier);
  options.compare_from = before;
  options.compare_label = "Week before";
  options.compare_style = FBK_CHART_OVERLAY_GHOST_BARS;
  model = fbk_chart_build_model_full (&now, names, 1, &options);

  g_assert_cmpuint (fbk_chart_model_get_n_layers (model), ==, 2);
  g_assert_cmpstr (layer_name (model, 0), ==, "stacked-bars");
  g_assert_cmpstr (layer_name (model, 1), ==, "overlay");

  /* Six days of two meters at 24 kWh each. */
  description = fbk_chart_describe (model, NULL);
  g_assert_nonnull (strstr (description, "Compared with Week before: 288 kWh."));

  /* 8 June against 1 June; 10 June against 3 June, which has none. */
  with = fbk_chart_describe_hit (model, &hit);
  g_assert_true (g_str_has_suffix (with, "\nWeek before: 48.0 kWh"));
  hit.bucket = 2;
  hit.start = midnight (2024, 6, 10);
  hit.end = midnight (2024, 6, 11);
  without = fbk_chart_describe_hit (model, &hit);
  g_assert_null (strstr (without, "Week before"));

  for (guint i = 0; i < G_N_ELEMENTS (earlier); i++)
    g_object_unref (earlier[i]);
}

/* Hourly values of @kwh over [@from, @to), verified, but none in [@hole_from, @hole_to). */
static FbkSeries *
hourly_with_hole (const char   *metering_point_id,
                  FbkDirection  direction,
                  FbkInstant    from,
                  FbkInstant    to,
                  double        kwh,
                  FbkInstant    hole_from,
                  FbkInstant    hole_to)
{
  FbkSeries *series = fbk_series_new (metering_point_id, direction);

  for (FbkInstant start = from; start < to; start += 3600)
    {
      FbkInterval interval = { start, 3600, FBK_INTERVAL_VERIFIED, kwh };

      if (start < hole_from || start >= hole_to)
        fbk_series_upsert (series, &interval, 1);
    }
  return series;
}

static FbkChartHit
hit_of (FbkChartModel *model,
        guint          series,
        guint          bucket)
{
  FbkChartHit hit = { series, bucket, fbk_chart_model_get_bucket_start (model, bucket),
                      fbk_chart_model_get_bucket_end (model, bucket), 0.0, 0, 0 };

  if (!fbk_chart_model_get_value (model, series, bucket, &hit.value, &hit.flags))
    hit.value = NAN;
  return hit;
}

static char *
tooltip (FbkChartModel *model,
         guint          series,
         guint          bucket)
{
  FbkChartHit hit = hit_of (model, series, bucket);

  return fbk_chart_describe_hit (model, &hit);
}

/* 1–4 June by day, values of 1 kWh an hour up to 4 June, five hours of
 * 2 June missing: 2 June has 19 kWh and lacks 5 hours, the total is a
 * floor; 4 June is not in yet, neither a value nor missing. */
static void
test_coverage_missing (void)
{
  FbkInstant from = midnight (2024, 6, 1);
  FbkInstant to = midnight (2024, 6, 5);
  g_autoptr(FbkSeries) home = hourly_with_hole (HOME, FBK_DIRECTION_CONSUMPTION, from, midnight (2024, 6, 4), 1.0,
                                                midnight (2024, 6, 2) + 10 * 3600, midnight (2024, 6, 2) + 15 * 3600);
  const char *names[] = { "Home" };
  g_autoptr(FbkChartModel) model = fbk_chart_build_model (&home, names, 1, FBK_RESOLUTION_DAY, from, to);
  g_autofree char *description = fbk_chart_describe (model, NULL);
  g_autofree char *gap_day = tooltip (model, 0, 1);
  g_autofree char *whole_day = tooltip (model, 0, 0);
  FbkChartCoverage coverage;
  double value;

  g_assert_cmpint (fbk_chart_model_get_expected_until (model), ==, midnight (2024, 6, 4));
  g_assert_cmpuint (fbk_chart_model_count_missing_hours (model, 0, 0, 4), ==, 5);
  g_assert_true (fbk_chart_model_get_value (model, 0, 1, &value, NULL));
  g_assert_cmpfloat (value, ==, 19.0);
  g_assert_true (fbk_chart_model_get_coverage (model, 0, 1, &coverage));
  g_assert_cmpint (coverage.from, ==, midnight (2024, 6, 2));
  g_assert_cmpint (coverage.to, ==, midnight (2024, 6, 3));
  g_assert_cmpuint (coverage.missing_seconds, ==, 5 * 3600);

  g_assert_false (fbk_chart_model_get_value (model, 0, 3, NULL, NULL));
  g_assert_true (fbk_chart_model_get_coverage (model, 0, 3, &coverage));
  g_assert_cmpint (coverage.from, ==, coverage.to);
  g_assert_cmpuint (coverage.missing_seconds, ==, 0);

  /* 24 + 19 + 24 = 67 kWh, at least. */
  g_assert_nonnull (strstr (description, "Home, consumption: at least 67.0 kWh in total;"));
  g_assert_nonnull (strstr (description, "5 hours have no value."));
  g_assert_true (g_str_has_suffix (gap_day, "\n5 hours without a value"));
  g_assert_null (strstr (whole_day, "without a value"));
  g_assert_null (strstr (whole_day, "only"));
}

/* By month from 8 December: December is a bar of 8–31 December, and says
 * so; the total is whole, the months after it too. */
static void
test_coverage_cut (void)
{
  FbkInstant from = midnight (2023, 12, 8);
  FbkInstant to = midnight (2024, 3, 1);
  g_autoptr(FbkSeries) home = hourly (HOME, FBK_DIRECTION_CONSUMPTION, from, to, to);
  const char *names[] = { "Home" };
  g_autoptr(FbkChartModel) model = fbk_chart_build_model (&home, names, 1, FBK_RESOLUTION_MONTH, from, to);
  g_autofree char *description = fbk_chart_describe (model, NULL);
  g_autofree char *december = tooltip (model, 0, 0);
  g_autofree char *january = tooltip (model, 0, 1);
  FbkChartCoverage coverage;

  g_assert_true (fbk_chart_model_get_coverage (model, 0, 0, &coverage));
  g_assert_cmpint (coverage.from, ==, from);
  g_assert_cmpint (coverage.to, ==, midnight (2024, 1, 1));
  g_assert_cmpuint (coverage.missing_seconds, ==, 0);
  g_assert_true (g_str_has_suffix (december, "\n8–31 Dec 2023 only, not a whole month"));
  g_assert_null (strstr (january, "only"));
  g_assert_null (strstr (description, "at least"));
  g_assert_null (strstr (description, "no value"));
}

/* A meter two hours behind another is not in yet, not missing; one two
 * days behind lacks the hours more than a day behind the newest. */
static void
test_coverage_lag (void)
{
  FbkInstant from = midnight (2024, 6, 1);
  FbkInstant to = midnight (2024, 6, 5);
  const char *names[] = { "Home", "Cabin" };

  {
    FbkSeries *series[] = {
      hourly (HOME, FBK_DIRECTION_CONSUMPTION, from, midnight (2024, 6, 4), to),
      hourly (CABIN, FBK_DIRECTION_CONSUMPTION, from, midnight (2024, 6, 4) - 2 * 3600, to),
    };
    g_autoptr(FbkChartModel) model = fbk_chart_build_model (series, names, 2, FBK_RESOLUTION_DAY, from, to);
    g_autofree char *description = fbk_chart_describe (model, NULL);

    g_assert_cmpint (fbk_chart_model_get_expected_until (model), ==, midnight (2024, 6, 4) - 2 * 3600);
    g_assert_cmpuint (fbk_chart_model_count_missing_hours (model, 0, 0, 4), ==, 0);
    g_assert_cmpuint (fbk_chart_model_count_missing_hours (model, 1, 0, 4), ==, 0);
    g_assert_null (strstr (description, "at least"));
    g_object_unref (series[0]);
    g_object_unref (series[1]);
  }

  {
    FbkSeries *series[] = {
      hourly (HOME, FBK_DIRECTION_CONSUMPTION, from, midnight (2024, 6, 4), to),
      hourly (CABIN, FBK_DIRECTION_CONSUMPTION, from, midnight (2024, 6, 2), to),
    };
    g_autoptr(FbkChartModel) model = fbk_chart_build_model (series, names, 2, FBK_RESOLUTION_DAY, from, to);

    /* Values are expected up to a day before the newest: 3 June. */
    g_assert_cmpint (fbk_chart_model_get_expected_until (model), ==, midnight (2024, 6, 3));
    g_assert_cmpuint (fbk_chart_model_count_missing_hours (model, 1, 0, 4), ==, 24);
    g_object_unref (series[0]);
    g_object_unref (series[1]);
  }
}

/* 10–12 June at 2 kWh an hour, in up to noon of the 12th, against 3–5
 * June at 1 kWh an hour: each side over the same hours, so the half day
 * of the 12th is compared with the half day of the 5th: +100 % every
 * day; 120 kWh in 2.5 days (48 a day) against 60 (24 a day). */
static void
test_compare_like_for_like (void)
{
  FbkInstant from = midnight (2024, 6, 10);
  FbkInstant to = midnight (2024, 6, 13);
  g_autoptr(FbkSeries) now = hourly_with_hole (HOME, FBK_DIRECTION_CONSUMPTION, from, midnight (2024, 6, 12) + 12 * 3600,
                                               2.0, 0, 0);
  g_autoptr(FbkSeries) earlier = hourly_with_hole (HOME, FBK_DIRECTION_CONSUMPTION, midnight (2024, 6, 3),
                                                   midnight (2024, 6, 6), 1.0, 0, 0);
  const char *names[] = { "Home" };
  g_autoptr(FbkChartModel) model = NULL;
  g_autofree char *description = NULL;
  g_autofree char *last_day = NULL;
  FbkChartBuildOptions options;

  fbk_chart_build_options_init (&options, FBK_RESOLUTION_DAY, from, to);
  options.compare = &earlier;
  options.n_compare = 1;
  options.compare_from = midnight (2024, 6, 3);
  options.compare_label = "Week before";
  options.compare_style = FBK_CHART_OVERLAY_GHOST_BARS;
  model = fbk_chart_build_model_full (&now, names, 1, &options);
  description = fbk_chart_describe (model, NULL);
  last_day = tooltip (model, 0, 2);

  /* The ghost of the 5th is its morning: 12 kWh, not 24. */
  g_assert_true (g_str_has_suffix (last_day, "\nWeek before: 12.0 kWh"));
  g_assert_nonnull (strstr (last_day, "\nChange from 5 Jun 2024, 00:00 – 5 Jun 2024, 12:00: +100.0 %\n"));
  g_assert_nonnull (strstr (description, "Compared with Week before: 60.0 kWh."));
  g_assert_nonnull (strstr (description, "Change: +100.0 %, 48.0 kWh a day against 24.0 kWh a day."));
}

/* Three hours of 4 June missing: that day and the whole are not compared,
 * as if they were zero, but said to lack them. */
static void
test_compare_missing (void)
{
  FbkInstant from = midnight (2024, 6, 10);
  FbkInstant to = midnight (2024, 6, 13);
  g_autoptr(FbkSeries) now = hourly_with_hole (HOME, FBK_DIRECTION_CONSUMPTION, from, to, 2.0, 0, 0);
  g_autoptr(FbkSeries) earlier = hourly_with_hole (HOME, FBK_DIRECTION_CONSUMPTION, midnight (2024, 6, 3),
                                                   midnight (2024, 6, 6), 1.0, midnight (2024, 6, 4) + 3600,
                                                   midnight (2024, 6, 4) + 4 * 3600);
  const char *names[] = { "Home" };
  g_autoptr(FbkChartModel) model = NULL;
  g_autofree char *description = NULL;
  g_autofree char *lacking = NULL;
  g_autofree char *whole = NULL;
  FbkChartBuildOptions options;

  fbk_chart_build_options_init (&options, FBK_RESOLUTION_DAY, from, to);
  options.compare = &earlier;
  options.n_compare = 1;
  options.compare_from = midnight (2024, 6, 3);
  options.compare_label = "Week before";
  model = fbk_chart_build_model_full (&now, names, 1, &options);
  description = fbk_chart_describe (model, NULL);
  lacking = tooltip (model, 0, 1);
  whole = tooltip (model, 0, 0);

  g_assert_nonnull (strstr (description, "3 hours of it have no value."));
  g_assert_null (strstr (description, "Change:"));
  g_assert_nonnull (strstr (lacking, "No change figure: hours missing on 4 June 2024 or now"));
  g_assert_true (g_str_has_suffix (lacking, "\nWeek before: 21.0 kWh"));
  g_assert_nonnull (strstr (whole, "Change from 3 June 2024: +100.0 %"));
}

/* A producing meter: 2 kWh an hour in, 3 out; the net is −24 kWh a day. */
static void
test_net (void)
{
  FbkInstant from = midnight (2024, 6, 1);
  FbkInstant to = midnight (2024, 6, 3);
  FbkSeries *series[] = {
    hourly_with_hole (HOME, FBK_DIRECTION_CONSUMPTION, from, to, 2.0, 0, 0),
    hourly_with_hole (HOME, FBK_DIRECTION_PRODUCTION, from, to, 3.0, 0, 0),
  };
  const char *names[] = { "Home", "Home" };
  g_autoptr(FbkChartModel) model = NULL;
  g_autofree char *description = NULL;
  g_autofree char *day = NULL;
  FbkChartBuildOptions options;

  fbk_chart_build_options_init (&options, FBK_RESOLUTION_DAY, from, to);
  options.net = TRUE;
  model = fbk_chart_build_model_full (series, names, 2, &options);
  description = fbk_chart_describe (model, NULL);
  day = tooltip (model, 1, 0);

  g_assert_cmpuint (fbk_chart_model_get_n_layers (model), ==, 2);
  g_assert_cmpstr (layer_name (model, 0), ==, "stacked-bars");
  g_assert_cmpstr (layer_name (model, 1), ==, "overlay");
  g_assert_nonnull (strstr (description, " Net import: -48.0 kWh."));
  g_assert_null (strstr (description, "Compared with Net import"));
  g_assert_true (g_str_has_suffix (day, "\nNet import: -24.0 kWh"));

  g_object_unref (series[0]);
  g_object_unref (series[1]);
}

/* Two meters summed hour by hour on a grid: 1 + 1 kWh an hour, Tuesdays
 * at 17:00 1 + 2; on Tuesday 11 June the second meter has no 17:00, so
 * that hour is partial, and the average week leaves it out: Tuesdays
 * 17:00–18:00 average 3 kWh over one hour, not (3 + 1) / 2. */
static void
test_cells_summed (void)
{
  FbkInstant from = midnight (2024, 6, 3);
  FbkInstant to = midnight (2024, 6, 17);
  FbkInstant missing = midnight (2024, 6, 11) + 17 * 3600;
  g_autoptr(FbkSeries) home = hourly_with_hole (HOME, FBK_DIRECTION_CONSUMPTION, from, to, 1.0, 0, 0);
  g_autoptr(FbkSeries) cabin = hourly_with_hole (CABIN, FBK_DIRECTION_CONSUMPTION, from, to, 1.0, missing, missing + 3600);
  const char *names[] = { "Home", "Cabin" };
  FbkSeries *series[] = { home, cabin };
  g_autoptr(FbkChartModel) days = NULL;
  g_autoptr(FbkChartModel) week = NULL;
  g_autofree char *text = NULL;
  FbkChartBuildOptions options;
  FbkChartCoverage coverage;
  FbkChartHit hit;
  guint bucket;
  double value;

  for (FbkInstant tuesday = midnight (2024, 6, 4) + 17 * 3600; tuesday < to; tuesday += 7 * 86400)
    {
      FbkInterval more = { tuesday, 3600, FBK_INTERVAL_VERIFIED, 2.0 };

      if (tuesday != missing)
        fbk_series_upsert (cabin, &more, 1);
    }

  fbk_chart_build_options_init (&options, FBK_RESOLUTION_HOUR, from, to);
  options.show = FBK_CHART_SHOW_CELLS;
  days = fbk_chart_build_model_full (series, names, 2, &options);
  g_assert_cmpuint (fbk_chart_model_get_n_series (days), ==, 1);
  g_assert_cmpstr (fbk_chart_model_get_series_label (days, 0), ==, "Home, Cabin");
  g_assert_true (fbk_chart_model_find_bucket (days, midnight (2024, 6, 4) + 17 * 3600, &bucket));
  g_assert_true (fbk_chart_model_get_value (days, 0, bucket, &value, NULL));
  g_assert_cmpfloat (value, ==, 3.0);
  g_assert_true (fbk_chart_model_find_bucket (days, missing, &bucket));
  g_assert_true (fbk_chart_model_get_value (days, 0, bucket, &value, NULL));
  g_assert_cmpfloat (value, ==, 1.0);
  g_assert_true (fbk_chart_model_get_coverage (days, 0, bucket, &coverage));
  g_assert_cmpuint (coverage.missing_seconds, ==, 1800);
  g_assert_true (fbk_chart_cells_find_highest (fbk_chart_model_get_layer (days, 0), days, &hit));
  g_assert_cmpint (hit.start, ==, midnight (2024, 6, 4) + 17 * 3600);
  g_assert_cmpfloat (hit.value, ==, 3.0);

  options.show = FBK_CHART_SHOW_WEEKDAY_CELLS;
  week = fbk_chart_build_model_full (series, names, 2, &options);
  g_assert_cmpstr (layer_name (week, 0), ==, "weekday-cells");
  g_assert_true (fbk_chart_cells_find_highest (fbk_chart_model_get_layer (week, 0), week, &hit));
  g_assert_cmpfloat (hit.value, ==, 3.0);
  g_assert_cmpuint (hit.n_averaged, ==, 1);
  g_assert_cmpint (fbk_date_weekday (fbk_time_oslo_date (hit.start)), ==, 2);
  g_assert_cmpint (fbk_time_oslo_hour (hit.start), ==, 17);
  text = fbk_chart_describe_hit (week, &hit);
  g_assert_true (g_str_has_prefix (text, "Tuesdays, 17:00–18:00\nHome, Cabin: 3.00 kWh on average over 1 hour\n"));
}

static void
test_file_name (void)
{
  FbkInstant from = midnight (2024, 3, 1);
  FbkInstant to = midnight (2024, 3, 8);
  const char *one[] = { HOME, NULL };
  const char *both_directions[] = { HOME, HOME, NULL };
  const char *two[] = { HOME, CABIN, NULL };
  g_autofree char *single = fbk_chart_build_file_name (one, from, to, "png");
  g_autofree char *same = fbk_chart_build_file_name (both_directions, from, to, "csv");
  g_autofree char *several = fbk_chart_build_file_name (two, from, to, "pdf");
  g_autofree char *mid_day = fbk_chart_build_file_name (one, from + 3600, to - 3600, "svg");

  g_assert_cmpstr (single, ==, "forbruk-" HOME "-2024-03-01-2024-03-07.png");
  g_assert_cmpstr (same, ==, "forbruk-" HOME "-2024-03-01-2024-03-07.csv");
  g_assert_cmpstr (several, ==, "forbruk-several-2024-03-01-2024-03-07.pdf");
  g_assert_cmpstr (mid_day, ==, "forbruk-" HOME "-2024-03-01-2024-03-07.svg");
}

int
main (int   argc,
      char *argv[])
{
  /* Fixed strings to compare against, in UTF-8. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-build/title/period", test_title_period);
  g_test_add_func ("/chart-build/title/production-only", test_production_only);
  g_test_add_func ("/chart-build/meters", test_meters);
  g_test_add_func ("/chart-build/buckets", test_buckets);
  g_test_add_func ("/chart-build/options/show", test_options_show);
  g_test_add_func ("/chart-build/options/compare", test_options_compare);
  g_test_add_func ("/chart-build/coverage/missing", test_coverage_missing);
  g_test_add_func ("/chart-build/coverage/cut", test_coverage_cut);
  g_test_add_func ("/chart-build/coverage/lag", test_coverage_lag);
  g_test_add_func ("/chart-build/compare/like-for-like", test_compare_like_for_like);
  g_test_add_func ("/chart-build/compare/missing", test_compare_missing);
  g_test_add_func ("/chart-build/net", test_net);
  g_test_add_func ("/chart-build/cells/summed", test_cells_summed);
  g_test_add_func ("/chart-build/file-name", test_file_name);

  return g_test_run ();
}
