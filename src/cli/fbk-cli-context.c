/* fbk-cli-context.c: what the data commands of forbruk-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "fbk-cli-context.h"
#include "fbk-cli-notes.h"
#include "fbk-error.h"
#include "fbk-token.h"

/* ------------------------------------------------------------------------ */
/* Waiting for async operations                                             */
/* ------------------------------------------------------------------------ */

/* A GAsyncReadyCallback that keeps the result in *(GAsyncResult **) user_data. */
void
fbk_cli_store_result (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Runs the main context until fbk_cli_store_result() filled @slot. The CLI
 * is a thin synchronous shell over the same async core the app uses. */
GAsyncResult *
fbk_cli_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

/* ------------------------------------------------------------------------ */
/* Token                                                                    */
/* ------------------------------------------------------------------------ */

/* FORBRUK_TOKEN wins over the keyring, so scripts need no Secret Service.
 * Once read, the variable is overwritten where the process keeps it (a core
 * dump or /proc/PID/environ would show it all run long) and unset. */
static gboolean
use_token (FbkSession  *session,
           GError     **error)
{
  char *from_environment = (char *) g_getenv ("FORBRUK_TOKEN");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) keyring_error = NULL;

  if (from_environment != NULL)
    {
      g_auto(FbkTokenString) token = fbk_token_clean (from_environment, error);

      fbk_token_wipe (from_environment, strlen (from_environment));
      g_unsetenv ("FORBRUK_TOKEN");
      if (token == NULL)
        return FALSE;
      fbk_session_set_token (session, token);
      return TRUE;
    }

  fbk_session_restore_token_async (session, NULL, fbk_cli_store_result, &result);
  if (fbk_session_restore_token_finish (session, fbk_cli_wait (&result), &keyring_error))
    return TRUE;

  /* No token is something to set up here, not Elvia refusing one, also
   * when the keyring cannot be reached; the exit status is the same 3. */
  if (keyring_error != NULL)
    g_set_error (error, FBK_API_ERROR, FBK_API_ERROR_INVALID_TOKEN,
                 _("No access token: %s Put the token in the FORBRUK_TOKEN environment variable, "
                   "or try “--demo”."), keyring_error->message);
  else
    g_set_error_literal (error, FBK_API_ERROR, FBK_API_ERROR_INVALID_TOKEN,
                         _("No access token. Store one with “forbruk-cli token set” or put it in "
                           "the FORBRUK_TOKEN environment variable, or try “--demo”."));
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Context                                                                  */
/* ------------------------------------------------------------------------ */

/* Waiting a second or more is said, with how long: a script's log shows
 * why a run took its time, and a person at the terminal that it has not
 * hung. */
static void
on_session_waiting_cb (FbkSession *session,
                       const char *service,
                       guint       delay_ms,
                       gpointer    user_data)
{
  guint seconds = (delay_ms + 999) / 1000;

  if (delay_ms < 1000)
    return;

  /* Translators: the first %s is the service, such as "Elvia" */
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "Waiting for %s: trying again in %u second.\n",
                           "Waiting for %s: trying again in %u seconds.\n",
                           seconds),
              service, seconds);
}

static FbkStore *
open_store (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  FbkStore *store;

  fbk_store_open_async (NULL, NULL, fbk_cli_store_result, &result);
  store = fbk_store_open_finish (fbk_cli_wait (&result), error);

  if (store != NULL && fbk_store_get_reset_error (store) != NULL)
    g_printerr ("%s\n", fbk_store_get_reset_error (store)->message);

  return store;
}

/* The session of a command: Elvia (or --api-url) with the offline store
 * and the token, or with --demo the embedded simulator on a thread of its
 * own. With @needs_token unset the session starts without one (for
 * `token set`, which brings its own). */
