/* fbk-max-hours-loader.c: the hours the max-hours page needs beyond the
 * period: the rest of its first and last month, and the month in progress
 * a year before
 *
 * A month's step is of the whole month, so a period that starts on the
 * 25th would otherwise show a month of a few days as if it were whole; and
 * the projection of the month in progress needs the same month last year.
 * Each part is asked of the repository once per pick (stored values first,
 * then what is missing), and "loaded" says when one arrives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-max-hours-loader"

#include "config.h"

#include "fbk-max-hours-loader.h"
#include "fbk-range-planner.h"

typedef enum
{
  PART_HEAD,       /* the first month before the period */
  PART_TAIL,       /* the last month after it */
  PART_LAST_YEAR,  /* the month in progress, a year before */
  N_PARTS
} Part;

struct _FbkMaxHoursLoader
{
  GObject       parent_instance;

  GStrv         meter_ids;
  FbkInstant    whole_from;
  FbkInstant    whole_to;
  FbkInstant    part_from[N_PARTS];
  FbkInstant    part_to[N_PARTS];
  GPtrArray    *parts[N_PARTS];   /* FbkSeries per meter, once loaded */
  guint         n_loading;
  FbkDate       last_year;        /* the month of PART_LAST_YEAR */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (FbkMaxHoursLoader, fbk_max_hours_loader, G_TYPE_OBJECT)

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  FbkMaxHoursLoader *self;
  Part               part;
} PartLoad;

static void
on_part_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autofree PartLoad *load = user_data;
  g_autoptr(FbkMaxHoursLoader) self = load->self;
  g_autoptr(FbkRefreshResult) refreshed = NULL;
  g_autoptr(GError) error = NULL;

  refreshed = fbk_repository_refresh_finish (FBK_REPOSITORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_loading--;
  /* Without them the page shows what the period has, marked partial: the
   * main view already tells the person about a failed refresh. */
  if (refreshed != NULL)
    self->parts[load->part] = g_ptr_array_ref (refreshed->series[FBK_DIRECTION_CONSUMPTION]);
  else
    g_debug ("Could not load the rest of the months: %s", error->message);

  g_signal_emit (self, signals[LOADED], 0);
}

static void
reset (FbkMaxHoursLoader *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  for (guint p = 0; p < N_PARTS; p++)
    {
      g_clear_pointer (&self->parts[p], g_ptr_array_unref);
      self->part_from[p] = self->part_to[p] = 0;
    }
  self->n_loading = 0;
}

static void
fbk_max_hours_loader_dispose (GObject *object)
{
  FbkMaxHoursLoader *self = FBK_MAX_HOURS_LOADER (object);

  reset (self);
  g_clear_pointer (&self->meter_ids, g_strfreev);

  G_OBJECT_CLASS (fbk_max_hours_loader_parent_class)->dispose (object);
}

