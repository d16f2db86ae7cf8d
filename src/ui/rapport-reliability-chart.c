/* rapport-reliability-chart.c: how reliably promises were kept, month by month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One bar per month, as tall as the share of decided commitments (kept,
 * late or dropped) that were kept. A month with nothing decided has no
 * figure at all, so it gets a hollow marker instead of a bar: an empty
 * month is not a bad month. Faint guides mark 50 % and 100 %. When the
 * widget is narrow, the most recent months that fit are drawn and only
 * every few months are labelled. Colours come from the theme, so the chart
 * follows the light and dark styles. Screen readers get every figure in
 * words, and the same words show in each month's tooltip.
 */
#define G_LOG_DOMAIN "rapport-reliability-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rapport-date-format.h"
#include "rapport-reliability-chart.h"

/* Narrowest column a month can have and still be told apart */
#define MIN_SLOT_WIDTH      12
#define NATURAL_SLOT_WIDTH  36
#define MAX_BAR_WIDTH       24
#define BAR_RADIUS          3.0
#define GUTTER_SPACING      6
#define LABEL_SPACING       4
#define LABEL_GAP           6
#define MIN_PLOT_HEIGHT     48
#define NATURAL_HEIGHT      120
#define GAP_MARKER_DIAMETER 7.0

/* Opacities from libadwaita: dim labels, borders and faint separators */
#define DIM_ALPHA      0.55f
#define BASELINE_ALPHA 0.30f
#define GUIDE_ALPHA    0.12f
#define MARKER_ALPHA   0.45f

typedef struct
{
  GDate  month;
  guint  kept;
  guint  late;
  guint  dropped;
  char  *short_name;
  char  *long_name;
} ChartPoint;

/* Where things go for a given size; see compute_geometry() */
typedef struct
{
  int    gutter;
  int    label_height;
  double plot_x;
  double plot_top;
  double plot_bottom;
  double slot_width;
  double bar_width;
  guint  first;
  guint  n_visible;
  guint  label_step;
} ChartGeometry;

struct _RapportReliabilityChart
{
  GtkWidget  parent_instance;

  /* Owned references */
  GArray    *points;
  /* Whether points were given: until then there is nothing to say */
  gboolean   has_points;
};

enum {
  PROP_0,
  PROP_N_POINTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RapportReliabilityChart, rapport_reliability_chart, GTK_TYPE_WIDGET)

static void
chart_point_clear (gpointer data)
{
  ChartPoint *point = data;

  g_clear_pointer (&point->short_name, g_free);
  g_clear_pointer (&point->long_name, g_free);
}

static int
chart_point_compare (gconstpointer a,
                     gconstpointer b)
{
  const ChartPoint *point_a = a;
  const ChartPoint *point_b = b;

  return g_date_compare (&point_a->month, &point_b->month);
}

static guint
chart_point_decided (const ChartPoint *point)
{
  return point->kept + point->late + point->dropped;
}

/* Rounded to the nearest whole percent, halves up; but 100 % only when
 * every one was kept and 0 % only when none was, as the figure above the
 * chart: 199 of 200 is not a month without a broken promise */
static guint
chart_point_percent (const ChartPoint *point)
{
  guint64 decided = chart_point_decided (point);
  guint percent;

  g_assert (decided > 0);
  percent = (guint) ((point->kept * (guint64) 200 + decided) / (decided * 2));
  if (point->kept < decided)
    percent = MIN (percent, 99);
  if (point->kept > 0)
    percent = MAX (percent, 1);

  return percent;
}

static char *
format_percent (guint percent)
{
  /* Translators: a percentage; use your language's spacing and sign */
  return g_strdup_printf (C_("percentage", "%u %%"), percent);
}

