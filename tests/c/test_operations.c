/* Every operation of the API through the C functions, against the
 * emulator (instant lifecycles). */
#include "gc_test.h"

/* "Ubuntu 22.04" of the default seed, offered in every region. */
#define UBUNTU_22_04 "d8796bef-08b1-49f5-a6d5-4d11a3703619"
#define SSH_KEY "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl c@example"

/* The shared operations of one resource group. */
typedef struct {
    const char *name;
    gc_status (*list_page)(const gc_client *, const gc_list_params *, gc_page **, gc_error **);
    gc_status (*list)(const gc_client *, const gc_list_params *, gc_pager **, gc_error **);
    gc_status (*get)(const gc_client *, const char *, gc_object **, gc_error **);
    gc_status (*create)(const gc_client *, const char *, gc_object **, gc_error **);
    gc_status (*update)(const gc_client *, const char *, const char *, gc_object **, gc_error **);
    gc_status (*del)(const gc_client *, const char *, gc_error **);
    gc_status (*wait_until)(const gc_client *, const char *, const char *, const gc_wait_options *,
                            gc_object **, gc_error **);
    const char *create_body;
    const char *update_body;
    const char *updated; /* a fragment of the updated object's JSON */
    const char *ready;   /* the status a new one reaches */
} group;

static int page_has(const gc_page *page, const char *id) {
    size_t i;
    for (i = 0; i < gc_page_len(page); ++i)
        if (strcmp(gc_object_id(gc_page_get(page, i)), id) == 0) return 1;
    return 0;
}

/* Drains a pager; returns how many items it yielded, and whether `id` was one. */
static size_t drain(gc_pager *pager, const char *id, int *found) {
    gc_object *item = NULL;
    gc_error *err = NULL;
    gc_status status;
    size_t n = 0;
    while ((status = gc_pager_next(pager, &item, &err)) == GC_OK) {
        if (id != NULL && strcmp(gc_object_id(item), id) == 0) *found = 1;
        gc_object_free(item);
        ++n;
    }
    CHECK(status == GC_DONE);
    CHECK(item == NULL);
    gc_pager_free(pager);
    return n;
}

static void crud(fixture *f, const group *g) {
    gc_object *created = NULL, *got = NULL, *updated = NULL, *ready = NULL, *gone = (gc_object *)&gone;
    gc_page *page = NULL;
    gc_pager *pager = NULL;
    gc_error *err = NULL;
    gc_list_params params = gc_list_params_default();
    int found = 0;
    char *id;

    printf("  %s\n", g->name);
    CHECK_OK(g->create(f->client, g->create_body, &created, &err), err);
    id = strdup(gc_object_id(created));
    CHECK(gc_object_name(created) != NULL);
    CHECK(strlen(gc_object_created_at(created)) > 0);

    if (g->wait_until != NULL) {
        CHECK_OK(g->wait_until(f->client, id, g->ready, NULL, &ready, &err), err);
        CHECK_STR(gc_object_status(ready), g->ready);
        gc_object_free(ready);
    }

    CHECK_OK(g->get(f->client, id, &got, &err), err);
    CHECK_STR(gc_object_id(got), id);
    CHECK_STR(gc_object_name(got), gc_object_name(created));
    gc_object_free(got);

    CHECK_OK(g->update(f->client, id, g->update_body, &updated, &err), err);
    CHECK(strstr(gc_object_json(updated), g->updated) != NULL);

    params.per_page = 100;
    CHECK_OK(g->list_page(f->client, &params, &page, &err), err);
    CHECK(page_has(page, id));
    CHECK(gc_page_number(page) == 1);
    CHECK(gc_page_per_page(page) == 100);
    CHECK(gc_page_total_count(page) == gc_page_len(page));
    gc_page_free(page);

    CHECK_OK(g->list(f->client, NULL, &pager, &err), err);
    CHECK(drain(pager, id, &found) >= 1);
    CHECK(found);

    CHECK_OK(g->del(f->client, id, &err), err);
    if (g->wait_until != NULL) {
        CHECK_OK(g->wait_until(f->client, id, "deleted", NULL, &gone, &err), err);
        CHECK(gone == NULL);
    }
    CHECK_ERR(g->get(f->client, id, &got, &err), err, GC_ERROR_NOT_FOUND);

    CHECK(got == NULL);
    free(id);
    gc_object_free(created);
    gc_object_free(updated);
}

