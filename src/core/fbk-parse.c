/* fbk-parse.c: MeterValueApi response bodies, validated at the boundary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-parse"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "fbk-error.h"
#include "fbk-metering-point.h"
#include "fbk-json.h"
#include "fbk-parse.h"

/* What is accepted and what is refused, and why.
 *
 * A body either parses whole or not at all: the caller stores what it gets,
 * so anything that shows the body is not what we think it is (something
 * that is not JSON, a wrong type, a timestamp that is not one, an interval
 * that ends before it starts, an energy that is negative, not finite or
 * more than FBK_PARSE_MAX_KWH_PER_HOUR an hour, a unit other than kWh)
 * fails the whole body rather than quietly storing part of it or storing
 * numbers we misread. Skipping is kept for what the API notes describe as
 * normal: a point whose value is null or missing (not metered yet) is
 * skipped and counted; missing customerContract, metervalue, timeSeries,
 * fromHour, toHour, verified, production and uom are tolerated, and so is
 * a toHour before fromHour in an answer without values (the newest hours,
 * not reported yet); unknown members are ignored. The top-level
 * `meteringpoints` list is required, null included: an error body from a
 * gateway must not read as "this token has no metering points". */

/* An Oslo day with its extra hour: the longest interval that can be one
 * metered value. */
#define MAX_INTERVAL_SECONDS (25 * FBK_SECONDS_PER_HOUR)

#define MAX_RESOLUTION_MINUTES (24 * 60)


/* Problem details are shown to the user: keep them to a readable size. */
#define MAX_PROBLEM_ERRORS 10
#define MAX_PROBLEM_TEXT_CHARS 300

/* Where in the body a value sits, for error messages. Built on the stack as
 * the walk descends and only formatted when something is wrong. */
typedef struct _Path Path;
struct _Path
{
  const Path *parent;
  const char *member;  /* NULL for an array element */
  guint       index;
};

static void
append_path (GString    *string,
             const Path *path)
{
  if (path == NULL)
    return;

  append_path (string, path->parent);

  if (path->member == NULL)
    g_string_append_printf (string, "[%u]", path->index);
  else
    {
      if (string->len > 0)
        g_string_append_c (string, '.');
      g_string_append (string, path->member);
    }
}

static char *
path_to_string (const Path *path,
                const char *member)
{
  GString *string = g_string_new (NULL);
  Path leaf = { path, member, 0 };

  append_path (string, member != NULL ? &leaf : path);

  return g_string_free (string, FALSE);
}

/* Whatever of the body reaches a message goes through
 * fbk_error_tidy_server_text() first: it may hold terminal escapes, and
 * need not even be UTF-8. */
static char *
excerpt (const char *text)
{
  return fbk_error_tidy_server_text (text, FBK_JSON_EXCERPT_CHARS);
}

static gboolean
fail_missing (GError     **error,
              const Path  *path,
              const char  *member)
{
  g_autofree char *where = path_to_string (path, member);

  g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_MISSING_FIELD,
               _("The server’s answer lacks “%s”."), where);
  return FALSE;
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail_invalid (GError     **error,
              const Path  *path,
              const char  *member,
              const char  *format,
              ...)
{
  g_autofree char *where = path_to_string (path, member);
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: the first %s is a place in the JSON body such as
   * meteringpoints[0].metervalue.timeSeries[3].value, the second says what
   * is wrong with it */
  g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_FIELD,
               _("The server’s answer has an invalid “%s”: %s."), where, why);
  return FALSE;
}

/* A member that is absent or null reads as NULL: the API notes treat the
 * two alike. */
