/* fbk-chart-cost.c: the chart of what the picked meters cost
 *
 * One stacked bar per bucket in kr incl. VAT: the bills' charges above
 * the axis, what comes off them (strømstøtte, a Norgespris settlement in
 * the household's favour, production sold) below it. A Norgespris
 * settlement takes either side by its sign, bucket by bucket. A part not
 * known in a bucket is not drawn there (the tooltip and the header say
 * so); a part that is zero throughout has no series, so the legend names
 * only what the bill holds. For the window's Cost page and `forbruk-cli
 * chart --kind cost` alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-cost"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-build.h"
#include "fbk-chart-cost.h"

typedef enum
{
  TAKE_CHARGE,   /* the part's value, when above zero */
  TAKE_CREDIT,   /* minus the part's value, when that is above zero */
} Take;

typedef struct
{
  FbkCostPart  part;
  Take         take;
  guint        colour_slot;
} PartSeries;

/* Bottom up: what every hour costs first, the monthly amounts on top. */
static const PartSeries part_series[] = {
  { FBK_COST_ELECTRICITY, TAKE_CHARGE, 0 },
  { FBK_COST_GRID_ENERGY, TAKE_CHARGE, 1 },
  { FBK_COST_TAXES, TAKE_CHARGE, 3 },
  { FBK_COST_NORGESPRIS, TAKE_CHARGE, 4 },
  { FBK_COST_CAPACITY, TAKE_CHARGE, 2 },
  { FBK_COST_FEES, TAKE_CHARGE, 5 },
  { FBK_COST_SUBSIDY, TAKE_CREDIT, 0 },
  { FBK_COST_NORGESPRIS, TAKE_CREDIT, 1 },
  { FBK_COST_PRODUCTION_CREDIT, TAKE_CREDIT, 2 },
};

const char *
fbk_chart_cost_part_label (FbkCostPart part)
{
  switch (part)
    {
    case FBK_COST_ELECTRICITY:
      /* Translators: a part of the electricity bill: the supplier's price of the energy */
      return C_("cost part", "Electricity");
    case FBK_COST_GRID_ENERGY:
      /* Translators: a part of the grid bill: energiledd */
      return C_("cost part", "Grid energy");
    case FBK_COST_CAPACITY:
      /* Translators: a part of the grid bill: kapasitetsledd */
      return C_("cost part", "Capacity");
    case FBK_COST_TAXES:
      /* Translators: forbruksavgift and the Enova fee */
      return C_("cost part", "Taxes");
    case FBK_COST_SUBSIDY:
      /* Translators: the state's electricity subsidy; keep the Norwegian name */
      return C_("cost part", "Strømstøtte");
    case FBK_COST_NORGESPRIS:
      return C_("cost part", "Norgespris");
    case FBK_COST_FEES:
      /* Translators: the supplier's fixed monthly fee */
      return C_("cost part", "Supplier's fee");
    case FBK_COST_PRODUCTION_CREDIT:
      /* Translators: what the supplier pays for electricity a solar household fed in */
      return C_("cost part", "Production sold");
    default:
      g_return_val_if_reached ("");
    }
}

/* The part's amounts in kr on the model's grid; NULL when it has none. */
static GArray *
part_intervals (GArray           *buckets,
                const PartSeries *spec)
{
  GArray *intervals = g_array_new (FALSE, FALSE, sizeof (FbkInterval));

  for (guint i = 0; i < buckets->len; i++)
    {
      const FbkCostBucket *bucket = &g_array_index (buckets, FbkCostBucket, i);
      double kr = fbk_cost_parts_get (&bucket->ore, spec->part) / 100.0;
      FbkInterval interval = { bucket->start, (guint32) (bucket->end - bucket->start),
                               FBK_INTERVAL_VERIFIED | FBK_INTERVAL_COMPLETE, 0.0 };

      if (spec->take == TAKE_CREDIT)
        kr = -kr;
      if (!(kr > 0.0))
        continue;

      interval.kwh = kr;
      g_array_append_val (intervals, interval);
    }

  if (intervals->len == 0)
    g_clear_pointer (&intervals, g_array_unref);
  return intervals;
}

/**
 * fbk_chart_cost_build_model:
 * @buckets: (element-type FbkCostBucket): the bill per Oslo period of
 *   @resolution over [@from, @to), as fbk_cost_totals_sum_sheets() gives it
 * @subject: whose bill, for the title (the meters' names)
 *
 * Returns: (transfer full): the cost chart
 */
FbkChartModel *
fbk_chart_cost_build_model (GArray        *buckets,
                            const char    *subject,
                            FbkResolution  resolution,
                            FbkInstant     from,
                            FbkInstant     to)
{
  FbkChartModel *model = fbk_chart_model_new ();
  g_autoptr(FbkChartLayer) layer = NULL;
  g_autofree char *what = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (buckets != NULL, model);

  fbk_chart_model_set_period (model, resolution, from, to);
  fbk_chart_model_set_unit (model, FBK_CHART_UNIT_KR);
  /* Translators: the subject of a cost chart's title, e.g. "Cost of Home, Cabin" */
  what = g_strdup_printf (_("Cost of %s"), subject);
  title = fbk_chart_build_title (what, resolution, from, to);
  fbk_chart_model_set_title (model, title);

  for (guint i = 0; i < G_N_ELEMENTS (part_series); i++)
    {
      g_autoptr(GArray) intervals = part_intervals (buckets, &part_series[i]);

      if (intervals == NULL)
        continue;
      fbk_chart_model_add_series (model, fbk_chart_cost_part_label (part_series[i].part),
                                  part_series[i].take == TAKE_CREDIT ? FBK_DIRECTION_PRODUCTION
                                                                     : FBK_DIRECTION_CONSUMPTION,
                                  part_series[i].colour_slot,
                                  (const FbkInterval *) intervals->data, intervals->len);
    }

  layer = fbk_chart_cost_bars_new (buckets);
  fbk_chart_model_add_layer (model, layer);
  return model;
}
