/* fbk-cli-help.h: the --help of forbruk-cli and of each command, in one style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char           *fbk_cli_help_common  (void);
const char     *fbk_cli_period_usage (void);
GOptionContext *fbk_cli_options_new  (const char *command,
                                      const char *parameters,
                                      const char *summary,
                                      const char *description);

G_END_DECLS
