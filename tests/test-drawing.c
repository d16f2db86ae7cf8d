/* test-drawing.c: what the window asks the renderer to draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The overview of the real window, with rows in a boxed list, drawn to a
 * render node as the renderer gets it. GTK 4.8's cairo renderer draws a
 * border whose sides differ in colour with a mesh pattern, a fifth of the
 * window's first frame for two rows (bench/README.md); style.css gives
 * the boxed lists' row borders one colour, which this test checks.
 */
#define G_LOG_DOMAIN "test-drawing"

#include "config.h"

#include <adwaita.h>

#include "rapport-commitment.h"
#include "rapport-date.h"
#include "rapport-test-app.h"
#include "rapport-test-util.h"
#include "rapport-window.h"

/* Counts the border nodes under @node, and those whose sides differ in
 * colour */
static void
count_borders (GskRenderNode *node,
               guint         *n_borders,
               guint         *n_mixed)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_BORDER_NODE:
      {
        const GdkRGBA *colors = gsk_border_node_get_colors (node);

        (*n_borders)++;
        if (!gdk_rgba_equal (&colors[0], &colors[1]) || !gdk_rgba_equal (&colors[0], &colors[2]) ||
            !gdk_rgba_equal (&colors[0], &colors[3]))
          (*n_mixed)++;
      }
      break;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count_borders (gsk_container_node_get_child (node, i), n_borders, n_mixed);
      break;
    case GSK_TRANSFORM_NODE:
      count_borders (gsk_transform_node_get_child (node), n_borders, n_mixed);
      break;
    case GSK_OPACITY_NODE:
      count_borders (gsk_opacity_node_get_child (node), n_borders, n_mixed);
      break;
    case GSK_CLIP_NODE:
      count_borders (gsk_clip_node_get_child (node), n_borders, n_mixed);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      count_borders (gsk_rounded_clip_node_get_child (node), n_borders, n_mixed);
      break;
    case GSK_DEBUG_NODE:
      count_borders (gsk_debug_node_get_child (node), n_borders, n_mixed);
      break;
    default:
      break;
    }
}

static void
test_boxed_list_borders_of_one_colour (RapportWindow *window,
                                       RapportStore  *store)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Globex");
  g_autoptr(GDate) last_week = rapport_date_new_today ();
  g_autoptr(GskRenderNode) node = NULL;
  GtkWidget *overview = rapport_window_get_page (window, "overview");
  guint n_borders = 0, n_mixed = 0;

  /* Three overdue commitments: three rows, the first two with a border
   * under them */
  g_date_subtract_days (last_week, 7);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Report %u", i + 1);
      g_autoptr(RapportCommitment) commitment =
        rapport_commitment_new (rapport_record_get_id (RAPPORT_RECORD (client)), title);

      rapport_commitment_set_due (commitment, last_week);
      rapport_test_save (store, commitment);
    }
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-view",
                                                     g_variant_new_string ("overview")));
  iterate ();
  wait_ms (100);

  node = widget_render_node (overview);
  count_borders (node, &n_borders, &n_mixed);
  g_assert_cmpuint (n_borders, >=, 2);
  g_assert_cmpuint (n_mixed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/drawing/boxed-list-borders-of-one-colour",
                        (gconstpointer) test_boxed_list_borders_of_one_colour, run_test);

  return g_test_run ();
}