static char *
describe_point (const ChartPoint *point)
{
  guint decided = chart_point_decided (point);
  g_autofree char *percent = NULL;

  if (decided == 0)
    {
      /* Translators: %s is a month and year, such as “April 2026” */
      return g_strdup_printf (_("%s: nothing decided"), point->long_name);
    }

  percent = format_percent (chart_point_percent (point));
  /* Translators: “March 2026: 4 of 5 kept (80 %)”: a month, the commitments
   * delivered on time, the commitments decided that month (kept, late or
   * dropped) and the percentage kept
   */
  return g_strdup_printf (ngettext ("%s: %u of %u kept (%s)",
                                    "%s: %u of %u kept (%s)",
                                    decided),
                          point->long_name, point->kept, decided, percent);
}

static char *
describe_points (RapportReliabilityChart *self)
{
  g_autoptr(GString) text = NULL;

  if (!self->has_points)
    return g_strdup ("");

  if (self->points->len == 0)
    return g_strdup (_("No commitments decided yet"));

  text = g_string_new (NULL);
  for (guint i = 0; i < self->points->len; i++)
    {
      g_autofree char *words = describe_point (&g_array_index (self->points, ChartPoint, i));

      if (i > 0)
        {
          /* Translators: separates the months in the chart's spoken description */
          g_string_append (text, C_("list separator", "; "));
        }
      g_string_append (text, words);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_accessible_description (RapportReliabilityChart *self)
{
  g_autofree char *description = describe_points (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Small, with figures of equal width, like libadwaita's caption style */
static PangoLayout *
create_small_layout (RapportReliabilityChart *self,
                     const char              *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);

  return layout;
}

static void
measure_guide_label (RapportReliabilityChart *self,
                     int                     *width,
                     int                     *height)
{
  g_autofree char *text = format_percent (100);
  g_autoptr(PangoLayout) layout = create_small_layout (self, text);

  pango_layout_get_pixel_size (layout, width, height);
}

static int
measure_widest_month (RapportReliabilityChart *self)
{
  int widest = 0;

  for (guint i = 0; i < self->points->len; i++)
    {
      const ChartPoint *point = &g_array_index (self->points, ChartPoint, i);
      g_autoptr(PangoLayout) layout = create_small_layout (self, point->short_name);
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }

  return widest;
}

static void
compute_geometry (RapportReliabilityChart *self,
                  int                      width,
                  int                      height,
                  ChartGeometry           *geometry)
{
  guint n_points = self->points->len;
  int guide_width;
  int plot_width;

  g_assert (n_points > 0);

  measure_guide_label (self, &guide_width, &geometry->label_height);
  geometry->gutter = guide_width + GUTTER_SPACING;

  /* Half a label above the 100 % guide, whose label is centred on it */
  geometry->plot_top = ceil (geometry->label_height / 2.0);
  geometry->plot_bottom = MAX (geometry->plot_top,
                               height - geometry->label_height - LABEL_SPACING);
  geometry->plot_x = geometry->gutter;

  plot_width = MAX (0, width - geometry->gutter);
  geometry->n_visible = CLAMP ((guint) (plot_width / MIN_SLOT_WIDTH), 1, n_points);
  geometry->first = n_points - geometry->n_visible;
  geometry->slot_width = (double) plot_width / geometry->n_visible;
  geometry->bar_width = MAX (2.0, MIN (floor (geometry->slot_width * 0.6), MAX_BAR_WIDTH));

  if (geometry->slot_width > 0)
    {
      double needed = measure_widest_month (self) + LABEL_GAP;

      geometry->label_step = MAX (1, (guint) ceil (needed / geometry->slot_width));
    }
  else
    {
      geometry->label_step = n_points;
    }
}

static double
slot_x (const ChartGeometry *geometry,
        guint                position)
{
  return geometry->plot_x + (position - geometry->first) * geometry->slot_width;
}

static void
bar_bounds (const ChartGeometry *geometry,
            const ChartPoint    *point,
            guint                position,
            graphene_rect_t     *bounds)
{
  double x = round (slot_x (geometry, position) + (geometry->slot_width - geometry->bar_width) / 2);
  double plot_height = geometry->plot_bottom - geometry->plot_top;
  guint decided = chart_point_decided (point);

  if (decided == 0)
    {
      double centre = x + geometry->bar_width / 2;
      double diameter = MIN (GAP_MARKER_DIAMETER, geometry->bar_width);

      graphene_rect_init (bounds,
                          centre - diameter / 2,
                          geometry->plot_bottom - diameter - 2,
                          diameter, diameter);
    }
  else
    {
      /* 0 % still gets a sliver: it is a figure, unlike a gap */
      double height = MAX (2.0, round (plot_height * point->kept / decided));

      graphene_rect_init (bounds, x, geometry->plot_bottom - height,
                          geometry->bar_width, height);
    }
}

static void
get_colors (RapportReliabilityChart *self,
            GdkRGBA                 *foreground,
            GdkRGBA                 *accent)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, foreground);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", accent) &&
      !gtk_style_context_lookup_color (context, "theme_selected_bg_color", accent))
    *accent = *foreground;
}

