/* fbk-metering-point.c: one metering point (målepunkt) on the token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-metering-point"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fbk-metering-point.h"

struct _FbkMeteringPoint
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  FbkInstant  contract_start;
  FbkInstant  contract_end;
  guint       produces : 1;
  guint       always_unverified : 1;
};

G_DEFINE_FINAL_TYPE (FbkMeteringPoint, fbk_metering_point, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CONTRACT_START,
  PROP_CONTRACT_END,
  PROP_PRODUCES,
  PROP_ALWAYS_UNVERIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * fbk_metering_point_id_is_valid:
 *
 * Returns: %TRUE if @id is exactly 18 ASCII digits, the form of every
 *   metering point id Elvia hands out
 */
gboolean
fbk_metering_point_id_is_valid (const char *id)
{
  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < FBK_METERING_POINT_ID_LENGTH; i++)
    {
      if (id[i] < '0' || id[i] > '9')
        return FALSE;
    }

  return id[FBK_METERING_POINT_ID_LENGTH] == '\0';
}

/**
 * fbk_metering_point_id_format:
 *
 * Groups an id in threes ("707 057 500 012 345 678") so a person can read it
 * aloud or compare it with Min side. The result is for display only; the id
 * itself is what identifies the meter. Text that is not a valid id comes back
 * unchanged.
 *
 * Returns: (transfer full): the grouped id
 */
char *
fbk_metering_point_id_format (const char *id)
{
  GString *grouped;

  g_return_val_if_fail (id != NULL, NULL);

  if (!fbk_metering_point_id_is_valid (id))
    return g_strdup (id);

  grouped = g_string_sized_new (FBK_METERING_POINT_ID_LENGTH + FBK_METERING_POINT_ID_LENGTH / 3);
  for (guint i = 0; i < FBK_METERING_POINT_ID_LENGTH; i += 3)
    {
      if (i > 0)
        g_string_append_c (grouped, ' ');
      g_string_append_len (grouped, id + i, 3);
    }

  return g_string_free (grouped, FALSE);
}

/**
 * fbk_metering_point_dup_default_name:
 *
 * What to call a meter that has no name of the user's: its last six
 * digits, which tell a household's meters apart (they share the first
 * twelve, the grid company's prefix), as "Metering point …439 208".
 *
 * Returns: (transfer full): the name
 */
char *
fbk_metering_point_dup_default_name (const char *id)
{
  g_autofree char *grouped = fbk_metering_point_id_format (id);
  gsize length = strlen (grouped);

  if (!fbk_metering_point_id_is_valid (id))
    return g_steal_pointer (&grouped);

  /* Translators: %s is the last six digits of a metering point's id,
   * grouped, such as "439 208"; "…" stands for the digits left out */
  return g_strdup_printf (_("Metering point …%s"), grouped + length - strlen ("439 208"));
}

