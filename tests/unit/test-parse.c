/* test-parse.c: MeterValueApi bodies in, validated values or errors out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fbk-error.h"
#include "fbk-parse.h"
#include "fbk-price-parse.h"
#include "fbk-test-support.h"

static FbkInstant
at (const char *text)
{
  FbkInstant instant = 0;

  if (!fbk_time_parse (text, &instant))
    g_error ("bad time in test: %s", text);
  return instant;
}

static GBytes *
bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static const FbkInterval *
interval_at (GArray *intervals,
             guint   index)
{
  g_assert_cmpuint (index, <, intervals->len);
  return &g_array_index (intervals, FbkInterval, index);
}

/* metervalues (E1) */

static void
test_meter_values_single (void)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("metervalues-single.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, &error);
  const FbkMeterValues *values;
  GArray *hours;
  const double expected[] = { 1.284, 1.107, 0.996, 1.052 };

  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 1);

  values = g_ptr_array_index (points, 0);
  g_assert_cmpstr (values->metering_point_id, ==, "707057500012345678");
  g_assert_cmpint (values->contract_start, ==, at ("2016-04-14T22:00:00Z"));
  g_assert_cmpint (values->contract_end, ==, FBK_INSTANT_INVALID);
  g_assert_cmpint (values->from, ==, at ("2022-02-28T23:00:00Z"));
  g_assert_cmpint (values->to, ==, at ("2022-03-01T03:00:00Z"));
  g_assert_cmpuint (values->resolution_minutes, ==, 60);
  g_assert_cmpuint (values->n_skipped, ==, 0);
  g_assert_cmpuint (values->intervals[FBK_DIRECTION_PRODUCTION]->len, ==, 0);

  hours = values->intervals[FBK_DIRECTION_CONSUMPTION];
  g_assert_cmpuint (hours->len, ==, 4);
  for (guint i = 0; i < hours->len; i++)
    {
      const FbkInterval *interval = interval_at (hours, i);

      g_assert_cmpint (interval->start, ==, at ("2022-02-28T23:00:00Z") + i * 3600);
      g_assert_cmpuint (interval->duration, ==, 3600);
      g_assert_cmpuint (interval->flags, ==, FBK_INTERVAL_VERIFIED);
      g_assert_cmpfloat (interval->kwh, ==, expected[i]);
    }
}

/* Two meters on one token; the plusskunde's points say production and are
 * filed so, even though consumption was the default asked for. */
static void
test_meter_values_two_meters (void)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("metervalues-two-meters.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, &error);
  const FbkMeterValues *empty;
  const FbkMeterValues *producer;
  GArray *produced;

  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 2);

  empty = g_ptr_array_index (points, 0);
  g_assert_cmpstr (empty->metering_point_id, ==, "707057500012345678");
  g_assert_cmpint (empty->from, ==, empty->to);
  g_assert_cmpuint (empty->intervals[FBK_DIRECTION_CONSUMPTION]->len, ==, 0);
  g_assert_cmpuint (empty->intervals[FBK_DIRECTION_PRODUCTION]->len, ==, 0);

  producer = g_ptr_array_index (points, 1);
  g_assert_cmpstr (producer->metering_point_id, ==, "707057500087654321");
  g_assert_cmpint (producer->contract_start, ==, at ("2020-08-31T22:00:00Z"));
  g_assert_cmpuint (producer->intervals[FBK_DIRECTION_CONSUMPTION]->len, ==, 0);

  produced = producer->intervals[FBK_DIRECTION_PRODUCTION];
  g_assert_cmpuint (produced->len, ==, 2);
  g_assert_cmpint (interval_at (produced, 0)->start, ==, at ("2022-06-12T10:00:00Z"));
  g_assert_cmpfloat (interval_at (produced, 0)->kwh, ==, 2.731);
  g_assert_cmpuint (interval_at (produced, 0)->flags & FBK_INTERVAL_VERIFIED, ==, 0);
  g_assert_cmpint (interval_at (produced, 1)->start, ==, at ("2022-06-12T11:00:00Z"));
}

/* The October change: 25 hours, the repeated 02:00 told apart by offset. */
static void
test_meter_values_dst (void)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("metervalues-dst-fall.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, &error);
  GArray *hours;

  g_assert_no_error (error);
  hours = ((FbkMeterValues *) g_ptr_array_index (points, 0))->intervals[FBK_DIRECTION_CONSUMPTION];
  g_assert_cmpuint (hours->len, ==, 25);

  for (guint i = 0; i < hours->len; i++)
    {
      g_assert_cmpint (interval_at (hours, i)->start, ==, at ("2022-10-29T22:00:00Z") + i * 3600);
      g_assert_cmpuint (interval_at (hours, i)->duration, ==, 3600);
    }

  g_assert_cmpint (interval_at (hours, 2)->start, ==, at ("2022-10-30T02:00:00+02:00"));
  g_assert_cmpint (interval_at (hours, 3)->start, ==, at ("2022-10-30T02:00:00+01:00"));
  g_assert_cmpint (fbk_time_oslo_date (interval_at (hours, 24)->start).day, ==, 30);
}

/* Out of order, repeated starts, null and missing values, no endTime with
 * 15-minute resolution, missing and null containers, unknown members and
 * both contract spellings. */
static void
test_meter_values_quirks (void)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("metervalues-quirks.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, &error);
  const FbkMeterValues *quarters;
  const FbkMeterValues *closed;
  const FbkMeterValues *nulls;
  GArray *consumed;
  GArray *produced;

  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 3);

  quarters = g_ptr_array_index (points, 0);
  g_assert_cmpstr (quarters->metering_point_id, ==, "000000000000000001");
  g_assert_cmpint (quarters->contract_start, ==, FBK_INSTANT_INVALID);
  g_assert_cmpint (quarters->contract_end, ==, FBK_INSTANT_INVALID);
  g_assert_cmpuint (quarters->resolution_minutes, ==, 15);
  g_assert_cmpuint (quarters->n_skipped, ==, 2);

  /* 00:00 came three times: the verified one wins over both unverified
   * ones, whatever their order; 00:30 and 00:45 came twice, equally
   * verified: the later wins. */
  consumed = quarters->intervals[FBK_DIRECTION_CONSUMPTION];
  g_assert_cmpuint (consumed->len, ==, 3);
  g_assert_cmpint (interval_at (consumed, 0)->start, ==, at ("2022-03-01T00:00:00+01:00"));
  g_assert_cmpfloat (interval_at (consumed, 0)->kwh, ==, 0.110);
  g_assert_cmpuint (interval_at (consumed, 0)->flags, ==, FBK_INTERVAL_VERIFIED);
  g_assert_cmpint (interval_at (consumed, 1)->start, ==, at ("2022-03-01T00:30:00+01:00"));
  g_assert_cmpuint (interval_at (consumed, 1)->duration, ==, 900);
  g_assert_cmpfloat (interval_at (consumed, 1)->kwh, ==, 0.260);
  g_assert_cmpint (interval_at (consumed, 2)->start, ==, at ("2022-03-01T00:45:00+01:00"));
  g_assert_cmpfloat (interval_at (consumed, 2)->kwh, ==, 0.310);
  g_assert_cmpuint (interval_at (consumed, 2)->flags, ==, 0);
  for (guint i = 0; i < consumed->len; i++)
    g_assert_cmpuint (interval_at (consumed, i)->duration, ==, 900);

  produced = quarters->intervals[FBK_DIRECTION_PRODUCTION];
  g_assert_cmpuint (produced->len, ==, 1);
  g_assert_cmpint (interval_at (produced, 0)->start, ==, at ("2022-03-01T00:45:00+01:00"));
  g_assert_cmpuint (interval_at (produced, 0)->duration, ==, 900);
  g_assert_cmpfloat (interval_at (produced, 0)->kwh, ==, 0.400);

  closed = g_ptr_array_index (points, 1);
  g_assert_cmpint (closed->contract_start, ==, at ("2020-08-31T22:00:00Z"));
  g_assert_cmpint (closed->contract_end, ==, at ("2023-01-30T23:00:00Z"));
  g_assert_cmpint (closed->from, ==, FBK_INSTANT_INVALID);
  g_assert_cmpuint (closed->resolution_minutes, ==, 0);
  g_assert_cmpuint (closed->intervals[FBK_DIRECTION_CONSUMPTION]->len, ==, 0);

  nulls = g_ptr_array_index (points, 2);
  g_assert_cmpint (nulls->contract_start, ==, FBK_INSTANT_INVALID);
  g_assert_cmpint (nulls->to, ==, FBK_INSTANT_INVALID);
  g_assert_cmpuint (nulls->intervals[FBK_DIRECTION_CONSUMPTION]->len, ==, 0);
}

