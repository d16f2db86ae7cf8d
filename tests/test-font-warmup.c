/* test-font-warmup.c: the glyphs drawn before the first frame are the window's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The warm-up (rapport-font-warmup.c) draws a sample of letters in the
 * text styles it reads off labels styled as the window's, so that the
 * window's first frame finds their glyphs in cairo's cache. The cache is
 * per scaled font: these tests check that every label the overview
 * shows, empty and with data, draws with a scaled font the warm-up drew.
 */
#define G_LOG_DOMAIN "test-font-warmup"

#include "config.h"

#include <adwaita.h>
#include <pango/pangocairo.h>

#include "rapport-commitment.h"
#include "rapport-date.h"
#include "rapport-font-warmup.h"
#include "rapport-test-app.h"
#include "rapport-test-util.h"
#include "rapport-window.h"

/* Fails for each run of the visible labels under @widget whose scaled
 * font is not in @warmed; counts the labels */
static void
check_labels (GtkWidget *widget,
              GPtrArray *warmed,
              guint     *n_labels)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      PangoLayoutIter *iter = pango_layout_get_iter (gtk_label_get_layout (GTK_LABEL (widget)));

      do
        {
          PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
          g_autofree char *font = NULL;
          cairo_scaled_font_t *scaled_font;

          if (run == NULL)
            continue;
          scaled_font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));
          if (g_ptr_array_find (warmed, scaled_font, NULL))
            continue;

          font = pango_font_description_to_string (pango_font_describe (run->item->analysis.font));
          g_error ("The label “%s” is drawn in %s, which the warm-up did not draw",
                   gtk_label_get_text (GTK_LABEL (widget)), font);
        }
      while (pango_layout_iter_next_run (iter));
      pango_layout_iter_free (iter);
      (*n_labels)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_labels (child, warmed, n_labels);
}

static gboolean
is_reliability_box (GtkWidget     *widget,
                    gconstpointer  data)
{
  return RAPPORT_IS_RELIABILITY_BOX (widget);
}

/* Fails if a label the window shows draws in a style the warm-up did
 * not draw */
static void
check_window (RapportWindow *window)
{
  g_autoptr(RapportFontWarmup) warmup = rapport_font_warmup_start ();
  GPtrArray *warmed = rapport_font_warmup_join (warmup);
  guint n_labels = 0;

  g_assert_cmpuint (warmed->len, >=, 4);
  check_labels (GTK_WIDGET (window), warmed, &n_labels);
  g_assert_cmpuint (n_labels, >=, 8);
}

/* A new user's overview: a status page */
static void
test_empty_overview (RapportWindow *window,
                     RapportStore  *store)
{
  iterate ();
  check_window (window);
}

static void
test_overview (RapportWindow *window,
               RapportStore  *store)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Señora Núñez");
  g_autoptr(GDate) last_week = rapport_date_new_today ();

  /* An overdue commitment and a kept one: the overview shows the
   * reliability figure, rows with subtitles and the trend */
  g_date_subtract_days (last_week, 7);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RapportCommitment) commitment =
        rapport_commitment_new (rapport_record_get_id (RAPPORT_RECORD (client)), "Informe anual");

      rapport_commitment_set_due (commitment, last_week);
      if (i == 1)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();

          rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DELIVERED);
          rapport_commitment_set_delivered_at (commitment, now);
        }
      rapport_test_save (store, commitment);
    }
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-view",
                                                     g_variant_new_string ("overview")));
  iterate ();
  wait_reliability_box (find_widget (GTK_WIDGET (window), is_reliability_box, NULL));
  check_window (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/font-warmup/empty-overview", (gconstpointer) test_empty_overview,
                        run_test);
  g_test_add_data_func ("/font-warmup/overview", (gconstpointer) test_overview, run_test);

  return g_test_run ();
}
