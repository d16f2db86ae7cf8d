/* rapport-import.c: reading a backup back into a database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every member of every row is checked for its type and form before it
 * becomes a property, and every record is validated as the editors'
 * would be, so a hand-edited or hostile file cannot store what the app
 * itself would refuse.
 */
#define G_LOG_DOMAIN "rapport-import"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rapport-background.h"
#include "rapport-date.h"
#include "rapport-export-private.h"
#include "rapport-import.h"
#include "rapport-record-private.h"
#include "rapport-store-bulk.h"
#include "rapport-store-search-build.h"

G_DEFINE_QUARK (rapport-import-error-quark, rapport_import_error)

typedef struct
{
  char                *database_path;
  GFile               *file;
  RapportProgress     *progress;
  RapportImportResult  result;
} Job;

/* A row of the file, once read */
typedef struct
{
  gint64 id;
  guint  table;
  guint  index;
} SeenRow;

typedef struct
{
  RapportStoreBulk       *bulk;
  GCancellable           *cancellable;
  RapportProgress        *progress;
  /* UUID → 1 + its index in @rows; the UUIDs are kept in @uuids */
  GHashTable             *seen;
  GArray                 *rows;
  GStringChunk           *uuids;
  /* New rows are written in batches; a table empty before the import
   * cannot hold a row of the file */
  RapportStoreBulkInsert *inserts[RAPPORT_STORE_N_TABLES];
  gboolean                was_empty[RAPPORT_STORE_N_TABLES];
  /* Tables loaded with their indexes built after the rows */
  gboolean                load[RAPPORT_STORE_N_TABLES];
  guint64                 done;
  guint64                 total;
  RapportImportResult    *result;
  /* The file's, RAPPORT_BACKUP_FORMAT_VERSION or earlier */
  gint64                  format_version;
} Import;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->database_path, g_free);
  g_clear_object (&job->file);
  g_clear_pointer (&job->progress, _rapport_progress_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* Describing values in messages */

static const char *
describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("a list");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_STRING:
      return _("a text");
    default:
      return _("a number");
    }
}

/* Text from the file, fit to quote in a message: json-glib turns a lone
 * "\ud83c" escape into bytes that are not UTF-8 */
static char *
quotable (const char *text)
{
  return g_utf8_make_valid (text != NULL ? text : "", -1);
}

static void
set_type_error (GError     **error,
                const char  *place,
                const char  *expected,
                JsonNode    *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = quotable (json_node_get_string (node));

      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
                   _("%s: “%s” is not %s."), place, text, expected);
    }
  else
    g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
                 _("%s must be %s, not %s."), place, expected, describe_node (node));
}

/* Whether JSON text holds the escape of a NUL character, \u0000 */
static gboolean
has_nul_escape (const char *p,
                gsize       length)
{
  const char *end = p + length;

  for (; p < end; p++)
    {
      if (*p != '\\' || p + 1 >= end)
        continue;
      if (p[1] == 'u' && end - p >= 6 && g_ascii_strncasecmp (p + 2, "0000", 4) == 0)
        return TRUE;
      /* Skip the escaped character, which may be a backslash */
      p++;
    }

  return FALSE;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* Reading the file */

static void
locate_offset (const char *data,
               gsize       offset,
               guint      *line,
               guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        line_start = data + i + 1;
      }

  /* The line up to @offset is valid UTF-8: count characters */
  *column = (guint) g_utf8_strlen (line_start, data + offset - line_start) + 1;
}

/* What a pipe or a device gives at a time */
#define READ_CHUNK_BYTES (64 * 1024)

/* Reads @file to its end, refusing more than RAPPORT_IMPORT_MAX_BYTES: a
 * pipe or a device cannot be mapped, and its size is not known before */
static GBytes *
read_stream (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) contents = NULL;
  g_autofree guint8 *chunk = NULL;
  gssize n_read;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  contents = g_byte_array_new ();
  chunk = g_malloc (READ_CHUNK_BYTES);
  while ((n_read = g_input_stream_read (G_INPUT_STREAM (stream), chunk, READ_CHUNK_BYTES,
                                        cancellable, error)) > 0)
    {
      if (contents->len + (guint64) n_read > (guint64) RAPPORT_IMPORT_MAX_BYTES)
        {
          g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_TOO_LARGE,
                       _("The file holds more than a backup can (1 GiB)."));
          return NULL;
        }
      g_byte_array_append (contents, chunk, (guint) n_read);
    }

  if (n_read < 0)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&contents));
}

static GBytes *
load_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *size_text = NULL;
  GBytes *bytes = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("It is a folder, not a backup file."));
      return NULL;
    }

  if (g_file_info_get_size (info) > RAPPORT_IMPORT_MAX_BYTES)
    {
      size_text = g_format_size_full ((guint64) g_file_info_get_size (info),
                                      G_FORMAT_SIZE_IEC_UNITS);
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_TOO_LARGE,
                   _("The file is %s, more than a backup can be (1 GiB)."), size_text);
      return NULL;
    }

  /* Only a local regular file can be mapped: a pipe, such as /dev/stdin
   * or bash's <(...), or a device is read as a stream */
  path = g_file_get_path (file);
  if (path == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return read_stream (file, cancellable, error);

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (mapped);

  /* The file may have grown since it was measured */
  if (g_bytes_get_size (bytes) > (gsize) RAPPORT_IMPORT_MAX_BYTES)
    {
      size_text = g_format_size_full (g_bytes_get_size (bytes), G_FORMAT_SIZE_IEC_UNITS);
      g_bytes_unref (bytes);
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_TOO_LARGE,
                   _("The file is %s, more than a backup can be (1 GiB)."), size_text);
      return NULL;
    }

  return bytes;
}

/* The closing quote of a string whose text starts at @p, or %NULL when
 * there is none before @end. memchr() finds the next quote, then whether
 * a backslash comes before it (scanning byte by byte took a tenth of a
 * restore's first second) */
static const char *
string_end (const char *p,
            const char *end)
{
  while (p < end)
    {
      const char *quote = memchr (p, '"', (gsize) (end - p));
      const char *backslash;

      if (quote == NULL)
        return NULL;

      backslash = memchr (p, '\\', (gsize) (quote - p));
      if (backslash == NULL)
        return quote;

      /* The backslash escapes the character after it */
      p = backslash + 2;
    }

  return NULL;
}

/* A backup nests three levels deep; json-glib's parser recurses once per
 * level, so a hostile file of nested brackets would overflow the stack */
#define MAX_NESTING 32

/* Moves *@i to the next bracket of @data outside strings, at or after
 * *@i, and returns it: '\0' at the end of @data, '"' for a string that
 * never ends */
static char
next_bracket (const char *data,
              gsize       length,
              gsize      *i)
{
  for (; *i < length; (*i)++)
    {
      char c = data[*i];

      if (c == '"')
        {
          const char *quote = string_end (data + *i + 1, data + length);

          if (quote == NULL)
            return '"';
          *i = (gsize) (quote - data);
        }
      else if (c == '[' || c == '{' || c == ']' || c == '}')
        return c;
    }

  return '\0';
}

static gboolean
check_nesting (const char  *data,
               gsize        length,
               GError     **error)
{
  guint depth = 0;
  char c;

  for (gsize i = 0; (c = next_bracket (data, length, &i)) != '\0' && c != '"'; i++)
    {
      if (c == '[' || c == '{')
        {
          if (++depth > MAX_NESTING)
            {
              guint line, column;

              locate_offset (data, i, &line, &column);
              g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_NOT_JSON,
                           _("Line %u, column %u: lists and objects are nested more than %u "
                             "deep, which no backup is."), line, column, MAX_NESTING);
              return FALSE;
            }
        }
      else if (depth > 0)
        depth--;
    }

  return TRUE;
}

/* Whether the text stops inside a string, or with lists or objects still
 * open that every bracket met so far closed in order: a file cut short,
 * as a copy or a download that stopped. Called once the file is known to
 * be wrong, so the scan costs nothing when it is right. */
static gboolean
is_cut_short (const char *data,
              gsize       length)
{
  char closers[MAX_NESTING + 1];
  guint depth = 0;

  for (gsize i = 0; ; i++)
    {
      char c = next_bracket (data, length, &i);

      if (c == '"')
        return TRUE;
      if (c == '\0')
        return depth > 0;

      if (c == '[' || c == '{')
        {
          /* check_nesting() refused deeper files */
          if (depth == G_N_ELEMENTS (closers))
            return FALSE;
          closers[depth++] = c == '[' ? ']' : '}';
        }
      else
        {
          if (depth == 0 || closers[depth - 1] != c)
            return FALSE;
          depth--;
        }
    }
}

/* As g_utf8_validate_len(), eight bytes at a time while they are ASCII
 * and not NUL: a backup is mostly ASCII, and GLib took 0.4 s of a
 * million-row restore, before the first row */
static gboolean
validate_utf8 (const char  *data,
               gsize        length,
               const char **end)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize i = 0;

  while (i < length)
    {
      guint64 word;
      guchar lead;
      gsize n;

      if (length - i >= sizeof word)
        {
          memcpy (&word, data + i, sizeof word);
          /* No byte with its high bit set, and none zero */
          if (((word | ((word - ones) & ~word)) & highs) == 0)
            {
              i += sizeof word;
              continue;
            }
        }

      /* One character: GLib says whether it is valid, and where not */
      lead = (guchar) data[i];
      n = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      n = MIN (n, length - i);
      if (!g_utf8_validate_len (data + i, n, end))
        return FALSE;
      i += n;
    }

  *end = data + length;
  return TRUE;
}

