/* test-capacity-watch.c: the hourly watch of the month in progress, driven
 * through a whole month of the demo household an hour at a time, with a
 * notification server of its own on the session bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "fbk-capacity-watch.h"
#include "fbk-demo-server.h"
#include "fbk-tariff.h"
#include "fbk-test-support.h"
#include "fbk-test-ui.h"

#define SCHEMA_ID "io.github.forbruk.Forbruk"
#define HOUSE_ID  "707057500061439208"

/* The freedesktop notification server's interface, as much of it as GLib
 * calls (Notify), answered by counting. */
static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/><arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "  </interface>"
  "</node>";

/* One for the whole program, as in Forbruk: GLib's notification backend
 * lives as long as its application, and answers to Notify may still be on
 * their way when a test ends. */
static GApplication *application;

typedef struct
{
  FbkDemoServer    *server;
  FbkStore         *store;
  FbkSession       *session;
  GSettings        *settings;
  FbkCapacityWatch *watch;
  char             *dir;

  GDBusConnection  *bus;
  guint             object_id;
  guint             name_id;
  gboolean          name_owned;
  guint             n_notify;       /* Notify calls the server had */
  GPtrArray        *summaries;      /* their summaries */
  guint             n_step_up;      /* "alerted" with FBK_CAPACITY_ALERT_STEP_UP */
  guint             n_near;
} Fixture;

