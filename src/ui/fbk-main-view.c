/* fbk-main-view.c: meters, period, charts and max hours
 *
 * The heart of the window: the meters, the period and the pages
 * (pages/fbk-pages.c). Picking meters or a period starts a load of what
 * the pages need: the stored values are shown at once, then the
 * repository fetches what is missing from Elvia and the pages update
 * again. A new pick cancels the previous load, and every callback checks
 * the generation it was started for, so a late answer for an old pick is
 * never shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-main-view"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-a11y.h"
#include "fbk-error.h"
#include "fbk-format.h"
#include "fbk-main-view-private.h"
#include "fbk-pages.h"

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

enum {
  TOKEN_REFUSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FbkMainView, fbk_main_view, GTK_TYPE_WIDGET)

/* A refresh still running after this long gets the progress bar: a long
 * period, Elvia answering slowly, or retries after failures. */
#define SLOW_REFRESH_MS 1000

/* Without a connection the notice says so at once; behind it the refresh
 * is tried again this often, without a word until it works. */
#define QUIET_RETRY_SECONDS 30

/* ------------------------------------------------------------------------ */
/* What is picked                                                           */
/* ------------------------------------------------------------------------ */

static const char * const *
picked_ids (FbkMainView *self)
{
  const char * const *ids = fbk_meter_list_get_picked_ids (self->meter_list);
  static const char * const none[] = { NULL };

  return ids != NULL ? ids : none;
}

static FbkRepository *
repository (FbkMainView *self)
{
  return self->session != NULL ? fbk_session_get_repository (self->session) : NULL;
}

static FbkInstant
now (FbkMainView *self)
{
  return fbk_session_get_now (self->session);
}

static char *
meter_name (FbkMainView *self,
            const char  *id)
{
  FbkMeteringPoint *meter = repository (self) != NULL ? fbk_repository_find_meter (repository (self), id) : NULL;

  return meter != NULL ? fbk_metering_point_dup_display_name (meter) : fbk_metering_point_id_format (id);
}

/* The picked meters whose values of @direction there are to load:
 * production only of the meters that produce, so the production chart has
 * no empty series of meters that cannot have any. */
static GStrv
picked_ids_for (FbkMainView  *self,
                FbkDirection  direction)
{
  const char * const *ids = picked_ids (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      FbkMeteringPoint *meter = fbk_repository_find_meter (repository (self), ids[i]);

      if (direction == FBK_DIRECTION_CONSUMPTION || (meter != NULL && fbk_metering_point_get_produces (meter)))
        g_strv_builder_add (builder, ids[i]);
    }
  return g_strv_builder_end (builder);
}

/* What every page shows, loaded for one of them or another. */
static FbkPageNeeds
pages_need (FbkMainView *self)
{
  FbkPageNeeds needs = 0;

  for (guint i = 0; i < self->pages->len; i++)
    needs |= fbk_page_get_needs (g_ptr_array_index (self->pages, i));
  return needs;
}

/* ------------------------------------------------------------------------ */
/* Showing data                                                             */
/* ------------------------------------------------------------------------ */

/* The picked meters, their names and the period, as the pages get them. */
static void
update_selection (FbkMainView *self)
{
  const FbkPeriod *period = fbk_period_picker_get_period (self->period_picker);
  const char * const *ids = picked_ids (self);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *name = meter_name (self, ids[i]);

      g_strv_builder_add (names, name);
    }

  g_strfreev (self->meter_ids);
  self->meter_ids = g_strdupv ((char **) ids);
  g_strfreev (self->meter_names);
  self->meter_names = g_strv_builder_end (names);

  self->data.repository = repository (self);
  self->data.meter_ids = (const char * const *) self->meter_ids;
  self->data.meter_names = (const char * const *) self->meter_names;
  self->data.from = fbk_period_get_start (period);
  self->data.to = fbk_period_get_end (period);
  self->data.resolution = fbk_period_picker_get_resolution (self->period_picker);
  self->data.now = self->session != NULL ? now (self) : FBK_INSTANT_INVALID;
  self->data.tariff = self->tariff;
}

static void
clear_loaded (FbkMainView *self)
{
  for (guint d = 0; d < G_N_ELEMENTS (self->data.hourly); d++)
    g_clear_pointer (&self->data.hourly[d], g_ptr_array_unref);
  g_clear_pointer (&self->data.max_hours_reports, g_ptr_array_unref);
}

