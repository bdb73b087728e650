/* One list call through the C SDK, configured the way a user would: what
 * the TLS suite (run.py) runs against an HTTPS emulator.
 *
 *     list_images [--ca-bundle FILE] [--proxy URL]
 *
 * The token and base URL come from GENESISCLOUD_TOKEN and
 * GENESISCLOUD_ENDPOINT. Prints "ok <images>", or "error <code> <attempts>
 * <message>" and exits 1. */
#include <stdio.h>
#include <string.h>

#include "genesiscloud.h"

int main(int argc, char **argv) {
    gc_client_options options = gc_client_options_default();
    options.max_retries = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--ca-bundle") == 0) {
            options.ca_bundle = argv[i + 1];
        } else if (strcmp(argv[i], "--proxy") == 0) {
            options.proxy = argv[i + 1];
        } else {
            fprintf(stderr, "unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    gc_client *client = NULL;
    gc_pager *pager = NULL;
    gc_object *image = NULL;
    gc_error *err = NULL;
    gc_status status = gc_client_new(&options, &client, &err);
    if (status == GC_OK) status = gc_images_list(client, NULL, &pager, &err);
    unsigned count = 0;
    while (status == GC_OK && (status = gc_pager_next(pager, &image, &err)) == GC_OK) {
        count++;
        gc_object_free(image);
    }
    gc_pager_free(pager);
    gc_client_free(client);
    if (status != GC_DONE) {
        printf("error %s %u %s\n", gc_error_code_name(status), gc_error_attempts(err), gc_error_message(err));
        gc_error_free(err);
        return 1;
    }
    printf("ok %u\n", count);
    return 0;
}
