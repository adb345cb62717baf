/* fbk-values-page.c: the chart of the picked meters' values
 *
 * The Consumption, the Production and the Solar page: each picked
 * meter's values at the resolution picked, stacked, built by the function
 * exports and `forbruk-cli chart` use (fbk-chart-build.c), so an exported
 * chart is the one on screen. The Production page is there only when a
 * picked meter produces; the Solar page too, with what those meters took
 * from the grid above the axis, what they gave it below, and the net of
 * the two. The Consumption page can compare with an earlier period, which
 * it loads itself (stored values first, then what Elvia has).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-values-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-chart-build.h"
#include "fbk-compare-chooser.h"
#include "fbk-values-page.h"

struct _FbkValuesPage
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkWidget         *box;  /* the root, bound so that disposing the template unparents it */
  GtkWidget         *compare_row;
  FbkCompareChooser *compare_chooser;
  FbkChartView      *chart;
  AdwStatusPage     *nothing_produced;

  FbkValuesPageKind  kind;
  /* What is shown, for the Export menu and to build the chart again */
  GPtrArray         *series;      /* FbkSeries per meter and direction shown */
  GStrv              names;       /* parallel to series */
  FbkInstant         from;
  FbkInstant         to;
  FbkResolution      resolution;
  FbkInstant         now;

  /* The earlier period compared with: the same meters' consumption from
   * earlier_from, loaded for earlier_key (meters, period, choice). */
  FbkRepository     *repository;
  char              *earlier_key;
  GPtrArray         *earlier;
  FbkInstant         earlier_from;
  FbkInstant         earlier_to;
  GCancellable      *earlier_cancellable;
  gboolean           busy;
};

static void fbk_values_page_iface_init (FbkPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FbkValuesPage, fbk_values_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FBK_TYPE_PAGE, fbk_values_page_iface_init))

G_DEFINE_ENUM_TYPE (FbkValuesPageKind, fbk_values_page_kind,
  G_DEFINE_ENUM_VALUE (FBK_VALUES_PAGE_CONSUMPTION, "consumption"),
  G_DEFINE_ENUM_VALUE (FBK_VALUES_PAGE_PRODUCTION, "production"),
  G_DEFINE_ENUM_VALUE (FBK_VALUES_PAGE_SOLAR, "solar"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* The chart                                                                */
/* ------------------------------------------------------------------------ */

static void
set_busy (FbkValuesPage *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
build_chart (FbkValuesPage *self)
{
  g_autoptr(FbkChartModel) model = NULL;
  FbkCompare compare = fbk_compare_chooser_get_compare (self->compare_chooser);
  FbkChartBuildOptions options;

  /* Before the first show there is nothing; after it, a page of no meter
   * (the Production page once the producing meter is unpicked) is an
   * empty chart of the period, as the main view reports it. */
  if (self->series == NULL)
    {
      fbk_chart_view_set_model (self->chart, NULL);
      return;
    }

  fbk_chart_build_options_init (&options, self->resolution, self->from, self->to);
  options.now = self->now;
  options.net = self->kind == FBK_VALUES_PAGE_SOLAR;
  if (self->earlier != NULL && compare != FBK_COMPARE_NONE)
    {
      options.compare = (FbkSeries * const *) self->earlier->pdata;
      options.n_compare = self->earlier->len;
      options.compare_from = self->earlier_from;
      options.compare_label = fbk_compare_get_label (compare);
      options.compare_style = FBK_CHART_OVERLAY_GHOST_BARS;
    }

  model = fbk_chart_build_model_full ((FbkSeries * const *) self->series->pdata, (const char * const *) self->names,
                                      self->series->len, &options);
  fbk_chart_view_set_model (self->chart, model);
}

/* ------------------------------------------------------------------------ */
/* The earlier period                                                       */
/* ------------------------------------------------------------------------ */

static GStrv
shown_meter_ids (FbkValuesPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->series != NULL && i < self->series->len; i++)
    g_strv_builder_add (builder, fbk_series_get_metering_point_id (g_ptr_array_index (self->series, i)));
  return g_strv_builder_end (builder);
}

static void
on_earlier_refreshed_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(FbkValuesPage) self = user_data;
  g_autoptr(FbkRefreshResult) refreshed = NULL;
  g_autoptr(GError) error = NULL;

  refreshed = fbk_repository_refresh_finish (FBK_REPOSITORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Offline, the stored part stays, and the chart says what it lacks. */
  if (refreshed == NULL)
    g_debug ("The earlier period could not be refreshed: %s", error->message);
  else if (refreshed->series[FBK_DIRECTION_CONSUMPTION] != NULL)
    {
      g_clear_pointer (&self->earlier, g_ptr_array_unref);
      self->earlier = g_ptr_array_ref (refreshed->series[FBK_DIRECTION_CONSUMPTION]);
      build_chart (self);
    }
  set_busy (self, FALSE);
}

static void
on_earlier_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FbkValuesPage) self = user_data;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  stored = fbk_repository_read_values_finish (FBK_REPOSITORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (stored != NULL)
    {
      self->earlier = g_steal_pointer (&stored);
      build_chart (self);
    }

  ids = shown_meter_ids (self);
  fbk_repository_refresh_async (self->repository, (const char * const *) ids, self->earlier_from, self->earlier_to,
                                FBK_REFRESH_CONSUMPTION, NULL, NULL, self->earlier_cancellable,
                                on_earlier_refreshed_cb, g_object_ref (self));
}

/* Loads the period compared with, unless it is loaded or loading for
 * these meters, this period and this choice. */
static void
load_earlier (FbkValuesPage *self)
{
  FbkCompare compare = fbk_compare_chooser_get_compare (self->compare_chooser);
  g_autofree char *key = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *joined = NULL;
  FbkCompareShift shift;

  if (self->kind != FBK_VALUES_PAGE_CONSUMPTION || self->repository == NULL || self->series == NULL ||
      self->series->len == 0 || compare == FBK_COMPARE_NONE)
    {
      g_cancellable_cancel (self->earlier_cancellable);
      g_clear_pointer (&self->earlier_key, g_free);
      g_clear_pointer (&self->earlier, g_ptr_array_unref);
      set_busy (self, FALSE);
      return;
    }

  ids = shown_meter_ids (self);
  joined = g_strjoinv (",", ids);
  key = g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d %d", joined, self->from, self->to,
                         self->resolution, compare);
  if (g_strcmp0 (key, self->earlier_key) == 0)
    return;

  g_cancellable_cancel (self->earlier_cancellable);
  g_clear_object (&self->earlier_cancellable);
  self->earlier_cancellable = g_cancellable_new ();
  g_free (self->earlier_key);
  self->earlier_key = g_steal_pointer (&key);
  g_clear_pointer (&self->earlier, g_ptr_array_unref);

  shift = fbk_compare_get_shift (compare, self->resolution, self->from, self->to);
  self->earlier_from = fbk_compare_shift_back (&shift, self->from);
  self->earlier_to = fbk_compare_shift_back (&shift, self->to);
  set_busy (self, TRUE);
  fbk_repository_read_values_async (self->repository, (const char * const *) ids, self->earlier_from,
                                    self->earlier_to, FBK_DIRECTION_CONSUMPTION,
                                    self->earlier_cancellable, on_earlier_read_cb, g_object_ref (self));
}

