/* fbk-chart-format.c: a chart's quantities with their units
 *
 * Numbers and dates themselves are written by core's fbk-format, as the
 * window and forbruk-cli write them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-chart-format"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fbk-chart-format.h"
#include "fbk-period.h"

const char *
fbk_chart_unit_symbol (FbkChartUnit unit)
{
  switch (unit)
    {
    case FBK_CHART_UNIT_KW:
      return C_("unit of power", "kW");
    case FBK_CHART_UNIT_KR:
      return C_("unit of money", "kr");
    case FBK_CHART_UNIT_KWH:
    default:
      return C_("unit of energy", "kWh");
    }
}

/* As many decimals as show @value usefully: hourly values of a few kWh
 * need two, a year's total none. */
static int
value_decimals (double value)
{
  double magnitude = fabs (value);

  if (magnitude < 10.0)
    return 2;
  if (magnitude < 100.0)
    return 1;
  return 0;
}

char *
fbk_chart_format_value (double       value,
                        FbkChartUnit unit)
{
  g_autofree char *number = fbk_format_number (value, value_decimals (value));

  /* Translators: a number and its unit, e.g. "12.5 kWh" */
  return g_strdup_printf (C_("quantity", "%s %s"), number, fbk_chart_unit_symbol (unit));
}

/**
 * fbk_chart_format_span:
 * @to: (exclusive)
 *
 * Returns: (transfer full): [@from, @to) as dates where it is whole Oslo
 *   days ("8–31 Dec 2023"), else with its times
 */
char *
fbk_chart_format_span (FbkInstant from,
                       FbkInstant to)
{
  FbkDate first = fbk_time_oslo_date (from);
  FbkDate last = fbk_time_oslo_date (to - 1);
  FbkPeriod period;

  if (fbk_time_oslo_midnight (first) != from || fbk_time_oslo_midnight (fbk_date_add_days (last, 1)) != to)
    return fbk_format_range (from, to, FBK_RESOLUTION_HOUR);

  period = fbk_period_from_dates (first, last);
  return fbk_period_format_dates (&period);
}

/* A series' value as its reader takes it: in money, a series drawn below
 * the axis is a credit, so it reads as what it takes off the bill. */
char *
fbk_chart_format_series_value (FbkChartModel *model,
                               guint          series,
                               double         value)
{
  FbkChartUnit unit = fbk_chart_model_get_unit (model);

  if (unit == FBK_CHART_UNIT_KR && fbk_chart_model_get_series_direction (model, series) == FBK_DIRECTION_PRODUCTION)
    value = -value;
  return fbk_chart_format_value (value, unit);
}
