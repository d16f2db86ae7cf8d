/* rapport-client-editor.c: edit a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-client-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client-editor.h"
#include "rapport-record-row.h"
#include "rapport-tone-view.h"
#include "rapport-enums.h"

struct _RapportClientEditor
{
  RapportEditor       parent_instance;

  /* Template widgets */
  GtkWidget          *page;
  AdwEntryRow        *name_row;
  AdwEntryRow        *company_row;
  AdwEntryRow        *email_row;
  AdwEntryRow        *phone_row;
  GtkLabel           *duplicate_label;
  AdwComboRow        *channel_row;
  GtkSpinButton      *cadence_spin;
  AdwActionRow       *last_contact_row;
  AdwComboRow        *status_row;
  GtkSwitch          *confidential_switch;
  GtkTextView        *notes_view;
};

G_DEFINE_FINAL_TYPE (RapportClientEditor, rapport_client_editor, RAPPORT_TYPE_EDITOR)

static const RapportEditorChoice status_choices[] = {
  { RAPPORT_CLIENT_STATUS_ACTIVE, N_("Active") },
  { RAPPORT_CLIENT_STATUS_PAUSED, N_("Paused") },
  { RAPPORT_CLIENT_STATUS_FORMER, N_("Former client") },
};

static RapportClient *
get_client (RapportClientEditor *self)
{
  return RAPPORT_CLIENT (rapport_editor_get_record (RAPPORT_EDITOR (self)));
}

static void
update_title (RapportClientEditor *self)
{
  RapportClient *client = get_client (self);
  g_autofree char *last_contact = NULL;

  if (rapport_editor_is_saved (RAPPORT_EDITOR (self)))
    {
      g_autofree char *title = _rapport_client_dup_display_name (client);

      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("New Client"));

  /* Sharing the screen: the fields that name the client are blurred */
  {
    GtkWidget *fields[] = { GTK_WIDGET (self->name_row), GTK_WIDGET (self->company_row),
                            GTK_WIDGET (self->email_row), GTK_WIDGET (self->phone_row),
                            GTK_WIDGET (self->notes_view) };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      if (_rapport_discreet_mode ())
        gtk_widget_add_css_class (fields[i], "discreet");
      else
        gtk_widget_remove_css_class (fields[i], "discreet");
  }

  if (rapport_client_get_last_contact (client) != NULL)
    last_contact = rapport_editor_format_moment (rapport_client_get_last_contact (client));
  adw_action_row_set_subtitle (self->last_contact_row,
                               last_contact != NULL ? last_contact
                                                    : _("No contact recorded yet"));
}

/* Another client of the same name is most often the same client added
 * twice, whose commitments and figures would then be split in two: the
 * editor says so, and lets it be, as two clients may share a name */
static void
update_duplicate (RapportClientEditor *self)
{
  RapportStore *store = rapport_editor_get_store (RAPPORT_EDITOR (self));
  g_autoptr(RapportClient) other =
    rapport_store_find_namesake (store, gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                 rapport_record_get_id (RAPPORT_RECORD (get_client (self))));
  g_autofree char *description = NULL;

  if (other != NULL)
    {
      g_autofree char *other_name = _rapport_client_dup_display_name (other);

      /* Translators: %s is the name of a client already there */
      description = g_strdup_printf (_("Another client is already called “%s”."), other_name);
    }

  gtk_label_set_text (self->duplicate_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->duplicate_label), description != NULL);
}

static void
rapport_client_editor_saved (RapportEditor *editor)
{
  update_title (RAPPORT_CLIENT_EDITOR (editor));
}

static void
rapport_client_editor_constructed (GObject *object)
{
  RapportClientEditor *self = RAPPORT_CLIENT_EDITOR (object);
  RapportEditor *editor = RAPPORT_EDITOR (self);

  G_OBJECT_CLASS (rapport_client_editor_parent_class)->constructed (object);

  rapport_editor_bind_entry (editor, self->name_row, "name");
  rapport_editor_bind_entry (editor, self->company_row, "company");
  rapport_editor_bind_entry (editor, self->email_row, "email");
  rapport_editor_bind_entry (editor, self->phone_row, "phone");
  rapport_editor_bind_choice (editor, self->channel_row, "channel",
                              rapport_editor_channel_choices, RAPPORT_EDITOR_N_CHANNELS);
  rapport_editor_bind_spin (editor, self->cadence_spin, "cadence-days");
  rapport_editor_bind_choice (editor, self->status_row, "status",
                              status_choices, G_N_ELEMENTS (status_choices));
  rapport_editor_bind_switch (editor, self->confidential_switch, "confidential");
  rapport_editor_bind_text (editor, self->notes_view, "notes");
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (update_duplicate), self,
                           G_CONNECT_SWAPPED);

  update_title (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
rapport_client_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_CLIENT_EDITOR);

  G_OBJECT_CLASS (rapport_client_editor_parent_class)->dispose (object);
}

static void
rapport_client_editor_class_init (RapportClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RapportEditorClass *editor_class = RAPPORT_EDITOR_CLASS (klass);

  object_class->constructed = rapport_client_editor_constructed;
  object_class->dispose = rapport_client_editor_dispose;
  editor_class->saved = rapport_client_editor_saved;

  g_type_ensure (RAPPORT_TYPE_TONE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, page);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, duplicate_label);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, channel_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, cadence_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, last_contact_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, confidential_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, notes_view);
}

static void
rapport_client_editor_init (RapportClientEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rapport_editor_set_page (RAPPORT_EDITOR (self), self->page);
}

GtkWindow *
rapport_client_editor_new (GtkWindow     *parent,
                           RapportStore  *store,
                           RapportClient *client)
{
  g_autoptr(RapportClient) record = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (client == NULL || RAPPORT_IS_CLIENT (client), NULL);

  record = client != NULL ? g_object_ref (client) : g_object_new (RAPPORT_TYPE_CLIENT, NULL);

  return g_object_new (RAPPORT_TYPE_CLIENT_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "record", record,
                       NULL);
}
