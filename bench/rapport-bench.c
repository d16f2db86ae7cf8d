/* rapport-bench.c: issue 8's figures on a seeded database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   rapport-bench --database PATH [--work-dir DIR] [--sqlite3 PATH] [WHAT…]
 *
 * WHAT is any of search, summary, backup, import, reliability (all by
 * default). Each figure is printed as "figure: value (target …) PASS/FAIL";
 * reliability, the overview's reliability figures, has no target. One more
 * WHAT, records-search, only when asked for, times the first page of a
 * records page's search (rapport_store_list_filtered()), which has no
 * target yet. Exports and the import run in a child process each, so that
 * the peak memory (ru_maxrss) is theirs alone. The backup export is timed
 * beside `sqlite3 -json` dumping the same tables, the physical floor; the
 * import reads that backup into a new, empty database.
 */
#define G_LOG_DOMAIN "rapport-bench"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rapport-client.h"
#include "rapport-commitment.h"
#include "rapport-deliverable.h"
#include "rapport-export.h"
#include "rapport-feedback.h"
#include "rapport-import.h"
#include "rapport-interaction.h"
#include "rapport-lesson.h"
#include "rapport-renegotiation.h"
#include "rapport-stats-trend.h"
#include "rapport-store-private.h"

#define SEARCH_QUERIES 1000
#define SEARCH_TARGET_MS 16.0
/* What the search page shows of each group: RESULTS_SHOWN in
 * src/ui/rapport-search-page.c */
#define SEARCH_ROWS_SHOWN 30
#define RECORDS_SEARCH_QUERIES 100
#define RELIABILITY_RUNS 5
#define SUMMARY_TARGET_S 3.0
#define SUMMARY_TARGET_MB 100.0
#define BACKUP_TARGET_RATIO 3.0
#define IMPORT_TARGET_S 10.0

static gboolean failed;

static void
report (const char *figure,
        const char *value,
        const char *target,
        gboolean    pass)
{
  printf ("%s: %s (target %s) %s\n", figure, value, target, pass ? "PASS" : "FAIL");
  fflush (stdout);
  if (!pass)
    failed = TRUE;
}

/* Search */

/* Words of the seeded texts, and some that are in none */
static const char * const words[] = {
  "entregar", "catálogo", "productos", "campaña", "navidad", "presupuesto", "informe",
  "trimestral", "maquetas", "revisión", "imprenta", "correos", "factura", "reunión",
  "deliver", "landing", "quarterly", "report", "brand", "guidelines", "mockups", "invoice",
  "newsletter", "accessibility", "survey", "meeting", "marketing", "draft", "translation",
  "deadline", "colours", "checklist", "apology", "García", "Martínez", "Smith", "Patel",
  "Nakamura", "bluefield", "aurora", "cedar", "atalaya", "northwind", "studio", "consultores",
  "zebra", "quokka", "xilófono", "wombat",
};

/* User and system time of this process and its threads, in ms: on a
 * shared machine, wall time is not all ours */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  GAsyncResult *result;
} SearchWait;

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchWait *wait = user_data;

  wait->result = g_object_ref (result);
}

/* The search page's groups, and the records pages' kinds */
static GType (*search_groups[]) (void) = {
  rapport_client_get_type, rapport_commitment_get_type, rapport_feedback_get_type,
  rapport_lesson_get_type, rapport_interaction_get_type,
};

static void
get_search_types (GType *types)
{
  for (guint i = 0; i < G_N_ELEMENTS (search_groups); i++)
    types[i] = search_groups[i] ();
}

/* What the search page does for each text typed: the first rows of each of
 * its groups from rapport_store_search_async() (in a thread, on a
 * connection of its own, then live lists on the main thread), and the rows
 * it shows made into objects. Through the commitments, whose partial
 * deliveries and renegotiations find them too, the five groups read all
 * seven tables' indexes. */
