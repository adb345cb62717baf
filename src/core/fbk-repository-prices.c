/* fbk-repository-prices.c: spot prices from the offline store and the
 * price service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-cancellable.h"
#include "fbk-repository-private.h"

/* A refresh of prices: the store says which days to ask for, the price
 * client asks (two at a time), each answer is stored as it comes, and the
 * result is read back from the store with what it knows of every day.
 * Prices are best effort: a day that cannot be fetched (offline, the
 * service failing) leaves the stored ones usable, and the first such
 * failure is handed back beside them (FbkPriceResult.fetch_error) rather
 * than instead of them. Without a store, the days are fetched each time
 * and kept in the result only. */
typedef struct
{
  char         *area;
  FbkInstant    from;
  FbkInstant    to;
  FbkInstant    now;
  GCancellable *cancellable;      /* ours: the first failure stops the other fetches */
  gulong        chain_id;
  GArray       *days;             /* FbkStorePriceDay */
  GArray       *fetched;          /* without a store: FbkSpotPrice of the days fetched */
  GArray       *loaded;           /* with one: what it holds for [from, to) after the fetches */
  guint         n_running;
  guint         n_done;
  guint         n_total;
  GError       *fetch_error;
  FbkProgressFunc progress;
  gpointer      progress_data;
} PriceRefresh;

static void
price_refresh_free (PriceRefresh *refresh)
{
  g_free (refresh->area);
  g_clear_object (&refresh->cancellable);
  g_clear_pointer (&refresh->days, g_array_unref);
  g_clear_pointer (&refresh->fetched, g_array_unref);
  g_clear_pointer (&refresh->loaded, g_array_unref);
  g_clear_error (&refresh->fetch_error);
  g_free (refresh);
}

void
fbk_price_result_free (FbkPriceResult *result)
{
  if (result == NULL)
    return;

  g_free (result->area);
  g_clear_pointer (&result->intervals, g_array_unref);
  g_clear_pointer (&result->hours, g_array_unref);
  g_clear_pointer (&result->days, g_array_unref);
  g_clear_error (&result->fetch_error);
  g_free (result);
}

static void
disconnect_caller (GTask *task)
{
  PriceRefresh *refresh = g_task_get_task_data (task);

  if (refresh->chain_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), refresh->chain_id);
  refresh->chain_id = 0;
}

static FbkStorePriceDay *
find_day (GArray  *days,
          FbkDate  day)
{
  for (guint i = 0; i < days->len; i++)
    {
      FbkStorePriceDay *state = &g_array_index (days, FbkStorePriceDay, i);

      if (fbk_date_compare (state->day, day) == 0)
        return state;
    }
  return NULL;
}

static void
return_result (GTask  *task,
               GArray *intervals)
{
  PriceRefresh *refresh = g_task_get_task_data (task);
  FbkPriceResult *result = g_new0 (FbkPriceResult, 1);

  disconnect_caller (task);
  if (g_task_return_error_if_cancelled (task))
    {
      fbk_price_result_free (result);
      return;
    }

  result->area = g_strdup (refresh->area);
  result->intervals = g_array_ref (intervals);
  result->hours = fbk_spot_prices_to_hours (intervals);
  result->days = g_steal_pointer (&refresh->days);
  result->fetch_error = g_steal_pointer (&refresh->fetch_error);
  result->n_requests = refresh->n_total;
  g_task_return_pointer (task, result, (GDestroyNotify) fbk_price_result_free);
}

static void
on_plan_after_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data);

static void
on_plan_after_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PriceRefresh *refresh = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_pointer (&refresh->days, g_array_unref);
  refresh->days = fbk_store_plan_prices_finish (FBK_STORE (object), result, &error);
  if (refresh->days == NULL)
    {
      disconnect_caller (task);
      g_task_return_error (task, error);
      return;
    }

  return_result (task, refresh->loaded);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PriceRefresh *refresh = g_task_get_task_data (task);
  GError *error = NULL;

  refresh->loaded = fbk_store_load_prices_finish (FBK_STORE (object), result, &error);
  if (refresh->loaded == NULL)
    {
      disconnect_caller (task);
      g_task_return_error (task, error);
      return;
    }

  /* What the store now says of each day, for the reasons shown. */
  fbk_store_plan_prices_async (FBK_STORE (object), refresh->area, refresh->from, refresh->to, refresh->now,
                               NULL, on_plan_after_cb, g_steal_pointer (&task));
}

