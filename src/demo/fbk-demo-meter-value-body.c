/* fbk-demo-meter-value-body.c: the MeterValueApi's answers, written as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The bodies of metervalues and of both maxhours versions, in Elvia's
 * shapes (/work/shared/api/metervalue-api.md), from the household's hours.
 * Where the real service's behaviour is not known the simulator picks the
 * reading that is kindest to test against: metering point ids that are
 * well-formed but not on the token are left out silently; a window before a
 * meter's contract gives that meter an empty series rather than an error;
 * maxhours count every hour metered by calculateTime. */

#define G_LOG_DOMAIN "fbk-demo-server"

#include "config.h"

#include <stdlib.h>

#include "fbk-demo-json.h"
#include "fbk-demo-meter-value-body.h"

#define HOUR FBK_SECONDS_PER_HOUR

static FbkInstant
hour_floor (FbkInstant instant)
{
  return fbk_time_period_start (instant, FBK_RESOLUTION_HOUR);
}

static FbkInstant
hour_ceil (FbkInstant instant)
{
  return hour_floor (instant + HOUR - 1);
}

static void
append_contract (GString      *out,
                 FbkDemoMeter  meter,
                 FbkInstant    now,
                 gboolean      date_names)
{
  /* v2 maxhours alone spells the contract's bounds startDate/endDate. */
  g_string_append (out, date_names ? "\"customerContract\":{\"startDate\":" : "\"customerContract\":{\"startTime\":");
  fbk_demo_json_time (out, fbk_demo_meter_get_contract_start (meter, now));
  g_string_append (out, date_names ? ",\"endDate\":null}" : ",\"endTime\":null}");
}

/* The hours of @meter that exist at @now within [@from, @to), clamped to the
 * contract; @out_first is their start. */
static guint
existing_hours (guint64       seed,
                FbkDemoMeter  meter,
                gboolean      production,
                FbkInstant    now,
                FbkInstant    from,
                FbkInstant    to,
                FbkInstant   *out_first)
{
  FbkInstant first = MAX (from, fbk_demo_meter_get_contract_start (meter, now));
  FbkInstant end = MIN (to, fbk_demo_household_available_end (seed, meter, now));

  *out_first = first;
  if (end <= first || (production && !fbk_demo_meter_has_production (meter)))
    return 0;

  return (guint) ((end - first) / HOUR);
}

/**
 * fbk_demo_meter_values_body:
 *
 * Returns: (transfer full): the body of a 200 from v1/metervalues
 */
GString *
fbk_demo_meter_values_body (const FbkDemoMeterValueQuery *params)
{
  FbkDirection direction = params->production ? FBK_DIRECTION_PRODUCTION : FBK_DIRECTION_CONSUMPTION;
  FbkInstant from_hour = hour_floor (params->start);
  GString *out = g_string_sized_new (4096);
  gboolean first_meter = TRUE;

  g_string_append (out, "{\"meteringpoints\":[");

  for (guint m = 0; m < FBK_DEMO_N_METERS; m++)
    {
      FbkDemoMeter meter = (FbkDemoMeter) m;
      g_autofree gint32 *wh = NULL;
      g_autofree char *previous_end = NULL;
      FbkInstant first;
      guint n;

      if (!params->wanted[m])
        continue;

      n = existing_hours (params->seed, meter, params->production, params->now,
                          from_hour, hour_ceil (params->end), &first);
      wh = g_new (gint32, MAX (n, 1));
      fbk_demo_household_fill_wh (params->seed, meter, direction, first, n, wh);

      if (!first_meter)
        g_string_append_c (out, ',');
      first_meter = FALSE;

      g_string_append (out, "{\"meteringPointId\":");
      fbk_demo_json_string (out, fbk_demo_meter_get_id (meter));
      g_string_append_c (out, ',');
      append_contract (out, meter, params->now, FALSE);
      g_string_append (out, ",\"metervalue\":{\"fromHour\":");
      fbk_demo_json_time (out, from_hour);
      g_string_append (out, ",\"toHour\":");
      fbk_demo_json_time (out, n > 0 ? first + (FbkInstant) n * HOUR : from_hour);
      g_string_append (out, ",\"resolutionMinutes\":60,\"timeSeries\":[");

      for (guint i = 0; i < n; i++)
        {
          FbkInstant start = first + (FbkInstant) i * HOUR;
          char *end_text = fbk_time_format_oslo (start + HOUR);

          if (previous_end == NULL)
            previous_end = fbk_time_format_oslo (start);

          g_string_append (out, i > 0 ? ",{\"startTime\":\"" : "{\"startTime\":\"");
          g_string_append (out, previous_end);
          g_string_append (out, "\",\"endTime\":\"");
          g_string_append (out, end_text);
          g_string_append (out, "\",\"value\":");
          fbk_demo_json_kwh (out, wh[i]);
          g_string_append (out, ",\"uom\":\"kWh\",\"production\":");
          fbk_demo_json_bool (out, params->production);
          g_string_append (out, ",\"verified\":");
          fbk_demo_json_bool (out, fbk_demo_household_is_verified (params->seed, meter, start, params->now));
          g_string_append_c (out, '}');

          g_free (previous_end);
          previous_end = end_text;
        }

      g_string_append (out, "]}}");
    }

  g_string_append (out, "]}");

  return out;
}

