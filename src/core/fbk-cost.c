/* fbk-cost.c: what every hour cost, by the rules of the electricity bill
 *
 * The rules are those of the project's electricity-bill.md; every price,
 * tax, threshold and cap comes from the dated tables of FbkTariffBook.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-cost"

#include "config.h"

#include <math.h>

#include "fbk-calendar.h"
#include "fbk-cost.h"

#define ORE_PER_KR 100.0

G_STATIC_ASSERT (sizeof (FbkCostParts) == FBK_COST_N_PARTS * sizeof (double));
G_STATIC_ASSERT (G_STRUCT_OFFSET (FbkCostParts, electricity) == FBK_COST_ELECTRICITY * sizeof (double));
G_STATIC_ASSERT (G_STRUCT_OFFSET (FbkCostParts, fees) == FBK_COST_FEES * sizeof (double));
G_STATIC_ASSERT (G_STRUCT_OFFSET (FbkCostParts, production_credit) == FBK_COST_PRODUCTION_CREDIT * sizeof (double));

static const char * const part_names[] = {
  "electricity", "grid_energy", "capacity", "taxes", "subsidy", "norgespris", "fees", "production_credit",
};

G_STATIC_ASSERT (G_N_ELEMENTS (part_names) == FBK_COST_N_PARTS);

/* The parts that follow the hour's kWh, as against the monthly amounts. */
static const FbkCostPart energy_parts[] = {
  FBK_COST_ELECTRICITY, FBK_COST_GRID_ENERGY, FBK_COST_TAXES, FBK_COST_SUBSIDY, FBK_COST_NORGESPRIS,
};

/* What one call reads, by clock hour from the first month's start. */
typedef struct
{
  const FbkContract *contract;
  FbkTariffBook     *book;
  FbkSeries         *consumption;
  FbkInstant         base;
  double            *kwh;          /* NAN: no whole value */
  double            *production;   /* NULL without a production series */
  double            *spot_ore;     /* øre/kWh excl. VAT; NAN: no price */
} Inputs;

/* How much of a month's capped volume is used, hour by hour in time order.
 * Consumption is never negative, so what is counted is a lower bound even
 * after an hour without a value. */
typedef struct
{
  double   used_kwh;
  gboolean known;
} CapCount;

/* The month's amounts, spread evenly over its clock hours. */
typedef struct
{
  double  capacity_per_hour;
  double  fees_per_hour;
  guint32 capacity_unknown;   /* why capacity_per_hour is NAN */
  CapCount subsidy_count;
  CapCount norgespris_count;
} MonthState;

/* The dated rules of one Oslo day. */
typedef struct
{
  FbkDate                 date;
  gboolean                working_day;
  const FbkGridEnergyRow *grid_energy;   /* NULL: not known */
  double                  taxes_ore;     /* excl. VAT; NAN: not known */
  double                  vat_factor;    /* 1 + rate; NAN: not known */
  FbkScheme               scheme;        /* the one in force on the day */
  const FbkSubsidyRow    *subsidy;       /* NULL: not known */
  const FbkNorgesprisRow *norgespris;    /* with FBK_SCHEME_NORGESPRIS */
} DayRules;

static double
unknown (guint32 *flags,
         guint32  why)
{
  *flags |= why;
  return NAN;
}

/* Values finer than an hour are summed per clock hour, as the max-hours
 * computation does; an hour counts only when its values cover all of it
 * (partial is never whole). Longer or straddling intervals say nothing
 * about any one hour and are skipped. */
