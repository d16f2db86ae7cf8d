/* test-entities.c: entity properties, validation and status rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rapport-record-private.h"
#include "rapport-test-util.h"

static void
assert_invalid (gpointer record,
                int      code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_record_validate (RAPPORT_RECORD (record), &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, code);
  g_assert_cmpuint (strlen (error->message), >, 10);
}

static void
assert_valid (gpointer record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_record_validate (RAPPORT_RECORD (record), &error));
  g_assert_no_error (error);
}

static GDate *
date (const char *iso)
{
  return rapport_date_parse (iso, NULL);
}

static void
test_record_identity (void)
{
  g_autoptr(RapportClient) a = rapport_client_new ("Ana");
  g_autoptr(RapportClient) b = rapport_client_new ("Bea");

  g_assert_true (g_uuid_string_is_valid (rapport_record_get_uuid (RAPPORT_RECORD (a))));
  g_assert_cmpstr (rapport_record_get_uuid (RAPPORT_RECORD (a)), !=,
                   rapport_record_get_uuid (RAPPORT_RECORD (b)));
  g_assert_cmpint (rapport_record_get_id (RAPPORT_RECORD (a)), ==, 0);
  g_assert_nonnull (rapport_record_get_created (RAPPORT_RECORD (a)));
  g_assert_false (rapport_record_is_trashed (RAPPORT_RECORD (a)));

  rapport_record_set_uuid (RAPPORT_RECORD (a), "not-a-uuid");
  assert_invalid (a, RAPPORT_VALIDATION_ERROR_INVALID);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_client_notify_only_on_change (void)
{
  g_autoptr(RapportClient) client = rapport_client_new ("Ana");
  guint count = 0;

  g_signal_connect (client, "notify::name", G_CALLBACK (notify_count_cb), &count);
  rapport_client_set_name (client, "Ana");
  g_assert_cmpuint (count, ==, 0);
  rapport_client_set_name (client, "Ana López");
  g_assert_cmpuint (count, ==, 1);
  g_object_set (client, "name", "Ana López", NULL);
  g_assert_cmpuint (count, ==, 1);
}

static void
test_client_validation (void)
{
  g_autoptr(RapportClient) client = rapport_client_new ("   ");
  g_autofree char *long_name = g_strnfill (RAPPORT_SHORT_TEXT_MAX + 1, 'x');

  assert_invalid (client, RAPPORT_VALIDATION_ERROR_BLANK);

  rapport_client_set_name (client, NULL);
  assert_invalid (client, RAPPORT_VALIDATION_ERROR_BLANK);

  rapport_client_set_name (client, long_name);
  assert_invalid (client, RAPPORT_VALIDATION_ERROR_TOO_LONG);

  rapport_client_set_name (client, "Ana \xff\xfe");
  assert_invalid (client, RAPPORT_VALIDATION_ERROR_INVALID_TEXT);

  rapport_client_set_name (client, "Ñandú Estudio 🎨");
  assert_valid (client);

  rapport_client_set_email (client, "no at sign");
  assert_invalid (client, RAPPORT_VALIDATION_ERROR_INVALID);
  rapport_client_set_email (client, "ana@example.com");
  assert_valid (client);

  rapport_client_set_cadence_days (client, 10000);
  assert_invalid (client, RAPPORT_VALIDATION_ERROR_INVALID);
  rapport_client_set_cadence_days (client, 7);
  assert_valid (client);
}

static void
test_commitment_validation (void)
{
  g_autoptr(RapportCommitment) commitment = rapport_commitment_new (0, "Logo");
  g_autoptr(GDate) due = date ("2026-12-01");
  g_autoptr(GDate) late_agreement = date ("2026-12-05");
  g_autoptr(GDate) bad = g_date_new ();

  assert_invalid (commitment, RAPPORT_VALIDATION_ERROR_MISSING);

  /* No due date yet is missing; an impossible one is invalid */
  rapport_commitment_set_client_id (commitment, 1);
  assert_invalid (commitment, RAPPORT_VALIDATION_ERROR_MISSING);

  rapport_commitment_set_due (commitment, bad);
  assert_invalid (commitment, RAPPORT_VALIDATION_ERROR_INVALID_DATE);

  rapport_commitment_set_due (commitment, due);
  assert_valid (commitment);

  rapport_commitment_set_agreed_on (commitment, late_agreement);
  assert_invalid (commitment, RAPPORT_VALIDATION_ERROR_DATE_ORDER);
  rapport_commitment_set_agreed_on (commitment, NULL);

  rapport_commitment_set_title (commitment, "");
  assert_invalid (commitment, RAPPORT_VALIDATION_ERROR_BLANK);
  rapport_commitment_set_title (commitment, "Logo");

  rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  assert_invalid (commitment, RAPPORT_VALIDATION_ERROR_MISSING);

  rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DROPPED);
  assert_invalid (commitment, RAPPORT_VALIDATION_ERROR_BLANK);
  rapport_commitment_set_drop_reason (commitment, "The client cancelled the project");
  assert_valid (commitment);
}