/* Checks what can be checked before reading the JSON itself */
static gboolean
check_text (const char  *data,
            gsize        length,
            GError     **error)
{
  const char *end = NULL;

  if (length == 0)
    {
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_NOT_JSON,
                   _("The file is empty."));
      return FALSE;
    }

  if (!validate_utf8 (data, length, &end))
    {
      guint line, column;

      locate_offset (data, (gsize) (end - data), &line, &column);
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_ENCODING,
                   _("Line %u, column %u: the text is not valid UTF-8."), line, column);
      return FALSE;
    }

  return check_nesting (data, length, error);
}

/* Notepad and other editors start a UTF-8 file with a byte-order mark,
 * which JSON does not allow but which changes nothing: one is skipped */
static void
skip_byte_order_mark (const char **data,
                      gsize       *length)
{
  if (*length >= 3 && memcmp (*data, "\xef\xbb\xbf", 3) == 0)
    {
      *data += 3;
      *length -= 3;
    }
}

/* The whole file as one tree: only to tell what is wrong with a file
 * that the row by row reading below could not follow */
static JsonParser *
parse_whole (const char  *data,
             gsize        length,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize first = 0;

  while (first < length && g_ascii_isspace (data[first]))
    first++;

  if (first == length)
    {
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_NOT_JSON,
                   _("The file is empty."));
      return NULL;
    }

  /* A backup is an object. Not asking json-glib about a lone value also
   * avoids a leak of json-glib 1.6 on a value followed by more text. */
  if (data[first] != '{' && data[first] != '[')
    {
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_FORMAT,
                   _("This is not a Rapport backup: it holds a single value, not an object."));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_autofree char *detail = NULL;

      if (is_cut_short (data + first, length - first))
        {
          g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_NOT_JSON,
                       _("The file ends too early: it was cut short, perhaps while it was "
                         "copied or downloaded. Import a whole copy of the backup."));
          return NULL;
        }

      detail = quotable (local_error->message);

      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_NOT_JSON,
                   _("The file is not valid JSON (%s)."), detail);
      return NULL;
    }

  return g_steal_pointer (&parser);
}

/* Reading the document row by row
 *
 * A JSON tree of a whole backup takes about ten times the file's size, so
 * the top level is walked here: each row is then parsed on its own, with
 * only its bytes, while it is imported. */

typedef struct
{
  gsize start;
  gsize end;
} Span;

typedef struct
{
  const char *data;
  gsize       length;
  /* Top-level members in order: name, and the span of the value */
  GPtrArray  *names;
  GArray     *values;
  /* The rows of each table whose value is a list */
  GArray     *rows[RAPPORT_STORE_N_TABLES];
} Document;

static void
document_clear (Document *doc)
{
  g_clear_pointer (&doc->names, g_ptr_array_unref);
  g_clear_pointer (&doc->values, g_array_unref);
  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    g_clear_pointer (&doc->rows[i], g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Document, document_clear)

static void
skip_space (const Document *doc,
            gsize          *pos)
{
  while (*pos < doc->length &&
         (doc->data[*pos] == ' ' || doc->data[*pos] == '\t' ||
          doc->data[*pos] == '\n' || doc->data[*pos] == '\r'))
    (*pos)++;
}

/* At a '"': moves past the closing one */
static gboolean
skip_string (const Document *doc,
             gsize          *pos)
{
  const char *quote = string_end (doc->data + *pos + 1, doc->data + doc->length);

  if (quote == NULL)
    return FALSE;

  *pos = (gsize) (quote - doc->data) + 1;
  return TRUE;
}

/* Moves past one value; what is inside it is left to the parser */
static gboolean
skip_value (const Document *doc,
            gsize          *pos)
{
  gsize i = *pos;
  guint depth = 0;

  if (i >= doc->length)
    return FALSE;

  if (doc->data[i] == '"')
    return skip_string (doc, pos);

  if (doc->data[i] == '[' || doc->data[i] == '{')
    {
      for (; i < doc->length; i++)
        {
          char c = doc->data[i];

          if (c == '"')
            {
              gsize next = i;

              if (!skip_string (doc, &next))
                return FALSE;
              i = next - 1;
            }
          else if (c == '[' || c == '{')
            depth++;
          else if (c == ']' || c == '}')
            {
              if (--depth == 0)
                {
                  *pos = i + 1;
                  return TRUE;
                }
            }
        }
      return FALSE;
    }

  /* A number, true, false or null */
  while (i < doc->length && strchr (",:]} \t\r\n[{\"", doc->data[i]) == NULL)
    i++;
  if (i == *pos)
    return FALSE;

  *pos = i;
  return TRUE;
}

static char *
decode_string (const Document *doc,
               Span            span)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, doc->data + span.start,
                                   (gssize) (span.end - span.start), NULL) ||
      !is_string (json_parser_get_root (parser)))
    return NULL;

  return g_strdup (json_node_get_string (json_parser_get_root (parser)));
}

static int
table_for_name (const char *name)
{
  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    if (g_str_equal (name, _rapport_store_bulk_table_name (i)))
      return (int) i;

  return -1;
}

/* Walks the top-level object. Returns FALSE when the text is not an
 * object of members, with lists of rows for tables; parse_whole() then
 * says precisely what is wrong. */
static gboolean
scan_document (Document *doc)
{
  gsize pos = 0;

  doc->names = g_ptr_array_new_with_free_func (g_free);
  doc->values = g_array_new (FALSE, FALSE, sizeof (Span));

  skip_space (doc, &pos);
  if (pos >= doc->length || doc->data[pos] != '{')
    return FALSE;
  pos++;
  skip_space (doc, &pos);

  if (pos < doc->length && doc->data[pos] == '}')
    pos++;
  else
    for (;;)
      {
        Span key = { pos, pos };
        Span value;
        char *name;
        int table;

        if (pos >= doc->length || doc->data[pos] != '"' || !skip_string (doc, &pos))
          return FALSE;
        key.end = pos;
        name = decode_string (doc, key);
        if (name == NULL)
          return FALSE;
        g_ptr_array_add (doc->names, name);

        skip_space (doc, &pos);
        if (pos >= doc->length || doc->data[pos] != ':')
          return FALSE;
        pos++;
        skip_space (doc, &pos);

        value.start = pos;
        table = table_for_name (name);
        if (table >= 0 && pos < doc->length && doc->data[pos] == '[')
          {
            g_clear_pointer (&doc->rows[table], g_array_unref);
            doc->rows[table] = g_array_new (FALSE, FALSE, sizeof (Span));
            pos++;
            skip_space (doc, &pos);

            if (pos < doc->length && doc->data[pos] == ']')
              pos++;
            else
              for (;;)
                {
                  Span row = { pos, pos };

                  if (!skip_value (doc, &pos))
                    return FALSE;
                  row.end = pos;
                  g_array_append_val (doc->rows[table], row);

                  skip_space (doc, &pos);
                  if (pos < doc->length && doc->data[pos] == ',')
                    {
                      pos++;
                      skip_space (doc, &pos);
                      continue;
                    }
                  if (pos < doc->length && doc->data[pos] == ']')
                    {
                      pos++;
                      break;
                    }
                  return FALSE;
                }
          }
        else if (!skip_value (doc, &pos))
          return FALSE;
        value.end = pos;
        g_array_append_val (doc->values, value);

        skip_space (doc, &pos);
        if (pos < doc->length && doc->data[pos] == ',')
          {
            pos++;
            skip_space (doc, &pos);
            continue;
          }
        if (pos < doc->length && doc->data[pos] == '}')
          {
            pos++;
            break;
          }
        return FALSE;
      }

  skip_space (doc, &pos);
  return pos == doc->length;
}

/* The top level as a tree, rows left out: tables that are lists become
 * empty lists */
static JsonNode *
header_node (const Document  *doc,
             GError         **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  for (guint i = 0; i < doc->names->len; i++)
    {
      const char *name = doc->names->pdata[i];
      Span value = g_array_index (doc->values, Span, i);
      int table = table_for_name (name);

      if (json_object_has_member (object, name))
        {
          g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
                       _("%s appears twice."), name);
          return NULL;
        }

      if (table >= 0 && doc->rows[table] != NULL)
        {
          g_autoptr(JsonArray) rows = json_array_new ();

          json_object_set_array_member (object, name, g_steal_pointer (&rows));
        }
      else if (table >= 0 || g_str_equal (name, "format") ||
               g_str_equal (name, "format_version") || g_str_equal (name, "generated") ||
               g_str_equal (name, "app_version"))
        {
          /* Small values, already known to be complete */
          if (!json_parser_load_from_data (parser, doc->data + value.start,
                                           (gssize) (value.end - value.start), NULL))
            return NULL;
          json_object_set_member (object, name, json_node_copy (json_parser_get_root (parser)));
        }
      else
        json_object_set_null_member (object, name);
    }

  return json_node_init_object (json_node_alloc (), object);
}

/* Checking the header */

