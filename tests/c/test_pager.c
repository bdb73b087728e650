/* The auto-paginating list: every item once over many pages, total_count,
 * starting page, and freeing a pager in the middle of a list. */
#include "gc_test.h"

#define SEEDED 250

static int compare(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists every image with a client of page size `per_page`. */
static void lists_every_item_once(fixture *f, uint32_t per_page) {
    gc_client_options o = gc_client_options_default();
    gc_client *client;
    gc_pager *pager = NULL;
    gc_object *item = NULL;
    gc_error *err = NULL;
    gc_status status;
    char *ids[SEEDED + 1];
    size_t n = 0, i;

    o.per_page = per_page;
    client = fixture_client(f->emu, o);
    gc_emulator_clear_requests(f->emu);
    CHECK_OK(gc_images_list(client, NULL, &pager, &err), err);
    CHECK(gc_pager_total_count(pager) == -1); /* nothing fetched yet */
    CHECK(requests_logged(f->emu) == 0);
    while ((status = gc_pager_next(pager, &item, &err)) == GC_OK) {
        CHECK(n < SEEDED);
        ids[n++] = strdup(gc_object_id(item));
        gc_object_free(item);
    }
    CHECK(status == GC_DONE);
    CHECK(err == NULL);
    CHECK(n == SEEDED);
    CHECK(gc_pager_total_count(pager) == SEEDED);
    CHECK(gc_pager_next(pager, &item, &err) == GC_DONE); /* stays done */
    CHECK(requests_logged(f->emu) == (SEEDED + per_page - 1) / per_page);
    gc_pager_free(pager);
    gc_client_free(client);

    qsort(ids, n, sizeof ids[0], compare);
    for (i = 1; i < n; ++i) CHECK(strcmp(ids[i - 1], ids[i]) != 0);
    for (i = 0; i < n; ++i) free(ids[i]);
}

static void starts_at_the_given_page(fixture *f) {
    gc_list_params params = gc_list_params_default();
    gc_pager *pager = NULL;
    gc_page *page = NULL;
    gc_object *item = NULL, *first = NULL;
    gc_error *err = NULL;
    size_t n = 0;

    params.page = 3;
    params.per_page = 100;
    CHECK_OK(gc_images_list_page(f->client, &params, &page, &err), err);
    CHECK(gc_page_len(page) == SEEDED - 200);
    CHECK(gc_page_number(page) == 3);
    CHECK(gc_page_total_count(page) == SEEDED);

    CHECK_OK(gc_images_list(f->client, &params, &pager, &err), err);
    CHECK_OK(gc_pager_next(pager, &first, &err), err);
    CHECK_STR(gc_object_id(first), gc_object_id(gc_page_get(page, 0)));
    for (n = 1; gc_pager_next(pager, &item, &err) == GC_OK; ++n) gc_object_free(item);
    CHECK(n == SEEDED - 200);
    gc_object_free(first);
    gc_pager_free(pager);
    gc_page_free(page);
}

/* Freeing a pager with pages in flight cancels them; the client stays
 * usable. */
static void free_in_the_middle(fixture *f) {
    gc_pager *pager = NULL;
    gc_object *item = NULL;
    gc_page *page = NULL;
    gc_error *err = NULL;
    gc_client_options o = gc_client_options_default();
    gc_client *client;
    int i;

    o.per_page = 10;
    client = fixture_client(f->emu, o);
    CHECK_OK(gc_emulator_configure(f->emu, GC_UNSET, 50, GC_UNSET, &err), err);
    CHECK_OK(gc_images_list(client, NULL, &pager, &err), err);
    for (i = 0; i < 15; ++i) {
        CHECK_OK(gc_pager_next(pager, &item, &err), err);
        gc_object_free(item);
    }
    gc_pager_free(pager);

    /* A pager freed before its first item, too. */
    CHECK_OK(gc_images_list(client, NULL, &pager, &err), err);
    gc_pager_free(pager);

    CHECK_OK(gc_emulator_configure(f->emu, GC_UNSET, 0, GC_UNSET, &err), err);
    CHECK_OK(gc_images_list_page(client, NULL, &page, &err), err);
    gc_page_free(page);
    gc_client_free(client);
}

/* A pager outlives the client it came from. */
static void outlives_its_client(fixture *f) {
    gc_client *client = fixture_client(f->emu, gc_client_options_default());
    gc_pager *pager = NULL;
    gc_object *item = NULL;
    gc_error *err = NULL;
    size_t n = 0;

    CHECK_OK(gc_images_list(client, NULL, &pager, &err), err);
    gc_client_free(client);
    while (gc_pager_next(pager, &item, &err) == GC_OK) {
        gc_object_free(item);
        ++n;
    }
    CHECK(err == NULL);
    CHECK(n == SEEDED);
    gc_pager_free(pager);
}

int main(void) {
    fixture f = fixture_start();
    gc_error *err = NULL;

    CHECK_OK(gc_emulator_reset(f.emu, "empty", &err), err);
    CHECK_OK(gc_emulator_configure(f.emu, 0, GC_UNSET, GC_UNSET, &err), err);
    CHECK_OK(gc_emulator_seed(f.emu, "images", SEEDED, &err), err);
    CHECK_ERR(gc_emulator_seed(f.emu, "unicorns", 1, &err), err, GC_ERROR_INVALID_ARGUMENT);
    CHECK_ERR(gc_emulator_reset(f.emu, "full", &err), err, GC_ERROR_INVALID_ARGUMENT);

    lists_every_item_once(&f, 100);
    lists_every_item_once(&f, 10);
    starts_at_the_given_page(&f);
    free_in_the_middle(&f);
    outlives_its_client(&f);
    fixture_stop(&f);
    printf("test_pager: ok\n");
    return 0;
}
