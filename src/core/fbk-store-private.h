/* fbk-store-private.h: the parts of FbkStore that work on a bare connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "fbk-store-sync.h"

G_BEGIN_DECLS

#define FBK_STORE_SCHEMA_VERSION 4

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* How much of a logged span has values (its had_holes column). */
typedef enum
{
  FBK_FETCH_SPAN_COMPLETE = 0,  /* a value for every hour */
  FBK_FETCH_SPAN_HOLES    = 1,  /* values with hours missing among them */
  FBK_FETCH_SPAN_EMPTY    = 2,  /* no value at all: a hole asked for again */
} FbkFetchSpanHoles;

/* One stretch of the fetch log: [from, to) was last fetched at fetched_at,
 * and afterwards held unverified values or not, and hours without a value
 * (holes) or not. */
typedef struct
{
  FbkInstant        from;
  FbkInstant        to;
  FbkInstant        fetched_at;
  gboolean          had_unverified;
  FbkFetchSpanHoles holes;
} FbkFetchSpan;

/* fbk-store.c: running an operation on the store's connection. An
 * FbkStoreOp reads its arguments from, and writes its results to, a call
 * struct of its own; FbkStoreCallType says how an _async call keeps its own
 * copy of it, which the _sync variant only borrows from its caller. */
typedef gboolean (*FbkStoreOp) (sqlite3  *db,
                                gpointer  call,
                                GError  **error);

typedef struct
{
  gpointer       (*dup) (gconstpointer call);
  GDestroyNotify   free;
} FbkStoreCallType;

gboolean    fbk_store_run                (FbkStore             *self,
                                          FbkStoreOp            op,
                                          gpointer              call,
                                          GCancellable         *cancellable,
                                          GError              **error);
void        fbk_store_queue              (FbkStore             *self,
                                          FbkStoreOp            op,
                                          const FbkStoreCallType *type,
                                          gconstpointer         call,
                                          gpointer              source_tag,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gpointer    fbk_store_finish_job         (FbkStore             *self,
                                          GAsyncResult         *result,
                                          gpointer              source_tag,
                                          GError              **error);

/* fbk-store-sql.c: helpers shared by the files below */
void        fbk_store_set_sqlite_error   (GError          **error,
                                          sqlite3          *db,
                                          int               rc,
                                          const char       *what);
gboolean    fbk_store_exec               (sqlite3          *db,
                                          const char       *sql,
                                          const char       *what,
                                          GError          **error);
gboolean    fbk_store_end_transaction    (sqlite3          *db,
                                          gboolean          ok,
                                          const char       *what,
                                          GError          **error);
sqlite3_stmt *fbk_store_prepare          (sqlite3          *db,
                                          const char       *sql,
                                          const char       *what,
                                          GError          **error);
gboolean    fbk_store_step_done          (sqlite3_stmt     *stmt,
                                          const char       *what,
                                          GError          **error);
gboolean    fbk_store_step_is            (sqlite3_stmt     *stmt,
                                          int               rc,
                                          int               expected,
                                          const char       *what,
                                          GError          **error);

/* fbk-store-schema.c */
gboolean    fbk_store_schema_migrate     (sqlite3          *db,
                                          GError          **error);

/* fbk-store-plan.c: the fetch log and the refresh policy, without SQL */
gboolean    fbk_fetch_span_is_settled    (const FbkFetchSpan *span);
gboolean    fbk_fetch_span_needs_recheck (const FbkFetchSpan *span,
                                          FbkInstant          now);
gboolean    fbk_fetch_span_holes_due     (const FbkFetchSpan *span,
                                          FbkInstant          now);
void        fbk_fetch_log_record         (GArray             *spans,
                                          const FbkFetchSpan *fetch);
void        fbk_fetch_log_coalesce       (GArray             *spans);
void        fbk_store_ranges_add         (GArray             *ranges,
                                          FbkInstant          from,
                                          FbkInstant          to);
void        fbk_store_ranges_add_gaps    (GArray             *ranges,
                                          const GArray       *spans,
                                          FbkInstant          from,
                                          FbkInstant          to);
void        fbk_store_ranges_normalize   (GArray             *ranges);

/* fbk-store-db.c: the operations, each on a connection the caller owns */
gboolean    fbk_store_db_import          (sqlite3            *db,
                                          const char         *metering_point_id,
                                          FbkDirection        direction,
                                          FbkInstant          from,
                                          FbkInstant          to,
                                          FbkInstant          fetched_at,
                                          const FbkInterval  *intervals,
                                          guint               n_intervals,
                                          guint              *out_changed,
                                          GError            **error);
GArray     *fbk_store_db_load            (sqlite3            *db,
                                          const char         *metering_point_id,
                                          FbkDirection        direction,
                                          FbkInstant          from,
                                          FbkInstant          to,
                                          GError            **error);
GArray     *fbk_store_db_plan_refresh    (sqlite3            *db,
                                          const char         *metering_point_id,
                                          FbkDirection        direction,
                                          FbkInstant          from,
                                          FbkInstant          to,
                                          FbkInstant          now,
                                          GError            **error);
gboolean    fbk_store_db_note_meter      (sqlite3            *db,
                                          const char         *metering_point_id,
                                          FbkInstant          contract_start,
                                          FbkInstant          contract_end,
                                          gboolean            produces,
                                          FbkInstant          seen_at,
                                          GError            **error);
gboolean    fbk_store_db_set_meter_name  (sqlite3            *db,
                                          const char         *metering_point_id,
                                          const char         *name,
                                          GError            **error);
GPtrArray  *fbk_store_db_list_meters     (sqlite3            *db,
                                          GError            **error);
gboolean    fbk_store_db_get_stats       (sqlite3            *db,
                                          FbkStoreStats      *out_stats,
                                          GError            **error);
gboolean    fbk_store_db_delete          (sqlite3            *db,
                                          const char         *metering_point_id,
                                          GError            **error);

G_END_DECLS
