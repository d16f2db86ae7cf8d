/* test-spanish.c: Rapport speaks Spanish with LANGUAGE=es
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the catalog built in this tree, as the installed app loads the
 * installed one, and reads messages of the core and of the window.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rapport-application.h"
#include "rapport-date-format.h"
#include "rapport-import.h"
#include "rapport-test-app.h"
#include "rapport-test-util.h"

static void
test_core_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) date = rapport_date_parse ("2026-02-30", &error);
  g_autoptr(RapportClient) client = rapport_client_new ("");

  g_assert_null (date);
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE);
  /* «2026-02-30» no es un día del calendario */
  g_assert_nonnull (strstr (error->message, "«2026-02-30»"));
  g_clear_error (&error);

  g_assert_false (rapport_record_validate (RAPPORT_RECORD (client), &error));
  g_assert_cmpstr (error->message, !=, "The name cannot be empty");
  g_assert_nonnull (strstr (error->message, "nombre"));

  /* The words of an import's result do not depend on its numbers */
  {
    RapportImportResult one = { 1, 0, 2 };
    g_autofree char *text = rapport_import_result_describe (&one, "copia.json");

    g_assert_cmpstr (text, ==,
                     "Se importó «copia.json». Añadidos: 1; modificados: 0; sin cambios: 2.");
  }
}

static void
test_plural_forms (void)
{
  g_assert_cmpstr (ngettext ("“%s” is %d day overdue", "“%s” is %d days overdue", 1), !=,
                   "“%s” is %d day overdue");
  g_assert_cmpstr (ngettext ("“%s” is %d day overdue", "“%s” is %d days overdue", 3), !=,
                   ngettext ("“%s” is %d day overdue", "“%s” is %d days overdue", 1));

  /* A reminder of one overdue and one due tomorrow agrees in number */
  g_assert_cmpstr (ngettext ("%u overdue", "%u overdue", 1), ==, "%u vencido");
  g_assert_cmpstr (ngettext ("%u due tomorrow", "%u due tomorrow", 1), ==, "%u vence mañana");
  g_assert_cmpstr (ngettext ("%u due tomorrow", "%u due tomorrow", 2), ==, "%u vencen mañana");
}

/* Days and months in Spanish, although no Spanish locale gives them
 * (LC_ALL=C.UTF-8) */
static void
test_dates (void)
{
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2026, 12, 7, 12, 0, 0);
  g_autoptr(GDateTime) july = g_date_time_new_utc (2026, 7, 1, 12, 0, 0);
  g_autofree char *short_day = _rapport_date_time_format (monday, _("%a %-d %b %Y"));
  g_autofree char *list_day = _rapport_date_time_format (monday, _("%-d %b %Y"));
  g_autofree char *month = _rapport_date_time_format (july, _("%B %Y"));
  g_autofree char *backup = _rapport_date_time_format (monday, _("%A %-d %B %Y, %H:%M"));

  g_assert_cmpstr (short_day, ==, "lun, 7 de dic de 2026");
  g_assert_cmpstr (list_day, ==, "7 dic 2026");
  g_assert_cmpstr (month, ==, "julio de 2026");
  g_assert_cmpstr (backup, ==, "lunes 7 de diciembre de 2026, 12:00");
}

static gboolean
label_shown (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_shown (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
check_window_cb (gpointer data)
{
  RapportApplication *app = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_nonnull (window);
  g_assert_true (label_shown (GTK_WIDGET (window), "Clientes"));
  g_assert_true (label_shown (GTK_WIDGET (window), "Compromisos"));
  g_assert_false (label_shown (GTK_WIDGET (window), "Commitments"));

  g_object_set_data (G_OBJECT (app), "checked", GINT_TO_POINTER (TRUE));
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app)
{
  g_timeout_add (300, check_window_cb, app);
}

static void
test_window_in_spanish (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(RapportApplication) app = rapport_application_new ();
  char *argv[] = { (char *) "rapport", (char *) "--database", path, NULL };

  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (app), "checked")));

  rapport_test_remove_dir (dir);
}

/* Spanish words are longer: the window still fits a phone, on every view */
static void
test_window_fits_phone_width (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);

  run_app (path, assert_views_fit_phone);
  rapport_test_remove_dir (dir);
}

/* The program itself, as run from `meson devenv` */
static void
test_command_line_help (void)
{
  g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "..", "src", "rapport", NULL);
  g_autofree char *locale_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  const char *argv[] = { binary, "--help", NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  envp = g_environ_setenv (envp, "RAPPORT_LOCALEDIR", locale_dir, TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "--database="));
  g_assert_null (strstr (out, "Keep your word with every client."));
  g_assert_null (strstr (out, "Open the database in FILE"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *locale_dir = NULL;

  /* With LANG=C glibc ignores LANGUAGE: C.UTF-8 keeps it */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "es", TRUE);
  setlocale (LC_ALL, "");

  gtk_test_init (&argc, &argv, NULL);

  locale_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/spanish/core-messages", test_core_messages);
  g_test_add_func ("/spanish/plural-forms", test_plural_forms);
  g_test_add_func ("/spanish/dates", test_dates);
  g_test_add_func ("/spanish/window", test_window_in_spanish);
  g_test_add_func ("/spanish/window-fits-phone-width", test_window_fits_phone_width);
  g_test_add_func ("/spanish/command-line-help", test_command_line_help);

  return g_test_run ();
}
