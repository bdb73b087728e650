/*
 * gc_queue: many calls at once on the thread that drives the queue, each
 * answered in its own out and err as its blocking function would answer.
 */
#include <pthread.h>

#include "gc_test.h"

#define KEY_BODY(name, n)                                                                   \
    "{\"name\": \"" name "\", \"value\": \"ssh-ed25519 "                                    \
    "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl q" #n "@x\"}"

static gc_queue *queue_of(const gc_client *client, size_t in_flight) {
    gc_queue *q = NULL;
    gc_error *err = NULL;
    CHECK_OK(gc_queue_new(client, in_flight, &q, &err), err);
    return q;
}

/* Every kind of answer, and a failure, as the blocking functions give them. */
static void answers_like_the_blocking_functions(fixture *f) {
    gc_queue *q = queue_of(f->client, 4);
    gc_object *a = NULL, *b = NULL, *avail = NULL;
    gc_array *quotas = NULL;
    gc_strings *actions = NULL;
    gc_page *page = NULL;
    gc_object *missing = (gc_object *)&missing;
    gc_error *err_a, *err_b, *err_quotas, *err_actions, *err_page, *err_missing, *err_avail, *err = NULL;
    char *instance = first_instance_id(f->client);
    gc_object *got = NULL;
    gc_error *err_got, *err_del;
    size_t first = 9, second = 9;

    gc_emulator_clear_requests(f->emu);

    CHECK_OK(gc_queue_ssh_keys_create(q, KEY_BODY("queued-a", 1), &a, &err_a), err_a);
    CHECK_OK(gc_queue_ssh_keys_create(q, KEY_BODY("queued-b", 2), &b, &err_b), err_b);
    CHECK_OK(gc_queue_quotas(q, &quotas, &err_quotas), err_quotas);
    CHECK_OK(gc_queue_instances_actions(q, instance, &actions, &err_actions), err_actions);
    CHECK_OK(gc_queue_ssh_keys_list_page(q, NULL, &page, &err_page), err_page);
    CHECK_OK(gc_queue_availability(q, "NORD-NO-KRS-1", NULL, &avail, &err_avail), err_avail);
    CHECK_OK(gc_queue_volumes_get(q, "00000000-0000-4000-8000-000000000000", &missing, &err_missing),
             err_missing);
    /* Nothing has run yet: the outs were cleared, nothing was sent. */
    CHECK(a == NULL && missing == NULL && gc_queue_len(q) == 7);
    CHECK(requests_logged(f->emu) == 0);

    CHECK_OK(gc_queue_run(q, &err), err);
    CHECK(gc_queue_len(q) == 0);
    CHECK(requests_logged(f->emu) == 7);
    CHECK(err_a == NULL && err_b == NULL && err_quotas == NULL && err_actions == NULL);
    CHECK(err_page == NULL && err_avail == NULL);
    CHECK_STR(gc_object_name(a), "queued-a");
    CHECK_STR(gc_object_name(b), "queued-b");
    CHECK(gc_array_len(quotas) > 0);
    CHECK(gc_strings_len(actions) > 0);
    CHECK(gc_page_len(page) >= 2);
    CHECK(strstr(gc_object_json(avail), "\"instance_types\"") != NULL);
    CHECK(missing == NULL);
    CHECK(gc_error_code(err_missing) == GC_ERROR_NOT_FOUND);
    CHECK(gc_error_http_status(err_missing) == 404);

    /* The same queue takes more calls once it has run, numbered from 0
     * again, so that the numbers index the new batch. */
    CHECK_OK(gc_queue_ssh_keys_get(q, gc_object_id(a), &got, &err_got), err_got);
    CHECK_OK(gc_queue_ssh_keys_delete(q, gc_object_id(b), &err_del), err_del);
    CHECK_OK(gc_queue_next(q, &first, &err), err);
    CHECK_OK(gc_queue_next(q, &second, &err), err);
    CHECK(gc_queue_next(q, &first, &err) == GC_DONE);
    CHECK(first + second == 1 && first * second == 0);
    CHECK(err_got == NULL && err_del == NULL);
    CHECK_STR(gc_object_name(got), "queued-a");
    gc_object_free(got);
    CHECK_ERR(gc_ssh_keys_get(f->client, gc_object_id(b), &got, &err), err, GC_ERROR_NOT_FOUND);

    gc_queue_free(q);
    gc_object_free(a);
    gc_object_free(b);
    gc_object_free(avail);
    gc_array_free(quotas);
    gc_strings_free(actions);
    gc_page_free(page);
    gc_error_free(err_missing);
    free(instance);
    printf("  answers like the blocking functions\n");
}

/* With room for two calls, a fast call queued after a slow one finishes
 * first; with room for one, calls finish in the order they were queued. */
