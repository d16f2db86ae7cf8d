/* test-import.c: reading backups back, merging, and refusing bad input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-import.h"
#include "rapport-store-private.h"
#include "rapport-test-data.h"

typedef struct
{
  char         *dir;
  /* Where backups come from */
  RapportStore *source;
  /* Where they go: not empty, and unlike the source */
  RapportStore *target;
  char         *backup;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *source_dir = NULL;
  g_autofree char *target_dir = NULL;
  g_autoptr(RapportClient) local = NULL;

  fixture->dir = rapport_test_make_dir ();
  source_dir = g_build_filename (fixture->dir, "source", NULL);
  target_dir = g_build_filename (fixture->dir, "target", NULL);
  fixture->source = rapport_test_open_store (source_dir);
  fixture->target = rapport_test_open_store (target_dir);
  rapport_test_populate (fixture->source);
  local = rapport_test_add_client (fixture->target, "Local Client");
  fixture->backup = rapport_test_backup_text (fixture->source);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->source);
  g_clear_object (&fixture->target);
  g_clear_pointer (&fixture->backup, g_free);
  rapport_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static GFile *
write_file (Fixture    *fixture,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "input.json", NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gboolean
import_text (Fixture              *fixture,
             RapportStore         *store,
             const char           *contents,
             RapportImportResult  *result,
             GError              **error)
{
  g_autoptr(GFile) file = write_file (fixture, contents, -1);

  return rapport_import_backup (store, file, NULL, result, error);
}

/* The import checks references and values itself, with the database's
 * foreign keys and CHECK constraints off: what it wrote must pass them */
static void
assert_sound (RapportStore *store)
{
  sqlite3 *db = _rapport_store_get_db (store);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* A restore builds the search indexes apart and copies them in */
  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    {
      const char *table = rapport_store_tables[i].table;
      g_autofree char *check = g_strdup_printf ("INSERT INTO search_%s (search_%s) "
                                                "VALUES ('integrity-check')", table, table);

      g_assert_cmpint (sqlite3_exec (db, check, NULL, NULL, NULL), ==, SQLITE_OK);
    }
}

/* The rows of every table in the database file itself, without its
 * write-ahead log: what checkpoints have copied there; -1 while the file
 * is being written */
static int
count_rows_in_file (RapportStore *store)
{
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", rapport_store_get_path (store));
  g_autoptr(GString) sql = g_string_new ("SELECT 0");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    g_string_append_printf (sql, " + (SELECT count (*) FROM %s)", rapport_store_tables[i].table);

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    n = strstr (sqlite3_errmsg (db), "no such table") != NULL ? 0 : -1;
  else if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the database file holds @n_rows */
static void
wait_for_rows_in_file (RapportStore *store,
                       int           n_rows)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (count_rows_in_file (store) != n_rows && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_cmpint (count_rows_in_file (store), ==, n_rows);
}

/* Merging */

static void
set_updated_later (RapportStore  *store,
                   RapportRecord *record,
                   int            hours)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) later = g_date_time_add_hours (rapport_record_get_updated (record), hours);

  rapport_record_set_updated (record, later);
  _rapport_store_save_full (store, record, TRUE, &error);
  g_assert_no_error (error);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_merge_newer_wins (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) source_clients = rapport_store_list (fixture->source, RAPPORT_TYPE_CLIENT);
  g_autoptr(RapportClient) acme = g_list_model_get_item (source_clients, 0);
  g_autoptr(RapportClient) umbrella = g_list_model_get_item (source_clients, 1);
  g_autoptr(RapportClient) target_acme = NULL;
  g_autoptr(RapportClient) target_umbrella = NULL;
  g_autoptr(RapportInteraction) call = NULL;
  g_autoptr(GListModel) target_interactions = NULL;
  g_autofree char *second = NULL;
  RapportImportResult result;
  guint n_changes = 0;

  g_assert_cmpstr (rapport_client_get_name (acme), ==, "Acme Ltd");
  g_assert_cmpstr (rapport_client_get_name (umbrella), ==, "Umbrella Corp");

  g_assert_true (import_text (fixture, fixture->target, fixture->backup, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 20);
  g_assert_cmpuint (result.changed, ==, 0);
  g_assert_cmpuint (result.unchanged, ==, 0);
  assert_sound (fixture->target);

  /* Importing the same again changes nothing */
  g_assert_true (import_text (fixture, fixture->target, fixture->backup, &result, &error));
  g_assert_cmpuint (result.added, ==, 0);
  g_assert_cmpuint (result.changed, ==, 0);
  g_assert_cmpuint (result.unchanged, ==, 20);

  target_acme = rapport_store_load_by_uuid (fixture->target, RAPPORT_TYPE_CLIENT,
                                            rapport_record_get_uuid (RAPPORT_RECORD (acme)),
                                            &error);
  g_assert_no_error (error);
  target_umbrella = rapport_store_load_by_uuid (fixture->target, RAPPORT_TYPE_CLIENT,
                                                rapport_record_get_uuid (RAPPORT_RECORD (umbrella)),
                                                &error);
  g_assert_no_error (error);

  /* The source renames Acme later than the target's copy; the target
   * edits Umbrella later than the source does */
  rapport_client_set_name (acme, "Acme Renamed");
  set_updated_later (fixture->source, RAPPORT_RECORD (acme), 1);
  rapport_client_set_notes (umbrella, "Edited in the source");
  set_updated_later (fixture->source, RAPPORT_RECORD (umbrella), 1);
  rapport_client_set_notes (target_umbrella, "Edited in the target");
  set_updated_later (fixture->target, RAPPORT_RECORD (target_umbrella), 2);

  /* A new call with Umbrella, whose row the target keeps as its own */
  call = rapport_interaction_new (rapport_record_get_id (RAPPORT_RECORD (umbrella)));
  rapport_interaction_set_summary (call, "A new call");
  rapport_test_save (fixture->source, call);

  target_interactions = rapport_store_list (fixture->target, RAPPORT_TYPE_INTERACTION);
  g_assert_cmpuint (g_list_model_get_n_items (target_interactions), ==, 2);
  g_signal_connect (target_interactions, "items-changed", G_CALLBACK (items_changed_cb),
                    &n_changes);

  second = rapport_test_backup_text (fixture->source);
  g_assert_true (import_text (fixture, fixture->target, second, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 1);
  /* Acme only: Umbrella is newer in the target */
  g_assert_cmpuint (result.changed, ==, 1);
  g_assert_cmpuint (result.unchanged, ==, 19);

  /* Live objects and lists of the target show the merge at once */
  g_assert_cmpstr (rapport_client_get_name (target_acme), ==, "Acme Renamed");
  g_assert_cmpstr (rapport_client_get_notes (target_umbrella), ==, "Edited in the target");
  /* …but its last contact is the new call's, as the store keeps it */
  g_assert_true (rapport_date_time_equal (rapport_client_get_last_contact (target_umbrella),
                                          rapport_interaction_get_occurred_at (call)));
  g_assert_cmpuint (g_list_model_get_n_items (target_interactions), ==, 3);
  g_assert_cmpuint (n_changes, >, 0);
}

/* Bad input */

typedef enum
{
  SET,
  REMOVE,
} Edit;

/* Changes @member of row @index of @table in the backup text */
static char *
edit_backup (const char *backup,
             const char *table,
             guint       index,
             const char *member,
             Edit        edit,
             JsonNode   *value)
{
  g_autoptr(JsonNode) root = rapport_test_parse_json (backup);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *object = json_node_get_object (root);

  if (table != NULL)
    object = json_array_get_object_element (json_object_get_array_member (object, table), index);

  if (edit == REMOVE)
    json_object_remove_member (object, member);
  else
    json_object_set_member (object, member, value);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static JsonNode *
string_value (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

static void
assert_refused (Fixture    *fixture,
                GFile      *file,
                GQuark      domain,
                int         code,
                const char *place)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = rapport_test_backup_text (fixture->target);
  g_autofree char *after = NULL;
  RapportImportResult result = { 1, 1, 1 };

  g_assert_false (rapport_import_backup (fixture->target, file, NULL, &result, &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Nothing was imported from"));
  if (place != NULL && strstr (error->message, place) == NULL)
    g_error ("“%s” does not name %s", error->message, place);

  /* Exactly as it was */
  after = rapport_test_backup_text (fixture->target);
  g_assert_cmpstr (before, ==, after);
}

static void
assert_text_refused (Fixture    *fixture,
                     const char *text,
                     int         code,
                     const char *place)
{
  g_autoptr(GFile) file = write_file (fixture, text, -1);

  assert_refused (fixture, file, RAPPORT_IMPORT_ERROR, code, place);
}

static void
test_bad_malformed (Fixture       *fixture,
                    gconstpointer  data)
{
  assert_text_refused (fixture,
                       "{\n  \"format\": \"rapport-backup\",\n  \"clients\": [1, 2,, 3]\n}\n",
                       RAPPORT_IMPORT_ERROR_NOT_JSON, ":3:");
  assert_text_refused (fixture, "", RAPPORT_IMPORT_ERROR_NOT_JSON, NULL);
  assert_text_refused (fixture, "[]", RAPPORT_IMPORT_ERROR_FORMAT, NULL);
}

/* Rows are read one by one; errors inside them still name the place */
/* A backup cut short, as a copy or a download that stopped: the message
 * says so, instead of what json-glib makes of the last, partial row */
static void
test_bad_cut_short (Fixture       *fixture,
                    gconstpointer  data)
{
  gsize length = strlen (fixture->backup);
  /* Within a row's text, after a whole row, and without the last "}" */
  const gsize cuts[] = { length / 2, strstr (fixture->backup, "},\n") + 3 - fixture->backup,
                         length - 2 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autofree char *cut = g_strndup (fixture->backup, cuts[i]);

      assert_text_refused (fixture, cut, RAPPORT_IMPORT_ERROR_NOT_JSON, "ends too early");
    }

  /* A bracket that does not match is a mistake, not a file cut short */
  assert_text_refused (fixture, "{\"format\": [\"rapport-backup\"}\n",
                       RAPPORT_IMPORT_ERROR_NOT_JSON, "<data>:");
}

static void
test_bad_row_syntax (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GRegex) first_uuid = g_regex_new ("\"uuid\":\"", 0, 0, NULL);
  g_autofree char *broken_row = g_regex_replace_literal (first_uuid, fixture->backup, -1, 0,
                                                         "\"uuid\":tru\"", 0, NULL);
  g_autofree char *garbage = g_strconcat (fixture->backup, "x", NULL);
  g_autofree char *twice = g_strdup (fixture->backup);
  g_autofree char *scalar_row = NULL;
  g_autoptr(GString) escaped = g_string_new (fixture->backup);

  /* "form\u0061t" is "format": members are decoded, not compared as bytes */
  g_string_replace (escaped, "\"format\"", "\"form\\u0061t\"", 1);
  {
    g_autoptr(GFile) file = write_file (fixture, escaped->str, -1);
    g_autoptr(GError) error = NULL;

    g_assert_true (rapport_import_backup (fixture->target, file, NULL, NULL, &error));
    g_assert_no_error (error);
  }

  assert_text_refused (fixture, broken_row, RAPPORT_IMPORT_ERROR_NOT_JSON, ":7:");
  assert_text_refused (fixture, garbage, RAPPORT_IMPORT_ERROR_NOT_JSON, "<data>:");

  memcpy (strstr (twice, "\"deliverables\""), "\"interactions\"", strlen ("\"deliverables\""));
  assert_text_refused (fixture, twice, RAPPORT_IMPORT_ERROR_INVALID, "interactions appears twice");

  scalar_row = edit_backup (fixture->backup, NULL, 0, "feedback", SET,
                            json_node_init_int (json_node_alloc (), 0));
  assert_text_refused (fixture, scalar_row, RAPPORT_IMPORT_ERROR_INVALID, "feedback must be a list");
}

static void
test_bad_deeply_nested (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": \"rapport-backup\",\n\"clients\": ");

  /* Brackets inside strings do not count */
  g_string_append (text, "[{\"name\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}, ");
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "]}");

  assert_text_refused (fixture, text->str, RAPPORT_IMPORT_ERROR_NOT_JSON, "Line 2, column 97");
}

static void
test_bad_wrong_type (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = edit_backup (fixture->backup, "commitments", 2, "title", SET,
                                       json_node_init_int (json_node_alloc (), 5));
  g_autofree char *text2 = edit_backup (fixture->backup, "clients", 1, "confidential", SET,
                                        string_value ("yes"));
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *text3 = edit_backup (fixture->backup, NULL, 0, "lessons", SET,
                                        json_node_init_object (json_node_alloc (), object));

  assert_text_refused (fixture, text, RAPPORT_IMPORT_ERROR_INVALID, "commitments[2].title");
  assert_text_refused (fixture, text2, RAPPORT_IMPORT_ERROR_INVALID, "clients[1].confidential");
  assert_text_refused (fixture, text3, RAPPORT_IMPORT_ERROR_INVALID, "lessons");
}

static void
test_bad_format_and_version (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *format = edit_backup (fixture->backup, NULL, 0, "format", SET,
                                         string_value ("someone-else"));
  g_autofree char *summary = edit_backup (fixture->backup, NULL, 0, "format", SET,
                                          string_value ("rapport-summary"));
  g_autofree char *version = edit_backup (fixture->backup, NULL, 0, "format_version", SET,
                                          json_node_init_int (json_node_alloc (), 3));

  assert_text_refused (fixture, format, RAPPORT_IMPORT_ERROR_FORMAT, "someone-else");
  assert_text_refused (fixture, summary, RAPPORT_IMPORT_ERROR_FORMAT, "summary");
  assert_text_refused (fixture, version, RAPPORT_IMPORT_ERROR_VERSION, "version 3");
}

static void
test_bad_missing_and_unknown_member (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *missing = edit_backup (fixture->backup, "clients", 1, "name", REMOVE, NULL);
  g_autofree char *no_table = edit_backup (fixture->backup, NULL, 0, "feedback", REMOVE, NULL);
  g_autofree char *unknown = edit_backup (fixture->backup, "clients", 0, "colour", SET,
                                          string_value ("blue"));

  assert_text_refused (fixture, missing, RAPPORT_IMPORT_ERROR_INVALID, "clients[1].name");
  assert_text_refused (fixture, no_table, RAPPORT_IMPORT_ERROR_INVALID, "feedback");
  assert_text_refused (fixture, unknown, RAPPORT_IMPORT_ERROR_INVALID, "clients[0].colour");
}

static void
test_bad_utf8 (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *text = g_strdup (fixture->backup);
  char *where = strstr (text, "Acme Ltd");
  g_autoptr(GFile) file = NULL;

  g_assert_nonnull (where);
  where[1] = (char) 0xff;
  file = write_file (fixture, text, -1);
  assert_refused (fixture, file, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_ENCODING,
                  "Line 7, column");
}

static void
test_bad_duplicate_uuid (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) root = rapport_test_parse_json (fixture->backup);
  JsonArray *commitments = json_object_get_array_member (json_node_get_object (root),
                                                         "commitments");
  const char *uuid = json_object_get_string_member (json_array_get_object_element (commitments, 0),
                                                    "uuid");
  g_autofree char *text = edit_backup (fixture->backup, "commitments", 3, "uuid", SET,
                                       string_value (uuid));

  assert_text_refused (fixture, text, RAPPORT_IMPORT_ERROR_DUPLICATE, "commitments[3].uuid");
}

/* A member given twice in a row is refused, as at the top level: which
 * of the two values was meant cannot be known */
static void
test_bad_duplicate_member (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GString) again = g_string_new (fixture->backup);
  g_autoptr(GString) at_end = g_string_new (fixture->backup);

  g_assert_cmpuint (g_string_replace (again, "\"name\":\"Acme Ltd\"",
                                      "\"name\":\"Acme Ltd\",\"name\":\"Other\"", 1), ==, 1);
  assert_text_refused (fixture, again->str, RAPPORT_IMPORT_ERROR_INVALID,
                       "clients[0].name appears twice");

  /* Out of the usual order, and in the same spelling as the first */
  g_assert_cmpuint (g_string_replace (at_end, "\"name\":\"Acme Ltd\",",
                                      "\"name\":\"Acme Ltd\",\"n\\u0061me\":\"Acme Ltd\",", 1),
                    ==, 1);
  assert_text_refused (fixture, at_end->str, RAPPORT_IMPORT_ERROR_INVALID,
                       "clients[0].name appears twice");
}

