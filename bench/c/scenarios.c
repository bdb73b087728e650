/*
 * The C side of bench/run.py: the C API against a libcurl + cJSON loop,
 * the way a C user without the SDK would write it. The emulator is prepared
 * by the caller; this only measures and prints one JSON object per
 * measurement on stdout.
 *
 *   scenarios MODE BASE_URL RUNS [INSTANCE_ID] [CLIENT]
 *
 * MODE: list-latency, list-big, get-seq, get-conc, get-count (CLIENT
 * sdk|curl; run under callgrind by the parent), coldstart (s5 is
 * iterate.c, a program of its own per client). get-conc: libcurl's multi
 * interface with CONC transfers in flight, its handles kept between runs,
 * against a gc_queue with CONC calls in flight on one thread, and against
 * CONC threads sharing one client, kept between runs, each making blocking
 * calls.
 * BENCH_ITEMS in the environment is the number of items the caller seeded.
 */
#include <pthread.h>

#include "common.h"
#include "peer.h"
#include "sdk.h"

/* Calls in s3 and s4: 1000, or BENCH_GETS (make test-bench uses few). */
static int GETS = 1000;
#define MAX_RUNS 16
#define CONC 100

/* get-conc, SDK side: CONC threads share one client and GETS calls. The
 * threads are started once and kept between runs, as the peer keeps its
 * multi handle: the C API runs a call on the thread that makes it, with
 * that thread's runtime and connection, which are then warm, as the peer's
 * connections are. */
typedef struct {
    gc_client *client;
    const char *id;
    int calls;
} conc_job;

static pthread_t workers[CONC];
static conc_job jobs[CONC];
static pthread_barrier_t go, finished;
static int workers_started, stopping;

static void *conc_worker(void *arg) {
    conc_job *job = arg;
    for (;;) {
        int i;
        pthread_barrier_wait(&go);
        if (stopping) return NULL;
        for (i = 0; i < job->calls; ++i) {
            gc_object *o = NULL;
            gc_error *err = NULL;
            if (gc_instances_get(job->client, job->id, &o, &err) != GC_OK) die(gc_error_message(err));
            gc_object_free(o);
        }
        pthread_barrier_wait(&finished);
    }
}

static void get_conc_sdk(gc_client *c, const char *id) {
    int i;
    if (!workers_started) {
        pthread_barrier_init(&go, NULL, CONC + 1);
        pthread_barrier_init(&finished, NULL, CONC + 1);
        for (i = 0; i < CONC; ++i) {
            jobs[i].client = c;
            jobs[i].id = id;
            jobs[i].calls = GETS / CONC + (i < GETS % CONC);
            if (pthread_create(&workers[i], NULL, conc_worker, &jobs[i]) != 0) die("pthread_create");
        }
        workers_started = 1;
    }
    pthread_barrier_wait(&go);
    pthread_barrier_wait(&finished);
}

static void get_conc_sdk_cleanup(void) {
    int i;
    if (!workers_started) return;
    stopping = 1;
    pthread_barrier_wait(&go);
    for (i = 0; i < CONC; ++i) pthread_join(workers[i], NULL);
    pthread_barrier_destroy(&go);
    pthread_barrier_destroy(&finished);
    workers_started = 0;
}

/* get-conc, SDK side, as curl_multi is used: GETS calls queued at once,
 * CONC in flight, each object freed as its call finishes. */
static void get_conc_queue(gc_client *c, const char *id) {
    gc_object **got = calloc((size_t)GETS, sizeof *got);
    gc_error **errs = calloc((size_t)GETS, sizeof *errs);
    gc_queue *q = NULL;
    gc_error *err = NULL;
    gc_status status;
    size_t finished;
    int i;
    if (got == NULL || errs == NULL) die("out of memory");
    if (gc_queue_new(c, CONC, &q, &err) != GC_OK) die(gc_error_message(err));
    for (i = 0; i < GETS; ++i) {
        if (gc_queue_instances_get(q, id, &got[i], &errs[i]) != GC_OK) die(gc_error_message(errs[i]));
    }
    while ((status = gc_queue_next(q, &finished, &err)) == GC_OK) {
        if (errs[finished] != NULL) die(gc_error_message(errs[finished]));
        gc_object_free(got[finished]);
    }
    if (status != GC_DONE) die(gc_error_message(err));
    gc_queue_free(q);
    free(got);
    free(errs);
}

/* get-conc, peer side: curl_multi with CONC transfers in flight, each body
 * parsed with cJSON as it completes. */