static gboolean
check_header (JsonNode    *root,
              gint64      *format_version,
              GError     **error)
{
  JsonObject *object;
  JsonNode *node;
  g_autoptr(GList) members = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_FORMAT,
                   _("This is not a Rapport backup: it holds %s, not an object."),
                   describe_node (root));
      return FALSE;
    }
  object = json_node_get_object (root);

  node = json_object_get_member (object, "format");
  if (node == NULL || !is_string (node) ||
      g_strcmp0 (json_node_get_string (node), RAPPORT_BACKUP_FORMAT) != 0)
    {
      if (node != NULL && is_string (node) &&
          g_strcmp0 (json_node_get_string (node), RAPPORT_SUMMARY_FORMAT) == 0)
        g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_FORMAT,
                     _("This is a summary, not a backup: a summary cannot be imported."));
      else if (node != NULL && is_string (node))
        {
          g_autofree char *format = quotable (json_node_get_string (node));

          g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_FORMAT,
                       _("This is not a Rapport backup: its format is “%s”, not “%s”."),
                       format, RAPPORT_BACKUP_FORMAT);
        }
      else
        g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_FORMAT,
                     _("This is not a Rapport backup: “format” is not “%s”."),
                     RAPPORT_BACKUP_FORMAT);
      return FALSE;
    }

  node = json_object_get_member (object, "format_version");
  if (node == NULL || !is_integer (node))
    {
      set_type_error (error, "format_version", _("a whole number"), node);
      return FALSE;
    }
  if (json_node_get_int (node) < 1 || json_node_get_int (node) > RAPPORT_BACKUP_FORMAT_VERSION)
    {
      if (json_node_get_int (node) > RAPPORT_BACKUP_FORMAT_VERSION)
        g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_VERSION,
                     _("The backup is of format version %" PRId64 ", written by a "
                       "newer Rapport; update Rapport to import it."),
                     json_node_get_int (node));
      else
        g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_VERSION,
                     _("The backup is of format version %" PRId64
                       ", which no Rapport wrote."), json_node_get_int (node));
      return FALSE;
    }
  *format_version = json_node_get_int (node);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      gboolean known = g_str_equal (name, "format") || g_str_equal (name, "format_version");

      if (g_str_equal (name, "generated") || g_str_equal (name, "app_version"))
        {
          node = json_object_get_member (object, name);
          if (!is_string (node))
            {
              set_type_error (error, name, _("a text"), node);
              return FALSE;
            }
          known = TRUE;
        }

      for (guint i = 0; i < RAPPORT_STORE_N_TABLES && !known; i++)
        known = g_str_equal (name, _rapport_store_bulk_table_name (i));

      if (!known)
        {
          g_autofree char *member = quotable (name);

          g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
                       _("%s is not something a Rapport backup holds."), member);
          return FALSE;
        }
    }

  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    {
      const char *name = _rapport_store_bulk_table_name (i);

      node = json_object_get_member (object, name);
      if (node == NULL)
        {
          g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
                       _("%s is missing."), name);
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          set_type_error (error, name, _("a list"), node);
          return FALSE;
        }
    }

  return TRUE;
}

/* Rows
 *
 * A row is read into a Row: its members in order, each a text, a whole
 * number, true or false, null, or (read by json-glib only) another JSON
 * value kept for messages. A JsonObject per row, with a node per member,
 * took about a sixth of an import (callgrind). */

/* More members than any table has: a row with more has unknown ones */
#define ROW_MAX_MEMBERS 32

typedef enum
{
  VALUE_NULL,
  VALUE_TEXT,
  VALUE_INT,
  VALUE_BOOLEAN,
  VALUE_OTHER,
} ValueKind;

typedef struct
{
  const char *name;
  ValueKind   kind;
  const char *text;
  gint64      integer;
  /* VALUE_OTHER: the value, borrowed from json-glib's parser */
  JsonNode   *node;
} Member;

typedef struct
{
  Member members[ROW_MAX_MEMBERS];
  guint  n_members;
} Row;

/* What the rows of one table hold: their entity properties, and the
 * member each is read from */
typedef struct
{
  guint          table;
  GPtrArray     *pspecs;
  const char    *members[ROW_MAX_MEMBERS];
  /* Every member of a row, in the order a backup writes them */
  const char    *expected[ROW_MAX_MEMBERS + 5];
  guint          n_expected;
  const char    *names[ROW_MAX_MEMBERS];
  /* @pspecs, then the record's own properties in record_members' order */
  GPtrArray     *checked;
  /* Each row is read into this record in turn: making and freeing one
   * per row took a sixth of a restore's reading thread (callgrind) */
  RapportRecord *record;
} RowShape;

/* The members every row has first, in this order */
static const char * const record_members[] = { "uuid", "created", "updated", "deleted_at" };
#define N_RECORD_MEMBERS G_N_ELEMENTS (record_members)

static const char *
describe_member (const Member *member)
{
  switch (member->kind)
    {
    case VALUE_NULL:
      return _("null");
    case VALUE_TEXT:
      return _("a text");
    case VALUE_INT:
      return _("a number");
    case VALUE_BOOLEAN:
      return _("true or false");
    case VALUE_OTHER:
    default:
      return describe_node (member->node);
    }
}

/* As set_type_error(), for a member of a row */
static void
set_member_error (GError       **error,
                  const char    *place,
                  const char    *expected,
                  const Member  *member)
{
  if (member->kind == VALUE_TEXT)
    {
      g_autofree char *text = quotable (member->text);

      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
                   _("%s: “%s” is not %s."), place, text, expected);
    }
  else
    g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
                 _("%s must be %s, not %s."), place, expected, describe_member (member));
}

/* "table[index]", without printf: it is made for every row */
static void
format_place (char       *place,
              gsize       size,
              const char *table,
              guint       index)
{
  char digits[16];
  gsize n = 0;
  gsize length = strlen (table);

  g_assert (length + sizeof digits + 2 < size);

  do
    digits[n++] = (char) ('0' + index % 10);
  while ((index /= 10) > 0);

  memcpy (place, table, length);
  place[length++] = '[';
  while (n > 0)
    place[length++] = digits[--n];
  place[length++] = ']';
  place[length] = '\0';
}

static GDateTime *
read_moment (const Member  *value,
             const char    *row_place,
             const char    *member,
             gboolean       nullable,
             gboolean      *ok,
             GError       **error)
{
  GDateTime *moment = NULL;

  *ok = TRUE;
  if (nullable && value->kind == VALUE_NULL)
    return NULL;

  if (value->kind == VALUE_TEXT)
    moment = rapport_date_time_parse_iso (value->text, NULL);

  if (moment == NULL)
    {
      g_autofree char *place = g_strdup_printf ("%s.%s", row_place, member);

      set_member_error (error, place,
                        _("a date and time in ISO 8601 form, such as 2024-05-31T14:00:00Z"),
                        value);
      *ok = FALSE;
    }

  return moment;
}

static GDate *
read_date (const Member  *value,
           const char    *row_place,
           const char    *member,
           GError       **error)
{
  const char *text = value->kind == VALUE_TEXT ? value->text : NULL;
  GDate *date = NULL;

  /* Exactly YYYY-MM-DD, as a backup writes it */
  if (text != NULL && strlen (text) == 10 && text[4] == '-' && text[7] == '-')
    date = rapport_date_parse (text, NULL);

  if (date == NULL)
    {
      g_autofree char *place = g_strdup_printf ("%s.%s", row_place, member);

      set_member_error (error, place, _("a date such as 2024-05-31"), value);
    }

  return date;
}

/* A UUID in text, with its NUL */
#define UUID_SIZE 37

/* @member as a UUID in lower case, into @uuid; FALSE when it is not one.
 * A backup may spell UUIDs in upper case (the schema allows it, and macOS's
 * uuidgen prints them so), but the database keeps them in lower case and
 * compares bytes: rows would not match, nor references resolve, nor
 * duplicates show. */
static gboolean
read_uuid (const Member *member,
           char          uuid[UUID_SIZE])
{
  if (member->kind != VALUE_TEXT || !_rapport_uuid_is_valid (member->text))
    return FALSE;

  for (guint i = 0; i < UUID_SIZE; i++)
    uuid[i] = g_ascii_tolower (member->text[i]);
  return TRUE;
}

/* The id of the row of @table with @uuid, read earlier in the file or in
 * the database: 0 when there is none, -1 on error */
static gint64
find_reference (Import      *import,
                guint        table,
                const char  *uuid,
                GError     **error)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (import->seen, uuid));

  if (index > 0)
    {
      SeenRow *row = &g_array_index (import->rows, SeenRow, index - 1);

      if (row->table == table)
        return row->id;
    }

  if (import->was_empty[table])
    return 0;

  return _rapport_store_bulk_find_uuid (import->bulk, table, uuid, NULL, error);
}

/* Sets @value (initialised to the property's type) from @member_value,
 * the member @member of the row at @row_place. A text is not copied: it
 * lives as long as the row. */
