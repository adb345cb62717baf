/* fbk-heatmap-page.h: the picked meters' hours as a day × hour grid, or
 * their average week
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-page.h"

G_BEGIN_DECLS

#define FBK_TYPE_HEATMAP_PAGE (fbk_heatmap_page_get_type ())

G_DECLARE_FINAL_TYPE (FbkHeatmapPage, fbk_heatmap_page, FBK, HEATMAP_PAGE, GtkWidget)

GtkWidget *fbk_heatmap_page_new (void);

G_END_DECLS
