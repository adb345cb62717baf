/* fbk-spot-price.c: day-ahead prices as the price service gives them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-spot-price.h"

/**
 * fbk_spot_prices_to_hours:
 * @prices: (element-type FbkSpotPrice): price intervals sorted by start,
 *   none overlapping another
 *
 * The billed price of each clock hour: households are billed per hour, at
 * the plain average of the hour's quarter-hour prices (an hourly price is
 * its own average). Clock hours are UTC hours, which are Oslo's hours too
 * (Oslo's offsets are whole hours), so the repeated 02:00 of a 25-hour day
 * is two hours, each averaged on its own. An hour that is not wholly
 * covered has no price: three quarters are not an hour, and unknown is
 * never guessed.
 *
 * Returns: (transfer full) (element-type FbkSpotPrice): hours, sorted
 */
GArray *
fbk_spot_prices_to_hours (const GArray *prices)
{
  GArray *hours = g_array_new (FALSE, FALSE, sizeof (FbkSpotPrice));
  guint i = 0;

  g_return_val_if_fail (prices != NULL, hours);

  while (i < prices->len)
    {
      const FbkSpotPrice *first = &g_array_index (prices, FbkSpotPrice, i);
      FbkInstant hour = fbk_time_floor_div (first->start, FBK_SECONDS_PER_HOUR) * FBK_SECONDS_PER_HOUR;
      FbkInstant covered_to = hour;
      double weighted = 0.0;
      gboolean whole = TRUE;

      for (; i < prices->len; i++)
        {
          const FbkSpotPrice *price = &g_array_index (prices, FbkSpotPrice, i);

          if (price->start >= hour + FBK_SECONDS_PER_HOUR)
            break;
          if (price->start != covered_to || price->start + price->duration > hour + FBK_SECONDS_PER_HOUR)
            whole = FALSE;
          weighted += price->nok_per_kwh * price->duration;
          covered_to = price->start + price->duration;
        }

      if (whole && covered_to == hour + FBK_SECONDS_PER_HOUR)
        {
          FbkSpotPrice average = {
            .start = hour,
            .duration = FBK_SECONDS_PER_HOUR,
            .nok_per_kwh = weighted / FBK_SECONDS_PER_HOUR,
          };

          g_array_append_val (hours, average);
        }
    }

  return hours;
}
