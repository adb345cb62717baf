/* fbk-store.c: opening the store, recovering from damage, and running calls
 * on its worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-store"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fbk-store-private.h"

/* Long enough for forbruk-cli writing into the same file from cron, short
 * enough that a stuck lock turns into an error a person sees. */
#define BUSY_TIMEOUT_MS 5000
#define LOCKED_GRACE_US (30 * G_USEC_PER_SEC)

struct _FbkStore
{
  GObject      parent_instance;

  char        *path;
  char        *moved_aside_path;
  GError      *reset_error;

  /* Held around every use of db: by the worker for _async calls, by the
   * calling thread for _sync ones. */
  GMutex       lock;
  sqlite3     *db;
  /* At most one thread, so _async calls run one by one, in call order. */
  GThreadPool *worker;
  /* Until then (monotonic µs) the file counts as locked by another program. */
  gint64       busy_until;
};

G_DEFINE_FINAL_TYPE (FbkStore, fbk_store, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (FbkStoreMeter, fbk_store_meter, fbk_store_meter_copy, fbk_store_meter_free)
G_DEFINE_QUARK (fbk-store-error-quark, fbk_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_MOVED_ASIDE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  FbkStoreOp     op;
  gpointer       call;
  GDestroyNotify call_free;
} Job;

/* The arguments and results of a call about one series. */
typedef struct
{
  char         *metering_point_id;
  FbkDirection  direction;
  FbkInstant    from;
  FbkInstant    to;
  FbkInstant    at;          /* import: fetched_at; plan: now */
  GArray       *intervals;   /* import: the values to store */
  guint         changed;     /* import's result */
  GArray       *result;      /* load's and plan's result */
} SeriesCall;

/* The arguments and results of a call about meters or the whole store. */
typedef struct
{
  char          *metering_point_id;
  char          *name;
  FbkInstant     contract_start;
  FbkInstant     contract_end;
  FbkInstant     seen_at;
  gboolean       produces;
  GPtrArray     *meters;     /* list's result */
  FbkStoreStats  stats;      /* stats' result */
} MeterCall;

static void
job_free (Job *job)
{
  job->call_free (job->call);
  g_free (job);
}

/* A call about one series that borrows its arguments. */
static SeriesCall
series_call (const char   *metering_point_id,
             FbkDirection  direction,
             FbkInstant    from,
             FbkInstant    to,
             FbkInstant    at,
             GArray       *intervals)
{
  return (SeriesCall) {
    .metering_point_id = (char *) metering_point_id,
    .direction = direction,
    .from = from,
    .to = to,
    .at = at,
    .intervals = intervals,
  };
}

static gpointer
series_call_dup (gconstpointer data)
{
  const SeriesCall *call = data;
  SeriesCall *copy = g_new0 (SeriesCall, 1);

  *copy = series_call (NULL, call->direction, call->from, call->to, call->at, NULL);
  copy->metering_point_id = g_strdup (call->metering_point_id);
  copy->intervals = call->intervals != NULL ? g_array_copy (call->intervals) : NULL;
  return copy;
}

static void
series_call_free (gpointer data)
{
  SeriesCall *call = data;

  g_free (call->metering_point_id);
  g_clear_pointer (&call->intervals, g_array_unref);
  g_clear_pointer (&call->result, g_array_unref);
  g_free (call);
}

static const FbkStoreCallType series_call_type = { series_call_dup, series_call_free };

static gpointer
meter_call_dup (gconstpointer data)
{
  const MeterCall *call = data;
  MeterCall *copy = g_new0 (MeterCall, 1);

  copy->metering_point_id = g_strdup (call->metering_point_id);
  copy->name = g_strdup (call->name);
  copy->contract_start = call->contract_start;
  copy->contract_end = call->contract_end;
  copy->seen_at = call->seen_at;
  copy->produces = call->produces;
  return copy;
}

static void
meter_call_free (gpointer data)
{
  MeterCall *call = data;

  g_free (call->metering_point_id);
  g_free (call->name);
  g_clear_pointer (&call->meters, g_ptr_array_unref);
  g_free (call);
}

static const FbkStoreCallType meter_call_type = { meter_call_dup, meter_call_free };

FbkStoreMeter *
fbk_store_meter_copy (const FbkStoreMeter *meter)
{
  FbkStoreMeter *copy;

  g_return_val_if_fail (meter != NULL, NULL);

  copy = g_memdup2 (meter, sizeof *meter);
  copy->metering_point_id = g_strdup (meter->metering_point_id);
  copy->name = g_strdup (meter->name);
  return copy;
}

void
fbk_store_meter_free (FbkStoreMeter *meter)
{
  if (meter == NULL)
    return;
  g_free (meter->metering_point_id);
  g_free (meter->name);
  g_free (meter);
}

char *
fbk_store_dup_default_path (void)
{
  /* Inside Flatpak this is the app's own data folder. */
  return g_build_filename (g_get_user_data_dir (), "forbruk", "forbruk.db", NULL);
}

/* Runs one call under the lock, on whatever thread calls it. */
gboolean
fbk_store_run (FbkStore      *self,
               FbkStoreOp     op,
               gpointer       call,
               GCancellable  *cancellable,
               GError       **error)
{
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  /* A file another program kept locked for a whole BUSY_TIMEOUT_MS is
   * locked: for a while, later calls fail at once instead of each waiting
   * as long again (a refresh makes dozens). */
  sqlite3_busy_timeout (self->db, g_get_monotonic_time () < self->busy_until ? 0 : BUSY_TIMEOUT_MS);
  ok = op (self->db, call, error);
  if (!ok && (sqlite3_errcode (self->db) & 0xff) == SQLITE_BUSY)
    self->busy_until = g_get_monotonic_time () + LOCKED_GRACE_US;
  g_mutex_unlock (&self->lock);
  return ok;
}

static void
fbk_store_worker_func (gpointer data,
                       gpointer user_data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  FbkStore *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  /* GTask delivers the result in the caller's main context, which holds
   * its own reference until then: this thread never drops the last one. */
  if (fbk_store_run (self, job->op, job->call, g_task_get_cancellable (task), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Queues a copy of @call (borrowed) for the worker. */
void
fbk_store_queue (FbkStore            *self,
                 FbkStoreOp           op,
                 const FbkStoreCallType      *type,
                 gconstpointer        call,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;

  job = g_new0 (Job, 1);
  job->op = op;
  job->call = type->dup (call);
  job->call_free = type->free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  if (!g_thread_pool_push (self->worker, g_object_ref (task), &error))
    {
      g_object_unref (task);
      g_task_return_error (task, g_steal_pointer (&error));
    }
}

/* The call of a finished job, for its results, or NULL after an error. */
gpointer
fbk_store_finish_job (FbkStore      *self,
                      GAsyncResult  *result,
                      gpointer       source_tag,
                      GError       **error)
{
  g_return_val_if_fail (FBK_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return ((Job *) g_task_get_task_data (G_TASK (result)))->call;
}

/* Opening */

static gboolean
quick_check (sqlite3  *db,
             GError  **error)
{
  const char *what = _("Could not check the stored data");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *verdict;

  /* quick_check reads every page but skips the index cross-checks of
   * integrity_check: a few milliseconds for years of values. */
  stmt = fbk_store_prepare (db, "PRAGMA quick_check", what, error);
  if (stmt == NULL || !fbk_store_step_is (stmt, sqlite3_step (stmt), SQLITE_ROW, what, error))
    return FALSE;

  verdict = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (verdict, "ok") != 0)
    {
      g_set_error (error, FBK_STORE_ERROR, FBK_STORE_ERROR_DAMAGED,
                   _("The stored data failed its consistency check (%s)"), verdict);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_connection (const char  *path,
                 sqlite3    **out_db,
                 GError     **error)
{
  const char *what = _("Could not open the stored data");
  sqlite3 *db = NULL;
  int rc;

  /* NOMUTEX: the store's own lock already keeps calls apart. */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      fbk_store_set_sqlite_error (error, db, rc, what);
      sqlite3_close (db);
      return FALSE;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  /* WAL lets forbruk-cli read while the app writes. In WAL mode,
   * synchronous=NORMAL loses no committed transaction when the process
   * crashes; only a power cut can undo the last few, and never damages the
   * file. A damaged file fails here, on its first read. */
  if (!fbk_store_exec (db,
                       "PRAGMA journal_mode = WAL;"
                       "PRAGMA synchronous = NORMAL;"
                       "PRAGMA foreign_keys = ON;",
                       what, error) ||
      !quick_check (db, error) ||
      !fbk_store_schema_migrate (db, error))
    {
      /* Closing would checkpoint the write-ahead log into a file we are
       * about to move aside: leave both exactly as they were. */
      sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      sqlite3_close (db);
      return FALSE;
    }

  *out_db = db;
  return TRUE;
}

/* Renames path and its -wal and -shm files to path.LABEL-STAMP and returns
 * the new name of path. SQLite finds a log by the database's name plus
 * "-wal", so the moved files still open together. */
static char *
move_aside (const char  *path,
            const char  *label,
            GError     **error)
{
  static const char * const companions[] = { "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *target = NULL;

  for (guint n = 1; target == NULL || g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = n == 1 ? g_strdup_printf ("%s.%s-%s", path, label, stamp)
                      : g_strdup_printf ("%s.%s-%s-%u", path, label, stamp, n);
    }

  if (g_rename (path, target) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FBK_STORE_ERROR, FBK_STORE_ERROR_FAILED,
                   _("Could not move the unreadable file “%s” aside: %s"),
                   path, g_strerror (saved_errno));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (path, companions[i], NULL);
      g_autofree char *to = g_strconcat (target, companions[i], NULL);

      /* A log left behind would be replayed into the fresh database. */
      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, FBK_STORE_ERROR, FBK_STORE_ERROR_FAILED,
                       _("Could not move the unreadable file “%s” aside: %s"),
                       from, g_strerror (saved_errno));
          return NULL;
        }
    }

  return g_steal_pointer (&target);
}

static gboolean
fbk_store_open_db (FbkStore  *self,
                   GError   **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autoptr(GError) problem = NULL;
  gboolean too_new;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FBK_STORE_ERROR, FBK_STORE_ERROR_FAILED,
                   _("Could not create the folder “%s”: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  if (open_connection (self->path, &self->db, &problem))
    return TRUE;

  /* Anything else (a full disk, a lock held too long, no permission) is
   * not the file's fault: leave it where it is and say so. */
  too_new = g_error_matches (problem, FBK_STORE_ERROR, FBK_STORE_ERROR_TOO_NEW);
  if (!too_new && !g_error_matches (problem, FBK_STORE_ERROR, FBK_STORE_ERROR_DAMAGED))
    {
      g_propagate_error (error, g_steal_pointer (&problem));
      return FALSE;
    }

  /* Said to the person through fbk_store_get_reset_error(). */
  g_debug ("Moving %s aside: %s", self->path, problem->message);

  self->moved_aside_path = move_aside (self->path, too_new ? "newer" : "damaged", error);
  if (self->moved_aside_path == NULL)
    return FALSE;

  if (too_new)
    self->reset_error = g_error_new (FBK_STORE_ERROR, FBK_STORE_ERROR_TOO_NEW,
                                     _("The stored meter data was saved by a newer version of Forbruk, "
                                       "which this version cannot read. It was kept as “%s”, and the data "
                                       "will be fetched again."),
                                     self->moved_aside_path);
  else
    self->reset_error = g_error_new (FBK_STORE_ERROR, FBK_STORE_ERROR_DAMAGED,
                                     _("The stored meter data was damaged and could not be read. It was "
                                       "kept as “%s”, and the data will be fetched again."),
                                     self->moved_aside_path);

  return open_connection (self->path, &self->db, error);
}

FbkStore *
fbk_store_open_sync (const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr(FbkStore) self = NULL;

  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    path = default_path = fbk_store_dup_default_path ();

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_object_new (FBK_TYPE_STORE, "path", path, NULL);
  if (!fbk_store_open_db (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
fbk_store_open_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  FbkStore *self;

  self = fbk_store_open_sync (task_data, cancellable, &error);
  if (self == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, self, g_object_unref);
}

void
fbk_store_open_async (const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, fbk_store_open_thread);
}

FbkStore *
fbk_store_open_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fbk_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
fbk_store_get_path (FbkStore *self)
{
  g_return_val_if_fail (FBK_IS_STORE (self), NULL);

  return self->path;
}

const char *
fbk_store_get_moved_aside_path (FbkStore *self)
{
  g_return_val_if_fail (FBK_IS_STORE (self), NULL);

  return self->moved_aside_path;
}

/* Why opening had to start afresh (FBK_STORE_ERROR_DAMAGED or _TOO_NEW),
 * in words for the person, or NULL when the old file was fine. */
const GError *
fbk_store_get_reset_error (FbkStore *self)
{
  g_return_val_if_fail (FBK_IS_STORE (self), NULL);

  return self->reset_error;
}

/* Calls about one series */

static gboolean
op_import (sqlite3  *db,
           gpointer  data,
           GError  **error)
{
  SeriesCall *call = data;

  return fbk_store_db_import (db, call->metering_point_id, call->direction,
                              call->from, call->to, call->at,
                              call->intervals != NULL ? (const FbkInterval *) call->intervals->data : NULL,
                              call->intervals != NULL ? call->intervals->len : 0,
                              &call->changed, error);
}

gboolean
fbk_store_import_sync (FbkStore      *self,
                       const char    *metering_point_id,
                       FbkDirection   direction,
                       FbkInstant     from,
                       FbkInstant     to,
                       FbkInstant     fetched_at,
                       GArray        *intervals,
                       guint         *out_changed,
                       GCancellable  *cancellable,
                       GError       **error)
{
  SeriesCall call = series_call (metering_point_id, direction, from, to, fetched_at, intervals);

  g_return_val_if_fail (FBK_IS_STORE (self), FALSE);
  g_return_val_if_fail (metering_point_id != NULL, FALSE);
  g_return_val_if_fail (from < to, FALSE);

  if (!fbk_store_run (self, op_import, &call, cancellable, error))
    return FALSE;
  if (out_changed != NULL)
    *out_changed = call.changed;
  return TRUE;
}

void
fbk_store_import_async (FbkStore            *self,
                        const char          *metering_point_id,
                        FbkDirection         direction,
                        FbkInstant           from,
                        FbkInstant           to,
                        FbkInstant           fetched_at,
                        GArray              *intervals,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  SeriesCall call = series_call (metering_point_id, direction, from, to, fetched_at, intervals);

  g_return_if_fail (FBK_IS_STORE (self));
  g_return_if_fail (metering_point_id != NULL);
  g_return_if_fail (from < to);

  fbk_store_queue (self, op_import, &series_call_type, &call,
                   fbk_store_import_async, cancellable, callback, user_data);
}

gboolean
fbk_store_import_finish (FbkStore      *self,
                         GAsyncResult  *result,
                         guint         *out_changed,
                         GError       **error)
{
  SeriesCall *call = fbk_store_finish_job (self, result, fbk_store_import_async, error);

  if (call == NULL)
    return FALSE;
  if (out_changed != NULL)
    *out_changed = call->changed;
  return TRUE;
}

static gboolean
op_load (sqlite3  *db,
         gpointer  data,
         GError  **error)
{
  SeriesCall *call = data;

  call->result = fbk_store_db_load (db, call->metering_point_id, call->direction,
                                    call->from, call->to, error);
  return call->result != NULL;
}

/* Runs a call that answers with call->result, for load and plan. */
static GArray *
fbk_store_run_for_array (FbkStore      *self,
                         FbkStoreOp     op,
                         SeriesCall    *call,
                         GCancellable  *cancellable,
                         GError       **error)
{
  if (!fbk_store_run (self, op, call, cancellable, error))
    return NULL;
  return call->result;
}

/* The result of a finished load or plan, or NULL after an error. */
static GArray *
fbk_store_finish_array (FbkStore      *self,
                        GAsyncResult  *result,
                        gpointer       source_tag,
                        GError       **error)
{
  SeriesCall *call = fbk_store_finish_job (self, result, source_tag, error);

  return call != NULL ? g_steal_pointer (&call->result) : NULL;
}

GArray *
fbk_store_load_sync (FbkStore      *self,
                     const char    *metering_point_id,
                     FbkDirection   direction,
                     FbkInstant     from,
                     FbkInstant     to,
                     GCancellable  *cancellable,
                     GError       **error)
{
  SeriesCall call = series_call (metering_point_id, direction, from, to, 0, NULL);

  g_return_val_if_fail (FBK_IS_STORE (self), NULL);
  g_return_val_if_fail (metering_point_id != NULL, NULL);

  return fbk_store_run_for_array (self, op_load, &call, cancellable, error);
}

void
fbk_store_load_async (FbkStore            *self,
                      const char          *metering_point_id,
                      FbkDirection         direction,
                      FbkInstant           from,
                      FbkInstant           to,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  SeriesCall call = series_call (metering_point_id, direction, from, to, 0, NULL);

  g_return_if_fail (FBK_IS_STORE (self));
  g_return_if_fail (metering_point_id != NULL);

  fbk_store_queue (self, op_load, &series_call_type, &call,
                   fbk_store_load_async, cancellable, callback, user_data);
}

GArray *
fbk_store_load_finish (FbkStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return fbk_store_finish_array (self, result, fbk_store_load_async, error);
}

static gboolean
op_plan_refresh (sqlite3  *db,
                 gpointer  data,
                 GError  **error)
{
  SeriesCall *call = data;

  call->result = fbk_store_db_plan_refresh (db, call->metering_point_id, call->direction,
                                            call->from, call->to, call->at, error);
  return call->result != NULL;
}

GArray *
fbk_store_plan_refresh_sync (FbkStore      *self,
                             const char    *metering_point_id,
                             FbkDirection   direction,
                             FbkInstant     from,
                             FbkInstant     to,
                             FbkInstant     now,
                             GCancellable  *cancellable,
                             GError       **error)
{
  SeriesCall call = series_call (metering_point_id, direction, from, to, now, NULL);

  g_return_val_if_fail (FBK_IS_STORE (self), NULL);
  g_return_val_if_fail (metering_point_id != NULL, NULL);

  return fbk_store_run_for_array (self, op_plan_refresh, &call, cancellable, error);
}

void
fbk_store_plan_refresh_async (FbkStore            *self,
                              const char          *metering_point_id,
                              FbkDirection         direction,
                              FbkInstant           from,
                              FbkInstant           to,
                              FbkInstant           now,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  SeriesCall call = series_call (metering_point_id, direction, from, to, now, NULL);

  g_return_if_fail (FBK_IS_STORE (self));
  g_return_if_fail (metering_point_id != NULL);

  fbk_store_queue (self, op_plan_refresh, &series_call_type, &call,
                   fbk_store_plan_refresh_async, cancellable, callback, user_data);
}

GArray *
fbk_store_plan_refresh_finish (FbkStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return fbk_store_finish_array (self, result, fbk_store_plan_refresh_async, error);
}

/* Calls about meters and the whole store */

static gboolean
op_note_meter (sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  MeterCall *call = data;

  return fbk_store_db_note_meter (db, call->metering_point_id, call->contract_start,
                                  call->contract_end, call->produces, call->seen_at, error);
}

/* What the API said about a meter, borrowing the id. */
static MeterCall
note_meter_call (const char *metering_point_id,
                 FbkInstant  contract_start,
                 FbkInstant  contract_end,
                 gboolean    produces,
                 FbkInstant  seen_at)
{
  return (MeterCall) {
    .metering_point_id = (char *) metering_point_id,
    .contract_start = contract_start,
    .contract_end = contract_end,
    .produces = produces,
    .seen_at = seen_at,
  };
}

gboolean
fbk_store_note_meter_sync (FbkStore      *self,
                           const char    *metering_point_id,
                           FbkInstant     contract_start,
                           FbkInstant     contract_end,
                           gboolean       produces,
                           FbkInstant     seen_at,
                           GCancellable  *cancellable,
                           GError       **error)
{
  MeterCall call = note_meter_call (metering_point_id, contract_start, contract_end, produces, seen_at);

  g_return_val_if_fail (FBK_IS_STORE (self), FALSE);
  g_return_val_if_fail (metering_point_id != NULL, FALSE);

  return fbk_store_run (self, op_note_meter, &call, cancellable, error);
}

void
fbk_store_note_meter_async (FbkStore            *self,
                            const char          *metering_point_id,
                            FbkInstant           contract_start,
                            FbkInstant           contract_end,
                            gboolean             produces,
                            FbkInstant           seen_at,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  MeterCall call = note_meter_call (metering_point_id, contract_start, contract_end, produces, seen_at);

  g_return_if_fail (FBK_IS_STORE (self));
  g_return_if_fail (metering_point_id != NULL);

  fbk_store_queue (self, op_note_meter, &meter_call_type, &call,
                   fbk_store_note_meter_async, cancellable, callback, user_data);
}

gboolean
fbk_store_note_meter_finish (FbkStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return fbk_store_finish_job (self, result, fbk_store_note_meter_async, error) != NULL;
}

static gboolean
op_set_meter_name (sqlite3  *db,
                   gpointer  data,
                   GError  **error)
{
  MeterCall *call = data;

  return fbk_store_db_set_meter_name (db, call->metering_point_id, call->name, error);
}

gboolean
fbk_store_set_meter_name_sync (FbkStore      *self,
                               const char    *metering_point_id,
                               const char    *name,
                               GCancellable  *cancellable,
                               GError       **error)
{
  MeterCall call = { .metering_point_id = (char *) metering_point_id, .name = (char *) name };

  g_return_val_if_fail (FBK_IS_STORE (self), FALSE);
  g_return_val_if_fail (metering_point_id != NULL, FALSE);

  return fbk_store_run (self, op_set_meter_name, &call, cancellable, error);
}

void
fbk_store_set_meter_name_async (FbkStore            *self,
                                const char          *metering_point_id,
                                const char          *name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  MeterCall call = { .metering_point_id = (char *) metering_point_id, .name = (char *) name };

  g_return_if_fail (FBK_IS_STORE (self));
  g_return_if_fail (metering_point_id != NULL);

  fbk_store_queue (self, op_set_meter_name, &meter_call_type, &call,
                   fbk_store_set_meter_name_async, cancellable, callback, user_data);
}

gboolean
fbk_store_set_meter_name_finish (FbkStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return fbk_store_finish_job (self, result, fbk_store_set_meter_name_async, error) != NULL;
}

static gboolean
op_list_meters (sqlite3  *db,
                gpointer  data,
                GError  **error)
{
  MeterCall *call = data;

  call->meters = fbk_store_db_list_meters (db, error);
  return call->meters != NULL;
}

GPtrArray *
fbk_store_list_meters_sync (FbkStore      *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  MeterCall call = { 0 };

  g_return_val_if_fail (FBK_IS_STORE (self), NULL);

  if (!fbk_store_run (self, op_list_meters, &call, cancellable, error))
    return NULL;
  return call.meters;
}

void
fbk_store_list_meters_async (FbkStore            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  const MeterCall call = { 0 };

  g_return_if_fail (FBK_IS_STORE (self));

  fbk_store_queue (self, op_list_meters, &meter_call_type, &call,
                   fbk_store_list_meters_async, cancellable, callback, user_data);
}

GPtrArray *
fbk_store_list_meters_finish (FbkStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  MeterCall *call = fbk_store_finish_job (self, result, fbk_store_list_meters_async, error);

  return call != NULL ? g_steal_pointer (&call->meters) : NULL;
}

static gboolean
op_get_stats (sqlite3  *db,
              gpointer  data,
              GError  **error)
{
  MeterCall *call = data;

  return fbk_store_db_get_stats (db, &call->stats, error);
}

gboolean
fbk_store_get_stats_sync (FbkStore       *self,
                          FbkStoreStats  *out_stats,
                          GCancellable   *cancellable,
                          GError        **error)
{
  MeterCall call = { 0 };

  g_return_val_if_fail (FBK_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_stats != NULL, FALSE);

  if (!fbk_store_run (self, op_get_stats, &call, cancellable, error))
    return FALSE;
  *out_stats = call.stats;
  return TRUE;
}

void
fbk_store_get_stats_async (FbkStore            *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  const MeterCall call = { 0 };

  g_return_if_fail (FBK_IS_STORE (self));

  fbk_store_queue (self, op_get_stats, &meter_call_type, &call,
                   fbk_store_get_stats_async, cancellable, callback, user_data);
}

gboolean
fbk_store_get_stats_finish (FbkStore       *self,
                            GAsyncResult   *result,
                            FbkStoreStats  *out_stats,
                            GError        **error)
{
  MeterCall *call = fbk_store_finish_job (self, result, fbk_store_get_stats_async, error);

  g_return_val_if_fail (out_stats != NULL, FALSE);

  if (call == NULL)
    return FALSE;
  *out_stats = call->stats;
  return TRUE;
}

static gboolean
op_delete (sqlite3  *db,
           gpointer  data,
           GError  **error)
{
  MeterCall *call = data;

  return fbk_store_db_delete (db, call->metering_point_id, error);
}

gboolean
fbk_store_delete_sync (FbkStore      *self,
                       const char    *metering_point_id,
                       GCancellable  *cancellable,
                       GError       **error)
{
  MeterCall call = { .metering_point_id = (char *) metering_point_id };

  g_return_val_if_fail (FBK_IS_STORE (self), FALSE);

  return fbk_store_run (self, op_delete, &call, cancellable, error);
}

void
fbk_store_delete_async (FbkStore            *self,
                        const char          *metering_point_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  MeterCall call = { .metering_point_id = (char *) metering_point_id };

  g_return_if_fail (FBK_IS_STORE (self));

  fbk_store_queue (self, op_delete, &meter_call_type, &call,
                   fbk_store_delete_async, cancellable, callback, user_data);
}

gboolean
fbk_store_delete_finish (FbkStore      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return fbk_store_finish_job (self, result, fbk_store_delete_async, error) != NULL;
}

/* GObject */

static void
fbk_store_finalize (GObject *object)
{
  FbkStore *self = (FbkStore *) object;

  /* Every queued call holds a reference, so the worker is idle. Do not
   * wait for it: in principle this could run on the worker itself. */
  g_thread_pool_free (self->worker, FALSE, FALSE);
  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->moved_aside_path, g_free);
  g_clear_error (&self->reset_error);

  G_OBJECT_CLASS (fbk_store_parent_class)->finalize (object);
}

static void
fbk_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FbkStore *self = FBK_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_MOVED_ASIDE_PATH:
      g_value_set_string (value, self->moved_aside_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_store_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FbkStore *self = FBK_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_store_class_init (FbkStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fbk_store_finalize;
  object_class->get_property = fbk_store_get_property;
  object_class->set_property = fbk_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Set, before the store is handed out, when opening moved an unusable
   * file aside; see fbk_store_get_reset_error() for why. */
  properties[PROP_MOVED_ASIDE_PATH] =
    g_param_spec_string ("moved-aside-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fbk_store_init (FbkStore *self)
{
  g_mutex_init (&self->lock);
  /* Not exclusive: the thread returns to GLib's shared pool when idle. */
  self->worker = g_thread_pool_new (fbk_store_worker_func, NULL, 1, FALSE, NULL);
}
