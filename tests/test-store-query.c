/* test-store-query.c: filtered, searched and "needs attention" lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "rapport-store-private.h"
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
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  rapport_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static void
test_search_every_kind (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme Corporación");
  g_autoptr(RapportCommitment) commitment = NULL;
  g_autoptr(RapportFeedback) feedback = NULL;
  g_autoptr(RapportLesson) lesson = NULL;
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(GListModel) commitments = NULL;
  g_autoptr(GListModel) feedbacks = NULL;
  g_autoptr(GListModel) lessons = NULL;
  g_autoptr(GListModel) interactions = NULL;
  g_autoptr(GListModel) nothing = NULL;
  g_autoptr(GError) error = NULL;
  gint64 client_id = rapport_record_get_id (RAPPORT_RECORD (client));

  commitment = rapport_test_add_commitment (fixture->store, client, "Logo redesign", "2030-01-10");
  feedback = rapport_feedback_new (client_id, "The logo colours feel too loud");
  rapport_test_save (fixture->store, feedback);
  lesson = rapport_lesson_new ("Sent the logo late");
  rapport_lesson_set_client_id (lesson, client_id);
  rapport_test_save (fixture->store, lesson);
  interaction = rapport_interaction_new (client_id);
  rapport_interaction_set_summary (interaction, "Call about the new logo");
  rapport_test_save (fixture->store, interaction);

  /* Prefixes, any case, without accents */
  clients = rapport_store_search (fixture->store, RAPPORT_TYPE_CLIENT, "corporacion");
  commitments = rapport_store_search (fixture->store, RAPPORT_TYPE_COMMITMENT, "LOG");
  feedbacks = rapport_store_search (fixture->store, RAPPORT_TYPE_FEEDBACK, "logo \"colours");
  lessons = rapport_store_search (fixture->store, RAPPORT_TYPE_LESSON, "logo late");
  interactions = rapport_store_search (fixture->store, RAPPORT_TYPE_INTERACTION, "logo");
  nothing = rapport_store_search (fixture->store, RAPPORT_TYPE_LESSON, "logo early");

  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (commitments), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (feedbacks), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (lessons), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (nothing), ==, 0);

  /* The index follows edits, the trash and restores */
  rapport_commitment_set_title (commitment, "Brand guide");
  rapport_test_save (fixture->store, commitment);
  g_assert_cmpuint (g_list_model_get_n_items (commitments), ==, 0);

  rapport_store_trash (fixture->store, RAPPORT_RECORD (client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 0);

  rapport_store_restore (fixture->store, RAPPORT_RECORD (client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 1);

  rapport_store_trash (fixture->store, RAPPORT_RECORD (client), &error);
  g_assert_no_error (error);
  rapport_store_empty_trash (fixture->store, &error);
  g_assert_no_error (error);
  g_clear_object (&clients);
  clients = rapport_store_search (fixture->store, RAPPORT_TYPE_CLIENT, "acme");
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 0);
}

static void
test_search_finds_commitment_by_deliverable (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportCommitment) commitment = NULL;
  g_autoptr(RapportDeliverable) deliverable = NULL;
  g_autoptr(GListModel) found = NULL;

  commitment = rapport_test_add_commitment (fixture->store, client, "Website", "2030-01-10");
  deliverable = rapport_deliverable_new (rapport_record_get_id (RAPPORT_RECORD (commitment)),
                                         "Wireframes");
  rapport_test_save (fixture->store, deliverable);

  found = rapport_store_search (fixture->store, RAPPORT_TYPE_COMMITMENT, "wirefr");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
}

static gint64
item_id (GListModel *list,
         guint       position)
{
  g_autoptr(RapportRecord) record = g_list_model_get_item (list, position);

  g_assert_nonnull (record);
  return rapport_record_get_id (record);
}

/* The first results are the newest matches, and one more tells whether
 * more match than asked for */
