/* test-token.c: cleaning, refusing and reading pasted tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fbk-error.h"
#include "fbk-token.h"

/* Looks like a token and like nothing in an English sentence, so a piece of
 * it found in an error message can only have come from the input. */
#define BODY "Zq8xR2vK9mW4tY7pL3nB6cJ5hD1fG0sA"

static char *
base64url (const char *text)
{
  g_autofree char *encoded = g_base64_encode ((const guchar *) text, strlen (text));
  GString *out = g_string_new (NULL);

  for (const char *p = encoded; *p && *p != '='; p++)
    g_string_append_c (out, *p == '+' ? '-' : *p == '/' ? '_' : *p);
  return g_string_free (out, FALSE);
}

static char *
make_jwt (const char *header,
          const char *payload)
{
  g_autofree char *h = base64url (header);
  g_autofree char *p = base64url (payload);

  return g_strconcat (h, ".", p, ".", BODY "-_" BODY, NULL);
}

/* No run of 6 characters of the input (outside white space) may turn up in
 * the message. */
static void
assert_not_in_message (const char *message,
                       const char *input)
{
  gsize length = strlen (input);

  g_assert_nonnull (message);
  g_assert_cmpuint (strlen (message), >, 20);
  for (gsize i = 0; i + 6 <= length; i++)
    {
      g_autofree char *window = g_strndup (input + i, 6);

      if (strpbrk (window, " \t\r\n") != NULL)
        continue;
      if (strstr (message, window) != NULL)
        g_error ("the message \"%s\" contains \"%s\" from the input", message, window);
    }
}

static void
assert_cleans_to (const char *text,
                  const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = fbk_token_clean (text, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, expected);
}

/* Returns the message so callers can compare refusals with each other. */
static char *
assert_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = fbk_token_clean (text, &error);

  if (token != NULL)
    g_error ("accepted \"%s\"", text);
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_INVALID_TOKEN);
  if (text != NULL)
    assert_not_in_message (error->message, text);
  return g_strdup (error->message);
}

