/* test-data-truth.c: what the store keeps of answers that do not cover what
 * was asked, or cover it twice
 *
 * A session with a real SQLite store refreshes from a SoupServer on
 * loopback that answers each metervalues request from a script: the hours
 * of a day with given values, some missing, some at another resolution,
 * some outside the period asked. The server's log of requests shows what
 * the repository asks for again, and the store what it kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <libsoup/soup.h>

#include "fbk-session.h"
#include "fbk-test-support.h"

#define METER    "707057500012345678"
#define HOUR     FBK_SECONDS_PER_HOUR
#define DAY      (24 * HOUR)
#define QUARTER  (HOUR / 4)
/* Midnight, Oslo time, of a day long past the clock below. */
#define DAY_TEXT "2024-10-01T00:00:00+02:00"
#define NOW_TEXT "2024-11-15T10:20:00+01:00"

/* How one answer is made, for a request of [startTime, endTime). */
typedef enum
{
  ANSWER_HOURS,         /* every hour, 1 kWh, except those in skip */
  ANSWER_QUARTERS,      /* every quarter of an hour, 0.25 kWh */
} AnswerShape;

typedef struct
{
  AnswerShape  shape;
  gboolean     verified;
  FbkInstant   skip_from;     /* hours in [skip_from, skip_to) are left out */
  FbkInstant   skip_to;
  FbkInstant   extra_start;   /* an hour sent although not asked for, or 0 */
} Answer;

typedef struct
{
  FbkInstant from;
  FbkInstant to;
} Asked;

typedef struct
{
  char       *dir;
  FbkStore   *store;
  SoupServer *server;
  char       *url;
  FbkSession *session;
  FbkInstant  day;
  Answer      answer;   /* how the server answers every request */
  GArray     *asked;    /* Asked, in the order the requests came */
} Fixture;

static void
append_value (GString    *json,
              FbkInstant  start,
              guint       seconds,
              double      kwh,
              gboolean    verified)
{
  g_autofree char *from = fbk_time_format_oslo (start);
  g_autofree char *to = fbk_time_format_oslo (start + seconds);

  if (json->str[json->len - 1] != '[')
    g_string_append_c (json, ',');
  g_string_append_printf (json,
                          "{\"startTime\":\"%s\",\"endTime\":\"%s\",\"value\":%.3f,\"uom\":\"kWh\","
                          "\"production\":false,\"verified\":%s}",
                          from, to, kwh, verified ? "true" : "false");
}

static char *
answer_body (const Answer *answer,
             FbkInstant    from,
             FbkInstant    to)
{
  g_autofree char *from_text = fbk_time_format_oslo (from);
  g_autofree char *to_text = fbk_time_format_oslo (to);
  guint step = answer->shape == ANSWER_QUARTERS ? QUARTER : HOUR;
  GString *json = g_string_new (NULL);

  g_string_append_printf (json,
                          "{\"meteringpoints\":[{\"meteringPointId\":\"" METER "\","
                          "\"customerContract\":{\"startTime\":\"2016-04-15T00:00:00+02:00\",\"endTime\":null},"
                          "\"metervalue\":{\"fromHour\":\"%s\",\"toHour\":\"%s\",\"resolutionMinutes\":%u,"
                          "\"timeSeries\":[",
                          from_text, to_text, step / 60);

  if (answer->extra_start != 0)
    append_value (json, answer->extra_start, HOUR, 5.0, TRUE);

  for (FbkInstant t = from; t < to; t += step)
    {
      if (t >= answer->skip_from && t < answer->skip_to)
        continue;
      append_value (json, t, step, step == HOUR ? 1.0 : 0.25, answer->verified);
    }

  g_string_append (json, "]}}]}");
  return g_string_free (json, FALSE);
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *f = user_data;
  Asked asked;
  g_autofree char *body = NULL;

  g_assert_nonnull (query);
  asked.from = fbk_test_instant (g_hash_table_lookup (query, "startTime"));
  asked.to = fbk_test_instant (g_hash_table_lookup (query, "endTime"));
  g_array_append_val (f->asked, asked);

  body = answer_body (&f->answer, asked.from, asked.to);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->dir = g_dir_make_tmp ("forbruk-data-truth-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "forbruk.db", NULL);
  f->store = fbk_store_open_sync (path, NULL, &error);
  g_assert_no_error (error);

  f->asked = g_array_new (FALSE, FALSE, sizeof (Asked));
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, on_request_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->session = fbk_test_new_session (f->url, fbk_test_instant (NOW_TEXT), "test-token-0123456789", f->store);
  f->day = fbk_test_instant (DAY_TEXT);
  f->answer.verified = TRUE;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->store);
  g_clear_pointer (&f->asked, g_array_unref);
  g_free (f->url);
  fbk_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
set_now (Fixture    *f,
         FbkInstant  now)
{
  fbk_clock_set_now (fbk_session_get_clock (f->session), now);
}

/* Refreshes [from, to) and returns what it asked for since the last call. */
static GArray *
refresh (Fixture    *f,
         FbkInstant  from,
         FbkInstant  to)
{
  FbkRepository *repository = fbk_session_get_repository (f->session);
  const char *ids[] = { METER, NULL };
  g_autoptr(FbkRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FbkTestAsync waiter = { 0 };
  GArray *asked;

  fbk_repository_refresh_async (repository, ids, from, to, FBK_REFRESH_CONSUMPTION, NULL, NULL, NULL,
                                       fbk_test_async_done_cb, &waiter);
  fbk_test_wait_until (waiter.done, 10);
  result = fbk_repository_refresh_finish (repository, waiter.result, &error);
  g_clear_object (&waiter.result);
  g_assert_no_error (error);

  asked = g_array_copy (f->asked);
  g_array_set_size (f->asked, 0);
  return asked;
}

static void
assert_asked (GArray     *asked,
              guint       index,
              FbkInstant  from,
              FbkInstant  to)
{
  const Asked *one;

  g_assert_cmpuint (index, <, asked->len);
  one = &g_array_index (asked, Asked, index);
  if (one->from != from || one->to != to)
    {
      g_autofree char *got_from = fbk_time_format_oslo (one->from);
      g_autofree char *got_to = fbk_time_format_oslo (one->to);
      g_autofree char *want_from = fbk_time_format_oslo (from);
      g_autofree char *want_to = fbk_time_format_oslo (to);

      g_error ("request %u asked for %s – %s, expected %s – %s", index, got_from, got_to, want_from, want_to);
    }
}

static double
stored_kwh (Fixture    *f,
            FbkInstant  from,
            FbkInstant  to,
            guint      *out_n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = fbk_store_load_sync (f->store, METER, FBK_DIRECTION_CONSUMPTION, from, to,
                                                  NULL, &error);
  double kwh = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < values->len; i++)
    kwh += g_array_index (values, FbkInterval, i).kwh;
  if (out_n != NULL)
    *out_n = values->len;
  return kwh;
}

/* --- 1: an answer that does not cover what was asked never settles it ---- */

/* A 200 with no values for a past day: asked again by the next refresh. */
static void
test_empty_answer_asked_again (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) second = NULL;

  f->answer.skip_from = f->day;
  f->answer.skip_to = f->day + DAY;
  first = refresh (f, f->day, f->day + DAY);
  g_assert_cmpuint (first->len, ==, 1);

  second = refresh (f, f->day, f->day + DAY);
  g_assert_cmpuint (second->len, ==, 1);
  assert_asked (second, 0, f->day, f->day + DAY);
}

