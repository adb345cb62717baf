/* fbk-cli-context.h: what the data commands of forbruk-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-cli-command.h"
#include "fbk-contract.h"
#include "fbk-csv.h"
#include "fbk-demo-server-thread.h"
#include "fbk-session.h"

G_BEGIN_DECLS

typedef struct
{
  FbkDemoServerThread *demo;        /* with --demo: the embedded simulator */
  FbkSession          *session;     /* Elvia (or --api-url) or the demo */
  FbkRepository       *repository;  /* the session's, for short */
} FbkCliContext;

/* The values a data command works on: --from, --to, --meter and
 * --direction (or --production), shared by `values` and `chart`. */
typedef struct
{
  char     *from_text;
  char     *to_text;
  GStrv     meters;
  char     *direction;
  gboolean  production;
} FbkCliSelection;

void     fbk_cli_selection_add_options (FbkCliSelection *selection,
                                        GOptionContext  *options);
gboolean fbk_cli_selection_get_what    (const FbkCliSelection  *selection,
                                        FbkRefreshWhat         *out_what,
                                        GError                **error);
GPtrArray *fbk_cli_refreshed_series    (FbkRefreshResult       *refreshed);
void     fbk_cli_selection_clear       (FbkCliSelection *selection);

gboolean fbk_cli_context_init     (FbkCliContext        *context,
                                   const FbkCliGlobals  *globals,
                                   gboolean              needs_token,
                                   GError              **error);
void     fbk_cli_context_clear    (FbkCliContext        *context);

GAsyncResult *fbk_cli_wait        (GAsyncResult        **slot);
void          fbk_cli_store_result (GObject            *source,
                                    GAsyncResult       *result,
                                    gpointer            user_data);

gboolean fbk_cli_discover_meters  (FbkCliContext        *context,
                                   const char * const   *needed,
                                   GError              **error);
gboolean fbk_cli_no_arguments_left (int                  argc,
                                    char               **argv,
                                    GError             **error);
gboolean fbk_cli_parse_period     (const char           *from_text,
                                   const char           *to_text,
                                   FbkInstant           *out_from,
                                   FbkInstant           *out_to,
                                   GError              **error);
GStrv    fbk_cli_resolve_meters   (FbkCliContext        *context,
                                   const char * const   *asked,
                                   GError              **error);
FbkRefreshResult *
         fbk_cli_fetch_values     (FbkCliContext        *context,
                                   const char * const   *meters,
                                   FbkInstant            from,
                                   FbkInstant            to,
                                   FbkRefreshWhat        what,
                                   GError              **error);
int      fbk_cli_exit_for_error   (const GError         *error);
void     fbk_cli_report_error     (const GError         *error);
void     fbk_cli_progress         (guint                 done,
                                   guint                 total,
                                   gpointer              user_data);
gboolean fbk_cli_parse_area       (const char           *text,
                                   FbkPriceArea         *out_area,
                                   GError              **error);
gboolean fbk_cli_parse_format     (const char           *text,
                                   gboolean             *out_json,
                                   GError              **error);
gboolean fbk_cli_parse_csv_style  (const char           *text,
                                   FbkCsvStyle          *out_style,
                                   GError              **error);
gboolean fbk_cli_write_output     (const char           *path,
                                   const char           *data,
                                   gsize                 length,
                                   GError              **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FbkCliContext, fbk_cli_context_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FbkCliSelection, fbk_cli_selection_clear)

G_END_DECLS
