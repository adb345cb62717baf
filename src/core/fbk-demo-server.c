/* fbk-demo-server.c: an embedded simulator of Elvia's MeterValueApi
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A SoupServer on 127.0.0.1 that answers like elvia.azure-api.net
 * (/work/shared/api/metervalue-api.md): the same paths, parameters,
 * defaults, JSON shapes, validation errors as ASP.NET problem details and
 * gateway errors, for the three metering points of FbkDemoHousehold. The
 * response texts are Elvia's, in English as Elvia sends them, so they are
 * deliberately not translated.
 *
 * Where the real service's behaviour is not known the simulator picks the
 * reading that is kindest to test against: metering point ids that are
 * well-formed but not on the token are left out silently; a window before a
 * meter's contract gives that meter an empty series rather than an error;
 * maxhours count every hour metered by calculateTime. */

#define G_LOG_DOMAIN "fbk-demo-server"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "fbk-demo-household.h"
#include "fbk-demo-server.h"

#define API_PREFIX "/customer/metervalues/api/"
#define HOUR FBK_SECONDS_PER_HOUR
#define CONTENT_TYPE_JSON "application/json; charset=utf-8"
#define CONTENT_TYPE_PROBLEM "application/problem+json; charset=utf-8"

typedef enum
{
  ENDPOINT_METERVALUES,
  ENDPOINT_MAXHOURS_V1,
  ENDPOINT_MAXHOURS_V2,
} Endpoint;

static const struct
{
  const char *path;
  Endpoint    endpoint;
} endpoints[] = {
  { API_PREFIX "v1/metervalues", ENDPOINT_METERVALUES },
  { API_PREFIX "v1/maxhours", ENDPOINT_MAXHOURS_V1 },
  { API_PREFIX "v2/maxhours", ENDPOINT_MAXHOURS_V2 },
};

/* One request on its way through the server. */
typedef struct
{
  guint        number;
  GHashTable  *query;
  gboolean     has_fault;
  FbkDemoFault fault;
} Call;

/* A request held back by a delay fault. */
typedef struct
{
  FbkDemoServer     *self;  /* borrowed: dispose cancels every Delayed */
  SoupServerMessage *msg;
  GSource           *source;
  Call               call;
} Delayed;

/* The parameters of a request, once they all parsed. */
typedef struct
{
  FbkInstant now;
  FbkInstant start;
  FbkInstant end;
  FbkInstant calculate;
  gboolean   production;
  gboolean   wanted[FBK_DEMO_N_METERS];
} Params;

/* Validation errors in the order found, as ASP.NET groups them by key. */
typedef struct
{
  GPtrArray *keys;
  GPtrArray *messages;
} Problems;

struct _FbkDemoServer
{
  GObject        parent_instance;

  SoupServer    *server;
  GMainContext  *context;
  char          *base_url;
  guint          port;
  guint64        seed;
  FbkInstant     now;         /* FBK_INSTANT_INVALID: follow the clock */

  FbkDemoFaults *faults;
  GPtrArray     *requests;    /* FbkDemoRequest */
  guint          n_received;  /* since the log was last cleared */
  GPtrArray     *delayed;     /* Delayed */
};