static void
test_commitment_transitions (void)
{
  g_assert_true (rapport_commitment_status_transition_allowed (RAPPORT_COMMITMENT_STATUS_OPEN,
                                                               RAPPORT_COMMITMENT_STATUS_DELIVERED));
  g_assert_true (rapport_commitment_status_transition_allowed (RAPPORT_COMMITMENT_STATUS_OPEN,
                                                               RAPPORT_COMMITMENT_STATUS_DROPPED));
  g_assert_true (rapport_commitment_status_transition_allowed (RAPPORT_COMMITMENT_STATUS_DELIVERED,
                                                               RAPPORT_COMMITMENT_STATUS_OPEN));
  g_assert_false (rapport_commitment_status_transition_allowed (RAPPORT_COMMITMENT_STATUS_DELIVERED,
                                                                RAPPORT_COMMITMENT_STATUS_DROPPED));
  g_assert_false (rapport_commitment_status_transition_allowed (RAPPORT_COMMITMENT_STATUS_DROPPED,
                                                                RAPPORT_COMMITMENT_STATUS_DELIVERED));
}

static void
test_feedback_validation (void)
{
  g_autoptr(RapportFeedback) feedback = rapport_feedback_new (0, "The colours are too dark");
  g_autoptr(GDateTime) before = rapport_date_time_new_unix (1000);

  assert_invalid (feedback, RAPPORT_VALIDATION_ERROR_MISSING);
  rapport_feedback_set_client_id (feedback, 3);
  assert_valid (feedback);

  rapport_feedback_set_content (feedback, " \n\t ");
  assert_invalid (feedback, RAPPORT_VALIDATION_ERROR_BLANK);
  rapport_feedback_set_content (feedback, "The colours are too dark");

  rapport_feedback_set_status (feedback, RAPPORT_FEEDBACK_STATUS_DECLINED);
  assert_invalid (feedback, RAPPORT_VALIDATION_ERROR_BLANK);
  rapport_feedback_set_decline_reason (feedback, "Out of the agreed scope");
  assert_valid (feedback);

  rapport_feedback_set_resolved_at (feedback, before);
  assert_invalid (feedback, RAPPORT_VALIDATION_ERROR_DATE_ORDER);
}

static void
test_feedback_transitions (void)
{
  g_assert_true (rapport_feedback_status_transition_allowed (RAPPORT_FEEDBACK_STATUS_OPEN,
                                                             RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED));
  g_assert_true (rapport_feedback_status_transition_allowed (RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED,
                                                             RAPPORT_FEEDBACK_STATUS_ADDRESSED));
  g_assert_false (rapport_feedback_status_transition_allowed (RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED,
                                                              RAPPORT_FEEDBACK_STATUS_OPEN));
  g_assert_false (rapport_feedback_status_transition_allowed (RAPPORT_FEEDBACK_STATUS_ADDRESSED,
                                                              RAPPORT_FEEDBACK_STATUS_DECLINED));
  g_assert_true (rapport_feedback_status_transition_allowed (RAPPORT_FEEDBACK_STATUS_DECLINED,
                                                             RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED));
}