static void
append_rounded_top_bar (cairo_t               *cr,
                        const graphene_rect_t *rect)
{
  double radius = MIN (BAR_RADIUS, MIN (rect->size.width, rect->size.height) / 2);
  double x = rect->origin.x;
  double y = rect->origin.y;
  double width = rect->size.width;
  double height = rect->size.height;

  cairo_new_sub_path (cr);
  cairo_move_to (cr, x, y + height);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_arc (cr, x + width - radius, y + radius, radius, 3 * G_PI / 2, 2 * G_PI);
  cairo_line_to (cr, x + width, y + height);
  cairo_close_path (cr);
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_empty (RapportReliabilityChart *self,
                GtkSnapshot             *snapshot,
                const GdkRGBA           *dim)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autoptr(PangoLayout) layout = NULL;
  int text_height;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), _("No commitments decided yet"));
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, NULL, &text_height);

  append_text (snapshot, layout, 0, floor ((height - text_height) / 2.0), dim);
}

static void
snapshot_guides (RapportReliabilityChart *self,
                 GtkSnapshot             *snapshot,
                 cairo_t                 *cr,
                 const ChartGeometry     *geometry,
                 const GdkRGBA           *foreground)
{
  static const guint guides[] = { 50, 100 };
  double plot_height = geometry->plot_bottom - geometry->plot_top;
  double right = slot_x (geometry, geometry->first + geometry->n_visible);
  GdkRGBA dim = *foreground;

  dim.alpha *= DIM_ALPHA;
  cairo_set_line_width (cr, 1.0);

  for (guint i = 0; i < G_N_ELEMENTS (guides); i++)
    {
      double y = floor (geometry->plot_bottom - plot_height * guides[i] / 100) + 0.5;
      g_autofree char *text = format_percent (guides[i]);
      g_autoptr(PangoLayout) layout = create_small_layout (self, text);
      int text_width;

      cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue,
                             foreground->alpha * GUIDE_ALPHA);
      cairo_move_to (cr, geometry->plot_x, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &text_width, NULL);
      append_text (snapshot, layout, geometry->gutter - GUTTER_SPACING - text_width,
                   floor (y - geometry->label_height / 2.0), &dim);
    }

  cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue,
                         foreground->alpha * BASELINE_ALPHA);
  cairo_move_to (cr, geometry->plot_x, geometry->plot_bottom + 0.5);
  cairo_line_to (cr, right, geometry->plot_bottom + 0.5);
  cairo_stroke (cr);
}

