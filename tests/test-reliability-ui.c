/* test-reliability-ui.c: reliability on screen, and keeping one's word through the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reliability box on a hand-made database, alone and in the overview
 * and client pages of the real window; the rows that say a commitment is
 * at risk or was delivered late; and a due date renegotiated through the
 * commitment editor opened from the Commitments view.
 */
#define G_LOG_DOMAIN "test-reliability-ui"

#include "config.h"

#include <adwaita.h>

#include "rapport-application.h"
#include "rapport-client-page.h"
#include "rapport-commitment-editor.h"
#include "rapport-overview-page.h"
#include "rapport-record-row.h"
#include "rapport-reliability-box.h"
#include "rapport-reliability-chart.h"
#include "rapport-renegotiate-dialog.h"
#include "rapport-status-page.h"
#include "rapport-test-app.h"
#include "rapport-test-util.h"
#include "rapport-window.h"

/* Helpers */

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_records_list (GtkWidget     *widget,
                 gconstpointer  data)
{
  /* Not the lists inside the filters' drop-downs */
  return GTK_IS_GRID_VIEW (widget) && gtk_widget_has_css_class (widget, "records");
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_visible_label (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = find_widget (root, is_row_titled, title);

  if (row == NULL)
    g_error ("No row titled “%s”", title);
  return row;
}

static gboolean
is_value_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "value");
}

/* The value a client's detail row shows under its caption */
static const char *
detail_text (GtkWidget *row)
{
  GtkWidget *label = find_widget (row, is_value_label, NULL);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The text of the label named @name inside @box */
static const char *
shown (GtkWidget  *box,
       const char *name)
{
  GtkWidget *label = find_widget (box, is_named, name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
assert_box_shows_now (GtkWidget  *box,
                  const char *figure,
                  const char *kept,
                  const char *late,
                  const char *dropped,
                  const char *open)
{
  g_assert_nonnull (find_widget (box, is_visible_label, figure));
  g_assert_cmpstr (shown (box, "kept-count"), ==, kept);
  g_assert_cmpstr (shown (box, "late-count"), ==, late);
  g_assert_cmpstr (shown (box, "dropped-count"), ==, dropped);
  g_assert_cmpstr (shown (box, "open-count"), ==, open);
}

static void
assert_box_shows (GtkWidget  *box,
                  const char *figure,
                  const char *kept,
                  const char *late,
                  const char *dropped,
                  const char *open)
{
  wait_reliability_box (box);
  assert_box_shows_now (box, figure, kept, late, dropped, open);
}

/* Saves a picture of @widget when RAPPORT_TEST_SHOTS names a folder */
static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *folder = g_getenv ("RAPPORT_TEST_SHOTS");
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (folder == NULL)
    return;

  wait_ms (300);
  node = widget_render_node (widget);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         NULL);
  path = g_strdup_printf ("%s/%s.png", folder, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* "YYYY-MM-DD" of today plus @days, in local time */
static char *
day_iso (int days)
{
  g_autoptr(GDate) date = rapport_date_new_today ();

  if (days >= 0)
    g_date_add_days (date, days);
  else
    g_date_subtract_days (date, -days);
  return rapport_date_to_iso (date);
}

/* Noon, local time, @days from today */
static GDateTime *
noon (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now),
                                                      12, 0, 0);
  g_autoptr(GDateTime) then = g_date_time_add_days (today, days);

  return g_date_time_to_utc (then);
}

/* A commitment due @due days from today, delivered @delivered days from
 * today, or open when @delivered is G_MAXINT, or dropped when G_MININT */
static RapportCommitment *
add (RapportStore  *store,
     RapportClient *client,
     const char    *title,
     int            due,
     int            delivered)
{
  g_autofree char *due_iso = day_iso (due);
  RapportCommitment *commitment = rapport_test_add_commitment (store, client, title, due_iso);

  if (delivered == G_MININT)
    {
      rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DROPPED);
      rapport_commitment_set_drop_reason (commitment, "The client cancelled the project");
      rapport_test_save (store, commitment);
    }
  else if (delivered != G_MAXINT)
    {
      g_autoptr(GDateTime) at = noon (delivered);

      rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DELIVERED);
      rapport_commitment_set_delivered_at (commitment, at);
      rapport_test_save (store, commitment);
    }

  return commitment;
}

