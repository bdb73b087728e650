#include <stdio.h>
#include <string.h>

#include <genesiscloud.h>

int main(void) {
    gc_client *client = NULL;
    gc_object *volume = NULL, *created = NULL, *gone = NULL;
    gc_error *err = NULL;
    char id[64] = "";

    if (gc_client_new(NULL, &client, &err) != GC_OK) goto failed;
    if (gc_volumes_create(client, "{\"name\": \"scratch\", \"region\": \"NORD-NO-KRS-1\", \"size\": 10}",
                          &volume, &err) != GC_OK)
        goto failed;
    strncpy(id, gc_object_id(volume), sizeof id - 1);

    gc_wait_options wait = gc_wait_options_default();
    wait.timeout_ms = 120000;
    if (gc_volumes_wait_until(client, id, "created", &wait, &created, &err) != GC_OK) goto failed;
    printf("%s %s\n", gc_object_name(created), gc_object_status(created));

    if (gc_volumes_delete(client, id, &err) != GC_OK) goto failed;
    /* Until GET answers 404; *out is then NULL. */
    if (gc_volumes_wait_until(client, id, "deleted", NULL, &gone, &err) != GC_OK) goto failed;

    gc_object_free(created);
    gc_object_free(volume);
    gc_client_free(client);
    return 0;

failed:
    fprintf(stderr, "%s: %s\n", gc_error_code_name(gc_error_code(err)), gc_error_message(err));
    gc_error_free(err);
    gc_object_free(created);
    gc_object_free(volume);
    gc_client_free(client);
    return 1;
}