/* The peer's multi handle and transfers, made once and kept between runs,
 * so that its connections stay open as the SDK client's do: both sides are
 * timed warm. */
static CURLM *multi;
static CURL *easy[CONC];
static buffer bodies[CONC];

static void get_conc_curl(const char *url) {
    int started = 0, done = 0, running = 0, i;
    if (multi == NULL) {
        multi = curl_multi_init();
        curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)CONC);
        for (i = 0; i < CONC; ++i) easy[i] = curl_easy_init();
    }
    for (i = 0; i < CONC; ++i) {
        curl_easy_setopt(easy[i], CURLOPT_URL, url);
        curl_easy_setopt(easy[i], CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(easy[i], CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(easy[i], CURLOPT_WRITEDATA, &bodies[i]);
        curl_easy_setopt(easy[i], CURLOPT_PRIVATE, &bodies[i]);
        bodies[i].data = NULL;
        bodies[i].len = 0;
        curl_multi_add_handle(multi, easy[i]);
        ++started;
    }
    while (done < GETS) {
        CURLMsg *msg;
        int left;
        curl_multi_perform(multi, &running);
        while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
            buffer *b;
            cJSON *doc;
            if (msg->msg != CURLMSG_DONE) continue;
            if (msg->data.result != CURLE_OK) die("libcurl multi transfer failed");
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&b);
            doc = cJSON_Parse(b->data);
            if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc, "instance"))) die("no instance");
            cJSON_Delete(doc);
            free(b->data);
            b->data = NULL;
            b->len = 0;
            ++done;
            curl_multi_remove_handle(multi, msg->easy_handle);
            if (started < GETS) {
                curl_multi_add_handle(multi, msg->easy_handle);
                ++started;
            }
        }
        if (done < GETS) curl_multi_poll(multi, NULL, 0, 100, NULL);
    }
}

static void get_conc_curl_cleanup(void) {
    int i;
    if (multi == NULL) return;
    for (i = 0; i < CONC; ++i) curl_easy_cleanup(easy[i]);
    curl_multi_cleanup(multi);
    multi = NULL;
}

/* One s3 get: through libcurl + cJSON (the peer), or the C API. */
static void get_once(gc_client *c, const char *url, const char *id, int peer) {
    if (peer) {
        cJSON *doc = curl_json(url);
        if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc, "instance"))) die("no instance");
        cJSON_Delete(doc);
    } else {
        gc_object *o = NULL;
        gc_error *err = NULL;
        if (gc_instances_get(c, id, &o, &err) != GC_OK) die(gc_error_message(err));
        gc_object_free(o);
    }
}

static void print_runs(const double *v, int n) {
    int i;
    printf("[");
    for (i = 0; i < n; ++i) printf("%s%.4f", i ? "," : "", v[i]);
    printf("]");
}

