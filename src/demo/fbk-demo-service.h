/* fbk-demo-service.h: one API the simulator serves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "fbk-time.h"

G_BEGIN_DECLS

/* One request, as FbkDemoServer hands it to the service that owns its path,
 * once the request log and the fault plan have seen it. Valid during the
 * call only. */
typedef struct
{
  SoupServerMessage *msg;
  const char        *path;
  GHashTable        *query;   /* decoded name → value; never NULL */
  guint              number;  /* in the request log, from 1 */
  guint64            seed;    /* the simulator's: the household and prices it makes */
  FbkInstant         now;     /* the simulator's clock as it answers */
} FbkDemoCall;

/* An API of the simulator: the paths under @path_prefix are its. A new one
 * is a file that defines an FbkDemoService and a line in the table of
 * fbk-demo-server.c; FbkDemoServer does the rest (listening, the request
 * log, faults, delays, dropped and truncated connections).
 *
 * @answer answers @call and returns the status it sent. @answer_error sends
 * @status (404, 429, 500 or 503) the way the real service would, for the
 * fault plan; for 429 the server has set Retry-After to
 * @retry_after_seconds already. */
typedef struct
{
  const char *path_prefix;
  guint     (*answer)       (const FbkDemoCall *call);
  guint     (*answer_error) (const FbkDemoCall *call,
                             guint              status,
                             guint              retry_after_seconds);
} FbkDemoService;

G_END_DECLS
