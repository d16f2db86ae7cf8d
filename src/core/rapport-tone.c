/* rapport-tone.c: finding insults and pejorative remarks in notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The word lists are folded once (NFD, combining marks dropped, casefolded)
 * into an open-addressing hash table keyed by single words. A key may be an
 * entry by itself and/or the first word of phrases. The text is scanned once:
 * each word is folded into a small buffer (bytes below 0x80 through a table,
 * other characters through a precomputed table up to U+036F) and looked up;
 * only a hit on a phrase's first word makes the scanner read ahead.
 */
#define G_LOG_DOMAIN "rapport-tone"

#include "config.h"

#include <string.h>

#include "rapport-core-resources.h"
#include "rapport-tone.h"

/* Folded bytes of the longest word that can match; longer words are skipped */
#define MAX_WORD 63
/* Characters below this have their folded form precomputed */
#define FOLD_TABLE_SIZE 0x370
#define FOLD_MAX 8
#define FILTER_SIZE (1 << 17)

typedef enum
{
  LANG_ES,
  LANG_EN,
  N_LANGS
} ToneLanguage;

enum
{
  STOP_ES = 1 << LANG_ES,
  STOP_EN = 1 << LANG_EN,
};

struct _RapportToneMatch
{
  gsize                start;
  gsize                end;
  char                *text;
  RapportToneCategory  category;
  const char          *language;
  const char          *suggestion;
};

typedef struct
{
  char                **words;
  guint                 n_words;
  RapportToneCategory   category;
  ToneLanguage          language;
  const char           *suggestion;
  /* A phrase of <language>-innocent.txt: found, it flags nothing */
  gboolean              innocent;
} ToneEntry;

typedef struct
{
  char       *key;
  guint32     hash;
  guint       len;
  guint       stop;
  /* The languages in which the key is also an ordinary word ("liar" is a
   * Spanish verb): bits as in @stop */
  guint       ordinary;
  ToneEntry  *single[N_LANGS];
  GPtrArray  *phrases;
} ToneSlot;

/* Bits set by the keys, so that most words are rejected before they are
 * folded or hashed: one per (first, second and last bytes, length) of a key, and
 * one per (first byte, last byte) for words whose folded length is not
 * known before folding them. */
typedef struct
{
  guint8      sized[FILTER_SIZE / 8];
  guint8      edges[FILTER_SIZE / 8];
  gboolean    non_ascii_keys;
} ToneFilter;

typedef struct
{
  ToneSlot   *slots;
  guint       mask;
  ToneFilter  filter;
  ToneFilter  stop_filter;
  gboolean    ascii_keys;
  GPtrArray  *entries;
} ToneTable;

typedef struct
{
  gsize     start;
  gsize     end;
  guint     len;
  gboolean  ascii;
  gboolean  candidate;
  gboolean  unmatchable;
  char      buf[MAX_WORD + FOLD_MAX + 1];
} ToneWord;

typedef struct
{
  char   bytes[FOLD_MAX];
  guint8 len;
  guint8 word;
} FoldedChar;

static const char * const languages[N_LANGS] = { "es", "en" };

static const char * const category_names[] = { "insult", "pejorative", "profanity" };

/* The suggestions are in the language of the matched words, whatever the
 * language of the interface, so they are deliberately not translated. */
enum { PRONOUN_EL, PRONOUN_ELLA, PRONOUN_ELLOS, PRONOUN_ELLAS, N_PRONOUNS };

static const char * const pronouns[N_PRONOUNS] = { "él", "ella", "ellos", "ellas" };

static const char * const suggestions_es[3][N_PRONOUNS] = {
  [RAPPORT_TONE_CATEGORY_INSULT] = {
    "No tuve buenas experiencias con él",
    "No tuve buenas experiencias con ella",
    "No tuve buenas experiencias con ellos",
    "No tuve buenas experiencias con ellas",
  },
  [RAPPORT_TONE_CATEGORY_PEJORATIVE] = {
    "Tuve dificultades para trabajar con él",
    "Tuve dificultades para trabajar con ella",
    "Tuve dificultades para trabajar con ellos",
    "Tuve dificultades para trabajar con ellas",
  },
  [RAPPORT_TONE_CATEGORY_PROFANITY] = {
    "Esta situación me resultó frustrante",
    "Esta situación me resultó frustrante",
    "Esta situación me resultó frustrante",
    "Esta situación me resultó frustrante",
  },
};

