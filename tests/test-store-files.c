/* test-store-files.c: the database file on disk: permissions, journal,
 * schema versions and every kind of file the store must refuse untouched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-store-backup.h"
#include "rapport-store-private.h"
#include "rapport-test-util.h"

static char *
read_file (const char *path,
           gsize      *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* Runs SQL on a database with SQLite directly, as another program would */
static void
sqlite_exec (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
sqlite_int (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
sqlite_text (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_new_file_is_private (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *folder = g_build_filename (dir, "nested", "folder", NULL);
  g_autofree char *path = g_build_filename (folder, "rapport.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportClient) client = NULL;
  struct stat st;
  mode_t old_umask = umask (0);

  store = rapport_store_open (path, &error);
  umask (old_umask);
  g_assert_no_error (error);
  client = rapport_test_add_client (store, "Private");

  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

static void
test_pragmas_and_schema (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autofree char *journal = NULL;
  g_autofree char *integrity = NULL;

  g_clear_object (&store);

  journal = sqlite_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  integrity = sqlite_text (path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (sqlite_int (path, "PRAGMA user_version"), ==, rapport_store_get_schema_version ());
  g_assert_cmpint (sqlite_int (path, "PRAGMA application_id"), ==, 0x52617070);
  g_assert_cmpint (sqlite_int (path, "SELECT count(*) FROM pragma_foreign_key_list('commitments')"), ==, 1);
  g_assert_cmpint (sqlite_int (path, "SELECT count(*) FROM pragma_foreign_key_list('lessons')"), ==, 3);

  rapport_test_remove_dir (dir);
}

static void
test_reopen_keeps_data (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Persistent");
  g_autoptr(GListModel) clients = NULL;

  g_clear_object (&client);
  g_clear_object (&store);

  for (guint i = 0; i < 3; i++)
    {
      store = rapport_test_open_store (dir);
      clients = rapport_store_list (store, RAPPORT_TYPE_CLIENT);
      g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);
      g_clear_object (&clients);
      g_clear_object (&store);
    }

  rapport_test_remove_dir (dir);
}

/* The write-ahead log goes back into the file when the store closes, even
 * after a search kept a connection of its own: a log left behind made
 * every read of the next start-up look through it */
static void
test_close_leaves_no_log (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GError) error = NULL;
  GType types[] = { RAPPORT_TYPE_CLIENT };

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %u", i);
      g_autoptr(RapportClient) client = rapport_test_add_client (store, name);
    }
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  rapport_store_search_async (store, types, 1, "client", 10, NULL, rapport_test_keep_result,
                              &result);
  rapport_test_wait (&result);
  lists = rapport_store_search_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lists->pdata[0]), ==, 11);

  /* The application asks for it when it quits, while threads may still
   * hold the store */
  rapport_store_checkpoint (store);
  {
    struct stat st;

    g_assert_cmpint (stat (wal, &st), ==, 0);
    g_assert_cmpint (st.st_size, ==, 0);
  }

  g_clear_pointer (&lists, g_ptr_array_unref);
  g_clear_object (&result);
  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* And nothing was lost */
  store = rapport_test_open_store (dir);
  {
    g_autoptr(GListModel) clients = rapport_store_list (store, RAPPORT_TYPE_CLIENT);

    g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 50);
  }
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

/* Opening @path must fail with @code and leave the file byte for byte as it was */
static void
assert_refused_untouched (const char *path,
                          int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize before_len, after_len;

  before = read_file (path, &before_len);
  store = rapport_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, "rapport.db"));

  after = read_file (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS) && code != RAPPORT_STORE_ERROR_LOCKED);
}

static void
test_refuses_newer_version (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autofree char *sql = NULL;

  g_clear_object (&store);
  /* Leave rollback-journal mode so the file alone holds everything */
  sql = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %u;",
                         rapport_store_get_schema_version () + 1);
  sqlite_exec (path, sql);

  assert_refused_untouched (path, RAPPORT_STORE_ERROR_TOO_NEW);
  rapport_test_remove_dir (dir);
}

static void
test_refuses_garbage (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *noise = g_malloc (8192);

  for (guint i = 0; i < 8192; i++)
    noise[i] = (char) g_test_rand_int_range (0, 256);
  write_file (path, noise, 8192);

  assert_refused_untouched (path, RAPPORT_STORE_ERROR_CORRUPT);

  write_file (path, "These are my notes, not a database.\n", -1);
  assert_refused_untouched (path, RAPPORT_STORE_ERROR_CORRUPT);

  rapport_test_remove_dir (dir);
}

