/* rapport-feedback.h: a critique, adjustment request or praise received from a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-enums.h"
#include "rapport-record.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_FEEDBACK (rapport_feedback_get_type ())

G_DECLARE_FINAL_TYPE (RapportFeedback, rapport_feedback, RAPPORT, FEEDBACK, RapportRecord)

RapportFeedback       *rapport_feedback_new                 (gint64        client_id,
                                                             const char   *content);
gint64                 rapport_feedback_get_client_id       (RapportFeedback   *self);
void                   rapport_feedback_set_client_id       (RapportFeedback   *self,
                                                             gint64             client_id);
gint64                 rapport_feedback_get_commitment_id   (RapportFeedback   *self);
void                   rapport_feedback_set_commitment_id   (RapportFeedback   *self,
                                                             gint64             commitment_id);
GDateTime             *rapport_feedback_get_received_at     (RapportFeedback   *self);
void                   rapport_feedback_set_received_at     (RapportFeedback   *self,
                                                             GDateTime         *received_at);
RapportFeedbackKind    rapport_feedback_get_kind            (RapportFeedback   *self);
void                   rapport_feedback_set_kind            (RapportFeedback     *self,
                                                             RapportFeedbackKind  kind);
const char            *rapport_feedback_get_content         (RapportFeedback   *self);
void                   rapport_feedback_set_content         (RapportFeedback   *self,
                                                             const char        *content);
const char            *rapport_feedback_get_response        (RapportFeedback   *self);
void                   rapport_feedback_set_response        (RapportFeedback   *self,
                                                             const char        *response);
RapportFeedbackStatus  rapport_feedback_get_status          (RapportFeedback   *self);
void                   rapport_feedback_set_status          (RapportFeedback       *self,
                                                             RapportFeedbackStatus  status);
GDateTime             *rapport_feedback_get_acknowledged_at (RapportFeedback   *self);
void                   rapport_feedback_set_acknowledged_at (RapportFeedback   *self,
                                                             GDateTime         *acknowledged_at);
GDateTime             *rapport_feedback_get_resolved_at     (RapportFeedback   *self);
void                   rapport_feedback_set_resolved_at     (RapportFeedback   *self,
                                                             GDateTime         *resolved_at);
const char            *rapport_feedback_get_decline_reason  (RapportFeedback   *self);
void                   rapport_feedback_set_decline_reason  (RapportFeedback   *self,
                                                             const char        *decline_reason);
gboolean            rapport_feedback_status_transition_allowed (RapportFeedbackStatus from,
                                                                RapportFeedbackStatus to);

G_END_DECLS
