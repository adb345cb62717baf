/* fbk-test-token.h: helpers for the token store tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-token-store.h"

G_BEGIN_DECLS

/* Routes every log message, debug ones included, through a check that aborts
 * the test when a message contains a forbidden text. Call it at the start of
 * main(), before anything logs. */
void           fbk_test_token_guard_logs          (void);
/* Adds a text that must never appear in any log message. */
void           fbk_test_token_forbid_in_logs      (const char     *text);
/* How many messages the guard has checked, so a test can see it ran. */
guint          fbk_test_token_log_messages_checked (void);

/* The store's async calls, run to completion on the default main context;
 * each fails the test after timeout_seconds instead of hanging. */
gboolean       fbk_test_token_store_save          (FbkTokenStore  *store,
                                                   const char     *token,
                                                   GCancellable   *cancellable,
                                                   guint           timeout_seconds,
                                                   GError        **error);
FbkTokenString fbk_test_token_store_lookup        (FbkTokenStore  *store,
                                                   GCancellable   *cancellable,
                                                   guint           timeout_seconds,
                                                   GError        **error);
gboolean       fbk_test_token_store_clear         (FbkTokenStore  *store,
                                                   GCancellable   *cancellable,
                                                   guint           timeout_seconds,
                                                   GError        **error);

void           fbk_test_token_hide_session_bus    (void);
gboolean       fbk_test_token_skip_without_bus_in_flatpak (void);

/* The keyring suite runs only on a throw-away keyring (see test-token-store.c). */
void           fbk_test_keyring_check             (void);
gboolean       fbk_test_keyring_usable            (void);
void           fbk_test_keyring_start_watchdog    (int             seconds);

G_END_DECLS