static void
on_method_call_cb (GDBusConnection       *bus,
                   const char            *sender,
                   const char            *path,
                   const char            *interface,
                   const char            *method,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  Fixture *f = user_data;

  if (g_strcmp0 (method, "Notify") == 0)
    {
      const char *summary;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_ptr_array_add (f->summaries, g_strdup (summary));
      f->n_notify++;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", f->n_notify));
    }
  else if (g_strcmp0 (method, "GetCapabilities") == 0)
    {
      const char *capabilities[] = { "body", "actions", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", capabilities));
    }
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_name_acquired_cb (GDBusConnection *bus,
                     const char      *name,
                     gpointer         user_data)
{
  ((Fixture *) user_data)->name_owned = TRUE;
}

static void
on_alerted_cb (FbkCapacityWatch *watch,
               const char       *metering_point_id,
               int               alert,
               Fixture          *f)
{
  g_assert_cmpstr (metering_point_id, ==, HOUSE_ID);
  if (alert == FBK_CAPACITY_ALERT_STEP_UP)
    f->n_step_up++;
  else if (alert == FBK_CAPACITY_ALERT_NEAR_NEXT)
    f->n_near++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const GDBusInterfaceVTable vtable = { on_method_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *picked[] = { HOUSE_ID, NULL };

  f->summaries = g_ptr_array_new_with_free_func (g_free);
  f->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  f->object_id = g_dbus_connection_register_object (f->bus, "/org/freedesktop/Notifications",
                                                    node->interfaces[0], &vtable, f, NULL, &error);
  g_assert_no_error (error);
  f->name_id = g_bus_own_name_on_connection (f->bus, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_REPLACE,
                                             on_name_acquired_cb, NULL, f, NULL);
  fbk_test_wait_for (f->name_owned, 10);

  f->dir = g_dir_make_tmp ("forbruk-capacity-watch-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "forbruk.db", NULL);
  f->store = fbk_store_open_sync (path, NULL, &error);
  g_assert_no_error (error);

  f->server = fbk_demo_server_new (FBK_DEMO_DEFAULT_SEED);
  f->session = fbk_test_ui_start_demo (f->server, f->store);
  fbk_session_set_token (f->session, FBK_DEMO_TOKEN);

  f->settings = g_settings_new_with_backend (SCHEMA_ID, backend);
  g_settings_set_strv (f->settings, "picked-meters", picked);
  /* Only the step itself: nearness has its own unit test. */
  g_settings_set_double (f->settings, "capacity-margin", 0.0);

  f->watch = fbk_capacity_watch_new (application, f->settings);
  fbk_capacity_watch_set_session (f->watch, f->session);
  g_signal_connect (f->watch, "alerted", G_CALLBACK (on_alerted_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->watch);
  g_clear_object (&f->settings);
  g_clear_object (&f->session);
  g_clear_object (&f->server);
  g_clear_object (&f->store);
  g_bus_unown_name (f->name_id);
  g_dbus_connection_unregister_object (f->bus, f->object_id);
  g_clear_object (&f->bus);
  g_clear_pointer (&f->summaries, g_ptr_array_unref);
  fbk_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Both clocks at @now: the simulator's (which hours exist) and the
 * session's (which month is in progress). */
static void
set_now (Fixture    *f,
         FbkInstant  now)
{
  fbk_demo_server_set_now (f->server, now);
  fbk_clock_set_now (fbk_session_get_clock (f->session), now);
}

static guint
check (Fixture *f)
{
  FbkTestAsync async = { 0 };
  g_autoptr(GError) error = NULL;
  guint n;

  fbk_capacity_watch_check_async (f->watch, NULL, fbk_test_async_done_cb, &async);
  fbk_test_wait_until (async.done, 30);
  n = fbk_capacity_watch_check_finish (f->watch, async.result, &error);
  g_assert_no_error (error);
  g_clear_object (&async.result);
  return n;
}

/* The month's step from what the store holds now, worked out here from the
 * stored hours (fbk_max_hours_compute(), tested on its own), not by the
 * watch; 0 while fewer than three days have values. */
static guint
stored_step (Fixture              *f,
             const FbkTariffTable *table,
             FbkInstant            month_start,
             FbkInstant            month_end)
{
  FbkTestAsync async = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = NULL;
  const char *ids[] = { HOUSE_ID, NULL };
  FbkDate month = fbk_time_oslo_date (month_start);
  const FbkInterval *intervals;
  FbkMaxHours max_hours;
  guint n = 0;

  fbk_repository_read_values_async (fbk_session_get_repository (f->session), ids, month_start, month_end,
                                    FBK_DIRECTION_CONSUMPTION, NULL, fbk_test_async_done_cb, &async);
  fbk_test_wait_until (async.done, 30);
  series = fbk_repository_read_values_finish (fbk_session_get_repository (f->session), async.result, &error);
  g_assert_no_error (error);
  g_clear_object (&async.result);

  intervals = fbk_series_get_intervals (g_ptr_array_index (series, 0), &n);
  fbk_max_hours_compute (&max_hours, month.year, month.month, intervals, n);
  if (max_hours.n_hours < FBK_MAX_HOURS_PER_MONTH)
    return 0;
  return fbk_tariff_table_find_step (table, max_hours.average);
}

/* December 2026, an hour at a time: the demo house starts in step 3 (its
 * first three days average under 10 kWh/h) and ends in step 4 (12.04 by
 * `forbruk-cli maxhours --month 2026-12 --source local`). Every time the
 * stored hours put the month in a higher step than seen before, exactly
 * one notification goes out, that hour; no other hour sends one; the same
 * hour checked again sends none; and January's first hours say nothing
 * about December. */
static void
test_month_hour_by_hour (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(FbkTariff) tariff = fbk_tariff_new_default (NULL);
  const FbkTariffTable *table = fbk_tariff_lookup (tariff, 2026, 12);
  FbkInstant month_start = fbk_test_instant ("2026-12-01T00:00:00+01:00");
  FbkInstant month_end = fbk_test_instant ("2027-01-01T00:00:00+01:00");
  guint highest = 0;
  guint n_rises = 0;
  guint first_step = 0;

  for (FbkInstant now = month_start + 30 * 60; now < month_end; now += FBK_SECONDS_PER_HOUR)
    {
      guint before = f->n_notify;
      guint sent;
      guint step;
      gboolean rose;

      set_now (f, now);
      sent = check (f);
      step = stored_step (f, table, month_start, month_end);

      /* The first step seen is where the month starts, not news. */
      rose = highest != 0 && step > highest;
      if (highest == 0)
        first_step = step;
      highest = MAX (highest, step);
      n_rises += rose;

      g_assert_cmpuint (sent, ==, rose ? 1 : 0);
      /* What went out went through the notification server. */
      fbk_test_wait_for (f->n_notify == before + sent, 10);
    }

  g_assert_cmpuint (first_step, ==, 3);
  g_assert_cmpuint (highest, ==, 4);
  g_assert_cmpuint (n_rises, ==, 1);
  g_assert_cmpuint (f->n_step_up, ==, 1);
  g_assert_cmpuint (f->n_near, ==, 0);
  g_assert_cmpuint (f->n_notify, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->summaries, 0), ==, "Capacity step 4 in December");

  /* The same hour again: nothing new. */
  g_assert_cmpuint (check (f), ==, 0);

  /* January: December is an old month now, and January has fewer than
   * three days. */
  set_now (f, fbk_test_instant ("2027-01-01T05:30:00+01:00"));
  g_assert_cmpuint (check (f), ==, 0);
  g_assert_cmpuint (f->n_notify, ==, 1);
}

/* What was told survives a restart: a new watch on the same settings
 * tells nothing for an hour already told. */
static void
test_remembered (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(FbkCapacityWatch) again = NULL;
  guint first;

  /* 2026-12-31 late: step 4, far over 10; the first look is the baseline. */
  set_now (f, fbk_test_instant ("2026-12-31T20:30:00+01:00"));
  first = check (f);
  g_assert_cmpuint (first, ==, 0);

  g_settings_set_double (f->settings, "capacity-margin", 5.0);
  /* Within 5 kWh/h of step 5 (15): near, told once. */
  g_assert_cmpuint (check (f), ==, 1);
  g_assert_cmpuint (f->n_near, ==, 1);

  again = fbk_capacity_watch_new (application, f->settings);
  fbk_capacity_watch_set_session (again, f->session);
  {
    FbkTestAsync async = { 0 };

    fbk_capacity_watch_check_async (again, NULL, fbk_test_async_done_cb, &async);
    fbk_test_wait_until (async.done, 30);
    g_assert_cmpuint (fbk_capacity_watch_check_finish (again, async.result, NULL), ==, 0);
    g_clear_object (&async.result);
  }
}

static void
skip_in_sandbox (void)
{
  g_test_skip ("notifications go to the Flatpak portal here, which the build sandbox lacks");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();

  /* In a Flatpak sandbox GLib sends a GNotification to the portal, not to
   * a notification server: flatpak-builder's build sandbox has no portal
   * to catch it with (the sandboxed app's own check runs the real one). */
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_test_add_func ("/capacity-watch/sandboxed", skip_in_sandbox);
      return g_test_run ();
    }

  application = g_application_new ("io.github.forbruk.TestCapacityWatch", G_APPLICATION_NON_UNIQUE);
  g_application_register (application, NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/capacity-watch/month-hour-by-hour", Fixture, NULL,
              fixture_set_up, test_month_hour_by_hour, fixture_tear_down);
  g_test_add ("/capacity-watch/remembered", Fixture, NULL,
              fixture_set_up, test_remembered, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
