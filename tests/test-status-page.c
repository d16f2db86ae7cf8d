/* test-status-page.c: the status page shows what it is given, centred, cheaply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <gtk/gtk.h>

#include "rapport-status-page.h"
#include "rapport-test-ui.h"

#define LONG_DESCRIPTION \
  "Start with your first client: then note what you promise them, what " \
  "they tell you and what you learn, and come back here to see it all."

/* A child that wraps like a label, and counts the times it is asked for
 * its width at a given height: what GTK 4.8 asks of a widget aligned
 * otherwise than "fill", and what costs a box of wrapping labels a dozen
 * layouts each time */
typedef struct
{
  GtkWidget parent_instance;
  guint     width_for_height_queries;
} CountingChild;

typedef GtkWidgetClass CountingChildClass;

static GType counting_child_get_type (void);
G_DEFINE_TYPE (CountingChild, counting_child, GTK_TYPE_WIDGET)

static GtkSizeRequestMode
counting_child_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
counting_child_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  CountingChild *self = (CountingChild *)widget;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      if (for_size >= 0)
        self->width_for_height_queries++;
      *minimum = 100;
      *natural = 300;
    }
  else
    {
      /* 2000 px of text in lines as wide as it is given */
      int width = MAX (for_size, 100);

      *minimum = *natural = 20 * ((2000 + width - 1) / width);
    }
}

static void
counting_child_class_init (CountingChildClass *klass)
{
  klass->get_request_mode = counting_child_get_request_mode;
  klass->measure = counting_child_measure;
}

static void
counting_child_init (CountingChild *self)
{
}

static GtkWindow *
show_in_window (GtkWidget *page,
                int        width,
                int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (page) || gtk_widget_get_height (page) == 0)
    g_main_context_iteration (NULL, TRUE);
  iterate ();
  return window;
}

static void
test_parts_follow_properties (void)
{
  RapportStatusPage *page = RAPPORT_STATUS_PAGE (g_object_ref_sink (rapport_status_page_new ()));
  GtkWidget *title, *description, *button;
  g_autofree char *read_title = NULL;

  /* What is not set is not shown */
  g_assert_null (rapport_status_page_get_icon_name (page));
  g_assert_cmpstr (rapport_status_page_get_title (page), ==, "");
  g_assert_null (find_widget (GTK_WIDGET (page), is_label_with_text, "Welcome to Rapport"));

  rapport_status_page_set_icon_name (page, "system-users-symbolic");
  rapport_status_page_set_title (page, "Welcome to Rapport");
  rapport_status_page_set_description (page, "Notes &amp; <b>promises</b>");
  g_object_get (page, "title", &read_title, NULL);
  g_assert_cmpstr (read_title, ==, "Welcome to Rapport");
  g_assert_cmpstr (rapport_status_page_get_icon_name (page), ==, "system-users-symbolic");

  title = find_widget (GTK_WIDGET (page), is_label_with_text, "Welcome to Rapport");
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_get_visible (title));
  /* The description is markup, as AdwStatusPage's */
  g_assert_cmpstr (rapport_status_page_get_description (page), ==, "Notes &amp; <b>promises</b>");
  description = find_widget (GTK_WIDGET (page), is_label_with_text, "Notes & promises");
  g_assert_nonnull (description);
  g_assert_true (gtk_widget_get_visible (description));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (description)), ==, "Notes & promises");

  /* Unset again, hidden again */
  rapport_status_page_set_description (page, NULL);
  g_assert_false (gtk_widget_get_visible (description));
  g_assert_cmpstr (rapport_status_page_get_description (page), ==, "");

  /* The child comes below the rest, and a new one replaces it */
  button = gtk_button_new_with_label ("Add a Client");
  rapport_status_page_set_child (page, button);
  g_assert_true (rapport_status_page_get_child (page) == button);
  g_assert_true (gtk_widget_is_ancestor (button, GTK_WIDGET (page)));
  g_object_ref (button);
  rapport_status_page_set_child (page, NULL);
  g_assert_null (gtk_widget_get_parent (button));
  g_assert_null (rapport_status_page_get_child (page));
  g_object_unref (button);

  g_object_unref (page);
}

