/* test-views.c: the Heatmap, the Consumption page compared with an
 * earlier period, a gap and a partial bar, and the Solar page, each built
 * from the demo server and checked against the demo household's own hours
 *
 * Every expected figure is summed here from fbk_demo_household_hour_wh(),
 * the simulator's raw values, never from the chart code under test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fbk-chart-view.h"
#include "fbk-compare-chooser.h"
#include "fbk-demo-household.h"
#include "fbk-demo-server.h"
#include "fbk-heatmap-page.h"
#include "fbk-test-support.h"
#include "fbk-test-ui.h"
#include "fbk-values-page.h"

#define HOUSE_ID "707057500061439208"
#define SOLAR_ID "707057500083906177"
#define HOUR     FBK_SECONDS_PER_HOUR
#define NOW_TEXT "2026-12-07T12:00:00+01:00"

typedef struct
{
  FbkDemoServer *server;
  FbkSession    *session;
  FbkRepository *repository;
  GtkWindow     *window;
  GtkWidget     *page;
  FbkInstant     now;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->now = fbk_test_instant (NOW_TEXT);
  f->session = fbk_test_new_demo_session (f->now, &f->server);
  f->repository = fbk_session_get_repository (f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->window, gtk_window_destroy);
  fbk_test_ui_spin (50);
  g_clear_object (&f->session);
  g_clear_object (&f->server);
}

static void
show_page (Fixture   *f,
           GtkWidget *page)
{
  f->page = page;
  f->window = fbk_test_ui_show (page);
}

/* The meter's hours of [@from, @to) as the page gets them from the main
 * view: fetched through the repository from the demo server. */
static FbkRefreshResult *
fetch (Fixture        *f,
       const char     *id,
       FbkInstant      from,
       FbkInstant      to,
       FbkRefreshWhat  what)
{
  const char *ids[] = { id, NULL };
  g_autoptr(GError) error = NULL;
  FbkRefreshResult *refreshed;
  FbkTestAsync async = { 0 };

  fbk_repository_refresh_async (f->repository, ids, from, to, what, NULL, NULL, NULL, fbk_test_async_done_cb, &async);
  fbk_test_wait_until (async.done, 60);
  refreshed = fbk_repository_refresh_finish (f->repository, async.result, &error);
  g_assert_no_error (error);
  g_clear_object (&async.result);
  return refreshed;
}

static void
show_data (Fixture            *f,
           const char         *id,
           GPtrArray * const   hourly[2],
           FbkInstant          from,
           FbkInstant          to,
           FbkResolution       resolution)
{
  const char *ids[] = { id, NULL };
  const char *names[] = { "Home", NULL };
  FbkPageData data = {
    .repository = f->repository,
    .meter_ids = ids,
    .meter_names = names,
    .from = from,
    .to = to,
    .resolution = resolution,
    .now = f->now,
    .hourly = { hourly[0], hourly[1] },
  };

  fbk_page_show (FBK_PAGE (f->page), &data);
  fbk_test_ui_spin (50);
}

/* The simulator's kWh of one hour. */
static double
hour_kwh (const char   *id,
          FbkDirection  direction,
          FbkInstant    start)
{
  FbkDemoMeter meter;

  g_assert_true (fbk_demo_meter_from_id (id, &meter));
  return fbk_demo_household_hour_wh (FBK_DEMO_DEFAULT_SEED, meter, direction, start) / 1000.0;
}

static double
sum_kwh (const char   *id,
         FbkDirection  direction,
         FbkInstant    from,
         FbkInstant    to)
{
  double kwh = 0.0;

  for (FbkInstant start = from; start < to; start += HOUR)
    kwh += hour_kwh (id, direction, start);
  return kwh;
}

/* A quantity as the chart writes it: two decimals under 10, one under
 * 100, none above (what a reader needs of an hour, a day, a year). */
static char *
kwh_text (double kwh)
{
  int decimals = fabs (kwh) < 10.0 ? 2 : fabs (kwh) < 100.0 ? 1 : 0;

  return g_strdup_printf ("%'.*f kWh", decimals, kwh);
}

/* "+7.6 %" or "−7.6 %", the sign a real minus. */
static char *
change_text (double now,
             double earlier)
{
  double percent = (now / earlier - 1.0) * 100.0;

  return g_strdup_printf ("%s%'.1f %%", percent >= 0.0 ? "+" : "−", fabs (percent));
}

