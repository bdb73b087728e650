#include <stdio.h>

#include <genesiscloud.h>

int main(void) {
    gc_emulator *emulator = NULL;
    gc_client *client = NULL;
    gc_page *page = NULL;
    gc_object *volume = NULL;
    gc_error *err = NULL;
    int ok = 0;

    if (gc_emulator_start(&emulator, &err) != GC_OK) goto done;
    gc_client_options options = gc_client_options_default();
    options.base_url = gc_emulator_base_url(emulator);
    options.token = gc_emulator_token(emulator);
    if (gc_client_new(&options, &client, &err) != GC_OK) goto done;

    /* A GET answered 503 twice is retried, and the third attempt succeeds. */
    gc_emulator_inject_fault(emulator,
        "{\"kind\": \"status\", \"status\": 503, \"method\": \"GET\", \"path\": \"/compute/v1/images\", \"times\": 2}",
        NULL);
    if (gc_images_list_page(client, NULL, &page, &err) != GC_OK) goto done;
    printf("%zu images after two retries\n", gc_page_len(page));

    /* A POST that may have reached the server is never sent again. */
    gc_emulator_inject_fault(emulator,
        "{\"kind\": \"status\", \"status\": 503, \"method\": \"POST\", \"path\": \"/compute/v1/volumes\", \"times\": 1}",
        NULL);
    gc_status status = gc_volumes_create(
        client, "{\"name\": \"data\", \"region\": \"NORD-NO-KRS-1\", \"size\": 10}", &volume, &err);
    printf("%s attempts: %u request_sent: %d\n", gc_error_code_name(status), gc_error_attempts(err),
           gc_error_request_sent(err));
    ok = status == GC_ERROR_SERVER_ERROR && gc_error_request_sent(err); /* look before creating it again */

done:
    if (!ok && err != NULL) fprintf(stderr, "%s\n", gc_error_message(err));
    gc_error_free(err);
    gc_object_free(volume);
    gc_page_free(page);
    gc_client_free(client);
    gc_emulator_stop(emulator);
    return ok ? 0 : 1;
}
