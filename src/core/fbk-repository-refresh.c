/* fbk-repository-refresh.c: fetching from Elvia what the store lacks
 *
 * One refresh is one plan and one queue for everything it needs: first the
 * store says, for each meter and direction, which ranges are missing or
 * still unverified (fbk_store_plan_refresh_async()), and the range planner
 * cuts them into requests the API accepts; then all the requests go to the
 * client together, newest first, so a view fills from the present
 * backwards. Each request is one client call, and its answer goes into the
 * store as soon as it arrives, so a failure later on loses nothing before
 * it. Once every call is done the merged values are read back from the
 * store. Production is asked for only of meters not known not to produce.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-gather.h"
#include "fbk-repository-private.h"

/* One request of the refresh: a range of one meter in one direction. */
typedef struct
{
  guint         index;      /* into refresh->ids */
  FbkDirection  direction;
  FbkInstant    from;
  FbkInstant    to;
} Wanted;

typedef struct
{
  FbkGather        planning;       /* the store's plans */
  FbkGather        fetching;       /* the requests and the imports of their answers */
  FbkGather        reading;        /* reading the merged values back */
  GStrv            ids;
  GStrv            ids_by_direction[2];  /* the meters of each direction refreshed */
  FbkInstant       from;
  FbkInstant       to;
  GArray          *wanted;         /* Wanted, from every plan */
  GPtrArray       *series[2];      /* FbkSeries per meter of ids_by_direction */
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

  fbk_gather_clear (&refresh->planning);
  fbk_gather_clear (&refresh->fetching);
  fbk_gather_clear (&refresh->reading);
  g_strfreev (refresh->ids);
  for (guint d = 0; d < G_N_ELEMENTS (refresh->series); d++)
    {
      g_strfreev (refresh->ids_by_direction[d]);
      g_clear_pointer (&refresh->series[d], g_ptr_array_unref);
    }
  g_clear_pointer (&refresh->wanted, g_array_unref);
  g_clear_pointer (&refresh->dropped, g_array_unref);
  g_free (refresh);
}

void
fbk_refresh_result_free (FbkRefreshResult *result)
{
  if (result == NULL)
    return;

  for (guint d = 0; d < G_N_ELEMENTS (result->series); d++)
    g_clear_pointer (&result->series[d], g_ptr_array_unref);
  g_clear_pointer (&result->dropped, g_array_unref);
  g_free (result);
}

/* --- reading back ---------------------------------------------------------- */

static void
refresh_return (GTask *task)
{
  Refresh *refresh = g_task_get_task_data (task);
  FbkRefreshResult *refreshed = g_new0 (FbkRefreshResult, 1);

  for (guint d = 0; d < G_N_ELEMENTS (refresh->series); d++)
    refreshed->series[d] = g_steal_pointer (&refresh->series[d]);
  refreshed->dropped = g_steal_pointer (&refresh->dropped);
  refreshed->n_requests = refresh->requests_total;
  g_task_return_pointer (task, refreshed, (GDestroyNotify) fbk_refresh_result_free);
}

typedef struct
{
  GTask        *task;
  FbkDirection  direction;
} ReadBack;

static void
on_read_back_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReadBack *read = user_data;
  g_autoptr(GTask) task = read->task;
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GPtrArray *series;

  series = fbk_repository_read_values_finish (FBK_REPOSITORY (object), result, &error);
  if (series != NULL)
    {
      g_clear_pointer (&refresh->series[read->direction], g_ptr_array_unref);
      refresh->series[read->direction] = series;
    }
  g_free (read);
  fbk_gather_done (&refresh->reading, error);
}

/* Every fetch and import is done: read back from the store, which merged
 * every answer with what it had. */
static void
fetching_done (GTask *task)
{
  Refresh *refresh = g_task_get_task_data (task);
  FbkRepository *self = g_task_get_source_object (task);

  fbk_gather_init (&refresh->reading, task, refresh_return);
  fbk_gather_add (&refresh->reading);
  for (FbkDirection d = FBK_DIRECTION_CONSUMPTION; self->store != NULL && d <= FBK_DIRECTION_PRODUCTION; d++)
    {
      ReadBack *read;

      if (refresh->ids_by_direction[d] == NULL)
        continue;

      read = g_new0 (ReadBack, 1);
      read->task = g_object_ref (task);
      read->direction = d;
      fbk_gather_add (&refresh->reading);
      fbk_repository_read_values_async (self, (const char * const *) refresh->ids_by_direction[d],
                                        refresh->from, refresh->to, d, fbk_gather_get_cancellable (&refresh->reading),
                                        on_read_back_cb, read);
    }
  fbk_gather_done (&refresh->reading, NULL);
}

