/* fbk-demo-household.c: a deterministic synthetic household for demo mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The model (after /work/shared/domain/household-profile.md)
 *
 * Every random choice is a hash of (seed, stream, index): the stream names
 * the meter (or the climate zone) and what is being decided, the index is an
 * hour, a day, a week or a year. So any hour can be computed on its own from
 * the plans of its day and the day before, without history, and the same
 * seed gives the same values whenever and wherever it runs. "Now" only
 * decides which hours exist yet (and where the flat's contract begins).
 *
 * Weather. A smooth seasonal curve, coldest around 20 January, per climate
 * zone (Oslo: mean 6.3 °C ± 10.5; Innlandet: 4.3 °C ± 12.5), plus two octaves
 * of eased value noise (13- and 5-day knots, stronger in winter) for cold
 * spells and mild weeks, a little daily jitter, and a diurnal swing peaking
 * at 15:00 (wider in summer). The two Oslo meters share their weather.
 *
 * An hour's consumption is
 *   base load     fridge, freezer, ventilation: always on
 *   activity      a weekday double hump (07–09, 17–21) or a later, flatter
 *                 weekend; lighting and indoor life make it up to 2.3× larger
 *                 in midwinter than at midsummer
 *   heating       heat loss × (16 °C − outdoor), through a heat pump whose
 *                 COP falls with the cold (resistive floors and backup for
 *                 the rest) or through panel heaters; a little night setback
 *   × noise       ±12 % per hour and ±6 % per day on the three above
 *   + appliances  from a per-day plan by wall-clock hour that may spill past
 *                 midnight: the water heater (2 kW after the morning showers
 *                 and on its 02:30–04:30 timer, more with cold inlet water),
 *                 cooking (2–5 kW, 20–60 min from 16–18), laundry (2–4
 *                 washes a week, the dryer after most), the car (7.4 kW,
 *                 2–5 sessions a week of 2–5 h, on arrival 17–20 or by a
 *                 22–23 timer; longer and more often in the cold) and
 *                 heat-pump defrost spikes around freezing.
 *   The household leaves for two or three weeks in July. On the odd bad day
 *   (0.5–2 %, more in winter) the loads pile up at 17:00: the car plugged in
 *   while dinner cooks and the washer runs. These are the visible top-3
 *   outliers of the capacity tariff.
 *
 * Calibrated (over seeds and years) to about 19 MWh a year for the house
 * with the car, 9.5 MWh for the flat, and 17 MWh imported plus 5 MWh
 * exported for the plusskunde; winter months use 2–3× the summer months
 * (about 4× the imports for the plusskunde, whose panels cover part of its
 * summer use); monthly top-3 averages are 10–12 kW in winter for the house
 * with the car, ~4–5 kW in spring for the plusskunde and 3–4 kW for the flat.
 *
 * Solar (the plusskunde). 8 kWp facing south at 30° tilt at 60.8° N: the
 * sun's elevation and incidence from the declination and hour angle,
 * clear-sky beam irradiance through the Meinel air-mass formula plus a
 * diffuse share, a per-day clearness (cloudier in winter) and snow on the
 * panels on freezing days, so December is close to zero. The house uses
 * three quarters of what the panels give while they give it; only the rest
 * is exported, and only the rest of the load is imported.
 *
 * Availability. Values lag one or two hours behind "now" (the lag is hashed
 * per hour of "now"). The newest 30 hours are unverified, and every value of
 * the Innlandet meter is, as Elvia reports them there. Nothing exists before
 * a meter's contract start.
 */

#define G_LOG_DOMAIN "fbk-demo-household"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fbk-demo-household.h"
#include "fbk-demo-noise.h"

#define SECONDS_PER_DAY 86400
/* Day numbers (days since 1970-01-01 on the Oslo calendar) of 2000-01-20,
 * the coldest day of the seasonal curve, and of the 1999 winter solstice. */
#define DAY_COLDEST 10976
#define DAY_SOLSTICE 10946
#define DAYS_PER_YEAR 365.2425
/* A day's appliances may run on into the small hours of the next. */
#define PLAN_HOURS 33

