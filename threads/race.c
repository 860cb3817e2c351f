/*
 * threads/race.c — the -X race data-race detector (threads/race.h,
 * docs/stress-testing.md "The race detector").
 *
 * Owns: the mode (set once at startup), each thread's vector clock (a
 * race_thread_t reached through TLS; only its own thread writes its clock),
 * the shadow table, the stack depot and the report state.
 *
 * Shadow table.  Locations are (object, field key): the field key names an
 * attribute (salted hash of its name), a dict/set key (salted hash of a str
 * or int key, else the key's identity), a list index, a closure cell's
 * contents, a container's contents as a whole (its length and layout:
 * append, resize, iteration) or a lock's clock.  The table is striped by
 * object address: NSTRIPES mutexes, each guarding a chained hash map from
 * object to an objrec_t, which holds the object's fields in an open-
 * addressed array.  All fields of one object live in one stripe, so
 * forgetting an object (race_forget, from obj_dealloc, when the object
 * carries GC_RACE) is one lookup; an address reused by a new object starts
 * with no history.  Invariants: an objrec exists only for an object whose
 * ob_gc_bits has GC_RACE; a field's shadow, clock and owner are read and
 * written only under its stripe's mutex; the detector never calls Python
 * code and never frees an object while it holds a stripe.
 *
 * Stacks.  Every access records the 64-bit hash of its call stack (code
 * object and instruction of each frame).  The first time a thread sees a
 * hash it enters the resolved stack (file, function, line of each frame)
 * into the global depot, so a report can print the stack of an access made
 * long ago.
 *
 * Semantics (docs/stress-testing.md has the user's view):
 *  - happens-before edges: lock release -> later acquire of the same lock
 *    (_thread.lock and RLock, and so Condition, Semaphore, Event, Barrier,
 *    queue.Queue, Thread.join and concurrent.futures, which pvm's library
 *    builds on them), thread start, deque append -> later pop;
 *  - conflicts reported: write-read and read-write (race_clock.h);
 *  - a write made while its thread holds a lock publishes the location (the
 *    reader acquires the writer's clock): double-checked locking, whose
 *    unlocked first read races only benignly with the locked store;
 *  - what the allocating thread did to an object before any other thread
 *    touched it is its initialization, ordered before everything else
 *    (escape(): objects are published whole);
 *  - at most one race is reported per location and one per pair of source
 *    lines, so one bug gives one report, not a cascade (the same check-
 *    then-act on every key of a dict is one report).
 */
#define _GNU_SOURCE
#include "race.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/frame.h"
#include "../core/traceback.h"
#include "../core/opcodes.h"
#include "../gc/refcount.h"
#include "../core/sysmodule.h"
#include "../modules/collections.h"
#include "../objects/code.h"
#include "../objects/dict.h"
#include "../objects/func.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "race_clock.h"
#include "stress.h"
#include "thread.h"

int race_mode = RACE_OFF;

// Frames of a recorded stack (the innermost ones): enough to place an
// access; a bound on the stacks recursion can make (fib's 2^depth paths).
#define MAX_DEPTH 8
// Frames printed for the current access, read from the live frames.
#define LIVE_DEPTH 256
#define NSTRIPES   256

// Memory the detector holds (PVM_RACE_STATS=1 prints it at exit).
static _Atomic size_t mem_bytes, mem_peak;
static _Atomic size_t n_locations;

static void mem_add(ssize_t delta) {
    size_t now = atomic_fetch_add(&mem_bytes, (size_t)delta) + (size_t)delta;
    size_t peak = atomic_load_explicit(&mem_peak, memory_order_relaxed);
    while (now > peak && !atomic_compare_exchange_weak(&mem_peak, &peak, now)) {
    }
}

// ---- configuration ---------------------------------------------------------------------

int race_main(char **xopts, int n_xopts) {
    const char *spec = NULL;
    for (int i = 0; i < n_xopts; i++) {
        if (strcmp(xopts[i], "race") == 0)
            spec = "";
        else if (strncmp(xopts[i], "race=", 5) == 0)
            spec = xopts[i] + 5;
    }
    bool from_env = false;
    if (spec == NULL) {
        spec = getenv("PVM_RACE");
        if (spec == NULL || *spec == '\0') return -1;
        from_env = true;
        if (strcmp(spec, "1") == 0) spec = "";
    }
    if (*spec == '\0')
        race_mode = RACE_ON;
    else if (strcmp(spec, "report-only") == 0)
        race_mode = RACE_REPORT_ONLY;
    else {
        fprintf(stderr, "pvm: %s: invalid value '%s' (expected nothing or report-only)\n",
                from_env ? "PVM_RACE" : "-X race", spec);
        return 2;
    }
    return -1;
}

// ---- threads ---------------------------------------------------------------------------

typedef struct race_thread {
    uint32_t tid;         // creation order; the main thread is 0
    race_vc_t vc;         // written only by this thread
    _Atomic int held;     // locks this thread holds (see publish in access())
    uint64_t start_stack; // where its parent started it (0 for the main thread)
    uint32_t parent;      // tid of the parent
    uint64_t *seen;       // stack hashes this thread has put into the depot
    uint32_t seen_n, seen_cap;
} race_thread_t;

static __thread race_thread_t *me_tls;
static _Atomic bool multi; // a second thread was created
static pthread_mutex_t threads_mu = PTHREAD_MUTEX_INITIALIZER;
static race_thread_t **threads; // by tid; kept to the end (reports name them)
static uint32_t nthreads, threads_cap;