static const char * const suggestions_en[3] = {
  [RAPPORT_TONE_CATEGORY_INSULT] = "I did not have good experiences with them",
  [RAPPORT_TONE_CATEGORY_PEJORATIVE] = "I had difficulties working with them",
  [RAPPORT_TONE_CATEGORY_PROFANITY] = "I found this situation frustrating",
};

/* Frequent function words: they tell the language of a note when a flagged
 * word is the same in both ("mediocre"). */
static const char * const stop_words[N_LANGS][24] = {
  [LANG_ES] = { "el", "la", "los", "las", "de", "del", "que", "y", "en", "un", "una", "es",
                "con", "por", "para", "no", "se", "su", "lo", "muy", "pero", "fue", "nos",
                "esta" },
  [LANG_EN] = { "the", "and", "of", "to", "a", "is", "in", "that", "it", "was", "for",
                "with", "they", "he", "she", "not", "but", "very", "are", "on", "this",
                "we", "has", "have" },
};

/* What a byte alone says: an ASCII separator, an ASCII letter or digit,
 * or the start of something else */
enum { BYTE_SEPARATOR, BYTE_WORD, BYTE_OTHER };

static FoldedChar fold_table[FOLD_TABLE_SIZE];
static guint8 byte_class[256];
static guint8 ascii_word[128];
static char ascii_lower[128];

G_DEFINE_BOXED_TYPE (RapportToneMatch, rapport_tone_match,
                     rapport_tone_match_copy, rapport_tone_match_free)

/* Folding */

static void
append_unmarked (GString    *out,
                 const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }
}

/* NFD, drop combining marks, casefold; then again, because casefolding may
 * bring marks back ("İ" folds to "i" and a combining dot). */
