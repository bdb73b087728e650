/*
 * The C runner of the shared conformance suite: every *.json scenario of
 * the folder given as argv[1] (tests/conformance by default) goes through
 * the public C API against the bundled emulator; the first mismatch of a
 * scenario is reported with its file, step and key. See
 * tests/conformance/README.md for the format. With CONFORMANCE_REPORT set,
 * one JSON line per scenario (file, passed, message) is appended to that
 * file (the fault matrix of tests/faults/ reads them). With
 * GENESISCLOUD_LOG set (trace, debug, info, warn, error), the library's log
 * at that level goes to stderr, for the fault matrix's canary-token scan.
 * With GC_CONFORMANCE_QUEUE=1 every call but a lazy list goes through a
 * gc_queue (its gc_queue_ function, then gc_queue_run) instead of its
 * blocking function, and the report names the client "gc_queue".
 */
#include <dirent.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <genesiscloud.h>
#include "gc_log_env.h"

/* ---- the run's state and failure reporting ---- */

typedef struct {
    gc_emulator *emu;
    gc_emulator *second; /* the "$second_root" of redirect scenarios */
    gc_client *client;
    cJSON *saved; /* results saved by earlier steps, by name */
    const char *file;
    int step;
    const char *call;
    int failed;
    char message[1024]; /* the first mismatch of the current scenario */
    /* A step's "progress": what the wait's callback was told. */
    const cJSON *progress;  /* the step's "progress", or NULL */
    double stop_at_poll;    /* 0: never stop */
    int progress_calls;
    int progress_disorder;  /* a poll out of order or time going back */
    uint64_t last_elapsed_ms;
    cJSON *statuses;        /* the statuses told, repeats collapsed, null for 404 */
    /* A step with "responses": true: the raw answers its on_response
     * callback was given, as the Rust runner's response_json() shapes
     * them, and whether one came on another thread than the call's. */
    cJSON *responses;
    pthread_t caller;
    int responses_elsewhere;
} runner;

static int fail(runner *r, const char *key, const char *fmt, ...) {
    va_list args;
    int n;
    if (r->failed) return 0;
    r->failed = 1;
    n = snprintf(r->message, sizeof r->message, "%s: step %d (%s): %s: ", r->file, r->step,
                 r->call ? r->call : "-", key);
    va_start(args, fmt);
    if (n > 0 && (size_t)n < sizeof r->message) vsnprintf(r->message + n, sizeof r->message - (size_t)n, fmt, args);
    va_end(args);
    fprintf(stderr, "FAIL %s\n", r->message);
    return 0;
}

static int fail_error(runner *r, const char *key, gc_error *err) {
    return fail(r, key, "%s: %s", gc_error_code_name(gc_error_code(err)), gc_error_message(err));
}

/* ---- "$name.field" references ---- */

static cJSON *resolve(runner *r, const cJSON *value);

/* "$repeat:N:text": `text` N times. */
static cJSON *repeat(runner *r, const char *spec) {
    char *text, *end;
    unsigned long count = strtoul(spec, &end, 10);
    size_t len, i;
    cJSON *out;
    if (end == spec || *end != ':') {
        fail(r, "reference", "expected $repeat:N:text, got $repeat:%s", spec);
        return cJSON_CreateNull();
    }
    ++end;
    len = strlen(end);
    text = malloc(count * len + 1);
    if (text == NULL) return cJSON_CreateNull();
    for (i = 0; i < count; ++i) memcpy(text + i * len, end, len);
    text[count * len] = '\0';
    out = cJSON_CreateString(text);
    free(text);
    return out;
}

static cJSON *lookup(runner *r, const char *ref) {
    char buf[256];
    char *part, *rest;
    const cJSON *at;
    if (strncmp(ref, "$repeat:", 8) == 0) return repeat(r, ref + 8);
    if (strcmp(ref, "$emulator_root") == 0) return cJSON_CreateString(gc_emulator_root_url(r->emu));
    if (strcmp(ref, "$second_root") == 0) return cJSON_CreateString(gc_emulator_root_url(r->second));
    if (strcmp(ref, "$emulator_token") == 0) return cJSON_CreateString(gc_emulator_token(r->emu));
    snprintf(buf, sizeof buf, "%s", ref + 1);
    part = strtok_r(buf, ".", &rest);
    at = part ? cJSON_GetObjectItemCaseSensitive(r->saved, part) : NULL;
    while (at != NULL && (part = strtok_r(NULL, ".", &rest)) != NULL) {
        at = cJSON_IsArray(at) ? cJSON_GetArrayItem(at, atoi(part)) : cJSON_GetObjectItemCaseSensitive(at, part);
    }
    if (at == NULL) {
        fail(r, "reference", "cannot resolve %s", ref);
        return cJSON_CreateNull();
    }
    return cJSON_Duplicate(at, 1);
}

