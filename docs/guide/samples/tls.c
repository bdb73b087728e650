#include <stdio.h>

#include <genesiscloud.h>

int main(void) {
    gc_emulator *emulator = NULL;
    gc_client *client = NULL;
    gc_page *page = NULL;
    gc_error *err = NULL;

    /* An HTTPS emulator whose certificate is signed by a throwaway CA. */
    gc_status status = gc_emulator_start_tls("valid", &emulator, &err);
    if (status == GC_OK) {
        gc_client_options options = gc_client_options_default();
        options.base_url = gc_emulator_base_url(emulator);
        options.token = gc_emulator_token(emulator);
        /* ca_bundle adds a CA (a PEM file) to the trusted ones; proxy works the same way. */
        options.ca_bundle = gc_emulator_ca_path(emulator);
        status = gc_client_new(&options, &client, &err);
    }
    if (status == GC_OK) status = gc_images_list_page(client, NULL, &page, &err);
    if (status == GC_OK) printf("https %zu images\n", gc_page_len(page));
    else fprintf(stderr, "%s: %s\n", gc_error_code_name(status), gc_error_message(err));

    gc_page_free(page);
    gc_error_free(err);
    gc_client_free(client);
    gc_emulator_stop(emulator);
    return status == GC_OK ? 0 : 1;
}
