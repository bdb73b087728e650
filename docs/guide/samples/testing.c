#include <stdio.h>
#include <string.h>

#include <genesiscloud.h>

int main(void) {
    gc_emulator *emulator = NULL;
    gc_client *client = NULL;
    gc_page *page = NULL;
    gc_error *err = NULL;
    char *requests = NULL;

    if (gc_emulator_start(&emulator, &err) != GC_OK) return 1;
    gc_client_options options = gc_client_options_default();
    options.base_url = gc_emulator_base_url(emulator);
    options.token = gc_emulator_token(emulator);
    options.max_retries = 0;
    if (gc_client_new(&options, &client, &err) != GC_OK) return 1;

    gc_emulator_inject_fault(emulator,
        "{\"kind\": \"status\", \"status\": 500, \"path\": \"/compute/v1/instances\", \"times\": 1}", NULL);
    gc_status status = gc_instances_list_page(client, NULL, &page, &err);
    int ok = status == GC_ERROR_SERVER_ERROR && gc_error_http_status(err) == 500 && gc_error_attempts(err) == 1;

    if (gc_emulator_requests_json(emulator, &requests, NULL) == GC_OK) {
        printf("the emulator's request log: %zu bytes of JSON\n", strlen(requests));
        gc_string_free(requests);
    }
    gc_error_free(err);
    gc_page_free(page);
    gc_client_free(client);
    gc_emulator_stop(emulator);
    return ok ? 0 : 1;
}
