/* fbk-csv.c: tables as CSV (RFC 4180, UTF-8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-csv"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fbk-csv.h"

#define UTF8_BOM "\xEF\xBB\xBF"

/* Above this a scaled value no longer fits the integer fast path. */
#define MAX_FAST_SCALED 1.8e19

static const double decimal_scales[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
};

static inline char
separator (const FbkCsvWriter *writer)
{
  return writer->style == FBK_CSV_STYLE_SPREADSHEET ? ';' : ',';
}

static inline char
decimal_mark (const FbkCsvWriter *writer)
{
  return writer->style == FBK_CSV_STYLE_SPREADSHEET ? ',' : '.';
}

static void
begin_field (FbkCsvWriter *writer)
{
  if (writer->n_fields++ > 0)
    g_string_append_c (writer->out, separator (writer));
}

/**
 * fbk_csv_writer_init:
 * @out: where the document is appended
 *
 * Starts a CSV document on @out, or continues the one @out already holds:
 * the spreadsheet style's byte order mark goes only at the very start, so
 * tables written one after the other make one document.
 */
void
fbk_csv_writer_init (FbkCsvWriter *writer,
                     GString      *out,
                     FbkCsvStyle   style)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (out != NULL);

  writer->out = out;
  writer->style = style;
  writer->n_fields = 0;
  writer->last_instant = FBK_INSTANT_INVALID;
  writer->last_instant_text[0] = '\0';

  if (style == FBK_CSV_STYLE_SPREADSHEET && out->len == 0)
    g_string_append (out, UTF8_BOM);
}

/**
 * fbk_csv_writer_add_text:
 * @text: (nullable): UTF-8 text; %NULL writes an empty field
 */
void
fbk_csv_writer_add_text (FbkCsvWriter *writer,
                         const char   *text)
{
  const char needs_quotes[] = { separator (writer), '"', '\r', '\n', '\0' };
  gboolean formula;

  begin_field (writer);

  if (text == NULL || text[0] == '\0')
    return;

  /* A spreadsheet runs a cell starting like this as a formula, even from a
   * CSV file; the apostrophe makes it plain text (OWASP "CSV injection"). */
  formula = strchr ("=+-@\t\r", text[0]) != NULL;

  if (strpbrk (text, needs_quotes) == NULL)
    {
      if (formula)
        g_string_append_c (writer->out, '\'');
      g_string_append (writer->out, text);
      return;
    }

  g_string_append_c (writer->out, '"');
  if (formula)
    g_string_append_c (writer->out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (writer->out, '"');
      g_string_append_c (writer->out, *p);
    }
  g_string_append_c (writer->out, '"');
}

/**
 * fbk_csv_writer_add_number:
 * @decimals: digits after the decimal mark, at most 9
 *
 * Writes @value rounded to @decimals digits, with the style's decimal mark
 * and no grouping, whatever the locale. A value that is not finite writes an
 * empty field.
 */
void
fbk_csv_writer_add_number (FbkCsvWriter *writer,
                           double        value,
                           guint         decimals)
{
  char digits[24];
  double scaled;
  guint64 integer;
  guint min_chars = decimals > 0 ? decimals + 2 : 1;  /* "0.000" */
  guint n = 0;

  g_return_if_fail (decimals < G_N_ELEMENTS (decimal_scales));

  begin_field (writer);

  if (!isfinite (value))
    return;

  scaled = round (fabs (value) * decimal_scales[decimals]);

  if (scaled >= MAX_FAST_SCALED)
    {
      char format[8];
      char buffer[400];
      char *point;

      g_snprintf (format, sizeof format, "%%.%uf", decimals);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      point = strchr (buffer, '.');
      if (point != NULL)
        *point = decimal_mark (writer);
      g_string_append (writer->out, buffer);
      return;
    }

  /* The integer path is much faster than printf and needs no locale. */
  integer = (guint64) scaled;

  if (value < 0 && integer != 0)
    g_string_append_c (writer->out, '-');

  do
    {
      digits[n++] = (char) ('0' + integer % 10);
      integer /= 10;
      if (n == decimals)
        digits[n++] = decimal_mark (writer);
    }
  while (integer != 0 || n < min_chars);

  while (n > 0)
    g_string_append_c (writer->out, digits[--n]);
}