static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* An hour of winter time as a tooltip names it: "17 Nov 2026, 17:00–18:00". */
static char *
hour_text (FbkInstant start)
{
  /* No DST change in the periods of these tests: UTC+1 throughout. */
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_utc (start + HOUR);

  return g_strdup_printf ("%d %s %d, %02d:00–%02d:00", g_date_time_get_day_of_month (local),
                          months[g_date_time_get_month (local) - 1], g_date_time_get_year (local),
                          g_date_time_get_hour (local), (g_date_time_get_hour (local) + 1) % 24);
}

static char *
cell_label_text (Fixture *f)
{
  GtkWidget *label = fbk_test_ui_find (f->page, GTK_TYPE_LABEL, "Highest");

  g_assert_nonnull (label);
  return g_strdup (gtk_label_get_text (GTK_LABEL (label)));
}

/* Three weeks of November by the hour: the darkest cell is the hour the
 * house used the most, and the average week's darkest cell the weekday
 * and clock hour with the highest mean of its three hours. The arrow keys
 * then walk the grid from its top left cell. */
static void
test_heatmap (Fixture       *f,
              gconstpointer  data)
{
  FbkInstant from = fbk_test_instant ("2026-11-09T00:00:00+01:00");
  FbkInstant to = fbk_test_instant ("2026-11-30T00:00:00+01:00");
  g_autoptr(FbkRefreshResult) refreshed = fetch (f, HOUSE_ID, from, to, FBK_REFRESH_CONSUMPTION);
  static const char *weekdays[] = { "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays" };
  double week[7][24] = { { 0 } };
  FbkInstant hottest = from;
  guint best_day = 0, best_hour = 0;
  g_autofree char *expected = NULL;
  g_autofree char *when = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;
  GtkWidget *chart;

  for (FbkInstant start = from; start < to; start += HOUR)
    {
      /* 9 November 2026 is a Monday; every day here has 24 hours. */
      guint day = (guint) ((start - from) / (24 * HOUR)) % 7;
      guint hour = (guint) ((start - from) / HOUR) % 24;

      week[day][hour] += hour_kwh (HOUSE_ID, FBK_DIRECTION_CONSUMPTION, start) / 3.0;
      if (hour_kwh (HOUSE_ID, FBK_DIRECTION_CONSUMPTION, start) > hour_kwh (HOUSE_ID, FBK_DIRECTION_CONSUMPTION, hottest))
        hottest = start;
    }
  for (guint day = 0; day < 7; day++)
    for (guint hour = 0; hour < 24; hour++)
      {
        if (week[day][hour] > week[best_day][best_hour])
          {
            best_day = day;
            best_hour = hour;
          }
      }

  show_page (f, fbk_heatmap_page_new ());
  show_data (f, HOUSE_ID, refreshed->series, from, to, FBK_RESOLUTION_DAY);
  g_assert_cmpuint (fbk_chart_model_get_n_buckets (fbk_page_get_chart_model (FBK_PAGE (f->page))), ==, 21 * 24);

  when = hour_text (hottest);
  amount = kwh_text (hour_kwh (HOUSE_ID, FBK_DIRECTION_CONSUMPTION, hottest));
  expected = g_strdup_printf ("Highest: %s, %s", when, amount);
  text = cell_label_text (f);
  g_assert_cmpstr (text, ==, expected);

  fbk_test_ui_click (f->page, "Weekdays");
  fbk_test_ui_spin (50);
  g_clear_pointer (&amount, g_free);
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&text, g_free);
  amount = kwh_text (week[best_day][best_hour]);
  expected = g_strdup_printf ("Highest on average: %s, %02u:00–%02u:00, %s", weekdays[best_day], best_hour,
                              (best_hour + 1) % 24, amount);
  text = cell_label_text (f);
  g_assert_cmpstr (text, ==, expected);

  /* The keyboard: the first press lands on Mondays at 00:00, the next
   * moves a column right, then a row down. */
  fbk_test_ui_click (f->page, "Days");
  fbk_test_ui_spin (50);
  chart = GTK_WIDGET (fbk_page_get_chart (FBK_PAGE (f->page)));
  gtk_widget_grab_focus (chart);
  g_assert_true (gtk_widget_activate_action (chart, "chart.cursor-move", "(ii)", 0, 1));
  g_clear_pointer (&text, g_free);
  text = g_strdup (gtk_label_get_text (GTK_LABEL (fbk_test_ui_find (f->page, GTK_TYPE_LABEL, "9 Nov 2026"))));
  g_assert_true (g_str_has_prefix (text, "9 Nov 2026, 00:00–01:00 · "));

  g_assert_true (gtk_widget_activate_action (chart, "chart.cursor-move", "(ii)", 0, 1));
  g_assert_true (gtk_widget_activate_action (chart, "chart.cursor-move", "(ii)", 1, 0));
  g_clear_pointer (&amount, g_free);
  g_clear_pointer (&text, g_free);
  amount = kwh_text (hour_kwh (HOUSE_ID, FBK_DIRECTION_CONSUMPTION, from + 25 * HOUR));
  text = g_strdup (gtk_label_get_text (GTK_LABEL (fbk_test_ui_find (f->page, GTK_TYPE_LABEL, "10 Nov 2026"))));
  g_assert_true (g_str_has_prefix (text, "10 Nov 2026, 01:00–02:00 · "));
  g_assert_nonnull (strstr (text, amount));
}

