/* adw-minimal.c: the floor Rapport's start-up and views are measured against
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libadwaita window with a header bar and a status page, the least a
 * GNOME app shows. Prints the monotonic time (µs) of its first painted
 * frame, its resident memory and its longest main-loop iteration (wall
 * and CPU time of the main thread, from one poll() return to the next
 * poll() call), like Rapport's bench probe, and quits.
 *
 * With RAPPORT_BENCH=views it then shows, one after the other, five more
 * pages of the same size, each a list view of a screenful of plain labels
 * (more would have GTK 4.8 make and measure 200 rows at once, which
 * Rapport's paced lists avoid), and pages down each as the probe pages
 * down Rapport's lists: every main-loop iteration over 16 ms is printed as
 * "bench slow-iteration-ms …", as the probe does. This is what the
 * toolkit alone costs to show a new page.
 */
#define _GNU_SOURCE
#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>

/* The same timing as src/ui/rapport-bench-probe.c's, written again on
 * purpose: the floor links no Rapport code */
#define FRAME_US 16000
#define N_LIST_PAGES 5
#define N_LIST_ROWS 40

static GPollFunc default_poll;
static gint64 busy_since, busy_since_cpu, worst_us, worst_cpu_us;
static long busy_since_faults, worst_faults;
static gint64 busy_since_runq;
static long busy_since_sleeps;
static char context[32] = "start-up";
static char worst_context[32];

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
    g_print ("bench slow-iteration-ms %.1f cpu %.1f faults %ld runq %.1f sleeps %ld %s"
             " at %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", (now - busy_since) / 1000.0,
             cpu_us / 1000.0, faults, runq_us / 1000.0, sleeps, context, busy_since, now);
  if (busy_since > 0 && now - busy_since > worst_us)
    {
      worst_us = now - busy_since;
      worst_cpu_us = cpu_us;
      worst_faults = faults;
      g_strlcpy (worst_context, context, sizeof worst_context);
    }

  ret = default_poll (fds, n_fds, timeout);
  busy_since = g_get_monotonic_time ();
  busy_since_cpu = thread_cpu_us ();
  busy_since_faults = thread_faults ();
  busy_since_runq = thread_runq_us ();
  busy_since_sleeps = thread_sleeps ();
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
  g_print ("bench worst-iteration-ms %.1f cpu %.1f faults %ld %s\n", worst_us / 1000.0,
           worst_cpu_us / 1000.0, worst_faults, worst_context);
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_REMOVE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  GtkStringObject *text = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (text));
}

/* The rows of a page's list, made before the tour: Rapport's rows come
 * from SQL on demand, and the floor is the toolkit's work alone */
static GtkStringList *
list_rows_new (guint page)
{
  GtkStringList *strings = gtk_string_list_new (NULL);

  for (guint i = 0; i < N_LIST_ROWS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Row %u of page %u", i + 1, page);

      gtk_string_list_append (strings, text);
    }
  return strings;
}

/* A page of the same size as the first: a list view of plain labels */
static GtkWidget *
list_page_new (GtkStringList *strings)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list;
  GtkWidget *scroller = gtk_scrolled_window_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (strings))),
                            factory);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  return scroller;
}

typedef struct
{
  GApplication  *app;
  GtkStack      *stack;
  GtkAdjustment *adjustment;
  GtkStringList *rows[N_LIST_PAGES];
  guint          page;
  guint          step;
} Tour;

/* As the probe's tour: show a page, page down its list, then to the end
 * and back to the top, one step per 50 ms */
static gboolean
tour_step_cb (gpointer data)
{
  Tour *tour = data;
  GtkAdjustment *adjustment = tour->adjustment;

  if (tour->step == 0)
    {
      GtkWidget *page;

      if (tour->page == N_LIST_PAGES)
        {
          g_timeout_add (1500, quit_cb, tour->app);
          g_free (tour);
          return G_SOURCE_REMOVE;
        }
      page = list_page_new (g_steal_pointer (&tour->rows[tour->page]));
      tour->page++;
      g_snprintf (context, sizeof context, "page %u", tour->page);
      gtk_stack_add_child (tour->stack, page);
      gtk_stack_set_visible_child (tour->stack, page);
      tour->adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page));
      tour->step = 1;
      return G_SOURCE_CONTINUE;
    }

  g_snprintf (context, sizeof context, "page %u, step %u", tour->page, tour->step);
  if (tour->step < 100 && gtk_adjustment_get_value (adjustment) +
      gtk_adjustment_get_page_size (adjustment) < gtk_adjustment_get_upper (adjustment))
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                            gtk_adjustment_get_page_size (adjustment));
      tour->step++;
    }
  else if (tour->step < 1000)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      tour->step = 1000;
    }
  else if (tour->step == 1000)
    {
      gtk_adjustment_set_value (adjustment, 0);
      tour->step = 1001;
    }
  else
    tour->step = 0;
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  g_print ("bench first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);

  if (g_strcmp0 (g_getenv ("RAPPORT_BENCH"), "views") == 0)
    {
      Tour *tour = g_new0 (Tour, 1);

      tour->app = app;
      tour->stack = g_object_get_data (G_OBJECT (window), "stack");
      for (guint i = 0; i < N_LIST_PAGES; i++)
        tour->rows[i] = list_rows_new (i + 1);
      g_timeout_add (50, tour_step_cb, tour);
    }
  else
    g_timeout_add (1500, quit_cb, app);
}

static void
mapped_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Hello");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "system-users-symbolic");
  gtk_widget_set_vexpand (stack, TRUE);
  gtk_stack_add_child (GTK_STACK (stack), page);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), stack);
  g_object_set_data (G_OBJECT (window), "stack", stack);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 680);

  g_signal_connect (window, "map", G_CALLBACK (mapped_cb), NULL);
  /* Timed from here on, as Rapport's probe times from its window's making */
  schedstat_fd = open ("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
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