typedef enum
{
  CLIMATE_OSLO,
  CLIMATE_INNLANDET,
} Climate;

/* What a hash decides; combined with the meter or climate into a stream. */
typedef enum
{
  DRAW_LAG,
  DRAW_HOUR_NOISE,
  DRAW_DAY,
  DRAW_DEFROST,
  DRAW_LAUNDRY,
  DRAW_CAR,
  DRAW_WEATHER_SLOW,
  DRAW_WEATHER_FAST,
  DRAW_WEATHER_DAY,
  DRAW_CLOUD,
  DRAW_HOLIDAY,
  N_DRAWS
} DrawKind;

/* Sub-draws of DRAW_DAY, one per decision about a day. */
enum
{
  DAY_LEVEL,
  DAY_BAD,
  DAY_WATER_MORNING_START,
  DAY_WATER_MORNING_AMOUNT,
  DAY_WATER_NIGHT_START,
  DAY_WATER_NIGHT_AMOUNT,
  DAY_COOK,
  DAY_COOK_START,
  DAY_COOK_MINUTES,
  DAY_COOK_POWER,
  DAY_LAUNDRY_START,
  DAY_LAUNDRY_WASH,
  DAY_DRYER,
  DAY_DRYER_MINUTES,
  DAY_CAR_START,
  DAY_CAR_HOURS,
};

typedef struct
{
  double mean;
  double amplitude;
} ClimateInfo;

static const ClimateInfo climates[] = {
  [CLIMATE_OSLO] = { 6.3, 10.5 },
  [CLIMATE_INNLANDET] = { 4.3, 12.5 },
};

typedef struct
{
  const char *id;
  Climate     climate;
  int         contract_months_back;  /* 0: the fixed contract_start */
  FbkDate     contract_start;
  double      base_kw;
  double      activity_kw;
  double      loss_kw_per_kelvin;
  double      heat_pump_share;       /* 0: panel heaters only */
  double      water_kwh_per_day;
  double      cook_kw;               /* the hob's full power */
  double      cook_probability;
  int         laundry_min, laundry_max;  /* washes a week */
  double      dryer_probability;
  double      car_kw;                /* 0: no car */
  double      solar_kwp;             /* 0: no production */
} MeterProfile;

/* The ids are 18-digit GSRNs with valid check digits, like Elvia's. */
static const MeterProfile profiles[FBK_DEMO_N_METERS] = {
  [FBK_DEMO_METER_HOUSE] = {
    .id = "707057500061439208",
    .climate = CLIMATE_OSLO,
    .contract_start = { 2014, 10, 1 },
    .base_kw = 0.25,
    .activity_kw = 0.65,
    .loss_kw_per_kelvin = 0.16,
    .heat_pump_share = 0.95,
    .water_kwh_per_day = 8.5,
    .cook_kw = 5.0,
    .cook_probability = 0.85,
    .laundry_min = 2, .laundry_max = 4,
    .dryer_probability = 0.6,
    .car_kw = 7.4,
  },
  [FBK_DEMO_METER_FLAT] = {
    .id = "707057500072815367",
    .climate = CLIMATE_OSLO,
    .contract_months_back = 18,
    .base_kw = 0.15,
    .activity_kw = 0.42,
    .loss_kw_per_kelvin = 0.04,
    .water_kwh_per_day = 4.0,
    .cook_kw = 3.0,
    .cook_probability = 0.7,
    .laundry_min = 2, .laundry_max = 3,
    .dryer_probability = 0.4,
  },
  [FBK_DEMO_METER_SOLAR] = {
    .id = "707057500083906177",
    .climate = CLIMATE_INNLANDET,
    .contract_start = { 2019, 8, 15 },
    .base_kw = 0.3,
    .activity_kw = 0.95,
    .loss_kw_per_kelvin = 0.13,
    .heat_pump_share = 0.7,
    .water_kwh_per_day = 8.0,
    .cook_kw = 4.0,
    .cook_probability = 0.85,
    .laundry_min = 2, .laundry_max = 4,
    .dryer_probability = 0.5,
    .solar_kwp = 8.0,
  },
};

