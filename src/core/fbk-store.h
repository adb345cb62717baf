/* fbk-store.h: the offline store of everything fetched (SQLite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-series.h"
#include "fbk-spot-price.h"
#include "fbk-time.h"

G_BEGIN_DECLS

/* FbkStore keeps every fetched value in one SQLite file, by default
 * $XDG_DATA_HOME/forbruk/forbruk.db, so the app opens instantly and works
 * offline. Values are keyed by (metering point id, direction, interval start);
 * alongside them the store keeps per-meter facts and a fetch log saying which
 * ranges were fetched and when. The Elvia token is never stored here.
 *
 * Threads: the store is opened off the calling thread, and every _async call
 * runs on the store's single worker thread, one after the other in the order
 * they were made, so SQLite is never used concurrently and the main loop never
 * waits for the disk. Tests and benchmarks also have blocking variants
 * (fbk-store-sync.h) that take their turn with the worker.
 *
 * Damage: a file that is not a database, fails SQLite's quick check, or was
 * written by a newer Forbruk is never opened as is, never deleted and never
 * crashes the app: it is renamed (with its -wal and -shm files) to
 * "forbruk.db.damaged-20240131T120000Z" or "forbruk.db.newer-…", a fresh
 * database takes its place, and fbk_store_get_reset_error() explains what
 * happened and where the old file went.
 *
 * What a fetch settles (fbk_store_import_async()). An answer counts only for
 * what it covered: from its first value to its last, within the range
 * asked. Hours it left out at either end stay "never fetched" and are asked
 * for by the next refresh (an answer with no values at all settles nothing),
 * unless an earlier fetch already covered them, as when asking again for a
 * hole. Hours missing between values (holes: a null value, a gap) are
 * logged with the fetch. Values outside the range asked are not stored. A
 * fetch replaces what it covers: a stored value that another value of the
 * answer overlaps (another resolution, another grid) is removed, so no hour
 * is counted twice; an unverified value never displaces a verified one.
 *
 * Refresh policy (fbk_store_plan_refresh()). Within [from, to), cut at now,
 * the store asks for:
 *  1. every part that was never fetched;
 *  2. the trailing window, the last %FBK_STORE_TRAILING_WINDOW before now,
 *     always: values arrive one or two hours late, and the last hours of a
 *     day may only arrive after 01:30;
 *  3. stored unverified values that are not yet settled, once the oldest
 *     fetch among them is %FBK_STORE_RECHECK_INTERVAL old; then all of them,
 *     so that later rechecks fall in step and cost one request;
 *  4. the holes of a fetch, %FBK_STORE_HOLE_RETRY_SOON after it, and once
 *     asked for again in vain, %FBK_STORE_HOLE_RETRY_LATER after each try:
 *     never again a minute later, and never in a loop.
 * An unverified value is settled once a fetch made at least
 * %FBK_STORE_SETTLE_AGE after the value's end returned it: Elvia verifies by
 * about 06:00 the next day, so whatever is still unverified then stays so
 * (Innlandet's meters are never verified). Settled values are final: kept,
 * shown as unverified, never asked for again. This bounds the refetching of
 * any value to a handful of requests however long the app runs, yet a value
 * first fetched shortly before the machine was off for weeks is still asked
 * for once more. Verified values outside the trailing window are never asked
 * for again. The ranges come back sorted, widened to whole hours, with
 * touching or overlapping ones merged, so the request count stays small; the
 * range planner then cuts them to what the API accepts. */

#define FBK_STORE_TRAILING_WINDOW   (48 * FBK_SECONDS_PER_HOUR)
#define FBK_STORE_SETTLE_AGE        (3 * 24 * FBK_SECONDS_PER_HOUR)
#define FBK_STORE_RECHECK_INTERVAL  (6 * FBK_SECONDS_PER_HOUR)
#define FBK_STORE_HOLE_RETRY_SOON   (24 * FBK_SECONDS_PER_HOUR)
#define FBK_STORE_HOLE_RETRY_LATER  (7 * 24 * FBK_SECONDS_PER_HOUR)

