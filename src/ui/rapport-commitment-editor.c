/* rapport-commitment-editor.c: edit a commitment, its deliverables and its due date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The due date of a saved commitment is changed only through the apply
 * button of its row, which asks why it moves (RapportRenegotiateDialog) and
 * records a renegotiation next to the new date: a promise never moves
 * silently.
 */
#define G_LOG_DOMAIN "rapport-commitment-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client.h"
#include "rapport-commitment-editor.h"
#include "rapport-date.h"
#include "rapport-deliverable.h"
#include "rapport-enums.h"
#include "rapport-learning.h"
#include "rapport-lesson-editor.h"
#include "rapport-renegotiate-dialog.h"
#include "rapport-renegotiation.h"
#include "rapport-store-lessons.h"
#include "rapport-tooltip.h"

struct _RapportCommitmentEditor
{
  RapportEditor       parent_instance;

  /* Template widgets */
  GtkWidget           *page;
  AdwComboRow         *client_row;
  AdwEntryRow         *title_row;
  RapportDateRow      *agreed_on_row;
  RapportDateRow      *due_row;
  AdwComboRow         *status_row;
  RapportDateRow      *delivered_at_row;
  AdwEntryRow         *drop_reason_row;
  GtkTextView         *details_view;
  AdwPreferencesGroup *deliverables_group;
  GtkWidget           *deliver_button;
  AdwEntryRow         *new_deliverable_row;
  AdwPreferencesGroup *history_group;
  AdwPreferencesGroup *lessons_group;
  AdwExpanderRow      *lessons_row;

  /* Owned references */
  GListModel          *deliverables;
  GListModel          *renegotiations;
  GHashTable          *deliverable_rows;  /* id → AdwExpanderRow */
  GPtrArray           *history_rows;
  GPtrArray           *lesson_rows;

  /* Lessons about the client are offered while a new commitment is made */
  gboolean             offer_lessons;

  guint                sync_status_id;
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (RapportCommitmentEditor, rapport_commitment_editor, RAPPORT_TYPE_EDITOR)

static const RapportEditorChoice status_choices[] = {
  { RAPPORT_COMMITMENT_STATUS_OPEN, N_("Open") },
  { RAPPORT_COMMITMENT_STATUS_DELIVERED, N_("Delivered") },
  { RAPPORT_COMMITMENT_STATUS_DROPPED, N_("Dropped") },
};

#define DELIVERABLE_KEY "rapport-deliverable"

static RapportCommitment *
get_commitment (RapportCommitmentEditor *self)
{
  return RAPPORT_COMMITMENT (rapport_editor_get_record (RAPPORT_EDITOR (self)));
}

static gboolean
is_saved (RapportCommitmentEditor *self)
{
  return rapport_editor_is_saved (RAPPORT_EDITOR (self));
}

/* Status */

static void update_progress (RapportCommitmentEditor *self);

/* Offers only the statuses the current one may move to */
static void
sync_status (RapportCommitmentEditor *self)
{
  RapportCommitment *commitment = get_commitment (self);
  RapportCommitmentStatus status = rapport_commitment_get_status (commitment);
  RapportEditorChoice allowed[G_N_ELEMENTS (status_choices)];
  g_autofree char *drop_reason = NULL;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (status_choices); i++)
    if (rapport_commitment_status_transition_allowed (status, status_choices[i].value))
      allowed[n++] = status_choices[i];

  self->syncing = TRUE;
  rapport_editor_set_choices (self->status_row, allowed, n, status);
  rapport_date_row_set_moment (self->delivered_at_row,
                               rapport_commitment_get_delivered_at (commitment));
  /* A copy: setting the row's text writes the record's, freeing the old */
  drop_reason = g_strdup (rapport_commitment_get_drop_reason (commitment));
  gtk_editable_set_text (GTK_EDITABLE (self->drop_reason_row),
                         drop_reason != NULL ? drop_reason : "");
  self->syncing = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->delivered_at_row),
                          status == RAPPORT_COMMITMENT_STATUS_DELIVERED);
  gtk_widget_set_visible (GTK_WIDGET (self->drop_reason_row),
                          status == RAPPORT_COMMITMENT_STATUS_DROPPED);
  update_progress (self);
}

static gboolean
sync_status_idle_cb (gpointer data)
{
  RapportCommitmentEditor *self = data;

  self->sync_status_id = 0;
  sync_status (self);

  return G_SOURCE_REMOVE;
}