/* --- fetching -------------------------------------------------------------- */

typedef struct
{
  GTask  *task;
  Wanted  wanted;
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
  fbk_gather_done (&refresh->fetching, error);
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

/* The series of refresh->series[@direction] of the meter @id. */
static FbkSeries *
fetched_series (Refresh      *refresh,
                FbkDirection  direction,
                const char   *id)
{
  for (guint i = 0; i < refresh->series[direction]->len; i++)
    {
      FbkSeries *series = g_ptr_array_index (refresh->series[direction], i);

      if (g_strcmp0 (fbk_series_get_metering_point_id (series), id) == 0)
        return series;
    }
  g_return_val_if_reached (NULL);
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
  const Wanted *wanted = &fetch->wanted;
  const char *id = refresh->ids[wanted->index];
  g_autoptr(GPtrArray) answered = NULL;
  g_autoptr(GError) error = NULL;
  GArray *intervals;

  answered = fbk_client_fetch_values_finish (FBK_CLIENT (object), result, &error);
  if (answered == NULL)
    {
      g_free (fetch);
      fbk_gather_done (&refresh->fetching, error);
      return;
    }

  refresh->requests_done++;
  if (refresh->progress != NULL && !fbk_gather_failed (&refresh->fetching))
    refresh->progress (refresh->requests_done, refresh->requests_total, refresh->progress_data);

  intervals = answered_values (answered, id, wanted->direction);
  if (self->store != NULL)
    {
      g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (FbkInterval));

      /* Imported even when a sibling failed meanwhile: it has arrived. */
      fbk_gather_add (&refresh->fetching);
      fbk_store_import_async (self->store, id, wanted->direction, wanted->from, wanted->to,
                              _fbk_repository_now (self), intervals != NULL ? intervals : none,
                              NULL, on_fetch_imported_cb, g_object_ref (task));
    }
  else if (intervals != NULL)
    {
      FbkSeries *series = fetched_series (refresh, wanted->direction, id);

      fbk_series_upsert (series, (const FbkInterval *) intervals->data, intervals->len);
      _fbk_repository_note_verification_habit (self, series);
    }

  g_free (fetch);
  fbk_gather_done (&refresh->fetching, NULL);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const Wanted *wa = a;
  const Wanted *wb = b;

  if (wa->to != wb->to)
    return (wa->to < wb->to) - (wa->to > wb->to);
  if (wa->index != wb->index)
    return (wa->index > wb->index) - (wa->index < wb->index);
  return (int) wa->direction - (int) wb->direction;
}

/* Every plan is in: send all the requests, newest first. */
static void
planning_done (GTask *task)
{
  Refresh *refresh = g_task_get_task_data (task);
  FbkRepository *self = g_task_get_source_object (task);

  g_array_sort (refresh->wanted, compare_newest_first);
  refresh->requests_total = refresh->wanted->len;

  fbk_gather_init (&refresh->fetching, task, fetching_done);
  fbk_gather_add (&refresh->fetching);
  for (guint i = 0; i < refresh->wanted->len; i++)
    {
      Fetch *fetch = g_new0 (Fetch, 1);

      fetch->task = g_object_ref (task);
      fetch->wanted = g_array_index (refresh->wanted, Wanted, i);
      fbk_gather_add (&refresh->fetching);
      fbk_client_fetch_values_async (self->client, refresh->ids[fetch->wanted.index], fetch->wanted.from,
                                     fetch->wanted.to, fetch->wanted.direction,
                                     fbk_gather_get_cancellable (&refresh->fetching), on_fetched_cb, fetch);
    }
  fbk_gather_done (&refresh->fetching, NULL);
}

/* --- planning -------------------------------------------------------------- */

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

/* Cuts [@from, @to) of one meter into requests the API accepts. */
static void
plan_requests (GTask        *task,
               guint         index,
               FbkDirection  direction,
               FbkInstant    from,
               FbkInstant    to)
{
  Refresh *refresh = g_task_get_task_data (task);
  FbkRepository *self = g_task_get_source_object (task);
  FbkMeteringPoint *meter = fbk_repository_find_meter (self, refresh->ids[index]);
  FbkPlanMeter plan_meter = { refresh->ids[index], FBK_INSTANT_INVALID };
  g_autoptr(FbkRangePlan) plan = NULL;

  if (self->offline)
    return;
  if (meter != NULL)
    plan_meter.contract_start = fbk_metering_point_get_contract_start (meter);

  plan = fbk_range_plan (&plan_meter, 1, from, to, direction, _fbk_repository_now (self));
  append_drops (refresh->dropped, plan->dropped);

  for (guint i = 0; i < plan->requests->len; i++)
    {
      const FbkRangeRequest *request = &g_array_index (plan->requests, FbkRangeRequest, i);
      Wanted wanted = { index, direction, request->from, request->to };

      g_array_append_val (refresh->wanted, wanted);
    }
}

