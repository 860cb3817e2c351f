/*
 * tests/c/probe.h — a private object type whose dealloc counts calls, so a
 * test can check "freed exactly once, and only when the last reference
 * went" directly.  Include after <cmocka.h>.
 */
#ifndef PVM_TEST_PROBE_H
#define PVM_TEST_PROBE_H

#include "objects/object.h"

static _Atomic int deallocs;

static void counting_dealloc(obj_t *o) {
    atomic_fetch_add(&deallocs, 1);
    obj_free(o);
}

static type_t probe_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "probe",
    .basicsize = sizeof(obj_t),
    .dealloc = counting_dealloc,
};

static inline obj_t *new_probe(void) {
    obj_t *o = obj_alloc(&probe_type, sizeof(obj_t));
    assert_non_null(o);
    return o;
}

#endif // PVM_TEST_PROBE_H