static race_thread_t *thread_new(void) {
    race_thread_t *t = calloc(1, sizeof *t);
    if (t == NULL) return NULL;
    pthread_mutex_lock(&threads_mu);
    if (nthreads == threads_cap) {
        uint32_t cap = threads_cap ? threads_cap * 2 : 16;
        race_thread_t **a = realloc(threads, cap * sizeof *a);
        if (a == NULL) {
            pthread_mutex_unlock(&threads_mu);
            free(t);
            return NULL;
        }
        threads = a;
        threads_cap = cap;
    }
    t->tid = nthreads;
    threads[nthreads++] = t;
    pthread_mutex_unlock(&threads_mu);
    mem_add(sizeof *t);
    return t;
}

static race_thread_t *thread_by_tid(uint32_t tid) {
    pthread_mutex_lock(&threads_mu);
    race_thread_t *t = tid < nthreads ? threads[tid] : NULL;
    pthread_mutex_unlock(&threads_mu);
    return t;
}

static void vc_tick(race_thread_t *t) {
    uint32_t c = race_vc_get(&t->vc, t->tid);
    race_vc_set(&t->vc, t->tid, c + 1);
}

// ---- the stack depot -------------------------------------------------------------------

typedef struct {
    const char *file, *func;
    int line;
} dframe_t;

typedef struct {
    uint64_t hash; // 0: empty slot
    uint32_t n;
    bool truncated;   // outer frames were not recorded
    dframe_t *frames; // innermost first
} dstack_t;

static pthread_mutex_t depot_mu = PTHREAD_MUTEX_INITIALIZER;
static dstack_t *depot;
static size_t depot_n, depot_cap;

static inline uint64_t mix64(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static size_t frame_pc(frame_t *f) {
    code_t *co = f->code;
    return f->pc > co->insns ? (size_t)(f->pc - 1 - co->insns) : 0;
}

static uint64_t stack_hash(thread_t *ts) {
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    int d = 0;
    for (frame_t *f = ts->frame; f && d < MAX_DEPTH; f = f->prev, d++)
        h = mix64(h ^ (uintptr_t)f->code) + frame_pc(f) * 0x100000001b3ULL;
    return h ? h : 1;
}

static dstack_t *depot_slot(uint64_t h) {
    size_t i = (size_t)mix64(h) & (depot_cap - 1);
    while (depot[i].hash != 0 && depot[i].hash != h)
        i = (i + 1) & (depot_cap - 1);
    return &depot[i];
}

// depot_mu held.
static bool depot_grow(void) {
    size_t cap = depot_cap ? depot_cap * 2 : 1024;
    dstack_t *old = depot, *nd = calloc(cap, sizeof *nd);
    if (nd == NULL) return false;
    size_t oldcap = depot_cap;
    depot = nd;
    depot_cap = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].hash) *depot_slot(old[i].hash) = old[i];
    free(old);
    mem_add((ssize_t)((cap - oldcap) * sizeof *nd));
    return true;
}

static void depot_put(thread_t *ts, uint64_t h) {
    pthread_mutex_lock(&depot_mu);
    if ((depot_n + 1) * 2 > depot_cap && !depot_grow()) goto out;
    dstack_t *s = depot_slot(h);
    if (s->hash == h) goto out;
    dframe_t fr[MAX_DEPTH];
    uint32_t n = 0;
    frame_t *f = ts->frame;
    for (; f && n < MAX_DEPTH; f = f->prev) {
        code_t *co = f->code;
        fr[n].file = str_data(co->filename);
        fr[n].func = str_data(co->name);
        fr[n].line = code_addr2line(co, frame_pc(f));
        n++;
    }
    dframe_t *copy = malloc(n * sizeof *copy + 1);
    if (copy == NULL) goto out;
    for (uint32_t i = 0; i < n; i++) {
        copy[i] = fr[i];
        copy[i].file = strdup(fr[i].file);
        copy[i].func = strdup(fr[i].func);
        mem_add((ssize_t)(strlen(fr[i].file) + strlen(fr[i].func) + 2));
    }
    mem_add((ssize_t)(n * sizeof *copy));
    s->hash = h;
    s->n = n;
    s->truncated = f != NULL;
    s->frames = copy;
    depot_n++;
out:
    pthread_mutex_unlock(&depot_mu);
}

// A copy of the depot entry (the depot may move): frames stay valid.
static dstack_t depot_get(uint64_t h) {
    dstack_t r = {0, 0, false, NULL};
    pthread_mutex_lock(&depot_mu);
    if (depot_cap) {
        dstack_t *s = depot_slot(h);
        if (s->hash == h) r = *s;
    }
    pthread_mutex_unlock(&depot_mu);
    return r;
}

// Makes sure stack h of thread me is in the depot (once per thread and stack).
static void note_stack(race_thread_t *me, thread_t *ts, uint64_t h) {
    if (me->seen_cap) {
        uint32_t i = (uint32_t)mix64(h) & (me->seen_cap - 1);
        while (me->seen[i]) {
            if (me->seen[i] == h) return;
            i = (i + 1) & (me->seen_cap - 1);
        }
    }
    depot_put(ts, h);
    if ((me->seen_n + 1) * 2 > me->seen_cap) {
        uint32_t cap = me->seen_cap ? me->seen_cap * 2 : 256;
        uint64_t *ns = calloc(cap, sizeof *ns);
        if (ns == NULL) return;
        for (uint32_t k = 0; k < me->seen_cap; k++) {
            uint64_t v = me->seen[k];
            if (!v) continue;
            uint32_t i = (uint32_t)mix64(v) & (cap - 1);
            while (ns[i])
                i = (i + 1) & (cap - 1);
            ns[i] = v;
        }
        free(me->seen);
        mem_add((ssize_t)((cap - me->seen_cap) * sizeof *ns));
        me->seen = ns;
        me->seen_cap = cap;
    }
    uint32_t i = (uint32_t)mix64(h) & (me->seen_cap - 1);
    while (me->seen[i])
        i = (i + 1) & (me->seen_cap - 1);
    me->seen[i] = h;
    me->seen_n++;
}

