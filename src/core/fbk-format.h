/* fbk-format.h: numbers and Oslo dates as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-time.h"

G_BEGIN_DECLS

char *fbk_format_instant (FbkInstant  instant,
                          const char *format);

G_END_DECLS
