/* fbk-cli-help.c: the --help of forbruk-cli and of each command, in one style
 *
 * Every command's --help ends with what applies to all of them: the
 * global options, FORBRUK_TOKEN and the exit statuses. A person reading
 * `forbruk-cli values --help` should not need a second --help to learn
 * how to run it against the demo or what status 3 means.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-cli-help.h"

/* A name and what it means, in two columns as GOption lays out a
 * command's own options. */
typedef struct
{
  const char *name;
  const char *help;   /* N_()-marked */
} HelpRow;

static const HelpRow globals[] = {
  { "--demo", N_("Use the built-in simulator of Elvia's API: no token, no network") },
  { "--offline", N_("Ask no service: only what is stored on this computer") },
  { "--no-cache", N_("Neither read nor write the values stored on this computer") },
  { "--api-url=URL", N_("Elvia's API at another address (https; http only to this computer)") },
  { "--prices-url=URL", N_("The spot price service at another address") },
  { "--retries=N", N_("Try a failed request again up to N times, 0 to 10") },
};

static const HelpRow environment[] = {
  { "FORBRUK_TOKEN", N_("The access token, used instead of the one in the keyring") },
};

static const HelpRow statuses[] = {
  { "0", N_("done (notes on standard error say what the output leaves out)") },
  { "2", N_("bad usage or input") },
  { "3", N_("the token was refused, or there is none") },
  { "4", N_("Elvia or the price service failed") },
  { "5", N_("this computer failed: storage or output") },
};

static void
append_rows (GString       *text,
             const char    *heading,
             const HelpRow *rows,
             guint          n_rows)
{
  g_string_append_printf (text, "%s\n", heading);
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "  %-25s %s\n", rows[i].name, _(rows[i].help));
  g_string_append_c (text, '\n');
}

/**
 * fbk_cli_help_common:
 *
 * Returns: (transfer full): the global options, the environment and the
 *   exit statuses, with the spot prices' credit, as --help shows them
 */
char *
fbk_cli_help_common (void)
{
  GString *text = g_string_new (NULL);

  append_rows (text, _("Global options (before or after the command):"), globals, G_N_ELEMENTS (globals));
  append_rows (text, _("Environment:"), environment, G_N_ELEMENTS (environment));
  append_rows (text, _("Exit status:"), statuses, G_N_ELEMENTS (statuses));
  g_string_append (text, _("Spot prices from hvakosterstrommen.no (https://www.hvakosterstrommen.no)."));
  return g_string_free (text, FALSE);
}

/* The usage line's part for the commands that need a period. */
const char *
fbk_cli_period_usage (void)
{
  return _("--from DATE --to DATE | --period PERIOD");
}

/**
 * fbk_cli_options_new:
 * @command: the command's name, such as "values"
 * @parameters: (nullable): what follows the options in the usage line,
 *   such as the options a command cannot do without
 * @description: (nullable): more about the command, before the common part
 *
 * An option context whose --help begins "Usage: forbruk-cli values
 * [OPTION…] --from DATE --to DATE" and ends with fbk_cli_help_common().
 */
GOptionContext *
fbk_cli_options_new (const char *command,
                     const char *parameters,
                     const char *summary,
                     const char *description)
{
  GOptionContext *options = g_option_context_new (parameters);
  g_autofree char *program = g_strconcat ("forbruk-cli ", command, NULL);
  g_autofree char *common = fbk_cli_help_common ();
  g_autofree char *all = NULL;

  /* GOption's usage line names the program: here the command too. */
  g_set_prgname (program);
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_set_summary (options, summary);
  all = description != NULL ? g_strconcat (description, "\n\n", common, NULL) : g_steal_pointer (&common);
  g_option_context_set_description (options, all);
  return options;
}
