/* rapport-store-reminders.c: the store's side of reminders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reminder is due for an open commitment, not in the trash, that is due
 * tomorrow or already overdue, unless one of that kind went out today; and
 * on its due day when none went out the day before: the app may not have
 * run then (a weekend), or the commitment was made or moved that day.
 * That one is recorded as 'due-tomorrow', the kind of the reminder before
 * a due date passes, so that each due date gets one of them.
 */
#define G_LOG_DOMAIN "rapport-store-reminders"

#include "config.h"

#include "rapport-background.h"
#include "rapport-date.h"
#include "rapport-reminders.h"
#include "rapport-store-private.h"

/* The commitments a reminder is due for, c, with ?1 today, ?2 tomorrow
 * and ?3 yesterday (ISO 8601), and the kind of each: 1 for overdue, 2 for
 * due today. "Due by tomorrow" is one range of the open commitments'
 * index: as two ranges ORed, SQLite read each row from the table too
 * (6,000 overdue commitments: 14-31 ms, now 4 ms). */
#define DUE_KIND "CASE WHEN c.due < ?1 THEN 1 WHEN c.due = ?1 THEN 2 ELSE 0 END"
#define DUE_WHERE \
  "c.status = 'open' AND c.deleted_at IS NULL AND c.due <= ?2 " \
  "AND NOT EXISTS (SELECT 1 FROM reminders_sent r" \
  "  WHERE r.commitment_id = c.id" \
  "    AND r.day >= CASE WHEN c.due = ?1 THEN ?3 ELSE ?1 END" \
  "    AND r.kind = CASE WHEN c.due < ?1 THEN 'overdue' ELSE 'due-tomorrow' END)"

#define LIST_DUE \
  "SELECT c.id, " DUE_KIND ", c.title, cl.name, c.due, c.client_id " \
  "FROM commitments c JOIN clients cl ON cl.id = c.client_id " \
  "WHERE " DUE_WHERE " ORDER BY c.due, c.id"

/* Reminders recorded as sent, r, that their commitment, c, no longer
 * needs: delivered, dropped, in the trash, or moved off the day they
 * were for. Forgotten, so that one goes out again if it comes back. */
#define STALE_WHERE \
  "(c.status != 'open' OR c.deleted_at IS NOT NULL" \
  " OR (r.kind = 'overdue' AND c.due >= ?1)" \
  " OR (r.kind = 'due-tomorrow' AND c.due > ?2))"
#define LIST_STALE \
  "SELECT DISTINCT r.commitment_id, r.kind " \
  "FROM reminders_sent r JOIN commitments c ON c.id = r.commitment_id WHERE " STALE_WHERE
#define FORGET_STALE \
  "DELETE FROM reminders_sent WHERE (commitment_id, kind, day) IN " \
  "(SELECT r.commitment_id, r.kind, r.day " \
  " FROM reminders_sent r JOIN commitments c ON c.id = r.commitment_id WHERE " STALE_WHERE ")"

/* Today, tomorrow and yesterday, ISO 8601, for ?1, ?2 and ?3 */
typedef struct
{
  char *today;
  char *tomorrow;
  char *yesterday;
} Day;

static void
day_init (Day         *day,
          const GDate *today)
{
  g_autoptr(GDate) tomorrow = rapport_date_copy (today);
  g_autoptr(GDate) yesterday = rapport_date_copy (today);

  g_date_add_days (tomorrow, 1);
  g_date_subtract_days (yesterday, 1);
  day->today = rapport_date_to_iso (today);
  day->tomorrow = rapport_date_to_iso (tomorrow);
  day->yesterday = rapport_date_to_iso (yesterday);
}

