/* test-meter-list.c: picking, badges and renaming in a real FbkMeterList
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-meter-list.h"
#include "fbk-meter-row.h"
#include "fbk-test-ui.h"

#define HOME_ID    "707057500012345678"
#define CABIN_ID   "707057500087654321"
#define GRANNY_ID  "707057500011112222"
#define SHED_ID    "707057500099990000"

typedef struct
{
  GtkWindow        *window;
  AdwToastOverlay  *overlay;
  FbkMeterList     *list;
  GListStore       *meters;
  FbkMeteringPoint *home;     /* named, consumption only */
  FbkMeteringPoint *cabin;    /* unnamed, produces */
  FbkMeteringPoint *granny;   /* in Innlandet */
  guint             n_picked_notifies;
  GPtrArray        *renamed;
} Fixture;

static void
on_picked_ids_notify_cb (FbkMeterList *list,
                         GParamSpec   *pspec,
                         Fixture      *fixture)
{
  fixture->n_picked_notifies++;
}

static void
on_meter_renamed_cb (FbkMeterList     *list,
                     FbkMeteringPoint *meter,
                     Fixture          *fixture)
{
  g_ptr_array_add (fixture->renamed, g_object_ref (meter));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->home = fbk_metering_point_new (HOME_ID);
  fbk_metering_point_set_name (fixture->home, "Hjemme");
  fixture->cabin = fbk_metering_point_new (CABIN_ID);
  fbk_metering_point_set_produces (fixture->cabin, TRUE);
  fixture->granny = fbk_metering_point_new (GRANNY_ID);
  fbk_metering_point_set_name (fixture->granny, "Bestemor på Hamar");
  fbk_metering_point_set_always_unverified (fixture->granny, TRUE);

  fixture->meters = g_list_store_new (FBK_TYPE_METERING_POINT);
  g_list_store_append (fixture->meters, fixture->home);
  g_list_store_append (fixture->meters, fixture->cabin);
  g_list_store_append (fixture->meters, fixture->granny);

  fixture->renamed = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->list = FBK_METER_LIST (fbk_meter_list_new ());
  g_signal_connect (fixture->list, "notify::picked-ids", G_CALLBACK (on_picked_ids_notify_cb), fixture);
  g_signal_connect (fixture->list, "meter-renamed", G_CALLBACK (on_meter_renamed_cb), fixture);
  fbk_meter_list_set_model (fixture->list, G_LIST_MODEL (fixture->meters));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 300, 400);
  /* As in the window: toasts go to the overlay around it. */
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (fixture->overlay, GTK_WIDGET (fixture->list));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
  gtk_window_present (fixture->window);
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (fixture->list));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->meters);
  g_clear_object (&fixture->home);
  g_clear_object (&fixture->cabin);
  g_clear_object (&fixture->granny);
  g_clear_pointer (&fixture->renamed, g_ptr_array_unref);
}

