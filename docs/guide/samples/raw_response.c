#include <stdio.h>

#include <genesiscloud.h>

/* Told of each successful request, on the thread that made the call. */
static void show(const gc_response *r, void *userdata) {
    int *seen = userdata;
    const char *id = gc_response_request_id(r);
    printf("%s %s -> %d, request id %s, %u attempt(s), %.1f ms\n", gc_response_method(r), gc_response_path(r),
           (int)gc_response_status(r), id ? id : "-", (unsigned)gc_response_attempts(r), gc_response_elapsed_ms(r));
    ++*seen;
}

int main(void) {
    gc_client *client = NULL, *traced = NULL;
    gc_array *quotas = NULL;
    gc_error *err = NULL;
    int seen = 0;

    if (gc_client_new(NULL, &client, &err) != GC_OK) goto failed;

    /* A client whose every request reports its raw answer. */
    gc_client_overrides overrides = gc_client_overrides_default();
    overrides.on_response = show;
    overrides.on_response_userdata = &seen;
    if (gc_client_with_options(client, &overrides, &traced, &err) != GC_OK) goto failed;
    if (gc_quotas(traced, &quotas, &err) != GC_OK) goto failed;
    printf("%zu quotas, %d answer(s)\n", gc_array_len(quotas), seen);

    gc_array_free(quotas);
    gc_client_free(traced);
    gc_client_free(client);
    return 0;

failed:
    fprintf(stderr, "%s: %s\n", gc_error_code_name(gc_error_code(err)), gc_error_message(err));
    gc_error_free(err);
    gc_client_free(traced);
    gc_client_free(client);
    return 1;
}
