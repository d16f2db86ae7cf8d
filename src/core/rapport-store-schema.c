/* rapport-store-schema.c: the database schema, one migration per version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Never edit a migration that has shipped: add the next one. Each runs in
 * one transaction, after which PRAGMA user_version is its number.
 */
#define G_LOG_DOMAIN "rapport-store-schema"

#include "config.h"

#include "rapport-store-private.h"

#define RECORD_COLUMNS \
  "id INTEGER PRIMARY KEY," \
  "uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36)," \
  "created INTEGER NOT NULL," \
  "updated INTEGER NOT NULL," \
  "deleted_at INTEGER,"

#define CHANNELS "('email', 'phone', 'video-call', 'chat', 'in-person', 'other')"

/* Migration 2: the text indexed for each table, as an SQL expression over
 * the row's columns prefixed by R. ("new." or "old."). Each table's text
 * columns are listed once, F (R, column) joined by S, so that the
 * expression and the list of columns (see search_columns) agree. */
#define CLIENT_FIELDS(F, S, R) \
  F (R, name) S F (R, company) S F (R, email) S F (R, phone) S F (R, notes)
#define COMMITMENT_FIELDS(F, S, R) F (R, title) S F (R, details) S F (R, drop_reason)
#define DELIVERABLE_FIELDS(F, S, R) F (R, title)
#define RENEGOTIATION_FIELDS(F, S, R) F (R, reason)
#define FEEDBACK_FIELDS(F, S, R) F (R, content) S F (R, response) S F (R, decline_reason)
#define LESSON_FIELDS(F, S, R) \
  F (R, what_happened) S F (R, cause) S F (R, prevention) S F (R, tags)
#define INTERACTION_FIELDS(F, S, R) F (R, summary)

#define T(R, column) "coalesce (" R #column ", '')"
#define SEP " || ' ' || "
#define CLIENT_TEXT(R) CLIENT_FIELDS (T, SEP, R)
#define COMMITMENT_TEXT(R) COMMITMENT_FIELDS (T, SEP, R)
#define DELIVERABLE_TEXT(R) DELIVERABLE_FIELDS (T, SEP, R)
#define RENEGOTIATION_TEXT(R) RENEGOTIATION_FIELDS (T, SEP, R)
#define FEEDBACK_TEXT(R) FEEDBACK_FIELDS (T, SEP, R)
#define LESSON_TEXT(R) LESSON_FIELDS (T, SEP, R)
#define INTERACTION_TEXT(R) INTERACTION_FIELDS (T, SEP, R)

#define SEARCH_INSERT(kind, TEXT) \
  "INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + " #kind ", " TEXT ("new.") ");"
#define SEARCH_DELETE(kind, TEXT) \
  "INSERT INTO search_index (search_index, rowid, body) " \
  "VALUES ('delete', old.id * 8 + " #kind ", " TEXT ("old.") ");"

#define SEARCH_TABLE(table, kind, TEXT) \
  "INSERT INTO search_index (rowid, body) SELECT id * 8 + " #kind ", " TEXT ("") \
  " FROM " table ";" \
  "CREATE TRIGGER " table "_search_insert AFTER INSERT ON " table " BEGIN " \
  SEARCH_INSERT (kind, TEXT) " END;" \
  "CREATE TRIGGER " table "_search_delete AFTER DELETE ON " table " BEGIN " \
  SEARCH_DELETE (kind, TEXT) " END;" \
  "CREATE TRIGGER " table "_search_update AFTER UPDATE ON " table " BEGIN " \
  SEARCH_DELETE (kind, TEXT) SEARCH_INSERT (kind, TEXT) " END;"

/* Migration 4: one search index per table, "search_" + the table's name,
 * whose rowid is the row's id. */
#define DROP_TRIGGERS(table) \
  "DROP TRIGGER " table "_search_insert;" \
  "DROP TRIGGER " table "_search_delete;" \
  "DROP TRIGGER " table "_search_update;"

#define INDEX_INSERT(table, TEXT) \
  "INSERT INTO search_" table " (rowid, body) VALUES (new.id, " TEXT ("new.") ");"
#define INDEX_DELETE(table, TEXT) \
  "INSERT INTO search_" table " (search_" table ", rowid, body) " \
  "VALUES ('delete', old.id, " TEXT ("old.") ");"

