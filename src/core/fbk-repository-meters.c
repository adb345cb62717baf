/* fbk-repository-meters.c: which metering points there are
 *
 * The meters model holds what earlier runs stored (loaded without the
 * network) and becomes exactly what the token covers once Elvia has been
 * asked (discovered), keeping the names the user gave.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-gather.h"
#include "fbk-repository-private.h"

/* The API has no list of meters: every meter on the token answers a
 * request that names none, even with no values yet. Consumption is asked
 * for over the last completed hours; production, to tell plusskunder apart,
 * over this many days. */
#define DISCOVER_CONSUMPTION_HOURS 3
#define PRODUCTION_PROBE_DAYS 7

/* ------------------------------------------------------------------------ */
/* Stored meters                                                            */
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
      if (facts->last_seen != FBK_INSTANT_INVALID &&
          (self->last_discovered == FBK_INSTANT_INVALID || facts->last_seen > self->last_discovered))
        self->last_discovered = facts->last_seen;
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

/* ------------------------------------------------------------------------ */
/* Discovery                                                                */
/* ------------------------------------------------------------------------ */

typedef struct
{
  FbkGather  asking;  /* the two requests to Elvia */
  FbkGather  noting;  /* then the store's notes of what they found */
  GPtrArray *found;   /* FbkMeteringPoint, as Elvia described them */
} Discover;

static void
discover_free (gpointer data)
{
  Discover *discover = data;

  fbk_gather_clear (&discover->asking);
  fbk_gather_clear (&discover->noting);
  g_clear_pointer (&discover->found, g_ptr_array_unref);
  g_free (discover);
}

static FbkMeteringPoint *
discover_find_or_add (Discover   *discover,
                      const char *id)
{
  FbkMeteringPoint *meter;

  for (guint i = 0; i < discover->found->len; i++)
    {
      meter = g_ptr_array_index (discover->found, i);
      if (g_strcmp0 (fbk_metering_point_get_id (meter), id) == 0)
        return meter;
    }

  meter = fbk_metering_point_new (id);
  g_ptr_array_add (discover->found, meter);
  return meter;
}

static void
on_discovered_meter_values_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Discover *discover = g_task_get_task_data (task);
  g_autoptr(GPtrArray) answered = NULL;
  g_autoptr(GError) error = NULL;

  answered = fbk_client_fetch_values_finish (FBK_CLIENT (object), result, &error);
  for (guint i = 0; answered != NULL && i < answered->len; i++)
    {
      FbkMeterValues *values = g_ptr_array_index (answered, i);
      GArray *produced = values->intervals[FBK_DIRECTION_PRODUCTION];
      FbkMeteringPoint *meter;

      if (!fbk_metering_point_id_is_valid (values->metering_point_id))
        continue;

      meter = discover_find_or_add (discover, values->metering_point_id);
      if (values->contract_start != FBK_INSTANT_INVALID)
        fbk_metering_point_set_contract_start (meter, values->contract_start);
      if (values->contract_end != FBK_INSTANT_INVALID)
        fbk_metering_point_set_contract_end (meter, values->contract_end);
      if (produced != NULL && produced->len > 0)
        fbk_metering_point_set_produces (meter, TRUE);
    }

  fbk_gather_done (&discover->asking, error);
}

static void
discover_return (GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

static void
on_meter_noted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Discover *discover = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The meter list still works from memory; the next run discovers again.
   * A store that cannot be written (read-only, locked) is no bug: what
   * needs it says so to the person (the refresh that fails to store). */
  if (!fbk_store_note_meter_finish (FBK_STORE (object), result, &error))
    g_debug ("Could not store a metering point: %s", error->message);

  fbk_gather_done (&discover->noting, NULL);
}

/* Both answers are in: the model becomes exactly what the token covers
 * now, keeping the names the user gave; stored data of meters no longer
 * covered stays stored. */
