/* fbk-max-hours-text.c: what the max-hours page says about a month, in
 * sentences
 *
 * The figures come worked out from core (fbk-max-hours-table,
 * fbk-capacity-coach); here they are only put into words, rounded where
 * shown and never before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-max-hours-text"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "fbk-format.h"
#include "fbk-max-hours-text.h"

/* A day named in a list of days: "Fri 22". */
#define MAX_DAYS_NAMED 4

static FbkInstant
month_start (const FbkMaxHoursRow *row)
{
  return fbk_time_oslo_midnight ((FbkDate) { row->year, row->month, 1 });
}

char *
fbk_max_hours_text_kr (double kr)
{
  g_autofree char *number = fbk_format_number (kr, 0);

  /* Translators: an amount of money in Norwegian kroner, "420 kr". */
  return g_strdup_printf (_("%s kr"), number);
}

static char *
format_kw (double kw,
           int    decimals)
{
  g_autofree char *number = fbk_format_number (kw, decimals);

  return g_strdup_printf (C_("quantity", "%s %s"), number, C_("unit of power", "kW"));
}

/* A level shown to keep under: rounded down, so staying under what is
 * shown always does what the sentence says. A level that is a tenth
 * exactly may come out of the arithmetic a hair under it (10.2 as
 * 10.19999…); meters count whole Wh, so a nano-kWh of slack only keeps
 * that from showing as 10.1. */
static char *
format_kwh_floor (double kwh)
{
  g_autofree char *number = fbk_format_number (floor (kwh * 10.0 + 1e-9) / 10.0, 1);

  return g_strdup_printf (C_("quantity", "%s %s"), number, C_("unit of energy", "kWh"));
}

char *
fbk_max_hours_text_month (const FbkMaxHoursRow *row)
{
  return fbk_format_instant (month_start (row), C_("month period", "%B %Y"));
}

/**
 * fbk_max_hours_text_covered:
 *
 * Returns: "8–31 Dec, not a whole month" for a partial month, else %NULL
 */
char *
fbk_max_hours_text_covered (const FbkMaxHoursRow *row)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (!row->partial)
    return NULL;

  /* Translators: the first day of a span in a month, "8" of "8–31 Dec". */
  first = fbk_format_instant (row->covered_from, C_("covered span start", "%-d"));
  /* Translators: the last day of a span in a month, "31 Dec" of "8–31 Dec". */
  last = fbk_format_instant (MAX (row->covered_from, row->covered_to - 1), C_("covered span end", "%-d %b"));
  /* Translators: the days of a month that the values cover, "8–31 Dec". */
  return g_strdup_printf (_("%s–%s, not a whole month"), first, last);
}

/* Why a month's step has no price. */
static const char *
unknown_price_reason (const FbkMaxHoursRow *row)
{
  if (row->table == NULL)
    return _("no capacity tariff for this month");
  return _("Elvia's price for this step is not in Forbruk's tables");
}

/**
 * fbk_max_hours_text_step:
 *
 * Returns: "Step 3 · 420 kr", "Step 3 · price unknown: …", "At least
 *   step 3 · 8–31 Dec, not a whole month", or "No step: …"
 */
char *
fbk_max_hours_text_step (const FbkMaxHoursRow *row)
{
  g_autofree char *covered = fbk_max_hours_text_covered (row);
  g_autofree char *price = NULL;

  if (row->step == 0)
    /* Translators: a month without a capacity step, and why. */
    return g_strdup_printf (_("No step: %s"), unknown_price_reason (row));

  if (covered != NULL)
    /* Translators: a partial month's step is a floor, not the month's:
     * "At least step 3 · 8–31 Dec, not a whole month". */
    return g_strdup_printf (_("At least step %u · %s"), row->step, covered);

  if (isnan (row->step_price_kr))
    /* Translators: "Step 3 · price unknown: no capacity tariff for this month" */
    return g_strdup_printf (_("Step %u · price unknown: %s"), row->step, unknown_price_reason (row));

  price = fbk_max_hours_text_kr (row->step_price_kr);
  if (row->in_progress)
    /* Translators: the month in progress: "Step 3 so far · 420 kr" */
    return g_strdup_printf (_("Step %u so far · %s"), row->step, price);
  /* Translators: a month's capacity step and its price, "Step 3 · 420 kr" */
  return g_strdup_printf (_("Step %u · %s"), row->step, price);
}

/**
 * fbk_max_hours_text_figures:
 *
 * Returns: "Top-3 average 9.92 kW · 0.08 kW to step 4, 165 kr more"
 */
