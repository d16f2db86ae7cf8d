/* test-store.c: saving, loading, trashing and restoring every entity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "rapport-test-util.h"

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
fixture_reopen (Fixture *fixture)
{
  g_clear_object (&fixture->store);
  fixture->store = rapport_test_open_store (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  rapport_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static GDate *
date (const char *iso)
{
  return rapport_date_parse (iso, NULL);
}

/* Compares every property of two records of the same type */
static void
assert_same_record (gpointer a,
                    gpointer b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (a, pspecs[i]->name, &va);
      g_object_get_property (b, pspecs[i]->name, &vb);

      if (pspecs[i]->value_type == G_TYPE_DATE_TIME)
        g_assert_true (rapport_date_time_equal (g_value_get_boxed (&va), g_value_get_boxed (&vb)));
      else if (pspecs[i]->value_type == G_TYPE_DATE)
        g_assert_true (rapport_date_equal (g_value_get_boxed (&va), g_value_get_boxed (&vb)));
      else if (g_param_values_cmp (pspecs[i], &va, &vb) != 0)
        g_error ("Property %s differs after reload", pspecs[i]->name);
    }
}

static void
test_client_save_and_reload (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_client_new ("Estudio Ñandú");
  g_autoptr(RapportClient) reloaded = NULL;
  g_autoptr(GDateTime) contact = g_date_time_new_utc (2026, 11, 2, 9, 0, 0);
  gint64 id;

  rapport_client_set_company (client, "Ñandú S.L.");
  rapport_client_set_email (client, "hola@nandu.example");
  rapport_client_set_phone (client, "+34 600 000 000");
  rapport_client_set_channel (client, RAPPORT_CHANNEL_VIDEO_CALL);
  rapport_client_set_cadence_days (client, 7);
  rapport_client_set_status (client, RAPPORT_CLIENT_STATUS_PAUSED);
  rapport_client_set_confidential (client, TRUE);
  rapport_client_set_notes (client, "Prefiere llamadas por la mañana; 'quotes' and \"; DROP TABLE clients; --");
  rapport_client_set_last_contact (client, contact);

  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_no_error (error);
  id = rapport_record_get_id (RAPPORT_RECORD (client));
  g_assert_cmpint (id, >, 0);

  fixture_reopen (fixture);

  reloaded = rapport_store_load (fixture->store, RAPPORT_TYPE_CLIENT, id, &error);
  g_assert_no_error (error);
  g_assert_true (reloaded != client);
  assert_same_record (client, reloaded);
}

static void
test_client_edit (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Old name");
  g_autoptr(RapportClient) reloaded = NULL;
  g_autoptr(GDateTime) created = g_date_time_ref (rapport_record_get_created (RAPPORT_RECORD (client)));
  gint64 id = rapport_record_get_id (RAPPORT_RECORD (client));

  rapport_client_set_name (client, "New name");
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_record_get_id (RAPPORT_RECORD (client)), ==, id);
  g_clear_object (&client);

  fixture_reopen (fixture);
  reloaded = rapport_store_load (fixture->store, RAPPORT_TYPE_CLIENT, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_client_get_name (reloaded), ==, "New name");
  g_assert_true (g_date_time_equal (created, rapport_record_get_created (RAPPORT_RECORD (reloaded))));
}

