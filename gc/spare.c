/*
 * gc/spare.c — keeping and returning spare references (gc/spare.h).
 */
#include "spare.h"

#include <gmp.h>

#include "../objects/bytes.h"
#include "../objects/int.h"
#include "../objects/str.h"
#include "brc.h"
#include "refstats.h"

bool spare_eligible(obj_t *o) {
    type_t *t = o->ob_type;
    if (!type_has_flag(t, TPFLAG_LEAF)) return false;
    if (t == &str_type) return str_nbytes(o) <= SPARE_MAX_BYTES;
    if (t == &bytes_type) return bytes_len(o) <= SPARE_MAX_BYTES;
    if (t == &int_type) return mpz_size(((int_t *)o)->z) * sizeof(mp_limb_t) <= SPARE_MAX_BYTES;
    return true; // float, complex: fixed size
}

// Returns n spare references to o: n real shared decrements.  While the
// shared count covers them all, n - 1 go in one atomic subtraction that
// leaves the count positive (no state change: gc/refcount.c); the last goes
// through brc_decref_apply, which handles the count reaching zero.
static void give_back(obj_t *o, uint32_t n) {
    if (n > 1) {
        int32_t shared = atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed);
        while ((shared >> REF_SHARED_SHIFT) >= (int32_t)n) {
            int32_t to = shared - (int32_t)((n - 1) << REF_SHARED_SHIFT);
            if (atomic_compare_exchange_weak_explicit(&o->ob_ref_shared, &shared, to,
                                                      memory_order_release, memory_order_relaxed)) {
                REFSTATS_COUNT(REFSTATS_DEC, o);
                n = 1;
                break;
            }
        }
    }
    while (n-- > 0)
        brc_decref_apply(o);
}

bool spare_put(thread_t *ts, obj_t *o) {
    // A thread past brc_thread_fini keeps nothing: its table is not flushed
    // again before it is freed.
    if (ts == NULL || pvm_tls_tid == BRC_TID_CLOSED || !spare_eligible(o)) return false;
    credit_t *c = spare_slot(ts, o);
    if (c[0].obj == o) {
        c[0].n++;
        return true;
    }
    if (c[1].obj == o) {
        c[1].n++;
        return true;
    }
    if (c[0].obj == NULL) { // a free first slot
        c[0].obj = o;
        c[0].n = 1;
        ts->nspares++;
        return true;
    }
    // o goes first, the first entry moves second, and the second, if any,
    // is returned: a pair keeps the two objects most recently dropped.
    credit_t evicted = c[1];
    c[1] = c[0];
    c[0].obj = o;
    c[0].n = 1;
    if (evicted.obj == NULL) {
        ts->nspares++;
        return true;
    }
    // Last: the decrements may free the evicted object.
    give_back(evicted.obj, evicted.n);
    return true;
}

void spare_flush(thread_t *ts) {
    if (ts == NULL) return;
    for (size_t i = 0; i < SPARE_SLOTS && ts->nspares > 0; i++) {
        credit_t *c = &ts->spares[i];
        if (c->obj == NULL) continue;
        obj_t *o = c->obj;
        uint32_t n = c->n;
        c->obj = NULL;
        c->n = 0;
        ts->nspares--;
        give_back(o, n);
    }
}
