/* fbk-client.c: asynchronous client for Elvia's MeterValueApi
 *
 * Each call is one request: the repository decides what to ask for
 * (fbk-range-planner.c) and what to do with the answers. The requests go
 * through the client's FbkHttp, which queues, retries, bounds and redacts;
 * this file knows what the API's paths, statuses and bodies mean.
 *
 * The token lives in the FbkHttp only (fbk_http_set_secret()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "fbk-client.h"
#include "fbk-error.h"
#include "fbk-worker-pool.h"

#define METERVALUES_PATH "/customer/metervalues/api/v1/metervalues"
#define MAXHOURS_PATH    "/customer/metervalues/api/v2/maxhours"

/* libsoup 3.2 has no name for it. */
#define HTTP_TOO_MANY_REQUESTS 429

struct _FbkClient
{
  GObject  parent_instance;

  FbkHttp *http;
};

G_DEFINE_FINAL_TYPE (FbkClient, fbk_client, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------ */
/* Answers                                                                  */
/* ------------------------------------------------------------------------ */

static GError *
error_for_status (guint   status,
                  GBytes *body)
{
  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
      return g_error_new_literal (FBK_API_ERROR, FBK_API_ERROR_AUTH_REFUSED,
                                  _("Elvia refused the access token. It may have been deleted on "
                                    "Min side or mistyped, or it may not be a Min side token."));

    case SOUP_STATUS_BAD_REQUEST:
      {
        g_autofree char *details = fbk_parse_problem_details (body, NULL, NULL);

        if (details != NULL)
          return g_error_new (FBK_API_ERROR, FBK_API_ERROR_INVALID_REQUEST,
                              _("Elvia refused the request: %s"), details);
        return g_error_new_literal (FBK_API_ERROR, FBK_API_ERROR_INVALID_REQUEST,
                                    _("Elvia refused the request."));
      }

    case HTTP_TOO_MANY_REQUESTS:
      return g_error_new_literal (FBK_API_ERROR, FBK_API_ERROR_RATE_LIMITED,
                                  _("Elvia is receiving too many requests from this token. "
                                    "Try again in a few minutes."));

    default:
      return g_error_new (FBK_API_ERROR, FBK_API_ERROR_SERVER,
                          _("Elvia's service answered with an error (HTTP %u). Try again later."),
                          status);
    }
}

/* The body of a successful answer to the request @result is for; %NULL
 * with @error set (the token redacted) for anything else. */
static GBytes *
finish_request (FbkClient     *self,
                GAsyncResult  *result,
                GError       **error)
{
  g_autoptr(GBytes) body = NULL;
  GError *status_error;
  guint status = 0;

  body = fbk_http_get_finish (self->http, result, &status, error);
  if (body == NULL)
    return NULL;
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return g_steal_pointer (&body);

  status_error = error_for_status (status, body);
  fbk_http_redact_error (self->http, status_error);
  g_propagate_error (error, status_error);
  return NULL;
}

static GError *
malformed_error (FbkClient    *self,
                 const GError *parse_error)
{
  GError *error = g_error_new (FBK_API_ERROR, FBK_API_ERROR_MALFORMED_RESPONSE,
                               _("Elvia sent data that Forbruk does not understand: %s"),
                               parse_error->message);

  fbk_http_redact_error (self->http, error);
  return error;
}

/* ------------------------------------------------------------------------ */
/* Query strings                                                            */
/* ------------------------------------------------------------------------ */

/* Escapes everything but unreserved characters, so the offset's "+" goes as
 * %2B and is never read back as a space. */
static void
append_parameter (GString    *query,
                  const char *name,
                  const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (query, query->len == 0 ? '?' : '&');
  g_string_append_printf (query, "%s=%s", name, escaped);
}

static void
append_instant (GString    *query,
                const char *name,
                FbkInstant  instant)
{
  g_autofree char *text = fbk_time_format_oslo (instant);

  append_parameter (query, name, text);
}

static char *
metervalues_query (FbkInstant           from,
                   FbkInstant           to,
                   const char * const  *metering_point_ids,
                   FbkDirection         direction)
{
  GString *query = g_string_new (METERVALUES_PATH);
  g_autoptr(GString) parameters = g_string_new (NULL);

  append_instant (parameters, "startTime", from);
  append_instant (parameters, "endTime", to);
  if (metering_point_ids != NULL && metering_point_ids[0] != NULL)
    {
      g_autofree char *ids = g_strjoinv (",", (char **) metering_point_ids);

      append_parameter (parameters, "meteringPointIds", ids);
    }
  append_parameter (parameters, "includeProduction",
                    direction == FBK_DIRECTION_PRODUCTION ? "true" : "false");

  g_string_append (query, parameters->str);
  return g_string_free (query, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Object                                                                   */
/* ------------------------------------------------------------------------ */

/**
 * fbk_client_url_is_allowed:
 *
 * Only https is allowed, except plain http to a loopback address (the demo
 * server and tests): the token must never cross a network in clear text.
 */
gboolean
fbk_client_url_is_allowed (const char  *url,
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
                   _("Refusing to send the access token to “%s”: only https addresses "
                     "(or http on this computer) are allowed."), url);
      return FALSE;
    }
}

