/* fbk-metering-point.h: one metering point (målepunkt) on the token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-time.h"

G_BEGIN_DECLS

/* Elvia's metering point ids are 18-digit GSRNs such as 707057500012345678.
 * They are kept as the exact string: leading digits matter and they are keys,
 * never numbers. */
#define FBK_METERING_POINT_ID_LENGTH 18

#define FBK_TYPE_METERING_POINT (fbk_metering_point_get_type ())

G_DECLARE_FINAL_TYPE (FbkMeteringPoint, fbk_metering_point, FBK, METERING_POINT, GObject)

FbkMeteringPoint *fbk_metering_point_new                (const char       *id);
const char       *fbk_metering_point_get_id             (FbkMeteringPoint *self);
FbkInstant        fbk_metering_point_get_contract_start (FbkMeteringPoint *self);
void              fbk_metering_point_set_contract_start (FbkMeteringPoint *self,
                                                         FbkInstant        contract_start);
FbkInstant        fbk_metering_point_get_contract_end   (FbkMeteringPoint *self);
void              fbk_metering_point_set_contract_end   (FbkMeteringPoint *self,
                                                         FbkInstant        contract_end);
gboolean          fbk_metering_point_get_produces       (FbkMeteringPoint *self);
void              fbk_metering_point_set_produces       (FbkMeteringPoint *self,
                                                         gboolean          produces);
gboolean          fbk_metering_point_get_always_unverified (FbkMeteringPoint *self);
void              fbk_metering_point_set_always_unverified (FbkMeteringPoint *self,
                                                            gboolean          always_unverified);
const char       *fbk_metering_point_get_name           (FbkMeteringPoint *self);
void              fbk_metering_point_set_name           (FbkMeteringPoint *self,
                                                         const char       *name);
char             *fbk_metering_point_dup_display_name   (FbkMeteringPoint *self);

gboolean          fbk_metering_point_id_is_valid        (const char       *id);
char             *fbk_metering_point_id_format          (const char       *id);
char             *fbk_metering_point_dup_default_name   (const char       *id);

G_END_DECLS
