/* rapport-overview-page.h: what needs attention today
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_OVERVIEW_PAGE (rapport_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportOverviewPage, rapport_overview_page, RAPPORT, OVERVIEW_PAGE, GtkWidget)

GtkWidget  *rapport_overview_page_new        (RapportStore        *store);
void        rapport_overview_page_refresh    (RapportOverviewPage *self);
const char *rapport_overview_page_get_state  (RapportOverviewPage *self);
guint       rapport_overview_page_get_count  (RapportOverviewPage *self,
                                              RapportAttention     attention);

G_END_DECLS