/* A deep copy of `value` with every "$..." string replaced. */
static cJSON *resolve(runner *r, const cJSON *value) {
    cJSON *copy;
    const cJSON *child;
    if (cJSON_IsString(value) && value->valuestring[0] == '$') return lookup(r, value->valuestring);
    if (cJSON_IsArray(value)) {
        copy = cJSON_CreateArray();
        cJSON_ArrayForEach(child, value) cJSON_AddItemToArray(copy, resolve(r, child));
        return copy;
    }
    if (cJSON_IsObject(value)) {
        copy = cJSON_CreateObject();
        cJSON_ArrayForEach(child, value) cJSON_AddItemToObject(copy, child->string, resolve(r, child));
        return copy;
    }
    return cJSON_Duplicate(value, 1);
}

/* ---- arguments ---- */

static const char *arg_str(const cJSON *args, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int arg_num(const cJSON *args, const char *key, double *out) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, key);
    if (!cJSON_IsNumber(v)) return 0;
    *out = v->valuedouble;
    return 1;
}

static gc_list_params list_params(const cJSON *args) {
    gc_list_params p = gc_list_params_default();
    double n;
    if (arg_num(args, "page", &n)) p.page = (int64_t)n;
    if (arg_num(args, "per_page", &n)) p.per_page = (int64_t)n;
    p.image_type = arg_str(args, "type");
    return p;
}

static int32_t record_progress(const gc_wait_progress *p, void *userdata);

/* The runner of the step being run, for wait_options(): the rendered calls
 * (conformance_calls.h) read only the step's arguments. */
static runner *current;

/* Scenarios poll fast unless they say otherwise: 50 ms growing to four
 * times that, as in every other runner. A step with "progress" records
 * what the wait tells its callback. */
static gc_wait_options wait_options(const cJSON *args) {
    gc_wait_options w = gc_wait_options_default();
    if (current != NULL && current->progress != NULL) {
        w.on_progress = record_progress;
        w.userdata = current;
    }
    double n;
    if (arg_num(args, "timeout_ms", &n)) w.timeout_ms = (uint64_t)n;
    w.interval_ms = arg_num(args, "interval_ms", &n) ? (uint64_t)n : 50;
    w.max_interval_ms = 4 * w.interval_ms;
    return w;
}

/* The progress callback of a step with "progress": records what it is told
 * and returns nonzero (stops the wait) at poll "stop_at_poll". */
static int32_t record_progress(const gc_wait_progress *p, void *userdata) {
    runner *r = userdata;
    cJSON *last = cJSON_GetArrayItem(r->statuses, cJSON_GetArraySize(r->statuses) - 1);
    r->progress_calls++;
    if (p->polls != (uint32_t)r->progress_calls || p->elapsed_ms < r->last_elapsed_ms) r->progress_disorder = 1;
    r->last_elapsed_ms = p->elapsed_ms;
    if (p->status == NULL ? !cJSON_IsNull(last) : !cJSON_IsString(last) || strcmp(last->valuestring, p->status) != 0)
        cJSON_AddItemToArray(r->statuses, p->status ? cJSON_CreateString(p->status) : cJSON_CreateNull());
    return r->stop_at_poll > 0 && p->polls >= r->stop_at_poll ? 1 : 0;
}

/* Checks what the callback was told against "expect.progress", and that a
 * stop ended the wait with the callback's own GC_ERROR_CANCELLED. */
static int check_progress(runner *r, const cJSON *expected, gc_status status, gc_error *err) {
    const cJSON *v;
    if (r->progress_disorder) return fail(r, "progress", "polls out of order, or the time waited went back");
    if (r->stop_at_poll > 0 &&
        (status != GC_ERROR_CANCELLED || strstr(gc_error_message(err), "stopped the wait: it returned 1") == NULL))
        return fail(r, "progress", "the wait did not end with the callback's stop: %s", gc_error_code_name(status));
    if ((v = cJSON_GetObjectItemCaseSensitive(expected, "statuses")) != NULL && !cJSON_Compare(v, r->statuses, 1)) {
        char *got = cJSON_PrintUnformatted(r->statuses);
        fail(r, "progress.statuses", "got %s", got);
        cJSON_free(got);
        return 0;
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(expected, "polls")) != NULL && v->valuedouble != r->progress_calls)
        return fail(r, "progress.polls", "expected %g, got %d", v->valuedouble, r->progress_calls);
    if ((v = cJSON_GetObjectItemCaseSensitive(expected, "min_polls")) != NULL && r->progress_calls < v->valuedouble)
        return fail(r, "progress.min_polls", "expected at least %g, got %d", v->valuedouble, r->progress_calls);
    return 1;
}

/* The body of a create/update: the args without "id". Free with cJSON_free. */
static char *body(const cJSON *args) {
    cJSON *copy = cJSON_Duplicate(args, 1);
    char *text;
    cJSON_DeleteItemFromObjectCaseSensitive(copy, "id");
    text = cJSON_PrintUnformatted(copy);
    cJSON_Delete(copy);
    return text;
}

/* ---- results as JSON ---- */

