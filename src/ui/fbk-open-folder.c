/* fbk-open-folder.c: showing a saved file in the file manager
 *
 * GTK 4.10 has gtk_file_launcher_open_containing_folder(); on 4.8 this is
 * it. The OpenURI portal's OpenDirectory is asked first: it opens the
 * file's folder with the file selected, and inside Flatpak it maps a path
 * of the document portal (where a file chosen through the FileChooser
 * portal lives, /run/user/…/doc/…) back to the real folder, which the
 * parent of such a path is not. Without the portal (a desktop that has
 * none, or a test's private bus) the folder is opened as a URI instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-open-folder"

#include "config.h"

#include <fcntl.h>

#include <gio/gunixfdlist.h>
#include <glib/gstdio.h>

#include "fbk-open-folder.h"

#define PORTAL_BUS_NAME    "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_OPEN_URI    "org.freedesktop.portal.OpenURI"

typedef struct
{
  GtkWindow *parent;  /* nullable */
  GFile     *file;
} OpenFolder;

static void
open_folder_free (OpenFolder *open_folder)
{
  g_clear_object (&open_folder->parent);
  g_clear_object (&open_folder->file);
  g_free (open_folder);
}

static void
on_uri_shown_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
show_folder_uri (GTask *task)
{
  OpenFolder *open_folder = g_task_get_task_data (task);
  g_autoptr(GFile) folder = g_file_get_parent (open_folder->file);
  g_autofree char *uri = g_file_get_uri (folder != NULL ? folder : open_folder->file);

  gtk_show_uri_full (open_folder->parent, uri, GDK_CURRENT_TIME, g_task_get_cancellable (task),
                     on_uri_shown_cb, g_object_ref (task));
}

/* The portal answers with a request; for OpenDirectory nothing is asked of
 * the user, so the call going through is all there is to wait for. */
static void
on_portal_called_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (object), NULL, result, &error);
  if (reply != NULL)
    g_task_return_boolean (task, TRUE);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      g_debug ("No OpenURI portal to show the folder (%s); opening it as a URI", error->message);
      show_folder_uri (task);
    }
}

static void
on_bus_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenFolder *open_folder = g_task_get_task_data (task);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder options;
  int fd;

  bus = g_bus_get_finish (result, &error);
  fd = bus != NULL ? g_open (g_file_peek_path (open_folder->file), O_RDONLY | O_CLOEXEC, 0) : -1;
  if (fd == -1)
    {
      show_folder_uri (task);
      return;
    }

  fds = g_unix_fd_list_new_from_array (&fd, 1);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_dbus_connection_call_with_unix_fd_list (bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH, PORTAL_OPEN_URI,
                                            "OpenDirectory",
                                            g_variant_new ("(sha{sv})", "", 0, &options),
                                            G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1, fds,
                                            g_task_get_cancellable (task),
                                            on_portal_called_cb, g_object_ref (task));
}

/**
 * fbk_open_folder_async:
 * @parent: (nullable): the window asking
 * @file: a file that exists
 *
 * Opens the folder of @file in the file manager, with @file selected where
 * the file manager can.
 */
void
fbk_open_folder_async (GtkWindow           *parent,
                       GFile               *file,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenFolder *open_folder;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fbk_open_folder_async);

  open_folder = g_new0 (OpenFolder, 1);
  open_folder->parent = parent != NULL ? g_object_ref (parent) : NULL;
  open_folder->file = g_object_ref (file);
  g_task_set_task_data (task, open_folder, (GDestroyNotify) open_folder_free);

  if (!g_file_is_native (file))
    show_folder_uri (task);
  else
    g_bus_get (G_BUS_TYPE_SESSION, cancellable, on_bus_cb, g_steal_pointer (&task));
}

gboolean
fbk_open_folder_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fbk_open_folder_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