static void
drop_reason_cb (RapportEditor *editor,
                const char    *reason,
                gpointer       user_data)
{
  RapportCommitmentEditor *self = RAPPORT_COMMITMENT_EDITOR (editor);

  (void) user_data;

  if (reason != NULL)
    rapport_editor_apply (editor, GTK_WIDGET (self->status_row),
                          "status", RAPPORT_COMMITMENT_STATUS_DROPPED,
                          "drop-reason", reason,
                          NULL);
  sync_status (self);
}

static void
status_selected_cb (RapportCommitmentEditor *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  RapportCommitment *commitment = get_commitment (self);
  int status = rapport_editor_get_choice (self->status_row);
  g_autoptr(GDateTime) now = NULL;

  if (self->syncing || status < 0 || status == (int) rapport_commitment_get_status (commitment))
    return;

  switch (status)
    {
    case RAPPORT_COMMITMENT_STATUS_OPEN:
      rapport_editor_apply (editor, GTK_WIDGET (self->status_row),
                            "status", RAPPORT_COMMITMENT_STATUS_OPEN,
                            "delivered-at", NULL,
                            "drop-reason", NULL,
                            NULL);
      break;

    case RAPPORT_COMMITMENT_STATUS_DELIVERED:
      now = rapport_editor_now ();
      rapport_editor_apply (editor, GTK_WIDGET (self->status_row),
                            "status", RAPPORT_COMMITMENT_STATUS_DELIVERED,
                            "delivered-at", now,
                            NULL);
      break;

    case RAPPORT_COMMITMENT_STATUS_DROPPED:
      rapport_editor_ask_reason (editor,
                                 _("Drop This Commitment?"),
                                 _("Say why it will not be delivered. You can reopen it later."),
                                 _("_Drop"),
                                 drop_reason_cb, NULL);
      break;

    default:
      g_assert_not_reached ();
    }

  /* The row's model is replaced, which cannot happen while it notifies */
  if (self->sync_status_id == 0)
    self->sync_status_id = g_idle_add (sync_status_idle_cb, self);
}

/* Delivered at */

static void
delivered_at_changed_cb (RapportCommitmentEditor *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  GtkWidget *row = GTK_WIDGET (self->delivered_at_row);
  g_autoptr(GDateTime) moment = rapport_date_row_dup_moment (self->delivered_at_row);
  g_autoptr(GDate) today = NULL;
  g_autoptr(GError) error = NULL;

  if (self->syncing)
    return;

  /* The commitment keeps its last good moment, as for any refused change */
  today = rapport_date_new_today ();
  if (!rapport_commitment_check_delivered_at (moment, today, &error))
    {
      rapport_editor_show_error (editor, row, error->message);
      return;
    }

  rapport_editor_apply (editor, row, "delivered-at", moment, NULL);
}

/* Due date */

static void
renegotiate_response_cb (RapportRenegotiateDialog *dialog,
                         const char               *response,
                         RapportCommitmentEditor  *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  RapportCommitment *commitment = get_commitment (self);
  g_autoptr(GDate) old_due = rapport_date_copy (rapport_commitment_get_due (commitment));
  g_autoptr(GDate) new_due = rapport_date_row_dup_date (self->due_row);
  g_autoptr(RapportRenegotiation) renegotiation = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = rapport_renegotiate_dialog_dup_reason (dialog);
  RapportClientAnswer answer = rapport_renegotiate_dialog_get_answer (dialog);

  if (g_strcmp0 (response, "move") != 0 || new_due == NULL || reason == NULL ||
      answer == RAPPORT_CLIENT_ANSWER_NONE)
    {
      rapport_date_row_set_date (self->due_row, old_due);
      rapport_editor_clear_error (editor, GTK_WIDGET (self->due_row));
      return;
    }

  now = rapport_editor_now ();
  renegotiation = rapport_renegotiation_new (rapport_record_get_id (RAPPORT_RECORD (commitment)));
  g_object_set (renegotiation,
                "old-due", old_due,
                "new-due", new_due,
                "reason", reason,
                "renegotiated-at", now,
                NULL);
  rapport_client_answer_apply (answer, renegotiation);

  if (!rapport_record_validate (RAPPORT_RECORD (renegotiation), &error))
    {
      rapport_editor_show_error (editor, GTK_WIDGET (self->due_row), error->message);
      return;
    }

  /* The new date and its history together: a date never moves without
   * the reason, nor a reason stays for a date that did not move */
  rapport_editor_apply_with (editor, RAPPORT_RECORD (renegotiation),
                             GTK_WIDGET (self->due_row), "due", new_due, NULL);
}

