/* fbk-cost-totals.c: several meters' bills as one, and the two bills in it
 *
 * The window shows what the picked meters cost together: their sheets'
 * buckets summed part by part, unknown kept unknown (a meter without a
 * value in a bucket makes the bucket's energy parts unknown, not smaller).
 * A bill is the grid company's (energy, capacity, taxes and the state's
 * scheme, electricity-bill.md) and the supplier's (electricity and its
 * fee); the production credit is beside both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-cost"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-cost-totals.h"

static const FbkCostPart grid_parts[] = {
  FBK_COST_GRID_ENERGY, FBK_COST_CAPACITY, FBK_COST_TAXES, FBK_COST_SUBSIDY, FBK_COST_NORGESPRIS,
};

static const FbkCostPart supplier_parts[] = {
  FBK_COST_ELECTRICITY, FBK_COST_FEES,
};

/* A sum of parts; NAN when any is. */
static double
sum_parts (const FbkCostParts *parts,
           const FbkCostPart  *which,
           guint               n)
{
  double sum = 0.0;

  for (guint i = 0; i < n; i++)
    sum += fbk_cost_parts_get (parts, which[i]);
  return sum;
}

/* Production is credited only where there is some: a meter that does not
 * produce adds nothing to it, rather than making it unknown. */
static void
add_bucket (FbkCostBucket       *sum,
            const FbkCostBucket *bucket)
{
  double *parts = (double *) &sum->ore;
  const double *add = (const double *) &bucket->ore;

  sum->covered_from = MIN (sum->covered_from, bucket->covered_from);
  sum->covered_to = MAX (sum->covered_to, bucket->covered_to);
  sum->hours += bucket->hours;
  sum->hours_expected += bucket->hours_expected;
  sum->unknown |= bucket->unknown;
  sum->kwh = isnan (bucket->kwh) ? sum->kwh : (isnan (sum->kwh) ? 0.0 : sum->kwh) + bucket->kwh;
  for (FbkCostPart part = 0; part < FBK_COST_N_PARTS; part++)
    {
      if (part != FBK_COST_PRODUCTION_CREDIT)
        parts[part] += add[part];
    }

  if (bucket->production_hours > 0)
    {
      sum->production_hours += bucket->production_hours;
      sum->production_kwh = (isnan (sum->production_kwh) ? 0.0 : sum->production_kwh) + bucket->production_kwh;
      sum->ore.production_credit = (isnan (sum->ore.production_credit) ? 0.0 : sum->ore.production_credit) +
                                   bucket->ore.production_credit;
    }
  sum->total = fbk_cost_bucket_grid_bill (sum) + fbk_cost_bucket_supplier_bill (sum);
}

/**
 * fbk_cost_totals_sum_sheets:
 * @sheets: sheets of one period
 *
 * Returns: (transfer full) (element-type FbkCostBucket): the sheets'
 *   buckets of @resolution summed, one per period they touch, in order;
 *   hours and hours_expected are summed over the sheets too
 */
GArray *
fbk_cost_totals_sum_sheets (const FbkCostSheet * const *sheets,
                            guint                       n_sheets,
                            FbkResolution               resolution)
{
  GArray *sum = NULL;

  for (guint s = 0; s < n_sheets; s++)
    {
      g_autoptr(GArray) buckets = fbk_cost_sheet_get_buckets (sheets[s], resolution);

      if (sum == NULL)
        {
          sum = g_steal_pointer (&buckets);
          continue;
        }

      g_return_val_if_fail (buckets->len == sum->len, sum);
      for (guint i = 0; i < sum->len; i++)
        add_bucket (&g_array_index (sum, FbkCostBucket, i), &g_array_index (buckets, FbkCostBucket, i));
    }

  return sum != NULL ? sum : g_array_new (FALSE, TRUE, sizeof (FbkCostBucket));
}

/* The grid company's bill: energy, capacity, taxes and the state's
 * scheme; NAN when any of them is not known. */
double
fbk_cost_bucket_grid_bill (const FbkCostBucket *bucket)
{
  return sum_parts (&bucket->ore, grid_parts, G_N_ELEMENTS (grid_parts));
}

/* The supplier's bill: electricity and its monthly fee. */
double
fbk_cost_bucket_supplier_bill (const FbkCostBucket *bucket)
{
  return sum_parts (&bucket->ore, supplier_parts, G_N_ELEMENTS (supplier_parts));
}

/* The bill's parts that are known, for "at least" where total is NAN. */
double
fbk_cost_bucket_known_total (const FbkCostBucket *bucket)
{
  double sum = 0.0;

  for (FbkCostPart part = 0; part < FBK_COST_N_PARTS; part++)
    {
      double value = fbk_cost_parts_get (&bucket->ore, part);

      if (part != FBK_COST_PRODUCTION_CREDIT && !isnan (value))
        sum += value;
    }
  return sum;
}

/**
 * fbk_cost_unknown_describe:
 * @unknown: FbkCostUnknown flags
 *
 * Returns: (transfer full) (nullable): why parts of a bill are not known,
 *   a sentence per reason, or %NULL when all are
 */
char *
fbk_cost_unknown_describe (guint32 unknown)
{
  static const struct { FbkCostUnknown flag; const char *why; } reasons[] = {
    { FBK_COST_UNKNOWN_CONSUMPTION, N_("Some hours have no consumption value yet.") },
    { FBK_COST_UNKNOWN_SPOT_PRICE, N_("Some hours have no spot price: the price service has not published them or could not be reached.") },
    { FBK_COST_UNKNOWN_TARIFF, N_("A price or rule of these dates is not known to Forbruk.") },
    { FBK_COST_UNKNOWN_MAX_HOURS, N_("A month has no values to find its capacity step.") },
    { FBK_COST_UNKNOWN_CAP_COUNT, N_("Earlier hours of a month have no value, so how much of the monthly cap is used is not known.") },
  };
  GString *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      if (!(unknown & reasons[i].flag))
        continue;
      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append_c (text, ' ');
      g_string_append (text, _(reasons[i].why));
    }

  return text != NULL ? g_string_free (text, FALSE) : NULL;
}
