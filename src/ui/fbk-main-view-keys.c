/* fbk-main-view-keys.c: the chart's keys from anywhere in the main view
 *
 * + − 0 zoom the chart on screen and Ctrl+C copies it, whatever has the
 * focus, as long as it is not a text field (which keeps its own keys):
 * no hunting for the chart with Tab first. The arrows stay with the
 * focused chart, which walks its bars with them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-main-view"

#include "config.h"

#include "fbk-main-view-private.h"

static gboolean
text_has_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));
}

/* Runs @args' action on the visible page's chart; FALSE lets the key go
 * on where the chart is not on screen or a text field has the focus. */
static gboolean
chart_key_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  FbkPage *page = _fbk_main_view_get_visible_page (FBK_MAIN_VIEW (widget));
  FbkChartView *chart = page != NULL ? fbk_page_get_chart (page) : NULL;
  const char *action = g_variant_get_string (args, NULL);

  if (chart == NULL || !gtk_widget_get_mapped (GTK_WIDGET (chart)) || text_has_focus (widget))
    return FALSE;

  return gtk_widget_activate_action (g_str_has_prefix (action, "chart.") ? GTK_WIDGET (chart) : widget,
                                     action, NULL);
}

static void
add_chart_key (GtkWidgetClass *widget_class,
               guint           keyval,
               const char     *action)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, chart_key_cb, "s", action);
  gtk_widget_class_add_binding (widget_class, keyval, GDK_CONTROL_MASK, chart_key_cb, "s", action);
}

void
_fbk_main_view_class_init_keys (GtkWidgetClass *widget_class)
{
  add_chart_key (widget_class, GDK_KEY_plus, "chart.zoom-in");
  add_chart_key (widget_class, GDK_KEY_equal, "chart.zoom-in");
  add_chart_key (widget_class, GDK_KEY_KP_Add, "chart.zoom-in");
  add_chart_key (widget_class, GDK_KEY_minus, "chart.zoom-out");
  add_chart_key (widget_class, GDK_KEY_KP_Subtract, "chart.zoom-out");
  add_chart_key (widget_class, GDK_KEY_0, "chart.reset");
  add_chart_key (widget_class, GDK_KEY_KP_0, "chart.reset");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, chart_key_cb, "s", "export.copy-chart");
}