static void
show_pages (FbkMainView *self)
{
  for (guint i = 0; i < self->pages->len; i++)
    fbk_page_show (g_ptr_array_index (self->pages, i), &self->data);
  _fbk_main_view_update_export (self);
}

static void sync_resolution_shown (FbkMainView *self);

static void
update_content_page (FbkMainView *self)
{
  gboolean has_meters = repository (self) != NULL &&
                        g_list_model_get_n_items (fbk_repository_get_meters (repository (self))) > 0;
  GtkRoot *root;
  GtkWidget *focus;

  gtk_stack_set_visible_child_name (self->content_stack, has_meters ? "views" : "no-meters");
  /* Until now there was no page to ask. */
  sync_resolution_shown (self);
  /* Without meters there is no period to pick nor view to switch to. */
  gtk_widget_set_visible (GTK_WIDGET (self->period_picker), has_meters);
  gtk_stack_set_visible_child (self->title_stack,
                               has_meters ? GTK_WIDGET (self->switcher_title) : GTK_WIDGET (self->plain_title));
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), has_meters);
  for (guint i = 0; i < self->pages->len; i++)
    {
      FbkPage *page = g_ptr_array_index (self->pages, i);

      adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (page)),
                                       repository (self) != NULL && fbk_page_is_available (page, &self->data));
    }
  _fbk_main_view_update_export (self);

  /* A window opening on its data opens with the focus in it, not nowhere
   * or on the welcome page it showed before. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = GTK_IS_WINDOW (root) ? gtk_window_get_focus (GTK_WINDOW (root)) : NULL;
  if (has_meters && GTK_IS_WINDOW (root) && (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self))))
    fbk_main_view_focus_start (self);
}

/* ------------------------------------------------------------------------ */
/* Progress and problems                                                    */
/* ------------------------------------------------------------------------ */

/* Busy from the change of selection until its last load is done, stored
 * reads included, so tests (and the progress bar) see one busy period. */
static void
sync_busy (FbkMainView *self)
{
  gboolean busy = fbk_main_view_get_busy (self);

  if (busy == self->busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* One load of the current pick: the values (stored first, then a refresh
 * of every direction asked for in one queue) or Elvia's max hours. Shared
 * by its steps, so reference counted. */
typedef struct
{
  FbkMainView    *self;        /* owned */
  guint           generation;
  FbkRefreshWhat  what;        /* the directions of a values load; 0 for max hours */
  guint           n_reading;   /* stored reads still running, before the refresh */
  guint           done;        /* requests of the refresh */
  guint           total;
  gboolean        retried;     /* quietly, after the network failed */
} Load;

static void
update_progress (FbkMainView *self)
{
  guint done = 0, total = 0;
  /* Only a refresh still running after SLOW_REFRESH_MS gets the bar:
   * most finish before a bar would help (the last hours always, three
   * years from a quick server too), and a bar that slides in and out
   * moves everything under it, which repaints the whole window on each
   * frame of the slide while the answers are being parsed. Nor is the
   * hidden bar kept up to date: each new text would lay the window out
   * again. */
  gboolean show = (self->refreshing->len > 0 && self->slow) || self->waiting_text != NULL;

  for (guint i = 0; i < self->refreshing->len; i++)
    {
      const Load *load = g_ptr_array_index (self->refreshing, i);

      done += load->done;
      total += load->total;
    }

  if (show && self->waiting_text != NULL)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      gtk_progress_bar_set_text (self->progress_bar, self->waiting_text);
    }
  else if (show && total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      gtk_progress_bar_set_text (self->progress_bar, _("Fetching from Elvia…"));
    }
  else if (show)
    {
      g_autofree char *text = g_strdup_printf (_("Fetching from Elvia: %u of %u requests"), done, total);

      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  gtk_revealer_set_reveal_child (self->progress_revealer, show);
}

static gboolean
on_refresh_slow_cb (gpointer user_data)
{
  FbkMainView *self = user_data;

  self->slow_source_id = 0;
  self->slow = TRUE;
  update_progress (self);
  return G_SOURCE_REMOVE;
}

/* For a new selection: no refresh of it is slow yet. */
static void
reset_progress (FbkMainView *self)
{
  g_clear_handle_id (&self->slow_source_id, g_source_remove);
  self->slow = FALSE;
  g_ptr_array_set_size (self->refreshing, 0);
  update_progress (self);
}

/* @details: (nullable): the technical text behind @text, in an expander */
static void
show_notice_with_details (FbkMainView *self,
                          const char  *text,
                          const char  *details)
{
  gtk_label_set_text (self->notice_label, text);
  gtk_label_set_text (self->notice_details_label, details);
  gtk_expander_set_expanded (self->notice_details, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_details), details != NULL);
  gtk_revealer_set_reveal_child (self->notice_revealer, text != NULL);
}

static void
show_notice (FbkMainView *self,
             const char  *text)
{
  show_notice_with_details (self, text, NULL);
}

static FbkInstant
newest_shown_value (FbkMainView *self)
{
  FbkInstant newest = FBK_INSTANT_INVALID;

  for (guint d = 0; d < G_N_ELEMENTS (self->data.hourly); d++)
    {
      for (guint i = 0; self->data.hourly[d] != NULL && i < self->data.hourly[d]->len; i++)
        {
          guint n = 0;
          const FbkInterval *intervals = fbk_series_get_intervals (g_ptr_array_index (self->data.hourly[d], i), &n);

          if (n > 0 && (newest == FBK_INSTANT_INVALID || fbk_interval_end (&intervals[n - 1]) > newest))
            newest = fbk_interval_end (&intervals[n - 1]);
        }
    }

  return newest;
}

static void
report_error (FbkMainView  *self,
              const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, FBK_API_ERROR, FBK_API_ERROR_AUTH_REFUSED))
    {
      show_notice (self, error->message);
      g_signal_emit (self, signals[TOKEN_REFUSED], 0, error->message);
      return;
    }

  /* What happened in the person's words (no connection, no answer, a
   * certificate), then what is on screen meanwhile. */
  if (g_error_matches (error, FBK_API_ERROR, FBK_API_ERROR_NETWORK))
    {
      FbkInstant newest = newest_shown_value (self);
      g_autofree char *shown = NULL;
      g_autofree char *text = NULL;

      if (newest != FBK_INSTANT_INVALID)
        {
          g_autofree char *when = fbk_format_instant (newest, C_("offline since", "%-d %B %Y %H:%M"));

          /* Translators: shown when Elvia cannot be reached; %s is a date and time. */
          shown = g_strdup_printf (_("Offline: showing stored data up to %s."), when);
        }
      else
        shown = g_strdup (_("Offline: Elvia cannot be reached, and nothing is stored for this period yet."));

      text = g_strconcat (error->message, "\n", shown, NULL);
      show_notice_with_details (self, text, fbk_api_error_get_details (error));
      return;
    }

  show_notice (self, error->message);
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                  */
/* ------------------------------------------------------------------------ */

