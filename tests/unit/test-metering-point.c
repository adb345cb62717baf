/* test-metering-point.c: ids, names and contract bounds of a metering point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fbk-metering-point.h"

static void
test_id_validation (void)
{
  const char *good[] = { "707057500012345678", "000000000000000001", "999999999999999999" };
  const char *bad[] = {
    "", "70705750001234567", "7070575000123456789", "70705750001234567a", " 707057500012345678",
    "707057500012345678 ", "707 057 500 012 345 678", "-70705750001234567", "+70705750001234567",
    "７０７057500012345678", "7070575000123456\n8",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (fbk_metering_point_id_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      if (fbk_metering_point_id_is_valid (bad[i]))
        g_error ("accepted id “%s”", bad[i]);
    }
  g_assert_false (fbk_metering_point_id_is_valid (NULL));
}

static void
test_id_format (void)
{
  g_autofree char *grouped = fbk_metering_point_id_format ("707057500012345678");
  g_autofree char *zeros = fbk_metering_point_id_format ("000000000000000001");
  g_autofree char *not_an_id = fbk_metering_point_id_format ("12345");

  g_assert_cmpstr (grouped, ==, "707 057 500 012 345 678");
  g_assert_cmpstr (zeros, ==, "000 000 000 000 000 001");
  g_assert_cmpstr (not_an_id, ==, "12345");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GHashTable *counts = user_data;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (count + 1));
}

static guint
notifications (GHashTable *counts,
               const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_properties (void)
{
  g_autoptr(FbkMeteringPoint) point = fbk_metering_point_new ("000000000000000042");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *id = NULL;
  FbkInstant start = 0;

  g_signal_connect (point, "notify", G_CALLBACK (count_notify), counts);

  /* the id stays a string: leading zeros survive */
  g_assert_cmpstr (fbk_metering_point_get_id (point), ==, "000000000000000042");
  g_object_get (point, "id", &id, "contract-start", &start, NULL);
  g_assert_cmpstr (id, ==, "000000000000000042");
  g_assert_cmpint (start, ==, FBK_INSTANT_INVALID);
  g_assert_cmpint (fbk_metering_point_get_contract_end (point), ==, FBK_INSTANT_INVALID);
  g_assert_false (fbk_metering_point_get_produces (point));
  g_assert_null (fbk_metering_point_get_name (point));

  fbk_metering_point_set_contract_start (point, 1460671200);
  fbk_metering_point_set_contract_start (point, 1460671200);
  g_assert_cmpint (fbk_metering_point_get_contract_start (point), ==, 1460671200);
  g_assert_cmpuint (notifications (counts, "contract-start"), ==, 1);

  g_object_set (point, "contract-end", (gint64) 1675119600, "produces", TRUE, NULL);
  g_assert_cmpint (fbk_metering_point_get_contract_end (point), ==, 1675119600);
  g_assert_true (fbk_metering_point_get_produces (point));
  fbk_metering_point_set_produces (point, 2);  /* any true is TRUE: no notify */
  g_assert_cmpuint (notifications (counts, "produces"), ==, 1);
  g_assert_cmpuint (notifications (counts, "contract-end"), ==, 1);

  fbk_metering_point_set_contract_end (point, FBK_INSTANT_INVALID);
  g_assert_cmpint (fbk_metering_point_get_contract_end (point), ==, FBK_INSTANT_INVALID);
  g_assert_cmpuint (notifications (counts, "contract-end"), ==, 2);
}

/* The last six digits tell a household's meters apart: they share the
 * grid company's first twelve. */
static void
test_default_name (void)
{
  g_autofree char *house = fbk_metering_point_dup_default_name ("707057500061439208");
  g_autofree char *flat = fbk_metering_point_dup_default_name ("707057500072815367");
  g_autofree char *odd = fbk_metering_point_dup_default_name ("not an id");

  g_assert_cmpstr (house, ==, "Metering point …439 208");
  g_assert_cmpstr (flat, ==, "Metering point …815 367");
  g_assert_cmpstr (odd, ==, "not an id");
}

static void
test_display_name (void)
{
  g_autoptr(FbkMeteringPoint) point = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  char *display;

  point = g_object_new (FBK_TYPE_METERING_POINT,
                        "id", "707057500012345678",
                        "name", "  Hytta \n",
                        NULL);
  g_signal_connect (point, "notify", G_CALLBACK (count_notify), counts);

  g_assert_cmpstr (fbk_metering_point_get_name (point), ==, "Hytta");
  display = fbk_metering_point_dup_display_name (point);
  g_assert_cmpstr (display, ==, "Hytta");
  g_free (display);

  /* the same name, stripped, is no change */
  fbk_metering_point_set_name (point, "Hytta ");
  g_assert_cmpuint (notifications (counts, "name"), ==, 0);

  /* a blank name is no name: the grouped id comes back */
  fbk_metering_point_set_name (point, "   ");
  g_assert_null (fbk_metering_point_get_name (point));
  g_assert_cmpuint (notifications (counts, "name"), ==, 1);
  display = fbk_metering_point_dup_display_name (point);
  g_assert_cmpstr (display, ==, "707 057 500 012 345 678");
  g_free (display);

  fbk_metering_point_set_name (point, "Hjemme – kjeller");
  g_assert_cmpuint (notifications (counts, "name"), ==, 2);
  fbk_metering_point_set_name (point, NULL);
  g_assert_null (fbk_metering_point_get_name (point));
  g_assert_cmpuint (notifications (counts, "name"), ==, 3);
}

static void
test_invalid_id (void)
{
  FbkMeteringPoint *point;

  g_test_expect_message ("fbk-metering-point", G_LOG_LEVEL_CRITICAL, "*fbk_metering_point_id_is_valid*");
  point = fbk_metering_point_new ("70705750001234567");
  g_test_assert_expected_messages ();
  g_assert_null (point);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/metering-point/id/validation", test_id_validation);
  g_test_add_func ("/metering-point/id/format", test_id_format);
  g_test_add_func ("/metering-point/properties", test_properties);
  g_test_add_func ("/metering-point/display-name", test_display_name);
  g_test_add_func ("/metering-point/default-name", test_default_name);
  g_test_add_func ("/metering-point/invalid-id", test_invalid_id);

  return g_test_run ();
}
