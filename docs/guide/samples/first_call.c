#include <stdio.h>

#include <genesiscloud.h>

int main(void) {
    gc_client *client = NULL;
    gc_pager *pager = NULL;
    gc_object *image = NULL;
    gc_error *err = NULL;

    /* NULL options: GENESISCLOUD_TOKEN, and GENESISCLOUD_ENDPOINT when set. */
    if (gc_client_new(NULL, &client, &err) != GC_OK) goto failed;
    if (gc_images_list(client, NULL, &pager, &err) != GC_OK) goto failed;
    while (gc_pager_next(pager, &image, &err) == GC_OK) {
        printf("%s %s\n", gc_object_id(image), gc_object_name(image));
        gc_object_free(image);
    }
    if (err != NULL) goto failed; /* the loop ended on an error, not GC_DONE */
    gc_pager_free(pager);
    gc_client_free(client);
    return 0;

failed:
    fprintf(stderr, "%s: %s\n", gc_error_code_name(gc_error_code(err)), gc_error_message(err));
    gc_error_free(err);
    gc_pager_free(pager);
    gc_client_free(client);
    return 1;
}