static void
test_search_first_newest_and_one_more (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(GPtrArray) interactions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) first = NULL;
  g_autoptr(GListModel) exact = NULL;
  g_autoptr(GListModel) fewer = NULL;
  g_autoptr(GListModel) none = NULL;
  gint64 client_id = rapport_record_get_id (RAPPORT_RECORD (client));

  for (guint i = 0; i < 6; i++)
    {
      RapportInteraction *interaction = rapport_interaction_new (client_id);
      g_autofree char *summary = g_strdup_printf ("Weekly report %u", i);
      /* The interactions' usual order (when they happened) is the other way
       * round: the first results do not follow it */
      g_autoptr(GDateTime) when = g_date_time_new_utc (2030, 1, 20 - i, 12, 0, 0);

      rapport_interaction_set_summary (interaction, summary);
      rapport_interaction_set_occurred_at (interaction, when);
      rapport_test_save (fixture->store, interaction);
      g_ptr_array_add (interactions, interaction);
    }

  first = rapport_store_search_first (fixture->store, RAPPORT_TYPE_INTERACTION, "repo", 3);
  g_assert_cmpuint (g_list_model_get_n_items (first), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (item_id (first, i), ==,
                     rapport_record_get_id (interactions->pdata[5 - i]));

  /* Exactly as many as asked for: no one more */
  exact = rapport_store_search_first (fixture->store, RAPPORT_TYPE_INTERACTION, "weekly", 6);
  g_assert_cmpuint (g_list_model_get_n_items (exact), ==, 6);
  fewer = rapport_store_search_first (fixture->store, RAPPORT_TYPE_INTERACTION, "report 4", 3);
  g_assert_cmpuint (g_list_model_get_n_items (fewer), ==, 1);
  none = rapport_store_search_first (fixture->store, RAPPORT_TYPE_INTERACTION, " ", 3);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);

  /* A new match comes first, and the last one drops off */
  {
    g_autoptr(RapportInteraction) newest = rapport_interaction_new (client_id);

    rapport_interaction_set_summary (newest, "Report sent");
    rapport_test_save (fixture->store, newest);
    g_assert_cmpuint (g_list_model_get_n_items (first), ==, 4);
    g_assert_cmpint (item_id (first, 0), ==, rapport_record_get_id (RAPPORT_RECORD (newest)));
    g_assert_cmpint (item_id (first, 3), ==, rapport_record_get_id (interactions->pdata[3]));
  }
}

/* Rows in the trash are not found, and do not take the places of others */
static void
test_search_first_skips_trash (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(GPtrArray) commitments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) first = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *title = g_strdup_printf ("Landing page %u", i);

      g_ptr_array_add (commitments,
                       rapport_test_add_commitment (fixture->store, client, title, "2030-01-10"));
    }

  /* The three newest go to the trash before the search… */
  for (guint i = 3; i < 6; i++)
    rapport_test_trash (fixture->store, commitments->pdata[i]);

  first = rapport_store_search_first (fixture->store, RAPPORT_TYPE_COMMITMENT, "landing", 1);
  g_assert_cmpuint (g_list_model_get_n_items (first), ==, 2);
  g_assert_cmpint (item_id (first, 0), ==, rapport_record_get_id (commitments->pdata[2]));
  g_assert_cmpint (item_id (first, 1), ==, rapport_record_get_id (commitments->pdata[1]));

  /* …and one shown goes while the list is shown: the next one takes its place */
  rapport_test_trash (fixture->store, commitments->pdata[2]);
  g_assert_cmpuint (g_list_model_get_n_items (first), ==, 2);
  g_assert_cmpint (item_id (first, 0), ==, rapport_record_get_id (commitments->pdata[1]));
  g_assert_cmpint (item_id (first, 1), ==, rapport_record_get_id (commitments->pdata[0]));

  rapport_test_trash (fixture->store, commitments->pdata[1]);
  g_assert_cmpuint (g_list_model_get_n_items (first), ==, 1);

  rapport_store_restore (fixture->store, commitments->pdata[5], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (first), ==, 2);
  g_assert_cmpint (item_id (first, 0), ==, rapport_record_get_id (commitments->pdata[5]));
}

