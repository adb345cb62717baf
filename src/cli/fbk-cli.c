/* fbk-cli.c: forbruk-cli, the headless face of Forbruk's core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "fbk-cli-commands.h"
#include "fbk-cli-help.h"

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
  g_autofree char *common = fbk_cli_help_common ();

  /* The layout of a command's --help (GOption's), so all read alike. */
  fprintf (stream, "%s\n  forbruk-cli %s\n", _("Usage:"), _("[OPTION…] COMMAND [OPTION…]"));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-25s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “forbruk-cli COMMAND --help” for the options of a command."));
  fprintf (stream, "\n%s\n", common);
}

/* An option's value, given as "--name=VALUE" or "--name VALUE"; NULL if
 * @argv[*index] is not that option. */
static const char *
take_value (int          argc,
            char       **argv,
            int         *index,
            const char  *name)
{
  const char *arg = argv[*index];
  gsize length = strlen (name);

  if (strncmp (arg, name, length) != 0)
    return NULL;
  if (arg[length] == '=')
    return arg + length + 1;
  if (arg[length] == '\0' && *index + 1 < argc)
    return argv[++*index];
  return NULL;
}

/* Takes the global option at @argv[*index] into @globals. Returns FALSE
 * if it is not one; sets @error if it is one with a bad value. */
static gboolean
take_global_option (FbkCliGlobals  *globals,
                    int             argc,
                    char          **argv,
                    int            *index,
                    GError        **error)
{
  const char *arg = argv[*index];
  const char *value;

  if (g_strcmp0 (arg, "--demo") == 0)
    globals->demo = TRUE;
  else if (g_strcmp0 (arg, "--no-cache") == 0)
    globals->no_cache = TRUE;
  else if (g_strcmp0 (arg, "--offline") == 0)
    globals->offline = TRUE;
  else if ((value = take_value (argc, argv, index, "--api-url")) != NULL)
    globals->api_url = value;
  else if ((value = take_value (argc, argv, index, "--prices-url")) != NULL)
    globals->prices_url = value;
  else if ((value = take_value (argc, argv, index, "--retries")) != NULL)
    {
      guint64 retries;

      if (!g_ascii_string_to_unsigned (value, 10, 0, MAX_RETRIES, &retries, NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--retries is a whole number from 0 to %u, not “%s”."), MAX_RETRIES, value);
          return TRUE;
        }
      globals->retries = (int) retries;
    }
  else
    return FALSE;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  FbkCliGlobals globals = { .retries = -1 };
  g_autoptr(GPtrArray) command_argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *command = NULL;

  setlocale (LC_ALL, "");
  /* Standard output is for data: debug output (G_MESSAGES_DEBUG) must not
   * end up in a CSV file. */
  g_log_writer_default_set_use_stderr (TRUE);
  /* FORBRUK_LOCALEDIR lets a build tree use its own catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("FORBRUK_LOCALEDIR") ? g_getenv ("FORBRUK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options go before or after the command (people add --demo at
   * the end of the line they just ran); the command parses the rest. After
   * "--" nothing is an option. */
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_strcmp0 (arg, "--") == 0)
        {
          for (; i < argc; i++)
            g_ptr_array_add (command_argv, argv[i]);
          break;
        }
      if (take_global_option (&globals, argc, argv, &i, &error))
        {
          if (error != NULL)
            {
              g_printerr ("forbruk-cli: %s\n", error->message);
              return FBK_CLI_EXIT_USAGE;
            }
          continue;
        }

      if (command == NULL && arg[0] != '-')
        command = arg;
      else if (command == NULL && g_strcmp0 (arg, "--version") == 0)
        {
          g_print ("forbruk-cli %s\n", PACKAGE_VERSION);
          return FBK_CLI_EXIT_OK;
        }
      else if (command == NULL && (g_strcmp0 (arg, "--help") == 0 || g_strcmp0 (arg, "-h") == 0))
        {
          print_usage (stdout);
          return FBK_CLI_EXIT_OK;
        }
      else if (command == NULL)
        {
          g_printerr (_("Unknown option “%s”.\n"), arg);
          print_usage (stderr);
          return FBK_CLI_EXIT_USAGE;
        }
      g_ptr_array_add (command_argv, argv[i]);
    }

  if (command == NULL)
    {
      print_usage (stderr);
      return FBK_CLI_EXIT_USAGE;
    }

  g_ptr_array_add (command_argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (command, commands[i].name) == 0)
        return commands[i].run (&globals, (int) command_argv->len - 1, (char **) command_argv->pdata);
    }

  g_printerr (_("Unknown command “%s”.\n"), command);
  print_usage (stderr);
  return FBK_CLI_EXIT_USAGE;
}
