/* One client shared by many threads at once. */
#include <pthread.h>

#include "gc_test.h"

#define THREADS 8
#define ROUNDS 5

typedef struct {
    gc_client *client;
    int index;
    int failures;
} worker;

static void *work(void *arg) {
    worker *w = arg;
    gc_error *err = NULL;
    char body[256];
    int round;

    for (round = 0; round < ROUNDS; ++round) {
        gc_page *page = NULL;
        gc_pager *pager = NULL;
        gc_object *item = NULL, *key = NULL, *got = NULL;
        size_t n = 0;

        if (gc_images_list_page(w->client, NULL, &page, &err) != GC_OK) goto failed;
        gc_page_free(page);

        if (gc_images_list(w->client, NULL, &pager, &err) != GC_OK) goto failed;
        while (gc_pager_next(pager, &item, &err) == GC_OK) {
            gc_object_free(item);
            ++n;
        }
        gc_pager_free(pager);
        if (err != NULL || n == 0) goto failed;

        snprintf(body, sizeof body,
                 "{\"name\": \"key-%d-%d\", \"value\": \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl t%d@x\"}",
                 w->index, round, w->index * 100 + round);
        if (gc_ssh_keys_create(w->client, body, &key, &err) != GC_OK) goto failed;
        if (gc_ssh_keys_get(w->client, gc_object_id(key), &got, &err) != GC_OK) {
            gc_object_free(key);
            goto failed;
        }
        if (strcmp(gc_object_name(got), gc_object_name(key)) != 0) ++w->failures;
        if (gc_ssh_keys_delete(w->client, gc_object_id(key), &err) != GC_OK) ++w->failures;
        gc_error_free(err);
        err = NULL;
        gc_object_free(got);
        gc_object_free(key);
        continue;
    failed:
        fprintf(stderr, "thread %d: %s: %s\n", w->index, gc_error_code_name(gc_error_code(err)),
                gc_error_message(err));
        gc_error_free(err);
        err = NULL;
        ++w->failures;
    }
    return NULL;
}

int main(void) {
    fixture f = fixture_start();
    pthread_t threads[THREADS];
    worker workers[THREADS];
    int i;

    for (i = 0; i < THREADS; ++i) {
        workers[i].client = f.client;
        workers[i].index = i;
        workers[i].failures = 0;
        CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0);
    }
    for (i = 0; i < THREADS; ++i) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        CHECK(workers[i].failures == 0);
    }
    fixture_stop(&f);
    printf("test_threads: ok\n");
    return 0;
}
