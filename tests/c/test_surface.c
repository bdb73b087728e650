/* The C surface against the core's description of the operations
 * (tests/c/operations.h, generated from genesiscloud::api): every operation
 * has its C function, which this file fails to link without, and no name
 * appears twice. The table's length is the description's own: no count is
 * written here, so adding an operation needs no edit of this file. */

#include <stdio.h>
#include <string.h>

#include "gc_test.h"
#include "operations.h"

int main(void) {
    size_t n = sizeof gc_operations / sizeof gc_operations[0];
    size_t i, j;
    CHECK(n > 0);
    for (i = 0; i < n; ++i) {
        CHECK(gc_operations[i].fn != NULL);
        CHECK(strchr(gc_operations[i].name, '.') != NULL);
        for (j = i + 1; j < n; ++j) CHECK(strcmp(gc_operations[i].name, gc_operations[j].name) != 0);
    }
    printf("test_surface: %zu operations, each with its C function\n", n);
    return 0;
}
