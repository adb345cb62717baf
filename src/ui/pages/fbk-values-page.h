/* fbk-values-page.h: the chart of the picked meters' values in one direction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-page.h"

G_BEGIN_DECLS

#define FBK_TYPE_VALUES_PAGE (fbk_values_page_get_type ())

G_DECLARE_FINAL_TYPE (FbkValuesPage, fbk_values_page, FBK, VALUES_PAGE, GtkWidget)

GtkWidget *fbk_values_page_new_consumption (void);
GtkWidget *fbk_values_page_new_production  (void);

G_END_DECLS
