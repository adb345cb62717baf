/* fbk-repository.h: meter data from the offline store and from Elvia
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-client.h"
#include "fbk-clock.h"
#include "fbk-metering-point.h"
#include "fbk-price-client.h"
#include "fbk-range-planner.h"
#include "fbk-store.h"

G_BEGIN_DECLS

/* Called on the caller's main context after each request of a refresh
 * finishes (retries are not counted twice); @total grows as the store says
 * what is missing. */
typedef void (*FbkProgressFunc) (guint    done,
                                 guint    total,
                                 gpointer user_data);

/* What fbk_repository_refresh_async() refreshes. */
typedef enum
{
  FBK_REFRESH_CONSUMPTION = 1 << FBK_DIRECTION_CONSUMPTION,
  FBK_REFRESH_PRODUCTION  = 1 << FBK_DIRECTION_PRODUCTION,
  FBK_REFRESH_VALUES      = FBK_REFRESH_CONSUMPTION | FBK_REFRESH_PRODUCTION,
} FbkRefreshWhat;

#define FBK_REFRESH_DIRECTION(direction) ((FbkRefreshWhat) (1 << (direction)))

/* What fbk_repository_refresh_finish() gives back. */
typedef struct
{
  /* By FbkDirection, NULL where not asked for: FbkSeries, one per asked
   * meter in the asked order; for production, only of the meters that
   * produce (or may: not known yet). */
  GPtrArray *series[2];
  GArray    *dropped;     /* FbkRangeDrop: asked ranges no request could cover */
  guint      n_requests;  /* HTTP requests made */
} FbkRefreshResult;

void fbk_refresh_result_free (FbkRefreshResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkRefreshResult, fbk_refresh_result_free)

/* What fbk_repository_fetch_prices_finish() gives back. */
typedef struct
{
  char      *area;
  GArray    *intervals;    /* FbkSpotPrice: as the service gave them, starting in the range */
  GArray    *hours;        /* FbkSpotPrice: the billed hours (fbk_spot_prices_to_hours()) */
  GArray    *days;         /* FbkStorePriceDay: every Oslo day of the range, and what is known of it */
  GError    *fetch_error;  /* why days due could not be fetched (offline, say), or NULL */
  guint      n_requests;   /* HTTP requests made */
} FbkPriceResult;

void fbk_price_result_free (FbkPriceResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkPriceResult, fbk_price_result_free)

/* How old a discovery of the token's meters may be before it is made
 * again (fbk_repository_needs_discovery()). */
#define FBK_REPOSITORY_DISCOVERY_STALE (24 * FBK_SECONDS_PER_HOUR)

#define FBK_TYPE_REPOSITORY (fbk_repository_get_type ())

G_DECLARE_FINAL_TYPE (FbkRepository, fbk_repository, FBK, REPOSITORY, GObject)

FbkRepository    *fbk_repository_new                    (FbkClient            *client,
                                                         FbkPriceClient       *price_client,
                                                         FbkStore             *store,
                                                         FbkClock             *clock);
FbkStore         *fbk_repository_get_store              (FbkRepository        *self);
void              fbk_repository_set_offline            (FbkRepository        *self,
                                                         gboolean              offline);
gboolean          fbk_repository_get_offline            (FbkRepository        *self);
GListModel       *fbk_repository_get_meters             (FbkRepository        *self);
FbkMeteringPoint *fbk_repository_find_meter             (FbkRepository        *self,
                                                         const char           *metering_point_id);

void              fbk_repository_load_meters_async      (FbkRepository        *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean          fbk_repository_load_meters_finish     (FbkRepository        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void              fbk_repository_discover_meters_async  (FbkRepository        *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean          fbk_repository_needs_discovery        (FbkRepository        *self,
                                                         const char * const   *needed);
gboolean          fbk_repository_discover_meters_finish (FbkRepository        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void              fbk_repository_rename_meter           (FbkRepository        *self,
                                                         const char           *metering_point_id,
                                                         const char           *name);

void              fbk_repository_read_values_async      (FbkRepository        *self,
                                                         const char * const   *metering_point_ids,
                                                         FbkInstant            from,
                                                         FbkInstant            to,
                                                         FbkDirection          direction,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray        *fbk_repository_read_values_finish     (FbkRepository        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void              fbk_repository_refresh_async          (FbkRepository        *self,
                                                         const char * const   *metering_point_ids,
                                                         FbkInstant            from,
                                                         FbkInstant            to,
                                                         FbkRefreshWhat        what,
                                                         FbkProgressFunc       progress,
                                                         gpointer              progress_data,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
FbkRefreshResult *fbk_repository_refresh_finish         (FbkRepository        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void              fbk_repository_fetch_max_hours_async  (FbkRepository        *self,
                                                         const char * const   *metering_point_ids,
                                                         FbkInstant            from,
                                                         FbkInstant            to,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray        *fbk_repository_fetch_max_hours_finish (FbkRepository        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void              fbk_repository_fetch_prices_async     (FbkRepository        *self,
                                                         const char           *area,
                                                         FbkInstant            from,
                                                         FbkInstant            to,
                                                         FbkProgressFunc       progress,
                                                         gpointer              progress_data,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
FbkPriceResult   *fbk_repository_fetch_prices_finish    (FbkRepository        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
