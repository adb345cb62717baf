/* fbk-max-hours-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-max-hours-item.h"

struct _FbkMaxHoursItem
{
  GObject         parent_instance;

  char           *meter_name;
  guint           meter_index;
  FbkMaxHoursRow  row;
};

G_DEFINE_FINAL_TYPE (FbkMaxHoursItem, fbk_max_hours_item, G_TYPE_OBJECT)

static void
fbk_max_hours_item_finalize (GObject *object)
{
  FbkMaxHoursItem *self = FBK_MAX_HOURS_ITEM (object);

  g_free (self->meter_name);

  G_OBJECT_CLASS (fbk_max_hours_item_parent_class)->finalize (object);
}

static void
fbk_max_hours_item_class_init (FbkMaxHoursItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fbk_max_hours_item_finalize;
}

static void
fbk_max_hours_item_init (FbkMaxHoursItem *self)
{
}

/* The row's table pointer stays valid as long as the FbkTariff it came
 * from, which the max-hours view keeps for its whole life. */
FbkMaxHoursItem *
fbk_max_hours_item_new (const char           *meter_name,
                        guint                 meter_index,
                        const FbkMaxHoursRow *row)
{
  FbkMaxHoursItem *self = g_object_new (FBK_TYPE_MAX_HOURS_ITEM, NULL);

  self->meter_name = g_strdup (meter_name);
  self->meter_index = meter_index;
  self->row = *row;

  return self;
}

const char *
fbk_max_hours_item_get_meter_name (FbkMaxHoursItem *self)
{
  g_return_val_if_fail (FBK_IS_MAX_HOURS_ITEM (self), NULL);

  return self->meter_name;
}

const FbkMaxHoursRow *
fbk_max_hours_item_get_row (FbkMaxHoursItem *self)
{
  g_return_val_if_fail (FBK_IS_MAX_HOURS_ITEM (self), NULL);

  return &self->row;
}

/* The meter's place in the pick the item was made from. */
guint
fbk_max_hours_item_get_meter_index (FbkMaxHoursItem *self)
{
  g_return_val_if_fail (FBK_IS_MAX_HOURS_ITEM (self), 0);

  return self->meter_index;
}
