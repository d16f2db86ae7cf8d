/* test-cli.c: the headless command line of the built rapport binary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs G_TEST_BUILDDIR/../src/rapport without a display, on temporary
 * databases, and checks what it prints and how it exits.
 */
#include "config.h"

#include <grp.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-store-private.h"
#include "rapport-test-data.h"

typedef struct
{
  char     *dir;
  char     *database;
  /* Run rapport as nobody when the tests run as root, which writes
   * through any file's mode */
  gboolean  as_nobody;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RapportStore) store = NULL;

  fixture->dir = rapport_test_make_dir ();
  fixture->database = g_build_filename (fixture->dir, "rapport.db", NULL);
  store = rapport_test_open_store (fixture->dir);
  rapport_test_populate (store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rapport_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->database, g_free);
}

static void
become_nobody_cb (gpointer user_data)
{
  if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
    _exit (127);
}

/* Runs rapport with @args, @input (if not NULL) on its standard input */
static Run
run_rapport_argv (Fixture           *fixture,
                  const char        *input,
                  const char *const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *data_home = g_build_filename (fixture->dir, "data-home", NULL);
  Run run = { 0 };

  {
    g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "..", "src", "rapport", NULL);

    /* The child runs in the test's folder */
    g_ptr_array_add (argv, g_canonicalize_filename (binary, NULL));
  }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  /* No display: the options must work without one */
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, fixture->dir);
  g_subprocess_launcher_set_environ (launcher, envp);
  if (fixture->as_nobody && geteuid () == 0)
    g_subprocess_launcher_set_child_setup (launcher, become_nobody_cb, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  if (process == NULL && fixture->as_nobody)
    {
      /* nobody may not reach the build tree */
      run.status = -1;
      return run;
    }
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run.out, &run.err, &error);
  g_assert_no_error (error);

  if (!g_subprocess_get_if_exited (process))
    g_error ("rapport did not exit normally");
  run.status = g_subprocess_get_exit_status (process);

  return run;
}

/* Runs rapport with @first and the arguments after it, up to NULL */
G_GNUC_NULL_TERMINATED static Run
run_rapport (Fixture    *fixture,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return run_rapport_argv (fixture, NULL, (const char *const *) args->pdata);
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
without_generated (const char *json)
{
  g_autoptr(GRegex) generated = g_regex_new ("\"generated\": \"[^\"]*\"", 0, 0, NULL);

  return g_regex_replace_literal (generated, json, -1, 0, "", 0, NULL);
}

static void
test_summary_stdout (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                 "--export-summary", "-", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *summary;

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  root = rapport_test_parse_json (run.out);
  summary = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (summary, "format"), ==, "rapport-summary");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (summary,
                                                                                  "period"),
                                                  "name"), ==, "all");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (summary, "clients")),
                    ==, 3);
  g_assert_null (strstr (run.out, "Umbrella"));
  g_assert_nonnull (strstr (run.out, "\"Client 1\""));
}

static void
test_summary_options (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                 "--export-summary", "summary.json", "--include-confidential",
                                 "--period", "last-90", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "summary.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  struct stat st;

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");

  contents = read_file (fixture->dir, "summary.json");
  root = rapport_test_parse_json (contents);
  g_assert_nonnull (strstr (contents, "Umbrella Corp"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_node_get_object (root), "period"),
                     "name"), ==, "last-90");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_backup_and_import (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy", "rapport.db", NULL);
  g_autofree char *first = NULL;
  g_autofree char *first_bare = NULL;
  g_autofree char *second_bare = NULL;

  {
    g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                   "--export-backup", "backup.json", NULL);

    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    first = read_file (fixture->dir, "backup.json");
  }

  {
    g_auto(Run) run = run_rapport (fixture, "--database", copy, "--import-backup", "backup.json",
                                   NULL);

    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_nonnull (strstr (run.out, "Added: 20, changed: 0, unchanged: 0"));
  }

  /* "-" reads the standard input, here a pipe */
  {
    const char *args[] = { "--database", copy, "--import-backup", "-", NULL };
    g_auto(Run) run = run_rapport_argv (fixture, first, args);

    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Added: 0, changed: 0, unchanged: 20"));
  }

  {
    g_auto(Run) run = run_rapport (fixture, "--database", copy, "--export-backup", "-", NULL);

    g_assert_cmpint (run.status, ==, 0);
    first_bare = without_generated (first);
    second_bare = without_generated (run.out);
    g_assert_cmpstr (first_bare, ==, second_bare);
  }
}