static void images(fixture *f) {
    gc_page *page = NULL;
    gc_pager *pager = NULL;
    gc_error *err = NULL;
    gc_list_params params = gc_list_params_default();
    size_t total, n;

    printf("  images\n");
    CHECK_OK(gc_images_list_page(f->client, NULL, &page, &err), err);
    total = (size_t)gc_page_total_count(page);
    CHECK(gc_page_len(page) == total);
    CHECK(gc_page_get(page, total) == NULL);
    gc_page_free(page);

    /* The contract's example (legacy seed): two "distribution" images, types
     * today's API no longer defines kept. */
    CHECK_OK(gc_emulator_reset(f->emu, "legacy", &err), err);
    CHECK_OK(gc_emulator_configure(f->emu, 0, GC_UNSET, GC_UNSET, &err), err);
    params.image_type = "distribution";
    CHECK_OK(gc_images_list_page(f->client, &params, &page, &err), err);
    CHECK(gc_page_len(page) == 2);
    CHECK(strstr(gc_object_json(gc_page_get(page, 0)), "\"type\":\"distribution\"") != NULL);
    gc_page_free(page);

    CHECK_OK(gc_images_list(f->client, &params, &pager, &err), err);
    CHECK(drain(pager, NULL, NULL) == 2);
    CHECK_OK(gc_images_list(f->client, NULL, &pager, &err), err);
    n = drain(pager, NULL, NULL);
    CHECK(n == total + 3);
    CHECK_OK(gc_emulator_reset(f->emu, "default", &err), err);
    CHECK_OK(gc_emulator_configure(f->emu, 0, GC_UNSET, GC_UNSET, &err), err);
}

