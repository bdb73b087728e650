/* Hostile arguments at the C boundary: invalid UTF-8, megabyte strings,
 * NULL for every pointer parameter, out-of-range numbers and enums, bodies
 * that are not JSON or nest 10,000 levels deep. Each must come back as the
 * right status with a message naming the parameter; none may crash, hang
 * or leak (make test-c runs this under valgrind). */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "gc_test.h"

/* Checks that `status` is `code`, that the error agrees and that its
 * message mentions `needle`; frees the error. */
#define CHECK_REFUSED(status, err, code, needle)                                       \
    do {                                                                               \
        gc_status r_ = (status);                                                       \
        const char *m_ = gc_error_message(err);                                        \
        if (r_ != (code) || gc_error_code(err) != (code) || m_ == NULL ||              \
            strstr(m_, (needle)) == NULL) {                                            \
            fprintf(stderr, "%s:%d: %s returned %s (%s), expected %s naming %s\n",     \
                    __FILE__, __LINE__, #status, gc_error_code_name(r_),               \
                    m_ ? m_ : "(no error)", gc_error_code_name(code), (needle));       \
            exit(1);                                                                   \
        }                                                                              \
        CHECK(gc_error_attempts(err) == 0);                                            \
        CHECK(!gc_error_request_sent(err));                                            \
        gc_error_free(err);                                                            \
        (err) = NULL;                                                                  \
    } while (0)

#define INVALID GC_ERROR_INVALID_ARGUMENT

static const char *const BAD_UTF8[] = {
    "\xff\xfe",         /* bytes that never occur in UTF-8 */
    "abc\xc3",          /* a sequence cut short */
    "\xed\xa0\x80",     /* an encoded surrogate (CESU-8) */
    "\xc0\xaf",         /* an overlong '/' */
};
#define N_BAD_UTF8 (sizeof BAD_UTF8 / sizeof BAD_UTF8[0])

/* A heap string of `len` copies of `c`. */
static char *repeat(char c, size_t len) {
    char *s = malloc(len + 1);
    CHECK(s != NULL);
    memset(s, c, len);
    s[len] = '\0';
    return s;
}

/* `prefix`, `depth` opening brackets, `depth` closing ones, `suffix`. */
static char *nested(const char *prefix, size_t depth, const char *suffix) {
    size_t lp = strlen(prefix), ls = strlen(suffix);
    char *s = malloc(lp + 2 * depth + ls + 1);
    CHECK(s != NULL);
    memcpy(s, prefix, lp);
    memset(s + lp, '[', depth);
    memset(s + lp + depth, ']', depth);
    memcpy(s + lp + 2 * depth, suffix, ls + 1);
    return s;
}

static void invalid_utf8_is_refused(fixture *f) {
    gc_client_options o;
    gc_client *client = NULL;
    gc_object *obj = NULL;
    gc_page *page = NULL;
    gc_strings *strings = NULL;
    gc_error *err = NULL;
    gc_list_params params = gc_list_params_default();
    char body[64];
    char *id = first_instance_id(f->client);
    size_t i;

    for (i = 0; i < N_BAD_UTF8; ++i) {
        const char *bad = BAD_UTF8[i];
        CHECK_REFUSED(gc_instances_get(f->client, bad, &obj, &err), err, INVALID, "`id`");
        CHECK(obj == NULL);
        CHECK_REFUSED(gc_volumes_delete(f->client, bad, &err), err, INVALID, "`id`");
        CHECK_REFUSED(gc_instances_actions(f->client, bad, &strings, &err), err, INVALID,
                      "`id`");
        CHECK_REFUSED(gc_instances_perform_action(f->client, id, bad, &err), err, INVALID,
                      "`action`");
        CHECK_REFUSED(gc_instances_wait_until(f->client, id, bad, NULL, &obj, &err), err,
                      INVALID, "`status`");
        CHECK_REFUSED(gc_availability(f->client, bad, NULL, &obj, &err), err, INVALID,
                      "`region`");

        /* A name inside a body: the whole body is not UTF-8. */
        snprintf(body, sizeof body, "{\"name\": \"%s\"}", bad);
        CHECK_REFUSED(gc_ssh_keys_update(f->client, id, body, &obj, &err), err, INVALID,
                      "`body_json`");

        params.image_type = bad;
        CHECK_REFUSED(gc_images_list_page(f->client, &params, &page, &err), err, INVALID,
                      "`image_type`");
        CHECK(page == NULL);

        o = gc_client_options_default();
        o.base_url = gc_emulator_base_url(f->emu);
        o.token = bad;
        CHECK_REFUSED(gc_client_new(&o, &client, &err), err, INVALID, "`token`");
        CHECK(client == NULL);
        o.token = gc_emulator_token(f->emu);
        o.base_url = bad;
        CHECK_REFUSED(gc_client_new(&o, &client, &err), err, INVALID, "`base_url`");
        CHECK(client == NULL);
    }
    free(id);
}

