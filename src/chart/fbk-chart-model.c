/* fbk-chart-model.c: what a chart shows, prepared for fast drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-model"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-model-private.h"

/* Buckets per block of the range-maximum index: a query over any range
 * touches at most 2 * BLOCK buckets plus one entry per block. */
#define BLOCK 64

typedef struct
{
  char         *label;
  FbkDirection  direction;
  guint         colour_slot;
  /* Never changed in place (new data replaces the array), so copies of the
   * model can share it, even across threads. */
  GArray       *buckets;
  GArray       *covered;     /* guint32 seconds per bucket given; NULL: each covers its duration */

  /* Laid onto the model's bucket grid; NULL until prepared. */
  double       *values;
  double       *tops;
  double       *sums;        /* n + 1 prefix sums of values */
  guint        *unverified;  /* n + 1 prefix counts of unverified buckets */
  guint8       *flags;
  guint32      *missing;     /* seconds expected without a value; NULL unless the model expects */
  gint64       *missing_sums; /* n + 1 prefix sums of missing */
  double       *block_value; /* per block: max of values */
  double       *block_top;   /* per block: max of tops */
} Series;

struct _FbkChartModel
{
  GObject              parent_instance;

  char                *title;
  FbkChartUnit         unit;
  FbkResolution        resolution;
  FbkInstant           from;
  FbkInstant           to;
  GPtrArray           *series;
  GPtrArray           *layers;
  /* Values are expected for every hour of the period before this; later
   * ones are not in yet. FBK_INSTANT_INVALID: the model knows nothing of
   * what is missing. */
  FbkInstant           expected_until;

  /* Derived from the above, rebuilt lazily after any change. */
  GArray              *edges;
  guint                n_buckets;
  FbkChartDecimation  *decimation;
  guint                prepared : 1;
};

G_DEFINE_FINAL_TYPE (FbkChartModel, fbk_chart_model, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FbkChartUnit, fbk_chart_unit,
  G_DEFINE_ENUM_VALUE (FBK_CHART_UNIT_KWH, "kwh"),
  G_DEFINE_ENUM_VALUE (FBK_CHART_UNIT_KW, "kw"),
  G_DEFINE_ENUM_VALUE (FBK_CHART_UNIT_KR, "kr"))

enum {
  PROP_0,
  PROP_TITLE,
  PROP_UNIT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static void
series_clear_derived (Series *series)
{
  g_clear_pointer (&series->values, g_free);
  g_clear_pointer (&series->tops, g_free);
  g_clear_pointer (&series->sums, g_free);
  g_clear_pointer (&series->unverified, g_free);
  g_clear_pointer (&series->flags, g_free);
  g_clear_pointer (&series->missing, g_free);
  g_clear_pointer (&series->missing_sums, g_free);
  g_clear_pointer (&series->block_value, g_free);
  g_clear_pointer (&series->block_top, g_free);
}

static void
series_free (Series *series)
{
  series_clear_derived (series);
  g_clear_pointer (&series->label, g_free);
  g_clear_pointer (&series->buckets, g_array_unref);
  g_clear_pointer (&series->covered, g_array_unref);
  g_free (series);
}

static GArray *
buckets_new (const FbkInterval *buckets,
             guint              n_buckets)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), n_buckets);

  if (n_buckets > 0)
    g_array_append_vals (array, buckets, n_buckets);

  return array;
}

static void
decimation_free (FbkChartDecimation *decimation)
{
  g_free (decimation->columns);
  g_free (decimation);
}

static Series *
get_series (FbkChartModel *self,
            guint          index)
{
  g_assert (index < self->series->len);

  return g_ptr_array_index (self->series, index);
}

static void
invalidate (FbkChartModel *self)
{
  for (guint i = 0; i < self->series->len; i++)
    series_clear_derived (get_series (self, i));

  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->decimation, decimation_free);
  self->n_buckets = 0;
  self->prepared = FALSE;
}