static void
on_compare_changed_cb (FbkValuesPage *self)
{
  load_earlier (self);
  build_chart (self);
}

/* ------------------------------------------------------------------------ */
/* FbkPage                                                                  */
/* ------------------------------------------------------------------------ */

static FbkPageNeeds
fbk_values_page_get_needs (FbkPage *page)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (page);

  switch (self->kind)
    {
    case FBK_VALUES_PAGE_PRODUCTION:
      return FBK_PAGE_NEEDS_PRODUCTION;
    case FBK_VALUES_PAGE_SOLAR:
      return FBK_PAGE_NEEDS_CONSUMPTION | FBK_PAGE_NEEDS_PRODUCTION;
    case FBK_VALUES_PAGE_CONSUMPTION:
    default:
      return FBK_PAGE_NEEDS_CONSUMPTION;
    }
}

static gboolean
produces (const FbkPageData *data,
          const char        *metering_point_id)
{
  FbkMeteringPoint *meter = fbk_repository_find_meter (data->repository, metering_point_id);

  return meter != NULL && fbk_metering_point_get_produces (meter);
}

/* Consumption is always there to show; production only for a picked meter
 * that produces. */
static gboolean
fbk_values_page_is_available (FbkPage           *page,
                              const FbkPageData *data)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (page);

  if (self->kind == FBK_VALUES_PAGE_CONSUMPTION)
    return TRUE;

  for (guint i = 0; data->repository != NULL && data->meter_ids[i] != NULL; i++)
    {
      if (produces (data, data->meter_ids[i]))
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

/* The series the page shows: its direction's, or for the Solar page both
 * directions of the meters that produce. */
static GPtrArray *
pick_series (FbkValuesPage     *self,
             const FbkPageData *data)
{
  GPtrArray *picked = g_ptr_array_new_with_free_func (g_object_unref);

  for (FbkDirection d = FBK_DIRECTION_CONSUMPTION; d <= FBK_DIRECTION_PRODUCTION; d++)
    {
      gboolean wanted = self->kind == FBK_VALUES_PAGE_SOLAR ||
                        (d == FBK_DIRECTION_CONSUMPTION) == (self->kind == FBK_VALUES_PAGE_CONSUMPTION);

      for (guint i = 0; wanted && data->hourly[d] != NULL && i < data->hourly[d]->len; i++)
        {
          FbkSeries *series = g_ptr_array_index (data->hourly[d], i);

          if (self->kind != FBK_VALUES_PAGE_SOLAR || produces (data, fbk_series_get_metering_point_id (series)))
            g_ptr_array_add (picked, g_object_ref (series));
        }
    }
  return picked;
}

static void
fbk_values_page_show (FbkPage           *page,
                      const FbkPageData *data)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (page);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  gboolean nothing;

  g_clear_pointer (&self->series, g_ptr_array_unref);
  self->series = pick_series (self, data);
  for (guint i = 0; i < self->series->len; i++)
    g_strv_builder_add (names, fbk_page_data_get_name (data, fbk_series_get_metering_point_id (g_ptr_array_index (self->series, i))));
  g_strfreev (self->names);
  self->names = g_strv_builder_end (names);
  self->from = data->from;
  self->to = data->to;
  self->resolution = data->resolution;
  self->now = data->now;
  g_set_object (&self->repository, data->repository);

  load_earlier (self);
  build_chart (self);

  /* Words, not an empty 0–1 axis that says "Produced 0.00 kWh". */
  nothing = self->kind == FBK_VALUES_PAGE_PRODUCTION && all_zero (self->series);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), !nothing);
  gtk_widget_set_visible (GTK_WIDGET (self->nothing_produced), nothing);
  if (nothing)
    adw_status_page_set_description (self->nothing_produced, why_nothing_produced (data->from, data->to));
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