static gboolean
read_property (Import        *import,
               GParamSpec    *pspec,
               const Member  *member_value,
               const char    *row_place,
               const char    *member,
               GValue        *value,
               GError       **error)
{
  GType type = pspec->value_type;
  ValueKind kind = member_value->kind;
  g_autofree char *place = NULL;

  /* Only an error names the place: build it then */
#define PLACE (place != NULL ? place : (place = g_strdup_printf ("%s.%s", row_place, member)))
  gboolean nullable = type == G_TYPE_STRING || type == G_TYPE_INT64 ||
                      type == G_TYPE_DATE || type == G_TYPE_DATE_TIME;

  if (nullable && kind == VALUE_NULL)
    return TRUE;

  if (type == G_TYPE_STRING)
    {
      if (kind != VALUE_TEXT)
        {
          set_member_error (error, PLACE, _("a text"), member_value);
          return FALSE;
        }
      g_value_set_static_string (value, member_value->text);
    }
  else if (type == G_TYPE_INT64)
    {
      guint table = _rapport_store_bulk_reference_table (pspec);
      char uuid[UUID_SIZE];
      g_autoptr(GError) local_error = NULL;
      gint64 id;

      if (!read_uuid (member_value, uuid))
        {
          set_member_error (error, PLACE, _("a UUID"), member_value);
          return FALSE;
        }

      id = find_reference (import, table, uuid, &local_error);
      if (id < 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (id == 0)
        {
          g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_REFERENCE,
                       _("%s refers to %s, but no row of %s with that UUID comes earlier in "
                         "the file or is in the database."),
                       PLACE, member_value->text, _rapport_store_bulk_table_name (table));
          return FALSE;
        }
      g_value_set_int64 (value, id);
    }
  else if (type == G_TYPE_UINT)
    {
      if (kind != VALUE_INT || member_value->integer < 0 || member_value->integer > G_MAXUINT)
        {
          set_member_error (error, PLACE, _("a whole number of zero or more"), member_value);
          return FALSE;
        }
      g_value_set_uint (value, (guint) member_value->integer);
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      if (kind != VALUE_BOOLEAN)
        {
          set_member_error (error, PLACE, _("true or false"), member_value);
          return FALSE;
        }
      g_value_set_boolean (value, member_value->integer != 0);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *enum_value = NULL;

      if (kind == VALUE_TEXT)
        enum_value = g_enum_get_value_by_nick (klass, member_value->text);

      if (enum_value == NULL)
        {
          g_autoptr(GString) nicks = g_string_new (NULL);

          for (guint i = 0; i < klass->n_values; i++)
            g_string_append_printf (nicks, "%s“%s”", i > 0 ? ", " : "",
                                    klass->values[i].value_nick);
          g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
                       _("%s must be one of %s."), PLACE, nicks->str);
          return FALSE;
        }
      g_value_set_enum (value, enum_value->value);
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      gboolean ok;
      GDateTime *moment = read_moment (member_value, row_place, member, FALSE, &ok, error);

      if (!ok)
        return FALSE;
      g_value_take_boxed (value, moment);
    }
  else if (type == G_TYPE_DATE)
    {
      GDate *date = read_date (member_value, row_place, member, error);

      if (date == NULL)
        return FALSE;
      g_value_take_boxed (value, date);
    }
  else
    g_assert_not_reached ();

  return TRUE;
}

#undef PLACE

/* Whether @name, the member at @index of a row, is one a row has */
static gboolean
is_row_member (const RowShape *shape,
               guint           index,
               const char     *name)
{
  if (index < shape->n_expected && g_str_equal (name, shape->expected[index]))
    return TRUE;

  for (guint i = 0; i < shape->n_expected; i++)
    if (g_str_equal (name, shape->expected[i]))
      return TRUE;

  return FALSE;
}

/* The member @member of @row, where a backup writes it (@index) or
 * anywhere; %NULL when the row has none */
static const Member *
find_member (const Row  *row,
             guint       index,
             const char *member)
{
  if (index < row->n_members && g_str_equal (row->members[index].name, member))
    return &row->members[index];

  for (guint i = 0; i < row->n_members; i++)
    if (g_str_equal (row->members[i].name, member))
      return &row->members[i];

  return NULL;
}

static void
set_missing_error (GError     **error,
                   const char  *place,
                   const char  *member)
{
  g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
               _("%s.%s is missing."), place, member);
}

static const Member *
get_required (const Row   *row,
              guint        index,
              const char  *place,
              const char  *member,
              GError     **error)
{
  const Member *found = find_member (row, index, member);

  if (found == NULL)
    set_missing_error (error, place, member);
  return found;
}

/* Members a later format version added: a row of an earlier backup has
 * none, and takes its property's default */
static const struct
{
  const char *table;
  const char *member;
  gint64      since;
} later_members[] = {
  { "renegotiations", "client_told", 2 },
};

static gboolean
is_later_member (const char *table,
                 const char *member,
                 gint64      format_version)
{
  for (guint i = 0; i < G_N_ELEMENTS (later_members); i++)
    if (format_version < later_members[i].since &&
        g_str_equal (table, later_members[i].table) &&
        g_str_equal (member, later_members[i].member))
      return TRUE;

  return FALSE;
}

static void
clear_values (GValue *values,
              guint   n_values)
{
  for (guint i = 0; i < n_values; i++)
    g_value_unset (&values[i]);
}

/* Reads one row into @shape's record, whose references are then ids of
 * the database, and @values (cleared, one per property of @shape) into
 * the values of its properties, as set: the caller clears them. Returns
 * the record, which is @shape's, or %NULL. */
static RapportRecord *
read_row (Import          *import,
          RowShape        *shape,
          const Row       *row,
          const char      *place,
          GValue          *values,
          GError         **error)
{
  const RapportStoreTable *info = &rapport_store_tables[shape->table];
  GPtrArray *pspecs = shape->pspecs;
  RapportRecord *record = shape->record;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_autoptr(GDateTime) deleted_at = NULL;
  g_autoptr(GError) local_error = NULL;
  const Member *value;
  char uuid[UUID_SIZE];
  guint first_seen;
  gboolean ok;
  guint n_values = 0;

  for (guint i = 0; i < row->n_members; i++)
    if (!is_row_member (shape, i, row->members[i].name))
      {
        g_autofree char *member = quotable (row->members[i].name);

        g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
                     _("%s.%s is not something a row of %s holds."),
                     place, member, info->table);
        return NULL;
      }

  if ((value = get_required (row, 0, place, "uuid", error)) == NULL)
    return NULL;
  if (!read_uuid (value, uuid))
    {
      g_autofree char *uuid_place = g_strdup_printf ("%s.uuid", place);

      set_member_error (error, uuid_place, _("a UUID"), value);
      return NULL;
    }

  first_seen = GPOINTER_TO_UINT (g_hash_table_lookup (import->seen, uuid));
  if (first_seen > 0)
    {
      SeenRow *first = &g_array_index (import->rows, SeenRow, first_seen - 1);

      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_DUPLICATE,
                   _("%s.uuid: the identifier %s is used twice (first at %s[%u])."),
                   place, value->text, _rapport_store_bulk_table_name (first->table),
                   first->index);
      return NULL;
    }

  if ((value = get_required (row, 1, place, "created", error)) == NULL)
    return NULL;
  created = read_moment (value, place, "created", FALSE, &ok, error);
  if (!ok)
    return NULL;

  if ((value = get_required (row, 2, place, "updated", error)) == NULL)
    return NULL;
  updated = read_moment (value, place, "updated", FALSE, &ok, error);
  if (!ok)
    return NULL;

  if ((value = get_required (row, 3, place, "deleted_at", error)) == NULL)
    return NULL;
  deleted_at = read_moment (value, place, "deleted_at", TRUE, &ok, error);
  if (!ok)
    return NULL;

  /* Read every member, then set them all at once: one notification
   * freeze for the row instead of one per property (perf) */
  for (guint i = 0; i < pspecs->len; i++)
    {
      GParamSpec *pspec = pspecs->pdata[i];
      const char *member = shape->members[i];

      g_value_init (&values[i], pspec->value_type);
      n_values = i + 1;

      value = find_member (row, N_RECORD_MEMBERS + i, member);
      if (value == NULL && is_later_member (info->table, member, import->format_version))
        {
          g_param_value_set_default (pspec, &values[i]);
          continue;
        }

      if (value == NULL)
        set_missing_error (error, place, member);
      if (value == NULL ||
          !read_property (import, pspec, value, place, member, &values[i], error))
        {
          clear_values (values, n_values);
          return NULL;
        }
    }

  /* Every property is set: nothing of the row before is left */
  g_object_freeze_notify (G_OBJECT (record));
  rapport_record_set_uuid (record, uuid);
  rapport_record_set_created (record, created);
  rapport_record_set_updated (record, updated);
  rapport_record_set_deleted_at (record, deleted_at);
  g_object_setv (G_OBJECT (record), n_values, shape->names, values);
  g_object_thaw_notify (G_OBJECT (record));

  /* Validation reads the record's own values from here too, after the
   * entity's (shape->checked) */
  g_value_init (&values[n_values], G_TYPE_STRING);
  g_value_set_static_string (&values[n_values], uuid);
  g_value_init (&values[n_values + 1], G_TYPE_DATE_TIME);
  g_value_set_static_boxed (&values[n_values + 1], created);
  g_value_init (&values[n_values + 2], G_TYPE_DATE_TIME);
  g_value_set_static_boxed (&values[n_values + 2], updated);
  g_value_init (&values[n_values + 3], G_TYPE_DATE_TIME);
  g_value_set_static_boxed (&values[n_values + 3], deleted_at);
  ok = _rapport_record_validate_values (record, shape->checked, values, &local_error);
  clear_values (&values[n_values], N_RECORD_MEMBERS);

  if (!ok)
    {
      clear_values (values, n_values);
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
                   /* Translators: a place in the file, then what is wrong there */
                   _("%s: %s."), place, local_error->message);
      return NULL;
    }

  return record;
}

