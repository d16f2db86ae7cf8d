/* rapport-store-renegotiations.c: the store's side of a commitment's changes of date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list shows the outcome of every delivered commitment it binds, so the
 * effective due date is read by one statement, the figures' own SQL,
 * rather than by listing the commitment's renegotiations each time.
 */
#define G_LOG_DOMAIN "rapport-store"

#include "config.h"

#include "rapport-date.h"
#include "rapport-store-private.h"

/* @own_due is the commitment's due date as it is now, saved or not;
 * *@due is set to %NULL when there is none */
gboolean
_rapport_store_effective_due (RapportStore  *self,
                              gint64         commitment_id,
                              const GDate   *own_due,
                              GDate        **due,
                              GError       **error)
{
  g_autofree char *own_iso = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_assert (RAPPORT_IS_STORE (self));

  *due = NULL;
  stmt = _rapport_store_prepare (self,
                                 "SELECT " RAPPORT_STORE_EFFECTIVE_DUE " "
                                 "FROM (SELECT ?1 AS id, ?2 AS due) AS cm",
                                 error);
  if (stmt == NULL)
    return FALSE;

  if (own_due != NULL && g_date_valid (own_due))
    own_iso = rapport_date_to_iso (own_due);
  sqlite3_bind_int64 (stmt, 1, commitment_id);
  sqlite3_bind_text (stmt, 2, own_iso, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    *due = rapport_date_parse ((const char *) sqlite3_column_text (stmt, 0), NULL);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      _rapport_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}