/* The values at the resolution shown, the same table as
 * `forbruk-cli values`. */
static FbkCsvJob *
fbk_values_page_create_csv_job (FbkPage     *page,
                                FbkCsvStyle  style)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (page);

  return fbk_csv_job_new_values (self->series, style, self->resolution, self->from, self->to);
}

static char *
fbk_values_page_dup_file_name (FbkPage    *page,
                               const char *extension)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (page);

  return fbk_page_dup_values_file_name (self->series, self->chart, self->from, self->to, extension);
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
fbk_values_page_constructed (GObject *object)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (object);

  G_OBJECT_CLASS (fbk_values_page_parent_class)->constructed (object);

  gtk_widget_set_visible (self->compare_row, self->kind == FBK_VALUES_PAGE_CONSUMPTION);
}

static void
fbk_values_page_dispose (GObject *object)
{
  FbkValuesPage *self = FBK_VALUES_PAGE (object);

  g_cancellable_cancel (self->earlier_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_VALUES_PAGE);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->earlier, g_ptr_array_unref);
  g_clear_pointer (&self->earlier_key, g_free);
  g_clear_object (&self->earlier_cancellable);
  g_clear_object (&self->repository);

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
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
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
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
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

  object_class->constructed = fbk_values_page_constructed;
  object_class->dispose = fbk_values_page_dispose;
  object_class->get_property = fbk_values_page_get_property;
  object_class->set_property = fbk_values_page_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       FBK_TYPE_VALUES_PAGE_KIND, FBK_VALUES_PAGE_CONSUMPTION,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * FbkValuesPage:busy:
   *
   * Whether the period compared with is still loading.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-values-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkValuesPage, box);
  gtk_widget_class_bind_template_child (widget_class, FbkValuesPage, compare_row);
  gtk_widget_class_bind_template_child (widget_class, FbkValuesPage, compare_chooser);
  gtk_widget_class_bind_template_child (widget_class, FbkValuesPage, chart);
  gtk_widget_class_bind_template_child (widget_class, FbkValuesPage, nothing_produced);
  gtk_widget_class_bind_template_callback (widget_class, on_compare_changed_cb);

  g_type_ensure (FBK_TYPE_CHART_VIEW);
  g_type_ensure (FBK_TYPE_COMPARE_CHOOSER);
}

static void
fbk_values_page_init (FbkValuesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fbk_values_page_new_consumption (void)
{
  return g_object_new (FBK_TYPE_VALUES_PAGE, "kind", FBK_VALUES_PAGE_CONSUMPTION, NULL);
}

GtkWidget *
fbk_values_page_new_production (void)
{
  return g_object_new (FBK_TYPE_VALUES_PAGE, "kind", FBK_VALUES_PAGE_PRODUCTION, NULL);
}

GtkWidget *
fbk_values_page_new_solar (void)
{
  return g_object_new (FBK_TYPE_VALUES_PAGE, "kind", FBK_VALUES_PAGE_SOLAR, NULL);
}

gboolean
fbk_values_page_get_busy (FbkValuesPage *self)
{
  g_return_val_if_fail (FBK_IS_VALUES_PAGE (self), FALSE);

  return self->busy;
}

FbkCompareChooser *
fbk_values_page_get_compare_chooser (FbkValuesPage *self)
{
  g_return_val_if_fail (FBK_IS_VALUES_PAGE (self), NULL);

  return self->compare_chooser;
}