static void emit(const char *scenario, const char *name, const char *kind, const char *unit, const double *runs,
                 int n, const double *p99, long items) {
    printf("{\"scenario\":\"%s\",\"language\":\"c\",\"client\":\"%s\",\"kind\":\"%s\",\"unit\":\"%s\",\"runs\":",
           scenario, name, kind, unit);
    print_runs(runs, n);
    if (p99 != NULL) {
        printf(",\"p99\":");
        print_runs(p99, n);
        printf(",\"calls\":%d", GETS);
    }
    printf(",\"items\":%ld}\n", items);
    fflush(stdout);
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    const char *mode, *id, *which, *env_items;
    long items;
    int runs, i, r, sdk_only;
    gc_client *c;
    double t, a[MAX_RUNS], b[MAX_RUNS], th[MAX_RUNS];

    if (argc < 4) die("usage: scenarios MODE BASE_URL RUNS [INSTANCE_ID] [CLIENT]");
    mode = argv[1];
    base = argv[2];
    runs = atoi(argv[3]);
    if (runs < 1 || runs > MAX_RUNS) die("RUNS must be 1-16");
    id = argc > 4 ? argv[4] : "";
    which = argc > 5 ? argv[5] : "sdk";
    env_items = getenv("BENCH_ITEMS");
    items = env_items ? atol(env_items) : 0;
    if (getenv("BENCH_GETS")) GETS = atoi(getenv("BENCH_GETS"));
    if (GETS < 2) die("BENCH_GETS must be at least 2");

    /* A run that measures the SDK alone (s6's whole process, the SDK's
     * instruction count) does not start libcurl's TLS stack: it would be
     * counted against the SDK. */
    sdk_only = strcmp(mode, "coldstart") == 0 || (strcmp(mode, "get-count") == 0 && strcmp(which, "sdk") == 0);
    if (!sdk_only) peer_start();

    if (strcmp(mode, "coldstart") == 0) {
        gc_page *page = NULL;
        gc_error *err = NULL;
        gc_list_params p = gc_list_params_default();
        double made, done;
        t = now_ms();
        c = client();
        made = now_ms();
        p.per_page = 1;
        if (gc_images_list_page(c, &p, &page, &err) != GC_OK) die(gc_error_message(err));
        done = now_ms();
        a[0] = done - t;
        printf("{\"scenario\":\"s6\",\"language\":\"c\",\"client\":\"C API\",\"kind\":\"sdk\",\"unit\":\"ms\","
               "\"runs\":[%.4f],\"client_ms\":%.4f,\"first_call_ms\":%.4f,\"items\":%lu}\n",
               a[0], made - t, done - made, (unsigned long)gc_page_len(page));
        gc_page_free(page);
        gc_client_free(c);
    } else if (strcmp(mode, "list-latency") == 0 || strcmp(mode, "list-big") == 0) {
        const char *s = strcmp(mode, "list-latency") == 0 ? "s1" : "s2";
        c = client();
        for (r = -1; r < runs; ++r) { /* run -1 is the warm-up */
            t = now_ms();
            if (list_sdk(c) != items) die("the C API did not list every image");
            if (r >= 0) a[r] = now_ms() - t;
            t = now_ms();
            if (list_curl() != items) die("libcurl did not list every image");
            if (r >= 0) b[r] = now_ms() - t;
        }
        emit(s, "libcurl + cJSON (page loop)", "peer", "ms", b, runs, NULL, items);
        emit(s, "C API pager", "sdk", "ms", a, runs, NULL, items);
        gc_client_free(c);
    } else if (strcmp(mode, "get-seq") == 0) {
        double *per = malloc(sizeof(double) * (size_t)GETS);
        double p99a[MAX_RUNS], p99b[MAX_RUNS];
        char url[512];
        int k;
        if (per == NULL) die("out of memory");
        c = client();
        snprintf(url, sizeof url, "%s/instances/%s", base, id);
        for (k = 0; k < 2; ++k) {
            for (r = -1; r < runs; ++r) {
                for (i = 0; i < GETS; ++i) {
                    t = now_ms();
                    get_once(c, url, id, k == 0);
                    per[i] = now_ms() - t;
                }
                if (r < 0) continue;
                qsort(per, GETS, sizeof per[0], by_value);
                (k == 0 ? a : b)[r] = per[GETS / 2];
                (k == 0 ? p99a : p99b)[r] = per[GETS * 99 / 100 - 1];
            }
        }
        emit("s3", "libcurl + cJSON", "peer", "ms/call", a, runs, p99a, 0);
        emit("s3", "C API", "sdk", "ms/call", b, runs, p99b, 0);
        gc_client_free(c);
        free(per);
    } else if (strcmp(mode, "get-count") == 0) {
        /* GETS sequential gets and nothing else, for bench/run.py to count
         * instructions under callgrind. */
        char url[512];
        snprintf(url, sizeof url, "%s/instances/%s", base, id);
        c = client();
        for (i = 0; i < GETS; ++i) get_once(c, url, id, strcmp(which, "peer") == 0);
        gc_client_free(c);
    } else if (strcmp(mode, "get-conc") == 0) {
        char url[512];
        snprintf(url, sizeof url, "%s/instances/%s", base, id);
        c = client();
        for (r = -1; r < runs; ++r) {
            t = now_ms();
            get_conc_curl(url);
            if (r >= 0) a[r] = now_ms() - t;
            t = now_ms();
            get_conc_queue(c, id);
            if (r >= 0) b[r] = now_ms() - t;
            t = now_ms();
            get_conc_sdk(c, id);
            if (r >= 0) th[r] = now_ms() - t;
        }
        emit("s4", "libcurl multi, 100 in flight (warm)", "peer", "ms", a, runs, NULL, 0);
        emit("s4", "C API gc_queue, 100 in flight (warm)", "sdk", "ms", b, runs, NULL, 0);
        emit("s4", "C API, 100 threads (kept)", "sdk", "ms", th, runs, NULL, 0);
        get_conc_sdk_cleanup();
        gc_client_free(c);
        get_conc_curl_cleanup();
    } else {
        die("unknown mode");
    }

    if (!sdk_only) peer_stop();
    return 0;
}
