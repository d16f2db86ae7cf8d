/* rapport-deliverable.h: a partial delivery of a commitment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-enums.h"
#include "rapport-record.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_DELIVERABLE (rapport_deliverable_get_type ())

G_DECLARE_FINAL_TYPE (RapportDeliverable, rapport_deliverable, RAPPORT, DELIVERABLE, RapportRecord)

RapportDeliverable   *rapport_deliverable_new               (gint64        commitment_id,
                                                             const char   *title);
gint64                rapport_deliverable_get_commitment_id (RapportDeliverable   *self);
void                  rapport_deliverable_set_commitment_id (RapportDeliverable   *self,
                                                             gint64                commitment_id);
const char           *rapport_deliverable_get_title         (RapportDeliverable   *self);
void                  rapport_deliverable_set_title         (RapportDeliverable   *self,
                                                             const char           *title);
const GDate          *rapport_deliverable_get_due           (RapportDeliverable   *self);
void                  rapport_deliverable_set_due           (RapportDeliverable   *self,
                                                             const GDate          *due);
GDateTime            *rapport_deliverable_get_delivered_at  (RapportDeliverable   *self);
void                  rapport_deliverable_set_delivered_at  (RapportDeliverable   *self,
                                                             GDateTime            *delivered_at);

G_END_DECLS