/**
 * fbk_csv_writer_add_instant:
 *
 * Writes @instant as ISO 8601 Oslo wall-clock time with its offset, which
 * tells the two 02:00 hours of the October change apart.
 */
void
fbk_csv_writer_add_instant (FbkCsvWriter *writer,
                            FbkInstant    instant)
{
  begin_field (writer);

  /* Formatting is most of the cost of a values table, and one row's end is
   * usually the next row's start. */
  if (instant != writer->last_instant || writer->last_instant_text[0] == '\0')
    {
      g_autofree char *text = fbk_time_format_oslo (instant);

      g_strlcpy (writer->last_instant_text, text, sizeof writer->last_instant_text);
      writer->last_instant = instant;
    }

  g_string_append (writer->out, writer->last_instant_text);
}

void
fbk_csv_writer_add_boolean (FbkCsvWriter *writer,
                            gboolean      value)
{
  begin_field (writer);
  g_string_append (writer->out, value ? "true" : "false");
}

void
fbk_csv_writer_end_row (FbkCsvWriter *writer)
{
  g_string_append (writer->out, "\r\n");
  writer->n_fields = 0;
}

static int
compare_series (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  FbkSeries *sa = *(FbkSeries * const *) a;
  FbkSeries *sb = *(FbkSeries * const *) b;
  int by_meter = strcmp (fbk_series_get_metering_point_id (sa),
                         fbk_series_get_metering_point_id (sb));

  if (by_meter != 0)
    return by_meter;

  return (int) fbk_series_get_direction (sa) - (int) fbk_series_get_direction (sb);
}

/* One series' rows in order: its values as stored, or its buckets. */
typedef struct
{
  FbkSeries         *series;
  const FbkInterval *values;    /* at FBK_RESOLUTION_HOUR */
  GArray            *buckets;   /* FbkBucket, at coarser resolutions */
  guint              next;
  guint              length;
} Cursor;

static FbkInstant
cursor_start (const Cursor *cursor)
{
  if (cursor->buckets != NULL)
    return g_array_index (cursor->buckets, FbkBucket, cursor->next).start;
  return cursor->values[cursor->next].start;
}

static void
write_row_start (FbkCsvWriter *writer,
                 FbkSeries    *series,
                 FbkInstant    start,
                 FbkInstant    end,
                 double        kwh)
{
  fbk_csv_writer_add_text (writer, fbk_series_get_metering_point_id (series));
  fbk_csv_writer_add_instant (writer, start);
  fbk_csv_writer_add_instant (writer, end);
  fbk_csv_writer_add_number (writer, kwh, 3);
  fbk_csv_writer_add_text (writer, fbk_direction_to_string (fbk_series_get_direction (series)));
}

/* Hours as a number: whole, or to the quarter for quarter-hour values. */
static void
add_hours (FbkCsvWriter *writer,
           gint64        seconds)
{
  fbk_csv_writer_add_number (writer, seconds / 3600.0, seconds % 3600 == 0 ? 0 : 2);
}

static void
write_cursor_row (FbkCsvWriter *writer,
                  Cursor       *cursor)
{
  if (cursor->buckets != NULL)
    {
      const FbkBucket *bucket = &g_array_index (cursor->buckets, FbkBucket, cursor->next);

      write_row_start (writer, cursor->series, bucket->covered_from, bucket->covered_to, bucket->kwh);
      fbk_csv_writer_add_boolean (writer, (bucket->flags & FBK_INTERVAL_VERIFIED) != 0);
      add_hours (writer, bucket->covered_seconds);
      add_hours (writer, bucket->end - bucket->start);
    }
  else
    {
      const FbkInterval *value = &cursor->values[cursor->next];

      write_row_start (writer, cursor->series, value->start, fbk_interval_end (value), value->kwh);
      fbk_csv_writer_add_boolean (writer, (value->flags & FBK_INTERVAL_VERIFIED) != 0);
    }
  fbk_csv_writer_end_row (writer);
  cursor->next++;
}