static void
fbk_client_finalize (GObject *object)
{
  FbkClient *self = FBK_CLIENT (object);

  g_clear_object (&self->http);

  G_OBJECT_CLASS (fbk_client_parent_class)->finalize (object);
}

static void
fbk_client_class_init (FbkClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fbk_client_finalize;
}

static void
fbk_client_init (FbkClient *self)
{
}

/**
 * fbk_client_new:
 * @base_url: (nullable): the API's base address; %NULL for Elvia's
 *
 * Returns: (transfer full): a client, or %NULL if @base_url is not allowed
 */
FbkClient *
fbk_client_new (const char  *base_url,
                GError     **error)
{
  FbkClient *self;

  if (base_url == NULL)
    base_url = FBK_DEFAULT_API_URL;

  if (!fbk_client_url_is_allowed (base_url, error))
    return NULL;

  self = g_object_new (FBK_TYPE_CLIENT, NULL);
  self->http = fbk_http_new (base_url, _("Elvia"));
  fbk_http_set_max_concurrent (self->http, FBK_CLIENT_MAX_CONCURRENT);
  return self;
}

/**
 * fbk_client_get_http:
 *
 * Returns: (transfer none): the engine the client's requests go through,
 *   for its policy (retries, timeout, concurrency) and its "waiting" signal
 */
FbkHttp *
fbk_client_get_http (FbkClient *self)
{
  g_return_val_if_fail (FBK_IS_CLIENT (self), NULL);

  return self->http;
}

const char *
fbk_client_get_base_url (FbkClient *self)
{
  g_return_val_if_fail (FBK_IS_CLIENT (self), NULL);

  return fbk_http_get_base_url (self->http);
}

/**
 * fbk_client_set_token:
 * @token: (nullable): the access token, already validated with
 *   fbk_token_clean(); %NULL forgets it
 *
 * The client keeps its own copy and wipes it when replaced or finalized.
 */
void
fbk_client_set_token (FbkClient  *self,
                      const char *token)
{
  g_return_if_fail (FBK_IS_CLIENT (self));

  fbk_http_set_secret (self->http, token);
}

gboolean
fbk_client_has_token (FbkClient *self)
{
  g_return_val_if_fail (FBK_IS_CLIENT (self), FALSE);

  return fbk_http_has_secret (self->http);
}

void
fbk_client_set_retry_policy (FbkClient *self,
                             guint      max_retries,
                             guint      base_delay_ms,
                             guint      max_delay_ms)
{
  g_return_if_fail (FBK_IS_CLIENT (self));

  fbk_http_set_retry_policy (self->http, max_retries, base_delay_ms, max_delay_ms);
}

void
fbk_client_set_timeout (FbkClient *self,
                        guint      seconds)
{
  g_return_if_fail (FBK_IS_CLIENT (self));

  fbk_http_set_timeout (self->http, seconds);
}

void
fbk_client_set_max_concurrent (FbkClient *self,
                               guint      max_concurrent)
{
  g_return_if_fail (FBK_IS_CLIENT (self));

  fbk_http_set_max_concurrent (self->http, max_concurrent);
}

/* ------------------------------------------------------------------------ */
/* Requests                                                                 */
/* ------------------------------------------------------------------------ */

/* --- meter values -------------------------------------------------------- */

/* All the parsing thread gets: the answer and the direction asked for. */
typedef struct
{
  FbkDirection  direction;
  GBytes       *body;
} ParseJob;

static void
parse_job_free (ParseJob *job)
{
  g_clear_pointer (&job->body, g_bytes_unref);
  g_free (job);
}

static void
parse_values_thread (GTask        *parse,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ParseJob *job = task_data;
  g_autoptr(GError) parse_error = NULL;
  GPtrArray *meters;

  /* The token may only be looked at on the client's own thread: the error
   * becomes the client's in on_values_parsed_cb(). */
  meters = fbk_parse_meter_values (job->body, job->direction, &parse_error);
  if (meters == NULL)
    g_task_return_error (parse, g_steal_pointer (&parse_error));
  else
    g_task_return_pointer (parse, meters, (GDestroyNotify) g_ptr_array_unref);
}

/* Back on the client's thread: a parse error becomes the client's, with
 * the token redacted. */
