/* fbk-chart-view.c: the interactive chart widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Input, as in other GNOME apps with zoomable content embedded in a
 * scrolling page (Sysprof's timeline, Text Editor's zoom):
 *   Ctrl+scroll, pinch, +/-/0 (with or without Ctrl)   zoom in, out, reset
 *   drag, horizontal or Shift+scroll, Shift+Left/Right pan
 *   Left/Right, Home/End, Page Up/Down                 move the cursor
 *   arrows, on a grid of hours (a heatmap)              move between cells,
 *                                                      panning at the edge
 * The cursor (fbk-chart-cursor) is the keyboard's bar: shown while the
 * chart has the focus, said in the accessible name, and the view pans to
 * keep it in sight. At either end it stays, with a bell, rather than let
 * the arrow keys move the focus out of the chart unannounced.
 * Plain vertical scrolling is left to the page the chart sits in, so a
 * chart never traps the wheel on its way down the window. Keyboard zoom
 * keeps the centre; scroll and pinch keep the point under the pointer or
 * the fingers.
 *
 * Drawing: the chart's layout (header, axes, legend, plot) is worked out
 * once and kept until the model, the size, the scale, the theme or the
 * viewport changes; the shared renderer draws it once, and the result is
 * kept as a render node as long. Other frames (hover highlight, focus)
 * reuse that node: the GL renderer keeps the texture it made of it, the
 * cairo renderer replays it, which costs one image blit. The pointer and
 * tooltips ask the kept layout what is where, so moving over the chart
 * lays nothing out. */

#define G_LOG_DOMAIN "fbk-chart-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-cursor.h"
#include "fbk-chart-view.h"

/* A key press halves or doubles the visible span; a wheel detent zooms by
 * a quarter. */
#define ZOOM_STEP_KEY   2.0
#define ZOOM_STEP_WHEEL 1.25
/* Touchpad zooming comes in pixels: this many zoom as one wheel detent. */
#define PIXELS_PER_DETENT 20.0
/* A key press or a wheel detent pans this share of the visible span. */
#define PAN_STEP_KEY   0.25
#define PAN_STEP_WHEEL 0.1
/* Screen readers announce description changes; during a drag or a spin
 * of the wheel, describe only where the chart comes to rest. */
#define DESCRIBE_DELAY_MS 250
/* As libadwaita draws focus rings. */
#define FOCUS_RING_WIDTH  2.0f
#define FOCUS_RING_RADIUS 6.0f
/* In buckets: what counts as the same position after rounding to seconds. */
#define EPSILON 1e-3

struct _FbkChartView
{
  GtkWidget              parent_instance;

  FbkChartModel         *model;
  /* The visible part of the model's period; the whole of it unless zoomed. */
  FbkChartViewport       viewport;
  gboolean               zoomed;

  FbkChartStyle          style;
  PangoFontDescription  *font;

  /* The chart laid out at the widget's size, and rendered. */
  FbkChartLayout        *layout;
  GskRenderNode         *rendered;

  /* The value under the pointer, highlighted over the rendered chart. */
  gboolean               hovering;
  graphene_rect_t        hover_bar;
  graphene_rect_t        hover_column;
  gboolean               has_pointer;
  double                 pointer_x;

  /* Gestures work from where they began, so rounding never accumulates. */
  double                 gesture_from;
  double                 gesture_to;
  double                 gesture_anchor;
  double                 drag_plot_width;

  guint                  describe_source;

  /* The keyboard's bar, while the chart has the focus; named once a key
   * has moved it, so the focus arriving says the chart's title first. */
  gboolean               has_cursor;
  gboolean               cursor_named;
  guint                  cursor;

  /* What the chart is called when its model has no title. */
  char                  *name;

  /* The cell the keyboard is on, in a grid of hours, and what it shows. */
  gboolean               has_cell;
  guint                  cell_row;
  guint                  cell_column;
  char                  *cell_text;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_VISIBLE_FROM,
  PROP_VISIBLE_TO,
  PROP_ZOOMED,
  PROP_CURSOR_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FbkChartView, fbk_chart_view, GTK_TYPE_WIDGET)

const FbkChartViewKey fbk_chart_view_zoom_keys[] = {
  { GDK_KEY_plus, "chart.zoom-in" },
  { GDK_KEY_equal, "chart.zoom-in" },
  { GDK_KEY_KP_Add, "chart.zoom-in" },
  { GDK_KEY_minus, "chart.zoom-out" },
  { GDK_KEY_KP_Subtract, "chart.zoom-out" },
  { GDK_KEY_0, "chart.reset" },
  { GDK_KEY_KP_0, "chart.reset" },
};
const guint fbk_chart_view_n_zoom_keys = G_N_ELEMENTS (fbk_chart_view_zoom_keys);

/* Viewport, on the model's bucket grid: a bucket index plus the fraction
 * of that bucket, the coordinate the chart's x axis is linear in. */

static guint
get_n_buckets (FbkChartView *self)
{
  return self->model != NULL ? fbk_chart_model_get_n_buckets (self->model) : 0;
}

