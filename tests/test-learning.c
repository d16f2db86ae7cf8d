/* test-learning.c: how long feedback waited, lesson tags, lessons drafted
 * from feedback, and the tags lessons share in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-learning"

#include "config.h"

#include "rapport-learning.h"
#include "rapport-store-lessons.h"
#include "rapport-test-util.h"

static GDateTime *
moment (const char *iso)
{
  g_autoptr(GError) error = NULL;
  GDateTime *parsed = rapport_date_time_parse_iso (iso, &error);

  g_assert_no_error (error);
  return parsed;
}

static void
assert_duration (const char          *from,
                 const char          *to,
                 guint                amount,
                 RapportDurationUnit  unit)
{
  g_autoptr(GDateTime) a = moment (from);
  g_autoptr(GDateTime) b = moment (to);
  RapportDuration duration = { 0, 0 };

  g_assert_true (rapport_learning_duration_between (a, b, &duration));
  g_assert_cmpuint (duration.amount, ==, amount);
  g_assert_cmpint (duration.unit, ==, unit);
}

static void
test_duration_units (void)
{
  /* Under a minute still reads as one minute, not "0 minutes" */
  assert_duration ("2026-03-01T10:00:00Z", "2026-03-01T10:00:20Z", 1, RAPPORT_DURATION_MINUTES);
  assert_duration ("2026-03-01T10:00:00Z", "2026-03-01T10:59:59Z", 59, RAPPORT_DURATION_MINUTES);
  assert_duration ("2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 1, RAPPORT_DURATION_HOURS);
  assert_duration ("2026-03-01T10:00:00Z", "2026-03-01T15:30:00Z", 5, RAPPORT_DURATION_HOURS);
  /* Across midnight, one and a half days are hours, not "1 day" */
  assert_duration ("2026-03-01T23:00:00Z", "2026-03-03T10:00:00Z", 35, RAPPORT_DURATION_HOURS);
  assert_duration ("2026-03-01T10:00:00Z", "2026-03-03T09:59:59Z", 47, RAPPORT_DURATION_HOURS);
  assert_duration ("2026-03-01T10:00:00Z", "2026-03-03T10:00:00Z", 2, RAPPORT_DURATION_DAYS);
  assert_duration ("2026-03-01T10:00:00Z", "2026-03-06T09:00:00Z", 4, RAPPORT_DURATION_DAYS);
  /* Across the end of February of a leap year */
  assert_duration ("2028-02-27T12:00:00Z", "2028-03-01T12:00:00Z", 3, RAPPORT_DURATION_DAYS);
}

static void
test_duration_time_zones (void)
{
  /* One instant written in three zones: zero time between them */
  assert_duration ("2026-03-01T10:00:00Z", "2026-03-01T11:00:00+01:00", 1,
                   RAPPORT_DURATION_MINUTES);
  assert_duration ("2026-03-01T10:00:00-05:00", "2026-03-01T15:00:00Z", 1,
                   RAPPORT_DURATION_MINUTES);
  /* Two hours, though the local clocks say the same time */
  assert_duration ("2026-03-01T10:00:00+02:00", "2026-03-01T10:00:00Z", 2,
                   RAPPORT_DURATION_HOURS);
  /* A day change in one zone but not in the other counts as hours */
  assert_duration ("2026-03-01T23:30:00+01:00", "2026-03-02T17:30:00+09:00", 10,
                   RAPPORT_DURATION_HOURS);
}

static void
test_duration_backwards (void)
{
  g_autoptr(GDateTime) a = moment ("2026-03-02T10:00:00Z");
  g_autoptr(GDateTime) b = moment ("2026-03-01T10:00:00Z");
  RapportDuration duration = { 7, RAPPORT_DURATION_DAYS };

  g_assert_false (rapport_learning_duration_between (a, b, &duration));
  g_assert_false (rapport_learning_duration_between (NULL, b, &duration));
  g_assert_false (rapport_learning_duration_between (a, NULL, &duration));
}

