/* rapport-records-page.h: a searchable, filterable list of one kind of record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_RECORDS_PAGE (rapport_records_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportRecordsPage, rapport_records_page, RAPPORT, RECORDS_PAGE, GtkWidget)

GtkWidget     *rapport_records_page_new               (RapportStore       *store,
                                                       GType               type);
GType          rapport_records_page_get_record_type   (RapportRecordsPage *self);
GListModel    *rapport_records_page_get_model         (RapportRecordsPage *self);
RapportRecord *rapport_records_page_get_selected      (RapportRecordsPage *self);
gint64         rapport_records_page_get_client_filter (RapportRecordsPage *self);
void           rapport_records_page_set_client_filter (RapportRecordsPage *self,
                                                       gint64              client_id);
void           rapport_records_page_show_client       (RapportRecordsPage *self,
                                                       gint64              client_id);
void           rapport_records_page_set_status_filter (RapportRecordsPage *self,
                                                       int                 value);
void           rapport_records_page_set_search_text   (RapportRecordsPage *self,
                                                       const char         *text);
const char    *rapport_records_page_get_state         (RapportRecordsPage *self);
gboolean       rapport_records_page_is_searching      (RapportRecordsPage *self);
void           rapport_records_page_select            (RapportRecordsPage *self,
                                                       guint               position);

G_END_DECLS