/* A point without a production flag belongs to the direction asked for. */
static void
test_meter_values_requested_direction (void)
{
  g_autoptr(GBytes) body = bytes_from_string (
    "{\"meteringpoints\":[{\"meteringPointId\":\"707057500012345678\",\"metervalue\":{"
    "\"timeSeries\":[{\"startTime\":\"2022-06-12T12:00:00+02:00\",\"endTime\":\"2022-06-12T13:00:00+02:00\",\"value\":1.5},"
    "{\"startTime\":\"2022-06-12T13:00:00+02:00\",\"endTime\":\"2022-06-12T14:00:00+02:00\",\"value\":2,\"production\":false}]}}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = fbk_parse_meter_values (body, FBK_DIRECTION_PRODUCTION, &error);
  const FbkMeterValues *values;

  g_assert_no_error (error);
  values = g_ptr_array_index (points, 0);
  g_assert_cmpuint (values->intervals[FBK_DIRECTION_PRODUCTION]->len, ==, 1);
  g_assert_cmpfloat (interval_at (values->intervals[FBK_DIRECTION_PRODUCTION], 0)->kwh, ==, 1.5);
  g_assert_cmpuint (values->intervals[FBK_DIRECTION_CONSUMPTION]->len, ==, 1);
  /* an integer in JSON is still a value */
  g_assert_cmpfloat (interval_at (values->intervals[FBK_DIRECTION_CONSUMPTION], 0)->kwh, ==, 2.0);
}

/* Points are read while json-glib parses (fbk-parse.c, "Reading the points
 * while json-glib parses"), up to the first that needs the rest of the
 * body: here a point without endTime, whose length comes from a
 * resolutionMinutes that follows the list. The walk reads the rest. Arrays
 * at the same depth that are not a timeSeries, and a timeSeries that a
 * repeated member replaces, contribute nothing. */
static void
test_meter_values_read_ahead (void)
{
  g_autoptr(GBytes) body = bytes_from_string (
    "{\"meteringpoints\":["
    "{\"meteringPointId\":\"707057500012345678\","
    "\"customerContract\":{\"startTime\":\"2016-04-15T00:00:00+02:00\",\"notes\":["
    "{\"startTime\":\"2022-03-01T05:00:00+01:00\",\"endTime\":\"2022-03-01T06:00:00+01:00\",\"value\":9}]},"
    "\"metervalue\":{\"timeSeries\":["
    "{\"startTime\":\"2022-03-01T05:00:00+01:00\",\"endTime\":\"2022-03-01T06:00:00+01:00\",\"value\":8}],"
    "\"timeSeries\":["
    "{\"startTime\":\"2022-03-01T01:00:00+01:00\",\"endTime\":\"2022-03-01T02:00:00+01:00\",\"value\":1,\"verified\":true},"
    "{\"startTime\":\"2022-03-01T02:00:00+01:00\",\"value\":null},"
    "{\"startTime\":\"2022-03-01T00:00:00+01:00\",\"endTime\":\"2022-03-01T01:00:00+01:00\",\"value\":0.5,\"production\":true},"
    "{\"startTime\":\"2022-03-01T02:00:00+01:00\",\"value\":2},"
    "{\"startTime\":\"2022-03-01T00:00:00+01:00\",\"endTime\":\"2022-03-01T01:00:00+01:00\",\"value\":3}],"
    "\"resolutionMinutes\":15}},"
    "{\"meteringPointId\":\"707057500087654321\",\"metervalue\":{\"timeSeries\":["
    "{\"startTime\":\"2022-03-01T00:00:00+01:00\",\"endTime\":\"2022-03-01T01:00:00+01:00\",\"value\":4}]}}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, &error);
  const FbkMeterValues *values;
  GArray *consumption;
  GArray *production;

  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 2);

  values = g_ptr_array_index (points, 0);
  consumption = values->intervals[FBK_DIRECTION_CONSUMPTION];
  production = values->intervals[FBK_DIRECTION_PRODUCTION];
  g_assert_cmpuint (values->resolution_minutes, ==, 15);
  g_assert_cmpuint (values->n_skipped, ==, 1);

  /* sorted across the part read ahead and the part walked */
  g_assert_cmpuint (consumption->len, ==, 3);
  g_assert_cmpint (interval_at (consumption, 0)->start, ==, at ("2022-02-28T23:00:00Z"));
  g_assert_cmpfloat (interval_at (consumption, 0)->kwh, ==, 3.0);
  g_assert_cmpint (interval_at (consumption, 1)->start, ==, at ("2022-03-01T00:00:00Z"));
  g_assert_cmpuint (interval_at (consumption, 1)->flags, ==, FBK_INTERVAL_VERIFIED);
  g_assert_cmpint (interval_at (consumption, 2)->start, ==, at ("2022-03-01T01:00:00Z"));
  g_assert_cmpuint (interval_at (consumption, 2)->duration, ==, 15 * 60);
  g_assert_cmpfloat (interval_at (consumption, 2)->kwh, ==, 2.0);

  g_assert_cmpuint (production->len, ==, 1);
  g_assert_cmpfloat (interval_at (production, 0)->kwh, ==, 0.5);

  values = g_ptr_array_index (points, 1);
  g_assert_cmpstr (values->metering_point_id, ==, "707057500087654321");
  g_assert_cmpuint (values->intervals[FBK_DIRECTION_CONSUMPTION]->len, ==, 1);
  g_assert_cmpfloat (interval_at (values->intervals[FBK_DIRECTION_CONSUMPTION], 0)->kwh, ==, 4.0);
}

static void
test_meter_values_empty_list (void)
{
  g_autoptr(GBytes) body = bytes_from_string ("{\"meteringpoints\": []}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 0);
}

/* JSON text may open with a byte order mark (RFC 8259 §8.1); white space
 * is JSON's four kinds, anywhere between tokens. */
static void
test_meter_values_byte_order_mark (void)
{
  g_autoptr(GBytes) body = bytes_from_string ("\xef\xbb\xbf\r\n{\t\"meteringpoints\" :\n[ ] }\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 0);
}

typedef struct
{
  const char *body;
  int         code;
  const char *in_message;  /* a piece of the message, often the path */
} BadBody;

#define POINT_PREFIX "{\"meteringpoints\":[{\"meteringPointId\":\"707057500012345678\",\"metervalue\":{\"resolutionMinutes\":60,\"timeSeries\":[{\"startTime\":\"2022-03-01T00:00:00+01:00\",\"endTime\":\"2022-03-01T01:00:00+01:00\",\"value\":1},"
#define POINT_SUFFIX "]}}]}"

static const BadBody bad_meter_values[] = {
  { "", FBK_PARSE_ERROR_INVALID_JSON, NULL },
  { "   ", FBK_PARSE_ERROR_INVALID_JSON, NULL },
  { "{\"meteringpoints\": [", FBK_PARSE_ERROR_INVALID_JSON, NULL },
  { "<html>Bad gateway</html>", FBK_PARSE_ERROR_INVALID_JSON, NULL },
  /* json-glib extensions that would hide brackets from the depth check */
  { "{'meteringpoints': []}", FBK_PARSE_ERROR_INVALID_JSON, NULL },
  { "{\"meteringpoints\": [] /* ] */}", FBK_PARSE_ERROR_INVALID_JSON, NULL },
  { "[]", FBK_PARSE_ERROR_INVALID_FIELD, NULL },
  { "42", FBK_PARSE_ERROR_INVALID_FIELD, NULL },
  { "{}", FBK_PARSE_ERROR_MISSING_FIELD, "meteringpoints" },
  { "{\"meteringpoints\": null}", FBK_PARSE_ERROR_MISSING_FIELD, "meteringpoints" },
  { "{\"statusCode\": 401, \"message\": \"Access denied\"}", FBK_PARSE_ERROR_MISSING_FIELD, "meteringpoints" },
  { "{\"meteringpoints\": {}}", FBK_PARSE_ERROR_INVALID_FIELD, "meteringpoints" },
  { "{\"meteringpoints\": [7]}", FBK_PARSE_ERROR_INVALID_FIELD, "meteringpoints[0]" },
  { "{\"meteringpoints\": [{}]}", FBK_PARSE_ERROR_MISSING_FIELD, "meteringpoints[0].meteringPointId" },
  { "{\"meteringpoints\": [{\"meteringPointId\": 707057500012345678}]}", FBK_PARSE_ERROR_INVALID_FIELD, "meteringPointId" },
  { "{\"meteringpoints\": [{\"meteringPointId\": \"70705750001234567\"}]}", FBK_PARSE_ERROR_INVALID_FIELD, "70705750001234567" },
  { "{\"meteringpoints\": [{\"meteringPointId\": \"7070575000123456789\"}]}", FBK_PARSE_ERROR_INVALID_FIELD, "meteringPointId" },
  { "{\"meteringpoints\": [{\"meteringPointId\": \"70705750001234567x\"}]}", FBK_PARSE_ERROR_INVALID_FIELD, "meteringPointId" },
  { "{\"meteringpoints\": [{\"meteringPointId\": \"707057500012345678\", \"customerContract\": \"yes\"}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "customerContract" },
  { "{\"meteringpoints\": [{\"meteringPointId\": \"707057500012345678\", \"customerContract\": {\"startTime\": \"2016-04-15\"}}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "meteringpoints[0].customerContract.startTime" },
  { "{\"meteringpoints\": [{\"meteringPointId\": \"707057500012345678\", \"metervalue\": {\"fromHour\": 5}}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "metervalue.fromHour" },
  /* a span that runs backwards with values in it (without any, it is "no
   * values yet": test_meter_values_no_values_yet()) */
  { "{\"meteringpoints\": [{\"meteringPointId\": \"707057500012345678\", \"metervalue\": {\"fromHour\": \"2022-03-01T04:00:00+01:00\", \"toHour\": \"2022-03-01T03:00:00+01:00\","
    " \"resolutionMinutes\": 60, \"timeSeries\": [{\"startTime\": \"2022-03-01T03:00:00+01:00\", \"value\": 1}]}}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "metervalue.toHour" },
  { "{\"meteringpoints\": [{\"meteringPointId\": \"707057500012345678\", \"metervalue\": {\"resolutionMinutes\": 0}}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "resolutionMinutes" },
  { "{\"meteringpoints\": [{\"meteringPointId\": \"707057500012345678\", \"metervalue\": {\"resolutionMinutes\": 60.5}}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "resolutionMinutes" },
  { "{\"meteringpoints\": [{\"meteringPointId\": \"707057500012345678\", \"metervalue\": {\"resolutionMinutes\": \"60\"}}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "resolutionMinutes" },
  { "{\"meteringpoints\": [{\"meteringPointId\": \"707057500012345678\", \"metervalue\": {\"resolutionMinutes\": 9223372036854775808}}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "resolutionMinutes" },
  { "{\"meteringpoints\": [{\"meteringPointId\": \"707057500012345678\", \"metervalue\": {\"timeSeries\": {}}}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "metervalue.timeSeries" },
  { POINT_PREFIX "null" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "timeSeries[1]" },
  { POINT_PREFIX "{\"value\": 1}" POINT_SUFFIX, FBK_PARSE_ERROR_MISSING_FIELD, "meteringpoints[0].metervalue.timeSeries[1].startTime" },
  { POINT_PREFIX "{\"startTime\": \"yesterday\", \"value\": 1}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "yesterday" },
  { POINT_PREFIX "{\"startTime\": \"2022-02-30T00:00:00+01:00\", \"value\": 1}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "timeSeries[1].startTime" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"endTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 1}" POINT_SUFFIX,
    FBK_PARSE_ERROR_INVALID_FIELD, "timeSeries[1].endTime" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"endTime\": \"2022-03-01T00:00:00+01:00\", \"value\": 1}" POINT_SUFFIX,
    FBK_PARSE_ERROR_INVALID_FIELD, "endTime" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"endTime\": \"2022-03-03T01:00:00+01:00\", \"value\": 1}" POINT_SUFFIX,
    FBK_PARSE_ERROR_INVALID_FIELD, "endTime" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": \"1.2\"}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "timeSeries[1].value" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": true}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "value" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": [1]}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "value" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": -0.5}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "value" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 1e999}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "value" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 1, \"uom\": \"Wh\"}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "uom" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 1, \"verified\": \"yes\"}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "verified" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 1, \"production\": 1}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "production" },
  /* after points read while parsing, the index still counts them */
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"endTime\": \"2022-03-01T02:00:00+01:00\", \"value\": 1},"
    "{\"startTime\": \"2022-03-01T02:00:00+01:00\", \"endTime\": \"2022-03-01T03:00:00+01:00\", \"value\": 1, \"uom\": \"MWh\"},"
    "{\"startTime\": \"2022-03-01T03:00:00+01:00\", \"endTime\": \"2022-03-01T04:00:00+01:00\", \"value\": 1}" POINT_SUFFIX,
    FBK_PARSE_ERROR_INVALID_FIELD, "timeSeries[2].uom" },
  /* more than FBK_PARSE_MAX_KWH_PER_HOUR (1000) in the point's hour */
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 1000.001}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "timeSeries[1].value" },
  /* integers json-glib alone wraps: 2⁶³ to −2⁶³ ("a negative amount"),
   * 2⁶⁴ to −1, −2⁶⁴ to +1 and −2⁶³−1 to 2⁶³−1 */
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 9223372036854775808}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "timeSeries[1].value" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 18446744073709551616}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "more than a household meter" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": -18446744073709551616}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "negative" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": -9223372036854775809}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_FIELD, "negative" },
  /* numbers JSON does not have, which json-glib reads as 8, 16, 10, 16, 1,
   * 0.5, 1 and 12.5 */
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 010}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_JSON, "“010”" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 0x10}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_JSON, "“0x10”" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 00012}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_JSON, "“00012”" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": $10}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_JSON, "“$10”" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 0b1}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_JSON, "“0b1”" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": .5}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_JSON, "“.5”" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 1.}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_JSON, "“1.”" },
  { POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 0012.5}" POINT_SUFFIX, FBK_PARSE_ERROR_INVALID_JSON, "“0012.5”" },
  { "{\"meteringpoints\": [{\"meteringPointId\": \"707057500012345678\", \"metervalue\": {\"resolutionMinutes\": 0x3C}}]}",
    FBK_PARSE_ERROR_INVALID_JSON, "“0x3C”" },
  /* json-glib reads a JavaScript assignment too */
  { "var answer = {\"meteringpoints\": []}", FBK_PARSE_ERROR_INVALID_JSON, "“var”" },
  /* without endTime the interval needs resolutionMinutes */
  { "{\"meteringpoints\":[{\"meteringPointId\":\"707057500012345678\",\"metervalue\":{\"timeSeries\":[{\"startTime\":\"2022-03-01T00:00:00+01:00\",\"value\":1}]}}]}",
    FBK_PARSE_ERROR_MISSING_FIELD, "timeSeries[0].endTime" },
};

