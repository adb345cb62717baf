/* fbk-page.c: one page of the main view
 *
 * The main view keeps the meter list, the period picker, the Export menu
 * and the loading for every page alike; a page says what it needs
 * (fbk_page_get_needs()), shows what the main view hands it
 * (fbk_page_show()), and for the Export menu what it can save: its chart
 * and its data as CSV. A page that has nothing to show for the picked
 * meters (production, for meters that do not produce) says so
 * (fbk_page_is_available()) and is hidden from the view switcher.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-page"

#include "config.h"

#include "fbk-chart-build.h"
#include "fbk-page.h"

G_DEFINE_INTERFACE (FbkPage, fbk_page, GTK_TYPE_WIDGET)

static void
fbk_page_default_init (FbkPageInterface *iface)
{
}

const char *
fbk_page_data_get_name (const FbkPageData *data,
                        const char        *metering_point_id)
{
  for (guint i = 0; data->meter_ids != NULL && data->meter_ids[i] != NULL; i++)
    {
      if (g_strcmp0 (data->meter_ids[i], metering_point_id) == 0)
        return data->meter_names[i];
    }
  return metering_point_id;
}

struct _FbkCsvJob
{
  FbkCsvWriteFunc write;
  gpointer        data;
  GDestroyNotify  free_data;
};

FbkCsvJob *
fbk_csv_job_new (FbkCsvWriteFunc write,
                 gpointer        data,
                 GDestroyNotify  free_data)
{
  FbkCsvJob *job = g_new0 (FbkCsvJob, 1);

  job->write = write;
  job->data = data;
  job->free_data = free_data;
  return job;
}

static GBytes *
write_written_csv (gpointer data)
{
  return g_bytes_ref (data);
}

/* A job for a table that was quick enough to write at once: it hands
 * over @csv (taking it). */
FbkCsvJob *
fbk_csv_job_new_written (GBytes *csv)
{
  return fbk_csv_job_new (write_written_csv, csv, (GDestroyNotify) g_bytes_unref);
}

/* In any one thread at a time. */
GBytes *
fbk_csv_job_run (FbkCsvJob *job)
{
  return job->write (job->data);
}

void
fbk_csv_job_free (FbkCsvJob *job)
{
  if (job == NULL)
    return;

  if (job->free_data != NULL)
    job->free_data (job->data);
  g_free (job);
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

/**
 * fbk_csv_job_new_values:
 * @series: (element-type FbkSeries): hourly values, which nothing changes
 *   once handed over (a load hands the pages new ones)
 *
 * The values at @resolution, the same table as `forbruk-cli values`.
 *
 * Returns: (transfer full): a job for the Export menu
 */
FbkCsvJob *
fbk_csv_job_new_values (GPtrArray     *series,
                        FbkCsvStyle    style,
                        FbkResolution  resolution,
                        FbkInstant     from,
                        FbkInstant     to)
{
  ValuesCsv *csv = g_new0 (ValuesCsv, 1);

  csv->style = style;
  csv->series = g_ptr_array_ref (series);
  csv->resolution = resolution;
  csv->from = from;
  csv->to = to;

  return fbk_csv_job_new (write_values_csv, csv, (GDestroyNotify) values_csv_free);
}

/**
 * fbk_page_dup_values_file_name:
 * @series: (element-type FbkSeries): the values shown
 * @chart: (nullable): the chart showing them
 * @extension: "png", "csv"…
 *
 * Returns: (transfer full): forbruk-METER-FIRST-LAST.EXT: for a chart the
 *   days in view, for data the period
 */
char *
fbk_page_dup_values_file_name (GPtrArray    *series,
                               FbkChartView *chart,
                               FbkInstant    from,
                               FbkInstant    to,
                               const char   *extension)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; series != NULL && i < series->len; i++)
    g_strv_builder_add (builder, fbk_series_get_metering_point_id (g_ptr_array_index (series, i)));
  ids = g_strv_builder_end (builder);

  if (g_strcmp0 (extension, "csv") != 0 && chart != NULL && fbk_chart_view_get_zoomed (chart))
    {
      from = fbk_chart_view_get_visible_from (chart);
      to = fbk_chart_view_get_visible_to (chart);
    }

  return fbk_chart_build_file_name ((const char * const *) ids, from, to, extension);
}