static char *
fold_char_slow (gunichar c)
{
  char utf8[8];
  int n = g_unichar_to_utf8 (c, utf8);
  g_autofree char *nfd = g_utf8_normalize (utf8, n, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = g_string_new (NULL);
  g_autofree char *folded = NULL;
  g_autofree char *nfd2 = NULL;
  GString *result = g_string_new (NULL);

  if (nfd != NULL)
    append_unmarked (bare, nfd);
  folded = g_utf8_casefold (bare->str, bare->len);
  nfd2 = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  if (nfd2 != NULL)
    append_unmarked (result, nfd2);

  return g_string_free (result, FALSE);
}

static void
init_fold_tables (void)
{
  for (guint c = 0; c < 128; c++)
    {
      ascii_word[c] = g_ascii_isalnum (c);
      ascii_lower[c] = g_ascii_tolower (c);
      fold_table[c].bytes[0] = ascii_lower[c];
      fold_table[c].len = 1;
      fold_table[c].word = ascii_word[c];
      byte_class[c] = ascii_word[c] ? BYTE_WORD : BYTE_SEPARATOR;
    }

  for (guint b = 128; b < 256; b++)
    byte_class[b] = BYTE_OTHER;

  for (gunichar c = 0x80; c < FOLD_TABLE_SIZE; c++)
    {
      g_autofree char *folded = fold_char_slow (c);
      gsize len = strlen (folded);

      /* No character below U+0370 folds to more than a few bytes */
      g_assert (len <= FOLD_MAX);
      memcpy (fold_table[c].bytes, folded, len);
      fold_table[c].len = (guint8) len;
      fold_table[c].word = g_unichar_isalnum (c) || g_unichar_ismark (c);
    }
}

static inline gboolean
is_word_char (gunichar c)
{
  if (c < FOLD_TABLE_SIZE)
    return fold_table[c].word;
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* The character at @p: its length in bytes, and (gunichar) -1 in @c when
 * the bytes there are not valid UTF-8 (then the length is 1). */
static inline guint
decode (const guchar *p,
        const guchar *end,
        gunichar     *c)
{
  gunichar u;

  if (*p < 0x80)
    {
      *c = *p;
      return 1;
    }

  /* Two bytes: all of Latin-1 and Latin Extended, the usual case */
  if (*p >= 0xC2 && *p <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80)
    {
      *c = ((gunichar) (p[0] & 0x1F) << 6) | (p[1] & 0x3F);
      return 2;
    }

  u = g_utf8_get_char_validated ((const char *) p, end - p);
  if (u == (gunichar) -1 || u == (gunichar) -2)
    {
      *c = (gunichar) -1;
      return 1;
    }

  *c = u;
  return (guint) g_utf8_skip[*p];
}

/* Whether @c, at or above FOLD_TABLE_SIZE, may fold to ASCII: beyond
 * U+036F only the precomposed letters of Latin Extended Additional and the
 * Kelvin and Ångström signs decompose to a Latin base letter. Other scripts
 * never match all-ASCII keys, and so need not be folded at all. */
static inline gboolean
may_fold_to_ascii (gunichar c)
{
  return (c >= 0x1E00 && c <= 0x1EFF) || c == 0x212A || c == 0x212B;
}

static inline void
word_append (ToneWord          *word,
             const ToneTable   *table,
             gunichar           c)
{
  if (word->unmatchable)
    return;

  if (c < FOLD_TABLE_SIZE)
    {
      const FoldedChar *f = &fold_table[c];

      memcpy (word->buf + word->len, f->bytes, FOLD_MAX);
      word->len += f->len;
    }
  else if (table != NULL && table->ascii_keys && !may_fold_to_ascii (c))
    {
      if (!g_unichar_ismark (c))
        word->unmatchable = TRUE;
      return;
    }
  else if (!g_unichar_ismark (c))
    {
      g_autofree char *folded = fold_char_slow (c);
      gsize len = strlen (folded);

      if (word->len + len > MAX_WORD)
        {
          word->unmatchable = TRUE;
          return;
        }

      /* Every key is ASCII after folding (all Latin script): no need to go on */
      if (table != NULL && table->ascii_keys)
        {
          for (gsize i = 0; i < len; i++)
            if ((guchar) folded[i] >= 0x80)
              {
                word->unmatchable = TRUE;
                return;
              }
        }

      memcpy (word->buf + word->len, folded, len);
      word->len += (guint) len;
    }

  if (word->len > MAX_WORD)
    word->unmatchable = TRUE;
}

static inline guint
filter_index (guchar first,
              guchar second,
              guchar last,
              gsize  len)
{
  guint mix = (guint) first * 0x9E3779B1u ^ (guint) second * 0x85EBCA77u ^
              (guint) last * 0xC2B2AE3Du ^ (guint) len * 0x27D4EB2Fu;

  return (mix >> 13) & (FILTER_SIZE - 1);
}

static inline gboolean
filter_has (const guint8 *bits,
            guint         i)
{
  return (bits[i >> 3] & (1u << (i & 7))) != 0;
}

static void
filter_add (ToneFilter *filter,
            const char *key,
            gsize       len)
{
  guint i = filter_index (key[0], key[len > 1], key[len - 1], len);
  guint j = (guchar) key[0] | ((guint) (guchar) key[len - 1] << 8);

  filter->sized[i >> 3] |= 1u << (i & 7);
  filter->edges[j >> 3] |= 1u << (j & 7);
  for (gsize k = 0; k < len; k++)
    if ((guchar) key[k] >= 0x80)
      filter->non_ascii_keys = TRUE;
}

/* Whether the word at [start, end), valid UTF-8 and not all ASCII, may be
 * a key behind @filter, from the folded forms of its first and last
 * characters */
static gboolean
edges_may_match (const ToneFilter *filter,
                 const guchar     *start,
                 const guchar     *end)
{
  const guchar *last = end - 1;
  gunichar first_c, last_c;

  while (last > start && (*last & 0xC0) == 0x80)
    last--;

  decode (start, end, &first_c);
  if (!filter->non_ascii_keys && first_c >= FOLD_TABLE_SIZE && !may_fold_to_ascii (first_c) &&
      !g_unichar_ismark (first_c))
    return FALSE;

  decode (last, end, &last_c);
  if (first_c >= FOLD_TABLE_SIZE || last_c >= FOLD_TABLE_SIZE ||
      fold_table[first_c].len == 0 || fold_table[last_c].len == 0)
    return TRUE;

  return filter_has (filter->edges,
                     (guchar) fold_table[first_c].bytes[0] |
                     ((guint) (guchar) fold_table[last_c].bytes[fold_table[last_c].len - 1] << 8));
}

/* Finds the next word at or after @pos without folding it, and whether it
 * may be a key behind @filter (if not NULL): the folded form of an ASCII
 * word is its lowercase, so most words are rejected here at once. Returns
 * FALSE at the end of the text. */
static gboolean
next_word (const ToneFilter *filter,
           const guchar     *text,
           gsize             length,
           gsize             pos,
           ToneWord         *word)
{
  const guchar *p = text + pos;
  const guchar *end = text + length;
  gboolean ascii = TRUE;
  gunichar c;
  guint n;

  /* Separators */
  for (;;)
    {
      while (p < end && byte_class[*p] == BYTE_SEPARATOR)
        p++;
      if (p >= end)
        return FALSE;
      if (byte_class[*p] == BYTE_WORD)
        break;

      n = decode (p, end, &c);
      if (c != (gunichar) -1 && is_word_char (c))
        break;
      p += n;
    }

  word->start = p - text;

  for (;;)
    {
      while (p < end && byte_class[*p] == BYTE_WORD)
        p++;
      if (p >= end || byte_class[*p] == BYTE_SEPARATOR)
        break;

      n = decode (p, end, &c);
      if (c == (gunichar) -1 || !is_word_char (c))
        break;
      ascii = FALSE;
      p += n;
    }

  word->end = p - text;
  word->ascii = ascii;
  word->candidate = TRUE;

  if (filter == NULL)
    return TRUE;

  if (ascii)
    {
      gsize len = word->end - word->start;

      word->candidate = len <= MAX_WORD &&
                        filter_has (filter->sized,
                                    filter_index (ascii_lower[text[word->start]],
                                                  ascii_lower[text[word->start + (len > 1)]],
                                                  ascii_lower[p[-1]], len));
    }
  else
    {
      word->candidate = edges_may_match (filter, text + word->start, p);
    }

  return TRUE;
}

/* Folds the word found by next_word() into its buffer */
static void
word_fold (const ToneTable *table,
           const guchar    *text,
           ToneWord        *word)
{
  const guchar *p = text + word->start;
  const guchar *end = text + word->end;

  word->len = 0;
  word->unmatchable = FALSE;

  if (word->ascii)
    {
      if (word->end - word->start > MAX_WORD)
        {
          word->unmatchable = TRUE;
          return;
        }
      for (; p < end; p++)
        word->buf[word->len++] = ascii_lower[*p];
      return;
    }

  while (p < end && !word->unmatchable)
    {
      gunichar c;

      p += decode (p, end, &c);
      word_append (word, table, c);
    }
}

/* Reads over what may separate the words of a phrase: spaces, hyphens and
 * apostrophes. Returns FALSE if anything else is there. */
static gboolean
skip_phrase_gap (const guchar *text,
                 gsize         length,
                 gsize        *pos)
{
  const guchar *p = text + *pos;
  const guchar *end = text + length;

  while (p < end)
    {
      gunichar c;
      guint n = decode (p, end, &c);

      if (c == (gunichar) -1)
        return FALSE;
      if (is_word_char (c))
        break;
      if (!g_unichar_isspace (c) && c != '-' && c != '\'' &&
          c != 0x2010 && c != 0x2011 && c != 0x2019)
        return FALSE;
      p += n;
    }

  *pos = p - text;
  return TRUE;
}

/* The table */

static inline guint32
hash_bytes (const char *bytes,
            guint       len)
{
  guint32 h = 2166136261u;

  for (guint i = 0; i < len; i++)
    {
      h ^= (guchar) bytes[i];
      h *= 16777619u;
    }

  return h;
}

/* The slot of the folded @key, if @filter may have it */
static inline ToneSlot *
table_lookup (const ToneTable  *table,
              const ToneFilter *filter,
              const char       *key,
              guint             len)
{
  guint32 hash;
  guint i;

  if (len == 0 || len > MAX_WORD ||
      !filter_has (filter->sized, filter_index (key[0], key[len > 1], key[len - 1], len)))
    return NULL;

  hash = hash_bytes (key, len);
  for (i = hash & table->mask; table->slots[i].key != NULL; i = (i + 1) & table->mask)
    {
      ToneSlot *slot = &table->slots[i];

      if (slot->hash == hash && slot->len == len && memcmp (slot->key, key, len) == 0)
        return slot;
    }

  return NULL;
}

static ToneSlot *
table_insert (ToneTable  *table,
              ToneFilter *filter,
              const char *key)
{
  guint len = (guint) strlen (key);
  guint32 hash = hash_bytes (key, len);
  ToneSlot *slot;
  guint i;

  filter_add (filter, key, len);
  for (guint j = 0; j < len; j++)
    if ((guchar) key[j] >= 0x80)
      table->ascii_keys = FALSE;

  for (i = hash & table->mask; table->slots[i].key != NULL; i = (i + 1) & table->mask)
    if (table->slots[i].hash == hash && strcmp (table->slots[i].key, key) == 0)
      return &table->slots[i];

  slot = &table->slots[i];
  slot->key = g_strdup (key);
  slot->hash = hash;
  slot->len = len;

  return slot;
}

static int
compare_phrases (gconstpointer a,
                 gconstpointer b)
{
  const ToneEntry *ea = *(ToneEntry * const *) a;
  const ToneEntry *eb = *(ToneEntry * const *) b;

  return (int) eb->n_words - (int) ea->n_words;
}

/* Folded words of @text, or NULL if it has none or one too long */
static char **
fold_words (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gsize length = strlen (text);
  ToneWord word;
  gsize pos = 0;
  guint n = 0;

  while (next_word (NULL, (const guchar *) text, length, pos, &word))
    {
      word_fold (NULL, (const guchar *) text, &word);
      if (word.unmatchable)
        return NULL;
      word.buf[word.len] = '\0';
      g_strv_builder_add (builder, word.buf);
      pos = word.end;
      n++;
    }

  if (n == 0)
    return NULL;

  return g_strv_builder_end (builder);
}

static void
tone_entry_free (gpointer data)
{
  ToneEntry *entry = data;

  g_strfreev (entry->words);
  g_free (entry);
}

/* The lines of the word list at @path in the resource, or %NULL (with a
 * critical: the lists are part of the program) */
static GStrv
read_lines (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;

  bytes = g_resource_lookup_data (rapport_core_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_critical ("Cannot read the word list %s: %s", path, error->message);
      return NULL;
    }

  contents = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_critical ("The word list %s is not valid UTF-8", path);
      return NULL;
    }

  return g_strsplit (contents, "\n", -1);
}

/* Loads <language>-<category>.txt, or <language>-innocent.txt when
 * @innocent: phrases that hold a listed word and say nothing of anyone */
static void
load_list (GPtrArray           *entries,
           GHashTable          *pronoun_overrides,
           ToneLanguage         language,
           RapportToneCategory  category,
           gboolean             innocent)
{
  g_autofree char *path = g_strdup_printf (APP_PATH "/tone/%s-%s.txt", languages[language],
                                           innocent ? "innocent" : category_names[category]);
  g_auto(GStrv) lines = read_lines (path);

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      char *line = lines[i];
      char *mark = strchr (line, '#');
      char *pronoun = NULL;
      ToneEntry *entry;
      char **words;

      if (mark != NULL)
        *mark = '\0';
      if ((mark = strchr (line, '|')) != NULL)
        {
          *mark = '\0';
          pronoun = g_strstrip (mark + 1);
        }
      g_strstrip (line);
      if (*line == '\0')
        continue;

      words = fold_words (line);
      if (words == NULL || (innocent && words[1] == NULL))
        {
          g_critical ("%s:%u: “%s” is not a list of %s", path, i + 1, line,
                      innocent ? "several words" : "words");
          g_strfreev (words);
          continue;
        }

      entry = g_new0 (ToneEntry, 1);
      entry->words = words;
      entry->n_words = g_strv_length (words);
      entry->category = category;
      entry->language = language;
      entry->innocent = innocent;
      g_ptr_array_add (entries, entry);

      if (pronoun != NULL && *pronoun != '\0')
        {
          guint p;

          for (p = 0; p < N_PRONOUNS; p++)
            if (g_strcmp0 (pronoun, pronouns[p]) == 0)
              break;
          if (p == N_PRONOUNS)
            g_critical ("%s:%u: “%s” is not él, ella, ellos or ellas", path, i + 1, pronoun);
          else
            g_hash_table_insert (pronoun_overrides, entry, GUINT_TO_POINTER (p));
        }
    }
}