static void
due_apply_cb (RapportCommitmentEditor *self)
{
  RapportCommitment *commitment = get_commitment (self);
  g_autoptr(GDate) new_due = rapport_date_row_dup_date (self->due_row);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (rapport_date_row_get_error (self->due_row) != NULL)
    return;

  if (new_due == NULL || rapport_commitment_get_due (commitment) == NULL)
    {
      /* Nothing to renegotiate: let validation say what is missing */
      rapport_editor_apply (RAPPORT_EDITOR (self), GTK_WIDGET (self->due_row),
                            "due", new_due, NULL);
      return;
    }

  if (rapport_date_equal (new_due, rapport_commitment_get_due (commitment)))
    return;

  if (!rapport_commitment_check_new_due (commitment, new_due, self->deliverables, &error))
    {
      rapport_editor_show_error (RAPPORT_EDITOR (self), GTK_WIDGET (self->due_row),
                                 error->message);
      return;
    }

  dialog = rapport_renegotiate_dialog_new (GTK_WINDOW (self),
                                           rapport_commitment_get_due (commitment), new_due);
  g_signal_connect_object (dialog, "response", G_CALLBACK (renegotiate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
due_changed_cb (RapportCommitmentEditor *self)
{
  g_autoptr(GDate) due = NULL;

  /* A saved commitment's date moves only through the apply button; what
   * was said of the date applied last goes with it */
  if (is_saved (self))
    {
      rapport_editor_clear_error (RAPPORT_EDITOR (self), GTK_WIDGET (self->due_row));
      return;
    }

  due = rapport_date_row_dup_date (self->due_row);
  rapport_editor_apply (RAPPORT_EDITOR (self), GTK_WIDGET (self->due_row), "due", due, NULL);
}

/* Deliverables */

static void
update_progress (RapportCommitmentEditor *self)
{
  guint n_items, n_delivered = 0;
  g_autofree char *text = NULL;

  if (self->deliverables == NULL)
    return;

  n_items = g_list_model_get_n_items (self->deliverables);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportDeliverable) deliverable = g_list_model_get_item (self->deliverables, i);

      if (rapport_deliverable_get_delivered_at (deliverable) != NULL)
        n_delivered++;
    }

  if (n_items == 0)
    text = g_strdup (_("Split the commitment into partial deliveries, if it has any."));
  /* Delivered in full, what was not ticked went with the rest */
  else if (rapport_commitment_get_status (get_commitment (self)) ==
           RAPPORT_COMMITMENT_STATUS_DELIVERED && n_delivered < n_items)
    {
      if (n_delivered == 0)
        /* TRANSLATORS: a delivered commitment's parts, none ticked on their own */
        text = g_strdup_printf (ngettext ("Delivered with the commitment",
                                          "All %u delivered with the commitment", n_items),
                                n_items);
      else
        /* TRANSLATORS: a delivered commitment's parts, e.g. "All 5 delivered,
         * 2 of them separately": the others went with the commitment */
        text = g_strdup_printf (ngettext ("All %u delivered, %u of them separately",
                                          "All %u delivered, %u of them separately", n_items),
                                n_items, n_delivered);
    }
  else
    /* TRANSLATORS: progress of a commitment's deliverables, e.g. "2 of 5 delivered" */
    text = g_strdup_printf (ngettext ("%u of %u delivered", "%u of %u delivered", n_items),
                            n_delivered, n_items);

  adw_preferences_group_set_description (self->deliverables_group, text);
  gtk_widget_set_visible (self->deliver_button,
                          n_items > 0 && n_delivered == n_items &&
                          rapport_commitment_get_status (get_commitment (self)) ==
                          RAPPORT_COMMITMENT_STATUS_OPEN);
}

/* Every part ticked: the commitment was delivered with the last of them */
static void
deliver_clicked_cb (RapportCommitmentEditor *self)
{
  g_autoptr(GDateTime) last = NULL;
  guint n_items = g_list_model_get_n_items (self->deliverables);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportDeliverable) deliverable = g_list_model_get_item (self->deliverables, i);
      GDateTime *delivered_at = rapport_deliverable_get_delivered_at (deliverable);

      if (delivered_at != NULL && (last == NULL || g_date_time_compare (delivered_at, last) > 0))
        {
          g_clear_pointer (&last, g_date_time_unref);
          last = g_date_time_ref (delivered_at);
        }
    }

  if (last == NULL)
    return;

  rapport_editor_apply (RAPPORT_EDITOR (self), GTK_WIDGET (self->status_row),
                        "status", RAPPORT_COMMITMENT_STATUS_DELIVERED,
                        "delivered-at", last,
                        NULL);
  sync_status (self);
}

