/* test-reliability-chart.c: the monthly reliability chart shows and says the figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Set RAPPORT_SCREENSHOT_DIR to keep PNGs of the rendered chart there.
 */
#include "config.h"

#include <adwaita.h>
#include <gtk/gtk.h>

#include "rapport-reliability-chart.h"

typedef struct
{
  GtkWindow               *window;
  GtkWidget               *frame;
  RapportReliabilityChart *chart;
  guint                    n_points_notified;
} Fixture;

typedef struct
{
  int     width;
  int     height;
  gsize   stride;
  guchar *data;
} Pixels;

static void
n_points_notify_cb (Fixture *fixture)
{
  fixture->n_points_notified++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  /* What the chart sits on in the app: the window's own background */
  fixture->frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (fixture->frame, "background");
  gtk_widget_set_margin_top (fixture->frame, 0);
  fixture->chart = RAPPORT_RELIABILITY_CHART (rapport_reliability_chart_new ());
  gtk_widget_set_margin_start (GTK_WIDGET (fixture->chart), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (fixture->chart), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (fixture->chart), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (fixture->chart), 12);
  gtk_box_append (GTK_BOX (fixture->frame), GTK_WIDGET (fixture->chart));
  fixture->n_points_notified = 0;
  g_signal_connect_swapped (fixture->chart, "notify::n-points",
                            G_CALLBACK (n_points_notify_cb), fixture);

  gtk_window_set_child (fixture->window, fixture->frame);
  /* @data: the window's width, if not the usual */
  gtk_window_set_default_size (fixture->window, data ? GPOINTER_TO_INT (data) : 480, -1);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

/* Lets the window lay out and paint a few frames, as it would on screen */
static void
wait_for_frames (Fixture *fixture)
{
  guint frames = 0;
  guint id;

  id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window), tick_cb, &frames, NULL);
  while (frames < 3)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), id);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->chart)), >, 0);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->chart)), >, 0);
}

static RapportReliabilityPoint
point (GDate *month,
       guint  kept,
       guint  late,
       guint  dropped)
{
  return (RapportReliabilityPoint) { month, kept, late, dropped };
}

/* March to May 2026, given out of order: 4 of 5, nothing, 2 of 3 */
static void
set_spring_points (RapportReliabilityChart *chart)
{
  g_autoptr(GDate) march = g_date_new_dmy (1, G_DATE_MARCH, 2026);
  g_autoptr(GDate) april = g_date_new_dmy (1, G_DATE_APRIL, 2026);
  g_autoptr(GDate) may = g_date_new_dmy (1, G_DATE_MAY, 2026);
  RapportReliabilityPoint points[] = {
    point (may, 2, 0, 1),
    point (march, 4, 1, 0),
    point (april, 0, 0, 0),
  };

  rapport_reliability_chart_set_points (chart, points, G_N_ELEMENTS (points));
}

/* @n months from January 2024; month i kept i % 5 of 4 decided, every
 * seventh month has nothing decided */
static void
set_many_points (RapportReliabilityChart *chart,
                 guint                    n)
{
  g_autofree RapportReliabilityPoint *points = g_new0 (RapportReliabilityPoint, n);
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_free);

  for (guint i = 0; i < n; i++)
    {
      GDate *month = g_date_new_dmy (1, G_DATE_JANUARY, 2024);

      g_date_add_months (month, i);
      g_ptr_array_add (months, month);
      if (i % 7 == 6)
        points[i] = point (month, 0, 0, 0);
      else
        points[i] = point (month, MIN (i % 5, 4), 4 - MIN (i % 5, 4), 0);
    }

  rapport_reliability_chart_set_points (chart, points, n);
}

static GdkTexture *
render (Fixture    *fixture,
        const char *screenshot_name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (fixture->frame);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));
  int width = gtk_widget_get_width (fixture->frame);
  int height = gtk_widget_get_height (fixture->frame);
  const char *dir = g_getenv ("RAPPORT_SCREENSHOT_DIR");
  g_autoptr(GskRenderNode) node = NULL;
  GdkTexture *texture;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (dir != NULL && screenshot_name != NULL)
    {
      g_autofree char *path = g_build_filename (dir, screenshot_name, NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("Saved %s", path);
    }

  return texture;
}