static void
check_bad_bodies (const BadBody *cases,
                  guint          n_cases,
                  gpointer     (*parse) (GBytes *, GError **))
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GBytes) body = bytes_from_string (cases[i].body);
      g_autoptr(GError) error = NULL;
      gpointer result = parse (body, &error);

      if (result != NULL)
        g_error ("accepted bad body %u: %s", i, cases[i].body);
      g_assert_error (error, FBK_PARSE_ERROR, cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (cases[i].in_message != NULL && strstr (error->message, cases[i].in_message) == NULL)
        g_error ("body %u: message “%s” does not mention “%s”", i, error->message, cases[i].in_message);
    }
}

static gpointer
parse_meter_values_consumption (GBytes  *body,
                                GError **error)
{
  return fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, error);
}

static gpointer
parse_max_hours (GBytes  *body,
                 GError **error)
{
  return fbk_parse_max_hours (body, error);
}

static gpointer
parse_problem_details (GBytes  *body,
                       GError **error)
{
  return fbk_parse_problem_details (body, NULL, error);
}

/* As a day of prices: the 25-hour day, so the DST seed tiles it. */
static gpointer
parse_spot_prices (GBytes  *body,
                   GError **error)
{
  return fbk_parse_spot_prices (body, (FbkDate) { 2025, 10, 26 }, error);
}

