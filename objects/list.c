/*
 * objects/list.c — list: a growable array of values, and its iterators.
 *
 * Layout (list.h): `size` plus a separately allocated list_items_t array
 * (`arr`, NULL while the capacity is 0).  The array is never resized in
 * place: growing or shrinking allocates a new array, copies, publishes it
 * with a release store and retires the old one through items_retire()
 * (QSBR once other threads may read the list), so a lock-free reader can
 * acquire-load `arr`, check `i < arr->cap` and read arr->items[i].  Slots in
 * [size, cap) are NULL.
 *
 * Concurrency: every mutation, and every read of more than one word, runs in
 * the list's critical section; single items are read without a lock by
 * item_ref() (indexing, iteration).  Rules followed throughout:
 *   - every store into a published item array is an atomic store
 *     (ITEM_SET, items_move), so a lock-free reader sees either the old or
 *     the new pointer of a slot, never a torn one; arrays are only sorted or
 *     rebuilt in private copies;
 *   - a reference the list drops goes through drop_item()
 *     (qsbr_container_drop): released at once while no other thread can be
 *     reading the list, else after a QSBR grace period, so a reader that
 *     loaded the pointer can still take its reference.  Items handed out
 *     (pop) get a new reference and the list's own is dropped the same way;
 *   - no Python code runs while the section is relied on: __index__ of
 *     slice bounds, iteration of assigned values and __eq__ of items all run
 *     outside, and dropped references are released after the section ends.
 * Growth over-allocates like CPython's list_resize.
 */
#define PVM_CONTAINERS_IMPL 1
#include "../gc/gc.h"
#include "containers_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../gc/credit.h"
#include "../gc/qsbr.h"
#include "../modules/tracemalloc.h"
#include "../threads/critical.h"
#include "exceptions.h"
#include "int.h"
#include "dict.h"
#include "dict_internal.h"
#include "list.h"
#include "list_internal.h"
#include "set.h"
#include "range.h"
#include "str.h"
#include "tuple.h"
#include "type.h"

extern type_t list_iter_type, list_reviter_type;

#define LIST(o) ((list_t *)(o))

// ---- the item array ------------------------------------------------------------

static list_items_t *items_alloc(size_t cap) {
    if (cap > (SIZE_MAX - sizeof(list_items_t)) / sizeof(obj_t *) / 2) return NULL;
    if (obj_alloc_too_big(sizeof(list_items_t) + cap * sizeof(obj_t *))) return NULL;
    list_items_t *a = malloc(sizeof(list_items_t) + cap * sizeof(obj_t *));
    if (!a) return NULL;
    a->cap = cap;
    if (PVM_UNLIKELY(tracemalloc_is_active()))
        tracemalloc_track(a, sizeof(list_items_t) + cap * sizeof(obj_t *));
    return a;
}

// The one place old item arrays of list l are released: a lock-free reader
// may still be indexing one, so it is freed after a grace period unless no
// other thread can be reading l.
// While list.sort() runs, the list's array is this marker (capacity 0,
// never freed): any mutation that resizes the list replaces it, so the end
// of the sort sees every mutation, even one undone (an append then a pop),
// as CPython's `allocated = -1` does.
static list_items_t sort_marker;

static void items_retire(obj_t *l, list_items_t *a) {
    if (a == &sort_marker) return;
    if (PVM_UNLIKELY(tracemalloc_is_active())) tracemalloc_untrack(a);
    if (qsbr_is_shared(l))
        qsbr_retire_mem(a, sizeof(list_items_t) + a->cap * sizeof(obj_t *));
    else
        free(a);
}

// Slot stores into a published array (readers load slots without a lock).
static inline void ITEM_SET(obj_t **items, size_t i, obj_t *v) {
    __atomic_store_n(&items[i], v, __ATOMIC_RELEASE);
}

// memmove of n slots from src to dst within one published array, slot by
// slot with atomic stores (a reader may see an item twice or skip one while
// the move runs, as it could with any racing mutation, but every pointer it
// loads is an item the list held).
static void items_move(obj_t **items, size_t dst, size_t src, size_t n) {
    if (dst < src) {
        for (size_t k = 0; k < n; k++)
            ITEM_SET(items, dst + k, items[src + k]);
    } else if (dst > src) {
        for (size_t k = n; k-- > 0;)
            ITEM_SET(items, dst + k, items[src + k]);
    }
}

// Releases a reference list l held (see the header comment).
static inline void drop_item(obj_t *l, obj_t *v) {
    qsbr_container_drop(l, v);
}

static inline list_items_t *ARR(obj_t *l) {
    return atomic_load_explicit(&LIST(l)->arr, memory_order_relaxed);
}
static inline size_t SIZE(obj_t *l) {
    return atomic_load_explicit(&LIST(l)->size, memory_order_relaxed);
}
static inline size_t CAP(obj_t *l) {
    list_items_t *a = ARR(l);
    return a ? a->cap : 0;
}
static inline obj_t **ITEMS(obj_t *l) {
    list_items_t *a = ARR(l);
    return a ? a->items : NULL;
}
static inline void SET_SIZE(obj_t *l, size_t n) {
    atomic_store_explicit(&LIST(l)->size, n, memory_order_release);
}

// Replaces the array by one of capacity `cap` holding the first `keep`
// items of the old one (the caller has already saved or released the
// others).  Section held.  -1 + MemoryError.
static int replace_array(obj_t *l, size_t cap, size_t keep) {
    list_items_t *old = ARR(l);
    list_items_t *na = NULL;
    if (cap > 0) {
        na = items_alloc(cap);
        if (!na) {
            err_no_memory();
            return -1;
        }
        if (keep) memcpy(na->items, old->items, keep * sizeof(obj_t *));
        memset(na->items + keep, 0, (cap - keep) * sizeof(obj_t *));
    }
    atomic_store_explicit(&LIST(l)->arr, na, memory_order_release);
    if (old) items_retire(l, old);
    return 0;
}

// CPython's list_resize: makes room for `newsize` items and sets the size.
// Items in [old size, newsize) are NULL; when shrinking, the caller has
// already taken care of the items past newsize.  Section held.
static int list_resize(obj_t *l, size_t newsize) {
    size_t cap = CAP(l), oldsize = SIZE(l);
    if (cap >= newsize && newsize >= (cap >> 1)) {
        SET_SIZE(l, newsize);
        return 0;
    }
    size_t new_alloc = (newsize + (newsize >> 3) + 6) & ~(size_t)3;
    if (newsize > oldsize && newsize - oldsize > new_alloc - newsize)
        new_alloc = (newsize + 3) & ~(size_t)3;
    if (newsize == 0) new_alloc = 0;
    if (replace_array(l, new_alloc, oldsize < newsize ? oldsize : newsize) < 0) return -1;
    SET_SIZE(l, newsize);
    return 0;
}

// Ensures capacity >= need without changing the size (exact when growing
// from nothing, like CPython's preallocation).  Section held.
static int list_reserve(obj_t *l, size_t need) {
    if (CAP(l) >= need) return 0;
    size_t size = SIZE(l);
    size_t new_alloc = (need + (need >> 3) + 6) & ~(size_t)3;
    if (need - size > new_alloc - need) new_alloc = (need + 3) & ~(size_t)3;
    return replace_array(l, new_alloc, size);
}

