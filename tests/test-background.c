/* test-background.c: threads of background work give way to the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE

#include "config.h"

#include <sys/resource.h>
#include <unistd.h>

#include "rapport-background.h"

static int
own_niceness (void)
{
  return getpriority (PRIO_PROCESS, (id_t) gettid ());
}

static gpointer
worker (gpointer data)
{
  int *niceness = data;

  _rapport_background_thread ();
  niceness[0] = own_niceness ();
  /* Once per thread: a second call changes nothing */
  _rapport_background_thread ();
  niceness[1] = own_niceness ();
  return NULL;
}

static void
test_lower_priority (void)
{
  int before = own_niceness ();
  int niceness[2] = { 0, 0 };
  GThread *thread = g_thread_new ("test-background", worker, niceness);

  g_thread_join (thread);
  g_assert_cmpint (niceness[0], ==, MIN (before + 10, 19));
  g_assert_cmpint (niceness[1], ==, niceness[0]);
  /* The calling thread, which draws the window, keeps its own */
  g_assert_cmpint (own_niceness (), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/background/lower-priority", test_lower_priority);

  return g_test_run ();
}