static void
day_clear (Day *day)
{
  g_clear_pointer (&day->today, g_free);
  g_clear_pointer (&day->tomorrow, g_free);
  g_clear_pointer (&day->yesterday, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Day, day_clear)

static void
bind_day (sqlite3_stmt *stmt,
          const Day    *day)
{
  /* Each statement has the parameters it uses: binding one it has not
   * only returns SQLITE_RANGE */
  sqlite3_bind_text (stmt, 1, day->today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, day->tomorrow, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, day->yesterday, -1, SQLITE_TRANSIENT);
}

/* Appends the reminders that @stmt (LIST_DUE) finds to @reminders */
static int
step_reminders (sqlite3_stmt *stmt,
                GPtrArray    *reminders)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportReminder *reminder = g_new0 (RapportReminder, 1);

      reminder->commitment_id = sqlite3_column_int64 (stmt, 0);
      switch (sqlite3_column_int (stmt, 1))
        {
        case 1:
          reminder->kind = RAPPORT_REMINDER_OVERDUE;
          break;
        case 2:
          reminder->kind = RAPPORT_REMINDER_DUE_TODAY;
          break;
        default:
          reminder->kind = RAPPORT_REMINDER_DUE_TOMORROW;
          break;
        }
      reminder->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      reminder->client_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      reminder->due = rapport_date_parse ((const char *) sqlite3_column_text (stmt, 4), NULL);
      reminder->client_id = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (reminders, reminder);
    }

  return rc;
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
  g_auto(Day) day = { NULL, NULL };
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  stmt = _rapport_store_prepare (self, LIST_DUE, error);
  if (stmt == NULL)
    return NULL;

  day_init (&day, today);
  bind_day (stmt, &day);
  rc = step_reminders (stmt, reminders);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _rapport_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&reminders);
}

/* Claiming the reminders due today
 *
 * Done in a thread, on a connection of its own: with 6,000 overdue
 * commitments, marking them sent (each checked against its commitment,
 * the foreign key) held the main thread 30 ms. */

typedef struct
{
  char  *path;
  Day    day;
  guint  max_listed;
} ClaimTask;

typedef struct
{
  guint      count;
  guint      overdue;
  guint      due_today;
  GPtrArray *reminders;
  GPtrArray *withdrawn;
} ClaimResult;

static void
claim_task_free (ClaimTask *claim)
{
  g_free (claim->path);
  day_clear (&claim->day);
  g_free (claim);
}

static void
claim_result_free (ClaimResult *result)
{
  g_clear_pointer (&result->reminders, g_ptr_array_unref);
  g_clear_pointer (&result->withdrawn, g_ptr_array_unref);
  g_free (result);
}

/* Runs @sql for the day; a row of numbers goes to @first, @second and
 * @third */
static int
run_for_day (sqlite3     *db,
             const char  *sql,
             const Day   *day,
             guint       *first,
             guint       *second,
             guint       *third)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;

  bind_day (stmt, day);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && first != NULL)
    {
      *first = (guint) sqlite3_column_int64 (stmt, 0);
      *second = (guint) sqlite3_column_int64 (stmt, 1);
      *third = (guint) sqlite3_column_int64 (stmt, 2);
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* Lists the reminders sent that no longer hold in @withdrawn, each with
 * its commitment and kind, and forgets them */
static int
forget_stale (sqlite3    *db,
              const Day  *day,
              GPtrArray  *withdrawn)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, LIST_STALE, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      bind_day (stmt, day);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          RapportReminder *reminder = g_new0 (RapportReminder, 1);

          reminder->commitment_id = sqlite3_column_int64 (stmt, 0);
          reminder->kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1),
                                      "overdue") == 0 ?
                           RAPPORT_REMINDER_OVERDUE : RAPPORT_REMINDER_DUE_TOMORROW;
          g_ptr_array_add (withdrawn, reminder);
        }
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_DONE && withdrawn->len > 0)
    rc = run_for_day (db, FORGET_STALE, day, NULL, NULL, NULL);
  return rc;
}

static int
claim_due (sqlite3     *db,
           ClaimTask   *task,
           ClaimResult *result)
{
  int rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

  result->withdrawn = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_free);
  if (rc == SQLITE_OK)
    rc = forget_stale (db, &task->day, result->withdrawn);
  if (rc == SQLITE_DONE)
    rc = run_for_day (db,
                      "SELECT count(*), coalesce (sum (c.due < ?1), 0),"
                      " coalesce (sum (c.due = ?1), 0) "
                      "FROM commitments c WHERE " DUE_WHERE,
                      &task->day, &result->count, &result->overdue, &result->due_today);

  if (rc == SQLITE_DONE && result->count > 0 && result->count <= task->max_listed)
    {
      sqlite3_stmt *stmt = NULL;

      result->reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_free);
      rc = sqlite3_prepare_v2 (db, LIST_DUE, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          bind_day (stmt, &task->day);
          rc = step_reminders (stmt, result->reminders);
        }
      sqlite3_finalize (stmt);
    }

  /* All of them went out, each or counted in one; records older than
   * yesterday's are of no use any more */
  if (rc == SQLITE_DONE)
    rc = run_for_day (db,
                      "INSERT OR IGNORE INTO reminders_sent (commitment_id, kind, day) "
                      "SELECT c.id, CASE WHEN c.due < ?1 THEN 'overdue' ELSE 'due-tomorrow' END,"
                      " ?1 FROM commitments c WHERE " DUE_WHERE,
                      &task->day, NULL, NULL, NULL);
  if (rc == SQLITE_DONE)
    rc = run_for_day (db, "DELETE FROM reminders_sent WHERE day < ?3", &task->day, NULL, NULL,
                      NULL);
  if (rc == SQLITE_DONE)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

