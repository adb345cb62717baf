/* fbk-max-hours-text.h: what the max-hours page says about a month, in
 * sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-max-hours-table.h"

G_BEGIN_DECLS

char *fbk_max_hours_text_month       (const FbkMaxHoursRow *row);
char *fbk_max_hours_text_covered     (const FbkMaxHoursRow *row);
char *fbk_max_hours_text_step        (const FbkMaxHoursRow *row);
char *fbk_max_hours_text_figures     (const FbkMaxHoursRow *row);
char *fbk_max_hours_text_saving      (const FbkMaxHoursRow *row);
char *fbk_max_hours_text_keep_under  (const FbkMaxHoursRow *row,
                                      FbkInstant            now);
char *fbk_max_hours_text_projection  (const FbkMaxHoursRow *row,
                                      const FbkMaxHour     *last_year,
                                      guint                 n_last_year,
                                      FbkTariffBook        *book,
                                      FbkInstant            now);
char *fbk_max_hours_text_year        (GArray               *rows,
                                      int                   year);
char *fbk_max_hours_text_kr          (double                kr);

G_END_DECLS