static void
update_deliverable_row (AdwExpanderRow     *row,
                        GParamSpec         *pspec,
                        RapportDeliverable *deliverable)
{
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "rapport-check");
  g_autofree char *subtitle = NULL;
  g_autofree char *due = NULL;

  (void) pspec;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 rapport_deliverable_get_title (deliverable));

  if (rapport_deliverable_get_due (deliverable) != NULL)
    due = rapport_date_to_iso (rapport_deliverable_get_due (deliverable));

  if (rapport_deliverable_get_delivered_at (deliverable) != NULL)
    {
      g_autofree char *when =
        rapport_editor_format_moment (rapport_deliverable_get_delivered_at (deliverable));

      subtitle = g_strdup_printf (_("Delivered %s"), when);
    }
  else if (due != NULL)
    subtitle = g_strdup_printf (_("Due %s"), due);
  else
    subtitle = g_strdup (_("No due date"));

  adw_expander_row_set_subtitle (row, subtitle);
  gtk_check_button_set_active (check, rapport_deliverable_get_delivered_at (deliverable) != NULL);
}

static RapportDeliverable *
row_deliverable (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), DELIVERABLE_KEY);
}

static void
deliverable_title_cb (AdwEntryRow             *entry,
                      RapportCommitmentEditor *self)
{
  RapportDeliverable *deliverable = row_deliverable (GTK_WIDGET (entry));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  rapport_editor_apply_to (RAPPORT_EDITOR (self), RAPPORT_RECORD (deliverable),
                           GTK_WIDGET (entry), "title", *text != '\0' ? text : NULL, NULL);
}

static void
deliverable_due_cb (RapportDateRow          *date_row,
                    RapportCommitmentEditor *self)
{
  g_autoptr(GDate) due = rapport_date_row_dup_date (date_row);
  g_autoptr(GError) error = NULL;

  /* The deliverable keeps its last good date, as for any refused change */
  if (!rapport_commitment_check_deliverable_due (get_commitment (self), due, &error))
    {
      rapport_editor_show_error (RAPPORT_EDITOR (self), GTK_WIDGET (date_row), error->message);
      return;
    }

  rapport_editor_apply_to (RAPPORT_EDITOR (self),
                           RAPPORT_RECORD (row_deliverable (GTK_WIDGET (date_row))),
                           GTK_WIDGET (date_row), "due", due, NULL);
}

static void
deliverable_toggled_cb (GtkCheckButton          *check,
                        RapportCommitmentEditor *self)
{
  RapportDeliverable *deliverable = row_deliverable (GTK_WIDGET (check));
  gboolean active = gtk_check_button_get_active (check);
  g_autoptr(GDateTime) now = NULL;

  if (active == (rapport_deliverable_get_delivered_at (deliverable) != NULL))
    return;

  if (active)
    now = rapport_editor_now ();
  rapport_editor_apply_to (RAPPORT_EDITOR (self), RAPPORT_RECORD (deliverable),
                           GTK_WIDGET (check), "delivered-at", now, NULL);
  update_progress (self);
}

static void
undo_remove_cb (AdwToast           *toast,
                RapportDeliverable *deliverable)
{
  RapportEditor *editor = g_object_get_data (G_OBJECT (toast), "rapport-editor");
  g_autoptr(GError) error = NULL;

  if (!rapport_store_restore (rapport_editor_get_store (editor), RAPPORT_RECORD (deliverable),
                              &error))
    rapport_editor_show_toast (editor, error->message);
}

static void
unref_closure_data (gpointer  data,
                    GClosure *closure)
{
  (void) closure;

  g_object_unref (data);
}

static void
deliverable_remove_cb (GtkButton               *button,
                       RapportCommitmentEditor *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  RapportDeliverable *deliverable = row_deliverable (GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (!rapport_store_trash (rapport_editor_get_store (editor), RAPPORT_RECORD (deliverable),
                            &error))
    {
      rapport_editor_show_toast (editor, error->message);
      return;
    }

  /* Toast titles are markup in libadwaita 1.2 */
  /* TRANSLATORS: %s is the title of a deliverable */
  text = g_markup_printf_escaped (_("“%s” moved to the trash"),
                                  rapport_deliverable_get_title (deliverable));
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data (G_OBJECT (toast), "rapport-editor", self);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_remove_cb),
                         g_object_ref (deliverable), unref_closure_data, 0);
  rapport_editor_show_toast_full (editor, toast);
}

