/* rapport-export.c: JSON summaries and lossless backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON is written a row at a time: the header by hand, each row by a
 * JsonGenerator, one row per line, so the output is stable (a backup of
 * an imported backup is the same bytes) and easy to read and diff.
 */
#define G_LOG_DOMAIN "rapport-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "rapport-background.h"
#include "rapport-date.h"
#include "rapport-export-private.h"
#include "rapport-store-bulk.h"

/* Report progress at most once per this share of the work */
#define PROGRESS_STEP 0.01

typedef enum
{
  JOB_SUMMARY,
  JOB_BACKUP,
} JobKind;

typedef struct
{
  JobKind          kind;
  char            *database_path;
  /* The store was opened read-only: so is the export's connection */
  gboolean         read_only;
  /* Where to write: @stream when set, else @file, else stdout */
  GOutputStream   *stream;
  GFile           *file;
  RapportPeriod    period;
  gboolean         include_confidential;
  GDateTime       *now;
  RapportProgress *progress;
} Job;

typedef struct
{
  GOutputStream   *out;
  GCancellable    *cancellable;
  JsonGenerator   *generator;
  RapportProgress *progress;
  guint64          done;
  guint64          total;
  gboolean         first;
  /* Summary only */
  gboolean         include_confidential;
} Writer;

/* Progress */

struct _RapportProgress
{
  gatomicrefcount      ref_count;
  GMainContext        *context;
  RapportProgressFunc  func;
  gpointer             data;
  GDestroyNotify       destroy;
  double               last;
};

typedef struct
{
  RapportProgress *progress;
  double           fraction;
} ProgressReport;

