/* fbk-calendar.h: Norwegian public holidays and working days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-time.h"

G_BEGIN_DECLS

FbkDate  fbk_calendar_easter_sunday     (int      year);
gboolean fbk_calendar_is_public_holiday (FbkDate  date);
gboolean fbk_calendar_is_working_day    (FbkDate  date);

G_END_DECLS
