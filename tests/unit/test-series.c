/* test-series.c: upsert, ranges, Oslo aggregation and decimation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fbk-series.h"
#include "fbk-test-support.h"

#define HOUR FBK_SECONDS_PER_HOUR
#define V FBK_INTERVAL_VERIFIED

static FbkInstant
at (const char *text)
{
  FbkInstant instant = 0;

  if (!fbk_time_parse (text, &instant))
    g_error ("could not parse %s", text);
  return instant;
}

static FbkInterval
make (FbkInstant start,
      guint32    duration,
      double     kwh,
      guint32    flags)
{
  FbkInterval interval = { start, duration, flags, kwh };

  return interval;
}

/* Hourly values from @start, value i being base + i / 1000. */
static GArray *
hours (FbkInstant start,
       guint      count,
       double     base,
       guint32    flags)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), count);

  for (guint i = 0; i < count; i++)
    {
      FbkInterval interval = make (start + (FbkInstant) i * HOUR, HOUR, base + i / 1000.0, flags);
      g_array_append_val (array, interval);
    }

  return array;
}

static void
upsert_array (FbkSeries *series,
              GArray    *array)
{
  fbk_series_upsert (series, (const FbkInterval *) (gpointer) array->data, array->len);
}

static void
assert_sorted_unique (FbkSeries *series)
{
  guint length;
  const FbkInterval *intervals = fbk_series_get_intervals (series, &length);

  g_assert_cmpuint (length, ==, fbk_series_get_length (series));
  for (guint i = 1; i < length; i++)
    g_assert_cmpint (intervals[i - 1].start, <, intervals[i].start);
}

static void
test_new (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("707057500012345678", FBK_DIRECTION_PRODUCTION);
  g_autofree char *id = NULL;
  FbkDirection direction = FBK_DIRECTION_CONSUMPTION;
  guint length = 99;

  g_assert_cmpstr (fbk_series_get_metering_point_id (series), ==, "707057500012345678");
  g_assert_cmpint (fbk_series_get_direction (series), ==, FBK_DIRECTION_PRODUCTION);
  g_assert_cmpuint (fbk_series_get_length (series), ==, 0);
  fbk_series_get_intervals (series, &length);
  g_assert_cmpuint (length, ==, 0);

  g_object_get (series, "metering-point-id", &id, "direction", &direction, NULL);
  g_assert_cmpstr (id, ==, "707057500012345678");
  g_assert_cmpint (direction, ==, FBK_DIRECTION_PRODUCTION);
}

static void
test_direction_strings (void)
{
  FbkDirection direction = FBK_DIRECTION_PRODUCTION;
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (FBK_TYPE_DIRECTION);

  g_assert_cmpstr (fbk_direction_to_string (FBK_DIRECTION_CONSUMPTION), ==, "consumption");
  g_assert_cmpstr (fbk_direction_to_string (FBK_DIRECTION_PRODUCTION), ==, "production");
  g_assert_true (fbk_direction_from_string ("consumption", &direction));
  g_assert_cmpint (direction, ==, FBK_DIRECTION_CONSUMPTION);
  g_assert_true (fbk_direction_from_string ("production", &direction));
  g_assert_cmpint (direction, ==, FBK_DIRECTION_PRODUCTION);
  g_assert_false (fbk_direction_from_string ("Production", &direction));
  g_assert_false (fbk_direction_from_string ("", &direction));
  g_assert_false (fbk_direction_from_string (NULL, &direction));
  g_assert_cmpint (direction, ==, FBK_DIRECTION_PRODUCTION);
  /* the GType's nicks match, so settings and properties read the same */
  g_assert_cmpstr (g_enum_get_value (enum_class, FBK_DIRECTION_PRODUCTION)->value_nick, ==, "production");
}

static void
test_upsert_orders (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
  FbkInstant t0 = at ("2022-03-01T00:00:00+01:00");
  FbkInterval batch[] = {
    make (t0 + 2 * HOUR, HOUR, 2.0, V),
    make (t0, HOUR, 0.5, V),
    make (t0 + 1 * HOUR, HOUR, 1.0, V),
  };
  FbkInterval later[] = {
    make (t0 + 5 * HOUR, HOUR, 5.0, 0),
    make (t0 - HOUR, HOUR, -1.0, 0),
    make (t0 + 3 * HOUR, HOUR, 3.0, 0),
  };
  guint length;
  const FbkInterval *intervals;

  g_assert_cmpuint (fbk_series_upsert (series, batch, G_N_ELEMENTS (batch)), ==, 3);
  g_assert_cmpuint (fbk_series_upsert (series, later, G_N_ELEMENTS (later)), ==, 3);
  assert_sorted_unique (series);

  intervals = fbk_series_get_intervals (series, &length);
  g_assert_cmpuint (length, ==, 6);
  g_assert_cmpint (intervals[0].start, ==, t0 - HOUR);
  g_assert_cmpfloat (intervals[0].kwh, ==, -1.0);
  g_assert_cmpint (intervals[1].start, ==, t0);
  g_assert_cmpfloat (intervals[1].kwh, ==, 0.5);
  g_assert_cmpint (intervals[4].start, ==, t0 + 3 * HOUR);
  g_assert_cmpint (intervals[5].start, ==, t0 + 5 * HOUR);
  g_assert_cmpuint (intervals[5].flags, ==, 0);
  g_assert_cmpuint (intervals[2].flags, ==, V);
}