static void
test_clean_trims (void)
{
  const char *texts[] = {
    BODY,
    "  " BODY "  ",
    "\t\r\n" BODY "\r\n",
    "\n\n" BODY "\n",
    "\u00a0" BODY "\u00a0",            /* no-break spaces from a web page */
    "\u200b\ufeff" BODY "\u200b",      /* zero-width space, byte order mark */
    "\u2028 " BODY " \u3000",          /* line separator, ideographic space */
    "Bearer " BODY,
    "  bearer\t\t" BODY "\n",
    "BEARER  " BODY,
    "Bearer\r\n  " BODY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_cleans_to (texts[i], BODY);

  /* Only "Bearer" followed by a blank is the scheme, not a token that
   * happens to start with those letters. */
  assert_cleans_to ("Bearer" BODY, "Bearer" BODY);
}

static void
test_clean_unwraps (void)
{
  assert_cleans_to ("Zq8xR2vK9mW4tY7p\nL3nB6cJ5hD1fG0sA", BODY);
  assert_cleans_to ("Zq8xR2vK9mW4tY7p\r\nL3nB6cJ5hD1fG0sA", BODY);
  assert_cleans_to ("Zq8xR2vK\n9mW4tY7p\nL3nB6cJ5\nhD1fG0sA\n", BODY);
  /* indentation and trailing blanks of wrapped lines go with the break */
  assert_cleans_to ("  Zq8xR2vK9mW4tY7p  \n    L3nB6cJ5hD1fG0sA", BODY);
  assert_cleans_to ("Zq8xR2vK9mW4tY7p\t\r\n\tL3nB6cJ5hD1fG0sA", BODY);
  assert_cleans_to ("Zq8xR2vK9mW4tY7p\n\nL3nB6cJ5hD1fG0sA", BODY);
}

static void
test_clean_refusals (void)
{
  g_autofree char *too_long = g_strnfill (FBK_TOKEN_MAX_LENGTH + 1, 'x');
  g_autofree char *far_too_long = g_strnfill (10 * FBK_TOKEN_MAX_LENGTH, 'x');
  struct {
    const char *text;
    const char *reason;   /* a word the message must contain */
  } cases[] = {
    { "", "No token was given" },
    { " \t\r\n ", "No token was given" },
    { "\u00a0\u200b", "No token was given" },
    { too_long, "longer" },
    { far_too_long, "longer" },
    { BODY "\001" BODY, "control" },
    { BODY "\033[0m", "control" },
    { BODY "\177", "control" },
    { BODY "\r" BODY "\007", "control" },
    { BODY "æøå", "curly quotes" },
    { "\u201c" BODY "\u201d", "curly quotes" },
    { BODY "\u00a0" BODY, "curly quotes" },       /* no-break space inside */
    { BODY "\xff\xfe", "curly quotes" },          /* not even UTF-8 */
    { BODY " " BODY, "spaces" },
    { BODY "\t" BODY, "spaces" },
    { "id: " BODY, "spaces" },
    { "Bearer " BODY " " BODY, "spaces" },
    { "0123456789abcdef0123456789ABCDEF", "GridTariff" },
    { "  Bearer 0123456789abcdef0123456789abcdef\n", "GridTariff" },
    { "Zq8xR2vK9mW4t", "too short" },
    { "707057500012345678", "too short" },     /* a metering point ID */
    { "Bearer", "too short" },
  };
  g_autoptr(GHashTable) messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = assert_refused (cases[i].text);
      const char *earlier;

      if (strstr (message, cases[i].reason) == NULL)
        g_error ("case %u: \"%s\" does not say \"%s\"", i, message, cases[i].reason);

      /* one reason, one message; different reasons, different messages */
      earlier = g_hash_table_lookup (messages, cases[i].reason);
      if (earlier != NULL)
        g_assert_cmpstr (earlier, ==, message);
      g_hash_table_insert (messages, g_strdup (cases[i].reason), g_strdup (message));
    }
  g_assert_cmpuint (g_hash_table_size (messages), ==, 7);
  {
    g_autoptr(GList) values = g_hash_table_get_values (messages);

    for (GList *a = values; a; a = a->next)
      for (GList *b = a->next; b; b = b->next)
        g_assert_cmpstr (a->data, !=, b->data);
  }

  g_free (assert_refused (NULL));
}

static void
test_clean_length_bounds (void)
{
  g_autofree char *shortest = g_strnfill (FBK_TOKEN_MIN_LENGTH, 'a');
  g_autofree char *longest = g_strnfill (FBK_TOKEN_MAX_LENGTH, 'a');
  g_autofree char *longest_wrapped = NULL;
  GString *wrapped = g_string_new (NULL);

  assert_cleans_to (shortest, shortest);
  assert_cleans_to (longest, longest);
  g_free (assert_refused (shortest + 1));

  /* the bound is on the token, not on the pasted text */
  for (guint i = 0; i < FBK_TOKEN_MAX_LENGTH; i += 64)
    g_string_append_printf (wrapped, "    %.64s\r\n", longest + i);
  longest_wrapped = g_string_free (wrapped, FALSE);
  g_assert_cmpuint (strlen (longest_wrapped), >, FBK_TOKEN_MAX_LENGTH);
  assert_cleans_to (longest_wrapped, longest);
}

static void
test_validate_does_not_clean (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fbk_token_validate (BODY, NULL));
  g_assert_false (fbk_token_validate (" " BODY, &error));
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_INVALID_TOKEN);
  g_clear_error (&error);
  g_assert_false (fbk_token_validate (BODY "\n", &error));
  g_assert_error (error, FBK_API_ERROR, FBK_API_ERROR_INVALID_TOKEN);
  g_assert_false (fbk_token_validate (NULL, NULL));
}

