/* rapport-client.h: someone the freelancer works for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-enums.h"
#include "rapport-record.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLIENT (rapport_client_get_type ())

G_DECLARE_FINAL_TYPE (RapportClient, rapport_client, RAPPORT, CLIENT, RapportRecord)

RapportClient       *rapport_client_new                (const char          *name);
const char          *rapport_client_get_name           (RapportClient       *self);
void                 rapport_client_set_name           (RapportClient       *self,
                                                        const char          *name);
const char          *rapport_client_get_company        (RapportClient       *self);
void                 rapport_client_set_company        (RapportClient       *self,
                                                        const char          *company);
const char          *rapport_client_get_email          (RapportClient       *self);
void                 rapport_client_set_email          (RapportClient       *self,
                                                        const char          *email);
const char          *rapport_client_get_phone          (RapportClient       *self);
void                 rapport_client_set_phone          (RapportClient       *self,
                                                        const char          *phone);
RapportChannel       rapport_client_get_channel        (RapportClient       *self);
void                 rapport_client_set_channel        (RapportClient       *self,
                                                        RapportChannel       channel);
guint                rapport_client_get_cadence_days   (RapportClient       *self);
void                 rapport_client_set_cadence_days   (RapportClient       *self,
                                                        guint                cadence_days);
RapportClientStatus  rapport_client_get_status         (RapportClient       *self);
void                 rapport_client_set_status         (RapportClient       *self,
                                                        RapportClientStatus  status);
gboolean             rapport_client_get_confidential   (RapportClient       *self);
void                 rapport_client_set_confidential   (RapportClient       *self,
                                                        gboolean             confidential);
const char          *rapport_client_get_notes          (RapportClient       *self);
void                 rapport_client_set_notes          (RapportClient       *self,
                                                        const char          *notes);
GDateTime           *rapport_client_get_last_contact   (RapportClient       *self);
void                 rapport_client_set_last_contact   (RapportClient       *self,
                                                        GDateTime           *last_contact);

gboolean             rapport_client_is_out_of_touch    (RapportClient       *self,
                                                        GDateTime           *now);

G_END_DECLS
