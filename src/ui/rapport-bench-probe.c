/* rapport-bench-probe.c: measurements for bench/, switched on by RAPPORT_BENCH
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With RAPPORT_BENCH unset this does nothing. Otherwise it prints lines
 * "bench <name> <value>" on standard output for bench/bench-startup.py:
 *
 * - RAPPORT_BENCH=startup: the monotonic time (µs) of the main window's
 *   first painted frame, then the resident memory (KB) and the longest
 *   main-loop iteration once start-up has settled, and quits.
 * - RAPPORT_BENCH=views: also shows every view, a client's page and the
 *   results of a search typed a key at a time, and scrolls each from top
 *   to bottom, counting main-loop iterations busier than a frame
 *   (16 ms): the time from one poll() return to the next poll() call is
 *   work done on the main thread. Each is printed with the CPU time the
 *   main thread used in it, the time it waited for a CPU and how often it
 *   slept (for the X server's replies, the disk or a lock): on a busy
 *   machine an iteration can take longer than the work in it. At the end
 *   it prints how much the main thread read from the disk rather than
 *   the system's cache.
 */
#define G_LOG_DOMAIN "rapport-bench-probe"

#define _GNU_SOURCE
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>

#include "rapport-bench-probe.h"
#include "rapport-paced-model.h"
#include "rapport-window-private.h"

#define FRAME_US 16000
#define SETTLE_MS 1500

static GPollFunc default_poll;
static gint64 busy_since;
static gint64 busy_since_cpu;
static guint n_slow;
static gint64 worst_us;
static gint64 worst_cpu_us;
static char slow_context[64] = "start-up";
static char worst_context[64];
static long busy_since_faults;
static gint64 busy_since_runq;
static long busy_since_sleeps;
static long worst_faults;

/* The page faults this thread has taken: on some virtual machines each
 * costs about 10 µs, and a first frame takes over a thousand */
static long
thread_faults (void)
{
  struct rusage ru;

  getrusage (RUSAGE_THREAD, &ru);
  return ru.ru_minflt + ru.ru_majflt;
}

/* The times this thread has gone to sleep: for the X server's replies,
 * the disk or a lock */
static long
thread_sleeps (void)
{
  struct rusage ru;

  getrusage (RUSAGE_THREAD, &ru);
  return ru.ru_nvcsw;
}

/* The CPU time this thread has used, in µs */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The time this thread has waited for a CPU while ready to run, in µs,
 * from the scheduler's own count (/proc/thread-self/schedstat): the
 * part of an iteration's wait that is not for the X server or the disk */
static int schedstat_fd = -1;

static gint64
thread_runq_us (void)
{
  char buf[96];
  ssize_t n;
  unsigned long long on_cpu_ns, waited_ns;

  if (schedstat_fd < 0 || (n = pread (schedstat_fd, buf, sizeof buf - 1, 0)) <= 0)
    return 0;
  buf[n] = '\0';
  if (sscanf (buf, "%llu %llu", &on_cpu_ns, &waited_ns) != 2)
    return 0;
  return waited_ns / 1000;
}

static int
timing_poll (GPollFD *fds,
             guint    n_fds,
             int      timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu_us = thread_cpu_us () - busy_since_cpu;
  long faults = thread_faults () - busy_since_faults;
  gint64 runq_us = thread_runq_us () - busy_since_runq;
  long sleeps = thread_sleeps () - busy_since_sleeps;
  int ret;

  if (busy_since > 0 && now - busy_since > FRAME_US)
    {
      n_slow++;
      /* With its start and end on the monotonic clock, to find it in a
       * profile (perf record -k CLOCK_MONOTONIC) */
      g_print ("bench slow-iteration-ms %.1f cpu %.1f faults %ld runq %.1f sleeps %ld %s"
               " at %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", (now - busy_since) / 1000.0,
               cpu_us / 1000.0, faults, runq_us / 1000.0, sleeps, slow_context, busy_since, now);
    }
  if (busy_since > 0 && now - busy_since > worst_us)
    {
      worst_us = now - busy_since;
      worst_cpu_us = cpu_us;
      worst_faults = faults;
      g_strlcpy (worst_context, slow_context, sizeof worst_context);
    }

  ret = default_poll (fds, n_fds, timeout);
  busy_since = g_get_monotonic_time ();
  busy_since_cpu = thread_cpu_us ();
  busy_since_faults = thread_faults ();
  busy_since_runq = thread_runq_us ();
  busy_since_sleeps = thread_sleeps ();
  return ret;
}

/* What the main thread read from the disk itself, in KB: each read a
 * wait while the window could not change */
static gint64
main_thread_disk_kb (void)
{
  g_autofree char *io = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/thread-self/io", &io, NULL, NULL) ||
      (line = strstr (io, "\nread_bytes: ")) == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen ("\nread_bytes: "), NULL, 10) / 1024;
}

static glong
resident_kb (void)
{
  g_autofree char *statm = NULL;
  long pages = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%ld %ld", &pages, &resident) != 2)
    return -1;

  return resident * (sysconf (_SC_PAGESIZE) / 1024);
}

static gboolean
quit_cb (gpointer data)
{
  GtkWindow *window = data;

  g_print ("bench resident-kb %ld\n", resident_kb ());
  g_print ("bench main-thread-disk-kb %" G_GINT64_FORMAT "\n", main_thread_disk_kb ());
  g_print ("bench slow-iterations %u\n", n_slow);
  g_print ("bench worst-iteration-ms %.1f cpu %.1f faults %ld %s\n", worst_us / 1000.0,
           worst_cpu_us / 1000.0, worst_faults, worst_context);
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
  return G_SOURCE_REMOVE;
}

