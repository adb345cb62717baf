/* fbk-test-ui.h: helpers for tests that need a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fbk-demo-server.h"
#include "fbk-session.h"

G_BEGIN_DECLS

/* Initialises GTK and libadwaita. Without a display the whole test program
 * is skipped, unless FORBRUK_TEST_REQUIRE_DISPLAY=1 (as in CI), where a
 * missing display is a failure. Returns FALSE when the caller should just
 * return g_test_run () to report the skips. */
gboolean fbk_test_ui_init              (int         *argc,
                                        char      ***argv);
/* Iterates the main context until @widget is mapped and has drawn, failing
 * the test after 10 s (times fbk_test_time_scale()). */
void     fbk_test_ui_wait_for_mapped   (GtkWidget   *widget);
/* Iterates the main context for about @milliseconds. */
void     fbk_test_ui_spin              (guint        milliseconds);

/* Starts @server on loopback and returns a session with no token yet for
 * it, on its clock (fbk_test_new_session()). */
FbkSession    *fbk_test_ui_start_demo     (FbkDemoServer *server,
                                           FbkStore      *store);
/* An http address on loopback where nothing listens any more. */
char          *fbk_test_ui_dup_unreachable_url (void);
/* Pastes @text into the token row at or below @root and presses Connect. */
void           fbk_test_ui_paste_token    (GtkWidget     *root,
                                           const char    *text);
/* Presents @child alone in a new 600×1400 window and waits until it is
 * drawn. */
GtkWindow *fbk_test_ui_show            (GtkWidget   *child);
/* Presses @keys, xdotool's key names separated by spaces ("Right Right",
 * "alt+Left"), on the display's keyboard after giving @window the input
 * focus; returns once they are sent, not handled. With "", only gives the
 * focus, as a click on the window would (GTK tells widgets of the focus
 * only in the active window). Needs xdotool. */
void       fbk_test_ui_press_keys      (GtkWindow   *window,
                                        const char  *keys);
/* Skips the test (TRUE) where there is no xdotool to press keys through
 * the X server with, as in flatpak-builder's build sandbox. */
gboolean   fbk_test_ui_skip_without_keys (void);
/* An accessible property of @widget as GTK's test backend
 * (GTK_A11Y=test) keeps it, as text; NULL when it is not set. */
char      *fbk_test_ui_dup_accessible_property   (GtkWidget             *widget,
                                                  GtkAccessibleProperty  property);
/* Iterates the main context until @widget's accessible label is
 * @expected, failing the test after 10 s (times fbk_test_time_scale()). */
void       fbk_test_ui_wait_for_accessible_label (GtkWidget             *widget,
                                                  const char            *expected);
/* The first visible window of @type, or NULL. */
GtkWindow *fbk_test_ui_find_window     (GType        type);

G_END_DECLS

/* The first widget of @type at or below @root (popovers included) whose
 * text contains @text or, for an actionable, whose action name is @text;
 * any widget of @type when @text is NULL. The text of a label is its text
 * (or its label with mnemonics), of a button its label without mnemonic
 * underscores, of a preferences row its title. NULL if there is none. */
GtkWidget *fbk_test_ui_find            (GtkWidget   *root,
                                        GType        type,
                                        const char  *text);
/* The text of every label at or below @root, one per line; with
 * @mapped_only only what is on screen (not hidden, not on another stack
 * page). */
char      *fbk_test_ui_dup_text        (GtkWidget   *root,
                                        gboolean     mapped_only);
/* Iterates the main context until a label on screen below @root contains
 * @text, failing the test (and showing what is on screen) after
 * @timeout_seconds (times fbk_test_time_scale()). */
void       fbk_test_ui_wait_for_text   (GtkWidget   *root,
                                        const char  *text,
                                        guint        timeout_seconds);
/* Clicks the button (or activates the row) below @root labelled @label
 * (without underscores), which must be there and sensitive. */
void       fbk_test_ui_click           (GtkWidget   *root,
                                        const char  *label);
