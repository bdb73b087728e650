/* The raw answers of successful calls (gc_client_overrides.on_response):
 * what a gc_response holds, NULL-safe accessors, headers through the log
 * allow-list, one answer per page of a pager, none for a failed call, the
 * callback on the thread that made the call, and a parent client that
 * keeps no callback. */
#include <pthread.h>

#include "gc_test.h"

#define ALLOWED(name)                                                                                   \
    (strcmp(name, "content-type") == 0 || strcmp(name, "content-length") == 0 ||                        \
     strcmp(name, "retry-after") == 0 || strcmp(name, "x-request-id") == 0 || strcmp(name, "user-agent") == 0)

/* What a callback saw: copies, since a gc_response lives only during it. */
typedef struct {
    int calls;
    int off_thread;      /* answers told on another thread than `caller` */
    pthread_t caller;
    int status;
    char method[16];
    char path[256];
    char request_id[128];
    uint32_t attempts;
    double elapsed_ms;
    unsigned pages;      /* bit N: an answer to `page=N` (1-31) */
    int checked;         /* the accessors' checks below ran and held */
    int redacted;        /* headers off the allow-list, each REDACTED */
    int nested;          /* the status of a request made from the callback */
    const gc_client *reenter; /* when set, the callback calls gc_quotas on it */
} seen;

static void copy(char *to, size_t size, const char *from) {
    snprintf(to, size, "%s", from ? from : "");
}

static void record(const gc_response *r, void *userdata) {
    seen *s = userdata;
    size_t i, n = gc_response_header_count(r);
    s->calls++;
    if (!pthread_equal(pthread_self(), s->caller)) s->off_thread++;
    s->status = gc_response_status(r);
    copy(s->method, sizeof s->method, gc_response_method(r));
    copy(s->path, sizeof s->path, gc_response_path(r));
    copy(s->request_id, sizeof s->request_id, gc_response_request_id(r));
    s->attempts = gc_response_attempts(r);
    s->elapsed_ms = gc_response_elapsed_ms(r);
    {
        const char *q = strchr(s->path, '?'), *p;
        for (p = q; p != NULL; p = strchr(p + 1, '&'))
            if (strncmp(p + 1, "page=", 5) == 0 && atoi(p + 6) > 0 && atoi(p + 6) < 32) s->pages |= 1u << atoi(p + 6);
    }

    /* Headers: names in lower case, values through the allow-list; the
     * lookup by name ignores case and answers the same string. */
    s->checked = n > 0 && gc_response_header_name(r, n) == NULL && gc_response_header_value(r, n) == NULL &&
                 gc_response_header(r, "X-Absent-Header") == NULL && gc_response_header(r, NULL) == NULL &&
                 gc_response_header(r, "X-REQUEST-ID") == gc_response_header(r, "x-request-id") &&
                 gc_response_request_id(r) != NULL &&
                 strcmp(gc_response_header(r, "X-Request-Id"), gc_response_request_id(r)) == 0;
    s->redacted = 0;
    for (i = 0; i < n; ++i) {
        const char *name = gc_response_header_name(r, i), *value = gc_response_header_value(r, i), *c;
        if (name == NULL || value == NULL) s->checked = 0;
        for (c = name; c && *c; ++c)
            if (*c >= 'A' && *c <= 'Z') s->checked = 0;
        if (name && !ALLOWED(name)) {
            if (strcmp(value, "REDACTED") != 0) s->checked = 0;
            ++s->redacted;
        }
    }
    if (s->reenter != NULL) {
        gc_array *quotas = NULL;
        gc_error *err = NULL;
        s->nested = gc_quotas(s->reenter, &quotas, &err);
        gc_array_free(quotas);
        gc_error_free(err);
    }
}

static void start(seen *s) {
    memset(s, 0, sizeof *s);
    s->caller = pthread_self();
}

/* A client derived from `parent` whose answers go to `s`. */
static gc_client *observed(const gc_client *parent, seen *s) {
    gc_client_overrides o = gc_client_overrides_default();
    gc_client *child = NULL;
    gc_error *err = NULL;
    o.on_response = record;
    o.on_response_userdata = s;
    CHECK_OK(gc_client_with_options(parent, &o, &child, &err), err);
    return child;
}

static void quotas(const gc_client *client) {
    gc_array *out = NULL;
    gc_error *err = NULL;
    CHECK_OK(gc_quotas(client, &out, &err), err);
    gc_array_free(out);
}

/* Drains a pager; with `s`, checks that its answers arrive only during
 * gc_pager_next. */