FbkPageNeeds
fbk_page_get_needs (FbkPage *self)
{
  g_return_val_if_fail (FBK_IS_PAGE (self), 0);

  return FBK_PAGE_GET_IFACE (self)->get_needs (self);
}

/* Whether the page draws its data at the picked resolution; the picker
 * hides its resolution menu where it would do nothing. Unless it says
 * otherwise, a page does. */
gboolean
fbk_page_uses_resolution (FbkPage *self)
{
  FbkPageInterface *iface;

  g_return_val_if_fail (FBK_IS_PAGE (self), FALSE);

  iface = FBK_PAGE_GET_IFACE (self);
  return iface->uses_resolution == NULL || iface->uses_resolution (self);
}

void
fbk_page_show (FbkPage           *self,
               const FbkPageData *data)
{
  g_return_if_fail (FBK_IS_PAGE (self));
  g_return_if_fail (data != NULL);

  FBK_PAGE_GET_IFACE (self)->show (self, data);
}

/* Whether the page has anything to show for @data's meters; cheap, as it
 * is asked whenever the meters change. */
gboolean
fbk_page_is_available (FbkPage           *self,
                       const FbkPageData *data)
{
  FbkPageInterface *iface;

  g_return_val_if_fail (FBK_IS_PAGE (self), FALSE);

  iface = FBK_PAGE_GET_IFACE (self);
  return iface->is_available == NULL || iface->is_available (self, data);
}

/**
 * fbk_page_get_chart:
 *
 * Returns: (transfer none) (nullable): the chart "Save Chart as Image"
 *   and "Copy Chart" take, when the page shows one with data
 */
FbkChartView *
fbk_page_get_chart (FbkPage *self)
{
  FbkPageInterface *iface;
  FbkChartView *chart;
  FbkChartModel *model;

  g_return_val_if_fail (FBK_IS_PAGE (self), NULL);

  iface = FBK_PAGE_GET_IFACE (self);
  chart = iface->get_chart != NULL ? iface->get_chart (self) : NULL;
  model = chart != NULL ? fbk_chart_view_get_model (chart) : NULL;

  return model != NULL && fbk_chart_model_get_n_series (model) > 0 ? chart : NULL;
}

/**
 * fbk_page_get_chart_model:
 *
 * Returns: (transfer none) (nullable): what the page's chart shows
 */
FbkChartModel *
fbk_page_get_chart_model (FbkPage *self)
{
  FbkPageInterface *iface;

  g_return_val_if_fail (FBK_IS_PAGE (self), NULL);

  iface = FBK_PAGE_GET_IFACE (self);
  return iface->get_chart != NULL ? fbk_chart_view_get_model (iface->get_chart (self)) : NULL;
}

/* Whether "Save Data as CSV" has anything to write. */
gboolean
fbk_page_has_data (FbkPage *self)
{
  FbkPageInterface *iface;

  g_return_val_if_fail (FBK_IS_PAGE (self), FALSE);

  iface = FBK_PAGE_GET_IFACE (self);
  return iface->has_data != NULL && iface->has_data (self);
}

/**
 * fbk_page_create_csv_job:
 *
 * Returns: (transfer full) (nullable): the page's data as "Save Data as
 *   CSV" writes it, or %NULL when it has none (fbk_page_has_data())
 */
FbkCsvJob *
fbk_page_create_csv_job (FbkPage     *self,
                         FbkCsvStyle  style)
{
  g_return_val_if_fail (FBK_IS_PAGE (self), NULL);

  if (!fbk_page_has_data (self))
    return NULL;

  return FBK_PAGE_GET_IFACE (self)->create_csv_job (self, style);
}

/**
 * fbk_page_dup_file_name:
 * @extension: "png", "csv"…
 *
 * Returns: (transfer full): what to call a file of what the page shows
 */
char *
fbk_page_dup_file_name (FbkPage    *self,
                        const char *extension)
{
  g_return_val_if_fail (FBK_IS_PAGE (self), NULL);

  return FBK_PAGE_GET_IFACE (self)->dup_file_name (self, extension);
}