static void megabyte_strings_are_refused_or_answered(fixture *f) {
    const size_t mib = 1024 * 1024;
    char *huge = repeat('a', mib);
    char *body = malloc(mib + 64);
    gc_client_options o = gc_client_options_default();
    gc_client *client = NULL;
    gc_object *obj = NULL;
    gc_error *err = NULL;
    char *id = first_instance_id(f->client);

    /* Ids are checked before sending: real ones are 36 characters. */
    CHECK_REFUSED(gc_instances_get(f->client, huge, &obj, &err), err, INVALID, "id");
    CHECK_REFUSED(gc_snapshots_delete(f->client, huge, &err), err, INVALID, "id");
    CHECK_REFUSED(gc_volumes_update(f->client, huge, "{\"name\": \"v\"}", &obj, &err), err,
                  INVALID, "id");
    CHECK_REFUSED(gc_instances_wait_until(f->client, huge, "active", NULL, &obj, &err), err,
                  INVALID, "id");

    /* Free text goes to the server, which refuses a body over 1 MiB. */
    CHECK(body != NULL);
    snprintf(body, mib + 64, "{\"name\": \"%s\"}", huge);
    CHECK_ERR(gc_instances_update(f->client, id, body, &obj, &err), err, GC_ERROR_API_ERROR);
    CHECK(obj == NULL);

    /* A megabyte token is a valid header value; the server refuses it. */
    o.base_url = gc_emulator_base_url(f->emu);
    o.token = huge;
    o.max_retries = 0;
    CHECK_OK(gc_client_new(&o, &client, &err), err);
    CHECK(gc_instances_get(client, id, &obj, &err) != GC_OK);
    CHECK(err != NULL && strstr(gc_error_message(err), huge) == NULL);
    gc_error_free(err);
    err = NULL;
    gc_client_free(client);

    free(id);
    free(body);
    free(huge);
}

