/* fbk-background.c: asking the Background portal to keep running with no
 * window
 *
 * org.freedesktop.portal.Background's RequestBackground, spoken over D-Bus
 * (libadwaita 1.2's platform has no libportal): the portal answers on a
 * Request object, and the person may be asked. Outside a sandbox with no
 * portal nothing needs asking, and the request is granted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-background"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-background.h"

#define PORTAL_NAME      "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define BACKGROUND_IFACE "org.freedesktop.portal.Background"
#define REQUEST_IFACE    "org.freedesktop.portal.Request"

typedef struct
{
  GDBusConnection *bus;
  guint            response_id;
  char            *handle;
} Request;

static void
request_free (Request *request)
{
  if (request->response_id != 0)
    g_dbus_connection_signal_unsubscribe (request->bus, request->response_id);
  g_clear_object (&request->bus);
  g_free (request->handle);
  g_free (request);
}

static gboolean
in_sandbox (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
on_response_cb (GDBusConnection *bus,
                const char      *sender,
                const char      *path,
                const char      *iface,
                const char      *signal,
                GVariant        *parameters,
                gpointer         user_data)
{
  /* The reference on_requested_cb() kept for the answer. */
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GVariant) results = NULL;
  gboolean background = FALSE;
  guint32 response;

  g_dbus_connection_signal_unsubscribe (request->bus, request->response_id);
  request->response_id = 0;
  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &background);

  if (response == 0 && background)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("Running in the background was not allowed."));
}

static void
on_requested_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      /* No portal: a program outside a sandbox needs nobody's leave. */
      if (!in_sandbox ())
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The answer comes as the Response signal, subscribed to before the
   * call so it cannot be missed; on_response_cb() drops this reference. */
  g_steal_pointer (&task);
}

/**
 * fbk_background_request_async:
 * @reason: what the person is told, e.g. "To warn before the next
 *   capacity step"
 *
 * Asks to keep running once the window is closed (never to start with the
 * session).
 */
void
fbk_background_request_async (const char          *reason,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = g_strdup_printf ("forbruk%u", g_random_int ());
  g_autofree char *sender = NULL;
  GVariantBuilder options;
  Request *request;

  g_task_set_source_tag (task, fbk_background_request_async);

  request = g_new0 (Request, 1);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  request->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, cancellable, &error);
  if (request->bus == NULL)
    {
      if (!in_sandbox ())
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The request's object path is known from the bus name and the token. */
  sender = g_strdup (g_dbus_connection_get_unique_name (request->bus) + 1);
  g_strdelimit (sender, ".", '_');
  request->handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", sender, token);
  request->response_id = g_dbus_connection_signal_subscribe (request->bus, PORTAL_NAME, REQUEST_IFACE, "Response",
                                                             request->handle, NULL, G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                                             on_response_cb, task, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason", g_variant_new_string (reason));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (request->bus, PORTAL_NAME, PORTAL_PATH, BACKGROUND_IFACE, "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, cancellable, on_requested_cb, g_object_ref (task));
}

gboolean
fbk_background_request_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