RapportProgress *
_rapport_progress_new (RapportProgressFunc func,
                       gpointer            data,
                       GDestroyNotify      destroy)
{
  RapportProgress *self;

  if (func == NULL)
    {
      if (destroy != NULL)
        destroy (data);
      return NULL;
    }

  self = g_new0 (RapportProgress, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->context = g_main_context_ref_thread_default ();
  self->func = func;
  self->data = data;
  self->destroy = destroy;
  self->last = -1;
  return self;
}

static RapportProgress *
progress_ref (RapportProgress *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/* Always in the thread that iterates the context: never the worker's,
 * even when that thread is not iterating at the moment */
static void
invoke_in_context (GMainContext   *context,
                   GSourceFunc     func,
                   gpointer        data,
                   GDestroyNotify  destroy)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[rapport] progress");
  g_source_attach (source, context);
}

static void
progress_free (RapportProgress *self)
{
  if (self->destroy != NULL)
    self->destroy (self->data);
  g_main_context_unref (self->context);
  g_free (self);
}

static gboolean
progress_free_cb (gpointer data)
{
  progress_free (data);
  return G_SOURCE_REMOVE;
}

/* The last reference may go in the worker: the caller's data is still
 * freed in its own thread */
void
_rapport_progress_unref (RapportProgress *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (g_main_context_is_owner (self->context))
    progress_free (self);
  else
    invoke_in_context (self->context, progress_free_cb, self, NULL);
}

static gboolean
progress_report_cb (gpointer data)
{
  ProgressReport *report = data;

  report->progress->func (report->fraction, report->progress->data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  _rapport_progress_unref (report->progress);
  g_free (report);
}

/* May be called from any thread; only one thread reports at a time */
void
_rapport_progress_report (RapportProgress *self,
                          double           fraction)
{
  ProgressReport *report;

  if (self == NULL)
    return;

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction < 1.0 && fraction - self->last < PROGRESS_STEP)
    return;
  if (fraction == self->last)
    return;
  self->last = fraction;

  report = g_new0 (ProgressReport, 1);
  report->progress = progress_ref (self);
  report->fraction = fraction;
  invoke_in_context (self->context, progress_report_cb, report, progress_report_free);
}

/* Jobs */

static void
job_free (Job *job)
{
  g_clear_pointer (&job->database_path, g_free);
  g_clear_object (&job->stream);
  g_clear_object (&job->file);
  g_clear_pointer (&job->now, g_date_time_unref);
  g_clear_pointer (&job->progress, _rapport_progress_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static Job *
job_new (JobKind       kind,
         RapportStore *store)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->database_path = g_strdup (rapport_store_get_path (store));
  job->read_only = rapport_store_is_read_only (store);
  job->period = RAPPORT_PERIOD_ALL;
  return job;
}

/* Writing */

static gboolean
write_text (Writer      *writer,
            const char  *text,
            GError     **error)
{
  return g_output_stream_write_all (writer->out, text, strlen (text), NULL,
                                    writer->cancellable, error);
}

static gboolean
write_node (Writer    *writer,
            JsonNode  *node,
            GError   **error)
{
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_root (writer->generator, node);
  text = json_generator_to_data (writer->generator, &length);
  json_generator_set_root (writer->generator, NULL);

  return g_output_stream_write_all (writer->out, text, length, NULL, writer->cancellable, error);
}

/* Writes ‘  "name": value,’ and a new line; @value is consumed */
static gboolean
write_member (Writer      *writer,
              const char  *name,
              JsonNode    *value,
              GError     **error)
{
  g_autoptr(JsonNode) node = value;
  g_autofree char *key = g_strdup_printf ("  \"%s\": ", name);

  return write_text (writer, key, error) &&
         write_node (writer, node, error) &&
         write_text (writer, ",\n", error);
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (text == NULL)
    return json_node_init_null (node);

  return json_node_init_string (node, text);
}

static JsonNode *
int_node (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

static JsonNode *
moment_node (GDateTime *moment)
{
  g_autofree char *iso = moment != NULL ? rapport_date_time_to_iso (moment) : NULL;

  return string_node (iso);
}

static JsonNode *
unix_node (gint64 seconds)
{
  g_autoptr(GDateTime) moment = seconds >= 0 ? rapport_date_time_new_unix (seconds) : NULL;

  return moment_node (moment);
}

static gboolean
check_cancelled (Writer  *writer,
                 GError **error)
{
  return !g_cancellable_set_error_if_cancelled (writer->cancellable, error);
}

static void
advance (Writer *writer)
{
  writer->done++;
  if (writer->total > 0)
    _rapport_progress_report (writer->progress, (double) writer->done / (double) writer->total);
}

static RapportStoreBulk *
open_bulk (Job     *job,
           GError **error)
{
  if (job->read_only)
    return _rapport_store_bulk_open_read_only (job->database_path, error);

  return _rapport_store_bulk_open (job->database_path, error);
}

/* Summary */

static void
add_count (JsonBuilder *builder,
           const char  *name,
           guint64      count)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, (gint64) count);
}

static void
add_figures (JsonBuilder                   *builder,
             const RapportStoreBulkSummary *summary)
{
  const RapportReliability *reliability = &summary->reliability;

  json_builder_set_member_name (builder, "commitments");
  json_builder_begin_object (builder);
  add_count (builder, "open", summary->commitments_open);
  add_count (builder, "delivered", summary->commitments_delivered);
  add_count (builder, "dropped", summary->commitments_dropped);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "reliability");
  json_builder_begin_object (builder);
  add_count (builder, "kept", reliability->kept);
  add_count (builder, "late", reliability->late);
  add_count (builder, "dropped", reliability->dropped);
  add_count (builder, "open", reliability->open);
  json_builder_set_member_name (builder, "percent");
  if (rapport_reliability_has_figure (reliability))
    json_builder_add_int_value (builder, rapport_reliability_get_percent (reliability));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "date_changes");
  json_builder_begin_object (builder);
  add_count (builder, "agreed", summary->moves_agreed);
  add_count (builder, "told_not_agreed", summary->moves_told);
  add_count (builder, "not_told", summary->moves_not_told);
  json_builder_end_object (builder);

  add_count (builder, "open_feedback", summary->open_feedback);
  add_count (builder, "lessons", summary->lessons);
  add_count (builder, "apologies_owed", summary->apologies_owed);
}

static void
add_optional_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* The last member of the summary: the totals, once every client is written */
static gboolean
write_overall (Writer                        *writer,
               const RapportStoreBulkSummary *overall,
               GError                       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  add_count (builder, "clients", overall->n_clients);
  add_figures (builder, overall);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);

  return write_text (writer, "  \"overall\": ", error) &&
         write_node (writer, node, error) &&
         write_text (writer, "\n}\n", error);
}