static double
position_of (FbkChartView *self,
             FbkInstant    instant)
{
  guint n = get_n_buckets (self);
  guint bucket;
  FbkInstant start, end;

  if (n == 0)
    return 0.0;

  /* Outside the grid, in lengths of its first or last bucket: a span
   * asked for past an end keeps its length when set_span() moves it in. */
  if (!fbk_chart_model_find_bucket (self->model, instant, &bucket))
    bucket = instant < fbk_chart_model_get_bucket_start (self->model, 0) ? 0 : n - 1;

  start = fbk_chart_model_get_bucket_start (self->model, bucket);
  end = fbk_chart_model_get_bucket_end (self->model, bucket);
  return bucket + (double) (instant - start) / (double) (end - start);
}

static FbkInstant
instant_of (FbkChartView *self,
            double        position)
{
  guint n = get_n_buckets (self);
  guint bucket;
  FbkInstant start, end;

  g_assert (n > 0);

  if (position >= n)
    return fbk_chart_model_get_bucket_end (self->model, n - 1);

  bucket = (guint) floor (MAX (position, 0.0));
  start = fbk_chart_model_get_bucket_start (self->model, bucket);
  end = fbk_chart_model_get_bucket_end (self->model, bucket);
  return start + (FbkInstant) llround ((MAX (position, 0.0) - bucket) * (double) (end - start));
}

static void
get_span (FbkChartView *self,
          double       *out_from,
          double       *out_to)
{
  *out_from = position_of (self, self->viewport.from);
  *out_to = position_of (self, self->viewport.to);
}

static double
get_min_span (FbkChartView *self)
{
  return MIN ((double) FBK_CHART_VIEW_MIN_BUCKETS, (double) get_n_buckets (self));
}

/* Drawing */

static void
drop_layout (FbkChartView *self)
{
  g_clear_pointer (&self->layout, fbk_chart_layout_unref);
  g_clear_pointer (&self->rendered, gsk_render_node_unref);
}

static void
invalidate_rendering (FbkChartView *self)
{
  drop_layout (self);
  if (self->hovering)
    {
      self->hovering = FALSE;
      gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Reads the theme the chart is drawn in from the widget's own style: its
 * text colour says light or dark whatever chose it (AdwStyleManager, a
 * high-contrast theme, a parent's CSS), and the chart's text uses the
 * widget's font. Drops a rendering made with another style; returns
 * whether it did. */
static gboolean
refresh_style (FbkChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  int scale = gtk_widget_get_scale_factor (widget);
  GdkRGBA color;
  FbkChartTheme theme;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  theme = 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue > 0.5
          ? FBK_CHART_THEME_DARK : FBK_CHART_THEME_LIGHT;

  if (theme == self->style.theme && scale == self->style.scale &&
      font != NULL && self->font != NULL && pango_font_description_equal (font, self->font))
    return FALSE;

  g_clear_pointer (&self->font, pango_font_description_free);
  fbk_chart_style_init (&self->style, theme);
  self->font = font != NULL ? pango_font_description_copy (font) : NULL;
  self->style.font = self->font;
  self->style.scale = scale;
  /* The "view" style class paints the background the palette assumes. */
  self->style.draw_background = FALSE;
  drop_layout (self);
  return TRUE;
}

/* The layout at the widget's size and style, made when first needed after
 * a change; NULL with nothing to show. */
static FbkChartLayout *
get_layout (FbkChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->model == NULL || width <= 0 || height <= 0)
    return NULL;

  refresh_style (self);
  if (self->layout != NULL &&
      (fbk_chart_layout_get_width (self->layout) != width || fbk_chart_layout_get_height (self->layout) != height))
    drop_layout (self);

  if (self->layout == NULL)
    self->layout = fbk_chart_layout_new (width, height, self->model, &self->viewport, &self->style);

  return self->layout;
}

/* Into an image at device pixels, then into a cairo node that paints
 * it. A cairo node holds a recording, and the cairo renderer (Xvfb,
 * software rendering) replays it on every frame: replaying one image
 * costs 0.1 ms at 1280×800, replaying the chart's own drawing 3.5 ms. A
 * texture node measured slower still there, as the texture is converted
 * to a cairo surface on every frame. */
static GskRenderNode *
render_chart (FbkChartView   *self,
              FbkChartLayout *layout)
{
  int width = (int) fbk_chart_layout_get_width (layout);
  int height = (int) fbk_chart_layout_get_height (layout);
  int scale = (int) self->style.scale;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  GtkSnapshot *child = gtk_snapshot_new ();
  cairo_t *cr = cairo_create (image);

  cairo_scale (cr, scale, scale);
  fbk_chart_render_layout (cr, layout);
  cairo_destroy (cr);

  cr = gtk_snapshot_append_cairo (child, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, 1.0 / scale, 1.0 / scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
  return gtk_snapshot_free_to_node (child);
}

static void
snapshot_hover (FbkChartView *self,
                GtkSnapshot  *snapshot)
{
  const FbkChartColor *fg = &fbk_chart_style_get_palette (&self->style)->foreground;
  GdkRGBA column = { fg->red, fg->green, fg->blue, 0.08 };
  GdkRGBA bar = { fg->red, fg->green, fg->blue, 0.3 };

  gtk_snapshot_append_color (snapshot, &column, &self->hover_column);
  gtk_snapshot_append_color (snapshot, &bar, &self->hover_bar);
}

/* The widget paints its own ring: libadwaita styles focus on the widgets
 * it knows, not on a custom "chart" node. */
static void
snapshot_focus_ring (FbkChartView *self,
                     GtkSnapshot  *snapshot,
                     int           width,
                     int           height)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  const FbkChartColor *fg = &fbk_chart_style_get_palette (&self->style)->foreground;
  GdkRGBA ring = { fg->red, fg->green, fg->blue, 1.0 };
  GskRoundedRect outline;

  gtk_style_context_lookup_color (context, "accent_color", &ring);
  ring.alpha *= 0.5;
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height), FOCUS_RING_RADIUS);
  gtk_snapshot_append_border (snapshot, &outline,
                              (float[4]) { FOCUS_RING_WIDTH, FOCUS_RING_WIDTH, FOCUS_RING_WIDTH, FOCUS_RING_WIDTH },
                              (GdkRGBA[4]) { ring, ring, ring, ring });
}

