/* fbk-client.h: asynchronous client for Elvia's MeterValueApi
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-http.h"
#include "fbk-parse.h"
#include "fbk-series.h"

G_BEGIN_DECLS

#define FBK_DEFAULT_API_URL "https://elvia.azure-api.net"

/* Requests in flight to Elvia: three keep the pipe busy while one answer is
 * being computed by the server, on kept-alive connections (BENCHMARKS.md);
 * one household's data on a shared API deserves no more. */
#define FBK_CLIENT_MAX_CONCURRENT 3

#define FBK_TYPE_CLIENT (fbk_client_get_type ())

G_DECLARE_FINAL_TYPE (FbkClient, fbk_client, FBK, CLIENT, GObject)

FbkClient       *fbk_client_new                   (const char            *base_url,
                                                   GError               **error);
FbkHttp         *fbk_client_get_http              (FbkClient             *self);
const char      *fbk_client_get_base_url          (FbkClient             *self);
void             fbk_client_set_token             (FbkClient             *self,
                                                   const char            *token);
gboolean         fbk_client_has_token             (FbkClient             *self);
void             fbk_client_set_retry_policy      (FbkClient             *self,
                                                   guint                  max_retries,
                                                   guint                  base_delay_ms,
                                                   guint                  max_delay_ms);
void             fbk_client_set_timeout           (FbkClient             *self,
                                                   guint                  seconds);
void             fbk_client_set_max_concurrent    (FbkClient             *self,
                                                   guint                  max_concurrent);

gboolean         fbk_client_url_is_allowed        (const char            *url,
                                                   GError               **error);

void             fbk_client_fetch_values_async    (FbkClient             *self,
                                                   const char            *metering_point_id,
                                                   FbkInstant             from,
                                                   FbkInstant             to,
                                                   FbkDirection           direction,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
GPtrArray       *fbk_client_fetch_values_finish   (FbkClient             *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);

void             fbk_client_fetch_max_hours_async (FbkClient             *self,
                                                   const char * const    *metering_point_ids,
                                                   FbkInstant             calculate_time,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
GPtrArray       *fbk_client_fetch_max_hours_finish (FbkClient            *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
