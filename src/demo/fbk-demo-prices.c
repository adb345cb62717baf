/* fbk-demo-prices.c: a deterministic NO1-like spot price series for demo mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the simulator's price service sells (fbk-demo-price-api.c serves it).
 * Like the household, every price is a function of (seed, area, interval)
 * alone, through fbk-demo-noise.h: the same seed gives the same bytes on
 * any machine and any day, and the clock only decides which days are
 * published.
 *
 * Intervals: hours before 2025-10-01, quarter-hours from then on (the day-
 * ahead market's change to 15-minute products), so 24 / 23 / 25 or 96 / 92
 * / 100 a day.
 *
 * The model, in the market's EUR/MWh for NO1:
 *   a day's level   a seasonal curve (about 95 in mid-January, 30 in
 *                   mid-July) × the year's hydrology (0.8–1.25, drawn per
 *                   year) × weather spells (eased noise with 17- and 4-day
 *                   knots, about ±35 %) × 0.88 at weekends,
 *                   + a crisis autumn every third year (…, 2022, 2025, 2028,
 *                   …, so any three years the demo shows have one): about
 *                   +320 in late August, +200 in mid-December and +70
 *                   between, as NO1 saw in 2022
 *   a day's shape   by wall-clock time, blended by season between a winter
 *                   profile (peaks 08–09 and 17–19, cheap nights 01–05) and
 *                   a summer one (a dip at midday from solar, the peak in
 *                   the evening); flatter at weekends, steeper in a crisis;
 *                   on 6 % of winter days a cold evening (17–20) at 1.8×;
 *                   quarter-hours follow the shape between hours
 *   noise           ±6 % per hour, and ±4 % more per quarter-hour
 *   surplus days    May–August, 3 % of weekdays and 12 % of weekend days:
 *                   the hours around 13:00 sink below zero (−0.5 to −6.5
 *                   EUR/MWh at 13:00), a few negative hours a summer
 *   exchange rate   11.0–11.8 NOK per EUR, drifting over months, one a day
 *   other areas     from NO1: NO2 1.02× + 0.5, NO3 0.62×, NO4 0.38×,
 *                   NO5 0.94×
 * Each price is rounded once: to EUR/MWh with two decimals, as the market
 * publishes it, and NOK/kWh = EUR/kWh × the rate to five decimals. */

#define G_LOG_DOMAIN "fbk-demo-prices"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fbk-demo-noise.h"
#include "fbk-demo-prices.h"

#define SECONDS_PER_DAY 86400
#define DAYS_PER_YEAR 365.2425
/* The day number (days since 1970-01-01) of 2000-01-15, the dearest of the
 * seasonal curve. */
#define DAY_DEAREST 10971

static const FbkDate quarter_hours_from = { 2025, 10, 1 };

/* Streams of fbk_demo_draw(): the prices' own range. */
enum
{
  STREAM_YEAR = 2000,
  STREAM_WEATHER_SLOW,
  STREAM_WEATHER_FAST,
  STREAM_HOUR,
  STREAM_QUARTER,
  STREAM_SURPLUS,
  STREAM_COLD_EVENING,
  STREAM_RATE,
};

static const char *const area_names[FBK_DEMO_N_AREAS] = { "NO1", "NO2", "NO3", "NO4", "NO5" };

/* Each area as NO1 × factor + offset (1e-5 EUR/kWh). */
static const struct
{
  double factor;
  gint64 offset;
} areas[FBK_DEMO_N_AREAS] = {
  [FBK_DEMO_AREA_NO1] = { 1.0, 0 },
  [FBK_DEMO_AREA_NO2] = { 1.02, 50 },
  [FBK_DEMO_AREA_NO3] = { 0.62, 0 },
  [FBK_DEMO_AREA_NO4] = { 0.38, 0 },
  [FBK_DEMO_AREA_NO5] = { 0.94, 0 },
};

/* Price relative to the day's level by wall-clock hour. */
static const double winter_shape[24] = {
  0.80, 0.76, 0.74, 0.73, 0.75, 0.82, 0.95, 1.12, 1.22, 1.15, 1.06, 1.02,
  0.99, 0.97, 0.98, 1.03, 1.12, 1.28, 1.32, 1.22, 1.10, 1.00, 0.92, 0.85,
};
static const double summer_shape[24] = {
  0.88, 0.84, 0.82, 0.80, 0.80, 0.84, 0.94, 1.05, 1.10, 1.03, 0.93, 0.84,
  0.76, 0.72, 0.74, 0.82, 0.95, 1.10, 1.22, 1.25, 1.20, 1.10, 1.00, 0.93,
};