G_DEFINE_FINAL_TYPE (FbkDemoServer, fbk_demo_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEED,
  PROP_NOW,
  PROP_PORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* JSON writing: the bodies are large (a year of one meter is ~1 MB), so
 * they are written straight into a GString. */

static void
json_string (GString    *out,
             const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
json_time (GString    *out,
           FbkInstant  instant)
{
  g_autofree char *text = fbk_time_format_oslo (instant);

  g_string_append_c (out, '"');
  g_string_append (out, text);
  g_string_append_c (out, '"');
}

/* Exactly three decimals, as the API sends kWh. Digit by digit rather than
 * with printf, which costs some ten times more, as for the timestamps
 * (fbk-time.c): there is one for every hour sent. */
static void
json_kwh (GString *out,
          gint64   wh)
{
  char text[sizeof "-9223372036854775.808"];
  char *p = text + sizeof text;
  guint64 magnitude = wh < 0 ? -(guint64) wh : (guint64) wh;

  for (int i = 0; i < 3; i++, magnitude /= 10)
    *--p = (char) ('0' + magnitude % 10);
  *--p = '.';
  do
    *--p = (char) ('0' + magnitude % 10);
  while ((magnitude /= 10) > 0);
  if (wh < 0)
    *--p = '-';

  g_string_append_len (out, p, text + sizeof text - p);
}

static void
json_bool (GString  *out,
           gboolean  value)
{
  g_string_append (out, value ? "true" : "false");
}

static FbkInstant
hour_floor (FbkInstant instant)
{
  return fbk_time_period_start (instant, FBK_RESOLUTION_HOUR);
}

static FbkInstant
hour_ceil (FbkInstant instant)
{
  return hour_floor (instant + HOUR - 1);
}

/* Request log */

static void
request_free (gpointer data)
{
  FbkDemoRequest *request = data;

  g_free (request->method);
  g_free (request->path);
  g_hash_table_unref (request->query);
  g_free (request);
}

static void
record_status (FbkDemoServer *self,
               guint          number,
               guint          status)
{
  for (guint i = self->requests->len; i > 0; i--)
    {
      FbkDemoRequest *request = g_ptr_array_index (self->requests, i - 1);

      if (request->number == number)
        {
          request->status = status;
          return;
        }
    }
}

/* Responses */

static char *
trace_id (FbkDemoServer *self,
          guint          number)
{
  guint32 key[] = { (guint32) self->seed, (guint32) (self->seed >> 32), number };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (key, G_N_ELEMENTS (key));
  guint32 w[6];

  for (guint i = 0; i < G_N_ELEMENTS (w); i++)
    w[i] = g_rand_int (rand);

  return g_strdup_printf ("00-%08x%08x%08x%08x-%08x%08x-00", w[0], w[1], w[2], w[3], w[4], w[5]);
}

static guint
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         GString           *body)
{
  gsize length = body->len;

  /* libsoup has no phrase for 429. */
  soup_server_message_set_status (msg, status, status == 429 ? "Too Many Requests" : NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), length);
  return status;
}

/* The shape Azure API Management uses for the errors it raises itself. */
static guint
respond_gateway (SoupServerMessage *msg,
                 guint              status,
                 const char        *message)
{
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "{\"statusCode\":%u,\"message\":", status);
  json_string (body, message);
  g_string_append_c (body, '}');

  return respond (msg, status, CONTENT_TYPE_JSON, body);
}

static guint
respond_server_error (FbkDemoServer     *self,
                      SoupServerMessage *msg,
                      guint              number)
{
  g_autofree char *trace = trace_id (self, number);
  GString *body = g_string_new (NULL);

  g_string_append (body, "{\"type\":\"https://tools.ietf.org/html/rfc7231#section-6.6.1\","
                         "\"title\":\"An error occurred while processing your request.\","
                         "\"status\":500,\"traceId\":");
  json_string (body, trace);
  g_string_append_c (body, '}');

  return respond (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, CONTENT_TYPE_PROBLEM, body);
}

static guint
respond_problems (FbkDemoServer     *self,
                  SoupServerMessage *msg,
                  guint              number,
                  const Problems    *problems)
{
  g_autofree char *trace = trace_id (self, number);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GString *body = g_string_new (NULL);

  g_string_append (body, "{\"type\":\"https://tools.ietf.org/html/rfc7231#section-6.5.1\","
                         "\"title\":\"One or more validation errors occurred.\","
                         "\"status\":400,\"traceId\":");
  json_string (body, trace);
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
      json_string (body, key);
      g_string_append (body, ":[");
      for (guint j = i; j < problems->keys->len; j++)
        {
          if (!g_str_equal (g_ptr_array_index (problems->keys, j), key))
            continue;
          if (!first)
            g_string_append_c (body, ',');
          json_string (body, g_ptr_array_index (problems->messages, j));
          first = FALSE;
        }
      g_string_append_c (body, ']');
    }

  g_string_append (body, "}}");

  return respond (msg, SOUP_STATUS_BAD_REQUEST, CONTENT_TYPE_PROBLEM, body);
}

/* Parameters */

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

/* The oldest instant the API serves: three years back, counted in Oslo
 * calendar days so a client computing it a moment earlier is not refused. */
static FbkInstant
oldest_allowed (FbkInstant now)
{
  return fbk_time_oslo_midnight (fbk_date_add_months (fbk_time_oslo_date (now), -36));
}