static void
emit_changed (FbkChartModel *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Index of the bucket holding @instant, or -1 outside the grid. */
static gssize
bucket_index (const FbkInstant *edges,
              guint             n_buckets,
              FbkInstant        instant)
{
  guint lo = 0;
  guint hi = n_buckets;

  if (n_buckets == 0 || instant < edges[0] || instant >= edges[n_buckets])
    return -1;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (edges[mid] <= instant)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

static void
prepare_edges (FbkChartModel *self)
{
  self->edges = g_array_new (FALSE, FALSE, sizeof (FbkInstant));

  if (self->from < self->to)
    {
      FbkInstant edge = fbk_time_period_start (self->from, self->resolution);

      g_array_append_val (self->edges, edge);
      while (edge < self->to)
        {
          edge = fbk_time_period_next (edge, self->resolution);
          g_array_append_val (self->edges, edge);
        }
    }

  self->n_buckets = self->edges->len > 0 ? self->edges->len - 1 : 0;
}

/* The part of bucket @index values are expected for: the period's part of
 * it, up to where values are in. */
static void
expected_span (FbkChartModel *self,
               guint          index,
               FbkInstant    *out_from,
               FbkInstant    *out_to)
{
  const FbkInstant *edges = (const FbkInstant *) (gpointer) self->edges->data;

  *out_from = MAX (edges[index], self->from);
  *out_to = MAX (*out_from, MIN (edges[index + 1], MIN (self->to, self->expected_until)));
}

/* What each bucket lacks of what it should hold: the seconds without a
 * value, and whether its bar is less than the whole bucket (cut by the
 * period, or by values not in yet, or with hours missing). */
static void
prepare_coverage (FbkChartModel *self,
                  Series        *series)
{
  const FbkInstant *edges = (const FbkInstant *) (gpointer) self->edges->data;
  guint n = self->n_buckets;
  g_autofree gint64 *covered = g_new0 (gint64, n);

  for (guint i = 0; i < series->buckets->len; i++)
    {
      const FbkInterval *interval = &g_array_index (series->buckets, FbkInterval, i);
      gssize index = bucket_index (edges, n, interval->start);

      if (index >= 0 && isfinite (interval->kwh))
        covered[index] += series->covered != NULL ? g_array_index (series->covered, guint32, i) : interval->duration;
    }

  series->missing = g_new0 (guint32, n);
  series->missing_sums = g_new0 (gint64, n + 1);
  for (guint i = 0; i < n; i++)
    {
      FbkInstant from, to;

      expected_span (self, i, &from, &to);
      series->missing[i] = (guint32) MAX (0, (to - from) - covered[i]);
      series->missing_sums[i + 1] = series->missing_sums[i] + series->missing[i];
      if ((series->flags[i] & FBK_CHART_BUCKET_PRESENT) &&
          (series->missing[i] > 0 || from > edges[i] || to < edges[i + 1]))
        series->flags[i] |= FBK_CHART_BUCKET_PARTIAL;
    }
}

static void
prepare_series (FbkChartModel *self,
                Series        *series,
                const double  *below_tops)
{
  const FbkInstant *edges = (const FbkInstant *) (gpointer) self->edges->data;
  guint n = self->n_buckets;
  guint n_blocks = (n + BLOCK - 1) / BLOCK;

  series->values = g_new0 (double, n);
  series->tops = g_new0 (double, n);
  series->sums = g_new0 (double, n + 1);
  series->unverified = g_new0 (guint, n + 1);
  series->flags = g_new0 (guint8, n);
  series->block_value = g_new0 (double, n_blocks);
  series->block_top = g_new0 (double, n_blocks);

  for (guint i = 0; i < series->buckets->len; i++)
    {
      const FbkInterval *interval = &g_array_index (series->buckets, FbkInterval, i);
      gssize index = bucket_index (edges, n, interval->start);
      guint8 interval_flags = interval->flags & (FBK_INTERVAL_VERIFIED | FBK_INTERVAL_COMPLETE);

      if (index < 0 || !isfinite (interval->kwh))
        continue;

      series->values[index] += interval->kwh;
      if (series->flags[index] & FBK_CHART_BUCKET_PRESENT)
        series->flags[index] &= interval_flags | FBK_CHART_BUCKET_PRESENT;
      else
        series->flags[index] = interval_flags | FBK_CHART_BUCKET_PRESENT;
    }

  if (self->expected_until != FBK_INSTANT_INVALID)
    prepare_coverage (self, series);

  for (guint i = 0; i < n; i++)
    {
      gboolean unverified = (series->flags[i] & FBK_CHART_BUCKET_PRESENT) &&
                            !(series->flags[i] & FBK_INTERVAL_VERIFIED);
      guint block = i / BLOCK;

      series->tops[i] = series->values[i] + (below_tops != NULL ? below_tops[i] : 0.0);
      series->sums[i + 1] = series->sums[i] + series->values[i];
      series->unverified[i + 1] = series->unverified[i] + (unverified ? 1 : 0);
      series->block_value[block] = MAX (series->block_value[block], series->values[i]);
      series->block_top[block] = MAX (series->block_top[block], series->tops[i]);
    }
}

/* Everything drawing needs over and over is computed here once per change
 * of data, not per frame: the grid, per-bucket stacked tops, prefix sums
 * for totals of any range, and a blocked index for the maximum of any
 * range. */
static void
ensure_prepared (FbkChartModel *self)
{
  const double *below[2] = { NULL, NULL };

  if (self->prepared)
    return;

  prepare_edges (self);

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = get_series (self, i);

      prepare_series (self, series, below[series->direction]);
      below[series->direction] = series->tops;
    }

  self->prepared = TRUE;
}

static double
range_max (const double *per_bucket,
           const double *per_block,
           guint         first,
           guint         end)
{
  double max = 0.0;
  guint i = first;

  for (; i < end && i % BLOCK != 0; i++)
    max = MAX (max, per_bucket[i]);
  for (; i + BLOCK <= end; i += BLOCK)
    max = MAX (max, per_block[i / BLOCK]);
  for (; i < end; i++)
    max = MAX (max, per_bucket[i]);

  return max;
}

static void
build_decimation (FbkChartModel      *self,
                  FbkChartDecimation *decimation)
{
  guint n = self->n_buckets;
  guint k = decimation->buckets_per_column;

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = get_series (self, s);
      FbkChartColumn *columns = &decimation->columns[s * decimation->n_columns];

      for (guint c = 0; c < decimation->n_columns; c++)
        {
          FbkChartColumn *column = &columns[c];
          guint first = c * k;
          guint end = MIN (first + k, n);
          guint8 flags = FBK_INTERVAL_VERIFIED;
          double lo_value = G_MAXDOUBLE, hi_value = -G_MAXDOUBLE;
          double lo_top = G_MAXDOUBLE, hi_top = -G_MAXDOUBLE;

          for (guint i = first; i < end; i++)
            {
              lo_value = MIN (lo_value, series->values[i]);
              hi_value = MAX (hi_value, series->values[i]);
              lo_top = MIN (lo_top, series->tops[i]);
              hi_top = MAX (hi_top, series->tops[i]);
              if (series->flags[i] & FBK_CHART_BUCKET_PRESENT)
                flags = (flags & series->flags[i]) | FBK_CHART_BUCKET_PRESENT;
            }

          column->lo_value = (float) lo_value;
          column->hi_value = (float) hi_value;
          column->lo_top = (float) lo_top;
          column->hi_top = (float) hi_top;
          column->flags = flags & (FBK_CHART_BUCKET_PRESENT | FBK_INTERVAL_VERIFIED);
        }
    }
}