/* What holds for a whole day. */
typedef struct
{
  double   level;          /* EUR/MWh */
  double   winter;         /* 1 in mid-January, 0 in mid-July */
  double   crisis_share;   /* of the level */
  gboolean weekend;
  gboolean cold_evening;
  double   surplus_depth;  /* EUR/MWh below zero at 13:00; 0: no surplus */
  gint32   rate;           /* 1e-4 NOK per EUR */
} DayPrices;

static gint64
day_number (FbkDate date)
{
  FbkInstant midnight = fbk_time_oslo_midnight (date);

  return fbk_time_floor_div (midnight + fbk_time_oslo_offset (midnight), SECONDS_PER_DAY);
}

static double
bump (double days,
      double width)
{
  return exp (-(days / width) * (days / width));
}

/* The extra EUR/MWh of @year's crisis autumn on @day; 0 outside crisis
 * years. */
static double
crisis_extra (gint64 day,
              int    year)
{
  if (fbk_time_floor_div (year, 3) * 3 != year)
    return 0;

  return 320 * bump (day - day_number ((FbkDate) { year, 8, 28 }), 24)
         + 70 * bump (day - day_number ((FbkDate) { year, 10, 15 }), 55)
         + 200 * bump (day - day_number ((FbkDate) { year, 12, 14 }), 12);
}

static void
plan_day (guint64    seed,
          FbkDate    date,
          DayPrices *day_prices)
{
  gint64 day = day_number (date);
  double winter = (1 + cos (2 * G_PI * (day - DAY_DEAREST) / DAYS_PER_YEAR)) / 2;
  double hydrology = 0.8 + 0.45 * fbk_demo_draw (seed, STREAM_YEAR, date.year, 0);
  double weather = exp (0.3 * fbk_demo_value_noise (seed, STREAM_WEATHER_SLOW, day, 17)
                        + 0.12 * fbk_demo_value_noise (seed, STREAM_WEATHER_FAST, day, 4));
  /* Late December's crisis reaches into the next January. */
  double crisis = crisis_extra (day, date.year) + crisis_extra (day, date.year - 1);
  gboolean weekend = fbk_date_weekday (date) >= 6;
  double base = (30 + 65 * winter) * hydrology * weather * (weekend ? 0.88 : 1);
  double rate = 11.4 + 0.4 * fbk_demo_value_noise (seed, STREAM_RATE, day, 90)
                + 0.03 * (fbk_demo_draw (seed, STREAM_RATE, day, 1) * 2 - 1);

  memset (day_prices, 0, sizeof *day_prices);
  day_prices->level = base + crisis * weather;
  day_prices->winter = winter;
  day_prices->crisis_share = crisis * weather / day_prices->level;
  day_prices->weekend = weekend;
  day_prices->cold_evening = winter > 0.6 && fbk_demo_draw (seed, STREAM_COLD_EVENING, day, 0) < 0.06;
  if (date.month >= 5 && date.month <= 8 &&
      fbk_demo_draw (seed, STREAM_SURPLUS, day, 0) < (weekend ? 0.12 : 0.03))
    day_prices->surplus_depth = 0.5 + 6 * fbk_demo_draw (seed, STREAM_SURPLUS, day, 1);
  day_prices->rate = (gint32) lround (rate * 10000);
}

/* The day's shape at @hours after midnight on the wall clock, between the
 * middles of the hours around it. */
static double
shape_at (const DayPrices *day_prices,
          double           hours)
{
  double x = hours - 0.5;
  int h0 = (int) floor (x);
  double f = x - h0;
  int a = (h0 + 24) % 24, b = (h0 + 25) % 24;
  double w = day_prices->winter;
  double at_a = w * winter_shape[a] + (1 - w) * summer_shape[a];
  double at_b = w * winter_shape[b] + (1 - w) * summer_shape[b];
  double shape = at_a + (at_b - at_a) * f;

  if (day_prices->weekend)
    shape = 1 + 0.75 * (shape - 1);
  return 1 + (shape - 1) * (1 + 1.5 * day_prices->crisis_share);
}

