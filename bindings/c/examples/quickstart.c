/*
 * Lists images and instances. With GENESISCLOUD_TOKEN set it talks to the
 * real API (or GENESISCLOUD_ENDPOINT); otherwise it starts the bundled
 * emulator and says so.
 *
 *   cc quickstart.c $(pkg-config --cflags --libs genesiscloud)
 */
#include <stdio.h>
#include <stdlib.h>

#include <genesiscloud.h>

static int fail(const char *what, gc_error *err) {
    fprintf(stderr, "%s failed: %s: %s\n", what, gc_error_code_name(gc_error_code(err)),
            gc_error_message(err));
    gc_error_free(err);
    return 1;
}

/* Prints every item of a list, one line each; returns how many. */
static gc_status print_all(gc_pager *pager, long *count, gc_error **err) {
    gc_object *item = NULL;
    gc_status status;
    while ((status = gc_pager_next(pager, &item, err)) == GC_OK) {
        const char *status_text = gc_object_status(item);
        printf("  %s  %-40s %s\n", gc_object_id(item), gc_object_name(item),
               status_text ? status_text : "");
        gc_object_free(item);
        ++*count;
    }
    return status == GC_DONE ? GC_OK : status;
}

int main(void) {
    gc_emulator *emulator = NULL;
    gc_client *client = NULL;
    gc_pager *pager = NULL;
    gc_error *err = NULL;
    gc_client_options options = gc_client_options_default();
    long images = 0, instances = 0;
    const char *token = getenv("GENESISCLOUD_TOKEN");

    if (token == NULL || token[0] == '\0') {
        if (gc_emulator_start(&emulator, &err) != GC_OK) return fail("starting the emulator", err);
        printf("GENESISCLOUD_TOKEN is not set: using the bundled emulator at %s\n",
               gc_emulator_base_url(emulator));
        options.base_url = gc_emulator_base_url(emulator);
        options.token = gc_emulator_token(emulator);
    }
    if (gc_client_new(&options, &client, &err) != GC_OK) {
        gc_emulator_stop(emulator);
        return fail("creating the client", err);
    }

    printf("images:\n");
    if (gc_images_list(client, NULL, &pager, &err) != GC_OK || print_all(pager, &images, &err) != GC_OK)
        goto failed;
    gc_pager_free(pager);

    printf("instances:\n");
    if (gc_instances_list(client, NULL, &pager, &err) != GC_OK ||
        print_all(pager, &instances, &err) != GC_OK)
        goto failed;
    gc_pager_free(pager);

    printf("%ld images, %ld instances (libgenesiscloud %s)\n", images, instances, gc_version());
    gc_client_free(client);
    gc_emulator_stop(emulator);
    return 0;

failed:
    gc_pager_free(pager);
    gc_client_free(client);
    gc_emulator_stop(emulator);
    return fail("listing", err);
}
