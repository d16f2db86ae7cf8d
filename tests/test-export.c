/* test-export.c: summaries and backups as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include "rapport-export.h"
#include "rapport-import.h"
#include "rapport-test-data.h"

typedef struct
{
  char         *dir;
  RapportStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = rapport_test_make_dir ();
  fixture->store = rapport_test_open_store (fixture->dir);
  rapport_test_populate (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  rapport_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static char *
summary_text (Fixture       *fixture,
              RapportPeriod  period,
              gboolean       include_confidential)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GDateTime) now = rapport_test_moment (RAPPORT_TEST_NOW);

  g_assert_true (rapport_export_summary_to_stream (fixture->store, out, period,
                                                   include_confidential, now, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, &error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static JsonObject *
find_client (JsonObject *summary,
             const char *name)
{
  JsonArray *clients = json_object_get_array_member (summary, "clients");

  for (guint i = 0; i < json_array_get_length (clients); i++)
    {
      JsonObject *client = json_array_get_object_element (clients, i);

      if (g_strcmp0 (json_object_get_string_member (client, "name"), name) == 0)
        return client;
    }

  g_assert_not_reached ();
  return NULL;
}

static void
assert_figures (JsonObject *object,
                gint64      open,
                gint64      delivered,
                gint64      dropped,
                gint64      kept,
                gint64      late,
                gint64      dropped_decided,
                gint64      still_open,
                gint64      percent)
{
  JsonObject *commitments = json_object_get_object_member (object, "commitments");
  JsonObject *reliability = json_object_get_object_member (object, "reliability");

  g_assert_cmpint (json_object_get_int_member (commitments, "open"), ==, open);
  g_assert_cmpint (json_object_get_int_member (commitments, "delivered"), ==, delivered);
  g_assert_cmpint (json_object_get_int_member (commitments, "dropped"), ==, dropped);
  g_assert_cmpint (json_object_get_int_member (reliability, "kept"), ==, kept);
  g_assert_cmpint (json_object_get_int_member (reliability, "late"), ==, late);
  g_assert_cmpint (json_object_get_int_member (reliability, "dropped"), ==, dropped_decided);
  g_assert_cmpint (json_object_get_int_member (reliability, "open"), ==, still_open);
  if (percent < 0)
    g_assert_true (json_object_get_null_member (reliability, "percent"));
  else
    g_assert_cmpint (json_object_get_int_member (reliability, "percent"), ==, percent);
}

static void
test_summary_figures (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *text = summary_text (fixture, RAPPORT_PERIOD_ALL, TRUE);
  g_autoptr(JsonNode) root = rapport_test_parse_json (text);
  JsonObject *summary = json_node_get_object (root);
  JsonObject *overall = json_object_get_object_member (summary, "overall");
  JsonObject *period = json_object_get_object_member (summary, "period");
  JsonObject *acme;

  g_assert_cmpstr (json_object_get_string_member (summary, "format"), ==, "rapport-summary");
  g_assert_cmpint (json_object_get_int_member (summary, "format_version"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (summary, "generated"), ==, RAPPORT_TEST_NOW);
  g_assert_cmpstr (json_object_get_string_member (summary, "app_version"), ==, PACKAGE_VERSION);
  g_assert_cmpstr (json_object_get_string_member (period, "name"), ==, "all");
  g_assert_true (json_object_get_null_member (period, "from"));
  g_assert_cmpstr (json_object_get_string_member (period, "today"), ==, "2026-06-15");

  /* The trashed client and the trashed commitment count nowhere */
  g_assert_cmpint (json_object_get_int_member (overall, "clients"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (summary, "clients")),
                    ==, 3);
  g_assert_null (strstr (text, "Gone Client"));
  assert_figures (overall, 2, 3, 1, 2, 2, 1, 1, 40);
  g_assert_cmpint (json_object_get_int_member (overall, "open_feedback"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (overall, "lessons"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (overall, "apologies_owed"), ==, 1);

  acme = find_client (summary, "Acme Ltd");
  assert_figures (acme, 1, 2, 1, 2, 1, 1, 0, 50);
  g_assert_cmpint (json_object_get_int_member (acme, "open_feedback"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (acme, "lessons"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (acme, "apologies_owed"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (acme, "last_interaction"), ==,
                   "2026-06-14T10:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (acme, "email"), ==, "ana@acme.example");
  g_assert_false (json_object_get_boolean_member (acme, "redacted"));

  assert_figures (find_client (summary, "Umbrella Corp"), 1, 1, 0, 0, 1, 0, 1, 0);
  /* Nothing decided is no figure, not 0 % */
  assert_figures (find_client (summary, "Wayne Enterprises"), 0, 0, 0, 0, 0, 0, 0, -1);
  g_assert_true (json_object_get_null_member (find_client (summary, "Wayne Enterprises"),
                                              "last_interaction"));
}

static void
assert_date_changes (JsonObject *object,
                     gint64      agreed,
                     gint64      told,
                     gint64      not_told)
{
  JsonObject *changes = json_object_get_object_member (object, "date_changes");

  g_assert_nonnull (changes);
  g_assert_cmpint (json_object_get_int_member (changes, "agreed"), ==, agreed);
  g_assert_cmpint (json_object_get_int_member (changes, "told_not_agreed"), ==, told);
  g_assert_cmpint (json_object_get_int_member (changes, "not_told"), ==, not_told);
}

/* A move of @title's due date on @day, the client told or not */
static void
add_move (RapportStore *store,
          const char   *title,
          const char   *day,
          gboolean      told)
{
  g_autoptr(GListModel) commitments = rapport_store_list (store, RAPPORT_TYPE_COMMITMENT);
  g_autoptr(RapportRenegotiation) move = NULL;
  g_autoptr(GDate) old_due = rapport_test_date ("2026-08-01");
  g_autoptr(GDate) new_due = rapport_test_date ("2026-08-15");
  g_autofree char *moment = g_strdup_printf ("%sT12:00:00Z", day);
  g_autoptr(GDateTime) at = rapport_test_moment (moment);

  for (guint i = 0; i < g_list_model_get_n_items (commitments) && move == NULL; i++)
    {
      g_autoptr(RapportCommitment) commitment = g_list_model_get_item (commitments, i);

      if (g_str_equal (rapport_commitment_get_title (commitment), title))
        move = rapport_renegotiation_new (rapport_record_get_id (RAPPORT_RECORD (commitment)));
    }
  g_assert_nonnull (move);
  g_object_set (move, "old-due", old_due, "new-due", new_due, "reason", "Moved",
                "client-told", told, "renegotiated-at", at, NULL);
  rapport_test_save (store, move);
}

/* How dates moved, and whether the client knew: in the period, by the
 * day each moved */
static void
test_summary_date_changes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *all_text = NULL;
  g_autofree char *month_text = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) month = NULL;
  JsonObject *summary;

  add_move (fixture->store, "Audit", "2026-06-14", FALSE);
  add_move (fixture->store, "Brochure", "2026-03-01", TRUE);

  all_text = summary_text (fixture, RAPPORT_PERIOD_ALL, TRUE);
  all = rapport_test_parse_json (all_text);
  summary = json_node_get_object (all);
  assert_date_changes (json_object_get_object_member (summary, "overall"), 1, 1, 1);
  assert_date_changes (find_client (summary, "Acme Ltd"), 1, 1, 0);
  assert_date_changes (find_client (summary, "Umbrella Corp"), 0, 0, 1);
  assert_date_changes (find_client (summary, "Wayne Enterprises"), 0, 0, 0);

  /* The last 30 days to 2026-06-15: not the move of March */
  month_text = summary_text (fixture, RAPPORT_PERIOD_LAST_30, TRUE);
  month = rapport_test_parse_json (month_text);
  summary = json_node_get_object (month);
  assert_date_changes (json_object_get_object_member (summary, "overall"), 1, 0, 1);
  assert_date_changes (find_client (summary, "Acme Ltd"), 1, 0, 0);
}

static void
test_summary_period (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = summary_text (fixture, RAPPORT_PERIOD_LAST_30, TRUE);
  g_autoptr(JsonNode) root = rapport_test_parse_json (text);
  JsonObject *summary = json_node_get_object (root);
  JsonObject *period = json_object_get_object_member (summary, "period");

  g_assert_cmpstr (json_object_get_string_member (period, "name"), ==, "last-30");
  g_assert_cmpstr (json_object_get_string_member (period, "from"), ==, "2026-05-17");
  g_assert_cmpstr (json_object_get_string_member (period, "to"), ==, "2026-06-15");
  /* Umbrella's audit is due in July, after the period */
  assert_figures (json_object_get_object_member (summary, "overall"),
                  2, 3, 1, 2, 2, 1, 0, 40);
}

static void
test_summary_redacts_confidential (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *text = summary_text (fixture, RAPPORT_PERIOD_ALL, FALSE);
  g_autoptr(JsonNode) root = rapport_test_parse_json (text);
  JsonObject *summary = json_node_get_object (root);
  const char *secrets[] = {
    "Umbrella", "boss@umbrella.example", "+34 600 000 001", "Nemesis",
    "Wayne", "bruce@wayne.example", "+1 555 0100", "Night work",
  };
  JsonObject *first;
  JsonObject *second;

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (strstr (text, secrets[i]));

  g_assert_false (json_object_get_boolean_member (summary, "confidential_included"));
  first = find_client (summary, "Client 1");
  second = find_client (summary, "Client 2");
  g_assert_true (json_object_get_boolean_member (first, "redacted"));
  g_assert_true (json_object_get_boolean_member (first, "confidential"));
  g_assert_false (json_object_has_member (first, "uuid"));
  g_assert_false (json_object_has_member (first, "email"));
  /* Figures are kept: Client 1 is Umbrella, added first */
  assert_figures (first, 1, 1, 0, 0, 1, 0, 1, 0);
  assert_figures (second, 0, 0, 0, 0, 0, 0, 0, -1);
  /* Non-confidential clients are shown as they are */
  find_client (summary, "Acme Ltd");
}

static void
test_summary_pseudonyms_stable (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *before = summary_text (fixture, RAPPORT_PERIOD_ALL, FALSE);
  g_autofree char *again = summary_text (fixture, RAPPORT_PERIOD_ALL, FALSE);
  g_autofree char *after = NULL;
  g_autoptr(RapportClient) newer = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(RapportCommitment) work = NULL;

  g_assert_cmpstr (before, ==, again);

  /* A confidential client added later gets the next number; earlier ones
   * keep theirs */
  newer = rapport_test_add_confidential (fixture->store, "Stark Industries", NULL, NULL, NULL,
                                         NULL);
  work = rapport_test_add_done (fixture->store, newer, "Armour", "2026-06-01",
                                "2026-06-01T10:00:00Z");
  after = summary_text (fixture, RAPPORT_PERIOD_ALL, FALSE);
  root = rapport_test_parse_json (after);
  g_assert_null (strstr (after, "Stark"));
  assert_figures (find_client (json_node_get_object (root), "Client 1"), 1, 1, 0, 0, 1, 0, 1, 0);
  assert_figures (find_client (json_node_get_object (root), "Client 3"), 0, 1, 0, 1, 0, 0, 0, 100);
}

/* A confidential client in the trash is not in the summary: numbering
 * the others after it would tell that it exists */
static void
test_summary_pseudonyms_ignore_trash (Fixture       *fixture,
                                      gconstpointer  data)
{
  /* A database of its own, with only these clients */
  Fixture empty = { rapport_test_make_dir (), NULL };

  empty.store = rapport_test_open_store (empty.dir);
  {
    RapportStore *store = empty.store;
    g_autoptr(RapportClient) acme = rapport_test_add_client (store, "Acme Ltd");
    g_autoptr(RapportClient) trashed = rapport_test_add_confidential (store, "Old Secret", NULL,
                                                                      NULL, NULL, NULL);
    g_autoptr(RapportClient) umbrella = rapport_test_add_confidential (store, "Umbrella Corp",
                                                                       NULL, NULL, NULL, NULL);
    g_autoptr(RapportClient) wayne = rapport_test_add_confidential (store, "Wayne Enterprises",
                                                                    NULL, NULL, NULL, NULL);
    g_autoptr(RapportCommitment) armour = rapport_test_add_commitment (store, wayne, "Armour",
                                                                       "2030-01-10");
    g_autofree char *text = NULL;
    g_autoptr(JsonNode) root = NULL;
    g_autoptr(GString) names = g_string_new (NULL);
    JsonArray *clients;
    JsonObject *second;
    JsonObject *commitments;

    rapport_test_trash (store, trashed);
    text = summary_text (&empty, RAPPORT_PERIOD_ALL, FALSE);
    root = rapport_test_parse_json (text);
    clients = json_object_get_array_member (json_node_get_object (root), "clients");

    for (guint i = 0; i < json_array_get_length (clients); i++)
      {
        JsonObject *client = json_array_get_object_element (clients, i);

        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                json_object_get_string_member (client, "name"));
      }
    g_assert_cmpstr (names->str, ==, "Acme Ltd, Client 1, Client 2");

    /* Still numbered by creation: Client 2 is Wayne, with the commitment */
    second = json_array_get_object_element (clients, 2);
    commitments = json_object_get_object_member (second, "commitments");
    g_assert_true (json_object_get_boolean_member (second, "redacted"));
    g_assert_cmpint (json_object_get_int_member (commitments, "open"), ==, 1);
  }
  fixture_tear_down (&empty, NULL);
}

static void
test_summary_includes_confidential (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *text = summary_text (fixture, RAPPORT_PERIOD_ALL, TRUE);
  g_autoptr(JsonNode) root = rapport_test_parse_json (text);
  JsonObject *umbrella = find_client (json_node_get_object (root), "Umbrella Corp");

  g_assert_nonnull (strstr (text, "boss@umbrella.example"));
  g_assert_false (json_object_get_boolean_member (umbrella, "redacted"));
  g_assert_true (json_object_get_boolean_member (umbrella, "confidential"));
  g_assert_cmpstr (json_object_get_string_member (umbrella, "notes"), ==,
                   "Secret project Nemesis");
  g_assert_null (strstr (text, "\"Client 1\""));
}

static const char *
row_uuid (JsonObject *backup,
          const char *table,
          guint       index)
{
  JsonArray *rows = json_object_get_array_member (backup, table);

  return json_object_get_string_member (json_array_get_object_element (rows, index), "uuid");
}

static void
test_backup_contents (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *text = rapport_test_backup_text (fixture->store);
  g_autoptr(JsonNode) root = rapport_test_parse_json (text);
  JsonObject *backup = json_node_get_object (root);
  JsonArray *clients = json_object_get_array_member (backup, "clients");
  JsonArray *commitments = json_object_get_array_member (backup, "commitments");
  JsonObject *acme = json_array_get_object_element (clients, 0);
  JsonObject *gone = json_array_get_object_element (clients, 3);
  JsonObject *logo = json_array_get_object_element (commitments, 0);
  JsonObject *lesson = json_array_get_object_element (json_object_get_array_member (backup,
                                                                                     "lessons"), 0);
  JsonObject *renegotiation = json_array_get_object_element (
    json_object_get_array_member (backup, "renegotiations"), 0);

  g_assert_cmpstr (json_object_get_string_member (backup, "format"), ==, "rapport-backup");
  g_assert_cmpint (json_object_get_int_member (backup, "format_version"), ==, 2);

  /* Every row, trash included, without ids */
  g_assert_cmpuint (json_array_get_length (clients), ==, 4);
  g_assert_cmpuint (json_array_get_length (commitments), ==, 8);
  g_assert_false (json_object_has_member (acme, "id"));
  g_assert_true (json_object_get_null_member (acme, "deleted_at"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (gone, "deleted_at"), "Z"));
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (commitments, 7),
                                                   "deleted_at"));

  /* Relations by UUID, enums as nicks, dates and UTC moments */
  g_assert_cmpstr (json_object_get_string_member (logo, "client"), ==,
                   json_object_get_string_member (acme, "uuid"));
  g_assert_cmpstr (json_object_get_string_member (lesson, "feedback"), ==,
                   row_uuid (backup, "feedback", 0));
  g_assert_true (json_object_get_null_member (
    json_array_get_object_element (json_object_get_array_member (backup, "lessons"), 1),
    "client"));
  g_assert_cmpstr (json_object_get_string_member (acme, "channel"), ==, "video-call");
  g_assert_cmpint (json_object_get_int_member (acme, "cadence_days"), ==, 14);
  g_assert_false (json_object_get_boolean_member (acme, "confidential"));
  g_assert_cmpstr (json_object_get_string_member (acme, "last_contact"), ==,
                   "2026-06-14T10:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (acme, "notes"), ==,
                   "Prefers “short” calls\n\tand e-mail \\ émoji 🎉 \"quoted\"");
  g_assert_cmpstr (json_object_get_string_member (logo, "due"), ==, "2026-06-10");
  g_assert_cmpstr (json_object_get_string_member (logo, "status"), ==, "delivered");
  g_assert_cmpstr (json_object_get_string_member (logo, "delivered_at"), ==,
                   "2026-06-09T12:00:00Z");
  g_assert_true (json_object_get_boolean_member (renegotiation, "client_told"));
  g_assert_true (json_object_get_boolean_member (renegotiation, "client_agreed"));
  g_assert_cmpstr (json_object_get_string_member (renegotiation, "old_due"), ==, "2026-06-01");
  g_assert_cmpstr (json_object_get_string_member (lesson, "apology"), ==, "owed");
}