// ---- the shadow table ------------------------------------------------------------------

typedef struct {
    uint64_t key;         // 0: empty slot
    race_shadow_t sh;     // accesses
    race_vc_t *sync;      // a lock's clock, or the clock of a locked (publishing) write
    race_thread_t *owner; // a lock's holder, counted in owner->held
    bool reported;        // a race on this location was found already
} field_t;

typedef struct objrec {
    obj_t *obj;
    struct objrec *next;
    field_t *f; // open addressing, cap a power of 2
    uint32_t n, cap;
    uint32_t creator; // the first thread that accessed the object
    bool escaped;     // another thread has accessed it since
} objrec_t;

typedef struct {
    pthread_mutex_t mu;
    objrec_t **b;
    uint32_t nb, n;
} stripe_t;

static stripe_t stripes[NSTRIPES];

static inline stripe_t *stripe_of(obj_t *o) {
    return &stripes[(mix64((uintptr_t)o) >> 20) & (NSTRIPES - 1)];
}

static inline uint32_t bucket_of(stripe_t *s, obj_t *o) {
    return (uint32_t)mix64((uintptr_t)o) & (s->nb - 1);
}

// Stripe held.
static objrec_t *objrec_find(stripe_t *s, obj_t *o, objrec_t ***link) {
    if (s->nb == 0) return NULL;
    objrec_t **p = &s->b[bucket_of(s, o)];
    while (*p && (*p)->obj != o)
        p = &(*p)->next;
    if (link) *link = p;
    return *p;
}

// Stripe held.
static objrec_t *objrec_get(stripe_t *s, obj_t *o) {
    objrec_t *r = objrec_find(s, o, NULL);
    if (r) return r;
    if ((s->n + 1) > s->nb) {
        uint32_t nb = s->nb ? s->nb * 2 : 64;
        objrec_t **b = calloc(nb, sizeof *b);
        if (b == NULL) return NULL;
        uint32_t old = s->nb;
        objrec_t **ob = s->b;
        s->b = b;
        s->nb = nb;
        for (uint32_t i = 0; i < old; i++)
            for (objrec_t *e = ob[i], *next; e; e = next) {
                next = e->next;
                uint32_t k = bucket_of(s, e->obj);
                e->next = b[k];
                b[k] = e;
            }
        free(ob);
        mem_add((ssize_t)((nb - old) * sizeof *b));
    }
    r = calloc(1, sizeof *r);
    if (r == NULL) return NULL;
    mem_add(sizeof *r);
    r->obj = o;
    // The thread that allocated the object still owns its reference count
    // (gc/refcount.h); an object first seen by another thread was already
    // published to it.
    r->creator = me_tls ? me_tls->tid : 0;
    r->escaped = atomic_load_explicit(&o->ob_tid, memory_order_relaxed) != pvm_tls_tid;
    uint32_t k = bucket_of(s, o);
    r->next = s->b[k];
    s->b[k] = r;
    s->n++;
    atomic_fetch_or_explicit(&o->ob_gc_bits, GC_RACE, memory_order_relaxed);
    return r;
}

static field_t *field_slot(field_t *f, uint32_t cap, uint64_t key) {
    uint32_t i = (uint32_t)mix64(key) & (cap - 1);
    while (f[i].key != 0 && f[i].key != key)
        i = (i + 1) & (cap - 1);
    return &f[i];
}

// Stripe held.  The field `key` of o, created when missing; NULL when out
// of memory.
static field_t *field_get(stripe_t *s, obj_t *o, uint64_t key, objrec_t **rec) {
    objrec_t *r = objrec_get(s, o);
    if (r == NULL) return NULL;
    if (rec) *rec = r;
    if (r->cap) {
        field_t *f = field_slot(r->f, r->cap, key);
        if (f->key == key) return f;
    }
    if ((r->n + 1) * 4 > r->cap * 3) {
        uint32_t cap = r->cap ? r->cap * 2 : 2;
        field_t *nf = calloc(cap, sizeof *nf);
        if (nf == NULL) return NULL;
        for (uint32_t i = 0; i < r->cap; i++)
            if (r->f[i].key) *field_slot(nf, cap, r->f[i].key) = r->f[i];
        free(r->f);
        mem_add((ssize_t)((cap - r->cap) * sizeof *nf));
        r->f = nf;
        r->cap = cap;
    }
    field_t *f = field_slot(r->f, r->cap, key);
    f->key = key;
    r->n++;
    atomic_fetch_add_explicit(&n_locations, 1, memory_order_relaxed);
    return f;
}

static void field_free(field_t *f) {
    mem_add(-(ssize_t)race_shadow_extra_bytes(&f->sh));
    race_shadow_free(&f->sh);
    if (f->sync) {
        mem_add(-(ssize_t)(sizeof *f->sync + f->sync->cap * sizeof(uint32_t)));
        race_vc_free(f->sync);
        free(f->sync);
    }
    if (f->owner) atomic_fetch_sub(&f->owner->held, 1);
}

void race_forget(obj_t *o) {
    stripe_t *s = stripe_of(o);
    pthread_mutex_lock(&s->mu);
    objrec_t **link;
    objrec_t *r = objrec_find(s, o, &link);
    if (r) {
        *link = r->next;
        s->n--;
        for (uint32_t i = 0; i < r->cap; i++)
            if (r->f[i].key) field_free(&r->f[i]);
        atomic_fetch_sub_explicit(&n_locations, r->n, memory_order_relaxed);
        mem_add(-(ssize_t)(r->cap * sizeof *r->f + sizeof *r));
        free(r->f);
        free(r);
    }
    atomic_fetch_and_explicit(&o->ob_gc_bits, (uint8_t)~GC_RACE, memory_order_relaxed);
    pthread_mutex_unlock(&s->mu);
}