static gboolean
parse_params (Endpoint    endpoint,
              GHashTable *query,
              FbkInstant  now,
              Params     *params,
              Problems   *problems)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  params->now = now;
  bind_meters (query, params->wanted, problems);
  bind_production (query, &params->production, problems);

  if (endpoint != ENDPOINT_METERVALUES)
    {
      bind_time (query, "calculateTime", now, &params->calculate, problems);
      if (problems->keys->len == 0 && params->calculate < oldest_allowed (now))
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
  bind_time (query, "endTime", hour_floor (now) + HOUR, &params->end, problems);
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

  if (params->start < oldest_allowed (now))
    problems_add (problems, "",
                  g_strdup_printf ("Requested start time cannot be more than three years back in time. "
                                   "Start: %s", start_text));

  return problems->keys->len == 0;
}

/* Bodies */

static void
append_contract (GString      *out,
                 FbkDemoMeter  meter,
                 FbkInstant    now,
                 gboolean      date_names)
{
  /* v2 maxhours alone spells the contract's bounds startDate/endDate. */
  g_string_append (out, date_names ? "\"customerContract\":{\"startDate\":" : "\"customerContract\":{\"startTime\":");
  json_time (out, fbk_demo_meter_get_contract_start (meter, now));
  g_string_append (out, date_names ? ",\"endDate\":null}" : ",\"endTime\":null}");
}

/* The hours of @meter that exist at @now within [@from, @to), clamped to the
 * contract; @out_first is their start. */
static guint
existing_hours (FbkDemoServer *self,
                FbkDemoMeter   meter,
                gboolean       production,
                FbkInstant     now,
                FbkInstant     from,
                FbkInstant     to,
                FbkInstant    *out_first)
{
  FbkInstant first = MAX (from, fbk_demo_meter_get_contract_start (meter, now));
  FbkInstant end = MIN (to, fbk_demo_household_available_end (self->seed, meter, now));

  *out_first = first;
  if (end <= first || (production && !fbk_demo_meter_has_production (meter)))
    return 0;

  return (guint) ((end - first) / HOUR);
}

static GString *
metervalues_body (FbkDemoServer *self,
                  const Params  *params)
{
  FbkDirection direction = params->production ? FBK_DIRECTION_PRODUCTION : FBK_DIRECTION_CONSUMPTION;
  FbkInstant from_hour = hour_floor (params->start);
  GString *out = g_string_sized_new (4096);
  gboolean first_meter = TRUE;

  g_string_append (out, "{\"meteringpoints\":[");

  for (guint m = 0; m < FBK_DEMO_N_METERS; m++)
    {
      FbkDemoMeter meter = (FbkDemoMeter) m;
      g_autofree gint32 *wh = NULL;
      g_autofree char *previous_end = NULL;
      FbkInstant first;
      guint n;

      if (!params->wanted[m])
        continue;

      n = existing_hours (self, meter, params->production, params->now,
                          from_hour, hour_ceil (params->end), &first);
      wh = g_new (gint32, MAX (n, 1));
      fbk_demo_household_fill_wh (self->seed, meter, direction, first, n, wh);

      if (!first_meter)
        g_string_append_c (out, ',');
      first_meter = FALSE;

      g_string_append (out, "{\"meteringPointId\":");
      json_string (out, fbk_demo_meter_get_id (meter));
      g_string_append_c (out, ',');
      append_contract (out, meter, params->now, FALSE);
      g_string_append (out, ",\"metervalue\":{\"fromHour\":");
      json_time (out, from_hour);
      g_string_append (out, ",\"toHour\":");
      json_time (out, n > 0 ? first + (FbkInstant) n * HOUR : from_hour);
      g_string_append (out, ",\"resolutionMinutes\":60,\"timeSeries\":[");

      for (guint i = 0; i < n; i++)
        {
          FbkInstant start = first + (FbkInstant) i * HOUR;
          char *end_text = fbk_time_format_oslo (start + HOUR);

          if (previous_end == NULL)
            previous_end = fbk_time_format_oslo (start);

          g_string_append (out, i > 0 ? ",{\"startTime\":\"" : "{\"startTime\":\"");
          g_string_append (out, previous_end);
          g_string_append (out, "\",\"endTime\":\"");
          g_string_append (out, end_text);
          g_string_append (out, "\",\"value\":");
          json_kwh (out, wh[i]);
          g_string_append (out, ",\"uom\":\"kWh\",\"production\":");
          json_bool (out, params->production);
          g_string_append (out, ",\"verified\":");
          json_bool (out, fbk_demo_household_is_verified (self->seed, meter, start, params->now));
          g_string_append_c (out, '}');

          g_free (previous_end);
          previous_end = end_text;
        }

      g_string_append (out, "]}}");
    }

  g_string_append (out, "]}");

  return out;
}