static Load *
load_new (FbkMainView    *self,
          FbkRefreshWhat  what)
{
  Load *load = g_rc_box_new0 (Load);

  load->self = g_object_ref (self);
  load->generation = self->generation;
  load->what = what;
  self->n_loading++;
  return load;
}

static void
load_clear (Load *load)
{
  g_clear_object (&load->self);
}

static Load *
load_ref (Load *load)
{
  return g_rc_box_acquire (load);
}

static void
load_unref (Load *load)
{
  g_rc_box_release_full (load, (GDestroyNotify) load_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_unref)

static gboolean
load_is_current (Load *load)
{
  return load->generation == load->self->generation;
}

/* Called once by each current load, when all of it is done. */
static void
load_finished (Load *load)
{
  load->self->n_loading--;
  sync_busy (load->self);
}

static void
apply_series (FbkMainView  *self,
              FbkDirection  direction,
              GPtrArray    *series)
{
  g_clear_pointer (&self->data.hourly[direction], g_ptr_array_unref);
  self->data.hourly[direction] = g_ptr_array_ref (series);
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Load *load = user_data;

  if (!load_is_current (load))
    return;

  load->done = done;
  load->total = total;
  update_progress (load->self);
}

static gboolean
on_waiting_over_cb (gpointer user_data)
{
  FbkMainView *self = user_data;

  self->waiting_source_id = 0;
  g_clear_pointer (&self->waiting_text, g_free);
  update_progress (self);
  return G_SOURCE_REMOVE;
}

/* A wait of a second or more is shown at once, whatever is waiting (a
 * refresh, discovery, prices), and until the next try: the person sees
 * why nothing moves, and for how long. */
static void
on_session_waiting_cb (FbkSession  *session,
                       const char  *service,
                       guint        delay_ms,
                       FbkMainView *self)
{
  guint seconds = (delay_ms + 999) / 1000;

  if (delay_ms < 1000)
    return;

  g_free (self->waiting_text);
  /* Translators: the first %s is the service, such as "Elvia" */
  self->waiting_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Waiting for %s: trying again in %u second",
                                                     "Waiting for %s: trying again in %u seconds",
                                                     seconds),
                                        service, seconds);
  g_clear_handle_id (&self->waiting_source_id, g_source_remove);
  self->waiting_source_id = g_timeout_add (delay_ms, on_waiting_over_cb, self);
  update_progress (self);
}