/* So that later rows can refer to it, and not use its UUID again */
static void
remember_row (Import     *import,
              guint       table,
              guint       index,
              gint64      id,
              const char *uuid)
{
  SeenRow seen = { id, table, index };

  g_array_append_val (import->rows, seen);
  /* Not insert_const(): a UUID seen before was refused */
  g_hash_table_insert (import->seen, g_string_chunk_insert (import->uuids, uuid),
                       GUINT_TO_POINTER (import->rows->len));
}

static gboolean
import_row (Import          *import,
            RowShape        *shape,
            guint            index,
            const Row       *row,
            const char      *place,
            GError         **error)
{
  guint table = shape->table;
  GValue values[ROW_MAX_MEMBERS] = { G_VALUE_INIT };
  RapportRecord *record = read_row (import, shape, row, place, values, error);
  gint64 stored_updated = 0;
  gint64 id = 0;

  if (record == NULL)
    return FALSE;
  clear_values (values, shape->pspecs->len);

  if (!import->was_empty[table])
    {
      id = _rapport_store_bulk_find_uuid (import->bulk, table, rapport_record_get_uuid (record),
                                          &stored_updated, error);
      if (id < 0)
        return FALSE;
    }

  if (id == 0)
    {
      if (import->inserts[table] == NULL)
        {
          import->inserts[table] = _rapport_store_bulk_insert_new_for_records (import->bulk,
                                                                               table, error);
          if (import->inserts[table] == NULL)
            return FALSE;
        }

      id = _rapport_store_bulk_insert_record (import->inserts[table], record, error);
      if (id == 0)
        return FALSE;
      import->result->added++;
    }
  else if (g_date_time_to_unix (rapport_record_get_updated (record)) > stored_updated)
    {
      if (!_rapport_store_bulk_write_record (import->bulk, record, id, error))
        return FALSE;
      import->result->changed++;
    }
  else
    import->result->unchanged++;

  remember_row (import, table, index, id, rapport_record_get_uuid (record));
  return TRUE;
}

/* Reading one row fast
 *
 * json-glib's parser (GScanner) took a quarter of an import (callgrind).
 * A row is a flat object of texts, whole numbers, booleans and nulls:
 * parse_row() reads exactly that and gives up (FALSE) on anything else,
 * which json-glib then reads, so that every error is reported as before.
 * Texts are decoded into a buffer of the row's length: decoded, with its
 * NUL, a text is never longer than it is in the file with its quotes. */

typedef struct
{
  const char *p;
  const char *end;
  /* Where the next decoded text goes */
  char       *out;
} Cursor;

static void
cursor_skip_space (Cursor *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
    c->p++;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
cursor_read_hex4 (Cursor   *c,
                  gunichar *out)
{
  *out = 0;
  if (c->end - c->p < 4)
    return FALSE;

  for (int i = 0; i < 4; i++)
    {
      int digit = hex_digit (c->p[i]);

      if (digit < 0)
        return FALSE;
      *out = *out * 16 + (gunichar) digit;
    }
  c->p += 4;
  return TRUE;
}

/* At a '"': the decoded text, NUL-terminated, in the cursor's buffer */
static const char *
cursor_read_string (Cursor *c)
{
  const char *run;
  char *start = c->out;

  c->p++;
  run = c->p;
  while (c->p < c->end)
    {
      guchar ch = (guchar) *c->p;

      if (ch == '"')
        {
          memcpy (c->out, run, (gsize) (c->p - run));
          c->out += c->p - run;
          *c->out++ = '\0';
          c->p++;
          return start;
        }
      if (ch < 0x20)
        return NULL;
      if (ch != '\\')
        {
          c->p++;
          continue;
        }

      memcpy (c->out, run, (gsize) (c->p - run));
      c->out += c->p - run;
      c->p++;
      if (c->p >= c->end)
        return NULL;
      switch (*c->p++)
        {
        case '"': *c->out++ = '"'; break;
        case '\\': *c->out++ = '\\'; break;
        case '/': *c->out++ = '/'; break;
        case 'b': *c->out++ = '\b'; break;
        case 'f': *c->out++ = '\f'; break;
        case 'n': *c->out++ = '\n'; break;
        case 'r': *c->out++ = '\r'; break;
        case 't': *c->out++ = '\t'; break;
        case 'u':
          {
            gunichar unit, low;

            if (!cursor_read_hex4 (c, &unit) || unit == 0)
              return NULL;
            if (unit >= 0xdc00 && unit <= 0xdfff)
              return NULL;
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                if (c->end - c->p < 6 || c->p[0] != '\\' || c->p[1] != 'u')
                  return NULL;
                c->p += 2;
                if (!cursor_read_hex4 (c, &low) || low < 0xdc00 || low > 0xdfff)
                  return NULL;
                unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
              }
            c->out += g_unichar_to_utf8 (unit, c->out);
          }
          break;
        default:
          return NULL;
        }
      run = c->p;
    }

  return NULL;
}

static gboolean
cursor_read_value (Cursor *c,
                   Member *value)
{
  const char *start = c->p;
  gboolean negative = FALSE;
  guint64 number = 0;
  guint digits = 0;

  if (c->p >= c->end)
    return FALSE;

  if (*c->p == '"')
    {
      value->kind = VALUE_TEXT;
      value->text = cursor_read_string (c);
      return value->text != NULL;
    }

  if (c->end - c->p >= 4 && memcmp (c->p, "null", 4) == 0)
    {
      c->p += 4;
      value->kind = VALUE_NULL;
      return TRUE;
    }
  if (c->end - c->p >= 4 && memcmp (c->p, "true", 4) == 0)
    {
      c->p += 4;
      value->kind = VALUE_BOOLEAN;
      value->integer = TRUE;
      return TRUE;
    }
  if (c->end - c->p >= 5 && memcmp (c->p, "false", 5) == 0)
    {
      c->p += 5;
      value->kind = VALUE_BOOLEAN;
      value->integer = FALSE;
      return TRUE;
    }

  /* A whole number of at most 18 digits, with no leading zero */
  if (*c->p == '-')
    {
      negative = TRUE;
      c->p++;
    }
  while (c->p < c->end && g_ascii_isdigit (*c->p))
    {
      number = number * 10 + (guint64) (*c->p - '0');
      digits++;
      c->p++;
    }
  if (digits == 0 || digits > 18 || (digits > 1 && start[negative ? 1 : 0] == '0') ||
      (c->p < c->end && (*c->p == '.' || *c->p == 'e' || *c->p == 'E')))
    return FALSE;

  value->kind = VALUE_INT;
  value->integer = negative ? -(gint64) number : (gint64) number;
  return TRUE;
}

static gboolean
row_has_member (const Row  *row,
                const char *name)
{
  for (guint i = 0; i < row->n_members; i++)
    if (g_str_equal (row->members[i].name, name))
      return TRUE;

  return FALSE;
}

/* The row in @data into @row, its texts into @buffer (at least @length
 * bytes); FALSE when it is not a simple one. @expected: the members that
 * rows have, %NULL-terminated, in the order a backup writes them: a row
 * whose members come in that order has none twice. */
static gboolean
parse_row (const char         *data,
           gsize               length,
           char               *buffer,
           const char * const *expected,
           Row                *row)
{
  Cursor c = { data, data + length, buffer };
  gboolean in_order = TRUE;

  row->n_members = 0;
  if (length < 2 || data[0] != '{' || data[length - 1] != '}')
    return FALSE;

  c.p++;
  cursor_skip_space (&c);
  if (c.p < c.end && *c.p == '}')
    c.p++;
  else
    for (;;)
      {
        Member *member;
        const char *name;

        if (row->n_members == ROW_MAX_MEMBERS || c.p >= c.end || *c.p != '"' ||
            (name = cursor_read_string (&c)) == NULL)
          return FALSE;
        in_order = in_order && expected[row->n_members] != NULL &&
                   g_str_equal (name, expected[row->n_members]);
        if (!in_order && row_has_member (row, name))
          return FALSE;
        cursor_skip_space (&c);
        if (c.p >= c.end || *c.p != ':')
          return FALSE;
        c.p++;
        cursor_skip_space (&c);

        member = &row->members[row->n_members];
        *member = (Member) { name, VALUE_NULL, NULL, 0, NULL };
        if (!cursor_read_value (&c, member))
          return FALSE;
        row->n_members++;

        cursor_skip_space (&c);
        if (c.p < c.end && *c.p == ',')
          {
            c.p++;
            cursor_skip_space (&c);
            continue;
          }
        if (c.p < c.end && *c.p == '}')
          {
            c.p++;
            break;
          }
        return FALSE;
      }

  return c.p == c.end;
}

/* A row json-glib read into @row, borrowing from @object. Past
 * ROW_MAX_MEMBERS, members are left out: some of those kept are then
 * unknown ones, which read_row() refuses in the same order. */
static void
row_from_object (JsonObject *object,
                 Row        *row)
{
  g_autoptr(GList) names = json_object_get_members (object);

  row->n_members = 0;
  for (GList *l = names; l != NULL && row->n_members < ROW_MAX_MEMBERS; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);
      Member *member = &row->members[row->n_members++];

      *member = (Member) { l->data, VALUE_OTHER, NULL, 0, node };
      if (JSON_NODE_HOLDS_NULL (node))
        member->kind = VALUE_NULL;
      else if (is_string (node))
        {
          member->kind = VALUE_TEXT;
          member->text = json_node_get_string (node);
        }
      else if (is_integer (node))
        {
          member->kind = VALUE_INT;
          member->integer = json_node_get_int (node);
        }
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        {
          member->kind = VALUE_BOOLEAN;
          member->integer = json_node_get_boolean (node);
        }
    }
}

