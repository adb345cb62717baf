/* fbk-capacity-watch.c: the month in progress watched every hour, and a
 * desktop notification before (and when) it reaches a higher capacity step
 *
 * While Forbruk runs, once an hour: the picked meters' (or every known
 * meter's) hours of the month in progress are refreshed, the month's
 * top-3 average worked out, and fbk_capacity_alert_check() decides whether
 * that is news: a higher step than any seen this month, or within the
 * margin the person set ("capacity-margin") of the next one. What was told
 * is kept in GSettings ("capacity-alerts"), so a restart, or the same hour
 * checked twice, tells nothing again; an old month is never told.
 *
 * With "run-in-background" (off unless the person turns it on, and only
 * once the Background portal allows it) the application is held, so
 * closing the window leaves the watch running; "app.stop-background",
 * offered on every notification and by the switch in Preferences, lets
 * go again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-capacity-watch"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fbk-background.h"
#include "fbk-capacity-watch.h"
#include "fbk-format.h"
#include "fbk-max-hours.h"
#include "fbk-range-planner.h"
#include "fbk-tariff-book.h"

/* The first check waits for the window's own load of the pick to be over. */
#define FIRST_CHECK_SECONDS 60

struct _FbkCapacityWatch
{
  GObject        parent_instance;

  GApplication  *application;   /* unowned: it owns the watch */
  GSettings     *settings;
  FbkSession    *session;
  FbkTariffBook *book;
  GCancellable  *cancellable;
  guint          timeout_id;
  gboolean       held;
};

G_DEFINE_FINAL_TYPE (FbkCapacityWatch, fbk_capacity_watch, G_TYPE_OBJECT)

enum {
  ALERTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Memory */

static FbkCapacityAlertMemory
load_memory (FbkCapacityWatch *self,
             const char       *metering_point_id)
{
  g_autoptr(GVariant) alerts = g_settings_get_value (self->settings, "capacity-alerts");
  FbkCapacityAlertMemory memory = { 0 };
  GVariantIter iter;
  const char *id;
  int year, month;
  guint step, near_step;

  g_variant_iter_init (&iter, alerts);
  while (g_variant_iter_next (&iter, "(&siiuu)", &id, &year, &month, &step, &near_step))
    {
      if (g_strcmp0 (id, metering_point_id) == 0)
        memory = (FbkCapacityAlertMemory) { year, month, step, near_step };
    }
  return memory;
}

static void
save_memory (FbkCapacityWatch             *self,
             const char                   *metering_point_id,
             const FbkCapacityAlertMemory *memory)
{
  g_autoptr(GVariant) alerts = g_settings_get_value (self->settings, "capacity-alerts");
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *entry;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(siiuu)"));
  g_variant_iter_init (&iter, alerts);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      const char *id;

      g_variant_get_child (entry, 0, "&s", &id);
      if (g_strcmp0 (id, metering_point_id) != 0)
        g_variant_builder_add_value (&builder, entry);
      g_variant_unref (entry);
    }
  g_variant_builder_add (&builder, "(siiuu)", metering_point_id, memory->year, memory->month,
                         memory->step, memory->near_step);
  g_settings_set_value (self->settings, "capacity-alerts", g_variant_builder_end (&builder));
}

/* Notifications */

static char *
step_price_text (FbkCapacityWatch     *self,
                 const FbkMaxHours    *max_hours,
                 const FbkTariffTable *table,
                 guint                 step)
{
  const FbkTariffStep *range = fbk_tariff_table_get_step (table, step);
  double inside = isfinite (range->upper) ? (range->lower + range->upper) / 2 : range->lower + 1.0;
  g_autofree char *number = NULL;
  double kr;

  if (!fbk_tariff_book_get_capacity_price (self->book, max_hours->year, max_hours->month, inside, &kr, NULL, NULL))
    return NULL;
  number = fbk_format_number (kr, 0);
  return g_strdup_printf (_("%s kr"), number);
}

