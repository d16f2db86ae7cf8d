/* rapport-record-row.h: how a record reads in a list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

GSettings          *_rapport_dup_settings         (void);
gboolean            _rapport_discreet_mode        (void);
char               *_rapport_format_date          (const GDate   *date);
char               *_rapport_format_due           (const GDate   *due,
                                                   const GDate   *today);
char               *_rapport_format_moment        (GDateTime     *moment,
                                                   const GDate   *today);
const char         *_rapport_record_kind_name     (GType          type);
const char         *_rapport_record_kind_plural   (GType          type);
char               *_rapport_record_dup_title     (RapportStore  *store,
                                                   RapportRecord *record);
char               *_rapport_record_dup_subtitle  (RapportStore  *store,
                                                   RapportRecord *record);
char               *_rapport_client_dup_display_name (RapportClient *client);
GtkWidget          *_rapport_record_row_new       (RapportStore  *store,
                                                   RapportRecord *record);
RapportRecord      *_rapport_record_row_get_record (GtkWidget    *row);
GtkListItemFactory *_rapport_record_factory_new   (RapportStore  *store);
void                _rapport_records_view_set_model (GtkGridView        *view,
                                                     GtkSingleSelection *selection,
                                                     GListModel         *model);

/* Boxed lists make a widget per row: they show this many at most */
#define RAPPORT_MAX_ROWS_SHOWN 100

GListModel         *_rapport_list_box_bind_records (GtkListBox   *box,
                                                    GtkWidget    *page,
                                                    RapportStore *store,
                                                    GListModel   *records,
                                                    guint         at_once,
                                                    guint         max_rows);
GtkWidget          *_rapport_more_label_new       (void);
void                _rapport_more_label_update    (GtkWidget     *label,
                                                   guint          n_items,
                                                   guint          max_rows);
GVariant           *_rapport_record_to_variant    (RapportRecord *record);
RapportRecord      *_rapport_record_from_variant  (RapportStore  *store,
                                                   GVariant      *variant,
                                                   GError       **error);

G_END_DECLS