/* Values for the first twelve hours only: the other twelve are asked for
 * again, and only they. */
static void
test_partial_answer_rest_asked_again (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) second = NULL;
  g_autoptr(GArray) third = NULL;
  guint n = 0;

  f->answer.skip_from = f->day + 12 * HOUR;
  f->answer.skip_to = f->day + DAY;
  first = refresh (f, f->day, f->day + DAY);
  g_assert_cmpuint (first->len, ==, 1);
  /* 12 hours × 1 kWh */
  g_assert_cmpfloat (stored_kwh (f, f->day, f->day + DAY, &n), ==, 12.0);
  g_assert_cmpuint (n, ==, 12);

  /* Elvia has the rest now. */
  f->answer.skip_from = f->answer.skip_to = 0;
  second = refresh (f, f->day, f->day + DAY);
  g_assert_cmpuint (second->len, ==, 1);
  assert_asked (second, 0, f->day + 12 * HOUR, f->day + DAY);

  /* It all came: nothing more to ask. */
  third = refresh (f, f->day, f->day + DAY);
  g_assert_cmpuint (third->len, ==, 0);
  g_assert_cmpfloat (stored_kwh (f, f->day, f->day + DAY, &n), ==, 24.0);
}

/* A hole inside otherwise complete data (two hours missing, as a null
 * value would leave them) waits: not asked again a minute later, but the
 * next day, then not again that day, then a week after that. */
static void
test_hole_waits (Fixture       *f,
                 gconstpointer  data)
{
  FbkInstant now = fbk_test_instant (NOW_TEXT);
  FbkInstant hole_from = f->day + 10 * HOUR;
  FbkInstant hole_to = f->day + 12 * HOUR;
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) soon = NULL;
  g_autoptr(GArray) next_day = NULL;
  g_autoptr(GArray) again = NULL;
  g_autoptr(GArray) week = NULL;

  f->answer.skip_from = hole_from;
  f->answer.skip_to = hole_to;
  first = refresh (f, f->day, f->day + DAY);
  g_assert_cmpuint (first->len, ==, 1);

  set_now (f, now + 60);
  soon = refresh (f, f->day, f->day + DAY);
  g_assert_cmpuint (soon->len, ==, 0);

  /* A day on: the hole, and only the hole. Elvia still has nothing. */
  set_now (f, now + DAY);
  next_day = refresh (f, f->day, f->day + DAY);
  g_assert_cmpuint (next_day->len, ==, 1);
  assert_asked (next_day, 0, hole_from, hole_to);

  /* It was asked a minute ago: not again; asked in vain once, the next try
   * is a week on. */
  set_now (f, now + DAY + 60);
  again = refresh (f, f->day, f->day + DAY);
  g_assert_cmpuint (again->len, ==, 0);
  set_now (f, now + 3 * DAY);
  g_array_set_size (again, 0);
  g_clear_pointer (&again, g_array_unref);
  again = refresh (f, f->day, f->day + DAY);
  g_assert_cmpuint (again->len, ==, 0);

  f->answer.skip_from = f->answer.skip_to = 0;
  set_now (f, now + DAY + 7 * DAY);
  week = refresh (f, f->day, f->day + DAY);
  g_assert_cmpuint (week->len, ==, 1);
  assert_asked (week, 0, hole_from, hole_to);
  g_assert_cmpfloat (stored_kwh (f, f->day, f->day + DAY, NULL), ==, 24.0);
}

