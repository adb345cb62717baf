/* fbk-cli.c: forbruk-cli, the headless face of Forbruk's core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "fbk-cli-commands.h"

/* Retries wait up to half a minute each; more than this keeps a script
 * waiting for many minutes. */
#define MAX_RETRIES 10

static const FbkCliCommand commands[] = {
  { "meters", N_("List the metering points the token covers"), fbk_cli_meters },
  { "values", N_("Print hourly or aggregated values as CSV or JSON"), fbk_cli_values },
  { "chart", N_("Draw a chart of the values as PNG, SVG or PDF"), fbk_cli_chart },
  { "maxhours", N_("Print each month's max hours and capacity step"), fbk_cli_maxhours },
  { "cost", N_("Print what the electricity cost, part by part, as CSV or JSON"), fbk_cli_cost },
  { "prices", N_("Print the spot prices of a price area as CSV or JSON"), fbk_cli_prices },
  { "token", N_("Store, check or remove the access token"), fbk_cli_token },
  { "demo-server", N_("Run a simulator of Elvia's API on this computer"), fbk_cli_demo_server },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: forbruk-cli [--api-url URL] [--prices-url URL] [--demo] [--no-cache | --offline] [--retries N] COMMAND [OPTIONS]"));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “forbruk-cli COMMAND --help” for the options of a command."));
  fprintf (stream, "\n%s\n", _("Exit status: 0 done, 2 bad usage or input, 3 token refused or missing, "
                                "4 Elvia or the price service failed, 5 local storage or output failed."));
  fprintf (stream, "%s\n", _("Spot prices from hvakosterstrommen.no (https://www.hvakosterstrommen.no)."));
}

int
main (int   argc,
      char *argv[])
{
  FbkCliGlobals globals = { .retries = -1 };
  int command_index = 1;

  setlocale (LC_ALL, "");
  /* Standard output is for data: debug output (G_MESSAGES_DEBUG) must not
   * end up in a CSV file. */
  g_log_writer_default_set_use_stderr (TRUE);
  /* FORBRUK_LOCALEDIR lets a build tree use its own catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("FORBRUK_LOCALEDIR") ? g_getenv ("FORBRUK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command; the command parses the rest. */
  while (command_index < argc && argv[command_index][0] == '-')
    {
      const char *arg = argv[command_index];

      if (g_strcmp0 (arg, "--demo") == 0)
        globals.demo = TRUE;
      else if (g_strcmp0 (arg, "--no-cache") == 0)
        globals.no_cache = TRUE;
      else if (g_strcmp0 (arg, "--offline") == 0)
        globals.offline = TRUE;
      else if (g_strcmp0 (arg, "--api-url") == 0 && command_index + 1 < argc)
        globals.api_url = argv[++command_index];
      else if (g_str_has_prefix (arg, "--api-url="))
        globals.api_url = arg + strlen ("--api-url=");
      else if (g_strcmp0 (arg, "--prices-url") == 0 && command_index + 1 < argc)
        globals.prices_url = argv[++command_index];
      else if (g_str_has_prefix (arg, "--prices-url="))
        globals.prices_url = arg + strlen ("--prices-url=");
      else if ((g_strcmp0 (arg, "--retries") == 0 && command_index + 1 < argc) ||
               g_str_has_prefix (arg, "--retries="))
        {
          const char *value = g_str_has_prefix (arg, "--retries=") ? arg + strlen ("--retries=")
                                                                   : argv[++command_index];
          guint64 retries;

          if (!g_ascii_string_to_unsigned (value, 10, 0, MAX_RETRIES, &retries, NULL))
            {
              g_printerr (_("--retries is a whole number from 0 to %u, not “%s”.\n"), MAX_RETRIES, value);
              return FBK_CLI_EXIT_USAGE;
            }
          globals.retries = (int) retries;
        }
      else if (g_strcmp0 (arg, "--version") == 0)
        {
          g_print ("forbruk-cli %s\n", PACKAGE_VERSION);
          return FBK_CLI_EXIT_OK;
        }
      else if (g_strcmp0 (arg, "--help") == 0 || g_strcmp0 (arg, "-h") == 0)
        {
          print_usage (stdout);
          return FBK_CLI_EXIT_OK;
        }
      else
        {
          g_printerr (_("Unknown option “%s”.\n"), arg);
          print_usage (stderr);
          return FBK_CLI_EXIT_USAGE;
        }
      command_index++;
    }

  if (command_index >= argc)
    {
      print_usage (stderr);
      return FBK_CLI_EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (argv[command_index], commands[i].name) == 0)
        return commands[i].run (&globals, argc - command_index, argv + command_index);
    }

  g_printerr (_("Unknown command “%s”.\n"), argv[command_index]);
  print_usage (stderr);
  return FBK_CLI_EXIT_USAGE;
}
