/* fbk-store-schema.c: the database schema and its forward migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-store"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-store-private.h"

/* migrations[n] takes a database from PRAGMA user_version n to n + 1. A
 * fresh file runs them all, so the path every shipped version takes is the
 * one tested. Never edit a shipped step: add one. Times are Unix seconds
 * (UTC); directions are FbkDirection values. There is no column for the
 * token and there must never be one. */
static const char * const migrations[] = {
  /* 0 → 1: meters and their values, as Forbruk 0.1 shipped them. Meters get
   * a small integer key so every value row does not repeat an 18-digit id. */
  "CREATE TABLE meters ("
  "  id                INTEGER PRIMARY KEY,"
  "  metering_point_id TEXT NOT NULL UNIQUE,"
  "  name              TEXT,"
  "  contract_start    INTEGER,"
  "  contract_end      INTEGER,"
  "  produces          INTEGER NOT NULL DEFAULT 0 CHECK (produces IN (0, 1)),"
  "  last_seen         INTEGER"
  ");"
  "CREATE TABLE meter_values ("
  "  meter     INTEGER NOT NULL REFERENCES meters (id) ON DELETE CASCADE,"
  "  direction INTEGER NOT NULL CHECK (direction IN (0, 1)),"
  "  start     INTEGER NOT NULL,"
  "  duration  INTEGER NOT NULL CHECK (duration > 0),"
  "  kwh       REAL NOT NULL,"
  "  verified  INTEGER NOT NULL CHECK (verified IN (0, 1)),"
  "  PRIMARY KEY (meter, direction, start)"
  ") WITHOUT ROWID;",

  /* 1 → 2: the fetch log. Version 1 did not record fetches, so each series
   * counts as fetched from its first to its last value, at the time its last
   * value ended: the earliest the fetch can have happened, which makes the
   * planner ask once more for unverified values near the end. */
  "CREATE TABLE fetch_log ("
  "  meter          INTEGER NOT NULL REFERENCES meters (id) ON DELETE CASCADE,"
  "  direction      INTEGER NOT NULL CHECK (direction IN (0, 1)),"
  "  range_from     INTEGER NOT NULL,"
  "  range_to       INTEGER NOT NULL CHECK (range_to > range_from),"
  "  fetched_at     INTEGER NOT NULL,"
  "  had_unverified INTEGER NOT NULL CHECK (had_unverified IN (0, 1)),"
  "  PRIMARY KEY (meter, direction, range_from)"
  ") WITHOUT ROWID;"
  "INSERT INTO fetch_log (meter, direction, range_from, range_to, fetched_at, had_unverified)"
  "  SELECT meter, direction, min (start), max (start + duration), max (start + duration),"
  "         max (NOT verified)"
  "  FROM meter_values GROUP BY meter, direction;",

  /* 2 → 3: holes (FbkFetchSpanHoles: 0 complete, 1 holes among values,
   * 2 no values). Version 2 logged a range as fetched however little of it
   * the answer covered; a logged range whose values do not tile it is
   * marked as holding holes, so the missing hours are asked for again. */
  "ALTER TABLE fetch_log ADD COLUMN had_holes INTEGER NOT NULL DEFAULT 0 CHECK (had_holes IN (0, 1, 2));"
  "UPDATE fetch_log SET had_holes = ("
  "  SELECT CASE WHEN coalesce (sum (v.duration), 0) = 0 THEN 2"
  "              WHEN sum (v.duration) < fetch_log.range_to - fetch_log.range_from THEN 1"
  "              ELSE 0 END"
  "  FROM meter_values AS v"
  "  WHERE v.meter = fetch_log.meter AND v.direction = fetch_log.direction"
  "    AND v.start >= fetch_log.range_from AND v.start < fetch_log.range_to);",

  /* 3 → 4: spot prices, by price area as the service spells it ("NO1"),
   * kept as the service gave them (hours, or quarter-hours since October
   * 2025), and a log of the days asked for: misses counts the answers in a
   * row that had no prices for the day (0 once they are stored), for the
   * backoff of fbk_store_price_day_state(). Days are Oslo dates,
   * "YYYY-MM-DD". Prices are not personal: nothing ties them to a meter. */
  "CREATE TABLE spot_prices ("
  "  area        TEXT NOT NULL,"
  "  start       INTEGER NOT NULL,"
  "  duration    INTEGER NOT NULL CHECK (duration > 0),"
  "  nok_per_kwh REAL NOT NULL,"
  "  PRIMARY KEY (area, start)"
  ") WITHOUT ROWID;"
  "CREATE TABLE price_days ("
  "  area       TEXT NOT NULL,"
  "  day        TEXT NOT NULL,"
  "  fetched_at INTEGER NOT NULL,"
  "  misses     INTEGER NOT NULL CHECK (misses >= 0),"
  "  PRIMARY KEY (area, day)"
  ") WITHOUT ROWID;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == FBK_STORE_SCHEMA_VERSION);

static gboolean
read_version (sqlite3  *db,
              int      *out_version,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = fbk_store_prepare (db, "PRAGMA user_version", _("Could not read the storage format"), error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      fbk_store_set_sqlite_error (error, db, rc, _("Could not read the storage format"));
      return FALSE;
    }
  *out_version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
migrate_locked (sqlite3  *db,
                GError  **error)
{
  g_autofree char *set_version = NULL;
  int version;

  if (!read_version (db, &version, error))
    return FALSE;

  if (version > FBK_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, FBK_STORE_ERROR, FBK_STORE_ERROR_TOO_NEW,
                   _("The stored data has format %d, but this version of Forbruk reads only up to format %d"),
                   version, FBK_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  if (version < 0)
    {
      g_set_error (error, FBK_STORE_ERROR, FBK_STORE_ERROR_DAMAGED,
                   _("The file is not a Forbruk database (format %d)"), version);
      return FALSE;
    }

  if (version == FBK_STORE_SCHEMA_VERSION)
    return TRUE;

  for (int step = version; step < FBK_STORE_SCHEMA_VERSION; step++)
    {
      g_debug ("Migrating the store from format %d to %d", step, step + 1);
      if (!fbk_store_exec (db, migrations[step], _("Could not update the storage format"), error))
        return FALSE;
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", FBK_STORE_SCHEMA_VERSION);
  return fbk_store_exec (db, set_version, _("Could not update the storage format"), error);
}

/* All steps run in one IMMEDIATE transaction: another process opening the
 * same file at the same moment waits instead of migrating twice, and a crash
 * halfway leaves the old version intact. */
gboolean
fbk_store_schema_migrate (sqlite3  *db,
                          GError  **error)
{
  int version;

  /* A current file needs no write lock: a store another program holds
   * locked, or one on a read-only disk, still opens for reading. */
  if (read_version (db, &version, NULL) && version == FBK_STORE_SCHEMA_VERSION)
    return TRUE;

  if (!fbk_store_exec (db, "BEGIN IMMEDIATE", _("Could not update the storage format"), error))
    return FALSE;

  if (!migrate_locked (db, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return fbk_store_exec (db, "COMMIT", _("Could not update the storage format"), error);
}