static void
test_invalid_is_not_written (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Kept");
  g_autoptr(RapportClient) blank = rapport_client_new ("");
  g_autoptr(RapportClient) reloaded = NULL;
  g_autoptr(GListModel) clients = NULL;
  gint64 id = rapport_record_get_id (RAPPORT_RECORD (client));

  g_assert_false (rapport_store_save (fixture->store, RAPPORT_RECORD (blank), &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_BLANK);
  g_assert_cmpint (rapport_record_get_id (RAPPORT_RECORD (blank)), ==, 0);
  g_clear_error (&error);

  rapport_client_set_name (client, " ");
  g_assert_false (rapport_store_save (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_BLANK);
  g_clear_error (&error);
  g_clear_object (&client);

  fixture_reopen (fixture);
  reloaded = rapport_store_load (fixture->store, RAPPORT_TYPE_CLIENT, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_client_get_name (reloaded), ==, "Kept");
  clients = rapport_store_list (fixture->store, RAPPORT_TYPE_CLIENT);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);
}

static void
test_every_entity_round_trip (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportCommitment) commitment = NULL;
  g_autoptr(RapportDeliverable) deliverable = NULL;
  g_autoptr(RapportRenegotiation) renegotiation = NULL;
  g_autoptr(RapportFeedback) feedback = NULL;
  g_autoptr(RapportLesson) lesson = NULL;
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(GDate) agreed = date ("2026-10-01");
  g_autoptr(GDate) due = date ("2026-11-30");
  g_autoptr(GDate) new_due = date ("2026-12-07");
  g_autoptr(GDateTime) moment = g_date_time_new_utc (2026, 11, 20, 16, 45, 0);
  gint64 client_id = rapport_record_get_id (RAPPORT_RECORD (client));
  RapportRecord *records[6];

  commitment = rapport_commitment_new (client_id, "Redesign the website");
  rapport_commitment_set_details (commitment, "Home, blog and contact pages");
  rapport_commitment_set_agreed_on (commitment, agreed);
  rapport_commitment_set_due (commitment, due);
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (commitment), &error));
  g_assert_no_error (error);

  deliverable = rapport_deliverable_new (rapport_record_get_id (RAPPORT_RECORD (commitment)),
                                         "Home page");
  rapport_deliverable_set_due (deliverable, agreed);
  rapport_deliverable_set_delivered_at (deliverable, moment);

  renegotiation = rapport_renegotiation_new (rapport_record_get_id (RAPPORT_RECORD (commitment)));
  rapport_renegotiation_set_old_due (renegotiation, due);
  rapport_renegotiation_set_new_due (renegotiation, new_due);
  rapport_renegotiation_set_reason (renegotiation, "Texts arrived late");
  rapport_renegotiation_set_client_agreed (renegotiation, TRUE);
  rapport_renegotiation_set_renegotiated_at (renegotiation, moment);

  feedback = rapport_feedback_new (client_id, "The blog is hard to read on phones");
  rapport_feedback_set_commitment_id (feedback, rapport_record_get_id (RAPPORT_RECORD (commitment)));
  rapport_feedback_set_received_at (feedback, moment);
  rapport_feedback_set_kind (feedback, RAPPORT_FEEDBACK_KIND_CRITICISM);
  rapport_feedback_set_response (feedback, "Thanks, I'll fix the font size");
  rapport_feedback_set_status (feedback, RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED);
  rapport_feedback_set_acknowledged_at (feedback, moment);

  lesson = rapport_lesson_new ("Did not test on a phone");
  rapport_lesson_set_client_id (lesson, client_id);
  rapport_lesson_set_occurred_on (lesson, agreed);
  rapport_lesson_set_cause (lesson, "Rushed the last day");
  rapport_lesson_set_prevention (lesson, "Check on a phone before every delivery");
  rapport_lesson_set_apology (lesson, RAPPORT_APOLOGY_OWED);
  rapport_lesson_set_tags (lesson, "testing, mobile");

  interaction = rapport_interaction_new (client_id);
  rapport_interaction_set_occurred_at (interaction, moment);
  rapport_interaction_set_channel (interaction, RAPPORT_CHANNEL_PHONE);
  rapport_interaction_set_summary (interaction, "Weekly call");

  records[0] = RAPPORT_RECORD (commitment);
  records[1] = RAPPORT_RECORD (deliverable);
  records[2] = RAPPORT_RECORD (renegotiation);
  records[3] = RAPPORT_RECORD (feedback);
  records[4] = RAPPORT_RECORD (lesson);
  records[5] = RAPPORT_RECORD (interaction);

  for (guint i = 1; i < G_N_ELEMENTS (records); i++)
    {
      g_assert_true (rapport_store_save (fixture->store, records[i], &error));
      g_assert_no_error (error);
    }

  /* Saving an interaction keeps the client's last contact */
  g_assert_true (rapport_date_time_equal (rapport_client_get_last_contact (client), moment));

  fixture_reopen (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autoptr(RapportRecord) reloaded = NULL;

      reloaded = rapport_store_load (fixture->store, G_OBJECT_TYPE (records[i]),
                                     rapport_record_get_id (records[i]), &error);
      g_assert_no_error (error);
      assert_same_record (records[i], reloaded);
    }

  {
    g_autoptr(RapportClient) reloaded = rapport_store_load (fixture->store, RAPPORT_TYPE_CLIENT,
                                                            client_id, &error);
    g_assert_no_error (error);
    g_assert_true (rapport_date_time_equal (rapport_client_get_last_contact (reloaded), moment));
  }
}