/* Relative activity by wall-clock hour: weekdays have a morning and an
 * evening hump, weekends start later and stay flatter. */
static const double weekday_activity[24] = {
  0.25, 0.22, 0.2, 0.2, 0.2, 0.28, 0.6, 1.0, 0.95, 0.55, 0.4, 0.4,
  0.42, 0.4, 0.4, 0.5, 0.75, 0.95, 1.0, 0.95, 0.9, 0.8, 0.6, 0.4,
};
static const double weekend_activity[24] = {
  0.35, 0.3, 0.25, 0.22, 0.2, 0.2, 0.25, 0.35, 0.6, 0.85, 0.95, 0.9,
  0.85, 0.8, 0.8, 0.8, 0.85, 0.95, 1.0, 0.95, 0.9, 0.85, 0.7, 0.5,
};

typedef struct
{
  gint64   day;
  double   level;                  /* day-to-day variation of the smooth loads */
  gboolean away;                   /* the household is on its summer holiday */
  double   temperature;            /* daily mean outdoor temperature, °C */
  double   clearness;              /* 0 overcast .. 1 clear */
  double   loads_kwh[PLAN_HOURS];  /* appliances by wall-clock hour */
} DayPlan;

/* The few day plans an hour needs (its own day and the one before). */
typedef struct
{
  DayPlan plans[2];
  guint   next;
} PlanCache;

static double
uniform (double u,
         double lo,
         double hi)
{
  return lo + u * (hi - lo);
}

static guint
meter_stream (FbkDemoMeter meter,
              DrawKind     kind)
{
  return (guint) meter * N_DRAWS + kind;
}

static guint
climate_stream (Climate  climate,
                DrawKind kind)
{
  return 1000 + (guint) climate * N_DRAWS + kind;
}

/* 1 at the winter solstice, 0 at midsummer. */
static double
darkness (gint64 day)
{
  return (1 + cos (2 * G_PI * (day - DAY_SOLSTICE) / DAYS_PER_YEAR)) / 2;
}

static double
day_temperature (guint64 seed,
                 Climate climate,
                 gint64  day)
{
  const ClimateInfo *info = &climates[climate];
  double season = info->mean - info->amplitude * cos (2 * G_PI * (day - DAY_COLDEST) / DAYS_PER_YEAR);
  double spread = 0.7 + 0.6 * darkness (day);

  return season
         + spread * (4.5 * fbk_demo_value_noise (seed, climate_stream (climate, DRAW_WEATHER_SLOW), day, 13)
                     + 2.5 * fbk_demo_value_noise (seed, climate_stream (climate, DRAW_WEATHER_FAST), day, 5))
         + (fbk_demo_draw (seed, climate_stream (climate, DRAW_WEATHER_DAY), day, 0) * 2 - 1);
}

/* Adds an appliance drawing @kw from @start_minute (wall-clock minutes after
 * the day's midnight) for @minutes. */
static void
plan_add_run (DayPlan *plan,
              double   start_minute,
              double   minutes,
              double   kw)
{
  double end = MIN (start_minute + minutes, PLAN_HOURS * 60.0);

  for (int h = (int) (start_minute / 60); h < PLAN_HOURS && h * 60.0 < end; h++)
    {
      double from = MAX (start_minute, h * 60.0);
      double to = MIN (end, h * 60.0 + 60);

      if (to > from)
        plan->loads_kwh[h] += kw * (to - from) / 60;
    }
}

/* Whether @day is one of the n days of its ISO week picked for something
 * that happens n times a week, n drawn per week in [lo, hi] and nearer @hi
 * in the dark months. */
static gboolean
picked_in_week (guint64 seed,
                guint   stream,
                gint64  day,
                int     lo,
                int     hi)
{
  gint64 week = fbk_time_floor_div (day + 3, 7);
  gint64 monday = week * 7 - 3;
  double spread = (hi - lo + 1) * (0.6 + 0.4 * darkness (monday));
  int n = lo + (int) (fbk_demo_draw (seed, stream, week, 1) * spread);
  double mine = fbk_demo_draw (seed, stream, day, 0);
  int rank = 0;

  for (gint64 d = monday; d < monday + 7; d++)
    {
      if (d != day && fbk_demo_draw (seed, stream, d, 0) < mine)
        rank++;
    }

  return rank < n;
}