static void
test_import_bad_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "bad.json", NULL);
  g_autofree char *before = NULL;

  {
    g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                   "--export-backup", "-", NULL);

    before = without_generated (run.out);
  }

  g_assert_true (g_file_set_contents (path, "{\"format\": \"rapport-backup\",", -1, NULL));

  {
    g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                   "--import-backup", "bad.json", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "Nothing was imported from"));
    g_assert_nonnull (strstr (run.err, "bad.json"));
    g_assert_nonnull (strstr (run.err, "ends too early"));
  }

  {
    g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                   "--export-backup", "-", NULL);
    g_autofree char *after = without_generated (run.out);

    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  {
    g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                   "--export-summary", "-", "--period", "last-7", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "“last-7” is not a period"));
  }

  {
    g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                   "--export-summary", "-", "--export-backup", "b.json", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "only one of"));
  }

  {
    g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                   "--export-backup", "-", "--include-confidential", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "only apply to --export-summary"));
  }

  {
    g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                   "--export-backup", "no-such-folder/b.json", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "no-such-folder/b.json"));
  }

  /* A period without --period is not quietly ignored */
  {
    g_autofree char *summary = g_build_filename (fixture->dir, "s.json", NULL);
    g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                   "--export-summary", summary, "last-30", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "“last-30” is not an option"));
    g_assert_false (g_file_test (summary, G_FILE_TEST_EXISTS));
  }

  /* An empty file name (a shell variable left unset) is said to be one,
   * not taken as the current folder */
  {
    const char *options[] = { "--export-summary", "--export-backup", "--import-backup" };

    for (guint i = 0; i < G_N_ELEMENTS (options); i++)
      {
        g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                       options[i], "", NULL);
        g_autofree char *said = g_strdup_printf ("%s was given an empty file name", options[i]);

        g_assert_cmpint (run.status, ==, 1);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_nonnull (strstr (run.err, said));
      }
  }

  {
    g_auto(Run) run = run_rapport (fixture, "--database", "", "--export-backup", "-", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "--database was given an empty file name"));
  }

  /* A mistyped database is not made anew for an export to read */
  {
    g_autofree char *typo = g_build_filename (fixture->dir, "typo", "rapprot.db", NULL);
    g_auto(Run) run = run_rapport (fixture, "--database", typo, "--export-backup", "-", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "There is no database at"));
    g_assert_nonnull (strstr (run.err, "rapprot.db"));
    g_assert_false (g_file_test (typo, G_FILE_TEST_EXISTS));
  }
}

static void
test_bad_database (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "not-a-database", NULL);

  g_assert_true (g_file_set_contents (path, "hello, this is not SQLite at all, just some text "
                                            "that is long enough to be a header", -1, NULL));

  {
    g_auto(Run) run = run_rapport (fixture, "--database", path, "--export-backup", "-", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "not-a-database"));
  }
}

static void
chown_tree (const char *path)
{
  g_autoptr(GDir) handle = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_cmpint (lchown (path, 65534, 65534), ==, 0);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      chown_tree (child);
    }
}

static void
assert_no_log_files (const char *database)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (database, suffixes[i], NULL);

      g_assert_false (g_file_test (name, G_FILE_TEST_EXISTS));
    }
}

/* A database that cannot be written can still be exported from, and the
 * export leaves nothing beside it */