/* Every combination of stored and incoming verified state. */
static void
test_upsert_verified_rules (void)
{
  static const struct {
    guint32 stored_flags;
    guint32 incoming_flags;
    gboolean replaced;
  } cases[] = {
    { 0, 0, TRUE },   /* newer unverified data wins */
    { 0, V, TRUE },   /* verification arrives */
    { V, V, TRUE },   /* a corrected verified value */
    { V, 0, FALSE },  /* a late unverified copy never undoes verification */
  };
  FbkInstant t0 = at ("2022-06-12T12:00:00+02:00");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
      FbkInterval stored[] = { make (t0, HOUR, 2.731, cases[i].stored_flags),
                               make (t0 + HOUR, HOUR, 2.418, cases[i].stored_flags) };
      FbkInterval incoming = make (t0, HOUR, 2.9, cases[i].incoming_flags);
      FbkInterval same = stored[1];
      guint length;
      const FbkInterval *intervals;

      g_assert_cmpuint (fbk_series_upsert (series, stored, 2), ==, 2);
      g_assert_cmpuint (fbk_series_upsert (series, &incoming, 1), ==, cases[i].replaced ? 1 : 0);
      /* the same value again is not a change */
      g_assert_cmpuint (fbk_series_upsert (series, &same, 1), ==, 0);

      intervals = fbk_series_get_intervals (series, &length);
      g_assert_cmpuint (length, ==, 2);
      g_assert_cmpfloat (intervals[0].kwh, ==, cases[i].replaced ? 2.9 : 2.731);
      g_assert_cmpuint (intervals[0].flags, ==,
                        cases[i].replaced ? cases[i].incoming_flags : cases[i].stored_flags);
      g_assert_cmpfloat (intervals[1].kwh, ==, 2.418);
    }
}

static void
test_upsert_nothing (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
  g_autoptr(GArray) day = hours (at ("2022-03-01T00:00:00+01:00"), 24, 1.0, 0);
  FbkInterval unused = { 0 };
  guint length;

  g_assert_cmpuint (fbk_series_upsert (series, NULL, 0), ==, 0);
  g_assert_cmpuint (fbk_series_get_length (series), ==, 0);
  upsert_array (series, day);
  /* an empty answer deletes nothing */
  g_assert_cmpuint (fbk_series_upsert (series, NULL, 0), ==, 0);
  g_assert_cmpuint (fbk_series_upsert (series, &unused, 0), ==, 0);
  fbk_series_get_intervals (series, &length);
  g_assert_cmpuint (length, ==, 24);
}

/* A batch holding the same start twice behaves as if upserted in order. */
static void
test_upsert_duplicates_in_batch (void)
{
  static const struct {
    guint32 first_flags, second_flags;
    double expected;
  } cases[] = {
    { 0, 0, 2.0 }, { 0, V, 2.0 }, { V, 0, 1.0 }, { V, V, 2.0 },
  };
  FbkInstant t0 = at ("2023-01-10T10:00:00+01:00");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
      FbkInterval batch[] = {
        make (t0 + HOUR, HOUR, 7.0, 0),
        make (t0, HOUR, 1.0, cases[i].first_flags),
        make (t0 - HOUR, HOUR, 6.0, 0),
        make (t0, HOUR, 2.0, cases[i].second_flags),
      };
      guint length;
      const FbkInterval *intervals;

      g_assert_cmpuint (fbk_series_upsert (series, batch, G_N_ELEMENTS (batch)), ==, 3);
      intervals = fbk_series_get_intervals (series, &length);
      g_assert_cmpuint (length, ==, 3);
      g_assert_cmpfloat (intervals[0].kwh, ==, 6.0);
      g_assert_cmpfloat (intervals[1].kwh, ==, cases[i].expected);
      g_assert_cmpfloat (intervals[2].kwh, ==, 7.0);
    }
}

/* A differential test against the simplest model: one slot per hour, each
 * incoming value applied in turn. Random batches (sorted and not, with
 * repeats, overlapping what is stored or not) from a fixed seed. */
#define MODEL_HOURS 300

typedef struct
{
  gboolean present;
  guint32  flags;
  double   kwh;
} Slot;