typedef struct
{
  FbkInstant start;
  gint32     wh;
} MaxHour;

static int
compare_max_hour_start (gconstpointer a,
                        gconstpointer b)
{
  const MaxHour *x = a, *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

/* Elvia's capacity basis: the highest hour of each Oslo day in [@from, @to),
 * then the @max_days highest of those (so each from a different day), in
 * time order. Equal values go to the earlier hour. */
static guint
top_day_maxima (const gint32 *wh,
                FbkInstant    first,
                guint         n,
                FbkInstant    from,
                FbkInstant    to,
                guint         max_days,
                MaxHour      *out)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (MaxHour));
  FbkDate current_day = { 0 };
  guint found = 0;

  for (guint i = 0; i < n; i++)
    {
      FbkInstant start = first + (FbkInstant) i * HOUR;
      FbkDate day;
      MaxHour *best;

      if (start < from || start >= to)
        continue;

      day = fbk_time_oslo_date (start);
      if (days->len == 0 || fbk_date_compare (day, current_day) != 0)
        {
          MaxHour hour = { start, wh[i] };

          g_array_append_val (days, hour);
          current_day = day;
          continue;
        }

      best = &g_array_index (days, MaxHour, days->len - 1);
      if (wh[i] > best->wh)
        {
          best->start = start;
          best->wh = wh[i];
        }
    }

  while (found < max_days && days->len > 0)
    {
      guint top = 0;

      for (guint d = 1; d < days->len; d++)
        {
          if (g_array_index (days, MaxHour, d).wh > g_array_index (days, MaxHour, top).wh)
            top = d;
        }
      out[found++] = g_array_index (days, MaxHour, top);
      g_array_remove_index (days, top);
    }

  qsort (out, found, sizeof (MaxHour), compare_max_hour_start);

  return found;
}

static void
append_max_hour (GString                      *out,
                 FbkDemoMeter                  meter,
                 const FbkDemoMeterValueQuery *params,
                 const MaxHour                *hour,
                 int                           months_back)
{
  g_string_append (out, "{\"startTime\":");
  fbk_demo_json_time (out, hour->start);
  g_string_append (out, ",\"endTime\":");
  fbk_demo_json_time (out, hour->start + HOUR);
  g_string_append (out, ",\"value\":");
  fbk_demo_json_kwh (out, hour->wh);
  g_string_append_printf (out, ",\"uom\":\"kWh\",\"noOfMonthsBack\":%d,\"production\":", months_back);
  fbk_demo_json_bool (out, params->production);
  g_string_append (out, ",\"verified\":");
  fbk_demo_json_bool (out, fbk_demo_household_is_verified (params->seed, meter, hour->start, params->now));
  g_string_append_c (out, '}');
}

