/* fbk-worker-pool.c: heavy work off the main thread, below its priority
 *
 * Parsing a year of meter values takes a processor for 10–20 ms. Run with
 * g_task_run_in_thread(), the answers of a three-year fetch were parsed on
 * GLib's shared pool: up to ten threads at once, as important to the
 * scheduler as the main thread. On two processors the main thread then had
 * to wait 4–8 ms for a processor after every wake-up (each reply from the
 * display server, each timer), and the window went 20–50 ms without a frame
 * while values arrived (BENCHMARKS.md, "The window while three years
 * arrive").
 *
 * This pool runs one thread per processor, no more: more parse no faster
 * and only hold more answers in memory. Its threads lower their own
 * priority (nice 10, a tenth of the main thread's weight), so the
 * scheduler runs the main thread, and the display server, as soon as they
 * wake; the workers still get every cycle nobody else wants. The threads
 * are the pool's own (exclusive), as a thread cannot raise its priority
 * back and must not go on to run GLib's other work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-worker-pool"
#define _GNU_SOURCE  /* gettid() */

#include "config.h"

#include <errno.h>
#include <sys/resource.h>
#include <unistd.h>

#include "fbk-worker-pool.h"

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Job;

/* The workers' nice value: FBK_WORKER_POOL_NICENESS more than the thread
 * that started the pool, as far as nice(2) goes. */
static int worker_niceness;

static void
lower_own_priority (void)
{
#ifdef __linux__
  /* On Linux a thread has its own nice value, named by its thread id. */
  if (setpriority (PRIO_PROCESS, (id_t) gettid (), worker_niceness) != 0)
    g_debug ("Could not lower a worker's priority: %s", g_strerror (errno));
#endif
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;

  /* Once per job rather than per thread: a system call, against 10 ms and
   * more of work. */
  lower_own_priority ();
  job->func (job->task,
             g_task_get_source_object (job->task),
             g_task_get_task_data (job->task),
             g_task_get_cancellable (job->task));
  g_object_unref (job->task);
  g_free (job);
}

guint
fbk_worker_pool_get_n_threads (void)
{
  return MAX (1, g_get_num_processors ());
}

/* NULL if its threads could not be started; the work then runs on GLib's
 * pool, at the main thread's priority. */
static GThreadPool *
get_pool (void)
{
  static gsize created;
  static GThreadPool *pool;

  if (g_once_init_enter (&created))
    {
      g_autoptr(GError) error = NULL;

      worker_niceness = MIN (19, getpriority (PRIO_PROCESS, 0) + FBK_WORKER_POOL_NICENESS);
      pool = g_thread_pool_new (run_job, NULL, (int) fbk_worker_pool_get_n_threads (), TRUE, &error);
      if (pool == NULL)
        g_warning ("Could not start the worker threads: %s", error->message);
      g_once_init_leave (&created, 1);
    }
  return pool;
}

void
fbk_worker_pool_run_task (GTask           *task,
                          GTaskThreadFunc  func)
{
  GThreadPool *pool;
  Job *job;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  pool = get_pool ();
  if (pool == NULL)
    {
      g_task_run_in_thread (task, func);
      return;
    }

  job = g_new0 (Job, 1);
  job->task = g_object_ref (task);
  job->func = func;
  /* The threads of an exclusive pool all run from its start: a push
   * cannot fail. */
  g_thread_pool_push (pool, job, NULL);
}