#define INDEX_TABLE(table, TEXT, OPTIONS) \
  "CREATE VIRTUAL TABLE search_" table " USING fts5 (" \
  "  body, content = '', prefix = '2 3 4'," OPTIONS \
  "  tokenize = 'unicode61 remove_diacritics 2'" \
  ");" \
  "INSERT INTO search_" table " (rowid, body) SELECT id, " TEXT ("") " FROM " table ";" \
  "CREATE TRIGGER " table "_search_insert AFTER INSERT ON " table " BEGIN " \
  INDEX_INSERT (table, TEXT) " END;" \
  "CREATE TRIGGER " table "_search_delete AFTER DELETE ON " table " BEGIN " \
  INDEX_DELETE (table, TEXT) " END;" \
  "CREATE TRIGGER " table "_search_update AFTER UPDATE ON " table " BEGIN " \
  INDEX_DELETE (table, TEXT) INDEX_INSERT (table, TEXT) " END;"

/* Migration 6: the search indexes of migration 4, without the size of
 * each row */
#define REINDEX_TABLE(table, TEXT) \
  DROP_TRIGGERS (table) \
  "DROP TABLE search_" table ";" \
  INDEX_TABLE (table, TEXT, " columnsize = 0,")

/* Migration 5: the order of the trash, on the few rows in it */
#define IN_TRASH(table) \
  "CREATE INDEX " table "_in_trash ON " table " (deleted_at DESC, id DESC) " \
  "  WHERE deleted_at IS NOT NULL;"

/* Migration 7 */
#define LOWER_UUIDS(table) \
  "UPDATE OR IGNORE " table " SET uuid = lower (uuid) WHERE uuid <> lower (uuid);"