static FbkMeterRow *
row_of (Fixture          *fixture,
        FbkMeteringPoint *meter)
{
  GtkWidget *list_box = fbk_test_ui_find (GTK_WIDGET (fixture->list), GTK_TYPE_LIST_BOX, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (list_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (FBK_IS_METER_ROW (child) && fbk_meter_row_get_meter (FBK_METER_ROW (child)) == meter)
        return FBK_METER_ROW (child);
    }

  g_error ("no row for %s", fbk_metering_point_get_id (meter));
}

static GtkCheckButton *
check_of (Fixture          *fixture,
          FbkMeteringPoint *meter)
{
  return GTK_CHECK_BUTTON (fbk_test_ui_find (GTK_WIDGET (row_of (fixture, meter)), GTK_TYPE_CHECK_BUTTON, NULL));
}

/* Whether a label with @text is on screen in @meter's row. */
static GtkWidget *
shown_label (Fixture          *fixture,
             FbkMeteringPoint *meter,
             const char       *text)
{
  GtkWidget *label = fbk_test_ui_find (GTK_WIDGET (row_of (fixture, meter)), GTK_TYPE_LABEL, text);

  return label != NULL && gtk_widget_get_mapped (label) ? label : NULL;
}

/* Clicks @meter's check button. */
static void
toggle (Fixture          *fixture,
        FbkMeteringPoint *meter)
{
  gtk_widget_activate (GTK_WIDGET (check_of (fixture, meter)));
}

static void
assert_picked (Fixture    *fixture,
               const char *first,
               ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  g_auto(GStrv) property = NULL;
  const char * const *picked = fbk_meter_list_get_picked_ids (fixture->list);
  va_list args;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    g_strv_builder_add (builder, id);
  va_end (args);
  expected = g_strv_builder_end (builder);

  if (!g_strv_equal (picked, (const char * const *) expected))
    {
      g_autofree char *got = g_strjoinv (",", (GStrv) picked);
      g_autofree char *want = g_strjoinv (",", expected);

      g_error ("picked %s, expected %s", got, want);
    }

  g_object_get (fixture->list, "picked-ids", &property, NULL);
  g_assert_true (g_strv_equal ((const char * const *) property, picked));

  /* The check buttons say the same. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->meters)); i++)
    {
      g_autoptr(FbkMeteringPoint) meter = g_list_model_get_item (G_LIST_MODEL (fixture->meters), i);

      g_assert_cmpint (gtk_check_button_get_active (check_of (fixture, meter)), ==,
                       g_strv_contains (picked, fbk_metering_point_get_id (meter)));
    }
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *badge;

  /* A name, with the grouped id under it. */
  g_assert_nonnull (shown_label (fixture, fixture->home, "Hjemme"));
  g_assert_nonnull (shown_label (fixture, fixture->home, "707 057 500 012 345 678"));
  /* No name: a title from the last digits, the grouped id under it. */
  g_assert_nonnull (shown_label (fixture, fixture->cabin, "Metering point …654 321"));
  g_assert_nonnull (shown_label (fixture, fixture->cabin, "707 057 500 087 654 321"));

  /* Badges only where they apply. */
  g_assert_null (shown_label (fixture, fixture->home, "Production"));
  g_assert_null (shown_label (fixture, fixture->home, "Always Unverified"));
  g_assert_nonnull (shown_label (fixture, fixture->cabin, "Production"));
  g_assert_null (shown_label (fixture, fixture->cabin, "Always Unverified"));
  g_assert_null (shown_label (fixture, fixture->granny, "Production"));
  badge = shown_label (fixture, fixture->granny, "Always Unverified");
  g_assert_nonnull (badge);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (badge), "Innlandet"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (badge), "unverified even when"));

  /* Badges follow the meter. */
  fbk_metering_point_set_produces (fixture->home, TRUE);
  fbk_test_ui_spin (50);
  g_assert_nonnull (shown_label (fixture, fixture->home, "Production"));
}

/* Badges arriving after a load never widen the sidebar, which asks for
 * 280 px (fbk-main-view.ui): a meter with both still fits in it. */
static void
test_badges_keep_width (Fixture       *fixture,
                        gconstpointer  data)
{
  int before, after;

  fbk_metering_point_set_always_unverified (fixture->granny, FALSE);
  fbk_test_ui_spin (50);
  gtk_widget_measure (GTK_WIDGET (fixture->list), GTK_ORIENTATION_HORIZONTAL, -1, &before, NULL, NULL, NULL);

  fbk_metering_point_set_always_unverified (fixture->cabin, TRUE);
  fbk_test_ui_spin (50);
  g_assert_nonnull (shown_label (fixture, fixture->cabin, "Production"));
  g_assert_nonnull (shown_label (fixture, fixture->cabin, "Always Unverified"));
  gtk_widget_measure (GTK_WIDGET (fixture->list), GTK_ORIENTATION_HORIZONTAL, -1, &after, NULL, NULL, NULL);

  g_test_message ("the list's minimum width: %d px without, %d px with both badges", before, after);
  g_assert_cmpint (after, <=, 280);
}

static void
test_pick (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *list_box = fbk_test_ui_find (GTK_WIDGET (fixture->list), GTK_TYPE_LIST_BOX, NULL);

  g_assert_true (gtk_widget_has_css_class (list_box, "navigation-sidebar"));

  /* With nothing asked for, the first meter is picked. */
  assert_picked (fixture, HOME_ID, NULL);
  fixture->n_picked_notifies = 0;

  toggle (fixture, fixture->granny);
  assert_picked (fixture, HOME_ID, GRANNY_ID, NULL);
  /* Activating the row picks as the check button does; order is the model's. */
  g_signal_emit_by_name (row_of (fixture, fixture->cabin), "activate");
  assert_picked (fixture, HOME_ID, CABIN_ID, GRANNY_ID, NULL);
  g_assert_cmpuint (fixture->n_picked_notifies, ==, 2);

  toggle (fixture, fixture->home);
  toggle (fixture, fixture->granny);
  assert_picked (fixture, CABIN_ID, NULL);
  g_assert_cmpuint (fixture->n_picked_notifies, ==, 4);

  /* The last one stays picked, and a toast says why. */
  g_assert_null (fbk_test_ui_find (GTK_WIDGET (fixture->overlay), GTK_TYPE_LABEL, "One metering point is always shown"));
  toggle (fixture, fixture->cabin);
  assert_picked (fixture, CABIN_ID, NULL);
  fbk_test_ui_wait_for_text (GTK_WIDGET (fixture->overlay),
                             "One metering point is always shown. Check another one before unchecking this one.", 2);
  g_signal_emit_by_name (row_of (fixture, fixture->cabin), "activate");
  assert_picked (fixture, CABIN_ID, NULL);
  g_assert_cmpuint (fixture->n_picked_notifies, ==, 4);
}

