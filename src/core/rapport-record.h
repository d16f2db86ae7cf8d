/* rapport-record.h: what every stored row has in common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rapport-types.h"

G_BEGIN_DECLS

#define RAPPORT_VALIDATION_ERROR (rapport_validation_error_quark ())

typedef enum
{
  RAPPORT_VALIDATION_ERROR_BLANK,
  RAPPORT_VALIDATION_ERROR_TOO_LONG,
  RAPPORT_VALIDATION_ERROR_INVALID_TEXT,
  RAPPORT_VALIDATION_ERROR_INVALID_DATE,
  RAPPORT_VALIDATION_ERROR_DATE_ORDER,
  RAPPORT_VALIDATION_ERROR_TRANSITION,
  RAPPORT_VALIDATION_ERROR_MISSING,
  RAPPORT_VALIDATION_ERROR_INVALID,
} RapportValidationError;

/* Longest name, title, e-mail or phone, in characters */
#define RAPPORT_SHORT_TEXT_MAX 500
/* Longest note or description, in bytes */
#define RAPPORT_LONG_TEXT_MAX (1024 * 1024)

#define RAPPORT_TYPE_RECORD (rapport_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (RapportRecord, rapport_record, RAPPORT, RECORD, GObject)

struct _RapportRecordClass
{
  GObjectClass parent_class;

  /* Checks the subclass' own rules; text encoding and length of every
   * string property are already checked by rapport_record_validate(). */
  gboolean (*validate)   (RapportRecord  *self,
                          GError        **error);
  /* Called by the store once the record matches what is stored */
  void     (*mark_saved) (RapportRecord  *self);

  /*< private >*/
  gpointer padding[8];
};

GQuark       rapport_validation_error_quark (void);

gint64       rapport_record_get_id          (RapportRecord  *self);
const char  *rapport_record_get_uuid        (RapportRecord  *self);
void         rapport_record_set_uuid        (RapportRecord  *self,
                                             const char     *uuid);
GDateTime   *rapport_record_get_created     (RapportRecord  *self);
void         rapport_record_set_created     (RapportRecord  *self,
                                             GDateTime      *created);
GDateTime   *rapport_record_get_updated     (RapportRecord  *self);
void         rapport_record_set_updated     (RapportRecord  *self,
                                             GDateTime      *updated);
GDateTime   *rapport_record_get_deleted_at  (RapportRecord  *self);
void         rapport_record_set_deleted_at  (RapportRecord  *self,
                                             GDateTime      *deleted_at);
gboolean     rapport_record_is_trashed      (RapportRecord  *self);
gboolean     rapport_record_validate        (RapportRecord  *self,
                                             GError        **error);

G_END_DECLS