static void start_refresh (Load *load);

static gboolean
on_quiet_retry_due_cb (gpointer user_data)
{
  FbkMainView *self = user_data;
  g_autoptr(Load) load = load_new (self, self->quiet_retry_what);

  self->quiet_retry_source_id = 0;
  load->retried = TRUE;
  sync_busy (self);
  start_refresh (load);
  return G_SOURCE_REMOVE;
}

/* Offline the notice is up at once; the refresh is tried again behind it
 * until it works or the pick changes (reload() and dispose stop it). */
static void
retry_quietly (Load *load)
{
  FbkMainView *self = load->self;

  self->quiet_retry_what = load->what;
  g_clear_handle_id (&self->quiet_retry_source_id, g_source_remove);
  self->quiet_retry_source_id = g_timeout_add_seconds (QUIET_RETRY_SECONDS, on_quiet_retry_due_cb, self);
}

static void
on_values_refreshed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  FbkMainView *self = load->self;
  g_autoptr(FbkRefreshResult) refreshed = NULL;
  g_autoptr(GError) error = NULL;

  refreshed = fbk_repository_refresh_finish (FBK_REPOSITORY (object), result, &error);
  if (!load_is_current (load))
    return;

  g_ptr_array_remove (self->refreshing, load);
  update_progress (self);

  if (refreshed == NULL)
    {
      report_error (self, error);
      if (g_error_matches (error, FBK_API_ERROR, FBK_API_ERROR_NETWORK))
        retry_quietly (load);
    }
  else
    {
      /* Back online: the notice of a quiet retry's failures goes. */
      if (load->retried)
        show_notice (self, NULL);
      for (FbkDirection d = FBK_DIRECTION_CONSUMPTION; d <= FBK_DIRECTION_PRODUCTION; d++)
        {
          if (refreshed->series[d] != NULL)
            apply_series (self, d, refreshed->series[d]);
        }
      show_pages (self);
    }
  load_finished (load);
}

/* Stored data is on screen; now ask Elvia for what is missing, every
 * direction in one queue. */
static void
start_refresh (Load *load)
{
  FbkMainView *self = load->self;

  g_ptr_array_add (self->refreshing, load);
  if (!self->slow && self->slow_source_id == 0)
    self->slow_source_id = g_timeout_add (SLOW_REFRESH_MS, on_refresh_slow_cb, self);
  update_progress (self);

  fbk_repository_refresh_async (repository (self), (const char * const *) self->meter_ids,
                                self->data.from, self->data.to, load->what,
                                on_progress, load, self->cancellable,
                                on_values_refreshed_cb, load_ref (load));
}

typedef struct
{
  Load         *load;        /* owned */
  FbkDirection  direction;
} StoredRead;

static void
on_stored_values_read_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  StoredRead *read = user_data;
  g_autoptr(Load) load = read->load;
  FbkDirection direction = read->direction;
  FbkMainView *self = load->self;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;

  g_free (read);
  series = fbk_repository_read_values_finish (FBK_REPOSITORY (object), result, &error);
  if (!load_is_current (load))
    return;

  if (series != NULL)
    {
      apply_series (self, direction, series);
      show_pages (self);
    }
  else
    report_error (self, error);

  if (--load->n_reading == 0)
    start_refresh (load);
}

static void
on_max_hours_fetched_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  FbkMainView *self = load->self;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  reports = fbk_repository_fetch_max_hours_finish (FBK_REPOSITORY (object), result, &error);
  if (!load_is_current (load))
    return;

  /* Without Elvia's figures the table still shows our own. */
  if (reports == NULL)
    g_debug ("No max hours from Elvia: %s", error->message);
  else
    {
      g_clear_pointer (&self->data.max_hours_reports, g_ptr_array_unref);
      self->data.max_hours_reports = g_steal_pointer (&reports);
      show_pages (self);
    }
  load_finished (load);
}

/* Values: what is stored first, for an instant view that works offline,
 * then one refresh from Elvia of every direction (on_stored_values_read_cb()). */
