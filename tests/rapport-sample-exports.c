/* rapport-sample-exports.c: writes real exports of the test database to a
 * folder, for tests/test-schemas.py to check against the JSON Schemas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rapport-export.h"
#include "rapport-test-data.h"

static void
export_summary (RapportStore  *store,
                const char    *dir,
                const char    *name,
                RapportPeriod  period,
                gboolean       include_confidential)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  rapport_export_summary (store, file, period, include_confidential, NULL, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportStore) empty = NULL;
  g_autofree char *db_dir = NULL;
  g_autofree char *empty_dir = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *empty_path = NULL;
  g_autoptr(GFile) backup = NULL;
  g_autoptr(GFile) empty_backup = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s FOLDER\n", argv[0]);
      return 2;
    }

  db_dir = g_build_filename (argv[1], "database", NULL);
  empty_dir = g_build_filename (argv[1], "empty", NULL);
  store = rapport_test_open_store (db_dir);
  empty = rapport_test_open_store (empty_dir);
  rapport_test_populate (store);

  backup_path = g_build_filename (argv[1], "backup.json", NULL);
  backup = g_file_new_for_path (backup_path);
  rapport_export_backup (store, backup, NULL, &error);
  g_assert_no_error (error);

  empty_path = g_build_filename (argv[1], "backup-empty.json", NULL);
  empty_backup = g_file_new_for_path (empty_path);
  rapport_export_backup (empty, empty_backup, NULL, &error);
  g_assert_no_error (error);

  export_summary (store, argv[1], "summary.json", RAPPORT_PERIOD_ALL, FALSE);
  export_summary (store, argv[1], "summary-confidential.json", RAPPORT_PERIOD_LAST_30, TRUE);
  export_summary (empty, argv[1], "summary-empty.json", RAPPORT_PERIOD_LAST_365, FALSE);

  return 0;
}
