/* fbk-token-store.h: the access token in the system keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-token.h"

G_BEGIN_DECLS

#define FBK_TYPE_TOKEN_STORE (fbk_token_store_get_type ())

G_DECLARE_FINAL_TYPE (FbkTokenStore, fbk_token_store, FBK, TOKEN_STORE, GObject)

/* Seconds a keyring operation may take before it is cancelled and reported
 * as FBK_TOKEN_ERROR_UNAVAILABLE: an unlock prompt nobody answers would
 * otherwise block forever. */
#define FBK_TOKEN_STORE_DEFAULT_TIMEOUT 20

FbkTokenStore  *fbk_token_store_new             (void);

/* With memory-only set, the token lives in this object until it is cleared,
 * memory-only is unset or the store is finalized, and the keyring is never
 * touched: for when the keyring is unavailable and the user chooses to use
 * the token "for this run only". */
gboolean        fbk_token_store_get_memory_only (FbkTokenStore        *self);
void            fbk_token_store_set_memory_only (FbkTokenStore        *self,
                                                 gboolean              memory_only);
guint           fbk_token_store_get_timeout     (FbkTokenStore        *self);
void            fbk_token_store_set_timeout     (FbkTokenStore        *self,
                                                 guint                 seconds);

/* Saves a token that passes fbk_token_validate() (else
 * FBK_API_ERROR_INVALID_TOKEN), replacing any earlier one. Keyring failures
 * are FBK_TOKEN_ERROR; cancelling gives G_IO_ERROR_CANCELLED. */
void            fbk_token_store_save_async      (FbkTokenStore        *self,
                                                 const char           *token,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        fbk_token_store_save_finish     (FbkTokenStore        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* The saved token, or NULL without an error when there is none. */
void            fbk_token_store_lookup_async    (FbkTokenStore        *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
FbkTokenString  fbk_token_store_lookup_finish   (FbkTokenStore        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* Forgets the token; not having one is not an error. */
void            fbk_token_store_clear_async     (FbkTokenStore        *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        fbk_token_store_clear_finish    (FbkTokenStore        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