static void instances(fixture *f) {
    gc_object *key = NULL, *inst = NULL, *obj = NULL, *snap = NULL, *meta = NULL;
    gc_strings *actions = NULL;
    gc_page *page = NULL;
    gc_pager *pager = NULL;
    gc_error *err = NULL;
    char body[1024];
    char *id;
    int found = 0;

    printf("  instances\n");
    CHECK_OK(gc_ssh_keys_create(f->client, "{\"name\": \"ops-key\", \"value\": \"" SSH_KEY "\"}", &key, &err), err);
    snprintf(body, sizeof body,
             "{\"name\": \"vm\", \"hostname\": \"vm\", \"type\": \"vcpu-4_memory-12g_disk-80g_nvidia3080-1\","
             " \"image\": \"" UBUNTU_22_04 "\", \"region\": \"NORD-NO-KRS-1\","
             " \"ssh_keys\": [\"%s\"], \"metadata\": {\"startup_script\": \"echo hi\","
             " \"user_data\": [{\"type\": \"text/cloud-config\", \"content\": \"#cloud-config\"}]}}",
             gc_object_id(key));
    CHECK_OK(gc_instances_create(f->client, body, &inst, &err), err);
    id = strdup(gc_object_id(inst));
    CHECK_STR(gc_object_region(inst), "NORD-NO-KRS-1");

    CHECK_OK(gc_instances_wait_until(f->client, id, "active", NULL, &obj, &err), err);
    CHECK_STR(gc_object_status(obj), "active");
    gc_object_free(obj);

    CHECK_OK(gc_instances_get(f->client, id, &obj, &err), err);
    CHECK(strstr(gc_object_json(obj), gc_object_id(key)) != NULL);
    gc_object_free(obj);

    CHECK_OK(gc_instances_actions(f->client, id, &actions, &err), err);
    CHECK(gc_strings_len(actions) == 2);
    CHECK(gc_strings_get(actions, 2) == NULL);
    gc_strings_free(actions);

    CHECK_OK(gc_instances_perform_action(f->client, id, "stop", &err), err);
    CHECK_OK(gc_instances_wait_until(f->client, id, "stopped", NULL, &obj, &err), err);
    gc_object_free(obj);
    CHECK_OK(gc_instances_actions(f->client, id, &actions, &err), err);
    CHECK(gc_strings_len(actions) == 1);
    CHECK_STR(gc_strings_get(actions, 0), "start");
    gc_strings_free(actions);
    CHECK_ERR(gc_instances_perform_action(f->client, id, "stop", &err), err, GC_ERROR_CONFLICT);
    CHECK_OK(gc_instances_perform_action(f->client, id, "start", &err), err);
    CHECK_OK(gc_instances_wait_until(f->client, id, "active", NULL, &obj, &err), err);
    gc_object_free(obj);

    CHECK_OK(gc_instances_update(f->client, id, "{\"name\": \"renamed-vm\"}", &obj, &err), err);
    CHECK_STR(gc_object_name(obj), "renamed-vm");
    gc_object_free(obj);

    CHECK_OK(gc_instances_user_metadata(f->client, id, &meta, &err), err);
    CHECK(strstr(gc_object_json(meta), "\"startup_script\":\"echo hi\"") != NULL);
    CHECK(strstr(gc_object_json(meta), "\"user_data\":[{") != NULL);
    CHECK(strstr(gc_object_json(meta), "\"type\":\"text/cloud-config\"") != NULL);
    CHECK(gc_object_id(meta) == NULL);
    gc_object_free(meta);

    CHECK_OK(gc_instances_create_snapshot(f->client, id, "{\"name\": \"vm-snap\"}", &snap, &err), err);
    CHECK_STR(gc_object_name(snap), "vm-snap");
    CHECK_OK(gc_instances_list_snapshots_page(f->client, id, NULL, &page, &err), err);
    CHECK(gc_page_len(page) == 1);
    CHECK_STR(gc_object_id(gc_page_get(page, 0)), gc_object_id(snap));
    gc_page_free(page);
    CHECK_OK(gc_instances_list_snapshots(f->client, id, NULL, &pager, &err), err);
    CHECK(drain(pager, gc_object_id(snap), &found) == 1);
    CHECK(found);

    CHECK_OK(gc_instances_list_page(f->client, NULL, &page, &err), err);
    CHECK(page_has(page, id));
    gc_page_free(page);
    found = 0;
    CHECK_OK(gc_instances_list(f->client, NULL, &pager, &err), err);
    drain(pager, id, &found);
    CHECK(found);

    CHECK_OK(gc_instances_delete(f->client, id, &err), err);
    CHECK_OK(gc_instances_wait_until(f->client, id, "deleted", NULL, &obj, &err), err);
    CHECK(obj == NULL);
    CHECK_ERR(gc_instances_get(f->client, id, &obj, &err), err, GC_ERROR_NOT_FOUND);

    free(id);
    gc_object_free(snap);
    gc_object_free(inst);
    gc_object_free(key);
}

static void snapshot_clone(fixture *f) {
    gc_object *snap = NULL, *copy = NULL;
    gc_error *err = NULL;

    printf("  snapshots clone\n");
    CHECK_OK(gc_snapshots_create(f->client,
                                 "{\"name\": \"src\", \"region\": \"NORD-NO-KRS-1\", \"size\": 20,"
                                 " \"url\": \"https://example.com/disk.qcow2\", \"os_type\": \"linux\"}",
                                 &snap, &err),
             err);
    CHECK_OK(gc_snapshots_clone(f->client, gc_object_id(snap), "{\"name\": \"copy\", \"region\": \"EUC-DE-MUC-1\"}",
                                &copy, &err),
             err);
    CHECK_STR(gc_object_name(copy), "copy");
    CHECK_STR(gc_object_region(copy), "EUC-DE-MUC-1");
    gc_object_free(copy);
    gc_object_free(snap);
}