static void
test_upsert_against_model (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20221030);
  Slot model[MODEL_HOURS] = { { 0 } };
  FbkInstant t0 = at ("2022-10-29T00:00:00+02:00");

  for (guint round = 0; round < 400; round++)
    {
      Slot before[MODEL_HOURS];
      FbkInterval batch[64];
      guint n = (guint) g_rand_int_range (rand, 0, 64);
      guint first = (guint) g_rand_int_range (rand, 0, MODEL_HOURS);
      gboolean sorted = g_rand_boolean (rand);
      guint expected_changes = 0;
      guint length;
      const FbkInterval *intervals;
      guint k = 0;

      memcpy (before, model, sizeof model);

      for (guint i = 0; i < n; i++)
        {
          guint slot = sorted ? MIN (first + i * (guint) g_rand_int_range (rand, 1, 3), MODEL_HOURS - 1)
                              : (guint) g_rand_int_range (rand, 0, MODEL_HOURS);
          guint32 flags = g_rand_boolean (rand) ? V : 0;
          /* few distinct values, so "same value again" happens */
          double kwh = g_rand_int_range (rand, 0, 4) / 4.0;

          if (sorted && i > 0 && slot <= (guint) ((batch[i - 1].start - t0) / HOUR))
            {
              n = i;
              break;
            }

          batch[i] = make (t0 + (FbkInstant) slot * HOUR, HOUR, kwh, flags);
          if (!model[slot].present || (flags & V) || !(model[slot].flags & V))
            {
              model[slot].present = TRUE;
              model[slot].flags = flags;
              model[slot].kwh = kwh;
            }
        }

      for (guint s = 0; s < MODEL_HOURS; s++)
        {
          if (model[s].present != before[s].present || model[s].flags != before[s].flags ||
              model[s].kwh != before[s].kwh)
            expected_changes++;
        }

      g_assert_cmpuint (fbk_series_upsert (series, batch, n), ==, expected_changes);

      intervals = fbk_series_get_intervals (series, &length);
      for (guint s = 0; s < MODEL_HOURS; s++)
        {
          if (!model[s].present)
            continue;
          g_assert_cmpuint (k, <, length);
          g_assert_cmpint (intervals[k].start, ==, t0 + (FbkInstant) s * HOUR);
          g_assert_cmpuint (intervals[k].flags, ==, model[s].flags);
          g_assert_cmpfloat (intervals[k].kwh, ==, model[s].kwh);
          g_assert_cmpuint (intervals[k].duration, ==, HOUR);
          k++;
        }
      g_assert_cmpuint (k, ==, length);
    }
}

/* Three years of hours in one batch, the daily re-fetch of the last 48 hours
 * (now verified), and a gap filled in the middle; each in milliseconds. */
static void
test_upsert_bulk (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
  FbkInstant t0 = at ("2023-01-01T00:00:00+01:00");
  const guint n = 26304;  /* 1096 days */
  g_autoptr(GArray) all = hours (t0, n, 0.0, 0);
  g_autoptr(GArray) with_gap = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
  g_autoptr(GArray) tail = hours (t0 + (FbkInstant) (n - 48) * HOUR, 48, 100.0, V);
  g_autoptr(GArray) gap = hours (t0 + 10000 * HOUR, 1000, 0.0, V);
  gint64 begin, elapsed_bulk, elapsed_tail, elapsed_gap, elapsed_again;
  const FbkInterval *intervals;
  guint length;

  g_array_append_vals (with_gap, all->data, 10000);
  g_array_append_vals (with_gap, &g_array_index (all, FbkInterval, 11000), n - 11000);

  begin = g_get_monotonic_time ();
  g_assert_cmpuint (fbk_series_upsert (series, (FbkInterval *) (gpointer) with_gap->data, with_gap->len),
                    ==, n - 1000);
  elapsed_bulk = g_get_monotonic_time () - begin;

  begin = g_get_monotonic_time ();
  g_assert_cmpuint (fbk_series_upsert (series, (FbkInterval *) (gpointer) tail->data, tail->len), ==, 48);
  elapsed_tail = g_get_monotonic_time () - begin;

  begin = g_get_monotonic_time ();
  g_assert_cmpuint (fbk_series_upsert (series, (FbkInterval *) (gpointer) gap->data, gap->len), ==, 1000);
  elapsed_gap = g_get_monotonic_time () - begin;

  begin = g_get_monotonic_time ();
  g_assert_cmpuint (fbk_series_upsert (series, (FbkInterval *) (gpointer) with_gap->data, with_gap->len),
                    ==, 0);
  elapsed_again = g_get_monotonic_time () - begin;

  intervals = fbk_series_get_intervals (series, &length);
  g_assert_cmpuint (length, ==, n);
  for (guint i = 0; i < n; i++)
    {
      gboolean in_gap = i >= 10000 && i < 11000;
      gboolean in_tail = i >= n - 48;

      g_assert_cmpint (intervals[i].start, ==, t0 + (FbkInstant) i * HOUR);
      g_assert_cmpuint (intervals[i].flags, ==, (in_gap || in_tail) ? V : 0);
      g_assert_cmpfloat (intervals[i].kwh, ==, in_tail ? 100.0 + (i - (n - 48)) / 1000.0
                                               : in_gap ? (i - 10000) / 1000.0 : i / 1000.0);
    }

  g_test_message ("upsert of %u hours: %.2f ms; last 48 h: %.3f ms; gap of 1000 h: %.3f ms; "
                  "same batch again: %.2f ms", n - 1000,
                  elapsed_bulk / 1000.0, elapsed_tail / 1000.0, elapsed_gap / 1000.0,
                  elapsed_again / 1000.0);
  /* generous: a shared CI machine; the real figures are well under 5 ms */
  g_assert_cmpint (elapsed_bulk + elapsed_tail + elapsed_gap + elapsed_again, <,
                   100 * 1000 * fbk_test_time_scale ());
}

