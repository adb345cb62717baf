/* fbk-demo-server-thread.c: the demo server, serving from a thread of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A remote server never takes the client's main loop, and the embedded one
 * should not either: writing three years of a meter as JSON takes long
 * enough (~18 ms) to drop frames if it ran on the window's main context. So
 * `forbruk --demo` and `forbruk-cli --demo` run their FbkDemoServer here, on
 * a GMainContext of its own in a thread of its own.
 *
 * FbkDemoServer itself is not thread-safe, and does not need to be: once
 * started, only the server's thread touches it (it is started, serves, and
 * is disposed there); other threads reach it through
 * fbk_demo_server_thread_invoke_sync(), which runs on that thread too. */

#define G_LOG_DOMAIN "fbk-demo-server"

#include "config.h"

#include "fbk-demo-server-thread.h"

struct _FbkDemoServerThread
{
  GObject        parent_instance;

  /* Ours until started; from then on only the server's thread uses it, and
   * that thread drops it when it ends. */
  FbkDemoServer *server;
  guint          port;

  GMainContext  *context;
  GMainLoop     *loop;
  GThread       *thread;
  char          *base_url;  /* while the server listens */

  /* Handshakes with the server's thread: its start, and invoked calls. */
  GMutex         lock;
  GCond          cond;
  gboolean       ready;
  GError        *start_error;
};

G_DEFINE_FINAL_TYPE (FbkDemoServerThread, fbk_demo_server_thread, G_TYPE_OBJECT)

typedef struct
{
  FbkDemoServerThread *self;
  FbkDemoServerFunc    func;
  gpointer             user_data;
  gboolean             done;
} Invocation;

static gpointer
server_thread_main (gpointer data)
{
  FbkDemoServerThread *self = data;
  GError *error = NULL;
  gboolean listening;

  g_main_context_push_thread_default (self->context);

  listening = fbk_demo_server_start (self->server, self->port, &error);

  g_mutex_lock (&self->lock);
  if (listening)
    self->base_url = g_strdup (fbk_demo_server_get_base_url (self->server));
  self->start_error = error;
  self->ready = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (listening)
    g_main_loop_run (self->loop);

  /* Disposed here, on the context its connections and timeouts belong to. */
  g_clear_object (&self->server);

  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
invoke_cb (gpointer data)
{
  Invocation *invocation = data;
  FbkDemoServerThread *self = invocation->self;

  invocation->func (self->server, invocation->user_data);

  g_mutex_lock (&self->lock);
  invocation->done = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  return G_SOURCE_REMOVE;
}

static void
fbk_demo_server_thread_finalize (GObject *object)
{
  FbkDemoServerThread *self = FBK_DEMO_SERVER_THREAD (object);

  fbk_demo_server_thread_stop (self);

  g_clear_object (&self->server);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (fbk_demo_server_thread_parent_class)->finalize (object);
}

static void
fbk_demo_server_thread_class_init (FbkDemoServerThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fbk_demo_server_thread_finalize;
}

static void
fbk_demo_server_thread_init (FbkDemoServerThread *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
}

/**
 * fbk_demo_server_thread_new:
 * @server: (transfer full): a demo server, set up but not started
 *
 * Takes over @server: from here on only the server's thread may use it, so
 * set its clock and faults before, and after only through
 * fbk_demo_server_thread_invoke_sync().
 *
 * Returns: (transfer full): a new thread, not started
 */
FbkDemoServerThread *
fbk_demo_server_thread_new (FbkDemoServer *server)
{
  FbkDemoServerThread *self;

  g_return_val_if_fail (FBK_IS_DEMO_SERVER (server), NULL);
  g_return_val_if_fail (fbk_demo_server_get_base_url (server) == NULL, NULL);

  self = g_object_new (FBK_TYPE_DEMO_SERVER_THREAD, NULL);
  self->server = server;

  return self;
}

/**
 * fbk_demo_server_thread_start:
 * @port: the port to listen on, or 0 for any free one
 *
 * Starts the server's thread and waits until the server listens on
 * 127.0.0.1 (or failed to). A thread runs its server once: it cannot be
 * started again, not even after a failed start.
 *
 * Returns: (transfer none) (nullable): the server's base URL, as
 *   fbk_demo_server_get_base_url(), or %NULL if it could not listen
 */
const char *
fbk_demo_server_thread_start (FbkDemoServerThread  *self,
                              guint                 port,
                              GError              **error)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER_THREAD (self), NULL);
  g_return_val_if_fail (self->server != NULL && self->context == NULL, NULL);
  g_return_val_if_fail (port <= G_MAXUINT16, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->port = port;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("demo-server", server_thread_main, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->start_error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      return NULL;
    }

  return self->base_url;
}

/**
 * fbk_demo_server_thread_stop:
 *
 * Stops the server: quits its thread's main loop, disposes of the server
 * there and joins the thread. Requests still being answered are cut off.
 * Does nothing if the server is not running; finalizing stops it too.
 */
void
fbk_demo_server_thread_stop (FbkDemoServerThread *self)
{
  g_return_if_fail (FBK_IS_DEMO_SERVER_THREAD (self));

  if (self->thread == NULL)
    return;

  /* Through the context rather than g_main_loop_quit() here: the thread may
   * not have entered g_main_loop_run() yet, which would undo the quit. */
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->base_url, g_free);
}

/**
 * fbk_demo_server_thread_get_base_url:
 *
 * Returns: (nullable): the URL to put before the API's paths while the
 *   server runs, otherwise %NULL
 */
const char *
fbk_demo_server_thread_get_base_url (FbkDemoServerThread *self)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER_THREAD (self), NULL);

  return self->base_url;
}

/**
 * fbk_demo_server_thread_invoke_sync:
 * @func: what to do with the server, such as reading its request log or
 *   changing its faults
 *
 * Calls @func in the server's thread, between requests, and waits for it
 * to return. The server must be running; not for use from @func itself.
 */
void
fbk_demo_server_thread_invoke_sync (FbkDemoServerThread *self,
                                    FbkDemoServerFunc    func,
                                    gpointer             user_data)
{
  Invocation invocation = { self, func, user_data, FALSE };

  g_return_if_fail (FBK_IS_DEMO_SERVER_THREAD (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (self->base_url != NULL);
  g_return_if_fail (g_thread_self () != self->thread);

  g_main_context_invoke (self->context, invoke_cb, &invocation);

  g_mutex_lock (&self->lock);
  while (!invocation.done)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}
