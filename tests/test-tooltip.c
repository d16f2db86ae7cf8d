/* test-tooltip.c: a tooltip is set without a round trip to the display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#ifdef HAVE_X11
#include <X11/Xlib.h>
#include <gdk/x11/gdkx.h>
#endif

#include "rapport-test-ui.h"
#include "rapport-tooltip.h"

typedef struct
{
  GtkWindow *window;
  GtkWidget *button;
  GtkWidget *entry;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->button = gtk_button_new_from_icon_name ("list-add-symbolic");
  fixture->entry = gtk_entry_new ();
  gtk_box_append (GTK_BOX (box), fixture->button);
  gtk_box_append (GTK_BOX (box), fixture->entry);
  gtk_window_set_child (fixture->window, box);
  gtk_window_present (fixture->window);
  while (!gtk_widget_get_mapped (fixture->button))
    g_main_context_iteration (NULL, TRUE);
  iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  iterate ();
}

#ifdef HAVE_X11
/* The serial of the next request to the X server: what was sent since */
static gulong
next_request (Fixture *fixture)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (fixture->window));

  return XNextRequest (gdk_x11_display_get_xdisplay (display));
}
#endif

static void
test_no_round_trip (Fixture       *fixture,
                    gconstpointer  data)
{
#ifdef HAVE_X11
  gulong before;

  if (!GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (fixture->window))))
    {
      g_test_skip ("Round trips are counted on X11");
      return;
    }

  /* The window gave the button the keyboard focus: the entry takes it,
   * so that the button's tooltip is set the quick way */
  gtk_widget_grab_focus (fixture->entry);
  iterate ();

  /* GTK's own way asks the X server where the pointer is (4.8 does) */
  before = next_request (fixture);
  gtk_widget_set_tooltip_text (fixture->entry, "Asked");
  if (next_request (fixture) == before)
    {
      g_test_skip ("This GTK does not ask where the pointer is for a tooltip");
      return;
    }

  before = next_request (fixture);
  _rapport_widget_set_tooltip_text (fixture->button, "New Client");
  g_assert_cmpuint (next_request (fixture), ==, before);
  _rapport_widget_set_tooltip_text (fixture->button, "New Commitment");
  g_assert_cmpuint (next_request (fixture), ==, before);

  /* A widget in no window yet, as in a view being made */
  {
    g_autoptr(GtkWidget) lone = g_object_ref_sink (gtk_button_new ());

    _rapport_widget_set_tooltip_text (lone, "Restore");
    g_assert_cmpuint (next_request (fixture), ==, before);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (lone), ==, "Restore");
    g_assert_true (gtk_widget_get_visible (lone));
  }
#else
  g_test_skip ("Built without X11");
#endif
}

static void
test_same_as_gtk (Fixture       *fixture,
                  gconstpointer  data)
{
  _rapport_widget_set_tooltip_text (fixture->button, "New Client");
  iterate ();

  g_assert_cmpstr (gtk_widget_get_tooltip_text (fixture->button), ==, "New Client");
  g_assert_true (gtk_widget_get_has_tooltip (fixture->button));
  g_assert_true (gtk_widget_get_visible (fixture->button));
  g_assert_true (gtk_widget_get_mapped (fixture->button));
  g_assert_cmpint (gtk_widget_get_width (fixture->button), >, 0);

  /* An empty tooltip is none, as in GTK */
  _rapport_widget_set_tooltip_text (fixture->button, "");
  g_assert_null (gtk_widget_get_tooltip_text (fixture->button));
  g_assert_false (gtk_widget_get_has_tooltip (fixture->button));
  _rapport_widget_set_tooltip_text (fixture->button, "Back");
  _rapport_widget_set_tooltip_text (fixture->button, NULL);
  g_assert_null (gtk_widget_get_tooltip_text (fixture->button));
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_unchanged_is_left (Fixture       *fixture,
                        gconstpointer  data)
{
  guint visible = 0, tooltip = 0;

  _rapport_widget_set_tooltip_text (fixture->button, "Record Lesson");
  g_signal_connect (fixture->button, "notify::visible", G_CALLBACK (count_cb), &visible);
  g_signal_connect (fixture->button, "notify::tooltip-text", G_CALLBACK (count_cb), &tooltip);

  _rapport_widget_set_tooltip_text (fixture->button, "Record Lesson");
  g_assert_cmpuint (visible, ==, 0);
  g_assert_cmpuint (tooltip, ==, 0);

  _rapport_widget_set_tooltip_text (fixture->button, "Record Feedback");
  g_assert_cmpuint (tooltip, ==, 1);

  g_signal_handlers_disconnect_by_data (fixture->button, &visible);
  g_signal_handlers_disconnect_by_data (fixture->button, &tooltip);
}

/* Whether the keyboard focus is on @widget or inside it */
static gboolean
focus_within (Fixture   *fixture,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (fixture->window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Hiding a widget takes the keyboard focus away from it in newer GTK
 * (4.8 keeps it): a widget that holds the focus is never hidden */
static void
test_focus_kept (Fixture       *fixture,
                 gconstpointer  data)
{
  guint visible = 0;

  gtk_widget_grab_focus (fixture->entry);
  iterate ();
  g_assert_true (focus_within (fixture, fixture->entry));
  g_signal_connect (fixture->entry, "notify::visible", G_CALLBACK (count_cb), &visible);
  g_signal_connect (fixture->button, "notify::visible", G_CALLBACK (count_cb), &visible);

  _rapport_widget_set_tooltip_text (fixture->entry, "Write the date as YYYY-MM-DD");
  iterate ();
  g_assert_cmpstr (gtk_widget_get_tooltip_text (fixture->entry), ==,
                   "Write the date as YYYY-MM-DD");
  g_assert_true (focus_within (fixture, fixture->entry));
  g_assert_cmpuint (visible, ==, 0);

  gtk_widget_grab_focus (fixture->button);
  iterate ();
  _rapport_widget_set_tooltip_text (fixture->button, "New Client");
  iterate ();
  g_assert_cmpstr (gtk_widget_get_tooltip_text (fixture->button), ==, "New Client");
  g_assert_true (focus_within (fixture, fixture->button));
  g_assert_cmpuint (visible, ==, 0);

  g_signal_handlers_disconnect_by_data (fixture->entry, &visible);
  g_signal_handlers_disconnect_by_data (fixture->button, &visible);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/tooltip/no-round-trip", Fixture, NULL,
              fixture_set_up, test_no_round_trip, fixture_tear_down);
  g_test_add ("/tooltip/same-as-gtk", Fixture, NULL,
              fixture_set_up, test_same_as_gtk, fixture_tear_down);
  g_test_add ("/tooltip/unchanged-is-left", Fixture, NULL,
              fixture_set_up, test_unchanged_is_left, fixture_tear_down);
  g_test_add ("/tooltip/focus-kept", Fixture, NULL,
              fixture_set_up, test_focus_kept, fixture_tear_down);

  return g_test_run ();
}
