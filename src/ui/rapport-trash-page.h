/* rapport-trash-page.h: what was deleted, to restore or delete for good
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_TRASH_PAGE (rapport_trash_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportTrashPage, rapport_trash_page, RAPPORT, TRASH_PAGE, GtkWidget)

GtkWidget     *rapport_trash_page_new          (RapportStore     *store);
GListModel    *rapport_trash_page_get_model    (RapportTrashPage *self);
RapportRecord *rapport_trash_page_get_selected (RapportTrashPage *self);
const char    *rapport_trash_page_get_state    (RapportTrashPage *self);

G_END_DECLS
