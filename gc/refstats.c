/*
 * gc/refstats.c — the counters of the PVM_COUNT_SHARED build (gc/refstats.h).
 */
#include "refstats.h"

#if PVM_COUNT_SHARED
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "../core/opcodes.h"
#include "../objects/object.h"

__thread uint8_t refstats_op;

static _Atomic uint64_t by_op[256][REFSTATS_KINDS];

#define TYPE_SLOTS 256
static struct {
    _Atomic(type_t *) type;
    _Atomic uint64_t n[REFSTATS_KINDS];
} by_type[TYPE_SLOTS];

void refstats_count(int kind, obj_t *o) {
    atomic_fetch_add_explicit(&by_op[refstats_op][kind], 1, memory_order_relaxed);
    type_t *t = o->ob_type;
    size_t i = ((uintptr_t)t >> 4) % TYPE_SLOTS;
    for (size_t probes = 0; probes < TYPE_SLOTS; probes++, i = (i + 1) % TYPE_SLOTS) {
        type_t *cur = atomic_load_explicit(&by_type[i].type, memory_order_acquire);
        if (cur == NULL) {
            type_t *expected = NULL;
            if (atomic_compare_exchange_strong(&by_type[i].type, &expected, t))
                cur = t;
            else
                cur = expected;
        }
        if (cur == t) {
            atomic_fetch_add_explicit(&by_type[i].n[kind], 1, memory_order_relaxed);
            return;
        }
    }
}

static uint64_t total(_Atomic uint64_t *n) {
    return n[REFSTATS_INC] + n[REFSTATS_DEC] + n[REFSTATS_PAY];
}

void refstats_report(void) {
    if (getenv("PVM_SHARED_COUNTS") == NULL) return;
    uint64_t sum[REFSTATS_KINDS] = {0};
    fprintf(stderr, "shared refcount writes by opcode (inc / dec / credit paid):\n");
    for (int op = 0; op < 256; op++) {
        if (total(by_op[op]) == 0) continue;
        const char *name = op < OPC_COUNT ? opcode_names[op] : "?";
        fprintf(stderr, "  %-22s %10llu %10llu %10llu\n", name, (unsigned long long)by_op[op][0],
                (unsigned long long)by_op[op][1], (unsigned long long)by_op[op][2]);
        for (int k = 0; k < REFSTATS_KINDS; k++)
            sum[k] += by_op[op][k];
    }
    fprintf(stderr, "  %-22s %10llu %10llu %10llu\n", "total", (unsigned long long)sum[0],
            (unsigned long long)sum[1], (unsigned long long)sum[2]);
    fprintf(stderr, "by type:\n");
    for (size_t i = 0; i < TYPE_SLOTS; i++) {
        type_t *t = by_type[i].type;
        if (t == NULL) continue;
        fprintf(stderr, "  %-22s %10llu %10llu %10llu\n", t->name,
                (unsigned long long)by_type[i].n[0], (unsigned long long)by_type[i].n[1],
                (unsigned long long)by_type[i].n[2]);
    }
}
#endif