gboolean
fbk_cli_context_init (FbkCliContext        *context,
                      const FbkCliGlobals  *globals,
                      gboolean              needs_token,
                      GError              **error)
{
  g_autoptr(FbkStore) store = NULL;

  memset (context, 0, sizeof *context);

  if (globals->offline && globals->no_cache)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--offline reads only what is stored, which --no-cache does without."));
      return FALSE;
    }

  if (globals->demo)
    {
      FbkDemoServer *server = fbk_demo_server_new_from_environment (FBK_DEMO_DEFAULT_SEED, error);
      FbkInstant demo_now = FBK_INSTANT_INVALID;
      const char *url;

      if (server == NULL)
        return FALSE;
      /* Read now: once the thread has the server, only it may. */
      g_object_get (server, "now", &demo_now, NULL);
      /* A thread of its own, as a remote server: the commands' main loop
       * stays free while it writes three years of values. */
      context->demo = fbk_demo_server_thread_new (server);
      url = fbk_demo_server_thread_start (context->demo, 0, error);
      if (url == NULL)
        return FALSE;

      /* The demo's data is made up: never mixed into the user's store. */
      context->session = fbk_session_new (FBK_SESSION_DEMO, url, url, NULL, error);
      if (context->session == NULL)
        return FALSE;
      fbk_session_set_token (context->session, FBK_DEMO_TOKEN);
      /* The simulator's clock is this run's clock: plan from the same now. */
      if (demo_now != FBK_INSTANT_INVALID)
        fbk_clock_set_now (fbk_session_get_clock (context->session), demo_now);
    }
  else
    {
      if (!globals->no_cache)
        {
          store = open_store (error);
          if (store == NULL)
            return FALSE;
        }
      context->session = fbk_session_new (FBK_SESSION_ELVIA, globals->api_url, globals->prices_url,
                                          store, error);
      /* Offline, nothing is sent, so no token is needed. */
      if (context->session == NULL ||
          (needs_token && !globals->offline && !use_token (context->session, error)))
        return FALSE;
    }

  g_signal_connect (context->session, "waiting", G_CALLBACK (on_session_waiting_cb), NULL);
  if (globals->retries >= 0)
    fbk_session_set_retry_policy (context->session, (guint) globals->retries,
                                  FBK_HTTP_DEFAULT_BASE_DELAY_MS, FBK_HTTP_DEFAULT_MAX_DELAY_MS);
  context->repository = fbk_session_get_repository (context->session);
  fbk_repository_set_offline (context->repository, globals->offline);
  return TRUE;
}

void
fbk_cli_context_clear (FbkCliContext *context)
{
  context->repository = NULL;
  g_clear_object (&context->session);
  g_clear_object (&context->demo);
}

/* ------------------------------------------------------------------------ */
/* Shared steps                                                             */
/* ------------------------------------------------------------------------ */

/* The meters on the token: those an earlier run stored, asked of Elvia
 * again only when that is stale or a meter @needed is not among them;
 * offline, the stored ones. */
gboolean
fbk_cli_discover_meters (FbkCliContext       *context,
                         const char * const  *needed,
                         GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GError) discover_error = NULL;
  gboolean has_stored = FALSE;

  /* Stored first: the names given in the app live there, and discovery
   * keeps the names of the meters it already knows. */
  if (fbk_repository_get_store (context->repository) != NULL)
    {
      fbk_repository_load_meters_async (context->repository, NULL, fbk_cli_store_result, &stored);
      has_stored = fbk_repository_load_meters_finish (context->repository, fbk_cli_wait (&stored), NULL) &&
                   g_list_model_get_n_items (fbk_repository_get_meters (context->repository)) > 0;
    }

  /* The meters are known from a recent run: no requests for them. */
  if (fbk_repository_get_offline (context->repository) ||
      !fbk_repository_needs_discovery (context->repository, needed))
    return TRUE;

  fbk_repository_discover_meters_async (context->repository, NULL, fbk_cli_store_result, &result);
  if (fbk_repository_discover_meters_finish (context->repository, fbk_cli_wait (&result), &discover_error))
    return TRUE;

  if (!g_error_matches (discover_error, FBK_API_ERROR, FBK_API_ERROR_NETWORK) || !has_stored)
    {
      g_propagate_error (error, g_steal_pointer (&discover_error));
      return FALSE;
    }

  g_printerr ("%s\n", discover_error->message);
  return TRUE;
}