static cJSON *object_json(const gc_object *obj) {
    return obj ? cJSON_Parse(gc_object_json(obj)) : cJSON_CreateNull();
}

static cJSON *page_json(const gc_page *page) {
    cJSON *out = cJSON_CreateObject();
    cJSON *items = cJSON_AddArrayToObject(out, "items");
    size_t i;
    for (i = 0; i < gc_page_len(page); ++i) cJSON_AddItemToArray(items, object_json(gc_page_get(page, i)));
    cJSON_AddNumberToObject(out, "total_count", (double)gc_page_total_count(page));
    cJSON_AddNumberToObject(out, "page", (double)gc_page_number(page));
    cJSON_AddNumberToObject(out, "per_page", (double)gc_page_per_page(page));
    return out;
}

static cJSON *array_json(const gc_array *array) {
    cJSON *out = cJSON_CreateArray();
    size_t i;
    for (i = 0; i < gc_array_len(array); ++i) cJSON_AddItemToArray(out, object_json(gc_array_get(array, i)));
    return out;
}

static cJSON *strings_json(const gc_strings *strings) {
    cJSON *out = cJSON_CreateArray();
    size_t i;
    for (i = 0; i < gc_strings_len(strings); ++i) cJSON_AddItemToArray(out, cJSON_CreateString(gc_strings_get(strings, i)));
    return out;
}

/* Drains a pager into an array; on error, frees what it gathered. */
static gc_status drain(gc_pager *pager, cJSON **out, gc_error **err) {
    cJSON *items = cJSON_CreateArray();
    gc_object *item = NULL;
    gc_status status;
    while ((status = gc_pager_next(pager, &item, err)) == GC_OK) {
        cJSON_AddItemToArray(items, object_json(item));
        gc_object_free(item);
    }
    gc_pager_free(pager);
    if (status != GC_DONE) {
        cJSON_Delete(items);
        return status;
    }
    *out = items;
    return GC_OK;
}

/* ---- dispatching a call ---- */

#include "conformance_calls.h"

/* Whether calls go through a gc_queue (GC_CONFORMANCE_QUEUE=1). */
static int queued(void) {
    const char *v = getenv("GC_CONFORMANCE_QUEUE");
    return v != NULL && strcmp(v, "1") == 0;
}

/* Makes the call; on success *result holds its JSON form. Returns -1 for a
 * call this runner does not know. */
static gc_status dispatch(runner *r, const char *call, const cJSON *args, cJSON **result, gc_error **err) {
    size_t i;
    current = r;
    for (i = 0; queued() && i < sizeof gc_queued_calls / sizeof gc_queued_calls[0]; ++i) {
        if (strcmp(gc_queued_calls[i].name, call) == 0) return gc_queued_calls[i].call(r->client, args, result, err);
    }
    for (i = 0; i < sizeof gc_calls / sizeof gc_calls[0]; ++i) {
        if (strcmp(gc_calls[i].name, call) == 0) return gc_calls[i].call(r->client, args, result, err);
    }
    return (gc_status)-1;
}

/* ---- expectations ---- */

/* Where a subset match failed: the path and the two values there. */
typedef struct {
    char path[512];
    const cJSON *expected;
    const cJSON *actual;
} mismatch;

static int matches(const cJSON *expected, const cJSON *actual, mismatch *m);

static int matches_inner(const cJSON *expected, const cJSON *actual, mismatch *m) {
    size_t used = strlen(m->path);
    const cJSON *e;
    if (actual == NULL) return 0;
    if (cJSON_IsObject(expected)) {
        if (!cJSON_IsObject(actual)) return 0;
        cJSON_ArrayForEach(e, expected) {
            snprintf(m->path + used, sizeof m->path - used, ".%s", e->string);
            if (!matches(e, cJSON_GetObjectItemCaseSensitive(actual, e->string), m)) return 0;
        }
        m->path[used] = '\0';
        return 1;
    }
    if (cJSON_IsArray(expected)) {
        int i = 0;
        if (!cJSON_IsArray(actual) || cJSON_GetArraySize(expected) != cJSON_GetArraySize(actual)) return 0;
        cJSON_ArrayForEach(e, expected) {
            snprintf(m->path + used, sizeof m->path - used, "[%d]", i);
            if (!matches(e, cJSON_GetArrayItem(actual, i++), m)) return 0;
        }
        m->path[used] = '\0';
        return 1;
    }
    if (cJSON_IsString(expected)) return cJSON_IsString(actual) && strcmp(expected->valuestring, actual->valuestring) == 0;
    if (cJSON_IsNumber(expected)) return cJSON_IsNumber(actual) && expected->valuedouble == actual->valuedouble;
    if (cJSON_IsBool(expected)) return cJSON_IsBool(actual) && cJSON_IsTrue(expected) == cJSON_IsTrue(actual);
    return cJSON_IsNull(expected) && cJSON_IsNull(actual);
}

