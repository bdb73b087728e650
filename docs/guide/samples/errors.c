#include <stdio.h>

#include <genesiscloud.h>

int main(void) {
    gc_client *client = NULL;
    gc_object *instance = NULL;
    gc_error *err = NULL;

    if (gc_client_new(NULL, &client, &err) != GC_OK) return 1;
    gc_status status = gc_instances_get(client, "no-such-id", &instance, &err);
    if (status == GC_ERROR_NOT_FOUND) {
        printf("%s %d %u %s\n", gc_error_code_name(status), gc_error_http_status(err),
               gc_error_attempts(err), gc_error_request_sent(err) ? "true" : "false");
    }
    gc_error_free(err);
    gc_object_free(instance);
    gc_client_free(client);
    return status == GC_ERROR_NOT_FOUND ? 0 : 1;
}