/* The day tooltip of bucket @bucket of the page's chart. */
static char *
day_tooltip (Fixture *f,
             guint    bucket)
{
  FbkChartModel *model = fbk_page_get_chart_model (FBK_PAGE (f->page));
  FbkChartHit hit = { 0, bucket, fbk_chart_model_get_bucket_start (model, bucket),
                      fbk_chart_model_get_bucket_end (model, bucket), 0.0, 0, 0 };

  if (!fbk_chart_model_get_value (model, 0, bucket, &hit.value, &hit.flags))
    hit.value = NAN;
  return fbk_chart_describe_hit (model, &hit);
}

static void
choose_compare (Fixture    *f,
                FbkCompare  compare)
{
  FbkValuesPage *page = FBK_VALUES_PAGE (f->page);

  fbk_compare_chooser_set_compare (fbk_values_page_get_compare_chooser (page), compare);
  fbk_test_wait_for (!fbk_values_page_get_busy (page), 60);
  fbk_test_ui_spin (50);
}

/* The week of 23–29 November 2026 by day, against the week before and
 * against the same weekdays 52 weeks earlier (24–30 November 2025): the
 * change of the week, the daily averages, and Wednesday's change. */
static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  FbkInstant from = fbk_test_instant ("2026-11-23T00:00:00+01:00");
  FbkInstant to = fbk_test_instant ("2026-11-30T00:00:00+01:00");
  FbkInstant week_before = from - 7 * 24 * HOUR;
  FbkInstant year_before = fbk_test_instant ("2025-11-24T00:00:00+01:00");
  g_autoptr(FbkRefreshResult) refreshed = fetch (f, HOUSE_ID, from, to, FBK_REFRESH_CONSUMPTION);
  double now = sum_kwh (HOUSE_ID, FBK_DIRECTION_CONSUMPTION, from, to);
  struct
  {
    FbkCompare  compare;
    FbkInstant  earlier_from;
    const char *label;
    const char *wednesday;
  } cases[] = {
    { FBK_COMPARE_PREVIOUS, week_before, "Previous period", "18 November 2026" },
    { FBK_COMPARE_LAST_YEAR, year_before, "Same period last year", "26 November 2025" },
  };

  show_page (f, fbk_values_page_new_consumption ());
  show_data (f, HOUSE_ID, refreshed->series, from, to, FBK_RESOLUTION_DAY);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double earlier = sum_kwh (HOUSE_ID, FBK_DIRECTION_CONSUMPTION, cases[i].earlier_from,
                                cases[i].earlier_from + 7 * 24 * HOUR);
      FbkInstant wednesday = from + 2 * 24 * HOUR;
      FbkInstant earlier_wednesday = cases[i].earlier_from + 2 * 24 * HOUR;
      double wednesday_now = sum_kwh (HOUSE_ID, FBK_DIRECTION_CONSUMPTION, wednesday, wednesday + 24 * HOUR);
      double wednesday_earlier = sum_kwh (HOUSE_ID, FBK_DIRECTION_CONSUMPTION, earlier_wednesday,
                                          earlier_wednesday + 24 * HOUR);
      g_autofree char *change = change_text (now, earlier);
      g_autofree char *now_per_day = kwh_text (now / 7.0);
      g_autofree char *earlier_per_day = kwh_text (earlier / 7.0);
      g_autofree char *total = kwh_text (earlier);
      g_autofree char *day_change = change_text (wednesday_now, wednesday_earlier);
      g_autofree char *day_earlier = kwh_text (wednesday_earlier);
      g_autofree char *sentence = g_strdup_printf ("Change: %s, %s a day against %s a day.", change, now_per_day,
                                                   earlier_per_day);
      g_autofree char *compared = g_strdup_printf ("Compared with %s: %s.", cases[i].label, total);
      g_autofree char *day_line = g_strdup_printf ("\nChange from %s: %s\n", cases[i].wednesday, day_change);
      g_autofree char *day_value = g_strdup_printf ("\n%s: %s", cases[i].label, day_earlier);
      g_autofree char *description = NULL;
      g_autofree char *tooltip = NULL;

      choose_compare (f, cases[i].compare);
      description = fbk_chart_describe (fbk_page_get_chart_model (FBK_PAGE (f->page)), NULL);
      tooltip = day_tooltip (f, 2);
      g_test_message ("%s\n%s", description, tooltip);

      g_assert_nonnull (strstr (description, compared));
      g_assert_nonnull (strstr (description, sentence));
      g_assert_nonnull (strstr (tooltip, day_line));
      g_assert_true (g_str_has_suffix (tooltip, day_value));
    }

  /* None: no comparison left. */
  choose_compare (f, FBK_COMPARE_NONE);
  {
    g_autofree char *description = fbk_chart_describe (fbk_page_get_chart_model (FBK_PAGE (f->page)), NULL);

    g_assert_null (strstr (description, "Compared with"));
    g_assert_cmpuint (fbk_chart_model_get_n_layers (fbk_page_get_chart_model (FBK_PAGE (f->page))), ==, 1);
  }
}