/* GObject */

static void
fbk_chart_model_finalize (GObject *object)
{
  FbkChartModel *self = (FbkChartModel *) object;

  invalidate (self);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->layers, g_ptr_array_unref);

  G_OBJECT_CLASS (fbk_chart_model_parent_class)->finalize (object);
}

static void
fbk_chart_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FbkChartModel *self = FBK_CHART_MODEL (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_UNIT:
      g_value_set_enum (value, self->unit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_chart_model_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FbkChartModel *self = FBK_CHART_MODEL (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      fbk_chart_model_set_title (self, g_value_get_string (value));
      break;

    case PROP_UNIT:
      fbk_chart_model_set_unit (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_chart_model_class_init (FbkChartModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fbk_chart_model_finalize;
  object_class->get_property = fbk_chart_model_get_property;
  object_class->set_property = fbk_chart_model_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UNIT] =
    g_param_spec_enum ("unit", NULL, NULL,
                       FBK_TYPE_CHART_UNIT,
                       FBK_CHART_UNIT_KWH,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FbkChartModel::changed:
   *
   * Emitted after anything the chart shows has changed: data, period,
   * labels, unit or layers. A view redraws.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
fbk_chart_model_init (FbkChartModel *self)
{
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  self->resolution = FBK_RESOLUTION_HOUR;
  self->unit = FBK_CHART_UNIT_KWH;
  self->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) fbk_chart_layer_unref);
  self->expected_until = FBK_INSTANT_INVALID;
}

/* Public API */

FbkChartModel *
fbk_chart_model_new (void)
{
  return g_object_new (FBK_TYPE_CHART_MODEL, NULL);
}

/**
 * fbk_chart_model_copy:
 *
 * A model is used from one thread at a time (drawing fills its caches).
 * To draw elsewhere, for example to export in a worker thread, hand over a
 * copy: it shares the bucket arrays and rebuilds its own caches.
 *
 * Returns: (transfer full): a new model with the same content
 */
FbkChartModel *
fbk_chart_model_copy (FbkChartModel *self)
{
  FbkChartModel *copy;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), NULL);

  copy = fbk_chart_model_new ();
  copy->title = g_strdup (self->title);
  copy->unit = self->unit;
  copy->resolution = self->resolution;
  copy->from = self->from;
  copy->to = self->to;
  copy->expected_until = self->expected_until;

  for (guint i = 0; i < self->series->len; i++)
    {
      const Series *series = get_series (self, i);
      Series *twin = g_new0 (Series, 1);

      twin->label = g_strdup (series->label);
      twin->direction = series->direction;
      twin->colour_slot = series->colour_slot;
      twin->buckets = g_array_ref (series->buckets);
      twin->covered = series->covered != NULL ? g_array_ref (series->covered) : NULL;
      g_ptr_array_add (copy->series, twin);
    }

  /* Layers never change once made: the copy shares them. */
  for (guint i = 0; i < self->layers->len; i++)
    g_ptr_array_add (copy->layers, fbk_chart_layer_ref (g_ptr_array_index (self->layers, i)));

  return copy;
}

/**
 * fbk_chart_model_set_period:
 *
 * Sets the bucket grid: the Oslo periods of @resolution covering
 * [@from, @to). Values outside it are ignored.
 */
void
fbk_chart_model_set_period (FbkChartModel *self,
                            FbkResolution  resolution,
                            FbkInstant     from,
                            FbkInstant     to)
{
  g_return_if_fail (FBK_IS_CHART_MODEL (self));
  g_return_if_fail (resolution < FBK_N_RESOLUTIONS);
  g_return_if_fail (from <= to);

  if (self->resolution == resolution && self->from == from && self->to == to)
    return;

  self->resolution = resolution;
  self->from = from;
  self->to = to;
  invalidate (self);
  emit_changed (self);
}

FbkResolution
fbk_chart_model_get_resolution (FbkChartModel *self)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), FBK_RESOLUTION_HOUR);

  return self->resolution;
}

