/* rapport-status-page.h: an icon, a title and a description centred in a page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_STATUS_PAGE (rapport_status_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportStatusPage, rapport_status_page, RAPPORT, STATUS_PAGE, GtkWidget)

GtkWidget  *rapport_status_page_new             (void);
const char *rapport_status_page_get_icon_name   (RapportStatusPage *self);
void        rapport_status_page_set_icon_name   (RapportStatusPage *self,
                                                 const char        *icon_name);
const char *rapport_status_page_get_title       (RapportStatusPage *self);
void        rapport_status_page_set_title       (RapportStatusPage *self,
                                                 const char        *title);
const char *rapport_status_page_get_description (RapportStatusPage *self);
void        rapport_status_page_set_description (RapportStatusPage *self,
                                                 const char        *description);
GtkWidget  *rapport_status_page_get_child       (RapportStatusPage *self);
void        rapport_status_page_set_child       (RapportStatusPage *self,
                                                 GtkWidget         *child);

G_END_DECLS
