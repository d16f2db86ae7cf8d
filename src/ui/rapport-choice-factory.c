/* rapport-choice-factory.c: the choices of a drop-down or combo row, whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The default items of GtkDropDown and AdwComboRow do not fit their
 * room: a drop-down is as wide as its longest choice, which kept the
 * window from a phone's width in Spanish, and a combo row cuts its
 * choices at 20 characters however much room it has ("Deliver website
 * redesi…"), in its popover too.
 *
 * In a popover these items wrap at word boundaries, so every choice is
 * read whole. The choice made, shown in the drop-down's button, is
 * ellipsized when it must be: GTK 4.8's GtkDropDown is measured at one
 * height whatever its width, so a label that wraps there overflows.
 */
#define G_LOG_DOMAIN "rapport-choice-factory"

#include "config.h"

#include "rapport-choice-factory.h"

#include <adwaita.h>

#include "rapport-client.h"
#include "rapport-record-row.h"

/* Wide enough for a sentence, narrow enough for a popover beside it */
#define MAX_WIDTH_CHARS 40

static GtkWidget *
choices_owner (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (GTK_IS_DROP_DOWN (widget) || ADW_IS_COMBO_ROW (widget))
      return widget;

  return NULL;
}

static void
update_check_cb (GObject     *owner,
                 GParamSpec  *pspec,
                 GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));
  GObject *selected = NULL;

  g_object_get (owner, "selected-item", &selected, NULL);
  gtk_widget_set_opacity (check, selected == gtk_list_item_get_item (item) ? 1 : 0);
  g_clear_object (&selected);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  wrap)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (wrap))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_WIDTH_CHARS);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (check, FALSE);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GObject *object = gtk_list_item_get_item (item);
  GtkWidget *owner = choices_owner (box);
  g_autofree char *text = NULL;

  if (RAPPORT_IS_CLIENT (object))
    text = _rapport_client_dup_display_name (RAPPORT_CLIENT (object));
  else if (GTK_IS_STRING_OBJECT (object))
    text = g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (object)));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), text != NULL ? text : "");

  /* In the popover, a check marks the choice made */
  if (owner != NULL && gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER) != NULL)
    {
      gtk_widget_set_visible (gtk_widget_get_last_child (box), TRUE);
      g_signal_connect (owner, "notify::selected-item", G_CALLBACK (update_check_cb), item);
      g_object_set_data (G_OBJECT (item), "rapport-choices-owner", owner);
      update_check_cb (G_OBJECT (owner), NULL, item);
    }
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GObject *owner = g_object_steal_data (G_OBJECT (item), "rapport-choices-owner");

  if (owner != NULL)
    g_signal_handlers_disconnect_by_func (owner, update_check_cb, item);
}

/**
 * _rapport_choice_factory_new:
 * @wrap: whether the words wrap (in a popover's list), or are ellipsized
 *   when there is not room for them (in a drop-down's button)
 *
 * Returns: (transfer full): a factory of items for a #GtkDropDown or an
 *   #AdwComboRow whose choices are #GtkStringObjects or #RapportClients
 */
GtkListItemFactory *
_rapport_choice_factory_new (gboolean wrap)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (wrap));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  return factory;
}