FbkInstant
fbk_chart_model_get_from (FbkChartModel *self)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), 0);

  return self->from;
}

FbkInstant
fbk_chart_model_get_to (FbkChartModel *self)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), 0);

  return self->to;
}

const char *
fbk_chart_model_get_title (FbkChartModel *self)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), NULL);

  return self->title;
}

void
fbk_chart_model_set_title (FbkChartModel *self,
                           const char    *title)
{
  g_return_if_fail (FBK_IS_CHART_MODEL (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  emit_changed (self);
}

FbkChartUnit
fbk_chart_model_get_unit (FbkChartModel *self)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), FBK_CHART_UNIT_KWH);

  return self->unit;
}

void
fbk_chart_model_set_unit (FbkChartModel *self,
                          FbkChartUnit   unit)
{
  g_return_if_fail (FBK_IS_CHART_MODEL (self));

  if (self->unit == unit)
    return;

  self->unit = unit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
  emit_changed (self);
}

/**
 * fbk_chart_model_add_layer:
 * @layer: what to draw over the layers added before; the model keeps a
 *   reference
 *
 * Layers draw the model's series (bars, stacked bars, cells) or values
 * of their own (an overlay, reference lines). A model without layers
 * draws its series as stacked bars.
 */
void
fbk_chart_model_add_layer (FbkChartModel *self,
                           FbkChartLayer *layer)
{
  g_return_if_fail (FBK_IS_CHART_MODEL (self));
  g_return_if_fail (layer != NULL);

  g_ptr_array_add (self->layers, fbk_chart_layer_ref (layer));
  emit_changed (self);
}