static Pixels
download (GdkTexture *texture)
{
  Pixels pixels;

  pixels.width = gdk_texture_get_width (texture);
  pixels.height = gdk_texture_get_height (texture);
  pixels.stride = pixels.width * 4;
  pixels.data = g_malloc (pixels.stride * pixels.height);
  gdk_texture_download (texture, pixels.data, pixels.stride);

  return pixels;
}

/* A pixel of the frame, at a point given in the chart's coordinates */
static guint32
chart_pixel (Fixture      *fixture,
             const Pixels *pixels,
             double        x,
             double        y)
{
  graphene_point_t in_frame;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (fixture->chart), fixture->frame,
                                           &GRAPHENE_POINT_INIT (x, y), &in_frame));
  g_assert_cmpint ((int) in_frame.x, >=, 0);
  g_assert_cmpint ((int) in_frame.x, <, pixels->width);
  g_assert_cmpint ((int) in_frame.y, >=, 0);
  g_assert_cmpint ((int) in_frame.y, <, pixels->height);

  return *(guint32 *) (pixels->data + (int) in_frame.y * pixels->stride + (int) in_frame.x * 4);
}

static double
luminance (guint32 argb)
{
  return (0.2126 * ((argb >> 16) & 0xff) +
          0.7152 * ((argb >> 8) & 0xff) +
          0.0722 * (argb & 0xff)) / 255.0;
}

static void
test_points_count (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_cmpuint (rapport_reliability_chart_get_n_points (fixture->chart), ==, 0);

  set_spring_points (fixture->chart);
  g_assert_cmpuint (rapport_reliability_chart_get_n_points (fixture->chart), ==, 3);
  g_assert_cmpuint (fixture->n_points_notified, ==, 1);

  /* New figures for as many months: the count did not change */
  set_many_points (fixture->chart, 3);
  g_assert_cmpuint (rapport_reliability_chart_get_n_points (fixture->chart), ==, 3);
  g_assert_cmpuint (fixture->n_points_notified, ==, 1);

  rapport_reliability_chart_set_points (fixture->chart, NULL, 0);
  g_assert_cmpuint (rapport_reliability_chart_get_n_points (fixture->chart), ==, 0);
  g_assert_cmpuint (fixture->n_points_notified, ==, 2);
}

static void
test_points_invalid_month_refused (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GDate) march = g_date_new_dmy (1, G_DATE_MARCH, 2026);
  g_autoptr(GDate) invalid = g_date_new ();
  RapportReliabilityPoint points[] = {
    point (march, 1, 0, 0),
    point (invalid, 1, 0, 0),
  };

  set_spring_points (fixture->chart);

  /* Nothing changes: not even the valid month is taken */
  g_test_expect_message ("rapport-reliability-chart", G_LOG_LEVEL_CRITICAL, "*g_date_valid*");
  rapport_reliability_chart_set_points (fixture->chart, points, G_N_ELEMENTS (points));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (rapport_reliability_chart_get_n_points (fixture->chart), ==, 3);
}

static void
test_description_reads_figures (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *description = NULL;
  g_autofree char *march = NULL;

  /* An image to screen readers, named and described */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (fixture->chart)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);

  set_spring_points (fixture->chart);

  /* In date order, whatever order they came in; 2 of 3 rounds to 67 % */
  description = rapport_reliability_chart_dup_description (fixture->chart);
  g_assert_cmpstr (description, ==,
                   "March 2026: 4 of 5 kept (80 %); "
                   "April 2026: nothing decided; "
                   "May 2026: 2 of 3 kept (67 %)");

  march = rapport_reliability_chart_dup_point_description (fixture->chart, 0);
  g_assert_cmpstr (march, ==, "March 2026: 4 of 5 kept (80 %)");
}

/* Rounded, but not up to a month without a late one, nor down to one
 * with nothing kept */
