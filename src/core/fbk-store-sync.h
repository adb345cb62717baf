/* fbk-store-sync.h: the offline store's blocking calls, for tests and
 * benchmarks
 *
 * Each blocks the calling thread until the store's worker has done it, in
 * its turn after the calls made before. The app and forbruk-cli use the
 * _async calls of fbk-store.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-store.h"

G_BEGIN_DECLS

FbkStore       *fbk_store_open_sync                (const char           *path,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
gboolean        fbk_store_import_sync              (FbkStore             *self,
                                                    const char           *metering_point_id,
                                                    FbkDirection          direction,
                                                    FbkInstant            from,
                                                    FbkInstant            to,
                                                    FbkInstant            fetched_at,
                                                    GArray               *intervals,
                                                    guint                *out_changed,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
GArray         *fbk_store_load_sync                (FbkStore             *self,
                                                    const char           *metering_point_id,
                                                    FbkDirection          direction,
                                                    FbkInstant            from,
                                                    FbkInstant            to,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
GArray         *fbk_store_plan_refresh_sync        (FbkStore             *self,
                                                    const char           *metering_point_id,
                                                    FbkDirection          direction,
                                                    FbkInstant            from,
                                                    FbkInstant            to,
                                                    FbkInstant            now,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
gboolean        fbk_store_note_meter_sync          (FbkStore             *self,
                                                    const char           *metering_point_id,
                                                    FbkInstant            contract_start,
                                                    FbkInstant            contract_end,
                                                    gboolean              produces,
                                                    FbkInstant            seen_at,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
gboolean        fbk_store_set_meter_name_sync      (FbkStore             *self,
                                                    const char           *metering_point_id,
                                                    const char           *name,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
GPtrArray      *fbk_store_list_meters_sync         (FbkStore             *self,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
gboolean        fbk_store_get_stats_sync           (FbkStore             *self,
                                                    FbkStoreStats        *out_stats,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
gboolean        fbk_store_delete_sync              (FbkStore             *self,
                                                    const char           *metering_point_id,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
gboolean        fbk_store_import_prices_sync       (FbkStore             *self,
                                                    const char           *area,
                                                    FbkDate               day,
                                                    FbkInstant            fetched_at,
                                                    GArray               *prices,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
GArray         *fbk_store_load_prices_sync         (FbkStore             *self,
                                                    const char           *area,
                                                    FbkInstant            from,
                                                    FbkInstant            to,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
GArray         *fbk_store_plan_prices_sync         (FbkStore             *self,
                                                    const char           *area,
                                                    FbkInstant            from,
                                                    FbkInstant            to,
                                                    FbkInstant            now,
                                                    GCancellable         *cancellable,
                                                    GError              **error);

G_END_DECLS