/* Marks the keys listed in <language>-ordinary.txt as ordinary words of
 * @language. Call once the entries are in the table. */
static void
load_ordinary (ToneTable    *table,
               ToneLanguage  language)
{
  g_autofree char *path = g_strdup_printf (APP_PATH "/tone/%s-ordinary.txt",
                                           languages[language]);
  g_auto(GStrv) lines = read_lines (path);

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      char *line = lines[i];
      char *mark = strchr (line, '#');
      g_auto(GStrv) words = NULL;
      ToneSlot *slot;

      if (mark != NULL)
        *mark = '\0';
      g_strstrip (line);
      if (*line == '\0')
        continue;

      words = fold_words (line);
      if (words == NULL || words[1] != NULL)
        {
          g_critical ("%s:%u: “%s” is not one word", path, i + 1, line);
          continue;
        }

      slot = table_lookup (table, &table->filter, words[0], (guint) strlen (words[0]));
      if (slot == NULL)
        g_critical ("%s:%u: “%s” is in no other list", path, i + 1, line);
      else
        slot->ordinary |= 1u << language;
    }
}

static char *
join_with_first (const ToneEntry *entry,
                 const char      *first,
                 gsize            first_len)
{
  GString *joined = g_string_new_len (first, first_len);

  for (guint i = 1; i < entry->n_words; i++)
    {
      g_string_append_c (joined, ' ');
      g_string_append (joined, entry->words[i]);
    }

  return g_string_free (joined, FALSE);
}