/* Subset match (README "expect.result"); on failure `m` holds the deepest
 * place that differs. */
static int matches(const cJSON *expected, const cJSON *actual, mismatch *m) {
    if (matches_inner(expected, actual, m)) return 1;
    if (m->expected == NULL) {
        m->expected = expected;
        m->actual = actual;
    }
    return 0;
}

static int check_subset(runner *r, const char *key, const cJSON *expected, const cJSON *actual) {
    mismatch m;
    char *want, *got;
    memset(&m, 0, sizeof m);
    if (matches(expected, actual, &m)) return 1;
    want = cJSON_PrintUnformatted(m.expected);
    got = m.actual ? cJSON_PrintUnformatted(m.actual) : NULL;
    fail(r, key, "at %s: expected %s, got %.400s", m.path[0] ? m.path : "(top)", want, got ? got : "nothing");
    cJSON_free(want);
    cJSON_free(got);
    return 0;
}

/* The array a count/ids/contains check looks at: the result, or its items. */
static const cJSON *items_of(const cJSON *result) {
    return cJSON_IsObject(result) ? cJSON_GetObjectItemCaseSensitive(result, "items") : result;
}

static int check_error(runner *r, const cJSON *expected, gc_status status, gc_error *err) {
    const cJSON *v;
    if (status == GC_OK) return fail(r, "error", "the call succeeded, expected an error");
    if ((v = cJSON_GetObjectItemCaseSensitive(expected, "code")) != NULL &&
        strcmp(v->valuestring, gc_error_code_name(status)) != 0)
        return fail(r, "error.code", "expected %s, got %s (%s)", v->valuestring, gc_error_code_name(status),
                    gc_error_message(err));
    if ((v = cJSON_GetObjectItemCaseSensitive(expected, "message")) != NULL &&
        strcmp(v->valuestring, gc_error_message(err)) != 0)
        return fail(r, "error.message", "expected \"%s\", got \"%s\"", v->valuestring, gc_error_message(err));
    if ((v = cJSON_GetObjectItemCaseSensitive(expected, "status")) != NULL &&
        v->valuedouble != gc_error_http_status(err))
        return fail(r, "error.status", "expected %g, got %d", v->valuedouble, gc_error_http_status(err));
    if ((v = cJSON_GetObjectItemCaseSensitive(expected, "api_code")) != NULL &&
        (gc_error_api_code(err) == NULL || strcmp(v->valuestring, gc_error_api_code(err)) != 0))
        return fail(r, "error.api_code", "expected %s, got %s", v->valuestring,
                    gc_error_api_code(err) ? gc_error_api_code(err) : "none");
    if ((v = cJSON_GetObjectItemCaseSensitive(expected, "attempts")) != NULL &&
        v->valuedouble != gc_error_attempts(err))
        return fail(r, "error.attempts", "expected %g, got %u", v->valuedouble, gc_error_attempts(err));
    if ((v = cJSON_GetObjectItemCaseSensitive(expected, "request_sent")) != NULL &&
        cJSON_IsTrue(v) != gc_error_request_sent(err))
        return fail(r, "error.request_sent", "expected %s", cJSON_IsTrue(v) ? "true" : "false");
    return 1;
}

static int check_ids(runner *r, const cJSON *expected, const cJSON *items) {
    const cJSON *e;
    int i = 0;
    if (!cJSON_IsArray(items)) return fail(r, "ids", "the result is not a list");
    if (cJSON_GetArraySize(items) != cJSON_GetArraySize(expected))
        return fail(r, "ids", "expected %d ids, got %d", cJSON_GetArraySize(expected), cJSON_GetArraySize(items));
    cJSON_ArrayForEach(e, expected) {
        const char *id = arg_str(cJSON_GetArrayItem(items, i), "id");
        if (id == NULL || strcmp(id, e->valuestring) != 0)
            return fail(r, "ids", "item %d is %s, expected %s", i, id ? id : "without id", e->valuestring);
        ++i;
    }
    return 1;
}

static int check_unique(runner *r, const cJSON *items) {
    const cJSON *a, *b;
    if (!cJSON_IsArray(items)) return fail(r, "unique_ids", "the result is not a list");
    /* Quadratic, but lists in scenarios are a few thousand items at most. */
    cJSON_ArrayForEach(a, items) {
        const char *id = arg_str(a, "id");
        for (b = a->next; b != NULL; b = b->next) {
            const char *other = arg_str(b, "id");
            if (id && other && strcmp(id, other) == 0) return fail(r, "unique_ids", "%s appears twice", id);
        }
    }
    return 1;
}

static int check_contains(runner *r, const cJSON *expected, const cJSON *items) {
    const cJSON *e, *item;
    if (!cJSON_IsArray(items)) return fail(r, "contains", "the result is not a list");
    cJSON_ArrayForEach(e, expected) {
        int found = 0;
        cJSON_ArrayForEach(item, items) {
            mismatch m;
            memset(&m, 0, sizeof m);
            if (matches(e, item, &m)) {
                found = 1;
                break;
            }
        }
        if (!found) {
            char *want = cJSON_PrintUnformatted(e);
            fail(r, "contains", "no item matches %s", want);
            cJSON_free(want);
            return 0;
        }
    }
    return 1;
}

