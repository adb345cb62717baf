/* fbk-csv.h: tables as CSV (RFC 4180, UTF-8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fbk-series.h"
#include "fbk-time.h"

G_BEGIN_DECLS

typedef enum
{
  /* RFC 4180: comma separator, decimal point */
  FBK_CSV_STYLE_DEFAULT,
  /* What Norwegian Excel and LibreOffice open directly (and what Elhub
   * exports use): semicolon separator, decimal comma, and a UTF-8 byte
   * order mark so Excel does not read the file as Windows-1252. */
  FBK_CSV_STYLE_SPREADSHEET,
} FbkCsvStyle;

/* Writes one CSV document into a GString, a field at a time. Rows end in
 * CRLF as RFC 4180 asks. Text fields are quoted where needed, and text that
 * a spreadsheet would run as a formula (a leading = + - @ tab or CR) gets a
 * leading apostrophe; numbers, instants and booleans are written by the
 * writer itself and are never altered. Lives on the stack; nothing to free. */
typedef struct
{
  /*< private >*/
  GString     *out;
  FbkCsvStyle  style;
  guint        n_fields;
  FbkInstant   last_instant;
  char         last_instant_text[32];
} FbkCsvWriter;

void fbk_csv_writer_init        (FbkCsvWriter       *writer,
                                 GString            *out,
                                 FbkCsvStyle         style);
void fbk_csv_writer_add_text    (FbkCsvWriter       *writer,
                                 const char         *text);
void fbk_csv_writer_add_number  (FbkCsvWriter       *writer,
                                 double              value,
                                 guint               decimals);
void fbk_csv_writer_add_instant (FbkCsvWriter       *writer,
                                 FbkInstant          instant);
void fbk_csv_writer_add_boolean (FbkCsvWriter       *writer,
                                 gboolean            value);
void fbk_csv_writer_end_row     (FbkCsvWriter       *writer);

void fbk_csv_write_values       (GString            *out,
                                 FbkCsvStyle         style,
                                 FbkSeries * const  *series,
                                 guint               n_series,
                                 FbkResolution       resolution,
                                 FbkInstant          from,
                                 FbkInstant          to);

G_END_DECLS
