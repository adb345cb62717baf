/* fbk-test-support.h: helpers shared by Forbruk's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Runs the default main context until *flag is TRUE, failing the test after
 * timeout_seconds instead of hanging. */
#define fbk_test_wait_until(flag, timeout_seconds) \
  fbk_test_wait_until_impl (&(flag), (timeout_seconds), G_STRLOC, #flag)

void   fbk_test_wait_until_impl (const gboolean *flag,
                                 guint           timeout_seconds,
                                 const char     *location,
                                 const char     *what);
/* The content of tests/fixtures/NAME, or an assertion failure. */
GBytes *fbk_test_load_fixture   (const char     *name);

G_END_DECLS
