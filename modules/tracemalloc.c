/*
 * modules/tracemalloc.c — the native `_tracemalloc` module that CPython's
 * tracemalloc.py is built on: start(nframe=1), stop(), is_tracing(),
 * clear_traces(), get_traceback_limit(), get_traced_memory(), reset_peak(),
 * get_tracemalloc_memory(), _get_traces() and _get_object_traceback().
 *
 * What is traced: every object obj_alloc makes (gc/alloc.c calls
 * tracemalloc_track / tracemalloc_untrack), with the size the allocator
 * was asked for (the collector's head included for containers).  Objects
 * keep variable-size data inline (str, bytes, int, tuple), so their size is
 * the whole block.  A list's item array and a dict's table are traced too,
 * from allocation until retired (objects/list.c, objects/dict.c); the
 * storage of sets, bytearrays and other private buffers is not.  The key is
 * the block's address (an object's own address for objects), which
 * _get_object_traceback looks up.
 *
 * Concurrency (no GIL: any thread allocates and frees at any time):
 *  - state_lock, a reader-writer lock: the hooks, _get_traces and
 *    _get_object_traceback hold it shared; start, stop and clear_traces
 *    hold it exclusively while they swap the tables out.  So no trace or
 *    traceback is freed while a reader can see it, and a hook that saw
 *    tracing on finishes before stop() returns.
 *  - the traces: NSTRIPES hash tables, each with its own mutex, chosen by a
 *    hash of the address, so threads allocating at once rarely meet on the
 *    same lock (a per-thread table would need a merge on every free of an
 *    object another thread made, which is common with a shared heap).
 *  - tracebacks are interned in one table under tb_lock, as CPython does:
 *    equal tracebacks share one record, which holds a reference to each
 *    filename (a code object may die while its allocations live on).
 *  - current and peak are atomics.
 *  No lock is held while Python objects are made or freed, except state_lock
 *  (shared) while a reader builds its result with the thread's own hooks
 *  switched off (tm_reentrant): a freed filename's dealloc calls the hooks,
 *  which must not find the locks taken.
 *
 * Line numbers come from each frame's saved pc.  The innermost frame saves
 * its pc at calls only, so while tracing, every thread that allocates runs
 * with its per-instruction hook on (core/trace.h), which saves the pc at
 * every instruction.  A thread turns it on at its first traced allocation
 * (that one, if it happens inside an instruction rather than a call, gets
 * the line of the frame's last call) and off at the first instruction
 * after stop().
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/frame.h"
#include "../core/trace.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "tracemalloc.h"

#define MAX_NFRAME   65535
#define NSTRIPES     64
#define STACK_FRAMES 64

typedef struct {
    obj_t *filename; // owned in an interned traceback; borrowed while capturing
    int lineno;
} tm_frame_t;

typedef struct tm_tb {
    struct tm_tb *next; // interning chain
    uint64_t hash;
    uint16_t nframe; // frames stored (at most max_nframe), most recent first
    uint16_t total;  // frames the stack had, capped at MAX_NFRAME
    tm_frame_t frames[];
} tm_tb_t;

typedef struct tm_trace {
    struct tm_trace *next;
    uintptr_t addr;
    size_t size;
    tm_tb_t *tb;
} tm_trace_t;

typedef struct {
    _Alignas(64) pthread_mutex_t lock;
    tm_trace_t **buckets;
    size_t nbuckets, count;
} stripe_t;

_Atomic bool tracemalloc_active;
static pthread_rwlock_t state_lock = PTHREAD_RWLOCK_INITIALIZER;
static int max_nframe = 1; // written under state_lock held exclusively
static stripe_t stripes[NSTRIPES];
static pthread_mutex_t tb_lock = PTHREAD_MUTEX_INITIALIZER;
static tm_tb_t **tb_buckets;
static size_t tb_nbuckets, tb_count;
static _Atomic size_t traced_current, traced_peak, self_memory;
static __thread bool tm_reentrant;

__attribute__((constructor)) static void stripes_init(void) {
    for (int i = 0; i < NSTRIPES; i++)
        pthread_mutex_init(&stripes[i].lock, NULL);
}

static inline uint64_t mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

// ---- tracebacks -------------------------------------------------------------------------

// Fills frames[0 .. cap) with the calling thread's frames, innermost first;
// returns how many the stack has (capped at MAX_NFRAME).
static int capture(tm_frame_t *frames, int cap) {
    thread_t *ts = thread_current();
    int n = 0;
    for (frame_t *f = ts ? ts->frame : NULL; f != NULL && n < MAX_NFRAME; f = f->prev, n++) {
        if (n >= cap) continue;
        code_t *co = f->code;
        frames[n].filename = co->filename;
        frames[n].lineno = f->pc > co->insns && f->pc <= co->insns + co->ninsns
                               ? code_addr2line(co, (size_t)(f->pc - 1 - co->insns))
                               : co->firstlineno;
    }
    return n;
}

static uint64_t tb_hash(const tm_frame_t *frames, int n, int total) {
    uint64_t h = mix((uint64_t)n << 16 | (uint64_t)total);
    for (int i = 0; i < n; i++)
        h = mix(h ^ (uintptr_t)frames[i].filename) + (uint64_t)frames[i].lineno;
    return h;
}

static bool tb_equal(const tm_tb_t *tb, uint64_t h, const tm_frame_t *frames, int n, int total) {
    if (tb->hash != h || tb->nframe != n || tb->total != total) return false;
    for (int i = 0; i < n; i++)
        if (tb->frames[i].filename != frames[i].filename ||
            tb->frames[i].lineno != frames[i].lineno)
            return false;
    return true;
}

// Grows the interning table; tb_lock held.
static void tb_grow(void) {
    size_t nb = tb_nbuckets ? tb_nbuckets * 2 : 256;
    tm_tb_t **b = calloc(nb, sizeof(tm_tb_t *));
    if (b == NULL) return;
    for (size_t i = 0; i < tb_nbuckets; i++) {
        for (tm_tb_t *t = tb_buckets[i], *next; t != NULL; t = next) {
            next = t->next;
            t->next = b[t->hash & (nb - 1)];
            b[t->hash & (nb - 1)] = t;
        }
    }
    atomic_fetch_add(&self_memory, (nb - tb_nbuckets) * sizeof(tm_tb_t *));
    free(tb_buckets);
    tb_buckets = b;
    tb_nbuckets = nb;
}

// The interned traceback equal to frames[0..n); NULL when out of memory.
// state_lock held (shared or exclusive).
static tm_tb_t *tb_intern(const tm_frame_t *frames, int n, int total) {
    uint64_t h = tb_hash(frames, n, total);
    tm_tb_t *tb = NULL;
    pthread_mutex_lock(&tb_lock);
    if (tb_count >= tb_nbuckets) tb_grow();
    if (tb_nbuckets == 0) goto done;
    for (tb = tb_buckets[h & (tb_nbuckets - 1)]; tb != NULL; tb = tb->next)
        if (tb_equal(tb, h, frames, n, total)) goto done;
    size_t bytes = sizeof(tm_tb_t) + (size_t)n * sizeof(tm_frame_t);
    tb = malloc(bytes);
    if (tb == NULL) goto done;
    tb->hash = h;
    tb->nframe = (uint16_t)n;
    tb->total = (uint16_t)total;
    for (int i = 0; i < n; i++) {
        tb->frames[i] = frames[i];
        INCREF(frames[i].filename);
    }
    tb->next = tb_buckets[h & (tb_nbuckets - 1)];
    tb_buckets[h & (tb_nbuckets - 1)] = tb;
    tb_count++;
    atomic_fetch_add(&self_memory, bytes);
done:
    pthread_mutex_unlock(&tb_lock);
    return tb;
}

// ---- traces -----------------------------------------------------------------------------

static inline stripe_t *stripe_of(uintptr_t addr) {
    return &stripes[mix(addr) % NSTRIPES];
}

static inline size_t bucket_of(const stripe_t *s, uintptr_t addr) {
    return (size_t)(mix(addr) >> 8) & (s->nbuckets - 1);
}

// Stripe lock held.
static void stripe_grow(stripe_t *s) {
    size_t nb = s->nbuckets ? s->nbuckets * 2 : 64;
    tm_trace_t **b = calloc(nb, sizeof(tm_trace_t *));
    if (b == NULL) return;
    size_t old = s->nbuckets;
    tm_trace_t **ob = s->buckets;
    s->buckets = b;
    s->nbuckets = nb;
    for (size_t i = 0; i < old; i++) {
        for (tm_trace_t *t = ob[i], *next; t != NULL; t = next) {
            next = t->next;
            size_t k = bucket_of(s, t->addr);
            t->next = b[k];
            b[k] = t;
        }
    }
    atomic_fetch_add(&self_memory, (nb - old) * sizeof(tm_trace_t *));
    free(ob);
}

static void add_current(size_t size) {
    size_t now = atomic_fetch_add(&traced_current, size) + size;
    size_t peak = atomic_load_explicit(&traced_peak, memory_order_relaxed);
    while (now > peak && !atomic_compare_exchange_weak(&traced_peak, &peak, now)) {
    }
}

void tracemalloc_track(const void *ptr, size_t size) {
    if (tm_reentrant) return;
    thread_t *ts = thread_current();
    if (ts != NULL && !ts->trace_dispatch) trace_refresh_dispatch(ts); // exact lines from now on
    pthread_rwlock_rdlock(&state_lock);
    if (!atomic_load_explicit(&tracemalloc_active, memory_order_relaxed)) goto out;
    tm_frame_t local[STACK_FRAMES];
    tm_frame_t *frames = local;
    int cap = max_nframe;
    if (cap > STACK_FRAMES) {
        frames = malloc((size_t)cap * sizeof(tm_frame_t));
        if (frames == NULL) goto out;
    }
    int total = capture(frames, cap);
    int n = total < cap ? total : cap;
    tm_tb_t *tb = tb_intern(frames, n, total);
    if (frames != local) free(frames);
    if (tb == NULL) goto out;
    uintptr_t addr = (uintptr_t)ptr;
    stripe_t *s = stripe_of(addr);
    pthread_mutex_lock(&s->lock);
    if (s->count >= s->nbuckets) stripe_grow(s);
    if (s->nbuckets == 0) {
        pthread_mutex_unlock(&s->lock);
        goto out;
    }
    size_t k = bucket_of(s, addr);
    tm_trace_t *t = s->buckets[k];
    while (t != NULL && t->addr != addr)
        t = t->next;
    if (t != NULL) {
        // A block freed without the hook (or realloc'd): its trace is stale.
        atomic_fetch_sub(&traced_current, t->size);
    } else if ((t = malloc(sizeof *t)) != NULL) {
        t->addr = addr;
        t->next = s->buckets[k];
        s->buckets[k] = t;
        s->count++;
        atomic_fetch_add(&self_memory, sizeof *t);
    }
    if (t != NULL) {
        t->size = size;
        t->tb = tb;
        add_current(size);
    }
    pthread_mutex_unlock(&s->lock);
out:
    pthread_rwlock_unlock(&state_lock);
}

void tracemalloc_untrack(const void *ptr) {
    if (tm_reentrant) return;
    pthread_rwlock_rdlock(&state_lock);
    if (!atomic_load_explicit(&tracemalloc_active, memory_order_relaxed)) goto out;
    uintptr_t addr = (uintptr_t)ptr;
    stripe_t *s = stripe_of(addr);
    tm_trace_t *found = NULL;
    pthread_mutex_lock(&s->lock);
    if (s->nbuckets) {
        for (tm_trace_t **p = &s->buckets[bucket_of(s, addr)]; *p != NULL; p = &(*p)->next) {
            if ((*p)->addr == addr) {
                found = *p;
                *p = found->next;
                s->count--;
                break;
            }
        }
    }
    pthread_mutex_unlock(&s->lock);
    if (found) {
        atomic_fetch_sub(&traced_current, found->size);
        atomic_fetch_sub(&self_memory, sizeof *found);
        free(found);
    }
out:
    pthread_rwlock_unlock(&state_lock);
}

// What clear_traces takes out of the tables under the exclusive lock, to
// free once no lock is held.
typedef struct {
    tm_trace_t **buckets[NSTRIPES];
    size_t nbuckets[NSTRIPES];
    tm_tb_t **tb_buckets;
    size_t tb_nbuckets;
} detached_t;

// state_lock held exclusively: no hook is running.
static void detach_all(detached_t *d) {
    for (int i = 0; i < NSTRIPES; i++) {
        d->buckets[i] = stripes[i].buckets;
        d->nbuckets[i] = stripes[i].nbuckets;
        stripes[i].buckets = NULL;
        stripes[i].nbuckets = stripes[i].count = 0;
    }
    d->tb_buckets = tb_buckets;
    d->tb_nbuckets = tb_nbuckets;
    tb_buckets = NULL;
    tb_nbuckets = tb_count = 0;
    atomic_store(&traced_current, 0);
    atomic_store(&traced_peak, 0);
    atomic_store(&self_memory, 0);
}

// No lock held: dropping a filename may free it, which calls the hooks.
static void free_detached(detached_t *d) {
    for (int i = 0; i < NSTRIPES; i++) {
        for (size_t k = 0; k < d->nbuckets[i]; k++) {
            for (tm_trace_t *t = d->buckets[i][k], *next; t != NULL; t = next) {
                next = t->next;
                free(t);
            }
        }
        free(d->buckets[i]);
    }
    for (size_t k = 0; k < d->tb_nbuckets; k++) {
        for (tm_tb_t *t = d->tb_buckets[k], *next; t != NULL; t = next) {
            next = t->next;
            for (int j = 0; j < t->nframe; j++)
                DECREF(t->frames[j].filename);
            free(t);
        }
    }
    free(d->tb_buckets);
}

// ---- start / stop -----------------------------------------------------------------------

static void refresh_dispatch(void) {
    thread_t *ts = thread_current();
    if (ts) trace_refresh_dispatch(ts);
}

static int start(int nframe) {
    if (nframe < 1 || nframe > MAX_NFRAME) {
        err_format(exc_ValueError, "the number of frames must be in range [1; %d]", MAX_NFRAME);
        return -1;
    }
    pthread_rwlock_wrlock(&state_lock);
    if (!atomic_load_explicit(&tracemalloc_active, memory_order_relaxed)) {
        max_nframe = nframe;
        atomic_store_explicit(&tracemalloc_active, true, memory_order_relaxed);
    }
    pthread_rwlock_unlock(&state_lock);
    refresh_dispatch();
    return 0;
}

static void clear(bool stop) {
    detached_t d;
    pthread_rwlock_wrlock(&state_lock);
    bool was = atomic_load_explicit(&tracemalloc_active, memory_order_relaxed);
    if (was) {
        if (stop) atomic_store_explicit(&tracemalloc_active, false, memory_order_relaxed);
        detach_all(&d);
    }
    pthread_rwlock_unlock(&state_lock);
    if (!was) return;
    free_detached(&d);
}

// CPython's messages for bad start-up options (a fatal error there).
static int fatal_option(const char *what) {
    fprintf(stderr,
            "Fatal Python error: config_init_tracemalloc: %s: invalid number of frames\n"
            "Python runtime state: preinitialized\n\n",
            what);
    return -1;
}

// A number of frames: decimal digits, optionally after blanks and a sign, as
// CPython's option parsing accepts.
static bool parse_nframe(const char *s, long *out) {
    char *end;
    errno = 0;
    *out = strtol(s, &end, 10);
    return end != s && *end == '\0' && errno == 0 && *out >= 0;
}

int tracemalloc_start_from_options(char **xopts, int n, bool use_env) {
    long nframe = 0;
    const char *env = use_env ? getenv("PYTHONTRACEMALLOC") : NULL;
    if (env && *env && !parse_nframe(env, &nframe)) return fatal_option("PYTHONTRACEMALLOC");
    for (int i = 0; i < n; i++) {
        const char *o = xopts[i];
        if (strcmp(o, "tracemalloc") == 0)
            nframe = 1;
        else if (strncmp(o, "tracemalloc=", 12) == 0 && o[12] == '\0')
            nframe = 0;
        else if (strncmp(o, "tracemalloc=", 12) == 0 && !parse_nframe(o + 12, &nframe))
            return fatal_option("-X tracemalloc=NFRAME");
    }
    if (nframe == 0) return 0;
    if (nframe > MAX_NFRAME) {
        fprintf(stderr,
                "Fatal Python error: init_interp_main: can't initialize tracemalloc\n"
                "Python runtime state: core initialized\n"
                "ValueError: the number of frames must be in range [1; %d]\n\n",
                MAX_NFRAME);
        return -1;
    }
    return start((int)nframe);
}

// ---- the module's functions ---------------------------------------------------------------

static obj_t *tm_start(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames) > 0) {
        err_set_str(exc_TypeError, "_tracemalloc.start() takes no keyword arguments");
        return NULL;
    }
    if (nargs > 1) {
        err_format(exc_TypeError, "start expected at most 1 argument, got %zu", nargs);
        return NULL;
    }
    int64_t v = 1;
    if (nargs == 1) {
        obj_t *i = obj_index(args[0]);
        if (i == NULL) return NULL;
        int r = int_as_i64(i, &v);
        DECREF(i);
        if (r < 0 || v > INT32_MAX || v < INT32_MIN) {
            if (r < 0 && !err_matches(exc_OverflowError)) return NULL;
            err_clear();
            err_set_str(exc_OverflowError, "Python int too large to convert to C int");
            return NULL;
        }
    }
    if (start((int)v) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *tm_stop(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_tracemalloc.stop", nargs, kwnames, 0, 0) < 0) return NULL;
    clear(true);
    return NEWREF(None);
}

static obj_t *tm_clear_traces(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_tracemalloc.clear_traces", nargs, kwnames, 0, 0) < 0) return NULL;
    clear(false);
    return NEWREF(None);
}

static obj_t *tm_is_tracing(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_tracemalloc.is_tracing", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(tracemalloc_is_active() ? True : False);
}

static obj_t *tm_get_traceback_limit(obj_t *self, obj_t *const *args, size_t nargs,
                                     obj_t *kwnames) {
    if (args_check("_tracemalloc.get_traceback_limit", nargs, kwnames, 0, 0) < 0) return NULL;
    pthread_rwlock_rdlock(&state_lock);
    int n = max_nframe;
    pthread_rwlock_unlock(&state_lock);
    return SMALLINT_FROM(n);
}

static obj_t *tm_get_traced_memory(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_tracemalloc.get_traced_memory", nargs, kwnames, 0, 0) < 0) return NULL;
    size_t cur = 0, peak = 0;
    if (tracemalloc_is_active()) {
        pthread_rwlock_rdlock(&state_lock);
        cur = atomic_load(&traced_current);
        peak = atomic_load(&traced_peak);
        pthread_rwlock_unlock(&state_lock);
        if (peak < cur) peak = cur; // a hook between its two updates
    }
    obj_t *a = int_from_u64(cur);
    obj_t *b = a ? int_from_u64(peak) : NULL;
    obj_t *r = b ? tuple_pack(2, a, b) : NULL;
    XDECREF(a);
    XDECREF(b);
    return r;
}

static obj_t *tm_reset_peak(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_tracemalloc.reset_peak", nargs, kwnames, 0, 0) < 0) return NULL;
    pthread_rwlock_wrlock(&state_lock);
    if (atomic_load_explicit(&tracemalloc_active, memory_order_relaxed))
        atomic_store(&traced_peak, atomic_load(&traced_current));
    pthread_rwlock_unlock(&state_lock);
    return NEWREF(None);
}

static obj_t *tm_get_tracemalloc_memory(obj_t *self, obj_t *const *args, size_t nargs,
                                        obj_t *kwnames) {
    if (args_check("_tracemalloc.get_tracemalloc_memory", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_u64(sizeof stripes + atomic_load(&self_memory));
}

// The Python form of tb: ((filename, lineno), ...), innermost first.
// Filenames are held by tb.
static obj_t *tb_to_tuple(const tm_tb_t *tb) {
    if (tb->nframe == 0) {
        obj_t *fn = str_from_cstr("<unknown>");
        if (fn == NULL) return NULL;
        obj_t *fr = tuple_pack(2, fn, SMALLINT_FROM(0));
        DECREF(fn);
        if (fr == NULL) return NULL;
        obj_t *r = tuple_pack(1, fr);
        DECREF(fr);
        return r;
    }
    obj_t *r = tuple_new(tb->nframe);
    if (r == NULL) return NULL;
    for (int i = 0; i < tb->nframe; i++) {
        obj_t *ln = int_from_i64(tb->frames[i].lineno);
        obj_t *fr = ln ? tuple_pack(2, tb->frames[i].filename, ln) : NULL;
        XDECREF(ln);
        if (fr == NULL) {
            for (int j = i; j < tb->nframe; j++)
                TUPLE_SET(r, j, NEWREF(None));
            DECREF(r);
            return NULL;
        }
        TUPLE_SET(r, i, fr);
    }
    return r;
}

static obj_t *tm_get_object_traceback(obj_t *self, obj_t *const *args, size_t nargs,
                                      obj_t *kwnames) {
    if (args_check("_tracemalloc._get_object_traceback", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *o = args[0];
    if (IS_SMALLINT(o) || !tracemalloc_is_active()) return NEWREF(None);
    obj_t *r = None;
    tm_reentrant = true;
    pthread_rwlock_rdlock(&state_lock);
    uintptr_t addr = (uintptr_t)o;
    stripe_t *s = stripe_of(addr);
    tm_tb_t *tb = NULL;
    pthread_mutex_lock(&s->lock);
    if (s->nbuckets)
        for (tm_trace_t *t = s->buckets[bucket_of(s, addr)]; t != NULL; t = t->next)
            if (t->addr == addr) {
                tb = t->tb;
                break;
            }
    pthread_mutex_unlock(&s->lock);
    if (tb != NULL)
        r = tb_to_tuple(tb);
    else
        INCREF(r);
    pthread_rwlock_unlock(&state_lock);
    tm_reentrant = false;
    return r;
}

typedef struct {
    size_t size;
    tm_tb_t *tb;
} snap_t;

// Pointer -> tuple map for one _get_traces call: equal tracebacks come back
// as one tuple, as CPython's do.
typedef struct {
    tm_tb_t **keys;
    obj_t **vals;
    size_t cap;
} tbmap_t;

static obj_t *tbmap_get(tbmap_t *m, tm_tb_t *tb) {
    size_t i = (size_t)mix((uintptr_t)tb) & (m->cap - 1);
    while (m->keys[i] != NULL && m->keys[i] != tb)
        i = (i + 1) & (m->cap - 1);
    if (m->keys[i] == NULL) {
        obj_t *t = tb_to_tuple(tb);
        if (t == NULL) return NULL;
        m->keys[i] = tb;
        m->vals[i] = t;
    }
    return m->vals[i];
}

// state_lock held shared: builds the list from the copied traces.
static obj_t *build_traces(snap_t *snap, size_t n, tbmap_t *m) {
    obj_t *list = list_new(0);
    if (list == NULL) return NULL;
    for (size_t i = 0; i < n; i++) {
        obj_t *tb = tbmap_get(m, snap[i].tb);
        if (tb == NULL) goto error;
        obj_t *size = int_from_u64(snap[i].size);
        if (size == NULL) goto error;
        obj_t *total = SMALLINT_FROM(snap[i].tb->total);
        obj_t *tr = tuple_pack(4, SMALLINT_FROM(0), size, tb, total);
        DECREF(size);
        if (tr == NULL) goto error;
        int rc = list_append(list, tr);
        DECREF(tr);
        if (rc < 0) goto error;
    }
    return list;
error:
    DECREF(list);
    return NULL;
}

static obj_t *tm_get_traces(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_tracemalloc._get_traces", nargs, kwnames, 0, 0) < 0) return NULL;
    if (!tracemalloc_is_active()) return list_new(0);
    obj_t *r = NULL;
    snap_t *snap = NULL;
    size_t n = 0, cap = 0;
    tbmap_t m = {NULL, NULL, 0};
    tm_reentrant = true;
    pthread_rwlock_rdlock(&state_lock);
    bool oom = false;
    for (int i = 0; i < NSTRIPES && !oom; i++) {
        stripe_t *s = &stripes[i];
        pthread_mutex_lock(&s->lock);
        if (n + s->count > cap) {
            size_t nc = (n + s->count) * 2;
            snap_t *ns = realloc(snap, nc * sizeof *snap);
            if (ns == NULL)
                oom = true;
            else {
                snap = ns;
                cap = nc;
            }
        }
        for (size_t k = 0; k < s->nbuckets && !oom; k++)
            for (tm_trace_t *t = s->buckets[k]; t != NULL; t = t->next)
                snap[n++] = (snap_t){t->size, t->tb};
        pthread_mutex_unlock(&s->lock);
    }
    if (!oom) {
        m.cap = 16;
        while (m.cap < 2 * n)
            m.cap *= 2;
        m.keys = calloc(m.cap, sizeof *m.keys);
        m.vals = calloc(m.cap, sizeof *m.vals);
        oom = m.keys == NULL || m.vals == NULL;
    }
    if (oom)
        err_no_memory();
    else
        r = build_traces(snap, n, &m);
    for (size_t i = 0; i < m.cap && m.keys; i++)
        if (m.keys[i]) DECREF(m.vals[i]);
    pthread_rwlock_unlock(&state_lock);
    tm_reentrant = false;
    free(m.keys);
    free(m.vals);
    free(snap);
    return r;
}

static const method_def_t tm_functions[] = {
    {"start", tm_start, 0,
     "Start tracing Python memory allocations.\n\nAlso set the maximum number of frames stored "
     "in the traceback of a\ntrace to nframe."},
    {"stop", tm_stop, 0,
     "Stop tracing Python memory allocations.\n\nAlso clear traces of memory blocks allocated "
     "by Python."},
    {"is_tracing", tm_is_tracing, 0,
     "Return True if the tracemalloc module is tracing Python memory allocations."},
    {"clear_traces", tm_clear_traces, 0, "Clear traces of memory blocks allocated by Python."},
    {"get_traceback_limit", tm_get_traceback_limit, 0,
     "Get the maximum number of frames stored in the traceback of a trace.\n\nBy default, a "
     "trace of an allocated memory block only stores\nthe most recent frame: the limit is 1."},
    {"get_traced_memory", tm_get_traced_memory, 0,
     "Get the current size and peak size of memory blocks traced by tracemalloc.\n\nReturns a "
     "tuple: (current: int, peak: int)."},
    {"reset_peak", tm_reset_peak, 0,
     "Set the peak size of memory blocks traced by tracemalloc to the current size.\n\nDo "
     "nothing if the tracemalloc module is not tracing memory allocations."},
    {"get_tracemalloc_memory", tm_get_tracemalloc_memory, 0,
     "Get the memory usage in bytes of the tracemalloc module.\n\nThis memory is used "
     "internally to trace memory allocations."},
    {"_get_traces", tm_get_traces, 0,
     "Get traces of all memory blocks allocated by Python.\n\nReturn a list of (size: int, "
     "traceback: tuple) tuples.\ntraceback is a tuple of (filename: str, lineno: int) "
     "tuples.\n\nReturn an empty list if the tracemalloc module is disabled."},
    {"_get_object_traceback", tm_get_object_traceback, 0,
     "Get the traceback where the Python object obj was allocated.\n\nReturn a tuple of "
     "(filename: str, lineno: int) tuples.\nReturn None if the tracemalloc module is disabled "
     "or did not\ntrace the allocation of the object."},
    {NULL},
};

obj_t *tracemalloc_module_init(void) {
    obj_t *m = module_new("_tracemalloc");
    if (!m) return NULL;
    if (module_add_functions(m, tm_functions) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
