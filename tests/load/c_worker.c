/*
 * The C worker of the load and soak tests (tests/load/run.py describes the
 * settings): many pthreads share one gc_client against an emulator, and one
 * JSON line of results goes to stdout.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "genesiscloud.h"
#include "../c/gc_log_env.h"

/* Attempts a call makes when every retry is spent (max_retries 2). */
#define MAX_ATTEMPTS 3
#define MAX_EXAMPLES 10
#define MAX_SAMPLES 4096
#define MAX_THREADS 1024
/* Leftovers deleted per list and round; failed writes leave far fewer. */
#define MAX_CLEANUP 4096
/* Status codes go up to GC_ERROR_UNKNOWN; one more slot for wrong answers. */
#define WRONG_RESULT (GC_ERROR_UNKNOWN + 1)
/* A public key the emulator accepts; only key names must be unique. */
#define SSH_KEY "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFRlc3RLZXlGb3JUaGVFbXVsYXRvcg load@worker"

/* How the SDK contract's retry rules treat a call. */
typedef enum { READ, WRITE, DELETE } kind;

static struct {
    gc_client *client;
    int faults;
    pthread_mutex_t lock;
    unsigned long calls;
    unsigned long errors[WRONG_RESULT + 1];
    unsigned long unexpected;
    char *examples[MAX_EXAMPLES];
    int n_examples;
    double started;
    long samples[MAX_SAMPLES][3];
    int n_samples;
} w = {.lock = PTHREAD_MUTEX_INITIALIZER};

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static const char *env(const char *name) {
    const char *value = getenv(name);
    if (value == NULL) {
        fprintf(stderr, "%s is not set\n", name);
        exit(2);
    }
    return value;
}

static long env_long(const char *name, long fallback) {
    const char *value = getenv(name);
    return value ? strtol(value, NULL, 10) : fallback;
}

static long open_fds(void) {
    long n = 0;
    DIR *dir = opendir("/proc/self/fd");
    if (dir == NULL) return 0;
    while (readdir(dir) != NULL) ++n;
    closedir(dir);
    return n - 2; /* "." and ".." */
}

static long rss_kb(void) {
    char line[256];
    long kb = 0;
    FILE *f = fopen("/proc/self/status", "r");
    if (f == NULL) return 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) kb = strtol(line + 6, NULL, 10);
    fclose(f);
    return kb;
}

static void sample(void) {
    long ms = (long)(now_ms() - w.started), kb = rss_kb(), fds = open_fds();
    pthread_mutex_lock(&w.lock);
    if (w.n_samples < MAX_SAMPLES) {
        w.samples[w.n_samples][0] = ms;
        w.samples[w.n_samples][1] = kb;
        w.samples[w.n_samples][2] = fds;
        ++w.n_samples;
    }
    pthread_mutex_unlock(&w.lock);
}

/*
 * Whether a soak call of this kind may fail this way under the injected
 * faults: reads and deletes are retried after anything transient, writes
 * only after a 429.
 */
static int expected(kind k, const gc_error *err) {
    unsigned attempts = gc_error_attempts(err);
    switch (gc_error_code(err)) {
    case GC_ERROR_DECODE:
        return 1;
    case GC_ERROR_RATE_LIMITED:
        return attempts == MAX_ATTEMPTS;
    case GC_ERROR_SERVER_ERROR:
    case GC_ERROR_TIMEOUT:
    case GC_ERROR_CONNECTION:
        return k == WRITE ? attempts >= 1 && attempts <= MAX_ATTEMPTS : attempts == MAX_ATTEMPTS;
    case GC_ERROR_NOT_FOUND:
        /* A retried DELETE whose first attempt did act finds nothing left. */
        return k == DELETE && attempts >= 2;
    default:
        return 0;
    }
}

/* Called with the lock held. */
static void note(const char *line) {
    ++w.unexpected;
    if (w.n_examples < MAX_EXAMPLES) w.examples[w.n_examples++] = strdup(line);
}