/* A NUL character cannot be in a text: json-glib would cut it short */
static void
test_bad_nul_character (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (fixture->backup);
  g_autoptr(GString) escaped = g_string_new (fixture->backup);

  g_assert_cmpuint (g_string_replace (text, "\"Acme Ltd\"", "\"Acme\\u0000 Ltd\"", 1), ==, 1);
  assert_text_refused (fixture, text->str, RAPPORT_IMPORT_ERROR_INVALID, "clients[0]");

  /* An escaped backslash before "u0000" is only text, and imports */
  g_assert_cmpuint (g_string_replace (escaped, "\"Acme Ltd\"", "\"Acme\\\\u0000 Ltd\"", 1),
                    ==, 1);
  {
    g_autoptr(GFile) file = write_file (fixture, escaped->str, -1);
    g_autoptr(GError) error = NULL;
    RapportImportResult result;

    g_assert_true (rapport_import_backup (fixture->target, file, NULL, &result, &error));
    g_assert_no_error (error);
  }
}

static void
test_bad_values (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *date = edit_backup (fixture->backup, "commitments", 0, "due", SET,
                                       string_value ("2026-02-30"));
  g_autofree char *loose_date = edit_backup (fixture->backup, "lessons", 1, "occurred_on", SET,
                                             string_value (" 2026-06-07"));
  g_autofree char *moment = edit_backup (fixture->backup, "interactions", 1, "occurred_at", SET,
                                         string_value ("yesterday"));
  g_autofree char *nick = edit_backup (fixture->backup, "clients", 0, "channel", SET,
                                       string_value ("pigeon"));
  g_autofree char *uuid = edit_backup (fixture->backup, "clients", 2, "uuid", SET,
                                       string_value ("not-a-uuid"));
  g_autofree char *invalid = edit_backup (fixture->backup, "commitments", 0, "delivered_at", SET,
                                          json_node_init_null (json_node_alloc ()));

  assert_text_refused (fixture, date, RAPPORT_IMPORT_ERROR_INVALID, "commitments[0].due");
  assert_text_refused (fixture, loose_date, RAPPORT_IMPORT_ERROR_INVALID,
                       "lessons[1].occurred_on");
  /* The last row of the last table: everything before it was written, and
   * is rolled back */
  assert_text_refused (fixture, moment, RAPPORT_IMPORT_ERROR_INVALID,
                       "interactions[1].occurred_at");
  assert_text_refused (fixture, nick, RAPPORT_IMPORT_ERROR_INVALID, "clients[0].channel");
  assert_text_refused (fixture, uuid, RAPPORT_IMPORT_ERROR_INVALID, "clients[2].uuid");
  /* Delivered without a moment: the record's own rules apply */
  assert_text_refused (fixture, invalid, RAPPORT_IMPORT_ERROR_INVALID, "commitments[0]: ");
}