static void
test_feedback_times (void)
{
  g_autoptr(RapportFeedback) feedback = rapport_feedback_new (1, "The logo is too small");
  g_autoptr(GDateTime) received = moment ("2026-03-01T09:00:00Z");
  g_autoptr(GDateTime) acknowledged = moment ("2026-03-03T10:00:00+01:00");
  g_autoptr(GDateTime) resolved = moment ("2026-03-01T14:00:00Z");
  RapportDuration duration = { 0, 0 };

  rapport_feedback_set_received_at (feedback, received);
  g_assert_false (rapport_learning_time_to_acknowledge (feedback, &duration));
  g_assert_false (rapport_learning_time_to_resolve (feedback, &duration));

  rapport_feedback_set_status (feedback, RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED);
  rapport_feedback_set_acknowledged_at (feedback, acknowledged);
  g_assert_true (rapport_learning_time_to_acknowledge (feedback, &duration));
  g_assert_cmpuint (duration.amount, ==, 2);
  g_assert_cmpint (duration.unit, ==, RAPPORT_DURATION_DAYS);

  /* A moment to resolve is not an answer until the status says so */
  rapport_feedback_set_resolved_at (feedback, resolved);
  g_assert_false (rapport_learning_time_to_resolve (feedback, &duration));

  rapport_feedback_set_status (feedback, RAPPORT_FEEDBACK_STATUS_ADDRESSED);
  g_assert_true (rapport_learning_time_to_resolve (feedback, &duration));
  g_assert_cmpuint (duration.amount, ==, 5);
  g_assert_cmpint (duration.unit, ==, RAPPORT_DURATION_HOURS);

  rapport_feedback_set_status (feedback, RAPPORT_FEEDBACK_STATUS_DECLINED);
  g_assert_true (rapport_learning_time_to_resolve (feedback, &duration));
  g_assert_cmpuint (duration.amount, ==, 5);
}

static void
test_feedback_waiting (void)
{
  g_autoptr(RapportFeedback) feedback = rapport_feedback_new (1, "Where is the draft?");
  /* Monday 20:00 in Auckland (UTC+13 in March) */
  g_autoptr(GDateTime) received = moment ("2026-03-02T07:00:00Z");
  g_autoptr(GDateTime) same_evening = moment ("2026-03-02T09:30:00Z");
  g_autoptr(GDateTime) tuesday = moment ("2026-03-02T20:00:00Z");
  g_autoptr(GDateTime) wednesday_morning = moment ("2026-03-03T19:00:00Z");
  g_autoptr(GDateTime) friday = moment ("2026-03-05T22:00:00Z");
  g_autoptr(GDateTime) acknowledged = moment ("2026-03-03T07:00:00Z");
  g_autoptr(GDateTime) earlier = moment ("2026-03-01T00:00:00Z");
  RapportDuration duration = { 0, 0 };

  rapport_feedback_set_received_at (feedback, received);

  g_assert_true (rapport_learning_time_waiting (feedback, same_evening, &duration));
  g_assert_cmpuint (duration.amount, ==, 2);
  g_assert_cmpint (duration.unit, ==, RAPPORT_DURATION_HOURS);

  /* The next day, still hours */
  g_assert_true (rapport_learning_time_waiting (feedback, tuesday, &duration));
  g_assert_cmpuint (duration.amount, ==, 13);
  g_assert_cmpint (duration.unit, ==, RAPPORT_DURATION_HOURS);

  /* 36 elapsed hours, but Monday evening to Wednesday morning is two days,
   * as the lists count them */
  g_assert_true (rapport_learning_time_waiting (feedback, wednesday_morning, &duration));
  g_assert_cmpuint (duration.amount, ==, 2);
  g_assert_cmpint (duration.unit, ==, RAPPORT_DURATION_DAYS);

  /* Friday 11:00 local: four calendar days, though 3.6 elapsed */
  g_assert_true (rapport_learning_time_waiting (feedback, friday, &duration));
  g_assert_cmpuint (duration.amount, ==, 4);
  g_assert_cmpint (duration.unit, ==, RAPPORT_DURATION_DAYS);

  /* Once acknowledged it is no longer waiting */
  rapport_feedback_set_status (feedback, RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED);
  rapport_feedback_set_acknowledged_at (feedback, acknowledged);
  g_assert_false (rapport_learning_time_waiting (feedback, friday, &duration));

  /* A clock set back does not make a negative wait */
  rapport_feedback_set_status (feedback, RAPPORT_FEEDBACK_STATUS_OPEN);
  g_assert_false (rapport_learning_time_waiting (feedback, earlier, &duration));
}

