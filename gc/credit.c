/*
 * gc/credit.c — paying register credits (see gc/credit.h).
 */
#include <stdlib.h>

#include "brc.h"
#include "credit.h"
#include "refstats.h"
#include "spare.h"

// Adds n to o's shared count in one atomic add (n shared increments).
static void pay(obj_t *o, uint32_t n) {
    REFSTATS_COUNT(REFSTATS_PAY, o);
    atomic_fetch_add_explicit(&o->ob_ref_shared, (int32_t)(n << REF_SHARED_SHIFT),
                              memory_order_relaxed);
}

// o has no slot yet: it goes first in its pair, the entry there moves
// second, and the entry that was second, if any, is paid (early payment is
// always allowed).  So a pair keeps the two most recently added objects.
void credit_add_slow(thread_t *ts, obj_t *o) {
    credit_t *c = credit_slot(ts, o);
    if (c[0].obj != NULL) {
        if (c[1].obj != NULL)
            pay(c[1].obj, c[1].n);
        else
            ts->ncredits++;
        c[1] = c[0];
    } else {
        ts->ncredits++;
    }
    c[0].obj = o;
    c[0].n = 1;
}

// Only the thread itself writes its epoch: no read-modify-write needed.
static void epoch_bump(thread_t *ts) {
    uint64_t e = atomic_load_explicit(&ts->credit_epoch, memory_order_relaxed);
    atomic_store_explicit(&ts->credit_epoch, e + 1, memory_order_release);
}

void credit_pay_all(thread_t *ts) {
    if (ts == NULL) return;
    // Publish that every credit this thread had is paid (release: the
    // payments are visible to whoever sees the new epoch).
    if (ts->ncredits == 0) {
        epoch_bump(ts);
        return;
    }
    for (size_t i = 0; i < CREDIT_SLOTS && ts->ncredits > 0; i++) {
        credit_t *c = &ts->credits[i];
        if (c->obj == NULL) continue;
        pay(c->obj, c->n);
        c->obj = NULL;
        c->n = 0;
        ts->ncredits--;
    }
    epoch_bump(ts);
}

void credit_add_debt(thread_t *ts, obj_t *o) {
    if (ts->ndebts == ts->debts_cap) {
        uint32_t cap = ts->debts_cap ? ts->debts_cap * 2 : 64;
        obj_t **d = realloc(ts->debts, cap * sizeof(obj_t *));
        if (d == NULL) {
            // No room to put it off: pay the credits, then drop at once.
            credit_pay_all(ts);
            brc_decref_apply(o);
            return;
        }
        ts->debts = d;
        ts->debts_cap = cap;
    }
    ts->debts[ts->ndebts++] = o;
    if (ts->ndebts >= CREDIT_MAX_DEBTS) credit_settle(ts);
}

void credit_settle(thread_t *ts) {
    if (ts == NULL) return;
    credit_pay_all(ts);
    while (ts->ndebts > 0) {
        // Take the list: the decrements may free objects whose deallocs
        // drop more references (and add debts again if they make credits).
        obj_t **d = ts->debts;
        uint32_t n = ts->ndebts, cap = ts->debts_cap;
        ts->debts = NULL;
        ts->ndebts = ts->debts_cap = 0;
        for (uint32_t i = 0; i < n; i++)
            brc_decref_apply(d[i]);
        if (ts->debts == NULL) {
            ts->debts = d; // reuse the buffer
            ts->debts_cap = cap;
        } else {
            free(d);
        }
        if (ts->ndebts > 0) credit_pay_all(ts);
    }
}

void credit_thread_fini(thread_t *ts) {
    credit_settle(ts);
    spare_flush(ts); // gc/spare.h: its spares die with it otherwise
    free(ts->debts);
    ts->debts = NULL;
    ts->debts_cap = 0;
}
