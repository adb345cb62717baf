/* fbk-http.h: GET requests to one web service, politely and within bounds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The most of an answer that is read, after decompression: a year of one
 * meter's hours is about 1.3 MB and a day of prices a few kB, so anything
 * beyond this is a fault or an attack, refused as a server error without
 * being held in memory. */
#define FBK_MAX_RESPONSE_BYTES (64 * 1024 * 1024)

/* The most a burst of requests waits between tries in all (backoff and
 * Retry-After together), from the moment it starts until nothing is left
 * queued, running or waiting: a server that keeps asking for patience gets
 * an error, not minutes of silence. */
#define FBK_HTTP_MAX_TOTAL_WAIT_MS (60 * 1000)

/* Requests in flight to one service: two until fbk_http_set_max_concurrent(),
 * never more than this. */
#define FBK_HTTP_MAX_CONCURRENT 4

/* The retry policy until fbk_http_set_retry_policy(): retries of one
 * request, the wait before the first (doubling each time) and its cap. */
#define FBK_HTTP_DEFAULT_MAX_RETRIES    4
#define FBK_HTTP_DEFAULT_BASE_DELAY_MS  1000
#define FBK_HTTP_DEFAULT_MAX_DELAY_MS   30000

/* What fbk_http_check_url() finds. */
typedef enum
{
  FBK_HTTP_URL_ALLOWED,
  FBK_HTTP_URL_NOT_A_URL,
  FBK_HTTP_URL_INSECURE,     /* neither https nor http to this computer */
} FbkHttpUrlCheck;

#define FBK_TYPE_HTTP (fbk_http_get_type ())

G_DECLARE_FINAL_TYPE (FbkHttp, fbk_http, FBK, HTTP, GObject)

FbkHttpUrlCheck  fbk_http_check_url          (const char           *url);

FbkHttp         *fbk_http_new                (const char           *base_url,
                                              const char           *service_name);
const char      *fbk_http_get_base_url       (FbkHttp              *self);
const char      *fbk_http_get_service_name   (FbkHttp              *self);
void             fbk_http_set_secret         (FbkHttp              *self,
                                              const char           *secret);
gboolean         fbk_http_has_secret         (FbkHttp              *self);
void             fbk_http_redact_error       (FbkHttp              *self,
                                              GError               *error);
void             fbk_http_set_retry_policy   (FbkHttp              *self,
                                              guint                 max_retries,
                                              guint                 base_delay_ms,
                                              guint                 max_delay_ms);
void             fbk_http_set_max_total_wait (FbkHttp              *self,
                                              guint                 max_total_wait_ms);
void             fbk_http_set_timeout        (FbkHttp              *self,
                                              guint                 seconds);
guint            fbk_http_get_timeout        (FbkHttp              *self);
void             fbk_http_set_max_concurrent (FbkHttp              *self,
                                              guint                 max_concurrent);
guint            fbk_http_get_max_concurrent (FbkHttp              *self);

void             fbk_http_get_async          (FbkHttp              *self,
                                              const char           *path_and_query,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GBytes          *fbk_http_get_finish         (FbkHttp              *self,
                                              GAsyncResult         *result,
                                              guint                *out_status,
                                              GError              **error);

G_END_DECLS