/* Accessibility */

/* The chart's title; once the keyboard walks the bars, the bar it is on,
 * which is what a screen reader says as the cursor moves (the
 * description, which starts with the title, says the rest). */
static void
update_name (FbkChartView *self)
{
  g_autofree char *bar = NULL;
  const char *title;

  if (self->model == NULL)
    return;

  if (self->has_cursor && self->cursor_named)
    bar = fbk_chart_cursor_describe (self->model, self->cursor);
  title = fbk_chart_model_get_title (self->model);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  bar != NULL ? bar
                                  : title != NULL && *title != '\0' ? title
                                  : self->name != NULL ? self->name : _("Electricity chart"),
                                  -1);
}

static gboolean
update_description_cb (gpointer user_data)
{
  FbkChartView *self = user_data;
  g_autofree char *description = NULL;

  self->describe_source = 0;

  if (self->model == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return G_SOURCE_REMOVE;
    }

  description = fbk_chart_describe (self->model, &self->viewport);
  update_name (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  return G_SOURCE_REMOVE;
}

static void
schedule_description (FbkChartView *self)
{
  g_clear_handle_id (&self->describe_source, g_source_remove);
  self->describe_source = g_timeout_add (DESCRIBE_DELAY_MS, update_description_cb, self);
}

static gboolean
is_grid (FbkChartView *self)
{
  FbkChartLayout *layout = get_layout (self);

  return layout != NULL && fbk_chart_layout_get_grid (layout, NULL, NULL);
}

static void
update_actions (FbkChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = get_n_buckets (self);
  double from, to;

  get_span (self, &from, &to);
  gtk_widget_action_set_enabled (widget, "chart.zoom-in", n > 0 && to - from > get_min_span (self) + EPSILON);
  gtk_widget_action_set_enabled (widget, "chart.zoom-out", self->zoomed);
  gtk_widget_action_set_enabled (widget, "chart.reset", self->zoomed);
  gtk_widget_action_set_enabled (widget, "chart.pan-left", self->zoomed && from > EPSILON);
  gtk_widget_action_set_enabled (widget, "chart.pan-right", self->zoomed && to < n - EPSILON);
  gtk_widget_action_set_enabled (widget, "chart.arrow", n > 0);
  /* Off a grid, Up and Down keep their meaning: move the focus. */
  gtk_widget_action_set_enabled (widget, "chart.cursor-move", is_grid (self));
}

/* Zoom and pan */

static void
apply_viewport (FbkChartView           *self,
                const FbkChartViewport *viewport,
                gboolean                zoomed)
{
  GObject *object = G_OBJECT (self);
  FbkChartViewport old = self->viewport;
  gboolean was_zoomed = self->zoomed;

  if (old.from == viewport->from && old.to == viewport->to && was_zoomed == zoomed)
    return;

  self->viewport = *viewport;
  self->zoomed = zoomed;

  g_object_freeze_notify (object);
  if (old.from != viewport->from)
    g_object_notify_by_pspec (object, properties[PROP_VISIBLE_FROM]);
  if (old.to != viewport->to)
    g_object_notify_by_pspec (object, properties[PROP_VISIBLE_TO]);
  if (was_zoomed != zoomed)
    g_object_notify_by_pspec (object, properties[PROP_ZOOMED]);
  g_object_thaw_notify (object);

  /* A view moved by other means than the cursor takes the cursor along,
   * so the next arrow key starts from a bar in sight. */
  if (self->has_cursor)
    {
      double from, to;

      get_span (self, &from, &to);
      self->cursor = (guint) CLAMP ((double) self->cursor, ceil (from - EPSILON), MAX (ceil (to - EPSILON) - 1, 0.0));
      update_name (self);
    }

  invalidate_rendering (self);
  update_actions (self);
  schedule_description (self);
}

/* Shows buckets [@from, @to) of the grid, within the model's period and
 * no fewer than the minimum. */
static void
set_span (FbkChartView *self,
          double        from,
          double        to)
{
  guint n = get_n_buckets (self);
  FbkChartViewport viewport = { 0, 0 };
  double span;

  if (n == 0)
    {
      if (self->model != NULL)
        viewport = (FbkChartViewport) { fbk_chart_model_get_from (self->model), fbk_chart_model_get_to (self->model) };
      apply_viewport (self, &viewport, FALSE);
      return;
    }

  span = CLAMP (to - from, get_min_span (self), (double) n);
  if (span != to - from)
    from = (from + to - span) / 2;
  from = CLAMP (from, 0.0, n - span);
  to = from + span;

  viewport.from = instant_of (self, from);
  viewport.to = instant_of (self, to);
  apply_viewport (self, &viewport, from > EPSILON || to < n - EPSILON);
}

/* Scales the visible span by 1 / @factor, keeping grid position @anchor
 * where it is on screen. */
static void
zoom_around (FbkChartView *self,
             double        from,
             double        to,
             double        factor,
             double        anchor)
{
  double span = CLAMP ((to - from) / factor, get_min_span (self), (double) get_n_buckets (self));
  double share = to > from ? (anchor - from) / (to - from) : 0.5;

  set_span (self, anchor - share * span, anchor - share * span + span);
}

static void
zoom (FbkChartView *self,
      double        factor)
{
  double from, to;

  get_span (self, &from, &to);
  zoom_around (self, from, to, factor, (from + to) / 2);
}

static void
pan (FbkChartView *self,
     double        share_of_span)
{
  double from, to, shift;

  get_span (self, &from, &to);
  shift = (to - from) * share_of_span;
  /* Against an end, keep the span rather than let set_span() squeeze it. */
  shift = CLAMP (shift, -from, get_n_buckets (self) - to);
  set_span (self, from + shift, to + shift);
}

static gboolean
get_plot_area (FbkChartView      *self,
               cairo_rectangle_t *out_area)
{
  FbkChartLayout *layout = get_layout (self);

  return layout != NULL && fbk_chart_layout_get_plot_area (layout, out_area);
}

/* The grid position under widget x coordinate @x; the centre of the view
 * when @x is not over the plot. */
static double
position_at (FbkChartView *self,
             double        x)
{
  cairo_rectangle_t plot;
  double from, to;

  get_span (self, &from, &to);
  if (!get_plot_area (self, &plot) || x < plot.x || x > plot.x + plot.width)
    return (from + to) / 2;

  return from + (x - plot.x) / plot.width * (to - from);
}

/* The cursor */

/* The cursor's column in widget coordinates: across the bars drawn for
 * its bucket (or where they would be), the plot's height. */
static gboolean
get_cursor_column (FbkChartView    *self,
                   graphene_rect_t *out_column)
{
  cairo_rectangle_t plot;
  graphene_rect_t bars = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  gboolean found = FALSE;
  double from, to;

  if (!self->has_cursor || !get_plot_area (self, &plot))
    return FALSE;

  for (guint s = 0; s < fbk_chart_model_get_n_series (self->model); s++)
    {
      graphene_rect_t bar;

      if (!fbk_chart_view_get_bucket_area (self, s, self->cursor, &bar))
        continue;
      if (found)
        graphene_rect_union (&bars, &bar, &bars);
      else
        bars = bar;
      found = TRUE;
    }

  if (!found)
    {
      get_span (self, &from, &to);
      if (self->cursor + 1 <= from || self->cursor >= to)
        return FALSE;
      graphene_rect_init (&bars, plot.x + (self->cursor - from) / (to - from) * plot.width, plot.y,
                          plot.width / (to - from), plot.height);
    }

  graphene_rect_init (out_column, bars.origin.x, plot.y, bars.size.width, plot.height);
  return TRUE;
}

/* Pans as little as brings the cursor's bucket whole into view. */
static void
follow_cursor (FbkChartView *self)
{
  double from, to, span;

  get_span (self, &from, &to);
  span = to - from;
  if (self->cursor < from)
    set_span (self, self->cursor, self->cursor + span);
  else if (self->cursor + 1 > to)
    set_span (self, self->cursor + 1 - span, self->cursor + 1);
}

static void
show_cursor (FbkChartView *self,
             gboolean      shown)
{
  double from, to;

  shown = shown && get_n_buckets (self) > 0;
  if (shown && !self->has_cursor)
    {
      /* Where the reader is looking: the first bar in view, unless the
       * cursor was left on one in view. */
      get_span (self, &from, &to);
      if (self->cursor < from || self->cursor + 1 > to + EPSILON || self->cursor >= get_n_buckets (self))
        self->cursor = (guint) MIN (ceil (from - EPSILON), get_n_buckets (self) - 1);
    }
  if (shown == self->has_cursor)
    return;

  self->has_cursor = shown;
  self->cursor_named = FALSE;
  update_name (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Actions */

static void
move_bar_cursor (FbkChartView       *self,
                 FbkChartCursorMove  move)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double from, to;

  show_cursor (self, TRUE);
  if (!self->has_cursor)
    return;

  get_span (self, &from, &to);
  if (!fbk_chart_cursor_move (&self->cursor, get_n_buckets (self), (guint) floor (to - from + EPSILON), move))
    {
      /* At an end the key is still the chart's: say so, keep the focus. */
      gtk_widget_error_bell (widget);
      if (!self->cursor_named)
        {
          self->cursor_named = TRUE;
          update_name (self);
        }
      return;
    }

  self->cursor_named = TRUE;
  follow_cursor (self);
  update_name (self);
  gtk_widget_queue_draw (widget);
}

static void
move_cursor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  move_bar_cursor (FBK_CHART_VIEW (widget), (FbkChartCursorMove) g_variant_get_int32 (parameter));
}


static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  zoom (FBK_CHART_VIEW (widget), ZOOM_STEP_KEY);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zoom (FBK_CHART_VIEW (widget), 1.0 / ZOOM_STEP_KEY);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  fbk_chart_view_reset_zoom (FBK_CHART_VIEW (widget));
}