/* Export, import into a new database, export again: the same bytes but
 * for the time of the export */
static void
test_backup_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = rapport_test_backup_text (fixture->store);
  g_autofree char *second = NULL;
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "backup.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RapportStore) copy = NULL;
  g_autoptr(GRegex) generated = g_regex_new ("\"generated\": \"[^\"]*\"", 0, 0, NULL);
  g_autofree char *first_bare = NULL;
  g_autofree char *second_bare = NULL;
  RapportImportResult result;

  /* Through a file, written the way the app writes it */
  g_assert_true (rapport_export_backup (fixture->store, file, NULL, &error));
  g_assert_no_error (error);

  {
    g_autofree char *copy_dir = g_build_filename (dir, "copy", NULL);

    copy = rapport_test_open_store (copy_dir);
  }
  g_assert_true (rapport_import_backup (copy, file, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 4 + 8 + 1 + 1 + 2 + 2 + 2);
  g_assert_cmpuint (result.changed, ==, 0);

  second = rapport_test_backup_text (copy);
  g_assert_cmpstr (first, ==, second);

  /* And with the generated time left out, the file itself matches too */
  {
    g_autofree char *contents = NULL;

    g_file_get_contents (path, &contents, NULL, &error);
    g_assert_no_error (error);
    first_bare = g_regex_replace_literal (generated, contents, -1, 0, "", 0, NULL);
    second_bare = g_regex_replace_literal (generated, second, -1, 0, "", 0, NULL);
    g_assert_cmpstr (first_bare, ==, second_bare);
  }

  g_clear_object (&copy);
  rapport_test_remove_dir (dir);
}

