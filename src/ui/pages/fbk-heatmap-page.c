/* fbk-heatmap-page.c: the picked meters' hours as a day × hour grid, or
 * their average week
 *
 * Rows of Oslo days (or the seven weekdays), a column per clock hour,
 * each cell shaded by the kWh of the meters together: when in the day the
 * household uses the most, and on which days. The line under the grid
 * names the hottest cell, or, once the arrow keys move over the grid, the
 * cell they are on, so the keyboard reads what the pointer's tooltips
 * show. Built as `forbruk-cli chart --kind heatmap|weekdays` builds it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-heatmap-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-chart-build.h"
#include "fbk-chart-format.h"
#include "fbk-heatmap-page.h"

struct _FbkHeatmapPage
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkWidget        *box;  /* the root, bound so that disposing the template unparents it */
  GtkToggleButton *days_button;
  GtkToggleButton *weekdays_button;
  FbkChartView    *chart;
  GtkLabel        *cell_label;

  /* What is shown, for the Export menu and to build the grid again */
  GPtrArray       *series;     /* FbkSeries, the picked meters' consumption */
  GStrv            names;      /* parallel to series */
  FbkInstant       from;
  FbkInstant       to;
  FbkInstant       now;
};

static void fbk_heatmap_page_iface_init (FbkPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FbkHeatmapPage, fbk_heatmap_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FBK_TYPE_PAGE, fbk_heatmap_page_iface_init))

/* "Highest: Tue, Dec 1, 2026, 17:00–18:00, 6.21 kWh" */
static char *
describe_highest (FbkChartModel *model)
{
  FbkChartHit hit;
  g_autofree char *when = NULL;
  g_autofree char *value = NULL;

  if (fbk_chart_model_get_n_layers (model) == 0 ||
      !fbk_chart_cells_find_highest (fbk_chart_model_get_layer (model, 0), model, &hit))
    return g_strdup ("");

  when = fbk_chart_describe_hit_period (model, &hit);
  value = fbk_chart_format_value (hit.value, fbk_chart_model_get_unit (model));
  if (hit.n_averaged > 0)
    /* Translators: under the average week, its darkest cell: "Highest on average: Tuesdays, 17:00–18:00, 3.20 kWh" */
    return g_strdup_printf (_("Highest on average: %s, %s"), when, value);

  /* Translators: under the grid of hours, its darkest cell: "Highest: Dec 1, 2026, 17:00–18:00, 6.21 kWh" */
  return g_strdup_printf (_("Highest: %s, %s"), when, value);
}

/* The keyboard's cell as its tooltip says it, on one line; else the
 * hottest. */
static void
update_cell_label (FbkHeatmapPage *self)
{
  FbkChartModel *model = fbk_chart_view_get_model (self->chart);
  const char *cursor = NULL;
  g_autofree char *text = NULL;

  g_object_get (self->chart, "cursor-text", &text, NULL);
  cursor = text;
  if (cursor != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (cursor, "\n", -1);
      g_autofree char *joined = g_strjoinv (" · ", lines);

      gtk_label_set_text (self->cell_label, joined);
      return;
    }

  g_clear_pointer (&text, g_free);
  text = model != NULL ? describe_highest (model) : g_strdup ("");
  gtk_label_set_text (self->cell_label, text);
}

static void
build_chart (FbkHeatmapPage *self)
{
  g_autoptr(FbkChartModel) model = NULL;
  FbkChartBuildOptions options;

  if (self->series == NULL || self->series->len == 0)
    {
      fbk_chart_view_set_model (self->chart, NULL);
      update_cell_label (self);
      return;
    }

  fbk_chart_build_options_init (&options, FBK_RESOLUTION_HOUR, self->from, self->to);
  options.now = self->now;
  options.show = gtk_toggle_button_get_active (self->weekdays_button) ? FBK_CHART_SHOW_WEEKDAY_CELLS
                                                                      : FBK_CHART_SHOW_CELLS;
  model = fbk_chart_build_model_full ((FbkSeries * const *) self->series->pdata, (const char * const *) self->names,
                                      self->series->len, &options);
  fbk_chart_view_set_model (self->chart, model);
  update_cell_label (self);
}