/* NO1's price for the interval of @length seconds from @start, which
 * begins @minute minutes after the day's midnight on the wall clock. */
static double
no1_eur_per_mwh (guint64          seed,
                 const DayPrices *day_prices,
                 FbkInstant       start,
                 int              length,
                 int              minute)
{
  double middle = (minute + length / 120.0) / 60;
  double price = day_prices->level * shape_at (day_prices, middle);

  price *= 0.94 + 0.12 * fbk_demo_draw (seed, STREAM_HOUR, fbk_time_floor_div (start, 3600), 0);
  if (length < 3600)
    price *= 0.96 + 0.08 * fbk_demo_draw (seed, STREAM_QUARTER, fbk_time_floor_div (start, length), 0);
  if (day_prices->cold_evening && middle >= 17 && middle < 20)
    price *= 1.8;
  if (day_prices->surplus_depth > 0)
    {
      double sun = bump (middle - 13, 1.8);

      price = price * (1 - sun) - day_prices->surplus_depth * sun;
    }

  return price;
}

/* Rounds @numerator / @denominator half away from zero. */
static gint64
divide_rounded (gint64 numerator,
                gint64 denominator)
{
  gint64 half = denominator / 2;

  return numerator >= 0 ? (numerator + half) / denominator : -((-numerator + half) / denominator);
}

const char *
fbk_demo_area_to_string (FbkDemoArea area)
{
  g_return_val_if_fail (area < FBK_DEMO_N_AREAS, NULL);

  return area_names[area];
}

/**
 * fbk_demo_area_from_string:
 * @text: "NO1" … "NO5", as the price service's paths spell them
 */
gboolean
fbk_demo_area_from_string (const char  *text,
                           FbkDemoArea *out_area)
{
  for (guint i = 0; i < FBK_DEMO_N_AREAS; i++)
    {
      if (g_strcmp0 (text, area_names[i]) == 0)
        {
          *out_area = (FbkDemoArea) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * fbk_demo_prices_fill_day:
 * @date: a day on the Oslo calendar
 * @out_prices: (out caller-allocates) (array fixed-size=100): room for
 *   %FBK_DEMO_PRICES_MAX_PER_DAY prices
 *
 * The day's prices in @area, whether or not they are published yet.
 *
 * Returns: how many intervals tile the day: 24, 23 or 25 hours before
 *   2025-10-01, 96, 92 or 100 quarter-hours from then on
 */
guint
fbk_demo_prices_fill_day (guint64       seed,
                          FbkDemoArea   area,
                          FbkDate       date,
                          FbkDemoPrice *out_prices)
{
  FbkInstant start = fbk_time_oslo_midnight (date);
  FbkInstant end = fbk_time_oslo_midnight (fbk_date_add_days (date, 1));
  int length = fbk_date_compare (date, quarter_hours_from) >= 0 ? 900 : 3600;
  guint n = (guint) ((end - start) / length);
  DayPrices day_prices;

  g_return_val_if_fail (area < FBK_DEMO_N_AREAS, 0);
  g_return_val_if_fail (fbk_date_is_valid (date), 0);
  g_return_val_if_fail (n <= FBK_DEMO_PRICES_MAX_PER_DAY, 0);

  plan_day (seed, date, &day_prices);

  for (guint i = 0; i < n; i++)
    {
      FbkDemoPrice *price = &out_prices[i];
      FbkInstant interval = start + (FbkInstant) i * length;
      /* The wall clock's minutes since midnight: the repeated hour of an
       * October day has the same wall-clock time twice. */
      gint64 local = interval + fbk_time_oslo_offset (interval);
      int minute = (int) ((local - fbk_time_floor_div (local, SECONDS_PER_DAY) * SECONDS_PER_DAY) / 60);
      gint64 no1 = llround (no1_eur_per_mwh (seed, &day_prices, interval, length, minute) * 100);

      price->start = interval;
      price->end = interval + length;
      price->eur_per_kwh = llround (no1 * areas[area].factor) + areas[area].offset;
      price->exr = day_prices.rate;
      price->nok_per_kwh = divide_rounded (price->eur_per_kwh * price->exr, 10000);
    }

  return n;
}
