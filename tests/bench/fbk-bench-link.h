/* fbk-bench-link.h: a remote API's network, modelled in front of a local server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a link costs. Think time grows with the years of data a request asks
 * for, as Elvia's does; the bandwidth is shared by every answer in flight. */
typedef struct
{
  const char *name;
  guint       rtt_ms;
  guint       think_ms;           /* per request */
  guint       think_per_year_ms;  /* per year of startTime..endTime */
  double      megabits_per_s;
  guint       handshake_rtts;     /* a new connection: TCP, then TLS 1.3 */
} FbkBenchLinkModel;

/* What went over the link since the last reset. */
typedef struct
{
  guint   n_requests;
  guint   n_connections;
  guint   max_in_flight;
  guint64 n_bytes;
  double  first_to_last_ms;  /* first request in to last answer out */
  double  busy_ms;           /* time with at least one request in flight */
} FbkBenchLinkStats;

#define FBK_TYPE_BENCH_LINK (fbk_bench_link_get_type ())

G_DECLARE_FINAL_TYPE (FbkBenchLink, fbk_bench_link, FBK, BENCH_LINK, GObject)

FbkBenchLink *fbk_bench_link_new       (const char               *upstream_url,
                                        const FbkBenchLinkModel  *model);
/* Listens on loopback from a thread of its own; returns the base URL. */
const char   *fbk_bench_link_start     (FbkBenchLink             *self,
                                        GError                  **error);
void          fbk_bench_link_stop      (FbkBenchLink             *self);
/* Returns the figures since the last call and starts counting afresh. */
void          fbk_bench_link_take_stats (FbkBenchLink            *self,
                                         FbkBenchLinkStats       *out_stats);

G_END_DECLS