static void
test_subscription_key (void)
{
  g_assert_true (fbk_token_looks_like_subscription_key ("0123456789abcdef0123456789abcdef"));
  g_assert_true (fbk_token_looks_like_subscription_key ("0123456789ABCDEF0123456789ABCDEF"));
  g_assert_false (fbk_token_looks_like_subscription_key ("0123456789abcdef0123456789abcde"));
  g_assert_false (fbk_token_looks_like_subscription_key ("0123456789abcdef0123456789abcdef0"));
  g_assert_false (fbk_token_looks_like_subscription_key ("0123456789abcdef0123456789abcdeg"));
  g_assert_false (fbk_token_looks_like_subscription_key (NULL));

  /* 32 characters that are not all hex are a (short) token */
  assert_cleans_to (BODY, BODY);
}

static void
test_expiry (void)
{
  const char *header = "{\"typ\":\"at+jwt\",\"alg\":\"RS256\",\"kid\":\"k1\"}";
  g_autofree char *jwt = make_jwt (header,
                                   "{\"iss\":\"https://elvid.elvia.io\",\"nbf\":1640995200,"
                                   "\"exp\":1798761600,\"amr\":[\"delegation\"],"
                                   "\"scope\":[\"kunde.metervalues.delegated-useraccess\"]}");
  g_autofree char *fractional = make_jwt (header, "{\"exp\":1798761600.75}");
  g_auto(FbkTokenString) cleaned = NULL;
  FbkInstant expiry = 0;

  /* a JWT goes through cleaning unchanged, and its expiry can be read */
  cleaned = fbk_token_clean (jwt, NULL);
  g_assert_cmpstr (cleaned, ==, jwt);
  g_assert_true (fbk_token_get_expiry (cleaned, &expiry));
  g_assert_cmpint (expiry, ==, 1798761600);   /* 2027-01-01T00:00:00Z */

  expiry = 0;
  g_assert_true (fbk_token_get_expiry (fractional, &expiry));
  g_assert_cmpint (expiry, ==, 1798761600);

  /* a JWT wrapped over lines still decodes after cleaning */
  {
    g_autofree char *wrapped = g_strdup_printf ("%.40s\n%s", jwt, jwt + 40);
    g_auto(FbkTokenString) unwrapped = fbk_token_clean (wrapped, NULL);

    expiry = 0;
    g_assert_true (fbk_token_get_expiry (unwrapped, &expiry));
    g_assert_cmpint (expiry, ==, 1798761600);
  }
}