static gboolean
write_client_cb (const RapportStoreBulkSummary  *summary,
                 gpointer                        user_data,
                 GError                        **error)
{
  Writer *writer = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) node = NULL;
  gboolean redacted = summary->confidential && !writer->include_confidential;

  if (!check_cancelled (writer, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  if (redacted)
    {
      /* Not translated: a summary reads the same whatever the language.
       * The number is the rank by creation among the confidential clients
       * not in the trash: the same from one export to the next until one
       * of them is trashed, and no gap tells of a trashed one. */
      g_autofree char *pseudonym = g_strdup_printf ("Client %" G_GINT64_FORMAT,
                                                    summary->confidential_rank);

      json_builder_add_string_value (builder, pseudonym);
    }
  else
    json_builder_add_string_value (builder, summary->name);

  json_builder_set_member_name (builder, "redacted");
  json_builder_add_boolean_value (builder, redacted);
  json_builder_set_member_name (builder, "confidential");
  json_builder_add_boolean_value (builder, summary->confidential);

  if (!redacted)
    {
      add_optional_string (builder, "uuid", summary->uuid);
      add_optional_string (builder, "company", summary->company);
      add_optional_string (builder, "email", summary->email);
      add_optional_string (builder, "phone", summary->phone);
      add_optional_string (builder, "notes", summary->notes);
    }

  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, summary->status);
  add_figures (builder, summary);

  json_builder_set_member_name (builder, "last_interaction");
  json_builder_add_value (builder, unix_node (summary->last_interaction));
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  if (!write_text (writer, writer->first ? "\n    " : ",\n    ", error) ||
      !write_node (writer, node, error))
    return FALSE;

  writer->first = FALSE;
  advance (writer);
  return TRUE;
}

static gboolean
run_summary (Job            *job,
             Writer         *writer,
             GDateTime      *now,
             GError        **error)
{
  g_autoptr(RapportStoreBulk) bulk = NULL;
  g_autoptr(GDate) today = rapport_date_new_local (now);
  g_autoptr(GDate) from = NULL;
  g_autoptr(GDate) to = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *from_iso = NULL;
  g_autofree char *to_iso = NULL;
  g_autoptr(JsonBuilder) period = json_builder_new_immutable ();
  RapportStoreBulkSummary overall;
  gboolean ok;

  rapport_period_get_range (job->period, today, &from, &to);
  today_iso = rapport_date_to_iso (today);
  from_iso = from != NULL ? rapport_date_to_iso (from) : NULL;
  to_iso = to != NULL ? rapport_date_to_iso (to) : NULL;

  bulk = open_bulk (job, error);
  if (bulk == NULL ||
      !_rapport_store_bulk_begin_read (bulk, error) ||
      !_rapport_store_bulk_count_clients (bulk, &writer->total, error))
    return FALSE;

  json_builder_begin_object (period);
  json_builder_set_member_name (period, "name");
  json_builder_add_string_value (period, rapport_period_to_nick (job->period));
  add_optional_string (period, "from", from_iso);
  add_optional_string (period, "to", to_iso);
  json_builder_set_member_name (period, "today");
  json_builder_add_string_value (period, today_iso);
  json_builder_end_object (period);

  if (!write_text (writer, "{\n", error) ||
      !write_member (writer, "format", string_node (RAPPORT_SUMMARY_FORMAT), error) ||
      !write_member (writer, "format_version", int_node (RAPPORT_SUMMARY_FORMAT_VERSION), error) ||
      !write_member (writer, "generated", moment_node (now), error) ||
      !write_member (writer, "app_version", string_node (PACKAGE_VERSION), error) ||
      !write_member (writer, "period", json_builder_get_root (period), error) ||
      !write_member (writer, "confidential_included",
                     json_node_init_boolean (json_node_alloc (), job->include_confidential),
                     error))
    return FALSE;

  writer->include_confidential = job->include_confidential;
  writer->first = TRUE;

  /* The totals come last: they are summed while the clients are written */
  ok = write_text (writer, "  \"clients\": [", error) &&
       _rapport_store_bulk_summarize (bulk, from_iso, to_iso, today_iso, &overall,
                                      write_client_cb, writer, error);
  _rapport_store_bulk_rollback (bulk);

  return ok &&
         write_text (writer, writer->first ? "],\n" : "\n  ],\n", error) &&
         write_overall (writer, &overall, error);
}

/* Backup */