/* Asked for the newest hours, a server whose values lag behind answers
 * with toHour before fromHour and no values: "no values yet", whether the
 * timeSeries is empty, absent or holds only points without a value. */
static void
test_meter_values_no_values_yet (void)
{
  const char *series[] = {
    ", \"timeSeries\": []",
    "",
    ", \"timeSeries\": [{\"startTime\": \"2024-11-15T08:00:00+01:00\", \"value\": null},"
    " {\"startTime\": \"2024-11-15T09:00:00+01:00\"}]",
  };
  const guint skipped[] = { 0, 0, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"meteringpoints\": [{\"meteringPointId\": \"707057500012345678\","
        " \"customerContract\": {\"startTime\": \"2016-04-15T00:00:00+02:00\"},"
        " \"metervalue\": {\"fromHour\": \"2024-11-15T10:00:00+01:00\", \"toHour\": \"2024-11-15T08:00:00+01:00\","
        " \"resolutionMinutes\": 60%s}}]}", series[i]);
      g_autoptr(GBytes) body = bytes_from_string (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) points = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, &error);
      const FbkMeterValues *values;

      g_assert_no_error (error);
      g_assert_cmpuint (points->len, ==, 1);
      values = g_ptr_array_index (points, 0);
      g_assert_cmpstr (values->metering_point_id, ==, "707057500012345678");
      g_assert_cmpint (values->contract_start, ==, at ("2016-04-14T22:00:00Z"));
      /* the span says nothing */
      g_assert_cmpint (values->from, ==, FBK_INSTANT_INVALID);
      g_assert_cmpint (values->to, ==, FBK_INSTANT_INVALID);
      g_assert_cmpuint (values->intervals[FBK_DIRECTION_CONSUMPTION]->len, ==, 0);
      g_assert_cmpuint (values->intervals[FBK_DIRECTION_PRODUCTION]->len, ==, 0);
      g_assert_cmpuint (values->n_skipped, ==, skipped[i]);
    }
}

/* The bound is FBK_PARSE_MAX_KWH_PER_HOUR (1000 kWh) per hour the value
 * covers: 250 kWh in a quarter of an hour and 24,000 in a day are
 * accepted, a little more is not. -0 and an exponent below the doubles are
 * zero, 2⁶³ is too much rather than negative. */
static void
test_meter_values_plausible (void)
{
  const struct {
    const char *point;
    double      kwh;       /* < 0: refused */
  } cases[] = {
    { "{\"startTime\": \"2022-03-01T00:00:00+01:00\", \"value\": 250}", 250.0 },
    { "{\"startTime\": \"2022-03-01T00:00:00+01:00\", \"value\": 250.001}", -1 },
    { "{\"startTime\": \"2022-03-01T00:00:00+01:00\", \"endTime\": \"2022-03-02T00:00:00+01:00\", \"value\": 24000}", 24000.0 },
    { "{\"startTime\": \"2022-03-01T00:00:00+01:00\", \"endTime\": \"2022-03-02T00:00:00+01:00\", \"value\": 24000.5}", -1 },
    { "{\"startTime\": \"2022-03-01T00:00:00+01:00\", \"value\": -0}", 0.0 },
    { "{\"startTime\": \"2022-03-01T00:00:00+01:00\", \"value\": -0.0e5}", 0.0 },
    { "{\"startTime\": \"2022-03-01T00:00:00+01:00\", \"value\": 1e-400}", 0.0 },
    { "{\"startTime\": \"2022-03-01T00:00:00+01:00\", \"value\": 1E2}", 100.0 },
    { "{\"startTime\": \"2022-03-01T00:00:00+01:00\", \"value\": 9223372036854775807}", -1 },
    { "{\"startTime\": \"2022-03-01T00:00:00+01:00\", \"value\": 9223372036854775808}", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"meteringpoints\": [{\"meteringPointId\": \"707057500012345678\","
        " \"metervalue\": {\"resolutionMinutes\": 15, \"timeSeries\": [%s]}}]}", cases[i].point);
      g_autoptr(GBytes) body = bytes_from_string (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) points = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, &error);
      GArray *consumed;

      if (cases[i].kwh < 0)
        {
          g_assert_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_FIELD);
          if (strstr (error->message, "meteringpoints[0].metervalue.timeSeries[0].value") == NULL ||
              strstr (error->message, "more than a household meter") == NULL ||
              strstr (error->message, "negative") != NULL)
            g_error ("case %u: %s", i, error->message);
          continue;
        }

      g_assert_no_error (error);
      consumed = ((FbkMeterValues *) g_ptr_array_index (points, 0))->intervals[FBK_DIRECTION_CONSUMPTION];
      g_assert_cmpuint (consumed->len, ==, 1);
      g_assert_cmpfloat (interval_at (consumed, 0)->kwh, ==, cases[i].kwh);
      /* a negative zero would be printed as -0.000 */
      g_assert_false (signbit (interval_at (consumed, 0)->kwh));
    }
}

