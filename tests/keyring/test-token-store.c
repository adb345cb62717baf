/* test-token-store.c: the token store against a real gnome-keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suite "keyring". It replaces, clears and finally locks what it finds, so
 * it runs only against a throw-away keyring: FORBRUK_TEST_REQUIRE_KEYRING=1
 * says the session is one (build-aux/run-tests.sh and CI set it, and then a
 * missing Secret Service fails the test). Without it the test skips, so a
 * plain `meson test` on a desktop never touches the user's own keyring.
 * The last test leaves the keyring locked, so every run needs a fresh
 * session, as build-aux/run-tests.sh and CI give it.
 */
#include "config.h"

#include <libsecret/secret.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbk-error.h"
#include "fbk-test-support.h"
#include "fbk-test-token.h"

#define TOKEN "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE3OTg3NjE2MDB9.Zq8xR2vK9mW4tY7pL3nB6cJ5hD1fG0sA"
#define OTHER_TOKEN "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE4OTg3NjE2MDB9.Wm4tY7pL3nB6cJ5hD1fG0sAZq8xR2vK9"
#define WATCHDOG_SECONDS 50

/* Written out here rather than taken from the store: this is the contract
 * with tokens already saved by earlier versions. */
static const SecretSchema expected_schema = {
  .name = "io.github.forbruk.Forbruk.Token",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { .name = "service", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
    { .name = NULL },
  },
};

/* Our items, found with the schema written out above. */
static GList *
find_items (void)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  attributes = secret_attributes_build (&expected_schema, "service", "elvia-metervalues", NULL);
  items = secret_service_search_sync (service, &expected_schema, attributes,
                                      SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  return items;
}

static char *
default_collection_path (void)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  return g_strdup (g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection)));
}

static void
assert_saved (FbkTokenStore *store,
              const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = NULL;
  g_autolist(SecretItem) items = NULL;
  g_autofree char *collection_path = default_collection_path ();
  g_autofree char *collection_prefix = g_strconcat (collection_path, "/", NULL);
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  g_autofree char *schema_name = NULL;
  SecretItem *item;

  token = fbk_test_token_store_lookup (store, NULL, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, expected);

  items = find_items ();
  g_assert_cmpuint (g_list_length (items), ==, 1);
  item = items->data;
  label = secret_item_get_label (item);
  schema_name = secret_item_get_schema_name (item);
  g_assert_cmpstr (label, ==, "Forbruk: Elvia access token");
  g_assert_cmpstr (schema_name, ==, "io.github.forbruk.Forbruk.Token");
  g_assert_true (g_str_has_prefix (g_dbus_proxy_get_object_path (G_DBUS_PROXY (item)), collection_prefix));
  attributes = secret_item_get_attributes (item);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "service"), ==, "elvia-metervalues");
}

static void
test_empty (void)
{
  g_autoptr(FbkTokenStore) store = fbk_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = NULL;

  if (!fbk_test_keyring_usable ())
    return;

  /* clearing nothing is fine, and twice too */
  g_assert_true (fbk_test_token_store_clear (store, NULL, 30, &error));
  g_assert_no_error (error);
  g_assert_true (fbk_test_token_store_clear (store, NULL, 30, &error));
  g_assert_no_error (error);

  token = fbk_test_token_store_lookup (store, NULL, 30, &error);
  g_assert_no_error (error);
  g_assert_null (token);
}

static void
test_save_and_replace (void)
{
  g_autoptr(FbkTokenStore) store = fbk_token_store_new ();
  g_autoptr(FbkTokenStore) other_store = fbk_token_store_new ();
  g_autoptr(GError) error = NULL;

  if (!fbk_test_keyring_usable ())
    return;

  g_assert_true (fbk_test_token_store_save (store, TOKEN, NULL, 30, &error));
  g_assert_no_error (error);
  assert_saved (store, TOKEN);
  /* it is in the keyring, not in the object */
  assert_saved (other_store, TOKEN);

  g_assert_true (fbk_test_token_store_save (store, OTHER_TOKEN, NULL, 30, &error));
  g_assert_no_error (error);
  assert_saved (store, OTHER_TOKEN);
}

/* The throw-away session keeps its keyring and all other state under the
 * XDG directories; the token must not be readable in any file there
 * (gnome-keyring encrypts its keyring file). */
static void
assert_not_in_files (const char *path,
                     const char *needle)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return;
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL) &&
          g_strstr_len (contents, length, needle) != NULL)
        g_error ("the token is readable in %s", path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      assert_not_in_files (child, needle);
    }
}

