/* fbk-chart-layer.c: what a chart draws inside its frame, in layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layer"

#include "config.h"

#include "fbk-chart-layer-private.h"

G_DEFINE_BOXED_TYPE (FbkChartLayer, fbk_chart_layer, fbk_chart_layer_ref, fbk_chart_layer_unref)

/*
 * _fbk_chart_layer_new:
 * @instance_size: the size of the layer type's struct, which starts with
 *   an FbkChartLayer
 *
 * Returns: (transfer full): a zeroed layer of @klass
 */
gpointer
_fbk_chart_layer_new (const FbkChartLayerClass *klass,
                      gsize                     instance_size)
{
  FbkChartLayer *self;

  g_assert (instance_size >= sizeof (FbkChartLayer));

  self = g_malloc0 (instance_size);
  self->klass = klass;
  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

/* A model without layers shows its series as stacked bars, the chart most
 * views want. */
static FbkChartLayer *
get_default_layer (void)
{
  static gsize stacked;

  if (g_once_init_enter (&stacked))
    g_once_init_leave (&stacked, (gsize) fbk_chart_stacked_bars_new ());

  return (FbkChartLayer *) stacked;
}

/*
 * _fbk_chart_layers_drawn:
 *
 * Returns: (transfer full) (element-type FbkChartLayer): what is drawn of
 *   @model, bottom first: its layers, or stacked bars when it has none
 */
/* What a timeline that expects values draws under everything else. */
static FbkChartLayer *
get_gaps_layer (void)
{
  static gsize gaps;

  if (g_once_init_enter (&gaps))
    g_once_init_leave (&gaps, (gsize) _fbk_chart_gaps_new ());

  return (FbkChartLayer *) gaps;
}

/*
 * _fbk_chart_layers_drawn:
 *
 * Returns: (transfer full) (element-type FbkChartLayer): what is drawn of
 *   @model, bottom first: its layers, or stacked bars when it has none;
 *   on a timeline of a model that expects values
 *   (fbk_chart_model_set_expected_until()), under them what is missing
 */
GPtrArray *
_fbk_chart_layers_drawn (FbkChartModel *model)
{
  guint n_layers = fbk_chart_model_get_n_layers (model);
  GPtrArray *layers = g_ptr_array_new_full (MAX (n_layers, 1) + 1, (GDestroyNotify) fbk_chart_layer_unref);

  for (guint i = 0; i < n_layers; i++)
    g_ptr_array_add (layers, fbk_chart_layer_ref (fbk_chart_model_get_layer (model, i)));
  if (n_layers == 0)
    g_ptr_array_add (layers, fbk_chart_layer_ref (get_default_layer ()));

  if (fbk_chart_model_get_expected_until (model) != FBK_INSTANT_INVALID &&
      _fbk_chart_layers_frame (layers) == FBK_CHART_FRAME_TIMELINE)
    g_ptr_array_insert (layers, 0, fbk_chart_layer_ref (get_gaps_layer ()));

  return layers;
}

/*
 * _fbk_chart_layers_frame:
 *
 * Returns: the frame @layers draw in: a grid if one of them draws one,
 *   else the timeline
 */
FbkChartFrame
_fbk_chart_layers_frame (GPtrArray *layers)
{
  for (guint i = 0; i < layers->len; i++)
    {
      FbkChartLayer *layer = g_ptr_array_index (layers, i);

      if (layer->klass->frame != FBK_CHART_FRAME_TIMELINE)
        return layer->klass->frame;
    }
  return FBK_CHART_FRAME_TIMELINE;
}

FbkChartLayer *
fbk_chart_layer_ref (FbkChartLayer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
fbk_chart_layer_unref (FbkChartLayer *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->klass->finalize != NULL)
    self->klass->finalize (self);
  g_free (self);
}

/**
 * fbk_chart_layer_get_name:
 *
 * Returns: the layer's type, e.g. "stacked-bars"
 */
const char *
fbk_chart_layer_get_name (FbkChartLayer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->klass->name;
}