static void
notify (FbkCapacityWatch     *self,
        const char           *metering_point_id,
        const FbkMaxHours    *max_hours,
        const FbkTariffTable *table,
        FbkCapacityAlert      alert,
        FbkInstant            now)
{
  FbkRepository *repository = fbk_session_get_repository (self->session);
  FbkMeteringPoint *meter = fbk_repository_find_meter (repository, metering_point_id);
  g_autofree char *name = meter != NULL ? fbk_metering_point_dup_display_name (meter) : g_strdup (metering_point_id);
  g_autofree char *month = fbk_format_instant (now, C_("month in sentence", "%B"));
  g_autofree char *average = fbk_format_number (max_hours->average, 2);
  guint step = fbk_tariff_table_find_step (table, max_hours->average);
  g_autofree char *price = step_price_text (self, max_hours, table, step);
  g_autofree char *next_price = step < table->n_steps ? step_price_text (self, max_hours, table, step + 1) : NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = g_strconcat ("capacity-", metering_point_id, NULL);

  if (alert == FBK_CAPACITY_ALERT_STEP_UP)
    {
      /* Translators: a notification's title, "Capacity step 4 in December". */
      title = g_strdup_printf (_("Capacity step %u in %s"), step, month);
      if (price != NULL)
        /* Translators: "House: the three highest hours of December now average 10.20 kWh/h: step 4, 585 kr this month." */
        body = g_strdup_printf (_("%s: the three highest hours of %s now average %s kWh/h: step %u, %s this month."),
                                name, month, average, step, price);
      else
        body = g_strdup_printf (_("%s: the three highest hours of %s now average %s kWh/h: step %u."),
                                name, month, average, step);
    }
  else
    {
      g_autofree char *headroom = fbk_format_number (fbk_tariff_table_headroom (table, max_hours->average), 2);

      /* Translators: a notification's title, "Close to capacity step 4". */
      title = g_strdup_printf (_("Close to capacity step %u"), step + 1);
      if (price != NULL && next_price != NULL)
        /* Translators: "House: the three highest hours of December average 9.60 kWh/h, 0.40 from step 4 (585 kr instead of 420 kr)." */
        body = g_strdup_printf (_("%s: the three highest hours of %s average %s kWh/h, %s from step %u (%s instead of %s)."),
                                name, month, average, headroom, step + 1, next_price, price);
      else
        body = g_strdup_printf (_("%s: the three highest hours of %s average %s kWh/h, %s from step %u."),
                                name, month, average, headroom, step + 1);
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_NORMAL);
  if (g_settings_get_boolean (self->settings, "run-in-background"))
    g_notification_add_button (notification, _("Stop Running in Background"), "app.stop-background");
  g_application_send_notification (self->application, id, notification);

  g_signal_emit (self, signals[ALERTED], 0, metering_point_id, (int) alert);
}

/* Checking */

typedef struct
{
  GStrv      meter_ids;
  FbkInstant now;
} Check;

static void
check_free (Check *check)
{
  g_strfreev (check->meter_ids);
  g_free (check);
}

