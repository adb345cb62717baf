/* fbk-price-client.c: asynchronous client for hvakosterstrommen.no's prices
 *
 * One request per day and price area, at the service's paths
 * (../shared/api/spot-prices.md): /api/v1/prices/YYYY/MM-DD_AREA.json. The
 * service needs no token; it gets the same politeness as Elvia (two
 * requests at a time, the same retries, deadline and size bound: FbkHttp)
 * and a User-Agent naming Forbruk. A day it does not have (404) is an
 * answer, not an error: no prices, which the store remembers and asks
 * about again later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-price-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "fbk-error.h"
#include "fbk-price-client.h"
#include "fbk-price-parse.h"

/* libsoup 3.2 has no name for it. */
#define HTTP_TOO_MANY_REQUESTS 429

/* What people call the service in messages: its own name, in every
 * language. */
#define SERVICE_NAME "hvakosterstrommen.no"

struct _FbkPriceClient
{
  GObject  parent_instance;

  FbkHttp *http;
};

G_DEFINE_FINAL_TYPE (FbkPriceClient, fbk_price_client, G_TYPE_OBJECT)

static void
fbk_price_client_finalize (GObject *object)
{
  FbkPriceClient *self = FBK_PRICE_CLIENT (object);

  g_clear_object (&self->http);

  G_OBJECT_CLASS (fbk_price_client_parent_class)->finalize (object);
}

static void
fbk_price_client_class_init (FbkPriceClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fbk_price_client_finalize;
}

static void
fbk_price_client_init (FbkPriceClient *self)
{
}

/**
 * fbk_price_client_url_is_allowed:
 *
 * https only, or plain http to this computer (the demo, tests), as for
 * Elvia: what a price mirror answers decides what the bill shows.
 */
gboolean
fbk_price_client_url_is_allowed (const char  *url,
                                 GError     **error)
{
  switch (fbk_http_check_url (url))
    {
    case FBK_HTTP_URL_ALLOWED:
      return TRUE;

    case FBK_HTTP_URL_NOT_A_URL:
      g_set_error (error, FBK_API_ERROR, FBK_API_ERROR_INSECURE_URL,
                   _("“%s” is not a web address."), url);
      return FALSE;

    case FBK_HTTP_URL_INSECURE:
    default:
      g_set_error (error, FBK_API_ERROR, FBK_API_ERROR_INSECURE_URL,
                   _("Refusing to fetch spot prices from “%s”: only https addresses "
                     "(or http on this computer) are allowed."), url);
      return FALSE;
    }
}

/**
 * fbk_price_client_new:
 * @base_url: (nullable): the service's origin; %NULL for
 *   %FBK_DEFAULT_PRICES_URL
 *
 * Returns: (transfer full): a client, or %NULL if @base_url is not allowed
 */
FbkPriceClient *
fbk_price_client_new (const char  *base_url,
                      GError     **error)
{
  FbkPriceClient *self;

  if (base_url == NULL)
    base_url = FBK_DEFAULT_PRICES_URL;

  if (!fbk_price_client_url_is_allowed (base_url, error))
    return NULL;

  self = g_object_new (FBK_TYPE_PRICE_CLIENT, NULL);
  self->http = fbk_http_new (base_url, SERVICE_NAME);
  return self;
}

/**
 * fbk_price_client_get_http:
 *
 * Returns: (transfer none): the engine the client's requests go through
 */
FbkHttp *
fbk_price_client_get_http (FbkPriceClient *self)
{
  g_return_val_if_fail (FBK_IS_PRICE_CLIENT (self), NULL);

  return self->http;
}

static GError *
error_for_status (guint status)
{
  if (status == HTTP_TOO_MANY_REQUESTS)
    return g_error_new (FBK_API_ERROR, FBK_API_ERROR_RATE_LIMITED,
                        _("%s is receiving too many requests. Try again in a few minutes."),
                        SERVICE_NAME);

  return g_error_new (FBK_API_ERROR, FBK_API_ERROR_SERVER,
                      _("%s answered with an error (HTTP %u). Try again later."),
                      SERVICE_NAME, status);
}

static void
on_day_answered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FbkPriceClient *self = g_task_get_source_object (task);
  const FbkDate *day = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) parse_error = NULL;
  GError *error = NULL;
  GArray *prices;
  guint status = 0;

  body = fbk_http_get_finish (self->http, result, &status, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (status == SOUP_STATUS_NOT_FOUND)
    {
      g_task_return_pointer (task, g_array_new (FALSE, FALSE, sizeof (FbkSpotPrice)),
                             (GDestroyNotify) g_array_unref);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, error_for_status (status));
      return;
    }

  /* A day is a few kilobytes: parsed here, on the caller's thread. */
  prices = fbk_parse_spot_prices (body, *day, &parse_error);
  if (prices == NULL)
    g_task_return_new_error (task, FBK_API_ERROR, FBK_API_ERROR_MALFORMED_RESPONSE,
                             _("%s sent prices that Forbruk does not understand: %s"),
                             SERVICE_NAME, parse_error->message);
  else
    g_task_return_pointer (task, prices, (GDestroyNotify) g_array_unref);
}

/**
 * fbk_price_client_fetch_day_async:
 * @area: the price area as the service spells it: "NO1" … "NO5"
 * @day: the Oslo day
 *
 * Fetches one day's spot prices, as the service gives them (hours, or
 * quarter-hours since October 2025).
 */
void
fbk_price_client_fetch_day_async (FbkPriceClient      *self,
                                  const char          *area,
                                  FbkDate              day,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (FBK_IS_PRICE_CLIENT (self));
  g_return_if_fail (area != NULL && fbk_date_is_valid (day));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_price_client_fetch_day_async);
  g_task_set_task_data (task, g_memdup2 (&day, sizeof day), g_free);

  path = g_strdup_printf ("/api/v1/prices/%04d/%02d-%02d_%s.json", day.year, day.month, day.day, area);
  fbk_http_get_async (self->http, path, cancellable, on_day_answered_cb, g_steal_pointer (&task));
}

/**
 * fbk_price_client_fetch_day_finish:
 *
 * Returns: (transfer full) (element-type FbkSpotPrice): the day's prices in
 *   time order, tiling it; empty when the service has none for the day
 *   (not published yet, or outside its archive)
 */
GArray *
fbk_price_client_fetch_day_finish (FbkPriceClient  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (FBK_IS_PRICE_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
