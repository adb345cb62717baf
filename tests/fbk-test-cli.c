/* fbk-test-cli.c: running the built forbruk-cli from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-test-cli.h"
#include "fbk-test-support.h"

void
fbk_test_cli_run_free (FbkTestCliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

GSubprocess *
fbk_test_cli_spawn (GSubprocessLauncher *launcher,
                    const char * const  *args)
{
  const char *cli = g_getenv ("FORBRUK_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
} Communicated;

static void
on_communicated_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Communicated *communicated = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &communicated->out,
                                        &communicated->err, &error);
  g_assert_no_error (error);
  communicated->done = TRUE;
}

FbkTestCliRun *
fbk_test_cli_run (GSubprocessLauncher *launcher,
                  const char          *input,
                  guint                timeout_seconds,
                  const char * const  *args)
{
  g_autoptr(GSubprocess) process = NULL;
  Communicated communicated = { 0 };
  FbkTestCliRun *run = g_new0 (FbkTestCliRun, 1);

  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                             (input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE
                                                            : G_SUBPROCESS_FLAGS_STDIN_INHERIT));
  process = fbk_test_cli_spawn (launcher, args);

  g_subprocess_communicate_utf8_async (process, input, NULL, on_communicated_cb, &communicated);
  fbk_test_wait_until (communicated.done, timeout_seconds);
  while (!g_subprocess_get_if_exited (process) && !g_subprocess_get_if_signaled (process))
    g_main_context_iteration (NULL, TRUE);

  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                     : -g_subprocess_get_term_sig (process);
  run->out = g_steal_pointer (&communicated.out);
  run->err = g_steal_pointer (&communicated.err);
  return run;
}

FbkTestCliRun *
fbk_test_cli_run_demo (const char         *cwd,
                       const char         *now,
                       const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) demo_args = NULL;

  g_strv_builder_add (builder, "--demo");
  g_strv_builder_addv (builder, (const char **) args);
  demo_args = g_strv_builder_end (builder);

  g_subprocess_launcher_setenv (launcher, "FORBRUK_DEMO_NOW", now, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);

  return fbk_test_cli_run (launcher, NULL, 60, (const char * const *) demo_args);
}
