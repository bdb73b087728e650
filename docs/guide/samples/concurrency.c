#include <stdio.h>

#include <genesiscloud.h>

#define N 3

/* Prints an error, if there is one; 1 if there was. */
static int failed(const gc_error *err) {
    if (err == NULL) return 0;
    fprintf(stderr, "%s: %s\n", gc_error_code_name(gc_error_code(err)), gc_error_message(err));
    return 1;
}

int main(void) {
    static const char *bodies[N] = {
        "{\"name\": \"scratch-1\", \"region\": \"NORD-NO-KRS-1\", \"size\": 10}",
        "{\"name\": \"scratch-2\", \"region\": \"NORD-NO-KRS-1\", \"size\": 10}",
        "{\"name\": \"scratch-3\", \"region\": \"NORD-NO-KRS-1\", \"size\": 10}",
    };
    gc_client *client = NULL;
    gc_queue *queue = NULL;
    gc_object *created[N] = {NULL}, *fetched[N] = {NULL};
    gc_error *err = NULL, *errs[N] = {NULL};
    size_t i, done;
    int status = 1;

    if (gc_client_new(NULL, &client, &err) != GC_OK) goto out;
    /* At most 2 calls in flight, run by gc_queue_run or gc_queue_next. */
    if (gc_queue_new(client, 2, &queue, &err) != GC_OK) goto out;
    /* A call refused when queued has its error in errs[i] too. */
    for (i = 0; i < N; ++i) gc_queue_volumes_create(queue, bodies[i], &created[i], &errs[i]);
    if (gc_queue_run(queue, &err) != GC_OK) goto out;
    for (i = 0; i < N; ++i)
        if (failed(errs[i])) goto out;

    for (i = 0; i < N; ++i) gc_queue_volumes_get(queue, gc_object_id(created[i]), &fetched[i], &errs[i]);
    /* Each call as it finishes, by its number: 0 for the first queued
     * since the queue was last empty. */
    while (gc_queue_next(queue, &done, &err) == GC_OK) {
        if (failed(errs[done])) goto out;
        printf("%s %s\n", gc_object_name(fetched[done]), gc_object_status(fetched[done]));
    }
    if (err != NULL) goto out;

    for (i = 0; i < N; ++i) gc_queue_volumes_delete(queue, gc_object_id(created[i]), &errs[i]);
    if (gc_queue_run(queue, &err) != GC_OK) goto out;
    for (i = 0; i < N; ++i)
        if (failed(errs[i])) goto out;
    status = 0;

out:
    failed(err);
    gc_error_free(err);
    gc_queue_free(queue);
    for (i = 0; i < N; ++i) {
        gc_object_free(created[i]);
        gc_object_free(fetched[i]);
        gc_error_free(errs[i]);
    }
    gc_client_free(client);
    return status;
}
