/* fbk-token-check.h: check a pasted token with Elvia, then keep it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-session.h"

G_BEGIN_DECLS

typedef enum
{
  FBK_TOKEN_CHECK_IDLE,      /* nothing asked yet, or the last check was cancelled */
  FBK_TOKEN_CHECK_RUNNING,   /* asking Elvia which meters the token covers */
  FBK_TOKEN_CHECK_SAVING,    /* Elvia accepted it; putting it into the token store */
  FBK_TOKEN_CHECK_ACCEPTED,  /* accepted, saved, and in use by the session */
  FBK_TOKEN_CHECK_FAILED,    /* see fbk_token_check_get_error() */
} FbkTokenCheckState;

#define FBK_TYPE_TOKEN_CHECK_STATE (fbk_token_check_state_get_type ())
GType fbk_token_check_state_get_type (void);

#define FBK_TYPE_TOKEN_CHECK (fbk_token_check_get_type ())

G_DECLARE_FINAL_TYPE (FbkTokenCheck, fbk_token_check, FBK, TOKEN_CHECK, GObject)

FbkTokenCheck      *fbk_token_check_new              (void);
FbkSession         *fbk_token_check_get_session      (FbkTokenCheck  *self);
void                fbk_token_check_set_session      (FbkTokenCheck  *self,
                                                      FbkSession     *session);
gboolean            fbk_token_check_get_ready        (FbkTokenCheck  *self);
FbkTokenCheckState  fbk_token_check_get_state        (FbkTokenCheck  *self);
const GError       *fbk_token_check_get_error        (FbkTokenCheck  *self);
gboolean            fbk_token_check_needs_keyring_choice (FbkTokenCheck *self);
GListModel         *fbk_token_check_get_meters       (FbkTokenCheck  *self);
gboolean            fbk_token_check_get_expiry       (FbkTokenCheck  *self,
                                                      FbkInstant     *expiry);

void                fbk_token_check_start            (FbkTokenCheck  *self,
                                                      const char     *text);
void                fbk_token_check_keep_for_session (FbkTokenCheck  *self);
void                fbk_token_check_reset            (FbkTokenCheck  *self);

char               *fbk_token_describe_expiry        (FbkInstant      expiry,
                                                      FbkInstant      now,
                                                      gboolean       *out_warn);

G_END_DECLS