static void
test_get_range (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
  FbkInstant t0 = at ("2022-03-01T00:00:00+01:00");
  g_autoptr(GArray) day = hours (t0, 24, 0.0, 0);
  const FbkInterval *range;
  guint length = 99;

  range = fbk_series_get_range (series, t0, t0 + HOUR, &length);
  g_assert_cmpuint (length, ==, 0);

  upsert_array (series, day);

  /* start inclusive, end exclusive */
  range = fbk_series_get_range (series, t0 + 3 * HOUR, t0 + 6 * HOUR, &length);
  g_assert_cmpuint (length, ==, 3);
  g_assert_cmpint (range[0].start, ==, t0 + 3 * HOUR);
  g_assert_cmpint (range[2].start, ==, t0 + 5 * HOUR);

  /* bounds inside intervals: only starts count */
  range = fbk_series_get_range (series, t0 + 3 * HOUR + 1, t0 + 6 * HOUR + 1, &length);
  g_assert_cmpuint (length, ==, 3);
  g_assert_cmpint (range[0].start, ==, t0 + 4 * HOUR);

  range = fbk_series_get_range (series, t0 - 100 * HOUR, t0 + 100 * HOUR, &length);
  g_assert_cmpuint (length, ==, 24);
  g_assert_cmpint (range[0].start, ==, t0);

  fbk_series_get_range (series, t0 + 24 * HOUR, t0 + 100 * HOUR, &length);
  g_assert_cmpuint (length, ==, 0);
  fbk_series_get_range (series, t0 - 100 * HOUR, t0, &length);
  g_assert_cmpuint (length, ==, 0);
  fbk_series_get_range (series, t0 + 5 * HOUR, t0 + 5 * HOUR, &length);
  g_assert_cmpuint (length, ==, 0);
  /* inverted */
  fbk_series_get_range (series, t0 + 10 * HOUR, t0 + 5 * HOUR, &length);
  g_assert_cmpuint (length, ==, 0);
  fbk_series_get_range (series, G_MININT64, G_MAXINT64, &length);
  g_assert_cmpuint (length, ==, 24);
}

static void
test_total (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
  FbkInstant t0 = at ("2022-03-01T00:00:00+01:00");
  g_autoptr(GArray) day = hours (t0, 24, 1.0, 0);

  g_assert_cmpfloat (fbk_series_total_kwh (series, t0, t0 + 24 * HOUR), ==, 0.0);
  upsert_array (series, day);
  /* 24 + (0 + 1 + ... + 23) / 1000 */
  g_assert_cmpfloat_with_epsilon (fbk_series_total_kwh (series, t0, t0 + 24 * HOUR), 24.276, 1e-9);
  /* hours 2..4: 3 + (2 + 3 + 4) / 1000 */
  g_assert_cmpfloat_with_epsilon (fbk_series_total_kwh (series, t0 + 2 * HOUR, t0 + 5 * HOUR), 3.009, 1e-9);
  g_assert_cmpfloat (fbk_series_total_kwh (series, t0 + 5 * HOUR, t0 + 2 * HOUR), ==, 0.0);
}

static const FbkInterval *
aggregate_and_get (FbkSeries     *series,
                   FbkResolution  resolution,
                   FbkInstant     from,
                   FbkInstant     to,
                   FbkSeries    **out_result,
                   guint         *out_length)
{
  *out_result = fbk_series_aggregate (series, resolution, from, to);
  g_assert_cmpstr (fbk_series_get_metering_point_id (*out_result), ==,
                   fbk_series_get_metering_point_id (series));
  g_assert_cmpint (fbk_series_get_direction (*out_result), ==, fbk_series_get_direction (series));
  return fbk_series_get_intervals (*out_result, out_length);
}

/* Days around both DST changes of 2022/2023, with each value 1 kWh so sums
 * count hours. */