static size_t drain(gc_pager *pager, const seen *s) {
    gc_object *item = NULL;
    gc_error *err = NULL;
    gc_status status;
    size_t n = 0;
    CHECK(s == NULL || s->calls == 0); /* nothing requested before the first next */
    while ((status = gc_pager_next(pager, &item, &err)) == GC_OK) {
        gc_object_free(item);
        ++n;
    }
    CHECK(status == GC_DONE);
    gc_pager_free(pager);
    return n;
}

static void accessors_are_null_safe(void) {
    gc_client_overrides o = gc_client_overrides_default();
    CHECK(o.on_response == NULL && o.on_response_userdata == NULL);
    CHECK(gc_response_status(NULL) == 0);
    CHECK(gc_response_method(NULL) == NULL);
    CHECK(gc_response_path(NULL) == NULL);
    CHECK(gc_response_request_id(NULL) == NULL);
    CHECK(gc_response_attempts(NULL) == 0);
    CHECK(gc_response_elapsed_ms(NULL) == 0.0);
    CHECK(gc_response_header_count(NULL) == 0);
    CHECK(gc_response_header_name(NULL, 0) == NULL);
    CHECK(gc_response_header_value(NULL, 0) == NULL);
    CHECK(gc_response_header(NULL, "content-type") == NULL);
}

static void a_call_tells_its_answer(fixture *f) {
    seen s;
    gc_client *child;
    start(&s);
    child = observed(f->client, &s);
    quotas(child);
    CHECK(s.calls == 1);
    CHECK(s.off_thread == 0);
    CHECK(s.status == 200);
    CHECK_STR(s.method, "GET");
    CHECK_STR(s.path, "/compute/v1/quotas");
    CHECK(s.request_id[0] != '\0');
    CHECK(s.attempts == 1);
    CHECK(s.elapsed_ms > 0.0);
    CHECK(s.checked);
    CHECK(s.redacted > 0); /* the emulator's `date` header, for one */
    gc_client_free(child);
}

static void retries_count_and_a_failure_tells_nothing(fixture *f) {
    seen s;
    gc_client *child;
    gc_object *key = NULL;
    gc_error *err = NULL;
    start(&s);
    child = observed(f->client, &s);
    CHECK_OK(gc_emulator_inject_fault(f->emu, "{\"kind\": \"status\", \"status\": 503, \"times\": 1}", &err), err);
    quotas(child);
    CHECK(s.calls == 1 && s.attempts == 2 && s.status == 200);
    CHECK_ERR(gc_ssh_keys_get(child, "no-such-key", &key, &err), err, GC_ERROR_NOT_FOUND);
    CHECK(s.calls == 1);
    gc_client_free(child);
}

/* 7 images, 3 a page: 3 answers, one per page, during gc_pager_next; the
 * pager keeps its callback after its client is freed. */
static void a_pager_tells_one_answer_per_page(fixture *f) {
    gc_client_overrides o = gc_client_overrides_default();
    gc_list_params params = gc_list_params_default();
    gc_client *child = NULL;
    gc_pager *pager = NULL;
    gc_error *err = NULL;
    seen s;
    CHECK_OK(gc_emulator_reset(f->emu, "empty", &err), err);
    CHECK_OK(gc_emulator_seed(f->emu, "images", 7, &err), err);
    start(&s);
    o.per_page = 3;
    o.on_response = record;
    o.on_response_userdata = &s;
    CHECK_OK(gc_client_with_options(f->client, &o, &child, &err), err);
    CHECK_OK(gc_images_list(child, NULL, &pager, &err), err);
    gc_client_free(child);
    CHECK(drain(pager, &s) == 7);
    CHECK(s.calls == 3);
    CHECK(s.off_thread == 0);
    CHECK(s.pages == (1u << 1 | 1u << 2 | 1u << 3));

    /* A page size given to the list itself. */
    start(&s);
    child = observed(f->client, &s);
    params.per_page = 5;
    CHECK_OK(gc_images_list(child, &params, &pager, &err), err);
    CHECK(drain(pager, &s) == 7);
    CHECK(s.calls == 2 && s.off_thread == 0);
    CHECK(s.pages == (1u << 1 | 1u << 2));
    gc_client_free(child);
    CHECK_OK(gc_emulator_reset(f->emu, NULL, &err), err);
}

/* The parent keeps no callback; a child derived without one keeps its
 * parent's; one derived with another replaces it. */