void
fbk_cli_selection_add_options (FbkCliSelection *selection,
                               GOptionContext  *options)
{
  /* Copied by the context; only the pointers into @selection must last. */
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &selection->from_text, N_("First day (YYYY-MM-DD) or instant (RFC 3339)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &selection->to_text, N_("Last day, included, or end instant"), N_("DATE") },
    { "meter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &selection->meters, N_("A metering point id (repeat for several; default: all)"), N_("ID") },
    { "direction", 0, 0, G_OPTION_ARG_STRING, &selection->direction, N_("consumption, production or both (default: consumption)"), N_("DIRECTION") },
    { "production", 0, 0, G_OPTION_ARG_NONE, &selection->production, N_("The same as --direction production"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
}

/* What --direction and --production ask for. */
gboolean
fbk_cli_selection_get_what (const FbkCliSelection  *selection,
                            FbkRefreshWhat         *out_what,
                            GError                **error)
{
  if (selection->direction == NULL)
    *out_what = selection->production ? FBK_REFRESH_PRODUCTION : FBK_REFRESH_CONSUMPTION;
  else if (g_strcmp0 (selection->direction, "consumption") == 0 && !selection->production)
    *out_what = FBK_REFRESH_CONSUMPTION;
  else if (g_strcmp0 (selection->direction, "production") == 0)
    *out_what = FBK_REFRESH_PRODUCTION;
  else if (g_strcmp0 (selection->direction, "both") == 0)
    *out_what = FBK_REFRESH_VALUES;
  else
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The direction is consumption, production or both."));
      return FALSE;
    }
  return TRUE;
}

/* Every series of @refreshed, consumption first. */
GPtrArray *
fbk_cli_refreshed_series (FbkRefreshResult *refreshed)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint d = 0; d < G_N_ELEMENTS (refreshed->series); d++)
    {
      for (guint i = 0; refreshed->series[d] != NULL && i < refreshed->series[d]->len; i++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (refreshed->series[d], i)));
    }
  return all;
}

void
fbk_cli_selection_clear (FbkCliSelection *selection)
{
  g_clear_pointer (&selection->from_text, g_free);
  g_clear_pointer (&selection->direction, g_free);
  g_clear_pointer (&selection->to_text, g_free);
  g_clear_pointer (&selection->meters, g_strfreev);
}

/* After option parsing: anything left over is a mistake, not something to
 * ignore silently. */
gboolean
fbk_cli_no_arguments_left (int      argc,
                           char   **argv,
                           GError **error)
{
  if (argc <= 1)
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("Unexpected argument “%s”."), argv[1]);
  return FALSE;
}

/* DATE is an Oslo calendar day (both ends inclusive) or an RFC 3339 instant. */
static gboolean
parse_bound (const char *text,
             gboolean    is_end,
             FbkInstant *out_instant,
             GError    **error)
{
  FbkDate date;

  if (fbk_time_parse_date (text, &date))
    {
      *out_instant = fbk_time_oslo_midnight (is_end ? fbk_date_add_days (date, 1) : date);
      return TRUE;
    }
  if (fbk_time_parse (text, out_instant))
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not a date: use YYYY-MM-DD or an RFC 3339 time such as "
                 "2024-03-01T00:00:00+01:00."), text);
  return FALSE;
}

gboolean
fbk_cli_parse_period (const char  *from_text,
                      const char  *to_text,
                      FbkInstant  *out_from,
                      FbkInstant  *out_to,
                      GError     **error)
{
  if (from_text == NULL || to_text == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Both --from and --to are needed."));
      return FALSE;
    }

  if (!parse_bound (from_text, FALSE, out_from, error) ||
      !parse_bound (to_text, TRUE, out_to, error))
    return FALSE;

  if (*out_from >= *out_to)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The period ends before it starts."));
      return FALSE;
    }

  return TRUE;
}

/* The meters a command works on: those asked for (which must be on the
 * token), or every meter on the token. */
/* An id as the window and Min side show it, "707 057 500 061 439 208",
 * is the same id. */
static GStrv
normalize_meter_ids (const char * const *asked)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; asked != NULL && asked[i] != NULL; i++)
    {
      g_autoptr(GString) id = g_string_new (NULL);

      for (const char *p = asked[i]; *p != '\0'; p++)
        {
          if (*p != ' ' && *p != '\t')
            g_string_append_c (id, *p);
        }
      g_strv_builder_add (builder, id->str);
    }
  return g_strv_builder_end (builder);
}

