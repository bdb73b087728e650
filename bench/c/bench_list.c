/*
 * Lists 10,000 images from the emulator (its own process, 20 ms latency per
 * answer) through the C API's pager, and through a plain libcurl + cJSON
 * loop over pages; prints the median of several runs of each and the ratio.
 *
 *   bench_list path/to/genesiscloud-emulator   (built by `make bench-c`)
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <genesiscloud.h>

#include "buffer.h"

#define IMAGES 10000
#define LATENCY_MS 20
#define RUNS 5
#define TOKEN "gc-emulator-token"

static void die(const char *what) {
    fprintf(stderr, "bench_list: %s\n", what);
    exit(1);
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* ---- the emulator in its own process ---- */

static pid_t start_emulator(const char *binary, char *base_url, size_t size) {
    int fds[2];
    pid_t pid;
    FILE *out;
    if (pipe(fds) != 0) die("pipe");
    pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execl(binary, binary, "--port", "0", "--seed", "empty", "--lifecycle-delay-ms", "0", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    out = fdopen(fds[0], "r");
    if (out == NULL || fgets(base_url, (int)size, out) == NULL) die("the emulator printed no URL");
    base_url[strcspn(base_url, "\r\n")] = '\0';
    fclose(out);
    return pid;
}


static void control(CURL *curl, const char *root, const char *path, const char *json) {
    char url[512];
    buffer b = {NULL, 0};
    snprintf(url, sizeof url, "%s%s", root, path);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
    if (curl_easy_perform(curl) != CURLE_OK) die("the control API did not answer");
    free(b.data);
    curl_easy_reset(curl);
}

/* ---- the two ways of listing ---- */

static long list_with_c_api(const char *base_url, uint32_t concurrency) {
    gc_client_options o = gc_client_options_default();
    gc_client *client = NULL;
    gc_pager *pager = NULL;
    gc_object *item = NULL;
    gc_error *err = NULL;
    gc_status status;
    long n = 0;
    o.base_url = base_url;
    o.token = TOKEN;
    o.concurrency = concurrency;
    if (gc_client_new(&o, &client, &err) != GC_OK) die(gc_error_message(err));
    if (gc_images_list(client, NULL, &pager, &err) != GC_OK) die(gc_error_message(err));
    while ((status = gc_pager_next(pager, &item, &err)) == GC_OK) {
        if (gc_object_id(item) != NULL) ++n;
        gc_object_free(item);
    }
    if (status != GC_DONE) die(gc_error_message(err));
    gc_pager_free(pager);
    gc_client_free(client);
    return n;
}

/* What a hand-written client does: one page after another until a short one. */
static long list_with_libcurl(const char *base_url) {
    CURL *curl = curl_easy_init();
    struct curl_slist *headers = curl_slist_append(NULL, "X-Auth-Token: " TOKEN);
    long n = 0, page;
    for (page = 1;; ++page) {
        char url[512];
        buffer b = {NULL, 0};
        cJSON *doc;
        const cJSON *items, *item;
        int count = 0;
        snprintf(url, sizeof url, "%s/images?page=%ld&per_page=100", base_url, page);
        curl_easy_setopt(curl, CURLOPT_URL, url);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
        if (curl_easy_perform(curl) != CURLE_OK) die("libcurl request failed");
        doc = cJSON_Parse(b.data);
        free(b.data);
        items = cJSON_GetObjectItemCaseSensitive(doc, "images");
        cJSON_ArrayForEach(item, items) {
            if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(item, "id"))) ++n;
            ++count;
        }
        cJSON_Delete(doc);
        if (count < 100) break;
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return n;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v) {
    qsort(v, RUNS, sizeof v[0], by_value);
    return v[RUNS / 2];
}

int main(int argc, char **argv) {
    char base_url[256], root[256], seed[64], config[64];
    double sdk[RUNS], sdk1[RUNS], plain[RUNS], t;
    pid_t emulator;
    CURL *curl;
    int i, status;

    if (argc < 2) die("usage: bench_list path/to/genesiscloud-emulator");
    emulator = start_emulator(argv[1], base_url, sizeof base_url);
    snprintf(root, sizeof root, "%.*s", (int)(strlen(base_url) - strlen("/compute/v1")), base_url);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    curl = curl_easy_init();
    snprintf(seed, sizeof seed, "{\"images\": %d}", IMAGES);
    snprintf(config, sizeof config, "{\"latency_ms\": %d}", LATENCY_MS);
    control(curl, root, "/_emulator/seed", seed);
    control(curl, root, "/_emulator/config", config);
    curl_easy_cleanup(curl);

    for (i = 0; i < RUNS; ++i) {
        t = now_ms();
        if (list_with_c_api(base_url, 4) != IMAGES) die("the C API did not list every image");
        sdk[i] = now_ms() - t;
        t = now_ms();
        if (list_with_c_api(base_url, 1) != IMAGES) die("the C API did not list every image");
        sdk1[i] = now_ms() - t;
        t = now_ms();
        if (list_with_libcurl(base_url) != IMAGES) die("libcurl did not list every image");
        plain[i] = now_ms() - t;
    }

    printf("list %d images, %d ms latency per page, per_page 100, median of %d runs (libgenesiscloud %s)\n",
           IMAGES, LATENCY_MS, RUNS, gc_version());
    printf("  C API pager, concurrency 4 (default): %8.1f ms\n", median(sdk));
    printf("  C API pager, concurrency 1:           %8.1f ms\n", median(sdk1));
    printf("  libcurl + cJSON page loop:            %8.1f ms\n", median(plain));
    printf("  libcurl / C API (default):            %8.2fx\n", median(plain) / median(sdk));
    printf("  libcurl / C API (concurrency 1):      %8.2fx\n", median(plain) / median(sdk1));

    curl_global_cleanup();
    kill(emulator, SIGTERM);
    waitpid(emulator, &status, 0);
    return 0;
}