static void
snapshot_bars (RapportReliabilityChart *self,
               cairo_t                 *cr,
               const ChartGeometry     *geometry,
               const GdkRGBA           *foreground,
               const GdkRGBA           *accent)
{
  for (guint i = geometry->first; i < self->points->len; i++)
    {
      const ChartPoint *point = &g_array_index (self->points, ChartPoint, i);
      graphene_rect_t bounds;

      bar_bounds (geometry, point, i, &bounds);

      if (chart_point_decided (point) == 0)
        {
          cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue,
                                 foreground->alpha * MARKER_ALPHA);
          cairo_set_line_width (cr, 1.5);
          cairo_new_sub_path (cr);
          cairo_arc (cr,
                     bounds.origin.x + bounds.size.width / 2,
                     bounds.origin.y + bounds.size.height / 2,
                     (bounds.size.width - 1.5) / 2, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
      else
        {
          gdk_cairo_set_source_rgba (cr, accent);
          append_rounded_top_bar (cr, &bounds);
          cairo_fill (cr);
        }
    }
}

static void
snapshot_month_labels (RapportReliabilityChart *self,
                       GtkSnapshot             *snapshot,
                       const ChartGeometry     *geometry,
                       const GdkRGBA           *foreground)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  guint last = self->points->len - 1;
  GdkRGBA dim = *foreground;

  dim.alpha *= DIM_ALPHA;

  /* Counted back from the latest month, which is always labelled */
  for (guint i = geometry->first; i < self->points->len; i++)
    {
      const ChartPoint *point = &g_array_index (self->points, ChartPoint, i);
      g_autoptr(PangoLayout) layout = NULL;
      int text_width;
      double x;

      if ((last - i) % geometry->label_step != 0)
        continue;

      layout = create_small_layout (self, point->short_name);
      pango_layout_get_pixel_size (layout, &text_width, NULL);
      x = slot_x (geometry, i) + (geometry->slot_width - text_width) / 2;
      x = CLAMP (x, 0, MAX (0, width - text_width));
      append_text (snapshot, layout, round (x), geometry->plot_bottom + LABEL_SPACING, &dim);
    }
}

/* GtkWidget overrides */

static GtkSizeRequestMode
rapport_reliability_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
rapport_reliability_chart_measure (GtkWidget      *widget,
                                   GtkOrientation  orientation,
                                   int             for_size,
                                   int            *minimum,
                                   int            *natural,
                                   int            *minimum_baseline,
                                   int            *natural_baseline)
{
  RapportReliabilityChart *self = RAPPORT_RELIABILITY_CHART (widget);
  int guide_width;
  int label_height;

  measure_guide_label (self, &guide_width, &label_height);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = label_height + LABEL_SPACING + MIN_PLOT_HEIGHT;
      *natural = MAX (*minimum, NATURAL_HEIGHT);
    }
  else if (self->points->len == 0)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int text_width;

      layout = gtk_widget_create_pango_layout (widget, _("No commitments decided yet"));
      pango_layout_get_pixel_size (layout, &text_width, NULL);
      /* The message wraps when it must */
      *minimum = MIN (text_width, 120);
      *natural = text_width;
    }
  else
    {
      int gutter = guide_width + GUTTER_SPACING;
      int slot = MAX (NATURAL_SLOT_WIDTH, measure_widest_month (self) + LABEL_GAP);

      /* Older months are left out when narrow, but show at least a few */
      *minimum = gutter + MIN (self->points->len, 6) * MIN_SLOT_WIDTH;
      *natural = gutter + self->points->len * slot;
    }
}

static void
rapport_reliability_chart_snapshot (GtkWidget   *widget,
                                    GtkSnapshot *snapshot)
{
  RapportReliabilityChart *self = RAPPORT_RELIABILITY_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  ChartGeometry geometry;
  GdkRGBA foreground;
  GdkRGBA accent;
  cairo_t *cr;

  /* Not "no commitments decided" while they are being counted */
  if (width <= 0 || height <= 0 || !self->has_points)
    return;

  get_colors (self, &foreground, &accent);

  if (self->points->len == 0)
    {
      GdkRGBA dim = foreground;

      dim.alpha *= DIM_ALPHA;
      snapshot_empty (self, snapshot, &dim);
      return;
    }

  compute_geometry (self, width, height, &geometry);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  snapshot_guides (self, snapshot, cr, &geometry, &foreground);
  snapshot_bars (self, cr, &geometry, &foreground, &accent);
  cairo_destroy (cr);

  snapshot_month_labels (self, snapshot, &geometry, &foreground);
}