/* A commitment is found through its partial deliveries and renegotiations;
 * several parts of one count once */
static void
test_search_first_commitment_through_parts (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportCommitment) older = NULL;
  g_autoptr(RapportCommitment) newer = NULL;
  g_autoptr(RapportCommitment) moved = NULL;
  g_autoptr(RapportDeliverable) trashed = NULL;
  g_autoptr(RapportRenegotiation) renegotiation = NULL;
  g_autoptr(GDate) old_due = rapport_date_new_dmy (10, 1, 2030);
  g_autoptr(GDate) new_due = rapport_date_new_dmy (20, 1, 2030);
  g_autoptr(GListModel) one = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) reason = NULL;
  g_autoptr(GListModel) gone = NULL;
  gint64 older_id, newer_id;

  older = rapport_test_add_commitment (fixture->store, client, "Website", "2030-01-10");
  newer = rapport_test_add_commitment (fixture->store, client, "Shop", "2030-01-10");
  moved = rapport_test_add_commitment (fixture->store, client, "Catalogue", "2030-01-10");
  older_id = rapport_record_get_id (RAPPORT_RECORD (older));
  newer_id = rapport_record_get_id (RAPPORT_RECORD (newer));

  /* One part of the older commitment, then three of the newer one */
  {
    g_autoptr(RapportDeliverable) part = rapport_deliverable_new (older_id, "Wireframes");

    rapport_test_save (fixture->store, part);
  }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Wireframes, round %u", i + 1);
      g_autoptr(RapportDeliverable) part = rapport_deliverable_new (newer_id, title);

      rapport_test_save (fixture->store, part);
    }

  /* Both are found, newest first, though the newer one's parts alone would
   * fill the first results */
  one = rapport_store_search_first (fixture->store, RAPPORT_TYPE_COMMITMENT, "wiref", 1);
  g_assert_cmpuint (g_list_model_get_n_items (one), ==, 2);
  g_assert_cmpint (item_id (one, 0), ==, newer_id);
  g_assert_cmpint (item_id (one, 1), ==, older_id);
  all = rapport_store_search_first (fixture->store, RAPPORT_TYPE_COMMITMENT, "wiref", 10);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);

  /* The reason a due date moved finds its commitment */
  renegotiation = rapport_renegotiation_new (rapport_record_get_id (RAPPORT_RECORD (moved)));
  rapport_renegotiation_set_old_due (renegotiation, old_due);
  rapport_renegotiation_set_new_due (renegotiation, new_due);
  rapport_renegotiation_set_reason (renegotiation, "Waiting for the photographs");
  rapport_test_save (fixture->store, renegotiation);
  reason = rapport_store_search_first (fixture->store, RAPPORT_TYPE_COMMITMENT, "photo", 10);
  g_assert_cmpuint (g_list_model_get_n_items (reason), ==, 1);
  g_assert_cmpint (item_id (reason, 0), ==, rapport_record_get_id (RAPPORT_RECORD (moved)));

  /* A part in the trash finds nothing, in the first results and in all */
  trashed = rapport_deliverable_new (rapport_record_get_id (RAPPORT_RECORD (moved)), "Proofs");
  rapport_test_save (fixture->store, trashed);
  rapport_test_trash (fixture->store, trashed);
  gone = rapport_store_search_first (fixture->store, RAPPORT_TYPE_COMMITMENT, "proofs", 10);
  g_assert_cmpuint (g_list_model_get_n_items (gone), ==, 0);
  g_clear_object (&gone);
  gone = rapport_store_search (fixture->store, RAPPORT_TYPE_COMMITMENT, "proofs");
  g_assert_cmpuint (g_list_model_get_n_items (gone), ==, 0);

  /* A commitment in the trash is not found through its parts */
  rapport_test_trash (fixture->store, newer);
  g_assert_cmpuint (g_list_model_get_n_items (one), ==, 1);
  g_assert_cmpint (item_id (one, 0), ==, older_id);
}

