/* fbk-tariff-book.c: every dated price and rule the cost of an hour needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-tariff-book"

#include "config.h"

#include <math.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "fbk-calendar.h"
#include "fbk-core-resources.h"
#include "fbk-error.h"
#include "fbk-tariff-book.h"

#define TARIFF_PATH RESOURCE_BASE_PATH "/tariffs/"

/* Bounds that catch a figure in the wrong unit (kr for øre, percent for a
 * fraction) without judging the prices themselves. */
#define MAX_ORE_PER_KWH  1000.0
#define MAX_KWH_A_MONTH  1000000.0

typedef enum
{
  TABLE_GRID_ENERGY,
  TABLE_TAXES,
  TABLE_VAT,
  TABLE_SUBSIDY,
  TABLE_NORGESPRIS,
  N_TABLES
} TableId;

typedef enum
{
  FIELD_NULLABLE = 1 << 0,   /* null is read as NAN: not known */
  FIELD_HOUR     = 1 << 1,   /* a whole clock hour, stored as int */
} FieldFlags;

typedef struct
{
  const char *name;
  gsize       offset;
  double      min;
  double      max;
  FieldFlags  flags;
} FieldSpec;

typedef struct
{
  TableId          id;
  const char      *member;      /* the array's name in its file */
  gsize            row_size;
  gsize            valid_from_offset;
  gsize            source_offset;
  const FieldSpec *fields;
  guint            n_fields;
} TableSpec;

typedef struct
{
  const char      *file_name;   /* in data/tariffs/ and the resource */
  const TableSpec *tables;
  guint            n_tables;
} FileSpec;

#define ROW_SPEC(Type, table_id, json_member, field_array) \
  { table_id, json_member, sizeof (Type), G_STRUCT_OFFSET (Type, valid_from), \
    G_STRUCT_OFFSET (Type, source), field_array, G_N_ELEMENTS (field_array) }

static const FieldSpec grid_energy_fields[] = {
  { "day", G_STRUCT_OFFSET (FbkGridEnergyRow, day), 0, MAX_ORE_PER_KWH, FIELD_NULLABLE },
  { "night", G_STRUCT_OFFSET (FbkGridEnergyRow, night), 0, MAX_ORE_PER_KWH, FIELD_NULLABLE },
  { "day_from_hour", G_STRUCT_OFFSET (FbkGridEnergyRow, day_from_hour), 0, 23, FIELD_HOUR },
  { "day_to_hour", G_STRUCT_OFFSET (FbkGridEnergyRow, day_to_hour), 1, 24, FIELD_HOUR },
};

static const FieldSpec tax_fields[] = {
  { "forbruksavgift", G_STRUCT_OFFSET (FbkTaxRow, forbruksavgift), 0, MAX_ORE_PER_KWH, FIELD_NULLABLE },
  { "enova", G_STRUCT_OFFSET (FbkTaxRow, enova), 0, MAX_ORE_PER_KWH, FIELD_NULLABLE },
};

static const FieldSpec vat_fields[] = {
  { "rate", G_STRUCT_OFFSET (FbkVatRow, rate), 0, 1, FIELD_NULLABLE },
};

static const FieldSpec subsidy_fields[] = {
  { "threshold", G_STRUCT_OFFSET (FbkSubsidyRow, threshold), 0, MAX_ORE_PER_KWH, FIELD_NULLABLE },
  { "share", G_STRUCT_OFFSET (FbkSubsidyRow, share), 0, 1, FIELD_NULLABLE },
  { "cap_home_kwh", G_STRUCT_OFFSET (FbkSubsidyRow, cap_home_kwh), 0, MAX_KWH_A_MONTH, FIELD_NULLABLE },
  { "cap_cabin_kwh", G_STRUCT_OFFSET (FbkSubsidyRow, cap_cabin_kwh), 0, MAX_KWH_A_MONTH, FIELD_NULLABLE },
};