static gboolean
rapport_reliability_chart_query_tooltip (GtkWidget  *widget,
                                         int         x,
                                         int         y,
                                         gboolean    keyboard_tooltip,
                                         GtkTooltip *tooltip)
{
  RapportReliabilityChart *self = RAPPORT_RELIABILITY_CHART (widget);
  g_autofree char *text = NULL;
  ChartGeometry geometry;
  int position;

  /* From the keyboard, the latest month is the one worth telling */
  if (keyboard_tooltip)
    position = (int) self->points->len - 1;
  else
    position = rapport_reliability_chart_get_point_at (self, x, y);

  if (position < 0)
    return FALSE;

  compute_geometry (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                    &geometry);
  text = rapport_reliability_chart_dup_point_description (self, position);
  gtk_tooltip_set_text (tooltip, text);
  /* The tooltip follows the pointer from one month to the next */
  gtk_tooltip_set_tip_area (tooltip,
                            &(GdkRectangle) {
                              .x = (int) floor (slot_x (&geometry, position)),
                              .y = 0,
                              .width = (int) ceil (geometry.slot_width),
                              .height = gtk_widget_get_height (widget),
                            });

  return TRUE;
}

/* GObject overrides */

static void
rapport_reliability_chart_finalize (GObject *object)
{
  RapportReliabilityChart *self = RAPPORT_RELIABILITY_CHART (object);

  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (rapport_reliability_chart_parent_class)->finalize (object);
}

static void
rapport_reliability_chart_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RapportReliabilityChart *self = RAPPORT_RELIABILITY_CHART (object);

  switch (prop_id)
    {
    case PROP_N_POINTS:
      g_value_set_uint (value, self->points->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_reliability_chart_class_init (RapportReliabilityChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_reliability_chart_finalize;
  object_class->get_property = rapport_reliability_chart_get_property;

  widget_class->get_request_mode = rapport_reliability_chart_get_request_mode;
  widget_class->measure = rapport_reliability_chart_measure;
  widget_class->snapshot = rapport_reliability_chart_snapshot;
  widget_class->query_tooltip = rapport_reliability_chart_query_tooltip;

  /**
   * RapportReliabilityChart:n-points:
   *
   * How many months the chart holds, drawn or not.
   */
  properties[PROP_N_POINTS] =
    g_param_spec_uint ("n-points", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "reliabilitychart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rapport_reliability_chart_init (RapportReliabilityChart *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (ChartPoint));
  g_array_set_clear_func (self->points, chart_point_clear);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Commitments kept on time, by month"),
                                  -1);
  update_accessible_description (self);
}

/* API */

GtkWidget *
rapport_reliability_chart_new (void)
{
  return g_object_new (RAPPORT_TYPE_RELIABILITY_CHART, NULL);
}

/**
 * rapport_reliability_chart_set_points:
 * @self: a chart
 * @points: (array length=n_points): one point per month of the period,
 *   months with nothing decided included
 * @n_points: how many
 *
 * Replaces what the chart shows. The points are copied and drawn in date
 * order.
 */
void
rapport_reliability_chart_set_points (RapportReliabilityChart       *self,
                                      const RapportReliabilityPoint *points,
                                      guint                          n_points)
{
  guint old_n_points;

  g_return_if_fail (RAPPORT_IS_RELIABILITY_CHART (self));
  g_return_if_fail (points != NULL || n_points == 0);

  for (guint i = 0; i < n_points; i++)
    g_return_if_fail (points[i].month != NULL && g_date_valid (points[i].month));

  old_n_points = self->points->len;
  g_array_set_size (self->points, 0);
  self->has_points = TRUE;

  for (guint i = 0; i < n_points; i++)
    {
      const RapportReliabilityPoint *point = &points[i];
      g_autoptr(GDateTime) first_day = NULL;
      ChartPoint copy = {
        .month = *point->month,
        .kept = point->kept,
        .late = point->late,
        .dropped = point->dropped,
      };

      g_date_set_day (&copy.month, 1);
      first_day = g_date_time_new_utc (g_date_get_year (&copy.month),
                                       g_date_get_month (&copy.month), 1, 0, 0, 0);
      /* Abbreviated and full month names in the app's language */
      copy.short_name = _rapport_date_time_format (first_day, "%b");
      /* TRANSLATORS: a month of the chart, as "July 2026", see strftime(3) */
      copy.long_name = _rapport_date_time_format (first_day, _("%B %Y"));
      g_array_append_val (self->points, copy);
    }

  g_array_sort (self->points, chart_point_compare);

  update_accessible_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));

  if (old_n_points != n_points)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
}