static gboolean
is_weekend (gint64 day)
{
  gint64 monday = fbk_time_floor_div (day + 3, 7) * 7 - 3;

  return day >= monday + 5;
}

/* Most households leave for two or three weeks of the July holiday. */
static gboolean
is_on_holiday (guint64      seed,
               FbkDemoMeter meter,
               gint64       day)
{
  /* Noon UTC is on the same Oslo date whatever the offset. */
  FbkDate date = fbk_time_oslo_date (day * SECONDS_PER_DAY + 12 * 3600);
  double u = fbk_demo_draw (seed, meter_stream (meter, DRAW_HOLIDAY), date.year, 0);
  double v = fbk_demo_draw (seed, meter_stream (meter, DRAW_HOLIDAY), date.year, 1);
  int first = 1 + (int) (u * 12);
  int length = 14 + (int) (v * 8);

  return date.month == 7 && date.day >= first && date.day < first + length;
}

static void
plan_day (guint64             seed,
          FbkDemoMeter        meter,
          const MeterProfile *profile,
          gint64              day,
          DayPlan            *plan)
{
  guint stream = meter_stream (meter, DRAW_DAY);
  gboolean weekend = is_weekend (day);
  double dark = darkness (day);
  double temperature = day_temperature (seed, profile->climate, day);
  double cold = CLAMP ((12 - temperature) / 20, 0, 1);
  gboolean away = is_on_holiday (seed, meter, day);
  gboolean bad = !away && fbk_demo_draw (seed, stream, day, DAY_BAD) < 0.005 + 0.015 * dark;
  double water, start;
  gboolean cooks;

#define D(what) fbk_demo_draw (seed, stream, day, (what))

  memset (plan, 0, sizeof *plan);
  plan->day = day;
  plan->level = uniform (D (DAY_LEVEL), 0.94, 1.06);
  plan->away = away;
  plan->temperature = temperature;
  plan->clearness = pow (fbk_demo_draw (seed, climate_stream (profile->climate, DRAW_CLOUD), day, 0),
                         0.6 + 0.9 * dark);

  /* The water heater refills after the morning showers, and on its timer
   * at night for the rest of the day's use; cold inlet water in winter makes
   * it work harder. */
  water = profile->water_kwh_per_day * (1 + 0.3 * cold) * (away ? 0.2 : 1);
  start = (weekend ? 8.5 * 60 : 6.5 * 60) + D (DAY_WATER_MORNING_START) * 90;
  plan_add_run (plan, start, water * 0.4 * uniform (D (DAY_WATER_MORNING_AMOUNT), 0.8, 1.2) / 2 * 60, 2.0);
  start = 24 * 60 + 150 + D (DAY_WATER_NIGHT_START) * 120;
  plan_add_run (plan, start, water * 0.6 * uniform (D (DAY_WATER_NIGHT_AMOUNT), 0.8, 1.2) / 2 * 60, 2.0);

  if (away)
    return;

  cooks = bad || D (DAY_COOK) < profile->cook_probability;
  if (cooks)
    {
      double power = profile->cook_kw * (bad ? 0.8 : uniform (D (DAY_COOK_POWER), 0.4, 0.8));

      start = bad ? 17 * 60 : (weekend ? 17 * 60 : 16 * 60) + D (DAY_COOK_START) * 90;
      plan_add_run (plan, start, uniform (D (DAY_COOK_MINUTES), 20, 60), power);
    }

  if (bad || picked_in_week (seed, meter_stream (meter, DRAW_LAUNDRY), day,
                             profile->laundry_min, profile->laundry_max))
    {
      start = bad ? 17 * 60 + 10 : weekend ? 10 * 60 + D (DAY_LAUNDRY_START) * 240
                                           : 17.5 * 60 + D (DAY_LAUNDRY_START) * 150;
      /* The washer heats its water first, then mostly turns the drum. */
      plan_add_run (plan, start, 25, uniform (D (DAY_LAUNDRY_WASH), 2.0, 2.4));
      plan_add_run (plan, start + 25, 65, 0.3);
      if (D (DAY_DRYER) < profile->dryer_probability)
        plan_add_run (plan, start + 90, uniform (D (DAY_DRYER_MINUTES), 60, 100), 2.0);
    }

  if (profile->car_kw > 0 &&
      (bad || picked_in_week (seed, meter_stream (meter, DRAW_CAR), day, 2, 5)))
    {
      double u = D (DAY_CAR_HOURS);
      /* Mostly short top-ups, now and then a near-empty battery; a cold
       * battery takes more. */
      double hours = MIN (5.0, (2 + 3 * u * u) * (1 + 0.3 * cold));

      /* Plugged in on arrival, or by a timer from 22:00 on cheaper power. */
      u = D (DAY_CAR_START);
      if (bad)
        start = 17 * 60 + u * 20;
      else if (u < 0.3)
        start = 17 * 60 + u / 0.3 * 180;
      else
        start = 22 * 60 + (u - 0.3) / 0.7 * 60;
      plan_add_run (plan, start, hours * 60, profile->car_kw);
    }

#undef D
}