static gboolean
has_variant (GHashTable      *keys,
             const ToneEntry *entry,
             const char      *stem,
             gsize            stem_len,
             const char      *suffix)
{
  g_autofree char *first = g_strdup_printf ("%.*s%s", (int) stem_len, stem, suffix);
  g_autofree char *joined = join_with_first (entry, first, strlen (first));

  return g_hash_table_contains (keys, joined);
}

/* Whom a Spanish entry is about, from the other forms of its first word in
 * the lists: "estúpidas" is feminine plural because "estúpidos" and
 * "estúpida" are there too; "idiota" has no "idioto", so it is "él". */
static guint
infer_pronoun (GHashTable      *keys,
               const ToneEntry *entry)
{
  const char *word = entry->words[0];
  gsize len = strlen (word);
  gsize singular_len = len;
  gboolean plural = FALSE;
  gboolean feminine = FALSE;

  if (len > 2 && word[len - 1] == 's')
    {
      if (has_variant (keys, entry, word, len - 1, ""))
        {
          plural = TRUE;
          singular_len = len - 1;
        }
      else if (word[len - 2] == 'e' && has_variant (keys, entry, word, len - 2, ""))
        {
          plural = TRUE;
          singular_len = len - 2;
        }
    }

  if (singular_len > 2 && word[singular_len - 1] == 'a')
    feminine = has_variant (keys, entry, word, singular_len - 1, "o") ||
               has_variant (keys, entry, word, singular_len - 1, "");

  if (plural)
    return feminine ? PRONOUN_ELLAS : PRONOUN_ELLOS;
  return feminine ? PRONOUN_ELLA : PRONOUN_EL;
}