static JsonNode *
lookup (JsonObject *object,
        const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

/* The first of two spellings that is present, e.g. startTime/startDate. */
static const char *
pick_spelling (JsonObject *object,
               const char *first,
               const char *second)
{
  return lookup (object, first) != NULL || lookup (object, second) == NULL ? first : second;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
read_object (JsonObject  *object,
             const Path  *path,
             const char  *member,
             JsonObject **out_object,
             GError     **error)
{
  JsonNode *node = lookup (object, member);

  *out_object = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_invalid (error, path, member, _("not an object"));

  *out_object = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const Path  *path,
            const char  *member,
            JsonArray  **out_array,
            GError     **error)
{
  JsonNode *node = lookup (object, member);

  *out_array = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_invalid (error, path, member, _("not a list"));

  *out_array = json_node_get_array (node);
  return TRUE;
}

static gboolean
read_time (JsonObject  *object,
           const Path  *path,
           const char  *member,
           gboolean     required,
           FbkInstant  *out_instant,
           GError     **error)
{
  JsonNode *node = lookup (object, member);
  const char *text;

  *out_instant = FBK_INSTANT_INVALID;
  if (node == NULL)
    return required ? fail_missing (error, path, member) : TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_invalid (error, path, member, _("not a time"));

  text = json_node_get_string (node);
  if (!fbk_time_parse (text, out_instant))
    {
      g_autofree char *shown = excerpt (text);
      return fail_invalid (error, path, member, _("“%s” is not a time"), shown);
    }

  return TRUE;
}

/* A finite, non-negative amount of energy; absent or null sets
 * @out_present to FALSE. Whether it is plausible depends on how long it
 * was metered for: see check_plausible(). */
static gboolean
read_energy (JsonObject  *object,
             const Path  *path,
             const char  *member,
             gboolean    *out_present,
             double      *out_kwh,
             GError     **error)
{
  JsonNode *node = lookup (object, member);
  double kwh;

  *out_present = FALSE;
  if (node == NULL)
    return TRUE;

  if (!node_is_number (node))
    return fail_invalid (error, path, member, _("not a number"));

  kwh = json_node_get_double (node);
  if (!isfinite (kwh))
    return fail_invalid (error, path, member, _("not a finite number"));
  if (kwh < 0.0)
    return fail_invalid (error, path, member, _("a negative amount of energy"));

  *out_present = TRUE;
  /* -0 would be shown as "-0.000". */
  *out_kwh = kwh == 0.0 ? 0.0 : kwh;
  return TRUE;
}

/* More than FBK_PARSE_MAX_KWH_PER_HOUR over @seconds is no household's
 * consumption or production but a misread body (a unit of Wh sent as kWh,
 * a wrapped integer): refused by name rather than stored and summed into
 * every total. */
static gboolean
check_plausible (double       kwh,
                 FbkInstant   seconds,
                 const Path  *path,
                 const char  *member,
                 GError     **error)
{
  if (kwh <= FBK_PARSE_MAX_KWH_PER_HOUR * (double) seconds / FBK_SECONDS_PER_HOUR)
    return TRUE;

  return fail_invalid (error, path, member,
                       _("%g kWh is more than a household meter measures (at most %d kWh an hour)"),
                       kwh, (int) FBK_PARSE_MAX_KWH_PER_HOUR);
}

/* A whole number in [min, max] (both within int); absent or null sets
 * @out_present to FALSE. */
static gboolean
read_count (JsonObject  *object,
            const Path  *path,
            const char  *member,
            gint64       min,
            gint64       max,
            gboolean    *out_present,
            gint64      *out_value,
            GError     **error)
{
  JsonNode *node = lookup (object, member);
  double value;

  *out_present = FALSE;
  if (node == NULL)
    return TRUE;

  if (!node_is_number (node))
    return fail_invalid (error, path, member, _("not a number"));

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else
    value = json_node_get_double (node);

  /* Written 60.0 is still sixty; 60.5 is not a count. */
  if (!isfinite (value) || value != floor (value) || value < (double) min || value > (double) max)
    return fail_invalid (error, path, member, _("not a whole number from %d to %d"),
                         (int) min, (int) max);

  *out_present = TRUE;
  *out_value = (gint64) value;
  return TRUE;
}

static gboolean
read_flag (JsonObject  *object,
           const Path  *path,
           const char  *member,
           gboolean     default_value,
           gboolean    *out_flag,
           GError     **error)
{
  JsonNode *node = lookup (object, member);

  *out_flag = default_value;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail_invalid (error, path, member, _("not true or false"));

  *out_flag = json_node_get_boolean (node);
  return TRUE;
}

/* Values in any other unit would be misread by a factor of a thousand. */
static gboolean
check_unit (JsonObject  *object,
            const Path  *path,
            GError     **error)
{
  JsonNode *node = lookup (object, "uom");
  const char *unit;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_invalid (error, path, "uom", _("not a unit"));

  unit = json_node_get_string (node);
  if (g_ascii_strcasecmp (unit, "kWh") != 0)
    {
      g_autofree char *shown = excerpt (unit);
      return fail_invalid (error, path, "uom", _("“%s” is not kWh"), shown);
    }

  return TRUE;
}

static gboolean
read_metering_point_id (JsonObject  *object,
                        const Path  *path,
                        char       **out_id,
                        GError     **error)
{
  JsonNode *node = lookup (object, "meteringPointId");
  const char *id;

  if (node == NULL)
    return fail_missing (error, path, "meteringPointId");

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_invalid (error, path, "meteringPointId", _("not text"));

  id = json_node_get_string (node);
  if (!fbk_metering_point_id_is_valid (id))
    {
      g_autofree char *shown = excerpt (id);
      return fail_invalid (error, path, "meteringPointId",
                           _("“%s” is not an 18-digit metering point id"), shown);
    }

  *out_id = g_strdup (id);
  return TRUE;
}

/* metervalues names the contract's bounds startTime/endTime and v2 maxhours
 * startDate/endDate; either is accepted anywhere. */
static gboolean
read_contract (JsonObject  *object,
               const Path  *path,
               FbkInstant  *out_start,
               FbkInstant  *out_end,
               GError     **error)
{
  Path contract_path = { path, "customerContract", 0 };
  JsonObject *contract;

  *out_start = FBK_INSTANT_INVALID;
  *out_end = FBK_INSTANT_INVALID;

  if (!read_object (object, path, "customerContract", &contract, error))
    return FALSE;
  if (contract == NULL)
    return TRUE;

  return read_time (contract, &contract_path, pick_spelling (contract, "startTime", "startDate"),
                    FALSE, out_start, error) &&
         read_time (contract, &contract_path, pick_spelling (contract, "endTime", "endDate"),
                    FALSE, out_end, error);
}

static gboolean
read_metering_points (JsonNode    *root,
                      JsonArray  **out_array,
                      GError     **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_FIELD,
                   _("The server’s answer is not a JSON object."));
      return FALSE;
    }

  if (!read_array (json_node_get_object (root), NULL, "meteringpoints", &array, error))
    return FALSE;
  if (array == NULL)
    return fail_missing (error, NULL, "meteringpoints");

  *out_array = array;
  return TRUE;
}