/* The emulator's log of this step, /compute/v1 requests only. */
static int check_requests(runner *r, const char *key, gc_emulator *emu, const cJSON *expected) {
    char *text = NULL;
    gc_error *err = NULL;
    cJSON *log;
    const cJSON *req, *v;
    int count = 0, ok = 1;
    if (gc_emulator_requests_json(emu, &text, &err) != GC_OK) {
        fail_error(r, key, err);
        gc_error_free(err);
        return 0;
    }
    log = cJSON_Parse(text);
    gc_string_free(text);
    cJSON_ArrayForEach(req, log) {
        const char *path = arg_str(req, "path");
        if (path == NULL || strncmp(path, "/compute/v1", 11) != 0) continue;
        ++count;
        if (ok && (v = cJSON_GetObjectItemCaseSensitive(expected, "auth")) != NULL &&
            strcmp(v->valuestring, arg_str(req, "auth")) != 0)
            ok = fail(r, key, "a request used auth %s, expected %s", arg_str(req, "auth"), v->valuestring);
        if (ok && (v = cJSON_GetObjectItemCaseSensitive(expected, "method")) != NULL &&
            strcmp(v->valuestring, arg_str(req, "method")) != 0)
            ok = fail(r, key, "a request used method %s, expected %s", arg_str(req, "method"), v->valuestring);
        cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(expected, "headers")) {
            const char *sent = arg_str(cJSON_GetObjectItemCaseSensitive(req, "headers"), v->string);
            const char *want = cJSON_IsString(v) ? v->valuestring : NULL;
            if (ok && (sent == NULL ? want != NULL : want == NULL || strcmp(sent, want) != 0))
                ok = fail(r, key, "a request sent header %s: %s, expected %s", v->string, sent ? sent : "(none)",
                          want ? want : "(none)");
        }
    }
    cJSON_Delete(log);
    if (ok && (v = cJSON_GetObjectItemCaseSensitive(expected, "count")) != NULL && v->valuedouble != count)
        ok = fail(r, key, "expected %g requests, the emulator saw %d", v->valuedouble, count);
    return ok;
}

/* The on_response callback of a "responses" step: records the answer as
 * the Rust runner's response_json() does (headers as an object of name to
 * value, a name received twice keeping its last value, as a JSON map
 * does), and notes an answer told on another thread than the caller's. */
static void record_response(const gc_response *resp, void *userdata) {
    runner *r = userdata;
    cJSON *o = cJSON_CreateObject(), *headers;
    const char *id = gc_response_request_id(resp);
    size_t i;
    if (!pthread_equal(pthread_self(), r->caller)) r->responses_elsewhere++;
    cJSON_AddStringToObject(o, "method", gc_response_method(resp));
    cJSON_AddStringToObject(o, "path", gc_response_path(resp));
    cJSON_AddNumberToObject(o, "status", gc_response_status(resp));
    headers = cJSON_AddObjectToObject(o, "headers");
    for (i = 0; i < gc_response_header_count(resp); ++i) {
        const char *name = gc_response_header_name(resp, i);
        cJSON *value = cJSON_CreateString(gc_response_header_value(resp, i));
        if (cJSON_GetObjectItemCaseSensitive(headers, name) != NULL)
            cJSON_ReplaceItemInObjectCaseSensitive(headers, name, value);
        else
            cJSON_AddItemToObject(headers, name, value);
    }
    if (id != NULL) cJSON_AddStringToObject(o, "request_id", id);
    else cJSON_AddNullToObject(o, "request_id");
    cJSON_AddNumberToObject(o, "attempts", gc_response_attempts(resp));
    cJSON_AddNumberToObject(o, "elapsed_ms", gc_response_elapsed_ms(resp));
    cJSON_AddItemToArray(r->responses, o);
}

/* "expect.responses", as the Rust runner's check_responses(): how many
 * answers, what each and the last one hold, and request ids that are the
 * answers' own x-request-id and differ. */