static GtkWidget *
create_deliverable_row (RapportCommitmentEditor *self,
                        RapportDeliverable      *deliverable)
{
  GtkWidget *row, *check, *title_row, *due_row, *remove_row, *remove_button;

#define TAG(widget) \
  g_object_set_data_full (G_OBJECT (widget), DELIVERABLE_KEY, g_object_ref (deliverable), \
                          g_object_unref)

  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  TAG (row);

  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  _rapport_widget_set_tooltip_text (check, _("Delivered"));
  TAG (check);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "rapport-check", check);

  title_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title_row), _("Title"));
  gtk_editable_set_text (GTK_EDITABLE (title_row), rapport_deliverable_get_title (deliverable));
  TAG (title_row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), title_row);

  due_row = rapport_date_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (due_row), _("Due"));
  rapport_date_row_set_date (RAPPORT_DATE_ROW (due_row), rapport_deliverable_get_due (deliverable));
  TAG (due_row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), due_row);

  remove_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row), _("Remove Deliverable"));
  remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  _rapport_widget_set_tooltip_text (remove_button, _("Remove Deliverable"));
  gtk_widget_add_css_class (remove_button, "flat");
  TAG (remove_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (remove_row), remove_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);

#undef TAG

  update_deliverable_row (ADW_EXPANDER_ROW (row), NULL, deliverable);

  g_signal_connect_object (deliverable, "notify", G_CALLBACK (update_deliverable_row), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (check, "toggled", G_CALLBACK (deliverable_toggled_cb), self, 0);
  g_signal_connect_object (title_row, "changed", G_CALLBACK (deliverable_title_cb), self, 0);
  g_signal_connect_object (due_row, "date-changed", G_CALLBACK (deliverable_due_cb), self, 0);
  rapport_editor_bind_date_errors (RAPPORT_EDITOR (self), RAPPORT_DATE_ROW (due_row));
  g_signal_connect_object (remove_button, "clicked", G_CALLBACK (deliverable_remove_cb), self, 0);

  return row;
}

/* Rows are kept while their deliverable stays, so that one being edited
 * keeps its focus when another changes. */
static void
sync_deliverables (RapportCommitmentEditor *self)
{
  g_autoptr(GHashTable) present = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key, value;
  gboolean added = FALSE;
  guint n_items = g_list_model_get_n_items (self->deliverables);
  g_autofree gint64 *ids = g_new0 (gint64, n_items + 1);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportDeliverable) deliverable = g_list_model_get_item (self->deliverables, i);

      ids[i] = rapport_record_get_id (RAPPORT_RECORD (deliverable));
      g_hash_table_add (present, &ids[i]);

      if (!g_hash_table_contains (self->deliverable_rows, &ids[i]))
        {
          GtkWidget *row = create_deliverable_row (self, deliverable);

          adw_preferences_group_add (self->deliverables_group, row);
          g_hash_table_insert (self->deliverable_rows, g_memdup2 (&ids[i], sizeof (gint64)), row);
          added = TRUE;
        }
    }

  g_hash_table_iter_init (&iter, self->deliverable_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (present, key))
      {
        adw_preferences_group_remove (self->deliverables_group, value);
        g_hash_table_iter_remove (&iter);
      }

  /* The row to add one stays last, and keeps the focus it had: after
   * Enter, the user types the next title straight away */
  if (added)
    {
      GtkWidget *new_row = GTK_WIDGET (self->new_deliverable_row);
      gboolean focused = (gtk_widget_get_state_flags (new_row) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;

      g_object_ref (new_row);
      adw_preferences_group_remove (self->deliverables_group, new_row);
      adw_preferences_group_add (self->deliverables_group, new_row);
      g_object_unref (new_row);

      if (focused)
        gtk_widget_grab_focus (new_row);
    }

  update_progress (self);
}

static void
new_deliverable_cb (RapportCommitmentEditor *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  GtkWidget *new_row = GTK_WIDGET (self->new_deliverable_row);
  RapportCommitment *commitment = get_commitment (self);
  g_autoptr(RapportDeliverable) deliverable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  /* Nothing typed, nothing to add (and nothing to complain about) */
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (new_row))));
  if (*title == '\0')
    return;

  deliverable = rapport_deliverable_new (rapport_record_get_id (RAPPORT_RECORD (commitment)),
                                         title);

  /* A complaint belongs to this row, and goes when its text changes */
  if (!rapport_record_validate (RAPPORT_RECORD (deliverable), &error))
    {
      rapport_editor_show_error (editor, new_row, error->message);
      return;
    }

  if (rapport_editor_save_record (editor, RAPPORT_RECORD (deliverable)))
    gtk_editable_set_text (GTK_EDITABLE (new_row), "");
}

/* The apply button shows only with a title to add: an empty row has
 * nothing to confirm */
