/* test-frame-memory.c: frames are drawn into memory already touched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rapport-frame-memory.c keeps cairo's shared-memory pool and a heap
 * reserve faulted in, so that a frame of the whole window takes no page
 * fault on the main thread. Without it such a frame, after the first,
 * took about 1,200: its image in fresh heap and cairo's pool made anew.
 */
#define _GNU_SOURCE /* RUSAGE_THREAD */
#include "config.h"

#include <sys/resource.h>

#include "rapport-frame-memory.h"
#include "rapport-test-app.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

static void
painted_cb (GdkFrameClock *clock,
            gpointer       user_data)
{
  guint *paints = user_data;

  (*paints)++;
}

static void
done_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
}

static long
main_thread_faults (void)
{
  struct rusage usage;

  g_assert_no_errno (getrusage (RUSAGE_THREAD, &usage));
  return usage.ru_minflt;
}

static void
views_cb (RapportWindow *window,
          RapportStore  *store)
{
  const char *views[] = { "clients", "commitments", "feedback", "lessons", "trash", "overview" };
  guint paints = 0;
  long allowed = 200;

#ifdef SANITIZED
  /* AddressSanitizer's allocator holds freed memory back for a while:
   * each frame's image comes from fresh pages, a fault for each 4 KiB,
   * and its shadow and the widgets' red zones add to them (867 faults
   * for Clients, against the frame's 637 pages) */
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  allowed += (long) width * height * 4 / 4096 * 3 / 2;
#endif
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (painted_cb), &paints);
  while (paints == 0)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      long before, faults;
      guint paints_before;
      gboolean waited = FALSE;

      /* A moment passes, as between two views a user shows */
      g_timeout_add_once (300, done_cb, &waited);
      while (!waited)
        g_main_context_iteration (NULL, TRUE);
      _rapport_frame_memory_settle ();
      paints_before = paints;
      before = main_thread_faults ();
      g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-view",
                                                         g_variant_new_string (views[i])));
      while (paints == paints_before)
        g_main_context_iteration (NULL, TRUE);
      faults = main_thread_faults () - before;
      g_test_message ("%s: %ld page faults", views[i], faults);
      /* Later views also load modules the first time they need them */
      if (i < 2)
        g_assert_cmpint (faults, <, allowed);
    }
}

/* The first two views shown draw the whole window, into an image from
 * the heap sent through cairo's pool: each took 600-1,200 page faults */
static void
test_views (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %u", i);
      g_autoptr(RapportClient) client = rapport_test_add_client (store, name);
      g_autoptr(RapportCommitment) commitment = rapport_test_add_commitment (store, client, "Logo", "2036-01-10");
    }
  g_clear_object (&store);
  rapport_frame_memory_init ();
  run_app (path, views_cb);
  rapport_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* What is tested is the cairo renderer's memory, on any display */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frame-memory/views", test_views);

  return g_test_run ();
}