static const char *migrations[] = {
  /* 1: the first schema */
  "CREATE TABLE clients ("
  RECORD_COLUMNS
  "  name TEXT NOT NULL,"
  "  company TEXT,"
  "  email TEXT,"
  "  phone TEXT,"
  "  channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN " CHANNELS "),"
  "  cadence_days INTEGER NOT NULL DEFAULT 0 CHECK (cadence_days >= 0),"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'former')),"
  "  confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),"
  "  notes TEXT,"
  "  last_contact INTEGER"
  ");"
  "CREATE INDEX clients_by_name ON clients (name COLLATE NOCASE, id);"

  "CREATE TABLE commitments ("
  RECORD_COLUMNS
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL,"
  "  details TEXT,"
  "  agreed_on TEXT,"
  "  due TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'delivered', 'dropped')),"
  "  delivered_at INTEGER,"
  "  drop_reason TEXT"
  ");"
  "CREATE INDEX commitments_by_due ON commitments (due, id);"
  "CREATE INDEX commitments_by_client ON commitments (client_id, due);"

  "CREATE TABLE deliverables ("
  RECORD_COLUMNS
  "  commitment_id INTEGER NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL,"
  "  due TEXT,"
  "  delivered_at INTEGER"
  ");"
  "CREATE INDEX deliverables_by_commitment ON deliverables (commitment_id, due);"

  "CREATE TABLE renegotiations ("
  RECORD_COLUMNS
  "  commitment_id INTEGER NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,"
  "  old_due TEXT NOT NULL,"
  "  new_due TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  client_agreed INTEGER NOT NULL DEFAULT 0 CHECK (client_agreed IN (0, 1)),"
  "  renegotiated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX renegotiations_by_commitment ON renegotiations (commitment_id, renegotiated_at);"

  "CREATE TABLE feedback ("
  RECORD_COLUMNS
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,"
  "  commitment_id INTEGER REFERENCES commitments (id) ON DELETE SET NULL,"
  "  received_at INTEGER NOT NULL,"
  "  kind TEXT NOT NULL DEFAULT 'adjustment'"
  "    CHECK (kind IN ('praise', 'adjustment', 'criticism', 'complaint')),"
  "  content TEXT NOT NULL,"
  "  response TEXT,"
  "  status TEXT NOT NULL DEFAULT 'open'"
  "    CHECK (status IN ('open', 'acknowledged', 'addressed', 'declined')),"
  "  acknowledged_at INTEGER,"
  "  resolved_at INTEGER,"
  "  decline_reason TEXT"
  ");"
  "CREATE INDEX feedback_by_received ON feedback (received_at DESC, id DESC);"
  "CREATE INDEX feedback_by_client ON feedback (client_id, received_at DESC);"
  "CREATE INDEX feedback_by_commitment ON feedback (commitment_id);"

  "CREATE TABLE lessons ("
  RECORD_COLUMNS
  "  client_id INTEGER REFERENCES clients (id) ON DELETE CASCADE,"
  "  commitment_id INTEGER REFERENCES commitments (id) ON DELETE SET NULL,"
  "  feedback_id INTEGER REFERENCES feedback (id) ON DELETE SET NULL,"
  "  occurred_on TEXT NOT NULL,"
  "  what_happened TEXT NOT NULL,"
  "  cause TEXT,"
  "  prevention TEXT,"
  "  apology TEXT NOT NULL DEFAULT 'not-needed' CHECK (apology IN ('not-needed', 'owed', 'made')),"
  "  apologized_at INTEGER,"
  "  tags TEXT,"
  "  reviewed_at INTEGER"
  ");"
  "CREATE INDEX lessons_by_occurred ON lessons (occurred_on DESC, id DESC);"
  "CREATE INDEX lessons_by_client ON lessons (client_id, occurred_on DESC);"
  "CREATE INDEX lessons_by_commitment ON lessons (commitment_id);"
  "CREATE INDEX lessons_by_feedback ON lessons (feedback_id);"

  "CREATE TABLE interactions ("
  RECORD_COLUMNS
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,"
  "  occurred_at INTEGER NOT NULL,"
  "  channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN " CHANNELS "),"
  "  summary TEXT"
  ");"
  "CREATE INDEX interactions_by_occurred ON interactions (occurred_at DESC, id DESC);"
  "CREATE INDEX interactions_by_client ON interactions (client_id, occurred_at DESC);",

  /* 2: full-text search over every text field of every entity.
   * One contentless FTS5 table; a row's rowid is its id * 8 + the kind
   * (the index of its table in rapport_store_tables[]), so rowid >> 3 is
   * the id and rowid & 7 the kind. Contentless rows are removed with the
   * 'delete' command, which needs the very text that was indexed: each
   * table's text is one expression, used alike by every trigger. */
  "CREATE VIRTUAL TABLE search_index USING fts5 ("
  "  body, content = '', prefix = '2 3 4',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  SEARCH_TABLE ("clients", 0, CLIENT_TEXT)
  SEARCH_TABLE ("commitments", 1, COMMITMENT_TEXT)
  SEARCH_TABLE ("deliverables", 2, DELIVERABLE_TEXT)
  SEARCH_TABLE ("renegotiations", 3, RENEGOTIATION_TEXT)
  SEARCH_TABLE ("feedback", 4, FEEDBACK_TEXT)
  SEARCH_TABLE ("lessons", 5, LESSON_TEXT)
  SEARCH_TABLE ("interactions", 6, INTERACTION_TEXT),

  /* 3: which reminders were sent, so that each goes out once a day */
  "CREATE TABLE reminders_sent ("
  "  commitment_id INTEGER NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('due-tomorrow', 'overdue')),"
  "  day TEXT NOT NULL,"
  "  PRIMARY KEY (commitment_id, kind, day)"
  ") WITHOUT ROWID;"
  "CREATE INDEX commitments_open_by_due ON commitments (due) "
  "  WHERE status = 'open' AND deleted_at IS NULL;",

  /* 4: one search index per table instead of one for all: a search asks
   * each table's index for its newest matches first, and stops there.
   * The shared index had to gather every match of every table to find
   * those of one (a two-letter prefix matched 150,000 commitments). */
  DROP_TRIGGERS ("clients")
  DROP_TRIGGERS ("commitments")
  DROP_TRIGGERS ("deliverables")
  DROP_TRIGGERS ("renegotiations")
  DROP_TRIGGERS ("feedback")
  DROP_TRIGGERS ("lessons")
  DROP_TRIGGERS ("interactions")
  "DROP TABLE search_index;"
  INDEX_TABLE ("clients", CLIENT_TEXT, "")
  INDEX_TABLE ("commitments", COMMITMENT_TEXT, "")
  INDEX_TABLE ("deliverables", DELIVERABLE_TEXT, "")
  INDEX_TABLE ("renegotiations", RENEGOTIATION_TEXT, "")
  INDEX_TABLE ("feedback", FEEDBACK_TEXT, "")
  INDEX_TABLE ("lessons", LESSON_TEXT, "")
  INDEX_TABLE ("interactions", INTERACTION_TEXT, ""),

  /* 5: an index for every list that had none for its order, so that
   * showing its first rows reads only those: the trash of each table,
   * and the overview's feedback awaiting an answer, apologies owed and
   * lessons not reviewed (each a full scan of its table before). */
  IN_TRASH ("clients")
  IN_TRASH ("commitments")
  IN_TRASH ("deliverables")
  IN_TRASH ("renegotiations")
  IN_TRASH ("feedback")
  IN_TRASH ("lessons")
  IN_TRASH ("interactions")
  "CREATE INDEX feedback_open_by_received ON feedback (received_at DESC, id DESC) "
  "  WHERE status = 'open' AND deleted_at IS NULL;"
  "CREATE INDEX lessons_apology_owed ON lessons (occurred_on DESC, id DESC) "
  "  WHERE apology = 'owed' AND deleted_at IS NULL;"
  "CREATE INDEX lessons_unreviewed ON lessons (occurred_on DESC, id DESC) "
  "  WHERE reviewed_at IS NULL AND deleted_at IS NULL;"
  /* The indexes of the views' orders also hold deleted_at: a whole view
   * is read from its index alone, without a look at each row for whether
   * it is in the trash (250,000 commitments: 0.78 s → 0.06 s). */
  "DROP INDEX clients_by_name;"
  "CREATE INDEX clients_by_name ON clients (name COLLATE NOCASE, id, deleted_at);"
  "DROP INDEX commitments_by_due;"
  "CREATE INDEX commitments_by_due ON commitments (due, id, deleted_at);"
  "DROP INDEX feedback_by_received;"
  "CREATE INDEX feedback_by_received ON feedback (received_at DESC, id DESC, deleted_at);"
  "DROP INDEX lessons_by_occurred;"
  "CREATE INDEX lessons_by_occurred ON lessons (occurred_on DESC, id DESC, deleted_at);"
  "DROP INDEX interactions_by_occurred;"
  "CREATE INDEX interactions_by_occurred "
  "  ON interactions (occurred_at DESC, id DESC, deleted_at);",

  /* 6: the search indexes no longer keep how many words each row has
   * (columnsize = 0), which only ranking by relevance reads: results
   * come newest first. A quarter less time to build them (a backup
   * restores that much faster), and every save writes a row less. */
  REINDEX_TABLE ("clients", CLIENT_TEXT)
  REINDEX_TABLE ("commitments", COMMITMENT_TEXT)
  REINDEX_TABLE ("deliverables", DELIVERABLE_TEXT)
  REINDEX_TABLE ("renegotiations", RENEGOTIATION_TEXT)
  REINDEX_TABLE ("feedback", FEEDBACK_TEXT)
  REINDEX_TABLE ("lessons", LESSON_TEXT)
  REINDEX_TABLE ("interactions", INTERACTION_TEXT)
  /* The overview's clients awaiting an update, read at start-up from
   * this index alone: the clients with a cadence, in the list's order,
   * with what says whether they are due (5,000 clients: 4-14 ms, each
   * row looked up in the table, before) */
  "CREATE INDEX clients_out_of_touch "
  "  ON clients (name COLLATE NOCASE, id, cadence_days, last_contact, status, deleted_at) "
  "  WHERE status = 'active' AND cadence_days > 0 AND deleted_at IS NULL;",

  /* 7: whether the client was told of a renegotiation; every one made
   * before was recorded as told, and one the client agreed to always is */
  "ALTER TABLE renegotiations ADD COLUMN client_told INTEGER NOT NULL DEFAULT 1 "
  "  CHECK (client_told IN (0, 1) AND (client_told = 1 OR client_agreed = 0));"
  /* The overview's commitments moved without telling the client */
  "CREATE INDEX renegotiations_untold ON renegotiations (commitment_id) "
  "  WHERE client_told = 0 AND deleted_at IS NULL;"
  /* A client never contacted is due an update a cadence after it was
   * added, not at once: the covering index gains the day it was added */
  "DROP INDEX clients_out_of_touch;"
  "CREATE INDEX clients_out_of_touch "
  "  ON clients (name COLLATE NOCASE, id, cadence_days, last_contact, created, status, "
  "              deleted_at) "
  "  WHERE status = 'active' AND cadence_days > 0 AND deleted_at IS NULL;"
  /* Imports used to keep a UUID as the file wrote it, upper case too,
   * and match it case by case: UUIDs are kept in lower case now. One
   * whose lower case is taken already stays as it is (OR IGNORE). */
  LOWER_UUIDS ("clients")
  LOWER_UUIDS ("commitments")
  LOWER_UUIDS ("deliverables")
  LOWER_UUIDS ("renegotiations")
  LOWER_UUIDS ("feedback")
  LOWER_UUIDS ("lessons")
  LOWER_UUIDS ("interactions"),
};