/*
 * Counts one call and frees its error; returns whether it succeeded. Takes
 * the error's address, read only once the call (another argument) is done.
 */
static int record(const char *what, kind k, gc_status status, gc_error **errp) {
    gc_error *err = *errp;
    char line[512];
    pthread_mutex_lock(&w.lock);
    ++w.calls;
    if (status != GC_OK) {
        ++w.errors[status >= 0 && status <= GC_ERROR_UNKNOWN ? status : GC_ERROR_UNKNOWN];
        if (!w.faults || !expected(k, err)) {
            snprintf(line, sizeof line, "%s: %s after %u attempts: %s", what, gc_error_code_name(status),
                     gc_error_attempts(err), gc_error_message(err));
            note(line);
        }
    }
    pthread_mutex_unlock(&w.lock);
    gc_error_free(err);
    *errp = NULL;
    return status == GC_OK;
}

/* Counts a call that succeeded with the wrong answer. */
static void wrong(const char *line) {
    pthread_mutex_lock(&w.lock);
    ++w.errors[WRONG_RESULT];
    note(line);
    pthread_mutex_unlock(&w.lock);
}

static int get_instance(const char *id) {
    gc_object *obj = NULL;
    gc_error *err = NULL;
    int ok = record("instances.get", READ, gc_instances_get(w.client, id, &obj, &err), &err);
    if (ok && strcmp(gc_object_id(obj), id) != 0) wrong("instances.get: another instance");
    gc_object_free(obj);
    return ok;
}

static void images_page(long page_no, long per_page, long total) {
    gc_page *page = NULL;
    gc_error *err = NULL;
    gc_list_params params = gc_list_params_default();
    char line[128];
    params.page = page_no;
    params.per_page = per_page;
    if (record("images.list_page", READ, gc_images_list_page(w.client, &params, &page, &err), &err) && total >= 0 &&
        (long)gc_page_total_count(page) != total) {
        snprintf(line, sizeof line, "images.list_page: total_count %lu", (unsigned long)gc_page_total_count(page));
        wrong(line);
    }
    gc_page_free(page);
}

/* Load: `count` calls shared by the threads through a counter. */
static struct {
    pthread_mutex_t lock;
    long next, count;
    const char *get_id;
} batch_state = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void *load_thread(void *arg) {
    (void)arg;
    for (;;) {
        long i;
        pthread_mutex_lock(&batch_state.lock);
        i = batch_state.next++;
        pthread_mutex_unlock(&batch_state.lock);
        if (i >= batch_state.count) return NULL;
        if (i % 2 == 0)
            get_instance(batch_state.get_id);
        else
            images_page(i / 2 % 5 + 1, 20, -1);
    }
}

static void run_threads(long n, void *(*fn)(void *)) {
    pthread_t threads[MAX_THREADS];
    long i;
    if (n > MAX_THREADS) n = MAX_THREADS;
    for (i = 0; i < n; ++i)
        if (pthread_create(&threads[i], NULL, fn, (void *)i) != 0) {
            fprintf(stderr, "pthread_create failed at thread %ld\n", i);
            exit(1);
        }
    for (i = 0; i < n; ++i) pthread_join(threads[i], NULL);
}

static void batch(long count, long concurrency) {
    batch_state.next = 0;
    batch_state.count = count;
    run_threads(concurrency, load_thread);
}

/* Each mode prints the first fields of the result object; main the rest. */
static void load(void) {
    long concurrency = env_long("LOAD_CONCURRENCY", 256), requests = env_long("LOAD_REQUESTS", 10000);
    double started;
    batch_state.get_id = env("LOAD_GET_ID");
    sample();
    batch(env_long("LOAD_WARMUP", 1024), concurrency);
    sample();
    started = now_ms();
    batch(requests, concurrency);
    printf("{\"measured\": %ld, \"elapsed_ms\": %ld, ", requests, (long)(now_ms() - started));
    sample();
}

/* Soak: the settings every thread shares. */
static struct {
    const char *prefix, *region, *image_id, *instance_type, *get_id;
    long images;
    double deadline;
} soak_cfg;