static void
test_bad_reference (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *text = edit_backup (fixture->backup, "lessons", 0, "feedback", SET,
                                       string_value (uuid));

  assert_text_refused (fixture, text, RAPPORT_IMPORT_ERROR_REFERENCE, "lessons[0].feedback");
}

static void
test_bad_too_large (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "huge.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* Sparse: takes no space, and must not be read */
  g_assert_true (g_file_set_contents (path, "{", -1, NULL));
  g_assert_cmpint (truncate (path, RAPPORT_IMPORT_MAX_BYTES + 1), ==, 0);
  assert_refused (fixture, file, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_TOO_LARGE, "1 GiB");
}

static void
test_bad_missing_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "nowhere.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  assert_refused (fixture, file, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "nowhere.json");
}

/* Notepad saves a backup with a byte-order mark */
static void
test_byte_order_mark (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *marked = g_strconcat ("\xef\xbb\xbf", fixture->backup, NULL);
  const char *marked_broken = "\xef\xbb\xbf{\"format\": ,}";
  RapportImportResult result;

  g_assert_true (import_text (fixture, fixture->target, marked, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 20);

  /* Places in messages are where an editor shows them */
  assert_text_refused (fixture, marked_broken, RAPPORT_IMPORT_ERROR_NOT_JSON, ":1:12:");
}

/* Pipes and devices */

typedef struct
{
  const char *path;
  const char *text;
} PipeWriter;

static gpointer
pipe_writer_thread (gpointer data)
{
  PipeWriter *writer = data;
  int fd = open (writer->path, O_WRONLY);
  gsize length = strlen (writer->text);
  gsize done = 0;

  g_assert_cmpint (fd, >=, 0);
  /* In pieces, so that the reader has to wait for the rest */
  while (done < length)
    {
      gssize n = write (fd, writer->text + done, MIN (length - done, 1000));

      if (n < 0)
        break;
      done += (gsize) n;
      g_usleep (1000);
    }
  close (fd);
  return NULL;
}

static void
test_pipe (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "pipe", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) null_device = g_file_new_for_path ("/dev/null");
  PipeWriter writer = { path, fixture->backup };
  GThread *thread;
  RapportImportResult result = { 0 };
  gboolean ok;
  int fd;

  /* A reader that gives up makes a write fail, not kill the test */
  signal (SIGPIPE, SIG_IGN);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  thread = g_thread_new ("pipe-writer", pipe_writer_thread, &writer);
  ok = rapport_import_backup (fixture->target, file, NULL, &result, &error);
  /* Lets the writer go, if the import never opened the pipe */
  fd = open (path, O_RDONLY | O_NONBLOCK);
  g_thread_join (thread);
  close (fd);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (result.added, ==, 20);
  assert_sound (fixture->target);

  /* A device is read too: this one holds nothing */
  assert_refused (fixture, null_device, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_NOT_JSON,
                  "The file is empty");
}

