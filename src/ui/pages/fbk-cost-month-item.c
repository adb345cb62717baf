/* fbk-cost-month-item.c: one month of the Cost page's table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-cost-month-item.h"

struct _FbkCostMonthItem
{
  GObject          parent_instance;

  FbkCostBucket    month;
  FbkVerdictMonth  verdict;
  gboolean         has_verdict;
};

G_DEFINE_FINAL_TYPE (FbkCostMonthItem, fbk_cost_month_item, G_TYPE_OBJECT)

static void
fbk_cost_month_item_class_init (FbkCostMonthItemClass *klass)
{
}

static void
fbk_cost_month_item_init (FbkCostMonthItem *self)
{
}

/* @verdict (nullable): the month under either scheme, when Norgespris
 * could be had then. */
FbkCostMonthItem *
fbk_cost_month_item_new (const FbkCostBucket   *month,
                         const FbkVerdictMonth *verdict)
{
  FbkCostMonthItem *self = g_object_new (FBK_TYPE_COST_MONTH_ITEM, NULL);

  self->month = *month;
  self->has_verdict = verdict != NULL;
  if (verdict != NULL)
    self->verdict = *verdict;

  return self;
}

const FbkCostBucket *
fbk_cost_month_item_get_month (FbkCostMonthItem *self)
{
  g_return_val_if_fail (FBK_IS_COST_MONTH_ITEM (self), NULL);

  return &self->month;
}

/**
 * fbk_cost_month_item_get_verdict:
 *
 * Returns: (nullable): the month under either scheme
 */
const FbkVerdictMonth *
fbk_cost_month_item_get_verdict (FbkCostMonthItem *self)
{
  g_return_val_if_fail (FBK_IS_COST_MONTH_ITEM (self), NULL);

  return self->has_verdict ? &self->verdict : NULL;
}
