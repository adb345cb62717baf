/* fbk-chart-cursor.c: the keyboard's place on a chart, one bar at a time
 *
 * A bar's value is otherwise only in the pointer's tooltip, which GTK
 * refuses in keyboard mode; the cursor says it in words (for the chart's
 * accessible name) and marks the bar it is on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-cursor"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-chart-cursor.h"
#include "fbk-chart-format.h"

/* As the focus ring: wide enough to see on a 1-px bar of a year of hours. */
#define CURSOR_OUTLINE_WIDTH 2.0f

/**
 * fbk_chart_cursor_move:
 * @bucket: (inout): where the cursor is, and then where it went
 * @page: how many buckets a page holds (the visible span)
 *
 * Returns: whether the cursor moved; FALSE at an end, where it stays
 */
gboolean
fbk_chart_cursor_move (guint              *bucket,
                       guint               n_buckets,
                       guint               page,
                       FbkChartCursorMove  move)
{
  guint from = *bucket;
  guint to = from;

  g_return_val_if_fail (bucket != NULL, FALSE);

  if (n_buckets == 0)
    return FALSE;

  page = MAX (page, 1);
  switch (move)
    {
    case FBK_CHART_CURSOR_PREVIOUS:
      to = from > 0 ? from - 1 : 0;
      break;
    case FBK_CHART_CURSOR_NEXT:
      to = from + 1;
      break;
    case FBK_CHART_CURSOR_PAGE_BACK:
      to = from > page ? from - page : 0;
      break;
    case FBK_CHART_CURSOR_PAGE_FORWARD:
      to = from + page;
      break;
    case FBK_CHART_CURSOR_FIRST:
      to = 0;
      break;
    case FBK_CHART_CURSOR_LAST:
    default:
      to = n_buckets - 1;
      break;
    }

  *bucket = MIN (to, n_buckets - 1);
  return *bucket != from;
}

/* "House: 1.2 kWh" or "Cabin (production): 0.8 kWh", as in the tooltip */
static char *
describe_series_value (FbkChartModel *model,
                       guint          series,
                       double         value)
{
  g_autofree char *text = fbk_chart_format_series_value (model, series, value);
  const char *label = fbk_chart_model_get_series_label (model, series);

  if (fbk_chart_model_get_unit (model) != FBK_CHART_UNIT_KR &&
      fbk_chart_model_get_series_direction (model, series) == FBK_DIRECTION_PRODUCTION)
    return g_strdup_printf (_("%s (production): %s"), label, text);
  return g_strdup_printf (C_("tooltip, consumption", "%s: %s"), label, text);
}

static const char *
verification (guint n_values,
              guint n_verified)
{
  if (n_verified == n_values)
    return _("verified");
  if (n_verified == 0)
    return _("not yet verified");
  return _("partly verified");
}

/**
 * fbk_chart_cursor_describe:
 *
 * Returns: (transfer full): @bucket of @model in one line, for the
 *   chart's accessible name while the cursor is on it: the period, the
 *   value and whether the grid company has verified it ("Dec 1, 2026,
 *   77.7 kWh, verified"); with several series each series' value, then
 *   their total
 */
char *
fbk_chart_cursor_describe (FbkChartModel *model,
                           guint          bucket)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *period = NULL;
  FbkChartUnit unit;
  guint n_series, n_values = 0, n_verified = 0, n_consumption = 0;
  double total = 0.0;

  g_return_val_if_fail (FBK_IS_CHART_MODEL (model), NULL);
  g_return_val_if_fail (bucket < fbk_chart_model_get_n_buckets (model), NULL);

  unit = fbk_chart_model_get_unit (model);
  n_series = fbk_chart_model_get_n_series (model);
  period = fbk_format_period (fbk_chart_model_get_bucket_start (model, bucket),
                              fbk_chart_model_get_bucket_end (model, bucket),
                              fbk_chart_model_get_resolution (model));
  text = g_string_new (period);

  for (guint s = 0; s < n_series; s++)
    {
      FbkIntervalFlags flags = 0;
      double value;

      if (!fbk_chart_model_get_value (model, s, bucket, &value, &flags))
        continue;

      n_values++;
      if (flags & FBK_INTERVAL_VERIFIED)
        n_verified++;

      /* A bill is its charges less its credits; energy the sum of what
       * the meters used, production told apart. */
      if (fbk_chart_model_get_series_direction (model, s) == FBK_DIRECTION_CONSUMPTION)
        {
          total += value;
          n_consumption++;
        }
      else if (unit == FBK_CHART_UNIT_KR)
        total -= value;

      if (n_series == 1)
        {
          g_autofree char *formatted = fbk_chart_format_series_value (model, s, value);

          g_string_append_printf (text, ", %s", formatted);
        }
      else
        {
          g_autofree char *item = describe_series_value (model, s, value);

          g_string_append_printf (text, n_values == 1 ? ": %s" : "; %s", item);
        }
    }

  if (n_values == 0)
    {
      g_string_append_printf (text, ", %s", _("no value"));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (n_series > 1 && (n_consumption > 1 || unit == FBK_CHART_UNIT_KR))
    {
      g_autofree char *formatted = fbk_chart_format_value (total, unit);

      /* Translators: after each meter's value in a bar: "; total 3.4 kWh" */
      g_string_append_printf (text, _("; total %s"), formatted);
    }

  /* A bill's parts are not measured, so nobody verifies them. */
  if (unit != FBK_CHART_UNIT_KR)
    g_string_append_printf (text, ", %s", verification (n_values, n_verified));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * fbk_chart_cursor_snapshot:
 * @column: the bucket's column of the plot, in widget coordinates
 *
 * Marks the cursor's column: a tint and an outline in the accent colour,
 * which the hover highlight (a grey tint) is not.
 */
void
fbk_chart_cursor_snapshot (GtkSnapshot           *snapshot,
                           const graphene_rect_t *column,
                           const GdkRGBA         *accent)
{
  GdkRGBA tint = *accent;
  GskRoundedRect outline;
  graphene_rect_t area;

  /* At least as wide as its outline, so a 1-px bar still shows a box. */
  graphene_rect_init (&area, column->origin.x - CURSOR_OUTLINE_WIDTH, column->origin.y,
                      column->size.width + 2 * CURSOR_OUTLINE_WIDTH, column->size.height);

  tint.alpha = 0.15f;
  gtk_snapshot_append_color (snapshot, &tint, &area);
  gsk_rounded_rect_init_from_rect (&outline, &area, 0.0f);
  gtk_snapshot_append_border (snapshot, &outline,
                              (float[4]) { CURSOR_OUTLINE_WIDTH, CURSOR_OUTLINE_WIDTH,
                                           CURSOR_OUTLINE_WIDTH, CURSOR_OUTLINE_WIDTH },
                              (GdkRGBA[4]) { *accent, *accent, *accent, *accent });
}
