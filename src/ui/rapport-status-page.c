/* rapport-status-page.c: an icon, a title and a description centred in a page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What AdwStatusPage shows (an empty list, the welcome, an error), with the
 * same properties, laid out more cheaply on GTK 4.8: each allocation of
 * AdwStatusPage has GTK measure the box around its labels for its width at
 * a given height, and a box of wrapping labels finds that by laying them
 * out at a dozen widths. Here the centred clamp is the viewport's own
 * child, and answers from what it has measured. Parts left unset are
 * hidden; the child, if any, comes below the description.
 */
#define G_LOG_DOMAIN "rapport-status-page"

#include "config.h"

#include <adwaita.h>

#include "rapport-status-page.h"

struct _RapportStatusPage
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkWidget *scrolled_window;
  GtkBox    *box;
  GtkImage  *image;
  GtkLabel  *title_label;
  GtkLabel  *description_label;

  GtkWidget *child;
};

enum {
  PROP_0,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RapportStatusPage, rapport_status_page, GTK_TYPE_WIDGET)

/* Shows @text in @label, or hides it when there is none */
static void
set_label_part (RapportStatusPage *self,
                GtkLabel          *label,
                const char        *text,
                GParamSpec        *pspec)
{
  if (text == NULL)
    text = "";
  if (g_strcmp0 (text, gtk_label_get_label (label)) == 0)
    return;

  gtk_label_set_label (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), *text != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

GtkWidget *
rapport_status_page_new (void)
{
  return g_object_new (RAPPORT_TYPE_STATUS_PAGE, NULL);
}

const char *
rapport_status_page_get_icon_name (RapportStatusPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_STATUS_PAGE (self), NULL);

  return gtk_image_get_icon_name (self->image);
}

void
rapport_status_page_set_icon_name (RapportStatusPage *self,
                                   const char        *icon_name)
{
  g_return_if_fail (RAPPORT_IS_STATUS_PAGE (self));

  if (g_strcmp0 (icon_name, rapport_status_page_get_icon_name (self)) == 0)
    return;
  gtk_image_set_from_icon_name (self->image, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->image), icon_name != NULL && *icon_name != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

const char *
rapport_status_page_get_title (RapportStatusPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_STATUS_PAGE (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
rapport_status_page_set_title (RapportStatusPage *self,
                               const char        *title)
{
  g_return_if_fail (RAPPORT_IS_STATUS_PAGE (self));

  set_label_part (self, self->title_label, title, properties[PROP_TITLE]);
}

const char *
rapport_status_page_get_description (RapportStatusPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_STATUS_PAGE (self), NULL);

  return gtk_label_get_label (self->description_label);
}

/* @description is Pango markup, as AdwStatusPage's */
void
rapport_status_page_set_description (RapportStatusPage *self,
                                     const char        *description)
{
  g_return_if_fail (RAPPORT_IS_STATUS_PAGE (self));

  set_label_part (self, self->description_label, description, properties[PROP_DESCRIPTION]);
}

GtkWidget *
rapport_status_page_get_child (RapportStatusPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_STATUS_PAGE (self), NULL);

  return self->child;
}

void
rapport_status_page_set_child (RapportStatusPage *self,
                               GtkWidget         *child)
{
  g_return_if_fail (RAPPORT_IS_STATUS_PAGE (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (child == self->child)
    return;
  if (self->child != NULL)
    gtk_box_remove (self->box, self->child);
  self->child = child;
  if (child != NULL)
    gtk_box_append (self->box, child);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

static void
rapport_status_page_dispose (GObject *object)
{
  RapportStatusPage *self = RAPPORT_STATUS_PAGE (object);

  self->child = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_STATUS_PAGE);

  G_OBJECT_CLASS (rapport_status_page_parent_class)->dispose (object);
}

static void
rapport_status_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportStatusPage *self = RAPPORT_STATUS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      g_value_set_string (value, rapport_status_page_get_icon_name (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, rapport_status_page_get_title (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, rapport_status_page_get_description (self));
      break;
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_status_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportStatusPage *self = RAPPORT_STATUS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      rapport_status_page_set_icon_name (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      rapport_status_page_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      rapport_status_page_set_description (self, g_value_get_string (value));
      break;
    case PROP_CHILD:
      rapport_status_page_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_status_page_class_init (RapportStatusPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_status_page_dispose;
  object_class->get_property = rapport_status_page_get_property;
  object_class->set_property = rapport_status_page_set_property;

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ADW_TYPE_CLAMP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-status-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportStatusPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RapportStatusPage, box);
  gtk_widget_class_bind_template_child (widget_class, RapportStatusPage, image);
  gtk_widget_class_bind_template_child (widget_class, RapportStatusPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RapportStatusPage, description_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_status_page_init (RapportStatusPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