static void
test_refuses_damaged_schema (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autofree char *contents = NULL;
  gsize length;

  g_clear_object (&store);
  sqlite_exec (path, "PRAGMA journal_mode = DELETE");

  /* Overwrite the page that holds the schema (page 1, after the header) */
  contents = read_file (path, &length);
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 100, 0xA5, 4096 - 100);
  write_file (path, contents, (gssize) length);

  assert_refused_untouched (path, RAPPORT_STORE_ERROR_CORRUPT);
  rapport_test_remove_dir (dir);
}

static void
test_refuses_other_programs_database (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);

  sqlite_exec (path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('paella');");
  assert_refused_untouched (path, RAPPORT_STORE_ERROR_NOT_RAPPORT);

  rapport_test_remove_dir (dir);
}

static void
test_refuses_locked (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) second = NULL;
  sqlite3 *holder = NULL;

  g_clear_object (&store);

  /* Another program holds an exclusive lock on the file */
  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  second = rapport_store_open (path, &error);
  g_assert_null (second);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_LOCKED);

  sqlite3_exec (holder, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (holder);

  /* Once the other program lets go, the database opens with its data */
  second = rapport_test_open_store (dir);
  g_clear_object (&second);
  rapport_test_remove_dir (dir);
}

static void
test_refuses_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RapportStore) store = NULL;

      /* root writes through any mode bits: be somebody else for this test */
      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        g_error ("Could not drop privileges");

      store = rapport_store_open (g_getenv ("RAPPORT_TEST_DB"), &error);
      g_assert_null (store);
      g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_READ_ONLY);
      return;
    }

  dir = rapport_test_make_dir ();
  path = g_build_filename (dir, "rapport.db", NULL);
  {
    g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  }
  sqlite_exec (path, "PRAGMA journal_mode = DELETE");
  g_assert_cmpint (chmod (dir, 0755), ==, 0);
  g_assert_cmpint (chmod (path, 0444), ==, 0);

  {
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    gsize before_len, after_len;

    before = read_file (path, &before_len);
    g_setenv ("RAPPORT_TEST_DB", path, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();
    after = read_file (path, &after_len);
    g_assert_cmpmem (before, before_len, after, after_len);
  }

  rapport_test_remove_dir (dir);
}

/* A read-only file in a folder its owner can write: refused, and the
 * refusal leaves no log files, which would keep the database unwritable
 * after its owner made it writable again */
static void
test_refused_read_only_leaves_no_files (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDir) handle = NULL;
  const char *name;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RapportStore) store = NULL;

      if (setgid (65534) != 0 || setuid (65534) != 0)
        g_error ("Could not drop privileges");

      store = rapport_store_open (g_getenv ("RAPPORT_TEST_DB"), &error);
      g_assert_null (store);
      g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_READ_ONLY);
      return;
    }

  if (geteuid () != 0)
    {
      g_test_skip ("Needs root to give the files to another user");
      return;
    }

  dir = rapport_test_make_dir ();
  path = g_build_filename (dir, "rapport.db", NULL);
  {
    g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  }
  g_assert_cmpint (chown (dir, 65534, 65534), ==, 0);
  g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
  g_assert_cmpint (chmod (path, 0444), ==, 0);

  g_setenv ("RAPPORT_TEST_DB", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  handle = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_assert_cmpstr (name, ==, "rapport.db");

  rapport_test_remove_dir (dir);
}

