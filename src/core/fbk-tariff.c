/* fbk-tariff.c: dated capacity-tariff tables (kapasitetsledd)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-tariff"

#include "config.h"

#include <math.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "fbk-core-resources.h"
#include "fbk-error.h"
#include "fbk-tariff.h"

#define DEFAULT_TABLE_PATH RESOURCE_BASE_PATH "/tariffs/elvia-capacity.json"

/* Averages are means of three-decimal values and carry binary rounding:
 * (2.001 + 1.999 + 2.000) / 3 need not come out as exactly 2. Under
 * GOES_UP an average this close below a bound counts as at the bound. */
#define FLOAT_SLACK 1e-9

struct _FbkTariff
{
  GObject    parent_instance;

  GPtrArray *tables;  /* FbkTariffTable, oldest first */
};

G_DEFINE_FINAL_TYPE (FbkTariff, fbk_tariff, G_TYPE_OBJECT)

static void
table_free (FbkTariffTable *table)
{
  g_free ((char *) table->source);
  g_free ((FbkTariffStep *) table->steps);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FbkTariffTable, table_free)

static void
fbk_tariff_finalize (GObject *object)
{
  FbkTariff *self = (FbkTariff *)object;

  g_clear_pointer (&self->tables, g_ptr_array_unref);

  G_OBJECT_CLASS (fbk_tariff_parent_class)->finalize (object);
}

static void
fbk_tariff_class_init (FbkTariffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fbk_tariff_finalize;
}

static void
fbk_tariff_init (FbkTariff *self)
{
  self->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
}

G_GNUC_PRINTF (2, 3)
static gboolean
fail (GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_FIELD,
               _("The capacity tariff table is invalid: %s"), why);
  return FALSE;
}

/* A number member, or NAN when it is null; anything else fails. */
static gboolean
read_bound (JsonObject *object,
            const char *member,
            double     *out_value)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out_value = NAN;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;

  *out_value = json_node_get_double (node);
  return isfinite (*out_value);
}

static gboolean
parse_steps (JsonArray       *array,
             const char      *valid_from,
             FbkTariffTable  *table,
             GError         **error)
{
  guint n_steps = json_array_get_length (array);
  FbkTariffStep *steps;

  if (n_steps == 0)
    return fail (error, _("the table from %s has no steps"), valid_from);

  steps = g_new0 (FbkTariffStep, n_steps);
  table->steps = steps;
  table->n_steps = n_steps;

  for (guint i = 0; i < n_steps; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      double price;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, _("step %u of the table from %s is not an object"), i + 1, valid_from);
      object = json_node_get_object (node);

      if (!read_bound (object, "from", &steps[i].lower) || isnan (steps[i].lower) ||
          !read_bound (object, "to", &steps[i].upper) ||
          !read_bound (object, "price", &price))
        return fail (error, _("step %u of the table from %s lacks a bound or price"), i + 1, valid_from);

      /* Only the top step is open, and the steps tile the axis from 0. */
      if (isnan (steps[i].upper))
        steps[i].upper = INFINITY;
      if ((i + 1 < n_steps) == isinf (steps[i].upper) ||
          steps[i].lower >= steps[i].upper ||
          steps[i].lower != (i == 0 ? 0.0 : steps[i - 1].upper))
        return fail (error, _("step %u of the table from %s does not follow on from the one below"),
                     i + 1, valid_from);

      if (!isnan (price) && price < 0.0)
        return fail (error, _("step %u of the table from %s has a negative price"), i + 1, valid_from);
      steps[i].price = price;
    }

  return TRUE;
}