static void
start_values_load (FbkMainView    *self,
                   FbkRefreshWhat  what)
{
  g_autoptr(Load) load = load_new (self, what);

  /* Held until every read has started. */
  load->n_reading = 1;
  for (FbkDirection d = FBK_DIRECTION_CONSUMPTION; d <= FBK_DIRECTION_PRODUCTION; d++)
    {
      g_auto(GStrv) ids = picked_ids_for (self, d);
      StoredRead *read;

      if (!(what & FBK_REFRESH_DIRECTION (d)) || ids[0] == NULL)
        continue;

      read = g_new0 (StoredRead, 1);
      read->load = load_ref (load);
      read->direction = d;
      load->n_reading++;
      fbk_repository_read_values_async (repository (self), (const char * const *) ids,
                                        self->data.from, self->data.to, d,
                                        self->cancellable, on_stored_values_read_cb, read);
    }

  if (--load->n_reading == 0)
    start_refresh (load);
}

/* Loads what the pages need for the picked meters and period: each page
 * is shown what has arrived as it arrives. */
static void
reload (FbkMainView *self)
{
  FbkPageNeeds needs = pages_need (self);

  g_clear_handle_id (&self->reload_source_id, g_source_remove);
  g_clear_handle_id (&self->quiet_retry_source_id, g_source_remove);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->generation++;
  self->n_loading = 0;
  clear_loaded (self);
  update_selection (self);
  show_notice (self, NULL);
  reset_progress (self);
  update_content_page (self);
  show_pages (self);

  if (repository (self) == NULL || self->meter_ids[0] == NULL)
    {
      sync_busy (self);
      return;
    }

  self->cancellable = g_cancellable_new ();

  if (needs & (FBK_PAGE_NEEDS_CONSUMPTION | FBK_PAGE_NEEDS_PRODUCTION))
    start_values_load (self, ((needs & FBK_PAGE_NEEDS_CONSUMPTION) ? FBK_REFRESH_CONSUMPTION : 0) |
                             ((needs & FBK_PAGE_NEEDS_PRODUCTION) ? FBK_REFRESH_PRODUCTION : 0));
  if (needs & FBK_PAGE_NEEDS_MAX_HOURS)
    fbk_repository_fetch_max_hours_async (repository (self), (const char * const *) self->meter_ids,
                                          self->data.from, self->data.to, self->cancellable,
                                          on_max_hours_fetched_cb, load_new (self, 0));
  sync_busy (self);
}

static gboolean
on_reload_due_cb (gpointer user_data)
{
  FbkMainView *self = user_data;

  self->reload_source_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Several changes in one main-loop turn (restoring a selection, say) make
 * one load, not several. */
static void
schedule_reload (FbkMainView *self)
{
  if (self->reload_source_id == 0)
    self->reload_source_id = g_idle_add (on_reload_due_cb, self);
  sync_busy (self);
}

/* ------------------------------------------------------------------------ */
/* Meters                                                                   */
/* ------------------------------------------------------------------------ */

static void
on_meters_discovered_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(FbkMainView) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean discovered = fbk_repository_discover_meters_finish (FBK_REPOSITORY (object), result, &error);

  if (FBK_REPOSITORY (object) != repository (self))
    return;

  gtk_widget_set_visible (self->discover_button, TRUE);

  if (discovered)
    {
      adw_status_page_set_description (self->no_meters_page,
                                       _("The access token covers no metering points. On Elvia's Min "
                                         "side, check which meters the token was made for."));
      update_content_page (self);
      return;
    }

  /* Meters from an earlier run are on screen with their stored data: the
   * notice over them says what went wrong. */
  if (g_list_model_get_n_items (fbk_repository_get_meters (repository (self))) > 0)
    {
      report_error (self, error);
      return;
    }

  /* Nothing to show: the page says what happened and what to do. */
  if (g_error_matches (error, FBK_API_ERROR, FBK_API_ERROR_NETWORK))
    adw_status_page_set_description (self->no_meters_page,
                                     _("Forbruk could not reach Elvia to ask which metering points your "
                                       "token covers. Check the connection to the internet, then try again."));
  else
    adw_status_page_set_description (self->no_meters_page, error->message);

  if (g_error_matches (error, FBK_API_ERROR, FBK_API_ERROR_AUTH_REFUSED))
    g_signal_emit (self, signals[TOKEN_REFUSED], 0, error->message);
}

/* Asks Elvia which meters the token covers; the empty page says so meanwhile. */
static void
discover_meters (FbkMainView *self)
{
  adw_status_page_set_description (self->no_meters_page,
                                   _("Forbruk is asking Elvia which metering points your token covers."));
  gtk_widget_set_visible (self->discover_button, FALSE);
  fbk_repository_discover_meters_async (repository (self), NULL, on_meters_discovered_cb, g_object_ref (self));
}