char *
fbk_max_hours_text_figures (const FbkMaxHoursRow *row)
{
  g_autofree char *average = format_kw (row->shown.average, 2);
  g_autofree char *headroom = NULL;

  if (row->step == 0 || row->partial || !isfinite (row->headroom))
    /* Translators: the average of a month's three highest daily peaks. */
    return g_strdup_printf (_("Top-3 average %s"), average);

  headroom = format_kw (row->headroom, 2);
  if (isnan (row->step_price_kr) || isnan (row->next_step_price_kr))
    /* Translators: "Top-3 average 9.92 kW · 0.08 kW to step 4" */
    return g_strdup_printf (_("Top-3 average %s · %s to step %u"), average, headroom, row->step + 1);

  {
    g_autofree char *more = fbk_max_hours_text_kr (row->next_step_price_kr - row->step_price_kr);

    /* Translators: "Top-3 average 9.92 kW · 0.08 kW to step 4, 165 kr more" */
    return g_strdup_printf (_("Top-3 average %s · %s to step %u, %s more"), average, headroom, row->step + 1, more);
  }
}

/* "Fri 22, Sun 17 and Wed 13 Dec", or "… and 5 more days". */
static char *
format_days (const FbkMaxHour *days,
             guint             n_days)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint named = MIN (n_days, MAX_DAYS_NAMED);

  for (guint i = 0; i < named; i++)
    {
      gboolean last_named = i + 1 == named;
      /* Translators: a day in a list of days, "Fri 22"; the last named
       * one has its month, "Wed 13 Dec". */
      g_autofree char *day = fbk_format_instant (days[i].start,
                                                 last_named ? C_("day in list, last", "%a %-d %b")
                                                            : C_("day in list", "%a %-d"));

      if (i > 0 && last_named && n_days == named)
        /* Translators: before the last day of a list, "Fri 22, Sun 17 and Wed 13 Dec" */
        g_string_append (text, _(" and "));
      else if (i > 0)
        g_string_append (text, _(", "));
      g_string_append (text, day);
    }

  if (n_days > named)
    /* Translators: after the days named in a list, " and 5 more days" */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more day", " and %u more days",
                                               n_days - named),
                            n_days - named);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * fbk_max_hours_text_saving:
 *
 * What one step lower needed: "Keeping every day's highest hour under
 * 9.4 kWh (2.1 kWh less in all, on Fri 22, Sun 17 and Wed 13 Dec) would
 * have put this month in step 3: 115 kr less."
 *
 * Returns: the sentence
 */
char *
fbk_max_hours_text_saving (const FbkMaxHoursRow *row)
{
  g_autofree char *under = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *days = NULL;
  g_autofree char *kr = NULL;
  g_autofree char *covered = fbk_max_hours_text_covered (row);

  if (covered != NULL)
    /* Translators: %s is "8–31 Dec, not a whole month". */
    return g_strdup_printf (_("%s: what it would have taken to save a step is not known."), covered);
  if (!row->has_saving)
    return g_strdup (_("Without this month's hourly values Forbruk cannot tell what would have kept it a step lower."));
  if (row->saving.to_step == 0)
    return g_strdup (_("This month is in the lowest step: there is nothing to save on the capacity charge."));

  under = format_kwh_floor (row->saving.cap_kwh);
  cut = fbk_format_number (row->saving.cut_kwh, 1);
  days = format_days (row->saving.days_cut, row->saving.n_days_cut);
  kr = isnan (row->saving_kr) ? NULL : fbk_max_hours_text_kr (row->saving_kr);

  if (row->in_progress)
    {
      if (kr == NULL)
        /* Translators: the month in progress; "under 9.4 kWh", "2.1" kWh, the days, the step. */
        return g_strdup_printf (_("Keeping every day's highest hour under %s (%s kWh less in all, on %s) "
                                  "would put this month in step %u so far."),
                                under, cut, days, row->saving.to_step);
      return g_strdup_printf (_("Keeping every day's highest hour under %s (%s kWh less in all, on %s) "
                                "would put this month in step %u so far: %s less."),
                              under, cut, days, row->saving.to_step, kr);
    }

  if (kr == NULL)
    return g_strdup_printf (_("Keeping every day's highest hour under %s (%s kWh less in all, on %s) "
                              "would have put this month in step %u."),
                            under, cut, days, row->saving.to_step);
  return g_strdup_printf (_("Keeping every day's highest hour under %s (%s kWh less in all, on %s) "
                            "would have put this month in step %u: %s less."),
                          under, cut, days, row->saving.to_step, kr);
}

/**
 * fbk_max_hours_text_keep_under:
 *
 * For the month in progress: "Stay below 8.9 kWh in any hour for the rest
 * of December to stay in step 3."
 *
 * Returns: (nullable): the sentence, or %NULL when there is no limit to
 *   give (another month, the top step, no table)
 */