typedef struct
{
  FbkInstant start;
  gint32     wh;
} MaxHour;

static int
compare_max_hour_start (gconstpointer a,
                        gconstpointer b)
{
  const MaxHour *x = a, *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

/* Elvia's capacity basis: the highest hour of each Oslo day in [@from, @to),
 * then the @max_days highest of those (so each from a different day), in
 * time order. Equal values go to the earlier hour. */
static guint
top_day_maxima (const gint32 *wh,
                FbkInstant    first,
                guint         n,
                FbkInstant    from,
                FbkInstant    to,
                guint         max_days,
                MaxHour      *out)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (MaxHour));
  FbkDate current_day = { 0 };
  guint found = 0;

  for (guint i = 0; i < n; i++)
    {
      FbkInstant start = first + (FbkInstant) i * HOUR;
      FbkDate day;
      MaxHour *best;

      if (start < from || start >= to)
        continue;

      day = fbk_time_oslo_date (start);
      if (days->len == 0 || fbk_date_compare (day, current_day) != 0)
        {
          MaxHour hour = { start, wh[i] };

          g_array_append_val (days, hour);
          current_day = day;
          continue;
        }

      best = &g_array_index (days, MaxHour, days->len - 1);
      if (wh[i] > best->wh)
        {
          best->start = start;
          best->wh = wh[i];
        }
    }

  while (found < max_days && days->len > 0)
    {
      guint top = 0;

      for (guint d = 1; d < days->len; d++)
        {
          if (g_array_index (days, MaxHour, d).wh > g_array_index (days, MaxHour, top).wh)
            top = d;
        }
      out[found++] = g_array_index (days, MaxHour, top);
      g_array_remove_index (days, top);
    }

  qsort (out, found, sizeof (MaxHour), compare_max_hour_start);

  return found;
}

static void
append_max_hour (GString       *out,
                 FbkDemoServer *self,
                 FbkDemoMeter   meter,
                 const Params  *params,
                 const MaxHour *hour,
                 int            months_back)
{
  g_string_append (out, "{\"startTime\":");
  json_time (out, hour->start);
  g_string_append (out, ",\"endTime\":");
  json_time (out, hour->start + HOUR);
  g_string_append (out, ",\"value\":");
  json_kwh (out, hour->wh);
  g_string_append_printf (out, ",\"uom\":\"kWh\",\"noOfMonthsBack\":%d,\"production\":", months_back);
  json_bool (out, params->production);
  g_string_append (out, ",\"verified\":");
  json_bool (out, fbk_demo_household_is_verified (self->seed, meter, hour->start, params->now));
  g_string_append_c (out, '}');
}