static double *
sum_to_clock_hours (FbkSeries  *series,
                    FbkInstant  base,
                    guint       n_hours)
{
  double *kwh = g_new0 (double, n_hours);
  g_autofree guint32 *covered = g_new0 (guint32, n_hours);
  guint n = 0;
  const FbkInterval *intervals = fbk_series_get_range (series, base,
                                                       base + (FbkInstant) n_hours * FBK_SECONDS_PER_HOUR, &n);

  for (guint i = 0; i < n; i++)
    {
      FbkInstant offset = intervals[i].start - base;
      guint slot = (guint) (offset / FBK_SECONDS_PER_HOUR);

      if (intervals[i].duration == 0 ||
          offset % FBK_SECONDS_PER_HOUR + intervals[i].duration > FBK_SECONDS_PER_HOUR)
        continue;

      kwh[slot] += intervals[i].kwh;
      covered[slot] += intervals[i].duration;
    }

  for (guint i = 0; i < n_hours; i++)
    {
      if (covered[i] != FBK_SECONDS_PER_HOUR)
        kwh[i] = NAN;
    }

  return kwh;
}

static double *
index_spot_prices (GArray     *spot_prices,
                   FbkInstant  base,
                   guint       n_hours)
{
  double *spot_ore = g_new (double, n_hours);

  for (guint i = 0; i < n_hours; i++)
    spot_ore[i] = NAN;

  for (guint i = 0; spot_prices != NULL && i < spot_prices->len; i++)
    {
      const FbkSpotPrice *price = &g_array_index (spot_prices, FbkSpotPrice, i);
      FbkInstant offset = price->start - base;

      if (price->duration != FBK_SECONDS_PER_HOUR || offset < 0 ||
          offset % FBK_SECONDS_PER_HOUR != 0 || offset / FBK_SECONDS_PER_HOUR >= n_hours ||
          !isfinite (price->nok_per_kwh))
        continue;

      spot_ore[offset / FBK_SECONDS_PER_HOUR] = price->nok_per_kwh * ORE_PER_KR;
    }

  return spot_ore;
}

/* Norgespris from the customer's date, once it exists in the data;
 * strømstøtte before (and on any date for a strømstøtte contract). */
static void
fill_day_rules (DayRules      *day,
                const Inputs  *in,
                FbkDate        date)
{
  const FbkContract *contract = in->contract;
  double vat_rate;

  day->date = date;
  day->working_day = fbk_calendar_is_working_day (date);
  day->grid_energy = fbk_tariff_book_lookup_grid_energy (in->book, date);
  if (!fbk_tariff_book_get_taxes (in->book, date, &day->taxes_ore, NULL))
    day->taxes_ore = NAN;
  day->vat_factor = fbk_tariff_book_get_vat_rate (in->book, date, &vat_rate, NULL) ? 1.0 + vat_rate : NAN;
  day->subsidy = fbk_tariff_book_lookup_subsidy (in->book, date);
  day->norgespris = NULL;
  day->scheme = contract->scheme;

  if (contract->scheme == FBK_SCHEME_NORGESPRIS)
    {
      if (fbk_date_compare (date, contract->norgespris_from) >= 0)
        day->norgespris = fbk_tariff_book_lookup_norgespris (in->book, date);
      if (day->norgespris == NULL)
        day->scheme = FBK_SCHEME_STROMSTOTTE;
    }
}

/* The part of @kwh still under @cap_kwh, counting it in. NAN, with @why
 * set, when that depends on what is not known. */
static double
take_under_cap (CapCount *count,
                double    cap_kwh,
                double    kwh,
                guint32  *why)
{
  double before = count->used_kwh;

  count->used_kwh += kwh;

  if (isnan (cap_kwh))
    return unknown (why, FBK_COST_UNKNOWN_TARIFF);
  if (before >= cap_kwh)
    return 0.0;
  if (!count->known)
    return unknown (why, FBK_COST_UNKNOWN_CAP_COUNT);
  return MIN (cap_kwh - before, kwh);
}

/* Strømstøtte: − kWh × share × (spot − threshold) × VAT, for the kWh under
 * the month's cap, when spot is above the threshold. */
