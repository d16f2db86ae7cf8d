/* test-tone.c: finding insults and pejorative remarks in notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rapport-tone.h"

static GPtrArray *
check (const char *text)
{
  return rapport_tone_check (text, -1);
}

static RapportToneMatch *
match_at (GPtrArray *matches,
          guint      i)
{
  g_assert_cmpuint (i, <, matches->len);
  return g_ptr_array_index (matches, i);
}

/* Asserts that @text has exactly one match, covering @word as written */
static RapportToneMatch *
assert_single (GPtrArray  *matches,
               const char *text,
               const char *word)
{
  const char *where = strstr (text, word);
  RapportToneMatch *match;

  g_assert_nonnull (where);
  if (matches->len != 1)
    g_error ("“%s”: %u matches, expected “%s” alone", text, matches->len, word);

  match = match_at (matches, 0);
  g_assert_cmpstr (rapport_tone_match_get_text (match), ==, word);
  g_assert_cmpuint (rapport_tone_match_get_start (match), ==, where - text);
  g_assert_cmpuint (rapport_tone_match_get_end (match), ==, where - text + strlen (word));

  return match;
}

static void
test_tone_spanish_words (void)
{
  /* Capitals, accents written or not, gender and plural forms */
  const char *words[] = {
    "idiota", "IDIOTA", "Imbecil", "imbécil", "IMBÉCILES", "Estúpida", "estupidos",
    "payasos", "sinvergüenza", "sinverguenza", "ladrón", "Ladrona", "ladrones", "estafadoras",
    "inútil", "inutiles", "incompetente", "chapucera", "cutre", "morosos", "tacaña", "Tacano",
    "gilipollas", "cabrón", "mierda",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *text = g_strdup_printf ("Creo que el proveedor es %s, la verdad.",
                                               words[i]);
      g_autoptr(GPtrArray) matches = check (text);
      RapportToneMatch *match = assert_single (matches, text, words[i]);

      g_assert_cmpstr (rapport_tone_match_get_language (match), ==, "es");
      g_assert_cmpstr (rapport_tone_match_get_suggestion (match), !=, "");
    }
}

static void
test_tone_english_words (void)
{
  const char *words[] = {
    "idiot", "IDIOTS", "Moron", "stupid", "useless", "incompetent", "clown", "crooks",
    "scammer", "cheapskate", "liar", "Liars", "asshole", "bullshit", "worthless", "sloppy",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *text = g_strdup_printf ("Honestly the contractor was %s about it.",
                                               words[i]);
      g_autoptr(GPtrArray) matches = check (text);
      RapportToneMatch *match = assert_single (matches, text, words[i]);

      g_assert_cmpstr (rapport_tone_match_get_language (match), ==, "en");
      g_assert_cmpstr (rapport_tone_match_get_suggestion (match), !=, "");
    }
}

/* The everyday words of either side of the Atlantic, and inflections of
 * listed ones: each found alone, in its language */
static void
test_tone_common_words (void)
{
  struct {
    const char *text;
    const char *word;
    const char *language;
  } cases[] = {
    { "El del banco es un pendejo.", "pendejo", "es" },
    { "Son unas pendejas, la verdad.", "pendejas", "es" },
    { "Qué boludo, otra vez tarde.", "boludo", "es" },
    { "El socio es un pelotudo.", "pelotudo", "es" },
    { "Ese HUEVON no paga.", "HUEVON", "es" },
    { "Un malparido, eso es.", "malparido", "es" },
    { "El muy hijoputa no contestó.", "hijoputa", "es" },
    { "Es un hijodeputa.", "hijodeputa", "es" },
    { "Es un cabronazo con los plazos.", "cabronazo", "es" },
    { "Nos jodió el lanzamiento.", "jodió", "es" },
    { "She is a bitch about invoices.", "bitch", "en" },
    { "That motherfucker never paid.", "motherfucker", "en" },
    { "The client is dumb.", "is dumb", "en" },
    { "They were so dumb about it.", "so dumb", "en" },
    { "He gives no fucks about deadlines.", "fucks", "en" },
    { "A fuckin' mess.", "fuckin", "en" },
    { "What a dickhead.", "dickhead", "en" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) matches = check (cases[i].text);
      RapportToneMatch *match = assert_single (matches, cases[i].text, cases[i].word);

      g_assert_cmpstr (rapport_tone_match_get_language (match), ==, cases[i].language);
    }
}