static void
assert_tags (const char         *text,
             const char * const *expected)
{
  g_auto(GStrv) tags = rapport_learning_parse_tags (text);

  g_assert_cmpstrv (tags, expected);
}

static void
test_tags_normalize (void)
{
  g_autofree char *plain = rapport_learning_normalize_tag ("  Late   Delivery\t");
  g_autofree char *accented = rapport_learning_normalize_tag ("DISEÑO Gráfico");
  /* "é" typed as "e" + U+0301 is the same tag as the composed "é" */
  g_autofree char *decomposed = rapport_learning_normalize_tag ("Cafe\xcc\x81");
  g_autofree char *blank = rapport_learning_normalize_tag (" \t ");

  g_assert_cmpstr (plain, ==, "late delivery");
  g_assert_cmpstr (accented, ==, "diseño gráfico");
  g_assert_cmpstr (decomposed, ==, "café");
  g_assert_null (blank);
  g_assert_null (rapport_learning_normalize_tag (NULL));
}

static void
test_tags_parse (void)
{
  assert_tags (NULL, (const char * const[]) { NULL });
  assert_tags (" , ,, ", (const char * const[]) { NULL });
  assert_tags ("Scope, late delivery ,  SCOPE,Late  Delivery",
               (const char * const[]) { "scope", "late delivery", NULL });
  /* Accents keep tags apart; case does not */
  assert_tags ("Diseño, diseno, DISEÑO; estimación",
               (const char * const[]) { "diseño", "diseno", "estimación", NULL });

  g_assert_true (rapport_learning_has_tag ("scope, Late Delivery", "late   delivery"));
  g_assert_false (rapport_learning_has_tag ("scope, Late Delivery", "late"));
  g_assert_false (rapport_learning_has_tag (NULL, "late"));
  g_assert_false (rapport_learning_has_tag ("late", " "));
}

static void
test_summary (void)
{
  g_autofree char *short_text = rapport_learning_dup_summary ("  Sent the wrong file \nthen", 40);
  g_autofree char *long_text = rapport_learning_dup_summary ("ñññññññññññ", 5);
  g_autofree char *none = rapport_learning_dup_summary (NULL, 5);

  g_assert_cmpstr (short_text, ==, "Sent the wrong file");
  g_assert_cmpstr (long_text, ==, "ññññ…");
  g_assert_cmpstr (none, ==, "");
}

typedef struct
{
  char         *dir;
  RapportStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  (void) data;

  fixture->dir = rapport_test_make_dir ();
  fixture->store = rapport_test_open_store (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  (void) data;

  g_clear_object (&fixture->store);
  rapport_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static RapportLesson *
add_lesson (Fixture       *fixture,
            RapportClient *client,
            const char    *what,
            const char    *occurred_on,
            const char    *tags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) day = rapport_date_parse (occurred_on, &error);
  RapportLesson *lesson = rapport_lesson_new (what);

  g_assert_no_error (error);
  rapport_lesson_set_occurred_on (lesson, day);
  rapport_lesson_set_tags (lesson, tags);
  if (client != NULL)
    rapport_lesson_set_client_id (lesson, rapport_record_get_id (RAPPORT_RECORD (client)));
  rapport_store_save (fixture->store, RAPPORT_RECORD (lesson), &error);
  g_assert_no_error (error);

  return lesson;
}

static guint
tag_count (GHashTable *counts,
           const char *tag)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, tag));
}