static void callbacks_belong_to_the_derived_client(fixture *f) {
    gc_client_overrides none = gc_client_overrides_default();
    gc_client *child, *grandchild = NULL, *other;
    gc_error *err = NULL;
    seen s, t;
    start(&s);
    start(&t);
    child = observed(f->client, &s);
    quotas(f->client);
    CHECK(s.calls == 0);
    CHECK_OK(gc_client_with_options(child, &none, &grandchild, &err), err);
    quotas(grandchild);
    CHECK(s.calls == 1);
    other = observed(child, &t);
    quotas(other);
    CHECK(s.calls == 1 && t.calls == 1);
    quotas(child);
    CHECK(s.calls == 2 && t.calls == 1);
    gc_client_free(other);
    gc_client_free(grandchild);
    gc_client_free(child);
}

/* A request from inside the callback is refused, not deadlocked; the call
 * that told the answer still succeeds. */
static void the_callback_cannot_make_requests(fixture *f) {
    seen s;
    gc_client *child;
    start(&s);
    s.reenter = f->client;
    s.nested = GC_OK;
    child = observed(f->client, &s);
    quotas(child);
    CHECK(s.calls == 1);
    CHECK(s.nested == GC_ERROR_INVALID_ARGUMENT);
    gc_client_free(child);
}

/* ---- threads ---- */

#define THREADS 4

/* Which thread's call an answer belongs to: set by each worker for itself. */
static pthread_key_t caller_key;

typedef struct {
    gc_client *shared;
    seen own;          /* the worker's own derived client's answers */
    int shared_calls;  /* answers of `shared` told on this thread */
    int failed;
} worker;

typedef struct {
    pthread_mutex_t lock;
    int calls;
    int off_thread; /* told on a thread that made no call (NULL key) */
} tally;

/* The callback of the client all workers share: it runs on each worker's
 * own thread, so the thread's key names the worker that made the call. */
static void record_shared(const gc_response *r, void *userdata) {
    tally *t = userdata;
    worker *w = pthread_getspecific(caller_key);
    (void)r;
    pthread_mutex_lock(&t->lock);
    t->calls++;
    if (w == NULL) t->off_thread++;
    else w->shared_calls++;
    pthread_mutex_unlock(&t->lock);
}

static void *work(void *arg) {
    worker *w = arg;
    gc_client *own;
    gc_pager *pager = NULL;
    gc_error *err = NULL;
    gc_array *out = NULL;
    int i;
    pthread_setspecific(caller_key, w);
    start(&w->own);
    own = observed(w->shared, &w->own);
    for (i = 0; i < 3; ++i) {
        if (gc_quotas(own, &out, &err) != GC_OK) w->failed = 1;
        gc_array_free(out);
        if (gc_quotas(w->shared, &out, &err) != GC_OK) w->failed = 1;
        gc_array_free(out);
    }
    if (gc_images_list(w->shared, NULL, &pager, &err) != GC_OK) w->failed = 1;
    else (void)drain(pager, NULL);
    gc_error_free(err);
    gc_client_free(own);
    return NULL;
}

static void callbacks_run_on_the_calling_thread(fixture *f) {
    gc_client_overrides o = gc_client_overrides_default();
    pthread_t threads[THREADS];
    worker workers[THREADS];
    tally t;
    gc_client *shared = NULL;
    gc_error *err = NULL;
    int i, total = 0;
    CHECK(pthread_key_create(&caller_key, NULL) == 0);
    CHECK(pthread_mutex_init(&t.lock, NULL) == 0);
    t.calls = 0;
    t.off_thread = 0;
    o.per_page = 10; /* the default seed's images take a few pages */
    o.on_response = record_shared;
    o.on_response_userdata = &t;
    CHECK_OK(gc_client_with_options(f->client, &o, &shared, &err), err);
    for (i = 0; i < THREADS; ++i) {
        memset(&workers[i], 0, sizeof workers[i]);
        workers[i].shared = shared;
        CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0);
    }
    for (i = 0; i < THREADS; ++i) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        CHECK(!workers[i].failed);
        /* Its own client: 3 calls, each told on this worker's thread. */
        CHECK(workers[i].own.calls == 3 && workers[i].own.off_thread == 0);
        /* The shared one: 3 calls and the pages, all on this thread. */
        CHECK(workers[i].shared_calls > 3);
        total += workers[i].shared_calls;
    }
    CHECK(t.off_thread == 0);
    CHECK(t.calls == total);
    gc_client_free(shared);
    pthread_mutex_destroy(&t.lock);
    pthread_key_delete(caller_key);
}

int main(void) {
    fixture f = fixture_start();
    accessors_are_null_safe();
    a_call_tells_its_answer(&f);
    retries_count_and_a_failure_tells_nothing(&f);
    a_pager_tells_one_answer_per_page(&f);
    callbacks_belong_to_the_derived_client(&f);
    the_callback_cannot_make_requests(&f);
    callbacks_run_on_the_calling_thread(&f);
    fixture_stop(&f);
    printf("test_responses: ok\n");
    return 0;
}
