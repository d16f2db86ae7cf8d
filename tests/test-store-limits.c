/* test-store-limits.c: bad and extreme input, and a full disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>

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

static RapportClient *
reload_client (Fixture *fixture,
               gint64   id)
{
  g_autoptr(GError) error = NULL;
  RapportClient *client;

  g_clear_object (&fixture->store);
  fixture->store = rapport_test_open_store (fixture->dir);
  client = rapport_store_load (fixture->store, RAPPORT_TYPE_CLIENT, id, &error);
  g_assert_no_error (error);
  return client;
}

static void
test_huge_name_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strnfill (100000, 'n');
  g_autoptr(RapportClient) client = rapport_client_new (name);
  g_autoptr(GListModel) clients = rapport_store_list (fixture->store, RAPPORT_TYPE_CLIENT);

  g_assert_false (rapport_store_save (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 0);
}

static void
test_long_notes_stored_exactly (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_client_new ("Notes");
  g_autoptr(RapportClient) reloaded = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  gint64 id;

  while (notes->len < 900 * 1024)
    g_string_append (notes, "Línea con acentos, emoji 🎯 y ‏עברית‏; ");

  rapport_client_set_notes (client, notes->str);
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_no_error (error);
  id = rapport_record_get_id (RAPPORT_RECORD (client));
  g_clear_object (&client);

  reloaded = reload_client (fixture, id);
  g_assert_cmpstr (rapport_client_get_notes (reloaded), ==, notes->str);
}

static void
test_too_long_notes_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_client_new ("Notes");
  g_autofree char *notes = g_strnfill (RAPPORT_LONG_TEXT_MAX + 1, 'x');

  rapport_client_set_notes (client, notes);
  g_assert_false (rapport_store_save (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_TOO_LONG);
}

static void
test_invalid_utf8_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_client_new ("Fine");

  rapport_client_set_company (client, "Caf\xe9 S.A.");
  g_assert_false (rapport_store_save (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_TEXT);
  g_assert_cmpint (rapport_record_get_id (RAPPORT_RECORD (client)), ==, 0);
}

static void
test_far_dates (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Time traveller");
  g_autoptr(RapportCommitment) commitment = NULL;
  g_autoptr(GDate) ancient = g_date_new_dmy (1, 1, 1);
  g_autoptr(GDate) far = g_date_new_dmy (31, 12, 9999);
  g_autoptr(GDateTime) old_moment = g_date_time_new_utc (999, 12, 31, 23, 0, 0);
  g_autoptr(RapportCommitment) reloaded = NULL;
  gint64 id;

  commitment = rapport_commitment_new (rapport_record_get_id (RAPPORT_RECORD (client)), "Far");
  rapport_commitment_set_due (commitment, ancient);
  g_assert_false (rapport_store_save (fixture->store, RAPPORT_RECORD (commitment), &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE);
  g_clear_error (&error);

  rapport_commitment_set_due (commitment, far);
  rapport_commitment_set_delivered_at (commitment, old_moment);
  g_assert_false (rapport_store_save (fixture->store, RAPPORT_RECORD (commitment), &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE);
  g_clear_error (&error);

  rapport_commitment_set_delivered_at (commitment, NULL);
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (commitment), &error));
  g_assert_no_error (error);
  id = rapport_record_get_id (RAPPORT_RECORD (commitment));
  g_clear_object (&commitment);
  g_clear_object (&client);

  g_clear_object (&fixture->store);
  fixture->store = rapport_test_open_store (fixture->dir);
  reloaded = rapport_store_load (fixture->store, RAPPORT_TYPE_COMMITMENT, id, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_date_equal (rapport_commitment_get_due (reloaded), far));
}

/* A database on a tiny file system: filling it gives a clear error, the
 * database stays whole, and saving works again once space is freed. */