static JsonObject *
element_object (JsonArray   *array,
                guint        index,
                const Path  *path,
                GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail_invalid (error, path, NULL, _("not an object"));
      return NULL;
    }

  return json_node_get_object (node);
}

void
fbk_meter_values_free (FbkMeterValues *self)
{
  if (self == NULL)
    return;

  g_free (self->metering_point_id);
  for (guint i = 0; i < G_N_ELEMENTS (self->intervals); i++)
    g_clear_pointer (&self->intervals[i], g_array_unref);
  g_free (self);
}

/* Reads one point into @intervals (indexed by FbkDirection), or counts it
 * in @n_skipped. @resolution_minutes is 0 when unknown. Nothing is added
 * when it fails. */
static gboolean
parse_time_point (JsonObject      *point,
                  const Path      *path,
                  guint            resolution_minutes,
                  FbkDirection     requested,
                  GArray         **intervals,
                  guint           *n_skipped,
                  GError         **error)
{
  FbkInterval interval = { 0 };
  FbkInstant end;
  gboolean has_value;
  gboolean verified;
  gboolean production;

  if (!read_energy (point, path, "value", &has_value, &interval.kwh, error))
    return FALSE;

  /* Not metered yet: the one kind of gap the API is known to send. */
  if (!has_value)
    {
      (*n_skipped)++;
      return TRUE;
    }

  if (!read_time (point, path, "startTime", TRUE, &interval.start, error) ||
      !read_time (point, path, "endTime", FALSE, &end, error) ||
      !read_flag (point, path, "verified", FALSE, &verified, error) ||
      !read_flag (point, path, "production", requested == FBK_DIRECTION_PRODUCTION, &production, error) ||
      !check_unit (point, path, error))
    return FALSE;

  if (end == FBK_INSTANT_INVALID)
    {
      if (resolution_minutes == 0)
        return fail_missing (error, path, "endTime");
      end = interval.start + (FbkInstant) resolution_minutes * 60;
    }

  if (end <= interval.start)
    return fail_invalid (error, path, "endTime", _("it is not after the start"));
  if (end - interval.start > MAX_INTERVAL_SECONDS)
    return fail_invalid (error, path, "endTime", _("the interval is longer than a day"));
  if (!check_plausible (interval.kwh, end - interval.start, path, "value", error))
    return FALSE;

  interval.duration = (guint32) (end - interval.start);
  interval.flags = verified ? FBK_INTERVAL_VERIFIED : 0;

  g_array_append_val (intervals[production ? FBK_DIRECTION_PRODUCTION : FBK_DIRECTION_CONSUMPTION],
                      interval);
  return TRUE;
}

/* Reading the points while json-glib parses.
 *
 * json-glib 1.6 builds the whole document before anyone can look at it, and
 * for a year of hours that is 8,760 point objects of about twenty small
 * allocations each (node, object, hash table, member list, six member nodes
 * and their names and strings). Building them and freeing them all at the
 * end cost more in cache misses than in instructions: by the time the tree
 * is freed, its memory is cold. So each point is read as soon as the parser
 * has built it (its ::array-element signal) and then dropped from its
 * array, which frees it at once and lets the next point reuse the same, still
 * cached, memory. That takes about 40 % off parsing a meter-year
 * (BENCHMARKS.md, "Parsing").
 *
 * json-glib names a member only after it has parsed its value, so while an
 * array is being parsed nobody knows whether it is a timeSeries. Every array
 * at timeSeries' level is therefore read this way and its points kept aside
 * by array; the walk takes those of the arrays it finds under
 * metervalue.timeSeries and drops the rest, unread arrays it would not have
 * looked into anyway. Reading ahead stops at the first element of an array
 * that does not read cleanly (an error, or a point without endTime whose
 * length depends on a resolutionMinutes that may come later): that element
 * and the ones after it stay in the tree for the walk, which reads them as
 * it always did, so errors and their paths are the same. */