// Stripe held.  The first access to r's object by a thread other than the
// one that created it (first accessed it): what the creator did to the
// object until now was its initialization, which every other thread sees
// (the object reached them through some operation that happened after it;
// in Python, a built-in one is atomic and publishes it whole: list.append,
// heapq.heappush, a C registry).  Its history is dropped, so only accesses
// from now on can race.
static void escape(objrec_t *r) {
    r->escaped = true;
    for (uint32_t i = 0; i < r->cap; i++) {
        field_t *f = &r->f[i];
        if (!f->key) continue;
        mem_add(-(ssize_t)race_shadow_extra_bytes(&f->sh));
        race_shadow_free(&f->sh);
        memset(&f->sh, 0, sizeof f->sh);
    }
}

// Stripe held.  f->sync, created when missing.
static race_vc_t *field_sync(field_t *f) {
    if (f->sync == NULL) {
        f->sync = calloc(1, sizeof *f->sync);
        if (f->sync) mem_add(sizeof *f->sync);
    }
    return f->sync;
}

// Stripe held: dst := dst ⊔ src, with the memory accounted.
static void sync_join(race_vc_t *dst, const race_vc_t *src) {
    uint32_t before = dst->cap;
    race_vc_join(dst, src);
    mem_add((ssize_t)((dst->cap - before) * sizeof(uint32_t)));
}

// ---- field keys ------------------------------------------------------------------------

#define SALT_ATTR    0x51a7a77e00000001ULL
#define SALT_ITEM    0x17e3000000000003ULL
#define KEY_CONTENTS 0xc0117e4750000005ULL
#define KEY_CELL     0xce11000000000007ULL
#define KEY_SYNC     0x5914c00000000009ULL

static uint64_t nonzero(uint64_t k) {
    return k ? k : 1;
}

static uint64_t attr_key(obj_t *name) {
    return nonzero(mix64((uint64_t)str_hash(name)) ^ SALT_ATTR);
}

// Keys compare by value when they are str or int, by identity otherwise.
static uint64_t item_key(obj_t *k) {
    uint64_t v;
    if (IS_SMALLINT(k))
        v = (uint64_t)SMALLINT_VALUE(k);
    else if (STR_EXACT(k))
        v = (uint64_t)str_hash(k) ^ 0x5757575757575757ULL;
    else
        v = (uintptr_t)k;
    return nonzero(mix64(v) ^ SALT_ITEM);
}

// ---- reports ---------------------------------------------------------------------------

enum { LOC_GLOBAL, LOC_ATTR, LOC_CELL, LOC_ITEM, LOC_CONTENTS };

// What a report says about the location (borrowed objects, alive during
// the access).
typedef struct {
    int kind;
    obj_t *holder;  // the object (for LOC_GLOBAL: the globals dict)
    obj_t *name;    // attribute/global/cell name, or the item key
    const char *op; // the operation, for LOC_CONTENTS ("append", "iteration"...)
} loc_t;

static pthread_mutex_t report_mu = PTHREAD_MUTEX_INITIALIZER;
static uint64_t *pairs; // site pairs reported (open addressing)
static uint32_t pairs_n, pairs_cap;
static _Atomic uint32_t n_reports;

static bool under(const char *path, const char *dir) {
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return n > 0 && strncmp(path, dir, n) == 0 && path[n] == '/';
}

static bool is_library_file(const char *file) {
    return under(file, sysmodule_stdlib_dir()) || under(file, sysmodule_pvm_lib_dir()) ||
           strncmp(file, "<frozen", 7) == 0;
}

static void print_stack(const dstack_t *s) {
    if (s->frames == NULL) {
        fputs("  (stack not recorded)\n", stderr);
        return;
    }
    fputs("Traceback (most recent call last):\n", stderr);
    if (s->truncated) fputs("  ... (outer frames not recorded)\n", stderr);
    // The library frames a thread starts in (threading's _bootstrap, run)
    // say nothing about the program: the traceback starts at its code.
    // So do the library frames it ends in (Thread.start, for the stack of a
    // thread's start).
    uint32_t top = s->n, bottom = 0;
    while (!s->truncated && top > 1 && is_library_file(s->frames[top - 1].file))
        top--;
    while (bottom + 1 < top && is_library_file(s->frames[bottom].file))
        bottom++;
    for (uint32_t i = top; i-- > bottom;) {
        fprintf(stderr, "  File \"%s\", line %d, in %s\n", s->frames[i].file, s->frames[i].line,
                s->frames[i].func);
        traceback_print_source_line(stderr, s->frames[i].file, s->frames[i].line);
    }
}

static uint64_t site_of(const dstack_t *s) {
    if (s->frames == NULL || s->n == 0) return 1;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const char *p = s->frames[0].file; *p; p++)
        h = (h ^ (uint8_t)*p) * 0x100000001b3ULL;
    return mix64(h ^ (uint64_t)s->frames[0].line);
}

// report_mu held.  Returns true when the pair is new (and records it).
static bool pair_is_new(uint64_t a, uint64_t b) {
    uint64_t key = nonzero(mix64(a < b ? a : b) ^ (a < b ? b : a));
    if ((pairs_n + 1) * 2 > pairs_cap) {
        uint32_t cap = pairs_cap ? pairs_cap * 2 : 64;
        uint64_t *np = calloc(cap, sizeof *np);
        if (np == NULL) return true;
        for (uint32_t k = 0; k < pairs_cap; k++) {
            if (!pairs[k]) continue;
            uint32_t i = (uint32_t)mix64(pairs[k]) & (cap - 1);
            while (np[i])
                i = (i + 1) & (cap - 1);
            np[i] = pairs[k];
        }
        free(pairs);
        pairs = np;
        pairs_cap = cap;
    }
    uint32_t i = (uint32_t)mix64(key) & (pairs_cap - 1);
    while (pairs[i]) {
        if (pairs[i] == key) return false;
        i = (i + 1) & (pairs_cap - 1);
    }
    pairs[i] = key;
    pairs_n++;
    return true;
}

