/* main.c: the forbruk desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "fbk-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FbkApplication) application = NULL;

  /* The app's language follows the desktop's locale. */
  setlocale (LC_ALL, "");
  /* FORBRUK_LOCALEDIR lets a build tree use its own catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("FORBRUK_LOCALEDIR") ? g_getenv ("FORBRUK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = fbk_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