static GString *
maxhours_body (FbkDemoServer *self,
               const Params  *params,
               gboolean       legacy)
{
  FbkDirection direction = params->production ? FBK_DIRECTION_PRODUCTION : FBK_DIRECTION_CONSUMPTION;
  FbkInstant month_starts[3];  /* the previous, the current and the next month */
  GString *out = g_string_sized_new (2048);
  gboolean first_meter = TRUE;

  month_starts[1] = fbk_time_period_start (params->calculate, FBK_RESOLUTION_MONTH);
  month_starts[0] = fbk_time_period_start (month_starts[1] - 1, FBK_RESOLUTION_MONTH);
  month_starts[2] = fbk_time_period_next (month_starts[1], FBK_RESOLUTION_MONTH);

  g_string_append (out, "{\"meteringpoints\":[");

  for (guint m = 0; m < FBK_DEMO_N_METERS; m++)
    {
      FbkDemoMeter meter = (FbkDemoMeter) m;
      g_autofree gint32 *wh = NULL;
      gboolean first_entry = TRUE;
      FbkInstant first;
      guint n;

      if (!params->wanted[m])
        continue;

      n = existing_hours (self, meter, params->production, params->now,
                          month_starts[0], hour_floor (params->calculate), &first);
      wh = g_new (gint32, MAX (n, 1));
      fbk_demo_household_fill_wh (self->seed, meter, direction, first, n, wh);

      if (!first_meter)
        g_string_append_c (out, ',');
      first_meter = FALSE;

      g_string_append (out, "{\"meteringPointId\":");
      json_string (out, fbk_demo_meter_get_id (meter));
      g_string_append_c (out, ',');
      append_contract (out, meter, params->now, !legacy);
      g_string_append (out, ",\"maxHoursCalculatedTime\":");
      json_time (out, params->calculate);
      g_string_append (out, ",\"maxHoursFromTime\":");
      json_time (out, month_starts[0]);
      g_string_append (out, ",\"maxHoursToTime\":");
      json_time (out, n > 0 ? first + (FbkInstant) n * HOUR : month_starts[0]);
      g_string_append (out, legacy ? ",\"maxHours\":[" : ",\"maxHoursAggregate\":[");

      for (int back = 0; back <= 1; back++)
        {
          MaxHour top[3];
          guint found = top_day_maxima (wh, first, n, month_starts[1 - back], month_starts[2 - back],
                                        legacy ? 1 : 3, top);
          gint64 sum = 0;

          /* A month without hours yet has no entry at all. */
          if (found == 0)
            continue;

          if (!first_entry)
            g_string_append_c (out, ',');
          first_entry = FALSE;

          if (legacy)
            {
              append_max_hour (out, self, meter, params, &top[0], back);
              continue;
            }

          for (guint i = 0; i < found; i++)
            sum += top[i].wh;
          g_string_append (out, "{\"averageValue\":");
          json_kwh (out, (sum + found / 2) / found);
          g_string_append (out, ",\"maxHours\":[");
          for (guint i = 0; i < found; i++)
            {
              if (i > 0)
                g_string_append_c (out, ',');
              append_max_hour (out, self, meter, params, &top[i], back);
            }
          g_string_append_printf (out, "],\"uom\":\"kWh\",\"noOfMonthsBack\":%d}", back);
        }

      g_string_append (out, "]}");
    }

  g_string_append (out, "]}");

  return out;
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
answer_api (FbkDemoServer     *self,
            SoupServerMessage *msg,
            const Call        *call)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  Problems problems = {
    .keys = g_ptr_array_new_with_free_func (g_free),
    .messages = g_ptr_array_new_with_free_func (g_free),
  };
  Params params = { 0 };
  gboolean found = FALSE;
  Endpoint endpoint = ENDPOINT_METERVALUES;
  guint status;

  for (guint i = 0; i < G_N_ELEMENTS (endpoints) && !found; i++)
    {
      found = g_str_equal (path, endpoints[i].path);
      endpoint = endpoints[i].endpoint;
    }

  /* The gateway routes on method and path before it checks the token. */
  if (!found || !g_str_equal (soup_server_message_get_method (msg), SOUP_METHOD_GET))
    status = respond_gateway (msg, SOUP_STATUS_NOT_FOUND, "Resource not found");
  else if (!is_authorized (msg))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "WWW-Authenticate", "Bearer");
      status = respond_gateway (msg, SOUP_STATUS_UNAUTHORIZED, "Unauthorized. Access token is missing or invalid.");
    }
  else if (!parse_params (endpoint, call->query, fbk_demo_server_get_now (self), &params, &problems))
    status = respond_problems (self, msg, call->number, &problems);
  else if (endpoint == ENDPOINT_METERVALUES)
    status = respond (msg, SOUP_STATUS_OK, CONTENT_TYPE_JSON, metervalues_body (self, &params));
  else
    status = respond (msg, SOUP_STATUS_OK, CONTENT_TYPE_JSON,
                      maxhours_body (self, &params, endpoint == ENDPOINT_MAXHOURS_V1));

  g_ptr_array_unref (problems.keys);
  g_ptr_array_unref (problems.messages);

  return status;
}

/* Faults that break the connection */

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
truncated_written_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GIOStream) stream = user_data;
  g_autoptr(GError) error = NULL;

  /* The client may hang up first; either way the connection ends here. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    g_debug ("Writing a truncated response: %s", error->message);
  g_io_stream_close (stream, NULL, NULL);
}

/* Sends the status line, the headers with a Content-Length for the whole
 * body and then only half the body, and hangs up, as a connection cut in
 * mid-transfer looks to the client. */
