#include <stdio.h>

#include <genesiscloud.h>

int main(void) {
    gc_client *client = NULL, *patient = NULL;
    gc_array *quotas = NULL;
    gc_error *err = NULL;

    /* Start from the defaults; token and base_url NULL read the environment. */
    gc_client_options options = gc_client_options_default();
    options.timeout_ms = 30000;
    options.max_retries = 4;
    options.per_page = 50;
    if (gc_client_new(&options, &client, &err) != GC_OK) goto failed;

    /* A client for long calls: same connections, other settings. */
    gc_header trace = {"X-Trace-Id", "nightly-backup"};
    gc_client_overrides overrides = gc_client_overrides_default();
    overrides.timeout_ms = 300000;
    overrides.headers = &trace;
    overrides.headers_len = 1;
    if (gc_client_with_options(client, &overrides, &patient, &err) != GC_OK) goto failed;
    if (gc_quotas(patient, &quotas, &err) != GC_OK) goto failed;
    printf("%zu quotas\n", gc_array_len(quotas));

    gc_array_free(quotas);
    gc_client_free(patient);
    gc_client_free(client);
    return 0;

failed:
    fprintf(stderr, "%s: %s\n", gc_error_code_name(gc_error_code(err)), gc_error_message(err));
    gc_error_free(err);
    gc_client_free(patient);
    gc_client_free(client);
    return 1;
}
