/* gc_client_with_options: a client derived from another, with its own
 * retries, timeout and headers, the parent's connections, and the parent
 * unchanged; NULL-safe, and refusing what gc_client_new refuses. */
#include "gc_test.h"

#define IMAGES "\"path\": \"/compute/v1/images\""

/* A client derived from `parent` with `o`, which must succeed. */
static gc_client *derive(const gc_client *parent, const gc_client_overrides *o) {
    gc_client *child = NULL;
    gc_error *err = NULL;
    CHECK_OK(gc_client_with_options(parent, o, &child, &err), err);
    CHECK(child != NULL);
    return child;
}

/* Lists one page of images, expecting failure `code` after `attempts`. */
static void list_fails(gc_client *client, gc_status code, size_t attempts) {
    gc_page *page = (gc_page *)&page; /* must be cleared on failure */
    gc_error *err = NULL;
    CHECK(gc_images_list_page(client, NULL, &page, &err) == code);
    CHECK(page == NULL);
    CHECK(gc_error_attempts(err) == attempts);
    gc_error_free(err);
}

static void list_succeeds(gc_client *client) {
    gc_page *page = NULL;
    gc_error *err = NULL;
    CHECK_OK(gc_images_list_page(client, NULL, &page, &err), err);
    CHECK(gc_page_len(page) > 0);
    gc_page_free(page);
}

static void retries_as_told_while_the_parent_keeps_its_own(fixture *f) {
    gc_client_overrides o = gc_client_overrides_default();
    gc_client *child;
    gc_error *err = NULL;
    o.max_retries = 0;
    child = derive(f->client, &o);
    CHECK_OK(gc_emulator_inject_fault(f->emu, "{\"kind\": \"status\", \"status\": 503, " IMAGES "}", &err), err);
    gc_emulator_clear_requests(f->emu);
    list_fails(child, GC_ERROR_SERVER_ERROR, 1);
    CHECK(requests_logged(f->emu) == 1);
    gc_emulator_clear_requests(f->emu);
    list_fails(f->client, GC_ERROR_SERVER_ERROR, 3);
    CHECK(requests_logged(f->emu) == 3);
    gc_emulator_clear_faults(f->emu);
    gc_client_free(child);
}

static void times_out_as_told_while_the_parent_waits(fixture *f) {
    gc_client_overrides o = gc_client_overrides_default();
    gc_client *child;
    gc_error *err = NULL;
    o.timeout_ms = 100;
    o.max_retries = 0;
    child = derive(f->client, &o);
    CHECK_OK(gc_emulator_inject_fault(f->emu, "{\"kind\": \"latency\", \"latency_ms\": 400, " IMAGES "}", &err),
             err);
    list_fails(child, GC_ERROR_TIMEOUT, 1);
    list_succeeds(f->client);
    gc_emulator_clear_faults(f->emu);
    gc_client_free(child);
}

static void headers_reach_the_server_and_the_parents_requests_lack_them(fixture *f) {
    gc_header headers[] = {{"X-Trace-Id", "nightly"}};
    gc_client_overrides o = gc_client_overrides_default();
    gc_client *child;
    gc_error *err = NULL;
    char *log = NULL;
    o.headers = headers;
    o.headers_len = 1;
    child = derive(f->client, &o);
    headers[0].value = "changed after the call"; /* read only during the call */

    gc_emulator_clear_requests(f->emu);
    list_succeeds(child);
    CHECK_OK(gc_emulator_requests_json(f->emu, &log, &err), err);
    CHECK(strstr(log, "\"x-trace-id\":\"nightly\"") != NULL);
    CHECK(strstr(log, "\"authenticated\":true") != NULL);
    gc_string_free(log);

    gc_emulator_clear_requests(f->emu);
    list_succeeds(f->client);
    CHECK_OK(gc_emulator_requests_json(f->emu, &log, &err), err);
    CHECK(strstr(log, "x-trace-id") == NULL);
    gc_string_free(log);
    gc_client_free(child);
}