static void
send_truncated (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  g_autoptr(GIOStream) stream = NULL;
  GOutputStream *output;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GString *raw = g_string_new (NULL);
  GBytes *bytes;
  gsize length = g_bytes_get_size (body);

  g_string_append_printf (raw, "HTTP/1.1 %u %s\r\n", soup_server_message_get_status (msg),
                          soup_server_message_get_reason_phrase (msg));
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Content-Length") != 0 && g_ascii_strcasecmp (name, "Connection") != 0)
        g_string_append_printf (raw, "%s: %s\r\n", name, value);
    }
  g_string_append_printf (raw, "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n", length);
  g_string_append_len (raw, g_bytes_get_data (body, NULL), (gssize) (length / 2));

  bytes = g_string_free_to_bytes (raw);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    {
      g_bytes_unref (bytes);
      return;
    }

  /* Asynchronously: the client may be reading on this very main context. */
  g_object_set_data_full (G_OBJECT (stream), "fbk-demo-truncated-body", bytes, (GDestroyNotify) g_bytes_unref);
  output = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all_async (output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_PRIORITY_DEFAULT, NULL,
                                   truncated_written_cb, g_steal_pointer (&stream));
}

/* Answers @msg as @call asks. Returns %FALSE if the connection was taken
 * from libsoup (dropped or truncated), so the message must not be touched
 * again. */
static gboolean
answer (FbkDemoServer     *self,
        SoupServerMessage *msg,
        const Call        *call)
{
  FbkDemoFaultKind kind = call->has_fault ? call->fault.kind : FBK_DEMO_FAULT_DELAY;
  guint status;

  switch (kind)
    {
    case FBK_DEMO_FAULT_DROP:
      drop_connection (msg);
      record_status (self, call->number, 0);
      return FALSE;

    case FBK_DEMO_FAULT_RATE_LIMITED:
      {
        g_autofree char *seconds = g_strdup_printf ("%u", call->fault.param);
        g_autofree char *message = g_strdup_printf ("Rate limit is exceeded. Try again in %u seconds.",
                                                    call->fault.param);

        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
        status = respond_gateway (msg, 429, message);
      }
      break;

    case FBK_DEMO_FAULT_SERVER_ERROR:
      status = respond_server_error (self, msg, call->number);
      break;

    case FBK_DEMO_FAULT_UNAVAILABLE:
      status = respond_gateway (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "Service Unavailable");
      break;

    case FBK_DEMO_FAULT_TRUNCATE:
    case FBK_DEMO_FAULT_DELAY:
    default:
      status = answer_api (self, msg, call);
      break;
    }

  record_status (self, call->number, status);

  if (kind == FBK_DEMO_FAULT_TRUNCATE)
    {
      send_truncated (msg);
      return FALSE;
    }

  return TRUE;
}

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  if (delayed->source != NULL)
    {
      g_source_destroy (delayed->source);
      g_source_unref (delayed->source);
    }
  g_object_unref (delayed->msg);
  g_hash_table_unref (delayed->call.query);
  g_free (delayed);
}

static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *delayed = user_data;
  FbkDemoServer *self = delayed->self;

  if (answer (self, delayed->msg, &delayed->call))
    soup_server_message_unpause (delayed->msg);

  g_ptr_array_remove_fast (self->delayed, delayed);

  return G_SOURCE_REMOVE;
}

static void
handle_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  FbkDemoServer *self = user_data;
  FbkDemoRequest *request = g_new0 (FbkDemoRequest, 1);
  const FbkDemoFault *fault;
  guint delay_ms = 0;
  Call call = { 0 };

  request->number = ++self->n_received;
  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (request->query, g_strdup (key), g_strdup (value));
    }
  g_ptr_array_add (self->requests, request);

  call.number = request->number;
  call.query = g_hash_table_ref (request->query);
  fault = fbk_demo_faults_match (self->faults, self->seed, call.number, &delay_ms);
  if (fault != NULL)
    {
      call.has_fault = TRUE;
      call.fault = *fault;
    }

  if (delay_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->self = self;
      delayed->msg = g_object_ref (msg);
      delayed->call = call;
      delayed->source = g_timeout_source_new (delay_ms);
      g_source_set_callback (delayed->source, delayed_cb, delayed, NULL);
      g_source_attach (delayed->source, self->context);
      g_ptr_array_add (self->delayed, delayed);
      soup_server_message_pause (msg);
      return;
    }

  answer (self, msg, &call);
  g_hash_table_unref (call.query);
}

/* GObject */

static void
fbk_demo_server_dispose (GObject *object)
{
  FbkDemoServer *self = FBK_DEMO_SERVER (object);

  /* Held-back requests first: their callbacks borrow self. */
  g_ptr_array_set_size (self->delayed, 0);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (fbk_demo_server_parent_class)->dispose (object);
}

static void
fbk_demo_server_finalize (GObject *object)
{
  FbkDemoServer *self = FBK_DEMO_SERVER (object);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->faults, fbk_demo_faults_free);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->delayed, g_ptr_array_unref);

  G_OBJECT_CLASS (fbk_demo_server_parent_class)->finalize (object);
}

