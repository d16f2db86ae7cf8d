/* rapport-fuzz.h: what the fuzz targets and the regression test do with
 * one input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The libFuzzer targets in this folder and tests/test-fuzz-regressions.c
 * share these checks, so a crash input committed under
 * tests/fuzz/regressions/ is replayed exactly as it was found. A broken
 * expectation aborts: libFuzzer reports it as a crash, GTest as a failure.
 */
#pragma once

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport-import.h"
#include "rapport-test-data.h"
#include "rapport-tone.h"

/* Reports a broken expectation and aborts (g_error() would raise SIGTRAP,
 * which libFuzzer does not catch) */
#define rapport_fuzz_fail(...) \
  G_STMT_START { \
    g_printerr ("rapport-fuzz: " __VA_ARGS__); \
    g_printerr ("\n"); \
    abort (); \
  } G_STMT_END

/* The tone check */

static inline void
rapport_fuzz_tone_assert_matches (GPtrArray    *matches,
                                  const guchar *data,
                                  gsize         size,
                                  gboolean      valid_utf8)
{
  gsize previous_end = 0;

  g_assert_nonnull (matches);
  for (guint i = 0; i < matches->len; i++)
    {
      RapportToneMatch *match = g_ptr_array_index (matches, i);
      gsize start = rapport_tone_match_get_start (match);
      gsize end = rapport_tone_match_get_end (match);
      const char *text = rapport_tone_match_get_text (match);
      const char *suggestion = rapport_tone_match_get_suggestion (match);
      const char *language = rapport_tone_match_get_language (match);

      /* In order, not overlapping, inside the text */
      g_assert_cmpuint (start, <, end);
      g_assert_cmpuint (end, <=, size);
      g_assert_cmpuint (start, >=, previous_end);
      previous_end = end;

      g_assert_nonnull (text);
      g_assert_cmpuint (strlen (text), ==, end - start);
      g_assert_true (memcmp (text, data + start, end - start) == 0);

      /* Offsets of valid text fall between characters */
      if (valid_utf8)
        g_assert_true (g_utf8_validate (text, -1, NULL));

      g_assert_nonnull (suggestion);
      g_assert_true (g_utf8_validate (suggestion, -1, NULL));
      g_assert_cmpstr (suggestion, !=, "");
      g_assert_true (g_strcmp0 (language, "es") == 0 || g_strcmp0 (language, "en") == 0);
      g_assert_nonnull (rapport_tone_category_to_string (rapport_tone_match_get_category (match)));
    }
}

static inline void
rapport_fuzz_tone_assert_same (GPtrArray *a,
                               GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      RapportToneMatch *ma = g_ptr_array_index (a, i);
      RapportToneMatch *mb = g_ptr_array_index (b, i);

      g_assert_cmpuint (rapport_tone_match_get_start (ma), ==, rapport_tone_match_get_start (mb));
      g_assert_cmpuint (rapport_tone_match_get_end (ma), ==, rapport_tone_match_get_end (mb));
      g_assert_cmpint (rapport_tone_match_get_category (ma), ==,
                       rapport_tone_match_get_category (mb));
      g_assert_cmpstr (rapport_tone_match_get_suggestion (ma), ==,
                       rapport_tone_match_get_suggestion (mb));
    }
}

/* Checks @data as text of explicit length (not NUL-terminated: the fuzzer's
 * buffer ends exactly at @size), then as a NUL-terminated copy */
static inline void
rapport_fuzz_tone_one (const guchar *data,
                       gsize         size)
{
  g_autoptr(GPtrArray) sized = NULL;
  g_autoptr(GPtrArray) terminated = NULL;
  g_autofree char *copy = NULL;
  gboolean valid_utf8 = g_utf8_validate_len ((const char *) data, size, NULL);

  sized = rapport_tone_check ((const char *) data, (gssize) size);
  rapport_fuzz_tone_assert_matches (sized, data, size, valid_utf8);

  /* Up to the first NUL, if any */
  copy = g_strndup ((const char *) data, size);
  terminated = rapport_tone_check (copy, -1);
  rapport_fuzz_tone_assert_matches (terminated, (const guchar *) copy, strlen (copy),
                                    g_utf8_validate (copy, -1, NULL));

  /* The same text gives the same matches, however its length is given */
  if (memchr (data, '\0', size) == NULL)
    rapport_fuzz_tone_assert_same (sized, terminated);
}

/* Backup import
 *
 * One database, filled by rapport_test_populate() once and copied aside;
 * every input is imported into it. A failed import must leave it exactly as
 * it was (same backup text); after a successful one it is put back from the
 * copy, so it never grows.
 */

