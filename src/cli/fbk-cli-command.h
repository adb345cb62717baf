/* fbk-cli-command.h: what every forbruk-cli command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include <string.h>

G_BEGIN_DECLS

/* Exit statuses are part of the CLI's contract with scripts. */
typedef enum
{
  FBK_CLI_EXIT_OK = 0,
  FBK_CLI_EXIT_USAGE = 2,       /* bad usage or input, such as -o into a folder that does not exist */
  FBK_CLI_EXIT_AUTH = 3,        /* the token was refused, or there is none */
  FBK_CLI_EXIT_API = 4,         /* API or network failure after retries */
  FBK_CLI_EXIT_LOCAL = 5,       /* this computer failed: a full disk, a read-only or locked store */
} FbkCliExit;

typedef struct
{
  const char *api_url;
  const char *prices_url;
  gboolean    demo;
  gboolean    no_cache;
  gboolean    offline;   /* ask nothing: what the store holds */
  int         retries;   /* -1: the client's default */
} FbkCliGlobals;

typedef struct
{
  const char *name;
  const char *summary;   /* N_()-marked; translated when printed */
  int       (*run)     (const FbkCliGlobals *globals,
                        int                  argc,
                        char               **argv);
} FbkCliCommand;

G_END_DECLS