static void
test_description_edges_not_rounded_away (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GDate) june = g_date_new_dmy (1, G_DATE_JUNE, 2026);
  g_autoptr(GDate) july = g_date_new_dmy (1, G_DATE_JULY, 2026);
  g_autoptr(GDate) august = g_date_new_dmy (1, G_DATE_AUGUST, 2026);
  RapportReliabilityPoint points[] = {
    point (june, 199, 1, 0),
    point (july, 1, 150, 50),
    point (august, 200, 0, 0),
  };
  g_autofree char *june_words = NULL;
  g_autofree char *july_words = NULL;
  g_autofree char *august_words = NULL;

  (void) data;

  rapport_reliability_chart_set_points (fixture->chart, points, G_N_ELEMENTS (points));

  june_words = rapport_reliability_chart_dup_point_description (fixture->chart, 0);
  july_words = rapport_reliability_chart_dup_point_description (fixture->chart, 1);
  august_words = rapport_reliability_chart_dup_point_description (fixture->chart, 2);
  g_assert_cmpstr (june_words, ==, "June 2026: 199 of 200 kept (99 %)");
  g_assert_cmpstr (july_words, ==, "July 2026: 1 of 201 kept (1 %)");
  g_assert_cmpstr (august_words, ==, "August 2026: 200 of 200 kept (100 %)");
}

static void
test_description_gap_is_not_zero (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GDate) june = g_date_new_dmy (1, G_DATE_JUNE, 2026);
  g_autoptr(GDate) july = g_date_new_dmy (15, G_DATE_JULY, 2026);
  RapportReliabilityPoint points[] = {
    point (june, 0, 1, 1),
    point (july, 0, 0, 0),
  };
  g_autofree char *zero = NULL;
  g_autofree char *gap = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t zero_bar;
  graphene_rect_t gap_marker;
  Pixels pixels;

  rapport_reliability_chart_set_points (fixture->chart, points, G_N_ELEMENTS (points));

  zero = rapport_reliability_chart_dup_point_description (fixture->chart, 0);
  gap = rapport_reliability_chart_dup_point_description (fixture->chart, 1);
  g_assert_cmpstr (zero, ==, "June 2026: 0 of 2 kept (0 %)");
  g_assert_cmpstr (gap, ==, "July 2026: nothing decided");

  /* 0 % is drawn as a sliver of a bar; the empty month as a hollow ring,
   * whose middle shows the background */
  wait_for_frames (fixture);
  g_assert_true (rapport_reliability_chart_get_bar_bounds (fixture->chart, 0, &zero_bar));
  g_assert_true (rapport_reliability_chart_get_bar_bounds (fixture->chart, 1, &gap_marker));
  g_assert_cmpfloat (zero_bar.size.height, >=, 2);
  g_assert_cmpfloat (zero_bar.size.height, <=, 3);

  texture = render (fixture, "rapport-chart-gap.png");
  pixels = download (texture);
  g_assert_cmpuint (chart_pixel (fixture, &pixels,
                                 zero_bar.origin.x + zero_bar.size.width / 2,
                                 zero_bar.origin.y + zero_bar.size.height / 2),
                    !=,
                    chart_pixel (fixture, &pixels,
                                 zero_bar.origin.x + zero_bar.size.width / 2,
                                 zero_bar.origin.y - 10));
  g_assert_cmpuint (chart_pixel (fixture, &pixels,
                                 gap_marker.origin.x + 0.75,
                                 gap_marker.origin.y + gap_marker.size.height / 2),
                    !=,
                    chart_pixel (fixture, &pixels,
                                 gap_marker.origin.x + gap_marker.size.width / 2,
                                 gap_marker.origin.y + gap_marker.size.height / 2));
  g_assert_cmpuint (chart_pixel (fixture, &pixels,
                                 gap_marker.origin.x + gap_marker.size.width / 2,
                                 gap_marker.origin.y + gap_marker.size.height / 2),
                    ==,
                    chart_pixel (fixture, &pixels,
                                 gap_marker.origin.x + gap_marker.size.width / 2,
                                 gap_marker.origin.y - 10));
  g_free (pixels.data);
}

