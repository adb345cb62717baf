/* fbk-period.c: the span of days the user looks at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-period"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-format.h"
#include "fbk-period.h"
#include "fbk-range-planner.h"

/* Periods up to this many days are shown by the hour, up to ~2 months by
 * the day, up to ~6 months by the week (13–26 bars) and anything longer by
 * the month (7–37 bars): each default gives a chart of a few dozen bars or
 * fewer, never thousands. */
#define HOURLY_MAX_DAYS  2
#define DAILY_MAX_DAYS   62
#define WEEKLY_MAX_DAYS  186
/* Hourly bars over more than a month stop being readable. */
#define HOURLY_FITS_MAX_DAYS 31

static const struct
{
  const char *nick;
  const char *label;
} presets[FBK_PERIOD_N_PRESETS] = {
  [FBK_PERIOD_PRESET_CUSTOM]         = { "custom", N_("Custom Range") },
  [FBK_PERIOD_PRESET_TODAY]          = { "today", N_("Today") },
  [FBK_PERIOD_PRESET_YESTERDAY]      = { "yesterday", N_("Yesterday") },
  [FBK_PERIOD_PRESET_LAST_7_DAYS]    = { "last-7-days", N_("Last 7 Days") },
  [FBK_PERIOD_PRESET_THIS_MONTH]     = { "this-month", N_("This Month") },
  [FBK_PERIOD_PRESET_LAST_MONTH]     = { "last-month", N_("Last Month") },
  [FBK_PERIOD_PRESET_LAST_12_MONTHS] = { "last-12-months", N_("Last 12 Full Months") },
  [FBK_PERIOD_PRESET_THIS_YEAR]      = { "this-year", N_("This Year") },
  [FBK_PERIOD_PRESET_LAST_YEAR]      = { "last-year", N_("Last Year") },
  [FBK_PERIOD_PRESET_LAST_3_YEARS]   = { "last-3-years", N_("Last 3 Years") },
};

G_DEFINE_BOXED_TYPE (FbkPeriod, fbk_period, fbk_period_copy, fbk_period_free)
G_DEFINE_QUARK (fbk-period-error-quark, fbk_period_error)

/* Helpers */

static guint32
julian_day (FbkDate date)
{
  GDate g_date;

  g_date_clear (&g_date, 1);
  g_date_set_dmy (&g_date, (GDateDay) date.day, (GDateMonth) date.month, (GDateYear) date.year);

  return g_date_get_julian (&g_date);
}

static int
days_between (FbkDate from,
              FbkDate to)
{
  return (int) julian_day (to) - (int) julian_day (from);
}

static FbkDate
first_of_month (FbkDate date)
{
  date.day = 1;
  return date;
}

static int
month_index (FbkDate date)
{
  return date.year * 12 + date.month - 1;
}

static FbkDate
date_min (FbkDate a,
          FbkDate b)
{
  return fbk_date_compare (a, b) <= 0 ? a : b;
}

static FbkDate
date_max (FbkDate a,
          FbkDate b)
{
  return fbk_date_compare (a, b) >= 0 ? a : b;
}

/* The period's length as named, not as clamped to today: "this month" is a
 * month long on the 1st as on the 31st. */
static int
nominal_days (const FbkPeriod *period)
{
  if (period->months > 0)
    return days_between (period->from, fbk_date_add_months (period->from, period->months));

  return fbk_period_get_n_days (period);
}

static gboolean
same_span (const FbkPeriod *a,
           const FbkPeriod *b)
{
  return fbk_date_compare (a->from, b->from) == 0 &&
         fbk_date_compare (a->to, b->to) == 0 &&
         a->months == b->months;
}

/* A stepped period that lands on a preset is shown as that preset (back
 * from "this year" is "last year"). Checked from the longest preset down
 * so January's "last year" wins over "last 12 full months", which then
 * equals it. */
static FbkPeriodPreset
recognise_preset (const FbkPeriod *period,
                  FbkInstant       now)
{
  for (int p = FBK_PERIOD_N_PRESETS - 1; p > FBK_PERIOD_PRESET_CUSTOM; p--)
    {
      FbkPeriod preset = fbk_period_new_preset ((FbkPeriodPreset) p, now);

      if (same_span (period, &preset))
        return (FbkPeriodPreset) p;
    }

  return FBK_PERIOD_PRESET_CUSTOM;
}

