/* fbk-repository.c: meter data from the offline store and from Elvia
 *
 * The views never talk to the client or the store directly; they ask the
 * repository. Reading is two steps so a window opens at once: read what is
 * stored (fast, works offline), show it, then refresh
 * (fbk-repository-refresh.c): ask the store which ranges are missing or
 * still unverified, fetch only those from Elvia, store the answers as they
 * arrive (a later failure loses nothing already fetched) and read the
 * merged result back.
 *
 * Without a store (forbruk-cli --no-cache) a refresh fetches the whole period.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-gather.h"
#include "fbk-repository-private.h"

G_DEFINE_FINAL_TYPE (FbkRepository, fbk_repository, G_TYPE_OBJECT)

FbkInstant
_fbk_repository_now (FbkRepository *self)
{
  return fbk_clock_get_now (self->clock);
}

GPtrArray *
_fbk_repository_new_series (const char * const *ids,
                            FbkDirection        direction)
{
  GPtrArray *series = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (series, fbk_series_new (ids[i], direction));

  return series;
}

/* Elvia verifies values by the next morning, except for meters in
 * Innlandet, which it reports as unverified forever. A meter with a day's
 * worth of values older than a week and not one of them verified is such a
 * meter; the UI explains the badge. */
#define SETTLED_AGE (7 * 24 * FBK_SECONDS_PER_HOUR)
#define SETTLED_MIN_VALUES 24

