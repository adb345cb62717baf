/* fbk-repository.h: meter data from the offline store and from Elvia
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-client.h"
#include "fbk-metering-point.h"
#include "fbk-store.h"

G_BEGIN_DECLS

/* What fbk_repository_refresh_values_finish() gives back. */
typedef struct
{
  GPtrArray *series;      /* FbkSeries, one per asked meter, in the asked order */
  GArray    *dropped;     /* FbkRangeDrop: asked ranges no request could cover */
  guint      n_requests;  /* HTTP requests made */
} FbkRefreshResult;

void fbk_refresh_result_free (FbkRefreshResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkRefreshResult, fbk_refresh_result_free)

#define FBK_TYPE_REPOSITORY (fbk_repository_get_type ())

G_DECLARE_FINAL_TYPE (FbkRepository, fbk_repository, FBK, REPOSITORY, GObject)

FbkRepository    *fbk_repository_new                    (FbkClient            *client,
                                                         FbkStore             *store);
FbkClient        *fbk_repository_get_client             (FbkRepository        *self);
FbkStore         *fbk_repository_get_store              (FbkRepository        *self);
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
void              fbk_repository_refresh_values_async   (FbkRepository        *self,
                                                         const char * const   *metering_point_ids,
                                                         FbkInstant            from,
                                                         FbkInstant            to,
                                                         FbkDirection          direction,
                                                         FbkProgressFunc       progress,
                                                         gpointer              progress_data,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
FbkRefreshResult *fbk_repository_refresh_values_finish  (FbkRepository        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
