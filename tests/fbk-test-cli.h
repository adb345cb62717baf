/* fbk-test-cli.h: running the built forbruk-cli from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;   /* the exit status, or -signal */
  char *out;
  char *err;
} FbkTestCliRun;

void           fbk_test_cli_run_free (FbkTestCliRun       *run);

/* Starts forbruk-cli ($FORBRUK_CLI) with the NULL-terminated @args through
 * @launcher, which brings the flags, environment and working folder. */
GSubprocess   *fbk_test_cli_spawn    (GSubprocessLauncher *launcher,
                                      const char * const  *args);
/* Runs forbruk-cli like fbk_test_cli_spawn() to its end, with @input (NULL:
 * this process's standard input) on its standard input, and asserts that
 * what it printed is UTF-8. The default main context keeps running
 * meanwhile, so a demo server in this process answers; the test fails after
 * @timeout_seconds (times fbk_test_time_scale()) instead of hanging. */
FbkTestCliRun *fbk_test_cli_run      (GSubprocessLauncher *launcher,
                                      const char          *input,
                                      guint                timeout_seconds,
                                      const char * const  *args);

/* Runs `forbruk-cli --demo ARGS` in @cwd (NULL: here) with the demo's clock
 * at @now, in the C locale so messages and chart text do not depend on the
 * machine; a minute at most. */
FbkTestCliRun *fbk_test_cli_run_demo (const char          *cwd,
                                      const char          *now,
                                      const char * const  *args);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkTestCliRun, fbk_test_cli_run_free)

G_END_DECLS