static void null_pointers_name_the_parameter(fixture *f) {
    gc_client *client = NULL;
    gc_object *obj = NULL;
    gc_page *page = NULL;
    gc_pager *pager = NULL;
    gc_strings *strings = NULL;
    gc_array *array = NULL;
    gc_emulator *emu = NULL;
    gc_error *err = NULL;
    char *json = NULL;
    char *id = first_instance_id(f->client);
    gc_client *c = f->client;

    /* Out-parameters. */
    CHECK_REFUSED(gc_client_new(NULL, NULL, &err), err, INVALID, "`out`");
    CHECK_REFUSED(gc_instances_get(c, id, NULL, &err), err, INVALID, "`out`");
    CHECK_REFUSED(gc_images_list_page(c, NULL, NULL, &err), err, INVALID, "`out`");
    CHECK_REFUSED(gc_images_list(c, NULL, NULL, &err), err, INVALID, "`out`");
    CHECK_REFUSED(gc_instances_actions(c, id, NULL, &err), err, INVALID, "`out`");
    CHECK_REFUSED(gc_quotas(c, NULL, &err), err, INVALID, "`out`");
    CHECK_REFUSED(gc_emulator_start(NULL, &err), err, INVALID, "`out`");
    CHECK_REFUSED(gc_emulator_requests_json(f->emu, NULL, &err), err, INVALID, "`out`");

    /* Handles. */
    CHECK_REFUSED(gc_instances_get(NULL, id, &obj, &err), err, INVALID, "`client`");
    CHECK_REFUSED(gc_images_list_page(NULL, NULL, &page, &err), err, INVALID, "`client`");
    CHECK_REFUSED(gc_images_list(NULL, NULL, &pager, &err), err, INVALID, "`client`");
    CHECK_REFUSED(gc_instances_delete(NULL, id, &err), err, INVALID, "`client`");
    CHECK_REFUSED(gc_reservations(NULL, &array, &err), err, INVALID, "`client`");
    CHECK_REFUSED(gc_pager_next(NULL, &obj, &err), err, INVALID, "`pager`");
    CHECK_REFUSED(gc_emulator_reset(NULL, NULL, &err), err, INVALID, "`emu`");
    CHECK_REFUSED(gc_emulator_inject_fault(NULL, "{\"kind\": \"drop\"}", &err), err, INVALID,
                  "`emu`");
    CHECK_REFUSED(gc_emulator_requests_json(NULL, &json, &err), err, INVALID, "`emu`");
    CHECK_REFUSED(gc_emulator_seed(NULL, "images", 1, &err), err, INVALID, "`emu`");
    CHECK_REFUSED(gc_emulator_configure(NULL, 0, 0, 0, &err), err, INVALID, "`emu`");

    /* Strings. */
    CHECK_REFUSED(gc_instances_get(c, NULL, &obj, &err), err, INVALID, "`id`");
    CHECK_REFUSED(gc_ssh_keys_delete(c, NULL, &err), err, INVALID, "`id`");
    CHECK_REFUSED(gc_instances_update(c, NULL, "{}", &obj, &err), err, INVALID, "`id`");
    CHECK_REFUSED(gc_instances_update(c, id, NULL, &obj, &err), err, INVALID, "`body_json`");
    CHECK_REFUSED(gc_instances_create(c, NULL, &obj, &err), err, INVALID, "`body_json`");
    CHECK_REFUSED(gc_instances_create_snapshot(c, id, NULL, &obj, &err), err, INVALID,
                  "`body_json`");
    CHECK_REFUSED(gc_instances_perform_action(c, id, NULL, &err), err, INVALID, "`action`");
    CHECK_REFUSED(gc_instances_wait_until(c, id, NULL, NULL, &obj, &err), err, INVALID,
                  "`status`");
    CHECK_REFUSED(gc_availability(c, NULL, NULL, &obj, &err), err, INVALID, "`region`");
    CHECK_REFUSED(gc_emulator_inject_fault(f->emu, NULL, &err), err, INVALID, "`fault_json`");
    CHECK_REFUSED(gc_emulator_seed(f->emu, NULL, 1, &err), err, INVALID, "`resource`");

    /* Without an error out-parameter the status alone reports it, and
     * nothing leaks. */
    CHECK(gc_instances_get(NULL, NULL, NULL, NULL) == INVALID);
    CHECK(gc_instances_update(c, id, NULL, &obj, NULL) == INVALID);
    CHECK(gc_pager_next(NULL, NULL, NULL) == INVALID);

    /* Optional pointers: NULL means the default. */
    CHECK_OK(gc_images_list_page(c, NULL, &page, &err), err);
    gc_page_free(page);
    CHECK_OK(gc_instances_wait_until(c, id, "active", NULL, &obj, &err), err);
    gc_object_free(obj);
    obj = NULL;

    /* Accessors answer their documented empty value. */
    CHECK(gc_error_code(NULL) == GC_OK);
    CHECK(gc_error_message(NULL) == NULL);
    CHECK(gc_error_api_code(NULL) == NULL);
    CHECK(gc_error_request_id(NULL) == NULL);
    CHECK(gc_error_http_status(NULL) == 0);
    CHECK(gc_error_retry_after(NULL) == -1.0);
    CHECK(gc_error_attempts(NULL) == 0);
    CHECK(!gc_error_request_sent(NULL));
    CHECK(!gc_error_has_wait_progress(NULL));
    CHECK(gc_error_wait_last_status(NULL) == NULL);
    CHECK(gc_error_wait_polls(NULL) == 0);
    CHECK(gc_error_wait_elapsed_ms(NULL) == 0);
    CHECK(gc_object_id(NULL) == NULL);
    CHECK(gc_object_name(NULL) == NULL);
    CHECK(gc_object_status(NULL) == NULL);
    CHECK(gc_object_created_at(NULL) == NULL);
    CHECK(gc_object_region(NULL) == NULL);
    CHECK(gc_object_json(NULL) == NULL);
    CHECK(gc_page_len(NULL) == 0);
    CHECK(gc_page_get(NULL, 0) == NULL);
    CHECK(gc_page_total_count(NULL) == 0);
    CHECK(gc_page_number(NULL) == 0);
    CHECK(gc_page_per_page(NULL) == 0);
    CHECK(gc_pager_total_count(NULL) == -1);
    CHECK(gc_array_len(NULL) == 0);
    CHECK(gc_array_get(NULL, 0) == NULL);
    CHECK(gc_strings_len(NULL) == 0);
    CHECK(gc_strings_get(NULL, 0) == NULL);
    CHECK(gc_emulator_base_url(NULL) == NULL);
    CHECK(gc_emulator_root_url(NULL) == NULL);
    CHECK(gc_emulator_token(NULL) == NULL);
    gc_emulator_clear_faults(NULL);
    gc_emulator_clear_requests(NULL);

    /* Every _free accepts NULL. */
    gc_error_free(NULL);
    gc_client_free(NULL);
    gc_object_free(NULL);
    gc_array_free(NULL);
    gc_strings_free(NULL);
    gc_string_free(NULL);
    gc_page_free(NULL);
    gc_pager_free(NULL);
    gc_emulator_stop(NULL);

    CHECK(client == NULL && obj == NULL && strings == NULL && emu == NULL && json == NULL);
    free(id);
}