static void
on_stored_meters_loaded_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(FbkMainView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fbk_repository_load_meters_finish (FBK_REPOSITORY (object), result, &error))
    g_warning ("Could not read the stored metering points: %s", error->message);

  if (FBK_REPOSITORY (object) != repository (self))
    return;

  update_content_page (self);
  /* A discovery of the last day is good enough: its meters are shown. */
  if (fbk_repository_needs_discovery (repository (self), NULL))
    discover_meters (self);
  else
    gtk_widget_set_visible (self->discover_button, TRUE);
}

static void
on_meters_changed_cb (FbkMainView *self)
{
  update_content_page (self);
}

static void
on_picked_ids_changed_cb (FbkMainView *self)
{
  if (self->settings != NULL)
    g_settings_set_strv (self->settings, "picked-meters", picked_ids (self));
  schedule_reload (self);
}

static void
on_meter_renamed_cb (FbkMainView      *self,
                     FbkMeteringPoint *meter)
{
  fbk_repository_rename_meter (repository (self), fbk_metering_point_get_id (meter),
                               fbk_metering_point_get_name (meter));
  update_selection (self);
  show_pages (self);
}

/* Also when only resolution-follows-period changed: the same resolution
 * is then no longer the user's choice, and the next start must know. */
static void
save_period (FbkMainView *self)
{
  g_autofree char *period = NULL;
  FbkResolution resolution = fbk_period_picker_get_resolution (self->period_picker);

  if (self->settings == NULL)
    return;

  period = fbk_period_to_string (fbk_period_picker_get_period (self->period_picker));
  g_settings_set_string (self->settings, "period", period);
  g_settings_set_string (self->settings, "resolution",
                         fbk_period_picker_get_resolution_follows_period (self->period_picker)
                         ? "" : fbk_resolution_to_string (resolution));
}

static void
on_period_changed_cb (FbkMainView *self)
{
  save_period (self);
  schedule_reload (self);
}

static void
sync_resolution_shown (FbkMainView *self)
{
  FbkPage *page = _fbk_main_view_get_visible_page (self);

  fbk_period_picker_set_shows_resolution (self->period_picker, page == NULL || fbk_page_uses_resolution (page));
}

static void
on_visible_view_changed_cb (FbkMainView *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->settings != NULL && name != NULL)
    g_settings_set_string (self->settings, "view", name);
  _fbk_main_view_update_export (self);
  sync_resolution_shown (self);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FbkMainView *self = FBK_MAIN_VIEW (widget);

  /* An explicit refresh asks which meters the token covers too; before
   * the meters are known there is nothing else to reload. */
  if (repository (self) == NULL)
    return;
  discover_meters (self);
  if (g_list_model_get_n_items (fbk_repository_get_meters (repository (self))) > 0)
    reload (self);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FbkMainView *self = FBK_MAIN_VIEW (widget);

  /* Whatever arrived is stored and shown; only the rest is not fetched. */
  g_cancellable_cancel (self->cancellable);
  self->generation++;
  self->n_loading = 0;
  reset_progress (self);
  sync_busy (self);
  show_notice (self, _("Stopped. What was fetched is kept; the rest is fetched next time."));
}

static void
show_meters_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FbkMainView *self = FBK_MAIN_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Folded, the sidebar has no other way to the data: picking meters does
 * not leave it, since several can be picked. */
static void
show_content_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FbkMainView *self = FBK_MAIN_VIEW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
fbk_main_view_dispose (GObject *object)
{
  FbkMainView *self = FBK_MAIN_VIEW (object);

  /* Late answers of running loads find themselves out of date. */
  g_cancellable_cancel (self->cancellable);
  self->generation++;
  g_clear_handle_id (&self->reload_source_id, g_source_remove);
  _fbk_main_view_dispose_export (self);
  g_clear_handle_id (&self->slow_source_id, g_source_remove);
  g_clear_handle_id (&self->waiting_source_id, g_source_remove);
  g_clear_handle_id (&self->quiet_retry_source_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_MAIN_VIEW);

  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_waiting_cb, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->waiting_text, g_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->tariff);
  clear_loaded (self);
  g_clear_pointer (&self->meter_ids, g_strfreev);
  g_clear_pointer (&self->meter_names, g_strfreev);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->refreshing, g_ptr_array_unref);

  G_OBJECT_CLASS (fbk_main_view_parent_class)->dispose (object);
}