static double
subsidy_ore (const DayRules  *day,
             gboolean         cabin,
             double           kwh,
             double           spot_ore,
             CapCount        *count,
             guint32         *flags)
{
  const FbkSubsidyRow *row = day->subsidy;
  guint32 cap_why = 0;
  double eligible;

  if (row == NULL)
    {
      count->used_kwh += kwh;
      return unknown (flags, FBK_COST_UNKNOWN_TARIFF);
    }

  /* At or below the threshold there is no support, whatever the cap. */
  eligible = take_under_cap (count, cabin ? row->cap_cabin_kwh : row->cap_home_kwh, kwh, &cap_why);
  if (eligible == 0.0 || spot_ore <= row->threshold)
    return 0.0;
  if (isnan (eligible))
    return unknown (flags, cap_why);
  if (isnan (spot_ore))
    return unknown (flags, FBK_COST_UNKNOWN_SPOT_PRICE);
  if (isnan (row->threshold) || isnan (row->share) || isnan (day->vat_factor))
    return unknown (flags, FBK_COST_UNKNOWN_TARIFF);

  return -eligible * row->share * (spot_ore - row->threshold) * day->vat_factor;
}

/* Norgespris: kWh × (price − spot) × VAT, either sign, for the kWh under
 * the month's cap. */
static double
norgespris_ore (const DayRules  *day,
                gboolean         cabin,
                double           kwh,
                double           spot_ore,
                CapCount        *count,
                guint32         *flags)
{
  const FbkNorgesprisRow *row = day->norgespris;
  guint32 cap_why = 0;
  double eligible = take_under_cap (count, cabin ? row->cap_cabin_kwh : row->cap_home_kwh, kwh, &cap_why);

  if (eligible == 0.0)
    return 0.0;
  if (isnan (eligible))
    return unknown (flags, cap_why);
  if (isnan (spot_ore))
    return unknown (flags, FBK_COST_UNKNOWN_SPOT_PRICE);
  if (isnan (row->price) || isnan (day->vat_factor))
    return unknown (flags, FBK_COST_UNKNOWN_TARIFF);

  return eligible * (row->price - spot_ore) * day->vat_factor;
}

static double
electricity_ore (const FbkContract *contract,
                 const DayRules    *day,
                 double             kwh,
                 double             spot_ore,
                 guint32           *flags)
{
  if (contract->supplier == FBK_SUPPLIER_FIXED)
    return kwh * contract->fixed_price_ore;
  if (isnan (spot_ore))
    return unknown (flags, FBK_COST_UNKNOWN_SPOT_PRICE);
  if (isnan (day->vat_factor))
    return unknown (flags, FBK_COST_UNKNOWN_TARIFF);

  return kwh * (spot_ore * day->vat_factor + contract->markup_ore);
}

static double
grid_energy_ore (const DayRules *day,
                 int             local_hour,
                 double          kwh,
                 guint32        *flags)
{
  double price = NAN;

  if (day->grid_energy != NULL)
    price = fbk_grid_energy_row_price (day->grid_energy, day->working_day, local_hour);

  if (isnan (price) || isnan (day->vat_factor))
    return unknown (flags, FBK_COST_UNKNOWN_TARIFF);
  return kwh * price * day->vat_factor;
}

static double
taxes_ore (const DayRules *day,
           double          kwh,
           guint32        *flags)
{
  if (isnan (day->taxes_ore) || isnan (day->vat_factor))
    return unknown (flags, FBK_COST_UNKNOWN_TARIFF);
  return kwh * day->taxes_ore * day->vat_factor;
}

/* The supplier buys production at the hour's spot price, less the
 * contract's deduction; a private seller charges no VAT. */
static double
production_credit_ore (const FbkContract *contract,
                       double             production_kwh,
                       double             spot_ore,
                       guint32           *flags)
{
  if (isnan (production_kwh))
    return NAN;
  if (isnan (spot_ore))
    return unknown (flags, FBK_COST_UNKNOWN_SPOT_PRICE);
  /* 0.0 − x, not −x: an hour of no production is 0, not −0 */
  return 0.0 - production_kwh * (spot_ore - contract->production_deduction_ore);
}