/* Asynchronous import */

typedef struct
{
  GMainLoop           *loop;
  GListModel          *clients;
  RapportImportResult  result;
  GError              *error;
  guint                n_clients_when_done;
  double               last_fraction;
} AsyncState;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  ((AsyncState *) user_data)->last_fraction = fraction;
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncState *state = user_data;

  /* The store is refreshed before the caller hears of it */
  state->n_clients_when_done = g_list_model_get_n_items (state->clients);
  rapport_import_backup_finish (RAPPORT_STORE (source), result, &state->result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, fixture->backup, -1);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GListModel) clients = rapport_store_list (fixture->target, RAPPORT_TYPE_CLIENT);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { loop, clients, { 0 }, NULL, 0, 0 };

  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);

  /* Cancelled: nothing changes */
  g_cancellable_cancel (cancellable);
  rapport_import_backup_async (fixture->target, file, cancellable, NULL, NULL, NULL,
                               import_done_cb, &state);
  g_main_loop_run (loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);

  rapport_import_backup_async (fixture->target, file, NULL, progress_cb, &state, NULL,
                               import_done_cb, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.result.added, ==, 20);
  /* Three clients of the backup are not in the trash */
  g_assert_cmpuint (state.n_clients_when_done, ==, 4);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);

  /* The import left its rows in the log; they reach the file in the
   * background, without a write or a close of the store's own */
  wait_for_rows_in_file (fixture->target, 21);
}