static FbkTariffTable *
parse_table (JsonNode  *node,
             guint      index,
             GError   **error)
{
  g_autoptr(FbkTariffTable) table = g_new0 (FbkTariffTable, 1);
  JsonObject *object;
  JsonNode *steps;
  const char *valid_from;
  const char *boundary;
  const char *source;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, _("table %u is not an object"), index + 1);
      return NULL;
    }
  object = json_node_get_object (node);

  valid_from = json_object_get_string_member_with_default (object, "valid_from", NULL);
  if (valid_from == NULL || !fbk_time_parse_date (valid_from, &table->valid_from))
    {
      fail (error, _("table %u has no valid_from date"), index + 1);
      return NULL;
    }

  boundary = json_object_get_string_member_with_default (object, "boundary", "");
  if (g_str_equal (boundary, "stays-below"))
    table->boundary = FBK_TARIFF_BOUNDARY_STAYS_BELOW;
  else if (g_str_equal (boundary, "goes-up"))
    table->boundary = FBK_TARIFF_BOUNDARY_GOES_UP;
  else
    {
      fail (error, _("the table from %s has an unknown boundary rule"), valid_from);
      return NULL;
    }

  if (!json_object_has_member (object, "prices_include_vat") ||
      !JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "prices_include_vat")) ||
      json_node_get_value_type (json_object_get_member (object, "prices_include_vat")) != G_TYPE_BOOLEAN)
    {
      fail (error, _("the table from %s does not say whether its prices include VAT"), valid_from);
      return NULL;
    }
  table->prices_include_vat = json_object_get_boolean_member (object, "prices_include_vat");
  source = json_object_get_string_member_with_default (object, "source", NULL);
  table->source = source != NULL ? g_utf8_make_valid (source, -1) : NULL;

  steps = json_object_get_member (object, "steps");
  if (steps == NULL || !JSON_NODE_HOLDS_ARRAY (steps))
    {
      fail (error, _("the table from %s has no steps"), valid_from);
      return NULL;
    }
  if (!parse_steps (json_node_get_array (steps), valid_from, table, error))
    return NULL;

  return g_steal_pointer (&table);
}

static int
compare_tables (gconstpointer a,
                gconstpointer b)
{
  const FbkTariffTable *table_a = *(const FbkTariffTable * const *) a;
  const FbkTariffTable *table_b = *(const FbkTariffTable * const *) b;

  return fbk_date_compare (table_a->valid_from, table_b->valid_from);
}

/**
 * fbk_tariff_new_from_bytes:
 * @json: a table file in the format of data/tariffs/elvia-capacity.json
 *
 * Returns: (transfer full): the tariff, or %NULL with @error set
 *   (%FBK_PARSE_ERROR)
 */