static void
discover_apply (GTask *task)
{
  FbkRepository *self = g_task_get_source_object (task);
  Discover *discover = g_task_get_task_data (task);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  FbkInstant now = _fbk_repository_now (self);

  /* Done once the store has them, so that a program ending right after
   * (forbruk-cli meters) leaves them noted for a run without network. */
  fbk_gather_init (&discover->noting, task, discover_return);
  fbk_gather_add (&discover->noting);

  for (guint i = 0; i < discover->found->len; i++)
    {
      FbkMeteringPoint *fresh = g_ptr_array_index (discover->found, i);
      const char *id = fbk_metering_point_get_id (fresh);
      FbkMeteringPoint *known = fbk_repository_find_meter (self, id);
      FbkMeteringPoint *meter = known != NULL ? known : fresh;

      fbk_metering_point_set_contract_start (meter, fbk_metering_point_get_contract_start (fresh));
      fbk_metering_point_set_contract_end (meter, fbk_metering_point_get_contract_end (fresh));
      /* A week without production (a solar house in December) does not
       * make a producer a consumer: what it produced before still says so. */
      fbk_metering_point_set_produces (meter, fbk_metering_point_get_produces (fresh) ||
                                              (known != NULL && fbk_metering_point_get_produces (known)));
      g_ptr_array_add (kept, g_object_ref (meter));

      if (self->store != NULL)
        {
          fbk_gather_add (&discover->noting);
          fbk_store_note_meter_async (self->store, id,
                                      fbk_metering_point_get_contract_start (meter),
                                      fbk_metering_point_get_contract_end (meter),
                                      fbk_metering_point_get_produces (meter),
                                      now, NULL, on_meter_noted_cb, g_object_ref (task));
        }
    }

  g_list_store_splice (self->meters, 0, g_list_model_get_n_items (G_LIST_MODEL (self->meters)),
                       kept->pdata, kept->len);
  self->last_discovered = now;
  fbk_gather_done (&discover->noting, NULL);
}

static void
ask (GTask        *task,
     FbkInstant    from,
     FbkInstant    to,
     FbkDirection  direction)
{
  FbkRepository *self = g_task_get_source_object (task);
  Discover *discover = g_task_get_task_data (task);

  fbk_gather_add (&discover->asking);
  fbk_client_fetch_values_async (self->client, NULL, from, to, direction,
                                 fbk_gather_get_cancellable (&discover->asking),
                                 on_discovered_meter_values_cb, g_object_ref (task));
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
  g_autoptr(GTask) task = NULL;
  FbkInstant hour = fbk_time_period_start (_fbk_repository_now (self), FBK_RESOLUTION_HOUR);
  Discover *discover;

  g_return_if_fail (FBK_IS_REPOSITORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_repository_discover_meters_async);

  discover = g_new0 (Discover, 1);
  discover->found = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, discover, discover_free);
  fbk_gather_init (&discover->asking, task, discover_apply);

  fbk_gather_add (&discover->asking);
  ask (task, hour - DISCOVER_CONSUMPTION_HOURS * FBK_SECONDS_PER_HOUR, hour, FBK_DIRECTION_CONSUMPTION);
  ask (task, hour - PRODUCTION_PROBE_DAYS * 24 * FBK_SECONDS_PER_HOUR, hour, FBK_DIRECTION_PRODUCTION);
  fbk_gather_done (&discover->asking, NULL);
}

/**
 * fbk_repository_needs_discovery:
 * @needed: (nullable): metering point ids a command names
 *
 * Discovery is two requests, and the meters on a token seldom change: it
 * is needed only when no meter is known, when one of @needed is not, or
 * when the last discovery (this run's, or the store's) is older than
 * %FBK_REPOSITORY_DISCOVERY_STALE. An explicit refresh discovers anyway.
 */
gboolean
fbk_repository_needs_discovery (FbkRepository      *self,
                                const char * const *needed)
{
  g_return_val_if_fail (FBK_IS_REPOSITORY (self), TRUE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->meters)) == 0 ||
      self->last_discovered == FBK_INSTANT_INVALID ||
      _fbk_repository_now (self) - self->last_discovered >= FBK_REPOSITORY_DISCOVERY_STALE)
    return TRUE;

  for (guint i = 0; needed != NULL && needed[i] != NULL; i++)
    {
      if (fbk_repository_find_meter (self, needed[i]) == NULL)
        return TRUE;
    }
  return FALSE;
}

gboolean
fbk_repository_discover_meters_finish (FbkRepository  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Names                                                                    */
/* ------------------------------------------------------------------------ */

static void
on_meter_renamed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The name stays in the model for this run; see on_meter_noted_cb(). */
  if (!fbk_store_set_meter_name_finish (FBK_STORE (object), result, &error))
    g_debug ("Could not store the name of a metering point: %s", error->message);
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