static void
test_store_tag_counts (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportLesson) first = add_lesson (fixture, NULL, "Late", "2026-01-10",
                                               "Late Delivery, scope");
  g_autoptr(RapportLesson) second = add_lesson (fixture, NULL, "Late again", "2026-02-10",
                                                "late delivery");
  g_autoptr(RapportLesson) third = add_lesson (fixture, NULL, "Too late", "2026-03-10",
                                               " LATE delivery ,late delivery");
  g_autoptr(RapportLesson) untagged = add_lesson (fixture, NULL, "Other", "2026-03-11", NULL);
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GHashTable) without_third = NULL;
  g_autoptr(GHashTable) after_trash = NULL;

  (void) data;
  (void) untagged;

  counts = rapport_store_count_lesson_tags (fixture->store, 0, &error);
  g_assert_no_error (error);
  /* A tag written twice in one lesson counts once */
  g_assert_cmpuint (tag_count (counts, "late delivery"), ==, 3);
  g_assert_cmpuint (tag_count (counts, "scope"), ==, 1);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 2);

  /* The lesson being edited is not one of the times "before" */
  without_third = rapport_store_count_lesson_tags (fixture->store,
                                                   rapport_record_get_id (RAPPORT_RECORD (third)),
                                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tag_count (without_third, "late delivery"), ==, 2);

  /* Lessons in the trash are not counted */
  rapport_store_trash (fixture->store, RAPPORT_RECORD (first), &error);
  g_assert_no_error (error);
  after_trash = rapport_store_count_lesson_tags (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tag_count (after_trash, "late delivery"), ==, 2);
  g_assert_cmpuint (tag_count (after_trash, "scope"), ==, 0);

  (void) second;
}

static void
test_store_lessons_with_tag (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportLesson) old = add_lesson (fixture, NULL, "Old", "2025-12-01", "Scope");
  g_autoptr(RapportLesson) recent = add_lesson (fixture, NULL, "Recent", "2026-02-01",
                                                "late, scope");
  g_autoptr(RapportLesson) trashed = add_lesson (fixture, NULL, "Trashed", "2026-02-02", "scope");
  g_autoptr(RapportLesson) editing = add_lesson (fixture, NULL, "Editing", "2026-03-01",
                                                 "SCOPE");
  g_autoptr(RapportLesson) other = add_lesson (fixture, NULL, "Other", "2026-03-02",
                                               "scope creep");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;

  (void) data;
  (void) other;

  rapport_store_trash (fixture->store, RAPPORT_RECORD (trashed), &error);
  g_assert_no_error (error);

  found = rapport_store_dup_lessons_with_tag (fixture->store, "  Scope ",
                                              rapport_record_get_id (RAPPORT_RECORD (editing)),
                                              &error);
  g_assert_no_error (error);
  /* Most recent first; the very same live objects the store hands out */
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (g_ptr_array_index (found, 0) == recent);
  g_assert_true (g_ptr_array_index (found, 1) == old);

  none = rapport_store_dup_lessons_with_tag (fixture->store, "missing", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_store_client_lessons (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) acme = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportClient) other = rapport_test_add_client (fixture->store, "Other");
  g_autoptr(RapportLesson) a1 = add_lesson (fixture, acme, "First", "2026-01-01", NULL);
  g_autoptr(RapportLesson) a2 = add_lesson (fixture, acme, "Second", "2026-02-01", NULL);
  g_autoptr(RapportLesson) a3 = add_lesson (fixture, acme, "Trashed", "2026-03-01", NULL);
  g_autoptr(RapportLesson) o1 = add_lesson (fixture, other, "Theirs", "2026-01-15", NULL);
  g_autoptr(RapportLesson) loose = add_lesson (fixture, NULL, "Nobody's", "2026-01-15", NULL);
  g_autoptr(GPtrArray) lessons = NULL;

  (void) data;
  (void) o1;
  (void) loose;

  rapport_store_trash (fixture->store, RAPPORT_RECORD (a3), &error);
  g_assert_no_error (error);

  lessons = rapport_store_dup_client_lessons (fixture->store,
                                              rapport_record_get_id (RAPPORT_RECORD (acme)),
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lessons->len, ==, 2);
  g_assert_true (g_ptr_array_index (lessons, 0) == a2);
  g_assert_true (g_ptr_array_index (lessons, 1) == a1);
}