#define OPEN G_MAXINT
#define DROPPED G_MININT

/* Kept 10 days ago, late 20 days ago, dropped 50 days ago, kept 200 days
 * ago, and open in 5 days */
static void
fill (RapportStore  *store,
      RapportClient *client)
{
  g_autoptr(RapportCommitment) a = add (store, client, "Kept lately", -10, -11);
  g_autoptr(RapportCommitment) b = add (store, client, "Late", -20, -15);
  g_autoptr(RapportCommitment) c = add (store, client, "Dropped", -50, DROPPED);
  g_autoptr(RapportCommitment) d = add (store, client, "Kept long ago", -200, -200);
  g_autoptr(RapportCommitment) e = add (store, client, "Not yet due", 5, OPEN);
}

/* Tests */

static void
test_box_figures_and_period (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(RapportCommitment) late = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box;
  GtkDropDown *dropdown;
  RapportReliability reliability;

  g_settings_set_string (settings, "reliability-period", "last-30");
  box = rapport_reliability_box_new (store);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  /* Nothing decided is no figure, not 0 % */
  assert_box_shows (box, "No figure yet", "0", "0", "0", "0");

  fill (store, client);
  rapport_reliability_box_refresh (RAPPORT_RELIABILITY_BOX (box));
  assert_box_shows (box, "50 %", "1", "1", "0", "0");
  g_assert_nonnull (find_widget (box, is_visible_label, "1 of 2 commitments kept on time"));
  g_assert_cmpuint (rapport_reliability_chart_get_n_points (
                      RAPPORT_RELIABILITY_CHART (find_widget (box, is_type,
                                                              GSIZE_TO_POINTER (
                                                                RAPPORT_TYPE_RELIABILITY_CHART)))),
                    ==, 12);

  /* Picking a period in the drop-down changes the figure and the setting */
  dropdown = GTK_DROP_DOWN (find_widget (box, is_type, GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN)));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  /* Choices in sentence case, as in every drop-down and in the export's
   * Period ("Any status", "Video call") */
  {
    const char *periods[] = { "Last 30 days", "Last 90 days", "Last 365 days", "All time" };
    GListModel *model = gtk_drop_down_get_model (dropdown);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (periods));
    for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

        g_assert_cmpstr (gtk_string_object_get_string (item), ==, periods[i]);
      }
    g_assert_nonnull (find_widget (GTK_WIDGET (dropdown), is_visible_label, "Last 30 days"));
  }
  gtk_drop_down_set_selected (dropdown, 1);
  assert_box_shows (box, "33 %", "1", "1", "1", "0");
  {
    g_autofree char *period = g_settings_get_string (settings, "reliability-period");

    g_assert_cmpstr (period, ==, "last-90");
  }

  gtk_drop_down_set_selected (dropdown, 2);
  iterate ();
  assert_box_shows (box, "50 %", "2", "1", "1", "0");

  /* The setting, changed elsewhere (another box), moves this one too */
  g_settings_set_string (settings, "reliability-period", "all");
  wait_reliability_box (box);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 3);
  g_assert_cmpint (rapport_reliability_box_get_period (RAPPORT_RELIABILITY_BOX (box)), ==,
                   RAPPORT_PERIOD_ALL);
  assert_box_shows (box, "50 %", "2", "1", "1", "1");

  /* A change in the store shows a moment later, not at every save */
  late = add (store, client, "Also late", -3, -1);
  iterate ();
  g_assert_true (rapport_reliability_box_is_refreshing (RAPPORT_RELIABILITY_BOX (box)));
  assert_box_shows_now (box, "50 %", "2", "1", "1", "1");
  wait_ms (450);
  assert_box_shows (box, "40 %", "2", "2", "1", "1");
  rapport_reliability_box_get_reliability (RAPPORT_RELIABILITY_BOX (box), &reliability);
  g_assert_cmpuint (reliability.kept, ==, 2);
  g_assert_cmpuint (reliability.late, ==, 2);

  /* Per client: another client's box counts only theirs */
  rapport_reliability_box_set_client_id (RAPPORT_RELIABILITY_BOX (box),
                                         rapport_record_get_id (RAPPORT_RECORD (client)) + 1000);
  assert_box_shows (box, "No figure yet", "0", "0", "0", "0");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

