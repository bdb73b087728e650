/*
 * The peer of the C benchmarks: a libcurl + cJSON loop, the way a C user
 * without the SDK would write it, over one keep-alive handle.
 */
#ifndef BENCH_PEER_H
#define BENCH_PEER_H

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "buffer.h"
#include "common.h"

/* One keep-alive handle for the whole process, as a C user would keep it. */
static CURL *curl;
static struct curl_slist *headers;

static cJSON *curl_json(const char *url) {
    buffer b = {NULL, 0};
    cJSON *doc;
    long code = 0;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
    if (curl_easy_perform(curl) != CURLE_OK) die("libcurl request failed");
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    if (code != 200) die("libcurl: not 200");
    doc = cJSON_Parse(b.data);
    free(b.data);
    if (doc == NULL) die("cJSON could not parse the answer");
    return doc;
}

static long list_curl(void) {
    long n = 0, page;
    for (page = 1;; ++page) {
        char url[512];
        const cJSON *item;
        int count = 0;
        cJSON *doc;
        snprintf(url, sizeof url, "%s/images?page=%ld&per_page=100", base, page);
        doc = curl_json(url);
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(doc, "images")) {
            if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(item, "id"))) ++n;
            ++count;
        }
        cJSON_Delete(doc);
        if (count < 100) return n;
    }
}

/* Loads libcurl's TLS stack and opens the handle. */
static void peer_start(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    curl = curl_easy_init();
    headers = curl_slist_append(NULL, "X-Auth-Token: " TOKEN);
}

static void peer_stop(void) {
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
}

#endif