guint
_rapport_store_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/* The SQL that takes a database from version - 1 to version */
const char *
_rapport_store_schema_migration (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (migrations), NULL);

  return migrations[version - 1];
}

/* Filling a search index in one pass
 *
 * An import into an empty table drops the table's search triggers, writes
 * its rows, then indexes them all with one INSERT … SELECT and creates the
 * triggers again, in the same transaction: FTS5 builds an index far faster
 * from rows in order than row by row (a million rows: see bench/README.md).
 * The SQL comes from the same text expressions as the migrations. */

#define INDEX_TRIGGERS(table, TEXT) \
  "CREATE TRIGGER " table "_search_insert AFTER INSERT ON " table " BEGIN " \
  INDEX_INSERT (table, TEXT) " END;" \
  "CREATE TRIGGER " table "_search_delete AFTER DELETE ON " table " BEGIN " \
  INDEX_DELETE (table, TEXT) " END;" \
  "CREATE TRIGGER " table "_search_update AFTER UPDATE ON " table " BEGIN " \
  INDEX_DELETE (table, TEXT) INDEX_INSERT (table, TEXT) " END;"

#define INDEX_FILL(table, TEXT) \
  "INSERT INTO search_" table " (rowid, body) SELECT id, " TEXT ("") " FROM " table ";"