/* Until its first figures arrive the box says they are coming; later
 * refreshes that are quick replace the figures without a flash of it */
static void
test_box_working_until_figures (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box;

  g_settings_set_string (settings, "reliability-period", "last-90");
  fill (store, client);
  box = rapport_reliability_box_new (store);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  g_assert_true (rapport_reliability_box_is_refreshing (RAPPORT_RELIABILITY_BOX (box)));
  assert_box_shows_now (box, "—", "—", "—", "—", "—");
  g_assert_nonnull (find_widget (box, is_visible_label,
                                 "Working out how often you kept your word…"));
  g_assert_cmpuint (rapport_reliability_chart_get_n_points (
                      RAPPORT_RELIABILITY_CHART (find_widget (box, is_type,
                                                              GSIZE_TO_POINTER (
                                                                RAPPORT_TYPE_RELIABILITY_CHART)))),
                    ==, 0);
  {
    g_autofree char *chart = rapport_reliability_chart_dup_description (
      RAPPORT_RELIABILITY_CHART (find_widget (box, is_type,
                                              GSIZE_TO_POINTER (RAPPORT_TYPE_RELIABILITY_CHART))));

    /* Not "no commitments decided yet", which is not known */
    g_assert_cmpstr (chart, ==, "");
  }

  assert_box_shows (box, "33 %", "1", "1", "1", "0");
  g_assert_null (find_widget (box, is_visible_label, "Working out how often you kept your word…"));

  /* Another period: the last figures stay until the new ones are in */
  g_settings_set_string (settings, "reliability-period", "all");
  assert_box_shows_now (box, "33 %", "1", "1", "1", "0");
  assert_box_shows (box, "50 %", "2", "1", "1", "1");
  wait_ms (300);
  assert_box_shows_now (box, "50 %", "2", "1", "1", "1");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

static gboolean
is_flag (GtkWidget     *widget,
         gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "record-flag") &&
         gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static void
test_overview_reliability_and_at_risk (RapportWindow *window,
                                       RapportStore  *store)
{
  GtkWidget *overview = rapport_window_get_page (window, "overview");
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportCommitment) soon = add (store, client, "Send the mockups", 1, OPEN);
  g_autoptr(RapportCommitment) later = add (store, client, "Write the report", 5, OPEN);
  g_autoptr(RapportCommitment) kept = add (store, client, "Kept", -10, -11);
  g_autoptr(RapportCommitment) late = add (store, client, "Late", -12, -9);
  GtkWidget *box;
  GtkWidget *row;

  g_settings_set_string (settings, "reliability-period", "last-90");
  g_settings_set_uint (settings, "warning-days", 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                             "overview"));
  iterate ();

  /* The reliability section comes first, with this database's figure */
  g_assert_nonnull (find_widget (overview, is_type,
                                 GSIZE_TO_POINTER (ADW_TYPE_PREFERENCES_GROUP)));
  g_assert_cmpstr (adw_preferences_group_get_title (
                     ADW_PREFERENCES_GROUP (find_widget (overview, is_type,
                                                         GSIZE_TO_POINTER (
                                                           ADW_TYPE_PREFERENCES_GROUP)))),
                   ==, "Reliability");
  box = find_widget (overview, is_type, GSIZE_TO_POINTER (RAPPORT_TYPE_RELIABILITY_BOX));
  g_assert_nonnull (box);
  g_assert_true (gtk_widget_get_mapped (box));
  assert_box_shows (box, "50 %", "1", "1", "0", "0");
  g_assert_cmpstr (rapport_overview_page_get_state (RAPPORT_OVERVIEW_PAGE (overview)), ==,
                   "attention");
  screenshot (GTK_WIDGET (window), "overview-reliability");

  /* A client past the agreed cadence waits for an update */
  {
    g_autoptr(RapportClient) quiet = rapport_test_add_client (store, "Quiet Co");
    g_autoptr(GDateTime) contact = noon (-10);

    rapport_client_set_cadence_days (quiet, 7);
    rapport_client_set_last_contact (quiet, contact);
    rapport_test_save (store, quiet);
    rapport_overview_page_refresh (RAPPORT_OVERVIEW_PAGE (overview));
    /* Its section shows with its first row, not as a title over nothing */
    g_assert_null (find_widget (overview, is_row_titled, "Quiet Co"));
    g_assert_false (gtk_widget_is_visible (gtk_widget_get_ancestor (
                      find_widget (overview, is_label_with_text, "1 Client Awaiting an Update"),
                      ADW_TYPE_PREFERENCES_GROUP)));
    iterate ();
    g_assert_true (gtk_widget_is_visible (find_row (overview, "Quiet Co")));
    g_assert_cmpuint (rapport_overview_page_get_count (RAPPORT_OVERVIEW_PAGE (overview),
                                                       RAPPORT_ATTENTION_CLIENT_OUT_OF_TOUCH),
                      ==, 1);
    g_assert_nonnull (strstr (row_subtitle (find_row (overview, "Quiet Co")),
                              "last contact 10 days ago"));
  }

  /* A date moved without telling the client waits for them to be told */
  {
    g_autoptr(RapportRenegotiation) untold =
      rapport_renegotiation_new (rapport_record_get_id (RAPPORT_RECORD (later)));
    g_autoptr(GDate) old_due = rapport_date_new_today ();
    g_autoptr(GDate) new_due = rapport_date_new_today ();
    GtkWidget *title;

    g_date_add_days (old_due, 3);
    g_date_add_days (new_due, 5);
    g_object_set (untold, "old-due", old_due, "new-due", new_due, "reason", "Printer broke",
                  "client-told", FALSE, NULL);
    rapport_test_save (store, untold);
    iterate ();
    g_assert_cmpuint (rapport_overview_page_get_count (RAPPORT_OVERVIEW_PAGE (overview),
                                                       RAPPORT_ATTENTION_CLIENT_NOT_TOLD),
                      ==, 1);
    title = find_widget (overview, is_label_with_text,
                         "1 Commitment Moved Without Telling the Client");
    g_assert_nonnull (title);
    g_assert_true (gtk_widget_is_visible (title));

    rapport_renegotiation_set_client_told (untold, TRUE);
    rapport_test_save (store, untold);
    iterate ();
    g_assert_cmpuint (rapport_overview_page_get_count (RAPPORT_OVERVIEW_PAGE (overview),
                                                       RAPPORT_ATTENTION_CLIENT_NOT_TOLD),
                      ==, 0);
  }

  /* Due tomorrow, within the two days of warning: at risk; in five: not */
  row = find_row (overview, "Send the mockups");
  g_assert_nonnull (find_widget (row, is_flag, "At risk"));
  g_assert_true (gtk_widget_has_css_class (find_widget (row, is_flag, "At risk"), "warning"));
  row = find_row (overview, "Write the report");
  g_assert_null (find_widget (row, is_flag, "At risk"));

  /* With no days of warning, tomorrow is not at risk yet */
  g_settings_set_uint (settings, "warning-days", 0);
  iterate ();
  row = find_row (overview, "Send the mockups");
  g_assert_null (find_widget (row, is_flag, "At risk"));
  g_settings_set_uint (settings, "warning-days", 7);
  iterate ();
  row = find_row (overview, "Write the report");
  g_assert_nonnull (find_widget (row, is_flag, "At risk"));

  /* Delivering one updates the figure a moment later */
  {
    g_autoptr(GDateTime) at = noon (0);

    rapport_commitment_set_status (soon, RAPPORT_COMMITMENT_STATUS_DELIVERED);
    rapport_commitment_set_delivered_at (soon, at);
    rapport_test_save (store, soon);
  }
  wait_ms (450);
  /* Due tomorrow is not in the last 90 days yet: still 1 kept of 2 */
  assert_box_shows (box, "50 %", "1", "1", "0", "0");
  g_settings_set_string (settings, "reliability-period", "all");
  iterate ();
  assert_box_shows (box, "66 %", "2", "1", "0", "1");
}