GStrv
fbk_cli_resolve_meters (FbkCliContext       *context,
                        const char * const  *asked,
                        GError             **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) normalized = normalize_meter_ids (asked);
  GListModel *meters;
  guint n;

  if (!fbk_cli_discover_meters (context, (const char * const *) normalized, error))
    return NULL;

  meters = fbk_repository_get_meters (context->repository);
  n = g_list_model_get_n_items (meters);

  if (asked != NULL && asked[0] != NULL)
    {
      for (guint i = 0; asked[i] != NULL; i++)
        {
          const char *id = normalized[i];

          if (!fbk_metering_point_id_is_valid (id))
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("“%s” is not a metering point id: those have 18 digits."), asked[i]);
              return NULL;
            }
          if (fbk_repository_find_meter (context->repository, id) == NULL)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The metering point %s is not on this token."), id);
              return NULL;
            }
          g_strv_builder_add (builder, id);
        }
      return g_strv_builder_end (builder);
    }

  if (n == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The token covers no metering points."));
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FbkMeteringPoint) meter = g_list_model_get_item (meters, i);

      g_strv_builder_add (builder, fbk_metering_point_get_id (meter));
    }
  return g_strv_builder_end (builder);
}

/* What the store holds of @meters, for when it cannot take new values. */
static FbkRefreshResult *
read_stored_values (FbkCliContext       *context,
                    const char * const  *meters,
                    FbkInstant           from,
                    FbkInstant           to,
                    FbkRefreshWhat       what,
                    GError             **error)
{
  g_autoptr(FbkRefreshResult) stored = g_new0 (FbkRefreshResult, 1);

  stored->dropped = g_array_new (FALSE, FALSE, sizeof (FbkRangeDrop));
  for (FbkDirection d = FBK_DIRECTION_CONSUMPTION; d <= FBK_DIRECTION_PRODUCTION; d++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      if (!(what & FBK_REFRESH_DIRECTION (d)))
        continue;
      fbk_repository_read_values_async (context->repository, meters, from, to, d, NULL,
                                        fbk_cli_store_result, &result);
      stored->series[d] = fbk_repository_read_values_finish (context->repository, fbk_cli_wait (&result), error);
      if (stored->series[d] == NULL)
        return NULL;
    }
  return g_steal_pointer (&stored);
}

/* Fetches (or, offline, reads) the values of @meters and says on stderr
 * which parts of the period no request could cover. A store that cannot
 * take what was fetched (locked by another program, read-only) still
 * gives what it holds, with a note: the person gets data, not a failure. */
FbkRefreshResult *
fbk_cli_fetch_values (FbkCliContext       *context,
                      const char * const  *meters,
                      FbkInstant           from,
                      FbkInstant           to,
                      FbkRefreshWhat       what,
                      GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) refresh_error = NULL;
  FbkRefreshResult *refreshed;

  fbk_repository_refresh_async (context->repository, meters, from, to, what,
                                fbk_cli_progress, NULL, NULL, fbk_cli_store_result, &result);
  refreshed = fbk_repository_refresh_finish (context->repository, fbk_cli_wait (&result), &refresh_error);
  if (refreshed != NULL)
    {
      fbk_cli_report_dropped (refreshed->dropped);
      return refreshed;
    }

  if (refresh_error->domain != FBK_STORE_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&refresh_error));
      return NULL;
    }

  /* Translators: %s says why the store could not be written */
  g_printerr (_("Note: %s. Printing what the offline store already holds.\n"), refresh_error->message);
  return read_stored_values (context, meters, from, to, what, error);
}

/* The exit status of a failure, by whose it is (README, --help): the
 * user's (2), the token's (3), the services' (4) or this computer's (5). */
int
fbk_cli_exit_for_error (const GError *error)
{
  if (error->domain == G_OPTION_ERROR)
    return FBK_CLI_EXIT_USAGE;
  if (error->domain == FBK_API_ERROR)
    {
      switch (error->code)
        {
        case FBK_API_ERROR_AUTH_REFUSED:
        case FBK_API_ERROR_INVALID_TOKEN:
          return FBK_CLI_EXIT_AUTH;
        case FBK_API_ERROR_INSECURE_URL:
          return FBK_CLI_EXIT_USAGE;
        default:
          return FBK_CLI_EXIT_API;
        }
    }
  if (error->domain == FBK_TOKEN_ERROR)
    return FBK_CLI_EXIT_AUTH;
  if (error->domain == FBK_STORE_ERROR)
    return FBK_CLI_EXIT_LOCAL;
  /* A path that cannot be one is the user's to fix; anything else that
   * fails on the way to the disk (space, a read-only file system, I/O) is
   * the computer's. */
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NAMETOOLONG))
    return FBK_CLI_EXIT_USAGE;
  if (error->domain == G_FILE_ERROR || error->domain == G_IO_ERROR)
    return FBK_CLI_EXIT_LOCAL;
  return FBK_CLI_EXIT_API;
}

