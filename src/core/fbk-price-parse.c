/* fbk-price-parse.c: the price service's answers, validated at the boundary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-parse"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "fbk-error.h"
#include "fbk-json.h"
#include "fbk-price-parse.h"

/* hvakosterstrommen.no answers a day as a JSON array of
 *   { "NOK_per_kWh": 0.6, "EUR_per_kWh": 0.05, "EXR": 11.7,
 *     "time_start": "2026-01-16T00:00:00+01:00", "time_end": "…" }
 * in time order (../shared/api/spot-prices.md). Everything Forbruk uses is
 * checked: the body is JSON as RFC 8259 has it (fbk_json_load()), the price
 * a finite JSON number within
 * FBK_SPOT_PRICE_MAX_ABS_NOK_PER_KWH either way (prices can be negative),
 * and the intervals tile the asked Oslo day exactly, each a whole divisor
 * of an hour lying within one clock hour (hours, quarter-hours: 24, 23 or
 * 25 of the first, 96, 92 or 100 of the second). A body that fails any of
 * it fails whole: a price list with a hole or an overlap would bill some
 * hour wrongly, and a wrong price is worse than an unknown one. Members
 * not used (EUR, the exchange rate) are not checked. */

static gboolean
fail_price (GError     **error,
            guint        index,
            const char  *member,
            const char  *why)
{
  /* Translators: the first %s is a member name such as time_start, %u
   * the price's number in the list (1 for the first), the last %s why. */
  g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_FIELD,
               _("The price service’s answer has an invalid %s in price %u: %s"),
               member, index + 1, why);
  return FALSE;
}

static gboolean
read_time (JsonObject  *object,
           guint        index,
           const char  *member,
           FbkInstant  *out_instant,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_MISSING_FIELD,
                   _("The price service’s answer has no %s in price %u."), member, index + 1);
      return FALSE;
    }
  if (!fbk_time_parse (json_node_get_string (node), out_instant))
    return fail_price (error, index, member, _("it is not an RFC 3339 time"));
  return TRUE;
}

static gboolean
read_price (JsonObject  *object,
            guint        index,
            double      *out_price,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, "NOK_per_kWh");
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_MISSING_FIELD,
                   _("The price service’s answer has no %s in price %u."), "NOK_per_kWh", index + 1);
      return FALSE;
    }
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return fail_price (error, index, "NOK_per_kWh", _("it is not a number"));

  *out_price = json_node_get_double (node);
  if (!isfinite (*out_price) || fabs (*out_price) > FBK_SPOT_PRICE_MAX_ABS_NOK_PER_KWH)
    return fail_price (error, index, "NOK_per_kWh", _("no electricity price is that large"));
  return TRUE;
}

/* Within one clock hour and a whole divisor of it, so averaging to the
 * billed hour (fbk_spot_prices_to_hours()) has whole parts to add. */
static gboolean
check_interval (const FbkSpotPrice  *price,
                guint                index,
                GError             **error)
{
  FbkInstant hour = fbk_time_floor_div (price->start, FBK_SECONDS_PER_HOUR) * FBK_SECONDS_PER_HOUR;

  if (price->duration == 0 || FBK_SECONDS_PER_HOUR % price->duration != 0 ||
      (price->start - hour) % price->duration != 0)
    return fail_price (error, index, "time_end", _("the interval is not an hour or an even part of one"));
  return TRUE;
}

/**
 * fbk_parse_spot_prices:
 * @body: the whole answer for @day
 * @day: the Oslo day asked for
 *
 * Returns: (transfer full) (element-type FbkSpotPrice): the day's prices
 *   in time order, as the service gave them, or %NULL with @error set
 *   (%FBK_PARSE_ERROR)
 */
GArray *
fbk_parse_spot_prices (GBytes   *body,
                       FbkDate   day,
                       GError  **error)
{
  g_autoptr(GArray) prices = g_array_new (FALSE, FALSE, sizeof (FbkSpotPrice));
  g_autoptr(JsonNode) root = NULL;
  FbkInstant day_start = fbk_time_oslo_midnight (day);
  FbkInstant day_end = fbk_time_oslo_midnight (fbk_date_add_days (day, 1));
  FbkInstant expected_start = day_start;
  JsonArray *array;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (fbk_date_is_valid (day), NULL);

  root = fbk_json_load (body, NULL, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_FIELD,
                           _("The price service’s answer is not a list of prices."));
      return NULL;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      FbkSpotPrice price;
      FbkInstant end;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          fail_price (error, i, "NOK_per_kWh", _("the price is not an object"));
          return NULL;
        }
      object = json_node_get_object (element);

      if (!read_time (object, i, "time_start", &price.start, error) ||
          !read_time (object, i, "time_end", &end, error) ||
          !read_price (object, i, &price.nok_per_kwh, error))
        return NULL;

      if (price.start != expected_start)
        {
          fail_price (error, i, "time_start",
                      price.start < expected_start ? _("it overlaps the price before it, or is before the day")
                                                   : _("there is a gap before it"));
          return NULL;
        }
      if (end <= price.start || end > day_end)
        {
          fail_price (error, i, "time_end", _("it is not after time_start within the day"));
          return NULL;
        }
      price.duration = (guint32) (end - price.start);
      if (!check_interval (&price, i, error))
        return NULL;

      g_array_append_val (prices, price);
      expected_start = end;
    }

  if (expected_start != day_end)
    {
      g_autofree char *covered_to = fbk_time_format_oslo (expected_start);

      g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_MISSING_FIELD,
                   _("The price service’s answer covers its day only up to %s."), covered_to);
      return NULL;
    }

  return g_steal_pointer (&prices);
}