static void
test_overview_caught_up_still_shows_reliability (RapportWindow *window,
                                                 RapportStore  *store)
{
  GtkWidget *overview = rapport_window_get_page (window, "overview");
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportCommitment) kept = add (store, client, "Kept", -10, -11);
  GtkWidget *box;

  g_settings_set_string (settings, "reliability-period", "last-90");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                             "overview"));
  iterate ();

  g_assert_cmpstr (rapport_overview_page_get_state (RAPPORT_OVERVIEW_PAGE (overview)), ==,
                   "caught-up");
  box = find_widget (overview, is_type, GSIZE_TO_POINTER (RAPPORT_TYPE_RELIABILITY_BOX));
  g_assert_nonnull (box);
  g_assert_nonnull (gtk_widget_get_ancestor (box, RAPPORT_TYPE_STATUS_PAGE));
  g_assert_true (gtk_widget_get_mapped (box));
  assert_box_shows (box, "100 %", "1", "0", "0", "0");
  screenshot (GTK_WIDGET (window), "overview-caught-up");

  /* Something to attend to: the figures go back above the sections */
  {
    g_autoptr(RapportCommitment) soon = add (store, client, "Due tomorrow", 1, OPEN);

    rapport_overview_page_refresh (RAPPORT_OVERVIEW_PAGE (overview));
    iterate ();
    g_assert_cmpstr (rapport_overview_page_get_state (RAPPORT_OVERVIEW_PAGE (overview)), ==,
                     "attention");
    g_assert_null (gtk_widget_get_ancestor (box, RAPPORT_TYPE_STATUS_PAGE));
    g_assert_true (gtk_widget_get_mapped (box));
  }
}

