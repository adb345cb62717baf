/* fbk-token-form.h: paste a token, have it checked, see what it covers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-session.h"

G_BEGIN_DECLS

#define FBK_TYPE_TOKEN_FORM (fbk_token_form_get_type ())

G_DECLARE_FINAL_TYPE (FbkTokenForm, fbk_token_form, FBK, TOKEN_FORM, GtkWidget)

GtkWidget     *fbk_token_form_new             (void);
FbkSession    *fbk_token_form_get_session     (FbkTokenForm  *self);
void           fbk_token_form_set_session     (FbkTokenForm  *self,
                                               FbkSession    *session);
void           fbk_token_form_reset           (FbkTokenForm  *self);

G_END_DECLS