static void print_key(obj_t *k) {
    if (IS_SMALLINT(k))
        fprintf(stderr, "[%lld]", (long long)SMALLINT_VALUE(k));
    else if (STR_EXACT(k))
        fprintf(stderr, "['%.60s']", str_data(k));
    else
        fprintf(stderr, "[<%s object>]", TYPE(k)->name);
}

static void print_loc(const loc_t *l) {
    switch (l->kind) {
    case LOC_GLOBAL: {
        fprintf(stderr, "global '%s'", str_data(l->name));
        obj_t *mod = DICT_CHECK(l->holder) ? dict_get_str(l->holder, "__name__") : NULL;
        if (mod && STR_CHECK(mod)) fprintf(stderr, " of module %s", str_data(mod));
        if (mod == NULL) err_clear();
        XDECREF(mod);
        break;
    }
    case LOC_ATTR:
        if (TYPE_CHECK(l->holder))
            fprintf(stderr, "attribute '%s' of class %s", str_data(l->name),
                    ((type_t *)l->holder)->name);
        else
            fprintf(stderr, "attribute '%s' of %s object", str_data(l->name),
                    TYPE(l->holder)->name);
        break;
    case LOC_CELL:
        if (l->name)
            fprintf(stderr, "closure variable '%s'", str_data(l->name));
        else
            fputs("closure variable", stderr);
        break;
    case LOC_ITEM:
        fputs("item ", stderr);
        print_key(l->name);
        fprintf(stderr, " of %s", TYPE(l->holder)->name);
        break;
    case LOC_CONTENTS:
        fprintf(stderr, "contents of %s", TYPE(l->holder)->name);
        if (l->op) fprintf(stderr, " (%s)", l->op);
        break;
    }
}

static void print_thread(uint32_t tid) {
    if (tid == 0)
        fputs("thread 0 (main)", stderr);
    else
        fprintf(stderr, "thread %u", tid);
}

// The calling thread's whole stack, from its live frames (strings borrowed
// from the code objects, alive while the frames are).
static dstack_t live_stack(dframe_t *buf) {
    dstack_t s = {1, 0, false, buf};
    thread_t *ts = thread_current();
    frame_t *f = ts ? ts->frame : NULL;
    for (; f && s.n < LIVE_DEPTH; f = f->prev) {
        code_t *co = f->code;
        buf[s.n].file = str_data(co->filename);
        buf[s.n].func = str_data(co->name);
        buf[s.n].line = code_addr2line(co, frame_pc(f));
        s.n++;
    }
    s.truncated = f != NULL;
    return s;
}

static void report(race_thread_t *me, bool write, const race_conflict_t *c, const loc_t *loc) {
    static __thread dframe_t buf[LIVE_DEPTH];
    dstack_t cur = live_stack(buf), prev = depot_get(c->prev_stack);
    pthread_mutex_lock(&report_mu);
    if (!pair_is_new(site_of(&cur), site_of(&prev))) {
        pthread_mutex_unlock(&report_mu);
        return;
    }
    atomic_fetch_add(&n_reports, 1);
    fflush(stdout);
    fputs("==================\nWARNING: DATA RACE\n", stderr);
    fputs(write ? "Write of " : "Read of ", stderr);
    print_loc(loc);
    fputs(" by ", stderr);
    print_thread(me->tid);
    fputs(":\n", stderr);
    print_stack(&cur);
    fputs(c->prev_write ? "\nPrevious write of " : "\nPrevious read of ", stderr);
    loc_t ploc = *loc;
    ploc.op = NULL; // the earlier operation is not recorded, only its kind
    print_loc(&ploc);
    fputs(" by ", stderr);
    print_thread(c->prev.tid);
    fputs(":\n", stderr);
    print_stack(&prev);
    uint32_t tids[2] = {me->tid, c->prev.tid};
    for (int i = 0; i < 2; i++) {
        if (tids[i] == 0 || (i == 1 && tids[1] == tids[0])) continue;
        race_thread_t *t = thread_by_tid(tids[i]);
        if (t == NULL) continue;
        dstack_t s = depot_get(t->start_stack);
        fprintf(stderr, "\nThread %u was started by ", tids[i]);
        print_thread(t->parent);
        fputs(" at:\n", stderr);
        print_stack(&s);
    }
    fputs("==================\n", stderr);
    fflush(stderr);
    pthread_mutex_unlock(&report_mu);
}

// ---- accesses --------------------------------------------------------------------------

// An access by the calling thread to field `key` of `holder`.
static void access(obj_t *holder, uint64_t key, bool write, const loc_t *loc) {
    race_thread_t *me = me_tls;
    if (me == NULL || holder == NULL) return;
    // Before the first thread starts, every access happens before every
    // access of every other thread (they all descend from this point).
    if (!atomic_load_explicit(&multi, memory_order_relaxed)) return;
    thread_t *ts = thread_current();
    uint64_t stack = stack_hash(ts);
    note_stack(me, ts, stack);
    race_conflict_t cf[4];
    int n = 0;
    bool first = false;
    stripe_t *s = stripe_of(holder);
    pthread_mutex_lock(&s->mu);
    objrec_t *rec;
    field_t *f = field_get(s, holder, key, &rec);
    if (f == NULL) {
        pthread_mutex_unlock(&s->mu);
        return;
    }
    if (!rec->escaped && rec->creator != me->tid) escape(rec);
    size_t before = race_shadow_extra_bytes(&f->sh);
    if (write) {
        if (atomic_load_explicit(&me->held, memory_order_relaxed) > 0) {
            // A store made holding a lock publishes the location: a
            // reader acquires the writer's clock (see the top comment).
            race_shadow_write(&f->sh, me->tid, &me->vc, stack, cf, 0);
            race_vc_t *p = field_sync(f);
            if (p) sync_join(p, &me->vc);
            vc_tick(me); // a release: later accesses are not published
        } else {
            n = race_shadow_write(&f->sh, me->tid, &me->vc, stack, cf, 4);
        }
    } else {
        if (f->sync) race_vc_join(&me->vc, f->sync);
        n = race_shadow_read(&f->sh, me->tid, &me->vc, stack, cf, 4);
    }
    mem_add((ssize_t)race_shadow_extra_bytes(&f->sh) - (ssize_t)before);
    if (n > 0 && !f->reported) {
        f->reported = true;
        first = true;
    }
    pthread_mutex_unlock(&s->mu);
    if (first) report(me, write, &cf[0], loc);
}