void
_fbk_repository_note_verification_habit (FbkRepository *self,
                                         FbkSeries     *series)
{
  FbkMeteringPoint *meter = fbk_repository_find_meter (self, fbk_series_get_metering_point_id (series));
  FbkInstant settled_before = _fbk_repository_now (self) - SETTLED_AGE;
  guint n = 0;
  const FbkInterval *intervals = fbk_series_get_intervals (series, &n);
  guint n_settled = 0;

  if (meter == NULL || fbk_series_get_direction (series) != FBK_DIRECTION_CONSUMPTION)
    return;

  for (guint i = 0; i < n && fbk_interval_end (&intervals[i]) <= settled_before; i++)
    {
      if (intervals[i].flags & FBK_INTERVAL_VERIFIED)
        {
          fbk_metering_point_set_always_unverified (meter, FALSE);
          return;
        }
      n_settled++;
    }

  if (n_settled >= SETTLED_MIN_VALUES)
    fbk_metering_point_set_always_unverified (meter, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Reading stored values                                                    */
/* ------------------------------------------------------------------------ */

typedef struct
{
  FbkGather  gather;
  GPtrArray *series;   /* FbkSeries, parallel to the asked ids */
} ReadValues;

static void
read_values_free (gpointer data)
{
  ReadValues *read = data;

  fbk_gather_clear (&read->gather);
  g_clear_pointer (&read->series, g_ptr_array_unref);
  g_free (read);
}

static void
read_values_return (GTask *task)
{
  ReadValues *read = g_task_get_task_data (task);

  g_task_return_pointer (task, g_ptr_array_ref (read->series), (GDestroyNotify) g_ptr_array_unref);
}

typedef struct
{
  GTask     *task;
  FbkSeries *series;   /* borrowed from the task's ReadValues */
} ReadOne;

static void
on_values_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ReadOne *one = user_data;
  g_autoptr(GTask) task = one->task;
  ReadValues *read = g_task_get_task_data (task);
  g_autoptr(GArray) intervals = NULL;
  g_autoptr(GError) error = NULL;

  intervals = fbk_store_load_finish (FBK_STORE (object), result, &error);
  if (intervals != NULL)
    {
      fbk_series_upsert (one->series, (const FbkInterval *) intervals->data, intervals->len);
      _fbk_repository_note_verification_habit (g_task_get_source_object (task), one->series);
    }
  g_free (one);

  fbk_gather_done (&read->gather, error);
}

/**
 * fbk_repository_read_values_async:
 *
 * Reads what is stored for each meter over [@from, @to). Never touches the
 * network. Without a store, every series is empty.
 */
void
fbk_repository_read_values_async (FbkRepository       *self,
                                  const char * const  *metering_point_ids,
                                  FbkInstant           from,
                                  FbkInstant           to,
                                  FbkDirection         direction,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadValues *read;

  g_return_if_fail (FBK_IS_REPOSITORY (self));
  g_return_if_fail (metering_point_ids != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_repository_read_values_async);

  read = g_new0 (ReadValues, 1);
  read->series = _fbk_repository_new_series (metering_point_ids, direction);
  g_task_set_task_data (task, read, read_values_free);
  fbk_gather_init (&read->gather, task, read_values_return);

  fbk_gather_add (&read->gather);
  for (guint i = 0; self->store != NULL && i < read->series->len; i++)
    {
      ReadOne *one = g_new0 (ReadOne, 1);

      one->task = g_object_ref (task);
      one->series = g_ptr_array_index (read->series, i);
      fbk_gather_add (&read->gather);
      fbk_store_load_async (self->store, metering_point_ids[i], direction, from, to,
                            fbk_gather_get_cancellable (&read->gather), on_values_loaded_cb, one);
    }
  fbk_gather_done (&read->gather, NULL);
}

/**
 * fbk_repository_read_values_finish:
 *
 * Returns: (transfer container) (element-type FbkSeries): one series per
 *   asked meter, in the asked order
 */
GPtrArray *
fbk_repository_read_values_finish (FbkRepository  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Max hours                                                                */
/* ------------------------------------------------------------------------ */

static void
on_max_hours_fetched_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GPtrArray *reports;
  GError *error = NULL;

  reports = fbk_client_fetch_max_hours_finish (FBK_CLIENT (object), result, &error);
  if (reports == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, reports, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * fbk_repository_fetch_max_hours_async:
 *
 * Elvia's own max hours of the meters, for the two months it reports on
 * as of the end of [@from, @to): the month @to falls in and the one before
 * (the current and the previous month while @to is still to come). A
 * period that ended before the API's history begins gets no reports and
 * needs no request. The views show, for the other months, the max hours
 * computed here from the hourly values (fbk-max-hours-table.c).
 */
void
fbk_repository_fetch_max_hours_async (FbkRepository       *self,
                                      const char * const  *metering_point_ids,
                                      FbkInstant           from,
                                      FbkInstant           to,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FbkInstant now = _fbk_repository_now (self);
  /* As of the end of a period that has ended, so its last month is
   * complete; as of now otherwise. */
  FbkInstant calculate_time = to > now ? FBK_INSTANT_INVALID : to;

  g_return_if_fail (FBK_IS_REPOSITORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_repository_fetch_max_hours_async);

  if (to <= fbk_range_plan_history_limit (now) || metering_point_ids == NULL || metering_point_ids[0] == NULL)
    {
      g_task_return_pointer (task, g_ptr_array_new_with_free_func ((GDestroyNotify) fbk_max_hours_report_free),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  fbk_client_fetch_max_hours_async (self->client, metering_point_ids, calculate_time, cancellable,
                                    on_max_hours_fetched_cb, g_steal_pointer (&task));
}

/**
 * fbk_repository_fetch_max_hours_finish:
 *
 * Returns: (transfer container) (element-type FbkMaxHoursReport): one
 *   report per meter Elvia knows, possibly none
 */
GPtrArray *
fbk_repository_fetch_max_hours_finish (FbkRepository  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Object                                                                   */
/* ------------------------------------------------------------------------ */

static void
fbk_repository_dispose (GObject *object)
{
  FbkRepository *self = FBK_REPOSITORY (object);

  g_clear_object (&self->client);
  g_clear_object (&self->price_client);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->meters);

  G_OBJECT_CLASS (fbk_repository_parent_class)->dispose (object);
}

static void
fbk_repository_class_init (FbkRepositoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fbk_repository_dispose;
}

static void
fbk_repository_init (FbkRepository *self)
{
  self->meters = g_list_store_new (FBK_TYPE_METERING_POINT);
  self->last_discovered = FBK_INSTANT_INVALID;
}

/**
 * fbk_repository_new:
 * @price_client: (nullable): where spot prices come from, or %NULL for
 *   none but those stored
 * @store: (nullable): the offline store, or %NULL to keep nothing
 * @clock: what "now" is: requests are planned and values settled from it
 *
 * Made by FbkSession (fbk_session_get_repository()), and by the token
 * check for the throw-away repository it probes a new token with.
 */
FbkRepository *
fbk_repository_new (FbkClient      *client,
                    FbkPriceClient *price_client,
                    FbkStore       *store,
                    FbkClock       *clock)
{
  FbkRepository *self;

  g_return_val_if_fail (FBK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (price_client == NULL || FBK_IS_PRICE_CLIENT (price_client), NULL);
  g_return_val_if_fail (store == NULL || FBK_IS_STORE (store), NULL);
  g_return_val_if_fail (FBK_IS_CLOCK (clock), NULL);

  self = g_object_new (FBK_TYPE_REPOSITORY, NULL);
  self->client = g_object_ref (client);
  self->price_client = price_client != NULL ? g_object_ref (price_client) : NULL;
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->clock = g_object_ref (clock);

  return self;
}

/**
 * fbk_repository_set_offline:
 *
 * With @offline set the repository asks nothing: refreshes give what the
 * store holds, and spot-price days not stored stay unknown ("not fetched,
 * as Forbruk works offline"). For forbruk-cli --offline.
 */
void
fbk_repository_set_offline (FbkRepository *self,
                            gboolean       offline)
{
  g_return_if_fail (FBK_IS_REPOSITORY (self));

  self->offline = offline;
}

gboolean
fbk_repository_get_offline (FbkRepository *self)
{
  g_return_val_if_fail (FBK_IS_REPOSITORY (self), FALSE);

  return self->offline;
}

FbkStore *
fbk_repository_get_store (FbkRepository *self)
{
  g_return_val_if_fail (FBK_IS_REPOSITORY (self), NULL);

  return self->store;
}

/**
 * fbk_repository_get_meters:
 *
 * Returns: (transfer none): the known metering points (FbkMeteringPoint)
 */
GListModel *
fbk_repository_get_meters (FbkRepository *self)
{
  g_return_val_if_fail (FBK_IS_REPOSITORY (self), NULL);

  return G_LIST_MODEL (self->meters);
}

/**
 * fbk_repository_find_meter:
 *
 * Returns: (transfer none) (nullable): the meter, owned by the meters model
 */
FbkMeteringPoint *
fbk_repository_find_meter (FbkRepository *self,
                           const char    *metering_point_id)
{
  guint n;

  g_return_val_if_fail (FBK_IS_REPOSITORY (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->meters));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FbkMeteringPoint) meter = g_list_model_get_item (G_LIST_MODEL (self->meters), i);

      if (g_strcmp0 (fbk_metering_point_get_id (meter), metering_point_id) == 0)
        return meter;
    }

  return NULL;
}
