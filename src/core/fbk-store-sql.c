/* fbk-store-sql.c: SQLite errors as GErrors, and small statement helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-store"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-store-private.h"

/* @what says in a person's words what failed (already translated); SQLite's
 * own explanation follows it. Damage gets its own code so the caller can
 * offer to start afresh. */
void
fbk_store_set_sqlite_error (GError     **error,
                            sqlite3     *db,
                            int          rc,
                            const char  *what)
{
  int primary = rc & 0xff;
  FbkStoreError code = FBK_STORE_ERROR_FAILED;
  const char *detail;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    code = FBK_STORE_ERROR_DAMAGED;

  /* errmsg belongs to the connection's last call, which is the failing one
   * whenever a connection is given. */
  detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  /* Translators: the first %s says what failed, the second is SQLite's
   * (English) explanation, e.g. "database or disk is full". */
  g_set_error (error, FBK_STORE_ERROR, code, _("%s (%s)"), what, detail);
}

gboolean
fbk_store_exec (sqlite3     *db,
                const char  *sql,
                const char  *what,
                GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      fbk_store_set_sqlite_error (error, db, rc, what);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
fbk_store_prepare (sqlite3     *db,
                   const char  *sql,
                   const char  *what,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      fbk_store_set_sqlite_error (error, db, rc, what);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

gboolean
fbk_store_step_done (sqlite3_stmt  *stmt,
                     const char    *what,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      fbk_store_set_sqlite_error (error, sqlite3_db_handle (stmt), rc, what);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* For a step's result @rc: TRUE when it is @expected (SQLITE_ROW for a
 * query's one row, SQLITE_DONE after a query's last row), else an error. */
gboolean
fbk_store_step_is (sqlite3_stmt  *stmt,
                   int            rc,
                   int            expected,
                   const char    *what,
                   GError       **error)
{
  if (rc != expected)
    {
      fbk_store_set_sqlite_error (error, sqlite3_db_handle (stmt), rc, what);
      return FALSE;
    }
  return TRUE;
}

/* Commits what went well, rolls back what did not. */
gboolean
fbk_store_end_transaction (sqlite3     *db,
                           gboolean     ok,
                           const char  *what,
                           GError     **error)
{
  if (!ok)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return fbk_store_exec (db, "COMMIT", what, error);
}