static void
test_read_only_database (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *old = g_build_filename (out_dir, "old.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  fixture->as_nobody = TRUE;
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  if (geteuid () == 0)
    chown_tree (fixture->dir);

  {
    g_auto(Run) run = run_rapport (fixture, "--version", NULL);

    if (run.status != 0)
      {
        g_test_skip ("nobody cannot run the built rapport");
        return;
      }
  }

  /* A read-only file in a folder that can be written */
  g_assert_cmpint (g_chmod (fixture->database, 0444), ==, 0);
  {
    g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                   "--export-summary", "out/summary.json", NULL);
    g_autofree char *contents = NULL;
    g_autoptr(JsonNode) root = NULL;

    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    contents = read_file (out_dir, "summary.json");
    root = rapport_test_parse_json (contents);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_node_get_object (root), "clients")), ==, 3);
  }
  {
    g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                   "--export-backup", "out/backup.json", NULL);
    g_autofree char *contents = NULL;

    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    contents = read_file (out_dir, "backup.json");
    g_assert_nonnull (strstr (contents, "Umbrella Corp"));
  }
  assert_no_log_files (fixture->database);

  /* A file that can be written, in a folder that cannot */
  g_assert_cmpint (g_chmod (fixture->database, 0644), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  {
    g_auto(Run) run = run_rapport (fixture, "--database", fixture->database,
                                   "--export-backup", "out/backup-2.json", NULL);

    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);
  assert_no_log_files (fixture->database);

  /* An older database cannot be brought up to date without writing it:
   * it is refused, and left as it was */
  {
    g_autoptr(GString) sql = g_string_new ("BEGIN;");
    sqlite3 *db = NULL;
    guint version = rapport_store_get_schema_version () - 1;

    for (guint v = 1; v <= version; v++)
      g_string_append_printf (sql, "%s;", _rapport_store_schema_migration (v));
    g_string_append_printf (sql, "PRAGMA application_id = %d; PRAGMA user_version = %u; COMMIT;",
                            RAPPORT_STORE_APPLICATION_ID, version);
    g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql->str, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  if (geteuid () == 0)
    g_assert_cmpint (lchown (old, 65534, 65534), ==, 0);
  g_assert_cmpint (g_chmod (old, 0444), ==, 0);
  g_assert_true (g_file_get_contents (old, &before, &before_len, NULL));
  {
    g_auto(Run) run = run_rapport (fixture, "--database", old, "--export-summary", "-", NULL);

    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "old.db"));
    g_assert_nonnull (strstr (run.err, "older version of Rapport"));
  }
  g_assert_true (g_file_get_contents (old, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  assert_no_log_files (old);
}

/* The names in @dir that start with @prefix */
static guint
count_files_with_prefix (const char *dir,
                         const char *prefix)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    n += g_str_has_prefix (name, prefix);

  return n;
}

/* Ctrl+C in the middle of an export: the temporary file goes, the file
 * that was there stays, and the exit status says so. The child is
 * stopped while its temporary file is there and the destination still
 * old, then sent the signal: no race with the end of the export. */
static void
test_interrupted_export (Fixture       *fixture,
                         gconstpointer  data)
{
  int signals[] = { SIGINT, SIGTERM };
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *destination = g_build_filename (out_dir, "backup.json", NULL);
  g_autofree char *binary = NULL;
  g_autofree char *notes = g_strnfill (RAPPORT_LONG_TEXT_MAX - 1, 'n');

  {
    g_autofree char *built = g_test_build_filename (G_TEST_BUILT, "..", "src", "rapport", NULL);

    binary = g_canonicalize_filename (built, NULL);
  }

  /* Enough to take a while to write */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RapportStore) store = rapport_store_open (fixture->database, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 100; i++)
      {
        g_autofree char *name = g_strdup_printf ("Client with long notes %u", i);
        g_autoptr(RapportClient) client = rapport_client_new (name);

        rapport_client_set_notes (client, notes);
        rapport_test_save (store, client);
      }
  }

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) process = NULL;
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      gboolean caught = FALSE;

      g_assert_true (g_file_set_contents (destination, "old\n", -1, NULL));
      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                  G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                  binary, "--database", fixture->database,
                                  "--export-backup", destination, NULL);
      g_assert_no_error (error);

      /* Until the temporary file is there */
      while (count_files_with_prefix (out_dir, ".backup.json.") == 0)
        {
          g_usleep (500);
          if (g_subprocess_get_identifier (process) == NULL)
            break;
        }

      /* Still running: the identifier goes once the child is reaped */
      if (g_subprocess_get_identifier (process) != NULL)
        {
          pid_t pid = atoi (g_subprocess_get_identifier (process));

          kill (pid, SIGSTOP);
          caught = count_files_with_prefix (out_dir, ".backup.json.") == 1 &&
                   g_file_get_contents (destination, &after, NULL, NULL) &&
                   g_str_equal (after, "old\n");
          if (caught)
            kill (pid, signals[i]);
          kill (pid, SIGCONT);
        }

      g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      if (!caught)
        {
          g_test_incomplete ("The export ended before it could be interrupted");
          return;
        }

      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 128 + signals[i]);
      g_assert_cmpstr (err, ==, "Export interrupted; nothing was written.\n");
      g_assert_cmpuint (count_files_with_prefix (out_dir, "."), ==, 0);
      g_clear_pointer (&after, g_free);
      g_assert_true (g_file_get_contents (destination, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, "old\n");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/export-summary/stdout-redacted", test_summary_stdout);
  ADD ("/cli/export-summary/options-and-file", test_summary_options);
  ADD ("/cli/backup/export-import-round-trip", test_backup_and_import);
  ADD ("/cli/import/bad-file-exits-1", test_import_bad_file);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/bad-database", test_bad_database);
  ADD ("/cli/export/interrupted-leaves-no-file", test_interrupted_export);
  ADD ("/cli/export/read-only-database", test_read_only_database);

  return g_test_run ();
}