static void
test_picked_ids_property (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *wanted[] = { GRANNY_ID, SHED_ID, NULL };
  const char *unknown[] = { "707057500000000000", NULL };
  g_autoptr(FbkMeteringPoint) shed = fbk_metering_point_new (SHED_ID);
  guint position;

  /* Restoring before every meter is known: the known ones are picked, the
   * others when they turn up. */
  g_object_set (fixture->list, "picked-ids", wanted, NULL);
  assert_picked (fixture, GRANNY_ID, NULL);
  g_list_store_append (fixture->meters, shed);
  assert_picked (fixture, GRANNY_ID, SHED_ID, NULL);

  /* A picked meter that goes away is dropped... */
  g_assert_true (g_list_store_find (fixture->meters, fixture->granny, &position));
  g_list_store_remove (fixture->meters, position);
  assert_picked (fixture, SHED_ID, NULL);
  /* ...and when none is left, the first one is picked. */
  g_list_store_remove (fixture->meters, g_list_model_get_n_items (G_LIST_MODEL (fixture->meters)) - 1);
  assert_picked (fixture, HOME_ID, NULL);

  fbk_meter_list_set_picked_ids (fixture->list, unknown);
  assert_picked (fixture, HOME_ID, NULL);

  /* No meters, nothing picked. */
  g_list_store_remove_all (fixture->meters);
  g_assert_cmpuint (g_strv_length ((GStrv) fbk_meter_list_get_picked_ids (fixture->list)), ==, 0);
}

static void
rename_to (Fixture          *fixture,
           FbkMeteringPoint *meter,
           const char       *name)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (fbk_test_ui_find (GTK_WIDGET (row_of (fixture, meter)),
                                                             GTK_TYPE_MENU_BUTTON, NULL));
  GtkPopover *popover;
  GtkWidget *entry;

  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  fbk_test_ui_wait_for_mapped (GTK_WIDGET (popover));
  entry = fbk_test_ui_find (GTK_WIDGET (popover), GTK_TYPE_ENTRY, NULL);

  /* The entry starts with the current name, the grouped id as a hint. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   fbk_metering_point_get_name (meter) != NULL ? fbk_metering_point_get_name (meter) : "");
  g_assert_nonnull (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)));

  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  fbk_test_ui_spin (50);
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  rename_to (fixture, fixture->cabin, "  Hytta ");
  g_assert_cmpstr (fbk_metering_point_get_name (fixture->cabin), ==, "Hytta");
  g_assert_cmpuint (fixture->renamed->len, ==, 1);
  g_assert_true (g_ptr_array_index (fixture->renamed, 0) == fixture->cabin);
  g_assert_nonnull (shown_label (fixture, fixture->cabin, "Hytta"));
  g_assert_nonnull (shown_label (fixture, fixture->cabin, "707 057 500 087 654 321"));

  /* The same name again is no rename. */
  rename_to (fixture, fixture->cabin, "Hytta");
  g_assert_cmpuint (fixture->renamed->len, ==, 1);

  /* An empty name brings back the id. */
  rename_to (fixture, fixture->home, "");
  g_assert_null (fbk_metering_point_get_name (fixture->home));
  g_assert_cmpuint (fixture->renamed->len, ==, 2);
  g_assert_true (g_ptr_array_index (fixture->renamed, 1) == fixture->home);
  g_assert_nonnull (shown_label (fixture, fixture->home, "707 057 500 012 345 678"));
  g_assert_null (shown_label (fixture, fixture->home, "Hjemme"));

  /* Renaming does not change what is picked. */
  assert_picked (fixture, HOME_ID, NULL);
}

int
main (int   argc,
      char *argv[])
{
  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();

  g_test_add ("/meter-list/rows", Fixture, NULL, fixture_set_up, test_rows, fixture_tear_down);
  g_test_add ("/meter-list/pick", Fixture, NULL, fixture_set_up, test_pick, fixture_tear_down);
  g_test_add ("/meter-list/badges-keep-width", Fixture, NULL, fixture_set_up, test_badges_keep_width, fixture_tear_down);
  g_test_add ("/meter-list/picked-ids", Fixture, NULL, fixture_set_up, test_picked_ids_property, fixture_tear_down);
  g_test_add ("/meter-list/rename", Fixture, NULL, fixture_set_up, test_rename, fixture_tear_down);

  return g_test_run ();
}