static void the_auth_header_cannot_be_overridden(fixture *f) {
    const char *names[] = {"X-Auth-Token", "Authorization"};
    const char *refused[] = {"the x-auth-token header cannot be set", "the authorization header cannot be set"};
    size_t i;
    for (i = 0; i < 2; ++i) {
        gc_header header;
        gc_client_overrides o = gc_client_overrides_default();
        gc_client *child = (gc_client *)&child;
        gc_error *err = NULL;
        header.name = names[i];
        header.value = "forged";
        o.headers = &header;
        o.headers_len = 1;
        CHECK(gc_client_with_options(f->client, &o, &child, &err) == GC_ERROR_INVALID_ARGUMENT);
        CHECK(child == NULL);
        CHECK(strstr(gc_error_message(err), refused[i]) != NULL);
        gc_error_free(err);
    }
}

/* The same bad value gets the same message from gc_client_new and from
 * gc_client_with_options. */
static void bad_values_get_the_constructors_message(fixture *f) {
    int i;
    for (i = 0; i < 5; ++i) {
        gc_client_options c = gc_client_options_default();
        gc_client_overrides o = gc_client_overrides_default();
        gc_client *client = NULL;
        gc_error *constructed = NULL;
        gc_error *derived = NULL;
        c.token = "some-token";
        c.base_url = gc_emulator_base_url(f->emu);
        switch (i) {
            case 0: c.timeout_ms = 0; o.timeout_ms = 0; break;
            case 1: c.per_page = 0; o.per_page = 0; break;
            case 2: c.per_page = 101; o.per_page = 101; break;
            case 3: c.concurrency = 0; o.concurrency = 0; break;
            case 4: c.concurrency = 65; o.concurrency = 65; break;
        }
        CHECK(gc_client_new(&c, &client, &constructed) == GC_ERROR_INVALID_ARGUMENT);
        CHECK(gc_client_with_options(f->client, &o, &client, &derived) == GC_ERROR_INVALID_ARGUMENT);
        CHECK(client == NULL);
        CHECK_STR(gc_error_message(derived), gc_error_message(constructed));
        gc_error_free(constructed);
        gc_error_free(derived);
    }
}

static void null_arguments_are_refused_or_mean_no_change(fixture *f) {
    gc_client_overrides o = gc_client_overrides_default();
    gc_header bad = {NULL, "x"};
    gc_client *child = NULL;
    gc_error *err = NULL;

    CHECK(o.timeout_ms == GC_UNSET && o.deadline_ms == GC_UNSET && o.max_retries == GC_UNSET);
    CHECK(o.per_page == GC_UNSET && o.concurrency == GC_UNSET);
    CHECK(o.headers == NULL && o.headers_len == 0);

    CHECK_ERR(gc_client_with_options(NULL, NULL, &child, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK(child == NULL);
    CHECK_ERR(gc_client_with_options(f->client, NULL, NULL, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK(gc_client_with_options(f->client, NULL, NULL, NULL) == GC_ERROR_INVALID_ARGUMENT);
    o.headers_len = 1;
    CHECK_ERR(gc_client_with_options(f->client, &o, &child, &err), err, GC_ERROR_INVALID_ARGUMENT);
    o.headers = &bad;
    CHECK_ERR(gc_client_with_options(f->client, &o, &child, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK(child == NULL);

    /* NULL overrides: the same settings, on the same connections. */
    child = derive(f->client, NULL);
    list_succeeds(child);
    gc_client_free(child);
}

/* The parent may go first: the derived client keeps the pool alive. */
static void the_derived_client_outlives_its_parent(gc_emulator *emu) {
    gc_client *parent = fixture_client(emu, gc_client_options_default());
    gc_client *child = derive(parent, NULL);
    gc_client_free(parent);
    list_succeeds(child);
    gc_client_free(child);
}

int main(void) {
    fixture f = fixture_start();
    retries_as_told_while_the_parent_keeps_its_own(&f);
    times_out_as_told_while_the_parent_waits(&f);
    headers_reach_the_server_and_the_parents_requests_lack_them(&f);
    the_auth_header_cannot_be_overridden(&f);
    bad_values_get_the_constructors_message(&f);
    null_arguments_are_refused_or_mean_no_change(&f);
    the_derived_client_outlives_its_parent(f.emu);
    fixture_stop(&f);
    printf("test_with_options: ok\n");
    return 0;
}