/* Restoring into an empty database: its search index is built after the
 * rows, with the triggers off, so check that it finds what it should and
 * that the schema comes back as the migrations made it */

static RapportStore *
open_empty_store (Fixture *fixture)
{
  g_autofree char *dir = g_build_filename (fixture->dir, "empty", NULL);

  return rapport_test_open_store (dir);
}

static char *
dump_schema (RapportStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_rapport_store_get_db (store),
                                       "SELECT type, name, tbl_name, sql FROM sqlite_master "
                                       "ORDER BY type, name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < 4; i++)
      g_string_append_printf (out, "%s%c", sqlite3_column_text (stmt, i), i < 3 ? '|' : '\n');
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static guint
count_found (RapportStore *store,
             GType         type,
             const char   *text)
{
  g_autoptr(GListModel) found = rapport_store_search (store, type, text);

  return g_list_model_get_n_items (found);
}

/* Edits after an import are indexed: the triggers are in place */
static void
assert_edits_searchable (RapportStore *store)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Zeppelin Airships");
  g_autoptr(RapportCommitment) commitment = rapport_test_add_commitment (store, client,
                                                                         "Hangar plans",
                                                                         "2030-01-10");

  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_CLIENT, "zeppelin"), ==, 1);
  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_COMMITMENT, "hangar"), ==, 1);

  rapport_commitment_set_title (commitment, "Mooring mast");
  rapport_test_save (store, commitment);
  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_COMMITMENT, "hangar"), ==, 0);
  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_COMMITMENT, "moor"), ==, 1);
}