static void
fbk_main_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FbkMainView *self = FBK_MAIN_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, fbk_main_view_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_main_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FbkMainView *self = FBK_MAIN_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      fbk_main_view_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_main_view_class_init (FbkMainViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_main_view_dispose;
  object_class->get_property = fbk_main_view_get_property;
  object_class->set_property = fbk_main_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         FBK_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the selection's data is still loading: from the change until
   * the stored values, the refresh from Elvia and the max hours are in
   * (tests wait on it). */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FbkMainView::token-refused:
   * @message: what Elvia said, for a person
   *
   * Elvia refused the access token while fetching: it was deleted on Min
   * side or has expired. Stored data stays on screen.
   */
  signals[TOKEN_REFUSED] =
    g_signal_new ("token-refused",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-main-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, export_button);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, meter_list);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, period_picker);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, notice_label);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, notice_details);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, notice_details_label);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, no_meters_page);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, discover_button);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, title_stack);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, plain_title);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, FbkMainView, view_stack);

  gtk_widget_class_install_action (widget_class, "main.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "main.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "main.show-meters", NULL, show_meters_action);
  gtk_widget_class_install_action (widget_class, "main.show-content", NULL, show_content_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "main.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "main.reload", NULL);
  _fbk_main_view_class_init_export (widget_class);
  _fbk_main_view_class_init_keys (widget_class);

  g_type_ensure (FBK_TYPE_METER_LIST);
  g_type_ensure (FBK_TYPE_PERIOD_PICKER);
}

/* One view-stack page per registered page. */
static void
add_pages (FbkMainView *self)
{
  guint n_pages;
  const FbkPageInfo *infos = fbk_pages_get_all (&n_pages);

  self->pages = g_ptr_array_new ();
  for (guint i = 0; i < n_pages; i++)
    {
      GtkWidget *page = infos[i].create ();

      g_assert (FBK_IS_PAGE (page));
      adw_view_stack_add_titled_with_icon (self->view_stack, page, infos[i].name, _(infos[i].title),
                                           infos[i].icon_name);
      g_ptr_array_add (self->pages, page);
    }
}