static void out_of_range_numbers_and_enums_are_refused(fixture *f) {
    gc_client_options o;
    gc_client *client = NULL;
    gc_page *page = NULL;
    gc_object *obj = NULL;
    gc_error *err = NULL;
    gc_list_params params;
    gc_wait_options wait;
    char *id = first_instance_id(f->client);
    int i;

    for (i = 0; i < 10; ++i) {
        const char *needle = "";
        o = gc_client_options_default();
        o.token = gc_emulator_token(f->emu);
        o.base_url = gc_emulator_base_url(f->emu);
        switch (i) {
            case 0: o.auth_scheme = -1; needle = "auth_scheme"; break;
            case 1: o.auth_scheme = 2; needle = "auth_scheme"; break;
            case 2: o.auth_scheme = INT32_MAX; needle = "auth_scheme"; break;
            case 3: o.per_page = UINT32_MAX; needle = "per_page"; break;
            case 4: o.concurrency = UINT32_MAX; needle = "concurrency"; break;
            case 5: o.max_requests_per_second = NAN; needle = "max_requests_per_second"; break;
            case 6: o.max_requests_per_second = INFINITY; needle = "max_requests_per_second"; break;
            case 7: o.max_requests_per_second = -DBL_MAX; needle = "max_requests_per_second"; break;
            case 8: o.connect_timeout_ms = 0; needle = "connect timeout"; break;
            case 9: o.timeout_ms = 0; needle = "timeout"; break;
        }
        CHECK_REFUSED(gc_client_new(&o, &client, &err), err, INVALID, needle);
        CHECK(client == NULL);
    }

    /* The largest times are accepted and do not overflow a clock. */
    o = gc_client_options_default();
    o.token = gc_emulator_token(f->emu);
    o.base_url = gc_emulator_base_url(f->emu);
    o.timeout_ms = UINT64_MAX;
    o.connect_timeout_ms = UINT64_MAX;
    o.deadline_ms = UINT64_MAX;
    o.max_retries = UINT32_MAX;
    o.max_requests_per_second = DBL_MAX;
    CHECK_OK(gc_client_new(&o, &client, &err), err);
    CHECK_OK(gc_instances_get(client, id, &obj, &err), err);
    gc_object_free(obj);
    obj = NULL;
    gc_client_free(client);

    params = gc_list_params_default();
    params.page = INT64_MAX;
    CHECK_REFUSED(gc_images_list_page(f->client, &params, &page, &err), err, INVALID, "page");
    params = gc_list_params_default();
    params.per_page = (int64_t)UINT32_MAX + 1;
    CHECK_REFUSED(gc_images_list_page(f->client, &params, &page, &err), err, INVALID,
                  "per_page");
    params.per_page = 0;
    CHECK_REFUSED(gc_images_list_page(f->client, &params, &page, &err), err, INVALID,
                  "per_page");
    params.per_page = 101;
    CHECK_REFUSED(gc_images_list_page(f->client, &params, &page, &err), err, INVALID,
                  "per_page");
    params = gc_list_params_default();
    params.page = 0;
    CHECK_REFUSED(gc_images_list_page(f->client, &params, &page, &err), err, INVALID, "page");
    params = gc_list_params_default();
    params.image_type = "cloud-image";
    CHECK_REFUSED(gc_volumes_list_page(f->client, &params, &page, &err), err, INVALID,
                  "image_type");
    CHECK(page == NULL);

    wait = gc_wait_options_default();
    wait.interval_ms = 0;
    CHECK_REFUSED(gc_instances_wait_until(f->client, id, "stopped", &wait, &obj, &err), err,
                  INVALID, "interval");
    /* Huge times: the instance is already active, so this returns at once. */
    wait.timeout_ms = UINT64_MAX;
    wait.interval_ms = UINT64_MAX;
    wait.max_interval_ms = UINT64_MAX;
    CHECK_OK(gc_instances_wait_until(f->client, id, "active", &wait, &obj, &err), err);
    gc_object_free(obj);
    obj = NULL;

    /* Indexes past the end are NULL, codes past the table "unknown". */
    CHECK_OK(gc_images_list_page(f->client, NULL, &page, &err), err);
    CHECK(gc_page_get(page, SIZE_MAX) == NULL);
    CHECK(gc_page_get(page, gc_page_len(page)) == NULL);
    gc_page_free(page);
    CHECK_STR(gc_error_code_name(-1), "unknown");
    CHECK_STR(gc_error_code_name(INT32_MAX), "unknown");
    CHECK_STR(gc_error_code_name(INT32_MIN), "unknown");

    /* Log levels outside the enumeration are clamped, not refused. */
    gc_set_log_callback(NULL, NULL, INT32_MIN);
    gc_set_log_callback(NULL, NULL, INT32_MAX);

    CHECK_REFUSED(gc_emulator_configure(f->emu, GC_UNSET, GC_UNSET, INT64_MAX, &err), err,
                  INVALID, "rate_limit");
    CHECK_REFUSED(gc_emulator_reset(f->emu, "bogus", &err), err, INVALID, "`seed`");
    CHECK_REFUSED(gc_emulator_seed(f->emu, "bogus", 1, &err), err, INVALID, "bogus");
    CHECK_REFUSED(gc_emulator_seed(f->emu, "images", SIZE_MAX, &err), err, INVALID,
                  "items per call");
    free(id);
}