static void
fbk_max_hours_loader_class_init (FbkMaxHoursLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fbk_max_hours_loader_dispose;

  /**
   * FbkMaxHoursLoader::loaded:
   *
   * A part has arrived (or failed): the page builds its months again.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fbk_max_hours_loader_init (FbkMaxHoursLoader *self)
{
}

FbkMaxHoursLoader *
fbk_max_hours_loader_new (void)
{
  return g_object_new (FBK_TYPE_MAX_HOURS_LOADER, NULL);
}

static gboolean
same_pick (FbkMaxHoursLoader  *self,
           const char * const *meter_ids,
           const FbkInstant   *part_from,
           const FbkInstant   *part_to)
{
  if (self->meter_ids == NULL || !g_strv_equal ((const char * const *) self->meter_ids, meter_ids))
    return FALSE;
  for (guint p = 0; p < N_PARTS; p++)
    {
      if (self->part_from[p] != part_from[p] || self->part_to[p] != part_to[p])
        return FALSE;
    }
  return TRUE;
}

/**
 * fbk_max_hours_loader_want:
 * @from: the period's start
 * @to: its end
 *
 * Loads what the page needs beyond [@from, @to), unless that is what it
 * has or is loading already (the page is shown again with every answer of
 * a long fetch).
 */
void
fbk_max_hours_loader_want (FbkMaxHoursLoader  *self,
                           FbkRepository      *repository,
                           const char * const *meter_ids,
                           FbkInstant          from,
                           FbkInstant          to,
                           FbkInstant          now)
{
  FbkInstant part_from[N_PARTS] = { 0 };
  FbkInstant part_to[N_PARTS] = { 0 };
  FbkInstant limit = fbk_range_plan_end_limit (now);
  FbkInstant this_month = fbk_time_period_start (now, FBK_RESOLUTION_MONTH);

  g_return_if_fail (FBK_IS_MAX_HOURS_LOADER (self));
  g_return_if_fail (FBK_IS_REPOSITORY (repository));
  g_return_if_fail (from < to);

  self->whole_from = fbk_time_period_start (from, FBK_RESOLUTION_MONTH);
  self->whole_to = fbk_time_period_next (fbk_time_period_start (to - 1, FBK_RESOLUTION_MONTH), FBK_RESOLUTION_MONTH);

  if (self->whole_from < from)
    {
      part_from[PART_HEAD] = self->whole_from;
      part_to[PART_HEAD] = MIN (from, limit);
    }
  if (to < MIN (self->whole_to, limit))
    {
      part_from[PART_TAIL] = to;
      part_to[PART_TAIL] = MIN (self->whole_to, limit);
    }
  if (this_month < to && now >= from)
    {
      FbkDate month = fbk_time_oslo_date (this_month);

      self->last_year = (FbkDate) { month.year - 1, month.month, 1 };
      part_from[PART_LAST_YEAR] = fbk_time_oslo_midnight (self->last_year);
      part_to[PART_LAST_YEAR] = fbk_time_oslo_midnight (fbk_date_add_months (self->last_year, 1));
    }

  if (same_pick (self, meter_ids, part_from, part_to))
    return;

  reset (self);
  g_strfreev (self->meter_ids);
  self->meter_ids = g_strdupv ((char **) meter_ids);
  self->cancellable = g_cancellable_new ();

  for (Part p = 0; p < N_PARTS; p++)
    {
      PartLoad *load;

      self->part_from[p] = part_from[p];
      self->part_to[p] = part_to[p];
      if (part_from[p] >= part_to[p] || meter_ids[0] == NULL)
        continue;

      load = g_new0 (PartLoad, 1);
      load->self = g_object_ref (self);
      load->part = p;
      self->n_loading++;
      fbk_repository_refresh_async (repository, meter_ids, part_from[p], part_to[p], FBK_REFRESH_CONSUMPTION,
                                    NULL, NULL, self->cancellable, on_part_loaded_cb, load);
    }
}

/* The whole months the period touches. */
FbkInstant
fbk_max_hours_loader_get_from (FbkMaxHoursLoader *self)
{
  g_return_val_if_fail (FBK_IS_MAX_HOURS_LOADER (self), 0);

  return self->whole_from;
}

FbkInstant
fbk_max_hours_loader_get_to (FbkMaxHoursLoader *self)
{
  g_return_val_if_fail (FBK_IS_MAX_HOURS_LOADER (self), 0);

  return self->whole_to;
}

gboolean
fbk_max_hours_loader_is_loading (FbkMaxHoursLoader *self)
{
  g_return_val_if_fail (FBK_IS_MAX_HOURS_LOADER (self), FALSE);

  return self->n_loading > 0;
}

static void
add_part (FbkSeries *months,
          GPtrArray *part,
          guint      meter)
{
  const FbkInterval *intervals;
  guint n = 0;

  if (part == NULL || meter >= part->len)
    return;

  intervals = fbk_series_get_intervals (g_ptr_array_index (part, meter), &n);
  fbk_series_upsert (months, intervals, n);
}

/**
 * fbk_max_hours_loader_dup_months:
 * @meter: the meter's place in the pick
 * @period_values: (nullable): its hourly consumption over the period
 *
 * Returns: (transfer full) (nullable): @period_values with what has
 *   arrived of the rest of its first and last month
 */
FbkSeries *
fbk_max_hours_loader_dup_months (FbkMaxHoursLoader *self,
                                 guint              meter,
                                 FbkSeries         *period_values)
{
  FbkSeries *months;

  g_return_val_if_fail (FBK_IS_MAX_HOURS_LOADER (self), NULL);

  if (self->parts[PART_HEAD] == NULL && self->parts[PART_TAIL] == NULL)
    return period_values != NULL ? g_object_ref (period_values) : NULL;
  if (period_values == NULL)
    return NULL;

  months = fbk_series_new (fbk_series_get_metering_point_id (period_values), FBK_DIRECTION_CONSUMPTION);
  add_part (months, self->parts[PART_HEAD], meter);
  add_part (months, self->parts[PART_TAIL], meter);
  {
    guint n = 0;
    const FbkInterval *intervals = fbk_series_get_intervals (period_values, &n);

    fbk_series_upsert (months, intervals, n);
  }
  return months;
}

gboolean
fbk_max_hours_loader_has_last_year (FbkMaxHoursLoader *self)
{
  g_return_val_if_fail (FBK_IS_MAX_HOURS_LOADER (self), FALSE);

  return self->parts[PART_LAST_YEAR] != NULL;
}

/**
 * fbk_max_hours_loader_get_last_year:
 * @out_days: (out caller-allocates): the daily maxima of the month in
 *   progress a year before, for @meter
 *
 * Returns: how many days have values (0 until they have arrived)
 */
guint
fbk_max_hours_loader_get_last_year (FbkMaxHoursLoader *self,
                                    guint              meter,
                                    FbkMaxHour         out_days[FBK_MAX_HOURS_DAYS_IN_MONTH])
{
  const FbkInterval *intervals;
  guint n = 0;

  g_return_val_if_fail (FBK_IS_MAX_HOURS_LOADER (self), 0);

  if (self->parts[PART_LAST_YEAR] == NULL || meter >= self->parts[PART_LAST_YEAR]->len)
    return 0;

  intervals = fbk_series_get_intervals (g_ptr_array_index (self->parts[PART_LAST_YEAR], meter), &n);
  return fbk_max_hours_daily_maxima (self->last_year.year, self->last_year.month, intervals, n, out_days);
}