void
fbk_chart_model_remove_all_layers (FbkChartModel *self)
{
  g_return_if_fail (FBK_IS_CHART_MODEL (self));

  if (self->layers->len == 0)
    return;

  g_ptr_array_set_size (self->layers, 0);
  emit_changed (self);
}

guint
fbk_chart_model_get_n_layers (FbkChartModel *self)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), 0);

  return self->layers->len;
}

/**
 * fbk_chart_model_get_layer:
 *
 * Returns: (transfer none): the layer at @index, bottom first
 */
FbkChartLayer *
fbk_chart_model_get_layer (FbkChartModel *self,
                           guint          index)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (index < self->layers->len, NULL);

  return g_ptr_array_index (self->layers, index);
}

/**
 * fbk_chart_model_add_series:
 * @label: what the legend calls it, e.g. the meter's display name
 * @colour_slot: which palette colour to use; give a meter's consumption and
 *   production the same slot, the palette tells the directions apart
 * @buckets: (array length=n_buckets): values already aggregated to the
 *   model's resolution; copied
 *
 * Series of one direction stack in the order they are added, the first at
 * the axis.
 *
 * Returns: the index of the new series
 */
guint
fbk_chart_model_add_series (FbkChartModel     *self,
                            const char        *label,
                            FbkDirection       direction,
                            guint              colour_slot,
                            const FbkInterval *buckets,
                            guint              n_buckets)
{
  Series *series;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), 0);
  g_return_val_if_fail (label != NULL, 0);
  g_return_val_if_fail (direction == FBK_DIRECTION_CONSUMPTION ||
                        direction == FBK_DIRECTION_PRODUCTION, 0);
  g_return_val_if_fail (buckets != NULL || n_buckets == 0, 0);

  series = g_new0 (Series, 1);
  series->label = g_strdup (label);
  series->direction = direction;
  series->colour_slot = colour_slot;
  series->buckets = buckets_new (buckets, n_buckets);

  invalidate (self);
  g_ptr_array_add (self->series, series);
  emit_changed (self);

  return self->series->len - 1;
}

/**
 * fbk_chart_model_add_series_buckets:
 * @buckets: (array length=n_buckets): values summed to the model's
 *   resolution, with what they cover (fbk_series_get_buckets()); copied
 *
 * Like fbk_chart_model_add_series(), but each bucket also tells how much
 * of its period its values cover, so that a model expecting values
 * (fbk_chart_model_set_expected_until()) knows how many hours it lacks.
 *
 * Returns: the index of the new series
 */
guint
fbk_chart_model_add_series_buckets (FbkChartModel   *self,
                                    const char      *label,
                                    FbkDirection     direction,
                                    guint            colour_slot,
                                    const FbkBucket *buckets,
                                    guint            n_buckets)
{
  g_autoptr(GArray) intervals = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), n_buckets);
  GArray *covered = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_buckets);
  guint index;

  g_return_val_if_fail (buckets != NULL || n_buckets == 0, 0);

  for (guint i = 0; i < n_buckets; i++)
    {
      FbkInterval interval = {
        buckets[i].start, (guint32) (buckets[i].end - buckets[i].start), buckets[i].flags, buckets[i].kwh,
      };

      g_array_append_val (intervals, interval);
      g_array_append_val (covered, buckets[i].covered_seconds);
    }

  index = fbk_chart_model_add_series (self, label, direction, colour_slot,
                                      (const FbkInterval *) (gpointer) intervals->data, intervals->len);
  get_series (self, index)->covered = covered;
  return index;
}

void
fbk_chart_model_set_series_buckets (FbkChartModel     *self,
                                    guint              series,
                                    const FbkInterval *buckets,
                                    guint              n_buckets)
{
  Series *target;

  g_return_if_fail (FBK_IS_CHART_MODEL (self));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (buckets != NULL || n_buckets == 0);

  invalidate (self);
  target = get_series (self, series);
  g_array_unref (target->buckets);
  target->buckets = buckets_new (buckets, n_buckets);
  g_clear_pointer (&target->covered, g_array_unref);
  emit_changed (self);
}

