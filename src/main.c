/* main.c: Rapport's entry point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rapport-application.h"
#include "rapport-frame-memory.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RapportApplication) app = NULL;
  /* Set by `meson devenv`, so a build tree speaks the translations it built */
  const char *locale_dir = g_getenv ("RAPPORT_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir != NULL ? locale_dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  rapport_frame_memory_init ();
  app = rapport_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
