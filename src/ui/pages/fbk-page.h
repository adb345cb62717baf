/* fbk-page.h: one page of the main view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-chart-view.h"
#include "fbk-csv.h"
#include "fbk-repository.h"
#include "fbk-tariff.h"

G_BEGIN_DECLS

/* What a page shows, so the main view loads it. */
typedef enum
{
  FBK_PAGE_NEEDS_CONSUMPTION = 1 << 0,  /* hourly consumption of the picked meters */
  FBK_PAGE_NEEDS_PRODUCTION  = 1 << 1,  /* hourly production of those that produce */
  FBK_PAGE_NEEDS_MAX_HOURS   = 1 << 2,  /* Elvia's max hours of the period's last months */
} FbkPageNeeds;

/* What the main view has for the picked meters and period, loaded as the
 * pages need it; a part not (yet) loaded is NULL. Borrowed for the length
 * of fbk_page_show(): a page keeps references to what it keeps. */
typedef struct
{
  FbkRepository      *repository;
  const char * const *meter_ids;          /* the picked meters */
  const char * const *meter_names;        /* what to call them, parallel to meter_ids */
  FbkInstant          from;
  FbkInstant          to;
  FbkResolution       resolution;
  FbkInstant          now;
  FbkTariff          *tariff;
  GPtrArray          *hourly[2];          /* FbkSeries per meter by FbkDirection; production only of meters that produce */
  GPtrArray          *max_hours_reports;  /* FbkMaxHoursReport */
} FbkPageData;

const char *fbk_page_data_get_name (const FbkPageData *data,
                                    const char        *metering_point_id);

/* A CSV file's text, made off the main thread from copies nothing else
 * touches (three years of hours take tens of milliseconds to write). */
typedef GBytes *(*FbkCsvWriteFunc) (gpointer data);

typedef struct _FbkCsvJob FbkCsvJob;

FbkCsvJob *fbk_csv_job_new  (FbkCsvWriteFunc  write,
                             gpointer         data,
                             GDestroyNotify   free_data);
FbkCsvJob *fbk_csv_job_new_written (GBytes    *csv);
GBytes    *fbk_csv_job_run  (FbkCsvJob       *job);
void       fbk_csv_job_free (FbkCsvJob       *job);

FbkCsvJob *fbk_csv_job_new_values        (GPtrArray     *series,
                                          FbkCsvStyle    style,
                                          FbkResolution  resolution,
                                          FbkInstant     from,
                                          FbkInstant     to);
char      *fbk_page_dup_values_file_name (GPtrArray     *series,
                                          FbkChartView  *chart,
                                          FbkInstant     from,
                                          FbkInstant     to,
                                          const char    *extension);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkCsvJob, fbk_csv_job_free)

#define FBK_TYPE_PAGE (fbk_page_get_type ())

G_DECLARE_INTERFACE (FbkPage, fbk_page, FBK, PAGE, GtkWidget)

struct _FbkPageInterface
{
  GTypeInterface parent_iface;

  FbkPageNeeds   (*get_needs)      (FbkPage           *self);
  gboolean       (*is_available)   (FbkPage           *self,
                                    const FbkPageData *data);
  void           (*show)           (FbkPage           *self,
                                    const FbkPageData *data);
  FbkChartView  *(*get_chart)      (FbkPage           *self);
  gboolean       (*has_data)       (FbkPage           *self);
  FbkCsvJob     *(*create_csv_job) (FbkPage           *self,
                                    FbkCsvStyle        style);
  char          *(*dup_file_name)  (FbkPage           *self,
                                    const char        *extension);
  gboolean       (*uses_resolution) (FbkPage          *self);
};

FbkPageNeeds   fbk_page_get_needs      (FbkPage           *self);
gboolean       fbk_page_uses_resolution (FbkPage          *self);
void           fbk_page_show           (FbkPage           *self,
                                        const FbkPageData *data);
gboolean       fbk_page_is_available   (FbkPage           *self,
                                        const FbkPageData *data);
FbkChartView  *fbk_page_get_chart      (FbkPage           *self);
FbkChartModel *fbk_page_get_chart_model (FbkPage          *self);
gboolean       fbk_page_has_data       (FbkPage           *self);
FbkCsvJob     *fbk_page_create_csv_job (FbkPage           *self,
                                        FbkCsvStyle        style);
char          *fbk_page_dup_file_name  (FbkPage           *self,
                                        const char        *extension);

G_END_DECLS
