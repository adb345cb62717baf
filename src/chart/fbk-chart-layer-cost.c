/* fbk-chart-layer-cost.c: a bill's parts as stacked bars, credits under
 * the axis, with the whole bill of a bucket in its tooltip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layer-cost"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-bar-painter.h"
#include "fbk-chart-cost.h"
#include "fbk-chart-format.h"
#include "fbk-cost-totals.h"

typedef struct
{
  FbkChartBarLayer  parent;
  GArray           *buckets;   /* FbkCostBucket, one per bucket of the model */
} CostBars;

/* The tooltip's order: the two bills' charges, then what comes off them. */
static const FbkCostPart tooltip_parts[] = {
  FBK_COST_ELECTRICITY, FBK_COST_FEES, FBK_COST_GRID_ENERGY, FBK_COST_CAPACITY, FBK_COST_TAXES,
  FBK_COST_SUBSIDY, FBK_COST_NORGESPRIS, FBK_COST_PRODUCTION_CREDIT,
};

static void
cost_finalize (FbkChartLayer *layer)
{
  g_clear_pointer (&((CostBars *) layer)->buckets, g_array_unref);
}

static const FbkCostBucket *
get_bucket (CostBars *self,
            guint     bucket)
{
  return bucket < self->buckets->len ? &g_array_index (self->buckets, FbkCostBucket, bucket) : NULL;
}

/* "Used 123 kWh · Cost 456 kr" over the buckets in view; a cost with parts
 * unknown says so rather than passing for the whole bill. */
static char *
cost_summarize (FbkChartLayer        *layer,
                const FbkChartLayout *layout)
{
  CostBars *self = (CostBars *) layer;
  g_autofree char *used = NULL;
  g_autofree char *cost = NULL;
  double kwh = 0.0, known = 0.0;
  gboolean whole = TRUE;

  for (guint i = layout->first; i < layout->end; i++)
    {
      const FbkCostBucket *bucket = get_bucket (self, i);

      if (bucket == NULL)
        continue;
      if (!isnan (bucket->kwh))
        kwh += bucket->kwh;
      known += fbk_cost_bucket_known_total (bucket);
      whole &= !isnan (bucket->total);
    }

  used = fbk_chart_format_value (kwh, FBK_CHART_UNIT_KWH);
  cost = fbk_format_kr (known, 0);
  if (whole)
    /* Translators: the totals over a cost chart, "Used 123 kWh · Cost 456 kr" */
    return g_strdup_printf (_("Used %s · Cost %s"), used, cost);
  /* Translators: the totals over a cost chart where parts of the bill are not known */
  return g_strdup_printf (_("Used %s · Cost %s and unknown parts"), used, cost);
}

static void
append_part (GString             *text,
             const FbkCostBucket *bucket,
             FbkCostPart          part)
{
  double ore = fbk_cost_parts_get (&bucket->ore, part);
  g_autofree char *amount = NULL;

  /* A scheme not in force, or no production: nothing to say. */
  if (ore == 0.0 || (part == FBK_COST_PRODUCTION_CREDIT && bucket->production_hours == 0))
    return;

  amount = isnan (ore) ? g_strdup (C_("cost", "unknown")) : fbk_format_kr (ore, 2);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, C_("legend, energy", "%s: %s"), fbk_chart_cost_part_label (part), amount);
}

/* The bucket's whole bill: each part, the total, the kWh it is for and
 * what they cost on average; then what is missing and why. */
static void
cost_describe_hit (FbkChartLayer     *layer,
                   FbkChartModel     *model,
                   const FbkChartHit *hit,
                   GString           *text)
{
  const FbkCostBucket *bucket = get_bucket ((CostBars *) layer, hit->bucket);
  g_autofree char *why = NULL;

  if (bucket == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (tooltip_parts); i++)
    append_part (text, bucket, tooltip_parts[i]);

  g_string_append_c (text, '\n');
  if (isnan (bucket->total))
    {
      g_autofree char *known = fbk_format_kr (fbk_cost_bucket_known_total (bucket), 2);

      /* Translators: a tooltip line: the bill's known parts, when others are not known */
      g_string_append_printf (text, _("Total: unknown (%s known)"), known);
    }
  else
    {
      g_autofree char *total = fbk_format_kr (bucket->total, 2);

      /* Translators: a tooltip line: the whole bill of a bar */
      g_string_append_printf (text, _("Total: %s"), total);
    }

  if (!isnan (bucket->kwh))
    {
      g_autofree char *kwh = fbk_chart_format_value (bucket->kwh, FBK_CHART_UNIT_KWH);

      g_string_append_c (text, '\n');
      if (!isnan (bucket->total) && bucket->kwh > 0.0)
        {
          g_autofree char *average = fbk_format_number (bucket->total / bucket->kwh, 1);

          /* Translators: a tooltip line: the energy billed and its average
           * price, "Used 12.3 kWh, 154.2 øre/kWh on average" */
          g_string_append_printf (text, _("Used %s, %s øre/kWh on average"), kwh, average);
        }
      else
        /* Translators: a tooltip line: the energy billed */
        g_string_append_printf (text, _("Used %s"), kwh);
    }

  if (bucket->hours < bucket->hours_expected)
    {
      g_string_append_c (text, '\n');
      /* Translators: a tooltip line, e.g. "Values for 20 of 24 hours" */
      g_string_append_printf (text, _("Values for %u of %u hours"), bucket->hours, bucket->hours_expected);
    }

  why = fbk_cost_unknown_describe (bucket->unknown);
  if (why != NULL)
    g_string_append_printf (text, "\n%s", why);
}

static const FbkChartLayerClass cost_class = {
  .name = "cost-bars",
  .frame = FBK_CHART_FRAME_TIMELINE,
  .finalize = cost_finalize,
  .extents = fbk_chart_stacked_extents,
  .legend = fbk_chart_bar_layer_legend,
  .draw_swatch = fbk_chart_bar_layer_draw_swatch,
  .draw = fbk_chart_bar_layer_draw,
  .hit_test = fbk_chart_bar_layer_hit_test,
  .bucket_rect = fbk_chart_bar_layer_bucket_rect,
  .describe = fbk_chart_bar_layer_describe,
  .describe_hit = cost_describe_hit,
  .summarize = cost_summarize,
};

/**
 * fbk_chart_cost_bars_new:
 * @buckets: (element-type FbkCostBucket): the bill of each of the model's
 *   buckets, in order
 *
 * The model's series (parts of a bill in kr, credits as series of the
 * production direction) stacked as fbk_chart_stacked_bars_new() stacks
 * them, with the bill of each bucket for the tooltip and the header.
 *
 * Returns: (transfer full): a new layer
 */
FbkChartLayer *
fbk_chart_cost_bars_new (GArray *buckets)
{
  CostBars *self = _fbk_chart_layer_new (&cost_class, sizeof (CostBars));

  self->parent.get_runs = fbk_chart_stacked_get_runs;
  self->buckets = g_array_ref (buckets);
  return (FbkChartLayer *) self;
}