// The read path: a new reference to item i, or NULL (no exception) when i
// is out of range.  Lock-free: acquire-load the array, bound-check against
// its capacity, acquire-load the slot and take a reference.  The array is
// retired, and a dropped item released, only after a grace period, and this
// thread passes no quiescent state in between, so both stay valid here.  A
// NULL slot below the size (a concurrent shrink) is settled under the lock.
// `reg`: the reference goes into a VM register, so it may be a credit
// (gc/credit.h) rather than a shared increment.
static inline obj_t *item_ref_impl(obj_t *l, size_t i, bool reg) {
    qsbr_before_lockfree_read(l);
    if (i >= atomic_load_explicit(&LIST(l)->size, memory_order_acquire)) return NULL;
    list_items_t *a = atomic_load_explicit(&LIST(l)->arr, memory_order_acquire);
    if (a && i < a->cap) {
        obj_t *v = __atomic_load_n(&a->items[i], __ATOMIC_ACQUIRE);
        if (v) {
            if (reg)
                INCREF_REG(v);
            else
                INCREF(v);
            return v;
        }
    }
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(l);
    if (i < SIZE(l)) {
        r = ITEMS(l)[i];
        INCREF(r);
    }
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *item_ref(obj_t *l, size_t i) {
    return item_ref_impl(l, i, false);
}

PVM_WUR obj_t *list_item_for_reg(obj_t *l, size_t i) {
    return item_ref_impl(l, i, true);
}

static void decref_array(obj_t **items, size_t n) {
    for (size_t i = 0; i < n; i++)
        XDECREF(items[i]);
}

// ---- construction -----------------------------------------------------------

static obj_t *list_alloc(type_t *type, size_t cap) {
    obj_t *l = obj_alloc(type, type->basicsize);
    if (!l) return NULL;
    if (cap) {
        list_items_t *a = items_alloc(cap);
        if (!a) {
            obj_free(l);
            return err_no_memory();
        }
        memset(a->items, 0, cap * sizeof(obj_t *));
        atomic_store_explicit(&LIST(l)->arr, a, memory_order_relaxed);
    }
    return l;
}

PVM_WUR obj_t *list_new(size_t size) {
    obj_t *l = list_alloc(&list_type, size);
    if (!l) return NULL;
    for (size_t i = 0; i < size; i++)
        ITEMS(l)[i] = None;
    SET_SIZE(l, size);
    return l;
}

PVM_WUR obj_t *list_from_array(obj_t *const *items, size_t n) {
    obj_t *l = list_alloc(&list_type, n);
    if (!l) return NULL;
    for (size_t i = 0; i < n; i++)
        ITEMS(l)[i] = NEWREF(items[i]);
    SET_SIZE(l, n);
    return l;
}

PVM_WUR obj_t *list_from_iterable(obj_t *it) {
    obj_t *l = list_alloc(&list_type, 0);
    if (!l) return NULL;
    if (list_extend(l, it) < 0) {
        DECREF(l);
        return NULL;
    }
    return l;
}

obj_t **list_items_unsafe(obj_t *l) {
    return ITEMS(l);
}

ssize_t list_size(obj_t *l) {
    return (ssize_t)SIZE(l);
}

// A copy of the items as a tuple, taken in one critical section.
PVM_WUR obj_t *list_as_tuple(obj_t *l) {
    obj_t *t = NULL;
    for (;;) {
        size_t n = SIZE(l);
        obj_t *cand = tuple_new(n);
        if (!cand) return NULL;
        bool ok = false;
        BEGIN_CRITICAL_SECTION(l);
        if (SIZE(l) == n) {
            obj_t **items = ITEMS(l);
            for (size_t i = 0; i < n; i++)
                TUPLE_SET(cand, i, NEWREF(items[i]));
            ok = true;
        }
        END_CRITICAL_SECTION();
        if (ok) {
            t = cand;
            break;
        }
        // The size changed while allocating: the items are all NULL, so a
        // plain DECREF is enough.
        DECREF(cand);
    }
    return t;
}

// A snapshot of `v` as a tuple for slice assignment: list and tuple items are
// copied; other iterables are consumed.  `msg` replaces the TypeError of a
// non-iterable (PySequence_Fast).
static obj_t *snapshot(obj_t *v, const char *msg) {
    if (TUPLE_CHECK(v)) return NEWREF(v);
    if (LIST_CHECK(v)) return list_as_tuple(v);
    obj_t *it = obj_iter(v);
    if (!it) {
        if (err_matches(exc_TypeError)) {
            err_clear();
            err_set_str(exc_TypeError, msg);
        }
        return NULL;
    }
    obj_t *l = list_from_iterable(it);
    DECREF(it);
    if (!l) return NULL;
    obj_t *t = list_as_tuple(l);
    DECREF(l);
    return t;
}

// ---- basic mutation ---------------------------------------------------------

int list_append(obj_t *l, obj_t *v) {
    int rc = 0;
    INCREF(v);
    BEGIN_CRITICAL_SECTION(l);
    size_t n = SIZE(l);
    if (n < CAP(l)) {
        ITEM_SET(ITEMS(l), n, v);
        SET_SIZE(l, n + 1);
    } else if (list_resize(l, n + 1) == 0) {
        ITEM_SET(ITEMS(l), n, v);
    } else {
        rc = -1;
    }
    END_CRITICAL_SECTION();
    if (rc < 0) DECREF(v);
    return rc;
}

int list_insert(obj_t *l, ssize_t where, obj_t *v) {
    int rc = 0;
    INCREF(v);
    BEGIN_CRITICAL_SECTION(l);
    ssize_t n = (ssize_t)SIZE(l);
    if (list_resize(l, (size_t)n + 1) < 0) {
        rc = -1;
    } else {
        if (where < 0) {
            where += n;
            if (where < 0) where = 0;
        }
        if (where > n) where = n;
        obj_t **items = ITEMS(l);
        items_move(items, (size_t)where + 1, (size_t)where, (size_t)(n - where));
        ITEM_SET(items, (size_t)where, v);
    }
    END_CRITICAL_SECTION();
    if (rc < 0) DECREF(v);
    return rc;
}

// Appends n items (INCREFed here) in one section.
static int list_append_array(obj_t *l, obj_t *const *src, size_t n) {
    int rc = 0;
    if (n == 0) return 0;
    BEGIN_CRITICAL_SECTION(l);
    size_t size = SIZE(l);
    if (list_reserve(l, size + n) < 0) {
        rc = -1;
    } else {
        obj_t **items = ITEMS(l);
        for (size_t i = 0; i < n; i++)
            ITEM_SET(items, size + i, NEWREF(src[i]));
        SET_SIZE(l, size + n);
    }
    END_CRITICAL_SECTION();
    return rc;
}

// Most slots list_extend reserves ahead from a length hint; growth by
// appending handles the rest (a hint may lie).
#define PRESIZE_MAX ((size_t)1 << 16)

// Makes room for the items of a generic iterable before iterating it, as
// CPython's list_extend does from PyObject_LengthHint: a hint no machine
// could hold raises MemoryError at once (list(range(2**62))) instead of
// after filling memory; a sum that overflows is ignored (the hint may lie).
static int presize_from_hint(obj_t *l, obj_t *iterable) {
    ssize_t hint = obj_length_hint(iterable, 8);
    if (hint < 0) return -1;
    if (hint == 0) return 0;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(l);
    size_t size = SIZE(l), need;
    if (!__builtin_add_overflow(size, (size_t)hint, &need)) {
        if (need > (SIZE_MAX - sizeof(list_items_t)) / sizeof(obj_t *) / 2 ||
            obj_alloc_too_big(sizeof(list_items_t) + need * sizeof(obj_t *))) {
            err_no_memory();
            rc = -1;
        } else {
            rc = list_reserve(l, size + ((size_t)hint < PRESIZE_MAX ? (size_t)hint : PRESIZE_MAX));
        }
    }
    END_CRITICAL_SECTION();
    return rc;
}

int list_extend(obj_t *l, obj_t *iterable) {
    if (TUPLE_CHECK(iterable))
        return list_append_array(l, TUPLE_ITEMS(iterable), TUPLE_SIZE(iterable));
    if (LIST_CHECK(iterable)) {
        int rc = 0;
        if (iterable == l) {
            BEGIN_CRITICAL_SECTION(l);
            size_t n = SIZE(l);
            if (list_reserve(l, 2 * n) < 0) {
                rc = -1;
            } else {
                obj_t **items = ITEMS(l);
                for (size_t i = 0; i < n; i++)
                    ITEM_SET(items, n + i, NEWREF(items[i]));
                SET_SIZE(l, 2 * n);
            }
            END_CRITICAL_SECTION();
        } else {
            BEGIN_CRITICAL_SECTION2(l, iterable);
            size_t size = SIZE(l), n = SIZE(iterable);
            if (n && list_reserve(l, size + n) < 0) {
                rc = -1;
            } else if (n) {
                obj_t **items = ITEMS(l), **src = ITEMS(iterable);
                for (size_t i = 0; i < n; i++)
                    ITEM_SET(items, size + i, NEWREF(src[i]));
                SET_SIZE(l, size + n);
            }
            END_CRITICAL_SECTION();
        }
        return rc;
    }
    // Dicts, dict views and sets are copied in one critical section of the
    // source, so list(d.items()) never sees a half-updated dict (CPython's
    // free-threaded list_extend does the same).
    obj_t *snap = NULL;
    if (OBJ_IS_TYPE(iterable, &dict_type))
        snap = dict_keys_list(iterable);
    else if (OBJ_IS_TYPE(iterable, &set_type) || OBJ_IS_TYPE(iterable, &frozenset_type))
        snap = set_snapshot(iterable);
    else
        snap = dictview_snapshot(iterable);
    if (snap) {
        int rc = list_extend(l, snap);
        DECREF(snap);
        return rc;
    }
    if (err_occurred()) return -1;
    obj_t *it = obj_iter(iterable);
    if (!it) return -1;
    if (presize_from_hint(l, iterable) < 0) {
        DECREF(it);
        return -1;
    }
    for (;;) {
        obj_t *item = obj_iternext(it);
        if (!item) break;
        int rc = list_append(l, item);
        DECREF(item);
        if (rc < 0) {
            DECREF(it);
            return -1;
        }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

PVM_WUR obj_t *list_get(obj_t *l, ssize_t i) {
    ssize_t n = (ssize_t)SIZE(l);
    if (i < 0) i += n;
    obj_t *r = i < 0 ? NULL : item_ref(l, (size_t)i);
    if (!r) err_set_str(exc_IndexError, "list index out of range");
    return r;
}

int list_set(obj_t *l, ssize_t i, obj_t *v) {
    obj_t *old = NULL;
    bool ok = false;
    INCREF(v);
    BEGIN_CRITICAL_SECTION(l);
    ssize_t n = (ssize_t)SIZE(l);
    if (i < 0) i += n;
    if (i >= 0 && i < n) {
        old = ITEMS(l)[i];
        ITEM_SET(ITEMS(l), (size_t)i, v);
        ok = true;
    }
    END_CRITICAL_SECTION();
    if (!ok) {
        DECREF(v);
        err_set_str(exc_IndexError, "list assignment index out of range");
        return -1;
    }
    drop_item(l, old);
    return 0;
}

static int list_del_item(obj_t *l, ssize_t i) {
    obj_t *old = NULL;
    BEGIN_CRITICAL_SECTION(l);
    ssize_t n = (ssize_t)SIZE(l);
    if (i < 0) i += n;
    if (i >= 0 && i < n) {
        obj_t **items = ITEMS(l);
        old = items[i];
        items_move(items, (size_t)i, (size_t)i + 1, (size_t)(n - i - 1));
        ITEM_SET(items, (size_t)n - 1, NULL);
        if (list_resize(l, (size_t)n - 1) < 0) {
            // Shrinking failed to allocate: keep the bigger array.
            err_clear();
            SET_SIZE(l, (size_t)n - 1);
        }
    }
    END_CRITICAL_SECTION();
    if (!old) {
        err_set_str(exc_IndexError, "list assignment index out of range");
        return -1;
    }
    drop_item(l, old);
    return 0;
}

// Detaches all items (returned array + count) leaving the list empty.
static list_items_t *detach_items(obj_t *l, size_t *n) {
    list_items_t *a;
    BEGIN_CRITICAL_SECTION(l);
    a = ARR(l);
    *n = SIZE(l);
    if (a == &sort_marker && *n == 0) {
        a = NULL; // clearing a list being sorted (empty meanwhile) changes nothing
    } else {
        SET_SIZE(l, 0);
        atomic_store_explicit(&LIST(l)->arr, NULL, memory_order_release);
    }
    END_CRITICAL_SECTION();
    return a;
}

// Drops the n items of an array detached from list l and retires the array.
static void release_detached(obj_t *l, list_items_t *a, size_t n) {
    if (!a || a == &sort_marker) return;
    if (PVM_UNLIKELY(tracemalloc_is_active())) tracemalloc_untrack(a);
    if (!qsbr_is_shared(l)) {
        // Nobody else can be reading: release in order, then free (a __del__
        // run by a DECREF here sees the list already empty, as in CPython).
        decref_array(a->items, n);
        free(a);
        return;
    }
    for (size_t i = 0; i < n; i++)
        qsbr_defer_decref(a->items[i]);
    qsbr_retire_mem(a, sizeof(list_items_t) + a->cap * sizeof(obj_t *));
}

static void list_clear_internal(obj_t *l) {
    size_t n;
    list_items_t *a = detach_items(l, &n);
    release_detached(l, a, n);
}

int list_reverse(obj_t *l) {
    BEGIN_CRITICAL_SECTION(l);
    size_t n = SIZE(l);
    obj_t **items = ITEMS(l);
    for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
        obj_t *t = items[i];
        ITEM_SET(items, i, items[j]);
        ITEM_SET(items, j, t);
    }
    END_CRITICAL_SECTION();
    return 0;
}

static void reverse_array(obj_t **a, size_t n) {
    for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
        obj_t *t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

// ---- sort -----------------------------------------------------------------------------
//
// As CPython: the items are detached (the list is empty while the key
// function and the comparisons run), sorted, and put back; if the list was
// changed meanwhile, the changes are discarded and ValueError("list modified
// during sort") is raised.  As in CPython's free-threaded build the whole
// sort runs in the list's critical section, so other threads wait rather
// than see the list empty (unless a key function or __lt__ blocks, which
// suspends the section).  Nothing relies on the section for consistency
// while Python code runs: the detached array is private.

// Computes the keys (*keys, *nkeys: released by the caller) and sorts.
static int sort_detached(obj_t **values, size_t n, obj_t *key, bool reverse, obj_t ***keys_out,
                         size_t *nkeys) {
    obj_t **keys = NULL;
    *nkeys = 0;
    if (key && n > 0) {
        keys = malloc(n * sizeof(obj_t *));
        if (!keys) {
            err_no_memory();
            return -1;
        }
        *keys_out = keys;
        for (size_t i = 0; i < n; i++) {
            keys[i] = obj_call1(key, values[i]);
            if (!keys[i]) return -1;
            *nkeys = i + 1;
        }
    }
    if (n < 2) return 0;
    // Reverse before and after so that equal items keep their order
    // (stability with reverse=True), as CPython does.
    if (reverse) {
        reverse_array(values, n);
        if (keys) reverse_array(keys, n);
    }
    int rc = listsort_sort(keys ? keys : values, keys ? values : NULL, n);
    if (reverse) reverse_array(values, n);
    return rc;
}

int list_sort(obj_t *l, obj_t *key, bool reverse) {
    if (key == None) key = NULL;
    int rc;
    obj_t **keys = NULL;
    size_t nkeys = 0;
    list_items_t *garbage = NULL;
    size_t gn = 0;
    bool modified = false;
    BEGIN_CRITICAL_SECTION(l);
    list_items_t *saved = ARR(l);
    size_t n = SIZE(l);
    // Sort a private copy: a lock-free reader may still be indexing the
    // published array, so it is retired rather than permuted.
    list_items_t *work = saved ? items_alloc(saved->cap) : NULL;
    if (saved && !work) {
        err_no_memory();
        rc = -1;
        goto sorted;
    }
    if (work) memcpy(work->items, saved->items, saved->cap * sizeof(obj_t *));
    SET_SIZE(l, 0);
    atomic_store_explicit(&LIST(l)->arr, &sort_marker, memory_order_release);
    if (saved) items_retire(l, saved);
    saved = work;
    rc = sort_detached(saved ? saved->items : NULL, n, key, reverse, &keys, &nkeys);
    garbage = ARR(l);
    gn = SIZE(l);
    modified = garbage != &sort_marker || gn != 0;
    atomic_store_explicit(&LIST(l)->arr, saved, memory_order_release);
    SET_SIZE(l, n);
sorted:
    END_CRITICAL_SECTION();
    if (keys) {
        decref_array(keys, nkeys);
        free(keys);
    }
    release_detached(l, garbage, gn);
    if (modified && rc == 0) {
        err_set_str(exc_ValueError, "list modified during sort");
        rc = -1;
    }
    return rc;
}

// ---- slices ---------------------------------------------------------------------

static obj_t *list_slice_locked(obj_t *l, ssize_t start, ssize_t step, ssize_t len) {
    obj_t *r = list_alloc(&list_type, (size_t)len);
    if (!r) return NULL;
    obj_t **src = ITEMS(l), **dst = ITEMS(r);
    for (size_t i = 0, cur = (size_t)start; i < (size_t)len; i++, cur += (size_t)step)
        dst[i] = NEWREF(src[cur]);
    SET_SIZE(r, (size_t)len);
    return r;
}

static obj_t *list_get_slice(obj_t *l, obj_t *slice) {
    ssize_t start, stop, step;
    if (slice_unpack_raw(slice, &start, &stop, &step) < 0) return NULL;
    obj_t *r;
    BEGIN_CRITICAL_SECTION(l);
    ssize_t len = slice_adjust_indices((ssize_t)SIZE(l), &start, &stop, step);
    r = list_slice_locked(l, start, step, len);
    END_CRITICAL_SECTION();
    return r;
}

// a[lo:hi] = seq (a tuple snapshot, or NULL to delete).  Section held;
// the replaced items are returned in *garbage (malloc'ed) for release
// after the section.
static int ass_slice_locked(obj_t *l, ssize_t lo, ssize_t hi, obj_t *seq, obj_t ***garbage,
                            size_t *ngarbage) {
    ssize_t size = (ssize_t)SIZE(l);
    if (lo < 0)
        lo = 0;
    else if (lo > size)
        lo = size;
    if (hi < lo)
        hi = lo;
    else if (hi > size)
        hi = size;
    ssize_t n = seq ? (ssize_t)TUPLE_SIZE(seq) : 0;
    ssize_t norig = hi - lo;
    ssize_t d = n - norig;
    *garbage = NULL;
    *ngarbage = 0;
    if (norig > 0) {
        *garbage = malloc((size_t)norig * sizeof(obj_t *));
        if (!*garbage) {
            err_no_memory();
            return -1;
        }
        memcpy(*garbage, ITEMS(l) + lo, (size_t)norig * sizeof(obj_t *));
        *ngarbage = (size_t)norig;
    }
    if (d < 0) {
        obj_t **items = ITEMS(l);
        items_move(items, (size_t)(hi + d), (size_t)hi, (size_t)(size - hi));
        for (ssize_t k = size + d; k < size; k++)
            ITEM_SET(items, (size_t)k, NULL);
        if (list_resize(l, (size_t)(size + d)) < 0) {
            err_clear();
            SET_SIZE(l, (size_t)(size + d));
        }
    } else if (d > 0) {
        if (list_resize(l, (size_t)(size + d)) < 0) {
            free(*garbage);
            *garbage = NULL;
            *ngarbage = 0;
            return -1;
        }
        obj_t **items = ITEMS(l);
        items_move(items, (size_t)(hi + d), (size_t)hi, (size_t)(size - hi));
    }
    obj_t **items = ITEMS(l);
    for (ssize_t k = 0; k < n; k++)
        ITEM_SET(items, (size_t)(lo + k), NEWREF(TUPLE_GET(seq, k)));
    return 0;
}

static void release_garbage(obj_t *l, obj_t **garbage, size_t n) {
    if (!garbage) return;
    for (size_t i = 0; i < n; i++)
        drop_item(l, garbage[i]);
    free(garbage);
}

static int list_ass_slice_obj(obj_t *l, obj_t *slice, obj_t *value) {
    ssize_t start, stop, step;
    if (slice_unpack_raw(slice, &start, &stop, &step) < 0) return -1;
    obj_t *seq = NULL;
    if (value) {
        seq = snapshot(value, step == 1 ? "can only assign an iterable"
                                        : "must assign iterable to extended slice");
        if (!seq) return -1;
    }
    int rc = 0;
    obj_t **garbage = NULL;
    size_t ngarbage = 0;
    ssize_t bad_len = -1, bad_slicelen = 0;
    BEGIN_CRITICAL_SECTION(l);
    ssize_t slicelen = slice_adjust_indices((ssize_t)SIZE(l), &start, &stop, step);
    if (step == 1) {
        rc = ass_slice_locked(l, start, stop, seq, &garbage, &ngarbage);
    } else if (!seq) {
        // Delete an extended slice: compact the survivors.
        if (slicelen > 0) {
            if (step < 0) {
                stop = start + 1;
                start = stop + step * (slicelen - 1) - 1;
                step = -step;
            }
            garbage = malloc((size_t)slicelen * sizeof(obj_t *));
            if (!garbage) {
                err_no_memory();
                rc = -1;
            } else {
                obj_t **items = ITEMS(l);
                size_t size = SIZE(l), dst = (size_t)start, g = 0;
                for (size_t cur = (size_t)start; cur < size; cur++) {
                    if (g < (size_t)slicelen && cur == (size_t)start + g * (size_t)step)
                        garbage[g++] = items[cur];
                    else
                        ITEM_SET(items, dst++, items[cur]);
                }
                for (size_t k = dst; k < size; k++)
                    ITEM_SET(items, k, NULL);
                ngarbage = g;
                if (list_resize(l, dst) < 0) {
                    err_clear();
                    SET_SIZE(l, dst);
                }
            }
        }
    } else if ((ssize_t)TUPLE_SIZE(seq) != slicelen) {
        bad_len = (ssize_t)TUPLE_SIZE(seq);
        bad_slicelen = slicelen;
        rc = -1;
    } else if (slicelen > 0) {
        garbage = malloc((size_t)slicelen * sizeof(obj_t *));
        if (!garbage) {
            err_no_memory();
            rc = -1;
        } else {
            obj_t **items = ITEMS(l);
            for (size_t i = 0, cur = (size_t)start; i < (size_t)slicelen;
                 i++, cur += (size_t)step) {
                garbage[i] = items[cur];
                ITEM_SET(items, (size_t)cur, NEWREF(TUPLE_GET(seq, i)));
            }
            ngarbage = (size_t)slicelen;
        }
    }
    END_CRITICAL_SECTION();
    release_garbage(l, garbage, ngarbage);
    XDECREF(seq);
    if (bad_len >= 0)
        err_format(exc_ValueError,
                   "attempt to assign sequence of size %zd to extended slice of size %zd", bad_len,
                   bad_slicelen);
    return rc;
}

// ---- searching ---------------------------------------------------------------------
//
// Searches compare most items inside one critical section: identity, two
// tagged ints or two exact strs are decided without running Python code.
// Any other pair is compared (item == v, item first as in CPython) outside
// the section, and the scan resumes at the next index.

// 1 equal, 0 different, -2 undecided without calling __eq__.
static inline int quick_eq(obj_t *a, obj_t *b) {
    if (a == b) return 1;
    bool sa = IS_SMALLINT(a), sb = IS_SMALLINT(b);
    if (sa && sb) return 0;
    bool ta = !sa && a->ob_type == &str_type, tb = !sb && b->ob_type == &str_type;
    if (ta && tb) return str_eq(a, b);
    if ((sa || ta) && (sb || tb)) return 0;
    return -2;
}

// Scans [*pi, stop): 1 = match at *pi, 0 = end reached, 2 = the item at *pi
// needs a full comparison (new reference in *slow).  Counting mode adds
// quick matches to *count and keeps going.
static int scan(obj_t *l, obj_t *v, size_t *pi, size_t stop, bool counting, int64_t *count,
                obj_t **slow) {
    int rc = 0;
    BEGIN_CRITICAL_SECTION(l);
    size_t n = SIZE(l), i = *pi;
    if (stop > n) stop = n;
    obj_t **items = ITEMS(l);
    for (; i < stop; i++) {
        int q = quick_eq(items[i], v);
        if (q == 1) {
            if (counting) {
                (*count)++;
                continue;
            }
            rc = 1;
            break;
        }
        if (q == -2) {
            *slow = NEWREF(items[i]);
            rc = 2;
            break;
        }
    }
    *pi = i;
    END_CRITICAL_SECTION();
    return rc;
}

// Index of the first item equal to v in [start, stop) (-1 if none), or the
// number of equal items when counting; -2 on error.
static ssize_t list_search(obj_t *l, obj_t *v, size_t start, size_t stop, bool counting) {
    int64_t count = 0;
    size_t i = start;
    for (;;) {
        obj_t *item = NULL;
        int rc = scan(l, v, &i, stop, counting, &count, &item);
        if (rc == 0) return counting ? (ssize_t)count : -1;
        if (rc == 1) return (ssize_t)i;
        int c = obj_richcompare_bool(item, v, CMP_EQ_OP);
        DECREF(item);
        if (c < 0) return -2;
        if (c > 0) {
            if (!counting) return (ssize_t)i;
            count++;
        }
        i++;
    }
}

// ---- protocol slots --------------------------------------------------------------

static ssize_t list_length(obj_t *l) {
    return (ssize_t)SIZE(l);
}

static obj_t *list_subscript(obj_t *l, obj_t *key) {
    if (IS_SMALLINT(key)) return list_get(l, (ssize_t)SMALLINT_VALUE(key));
    if (SLICE_CHECK(key)) return list_get_slice(l, key);
    if (cont_has_index(key)) {
        ssize_t i;
        if (cont_index_ssize(key, &i, exc_IndexError) < 0) return NULL;
        return list_get(l, i);
    }
    err_format(exc_TypeError, "list indices must be integers or slices, not %T", key);
    return NULL;
}

static int list_ass_subscript(obj_t *l, obj_t *key, obj_t *value) {
    if (SLICE_CHECK(key)) return list_ass_slice_obj(l, key, value);
    ssize_t i;
    if (IS_SMALLINT(key)) {
        i = (ssize_t)SMALLINT_VALUE(key);
    } else if (cont_has_index(key)) {
        if (cont_index_ssize(key, &i, exc_IndexError) < 0) return -1;
    } else {
        err_format(exc_TypeError, "list indices must be integers or slices, not %T", key);
        return -1;
    }
    return value ? list_set(l, i, value) : list_del_item(l, i);
}

static int list_contains(obj_t *l, obj_t *v) {
    ssize_t r = list_search(l, v, 0, SIZE_MAX, false);
    return r == -2 ? -1 : r >= 0;
}

static obj_t *list_richcompare(obj_t *v, obj_t *w, int op) {
    if (!LIST_CHECK(v) || !LIST_CHECK(w)) return NEWREF(NotImplemented);
    if (SIZE(v) != SIZE(w) && (op == CMP_EQ_OP || op == CMP_NE_OP))
        return NEWREF(bool_from(op == CMP_NE_OP));
    // Find the first index where the items differ.  Pairs decidable without
    // Python code are scanned under both locks; others are compared outside.
    size_t i = 0;
    obj_t *vi = NULL, *wi = NULL;
    for (;;) {
        int q = 1;
        BEGIN_CRITICAL_SECTION2(v, w);
        size_t n = SIZE(v) < SIZE(w) ? SIZE(v) : SIZE(w);
        obj_t **a = ITEMS(v), **b = ITEMS(w);
        for (; i < n; i++) {
            q = quick_eq(a[i], b[i]);
            if (q != 1) {
                vi = NEWREF(a[i]);
                wi = NEWREF(b[i]);
                break;
            }
        }
        END_CRITICAL_SECTION();
        if (!vi) break; // one list ended
        if (q == -2) {
            q = obj_richcompare_bool(vi, wi, CMP_EQ_OP);
            if (q < 0) {
                DECREF(vi);
                DECREF(wi);
                return NULL;
            }
        }
        if (q == 0) break; // differ at i
        DECREF(vi);
        DECREF(wi);
        vi = wi = NULL;
        i++;
    }
    if (!vi) return NEWREF(bool_from(cont_cmp_sizes(SIZE(v), SIZE(w), op)));
    obj_t *res;
    if (op == CMP_EQ_OP)
        res = NEWREF(False);
    else if (op == CMP_NE_OP)
        res = NEWREF(True);
    else
        res = obj_richcompare(vi, wi, op);
    DECREF(vi);
    DECREF(wi);
    return res;
}

static obj_t *list_repr(obj_t *l) {
    if (SIZE(l) == 0) return str_from_cstr("[]");
    int rc = repr_enter(l);
    if (rc != 0) return rc > 0 ? str_from_cstr("[...]") : NULL;
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add_char(&b, '[');
    for (size_t i = 0;; i++) {
        obj_t *item = item_ref(l, i);
        if (!item) break;
        if (i > 0) str_builder_add(&b, ", ", 2);
        obj_t *r = obj_repr(item);
        DECREF(item);
        if (!r) {
            str_builder_discard(&b);
            repr_leave(l);
            return NULL;
        }
        str_builder_add_str(&b, r);
        DECREF(r);
    }
    str_builder_add_char(&b, ']');
    repr_leave(l);
    return str_builder_finish(&b);
}

static obj_t *list_concat(obj_t *a, obj_t *b) {
    if (!LIST_CHECK(a)) return NEWREF(NotImplemented);
    if (!LIST_CHECK(b)) {
        if (!IS_SMALLINT(b) && type_has_flag(TYPE(b), TPFLAG_HEAPTYPE) &&
            TYPE(b)->nb[BINOP_ADD] != NULL)
            return NEWREF(NotImplemented);
        err_format(exc_TypeError, "can only concatenate list (not \"%T\") to list", b);
        return NULL;
    }
    obj_t *ta = list_as_tuple(a);
    if (!ta) return NULL;
    obj_t *tb = list_as_tuple(b);
    if (!tb) {
        DECREF(ta);
        return NULL;
    }
    size_t an = TUPLE_SIZE(ta), bn = TUPLE_SIZE(tb);
    obj_t *r = list_alloc(&list_type, an + bn);
    if (r) {
        obj_t **dst = ITEMS(r);
        for (size_t i = 0; i < an; i++)
            dst[i] = NEWREF(TUPLE_GET(ta, i));
        for (size_t i = 0; i < bn; i++)
            dst[an + i] = NEWREF(TUPLE_GET(tb, i));
        SET_SIZE(r, an + bn);
    }
    DECREF(ta);
    DECREF(tb);
    return r;
}

// The repeat count of `seq * count`; 1 with *n set, 0 = return
// NotImplemented, -1 error.
static int repeat_count(obj_t *count, bool seq_is_left, ssize_t *n) {
    if (!cont_has_index(count)) {
        if (seq_is_left && !IS_SMALLINT(count) && type_has_flag(TYPE(count), TPFLAG_HEAPTYPE) &&
            TYPE(count)->nb[BINOP_MUL] != NULL)
            return 0;
        err_format(exc_TypeError, "can't multiply sequence by non-int of type '%T'", count);
        return -1;
    }
    if (cont_index_ssize(count, n, exc_OverflowError) < 0) return -1;
    return 1;
}

static obj_t *list_repeat(obj_t *a, obj_t *b) {
    bool left = LIST_CHECK(a);
    obj_t *seq = left ? a : b, *count = left ? b : a;
    ssize_t n;
    int rc = repeat_count(count, left, &n);
    if (rc <= 0) return rc == 0 ? NEWREF(NotImplemented) : NULL;
    obj_t *t = list_as_tuple(seq);
    if (!t) return NULL;
    size_t len = TUPLE_SIZE(t);
    if (n <= 0 || len == 0) {
        DECREF(t);
        return list_new(0);
    }
    if ((size_t)n > (SIZE_MAX / sizeof(obj_t *) / 2) / len) {
        DECREF(t);
        return err_no_memory();
    }
    obj_t *r = list_alloc(&list_type, len * (size_t)n);
    if (r) {
        obj_t **dst = ITEMS(r);
        size_t k = 0;
        for (ssize_t j = 0; j < n; j++)
            for (size_t i = 0; i < len; i++)
                dst[k++] = NEWREF(TUPLE_GET(t, i));
        SET_SIZE(r, k);
    }
    DECREF(t);
    return r;
}

static obj_t *list_inplace_concat(obj_t *a, obj_t *b) {
    if (!LIST_CHECK(a)) return NEWREF(NotImplemented);
    if (list_extend(a, b) < 0) return NULL;
    return NEWREF(a);
}

static obj_t *list_inplace_repeat(obj_t *a, obj_t *b) {
    if (!LIST_CHECK(a)) return NEWREF(NotImplemented);
    ssize_t n;
    int rc = repeat_count(b, true, &n);
    if (rc <= 0) return rc == 0 ? NEWREF(NotImplemented) : NULL;
    if (n <= 0) {
        list_clear_internal(a);
        return NEWREF(a);
    }
    if (n == 1) return NEWREF(a);
    rc = 0;
    BEGIN_CRITICAL_SECTION(a);
    size_t len = SIZE(a);
    if (len > 0) {
        if ((size_t)n > (SIZE_MAX / sizeof(obj_t *) / 2) / len) {
            err_no_memory();
            rc = -1;
        } else if (list_reserve(a, len * (size_t)n) < 0) {
            rc = -1;
        } else {
            obj_t **items = ITEMS(a);
            size_t k = len;
            for (ssize_t j = 1; j < n; j++)
                for (size_t i = 0; i < len; i++)
                    ITEM_SET(items, k++, NEWREF(items[i]));
            SET_SIZE(a, k);
        }
    }
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(a);
}

// ---- methods ----------------------------------------------------------------------

static obj_t *m_append(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("list.append", nargs, kwnames, 1, 1) < 0) return NULL;
    if (list_append(self, args[0]) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_extend(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("list.extend", nargs, kwnames, 1, 1) < 0) return NULL;
    if (list_extend(self, args[0]) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_insert(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("insert", kwnames) < 0 || cont_check_positional("insert", nargs, 2, 2) < 0)
        return NULL;
    ssize_t i;
    if (obj_ssize_arg(args[0], &i) < 0) return NULL;
    if (list_insert(self, i, args[1]) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_pop(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("pop", kwnames) < 0 || cont_check_positional("pop", nargs, 0, 1) < 0)
        return NULL;
    ssize_t i = -1;
    if (nargs == 1 && obj_ssize_arg(args[0], &i) < 0) return NULL;
    obj_t *r = NULL;
    int why = 0; // 1 empty, 2 out of range
    BEGIN_CRITICAL_SECTION(self);
    ssize_t n = (ssize_t)SIZE(self);
    if (n == 0) {
        why = 1;
    } else {
        if (i < 0) i += n;
        if (i < 0 || i >= n) {
            why = 2;
        } else {
            obj_t **items = ITEMS(self);
            r = NEWREF(items[i]); // the caller's; the list's is dropped below
            items_move(items, (size_t)i, (size_t)i + 1, (size_t)(n - i - 1));
            ITEM_SET(items, (size_t)n - 1, NULL);
            if (list_resize(self, (size_t)n - 1) < 0) {
                err_clear();
                SET_SIZE(self, (size_t)n - 1);
            }
        }
    }
    END_CRITICAL_SECTION();
    if (why)
        err_set_str(exc_IndexError, why == 1 ? "pop from empty list" : "pop index out of range");
    else
        drop_item(self, r);
    return r;
}

// Removes the first item equal to x.  A comparison that runs __eq__ runs
// outside the section, so the list may shift meanwhile: the deletion
// re-checks under the lock that slot i still holds the very object that
// compared equal (or, after a quick match, still quick-matches x) and
// searches again from the start when it does not, so an item that is not
// equal to x is never removed.
static obj_t *m_remove(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("list.remove", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *v = args[0];
    size_t i = 0;
    for (;;) {
        obj_t *cand = NULL; // the item that needed __eq__ (new reference)
        int64_t unused = 0;
        int rc = scan(self, v, &i, SIZE_MAX, false, &unused, &cand);
        if (rc == 0) break;
        if (rc == 2) {
            int c = obj_richcompare_bool(cand, v, CMP_EQ_OP);
            if (c <= 0) {
                DECREF(cand);
                if (c < 0) return NULL;
                i++;
                continue;
            }
        }
        obj_t *old = NULL;
        BEGIN_CRITICAL_SECTION(self);
        size_t n = SIZE(self);
        obj_t **items = ITEMS(self);
        if (i < n && (cand ? items[i] == cand : quick_eq(items[i], v) == 1)) {
            old = items[i];
            items_move(items, i, i + 1, n - i - 1);
            ITEM_SET(items, n - 1, NULL);
            if (list_resize(self, n - 1) < 0) {
                err_clear();
                SET_SIZE(self, n - 1);
            }
        }
        END_CRITICAL_SECTION();
        XDECREF(cand);
        if (old) {
            drop_item(self, old);
            return NEWREF(None);
        }
        i = 0; // the list changed under the comparison: search again
    }
    err_set_str(exc_ValueError, "list.remove(x): x not in list");
    return NULL;
}

static obj_t *m_index(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("index", kwnames) < 0 || cont_check_positional("index", nargs, 1, 3) < 0)
        return NULL;
    ssize_t start = 0, stop = INT64_MAX;
    if (cont_slice_index_not_none(nargs > 1 ? args[1] : NULL, &start) < 0 ||
        cont_slice_index_not_none(nargs > 2 ? args[2] : NULL, &stop) < 0)
        return NULL;
    ssize_t n = (ssize_t)SIZE(self);
    if (start < 0) {
        start += n;
        if (start < 0) start = 0;
    }
    if (stop < 0) {
        stop += n;
        if (stop < 0) stop = 0;
    }
    if (start < stop) {
        ssize_t i = list_search(self, args[0], (size_t)start, (size_t)stop, false);
        if (i == -2) return NULL;
        if (i >= 0) return SMALLINT_FROM(i);
    }
    err_format(exc_ValueError, "%R is not in list", args[0]);
    return NULL;
}

static obj_t *m_count(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("list.count", nargs, kwnames, 1, 1) < 0) return NULL;
    ssize_t count = list_search(self, args[0], 0, SIZE_MAX, true);
    if (count == -2) return NULL;
    return SMALLINT_FROM(count);
}

static obj_t *m_clear(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("list.clear", nargs, kwnames, 0, 0) < 0) return NULL;
    list_clear_internal(self);
    return NEWREF(None);
}

static obj_t *m_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("list.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *r;
    BEGIN_CRITICAL_SECTION(self);
    r = list_slice_locked(self, 0, 1, (ssize_t)SIZE(self));
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *m_reverse(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("list.reverse", nargs, kwnames, 0, 0) < 0) return NULL;
    (void)list_reverse(self);
    return NEWREF(None);
}

static obj_t *m_sort(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs > 0) {
        err_set_str(exc_TypeError, "sort() takes no positional arguments");
        return NULL;
    }
    static const char *const names[] = {"$key", "$reverse", NULL};
    obj_t *out[2] = {NULL, NULL};
    if (args_parse("sort", args, nargs, kwnames, names, 0, out) < 0) return NULL;
    int rev = 0;
    if (out[1]) {
        rev = obj_is_true(out[1]);
        if (rev < 0) return NULL;
    }
    if (list_sort(self, out[0], rev != 0) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *list_iter_new(obj_t *seq, bool reverse);

static obj_t *m_reversed(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("list.__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    return list_iter_new(self, true);
}

static obj_t *list_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return list_alloc(type, 0);
}

static int list_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("list", kwnames) < 0 || cont_check_positional("list", nargs, 0, 1) < 0)
        return -1;
    if (SIZE(self) != 0 || ARR(self) != NULL) list_clear_internal(self);
    if (nargs == 1) return list_extend(self, args[0]);
    return 0;
}

// Nesting depth is bounded by the caller (gc/trashcan.h).  Items are
// released last to first, as CPython does (the order __del__ methods see).
static void list_dealloc(obj_t *l) {
    list_items_t *a = ARR(l);
    size_t n = SIZE(l);
    if (a) {
        // The count reached zero: no thread can be reading the list.
        while (n > 0)
            XDECREF(a->items[--n]);
        if (PVM_UNLIKELY(tracemalloc_is_active())) tracemalloc_untrack(a);
        free(a);
    }
    obj_free(l);
}

// ---- iterators --------------------------------------------------------------------
//
// The iterator keeps its list until it is freed (no clearing on exhaustion,
// so threads sharing an iterator never race on the reference); `index`
// becomes SIZE_MAX (forward) / -1 (reverse) once exhausted.

typedef struct {
    obj_t ob;
    _Atomic ssize_t index;
    obj_t *seq;
} listiter_t;

static obj_t *list_iter_new(obj_t *seq, bool reverse) {
    if (cont_ready(reverse ? &list_reviter_type : &list_iter_type) < 0) return NULL;
    listiter_t *it =
        (listiter_t *)obj_alloc(reverse ? &list_reviter_type : &list_iter_type, sizeof(listiter_t));
    if (!it) return NULL;
    it->seq = NEWREF(seq);
    atomic_store_explicit(&it->index, reverse ? (ssize_t)SIZE(seq) - 1 : 0, memory_order_relaxed);
    return (obj_t *)it;
}

static obj_t *list_iter(obj_t *l) {
    return list_iter_new(l, false);
}

static void listiter_dealloc(obj_t *o) {
    DECREF(((listiter_t *)o)->seq);
    obj_free(o);
}

// Threads sharing one iterator each claim a position with a compare-and-
// swap before reading the item there, so every position is produced once
// (CPython 3.14t's behaviour); a position past the end marks the iterator
// exhausted.  `step` is +1 (forward) or -1 (reverse).
static inline obj_t *listiter_step(obj_t *o, ssize_t step, bool reg) {
    listiter_t *it = (listiter_t *)o;
    ssize_t i = atomic_load_explicit(&it->index, memory_order_relaxed);
    do {
        if (i < 0) return NULL;
    } while (!atomic_compare_exchange_weak_explicit(&it->index, &i, i + step, memory_order_relaxed,
                                                    memory_order_relaxed));
    obj_t *item = item_ref_impl(it->seq, (size_t)i, reg);
    if (!item) atomic_store_explicit(&it->index, -1, memory_order_relaxed);
    return item;
}

static obj_t *listiter_next(obj_t *o) {
    return listiter_step(o, 1, false);
}

// iternext_reg: list iteration cannot fail, so NULL means exhausted.
static int listiter_next_reg(obj_t *o, obj_t **v, obj_t **pair) {
    (void)pair;
    *v = listiter_step(o, 1, true);
    return *v != NULL;
}

static obj_t *listreviter_next(obj_t *o) {
    return listiter_step(o, -1, false);
}

static int listreviter_next_reg(obj_t *o, obj_t **v, obj_t **pair) {
    (void)pair;
    *v = listiter_step(o, -1, true);
    return *v != NULL;
}

static obj_t *listiter_length_hint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    listiter_t *it = (listiter_t *)self;
    ssize_t i = atomic_load_explicit(&it->index, memory_order_relaxed);
    ssize_t n = (ssize_t)SIZE(it->seq);
    if (TYPE(self) == &list_reviter_type) return SMALLINT_FROM(i >= 0 && i < n ? i + 1 : 0);
    return SMALLINT_FROM(i >= 0 && i < n ? n - i : 0);
}

// __reduce__: (iter, (list,), index) forward, (reversed, (list,), index)
// reverse, (iter, ([],)) once exhausted, as CPython 3.11 gives them.
static obj_t *listiter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    listiter_t *it = (listiter_t *)self;
    ssize_t i = atomic_load_explicit(&it->index, memory_order_relaxed);
    bool reverse = TYPE(self) == &list_reviter_type;
    if (i >= 0 && !(reverse && i >= (ssize_t)SIZE(it->seq)))
        return iter_reduce_seq(reverse ? "reversed" : "iter", it->seq, i);
    obj_t *empty = list_new(0);
    if (!empty) return NULL;
    obj_t *r = iter_reduce_seq("iter", empty, -1);
    DECREF(empty);
    return r;
}

