/* fbk-main-view-private.h: what the files of FbkMainView share
 *
 * FbkMainView is split as GNOME Text Editor splits its window: loading and
 * showing in fbk-main-view.c, exporting what is shown in
 * fbk-main-view-export.c. What is shown is a list of pages (pages/), each
 * given the same loaded data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-main-view.h"
#include "fbk-meter-list.h"
#include "fbk-page.h"
#include "fbk-period-picker.h"
#include "fbk-tariff.h"

G_BEGIN_DECLS

struct _FbkMainView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  AdwLeaflet        *leaflet;
  GtkMenuButton     *primary_menu_button;
  GtkMenuButton     *export_button;
  FbkMeterList      *meter_list;
  FbkPeriodPicker   *period_picker;
  GtkWidget         *demo_banner;
  GtkRevealer       *progress_revealer;
  GtkProgressBar    *progress_bar;
  GtkRevealer       *notice_revealer;
  GtkLabel          *notice_label;
  GtkExpander       *notice_details;
  GtkLabel          *notice_details_label;
  GtkStack          *content_stack;
  AdwStatusPage     *no_meters_page;
  GtkWidget         *discover_button;
  GtkStack          *title_stack;
  AdwWindowTitle    *plain_title;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack      *view_stack;

  /* Owned references */
  FbkSession        *session;
  GSettings         *settings;
  FbkTariff         *tariff;
  GPtrArray         *pages;             /* FbkPage, in the switcher's order */
  /* What the pages are given: the picked meters, the period and what has
   * been loaded for them (see reload()). */
  FbkPageData        data;
  GStrv              meter_ids;
  GStrv              meter_names;
  GtkNativeDialog   *export_dialog;     /* the file chooser of an export, while open */
  GCancellable      *cancellable;       /* the current pick's loads */
  GPtrArray         *refreshing;        /* the current pick's fetches still running, for progress */

  guint              generation;
  guint              reload_source_id;
  guint              slow_source_id;    /* until a refresh counts as slow */
  gboolean           slow;              /* this selection's refresh is */
  char              *waiting_text;      /* a request waits to be tried again; until it is */
  guint              waiting_source_id;
  guint              quiet_retry_source_id; /* Elvia out of reach: the next try */
  FbkRefreshWhat     quiet_retry_what;
  guint              n_loading;         /* loads of this generation still running */
  gboolean           busy;              /* as last notified */
};

FbkPage *_fbk_main_view_get_visible_page (FbkMainView    *self);
void     _fbk_main_view_class_init_export (GtkWidgetClass *widget_class);
void     _fbk_main_view_class_init_keys   (GtkWidgetClass *widget_class);
void     _fbk_main_view_update_export     (FbkMainView    *self);
void     _fbk_main_view_dispose_export    (FbkMainView    *self);

G_END_DECLS