static long list_count(const char *what, gc_status (*list)(const gc_client *, const gc_list_params *, gc_pager **,
                                                            gc_error **)) {
    gc_pager *pager = NULL;
    gc_object *item = NULL;
    gc_error *err = NULL;
    gc_status status;
    long n = 0;
    status = list(w.client, NULL, &pager, &err);
    if (status == GC_OK) {
        while ((status = gc_pager_next(pager, &item, &err)) == GC_OK) {
            gc_object_free(item);
            ++n;
        }
        gc_pager_free(pager);
    }
    return record(what, READ, status == GC_DONE ? GC_OK : status, &err) ? n : -1;
}

static void ssh_key_cycle(const char *name) {
    gc_object *key = NULL, *obj = NULL;
    gc_error *err = NULL;
    char body[512], renamed[160];
    snprintf(body, sizeof body, "{\"name\": \"%s\", \"value\": \"%s\"}", name, SSH_KEY);
    if (!record("ssh_keys.create", WRITE, gc_ssh_keys_create(w.client, body, &key, &err), &err)) return;
    snprintf(renamed, sizeof renamed, "%s-r", gc_object_name(key));
    snprintf(body, sizeof body, "{\"name\": \"%s\"}", renamed);
    if (record("ssh_keys.update", WRITE, gc_ssh_keys_update(w.client, gc_object_id(key), body, &obj, &err), &err) &&
        strcmp(gc_object_name(obj), renamed) != 0)
        wrong("ssh_keys.update: name not changed");
    gc_object_free(obj);
    obj = NULL;
    record("ssh_keys.get", READ, gc_ssh_keys_get(w.client, gc_object_id(key), &obj, &err), &err);
    gc_object_free(obj);
    record("ssh_keys.delete", DELETE, gc_ssh_keys_delete(w.client, gc_object_id(key), &err), &err);
    gc_object_free(key);
}

static void security_group_cycle(const char *name) {
    gc_object *group = NULL, *obj = NULL;
    gc_error *err = NULL;
    char body[512];
    snprintf(body, sizeof body,
             "{\"name\": \"%s\", \"region\": \"%s\", \"rules\": [{\"direction\": \"ingress\", \"protocol\": \"tcp\", "
             "\"port_range_min\": 443, \"port_range_max\": 443}]}",
             name, soak_cfg.region);
    if (!record("security_groups.create", WRITE, gc_security_groups_create(w.client, body, &group, &err), &err)) return;
    record("security_groups.update", WRITE,
           gc_security_groups_update(w.client, gc_object_id(group), "{\"description\": \"soaked\"}", &obj, &err), &err);
    gc_object_free(obj);
    record("security_groups.delete", DELETE, gc_security_groups_delete(w.client, gc_object_id(group), &err), &err);
    gc_object_free(group);
}

static void instance_cycle(const char *name) {
    gc_object *instance = NULL, *obj = NULL;
    gc_error *err = NULL;
    gc_wait_options options = gc_wait_options_default();
    char body[1024];
    snprintf(body, sizeof body,
             "{\"name\": \"%s\", \"hostname\": \"%s\", \"type\": \"%s\", \"image\": \"%s\", \"region\": \"%s\", "
             "\"password\": \"Soak-pass-1234\"}",
             name, name, soak_cfg.instance_type, soak_cfg.image_id, soak_cfg.region);
    if (!record("instances.create", WRITE, gc_instances_create(w.client, body, &instance, &err), &err)) return;
    options.timeout_ms = 60000;
    options.interval_ms = 100;
    options.max_interval_ms = 400;
    record("instances.wait_until", READ,
           gc_instances_wait_until(w.client, gc_object_id(instance), "active", &options, &obj, &err), &err);
    gc_object_free(obj);
    record("instances.delete", DELETE, gc_instances_delete(w.client, gc_object_id(instance), &err), &err);
    gc_object_free(instance);
}

