/* rapport-interaction.h: a contact with a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-enums.h"
#include "rapport-record.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_INTERACTION (rapport_interaction_get_type ())

G_DECLARE_FINAL_TYPE (RapportInteraction, rapport_interaction, RAPPORT, INTERACTION, RapportRecord)

RapportInteraction   *rapport_interaction_new             (gint64  client_id);
gint64                rapport_interaction_get_client_id   (RapportInteraction   *self);
void                  rapport_interaction_set_client_id   (RapportInteraction   *self,
                                                           gint64                client_id);
GDateTime            *rapport_interaction_get_occurred_at (RapportInteraction   *self);
void                  rapport_interaction_set_occurred_at (RapportInteraction   *self,
                                                           GDateTime            *occurred_at);
RapportChannel        rapport_interaction_get_channel     (RapportInteraction   *self);
void                  rapport_interaction_set_channel     (RapportInteraction   *self,
                                                           RapportChannel        channel);
const char           *rapport_interaction_get_summary     (RapportInteraction   *self);
void                  rapport_interaction_set_summary     (RapportInteraction   *self,
                                                           const char           *summary);

gboolean              rapport_interaction_check_occurred_at (GDateTime    *occurred_at,
                                                             const GDate  *today,
                                                             GError      **error);

G_END_DECLS
