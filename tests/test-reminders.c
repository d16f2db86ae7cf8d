/* test-reminders.c: which commitments are reminded of, once a day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rapport-reminders.h"
#include "rapport-test-util.h"

static GPtrArray *
due_reminders (RapportStore *store,
               const char   *today_iso)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = rapport_date_parse (today_iso, NULL);
  GPtrArray *reminders = rapport_store_dup_due_reminders (store, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reminders);
  return reminders;
}

/* Claims the reminders of @today_iso, as the notifier does; @withdrawn
 * may be NULL */
static guint
claim (RapportStore  *store,
       const char    *today_iso,
       guint          max_listed,
       guint         *overdue,
       GPtrArray    **listed,
       GPtrArray    **withdrawn)
{
  g_autoptr(GDate) today = rapport_date_parse (today_iso, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint due_today;
  guint count;

  rapport_store_claim_reminders_async (store, today, max_listed, NULL, rapport_test_keep_result,
                                       &result);
  rapport_test_wait (&result);
  count = rapport_store_claim_reminders_finish (store, result, overdue, &due_today, listed,
                                                withdrawn, &error);
  g_assert_no_error (error);
  return count;
}

static guint
claim_all (RapportStore *store,
           const char   *today_iso)
{
  g_autoptr(GPtrArray) listed = NULL;
  guint overdue;
  guint count = claim (store, today_iso, G_MAXUINT, &overdue, &listed, NULL);

  g_assert_cmpuint (listed != NULL ? listed->len : 0, ==, count);
  return count;
}

/* The store in @dir opened again, as after a restart on @day: nothing
 * is due that day any more, and on @next_day its one commitment is, as
 * overdue */
static void
assert_once_across_restart (const char *dir,
                            const char *day,
                            const char *next_day)
{
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(GPtrArray) same_day = due_reminders (store, day);
  g_autoptr(GPtrArray) next = due_reminders (store, next_day);

  g_assert_cmpuint (same_day->len, ==, 0);
  g_assert_cmpuint (next->len, ==, 1);
  g_assert_cmpint (((RapportReminder *) next->pdata[0])->kind, ==, RAPPORT_REMINDER_OVERDUE);
}

static void
test_which_commitments (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportCommitment) tomorrow = rapport_test_add_commitment (store, client, "Tomorrow", "2026-11-24");
  g_autoptr(RapportCommitment) today = rapport_test_add_commitment (store, client, "Today", "2026-11-23");
  g_autoptr(RapportCommitment) late = rapport_test_add_commitment (store, client, "Late", "2026-11-20");
  g_autoptr(RapportCommitment) later = rapport_test_add_commitment (store, client, "Later", "2026-11-30");
  g_autoptr(RapportCommitment) delivered = rapport_test_add_commitment (store, client, "Delivered", "2026-11-19");
  g_autoptr(RapportCommitment) trashed = rapport_test_add_commitment (store, client, "Trashed", "2026-11-19");
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  RapportReminder *first, *second;

  rapport_commitment_set_status (delivered, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (delivered, now);
  g_assert_true (rapport_store_save (store, RAPPORT_RECORD (delivered), &error));
  g_assert_true (rapport_store_trash (store, RAPPORT_RECORD (trashed), &error));
  g_assert_no_error (error);

  reminders = due_reminders (store, "2026-11-23");
  g_assert_cmpuint (reminders->len, ==, 3);

  first = reminders->pdata[0];
  /* Due today, and nothing went out the day before */
  g_assert_cmpint (((RapportReminder *) reminders->pdata[1])->commitment_id, ==,
                   rapport_record_get_id (RAPPORT_RECORD (today)));
  g_assert_cmpint (((RapportReminder *) reminders->pdata[1])->kind, ==,
                   RAPPORT_REMINDER_DUE_TODAY);
  second = reminders->pdata[2];
  g_assert_cmpint (first->commitment_id, ==, rapport_record_get_id (RAPPORT_RECORD (late)));
  g_assert_cmpint (first->kind, ==, RAPPORT_REMINDER_OVERDUE);
  g_assert_cmpstr (first->client_name, ==, "Acme");
  g_assert_cmpint (second->commitment_id, ==, rapport_record_get_id (RAPPORT_RECORD (tomorrow)));
  g_assert_cmpint (second->kind, ==, RAPPORT_REMINDER_DUE_TOMORROW);

  {
    g_autoptr(GDate) day = rapport_date_parse ("2026-11-23", NULL);
    g_autofree char *late_title = rapport_reminder_dup_title (first, day);
    g_autofree char *soon_title = rapport_reminder_dup_title (second, day);

    g_assert_cmpstr (late_title, ==, "“Late” is 3 days overdue");
    g_assert_cmpstr (soon_title, ==, "“Tomorrow” is due tomorrow");
  }

  g_clear_object (&tomorrow);
  g_clear_object (&today);
  g_clear_object (&late);
  g_clear_object (&later);
  g_clear_object (&delivered);
  g_clear_object (&trashed);
  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

static void
test_once_a_day_across_restarts (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportCommitment) late = rapport_test_add_commitment (store, client, "Late", "2026-11-20");
  g_autoptr(GPtrArray) reminders = NULL;

  reminders = due_reminders (store, "2026-11-23");
  g_assert_cmpuint (reminders->len, ==, 1);
  g_assert_cmpuint (claim_all (store, "2026-11-23"), ==, reminders->len);
  g_clear_pointer (&reminders, g_ptr_array_unref);

  reminders = due_reminders (store, "2026-11-23");
  g_assert_cmpuint (reminders->len, ==, 0);
  g_clear_pointer (&reminders, g_ptr_array_unref);

  /* A restart the same day sends nothing again; the next day it is
   * still overdue: one reminder again */
  g_clear_object (&late);
  g_clear_object (&client);
  g_clear_object (&store);
  assert_once_across_restart (dir, "2026-11-23", "2026-11-24");
  rapport_test_remove_dir (dir);
}

static void
test_tomorrow_then_overdue (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportCommitment) commitment = rapport_test_add_commitment (store, client, "Logo", "2026-11-24");
  g_autoptr(GPtrArray) reminders = NULL;

  reminders = due_reminders (store, "2026-11-23");
  g_assert_cmpuint (reminders->len, ==, 1);
  g_assert_cmpuint (claim_all (store, "2026-11-23"), ==, reminders->len);
  g_clear_pointer (&reminders, g_ptr_array_unref);

  /* The due day itself: nothing */
  reminders = due_reminders (store, "2026-11-24");
  g_assert_cmpuint (reminders->len, ==, 0);
  g_clear_pointer (&reminders, g_ptr_array_unref);

  reminders = due_reminders (store, "2026-11-25");
  g_assert_cmpuint (reminders->len, ==, 1);
  g_assert_cmpint (((RapportReminder *) reminders->pdata[0])->kind, ==, RAPPORT_REMINDER_OVERDUE);

  g_clear_object (&commitment);
  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

/* The app did not run the day before (a weekend), or the commitment was
 * made that day: it is reminded of on its due day, once */
static void
test_due_day_without_one_before (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportCommitment) commitment = rapport_test_add_commitment (store, client, "Logo",
                                                                         "2026-11-24");
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GDate) day = rapport_date_parse ("2026-11-24", NULL);
  g_autofree char *title = NULL;

  /* Claimed on the 20th, when it was not due yet: nothing */
  g_assert_cmpuint (claim_all (store, "2026-11-20"), ==, 0);

  reminders = due_reminders (store, "2026-11-24");
  g_assert_cmpuint (reminders->len, ==, 1);
  g_assert_cmpint (((RapportReminder *) reminders->pdata[0])->kind, ==,
                   RAPPORT_REMINDER_DUE_TODAY);
  title = rapport_reminder_dup_title (reminders->pdata[0], day);
  g_assert_cmpstr (title, ==, "“Logo” is due today");
  g_assert_cmpuint (claim_all (store, "2026-11-24"), ==, 1);
  g_clear_pointer (&reminders, g_ptr_array_unref);

  /* Once: not again that day, even after a restart */
  g_clear_object (&commitment);
  g_clear_object (&client);
  g_clear_object (&store);
  assert_once_across_restart (dir, "2026-11-24", "2026-11-25");
  rapport_test_remove_dir (dir);
}