static obj_t *listiter_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    listiter_t *it = (listiter_t *)self;
    ssize_t n = (ssize_t)SIZE(it->seq), i;
    bool reverse = TYPE(self) == &list_reviter_type;
    if (iter_setstate_index(args[0], reverse ? -1 : 0, reverse ? n - 1 : n, &i) < 0) return NULL;
    if (atomic_load_explicit(&it->index, memory_order_relaxed) >= 0) // not once exhausted
        atomic_store_explicit(&it->index, i, memory_order_relaxed);
    return NEWREF(None);
}

static const method_def_t listiter_methods[] = {
    {"__length_hint__", listiter_length_hint, METH_DEFAULT, NULL},
    {"__reduce__", listiter_reduce, METH_DEFAULT, NULL},
    {"__setstate__", listiter_setstate, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

// The cycle collector (gc/gc.h): the list an iterator walks.
static int listiter_traverse(obj_t *o, visitproc visit, void *arg) {
    return GC_VISIT_FIELDS(visit, arg, ((listiter_t *)o)->seq);
}

type_t list_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "list_iterator",
    .basicsize = sizeof(listiter_t),
    .base = &object_type,
    .dealloc = listiter_dealloc,
    .traverse = listiter_traverse,
    .iter = cont_iter_self,
    .iternext = listiter_next,
    .iternext_reg = listiter_next_reg,
    .methods = listiter_methods,
};

type_t list_reviter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "list_reverseiterator",
    .basicsize = sizeof(listiter_t),
    .base = &object_type,
    .dealloc = listiter_dealloc,
    .traverse = listiter_traverse,
    .iter = cont_iter_self,
    .iternext = listreviter_next,
    .iternext_reg = listreviter_next_reg,
    .methods = listiter_methods,
};

