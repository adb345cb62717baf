/* fbk-demo-faults.c: the failures the demo server injects on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-demo-faults"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "fbk-demo-faults.h"

/* Generous bounds that still catch a unit mistake (seconds for ms). */
#define MAX_RETRY_AFTER_SECONDS 3600
#define MAX_DELAY_MS 600000

struct _FbkDemoFaults
{
  GArray       *rules;  /* FbkDemoFault */
  GStringChunk *paths;  /* the rules' path prefixes */
};

FbkDemoFaults *
fbk_demo_faults_new (void)
{
  FbkDemoFaults *faults = g_new0 (FbkDemoFaults, 1);

  faults->rules = g_array_new (FALSE, FALSE, sizeof (FbkDemoFault));
  faults->paths = g_string_chunk_new (64);

  return faults;
}

void
fbk_demo_faults_free (FbkDemoFaults *faults)
{
  if (faults == NULL)
    return;

  g_array_unref (faults->rules);
  g_string_chunk_free (faults->paths);
  g_free (faults);
}

/**
 * fbk_demo_faults_add:
 * @fault: a rule; its path prefix, if any, is copied
 */
void
fbk_demo_faults_add (FbkDemoFaults      *faults,
                     const FbkDemoFault *fault)
{
  FbkDemoFault rule;

  g_return_if_fail (faults != NULL);
  g_return_if_fail (fault != NULL);
  g_return_if_fail (fault->kind <= FBK_DEMO_FAULT_MISSING);
  g_return_if_fail (fault->first_request >= 1 && fault->first_request <= fault->last_request);
  g_return_if_fail (fault->probability > 0 && fault->probability <= 1);
  g_return_if_fail (fault->path_prefix == NULL || fault->path_prefix[0] == '/');

  rule = *fault;
  if (rule.path_prefix != NULL)
    rule.path_prefix = g_string_chunk_insert_const (faults->paths, rule.path_prefix);
  g_array_append_val (faults->rules, rule);
}

guint
fbk_demo_faults_get_length (const FbkDemoFaults *faults)
{
  g_return_val_if_fail (faults != NULL, 0);

  return faults->rules->len;
}

const FbkDemoFault *
fbk_demo_faults_get (const FbkDemoFaults *faults,
                     guint                index)
{
  g_return_val_if_fail (faults != NULL, NULL);
  g_return_val_if_fail (index < faults->rules->len, NULL);

  return &g_array_index (faults->rules, FbkDemoFault, index);
}

/* The same (seed, request, rule) always decides the same way, so a test
 * or a demo session with random faults can be replayed. */
static double
chance (guint64 seed,
        guint   request_number,
        guint   rule_index)
{
  guint32 key[] = { (guint32) seed, (guint32) (seed >> 32), request_number, rule_index };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (key, G_N_ELEMENTS (key));

  return g_rand_double (rand);
}

/**
 * fbk_demo_faults_match:
 * @path: the request's path
 * @out_delay_ms: (out): the sum of the delays of every matching rule
 *
 * Returns: (nullable): the first matching rule that is not a delay
 */
const FbkDemoFault *
fbk_demo_faults_match (const FbkDemoFaults *faults,
                       guint64              seed,
                       guint                request_number,
                       const char          *path,
                       guint               *out_delay_ms)
{
  const FbkDemoFault *found = NULL;
  guint delay_ms = 0;

  g_return_val_if_fail (faults != NULL, NULL);

  for (guint i = 0; i < faults->rules->len; i++)
    {
      const FbkDemoFault *rule = &g_array_index (faults->rules, FbkDemoFault, i);

      if (request_number < rule->first_request || request_number > rule->last_request)
        continue;
      if (rule->path_prefix != NULL && !g_str_has_prefix (path, rule->path_prefix))
        continue;
      if (rule->probability < 1 && chance (seed, request_number, i) >= rule->probability)
        continue;

      if (rule->kind == FBK_DEMO_FAULT_DELAY)
        delay_ms = (guint) MIN ((guint64) delay_ms + rule->param, G_MAXUINT);
      else if (found == NULL)
        found = rule;
    }

  if (out_delay_ms != NULL)
    *out_delay_ms = delay_ms;

  return found;
}

/* Parsing */

static gboolean
parse_uint (const char *text,
            guint       max,
            guint      *out_value)
{
  guint64 value;
  char *end;

  if (!g_ascii_isdigit (*text))
    return FALSE;

  errno = 0;
  value = g_ascii_strtoull (text, &end, 10);
  if (errno != 0 || *end != '\0' || value > max)
    return FALSE;

  *out_value = (guint) value;
  return TRUE;
}

static gboolean
set_rule_error (GError     **error,
                const char  *rule,
                const char  *detail)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               /* Translators: the first %s is the rule as written, the second what is wrong with it */
               _("Invalid fault rule “%s”: %s"), rule, detail);
  return FALSE;
}