static void access_global(obj_t *globals, obj_t *name, bool write) {
    if (globals == NULL || name == NULL || !STR_CHECK(name)) return;
    loc_t l = {LOC_GLOBAL, globals, name, NULL};
    access(globals, item_key(name), write, &l);
}

static void access_attr(obj_t *o, obj_t *name, bool write) {
    if (o == NULL || IS_SMALLINT(o) || name == NULL || !STR_CHECK(name)) return;
    if (MODULE_CHECK(o)) {
        access_global(((module_t *)o)->dict, name, write);
        return;
    }
    // Attributes of Python classes and their instances; built-in objects'
    // attributes are methods and read-only data.
    type_t *t = TYPE_CHECK(o) ? (type_t *)o : TYPE(o);
    if (!type_has_flag(t, TPFLAG_HEAPTYPE)) return;
    loc_t l = {LOC_ATTR, o, name, NULL};
    access(o, attr_key(name), write, &l);
}

static void access_contents(obj_t *o, bool write, const char *op) {
    loc_t l = {LOC_CONTENTS, o, NULL, op};
    access(o, KEY_CONTENTS, write, &l);
}

static bool is_mutable_set(obj_t *o) {
    return !IS_SMALLINT(o) && type_is_subtype(TYPE(o), &set_type);
}

static bool is_deque(obj_t *o) {
    return !IS_SMALLINT(o) && type_is_subtype(TYPE(o), &deque_type);
}

static void access_item(obj_t *o, obj_t *k, bool write) {
    if (o == NULL || k == NULL || IS_SMALLINT(o)) return;
    if (DICT_CHECK(o)) {
        loc_t l = {LOC_ITEM, o, k, NULL};
        access(o, item_key(k), write, &l);
        if (write) access_contents(o, true, "store");
    } else if (LIST_CHECK(o)) {
        if (write && IS_SMALLINT(k)) {
            loc_t l = {LOC_ITEM, o, k, NULL};
            access(o, item_key(k), true, &l);
            access_contents(o, false, "index");
        } else {
            access_contents(o, write, write ? "slice store" : "index");
        }
    }
}

static void access_contains(obj_t *c, obj_t *k) {
    if (c == NULL || k == NULL || IS_SMALLINT(c)) return;
    if (DICT_CHECK(c) || is_mutable_set(c)) {
        loc_t l = {LOC_ITEM, c, k, NULL};
        access(c, item_key(k), false, &l);
    } else if (LIST_CHECK(c)) {
        access_contents(c, false, "in");
    }
}

static bool is_container(obj_t *o) {
    return o && !IS_SMALLINT(o) && (LIST_CHECK(o) || DICT_CHECK(o) || is_mutable_set(o));
}

static bool name_in(const char *name, const char *const *names) {
    for (; *names; names++)
        if (strcmp(name, *names) == 0) return true;
    return false;
}

static const char *const list_writes[] = {"append",      "extend",      "insert",   "pop",
                                          "remove",      "clear",       "sort",     "reverse",
                                          "__setitem__", "__delitem__", "__iadd__", NULL};
static const char *const dict_key_writes[] = {"setdefault", "pop", "__setitem__", "__delitem__",
                                              NULL};
static const char *const dict_writes[] = {"update", "clear", "popitem", "__ior__", NULL};
static const char *const dict_key_reads[] = {"get", "__getitem__", "__contains__", NULL};
static const char *const set_key_writes[] = {"add", "discard", "remove", NULL};
static const char *const set_writes[] = {"pop",
                                         "clear",
                                         "update",
                                         "difference_update",
                                         "intersection_update",
                                         "symmetric_difference_update",
                                         "__ior__",
                                         "__iand__",
                                         "__isub__",
                                         "__ixor__",
                                         NULL};
static const char *const deque_puts[] = {"append", "appendleft", "extend", "extendleft", NULL};
static const char *const deque_gets[] = {"pop", "popleft", NULL};

static void sync_acquire(obj_t *o);
static void sync_release(obj_t *o, bool own);

// A built-in method `name` called on self with arguments args[0..nargs).
static void access_method(obj_t *self, const char *name, obj_t *const *args, uint32_t nargs) {
    if (is_deque(self)) {
        // deque is the documented thread-safe queue: append -> pop is a
        // happens-before edge, like queue.Queue's put -> get.
        if (name_in(name, deque_puts))
            sync_release(self, false);
        else if (name_in(name, deque_gets))
            sync_acquire(self);
        return;
    }
    if (!is_container(self)) return;
    obj_t *k = nargs > 0 ? args[0] : NULL;
    if (LIST_CHECK(self)) {
        access_contents(self, name_in(name, list_writes), name);
    } else if (DICT_CHECK(self)) {
        if (k && name_in(name, dict_key_writes)) {
            access_item(self, k, true);
        } else if (k && name_in(name, dict_key_reads)) {
            access_item(self, k, false);
        } else {
            access_contents(self, name_in(name, dict_writes), name);
        }
    } else {
        if (k && name_in(name, set_key_writes)) {
            loc_t l = {LOC_ITEM, self, k, NULL};
            access(self, item_key(k), true, &l);
            access_contents(self, true, name);
        } else {
            access_contents(self, name_in(name, set_writes), name);
        }
    }
}

