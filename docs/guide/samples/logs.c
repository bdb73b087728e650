#include <stdio.h>

#include <genesiscloud.h>

/* May be called from any thread; must not call back into the library. */
static void on_log(gc_log_level level, const char *message, void *userdata) {
    fprintf((FILE *)userdata, "[%d] %s\n", level, message);
}

int main(void) {
    gc_client *client = NULL;
    gc_page *page = NULL;
    gc_error *err = NULL;

    /* One line per request at GC_LOG_DEBUG, retries and waits at GC_LOG_INFO. */
    gc_set_log_callback(on_log, stderr, GC_LOG_DEBUG);
    gc_status status = gc_client_new(NULL, &client, &err);
    if (status == GC_OK) status = gc_images_list_page(client, NULL, &page, &err);
    gc_set_log_callback(NULL, NULL, GC_LOG_DEBUG);

    gc_page_free(page);
    gc_error_free(err);
    gc_client_free(client);
    return status == GC_OK ? 0 : 1;
}
