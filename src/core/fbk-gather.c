/* fbk-gather.c: several async calls finishing as one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-gather"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-cancellable.h"
#include "fbk-gather.h"

void
fbk_gather_init (FbkGather         *gather,
                 GTask             *task,
                 FbkGatherDoneFunc  done)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (done != NULL);

  gather->task = task;
  gather->done = done;
  gather->n_running = 0;
  gather->error = NULL;
  gather->cancellable = g_cancellable_new ();
  gather->chain_id = fbk_cancellable_chain (g_task_get_cancellable (task), gather->cancellable);
  /* fbk_gather_done() decides what a cancel means, when the last call is in. */
  g_task_set_check_cancellable (task, FALSE);
}

void
fbk_gather_clear (FbkGather *gather)
{
  GCancellable *caller;

  if (gather->task == NULL)
    return;

  caller = g_task_get_cancellable (gather->task);
  if (caller != NULL && gather->chain_id != 0)
    g_cancellable_disconnect (caller, gather->chain_id);
  gather->chain_id = 0;
  g_clear_object (&gather->cancellable);
  g_clear_error (&gather->error);
  gather->task = NULL;
}

/**
 * fbk_gather_get_cancellable:
 *
 * Returns: (transfer none): the cancellable to hand every gathered call
 */
GCancellable *
fbk_gather_get_cancellable (FbkGather *gather)
{
  return gather->cancellable;
}

/* Whether a call has failed, so the others need not start more work. */
gboolean
fbk_gather_failed (FbkGather *gather)
{
  return gather->error != NULL || g_cancellable_is_cancelled (gather->cancellable);
}

void
fbk_gather_add (FbkGather *gather)
{
  gather->n_running++;
}

/**
 * fbk_gather_done:
 * @error: (nullable): why the call failed
 *
 * One call is done. The first failure cancels the rest; a call cancelled
 * because of it is not a failure of its own.
 */
void
fbk_gather_done (FbkGather    *gather,
                 const GError *error)
{
  GTask *task = gather->task;

  g_return_if_fail (gather->n_running > 0);

  if (error != NULL && gather->error == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gather->error = g_error_copy (error);
  if (error != NULL)
    g_cancellable_cancel (gather->cancellable);

  if (--gather->n_running > 0)
    return;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
  else if (gather->error != NULL)
    g_task_return_error (task, g_steal_pointer (&gather->error));
  else if (g_cancellable_is_cancelled (gather->cancellable))
    /* Cancelled with no failure: only our own cancel could do that. */
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
  else
    gather->done (task);
}
