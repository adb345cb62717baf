/* fbk-main-view-private.h: what the files of FbkMainView share
 *
 * FbkMainView is split as GNOME Text Editor splits its window: loading and
 * showing in fbk-main-view.c, exporting what is shown in
 * fbk-main-view-export.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-chart-view.h"
#include "fbk-main-view.h"
#include "fbk-max-hours-view.h"
#include "fbk-meter-list.h"
#include "fbk-period-picker.h"
#include "fbk-tariff.h"

G_BEGIN_DECLS

struct _FbkMainView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  AdwLeaflet        *leaflet;
  GtkMenuButton     *primary_menu_button;
  FbkMeterList      *meter_list;
  FbkPeriodPicker   *period_picker;
  GtkRevealer       *progress_revealer;
  GtkProgressBar    *progress_bar;
  GtkRevealer       *notice_revealer;
  GtkLabel          *notice_label;
  GtkStack          *content_stack;
  AdwStatusPage     *no_meters_page;
  GtkWidget         *discover_button;
  GtkStack          *title_stack;
  AdwWindowTitle    *plain_title;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack      *view_stack;
  AdwViewStackPage  *production_page;
  FbkChartView      *consumption_chart;
  FbkChartView      *production_chart;
  FbkMaxHoursView   *max_hours_view;

  /* Owned references */
  FbkRepository     *repository;
  GSettings         *settings;
  FbkTariff         *tariff;
  FbkChartModel     *chart_models[2];   /* by FbkDirection */
  GPtrArray         *hourly[2];         /* FbkSeries per picked meter, by FbkDirection */
  GPtrArray         *max_hours_reports; /* FbkMaxHoursReport from Elvia */
  /* What the max-hours table shows: a GArray of FbkMaxHoursRow for each
   * meter of max_hours_ids, in the same order. */
  GStrv              max_hours_ids;
  GPtrArray         *max_hours_rows;
  GtkNativeDialog   *export_dialog;     /* the file chooser of an export, while open */
  GCancellable      *cancellable;       /* the current pick's loads */

  guint              generation;
  guint              reload_source_id;
  guint              slow_source_id;    /* until a refresh counts as slow */
  gboolean           slow;              /* this selection's refresh is */
  guint              n_loading;         /* loads of this generation still running */
  guint              n_refreshing;      /* of which fetches from Elvia */
  gboolean           busy;              /* as last notified */
  guint              progress_done[2];
  guint              progress_total[2];
};

void _fbk_main_view_class_init_export (GtkWidgetClass *widget_class);
void _fbk_main_view_update_export     (FbkMainView    *self);
void _fbk_main_view_dispose_export    (FbkMainView    *self);

G_END_DECLS
