/* fbk-welcome-page.h: what the token is, how to get one, and where to paste it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-repository.h"
#include "fbk-token-store.h"

G_BEGIN_DECLS

#define FBK_TYPE_WELCOME_PAGE (fbk_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (FbkWelcomePage, fbk_welcome_page, FBK, WELCOME_PAGE, AdwBin)

GtkWidget     *fbk_welcome_page_new             (FbkRepository  *repository,
                                                 FbkTokenStore  *token_store);
FbkRepository *fbk_welcome_page_get_repository  (FbkWelcomePage *self);
void           fbk_welcome_page_set_repository  (FbkWelcomePage *self,
                                                 FbkRepository  *repository);
FbkTokenStore *fbk_welcome_page_get_token_store (FbkWelcomePage *self);
void           fbk_welcome_page_set_token_store (FbkWelcomePage *self,
                                                 FbkTokenStore  *token_store);

G_END_DECLS