void
fbk_chart_model_remove_all_series (FbkChartModel *self)
{
  g_return_if_fail (FBK_IS_CHART_MODEL (self));

  if (self->series->len == 0)
    return;

  invalidate (self);
  g_ptr_array_set_size (self->series, 0);
  emit_changed (self);
}

guint
fbk_chart_model_get_n_series (FbkChartModel *self)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), 0);

  return self->series->len;
}

const char *
fbk_chart_model_get_series_label (FbkChartModel *self,
                                  guint          series)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  return get_series (self, series)->label;
}

FbkDirection
fbk_chart_model_get_series_direction (FbkChartModel *self,
                                      guint          series)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), FBK_DIRECTION_CONSUMPTION);
  g_return_val_if_fail (series < self->series->len, FBK_DIRECTION_CONSUMPTION);

  return get_series (self, series)->direction;
}

guint
fbk_chart_model_get_series_colour_slot (FbkChartModel *self,
                                        guint          series)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);

  return get_series (self, series)->colour_slot;
}

/**
 * fbk_chart_model_get_series_buckets:
 *
 * Returns: (transfer none) (element-type FbkInterval): the values as given
 */
GArray *
fbk_chart_model_get_series_buckets (FbkChartModel *self,
                                    guint          series)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  return get_series (self, series)->buckets;
}

guint
fbk_chart_model_get_n_buckets (FbkChartModel *self)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), 0);

  ensure_prepared (self);
  return self->n_buckets;
}

FbkInstant
fbk_chart_model_get_bucket_start (FbkChartModel *self,
                                  guint          bucket)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), FBK_INSTANT_INVALID);

  ensure_prepared (self);
  g_return_val_if_fail (bucket < self->n_buckets, FBK_INSTANT_INVALID);

  return g_array_index (self->edges, FbkInstant, bucket);
}

FbkInstant
fbk_chart_model_get_bucket_end (FbkChartModel *self,
                                guint          bucket)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), FBK_INSTANT_INVALID);

  ensure_prepared (self);
  g_return_val_if_fail (bucket < self->n_buckets, FBK_INSTANT_INVALID);

  return g_array_index (self->edges, FbkInstant, bucket + 1);
}

gboolean
fbk_chart_model_find_bucket (FbkChartModel *self,
                             FbkInstant     instant,
                             guint         *out_bucket)
{
  gssize index;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), FALSE);

  ensure_prepared (self);
  index = bucket_index ((const FbkInstant *) (gpointer) self->edges->data, self->n_buckets, instant);
  if (index < 0)
    return FALSE;

  if (out_bucket != NULL)
    *out_bucket = (guint) index;
  return TRUE;
}

/**
 * fbk_chart_model_get_value:
 * @out_value: (out) (optional): the bucket's value, 0 when it has none
 * @out_flags: (out) (optional): VERIFIED / COMPLETE when every value in
 *   the bucket is
 *
 * Returns: whether the bucket has a value
 */
gboolean
fbk_chart_model_get_value (FbkChartModel    *self,
                           guint             series,
                           guint             bucket,
                           double           *out_value,
                           FbkIntervalFlags *out_flags)
{
  Series *target;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (series < self->series->len, FALSE);

  ensure_prepared (self);
  g_return_val_if_fail (bucket < self->n_buckets, FALSE);

  target = get_series (self, series);
  if (out_value != NULL)
    *out_value = target->values[bucket];
  if (out_flags != NULL)
    *out_flags = target->flags[bucket] & (FBK_INTERVAL_VERIFIED | FBK_INTERVAL_COMPLETE);

  return (target->flags[bucket] & FBK_CHART_BUCKET_PRESENT) != 0;
}

/**
 * fbk_chart_model_get_total:
 *
 * Returns: the sum of @series over buckets [@first_bucket, @end_bucket),
 *   in constant time
 */
double
fbk_chart_model_get_total (FbkChartModel *self,
                           guint          series,
                           guint          first_bucket,
                           guint          end_bucket)
{
  Series *target;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), 0.0);
  g_return_val_if_fail (series < self->series->len, 0.0);

  ensure_prepared (self);
  end_bucket = MIN (end_bucket, self->n_buckets);
  if (first_bucket >= end_bucket)
    return 0.0;

  target = get_series (self, series);
  return target->sums[end_bucket] - target->sums[first_bucket];
}

