/*
 * The wait options' progress callback: told of every poll in order, on the
 * caller's thread, and able to stop the wait with GC_ERROR_CANCELLED.
 */
#include <pthread.h>

#include "gc_test.h"

#define MAX_CALLS 64

/* What the callback saw, through its userdata. */
typedef struct {
    pthread_t caller;
    int calls;
    int stop_at; /* the poll that returns nonzero; 0 never stops */
    uint32_t polls[MAX_CALLS];
    uint64_t elapsed_ms[MAX_CALLS];
    char status[MAX_CALLS][32]; /* "" for NULL (404) */
    int on_caller_thread;
} seen;

static int32_t record(const gc_wait_progress *p, void *userdata) {
    seen *s = userdata;
    CHECK(s->calls < MAX_CALLS);
    s->polls[s->calls] = p->polls;
    s->elapsed_ms[s->calls] = p->elapsed_ms;
    snprintf(s->status[s->calls], sizeof s->status[0], "%s", p->status ? p->status : "");
    s->on_caller_thread &= pthread_equal(pthread_self(), s->caller) != 0;
    s->calls++;
    return s->stop_at != 0 && (int)p->polls >= s->stop_at ? 7 : 0;
}

static gc_wait_options watched(seen *s, int stop_at) {
    gc_wait_options w = gc_wait_options_default();
    memset(s, 0, sizeof *s);
    s->caller = pthread_self();
    s->on_caller_thread = 1;
    s->stop_at = stop_at;
    w.timeout_ms = 5000;
    w.interval_ms = 50;
    w.max_interval_ms = 50;
    w.on_progress = record;
    w.userdata = s;
    return w;
}

/* Polls numbered 1, 2, ... in order, time never going back. */
static void check_in_order(const seen *s) {
    int i;
    for (i = 0; i < s->calls; i++) {
        CHECK(s->polls[i] == (uint32_t)(i + 1));
        if (i > 0) CHECK(s->elapsed_ms[i] >= s->elapsed_ms[i - 1]);
    }
    CHECK(s->on_caller_thread);
}

static void every_poll_is_told_the_last_one_included(fixture *f) {
    gc_object *vol = NULL, *obj = NULL;
    gc_error *err = NULL;
    seen s;
    gc_wait_options w = watched(&s, 0);

    CHECK_OK(gc_emulator_configure(f->emu, 1500, GC_UNSET, GC_UNSET, &err), err);
    CHECK_OK(gc_volumes_create(f->client, "{\"name\": \"watched\", \"region\": \"NORD-NO-KRS-1\", \"size\": 1}", &vol, &err), err);
    CHECK_OK(gc_volumes_wait_until(f->client, gc_object_id(vol), "created", &w, &obj, &err), err);
    CHECK_STR(gc_object_status(obj), "created");
    CHECK(s.calls >= 2);
    check_in_order(&s);
    CHECK_STR(s.status[0], "creating");
    CHECK_STR(s.status[s.calls - 1], "created");
    gc_object_free(obj);

    /* Waiting for "deleted": the last poll answered 404, told as NULL. */
    CHECK_OK(gc_volumes_delete(f->client, gc_object_id(vol), &err), err);
    w = watched(&s, 0);
    CHECK_OK(gc_volumes_wait_until(f->client, gc_object_id(vol), "deleted", &w, &obj, &err), err);
    CHECK(obj == NULL);
    CHECK(s.calls >= 2);
    check_in_order(&s);
    CHECK_STR(s.status[0], "deleting");
    CHECK_STR(s.status[s.calls - 1], "");
    gc_object_free(vol);
}

static void a_nonzero_return_stops_the_wait_at_once(fixture *f) {
    gc_object *vol = NULL, *obj = NULL;
    gc_error *err = NULL;
    seen s;
    gc_wait_options w = watched(&s, 2);

    CHECK_OK(gc_emulator_configure(f->emu, 60000, GC_UNSET, GC_UNSET, &err), err);
    CHECK_OK(gc_volumes_create(f->client, "{\"name\": \"abandoned\", \"region\": \"NORD-NO-KRS-1\", \"size\": 1}", &vol, &err), err);
    gc_emulator_clear_requests(f->emu);
    CHECK(gc_volumes_wait_until(f->client, gc_object_id(vol), "created", &w, &obj, &err) == GC_ERROR_CANCELLED);
    CHECK(obj == NULL);
    CHECK(gc_error_code(err) == GC_ERROR_CANCELLED);
    CHECK_STR(gc_error_code_name(gc_error_code(err)), "cancelled");
    CHECK(strstr(gc_error_message(err), "the progress callback stopped the wait: it returned 7") != NULL);
    CHECK(!gc_error_request_sent(err));
    gc_error_free(err);
    CHECK(s.calls == 2);
    check_in_order(&s);
    /* No poll after the one the callback stopped. */
    CHECK(requests_logged(f->emu) == 2);
    gc_object_free(vol);
    CHECK_OK(gc_emulator_configure(f->emu, 0, GC_UNSET, GC_UNSET, &err), err);
}

/* The defaults tell nobody; a NULL callback with userdata is no callback. */
static void no_callback_by_default(fixture *f) {
    gc_object *vol = NULL, *obj = NULL;
    gc_error *err = NULL;
    gc_wait_options w = gc_wait_options_default();
    int untouched = 0;

    CHECK(w.on_progress == NULL);
    CHECK(w.userdata == NULL);
    w.userdata = &untouched;
    w.interval_ms = 50;
    CHECK_OK(gc_volumes_create(f->client, "{\"name\": \"plain\", \"region\": \"NORD-NO-KRS-1\", \"size\": 1}", &vol, &err), err);
    CHECK_OK(gc_volumes_wait_until(f->client, gc_object_id(vol), "created", &w, &obj, &err), err);
    CHECK(untouched == 0);
    gc_object_free(obj);
    gc_object_free(vol);
}

int main(void) {
    fixture f = fixture_start();
    every_poll_is_told_the_last_one_included(&f);
    a_nonzero_return_stops_the_wait_at_once(&f);
    no_callback_by_default(&f);
    fixture_stop(&f);
    puts("test_wait_progress: ok");
    return 0;
}