static gboolean
write_row_cb (guint        table,
              const char  *json,
              gsize        length,
              gpointer     user_data,
              GError     **error)
{
  Writer *writer = user_data;

  if (!check_cancelled (writer, error))
    return FALSE;

  if (!write_text (writer, writer->first ? "\n    " : ",\n    ", error) ||
      !g_output_stream_write_all (writer->out, json, length, NULL, writer->cancellable, error))
    return FALSE;

  writer->first = FALSE;
  advance (writer);
  return TRUE;
}

static gboolean
run_backup (Job        *job,
            Writer     *writer,
            GDateTime  *now,
            GError    **error)
{
  g_autoptr(RapportStoreBulk) bulk = NULL;

  bulk = open_bulk (job, error);
  if (bulk == NULL ||
      !_rapport_store_bulk_begin_read (bulk, error) ||
      !_rapport_store_bulk_count_rows (bulk, &writer->total, error))
    return FALSE;

  if (!write_text (writer, "{\n", error) ||
      !write_member (writer, "format", string_node (RAPPORT_BACKUP_FORMAT), error) ||
      !write_member (writer, "format_version", int_node (RAPPORT_BACKUP_FORMAT_VERSION), error) ||
      !write_member (writer, "generated", moment_node (now), error) ||
      !write_member (writer, "app_version", string_node (PACKAGE_VERSION), error))
    return FALSE;

  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    {
      g_autofree char *open = g_strdup_printf ("  \"%s\": [",
                                               _rapport_store_bulk_table_name (i));
      const char *close;

      writer->first = TRUE;
      if (!write_text (writer, open, error) ||
          !_rapport_store_bulk_read_rows (bulk, i, write_row_cb, writer, error))
        return FALSE;

      if (i + 1 < RAPPORT_STORE_N_TABLES)
        close = writer->first ? "],\n" : "\n  ],\n";
      else
        close = writer->first ? "]\n" : "\n  ]\n";
      if (!write_text (writer, close, error))
        return FALSE;
    }

  _rapport_store_bulk_rollback (bulk);
  return write_text (writer, "}\n", error);
}

static gboolean
run_to_stream (Job           *job,
               GOutputStream *stream,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GOutputStream) buffered = g_buffered_output_stream_new_sized (stream, 64 * 1024);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GDateTime) now = NULL;
  Writer writer = { 0 };
  gboolean ok;

  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);

  now = job->now != NULL ? g_date_time_ref (job->now) : g_date_time_new_now_utc ();
  writer.out = buffered;
  writer.cancellable = cancellable;
  writer.generator = generator;
  writer.progress = job->progress;

  if (job->kind == JOB_SUMMARY)
    ok = run_summary (job, &writer, now, error);
  else
    ok = run_backup (job, &writer, now, error);

  if (ok)
    ok = g_output_stream_flush (buffered, cancellable, error);
  if (ok)
    _rapport_progress_report (job->progress, 1.0);

  return ok;
}

static void
set_file_error (GError     **error,
                const char  *path,
                int          saved_errno)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("The file “%s” could not be written: %s"), name, g_strerror (saved_errno));
}

/* An error writing @path, which a stream gave without the file's name */
static void
set_write_error (GError     **error,
                 const char  *path,
                 GError      *write_error)
{
  g_autofree char *name = g_filename_display_name (path);

  if (g_error_matches (write_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("There is no space left for “%s”. Free some space and try again."), name);
  else
    g_set_error (error, G_IO_ERROR, write_error->code,
                 _("The file “%s” could not be written: %s"), name, write_error->message);
}

/* Passes on @local_error, naming @path in it when writing failed: not
 * when reading the database did, nor when the export was cancelled */
static void
propagate_export_error (GError     **error,
                        const char  *path,
                        GError      *local_error)
{
  if (local_error->domain == G_IO_ERROR && local_error->code != G_IO_ERROR_CANCELLED)
    {
      set_write_error (error, path, local_error);
      g_error_free (local_error);
    }
  else
    g_propagate_error (error, local_error);
}

/* @path with its folder resolved: one spelling per file */
static char *
canonical_path (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  char resolved[PATH_MAX];

  return g_build_filename (realpath (dir, resolved) != NULL ? resolved : dir, base, NULL);
}

/* Whether @path is the database or one of the files SQLite keeps beside it */
static gboolean
is_database_file (const char *database_path,
                  const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *database = canonical_path (database_path);
  g_autofree char *destination = canonical_path (path);
  GStatBuf database_stat, destination_stat;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (database, suffixes[i], NULL);

      if (g_str_equal (name, destination))
        return TRUE;
    }

  /* The same file under another name: a hard link */
  return g_stat (database_path, &database_stat) == 0 && g_stat (path, &destination_stat) == 0 &&
         database_stat.st_dev == destination_stat.st_dev &&
         database_stat.st_ino == destination_stat.st_ino;
}

