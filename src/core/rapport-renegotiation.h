/* rapport-renegotiation.h: a due date that moved, whether the client was
 * told and whether they agreed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-enums.h"
#include "rapport-record.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_RENEGOTIATION (rapport_renegotiation_get_type ())

G_DECLARE_FINAL_TYPE (RapportRenegotiation, rapport_renegotiation, RAPPORT, RENEGOTIATION, RapportRecord)

RapportRenegotiation   *rapport_renegotiation_new                 (gint64  commitment_id);
gint64                  rapport_renegotiation_get_commitment_id   (RapportRenegotiation   *self);
void                    rapport_renegotiation_set_commitment_id   (RapportRenegotiation   *self,
                                                                   gint64                  commitment_id);
const GDate            *rapport_renegotiation_get_old_due         (RapportRenegotiation   *self);
void                    rapport_renegotiation_set_old_due         (RapportRenegotiation   *self,
                                                                   const GDate            *old_due);
const GDate            *rapport_renegotiation_get_new_due         (RapportRenegotiation   *self);
void                    rapport_renegotiation_set_new_due         (RapportRenegotiation   *self,
                                                                   const GDate            *new_due);
const char             *rapport_renegotiation_get_reason          (RapportRenegotiation   *self);
void                    rapport_renegotiation_set_reason          (RapportRenegotiation   *self,
                                                                   const char             *reason);
gboolean                rapport_renegotiation_get_client_told     (RapportRenegotiation   *self);
void                    rapport_renegotiation_set_client_told     (RapportRenegotiation   *self,
                                                                   gboolean                client_told);
gboolean                rapport_renegotiation_get_client_agreed   (RapportRenegotiation   *self);
void                    rapport_renegotiation_set_client_agreed   (RapportRenegotiation   *self,
                                                                   gboolean                client_agreed);
GDateTime              *rapport_renegotiation_get_renegotiated_at (RapportRenegotiation   *self);
void                    rapport_renegotiation_set_renegotiated_at (RapportRenegotiation   *self,
                                                                   GDateTime              *renegotiated_at);
gboolean                rapport_renegotiation_is_late (RapportRenegotiation *self);

G_END_DECLS