static gboolean
bench_search (const char  *database,
              GError     **error)
{
  GType types[G_N_ELEMENTS (search_groups)];
  g_autoptr(RapportStore) store = rapport_store_open (database, error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 found = 0;
  guint with_more = 0;
  double p50, p95, worst, cpu_p95;
  char value[320];

  if (store == NULL)
    return FALSE;
  get_search_types (types);

  for (guint q = 0; q < SEARCH_QUERIES; q++)
    {
      const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      /* What has been typed so far: 2 characters or more of a word */
      glong length = g_utf8_strlen (word, -1);
      glong typed = g_rand_int_range (rand, MIN (2, length), length + 1);
      g_autofree char *prefix = g_utf8_substring (word, 0, typed);
      g_autoptr(GPtrArray) lists = NULL;
      SearchWait wait = { NULL };
      double cpu_start = cpu_ms ();
      gint64 start = g_get_monotonic_time ();
      double ms;

      rapport_store_search_async (store, types, G_N_ELEMENTS (types), prefix, SEARCH_ROWS_SHOWN,
                                  NULL, search_done_cb, &wait);
      while (wait.result == NULL)
        g_main_context_iteration (NULL, TRUE);
      lists = rapport_store_search_finish (store, wait.result, error);
      g_object_unref (wait.result);
      if (lists == NULL)
        return FALSE;

      for (guint t = 0; t < lists->len; t++)
        {
          guint n = g_list_model_get_n_items (lists->pdata[t]);

          for (guint i = 0; i < MIN (n, SEARCH_ROWS_SHOWN); i++)
            g_object_unref (g_list_model_get_item (lists->pdata[t], i));
          found += MIN (n, SEARCH_ROWS_SHOWN);
          with_more += n > SEARCH_ROWS_SHOWN;
        }

      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      ms = cpu_ms () - cpu_start;
      g_array_append_val (cpu_times, ms);
    }

  g_array_sort (times, compare_doubles);
  g_array_sort (cpu_times, compare_doubles);
  p50 = g_array_index (times, double, SEARCH_QUERIES / 2);
  p95 = g_array_index (times, double, SEARCH_QUERIES * 95 / 100);
  worst = g_array_index (times, double, SEARCH_QUERIES - 1);
  cpu_p95 = g_array_index (cpu_times, double, SEARCH_QUERIES * 95 / 100);

  g_snprintf (value, sizeof value, "%.2f ms (p50 %.2f ms, max %.2f ms, CPU p95 %.2f ms; %d queries"
              " x %u groups, up to %d rows shown each: %" G_GUINT64_FORMAT " rows shown, %u groups"
              " with more)", p95, p50, worst, cpu_p95, SEARCH_QUERIES,
              (guint) G_N_ELEMENTS (types), SEARCH_ROWS_SHOWN, found, with_more);
  report ("search p95", value, "< 16 ms", p95 < SEARCH_TARGET_MS);
  return TRUE;
}

/* What a records page reads for a text typed in its search entry: all the
 * matching rows of one kind in the kind's order. The page reads them in a
 * thread (rapport_store_list_filtered_async()); the figure is that read,
 * timed here on the main connection as rapport_store_list_filtered() makes
 * it. */
static gboolean
bench_records_search (const char  *database,
                      GError     **error)
{
  GType types[G_N_ELEMENTS (search_groups)];
  g_autoptr(RapportStore) store = rapport_store_open (database, error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double p50, p95, worst;

  if (store == NULL)
    return FALSE;
  get_search_types (types);

  for (guint q = 0; q < RECORDS_SEARCH_QUERIES; q++)
    {
      const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      glong length = g_utf8_strlen (word, -1);
      glong typed = g_rand_int_range (rand, MIN (2, length), length + 1);
      g_autofree char *prefix = g_utf8_substring (word, 0, typed);
      GType type = types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))];
      g_autoptr(GListModel) list = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      list = rapport_store_list_filtered (store, type, 0, NULL, -1, prefix);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);

      /* The next query does not share the machine with this one's thread */
      while (!_rapport_store_list_is_complete (RAPPORT_STORE_LIST (list)))
        g_main_context_iteration (NULL, TRUE);
    }

  g_array_sort (times, compare_doubles);
  p50 = g_array_index (times, double, RECORDS_SEARCH_QUERIES / 2);
  p95 = g_array_index (times, double, RECORDS_SEARCH_QUERIES * 95 / 100);
  worst = g_array_index (times, double, RECORDS_SEARCH_QUERIES - 1);

  printf ("records page search, first rows: %.2f ms p95 (p50 %.2f ms, max %.2f ms; %d queries"
          " of one kind each) (no target)\n", p95, p50, worst, RECORDS_SEARCH_QUERIES);
  fflush (stdout);
  return TRUE;
}

