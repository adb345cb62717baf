/* fbk-cancellable.h: cancelling one's own work when the caller cancels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Cancels @ours when @caller (may be NULL) is cancelled, at once if it
 * already is. An operation that must also stop itself (its first failure
 * stops the rest) runs on @ours rather than on the caller's cancellable.
 * Returns the handler to give g_cancellable_disconnect (@caller, …), or 0. */
gulong  fbk_cancellable_chain  (GCancellable  *caller,
                                GCancellable  *ours);

G_END_DECLS
