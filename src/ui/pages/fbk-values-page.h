/* fbk-values-page.h: the chart of the picked meters' values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-compare-chooser.h"
#include "fbk-page.h"

G_BEGIN_DECLS

/* Which values a page shows. */
typedef enum
{
  FBK_VALUES_PAGE_CONSUMPTION,  /* the picked meters' consumption, compared or not */
  FBK_VALUES_PAGE_PRODUCTION,   /* the production of those that produce */
  FBK_VALUES_PAGE_SOLAR,        /* both, of those that produce, and the net */
} FbkValuesPageKind;

#define FBK_TYPE_VALUES_PAGE_KIND (fbk_values_page_kind_get_type ())
#define FBK_TYPE_VALUES_PAGE (fbk_values_page_get_type ())

GType fbk_values_page_kind_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (FbkValuesPage, fbk_values_page, FBK, VALUES_PAGE, GtkWidget)

GtkWidget         *fbk_values_page_new_consumption     (void);
GtkWidget         *fbk_values_page_new_production      (void);
GtkWidget         *fbk_values_page_new_solar           (void);
gboolean           fbk_values_page_get_busy            (FbkValuesPage *self);
FbkCompareChooser *fbk_values_page_get_compare_chooser (FbkValuesPage *self);

G_END_DECLS
