/* fbk-session.h: where the data comes from, assembled once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-clock.h"
#include "fbk-repository.h"
#include "fbk-store.h"
#include "fbk-token-store.h"

G_BEGIN_DECLS

typedef enum
{
  FBK_SESSION_ELVIA,  /* Elvia's MeterValueApi (or FORBRUK_API_URL), the user's token from the keyring */
  FBK_SESSION_DEMO,   /* the embedded simulator: its token and clock, never the keyring */
} FbkSessionMode;

#define FBK_TYPE_SESSION (fbk_session_get_type ())

G_DECLARE_FINAL_TYPE (FbkSession, fbk_session, FBK, SESSION, GObject)

FbkSession     *fbk_session_new                   (FbkSessionMode        mode,
                                                   const char           *api_url,
                                                   const char           *prices_url,
                                                   FbkStore             *store,
                                                   GError              **error);

FbkSessionMode  fbk_session_get_mode              (FbkSession           *self);
gboolean        fbk_session_is_demo               (FbkSession           *self);
const char     *fbk_session_get_api_url           (FbkSession           *self);
const char     *fbk_session_get_prices_url        (FbkSession           *self);
FbkClock       *fbk_session_get_clock             (FbkSession           *self);
FbkInstant      fbk_session_get_now               (FbkSession           *self);
FbkStore       *fbk_session_get_store             (FbkSession           *self);
FbkTokenStore  *fbk_session_get_token_store       (FbkSession           *self);
FbkRepository  *fbk_session_get_repository        (FbkSession           *self);

void            fbk_session_set_token             (FbkSession           *self,
                                                   const char           *token);
gboolean        fbk_session_has_token             (FbkSession           *self);
void            fbk_session_restore_token_async   (FbkSession           *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean        fbk_session_restore_token_finish  (FbkSession           *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void            fbk_session_set_retry_policy      (FbkSession           *self,
                                                   guint                 max_retries,
                                                   guint                 base_delay_ms,
                                                   guint                 max_delay_ms);
void            fbk_session_set_max_concurrent    (FbkSession           *self,
                                                   guint                 max_concurrent);

G_END_DECLS