/* A named pipe or a device is written into as it is: replacing it with a
 * file would leave its reader waiting */
static gboolean
run_through (Job           *job,
             const char    *path,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  GError *local_error = NULL;
  int fd;

  fd = open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      set_file_error (error, path, errno);
      return FALSE;
    }

  stream = g_unix_output_stream_new (fd, TRUE);
  if (!run_to_stream (job, stream, cancellable, &local_error) ||
      !g_output_stream_close (stream, cancellable, &local_error))
    {
      propagate_export_error (error, path, local_error);
      return FALSE;
    }

  return TRUE;
}

/* Cuts @base so that ".BASE.XXXXXX" is a name @dir can hold: a valid
 * destination name of up to NAME_MAX bytes gets a temporary file too. A
 * character in UTF-8 is not cut in two. */
static void
shorten_for_temp_name (const char *dir,
                       char       *base)
{
  long name_max = pathconf (dir, _PC_NAME_MAX);
  gsize room;
  gsize length = strlen (base);

  if (name_max <= 0)
    name_max = NAME_MAX;
  room = (gsize) name_max - strlen (".") - strlen (".XXXXXX");
  if (length <= room)
    return;

  length = room;
  while (length > 0 && ((guchar) base[length] & 0xc0) == 0x80)
    length--;
  base[length] = '\0';
}

/* Writes to a temporary file beside @path, renamed over it when complete,
 * unless @path is a pipe or a device, which are written into */