typedef struct
{
  gboolean  done;
  GError   *error;
} TrendWait;

static void
trend_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TrendWait *wait = user_data;
  g_autoptr(GArray) months = NULL;
  RapportReliability reliability;

  rapport_stats_get_trend_finish (RAPPORT_STORE (object), result, &reliability, &months,
                                  &wait->error);
  wait->done = TRUE;
}

/* The overview's reliability card: one period's figure and twelve months,
 * read in a worker thread (rapport_stats_get_trend_async()), for each
 * period it offers */
static gboolean
bench_reliability (const char  *database,
                   GError     **error)
{
  static const struct { RapportPeriod period; const char *name; } periods[] = {
    { RAPPORT_PERIOD_LAST_90, "last 90 days" },
    { RAPPORT_PERIOD_LAST_365, "last 365 days" },
    { RAPPORT_PERIOD_ALL, "all time" },
  };
  g_autoptr(RapportStore) store = rapport_store_open (database, error);

  if (store == NULL)
    return FALSE;

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      double times[RELIABILITY_RUNS];

      for (guint run = 0; run < RELIABILITY_RUNS; run++)
        {
          gint64 start = g_get_monotonic_time ();
          TrendWait wait = { FALSE, NULL };

          rapport_stats_get_trend_async (store, periods[p].period, 0, 12, NULL, trend_done_cb,
                                         &wait);
          while (!wait.done)
            g_main_context_iteration (NULL, TRUE);
          times[run] = (g_get_monotonic_time () - start) / 1000.0;
          if (wait.error != NULL)
            {
              g_propagate_error (error, wait.error);
              return FALSE;
            }
        }
      qsort (times, RELIABILITY_RUNS, sizeof times[0], compare_doubles);
      printf ("reliability figures, %s and twelve months: %.0f ms median of %d (%.0f-%.0f ms)"
              " (no target)\n", periods[p].name, times[RELIABILITY_RUNS / 2], RELIABILITY_RUNS,
              times[0], times[RELIABILITY_RUNS - 1]);
      fflush (stdout);
    }
  return TRUE;
}

/* Timing a child process */

typedef gboolean (*ChildFunc) (gpointer data, GError **error);

typedef struct
{
  double seconds;
  /* User and system time: on a shared machine, wall time is not all ours */
  double cpu_seconds;
  double max_rss_mb;
  /* Until the child called mark_done(), or all of it */
  double done_seconds;
} Measure;

/* When a child's measured work ended, before its clean-up: in memory
 * shared with the parent */
static gint64 *child_done_at;

static void
mark_done (void)
{
  if (child_done_at != NULL)
    *child_done_at = g_get_monotonic_time ();
}

static gboolean
run_child (ChildFunc   func,
           gpointer    data,
           Measure    *measure,
           GError    **error)
{
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  int status = 0;
  pid_t pid;

  if (child_done_at == NULL)
    {
      void *shared = mmap (NULL, sizeof *child_done_at, PROT_READ | PROT_WRITE,
                           MAP_SHARED | MAP_ANONYMOUS, -1, 0);

      if (shared != MAP_FAILED)
        child_done_at = shared;
    }
  if (child_done_at != NULL)
    *child_done_at = 0;

  fflush (stdout);
  pid = fork ();
  if (pid < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "fork failed");
      return FALSE;
    }

  if (pid == 0)
    {
      g_autoptr(GError) child_error = NULL;

      if (!func (data, &child_error))
        {
          g_printerr ("%s\n", child_error->message);
          _exit (1);
        }
      _exit (0);
    }

  if (wait4 (pid, &status, 0, &usage) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The measured process failed.");
      return FALSE;
    }

  measure->seconds = (g_get_monotonic_time () - start) / 1e6;
  measure->cpu_seconds = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
                         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  measure->max_rss_mb = usage.ru_maxrss / 1024.0;
  measure->done_seconds = child_done_at != NULL && *child_done_at != 0
                          ? (*child_done_at - start) / 1e6 : measure->seconds;
  return TRUE;
}

