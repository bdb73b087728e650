/* Client options: the SDK contract's defaults, the environment, refused settings, and
 * what a client sends (auth scheme, user agent). */
#include "gc_test.h"

static void defaults_follow_spec(void) {
    gc_client_options o = gc_client_options_default();
    gc_wait_options w = gc_wait_options_default();
    gc_list_params p = gc_list_params_default();

    CHECK(o.token == NULL);
    CHECK(o.base_url == NULL);
    CHECK(o.auth_scheme == GC_AUTH_X_AUTH_TOKEN);
    CHECK(o.timeout_ms == 60000);
    CHECK(o.connect_timeout_ms == 10000);
    CHECK(o.deadline_ms == 0);
    CHECK(o.max_retries == 2);
    CHECK(o.per_page == 100);
    CHECK(o.concurrency == 4);
    CHECK(o.max_requests_per_second == 0.0);

    CHECK(w.timeout_ms == 20 * 60 * 1000);
    CHECK(w.interval_ms == 1000);
    CHECK(w.max_interval_ms == 10000);

    CHECK(p.page == GC_UNSET);
    CHECK(p.per_page == GC_UNSET);
    CHECK(p.image_type == NULL);
}

static void version_matches_header(void) {
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", GC_VERSION_MAJOR, GC_VERSION_MINOR,
             GC_VERSION_PATCH);
    CHECK_STR(gc_version(), expected);
    CHECK_STR(gc_version(), GC_VERSION_STRING);
}

static void missing_token_names_the_variable(void) {
    gc_client *client = (gc_client *)&client; /* must be cleared on failure */
    gc_error *err = NULL;
    unsetenv("GENESISCLOUD_TOKEN");
    CHECK(gc_client_new(NULL, &client, &err) == GC_ERROR_INVALID_ARGUMENT);
    CHECK(client == NULL);
    CHECK(strstr(gc_error_message(err), "GENESISCLOUD_TOKEN") != NULL);
    CHECK(gc_error_attempts(err) == 0);
    CHECK(!gc_error_request_sent(err));
    gc_error_free(err);
}

static void environment_configures_a_client(gc_emulator *emu) {
    gc_client *client = NULL;
    gc_page *page = NULL;
    gc_error *err = NULL;
    setenv("GENESISCLOUD_TOKEN", gc_emulator_token(emu), 1);
    setenv("GENESISCLOUD_ENDPOINT", gc_emulator_base_url(emu), 1);
    CHECK_OK(gc_client_new(NULL, &client, &err), err);
    CHECK_OK(gc_images_list_page(client, NULL, &page, &err), err);
    CHECK(gc_page_len(page) > 0);
    gc_page_free(page);
    gc_client_free(client);
    unsetenv("GENESISCLOUD_TOKEN");
    unsetenv("GENESISCLOUD_ENDPOINT");
}

static void refuses_bad_settings(void) {
    gc_client_options o;
    gc_client *client = NULL;
    gc_error *err = NULL;
    int i;
    for (i = 0; i < 8; ++i) {
        o = gc_client_options_default();
        o.token = "some-token";
        o.base_url = "https://api.genesiscloud.com/compute/v1";
        switch (i) {
            case 0: o.base_url = "http://api.genesiscloud.com/compute/v1"; break;
            case 1: o.base_url = "not a url"; break;
            case 2: o.per_page = 0; break;
            case 3: o.per_page = 101; break;
            case 4: o.concurrency = 0; break;
            case 5: o.timeout_ms = 0; break;
            case 6: o.auth_scheme = 7; break;
            case 7: o.max_requests_per_second = -1.0; break;
        }
        CHECK_ERR(gc_client_new(&o, &client, &err), err, GC_ERROR_INVALID_ARGUMENT);
        CHECK(client == NULL);
    }
    o = gc_client_options_default();
    o.token = "some-token";
    o.base_url = "http://127.0.0.1:1/compute/v1"; /* loopback: plain http is fine */
    CHECK_OK(gc_client_new(&o, &client, &err), err);
    gc_client_free(client);
}

static void sends_the_chosen_auth_scheme_and_user_agent(gc_emulator *emu) {
    gc_client_options o = gc_client_options_default();
    gc_client *client;
    gc_page *page = NULL;
    gc_error *err = NULL;
    char *log = NULL;

    o.auth_scheme = GC_AUTH_BEARER;
    client = fixture_client(emu, o);
    gc_emulator_clear_requests(emu);
    CHECK_OK(gc_images_list_page(client, NULL, &page, &err), err);
    CHECK_OK(gc_emulator_requests_json(emu, &log, &err), err);
    CHECK(strstr(log, "\"auth\":\"bearer\"") != NULL);
    CHECK(strstr(log, "\"user-agent\":\"genesiscloud-sdk/" GC_VERSION_STRING " (c/" GC_VERSION_STRING ")\"") != NULL);
    gc_string_free(log);
    gc_page_free(page);
    gc_client_free(client);
}

int main(void) {
    gc_emulator *emu = NULL;
    gc_error *err = NULL;
    defaults_follow_spec();
    version_matches_header();
    missing_token_names_the_variable();
    refuses_bad_settings();
    CHECK_OK(gc_emulator_start(&emu, &err), err);
    environment_configures_a_client(emu);
    sends_the_chosen_auth_scheme_and_user_agent(emu);
    gc_emulator_stop(emu);
    printf("test_options: ok\n");
    return 0;
}
