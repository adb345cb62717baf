/* fbk-repository.c: meter data from the offline store and from Elvia
 *
 * The views never talk to the client or the store directly; they ask the
 * repository. Reading is two steps so a window opens at once: read what is
 * stored (fast, works offline), show it, then refresh: ask the store which
 * ranges are missing or still unverified, fetch only those from Elvia, store
 * the answers as they arrive (a later failure loses nothing already fetched)
 * and read the merged result back.
 *
 * Without a store (forbruk-cli --no-cache) a refresh fetches the whole period.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-cancellable.h"
#include "fbk-repository.h"

struct _FbkRepository
{
  GObject     parent_instance;

  FbkClient  *client;
  FbkStore   *store;    /* nullable */
  GListStore *meters;   /* FbkMeteringPoint */
};

G_DEFINE_FINAL_TYPE (FbkRepository, fbk_repository, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------ */
/* Meters                                                                   */
/* ------------------------------------------------------------------------ */

static FbkMeteringPoint *
find_or_add_meter (FbkRepository *self,
                   const char    *metering_point_id)
{
  FbkMeteringPoint *meter = fbk_repository_find_meter (self, metering_point_id);

  if (meter == NULL)
    {
      g_autoptr(FbkMeteringPoint) added = fbk_metering_point_new (metering_point_id);

      g_list_store_append (self->meters, added);
      meter = added;
    }

  return meter;
}

static void
on_stored_meters_listed_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FbkRepository *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) stored = NULL;
  GError *error = NULL;

  stored = fbk_store_list_meters_finish (FBK_STORE (object), result, &error);
  if (stored == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < stored->len; i++)
    {
      const FbkStoreMeter *facts = g_ptr_array_index (stored, i);
      FbkMeteringPoint *meter = find_or_add_meter (self, facts->metering_point_id);

      fbk_metering_point_set_name (meter, facts->name);
      fbk_metering_point_set_contract_start (meter, facts->contract_start);
      fbk_metering_point_set_contract_end (meter, facts->contract_end);
      fbk_metering_point_set_produces (meter, facts->produces);
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * fbk_repository_load_meters_async:
 *
 * Fills the meters model with the metering points known from earlier runs.
 * Never touches the network.
 */
void
fbk_repository_load_meters_async (FbkRepository       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FBK_IS_REPOSITORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_repository_load_meters_async);

  if (self->store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  fbk_store_list_meters_async (self->store, cancellable, on_stored_meters_listed_cb,
                               g_steal_pointer (&task));
}

gboolean
fbk_repository_load_meters_finish (FbkRepository  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_meter_noted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  guint *n_noting = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The meter list still works from memory; the next run discovers again. */
  if (!fbk_store_note_meter_finish (FBK_STORE (object), result, &error))
    g_warning ("Could not store a metering point: %s", error->message);

  if (--*n_noting == 0)
    g_task_return_boolean (task, TRUE);
}

static void
on_meters_discovered_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FbkRepository *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  FbkInstant now = fbk_client_get_now (self->client);
  guint *n_noting = g_task_get_task_data (task);
  GError *error = NULL;

  found = fbk_client_discover_finish (FBK_CLIENT (object), result, &error);
  if (found == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The model becomes exactly what the token covers now, keeping the names
   * the user gave; stored data of meters no longer covered stays stored. */
  kept = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < found->len; i++)
    {
      FbkMeteringPoint *fresh = g_ptr_array_index (found, i);
      const char *id = fbk_metering_point_get_id (fresh);
      FbkMeteringPoint *known = fbk_repository_find_meter (self, id);
      FbkMeteringPoint *meter = known != NULL ? known : fresh;

      fbk_metering_point_set_contract_start (meter, fbk_metering_point_get_contract_start (fresh));
      fbk_metering_point_set_contract_end (meter, fbk_metering_point_get_contract_end (fresh));
      fbk_metering_point_set_produces (meter, fbk_metering_point_get_produces (fresh));
      g_ptr_array_add (kept, g_object_ref (meter));

      if (self->store != NULL)
        {
          (*n_noting)++;
          fbk_store_note_meter_async (self->store, id,
                                      fbk_metering_point_get_contract_start (meter),
                                      fbk_metering_point_get_contract_end (meter),
                                      fbk_metering_point_get_produces (meter),
                                      now, NULL, on_meter_noted_cb, g_object_ref (task));
        }
    }

  g_list_store_splice (self->meters, 0, g_list_model_get_n_items (G_LIST_MODEL (self->meters)),
                       kept->pdata, kept->len);

  /* Done once the store has them, so that a program ending right after
   * (forbruk-cli meters) leaves them noted for a run without network. */
  if (*n_noting == 0)
    g_task_return_boolean (task, TRUE);
}

