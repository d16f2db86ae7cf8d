/* rapport-tooltip.c: tooltips set without asking where the pointer is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 gives a visible widget a new tooltip as if the pointer had
 * moved: it asks the display where the pointer is, three round trips to
 * the X server, even for a widget in no window yet. Each view shown asked
 * once (the header's New button changes its tooltip), making the client
 * page four times, the window's template five, and the trash's rows 400
 * times (100 ms). A hidden widget is not asked about, so the tooltip is
 * set while the widget is hidden.
 */
#include "config.h"

#include "rapport-tooltip.h"

/**
 * _rapport_widget_set_tooltip_text:
 * @widget: a widget
 * @text: (nullable): its tooltip, which is also its accessible description
 *
 * As gtk_widget_set_tooltip_text(), without a round trip to the display,
 * and nothing at all when @widget already has that tooltip. A widget that
 * has the keyboard focus, or holds it, is not hidden (newer GTK would move
 * the focus away): it gets its tooltip the way GTK gives it.
 */
void
_rapport_widget_set_tooltip_text (GtkWidget  *widget,
                                  const char *text)
{
  GtkRoot *root;
  GtkWidget *focus = NULL;
  const char *old;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  old = gtk_widget_get_tooltip_text (widget);
  if (g_strcmp0 (old, text) == 0 || (old == NULL && text != NULL && *text == '\0'))
    return;

  if ((root = gtk_widget_get_root (widget)) != NULL)
    focus = gtk_root_get_focus (root);

  if (!gtk_widget_get_visible (widget) ||
      (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget))))
    {
      gtk_widget_set_tooltip_text (widget, text);
      return;
    }

  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, TRUE);
}
