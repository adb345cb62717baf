/* fbk-demo-meter-value-query.c: the MeterValueApi's query parameters, validated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Binds a request's query as Elvia's ASP.NET service does: names in any
 * case, an empty value as no value, a bare date as its midnight, a "+" that
 * arrived as a space; defaults for what is missing; and every problem
 * found, collected by key into one 400 with problem details
 * (/work/shared/api/metervalue-api.md). The messages are Elvia's, in
 * English as Elvia sends them, so they are deliberately not translated. */

#define G_LOG_DOMAIN "fbk-demo-server"

#include "config.h"

#include <string.h>

#include "fbk-demo-household.h"
#include "fbk-demo-json.h"
#include "fbk-demo-meter-value-query.h"
#include "fbk-demo-response.h"

/* Validation errors in the order found, as ASP.NET groups them by key. */
typedef struct
{
  GPtrArray *keys;
  GPtrArray *messages;
} Problems;

static void
problems_add (Problems   *problems,
              const char *key,
              char       *message)
{
  g_ptr_array_add (problems->keys, g_strdup (key));
  g_ptr_array_add (problems->messages, message);
}

/* ASP.NET binds query parameters case-insensitively, and reads an empty
 * value as no value. */
static const char *
query_lookup (GHashTable *query,
              const char *name)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_ascii_strcasecmp (key, name) == 0)
        return *(const char *) value != '\0' ? value : NULL;
    }

  return NULL;
}

static gboolean
parse_time_param (const char *text,
                  FbkInstant *out_instant)
{
  g_autofree char *fixed = g_strdup (text);
  FbkDate date;

  /* A client that does not percent-encode the "+" of an offset sends a
   * space once decoded; Elvia accepts that. */
  for (char *p = fixed + MIN (strlen (fixed), 19); *p != '\0'; p++)
    {
      if (*p == ' ')
        *p = '+';
    }

  if (fbk_time_parse (fixed, out_instant))
    return TRUE;

  /* ASP.NET also binds a bare date, as its midnight. */
  if (fbk_time_parse_date (fixed, &date))
    {
      *out_instant = fbk_time_oslo_midnight (date);
      return TRUE;
    }

  return FALSE;
}

static void
bind_time (GHashTable *query,
           const char *name,
           FbkInstant  fallback,
           FbkInstant *out_instant,
           Problems   *problems)
{
  const char *text = query_lookup (query, name);

  *out_instant = fallback;
  if (text != NULL && !parse_time_param (text, out_instant))
    problems_add (problems, name, g_strdup_printf ("The value '%s' is not valid.", text));
}

static void
bind_production (GHashTable *query,
                 gboolean   *out_production,
                 Problems   *problems)
{
  const char *text = query_lookup (query, "includeProduction");

  *out_production = FALSE;
  if (text == NULL || g_ascii_strcasecmp (text, "false") == 0)
    return;
  if (g_ascii_strcasecmp (text, "true") == 0)
    *out_production = TRUE;
  else
    problems_add (problems, "includeProduction", g_strdup_printf ("The value '%s' is not valid.", text));
}

static gboolean
is_metering_point_id (const char *text)
{
  gsize length = 0;

  for (const char *p = text; *p != '\0'; p++, length++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return length == 18;
}

static void
bind_meters (GHashTable *query,
             gboolean   *wanted,
             Problems   *problems)
{
  const char *text = query_lookup (query, "meteringPointIds");
  g_auto(GStrv) ids = NULL;
  gboolean any = FALSE;

  for (guint m = 0; m < FBK_DEMO_N_METERS; m++)
    wanted[m] = text == NULL;

  if (text == NULL)
    return;

  ids = g_strsplit (text, ",", -1);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *id = g_strstrip (ids[i]);
      FbkDemoMeter meter;

      if (*id == '\0')
        continue;

      any = TRUE;
      if (!is_metering_point_id (id))
        problems_add (problems, "meteringPointIds",
                      g_strdup_printf ("'%s' is not a valid metering point id. "
                                       "A metering point id has 18 digits.", id));
      else if (fbk_demo_meter_from_id (id, &meter))
        wanted[meter] = TRUE;
    }

  /* Only separators: as if the parameter were absent. */
  if (!any)
    {
      for (guint m = 0; m < FBK_DEMO_N_METERS; m++)
        wanted[m] = TRUE;
    }
}

/* .NET's invariant culture, as Elvia's messages print instants. */
static char *
format_dotnet (FbkInstant instant)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (instant);

  return g_date_time_format (date_time, "%m/%d/%Y %H:%M:%S +00:00");
}