static void
new_deliverable_changed_cb (RapportCommitmentEditor *self)
{
  AdwEntryRow *new_row = self->new_deliverable_row;
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (new_row))));

  rapport_editor_clear_error (RAPPORT_EDITOR (self), GTK_WIDGET (new_row));

  if (*title == '\0' && adw_entry_row_get_show_apply_button (new_row))
    {
      /* Turning it off is how the row forgets it was edited */
      adw_entry_row_set_show_apply_button (new_row, FALSE);
      adw_entry_row_set_show_apply_button (new_row, TRUE);
    }
}

static void
store_changed_cb (RapportCommitmentEditor *self,
                  GType                    type)
{
  if (type == RAPPORT_TYPE_DELIVERABLE)
    update_progress (self);
}

/* History */

/* The client's answer may come after the move: it is changed in place */
static void
answer_selected_cb (GtkDropDown             *drop_down,
                    GParamSpec              *pspec,
                    RapportCommitmentEditor *self)
{
  RapportRenegotiation *renegotiation = g_object_get_data (G_OBJECT (drop_down), "renegotiation");
  RapportClientAnswer before = rapport_client_answer_of (renegotiation);
  guint selected = gtk_drop_down_get_selected (drop_down);
  RapportClientAnswer answer;

  /* GTK_INVALID_LIST_POSITION included */
  if (selected >= RAPPORT_N_CLIENT_ANSWERS)
    return;
  answer = (RapportClientAnswer) selected;
  if (answer == before)
    return;

  rapport_client_answer_apply (answer, renegotiation);
  if (!rapport_editor_save_record (RAPPORT_EDITOR (self), RAPPORT_RECORD (renegotiation)))
    {
      rapport_client_answer_apply (before, renegotiation);
      gtk_drop_down_set_selected (drop_down, before);
    }
}

static GtkWidget *
answer_drop_down_new (RapportCommitmentEditor *self,
                      RapportRenegotiation    *renegotiation)
{
  const char *answers[RAPPORT_N_CLIENT_ANSWERS + 1] = { NULL };
  GtkWidget *drop_down;

  for (guint i = 0; i < RAPPORT_N_CLIENT_ANSWERS; i++)
    answers[i] = rapport_client_answer_describe (i);

  drop_down = gtk_drop_down_new_from_strings (answers);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down),
                              rapport_client_answer_of (renegotiation));
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What the Client Knows"),
                                  -1);
  g_object_set_data_full (G_OBJECT (drop_down), "renegotiation",
                          g_object_ref (renegotiation), g_object_unref);
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (answer_selected_cb),
                           self, 0);

  return drop_down;
}

static void
sync_history (RapportCommitmentEditor *self)
{
  guint n_items = g_list_model_get_n_items (self->renegotiations);

  for (guint i = 0; i < self->history_rows->len; i++)
    adw_preferences_group_remove (self->history_group, self->history_rows->pdata[i]);
  g_ptr_array_set_size (self->history_rows, 0);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportRenegotiation) renegotiation =
        g_list_model_get_item (self->renegotiations, i);
      g_autofree char *old_due =
        rapport_date_to_iso (rapport_renegotiation_get_old_due (renegotiation));
      g_autofree char *new_due =
        rapport_date_to_iso (rapport_renegotiation_get_new_due (renegotiation));
      g_autofree char *title = NULL;
      g_autofree char *when = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *suffix;

      /* TRANSLATORS: a due date that moved, "old → new" */
      title = g_strdup_printf (_("%s → %s"), old_due, new_due);
      when = rapport_editor_format_moment (
        rapport_renegotiation_get_renegotiated_at (renegotiation));
      /* TRANSLATORS: the reason a due date moved, then when that was decided */
      subtitle = g_strdup_printf (_("%s (%s)"), rapport_renegotiation_get_reason (renegotiation),
                                  when);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      /* Whether it moved late over what the client knows, rather than
       * beside it: the row keeps to a phone's width */
      suffix = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      if (rapport_renegotiation_is_late (renegotiation))
        {
          GtkWidget *late = gtk_label_new (_("Moved late"));

          gtk_widget_add_css_class (late, "warning");
          gtk_widget_add_css_class (late, "caption");
          gtk_widget_set_halign (late, GTK_ALIGN_END);
          _rapport_widget_set_tooltip_text (late, _("The date moved after it had passed"));
          gtk_box_append (GTK_BOX (suffix), late);
        }
      gtk_box_append (GTK_BOX (suffix), answer_drop_down_new (self, renegotiation));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);

      adw_preferences_group_add (self->history_group, row);
      g_ptr_array_add (self->history_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->history_group), n_items > 0);
}

/* Overrides */

