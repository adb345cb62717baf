/* fbk-demo-meter-value-api.c: Elvia's MeterValueApi, simulated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Answers like elvia.azure-api.net (/work/shared/api/metervalue-api.md) for
 * the three metering points of the demo household: the same paths, the
 * token check, and errors in the two shapes Elvia uses, Azure API
 * Management's for what the gateway refuses and ASP.NET's problem details
 * for what the service does. The parameters are checked in
 * fbk-demo-meter-value-query.c, the bodies written in
 * fbk-demo-meter-value-body.c. Response texts are Elvia's, in English as
 * Elvia sends them, so they are deliberately not translated. */

#define G_LOG_DOMAIN "fbk-demo-server"

#include "config.h"

#include <string.h>

#include "fbk-demo-json.h"
#include "fbk-demo-meter-value-api.h"
#include "fbk-demo-meter-value-body.h"
#include "fbk-demo-meter-value-query.h"
#include "fbk-demo-response.h"
#include "fbk-demo-server.h"

#define API_PREFIX "/customer/metervalues/api/"

static const struct
{
  const char      *path;
  FbkDemoEndpoint  endpoint;
} endpoints[] = {
  { API_PREFIX "v1/metervalues", FBK_DEMO_ENDPOINT_METERVALUES },
  { API_PREFIX "v1/maxhours", FBK_DEMO_ENDPOINT_MAXHOURS_V1 },
  { API_PREFIX "v2/maxhours", FBK_DEMO_ENDPOINT_MAXHOURS_V2 },
};

/* The shape Azure API Management uses for the errors it raises itself. */
static guint
respond_gateway (SoupServerMessage *msg,
                 guint              status,
                 const char        *message)
{
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "{\"statusCode\":%u,\"message\":", status);
  fbk_demo_json_string (body, message);
  g_string_append_c (body, '}');

  return fbk_demo_respond (msg, status, FBK_DEMO_CONTENT_TYPE_JSON, body);
}

/* ASP.NET's answer to an exception in the service. */
static guint
respond_server_error (const FbkDemoCall *call)
{
  g_autofree char *trace = fbk_demo_trace_id (call->seed, call->number);
  GString *body = g_string_new (NULL);

  g_string_append (body, "{\"type\":\"https://tools.ietf.org/html/rfc7231#section-6.6.1\","
                         "\"title\":\"An error occurred while processing your request.\","
                         "\"status\":500,\"traceId\":");
  fbk_demo_json_string (body, trace);
  g_string_append_c (body, '}');

  return fbk_demo_respond (call->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, FBK_DEMO_CONTENT_TYPE_PROBLEM, body);
}

static guint
answer_error (const FbkDemoCall *call,
              guint              status,
              guint              retry_after_seconds)
{
  g_autofree char *message = NULL;

  switch (status)
    {
    case SOUP_STATUS_INTERNAL_SERVER_ERROR:
      return respond_server_error (call);

    case 429:  /* Too Many Requests: libsoup 3.2 has no name for it */
      message = g_strdup_printf ("Rate limit is exceeded. Try again in %u seconds.", retry_after_seconds);
      return respond_gateway (call->msg, status, message);

    case SOUP_STATUS_SERVICE_UNAVAILABLE:
      return respond_gateway (call->msg, status, "Service Unavailable");

    case SOUP_STATUS_NOT_FOUND:
    default:
      return respond_gateway (call->msg, SOUP_STATUS_NOT_FOUND, "Resource not found");
    }
}

static gboolean
is_authorized (SoupServerMessage *msg)
{
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");

  /* The scheme is case-insensitive (RFC 7235); the token is not. */
  return authorization != NULL &&
         g_ascii_strncasecmp (authorization, "Bearer ", strlen ("Bearer ")) == 0 &&
         g_str_equal (authorization + strlen ("Bearer "), FBK_DEMO_TOKEN);
}

static guint
answer (const FbkDemoCall *call)
{
  FbkDemoMeterValueQuery params;
  GString *problem = NULL;
  gboolean found = FALSE;
  FbkDemoEndpoint endpoint = FBK_DEMO_ENDPOINT_METERVALUES;

  for (guint i = 0; i < G_N_ELEMENTS (endpoints) && !found; i++)
    {
      found = g_str_equal (call->path, endpoints[i].path);
      endpoint = endpoints[i].endpoint;
    }

  /* The gateway routes on method and path before it checks the token. */
  if (!found || !g_str_equal (soup_server_message_get_method (call->msg), SOUP_METHOD_GET))
    return answer_error (call, SOUP_STATUS_NOT_FOUND, 0);

  if (!is_authorized (call->msg))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (call->msg),
                                    "WWW-Authenticate", "Bearer");
      return respond_gateway (call->msg, SOUP_STATUS_UNAUTHORIZED,
                              "Unauthorized. Access token is missing or invalid.");
    }

  if (!fbk_demo_meter_value_query_bind (&params, endpoint, call, &problem))
    return fbk_demo_respond (call->msg, SOUP_STATUS_BAD_REQUEST, FBK_DEMO_CONTENT_TYPE_PROBLEM, problem);

  if (endpoint == FBK_DEMO_ENDPOINT_METERVALUES)
    return fbk_demo_respond (call->msg, SOUP_STATUS_OK, FBK_DEMO_CONTENT_TYPE_JSON,
                             fbk_demo_meter_values_body (&params));

  return fbk_demo_respond (call->msg, SOUP_STATUS_OK, FBK_DEMO_CONTENT_TYPE_JSON,
                           fbk_demo_max_hours_body (&params, endpoint == FBK_DEMO_ENDPOINT_MAXHOURS_V1));
}

const FbkDemoService fbk_demo_meter_value_api = {
  .path_prefix = API_PREFIX,
  .answer = answer,
  .answer_error = answer_error,
};
