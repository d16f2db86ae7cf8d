/* rapport-client-page.h: one client, with what was promised, said and learned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-client.h"
#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLIENT_PAGE (rapport_client_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportClientPage, rapport_client_page, RAPPORT, CLIENT_PAGE, GtkWidget)

GtkWidget     *rapport_client_page_new        (RapportStore      *store);
RapportClient *rapport_client_page_get_client (RapportClientPage *self);
void           rapport_client_page_set_client (RapportClientPage *self,
                                               RapportClient     *client);
guint          rapport_client_page_get_count  (RapportClientPage *self,
                                               GType              type);

G_END_DECLS
