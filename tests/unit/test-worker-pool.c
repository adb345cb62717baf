/* test-worker-pool.c: heavy work off the main thread, below its priority
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* gettid() */
#include "config.h"

#include <sys/resource.h>
#include <unistd.h>

#include "fbk-test-support.h"
#include "fbk-worker-pool.h"

typedef struct
{
  GThread *thread;    /* where the work ran */
  int      niceness;  /* its thread's, while it ran */
  int      busy_max;  /* the most jobs running at once, seen from this job */
} Sample;

static int busy;

static int
own_niceness (void)
{
  return getpriority (PRIO_PROCESS, (id_t) gettid ());
}

static void
sample_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Sample *sample = g_new0 (Sample, 1);

  sample->thread = g_thread_self ();
  sample->niceness = own_niceness ();
  sample->busy_max = g_atomic_int_add (&busy, 1) + 1;
  /* Long enough for every worker to take a job meanwhile. */
  g_usleep (20 * 1000);
  sample->busy_max = MAX (sample->busy_max, g_atomic_int_get (&busy));
  g_atomic_int_add (&busy, -1);
  g_task_return_pointer (task, sample, g_free);
}

typedef struct
{
  GPtrArray *samples;
  guint      n_done;
  gboolean   on_main_thread;
} Results;

static void
on_sampled_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Results *results = user_data;
  g_autoptr(GError) error = NULL;
  Sample *sample = g_task_propagate_pointer (G_TASK (result), &error);

  g_assert_no_error (error);
  results->on_main_thread &= g_main_context_is_owner (g_main_context_default ());
  g_ptr_array_add (results->samples, sample);
  results->n_done++;
}

/* Jobs run on the pool's threads, never more at once than it has, each at
 * the lower priority; results come back to the main context, and the main
 * thread keeps its own priority. */
static void
test_runs_below_the_main_thread (void)
{
  guint n_threads = fbk_worker_pool_get_n_threads ();
  guint n_jobs = 4 * n_threads;
  int main_niceness = own_niceness ();
  Results results = { g_ptr_array_new_with_free_func (g_free), 0, TRUE };
  int busy_max = 0;

  g_assert_cmpuint (n_threads, ==, MAX (1, g_get_num_processors ()));

  for (guint i = 0; i < n_jobs; i++)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, on_sampled_cb, &results);

      fbk_worker_pool_run_task (task, sample_thread);
    }
  fbk_test_wait_for (results.n_done == n_jobs, 30);

  g_assert_true (results.on_main_thread);
  for (guint i = 0; i < results.samples->len; i++)
    {
      Sample *sample = g_ptr_array_index (results.samples, i);

      g_assert_true (sample->thread != g_thread_self ());
      g_assert_cmpint (sample->niceness, ==, MIN (19, main_niceness + FBK_WORKER_POOL_NICENESS));
      busy_max = MAX (busy_max, sample->busy_max);
    }
  g_assert_cmpint (busy_max, ==, (int) n_threads);
  g_assert_cmpint (own_niceness (), ==, main_niceness);

  g_ptr_array_unref (results.samples);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/worker-pool/runs-below-the-main-thread", test_runs_below_the_main_thread);

  return g_test_run ();
}
