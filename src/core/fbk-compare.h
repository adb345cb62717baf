/* fbk-compare.h: which earlier period a chart is compared with, and how
 * its buckets line up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-time.h"

G_BEGIN_DECLS

/* What the user compares the period with. */
typedef enum
{
  FBK_COMPARE_NONE,
  FBK_COMPARE_PREVIOUS,   /* the period just before, as long */
  FBK_COMPARE_LAST_YEAR,  /* the same period a year earlier */
} FbkCompare;

#define FBK_TYPE_COMPARE (fbk_compare_get_type ())

/* How far back the earlier period lies, on Oslo's calendar: whole days
 * (a multiple of 7, so weekdays line up) or whole months; one of them is
 * 0. Clock times stay as they are. */
typedef struct
{
  int days;
  int months;
} FbkCompareShift;

GType            fbk_compare_get_type        (void) G_GNUC_CONST;
const char      *fbk_compare_to_string       (FbkCompare              compare);
gboolean         fbk_compare_from_string     (const char             *text,
                                              FbkCompare             *out_compare);
const char      *fbk_compare_get_label       (FbkCompare              compare);

FbkCompareShift  fbk_compare_get_shift       (FbkCompare              compare,
                                              FbkResolution           resolution,
                                              FbkInstant              from,
                                              FbkInstant              to);
FbkCompareShift  fbk_compare_shift_between   (FbkResolution           resolution,
                                              FbkInstant              from,
                                              FbkInstant              earlier_from);
FbkInstant       fbk_compare_shift_back      (const FbkCompareShift  *shift,
                                              FbkInstant              instant);

double           fbk_compare_count_days      (FbkInstant              from,
                                              FbkInstant              to);

G_END_DECLS
