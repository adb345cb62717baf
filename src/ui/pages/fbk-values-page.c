/* fbk-values-page.c: the chart of the picked meters' values in one direction
 *
 * The Consumption and the Production page: each picked meter's values at
 * the resolution picked, stacked, built by the function exports and
 * `forbruk-cli chart` use (fbk-chart-build.c), so an exported chart is the
 * one on screen. The Production page is there only when a picked meter
 * produces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-values-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-chart-build.h"
#include "fbk-values-page.h"

struct _FbkValuesPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  FbkChartView  *chart;
  AdwStatusPage *nothing_produced;

  FbkDirection   direction;
  /* What is shown, for the Export menu */
  GPtrArray     *series;      /* FbkSeries per meter shown */
  FbkInstant     from;
  FbkInstant     to;
  FbkResolution  resolution;
};

static void fbk_values_page_iface_init (FbkPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FbkValuesPage, fbk_values_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FBK_TYPE_PAGE, fbk_values_page_iface_init))

enum {
  PROP_0,
  PROP_DIRECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* FbkPage                                                                  */
/* ------------------------------------------------------------------------ */

static FbkPageNeeds
fbk_values_page_get_needs (FbkPage *page)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (page);

  return self->direction == FBK_DIRECTION_CONSUMPTION ? FBK_PAGE_NEEDS_CONSUMPTION : FBK_PAGE_NEEDS_PRODUCTION;
}

/* Consumption is always there to show; production only for a picked meter
 * that produces. */
static gboolean
fbk_values_page_is_available (FbkPage           *page,
                              const FbkPageData *data)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (page);

  if (self->direction == FBK_DIRECTION_CONSUMPTION)
    return TRUE;

  for (guint i = 0; data->repository != NULL && data->meter_ids[i] != NULL; i++)
    {
      FbkMeteringPoint *meter = fbk_repository_find_meter (data->repository, data->meter_ids[i]);

      if (meter != NULL && fbk_metering_point_get_produces (meter))
        return TRUE;
    }
  return FALSE;
}

/* Values that are there and all zero: a production meter in the dark
 * months, say. No values at all is something else, unknown, which the
 * chart says itself. */
static gboolean
all_zero (GPtrArray *series)
{
  gboolean any = FALSE;

  for (guint i = 0; series != NULL && i < series->len; i++)
    {
      guint n = 0;
      const FbkInterval *intervals = fbk_series_get_intervals (g_ptr_array_index (series, i), &n);

      for (guint j = 0; j < n; j++)
        {
          if (intervals[j].kwh != 0.0)
            return FALSE;
          any = TRUE;
        }
    }
  return any;
}

/* Household production in Norway is solar: in November to January the
 * sun is low and brief, and panels are often under snow. */
static const char *
why_nothing_produced (FbkInstant from,
                      FbkInstant to)
{
  int month = fbk_time_oslo_date (from + (to - from) / 2).month;

  if (month == 11 || month == 12 || month == 1)
    return _("Solar panels make little or nothing in the dark months, and snow may cover them. "
             "The meter counts only what goes out to the grid.");
  return _("The meter counts only what goes out to the grid: what the home uses at once of what "
           "it makes is not counted.");
}

static void
fbk_values_page_show (FbkPage           *page,
                      const FbkPageData *data)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (page);
  GPtrArray *series = data->hourly[self->direction];
  guint n = series != NULL ? series->len : 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(FbkChartModel) model = NULL;
  gboolean nothing;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, (gpointer) fbk_page_data_get_name (data, fbk_series_get_metering_point_id (g_ptr_array_index (series, i))));
  g_ptr_array_add (names, NULL);

  model = fbk_chart_build_model (n > 0 ? (FbkSeries * const *) series->pdata : NULL,
                                 (const char * const *) names->pdata, n,
                                 data->resolution, data->from, data->to);
  fbk_chart_view_set_model (self->chart, model);

  /* Words, not an empty 0–1 axis that says "Produced 0.00 kWh". */
  nothing = self->direction == FBK_DIRECTION_PRODUCTION && all_zero (series);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), !nothing);
  gtk_widget_set_visible (GTK_WIDGET (self->nothing_produced), nothing);
  if (nothing)
    adw_status_page_set_description (self->nothing_produced, why_nothing_produced (data->from, data->to));

  g_clear_pointer (&self->series, g_ptr_array_unref);
  self->series = series != NULL ? g_ptr_array_ref (series) : NULL;
  self->from = data->from;
  self->to = data->to;
  self->resolution = data->resolution;
}

