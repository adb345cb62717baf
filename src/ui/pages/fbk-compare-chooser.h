/* fbk-compare-chooser.h: "Compare with: None / Previous period / Same
 * period last year", for any page that compares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fbk-compare.h"

G_BEGIN_DECLS

#define FBK_TYPE_COMPARE_CHOOSER (fbk_compare_chooser_get_type ())

G_DECLARE_FINAL_TYPE (FbkCompareChooser, fbk_compare_chooser, FBK, COMPARE_CHOOSER, GtkWidget)

FbkCompare fbk_compare_chooser_get_compare (FbkCompareChooser *self);
void       fbk_compare_chooser_set_compare (FbkCompareChooser *self,
                                            FbkCompare         compare);

G_END_DECLS
