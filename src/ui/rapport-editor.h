/* rapport-editor.h: what every record editor window shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-date-row.h"
#include "rapport-record.h"
#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_EDITOR (rapport_editor_get_type ())

G_DECLARE_DERIVABLE_TYPE (RapportEditor, rapport_editor, RAPPORT, EDITOR, AdwWindow)

struct _RapportEditorClass
{
  AdwWindowClass parent_class;

  /* After each successful write of the record, the first one included */
  void (*saved) (RapportEditor *self);
  /* What the user typed and has not applied yet, in a sentence, or NULL:
   * closing asks before it is lost */
  char *(*dup_unapplied) (RapportEditor *self);

  /*< private >*/
  gpointer padding[3];
};

/* One entry of a combo row that edits an enum property */
typedef struct
{
  int         value;
  const char *label;   /* marked for translation; translated when shown */
} RapportEditorChoice;

typedef void (*RapportEditorReasonCallback) (RapportEditor *self,
                                             const char    *reason,
                                             gpointer       user_data);

extern const RapportEditorChoice rapport_editor_channel_choices[];
#define RAPPORT_EDITOR_N_CHANNELS 6

RapportStore   *rapport_editor_get_store        (RapportEditor               *self);
RapportRecord  *rapport_editor_get_record       (RapportEditor               *self);
gboolean        rapport_editor_is_saved         (RapportEditor               *self);
void            rapport_editor_set_page         (RapportEditor               *self,
                                                 GtkWidget                   *page);
gboolean        rapport_editor_apply            (RapportEditor               *self,
                                                 GtkWidget                   *field,
                                                 const char                  *first_property,
                                                 ...) G_GNUC_NULL_TERMINATED;
gboolean        rapport_editor_apply_with       (RapportEditor               *self,
                                                 RapportRecord               *also,
                                                 GtkWidget                   *field,
                                                 const char                  *first_property,
                                                 ...) G_GNUC_NULL_TERMINATED;
gboolean        rapport_editor_apply_to         (RapportEditor               *self,
                                                 RapportRecord               *record,
                                                 GtkWidget                   *field,
                                                 const char                  *first_property,
                                                 ...) G_GNUC_NULL_TERMINATED;
gboolean        rapport_editor_save_record      (RapportEditor               *self,
                                                 RapportRecord               *record);
void            rapport_editor_show_error       (RapportEditor               *self,
                                                 GtkWidget                   *field,
                                                 const char                  *message);
void            rapport_editor_clear_error      (RapportEditor               *self,
                                                 GtkWidget                   *field);
void            rapport_editor_show_toast       (RapportEditor               *self,
                                                 const char                  *message);
void            rapport_editor_show_toast_full  (RapportEditor               *self,
                                                 AdwToast                    *toast);
void            rapport_editor_present_editor   (RapportEditor               *self,
                                                 GtkWindow                   *editor);
void            rapport_editor_ask_reason       (RapportEditor               *self,
                                                 const char                  *heading,
                                                 const char                  *body,
                                                 const char                  *accept_label,
                                                 RapportEditorReasonCallback  callback,
                                                 gpointer                     user_data);

void            rapport_editor_bind_entry       (RapportEditor               *self,
                                                 AdwEntryRow                 *row,
                                                 const char                  *property);
void            rapport_editor_bind_text        (RapportEditor               *self,
                                                 GtkTextView                 *view,
                                                 const char                  *property);
void            rapport_editor_bind_switch      (RapportEditor               *self,
                                                 GtkSwitch                   *toggle,
                                                 const char                  *property);
void            rapport_editor_bind_spin        (RapportEditor               *self,
                                                 GtkSpinButton               *spin,
                                                 const char                  *property);
void            rapport_editor_bind_date        (RapportEditor               *self,
                                                 RapportDateRow              *row,
                                                 const char                  *property);
void            rapport_editor_bind_date_errors (RapportEditor               *self,
                                                 RapportDateRow              *row);
void            rapport_editor_bind_choice      (RapportEditor               *self,
                                                 AdwComboRow                 *row,
                                                 const char                  *property,
                                                 const RapportEditorChoice   *choices,
                                                 guint                        n_choices);
void            rapport_editor_bind_link        (RapportEditor               *self,
                                                 AdwComboRow                 *row,
                                                 const char                  *property,
                                                 GType                        type,
                                                 const char                  *none_label,
                                                 const char                  *parent_property,
                                                 gint64                       parent_id);
void            rapport_editor_reload_link      (RapportEditor               *self,
                                                 AdwComboRow                 *row,
                                                 gint64                       parent_id);

void            rapport_editor_set_choices      (AdwComboRow                 *row,
                                                 const RapportEditorChoice   *choices,
                                                 guint                        n_choices,
                                                 int                          selected);
int             rapport_editor_get_choice       (AdwComboRow                 *row);

char           *rapport_editor_format_moment    (GDateTime                   *moment);
GDateTime      *rapport_editor_now              (void);

G_END_DECLS