guint
fbk_chart_model_count_unverified (FbkChartModel *self,
                                  guint          series,
                                  guint          first_bucket,
                                  guint          end_bucket)
{
  Series *target;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);

  ensure_prepared (self);
  end_bucket = MIN (end_bucket, self->n_buckets);
  if (first_bucket >= end_bucket)
    return 0;

  target = get_series (self, series);
  return target->unverified[end_bucket] - target->unverified[first_bucket];
}

/**
 * fbk_chart_model_get_series_max:
 *
 * Returns: the largest value of @series over [@first_bucket, @end_bucket),
 *   or 0; without visiting every bucket
 */
double
fbk_chart_model_get_series_max (FbkChartModel *self,
                                guint          series,
                                guint          first_bucket,
                                guint          end_bucket)
{
  const Series *target;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), 0.0);
  g_return_val_if_fail (series < self->series->len, 0.0);

  ensure_prepared (self);
  target = get_series (self, series);
  return range_max (target->values, target->block_value, first_bucket, MIN (end_bucket, self->n_buckets));
}

/**
 * fbk_chart_model_get_max:
 *
 * Returns: the tallest stack of @direction's series over [@first_bucket,
 *   @end_bucket), or 0; without visiting every bucket
 */
double
fbk_chart_model_get_max (FbkChartModel *self,
                         FbkDirection   direction,
                         guint          first_bucket,
                         guint          end_bucket)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), 0.0);

  ensure_prepared (self);
  end_bucket = MIN (end_bucket, self->n_buckets);

  /* The last series of a direction carries the whole stack. */
  for (guint i = self->series->len; i > 0; i--)
    {
      const Series *series = get_series (self, i - 1);

      if (series->direction == direction)
        return range_max (series->tops, series->block_top, first_bucket, end_bucket);
    }

  return 0.0;
}

/**
 * fbk_chart_model_set_expected_until:
 * @until: where values stop being expected, or %FBK_INSTANT_INVALID
 *
 * Says that every hour of the period before @until should have a value
 * in every series (later hours are not in yet: neither missing nor
 * drawn), so that the model can tell how much each bucket lacks
 * (fbk_chart_model_get_coverage()) and mark buckets whose value is only
 * part of their period. Without it, the model says nothing about what is
 * missing.
 */
void
fbk_chart_model_set_expected_until (FbkChartModel *self,
                                    FbkInstant     until)
{
  g_return_if_fail (FBK_IS_CHART_MODEL (self));

  if (self->expected_until == until)
    return;

  self->expected_until = until;
  invalidate (self);
  emit_changed (self);
}

FbkInstant
fbk_chart_model_get_expected_until (FbkChartModel *self)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), FBK_INSTANT_INVALID);

  return self->expected_until;
}

/**
 * fbk_chart_model_get_coverage:
 * @out_coverage: (out): the part of @bucket values are expected for, and
 *   how many seconds of it @series has no value for
 *
 * Returns: whether the model knows (fbk_chart_model_set_expected_until())
 */
gboolean
fbk_chart_model_get_coverage (FbkChartModel    *self,
                              guint             series,
                              guint             bucket,
                              FbkChartCoverage *out_coverage)
{
  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (series < self->series->len, FALSE);
  g_return_val_if_fail (out_coverage != NULL, FALSE);

  ensure_prepared (self);
  g_return_val_if_fail (bucket < self->n_buckets, FALSE);

  if (self->expected_until == FBK_INSTANT_INVALID)
    return FALSE;

  expected_span (self, bucket, &out_coverage->from, &out_coverage->to);
  out_coverage->missing_seconds = get_series (self, series)->missing[bucket];
  return TRUE;
}

/**
 * fbk_chart_model_count_missing_hours:
 *
 * Returns: how many hours of buckets [@first_bucket, @end_bucket) @series
 *   has no value for (quarter-hours adding up, rounded up); 0 when the
 *   model does not know (fbk_chart_model_set_expected_until())
 */
