/*
 * The C API side of the C benchmarks: a client on the emulator, and a list
 * walked with the pager.
 */
#ifndef BENCH_SDK_H
#define BENCH_SDK_H

#include <genesiscloud.h>

#include "common.h"

static gc_client *client(void) {
    gc_client_options o = gc_client_options_default();
    gc_client *c = NULL;
    gc_error *err = NULL;
    o.base_url = base;
    o.token = TOKEN;
    if (gc_client_new(&o, &c, &err) != GC_OK) die(gc_error_message(err));
    return c;
}

static long list_sdk(gc_client *c) {
    gc_pager *pager = NULL;
    gc_object *item = NULL;
    gc_error *err = NULL;
    gc_status status;
    long n = 0;
    if (gc_images_list(c, NULL, &pager, &err) != GC_OK) die(gc_error_message(err));
    while ((status = gc_pager_next(pager, &item, &err)) == GC_OK) {
        if (gc_object_id(item) != NULL) ++n;
        gc_object_free(item);
    }
    if (status != GC_DONE) die(gc_error_message(err));
    gc_pager_free(pager);
    return n;
}

#endif