static const FieldSpec norgespris_fields[] = {
  { "price", G_STRUCT_OFFSET (FbkNorgesprisRow, price), 0, MAX_ORE_PER_KWH, FIELD_NULLABLE },
  { "cap_home_kwh", G_STRUCT_OFFSET (FbkNorgesprisRow, cap_home_kwh), 0, MAX_KWH_A_MONTH, FIELD_NULLABLE },
  { "cap_cabin_kwh", G_STRUCT_OFFSET (FbkNorgesprisRow, cap_cabin_kwh), 0, MAX_KWH_A_MONTH, FIELD_NULLABLE },
};

static const TableSpec grid_energy_tables[] = {
  ROW_SPEC (FbkGridEnergyRow, TABLE_GRID_ENERGY, "rows", grid_energy_fields),
};

static const TableSpec public_charges_tables[] = {
  ROW_SPEC (FbkTaxRow, TABLE_TAXES, "consumption_tax", tax_fields),
  ROW_SPEC (FbkVatRow, TABLE_VAT, "vat", vat_fields),
};

static const TableSpec state_schemes_tables[] = {
  ROW_SPEC (FbkSubsidyRow, TABLE_SUBSIDY, "stromstotte", subsidy_fields),
  ROW_SPEC (FbkNorgesprisRow, TABLE_NORGESPRIS, "norgespris", norgespris_fields),
};

static const FileSpec grid_energy_file = {
  "elvia-energy.json", grid_energy_tables, G_N_ELEMENTS (grid_energy_tables),
};
static const FileSpec public_charges_file = {
  "public-charges.json", public_charges_tables, G_N_ELEMENTS (public_charges_tables),
};
static const FileSpec state_schemes_file = {
  "state-schemes.json", state_schemes_tables, G_N_ELEMENTS (state_schemes_tables),
};

/* Members a file may carry besides its tables: they explain, and credit. */
static const char * const metadata_members[] = { "description", "attribution", "grid_operator" };

struct _FbkTariffBook
{
  GObject    parent_instance;

  FbkTariff *capacity;
  GArray    *tables[N_TABLES];    /* rows of the table's type, oldest first */
  gsize      source_offsets[N_TABLES];
};

G_DEFINE_FINAL_TYPE (FbkTariffBook, fbk_tariff_book, G_TYPE_OBJECT)

#define ROW_AT(array, row_size, index) ((guint8 *) (array)->data + (gsize) (index) * (row_size))
#define MEMBER(row, offset, Type) (*(Type *) (gpointer) ((guint8 *) (row) + (offset)))

static void
free_table (GArray *rows,
            gsize   source_offset)
{
  guint row_size = g_array_get_element_size (rows);

  for (guint i = 0; i < rows->len; i++)
    g_free (MEMBER (ROW_AT (rows, row_size, i), source_offset, char *));
  g_array_unref (rows);
}

static void
fbk_tariff_book_finalize (GObject *object)
{
  FbkTariffBook *self = (FbkTariffBook *) object;

  g_clear_object (&self->capacity);
  for (guint i = 0; i < N_TABLES; i++)
    {
      if (self->tables[i] != NULL)
        free_table (self->tables[i], self->source_offsets[i]);
    }

  G_OBJECT_CLASS (fbk_tariff_book_parent_class)->finalize (object);
}

static void
fbk_tariff_book_class_init (FbkTariffBookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fbk_tariff_book_finalize;
}

static void
fbk_tariff_book_init (FbkTariffBook *self)
{
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (GError     **error,
      const char  *file_name,
      const char  *format,
      ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, FBK_PARSE_ERROR, FBK_PARSE_ERROR_INVALID_FIELD,
               _("The tariff data file %s is invalid: %s"), file_name, why);
  return FALSE;
}