static void
test_restore_searchable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = open_empty_store (fixture);
  g_autofree char *schema = dump_schema (store);
  g_autofree char *restored_schema = NULL;
  g_autofree char *restored = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(RapportClient) acme = NULL;
  RapportImportResult result;

  g_assert_true (import_text (fixture, store, fixture->backup, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 20);
  assert_sound (store);

  /* The same rows, the same schema */
  restored = rapport_test_backup_text (store);
  g_assert_cmpstr (restored, ==, fixture->backup);
  restored_schema = dump_schema (store);
  g_assert_cmpstr (restored_schema, ==, schema);

  /* Every kind of row is found by a word of its own */
  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_CLIENT, "acme"), ==, 1);
  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_CLIENT, "nemesis"), ==, 1);
  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_COMMITMENT, "brochure"), ==, 1);
  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_DELIVERABLE, "sketch"), ==, 1);
  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_RENEGOTIATION, "texts"), ==, 1);
  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_FEEDBACK, "bigger"), ==, 1);
  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_LESSON, "optimistic"), ==, 1);
  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_INTERACTION, "weekly"), ==, 1);

  /* A row indexed by the import leaves the index when it changes: the
   * text removed is the very text that was indexed */
  found = rapport_store_search (store, RAPPORT_TYPE_CLIENT, "acme");
  acme = g_list_model_get_item (found, 0);
  rapport_client_set_name (acme, "Renamed Ltd");
  rapport_client_set_company (acme, NULL);
  rapport_client_set_email (acme, NULL);
  rapport_test_save (store, acme);
  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_CLIENT, "acme"), ==, 0);
  g_assert_cmpuint (count_found (store, RAPPORT_TYPE_CLIENT, "renamed"), ==, 1);

  assert_edits_searchable (store);
}

/* An import's commit leaves its pages in the write-ahead log, however
 * many (a commit of over 1,000 pages made a checkpoint of its own), and
 * a checkpoint in a thread copies them into the file */
