/* fbk-test-ui.h: helpers for tests that need a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Initialises GTK and libadwaita. Without a display the whole test program
 * is skipped, unless FORBRUK_TEST_REQUIRE_DISPLAY=1 (as in CI), where a
 * missing display is a failure. Returns FALSE when the caller should just
 * return g_test_run () to report the skips. */
gboolean fbk_test_ui_init              (int         *argc,
                                        char      ***argv);
/* Iterates the main context until @widget is mapped and has drawn. */
void     fbk_test_ui_wait_for_mapped   (GtkWidget   *widget);
/* Iterates the main context for about @milliseconds. */
void     fbk_test_ui_spin              (guint        milliseconds);
/* The first widget of @type at or below @root (popovers included) whose
 * label is @text, or whose action name is @text for an actionable; any
 * widget of @type when @text is NULL. */
GtkWidget *fbk_test_ui_find            (GtkWidget   *root,
                                        GType        type,
                                        const char  *text);

G_END_DECLS