static void
update_saved_state (RapportCommitmentEditor *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  RapportCommitment *commitment = get_commitment (self);
  RapportStore *store = rapport_editor_get_store (editor);
  gint64 id = rapport_record_get_id (RAPPORT_RECORD (commitment));

  if (id == 0)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Commitment"));
      return;
    }

  gtk_window_set_title (GTK_WINDOW (self), rapport_commitment_get_title (commitment));

  if (self->deliverables != NULL)
    return;

  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->due_row), TRUE);

  self->deliverables = rapport_store_list_children (store, RAPPORT_TYPE_DELIVERABLE,
                                                    "commitment-id", id);
  g_signal_connect_object (self->deliverables, "items-changed",
                           G_CALLBACK (sync_deliverables), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  sync_deliverables (self);
  gtk_widget_set_visible (GTK_WIDGET (self->deliverables_group), TRUE);

  self->renegotiations = rapport_store_list_children (store, RAPPORT_TYPE_RENEGOTIATION,
                                                      "commitment-id", id);
  g_signal_connect_object (self->renegotiations, "items-changed",
                           G_CALLBACK (sync_history), self, G_CONNECT_SWAPPED);
  sync_history (self);
}

/* A saved commitment's date moves only once applied, with a reason: one
 * typed and left is lost on closing, and said so. A delivered or dropped
 * one does not move at all, which its row's complaint says already. */
static char *
rapport_commitment_editor_dup_unapplied (RapportEditor *editor)
{
  RapportCommitmentEditor *self = RAPPORT_COMMITMENT_EDITOR (editor);
  RapportCommitment *commitment = get_commitment (self);
  const GDate *due = rapport_commitment_get_due (commitment);
  g_autoptr(GDate) typed = NULL;
  g_autofree char *text = NULL;

  if (!is_saved (self) || due == NULL ||
      rapport_commitment_get_status (commitment) != RAPPORT_COMMITMENT_STATUS_OPEN)
    return NULL;

  typed = rapport_date_row_dup_date (self->due_row);
  if (typed == NULL || rapport_date_equal (typed, due))
    return NULL;

  text = rapport_date_to_iso (typed);
  /* TRANSLATORS: %s is a date, as 2031-05-15 */
  return g_strdup_printf (_("The due date %s is not applied: it moves only with a reason."),
                          text);
}

static void
rapport_commitment_editor_saved (RapportEditor *editor)
{
  update_saved_state (RAPPORT_COMMITMENT_EDITOR (editor));
}

/* Lessons about the client, for a new commitment */

#define LESSON_KEY "rapport-lesson"

static void
lesson_activated_cb (AdwActionRow            *row,
                     RapportCommitmentEditor *self)
{
  RapportLesson *lesson = g_object_get_data (G_OBJECT (row), LESSON_KEY);
  GtkWindow *editor;

  editor = rapport_lesson_editor_new (GTK_WINDOW (self),
                                      rapport_editor_get_store (RAPPORT_EDITOR (self)),
                                      lesson, 0);
  rapport_editor_present_editor (RAPPORT_EDITOR (self), editor);
}

static void
sync_lessons (RapportCommitmentEditor *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  gint64 client_id = rapport_commitment_get_client_id (get_commitment (self));
  g_autoptr(GPtrArray) lessons = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!self->offer_lessons || self->lesson_rows == NULL)
    return;

  for (guint i = 0; i < self->lesson_rows->len; i++)
    adw_expander_row_remove (self->lessons_row, g_ptr_array_index (self->lesson_rows, i));
  g_ptr_array_set_size (self->lesson_rows, 0);

  if (client_id > 0)
    {
      lessons = rapport_store_dup_client_lessons (rapport_editor_get_store (editor), client_id,
                                                  &error);
      if (lessons == NULL)
        rapport_editor_show_toast (editor, error->message);
    }

  if (lessons == NULL || lessons->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->lessons_group), FALSE);
      return;
    }

  title = g_strdup_printf (ngettext ("%u lesson about this client",
                                     "%u lessons about this client", lessons->len),
                           lessons->len);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lessons_row), title);

  for (guint i = 0; i < lessons->len; i++)
    {
      RapportLesson *lesson = g_ptr_array_index (lessons, i);
      g_autofree char *summary =
        rapport_learning_dup_summary (rapport_lesson_get_what_happened (lesson), 60);
      g_autofree char *prevention =
        rapport_learning_dup_summary (rapport_lesson_get_prevention (lesson), 80);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary);
      /* What to do differently is what matters before promising again */
      if (*prevention != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), prevention);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"),
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      g_object_set_data_full (G_OBJECT (row), LESSON_KEY, g_object_ref (lesson), g_object_unref);
      g_signal_connect_object (row, "activated", G_CALLBACK (lesson_activated_cb), self, 0);

      adw_expander_row_add_row (self->lessons_row, row);
      g_ptr_array_add (self->lesson_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->lessons_group), TRUE);
}