static void
test_tone_categories (void)
{
  struct {
    const char          *text;
    RapportToneCategory  category;
  } cases[] = {
    { "es un idiota", RAPPORT_TONE_CATEGORY_INSULT },
    { "totalmente incompetente", RAPPORT_TONE_CATEGORY_PEJORATIVE },
    { "qué mierda", RAPPORT_TONE_CATEGORY_PROFANITY },
    { "a crook", RAPPORT_TONE_CATEGORY_INSULT },
    { "so useless", RAPPORT_TONE_CATEGORY_PEJORATIVE },
    { "this is shit", RAPPORT_TONE_CATEGORY_PROFANITY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) matches = check (cases[i].text);

      g_assert_cmpuint (matches->len, ==, 1);
      g_assert_cmpint (rapport_tone_match_get_category (match_at (matches, 0)), ==,
                       cases[i].category);
    }

  g_assert_cmpstr (rapport_tone_category_to_string (RAPPORT_TONE_CATEGORY_INSULT), ==, "insult");
  g_assert_cmpstr (rapport_tone_category_to_string (RAPPORT_TONE_CATEGORY_PEJORATIVE), ==,
                   "pejorative");
  g_assert_cmpstr (rapport_tone_category_to_string (RAPPORT_TONE_CATEGORY_PROFANITY), ==,
                   "profanity");
}