static void
on_grid_toggled_cb (FbkHeatmapPage *self)
{
  build_chart (self);
}

static void
on_cursor_text_changed_cb (FbkHeatmapPage *self)
{
  update_cell_label (self);
}

/* ------------------------------------------------------------------------ */
/* FbkPage                                                                  */
/* ------------------------------------------------------------------------ */

static FbkPageNeeds
fbk_heatmap_page_get_needs (FbkPage *page)
{
  return FBK_PAGE_NEEDS_CONSUMPTION;
}

static void
fbk_heatmap_page_show (FbkPage           *page,
                       const FbkPageData *data)
{
  FbkHeatmapPage *self = FBK_HEATMAP_PAGE (page);
  GPtrArray *series = data->hourly[FBK_DIRECTION_CONSUMPTION];
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; series != NULL && i < series->len; i++)
    g_strv_builder_add (names, fbk_page_data_get_name (data, fbk_series_get_metering_point_id (g_ptr_array_index (series, i))));

  g_clear_pointer (&self->series, g_ptr_array_unref);
  self->series = series != NULL ? g_ptr_array_ref (series) : NULL;
  g_strfreev (self->names);
  self->names = g_strv_builder_end (names);
  self->from = data->from;
  self->to = data->to;
  self->now = data->now;

  build_chart (self);
}

static FbkChartView *
fbk_heatmap_page_get_chart (FbkPage *page)
{
  return FBK_HEATMAP_PAGE (page)->chart;
}

static gboolean
fbk_heatmap_page_has_data (FbkPage *page)
{
  FbkHeatmapPage *self = FBK_HEATMAP_PAGE (page);

  return self->series != NULL && self->series->len > 0;
}

/* The hours behind the grid, as `forbruk-cli values --resolution hour`
 * writes them. */
static FbkCsvJob *
fbk_heatmap_page_create_csv_job (FbkPage     *page,
                                 FbkCsvStyle  style)
{
  FbkHeatmapPage *self = FBK_HEATMAP_PAGE (page);

  return fbk_csv_job_new_values (self->series, style, FBK_RESOLUTION_HOUR, self->from, self->to);
}

static char *
fbk_heatmap_page_dup_file_name (FbkPage    *page,
                                const char *extension)
{
  FbkHeatmapPage *self = FBK_HEATMAP_PAGE (page);

  return fbk_page_dup_values_file_name (self->series, self->chart, self->from, self->to, extension);
}

static void
fbk_heatmap_page_iface_init (FbkPageInterface *iface)
{
  iface->get_needs = fbk_heatmap_page_get_needs;
  iface->show = fbk_heatmap_page_show;
  iface->get_chart = fbk_heatmap_page_get_chart;
  iface->has_data = fbk_heatmap_page_has_data;
  iface->create_csv_job = fbk_heatmap_page_create_csv_job;
  iface->dup_file_name = fbk_heatmap_page_dup_file_name;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
fbk_heatmap_page_dispose (GObject *object)
{
  FbkHeatmapPage *self = FBK_HEATMAP_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_HEATMAP_PAGE);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_strfreev);

  G_OBJECT_CLASS (fbk_heatmap_page_parent_class)->dispose (object);
}

static void
fbk_heatmap_page_class_init (FbkHeatmapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_heatmap_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-heatmap-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkHeatmapPage, box);
  gtk_widget_class_bind_template_child (widget_class, FbkHeatmapPage, days_button);
  gtk_widget_class_bind_template_child (widget_class, FbkHeatmapPage, weekdays_button);
  gtk_widget_class_bind_template_child (widget_class, FbkHeatmapPage, chart);
  gtk_widget_class_bind_template_child (widget_class, FbkHeatmapPage, cell_label);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cursor_text_changed_cb);

  g_type_ensure (FBK_TYPE_CHART_VIEW);
}

static void
fbk_heatmap_page_init (FbkHeatmapPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fbk_heatmap_page_new (void)
{
  return g_object_new (FBK_TYPE_HEATMAP_PAGE, NULL);
}
