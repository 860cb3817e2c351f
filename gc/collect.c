/*
 * gc/collect.c — the cycle collector: container registries, the
 * collection inside a stop-the-world pause, PEP 442 finalization after it.
 * The contract is in gc/gc.h, the design in docs/memory.md.
 *
 * Registries.  Each attached thread has one (tls_reg, created at its first
 * container), linked in `regs` under regs_lock; a thread's registry is
 * marked dead when it exits and lives on until a collection finds it
 * empty.  A registry is a list of chunks of GC_CHUNK slots.  The owner
 * fills the tail chunk, then empty slots (holes left by objects that died)
 * that it finds by scanning a few chunks at a time (refill), then a new
 * chunk: the cost per allocation stays bounded and a program that never
 * collects (gc.disable()) still reuses the slots of dead objects.
 * Collections compact every registry in place.
 *
 * A collection (collect_pause, in the pause):
 *  1. every tracked, mortal object with a traverse slot whose count is not
 *     zero is a candidate (GC_CAND); head->refs = its count.  No thread
 *     holds register credits in a pause (stw_stop_world takes every thread
 *     offline for QSBR, which pays them), so the count is the true count;
 *     references sitting in merge queues, debts and QSBR-deferred
 *     decrements only add to it, which makes the collector conservative;
 *  2. refs -= one per reference from another candidate (traverse);
 *  3. candidates with refs > 0 are reachable from outside: they and
 *     everything they reach lose GC_CAND;
 *  4. the rest is garbage: GC_GARBAGE, one reference taken for the
 *     collector, weakrefs to it cleared (their callbacks are called after
 *     the pause, except those of weakrefs that are garbage themselves).
 * After the pause (Python code may run): weakref callbacks, then __del__ of
 * each garbage object not yet finalized (GC_FINALIZED), then, if any ran, a
 * second pause recomputes which garbage is still unreachable (a resurrected
 * object and what it reaches are left alone), then `clear` on the rest and
 * the collector's references are dropped: the objects die through their
 * normal deallocs.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/error.h"
#include "../modules/weakref.h"
#include "../objects/dict.h"
#include "../objects/gen.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/int.h"
#include "../objects/type_internal.h"
#include "../threads/mutex.h"
#include "../threads/registry.h"
#include "../threads/stw.h"
#include "../threads/thread.h"
#include "gc.h"
#include "qsbr.h"

#define GC_CHUNK     1022 // slots per chunk: a chunk is 8 KiB
#define GC_HOLES     256  // holes collected by one refill
#define GC_SCAN      4    // chunks one refill scans at most
#define GC_FOLD      64   // a thread folds its count into gc_young every GC_FOLD changes
#define GC_BEHIND    4    // a collection is behind when the count reaches GC_BEHIND x its due point
#define GC_DUE_RATIO 2    // a young collection is due every max(threshold, old/2) containers
#define GC_OLD_RATIO 4    // a full one when the old generation grew by a quarter
#define GC_PACE_NS   (5 * 1000 * 1000) // longest wait of a thread pacing itself

typedef struct gc_chunk {
    struct gc_chunk *next;
    size_t n; // slots used so far (filled or holes)
    obj_t *_Atomic slots[GC_CHUNK];
} gc_chunk_t;

typedef struct gc_reg {
    gc_chunk_t *head, *tail;
    struct gc_reg *next; // regs list (regs_lock)
    bool dead;           // its thread has exited (regs_lock)
    // Owner-only: empty slots found by refill, and where the next scan starts.
    obj_t *_Atomic *holes[GC_HOLES];
    size_t nholes;
    gc_chunk_t *scan;
} gc_reg_t;

static pthread_mutex_t regs_lock = PTHREAD_MUTEX_INITIALIZER;
static gc_reg_t *regs;
static gc_reg_t frozen; // gc.freeze(): only touched in pauses
// The old generation: objects that survived a collection, moved out of
// their thread's registry in its pause.  Only touched in pauses (and by
// gc_untrack's store of NULL into a slot, as in every registry).
static gc_reg_t old_gen;
static __thread gc_reg_t *tls_reg;
static __thread bool tls_fini;
static __thread int32_t tls_pending; // net tracked objects not yet folded into gc_young
static __thread int tls_finalizing;  // gc_finalizer_enter depth

_Atomic bool gc_enabled = true;
_Atomic int64_t gc_threshold0 = 700;
_Atomic int gc_debug_flags;
obj_t *_Atomic gc_callbacks_list, *_Atomic gc_garbage_list;
gc_stats_t gc_stats[3];
static _Atomic int64_t gc_young;       // net containers tracked since the last collection
static _Atomic int64_t gc_long_lived;  // objects in the old generation (as last counted)
static _Atomic int64_t gc_old_pending; // promoted to it since the last full collection
// Its size after the last full collection.  A plain int64: only the thread
// that won gc_collecting's compare-and-swap (collect) reads or writes it,
// so collections serialize every access.
static int64_t gc_old_total;
static _Atomic uint8_t gc_collecting;   // 1 while a collection runs; pacing threads park on it
static _Atomic uint64_t gc_seq;         // collections started
static __thread uint64_t tls_paced_seq; // the collection this thread stopped waiting for
// From the pause that marks a collection's garbage until its last
// reference is dropped: inspection pauses skip GC_GARBAGE objects then, so
// no thread gets a pointer into garbage that is being cleared without
// grace periods (qsbr_clearing_garbage_begin).  Written in pauses.
static _Atomic bool gc_clearing;

// ---- registries --------------------------------------------------------------------

static gc_reg_t *reg_create(void) {
    if (tls_fini || pvm_tls_thread == NULL) return NULL;
    gc_reg_t *r = calloc(1, sizeof(gc_reg_t));
    if (r == NULL) return NULL;
    pthread_mutex_lock(&regs_lock);
    r->next = regs;
    regs = r;
    pthread_mutex_unlock(&regs_lock);
    tls_reg = r;
    return r;
}

static gc_chunk_t *chunk_append(gc_reg_t *r) {
    gc_chunk_t *c = malloc(sizeof(gc_chunk_t));
    if (c == NULL) return NULL;
    c->next = NULL;
    c->n = 0;
    if (r->tail)
        r->tail->next = c;
    else
        r->head = c;
    r->tail = c;
    return c;
}

// The tail chunk is full and no hole is known: look for holes in the next
// GC_SCAN chunks; a new chunk when too few were found.
static obj_t *_Atomic *refill(gc_reg_t *r) {
    gc_chunk_t *c = r->scan ? r->scan : r->head;
    for (int k = 0; k < GC_SCAN && c != NULL && r->nholes < GC_HOLES; k++) {
        for (size_t i = 0; i < c->n && r->nholes < GC_HOLES; i++)
            if (atomic_load_explicit(&c->slots[i], memory_order_relaxed) == NULL)
                r->holes[r->nholes++] = &c->slots[i];
        c = c->next;
    }
    r->scan = c;
    if (r->nholes >= GC_HOLES / 4) return r->holes[--r->nholes];
    gc_chunk_t *t = chunk_append(r);
    if (t == NULL) return r->nholes ? r->holes[--r->nholes] : NULL;
    return &t->slots[t->n++];
}

// The count at which an automatic collection is due (0: never): the
// threshold, or half the old generation when that is more, so that the
// number of pauses stays in proportion to the heap (callgrind: a quarter
// cost bench/single/method_calls.py 1.2% more instructions, half none).
static int64_t due_point(void) {
    int64_t t = atomic_load_explicit(&gc_threshold0, memory_order_relaxed);
    int64_t l = atomic_load_explicit(&gc_long_lived, memory_order_relaxed) / GC_DUE_RATIO;
    if (t <= 0 || !atomic_load_explicit(&gc_enabled, memory_order_relaxed)) return 0;
    return t > l ? t : l;
}

// A collection runs and the count has grown GC_BEHIND times past its due
// point meanwhile: allocating threads outpace the one clearing, and
// without pacing the garbage of the next collection grows with the time
// this one takes (bench/memory/cycles.py with 2 threads: 100 MB and more
// where CPython stays at 14).  Each thread waits for a given collection
// at most once.
static bool behind(int64_t v, int64_t due) {
    return v > GC_BEHIND * due &&
           tls_paced_seq != atomic_load_explicit(&gc_seq, memory_order_relaxed);
}

// v containers tracked since the last collection: when that calls for an
// automatic collection (or for pacing behind one), this thread's eval
// breaker asks for it.
static void request_if_due(int64_t v) {
    int64_t due = due_point();
    if (due == 0 || v <= due || tls_finalizing > 0) return;
    if (atomic_load_explicit(&gc_collecting, memory_order_relaxed) && !behind(v, due)) return;
    thread_t *ts = pvm_tls_thread;
    if (ts) atomic_fetch_or_explicit(&ts->eval_breaker, EB_GC, memory_order_relaxed);
}

// Waits, offline, until the running collection ends or GC_PACE_NS pass
// (its finalizers may wait for a lock this thread holds).
static void pace(void) {
    uint64_t seq = atomic_load_explicit(&gc_seq, memory_order_acquire);
    thread_block_begin();
    int64_t left = GC_PACE_NS;
    while (left > 0 && atomic_load_explicit(&gc_collecting, memory_order_acquire) &&
           atomic_load_explicit(&gc_seq, memory_order_acquire) == seq) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        parking_park(&gc_collecting, 1, left);
        clock_gettime(CLOCK_MONOTONIC, &b);
        left -= (int64_t)(b.tv_sec - a.tv_sec) * 1000000000 + (b.tv_nsec - a.tv_nsec);
    }
    thread_block_end();
    tls_paced_seq = seq;
}

static void young_add(int32_t d) {
    tls_pending += d;
    if (tls_pending < GC_FOLD && tls_pending > -GC_FOLD) return;
    int64_t v =
        atomic_fetch_add_explicit(&gc_young, tls_pending, memory_order_relaxed) + tls_pending;
    tls_pending = 0;
    if (d > 0) request_if_due(v);
}

void gc_track(obj_t *o) {
    gc_reg_t *r = tls_reg;
    if (PVM_UNLIKELY(r == NULL) && (r = reg_create()) == NULL) return;
    obj_t *_Atomic *slot;
    gc_chunk_t *t = r->tail;
    if (r->nholes > 0)
        slot = r->holes[--r->nholes];
    else if (t != NULL && t->n < GC_CHUNK)
        slot = &t->slots[t->n++];
    else if ((slot = refill(r)) == NULL)
        return; // out of memory: the object is simply not collected
    atomic_store_explicit(slot, o, memory_order_relaxed);
    gc_head_of(o)->slot = slot;
    young_add(1);
}

void gc_untrack(obj_t *o) {
    gc_head_t *h = gc_head_of(o);
    if (h->slot == NULL) return;
    atomic_store_explicit(h->slot, NULL, memory_order_relaxed);
    h->slot = NULL;
    // A death caused by a collection (GC_GARBAGE, possibly on another
    // thread, after the collection ended) is not the program's progress.
    if (pvm_tls_thread != NULL &&
        !(atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_GARBAGE))
        young_add(-1);
}

bool gc_is_tracked(obj_t *o) {
    return !IS_SMALLINT(o) && gc_has_head(o) && gc_head_of(o)->slot != NULL;
}

void gc_thread_fini(void) {
    tls_fini = true;
    gc_reg_t *r = tls_reg;
    tls_reg = NULL;
    if (tls_pending) atomic_fetch_add_explicit(&gc_young, tls_pending, memory_order_relaxed);
    tls_pending = 0;
    if (r == NULL) return;
    pthread_mutex_lock(&regs_lock);
    r->dead = true;
    pthread_mutex_unlock(&regs_lock);
}

int64_t gc_young_count(void) {
    int64_t v = atomic_load_explicit(&gc_young, memory_order_relaxed) + tls_pending;
    return v < 0 ? 0 : v;
}

// In a pause: moves r's live entries to the front (updating their heads),
// untracks immortal objects, frees the chunks left empty, and calls fn on
// each live object.
typedef void (*live_fn)(obj_t *o, void *arg);
static void reg_compact(gc_reg_t *r, live_fn fn, void *arg) {
    r->nholes = 0;
    r->scan = NULL;
    if (r->head == NULL) return;
    gc_chunk_t *wc = r->head;
    size_t wi = 0;
    for (gc_chunk_t *c = r->head; c != NULL; c = c->next) {
        size_t n = c->n;
        for (size_t i = 0; i < n; i++) {
            obj_t *o = atomic_load_explicit(&c->slots[i], memory_order_relaxed);
            if (o == NULL) continue;
            if (obj_is_immortal(o)) {
                // Never dies, never garbage (classes, module-level
                // functions and what was made immortal with them): out
                // of the registry, so collections stop walking it.
                gc_head_of(o)->slot = NULL;
                continue;
            }
            if (wi == GC_CHUNK) {
                wc->n = GC_CHUNK;
                wc = wc->next;
                wi = 0;
            }
            atomic_store_explicit(&wc->slots[wi], o, memory_order_relaxed);
            gc_head_of(o)->slot = &wc->slots[wi];
            wi++;
            if (fn) fn(o, arg);
        }
    }
    wc->n = wi;
    gc_chunk_t *rest = wc->next;
    wc->next = NULL;
    r->tail = wc;
    while (rest) {
        gc_chunk_t *nx = rest->next;
        free(rest);
        rest = nx;
    }
    if (wi == 0 && wc == r->head) {
        free(wc);
        r->head = r->tail = NULL;
    }
}

// In a pause: compacts every registry (freeing dead, empty ones).
static void regs_compact(live_fn fn, void *arg) {
    pthread_mutex_lock(&regs_lock);
    for (gc_reg_t **pp = &regs; *pp;) {
        gc_reg_t *r = *pp;
        reg_compact(r, fn, arg);
        if (r->dead && r->head == NULL) {
            *pp = r->next;
            free(r);
            continue;
        }
        pp = &r->next;
    }
    pthread_mutex_unlock(&regs_lock);
}

// Every tracked object but the frozen ones: both generations (in a pause).
static void all_compact(live_fn fn, void *arg) {
    reg_compact(&old_gen, fn, arg);
    regs_compact(fn, arg);
}

// In a pause: appends o to r (the collector's own or the frozen registry).
static bool reg_push_paused(gc_reg_t *r, obj_t *o) {
    gc_chunk_t *t = r->tail;
    if ((t == NULL || t->n == GC_CHUNK) && (t = chunk_append(r)) == NULL) return false;
    obj_t *_Atomic *slot = &t->slots[t->n++];
    atomic_store_explicit(slot, o, memory_order_relaxed);
    gc_head_of(o)->slot = slot;
    return true;
}

// ---- growable arrays of objects (malloc'ed, usable in a pause) -------------------------

typedef struct {
    obj_t **items;
    size_t n, cap;
    bool oom;
} objvec_t;

static void vec_push(objvec_t *v, obj_t *o) {
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 256;
        obj_t **items = realloc(v->items, cap * sizeof(obj_t *));
        if (items == NULL) {
            v->oom = true;
            return;
        }
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = o;
}

// ---- the marking --------------------------------------------------------------------

static inline bool is_cand(obj_t *o) {
    return o != NULL && !IS_SMALLINT(o) &&
           (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_CAND);
}

// Inside a pause nobody else writes ob_gc_bits: a plain load and store
// (no locked instruction) is enough.
static inline void bits_set(obj_t *o, uint8_t b) {
    uint8_t v = atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed);
    atomic_store_explicit(&o->ob_gc_bits, v | b, memory_order_relaxed);
}
static inline void bits_clear(obj_t *o, uint8_t b) {
    uint8_t v = atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed);
    atomic_store_explicit(&o->ob_gc_bits, v & (uint8_t)~b, memory_order_relaxed);
}

// Candidates of this collection that an earlier one cleared (only in a pause).
static size_t cand_cleared;

static void add_candidate(obj_t *o, void *arg) {
    objvec_t *cand = arg;
    // A cleared object that something still holds keeps GC_GARBAGE from
    // its collection: not garbage any more.
    bool cleared = atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_GARBAGE;
    if (cleared) bits_clear(o, GC_GARBAGE);
    if (obj_is_immortal(o) || TYPE(o)->traverse == NULL) return;
    int64_t rc = obj_refcount(o);
    if (rc <= 0) return; // dying: not ours
    cand_cleared += cleared;
    gc_head_of(o)->refs = rc;
    vec_push(cand, o);
    if (!cand->oom) bits_set(o, GC_CAND);
}

static int visit_decref(obj_t *o, void *arg) {
    (void)arg;
    if (is_cand(o)) gc_head_of(o)->refs--;
    return 0;
}

static int visit_reach(obj_t *o, void *arg) {
    if (is_cand(o)) {
        bits_clear(o, GC_CAND);
        vec_push((objvec_t *)arg, o);
    }
    return 0;
}

// Steps 2 and 3 over `cand` (all GC_CAND with refs set): afterwards the
// objects still carrying GC_CAND are unreachable from outside the set.
static bool mark(objvec_t *cand) {
    for (size_t i = 0; i < cand->n; i++) {
        obj_t *o = cand->items[i];
        TYPE(o)->traverse(o, visit_decref, NULL);
    }
    objvec_t stack = {0};
    for (size_t i = 0; i < cand->n; i++) {
        obj_t *o = cand->items[i];
        if (!is_cand(o) || gc_head_of(o)->refs == 0) continue;
        PVM_ASSERT(gc_head_of(o)->refs > 0);
        bits_clear(o, GC_CAND);
        vec_push(&stack, o);
        while (stack.n > 0) {
            obj_t *r = stack.items[--stack.n];
            TYPE(r)->traverse(r, visit_reach, &stack);
        }
    }
    bool ok = !stack.oom;
    free(stack.items);
    return ok;
}

typedef struct {
    objvec_t garbage;
    weakref_pending_t *cbs;
    size_t ncbs, cbcap;
} collection_t;

// Step 1 to 4, in the pause.  A young collection examines only the
// threads' registries: references from old objects count as references
// from outside, so what they reach survives, and a cycle through an old
// object waits for a full collection.  Young survivors move to old_gen.
static void collect_pause(collection_t *c, bool full) {
    objvec_t cand = {0};
    cand_cleared = 0;
    if (full) reg_compact(&old_gen, add_candidate, &cand);
    size_t nold = cand.n; // the first nold candidates are old already
    regs_compact(add_candidate, &cand);
    bool ok = !cand.oom && mark(&cand);
    for (size_t i = 0; i < cand.n; i++) {
        obj_t *o = cand.items[i];
        if (!is_cand(o)) continue;
        bits_clear(o, GC_CAND);
        if (!ok) continue; // out of memory: collect nothing this time
        vec_push(&c->garbage, o);
        if (c->garbage.oom) continue;
        bits_set(o, GC_GARBAGE);
        INCREF(o);
    }
    if (c->garbage.n > 0) atomic_store_explicit(&gc_clearing, true, memory_order_relaxed);
    if (c->garbage.oom) {
        // Keep the objects already taken (all of them are garbage), drop
        // the rest of the work.
    }
    for (size_t i = 0; i < c->garbage.n; i++) {
        obj_t *o = c->garbage.items[i];
        if (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_WEAKREFS)
            weakref_clear_for_gc(o, &c->cbs, &c->ncbs, &c->cbcap);
    }
    // Objects an earlier collection cleared whose last release is still on
    // its way (a merge queue of an owner that has not run since) are not
    // long-lived: counted as survivors they raised the next threshold, the
    // next collection found more such objects, and with 2 threads the
    // issue's cycle program went for seconds without a collection.
    int64_t survivors = (int64_t)(cand.n - c->garbage.n) - (int64_t)cand_cleared;
    if (survivors < 0) survivors = 0;
    for (size_t i = nold; ok && i < cand.n; i++) {
        obj_t *o = cand.items[i];
        if (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_GARBAGE) continue;
        obj_t *_Atomic *young = gc_head_of(o)->slot;
        if (young != NULL && reg_push_paused(&old_gen, o))
            atomic_store_explicit(young, NULL, memory_order_relaxed);
    }
    if (full) {
        gc_old_total = survivors;
        atomic_store_explicit(&gc_old_pending, 0, memory_order_relaxed);
        atomic_store_explicit(&gc_long_lived, survivors, memory_order_relaxed);
    } else {
        atomic_fetch_add_explicit(&gc_old_pending, survivors, memory_order_relaxed);
        atomic_fetch_add_explicit(&gc_long_lived, survivors, memory_order_relaxed);
    }
    free(cand.items);
}

// The second pause after finalizers ran: which garbage is still
// unreachable (each holds one reference of the collector's).
static void resurrection_pause(collection_t *c) {
    objvec_t set = {0};
    for (size_t i = 0; i < c->garbage.n; i++) {
        obj_t *o = c->garbage.items[i];
        gc_head_of(o)->refs = obj_refcount(o) - 1;
        bits_set(o, GC_CAND);
        vec_push(&set, o);
    }
    bool ok = !set.oom && mark(&set);
    for (size_t i = 0; i < c->garbage.n; i++) {
        obj_t *o = c->garbage.items[i];
        if (!ok || !is_cand(o)) bits_clear(o, GC_GARBAGE); // resurrected: left alone
        bits_clear(o, GC_CAND);
    }
    free(set.items);
}

// ---- callbacks ------------------------------------------------------------------------

static void run_gc_callbacks(const char *phase, int generation, ssize_t collected) {
    obj_t *cbl = gc_callbacks_list;
    if (cbl == NULL || list_size(cbl) == 0) return;
    obj_t *saved = err_fetch();
    obj_t *copy = list_from_iterable(cbl);
    obj_t *info = dict_new();
    obj_t *ph = str_from_cstr(phase);
    obj_t *g = int_from_i64(generation), *n = int_from_i64(collected), *z = int_from_i64(0);
    if (copy && info && ph && g && n && z && dict_set_str(info, "generation", g) == 0 &&
        dict_set_str(info, "collected", n) == 0 && dict_set_str(info, "uncollectable", z) == 0) {
        for (ssize_t i = 0; i < list_size(copy); i++) {
            obj_t *cb = list_get(copy, i);
            if (cb == NULL) break;
            obj_t *r = obj_call2(cb, ph, info);
            if (r == NULL) {
                obj_t *cr = obj_repr(cb);
                if (cr == NULL) err_clear();
                fprintf(stderr, "Exception ignored in: %s\n", cr ? str_data(cr) : "<callback>");
                XDECREF(cr);
                err_print();
            } else {
                DECREF(r);
            }
            DECREF(cb);
        }
    }
    err_clear();
    XDECREF(copy);
    XDECREF(info);
    XDECREF(ph);
    XDECREF(g);
    XDECREF(n);
    XDECREF(z);
    err_restore(saved);
}

// ---- a collection ---------------------------------------------------------------------

// generation 2 is a full collection, 0 and 1 a young one; an automatic
// young collection becomes a full one when the old generation grew by a
// quarter since the last full collection (CPython's rule for its oldest
// generation).
static ssize_t collect(int generation, bool automatic) {
    uint8_t expected = 0;
    if (!atomic_compare_exchange_strong(&gc_collecting, &expected, 1)) return 0;
    atomic_fetch_add_explicit(&gc_seq, 1, memory_order_release);
    if (generation < 0 || generation > 2) generation = 2;
    bool full = generation == 2;
    if (!full && automatic &&
        atomic_load_explicit(&gc_old_pending, memory_order_relaxed) > gc_old_total / GC_OLD_RATIO) {
        full = true;
        generation = 2;
    }
    run_gc_callbacks("start", generation, 0);

    collection_t c = {0};
    stw_stop_world();
    atomic_store_explicit(&gc_young, 0, memory_order_relaxed);
    tls_pending = 0;
    collect_pause(&c, full);
    stw_start_world();

    ssize_t found = (ssize_t)c.garbage.n;
    // Weakref callbacks first (the weakrefs were cleared in the pause).
    for (size_t i = 0; i < c.ncbs; i++)
        weakref_run_callback(c.cbs[i].w, c.cbs[i].cb);
    free(c.cbs);

    // PEP 442: each finalizer once.
    bool ran = false;
    for (size_t i = 0; i < c.garbage.n; i++) {
        obj_t *o = c.garbage.items[i];
        if (type_gc_finalize(o)) ran = true;
        if (gen_gc_finalize(o)) ran = true;
    }
    if (ran) {
        stw_stop_world();
        resurrection_pause(&c);
        stw_start_world();
    }

    // Break the cycles: clear the survivors, then drop the collector's
    // references (the objects die through their normal deallocs).
    bool saveall = (gc_debug_flags & GC_DEBUG_SAVEALL) && gc_garbage_list != NULL;
    size_t nclear = 0;
    for (size_t i = 0; i < c.garbage.n; i++) {
        obj_t *o = c.garbage.items[i];
        if (!(atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_GARBAGE)) {
            c.garbage.items[i] = NULL;
            DECREF(o); // resurrected
            continue;
        }
        // GC_GARBAGE stays: its death is the collection's doing and does
        // not count against the next one (gc_untrack).
        c.garbage.items[nclear++] = o;
    }
    obj_t *saved = err_fetch();
    qsbr_clearing_garbage_begin();
    for (size_t i = 0; i < nclear; i++) {
        obj_t *o = c.garbage.items[i];
        if (saveall) {
            if (list_append(gc_garbage_list, o) < 0) err_clear();
        } else if (TYPE(o)->clear != NULL) {
            TYPE(o)->clear(o);
            if (err_occurred()) err_clear();
        }
    }
    for (size_t i = 0; i < nclear; i++)
        DECREF(c.garbage.items[i]);
    qsbr_clearing_garbage_end();
    atomic_store_explicit(&gc_clearing, false, memory_order_release);
    err_restore(saved);
    free(c.garbage.items);

    // The objects freed above do not count as the next collection's
    // progress (they carry GC_GARBAGE, see gc_untrack; what this thread
    // counted meanwhile was the collection's doing).  What other threads
    // allocated while this thread cleared does count: zeroing it here
    // let the garbage of a 2-thread cycle program grow to 7x the
    // threshold between collections, and each larger clearing dropped
    // more of the count (bench/memory: 104 MB peak against CPython's 14).
    // Only a count pushed below zero by deaths the collection caused
    // indirectly is brought back to zero.
    tls_pending = 0;
    int64_t y = atomic_load_explicit(&gc_young, memory_order_relaxed);
    while (y < 0 && !atomic_compare_exchange_weak_explicit(&gc_young, &y, 0, memory_order_relaxed,
                                                           memory_order_relaxed)) {
    }
    atomic_fetch_add_explicit(&gc_stats[generation].collections, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&gc_stats[generation].collected, found, memory_order_relaxed);
    atomic_store_explicit(&gc_collecting, 0, memory_order_release);
    parking_unpark_all(&gc_collecting); // threads pacing themselves
    run_gc_callbacks("stop", generation, found);
    err_mem_reserve_refill();
    return found;
}

ssize_t gc_collect(int generation) {
    return collect(generation, false);
}

void gc_finalizer_enter(void) {
    tls_finalizing++;
}

void gc_finalizer_exit(void) {
    // Back at the outermost level with a collection due: ask for it at the
    // next eval-breaker check (the request made meanwhile was dropped).
    if (--tls_finalizing == 0)
        request_if_due(atomic_load_explicit(&gc_young, memory_order_relaxed));
}

void gc_collect_scheduled(void) {
    if (!atomic_load_explicit(&gc_enabled, memory_order_relaxed)) return;
    if (tls_finalizing > 0) return; // gc_finalizer_exit asks again when due
    int64_t due = due_point();
    if (due > 0 && atomic_load_explicit(&gc_collecting, memory_order_relaxed) &&
        behind(atomic_load_explicit(&gc_young, memory_order_relaxed), due))
        pace();
    if (atomic_load_explicit(&gc_young, memory_order_relaxed) <=
        atomic_load_explicit(&gc_threshold0, memory_order_relaxed))
        return; // another thread collected meanwhile
    collect(0, true);
}

// ---- inspection ------------------------------------------------------------------------

// Garbage that a running collection is clearing is not handed out.
static bool being_cleared(obj_t *o) {
    return atomic_load_explicit(&gc_clearing, memory_order_relaxed) &&
           (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_GARBAGE);
}

static void add_all(obj_t *o, void *arg) {
    objvec_t *v = arg;
    if (!obj_is_immortal(o) && obj_refcount(o) <= 0) return;
    if (being_cleared(o)) return;
    vec_push(v, o);
    if (!v->oom) INCREF(o);
}

obj_t **gc_all_objects(size_t *n) {
    objvec_t v = {0};
    stw_stop_world();
    all_compact(add_all, &v);
    stw_start_world();
    *n = v.n;
    if (v.oom) {
        for (size_t i = 0; i < v.n; i++)
            DECREF(v.items[i]);
        free(v.items);
        return NULL;
    }
    return v.items ? v.items : malloc(sizeof(obj_t *));
}

typedef struct {
    obj_t *const *objs;
    size_t nobjs;
    bool hit;
} refsearch_t;

static int visit_find(obj_t *o, void *arg) {
    refsearch_t *s = arg;
    for (size_t i = 0; i < s->nobjs; i++)
        if (s->objs[i] == o) {
            s->hit = true;
            return 1;
        }
    return 0;
}

typedef struct {
    objvec_t out;
    refsearch_t s;
} referrers_t;

static void find_referrers(obj_t *o, void *arg) {
    referrers_t *r = arg;
    if (TYPE(o)->traverse == NULL) return;
    if (!obj_is_immortal(o) && obj_refcount(o) <= 0) return;
    if (being_cleared(o)) return;
    r->s.hit = false;
    TYPE(o)->traverse(o, visit_find, &r->s);
    if (r->s.hit) {
        vec_push(&r->out, o);
        if (!r->out.oom) INCREF(o);
    }
}

obj_t **gc_referrers(obj_t *const *objs, size_t nobjs, size_t *n) {
    referrers_t r = {.s = {.objs = objs, .nobjs = nobjs}};
    stw_stop_world();
    all_compact(find_referrers, &r);
    stw_start_world();
    *n = r.out.n;
    if (r.out.oom) {
        for (size_t i = 0; i < r.out.n; i++)
            DECREF(r.out.items[i]);
        free(r.out.items);
        return NULL;
    }
    return r.out.items ? r.out.items : malloc(sizeof(obj_t *));
}

static int visit_collect(obj_t *o, void *arg) {
    if (o == NULL) return 0;
    objvec_t *v = arg;
    vec_push(v, o);
    if (!v->oom) INCREF(o);
    return 0;
}

obj_t **gc_referents(obj_t *o, size_t *n) {
    objvec_t v = {0};
    if (!IS_SMALLINT(o) && TYPE(o)->traverse != NULL) {
        stw_stop_world();
        TYPE(o)->traverse(o, visit_collect, &v);
        stw_start_world();
    }
    *n = v.n;
    if (v.oom) {
        for (size_t i = 0; i < v.n; i++)
            DECREF(v.items[i]);
        free(v.items);
        return NULL;
    }
    return v.items ? v.items : malloc(sizeof(obj_t *));
}

static void move_to_frozen(obj_t *o, void *arg) {
    (void)arg;
    obj_t *_Atomic *old = gc_head_of(o)->slot;
    if (reg_push_paused(&frozen, o)) atomic_store_explicit(old, NULL, memory_order_relaxed);
}

void gc_freeze(void) {
    stw_stop_world();
    all_compact(move_to_frozen, NULL);
    all_compact(NULL, NULL);
    stw_start_world();
}

void gc_unfreeze(void) {
    stw_stop_world();
    gc_reg_t *r = tls_reg ? tls_reg : reg_create();
    if (r != NULL) {
        reg_compact(&frozen, NULL, NULL);
        for (gc_chunk_t *c = frozen.head; c; c = c->next)
            for (size_t i = 0; i < c->n; i++) {
                obj_t *o = atomic_load_explicit(&c->slots[i], memory_order_relaxed);
                if (o != NULL && reg_push_paused(r, o))
                    atomic_store_explicit(&c->slots[i], NULL, memory_order_relaxed);
            }
        reg_compact(&frozen, NULL, NULL);
        r->nholes = 0;
        r->scan = NULL;
    }
    stw_start_world();
}

size_t gc_freeze_count(void) {
    size_t n = 0;
    stw_stop_world();
    for (gc_chunk_t *c = frozen.head; c; c = c->next)
        for (size_t i = 0; i < c->n; i++)
            if (atomic_load_explicit(&c->slots[i], memory_order_relaxed) != NULL) n++;
    stw_start_world();
    return n;
}

// At exit (core/exitclear.c), with no other thread attached: whether some
// tracked mortal object satisfies pred.  Reads the registries without a
// pause (no other thread can write them).
static bool reg_any(gc_reg_t *r, bool (*pred)(obj_t *o)) {
    for (gc_chunk_t *c = r->head; c != NULL; c = c->next) {
        size_t n = c->n;
        for (size_t i = 0; i < n; i++) {
            obj_t *o = atomic_load_explicit(&c->slots[i], memory_order_relaxed);
            if (o != NULL && !obj_is_immortal(o) && pred(o)) return true;
        }
    }
    return false;
}

bool gc_any_tracked(bool (*pred)(obj_t *o)) {
    pthread_mutex_lock(&regs_lock);
    bool hit = reg_any(&frozen, pred) || reg_any(&old_gen, pred);
    for (gc_reg_t *r = regs; r != NULL && !hit; r = r->next)
        hit = reg_any(r, pred);
    pthread_mutex_unlock(&regs_lock);
    return hit;
}