/* Arrays are counted, not objects: a body's first array is meteringpoints
 * and timeSeries is the second level (root { meteringpoints [ { metervalue
 * { timeSeries [ ). Counting objects too would cost two more signal
 * emissions with handlers for every point, and the walk looks at no other
 * array at that level either. */
#define SERIES_ARRAY_LEVEL 2

/* The first n_read elements of an array, read and removed from it. */
typedef struct
{
  GArray   *intervals[2];  /* by FbkDirection */
  guint     n_skipped;
  guint     n_read;
  gboolean  stopped;
} ReadAhead;

static void
read_ahead_free (ReadAhead *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->intervals); i++)
    g_clear_pointer (&self->intervals[i], g_array_unref);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadAhead, read_ahead_free)

typedef struct
{
  JsonParser   *parser;
  FbkDirection  requested;
  guint         level;     /* arrays open */
  ReadAhead    *current;   /* of the open array at SERIES_ARRAY_LEVEL */
  GHashTable   *finished;  /* JsonArray (a reference) → ReadAhead */
} SeriesReader;

static void
on_array_start_cb (JsonParser   *parser,
                   SeriesReader *reader)
{
  if (++reader->level == SERIES_ARRAY_LEVEL)
    {
      reader->current = g_new0 (ReadAhead, 1);
      reader->current->intervals[FBK_DIRECTION_CONSUMPTION] = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
      reader->current->intervals[FBK_DIRECTION_PRODUCTION] = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
    }
}

static void
on_array_end_cb (JsonParser   *parser,
                 JsonArray    *array,
                 SeriesReader *reader)
{
  /* The reference keeps the array's address from being reused by another
   * array should this one be dropped (a repeated member name). */
  if (reader->level-- == SERIES_ARRAY_LEVEL)
    g_hash_table_insert (reader->finished, json_array_ref (array), g_steal_pointer (&reader->current));
}

static void
on_array_element_cb (JsonParser   *parser,
                     JsonArray    *array,
                     int           index,
                     SeriesReader *reader)
{
  ReadAhead *ahead = reader->current;
  guint last;
  JsonNode *node;

  if (reader->level != SERIES_ARRAY_LEVEL || ahead->stopped)
    return;

  /* The element just added is the last one: the signal's index counts the
   * elements removed before it too. */
  last = json_array_get_length (array) - 1;
  node = json_array_get_element (array, last);

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      !parse_time_point (json_node_get_object (node), NULL, 0, reader->requested,
                         ahead->intervals, &ahead->n_skipped, NULL))
    {
      ahead->stopped = TRUE;
      return;
    }

  json_array_remove_element (array, last);
  ahead->n_read++;
}

static void
series_reader_init (SeriesReader *reader,
                    FbkDirection  requested)
{
  reader->parser = json_parser_new ();
  reader->requested = requested;
  reader->finished = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) json_array_unref,
                                            (GDestroyNotify) read_ahead_free);

  g_signal_connect (reader->parser, "array-start", G_CALLBACK (on_array_start_cb), reader);
  g_signal_connect (reader->parser, "array-end", G_CALLBACK (on_array_end_cb), reader);
  g_signal_connect (reader->parser, "array-element", G_CALLBACK (on_array_element_cb), reader);
}