static void
test_expiry_absent (void)
{
  const char *header = "{\"alg\":\"RS256\"}";
  g_autofree char *no_exp = make_jwt (header, "{\"nbf\":1640995200}");
  g_autofree char *string_exp = make_jwt (header, "{\"exp\":\"1798761600\"}");
  g_autofree char *null_exp = make_jwt (header, "{\"exp\":null}");
  g_autofree char *negative_exp = make_jwt (header, "{\"exp\":-5}");
  g_autofree char *huge_exp = make_jwt (header, "{\"exp\":1e300}");
  g_autofree char *array_payload = make_jwt (header, "[1798761600]");
  g_autofree char *not_json = make_jwt (header, "exp=1798761600");
  g_autofree char *header_not_json = make_jwt ("RS256", "{\"exp\":1798761600}");
  g_autofree char *good = make_jwt (header, "{\"exp\":1798761600}");
  g_autofree char *four_segments = g_strconcat (good, ".x", NULL);
  g_autofree char *plus_sign = g_strdup (good);
  g_autofree char *one_too_many = NULL;
  const char *opaque[] = {
    BODY, "a.b", "..", "a..", BODY "." BODY, NULL,
  };
  FbkInstant expiry = 42;

  /* standard base64 characters are not base64url */
  strchr (plus_sign, '.')[1] = '+';

  /* a segment whose length leaves a lone sixth bit cannot be base64 */
  {
    const char *dot = strchr (good, '.');
    int length = dot - good;
    int extra = (5 - length % 4) % 4;

    g_assert_cmpint ((length + extra) % 4, ==, 1);
    one_too_many = g_strdup_printf ("%.*s%.*s%s", length, good, extra, "AAAA", dot);
  }

  {
    const char *tokens[] = {
      no_exp, string_exp, null_exp, negative_exp, huge_exp, array_payload,
      not_json, header_not_json, four_segments, plus_sign, one_too_many,
    };

    for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
      {
        if (fbk_token_get_expiry (tokens[i], &expiry))
          g_error ("case %u: read an expiry from %s", i, tokens[i]);
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (opaque); i++)
    g_assert_false (fbk_token_get_expiry (opaque[i], &expiry));

  g_assert_cmpint (expiry, ==, 42);
  g_assert_true (fbk_token_get_expiry (good, &expiry));
}

static void
test_expires_within (void)
{
  FbkInstant now = 1700000000;
  FbkInstant day = 86400;

  g_assert_true (fbk_token_expires_within (now - 1, now, 0));
  g_assert_true (fbk_token_expires_within (now, now, 0));
  g_assert_false (fbk_token_expires_within (now + 1, now, 0));
  g_assert_true (fbk_token_expires_within (now + 30 * day, now, 30));
  g_assert_false (fbk_token_expires_within (now + 30 * day + 1, now, 30));
  g_assert_true (fbk_token_expires_within (now - 400 * day, now, 30));
  g_assert_false (fbk_token_expires_within (now + 5 * 365 * day, now, 30));
}

/* Found by fuzz-text: a payload segment that decodes to blank JSON parsed
 * with no root, and reading it set off a critical. */
static void
test_expiry_blank_payload (void)
{
  FbkInstant expiry = 0;

  g_assert_false (fbk_token_get_expiry ("Dd.e----------------Ztn0.e-------", &expiry));
  g_assert_false (fbk_token_get_expiry ("eyJhbGciOiJub25lIn0.ICAg.c2ln", &expiry));
}

/* Every piece of the token of eight characters or more goes, wherever it
 * is and however it was cut; shorter ones, and the text around, stay. */
static void
test_redact (void)
{
  const char *token = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.U2lnbmF0dXJl";
  const struct {
    const char *text;
    const char *redacted;
  } cases[] = {
    { "Bearer eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.U2lnbmF0dXJl is not valid",
      "Bearer … is not valid" },
    /* cut short by an excerpt, twice, around other text */
    { "“Bearer eyJhbGciOiJSUzI1NiJ9.c2Vj…” and “…LXRva2Vu.U2lu”", "“Bearer ……” and “……u”" },
    /* seven characters are not a piece; eight are */
    { "x c2VjcmV y c2VjcmV0 z", "x c2VjcmV y … z" },
    /* pieces that overlap in the token, end to end in the text */
    { "U2lnbmF0dXJlU2lnbmF0", "……" },
    { "ø U2lnbmF0dXJl æ", "ø … æ" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *redacted = fbk_token_redact (cases[i].text, token);

      g_assert_cmpstr (redacted, ==, cases[i].redacted);
    }

  {
    g_autofree char *copy = fbk_token_redact ("no token set", NULL);

    g_assert_cmpstr (copy, ==, "no token set");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token/clean/trims", test_clean_trims);
  g_test_add_func ("/token/expiry/blank-payload", test_expiry_blank_payload);
  g_test_add_func ("/token/clean/unwraps", test_clean_unwraps);
  g_test_add_func ("/token/clean/refusals", test_clean_refusals);
  g_test_add_func ("/token/clean/length-bounds", test_clean_length_bounds);
  g_test_add_func ("/token/validate/does-not-clean", test_validate_does_not_clean);
  g_test_add_func ("/token/subscription-key", test_subscription_key);
  g_test_add_func ("/token/expiry/jwt", test_expiry);
  g_test_add_func ("/token/expiry/absent", test_expiry_absent);
  g_test_add_func ("/token/expiry/within", test_expires_within);
  g_test_add_func ("/token/redact", test_redact);

  return g_test_run ();
}