static void
test_other_validation (void)
{
  g_autoptr(RapportDeliverable) deliverable = rapport_deliverable_new (0, "Draft");
  g_autoptr(RapportRenegotiation) renegotiation = rapport_renegotiation_new (2);
  g_autoptr(RapportLesson) lesson = rapport_lesson_new ("");
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (0);
  g_autoptr(GDate) d1 = date ("2026-01-10");
  g_autoptr(GDate) d2 = date ("2026-01-20");

  assert_invalid (deliverable, RAPPORT_VALIDATION_ERROR_MISSING);
  rapport_deliverable_set_commitment_id (deliverable, 2);
  assert_valid (deliverable);

  assert_invalid (renegotiation, RAPPORT_VALIDATION_ERROR_INVALID_DATE);
  rapport_renegotiation_set_old_due (renegotiation, d1);
  rapport_renegotiation_set_new_due (renegotiation, d1);
  assert_invalid (renegotiation, RAPPORT_VALIDATION_ERROR_INVALID_DATE);
  rapport_renegotiation_set_new_due (renegotiation, d2);
  assert_invalid (renegotiation, RAPPORT_VALIDATION_ERROR_BLANK);
  rapport_renegotiation_set_reason (renegotiation, "Waiting for the client's texts");
  assert_valid (renegotiation);
  g_assert_true (rapport_renegotiation_get_client_told (renegotiation));
  rapport_renegotiation_set_client_told (renegotiation, FALSE);
  assert_valid (renegotiation);
  rapport_renegotiation_set_client_agreed (renegotiation, TRUE);
  assert_invalid (renegotiation, RAPPORT_VALIDATION_ERROR_INVALID);
  rapport_renegotiation_set_client_told (renegotiation, TRUE);
  assert_valid (renegotiation);

  assert_invalid (lesson, RAPPORT_VALIDATION_ERROR_BLANK);
  rapport_lesson_set_what_happened (lesson, "Sent the invoice to the wrong person");
  assert_valid (lesson);
  rapport_lesson_set_apology (lesson, RAPPORT_APOLOGY_MADE);
  assert_invalid (lesson, RAPPORT_VALIDATION_ERROR_MISSING);
  rapport_lesson_set_apology (lesson, RAPPORT_APOLOGY_OWED);
  assert_valid (lesson);

  assert_invalid (interaction, RAPPORT_VALIDATION_ERROR_MISSING);
  rapport_interaction_set_client_id (interaction, 1);
  assert_valid (interaction);
}