static const DayPlan *
plan_cache_get (PlanCache          *cache,
                guint64             seed,
                FbkDemoMeter        meter,
                const MeterProfile *profile,
                gint64              day)
{
  DayPlan *plan;

  for (guint i = 0; i < G_N_ELEMENTS (cache->plans); i++)
    {
      if (cache->plans[i].day == day)
        return &cache->plans[i];
    }

  plan = &cache->plans[cache->next];
  cache->next = (cache->next + 1) % G_N_ELEMENTS (cache->plans);
  plan_day (seed, meter, profile, day, plan);

  return plan;
}

static double
heat_pump_cop (double outdoor)
{
  return CLAMP (3.6 + 0.07 * outdoor, 1.5, 4.5);
}

/* The house's own electricity use in the hour, before any solar. */
static double
hour_load_kwh (guint64             seed,
               FbkDemoMeter        meter,
               const MeterProfile *profile,
               gint64              hour_index,
               const DayPlan      *today,
               const DayPlan      *yesterday,
               int                 wall_hour,
               double              outdoor)
{
  double dark = darkness (today->day);
  double activity = (is_weekend (today->day) ? weekend_activity : weekday_activity)[wall_hour];
  double thermal = profile->loss_kw_per_kelvin * MAX (0.0, 16 - outdoor);
  double heating, smooth, loads;

  if (profile->heat_pump_share > 0)
    heating = thermal * (profile->heat_pump_share / heat_pump_cop (outdoor) + 1 - profile->heat_pump_share);
  else
    heating = thermal;
  /* Night setback. */
  if (wall_hour < 5 || wall_hour == 23)
    heating *= 0.9;

  if (today->away)
    activity = 0.1;
  smooth = profile->base_kw + profile->activity_kw * activity * (0.7 + 0.9 * dark) + heating;
  smooth *= today->level * uniform (fbk_demo_draw (seed, meter_stream (meter, DRAW_HOUR_NOISE), hour_index, 0),
                                    0.88, 1.12);

  loads = today->loads_kwh[wall_hour];
  if (wall_hour < PLAN_HOURS - 24)
    loads += yesterday->loads_kwh[24 + wall_hour];

  if (profile->heat_pump_share > 0 && outdoor > -7 && outdoor < 3 &&
      fbk_demo_draw (seed, meter_stream (meter, DRAW_DEFROST), hour_index, 0) < 0.25)
    loads += 0.35;

  return smooth + loads;
}

/* Solar production in kWh for the hour, clear-sky geometry scaled by the
 * day's clearness; evaluated at the middle of the hour. */
