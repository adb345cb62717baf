/* fbk-open-folder.h: showing a saved file in the file manager
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     fbk_open_folder_async  (GtkWindow            *parent,
                                 GFile                *file,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean fbk_open_folder_finish (GAsyncResult         *result,
                                 GError              **error);

G_END_DECLS
