/* Errors: every code's name, invalid arguments refused before sending, and
 * the fields of errors that did reach the server. */
#include "gc_test.h"

static void every_code_has_specs_name(void) {
    static const struct {
        gc_status code;
        const char *name;
    } table[] = {
        {GC_OK, "ok"},
        {GC_ERROR_INVALID_ARGUMENT, "invalid_argument"},
        {GC_ERROR_BAD_REQUEST, "bad_request"},
        {GC_ERROR_AUTHENTICATION, "authentication"},
        {GC_ERROR_PERMISSION_DENIED, "permission_denied"},
        {GC_ERROR_NOT_FOUND, "not_found"},
        {GC_ERROR_CONFLICT, "conflict"},
        {GC_ERROR_UNPROCESSABLE_ENTITY, "unprocessable_entity"},
        {GC_ERROR_RATE_LIMITED, "rate_limited"},
        {GC_ERROR_SERVER_ERROR, "server_error"},
        {GC_ERROR_API_ERROR, "api_error"},
        {GC_ERROR_TIMEOUT, "timeout"},
        {GC_ERROR_CONNECTION, "connection"},
        {GC_ERROR_DECODE, "decode"},
        {GC_ERROR_WAIT_TIMEOUT, "wait_timeout"},
        {GC_ERROR_CANCELLED, "cancelled"},
        {GC_ERROR_INTERNAL, "internal"},
        {GC_DONE, "done"},
        {999, "unknown"},
        {-5, "unknown"},
    };
    size_t i;
    for (i = 0; i < sizeof table / sizeof table[0]; ++i) CHECK_STR(gc_error_code_name(table[i].code), table[i].name);
    /* The SDK contract's table order. */
    CHECK(GC_ERROR_INVALID_ARGUMENT == 1 && GC_ERROR_CANCELLED == 15 && GC_ERROR_INTERNAL == 16);
}

static void accessors_accept_null(void) {
    CHECK(gc_error_code(NULL) == GC_OK);
    CHECK(gc_error_message(NULL) == NULL);
    CHECK(gc_error_http_status(NULL) == 0);
    CHECK(gc_error_api_code(NULL) == NULL);
    CHECK(gc_error_retry_after(NULL) < 0);
    CHECK(!gc_error_has_wait_progress(NULL));
    CHECK(gc_object_id(NULL) == NULL);
    CHECK(gc_object_json(NULL) == NULL);
    CHECK(gc_page_len(NULL) == 0 && gc_page_get(NULL, 0) == NULL);
    CHECK(gc_pager_total_count(NULL) == -1);
    gc_error_free(NULL);
    gc_object_free(NULL);
    gc_page_free(NULL);
    gc_pager_free(NULL);
    gc_array_free(NULL);
    gc_strings_free(NULL);
    gc_string_free(NULL);
    gc_client_free(NULL);
    gc_emulator_stop(NULL);
}

/* Each call below is refused with invalid_argument, and nothing reaches the
 * emulator. */