static void
test_aggregate_days_dst (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
  g_autoptr(FbkSeries) days = NULL;
  FbkInstant autumn = at ("2022-10-29T00:00:00+02:00");
  FbkInstant spring = at ("2023-03-25T00:00:00+01:00");
  /* 29 Oct (24 h), 30 Oct (25 h), 31 Oct (24 h) */
  g_autoptr(GArray) autumn_hours = hours (autumn, 24 + 25 + 24, 1.0, V);
  /* 25 Mar (24 h), 26 Mar (23 h), 27 Mar (24 h) */
  g_autoptr(GArray) spring_hours = hours (spring, 24 + 23 + 24, 1.0, V);
  const FbkInterval *buckets;
  guint length;

  for (guint i = 0; i < autumn_hours->len; i++)
    g_array_index (autumn_hours, FbkInterval, i).kwh = 1.0;
  for (guint i = 0; i < spring_hours->len; i++)
    g_array_index (spring_hours, FbkInterval, i).kwh = 1.0;
  /* one hour of 31 October missing, one of 27 March unverified */
  g_array_remove_index (autumn_hours, 24 + 25 + 5);
  g_array_index (spring_hours, FbkInterval, 24 + 23 + 7).flags = 0;
  upsert_array (series, autumn_hours);
  upsert_array (series, spring_hours);

  buckets = aggregate_and_get (series, FBK_RESOLUTION_DAY, G_MININT64, G_MAXINT64, &days, &length);
  g_assert_cmpuint (length, ==, 6);

  g_assert_cmpint (buckets[0].start, ==, autumn);
  g_assert_cmpuint (buckets[0].duration, ==, 24 * HOUR);
  g_assert_cmpfloat (buckets[0].kwh, ==, 24.0);
  g_assert_cmpuint (buckets[0].flags, ==, V | FBK_INTERVAL_COMPLETE);

  g_assert_cmpint (buckets[1].start, ==, at ("2022-10-30T00:00:00+02:00"));
  g_assert_cmpuint (buckets[1].duration, ==, 25 * HOUR);
  g_assert_cmpfloat (buckets[1].kwh, ==, 25.0);
  g_assert_cmpuint (buckets[1].flags, ==, V | FBK_INTERVAL_COMPLETE);

  g_assert_cmpint (buckets[2].start, ==, at ("2022-10-31T00:00:00+01:00"));
  g_assert_cmpfloat (buckets[2].kwh, ==, 23.0);
  g_assert_cmpuint (buckets[2].flags, ==, V);  /* verified, not complete */

  g_assert_cmpint (buckets[3].start, ==, spring);
  g_assert_cmpuint (buckets[3].flags, ==, V | FBK_INTERVAL_COMPLETE);

  g_assert_cmpint (buckets[4].start, ==, at ("2023-03-26T00:00:00+01:00"));
  g_assert_cmpuint (buckets[4].duration, ==, 23 * HOUR);
  g_assert_cmpfloat (buckets[4].kwh, ==, 23.0);
  g_assert_cmpuint (buckets[4].flags, ==, V | FBK_INTERVAL_COMPLETE);

  g_assert_cmpint (buckets[5].start, ==, at ("2023-03-27T00:00:00+02:00"));
  g_assert_cmpfloat (buckets[5].kwh, ==, 24.0);
  g_assert_cmpuint (buckets[5].flags, ==, FBK_INTERVAL_COMPLETE);  /* complete, not verified */
}

/* A 25-hour day with only 24 values is not complete, whichever hour is
 * missing (the repeated 02:00 included). */
static void
test_aggregate_day_needs_every_hour (void)
{
  FbkInstant day = at ("2022-10-30T00:00:00+02:00");

  for (guint missing = 0; missing < 25; missing++)
    {
      g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
      g_autoptr(FbkSeries) days = NULL;
      g_autoptr(GArray) values = hours (day, 25, 1.0, V);
      const FbkInterval *buckets;
      guint length;

      g_array_remove_index (values, missing);
      upsert_array (series, values);
      buckets = aggregate_and_get (series, FBK_RESOLUTION_DAY, day, day + 25 * HOUR, &days, &length);
      g_assert_cmpuint (length, ==, 1);
      g_assert_cmpuint (buckets[0].flags, ==, V);
    }
}

static void
test_aggregate_quarter_hours (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
  g_autoptr(FbkSeries) hourly = NULL;
  g_autoptr(FbkSeries) daily = NULL;
  FbkInstant t0 = at ("2025-10-26T00:00:00+02:00");  /* a 25-hour day */
  const FbkInterval *buckets;
  guint length;

  for (guint q = 0; q < 25 * 4; q++)
    {
      /* hour 3 lacks its last quarter; hour 5 has one unverified quarter */
      FbkInterval quarter = make (t0 + (FbkInstant) q * 900, 900, 0.25 + q / 1000.0,
                                  q == 5 * 4 + 2 ? 0 : V);

      if (q != 3 * 4 + 3)
        fbk_series_upsert (series, &quarter, 1);
    }

  buckets = aggregate_and_get (series, FBK_RESOLUTION_HOUR, G_MININT64, G_MAXINT64, &hourly, &length);
  g_assert_cmpuint (length, ==, 25);
  for (guint h = 0; h < 25; h++)
    {
      double expected = 0.0;
      guint32 expected_flags = V | FBK_INTERVAL_COMPLETE;

      for (guint q = h * 4; q < h * 4 + 4; q++)
        {
          if (q != 3 * 4 + 3)
            expected += 0.25 + q / 1000.0;
        }
      if (h == 3)
        expected_flags = V;
      if (h == 5)
        expected_flags = FBK_INTERVAL_COMPLETE;

      g_assert_cmpint (buckets[h].start, ==, t0 + (FbkInstant) h * HOUR);
      g_assert_cmpuint (buckets[h].duration, ==, HOUR);
      g_assert_cmpfloat_with_epsilon (buckets[h].kwh, expected, 1e-9);
      g_assert_cmpuint (buckets[h].flags, ==, expected_flags);
    }

  buckets = aggregate_and_get (series, FBK_RESOLUTION_DAY, G_MININT64, G_MAXINT64, &daily, &length);
  g_assert_cmpuint (length, ==, 1);
  g_assert_cmpuint (buckets[0].duration, ==, 25 * HOUR);
  g_assert_cmpuint (buckets[0].flags, ==, 0);
}

/* A whole leap year of hours: weeks, months and the year, with durations and
 * sums checked against the calendar and a direct sum. */
