/* rapport-record-private.h: record API for the store and the entities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-record.h"

G_BEGIN_DECLS

void      _rapport_record_set_id            (RapportRecord  *self,
                                             gint64          id);
void      _rapport_record_mark_saved        (RapportRecord  *self);
gboolean  _rapport_record_validate_values   (RapportRecord  *self,
                                             GPtrArray      *pspecs,
                                             const GValue   *values,
                                             GError        **error);
gboolean  _rapport_record_check_short_text  (const char     *value,
                                             const char     *what,
                                             gboolean        required,
                                             GError        **error);
gboolean  _rapport_record_check_long_text   (const char     *value,
                                             const char     *what,
                                             gboolean        required,
                                             GError        **error);
GDateTime *_rapport_now                     (void);
gboolean  _rapport_uuid_is_valid            (const char     *text);

/* Setter helpers shared by the entity classes: each returns TRUE when the
 * stored value changed, so the caller notifies only then. */
gboolean  _rapport_set_string               (char          **field,
                                             const char     *value);
gboolean  _rapport_set_date_time            (GDateTime     **field,
                                             GDateTime      *value);
gboolean  _rapport_set_date                 (GDate         **field,
                                             const GDate    *value);

G_END_DECLS