/**
 * fbk_repository_discover_meters_async:
 *
 * Asks Elvia which metering points the token covers and makes the meters
 * model exactly that list.
 */
void
fbk_repository_discover_meters_async (FbkRepository       *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FBK_IS_REPOSITORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_repository_discover_meters_async);
  g_task_set_task_data (task, g_new0 (guint, 1), g_free);

  fbk_client_discover_async (self->client, cancellable, on_meters_discovered_cb, task);
}

gboolean
fbk_repository_discover_meters_finish (FbkRepository  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_meter_renamed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!fbk_store_set_meter_name_finish (FBK_STORE (object), result, &error))
    g_warning ("Could not store the name of a metering point: %s", error->message);
}

/**
 * fbk_repository_rename_meter:
 * @name: (nullable): the name the user gave, or %NULL for the default
 */
void
fbk_repository_rename_meter (FbkRepository *self,
                             const char    *metering_point_id,
                             const char    *name)
{
  FbkMeteringPoint *meter;

  g_return_if_fail (FBK_IS_REPOSITORY (self));

  if (name != NULL && *name == '\0')
    name = NULL;

  meter = fbk_repository_find_meter (self, metering_point_id);
  if (meter != NULL)
    fbk_metering_point_set_name (meter, name);

  if (self->store != NULL)
    fbk_store_set_meter_name_async (self->store, metering_point_id, name, NULL,
                                    on_meter_renamed_cb, NULL);
}

/* ------------------------------------------------------------------------ */
/* Reading stored values                                                    */
/* ------------------------------------------------------------------------ */

/* Elvia verifies values by the next morning, except for meters in
 * Innlandet, which it reports as unverified forever. A meter with a day's
 * worth of values older than a week and not one of them verified is such a
 * meter; the UI explains the badge. */
#define SETTLED_AGE (7 * 24 * FBK_SECONDS_PER_HOUR)
#define SETTLED_MIN_VALUES 24