typedef struct
{
  const char *database;
  const char *output;
  const char *sqlite3;
} Paths;

static gboolean
summary_child (gpointer   data,
               GError   **error)
{
  Paths *paths = data;
  g_autoptr(RapportStore) store = rapport_store_open (paths->database, error);
  g_autoptr(GFile) file = g_file_new_for_path (paths->output);

  return store != NULL &&
         rapport_export_summary (store, file, RAPPORT_PERIOD_ALL, FALSE, NULL, error);
}

static gboolean
backup_child (gpointer   data,
              GError   **error)
{
  Paths *paths = data;
  g_autoptr(RapportStore) store = rapport_store_open (paths->database, error);
  g_autoptr(GFile) file = g_file_new_for_path (paths->output);

  return store != NULL && rapport_export_backup (store, file, NULL, error);
}

/* `sqlite3 -json` of every table, one after the other, into one file */
static gboolean
sqlite3_child (gpointer   data,
               GError   **error)
{
  Paths *paths = data;
  const char *argv[] = {
    paths->sqlite3, "-readonly", "-json", paths->database,
    "SELECT * FROM clients", "SELECT * FROM commitments", "SELECT * FROM deliverables",
    "SELECT * FROM renegotiations", "SELECT * FROM feedback", "SELECT * FROM lessons",
    "SELECT * FROM interactions", NULL
  };
  int fd = g_open (paths->output, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  if (fd < 0 || dup2 (fd, STDOUT_FILENO) < 0)
    return FALSE;
  execvp (argv[0], (char **) argv);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Could not run %s.", argv[0]);
  return FALSE;
}

static gboolean
import_child (gpointer   data,
              GError   **error)
{
  Paths *paths = data;
  g_autoptr(RapportStore) store = rapport_store_open (paths->output, error);
  g_autoptr(GFile) file = g_file_new_for_path (paths->database);
  RapportImportResult result;

  if (store == NULL || !rapport_import_backup (store, file, NULL, &result, error))
    return FALSE;

  /* Where the app's import dialog says it is done: closing the store then
   * copies the log into the file, which the app does in the background
   * (rapport_store_checkpoint_async()) */
  mark_done ();
  return TRUE;
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static double
file_mb (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? buf.st_size / (1024.0 * 1024.0) : 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *database = NULL;
  g_autofree char *work_dir = NULL;
  g_autofree char *sqlite3 = g_strdup ("sqlite3");
  g_autofree char *summary_path = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *dump_path = NULL;
  g_autofree char *imported_path = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, "The seeded database", "PATH" },
    { "work-dir", 'w', 0, G_OPTION_ARG_FILENAME, &work_dir,
      "Where to write exports (the database's folder by default)", "DIR" },
    { "sqlite3", 0, 0, G_OPTION_ARG_FILENAME, &sqlite3, "The sqlite3 program", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new ("[search|summary|backup|import|records-search|reliability…]");
  g_autoptr(GError) error = NULL;
  gboolean all, do_search = FALSE, do_records_search = FALSE, do_summary = FALSE, do_backup = FALSE, do_import = FALSE;
  gboolean do_reliability = FALSE;
  Measure backup = { 0 };
  char value[160];

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (database == NULL || !g_file_test (database, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("Give a database made by rapport-seed with --database PATH.\n");
      return 2;
    }

  all = argc < 2;
  for (int i = 1; i < argc; i++)
    {
      static const char * const known[] = { "search", "records-search", "reliability", "summary",
                                             "backup", "import", NULL };

      if (!g_strv_contains (known, argv[i]))
        {
          g_printerr ("Unknown benchmark “%s”: choose among search, records-search, "
                      "reliability, summary, backup and import.\n", argv[i]);
          return 2;
        }
      do_search |= g_str_equal (argv[i], "search");
      do_records_search |= g_str_equal (argv[i], "records-search");
      do_reliability |= g_str_equal (argv[i], "reliability");
      do_summary |= g_str_equal (argv[i], "summary");
      do_backup |= g_str_equal (argv[i], "backup");
      do_import |= g_str_equal (argv[i], "import");
    }

  if (work_dir == NULL)
    work_dir = g_path_get_dirname (database);
  summary_path = g_build_filename (work_dir, "bench-summary.json", NULL);
  backup_path = g_build_filename (work_dir, "bench-backup.json", NULL);
  dump_path = g_build_filename (work_dir, "bench-sqlite3.json", NULL);
  imported_path = g_build_filename (work_dir, "bench-imported.db", NULL);

  /* The exports and the import run in forked children: fork while this
   * process has no other thread, so before the search, whose lists read
   * in threads */
  if (all || do_summary)
    {
      Paths paths = { database, summary_path, NULL };
      Measure m;

      if (!run_child (summary_child, &paths, &m, &error))
        goto out;
      g_snprintf (value, sizeof value, "%.2f s (CPU %.2f s)", m.seconds, m.cpu_seconds);
      report ("summary export time", value, "< 3 s", m.seconds < SUMMARY_TARGET_S);
      g_snprintf (value, sizeof value, "%.1f MB", m.max_rss_mb);
      report ("summary export peak memory", value, "< 100 MB", m.max_rss_mb < SUMMARY_TARGET_MB);
    }

  if (all || do_backup || do_import)
    {
      Paths paths = { database, backup_path, NULL };

      if (!run_child (backup_child, &paths, &backup, &error))
        goto out;
    }

  if (all || do_backup)
    {
      Paths paths = { database, dump_path, sqlite3 };
      Measure floor;
      double ratio;

      if (!run_child (sqlite3_child, &paths, &floor, &error))
        goto out;
      ratio = backup.seconds / floor.seconds;
      g_snprintf (value, sizeof value, "%.2f s, %.1fx sqlite3 -json (%.2f s); CPU %.2f s vs %.2f s;"
                  " %.0f MB vs %.0f MB written, peak memory %.1f MB", backup.seconds, ratio,
                  floor.seconds, backup.cpu_seconds, floor.cpu_seconds, file_mb (backup_path),
                  file_mb (dump_path), backup.max_rss_mb);
      report ("backup export time", value, "< 3x sqlite3 -json", ratio < BACKUP_TARGET_RATIO);
      g_unlink (dump_path);
    }

  if (all || do_import)
    {
      Paths paths = { backup_path, imported_path, NULL };
      Measure m;

      remove_database (imported_path);
      if (!run_child (import_child, &paths, &m, &error))
        goto out;
      g_snprintf (value, sizeof value, "%.2f s (CPU %.2f s with the checkpoint; %.0f MB file, "
                  "peak memory %.1f MB); then the checkpoint, which the app makes in the "
                  "background: %.2f s", m.done_seconds, m.cpu_seconds, file_mb (backup_path),
                  m.max_rss_mb, m.seconds - m.done_seconds);
      report ("backup import time", value, "< 10 s", m.done_seconds < IMPORT_TARGET_S);
      remove_database (imported_path);
    }

  g_unlink (summary_path);
  g_unlink (backup_path);

  if ((all || do_search) && !bench_search (database, &error))
    goto out;

  if (do_records_search && !bench_records_search (database, &error))
    goto out;

  if ((all || do_reliability) && !bench_reliability (database, &error))
    goto out;

out:
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return failed ? 1 : 0;
}