static void
series_reader_clear (SeriesReader *reader)
{
  g_clear_object (&reader->parser);
  g_clear_pointer (&reader->current, read_ahead_free);
  g_clear_pointer (&reader->finished, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SeriesReader, series_reader_clear)

/* The points read ahead from @series, or NULL when there are none. */
static ReadAhead *
series_reader_take (SeriesReader *reader,
                    JsonArray    *series)
{
  gpointer key, value;

  if (!g_hash_table_steal_extended (reader->finished, series, &key, &value))
    return NULL;

  json_array_unref (key);
  return value;
}

static FbkMeterValues *
parse_meter_values_point (JsonObject    *object,
                          const Path    *path,
                          SeriesReader  *reader,
                          GError       **error)
{
  FbkDirection requested = reader->requested;
  FbkDirection other = requested == FBK_DIRECTION_CONSUMPTION ? FBK_DIRECTION_PRODUCTION : FBK_DIRECTION_CONSUMPTION;
  g_autoptr(FbkMeterValues) values = g_new0 (FbkMeterValues, 1);
  g_autoptr(ReadAhead) ahead = NULL;
  Path metervalue_path = { path, "metervalue", 0 };
  Path series_path = { &metervalue_path, "timeSeries", 0 };
  JsonObject *metervalue;
  JsonArray *series = NULL;
  guint n_points = 0;
  guint first_index = 0;

  values->from = FBK_INSTANT_INVALID;
  values->to = FBK_INSTANT_INVALID;

  if (!read_metering_point_id (object, path, &values->metering_point_id, error) ||
      !read_contract (object, path, &values->contract_start, &values->contract_end, error) ||
      !read_object (object, path, "metervalue", &metervalue, error))
    return NULL;

  if (metervalue != NULL)
    {
      gboolean has_resolution;
      gint64 resolution;

      if (!read_time (metervalue, &metervalue_path, "fromHour", FALSE, &values->from, error) ||
          !read_time (metervalue, &metervalue_path, "toHour", FALSE, &values->to, error) ||
          !read_count (metervalue, &metervalue_path, "resolutionMinutes", 1, MAX_RESOLUTION_MINUTES,
                       &has_resolution, &resolution, error) ||
          !read_array (metervalue, &metervalue_path, "timeSeries", &series, error))
        return NULL;

      values->resolution_minutes = has_resolution ? (guint) resolution : 0;
      n_points = series != NULL ? json_array_get_length (series) : 0;
    }

  if (series != NULL && (ahead = series_reader_take (reader, series)) != NULL)
    {
      /* The first points were read while parsing; what is left in the
       * array comes after them. */
      for (guint i = 0; i < G_N_ELEMENTS (values->intervals); i++)
        values->intervals[i] = g_steal_pointer (&ahead->intervals[i]);
      values->n_skipped = ahead->n_skipped;
      first_index = ahead->n_read;
    }
  else
    {
      /* Most bodies hold one direction, the one asked for. */
      values->intervals[requested] = g_array_sized_new (FALSE, FALSE, sizeof (FbkInterval), n_points);
      values->intervals[other] = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
    }

  for (guint i = 0; i < n_points; i++)
    {
      Path point_path = { &series_path, NULL, first_index + i };
      JsonObject *point = element_object (series, i, &point_path, error);

      if (point == NULL ||
          !parse_time_point (point, &point_path, values->resolution_minutes, requested,
                             values->intervals, &values->n_skipped, error))
        return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (values->intervals); i++)
    fbk_intervals_normalize (values->intervals[i]);

  /* Asked about hours it has not reported yet, the API can answer with
   * toHour before fromHour and no values: that is "no values yet", and the
   * span says nothing. With values, a span that runs backwards means the
   * body is not what we think it is. */
  if (values->from != FBK_INSTANT_INVALID && values->to != FBK_INSTANT_INVALID &&
      values->to < values->from)
    {
      if (values->intervals[FBK_DIRECTION_CONSUMPTION]->len > 0 ||
          values->intervals[FBK_DIRECTION_PRODUCTION]->len > 0)
        {
          fail_invalid (error, &metervalue_path, "toHour", _("it is before fromHour"));
          return NULL;
        }
      values->from = FBK_INSTANT_INVALID;
      values->to = FBK_INSTANT_INVALID;
    }

  return g_steal_pointer (&values);
}

/**
 * fbk_parse_meter_values:
 * @body: a metervalues (E1) response body
 * @requested: the direction asked for (`includeProduction`), given to
 *   points that lack a `production` flag
 *
 * Validates and reads a metervalues body. Each point's interval runs from
 * its startTime to its endTime, or lasts resolutionMinutes when endTime is
 * absent; points are filed by their own `production` flag.
 *
 * Returns: (transfer full) (element-type FbkMeterValues): one entry per
 *   metering point in body order, or %NULL with @error set
 *   (%FBK_PARSE_ERROR)
 */
GPtrArray *
fbk_parse_meter_values (GBytes        *body,
                        FbkDirection   requested,
                        GError       **error)
{
  g_auto(SeriesReader) reader = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) result = NULL;
  Path list_path = { NULL, "meteringpoints", 0 };
  JsonArray *points;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (requested == FBK_DIRECTION_CONSUMPTION ||
                        requested == FBK_DIRECTION_PRODUCTION, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  series_reader_init (&reader, requested);
  if (!(root = fbk_json_load (body, reader.parser, error)) || !read_metering_points (root, &points, error))
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) fbk_meter_values_free);

  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      Path point_path = { &list_path, NULL, i };
      JsonObject *object = element_object (points, i, &point_path, error);
      FbkMeterValues *values;

      if (object == NULL ||
          !(values = parse_meter_values_point (object, &point_path, &reader, error)))
        return NULL;

      g_ptr_array_add (result, values);
    }

  return g_steal_pointer (&result);
}

void
fbk_max_hours_report_free (FbkMaxHoursReport *self)
{
  if (self == NULL)
    return;

  g_free (self->metering_point_id);
  g_clear_pointer (&self->current, fbk_max_hours_free);
  g_clear_pointer (&self->previous, fbk_max_hours_free);
  g_free (self);
}

/**
 * fbk_max_hours_reports_find:
 * @reports: (nullable) (element-type FbkMaxHoursReport): reports as
 *   fbk_parse_max_hours() gives them
 *
 * Returns: (transfer none) (nullable): the report of @metering_point_id
 */
