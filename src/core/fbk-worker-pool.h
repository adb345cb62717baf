/* fbk-worker-pool.h: heavy work off the main thread, below its priority
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How much less the workers weigh than the thread that first gives them
 * work, in nice(2) steps. */
#define FBK_WORKER_POOL_NICENESS 10

/* Like g_task_run_in_thread(): runs @func for @task on one of the pool's
 * threads, and @task completes in the context it was created in. Not for
 * tasks that use g_task_set_return_on_cancel(): only GLib's own pool can
 * return those early. */
void   fbk_worker_pool_run_task      (GTask           *task,
                                      GTaskThreadFunc  func);
/* How many threads the pool runs: one per processor. */
guint  fbk_worker_pool_get_n_threads (void);

G_END_DECLS