static void
test_filtered_by_client_status_and_text (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(RapportClient) acme = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportClient) globex = rapport_test_add_client (fixture->store, "Globex");
  g_autoptr(RapportCommitment) a1 = NULL;
  g_autoptr(RapportCommitment) a2 = NULL;
  g_autoptr(RapportCommitment) g1 = NULL;
  g_autoptr(GListModel) by_client = NULL;
  g_autoptr(GListModel) open = NULL;
  g_autoptr(GListModel) text = NULL;
  g_autoptr(RapportCommitment) first = NULL;

  a1 = rapport_test_add_commitment (fixture->store, acme, "Report", "2030-02-01");
  a2 = rapport_test_add_commitment (fixture->store, acme, "Invoice", "2030-01-01");
  g1 = rapport_test_add_commitment (fixture->store, globex, "Report", "2030-03-01");

  by_client = rapport_store_list_filtered (fixture->store, RAPPORT_TYPE_COMMITMENT,
                                           rapport_record_get_id (RAPPORT_RECORD (acme)),
                                           NULL, -1, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (by_client), ==, 2);
  /* Sorted by due date */
  first = g_list_model_get_item (by_client, 0);
  g_assert_true (first == a2);

  open = rapport_store_list_filtered (fixture->store, RAPPORT_TYPE_COMMITMENT, 0,
                                      "status", RAPPORT_COMMITMENT_STATUS_OPEN, "report");
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 2);

  text = rapport_store_list_filtered (fixture->store, RAPPORT_TYPE_CLIENT, 0, NULL, -1, "glo");
  g_assert_cmpuint (g_list_model_get_n_items (text), ==, 1);

  rapport_commitment_set_status (g1, RAPPORT_COMMITMENT_STATUS_DROPPED);
  rapport_commitment_set_drop_reason (g1, "Cancelled by the client");
  rapport_test_save (fixture->store, g1);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 1);
}

static void
test_attention (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2030, 6, 15, 12, 0, 0);
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportClient) quiet = rapport_test_add_client (fixture->store, "Quiet");
  g_autoptr(RapportCommitment) late = NULL;
  g_autoptr(RapportCommitment) soon = NULL;
  g_autoptr(RapportCommitment) later = NULL;
  g_autoptr(RapportFeedback) feedback = NULL;
  g_autoptr(RapportLesson) old = NULL;
  g_autoptr(RapportLesson) fresh = NULL;
  g_autoptr(RapportInteraction) call = NULL;
  g_autoptr(GDateTime) call_time = g_date_time_add_days (now, -3);
  g_autoptr(GDate) old_day = rapport_date_new_dmy (1, 6, 2030);
  g_autoptr(GDate) fresh_day = rapport_date_new_dmy (14, 6, 2030);
  g_autoptr(GListModel) overdue = NULL;
  g_autoptr(GListModel) due_soon = NULL;
  g_autoptr(GListModel) open_feedback = NULL;
  g_autoptr(GListModel) apologies = NULL;
  g_autoptr(GListModel) unreviewed = NULL;
  g_autoptr(GListModel) out_of_touch = NULL;
  gint64 client_id = rapport_record_get_id (RAPPORT_RECORD (client));

  late = rapport_test_add_commitment (fixture->store, client, "Late", "2030-06-14");
  soon = rapport_test_add_commitment (fixture->store, client, "Today", "2030-06-15");
  later = rapport_test_add_commitment (fixture->store, client, "Later", "2030-06-30");
  feedback = rapport_feedback_new (client_id, "Too slow");
  rapport_test_save (fixture->store, feedback);
  old = rapport_lesson_new ("Missed a call");
  rapport_lesson_set_occurred_on (old, old_day);
  rapport_lesson_set_apology (old, RAPPORT_APOLOGY_OWED);
  rapport_test_save (fixture->store, old);
  fresh = rapport_lesson_new ("Typo in the invoice");
  rapport_lesson_set_occurred_on (fresh, fresh_day);
  rapport_test_save (fixture->store, fresh);

  rapport_client_set_cadence_days (client, 7);
  rapport_test_save (fixture->store, client);
  rapport_client_set_cadence_days (quiet, 7);
  rapport_test_save (fixture->store, quiet);
  call = rapport_interaction_new (client_id);
  rapport_interaction_set_occurred_at (call, call_time);
  rapport_test_save (fixture->store, call);

  overdue = rapport_store_list_attention (fixture->store, RAPPORT_ATTENTION_OVERDUE, now, 7);
  due_soon = rapport_store_list_attention (fixture->store, RAPPORT_ATTENTION_DUE_SOON, now, 7);
  open_feedback = rapport_store_list_attention (fixture->store,
                                                RAPPORT_ATTENTION_FEEDBACK_OPEN, now, 0);
  apologies = rapport_store_list_attention (fixture->store, RAPPORT_ATTENTION_APOLOGY_OWED, now, 0);
  unreviewed = rapport_store_list_attention (fixture->store,
                                             RAPPORT_ATTENTION_LESSON_UNREVIEWED, now, 7);
  out_of_touch = rapport_store_list_attention (fixture->store,
                                               RAPPORT_ATTENTION_CLIENT_OUT_OF_TOUCH, now, 0);

  g_assert_cmpuint (g_list_model_get_n_items (overdue), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (due_soon), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (open_feedback), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (apologies), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (unreviewed), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (out_of_touch), ==, 1);

  /* Delivering the late commitment takes it off the list */
  rapport_commitment_set_status (late, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (late, call_time);
  rapport_test_save (fixture->store, late);
  g_assert_cmpuint (g_list_model_get_n_items (overdue), ==, 0);
}

