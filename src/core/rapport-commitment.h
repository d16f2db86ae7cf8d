/* rapport-commitment.h: a promise made to a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-enums.h"
#include "rapport-record.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_COMMITMENT (rapport_commitment_get_type ())

G_DECLARE_FINAL_TYPE (RapportCommitment, rapport_commitment, RAPPORT, COMMITMENT, RapportRecord)

RapportCommitment       *rapport_commitment_new              (gint64        client_id,
                                                              const char   *title);
gint64                   rapport_commitment_get_client_id    (RapportCommitment   *self);
void                     rapport_commitment_set_client_id    (RapportCommitment   *self,
                                                              gint64               client_id);
const char              *rapport_commitment_get_title        (RapportCommitment   *self);
void                     rapport_commitment_set_title        (RapportCommitment   *self,
                                                              const char          *title);
const char              *rapport_commitment_get_details      (RapportCommitment   *self);
void                     rapport_commitment_set_details      (RapportCommitment   *self,
                                                              const char          *details);
const GDate             *rapport_commitment_get_agreed_on    (RapportCommitment   *self);
void                     rapport_commitment_set_agreed_on    (RapportCommitment   *self,
                                                              const GDate         *agreed_on);
const GDate             *rapport_commitment_get_due          (RapportCommitment   *self);
void                     rapport_commitment_set_due          (RapportCommitment   *self,
                                                              const GDate         *due);
RapportCommitmentStatus  rapport_commitment_get_status       (RapportCommitment   *self);
void                     rapport_commitment_set_status       (RapportCommitment       *self,
                                                              RapportCommitmentStatus  status);
GDateTime               *rapport_commitment_get_delivered_at (RapportCommitment   *self);
void                     rapport_commitment_set_delivered_at (RapportCommitment   *self,
                                                              GDateTime           *delivered_at);
const char              *rapport_commitment_get_drop_reason  (RapportCommitment   *self);
void                     rapport_commitment_set_drop_reason  (RapportCommitment   *self,
                                                              const char          *drop_reason);
gboolean                 rapport_commitment_check_deliverable_due (RapportCommitment  *self,
                                                                   const GDate        *due,
                                                                   GError            **error);
gboolean                 rapport_commitment_check_delivered_at (GDateTime         *delivered_at,
                                                                const GDate       *today,
                                                                GError           **error);
gboolean                 rapport_commitment_check_new_due    (RapportCommitment   *self,
                                                              const GDate         *new_due,
                                                              GListModel          *deliverables,
                                                              GError             **error);
gboolean                rapport_commitment_status_transition_allowed (RapportCommitmentStatus from,
                                                                      RapportCommitmentStatus to);

G_END_DECLS