static void
test_one_live_object (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Live");
  g_autoptr(RapportClient) again = NULL;
  g_autoptr(RapportClient) by_uuid = NULL;
  gint64 id = rapport_record_get_id (RAPPORT_RECORD (client));

  again = rapport_store_load (fixture->store, RAPPORT_TYPE_CLIENT, id, &error);
  g_assert_no_error (error);
  g_assert_true (again == client);

  by_uuid = rapport_store_load_by_uuid (fixture->store, RAPPORT_TYPE_CLIENT,
                                        rapport_record_get_uuid (RAPPORT_RECORD (client)), &error);
  g_assert_no_error (error);
  g_assert_true (by_uuid == client);
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = NULL;

  client = rapport_store_load (fixture->store, RAPPORT_TYPE_CLIENT, 4242, &error);
  g_assert_null (client);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
}

static void
test_missing_reference (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (999);

  g_assert_false (rapport_store_save (fixture->store, RAPPORT_RECORD (interaction), &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (rapport_record_get_id (RAPPORT_RECORD (interaction)), ==, 0);
}

static void
test_duplicate_uuid (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) a = rapport_test_add_client (fixture->store, "A");
  g_autoptr(RapportClient) b = rapport_client_new ("B");

  rapport_record_set_uuid (RAPPORT_RECORD (b), rapport_record_get_uuid (RAPPORT_RECORD (a)));
  g_assert_false (rapport_store_save (fixture->store, RAPPORT_RECORD (b), &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CONSTRAINT);
}

static void
test_trash_cascades_and_restores (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportClient) other = rapport_test_add_client (fixture->store, "Other");
  g_autoptr(RapportCommitment) commitment = rapport_test_add_commitment (fixture->store, client,
                                                                         "Logo", "2026-12-01");
  g_autoptr(RapportCommitment) kept = rapport_test_add_commitment (fixture->store, other,
                                                                   "Flyer", "2026-12-02");
  g_autoptr(RapportDeliverable) deliverable = NULL;
  g_autoptr(RapportCommitment) earlier = NULL;
  g_autoptr(GListModel) commitments = rapport_store_list (fixture->store, RAPPORT_TYPE_COMMITMENT);
  g_autoptr(GListModel) trash = rapport_store_list_trash (fixture->store, RAPPORT_TYPE_COMMITMENT);
  gint64 client_id = rapport_record_get_id (RAPPORT_RECORD (client));
  gint64 commitment_id = rapport_record_get_id (RAPPORT_RECORD (commitment));

  deliverable = rapport_deliverable_new (commitment_id, "Sketches");
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (deliverable), &error));

  /* A commitment trashed on its own earlier stays trashed when the client comes back */
  earlier = rapport_test_add_commitment (fixture->store, client, "Cards", "2026-12-03");
  g_assert_true (rapport_store_trash (fixture->store, RAPPORT_RECORD (earlier), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 1);

  g_assert_true (rapport_store_trash (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_no_error (error);
  g_assert_true (rapport_record_is_trashed (RAPPORT_RECORD (client)));
  g_assert_true (rapport_record_is_trashed (RAPPORT_RECORD (commitment)));
  g_assert_true (rapport_record_is_trashed (RAPPORT_RECORD (deliverable)));
  g_assert_false (rapport_record_is_trashed (RAPPORT_RECORD (kept)));
  g_assert_cmpuint (g_list_model_get_n_items (commitments), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 2);

  /* A child cannot come back while its parent is in the trash */
  g_assert_false (rapport_store_restore (fixture->store, RAPPORT_RECORD (commitment), &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The trash survives a restart */
  g_clear_object (&commitments);
  g_clear_object (&trash);
  g_clear_object (&client);
  g_clear_object (&other);
  g_clear_object (&commitment);
  g_clear_object (&kept);
  g_clear_object (&deliverable);
  g_clear_object (&earlier);
  fixture_reopen (fixture);

  client = rapport_store_load (fixture->store, RAPPORT_TYPE_CLIENT, client_id, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_record_is_trashed (RAPPORT_RECORD (client)));

  g_assert_true (rapport_store_restore (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_no_error (error);
  g_assert_false (rapport_record_is_trashed (RAPPORT_RECORD (client)));

  commitment = rapport_store_load (fixture->store, RAPPORT_TYPE_COMMITMENT, commitment_id, &error);
  g_assert_no_error (error);
  g_assert_false (rapport_record_is_trashed (RAPPORT_RECORD (commitment)));

  commitments = rapport_store_list_children (fixture->store, RAPPORT_TYPE_COMMITMENT,
                                             "client-id", client_id);
  g_assert_cmpuint (g_list_model_get_n_items (commitments), ==, 1);
  trash = rapport_store_list_trash (fixture->store, RAPPORT_TYPE_COMMITMENT);
  g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 1);
}

static void
test_purge_only_from_trash (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Gone");
  g_autoptr(RapportCommitment) commitment = rapport_test_add_commitment (fixture->store, client,
                                                                         "Logo", "2026-12-01");
  g_autoptr(RapportFeedback) feedback = NULL;
  g_autoptr(RapportClient) again = NULL;
  gint64 client_id = rapport_record_get_id (RAPPORT_RECORD (client));
  gint64 commitment_id = rapport_record_get_id (RAPPORT_RECORD (commitment));

  feedback = rapport_feedback_new (client_id, "Nice");
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (feedback), &error));

  g_assert_false (rapport_store_purge (fixture->store, RAPPORT_RECORD (commitment), &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (rapport_store_trash (fixture->store, RAPPORT_RECORD (commitment), &error));
  g_assert_true (rapport_store_purge (fixture->store, RAPPORT_RECORD (commitment), &error));
  g_assert_no_error (error);

  /* Even while the old object is still held somewhere */
  {
    g_autoptr(RapportCommitment) purged = rapport_store_load (fixture->store, RAPPORT_TYPE_COMMITMENT,
                                                           commitment_id, &error);

    g_assert_null (purged);
    g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_clear_object (&commitment);

  /* Emptying the trash takes the client and everything it owned */
  g_assert_true (rapport_store_trash (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_true (rapport_store_empty_trash (fixture->store, &error));
  g_assert_no_error (error);
  g_clear_object (&client);
  g_clear_object (&feedback);

  again = rapport_store_load (fixture->store, RAPPORT_TYPE_CLIENT, client_id, &error);
  g_assert_null (again);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
}

static void
test_purged_cannot_be_saved (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Gone");

  g_assert_true (rapport_store_trash (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_true (rapport_store_purge (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_no_error (error);

  rapport_client_set_name (client, "Back?");
  g_assert_false (rapport_store_save (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
}

static void
test_interaction_trash_updates_last_contact (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportInteraction) first = rapport_interaction_new (rapport_record_get_id (RAPPORT_RECORD (client)));
  g_autoptr(RapportInteraction) second = rapport_interaction_new (rapport_record_get_id (RAPPORT_RECORD (client)));
  g_autoptr(GDateTime) t1 = g_date_time_new_utc (2026, 1, 1, 10, 0, 0);
  g_autoptr(GDateTime) t2 = g_date_time_new_utc (2026, 2, 1, 10, 0, 0);

  rapport_interaction_set_occurred_at (first, t1);
  rapport_interaction_set_occurred_at (second, t2);
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (first), &error));
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (second), &error));
  g_assert_no_error (error);
  g_assert_true (rapport_date_time_equal (rapport_client_get_last_contact (client), t2));

  g_assert_true (rapport_store_trash (fixture->store, RAPPORT_RECORD (second), &error));
  g_assert_true (rapport_date_time_equal (rapport_client_get_last_contact (client), t1));

  g_assert_true (rapport_store_restore (fixture->store, RAPPORT_RECORD (second), &error));
  g_assert_true (rapport_date_time_equal (rapport_client_get_last_contact (client), t2));
  g_assert_no_error (error);
}

/* Moving a contact to another client gives it back to the first: each
 * client's last contact is its own newest, live and after reopening */
static void
test_interaction_moved_updates_both_clients (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) acme = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportClient) umbrella = rapport_test_add_client (fixture->store, "Umbrella");
  gint64 acme_id = rapport_record_get_id (RAPPORT_RECORD (acme));
  gint64 umbrella_id = rapport_record_get_id (RAPPORT_RECORD (umbrella));
  g_autoptr(RapportInteraction) call = rapport_interaction_new (acme_id);
  g_autoptr(GDateTime) moment = g_date_time_new_utc (2026, 3, 2, 9, 30, 0);

  rapport_interaction_set_occurred_at (call, moment);
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (call), &error));
  g_assert_no_error (error);
  g_assert_true (rapport_date_time_equal (rapport_client_get_last_contact (acme), moment));

  rapport_interaction_set_client_id (call, umbrella_id);
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (call), &error));
  g_assert_no_error (error);
  g_assert_null (rapport_client_get_last_contact (acme));
  g_assert_true (rapport_date_time_equal (rapport_client_get_last_contact (umbrella), moment));

  g_clear_object (&acme);
  g_clear_object (&umbrella);
  g_clear_object (&call);
  fixture_reopen (fixture);

  acme = rapport_store_load (fixture->store, RAPPORT_TYPE_CLIENT, acme_id, &error);
  g_assert_no_error (error);
  g_assert_null (rapport_client_get_last_contact (acme));
  umbrella = rapport_store_load (fixture->store, RAPPORT_TYPE_CLIENT, umbrella_id, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_date_time_equal (rapport_client_get_last_contact (umbrella), moment));
}

static void
test_status_transition_checked_against_saved (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportCommitment) commitment = rapport_test_add_commitment (fixture->store, client,
                                                                         "Logo", "2026-12-01");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 id = rapport_record_get_id (RAPPORT_RECORD (commitment));

  rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (commitment, now);
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (commitment), &error));
  g_assert_no_error (error);
  g_clear_object (&commitment);

  fixture_reopen (fixture);
  commitment = rapport_store_load (fixture->store, RAPPORT_TYPE_COMMITMENT, id, &error);
  g_assert_no_error (error);

  rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DROPPED);
  rapport_commitment_set_drop_reason (commitment, "Changed my mind");
  g_assert_false (rapport_store_save (fixture->store, RAPPORT_RECORD (commitment), &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_TRANSITION);
  g_clear_error (&error);

  rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_OPEN);
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (commitment), &error));
  g_assert_no_error (error);
  rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DROPPED);
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (commitment), &error));
  g_assert_no_error (error);
}