/* An open commitment whose date moved without the client knowing waits
 * for them to be told, and leaves the list once they are */
static void
test_attention_client_not_told (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportCommitment) moved = rapport_test_add_commitment (fixture->store, client,
                                                                    "Moved", "2031-06-20");
  g_autoptr(RapportCommitment) done = rapport_test_add_commitment (fixture->store, client,
                                                                   "Done", "2031-06-25");
  g_autoptr(RapportRenegotiation) untold = NULL;
  g_autoptr(RapportRenegotiation) done_untold = NULL;
  g_autoptr(GDate) old_due = rapport_date_new_dmy (10, 6, 2031);
  g_autoptr(GDate) new_due = rapport_date_new_dmy (20, 6, 2031);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(RapportCommitment) first = NULL;

  untold = rapport_renegotiation_new (rapport_record_get_id (RAPPORT_RECORD (moved)));
  g_object_set (untold, "old-due", old_due, "new-due", new_due, "reason", "Printer broke",
                "client-told", FALSE, NULL);
  rapport_test_save (fixture->store, untold);
  /* Delivered, whatever the client knew of its date: nothing to tell */
  done_untold = rapport_renegotiation_new (rapport_record_get_id (RAPPORT_RECORD (done)));
  g_object_set (done_untold, "old-due", old_due, "new-due", new_due, "reason", "Late files",
                "client-told", FALSE, NULL);
  rapport_test_save (fixture->store, done_untold);
  rapport_commitment_set_status (done, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (done, now);
  rapport_test_save (fixture->store, done);

  list = rapport_store_list_attention (fixture->store, RAPPORT_ATTENTION_CLIENT_NOT_TOLD, now, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  first = g_list_model_get_item (list, 0);
  g_assert_true (first == moved);

  /* Told: a change to a renegotiation, which the commitments' list follows */
  rapport_renegotiation_set_client_told (untold, TRUE);
  rapport_test_save (fixture->store, untold);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  /* Moved again without a word, then once more, the client told and
   * agreeing: they know where the date is now, nothing is left to tell */
  {
    g_autoptr(RapportRenegotiation) again = NULL;
    g_autoptr(RapportRenegotiation) told = NULL;
    g_autoptr(GDate) later_due = rapport_date_new_dmy (30, 6, 2031);
    g_autoptr(GDateTime) then = g_date_time_add_hours (now, 1);

    again = rapport_renegotiation_new (rapport_record_get_id (RAPPORT_RECORD (moved)));
    g_object_set (again, "old-due", new_due, "new-due", old_due, "reason", "Ill",
                  "client-told", FALSE, "renegotiated-at", now, NULL);
    rapport_test_save (fixture->store, again);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

    told = rapport_renegotiation_new (rapport_record_get_id (RAPPORT_RECORD (moved)));
    g_object_set (told, "old-due", old_due, "new-due", later_due, "reason", "Ill for longer",
                  "client-told", TRUE, "client-agreed", TRUE, "renegotiated-at", then, NULL);
    rapport_test_save (fixture->store, told);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  }
}

/* A client given a cadence but never contacted is due an update a
 * cadence after it was added, in the overview and on its page alike */
static void
test_attention_new_client (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "New");
  GDateTime *created = rapport_record_get_created (RAPPORT_RECORD (client));
  g_autoptr(GDateTime) in_six_days = g_date_time_add_days (created, 6);
  g_autoptr(GDateTime) in_eight_days = g_date_time_add_days (created, 8);
  g_autoptr(GListModel) soon = NULL;
  g_autoptr(GListModel) later = NULL;

  rapport_client_set_cadence_days (client, 7);
  rapport_test_save (fixture->store, client);

  soon = rapport_store_list_attention (fixture->store, RAPPORT_ATTENTION_CLIENT_OUT_OF_TOUCH,
                                       in_six_days, 0);
  later = rapport_store_list_attention (fixture->store, RAPPORT_ATTENTION_CLIENT_OUT_OF_TOUCH,
                                        in_eight_days, 0);
  g_assert_cmpuint (g_list_model_get_n_items (soon), ==, 0);
  g_assert_false (rapport_client_is_out_of_touch (client, in_six_days));
  g_assert_cmpuint (g_list_model_get_n_items (later), ==, 1);
  g_assert_true (rapport_client_is_out_of_touch (client, in_eight_days));

  /* A paused client is due nothing */
  rapport_client_set_status (client, RAPPORT_CLIENT_STATUS_PAUSED);
  rapport_test_save (fixture->store, client);
  g_assert_cmpuint (g_list_model_get_n_items (later), ==, 0);
  g_assert_false (rapport_client_is_out_of_touch (client, in_eight_days));
}