/* Finds the scrolled window that shows the most of a view's rows */
static GtkScrolledWindow *
find_scroller (GtkWidget *widget)
{
  GtkScrolledWindow *best = NULL;

  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && best == NULL;
       child = gtk_widget_get_next_sibling (child))
    best = find_scroller (child);

  return best;
}

typedef struct
{
  GtkWindow *window;
  guint      view;
  guint      step;
  /* Steps waited for a list's next rows */
  guint      waited;
} Tour;

static const char *tour_views[] = { "clients", "commitments", "feedback", "lessons", "trash",
                                    "overview", "client", "search" };

/* Typed into the search, a key a step, as a quick typist: a prefix of
 * words in both languages of the seeded database (proyecto, project,
 * propuesta, proposal…) */
static const char search_typed[] = "pro";
/* Steps to wait for the last search's results before scrolling them */
#define SEARCH_WAIT_STEPS 10
/* Steps to wait at most for a list's rows to be all there */
#define MAX_WAITED_STEPS 100

/* Opens a view as a user does: the client page from a client's row, the
 * search from its shortcut */
static void
tour_open (GtkWindow  *window,
           const char *name)
{
  if (g_str_equal (name, "client"))
    /* The seed's first client, with as many records as any other */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(sx)", "RapportClient",
                                (gint64) 1);
  else if (g_str_equal (name, "search"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  else
    _rapport_window_show_view (RAPPORT_WINDOW (window), name);
}

/* Types key @step of search_typed (from 1) into the focused entry */
static void
tour_type (GtkWindow *window,
           guint      step)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  int position;

  if (step > strlen (search_typed) || !GTK_IS_EDITABLE (focus))
    return;

  position = gtk_editable_get_position (GTK_EDITABLE (focus));
  gtk_editable_insert_text (GTK_EDITABLE (focus), &search_typed[step - 1], 1, &position);
  gtk_editable_set_position (GTK_EDITABLE (focus), position);
}

static gboolean
tour_step_cb (gpointer data)
{
  Tour *tour = data;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;

  if (tour->view >= G_N_ELEMENTS (tour_views))
    {
      g_timeout_add (SETTLE_MS, quit_cb, tour->window);
      g_free (tour);
      return G_SOURCE_REMOVE;
    }

  if (tour->step == 0)
    {
      g_strlcpy (slow_context, tour_views[tour->view], sizeof slow_context);
      tour_open (tour->window, tour_views[tour->view]);
      tour->step++;
      return G_SOURCE_CONTINUE;
    }

  g_snprintf (slow_context, sizeof slow_context, "%s, step %u", tour_views[tour->view],
              tour->step);

  if (g_str_equal (tour_views[tour->view], "search") &&
      tour->step <= strlen (search_typed) + SEARCH_WAIT_STEPS)
    {
      tour_type (tour->window, tour->step);
      tour->step++;
      return G_SOURCE_CONTINUE;
    }

  /* Page down a hundred times, as a user reading the list */
  scroller = find_scroller (GTK_WIDGET (tour->window));
  adjustment = scroller != NULL ? gtk_scrolled_window_get_vadjustment (scroller) : NULL;
  if (adjustment != NULL && tour->step < 100)
    {
      if (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) <
          gtk_adjustment_get_upper (adjustment))
        {
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                                gtk_adjustment_get_page_size (adjustment));
          tour->step++;
          return G_SOURCE_CONTINUE;
        }
      /* A list handed to its view a few rows a frame (rapport-paced-model.c)
       * has not reached its end yet: a million-row list has a screenful
       * of rows when it is opened */
      if (_rapport_paced_models_pacing () > 0 && tour->waited < MAX_WAITED_STEPS)
        {
          tour->waited++;
          return G_SOURCE_CONTINUE;
        }
    }

  /* Then to the very end and back to the top, as a user dragging the
   * scrollbar */
  if (adjustment != NULL && tour->step < 1000)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      tour->step = 1000;
      return G_SOURCE_CONTINUE;
    }
  if (adjustment != NULL && tour->step < 1001)
    {
      gtk_adjustment_set_value (adjustment, 0);
      tour->step = 1001;
      return G_SOURCE_CONTINUE;
    }

  g_print ("bench view %s %u\n", tour_views[tour->view], tour->step);
  tour->view++;
  tour->step = 0;
  tour->waited = 0;
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWindow     *window)
{
  const char *mode = g_getenv ("RAPPORT_BENCH");

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  g_print ("bench first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);

  if (g_strcmp0 (mode, "views") == 0)
    {
      Tour *tour = g_new0 (Tour, 1);

      tour->window = window;
      /* One step per 50 ms leaves time for every frame to be drawn */
      g_timeout_add (50, tour_step_cb, tour);
    }
  else
    g_timeout_add (SETTLE_MS, quit_cb, window);
}

static void
window_mapped_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), widget);
}

/**
 * rapport_bench_probe_attach:
 * @window: the main window, before it is presented
 *
 * Measures @window when RAPPORT_BENCH asks for it; does nothing otherwise.
 */
void
rapport_bench_probe_attach (GtkWindow *window)
{
  if (g_getenv ("RAPPORT_BENCH") == NULL || default_poll != NULL)
    return;

  schedstat_fd = open ("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timing_poll);
  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
}
