/* fbk-demo-server.h: an embedded simulator of Elvia's MeterValueApi and of
 * hvakosterstrommen.no's spot prices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-demo-faults.h"
#include "fbk-time.h"

G_BEGIN_DECLS

/* The only token the demo server accepts; Forbruk's demo mode sends it. It
 * is shaped like the tokens Min side issues (a JWT that expires in 2100) so
 * the app treats it like a real one. Any other Authorization gets 401. */
#define FBK_DEMO_TOKEN \
  "eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0." \
  "eyJpc3MiOiJodHRwczovL2RlbW8uZm9yYnJ1ay5pbnZhbGlkIiwic2NvcGUiOlsia3VuZGUubWV0ZXJ2YWx1ZXMu" \
  "ZGVsZWdhdGVkLXVzZXJhY2Nlc3MiXSwiYW1yIjpbImRlbGVnYXRpb24iXSwibmJmIjoxNjU2NjI2NDAwLCJleHAi" \
  "OjQxMDI0NDQ4MDB9.ZGVtbw"

/* The seed of `forbruk --demo`: its screenshots show this household. */
#define FBK_DEMO_DEFAULT_SEED 1

/* One request as the server saw it, for tests. */
typedef struct
{
  guint       number;   /* 1-based, as fault rules count requests */
  char       *method;
  char       *path;
  GHashTable *query;    /* decoded name → value; never NULL */
  guint       status;   /* 0 until answered, and for a dropped connection */
} FbkDemoRequest;

#define FBK_TYPE_DEMO_SERVER (fbk_demo_server_get_type ())

G_DECLARE_FINAL_TYPE (FbkDemoServer, fbk_demo_server, FBK, DEMO_SERVER, GObject)

FbkDemoServer        *fbk_demo_server_new              (guint64              seed);
FbkDemoServer        *fbk_demo_server_new_from_environment (guint64          seed,
                                                            GError         **error);
gboolean              fbk_demo_server_start            (FbkDemoServer       *self,
                                                        guint                port,
                                                        GError             **error);
const char           *fbk_demo_server_get_base_url     (FbkDemoServer       *self);
guint                 fbk_demo_server_get_port         (FbkDemoServer       *self);
guint64               fbk_demo_server_get_seed         (FbkDemoServer       *self);
FbkInstant            fbk_demo_server_get_now          (FbkDemoServer       *self);
void                  fbk_demo_server_set_now          (FbkDemoServer       *self,
                                                        FbkInstant           now);

gboolean              fbk_demo_server_set_faults       (FbkDemoServer       *self,
                                                        const char          *spec,
                                                        GError             **error);
void                  fbk_demo_server_add_fault        (FbkDemoServer       *self,
                                                        FbkDemoFaultKind     kind,
                                                        guint                param,
                                                        guint                first_request,
                                                        guint                last_request);
void                  fbk_demo_server_add_random_fault (FbkDemoServer       *self,
                                                        FbkDemoFaultKind     kind,
                                                        guint                param,
                                                        double               probability);
void                  fbk_demo_server_clear_faults     (FbkDemoServer       *self);

guint                 fbk_demo_server_get_n_requests   (FbkDemoServer       *self);
const FbkDemoRequest *fbk_demo_server_get_request      (FbkDemoServer       *self,
                                                        guint                index);
void                  fbk_demo_server_clear_requests   (FbkDemoServer       *self);

G_END_DECLS
