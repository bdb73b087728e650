/* The C SDK's in-process gc_emulator_start_tls(): an https:// URL, the CA
 * at gc_emulator_ca_path() trusted through the client's ca_bundle, HTTP/2 in
 * the request log, and the expired certificate refused without a retry.
 * Prints "ok". */
#include "genesiscloud.h"
#include "tls_check.h"

/* Lists one page of images; returns the status and leaves *err set. */
static gc_status list(gc_emulator *emu, gc_error **err) {
    gc_client_options options = gc_client_options_default();
    options.base_url = gc_emulator_base_url(emu);
    options.token = gc_emulator_token(emu);
    options.ca_bundle = gc_emulator_ca_path(emu);
    options.max_retries = 3;
    gc_client *client = NULL;
    gc_page *page = NULL;
    gc_status status = gc_client_new(&options, &client, err);
    if (status == GC_OK) status = gc_images_list_page(client, NULL, &page, err);
    gc_page_free(page);
    gc_client_free(client);
    return status;
}

int main(void) {
    gc_emulator *emu = NULL;
    gc_error *err = NULL;
    CHECK(gc_emulator_start_tls(NULL, &emu, &err) == GC_OK);
    CHECK(strncmp(gc_emulator_base_url(emu), "https://127.0.0.1:", 18) == 0);
    CHECK(gc_emulator_ca_path(emu) != NULL);
    CHECK(list(emu, &err) == GC_OK);
    char *log = NULL;
    CHECK(gc_emulator_requests_json(emu, &log, &err) == GC_OK);
    CHECK(strstr(log, "\"HTTP/2.0\"") != NULL && strstr(log, "\"HTTP/1.1\"") == NULL);
    gc_string_free(log);
    gc_emulator_stop(emu);

    CHECK(gc_emulator_start_tls("expired", &emu, &err) == GC_OK);
    CHECK(list(emu, &err) == GC_ERROR_CONNECTION);
    CHECK(gc_error_attempts(err) == 1);
    CHECK(strstr(gc_error_message(err), "has expired") != NULL);
    gc_error_free(err);
    gc_emulator_stop(emu);

    CHECK(gc_emulator_start_tls("no-such-kind", &emu, &err) == GC_ERROR_INVALID_ARGUMENT);
    gc_error_free(err);
    CHECK(gc_emulator_ca_path(NULL) == NULL);
    printf("ok\n");
    return 0;
}
