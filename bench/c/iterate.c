/*
 * s5 of bench/run.py for C: lists every image once through one client and
 * prints {"items":N,"ms":T}; the parent reads the process's peak RSS.
 *
 *   iterate BASE_URL
 *
 * Built twice, each program linked to its own client's libraries alone, so
 * that neither peak includes the other's: bench_iterate_sdk (the C API)
 * and, with -DPEER, bench_iterate_curl (libcurl + cJSON).
 */
#include "common.h"
#ifdef PEER
#include "peer.h"
#else
#include "sdk.h"
#endif

int main(int argc, char **argv) {
    long n;
    double t;
    if (argc < 2) die("usage: iterate BASE_URL");
    base = argv[1];
    t = now_ms();
#ifdef PEER
    peer_start();
    n = list_curl();
    peer_stop();
#else
    {
        gc_client *c = client();
        n = list_sdk(c);
        gc_client_free(c);
    }
#endif
    printf("{\"items\":%ld,\"ms\":%.1f}\n", n, now_ms() - t);
    return 0;
}
