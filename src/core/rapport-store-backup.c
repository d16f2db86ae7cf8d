/* rapport-store-backup.c: automatic copies of the database, and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backups are made with SQLite's online backup API on their own connection,
 * so they are consistent while the app keeps working. Each is written to a
 * temporary file and renamed into place, so a backup is whole or absent.
 * They live in a "backups" folder beside the database, mode 0700, files 0600:
 * <name>-YYYY-MM-DD.db for the daily ones, <name>-before-vN-<time>.db before
 * a migration.
 */
#define G_LOG_DOMAIN "rapport-store-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "rapport-background.h"
#include "rapport-store-backup.h"
#include "rapport-store-private.h"

/* Pages copied per step: small steps keep cancellation responsive */
#define PAGES_PER_STEP 256

static char *
db_stem (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);

  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';

  return g_steal_pointer (&base);
}

char *
rapport_store_backup_dir_for_path (const char *db_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  dir = g_path_get_dirname (db_path);
  return g_build_filename (dir, "backups", NULL);
}

static int
compare_paths_newest_first (gconstpointer a,
                            gconstpointer b)
{
  const char *pa = *(const char * const *) a;
  const char *pb = *(const char * const *) b;
  GStatBuf sa, sb;

  if (g_stat (pa, &sa) == 0 && g_stat (pb, &sb) == 0 && sa.st_mtime != sb.st_mtime)
    return sa.st_mtime < sb.st_mtime ? 1 : -1;

  /* Names carry the date: the larger name is the newer one */
  return -g_strcmp0 (pa, pb);
}

/* Whether @rest, what follows "<name>-" in a file name, is what this file
 * adds to a database's name: "YYYY-MM-DD.db" or "before-vN-YYYYMMDD-HHMMSS.db".
 * "work-old-2026-01-05.db" is a backup of "work-old.db", not of "work.db". */
static gboolean
is_backup_suffix (const char *rest)
{
  return g_regex_match_simple ("^([0-9]{4}-[0-9]{2}-[0-9]{2}|before-v[0-9]+-[0-9]{8}-[0-9]{6})"
                               "\\.db$", rest, G_REGEX_RAW, 0);
}

/**
 * rapport_store_list_backups:
 * @db_path: the database file
 *
 * Returns: (transfer full): the automatic backups of @db_path, full paths,
 *   newest first. Works without opening the database, which may be damaged.
 */
GPtrArray *
rapport_store_list_backups (const char *db_path)
{
  g_autofree char *dir = rapport_store_backup_dir_for_path (db_path);
  g_autofree char *stem = db_stem (db_path);
  g_autofree char *prefix = g_strconcat (stem, "-", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  GPtrArray *backups = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return backups;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, prefix) && is_backup_suffix (name + strlen (prefix)))
      g_ptr_array_add (backups, g_build_filename (dir, name, NULL));

  g_ptr_array_sort (backups, compare_paths_newest_first);
  return backups;
}

static void
set_sqlite_error (int          rc,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FULL,
                   _("There is no space left for the backup “%s”."), name);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CORRUPT,
                   _("The database is damaged and could not be backed up (%s)."),
                   sqlite3_errstr (rc));
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_LOCKED,
                   _("The database is in use by another program; the backup was not made."));
      break;

    default:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO,
                   _("The backup “%s” could not be written (%s)."), name, sqlite3_errstr (rc));
      break;
    }
}

