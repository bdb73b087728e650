/*
 * What every C benchmark program shares: the emulator's token and base URL,
 * failing, and the clock. Each program is one translation unit that
 * includes this, then peer.h (libcurl + cJSON), sdk.h (the C API) or both.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOKEN "gc-emulator-token"

static const char *base;

static void die(const char *what) {
    fprintf(stderr, "bench: %s\n", what ? what : "failed");
    exit(1);
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

#endif