static void
set_history_error (GError     **error,
                   FbkInstant   now)
{
  g_autofree char *earliest = fbk_period_format_date (fbk_period_earliest_date (now));

  g_set_error (error, FBK_PERIOD_ERROR, FBK_PERIOD_ERROR_BEFORE_HISTORY,
               /* Translators: %s is a date such as “16 March 2021” */
               _("Elvia keeps only the last three years of values: the period can start on %s at the earliest."),
               earliest);
}

/* Public API */

FbkPeriod *
fbk_period_copy (const FbkPeriod *period)
{
  return g_memdup2 (period, sizeof *period);
}

void
fbk_period_free (FbkPeriod *period)
{
  g_free (period);
}

gboolean
fbk_period_equal (const FbkPeriod *a,
                  const FbkPeriod *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->preset == b->preset && same_span (a, b);
}

/**
 * fbk_period_earliest_date:
 *
 * Returns: the first Oslo day that lies wholly inside the API's three-year
 *   history limit at @now (fbk_range_plan_history_limit()), so a period
 *   starting on it is fetched whole
 */
FbkDate
fbk_period_earliest_date (FbkInstant now)
{
  FbkInstant limit = fbk_range_plan_history_limit (now);
  FbkDate date = fbk_time_oslo_date (limit);

  if (fbk_time_oslo_midnight (date) < limit)
    date = fbk_date_add_days (date, 1);

  return date;
}

/**
 * fbk_period_new_preset:
 * @now: the current time; "today" is its Oslo date
 *
 * Returns: the days @preset stands for at @now (see fbk-period.h)
 */
FbkPeriod
fbk_period_new_preset (FbkPeriodPreset preset,
                       FbkInstant      now)
{
  FbkDate today = fbk_time_oslo_date (now);
  FbkPeriod period = { preset, today, today, 0 };

  switch (preset)
    {
    case FBK_PERIOD_PRESET_TODAY:
      break;

    case FBK_PERIOD_PRESET_YESTERDAY:
      period.from = period.to = fbk_date_add_days (today, -1);
      break;

    case FBK_PERIOD_PRESET_LAST_7_DAYS:
      period.from = fbk_date_add_days (today, -6);
      break;

    case FBK_PERIOD_PRESET_THIS_MONTH:
      period.from = first_of_month (today);
      period.months = 1;
      break;

    case FBK_PERIOD_PRESET_LAST_MONTH:
      period.from = fbk_date_add_months (first_of_month (today), -1);
      period.to = fbk_date_add_days (first_of_month (today), -1);
      period.months = 1;
      break;

    case FBK_PERIOD_PRESET_LAST_12_MONTHS:
      period.from = fbk_date_add_months (first_of_month (today), -12);
      period.to = fbk_date_add_days (first_of_month (today), -1);
      period.months = 12;
      break;

    case FBK_PERIOD_PRESET_THIS_YEAR:
      period.from = (FbkDate) { today.year, 1, 1 };
      period.months = 12;
      break;

    case FBK_PERIOD_PRESET_LAST_YEAR:
      period.from = (FbkDate) { today.year - 1, 1, 1 };
      period.to = (FbkDate) { today.year - 1, 12, 31 };
      period.months = 12;
      break;

    case FBK_PERIOD_PRESET_LAST_3_YEARS:
      period.from = fbk_period_earliest_date (now);
      break;

    case FBK_PERIOD_PRESET_CUSTOM:
    default:
      g_return_val_if_reached (fbk_period_new_preset (FBK_PERIOD_DEFAULT_PRESET, now));
    }

  return period;
}

/**
 * fbk_period_new_custom:
 * @from: the first day
 * @to: the last day, inclusive
 * @out_period: (out) (optional): the period
 *
 * Makes a custom range, refusing one that is inverted, ends after today or
 * starts before fbk_period_earliest_date() with an error that tells the user
 * why. A range of whole calendar months (or from a 1st to today) steps by
 * months.
 *
 * Returns: %TRUE if the range is legal at @now
 */
gboolean
fbk_period_new_custom (FbkDate     from,
                       FbkDate     to,
                       FbkInstant  now,
                       FbkPeriod  *out_period,
                       GError    **error)
{
  FbkDate today = fbk_time_oslo_date (now);
  FbkPeriod period = { FBK_PERIOD_PRESET_CUSTOM, from, to, 0 };

  g_return_val_if_fail (fbk_date_is_valid (from) && fbk_date_is_valid (to), FALSE);

  if (fbk_date_compare (from, to) > 0)
    {
      g_set_error_literal (error, FBK_PERIOD_ERROR, FBK_PERIOD_ERROR_INVERTED,
                           _("The first day comes after the last day."));
      return FALSE;
    }

  if (fbk_date_compare (to, today) > 0)
    {
      g_set_error_literal (error, FBK_PERIOD_ERROR, FBK_PERIOD_ERROR_FUTURE,
                           _("The period cannot end after today: there are no values for the future yet."));
      return FALSE;
    }

  if (fbk_date_compare (from, fbk_period_earliest_date (now)) < 0)
    {
      set_history_error (error, now);
      return FALSE;
    }

  if (from.day == 1 &&
      (fbk_date_add_days (to, 1).day == 1 || fbk_date_compare (to, today) == 0))
    period.months = month_index (to) - month_index (from) + 1;

  if (out_period != NULL)
    *out_period = period;

  return TRUE;
}