static void
on_month_refreshed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FbkCapacityWatch *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);
  g_autoptr(FbkRefreshResult) refreshed = NULL;
  g_autoptr(GError) error = NULL;
  FbkDate today = fbk_time_oslo_date (check->now);
  double margin = g_settings_get_double (self->settings, "capacity-margin");
  const FbkTariffTable *table;
  guint n_sent = 0;

  refreshed = fbk_repository_refresh_finish (FBK_REPOSITORY (object), result, &error);
  if (refreshed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  table = fbk_tariff_lookup (fbk_tariff_book_get_capacity (self->book), today.year, today.month);
  for (guint i = 0; table != NULL && check->meter_ids[i] != NULL; i++)
    {
      FbkSeries *series = g_ptr_array_index (refreshed->series[FBK_DIRECTION_CONSUMPTION], i);
      FbkCapacityAlertMemory memory = load_memory (self, check->meter_ids[i]);
      FbkCapacityAlertMemory before = memory;
      const FbkInterval *intervals;
      FbkMaxHours max_hours;
      FbkCapacityAlert alert;
      guint n = 0;

      intervals = fbk_series_get_intervals (series, &n);
      fbk_max_hours_compute (&max_hours, today.year, today.month, intervals, n);
      alert = fbk_capacity_alert_check (&memory, &max_hours, table, check->now, margin);
      if (memcmp (&memory, &before, sizeof memory) != 0)
        save_memory (self, check->meter_ids[i], &memory);
      if (alert != FBK_CAPACITY_ALERT_NONE)
        {
          notify (self, check->meter_ids[i], &max_hours, table, alert, check->now);
          n_sent++;
        }
    }

  g_task_return_int (task, n_sent);
}

static GStrv
dup_watched_meters (FbkCapacityWatch *self)
{
  g_auto(GStrv) picked = g_settings_get_strv (self->settings, "picked-meters");
  GListModel *meters = fbk_repository_get_meters (fbk_session_get_repository (self->session));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (picked[0] != NULL)
    return g_steal_pointer (&picked);

  for (guint i = 0; i < g_list_model_get_n_items (meters); i++)
    {
      g_autoptr(FbkMeteringPoint) meter = g_list_model_get_item (meters, i);

      g_strv_builder_add (builder, fbk_metering_point_get_id (meter));
    }
  return g_strv_builder_end (builder);
}

/**
 * fbk_capacity_watch_check_async:
 *
 * Refreshes the hours of the month in progress and notifies what is news
 * (see the file's comment). The hourly timer calls it; tests call it after
 * moving the clock.
 */
void
fbk_capacity_watch_check_async (FbkCapacityWatch    *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Check *check;
  FbkInstant month_start, end;

  g_return_if_fail (FBK_IS_CAPACITY_WATCH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_capacity_watch_check_async);

  if (self->session == NULL || !fbk_session_has_token (self->session))
    {
      g_task_return_int (task, 0);
      return;
    }

  check = g_new0 (Check, 1);
  check->now = fbk_session_get_now (self->session);
  check->meter_ids = dup_watched_meters (self);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);

  month_start = fbk_time_period_start (check->now, FBK_RESOLUTION_MONTH);
  end = MIN (fbk_time_period_next (month_start, FBK_RESOLUTION_MONTH), fbk_range_plan_end_limit (check->now));
  if (check->meter_ids[0] == NULL || end <= month_start)
    {
      g_task_return_int (task, 0);
      return;
    }

  fbk_repository_refresh_async (fbk_session_get_repository (self->session), (const char * const *) check->meter_ids,
                                month_start, end, FBK_REFRESH_CONSUMPTION, NULL, NULL, cancellable,
                                on_month_refreshed_cb, g_steal_pointer (&task));
}

/**
 * fbk_capacity_watch_check_finish:
 *
 * Returns: how many notifications were sent, or 0 with @error set
 */
guint
fbk_capacity_watch_check_finish (FbkCapacityWatch  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
}

static void
on_checked_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A failed hour is tried again the next: the window says what failed. */
  if (!fbk_capacity_watch_check_finish (FBK_CAPACITY_WATCH (object), result, &error) && error != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The hourly check failed: %s", error->message);
}