const FbkMaxHoursReport *
fbk_max_hours_reports_find (GPtrArray  *reports,
                            const char *metering_point_id)
{
  for (guint i = 0; reports != NULL && i < reports->len; i++)
    {
      const FbkMaxHoursReport *report = g_ptr_array_index (reports, i);

      if (g_strcmp0 (report->metering_point_id, metering_point_id) == 0)
        return report;
    }
  return NULL;
}

/* The hours of one month as read, before they become an FbkMaxHours. */
typedef struct
{
  gboolean   seen;
  guint      n_hours;
  FbkMaxHour hours[FBK_MAX_HOURS_PER_MONTH];
  gboolean   has_average;
  double     average;
} MonthDraft;

/* Reads one MaxHour. Sets *out_months_back to -1 when the hour does not
 * say, and *out_has_value to FALSE for an hour without a value, which is
 * skipped like a metervalues point without one. */
static gboolean
parse_max_hour (JsonObject  *object,
                const Path  *path,
                FbkMaxHour  *out_hour,
                gboolean    *out_has_value,
                gint64      *out_months_back,
                GError     **error)
{
  gboolean has_months_back;

  if (!read_energy (object, path, "value", out_has_value, &out_hour->kwh, error) ||
      !read_count (object, path, "noOfMonthsBack", 0, G_MAXINT32, &has_months_back,
                   out_months_back, error))
    return FALSE;

  if (!has_months_back)
    *out_months_back = -1;
  if (!*out_has_value)
    return TRUE;

  if (!read_time (object, path, "startTime", TRUE, &out_hour->start, error) ||
      !read_time (object, path, "endTime", FALSE, &out_hour->end, error) ||
      !read_flag (object, path, "verified", FALSE, &out_hour->verified, error) ||
      !check_unit (object, path, error))
    return FALSE;

  if (out_hour->end == FBK_INSTANT_INVALID)
    out_hour->end = out_hour->start + FBK_SECONDS_PER_HOUR;
  if (out_hour->end <= out_hour->start)
    return fail_invalid (error, path, "endTime", _("it is not after the start"));
  if (out_hour->end - out_hour->start > MAX_INTERVAL_SECONDS)
    return fail_invalid (error, path, "endTime", _("the interval is longer than a day"));

  return check_plausible (out_hour->kwh, out_hour->end - out_hour->start, path, "value", error);
}

static gboolean
add_hour_to_month (MonthDraft        *draft,
                   const FbkMaxHour  *hour,
                   const Path        *path,
                   GError           **error)
{
  if (draft->n_hours == FBK_MAX_HOURS_PER_MONTH)
    return fail_invalid (error, path, NULL, _("a month has more than three max hours"));

  draft->hours[draft->n_hours++] = *hour;
  return TRUE;
}

/* Only the current and the previous month exist in these bodies; a larger
 * noOfMonthsBack is ignored rather than refused. */
static MonthDraft *
month_slot (MonthDraft  *drafts,
            gint64       months_back)
{
  return months_back >= 0 && months_back <= 1 ? &drafts[months_back] : NULL;
}

static gboolean
parse_aggregate (JsonObject  *object,
                 const Path  *path,
                 MonthDraft  *drafts,
                 GError     **error)
{
  Path hours_path = { path, "maxHours", 0 };
  MonthDraft draft = { .seen = TRUE };
  JsonArray *hours;
  gboolean has_months_back;
  gint64 months_back = -1;
  MonthDraft *slot;

  if (!read_count (object, path, "noOfMonthsBack", 0, G_MAXINT32, &has_months_back, &months_back, error) ||
      !read_energy (object, path, "averageValue", &draft.has_average, &draft.average, error) ||
      (draft.has_average &&
       !check_plausible (draft.average, FBK_SECONDS_PER_HOUR, path, "averageValue", error)) ||
      !check_unit (object, path, error) ||
      !read_array (object, path, "maxHours", &hours, error))
    return FALSE;

  for (guint i = 0; hours != NULL && i < json_array_get_length (hours); i++)
    {
      Path hour_path = { &hours_path, NULL, i };
      JsonObject *hour_object = element_object (hours, i, &hour_path, error);
      FbkMaxHour hour = { 0 };
      gboolean has_value;
      gint64 hour_months_back;

      if (hour_object == NULL ||
          !parse_max_hour (hour_object, &hour_path, &hour, &has_value, &hour_months_back, error))
        return FALSE;

      /* The aggregate names its month; its hours repeat it, and stand in
       * when the aggregate does not. */
      if (!has_months_back && hour_months_back >= 0)
        {
          has_months_back = TRUE;
          months_back = hour_months_back;
        }

      if (has_value && !add_hour_to_month (&draft, &hour, &hours_path, error))
        return FALSE;
    }

  if (!has_months_back)
    return fail_missing (error, path, "noOfMonthsBack");

  if ((slot = month_slot (drafts, months_back)) == NULL)
    {
      g_debug ("Ignoring a max-hours month %" G_GINT64_FORMAT " months back", months_back);
      return TRUE;
    }

  if (slot->seen)
    return fail_invalid (error, path, "noOfMonthsBack", _("month %d appears twice"), (int) months_back);

  *slot = draft;
  return TRUE;
}

