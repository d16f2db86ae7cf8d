/* rapport-background.c: threads that give way to the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main thread draws the window. On a machine of two cores, a thread
 * reading a list of a million-row database took the core the main thread
 * was waiting for: bench/'s probe counted frames of 20-26 ms in which the
 * main thread worked 8-10 ms. Every thread of Rapport's own background
 * work (lists, search, figures, exports, imports, reminders, backups)
 * runs at a lower priority, so that it waits for the window and not the
 * other way round; it still has every core the window does not use.
 */
#define G_LOG_DOMAIN "rapport-background"
/* gettid() */
#define _GNU_SOURCE

#include "config.h"

#include "rapport-background.h"

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

/* Linux threads have a niceness each: 10 more gives a thread about a
 * tenth of a core that the main thread also wants */
#define BACKGROUND_NICENESS 10

/**
 * _rapport_background_thread:
 *
 * Lowers the priority of the calling thread, a worker thread, for good:
 * GTask's threads only ever do background work. Once per thread.
 */
void
_rapport_background_thread (void)
{
#ifdef __linux__
  static GPrivate lowered;
  int niceness;

  if (g_private_get (&lowered) != NULL)
    return;
  g_private_set (&lowered, GINT_TO_POINTER (TRUE));

  /* Lower than the thread's own, never higher */
  errno = 0;
  niceness = getpriority (PRIO_PROCESS, (id_t) gettid ());
  if (errno == 0)
    niceness = MIN (niceness + BACKGROUND_NICENESS, 19);
  if (errno != 0 || setpriority (PRIO_PROCESS, (id_t) gettid (), niceness) != 0)
    g_debug ("Could not lower a thread's priority: %s", g_strerror (errno));
#endif
}