/* Operation `op` of the soak's cycle of ten. */
static void step(long op, const char *name, long seq) {
    gc_page *page = NULL;
    gc_error *err = NULL;
    gc_list_params params = gc_list_params_default();
    char line[128];
    long n;
    switch (op) {
    case 0:
    case 8:
        images_page(seq % 5 + 1, 100, soak_cfg.images);
        break;
    case 1:
    case 6:
        get_instance(soak_cfg.get_id);
        break;
    case 2:
        n = list_count("images.list", gc_images_list);
        if (n >= 0 && n != soak_cfg.images) {
            snprintf(line, sizeof line, "images.list: %ld of %ld images", n, soak_cfg.images);
            wrong(line);
        }
        break;
    case 3:
        ssh_key_cycle(name);
        break;
    case 4:
        params.per_page = 50;
        record("instances.list_page", READ, gc_instances_list_page(w.client, &params, &page, &err), &err);
        gc_page_free(page);
        break;
    case 5:
        security_group_cycle(name);
        break;
    case 7:
        instance_cycle(name);
        break;
    default:
        record("ssh_keys.list_page", READ, gc_ssh_keys_list_page(w.client, NULL, &page, &err), &err);
        gc_page_free(page);
    }
}

static void *soak_thread(void *arg) {
    long task = (long)arg, seq;
    char name[128];
    for (seq = 0; now_ms() < soak_cfg.deadline; ++seq) {
        snprintf(name, sizeof name, "%s-%ld-%ld", soak_cfg.prefix, task, seq);
        step((task + seq) % 10, name, seq);
    }
    return NULL;
}

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int stop;
    long every_ms;
} sampler = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static void *sampler_thread(void *arg) {
    (void)arg;
    pthread_mutex_lock(&sampler.lock);
    while (!sampler.stop) {
        struct timespec until;
        pthread_mutex_unlock(&sampler.lock);
        sample();
        pthread_mutex_lock(&sampler.lock);
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += sampler.every_ms / 1000;
        until.tv_nsec += (sampler.every_ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec += 1;
            until.tv_nsec -= 1000000000L;
        }
        if (!sampler.stop) pthread_cond_timedwait(&sampler.wake, &sampler.lock, &until);
    }
    pthread_mutex_unlock(&sampler.lock);
    return NULL;
}

typedef gc_status (*list_fn)(const gc_client *, const gc_list_params *, gc_pager **, gc_error **);
typedef gc_status (*delete_fn)(const gc_client *, const char *, gc_error **);

/*
 * One cleanup pass over one list: deletes what is named with the prefix and
 * not already being deleted. Returns how many it found, -1 if the list
 * could not be read to the end.
 */
static long clean_list(const char *what, list_fn list, delete_fn del) {
    gc_pager *pager = NULL;
    gc_object *item = NULL;
    gc_error *err = NULL;
    gc_status status;
    char *ids[MAX_CLEANUP];
    char label[64];
    long n = 0, i;
    int complete;
    size_t prefix = strlen(soak_cfg.prefix);
    snprintf(label, sizeof label, "%s.list", what);
    status = list(w.client, NULL, &pager, &err);
    if (status == GC_OK) {
        while ((status = gc_pager_next(pager, &item, &err)) == GC_OK) {
            const char *state = gc_object_status(item);
            if (strncmp(gc_object_name(item), soak_cfg.prefix, prefix) == 0 &&
                (state == NULL || strcmp(state, "deleting") != 0) && n < MAX_CLEANUP)
                ids[n++] = strdup(gc_object_id(item));
            gc_object_free(item);
        }
        gc_pager_free(pager);
    }
    complete = record(label, READ, status == GC_DONE ? GC_OK : status, &err);
    snprintf(label, sizeof label, "%s.delete", what);
    for (i = 0; i < n; ++i) {
        record(label, DELETE, del(w.client, ids[i], &err), &err);
        free(ids[i]);
    }
    return complete ? n : -1;
}