/* Many are counted, not listed, and all of them are claimed */
static void
test_many_claimed (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GDate) first_due = rapport_date_parse ("2026-11-01", NULL);
  const char *dues[] = { "2026-11-24", "2026-11-24", "2026-11-20", "2026-11-01", "2026-11-22",
                         "2026-11-23", "2026-12-01" };
  guint overdue = 99;

  for (guint i = 0; i < G_N_ELEMENTS (dues); i++)
    {
      g_autoptr(RapportCommitment) commitment = rapport_test_add_commitment (store, client, "Promise",
                                                                             dues[i]);
    }

  reminders = due_reminders (store, "2026-11-23");
  g_assert_cmpuint (reminders->len, ==, 6);
  g_assert_cmpuint (claim (store, "2026-11-23", 3, &overdue, &listed, NULL), ==, 6);
  g_assert_null (listed);
  g_assert_cmpuint (overdue, ==, 3);

  g_clear_pointer (&reminders, g_ptr_array_unref);
  reminders = due_reminders (store, "2026-11-23");
  g_assert_cmpuint (reminders->len, ==, 0);
  g_assert_cmpuint (claim (store, "2026-11-23", 3, &overdue, &listed, NULL), ==, 0);
  g_assert_cmpuint (overdue, ==, 0);

  /* The next day, the overdue ones are due again (those due that day were
   * reminded of the day before), few enough to be listed, the most overdue
   * first */
  g_assert_cmpuint (claim (store, "2026-11-24", 4, &overdue, &listed, NULL), ==, 4);
  g_assert_cmpuint (overdue, ==, 4);
  g_assert_nonnull (listed);
  g_assert_cmpuint (listed->len, ==, 4);
  g_assert_true (rapport_date_equal (((RapportReminder *) listed->pdata[0])->due, first_due));

  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