static ToneTable *
tone_table_new (void)
{
  g_autoptr(GHashTable) es_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) overrides = g_hash_table_new (NULL, NULL);
  ToneTable *table = g_new0 (ToneTable, 1);
  guint n_keys = 0;
  guint size = 64;

  init_fold_tables ();

  table->entries = g_ptr_array_new_with_free_func (tone_entry_free);
  for (guint l = 0; l < N_LANGS; l++)
    {
      for (guint c = 0; c < G_N_ELEMENTS (category_names); c++)
        load_list (table->entries, overrides, l, c, FALSE);
      load_list (table->entries, overrides, l, RAPPORT_TONE_CATEGORY_INSULT, TRUE);
    }

  n_keys = table->entries->len + G_N_ELEMENTS (stop_words) * G_N_ELEMENTS (stop_words[0]);
  while (size < n_keys * 4)
    size *= 2;
  table->slots = g_new0 (ToneSlot, size);
  table->mask = size - 1;
  table->ascii_keys = TRUE;

  for (guint i = 0; i < table->entries->len; i++)
    {
      ToneEntry *entry = g_ptr_array_index (table->entries, i);

      if (entry->language == LANG_ES && !entry->innocent)
        g_hash_table_add (es_keys, g_strjoinv (" ", entry->words));
    }

  for (guint i = 0; i < table->entries->len; i++)
    {
      ToneEntry *entry = g_ptr_array_index (table->entries, i);
      ToneSlot *slot = table_insert (table, &table->filter, entry->words[0]);

      if (entry->language == LANG_ES)
        {
          gpointer pronoun;

          if (!g_hash_table_lookup_extended (overrides, entry, NULL, &pronoun))
            pronoun = GUINT_TO_POINTER (infer_pronoun (es_keys, entry));
          entry->suggestion = suggestions_es[entry->category][GPOINTER_TO_UINT (pronoun)];
        }
      else
        {
          entry->suggestion = suggestions_en[entry->category];
        }

      if (entry->n_words == 1)
        {
          /* The first of two equal entries wins */
          if (slot->single[entry->language] == NULL)
            slot->single[entry->language] = entry;
        }
      else
        {
          if (slot->phrases == NULL)
            slot->phrases = g_ptr_array_new ();
          g_ptr_array_add (slot->phrases, entry);
        }
    }

  for (guint i = 0; i < size; i++)
    if (table->slots[i].phrases != NULL)
      g_ptr_array_sort (table->slots[i].phrases, compare_phrases);

  for (guint l = 0; l < N_LANGS; l++)
    load_ordinary (table, l);

  for (guint l = 0; l < N_LANGS; l++)
    for (guint i = 0; i < G_N_ELEMENTS (stop_words[l]) && stop_words[l][i] != NULL; i++)
      table_insert (table, &table->stop_filter, stop_words[l][i])->stop |= 1u << l;

  return table;
}

