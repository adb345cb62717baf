/* fbk-repository-refresh.c: fetching from Elvia what the store lacks
 *
 * One refresh: for each meter the store says which ranges are missing or
 * still unverified (fbk_store_plan_refresh_async()); the range planner cuts
 * them into requests the API accepts; each request is one client call, and
 * its answer goes into the store as soon as it arrives, so a failure later
 * on loses nothing before it. Once every call is done the merged values are
 * read back from the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-gather.h"
#include "fbk-repository-private.h"

typedef struct
{
  FbkGather        gather;         /* plans, fetches and imports */
  GStrv            ids;
  FbkInstant       from;
  FbkInstant       to;
  FbkDirection     direction;
  GPtrArray       *fetched;        /* FbkSeries per id, for the store-less case */
  GArray          *dropped;        /* FbkRangeDrop */
  guint            requests_done;
  guint            requests_total;
  FbkProgressFunc  progress;
  gpointer         progress_data;
} Refresh;

static void
refresh_free (gpointer data)
{
  Refresh *refresh = data;

  fbk_gather_clear (&refresh->gather);
  g_strfreev (refresh->ids);
  g_clear_pointer (&refresh->fetched, g_ptr_array_unref);
  g_clear_pointer (&refresh->dropped, g_array_unref);
  g_free (refresh);
}

void
fbk_refresh_result_free (FbkRefreshResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->series, g_ptr_array_unref);
  g_clear_pointer (&result->dropped, g_array_unref);
  g_free (result);
}

static FbkRefreshResult *
refresh_result_new (Refresh   *refresh,
                    GPtrArray *series)
{
  FbkRefreshResult *refreshed = g_new0 (FbkRefreshResult, 1);

  refreshed->series = series;
  refreshed->dropped = g_steal_pointer (&refresh->dropped);
  refreshed->n_requests = refresh->requests_total;
  return refreshed;
}

static void
on_refreshed_values_read_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  GPtrArray *series;
  GError *error = NULL;

  series = fbk_repository_read_values_finish (FBK_REPOSITORY (object), result, &error);
  if (series == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, refresh_result_new (refresh, series), (GDestroyNotify) fbk_refresh_result_free);
}

/* Every plan, fetch and import is done. */
static void
refresh_return (GTask *task)
{
  Refresh *refresh = g_task_get_task_data (task);
  FbkRepository *self = g_task_get_source_object (task);

  if (self->store == NULL)
    {
      g_task_return_pointer (task, refresh_result_new (refresh, g_steal_pointer (&refresh->fetched)),
                             (GDestroyNotify) fbk_refresh_result_free);
      return;
    }

  /* Read back from the store, which merged every answer with what it had. */
  fbk_repository_read_values_async (self, (const char * const *) refresh->ids,
                                    refresh->from, refresh->to, refresh->direction,
                                    g_task_get_cancellable (task), on_refreshed_values_read_cb,
                                    g_object_ref (task));
}

static void
append_drops (GArray *to,
              GArray *from)
{
  for (guint i = 0; i < from->len; i++)
    {
      FbkRangeDrop drop = g_array_index (from, FbkRangeDrop, i);

      drop.metering_point_id = g_strdup (drop.metering_point_id);
      g_array_append_val (to, drop);
    }
}

typedef struct
{
  GTask      *task;
  guint       index;   /* into refresh->ids */
  FbkInstant  from;
  FbkInstant  to;
} Fetch;

static void
on_fetch_imported_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  fbk_store_import_finish (FBK_STORE (object), result, NULL, &error);
  fbk_gather_done (&refresh->gather, error);
}

/* The values of the asked meter in @answered, or NULL when it has none
 * there (the API may volunteer other meters; they are ignored). */
static GArray *
answered_values (GPtrArray    *answered,
                 const char   *id,
                 FbkDirection  direction)
{
  for (guint i = 0; i < answered->len; i++)
    {
      FbkMeterValues *values = g_ptr_array_index (answered, i);

      if (g_strcmp0 (values->metering_point_id, id) == 0)
        return values->intervals[direction];
    }
  return NULL;
}

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GTask) task = fetch->task;
  Refresh *refresh = g_task_get_task_data (task);
  FbkRepository *self = g_task_get_source_object (task);
  const char *id = refresh->ids[fetch->index];
  g_autoptr(GPtrArray) answered = NULL;
  g_autoptr(GError) error = NULL;
  GArray *intervals;

  answered = fbk_client_fetch_values_finish (FBK_CLIENT (object), result, &error);
  if (answered == NULL)
    {
      g_free (fetch);
      fbk_gather_done (&refresh->gather, error);
      return;
    }

  refresh->requests_done++;
  if (refresh->progress != NULL && !fbk_gather_failed (&refresh->gather))
    refresh->progress (refresh->requests_done, refresh->requests_total, refresh->progress_data);

  intervals = answered_values (answered, id, refresh->direction);
  if (self->store != NULL)
    {
      g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (FbkInterval));

      /* Imported even when a sibling failed meanwhile: it has arrived. */
      fbk_gather_add (&refresh->gather);
      fbk_store_import_async (self->store, id, refresh->direction, fetch->from, fetch->to,
                              _fbk_repository_now (self), intervals != NULL ? intervals : none,
                              NULL, on_fetch_imported_cb, g_object_ref (task));
    }
  else if (intervals != NULL)
    {
      FbkSeries *series = g_ptr_array_index (refresh->fetched, fetch->index);

      fbk_series_upsert (series, (const FbkInterval *) intervals->data, intervals->len);
      _fbk_repository_note_verification_habit (self, series);
    }

  g_free (fetch);
  fbk_gather_done (&refresh->gather, NULL);
}