static void
fbk_metering_point_finalize (GObject *object)
{
  FbkMeteringPoint *self = (FbkMeteringPoint *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (fbk_metering_point_parent_class)->finalize (object);
}

static void
fbk_metering_point_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FbkMeteringPoint *self = FBK_METERING_POINT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CONTRACT_START:
      g_value_set_int64 (value, self->contract_start);
      break;

    case PROP_CONTRACT_END:
      g_value_set_int64 (value, self->contract_end);
      break;

    case PROP_PRODUCES:
      g_value_set_boolean (value, self->produces);
      break;

    case PROP_ALWAYS_UNVERIFIED:
      g_value_set_boolean (value, self->always_unverified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_metering_point_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FbkMeteringPoint *self = FBK_METERING_POINT (object);

  switch (prop_id)
    {
    case PROP_ID:
      /* Construct-only; an invalid id is a programming error, the parser
       * refuses such ids before any object is made. */
      g_warn_if_fail (fbk_metering_point_id_is_valid (g_value_get_string (value)));
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      fbk_metering_point_set_name (self, g_value_get_string (value));
      break;

    case PROP_CONTRACT_START:
      fbk_metering_point_set_contract_start (self, g_value_get_int64 (value));
      break;

    case PROP_CONTRACT_END:
      fbk_metering_point_set_contract_end (self, g_value_get_int64 (value));
      break;

    case PROP_PRODUCES:
      fbk_metering_point_set_produces (self, g_value_get_boolean (value));
      break;

    case PROP_ALWAYS_UNVERIFIED:
      fbk_metering_point_set_always_unverified (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_metering_point_class_init (FbkMeteringPointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fbk_metering_point_finalize;
  object_class->get_property = fbk_metering_point_get_property;
  object_class->set_property = fbk_metering_point_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The user's own label ("Hytta"); %NULL when none was given. */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* FBK_INSTANT_INVALID when the API did not say. */
  properties[PROP_CONTRACT_START] =
    g_param_spec_int64 ("contract-start", NULL, NULL,
                        G_MININT64, G_MAXINT64, FBK_INSTANT_INVALID,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* FBK_INSTANT_INVALID while the contract is open. */
  properties[PROP_CONTRACT_END] =
    g_param_spec_int64 ("contract-end", NULL, NULL,
                        G_MININT64, G_MAXINT64, FBK_INSTANT_INVALID,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether the meter feeds energy into the grid (a "plusskunde"). */
  properties[PROP_PRODUCES] =
    g_param_spec_boolean ("produces", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Elvia reports every meter located in Innlandet with verified=false,
   * even once its values are verified, so for such a meter the flag says
   * nothing and must not hold anything back. The API does not say where a
   * meter is: this is set from what we learn (or the user tells us). */
  properties[PROP_ALWAYS_UNVERIFIED] =
    g_param_spec_boolean ("always-unverified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fbk_metering_point_init (FbkMeteringPoint *self)
{
  self->contract_start = FBK_INSTANT_INVALID;
  self->contract_end = FBK_INSTANT_INVALID;
}

FbkMeteringPoint *
fbk_metering_point_new (const char *id)
{
  g_return_val_if_fail (fbk_metering_point_id_is_valid (id), NULL);

  return g_object_new (FBK_TYPE_METERING_POINT, "id", id, NULL);
}

const char *
fbk_metering_point_get_id (FbkMeteringPoint *self)
{
  g_return_val_if_fail (FBK_IS_METERING_POINT (self), NULL);

  return self->id;
}

FbkInstant
fbk_metering_point_get_contract_start (FbkMeteringPoint *self)
{
  g_return_val_if_fail (FBK_IS_METERING_POINT (self), FBK_INSTANT_INVALID);

  return self->contract_start;
}

void
fbk_metering_point_set_contract_start (FbkMeteringPoint *self,
                                       FbkInstant        contract_start)
{
  g_return_if_fail (FBK_IS_METERING_POINT (self));

  if (self->contract_start == contract_start)
    return;

  self->contract_start = contract_start;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTRACT_START]);
}

FbkInstant
fbk_metering_point_get_contract_end (FbkMeteringPoint *self)
{
  g_return_val_if_fail (FBK_IS_METERING_POINT (self), FBK_INSTANT_INVALID);

  return self->contract_end;
}

void
fbk_metering_point_set_contract_end (FbkMeteringPoint *self,
                                     FbkInstant        contract_end)
{
  g_return_if_fail (FBK_IS_METERING_POINT (self));

  if (self->contract_end == contract_end)
    return;

  self->contract_end = contract_end;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTRACT_END]);
}

gboolean
fbk_metering_point_get_produces (FbkMeteringPoint *self)
{
  g_return_val_if_fail (FBK_IS_METERING_POINT (self), FALSE);

  return self->produces;
}

void
fbk_metering_point_set_produces (FbkMeteringPoint *self,
                                 gboolean          produces)
{
  g_return_if_fail (FBK_IS_METERING_POINT (self));

  produces = !!produces;
  if (self->produces == produces)
    return;

  self->produces = produces;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCES]);
}

gboolean
fbk_metering_point_get_always_unverified (FbkMeteringPoint *self)
{
  g_return_val_if_fail (FBK_IS_METERING_POINT (self), FALSE);

  return self->always_unverified;
}

void
fbk_metering_point_set_always_unverified (FbkMeteringPoint *self,
                                          gboolean          always_unverified)
{
  g_return_if_fail (FBK_IS_METERING_POINT (self));

  always_unverified = !!always_unverified;
  if (self->always_unverified == always_unverified)
    return;

  self->always_unverified = always_unverified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALWAYS_UNVERIFIED]);
}

const char *
fbk_metering_point_get_name (FbkMeteringPoint *self)
{
  g_return_val_if_fail (FBK_IS_METERING_POINT (self), NULL);

  return self->name;
}

/**
 * fbk_metering_point_set_name:
 * @name: (nullable): the user's label
 *
 * Surrounding white space is dropped, and a blank name is no name, so
 * clearing the entry brings back the id.
 */
void
fbk_metering_point_set_name (FbkMeteringPoint *self,
                             const char       *name)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (FBK_IS_METERING_POINT (self));

  if (name != NULL)
    {
      stripped = g_strstrip (g_strdup (name));
      if (stripped[0] == '\0')
        g_clear_pointer (&stripped, g_free);
    }

  if (g_strcmp0 (self->name, stripped) == 0)
    return;

  g_free (self->name);
  self->name = g_steal_pointer (&stripped);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * fbk_metering_point_dup_display_name:
 *
 * Returns: (transfer full): the user's name for the meter, or else its id
 *   grouped for reading
 */
char *
fbk_metering_point_dup_display_name (FbkMeteringPoint *self)
{
  g_return_val_if_fail (FBK_IS_METERING_POINT (self), NULL);

  if (self->name != NULL)
    return g_strdup (self->name);

  return fbk_metering_point_id_format (self->id);
}