typedef struct
{
  GTask        *task;
  guint         index;
  FbkDirection  direction;
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
  for (guint i = 0; ranges != NULL && i < ranges->len; i++)
    {
      const FbkStoreRange *range = &g_array_index (ranges, FbkStoreRange, i);

      plan_requests (task, plan_one->index, plan_one->direction, range->from, range->to);
    }

  g_free (plan_one);
  fbk_gather_done (&refresh->planning, error);
}

/* Production is asked for only of meters that produce, or may: a meter
 * the repository does not know yet could. */
static gboolean
may_produce (FbkRepository *self,
             const char    *id)
{
  FbkMeteringPoint *meter = fbk_repository_find_meter (self, id);

  return meter == NULL || fbk_metering_point_get_produces (meter);
}

/**
 * fbk_repository_refresh_async:
 * @what: the directions to refresh: consumption, production or both
 * @progress: (nullable): called with requests done and planned
 *
 * Fetches from Elvia what the store lacks for each meter over [@from, @to)
 * (never-fetched ranges, ranges still unverified, the last hours, holes
 * due again), in both directions at once if asked (production only of
 * meters that produce), newest first, stores it, and returns the merged
 * series. On failure, what was already fetched stays stored.
 */
void
fbk_repository_refresh_async (FbkRepository       *self,
                              const char * const  *metering_point_ids,
                              FbkInstant           from,
                              FbkInstant           to,
                              FbkRefreshWhat       what,
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
  g_task_set_source_tag (task, fbk_repository_refresh_async);

  refresh = g_new0 (Refresh, 1);
  g_task_set_task_data (task, refresh, refresh_free);
  refresh->ids = g_strdupv ((char **) metering_point_ids);
  refresh->from = from;
  refresh->to = to;
  refresh->progress = progress;
  refresh->progress_data = progress_data;
  refresh->wanted = g_array_new (FALSE, FALSE, sizeof (Wanted));
  refresh->dropped = g_array_new (FALSE, FALSE, sizeof (FbkRangeDrop));
  g_array_set_clear_func (refresh->dropped, fbk_range_drop_clear);

  for (FbkDirection d = FBK_DIRECTION_CONSUMPTION; d <= FBK_DIRECTION_PRODUCTION; d++)
    {
      g_autoptr(GStrvBuilder) builder = NULL;

      if (!(what & FBK_REFRESH_DIRECTION (d)))
        continue;

      builder = g_strv_builder_new ();
      for (guint i = 0; metering_point_ids[i] != NULL; i++)
        {
          if (d == FBK_DIRECTION_CONSUMPTION || may_produce (self, metering_point_ids[i]))
            g_strv_builder_add (builder, metering_point_ids[i]);
        }
      refresh->ids_by_direction[d] = g_strv_builder_end (builder);
      refresh->series[d] = _fbk_repository_new_series ((const char * const *) refresh->ids_by_direction[d], d);
    }

  fbk_gather_init (&refresh->planning, task, planning_done);
  fbk_gather_add (&refresh->planning);
  for (guint i = 0; metering_point_ids[i] != NULL; i++)
    {
      for (FbkDirection d = FBK_DIRECTION_CONSUMPTION; d <= FBK_DIRECTION_PRODUCTION; d++)
        {
          PlanOne *plan_one;

          if (refresh->ids_by_direction[d] == NULL ||
              !g_strv_contains ((const char * const *) refresh->ids_by_direction[d], metering_point_ids[i]))
            continue;

          if (self->store == NULL)
            {
              plan_requests (task, i, d, from, to);
              continue;
            }

          plan_one = g_new0 (PlanOne, 1);
          plan_one->task = g_object_ref (task);
          plan_one->index = i;
          plan_one->direction = d;
          fbk_gather_add (&refresh->planning);
          fbk_store_plan_refresh_async (self->store, metering_point_ids[i], d, from, to, now,
                                        fbk_gather_get_cancellable (&refresh->planning),
                                        on_refresh_planned_cb, plan_one);
        }
    }
  fbk_gather_done (&refresh->planning, NULL);
}

FbkRefreshResult *
fbk_repository_refresh_finish (FbkRepository  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