static void
pan_left_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pan (FBK_CHART_VIEW (widget), -PAN_STEP_KEY);
}

static void
pan_right_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pan (FBK_CHART_VIEW (widget), PAN_STEP_KEY);
}

/* The keyboard's cell */

static void
set_cell_text (FbkChartView *self,
                 char         *text)
{
  if (g_strcmp0 (self->cell_text, text) == 0)
    {
      g_free (text);
      return;
    }

  g_free (self->cell_text);
  self->cell_text = text;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_TEXT]);

  /* Read out as the keyboard moves; the chart's own description returns
   * with its next change. */
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
clear_cell (FbkChartView *self)
{
  self->has_cell = FALSE;
  set_cell_text (self, NULL);
}

/* Moves the keyboard's cell by @rows and @columns, the first press only
 * putting it on the top left cell; past the top or bottom row of a
 * zoomed grid of days the view moves a day instead. */
static void
move_cell (FbkChartView *self,
           int           rows,
           int           columns)
{
  FbkChartLayout *layout = get_layout (self);
  guint n_rows, n_columns;
  int row;

  if (layout == NULL || !fbk_chart_layout_get_grid (layout, &n_rows, &n_columns))
    return;

  if (!self->has_cell)
    {
      self->has_cell = TRUE;
      self->cell_row = self->cell_column = 0;
    }
  else
    {
      row = (int) self->cell_row + rows;
      self->cell_column = (guint) CLAMP ((int) self->cell_column + columns, 0, (int) n_columns - 1);
      if ((row < 0 || row >= (int) n_rows) && self->zoomed)
        {
          double from, to;

          /* A row of the grid of days is a day of buckets (hours). */
          get_span (self, &from, &to);
          pan (self, 24.0 * (row < 0 ? -1 : 1) / (to - from));
          layout = get_layout (self);
          fbk_chart_layout_get_grid (layout, &n_rows, NULL);
        }
      self->cell_row = (guint) CLAMP (row, 0, (int) n_rows - 1);
    }

  set_cell_text (self, fbk_chart_layout_describe_cell (layout, self->cell_row, self->cell_column));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cell_move_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  int rows, columns;

  g_variant_get (parameter, "(ii)", &rows, &columns);
  move_cell (FBK_CHART_VIEW (widget), rows, columns);
}

