/* fuzz-parse.c: libFuzzer target for the three MeterValueApi body parsers
 * and the price service's
 *
 * Build with clang: `CC=clang meson setup _fuzz -Dfuzzing=true`, then
 * `_fuzz/tests/fuzz/fuzz-parse -max_total_time=300 -max_len=8192
 * -dict=tests/fuzz/fuzz-parse.dict CORPUS tests/fuzz/corpus` (CORPUS a
 * scratch directory for what it learns; the seeds stay as they are). Inputs that ever crashed go into tests/fuzz/corpus, which
 * test-parse replays in every ordinary build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fbk-error.h"
#include "fbk-parse.h"
#include "fbk-price-parse.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static void
discard_log (const char     *log_domain,
             GLogLevelFlags  log_level,
             const char     *message,
             gpointer        user_data)
{
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical or warning from a parser is a bug to report like a crash;
   * debug chatter would only slow the run down. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_handler ("fbk-parse", G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE,
                     discard_log, NULL);
  return 0;
}

/* UTF-8 with nothing a terminal acts on: no control character but the
 * line breaks between problem details' errors, no bidirectional override. */
static void
check_showable (const char *text)
{
  g_assert (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert (c == '\n' || !g_unichar_iscntrl (c));
      g_assert (!(c >= 0x202a && c <= 0x202e) && !(c >= 0x2066 && c <= 0x2069));
    }
}

static void
check_result (gpointer  result,
              GError   *error)
{
  /* exactly one of value and error, and the error in our domain */
  g_assert ((result == NULL) != (error == NULL));
  g_assert (error == NULL || error->domain == FBK_PARSE_ERROR);
  if (error != NULL)
    check_showable (error->message);
}

static const FbkDate price_days[] = { { 2026, 1, 16 }, { 2026, 3, 29 }, { 2025, 10, 26 } };

/* What came through tiles the day, every price finite and within bounds,
 * and averages to whole clock hours in order. */
static void
check_prices (GArray  *prices,
              FbkDate  day)
{
  g_autoptr(GArray) hours = fbk_spot_prices_to_hours (prices);
  FbkInstant t = fbk_time_oslo_midnight (day);

  for (guint i = 0; i < prices->len; i++)
    {
      const FbkSpotPrice *price = &g_array_index (prices, FbkSpotPrice, i);

      g_assert (price->start == t && price->duration > 0);
      g_assert (isfinite (price->nok_per_kwh) && fabs (price->nok_per_kwh) <= FBK_SPOT_PRICE_MAX_ABS_NOK_PER_KWH);
      t += price->duration;
    }
  g_assert (t == fbk_time_oslo_midnight (fbk_date_add_days (day, 1)));
  for (guint i = 0; i < hours->len; i++)
    g_assert (g_array_index (hours, FbkSpotPrice, i).duration == FBK_SECONDS_PER_HOUR &&
              (i == 0 || g_array_index (hours, FbkSpotPrice, i - 1).start < g_array_index (hours, FbkSpotPrice, i).start));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) body = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meter_values = NULL;
  g_autoptr(GPtrArray) max_hours = NULL;
  g_autofree char *problem = NULL;
  guint status;

  meter_values = fbk_parse_meter_values (body, FBK_DIRECTION_CONSUMPTION, &error);
  check_result (meter_values, error);
  g_clear_error (&error);

  /* Whatever came through must hold what the header promises. */
  for (guint i = 0; meter_values != NULL && i < meter_values->len; i++)
    {
      const FbkMeterValues *values = g_ptr_array_index (meter_values, i);

      for (guint d = 0; d < G_N_ELEMENTS (values->intervals); d++)
        {
          const GArray *intervals = values->intervals[d];

          for (guint j = 0; j < intervals->len; j++)
            {
              const FbkInterval *interval = &g_array_index (intervals, FbkInterval, j);

              g_assert (interval->duration > 0);
              g_assert (interval->kwh >= 0.0 && !signbit (interval->kwh));
              g_assert (interval->kwh <= FBK_PARSE_MAX_KWH_PER_HOUR * interval->duration / FBK_SECONDS_PER_HOUR);
              g_assert (j == 0 || interval[-1].start < interval->start);
            }
        }

      /* Hostile intervals through the local max-hours rule as well, for
       * the month of the first one. */
      if (values->intervals[FBK_DIRECTION_CONSUMPTION]->len > 0)
        {
          const GArray *consumed = values->intervals[FBK_DIRECTION_CONSUMPTION];
          FbkDate date = fbk_time_oslo_date (g_array_index (consumed, FbkInterval, 0).start);
          FbkMaxHours local;

          if (fbk_date_is_valid (date))
            {
              g_assert (fbk_max_hours_compute (&local, date.year, date.month,
                                               (const FbkInterval *) (gpointer) consumed->data,
                                               consumed->len));
              g_assert (local.n_hours <= FBK_MAX_HOURS_PER_MONTH);
              g_assert (local.provisional == (local.n_hours < FBK_MAX_HOURS_PER_MONTH));
              g_assert (fbk_max_hours_compare (&local, &local, 0.0) == FBK_MAX_HOURS_SAME);
            }
        }
    }

  max_hours = fbk_parse_max_hours (body, &error);
  check_result (max_hours, error);
  g_clear_error (&error);

  for (guint i = 0; max_hours != NULL && i < max_hours->len; i++)
    {
      const FbkMaxHoursReport *report = g_ptr_array_index (max_hours, i);
      const FbkMaxHours *months[] = { report->current, report->previous };

      for (guint m = 0; m < G_N_ELEMENTS (months); m++)
        {
          if (months[m] == NULL)
            continue;
          g_assert (months[m]->n_hours <= FBK_MAX_HOURS_PER_MONTH);
          g_assert (isfinite (months[m]->average) && months[m]->average >= 0.0);
          for (guint h = 0; h < months[m]->n_hours; h++)
            {
              const FbkMaxHour *hour = &months[m]->hours[h];

              g_assert (hour->kwh <= FBK_PARSE_MAX_KWH_PER_HOUR * (hour->end - hour->start) / FBK_SECONDS_PER_HOUR);
              g_assert (h == 0 || hour[-1].kwh >= hour->kwh);
            }
        }
    }

  problem = fbk_parse_problem_details (body, &status, &error);
  check_result (problem, error);
  if (problem != NULL)
    check_showable (problem);
  g_clear_error (&error);

  /* As a day of spot prices: an ordinary day and both DST days. */
  for (guint d = 0; d < G_N_ELEMENTS (price_days); d++)
    {
      g_autoptr(GArray) prices = fbk_parse_spot_prices (body, price_days[d], &error);

      check_result (prices, error);
      g_clear_error (&error);
      if (prices != NULL)
        check_prices (prices, price_days[d]);
    }

  return 0;
}
