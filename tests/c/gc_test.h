/*
 * What every C test shares: a CHECK macro that names the failing line, and
 * the emulator + client fixture. Header-only so that each test_*.c builds
 * on its own.
 */
#ifndef GC_TEST_H
#define GC_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <genesiscloud.h>

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);  \
            exit(1);                                                                   \
        }                                                                              \
    } while (0)

#define CHECK_STR(actual, expected)                                                    \
    do {                                                                               \
        const char *a_ = (actual);                                                     \
        const char *e_ = (expected);                                                   \
        if (a_ == NULL || strcmp(a_, e_) != 0) {                                       \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__,        \
                    __LINE__, #actual, a_ ? a_ : "(null)", e_);                        \
            exit(1);                                                                   \
        }                                                                              \
    } while (0)

/* Fails the test, printing the error, unless `status` is GC_OK. */
#define CHECK_OK(status, err)                                                          \
    do {                                                                               \
        gc_status s_ = (status);                                                       \
        if (s_ != GC_OK) {                                                             \
            fprintf(stderr, "%s:%d: %s: %s: %s\n", __FILE__, __LINE__, #status,        \
                    gc_error_code_name(s_), gc_error_message(err));                    \
            exit(1);                                                                   \
        }                                                                              \
    } while (0)

/* Checks that `status` is the error `code`, that the error object agrees,
 * and frees it. */
#define CHECK_ERR(status, err, code)                                                   \
    do {                                                                               \
        gc_status s_ = (status);                                                       \
        if (s_ != (code) || gc_error_code(err) != (code)) {                            \
            fprintf(stderr, "%s:%d: %s returned %s (%s), expected %s\n", __FILE__,     \
                    __LINE__, #status, gc_error_code_name(s_), gc_error_message(err),  \
                    gc_error_code_name(code));                                         \
            exit(1);                                                                   \
        }                                                                              \
        gc_error_free(err);                                                            \
        (err) = NULL;                                                                  \
    } while (0)

/* An emulator with instant lifecycles, and a client of it. */
typedef struct {
    gc_emulator *emu;
    gc_client *client;
} fixture;

static inline gc_client *fixture_client(gc_emulator *emu, gc_client_options options) {
    gc_client *client = NULL;
    gc_error *err = NULL;
    options.base_url = gc_emulator_base_url(emu);
    if (options.token == NULL) options.token = gc_emulator_token(emu);
    CHECK_OK(gc_client_new(&options, &client, &err), err);
    return client;
}

static inline fixture fixture_start(void) {
    fixture f;
    gc_error *err = NULL;
    f.emu = NULL;
    CHECK_OK(gc_emulator_start(&f.emu, &err), err);
    CHECK_OK(gc_emulator_configure(f.emu, 0, GC_UNSET, GC_UNSET, &err), err);
    f.client = fixture_client(f.emu, gc_client_options_default());
    return f;
}

static inline void fixture_stop(fixture *f) {
    gc_client_free(f->client);
    gc_emulator_stop(f->emu);
}

/* An instance that exists (the first listed), to free with free(). */
static inline char *first_instance_id(const gc_client *client) {
    gc_page *page = NULL;
    gc_error *err = NULL;
    char *id;
    CHECK_OK(gc_instances_list_page(client, NULL, &page, &err), err);
    CHECK(gc_page_len(page) > 0);
    id = strdup(gc_object_id(gc_page_get(page, 0)));
    gc_page_free(page);
    return id;
}

/* How many /compute/v1 requests the emulator logged since the last clear. */
static inline size_t requests_logged(gc_emulator *emu) {
    char *json = NULL;
    gc_error *err = NULL;
    size_t count = 0;
    const char *p;
    CHECK_OK(gc_emulator_requests_json(emu, &json, &err), err);
    for (p = json; (p = strstr(p, "\"seq\":")) != NULL; ++p) ++count;
    gc_string_free(json);
    return count;
}

#endif