static int check_responses(runner *r, const cJSON *expected, const cJSON *got) {
    const cJSON *v, *a, *b;
    int n = cJSON_GetArraySize(got), i = 0;
    char key[64];
    if (r->responses_elsewhere)
        return fail(r, "responses", "%d answers were told on another thread than the call's", r->responses_elsewhere);
    if ((v = cJSON_GetObjectItemCaseSensitive(expected, "count")) != NULL && v->valuedouble != n)
        return fail(r, "responses.count", "expected %g, got %d", v->valuedouble, n);
    if ((v = cJSON_GetObjectItemCaseSensitive(expected, "each")) != NULL) {
        cJSON_ArrayForEach(a, got) {
            snprintf(key, sizeof key, "responses[%d]", i++);
            if (!check_subset(r, key, v, a)) return 0;
        }
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(expected, "last")) != NULL) {
        if (n == 0) return fail(r, "responses.last", "none");
        if (!check_subset(r, "responses.last", v, cJSON_GetArrayItem(got, n - 1))) return 0;
    }
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(expected, "request_ids"))) {
        cJSON_ArrayForEach(a, got) {
            const char *id = arg_str(a, "request_id");
            const char *header = arg_str(cJSON_GetObjectItemCaseSensitive(a, "headers"), "x-request-id");
            int repeated = 0;
            for (b = got->child; id != NULL && b != a; b = b->next) {
                const char *other = arg_str(b, "request_id");
                repeated |= other != NULL && strcmp(other, id) == 0;
            }
            if (id == NULL || *id == '\0' || header == NULL || strcmp(id, header) != 0 || repeated) {
                char *shown = cJSON_PrintUnformatted(a);
                fail(r, "responses.request_ids", "bad or repeated id in %.400s", shown);
                cJSON_free(shown);
                return 0;
            }
        }
    }
    return 1;
}

static void check(runner *r, const cJSON *expect, gc_status status, gc_error *err, const cJSON *result,
                  double elapsed_ms) {
    const cJSON *v;
    if (r->progress != NULL && !check_progress(r, cJSON_GetObjectItemCaseSensitive(expect, "progress"), status, err))
        return;
    if ((v = cJSON_GetObjectItemCaseSensitive(expect, "error")) != NULL) {
        if (!check_error(r, v, status, err)) return;
    } else if (status != GC_OK) {
        if (status == (gc_status)-1) {
            fail(r, "call", "this runner does not know the call");
            return;
        }
        fail_error(r, "error", err);
        return;
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(expect, "result")) != NULL && !check_subset(r, "result", v, result)) return;
    if ((v = cJSON_GetObjectItemCaseSensitive(expect, "count")) != NULL) {
        const cJSON *items = items_of(result);
        if (!cJSON_IsArray(items) || cJSON_GetArraySize(items) != (int)v->valuedouble) {
            fail(r, "count", "expected %g, got %d", v->valuedouble, cJSON_IsArray(items) ? cJSON_GetArraySize(items) : -1);
            return;
        }
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(expect, "ids")) != NULL && !check_ids(r, v, items_of(result))) return;
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(expect, "unique_ids")) && !check_unique(r, items_of(result))) return;
    if ((v = cJSON_GetObjectItemCaseSensitive(expect, "contains")) != NULL && !check_contains(r, v, items_of(result))) return;
    if ((v = cJSON_GetObjectItemCaseSensitive(expect, "min_elapsed_ms")) != NULL && elapsed_ms < v->valuedouble) {
        fail(r, "min_elapsed_ms", "expected at least %g ms, the call took %.0f ms", v->valuedouble, elapsed_ms);
        return;
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(expect, "responses")) != NULL && !check_responses(r, v, r->responses))
        return;
    if ((v = cJSON_GetObjectItemCaseSensitive(expect, "requests")) != NULL && !check_requests(r, "requests", r->emu, v)) return;
    if ((v = cJSON_GetObjectItemCaseSensitive(expect, "second_requests")) != NULL)
        check_requests(r, "second_requests", r->second, v);
}

/* ---- a scenario ---- */

static int setup_emulator(runner *r, const cJSON *config) {
    gc_error *err = NULL;
    const char *seed = arg_str(config, "seed");
    double delay = 0, rate = GC_UNSET;
    const cJSON *synthetic = cJSON_GetObjectItemCaseSensitive(config, "synthetic"), *n;
    arg_num(config, "lifecycle_delay_ms", &delay);
    arg_num(config, "rate_limit", &rate);
    if (gc_emulator_reset(r->emu, seed, &err) != GC_OK ||
        gc_emulator_configure(r->emu, (int64_t)delay, GC_UNSET, (int64_t)rate, &err) != GC_OK ||
        gc_emulator_reset(r->second, NULL, &err) != GC_OK)
        goto failed;
    cJSON_ArrayForEach(n, synthetic) {
        if (gc_emulator_seed(r->emu, n->string, (size_t)n->valuedouble, &err) != GC_OK) goto failed;
    }
    return 1;
failed:
    fail_error(r, "emulator", err);
    gc_error_free(err);
    return 0;
}

