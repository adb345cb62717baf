/* fbk-bench-hook.h: test-only probes for the start-up and fetch benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-main-view.h"

G_BEGIN_DECLS

void fbk_bench_hook_watch (FbkMainView *view);

G_END_DECLS
