/*
 * modules/weakref.c — weak references and the `_weakref` module:
 * weakref.ref (ReferenceType), ProxyType, CallableProxyType, getweakrefcount,
 * getweakrefs, _remove_dead_weakref.
 *
 * The problem.  A weakref must never hand out an object that is being
 * deallocated, while many threads count references without a GIL (biased
 * counting, gc/refcount.h) and drop them concurrently.
 *
 * Where weakrefs live.  Objects have no weaklist field: the weakrefs to an
 * object are a doubly-linked list (weakref_t.prev/next) whose head sits in a
 * side table keyed by the object's address.  The table is split in
 * WR_STRIPES stripes, each with its own mutex and its own chained hash table;
 * stripe(o) is chosen from o's address.  A stripe lock guards, for every
 * object hashing to it: the table entry, the list links and the `object`
 * field of every weakref in that list (written only under the lock; read
 * without it only as a hint).  No Python code, no DECREF and no dealloc ever
 * runs while a stripe lock is held, so the locks never nest.  An object that
 * ever had a weakref carries GC_WEAKREFS in ob_gc_bits.
 *
 * The protocol (CPython 3.13t's, on pvm's counting):
 *  1. Creating a weakref marks the referent (weakref_mark): the state bits of
 *     ob_ref_shared go from NONE to MAYBE_WEAKREF.  From then on the shared
 *     field is never 0 again: brc_local_zero sees it non-zero, so an owner
 *     whose local count reaches zero merges (ob_tid = 0, state MERGED) before
 *     it frees, instead of freeing straight away.  So every death of a marked
 *     object passes through "MERGED with count 0", a state visible to other
 *     threads in one atomic word.  (The referent is alive while marking: the
 *     creator holds a reference; a credit is enough, gc/credit.h: the counted
 *     part cannot reach zero while any credit is outstanding.)
 *  2. Dereferencing (ref(), proxy use): read `object`; take the stripe lock;
 *     if `object` is unchanged, obj_try_incref: the owner thread increments
 *     its local count (it is > 0: the owner itself is not dropping it now);
 *     any other thread CASes the shared field +1 unless it reads MERGED with
 *     count <= 0 (dead) — then the weakref behaves as dead.  Unlock.
 *  3. Death: the weakrefs of a dead object are cleared (weakref_clear_referent)
 *     before its memory is freed: by obj_dealloc (gc/alloc.c) before the
 *     type's dealloc, by subtype_dealloc (objects/type.c) after __del__, and
 *     by trashcan_dealloc before it puts an object off (putting off reuses
 *     ob_tid and ob_ref_local, which obj_try_incref reads).  Under the
 *     stripe lock it removes the table entry and sets every weakref's
 *     `object` to NULL.  Until then the count is zero (MERGED 0, or the
 *     owner's local 0), so a reader fails step 2; a later reader sees NULL.
 *     The lock's re-check of `object` also defeats address reuse.  While
 *     __del__ runs the object is resurrected by call_finalizer with the mark
 *     kept, so weakrefs reach it then (as in CPython), and its final death
 *     goes through MERGED again.
 *  4. Callbacks: still under the lock, the clearer takes a reference to each
 *     weakref that has a callback with obj_try_incref (weakrefs are marked
 *     too: one may be dying on another thread, waiting for this very lock
 *     in its own dealloc to unlink itself — then it is skipped, as in
 *     CPython).  After unlocking it runs each callback once (the callback
 *     pointer is exchanged for NULL, so it runs exactly once and
 *     __callback__ reads None afterwards), in list order.
 * As in CPython, a class's weakrefs are cleared after its __del__, and a
 * resurrecting __del__ keeps them alive.
 *
 * List order (as CPython's): the basic ref (exact ref type, no callback) is
 * first, then the basic proxy, then the other weakrefs, newest first.
 * ref(o) without a callback returns the existing basic ref.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/unraisable.h"
#include "../gc/gc.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/list.h"
#include "../objects/memoryview.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/type.h"
#include "../objects/type_internal.h"
#include "../threads/thread.h"
#include "weakref.h"

typedef struct weakref {
    obj_t ob;
    obj_t *_Atomic object;   // referent, NULL once dead (written under the stripe lock)
    obj_t *_Atomic callback; // owned, NULL = none / already run
    _Atomic hash_t hash;     // -1 = not computed yet
    struct weakref *prev, *next;
} weakref_t;

// ---- counting ------------------------------------------------------------------------

bool obj_try_incref(obj_t *o) {
    if (IS_SMALLINT(o)) return true;
    uint32_t local = atomic_load_explicit(&o->ob_ref_local, memory_order_relaxed);
    if (local == REF_IMMORTAL) return true;
    uint32_t tid = pvm_tls_tid;
    if (tid != 0 && atomic_load_explicit(&o->ob_tid, memory_order_relaxed) == tid) {
        if (local == 0) return false;
        atomic_store_explicit(&o->ob_ref_local, local + 1, memory_order_relaxed);
        return true;
    }
    int32_t shared = atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed);
    do {
        if (shared == REF_SHARED_NONE) return false;
        if ((shared & REF_SHARED_FLAG_MASK) == REF_MERGED && (shared >> REF_SHARED_SHIFT) <= 0)
            return false;
    } while (!atomic_compare_exchange_weak_explicit(&o->ob_ref_shared, &shared,
                                                    shared + (1 << REF_SHARED_SHIFT),
                                                    memory_order_acq_rel, memory_order_relaxed));
    return true;
}

void weakref_mark(obj_t *o) {
    if (IS_SMALLINT(o) || obj_is_immortal(o)) return;
    int32_t shared = atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed);
    while ((shared & REF_SHARED_FLAG_MASK) == REF_SHARED_NONE) {
        if (atomic_compare_exchange_weak_explicit(&o->ob_ref_shared, &shared,
                                                  shared | REF_MAYBE_WEAKREF, memory_order_acq_rel,
                                                  memory_order_relaxed))
            break;
    }
}

// ---- the side table --------------------------------------------------------------------

#define WR_STRIPES_BITS 6
#define WR_STRIPES      (1 << WR_STRIPES_BITS)

typedef struct wr_entry {
    obj_t *obj;
    weakref_t *head;
    struct wr_entry *next;
} wr_entry_t;

static struct stripe {
    pthread_mutex_t lock;
    wr_entry_t **buckets;
    size_t nbuckets, n;
} stripes[WR_STRIPES];

static pthread_once_t stripes_once = PTHREAD_ONCE_INIT;
static void stripes_init(void) {
    for (int i = 0; i < WR_STRIPES; i++)
        pthread_mutex_init(&stripes[i].lock, NULL);
}

static inline uint64_t addr_hash(obj_t *o) {
    return ((uint64_t)(uintptr_t)o >> 4) * 0x9E3779B97F4A7C15ull;
}

static struct stripe *stripe_of(obj_t *o) {
    return &stripes[addr_hash(o) >> (64 - WR_STRIPES_BITS)];
}

static void stripe_lock(struct stripe *s) {
    pthread_once(&stripes_once, stripes_init);
    pthread_mutex_lock(&s->lock);
}

static void stripe_unlock(struct stripe *s) {
    pthread_mutex_unlock(&s->lock);
}

// The entry of o in its (locked) stripe; with `create`, made if missing
// (NULL when memory is short).
static wr_entry_t *entry_find(struct stripe *s, obj_t *o, bool create) {
    if (s->nbuckets) {
        for (wr_entry_t *e = s->buckets[addr_hash(o) & (s->nbuckets - 1)]; e; e = e->next)
            if (e->obj == o) return e;
    }
    if (!create) return NULL;
    if (s->n + 1 > s->nbuckets) {
        size_t nb = s->nbuckets ? s->nbuckets * 2 : 16;
        wr_entry_t **b = calloc(nb, sizeof(*b));
        if (!b) return NULL;
        for (size_t i = 0; i < s->nbuckets; i++) {
            for (wr_entry_t *e = s->buckets[i], *nx; e; e = nx) {
                nx = e->next;
                size_t j = addr_hash(e->obj) & (nb - 1);
                e->next = b[j];
                b[j] = e;
            }
        }
        free(s->buckets);
        s->buckets = b;
        s->nbuckets = nb;
    }
    wr_entry_t *e = calloc(1, sizeof(*e));
    if (!e) return NULL;
    size_t j = addr_hash(o) & (s->nbuckets - 1);
    e->obj = o;
    e->next = s->buckets[j];
    s->buckets[j] = e;
    s->n++;
    return e;
}

static void entry_remove(struct stripe *s, wr_entry_t *e) {
    wr_entry_t **p = &s->buckets[addr_hash(e->obj) & (s->nbuckets - 1)];
    while (*p != e)
        p = &(*p)->next;
    *p = e->next;
    s->n--;
    free(e);
}

static inline bool is_ref_type(type_t *t) {
    return type_is_subtype(t, &weakref_ref_type);
}
static inline bool is_proxy(obj_t *o) {
    return !IS_SMALLINT(o) &&
           (o->ob_type == &weakref_proxy_type || o->ob_type == &weakref_callable_proxy_type);
}
static inline bool is_basic_ref(weakref_t *w) {
    return w->ob.ob_type == &weakref_ref_type &&
           atomic_load_explicit(&w->callback, memory_order_relaxed) == NULL;
}
static inline bool is_basic_proxy(weakref_t *w) {
    return is_proxy((obj_t *)w) && atomic_load_explicit(&w->callback, memory_order_relaxed) == NULL;
}

// Links w into e's list in CPython's order.  Stripe locked.
static void wrlist_insert(wr_entry_t *e, weakref_t *w) {
    weakref_t *prev = NULL;
    if (is_basic_ref(w)) {
        prev = NULL;
    } else {
        weakref_t *h = e->head;
        if (h && is_basic_ref(h)) {
            prev = h;
            h = h->next;
        }
        if (!is_basic_proxy(w) && h && is_basic_proxy(h)) prev = h;
    }
    weakref_t *next = prev ? prev->next : e->head;
    w->prev = prev;
    w->next = next;
    if (next) next->prev = w;
    if (prev)
        prev->next = w;
    else
        e->head = w;
}

// Unlinks w (object o) from its list; drops the entry when empty.  Locked.
static void wrlist_unlink(struct stripe *s, obj_t *o, weakref_t *w) {
    wr_entry_t *e = entry_find(s, o, false);
    if (w->prev)
        w->prev->next = w->next;
    else if (e)
        e->head = w->next;
    if (w->next) w->next->prev = w->prev;
    w->prev = w->next = NULL;
    if (e && e->head == NULL) entry_remove(s, e);
}

// A new reference to w's referent, or NULL (no exception) when it is dead.
static obj_t *wr_get(weakref_t *w) {
    obj_t *o = atomic_load_explicit(&w->object, memory_order_acquire);
    if (o == NULL) return NULL;
    struct stripe *s = stripe_of(o);
    stripe_lock(s);
    obj_t *r = NULL;
    if (atomic_load_explicit(&w->object, memory_order_relaxed) == o && obj_try_incref(o)) r = o;
    stripe_unlock(s);
    return r;
}

typedef struct {
    weakref_t *w;
    obj_t *cb;
} pending_cb_t;

void weakref_clear_referent(obj_t *o) {
    struct stripe *s = stripe_of(o);
    pending_cb_t small[16];
    pending_cb_t *cbs = small;
    size_t n = 0, cap = 16;
    stripe_lock(s);
    wr_entry_t *e = entry_find(s, o, false);
    if (e == NULL) {
        stripe_unlock(s);
        return;
    }
    for (weakref_t *w = e->head, *nx; w; w = nx) {
        nx = w->next;
        atomic_store_explicit(&w->object, NULL, memory_order_release);
        w->prev = w->next = NULL;
        if (atomic_load_explicit(&w->callback, memory_order_relaxed) == NULL) continue;
        if (n == cap) {
            pending_cb_t *bigger = malloc(2 * cap * sizeof(*bigger));
            if (!bigger) continue; // out of memory: this callback is lost
            for (size_t i = 0; i < n; i++)
                bigger[i] = cbs[i];
            if (cbs != small) free(cbs);
            cbs = bigger;
            cap *= 2;
        }
        // The callback leaves the weakref under the lock, so __callback__
        // (which reads it under the same lock) never sees it dropped.
        if (obj_try_incref((obj_t *)w)) {
            cbs[n].w = w;
            cbs[n].cb = atomic_exchange_explicit(&w->callback, NULL, memory_order_acq_rel);
            n++;
        }
    }
    entry_remove(s, e);
    stripe_unlock(s);
    if (n == 0) return;
    obj_t *saved = err_fetch();
    gc_finalizer_enter();
    for (size_t i = 0; i < n; i++) {
        obj_t *arg = (obj_t *)cbs[i].w, *cb = cbs[i].cb;
        obj_t *r = obj_call(cb, &arg, 1, NULL);
        if (r == NULL) {
            err_write_unraisable(NULL, cb);
        } else {
            DECREF(r);
        }
        DECREF(cb);
        DECREF(arg);
    }
    gc_finalizer_exit();
    err_restore(saved);
    if (cbs != small) free(cbs);
}

// ---- the cycle collector's side (modules/weakref.h) -------------------------------------

void weakref_clear_for_gc(obj_t *o, weakref_pending_t **arr, size_t *n, size_t *cap) {
    struct stripe *s = stripe_of(o);
    stripe_lock(s);
    wr_entry_t *e = entry_find(s, o, false);
    if (e == NULL) {
        stripe_unlock(s);
        return;
    }
    for (weakref_t *w = e->head, *nx; w; w = nx) {
        nx = w->next;
        atomic_store_explicit(&w->object, NULL, memory_order_release);
        w->prev = w->next = NULL;
        if (atomic_load_explicit(&w->callback, memory_order_relaxed) == NULL) continue;
        if (atomic_load_explicit(&w->ob.ob_gc_bits, memory_order_relaxed) & GC_GARBAGE) continue;
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 16;
            weakref_pending_t *bigger = realloc(*arr, nc * sizeof(**arr));
            if (!bigger) continue; // out of memory: this callback is lost
            *arr = bigger;
            *cap = nc;
        }
        if (obj_try_incref((obj_t *)w)) {
            (*arr)[*n].w = (obj_t *)w;
            (*arr)[*n].cb = atomic_exchange_explicit(&w->callback, NULL, memory_order_acq_rel);
            (*n)++;
        }
    }
    entry_remove(s, e);
    stripe_unlock(s);
}

void weakref_run_callback(obj_t *w, obj_t *cb) {
    obj_t *saved = err_fetch();
    obj_t *r = obj_call(cb, &w, 1, NULL);
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
    DECREF(w);
    err_restore(saved);
}

// Traverse/clear: a weakref holds its callback (the referent is weak).
static int wr_traverse(obj_t *self, visitproc visit, void *arg) {
    obj_t *cb = atomic_load_explicit(&((weakref_t *)self)->callback, memory_order_relaxed);
    return cb ? visit(cb, arg) : 0;
}

static int wr_clear(obj_t *self) {
    weakref_t *w = (weakref_t *)self;
    obj_t *o = atomic_load_explicit(&w->object, memory_order_acquire);
    if (o != NULL) {
        struct stripe *s = stripe_of(o);
        stripe_lock(s);
        if (atomic_load_explicit(&w->object, memory_order_relaxed) == o) {
            wrlist_unlink(s, o, w);
            atomic_store_explicit(&w->object, NULL, memory_order_relaxed);
        }
        stripe_unlock(s);
    }
    obj_t *cb = atomic_exchange_explicit(&w->callback, NULL, memory_order_acq_rel);
    XDECREF(cb);
    return 0;
}

// ---- which objects accept weak references ---------------------------------------------

extern type_t function_type, set_type, frozenset_type, gen_type, coro_type, asyncgen_type,
    code_type, method_type, cfunction_type, module_type, functools_partial_type;

static bool static_weakrefable(type_t *t) {
    static type_t *const ok[] = {&type_type,          &function_type,  &set_type,
                                 &frozenset_type,     &gen_type,       &coro_type,
                                 &asyncgen_type,      &code_type,      &method_type,
                                 &cfunction_type,     &module_type,    &functools_partial_type,
                                 &generic_alias_type, &memoryview_type};
    // Types of native modules that CPython gives a weakref slot, by name
    // (their files need not export them).
    static const char *const ok_names[] = {"array.array",
                                           "collections.deque",
                                           "_thread.lock",
                                           "_thread.RLock",
                                           "re.Pattern",
                                           "_io._IOBase",
                                           "_io._RawIOBase",
                                           "_io._BufferedIOBase",
                                           "_io._TextIOBase",
                                           "_io.FileIO",
                                           "_io.BytesIO",
                                           "_io.StringIO",
                                           "_io.BufferedReader",
                                           "_io.BufferedWriter",
                                           "_io.BufferedRandom",
                                           "_io.BufferedRWPair",
                                           "_io.TextIOWrapper",
                                           "itertools.tee",
                                           "sqlite3.Cursor",
                                           "sqlite3.Blob",
                                           "_queue.SimpleQueue",
                                           "mmap.mmap",
                                           "collections.OrderedDict"};
    for (type_t *b = t; b; b = b->base) {
        for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
            if (b == ok[i]) return true;
        for (size_t i = 0; i < sizeof ok_names / sizeof ok_names[0]; i++)
            if (strcmp(b->name, ok_names[i]) == 0) return true;
    }
    return false;
}

// True when instances of t may be weakly referenced; -1 on error.
static int type_weakrefable(type_t *t) {
    type_t *sb = t;
    while (sb && type_has_flag(sb, TPFLAG_HEAPTYPE))
        sb = sb->base;
    if (sb && static_weakrefable(sb)) return 1;
    // A heap type without __slots__ (or with '__weakref__' in them) adds a
    // weakref slot, unless its solid base is a variable-size builtin.
    bool add = false;
    for (type_t *b = t; b && type_has_flag(b, TPFLAG_HEAPTYPE) && !add; b = b->base) {
        obj_t *slots = dict_get_str(b->dict, "__slots__");
        if (slots == NULL) {
            if (err_occurred()) return -1;
            add = true;
            break;
        }
        int c;
        if (STR_CHECK(slots)) {
            c = str_eq_cstr(slots, "__weakref__");
        } else {
            obj_t *name = str_from_cstr("__weakref__");
            c = name ? obj_contains(slots, name) : -1;
            XDECREF(name);
        }
        DECREF(slots);
        if (c < 0) return -1;
        if (c) add = true;
    }
    if (!add || sb == NULL) return add ? 1 : 0;
    if (type_has_flag(sb, TPFLAG_INT_SUBCLASS | TPFLAG_TUPLE_SUBCLASS | TPFLAG_BYTES_SUBCLASS))
        return 0;
    return 1;
}

// The __weakref__ attribute of a class statement's type that adds weakref
// support (objects/type.c): the first weakref to the instance, or None.
static obj_t *instance_get_weakref(obj_t *self, void *closure) {
    (void)closure;
    struct stripe *s = stripe_of(self);
    obj_t *r = NULL;
    stripe_lock(s);
    wr_entry_t *e = entry_find(s, self, false);
    if (e && e->head && obj_try_incref((obj_t *)e->head)) r = (obj_t *)e->head;
    stripe_unlock(s);
    return r ? r : NEWREF(None);
}

static const getset_def_t instance_weakref_getset = {"__weakref__", instance_get_weakref, NULL,
                                                     NULL};

int weakref_type_add_descriptor(type_t *t, obj_t *dict) {
    int w = type_weakrefable(t);
    if (w <= 0) return w;
    if (t->base) {
        int bw = type_weakrefable(t->base);
        if (bw != 0) return bw < 0 ? -1 : 0;
    }
    obj_t *gd = getsetdescr_new(t, &instance_weakref_getset);
    if (gd == NULL) return -1;
    int r = dict_set_str(dict, "__weakref__", gd);
    DECREF(gd);
    return r;
}

// ---- creating ------------------------------------------------------------------------------

// A new weakref of `type` to o; callback NULL or None = none.  Reuses the
// basic ref / basic proxy when one exists.
static obj_t *wr_create(type_t *type, obj_t *o, obj_t *callback) {
    if (callback == None) callback = NULL;
    int ok = IS_SMALLINT(o) ? 0 : type_weakrefable(TYPE(o));
    if (ok < 0) return NULL;
    if (!ok) {
        err_format(exc_TypeError, "cannot create weak reference to '%s' object", obj_type_name(o));
        return NULL;
    }
    struct stripe *s = stripe_of(o);
    bool want_basic =
        callback == NULL && (type == &weakref_ref_type || type == &weakref_proxy_type ||
                             type == &weakref_callable_proxy_type);
    if (want_basic) {
        stripe_lock(s);
        wr_entry_t *e = entry_find(s, o, false);
        weakref_t *h = e ? e->head : NULL, *cand = NULL, *found = NULL;
        if (h && is_basic_ref(h)) {
            if (type == &weakref_ref_type) cand = h;
            h = h->next;
        }
        if (!cand && type != &weakref_ref_type && h && is_basic_proxy(h) && h->ob.ob_type == type)
            cand = h;
        if (cand && obj_try_incref((obj_t *)cand)) found = cand;
        stripe_unlock(s);
        if (found) return (obj_t *)found;
    }
    weakref_t *w = (weakref_t *)obj_alloc(type, type->basicsize);
    if (!w) return NULL;
    atomic_store_explicit(&w->hash, -1, memory_order_relaxed);
    if (callback) atomic_store_explicit(&w->callback, NEWREF(callback), memory_order_relaxed);
    weakref_mark((obj_t *)w);
    weakref_mark(o);
    if (!obj_is_immortal(o))
        atomic_fetch_or_explicit(&o->ob_gc_bits, GC_WEAKREFS, memory_order_relaxed);
    stripe_lock(s);
    wr_entry_t *e = entry_find(s, o, true);
    if (e) {
        wrlist_insert(e, w);
        atomic_store_explicit(&w->object, o, memory_order_release);
    }
    stripe_unlock(s);
    if (!e) {
        DECREF((obj_t *)w);
        return err_no_memory();
    }
    return (obj_t *)w;
}

// Unlinks the weakref from its referent's list (as wr_clear) and frees it.
static void wr_dealloc(obj_t *self) {
    wr_clear(self);
    obj_free(self);
}

// ---- ReferenceType -------------------------------------------------------------------------

static obj_t *ref_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)kwnames;
    if (nargs < 1 || nargs > 2) {
        err_format(exc_TypeError, "__new__ expected at %s %d argument%s, got %zu",
                   nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 2, nargs < 1 ? "" : "s", nargs);
        return NULL;
    }
    return wr_create(type, args[0], nargs > 1 ? args[1] : NULL);
}

static int ref_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    (void)args;
    (void)kwnames;
    if (nargs < 1 || nargs > 2) {
        err_format(exc_TypeError, "__init__ expected at %s %d argument%s, got %zu",
                   nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 2, nargs < 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

static obj_t *ref_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)args;
    if (args_check("weakref", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *o = wr_get((weakref_t *)self);
    return o ? o : NEWREF(None);
}

static hash_t ref_hash(obj_t *self) {
    weakref_t *w = (weakref_t *)self;
    hash_t h = atomic_load_explicit(&w->hash, memory_order_relaxed);
    if (h != -1) return h;
    obj_t *o = wr_get(w);
    if (o == NULL) {
        err_set_str(exc_TypeError, "weak object has gone away");
        return -1;
    }
    h = obj_hash(o);
    DECREF(o);
    if (h != -1) atomic_store_explicit(&w->hash, h, memory_order_relaxed);
    return h;
}

static obj_t *ref_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || IS_SMALLINT(a) || IS_SMALLINT(b) ||
        !is_ref_type(TYPE(a)) || !is_ref_type(TYPE(b)))
        return NEWREF(NotImplemented);
    obj_t *oa = wr_get((weakref_t *)a), *ob = wr_get((weakref_t *)b);
    obj_t *r;
    if (oa == NULL || ob == NULL)
        r = bool_from((a == b) == (op == CMP_EQ_OP));
    else
        r = obj_richcompare(oa, ob, op);
    XDECREF(oa);
    XDECREF(ob);
    return r;
}

static obj_t *ref_repr(obj_t *self) {
    obj_t *o = wr_get((weakref_t *)self);
    if (o == NULL) return str_from_format("<weakref at %p; dead>", (void *)self);
    obj_t *name = obj_getattr_str(o, "__name__");
    if (name == NULL) err_clear();
    obj_t *r;
    if (name != NULL && STR_CHECK(name))
        r = str_from_format("<weakref at %p; to '%s' at %p (%s)>", (void *)self, obj_type_name(o),
                            (void *)o, str_data(name));
    else
        r = str_from_format("<weakref at %p; to '%s' at %p>", (void *)self, obj_type_name(o),
                            (void *)o);
    XDECREF(name);
    DECREF(o);
    return r;
}

static obj_t *ref_get_callback(obj_t *self, void *closure) {
    (void)closure;
    weakref_t *w = (weakref_t *)self;
    obj_t *o = atomic_load_explicit(&w->object, memory_order_acquire);
    obj_t *cb = NULL;
    if (o != NULL) {
        // Alive: the clearer may take the callback at any moment, under
        // this lock.
        struct stripe *s = stripe_of(o);
        stripe_lock(s);
        cb = atomic_load_explicit(&w->callback, memory_order_relaxed);
        if (cb) INCREF(cb);
        stripe_unlock(s);
        return cb ? cb : NEWREF(None);
    }
    // Dead: the callback was taken (None) or is dropped only by self's
    // dealloc.
    cb = atomic_load_explicit(&w->callback, memory_order_acquire);
    return cb ? NEWREF(cb) : NEWREF(None);
}

static const getset_def_t ref_getsets[] = {
    {"__callback__", ref_get_callback, NULL, NULL},
    {NULL},
};

static const method_def_t ref_methods[] = {
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL},
};

type_t weakref_ref_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "weakref.ReferenceType",
    .basicsize = sizeof(weakref_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = wr_dealloc,
    .traverse = wr_traverse,
    .clear = wr_clear,
    .repr = ref_repr,
    .hash = ref_hash,
    .richcompare = ref_richcompare,
    .call = ref_call,
    .tp_new = ref_new,
    .tp_init = ref_init,
    .methods = ref_methods,
    .getsets = ref_getsets,
};

// ---- proxies -------------------------------------------------------------------------------

// The referent of a proxy (new reference), or NULL + ReferenceError.
static obj_t *proxy_get(obj_t *p) {
    obj_t *o = wr_get((weakref_t *)p);
    if (o == NULL) err_set_str(exc_ReferenceError, "weakly-referenced object no longer exists");
    return o;
}

// A new reference to v, or to its referent when v is a proxy.
static obj_t *unwrap(obj_t *v) {
    return is_proxy(v) ? proxy_get(v) : NEWREF(v);
}

static obj_t *proxy_getattro(obj_t *p, obj_t *name) {
    obj_t *o = proxy_get(p);
    if (!o) return NULL;
    obj_t *r = obj_getattr(o, name);
    DECREF(o);
    return r;
}

static int proxy_setattro(obj_t *p, obj_t *name, obj_t *value) {
    obj_t *o = proxy_get(p);
    if (!o) return -1;
    int r = obj_setattr(o, name, value);
    DECREF(o);
    return r;
}

static obj_t *proxy_repr(obj_t *p) {
    obj_t *o = wr_get((weakref_t *)p);
    obj_t *r = str_from_format("<weakproxy at %p to %s at %p>", (void *)p,
                               o ? obj_type_name(o) : "NoneType", (void *)o);
    XDECREF(o);
    return r;
}

#define PROXY_UNARY(fname, call)                                                                   \
    static obj_t *fname(obj_t *p) {                                                                \
        obj_t *o = proxy_get(p);                                                                   \
        if (!o) return NULL;                                                                       \
        obj_t *r = call(o);                                                                        \
        DECREF(o);                                                                                 \
        return r;                                                                                  \
    }
PROXY_UNARY(proxy_str, obj_str)
PROXY_UNARY(proxy_iter, obj_iter)
PROXY_UNARY(proxy_iternext, obj_iternext)

static obj_t *proxy_unop(obj_t *p, unop_t op) {
    obj_t *o = proxy_get(p);
    if (!o) return NULL;
    obj_t *r = obj_unop(o, op);
    DECREF(o);
    return r;
}
static obj_t *proxy_neg(obj_t *p) {
    return proxy_unop(p, UNOP_NEG);
}
static obj_t *proxy_pos(obj_t *p) {
    return proxy_unop(p, UNOP_POS);
}
static obj_t *proxy_invert(obj_t *p) {
    return proxy_unop(p, UNOP_INVERT);
}

static int proxy_bool(obj_t *p) {
    obj_t *o = proxy_get(p);
    if (!o) return -1;
    int r = obj_is_true(o);
    DECREF(o);
    return r;
}

static ssize_t proxy_len(obj_t *p) {
    obj_t *o = proxy_get(p);
    if (!o) return -1;
    ssize_t r = obj_len(o);
    DECREF(o);
    return r;
}

static obj_t *proxy_getitem(obj_t *p, obj_t *key) {
    obj_t *o = proxy_get(p);
    if (!o) return NULL;
    obj_t *r = obj_getitem(o, key);
    DECREF(o);
    return r;
}

static int proxy_setitem(obj_t *p, obj_t *key, obj_t *value) {
    obj_t *o = proxy_get(p);
    if (!o) return -1;
    int r = value ? obj_setitem(o, key, value) : obj_delitem(o, key);
    DECREF(o);
    return r;
}

static int proxy_contains(obj_t *p, obj_t *item) {
    obj_t *o = proxy_get(p);
    if (!o) return -1;
    int r = obj_contains(o, item);
    DECREF(o);
    return r;
}

// A binary operation (a rich comparison when `compare`) on the referents
// of a and b, either of which may be a proxy.
static obj_t *proxy_pair(obj_t *a, obj_t *b, int op, bool compare) {
    obj_t *ua = unwrap(a);
    if (!ua) return NULL;
    obj_t *ub = unwrap(b);
    if (!ub) {
        DECREF(ua);
        return NULL;
    }
    obj_t *r = compare ? obj_richcompare(ua, ub, op) : obj_binop(ua, ub, (binop_t)op);
    DECREF(ua);
    DECREF(ub);
    return r;
}

static obj_t *proxy_richcompare(obj_t *a, obj_t *b, int op) {
    return proxy_pair(a, b, op, true);
}

#define PROXY_BINOP(op)                                                                            \
    static obj_t *proxy_nb_##op(obj_t *a, obj_t *b) {                                              \
        return proxy_pair(a, b, op, false);                                                        \
    }
PROXY_BINOP(BINOP_ADD)
PROXY_BINOP(BINOP_SUB)
PROXY_BINOP(BINOP_MUL)
PROXY_BINOP(BINOP_MATMUL)
PROXY_BINOP(BINOP_TRUEDIV)
PROXY_BINOP(BINOP_FLOORDIV)
PROXY_BINOP(BINOP_MOD)
PROXY_BINOP(BINOP_POW)
PROXY_BINOP(BINOP_LSHIFT)
PROXY_BINOP(BINOP_RSHIFT)
PROXY_BINOP(BINOP_AND)
PROXY_BINOP(BINOP_OR)
PROXY_BINOP(BINOP_XOR)

static obj_t *proxy_call(obj_t *p, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *o = proxy_get(p);
    if (!o) return NULL;
    obj_t *r = obj_call(o, args, nargs, kwnames);
    DECREF(o);
    return r;
}

// __bytes__ and __reversed__ call the referent's own methods (CPython's
// proxy_bytes, proxy_reversed): bytes(p) and reversed(p) look them up on
// the proxy's type.
static obj_t *proxy_call_method0(obj_t *p, const char *name) {
    obj_t *o = proxy_get(p);
    if (!o) return NULL;
    obj_t *r = obj_call_method(o, name, NULL, 0);
    DECREF(o);
    return r;
}

static obj_t *proxy_bytes(obj_t *p, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__bytes__", nargs, kwnames, 0, 0) < 0) return NULL;
    return proxy_call_method0(p, "__bytes__");
}

static obj_t *proxy_reversed(obj_t *p, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    return proxy_call_method0(p, "__reversed__");
}

static const method_def_t proxy_methods[] = {
    {"__bytes__", proxy_bytes, METH_DEFAULT, NULL},
    {"__reversed__", proxy_reversed, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static obj_t *proxy_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)type;
    (void)args;
    (void)nargs;
    (void)kwnames;
    err_set_str(exc_TypeError, "cannot create 'weakref.ProxyType' instances");
    return NULL;
}

#define PROXY_SLOTS                                                                                \
    .ob = OBJ_HEAD_INIT(&type_type), .basicsize = sizeof(weakref_t), .base = &object_type,         \
    .dealloc = wr_dealloc, .repr = proxy_repr, .str = proxy_str, .hash = hash_not_implemented,     \
    .richcompare = proxy_richcompare, .getattro = proxy_getattro, .setattro = proxy_setattro,      \
    .iter = proxy_iter, .iternext = proxy_iternext, .tp_new = proxy_new,                           \
    .nb = {proxy_nb_BINOP_ADD,    proxy_nb_BINOP_SUB,     proxy_nb_BINOP_MUL,                      \
           proxy_nb_BINOP_MATMUL, proxy_nb_BINOP_TRUEDIV, proxy_nb_BINOP_FLOORDIV,                 \
           proxy_nb_BINOP_MOD,    proxy_nb_BINOP_POW,     proxy_nb_BINOP_LSHIFT,                   \
           proxy_nb_BINOP_RSHIFT, proxy_nb_BINOP_AND,     proxy_nb_BINOP_OR,                       \
           proxy_nb_BINOP_XOR},                                                                    \
    .nb_neg = proxy_neg, .nb_pos = proxy_pos, .nb_invert = proxy_invert, .nb_bool = proxy_bool,    \
    .len = proxy_len, .getitem = proxy_getitem, .setitem = proxy_setitem,                          \
    .contains = proxy_contains, .traverse = wr_traverse, .clear = wr_clear,                        \
    .methods = proxy_methods

type_t weakref_proxy_type = {
    PROXY_SLOTS,
    .name = "weakref.ProxyType",
};

type_t weakref_callable_proxy_type = {
    PROXY_SLOTS,
    .name = "weakref.CallableProxyType",
    .call = proxy_call,
};

// ---- the module ----------------------------------------------------------------------------

static obj_t *mod_proxy(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    if (args_check("proxy", nargs, kwnames, 1, 2) < 0) return NULL;
    type_t *t = obj_is_callable(args[0]) ? &weakref_callable_proxy_type : &weakref_proxy_type;
    return wr_create(t, args[0], nargs > 1 ? args[1] : NULL);
}

static obj_t *mod_getweakrefcount(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    if (args_check("getweakrefcount", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *o = args[0];
    int64_t n = 0;
    if (!IS_SMALLINT(o)) {
        struct stripe *s = stripe_of(o);
        stripe_lock(s);
        wr_entry_t *e = entry_find(s, o, false);
        for (weakref_t *w = e ? e->head : NULL; w; w = w->next)
            n++;
        stripe_unlock(s);
    }
    return SMALLINT_FROM(n);
}

static obj_t *mod_getweakrefs(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    if (args_check("getweakrefs", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *o = args[0];
    obj_t *list = list_new(0);
    if (!list || IS_SMALLINT(o)) return list;
    struct stripe *s = stripe_of(o);
    for (;;) {
        stripe_lock(s);
        wr_entry_t *e = entry_find(s, o, false);
        size_t n = 0;
        for (weakref_t *w = e ? e->head : NULL; w; w = w->next)
            n++;
        obj_t **items = n ? malloc(n * sizeof(obj_t *)) : NULL;
        if (n && !items) {
            stripe_unlock(s);
            DECREF(list);
            return err_no_memory();
        }
        size_t k = 0;
        for (weakref_t *w = e ? e->head : NULL; w; w = w->next)
            if (obj_try_incref((obj_t *)w)) items[k++] = (obj_t *)w;
        stripe_unlock(s);
        int rc = 0;
        for (size_t i = 0; i < k; i++) {
            if (rc == 0) rc = list_append(list, items[i]);
            DECREF(items[i]);
        }
        free(items);
        if (rc < 0) {
            DECREF(list);
            return NULL;
        }
        return list;
    }
}

static obj_t *mod_remove_dead_weakref(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    if (args_check("_remove_dead_weakref", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!DICT_CHECK(args[0])) {
        err_format(exc_TypeError, "_remove_dead_weakref() argument 1 must be dict, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    obj_t *v = dict_get(args[0], args[1]);
    if (v == NULL) {
        if (err_occurred()) return NULL;
        return NEWREF(None);
    }
    bool dead = !IS_SMALLINT(v) && is_ref_type(TYPE(v)) &&
                atomic_load_explicit(&((weakref_t *)v)->object, memory_order_acquire) == NULL;
    if (!IS_SMALLINT(v) && !is_ref_type(TYPE(v))) {
        DECREF(v);
        err_set_str(exc_TypeError, "not a weakref");
        return NULL;
    }
    DECREF(v);
    if (dead && dict_del(args[0], args[1]) < 0) {
        if (!err_matches(exc_KeyError)) return NULL;
        err_clear();
    }
    return NEWREF(None);
}

static const method_def_t weakref_functions[] = {
    {"getweakrefcount", mod_getweakrefcount, 0, NULL},
    {"getweakrefs", mod_getweakrefs, 0, NULL},
    {"proxy", mod_proxy, 0, NULL},
    {"_remove_dead_weakref", mod_remove_dead_weakref, 0, NULL},
    {NULL},
};

obj_t *weakref_module_init(void) {
    obj_t *m = module_new("_weakref");
    if (!m) return NULL;
    obj_t *d = module_dict(m);
    if (module_add_functions(m, weakref_functions) < 0 ||
        type_ensure_ready(&weakref_ref_type) < 0 || type_ensure_ready(&weakref_proxy_type) < 0 ||
        type_ensure_ready(&weakref_callable_proxy_type) < 0 ||
        dict_set_str(d, "ref", (obj_t *)&weakref_ref_type) < 0 ||
        dict_set_str(d, "ReferenceType", (obj_t *)&weakref_ref_type) < 0 ||
        dict_set_str(d, "ProxyType", (obj_t *)&weakref_proxy_type) < 0 ||
        dict_set_str(d, "CallableProxyType", (obj_t *)&weakref_callable_proxy_type) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}

// At exit (core/exitclear.c): a weakref that only module globals hold is
// garbage with them, and CPython never calls the callback of a garbage
// weakref; drop it so that the referent's death calls nothing.
void weakref_drop_callback(obj_t *o) {
    type_t *t = TYPE(o);
    if (!type_is_subtype(t, &weakref_ref_type) && t != &weakref_proxy_type &&
        t != &weakref_callable_proxy_type)
        return;
    obj_t *cb = atomic_exchange_explicit(&((weakref_t *)o)->callback, NULL, memory_order_acq_rel);
    XDECREF(cb);
}
