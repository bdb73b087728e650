#include <stdio.h>

#include <genesiscloud.h>

int main(void) {
    gc_client *client = NULL;
    gc_page *page = NULL;
    gc_pager *pager = NULL;
    gc_object *image = NULL;
    gc_error *err = NULL;

    if (gc_client_new(NULL, &client, &err) != GC_OK) goto failed;

    /* One request, one page. */
    gc_list_params params = gc_list_params_default();
    params.page = 1;
    params.per_page = 2;
    if (gc_images_list_page(client, &params, &page, &err) != GC_OK) goto failed;
    printf("page %llu: %zu of %llu images\n", (unsigned long long)gc_page_number(page),
           gc_page_len(page), (unsigned long long)gc_page_total_count(page));
    gc_page_free(page);

    /* Every item, fetched lazily; freeing the pager cancels what is in flight. */
    if (gc_images_list(client, NULL, &pager, &err) != GC_OK) goto failed;
    for (int n = 0; n < 3 && gc_pager_next(pager, &image, &err) == GC_OK; n++) {
        printf("%s\n", gc_object_name(image));
        gc_object_free(image);
    }
    if (err != NULL) goto failed;
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