static int setup_client(runner *r, const cJSON *config) {
    gc_client_options o = gc_client_options_default();
    gc_error *err = NULL;
    cJSON *token = NULL;
    const cJSON *raw = cJSON_GetObjectItemCaseSensitive(config, "token");
    const char *scheme = arg_str(config, "auth_scheme");
    double n;
    gc_status s;

    o.base_url = gc_emulator_base_url(r->emu);
    o.token = gc_emulator_token(r->emu);
    if (raw != NULL) {
        token = resolve(r, raw);
        o.token = token->valuestring;
    }
    if (scheme != NULL) o.auth_scheme = strcmp(scheme, "bearer") == 0 ? GC_AUTH_BEARER : GC_AUTH_X_AUTH_TOKEN;
    if (arg_num(config, "timeout_ms", &n)) o.timeout_ms = (uint64_t)n;
    if (arg_num(config, "connect_timeout_ms", &n)) o.connect_timeout_ms = (uint64_t)n;
    if (arg_num(config, "deadline_ms", &n)) o.deadline_ms = (uint64_t)n;
    if (arg_num(config, "max_retries", &n)) o.max_retries = (uint32_t)n;
    if (arg_num(config, "per_page", &n)) o.per_page = (uint32_t)n;
    if (arg_num(config, "concurrency", &n)) o.concurrency = (uint32_t)n;
    s = gc_client_new(&o, &r->client, &err);
    cJSON_Delete(token);
    if (s != GC_OK) {
        fail_error(r, "client", err);
        gc_error_free(err);
        return 0;
    }
    return 1;
}

/* Derives the client of a step's "with_options" (`o`, may be NULL) from
 * the scenario's, with the recording on_response callback when the step
 * has "responses": true. */
static gc_status derive(runner *r, const cJSON *o, int responses, gc_client **out, gc_error **err) {
    gc_client_overrides d = gc_client_overrides_default();
    gc_header headers[8];
    const cJSON *h;
    size_t n = 0;
    double v;
    if (arg_num(o, "timeout_ms", &v)) d.timeout_ms = (int64_t)v;
    if (arg_num(o, "deadline_ms", &v)) d.deadline_ms = (int64_t)v;
    if (arg_num(o, "max_retries", &v)) d.max_retries = (int64_t)v;
    if (arg_num(o, "per_page", &v)) d.per_page = (int64_t)v;
    if (arg_num(o, "concurrency", &v)) d.concurrency = (int64_t)v;
    cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(o, "headers")) {
        if (n == sizeof headers / sizeof headers[0]) break;
        headers[n].name = h->string;
        headers[n].value = cJSON_IsString(h) ? h->valuestring : "";
        ++n;
    }
    d.headers = n > 0 ? headers : NULL;
    d.headers_len = n;
    if (responses) {
        d.on_response = record_response;
        d.on_response_userdata = r;
    }
    return gc_client_with_options(r->client, &d, out, err);
}

static void run_step(runner *r, const cJSON *step) {
    const cJSON *faults = cJSON_GetObjectItemCaseSensitive(step, "faults"), *fault;
    const char *save = arg_str(step, "save");
    cJSON *args = resolve(r, cJSON_GetObjectItemCaseSensitive(step, "args"));
    cJSON *expect = resolve(r, cJSON_GetObjectItemCaseSensitive(step, "expect"));
    /* A step's per-call "options" go the way C takes them: through a client
     * derived for the call, as "with_options". */
    const cJSON *overrides = cJSON_GetObjectItemCaseSensitive(step, "with_options")
                                 ? cJSON_GetObjectItemCaseSensitive(step, "with_options")
                                 : cJSON_GetObjectItemCaseSensitive(step, "options");
    /* A "responses" step asks for the raw answers the C way: an on_response
     * callback on the client derived for the call (with its options). */
    int responses = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(step, "responses"));
    gc_client *parent = r->client, *derived = NULL;
    cJSON *result = NULL;
    gc_error *err = NULL;
    gc_status status;
    struct timespec started, ended;

    r->call = arg_str(step, "call");
    r->progress = cJSON_GetObjectItemCaseSensitive(step, "progress");
    r->stop_at_poll = 0;
    arg_num(r->progress, "stop_at_poll", &r->stop_at_poll);
    r->progress_calls = 0;
    r->progress_disorder = 0;
    r->last_elapsed_ms = 0;
    r->statuses = cJSON_CreateArray();
    r->responses = cJSON_CreateArray();
    r->caller = pthread_self();
    r->responses_elsewhere = 0;
    gc_emulator_clear_faults(r->emu);
    gc_emulator_clear_requests(r->emu);
    gc_emulator_clear_requests(r->second);
    cJSON_ArrayForEach(fault, faults) {
        cJSON *resolved = resolve(r, fault);
        char *text = cJSON_PrintUnformatted(resolved);
        if (gc_emulator_inject_fault(r->emu, text, &err) != GC_OK) {
            fail_error(r, "faults", err);
            gc_error_free(err);
            err = NULL;
        }
        cJSON_free(text);
        cJSON_Delete(resolved);
    }
    if (!r->failed && r->call != NULL) {
        clock_gettime(CLOCK_MONOTONIC, &started);
        status = overrides != NULL || responses ? derive(r, overrides, responses, &derived, &err) : GC_OK;
        if (status == GC_OK) {
            if (derived != NULL) r->client = derived;
            status = dispatch(r, r->call, args, &result, &err);
            r->client = parent;
        }
        /* As in the Rust runner, whose with_response() gives no answers
         * with an error, a failed call has none. */
        if (status != GC_OK) {
            cJSON_Delete(r->responses);
            r->responses = cJSON_CreateArray();
        }
        clock_gettime(CLOCK_MONOTONIC, &ended);
        check(r, expect, status, err, result,
              (double)(ended.tv_sec - started.tv_sec) * 1e3 + (double)(ended.tv_nsec - started.tv_nsec) / 1e6);
        if (!r->failed && save != NULL && result != NULL) {
            cJSON_DeleteItemFromObjectCaseSensitive(r->saved, save);
            cJSON_AddItemToObject(r->saved, save, result);
            result = NULL;
        }
    }
    gc_client_free(derived);
    gc_error_free(err);
    cJSON_Delete(result);
    cJSON_Delete(args);
    cJSON_Delete(expect);
    cJSON_Delete(r->statuses);
    r->statuses = NULL;
    cJSON_Delete(r->responses);
    r->responses = NULL;
}