/* The bill: every part but the production credit beside it. */
static double
sum_bill (const FbkCostParts *parts)
{
  const double *values = (const double *) parts;
  double total = 0.0;

  for (FbkCostPart part = FBK_COST_ELECTRICITY; part <= FBK_COST_FEES; part++)
    total += values[part];
  return total;
}

static void
cost_hour (const Inputs   *in,
           const DayRules *day,
           MonthState     *month,
           FbkInstant      hour_start,
           int             local_hour,
           FbkCostHour    *out)
{
  guint slot = (guint) ((hour_start - in->base) / FBK_SECONDS_PER_HOUR);
  const FbkContract *contract = in->contract;
  double kwh = in->kwh[slot];
  double spot = in->spot_ore[slot];
  FbkCostParts *ore = &out->ore;
  guint32 flags = 0;

  out->start = hour_start;
  out->kwh = kwh;
  out->production_kwh = in->production != NULL ? in->production[slot] : NAN;

  ore->capacity = month->capacity_per_hour;
  if (isnan (ore->capacity))
    flags |= month->capacity_unknown;
  ore->fees = month->fees_per_hour;

  if (isnan (kwh))
    {
      /* Unknown, not zero: and how much of the month's cap the later hours
       * still have is no longer known either. */
      for (guint i = 0; i < G_N_ELEMENTS (energy_parts); i++)
        ((double *) ore)[energy_parts[i]] = NAN;
      flags |= FBK_COST_UNKNOWN_CONSUMPTION;
      if (day->scheme == FBK_SCHEME_STROMSTOTTE)
        month->subsidy_count.known = FALSE;
      else if (day->scheme == FBK_SCHEME_NORGESPRIS)
        month->norgespris_count.known = FALSE;
    }
  else
    {
      ore->electricity = electricity_ore (contract, day, kwh, spot, &flags);
      ore->grid_energy = grid_energy_ore (day, local_hour, kwh, &flags);
      ore->taxes = taxes_ore (day, kwh, &flags);
      ore->subsidy = 0.0;
      ore->norgespris = 0.0;
      if (day->scheme == FBK_SCHEME_STROMSTOTTE)
        ore->subsidy = subsidy_ore (day, contract->cabin, kwh, spot, &month->subsidy_count, &flags);
      else if (day->scheme == FBK_SCHEME_NORGESPRIS)
        ore->norgespris = norgespris_ore (day, contract->cabin, kwh, spot, &month->norgespris_count, &flags);
    }

  ore->production_credit = production_credit_ore (contract, out->production_kwh, spot, &flags);
  out->total = sum_bill (ore);
  out->unknown = flags;
}

/* The month's capacity step from its consumption, computed exactly as the
 * max-hours view computes it, and its supplier fee. */
static void
start_month (const Inputs *in,
             FbkInstant    start,
             FbkInstant    end,
             FbkCostMonth *info,
             MonthState   *state)
{
  FbkDate first = fbk_time_oslo_date (start);
  double n_hours = (double) (end - start) / FBK_SECONDS_PER_HOUR;
  const FbkInterval *intervals;
  double capacity_kr;
  guint n = 0;

  *info = (FbkCostMonth) {
    .year = first.year,
    .month = first.month,
    .start = start,
    .end = end,
    .capacity_ore = NAN,
    .fees_ore = in->contract->monthly_fee_kr * ORE_PER_KR,
  };
  *state = (MonthState) {
    .subsidy_count = { 0.0, TRUE },
    .norgespris_count = { 0.0, TRUE },
  };

  intervals = fbk_series_get_range (in->consumption, start, end, &n);
  fbk_max_hours_compute (&info->max_hours, first.year, first.month, intervals, n);

  if (info->max_hours.n_hours == 0)
    {
      info->table = fbk_tariff_lookup (fbk_tariff_book_get_capacity (in->book), first.year, first.month);
      state->capacity_unknown = FBK_COST_UNKNOWN_MAX_HOURS;
    }
  else if (fbk_tariff_book_get_capacity_price (in->book, first.year, first.month, info->max_hours.average,
                                               &capacity_kr, &info->step, &info->table))
    info->capacity_ore = capacity_kr * ORE_PER_KR;
  else
    state->capacity_unknown = FBK_COST_UNKNOWN_TARIFF;

  state->capacity_per_hour = info->capacity_ore / n_hours;
  state->fees_per_hour = info->fees_ore / n_hours;
}