static void
row_shape_init (RowShape *shape,
                guint     table)
{
  GType type = rapport_store_tables[table].get_type ();

  shape->table = table;
  shape->pspecs = _rapport_store_entity_properties (type);
  g_assert (shape->pspecs->len <= G_N_ELEMENTS (shape->members));
  for (guint i = 0; i < N_RECORD_MEMBERS; i++)
    shape->expected[shape->n_expected++] = record_members[i];
  for (guint k = 0; k < shape->pspecs->len; k++)
    {
      shape->members[k] = _rapport_store_bulk_member_for_property (shape->pspecs->pdata[k]);
      shape->names[k] = ((GParamSpec *) shape->pspecs->pdata[k])->name;
      shape->expected[shape->n_expected++] = shape->members[k];
    }
  shape->expected[shape->n_expected] = NULL;
  shape->record = g_object_new (type, NULL);

  shape->checked = g_ptr_array_copy (shape->pspecs, NULL, NULL);
  for (guint i = 0; i < N_RECORD_MEMBERS; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (record_members[i]), "_", '-');
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (shape->record), name);

      g_assert (pspec != NULL);
      g_ptr_array_add (shape->checked, pspec);
    }
  /* read_row() is given a value for each */
  g_assert (shape->checked->len <= ROW_MAX_MEMBERS);
}

static void
row_shape_clear (RowShape *shape)
{
  g_clear_pointer (&shape->pspecs, g_ptr_array_unref);
  g_clear_pointer (&shape->checked, g_ptr_array_unref);
  g_clear_object (&shape->record);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RowShape, row_shape_clear)

/* What a row's texts are decoded into */
typedef struct
{
  char *data;
  gsize size;
} Buffer;

static void
buffer_clear (Buffer *buffer)
{
  g_clear_pointer (&buffer->data, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Buffer, buffer_clear)

/* The members json-glib has read, by object, to find one given twice,
 * which json_object_set_member() would quietly replace */
typedef struct
{
  GHashTable *names;
  JsonObject *object;
  char       *name;
} Duplicates;

static void
duplicates_clear (Duplicates *duplicates)
{
  g_clear_pointer (&duplicates->names, g_hash_table_unref);
  g_clear_pointer (&duplicates->name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Duplicates, duplicates_clear)

static void
member_read_cb (JsonParser *parser,
                JsonObject *object,
                const char *name,
                gpointer    user_data)
{
  Duplicates *duplicates = user_data;
  GHashTable *names = g_hash_table_lookup (duplicates->names, object);

  if (names == NULL)
    {
      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (duplicates->names, object, names);
    }

  if (!g_hash_table_add (names, g_strdup (name)) && duplicates->name == NULL)
    {
      duplicates->object = object;
      duplicates->name = g_strdup (name);
    }
}

/* Reads the row at @span into @row, which borrows from @buffer and
 * @parser until the next row */
static gboolean
read_file_row (const Document  *doc,
               Span             span,
               const RowShape  *shape,
               const char      *place,
               JsonParser      *parser,
               Buffer          *buffer,
               Row             *row,
               GError         **error)
{
  gsize length = span.end - span.start;
  g_auto(Duplicates) duplicates = { NULL, NULL, NULL };
  JsonNode *root;
  gulong handler;
  gboolean loaded;

  if (length > buffer->size)
    {
      buffer->size = MAX (length, 2 * buffer->size);
      g_free (buffer->data);
      buffer->data = g_malloc (buffer->size);
    }

  if (parse_row (doc->data + span.start, length, buffer->data, shape->expected, row))
    return TRUE;

  /* json-glib would cut such a text short without a word */
  if (has_nul_escape (doc->data + span.start, length))
    {
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
                   _("%s holds a NUL character (\\u0000), which no text in "
                     "Rapport can hold."), place);
      return FALSE;
    }

  /* A row that is not JSON: let the whole file tell where */
  duplicates.names = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) g_hash_table_unref);
  handler = g_signal_connect (parser, "object-member", G_CALLBACK (member_read_cb), &duplicates);
  loaded = json_parser_load_from_data (parser, doc->data + span.start, (gssize) length, NULL);
  g_signal_handler_disconnect (parser, handler);
  g_clear_pointer (&duplicates.names, g_hash_table_unref);
  if (!loaded)
    {
      g_autoptr(JsonParser) whole = parse_whole (doc->data, doc->length, error);

      if (whole != NULL)
        g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_NOT_JSON,
                     _("%s is not valid JSON."), place);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_type_error (error, place, _("an object"), root);
      return FALSE;
    }

  if (duplicates.name != NULL && duplicates.object == json_node_get_object (root))
    {
      g_autofree char *member = g_strdup_printf ("%s.%s", place, duplicates.name);

      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
                   _("%s appears twice."), member);
      return FALSE;
    }

  row_from_object (json_node_get_object (root), row);
  return TRUE;
}

static void
report_row_done (Import *import)
{
  import->done++;
  _rapport_progress_report (import->progress,
                            (double) import->done / (double) MAX (import->total, 1));
}

static gboolean
flush_table (Import  *import,
             guint    table,
             GError **error)
{
  return import->inserts[table] == NULL ||
         _rapport_store_bulk_insert_flush (import->inserts[table], error);
}

/* A table's rows are all written, and its indexes built, before the next
 * table's rows */
static gboolean
finish_table (Import  *import,
              guint    table,
              GError **error)
{
  return flush_table (import, table, error) &&
         (!import->load[table] || _rapport_store_bulk_load_end (import->bulk, table, error));
}

/* Rows one after the other, each merged with the database's */
static gboolean
import_rows_in_order (Import          *import,
                      const Document  *doc,
                      GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_auto(Buffer) buffer = { NULL, 0 };
  Row row;

  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    {
      const RapportStoreTable *info = &rapport_store_tables[i];
      g_auto(RowShape) shape = { 0 };
      GArray *rows = doc->rows[i];

      row_shape_init (&shape, i);
      if (import->load[i] && !_rapport_store_bulk_load_begin (import->bulk, i, error))
        return FALSE;

      for (guint j = 0; j < rows->len; j++)
        {
          char place[64];

          if (g_cancellable_set_error_if_cancelled (import->cancellable, error))
            return FALSE;

          format_place (place, sizeof place, info->table, j);
          if (!read_file_row (doc, g_array_index (rows, Span, j), &shape, place, parser, &buffer,
                              &row, error) ||
              !import_row (import, &shape, j, &row, place, error))
            return FALSE;

          report_row_done (import);
        }

      if (!finish_table (import, i, error))
        return FALSE;
    }

  return TRUE;
}

/* Restoring into an empty database
 *
 * Every row is new, and its id known ahead: the next of its table's. So
 * a second thread reads and checks the rows (parsing, entities,
 * validation: most of the work that is not SQLite's) while this one
 * writes them, as column values passed in chunks through queues: the
 * chunks filled and the chunks free. The reader makes new chunks while
 * none is free, up to MAX_CHUNKS: it reads the next table while this one
 * builds the indexes of the last (with eight chunks, it waited 4.7 s of a
 * million-row import). The reader touches no database.
 *
 * A third thread, the indexer, gets the same chunks and builds each
 * table's search index apart (rapport-store-search-build.c), which this
 * one copies in once it is built: a chunk is free again once both are
 * done with it. */

#define CHUNK_ROWS 256
/* A quarter of a million rows: a million-row import peaks 100-140 MB
 * higher than with eight chunks (710-750 MB, the file itself 365 MB) */
#define MAX_CHUNKS 1024

typedef struct
{
  guint         table;
  GArray       *ids;
  /* RapportStoreBulkValue, the columns of each row in turn */
  GArray       *values;
  GStringChunk *texts;
  /* The table has no rows after these */
  gboolean      table_done;
  /* Nothing follows: the reader is done, or failed with @error */
  gboolean      last;
  GError       *error;
  /* The writer and the indexer, while they have it */
  gint          users;
} Chunk;

typedef struct
{
  Import         *import;
  const Document *doc;
  GAsyncQueue    *filled;
  GAsyncQueue    *free;
  /* The next id of each table */
  gint64          next_id[RAPPORT_STORE_N_TABLES];
  /* Set by the writer when it failed: the reader and the indexer stop */
  gint            stop;
  /* Made by the reader so far */
  guint           n_chunks;

  /* The indexer's chunks, and what it needs to know of each table */
  GAsyncQueue    *to_index;
  char           *index_sql[RAPPORT_STORE_N_TABLES];
  const char * const *columns[RAPPORT_STORE_N_TABLES];
  /* Search indexes built and not copied yet, under @lock */
  GMutex          lock;
  GCond           built_cond;
  RapportStoreSearchBuild *built[RAPPORT_STORE_N_TABLES];
  gboolean        indexer_done;
  GError         *indexer_error;
  /* The writer's: the tables written, and the search indexes copied in */
  gboolean        written[RAPPORT_STORE_N_TABLES];
  gboolean        searchable[RAPPORT_STORE_N_TABLES];
} Pipeline;

static Chunk *
chunk_new (void)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  chunk->values = g_array_new (FALSE, FALSE, sizeof (RapportStoreBulkValue));
  chunk->texts = g_string_chunk_new (64 * 1024);
  return chunk;
}

