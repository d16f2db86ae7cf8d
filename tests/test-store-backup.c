/* test-store-backup.c: automatic backups and bringing one back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <utime.h>

#include "rapport-store-backup.h"
#include "rapport-test-util.h"

static guint
count_clients (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);
  g_autoptr(GListModel) clients = NULL;

  g_assert_no_error (error);
  clients = rapport_store_list (store, RAPPORT_TYPE_CLIENT);
  return g_list_model_get_n_items (clients);
}

static void
test_daily_backup_once_a_day (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *backup_dir = rapport_store_backup_dir_for_path (path);
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Backed up");
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  struct stat st;

  made = rapport_store_backup_daily (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_assert_cmpstr (made, !=, "");
  g_assert_true (g_str_has_prefix (made, backup_dir));

  g_assert_cmpint (stat (made, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (stat (backup_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  again = rapport_store_backup_daily (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, "");

  backups = rapport_store_list_backups (path);
  g_assert_cmpuint (backups->len, ==, 1);

  /* The copy holds the data and is a database on its own */
  g_clear_object (&client);
  g_clear_object (&store);
  g_assert_cmpuint (count_clients (made), ==, 1);

  rapport_test_remove_dir (dir);
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  char **made = user_data;
  g_autoptr(GError) error = NULL;

  *made = rapport_store_backup_daily_finish (RAPPORT_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_daily_backup_async (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Async");
  g_autofree char *made = NULL;

  rapport_store_backup_daily_async (store, NULL, backup_done_cb, &made);
  while (made == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_file_test (made, G_FILE_TEST_IS_REGULAR));

  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

static void
test_keeps_the_last_seven (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *backup_dir = rapport_store_backup_dir_for_path (path);
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  /* Ten older daily backups, a day apart */
  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("rapport-2020-01-%02u.db", i);
      g_autofree char *older = g_build_filename (backup_dir, name, NULL);
      struct utimbuf times = { 1577836800 + i * 86400, 1577836800 + i * 86400 };

      g_assert_true (rapport_store_backup_to (path, older, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (utime (older, &times), ==, 0);
    }

  made = rapport_store_backup_daily (path, NULL, &error);
  g_assert_no_error (error);

  backups = rapport_store_list_backups (path);
  g_assert_cmpuint (backups->len, ==, RAPPORT_STORE_BACKUPS_KEPT);
  g_assert_cmpstr (backups->pdata[0], ==, made);
  g_assert_true (g_str_has_suffix (backups->pdata[1], "rapport-2020-01-10.db"));
  g_assert_true (g_str_has_suffix (backups->pdata[6], "rapport-2020-01-05.db"));

  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

/* "work.db" and "work-old.db" share a folder, and so a backup folder: the
 * backups of one are not the other's, to list, restore or prune */
static void
test_backups_of_another_database (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "work.db", NULL);
  g_autofree char *other_path = g_build_filename (dir, "work-old.db", NULL);
  g_autofree char *backup_dir = rapport_store_backup_dir_for_path (path);
  g_autofree char *other_backup = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) other_backups = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(RapportStore) store = rapport_store_open (path, &error);
    g_autoptr(RapportStore) other = rapport_store_open (other_path, &error);

    g_assert_no_error (error);
  }

  other_backup = rapport_store_backup_daily (other_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (other_backup);

  /* Older daily backups of work.db, more than are kept */
  for (guint i = 1; i <= RAPPORT_STORE_BACKUPS_KEPT + 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("work-2020-01-%02u.db", i);
      g_autofree char *older = g_build_filename (backup_dir, name, NULL);

      g_assert_true (rapport_store_backup_to (path, older, NULL, &error));
      g_assert_no_error (error);
    }

  backups = rapport_store_list_backups (path);
  for (guint i = 0; i < backups->len; i++)
    g_assert_cmpstr (backups->pdata[i], !=, other_backup);

  g_free (rapport_store_backup_daily (path, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_test (other_backup, G_FILE_TEST_IS_REGULAR));
  other_backups = rapport_store_list_backups (other_path);
  g_assert_cmpuint (other_backups->len, ==, 1);
  g_assert_cmpstr (other_backups->pdata[0], ==, other_backup);

  rapport_test_remove_dir (dir);
}

static void
test_replace_damaged_with_backup (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Saved");
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;
  const char *damage = "this file was damaged by a failing disk";

  made = rapport_store_backup_daily (path, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&client);
  g_clear_object (&store);

  g_assert_true (g_file_set_contents (path, damage, -1, NULL));
  store = rapport_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_true (rapport_store_replace_with_backup (path, made, TRUE, &aside, &error));
  g_assert_no_error (error);

  /* Nothing is lost: the damaged file is kept beside */
  g_assert_nonnull (aside);
  g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, damage);

  g_assert_cmpuint (count_clients (path), ==, 1);
  rapport_test_remove_dir (dir);
}

/* Two restores in the same second (a second click): each previous file is
 * kept under its own name, none over the other */
static void
test_replace_twice_keeps_both (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *made = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(RapportStore) store = rapport_test_open_store (dir);
    g_autoptr(RapportClient) client = rapport_test_add_client (store, "Kept");

    made = rapport_store_backup_daily (path, NULL, &error);
    g_assert_no_error (error);
    g_clear_object (&client);
    client = rapport_test_add_client (store, "Added after the backup");
  }

  g_assert_true (rapport_store_replace_with_backup (path, made, FALSE, &first, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_replace_with_backup (path, made, FALSE, &second, &error));
  g_assert_no_error (error);

  /* Seconds apart or not, two names, and the first file is the one with
   * the client added after the backup */
  g_assert_cmpstr (first, !=, second);
  g_assert_cmpuint (count_clients (first), ==, 2);
  g_assert_cmpuint (count_clients (second), ==, 1);
  g_assert_cmpuint (count_clients (path), ==, 1);

  rapport_test_remove_dir (dir);
}

/* Saves a client named @name whose notes take @size bytes in the
 * database in @dir */
static void
add_client_with_notes (const char *dir,
                       const char *name,
                       gsize       size)
{
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_client_new (name);
  g_autofree char *notes = g_strnfill (size, 'n');

  rapport_client_set_notes (client, notes);
  rapport_test_save (store, client);
}

/* A restore that cannot copy the backup (a full disk) puts the database
 * back as it was, with its -wal and -shm: the -wal may hold its latest
 * changes */
static void
test_replace_failed_puts_back (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *disk = g_build_filename (dir, "disk", NULL);
  g_autofree char *path = g_build_filename (disk, "rapport.db", NULL);
  g_autofree char *wal = g_build_filename (disk, "rapport.db-wal", NULL);
  g_autofree char *shm = g_build_filename (disk, "rapport.db-shm", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *db_before = NULL;
  g_autofree char *db_after = NULL;
  g_autofree char *wal_after = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = NULL;
  gsize db_length, after_length;
  const char *name;

  g_assert_cmpint (g_mkdir (disk, 0700), ==, 0);
  if (!rapport_test_mount_small_disk (disk))
    {
      rapport_test_remove_dir (dir);
      return;
    }

  /* A backup too big for the disk */
  {
    g_autofree char *own = g_build_filename (dir, "rapport.db", NULL);

    add_client_with_notes (dir, "Too big for the disk", 600 * 1024);
    g_assert_true (rapport_store_backup_to (own, backup, NULL, &error));
    g_assert_no_error (error);
  }

  /* The database on the disk, closed, and log files beside it as a
   * crash leaves them */
  {
    g_autoptr(RapportStore) store = rapport_test_open_store (disk);
    g_autoptr(RapportClient) client = rapport_test_add_client (store, "Small");
  }
  g_assert_true (g_file_get_contents (path, &db_before, &db_length, NULL));
  g_assert_true (g_file_set_contents (wal, "the latest changes", -1, NULL));
  g_assert_true (g_file_set_contents (shm, "an index of them", -1, NULL));

  g_assert_false (rapport_store_replace_with_backup (path, backup, FALSE, &aside, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_null (aside);

  g_assert_true (g_file_get_contents (path, &db_after, &after_length, NULL));
  g_assert_cmpmem (db_after, after_length, db_before, db_length);
  g_assert_true (g_file_get_contents (wal, &wal_after, NULL, NULL));
  g_assert_cmpstr (wal_after, ==, "the latest changes");
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  handle = g_dir_open (disk, 0, NULL);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_assert_null (strstr (name, "before-restore"));

  g_clear_pointer (&handle, g_dir_close);
  umount2 (disk, MNT_DETACH);
  rapport_test_remove_dir (dir);
}

/* A backup damaged too is not put in place: the database is left as it
 * was, nothing is set aside, and the message is about the backup */
static void
test_replace_with_damaged_backup (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *backup_dir = NULL;
  g_autofree char *made = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = NULL;
  const char *name;

  {
    g_autoptr(RapportStore) store = rapport_test_open_store (dir);
    g_autoptr(RapportClient) client = rapport_test_add_client (store, "Kept");

    made = rapport_store_backup_daily (path, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_true (g_file_set_contents (made, "this backup was damaged too", -1, NULL));

  g_assert_false (rapport_store_replace_with_backup (path, made, TRUE, &aside, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "backup"));
  g_assert_nonnull (strstr (error->message, "cannot be restored"));
  g_assert_null (aside);

  g_assert_cmpuint (count_clients (path), ==, 1);
  handle = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_assert_null (strstr (name, ".damaged-"));

  rapport_test_remove_dir (dir);
}

static void
test_backup_of_missing_file_fails (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *target = g_build_filename (dir, "backups", "copy.db", NULL);
  g_autofree char *partial = g_strconcat (target, ".partial", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_store_backup_to (path, target, NULL, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  rapport_test_remove_dir (dir);
}

/* A copy that fits on its disk, but not with the log files SQLite makes
 * to turn it into a one-file database: none of them is left there */
static void
test_backup_to_full_disk (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *disk = g_build_filename (dir, "disk", NULL);
  g_autofree char *target = g_build_filename (disk, "copy.db", NULL);
  g_autofree char *filler = g_build_filename (disk, "filler", NULL);
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = NULL;
  struct statvfs disk_stat;
  struct stat db_stat;
  const char *name;

  g_assert_cmpint (g_mkdir (disk, 0700), ==, 0);
  if (!rapport_test_mount_small_disk (disk))
    {
      rapport_test_remove_dir (dir);
      return;
    }

  add_client_with_notes (dir, "Almost too big for the disk", 400 * 1024);

  /* Room for the copy and its rollback journal, not for the -shm */
  g_assert_cmpint (stat (path, &db_stat), ==, 0);
  g_assert_cmpint (statvfs (disk, &disk_stat), ==, 0);
  {
    gsize room = disk_stat.f_bavail * disk_stat.f_frsize;
    gsize keep = db_stat.st_size + 8 * 1024;
    g_autofree char *blob = NULL;

    g_assert_cmpuint (room, >, keep);
    blob = g_malloc0 (room - keep);
    g_assert_true (g_file_set_contents (filler, blob, room - keep, NULL));
  }

  g_assert_false (rapport_store_backup_to (path, target, NULL, &error));
  g_assert_nonnull (error);

  handle = g_dir_open (disk, 0, NULL);
  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (!g_str_equal (name, "filler"))
      g_error ("%s was left behind", name);

  umount2 (disk, MNT_DETACH);
  rapport_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-backup/daily/once-a-day", test_daily_backup_once_a_day);
  g_test_add_func ("/store-backup/daily/async", test_daily_backup_async);
  g_test_add_func ("/store-backup/daily/keeps-last-seven", test_keeps_the_last_seven);
  g_test_add_func ("/store-backup/list/not-another-database",
                   test_backups_of_another_database);
  g_test_add_func ("/store-backup/replace/damaged", test_replace_damaged_with_backup);
  g_test_add_func ("/store-backup/replace/twice-keeps-both", test_replace_twice_keeps_both);
  g_test_add_func ("/store-backup/replace/failed-puts-back", test_replace_failed_puts_back);
  g_test_add_func ("/store-backup/replace/damaged-backup-refused",
                   test_replace_with_damaged_backup);
  g_test_add_func ("/store-backup/to/missing-source", test_backup_of_missing_file_fails);
  g_test_add_func ("/store-backup/to/full-disk-leaves-no-files", test_backup_to_full_disk);

  return g_test_run ();
}
