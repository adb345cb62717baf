/* fbk-price-client.h: asynchronous client for hvakosterstrommen.no's prices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-http.h"
#include "fbk-time.h"

G_BEGIN_DECLS

#define FBK_DEFAULT_PRICES_URL "https://www.hvakosterstrommen.no"

#define FBK_TYPE_PRICE_CLIENT (fbk_price_client_get_type ())

G_DECLARE_FINAL_TYPE (FbkPriceClient, fbk_price_client, FBK, PRICE_CLIENT, GObject)

gboolean        fbk_price_client_url_is_allowed   (const char           *url,
                                                   GError              **error);
FbkPriceClient *fbk_price_client_new              (const char           *base_url,
                                                   GError              **error);
FbkHttp        *fbk_price_client_get_http         (FbkPriceClient       *self);

void            fbk_price_client_fetch_day_async  (FbkPriceClient       *self,
                                                   const char           *area,
                                                   FbkDate               day,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GArray         *fbk_price_client_fetch_day_finish (FbkPriceClient       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
