/*
 * The library's log on stderr at the level $GENESISCLOUD_LOG names (trace,
 * debug, info, warn, error), for the test programs whose output the canary
 * scan of `make test` reads: the conformance runner and the load worker.
 */
#ifndef GC_LOG_ENV_H
#define GC_LOG_ENV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <genesiscloud.h>

static inline void gc_test_log_to_stderr(gc_log_level level, const char *message, void *userdata) {
    static const char *names[] = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"};
    (void)userdata;
    fprintf(stderr, "%s %s\n", level >= GC_LOG_TRACE && level <= GC_LOG_ERROR ? names[level] : "?", message);
}

static inline void gc_test_log_from_env(void) {
    static const char *levels[] = {"trace", "debug", "info", "warn", "error"};
    const char *want = getenv("GENESISCLOUD_LOG");
    int i;
    if (want == NULL) return;
    for (i = 0; i < 5; ++i)
        if (strcmp(want, levels[i]) == 0) gc_set_log_callback(gc_test_log_to_stderr, NULL, GC_LOG_TRACE + i);
}

#endif