void
fbk_cli_report_error (const GError *error)
{
  g_printerr ("forbruk-cli: %s\n", error->message);
}

/* Progress goes to stderr, and only to a terminal: a cron job's mail or a
 * pipe should hold the data and real messages, not progress bars. */
void
fbk_cli_progress (guint    done,
                  guint    total,
                  gpointer user_data)
{
  if (!isatty (STDERR_FILENO))
    return;

  /* The carriage return is not part of the message: it redraws the line. */
  g_printerr ("\r");
  g_printerr (_("Fetching: %u of %u requests"), done, total);
  if (done == total)
    g_printerr ("\n");
}

/* --area, default NO1, where all of Elvia's grid lies. */
gboolean
fbk_cli_parse_area (const char    *text,
                    FbkPriceArea  *out_area,
                    GError       **error)
{
  if (text == NULL)
    {
      *out_area = FBK_PRICE_AREA_NO1;
      return TRUE;
    }
  if (fbk_price_area_from_string (text, out_area))
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not a price area: use NO1, NO2, NO3, NO4 or NO5."), text);
  return FALSE;
}

/* --format: csv (the default) or json. */
gboolean
fbk_cli_parse_format (const char  *text,
                      gboolean    *out_json,
                      GError     **error)
{
  if (text == NULL || g_strcmp0 (text, "csv") == 0)
    *out_json = FALSE;
  else if (g_strcmp0 (text, "json") == 0)
    *out_json = TRUE;
  else
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("The format is csv or json."));
      return FALSE;
    }
  return TRUE;
}

gboolean
fbk_cli_parse_csv_style (const char   *text,
                         FbkCsvStyle  *out_style,
                         GError      **error)
{
  if (text == NULL || g_strcmp0 (text, "default") == 0)
    *out_style = FBK_CSV_STYLE_DEFAULT;
  else if (g_strcmp0 (text, "spreadsheet") == 0)
    *out_style = FBK_CSV_STYLE_SPREADSHEET;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown CSV style “%s”: use “default” or “spreadsheet”."), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static gboolean
fail_writing (const char  *path,
              int          saved_errno,
              GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not write to “%s”: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

/* Opens what @path names, following a symbolic link, and writes into it. */
static gboolean
write_in_place (const char  *path,
                const char  *data,
                gsize        length,
                GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY | O_CLOEXEC, 0666);
  int saved_errno;

  if (fd < 0)
    return fail_writing (path, errno, error);

  if (!write_all (fd, data, length))
    {
      saved_errno = errno;
      close (fd);
      return fail_writing (path, saved_errno, error);
    }
  if (close (fd) != 0)
    return fail_writing (path, errno, error);

  return TRUE;
}

/**
 * fbk_cli_write_output:
 * @path: (nullable): what -o named; %NULL or "-" for standard output
 *
 * Writes through what the user named. A regular file, or a new one, is
 * replaced whole through a temporary file renamed over it, so that a
 * failure leaves the old contents. Anything else is opened and written in
 * place: renaming over it would replace a device such as /dev/null (as
 * root, with a regular file), a FIFO another program reads from, or a
 * symbolic link, whose target is what the user means (/dev/stdout is one,
 * in a folder that takes no temporary file).
 */
gboolean
fbk_cli_write_output (const char  *path,
                      const char  *data,
                      gsize        length,
                      GError     **error)
{
  GStatBuf info;

  if (path == NULL || g_strcmp0 (path, "-") == 0)
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write to standard output."));
          return FALSE;
        }
      return TRUE;
    }

  if (g_lstat (path, &info) == 0 ? S_ISREG (info.st_mode) : errno == ENOENT)
    return g_file_set_contents (path, data, length, error);

  return write_in_place (path, data, length, error);
}
