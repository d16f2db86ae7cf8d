/* rapport-search-page.h: search everything, results grouped by kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SEARCH_PAGE (rapport_search_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportSearchPage, rapport_search_page, RAPPORT, SEARCH_PAGE, GtkWidget)

GtkWidget *rapport_search_page_new         (RapportStore      *store);
void       rapport_search_page_focus       (RapportSearchPage *self);
void       rapport_search_page_set_text    (RapportSearchPage *self,
                                            const char        *text);
guint      rapport_search_page_get_count   (RapportSearchPage *self,
                                            GType              type);
const char *rapport_search_page_get_state  (RapportSearchPage *self);
gboolean    rapport_search_page_get_searching (RapportSearchPage *self);

G_END_DECLS