static void access_call(obj_t *callable, obj_t *self, obj_t *const *args, uint32_t nargs) {
    if (callable == NULL || IS_SMALLINT(callable)) return;
    if (OBJ_IS_TYPE(callable, &methoddescr_type)) {
        if (self) access_method(self, ((methoddescr_t *)callable)->def->name, args, nargs);
    } else if (OBJ_IS_TYPE(callable, &cfunction_type)) {
        cfunction_t *cf = (cfunction_t *)callable;
        const char *name = cf->def->name;
        if (cf->self && !MODULE_CHECK(cf->self)) {
            access_method(cf->self, name, args, nargs);
        } else if (nargs == 1 && strcmp(name, "len") == 0 && is_container(args[0])) {
            access_contents(args[0], false, "len");
        }
    }
}

// The name of the cell in register reg of code co, or NULL.
static obj_t *cell_name(code_t *co, uint32_t reg) {
    for (int i = 0; i < co->ncells; i++)
        if ((uint32_t)co->cell_regs[i] == reg && (size_t)i < TUPLE_SIZE(co->cellvars))
            return TUPLE_GET(co->cellvars, (size_t)i);
    if (reg >= (uint32_t)co->nlocals && reg < (uint32_t)(co->nlocals + co->nfree) &&
        reg - (uint32_t)co->nlocals < TUPLE_SIZE(co->freevars))
        return TUPLE_GET(co->freevars, reg - (uint32_t)co->nlocals);
    return NULL;
}

static void access_cell(obj_t *cell, code_t *co, uint32_t reg, bool write) {
    if (cell == NULL || !CELL_CHECK(cell)) return;
    loc_t l = {LOC_CELL, cell, cell_name(co, reg), NULL};
    access(cell, KEY_CELL, write, &l);
}

// ---- code ------------------------------------------------------------------------------

bool race_wants_code(code_t *co) {
    if (race_mode == RACE_OFF || co->filename == NULL || !STR_CHECK(co->filename)) return false;
    // The standard library (CPython's and pvm's lib/) is trusted: its
    // deliberate unlocked reads (Event.is_set, Thread.is_alive...) rely on
    // single operations being atomic.  Its locks still give the edges.
    return !is_library_file(str_data(co->filename));
}

bool race_wants_op(unsigned op) {
    switch (op) {
    case OPC_LOAD_GLOBAL:
    case OPC_STORE_GLOBAL:
    case OPC_DELETE_GLOBAL:
    case OPC_LOAD_NAME:
    case OPC_STORE_NAME:
    case OPC_DELETE_NAME:
    case OPC_LOAD_DEREF:
    case OPC_STORE_DEREF:
    case OPC_DELETE_DEREF:
    case OPC_LOAD_ATTR:
    case OPC_STORE_ATTR:
    case OPC_DELETE_ATTR:
    case OPC_LOAD_METHOD:
    case OPC_GET_ITEM:
    case OPC_SET_ITEM:
    case OPC_DEL_ITEM:
    case OPC_IN:
    case OPC_NOT_IN:
    case OPC_GET_ITER:
    case OPC_CALL:
    case OPC_CALL_METHOD: return true;
    default: return false;
    }
}

static obj_t *name_at(code_t *co, uint32_t i) {
    return i < TUPLE_SIZE(co->names) ? TUPLE_GET(co->names, i) : NULL;
}

void race_insn(frame_t *f, uint32_t w) {
    if (me_tls == NULL) return;
    code_t *co = f->code;
    // With -X stress too, library code has points of its own.
    if (stress_mode != STRESS_OFF && !race_wants_code(co)) return;
    obj_t **R = f->regs;
    uint32_t a = (w >> 8) & 0xff, b = (w >> 16) & 0xff, c = w >> 24, bx = w >> 16;
    switch (w & 0xff) {
    case OPC_LOAD_GLOBAL: access_global(f->globals, name_at(co, bx), false); break;
    case OPC_STORE_GLOBAL:
    case OPC_DELETE_GLOBAL: access_global(f->globals, name_at(co, bx), true); break;
    case OPC_LOAD_NAME:
        if (f->locals == f->globals) access_global(f->globals, name_at(co, bx), false);
        break;
    case OPC_STORE_NAME:
    case OPC_DELETE_NAME:
        if (f->locals == f->globals) access_global(f->globals, name_at(co, bx), true);
        break;
    case OPC_LOAD_DEREF: access_cell(R[b], co, b, false); break;
    case OPC_STORE_DEREF: access_cell(R[a], co, a, true); break;
    case OPC_DELETE_DEREF: access_cell(R[a], co, a, true); break;
    case OPC_LOAD_ATTR:
    case OPC_LOAD_METHOD: access_attr(R[b], name_at(co, c), false); break;
    case OPC_STORE_ATTR:
    case OPC_DELETE_ATTR: access_attr(R[a], name_at(co, b), true); break;
    case OPC_GET_ITEM: access_item(R[b], R[c], false); break;
    case OPC_SET_ITEM:
    case OPC_DEL_ITEM: access_item(R[a], R[b], true); break;
    case OPC_IN:
    case OPC_NOT_IN: access_contains(R[c], R[b]); break;
    case OPC_GET_ITER:
        if (is_container(R[b])) access_contents(R[b], false, "iteration");
        break;
    case OPC_CALL: access_call(R[a], NULL, &R[a + 1], b); break;
    case OPC_CALL_METHOD:
        if (R[a + 1]) access_call(R[a], R[a + 1], &R[a + 2], b);
        break;
    default: break;
    }
}

// ---- synchronization -------------------------------------------------------------------

