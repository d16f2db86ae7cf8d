/* fuzz-import.c: libFuzzer target for backup import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is written to a file and imported into one database opened
 * at start-up; a failed import must leave it unchanged. See
 * rapport_fuzz_import_one().
 */
#define G_LOG_DOMAIN "rapport-fuzz"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "rapport-fuzz.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static RapportFuzzImport fuzz;

static void
remove_files (void)
{
  rapport_fuzz_import_clear (&fuzz);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  rapport_fuzz_import_init (&fuzz);
  atexit (remove_files);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  rapport_fuzz_import_one (&fuzz, data, size);
  return 0;
}