/* Left and Right: between cells on a grid of hours, else along the bars. */
static void
arrow_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FbkChartView *self = FBK_CHART_VIEW (widget);
  int rows, columns;

  g_variant_get (parameter, "(ii)", &rows, &columns);
  if (is_grid (self))
    move_cell (self, rows, columns);
  else if (columns != 0)
    move_bar_cursor (self, columns < 0 ? FBK_CHART_CURSOR_PREVIOUS : FBK_CHART_CURSOR_NEXT);
}

static void
snapshot_cell (FbkChartView *self,
                 GtkSnapshot  *snapshot)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  const FbkChartColor *fg = &fbk_chart_style_get_palette (&self->style)->foreground;
  GdkRGBA ring = { fg->red, fg->green, fg->blue, 1.0 };
  cairo_rectangle_t cell;
  GskRoundedRect outline;

  if (!fbk_chart_layout_get_cell_area (get_layout (self), self->cell_row, self->cell_column, &cell))
    return;

  gtk_style_context_lookup_color (context, "accent_color", &ring);
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (cell.x - FOCUS_RING_WIDTH, cell.y - FOCUS_RING_WIDTH,
                                                                  cell.width + 2 * FOCUS_RING_WIDTH,
                                                                  cell.height + 2 * FOCUS_RING_WIDTH), 0);
  gtk_snapshot_append_border (snapshot, &outline,
                              (float[4]) { FOCUS_RING_WIDTH, FOCUS_RING_WIDTH, FOCUS_RING_WIDTH, FOCUS_RING_WIDTH },
                              (GdkRGBA[4]) { ring, ring, ring, ring });
}

/* Callbacks */

static void
on_model_changed_cb (FbkChartView *self)
{
  double from, to;

  /* Keep a zoomed-in period in view as data arrives (the period may grow
   * by an hour); a chart showing everything goes on showing everything. */
  if (self->zoomed)
    get_span (self, &from, &to);
  else
    {
      from = 0.0;
      to = get_n_buckets (self);
    }
  set_span (self, from, to);

  if (self->cursor >= get_n_buckets (self))
    self->cursor = get_n_buckets (self) > 0 ? get_n_buckets (self) - 1 : 0;
  show_cursor (self, self->has_cursor && (gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_FOCUSED));

  invalidate_rendering (self);
  clear_cell (self);
  update_actions (self);
  schedule_description (self);
}