static void
rapport_commitment_editor_constructed (GObject *object)
{
  RapportCommitmentEditor *self = RAPPORT_COMMITMENT_EDITOR (object);
  RapportEditor *editor = RAPPORT_EDITOR (self);
  RapportCommitment *commitment;

  G_OBJECT_CLASS (rapport_commitment_editor_parent_class)->constructed (object);

  commitment = get_commitment (self);

  rapport_editor_bind_link (editor, self->client_row, "client-id", RAPPORT_TYPE_CLIENT,
                            _("Choose a Client…"), NULL, 0);
  rapport_editor_bind_entry (editor, self->title_row, "title");
  rapport_editor_bind_date (editor, self->agreed_on_row, "agreed-on");
  rapport_date_row_set_include_time (self->delivered_at_row, TRUE);
  rapport_date_row_set_moment (self->delivered_at_row,
                               rapport_commitment_get_delivered_at (commitment));
  g_signal_connect_object (self->delivered_at_row, "date-changed",
                           G_CALLBACK (delivered_at_changed_cb), self, G_CONNECT_SWAPPED);
  rapport_editor_bind_date_errors (editor, self->delivered_at_row);
  rapport_editor_bind_entry (editor, self->drop_reason_row, "drop-reason");
  rapport_editor_bind_text (editor, self->details_view, "details");

  rapport_date_row_set_date (self->due_row, rapport_commitment_get_due (commitment));
  g_signal_connect_object (self->due_row, "date-changed", G_CALLBACK (due_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->due_row, "apply", G_CALLBACK (due_apply_cb), self,
                           G_CONNECT_SWAPPED);
  rapport_editor_bind_date_errors (editor, self->due_row);

  sync_status (self);
  g_signal_connect_object (self->status_row, "notify::selected", G_CALLBACK (status_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deliver_button, "clicked", G_CALLBACK (deliver_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->new_deliverable_row, "apply", G_CALLBACK (new_deliverable_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->new_deliverable_row, "changed",
                           G_CALLBACK (new_deliverable_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  update_saved_state (self);

  self->offer_lessons = !is_saved (self);
  g_signal_connect_object (self->client_row, "notify::selected", G_CALLBACK (sync_lessons),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  sync_lessons (self);

  if (rapport_commitment_get_client_id (commitment) == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->client_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
rapport_commitment_editor_dispose (GObject *object)
{
  RapportCommitmentEditor *self = (RapportCommitmentEditor *)object;

  g_clear_handle_id (&self->sync_status_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_COMMITMENT_EDITOR);
  g_clear_object (&self->deliverables);
  g_clear_object (&self->renegotiations);
  g_clear_pointer (&self->deliverable_rows, g_hash_table_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_pointer (&self->lesson_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_commitment_editor_parent_class)->dispose (object);
}

static void
rapport_commitment_editor_class_init (RapportCommitmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RapportEditorClass *editor_class = RAPPORT_EDITOR_CLASS (klass);

  object_class->constructed = rapport_commitment_editor_constructed;
  object_class->dispose = rapport_commitment_editor_dispose;
  editor_class->saved = rapport_commitment_editor_saved;
  editor_class->dup_unapplied = rapport_commitment_editor_dup_unapplied;

  g_type_ensure (RAPPORT_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-commitment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor, page);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor, client_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor, agreed_on_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor, delivered_at_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor, drop_reason_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor, details_view);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor,
                                        deliverables_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor, deliver_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor,
                                        new_deliverable_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor, history_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor, lessons_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCommitmentEditor, lessons_row);
}

static void
rapport_commitment_editor_init (RapportCommitmentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rapport_editor_set_page (RAPPORT_EDITOR (self), self->page);

  self->deliverable_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->history_rows = g_ptr_array_new ();
  self->lesson_rows = g_ptr_array_new ();
}

GtkWindow *
rapport_commitment_editor_new (GtkWindow         *parent,
                               RapportStore      *store,
                               RapportCommitment *commitment,
                               gint64             client_id)
{
  g_autoptr(RapportCommitment) record = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (commitment == NULL || RAPPORT_IS_COMMITMENT (commitment), NULL);

  if (commitment != NULL)
    {
      record = g_object_ref (commitment);
    }
  else
    {
      g_autoptr(GDate) today = rapport_date_new_today ();

      record = rapport_commitment_new (MAX (client_id, 0), NULL);
      rapport_commitment_set_agreed_on (record, today);
    }

  return g_object_new (RAPPORT_TYPE_COMMITMENT_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "record", record,
                       NULL);
}
