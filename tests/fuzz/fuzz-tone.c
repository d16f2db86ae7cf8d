/* fuzz-tone.c: libFuzzer target for the tone check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is checked as text of explicit length and as a NUL-terminated
 * copy; see rapport_fuzz_tone_one().
 */
#define G_LOG_DOMAIN "rapport-fuzz"

#include "config.h"

#include <stdint.h>

#include "rapport-fuzz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  rapport_fuzz_tone_one (data, size);
  return 0;
}