static void
test_disk_full (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *db_path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *notes = g_strnfill (64 * 1024, 'x');
  g_autoptr(RapportClient) after = NULL;
  g_autoptr(GListModel) list = NULL;
  guint saved = 0;

  if (!rapport_test_mount_small_disk (dir))
    return;

  /* Space to give back later */
  {
    g_autofree char *blob = g_malloc0 (256 * 1024);

    g_assert_true (g_file_set_contents (filler, blob, 256 * 1024, NULL));
  }

  store = rapport_store_open (db_path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %u", i);
      RapportClient *client = rapport_client_new (name);

      g_ptr_array_add (clients, client);
      rapport_client_set_notes (client, notes);
      if (!rapport_store_save (store, RAPPORT_RECORD (client), &error))
        break;
      saved++;
    }

  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);
  g_assert_cmpuint (saved, >, 0);

  list = rapport_store_list (store, RAPPORT_TYPE_CLIENT);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, saved);

  /* Space comes back: editing resumes */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  after = rapport_client_new ("After the cleanup");
  g_assert_true (rapport_store_save (store, RAPPORT_RECORD (after), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, saved + 1);

  g_clear_object (&list);
  g_clear_object (&after);
  g_clear_pointer (&clients, g_ptr_array_unref);
  g_clear_object (&store);

  /* Reopens whole, with everything that was saved */
  store = rapport_store_open (db_path, &error);
  g_assert_no_error (error);
  list = rapport_store_list (store, RAPPORT_TYPE_CLIENT);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, saved + 1);
  g_clear_object (&list);
  g_clear_object (&store);

  umount2 (dir, MNT_DETACH);
  rapport_test_remove_dir (dir);
}

/* A contact that cannot be written leaves its client's last contact as
 * stored: nothing shows a date that is not on disk, and the client's next
 * save does not write it. */
static void
test_disk_full_keeps_last_contact (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *db_path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = NULL;
  g_autoptr(RapportInteraction) first = NULL;
  g_autoptr(RapportInteraction) second = NULL;
  g_autoptr(GDateTime) t1 = g_date_time_new_utc (2026, 1, 1, 10, 0, 0);
  g_autoptr(GDateTime) t2 = g_date_time_new_utc (2026, 2, 1, 10, 0, 0);
  g_autofree char *notes = g_strnfill (64 * 1024, 'x');
  gint64 client_id;

  if (!rapport_test_mount_small_disk (dir))
    return;

  store = rapport_store_open (db_path, &error);
  g_assert_no_error (error);
  client = rapport_test_add_client (store, "Acme");
  client_id = rapport_record_get_id (RAPPORT_RECORD (client));
  first = rapport_interaction_new (client_id);
  rapport_interaction_set_occurred_at (first, t1);
  g_assert_true (rapport_store_save (store, RAPPORT_RECORD (first), &error));
  g_assert_no_error (error);

  /* Fills the disk */
  for (guint i = 0; error == NULL && i < 100; i++)
    {
      g_autoptr(RapportClient) filler = rapport_client_new ("Filler");

      rapport_client_set_notes (filler, notes);
      rapport_store_save (store, RAPPORT_RECORD (filler), &error);
    }
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FULL);
  g_clear_error (&error);

  second = rapport_interaction_new (client_id);
  rapport_interaction_set_occurred_at (second, t2);
  rapport_interaction_set_summary (second, notes);
  g_assert_false (rapport_store_save (store, RAPPORT_RECORD (second), &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FULL);
  g_clear_error (&error);

  g_assert_true (rapport_date_time_equal (rapport_client_get_last_contact (client), t1));

  g_clear_object (&first);
  g_clear_object (&second);
  g_clear_object (&client);
  g_clear_object (&store);

  store = rapport_store_open (db_path, &error);
  g_assert_no_error (error);
  client = rapport_store_load (store, RAPPORT_TYPE_CLIENT, client_id, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_date_time_equal (rapport_client_get_last_contact (client), t1));
  g_clear_object (&client);
  g_clear_object (&store);

  umount2 (dir, MNT_DETACH);
  rapport_test_remove_dir (dir);
}

/* A new database that does not fit on its disk: a clear error, and no
 * empty file left behind for the next start to find */
static void
test_disk_full_on_creation (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *db_path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = NULL;
  char block[4096] = { 0 };
  const char *name;
  int fd;

  if (!rapport_test_mount_small_disk (dir))
    return;

  fd = g_open (filler, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  close (fd);

  store = rapport_store_open (db_path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FULL);

  handle = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_assert_cmpstr (name, ==, "filler");

  umount2 (dir, MNT_DETACH);
  rapport_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store-limits/huge-name-refused", test_huge_name_refused);
  ADD ("/store-limits/long-notes-stored-exactly", test_long_notes_stored_exactly);
  ADD ("/store-limits/too-long-notes-refused", test_too_long_notes_refused);
  ADD ("/store-limits/invalid-utf8-refused", test_invalid_utf8_refused);
  ADD ("/store-limits/far-dates", test_far_dates);
  g_test_add_func ("/store-limits/disk-full", test_disk_full);
  g_test_add_func ("/store-limits/disk-full-keeps-last-contact", test_disk_full_keeps_last_contact);
  g_test_add_func ("/store-limits/disk-full-on-creation", test_disk_full_on_creation);

#undef ADD

  return g_test_run ();
}