guint
fbk_chart_model_count_missing_hours (FbkChartModel *self,
                                     guint          series,
                                     guint          first_bucket,
                                     guint          end_bucket)
{
  const Series *target;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);

  ensure_prepared (self);
  end_bucket = MIN (end_bucket, self->n_buckets);
  target = get_series (self, series);
  if (target->missing_sums == NULL || first_bucket >= end_bucket)
    return 0;

  return (guint) ((target->missing_sums[end_bucket] - target->missing_sums[first_bucket] + FBK_SECONDS_PER_HOUR - 1)
                  / FBK_SECONDS_PER_HOUR);
}

/* Private API */

const FbkInstant *
_fbk_chart_model_get_edges (FbkChartModel *self,
                            guint         *out_n_buckets)
{
  ensure_prepared (self);
  *out_n_buckets = self->n_buckets;
  return (const FbkInstant *) (gpointer) self->edges->data;
}

const double *
_fbk_chart_model_get_values (FbkChartModel *self,
                             guint          series)
{
  ensure_prepared (self);
  return get_series (self, series)->values;
}

const double *
_fbk_chart_model_get_tops (FbkChartModel *self,
                           guint          series)
{
  ensure_prepared (self);
  return get_series (self, series)->tops;
}

const guint8 *
_fbk_chart_model_get_flags (FbkChartModel *self,
                            guint          series)
{
  ensure_prepared (self);
  return get_series (self, series)->flags;
}

/*
 * _fbk_chart_model_get_decimation:
 *
 * Min/max columns of @buckets_per_column buckets each, aligned to the
 * start of the grid rather than to the viewport so that panning moves the
 * columns instead of reshaping them, and reuses the cache. The renderer
 * picks @buckets_per_column from the plot's pixel width and the zoom, so
 * the cache is rebuilt only when the data, the width or the zoom changes;
 * drawing then costs per column, not per bucket.
 */
const FbkChartDecimation *
_fbk_chart_model_get_decimation (FbkChartModel *self,
                                 guint          buckets_per_column)
{
  FbkChartDecimation *decimation;

  g_assert (buckets_per_column > 0);

  ensure_prepared (self);

  if (self->decimation != NULL && self->decimation->buckets_per_column == buckets_per_column)
    return self->decimation;

  g_clear_pointer (&self->decimation, decimation_free);

  decimation = g_new0 (FbkChartDecimation, 1);
  decimation->buckets_per_column = buckets_per_column;
  decimation->n_columns = (self->n_buckets + buckets_per_column - 1) / buckets_per_column;
  decimation->columns = g_new0 (FbkChartColumn, (gsize) decimation->n_columns * MAX (self->series->len, 1));
  build_decimation (self, decimation);

  self->decimation = decimation;
  return decimation;
}

/*
 * _fbk_chart_model_position:
 *
 * Returns: where @instant falls on the bucket grid, as a bucket index plus
 *   the fraction of that bucket before it, clamped to [0, n_buckets]. The
 *   chart's x axis is linear in this, so every bucket gets the same width
 *   (a 23-hour day, a 28-day month) and its bar fills it.
 */
double
_fbk_chart_model_position (FbkChartModel *self,
                           FbkInstant     instant)
{
  const FbkInstant *edges;
  gssize index;

  ensure_prepared (self);
  edges = (const FbkInstant *) (gpointer) self->edges->data;

  if (self->n_buckets == 0 || instant <= edges[0])
    return 0.0;
  if (instant >= edges[self->n_buckets])
    return self->n_buckets;

  index = bucket_index (edges, self->n_buckets, instant);
  return index + (double) (instant - edges[index]) / (double) (edges[index + 1] - edges[index]);
}

/*
 * _fbk_chart_model_span:
 * @viewport: (nullable): NULL for the whole period
 *
 * The grid positions of @viewport's ends; never an empty span, so callers
 * may divide by its length.
 */
void
_fbk_chart_model_span (FbkChartModel          *self,
                       const FbkChartViewport *viewport,
                       double                 *out_from,
                       double                 *out_to)
{
  double from = 0.0;
  double to;

  ensure_prepared (self);
  to = self->n_buckets;

  if (viewport != NULL && viewport->from < viewport->to)
    {
      from = _fbk_chart_model_position (self, viewport->from);
      to = _fbk_chart_model_position (self, viewport->to);
    }

  if (to - from <= 0.0)
    {
      from = MIN (from, MAX (to - 1.0, 0.0));
      to = from + 1.0;
    }

  *out_from = from;
  *out_to = to;
}
