/* fbk-pages.c: the pages of the main view, in the order of its switcher
 *
 * A new page is a widget implementing FbkPage in a file of its own and
 * one line here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-pages"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-cost-page.h"
#include "fbk-heatmap-page.h"
#include "fbk-max-hours-view.h"
#include "fbk-pages.h"
#include "fbk-values-page.h"

static const FbkPageInfo pages[] = {
  { "consumption", N_("Consumption"), "io.github.forbruk.Forbruk-symbolic", fbk_values_page_new_consumption },
  { "production", N_("Production"), "weather-clear-symbolic", fbk_values_page_new_production },
  { "solar", N_("Solar"), "network-transmit-receive-symbolic", fbk_values_page_new_solar },
  { "heatmap", N_("Heatmap"), "view-grid-symbolic", fbk_heatmap_page_new },
  { "max-hours", N_("Max Hours"), "view-list-symbolic", fbk_max_hours_view_new },
  { "cost", N_("Cost"), "accessories-calculator-symbolic", fbk_cost_page_new },
};

const FbkPageInfo *
fbk_pages_get_all (guint *out_n_pages)
{
  *out_n_pages = G_N_ELEMENTS (pages);
  return pages;
}