static int
compare_price_starts (gconstpointer a,
                      gconstpointer b)
{
  const FbkSpotPrice *pa = a;
  const FbkSpotPrice *pb = b;

  return (pa->start > pb->start) - (pa->start < pb->start);
}

/* Every fetch is done: read back what is known. */
static void
all_fetched (GTask *task)
{
  FbkRepository *self = g_task_get_source_object (task);
  PriceRefresh *refresh = g_task_get_task_data (task);

  if (self->store == NULL)
    {
      g_autoptr(GArray) in_range = g_array_new (FALSE, FALSE, sizeof (FbkSpotPrice));

      /* Fetched newest day first, and in whole days. */
      g_array_sort (refresh->fetched, compare_price_starts);
      for (guint i = 0; i < refresh->fetched->len; i++)
        {
          const FbkSpotPrice *price = &g_array_index (refresh->fetched, FbkSpotPrice, i);

          if (price->start >= refresh->from && price->start < refresh->to)
            g_array_append_val (in_range, *price);
        }
      return_result (task, in_range);
      return;
    }

  fbk_store_load_prices_async (self->store, refresh->area, refresh->from, refresh->to,
                               NULL, on_loaded_cb, g_object_ref (task));
}

static void
fetch_done (GTask        *task,
            const GError *error)
{
  PriceRefresh *refresh = g_task_get_task_data (task);

  refresh->n_running--;
  refresh->n_done++;

  if (error != NULL && refresh->fetch_error == NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      refresh->fetch_error = g_error_copy (error);
      /* Offline, the other days would fail the same way, slowly. */
      g_cancellable_cancel (refresh->cancellable);
    }

  if (refresh->progress != NULL)
    refresh->progress (refresh->n_done, refresh->n_total, refresh->progress_data);

  if (refresh->n_running == 0)
    all_fetched (task);
}

static void
on_prices_stored_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  fbk_store_import_prices_finish (FBK_STORE (object), result, &error);
  fetch_done (task, error);
}

typedef struct
{
  GTask   *task;   /* owned */
  FbkDate  day;
} DayFetch;

static void
on_day_fetched_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DayFetch *fetch = user_data;
  g_autoptr(GTask) task = fetch->task;
  FbkRepository *self = g_task_get_source_object (task);
  PriceRefresh *refresh = g_task_get_task_data (task);
  FbkDate day = fetch->day;
  g_autoptr(GArray) prices = NULL;
  g_autoptr(GError) error = NULL;
  FbkStorePriceDay *state;

  g_free (fetch);
  prices = fbk_price_client_fetch_day_finish (FBK_PRICE_CLIENT (object), result, &error);
  if (prices == NULL)
    {
      fetch_done (task, error);
      return;
    }

  if (self->store != NULL)
    {
      fbk_store_import_prices_async (self->store, refresh->area, day, _fbk_repository_now (self),
                                     prices->len > 0 ? prices : NULL,
                                     NULL, on_prices_stored_cb, g_steal_pointer (&task));
      return;
    }

  state = find_day (refresh->days, day);
  state->state = prices->len > 0 ? FBK_PRICE_DAY_STORED : FBK_PRICE_DAY_MISSING;
  g_array_append_vals (refresh->fetched, prices->data, prices->len);
  fetch_done (task, NULL);
}

/* Asks for every day that is due, newest first: the days a person looks at
 * first are the recent ones. */