/**
 * fbk_cost_compute:
 * @consumption: one metering point's consumption, hourly or finer; it must
 *   hold every value of each whole Oslo calendar month that [@from, @to)
 *   touches, not just of the period: a month's capacity step comes from
 *   its three highest day maxima, and its strømstøtte and Norgespris caps
 *   count its hours from the 1st
 * @production: (nullable): the same meter's production, hourly or finer;
 *   %NULL for a meter that does not produce
 * @spot_prices: (nullable) (element-type FbkSpotPrice): the spot prices of
 *   the contract's price area, clock hours in any order, from the first
 *   month's start to @to; a missing hour is simply absent
 * @contract: the supplier contract, scheme and kind of dwelling
 * @book: the dated tariffs, taxes and schemes
 * @from: the start of a clock hour
 * @to: the end (exclusive), after @from, the start of a clock hour
 *
 * Rebuilds both bills hour by hour, in øre including VAT, by the rules of
 * electricity-bill.md. For every clock hour of [@from, @to):
 *
 * - `electricity`: kWh × (spot × VAT + markup), or kWh × the fixed price;
 * - `grid_energy`: kWh × energiledd × VAT, the day rate on working days in
 *   the day hours of the energiledd row (fbk_grid_energy_row_price());
 * - `taxes`: kWh × (forbruksavgift + Enova fee) × VAT;
 * - `subsidy` (strømstøtte, ≤ 0) or `norgespris` (either sign) for the
 *   scheme in force on the hour's day: Norgespris from the contract's
 *   date once the data has a Norgespris row, strømstøtte before; the
 *   other, and both under no scheme, are a known 0. The month's cap
 *   counts its kWh in time order from the 1st (each scheme the hours it
 *   was in force), and the hour that crosses it gets the part under it.
 *   After an hour of the month without a value the count is not known,
 *   so strømstøtte above the threshold and the settlement of later hours
 *   are NAN (%FBK_COST_UNKNOWN_CAP_COUNT) until the cap is surely used;
 * - `capacity` and `fees`: the month's amounts spread evenly over its
 *   clock hours (743, 744 or 745), so whole months sum to them and a
 *   month cut by the period carries its share of hours;
 * - `production_credit` (beside the bill, not in `total`):
 *   − production kWh × (spot − deduction), no VAT.
 *
 * Unknown is never zero: a part whose inputs are not known is NAN and
 * `unknown` says why. An hour without a whole consumption value has NAN
 * kWh and energy parts, but still its share of the monthly amounts; the
 * parts of an hour with a value but no spot price that need the price
 * (spot electricity, strømstøtte above the threshold, Norgespris under
 * the cap) are NAN, the others known. `total` is NAN when any of its parts
 * is.
 *
 * Computing the same period under another contract (what Norgespris, or
 * another supplier, would have cost) is another call with a changed
 * contract: the inputs are not modified, and a call costs about a
 * millisecond per meter-year (BENCHMARKS.md).
 *
 * Returns: (transfer full): the hours and the months, free with
 *   fbk_cost_sheet_free()
 */