static void sync_acquire(obj_t *o) {
    race_thread_t *me = me_tls;
    if (me == NULL) return;
    stripe_t *s = stripe_of(o);
    pthread_mutex_lock(&s->mu);
    field_t *f = field_get(s, o, KEY_SYNC, NULL);
    if (f && f->sync) race_vc_join(&me->vc, f->sync);
    pthread_mutex_unlock(&s->mu);
}

// own: o is a lock the thread now holds (counted in held until released).
static void sync_release(obj_t *o, bool own) {
    race_thread_t *me = me_tls;
    if (me == NULL) return;
    stripe_t *s = stripe_of(o);
    pthread_mutex_lock(&s->mu);
    field_t *f = field_get(s, o, KEY_SYNC, NULL);
    race_vc_t *v = f ? field_sync(f) : NULL;
    if (v) sync_join(v, &me->vc);
    if (own && f && f->owner) {
        atomic_fetch_sub(&f->owner->held, 1);
        f->owner = NULL;
    }
    pthread_mutex_unlock(&s->mu);
    vc_tick(me);
}

// Is the lock being acquired by the threading machinery for itself (a
// thread's own join lock, Condition.wait's waiter lock) rather than to
// guard data?  Such locks do not count as held.
static bool internal_lock_use(void) {
    thread_t *ts = thread_current();
    frame_t *f = ts ? ts->frame : NULL;
    if (f == NULL || race_wants_code(f->code)) return false;
    const char *name = str_data(f->code->name);
    // _set_tstate_lock: CPython's threading.py takes the thread's join lock
    // (_thread._set_sentinel) there and holds it for the thread's life.
    return strcmp(name, "_bootstrap") == 0 || strcmp(name, "_after_fork") == 0 ||
           strcmp(name, "wait") == 0 || strcmp(name, "_set_tstate_lock") == 0;
}

// Is `lock` one of threading's bookkeeping locks (the registry of live
// threads, the name counter), used by the calling frame of threading.py?
// Those give no happens-before edge: every Thread.start and every thread's
// end take _active_lock, which would order threads that run one after the
// other by chance and hide their races.
static bool bookkeeping_lock(obj_t *lock) {
    thread_t *ts = thread_current();
    frame_t *f = ts ? ts->frame : NULL;
    if (f == NULL || f->globals == NULL || race_wants_code(f->code)) return false;
    const char *file = str_data(f->code->filename);
    size_t n = strlen(file);
    if (n < 12 || strcmp(file + n - 12, "threading.py") != 0) return false;
    static const char *const names[] = {"_active_lock", "_counter_lock", "_active_limbo_lock",
                                        "_shutdown_locks_lock", NULL};
    for (int i = 0; names[i]; i++) {
        obj_t *v = dict_get_str(f->globals, names[i]);
        if (v == NULL) err_clear();
        XDECREF(v);
        if (v == lock) return true;
    }
    return false;
}

void race_acquire(obj_t *lock) {
    race_thread_t *me = me_tls;
    if (me == NULL || bookkeeping_lock(lock)) return;
    bool counted = !internal_lock_use();
    stripe_t *s = stripe_of(lock);
    pthread_mutex_lock(&s->mu);
    field_t *f = field_get(s, lock, KEY_SYNC, NULL);
    if (f) {
        if (f->sync) race_vc_join(&me->vc, f->sync);
        if (f->owner) atomic_fetch_sub(&f->owner->held, 1);
        f->owner = counted ? me : NULL;
        if (counted) atomic_fetch_add(&me->held, 1);
    }
    pthread_mutex_unlock(&s->mu);
}

void race_release(obj_t *lock) {
    if (me_tls == NULL || bookkeeping_lock(lock)) return;
    sync_release(lock, true);
}

// ---- threads ---------------------------------------------------------------------------

void race_start(void) {
    if (race_mode == RACE_OFF) return;
    race_thread_t *t = thread_new();
    if (t == NULL) return;
    race_vc_set(&t->vc, t->tid, 1);
    me_tls = t;
}

void *race_thread_created(void) {
    race_thread_t *me = me_tls;
    if (race_mode == RACE_OFF || me == NULL) return NULL;
    race_thread_t *t = thread_new();
    if (t == NULL) return NULL;
    atomic_store(&multi, true);
    race_vc_copy(&t->vc, &me->vc);
    race_vc_set(&t->vc, t->tid, 1);
    t->parent = me->tid;
    thread_t *ts = thread_current();
    t->start_stack = stack_hash(ts);
    note_stack(me, ts, t->start_stack);
    vc_tick(me);
    return t;
}

void race_thread_begin(void *token) {
    me_tls = token;
}

void race_thread_end(void) {
    me_tls = NULL;
}

void race_thread_abandon(void *token) {
    (void)token; // stays numbered (tids are never reused), never runs
}

// ---- exit ------------------------------------------------------------------------------

int race_finish(int status) {
    if (race_mode == RACE_OFF) return status;
    uint32_t n = atomic_load(&n_reports);
    fflush(stdout);
    if (n > 0) fprintf(stderr, "pvm: race: found %u data race(s)\n", n);
    const char *st = getenv("PVM_RACE_STATS");
    if (st && *st && *st != '0')
        fprintf(stderr,
                "pvm: race: stats: %u threads, %zu locations, %zu stacks, detector memory %zu "
                "bytes (peak %zu)\n",
                nthreads, atomic_load(&n_locations), depot_n, atomic_load(&mem_bytes),
                atomic_load(&mem_peak));
    fflush(stderr);
    if (n > 0 && race_mode == RACE_ON) return RACE_EXIT_STATUS;
    return status;
}

__attribute__((constructor)) static void stripes_init(void) {
    for (int i = 0; i < NSTRIPES; i++)
        pthread_mutex_init(&stripes[i].mu, NULL);
}
