/* fbk-format.c: numbers and Oslo dates as people read them
 *
 * Shared by everything that shows text: the window, the chart and
 * forbruk-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-format"

#include "config.h"

#include "fbk-format.h"

/**
 * fbk_format_instant:
 * @format: a g_date_time_format() format
 *
 * Formats @instant on Oslo's clock, whatever the machine's time zone.
 */
char *
fbk_format_instant (FbkInstant  instant,
                    const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) oslo = NULL;

  g_return_val_if_fail (format != NULL, NULL);

  if (utc == NULL)
    return g_strdup ("");

  oslo = g_date_time_to_timezone (utc, fbk_time_oslo_zone ());
  return g_date_time_format (oslo, format);
}