/**
 * fbk_csv_write_values:
 * @out: where the document is appended
 * @series: (array length=n_series): hourly series to write, in any order
 * @resolution: %FBK_RESOLUTION_HOUR for the values as metered, or the
 *   calendar periods to sum them over
 * @from: the start of the range
 * @to: the end of the range (exclusive)
 *
 * Writes the values starting in [@from, @to) as the table
 * `metering_point_id,start,end,kwh,direction,verified`, sorted by metering
 * point, then start, then direction (consumption before production). Summed
 * over periods, each row also says `hours` (those with a value) and
 * `hours_expected` (those the period has), and its start and end are those
 * of the values it holds: a period the range or the data only partly
 * covers is not passed off as whole, and one with no value has no row.
 */
void
fbk_csv_write_values (GString           *out,
                      FbkCsvStyle        style,
                      FbkSeries * const *series,
                      guint              n_series,
                      FbkResolution      resolution,
                      FbkInstant         from,
                      FbkInstant         to)
{
  g_autofree FbkSeries **sorted = NULL;
  g_autofree Cursor *cursors = NULL;
  FbkCsvWriter writer;

  g_return_if_fail (out != NULL);
  g_return_if_fail (series != NULL || n_series == 0);

  fbk_csv_writer_init (&writer, out, style);
  fbk_csv_writer_add_text (&writer, "metering_point_id");
  fbk_csv_writer_add_text (&writer, "start");
  fbk_csv_writer_add_text (&writer, "end");
  fbk_csv_writer_add_text (&writer, "kwh");
  fbk_csv_writer_add_text (&writer, "direction");
  fbk_csv_writer_add_text (&writer, "verified");
  if (resolution != FBK_RESOLUTION_HOUR)
    {
      fbk_csv_writer_add_text (&writer, "hours");
      fbk_csv_writer_add_text (&writer, "hours_expected");
    }
  fbk_csv_writer_end_row (&writer);

  if (n_series == 0)
    return;

  sorted = g_memdup2 (series, n_series * sizeof (FbkSeries *));
  g_qsort_with_data (sorted, n_series, sizeof (FbkSeries *), compare_series, NULL);

  cursors = g_new0 (Cursor, n_series);
  for (guint i = 0; i < n_series; i++)
    {
      cursors[i].series = sorted[i];
      if (resolution == FBK_RESOLUTION_HOUR)
        cursors[i].values = fbk_series_get_range (sorted[i], from, to, &cursors[i].length);
      else
        {
          cursors[i].buckets = fbk_series_get_buckets (sorted[i], resolution, from, to);
          cursors[i].length = cursors[i].buckets->len;
        }
    }

  /* Merge the series of each metering point (consumption and production)
   * by start; a point rarely has more than two, so a scan picks the next. */
  for (guint group = 0; group < n_series;)
    {
      guint group_end = group + 1;

      while (group_end < n_series &&
             strcmp (fbk_series_get_metering_point_id (sorted[group]),
                     fbk_series_get_metering_point_id (sorted[group_end])) == 0)
        group_end++;

      for (;;)
        {
          Cursor *earliest = NULL;

          for (guint i = group; i < group_end; i++)
            {
              if (cursors[i].next < cursors[i].length &&
                  (earliest == NULL || cursor_start (&cursors[i]) < cursor_start (earliest)))
                earliest = &cursors[i];
            }

          if (earliest == NULL)
            break;

          write_cursor_row (&writer, earliest);
        }

      group = group_end;
    }

  for (guint i = 0; i < n_series; i++)
    g_clear_pointer (&cursors[i].buckets, g_array_unref);
}
