/* fbk-token-dialog.h: replace the access token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-session.h"

G_BEGIN_DECLS

#define FBK_TYPE_TOKEN_DIALOG (fbk_token_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FbkTokenDialog, fbk_token_dialog, FBK, TOKEN_DIALOG, AdwWindow)

GtkWidget *fbk_token_dialog_new             (FbkSession *session);
GtkWidget *fbk_token_dialog_new_for_refusal (FbkSession *session);
gboolean   fbk_token_dialog_get_refused     (FbkTokenDialog *self);

G_END_DECLS
