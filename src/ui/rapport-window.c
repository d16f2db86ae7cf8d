/* rapport-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client.h"
#include "rapport-window.h"

struct _RapportWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkListView          *clients_view;

  /* Owned references */
  GListModel           *clients;
};

G_DEFINE_FINAL_TYPE (RapportWindow, rapport_window, ADW_TYPE_APPLICATION_WINDOW)

static void
clients_changed_cb (RapportWindow *self)
{
  gboolean empty = g_list_model_get_n_items (self->clients) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "clients");
}

static void
setup_store (RapportWindow      *self,
             RapportApplication *app)
{
  RapportStore *store = rapport_application_get_store (app);

  if (store == NULL)
    {
      adw_status_page_set_description (self->error_page,
                                       rapport_application_get_store_error (app));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  self->clients = rapport_store_list (store, RAPPORT_TYPE_CLIENT);
  gtk_list_view_set_model (self->clients_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (self->clients))));
  g_signal_connect_object (self->clients, "items-changed",
                           G_CALLBACK (clients_changed_cb), self, G_CONNECT_SWAPPED);
  clients_changed_cb (self);
}

static void
rapport_window_dispose (GObject *object)
{
  RapportWindow *self = (RapportWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_WINDOW);
  g_clear_object (&self->clients);

  G_OBJECT_CLASS (rapport_window_parent_class)->dispose (object);
}

static void
rapport_window_class_init (RapportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/rapport-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, clients_view);
}

static void
rapport_window_init (RapportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportWindow *
rapport_window_new (RapportApplication *application)
{
  RapportWindow *self = g_object_new (RAPPORT_TYPE_WINDOW,
                                      "application", application,
                                      NULL);

  setup_store (self, application);
  return self;
}