FbkCostSheet *
fbk_cost_compute (FbkSeries         *consumption,
                  FbkSeries         *production,
                  GArray            *spot_prices,
                  const FbkContract *contract,
                  FbkTariffBook     *book,
                  FbkInstant         from,
                  FbkInstant         to)
{
  g_autofree double *kwh = NULL;
  g_autofree double *production_kwh = NULL;
  g_autofree double *spot_ore = NULL;
  FbkCostSheet *sheet;
  Inputs in;
  guint n_slots;

  g_return_val_if_fail (FBK_IS_SERIES (consumption), NULL);
  g_return_val_if_fail (production == NULL || FBK_IS_SERIES (production), NULL);
  g_return_val_if_fail (spot_prices == NULL || g_array_get_element_size (spot_prices) == sizeof (FbkSpotPrice), NULL);
  g_return_val_if_fail (contract != NULL, NULL);
  g_return_val_if_fail (FBK_IS_TARIFF_BOOK (book), NULL);
  g_return_val_if_fail (from < to, NULL);
  g_return_val_if_fail (fbk_time_period_start (from, FBK_RESOLUTION_HOUR) == from, NULL);
  g_return_val_if_fail (fbk_time_period_start (to, FBK_RESOLUTION_HOUR) == to, NULL);

  in.contract = contract;
  in.book = book;
  in.consumption = consumption;
  in.base = fbk_time_period_start (from, FBK_RESOLUTION_MONTH);
  n_slots = (guint) ((to - in.base) / FBK_SECONDS_PER_HOUR);
  in.kwh = kwh = sum_to_clock_hours (consumption, in.base, n_slots);
  in.production = production_kwh = production != NULL ? sum_to_clock_hours (production, in.base, n_slots) : NULL;
  in.spot_ore = spot_ore = index_spot_prices (spot_prices, in.base, n_slots);

  sheet = g_new0 (FbkCostSheet, 1);
  sheet->from = from;
  sheet->to = to;
  sheet->hours = g_array_sized_new (FALSE, FALSE, sizeof (FbkCostHour), (guint) ((to - from) / FBK_SECONDS_PER_HOUR));
  sheet->months = g_array_new (FALSE, FALSE, sizeof (FbkCostMonth));
  g_array_set_size (sheet->hours, (guint) ((to - from) / FBK_SECONDS_PER_HOUR));

  /* Month by month from the first month's start, so its caps count from
   * the 1st; the dated rules looked up once a day. */
  for (FbkInstant month_start = in.base; month_start < to;)
    {
      FbkInstant month_end = fbk_time_period_next (month_start, FBK_RESOLUTION_MONTH);
      DayRules day = { .date = { 0, 0, 0 } };
      FbkCostMonth info;
      MonthState state;

      start_month (&in, month_start, month_end, &info, &state);
      g_array_append_val (sheet->months, info);

      for (FbkInstant hour = month_start; hour < month_end && hour < to; hour += FBK_SECONDS_PER_HOUR)
        {
          int local_hour = fbk_time_oslo_hour (hour);
          FbkCostHour cost;

          /* Oslo's clocks change at 02:00 and 03:00, never at midnight:
           * a new day starts exactly where the clock shows hour 0. */
          if (local_hour == 0 || day.date.year == 0)
            fill_day_rules (&day, &in, fbk_time_oslo_date (hour));
          cost_hour (&in, &day, &state, hour, local_hour, &cost);
          if (hour >= from)
            g_array_index (sheet->hours, FbkCostHour, (hour - from) / FBK_SECONDS_PER_HOUR) = cost;
        }

      month_start = month_end;
    }

  return sheet;
}

void
fbk_cost_sheet_free (FbkCostSheet *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->hours, g_array_unref);
  g_clear_pointer (&self->months, g_array_unref);
  g_free (self);
}

static void
start_bucket (FbkCostBucket *bucket,
              FbkInstant     hour_start,
              FbkResolution  resolution)
{
  *bucket = (FbkCostBucket) { 0 };
  bucket->start = fbk_time_period_start (hour_start, resolution);
  bucket->end = fbk_time_period_next (bucket->start, resolution);
  bucket->covered_from = hour_start;
  bucket->hours_expected = (guint32) ((bucket->end - bucket->start) / FBK_SECONDS_PER_HOUR);
}

