/* test-summary-redaction.c: the pseudonyms of confidential clients in a summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rapport-export.h"
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
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  rapport_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* A summary of all time, confidential clients redacted */
static JsonNode *
redacted_summary (RapportStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GDateTime) now = rapport_test_moment (RAPPORT_TEST_NOW);
  g_autofree char *text = NULL;

  g_assert_true (rapport_export_summary_to_stream (store, out, RAPPORT_PERIOD_ALL, FALSE, now,
                                                   NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, &error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  return rapport_test_parse_json (text);
}

/* A confidential client in the trash is not in the summary: numbering
 * the others after it would tell that it exists */
static void
test_pseudonyms_ignore_trash (Fixture       *fixture,
                              gconstpointer  data)
{
  RapportStore *store = fixture->store;
  g_autoptr(RapportClient) acme = rapport_test_add_client (store, "Acme Ltd");
  g_autoptr(RapportClient) trashed = rapport_test_add_confidential (store, "Old Secret", NULL,
                                                                    NULL, NULL, NULL);
  g_autoptr(RapportClient) umbrella = rapport_test_add_confidential (store, "Umbrella Corp", NULL,
                                                                     NULL, NULL, NULL);
  g_autoptr(RapportClient) wayne = rapport_test_add_confidential (store, "Wayne Enterprises",
                                                                  NULL, NULL, NULL, NULL);
  g_autoptr(RapportCommitment) armour = rapport_test_add_commitment (store, wayne, "Armour",
                                                                     "2030-01-10");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  JsonArray *clients;
  JsonObject *second;
  JsonObject *commitments;

  rapport_test_trash (store, trashed);
  root = redacted_summary (store);
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

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export/summary/pseudonyms-ignore-trash", Fixture, NULL, fixture_set_up,
              test_pseudonyms_ignore_trash, fixture_tear_down);

  return g_test_run ();
}