static gboolean
ensure_private_dir (const char  *dir,
                    GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (dir);

      g_set_error (error, RAPPORT_STORE_ERROR,
                   saved_errno == ENOSPC ? RAPPORT_STORE_ERROR_FULL : RAPPORT_STORE_ERROR_IO,
                   _("The folder “%s” could not be created: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * rapport_store_backup_to:
 * @db_path: the database to copy
 * @backup_path: where the copy goes; replaced only once the copy is whole
 *
 * Copies the database with SQLite's backup API on a connection of its own.
 */
gboolean
rapport_store_backup_to (const char    *db_path,
                         const char    *backup_path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (backup_path);
  g_autofree char *tmp_path = g_strconcat (backup_path, ".partial", NULL);
  sqlite3 *source = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int fd;
  int rc;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (!ensure_private_dir (dir, error))
    return FALSE;

  /* Create the file private before SQLite writes into it */
  g_unlink (tmp_path);
  fd = g_open (tmp_path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (tmp_path);

      g_set_error (error, RAPPORT_STORE_ERROR,
                   saved_errno == ENOSPC ? RAPPORT_STORE_ERROR_FULL : RAPPORT_STORE_ERROR_IO,
                   _("The backup “%s” could not be created: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  _rapport_store_init_sqlite ();
  rc = sqlite3_open_v2 (db_path, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (rc, tmp_path, error);
      goto out;
    }
  sqlite3_busy_timeout (source, 1000);

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      set_sqlite_error (sqlite3_errcode (dest), tmp_path, error);
      goto out;
    }

  do
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_backup_finish (backup);
          goto out;
        }
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  rc = sqlite3_backup_finish (backup);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (rc, tmp_path, error);
      goto out;
    }

  /* The copy is a plain rollback-journal file: one file is the whole backup */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (rc, tmp_path, error);
      goto out;
    }

  sqlite3_close (dest);
  dest = NULL;

  if (g_rename (tmp_path, backup_path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (backup_path);

      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO,
                   _("The backup “%s” could not be written: %s"), name, g_strerror (saved_errno));
      goto out;
    }

  ok = TRUE;

out:
  if (dest != NULL)
    sqlite3_close (dest);
  if (source != NULL)
    sqlite3_close (source);
  if (!ok)
    {
      /* The copy has the database's header, which says WAL: SQLite made
       * log files beside it to turn it into a rollback-journal file */
      static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *name = g_strconcat (tmp_path, suffixes[i], NULL);

          g_unlink (name);
        }
    }

  return ok;
}

static void
prune_backups (const char *db_path)
{
  g_autoptr(GPtrArray) backups = rapport_store_list_backups (db_path);

  for (guint i = RAPPORT_STORE_BACKUPS_KEPT; i < backups->len; i++)
    if (g_unlink (backups->pdata[i]) != 0)
      g_warning ("Could not remove the old backup %s: %s",
                 (const char *) backups->pdata[i], g_strerror (errno));
}

/**
 * rapport_store_backup_daily:
 * @db_path: the database file
 *
 * Makes today's backup unless there is one already, and keeps only the
 * newest RAPPORT_STORE_BACKUPS_KEPT backups.
 *
 * Returns: (transfer full) (nullable): the path of the backup made, or an
 *   empty string when today's backup existed already, or %NULL on error
 */
char *
rapport_store_backup_daily (const char    *db_path,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *stem = db_stem (db_path);
  g_autofree char *dir = rapport_store_backup_dir_for_path (db_path);
  g_autofree char *name = g_strdup_printf ("%s-%s.db", stem, day);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_strdup ("");

  if (!rapport_store_backup_to (db_path, path, cancellable, error))
    return NULL;

  prune_backups (db_path);
  return g_steal_pointer (&path);
}

static void
backup_daily_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *db_path = task_data;
  GError *error = NULL;
  char *path;

  _rapport_background_thread ();
  path = rapport_store_backup_daily (db_path, cancellable, &error);
  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

void
rapport_store_backup_daily_async (RapportStore        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RAPPORT_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_store_backup_daily_async);
  g_task_set_task_data (task, g_strdup (rapport_store_get_path (self)), g_free);
  g_task_run_in_thread (task, backup_daily_worker);
}

char *
rapport_store_backup_daily_finish (RapportStore  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Whether @backup_path can be read as a database: a backup damaged too
 * is said to be so before anything is moved, and not as the failure of
 * a backup of the database */
static gboolean
check_backup_readable (const char  *backup_path,
                       GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  _rapport_store_init_sqlite ();
  rc = sqlite3_open_v2 (backup_path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  sqlite3_close (db);

  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    {
      g_autofree char *name = g_filename_display_basename (backup_path);

      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CORRUPT,
                   _("The backup “%s” is damaged and cannot be restored. Try an older one."),
                   name);
      return FALSE;
    }

  /* Other failures are the copy's to report */
  return TRUE;
}

/* Renames the -wal and -shm beside the database @from to go beside @to */
static void
move_logs (const char *from,
           const char *to)
{
  const char *suffixes[] = { "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *log_from = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *log_to = g_strconcat (to, suffixes[i], NULL);

      if (g_file_test (log_from, G_FILE_TEST_EXISTS))
        g_rename (log_from, log_to);
    }
}

/* "<db_path>.damaged-<time>" or "<db_path>.before-restore-<time>", with
 * "-2", "-3"… after it when a file of that name is there already (two
 * restores in one second): g_rename() would put one over the other */
static char *
dup_free_aside_path (const char *db_path,
                     gboolean    damaged)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *base = g_strdup_printf (damaged ? "%s.damaged-%s" : "%s.before-restore-%s",
                                           db_path, stamp);
  char *path = g_strdup (base);

  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (path);
      path = g_strdup_printf ("%s-%u", base, n);
    }

  return path;
}

/**
 * rapport_store_replace_with_backup:
 * @db_path: the database file, which may be damaged or missing
 * @backup_path: the backup to bring back
 * @damaged: whether @db_path is damaged, which the name it is kept under says
 * @set_aside_path: (out) (optional): where the previous file was kept
 *
 * Puts a copy of @backup_path in place of @db_path. The previous file is
 * never deleted: it is renamed to "<db_path>.damaged-<time>", or
 * "<db_path>.before-restore-<time>" when it was sound (a name that does
 * not invite to throw it away), together with its -wal and -shm files, so
 * nothing is lost.
 */
gboolean
rapport_store_replace_with_backup (const char  *db_path,
                                   const char  *backup_path,
                                   gboolean     damaged,
                                   char       **set_aside_path,
                                   GError     **error)
{
  g_autofree char *aside = NULL;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  aside = dup_free_aside_path (db_path, damaged);

  if (!check_backup_readable (backup_path, error))
    return FALSE;

  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      if (g_rename (db_path, aside) != 0)
        {
          int saved_errno = errno;
          g_autofree char *name = g_filename_display_name (db_path);

          g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO,
                       _("“%s” could not be set aside: %s"), name, g_strerror (saved_errno));
          return FALSE;
        }

      move_logs (db_path, aside);
    }
  else
    g_clear_pointer (&aside, g_free);

  if (!rapport_store_backup_to (backup_path, db_path, NULL, error))
    {
      /* Put the previous file back where it was, with its latest changes */
      if (aside != NULL)
        {
          g_rename (aside, db_path);
          move_logs (aside, db_path);
        }
      return FALSE;
    }

  if (set_aside_path != NULL)
    *set_aside_path = g_steal_pointer (&aside);

  return TRUE;
}