static void bodies_that_are_not_json_objects_are_refused(fixture *f) {
    static const char *const not_json[] = {
        "", "{", "{\"name\": }", "{\"name\": \"x\"} trailing", "{'name': 'x'}", "NaN",
        "{\"name\": \"x\",}", "{\"name\": \"\\ud800\"}",
    };
    static const char *const not_objects[] = {"[]", "\"name\"", "null", "42", "true"};
    gc_object *obj = NULL;
    gc_error *err = NULL;
    char *id = first_instance_id(f->client);
    char *deep;
    size_t i;

    gc_emulator_clear_requests(f->emu);
    for (i = 0; i < sizeof not_json / sizeof not_json[0]; ++i) {
        CHECK_REFUSED(gc_ssh_keys_create(f->client, not_json[i], &obj, &err), err, INVALID,
                      "invalid arguments: ");
        CHECK_REFUSED(gc_instances_update(f->client, id, not_json[i], &obj, &err), err,
                      INVALID, "invalid arguments: ");
        CHECK(obj == NULL);
    }
    for (i = 0; i < sizeof not_objects / sizeof not_objects[0]; ++i) {
        CHECK_REFUSED(gc_volumes_create(f->client, not_objects[i], &obj, &err), err, INVALID,
                      "invalid arguments: invalid type");
    }
    /* A required field missing or mistyped. */
    CHECK_REFUSED(gc_ssh_keys_create(f->client, "{\"name\": \"k\"}", &obj, &err), err, INVALID,
                  "value");
    CHECK_REFUSED(gc_ssh_keys_create(f->client, "{\"name\": 5, \"value\": \"v\"}", &obj, &err),
                  err, INVALID, "invalid argument `name`: invalid type: integer `5`, expected a string");

    /* 10,000 levels: refused by the core's depth check (a scan that needs no
     * stack) before any parser recurses, whether the nesting is the whole
     * body or a field, in the words every language uses. */
    deep = nested("", 10000, "");
    CHECK_REFUSED(gc_instances_create(f->client, deep, &obj, &err), err, INVALID,
                  "invalid arguments: nests lists or objects more than 64 levels deep");
    free(deep);
    deep = nested("{\"name\": \"x\", \"extra\": ", 10000, "}");
    CHECK_REFUSED(gc_instances_update(f->client, id, deep, &obj, &err), err, INVALID,
                  "invalid argument `extra`: nests lists or objects more than 64 levels deep");
    CHECK_REFUSED(gc_emulator_inject_fault(f->emu, deep, &err), err, INVALID, "`extra`: nests");
    free(deep);

    CHECK_REFUSED(gc_emulator_inject_fault(f->emu, "{\"kind\": \"bogus\"}", &err), err,
                  INVALID, "bogus");
    /* None of these reached the server. */
    CHECK(requests_logged(f->emu) == 0);
    free(id);
}

static void control_characters_in_ids_are_refused(fixture *f) {
    static const char *const bad_ids[] = {"\x01", "ab\ncd", "\x7f", " ", "..", "."};
    gc_object *obj = NULL;
    gc_error *err = NULL;
    size_t i;
    gc_emulator_clear_requests(f->emu);
    for (i = 0; i < sizeof bad_ids / sizeof bad_ids[0]; ++i) {
        CHECK_REFUSED(gc_instances_get(f->client, bad_ids[i], &obj, &err), err, INVALID, "id");
        CHECK_REFUSED(gc_floating_ips_delete(f->client, bad_ids[i], &err), err, INVALID, "id");
    }
    /* None of these reached the server. */
    CHECK(requests_logged(f->emu) == 0);
}

int main(void) {
    fixture f = fixture_start();
    invalid_utf8_is_refused(&f);
    megabyte_strings_are_refused_or_answered(&f);
    null_pointers_name_the_parameter(&f);
    out_of_range_numbers_and_enums_are_refused(&f);
    bodies_that_are_not_json_objects_are_refused(&f);
    control_characters_in_ids_are_refused(&f);
    fixture_stop(&f);
    printf("test_hostile: ok\n");
    return 0;
}