char *
fbk_max_hours_text_keep_under (const FbkMaxHoursRow *row,
                               FbkInstant            now)
{
  FbkDate today = fbk_time_oslo_date (now);
  g_autofree char *month_name = NULL;
  g_autofree char *limit = NULL;
  double keep_under;

  if (!row->in_progress || row->step == 0 || row->table == NULL || row->n_days == 0)
    return NULL;

  keep_under = fbk_capacity_keep_under (row->table, row->step, row->days, row->n_days, today,
                                        fbk_date_days_in_month (row->year, row->month));
  if (!isfinite (keep_under))
    return NULL;

  /* Translators: a month's name inside a sentence, "the rest of December". */
  month_name = fbk_format_instant (month_start (row), C_("month in sentence", "%B"));
  limit = format_kwh_floor (keep_under);
  /* Translators: "Stay below 8.9 kWh in any hour for the rest of December to stay in step 3." */
  return g_strdup_printf (_("Stay below %s in any hour for the rest of %s to stay in step %u."),
                          limit, month_name, row->step);
}

/**
 * fbk_max_hours_text_projection:
 * @last_year: (array length=n_last_year): the daily maxima of the same
 *   month a year before
 *
 * Returns: (nullable): for the month in progress, where it ends if the
 *   rest goes as last year's did; %NULL for other months
 */
char *
fbk_max_hours_text_projection (const FbkMaxHoursRow *row,
                               const FbkMaxHour     *last_year,
                               guint                 n_last_year,
                               FbkTariffBook        *book,
                               FbkInstant            now)
{
  FbkDate today = fbk_time_oslo_date (now);
  FbkDate a_year_before = { row->year - 1, row->month, 1 };
  g_autofree char *month_name = NULL;
  g_autofree char *before = NULL;
  g_autofree char *average = NULL;
  double projected;
  double kr;
  guint step;

  if (!row->in_progress)
    return NULL;

  month_name = fbk_format_instant (month_start (row), C_("month in sentence", "%B"));
  before = fbk_format_instant (fbk_time_oslo_midnight (a_year_before), C_("month period", "%B %Y"));
  projected = fbk_capacity_project (row->days, row->n_days, last_year, n_last_year, today,
                                    fbk_date_days_in_month (row->year, row->month));
  if (isnan (projected))
    /* Translators: "No values for December 2025 to project the rest of December from." */
    return g_strdup_printf (_("No values for %s to project the rest of %s from."), before, month_name);

  average = format_kw (projected, 2);
  if (book == NULL ||
      !fbk_tariff_book_get_capacity_price (book, row->year, row->month, projected, &kr, &step, NULL))
    {
      if (book == NULL || step == 0)
        return g_strdup_printf (_("If the rest of %s goes as in %s, the top-3 average ends at %s."),
                                month_name, before, average);
      return g_strdup_printf (_("If the rest of %s goes as in %s, the top-3 average ends at %s: step %u."),
                              month_name, before, average, step);
    }

  {
    g_autofree char *price = fbk_max_hours_text_kr (kr);

    /* Translators: "If the rest of December goes as in December 2025, the
     * top-3 average ends at 9.80 kW: step 3, 420 kr." */
    return g_strdup_printf (_("If the rest of %s goes as in %s, the top-3 average ends at %s: step %u, %s."),
                            month_name, before, average, step, price);
  }
}

/**
 * fbk_max_hours_text_year:
 * @rows: (element-type FbkMaxHoursRow): one meter's months
 *
 * Returns: (nullable): "In 2026 the capacity steps cost 4,460 kr (11
 *   months); one step lower each month would have cost 1,560 kr less.", or
 *   %NULL when no month of @year is whole, over and priced
 */
char *
fbk_max_hours_text_year (GArray *rows,
                         int     year)
{
  g_autofree char *cost = NULL;
  g_autofree char *saving = NULL;
  double cost_kr, saving_kr;
  guint n_months;

  if (!fbk_max_hours_table_sum_year (rows, year, &cost_kr, &saving_kr, &n_months))
    return NULL;

  cost = fbk_max_hours_text_kr (cost_kr);
  saving = fbk_max_hours_text_kr (saving_kr);
  if (saving_kr <= 0.0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "In %d the capacity step cost %s (%u month), each month in the lowest step.",
                                         "In %d the capacity steps cost %s (%u months), each month in the lowest step.",
                                         n_months),
                            year, cost, n_months);
  /* Translators: a year's capacity charges and what one step lower each
   * month would have saved. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "In %d the capacity step cost %s (%u month); one step lower would have cost %s less.",
                                       "In %d the capacity steps cost %s (%u months); one step lower each month would have cost %s less.",
                                       n_months),
                          year, cost, n_months, saving);
}
