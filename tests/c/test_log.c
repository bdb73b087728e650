/* The log callback: one line per request at debug, retries at info, the
 * minimum level honoured, and the token in no line at any level. */
#include <pthread.h>

#include "gc_test.h"

#define MAX_LINES 512

static const char canary[] = "canary-token-9d3a7b";

typedef struct {
    pthread_mutex_t lock;
    size_t count;
    char *lines[MAX_LINES];
    gc_log_level levels[MAX_LINES];
} captured;

static void on_log(gc_log_level level, const char *message, void *userdata) {
    captured *c = userdata;
    pthread_mutex_lock(&c->lock);
    if (c->count < MAX_LINES) {
        c->levels[c->count] = level;
        c->lines[c->count++] = strdup(message);
    }
    pthread_mutex_unlock(&c->lock);
}

static void forget(captured *c) {
    size_t i;
    for (i = 0; i < c->count; ++i) free(c->lines[i]);
    c->count = 0;
}

/* Index of the first line containing every fragment, or -1. */
static long find(const captured *c, const char *a, const char *b) {
    size_t i;
    for (i = 0; i < c->count; ++i)
        if (strstr(c->lines[i], a) != NULL && (b == NULL || strstr(c->lines[i], b) != NULL)) return (long)i;
    return -1;
}

static void no_line_has(const captured *c, const char *secret) {
    size_t i;
    for (i = 0; i < c->count; ++i) {
        if (strstr(c->lines[i], secret) != NULL) {
            fprintf(stderr, "log line %zu leaks a secret: %s\n", i, c->lines[i]);
            exit(1);
        }
    }
}

int main(void) {
    captured c;
    gc_emulator *emu = NULL;
    gc_client *client, *wrong;
    gc_client_options o = gc_client_options_default();
    gc_page *page = NULL;
    gc_error *err = NULL;
    long at;

    memset(&c, 0, sizeof c);
    pthread_mutex_init(&c.lock, NULL);
    CHECK_OK(gc_emulator_start(&emu, &err), err);
    client = fixture_client(emu, gc_client_options_default());

    /* Nothing is delivered before a callback is registered. */
    CHECK_OK(gc_images_list_page(client, NULL, &page, &err), err);
    gc_page_free(page);
    CHECK(c.count == 0);

    /* Debug: one line per request with method, path, status, attempt, elapsed. */
    gc_set_log_callback(on_log, &c, GC_LOG_DEBUG);
    CHECK_OK(gc_images_list_page(client, NULL, &page, &err), err);
    gc_page_free(page);
    at = find(&c, "method=GET", "path=/images");
    CHECK(at >= 0);
    CHECK(c.levels[at] == GC_LOG_DEBUG);
    CHECK(strstr(c.lines[at], "status=200") != NULL);
    CHECK(strstr(c.lines[at], "attempt=1") != NULL);
    CHECK(strstr(c.lines[at], "elapsed_ms=") != NULL);
    forget(&c);

    /* Info: the retry is logged, the request lines are not. */
    gc_set_log_callback(on_log, &c, GC_LOG_INFO);
    CHECK_OK(gc_emulator_inject_fault(emu, "{\"kind\": \"rate_limit\", \"retry_after\": \"0\", \"times\": 1}", &err), err);
    CHECK_OK(gc_images_list_page(client, NULL, &page, &err), err);
    gc_page_free(page);
    at = find(&c, "retrying", NULL);
    CHECK(at >= 0);
    CHECK(c.levels[at] == GC_LOG_INFO);
    CHECK(find(&c, "method=GET", "status=200") == -1);
    forget(&c);

    /* Trace, with a distinctive token, through success, 401 and retries:
     * the token is in no line, header values included. */
    gc_set_log_callback(on_log, &c, GC_LOG_TRACE);
    o.token = canary;
    wrong = fixture_client(emu, o);
    CHECK_ERR(gc_images_list_page(wrong, NULL, &page, &err), err, GC_ERROR_AUTHENTICATION);
    gc_client_free(wrong);
    CHECK_OK(gc_emulator_inject_fault(emu, "{\"kind\": \"status\", \"status\": 503, \"times\": 1}", &err), err);
    CHECK_OK(gc_images_list_page(client, NULL, &page, &err), err);
    gc_page_free(page);
    CHECK(c.count > 0);
    CHECK(find(&c, "headers", NULL) >= 0);
    no_line_has(&c, canary);
    no_line_has(&c, gc_emulator_token(emu));
    forget(&c);

    /* NULL stops delivery. */
    gc_set_log_callback(NULL, NULL, GC_LOG_TRACE);
    CHECK_OK(gc_images_list_page(client, NULL, &page, &err), err);
    gc_page_free(page);
    CHECK(c.count == 0);

    gc_client_free(client);
    gc_emulator_stop(emu);
    pthread_mutex_destroy(&c.lock);
    printf("test_log: ok\n");
    return 0;
}
