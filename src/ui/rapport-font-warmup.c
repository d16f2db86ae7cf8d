/* rapport-font-warmup.c: the interface's glyphs drawn once in a thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first time a glyph is drawn in a style (a face at a size), FreeType
 * loads, hints and rasterizes it, and cairo keeps the result in the
 * style's scaled font. For a TrueType font with hinting instructions the
 * first frame of the main window spent a quarter of its time there
 * (bench/README.md): each switch between sizes of one face runs the
 * font's size program again.
 *
 * cairo shares a scaled font between every caller, in any thread, that
 * asks for the same face, size and options. So while the main thread
 * builds the window, a thread draws a sample of the letters the
 * interface shows in each text style of the overview, and the window's
 * first frame finds the glyphs ready. The styles are read off labels
 * styled as the overview's are, so they match GTK's to the rounding of
 * the size, whatever the stylesheet; tests/test-font-warmup.c checks
 * that every label the overview shows is in one of them.
 *
 * The warm-up keeps the scaled fonts it drew alive until it is freed, so
 * their glyphs stay cached.
 */
#define G_LOG_DOMAIN "rapport-font-warmup"

#include "config.h"

#include <pango/pangocairo.h>

#include "rapport-font-warmup.h"

/* Letters, digits and signs of English and Spanish text */
static const char text_sample[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 "
  ".,:;!?¡¿'\"()/-–—%+·…&€$ ÁÉÍÓÚÜÑáéíóúüñ";

/* Figures: counts and percentages, in either language's format */
static const char figure_sample[] = "0123456789 .,% —";

/* The styles of the overview's labels besides plain labels, rows'
 * subtitles and buttons (style.css, the .ui files, libadwaita's rows,
 * groups and status pages), with what they show */
static const struct
{
  const char *css_class;
  const char *sample;
} styled[] = {
  { "heading", text_sample },
  { "body", text_sample },
  { "title-1", text_sample },
  { "caption", text_sample },
  { "caption-heading", text_sample },
  { "title-3", figure_sample },
  { "reliability-figure", figure_sample },
};

struct _RapportFontWarmup
{
  GThread              *thread;
  GPtrArray            *descriptions; /* PangoFontDescription */
  GPtrArray            *samples;      /* const char *, one per description */
  cairo_font_options_t *options;
  double                resolution;
  gboolean              round_positions;
  PangoLanguage        *language;
  GPtrArray            *scaled_fonts; /* cairo_scaled_font_t, filled by the thread */
};

/* Adds the style of @label, with the text to draw in it, unless already
 * there */
static void
add_style_of (RapportFontWarmup *self,
              GtkWidget         *label,
              const char        *sample)
{
  PangoContext *context = gtk_widget_get_pango_context (label);
  const PangoFontDescription *description = pango_context_get_font_description (context);

  for (guint i = 0; i < self->descriptions->len; i++)
    if (pango_font_description_equal (g_ptr_array_index (self->descriptions, i), description))
      return;

  g_ptr_array_add (self->descriptions, pango_font_description_copy (description));
  g_ptr_array_add (self->samples, (gpointer) sample);
}

/* The styles, as GTK computes them for labels styled as the window's */
static void
read_styles (RapportFontWarmup *self)
{
  g_autoptr(GtkWidget) plain = g_object_ref_sink (gtk_label_new (NULL));
  g_autoptr(GtkWidget) row = g_object_ref_sink (gtk_list_box_row_new ());
  g_autoptr(GtkWidget) button = g_object_ref_sink (gtk_button_new_with_label (""));
  PangoContext *context = gtk_widget_get_pango_context (plain);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  GtkWidget *subtitle;

  /* What every label shares */
  self->options = options != NULL ? cairo_font_options_copy (options) : cairo_font_options_create ();
  self->resolution = pango_cairo_context_get_resolution (context);
  self->round_positions = pango_context_get_round_glyph_positions (context);
  self->language = pango_context_get_language (context);

  add_style_of (self, plain, text_sample);
  for (guint i = 0; i < G_N_ELEMENTS (styled); i++)
    {
      g_autoptr(GtkWidget) label = g_object_ref_sink (gtk_label_new (NULL));

      gtk_widget_add_css_class (label, styled[i].css_class);
      add_style_of (self, label, styled[i].sample);
    }

  /* A row's subtitle: smaller */
  subtitle = gtk_label_new (NULL);
  gtk_widget_add_css_class (subtitle, "subtitle");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), subtitle);
  add_style_of (self, subtitle, text_sample);

  /* A button's label: bold, as a header bar's title */
  add_style_of (self, gtk_button_get_child (GTK_BUTTON (button)), text_sample);
}