/* One row, its id and columns bound by name (":id", ":title"…) */
#define INDEX_ROW(table, TEXT) \
  "INSERT INTO search_" table " (rowid, body) VALUES (:id, " TEXT (":") ")"

#define NAME(R, column) #column
#define COMMA ,
#define SEARCH_COLUMNS(FIELDS) { FIELDS (NAME, COMMA, ""), NULL }

#define SEARCH_SQL(table, TEXT, FIELDS) \
  { table, DROP_TRIGGERS (table), INDEX_TRIGGERS (table, TEXT), INDEX_FILL (table, TEXT), \
    INDEX_ROW (table, TEXT), SEARCH_COLUMNS (FIELDS) }

/* In the order of rapport_store_tables[] */
static const struct
{
  const char *table;
  const char *drop_triggers;
  const char *create_triggers;
  const char *fill;
  const char *row;
  /* The columns that fill and row read, but for id */
  const char *columns[6];
} search_sql[RAPPORT_STORE_N_TABLES] = {
  SEARCH_SQL ("clients", CLIENT_TEXT, CLIENT_FIELDS),
  SEARCH_SQL ("commitments", COMMITMENT_TEXT, COMMITMENT_FIELDS),
  SEARCH_SQL ("deliverables", DELIVERABLE_TEXT, DELIVERABLE_FIELDS),
  SEARCH_SQL ("renegotiations", RENEGOTIATION_TEXT, RENEGOTIATION_FIELDS),
  SEARCH_SQL ("feedback", FEEDBACK_TEXT, FEEDBACK_FIELDS),
  SEARCH_SQL ("lessons", LESSON_TEXT, LESSON_FIELDS),
  SEARCH_SQL ("interactions", INTERACTION_TEXT, INTERACTION_FIELDS),
};

/* Drops the three triggers that keep the search index of @table, the
 * index of a table in rapport_store_tables[] */
const char *
_rapport_store_schema_search_drop_triggers (guint table)
{
  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, NULL);
  g_assert (g_str_equal (search_sql[table].table, rapport_store_tables[table].table));

  return search_sql[table].drop_triggers;
}

/* Creates them again, exactly as the latest migration did */
const char *
_rapport_store_schema_search_triggers (guint table)
{
  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, NULL);
  g_assert (g_str_equal (search_sql[table].table, rapport_store_tables[table].table));

  return search_sql[table].create_triggers;
}

/* Indexes every row of @table in its search index, which must hold none */
const char *
_rapport_store_schema_search_fill (guint table)
{
  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, NULL);
  g_assert (g_str_equal (search_sql[table].table, rapport_store_tables[table].table));

  return search_sql[table].fill;
}

/* Indexes one row of @table, given as the parameters :id and one named
 * after each of _rapport_store_schema_search_columns() */
const char *
_rapport_store_schema_search_row (guint table)
{
  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, NULL);
  g_assert (g_str_equal (search_sql[table].table, rapport_store_tables[table].table));

  return search_sql[table].row;
}

/* The columns of @table that _rapport_store_schema_search_fill() reads
 * besides id, %NULL-terminated */
const char * const *
_rapport_store_schema_search_columns (guint table)
{
  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, NULL);
  g_assert (g_str_equal (search_sql[table].table, rapport_store_tables[table].table));

  return search_sql[table].columns;
}
