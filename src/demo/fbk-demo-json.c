/* fbk-demo-json.c: writing the simulator's JSON bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The bodies are large (a year of one meter is ~1 MB) and written hour by
 * hour, so they go straight into a GString, without a JSON tree in
 * between, and numbers are written digit by digit rather than with printf,
 * which costs some ten times more (as the timestamps of fbk-time.c). */

#define G_LOG_DOMAIN "fbk-demo-server"

#include "config.h"

#include "fbk-demo-json.h"

void
fbk_demo_json_string (GString    *out,
                      const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* RFC 3339 with the Oslo offset, as both Elvia and hvakosterstrommen.no
 * write their times. */
void
fbk_demo_json_time (GString    *out,
                    FbkInstant  instant)
{
  g_autofree char *text = fbk_time_format_oslo (instant);

  g_string_append_c (out, '"');
  g_string_append (out, text);
  g_string_append_c (out, '"');
}

/* @scaled / 10^@decimals, with at least @min_decimals decimals and no
 * trailing zeros beyond them. Inlined into each caller, whose constant
 * arguments fold away what it does not need: kWh are written for every
 * hour sent. */
static inline void
append_scaled (GString *out,
               gint64   scaled,
               guint    decimals,
               guint    min_decimals)
{
  char text[sizeof "-9223372036854775808."];
  char *end = text + sizeof text;
  char *p = end;
  guint64 magnitude = scaled < 0 ? -(guint64) scaled : (guint64) scaled;
  guint kept = decimals;

  g_assert (decimals < 19);

  for (guint i = 0; i < decimals; i++, magnitude /= 10)
    {
      char digit = (char) ('0' + magnitude % 10);

      if (digit == '0' && p == end && kept > min_decimals)
        kept--;
      else
        *--p = digit;
    }
  if (kept > 0)
    *--p = '.';
  do
    *--p = (char) ('0' + magnitude % 10);
  while ((magnitude /= 10) > 0);
  if (scaled < 0)
    *--p = '-';

  g_string_append_len (out, p, end - p);
}

/**
 * fbk_demo_json_kwh:
 *
 * Writes @wh as kWh with exactly three decimals, as Elvia sends them.
 */
void
fbk_demo_json_kwh (GString *out,
                   gint64   wh)
{
  append_scaled (out, wh, 3, 3);
}

/**
 * fbk_demo_json_decimal:
 *
 * Writes @scaled / 10^@decimals as JavaScript's JSON.stringify() writes
 * such a number: no trailing zeros, no point for a whole number.
 */
void
fbk_demo_json_decimal (GString *out,
                       gint64   scaled,
                       guint    decimals)
{
  append_scaled (out, scaled, decimals, 0);
}
