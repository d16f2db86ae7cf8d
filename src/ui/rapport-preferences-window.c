/* rapport-preferences-window.c: the preferences, bound to GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every control is bound to its key. When the schema is not installed (an
 * uninstalled build run without GSETTINGS_SCHEMA_DIR) the window says so
 * instead of crashing, and the controls are insensitive.
 */
#define G_LOG_DOMAIN "rapport-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-preferences-window.h"
#include "rapport-record-row.h"

struct _RapportPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkWidget            *missing_group;
  GtkWidget            *commitments_group;
  GtkWidget            *feedback_group;
  GtkWidget            *privacy_group;
  GtkSpinButton        *warning_spin;
  GtkSwitch            *reminders_switch;
  GtkSpinButton        *feedback_spin;
  GtkSpinButton        *lesson_spin;
  GtkSwitch            *discreet_switch;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (RapportPreferencesWindow, rapport_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
bind (RapportPreferencesWindow *self,
      GSettingsSchema          *schema,
      const char               *key,
      gpointer                  widget,
      const char               *property)
{
  if (schema != NULL && g_settings_schema_has_key (schema, key))
    g_settings_bind (self->settings, key, widget, property, G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_sensitive (GTK_WIDGET (widget), FALSE);
}

static void
rapport_preferences_window_dispose (GObject *object)
{
  RapportPreferencesWindow *self = (RapportPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rapport_preferences_window_parent_class)->dispose (object);
}

static void
rapport_preferences_window_class_init (RapportPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, missing_group);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, commitments_group);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, feedback_group);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, privacy_group);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, warning_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, reminders_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, feedback_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, lesson_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, discreet_switch);
}

static void
rapport_preferences_window_init (RapportPreferencesWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = _rapport_dup_settings ();
  if (self->settings != NULL)
    g_object_get (self->settings, "settings-schema", &schema, NULL);
  else
    gtk_widget_set_visible (self->missing_group, TRUE);

  bind (self, schema, "warning-days", self->warning_spin, "value");
  bind (self, schema, "reminders", self->reminders_switch, "active");
  bind (self, schema, "feedback-threshold-days", self->feedback_spin, "value");
  bind (self, schema, "lesson-review-days", self->lesson_spin, "value");
  bind (self, schema, "discreet-mode", self->discreet_switch, "active");
}

GtkWindow *
rapport_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (RAPPORT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}