/**
 * fbk_period_step:
 * @step: back or forward
 * @out_period: (out) (optional): the period one step away
 *
 * Moves @period by its own length: calendar months by as many months, a
 * run of days by as many days. Forward, a month period stops at today (the
 * current month so far) and a run of days slides to end today; back, a run
 * of days slides to start on fbk_period_earliest_date(), while a month
 * period that would start before it is refused, since a clipped month is
 * no longer a calendar month.
 *
 * Returns: %TRUE if there is such a period; else @error says why not
 */
gboolean
fbk_period_step (const FbkPeriod *period,
                 FbkPeriodStep    step,
                 FbkInstant       now,
                 FbkPeriod       *out_period,
                 GError         **error)
{
  FbkDate today = fbk_time_oslo_date (now);
  FbkDate earliest = fbk_period_earliest_date (now);
  FbkPeriod stepped;

  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (step == FBK_PERIOD_STEP_BACK || step == FBK_PERIOD_STEP_FORWARD, FALSE);

  stepped = *period;

  if (period->months > 0)
    {
      stepped.from = fbk_date_add_months (period->from, step * period->months);
      stepped.to = fbk_date_add_days (fbk_date_add_months (stepped.from, period->months), -1);

      if (step == FBK_PERIOD_STEP_BACK && fbk_date_compare (stepped.from, earliest) < 0)
        goto too_early;
      if (step == FBK_PERIOD_STEP_FORWARD && fbk_date_compare (stepped.from, today) > 0)
        goto too_late;

      stepped.to = date_min (stepped.to, today);
    }
  else
    {
      int n_days = fbk_period_get_n_days (period);

      if (step == FBK_PERIOD_STEP_BACK)
        {
          if (fbk_date_compare (period->from, earliest) <= 0)
            goto too_early;
          stepped.from = date_max (fbk_date_add_days (period->from, -n_days), earliest);
          stepped.to = fbk_date_add_days (stepped.from, n_days - 1);
        }
      else
        {
          if (fbk_date_compare (period->to, today) >= 0)
            goto too_late;
          stepped.to = date_min (fbk_date_add_days (period->to, n_days), today);
          stepped.from = fbk_date_add_days (stepped.to, 1 - n_days);
        }
    }

  stepped.preset = recognise_preset (&stepped, now);
  if (out_period != NULL)
    *out_period = stepped;
  return TRUE;

too_early:
  set_history_error (error, now);
  return FALSE;

too_late:
  g_set_error_literal (error, FBK_PERIOD_ERROR, FBK_PERIOD_ERROR_FUTURE,
                       _("The period already reaches today."));
  return FALSE;
}

/**
 * fbk_period_get_start:
 *
 * Returns: the instant @period begins: Oslo midnight before its first day
 */
FbkInstant
fbk_period_get_start (const FbkPeriod *period)
{
  g_return_val_if_fail (period != NULL, FBK_INSTANT_INVALID);

  return fbk_time_oslo_midnight (period->from);
}

/**
 * fbk_period_get_end:
 *
 * Returns: the instant @period ends (exclusive): Oslo midnight after its
 *   last day
 */
FbkInstant
fbk_period_get_end (const FbkPeriod *period)
{
  g_return_val_if_fail (period != NULL, FBK_INSTANT_INVALID);

  return fbk_time_oslo_midnight (fbk_date_add_days (period->to, 1));
}

int
fbk_period_get_n_days (const FbkPeriod *period)
{
  g_return_val_if_fail (period != NULL, 0);

  return days_between (period->from, period->to) + 1;
}

/**
 * fbk_period_from_dates:
 * @first: the first day, inclusive
 * @last: the last day, inclusive
 *
 * A custom period over exactly these days, without the checks of
 * fbk_period_new_custom(): for naming and sizing a period someone else
 * chose, such as an export's. Whole calendar months count as months.
 */
