/* rapport-interaction-editor.c: edit a contact with a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-interaction-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client.h"
#include "rapport-date.h"
#include "rapport-interaction-editor.h"
#include "rapport-tone-view.h"

struct _RapportInteractionEditor
{
  RapportEditor    parent_instance;

  /* Template widgets */
  GtkWidget       *page;
  AdwComboRow     *client_row;
  RapportDateRow  *occurred_at_row;
  AdwComboRow     *channel_row;
  GtkTextView     *summary_view;
};

G_DEFINE_FINAL_TYPE (RapportInteractionEditor, rapport_interaction_editor, RAPPORT_TYPE_EDITOR)

static void
update_title (RapportInteractionEditor *self)
{
  if (rapport_editor_is_saved (RAPPORT_EDITOR (self)))
    gtk_window_set_title (GTK_WINDOW (self), _("Contact"));
  else
    gtk_window_set_title (GTK_WINDOW (self), _("New Contact"));
}

/* The interaction keeps its last good moment, as for any refused change */
static void
occurred_at_changed_cb (RapportInteractionEditor *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  GtkWidget *row = GTK_WIDGET (self->occurred_at_row);
  g_autoptr(GDateTime) moment = rapport_date_row_dup_moment (self->occurred_at_row);
  g_autoptr(GDate) today = rapport_date_new_today ();
  g_autoptr(GError) error = NULL;

  if (!rapport_interaction_check_occurred_at (moment, today, &error))
    {
      rapport_editor_show_error (editor, row, error->message);
      return;
    }

  rapport_editor_apply (editor, row, "occurred-at", moment, NULL);
}

static void
rapport_interaction_editor_saved (RapportEditor *editor)
{
  update_title (RAPPORT_INTERACTION_EDITOR (editor));
}

static void
rapport_interaction_editor_constructed (GObject *object)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (object);
  RapportEditor *editor = RAPPORT_EDITOR (self);
  RapportInteraction *interaction;

  G_OBJECT_CLASS (rapport_interaction_editor_parent_class)->constructed (object);

  interaction = RAPPORT_INTERACTION (rapport_editor_get_record (editor));

  rapport_editor_bind_link (editor, self->client_row, "client-id", RAPPORT_TYPE_CLIENT,
                            _("Choose a Client…"), NULL, 0);
  rapport_date_row_set_include_time (self->occurred_at_row, TRUE);
  rapport_date_row_set_moment (self->occurred_at_row,
                               rapport_interaction_get_occurred_at (interaction));
  g_signal_connect_object (self->occurred_at_row, "date-changed",
                           G_CALLBACK (occurred_at_changed_cb), self, G_CONNECT_SWAPPED);
  rapport_editor_bind_date_errors (editor, self->occurred_at_row);
  rapport_editor_bind_choice (editor, self->channel_row, "channel",
                              rapport_editor_channel_choices, RAPPORT_EDITOR_N_CHANNELS);
  rapport_editor_bind_text (editor, self->summary_view, "summary");

  update_title (self);

  if (rapport_interaction_get_client_id (interaction) == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->client_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->summary_view));
}

static void
rapport_interaction_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_INTERACTION_EDITOR);

  G_OBJECT_CLASS (rapport_interaction_editor_parent_class)->dispose (object);
}

static void
rapport_interaction_editor_class_init (RapportInteractionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RapportEditorClass *editor_class = RAPPORT_EDITOR_CLASS (klass);

  object_class->constructed = rapport_interaction_editor_constructed;
  object_class->dispose = rapport_interaction_editor_dispose;
  editor_class->saved = rapport_interaction_editor_saved;

  g_type_ensure (RAPPORT_TYPE_DATE_ROW);
  g_type_ensure (RAPPORT_TYPE_TONE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-interaction-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, page);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, client_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, occurred_at_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, channel_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, summary_view);
}

static void
rapport_interaction_editor_init (RapportInteractionEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rapport_editor_set_page (RAPPORT_EDITOR (self), self->page);
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 520);
}

GtkWindow *
rapport_interaction_editor_new (GtkWindow          *parent,
                                RapportStore       *store,
                                RapportInteraction *interaction,
                                gint64              client_id)
{
  g_autoptr(RapportInteraction) record = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (interaction == NULL || RAPPORT_IS_INTERACTION (interaction), NULL);

  if (interaction != NULL)
    record = g_object_ref (interaction);
  else
    {
      g_autoptr(RapportClient) client = NULL;

      record = rapport_interaction_new (MAX (client_id, 0));
      /* Logged from a client's page: most contacts are made the way the
       * client prefers, and the first choice, email, was kept unnoticed */
      if (client_id > 0)
        client = rapport_store_load (store, RAPPORT_TYPE_CLIENT, client_id, NULL);
      if (client != NULL)
        rapport_interaction_set_channel (record, rapport_client_get_channel (client));
    }

  return g_object_new (RAPPORT_TYPE_INTERACTION_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "record", record,
                       NULL);
}