static void
test_aggregate_calendar (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
  g_autoptr(FbkSeries) months = NULL;
  g_autoptr(FbkSeries) weeks = NULL;
  g_autoptr(FbkSeries) years = NULL;
  FbkInstant year_start = at ("2024-01-01T00:00:00+01:00");
  FbkInstant year_end = at ("2025-01-01T00:00:00+01:00");
  g_autoptr(GArray) values = hours (year_start, (guint) ((year_end - year_start) / HOUR), 0.5, V);
  const FbkInterval *buckets;
  guint length;
  double total = 0.0;

  g_assert_cmpuint (values->len, ==, 366 * 24);
  upsert_array (series, values);

  buckets = aggregate_and_get (series, FBK_RESOLUTION_MONTH, year_start, year_end, &months, &length);
  g_assert_cmpuint (length, ==, 12);
  for (guint m = 0; m < 12; m++)
    {
      FbkDate first = { 2024, (int) m + 1, 1 };
      FbkInstant start = fbk_time_oslo_midnight (first);
      FbkInstant end = fbk_time_oslo_midnight (fbk_date_add_months (first, 1));

      g_assert_cmpint (buckets[m].start, ==, start);
      g_assert_cmpuint (buckets[m].duration, ==, end - start);
      g_assert_cmpfloat_with_epsilon (buckets[m].kwh, fbk_series_total_kwh (series, start, end), 1e-6);
      g_assert_cmpuint (buckets[m].flags, ==, V | FBK_INTERVAL_COMPLETE);
      total += buckets[m].kwh;
    }
  /* February of a leap year; March loses an hour, October gains one */
  g_assert_cmpuint (buckets[1].duration, ==, 29 * 24 * HOUR);
  g_assert_cmpuint (buckets[2].duration, ==, 31 * 24 * HOUR - HOUR);
  g_assert_cmpuint (buckets[9].duration, ==, 31 * 24 * HOUR + HOUR);
  g_assert_cmpfloat_with_epsilon (total, fbk_series_total_kwh (series, year_start, year_end), 1e-6);

  /* 2024-01-01 is a Monday; 2024-12-30 starts a week that ends in 2025 */
  buckets = aggregate_and_get (series, FBK_RESOLUTION_WEEK, year_start, year_end, &weeks, &length);
  g_assert_cmpuint (length, ==, 53);
  g_assert_cmpint (buckets[0].start, ==, year_start);
  g_assert_cmpuint (buckets[0].flags, ==, V | FBK_INTERVAL_COMPLETE);
  g_assert_cmpint (buckets[52].start, ==, at ("2024-12-30T00:00:00+01:00"));
  g_assert_cmpuint (buckets[52].duration, ==, 7 * 24 * HOUR);
  /* its two days of 2024: 48 values of 0.5 + i / 1000 for i = 8736..8783 */
  g_assert_cmpfloat_with_epsilon (buckets[52].kwh, 48 * 0.5 + (8736 + 8783) * 48 / 2 / 1000.0, 1e-6);
  g_assert_cmpuint (buckets[52].flags, ==, V);  /* only two of its seven days */
  for (guint w = 1; w < 52; w++)
    {
      g_assert_cmpint (buckets[w].start, ==, buckets[w - 1].start + buckets[w - 1].duration);
      g_assert_cmpuint (buckets[w].flags, ==, V | FBK_INTERVAL_COMPLETE);
    }

  buckets = aggregate_and_get (series, FBK_RESOLUTION_YEAR, G_MININT64, G_MAXINT64, &years, &length);
  g_assert_cmpuint (length, ==, 1);
  g_assert_cmpint (buckets[0].start, ==, year_start);
  g_assert_cmpuint (buckets[0].duration, ==, 366 * 24 * HOUR);
  g_assert_cmpuint (buckets[0].flags, ==, V | FBK_INTERVAL_COMPLETE);
  g_assert_cmpfloat_with_epsilon (buckets[0].kwh, total, 1e-6);
}

/* A range cutting a period: the bucket is still the whole period, holds only
 * the values in range, and is not complete. Empty periods get no bucket. */
