/* adw-minimal.c: the floor Rapport's start-up is measured against
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libadwaita window with a header bar and a status page, the least a
 * GNOME app shows. Prints the monotonic time (µs) of its first painted
 * frame, its resident memory and its longest main-loop iteration (wall
 * and CPU time of the main thread, from one poll() return to the next
 * poll() call), like Rapport's bench probe, and quits.
 */
#define _GNU_SOURCE
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>

/* The same timing as src/ui/rapport-bench-probe.c's, written again on
 * purpose: the floor links no Rapport code */
static GPollFunc default_poll;
static gint64 busy_since, busy_since_cpu, worst_us, worst_cpu_us;

static long busy_since_faults, worst_faults;

static long
thread_faults (void)
{
  struct rusage ru;

  getrusage (RUSAGE_THREAD, &ru);
  return ru.ru_minflt + ru.ru_majflt;
}

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
timing_poll (GPollFD *fds,
             guint    n_fds,
             int      timeout)
{
  gint64 now = g_get_monotonic_time ();
  int ret;

  if (busy_since > 0 && now - busy_since > worst_us)
    {
      worst_us = now - busy_since;
      worst_cpu_us = thread_cpu_us () - busy_since_cpu;
      worst_faults = thread_faults () - busy_since_faults;
    }

  ret = default_poll (fds, n_fds, timeout);
  busy_since = g_get_monotonic_time ();
  busy_since_cpu = thread_cpu_us ();
  busy_since_faults = thread_faults ();
  return ret;
}

static gboolean
quit_cb (gpointer data)
{
  g_autofree char *statm = NULL;
  long pages = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%ld %ld", &pages, &resident);
  g_print ("bench resident-kb %ld\n", resident * (sysconf (_SC_PAGESIZE) / 1024));
  g_print ("bench worst-iteration-ms %.1f cpu %.1f faults %ld start-up\n", worst_us / 1000.0,
           worst_cpu_us / 1000.0, worst_faults);
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  g_print ("bench first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_timeout_add (1500, quit_cb, app);
}

static void
mapped_cb (GtkWidget    *window,
           GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), app);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Hello");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "system-users-symbolic");
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 680);

  g_signal_connect (window, "map", G_CALLBACK (mapped_cb), app);
  /* Timed from here on, as Rapport's probe times from its window's making */
  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timing_poll);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.rapportapp.BenchMinimal",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