/* Runs one scenario file; returns 1 when it passed. */
static int run_file(runner *r, const char *dir, const char *name) {
    char path[1024];
    FILE *fp;
    long size;
    char *text;
    cJSON *scenario;
    const cJSON *step;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    r->file = name;
    r->step = 0;
    r->call = NULL;
    r->failed = 0;
    r->client = NULL;
    fp = fopen(path, "rb");
    if (fp == NULL) return fail(r, "file", "cannot open %s", path);
    fseek(fp, 0, SEEK_END);
    size = ftell(fp);
    rewind(fp);
    text = malloc((size_t)size + 1);
    text[fread(text, 1, (size_t)size, fp)] = '\0';
    fclose(fp);
    scenario = cJSON_Parse(text);
    free(text);
    if (scenario == NULL) return fail(r, "file", "not valid JSON");

    r->saved = cJSON_CreateObject();
    if (setup_emulator(r, cJSON_GetObjectItemCaseSensitive(scenario, "emulator")) &&
        setup_client(r, cJSON_GetObjectItemCaseSensitive(scenario, "client"))) {
        cJSON_ArrayForEach(step, cJSON_GetObjectItemCaseSensitive(scenario, "steps")) {
            ++r->step;
            run_step(r, step);
            if (r->failed) break;
        }
    }
    gc_client_free(r->client);
    cJSON_Delete(r->saved);
    cJSON_Delete(scenario);
    return !r->failed;
}

/* Appends the scenario's outcome to $CONFORMANCE_REPORT, if set. */
static void report(const runner *r, const char *name, int passed) {
    const char *target = getenv("CONFORMANCE_REPORT");
    cJSON *line;
    char *text;
    FILE *fp;
    if (target == NULL || *target == '\0') return;
    line = cJSON_CreateObject();
    cJSON_AddStringToObject(line, "language", "c");
    cJSON_AddStringToObject(line, "client", queued() ? "gc_queue" : "gc_client");
    cJSON_AddStringToObject(line, "file", name);
    cJSON_AddBoolToObject(line, "passed", passed);
    if (passed) cJSON_AddNullToObject(line, "message");
    else cJSON_AddStringToObject(line, "message", r->message);
    text = cJSON_PrintUnformatted(line);
    fp = fopen(target, "a");
    if (fp != NULL && text != NULL) {
        fprintf(fp, "%s\n", text);
    }
    if (fp != NULL) fclose(fp);
    cJSON_free(text);
    cJSON_Delete(line);
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "tests/conformance";
    runner r;
    gc_error *err = NULL;
    DIR *d = opendir(dir);
    struct dirent *entry;
    char *names[1024];
    size_t count = 0, i, passed = 0;

    if (d == NULL) {
        fprintf(stderr, "test_conformance: cannot open %s\n", dir);
        return 1;
    }
    while ((entry = readdir(d)) != NULL && count < sizeof names / sizeof names[0]) {
        size_t len = strlen(entry->d_name);
        if (len > 5 && strcmp(entry->d_name + len - 5, ".json") == 0) names[count++] = strdup(entry->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof names[0], by_name);
    if (count == 0) {
        fprintf(stderr, "test_conformance: no scenario in %s\n", dir);
        return 1;
    }

    memset(&r, 0, sizeof r);
    gc_test_log_from_env();
    if (gc_emulator_start(&r.emu, &err) != GC_OK || gc_emulator_start(&r.second, &err) != GC_OK) {
        fprintf(stderr, "test_conformance: cannot start the emulator: %s\n", gc_error_message(err));
        gc_error_free(err);
        return 1;
    }
    for (i = 0; i < count; ++i) {
        int ok = run_file(&r, dir, names[i]);
        report(&r, names[i], ok);
        if (ok) {
            ++passed;
            printf("ok   %s\n", names[i]);
        }
        free(names[i]);
    }
    gc_emulator_stop(r.second);
    gc_emulator_stop(r.emu);
    printf("test_conformance: %zu of %zu scenarios passed\n", passed, count);
    return passed == count ? 0 : 1;
}
