/* fbk-format.h: numbers and Oslo dates as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-time.h"

G_BEGIN_DECLS

char *fbk_format_number  (double         value,
                          int            decimals);
char *fbk_format_kr      (double         ore,
                          int            decimals);
char *fbk_format_instant (FbkInstant     instant,
                          const char    *format);
char *fbk_format_date    (FbkDate        date,
                          const char    *format);
char *fbk_format_period  (FbkInstant     start,
                          FbkInstant     end,
                          FbkResolution  resolution);
char *fbk_format_range   (FbkInstant     start,
                          FbkInstant     end,
                          FbkResolution  resolution);

G_END_DECLS
