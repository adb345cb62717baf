/* fbk-series.c: one metering point's values in one direction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-series"

#include "config.h"

#include <string.h>

#include "fbk-series.h"

struct _FbkSeries
{
  GObject       parent_instance;

  char         *metering_point_id;
  FbkDirection  direction;
  /* FbkInterval, sorted by start, at most one per start instant */
  GArray       *intervals;
};

G_DEFINE_FINAL_TYPE (FbkSeries, fbk_series, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FbkDirection, fbk_direction,
  G_DEFINE_ENUM_VALUE (FBK_DIRECTION_CONSUMPTION, "consumption"),
  G_DEFINE_ENUM_VALUE (FBK_DIRECTION_PRODUCTION, "production"))

enum {
  PROP_0,
  PROP_METERING_POINT_ID,
  PROP_DIRECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const direction_names[] = { "consumption", "production" };

static void
fbk_series_finalize (GObject *object)
{
  FbkSeries *self = (FbkSeries *) object;

  g_clear_pointer (&self->metering_point_id, g_free);
  g_clear_pointer (&self->intervals, g_array_unref);

  G_OBJECT_CLASS (fbk_series_parent_class)->finalize (object);
}

static void
fbk_series_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FbkSeries *self = FBK_SERIES (object);

  switch (prop_id)
    {
    case PROP_METERING_POINT_ID:
      g_value_set_string (value, self->metering_point_id);
      break;
    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_series_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  FbkSeries *self = FBK_SERIES (object);

  switch (prop_id)
    {
    case PROP_METERING_POINT_ID:
      self->metering_point_id = g_value_dup_string (value);
      break;
    case PROP_DIRECTION:
      self->direction = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_series_class_init (FbkSeriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fbk_series_finalize;
  object_class->get_property = fbk_series_get_property;
  object_class->set_property = fbk_series_set_property;

  properties[PROP_METERING_POINT_ID] =
    g_param_spec_string ("metering-point-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL,
                       FBK_TYPE_DIRECTION,
                       FBK_DIRECTION_CONSUMPTION,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fbk_series_init (FbkSeries *self)
{
  self->intervals = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
}

FbkSeries *
fbk_series_new (const char   *metering_point_id,
                FbkDirection  direction)
{
  g_return_val_if_fail (metering_point_id != NULL, NULL);

  return g_object_new (FBK_TYPE_SERIES,
                       "metering-point-id", metering_point_id,
                       "direction", direction,
                       NULL);
}

const char *
fbk_series_get_metering_point_id (FbkSeries *self)
{
  g_return_val_if_fail (FBK_IS_SERIES (self), NULL);

  return self->metering_point_id;
}

FbkDirection
fbk_series_get_direction (FbkSeries *self)
{
  g_return_val_if_fail (FBK_IS_SERIES (self), FBK_DIRECTION_CONSUMPTION);

  return self->direction;
}

guint
fbk_series_get_length (FbkSeries *self)
{
  g_return_val_if_fail (FBK_IS_SERIES (self), 0);

  return self->intervals->len;
}

/**
 * fbk_series_get_intervals:
 * @out_length: (out): the number of intervals
 *
 * Returns: (transfer none): all intervals, sorted by start; valid until the
 *   next fbk_series_upsert()
 */
const FbkInterval *
fbk_series_get_intervals (FbkSeries *self,
                          guint     *out_length)
{
  g_return_val_if_fail (FBK_IS_SERIES (self), NULL);
  g_return_val_if_fail (out_length != NULL, NULL);

  *out_length = self->intervals->len;
  return (const FbkInterval *) (gpointer) self->intervals->data;
}

/* The index of the first interval starting at or after @instant. */
static guint
lower_bound (const FbkInterval *intervals,
             guint              length,
             FbkInstant         instant)
{
  guint low = 0;
  guint high = length;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (intervals[middle].start < instant)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

/**
 * fbk_series_get_range:
 * @out_length: (out): the number of intervals in the range
 *
 * Returns: (transfer none) (nullable): the intervals starting in
 *   [@from, @to), sorted by start, or %NULL when there are none; valid until
 *   the next fbk_series_upsert()
 */
const FbkInterval *
fbk_series_get_range (FbkSeries  *self,
                      FbkInstant  from,
                      FbkInstant  to,
                      guint      *out_length)
{
  const FbkInterval *intervals;
  guint first;
  guint last;

  g_return_val_if_fail (FBK_IS_SERIES (self), NULL);
  g_return_val_if_fail (out_length != NULL, NULL);

  intervals = (const FbkInterval *) (gpointer) self->intervals->data;
  first = lower_bound (intervals, self->intervals->len, from);
  last = from < to ? lower_bound (intervals, self->intervals->len, to) : first;

  *out_length = last - first;
  return last > first ? intervals + first : NULL;
}

/**
 * fbk_interval_replaces:
 *
 * Whether @incoming takes the place of @stored, a value of the same start.
 * Elvia sends today's values unverified and sends them again, verified, the
 * next morning; a late unverified copy must not undo that. Otherwise the
 * newer answer wins, so a corrected value replaces the old one. The store
 * keeps the same rule in SQL (fbk-store-db.c).
 */
gboolean
fbk_interval_replaces (const FbkInterval *stored,
                       const FbkInterval *incoming)
{
  return (incoming->flags & FBK_INTERVAL_VERIFIED) != 0 ||
         (stored->flags & FBK_INTERVAL_VERIFIED) == 0;
}

static inline gboolean
same_content (const FbkInterval *a,
              const FbkInterval *b)
{
  return a->duration == b->duration && a->flags == b->flags && a->kwh == b->kwh;
}

/* For g_qsort_with_data() on FbkInterval: by start. */
int
fbk_interval_compare_start (gconstpointer a,
                            gconstpointer b,
                            gpointer      user_data)
{
  const FbkInterval *ia = a;
  const FbkInterval *ib = b;

  return (ia->start > ib->start) - (ia->start < ib->start);
}

static gboolean
is_strictly_sorted (const FbkInterval *intervals,
                    guint              n_intervals)
{
  for (guint i = 1; i < n_intervals; i++)
    {
      if (intervals[i - 1].start >= intervals[i].start)
        return FALSE;
    }

  return TRUE;
}

/**
 * fbk_intervals_normalize:
 * @intervals: (element-type FbkInterval): values in any order
 *
 * Sorts @intervals by start and folds repeated starts in their order, as if
 * they had been upserted one by one (fbk_interval_replaces()).
 * Intervals already in order, as the API sends them, cost one pass.
 */
void
fbk_intervals_normalize (GArray *intervals)
{
  FbkInterval *data = (FbkInterval *) (gpointer) intervals->data;
  guint kept = 0;

  if (is_strictly_sorted (data, intervals->len))
    return;

  /* g_qsort_with_data() is stable, so "later in order" survives it. */
  g_qsort_with_data (data, (gint) intervals->len, sizeof (FbkInterval), fbk_interval_compare_start, NULL);

  for (guint i = 0; i < intervals->len; i++)
    {
      if (kept > 0 && data[kept - 1].start == data[i].start)
        {
          if (fbk_interval_replaces (&data[kept - 1], &data[i]))
            data[kept - 1] = data[i];
        }
      else
        data[kept++] = data[i];
    }

  g_array_set_size (intervals, kept);
}

/**
 * fbk_series_upsert:
 * @intervals: (array length=n_intervals): values in any order
 *
 * Inserts the intervals whose start is new and replaces stored ones with the
 * same start where the incoming value may replace them: a verified value
 * replaces anything, an unverified one only an unverified one. Nothing is
 * ever removed, so an empty answer from the API changes nothing.
 *
 * A batch sorted by start (as the API sends it) is merged in one pass over
 * the batch and the stored intervals from its first start on, growing the
 * array once.
 *
 * Returns: how many intervals were added or got a different value
 */
guint
fbk_series_upsert (FbkSeries         *self,
                   const FbkInterval *intervals,
                   guint              n_intervals)
{
  g_autoptr(GArray) sorted = NULL;
  const FbkInterval *batch = intervals;
  FbkInterval *data;
  guint n_stored;
  guint first;
  guint added = 0;
  guint changed = 0;
  gssize read, write, next;

  g_return_val_if_fail (FBK_IS_SERIES (self), 0);
  g_return_val_if_fail (intervals != NULL || n_intervals == 0, 0);

  if (n_intervals == 0)
    return 0;

  if (!is_strictly_sorted (intervals, n_intervals))
    {
      sorted = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), n_intervals);
      g_array_append_vals (sorted, intervals, n_intervals);
      fbk_intervals_normalize (sorted);
      batch = (const FbkInterval *) (gpointer) sorted->data;
      n_intervals = sorted->len;
    }

  data = (FbkInterval *) (gpointer) self->intervals->data;
  n_stored = self->intervals->len;
  first = lower_bound (data, n_stored, batch[0].start);

  /* First pass: count the new starts so the array grows only once. */
  for (guint i = first, j = 0; j < n_intervals; j++)
    {
      while (i < n_stored && data[i].start < batch[j].start)
        i++;

      if (i < n_stored && data[i].start == batch[j].start)
        {
          if (fbk_interval_replaces (&data[i], &batch[j]) && !same_content (&data[i], &batch[j]))
            changed++;
          i++;
        }
      else
        added++;
    }

  if (added == 0 && changed == 0)
    return 0;

  /* Second pass: merge from the back, so every stored interval moves at most
   * once and nothing before the batch's first start is touched. */
  g_array_set_size (self->intervals, n_stored + added);
  data = (FbkInterval *) (gpointer) self->intervals->data;
  read = (gssize) n_stored - 1;
  write = (gssize) (n_stored + added) - 1;
  next = (gssize) n_intervals - 1;

  while (next >= 0)
    {
      if (read >= (gssize) first && data[read].start > batch[next].start)
        data[write--] = data[read--];
      else if (read >= (gssize) first && data[read].start == batch[next].start)
        {
          data[write--] = fbk_interval_replaces (&data[read], &batch[next]) ? batch[next] : data[read];
          read--;
          next--;
        }
      else
        data[write--] = batch[next--];
    }

  return added + changed;
}

/* Sums the intervals starting in [@from, @to) into buckets of @resolution
 * (see fbk_series_get_buckets()). */
static void
fill_buckets (FbkSeries     *self,
              FbkResolution  resolution,
              FbkInstant     from,
              FbkInstant     to,
              GArray        *out_buckets)
{
  guint length;
  const FbkInterval *range = fbk_series_get_range (self, from, to, &length);
  FbkBucket bucket = { 0 };

  for (guint i = 0; i < length; i++)
    {
      const FbkInterval *interval = &range[i];

      /* Period boundaries are worked out once per bucket, not per value. */
      if (i == 0 || interval->start >= bucket.end)
        {
          if (i > 0)
            g_array_append_val (out_buckets, bucket);

          bucket.start = fbk_time_period_start (interval->start, resolution);
          bucket.end = fbk_time_period_next (bucket.start, resolution);
          bucket.covered_from = interval->start;
          bucket.covered_seconds = 0;
          bucket.flags = FBK_INTERVAL_VERIFIED;
          bucket.kwh = 0.0;
        }

      bucket.kwh += interval->kwh;
      if ((interval->flags & FBK_INTERVAL_VERIFIED) == 0)
        bucket.flags &= ~FBK_INTERVAL_VERIFIED;
      bucket.covered_to = MIN (fbk_interval_end (interval), bucket.end);
      bucket.covered_seconds += (guint32) (bucket.covered_to - interval->start);
      if (bucket.covered_seconds >= bucket.end - bucket.start)
        bucket.flags |= FBK_INTERVAL_COMPLETE;
    }

  if (length > 0)
    g_array_append_val (out_buckets, bucket);
}

/**
 * fbk_series_get_buckets:
 * @resolution: the bucket size
 *
 * Sums the intervals starting in [@from, @to) into buckets of Oslo calendar
 * periods (hours, days, ISO weeks, months, years), each telling what its
 * values cover. A bucket is the whole period, even where [@from, @to) cuts
 * it; only values inside the range count, so such a bucket, like one with
 * hours missing, is not %FBK_INTERVAL_COMPLETE (see FbkBucket). Periods
 * without any value get no bucket: unknown is not zero.
 *
 * Returns: (transfer full) (element-type FbkBucket): the buckets, by start
 */
GArray *
fbk_series_get_buckets (FbkSeries     *self,
                        FbkResolution  resolution,
                        FbkInstant     from,
                        FbkInstant     to)
{
  GArray *buckets;

  g_return_val_if_fail (FBK_IS_SERIES (self), NULL);
  g_return_val_if_fail (resolution < FBK_N_RESOLUTIONS, NULL);

  buckets = g_array_new (FALSE, FALSE, sizeof (FbkBucket));
  fill_buckets (self, resolution, from, to, buckets);
  return buckets;
}

/**
 * fbk_series_aggregate:
 * @resolution: the bucket size
 *
 * The buckets of fbk_series_get_buckets() as a series of intervals, each
 * the whole period: %FBK_INTERVAL_VERIFIED when every value in it is, and
 * %FBK_INTERVAL_COMPLETE when its values cover its whole duration (23 hours
 * on the day clocks go forward, 25 on the day they go back).
 *
 * Returns: (transfer full): a new series of the same metering point and
 *   direction holding the buckets
 */
FbkSeries *
fbk_series_aggregate (FbkSeries     *self,
                      FbkResolution  resolution,
                      FbkInstant     from,
                      FbkInstant     to)
{
  g_autoptr(GArray) buckets = NULL;
  FbkSeries *result;

  g_return_val_if_fail (FBK_IS_SERIES (self), NULL);
  g_return_val_if_fail (resolution < FBK_N_RESOLUTIONS, NULL);

  buckets = g_array_new (FALSE, FALSE, sizeof (FbkBucket));
  fill_buckets (self, resolution, from, to, buckets);

  result = fbk_series_new (self->metering_point_id, self->direction);
  g_array_set_size (result->intervals, buckets->len);
  for (guint i = 0; i < buckets->len; i++)
    {
      const FbkBucket *bucket = &g_array_index (buckets, FbkBucket, i);
      FbkInterval *interval = &g_array_index (result->intervals, FbkInterval, i);

      interval->start = bucket->start;
      interval->duration = (guint32) (bucket->end - bucket->start);
      interval->flags = bucket->flags;
      interval->kwh = bucket->kwh;
    }

  return result;
}

/**
 * fbk_series_total_kwh:
 *
 * Returns: the sum of the values starting in [@from, @to)
 */
double
fbk_series_total_kwh (FbkSeries  *self,
                      FbkInstant  from,
                      FbkInstant  to)
{
  const FbkInterval *range;
  guint length;
  double total = 0.0;

  g_return_val_if_fail (FBK_IS_SERIES (self), 0.0);

  range = fbk_series_get_range (self, from, to, &length);
  for (guint i = 0; i < length; i++)
    total += range[i].kwh;

  return total;
}

static inline guint64
column_boundary (guint64 quotient,
                 guint64 remainder,
                 guint   n_columns,
                 guint   index)
{
  return quotient * index + (remainder * index + n_columns - 1) / n_columns;
}

/**
 * fbk_series_decimate:
 * @n_columns: the number of columns, typically the chart's width in pixels
 * @out_columns: (out caller-allocates) (array length=n_columns): the columns
 *
 * Splits [@from, @to) into @n_columns columns of equal share (to the second)
 * and reports for each the minimum, maximum, sum and count of the values
 * starting in it, so a chart can draw any number of values in one pass per
 * column. Takes time linear in the values and columns and allocates nothing.
 */
void
fbk_series_decimate (FbkSeries  *self,
                     FbkInstant  from,
                     FbkInstant  to,
                     guint       n_columns,
                     FbkColumn  *out_columns)
{
  const FbkInterval *range;
  guint length;
  guint64 span, quotient, remainder;
  guint64 column_end;
  guint column = 0;

  g_return_if_fail (FBK_IS_SERIES (self));
  g_return_if_fail (out_columns != NULL || n_columns == 0);

  if (n_columns == 0)
    return;

  memset (out_columns, 0, n_columns * sizeof (FbkColumn));
  if (from >= to)
    return;

  /* Column i is [span·i/n, span·(i+1)/n) after @from, in exact fractions;
   * the first whole second after it is ceil(span·(i+1)/n), computed from
   * quotient and remainder so it cannot overflow. */
  span = (guint64) to - (guint64) from;
  quotient = span / n_columns;
  remainder = span % n_columns;
  column_end = column_boundary (quotient, remainder, n_columns, 1);

  range = fbk_series_get_range (self, from, to, &length);

  for (guint i = 0; i < length; i++)
    {
      guint64 offset = (guint64) range[i].start - (guint64) from;
      gboolean verified = (range[i].flags & FBK_INTERVAL_VERIFIED) != 0;
      double kwh = range[i].kwh;
      FbkColumn *out;

      while (offset >= column_end)
        {
          column++;
          column_end = column_boundary (quotient, remainder, n_columns, column + 1);
        }

      out = &out_columns[column];
      if (out->count == 0)
        {
          out->min = out->max = kwh;
          out->verified = verified;
        }
      else
        {
          out->min = MIN (out->min, kwh);
          out->max = MAX (out->max, kwh);
          out->verified = out->verified && verified;
        }
      out->sum += kwh;
      out->count++;
    }
}

const char *
fbk_direction_to_string (FbkDirection direction)
{
  g_return_val_if_fail (direction < G_N_ELEMENTS (direction_names), NULL);

  return direction_names[direction];
}

gboolean
fbk_direction_from_string (const char   *text,
                           FbkDirection *out_direction)
{
  g_return_val_if_fail (out_direction != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (direction_names); i++)
    {
      if (g_strcmp0 (text, direction_names[i]) == 0)
        {
          *out_direction = (FbkDirection) i;
          return TRUE;
        }
    }

  return FALSE;
}