static void
test_lesson_from_feedback (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (fixture->store, client, "Logo", "2026-03-10");
  g_autoptr(RapportFeedback) feedback =
    rapport_feedback_new (rapport_record_get_id (RAPPORT_RECORD (client)),
                          "The logo arrived two days late");
  g_autoptr(GDateTime) received = moment ("2026-03-12T08:30:00Z");
  g_autoptr(GDate) expected_day = NULL;
  g_autoptr(RapportLesson) lesson = NULL;
  g_autoptr(RapportLesson) reloaded = NULL;

  (void) data;

  rapport_feedback_set_commitment_id (feedback,
                                      rapport_record_get_id (RAPPORT_RECORD (commitment)));
  rapport_feedback_set_kind (feedback, RAPPORT_FEEDBACK_KIND_COMPLAINT);
  rapport_feedback_set_received_at (feedback, received);
  rapport_store_save (fixture->store, RAPPORT_RECORD (feedback), &error);
  g_assert_no_error (error);

  lesson = rapport_learning_lesson_from_feedback (feedback);
  g_assert_cmpint (rapport_record_get_id (RAPPORT_RECORD (lesson)), ==, 0);
  g_assert_cmpstr (rapport_lesson_get_what_happened (lesson), ==,
                   "The logo arrived two days late");
  g_assert_cmpint (rapport_lesson_get_client_id (lesson), ==,
                   rapport_record_get_id (RAPPORT_RECORD (client)));
  g_assert_cmpint (rapport_lesson_get_commitment_id (lesson), ==,
                   rapport_record_get_id (RAPPORT_RECORD (commitment)));
  g_assert_cmpint (rapport_lesson_get_feedback_id (lesson), ==,
                   rapport_record_get_id (RAPPORT_RECORD (feedback)));
  /* The day the user lived it: the local day of the moment received */
  expected_day = rapport_date_new_local (received);
  g_assert_true (rapport_date_equal (rapport_lesson_get_occurred_on (lesson), expected_day));
  g_assert_null (rapport_lesson_get_cause (lesson));
  g_assert_null (rapport_lesson_get_prevention (lesson));
  g_assert_null (rapport_lesson_get_tags (lesson));
  g_assert_cmpint (rapport_lesson_get_apology (lesson), ==, RAPPORT_APOLOGY_NOT_NEEDED);

  /* The draft is a valid lesson the store takes as it is */
  rapport_store_save (fixture->store, RAPPORT_RECORD (lesson), &error);
  g_assert_no_error (error);
  reloaded = rapport_store_load (fixture->store, RAPPORT_TYPE_LESSON,
                                 rapport_record_get_id (RAPPORT_RECORD (lesson)), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_lesson_get_feedback_id (reloaded), ==,
                   rapport_record_get_id (RAPPORT_RECORD (feedback)));
}

int
main (int   argc,
      char *argv[])
{
  /* A zone far from UTC, so that a local day is not taken for a UTC one */
  g_setenv ("TZ", "Pacific/Auckland", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/learning/duration/units", test_duration_units);
  g_test_add_func ("/learning/duration/time-zones-do-not-matter", test_duration_time_zones);
  g_test_add_func ("/learning/duration/backwards-or-missing", test_duration_backwards);
  g_test_add_func ("/learning/feedback/time-to-acknowledge-and-resolve", test_feedback_times);
  g_test_add_func ("/learning/feedback/time-waiting-in-local-days", test_feedback_waiting);
  g_test_add_func ("/learning/tags/normalize", test_tags_normalize);
  g_test_add_func ("/learning/tags/parse-distinct", test_tags_parse);
  g_test_add_func ("/learning/summary/first-line", test_summary);
  g_test_add ("/learning/store/tag-counts-exclude-self-and-trash", Fixture, NULL,
              fixture_set_up, test_store_tag_counts, fixture_tear_down);
  g_test_add ("/learning/store/lessons-with-tag", Fixture, NULL,
              fixture_set_up, test_store_lessons_with_tag, fixture_tear_down);
  g_test_add ("/learning/store/client-lessons", Fixture, NULL,
              fixture_set_up, test_store_client_lessons, fixture_tear_down);
  g_test_add ("/learning/lesson-from-feedback/maps-fields", Fixture, NULL,
              fixture_set_up, test_lesson_from_feedback, fixture_tear_down);

  return g_test_run ();
}