static void
update_hover (FbkChartView *self,
              double        x,
              double        y)
{
  FbkChartHit hit;
  cairo_rectangle_t plot;
  graphene_rect_t bar;

  if (fbk_chart_view_hit_test (self, x, y, &hit) &&
      fbk_chart_view_get_bucket_area (self, hit.series, hit.bucket, &bar) &&
      get_plot_area (self, &plot))
    {
      if (self->hovering && graphene_rect_equal (&bar, &self->hover_bar))
        return;

      self->hovering = TRUE;
      self->hover_bar = bar;
      graphene_rect_init (&self->hover_column, bar.origin.x, plot.y, bar.size.width, plot.height);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else if (self->hovering)
    {
      self->hovering = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              FbkChartView             *self)
{
  self->has_pointer = TRUE;
  self->pointer_x = x;
  update_hover (self, x, y);
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             FbkChartView             *self)
{
  self->has_pointer = FALSE;
  if (self->hovering)
    {
      self->hovering = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              FbkChartView             *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (self->model == NULL || get_n_buckets (self) == 0)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      double from, to;

      if (dy == 0.0)
        return FALSE;

      if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
        dy /= PIXELS_PER_DETENT;

      get_span (self, &from, &to);
      zoom_around (self, from, to, pow (ZOOM_STEP_WHEEL, -dy),
                   self->has_pointer ? position_at (self, self->pointer_x) : (from + to) / 2);
      return TRUE;
    }

  if ((state & GDK_SHIFT_MASK) && dx == 0.0)
    dx = dy;
  if (dx == 0.0 || !self->zoomed)
    return FALSE;

  /* Touchpad scrolling moves the bars with the fingers, as a drag does;
   * a wheel step moves a share of the view. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    {
      cairo_rectangle_t plot;

      if (get_plot_area (self, &plot))
        pan (self, dx / plot.width);
    }
  else
    pan (self, dx * PAN_STEP_WHEEL);
  return TRUE;
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  FbkChartView   *self)
{
  cairo_rectangle_t plot;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  self->drag_plot_width = 0.0;
  if (!self->zoomed || !get_plot_area (self, &plot))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  get_span (self, &self->gesture_from, &self->gesture_to);
  self->drag_plot_width = plot.width;
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          offset_x,
                   double          offset_y,
                   FbkChartView   *self)
{
  double span = self->gesture_to - self->gesture_from;
  double shift;

  if (self->drag_plot_width <= 0.0)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");

  shift = -offset_x / self->drag_plot_width * span;
  shift = CLAMP (shift, -self->gesture_from, get_n_buckets (self) - self->gesture_to);
  set_span (self, self->gesture_from + shift, self->gesture_to + shift);
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                FbkChartView   *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
on_zoom_begin_cb (GtkGesture       *gesture,
                  GdkEventSequence *sequence,
                  FbkChartView     *self)
{
  double x, y;

  get_span (self, &self->gesture_from, &self->gesture_to);
  self->gesture_anchor = (self->gesture_from + self->gesture_to) / 2;
  if (gtk_gesture_is_active (gesture) && gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    self->gesture_anchor = position_at (self, x);
}

static void
on_zoom_scale_changed_cb (GtkGestureZoom *gesture,
                          double          scale,
                          FbkChartView   *self)
{
  if (scale <= 0.0 || get_n_buckets (self) == 0)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  zoom_around (self, self->gesture_from, self->gesture_to, scale, self->gesture_anchor);
}

/* GtkWidget */

static void
fbk_chart_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  /* Room for the axes, a few bars and a wrapped legend on a phone. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 640;
    }
  else
    {
      *minimum = 240;
      *natural = 360;
    }
}

static void
fbk_chart_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  FbkChartView *self = FBK_CHART_VIEW (widget);

  if (self->layout != NULL &&
      (width != fbk_chart_layout_get_width (self->layout) || height != fbk_chart_layout_get_height (self->layout)))
    invalidate_rendering (self);
  update_actions (self);
}

static void
fbk_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  FbkChartView *self = FBK_CHART_VIEW (widget);
  FbkChartLayout *layout = get_layout (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (layout == NULL)
    return;

  if (self->rendered == NULL)
    self->rendered = render_chart (self, layout);

  gtk_snapshot_append_node (snapshot, self->rendered);

  if (self->hovering)
    snapshot_hover (self, snapshot);
  if (self->has_cell && gtk_widget_has_focus (widget))
    snapshot_cell (self, snapshot);
  if (gtk_widget_has_visible_focus (widget))
    {
      GtkStyleContext *context = gtk_widget_get_style_context (widget);
      GdkRGBA accent = { 0.21f, 0.52f, 0.89f, 1.0f };
      graphene_rect_t column;

      gtk_style_context_lookup_color (context, "accent_color", &accent);
      if (get_cursor_column (self, &column))
        fbk_chart_cursor_snapshot (snapshot, &column, &accent);
      snapshot_focus_ring (self, snapshot, width, height);
    }
}

static void
fbk_chart_view_state_flags_changed (GtkWidget     *widget,
                                    GtkStateFlags  previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  GTK_WIDGET_CLASS (fbk_chart_view_parent_class)->state_flags_changed (widget, previous);

  /* By the flag: GTK 4.8 sets it before gtk_widget_has_focus() says so. */
  if (changed & GTK_STATE_FLAG_FOCUSED)
    show_cursor (FBK_CHART_VIEW (widget), (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUSED) != 0);
  if (changed & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    gtk_widget_queue_draw (widget);
}

static void
fbk_chart_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  FbkChartView *self = FBK_CHART_VIEW (widget);

  GTK_WIDGET_CLASS (fbk_chart_view_parent_class)->css_changed (widget, change);

  /* Hover and focus restyle the widget too; only a new theme, font or
   * scale needs a new rendering. */
  if (refresh_style (self))
    gtk_widget_queue_draw (widget);
}

static gboolean
fbk_chart_view_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  FbkChartView *self = FBK_CHART_VIEW (widget);
  g_autofree char *text = NULL;
  graphene_rect_t area;
  FbkChartHit hit;

  if (keyboard_mode || !fbk_chart_view_hit_test (self, x, y, &hit))
    return FALSE;

  text = fbk_chart_describe_hit (self->model, &hit);
  gtk_tooltip_set_text (tooltip, text);

  /* Anchors the tip to the bar and asks again once the pointer leaves
   * it, so the text never lags behind the bucket under the pointer. */
  if (fbk_chart_view_get_bucket_area (self, hit.series, hit.bucket, &area))
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                                (int) floor (area.origin.x), (int) floor (area.origin.y),
                                MAX (1, (int) ceil (area.size.width)), MAX (1, (int) ceil (area.size.height)),
                              });
  return TRUE;
}

