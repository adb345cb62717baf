/* fuzz-text.c: libFuzzer target for the short texts Forbruk reads from
 * people and settings rather than from the API
 *
 * A pasted access token (fbk_token_clean(), then its JWT expiry), a time or
 * a date typed on the command line (fbk_time_parse(), fbk_time_parse_date()),
 * a period saved in GSettings (fbk_period_restore()) and a demo fault plan
 * (fbk_demo_faults_parse()). Build and run as fuzz-parse.c says, with
 * tests/fuzz/corpus-text; the corpus is replayed in every -Dfuzzing=true
 * build's `fuzz` suite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fbk-demo-faults.h"
#include "fbk-period.h"
#include "fbk-token.h"

/* Shorter pasted texts may well be words the message uses anyway. */
#define ECHO_CHECK_MIN_LENGTH 24

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
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_default_handler (discard_log, NULL);
  return 0;
}

static void
check_token (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = fbk_token_clean (text, &error);
  FbkInstant expiry = FBK_INSTANT_INVALID;

  g_assert ((token == NULL) != (error == NULL));
  if (token == NULL)
    {
      g_assert (g_utf8_validate (error->message, -1, NULL));
      /* The message never repeats what was pasted: it may be a secret. */
      g_assert (strlen (text) < ECHO_CHECK_MIN_LENGTH || strstr (error->message, text) == NULL);
      return;
    }

  /* What comes out is clean, and cleaning it again changes nothing. */
  g_assert (fbk_token_validate (token, NULL));
  {
    g_auto(FbkTokenString) again = fbk_token_clean (token, NULL);

    g_assert (again != NULL && strcmp (again, token) == 0);
  }
  if (fbk_token_get_expiry (token, &expiry))
    g_assert (expiry != FBK_INSTANT_INVALID);
}

static void
check_time (const char *text)
{
  FbkInstant instant, again;
  FbkDate date;

  /* Whatever parses formats back to a time that parses to the same. */
  if (fbk_time_parse (text, &instant))
    {
      g_autofree char *formatted = fbk_time_format_oslo (instant);

      g_assert (fbk_time_parse (formatted, &again));
      g_assert (again == instant);
    }

  if (fbk_time_parse_date (text, &date))
    g_assert (fbk_date_is_valid (date));
}

static void
check_period (const char *text)
{
  /* A fixed now: the same input always restores the same period. */
  FbkPeriod period = fbk_period_restore (text, 1764154800);

  g_assert (fbk_period_get_start (&period) < fbk_period_get_end (&period));
  g_assert (fbk_period_get_n_days (&period) > 0);
}

static void
check_faults (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FbkDemoFaults) faults = fbk_demo_faults_parse (text, &error);

  g_assert ((faults == NULL) != (error == NULL));
  for (guint i = 0; faults != NULL && i < fbk_demo_faults_get_length (faults); i++)
    {
      const FbkDemoFault *fault = fbk_demo_faults_get (faults, i);

      g_assert (fault->first_request >= 1 && fault->first_request <= fault->last_request);
      g_assert (fault->probability > 0 && fault->probability <= 1);
      g_assert (fault->path_prefix == NULL || fault->path_prefix[0] == '/');
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* The texts arrive NUL-terminated; an embedded NUL just ends them early. */
  g_autofree char *text = g_strndup ((const char *) data, size);

  check_token (text);
  check_time (text);
  check_period (text);
  check_faults (text);

  return 0;
}