static const ToneTable *
tone_table_get (void)
{
  static ToneTable *table;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, tone_table_new ());

  return table;
}

/* Checking */

/* Whether the words after @entry's first one follow in the text from @pos;
 * then @end is where the last one ends. */
static gboolean
phrase_matches (const ToneTable *table,
                const guchar    *text,
                gsize            length,
                gsize            pos,
                const ToneEntry *entry,
                gsize           *end)
{
  ToneWord word;

  for (guint i = 1; i < entry->n_words; i++)
    {
      if (!skip_phrase_gap (text, length, &pos) ||
          !next_word (NULL, text, length, pos, &word) ||
          word.start != pos)
        return FALSE;

      word_fold (table, text, &word);
      if (word.unmatchable ||
          word.len != strlen (entry->words[i]) ||
          memcmp (word.buf, entry->words[i], word.len) != 0)
        return FALSE;
      pos = word.end;
    }

  *end = pos;
  return TRUE;
}

static RapportToneMatch *
tone_match_new (const char      *text,
                gsize            start,
                gsize            end,
                const ToneEntry *entry)
{
  RapportToneMatch *match = g_new0 (RapportToneMatch, 1);

  match->start = start;
  match->end = end;
  match->text = g_strndup (text + start, end - start);
  match->category = entry->category;
  match->language = languages[entry->language];
  match->suggestion = entry->suggestion;

  return match;
}

typedef struct
{
  guint            index;
  const ToneEntry *other;
} Ambiguous;

/* A match of a word that is also an ordinary word of other languages */
typedef struct
{
  guint  index;
  guint  ordinary;
} Homograph;

/* Counts the function words of each language in @text into @seen */
static void
count_function_words (const ToneTable *table,
                      const guchar    *text,
                      gsize            length,
                      guint            seen[N_LANGS])
{
  ToneWord word;
  gsize pos = 0;

  while (next_word (&table->stop_filter, text, length, pos, &word))
    {
      const ToneSlot *slot;

      pos = word.end;
      if (!word.candidate)
        continue;
      word_fold (table, text, &word);
      if (word.unmatchable ||
          (slot = table_lookup (table, &table->stop_filter, word.buf, word.len)) == NULL)
        continue;

      for (guint l = 0; l < N_LANGS; l++)
        seen[l] += (slot->stop >> l) & 1;
    }
}

/**
 * rapport_tone_check:
 * @text: the text to check, UTF-8; invalid bytes are skipped
 * @length: its length in bytes, or -1 if it ends with a NUL
 *
 * Finds the insults, pejorative remarks and swear words in @text, in text
 * order and not overlapping (a phrase wins over a word inside it). A word
 * of both lists ("mediocre") is taken as Spanish unless the text has more
 * English function words than Spanish ones; a word of one language's lists
 * that is an ordinary word of the other ("liar" and "Morón" in Spanish,
 * "subnormal" in English) is not taken when the text has more function
 * words of that other language.
 *
 * Returns: (transfer container) (element-type RapportToneMatch): the
 *   matches, maybe none
 */
