/* fbk-gather.h: several async calls finishing as one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Called once every gathered call has succeeded, to return @task's value. */
typedef void (*FbkGatherDoneFunc) (GTask *task);

/* Runs any number of async calls for one GTask and finishes the task when
 * the last of them is done: with the first failure (which cancels the
 * others through fbk_gather_get_cancellable()), with G_IO_ERROR_CANCELLED
 * when the task's own cancellable was cancelled, or else through @done.
 * Embed it in the task's data; fbk_gather_clear() it when that is freed.
 *
 *   fbk_gather_add (gather);                       hold the task open
 *   for each call:
 *     fbk_gather_add (gather);
 *     start_async (…, fbk_gather_get_cancellable (gather), cb, g_object_ref (task));
 *   fbk_gather_done (gather, NULL);                let go of it
 *
 *   cb: … fbk_gather_done (gather, error); g_object_unref (task);
 *
 * Calls may add more calls before they are done (a plan that starts
 * fetches, a fetch that starts an import). */
typedef struct
{
  GTask             *task;          /* borrowed: the gather lives in its data */
  GCancellable      *cancellable;   /* the calls', cancelled with the task's or by a failure */
  gulong             chain_id;
  guint              n_running;
  GError            *error;         /* the first failure */
  FbkGatherDoneFunc  done;
} FbkGather;

void          fbk_gather_init            (FbkGather         *gather,
                                          GTask             *task,
                                          FbkGatherDoneFunc  done);
void          fbk_gather_clear           (FbkGather         *gather);
GCancellable *fbk_gather_get_cancellable (FbkGather         *gather);
gboolean      fbk_gather_failed          (FbkGather         *gather);
void          fbk_gather_add             (FbkGather         *gather);
void          fbk_gather_done            (FbkGather         *gather,
                                          const GError      *error);

G_END_DECLS