static void
test_meter_values_rejects (void)
{
  check_bad_bodies (bad_meter_values, G_N_ELEMENTS (bad_meter_values), parse_meter_values_consumption);
}

/* json-glib 1.6 recurses per nesting level; this much nesting overflowed
 * its stack before the depth check. */
static void
test_deep_nesting (void)
{
  gsize depth = 500000;
  g_autoptr(GString) text = g_string_sized_new (2 * depth + 32);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gpointer (*parsers[]) (GBytes *, GError **) = {
    parse_meter_values_consumption, parse_max_hours, parse_problem_details,
  };

  g_string_append (text, "{\"meteringpoints\":");
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  body = g_bytes_new (text->str, text->len);

  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      g_assert_null (parsers[i] (body, &error));
      g_assert_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_JSON);
      g_clear_error (&error);
    }

  /* Brackets inside strings, escaped quotes included, are not nesting. */
  {
    g_autoptr(GString) quoted = g_string_new ("{\"title\":\"\\\"");
    g_autofree char *message = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append (quoted, "[{");
    g_string_append (quoted, "\"}");
    g_clear_pointer (&body, g_bytes_unref);
    body = g_bytes_new (quoted->str, quoted->len);
    message = fbk_parse_problem_details (body, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (message, "\"[{[{"));
  }
}

/* json-glib 1.6 decodes an octal escape such as \360 to a raw byte, which
 * is not UTF-8; found by the fuzzer in json-glib's own error message. No
 * message or text handed on may carry such bytes. */
static void
test_octal_escapes (void)
{
  const char *bodies[] = {
    "{\"meteringpoints\": [{\"m\\707\"}]}",
    "{\"meteringpoints\":[{\"meteringPointId\":\"707057500012345678\",\"metervalue\":{\"timeSeries\":"
    "[{\"startTime\":\"\\360\",\"value\":1}]}}]}",
    "{\"meteringpoints\":[{\"meteringPointId\":\"\\360\\237\"}]}",
    "{\"meteringpoints\":[{\"meteringPointId\":\"707057500012345678\",\"maxHours\":"
    "[{\"startTime\":\"2021-12-06T17:00:00+01:00\",\"value\":1,\"noOfMonthsBack\":0,\"uom\":\"k\\377\"}]}]}",
  };
  gpointer (*parsers[]) (GBytes *, GError **) = { parse_meter_values_consumption, parse_max_hours };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = bytes_from_string (bodies[i]);

      for (guint p = 0; p < G_N_ELEMENTS (parsers); p++)
        {
          g_autoptr(GError) error = NULL;
          GPtrArray *parsed = parsers[p] (body, &error);

          if (parsed != NULL)
            {
              g_ptr_array_unref (parsed);
              continue;  /* max hours ignores metervalue, meter values maxHours */
            }
          g_assert_nonnull (error);
          if (!g_utf8_validate (error->message, -1, NULL))
            g_error ("body %u, parser %u: message is not UTF-8", i, p);
        }
    }

  {
    g_autoptr(GBytes) body = bytes_from_string ("{\"title\": \"a\\360\", \"errors\": {\"k\\377\": [\"\\300x\"]}}");
    g_autoptr(GError) error = NULL;
    g_autofree char *message = fbk_parse_problem_details (body, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (g_utf8_validate (message, -1, NULL));
    g_assert_true (g_str_has_prefix (message, "a"));
    g_assert_true (strstr (message, "x") != NULL);
  }
}

/* Nothing a server sends reaches a message raw: values quoted in a parse
 * error (through JSON escapes or as raw bytes), what json-glib quotes of a
 * body it cannot read, a token outside strings, and problem details. And
 * it is shortened: a 5000-character value makes no 5000-character message. */
static void
test_server_text_tidied (void)
{
  g_autoptr(GString) long_id = g_string_new (NULL);
  const char *bodies[] = {
    "{\"meteringpoints\": [{\"meteringPointId\": \"\\u001b]0;owned\\u0007\\u001b[2J\"}]}",
    "{\"meteringpoints\": [{\"meteringPointId\": \"\x1b[2J\xc2\x9b" "31m\"}]}",
    POINT_PREFIX "{\"startTime\": \"2022-03-01T01:00:00+01:00\", \"value\": 1, \"uom\": \"\\u009b31mkWh\"}" POINT_SUFFIX,
    POINT_PREFIX "{\"startTime\": \"\\u202e2022-03-01\", \"value\": 1}" POINT_SUFFIX,
    "{\"meteringpoints\": [\x1b[2J]}",
    "{\"meteringpoints\": \x9b" "2J}",
    "{\"meteringpoints\": [{\"meteringPointId\": \"\x1b[2J",
    NULL,
  };

  g_string_append (long_id, "{\"meteringpoints\": [{\"meteringPointId\": \"");
  for (guint i = 0; i < 5000; i++)
    g_string_append (long_id, i % 100 == 0 ? "\\u001b" : "x");
  g_string_append (long_id, "\"}]}");
  bodies[G_N_ELEMENTS (bodies) - 1] = long_id->str;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = bytes_from_string (bodies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) points = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, &error);

      g_assert_null (points);
      g_assert_nonnull (error);
      fbk_test_assert_showable (error->message);
      g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 300);
    }

  {
    g_autoptr(GBytes) body = bytes_from_string (
      "{\"title\": \"\\u001b[31mRed\\u009b0m \\u202eti\\u2066tle\", \"detail\": \"\x1b]0;x\x07\","
      " \"errors\": {\"Start\\u001bTime\": [\"bad\\u0085line\"]}}");
    g_autoptr(GError) error = NULL;
    g_autofree char *message = fbk_parse_problem_details (body, NULL, &error);

    g_assert_no_error (error);
    fbk_test_assert_showable (message);
    /* each such character a space, the ends of each text trimmed */
    g_assert_cmpstr (message, ==, "[31mRed 0m  ti tle\n]0;x\nStart Time: bad line");
  }
}

/* A year of hourly values for one meter, as the API would send it, with
 * Oslo offsets and the two DST changes. */