static gboolean
parse_fault (const char    *text,
             const char    *rule,
             FbkDemoFault  *fault,
             GError       **error)
{
  if (g_str_equal (text, "500"))
    fault->kind = FBK_DEMO_FAULT_SERVER_ERROR;
  else if (g_str_equal (text, "503"))
    fault->kind = FBK_DEMO_FAULT_UNAVAILABLE;
  else if (g_str_equal (text, "truncate"))
    fault->kind = FBK_DEMO_FAULT_TRUNCATE;
  else if (g_str_equal (text, "drop"))
    fault->kind = FBK_DEMO_FAULT_DROP;
  else if (g_str_equal (text, "missing"))
    fault->kind = FBK_DEMO_FAULT_MISSING;
  else if (g_str_equal (text, "429"))
    {
      fault->kind = FBK_DEMO_FAULT_RATE_LIMITED;
      fault->param = 1;
    }
  else if (g_str_has_prefix (text, "429:"))
    {
      fault->kind = FBK_DEMO_FAULT_RATE_LIMITED;
      if (!parse_uint (text + strlen ("429:"), MAX_RETRY_AFTER_SECONDS, &fault->param))
        return set_rule_error (error, rule, _("Retry-After must be a whole number of seconds up to 3600"));
    }
  else if (g_str_has_prefix (text, "delay:"))
    {
      fault->kind = FBK_DEMO_FAULT_DELAY;
      if (!parse_uint (text + strlen ("delay:"), MAX_DELAY_MS, &fault->param))
        return set_rule_error (error, rule, _("a delay must be a whole number of milliseconds up to 600000"));
    }
  else
    return set_rule_error (error, rule, _("unknown fault; expected 429, 429:SECONDS, 500, 503, "
                                          "missing, delay:MILLISECONDS, truncate or drop"));

  return TRUE;
}

static gboolean
parse_when (char          *text,
            const char    *rule,
            FbkDemoFault  *fault,
            GError       **error)
{
  gsize length = strlen (text);
  char *dash = strchr (text, '-');

  if (g_str_has_suffix (text, "%"))
    {
      char *end;
      double percent;

      text[length - 1] = '\0';
      percent = g_ascii_strtod (text, &end);
      if (!g_ascii_isdigit (*text) || *end != '\0' || !(percent > 0 && percent <= 100))
        return set_rule_error (error, rule, _("a probability must be a percentage above 0 and at most 100"));
      fault->probability = percent / 100;
    }
  else if (g_str_has_suffix (text, "+"))
    {
      text[length - 1] = '\0';
      if (!parse_uint (text, G_MAXUINT - 1, &fault->first_request) || fault->first_request == 0)
        return set_rule_error (error, rule, _("requests are counted from 1"));
    }
  else if (dash != NULL)
    {
      *dash = '\0';
      if (!parse_uint (text, G_MAXUINT - 1, &fault->first_request) ||
          !parse_uint (dash + 1, G_MAXUINT - 1, &fault->last_request) ||
          fault->first_request == 0)
        return set_rule_error (error, rule, _("a range of requests is written N-M, counting from 1"));
      if (fault->last_request < fault->first_request)
        return set_rule_error (error, rule, _("a range of requests must not end before it starts"));
    }
  else
    {
      if (!parse_uint (text, G_MAXUINT - 1, &fault->first_request) || fault->first_request == 0)
        return set_rule_error (error, rule, _("expected a request number (from 1), N-M, N+ or a percentage P%"));
      fault->last_request = fault->first_request;
    }

  return TRUE;
}

/* Spaces may go anywhere between tokens, and no token contains one. */
static char *
without_spaces (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/**
 * fbk_demo_faults_parse:
 * @spec: a fault plan in the grammar described in fbk-demo-faults.h
 *
 * Returns: (transfer full): the plan, or %NULL with @error set
 *   (%G_IO_ERROR_INVALID_ARGUMENT, naming the rule at fault)
 */
FbkDemoFaults *
fbk_demo_faults_parse (const char  *spec,
                       GError     **error)
{
  g_autoptr(FbkDemoFaults) faults = fbk_demo_faults_new ();
  g_autofree char *compact = NULL;
  g_auto(GStrv) rules = NULL;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  compact = without_spaces (spec);
  if (*compact == '\0')
    return g_steal_pointer (&faults);

  rules = g_strsplit (spec, ";", -1);
  for (guint i = 0; rules[i] != NULL; i++)
    {
      g_autofree char *rule = without_spaces (rules[i]);
      FbkDemoFault fault = { .first_request = 1, .last_request = G_MAXUINT, .probability = 1 };
      g_auto(GStrv) parts = NULL;
      guint n_parts;

      if (*rule == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Invalid fault plan “%s”: an empty rule between semicolons"), spec);
          return NULL;
        }

      /* FAULT, then WHEN and PATH, each optional, in that order. */
      parts = g_strsplit (rule, "@", -1);
      n_parts = g_strv_length (parts);
      if (n_parts > 1 && parts[n_parts - 1][0] == '/')
        fault.path_prefix = parts[--n_parts];
      if (n_parts > 2)
        {
          set_rule_error (error, g_strstrip (rules[i]),
                          _("a rule is FAULT, then @WHEN and @PATH if wanted, in that order"));
          return NULL;
        }

      if (!parse_fault (parts[0], g_strstrip (rules[i]), &fault, error))
        return NULL;
      if (n_parts == 2 && !parse_when (parts[1], g_strstrip (rules[i]), &fault, error))
        return NULL;

      fbk_demo_faults_add (faults, &fault);
    }

  return g_steal_pointer (&faults);
}