FbkPeriod
fbk_period_from_dates (FbkDate first,
                       FbkDate last)
{
  FbkPeriod period = { FBK_PERIOD_PRESET_CUSTOM, first, last, 0 };

  if (first.day == 1 && fbk_date_add_days (last, 1).day == 1)
    period.months = (last.year - first.year) * 12 + last.month - first.month + 1;

  return period;
}

/**
 * fbk_period_default_resolution:
 *
 * Returns: the resolution to show @period in unless the user chose one: by
 *   the hour up to 2 days, by the day up to 62, by the week up to 186 (about
 *   six months), by the month beyond. "This month" counts as a whole month
 *   even on the 1st.
 */
FbkResolution
fbk_period_default_resolution (const FbkPeriod *period)
{
  int days;

  g_return_val_if_fail (period != NULL, FBK_RESOLUTION_DAY);

  days = nominal_days (period);

  if (days <= HOURLY_MAX_DAYS)
    return FBK_RESOLUTION_HOUR;
  if (days <= DAILY_MAX_DAYS)
    return FBK_RESOLUTION_DAY;
  if (days <= WEEKLY_MAX_DAYS)
    return FBK_RESOLUTION_WEEK;
  return FBK_RESOLUTION_MONTH;
}

/**
 * fbk_period_resolution_fits:
 *
 * Returns: %TRUE if @resolution makes sense for @period: at least two bars
 *   (one bar compares nothing: a week over the last 7 days is two part
 *   weeks, a month over last month a single bar), and hours only up to a
 *   month
 */
