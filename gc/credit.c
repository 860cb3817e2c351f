/*
 * gc/credit.c — paying register credits (see gc/credit.h).
 */
#include "credit.h"
#include "refstats.h"

// Adds n to o's shared count in one atomic add (n shared increments).
static void pay(obj_t *o, uint32_t n) {
    REFSTATS_COUNT(REFSTATS_PAY, o);
    atomic_fetch_add_explicit(&o->ob_ref_shared, (int32_t)(n << REF_SHARED_SHIFT),
                              memory_order_relaxed);
}

void credit_add_slow(thread_t *ts, obj_t *o) {
    credit_t *c = credit_slot(ts, o);
    if (c->obj != NULL) {
        pay(c->obj, c->n); // evict: the older entry becomes a counted reference
    } else {
        ts->ncredits++;
    }
    c->obj = o;
    c->n = 1;
}

void credit_pay_all(thread_t *ts) {
    if (ts == NULL || ts->ncredits == 0) return;
    for (size_t i = 0; i < CREDIT_SLOTS && ts->ncredits > 0; i++) {
        credit_t *c = &ts->credits[i];
        if (c->obj == NULL) continue;
        pay(c->obj, c->n);
        c->obj = NULL;
        c->n = 0;
        ts->ncredits--;
    }
}
