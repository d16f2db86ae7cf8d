/* bench-tone.c: how long the tone check takes on 1 MB of notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run with `meson test -C build --suite bench --benchmark -v`, or
 * build/bench/bench-tone [RUNS]. Prints the median and best of RUNS checks
 * of 1 MB of mixed Spanish and English notes beside the target, and the
 * build type: measure a release or debugoptimized build.
 */
#define G_LOG_DOMAIN "rapport-bench-tone"

#include "config.h"

#include <stdlib.h>

#include "rapport-tone.h"

#define TEXT_SIZE (1024 * 1024)
#define TARGET_MS 10.0

/* Realistic notes: mostly ordinary words, accents, some emoji, now and then
 * a word of the lists and words that merely contain one. */
static const char * const sentences[] = {
  "La reunión con el cliente fue productiva y acordamos entregar el diseño el viernes. ",
  "El proveedor envió la factura tarde otra vez, pero el importe era correcto. ",
  "Hay que revisar la computadora del despacho antes de la próxima auditoría. ",
  "Su reputación en el sector es buena; la disputa por el presupuesto quedó resuelta. ",
  "El pedido llegó con retraso y el embalaje era inutilizable, así que lo devolvimos. ",
  "Me parece un inútil y un chapucero, no sabe hacer nada bien. ",
  "Señalé que la integración necesita pruebas 🚀 y él aceptó añadir dos días. ",
  "The client approved the mockups and asked for a classic layout on the landing page. ",
  "Our assistant will assess the passive income numbers with the embassy next week. ",
  "The contractor was an idiot and honestly a total clown about the deadlines. ",
  "Invoice #4512 was paid on time; we should thank their accounting team 🙂. ",
  "They promised a quick turnaround but the report was sloppy and full of mistakes. ",
  "Pedimos presupuesto a tres estudios; el más barato no incluía la maquetación. ",
  "Next sprint: migrate the database, update the dependencies and write the docs. ",
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GString) text = g_string_sized_new (TEXT_SIZE + 256);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20241123);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint runs = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 31;
  guint n_matches = 0;
  double median, best;

  if (runs == 0)
    runs = 31;

  while (text->len < TEXT_SIZE)
    g_string_append (text, sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);
  g_string_truncate (text, TEXT_SIZE);
  /* Do not cut a character in two */
  while (text->len > 0 && ((guchar) text->str[text->len - 1] & 0xC0) == 0x80)
    g_string_truncate (text, text->len - 1);

  /* The first check loads the word lists: not part of the measure */
  g_ptr_array_unref (rapport_tone_check ("warm up", -1));

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) matches = rapport_tone_check (text->str, text->len);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      g_array_append_val (times, ms);
      n_matches = matches->len;
    }

  g_array_sort (times, compare_doubles);
  median = g_array_index (times, double, runs / 2);
  best = g_array_index (times, double, 0);

  g_print ("tone check 1 MB: %.2f ms median, %.2f ms best of %u runs (target < %.0f ms)%s\n",
           median, best, runs, TARGET_MS, median < TARGET_MS ? "" : " MISSED");
  g_print ("  %" G_GSIZE_FORMAT " bytes, %u matches, %s build\n",
           text->len, n_matches, BENCH_BUILDTYPE);

  return EXIT_SUCCESS;
}
