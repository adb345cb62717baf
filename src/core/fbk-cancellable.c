/* fbk-cancellable.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-cancellable.h"

static void
on_caller_cancelled_cb (GCancellable *caller,
                        GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

gulong
fbk_cancellable_chain (GCancellable *caller,
                       GCancellable *ours)
{
  g_return_val_if_fail (caller == NULL || G_IS_CANCELLABLE (caller), 0);
  g_return_val_if_fail (G_IS_CANCELLABLE (ours), 0);

  if (caller == NULL)
    return 0;

  /* The reference keeps @ours alive for a cancel that comes from another
   * thread while its owner is letting go of it. */
  return g_cancellable_connect (caller, G_CALLBACK (on_caller_cancelled_cb),
                                g_object_ref (ours), g_object_unref);
}