static void calls_run_at_once_up_to_in_flight(fixture *f) {
    gc_object *slow_key = NULL, *fast_key = NULL;
    gc_error *err = NULL;
    char fault[256];
    size_t in_flight;

    CHECK_OK(gc_ssh_keys_create(f->client, KEY_BODY("slow", 3), &slow_key, &err), err);
    CHECK_OK(gc_ssh_keys_create(f->client, KEY_BODY("fast", 4), &fast_key, &err), err);
    for (in_flight = 2; in_flight >= 1; --in_flight) {
        gc_queue *q = queue_of(f->client, in_flight);
        gc_object *slow = NULL, *fast = NULL;
        gc_error *err_slow, *err_fast;
        size_t first = 99, second = 99, none = 99;

        snprintf(fault, sizeof fault,
                 "{\"kind\": \"latency\", \"latency_ms\": 1500, \"path\": \"/compute/v1/ssh-keys/%s\", \"times\": 1}",
                 gc_object_id(slow_key));
        CHECK_OK(gc_emulator_inject_fault(f->emu, fault, &err), err);
        CHECK_OK(gc_queue_ssh_keys_get(q, gc_object_id(slow_key), &slow, &err_slow), err_slow);
        CHECK_OK(gc_queue_ssh_keys_get(q, gc_object_id(fast_key), &fast, &err_fast), err_fast);
        CHECK_OK(gc_queue_next(q, &first, &err), err);
        CHECK(gc_queue_len(q) == 1);
        CHECK_OK(gc_queue_next(q, &second, &err), err);
        CHECK(gc_queue_next(q, &none, &err) == GC_DONE && err == NULL && none == 99);
        CHECK(first == (in_flight == 2 ? 1u : 0u));
        CHECK(second == (in_flight == 2 ? 0u : 1u));
        CHECK_STR(gc_object_name(slow), "slow");
        CHECK_STR(gc_object_name(fast), "fast");
        gc_object_free(slow);
        gc_object_free(fast);
        gc_queue_free(q);
        gc_emulator_clear_faults(f->emu);
    }
    gc_object_free(slow_key);
    gc_object_free(fast_key);
    printf("  calls run at once, up to in_flight\n");
}

/* A bad argument fails at once, in the blocking function's words, and
 * queues nothing. */