typedef struct
{
  char         *dir;
  char         *db_path;
  char         *pristine_path;
  char         *input_path;
  char         *baseline;
  RapportStore *store;
} RapportFuzzImport;

static inline void
rapport_fuzz_import_remove_db (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (name) != 0 && errno != ENOENT)
        rapport_fuzz_fail ("Could not remove %s: %s", name, g_strerror (errno));
    }
}

static inline void
rapport_fuzz_import_open (RapportFuzzImport *fuzz)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) pristine = g_file_new_for_path (fuzz->pristine_path);
  g_autoptr(GFile) db = g_file_new_for_path (fuzz->db_path);

  g_clear_object (&fuzz->store);
  rapport_fuzz_import_remove_db (fuzz->db_path);
  g_file_copy (pristine, db, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fuzz->store = rapport_store_open (fuzz->db_path, &error);
  g_assert_no_error (error);
}

static inline void
rapport_fuzz_import_init (RapportFuzzImport *fuzz)
{
  g_autoptr(GError) error = NULL;
  RapportStore *store;

  memset (fuzz, 0, sizeof *fuzz);
  fuzz->dir = g_dir_make_tmp ("rapport-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  fuzz->db_path = g_build_filename (fuzz->dir, "rapport.db", NULL);
  fuzz->pristine_path = g_build_filename (fuzz->dir, "pristine.db", NULL);
  fuzz->input_path = g_build_filename (fuzz->dir, "input.json", NULL);

  /* Closing the store checkpoints the WAL: the file alone is the database */
  store = rapport_store_open (fuzz->pristine_path, &error);
  g_assert_no_error (error);
  rapport_test_populate (store);
  g_object_unref (store);

  rapport_fuzz_import_open (fuzz);
  fuzz->baseline = rapport_test_backup_text (fuzz->store);
}

static inline void
rapport_fuzz_import_clear (RapportFuzzImport *fuzz)
{
  g_clear_object (&fuzz->store);
  rapport_fuzz_import_remove_db (fuzz->db_path);
  rapport_fuzz_import_remove_db (fuzz->pristine_path);
  g_unlink (fuzz->input_path);
  g_rmdir (fuzz->dir);
  g_clear_pointer (&fuzz->dir, g_free);
  g_clear_pointer (&fuzz->db_path, g_free);
  g_clear_pointer (&fuzz->pristine_path, g_free);
  g_clear_pointer (&fuzz->input_path, g_free);
  g_clear_pointer (&fuzz->baseline, g_free);
}

/* Imports @data as a backup file. Returns whether the import succeeded. */
static inline gboolean
rapport_fuzz_import_one (RapportFuzzImport *fuzz,
                         const guchar      *data,
                         gsize              size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fuzz->input_path);
  RapportImportResult result = { 0, 0, 0 };
  FILE *out;
  gboolean ok;

  /* Plain stdio: g_file_set_contents() would fsync every input */
  out = fopen (fuzz->input_path, "wb");
  g_assert_nonnull (out);
  g_assert_cmpuint (fwrite (data, 1, size, out), ==, size);
  g_assert_cmpint (fclose (out), ==, 0);

  ok = rapport_import_backup (fuzz->store, file, NULL, &result, &error);

  /* Whatever the import left for the main loop runs now */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  if (!ok)
    {
      g_autofree char *after = NULL;

      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
      if (!g_utf8_validate (error->message, -1, NULL))
        {
          g_autofree char *escaped = g_strescape (error->message, NULL);

          rapport_fuzz_fail ("The error message is not valid UTF-8: \"%s\"", escaped);
        }

      /* Nothing of a failed import may stay */
      after = rapport_test_backup_text (fuzz->store);
      if (strcmp (after, fuzz->baseline) != 0)
        rapport_fuzz_fail ("A failed import (%s) changed the database:\n--- before\n%s\n--- after\n%s",
                 error->message, fuzz->baseline, after);
      return FALSE;
    }

  g_assert_no_error (error);

  /* What went in is text the rest of the app can show and export again */
  {
    g_autofree char *after = rapport_test_backup_text (fuzz->store);
    const char *bad = NULL;

    if (!g_utf8_validate (after, -1, &bad))
      {
        g_autofree char *around = g_strndup (bad > after + 80 ? bad - 80 : after, 120);
        g_autofree char *escaped = g_strescape (around, NULL);

        rapport_fuzz_fail ("A successful import stored text that is not valid UTF-8: \"%s\"",
                           escaped);
      }
  }

  rapport_fuzz_import_open (fuzz);
  return TRUE;
}