static void
test_built_from_ui (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  const char *ui =
    "<interface>"
    "  <object class=\"RapportStatusPage\" id=\"page\">"
    "    <property name=\"icon-name\">user-trash-symbolic</property>"
    "    <property name=\"title\">Trash Is Empty</property>"
    "    <property name=\"description\">What you delete comes here first.</property>"
    "    <property name=\"child\">"
    "      <object class=\"GtkButton\" id=\"button\"/>"
    "    </property>"
    "  </object>"
    "</interface>";
  RapportStatusPage *page;

  g_type_ensure (RAPPORT_TYPE_STATUS_PAGE);
  g_assert_true (gtk_builder_add_from_string (builder, ui, -1, &error));
  g_assert_no_error (error);
  page = RAPPORT_STATUS_PAGE (gtk_builder_get_object (builder, "page"));
  g_object_ref_sink (page);
  g_assert_cmpstr (rapport_status_page_get_title (page), ==, "Trash Is Empty");
  g_assert_cmpstr (rapport_status_page_get_icon_name (page), ==, "user-trash-symbolic");
  g_assert_true (rapport_status_page_get_child (page) ==
                 GTK_WIDGET (gtk_builder_get_object (builder, "button")));
  g_object_unref (page);
}

/* In a tall window the content sits in the middle; nothing in it is asked
 * for its width at a height */
static void
test_centred_without_width_for_height (void)
{
  GtkWidget *page = rapport_status_page_new ();
  CountingChild *child = g_object_new (counting_child_get_type (), NULL);
  GtkWindow *window;
  GtkWidget *title;
  graphene_rect_t title_bounds, child_bounds;
  double above, below;

  rapport_status_page_set_icon_name (RAPPORT_STATUS_PAGE (page), "system-users-symbolic");
  rapport_status_page_set_title (RAPPORT_STATUS_PAGE (page), "Welcome to Rapport");
  rapport_status_page_set_description (RAPPORT_STATUS_PAGE (page), LONG_DESCRIPTION);
  rapport_status_page_set_child (RAPPORT_STATUS_PAGE (page), GTK_WIDGET (child));
  /* Within the 800 px high screens of CI's Xvfb */
  window = show_in_window (page, 640, 720);

  g_assert_cmpuint (child->width_for_height_queries, ==, 0);

  /* The space above the icon and below the child are the same, and more
   * than the page's margin of 36 px */
  title = find_widget (page, is_label_with_text, "Welcome to Rapport");
  g_assert_true (gtk_widget_compute_bounds (title, page, &title_bounds));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (child), page, &child_bounds));
  above = title_bounds.origin.y - (128 + 36);
  below = gtk_widget_get_height (page) - (child_bounds.origin.y + child_bounds.size.height);
  g_assert_cmpfloat (above, >, 36 + 40);
  g_assert_cmpfloat (ABS (above - below), <=, 2);

  /* Resized, it is laid out again the same way */
  gtk_window_set_default_size (window, 420, 700);
  iterate ();
  wait_ms (50);
  g_assert_cmpuint (child->width_for_height_queries, ==, 0);

  gtk_window_destroy (window);
}

/* In a window too short for it, the page scrolls rather than grows */
static void
test_scrolls_when_short (void)
{
  GtkWidget *page = rapport_status_page_new ();
  GtkWindow *window;
  GtkWidget *scrolled;
  GtkAdjustment *vadjustment;

  rapport_status_page_set_icon_name (RAPPORT_STATUS_PAGE (page), "system-users-symbolic");
  rapport_status_page_set_title (RAPPORT_STATUS_PAGE (page), "Welcome to Rapport");
  rapport_status_page_set_description (RAPPORT_STATUS_PAGE (page), LONG_DESCRIPTION);
  window = show_in_window (page, 360, 200);

  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <, 300);
  scrolled = gtk_widget_get_first_child (page);
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scrolled));
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >,
                     gtk_adjustment_get_page_size (vadjustment));

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/status-page/parts-follow-properties", test_parts_follow_properties);
  g_test_add_func ("/status-page/built-from-ui", test_built_from_ui);
  g_test_add_func ("/status-page/centred-without-width-for-height",
                   test_centred_without_width_for_height);
  g_test_add_func ("/status-page/scrolls-when-short", test_scrolls_when_short);

  return g_test_run ();
}