static gboolean
bind_all (FbkDemoEndpoint         endpoint,
          GHashTable             *query,
          FbkInstant              now,
          FbkDemoMeterValueQuery *params,
          Problems               *problems)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  bind_meters (query, params->wanted, problems);
  bind_production (query, &params->production, problems);

  if (endpoint != FBK_DEMO_ENDPOINT_METERVALUES)
    {
      bind_time (query, "calculateTime", now, &params->calculate, problems);
      if (problems->keys->len == 0 && params->calculate < fbk_demo_household_available_start (now))
        {
          g_autofree char *calculate_text = format_dotnet (params->calculate);

          problems_add (problems, "",
                        g_strdup_printf ("Requested calculate time cannot be more than three years "
                                         "back in time. CalculateTime: %s", calculate_text));
        }
      return problems->keys->len == 0;
    }

  /* Defaults: from last midnight to the end of the current hour, so a bare
   * call returns today's hours so far. */
  bind_time (query, "startTime", fbk_time_period_start (now, FBK_RESOLUTION_DAY), &params->start, problems);
  bind_time (query, "endTime", fbk_time_period_start (now, FBK_RESOLUTION_HOUR) + FBK_SECONDS_PER_HOUR,
             &params->end, problems);
  if (problems->keys->len > 0)
    return FALSE;

  start_text = format_dotnet (params->start);
  end_text = format_dotnet (params->end);

  if (params->start >= params->end)
    problems_add (problems, "",
                  g_strdup_printf ("Requested start time must be before end time. Start: %s, End: %s",
                                   start_text, end_text));
  else if (params->end > fbk_time_add_oslo_months (params->start, 12))
    problems_add (problems, "",
                  g_strdup_printf ("Requested period cannot be longer than one year. Start: %s, End: %s",
                                   start_text, end_text));

  if (params->start < fbk_demo_household_available_start (now))
    problems_add (problems, "",
                  g_strdup_printf ("Requested start time cannot be more than three years back in time. "
                                   "Start: %s", start_text));

  return problems->keys->len == 0;
}

/* ASP.NET's problem details for a 400, each key with its messages. */
static GString *
problem_details (const FbkDemoCall *call,
                 const Problems    *problems)
{
  g_autofree char *trace = fbk_demo_trace_id (call->seed, call->number);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GString *body = g_string_new (NULL);

  g_string_append (body, "{\"type\":\"https://tools.ietf.org/html/rfc7231#section-6.5.1\","
                         "\"title\":\"One or more validation errors occurred.\","
                         "\"status\":400,\"traceId\":");
  fbk_demo_json_string (body, trace);
  g_string_append (body, ",\"errors\":{");

  for (guint i = 0; i < problems->keys->len; i++)
    {
      const char *key = g_ptr_array_index (problems->keys, i);
      gboolean first = TRUE;

      if (g_ptr_array_find_with_equal_func (seen, key, g_str_equal, NULL))
        continue;

      g_ptr_array_add (seen, (gpointer) key);
      if (seen->len > 1)
        g_string_append_c (body, ',');
      fbk_demo_json_string (body, key);
      g_string_append (body, ":[");
      for (guint j = i; j < problems->keys->len; j++)
        {
          if (!g_str_equal (g_ptr_array_index (problems->keys, j), key))
            continue;
          if (!first)
            g_string_append_c (body, ',');
          fbk_demo_json_string (body, g_ptr_array_index (problems->messages, j));
          first = FALSE;
        }
      g_string_append_c (body, ']');
    }

  g_string_append (body, "}}");

  return body;
}

/**
 * fbk_demo_meter_value_query_bind:
 * @params: (out caller-allocates): the parameters, when they are valid
 * @out_problem: (out) (transfer full): when they are not, the body of the
 *   400 to send (application/problem+json)
 *
 * Binds the query of @call for @endpoint, with defaults from the
 * simulator's clock.
 *
 * Returns: %TRUE if every parameter is valid
 */
gboolean
fbk_demo_meter_value_query_bind (FbkDemoMeterValueQuery  *params,
                                 FbkDemoEndpoint          endpoint,
                                 const FbkDemoCall       *call,
                                 GString                **out_problem)
{
  Problems problems = {
    .keys = g_ptr_array_new_with_free_func (g_free),
    .messages = g_ptr_array_new_with_free_func (g_free),
  };
  gboolean valid;

  *params = (FbkDemoMeterValueQuery) { .seed = call->seed, .now = call->now };
  valid = bind_all (endpoint, call->query, call->now, params, &problems);
  *out_problem = valid ? NULL : problem_details (call, &problems);

  g_ptr_array_unref (problems.keys);
  g_ptr_array_unref (problems.messages);

  return valid;
}