static GBytes *
make_year_body (int year,
                guint *out_n_hours)
{
  FbkDate first = { year, 1, 1 };
  FbkDate next = { year + 1, 1, 1 };
  FbkInstant start = fbk_time_oslo_midnight (first);
  FbkInstant end = fbk_time_oslo_midnight (next);
  GString *text = g_string_sized_new (1400000);
  guint n = 0;

  g_string_append (text, "{\"meteringpoints\":[{\"meteringPointId\":\"707057500012345678\","
                         "\"customerContract\":{\"startTime\":\"2016-04-15T00:00:00+02:00\",\"endTime\":null},"
                         "\"metervalue\":{\"fromHour\":\"2023-01-01T00:00:00+01:00\",\"toHour\":\"2024-01-01T00:00:00+01:00\","
                         "\"resolutionMinutes\":60,\"timeSeries\":[");

  for (FbkInstant hour = start; hour < end; hour += 3600, n++)
    {
      g_autofree char *from = fbk_time_format_oslo (hour);
      g_autofree char *to = fbk_time_format_oslo (hour + 3600);

      g_string_append_printf (text,
                              "%s{\"startTime\":\"%s\",\"endTime\":\"%s\",\"value\":%u.%03u,"
                              "\"uom\":\"kWh\",\"production\":false,\"verified\":%s}",
                              n > 0 ? "," : "", from, to, n % 7, (n * 37) % 1000,
                              n % 50 == 0 ? "false" : "true");
    }

  g_string_append (text, "]}}]}");
  *out_n_hours = n;

  return g_string_free_to_bytes (text);
}

static void
test_meter_values_year (void)
{
  guint n_hours = 0;
  g_autoptr(GBytes) body = make_year_body (2023, &n_hours);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = NULL;
  gint64 begin = g_get_monotonic_time ();
  GArray *hours;

  points = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, &error);
  g_test_message ("parsed %u hours (%" G_GSIZE_FORMAT " bytes) in %.1f ms",
                  n_hours, g_bytes_get_size (body), (g_get_monotonic_time () - begin) / 1000.0);

  g_assert_no_error (error);
  g_assert_cmpuint (n_hours, ==, 8760);
  hours = ((FbkMeterValues *) g_ptr_array_index (points, 0))->intervals[FBK_DIRECTION_CONSUMPTION];
  g_assert_cmpuint (hours->len, ==, 8760);
  g_assert_cmpint (interval_at (hours, 0)->start, ==, at ("2022-12-31T23:00:00Z"));
  g_assert_cmpint (interval_at (hours, 8759)->start, ==, at ("2023-12-31T22:00:00Z"));
  g_assert_cmpfloat (interval_at (hours, 8759)->kwh, ==, 8759 % 7 + ((8759 * 37) % 1000) / 1000.0);
  g_assert_cmpuint (interval_at (hours, 50)->flags, ==, 0);
  g_assert_cmpuint (interval_at (hours, 51)->flags, ==, FBK_INTERVAL_VERIFIED);
}

/* `meson test --suite unit -- -m perf` or `test-parse -m perf`: the best of
 * several runs, for BENCHMARKS.md. */
static void
test_meter_values_year_perf (void)
{
  guint n_hours = 0;
  g_autoptr(GBytes) body = make_year_body (2023, &n_hours);
  double best = G_MAXDOUBLE;

  for (guint run = 0; run < 20; run++)
    {
      g_autoptr(GPtrArray) points = NULL;
      gint64 begin = g_get_monotonic_time ();

      points = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, NULL);
      g_assert_nonnull (points);
      best = MIN (best, (g_get_monotonic_time () - begin) / 1000.0);
    }

  g_test_minimized_result (best, "year of hours (%" G_GSIZE_FORMAT " bytes): %.2f ms",
                           g_bytes_get_size (body), best);
}

/* maxhours (E2 and legacy E3) */

static void
assert_hour (const FbkMaxHour *hour,
             const char       *start,
             double            kwh,
             gboolean          verified)
{
  g_assert_cmpint (hour->start, ==, at (start));
  g_assert_cmpint (hour->end, ==, hour->start + 3600);
  g_assert_cmpfloat (hour->kwh, ==, kwh);
  g_assert_cmpint (hour->verified, ==, verified);
}

static void
test_max_hours_v2 (void)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("maxhours-v2.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = fbk_parse_max_hours (body, &error);
  const FbkMaxHoursReport *report;

  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 1);
  report = g_ptr_array_index (reports, 0);

  g_assert_cmpstr (report->metering_point_id, ==, "707057500012345678");
  g_assert_cmpint (report->contract_start, ==, at ("2016-04-15T00:00:00+02:00"));
  g_assert_cmpint (report->contract_end, ==, FBK_INSTANT_INVALID);
  g_assert_cmpint (report->calculated_time, ==, at ("2022-11-15T10:00:00+01:00"));
  g_assert_cmpint (report->from, ==, at ("2022-10-01T00:00:00+02:00"));
  g_assert_cmpint (report->to, ==, at ("2022-11-15T10:00:00+01:00"));

  g_assert_nonnull (report->current);
  g_assert_cmpint (report->current->year, ==, 2022);
  g_assert_cmpint (report->current->month, ==, 11);
  g_assert_cmpuint (report->current->n_hours, ==, 3);
  assert_hour (&report->current->hours[0], "2022-11-03T17:00:00+01:00", 6.512, TRUE);
  assert_hour (&report->current->hours[1], "2022-11-09T07:00:00+01:00", 5.967, TRUE);
  assert_hour (&report->current->hours[2], "2022-11-14T18:00:00+01:00", 5.860, FALSE);
  g_assert_cmpfloat (report->current->average, ==, 6.113);
  g_assert_false (report->current->provisional);
  g_assert_false (report->current->all_verified);
  g_assert_cmpint (report->current->source, ==, FBK_MAX_HOURS_SOURCE_API);

  g_assert_nonnull (report->previous);
  g_assert_cmpint (report->previous->month, ==, 10);
  g_assert_cmpuint (report->previous->n_hours, ==, 3);
  assert_hour (&report->previous->hours[2], "2022-10-30T18:00:00+01:00", 5.031, TRUE);
  g_assert_cmpfloat (report->previous->average, ==, 5.402);
  g_assert_true (report->previous->all_verified);
  g_assert_false (report->previous->provisional);
}

/* Just after the turn of the month: the previous month comes first, the
 * current one has two hours out of order and no average, one aggregate is
 * further back than asked; then an empty current month placed by the
 * calculation time, and one that cannot be placed at all. */
