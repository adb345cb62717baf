/* store-crash-helper.c: imports batch after batch into the store at argv[1]
 * and prints each batch number once its transaction has committed, until
 * test-store kills it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "fbk-store-sync.h"

#define BATCH_HOURS 2000
#define MAX_BATCHES 100000

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FbkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), BATCH_HOURS);

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  store = fbk_store_open_sync (argv[1], NULL, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  for (guint batch = 0; batch < MAX_BATCHES; batch++)
    {
      FbkInstant from = (FbkInstant) batch * BATCH_HOURS * FBK_SECONDS_PER_HOUR;
      FbkInstant to = from + BATCH_HOURS * FBK_SECONDS_PER_HOUR;

      g_array_set_size (values, 0);
      for (guint i = 0; i < BATCH_HOURS; i++)
        {
          FbkInterval interval = {
            .start = from + (FbkInstant) i * FBK_SECONDS_PER_HOUR,
            .duration = FBK_SECONDS_PER_HOUR,
            .flags = FBK_INTERVAL_VERIFIED,
            .kwh = batch + i / 1000.0,
          };

          g_array_append_val (values, interval);
        }

      if (!fbk_store_import_sync (store, "707057500012345678", FBK_DIRECTION_CONSUMPTION,
                                  from, to, to, values, NULL, NULL, &error))
        g_error ("%s", error->message);

      printf ("%u\n", batch);
      fflush (stdout);
    }

  return 0;
}