/**
 * fbk_demo_max_hours_body:
 * @legacy: %TRUE for v1 (each month's highest hour), %FALSE for v2 (each
 *   month's three highest days, with their average)
 *
 * Returns: (transfer full): the body of a 200 from v1 or v2/maxhours
 */
GString *
fbk_demo_max_hours_body (const FbkDemoMeterValueQuery *params,
                         gboolean                      legacy)
{
  FbkDirection direction = params->production ? FBK_DIRECTION_PRODUCTION : FBK_DIRECTION_CONSUMPTION;
  FbkInstant month_starts[3];  /* the previous, the current and the next month */
  GString *out = g_string_sized_new (2048);
  gboolean first_meter = TRUE;

  month_starts[1] = fbk_time_period_start (params->calculate, FBK_RESOLUTION_MONTH);
  month_starts[0] = fbk_time_period_start (month_starts[1] - 1, FBK_RESOLUTION_MONTH);
  month_starts[2] = fbk_time_period_next (month_starts[1], FBK_RESOLUTION_MONTH);

  g_string_append (out, "{\"meteringpoints\":[");

  for (guint m = 0; m < FBK_DEMO_N_METERS; m++)
    {
      FbkDemoMeter meter = (FbkDemoMeter) m;
      g_autofree gint32 *wh = NULL;
      gboolean first_entry = TRUE;
      FbkInstant first;
      guint n;

      if (!params->wanted[m])
        continue;

      n = existing_hours (params->seed, meter, params->production, params->now,
                          month_starts[0], hour_floor (params->calculate), &first);
      wh = g_new (gint32, MAX (n, 1));
      fbk_demo_household_fill_wh (params->seed, meter, direction, first, n, wh);

      if (!first_meter)
        g_string_append_c (out, ',');
      first_meter = FALSE;

      g_string_append (out, "{\"meteringPointId\":");
      fbk_demo_json_string (out, fbk_demo_meter_get_id (meter));
      g_string_append_c (out, ',');
      append_contract (out, meter, params->now, !legacy);
      g_string_append (out, ",\"maxHoursCalculatedTime\":");
      fbk_demo_json_time (out, params->calculate);
      g_string_append (out, ",\"maxHoursFromTime\":");
      fbk_demo_json_time (out, month_starts[0]);
      g_string_append (out, ",\"maxHoursToTime\":");
      fbk_demo_json_time (out, n > 0 ? first + (FbkInstant) n * HOUR : month_starts[0]);
      g_string_append (out, legacy ? ",\"maxHours\":[" : ",\"maxHoursAggregate\":[");

      for (int back = 0; back <= 1; back++)
        {
          MaxHour top[3];
          guint found = top_day_maxima (wh, first, n, month_starts[1 - back], month_starts[2 - back],
                                        legacy ? 1 : 3, top);
          gint64 sum = 0;

          /* A month without hours yet has no entry at all. */
          if (found == 0)
            continue;

          if (!first_entry)
            g_string_append_c (out, ',');
          first_entry = FALSE;

          if (legacy)
            {
              append_max_hour (out, meter, params, &top[0], back);
              continue;
            }

          for (guint i = 0; i < found; i++)
            sum += top[i].wh;
          g_string_append (out, "{\"averageValue\":");
          fbk_demo_json_kwh (out, (sum + found / 2) / found);
          g_string_append (out, ",\"maxHours\":[");
          for (guint i = 0; i < found; i++)
            {
              if (i > 0)
                g_string_append_c (out, ',');
              append_max_hour (out, meter, params, &top[i], back);
            }
          g_string_append_printf (out, "],\"uom\":\"kWh\",\"noOfMonthsBack\":%d}", back);
        }

      g_string_append (out, "]}");
    }

  g_string_append (out, "]}");

  return out;
}
