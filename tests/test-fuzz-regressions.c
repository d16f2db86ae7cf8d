/* test-fuzz-regressions.c: every input the fuzzers found, replayed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each file under tests/fuzz/regressions/tone/ and .../import/ (inputs
 * that once crashed a fuzz target), and each seed under tests/fuzz/corpus/,
 * goes through the same checks as the fuzz targets (tests/fuzz/rapport-fuzz.h):
 * no crash or sanitizer report, sane tone matches, and a failed import
 * leaves the database as it was.
 */
#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include "fuzz/rapport-fuzz.h"

typedef enum
{
  TARGET_TONE,
  TARGET_IMPORT,
} Target;

typedef struct
{
  Target  target;
  char   *path;
} Input;

static void
input_free (gpointer data)
{
  Input *input = data;

  g_free (input->path);
  g_free (input);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GBytes *
read_input (const Input *input)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (input->path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
test_replay_tone (gconstpointer data)
{
  g_autoptr(GBytes) bytes = read_input (data);
  gsize size;
  const guchar *text = g_bytes_get_data (bytes, &size);

  /* An exact copy, so reading past the end is caught under ASan */
  g_autofree guchar *exact = g_memdup2 (text, size);

  rapport_fuzz_tone_one (exact, size);
}

static void
test_replay_import (gconstpointer data)
{
  g_autoptr(GBytes) bytes = read_input (data);
  RapportFuzzImport fuzz;
  gsize size;
  const guchar *contents = g_bytes_get_data (bytes, &size);

  rapport_fuzz_import_init (&fuzz);
  rapport_fuzz_import_one (&fuzz, contents, size);
  rapport_fuzz_import_clear (&fuzz);
}

/* A good backup goes in, so the replay can tell success from failure */
static void
test_seed_backup_imports (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "import",
                                                 "backup-sample.json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  RapportFuzzImport fuzz;
  Input input = { TARGET_IMPORT, path };
  gsize size;
  const guchar *contents;

  bytes = read_input (&input);
  contents = g_bytes_get_data (bytes, &size);
  rapport_fuzz_import_init (&fuzz);
  g_assert_true (rapport_fuzz_import_one (&fuzz, contents, size));
  rapport_fuzz_import_clear (&fuzz);
}

/* Truncated backups are refused, and the database stays as it was */
static void
test_seed_truncated_fails (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "import",
                                                 "truncated.json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  RapportFuzzImport fuzz;
  Input input = { TARGET_IMPORT, path };
  gsize size;
  const guchar *contents;

  bytes = read_input (&input);
  contents = g_bytes_get_data (bytes, &size);
  rapport_fuzz_import_init (&fuzz);
  g_assert_false (rapport_fuzz_import_one (&fuzz, contents, size));
  rapport_fuzz_import_clear (&fuzz);
}

/* Adds one test case per file in @kind/@target_name under tests/fuzz/ */
static guint
add_cases (GPtrArray  *inputs,
           const char *kind,
           const char *target_name,
           Target      target)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", kind, target_name,
                                                     NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  /* A folder with nothing committed yet does not exist in a checkout */
  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file_name = g_ptr_array_index (names, i);
      Input *input = g_new0 (Input, 1);
      g_autofree char *test_path = NULL;
      g_autofree char *safe = g_strdup (file_name);

      /* GTest paths split on '/' and are matched by -p: keep names plain */
      g_strcanon (safe, G_CSET_a_2_z G_CSET_A_2_Z G_CSET_DIGITS "-_.", '_');
      input->target = target;
      input->path = g_build_filename (dir_path, file_name, NULL);
      g_ptr_array_add (inputs, input);
      test_path = g_strdup_printf ("/fuzz-regressions/%s/%s/%s", target_name, kind, safe);
      g_test_add_data_func (test_path, input,
                            target == TARGET_TONE ? test_replay_tone : test_replay_import);
    }

  return names->len;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (input_free);
  guint corpus_files;

  g_test_init (&argc, &argv, NULL);

  add_cases (inputs, "regressions", "tone", TARGET_TONE);
  add_cases (inputs, "regressions", "import", TARGET_IMPORT);
  corpus_files = add_cases (inputs, "corpus", "tone", TARGET_TONE);
  corpus_files += add_cases (inputs, "corpus", "import", TARGET_IMPORT);

  /* The seed corpus is committed: finding none means a wrong path */
  g_assert_cmpuint (corpus_files, >, 0);

  g_test_add_func ("/fuzz-regressions/import/seed/good-backup-imports", test_seed_backup_imports);
  g_test_add_func ("/fuzz-regressions/import/seed/truncated-fails-unchanged",
                   test_seed_truncated_fails);

  return g_test_run ();
}