static void
test_refuses_unwritable_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;

  if (g_test_subprocess ())
    {
      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        g_error ("Could not drop privileges");

      store = rapport_store_open ("/proc/rapport/rapport.db", &error);
      g_assert_null (store);
      g_assert_true (g_error_matches (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_READ_ONLY) ||
                     g_error_matches (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO));
      g_assert_nonnull (strstr (error->message, "/proc/rapport"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Builds a database as Rapport left it at schema @version (0: a new,
 * empty file) from the migrations themselves. */
static void
make_database_at_version (const char *path,
                          guint       version)
{
  g_autoptr(GString) sql = g_string_new ("BEGIN;");

  if (version == 0)
    {
      write_file (path, "", 0);
      return;
    }

  for (guint v = 1; v <= version; v++)
    g_string_append_printf (sql, "%s;", _rapport_store_schema_migration (v));
  g_string_append_printf (sql, "PRAGMA application_id = %d; PRAGMA user_version = %u; COMMIT;",
                          RAPPORT_STORE_APPLICATION_ID, version);
  sqlite_exec (path, sql->str);
}

static void
test_migrates_every_earlier_version (void)
{
  for (guint version = 0; version < rapport_store_get_schema_version (); version++)
    {
      g_autofree char *dir = rapport_test_make_dir ();
      g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(RapportStore) store = NULL;
      g_autoptr(RapportClient) client = NULL;
      g_autofree char *integrity = NULL;

      make_database_at_version (path, version);

      store = rapport_store_open (path, &error);
      g_assert_no_error (error);
      client = rapport_test_add_client (store, "Migrated");
      g_clear_object (&client);
      g_clear_object (&store);

      g_assert_cmpint (sqlite_int (path, "PRAGMA user_version"), ==,
                       rapport_store_get_schema_version ());
      integrity = sqlite_text (path, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");

      /* Data written before a migration is backed up first */
      if (version > 0)
        {
          g_autoptr(GPtrArray) backups = rapport_store_list_backups (path);

          g_assert_cmpuint (backups->len, ==, 1);
          g_assert_nonnull (strstr (backups->pdata[0], "-before-v"));
        }

      rapport_test_remove_dir (dir);
    }
}

/* Migration 7 on rows written by version 6 */
static void
test_migration_7_keeps_rows (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  int rc;
  sqlite3 *db = NULL;

  make_database_at_version (path, 6);
  sqlite_exec (path,
               "INSERT INTO clients (id, uuid, created, updated, name) VALUES "
               " (1, 'AAAAAAAA-0000-4000-8000-000000000001', 0, 0, 'Upper'),"
               " (2, 'bbbbbbbb-0000-4000-8000-000000000002', 0, 0, 'Lower'),"
               " (3, 'BBBBBBBB-0000-4000-8000-000000000002', 0, 0, 'Twin');"
               "INSERT INTO commitments (id, uuid, created, updated, client_id, title, due) "
               " VALUES (1, 'cccccccc-0000-4000-8000-000000000003', 0, 0, 1, 'Logo', "
               "         '2026-06-01');"
               "INSERT INTO renegotiations (uuid, created, updated, commitment_id, old_due, "
               "                            new_due, reason, client_agreed, renegotiated_at) "
               " VALUES ('dddddddd-0000-4000-8000-000000000004', 0, 0, 1, '2026-06-01', "
               "         '2026-06-08', 'Late texts', 0, 0);");

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Every renegotiation recorded before was one the client was told of */
  g_assert_cmpint (sqlite_int (path, "SELECT client_told FROM renegotiations"), ==, 1);
  /* UUIDs in lower case, unless another row has that one already */
  g_assert_cmpint (sqlite_int (path, "SELECT count (*) FROM clients WHERE uuid = "
                                     "'aaaaaaaa-0000-4000-8000-000000000001'"), ==, 1);
  g_assert_cmpint (sqlite_int (path, "SELECT id FROM clients WHERE uuid = "
                                     "'BBBBBBBB-0000-4000-8000-000000000002'"), ==, 3);

  /* The client cannot have agreed to a move they were not told of */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, "UPDATE renegotiations SET client_told = 0, client_agreed = 1",
                     NULL, NULL, NULL);
  g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);

  rapport_test_remove_dir (dir);
}

static void
test_default_path (void)
{
  g_autofree char *path = rapport_store_dup_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), APP_ID, "rapport.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-files/new-file-is-private", test_new_file_is_private);
  g_test_add_func ("/store-files/pragmas-and-schema", test_pragmas_and_schema);
  g_test_add_func ("/store-files/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/store-files/close-leaves-no-log", test_close_leaves_no_log);
  g_test_add_func ("/store-files/refuses/newer-version", test_refuses_newer_version);
  g_test_add_func ("/store-files/refuses/garbage", test_refuses_garbage);
  g_test_add_func ("/store-files/refuses/damaged-schema", test_refuses_damaged_schema);
  g_test_add_func ("/store-files/refuses/other-program", test_refuses_other_programs_database);
  g_test_add_func ("/store-files/refuses/locked", test_refuses_locked);
  g_test_add_func ("/store-files/refuses/read-only", test_refuses_read_only);
  g_test_add_func ("/store-files/refuses/unwritable-folder", test_refuses_unwritable_folder);
  g_test_add_func ("/store-files/refuses/read-only-leaves-no-files",
                   test_refused_read_only_leaves_no_files);
  g_test_add_func ("/store-files/migrations/every-earlier-version", test_migrates_every_earlier_version);
  g_test_add_func ("/store-files/migrations/7-keeps-rows", test_migration_7_keeps_rows);
  g_test_add_func ("/store-files/default-path", test_default_path);

  return g_test_run ();
}