/*
 * Deletes what failed writes left behind (a POST that timed out may still
 * have created its resource), in rounds until a complete listing finds
 * nothing. Prints what the first and the last complete listings found
 * (null: no listing got through).
 */
static void cleanup(void) {
    long first = -1, last = -1;
    int round;
    for (round = 0; round < 5; ++round) {
        long keys = clean_list("ssh_keys", gc_ssh_keys_list, gc_ssh_keys_delete);
        long groups = clean_list("security_groups", gc_security_groups_list, gc_security_groups_delete);
        long instances = clean_list("instances", gc_instances_list, gc_instances_delete);
        if (keys >= 0 && groups >= 0 && instances >= 0) {
            last = keys + groups + instances;
            if (first < 0) first = last;
            if (last == 0) break;
        }
    }
    if (first < 0)
        printf("{\"leaked\": null, \"leftover\": null, ");
    else
        printf("{\"leaked\": %ld, \"leftover\": %ld, ", first, last);
}

static void soak(void) {
    pthread_t sampling;
    soak_cfg.prefix = env("SOAK_PREFIX");
    soak_cfg.region = env("SOAK_REGION");
    soak_cfg.image_id = env("SOAK_IMAGE_ID");
    soak_cfg.instance_type = env("SOAK_INSTANCE_TYPE");
    soak_cfg.get_id = env("LOAD_GET_ID");
    soak_cfg.images = env_long("SOAK_IMAGES", 0);
    soak_cfg.deadline = now_ms() + 1000.0 * env_long("SOAK_SECONDS", 60);
    sampler.every_ms = env_long("SOAK_SAMPLE_MS", 2000);
    pthread_create(&sampling, NULL, sampler_thread, NULL);
    run_threads(env_long("SOAK_CONCURRENCY", 16), soak_thread);
    pthread_mutex_lock(&sampler.lock);
    sampler.stop = 1;
    pthread_cond_signal(&sampler.wake);
    pthread_mutex_unlock(&sampler.lock);
    pthread_join(sampling, NULL);
    sample();
    cleanup();
}

static void json_string(const char *s) {
    putchar('"');
    for (; *s; ++s) {
        if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            printf("\\u%04x", *s);
        else
            putchar(*s);
    }
    putchar('"');
}

int main(void) {
    gc_client_options options = gc_client_options_default();
    gc_error *err = NULL;
    const char *mode = env("LOAD_MODE");
    int i, first = 1;
    gc_test_log_from_env();
    w.started = now_ms();
    w.faults = strcmp(mode, "soak") == 0;
    options.max_retries = MAX_ATTEMPTS - 1;
    if (w.faults) options.timeout_ms = (unsigned long)env_long("SOAK_TIMEOUT_MS", 2000);
    if (gc_client_new(&options, &w.client, &err) != GC_OK) {
        fprintf(stderr, "client: %s\n", gc_error_message(err));
        gc_error_free(err);
        return 1;
    }
    if (w.faults)
        soak();
    else
        load();
    printf("\"binding\": \"c\", \"mode\": ");
    json_string(mode);
    printf(", \"calls\": %lu, \"errors\": {", w.calls);
    for (i = 1; i <= WRONG_RESULT; ++i) {
        if (w.errors[i] == 0) continue;
        printf("%s\"%s\": %lu", first ? "" : ", ", i == WRONG_RESULT ? "wrong_result" : gc_error_code_name(i),
               w.errors[i]);
        first = 0;
    }
    printf("}, \"unexpected\": %lu, \"examples\": [", w.unexpected);
    for (i = 0; i < w.n_examples; ++i) {
        if (i) printf(", ");
        json_string(w.examples[i]);
        free(w.examples[i]);
    }
    printf("], \"samples\": [");
    for (i = 0; i < w.n_samples; ++i)
        printf("%s[%ld, %ld, %ld]", i ? ", " : "", w.samples[i][0], w.samples[i][1], w.samples[i][2]);
    printf("], \"wall_ms\": %ld}\n", (long)(now_ms() - w.started));
    gc_client_free(w.client);
    return 0;
}