static void
test_renegotiation_late (void)
{
  g_autoptr(RapportRenegotiation) renegotiation = rapport_renegotiation_new (1);
  g_autoptr(GDate) old_due = date ("2026-03-10");
  g_autoptr(GDateTime) before = g_date_time_new_local (2026, 3, 9, 12, 0, 0);
  g_autoptr(GDateTime) on_day = g_date_time_new_local (2026, 3, 10, 23, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new_local (2026, 3, 11, 0, 30, 0);

  rapport_renegotiation_set_old_due (renegotiation, old_due);

  rapport_renegotiation_set_renegotiated_at (renegotiation, before);
  g_assert_false (rapport_renegotiation_is_late (renegotiation));
  rapport_renegotiation_set_renegotiated_at (renegotiation, on_day);
  g_assert_false (rapport_renegotiation_is_late (renegotiation));
  rapport_renegotiation_set_renegotiated_at (renegotiation, after);
  g_assert_true (rapport_renegotiation_is_late (renegotiation));
}

static void
test_moments_keep_whole_seconds (void)
{
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (1);
  g_autoptr(GDateTime) precise = g_date_time_new_utc (2026, 5, 1, 10, 20, 30.75);
  GDateTime *stored;

  rapport_interaction_set_occurred_at (interaction, precise);
  stored = rapport_interaction_get_occurred_at (interaction);
  g_assert_cmpint (g_date_time_get_microsecond (stored), ==, 0);
  g_assert_cmpint (g_date_time_get_second (stored), ==, 30);
}

/* Records check UUIDs as GLib does, only faster */
static void
test_uuid_as_glib (void)
{
  static const char * const texts[] = {
    "8b6cec7e-4a7b-42b4-b95a-a3236248188b", "8B6CEC7E-4A7B-42B4-B95A-A3236248188B",
    "8b6cec7e-4a7b-42b4-b95a-a3236248188", "8b6cec7e-4a7b-42b4-b95a-a3236248188b0",
    "8b6cec7e4a7b-42b4-b95a-a3236248188b-", "8b6cec7e-4a7b-42b4-b95a-a3236248188g",
    "{8b6cec7e-4a7b-42b4-b95a-a3236248188}", "", "-", "8b6cec7e-4a7b-42b4-b95a-a32362481\xc3\xa9",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (36);
  const char alphabet[] = "0123456789abcdefABCDEFg-xZ \xc3";

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_assert_cmpint (_rapport_uuid_is_valid (texts[i]), ==, g_uuid_string_is_valid (texts[i]));

  for (guint i = 0; i < 100000; i++)
    {
      char text[40];
      guint length = (guint) g_rand_int_range (rand, 34, 39);

      for (guint k = 0; k < length; k++)
        text[k] = (k == 8 || k == 13 || k == 18 || k == 23) && g_rand_int_range (rand, 0, 20) > 0
                  ? '-' : alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      text[length] = '\0';
      g_assert_cmpint (_rapport_uuid_is_valid (text), ==, g_uuid_string_is_valid (text));
    }

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_assert_true (_rapport_uuid_is_valid (uuid));
    }
}

/* A deliverable is part of its commitment: due on the same day at the
 * latest */
static void
test_commitment_deliverable_due (void)
{
  g_autoptr(RapportCommitment) commitment = rapport_commitment_new (1, "Website");
  g_autoptr(GDate) due = date ("2027-01-10");
  g_autoptr(GDate) before = date ("2026-12-20");
  g_autoptr(GDate) after = date ("2027-03-01");
  g_autoptr(GError) error = NULL;

  /* Nothing to compare with yet */
  g_assert_true (rapport_commitment_check_deliverable_due (commitment, after, &error));
  g_assert_no_error (error);

  rapport_commitment_set_due (commitment, due);
  g_assert_true (rapport_commitment_check_deliverable_due (commitment, NULL, &error));
  g_assert_true (rapport_commitment_check_deliverable_due (commitment, before, &error));
  g_assert_true (rapport_commitment_check_deliverable_due (commitment, due, &error));
  g_assert_no_error (error);

  g_assert_false (rapport_commitment_check_deliverable_due (commitment, after, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_DATE_ORDER);
  g_assert_nonnull (strstr (error->message, "2027-01-10"));
}

/* Nor can the commitment move before a deliverable still to come */
static void
test_commitment_new_due (void)
{
  g_autoptr(RapportCommitment) commitment = rapport_commitment_new (1, "Website");
  g_autoptr(GListStore) deliverables = g_list_store_new (RAPPORT_TYPE_DELIVERABLE);
  g_autoptr(RapportDeliverable) draft = rapport_deliverable_new (1, "Draft");
  g_autoptr(RapportDeliverable) final = rapport_deliverable_new (1, "Final site");
  g_autoptr(GDate) draft_due = date ("2027-01-05");
  g_autoptr(GDate) final_due = date ("2027-01-10");
  g_autoptr(GDate) new_year = date ("2027-01-01");
  g_autoptr(GDateTime) delivered = g_date_time_new_utc (2027, 1, 4, 12, 0, 0);
  g_autoptr(GError) error = NULL;

  rapport_deliverable_set_due (draft, draft_due);
  rapport_deliverable_set_due (final, final_due);
  g_list_store_append (deliverables, draft);
  g_list_store_append (deliverables, final);

  g_assert_true (rapport_commitment_check_new_due (commitment, final_due, NULL, &error));
  g_assert_true (rapport_commitment_check_new_due (commitment, final_due,
                                                   G_LIST_MODEL (deliverables), &error));
  g_assert_no_error (error);

  g_assert_false (rapport_commitment_check_new_due (commitment, draft_due,
                                                    G_LIST_MODEL (deliverables), &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_DATE_ORDER);
  g_assert_nonnull (strstr (error->message, "“Final site”"));
  g_clear_error (&error);

  g_assert_false (rapport_commitment_check_new_due (commitment, new_year,
                                                    G_LIST_MODEL (deliverables), &error));
  g_assert_nonnull (strstr (error->message, "2 deliverables"));
  g_clear_error (&error);

  /* A part delivered already is history */
  rapport_deliverable_set_delivered_at (draft, delivered);
  g_assert_false (rapport_commitment_check_new_due (commitment, new_year,
                                                    G_LIST_MODEL (deliverables), &error));
  g_assert_nonnull (strstr (error->message, "“Final site”"));
  g_clear_error (&error);

  /* A decided commitment keeps the date it was judged by */
  rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  g_assert_false (rapport_commitment_check_new_due (commitment, final_due, NULL, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_TRANSITION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/entities/record/identity", test_record_identity);
  g_test_add_func ("/entities/record/uuid-as-glib", test_uuid_as_glib);
  g_test_add_func ("/entities/client/notify-only-on-change", test_client_notify_only_on_change);
  g_test_add_func ("/entities/client/validation", test_client_validation);
  g_test_add_func ("/entities/commitment/validation", test_commitment_validation);
  g_test_add_func ("/entities/commitment/transitions", test_commitment_transitions);
  g_test_add_func ("/entities/commitment/deliverable-due", test_commitment_deliverable_due);
  g_test_add_func ("/entities/commitment/new-due", test_commitment_new_due);
  g_test_add_func ("/entities/feedback/validation", test_feedback_validation);
  g_test_add_func ("/entities/feedback/transitions", test_feedback_transitions);
  g_test_add_func ("/entities/others/validation", test_other_validation);
  g_test_add_func ("/entities/renegotiation/late", test_renegotiation_late);
  g_test_add_func ("/entities/moments/whole-seconds", test_moments_keep_whole_seconds);

  return g_test_run ();
}
