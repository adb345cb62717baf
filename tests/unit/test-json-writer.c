/* test-json-writer.c: JSON numbers as people write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "fbk-json-writer.h"
#include "fbk-test-support.h"

/* At a stated precision: rounded to it, then no trailing zeros. */
static void
test_stated_precision (void)
{
  const struct {
    double      value;
    int         decimals;
    const char *text;
  } cases[] = {
    /* The double nearest 9.621 is 9.62100000000000044…, which json-glib
     * prints as 9.6210000000000004. */
    { 9.621, 3, "9.621" },
    { 9.6209996, 3, "9.621" },
    { 3.0, 3, "3" },
    { 3.5, 3, "3.5" },
    { 0.1 + 0.2, 2, "0.3" },
    { 1234.5, 2, "1234.5" },
    { 17052.0, 0, "17052" },
    { 2.5, 0, "3" },           /* round() takes halves away from zero */
    { -0.001, 2, "0" },        /* never "-0" */
    { -0.0, 3, "0" },
    { -12.345, 2, "-12.35" },  /* -12.345 is stored as -12.34500000000000063… */
    { 100.0, 2, "100" },       /* zeros before the point stay */
    { NAN, 3, "null" },        /* unknown is never zero */
    { INFINITY, 3, "null" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = fbk_json_format_number (cases[i].value, cases[i].decimals);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Without one: the shortest text that reads back as the same double. */
static void
test_shortest_round_trip (void)
{
  const struct {
    double      value;
    const char *text;
  } cases[] = {
    { 9.621, "9.621" },
    { 0.1 + 0.2, "0.30000000000000004" },   /* not 0.3: that is another double */
    { 23.0, "23" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { 0.0, "0" },
    { -0.0, "0" },
    { 10.0, "10" },                         /* not "1e+01", which %g writes */
    { 1234567.0, "1234567" },
    { 1e-7, "0.0000001" },
    { 1e300, "1e+300" },                    /* no number a meter has */
    { NAN, "null" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = fbk_json_format_number (cases[i].value, FBK_JSON_ANY_PRECISION);

      g_assert_cmpstr (text, ==, cases[i].text);
      if (isfinite (cases[i].value))
        g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, cases[i].value);
    }
}

/* A tree from JsonBuilder, written with short numbers and read back the
 * same by json-glib; strings escaped as RFC 8259 asks. */
static void
test_node (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kwh");
  json_builder_add_double_value (builder, 9.621);
  json_builder_set_member_name (builder, "step");
  json_builder_add_int_value (builder, 3);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Hytta \"nord\"\\\n");
  json_builder_set_member_name (builder, "verified");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "headroom");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "hours");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  text = fbk_json_node_to_data (root);
  g_assert_cmpstr (text, ==,
                   "[\n"
                   "  {\n"
                   "    \"kwh\": 9.621,\n"
                   "    \"step\": 3,\n"
                   "    \"name\": \"Hytta \\\"nord\\\"\\\\\\u000a\",\n"
                   "    \"verified\": true,\n"
                   "    \"headroom\": null,\n"
                   "    \"hours\": []\n"
                   "  }\n"
                   "]\n");

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  object = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpfloat (json_object_get_double_member (object, "kwh"), ==, 9.621);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Hytta \"nord\"\\\n");
}

int
main (int   argc,
      char *argv[])
{
  /* JSON has a decimal point whatever the locale: run in one with a comma
   * if this machine has it. */
  if (setlocale (LC_ALL, "nb_NO.UTF-8") == NULL)
    setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-writer/stated-precision", test_stated_precision);
  g_test_add_func ("/json-writer/shortest-round-trip", test_shortest_round_trip);
  g_test_add_func ("/json-writer/node", test_node);

  return g_test_run ();
}
