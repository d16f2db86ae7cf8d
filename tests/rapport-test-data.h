/* rapport-test-data.h: a small database with every kind of row, for the
 * export, import and command line tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seen on 2026-06-15 (UTC), over all time, it holds:
 * - "Acme Ltd": commitments kept twice (once after an agreed new date),
 *   one open past its date, one dropped, one in the trash; two pieces of
 *   feedback awaiting an answer, a lesson with an apology owed, contact on
 *   2026-06-14T10:00:00Z;
 * - two confidential clients, "Umbrella Corp" (one late, one open) and
 *   "Wayne Enterprises" (nothing decided), added in that order;
 * - "Gone Client" in the trash with its commitment;
 * - a lesson with no client.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rapport-export.h"
#include "rapport-test-util.h"

#define RAPPORT_TEST_NOW "2026-06-15T12:00:00Z"

static inline GDateTime *
rapport_test_moment (const char *iso)
{
  g_autoptr(GError) error = NULL;
  GDateTime *moment = rapport_date_time_parse_iso (iso, &error);

  g_assert_no_error (error);
  return moment;
}

static inline GDate *
rapport_test_date (const char *iso)
{
  g_autoptr(GError) error = NULL;
  GDate *date = rapport_date_parse (iso, &error);

  g_assert_no_error (error);
  return date;
}

static inline RapportCommitment *
rapport_test_add_done (RapportStore  *store,
                       RapportClient *client,
                       const char    *title,
                       const char    *due,
                       const char    *delivered_at)
{
  RapportCommitment *commitment = rapport_test_add_commitment (store, client, title, due);

  if (g_strcmp0 (delivered_at, "dropped") == 0)
    {
      rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DROPPED);
      rapport_commitment_set_drop_reason (commitment, "The client changed plans");
    }
  else if (delivered_at != NULL)
    {
      g_autoptr(GDateTime) at = rapport_test_moment (delivered_at);

      rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DELIVERED);
      rapport_commitment_set_delivered_at (commitment, at);
    }
  rapport_test_save (store, commitment);
  return commitment;
}

static inline RapportClient *
rapport_test_add_confidential (RapportStore *store,
                               const char   *name,
                               const char   *company,
                               const char   *email,
                               const char   *phone,
                               const char   *notes)
{
  RapportClient *client = rapport_client_new (name);

  rapport_client_set_company (client, company);
  rapport_client_set_email (client, email);
  rapport_client_set_phone (client, phone);
  rapport_client_set_notes (client, notes);
  rapport_client_set_confidential (client, TRUE);
  rapport_test_save (store, client);
  return client;
}

static inline void
rapport_test_populate (RapportStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) acme = rapport_client_new ("Acme Ltd");
  g_autoptr(RapportClient) umbrella = NULL;
  g_autoptr(RapportClient) wayne = NULL;
  g_autoptr(RapportClient) gone = NULL;
  g_autoptr(RapportCommitment) c1 = NULL, c2 = NULL, c3 = NULL, c4 = NULL, c5 = NULL;
  g_autoptr(RapportCommitment) c6 = NULL, c7 = NULL, c8 = NULL;
  g_autoptr(RapportDeliverable) deliverable = NULL;
  g_autoptr(RapportRenegotiation) renegotiation = NULL;
  g_autoptr(RapportFeedback) f1 = NULL, f2 = NULL;
  g_autoptr(RapportLesson) l1 = NULL, l2 = NULL;
  g_autoptr(RapportInteraction) i1 = NULL, i2 = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDate) day = NULL;

  rapport_client_set_company (acme, "Acme");
  rapport_client_set_email (acme, "ana@acme.example");
  rapport_client_set_phone (acme, "+34 600 000 000");
  rapport_client_set_channel (acme, RAPPORT_CHANNEL_VIDEO_CALL);
  rapport_client_set_cadence_days (acme, 14);
  rapport_client_set_notes (acme, "Prefers “short” calls\n\tand e-mail \\ émoji 🎉 \"quoted\"");
  rapport_test_save (store, acme);

  umbrella = rapport_test_add_confidential (store, "Umbrella Corp", "Umbrella",
                                            "boss@umbrella.example", "+34 600 000 001",
                                            "Secret project Nemesis");
  wayne = rapport_test_add_confidential (store, "Wayne Enterprises", "Wayne",
                                         "bruce@wayne.example", "+1 555 0100", "Night work");
  gone = rapport_test_add_client (store, "Gone Client");

  c1 = rapport_test_add_done (store, acme, "Logo", "2026-06-10", "2026-06-09T12:00:00Z");
  c2 = rapport_test_add_done (store, acme, "Website", "2026-06-01", NULL);
  c3 = rapport_test_add_done (store, acme, "Brochure", "2026-06-05", NULL);
  c4 = rapport_test_add_done (store, acme, "Flyer", "2026-06-02", "dropped");
  c5 = rapport_test_add_done (store, umbrella, "Report", "2026-06-10", "2026-06-12T09:00:00Z");
  c6 = rapport_test_add_done (store, umbrella, "Audit", "2026-07-01", NULL);
  c7 = rapport_test_add_done (store, acme, "Trashed", "2026-06-03", NULL);
  c8 = rapport_test_add_done (store, gone, "Old work", "2026-06-03", NULL);

  /* Website: the client agreed to the 12th; delivered on the 11th */
  renegotiation = rapport_renegotiation_new (rapport_record_get_id (RAPPORT_RECORD (c2)));
  day = rapport_test_date ("2026-06-01");
  rapport_renegotiation_set_old_due (renegotiation, day);
  g_clear_pointer (&day, g_date_free);
  day = rapport_test_date ("2026-06-12");
  rapport_renegotiation_set_new_due (renegotiation, day);
  rapport_renegotiation_set_reason (renegotiation, "Waiting for the texts");
  rapport_renegotiation_set_client_agreed (renegotiation, TRUE);
  at = rapport_test_moment ("2026-05-28T08:00:00Z");
  rapport_renegotiation_set_renegotiated_at (renegotiation, at);
  rapport_test_save (store, renegotiation);
  rapport_commitment_set_due (c2, day);
  g_clear_pointer (&at, g_date_time_unref);
  at = rapport_test_moment ("2026-06-11T16:00:00Z");
  rapport_commitment_set_status (c2, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (c2, at);
  rapport_test_save (store, c2);

  deliverable = rapport_deliverable_new (rapport_record_get_id (RAPPORT_RECORD (c1)), "Sketches");
  g_clear_pointer (&day, g_date_free);
  day = rapport_test_date ("2026-06-05");
  rapport_deliverable_set_due (deliverable, day);
  g_clear_pointer (&at, g_date_time_unref);
  at = rapport_test_moment ("2026-06-04T10:00:00Z");
  rapport_deliverable_set_delivered_at (deliverable, at);
  rapport_test_save (store, deliverable);

  f1 = rapport_feedback_new (rapport_record_get_id (RAPPORT_RECORD (acme)), "The brochure is late");
  rapport_feedback_set_commitment_id (f1, rapport_record_get_id (RAPPORT_RECORD (c3)));
  rapport_feedback_set_kind (f1, RAPPORT_FEEDBACK_KIND_COMPLAINT);
  g_clear_pointer (&at, g_date_time_unref);
  at = rapport_test_moment ("2026-06-07T09:00:00Z");
  rapport_feedback_set_received_at (f1, at);
  rapport_test_save (store, f1);

  f2 = rapport_feedback_new (rapport_record_get_id (RAPPORT_RECORD (acme)), "Make the logo bigger");
  rapport_feedback_set_received_at (f2, at);
  rapport_feedback_set_status (f2, RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED);
  g_clear_pointer (&at, g_date_time_unref);
  at = rapport_test_moment ("2026-06-08T09:00:00Z");
  rapport_feedback_set_acknowledged_at (f2, at);
  rapport_test_save (store, f2);

  l1 = rapport_lesson_new ("I promised a date I could not keep");
  rapport_lesson_set_client_id (l1, rapport_record_get_id (RAPPORT_RECORD (acme)));
  rapport_lesson_set_commitment_id (l1, rapport_record_get_id (RAPPORT_RECORD (c3)));
  rapport_lesson_set_feedback_id (l1, rapport_record_get_id (RAPPORT_RECORD (f1)));
  g_clear_pointer (&day, g_date_free);
  day = rapport_test_date ("2026-06-07");
  rapport_lesson_set_occurred_on (l1, day);
  rapport_lesson_set_cause (l1, "Too optimistic");
  rapport_lesson_set_prevention (l1, "Add a buffer");
  rapport_lesson_set_apology (l1, RAPPORT_APOLOGY_OWED);
  rapport_lesson_set_tags (l1, "deadlines, estimates");
  rapport_test_save (store, l1);

  l2 = rapport_lesson_new ("Forgot to back up");
  rapport_lesson_set_occurred_on (l2, day);
  rapport_test_save (store, l2);

  i1 = rapport_interaction_new (rapport_record_get_id (RAPPORT_RECORD (acme)));
  g_clear_pointer (&at, g_date_time_unref);
  at = rapport_test_moment ("2026-06-14T10:00:00Z");
  rapport_interaction_set_occurred_at (i1, at);
  rapport_interaction_set_channel (i1, RAPPORT_CHANNEL_VIDEO_CALL);
  rapport_interaction_set_summary (i1, "Weekly call");
  rapport_test_save (store, i1);

  i2 = rapport_interaction_new (rapport_record_get_id (RAPPORT_RECORD (umbrella)));
  g_clear_pointer (&at, g_date_time_unref);
  at = rapport_test_moment ("2026-06-13T10:00:00Z");
  rapport_interaction_set_occurred_at (i2, at);
  rapport_test_save (store, i2);

  rapport_store_trash (store, RAPPORT_RECORD (c7), &error);
  g_assert_no_error (error);
  rapport_store_trash (store, RAPPORT_RECORD (gone), &error);
  g_assert_no_error (error);
}

/* A backup of @store, with a fixed "generated" */
static inline char *
rapport_test_backup_text (RapportStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GDateTime) now = rapport_test_moment (RAPPORT_TEST_NOW);
  gboolean ok;

  ok = rapport_export_backup_to_stream (store, out, now, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_output_stream_write_all (out, "", 1, NULL, NULL, &error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static inline JsonNode *
rapport_test_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}