/* Parts summed over no hour are not known: unknown is not zero. */
static void
finish_bucket (FbkCostBucket *bucket)
{
  double *parts = (double *) &bucket->ore;

  if (bucket->hours == 0)
    {
      bucket->kwh = NAN;
      for (guint i = 0; i < G_N_ELEMENTS (energy_parts); i++)
        parts[energy_parts[i]] = NAN;
      bucket->unknown |= FBK_COST_UNKNOWN_CONSUMPTION;
    }
  if (bucket->production_hours == 0)
    {
      bucket->production_kwh = NAN;
      bucket->ore.production_credit = NAN;
    }
  bucket->total = sum_bill (&bucket->ore);
}

static void
add_hour (FbkCostBucket     *bucket,
          const FbkCostHour *hour)
{
  double *parts = (double *) &bucket->ore;
  const double *hour_parts = (const double *) &hour->ore;

  bucket->covered_to = hour->start + FBK_SECONDS_PER_HOUR;
  bucket->ore.capacity += hour->ore.capacity;
  bucket->ore.fees += hour->ore.fees;
  bucket->unknown |= hour->unknown & ~FBK_COST_UNKNOWN_CONSUMPTION;

  /* An hour without a value adds no energy parts; the bucket's hours say
   * how many it holds. */
  if (!isnan (hour->kwh))
    {
      bucket->hours++;
      bucket->kwh += hour->kwh;
      for (guint i = 0; i < G_N_ELEMENTS (energy_parts); i++)
        parts[energy_parts[i]] += hour_parts[energy_parts[i]];
    }

  if (!isnan (hour->production_kwh))
    {
      bucket->production_hours++;
      bucket->production_kwh += hour->production_kwh;
      bucket->ore.production_credit += hour->ore.production_credit;
    }
}

/**
 * fbk_cost_sheet_get_buckets:
 * @resolution: the Oslo calendar periods to sum over
 *
 * Sums the sheet's hours into hours, days, ISO weeks, months or years.
 * Energy parts and kWh sum the hours that have a consumption value
 * (`hours` of `hours_expected`); capacity and fees every hour of the
 * sheet in the period. A part unknown in any hour it sums is unknown for
 * the bucket, and so are the energy parts of a bucket without any value.
 *
 * Returns: (transfer full) (element-type FbkCostBucket): one bucket per
 *   period the sheet touches, in order
 */
GArray *
fbk_cost_sheet_get_buckets (const FbkCostSheet *self,
                            FbkResolution       resolution)
{
  GArray *buckets;
  FbkCostBucket bucket = { 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (resolution < FBK_N_RESOLUTIONS, NULL);

  buckets = g_array_new (FALSE, FALSE, sizeof (FbkCostBucket));

  for (guint i = 0; i < self->hours->len; i++)
    {
      const FbkCostHour *hour = &g_array_index (self->hours, FbkCostHour, i);

      if (i == 0 || hour->start >= bucket.end)
        {
          if (i > 0)
            {
              finish_bucket (&bucket);
              g_array_append_val (buckets, bucket);
            }
          start_bucket (&bucket, hour->start, resolution);
        }
      add_hour (&bucket, hour);
    }

  if (self->hours->len > 0)
    {
      finish_bucket (&bucket);
      g_array_append_val (buckets, bucket);
    }

  return buckets;
}

/**
 * fbk_cost_parts_get:
 *
 * Returns: the part, øre including VAT, NAN when not known
 */
double
fbk_cost_parts_get (const FbkCostParts *parts,
                    FbkCostPart         part)
{
  g_return_val_if_fail (parts != NULL, NAN);
  g_return_val_if_fail ((guint) part < FBK_COST_N_PARTS, NAN);

  return ((const double *) parts)[part];
}

/**
 * fbk_cost_part_to_string:
 *
 * Returns: the part's name in CSV and JSON: "electricity", "grid_energy",
 *   "capacity", "taxes", "subsidy", "norgespris", "fees" or
 *   "production_credit"
 */
const char *
fbk_cost_part_to_string (FbkCostPart part)
{
  g_return_val_if_fail ((guint) part < FBK_COST_N_PARTS, NULL);

  return part_names[part];
}