static void
claim_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ClaimTask *task_claim = task_data;
  ClaimResult *result = g_new0 (ClaimResult, 1);
  sqlite3 *db = NULL;
  int rc;

  _rapport_background_thread ();
  _rapport_store_init_sqlite ();
  rc = sqlite3_open_v2 (task_claim->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 1000);
      rc = sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    rc = claim_due (db, task_claim, result);

  if (rc != SQLITE_OK)
    {
      g_task_return_new_error (task, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                               "%s", db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      claim_result_free (result);
    }
  else
    g_task_return_pointer (task, result, (GDestroyNotify) claim_result_free);

  sqlite3_close (db);
}

/**
 * rapport_store_claim_reminders_async:
 * @self: a store
 * @today: the user's calendar day
 * @max_listed: how many reminders to list at the most; more are counted
 *
 * Claims the reminders due on @today that have not gone out yet: counts
 * them, lists them when there are no more than @max_listed, and records
 * them all as sent, so that each goes out once a day, even across
 * restarts; and lists those sent that no longer hold. In one
 * transaction, in a thread.
 */
void
rapport_store_claim_reminders_async (RapportStore        *self,
                                     const GDate         *today,
                                     guint                max_listed,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ClaimTask *claim_task;

  g_return_if_fail (RAPPORT_IS_STORE (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  claim_task = g_new0 (ClaimTask, 1);
  claim_task->path = g_strdup (rapport_store_get_path (self));
  day_init (&claim_task->day, today);
  claim_task->max_listed = max_listed;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_store_claim_reminders_async);
  g_task_set_task_data (task, claim_task, (GDestroyNotify) claim_task_free);
  g_task_run_in_thread (task, claim_worker);
}

/**
 * rapport_store_claim_reminders_finish:
 * @overdue: (out): how many of them are for overdue commitments
 * @due_today: (out): how many are for commitments due today
 * @reminders: (out) (transfer full) (nullable) (element-type RapportReminder):
 *   the reminders, the most overdue first; %NULL when there were none, or
 *   more than the most to list
 * @withdrawn: (out) (transfer full) (optional) (element-type RapportReminder):
 *   the reminders sent today or yesterday, maybe before a restart, that
 *   no longer hold, to be taken off the desktop: only their commitment and
 *   kind are set (a reminder on its due day is of kind "due tomorrow", as
 *   the store records it). They are forgotten, so they are listed once.
 *
 * Returns: how many reminders were claimed, or 0 with @error set
 */
guint
rapport_store_claim_reminders_finish (RapportStore  *self,
                                      GAsyncResult  *result,
                                      guint         *overdue,
                                      guint         *due_today,
                                      GPtrArray    **reminders,
                                      GPtrArray    **withdrawn,
                                      GError       **error)
{
  ClaimResult *claimed;
  guint count;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (overdue != NULL && due_today != NULL && reminders != NULL, 0);

  *overdue = 0;
  *due_today = 0;
  *reminders = NULL;
  if (withdrawn != NULL)
    *withdrawn = NULL;
  claimed = g_task_propagate_pointer (G_TASK (result), error);
  if (claimed == NULL)
    return 0;

  if (withdrawn != NULL)
    *withdrawn = g_steal_pointer (&claimed->withdrawn);
  count = claimed->count;
  *overdue = claimed->overdue;
  *due_today = claimed->due_today;
  *reminders = g_steal_pointer (&claimed->reminders);
  claim_result_free (claimed);
  return count;
}