static GPtrArray *
search_async (RapportStore  *store,
              const GType   *types,
              guint          n_types,
              const char    *text,
              guint          limit,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rapport_store_search_async (store, types, n_types, text, limit, cancellable,
                              rapport_test_keep_result, &result);
  rapport_test_wait (&result);

  return rapport_store_search_finish (store, result, error);
}

static void
test_search_async (Fixture       *fixture,
                   gconstpointer  data)
{
  const GType types[] = { RAPPORT_TYPE_CLIENT, RAPPORT_TYPE_COMMITMENT, RAPPORT_TYPE_LESSON };
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Report Writers");
  g_autoptr(RapportCommitment) commitment = NULL;
  g_autoptr(RapportCommitment) other = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  commitment = rapport_test_add_commitment (fixture->store, client, "Annual report", "2030-01-10");

  lists = search_async (fixture->store, types, G_N_ELEMENTS (types), "report", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lists->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (lists->pdata[0]), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (lists->pdata[1]), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (lists->pdata[2]), ==, 0);

  /* The lists found in the thread are live like any other */
  other = rapport_test_add_commitment (fixture->store, client, "Report draft", "2030-01-05");
  g_assert_cmpuint (g_list_model_get_n_items (lists->pdata[1]), ==, 2);
  g_clear_pointer (&lists, g_ptr_array_unref);

  /* No words find nothing */
  lists = search_async (fixture->store, types, G_N_ELEMENTS (types), "  ", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lists->pdata[1]), ==, 0);
  g_clear_pointer (&lists, g_ptr_array_unref);

  /* The first results only, as the search page asks for them */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RapportCommitment) more = rapport_test_add_commitment (fixture->store, client,
                                                                       "Report", "2030-01-05");
    }
  lists = search_async (fixture->store, types, G_N_ELEMENTS (types), "report", 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lists->pdata[0]), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (lists->pdata[1]), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (lists->pdata[2]), ==, 0);
  /* Newest first, and as live as the others */
  {
    g_autoptr(RapportCommitment) newest = rapport_test_add_commitment (fixture->store, client,
                                                                       "Report, final",
                                                                       "2031-01-05");

    g_assert_cmpuint (g_list_model_get_n_items (lists->pdata[1]), ==, 3);
    g_assert_cmpint (item_id (lists->pdata[1], 0), ==,
                     rapport_record_get_id (RAPPORT_RECORD (newest)));
  }
  g_clear_pointer (&lists, g_ptr_array_unref);

  /* The search's connection is kept between searches, and still sees what
   * was written since */
  lists = search_async (fixture->store, types, G_N_ELEMENTS (types), "final", 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lists->pdata[1]), ==, 1);
  g_clear_pointer (&lists, g_ptr_array_unref);

  /* What changed while the thread searched is in the lists it gives */
  {
    g_autoptr(RapportCommitment) draft = rapport_test_add_commitment (fixture->store, client,
                                                                      "Overnight draft",
                                                                      "2030-02-01");
    g_autoptr(GAsyncResult) result = NULL;

    rapport_store_search_async (fixture->store, types, G_N_ELEMENTS (types), "overnight", 2,
                                NULL, rapport_test_keep_result, &result);
    rapport_test_wait (&result);
    rapport_store_trash (fixture->store, RAPPORT_RECORD (draft), &error);
    g_assert_no_error (error);
    lists = rapport_store_search_finish (fixture->store, result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (lists->pdata[1]), ==, 0);
    g_clear_pointer (&lists, g_ptr_array_unref);
  }

  /* A cancelled search says so */
  g_cancellable_cancel (cancellable);
  lists = search_async (fixture->store, types, G_N_ELEMENTS (types), "report", 0,
                        cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (lists);
}

