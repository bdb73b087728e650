/* The CHECK of the C programs of tests/tls: they run outside valgrind
 * (ring's assembly AES-GCM looks like reads of uninitialised memory to
 * it), so they do not share tests/c/gc_test.h and its emulator fixture. */
#ifndef TLS_CHECK_H
#define TLS_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                  \
    do {                                                             \
        if (!(cond)) {                                               \
            fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
            exit(1);                                                 \
        }                                                            \
    } while (0)

#endif