/* GObject */

static void
fbk_chart_view_dispose (GObject *object)
{
  FbkChartView *self = FBK_CHART_VIEW (object);

  g_clear_handle_id (&self->describe_source, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_changed_cb, self);
  g_clear_object (&self->model);
  drop_layout (self);

  G_OBJECT_CLASS (fbk_chart_view_parent_class)->dispose (object);
}

static void
fbk_chart_view_finalize (GObject *object)
{
  FbkChartView *self = FBK_CHART_VIEW (object);

  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->cell_text, g_free);

  G_OBJECT_CLASS (fbk_chart_view_parent_class)->finalize (object);
}

static void
fbk_chart_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FbkChartView *self = FBK_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_VISIBLE_FROM:
      g_value_set_int64 (value, self->viewport.from);
      break;

    case PROP_VISIBLE_TO:
      g_value_set_int64 (value, self->viewport.to);
      break;

    case PROP_ZOOMED:
      g_value_set_boolean (value, self->zoomed);
      break;

    case PROP_CURSOR_TEXT:
      g_value_set_string (value, self->cell_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_chart_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FbkChartView *self = FBK_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      fbk_chart_view_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_zoom_bindings (GtkWidgetClass *widget_class,
                   guint           keyval,
                   const char     *action_name)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, action_name, NULL);
  gtk_widget_class_add_binding_action (widget_class, keyval, GDK_CONTROL_MASK, action_name, NULL);
}

static void
add_cursor_binding (GtkWidgetClass     *widget_class,
                    guint               keyval,
                    guint               keypad_keyval,
                    FbkChartCursorMove  move)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, "chart.move-cursor", "i", move);
  gtk_widget_class_add_binding_action (widget_class, keypad_keyval, 0, "chart.move-cursor", "i", move);
}