static void
test_empty_says_so (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *description = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width;
  int height;
  gboolean drawn = FALSE;
  guint32 background;
  Pixels pixels;

  /* While the figures are being counted, it says nothing */
  description = rapport_reliability_chart_dup_description (fixture->chart);
  g_assert_cmpstr (description, ==, "");
  g_clear_pointer (&description, g_free);

  rapport_reliability_chart_set_points (fixture->chart, NULL, 0);
  description = rapport_reliability_chart_dup_description (fixture->chart);
  g_assert_cmpstr (description, ==, "No commitments decided yet");
  g_assert_cmpint (rapport_reliability_chart_get_point_at (fixture->chart, 100, 50), ==, -1);

  /* The message is written across the middle of the chart */
  wait_for_frames (fixture);
  width = gtk_widget_get_width (GTK_WIDGET (fixture->chart));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->chart));
  texture = render (fixture, "rapport-chart-empty.png");
  pixels = download (texture);
  background = chart_pixel (fixture, &pixels, 0, 0);
  for (int y = height / 2 - 4; y <= height / 2 + 4 && !drawn; y++)
    for (int x = 0; x < width && !drawn; x++)
      drawn = chart_pixel (fixture, &pixels, x, y) != background;
  g_assert_true (drawn);
  g_free (pixels.data);
  g_clear_object (&texture);

  /* Cleared while new figures are counted, it says nothing again */
  rapport_reliability_chart_clear (fixture->chart);
  g_clear_pointer (&description, g_free);
  description = rapport_reliability_chart_dup_description (fixture->chart);
  g_assert_cmpstr (description, ==, "");
  wait_for_frames (fixture);
  texture = render (fixture, "rapport-chart-cleared.png");
  pixels = download (texture);
  drawn = FALSE;
  for (int y = 0; y < height && !drawn; y++)
    for (int x = 0; x < width && !drawn; x++)
      drawn = chart_pixel (fixture, &pixels, x, y) != background;
  g_assert_false (drawn);
  g_free (pixels.data);
}

/* Bars are drawn in a colour that is not the background's, and the space
 * above a bar is background; in both the light and the dark style */
static void
assert_draws_bars (Fixture    *fixture,
                   const char *screenshot_name,
                   gboolean    dark)
{
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t march;
  graphene_rect_t may;
  guint32 background;
  guint32 above_may;
  Pixels pixels;

  set_spring_points (fixture->chart);
  wait_for_frames (fixture);

  g_assert_true (rapport_reliability_chart_get_bar_bounds (fixture->chart, 0, &march));
  g_assert_true (rapport_reliability_chart_get_bar_bounds (fixture->chart, 2, &may));
  /* 80 % against 67 % of the same plot */
  g_assert_cmpfloat (march.size.height, >, may.size.height);
  g_assert_cmpfloat (march.origin.y + march.size.height, ==, may.origin.y + may.size.height);

  texture = render (fixture, screenshot_name);
  pixels = download (texture);
  background = chart_pixel (fixture, &pixels,
                            gtk_widget_get_width (GTK_WIDGET (fixture->chart)) - 1, 0);
  above_may = chart_pixel (fixture, &pixels,
                           may.origin.x + may.size.width / 2,
                           may.origin.y - may.size.height * 0.2);

  g_assert_cmpuint (above_may, ==, background);
  g_assert_cmpuint (chart_pixel (fixture, &pixels,
                                 march.origin.x + march.size.width / 2,
                                 march.origin.y + march.size.height / 2), !=, background);
  g_assert_cmpuint (chart_pixel (fixture, &pixels,
                                 may.origin.x + may.size.width / 2,
                                 may.origin.y + may.size.height / 2), !=, background);
  if (dark)
    g_assert_cmpfloat (luminance (background), <, 0.5);
  else
    g_assert_cmpfloat (luminance (background), >, 0.5);

  g_free (pixels.data);
}

static void
test_render_light (Fixture       *fixture,
                   gconstpointer  data)
{
  assert_draws_bars (fixture, "rapport-chart-light.png", FALSE);
}

static void
test_render_dark (Fixture       *fixture,
                  gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  assert_draws_bars (fixture, "rapport-chart-dark.png", TRUE);
}