static void
fbk_demo_server_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FbkDemoServer *self = FBK_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;

    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_demo_server_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FbkDemoServer *self = FBK_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_SEED:
      self->seed = g_value_get_uint64 (value);
      break;

    case PROP_NOW:
      fbk_demo_server_set_now (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_demo_server_class_init (FbkDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fbk_demo_server_dispose;
  object_class->finalize = fbk_demo_server_finalize;
  object_class->get_property = fbk_demo_server_get_property;
  object_class->set_property = fbk_demo_server_set_property;

  /**
   * FbkDemoServer:seed:
   *
   * Chooses the household: the same seed always gives the same values.
   */
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL,
                         0, G_MAXUINT64, FBK_DEMO_DEFAULT_SEED,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * FbkDemoServer:now:
   *
   * The instant the server pretends it is, in seconds since 1970 UTC, or
   * %FBK_INSTANT_INVALID to follow the real clock. It decides which hours
   * exist yet, which are verified and where the flat's contract begins.
   */
  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL,
                        G_MININT64, G_MAXINT64, FBK_INSTANT_INVALID,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FbkDemoServer:port:
   *
   * The loopback port the server listens on; 0 until started.
   */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fbk_demo_server_init (FbkDemoServer *self)
{
  self->seed = FBK_DEMO_DEFAULT_SEED;
  self->now = FBK_INSTANT_INVALID;
  self->faults = fbk_demo_faults_new ();
  self->requests = g_ptr_array_new_with_free_func (request_free);
  self->delayed = g_ptr_array_new_with_free_func (delayed_free);
}

FbkDemoServer *
fbk_demo_server_new (guint64 seed)
{
  return g_object_new (FBK_TYPE_DEMO_SERVER, "seed", seed, NULL);
}

/**
 * fbk_demo_server_new_from_environment:
 *
 * The simulator of `forbruk --demo`, `forbruk-cli --demo` and `forbruk-cli
 * demo-server`. FORBRUK_DEMO_NOW (an RFC 3339 time) pins its clock, so
 * tests and screenshots see the same hours, the same verified flags and the
 * same contract starts on any day. Only the simulator reads it: it never
 * changes what is asked of Elvia.
 *
 * Returns: (transfer full) (nullable): a new server, not started, or %NULL
 *   if FORBRUK_DEMO_NOW is not a time
 */
FbkDemoServer *
fbk_demo_server_new_from_environment (guint64   seed,
                                      GError  **error)
{
  g_autoptr(FbkDemoServer) server = fbk_demo_server_new (seed);
  const char *pinned = g_getenv ("FORBRUK_DEMO_NOW");
  FbkInstant now;

  if (pinned != NULL)
    {
      if (!fbk_time_parse (pinned, &now))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("FORBRUK_DEMO_NOW is “%s”, not an RFC 3339 time such as "
                         "2024-11-15T10:20:00+01:00."), pinned);
          return NULL;
        }
      fbk_demo_server_set_now (server, now);
    }

  return g_steal_pointer (&server);
}

/**
 * fbk_demo_server_start:
 * @port: the port to listen on, or 0 for any free one
 *
 * Starts listening on 127.0.0.1 only. Requests are served from the
 * thread-default main context of the caller.
 *
 * Returns: %TRUE if the server is listening
 */
gboolean
fbk_demo_server_start (FbkDemoServer  *self,
                       guint           port,
                       GError        **error)
{
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;

  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A trailing space makes libsoup append its own product token. */
  server = soup_server_new ("server-header", "forbruk-demo ", NULL);
  soup_server_add_handler (server, NULL, handle_request_cb, self, NULL);

  if (!soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      g_prefix_error (error, _("Could not start the demo server: "));
      return FALSE;
    }

  uris = soup_server_get_uris (server);
  self->port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  self->server = g_steal_pointer (&server);
  self->context = g_main_context_ref_thread_default ();
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);

  return TRUE;
}

/**
 * fbk_demo_server_get_base_url:
 *
 * Returns: (nullable): the URL to put before the API's paths, such as
 *   `http://127.0.0.1:41234` (no trailing slash), or %NULL before
 *   fbk_demo_server_start()
 */
const char *
fbk_demo_server_get_base_url (FbkDemoServer *self)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), NULL);

  return self->base_url;
}

guint
fbk_demo_server_get_port (FbkDemoServer *self)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), 0);

  return self->port;
}