static void
test_aggregate_partial_and_gaps (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
  g_autoptr(FbkSeries) days = NULL;
  g_autoptr(FbkSeries) months = NULL;
  FbkInstant d1 = at ("2023-05-01T00:00:00+02:00");
  FbkInstant d4 = at ("2023-05-04T00:00:00+02:00");
  g_autoptr(GArray) first = hours (d1, 24, 1.0, V);
  g_autoptr(GArray) fourth = hours (d4, 24, 1.0, 0);
  const FbkInterval *buckets;
  guint length;

  upsert_array (series, first);
  upsert_array (series, fourth);

  buckets = aggregate_and_get (series, FBK_RESOLUTION_DAY, d1, d4 + 24 * HOUR, &days, &length);
  g_assert_cmpuint (length, ==, 2);
  g_assert_cmpint (buckets[0].start, ==, d1);
  g_assert_cmpint (buckets[1].start, ==, d4);
  g_assert_cmpuint (buckets[1].flags, ==, FBK_INTERVAL_COMPLETE);
  g_clear_object (&days);

  /* from 06:00 on the first day: that day keeps 18 values and is partial */
  buckets = aggregate_and_get (series, FBK_RESOLUTION_DAY, d1 + 6 * HOUR, d4 + 12 * HOUR, &days, &length);
  g_assert_cmpuint (length, ==, 2);
  g_assert_cmpint (buckets[0].start, ==, d1);
  g_assert_cmpuint (buckets[0].duration, ==, 24 * HOUR);
  g_assert_cmpfloat_with_epsilon (buckets[0].kwh, 18 + (6 + 23) * 18 / 2 / 1000.0, 1e-9);
  g_assert_cmpuint (buckets[0].flags, ==, V);
  g_assert_cmpfloat_with_epsilon (buckets[1].kwh, 12 + (0 + 11) * 12 / 2 / 1000.0, 1e-9);
  g_assert_cmpuint (buckets[1].flags, ==, 0);

  buckets = aggregate_and_get (series, FBK_RESOLUTION_MONTH, G_MININT64, G_MAXINT64, &months, &length);
  g_assert_cmpuint (length, ==, 1);
  g_assert_cmpint (buckets[0].start, ==, d1);
  g_assert_cmpfloat_with_epsilon (buckets[0].kwh, 48 + 2 * (23 * 24 / 2) / 1000.0, 1e-9);
  g_assert_cmpuint (buckets[0].flags, ==, 0);
}

static void
test_aggregate_empty (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_PRODUCTION);
  g_autoptr(FbkSeries) days = fbk_series_aggregate (series, FBK_RESOLUTION_DAY, G_MININT64, G_MAXINT64);

  g_assert_cmpuint (fbk_series_get_length (days), ==, 0);
  g_assert_cmpint (fbk_series_get_direction (days), ==, FBK_DIRECTION_PRODUCTION);
}

/* Three years of hours to days, weeks and months must be quick: the period
 * maths runs once per bucket. */
static void
test_aggregate_speed (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
  FbkInstant t0 = at ("2023-01-01T00:00:00+01:00");
  g_autoptr(GArray) values = hours (t0, 26304, 1.0, V);
  gint64 begin, elapsed;

  upsert_array (series, values);

  begin = g_get_monotonic_time ();
  for (FbkResolution r = FBK_RESOLUTION_HOUR; r < FBK_N_RESOLUTIONS; r++)
    {
      g_autoptr(FbkSeries) result = fbk_series_aggregate (series, r, G_MININT64, G_MAXINT64);
      g_assert_cmpuint (fbk_series_get_length (result), >, 0);
    }
  elapsed = g_get_monotonic_time () - begin;

  g_test_message ("aggregating %u hours to all five resolutions: %.2f ms", values->len, elapsed / 1000.0);
  g_assert_cmpint (elapsed, <, 200 * 1000 * fbk_test_time_scale ());
}

static void
test_decimate_exact (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
  FbkInstant t0 = at ("2022-03-01T00:00:00+01:00");
  g_autoptr(GArray) day = hours (t0, 24, 1.0, V);
  FbkColumn columns[24];

  g_array_index (day, FbkInterval, 9).flags = 0;
  upsert_array (series, day);

  fbk_series_decimate (series, t0, t0 + 24 * HOUR, 24, columns);
  for (guint i = 0; i < 24; i++)
    {
      g_assert_cmpuint (columns[i].count, ==, 1);
      g_assert_cmpfloat (columns[i].min, ==, 1.0 + i / 1000.0);
      g_assert_cmpfloat (columns[i].max, ==, 1.0 + i / 1000.0);
      g_assert_cmpfloat (columns[i].sum, ==, 1.0 + i / 1000.0);
      g_assert_cmpint (columns[i].verified, ==, i != 9);
    }

  fbk_series_decimate (series, t0, t0 + 24 * HOUR, 4, columns);
  for (guint c = 0; c < 4; c++)
    {
      g_assert_cmpuint (columns[c].count, ==, 6);
      g_assert_cmpfloat (columns[c].min, ==, 1.0 + c * 6 / 1000.0);
      g_assert_cmpfloat (columns[c].max, ==, 1.0 + (c * 6 + 5) / 1000.0);
      g_assert_cmpfloat_with_epsilon (columns[c].sum, 6.0 + (c * 36 + 15) / 1000.0, 1e-9);
      g_assert_cmpint (columns[c].verified, ==, c != 1);
    }

  /* more columns than values: the empty ones say so */
  fbk_series_decimate (series, t0, t0 + 2 * HOUR, 8, columns);
  for (guint c = 0; c < 8; c++)
    {
      g_assert_cmpuint (columns[c].count, ==, c == 0 || c == 4 ? 1 : 0);
      if (columns[c].count == 0)
        {
          g_assert_false (columns[c].verified);
          g_assert_cmpfloat (columns[c].min, ==, 0.0);
          g_assert_cmpfloat (columns[c].max, ==, 0.0);
          g_assert_cmpfloat (columns[c].sum, ==, 0.0);
        }
    }
}