static void
note_verification_habit (FbkRepository *self,
                         FbkSeries     *series)
{
  FbkMeteringPoint *meter = fbk_repository_find_meter (self, fbk_series_get_metering_point_id (series));
  FbkInstant settled_before = fbk_client_get_now (self->client) - SETTLED_AGE;
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

typedef struct
{
  GPtrArray *series;        /* FbkSeries, parallel to the asked ids */
  guint      n_outstanding;
  GError    *error;
} ReadValues;

static void
read_values_free (gpointer data)
{
  ReadValues *read = data;

  g_clear_pointer (&read->series, g_ptr_array_unref);
  g_clear_error (&read->error);
  g_free (read);
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
      note_verification_habit (g_task_get_source_object (task), one->series);
    }
  else if (read->error == NULL)
    read->error = g_steal_pointer (&error);
  g_free (one);

  if (--read->n_outstanding > 0)
    return;

  if (read->error != NULL)
    g_task_return_error (task, g_steal_pointer (&read->error));
  else
    g_task_return_pointer (task, g_ptr_array_ref (read->series), (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
new_series_for (const char * const *ids,
                FbkDirection        direction)
{
  GPtrArray *series = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (series, fbk_series_new (ids[i], direction));

  return series;
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
  read->series = new_series_for (metering_point_ids, direction);
  g_task_set_task_data (task, read, read_values_free);

  if (self->store == NULL || read->series->len == 0)
    {
      g_task_return_pointer (task, g_ptr_array_ref (read->series), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  read->n_outstanding = read->series->len;
  for (guint i = 0; i < read->series->len; i++)
    {
      ReadOne *one = g_new0 (ReadOne, 1);

      one->task = g_object_ref (task);
      one->series = g_ptr_array_index (read->series, i);
      fbk_store_load_async (self->store, metering_point_ids[i], direction, from, to,
                            cancellable, on_values_loaded_cb, one);
    }
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
/* Refreshing from Elvia                                                    */
/* ------------------------------------------------------------------------ */

typedef struct
{
  FbkRepository   *self;           /* borrowed from the task */
  GStrv            ids;
  FbkInstant       from;
  FbkInstant       to;
  FbkDirection     direction;
  GCancellable    *caller;         /* the caller's cancellable, or NULL */
  GCancellable    *cancellable;    /* ours: the first failure stops the rest */
  gulong           cancelled_id;
  GPtrArray       *fetched;        /* FbkSeries per id, for the store-less case */
  GArray          *dropped;        /* FbkRangeDrop */
  guint            n_outstanding;  /* plans, fetches and imports still running */
  guint            n_requests;
  guint            requests_done;
  guint            requests_total;
  GError          *error;
  FbkProgressFunc  progress;
  gpointer         progress_data;
} Refresh;

static void
refresh_free (gpointer data)
{
  Refresh *refresh = data;

  g_strfreev (refresh->ids);
  if (refresh->cancelled_id != 0)
    g_cancellable_disconnect (refresh->caller, refresh->cancelled_id);
  g_clear_object (&refresh->caller);
  g_clear_object (&refresh->cancellable);
  g_clear_pointer (&refresh->fetched, g_ptr_array_unref);
  g_clear_pointer (&refresh->dropped, g_array_unref);
  g_clear_error (&refresh->error);
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

static void
refresh_fail (Refresh *refresh,
              GError  *error)
{
  if (refresh->error == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    refresh->error = g_error_copy (error);
  g_cancellable_cancel (refresh->cancellable);
}

static void
on_refreshed_values_read_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(FbkRefreshResult) refreshed = g_new0 (FbkRefreshResult, 1);
  GError *error = NULL;

  refreshed->series = fbk_repository_read_values_finish (FBK_REPOSITORY (object), result, &error);
  if (refreshed->series == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  refreshed->dropped = g_steal_pointer (&refresh->dropped);
  refreshed->n_requests = refresh->n_requests;
  g_task_return_pointer (task, g_steal_pointer (&refreshed), (GDestroyNotify) fbk_refresh_result_free);
}

/* One step of the refresh (a plan, a fetch, an import) is done. */
static void
refresh_step_done (GTask *task)
{
  Refresh *refresh = g_task_get_task_data (task);
  GCancellable *caller = g_task_get_cancellable (task);

  if (--refresh->n_outstanding > 0)
    return;

  if (g_cancellable_is_cancelled (caller))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
      return;
    }
  if (refresh->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&refresh->error));
      return;
    }

  if (refresh->self->store == NULL)
    {
      g_autoptr(FbkRefreshResult) refreshed = g_new0 (FbkRefreshResult, 1);

      refreshed->series = g_steal_pointer (&refresh->fetched);
      refreshed->dropped = g_steal_pointer (&refresh->dropped);
      refreshed->n_requests = refresh->n_requests;
      g_task_return_pointer (task, g_steal_pointer (&refreshed), (GDestroyNotify) fbk_refresh_result_free);
      return;
    }

  /* Read back from the store, which merged every answer with what it had. */
  fbk_repository_read_values_async (refresh->self, (const char * const *) refresh->ids,
                                    refresh->from, refresh->to, refresh->direction,
                                    caller, on_refreshed_values_read_cb, g_object_ref (task));
}

typedef struct
{
  GTask      *task;
  guint       index;          /* into refresh->ids */
  FbkInstant  from;
  FbkInstant  to;
  guint       requests_done;  /* this fetch's share of the progress */
} Fetch;

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

static void
on_fetch_imported_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!fbk_store_import_finish (FBK_STORE (object), result, NULL, &error))
    refresh_fail (refresh, error);

  refresh_step_done (task);
}

static void
on_fetch_progress (guint    done,
                   guint    total,
                   gpointer user_data)
{
  Fetch *fetch = user_data;
  Refresh *refresh = g_task_get_task_data (fetch->task);

  refresh->requests_done += done - fetch->requests_done;
  fetch->requests_done = done;

  if (refresh->progress != NULL)
    refresh->progress (refresh->requests_done, refresh->requests_total, refresh->progress_data);
}

static void
on_fetch_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GTask) task = fetch->task;
  Refresh *refresh = g_task_get_task_data (task);
  FbkRepository *self = refresh->self;
  g_autoptr(FbkValuesResult) values = NULL;
  g_autoptr(GError) error = NULL;

  values = fbk_client_fetch_values_finish (FBK_CLIENT (object), result, &error);
  if (values == NULL)
    {
      refresh_fail (refresh, error);
      g_free (fetch);
      refresh_step_done (task);
      return;
    }

  refresh->n_requests += values->n_requests;
  append_drops (refresh->dropped, values->dropped);

  if (self->store != NULL)
    {
      FbkSeries *series = g_ptr_array_index (values->series, 0);
      guint n = 0;
      const FbkInterval *intervals = fbk_series_get_intervals (series, &n);
      g_autoptr(GArray) batch = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), n);

      g_array_append_vals (batch, intervals, n);
      refresh->n_outstanding++;
      fbk_store_import_async (self->store, refresh->ids[fetch->index], refresh->direction,
                              fetch->from, fetch->to, fbk_client_get_now (self->client),
                              batch, NULL, on_fetch_imported_cb, g_object_ref (task));
    }
  else
    {
      FbkSeries *series = g_ptr_array_index (values->series, 0);
      guint n = 0;
      const FbkInterval *intervals = fbk_series_get_intervals (series, &n);

      fbk_series_upsert (g_ptr_array_index (refresh->fetched, fetch->index), intervals, n);
      note_verification_habit (self, g_ptr_array_index (refresh->fetched, fetch->index));
    }

  g_free (fetch);
  refresh_step_done (task);
}

