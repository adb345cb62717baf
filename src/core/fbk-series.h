/* fbk-series.h: one metering point's values in one direction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fbk-time.h"

G_BEGIN_DECLS

typedef enum
{
  FBK_DIRECTION_CONSUMPTION,
  FBK_DIRECTION_PRODUCTION,
} FbkDirection;

#define FBK_TYPE_DIRECTION (fbk_direction_get_type ())

typedef enum
{
  FBK_INTERVAL_VERIFIED = 1 << 0,
  /* Only on aggregated buckets: every hour of the bucket has a value. */
  FBK_INTERVAL_COMPLETE = 1 << 1,
} FbkIntervalFlags;

/* One metered interval (an hour, or a quarter of one), or an aggregated
 * bucket. Kept small and flat: three years of hours for three meters is
 * about 80 000 of these. */
typedef struct
{
  FbkInstant start;
  guint32    duration;  /* seconds; 3600 for hourly values, 82800..90000 for Oslo days */
  guint32    flags;     /* FbkIntervalFlags */
  double     kwh;
} FbkInterval;

/* One bucket of values summed over an Oslo calendar period, with what they
 * cover: [covered_from, covered_to) spans them (a partial bucket's
 * covered part, where a period or the data starts or ends inside it), and
 * covered_seconds is their length, short of end - start where hours are
 * missing. COMPLETE in flags when they cover it all. */
typedef struct
{
  FbkInstant start;
  FbkInstant end;
  FbkInstant covered_from;
  FbkInstant covered_to;
  double     kwh;
  guint32    flags;            /* FbkIntervalFlags: VERIFIED, COMPLETE */
  guint32    covered_seconds;
} FbkBucket;

/* One column of a min/max decimation (see fbk_series_decimate()): the
 * intervals whose start falls in the column. When count is 0 the column has
 * no value and min, max and sum are 0. */
typedef struct
{
  double   min;
  double   max;
  double   sum;
  guint    count;
  gboolean verified;   /* count > 0 and every value is verified */
} FbkColumn;

static inline FbkInstant
fbk_interval_end (const FbkInterval *interval)
{
  return interval->start + interval->duration;
}

/* The two rules every holder of intervals keeps (the parser, series, the
 * chart, and in SQL the store): intervals are in order of start, one per
 * start; and where two values share a start, a verified one replaces
 * anything while an unverified one replaces only an unverified one. */
int                fbk_interval_compare_start        (gconstpointer      a,
                                                      gconstpointer      b,
                                                      gpointer           user_data);
gboolean           fbk_interval_replaces             (const FbkInterval *stored,
                                                      const FbkInterval *incoming);
void               fbk_intervals_normalize           (GArray            *intervals);

#define FBK_TYPE_SERIES (fbk_series_get_type ())

G_DECLARE_FINAL_TYPE (FbkSeries, fbk_series, FBK, SERIES, GObject)

FbkSeries         *fbk_series_new                    (const char        *metering_point_id,
                                                      FbkDirection       direction);
const char        *fbk_series_get_metering_point_id  (FbkSeries         *self);
FbkDirection       fbk_series_get_direction          (FbkSeries         *self);
guint              fbk_series_get_length             (FbkSeries         *self);
const FbkInterval *fbk_series_get_intervals          (FbkSeries         *self,
                                                      guint             *out_length);
const FbkInterval *fbk_series_get_range              (FbkSeries         *self,
                                                      FbkInstant         from,
                                                      FbkInstant         to,
                                                      guint             *out_length);
guint              fbk_series_upsert                 (FbkSeries         *self,
                                                      const FbkInterval *intervals,
                                                      guint              n_intervals);
GArray            *fbk_series_get_buckets            (FbkSeries         *self,
                                                      FbkResolution      resolution,
                                                      FbkInstant         from,
                                                      FbkInstant         to);
FbkSeries         *fbk_series_aggregate              (FbkSeries         *self,
                                                      FbkResolution      resolution,
                                                      FbkInstant         from,
                                                      FbkInstant         to);
double             fbk_series_total_kwh              (FbkSeries         *self,
                                                      FbkInstant         from,
                                                      FbkInstant         to);
void               fbk_series_decimate               (FbkSeries         *self,
                                                      FbkInstant         from,
                                                      FbkInstant         to,
                                                      guint              n_columns,
                                                      FbkColumn         *out_columns);

GType              fbk_direction_get_type            (void) G_GNUC_CONST;
const char        *fbk_direction_to_string           (FbkDirection       direction);
gboolean           fbk_direction_from_string         (const char        *text,
                                                      FbkDirection      *out_direction);

G_END_DECLS