/* Cuts [@from, @to) of one meter into requests the API accepts and sends
 * them, each a call of its own. */
static void
start_fetches (GTask      *task,
               guint       index,
               FbkInstant  from,
               FbkInstant  to)
{
  Refresh *refresh = g_task_get_task_data (task);
  FbkRepository *self = g_task_get_source_object (task);
  FbkMeteringPoint *meter = fbk_repository_find_meter (self, refresh->ids[index]);
  FbkPlanMeter plan_meter = { refresh->ids[index], FBK_INSTANT_INVALID };
  g_autoptr(FbkRangePlan) plan = NULL;

  if (meter != NULL)
    plan_meter.contract_start = fbk_metering_point_get_contract_start (meter);

  plan = fbk_range_plan (&plan_meter, 1, from, to, refresh->direction, _fbk_repository_now (self));
  refresh->requests_total += plan->requests->len;
  append_drops (refresh->dropped, plan->dropped);

  for (guint i = 0; i < plan->requests->len; i++)
    {
      const FbkRangeRequest *request = &g_array_index (plan->requests, FbkRangeRequest, i);
      Fetch *fetch = g_new0 (Fetch, 1);

      fetch->task = g_object_ref (task);
      fetch->index = index;
      fetch->from = request->from;
      fetch->to = request->to;

      fbk_gather_add (&refresh->gather);
      fbk_client_fetch_values_async (self->client, refresh->ids[index], request->from, request->to,
                                     refresh->direction, fbk_gather_get_cancellable (&refresh->gather),
                                     on_fetched_cb, fetch);
    }
}

typedef struct
{
  GTask *task;
  guint  index;
} PlanOne;

static void
on_refresh_planned_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  PlanOne *plan_one = user_data;
  g_autoptr(GTask) task = plan_one->task;
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GError) error = NULL;

  ranges = fbk_store_plan_refresh_finish (FBK_STORE (object), result, &error);
  for (guint i = 0; ranges != NULL && i < ranges->len && !fbk_gather_failed (&refresh->gather); i++)
    {
      const FbkStoreRange *range = &g_array_index (ranges, FbkStoreRange, i);

      start_fetches (task, plan_one->index, range->from, range->to);
    }

  g_free (plan_one);
  fbk_gather_done (&refresh->gather, error);
}

static void
range_drop_clear (gpointer data)
{
  FbkRangeDrop *drop = data;

  g_free (drop->metering_point_id);
}

/**
 * fbk_repository_refresh_values_async:
 * @progress: (nullable): called with requests done and planned
 *
 * Fetches from Elvia what the store lacks for each meter over [@from, @to)
 * (never-fetched ranges, ranges still unverified, the last hours), stores
 * it, and returns the merged series. On failure, what was already fetched
 * stays stored.
 */
void
fbk_repository_refresh_values_async (FbkRepository       *self,
                                     const char * const  *metering_point_ids,
                                     FbkInstant           from,
                                     FbkInstant           to,
                                     FbkDirection         direction,
                                     FbkProgressFunc      progress,
                                     gpointer             progress_data,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FbkInstant now = _fbk_repository_now (self);
  Refresh *refresh;

  g_return_if_fail (FBK_IS_REPOSITORY (self));
  g_return_if_fail (metering_point_ids != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_repository_refresh_values_async);

  refresh = g_new0 (Refresh, 1);
  g_task_set_task_data (task, refresh, refresh_free);
  refresh->ids = g_strdupv ((char **) metering_point_ids);
  refresh->from = from;
  refresh->to = to;
  refresh->direction = direction;
  refresh->progress = progress;
  refresh->progress_data = progress_data;
  refresh->dropped = g_array_new (FALSE, FALSE, sizeof (FbkRangeDrop));
  g_array_set_clear_func (refresh->dropped, range_drop_clear);
  refresh->fetched = _fbk_repository_new_series (metering_point_ids, direction);
  fbk_gather_init (&refresh->gather, task, refresh_return);

  fbk_gather_add (&refresh->gather);
  for (guint i = 0; metering_point_ids[i] != NULL; i++)
    {
      if (self->store != NULL)
        {
          PlanOne *plan_one = g_new0 (PlanOne, 1);

          plan_one->task = g_object_ref (task);
          plan_one->index = i;
          fbk_gather_add (&refresh->gather);
          fbk_store_plan_refresh_async (self->store, metering_point_ids[i], direction, from, to, now,
                                        fbk_gather_get_cancellable (&refresh->gather),
                                        on_refresh_planned_cb, plan_one);
        }
      else
        start_fetches (task, i, from, to);
    }
  fbk_gather_done (&refresh->gather, NULL);
}

FbkRefreshResult *
fbk_repository_refresh_values_finish (FbkRepository  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
