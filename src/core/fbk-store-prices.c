/* fbk-store-prices.c: FbkStore's spot prices and the log of price days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-store"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-store-private.h"

/* The arguments and results of a call about spot prices. */
typedef struct
{
  char       *area;
  FbkDate     day;
  FbkInstant  from;
  FbkInstant  to;
  FbkInstant  at;       /* import: fetched_at; plan: now */
  GArray     *prices;   /* import: the day's prices, or NULL for none */
  GArray     *result;   /* load's and plan's result */
} PriceCall;

static gpointer
price_call_dup (gconstpointer data)
{
  const PriceCall *call = data;
  PriceCall *copy = g_memdup2 (call, sizeof *call);

  copy->area = g_strdup (call->area);
  copy->prices = call->prices != NULL ? g_array_copy (call->prices) : NULL;
  copy->result = NULL;
  return copy;
}

static void
price_call_free (gpointer data)
{
  PriceCall *call = data;

  g_free (call->area);
  g_clear_pointer (&call->prices, g_array_unref);
  g_clear_pointer (&call->result, g_array_unref);
  g_free (call);
}

static const FbkStoreCallType price_call_type = { price_call_dup, price_call_free };

static char *
day_key (FbkDate day)
{
  return g_strdup_printf ("%04d-%02d-%02d", day.year, day.month, day.day);
}

/* SQL */

static gboolean
store_day_prices (sqlite3     *db,
                  PriceCall   *call,
                  FbkInstant   day_start,
                  FbkInstant   day_end,
                  const char  *what,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  clear = fbk_store_prepare (db, "DELETE FROM spot_prices WHERE area = ?1 AND start >= ?2 AND start < ?3",
                             what, error);
  if (clear == NULL)
    return FALSE;
  sqlite3_bind_text (clear, 1, call->area, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (clear, 2, day_start);
  sqlite3_bind_int64 (clear, 3, day_end);
  if (!fbk_store_step_done (clear, what, error))
    return FALSE;

  insert = fbk_store_prepare (db,
                              "INSERT INTO spot_prices (area, start, duration, nok_per_kwh)"
                              " VALUES (?1, ?2, ?3, ?4)",
                              what, error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; i < call->prices->len; i++)
    {
      const FbkSpotPrice *price = &g_array_index (call->prices, FbkSpotPrice, i);

      g_return_val_if_fail (price->start >= day_start && price->start + price->duration <= day_end, FALSE);

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, call->area, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 2, price->start);
      sqlite3_bind_int64 (insert, 3, price->duration);
      sqlite3_bind_double (insert, 4, price->nok_per_kwh);
      if (!fbk_store_step_done (insert, what, error))
        return FALSE;
    }

  return TRUE;
}

/* A day once stored stays stored: an answer without prices for it (a
 * mirror that lost its archive, say) only counts as a miss for a day that
 * has none. */
static gboolean
log_day (sqlite3     *db,
         PriceCall   *call,
         const char  *day,
         const char  *what,
         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = fbk_store_prepare (db,
                            call->prices != NULL
                              ? "INSERT INTO price_days (area, day, fetched_at, misses) VALUES (?1, ?2, ?3, 0)"
                                " ON CONFLICT (area, day) DO UPDATE SET fetched_at = ?3, misses = 0"
                              : "INSERT INTO price_days (area, day, fetched_at, misses) VALUES (?1, ?2, ?3, 1)"
                                " ON CONFLICT (area, day) DO UPDATE SET fetched_at = ?3, misses = misses + 1"
                                " WHERE misses > 0",
                            what, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, call->area, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, call->at);
  return fbk_store_step_done (stmt, what, error);
}

static gboolean
op_import_prices (sqlite3  *db,
                  gpointer  data,
                  GError  **error)
{
  const char *what = _("Could not save the spot prices");
  PriceCall *call = data;
  g_autofree char *day = day_key (call->day);
  gboolean ok;

  if (!fbk_store_exec (db, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  ok = call->prices == NULL ||
       store_day_prices (db, call,
                         fbk_time_oslo_midnight (call->day),
                         fbk_time_oslo_midnight (fbk_date_add_days (call->day, 1)),
                         what, error);
  ok = ok && log_day (db, call, day, what, error);
  return fbk_store_end_transaction (db, ok, what, error);
}

static gboolean
op_load_prices (sqlite3  *db,
                gpointer  data,
                GError  **error)
{
  const char *what = _("Could not read the stored spot prices");
  PriceCall *call = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) prices = g_array_new (FALSE, FALSE, sizeof (FbkSpotPrice));
  int rc;

  stmt = fbk_store_prepare (db,
                            "SELECT start, duration, nok_per_kwh FROM spot_prices"
                            " WHERE area = ?1 AND start >= ?2 AND start < ?3 ORDER BY start",
                            what, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, call->area, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, call->from);
  sqlite3_bind_int64 (stmt, 3, call->to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FbkSpotPrice price = {
        .start = sqlite3_column_int64 (stmt, 0),
        .duration = (guint32) sqlite3_column_int64 (stmt, 1),
        .nok_per_kwh = sqlite3_column_double (stmt, 2),
      };

      g_array_append_val (prices, price);
    }
  if (!fbk_store_step_is (stmt, rc, SQLITE_DONE, what, error))
    return FALSE;

  call->result = g_steal_pointer (&prices);
  return TRUE;
}

static gboolean
op_plan_prices (sqlite3  *db,
                gpointer  data,
                GError  **error)
{
  const char *what = _("Could not read which spot prices are stored");
  PriceCall *call = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (FbkStorePriceDay));
  FbkDate last = fbk_time_oslo_date (call->to - 1);

  stmt = fbk_store_prepare (db, "SELECT fetched_at, misses FROM price_days WHERE area = ?1 AND day = ?2",
                            what, error);
  if (stmt == NULL)
    return FALSE;

  /* One lookup per day: three years are about 1 100 of them, each a
   * primary-key probe. */
  for (FbkDate day = fbk_time_oslo_date (call->from);
       fbk_date_compare (day, last) <= 0;
       day = fbk_date_add_days (day, 1))
    {
      g_autofree char *key = day_key (day);
      FbkStorePriceDay state;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, call->area, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && !fbk_store_step_is (stmt, rc, SQLITE_DONE, what, error))
        return FALSE;

      state = fbk_store_price_day_state (day, rc == SQLITE_ROW,
                                         rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0,
                                         rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 1) : 0,
                                         call->at);
      g_array_append_val (days, state);
    }

  call->result = g_steal_pointer (&days);
  return TRUE;
}