/* Legacy v1: one list of hours, each saying which month it belongs to. */
static gboolean
parse_legacy_hours (JsonArray   *hours,
                    const Path  *path,
                    MonthDraft  *drafts,
                    GError     **error)
{
  for (guint i = 0; i < json_array_get_length (hours); i++)
    {
      Path hour_path = { path, NULL, i };
      JsonObject *hour_object = element_object (hours, i, &hour_path, error);
      FbkMaxHour hour = { 0 };
      gboolean has_value;
      gint64 months_back;
      MonthDraft *slot;

      if (hour_object == NULL ||
          !parse_max_hour (hour_object, &hour_path, &hour, &has_value, &months_back, error))
        return FALSE;

      if (months_back < 0)
        return fail_missing (error, &hour_path, "noOfMonthsBack");
      if (!has_value || (slot = month_slot (drafts, months_back)) == NULL)
        continue;

      slot->seen = TRUE;
      if (!add_hour_to_month (slot, &hour, path, error))
        return FALSE;
    }

  return TRUE;
}

/* Which calendar month a draft is: that of its hours when it has any (they
 * are facts), else the calculation time's month less noOfMonthsBack. With
 * neither there is nothing to show and the month is left out. */
static FbkMaxHours *
finish_month (const MonthDraft *draft,
              gint64            months_back,
              FbkInstant        calculated_time)
{
  FbkMaxHours *month;
  FbkDate date;

  if (!draft->seen)
    return NULL;

  if (draft->n_hours > 0)
    date = fbk_time_oslo_date (draft->hours[0].start);
  else if (calculated_time != FBK_INSTANT_INVALID)
    date = fbk_date_add_months (fbk_time_oslo_date (calculated_time), (int) -months_back);
  else
    return NULL;

  month = g_new0 (FbkMaxHours, 1);
  fbk_max_hours_init (month, date.year, date.month, draft->hours, draft->n_hours,
                      FBK_MAX_HOURS_SOURCE_API);

  /* Elvia's own average is the one the bill uses; recompute only when it
   * is absent. */
  if (draft->has_average)
    month->average = draft->average;

  return month;
}

static FbkMaxHoursReport *
parse_max_hours_point (JsonObject  *object,
                       const Path  *path,
                       GError     **error)
{
  g_autoptr(FbkMaxHoursReport) report = g_new0 (FbkMaxHoursReport, 1);
  MonthDraft drafts[2] = { { 0 }, { 0 } };
  JsonArray *aggregates;
  JsonArray *legacy_hours;

  if (!read_metering_point_id (object, path, &report->metering_point_id, error) ||
      !read_contract (object, path, &report->contract_start, &report->contract_end, error) ||
      !read_time (object, path, "maxHoursCalculatedTime", FALSE, &report->calculated_time, error) ||
      !read_time (object, path, "maxHoursFromTime", FALSE, &report->from, error) ||
      !read_time (object, path, "maxHoursToTime", FALSE, &report->to, error) ||
      !read_array (object, path, "maxHoursAggregate", &aggregates, error))
    return NULL;

  if (aggregates != NULL)
    {
      Path aggregates_path = { path, "maxHoursAggregate", 0 };

      for (guint i = 0; i < json_array_get_length (aggregates); i++)
        {
          Path aggregate_path = { &aggregates_path, NULL, i };
          JsonObject *aggregate = element_object (aggregates, i, &aggregate_path, error);

          if (aggregate == NULL || !parse_aggregate (aggregate, &aggregate_path, drafts, error))
            return NULL;
        }
    }
  else
    {
      Path legacy_path = { path, "maxHours", 0 };

      if (!read_array (object, path, "maxHours", &legacy_hours, error))
        return NULL;
      if (legacy_hours != NULL && !parse_legacy_hours (legacy_hours, &legacy_path, drafts, error))
        return NULL;
    }

  report->current = finish_month (&drafts[0], 0, report->calculated_time);
  report->previous = finish_month (&drafts[1], 1, report->calculated_time);

  return g_steal_pointer (&report);
}

/**
 * fbk_parse_max_hours:
 * @body: a maxhours response body, v2 (E2) or the legacy v1 (E3)
 *
 * Validates and reads a maxhours body. Months are chosen by
 * `noOfMonthsBack`, never by position: an entry may lack either month. The
 * v2 `maxHoursAggregate` is read when present, else the v1 `maxHours` list.
 * Each month's hours come sorted largest first; its average is Elvia's
 * `averageValue`, or recomputed from the hours when that is absent; a month
 * with fewer than three hours is marked provisional (a v1 month always has
 * just one).
 *
 * Returns: (transfer full) (element-type FbkMaxHoursReport): one entry per
 *   metering point in body order, or %NULL with @error set
 */