static void
test_tooltip_names_month (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *july = NULL;

  set_many_points (fixture->chart, 12);
  wait_for_frames (fixture);
  texture = render (fixture, "rapport-chart-year.png");

  july = rapport_reliability_chart_dup_point_description (fixture->chart, 6);
  g_assert_cmpstr (july, ==, "July 2024: nothing decided");

  for (guint i = 0; i < 12; i++)
    {
      graphene_rect_t bar;

      g_assert_true (rapport_reliability_chart_get_bar_bounds (fixture->chart, i, &bar));
      g_assert_cmpint (rapport_reliability_chart_get_point_at (fixture->chart,
                                                               bar.origin.x + bar.size.width / 2,
                                                               bar.origin.y + bar.size.height / 2),
                       ==, i);
      /* Above the bar, in the same month's column */
      g_assert_cmpint (rapport_reliability_chart_get_point_at (fixture->chart,
                                                               bar.origin.x + 1, 1),
                       ==, i);
    }

  /* The guide labels on the left are no month */
  g_assert_cmpint (rapport_reliability_chart_get_point_at (fixture->chart, 1, 10), ==, -1);
}

static void
test_narrow_keeps_latest (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t bar;
  int minimum;
  int natural;

  set_many_points (fixture->chart, 60);
  gtk_widget_measure (GTK_WIDGET (fixture->chart), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (fixture->chart), GTK_ORIENTATION_VERTICAL, -1,
                      NULL, &natural, NULL, NULL);
  /* Fits a phone-sized window with room to spare (sizes include the 12 px
   * margins on each side) */
  g_assert_cmpint (minimum, <=, 200 + 24);
  g_assert_cmpint (natural, >=, 100 + 24);
  g_assert_cmpint (natural, <=, 140 + 24);

  wait_for_frames (fixture);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->chart)), <=, 336);
  /* Not every month of five years fits: the oldest make room */
  g_assert_false (rapport_reliability_chart_get_bar_bounds (fixture->chart, 0, &bar));
  g_assert_true (rapport_reliability_chart_get_bar_bounds (fixture->chart, 59, &bar));
  texture = render (fixture, "rapport-chart-narrow.png");
  g_assert_cmpfloat (bar.origin.x + bar.size.width, <=,
                     gtk_widget_get_width (GTK_WIDGET (fixture->chart)));
}

int
main (int   argc,
      char *argv[])
{
  /* English month names, and the same pixels on every machine */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_setenv ("GSK_RENDERER", "cairo", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/reliability-chart/points/count", Fixture, NULL,
              fixture_set_up, test_points_count, fixture_tear_down);
  g_test_add ("/reliability-chart/points/invalid-month-refused", Fixture, NULL,
              fixture_set_up, test_points_invalid_month_refused, fixture_tear_down);
  g_test_add ("/reliability-chart/description/reads-figures", Fixture, NULL,
              fixture_set_up, test_description_reads_figures, fixture_tear_down);
  g_test_add ("/reliability-chart/description/gap-is-not-zero", Fixture, NULL,
              fixture_set_up, test_description_gap_is_not_zero, fixture_tear_down);
  g_test_add ("/reliability-chart/description/edges-not-rounded-away", Fixture, NULL,
              fixture_set_up, test_description_edges_not_rounded_away, fixture_tear_down);
  g_test_add ("/reliability-chart/empty/says-so", Fixture, NULL,
              fixture_set_up, test_empty_says_so, fixture_tear_down);
  g_test_add ("/reliability-chart/render/draws-bars-light", Fixture, NULL,
              fixture_set_up, test_render_light, fixture_tear_down);
  g_test_add ("/reliability-chart/render/draws-bars-dark", Fixture, NULL,
              fixture_set_up, test_render_dark, fixture_tear_down);
  g_test_add ("/reliability-chart/tooltip/names-month", Fixture, NULL,
              fixture_set_up, test_tooltip_names_month, fixture_tear_down);
  g_test_add ("/reliability-chart/narrow/keeps-latest", Fixture, GINT_TO_POINTER (360),
              fixture_set_up, test_narrow_keeps_latest, fixture_tear_down);

  return g_test_run ();
}