/* How many reminders the claim of @today_iso lists as withdrawn; the
 * first is put in @first */
static guint
claim_withdrawn (RapportStore    *store,
                 const char      *today_iso,
                 RapportReminder *first)
{
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) withdrawn = NULL;
  guint overdue;

  claim (store, today_iso, G_MAXUINT, &overdue, &listed, &withdrawn);
  g_assert_nonnull (withdrawn);
  if (withdrawn->len > 0 && first != NULL)
    *first = *(RapportReminder *) withdrawn->pdata[0];
  return withdrawn->len;
}

/* A reminder sent that no longer holds is listed once, so that the app
 * takes it off the desktop, even after a restart; and one goes out again
 * when it holds again */
static void
test_withdrawn_once (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportCommitment) tomorrow =
    rapport_test_add_commitment (store, client, "Tomorrow", "2026-11-24");
  g_autoptr(RapportCommitment) late =
    rapport_test_add_commitment (store, client, "Late", "2026-11-20");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDate) moved = rapport_date_parse ("2026-11-27", NULL);
  RapportReminder first = { 0 };

  g_assert_cmpuint (claim_all (store, "2026-11-23"), ==, 2);
  g_assert_cmpuint (claim_withdrawn (store, "2026-11-23", NULL), ==, 0);

  /* Delivered */
  rapport_commitment_set_status (tomorrow, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (tomorrow, now);
  rapport_test_save (store, tomorrow);
  g_assert_cmpuint (claim_withdrawn (store, "2026-11-23", &first), ==, 1);
  g_assert_cmpint (first.commitment_id, ==, rapport_record_get_id (RAPPORT_RECORD (tomorrow)));
  g_assert_cmpint (first.kind, ==, RAPPORT_REMINDER_DUE_TOMORROW);
  g_assert_cmpuint (claim_withdrawn (store, "2026-11-23", NULL), ==, 0);

  /* Moved past today: no longer overdue */
  rapport_commitment_set_due (late, moved);
  rapport_test_save (store, late);
  g_assert_cmpuint (claim_withdrawn (store, "2026-11-23", &first), ==, 1);
  g_assert_cmpint (first.commitment_id, ==, rapport_record_get_id (RAPPORT_RECORD (late)));
  g_assert_cmpint (first.kind, ==, RAPPORT_REMINDER_OVERDUE);

  /* Reopened, it is due tomorrow again */
  rapport_commitment_set_status (tomorrow, RAPPORT_COMMITMENT_STATUS_OPEN);
  rapport_commitment_set_delivered_at (tomorrow, NULL);
  rapport_test_save (store, tomorrow);
  g_assert_cmpuint (claim_all (store, "2026-11-23"), ==, 1);

  g_clear_object (&late);
  g_clear_object (&tomorrow);
  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reminders/which-commitments", test_which_commitments);
  g_test_add_func ("/reminders/once-a-day-across-restarts", test_once_a_day_across_restarts);
  g_test_add_func ("/reminders/tomorrow-then-overdue", test_tomorrow_then_overdue);
  g_test_add_func ("/reminders/due-day-without-one-before", test_due_day_without_one_before);
  g_test_add_func ("/reminders/many-claimed", test_many_claimed);
  g_test_add_func ("/reminders/withdrawn-once", test_withdrawn_once);

  return g_test_run ();
}