static void
fbk_main_view_init (FbkMainView *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  fbk_a11y_set_menu_button (self->primary_menu_button, _("Main Menu"));
  fbk_a11y_set_menu_button (self->export_button, _("Export"));
  /* A narrow window opens on the data; the meters are one click back. */
  adw_leaflet_set_visible_child_name (self->leaflet, "content");

  self->refreshing = g_ptr_array_new ();
  self->meter_ids = g_new0 (char *, 1);
  self->meter_names = g_new0 (char *, 1);
  add_pages (self);
  self->tariff = fbk_tariff_new_default (&error);
  if (self->tariff == NULL)
    g_critical ("The tariff table shipped with Forbruk is broken: %s", error->message);

  g_signal_connect_object (self->meter_list, "notify::picked-ids",
                           G_CALLBACK (on_picked_ids_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->meter_list, "meter-renamed",
                           G_CALLBACK (on_meter_renamed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->period_picker, "changed",
                           G_CALLBACK (on_period_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->period_picker, "notify::resolution-follows-period",
                           G_CALLBACK (save_period), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_view_changed_cb), self, G_CONNECT_SWAPPED);

  update_selection (self);
  show_pages (self);
  update_content_page (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

FbkSession *
fbk_main_view_get_session (FbkMainView *self)
{
  g_return_val_if_fail (FBK_IS_MAIN_VIEW (self), NULL);

  return self->session;
}

/**
 * fbk_main_view_set_session:
 * @session: (nullable): where the data comes from
 *
 * Shows the stored meters at once, then asks Elvia which meters the token
 * covers.
 */
void
fbk_main_view_set_session (FbkMainView *self,
                           FbkSession  *session)
{
  FbkRepository *old;

  g_return_if_fail (FBK_IS_MAIN_VIEW (self));

  if (self->session == session)
    return;

  old = repository (self);
  if (old != NULL)
    {
      g_signal_handlers_disconnect_by_func (fbk_repository_get_meters (old), on_meters_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->session, on_session_waiting_cb, self);
    }
  g_set_object (&self->session, session);
  gtk_widget_set_visible (self->demo_banner, session != NULL && fbk_session_is_demo (session));

  fbk_meter_list_set_model (self->meter_list,
                            session != NULL ? fbk_repository_get_meters (repository (self)) : NULL);
  if (session != NULL)
    {
      /* Presets count from the session's clock: the demo's may be pinned. */
      fbk_period_picker_set_now (self->period_picker, now (self));
      g_signal_connect_object (fbk_repository_get_meters (repository (self)), "items-changed",
                               G_CALLBACK (on_meters_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "waiting", G_CALLBACK (on_session_waiting_cb), self, 0);
      fbk_repository_load_meters_async (repository (self), NULL, on_stored_meters_loaded_cb, g_object_ref (self));
    }

  schedule_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * fbk_main_view_set_settings:
 *
 * Restores the last selection from @settings and keeps it there.
 */
void
fbk_main_view_set_settings (FbkMainView *self,
                            GSettings   *settings)
{
  g_autofree char *period_text = NULL;
  g_autofree char *resolution_text = NULL;
  g_autofree char *view = NULL;
  g_auto(GStrv) picked = NULL;
  FbkPeriod period;
  FbkResolution resolution;

  g_return_if_fail (FBK_IS_MAIN_VIEW (self));

  /* Restored before it is kept: each restored part saves the whole
   * selection as it changes, and would overwrite the parts not read yet. */
  g_clear_object (&self->settings);
  if (settings == NULL)
    return;

  period_text = g_settings_get_string (settings, "period");
  period = fbk_period_restore (period_text, fbk_period_picker_get_now (self->period_picker));
  fbk_period_picker_set_period (self->period_picker, &period);

  resolution_text = g_settings_get_string (settings, "resolution");
  if (fbk_resolution_from_string (resolution_text, &resolution))
    fbk_period_picker_set_resolution (self->period_picker, resolution);

  view = g_settings_get_string (settings, "view");
  adw_view_stack_set_visible_child_name (self->view_stack, view);

  picked = g_settings_get_strv (settings, "picked-meters");
  fbk_meter_list_set_picked_ids (self->meter_list, (const char * const *) picked);

  self->settings = g_object_ref (settings);
}

/**
 * fbk_main_view_focus_start:
 *
 * Puts the keyboard's focus where a user starts, with its ring shown: on
 * the first meter, at the top of the sidebar, from where Tab goes on to
 * the period and the chart, in the order they are read.
 */
void
fbk_main_view_focus_start (FbkMainView *self)
{
  GtkRoot *root;

  g_return_if_fail (FBK_IS_MAIN_VIEW (self));

  gtk_widget_child_focus (GTK_WIDGET (self->meter_list), GTK_DIR_TAB_FORWARD);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);
}

void
fbk_main_view_set_primary_menu (FbkMainView *self,
                                GMenuModel  *menu)
{
  g_return_if_fail (FBK_IS_MAIN_VIEW (self));

  gtk_menu_button_set_menu_model (self->primary_menu_button, menu);
}

/**
 * fbk_main_view_get_page:
 * @name: a page's name, as in pages/fbk-pages.c
 *
 * Returns: (transfer none) (nullable): the page
 */
FbkPage *
fbk_main_view_get_page (FbkMainView *self,
                        const char  *name)
{
  g_return_val_if_fail (FBK_IS_MAIN_VIEW (self), NULL);

  return FBK_PAGE (adw_view_stack_get_child_by_name (self->view_stack, name));
}

/**
 * fbk_main_view_get_chart_model:
 * @page: a page's name
 *
 * Returns: (transfer none) (nullable): what the chart of @page shows
 */
FbkChartModel *
fbk_main_view_get_chart_model (FbkMainView *self,
                               const char  *page)
{
  g_return_val_if_fail (FBK_IS_MAIN_VIEW (self), NULL);

  return fbk_page_get_chart_model (fbk_main_view_get_page (self, page));
}

/* The page on screen, when the meters' pages are. */
FbkPage *
_fbk_main_view_get_visible_page (FbkMainView *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "views") != 0)
    return NULL;

  return FBK_PAGE (adw_view_stack_get_visible_child (self->view_stack));
}

gboolean
fbk_main_view_get_busy (FbkMainView *self)
{
  g_return_val_if_fail (FBK_IS_MAIN_VIEW (self), FALSE);

  return self->n_loading > 0 || self->reload_source_id != 0;
}

/**
 * fbk_main_view_refresh_names:
 *
 * Shows the meters' names again after something other than the meter
 * list renamed them (the naming step after a new token).
 */
void
fbk_main_view_refresh_names (FbkMainView *self)
{
  g_return_if_fail (FBK_IS_MAIN_VIEW (self));

  update_selection (self);
  show_pages (self);
}