static void account(fixture *f) {
    gc_array *quotas = NULL, *reservations = NULL;
    gc_object *availability = NULL;
    gc_error *err = NULL;

    printf("  account\n");
    CHECK_OK(gc_quotas(f->client, &quotas, &err), err);
    CHECK(gc_array_len(quotas) > 0);
    CHECK(strstr(gc_object_json(gc_array_get(quotas, 0)), "\"capacity\"") != NULL);
    CHECK(gc_array_get(quotas, gc_array_len(quotas)) == NULL);
    gc_array_free(quotas);

    CHECK_OK(gc_reservations(f->client, &reservations, &err), err);
    CHECK(gc_array_len(reservations) > 0);
    CHECK(gc_object_id(gc_array_get(reservations, 0)) != NULL);
    gc_array_free(reservations);

    CHECK_OK(gc_availability(f->client, "NORD-NO-KRS-1", NULL, &availability, &err), err);
    CHECK_STR(gc_object_region(availability), "NORD-NO-KRS-1");
    CHECK(strstr(gc_object_json(availability), "\"instance_types\":[{") != NULL);
    gc_object_free(availability);
    CHECK_ERR(gc_availability(f->client, "MARS-1", NULL, &availability, &err), err, GC_ERROR_BAD_REQUEST);
}

int main(void) {
    static const group groups[] = {
        {"snapshots", gc_snapshots_list_page, gc_snapshots_list, gc_snapshots_get, gc_snapshots_create,
         gc_snapshots_update, gc_snapshots_delete, gc_snapshots_wait_until,
         "{\"name\": \"imported\", \"region\": \"NORD-NO-KRS-1\", \"size\": 20, \"url\": \"https://example.com/d.qcow2\"}",
         "{\"name\": \"renamed\"}", "\"name\":\"renamed\"", "created"},
        {"volumes", gc_volumes_list_page, gc_volumes_list, gc_volumes_get, gc_volumes_create, gc_volumes_update,
         gc_volumes_delete, gc_volumes_wait_until,
         "{\"name\": \"data\", \"region\": \"NORD-NO-KRS-1\", \"size\": 10, \"type\": \"ssd\"}",
         "{\"size\": 20, \"description\": \"grown\"}", "\"size\":20", "created"},
        {"filesystems", gc_filesystems_list_page, gc_filesystems_list, gc_filesystems_get, gc_filesystems_create,
         gc_filesystems_update, gc_filesystems_delete, gc_filesystems_wait_until,
         "{\"name\": \"shared\", \"region\": \"NORD-NO-KRS-1\", \"size\": 100}", "{\"name\": \"shared-2\"}",
         "\"name\":\"shared-2\"", "created"},
        {"security_groups", gc_security_groups_list_page, gc_security_groups_list, gc_security_groups_get,
         gc_security_groups_create, gc_security_groups_update, gc_security_groups_delete,
         gc_security_groups_wait_until,
         "{\"name\": \"ssh-only\", \"region\": \"NORD-NO-KRS-1\", \"rules\": [{\"direction\": \"ingress\","
         " \"protocol\": \"tcp\", \"port_range_min\": 22, \"port_range_max\": 22}]}",
         "{\"description\": \"only ssh\"}", "\"description\":\"only ssh\"", "created"},
        {"ssh_keys", gc_ssh_keys_list_page, gc_ssh_keys_list, gc_ssh_keys_get, gc_ssh_keys_create,
         gc_ssh_keys_update, gc_ssh_keys_delete, NULL, "{\"name\": \"k\", \"value\": \"" SSH_KEY "\"}",
         "{\"name\": \"renamed-key\"}", "\"name\":\"renamed-key\"", NULL},
        {"floating_ips", gc_floating_ips_list_page, gc_floating_ips_list, gc_floating_ips_get,
         gc_floating_ips_create, gc_floating_ips_update, gc_floating_ips_delete, gc_floating_ips_wait_until,
         "{\"name\": \"ip-1\", \"region\": \"NORD-NO-KRS-1\", \"version\": \"ipv4\"}",
         "{\"description\": \"front door\"}", "\"description\":\"front door\"", "created"},
    };
    fixture f = fixture_start();
    size_t i;

    images(&f);
    instances(&f);
    snapshot_clone(&f);
    for (i = 0; i < sizeof groups / sizeof groups[0]; ++i) crud(&f, &groups[i]);
    account(&f);
    fixture_stop(&f);
    printf("test_operations: ok\n");
    return 0;
}