static FbkPlanMeter
plan_meter_for (FbkRepository *self,
                const char    *id)
{
  FbkMeteringPoint *meter = fbk_repository_find_meter (self, id);
  FbkPlanMeter plan_meter = { id, FBK_INSTANT_INVALID };

  if (meter != NULL)
    plan_meter.contract_start = fbk_metering_point_get_contract_start (meter);

  return plan_meter;
}

static void
start_fetch (GTask      *task,
             guint       index,
             FbkInstant  from,
             FbkInstant  to)
{
  Refresh *refresh = g_task_get_task_data (task);
  FbkRepository *self = refresh->self;
  FbkPlanMeter plan_meter = plan_meter_for (self, refresh->ids[index]);
  g_autoptr(FbkRangePlan) plan = NULL;

  /* A client operation hands back all of its requests or none, so each
   * request the API will get is an operation of its own: every answer is
   * stored as it arrives, and a failure later on loses nothing before it. */
  plan = fbk_range_plan (&plan_meter, 1, from, to, refresh->direction, fbk_client_get_now (self->client));
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

      refresh->n_outstanding++;
      fbk_client_fetch_values_async (self->client, &plan_meter, 1, request->from, request->to,
                                     refresh->direction, on_fetch_progress, fetch, refresh->cancellable,
                                     on_fetch_done_cb, fetch);
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
  if (ranges == NULL)
    refresh_fail (refresh, error);

  for (guint i = 0; ranges != NULL && i < ranges->len && refresh->error == NULL; i++)
    {
      const FbkStoreRange *range = &g_array_index (ranges, FbkStoreRange, i);

      start_fetch (task, plan_one->index, range->from, range->to);
    }

  g_free (plan_one);
  refresh_step_done (task);
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
  FbkInstant now = fbk_client_get_now (self->client);
  Refresh *refresh;

  g_return_if_fail (FBK_IS_REPOSITORY (self));
  g_return_if_fail (metering_point_ids != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_repository_refresh_values_async);

  refresh = g_new0 (Refresh, 1);
  g_task_set_task_data (task, refresh, refresh_free);
  refresh->self = self;
  refresh->ids = g_strdupv ((char **) metering_point_ids);
  refresh->from = from;
  refresh->to = to;
  refresh->direction = direction;
  refresh->progress = progress;
  refresh->progress_data = progress_data;
  refresh->cancellable = g_cancellable_new ();
  refresh->dropped = g_array_new (FALSE, FALSE, sizeof (FbkRangeDrop));
  g_array_set_clear_func (refresh->dropped, range_drop_clear);
  refresh->fetched = new_series_for (metering_point_ids, direction);
  refresh->caller = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  refresh->cancelled_id = fbk_cancellable_chain (cancellable, refresh->cancellable);

  /* Held until every step has started, so no step can finish the task early. */
  refresh->n_outstanding = 1;

  for (guint i = 0; metering_point_ids[i] != NULL; i++)
    {
      if (self->store != NULL)
        {
          PlanOne *plan_one = g_new0 (PlanOne, 1);

          plan_one->task = g_object_ref (task);
          plan_one->index = i;
          refresh->n_outstanding++;
          fbk_store_plan_refresh_async (self->store, metering_point_ids[i], direction, from, to, now,
                                        refresh->cancellable, on_refresh_planned_cb, plan_one);
        }
      else
        start_fetch (task, i, from, to);
    }

  refresh_step_done (task);
}

FbkRefreshResult *
fbk_repository_refresh_values_finish (FbkRepository  *self,
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
  g_clear_object (&self->store);
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
}

/**
 * fbk_repository_new:
 * @store: (nullable): the offline store, or %NULL to keep nothing
 */
FbkRepository *
fbk_repository_new (FbkClient *client,
                    FbkStore  *store)
{
  FbkRepository *self;

  g_return_val_if_fail (FBK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (store == NULL || FBK_IS_STORE (store), NULL);

  self = g_object_new (FBK_TYPE_REPOSITORY, NULL);
  self->client = g_object_ref (client);
  self->store = store != NULL ? g_object_ref (store) : NULL;

  return self;
}

FbkClient *
fbk_repository_get_client (FbkRepository *self)
{
  g_return_val_if_fail (FBK_IS_REPOSITORY (self), NULL);

  return self->client;
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