/* The demo's week with five hours of Wednesday 25 November taken out (as
 * a meter that never sent them): the total is a floor, the day says what
 * it lacks; and a year's months from 8 December: the first bar is of
 * 8–31 December only, and says so. */
static void
test_gap_and_partial (Fixture       *f,
                      gconstpointer  data)
{
  FbkInstant from = fbk_test_instant ("2026-11-23T00:00:00+01:00");
  FbkInstant to = fbk_test_instant ("2026-11-30T00:00:00+01:00");
  FbkInstant hole = fbk_test_instant ("2026-11-25T10:00:00+01:00");
  g_autoptr(FbkRefreshResult) refreshed = fetch (f, HOUSE_ID, from, to, FBK_REFRESH_CONSUMPTION);
  FbkSeries *served = g_ptr_array_index (refreshed->series[FBK_DIRECTION_CONSUMPTION], 0);
  g_autoptr(FbkSeries) holed = fbk_series_new (HOUSE_ID, FBK_DIRECTION_CONSUMPTION);
  g_autoptr(GPtrArray) consumption = g_ptr_array_new ();
  GPtrArray *hourly[2] = { consumption, NULL };
  double kept = sum_kwh (HOUSE_ID, FBK_DIRECTION_CONSUMPTION, from, to) -
                sum_kwh (HOUSE_ID, FBK_DIRECTION_CONSUMPTION, hole, hole + 5 * HOUR);
  g_autofree char *kept_text = kwh_text (kept);
  g_autofree char *floor_text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *wednesday = NULL;
  g_autofree char *tuesday = NULL;
  const FbkInterval *intervals;
  guint n;

  intervals = fbk_series_get_intervals (served, &n);
  for (guint i = 0; i < n; i++)
    {
      if (intervals[i].start < hole || intervals[i].start >= hole + 5 * HOUR)
        fbk_series_upsert (holed, &intervals[i], 1);
    }
  g_ptr_array_add (consumption, holed);

  show_page (f, fbk_values_page_new_consumption ());
  show_data (f, HOUSE_ID, hourly, from, to, FBK_RESOLUTION_DAY);
  description = fbk_chart_describe (fbk_page_get_chart_model (FBK_PAGE (f->page)), NULL);
  wednesday = day_tooltip (f, 2);
  tuesday = day_tooltip (f, 1);
  floor_text = g_strdup_printf ("Home, consumption: at least %s in total;", kept_text);
  g_test_message ("%s\n%s", description, wednesday);

  g_assert_nonnull (strstr (description, floor_text));
  g_assert_nonnull (strstr (description, "5 hours have no value."));
  g_assert_true (g_str_has_suffix (wednesday, "\n5 hours without a value"));
  g_assert_null (strstr (tuesday, "without a value"));

  /* Months from 8 December 2025: December is a part. */
  {
    FbkInstant year_from = fbk_test_instant ("2025-12-08T00:00:00+01:00");
    FbkInstant year_to = fbk_test_instant ("2026-02-01T00:00:00+01:00");
    g_autoptr(FbkRefreshResult) by_month = fetch (f, HOUSE_ID, year_from, year_to, FBK_REFRESH_CONSUMPTION);
    g_autofree char *december = NULL;
    g_autofree char *january = NULL;
    g_autofree char *whole = NULL;

    show_data (f, HOUSE_ID, by_month->series, year_from, year_to, FBK_RESOLUTION_MONTH);
    december = day_tooltip (f, 0);
    january = day_tooltip (f, 1);
    whole = fbk_chart_describe (fbk_page_get_chart_model (FBK_PAGE (f->page)), NULL);

    g_assert_true (g_str_has_suffix (december, "\n8–31 Dec 2025 only, not a whole month"));
    g_assert_null (strstr (january, "only"));
    g_assert_null (strstr (whole, "at least"));
  }
}