static void
test_max_hours_month_start (void)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("maxhours-v2-month-start.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = fbk_parse_max_hours (body, &error);
  const FbkMaxHoursReport *report;

  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 3);

  report = g_ptr_array_index (reports, 0);
  g_assert_cmpint (report->previous->year, ==, 2022);
  g_assert_cmpint (report->previous->month, ==, 12);
  assert_hour (&report->previous->hours[0], "2022-12-19T08:00:00+01:00", 8.0, TRUE);
  assert_hour (&report->previous->hours[1], "2022-12-24T16:00:00+01:00", 7.5, TRUE);
  assert_hour (&report->previous->hours[2], "2022-12-12T17:00:00+01:00", 7.0, TRUE);
  g_assert_cmpfloat (report->previous->average, ==, 7.5);
  g_assert_true (report->previous->all_verified);

  g_assert_cmpint (report->current->year, ==, 2023);
  g_assert_cmpint (report->current->month, ==, 1);
  g_assert_cmpuint (report->current->n_hours, ==, 2);
  assert_hour (&report->current->hours[0], "2023-01-02T07:00:00+01:00", 4.75, FALSE);
  assert_hour (&report->current->hours[1], "2023-01-01T18:00:00+01:00", 3.25, TRUE);
  g_assert_cmpfloat (report->current->average, ==, 4.0);
  g_assert_true (report->current->provisional);
  g_assert_false (report->current->all_verified);

  report = g_ptr_array_index (reports, 1);
  g_assert_cmpint (report->contract_start, ==, FBK_INSTANT_INVALID);
  g_assert_null (report->previous);
  g_assert_nonnull (report->current);
  g_assert_cmpint (report->current->year, ==, 2023);
  g_assert_cmpint (report->current->month, ==, 2);
  g_assert_cmpuint (report->current->n_hours, ==, 0);
  g_assert_cmpfloat (report->current->average, ==, 0.0);
  g_assert_true (report->current->provisional);
  g_assert_false (report->current->all_verified);

  report = g_ptr_array_index (reports, 2);
  g_assert_cmpint (report->calculated_time, ==, FBK_INSTANT_INVALID);
  g_assert_null (report->current);
  g_assert_null (report->previous);
}

static void
test_max_hours_v1 (void)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("maxhours-v1.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = fbk_parse_max_hours (body, &error);
  const FbkMaxHoursReport *report;

  g_assert_no_error (error);
  report = g_ptr_array_index (reports, 0);

  g_assert_cmpint (report->current->year, ==, 2021);
  g_assert_cmpint (report->current->month, ==, 12);
  g_assert_cmpuint (report->current->n_hours, ==, 1);
  assert_hour (&report->current->hours[0], "2021-12-06T17:00:00+01:00", 7.219, TRUE);
  g_assert_cmpfloat (report->current->average, ==, 7.219);
  g_assert_true (report->current->provisional);

  g_assert_cmpint (report->previous->month, ==, 11);
  assert_hour (&report->previous->hours[0], "2021-11-22T07:00:00+01:00", 6.884, TRUE);
}

#define MP_PREFIX "{\"meteringpoints\":[{\"meteringPointId\":\"707057500012345678\","
#define HOUR(start, value, back) "{\"startTime\":\"" start "\",\"value\":" value ",\"noOfMonthsBack\":" back "}"

static const BadBody bad_max_hours[] = {
  { "{\"meteringpoints\": null}", FBK_PARSE_ERROR_MISSING_FIELD, "meteringpoints" },
  { MP_PREFIX "\"maxHoursAggregate\": {}}]}", FBK_PARSE_ERROR_INVALID_FIELD, "maxHoursAggregate" },
  { MP_PREFIX "\"maxHoursCalculatedTime\": \"now\"}]}", FBK_PARSE_ERROR_INVALID_FIELD, "maxHoursCalculatedTime" },
  { MP_PREFIX "\"customerContract\": {\"startDate\": \"2016-04-15\"}}]}", FBK_PARSE_ERROR_INVALID_FIELD, "customerContract.startDate" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"maxHours\": []}]}]}", FBK_PARSE_ERROR_MISSING_FIELD, "maxHoursAggregate[0].noOfMonthsBack" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": -1}]}]}", FBK_PARSE_ERROR_INVALID_FIELD, "noOfMonthsBack" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 0.5}]}]}", FBK_PARSE_ERROR_INVALID_FIELD, "noOfMonthsBack" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 0}, {\"noOfMonthsBack\": 0}]}]}", FBK_PARSE_ERROR_INVALID_FIELD, "maxHoursAggregate[1].noOfMonthsBack" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 0, \"averageValue\": \"6\"}]}]}", FBK_PARSE_ERROR_INVALID_FIELD, "averageValue" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 0, \"averageValue\": -6}]}]}", FBK_PARSE_ERROR_INVALID_FIELD, "averageValue" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 0, \"uom\": \"kW\"}]}]}", FBK_PARSE_ERROR_INVALID_FIELD, "uom" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 0, \"maxHours\": ["
    HOUR ("2022-11-01T17:00:00+01:00", "1", "0") "," HOUR ("2022-11-02T17:00:00+01:00", "2", "0") ","
    HOUR ("2022-11-03T17:00:00+01:00", "3", "0") "," HOUR ("2022-11-04T17:00:00+01:00", "4", "0") "]}]}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "more than three" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 0, \"maxHours\": [{\"value\": 1}]}]}]}",
    FBK_PARSE_ERROR_MISSING_FIELD, "maxHoursAggregate[0].maxHours[0].startTime" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 0, \"maxHours\": [" HOUR ("2022-11-01 17:00", "1", "0") "]}]}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "startTime" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 0, \"maxHours\": [{\"startTime\": \"2022-11-01T17:00:00+01:00\", \"endTime\": \"2022-11-01T16:00:00+01:00\", \"value\": 1}]}]}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "endTime" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 0, \"maxHours\": [" HOUR ("2022-11-01T17:00:00+01:00", "1e400", "0") "]}]}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "value" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 0, \"maxHours\": [7]}]}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "maxHours[0]" },
  /* more than 1000 kWh in an hour, for the hour and for the average */
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 0, \"maxHours\": [" HOUR ("2022-11-01T17:00:00+01:00", "1000.5", "0") "]}]}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "maxHoursAggregate[0].maxHours[0].value" },
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 0, \"averageValue\": 9223372036854775808}]}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "maxHoursAggregate[0].averageValue" },
  /* read as 8 by json-glib alone, a month nobody asked about */
  { MP_PREFIX "\"maxHoursAggregate\": [{\"noOfMonthsBack\": 010}]}]}", FBK_PARSE_ERROR_INVALID_JSON, "“010”" },
  /* legacy v1: each hour must say its month */
  { MP_PREFIX "\"maxHours\": [{\"startTime\": \"2021-12-06T17:00:00+01:00\", \"value\": 7.2}]}]}",
    FBK_PARSE_ERROR_MISSING_FIELD, "maxHours[0].noOfMonthsBack" },
  { MP_PREFIX "\"maxHours\": [" HOUR ("2021-12-01T17:00:00+01:00", "1", "0") "," HOUR ("2021-12-02T17:00:00+01:00", "1", "0") ","
    HOUR ("2021-12-03T17:00:00+01:00", "1", "0") "," HOUR ("2021-12-04T17:00:00+01:00", "1", "0") "]}]}",
    FBK_PARSE_ERROR_INVALID_FIELD, "more than three" },
};

static void
test_max_hours_rejects (void)
{
  check_bad_bodies (bad_max_hours, G_N_ELEMENTS (bad_max_hours), parse_max_hours);
}

/* problem details */