static void
chunk_reset (Chunk *chunk)
{
  g_array_set_size (chunk->ids, 0);
  g_array_set_size (chunk->values, 0);
  g_string_chunk_clear (chunk->texts);
  chunk->table_done = FALSE;
  chunk->last = FALSE;
  g_clear_error (&chunk->error);
}

static void
chunk_free (Chunk *chunk)
{
  g_array_unref (chunk->ids);
  g_array_unref (chunk->values);
  g_string_chunk_free (chunk->texts);
  g_clear_error (&chunk->error);
  g_free (chunk);
}

/* The writer and the indexer give a chunk back; the last makes it free */
static void
pipeline_release_chunk (Pipeline *pipeline,
                        Chunk    *chunk)
{
  if (!g_atomic_int_dec_and_test (&chunk->users))
    return;

  chunk_reset (chunk);
  g_async_queue_push (pipeline->free, chunk);
}

static void
pipeline_push_chunk (Pipeline *pipeline,
                     Chunk    *chunk)
{
  g_atomic_int_set (&chunk->users, 2);
  g_async_queue_push (pipeline->filled, chunk);
  g_async_queue_push (pipeline->to_index, chunk);
}

static Chunk *
pipeline_take_chunk (Pipeline *pipeline,
                     guint     table)
{
  Chunk *chunk = g_async_queue_try_pop (pipeline->free);

  if (chunk == NULL && pipeline->n_chunks < MAX_CHUNKS)
    {
      chunk = chunk_new ();
      pipeline->n_chunks++;
    }
  else if (chunk == NULL)
    chunk = g_async_queue_pop (pipeline->free);

  chunk->table = table;
  return chunk;
}

/* Reads every row into chunks; one with "last" set comes at the end */
static gpointer
pipeline_reader (gpointer data)
{
  Pipeline *pipeline = data;
  Import *import = pipeline->import;
  const Document *doc = pipeline->doc;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_auto(Buffer) buffer = { NULL, 0 };
  GError *error = NULL;
  Chunk *chunk = NULL;
  Row row;

  for (guint i = 0; i < RAPPORT_STORE_N_TABLES && error == NULL; i++)
    {
      const RapportStoreTable *info = &rapport_store_tables[i];
      g_auto(RowShape) shape = { 0 };
      GArray *rows = doc->rows[i];
      guint n_columns;

      row_shape_init (&shape, i);
      n_columns = shape.pspecs->len + 4;

      for (guint j = 0; j < rows->len; j++)
        {
          GValue values[ROW_MAX_MEMBERS] = { G_VALUE_INIT };
          RapportRecord *record;
          gint64 id = pipeline->next_id[i]++;
          char place[64];

          if (g_atomic_int_get (&pipeline->stop) ||
              g_cancellable_set_error_if_cancelled (import->cancellable, &error))
            break;

          format_place (place, sizeof place, info->table, j);
          if (!read_file_row (doc, g_array_index (rows, Span, j), &shape, place, parser, &buffer,
                              &row, &error) ||
              (record = read_row (import, &shape, &row, place, values, &error)) == NULL)
            break;
          remember_row (import, i, j, id, rapport_record_get_uuid (record));

          if (chunk == NULL)
            chunk = pipeline_take_chunk (pipeline, i);
          g_array_append_val (chunk->ids, id);
          g_array_set_size (chunk->values, chunk->ids->len * n_columns);
          _rapport_store_bulk_record_values (shape.pspecs, record, values,
                                             &g_array_index (chunk->values, RapportStoreBulkValue,
                                                             (chunk->ids->len - 1) * n_columns),
                                             chunk->texts);
          clear_values (values, shape.pspecs->len);
          if (chunk->ids->len == CHUNK_ROWS)
            pipeline_push_chunk (pipeline, g_steal_pointer (&chunk));
        }

      if (error != NULL || g_atomic_int_get (&pipeline->stop))
        break;

      if (chunk == NULL)
        chunk = pipeline_take_chunk (pipeline, i);
      chunk->table_done = TRUE;
      pipeline_push_chunk (pipeline, g_steal_pointer (&chunk));
    }

  /* The rows read before an error are written first, as in order */
  if (chunk == NULL)
    chunk = pipeline_take_chunk (pipeline, RAPPORT_STORE_N_TABLES);
  chunk->last = TRUE;
  chunk->error = error;
  pipeline_push_chunk (pipeline, chunk);
  return NULL;
}

/* Builds each table's search index from the chunks, and hands it over */
static gpointer
pipeline_indexer (gpointer data)
{
  Pipeline *pipeline = data;
  g_autoptr(RapportStoreSearchBuild) build = NULL;
  GError *error = NULL;
  gboolean last;

  do
    {
      Chunk *chunk = g_async_queue_pop (pipeline->to_index);
      guint table = chunk->table;

      last = chunk->last;
      if (error == NULL && !g_atomic_int_get (&pipeline->stop) &&
          table < RAPPORT_STORE_N_TABLES && pipeline->index_sql[table] != NULL)
        {
          if (build == NULL)
            build = _rapport_store_search_build_new (table, pipeline->index_sql[table],
                                                     pipeline->columns[table], &error);
          if (build != NULL &&
              _rapport_store_search_build_add (build, chunk->ids->len,
                                               (const gint64 *) chunk->ids->data,
                                               (const RapportStoreBulkValue *) chunk->values->data,
                                               &error) &&
              chunk->table_done && _rapport_store_search_build_finish (build, &error))
            {
              g_mutex_lock (&pipeline->lock);
              pipeline->built[table] = g_steal_pointer (&build);
              g_cond_signal (&pipeline->built_cond);
              g_mutex_unlock (&pipeline->lock);
            }
        }
      pipeline_release_chunk (pipeline, chunk);
    }
  while (!last);

  g_mutex_lock (&pipeline->lock);
  pipeline->indexer_done = TRUE;
  pipeline->indexer_error = error;
  g_cond_signal (&pipeline->built_cond);
  g_mutex_unlock (&pipeline->lock);
  return NULL;
}

/* Copies in the search indexes built so far or, with @wait, every one
 * still to come */
static gboolean
pipeline_load_search (Pipeline  *pipeline,
                      gboolean   wait,
                      GError   **error)
{
  Import *import = pipeline->import;

  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    {
      g_autoptr(RapportStoreSearchBuild) build = NULL;
      GError *indexer_error = NULL;

      if (pipeline->index_sql[i] == NULL || !pipeline->written[i] || pipeline->searchable[i])
        continue;

      g_mutex_lock (&pipeline->lock);
      while (wait && pipeline->built[i] == NULL && !pipeline->indexer_done)
        g_cond_wait (&pipeline->built_cond, &pipeline->lock);
      build = g_steal_pointer (&pipeline->built[i]);
      if (build == NULL && wait)
        indexer_error = g_steal_pointer (&pipeline->indexer_error);
      g_mutex_unlock (&pipeline->lock);

      if (build == NULL && !wait)
        continue;
      if (build == NULL)
        {
          /* The indexer stops before building them all only at an error */
          g_assert (indexer_error != NULL);
          g_propagate_error (error, indexer_error);
          return FALSE;
        }

      if (!_rapport_store_bulk_load_search (import->bulk, build, error))
        return FALSE;
      pipeline->searchable[i] = TRUE;
    }

  return TRUE;
}