/* June's first week of the house with panels: what it took from the grid
 * above the axis, what it gave below, and the net of the two, in total
 * and for each day; a house without panels has no Solar page. */
static void
test_solar (Fixture       *f,
            gconstpointer  data)
{
  FbkInstant from = fbk_test_instant ("2026-06-01T00:00:00+02:00");
  FbkInstant to = fbk_test_instant ("2026-06-08T00:00:00+02:00");
  g_autoptr(FbkRefreshResult) refreshed = fetch (f, SOLAR_ID, from, to, FBK_REFRESH_VALUES);
  double in = sum_kwh (SOLAR_ID, FBK_DIRECTION_CONSUMPTION, from, to);
  double out = sum_kwh (SOLAR_ID, FBK_DIRECTION_PRODUCTION, from, to);
  double first_net = sum_kwh (SOLAR_ID, FBK_DIRECTION_CONSUMPTION, from, from + 24 * HOUR) -
                     sum_kwh (SOLAR_ID, FBK_DIRECTION_PRODUCTION, from, from + 24 * HOUR);
  g_autofree char *net = NULL;
  g_autofree char *net_sentence = NULL;
  g_autofree char *first_net_text = kwh_text (first_net);
  g_autofree char *day_net = NULL;
  g_autofree char *description = NULL;
  g_autofree char *tooltip = NULL;
  const char *house[] = { HOUSE_ID, NULL };
  const char *names[] = { "House", NULL };
  FbkPageData house_data = { .repository = f->repository, .meter_ids = house, .meter_names = names,
                             .from = from, .to = to, .resolution = FBK_RESOLUTION_DAY, .now = f->now };
  FbkChartModel *model;

  /* The demo's June sun gives more than the house takes. */
  g_assert_cmpfloat (out, >, 10.0);

  show_page (f, fbk_values_page_new_solar ());
  g_assert_false (fbk_page_is_available (FBK_PAGE (f->page), &house_data));
  show_data (f, SOLAR_ID, refreshed->series, from, to, FBK_RESOLUTION_DAY);
  model = fbk_page_get_chart_model (FBK_PAGE (f->page));
  g_assert_cmpuint (fbk_chart_model_get_n_series (model), ==, 2);
  g_assert_cmpint (fbk_chart_model_get_series_direction (model, 0), ==, FBK_DIRECTION_CONSUMPTION);
  g_assert_cmpint (fbk_chart_model_get_series_direction (model, 1), ==, FBK_DIRECTION_PRODUCTION);
  g_assert_cmpfloat_with_epsilon (fbk_chart_model_get_total (model, 0, 0, 7), in, 1e-6);
  g_assert_cmpfloat_with_epsilon (fbk_chart_model_get_total (model, 1, 0, 7), out, 1e-6);

  net = kwh_text (in - out);
  net_sentence = g_strdup_printf (" Net import: %s.", net);
  day_net = g_strdup_printf ("\nNet import: %s", first_net_text);
  description = fbk_chart_describe (model, NULL);
  tooltip = day_tooltip (f, 0);
  g_test_message ("%s\n%s", description, tooltip);
  g_assert_nonnull (strstr (description, net_sentence));
  g_assert_true (g_str_has_suffix (tooltip, day_net));
}

int
main (int    argc,
      char **argv)
{
  if (!fbk_test_ui_init (&argc, &argv))
    return g_test_run ();

  g_test_add ("/views/heatmap", Fixture, NULL, fixture_set_up, test_heatmap, fixture_tear_down);
  g_test_add ("/views/compare", Fixture, NULL, fixture_set_up, test_compare, fixture_tear_down);
  g_test_add ("/views/gap-and-partial", Fixture, NULL, fixture_set_up, test_gap_and_partial, fixture_tear_down);
  g_test_add ("/views/solar", Fixture, NULL, fixture_set_up, test_solar, fixture_tear_down);

  return g_test_run ();
}