static gboolean
read_field (JsonObject      *object,
            const FieldSpec *field,
            gpointer         row)
{
  JsonNode *node = json_object_get_member (object, field->name);
  GType type;
  double value;

  if (node == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!(field->flags & FIELD_NULLABLE))
        return FALSE;
      MEMBER (row, field->offset, double) = NAN;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;

  value = json_node_get_double (node);
  if (!isfinite (value) || value < field->min || value > field->max)
    return FALSE;

  if (field->flags & FIELD_HOUR)
    {
      if (value != floor (value))
        return FALSE;
      MEMBER (row, field->offset, int) = (int) value;
    }
  else
    MEMBER (row, field->offset, double) = value;

  return TRUE;
}

static gboolean
is_known_member (const TableSpec *table,
                 const char      *name)
{
  if (g_str_equal (name, "valid_from") || g_str_equal (name, "source"))
    return TRUE;
  for (guint i = 0; i < table->n_fields; i++)
    {
      if (g_str_equal (name, table->fields[i].name))
        return TRUE;
    }
  return FALSE;
}

/* Rules within one row beyond its fields' ranges. */
static gboolean
row_is_consistent (const TableSpec *table,
                   gconstpointer    row)
{
  if (table->id == TABLE_GRID_ENERGY)
    {
      const FbkGridEnergyRow *energy = row;
      return energy->day_from_hour < energy->day_to_hour;
    }
  return TRUE;
}

static gboolean
parse_row (const FileSpec  *file,
           const TableSpec *table,
           JsonNode        *node,
           guint            index,
           gpointer         row,
           GError         **error)
{
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  const char *valid_from;
  const char *source;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, file->file_name, _("row %u of %s is not an object"), index + 1, table->member);
  object = json_node_get_object (node);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!is_known_member (table, l->data))
        {
          g_autofree char *name = g_utf8_make_valid (l->data, -1);

          return fail (error, file->file_name, _("row %u of %s has an unknown member “%s”"),
                       index + 1, table->member, name);
        }
    }

  valid_from = json_object_get_string_member_with_default (object, "valid_from", NULL);
  if (valid_from == NULL ||
      !fbk_time_parse_date (valid_from, &MEMBER (row, table->valid_from_offset, FbkDate)))
    return fail (error, file->file_name, _("row %u of %s has no valid_from date"), index + 1, table->member);

  source = json_object_get_string_member_with_default (object, "source", NULL);
  if (source == NULL || *source == '\0' || !g_utf8_validate (source, -1, NULL))
    return fail (error, file->file_name, _("the row of %s from %s does not say its source"),
                 table->member, valid_from);

  for (guint i = 0; i < table->n_fields; i++)
    {
      if (!read_field (object, &table->fields[i], row))
        return fail (error, file->file_name, _("the row of %s from %s lacks %s, or it is out of range"),
                     table->member, valid_from, table->fields[i].name);
    }

  if (!row_is_consistent (table, row))
    return fail (error, file->file_name, _("the row of %s from %s contradicts itself"),
                 table->member, valid_from);

  /* Last: the row owns its source only once it is whole. */
  MEMBER (row, table->source_offset, char *) = g_strdup (source);
  return TRUE;
}

static int
compare_dates (gconstpointer a,
               gconstpointer b,
               gpointer      offset)
{
  return fbk_date_compare (MEMBER (a, GPOINTER_TO_SIZE (offset), FbkDate),
                           MEMBER (b, GPOINTER_TO_SIZE (offset), FbkDate));
}

