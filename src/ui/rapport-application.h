/* rapport-application.h: the application, its options and its store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_APPLICATION (rapport_application_get_type ())

G_DECLARE_FINAL_TYPE (RapportApplication, rapport_application, RAPPORT, APPLICATION,
                      AdwApplication)

RapportApplication *rapport_application_new            (void);
RapportStore       *rapport_application_get_store      (RapportApplication *self);
const char         *rapport_application_get_store_error (RapportApplication *self);
int                 rapport_application_get_store_error_code (RapportApplication *self);
char               *rapport_application_dup_database_path (RapportApplication *self);
void                rapport_application_reopen          (RapportApplication *self,
                                                         const char         *path);
gboolean            rapport_application_restore_backup  (RapportApplication *self,
                                                         const char         *backup_path,
                                                         GError            **error);

void                _rapport_application_set_backup_times (RapportApplication *self,
                                                           guint               delay,
                                                           guint               interval);

G_END_DECLS