gboolean
fbk_period_resolution_fits (const FbkPeriod *period,
                            FbkResolution    resolution)
{
  int days;

  g_return_val_if_fail (period != NULL, FALSE);

  days = nominal_days (period);

  switch (resolution)
    {
    case FBK_RESOLUTION_HOUR:
      return days <= HOURLY_FITS_MAX_DAYS;
    case FBK_RESOLUTION_DAY:
      return days >= 2;
    case FBK_RESOLUTION_WEEK:
      return days >= 2 * 7;
    case FBK_RESOLUTION_MONTH:
      return days >= 2 * 28;
    case FBK_RESOLUTION_YEAR:
      return days >= 2 * 365;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * fbk_period_format_date:
 *
 * Returns: (transfer full): @date for people, e.g. “15 March 2024”
 */
char *
fbk_period_format_date (FbkDate date)
{
  /* Translators: a single day, as g_date_time_format() writes it; “%-d” is
   * the day without padding. Example: “15 March 2024” */
  return fbk_format_date (date, C_("period label", "%-d %B %Y"));
}

/**
 * fbk_period_format_dates:
 *
 * Returns: (transfer full): the days of @period, as short as reads well:
 *   “2024”, “March 2024”, “January – March 2024”, “15 March 2024”,
 *   “1–7 Mar 2024”, “28 Feb – 6 Mar 2024”, “28 Dec 2023 – 3 Jan 2024”
 */
char *
fbk_period_format_dates (const FbkPeriod *period)
{
  FbkDate from, to;
  gboolean whole_months;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (period != NULL, NULL);

  from = period->from;
  to = period->to;
  whole_months = period->months > 0 && fbk_date_add_days (to, 1).day == 1;

  if (whole_months && period->months == 12 && from.month == 1)
    /* Translators: a calendar year, as g_date_time_format() writes it */
    return fbk_format_date (from, C_("period label", "%Y"));

  if (whole_months && period->months == 1)
    /* Translators: a calendar month, as g_date_time_format() writes it.
     * Example: “March 2024” */
    return fbk_format_date (from, C_("period label", "%B %Y"));

  if (whole_months && from.year == to.year)
    {
      /* Translators: the first month of several in one year, before the
       * last one written as “March 2024”. Example: “January” */
      first = fbk_format_date (from, C_("period label", "%B"));
      last = fbk_format_date (to, C_("period label", "%B %Y"));
    }
  else if (whole_months)
    {
      /* Translators: a month in a range of months over several years.
       * Example: “Nov 2023” */
      first = fbk_format_date (from, C_("period label", "%b %Y"));
      last = fbk_format_date (to, C_("period label", "%b %Y"));
    }
  else if (fbk_date_compare (from, to) == 0)
    return fbk_period_format_date (from);
  else if (from.year == to.year && from.month == to.month)
    {
      /* Translators: the first day of a range within one month, before the
       * last day written as “7 Mar 2024”. Example: “1” */
      first = fbk_format_date (from, C_("period label", "%-d"));
      last = fbk_format_date (to, C_("period label", "%-d %b %Y"));

      /* Translators: a range of days within one month. Example: “1–7 Mar 2024” */
      return g_strdup_printf (C_("period label", "%s–%s"), first, last);
    }
  else if (from.year == to.year)
    {
      /* Translators: the first day of a range within one year, before the
       * last day written as “6 Mar 2024”. Example: “28 Feb” */
      first = fbk_format_date (from, C_("period label", "%-d %b"));
      last = fbk_format_date (to, C_("period label", "%-d %b %Y"));
    }
  else
    {
      /* Translators: the first or last day of a range over several years,
       * Example: “28 Dec 2023” */
      first = fbk_format_date (from, C_("period label", "%-d %b %Y"));
      last = fbk_format_date (to, C_("period label", "%-d %b %Y"));
    }

  /* Translators: a range from the first to the last day or month.
   * Example: “28 Feb – 6 Mar 2024” */
  return g_strdup_printf (C_("period label", "%s – %s"), first, last);
}

/**
 * fbk_period_format_label:
 *
 * Returns: (transfer full): the name of @period's preset, or else its days
 *   as fbk_period_format_dates() writes them
 */
char *
fbk_period_format_label (const FbkPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  if (period->preset != FBK_PERIOD_PRESET_CUSTOM)
    return g_strdup (fbk_period_preset_get_label (period->preset));

  return fbk_period_format_dates (period);
}

/**
 * fbk_period_preset_get_label:
 *
 * Returns: (transfer none): the name of @preset in the user's language
 */
const char *
fbk_period_preset_get_label (FbkPeriodPreset preset)
{
  g_return_val_if_fail (preset < FBK_PERIOD_N_PRESETS, NULL);

  return _(presets[preset].label);
}

/**
 * fbk_period_preset_from_nick:
 * @nick: a preset's name as fbk_period_to_string() writes it, such as
 *   “last-12-months”
 *
 * For `forbruk-cli --period`, so the command line names the window's
 * periods and gets the same days.
 *
 * Returns: %TRUE if @nick names a preset (not “custom”)
 */
gboolean
fbk_period_preset_from_nick (const char      *nick,
                             FbkPeriodPreset *out_preset)
{
  for (int p = FBK_PERIOD_PRESET_CUSTOM + 1; p < FBK_PERIOD_N_PRESETS; p++)
    {
      if (g_strcmp0 (nick, presets[p].nick) == 0)
        {
          *out_preset = (FbkPeriodPreset) p;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * fbk_period_to_string:
 *
 * Returns: (transfer full): @period in the form fbk_period_restore() reads:
 *   a preset's name (“last-7-days”), or a custom range's days
 *   (“2024-03-01/2024-03-31”)
 */
char *
fbk_period_to_string (const FbkPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  if (period->preset != FBK_PERIOD_PRESET_CUSTOM)
    return g_strdup (presets[period->preset].nick);

  return g_strdup_printf ("%04d-%02d-%02d/%04d-%02d-%02d",
                          period->from.year, period->from.month, period->from.day,
                          period->to.year, period->to.month, period->to.day);
}

/**
 * fbk_period_restore:
 * @text: (nullable): what fbk_period_to_string() wrote, say at the last run
 * @now: the time of restoring
 *
 * A preset restores relative to @now (yesterday's "today" is today); a
 * custom range restores its days when they are still legal at @now. Text
 * that is neither, or a range that has become illegal (older than three
 * years by now), gives the %FBK_PERIOD_DEFAULT_PRESET.
 *
 * Returns: the restored period
 */
FbkPeriod
fbk_period_restore (const char *text,
                    FbkInstant  now)
{
  g_auto(GStrv) parts = NULL;
  FbkDate from, to;
  FbkPeriod period;

  for (int p = FBK_PERIOD_PRESET_CUSTOM + 1; text != NULL && p < FBK_PERIOD_N_PRESETS; p++)
    {
      if (g_strcmp0 (text, presets[p].nick) == 0)
        return fbk_period_new_preset ((FbkPeriodPreset) p, now);
    }

  if (text != NULL)
    parts = g_strsplit (text, "/", 0);

  if (parts != NULL && g_strv_length (parts) == 2 &&
      fbk_time_parse_date (parts[0], &from) &&
      fbk_time_parse_date (parts[1], &to) &&
      fbk_period_new_custom (from, to, now, &period, NULL))
    return period;

  if (text != NULL)
    g_debug ("Saved period “%s” cannot be restored; using the default", text);

  return fbk_period_new_preset (FBK_PERIOD_DEFAULT_PRESET, now);
}