static void
test_decimate_degenerate (void)
{
  g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
  FbkInstant t0 = at ("2022-03-01T00:00:00+01:00");
  g_autoptr(GArray) day = hours (t0, 24, 1.0, V);
  FbkColumn columns[7];

  upsert_array (series, day);
  fbk_series_decimate (series, t0, t0 + 24 * HOUR, 0, NULL);

  /* stale data in the caller's buffer is cleared */
  memset (columns, 0xff, sizeof columns);
  fbk_series_decimate (series, t0 + HOUR, t0 + HOUR, 7, columns);
  for (guint c = 0; c < 7; c++)
    g_assert_cmpuint (columns[c].count, ==, 0);

  /* the widest possible range does not overflow: everything lands in the
   * middle column of seven */
  fbk_series_decimate (series, G_MININT64 + 1, G_MAXINT64, 7, columns);
  for (guint c = 0; c < 7; c++)
    g_assert_cmpuint (columns[c].count, ==, c == 3 ? 24 : 0);
  g_assert_cmpfloat (columns[3].min, ==, 1.0);
  g_assert_cmpfloat (columns[3].max, ==, 1.023);
}

/* Column i holds the starts s with floor((s - from) * n / span) == i; check
 * against that formula for random data, widths and ranges. */
static void
test_decimate_against_formula (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  FbkInstant t0 = at ("2024-03-31T00:00:00+01:00");

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(FbkSeries) series = fbk_series_new ("1", FBK_DIRECTION_CONSUMPTION);
      guint n_values = (guint) g_rand_int_range (rand, 0, 500);
      guint n_columns = (guint) g_rand_int_range (rand, 1, 300);
      FbkInstant from = t0 + g_rand_int_range (rand, -50, 50) * 600 + g_rand_int_range (rand, 0, 600);
      FbkInstant to = from + g_rand_int_range (rand, 1, 400 * HOUR);
      g_autofree FbkColumn *columns = g_new (FbkColumn, n_columns);
      g_autofree FbkColumn *expected = g_new0 (FbkColumn, n_columns);
      guint length;
      const FbkInterval *values;

      for (guint i = 0; i < n_values; i++)
        {
          FbkInterval value = make (t0 + (FbkInstant) i * 900, 900, g_rand_double_range (rand, -1, 10),
                                    g_rand_int_range (rand, 0, 10) == 0 ? 0 : V);
          fbk_series_upsert (series, &value, 1);
        }

      values = fbk_series_get_intervals (series, &length);
      for (guint i = 0; i < length; i++)
        {
          FbkColumn *column;
          gboolean verified = (values[i].flags & V) != 0;

          if (values[i].start < from || values[i].start >= to)
            continue;
          column = &expected[(values[i].start - from) * (gint64) n_columns / (to - from)];
          column->min = column->count == 0 ? values[i].kwh : MIN (column->min, values[i].kwh);
          column->max = column->count == 0 ? values[i].kwh : MAX (column->max, values[i].kwh);
          column->verified = column->count == 0 ? verified : column->verified && verified;
          column->sum += values[i].kwh;
          column->count++;
        }

      fbk_series_decimate (series, from, to, n_columns, columns);
      for (guint c = 0; c < n_columns; c++)
        {
          g_assert_cmpuint (columns[c].count, ==, expected[c].count);
          g_assert_cmpfloat (columns[c].min, ==, expected[c].min);
          g_assert_cmpfloat (columns[c].max, ==, expected[c].max);
          g_assert_cmpfloat (columns[c].sum, ==, expected[c].sum);
          g_assert_cmpint (columns[c].verified, ==, expected[c].verified);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series/new", test_new);
  g_test_add_func ("/series/direction-strings", test_direction_strings);
  g_test_add_func ("/series/upsert/orders", test_upsert_orders);
  g_test_add_func ("/series/upsert/verified-rules", test_upsert_verified_rules);
  g_test_add_func ("/series/upsert/nothing", test_upsert_nothing);
  g_test_add_func ("/series/upsert/duplicates-in-batch", test_upsert_duplicates_in_batch);
  g_test_add_func ("/series/upsert/against-model", test_upsert_against_model);
  g_test_add_func ("/series/upsert/bulk", test_upsert_bulk);
  g_test_add_func ("/series/get-range", test_get_range);
  g_test_add_func ("/series/total", test_total);
  g_test_add_func ("/series/aggregate/days-dst", test_aggregate_days_dst);
  g_test_add_func ("/series/aggregate/day-needs-every-hour", test_aggregate_day_needs_every_hour);
  g_test_add_func ("/series/aggregate/quarter-hours", test_aggregate_quarter_hours);
  g_test_add_func ("/series/aggregate/calendar", test_aggregate_calendar);
  g_test_add_func ("/series/aggregate/partial-and-gaps", test_aggregate_partial_and_gaps);
  g_test_add_func ("/series/aggregate/empty", test_aggregate_empty);
  g_test_add_func ("/series/aggregate/speed", test_aggregate_speed);
  g_test_add_func ("/series/decimate/exact", test_decimate_exact);
  g_test_add_func ("/series/decimate/degenerate", test_decimate_degenerate);
  g_test_add_func ("/series/decimate/against-formula", test_decimate_against_formula);

  return g_test_run ();
}