/* A database written by the first Rapport gets its rows indexed */
static GListModel *
filtered_async (RapportStore *store,
                GType         type,
                gint64        client_id,
                const char   *enum_property,
                int           enum_value,
                const char   *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;

  rapport_store_list_filtered_async (store, type, client_id, enum_property, enum_value, text,
                                     NULL, rapport_test_keep_result, &result);
  rapport_test_wait (&result);

  list = rapport_store_list_filtered_finish (store, result, &error);
  g_assert_no_error (error);
  return list;
}

/* Read in a thread, a filtered list is the very list read at once, as live */
static void
test_filtered_async (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RapportClient) acme = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportClient) globex = rapport_test_add_client (fixture->store, "Globex");
  g_autoptr(RapportCommitment) a1 = NULL;
  g_autoptr(RapportCommitment) a2 = NULL;
  g_autoptr(RapportCommitment) g1 = NULL;
  g_autoptr(RapportCommitment) added = NULL;
  struct { gint64 client_id; const char *status; int value; const char *text; } filters[] = {
    { 0, NULL, -1, NULL },
    { 0, NULL, -1, "report" },
    { 0, NULL, -1, "rep inv" },
    { 0, "status", RAPPORT_COMMITMENT_STATUS_OPEN, "report" },
    { rapport_record_get_id (RAPPORT_RECORD (acme)), NULL, -1, "REPÓRT" },
    { rapport_record_get_id (RAPPORT_RECORD (globex)), "status",
      RAPPORT_COMMITMENT_STATUS_DROPPED, NULL },
  };
  g_autoptr(GListModel) live = NULL;

  a1 = rapport_test_add_commitment (fixture->store, acme, "Report", "2030-02-01");
  a2 = rapport_test_add_commitment (fixture->store, acme, "Invoice", "2030-01-01");
  g1 = rapport_test_add_commitment (fixture->store, globex, "Report, final", "2030-03-01");

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GListModel) now = NULL;
      g_autoptr(GListModel) later = NULL;

      now = rapport_store_list_filtered (fixture->store, RAPPORT_TYPE_COMMITMENT,
                                         filters[i].client_id, filters[i].status,
                                         filters[i].value, filters[i].text);
      later = filtered_async (fixture->store, RAPPORT_TYPE_COMMITMENT, filters[i].client_id,
                              filters[i].status, filters[i].value, filters[i].text);
      g_assert_cmpuint (g_list_model_get_n_items (later), ==, g_list_model_get_n_items (now));
      for (guint j = 0; j < g_list_model_get_n_items (now); j++)
        {
          g_autoptr(GObject) expected = g_list_model_get_item (now, j);
          g_autoptr(GObject) found = g_list_model_get_item (later, j);

          g_assert_true (found == expected);
        }
    }

  /* And it follows changes */
  live = filtered_async (fixture->store, RAPPORT_TYPE_COMMITMENT, 0, NULL, -1, "report");
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 2);
  added = rapport_test_add_commitment (fixture->store, globex, "Quarterly report", "2029-01-01");
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 3);
}