static void invalid_arguments_are_refused_before_sending(fixture *f) {
    gc_client *c = f->client;
    gc_object *obj = (gc_object *)&obj; /* a stale pointer the call must clear */
    gc_page *page = NULL;
    gc_pager *pager = NULL;
    gc_error *err = NULL;
    gc_list_params params = gc_list_params_default();
    const char *bad_utf8 = "\xff\xfe";

    gc_emulator_clear_requests(f->emu);

    CHECK_ERR(gc_instances_get(NULL, "id", &obj, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK(obj == NULL);
    CHECK_ERR(gc_instances_get(c, NULL, &obj, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK_ERR(gc_instances_get(c, "id", NULL, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK_ERR(gc_instances_get(c, "", &obj, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK_ERR(gc_volumes_delete(c, "   ", &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK_ERR(gc_instances_get(c, bad_utf8, &obj, &err), err, GC_ERROR_INVALID_ARGUMENT);
    {
        gc_strings *actions = NULL;
        CHECK_ERR(gc_instances_actions(c, "", &actions, &err), err, GC_ERROR_INVALID_ARGUMENT);
        CHECK(actions == NULL);
    }

    /* Bodies: NULL, not JSON, not UTF-8, missing or mistyped fields. */
    CHECK_ERR(gc_ssh_keys_create(c, NULL, &obj, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK_ERR(gc_ssh_keys_create(c, "{\"name\": ", &obj, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK_ERR(gc_ssh_keys_create(c, "{\"name\": \"\xff\"}", &obj, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK(gc_ssh_keys_create(c, "{\"name\": \"no-value\"}", &obj, &err) == GC_ERROR_INVALID_ARGUMENT);
    CHECK(strstr(gc_error_message(err), "value") != NULL); /* names the missing field */
    gc_error_free(err);
    CHECK_ERR(gc_volumes_create(c, "{\"name\": \"v\", \"region\": \"NORD-NO-KRS-1\", \"size\": \"big\"}", &obj, &err),
              err, GC_ERROR_INVALID_ARGUMENT);
    CHECK_ERR(gc_instances_update(c, "", "{}", &obj, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK_ERR(gc_snapshots_clone(c, "id", "[]", &obj, &err), err, GC_ERROR_INVALID_ARGUMENT);

    /* Paging numbers and filters. */
    params.per_page = 0;
    CHECK_ERR(gc_images_list_page(c, &params, &page, &err), err, GC_ERROR_INVALID_ARGUMENT);
    params.per_page = 101;
    CHECK_ERR(gc_images_list_page(c, &params, &page, &err), err, GC_ERROR_INVALID_ARGUMENT);
    params = gc_list_params_default();
    params.page = 0;
    CHECK_ERR(gc_images_list_page(c, &params, &page, &err), err, GC_ERROR_INVALID_ARGUMENT);
    params = gc_list_params_default();
    params.image_type = "cloud-image";
    CHECK_ERR(gc_volumes_list_page(c, &params, &page, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK(page == NULL);

    /* A pager reports a bad id at its first item. */
    CHECK_OK(gc_instances_list_snapshots(c, "", NULL, &pager, &err), err);
    CHECK_ERR(gc_pager_next(pager, &obj, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK(gc_pager_next(pager, &obj, &err) == GC_DONE);
    gc_pager_free(pager);
    CHECK_ERR(gc_pager_next(NULL, &obj, &err), err, GC_ERROR_INVALID_ARGUMENT);

    /* Wait: empty status, zero interval. */
    {
        gc_wait_options w = gc_wait_options_default();
        w.interval_ms = 0;
        CHECK_ERR(gc_volumes_wait_until(c, "id", "", NULL, &obj, &err), err, GC_ERROR_INVALID_ARGUMENT);
        CHECK_ERR(gc_volumes_wait_until(c, "id", "created", &w, &obj, &err), err, GC_ERROR_INVALID_ARGUMENT);
    }

    /* err may be NULL: the status alone still tells. */
    CHECK(gc_instances_get(c, "", &obj, NULL) == GC_ERROR_INVALID_ARGUMENT);

    CHECK(requests_logged(f->emu) == 0);
}

static void errors_from_the_server_carry_their_fields(fixture *f) {
    gc_object *obj = NULL;
    gc_page *page = NULL;
    gc_error *err = NULL;

    CHECK(gc_instances_get(f->client, "00000000-0000-0000-0000-000000000000", &obj, &err) == GC_ERROR_NOT_FOUND);
    CHECK(gc_error_http_status(err) == 404);
    CHECK(gc_error_api_code(err) != NULL);
    CHECK(gc_error_attempts(err) == 1);
    CHECK(gc_error_request_sent(err));
    CHECK(strlen(gc_error_message(err)) > 0);
    CHECK(!gc_error_has_wait_progress(err));
    gc_error_free(err);

    /* A Retry-After beyond 60 s is not slept through. */
    CHECK_OK(gc_emulator_inject_fault(f->emu, "{\"kind\": \"rate_limit\", \"retry_after\": \"120\"}", &err), err);
    CHECK(gc_images_list_page(f->client, NULL, &page, &err) == GC_ERROR_RATE_LIMITED);
    CHECK(gc_error_http_status(err) == 429);
    CHECK(gc_error_retry_after(err) == 120.0);
    gc_error_free(err);
    gc_emulator_clear_faults(f->emu);

    CHECK_ERR(gc_emulator_inject_fault(f->emu, "{\"kind\": \"no-such-fault\"}", &err), err,
              GC_ERROR_INVALID_ARGUMENT);
}

static void wait_timeout_reports_progress(fixture *f) {
    gc_object *vol = NULL, *obj = NULL;
    gc_error *err = NULL;
    gc_wait_options w = gc_wait_options_default();

    CHECK_OK(gc_emulator_configure(f->emu, 60000, GC_UNSET, GC_UNSET, &err), err);
    CHECK_OK(gc_volumes_create(f->client, "{\"name\": \"slow\", \"region\": \"NORD-NO-KRS-1\", \"size\": 1}", &vol, &err), err);
    w.timeout_ms = 300;
    w.interval_ms = 50;
    CHECK(gc_volumes_wait_until(f->client, gc_object_id(vol), "created", &w, &obj, &err) == GC_ERROR_WAIT_TIMEOUT);
    CHECK(obj == NULL);
    CHECK(gc_error_has_wait_progress(err));
    CHECK_STR(gc_error_wait_last_status(err), "creating");
    CHECK(gc_error_wait_polls(err) >= 2);
    CHECK(gc_error_wait_elapsed_ms(err) >= 300);
    gc_error_free(err);
    gc_object_free(vol);
    CHECK_OK(gc_emulator_configure(f->emu, 0, GC_UNSET, GC_UNSET, &err), err);
}

static void token_never_appears_in_an_error(fixture *f) {
    static const char canary[] = "canary-token-5f1c2e";
    gc_client_options o = gc_client_options_default();
    gc_client *client;
    gc_page *page = NULL;
    gc_error *err = NULL;

    o.token = canary;
    client = fixture_client(f->emu, o);
    CHECK(gc_images_list_page(client, NULL, &page, &err) == GC_ERROR_AUTHENTICATION);
    CHECK(gc_error_http_status(err) == 401);
    CHECK(strstr(gc_error_message(err), canary) == NULL);
    gc_error_free(err);
    gc_client_free(client);
}

/* A hook of the library's debug builds, left out of the header: it runs an
 * operation that panics inside the library's runtime. */
gc_status gc__panic_for_tests(const gc_client *client, gc_error **err);

/* A panic inside the library comes back as GC_ERROR_INTERNAL with an error
 * object, and the process (and the client) go on working. */
static void a_panic_is_internal_and_the_process_survives(fixture *f) {
    gc_page *page = NULL;
    gc_error *err = NULL;

    CHECK(gc__panic_for_tests(f->client, &err) == GC_ERROR_INTERNAL);
    CHECK(gc_error_code(err) == GC_ERROR_INTERNAL);
    CHECK_STR(gc_error_code_name(gc_error_code(err)), "internal");
    CHECK(strstr(gc_error_message(err), "forced by the test hook") != NULL);
    CHECK(!gc_error_request_sent(err));
    gc_error_free(err);
    CHECK(GC_ERROR_UNKNOWN == GC_ERROR_INTERNAL); /* the former name still compiles */
    CHECK_OK(gc_images_list_page(f->client, NULL, &page, &err), err);
    gc_page_free(page);
}

int main(void) {
    fixture f;
    every_code_has_specs_name();
    accessors_accept_null();
    f = fixture_start();
    invalid_arguments_are_refused_before_sending(&f);
    errors_from_the_server_carry_their_fields(&f);
    wait_timeout_reports_progress(&f);
    token_never_appears_in_an_error(&f);
    a_panic_is_internal_and_the_process_survives(&f);
    fixture_stop(&f);
    printf("test_errors: ok\n");
    return 0;
}