/* Writes one chunk of rows */
static gboolean
pipeline_write (Pipeline  *pipeline,
                Chunk     *chunk,
                GError   **error)
{
  Import *import = pipeline->import;

  for (guint r = 0; r < chunk->ids->len; r++)
    {
      guint n_columns = chunk->values->len / chunk->ids->len;
      const RapportStoreBulkValue *values = &g_array_index (chunk->values, RapportStoreBulkValue,
                                                            r * n_columns);
      gint64 id = _rapport_store_bulk_insert (import->inserts[chunk->table], values, error);

      if (id == 0)
        return FALSE;
      /* The reader gave references to this id */
      g_assert (id == g_array_index (chunk->ids, gint64, r));
      import->result->added++;
      report_row_done (import);
    }

  if (chunk->table_done)
    {
      if (!flush_table (import, chunk->table, error) ||
          (import->load[chunk->table] &&
           !_rapport_store_bulk_load_rows_end (import->bulk, chunk->table, error)))
        return FALSE;
      pipeline->written[chunk->table] = TRUE;
    }

  if (chunk->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&chunk->error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_rows_pipelined (Import          *import,
                       const Document  *doc,
                       GError         **error)
{
  Pipeline pipeline = { .import = import, .doc = doc };
  GThread *reader;
  GThread *indexer;
  gboolean ok = TRUE;

  /* Every table is empty: drop what a load drops, for all of them at once */
  for (guint i = 0; ok && i < RAPPORT_STORE_N_TABLES; i++)
    {
      if (import->load[i] &&
          (!_rapport_store_bulk_load_begin (import->bulk, i, error) ||
           (pipeline.index_sql[i] = _rapport_store_bulk_search_index_sql (import->bulk, i,
                                                                          error)) == NULL))
        ok = FALSE;
      else if ((import->inserts[i] = _rapport_store_bulk_insert_new_for_records (import->bulk, i,
                                                                                 error)) == NULL)
        ok = FALSE;
      else
        {
          pipeline.next_id[i] = _rapport_store_bulk_insert_next_id (import->inserts[i]);
          pipeline.columns[i] = _rapport_store_bulk_insert_get_columns (import->inserts[i]);
        }
    }

  if (ok)
    {
      pipeline.filled = g_async_queue_new ();
      pipeline.to_index = g_async_queue_new ();
      pipeline.free = g_async_queue_new_full ((GDestroyNotify) chunk_free);
      g_mutex_init (&pipeline.lock);
      g_cond_init (&pipeline.built_cond);

      reader = g_thread_new ("rapport-import", pipeline_reader, &pipeline);
      indexer = g_thread_new ("rapport-index", pipeline_indexer, &pipeline);
      for (;;)
        {
          Chunk *chunk = g_async_queue_pop (pipeline.filled);
          gboolean last = chunk->last;

          if (ok && (!pipeline_write (&pipeline, chunk, error) ||
                     !pipeline_load_search (&pipeline, last, error)))
            {
              ok = FALSE;
              g_atomic_int_set (&pipeline.stop, 1);
            }
          pipeline_release_chunk (&pipeline, chunk);
          if (last)
            break;
        }
      g_thread_join (reader);
      g_thread_join (indexer);

      for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
        g_clear_pointer (&pipeline.built[i], _rapport_store_search_build_free);
      g_clear_error (&pipeline.indexer_error);
      g_mutex_clear (&pipeline.lock);
      g_cond_clear (&pipeline.built_cond);
      g_async_queue_unref (pipeline.filled);
      g_async_queue_unref (pipeline.to_index);
      g_async_queue_unref (pipeline.free);
    }

  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    g_free (pipeline.index_sql[i]);
  return ok;
}

static gboolean
import_tables (Import          *import,
               const Document  *doc,
               GError         **error)
{
  gboolean all_empty = TRUE;

  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    {
      import->total += doc->rows[i]->len;
      if (!_rapport_store_bulk_table_is_empty (import->bulk, i, &import->was_empty[i], error))
        return FALSE;
      all_empty &= import->was_empty[i];
      /* Restoring a backup: build the table's indexes after its rows */
      import->load[i] = import->was_empty[i] && doc->rows[i]->len > 0;
    }

  if (all_empty && import->total > 0)
    return import_rows_pipelined (import, doc, error);

  return import_rows_in_order (import, doc, error);
}

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->seen, g_hash_table_unref);
  g_clear_pointer (&import->rows, g_array_unref);
  g_clear_pointer (&import->uuids, g_string_chunk_free);
  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    g_clear_pointer (&import->inserts[i], _rapport_store_bulk_insert_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static gboolean
run_job (Job           *job,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RapportStoreBulk) bulk = NULL;
  g_autoptr(JsonNode) header = NULL;
  g_auto(Document) doc = { 0 };
  /* Declared after @bulk, so cleared before it */
  g_auto(Import) import = { 0 };

  memset (&job->result, 0, sizeof job->result);

  bytes = load_file (job->file, cancellable, error);
  if (bytes == NULL)
    return FALSE;

  doc.data = g_bytes_get_data (bytes, &doc.length);
  /* Before everything else reads the text, scan_document() and
   * parse_whole() included, so that lines and columns in messages are
   * the ones an editor shows */
  skip_byte_order_mark (&doc.data, &doc.length);
  if (!check_text (doc.data, doc.length, error))
    return FALSE;

  if (!scan_document (&doc) || (header = header_node (&doc, error)) == NULL)
    {
      g_autoptr(JsonParser) whole = NULL;

      if (error != NULL && *error != NULL)
        return FALSE;

      /* Not the shape of a backup: say what it is instead */
      whole = parse_whole (doc.data, doc.length, error);
      if (whole == NULL)
        return FALSE;
      if (!check_header (json_parser_get_root (whole), &import.format_version, error))
        return FALSE;

      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID,
                   _("The file is JSON, but not laid out as a backup."));
      return FALSE;
    }

  if (!check_header (header, &import.format_version, error))
    return FALSE;

  bulk = _rapport_store_bulk_open_for_import (job->database_path, error);
  if (bulk == NULL || !_rapport_store_bulk_begin_write (bulk, error))
    return FALSE;

  import.bulk = bulk;
  import.cancellable = cancellable;
  import.progress = job->progress;
  import.seen = g_hash_table_new (g_str_hash, g_str_equal);
  import.rows = g_array_new (FALSE, FALSE, sizeof (SeenRow));
  import.uuids = g_string_chunk_new (64 * 1024);
  import.result = &job->result;

  if (!import_tables (&import, &doc, error) ||
      !_rapport_store_bulk_trash_with_parents (bulk, error) ||
      !_rapport_store_bulk_sync_last_contacts (bulk, error))
    {
      _rapport_store_bulk_rollback (bulk);
      memset (&job->result, 0, sizeof job->result);
      return FALSE;
    }

  if (!_rapport_store_bulk_commit (bulk, error))
    {
      memset (&job->result, 0, sizeof job->result);
      return FALSE;
    }

  _rapport_progress_report (job->progress, 1.0);
  return TRUE;
}

static void
prefix_error (GError **error,
              GFile   *file)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_prefix_error (error, _("Nothing was imported from “%s”: "), name);
}

static void
job_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  _rapport_background_thread ();
  if (!run_job (job, cancellable, &error))
    {
      prefix_error (&error, job->file);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_memdup2 (&job->result, sizeof job->result), g_free);
}

static void
checkpoint_done_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  int n_left = 0;

  /* Not an error of the import: the next checkpoint copies what is left */
  if (!rapport_store_checkpoint_finish (RAPPORT_STORE (source_object), result, &n_left, &error))
    g_debug ("The import's pages stay in the log for now: %s", error->message);
  else if (n_left > 0)
    g_debug ("%d pages of the import stay in the log for now, read by another connection",
             n_left);
}

static void
import_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RapportStore *store = RAPPORT_STORE (source_object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  RapportImportResult *import_result;

  import_result = g_task_propagate_pointer (G_TASK (result), &error);
  if (import_result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The rows are committed, in the log: they reach the database file in
   * the background (_rapport_store_bulk_open_for_import()) */
  rapport_store_checkpoint_async (store, NULL, checkpoint_done_cb, NULL);

  /* Before the caller hears of it, so that what it shows is up to date */
  _rapport_store_reload (store);
  g_task_return_pointer (task, import_result, g_free);
}

/* API */

/**
 * rapport_import_backup:
 * @file: a backup written by rapport_export_backup()
 * @result: (out) (optional): how many rows were added, changed or left
 *
 * Imports @file in the calling thread, on a connection of its own, then
 * refreshes @store's objects and lists. The rows written are in SQLite's
 * write-ahead log, from which rapport_store_checkpoint_async() or closing
 * @store copies them into the database file.
 */
gboolean
rapport_import_backup (RapportStore         *store,
                       GFile                *file,
                       GCancellable         *cancellable,
                       RapportImportResult  *result,
                       GError              **error)
{
  g_autoptr(Job) job = g_new0 (Job, 1);

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  job->database_path = g_strdup (rapport_store_get_path (store));
  job->file = g_object_ref (file);

  if (!run_job (job, cancellable, error))
    {
      if (error != NULL)
        prefix_error (error, file);
      return FALSE;
    }

  _rapport_store_reload (store);
  if (result != NULL)
    *result = job->result;
  return TRUE;
}

/**
 * rapport_import_backup_async:
 * @progress: (nullable): called in this thread's main context as work goes
 *
 * Imports @file in a thread, on a connection of its own. The store's
 * objects and lists are refreshed before @callback runs; the rows written
 * are then copied from the write-ahead log into the database file in
 * another thread (rapport_store_checkpoint_async()).
 */
void
rapport_import_backup_async (RapportStore        *store,
                             GFile               *file,
                             GCancellable        *cancellable,
                             RapportProgressFunc  progress,
                             gpointer             progress_data,
                             GDestroyNotify       progress_data_destroy,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *task;
  Job *job;

  g_return_if_fail (RAPPORT_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_import_backup_async);

  job = g_new0 (Job, 1);
  job->database_path = g_strdup (rapport_store_get_path (store));
  job->file = g_object_ref (file);
  job->progress = _rapport_progress_new (progress, progress_data, progress_data_destroy);

  inner = g_task_new (store, cancellable, import_done_cb, task);
  g_task_set_task_data (inner, job, (GDestroyNotify) job_free);
  g_task_set_return_on_cancel (inner, FALSE);
  g_task_run_in_thread (inner, job_worker);
}

gboolean
rapport_import_backup_finish (RapportStore         *store,
                              GAsyncResult         *result,
                              RapportImportResult  *import_result,
                              GError              **error)
{
  g_autofree RapportImportResult *counts = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rapport_import_backup_async, FALSE);

  counts = g_task_propagate_pointer (G_TASK (result), error);
  if (counts == NULL)
    return FALSE;

  if (import_result != NULL)
    *import_result = *counts;
  return TRUE;
}

/**
 * rapport_import_result_describe:
 * @result: what an import did
 * @name: the imported file's name, as the user knows it
 *
 * Returns: a sentence for the user, the same in the window and on the
 *   command line, whose words do not change with the numbers
 */
char *
rapport_import_result_describe (const RapportImportResult *result,
                                const char                *name)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* Translators: a label and a number each, so that the words stay the
   * same whatever the numbers */
  return g_strdup_printf (_("Imported “%s”. Added: %" PRIu64 ", changed: %"
                            PRIu64 ", unchanged: %" PRIu64 "."),
                          name, result->added, result->changed, result->unchanged);
}
