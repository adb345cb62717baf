/* fbk-pages.h: the pages of the main view, in the order of its switcher
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-page.h"

G_BEGIN_DECLS

typedef struct
{
  const char  *name;       /* kept in GSettings "view" */
  const char  *title;      /* N_(): translated when shown */
  const char  *icon_name;
  GtkWidget *(*create) (void);
} FbkPageInfo;

const FbkPageInfo *fbk_pages_get_all (guint *out_n_pages);

G_END_DECLS