GPtrArray *
rapport_tone_check (const char *text,
                    gssize      length)
{
  const ToneTable *table = tone_table_get ();
  g_autoptr(GArray) ambiguous = NULL;
  g_autoptr(GArray) homographs = NULL;
  guint seen[N_LANGS] = { 0, };
  GPtrArray *matches;
  const guchar *bytes = (const guchar *) text;
  ToneWord word;
  gsize len;
  gsize pos = 0;

  matches = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_tone_match_free);
  g_return_val_if_fail (text != NULL || length == 0, matches);

  if (text == NULL)
    return matches;
  len = length < 0 ? strlen (text) : (gsize) length;

  while (next_word (&table->filter, bytes, len, pos, &word))
    {
      const ToneEntry *entry = NULL;
      const ToneSlot *slot;
      gsize end = word.end;

      pos = word.end;
      if (!word.candidate)
        continue;
      word_fold (table, bytes, &word);
      if (word.unmatchable ||
          (slot = table_lookup (table, &table->filter, word.buf, word.len)) == NULL)
        continue;

      if (slot->phrases != NULL)
        for (guint i = 0; i < slot->phrases->len && entry == NULL; i++)
          if (phrase_matches (table, bytes, len, word.end, g_ptr_array_index (slot->phrases, i),
                              &end))
            entry = g_ptr_array_index (slot->phrases, i);

      /* "knee-jerk": read over it, its "jerk" is no insult */
      if (entry != NULL && entry->innocent)
        {
          pos = end;
          continue;
        }

      if (entry == NULL)
        {
          entry = slot->single[LANG_ES] != NULL ? slot->single[LANG_ES] : slot->single[LANG_EN];
          end = word.end;
          if (slot->single[LANG_ES] != NULL && slot->single[LANG_EN] != NULL)
            {
              Ambiguous a = { matches->len, slot->single[LANG_EN] };

              if (ambiguous == NULL)
                ambiguous = g_array_new (FALSE, FALSE, sizeof (Ambiguous));
              g_array_append_val (ambiguous, a);
            }
        }

      if (entry != NULL && entry->n_words == 1 &&
          (slot->ordinary & ~(1u << entry->language)) != 0)
        {
          Homograph h = { matches->len, slot->ordinary & ~(1u << entry->language) };

          if (homographs == NULL)
            homographs = g_array_new (FALSE, FALSE, sizeof (Homograph));
          g_array_append_val (homographs, h);
        }

      if (entry != NULL)
        {
          g_ptr_array_add (matches, tone_match_new (text, word.start, end, entry));
          pos = end;
        }
    }

  if (ambiguous != NULL || homographs != NULL)
    count_function_words (table, bytes, len, seen);

  if (ambiguous != NULL && seen[LANG_EN] > seen[LANG_ES])
    for (guint i = 0; i < ambiguous->len; i++)
      {
        Ambiguous *a = &g_array_index (ambiguous, Ambiguous, i);
        RapportToneMatch *match = g_ptr_array_index (matches, a->index);

        match->category = a->other->category;
        match->language = languages[LANG_EN];
        match->suggestion = a->other->suggestion;
      }

  /* From the last, so that the indexes of the others hold */
  for (guint i = homographs != NULL ? homographs->len : 0; i-- > 0;)
    {
      Homograph *h = &g_array_index (homographs, Homograph, i);
      RapportToneMatch *match = g_ptr_array_index (matches, h->index);
      guint matched = g_str_equal (match->language, languages[LANG_ES]) ? LANG_ES : LANG_EN;

      for (guint l = 0; l < N_LANGS; l++)
        if ((h->ordinary >> l) & 1 && seen[l] > seen[matched])
          {
            g_ptr_array_remove_index (matches, h->index);
            break;
          }
    }

  return matches;
}

/* RapportToneMatch */

RapportToneMatch *
rapport_tone_match_copy (const RapportToneMatch *self)
{
  RapportToneMatch *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->text = g_strdup (self->text);

  return copy;
}

void
rapport_tone_match_free (RapportToneMatch *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self);
}

/* Byte offset in the checked text where the match starts */
gsize
rapport_tone_match_get_start (const RapportToneMatch *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->start;
}

/* Byte offset in the checked text just after the match */
gsize
rapport_tone_match_get_end (const RapportToneMatch *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->end;
}

/* The matched text as written */
const char *
rapport_tone_match_get_text (const RapportToneMatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text;
}

RapportToneCategory
rapport_tone_match_get_category (const RapportToneMatch *self)
{
  g_return_val_if_fail (self != NULL, RAPPORT_TONE_CATEGORY_INSULT);
  return self->category;
}

/* "es" or "en": the language of the matched words */
const char *
rapport_tone_match_get_language (const RapportToneMatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->language;
}

/* A neutral, first-person alternative in the language of the match */
const char *
rapport_tone_match_get_suggestion (const RapportToneMatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->suggestion;
}

/* "insult", "pejorative" or "profanity" */
const char *
rapport_tone_category_to_string (RapportToneCategory category)
{
  g_return_val_if_fail ((guint) category < G_N_ELEMENTS (category_names), NULL);
  return category_names[category];
}