static gboolean
on_hour_cb (gpointer user_data)
{
  FbkCapacityWatch *self = user_data;

  fbk_capacity_watch_check_async (self, self->cancellable, on_checked_cb, NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_first_check_cb (gpointer user_data)
{
  FbkCapacityWatch *self = user_data;

  fbk_capacity_watch_check_async (self, self->cancellable, on_checked_cb, NULL);
  self->timeout_id = g_timeout_add_seconds (FBK_SECONDS_PER_HOUR, on_hour_cb, self);
  return G_SOURCE_REMOVE;
}

/* Running in the background */

static void
set_held (FbkCapacityWatch *self,
          gboolean          held)
{
  if (self->held == held)
    return;

  self->held = held;
  if (held)
    g_application_hold (self->application);
  else
    g_application_release (self->application);
}

static void
on_background_allowed_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(FbkCapacityWatch) self = user_data;
  g_autoptr(GError) error = NULL;

  if (fbk_background_request_finish (result, &error))
    set_held (self, g_settings_get_boolean (self->settings, "run-in-background"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Refused: the switch goes back off rather than promise a watch that
       * ends with the window. */
      g_debug ("No running in the background: %s", error->message);
      g_settings_set_boolean (self->settings, "run-in-background", FALSE);
    }
}

static void
on_run_in_background_changed_cb (FbkCapacityWatch *self)
{
  if (!g_settings_get_boolean (self->settings, "run-in-background"))
    {
      set_held (self, FALSE);
      return;
    }

  fbk_background_request_async (_("To warn before the month reaches a higher capacity step"),
                                self->cancellable, on_background_allowed_cb, g_object_ref (self));
}

static void
stop_background_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FbkCapacityWatch *self = user_data;

  g_settings_set_boolean (self->settings, "run-in-background", FALSE);
}

static void
fbk_capacity_watch_dispose (GObject *object)
{
  FbkCapacityWatch *self = FBK_CAPACITY_WATCH (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->held)
    set_held (self, FALSE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_object (&self->book);

  G_OBJECT_CLASS (fbk_capacity_watch_parent_class)->dispose (object);
}

static void
fbk_capacity_watch_class_init (FbkCapacityWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fbk_capacity_watch_dispose;

  /**
   * FbkCapacityWatch::alerted:
   * @metering_point_id: the meter told about
   * @alert: the FbkCapacityAlert
   *
   * A notification went out.
   */
  signals[ALERTED] = g_signal_new ("alerted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);
}

static void
fbk_capacity_watch_init (FbkCapacityWatch *self)
{
  g_autoptr(GError) error = NULL;

  self->cancellable = g_cancellable_new ();
  self->book = fbk_tariff_book_new_default (&error);
  if (self->book == NULL)
    g_critical ("The tariff tables shipped with Forbruk are broken: %s", error->message);
}

/**
 * fbk_capacity_watch_new:
 * @application: the application to notify through and to hold; it owns
 *   the watch
 * @settings: the application's settings
 *
 * Adds "app.stop-background" to @application.
 *
 * Returns: (transfer full): a watch without a session yet
 */
FbkCapacityWatch *
fbk_capacity_watch_new (GApplication *application,
                        GSettings    *settings)
{
  static const GActionEntry actions[] = {
    { .name = "stop-background", .activate = stop_background_action },
  };
  FbkCapacityWatch *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (FBK_TYPE_CAPACITY_WATCH, NULL);
  self->application = application;
  self->settings = g_object_ref (settings);
  g_action_map_add_action_entries (G_ACTION_MAP (application), actions, G_N_ELEMENTS (actions), self);
  g_signal_connect_object (settings, "changed::run-in-background",
                           G_CALLBACK (on_run_in_background_changed_cb), self, G_CONNECT_SWAPPED);
  if (g_settings_get_boolean (settings, "run-in-background"))
    on_run_in_background_changed_cb (self);
  return self;
}

/**
 * fbk_capacity_watch_set_session:
 * @session: (nullable): the session to watch through, or %NULL to stop
 *
 * The first check comes a minute later, then one every hour.
 */
void
fbk_capacity_watch_set_session (FbkCapacityWatch *self,
                                FbkSession       *session)
{
  g_return_if_fail (FBK_IS_CAPACITY_WATCH (self));

  if (!g_set_object (&self->session, session))
    return;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (session != NULL)
    self->timeout_id = g_timeout_add_seconds (FIRST_CHECK_SECONDS, on_first_check_cb, self);
}