static double
hour_solar_kwh (guint64             seed,
                FbkDemoMeter        meter,
                const MeterProfile *profile,
                FbkInstant          hour_start,
                gint64              hour_index,
                const DayPlan      *today)
{
  const double latitude = 60.8 * G_PI / 180;
  const double longitude_deg = 11.1;
  const double tilt = 30 * G_PI / 180;
  FbkInstant middle = hour_start + 1800;
  double declination = -23.44 * G_PI / 180 * cos (2 * G_PI * (today->day - DAY_SOLSTICE) / DAYS_PER_YEAR);
  double utc_hours = (double) (middle - fbk_time_floor_div (middle, SECONDS_PER_DAY) * SECONDS_PER_DAY) / 3600;
  double hour_angle = (utc_hours + longitude_deg / 15 - 12) * 15 * G_PI / 180;
  double sin_elevation = sin (latitude) * sin (declination)
                         + cos (latitude) * cos (declination) * cos (hour_angle);
  double incidence, elevation_deg, air_mass, beam, irradiance, snow;

  if (sin_elevation <= 0.01)
    return 0;

  incidence = sin (declination) * sin (latitude - tilt)
              + cos (declination) * cos (latitude - tilt) * cos (hour_angle);
  elevation_deg = asin (sin_elevation) * 180 / G_PI;
  air_mass = 1 / (sin_elevation + 0.50572 * pow (6.07995 + elevation_deg, -1.6364));
  beam = 1.353 * pow (0.7, pow (air_mass, 0.678));
  irradiance = (beam * MAX (0.0, incidence) + 0.1 * beam * sin_elevation * 3)
               * (0.2 + 0.8 * today->clearness);
  /* Panels under snow on freezing days. */
  snow = CLAMP ((0.5 - today->temperature) / 3, 0, 1);

  return profile->solar_kwp * irradiance * 0.85 * (1 - snow)
         * uniform (fbk_demo_draw (seed, meter_stream (meter, DRAW_HOUR_NOISE), hour_index, 1), 0.85, 1.15);
}

const char *
fbk_demo_meter_get_id (FbkDemoMeter meter)
{
  g_return_val_if_fail (meter < FBK_DEMO_N_METERS, NULL);

  return profiles[meter].id;
}