static void
fetch_due_days (GTask *task)
{
  FbkRepository *self = g_task_get_source_object (task);
  PriceRefresh *refresh = g_task_get_task_data (task);

  for (guint i = refresh->days->len; i-- > 0;)
    {
      const FbkStorePriceDay *state = &g_array_index (refresh->days, FbkStorePriceDay, i);
      DayFetch *fetch;

      if (state->state != FBK_PRICE_DAY_DUE || self->price_client == NULL || self->offline)
        continue;

      fetch = g_new0 (DayFetch, 1);
      fetch->task = g_object_ref (task);
      fetch->day = state->day;
      refresh->n_running++;
      refresh->n_total++;
      fbk_price_client_fetch_day_async (self->price_client, refresh->area, state->day,
                                        refresh->cancellable, on_day_fetched_cb, fetch);
    }

  if (self->offline && refresh->fetch_error == NULL)
    for (guint i = 0; i < refresh->days->len; i++)
      if (g_array_index (refresh->days, FbkStorePriceDay, i).state == FBK_PRICE_DAY_DUE)
        {
          refresh->fetch_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE,
                                                      _("not fetched, as Forbruk works offline"));
          break;
        }

  if (refresh->n_total == 0)
    all_fetched (task);
  else if (refresh->progress != NULL)
    refresh->progress (0, refresh->n_total, refresh->progress_data);
}

static void
on_plan_before_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PriceRefresh *refresh = g_task_get_task_data (task);
  GError *error = NULL;

  refresh->days = fbk_store_plan_prices_finish (FBK_STORE (object), result, &error);
  if (refresh->days == NULL)
    {
      disconnect_caller (task);
      g_task_return_error (task, error);
      return;
    }

  fetch_due_days (task);
}

/* Without a store every day is due but those not published yet. */
static GArray *
plan_without_store (PriceRefresh *refresh)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (FbkStorePriceDay));
  FbkDate last = fbk_time_oslo_date (refresh->to - 1);

  for (FbkDate day = fbk_time_oslo_date (refresh->from);
       fbk_date_compare (day, last) <= 0;
       day = fbk_date_add_days (day, 1))
    {
      FbkStorePriceDay state = fbk_store_price_day_state (day, FALSE, 0, 0, refresh->now);

      g_array_append_val (days, state);
    }
  return days;
}

/**
 * fbk_repository_fetch_prices_async:
 * @area: the price area as the service spells it ("NO1" … "NO5")
 * @from: the first instant whose price is needed
 * @to: the end of the range (exclusive)
 * @progress: (nullable): called after each day fetched
 *
 * The spot prices of [@from, @to): those stored, and those of the days
 * not stored yet fetched first (each day once, ever; a day the service
 * does not have again later, with a backoff; see fbk-store.h).
 */
void
fbk_repository_fetch_prices_async (FbkRepository       *self,
                                   const char          *area,
                                   FbkInstant           from,
                                   FbkInstant           to,
                                   FbkProgressFunc      progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PriceRefresh *refresh;

  g_return_if_fail (FBK_IS_REPOSITORY (self));
  g_return_if_fail (area != NULL);
  g_return_if_fail (from < to);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_repository_fetch_prices_async);
  /* return_result() decides whether a cancel came in time. */
  g_task_set_check_cancellable (task, FALSE);

  refresh = g_new0 (PriceRefresh, 1);
  refresh->area = g_strdup (area);
  refresh->from = from;
  refresh->to = to;
  refresh->now = _fbk_repository_now (self);
  refresh->cancellable = g_cancellable_new ();
  refresh->chain_id = fbk_cancellable_chain (cancellable, refresh->cancellable);
  refresh->progress = progress;
  refresh->progress_data = progress_data;
  g_task_set_task_data (task, refresh, (GDestroyNotify) price_refresh_free);

  if (self->store != NULL)
    {
      fbk_store_plan_prices_async (self->store, area, from, to, refresh->now,
                                   refresh->cancellable, on_plan_before_cb, g_steal_pointer (&task));
      return;
    }

  refresh->days = plan_without_store (refresh);
  refresh->fetched = g_array_new (FALSE, FALSE, sizeof (FbkSpotPrice));
  fetch_due_days (task);
}

/**
 * fbk_repository_fetch_prices_finish:
 *
 * Returns: (transfer full): the prices, hours and days of the range, or
 *   %NULL when the store could not be read or the call was cancelled
 */
FbkPriceResult *
fbk_repository_fetch_prices_finish (FbkRepository  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (FBK_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
