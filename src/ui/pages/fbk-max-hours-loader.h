/* fbk-max-hours-loader.h: the hours the max-hours page needs beyond the
 * period: the rest of its first and last month, and the month in progress
 * a year before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-max-hours.h"
#include "fbk-repository.h"

G_BEGIN_DECLS

#define FBK_TYPE_MAX_HOURS_LOADER (fbk_max_hours_loader_get_type ())

G_DECLARE_FINAL_TYPE (FbkMaxHoursLoader, fbk_max_hours_loader, FBK, MAX_HOURS_LOADER, GObject)

FbkMaxHoursLoader *fbk_max_hours_loader_new            (void);
void               fbk_max_hours_loader_want           (FbkMaxHoursLoader  *self,
                                                        FbkRepository      *repository,
                                                        const char * const *meter_ids,
                                                        FbkInstant          from,
                                                        FbkInstant          to,
                                                        FbkInstant          now);
FbkInstant         fbk_max_hours_loader_get_from       (FbkMaxHoursLoader  *self);
FbkInstant         fbk_max_hours_loader_get_to         (FbkMaxHoursLoader  *self);
gboolean           fbk_max_hours_loader_is_loading     (FbkMaxHoursLoader  *self);
FbkSeries         *fbk_max_hours_loader_dup_months     (FbkMaxHoursLoader  *self,
                                                        guint               meter,
                                                        FbkSeries          *period_values);
guint              fbk_max_hours_loader_get_last_year  (FbkMaxHoursLoader  *self,
                                                        guint               meter,
                                                        FbkMaxHour          out_days[FBK_MAX_HOURS_DAYS_IN_MONTH]);
gboolean           fbk_max_hours_loader_has_last_year  (FbkMaxHoursLoader  *self);

G_END_DECLS