/* --- 2: one value per clock interval ------------------------------------- */

/* A day sent as unverified quarter-hours, then, rechecked, as verified
 * hours: it used 24 kWh (24 × 1 kWh, or 96 × 0.25 kWh), never 42. */
static void
test_resolution_change_counts_once (Fixture       *f,
                                    gconstpointer  data)
{
  FbkInstant now = fbk_test_instant (NOW_TEXT);
  /* Yesterday: unverified values of it are rechecked. */
  FbkInstant day = fbk_time_oslo_midnight (fbk_date_add_days (fbk_time_oslo_date (now), -1));
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) second = NULL;
  guint n = 0;

  f->answer.shape = ANSWER_QUARTERS;
  f->answer.verified = FALSE;
  first = refresh (f, day, day + DAY);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (stored_kwh (f, day, day + DAY, &n), 24.0, 1e-9);
  g_assert_cmpuint (n, ==, 96);

  /* Seven hours on the unverified values are due again; Elvia now sends
   * verified hours. */
  f->answer.shape = ANSWER_HOURS;
  f->answer.verified = TRUE;
  set_now (f, now + 7 * HOUR);
  second = refresh (f, day, day + DAY);
  g_assert_cmpuint (second->len, >=, 1);
  g_assert_cmpfloat_with_epsilon (stored_kwh (f, day, day + DAY, &n), 24.0, 1e-9);
  g_assert_cmpuint (n, ==, 24);
}

/* Verified hours stay when a later answer brings unverified quarter-hours
 * of the same day: an unverified value never displaces a verified one, and
 * no quarter is added beside the hour it lies in. */
static void
test_unverified_other_grid_does_not_displace (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hours = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
  g_autoptr(GArray) quarters = g_array_new (FALSE, FALSE, sizeof (FbkInterval));
  guint n = 0;

  for (FbkInstant t = f->day; t < f->day + DAY; t += HOUR)
    {
      FbkInterval hour = { t, HOUR, FBK_INTERVAL_VERIFIED, 1.0 };

      g_array_append_val (hours, hour);
    }
  for (FbkInstant t = f->day; t < f->day + DAY; t += QUARTER)
    {
      FbkInterval quarter = { t, QUARTER, 0, 0.5 };

      g_array_append_val (quarters, quarter);
    }

  g_assert_true (fbk_store_import_sync (f->store, METER, FBK_DIRECTION_CONSUMPTION, f->day, f->day + DAY,
                                        f->day + 30 * DAY, hours, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (fbk_store_import_sync (f->store, METER, FBK_DIRECTION_CONSUMPTION, f->day, f->day + DAY,
                                        f->day + 31 * DAY, quarters, NULL, NULL, &error));
  g_assert_no_error (error);

  /* 24 verified hours × 1 kWh, untouched. */
  g_assert_cmpfloat_with_epsilon (stored_kwh (f, f->day, f->day + DAY, &n), 24.0, 1e-9);
  g_assert_cmpuint (n, ==, 24);
}

/* A value for 2001 sent with an answer about 2024 is not stored. */
static void
test_value_outside_request_dropped (Fixture       *f,
                                    gconstpointer  data)
{
  FbkInstant stray = fbk_test_instant ("2001-06-01T12:00:00+02:00");
  g_autoptr(GArray) asked = NULL;
  guint n = 0;

  f->answer.extra_start = stray;
  asked = refresh (f, f->day, f->day + DAY);
  g_assert_cmpuint (asked->len, ==, 1);

  g_assert_cmpfloat (stored_kwh (f, stray - DAY, stray + DAY, &n), ==, 0.0);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpfloat (stored_kwh (f, f->day, f->day + DAY, &n), ==, 24.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/data-truth/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("empty-answer-asked-again", test_empty_answer_asked_again);
  ADD ("partial-answer-rest-asked-again", test_partial_answer_rest_asked_again);
  ADD ("hole-waits", test_hole_waits);
  ADD ("resolution-change-counts-once", test_resolution_change_counts_once);
  ADD ("unverified-other-grid-does-not-displace", test_unverified_other_grid_does_not_displace);
  ADD ("value-outside-request-dropped", test_value_outside_request_dropped);

  return g_test_run ();
}
