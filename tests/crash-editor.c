/* crash-editor.c: edits a database for ever, announcing each saved edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by test-crash-safety, which kills it at random moments. After each
 * rapport_store_save() returns, it prints "saved <uuid> <name>" and flushes:
 * a line on stdout is a promise that the edit is in the database.
 */
#include "config.h"

#include <stdio.h>

#include "rapport-client.h"
#include "rapport-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportClient) client = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  store = rapport_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint64 i = 0;; i++)
    {
      g_autofree char *name = g_strdup_printf ("Edit %" G_GUINT64_FORMAT, i);

      /* Alternate new rows and edits of the last one */
      if (client == NULL || i % 3 == 0)
        {
          g_clear_object (&client);
          client = rapport_client_new (name);
        }
      else
        rapport_client_set_name (client, name);

      rapport_client_set_notes (client, "Notes that make each row a little larger than a name.");
      if (!rapport_store_save (store, RAPPORT_RECORD (client), &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      printf ("saved %s %s\n", rapport_record_get_uuid (RAPPORT_RECORD (client)), name);
      fflush (stdout);
    }
}