static void
test_client_page_reliability_and_cadence (RapportWindow *window,
                                          RapportStore  *store)
{
  GtkWidget *page = rapport_window_get_page (window, "client");
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportClient) other = rapport_test_add_client (store, "Globex");
  g_autoptr(RapportCommitment) late = add (store, client, "Late by two days", -5, -3);
  g_autoptr(RapportCommitment) on_time = add (store, client, "On time", -5, -6);
  g_autoptr(RapportCommitment) theirs = add (store, other, "Theirs", -5, DROPPED);
  g_autoptr(GDateTime) contact = noon (-3);
  GtkWidget *box;
  GtkWidget *row;
  GtkWidget *value;

  g_settings_set_string (settings, "reliability-period", "last-30");
  rapport_client_set_cadence_days (client, 7);
  rapport_client_set_channel (client, RAPPORT_CHANNEL_VIDEO_CALL);
  rapport_client_set_last_contact (client, contact);
  rapport_test_save (store, client);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(sx)",
                                             G_OBJECT_TYPE_NAME (client),
                                             rapport_record_get_id (RAPPORT_RECORD (client))));
  iterate ();
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "client");

  /* Only this client's commitments count */
  box = find_widget (page, is_type, GSIZE_TO_POINTER (RAPPORT_TYPE_RELIABILITY_BOX));
  g_assert_nonnull (box);
  g_assert_true (gtk_widget_get_mapped (box));
  assert_box_shows (box, "50 %", "1", "1", "0", "0");

  /* Delivered rows are judged against the due date */
  row = find_row (page, "Late by two days");
  g_assert_nonnull (strstr (row_subtitle (row), "delivered 2 days late"));
  row = find_row (page, "On time");
  g_assert_nonnull (strstr (row_subtitle (row), "delivered on time"));

  /* The agreed cadence and channel, and when they last heard */
  row = find_row (page, "Updates");
  g_assert_cmpstr (detail_text (row), ==,
                   "Updates every 7 days by video call · last contact 3 days ago");
  g_assert_false (gtk_widget_has_css_class (row, "overdue"));

  /* The value wraps under its caption: nothing beside it, so GTK measures
   * it for one width, not for a dozen in search of the narrowest */
  value = find_widget (row, is_value_label, NULL);
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (value)));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (value)), ==, PANGO_ELLIPSIZE_NONE);
  for (GtkWidget *w = gtk_widget_get_parent (value); w != row; w = gtk_widget_get_parent (w))
    g_assert_true (!GTK_IS_ORIENTABLE (w) ||
                   gtk_orientable_get_orientation (GTK_ORIENTABLE (w)) == GTK_ORIENTATION_VERTICAL);

  rapport_client_set_cadence_days (client, 2);
  rapport_test_save (store, client);
  iterate ();
  g_assert_cmpstr (detail_text (row), ==,
                   "Updates every 2 days by video call · overdue for an update");
  g_assert_true (gtk_widget_has_css_class (row, "overdue"));
  screenshot (GTK_WIDGET (window), "client-page-reliability");

  rapport_client_set_cadence_days (client, 1);
  rapport_test_save (store, client);
  iterate ();
  g_assert_cmpstr (detail_text (row), ==,
                   "Updates every day by video call · overdue for an update");

  /* No agreed cadence: never overdue, and the channel still shows */
  rapport_client_set_cadence_days (client, 0);
  rapport_test_save (store, client);
  iterate ();
  g_assert_cmpstr (detail_text (row), ==,
                   "Updates by video call, with no agreed cadence · last contact 3 days ago");
  g_assert_false (gtk_widget_has_css_class (row, "overdue"));

  /* Another client's page shows theirs */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(sx)",
                                             G_OBJECT_TYPE_NAME (other),
                                             rapport_record_get_id (RAPPORT_RECORD (other))));
  iterate ();
  assert_box_shows (box, "0 %", "0", "0", "1", "0");
}