FbkTariff *
fbk_tariff_new_from_bytes (GBytes  *json,
                           GError **error)
{
  g_autoptr(FbkTariff) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonNode *tables;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (json, &length);
  if (length == 0 || length > G_MAXSSIZE)
    {
      g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_JSON,
                   _("The capacity tariff table is empty."));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      /* json-glib may quote raw bytes it decoded from an octal escape */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_JSON,
                   _("The capacity tariff table is not valid JSON (%s)."), reason);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !(tables = json_object_get_member (json_node_get_object (root), "tables")) ||
      !JSON_NODE_HOLDS_ARRAY (tables) || json_array_get_length (json_node_get_array (tables)) == 0)
    {
      g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_MISSING_FIELD,
                   _("The capacity tariff table has no tables."));
      return NULL;
    }

  self = g_object_new (FBK_TYPE_TARIFF, NULL);

  for (guint i = 0; i < json_array_get_length (json_node_get_array (tables)); i++)
    {
      FbkTariffTable *table = parse_table (json_array_get_element (json_node_get_array (tables), i),
                                           i, error);

      if (table == NULL)
        return NULL;
      g_ptr_array_add (self->tables, table);
    }

  g_ptr_array_sort (self->tables, compare_tables);
  for (guint i = 1; i < self->tables->len; i++)
    {
      if (compare_tables (&self->tables->pdata[i - 1], &self->tables->pdata[i]) == 0)
        {
          const FbkTariffTable *table = g_ptr_array_index (self->tables, i);
          fail (error, _("two tables are valid from %04d-%02d-%02d"),
                table->valid_from.year, table->valid_from.month, table->valid_from.day);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

/**
 * fbk_tariff_new_default:
 *
 * Loads Elvia's table shipped in the core library's resources.
 *
 * Returns: (transfer full): the tariff, or %NULL with @error set
 */
FbkTariff *
fbk_tariff_new_default (GError **error)
{
  static gsize registered;
  g_autoptr(GBytes) json = NULL;

  /* The core is a static library, whose unreferenced resource object the
   * linker would drop, constructor and all; so the resource is built with
   * --manual-register and registered here, which also makes it visible to
   * resource:// lookups elsewhere in the program. */
  if (g_once_init_enter (&registered))
    {
      fbk_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  json = g_resource_lookup_data (fbk_core_get_resource (), DEFAULT_TABLE_PATH,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (json == NULL)
    return NULL;

  return fbk_tariff_new_from_bytes (json, error);
}

guint
fbk_tariff_get_n_tables (FbkTariff *self)
{
  g_return_val_if_fail (FBK_IS_TARIFF (self), 0);

  return self->tables->len;
}

/**
 * fbk_tariff_get_table:
 * @index: 0 for the oldest table
 *
 * Returns: (transfer none): the table
 */
const FbkTariffTable *
fbk_tariff_get_table (FbkTariff *self,
                      guint      index)
{
  g_return_val_if_fail (FBK_IS_TARIFF (self), NULL);
  g_return_val_if_fail (index < self->tables->len, NULL);

  return g_ptr_array_index (self->tables, index);
}

/**
 * fbk_tariff_lookup:
 *
 * Picks the table in force for an Oslo calendar month: the newest one valid
 * from the month's first day or earlier. The UI should show its
 * `valid_from`, since prices after the newest known table are a guess.
 *
 * Returns: (transfer none) (nullable): the table, or %NULL for a month
 *   before the first table (capacity steps began in July 2022)
 */
const FbkTariffTable *
fbk_tariff_lookup (FbkTariff *self,
                   int        year,
                   int        month)
{
  FbkDate first = { year, month, 1 };

  g_return_val_if_fail (FBK_IS_TARIFF (self), NULL);
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  for (guint i = self->tables->len; i > 0; i--)
    {
      const FbkTariffTable *table = g_ptr_array_index (self->tables, i - 1);

      if (fbk_date_compare (table->valid_from, first) <= 0)
        return table;
    }

  return NULL;
}

/* The smallest average that no longer belongs to the step below @upper. */
static double
next_step_threshold (const FbkTariffTable *table,
                     double                upper)
{
  if (table->boundary == FBK_TARIFF_BOUNDARY_STAYS_BELOW)
    return upper + FBK_TARIFF_STAYS_BELOW_MARGIN;
  return upper;
}

/**
 * fbk_tariff_table_find_step:
 * @average: the month's average of its three highest day maxima, kWh/h
 *
 * Applies the table's boundary rule (see #FbkTariffBoundary).
 *
 * Returns: the step, from 1
 */
guint
fbk_tariff_table_find_step (const FbkTariffTable *table,
                            double                average)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (!isnan (average), 0);

  for (guint i = 0; i + 1 < table->n_steps; i++)
    {
      double threshold = next_step_threshold (table, table->steps[i].upper);

      if (table->boundary == FBK_TARIFF_BOUNDARY_GOES_UP)
        threshold -= FLOAT_SLACK;
      if (average < threshold)
        return i + 1;
    }

  return table->n_steps;
}

/**
 * fbk_tariff_table_get_step:
 * @step: from 1
 *
 * Returns: (transfer none): the step's kW range and price
 */
const FbkTariffStep *
fbk_tariff_table_get_step (const FbkTariffTable *table,
                           guint                 step)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (step >= 1 && step <= table->n_steps, NULL);

  return &table->steps[step - 1];
}

/**
 * fbk_tariff_table_headroom:
 *
 * How far the month's average can still rise before it reaches the next
 * step: up to the bound under GOES_UP, up to bound + 0.0001 under
 * STAYS_BELOW.
 *
 * Returns: the headroom in kWh/h, or INFINITY in the top step
 */
double
fbk_tariff_table_headroom (const FbkTariffTable *table,
                           double                average)
{
  guint step;

  g_return_val_if_fail (table != NULL, NAN);
  g_return_val_if_fail (!isnan (average), NAN);

  step = fbk_tariff_table_find_step (table, average);
  if (step == table->n_steps)
    return INFINITY;

  return MAX (0.0, next_step_threshold (table, table->steps[step - 1].upper) - average);
}

/**
 * fbk_tariff_step_get_price:
 * @out_price: (out) (optional): kr/month, with or without VAT as the table's
 *   `prices_include_vat` says
 *
 * Returns: %FALSE when the price for this step is not known
 */
gboolean
fbk_tariff_step_get_price (const FbkTariffStep *step,
                           double              *out_price)
{
  g_return_val_if_fail (step != NULL, FALSE);

  if (isnan (step->price))
    return FALSE;

  if (out_price != NULL)
    *out_price = step->price;
  return TRUE;
}