static void
test_restore_checkpoint (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *big_dir = g_build_filename (fixture->dir, "big", NULL);
  g_autoptr(RapportStore) big = rapport_test_open_store (big_dir);
  g_autoptr(RapportStore) store = open_empty_store (fixture);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *backup = NULL;
  g_autoptr(GAsyncResult) checkpointed = NULL;
  RapportImportResult result;
  int n_left = -1;

  /* About 1,300 pages of 4 KiB */
  while (notes->len < 16 * 1024)
    g_string_append_printf (notes, "note %" G_GSIZE_FORMAT " ", notes->len);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %u", i);
      g_autoptr(RapportClient) client = rapport_test_add_client (big, name);

      rapport_client_set_notes (client, notes->str);
      rapport_test_save (big, client);
    }
  backup = rapport_test_backup_text (big);

  g_assert_true (import_text (fixture, store, backup, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 300);
  g_assert_cmpint (count_rows_in_file (store), ==, 0);

  rapport_store_checkpoint_async (store, NULL, rapport_test_keep_result, &checkpointed);
  rapport_test_wait (&checkpointed);
  g_assert_true (rapport_store_checkpoint_finish (store, checkpointed, &n_left, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_left, ==, 0);
  g_assert_cmpint (count_rows_in_file (store), ==, 300);
  assert_sound (store);
}

static void
test_restore_failure_keeps_triggers (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = open_empty_store (fixture);
  g_autofree char *schema = dump_schema (store);
  g_autofree char *after_schema = NULL;
  g_autofree char *before = rapport_test_backup_text (store);
  g_autofree char *after = NULL;
  /* The last row of the last table: every other table is loaded by then */
  g_autofree char *text = edit_backup (fixture->backup, "interactions", 1, "occurred_at", SET,
                                       string_value ("yesterday"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RapportImportResult result;

  g_assert_false (import_text (fixture, store, text, &result, &error));
  g_assert_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "interactions[1].occurred_at"));

  after = rapport_test_backup_text (store);
  g_assert_cmpstr (after, ==, before);
  after_schema = dump_schema (store);
  g_assert_cmpstr (after_schema, ==, schema);

  /* Cancelled: the rows are read in a thread of their own, which stops */
  g_cancellable_cancel (cancellable);
  g_clear_error (&error);
  file = write_file (fixture, fixture->backup, -1);
  g_assert_false (rapport_import_backup (store, file, cancellable, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_pointer (&after, g_free);
  after = rapport_test_backup_text (store);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after_schema, g_free);
  after_schema = dump_schema (store);
  g_assert_cmpstr (after_schema, ==, schema);

  assert_edits_searchable (store);
}

/* UUIDs in upper case, as macOS's uuidgen prints them */

static gboolean
upper_case_cb (const GMatchInfo *match_info,
               GString          *result,
               gpointer          user_data)
{
  g_autofree char *uuid = g_match_info_fetch (match_info, 0);
  g_autofree char *upper = g_ascii_strup (uuid, -1);

  g_string_append (result, upper);
  return FALSE;
}

static char *
upper_case_uuids (const char *backup)
{
  g_autoptr(GRegex) uuid = g_regex_new ("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", 0, 0, NULL);

  return g_regex_replace_eval (uuid, backup, -1, 0, 0, upper_case_cb, NULL, NULL);
}

static void
test_merge_uuid_case (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) empty = open_empty_store (fixture);
  g_autofree char *upper = upper_case_uuids (fixture->backup);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *restored = NULL;
  g_autoptr(JsonNode) root = rapport_test_parse_json (fixture->backup);
  JsonArray *commitments = json_object_get_array_member (json_node_get_object (root),
                                                         "commitments");
  const char *uuid = json_object_get_string_member (json_array_get_object_element (commitments, 0),
                                                    "uuid");
  g_autofree char *upper_uuid = g_ascii_strup (uuid, -1);
  g_autofree char *both_cases = edit_backup (fixture->backup, "commitments", 3, "uuid", SET,
                                             string_value (upper_uuid));
  RapportImportResult result;

  g_assert_cmpstr (upper, !=, fixture->backup);
  g_assert_true (import_text (fixture, fixture->target, fixture->backup, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 20);

  /* Every row and every reference matches a row already there */
  before = rapport_test_backup_text (fixture->target);
  g_assert_true (import_text (fixture, fixture->target, upper, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 0);
  g_assert_cmpuint (result.changed, ==, 0);
  g_assert_cmpuint (result.unchanged, ==, 20);
  after = rapport_test_backup_text (fixture->target);
  g_assert_cmpstr (after, ==, before);

  /* A restore stores them in lower case */
  g_assert_true (import_text (fixture, empty, upper, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 20);
  restored = rapport_test_backup_text (empty);
  g_assert_cmpstr (restored, ==, fixture->backup);
  assert_sound (empty);

  /* One UUID in both cases is one UUID used twice */
  assert_text_refused (fixture, both_cases, RAPPORT_IMPORT_ERROR_DUPLICATE,
                       "commitments[3].uuid");
}

/* The first renegotiation of @backup, read back */
static JsonObject *
first_renegotiation (JsonNode *root)
{
  JsonArray *rows = json_object_get_array_member (json_node_get_object (root), "renegotiations");

  return json_array_get_object_element (rows, 0);
}

/* Format version 1 knew nothing of whether the client was told */
static void
test_version_1_renegotiations_told (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) empty = open_empty_store (fixture);
  g_autoptr(JsonNode) root = rapport_test_parse_json (fixture->backup);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *version_1 = NULL;
  g_autofree char *restored = NULL;
  g_autoptr(JsonNode) restored_root = NULL;
  g_autofree char *untold_v2 = edit_backup (fixture->backup, "renegotiations", 0, "client_told",
                                            REMOVE, NULL);
  g_autofree char *agreed_untold = edit_backup (fixture->backup, "renegotiations", 0,
                                                "client_told", SET,
                                                json_node_init_boolean (json_node_alloc (), FALSE));
  RapportImportResult result;

  json_object_set_int_member (json_node_get_object (root), "format_version", 1);
  json_object_remove_member (first_renegotiation (root), "client_told");
  json_object_set_boolean_member (first_renegotiation (root), "client_agreed", FALSE);
  json_generator_set_root (generator, root);
  version_1 = json_generator_to_data (generator, NULL);

  g_assert_true (import_text (fixture, empty, version_1, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 20);
  restored = rapport_test_backup_text (empty);
  restored_root = rapport_test_parse_json (restored);
  g_assert_true (json_object_get_boolean_member (first_renegotiation (restored_root),
                                                 "client_told"));
  g_assert_false (json_object_get_boolean_member (first_renegotiation (restored_root),
                                                  "client_agreed"));
  assert_sound (empty);

  /* Version 2 says it every time, and an agreement needs the client told */
  assert_text_refused (fixture, untold_v2, RAPPORT_IMPORT_ERROR_INVALID,
                       "renegotiations[0].client_told");
  assert_text_refused (fixture, agreed_untold, RAPPORT_IMPORT_ERROR_INVALID,
                       "was not told");
}

/* A backup brings a commitment of a client that is in the trash here: it
 * goes to the trash with its client, as if it had been there when the
 * client was trashed. Left out of it, the commitment was deleted without
 * a word when the trash was emptied. */
static void
test_merge_under_trashed_client (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->target, "Acme");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (fixture->target, client, "Leaflet", "2031-04-30");
  g_autofree char *backup = rapport_test_backup_text (fixture->target);
  g_autofree char *uuid = g_strdup (rapport_record_get_uuid (RAPPORT_RECORD (commitment)));
  g_autoptr(RapportCommitment) imported = NULL;
  g_autoptr(GError) error = NULL;

  (void) data;

  /* Here the commitment was deleted for good, then its client trashed */
  rapport_test_trash (fixture->target, commitment);
  g_assert_true (rapport_store_purge (fixture->target, RAPPORT_RECORD (commitment), &error));
  g_assert_no_error (error);
  g_clear_object (&commitment);
  rapport_test_trash (fixture->target, client);

  g_assert_true (import_text (fixture, fixture->target, backup, NULL, &error));
  g_assert_no_error (error);

  imported = rapport_store_load_by_uuid (fixture->target, RAPPORT_TYPE_COMMITMENT, uuid, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_record_is_trashed (RAPPORT_RECORD (imported)));
  g_assert_true (g_date_time_equal (rapport_record_get_deleted_at (RAPPORT_RECORD (imported)),
                                    rapport_record_get_deleted_at (RAPPORT_RECORD (client))));

  /* It comes back with its client */
  g_assert_true (rapport_store_restore (fixture->target, RAPPORT_RECORD (client), &error));
  g_assert_no_error (error);
  g_clear_object (&imported);
  imported = rapport_store_load_by_uuid (fixture->target, RAPPORT_TYPE_COMMITMENT, uuid, &error);
  g_assert_no_error (error);
  g_assert_false (rapport_record_is_trashed (RAPPORT_RECORD (imported)));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import/merge/newer-wins", test_merge_newer_wins);
  ADD ("/import/merge/uuid-any-case", test_merge_uuid_case);
  ADD ("/import/merge/under-trashed-client", test_merge_under_trashed_client);
  ADD ("/import/version-1/renegotiations-told", test_version_1_renegotiations_told);
  ADD ("/import/restore/searchable", test_restore_searchable);
  ADD ("/import/restore/checkpoint", test_restore_checkpoint);
  ADD ("/import/restore/failure-keeps-triggers", test_restore_failure_keeps_triggers);
  ADD ("/import/bad-input/malformed-json", test_bad_malformed);
  ADD ("/import/bad-input/cut-short", test_bad_cut_short);
  ADD ("/import/bad-input/nul-character", test_bad_nul_character);
  ADD ("/import/bad-input/deeply-nested", test_bad_deeply_nested);
  ADD ("/import/bad-input/row-syntax", test_bad_row_syntax);
  ADD ("/import/bad-input/wrong-type", test_bad_wrong_type);
  ADD ("/import/bad-input/format-and-version", test_bad_format_and_version);
  ADD ("/import/bad-input/missing-and-unknown-member", test_bad_missing_and_unknown_member);
  ADD ("/import/bad-input/invalid-utf8", test_bad_utf8);
  ADD ("/import/bad-input/duplicate-uuid", test_bad_duplicate_uuid);
  ADD ("/import/bad-input/duplicate-member", test_bad_duplicate_member);
  ADD ("/import/bad-input/bad-values", test_bad_values);
  ADD ("/import/bad-input/unknown-reference", test_bad_reference);
  ADD ("/import/bad-input/too-large", test_bad_too_large);
  ADD ("/import/bad-input/missing-file", test_bad_missing_file);
  ADD ("/import/byte-order-mark/skipped", test_byte_order_mark);
  ADD ("/import/pipe/reads-to-the-end", test_pipe);
  ADD ("/import/async/refreshes-store", test_async);

  return g_test_run ();
}