static void
test_renegotiate_from_commitments_view (RapportWindow *window,
                                        RapportStore  *store)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportCommitment) commitment = add (store, client, "Send the mockups", 10, OPEN);
  g_autoptr(GListModel) history = NULL;
  g_autoptr(RapportRenegotiation) renegotiation = NULL;
  g_autofree char *old_due = day_iso (10);
  g_autofree char *new_due = day_iso (20);
  g_autofree char *history_title = g_strdup_printf ("%s → %s", old_due, new_due);
  GtkWidget *page;
  GtkWidget *list;
  GtkWindow *editor;
  GtkWindow *dialog;
  GtkWidget *due;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                             "commitments"));
  iterate ();
  page = rapport_window_get_page (window, "commitments");
  list = find_widget (page, is_records_list, NULL);
  g_assert_nonnull (list);

  /* A click on the row opens its editor */
  g_signal_emit_by_name (list, "activate", 0);
  iterate ();
  editor = find_toplevel (RAPPORT_TYPE_COMMITMENT_EDITOR);
  g_assert_nonnull (editor);

  due = find_row (GTK_WIDGET (editor), "Due");
  gtk_editable_set_text (GTK_EDITABLE (due), new_due);
  iterate ();
  g_signal_emit_by_name (due, "apply");
  iterate ();

  dialog = find_toplevel (RAPPORT_TYPE_RENEGOTIATE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "Reason")),
                         "The client sent the photos a week late");
  adw_action_row_activate (ADW_ACTION_ROW (find_row (GTK_WIDGET (dialog), "The Client Agreed")));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "move");
  iterate ();

  /* The history in the editor, and in the store */
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_row_titled, history_title));
  history = rapport_store_list_children (store, RAPPORT_TYPE_RENEGOTIATION, "commitment-id",
                                         rapport_record_get_id (RAPPORT_RECORD (commitment)));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  renegotiation = g_list_model_get_item (history, 0);
  g_assert_true (rapport_renegotiation_get_client_agreed (renegotiation));
  g_assert_cmpstr (rapport_renegotiation_get_reason (renegotiation), ==,
                   "The client sent the photos a week late");
  {
    g_autofree char *stored = rapport_date_to_iso (rapport_commitment_get_due (commitment));

    g_assert_cmpstr (stored, ==, new_due);
  }

  gtk_window_destroy (editor);
  iterate ();
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* Moved later without the client's agreement, an open commitment's row
 * says the date the client agreed to, until the client agrees */
