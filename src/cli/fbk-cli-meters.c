/* fbk-cli-meters.c: forbruk-cli meters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "forbruk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-cli-commands.h"
#include "fbk-cli-context.h"

int
fbk_cli_meters (const FbkCliGlobals  *globals,
                int                   argc,
                char                **argv)
{
  g_auto(FbkCliContext) context = { 0 };
  g_autoptr(GError) error = NULL;
  GListModel *meters;

  if (argc > 1)
    {
      g_printerr ("%s\n", _("Usage: forbruk-cli meters"));
      return g_strcmp0 (argv[1], "--help") == 0 ? FBK_CLI_EXIT_OK : FBK_CLI_EXIT_USAGE;
    }

  if (!fbk_cli_context_init (&context, globals, TRUE, &error) ||
      !fbk_cli_discover_meters (&context, NULL, &error))
    {
      fbk_cli_report_error (error);
      return fbk_cli_exit_for_error (error);
    }

  /* A header, then one meter per line, tab-separated, so scripts can
   * cut(1) it: the id as --meter takes it first. */
  meters = fbk_repository_get_meters (context.repository);
  g_print ("metering_point_id\tcontract_start\tdirections\tname\n");
  for (guint i = 0; i < g_list_model_get_n_items (meters); i++)
    {
      g_autoptr(FbkMeteringPoint) meter = g_list_model_get_item (meters, i);
      g_autofree char *name = fbk_metering_point_dup_display_name (meter);
      FbkInstant contract_start = fbk_metering_point_get_contract_start (meter);
      g_autofree char *since = contract_start != FBK_INSTANT_INVALID ? fbk_time_format_oslo (contract_start) : g_strdup ("-");

      g_print ("%s\t%s\t%s\t%s\n", fbk_metering_point_get_id (meter), since,
               fbk_metering_point_get_produces (meter) ? "consumption,production" : "consumption",
               name);
    }

  return FBK_CLI_EXIT_OK;
}