// __sizeof__: the object and its item array as allocated (sys.getsizeof
// adds the collector's head).
static obj_t *m_sizeof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("list.__sizeof__", nargs, kwnames, 0, 0) < 0) return NULL;
    size_t n = TYPE(self)->basicsize;
    BEGIN_CRITICAL_SECTION(self);
    list_items_t *a = ARR(self);
    if (a != NULL) n += sizeof(list_items_t) + a->cap * sizeof(obj_t *);
    END_CRITICAL_SECTION();
    return int_from_u64(n);
}

static const method_def_t list_methods[] = {
    {"append", m_append, METH_DEFAULT, NULL},
    {"extend", m_extend, METH_DEFAULT, NULL},
    {"insert", m_insert, METH_DEFAULT, NULL},
    {"pop", m_pop, METH_DEFAULT, NULL},
    {"remove", m_remove, METH_DEFAULT, NULL},
    {"index", m_index, METH_DEFAULT, NULL},
    {"count", m_count, METH_DEFAULT, NULL},
    {"clear", m_clear, METH_DEFAULT, NULL},
    {"copy", m_copy, METH_DEFAULT, NULL},
    {"__sizeof__", m_sizeof, METH_DEFAULT, NULL},
    {"reverse", m_reverse, METH_DEFAULT, NULL},
    {"sort", m_sort, METH_DEFAULT, NULL},
    {"__reversed__", m_reversed, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

// ---- the cycle collector (gc/gc.h) ----------------------------------------------

static int list_traverse(obj_t *l, visitproc visit, void *arg) {
    list_items_t *a = ARR(l);
    size_t n = SIZE(l);
    if (a == NULL) return 0;
    // Last to first, as CPython (gc.get_referents shows the order).
    while (n > 0) {
        obj_t *v = a->items[--n];
        if (v != NULL) {
            int r = visit(v, arg);
            if (r) return r;
        }
    }
    return 0;
}

static int list_gc_clear(obj_t *l) {
    list_clear_internal(l);
    return 0;
}

type_t list_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "list",
    .basicsize = sizeof(list_t),
    .flags = TPFLAG_BASETYPE | TPFLAG_LIST_SUBCLASS,
    .base = &object_type,
    .dealloc = list_dealloc,
    .traverse = list_traverse,
    .clear = list_gc_clear,
    .repr = list_repr,
    .hash = hash_not_implemented,
    .richcompare = list_richcompare,
    .iter = list_iter,
    .len = list_length,
    .getitem = list_subscript,
    .setitem = list_ass_subscript,
    .contains = list_contains,
    .nb = {[BINOP_ADD] = list_concat, [BINOP_MUL] = list_repeat},
    .nb_inplace = {[BINOP_ADD] = list_inplace_concat, [BINOP_MUL] = list_inplace_repeat},
    .tp_new = list_tp_new,
    .tp_init = list_tp_init,
    .methods = list_methods,
};

// ---- algorithms over a list in its critical section (modules/heapq.c) ------------------
//
// The caller holds l's section; i, j < the size.  Stores keep the lock-free
// readers' rules above (atomic slot stores, dropped references deferred).
// None of them enters the section again: ending a nested section on the
// same object releases the mutex for a moment (threads/critical.c), which
// would let another thread see the caller's half-done work.

int list_append_locked(obj_t *l, obj_t *v) {
    size_t n = SIZE(l);
    if (n >= CAP(l) && list_resize(l, n + 1) < 0) return -1;
    ITEM_SET(ITEMS(l), n, NEWREF(v));
    SET_SIZE(l, n + 1);
    return 0;
}

obj_t *list_item_locked(obj_t *l, size_t i) {
    return ITEMS(l)[i];
}

void list_swap_locked(obj_t *l, size_t i, size_t j) {
    obj_t **items = ITEMS(l);
    obj_t *t = items[i];
    ITEM_SET(items, i, items[j]);
    ITEM_SET(items, j, t);
}

PVM_WUR obj_t *list_replace_locked(obj_t *l, size_t i, obj_t *v) {
    obj_t **items = ITEMS(l);
    obj_t *old = NEWREF(items[i]);
    ITEM_SET(items, i, NEWREF(v));
    drop_item(l, old); // the list's reference; the caller keeps the new one
    return old;
}

PVM_WUR obj_t *list_pop_last_locked(obj_t *l) {
    size_t n = SIZE(l);
    obj_t **items = ITEMS(l);
    obj_t *r = NEWREF(items[n - 1]);
    ITEM_SET(items, n - 1, NULL);
    if (list_resize(l, n - 1) < 0) {
        err_clear();
        SET_SIZE(l, n - 1);
    }
    drop_item(l, r);
    return r;
}
