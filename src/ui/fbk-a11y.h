/* fbk-a11y.h: what GTK 4.8 and libadwaita 1.2 leave out for screen
 * readers and keyboards, put back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void fbk_a11y_init            (void);
void fbk_a11y_set_menu_button (GtkMenuButton *button,
                               const char    *name);
void fbk_a11y_name_controls   (GtkWidget     *widget,
                               const char    *name);
void fbk_a11y_drop_down_one_stop (GtkDropDown *drop_down);

G_END_DECLS
