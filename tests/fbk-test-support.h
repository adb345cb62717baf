/* fbk-test-support.h: helpers shared by Forbruk's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fbk-demo-server.h"
#include "fbk-session.h"
#include "fbk-store-sync.h"
#include "fbk-time.h"

G_BEGIN_DECLS

/* How many times slower than a plain build this run is allowed to be: the
 * FORBRUK_TEST_TIME_SCALE the sanitizer and valgrind test setups set, else
 * 1. Time limits that check speed, and waits for slow work, are multiplied
 * by it; limits that tell one behaviour from another (a cancel does not wait
 * out a 30 s Retry-After) keep their margin some other way. */
guint  fbk_test_time_scale      (void);

/* Runs the default main context until *flag is TRUE, failing the test after
 * timeout_seconds (times fbk_test_time_scale()) instead of hanging. */
#define fbk_test_wait_until(flag, timeout_seconds) \
  fbk_test_wait_until_impl (&(flag), (timeout_seconds), G_STRLOC, #flag)

void   fbk_test_wait_until_impl (const gboolean *flag,
                                 guint           timeout_seconds,
                                 const char     *location,
                                 const char     *what);

/* Runs the default main context until @condition, an expression evaluated
 * again after every iteration, holds; fails the test naming it after
 * timeout_seconds (times fbk_test_time_scale()). For waits on what a test
 * can see rather than on a flag a callback sets. */
#define fbk_test_wait_for(condition, timeout_seconds) \
  G_STMT_START { \
    gint64 fbk_test_deadline_ = fbk_test_deadline (timeout_seconds); \
    while (!(condition)) \
      fbk_test_wait_step (fbk_test_deadline_, (timeout_seconds), G_STRLOC, #condition); \
  } G_STMT_END

/* The monotonic time timeout_seconds (times fbk_test_time_scale()) from now. */
gint64 fbk_test_deadline        (guint           timeout_seconds);
/* One turn of the default main context (or a millisecond's sleep when
 * nothing is ready), failing with @what after @deadline. */
void   fbk_test_wait_step       (gint64          deadline,
                                 guint           timeout_seconds,
                                 const char     *location,
                                 const char     *what);
/* A session talking to @base_url (the demo server, say) on a clock pinned
 * at @now, with @token (nullable) and @store (nullable), that does not
 * retry: failures show at once rather than after the backoff. */
FbkSession *fbk_test_new_session    (const char     *base_url,
                                     FbkInstant      now,
                                     const char     *token,
                                     FbkStore       *store);
/* The demo household served at @now by a demo server of its own
 * (*@out_server, to unref after the session), in a session that has
 * discovered its meters, as the window has them before a page shows. */
FbkSession *fbk_test_new_demo_session (FbkInstant      now,
                                       FbkDemoServer **out_server);
/* The content of tests/fixtures/NAME, or an assertion failure. */
GBytes    *fbk_test_load_fixture    (const char     *name);
/* The rows (GStrv) of an RFC 4180 document as Forbruk writes it, asserting
 * it is well formed: an optional byte order mark, quoted fields with
 * doubled quotes, CRLF after every row. */
GPtrArray *fbk_test_read_csv        (const char     *text,
                                     char            separator);
/* The names of the elements of an XML document (SVG), in document order,
 * asserting it parses. */
GPtrArray *fbk_test_markup_elements (const char     *text,
                                     gsize           length);
/* Like strstr () in data that may hold NUL bytes (PDF streams). */
gboolean   fbk_test_contains_bytes  (const char     *data,
                                     gsize           length,
                                     const char     *needle);

/* Asserts that the SQLite database at @path passes PRAGMA integrity_check. */
void       fbk_test_assert_db_intact   (const char     *path);
/* Asserts that @store holds every hour of [@from, @to) of one series: one
 * hourly value per hour, in order, nothing missing. */
void       fbk_test_assert_store_hours (FbkStore       *store,
                                        const char     *metering_point_id,
                                        FbkDirection    direction,
                                        FbkInstant      from,
                                        FbkInstant      to);

/* Fails when @text holds anything a terminal would act on or that would
 * reorder what it shows: a control character (C0, DEL, C1 such as U+009B,
 * a one-character CSI) other than a line break, or a bidirectional
 * override. For text from a server that reached a message. */
void       fbk_test_assert_showable       (const char     *text);
/* Fails when any eight characters in a row of @token are in @text. */
void       fbk_test_assert_no_token_piece (const char     *text,
                                           const char     *token);

/* An RFC 3339 time, or an assertion failure. */
FbkInstant fbk_test_instant     (const char     *text);
void       fbk_test_remove_tree (const char     *path);

/* Where fbk_test_async_done_cb() puts the result of an _async call:
 * wait with fbk_test_wait_until (async.done, …), then _finish. */
typedef struct
{
  GAsyncResult *result;       /* owned; g_clear_object() it */
  gboolean      done;
  guint         n_callbacks;
} FbkTestAsync;

void   fbk_test_async_done_cb   (GObject        *source,
                                 GAsyncResult   *result,
                                 gpointer        user_data);

G_END_DECLS
