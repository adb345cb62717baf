/* fbk-clock.c: the session's idea of "now"
 *
 * Everything that plans from the present (which requests to make, which
 * hours are settled, what a preset like "This Month" means, the month in
 * progress) asks the session's clock, never the system directly. The real
 * clock follows the system; a pinned clock stands still until it is moved,
 * which is what the demo (whose simulator has a fixed clock of its own) and
 * tests need to give the same answers on any day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-clock"

#include "config.h"

#include "fbk-clock.h"

struct _FbkClock
{
  GObject    parent_instance;

  FbkInstant pinned;   /* FBK_INSTANT_INVALID: the system's clock */
};

enum {
  PROP_0,
  PROP_NOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FbkClock, fbk_clock, G_TYPE_OBJECT)

static void
fbk_clock_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FbkClock *self = FBK_CLOCK (object);

  switch (prop_id)
    {
    case PROP_NOW:
      g_value_set_int64 (value, fbk_clock_get_now (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_clock_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FbkClock *self = FBK_CLOCK (object);

  switch (prop_id)
    {
    case PROP_NOW:
      fbk_clock_set_now (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fbk_clock_class_init (FbkClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fbk_clock_get_property;
  object_class->set_property = fbk_clock_set_property;

  /* Notified only when a pinned clock is moved: the real clock runs on
   * without telling anyone. */
  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL,
                        G_MININT64, G_MAXINT64, FBK_INSTANT_INVALID,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fbk_clock_init (FbkClock *self)
{
  self->pinned = FBK_INSTANT_INVALID;
}

/**
 * fbk_clock_new:
 *
 * Returns: (transfer full): a clock that follows the system's
 */
FbkClock *
fbk_clock_new (void)
{
  return g_object_new (FBK_TYPE_CLOCK, NULL);
}

/**
 * fbk_clock_new_pinned:
 *
 * Returns: (transfer full): a clock that stands at @now until moved
 */
FbkClock *
fbk_clock_new_pinned (FbkInstant now)
{
  FbkClock *self = fbk_clock_new ();

  fbk_clock_set_now (self, now);
  return self;
}

FbkInstant
fbk_clock_get_now (FbkClock *self)
{
  g_return_val_if_fail (FBK_IS_CLOCK (self), FBK_INSTANT_INVALID);

  if (self->pinned != FBK_INSTANT_INVALID)
    return self->pinned;

  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
fbk_clock_is_pinned (FbkClock *self)
{
  g_return_val_if_fail (FBK_IS_CLOCK (self), FALSE);

  return self->pinned != FBK_INSTANT_INVALID;
}

/**
 * fbk_clock_set_now:
 * @now: the instant to stand at, or %FBK_INSTANT_INVALID to follow the
 *   system's clock again
 */
void
fbk_clock_set_now (FbkClock   *self,
                   FbkInstant  now)
{
  g_return_if_fail (FBK_IS_CLOCK (self));

  if (self->pinned == now)
    return;

  self->pinned = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}