static void
test_row_says_agreed_date (RapportWindow *window,
                           RapportStore  *store)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportCommitment) commitment = add (store, client, "Send the mockups", 10, OPEN);
  g_autoptr(RapportRenegotiation) renegotiation =
    rapport_renegotiation_new (rapport_record_get_id (RAPPORT_RECORD (commitment)));
  g_autoptr(GDateTime) agreed_noon = noon (10);
  g_autofree char *agreed_day = g_date_time_format (agreed_noon, "%-d %b %Y");
  g_autofree char *expected = g_strdup_printf ("the client agreed to %s", agreed_day);
  g_autoptr(GDate) old_due = rapport_date_copy (rapport_commitment_get_due (commitment));
  g_autofree char *new_iso = day_iso (20);
  g_autoptr(GDate) new_due = rapport_date_parse (new_iso, NULL);
  GtkWidget *page = rapport_window_get_page (window, "commitments");
  GtkWidget *client_page = rapport_window_get_page (window, "client");
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                             "commitments"));
  wait_ms (100);
  g_assert_null (find_widget (page, is_label_containing, "the client agreed to"));

  /* Told, and refused */
  rapport_renegotiation_set_old_due (renegotiation, old_due);
  rapport_renegotiation_set_new_due (renegotiation, new_due);
  rapport_renegotiation_set_reason (renegotiation, "The photos came late");
  rapport_renegotiation_set_client_told (renegotiation, TRUE);
  rapport_commitment_set_due (commitment, new_due);
  g_assert_true (rapport_store_save_both (store, RAPPORT_RECORD (commitment),
                                          RAPPORT_RECORD (renegotiation), &error));
  g_assert_no_error (error);
  wait_ms (100);
  g_assert_nonnull (find_widget (page, is_label_containing, expected));
  /* The client's page says it too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(sx)",
                                             G_OBJECT_TYPE_NAME (client),
                                             rapport_record_get_id (RAPPORT_RECORD (client))));
  wait_ms (100);
  g_assert_nonnull (find_widget (client_page, is_label_containing, expected));

  /* The client agreed after all */
  rapport_renegotiation_set_client_agreed (renegotiation, TRUE);
  rapport_test_save (store, renegotiation);
  wait_ms (100);
  g_assert_null (find_widget (client_page, is_label_containing, "the client agreed to"));
  g_assert_null (find_widget (page, is_label_containing, "the client agreed to"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/reliability/box/figures-follow-period-and-store",
                   test_box_figures_and_period);
  g_test_add_func ("/reliability/box/working-until-figures", test_box_working_until_figures);
#define ADD(path, func) g_test_add_data_func (path, (gconstpointer) (func), run_test)
  ADD ("/reliability/overview/section-and-at-risk-rows", test_overview_reliability_and_at_risk);
  ADD ("/reliability/overview/caught-up-still-shows-reliability",
       test_overview_caught_up_still_shows_reliability);
  ADD ("/reliability/client-page/figures-and-cadence", test_client_page_reliability_and_cadence);
  ADD ("/reliability/window/row-says-agreed-date", test_row_says_agreed_date);
  ADD ("/reliability/window/renegotiate-from-commitments-view",
       test_renegotiate_from_commitments_view);

  return g_test_run ();
}
