/* fbk-cli-commands.h: the commands of forbruk-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-cli-command.h"

G_BEGIN_DECLS

int fbk_cli_meters      (const FbkCliGlobals *globals, int argc, char **argv);
int fbk_cli_values      (const FbkCliGlobals *globals, int argc, char **argv);
int fbk_cli_chart       (const FbkCliGlobals *globals, int argc, char **argv);
int fbk_cli_maxhours    (const FbkCliGlobals *globals, int argc, char **argv);
int fbk_cli_cost        (const FbkCliGlobals *globals, int argc, char **argv);
int fbk_cli_prices      (const FbkCliGlobals *globals, int argc, char **argv);
int fbk_cli_token       (const FbkCliGlobals *globals, int argc, char **argv);
int fbk_cli_demo_server (const FbkCliGlobals *globals, int argc, char **argv);

G_END_DECLS