static FbkChartView *
fbk_values_page_get_chart (FbkPage *page)
{
  return FBK_VALUES_PAGE (page)->chart;
}

static gboolean
fbk_values_page_has_data (FbkPage *page)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (page);

  return self->series != NULL && self->series->len > 0;
}

typedef struct
{
  FbkCsvStyle    style;
  GPtrArray     *series;   /* FbkSeries, hourly */
  FbkResolution  resolution;
  FbkInstant     from;
  FbkInstant     to;
} ValuesCsv;

static void
values_csv_free (ValuesCsv *csv)
{
  g_ptr_array_unref (csv->series);
  g_free (csv);
}

static GBytes *
write_values_csv (gpointer data)
{
  ValuesCsv *csv = data;
  GString *text = g_string_new (NULL);

  fbk_csv_write_values (text, csv->style, (FbkSeries * const *) csv->series->pdata, csv->series->len,
                        csv->resolution, csv->from, csv->to);
  return g_string_free_to_bytes (text);
}

/* The values at the resolution shown, the same table as
 * `forbruk-cli values`. The worker thread only reads the series: a load
 * hands the pages new ones, and nothing changes one it has handed over. */
static FbkCsvJob *
fbk_values_page_create_csv_job (FbkPage     *page,
                                FbkCsvStyle  style)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (page);
  ValuesCsv *csv = g_new0 (ValuesCsv, 1);

  csv->style = style;
  csv->series = g_ptr_array_ref (self->series);
  csv->resolution = self->resolution;
  csv->from = self->from;
  csv->to = self->to;

  return fbk_csv_job_new (write_values_csv, csv, (GDestroyNotify) values_csv_free);
}

/* forbruk-METER-FIRST-LAST.EXT: for a chart the days in view, for data
 * the period. */
static char *
fbk_values_page_dup_file_name (FbkPage    *page,
                               const char *extension)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (page);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  FbkInstant from = self->from;
  FbkInstant to = self->to;

  for (guint i = 0; self->series != NULL && i < self->series->len; i++)
    g_strv_builder_add (builder, fbk_series_get_metering_point_id (g_ptr_array_index (self->series, i)));
  ids = g_strv_builder_end (builder);

  if (g_strcmp0 (extension, "csv") != 0 && fbk_chart_view_get_zoomed (self->chart))
    {
      from = fbk_chart_view_get_visible_from (self->chart);
      to = fbk_chart_view_get_visible_to (self->chart);
    }

  return fbk_chart_build_file_name ((const char * const *) ids, from, to, extension);
}

static void
fbk_values_page_iface_init (FbkPageInterface *iface)
{
  iface->get_needs = fbk_values_page_get_needs;
  iface->is_available = fbk_values_page_is_available;
  iface->show = fbk_values_page_show;
  iface->get_chart = fbk_values_page_get_chart;
  iface->has_data = fbk_values_page_has_data;
  iface->create_csv_job = fbk_values_page_create_csv_job;
  iface->dup_file_name = fbk_values_page_dup_file_name;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
fbk_values_page_dispose (GObject *object)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_VALUES_PAGE);
  g_clear_pointer (&self->series, g_ptr_array_unref);

  G_OBJECT_CLASS (fbk_values_page_parent_class)->dispose (object);
}

static void
fbk_values_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_values_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DIRECTION:
      self->direction = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_values_page_class_init (FbkValuesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_values_page_dispose;
  object_class->get_property = fbk_values_page_get_property;
  object_class->set_property = fbk_values_page_set_property;

  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL,
                       FBK_TYPE_DIRECTION, FBK_DIRECTION_CONSUMPTION,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-values-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkValuesPage, chart);
  gtk_widget_class_bind_template_child (widget_class, FbkValuesPage, nothing_produced);

  g_type_ensure (FBK_TYPE_CHART_VIEW);
}

static void
fbk_values_page_init (FbkValuesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fbk_values_page_new_consumption (void)
{
  return g_object_new (FBK_TYPE_VALUES_PAGE, "direction", FBK_DIRECTION_CONSUMPTION, NULL);
}

GtkWidget *
fbk_values_page_new_production (void)
{
  return g_object_new (FBK_TYPE_VALUES_PAGE, "direction", FBK_DIRECTION_PRODUCTION, NULL);
}