static gpointer
warm_up (gpointer data)
{
  RapportFontWarmup *self = data;
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (font_map);
  g_autoptr(PangoLayout) layout = NULL;

  pango_cairo_context_set_font_options (context, self->options);
  pango_cairo_context_set_resolution (context, self->resolution);
  pango_context_set_round_glyph_positions (context, self->round_positions);
  pango_context_set_language (context, self->language);
  layout = pango_layout_new (context);
  g_object_unref (context);

  for (guint i = 0; i < self->descriptions->len; i++)
    {
      PangoLayoutIter *iter;
      cairo_surface_t *surface;
      cairo_t *cr;
      int width, height;

      pango_layout_set_text (layout, g_ptr_array_index (self->samples, i), -1);
      pango_layout_set_font_description (layout, g_ptr_array_index (self->descriptions, i));

      /* Glyphs outside the surface would not be drawn */
      pango_layout_get_pixel_size (layout, &width, &height);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 1), MAX (height, 1));
      cr = cairo_create (surface);
      pango_cairo_show_layout (cr, layout);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);

      iter = pango_layout_get_iter (layout);
      do
        {
          PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
          cairo_scaled_font_t *scaled_font;

          if (run == NULL)
            continue;
          scaled_font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));
          if (scaled_font != NULL && !g_ptr_array_find (self->scaled_fonts, scaled_font, NULL))
            g_ptr_array_add (self->scaled_fonts, cairo_scaled_font_reference (scaled_font));
        }
      while (pango_layout_iter_next_run (iter));
      pango_layout_iter_free (iter);
    }

  return NULL;
}

/**
 * rapport_font_warmup_start:
 *
 * Starts drawing the interface's glyphs in a thread. Call it on the main
 * thread before building the main window.
 *
 * Returns: (transfer full): the warm-up, to free at shutdown
 */
RapportFontWarmup *
rapport_font_warmup_start (void)
{
  RapportFontWarmup *self = g_new0 (RapportFontWarmup, 1);

  self->descriptions = g_ptr_array_new_with_free_func ((GDestroyNotify) pango_font_description_free);
  self->samples = g_ptr_array_new ();
  self->scaled_fonts = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_scaled_font_destroy);
  read_styles (self);
  /* Not a GTask: those run at a lower priority (rapport-background.c),
   * and this must be done before the first frame */
  self->thread = g_thread_new ("rapport-font-warmup", warm_up, self);

  return self;
}

/**
 * rapport_font_warmup_join:
 * @warmup: a #RapportFontWarmup
 *
 * Waits for the thread to finish.
 *
 * Returns: (transfer none) (element-type cairo_scaled_font_t): the scaled
 *   fonts it drew
 */
GPtrArray *
rapport_font_warmup_join (RapportFontWarmup *warmup)
{
  g_return_val_if_fail (warmup != NULL, NULL);

  if (warmup->thread != NULL)
    g_thread_join (g_steal_pointer (&warmup->thread));

  return warmup->scaled_fonts;
}

/**
 * rapport_font_warmup_free:
 * @warmup: a #RapportFontWarmup
 *
 * Waits for the thread to finish and frees @warmup.
 */
void
rapport_font_warmup_free (RapportFontWarmup *warmup)
{
  if (warmup == NULL)
    return;

  rapport_font_warmup_join (warmup);
  g_ptr_array_unref (warmup->scaled_fonts);
  g_ptr_array_unref (warmup->descriptions);
  g_ptr_array_unref (warmup->samples);
  cairo_font_options_destroy (warmup->options);
  g_free (warmup);
}