guint64
fbk_demo_server_get_seed (FbkDemoServer *self)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), 0);

  return self->seed;
}

/**
 * fbk_demo_server_get_now:
 *
 * Returns: the instant the server answers for: the #FbkDemoServer:now
 *   property if set, otherwise the real time
 */
FbkInstant
fbk_demo_server_get_now (FbkDemoServer *self)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), FBK_INSTANT_INVALID);

  if (self->now != FBK_INSTANT_INVALID)
    return self->now;

  return g_get_real_time () / G_USEC_PER_SEC;
}

void
fbk_demo_server_set_now (FbkDemoServer *self,
                         FbkInstant     now)
{
  g_return_if_fail (FBK_IS_DEMO_SERVER (self));

  if (self->now == now)
    return;

  self->now = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}

/**
 * fbk_demo_server_set_faults:
 * @spec: a fault plan, in the grammar documented in fbk-demo-faults.h
 *   (e.g. `429:2@1; 500@2-3; delay:1500@25%`); "" for none
 *
 * Replaces the fault plan. On a parse error the plan is left as it was.
 *
 * Returns: %TRUE if @spec was valid
 */
gboolean
fbk_demo_server_set_faults (FbkDemoServer  *self,
                            const char     *spec,
                            GError        **error)
{
  FbkDemoFaults *faults;

  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  faults = fbk_demo_faults_parse (spec, error);
  if (faults == NULL)
    return FALSE;

  g_clear_pointer (&self->faults, fbk_demo_faults_free);
  self->faults = faults;

  return TRUE;
}

/**
 * fbk_demo_server_add_fault:
 * @param: Retry-After seconds for %FBK_DEMO_FAULT_RATE_LIMITED, milliseconds
 *   for %FBK_DEMO_FAULT_DELAY, otherwise ignored
 * @first_request: the first request hit, counting from 1
 * @last_request: the last request hit, or %G_MAXUINT for every later one
 *
 * Adds the rule `FAULT@first-last` to the fault plan.
 */
void
fbk_demo_server_add_fault (FbkDemoServer    *self,
                           FbkDemoFaultKind  kind,
                           guint             param,
                           guint             first_request,
                           guint             last_request)
{
  FbkDemoFault fault = { kind, param, first_request, last_request, 1.0 };

  g_return_if_fail (FBK_IS_DEMO_SERVER (self));

  fbk_demo_faults_add (self->faults, &fault);
}

/**
 * fbk_demo_server_add_random_fault:
 * @probability: the chance, above 0 and at most 1, that a request is hit
 *
 * Adds the rule `FAULT@P%` to the fault plan; which requests are hit
 * depends only on the seed and the request numbers.
 */
void
fbk_demo_server_add_random_fault (FbkDemoServer    *self,
                                  FbkDemoFaultKind  kind,
                                  guint             param,
                                  double            probability)
{
  FbkDemoFault fault = { kind, param, 1, G_MAXUINT, probability };

  g_return_if_fail (FBK_IS_DEMO_SERVER (self));

  fbk_demo_faults_add (self->faults, &fault);
}

void
fbk_demo_server_clear_faults (FbkDemoServer *self)
{
  g_return_if_fail (FBK_IS_DEMO_SERVER (self));

  g_clear_pointer (&self->faults, fbk_demo_faults_free);
  self->faults = fbk_demo_faults_new ();
}

guint
fbk_demo_server_get_n_requests (FbkDemoServer *self)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), 0);

  return self->requests->len;
}

/**
 * fbk_demo_server_get_request:
 * @index: 0 for the oldest request since the log was cleared
 *
 * Returns: (transfer none): the request, valid until the log is cleared
 */
const FbkDemoRequest *
fbk_demo_server_get_request (FbkDemoServer *self,
                             guint          index)
{
  g_return_val_if_fail (FBK_IS_DEMO_SERVER (self), NULL);
  g_return_val_if_fail (index < self->requests->len, NULL);

  return g_ptr_array_index (self->requests, index);
}

/**
 * fbk_demo_server_clear_requests:
 *
 * Empties the request log and restarts the numbering of requests at 1, for
 * the log and for the fault plan's rules alike.
 */
void
fbk_demo_server_clear_requests (FbkDemoServer *self)
{
  g_return_if_fail (FBK_IS_DEMO_SERVER (self));

  g_ptr_array_set_size (self->requests, 0);
  self->n_received = 0;
}