gboolean
fbk_demo_meter_from_id (const char   *metering_point_id,
                        FbkDemoMeter *out_meter)
{
  for (guint i = 0; i < FBK_DEMO_N_METERS; i++)
    {
      if (g_strcmp0 (metering_point_id, profiles[i].id) == 0)
        {
          *out_meter = (FbkDemoMeter) i;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
fbk_demo_meter_has_production (FbkDemoMeter meter)
{
  g_return_val_if_fail (meter < FBK_DEMO_N_METERS, FALSE);

  return profiles[meter].solar_kwp > 0;
}

gboolean
fbk_demo_meter_is_in_innlandet (FbkDemoMeter meter)
{
  g_return_val_if_fail (meter < FBK_DEMO_N_METERS, FALSE);

  return profiles[meter].climate == CLIMATE_INNLANDET;
}

/**
 * fbk_demo_meter_get_contract_start:
 *
 * Returns: the Oslo midnight the customer's contract on @meter began; for
 *   the flat that is 18 months before @now, otherwise a fixed date
 */
FbkInstant
fbk_demo_meter_get_contract_start (FbkDemoMeter meter,
                                   FbkInstant   now)
{
  const MeterProfile *profile;

  g_return_val_if_fail (meter < FBK_DEMO_N_METERS, FBK_INSTANT_INVALID);

  profile = &profiles[meter];
  if (profile->contract_months_back > 0)
    return fbk_time_oslo_midnight (fbk_time_oslo_date (fbk_time_add_oslo_months (now, -profile->contract_months_back)));

  return fbk_time_oslo_midnight (profile->contract_start);
}

/**
 * fbk_demo_household_available_start:
 *
 * Returns: the oldest instant the simulator serves anything for at @now:
 *   the Oslo midnight 36 months before @now's day, as far back as Elvia's
 *   API reaches. Counted in calendar days so a client that worked it out a
 *   moment earlier is not refused.
 */
FbkInstant
fbk_demo_household_available_start (FbkInstant now)
{
  return fbk_time_oslo_midnight (fbk_date_add_months (fbk_time_oslo_date (now), -36));
}

/**
 * fbk_demo_household_available_end:
 *
 * Returns: the end of the newest hour of @meter that has been metered by
 *   @now: one or two hours before the start of the current hour
 */
FbkInstant
fbk_demo_household_available_end (guint64      seed,
                                  FbkDemoMeter meter,
                                  FbkInstant   now)
{
  gint64 hour_index = fbk_time_floor_div (now, FBK_SECONDS_PER_HOUR);
  int lag = fbk_demo_draw (seed, meter_stream (meter, DRAW_LAG), hour_index, 0) < 0.5 ? 1 : 2;

  return (hour_index - lag) * FBK_SECONDS_PER_HOUR;
}

gboolean
fbk_demo_household_is_verified (guint64      seed,
                                FbkDemoMeter meter,
                                FbkInstant   hour_start,
                                FbkInstant   now)
{
  if (fbk_demo_meter_is_in_innlandet (meter))
    return FALSE;

  return hour_start < fbk_demo_household_available_end (seed, meter, now)
                      - FBK_DEMO_UNVERIFIED_HOURS * FBK_SECONDS_PER_HOUR;
}

/**
 * fbk_demo_household_fill_wh:
 * @first_hour: the start of a clock hour
 * @out_wh: (out caller-allocates) (array length=n_hours): the energy of each
 *   hour in Wh, that is kWh with the API's three decimals
 *
 * Computes @n_hours consecutive hours of @meter in @direction, whether or not
 * they exist yet for the API; a meter without production produces zeros.
 */
void
fbk_demo_household_fill_wh (guint64      seed,
                            FbkDemoMeter meter,
                            FbkDirection direction,
                            FbkInstant   first_hour,
                            guint        n_hours,
                            gint32      *out_wh)
{
  const MeterProfile *profile;
  PlanCache cache;

  g_return_if_fail (meter < FBK_DEMO_N_METERS);
  g_return_if_fail (first_hour % FBK_SECONDS_PER_HOUR == 0);
  g_return_if_fail (out_wh != NULL || n_hours == 0);

  profile = &profiles[meter];
  cache.plans[0].day = cache.plans[1].day = G_MININT64;
  cache.next = 0;

  for (guint i = 0; i < n_hours; i++)
    {
      FbkInstant hour_start = first_hour + (FbkInstant) i * FBK_SECONDS_PER_HOUR;
      gint64 hour_index = hour_start / FBK_SECONDS_PER_HOUR;
      gint64 local = hour_start + fbk_time_oslo_offset (hour_start);
      gint64 day = fbk_time_floor_div (local, SECONDS_PER_DAY);
      int wall_hour = (int) ((local - day * SECONDS_PER_DAY) / 3600);
      const DayPlan *yesterday = plan_cache_get (&cache, seed, meter, profile, day - 1);
      const DayPlan *today = plan_cache_get (&cache, seed, meter, profile, day);
      /* Coldest before dawn, warmest mid-afternoon; a wider swing in summer. */
      double outdoor = today->temperature
                       + (1.5 + 2.5 * (1 - darkness (day))) * sin (2 * G_PI * (wall_hour - 9) / 24);
      double load, solar, self_used, kwh;

      if (profile->solar_kwp <= 0 && direction == FBK_DIRECTION_PRODUCTION)
        {
          out_wh[i] = 0;
          continue;
        }

      load = hour_load_kwh (seed, meter, profile, hour_index, today, yesterday, wall_hour, outdoor);
      solar = profile->solar_kwp > 0
              ? hour_solar_kwh (seed, meter, profile, hour_start, hour_index, today)
              : 0;
      /* Within an hour the house uses most, not all, of what the panels
       * give at the same time: kettles and clouds do not line up. */
      self_used = 0.75 * MIN (load, solar);
      kwh = direction == FBK_DIRECTION_PRODUCTION ? solar - self_used : load - self_used;
      out_wh[i] = (gint32) lround (MAX (0.0, kwh) * 1000);
    }
}

gint32
fbk_demo_household_hour_wh (guint64      seed,
                            FbkDemoMeter meter,
                            FbkDirection direction,
                            FbkInstant   hour_start)
{
  gint32 wh = 0;

  fbk_demo_household_fill_wh (seed, meter, direction, hour_start, 1, &wh);

  return wh;
}