/**
 * rapport_reliability_chart_clear:
 *
 * Forgets the points: the chart draws nothing, not even that no commitment
 * was decided, until points are set again (while they are worked out).
 */
void
rapport_reliability_chart_clear (RapportReliabilityChart *self)
{
  guint old_n_points;

  g_return_if_fail (RAPPORT_IS_RELIABILITY_CHART (self));

  old_n_points = self->points->len;
  g_array_set_size (self->points, 0);
  self->has_points = FALSE;

  update_accessible_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));

  if (old_n_points != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
}

guint
rapport_reliability_chart_get_n_points (RapportReliabilityChart *self)
{
  g_return_val_if_fail (RAPPORT_IS_RELIABILITY_CHART (self), 0);

  return self->points->len;
}

/**
 * rapport_reliability_chart_dup_description:
 * @self: a chart
 *
 * Returns: (transfer full): the figures in words, as given to screen
 *   readers: “March 2026: 4 of 5 kept (80 %); April 2026: nothing decided”
 */
char *
rapport_reliability_chart_dup_description (RapportReliabilityChart *self)
{
  g_return_val_if_fail (RAPPORT_IS_RELIABILITY_CHART (self), NULL);

  return describe_points (self);
}

/**
 * rapport_reliability_chart_dup_point_description:
 * @self: a chart
 * @position: a month, counted from the earliest
 *
 * Returns: (transfer full): that month's figures in words, as in its tooltip
 */
char *
rapport_reliability_chart_dup_point_description (RapportReliabilityChart *self,
                                                 guint                    position)
{
  g_return_val_if_fail (RAPPORT_IS_RELIABILITY_CHART (self), NULL);
  g_return_val_if_fail (position < self->points->len, NULL);

  return describe_point (&g_array_index (self->points, ChartPoint, position));
}

/**
 * rapport_reliability_chart_get_bar_bounds:
 * @self: a chart
 * @position: a month, counted from the earliest
 * @bounds: (out): where its bar, or its marker when nothing was decided, is
 *   drawn, in widget coordinates
 *
 * Returns: %TRUE if that month is drawn at the current size, %FALSE when
 *   the widget is too narrow for it (or not allocated yet)
 */
gboolean
rapport_reliability_chart_get_bar_bounds (RapportReliabilityChart *self,
                                          guint                    position,
                                          graphene_rect_t         *bounds)
{
  int width;
  int height;
  ChartGeometry geometry;

  g_return_val_if_fail (RAPPORT_IS_RELIABILITY_CHART (self), FALSE);
  g_return_val_if_fail (position < self->points->len, FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    return FALSE;

  compute_geometry (self, width, height, &geometry);
  if (position < geometry.first)
    return FALSE;

  bar_bounds (&geometry, &g_array_index (self->points, ChartPoint, position), position, bounds);
  return TRUE;
}

/**
 * rapport_reliability_chart_get_point_at:
 * @self: a chart
 * @x: in widget coordinates
 * @y: in widget coordinates
 *
 * Returns: the month whose column (bar, marker or label) is at @x, @y,
 *   or -1 for none
 */
int
rapport_reliability_chart_get_point_at (RapportReliabilityChart *self,
                                        double                   x,
                                        double                   y)
{
  int width;
  int height;
  ChartGeometry geometry;
  double column;

  g_return_val_if_fail (RAPPORT_IS_RELIABILITY_CHART (self), -1);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (self->points->len == 0 || width <= 0 || height <= 0 || y < 0 || y >= height)
    return -1;

  compute_geometry (self, width, height, &geometry);
  if (geometry.slot_width <= 0 || x < geometry.plot_x)
    return -1;

  column = floor ((x - geometry.plot_x) / geometry.slot_width);
  if (column >= geometry.n_visible)
    return -1;

  return (int) (geometry.first + column);
}