static void
on_values_parsed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *meters;

  meters = g_task_propagate_pointer (G_TASK (result), &error);
  if (meters != NULL)
    g_task_return_pointer (task, meters, (GDestroyNotify) g_ptr_array_unref);
  else if (error->domain == FBK_PARSE_ERROR)
    g_task_return_error (task, malformed_error (g_task_get_source_object (task), error));
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_values_answered_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FbkClient *self = g_task_get_source_object (task);
  g_autoptr(GTask) parse = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  ParseJob *job;

  body = finish_request (self, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A year of one meter is over a megabyte of JSON, more than a frame's
   * worth of parsing: the caller's main loop keeps running meanwhile, and
   * gets a processor first (fbk-worker-pool.c). The answer has arrived, so
   * a cancel from now on no longer throws it away
   * (fbk_client_fetch_values_async()). */
  job = g_new0 (ParseJob, 1);
  job->body = g_steal_pointer (&body);
  job->direction = GPOINTER_TO_UINT (g_task_get_task_data (task));
  parse = g_task_new (self, NULL, on_values_parsed_cb, g_steal_pointer (&task));
  g_task_set_source_tag (parse, parse_values_thread);
  g_task_set_task_data (parse, job, (GDestroyNotify) parse_job_free);
  fbk_worker_pool_run_task (parse, parse_values_thread);
}

/**
 * fbk_client_fetch_values_async:
 * @metering_point_id: (nullable): the meter, or %NULL for every meter on
 *   the token
 * @from: start of the range (inclusive)
 * @to: end of the range (exclusive)
 *
 * Asks for the values of @direction over [@from, @to) in one request, which
 * must be one the API accepts (fbk_range_plan() makes those). The request
 * is queued behind the client's others, retried as the policy says, and
 * its answer parsed off the calling thread.
 *
 * Once the answer has arrived it is handed back even if @cancellable is
 * cancelled while it is being parsed: what Elvia sent is never thrown away
 * by a cancel that came too late to save the request.
 */
void
fbk_client_fetch_values_async (FbkClient           *self,
                               const char          *metering_point_id,
                               FbkInstant           from,
                               FbkInstant           to,
                               FbkDirection         direction,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  const char *ids[] = { metering_point_id, NULL };

  g_return_if_fail (FBK_IS_CLIENT (self));
  g_return_if_fail (from < to);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_client_fetch_values_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, GUINT_TO_POINTER (direction), NULL);

  path = metervalues_query (from, to, ids, direction);
  fbk_http_get_async (self->http, path, cancellable, on_values_answered_cb, g_steal_pointer (&task));
}

/**
 * fbk_client_fetch_values_finish:
 *
 * Returns: (transfer container) (element-type FbkMeterValues): what the
 *   answer holds for each meter it names
 */
GPtrArray *
fbk_client_fetch_values_finish (FbkClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (FBK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- max hours ----------------------------------------------------------- */

static void
on_max_hours_answered_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FbkClient *self = g_task_get_source_object (task);
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = finish_request (self, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  reports = fbk_parse_max_hours (body, &parse_error);
  if (reports == NULL)
    g_task_return_error (task, malformed_error (self, parse_error));
  else
    g_task_return_pointer (task, g_steal_pointer (&reports), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * fbk_client_fetch_max_hours_async:
 * @metering_point_ids: (nullable): the meters; %NULL or empty for all
 * @calculate_time: the instant Elvia should compute for (its current and
 *   previous month), or %FBK_INSTANT_INVALID for now
 *
 * Fetches the consumption max hours (capacity tariff basis).
 */
void
fbk_client_fetch_max_hours_async (FbkClient           *self,
                                  const char * const  *metering_point_ids,
                                  FbkInstant           calculate_time,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *path = NULL;

  g_return_if_fail (FBK_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_client_fetch_max_hours_async);

  if (calculate_time != FBK_INSTANT_INVALID)
    append_instant (query, "calculateTime", calculate_time);
  if (metering_point_ids != NULL && metering_point_ids[0] != NULL)
    {
      g_autofree char *ids = g_strjoinv (",", (char **) metering_point_ids);

      append_parameter (query, "meteringPointIds", ids);
    }
  append_parameter (query, "includeProduction", "false");

  path = g_strconcat (MAXHOURS_PATH, query->str, NULL);
  fbk_http_get_async (self->http, path, cancellable, on_max_hours_answered_cb, g_steal_pointer (&task));
}

/**
 * fbk_client_fetch_max_hours_finish:
 *
 * Returns: (transfer container) (element-type FbkMaxHoursReport): one report
 *   per metering point
 */
GPtrArray *
fbk_client_fetch_max_hours_finish (FbkClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (FBK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