static void
test_file_private_and_atomic (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "summary.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *contents = NULL;
  g_autoptr(GDir) handle = NULL;
  struct stat st;
  guint n_files = 0;

  g_assert_true (g_file_set_contents (path, "previous", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  g_assert_true (rapport_export_summary (fixture->store, file, RAPPORT_PERIOD_ALL, FALSE, NULL,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_true (g_str_has_prefix (contents, "{\n  \"format\": \"rapport-summary\""));
  g_clear_pointer (&contents, g_free);

  /* A cancelled export leaves the file as it was, and no temporary file */
  g_assert_true (g_file_set_contents (path, "previous", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (rapport_export_backup (fixture->store, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "previous");

  handle = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (handle) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  rapport_test_remove_dir (dir);
}

static void
test_file_unwritable_folder (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-rapport-folder/backup.json");

  g_assert_false (rapport_export_backup (fixture->store, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent-rapport-folder/backup.json"));
}

/* A destination whose name is as long as a name may be: the temporary
 * file's name must fit too, even where the name is in UTF-8 */
static void
test_file_longest_name (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *stems[] = { "x", "é" };

  for (guint i = 0; i < G_N_ELEMENTS (stems); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) name = g_string_new (NULL);
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GDir) handle = NULL;
      const char *left;

      while (name->len + strlen (stems[i]) <= 255 - strlen (".json"))
        g_string_append (name, stems[i]);
      g_string_append (name, ".json");
      path = g_build_filename (fixture->dir, name->str, NULL);
      file = g_file_new_for_path (path);

      g_assert_true (rapport_export_backup (fixture->store, file, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_cmpint (g_unlink (path), ==, 0);

      /* No temporary file left */
      handle = g_dir_open (fixture->dir, 0, NULL);
      while ((left = g_dir_read_name (handle)) != NULL)
        g_assert_false (g_str_has_prefix (left, "."));
    }
}

/* An export that does not fit on the disk names the file it could not
 * write, and leaves it as it was */
static void
test_file_full_disk (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *disk = g_build_filename (fixture->dir, "disk", NULL);
  g_autofree char *path = g_build_filename (disk, "backup.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *notes = g_strnfill (RAPPORT_LONG_TEXT_MAX - 1, 'n');
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) handle = NULL;
  const char *name;

  g_assert_cmpint (g_mkdir (disk, 0700), ==, 0);
  if (!rapport_test_mount_small_disk (disk))
    return;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RapportClient) client = rapport_client_new ("Too big for the disk");

      rapport_client_set_notes (client, notes);
      rapport_test_save (fixture->store, client);
    }

  g_assert_true (g_file_set_contents (path, "previous", -1, NULL));
  g_assert_false (rapport_export_backup (fixture->store, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, path));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "previous");
  handle = g_dir_open (disk, 0, NULL);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_assert_cmpstr (name, ==, "backup.json");

  umount2 (disk, MNT_DETACH);
}

/* An export never replaces the database it reads, nor its log files,
 * whatever the name it is given */
static void
test_file_not_the_database (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *database = rapport_store_get_path (fixture->store);
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  g_autofree char *dir = g_path_get_dirname (database);
  g_autofree char *base = g_path_get_basename (database);
  g_autofree char *roundabout = g_build_filename (dir, ".", base, NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  const char *paths[] = { database, wal, roundabout, link };
  g_autoptr(GListModel) clients = NULL;

  g_assert_cmpint (symlink (base, link), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      g_assert_false (rapport_export_backup (fixture->store, file, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "database"));
    }

  /* Still the database, whole */
  g_clear_object (&fixture->store);
  fixture->store = rapport_test_open_store (fixture->dir);
  clients = rapport_store_list (fixture->store, RAPPORT_TYPE_CLIENT);
  g_assert_cmpuint (g_list_model_get_n_items (clients), >, 0);
}

/* A link is kept and its target written; a named pipe is written into,
 * not replaced by a file */
static void
test_file_link_and_pipe (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *target = g_build_filename (dir, "target.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  g_autoptr(GFile) fifo_file = g_file_new_for_path (fifo);
  g_autofree char *contents = NULL;
  const char *argv[] = { "cat", fifo, NULL };
  g_autoptr(GSubprocess) reader = NULL;
  g_autoptr(GBytes) read = NULL;
  struct stat st;

  g_assert_true (g_file_set_contents (target, "previous", -1, NULL));
  g_assert_cmpint (symlink ("target.json", link), ==, 0);
  g_assert_true (rapport_export_backup (fixture->store, link_file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_file_get_contents (target, &contents, NULL, &error);
  g_assert_true (g_str_has_prefix (contents, "{\n  \"format\": \"rapport-backup\""));

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  reader = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_export_summary (fixture->store, fifo_file, RAPPORT_PERIOD_ALL, FALSE,
                                         NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (reader, NULL, NULL, &read, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (read, NULL),
                                   "{\n  \"format\": \"rapport-summary\""));
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  rapport_test_remove_dir (dir);
}

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  guint      n_progress;
  double     last_fraction;
  gboolean   progress_freed;
} AsyncState;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_cmpfloat (fraction, >=, state->last_fraction);
  state->last_fraction = fraction;
  state->n_progress++;
}

static void
progress_freed_cb (gpointer user_data)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  ((AsyncState *) user_data)->progress_freed = TRUE;
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncState *state = user_data;

  rapport_export_backup_finish (RAPPORT_STORE (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async_progress_and_cancel (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "backup.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { loop, NULL, 0, 0, FALSE };

  rapport_export_backup_async (fixture->store, file, NULL, progress_cb, &state,
                               progress_freed_cb, backup_done_cb, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* The worker may let go of the progress data just after it finished;
   * that data is still freed here, in this thread's context */
  while (!state.progress_freed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (state.n_progress, >, 0);
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);

  g_unlink (path);
  g_cancellable_cancel (cancellable);
  rapport_export_backup_async (fixture->store, file, cancellable, NULL, NULL, NULL,
                               backup_done_cb, &state);
  g_main_loop_run (loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&state.error);

  rapport_test_remove_dir (dir);
}

static void
summary_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AsyncState *state = user_data;

  rapport_export_summary_finish (RAPPORT_STORE (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async_summary_progress (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "summary.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *contents = NULL;
  AsyncState state = { loop, NULL, 0, 0, FALSE };

  rapport_export_summary_async (fixture->store, file, RAPPORT_PERIOD_LAST_30, TRUE, NULL,
                                progress_cb, &state, progress_freed_cb, summary_done_cb, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  while (!state.progress_freed)
    g_main_context_iteration (NULL, TRUE);

  /* Client by client: three of them */
  g_assert_cmpuint (state.n_progress, ==, 3);
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_nonnull (strstr (contents, "\"name\":\"last-30\""));

  rapport_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/export/summary/figures", test_summary_figures);
  ADD ("/export/summary/period", test_summary_period);
  ADD ("/export/summary/date-changes", test_summary_date_changes);
  ADD ("/export/summary/redacts-confidential", test_summary_redacts_confidential);
  ADD ("/export/summary/pseudonyms-are-stable", test_summary_pseudonyms_stable);
  ADD ("/export/summary/pseudonyms-ignore-trash", test_summary_pseudonyms_ignore_trash);
  ADD ("/export/summary/includes-confidential-on-request", test_summary_includes_confidential);
  ADD ("/export/backup/contents", test_backup_contents);
  ADD ("/export/backup/round-trip", test_backup_round_trip);
  ADD ("/export/file/private-and-atomic", test_file_private_and_atomic);
  ADD ("/export/file/unwritable-folder", test_file_unwritable_folder);
  ADD ("/export/file/not-the-database", test_file_not_the_database);
  ADD ("/export/file/longest-name", test_file_longest_name);
  ADD ("/export/file/full-disk", test_file_full_disk);
  ADD ("/export/file/link-and-pipe", test_file_link_and_pipe);
  ADD ("/export/async/progress-and-cancel", test_async_progress_and_cancel);
  ADD ("/export/async/summary-progress-per-client", test_async_summary_progress);

  return g_test_run ();
}