/* Spot prices (fbk_store_plan_prices()). A day is asked for once its
 * prices can be published (FBK_SPOT_PRICE_PUBLISHED_HOUR the day before),
 * and once stored never again: published prices do not change. A day the
 * service had no prices for is asked for again after
 * %FBK_STORE_PRICE_RETRY_FIRST, then four times as long after each answer
 * without them, at most %FBK_STORE_PRICE_RETRY_MAX: tomorrow's prices late
 * by half an hour are soon found, a day before the service's archive costs
 * a request a month. */
#define FBK_STORE_PRICE_RETRY_FIRST (15 * 60)
#define FBK_STORE_PRICE_RETRY_MAX   (30 * 24 * FBK_SECONDS_PER_HOUR)

#define FBK_STORE_ERROR (fbk_store_error_quark ())

typedef enum
{
  FBK_STORE_ERROR_FAILED,    /* could not read or write: disk full, permissions, locked by another program */
  FBK_STORE_ERROR_DAMAGED,   /* the file is damaged or not a database */
  FBK_STORE_ERROR_TOO_NEW,   /* the file was written by a newer Forbruk */
} FbkStoreError;

/* A half-open time range [from, to). */
typedef struct
{
  FbkInstant from;
  FbkInstant to;
} FbkStoreRange;

/* What the store knows about one metering point. */
typedef struct
{
  char       *metering_point_id;
  char       *name;             /* given by the user, or NULL */
  FbkInstant  contract_start;   /* FBK_INSTANT_INVALID when unknown */
  FbkInstant  contract_end;     /* FBK_INSTANT_INVALID while the contract runs */
  gboolean    produces;
  FbkInstant  last_seen;        /* when the API last listed it, or FBK_INSTANT_INVALID */
  FbkInstant  data_end[2];      /* by FbkDirection: end of the newest stored value, or FBK_INSTANT_INVALID */
} FbkStoreMeter;

typedef struct
{
  guint64 n_values;
  guint   n_meters;
  guint64 disk_bytes;           /* the database file and its write-ahead log */
} FbkStoreStats;

/* What the store knows of one day's spot prices. */
typedef enum
{
  FBK_PRICE_DAY_STORED,         /* the day's prices are stored */
  FBK_PRICE_DAY_DUE,            /* never asked for, or its retry is due: ask now */
  FBK_PRICE_DAY_MISSING,        /* the service had none; next_try says when to ask again */
  FBK_PRICE_DAY_NOT_PUBLISHED,  /* too early: published at next_try */
} FbkPriceDayState;

typedef struct
{
  FbkDate          day;
  FbkPriceDayState state;
  FbkInstant       next_try;    /* MISSING, NOT_PUBLISHED: the earliest to ask; else FBK_INSTANT_INVALID */
} FbkStorePriceDay;

#define FBK_TYPE_STORE_METER (fbk_store_meter_get_type ())
#define FBK_TYPE_STORE (fbk_store_get_type ())

G_DECLARE_FINAL_TYPE (FbkStore, fbk_store, FBK, STORE, GObject)

GQuark          fbk_store_error_quark              (void);

GType           fbk_store_meter_get_type           (void) G_GNUC_CONST;
FbkStoreMeter  *fbk_store_meter_copy               (const FbkStoreMeter  *meter);
void            fbk_store_meter_free               (FbkStoreMeter        *meter);

char           *fbk_store_dup_default_path         (void);