static void
fbk_chart_view_class_init (FbkChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_chart_view_dispose;
  object_class->finalize = fbk_chart_view_finalize;
  object_class->get_property = fbk_chart_view_get_property;
  object_class->set_property = fbk_chart_view_set_property;

  widget_class->measure = fbk_chart_view_measure;
  widget_class->size_allocate = fbk_chart_view_size_allocate;
  widget_class->snapshot = fbk_chart_view_snapshot;
  widget_class->css_changed = fbk_chart_view_css_changed;
  widget_class->state_flags_changed = fbk_chart_view_state_flags_changed;
  widget_class->query_tooltip = fbk_chart_view_query_tooltip;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         FBK_TYPE_CHART_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FbkChartView:visible-from:
   *
   * The first instant in view; the start of the model's first bucket
   * unless zoomed in.
   */
  properties[PROP_VISIBLE_FROM] =
    g_param_spec_int64 ("visible-from", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FbkChartView:visible-to:
   *
   * The end of the visible period (exclusive).
   */
  properties[PROP_VISIBLE_TO] =
    g_param_spec_int64 ("visible-to", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FbkChartView:zoomed:
   *
   * Whether only part of the model's period is in view, e.g. to show a
   * button that resets the zoom.
   */
  properties[PROP_ZOOMED] =
    g_param_spec_boolean ("zoomed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FbkChartView:cursor-text:
   *
   * On a grid of hours (a heatmap), what the cell the arrow keys are on
   * shows, as its tooltip would say it; %NULL until they move.
   */
  properties[PROP_CURSOR_TEXT] =
    g_param_spec_string ("cursor-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Left and Right: cells on a grid, else bars. Up and Down only on a
   * grid; elsewhere they move the focus as usual. */
  gtk_widget_class_install_action (widget_class, "chart.arrow", "(ii)", arrow_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.arrow", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "chart.arrow", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.arrow", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "chart.arrow", "(ii)", 0, 1);
  gtk_widget_class_install_action (widget_class, "chart.cursor-move", "(ii)", cell_move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "chart.cursor-move", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, 0, "chart.cursor-move", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "chart.cursor-move", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, 0, "chart.cursor-move", "(ii)", 1, 0);

  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "chart.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "chart.pan-left", NULL, pan_left_action);
  gtk_widget_class_install_action (widget_class, "chart.pan-right", NULL, pan_right_action);
  gtk_widget_class_install_action (widget_class, "chart.move-cursor", "i", move_cursor_action);

  for (guint i = 0; i < fbk_chart_view_n_zoom_keys; i++)
    add_zoom_bindings (widget_class, fbk_chart_view_zoom_keys[i].keyval, fbk_chart_view_zoom_keys[i].action_name);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK, "chart.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_SHIFT_MASK, "chart.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK, "chart.pan-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, GDK_SHIFT_MASK, "chart.pan-right", NULL);
  add_cursor_binding (widget_class, GDK_KEY_Page_Up, GDK_KEY_KP_Page_Up, FBK_CHART_CURSOR_PAGE_BACK);
  add_cursor_binding (widget_class, GDK_KEY_Page_Down, GDK_KEY_KP_Page_Down, FBK_CHART_CURSOR_PAGE_FORWARD);
  add_cursor_binding (widget_class, GDK_KEY_Home, GDK_KEY_KP_Home, FBK_CHART_CURSOR_FIRST);
  add_cursor_binding (widget_class, GDK_KEY_End, GDK_KEY_KP_End, FBK_CHART_CURSOR_LAST);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fbk_chart_view_init (FbkChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  fbk_chart_style_init (&self->style, FBK_CHART_THEME_LIGHT);
  self->style.scale = 0.0;  /* read from the widget before the first frame */

  gtk_widget_add_css_class (widget, "view");
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  update_actions (self);
}

/* Public API */

GtkWidget *
fbk_chart_view_new (void)
{
  return g_object_new (FBK_TYPE_CHART_VIEW, NULL);
}

/**
 * fbk_chart_view_get_model:
 *
 * Returns: (transfer none) (nullable): what the chart shows
 */
FbkChartModel *
fbk_chart_view_get_model (FbkChartView *self)
{
  g_return_val_if_fail (FBK_IS_CHART_VIEW (self), NULL);

  return self->model;
}

/**
 * fbk_chart_view_set_model:
 * @model: (nullable): what to show
 *
 * Shows @model's whole period. The view follows the model's changes.
 */
void
fbk_chart_view_set_model (FbkChartView  *self,
                          FbkChartModel *model)
{
  g_return_if_fail (FBK_IS_CHART_VIEW (self));
  g_return_if_fail (model == NULL || FBK_IS_CHART_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_swapped (model, "changed", G_CALLBACK (on_model_changed_cb), self);

  self->zoomed = FALSE;
  on_model_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * fbk_chart_view_set_name:
 * @name: (nullable): what the chart is, as a heading beside it says
 *
 * Names the chart for screen readers where its model has no title of its
 * own (it is drawn without one).
 */
void
fbk_chart_view_set_name (FbkChartView *self,
                         const char   *name)
{
  g_return_if_fail (FBK_IS_CHART_VIEW (self));

  g_free (self->name);
  self->name = g_strdup (name);
  update_name (self);
}

/**
 * fbk_chart_view_get_viewport:
 * @out_viewport: (out): the visible period
 */
void
fbk_chart_view_get_viewport (FbkChartView     *self,
                             FbkChartViewport *out_viewport)
{
  g_return_if_fail (FBK_IS_CHART_VIEW (self));
  g_return_if_fail (out_viewport != NULL);

  *out_viewport = self->viewport;
}

/**
 * fbk_chart_view_set_viewport:
 *
 * Zooms to @viewport, for example to a day picked elsewhere, clamped to
 * the model's period and to at least %FBK_CHART_VIEW_MIN_BUCKETS buckets.
 */
void
fbk_chart_view_set_viewport (FbkChartView           *self,
                             const FbkChartViewport *viewport)
{
  g_return_if_fail (FBK_IS_CHART_VIEW (self));
  g_return_if_fail (viewport != NULL);

  set_span (self, position_of (self, viewport->from), position_of (self, viewport->to));
}

FbkInstant
fbk_chart_view_get_visible_from (FbkChartView *self)
{
  g_return_val_if_fail (FBK_IS_CHART_VIEW (self), 0);

  return self->viewport.from;
}

FbkInstant
fbk_chart_view_get_visible_to (FbkChartView *self)
{
  g_return_val_if_fail (FBK_IS_CHART_VIEW (self), 0);

  return self->viewport.to;
}

gboolean
fbk_chart_view_get_zoomed (FbkChartView *self)
{
  g_return_val_if_fail (FBK_IS_CHART_VIEW (self), FALSE);

  return self->zoomed;
}

void
fbk_chart_view_reset_zoom (FbkChartView *self)
{
  g_return_if_fail (FBK_IS_CHART_VIEW (self));

  set_span (self, 0.0, get_n_buckets (self));
}

/**
 * fbk_chart_view_hit_test:
 * @x: in widget coordinates
 * @out_hit: (out) (optional): the value there
 *
 * What the tooltip at (@x, @y) describes.
 *
 * Returns: whether a value is drawn there
 */
gboolean
fbk_chart_view_hit_test (FbkChartView *self,
                         double        x,
                         double        y,
                         FbkChartHit  *out_hit)
{
  FbkChartLayout *layout;

  g_return_val_if_fail (FBK_IS_CHART_VIEW (self), FALSE);

  layout = get_layout (self);
  return layout != NULL && fbk_chart_layout_hit_test (layout, x, y, out_hit);
}

/**
 * fbk_chart_view_get_bucket_area:
 * @out_area: (out): where @series' bar for @bucket is, in widget coordinates
 *
 * Returns: FALSE when that bar is not drawn (no value, or out of view)
 */
gboolean
fbk_chart_view_get_bucket_area (FbkChartView    *self,
                                guint            series,
                                guint            bucket,
                                graphene_rect_t *out_area)
{
  FbkChartLayout *layout;
  cairo_rectangle_t rect;

  g_return_val_if_fail (FBK_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (out_area != NULL, FALSE);

  layout = get_layout (self);
  if (layout == NULL || !fbk_chart_layout_get_bucket_rect (layout, series, bucket, &rect))
    return FALSE;

  graphene_rect_init (out_area, rect.x, rect.y, rect.width, rect.height);
  return TRUE;
}
