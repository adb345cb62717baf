/* fbk-demo-response.h: what the simulator puts on the wire
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "fbk-demo-service.h"

G_BEGIN_DECLS

#define FBK_DEMO_CONTENT_TYPE_JSON "application/json; charset=utf-8"
#define FBK_DEMO_CONTENT_TYPE_PROBLEM "application/problem+json; charset=utf-8"

guint  fbk_demo_respond            (SoupServerMessage *msg,
                                    guint              status,
                                    const char        *content_type,
                                    GString           *body);
guint  fbk_demo_respond_plain      (SoupServerMessage *msg,
                                    guint              status);
char  *fbk_demo_trace_id           (guint64            seed,
                                    guint              request_number);
guint  fbk_demo_answer_plain_error (const FbkDemoCall *call,
                                    guint              status,
                                    guint              retry_after_seconds);
void   fbk_demo_drop_connection    (SoupServerMessage *msg);
void   fbk_demo_send_truncated     (SoupServerMessage *msg);

G_END_DECLS