static void
test_not_written_elsewhere (void)
{
  const char *variables[] = {
    "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR",
  };
  g_autoptr(FbkTokenStore) store = fbk_token_store_new ();
  g_autoptr(GError) error = NULL;

  if (!fbk_test_keyring_usable ())
    return;

  g_assert_true (fbk_test_token_store_save (store, TOKEN, NULL, 30, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *dir = g_getenv (variables[i]);

      if (dir != NULL)
        assert_not_in_files (dir, "Zq8xR2vK9mW4tY7p");
    }
}

static void
test_clear (void)
{
  g_autoptr(FbkTokenStore) store = fbk_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = NULL;
  g_autolist(SecretItem) items = NULL;

  if (!fbk_test_keyring_usable ())
    return;

  g_assert_true (fbk_test_token_store_save (store, TOKEN, NULL, 30, &error));
  g_assert_no_error (error);
  g_assert_true (fbk_test_token_store_clear (store, NULL, 30, &error));
  g_assert_no_error (error);

  token = fbk_test_token_store_lookup (store, NULL, 30, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  items = find_items ();
  g_assert_null (items);
}

/* Something else wrote a non-token under our schema (secret-tool, say). */
static void
test_foreign_secret (void)
{
  g_autoptr(FbkTokenStore) store = fbk_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_auto(FbkTokenString) token = NULL;

  if (!fbk_test_keyring_usable ())
    return;

  secret_password_store_sync (&expected_schema, SECRET_COLLECTION_DEFAULT, "junk",
                              "not a token\n", NULL, &error,
                              "service", "elvia-metervalues", NULL);
  g_assert_no_error (error);

  token = fbk_test_token_store_lookup (store, NULL, 30, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  g_assert_true (fbk_test_token_store_save (store, TOKEN, NULL, 30, &error));
  g_assert_no_error (error);
  assert_saved (store, TOKEN);
}

/* Runs last: the keyring stays locked. With no display gnome-keyring cannot
 * prompt and reports the lock; under Xvfb its prompt waits for an answer
 * that never comes, and the timeout reports "unavailable". */
static void
test_locked (void)
{
  g_autoptr(FbkTokenStore) store = fbk_token_store_new ();
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  GList *objects;
  gint64 started;

  if (!fbk_test_keyring_usable ())
    return;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  objects = g_list_append (NULL, collection);
  secret_service_lock_sync (service, objects, NULL, NULL, &error);
  g_list_free (objects);
  g_assert_no_error (error);
  g_assert_true (secret_collection_get_locked (collection));

  fbk_token_store_set_timeout (store, 3);
  started = g_get_monotonic_time ();
  g_assert_false (fbk_test_token_store_save (store, OTHER_TOKEN, NULL, 30, &error));
  g_test_message ("saving into a locked keyring: %s", error->message);
  g_assert_true (g_error_matches (error, FBK_TOKEN_ERROR, FBK_TOKEN_ERROR_LOCKED) ||
                 g_error_matches (error, FBK_TOKEN_ERROR, FBK_TOKEN_ERROR_UNAVAILABLE));
  g_assert_null (strstr (error->message, "Wm4tY7pL"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 6 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* and the fallback still works */
  fbk_token_store_set_memory_only (store, TRUE);
  g_assert_true (fbk_test_token_store_save (store, OTHER_TOKEN, NULL, 5, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  fbk_test_token_guard_logs ();
  fbk_test_token_forbid_in_logs (TOKEN);
  fbk_test_token_forbid_in_logs (OTHER_TOKEN);
  fbk_test_token_forbid_in_logs ("Zq8xR2vK");
  fbk_test_token_forbid_in_logs ("Wm4tY7pL");

  g_test_init (&argc, &argv, NULL);

  fbk_test_keyring_start_watchdog (WATCHDOG_SECONDS);
  fbk_test_keyring_check ();

  g_test_add_func ("/token-store/keyring/empty", test_empty);
  g_test_add_func ("/token-store/keyring/save-and-replace", test_save_and_replace);
  g_test_add_func ("/token-store/keyring/not-written-elsewhere", test_not_written_elsewhere);
  g_test_add_func ("/token-store/keyring/clear", test_clear);
  g_test_add_func ("/token-store/keyring/foreign-secret", test_foreign_secret);
  g_test_add_func ("/token-store/keyring/locked", test_locked);

  return g_test_run ();
}
