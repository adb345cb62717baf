/* fbk-background.h: asking the Background portal to keep running with no
 * window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     fbk_background_request_async  (const char           *reason,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean fbk_background_request_finish (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