static void
test_tone_phrases (void)
{
  struct {
    const char *text;
    const char *match;
  } cases[] = {
    { "Dijo que era un hijo de puta.", "hijo de puta" },
    { "Dijo que era un HIJO   DE\tPUTA.", "HIJO   DE\tPUTA" },
    { "Ese comercial no sabe hacer nada.", "no sabe hacer nada" },
    { "Ese comercial no sabe\nhacer nada.", "no sabe\nhacer nada" },
    { "La verdad es que es un pesado con los correos.", "es un pesado" },
    { "The designer was a piece of crap.", "piece of crap" },
    { "A good-for-nothing freelancer.", "good-for-nothing" },
    { "He doesn't know what he's doing.", "doesn't know what he's doing" },
    { "He doesn’t know what he’s doing.", "doesn’t know what he’s doing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) matches = check (cases[i].text);

      assert_single (matches, cases[i].text, cases[i].match);
    }
}

static void
test_tone_phrase_needs_its_words (void)
{
  /* Punctuation breaks a phrase; its last word alone still counts if listed */
  g_autoptr(GPtrArray) broken = check ("Es hijo de. Puta suerte.");
  g_autoptr(GPtrArray) partial = check ("No sabe hacer pan.");
  g_autoptr(GPtrArray) heavy = check ("El paquete es pesado y un pesado camión lo trajo.");

  g_assert_cmpuint (broken->len, ==, 1);
  g_assert_cmpstr (rapport_tone_match_get_text (match_at (broken, 0)), ==, "Puta");
  g_assert_cmpuint (partial->len, ==, 0);
  g_assert_cmpuint (heavy->len, ==, 0);
}

static void
test_tone_longest_wins (void)
{
  /* "puta" and "crap" are entries too: the phrase covers them */
  g_autoptr(GPtrArray) es = check ("hijos de puta");
  g_autoptr(GPtrArray) en = check ("piece of crap crap");

  g_assert_cmpuint (es->len, ==, 1);
  g_assert_cmpstr (rapport_tone_match_get_text (match_at (es, 0)), ==, "hijos de puta");
  g_assert_cmpint (rapport_tone_match_get_category (match_at (es, 0)), ==,
                   RAPPORT_TONE_CATEGORY_INSULT);

  g_assert_cmpuint (en->len, ==, 2);
  g_assert_cmpstr (rapport_tone_match_get_text (match_at (en, 0)), ==, "piece of crap");
  g_assert_cmpstr (rapport_tone_match_get_text (match_at (en, 1)), ==, "crap");
  g_assert_cmpuint (rapport_tone_match_get_end (match_at (en, 0)), <=,
                    rapport_tone_match_get_start (match_at (en, 1)));
}

static void
test_tone_no_false_positives (void)
{
  /* Ordinary words that contain a listed word, or look like one */
  const char *words[] = {
    /* English */
    "classic", "assist", "assessment", "embassy", "passion", "Scunthorpe", "scrap",
    "scrapbook", "crooked", "clownfish", "idiom", "morning", "prickly", "jerky", "liaison",
    "therapist", "cheap", "lazy", "stupidity", "shitake", "damnation", "dumbbell",
    "bitcoin", "dickens",
    /* Spanish */
    "computadora", "reputación", "disputa", "diputado", "imputar", "inutilizable",
    "ladrillo", "ladronera", "pesadilla", "morosidad", "chapuzón", "payasada", "estafeta",
    "idiosincrasia", "tontería", "vagón", "pesado", "vago", "mediocridad", "cabrito",
    "hostil", "putativo", "retrasado", "pendiente", "huevo", "bolsa",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s, %s.", words[i], words[i]);
      g_autoptr(GPtrArray) matches = check (text);

      if (matches->len != 0)
        g_error ("“%s” was taken for “%s”", words[i],
                 rapport_tone_match_get_text (match_at (matches, 0)));
    }
}

/* English entries that are also ordinary Spanish words: "liar" is a verb,
 * Morón a town. Not flagged in a Spanish note; still in an English one. */
static void
test_tone_spanish_homographs (void)
{
  const char *spanish[] = {
    "No quiero liar más el asunto con el cliente.",
    "Reunión en Morón de la Frontera el lunes.",
    "El proveedor de MORON nos va a liar con las facturas.",
  };
  g_autoptr(GPtrArray) english = check ("He is a liar and a moron.");
  g_autoptr(GPtrArray) alone = check ("Liar!");
  g_autoptr(GPtrArray) mixed = check ("No quiero liar más a este idiota de proveedor.");

  for (guint i = 0; i < G_N_ELEMENTS (spanish); i++)
    {
      g_autoptr(GPtrArray) matches = check (spanish[i]);

      if (matches->len != 0)
        g_error ("“%s”: “%s” was flagged", spanish[i],
                 rapport_tone_match_get_text (match_at (matches, 0)));
    }

  g_assert_cmpuint (english->len, ==, 2);
  g_assert_cmpstr (rapport_tone_match_get_text (match_at (english, 0)), ==, "liar");
  g_assert_cmpstr (rapport_tone_match_get_text (match_at (english, 1)), ==, "moron");
  g_assert_cmpuint (alone->len, ==, 1);
  /* The other matches of the note stay */
  assert_single (mixed, "No quiero liar más a este idiota de proveedor.", "idiota");
}

/* A Spanish entry that is also an ordinary English word: "subnormal"
 * numbers of floating point. Not flagged in an English note; still in a
 * Spanish one. */
static void
test_tone_english_homographs (void)
{
  g_autoptr(GPtrArray) english = check ("The subnormal numbers in the float parser were fixed.");
  g_autoptr(GPtrArray) spanish = check ("El de compras es un subnormal.");

  g_assert_cmpuint (english->len, ==, 0);
  assert_single (spanish, "El de compras es un subnormal.", "subnormal");
}

/* Ordinary phrases that hold a listed word say nothing of anyone; the
 * word alone, next to them, still counts */
static void
test_tone_innocent_phrases (void)
{
  const char *innocent[] = {
    "A knee-jerk reaction from the client, nothing more.",
    "The sign-up form must be idiot-proof.",
    "Launching without tests is a crap shoot.",
    "Organizaron la entrega a tontas y a locas.",
    "Un capullo de rosa para el logotipo.",
    "Hace falta un ladrón de enchufes en la sala de la reunión.",
    "Las fotos de las hostias consagradas, para el folleto de la parroquia.",
  };
  g_autoptr(GPtrArray) next_to = check ("Knee-jerk, as always: a jerk.");

  for (guint i = 0; i < G_N_ELEMENTS (innocent); i++)
    {
      g_autoptr(GPtrArray) matches = check (innocent[i]);

      if (matches->len != 0)
        g_error ("“%s”: “%s” was flagged", innocent[i],
                 rapport_tone_match_get_text (match_at (matches, 0)));
    }

  g_assert_cmpuint (next_to->len, ==, 1);
  g_assert_cmpuint (rapport_tone_match_get_start (match_at (next_to, 0)), ==,
                    strlen ("Knee-jerk, as always: a "));
  /* Said of someone, the word still counts */
  {
    const char *thief = "El proveedor es un ladrón.";
    g_autoptr(GPtrArray) matches = check (thief);

    assert_single (matches, thief, "ladrón");
  }
}

static void
test_tone_offsets_multibyte (void)
{
  const char *text = "Señor 😀 José: ¡qué imbécil! 👍🏽 Ñandú — “IDIOT”…ça 🤬crook🤬";
  g_autoptr(GPtrArray) matches = check (text);
  const char *expected[] = { "imbécil", "IDIOT", "crook" };

  g_assert_cmpuint (matches->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < matches->len; i++)
    {
      RapportToneMatch *match = match_at (matches, i);
      gsize start = rapport_tone_match_get_start (match);
      gsize end = rapport_tone_match_get_end (match);

      g_assert_cmpuint (start, ==, strstr (text, expected[i]) - text);
      g_assert_cmpuint (end - start, ==, strlen (expected[i]));
      g_assert_true (strncmp (text + start, expected[i], end - start) == 0);
      g_assert_true (g_utf8_validate (text + start, end - start, NULL));
    }
}

static void
test_tone_decomposed_accents (void)
{
  /* "imbécil" with a combining acute accent (NFD), as some keyboards send it */
  const char *text = "es un imbe\xcc\x81" "cil";
  g_autoptr(GPtrArray) matches = check (text);

  assert_single (matches, text, "imbe\xcc\x81" "cil");
}

static void
test_tone_invalid_utf8 (void)
{
  const char text[] = "\xff\xfe idiota \xc3 payaso\xe2\x82 \xf0\x9f\x98 moron\x80\xc3";
  g_autoptr(GPtrArray) matches = rapport_tone_check (text, sizeof text - 1);
  g_autoptr(GPtrArray) torn = rapport_tone_check ("imb\xc3", -1);
  const char *expected[] = { "idiota", "payaso", "moron" };

  g_assert_cmpuint (matches->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < matches->len; i++)
    {
      RapportToneMatch *match = match_at (matches, i);

      g_assert_cmpstr (rapport_tone_match_get_text (match), ==, expected[i]);
      g_assert_true (g_utf8_validate (rapport_tone_match_get_text (match), -1, NULL));
    }
  g_assert_cmpuint (torn->len, ==, 0);
}

static void
test_tone_empty (void)
{
  g_autoptr(GPtrArray) empty = check ("");
  g_autoptr(GPtrArray) zero = rapport_tone_check ("idiota", 0);
  g_autoptr(GPtrArray) null = rapport_tone_check (NULL, 0);
  g_autoptr(GPtrArray) blank = check ("  \n\t ,;. 😀 ");

  g_assert_nonnull (empty);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (zero->len, ==, 0);
  g_assert_cmpuint (null->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
}

static void
test_tone_length_given (void)
{
  /* Only the first @length bytes count; a NUL inside separates words */
  const char text[] = "idiota\0moron clown";
  g_autoptr(GPtrArray) cut = rapport_tone_check (text, 3);
  g_autoptr(GPtrArray) whole = rapport_tone_check (text, sizeof text - 1);
  g_autoptr(GPtrArray) nul = rapport_tone_check (text, -1);

  g_assert_cmpuint (cut->len, ==, 0);
  g_assert_cmpuint (whole->len, ==, 3);
  g_assert_cmpuint (rapport_tone_match_get_start (match_at (whole, 1)), ==, 7);
  g_assert_cmpuint (nul->len, ==, 1);
}

static void
test_tone_suggestion_language (void)
{
  g_autoptr(GPtrArray) matches = check ("The plumber was an idiot; el fontanero, un idiota.");
  g_autoptr(GPtrArray) en_mediocre = check ("The work was mediocre and the team was late.");
  g_autoptr(GPtrArray) es_mediocre = check ("El trabajo fue mediocre y el equipo llegó tarde.");

  g_assert_cmpuint (matches->len, ==, 2);
  g_assert_cmpstr (rapport_tone_match_get_language (match_at (matches, 0)), ==, "en");
  g_assert_cmpstr (rapport_tone_match_get_suggestion (match_at (matches, 0)), ==,
                   "I did not have good experiences with them");
  g_assert_cmpstr (rapport_tone_match_get_language (match_at (matches, 1)), ==, "es");
  g_assert_cmpstr (rapport_tone_match_get_suggestion (match_at (matches, 1)), ==,
                   "No tuve buenas experiencias con él");

  /* A word of both lists follows the language of the text around it */
  g_assert_cmpuint (en_mediocre->len, ==, 1);
  g_assert_cmpstr (rapport_tone_match_get_language (match_at (en_mediocre, 0)), ==, "en");
  g_assert_cmpuint (es_mediocre->len, ==, 1);
  g_assert_cmpstr (rapport_tone_match_get_language (match_at (es_mediocre, 0)), ==, "es");
}

static void
test_tone_suggestion_gender (void)
{
  struct {
    const char *text;
    const char *suggestion;
  } cases[] = {
    { "es un estúpido", "No tuve buenas experiencias con él" },
    { "es una estúpida", "No tuve buenas experiencias con ella" },
    { "son unos estúpidos", "No tuve buenas experiencias con ellos" },
    { "son unas estúpidas", "No tuve buenas experiencias con ellas" },
    { "son unas ladronas", "No tuve buenas experiencias con ellas" },
    { "son unos ladrones", "No tuve buenas experiencias con ellos" },
    { "son unos idiotas", "No tuve buenas experiencias con ellos" },
    { "la muy hija de puta", "No tuve buenas experiencias con ella" },
    { "la muy hijadeputa", "No tuve buenas experiencias con ella" },
    { "son unos pendejos", "No tuve buenas experiencias con ellos" },
    { "la jefa es una pesada", "Tuve dificultades para trabajar con ella" },
    { "no saben hacer nada", "Tuve dificultades para trabajar con ellos" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) matches = check (cases[i].text);

      g_assert_cmpuint (matches->len, ==, 1);
      g_assert_cmpstr (rapport_tone_match_get_suggestion (match_at (matches, 0)), ==,
                       cases[i].suggestion);
    }
}

static void
test_tone_match_copy (void)
{
  g_autoptr(GPtrArray) matches = check ("Menudo payaso.");
  g_autoptr(RapportToneMatch) copy = NULL;
  RapportToneMatch *match = match_at (matches, 0);

  g_assert_true (G_TYPE_IS_BOXED (RAPPORT_TYPE_TONE_MATCH));
  copy = g_boxed_copy (RAPPORT_TYPE_TONE_MATCH, match);
  g_assert_true (copy != match);
  g_assert_cmpstr (rapport_tone_match_get_text (copy), ==, "payaso");
  g_assert_true (rapport_tone_match_get_text (copy) != rapport_tone_match_get_text (match));
  g_assert_cmpuint (rapport_tone_match_get_start (copy), ==, 7);
  g_assert_cmpuint (rapport_tone_match_get_end (copy), ==, 13);
  g_assert_cmpstr (rapport_tone_match_get_suggestion (copy), ==,
                   rapport_tone_match_get_suggestion (match));
}

static void
test_tone_huge_text (void)
{
  /* Three matches per line: "idiota", "useless", "hijo de puta" */
  const char *line = "Reunión con José 😀: el idiota de siempre; assist/classic, useless "
                     "inutilizable hijo de puta computadora.\n";
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *run = NULL;
  g_autofree char *huge_word = NULL;
  g_autoptr(GPtrArray) huge_matches = NULL;
  guint lines = 0;

  while (text->len < 1024 * 1024)
    {
      g_string_append (text, line);
      lines++;
    }

  matches = rapport_tone_check (text->str, text->len);
  g_assert_cmpuint (matches->len, ==, lines * 3);
  for (guint i = 1; i < matches->len; i++)
    g_assert_cmpuint (rapport_tone_match_get_start (match_at (matches, i)), >=,
                      rapport_tone_match_get_end (match_at (matches, i - 1)));

  /* Other scripts are skipped without confusion */
  g_string_truncate (text, 0);
  lines = 0;
  while (text->len < 1024 * 1024)
    {
      g_string_append (text, "Клиент заплатил вовремя. 项目经理很好。Ελληνικά: ¡idiota! ");
      lines++;
    }
  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = rapport_tone_check (text->str, text->len);
  g_assert_cmpuint (matches->len, ==, lines);

  /* One word of 1 MB is not a match, and the one after it still is */
  run = g_strnfill (1024 * 1024, 'a');
  huge_word = g_strconcat (run, " idiota", NULL);
  huge_matches = check (huge_word);
  g_assert_cmpuint (huge_matches->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tone/check/spanish-words", test_tone_spanish_words);
  g_test_add_func ("/tone/check/english-words", test_tone_english_words);
  g_test_add_func ("/tone/check/common-words", test_tone_common_words);
  g_test_add_func ("/tone/check/categories", test_tone_categories);
  g_test_add_func ("/tone/check/phrases", test_tone_phrases);
  g_test_add_func ("/tone/check/phrase-needs-its-words", test_tone_phrase_needs_its_words);
  g_test_add_func ("/tone/check/longest-wins", test_tone_longest_wins);
  g_test_add_func ("/tone/check/no-false-positives", test_tone_no_false_positives);
  g_test_add_func ("/tone/check/spanish-homographs", test_tone_spanish_homographs);
  g_test_add_func ("/tone/check/english-homographs", test_tone_english_homographs);
  g_test_add_func ("/tone/check/innocent-phrases", test_tone_innocent_phrases);
  g_test_add_func ("/tone/check/offsets-multibyte", test_tone_offsets_multibyte);
  g_test_add_func ("/tone/check/decomposed-accents", test_tone_decomposed_accents);
  g_test_add_func ("/tone/check/invalid-utf8", test_tone_invalid_utf8);
  g_test_add_func ("/tone/check/empty", test_tone_empty);
  g_test_add_func ("/tone/check/length-given", test_tone_length_given);
  g_test_add_func ("/tone/suggestion/language", test_tone_suggestion_language);
  g_test_add_func ("/tone/suggestion/gender", test_tone_suggestion_gender);
  g_test_add_func ("/tone/match/copy", test_tone_match_copy);
  g_test_add_func ("/tone/check/huge-text", test_tone_huge_text);

  return g_test_run ();
}