GPtrArray *
fbk_parse_max_hours (GBytes  *body,
                     GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) result = NULL;
  Path list_path = { NULL, "meteringpoints", 0 };
  JsonArray *points;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(root = fbk_json_load (body, NULL, error)) || !read_metering_points (root, &points, error))
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) fbk_max_hours_report_free);

  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      Path point_path = { &list_path, NULL, i };
      JsonObject *object = element_object (points, i, &point_path, error);
      FbkMaxHoursReport *report;

      if (object == NULL || !(report = parse_max_hours_point (object, &point_path, error)))
        return NULL;

      g_ptr_array_add (result, report);
    }

  return g_steal_pointer (&result);
}

/* One line of server text made fit to show, or NULL when nothing of it
 * is left. */
static char *
tidy_text (const char *text)
{
  g_autofree char *tidy = fbk_error_tidy_server_text (text, MAX_PROBLEM_TEXT_CHARS);

  return tidy[0] != '\0' ? g_steal_pointer (&tidy) : NULL;
}

static char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = lookup (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return tidy_text (json_node_get_string (node));
}

static void
add_problem_error (GPtrArray  *lines,
                   guint      *n_more,
                   const char *field,
                   JsonNode   *node)
{
  g_autofree char *message = NULL;
  g_autofree char *tidy_field = NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return;
  if ((message = tidy_text (json_node_get_string (node))) == NULL)
    return;

  if (lines->len >= MAX_PROBLEM_ERRORS)
    {
      (*n_more)++;
      return;
    }

  /* ASP.NET files errors under the offending parameter, or under "" when
   * they concern the request as a whole. */
  tidy_field = tidy_text (field);
  if (tidy_field != NULL)
    g_ptr_array_add (lines, g_strdup_printf ("%s: %s", tidy_field, message));
  else
    g_ptr_array_add (lines, g_steal_pointer (&message));
}

/**
 * fbk_parse_problem_details:
 * @body: an error response body in the RFC 7807 problem-details form that
 *   the API's ASP.NET back end sends with a 400
 * @out_status: (out) (optional): the body's `status`, or 0 when it has none
 *
 * Makes one message a person can read from a problem-details body: its
 * title (and detail), then every string under `errors`, one per line,
 * prefixed by the parameter it concerns. Server text is kept as sent
 * (Elvia writes it in English) but trimmed to a readable size.
 *
 * Returns: (transfer full): the message, or %NULL with @error set when the
 *   body is not problem details
 */
char *
fbk_parse_problem_details (GBytes  *body,
                           guint   *out_status,
                           GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GString) message = NULL;
  JsonObject *object;
  JsonObject *errors = NULL;
  guint n_more = 0;
  gboolean has_status;
  gint64 status = 0;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_status != NULL)
    *out_status = 0;

  if (!(root = fbk_json_load (body, NULL, error)))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_FIELD,
                   _("The server’s answer is not a JSON object."));
      return NULL;
    }

  object = json_node_get_object (root);
  title = string_member (object, "title");
  detail = string_member (object, "detail");
  lines = g_ptr_array_new_with_free_func (g_free);

  /* The status is only informative (the HTTP status is authoritative), so
   * a strange one is dropped rather than failing the message. */
  if (read_count (object, NULL, "status", 100, 599, &has_status, &status, NULL) && has_status &&
      out_status != NULL)
    *out_status = (guint) status;

  if (lookup (object, "errors") != NULL && JSON_NODE_HOLDS_OBJECT (lookup (object, "errors")))
    errors = json_object_get_object_member (object, "errors");

  if (errors != NULL)
    {
      g_autoptr(GList) fields = json_object_get_members (errors);

      for (const GList *l = fields; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (errors, l->data);

          if (JSON_NODE_HOLDS_ARRAY (node))
            {
              JsonArray *array = json_node_get_array (node);

              for (guint i = 0; i < json_array_get_length (array); i++)
                add_problem_error (lines, &n_more, l->data, json_array_get_element (array, i));
            }
          else
            add_problem_error (lines, &n_more, l->data, node);
        }
    }

  if (title == NULL && detail == NULL && lines->len == 0)
    {
      g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_MISSING_FIELD,
                   _("The server’s error answer gives no reason."));
      return NULL;
    }

  message = g_string_new (title != NULL ? title : _("The server refused the request."));

  if (detail != NULL && g_strcmp0 (detail, title) != 0)
    g_string_append_printf (message, "\n%s", detail);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (message, "\n%s", (const char *) g_ptr_array_index (lines, i));

  if (n_more > 0)
    {
      g_string_append_c (message, '\n');
      g_string_append_printf (message,
                              ngettext ("…and %u more error.", "…and %u more errors.", n_more),
                              n_more);
    }

  return g_string_free (g_steal_pointer (&message), FALSE);
}