static gboolean
run_to_path (Job           *job,
             const char    *requested,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *temp = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  char resolved[PATH_MAX];
  GStatBuf st;
  int fd;

  if (g_stat (requested, &st) == 0 && !S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
    return run_through (job, requested, cancellable, error);

  /* A link stays, and the file it points to is replaced */
  path = realpath (requested, resolved) != NULL ? g_strdup (resolved) : g_strdup (requested);
  if (is_database_file (job->database_path, path))
    {
      g_autofree char *name = g_filename_display_name (requested);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is where this database is kept: choose another file for the export."),
                   name);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  shorten_for_temp_name (dir, base);
  pattern = g_strdup_printf (".%s.XXXXXX", base);
  temp = g_build_filename (dir, pattern, NULL);
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_file_error (error, requested, errno);
      return FALSE;
    }

  stream = g_unix_output_stream_new (fd, FALSE);
  if (!run_to_stream (job, stream, cancellable, &local_error))
    {
      close (fd);
      g_unlink (temp);
      propagate_export_error (error, requested, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (fsync (fd) != 0 || close (fd) != 0)
    {
      set_file_error (error, requested, errno);
      g_unlink (temp);
      return FALSE;
    }

  /* Interrupted while the file was made safe: the destination stays */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (temp);
      return FALSE;
    }

  if (g_rename (temp, path) != 0)
    {
      set_file_error (error, requested, errno);
      g_unlink (temp);
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_job (Job           *job,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autofree char *path = NULL;

  if (job->stream != NULL)
    return run_to_stream (job, job->stream, cancellable, error);

  if (job->file == NULL)
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      return run_to_stream (job, out, cancellable, error);
    }

  path = g_file_get_path (job->file);
  if (path != NULL)
    return run_to_path (job, path, cancellable, error);

  /* Not a local file: let GIO replace it as safely as its backend can */
  {
    g_autoptr(GFileOutputStream) out = NULL;
    g_autoptr(GCancellable) abandon = NULL;

    out = g_file_replace (job->file, NULL, FALSE,
                          G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                          cancellable, error);
    if (out == NULL)
      return FALSE;

    if (run_to_stream (job, G_OUTPUT_STREAM (out), cancellable, error))
      return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);

    /* A cancelled close leaves the destination as it was */
    abandon = g_cancellable_new ();
    g_cancellable_cancel (abandon);
    g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
    return FALSE;
  }
}

static void
job_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  _rapport_background_thread ();
  if (run_job (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_job_async (RapportStore        *store,
               Job                 *job,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, job_worker);
}

/* API */

/**
 * rapport_export_summary_to_stream:
 * @now: (nullable): the moment the summary is for, or %NULL for now
 *
 * Writes a summary of @store to @stream, in the calling thread, reading on
 * a connection of its own. @stream is flushed, not closed.
 */
gboolean
rapport_export_summary_to_stream (RapportStore   *store,
                                  GOutputStream  *stream,
                                  RapportPeriod   period,
                                  gboolean        include_confidential,
                                  GDateTime      *now,
                                  GCancellable   *cancellable,
                                  GError        **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  job = job_new (JOB_SUMMARY, store);
  job->stream = g_object_ref (stream);
  job->period = period;
  job->include_confidential = include_confidential;
  job->now = now != NULL ? g_date_time_ref (now) : NULL;
  return run_job (job, cancellable, error);
}

/**
 * rapport_export_backup_to_stream:
 * @now: (nullable): the moment written as "generated", or %NULL for now
 *
 * Writes every row of @store to @stream, in the calling thread, reading on
 * a connection of its own. @stream is flushed, not closed.
 */
gboolean
rapport_export_backup_to_stream (RapportStore   *store,
                                 GOutputStream  *stream,
                                 GDateTime      *now,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  job = job_new (JOB_BACKUP, store);
  job->stream = g_object_ref (stream);
  job->now = now != NULL ? g_date_time_ref (now) : NULL;
  return run_job (job, cancellable, error);
}

/**
 * rapport_export_summary:
 * @file: (nullable): where to write, or %NULL for the standard output
 *
 * Writes a summary to @file in the calling thread; see
 * rapport_export_summary_async() for the same in a thread.
 */
gboolean
rapport_export_summary (RapportStore   *store,
                        GFile          *file,
                        RapportPeriod   period,
                        gboolean        include_confidential,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  job = job_new (JOB_SUMMARY, store);
  job->file = file != NULL ? g_object_ref (file) : NULL;
  job->period = period;
  job->include_confidential = include_confidential;
  return run_job (job, cancellable, error);
}

gboolean
rapport_export_backup (RapportStore   *store,
                       GFile          *file,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  job = job_new (JOB_BACKUP, store);
  job->file = file != NULL ? g_object_ref (file) : NULL;
  return run_job (job, cancellable, error);
}

/**
 * rapport_export_summary_async:
 * @file: (nullable): where to write, or %NULL for the standard output
 * @progress: (nullable): called in this thread's main context as work goes
 * @progress_data_destroy: frees @progress_data once no call can come
 *
 * Writes a summary in a thread, on a connection of its own. When it fails
 * or is cancelled, @file is left as it was.
 */
void
rapport_export_summary_async (RapportStore        *store,
                              GFile               *file,
                              RapportPeriod        period,
                              gboolean             include_confidential,
                              GCancellable        *cancellable,
                              RapportProgressFunc  progress,
                              gpointer             progress_data,
                              GDestroyNotify       progress_data_destroy,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RAPPORT_IS_STORE (store));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  job = job_new (JOB_SUMMARY, store);
  job->file = file != NULL ? g_object_ref (file) : NULL;
  job->period = period;
  job->include_confidential = include_confidential;
  job->progress = _rapport_progress_new (progress, progress_data, progress_data_destroy);
  run_job_async (store, job, rapport_export_summary_async, cancellable, callback, user_data);
}

gboolean
rapport_export_summary_finish (RapportStore  *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rapport_export_summary_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rapport_export_backup_async:
 * @file: (nullable): where to write, or %NULL for the standard output
 * @progress: (nullable): called in this thread's main context as work goes
 * @progress_data_destroy: frees @progress_data once no call can come
 *
 * Writes a backup in a thread, on a connection of its own. When it fails
 * or is cancelled, @file is left as it was.
 */
void
rapport_export_backup_async (RapportStore        *store,
                             GFile               *file,
                             GCancellable        *cancellable,
                             RapportProgressFunc  progress,
                             gpointer             progress_data,
                             GDestroyNotify       progress_data_destroy,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RAPPORT_IS_STORE (store));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  job = job_new (JOB_BACKUP, store);
  job->file = file != NULL ? g_object_ref (file) : NULL;
  job->progress = _rapport_progress_new (progress, progress_data, progress_data_destroy);
  run_job_async (store, job, rapport_export_backup_async, cancellable, callback, user_data);
}

gboolean
rapport_export_backup_finish (RapportStore  *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rapport_export_backup_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