static void
test_search_migration_indexes_old_rows (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *pragmas = g_strdup_printf ("PRAGMA application_id = %d; "
                                              "PRAGMA user_version = 1;",
                                              RAPPORT_STORE_APPLICATION_ID);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, _rapport_store_schema_migration (1), NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragmas, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO clients (uuid, created, updated, name, notes) "
                                 "VALUES ('6f1c3a8e-3b1d-4f6e-9a57-0d2c1f3b9e11', 0, 0, "
                                 "'Umbrella', 'Prefers calls on Mondays')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  found = rapport_store_search (store, RAPPORT_TYPE_CLIENT, "monday");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);

  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

/* Another client of the same name, whatever its case and accents; not
 * the client being edited itself, nor one whose name only holds the words */
static void
test_find_namesake (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(RapportClient) ana = rapport_test_add_client (fixture->store, "Ana López");
  g_autoptr(RapportClient) longer = rapport_test_add_client (fixture->store, "Ana López Ruiz");
  g_autoptr(RapportClient) found = NULL;

  (void) data;
  (void) longer;

  found = rapport_store_find_namesake (fixture->store, "  ana lopez ", 0);
  g_assert_true (found == ana);
  g_clear_object (&found);

  g_assert_null (rapport_store_find_namesake (fixture->store, "ANA LÓPEZ",
                                              rapport_record_get_id (RAPPORT_RECORD (ana))));
  g_assert_null (rapport_store_find_namesake (fixture->store, "Ana", 0));
  g_assert_null (rapport_store_find_namesake (fixture->store, "   ", 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/search/every-kind-follows-changes", test_search_every_kind);
  ADD ("/store/search/commitment-by-deliverable", test_search_finds_commitment_by_deliverable);
  ADD ("/store/search/async-in-a-thread", test_search_async);
  ADD ("/store/search/first/newest-and-one-more", test_search_first_newest_and_one_more);
  ADD ("/store/search/namesake", test_find_namesake);
  ADD ("/store/search/first/trash-takes-no-place", test_search_first_skips_trash);
  ADD ("/store/search/first/commitment-through-parts", test_search_first_commitment_through_parts);
  g_test_add_func ("/store/search/migration-indexes-old-rows",
                   test_search_migration_indexes_old_rows);
  ADD ("/store/filtered/client-status-and-text", test_filtered_by_client_status_and_text);
  ADD ("/store/filtered/async-in-a-thread", test_filtered_async);
  ADD ("/store/attention/what-needs-attention", test_attention);
  ADD ("/store/attention/new-client-after-a-cadence", test_attention_new_client);
  ADD ("/store/attention/client-not-told", test_attention_client_not_told);

  return g_test_run ();
}