static void bad_arguments_fail_at_once(fixture *f) {
    gc_queue *q = NULL;
    gc_object *o = NULL, *blocking = NULL;
    gc_error *err = NULL, *blocking_err = NULL;
    size_t finished = 7;

    CHECK_ERR(gc_queue_new(f->client, 0, &q, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK(q == NULL);
    CHECK_ERR(gc_queue_new(NULL, 4, &q, &err), err, GC_ERROR_INVALID_ARGUMENT);
    q = queue_of(f->client, 4);

    CHECK(gc_queue_instances_get(q, NULL, &o, &err) == GC_ERROR_INVALID_ARGUMENT);
    CHECK_STR(gc_error_message(err), "`id` must not be NULL");
    gc_error_free(err);
    CHECK(gc_queue_instances_create(q, "{\"name\": \"x\"}", &o, &err) == GC_ERROR_INVALID_ARGUMENT);
    CHECK(gc_instances_create(f->client, "{\"name\": \"x\"}", &blocking, &blocking_err) == GC_ERROR_INVALID_ARGUMENT);
    CHECK_STR(gc_error_message(err), gc_error_message(blocking_err));
    gc_error_free(err);
    gc_error_free(blocking_err);
    CHECK(gc_queue_instances_get(q, "some-id", &o, NULL) == GC_ERROR_INVALID_ARGUMENT);
    CHECK_ERR(gc_queue_instances_get(q, "some-id", NULL, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK_ERR(gc_queue_instances_get(NULL, "some-id", &o, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK(gc_queue_len(q) == 0);

    CHECK_ERR(gc_queue_next(q, NULL, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK(gc_queue_next(q, &finished, &err) == GC_DONE && finished == 7);
    CHECK_OK(gc_queue_run(q, &err), err);
    CHECK_ERR(gc_queue_next(NULL, &finished, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK_ERR(gc_queue_run(NULL, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK(gc_queue_len(NULL) == 0);
    gc_queue_free(q);
    gc_queue_free(NULL);
    printf("  bad arguments fail at once\n");
}

/* The strings a call is queued with may be freed before it runs, and the
 * queue outlives its client. */
static void arguments_and_client_are_kept(fixture *f) {
    gc_client *client = fixture_client(f->emu, gc_client_options_default());
    gc_queue *q = queue_of(client, 2);
    gc_object *key = NULL, *got = NULL;
    gc_error *err = NULL, *err_got;
    char *id;

    CHECK_OK(gc_ssh_keys_create(client, KEY_BODY("kept", 5), &key, &err), err);
    id = strdup(gc_object_id(key));
    CHECK_OK(gc_queue_ssh_keys_get(q, id, &got, &err_got), err_got);
    memset(id, 'x', strlen(id));
    free(id);
    gc_client_free(client);
    CHECK_OK(gc_queue_run(q, &err), err);
    CHECK(err_got == NULL);
    CHECK_STR(gc_object_id(got), gc_object_id(key));
    gc_object_free(got);
    gc_object_free(key);
    gc_queue_free(q);
    printf("  arguments and client are kept\n");
}

typedef struct {
    gc_queue *queue;
    gc_status status;
} other_thread;

static void *drive_from_another_thread(void *arg) {
    other_thread *t = arg;
    size_t finished;
    gc_error *err = NULL;
    t->status = gc_queue_next(t->queue, &finished, &err);
    gc_error_free(err);
    return NULL;
}

/* Calls in flight belong to the thread that started them; freeing the
 * queue abandons them and leaves their outs NULL. */
static void calls_in_flight_stay_on_their_thread(fixture *f) {
    gc_queue *q = queue_of(f->client, 2);
    gc_object *key = NULL, *got[4] = {NULL, NULL, NULL, NULL};
    gc_error *err = NULL, *errs[4];
    other_thread t;
    pthread_t thread;
    size_t finished, i;

    CHECK_OK(gc_ssh_keys_create(f->client, KEY_BODY("threads", 6), &key, &err), err);
    CHECK_OK(gc_emulator_inject_fault(f->emu, "{\"kind\": \"latency\", \"latency_ms\": 3000, \"after\": 1}", &err), err);
    for (i = 0; i < 4; ++i) CHECK_OK(gc_queue_ssh_keys_get(q, gc_object_id(key), &got[i], &errs[i]), errs[i]);
    /* Two start; the one the emulator sees first answers at once. */
    CHECK_OK(gc_queue_next(q, &finished, &err), err);
    CHECK(finished < 2 && got[finished] != NULL && gc_queue_len(q) == 3);

    t.queue = q;
    t.status = GC_OK;
    CHECK(pthread_create(&thread, NULL, drive_from_another_thread, &t) == 0);
    CHECK(pthread_join(thread, NULL) == 0);
    CHECK(t.status == GC_ERROR_INVALID_ARGUMENT);

    gc_queue_free(q);
    for (i = 0; i < 4; ++i) CHECK((got[i] != NULL) == (i == finished) && errs[i] == NULL);
    gc_emulator_clear_faults(f->emu);
    gc_object_free(got[finished]);
    gc_object_free(key);
    printf("  calls in flight stay on their thread\n");
}

typedef struct {
    gc_queue *queue;
    int calls;
    gc_status next;
    gc_status queued;
} reentry;

static int32_t call_the_queue_back(const gc_wait_progress *p, void *userdata) {
    reentry *r = userdata;
    size_t finished;
    gc_array *quotas = NULL;
    gc_error *err = NULL, *err2 = NULL;
    (void)p;
    r->calls++;
    r->next = gc_queue_next(r->queue, &finished, &err);
    r->queued = gc_queue_quotas(r->queue, &quotas, &err2);
    gc_error_free(err);
    gc_error_free(err2);
    return 0;
}

/* A callback of a queued call (here a wait's progress) runs on the driving
 * thread and cannot drive or grow the queue it runs in. */
static void callbacks_cannot_call_their_queue(fixture *f) {
    gc_queue *q = queue_of(f->client, 2);
    gc_object *vol = NULL, *ready = NULL;
    gc_error *err = NULL, *err_ready;
    gc_wait_options w = gc_wait_options_default();
    reentry r = {NULL, 0, GC_OK, GC_OK};

    CHECK_OK(gc_volumes_create(f->client, "{\"name\": \"queued-wait\", \"region\": \"NORD-NO-KRS-1\", \"size\": 1}", &vol, &err), err);
    r.queue = q;
    w.on_progress = call_the_queue_back;
    w.userdata = &r;
    w.interval_ms = 10;
    CHECK_OK(gc_queue_volumes_wait_until(q, gc_object_id(vol), "created", &w, &ready, &err_ready), err_ready);
    CHECK_OK(gc_queue_run(q, &err), err);
    CHECK(err_ready == NULL);
    CHECK_STR(gc_object_status(ready), "created");
    CHECK(r.calls >= 1);
    CHECK(r.next == GC_ERROR_INVALID_ARGUMENT && r.queued == GC_ERROR_INVALID_ARGUMENT);
    CHECK(gc_queue_len(q) == 0);
    gc_object_free(ready);
    gc_object_free(vol);
    gc_queue_free(q);
    printf("  callbacks cannot call their queue\n");
}

int main(void) {
    fixture f = fixture_start();
    answers_like_the_blocking_functions(&f);
    calls_run_at_once_up_to_in_flight(&f);
    bad_arguments_fail_at_once(&f);
    arguments_and_client_are_kept(&f);
    calls_in_flight_stay_on_their_thread(&f);
    callbacks_cannot_call_their_queue(&f);
    fixture_stop(&f);
    printf("test_queue: ok\n");
    return 0;
}
