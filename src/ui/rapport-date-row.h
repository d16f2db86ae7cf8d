/* rapport-date-row.h: an entry row for a day, or a day and a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_DATE_ROW (rapport_date_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportDateRow, rapport_date_row, RAPPORT, DATE_ROW, AdwEntryRow)

GtkWidget   *rapport_date_row_new              (void);
gboolean     rapport_date_row_get_include_time (RapportDateRow *self);
void         rapport_date_row_set_include_time (RapportDateRow *self,
                                                gboolean        include_time);
GDate       *rapport_date_row_dup_date         (RapportDateRow *self);
void         rapport_date_row_set_date         (RapportDateRow *self,
                                                const GDate    *date);
GDateTime   *rapport_date_row_dup_moment       (RapportDateRow *self);
void         rapport_date_row_set_moment       (RapportDateRow *self,
                                                GDateTime      *moment);
const char  *rapport_date_row_get_error        (RapportDateRow *self);

G_END_DECLS
