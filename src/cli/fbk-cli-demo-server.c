/* fbk-cli-demo-server.c: forbruk-cli demo-server
 *
 * Runs the embedded simulator on its own, Elvia's MeterValueApi and
 * hvakosterstrommen.no's spot prices on one port, so other programs
 * (another Forbruk, curl, a test harness) can be pointed at it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "fbk-cli-commands.h"
#include "fbk-cli-context.h"
#include "fbk-cli-help.h"
#include "fbk-demo-price-api.h"
#include "fbk-demo-server.h"

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
fbk_cli_demo_server (const FbkCliGlobals  *globals,
                     int                   argc,
                     char                **argv)
{
  int port = 0;
  gint64 seed = FBK_DEMO_DEFAULT_SEED;
  g_autofree char *faults = NULL;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("Port to listen on (default: any free port)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the synthetic household"), N_("N") },
    { "faults", 0, 0, G_OPTION_ARG_STRING, &faults, N_("Faults to inject, e.g. “429@1; 500@2-4; drop@10%”"), N_("SPEC") },
    { NULL }
  };
  g_autoptr(GOptionContext) options = fbk_cli_options_new ("demo-server", NULL,
                                                          _("Runs a simulator of Elvia's MeterValueApi and of "
                                                            "hvakosterstrommen.no's spot prices on this computer."),
                                                          _("FORBRUK_DEMO_NOW, an RFC 3339 time such as "
                                                            "2024-11-15T10:20:00+01:00, stops the simulator's clock "
                                                            "there."));
  g_autoptr(FbkDemoServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prices_path = NULL;

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc > 1)
    {
      g_printerr ("forbruk-cli demo-server: %s\n", error != NULL ? error->message : _("Unexpected argument."));
      return FBK_CLI_EXIT_USAGE;
    }
  if (port < 0 || port > 65535 || seed < 0)
    {
      g_printerr ("forbruk-cli demo-server: %s\n", _("The port must be 0–65535 and the seed not negative."));
      return FBK_CLI_EXIT_USAGE;
    }

  server = fbk_demo_server_new_from_environment ((guint64) seed, &error);
  if (server == NULL ||
      (faults != NULL && !fbk_demo_server_set_faults (server, faults, &error)) ||
      !fbk_demo_server_start (server, (guint) port, &error))
    {
      g_printerr ("forbruk-cli demo-server: %s\n", error->message);
      return FBK_CLI_EXIT_USAGE;
    }

  prices_path = fbk_demo_price_api_day_path (fbk_time_oslo_date (fbk_demo_server_get_now (server)),
                                             FBK_DEMO_AREA_NO1);

  /* The demo token is public: it opens nothing but this simulator. */
  g_print (_("Demo MeterValueApi listening on %s\n"), fbk_demo_server_get_base_url (server));
  g_print (_("Token: %s\n"), FBK_DEMO_TOKEN);
  /* Translators: %s%s is a URL, such as
   * http://127.0.0.1:8088/api/v1/prices/2026/11-26_NO1.json */
  g_print (_("Spot prices for a day, as hvakosterstrommen.no serves them: %s%s\n"),
           fbk_demo_server_get_base_url (server), prices_path);
  if (g_getenv ("FORBRUK_DEMO_NOW") != NULL)
    {
      g_autofree char *now = fbk_time_format_oslo (fbk_demo_server_get_now (server));

      g_print (_("Its clock stands still at %s (FORBRUK_DEMO_NOW).\n"), now);
    }
  g_print ("%s\n", _("Press Ctrl+C to stop."));

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_main_loop_run (loop);

  return FBK_CLI_EXIT_OK;
}