static void
test_hostile_text_stored_exactly (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char *texts[] = {
    "Robert'); DROP TABLE clients;--",
    "مرحبا بالعالم",
    "👩‍💻 Zoë «Ñ» \u202Eevil",
    "%s %n %x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, texts[i]);
      gint64 id = rapport_record_get_id (RAPPORT_RECORD (client));
      g_autoptr(RapportClient) reloaded = NULL;

      g_clear_object (&client);
      fixture_reopen (fixture);
      reloaded = rapport_store_load (fixture->store, RAPPORT_TYPE_CLIENT, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (rapport_client_get_name (reloaded), ==, texts[i]);
    }
}

/* SQLite's count of its memory takes one mutex that every connection
 * shares, the main thread's and the lists' threads' alike: Rapport turns
 * it off before its first connection, so nothing is counted */
static void
test_sqlite_memory_not_counted (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_client_new ("Acme");

  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_no_error (error);
  fixture_reopen (fixture);

  g_assert_cmpint (sqlite3_memory_used (), ==, 0);
  g_assert_cmpint (sqlite3_memory_highwater (FALSE), ==, 0);
}

/* A commitment's new date and the renegotiation saying why: both written,
 * or, when the second cannot be, neither */
static void
test_save_both_or_neither (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (fixture->store, client, "Draft", "2031-04-30");
  g_autoptr(RapportRenegotiation) first = NULL;
  g_autoptr(RapportRenegotiation) second = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GDate) old_due = date ("2031-04-30");
  g_autoptr(GDate) new_due = date ("2031-05-15");
  g_autoptr(GDate) later_due = date ("2031-06-01");
  g_autoptr(GDateTime) updated = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = rapport_record_get_id (RAPPORT_RECORD (commitment));

  (void) data;

  first = rapport_renegotiation_new (id);
  g_object_set (first, "old-due", old_due, "new-due", new_due, "reason", "Late photos", NULL);
  rapport_commitment_set_due (commitment, new_due);
  g_assert_true (rapport_store_save_both (fixture->store, RAPPORT_RECORD (commitment),
                                          RAPPORT_RECORD (first), &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_record_get_id (RAPPORT_RECORD (first)), >, 0);

  rapport_test_refuse_inserts (fixture->dir, "renegotiations");
  updated = g_date_time_ref (rapport_record_get_updated (RAPPORT_RECORD (commitment)));
  second = rapport_renegotiation_new (id);
  g_object_set (second, "old-due", new_due, "new-due", later_due, "reason", "Flu", NULL);
  rapport_commitment_set_due (commitment, later_due);
  g_assert_false (rapport_store_save_both (fixture->store, RAPPORT_RECORD (commitment),
                                           RAPPORT_RECORD (second), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Nothing of the failed save is left on the objects either */
  g_assert_cmpint (rapport_record_get_id (RAPPORT_RECORD (second)), ==, 0);
  g_assert_true (g_date_time_equal (rapport_record_get_updated (RAPPORT_RECORD (commitment)),
                                    updated));
  g_clear_object (&commitment);

  fixture_reopen (fixture);
  commitment = rapport_store_load (fixture->store, RAPPORT_TYPE_COMMITMENT, id, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_date_equal (rapport_commitment_get_due (commitment), new_due));
  history = rapport_store_list_children (fixture->store, RAPPORT_TYPE_RENEGOTIATION,
                                         "commitment-id", id);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/client/save-and-reload", test_client_save_and_reload);
  ADD ("/store/client/edit", test_client_edit);
  ADD ("/store/validation/nothing-written", test_invalid_is_not_written);
  ADD ("/store/save-both/or-neither", test_save_both_or_neither);
  ADD ("/store/entities/round-trip", test_every_entity_round_trip);
  ADD ("/store/live/one-object-per-row", test_one_live_object);
  ADD ("/store/load/not-found", test_not_found);
  ADD ("/store/save/missing-reference", test_missing_reference);
  ADD ("/store/save/duplicate-uuid", test_duplicate_uuid);
  ADD ("/store/trash/cascade-and-restore", test_trash_cascades_and_restores);
  ADD ("/store/trash/purge", test_purge_only_from_trash);
  ADD ("/store/trash/purged-cannot-be-saved", test_purged_cannot_be_saved);
  ADD ("/store/interaction/last-contact", test_interaction_trash_updates_last_contact);
  ADD ("/store/interaction/moved-to-another-client", test_interaction_moved_updates_both_clients);
  ADD ("/store/status/transition-from-saved", test_status_transition_checked_against_saved);
  ADD ("/store/text/hostile-stored-exactly", test_hostile_text_stored_exactly);
  ADD ("/store/sqlite/memory-not-counted", test_sqlite_memory_not_counted);

#undef ADD

  return g_test_run ();
}