/* path: the database file, or NULL for fbk_store_dup_default_path(). */
void            fbk_store_open_async               (const char           *path,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
FbkStore       *fbk_store_open_finish              (GAsyncResult         *result,
                                                    GError              **error);

const char     *fbk_store_get_path                 (FbkStore             *self);
/* Set when opening found the old file unusable and moved it aside. */
const char     *fbk_store_get_moved_aside_path     (FbkStore             *self);
const GError   *fbk_store_get_reset_error          (FbkStore             *self);

/* Stores the answer of one fetch of [from, to) made at @fetched_at, in one
 * transaction: upserts those of @intervals that lie in [from, to) (a
 * verified value replaces an unverified one, an unverified one never
 * replaces a verified one; a value another resolution overlaps is replaced)
 * and logs what the answer covered (see "What a fetch settles" above). The
 * async variant copies @intervals. @out_changed (may be NULL) receives how
 * many values were new, different or removed. */
void            fbk_store_import_async             (FbkStore             *self,
                                                    const char           *metering_point_id,
                                                    FbkDirection          direction,
                                                    FbkInstant            from,
                                                    FbkInstant            to,
                                                    FbkInstant            fetched_at,
                                                    GArray               *intervals,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        fbk_store_import_finish            (FbkStore             *self,
                                                    GAsyncResult         *result,
                                                    guint                *out_changed,
                                                    GError              **error);

/* The stored values whose start lies in [from, to), as a sorted GArray of
 * FbkInterval (empty, not NULL, when there are none). */
void            fbk_store_load_async               (FbkStore             *self,
                                                    const char           *metering_point_id,
                                                    FbkDirection          direction,
                                                    FbkInstant            from,
                                                    FbkInstant            to,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GArray         *fbk_store_load_finish              (FbkStore             *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* The ranges to fetch, as a GArray of FbkStoreRange; see the policy above. */
void            fbk_store_plan_refresh_async       (FbkStore             *self,
                                                    const char           *metering_point_id,
                                                    FbkDirection          direction,
                                                    FbkInstant            from,
                                                    FbkInstant            to,
                                                    FbkInstant            now,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GArray         *fbk_store_plan_refresh_finish      (FbkStore             *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* Records what the API said about a meter; keeps the name the user gave it. */
void            fbk_store_note_meter_async         (FbkStore             *self,
                                                    const char           *metering_point_id,
                                                    FbkInstant            contract_start,
                                                    FbkInstant            contract_end,
                                                    gboolean              produces,
                                                    FbkInstant            seen_at,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        fbk_store_note_meter_finish        (FbkStore             *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* name: what the user calls the meter, or NULL to forget it. */
void            fbk_store_set_meter_name_async     (FbkStore             *self,
                                                    const char           *metering_point_id,
                                                    const char           *name,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        fbk_store_set_meter_name_finish    (FbkStore             *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* Every known meter, as a GPtrArray of FbkStoreMeter sorted by id. */
void            fbk_store_list_meters_async        (FbkStore             *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GPtrArray      *fbk_store_list_meters_finish       (FbkStore             *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

void            fbk_store_get_stats_async          (FbkStore             *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        fbk_store_get_stats_finish         (FbkStore             *self,
                                                    GAsyncResult         *result,
                                                    FbkStoreStats        *out_stats,
                                                    GError              **error);

/* Deletes one meter with its values and fetch log, or everything (spot
 * prices too) when metering_point_id is NULL, and gives the space back to the disk. */
void            fbk_store_delete_async             (FbkStore             *self,
                                                    const char           *metering_point_id,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        fbk_store_delete_finish            (FbkStore             *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* The state of one day's prices by the policy above, from its row in the
 * log of price days (@logged), for a store and for a session without one. */
FbkStorePriceDay fbk_store_price_day_state         (FbkDate               day,
                                                    gboolean              logged,
                                                    FbkInstant            fetched_at,
                                                    guint                 misses,
                                                    FbkInstant            now);

/* Stores one day's answer from the price service, for @area ("NO1"…):
 * @prices (FbkSpotPrice, each within the day) replace what was stored for
 * the day; NULL records that the service had none, which never removes
 * prices already stored. */
void            fbk_store_import_prices_async      (FbkStore             *self,
                                                    const char           *area,
                                                    FbkDate               day,
                                                    FbkInstant            fetched_at,
                                                    GArray               *prices,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        fbk_store_import_prices_finish     (FbkStore             *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* The stored prices whose start lies in [from, to), as a sorted GArray of
 * FbkSpotPrice, as the service gave them. */
void            fbk_store_load_prices_async        (FbkStore             *self,
                                                    const char           *area,
                                                    FbkInstant            from,
                                                    FbkInstant            to,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GArray         *fbk_store_load_prices_finish       (FbkStore             *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* Every Oslo day that [from, to) touches, as a GArray of FbkStorePriceDay
 * in date order: what is stored, what to ask for at @now, and why the
 * others are not known. */
void            fbk_store_plan_prices_async        (FbkStore             *self,
                                                    const char           *area,
                                                    FbkInstant            from,
                                                    FbkInstant            to,
                                                    FbkInstant            now,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GArray         *fbk_store_plan_prices_finish       (FbkStore             *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkStoreMeter, fbk_store_meter_free)

G_END_DECLS
