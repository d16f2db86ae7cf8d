/* rapport-types.h: forward declarations of Rapport's core types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _RapportRecord         RapportRecord;
typedef struct _RapportClient         RapportClient;
typedef struct _RapportCommitment     RapportCommitment;
typedef struct _RapportDeliverable    RapportDeliverable;
typedef struct _RapportRenegotiation  RapportRenegotiation;
typedef struct _RapportFeedback       RapportFeedback;
typedef struct _RapportLesson         RapportLesson;
typedef struct _RapportInteraction    RapportInteraction;
typedef struct _RapportStore          RapportStore;

G_END_DECLS