/* Calls */

static PriceCall
price_call (const char *area,
            FbkDate     day,
            FbkInstant  from,
            FbkInstant  to,
            FbkInstant  at,
            GArray     *prices)
{
  return (PriceCall) {
    .area = (char *) area,
    .day = day,
    .from = from,
    .to = to,
    .at = at,
    .prices = prices,
  };
}

static GArray *
run_for_array (FbkStore      *self,
               FbkStoreOp     op,
               PriceCall     *call,
               GCancellable  *cancellable,
               GError       **error)
{
  if (!fbk_store_run (self, op, call, cancellable, error))
    return NULL;
  return call->result;
}

static GArray *
finish_array (FbkStore      *self,
              GAsyncResult  *result,
              gpointer       source_tag,
              GError       **error)
{
  PriceCall *call = fbk_store_finish_job (self, result, source_tag, error);

  return call != NULL ? g_steal_pointer (&call->result) : NULL;
}

gboolean
fbk_store_import_prices_sync (FbkStore      *self,
                              const char    *area,
                              FbkDate        day,
                              FbkInstant     fetched_at,
                              GArray        *prices,
                              GCancellable  *cancellable,
                              GError       **error)
{
  PriceCall call = price_call (area, day, 0, 0, fetched_at, prices);

  g_return_val_if_fail (FBK_IS_STORE (self), FALSE);
  g_return_val_if_fail (area != NULL && fbk_date_is_valid (day), FALSE);

  return fbk_store_run (self, op_import_prices, &call, cancellable, error);
}

void
fbk_store_import_prices_async (FbkStore            *self,
                               const char          *area,
                               FbkDate              day,
                               FbkInstant           fetched_at,
                               GArray              *prices,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  PriceCall call = price_call (area, day, 0, 0, fetched_at, prices);

  g_return_if_fail (FBK_IS_STORE (self));
  g_return_if_fail (area != NULL && fbk_date_is_valid (day));

  fbk_store_queue (self, op_import_prices, &price_call_type, &call,
                   fbk_store_import_prices_async, cancellable, callback, user_data);
}

gboolean
fbk_store_import_prices_finish (FbkStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return fbk_store_finish_job (self, result, fbk_store_import_prices_async, error) != NULL;
}

GArray *
fbk_store_load_prices_sync (FbkStore      *self,
                            const char    *area,
                            FbkInstant     from,
                            FbkInstant     to,
                            GCancellable  *cancellable,
                            GError       **error)
{
  PriceCall call = price_call (area, (FbkDate) { 0 }, from, to, 0, NULL);

  g_return_val_if_fail (FBK_IS_STORE (self), NULL);
  g_return_val_if_fail (area != NULL, NULL);

  return run_for_array (self, op_load_prices, &call, cancellable, error);
}

void
fbk_store_load_prices_async (FbkStore            *self,
                             const char          *area,
                             FbkInstant           from,
                             FbkInstant           to,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  PriceCall call = price_call (area, (FbkDate) { 0 }, from, to, 0, NULL);

  g_return_if_fail (FBK_IS_STORE (self));
  g_return_if_fail (area != NULL);

  fbk_store_queue (self, op_load_prices, &price_call_type, &call,
                   fbk_store_load_prices_async, cancellable, callback, user_data);
}

GArray *
fbk_store_load_prices_finish (FbkStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_array (self, result, fbk_store_load_prices_async, error);
}

GArray *
fbk_store_plan_prices_sync (FbkStore      *self,
                            const char    *area,
                            FbkInstant     from,
                            FbkInstant     to,
                            FbkInstant     now,
                            GCancellable  *cancellable,
                            GError       **error)
{
  PriceCall call = price_call (area, (FbkDate) { 0 }, from, to, now, NULL);

  g_return_val_if_fail (FBK_IS_STORE (self), NULL);
  g_return_val_if_fail (area != NULL && from < to, NULL);

  return run_for_array (self, op_plan_prices, &call, cancellable, error);
}

void
fbk_store_plan_prices_async (FbkStore            *self,
                             const char          *area,
                             FbkInstant           from,
                             FbkInstant           to,
                             FbkInstant           now,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  PriceCall call = price_call (area, (FbkDate) { 0 }, from, to, now, NULL);

  g_return_if_fail (FBK_IS_STORE (self));
  g_return_if_fail (area != NULL && from < to);

  fbk_store_queue (self, op_plan_prices, &price_call_type, &call,
                   fbk_store_plan_prices_async, cancellable, callback, user_data);
}

GArray *
fbk_store_plan_prices_finish (FbkStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_array (self, result, fbk_store_plan_prices_async, error);
}
