/* fbk-demo-server-thread.h: the demo server, serving from a thread of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-demo-server.h"

G_BEGIN_DECLS

/* Runs in the server's thread, with the server to itself. */
typedef void (*FbkDemoServerFunc) (FbkDemoServer *server,
                                   gpointer       user_data);

#define FBK_TYPE_DEMO_SERVER_THREAD (fbk_demo_server_thread_get_type ())

G_DECLARE_FINAL_TYPE (FbkDemoServerThread, fbk_demo_server_thread, FBK, DEMO_SERVER_THREAD, GObject)

FbkDemoServerThread *fbk_demo_server_thread_new          (FbkDemoServer        *server);
const char          *fbk_demo_server_thread_start        (FbkDemoServerThread  *self,
                                                          guint                 port,
                                                          GError              **error);
void                 fbk_demo_server_thread_stop         (FbkDemoServerThread  *self);
const char          *fbk_demo_server_thread_get_base_url (FbkDemoServerThread  *self);
void                 fbk_demo_server_thread_invoke_sync  (FbkDemoServerThread  *self,
                                                          FbkDemoServerFunc     func,
                                                          gpointer              user_data);

G_END_DECLS