static GArray *
parse_table (const FileSpec   *file,
             const TableSpec  *table,
             JsonNode         *node,
             GError          **error)
{
  GArray *rows = g_array_new (FALSE, TRUE, table->row_size);
  JsonArray *array;
  guint n_rows;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      (n_rows = json_array_get_length (array = json_node_get_array (node))) == 0)
    {
      fail (error, file->file_name, _("it has no rows of %s"), table->member);
      free_table (rows, table->source_offset);
      return NULL;
    }

  for (guint i = 0; i < n_rows; i++)
    {
      g_array_set_size (rows, i + 1);
      if (!parse_row (file, table, json_array_get_element (array, i), i,
                      ROW_AT (rows, table->row_size, i), error))
        {
          g_array_set_size (rows, i);
          free_table (rows, table->source_offset);
          return NULL;
        }
    }

  g_qsort_with_data (rows->data, (gint) rows->len, table->row_size, compare_dates,
                     GSIZE_TO_POINTER (table->valid_from_offset));
  for (guint i = 1; i < rows->len; i++)
    {
      gconstpointer row = ROW_AT (rows, table->row_size, i);

      if (compare_dates (ROW_AT (rows, table->row_size, i - 1), row,
                         GSIZE_TO_POINTER (table->valid_from_offset)) == 0)
        {
          FbkDate date = MEMBER (row, table->valid_from_offset, FbkDate);

          fail (error, file->file_name, _("two rows of %s are valid from %04d-%02d-%02d"),
                table->member, date.year, date.month, date.day);
          free_table (rows, table->source_offset);
          return NULL;
        }
    }

  return rows;
}

static gboolean
is_metadata_member (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (metadata_members); i++)
    {
      if (g_str_equal (name, metadata_members[i]))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_table_member (const FileSpec *file,
                 const char     *name)
{
  for (guint i = 0; i < file->n_tables; i++)
    {
      if (g_str_equal (name, file->tables[i].member))
        return TRUE;
    }
  return FALSE;
}

static gboolean
load_file (FbkTariffBook   *self,
           const FileSpec  *file,
           GBytes          *json,
           GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *root;
  gconstpointer data;
  gsize length;

  data = g_bytes_get_data (json, &length);
  if (length == 0 || length > G_MAXSSIZE)
    return fail (error, file->file_name, _("it is empty"));

  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      /* json-glib may quote raw bytes it decoded from an octal escape */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      return fail (error, file->file_name, _("it is not valid JSON (%s)"), reason);
    }

  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return fail (error, file->file_name, _("it is not a JSON object"));
  root = json_node_get_object (json_parser_get_root (parser));

  members = json_object_get_members (root);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *name = g_utf8_make_valid (l->data, -1);

      if (is_metadata_member (name))
        {
          if (json_object_get_string_member_with_default (root, name, NULL) == NULL)
            return fail (error, file->file_name, _("its “%s” is not text"), name);
        }
      else if (!is_table_member (file, name))
        return fail (error, file->file_name, _("it has an unknown member “%s”"), name);
    }

  for (guint i = 0; i < file->n_tables; i++)
    {
      const TableSpec *table = &file->tables[i];
      GArray *rows = parse_table (file, table, json_object_get_member (root, table->member), error);

      if (rows == NULL)
        return FALSE;
      self->tables[table->id] = rows;
      self->source_offsets[table->id] = table->source_offset;
    }

  return TRUE;
}

