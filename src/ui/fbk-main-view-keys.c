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

void
_fbk_main_view_class_init_keys (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < fbk_chart_view_n_zoom_keys; i++)
    {
      const FbkChartViewKey *key = &fbk_chart_view_zoom_keys[i];

      gtk_widget_class_add_binding (widget_class, key->keyval, 0, chart_key_cb, "s", key->action_name);
      gtk_widget_class_add_binding (widget_class, key->keyval, GDK_CONTROL_MASK, chart_key_cb, "s", key->action_name);
    }
  gtk_widget_class_add_binding (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, chart_key_cb, "s", "export.copy-chart");
}
