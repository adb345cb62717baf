/* fbk-chart-layer-notes.c: a line of text for the tooltip of some buckets,
 * such as which hour made a day's peak
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-layer-notes"

#include "config.h"

#include "fbk-chart-layer-private.h"

typedef struct
{
  FbkChartLayer   parent;
  GStrv           notes;    /* by bucket; "" for none */
  guint           n_notes;
} Notes;

static void
notes_finalize (FbkChartLayer *layer)
{
  Notes *self = (Notes *) layer;

  g_strfreev (self->notes);
}

static void
notes_describe_hit (FbkChartLayer     *layer,
                    FbkChartModel     *model,
                    const FbkChartHit *hit,
                    GString           *text)
{
  Notes *self = (Notes *) layer;

  if (hit->bucket < self->n_notes && self->notes[hit->bucket][0] != '\0')
    g_string_append_printf (text, "\n%s", self->notes[hit->bucket]);
}

static const FbkChartLayerClass notes_class = {
  .name = "notes",
  .frame = FBK_CHART_FRAME_TIMELINE,
  .finalize = notes_finalize,
  .describe_hit = notes_describe_hit,
};

/**
 * fbk_chart_notes_new:
 * @notes: (array length=n_notes): a line for each bucket from the first,
 *   NULL or "" for none
 *
 * Draws nothing: adds @notes[bucket] to the tooltip of whatever is
 * pointed at in that bucket, e.g. "Highest hour 18:00–19:00" under a day's
 * peak.
 *
 * Returns: (transfer full): a new layer
 */
FbkChartLayer *
fbk_chart_notes_new (const char * const *notes,
                     guint               n_notes)
{
  Notes *self = _fbk_chart_layer_new (&notes_class, sizeof (Notes));

  self->notes = g_new0 (char *, n_notes + 1);
  for (guint i = 0; i < n_notes; i++)
    self->notes[i] = g_strdup (notes[i] != NULL ? notes[i] : "");
  self->n_notes = n_notes;
  return (FbkChartLayer *) self;
}
