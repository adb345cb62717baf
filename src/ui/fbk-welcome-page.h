/* fbk-welcome-page.h: what the token is, how to get one, and where to paste it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-session.h"

G_BEGIN_DECLS

#define FBK_TYPE_WELCOME_PAGE (fbk_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (FbkWelcomePage, fbk_welcome_page, FBK, WELCOME_PAGE, AdwBin)

GtkWidget      *fbk_welcome_page_new         (FbkSession     *session);
FbkSession     *fbk_welcome_page_get_session (FbkWelcomePage *self);
void            fbk_welcome_page_set_session (FbkWelcomePage *self,
                                              FbkSession     *session);

G_END_DECLS