static GBytes *
lookup_default (const FileSpec  *file,
                GError         **error)
{
  g_autofree char *path = g_strconcat (TARIFF_PATH, file->file_name, NULL);

  return g_resource_lookup_data (fbk_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* @json, or the file shipped in the resources when it is %NULL. */
static gboolean
load_file_or_default (FbkTariffBook   *self,
                      const FileSpec  *file,
                      GBytes          *json,
                      GError         **error)
{
  g_autoptr(GBytes) shipped = NULL;

  if (json == NULL && (json = shipped = lookup_default (file, error)) == NULL)
    return FALSE;

  return load_file (self, file, json, error);
}

/**
 * fbk_tariff_book_new_from_bytes:
 * @capacity: (nullable): the capacity tables, or %NULL for the shipped ones
 * @grid_energy_json: (nullable): a file shaped as data/tariffs/elvia-energy.json,
 *   or %NULL for the shipped one
 * @public_charges_json: (nullable): shaped as public-charges.json, or %NULL
 * @state_schemes_json: (nullable): shaped as state-schemes.json, or %NULL
 *
 * Builds a book from the given data, the shipped files standing in for any
 * left out (so a test can replace just one). Every file is validated
 * whole: a missing or misspelt member, a number out of range, a row without
 * its date or source, two rows for one date make it fail.
 *
 * Returns: (transfer full): the book, or %NULL with @error set
 *   (%FBK_PARSE_ERROR)
 */
FbkTariffBook *
fbk_tariff_book_new_from_bytes (FbkTariff  *capacity,
                                GBytes     *grid_energy_json,
                                GBytes     *public_charges_json,
                                GBytes     *state_schemes_json,
                                GError    **error)
{
  g_autoptr(FbkTariffBook) self = NULL;

  g_return_val_if_fail (capacity == NULL || FBK_IS_TARIFF (capacity), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (FBK_TYPE_TARIFF_BOOK, NULL);

  if (capacity != NULL)
    self->capacity = g_object_ref (capacity);
  else if ((self->capacity = fbk_tariff_new_default (error)) == NULL)
    return NULL;

  if (!load_file_or_default (self, &grid_energy_file, grid_energy_json, error) ||
      !load_file_or_default (self, &public_charges_file, public_charges_json, error) ||
      !load_file_or_default (self, &state_schemes_file, state_schemes_json, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * fbk_tariff_book_new_default:
 *
 * Loads the dated tables shipped in the core library's resources:
 * capacity (elvia-capacity.json), energiledd (elvia-energy.json), taxes
 * and VAT (public-charges.json), strømstøtte and Norgespris
 * (state-schemes.json).
 *
 * Returns: (transfer full): the book, or %NULL with @error set
 */
FbkTariffBook *
fbk_tariff_book_new_default (GError **error)
{
  return fbk_tariff_book_new_from_bytes (NULL, NULL, NULL, NULL, error);
}

/**
 * fbk_tariff_book_get_capacity:
 *
 * Returns: (transfer none): the capacity-tariff tables
 */
FbkTariff *
fbk_tariff_book_get_capacity (FbkTariffBook *self)
{
  g_return_val_if_fail (FBK_IS_TARIFF_BOOK (self), NULL);

  return self->capacity;
}

/* The newest row valid on @date or before; tables hold a handful of rows. */
static gconstpointer
lookup_row (FbkTariffBook *self,
            TableId        id,
            gsize          valid_from_offset,
            FbkDate        date)
{
  GArray *rows = self->tables[id];
  guint row_size = g_array_get_element_size (rows);

  for (guint i = rows->len; i > 0; i--)
    {
      gconstpointer row = ROW_AT (rows, row_size, i - 1);

      if (fbk_date_compare (MEMBER (row, valid_from_offset, FbkDate), date) <= 0)
        return row;
    }

  return NULL;
}

/**
 * fbk_tariff_book_lookup_grid_energy:
 * @date: an Oslo calendar date
 *
 * Returns: (transfer none) (nullable): the energiledd row in force on
 *   @date, or %NULL before the first
 */
const FbkGridEnergyRow *
fbk_tariff_book_lookup_grid_energy (FbkTariffBook *self,
                                    FbkDate        date)
{
  g_return_val_if_fail (FBK_IS_TARIFF_BOOK (self), NULL);

  return lookup_row (self, TABLE_GRID_ENERGY, G_STRUCT_OFFSET (FbkGridEnergyRow, valid_from), date);
}

/**
 * fbk_tariff_book_lookup_taxes:
 *
 * Returns: (transfer none) (nullable): the forbruksavgift and Enova row in
 *   force on @date, or %NULL before the first
 */
const FbkTaxRow *
fbk_tariff_book_lookup_taxes (FbkTariffBook *self,
                              FbkDate        date)
{
  g_return_val_if_fail (FBK_IS_TARIFF_BOOK (self), NULL);

  return lookup_row (self, TABLE_TAXES, G_STRUCT_OFFSET (FbkTaxRow, valid_from), date);
}

/**
 * fbk_tariff_book_lookup_vat:
 *
 * Returns: (transfer none) (nullable): the VAT row in force on @date
 */
const FbkVatRow *
fbk_tariff_book_lookup_vat (FbkTariffBook *self,
                            FbkDate        date)
{
  g_return_val_if_fail (FBK_IS_TARIFF_BOOK (self), NULL);

  return lookup_row (self, TABLE_VAT, G_STRUCT_OFFSET (FbkVatRow, valid_from), date);
}

/**
 * fbk_tariff_book_lookup_subsidy:
 *
 * Returns: (transfer none) (nullable): the strømstøtte row (hourly model)
 *   in force on @date, or %NULL before the hourly model (2023-09-01)
 */
const FbkSubsidyRow *
fbk_tariff_book_lookup_subsidy (FbkTariffBook *self,
                                FbkDate        date)
{
  g_return_val_if_fail (FBK_IS_TARIFF_BOOK (self), NULL);

  return lookup_row (self, TABLE_SUBSIDY, G_STRUCT_OFFSET (FbkSubsidyRow, valid_from), date);
}

/**
 * fbk_tariff_book_lookup_norgespris:
 *
 * Returns: (transfer none) (nullable): the Norgespris row in force on
 *   @date, or %NULL before Norgespris existed
 */
const FbkNorgesprisRow *
fbk_tariff_book_lookup_norgespris (FbkTariffBook *self,
                                   FbkDate        date)
{
  g_return_val_if_fail (FBK_IS_TARIFF_BOOK (self), NULL);

  return lookup_row (self, TABLE_NORGESPRIS, G_STRUCT_OFFSET (FbkNorgesprisRow, valid_from), date);
}

/**
 * fbk_grid_energy_row_price:
 * @working_day: whether the hour's Oslo date is a working day
 *   (fbk_calendar_is_working_day())
 * @local_hour: the Oslo clock hour in which the hour starts, 0..23 (so on
 *   the October day the clocks go back both hours from 02:00 are hour 2)
 *
 * The day rate on working days in the row's day hours, [day_from_hour,
 * day_to_hour) of the local clock; the night rate at all other hours.
 *
 * Returns: øre/kWh excluding VAT and taxes, NAN when the row does not know it
 */
double
fbk_grid_energy_row_price (const FbkGridEnergyRow *row,
                           gboolean                working_day,
                           int                     local_hour)
{
  g_return_val_if_fail (row != NULL, NAN);

  return working_day && local_hour >= row->day_from_hour && local_hour < row->day_to_hour
         ? row->day : row->night;
}

/**
 * fbk_tax_row_total:
 *
 * Returns: forbruksavgift plus the Enova fee, øre/kWh excluding VAT; NAN
 *   when either is not known
 */
double
fbk_tax_row_total (const FbkTaxRow *row)
{
  g_return_val_if_fail (row != NULL, NAN);

  return row->forbruksavgift + row->enova;
}

/**
 * fbk_tariff_book_get_grid_energy_price:
 * @hour_start: the start of a clock hour
 * @out_ore: (out) (optional): øre/kWh excluding VAT and taxes
 * @out_row: (out) (optional) (transfer none): the row that applied, %NULL
 *   when none does
 *
 * Returns: %FALSE when the price of that hour is not known
 */
gboolean
fbk_tariff_book_get_grid_energy_price (FbkTariffBook           *self,
                                       FbkInstant               hour_start,
                                       double                  *out_ore,
                                       const FbkGridEnergyRow **out_row)
{
  const FbkGridEnergyRow *row;
  FbkDate date;
  double price;

  g_return_val_if_fail (FBK_IS_TARIFF_BOOK (self), FALSE);

  date = fbk_time_oslo_date (hour_start);
  row = fbk_tariff_book_lookup_grid_energy (self, date);
  if (out_row != NULL)
    *out_row = row;
  if (row == NULL ||
      isnan (price = fbk_grid_energy_row_price (row, fbk_calendar_is_working_day (date),
                                                fbk_time_oslo_hour (hour_start))))
    return FALSE;

  if (out_ore != NULL)
    *out_ore = price;
  return TRUE;
}

/**
 * fbk_tariff_book_get_taxes:
 * @out_ore: (out) (optional): forbruksavgift plus Enova fee, øre/kWh
 *   excluding VAT
 * @out_row: (out) (optional) (transfer none): the row that applied
 *
 * Returns: %FALSE when the taxes on @date are not known
 */
gboolean
fbk_tariff_book_get_taxes (FbkTariffBook    *self,
                           FbkDate           date,
                           double           *out_ore,
                           const FbkTaxRow **out_row)
{
  const FbkTaxRow *row;
  double total;

  g_return_val_if_fail (FBK_IS_TARIFF_BOOK (self), FALSE);

  row = fbk_tariff_book_lookup_taxes (self, date);
  if (out_row != NULL)
    *out_row = row;
  if (row == NULL || isnan (total = fbk_tax_row_total (row)))
    return FALSE;

  if (out_ore != NULL)
    *out_ore = total;
  return TRUE;
}

/**
 * fbk_tariff_book_get_vat_rate:
 * @out_rate: (out) (optional): 0.25 for 25 %
 * @out_row: (out) (optional) (transfer none): the row that applied
 *
 * Returns: %FALSE when the VAT rate on @date is not known
 */
gboolean
fbk_tariff_book_get_vat_rate (FbkTariffBook    *self,
                              FbkDate           date,
                              double           *out_rate,
                              const FbkVatRow **out_row)
{
  const FbkVatRow *row;

  g_return_val_if_fail (FBK_IS_TARIFF_BOOK (self), FALSE);

  row = fbk_tariff_book_lookup_vat (self, date);
  if (out_row != NULL)
    *out_row = row;
  if (row == NULL || isnan (row->rate))
    return FALSE;

  if (out_rate != NULL)
    *out_rate = row->rate;
  return TRUE;
}

/**
 * fbk_tariff_book_get_capacity_price:
 * @average: the month's average of its three highest day maxima, kWh/h
 * @out_kr: (out) (optional): the month's capacity price, kr including VAT
 * @out_step: (out) (optional): the step, from 1; 0 without a table
 * @out_table: (out) (optional) (transfer none): the table in force on the
 *   month's first day, %NULL before the first
 *
 * The step by the table's own boundary rule, and its price with VAT added
 * where the table's prices exclude it (at the rate of the month's first
 * day).
 *
 * Returns: %FALSE when the price is not known: no table, a step price
 *   recorded as null, or no VAT rate for a price without it
 */
gboolean
fbk_tariff_book_get_capacity_price (FbkTariffBook         *self,
                                    int                    year,
                                    int                    month,
                                    double                 average,
                                    double                *out_kr,
                                    guint                 *out_step,
                                    const FbkTariffTable **out_table)
{
  const FbkTariffTable *table;
  double price;
  double vat_rate;
  guint step;

  g_return_val_if_fail (FBK_IS_TARIFF_BOOK (self), FALSE);
  g_return_val_if_fail (month >= 1 && month <= 12, FALSE);
  g_return_val_if_fail (!isnan (average), FALSE);

  table = fbk_tariff_lookup (self->capacity, year, month);
  step = table != NULL ? fbk_tariff_table_find_step (table, average) : 0;
  if (out_table != NULL)
    *out_table = table;
  if (out_step != NULL)
    *out_step = step;

  if (table == NULL || !fbk_tariff_step_get_price (fbk_tariff_table_get_step (table, step), &price))
    return FALSE;

  if (!table->prices_include_vat)
    {
      if (!fbk_tariff_book_get_vat_rate (self, (FbkDate) { year, month, 1 }, &vat_rate, NULL))
        return FALSE;
      price *= 1.0 + vat_rate;
    }

  if (out_kr != NULL)
    *out_kr = price;
  return TRUE;
}