static void
test_problem_details_example (void)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("problem-details-400.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint status = 0;

  message = fbk_parse_problem_details (body, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (message, ==,
                   "One or more validation errors occurred.\n"
                   "Requested start time must be before end time. Start: 03/01/2022 07:00:00 +00:00, "
                   "End: 03/01/2022 08:00:00 +01:00");
}

static void
test_problem_details_fields (void)
{
  g_autoptr(GBytes) body = fbk_test_load_fixture ("problem-details-fields.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  message = fbk_parse_problem_details (body, NULL, &error);
  g_assert_no_error (error);
  /* in the body's order, every string, named by its parameter */
  g_assert_cmpstr (message, ==,
                   "One or more validation errors occurred.\n"
                   "StartTime: The value 'yesterday' is not valid for StartTime.\n"
                   "MeteringPointIds: Unknown metering point 707057500099999999.\n"
                   "MeteringPointIds: At most 10 metering points.\n"
                   "EndTime: Must not be more than one year after StartTime.");
}

static void
test_problem_details_variants (void)
{
  struct {
    const char *body;
    const char *message;
    guint       status;
  } cases[] = {
    { "{\"title\": \"Unauthorized\", \"status\": 401}", "Unauthorized", 401 },
    { "{\"title\": \"Bad\", \"detail\": \"Start is too early.\", \"status\": 999}", "Bad\nStart is too early.", 0 },
    { "{\"title\": \"Same\", \"detail\": \"Same\", \"status\": \"400\"}", "Same", 0 },
    { "{\"detail\": \"Only a detail.\"}", "The server refused the request.\nOnly a detail.", 0 },
    { "{\"errors\": {\"x\": [\"no title\"]}}", "The server refused the request.\nx: no title", 0 },
    /* control characters from the server never reach a label */
    { "{\"title\": \"Line\\none\\u0007\\ttwo  \", \"errors\": {\"\\n\": [\"\\r\\nspaced\"]}}", "Line one  two\nspaced", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = bytes_from_string (cases[i].body);
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      guint status = 12345;

      message = fbk_parse_problem_details (body, &status, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (message, ==, cases[i].message);
      g_assert_cmpuint (status, ==, cases[i].status);
    }
}

static void
test_problem_details_limits (void)
{
  g_autoptr(GString) text = g_string_new ("{\"title\": \"");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "ø");
  g_string_append (text, "\", \"errors\": {\"f\": [");
  for (guint i = 0; i < 25; i++)
    g_string_append_printf (text, "%s\"e%u\"", i > 0 ? "," : "", i);
  g_string_append (text, "]}}");
  body = g_bytes_new (text->str, text->len);

  message = fbk_parse_problem_details (body, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (message, "\n", -1);

  /* the title capped at 300 characters plus an ellipsis */
  g_assert_cmpuint (g_utf8_strlen (lines[0], -1), ==, 301);
  g_assert_true (g_str_has_suffix (lines[0], "ø…"));
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 10 + 1);
  g_assert_cmpstr (lines[1], ==, "f: e0");
  g_assert_cmpstr (lines[10], ==, "f: e9");
  g_assert_cmpstr (lines[11], ==, "…and 15 more errors.");
}

static const BadBody bad_problem_details[] = {
  { "", FBK_PARSE_ERROR_INVALID_JSON, NULL },
  { "Service Unavailable", FBK_PARSE_ERROR_INVALID_JSON, NULL },
  { "[\"title\"]", FBK_PARSE_ERROR_INVALID_FIELD, NULL },
  { "{}", FBK_PARSE_ERROR_MISSING_FIELD, NULL },
  { "{\"title\": 5, \"errors\": {\"a\": [1, null]}, \"status\": 400}", FBK_PARSE_ERROR_MISSING_FIELD, NULL },
  { "{\"title\": \"   \"}", FBK_PARSE_ERROR_MISSING_FIELD, NULL },
};

static void
test_problem_details_rejects (void)
{
  check_bad_bodies (bad_problem_details, G_N_ELEMENTS (bad_problem_details), parse_problem_details);
}

/* Every input in the fuzzing seed corpus, including the inputs that once
 * crashed a parser (regression-*), goes through all four parsers in the
 * ordinary build: each either returns a value or sets an error, never both,
 * never neither, and any text it returns or puts in a message is UTF-8 fit
 * for a terminal (fbk_test_assert_showable()). */
static void
test_fuzz_corpus (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *name;
  guint n_files = 0;

  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autoptr(GBytes) body = NULL;
      char *contents;
      gsize length;
      gpointer (*parsers[]) (GBytes *, GError **) = {
        parse_meter_values_consumption, parse_max_hours, parse_problem_details, parse_spot_prices,
      };

      g_file_get_contents (file, &contents, &length, &error);
      g_assert_no_error (error);
      body = g_bytes_new_take (contents, length);

      for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
        {
          gpointer result = parsers[i] (body, &error);

          g_assert_true ((result == NULL) != (error == NULL));
          if (error != NULL && !g_utf8_validate (error->message, -1, NULL))
            g_error ("%s, parser %u: the message is not UTF-8", name, i);
          if (error != NULL)
            fbk_test_assert_showable (error->message);
          if (result != NULL)
            {
              if (i == 2)
                {
                  fbk_test_assert_showable (result);
                  g_free (result);
                }
              else if (i == 3)
                g_array_unref (result);
              else
                g_ptr_array_unref (result);
            }
          g_clear_error (&error);
        }
      n_files++;
    }

  g_assert_cmpuint (n_files, >, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parse/meter-values/single", test_meter_values_single);
  g_test_add_func ("/parse/meter-values/two-meters", test_meter_values_two_meters);
  g_test_add_func ("/parse/meter-values/dst", test_meter_values_dst);
  g_test_add_func ("/parse/meter-values/quirks", test_meter_values_quirks);
  g_test_add_func ("/parse/meter-values/requested-direction", test_meter_values_requested_direction);
  g_test_add_func ("/parse/meter-values/read-ahead", test_meter_values_read_ahead);
  g_test_add_func ("/parse/meter-values/empty-list", test_meter_values_empty_list);
  g_test_add_func ("/parse/meter-values/byte-order-mark", test_meter_values_byte_order_mark);
  g_test_add_func ("/parse/meter-values/rejects", test_meter_values_rejects);
  g_test_add_func ("/parse/meter-values/no-values-yet", test_meter_values_no_values_yet);
  g_test_add_func ("/parse/meter-values/plausible", test_meter_values_plausible);
  g_test_add_func ("/parse/meter-values/year", test_meter_values_year);
  if (g_test_perf ())
    g_test_add_func ("/parse/meter-values/year-perf", test_meter_values_year_perf);
  g_test_add_func ("/parse/deep-nesting", test_deep_nesting);
  g_test_add_func ("/parse/octal-escapes", test_octal_escapes);
  g_test_add_func ("/parse/server-text-tidied", test_server_text_tidied);
  g_test_add_func ("/parse/max-hours/v2", test_max_hours_v2);
  g_test_add_func ("/parse/max-hours/month-start", test_max_hours_month_start);
  g_test_add_func ("/parse/max-hours/v1", test_max_hours_v1);
  g_test_add_func ("/parse/max-hours/rejects", test_max_hours_rejects);
  g_test_add_func ("/parse/problem-details/example", test_problem_details_example);
  g_test_add_func ("/parse/problem-details/fields", test_problem_details_fields);
  g_test_add_func ("/parse/problem-details/variants", test_problem_details_variants);
  g_test_add_func ("/parse/problem-details/limits", test_problem_details_limits);
  g_test_add_func ("/parse/problem-details/rejects", test_problem_details_rejects);
  g_test_add_func ("/parse/fuzz-corpus", test_fuzz_corpus);

  return g_test_run ();
}
