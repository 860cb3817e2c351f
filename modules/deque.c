/*
 * modules/deque.c — collections.deque and its two iterators, for the
 * `_collections` module (modules/collections.c).
 *
 * Layout: a ring buffer.  `ring` holds `cap` slots (a power of two, or 0
 * with ring NULL); the items are ring[(head + i) & (cap - 1)] for
 * i < len.  Both ends grow and shrink in O(1) (amortised over doublings),
 * indexing is O(1).  CPython links 64-slot blocks instead; the ring gives
 * the same API and complexity with simpler code under one lock.  Free
 * slots are NULL.
 *
 * Concurrency: every read and write of the ring, `head`, `maxlen` and
 * `state` runs in the deque's critical section, so append / appendleft /
 * pop / popleft (and every other single method) are atomic with respect
 * to each other.  `len` is also written only there but is atomic, so
 * len(d) reads it without the lock.  No reader touches the ring without
 * the lock, so slots are plain stores and a ring being replaced is freed
 * at once.  No Python code runs while the section is relied on:
 * comparisons (index, count, remove, in, ==), repr and iteration of
 * arguments take a reference to one item under the lock, run the Python
 * code outside it and check `state` afterwards ("deque mutated during
 * iteration", as CPython); references the deque drops are released after
 * the section ends (a __del__ may run).
 *
 * `state` counts mutations that change which item is where (as CPython's
 * deque->state); iterators remember it and fail when it changed.  An
 * iterator's own position is guarded by the deque's section too.
 */
#include <stdlib.h>
#include <string.h>

#include "../gc/gc.h"
#include "../core/error.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"
#include "collections.h"

typedef struct {
    obj_t ob;
    obj_t **ring;
    size_t cap, head;
    _Atomic size_t len;
    ssize_t maxlen; // -1: unbounded
    uint64_t state;
} deque_t;

#define DQ(o) ((deque_t *)(o))

static inline size_t LEN(obj_t *d) {
    return atomic_load_explicit(&DQ(d)->len, memory_order_relaxed);
}
static inline void SET_LEN(obj_t *d, size_t n) {
    atomic_store_explicit(&DQ(d)->len, n, memory_order_relaxed);
}
// Slot of item i (i < cap).  Section held.
static inline obj_t **SLOT(obj_t *d, size_t i) {
    return &DQ(d)->ring[(DQ(d)->head + i) & (DQ(d)->cap - 1)];
}

bool deque_check(obj_t *v) {
    return !IS_SMALLINT(v) && type_is_subtype(TYPE(v), &deque_type);
}

// ---- the ring (all with the section held) ---------------------------------------

// Replaces the ring by one of `ncap` slots (>= len), items first.  -1 +
// MemoryError.
static int ring_resize(obj_t *d, size_t ncap) {
    size_t n = LEN(d);
    obj_t **nr = NULL;
    if (ncap) {
        if (ncap > SIZE_MAX / sizeof(obj_t *) / 2 || obj_alloc_too_big(ncap * sizeof(obj_t *)) ||
            (nr = calloc(ncap, sizeof(obj_t *))) == NULL) {
            err_no_memory();
            return -1;
        }
        for (size_t i = 0; i < n; i++)
            nr[i] = *SLOT(d, i);
    }
    free(DQ(d)->ring);
    DQ(d)->ring = nr;
    DQ(d)->cap = ncap;
    DQ(d)->head = 0;
    return 0;
}

static int ring_reserve(obj_t *d, size_t need) {
    if (need <= DQ(d)->cap) return 0;
    size_t c = DQ(d)->cap ? DQ(d)->cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 4) return (void)err_no_memory(), -1;
        c *= 2;
    }
    return ring_resize(d, c);
}

// Gives memory back after many pops (never below 16 slots).
static void ring_maybe_shrink(obj_t *d) {
    size_t cap = DQ(d)->cap;
    if (cap > 16 && LEN(d) < cap / 4 && ring_resize(d, cap / 2) < 0) err_clear();
}

static int push_right(obj_t *d, obj_t *v) { // steals v on success
    size_t n = LEN(d);
    if (ring_reserve(d, n + 1) < 0) return -1;
    *SLOT(d, n) = v;
    SET_LEN(d, n + 1);
    return 0;
}

static int push_left(obj_t *d, obj_t *v) { // steals v on success
    size_t n = LEN(d);
    if (ring_reserve(d, n + 1) < 0) return -1;
    DQ(d)->head = (DQ(d)->head + DQ(d)->cap - 1) & (DQ(d)->cap - 1);
    *SLOT(d, 0) = v;
    SET_LEN(d, n + 1);
    return 0;
}

// Removes and returns the last / first item (the deque's reference); the
// deque is not empty.
static obj_t *take_right(obj_t *d) {
    size_t n = LEN(d);
    obj_t **s = SLOT(d, n - 1), *v = *s;
    *s = NULL;
    SET_LEN(d, n - 1);
    return v;
}

static obj_t *take_left(obj_t *d) {
    obj_t **s = SLOT(d, 0), *v = *s;
    *s = NULL;
    DQ(d)->head = (DQ(d)->head + 1) & (DQ(d)->cap - 1);
    SET_LEN(d, LEN(d) - 1);
    return v;
}

// Rotates right by k (0 < k < len).
static void ring_rotate(obj_t *d, size_t k) {
    size_t n = LEN(d);
    if (n == DQ(d)->cap) {
        DQ(d)->head = (DQ(d)->head + DQ(d)->cap - k) & (DQ(d)->cap - 1);
        return;
    }
    if (k <= n - k) {
        for (size_t i = 0; i < k; i++) {
            obj_t *v = take_right(d);
            (void)push_left(d, v); // cannot fail: a slot was just freed
        }
    } else {
        for (size_t i = 0; i < n - k; i++) {
            obj_t *v = take_left(d);
            (void)push_right(d, v);
        }
    }
}

// A snapshot of the items as a tuple (one section).
static obj_t *deque_as_tuple(obj_t *d) {
    for (;;) {
        size_t n = LEN(d);
        obj_t *t = tuple_new(n);
        if (!t) return NULL;
        bool ok = false;
        BEGIN_CRITICAL_SECTION(d);
        if (LEN(d) == n) {
            for (size_t i = 0; i < n; i++)
                TUPLE_SET(t, i, NEWREF(*SLOT(d, i)));
            ok = true;
        }
        END_CRITICAL_SECTION();
        if (ok) return t;
        DECREF(t); // items all NULL
    }
}

// ---- appending ------------------------------------------------------------------

// Appends v (borrowed) on the right (left=false) or left, dropping from the
// other end past maxlen.
static int deque_push(obj_t *d, obj_t *v, bool left) {
    obj_t *drop = NULL;
    int rc = 0;
    INCREF(v);
    BEGIN_CRITICAL_SECTION(d);
    if (DQ(d)->maxlen == 0) {
        drop = v;
    } else {
        // A full bounded deque drops first, so a lock-free len() never sees
        // more than maxlen items (and the push needs no new slot).
        if (DQ(d)->maxlen > 0 && LEN(d) >= (size_t)DQ(d)->maxlen)
            drop = left ? take_right(d) : take_left(d);
        if ((left ? push_left(d, v) : push_right(d, v)) < 0) {
            rc = -1; // cannot happen after a drop
            XDECREF(drop);
            drop = v;
        }
        DQ(d)->state++;
    }
    END_CRITICAL_SECTION();
    XDECREF(drop);
    return rc;
}

int deque_append(obj_t *d, obj_t *v) {
    return deque_push(d, v, false);
}

static int deque_extend_impl(obj_t *d, obj_t *iterable, bool left) {
    // Lists, tuples and deques (this one included) are copied first so that
    // d.extend(d) terminates and sees one consistent state.
    obj_t *snap = NULL;
    if (TUPLE_CHECK(iterable))
        snap = NEWREF(iterable);
    else if (LIST_CHECK(iterable))
        snap = list_as_tuple(iterable);
    else if (deque_check(iterable))
        snap = deque_as_tuple(iterable);
    if (snap) {
        int rc = 0;
        for (size_t i = 0; i < TUPLE_SIZE(snap) && rc == 0; i++)
            rc = deque_push(d, TUPLE_GET(snap, i), left);
        DECREF(snap);
        return rc;
    }
    if (err_occurred()) return -1;
    obj_t *it = obj_iter(iterable);
    if (!it) return -1;
    for (;;) {
        obj_t *item = obj_iternext(it);
        if (!item) break;
        int rc = deque_push(d, item, left);
        DECREF(item);
        if (rc < 0) {
            DECREF(it);
            return -1;
        }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

// Empties d, releasing the items after the section.
static void deque_clear_internal(obj_t *d) {
    obj_t **ring;
    size_t cap, head, n;
    BEGIN_CRITICAL_SECTION(d);
    ring = DQ(d)->ring;
    cap = DQ(d)->cap;
    head = DQ(d)->head;
    n = LEN(d);
    DQ(d)->ring = NULL;
    DQ(d)->cap = DQ(d)->head = 0;
    SET_LEN(d, 0);
    DQ(d)->state++;
    END_CRITICAL_SECTION();
    for (size_t i = 0; i < n; i++)
        DECREF(ring[(head + i) & (cap - 1)]);
    free(ring);
}

// ---- construction -----------------------------------------------------------------

static obj_t *deque_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *d = obj_alloc(type, type->basicsize);
    if (d) DQ(d)->maxlen = -1;
    return d;
}

// maxlen argument: None or an int >= 0; -2 + exception on error.
static ssize_t parse_maxlen(obj_t *v) {
    if (v == NULL || v == None) return -1;
    if (!INT_CHECK(v)) {
        err_set_str(exc_TypeError, "an integer is required");
        return -2;
    }
    int64_t x;
    if (int_as_i64(v, &x) < 0) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C ssize_t");
        return -2;
    }
    if (x < 0) {
        err_set_str(exc_ValueError, "maxlen must be non-negative");
        return -2;
    }
    return (ssize_t)x;
}

static int deque_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"iterable", "maxlen", NULL};
    obj_t *a[2];
    if (args_parse("deque", args, nargs, kwnames, names, 0, a) < 0) return -1;
    ssize_t maxlen = parse_maxlen(a[1]);
    if (maxlen == -2) return -1;
    BEGIN_CRITICAL_SECTION(self);
    DQ(self)->maxlen = maxlen;
    END_CRITICAL_SECTION();
    if (LEN(self) > 0) deque_clear_internal(self);
    if (a[0] && deque_extend_impl(self, a[0], false) < 0) return -1;
    return 0;
}

static void deque_dealloc(obj_t *d) {
    size_t n = LEN(d), cap = DQ(d)->cap, head = DQ(d)->head;
    for (size_t i = 0; i < n; i++)
        DECREF(DQ(d)->ring[(head + i) & (cap - 1)]);
    free(DQ(d)->ring);
    obj_free(d);
}

static ssize_t get_maxlen(obj_t *d) {
    ssize_t m;
    BEGIN_CRITICAL_SECTION(d);
    m = DQ(d)->maxlen;
    END_CRITICAL_SECTION();
    return m;
}

// A new deque of the same type and maxlen with d's items (deque.copy).
static obj_t *deque_copy_impl(obj_t *d) {
    ssize_t maxlen = get_maxlen(d);
    if (TYPE(d) == &deque_type) {
        obj_t *r = deque_tp_new(&deque_type, NULL, 0, NULL);
        if (!r) return NULL;
        DQ(r)->maxlen = maxlen;
        if (deque_extend_impl(r, d, false) < 0) {
            DECREF(r);
            return NULL;
        }
        return r;
    }
    if (maxlen < 0) return obj_call1((obj_t *)TYPE(d), d);
    obj_t *m = int_from_i64(maxlen);
    if (!m) return NULL;
    obj_t *r = obj_call2((obj_t *)TYPE(d), d, m);
    DECREF(m);
    return r;
}

// ---- methods -------------------------------------------------------------------------

static obj_t *m_append(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.append", nargs, kwnames, 1, 1) < 0) return NULL;
    if (deque_push(self, args[0], false) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_appendleft(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.appendleft", nargs, kwnames, 1, 1) < 0) return NULL;
    if (deque_push(self, args[0], true) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_extend(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.extend", nargs, kwnames, 1, 1) < 0) return NULL;
    if (deque_extend_impl(self, args[0], false) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_extendleft(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.extendleft", nargs, kwnames, 1, 1) < 0) return NULL;
    if (deque_extend_impl(self, args[0], true) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *deque_pop_impl(obj_t *self, bool left) {
    obj_t *v = NULL;
    BEGIN_CRITICAL_SECTION(self);
    if (LEN(self) > 0) {
        v = left ? take_left(self) : take_right(self);
        ring_maybe_shrink(self);
        DQ(self)->state++;
    }
    END_CRITICAL_SECTION();
    if (!v) err_set_str(exc_IndexError, "pop from an empty deque");
    return v;
}

static obj_t *m_pop(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.pop", nargs, kwnames, 0, 0) < 0) return NULL;
    return deque_pop_impl(self, false);
}

static obj_t *m_popleft(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.popleft", nargs, kwnames, 0, 0) < 0) return NULL;
    return deque_pop_impl(self, true);
}

static obj_t *m_clear(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.clear", nargs, kwnames, 0, 0) < 0) return NULL;
    deque_clear_internal(self);
    return NEWREF(None);
}

static obj_t *m_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    return deque_copy_impl(self);
}

static obj_t *m_dunder_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.__copy__", nargs, kwnames, 0, 0) < 0) return NULL;
    return deque_copy_impl(self);
}

static obj_t *m_rotate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("deque.rotate", kwnames) < 0 ||
        args_check("deque.rotate", nargs, NULL, 0, 1) < 0)
        return NULL;
    ssize_t k = 1;
    if (nargs == 1 && obj_ssize_arg(args[0], &k) < 0) return NULL;
    BEGIN_CRITICAL_SECTION(self);
    ssize_t n = (ssize_t)LEN(self);
    if (n > 1) {
        ssize_t r = k % n;
        if (r < 0) r += n;
        if (r) ring_rotate(self, (size_t)r);
        DQ(self)->state++; // as CPython: rotate fails iterators, reverse does not
    }
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static obj_t *m_reverse(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.reverse", nargs, kwnames, 0, 0) < 0) return NULL;
    BEGIN_CRITICAL_SECTION(self);
    size_t n = LEN(self);
    for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
        obj_t *t = *SLOT(self, i);
        *SLOT(self, i) = *SLOT(self, j);
        *SLOT(self, j) = t;
    }
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

// Item i as a new reference with the current state, or NULL when i is past
// the end.
static obj_t *item_at(obj_t *d, size_t i, uint64_t *state) {
    obj_t *v = NULL;
    BEGIN_CRITICAL_SECTION(d);
    if (i < LEN(d)) v = NEWREF(*SLOT(d, i));
    *state = DQ(d)->state;
    END_CRITICAL_SECTION();
    return v;
}

static uint64_t get_state(obj_t *d) {
    uint64_t s;
    BEGIN_CRITICAL_SECTION(d);
    s = DQ(d)->state;
    END_CRITICAL_SECTION();
    return s;
}

// Compares the items of d in [start, stop) with x in order.  Returns the
// first index equal to x (find_first) or the count of equal items; -1 not
// found (find_first), -2 on error.  `mutated` is the RuntimeError text.
static ssize_t scan_equal(obj_t *d, obj_t *x, size_t start, size_t stop, bool find_first,
                          type_t *mut_type, const char *mutated) {
    uint64_t state0 = get_state(d);
    ssize_t count = 0;
    for (size_t i = start; i < stop; i++) {
        uint64_t st;
        obj_t *item = item_at(d, i, &st);
        if (!item || st != state0) {
            XDECREF(item);
            err_set_str(mut_type, mutated);
            return -2;
        }
        int c = obj_richcompare_bool(item, x, CMP_EQ_OP);
        DECREF(item);
        if (c < 0) return -2;
        if (get_state(d) != state0) {
            err_set_str(mut_type, mutated);
            return -2;
        }
        if (c > 0) {
            if (find_first) return (ssize_t)i;
            count++;
        }
    }
    return find_first ? -1 : count;
}

static obj_t *m_count(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.count", nargs, kwnames, 1, 1) < 0) return NULL;
    ssize_t c = scan_equal(self, args[0], 0, LEN(self), false, exc_RuntimeError,
                           "deque mutated during iteration");
    return c < 0 ? NULL : int_from_i64(c);
}

static int deque_contains(obj_t *self, obj_t *x) {
    ssize_t c =
        scan_equal(self, x, 0, LEN(self), true, exc_RuntimeError, "deque mutated during iteration");
    return c == -2 ? -1 : c >= 0;
}

// A slice-style index argument (list.index's start/stop): CPython's
// _PyEval_SliceIndexNotNone.
static int slice_index(obj_t *v, ssize_t *out) {
    if (!INT_CHECK(v) && TYPE(v)->nb_index == NULL) {
        err_set_str(exc_TypeError, "slice indices must be integers or have an __index__ method");
        return -1;
    }
    obj_t *i = obj_index(v);
    if (!i) return -1;
    int64_t x;
    if (int_as_i64(i, &x) < 0) {
        err_clear();
        x = int_sign(i) < 0 ? INT64_MIN : INT64_MAX;
    }
    DECREF(i);
    *out = (ssize_t)x;
    return 0;
}

static obj_t *m_index(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("deque.index", kwnames) < 0) return NULL;
    if (nargs < 1 || nargs > 3) {
        err_format(exc_TypeError, "index() takes at %s (%zu given)",
                   nargs < 1 ? "least 1 argument" : "most 3 arguments", nargs);
        return NULL;
    }
    ssize_t n = (ssize_t)LEN(self), start = 0, stop = n;
    if (nargs > 1 && slice_index(args[1], &start) < 0) return NULL;
    if (nargs > 2 && slice_index(args[2], &stop) < 0) return NULL;
    if (start < 0) {
        start += n;
        if (start < 0) start = 0;
    }
    if (stop < 0) {
        stop += n;
        if (stop < 0) stop = 0;
    }
    if (stop > n) stop = n;
    if (start > stop) start = stop;
    ssize_t i = scan_equal(self, args[0], (size_t)start, (size_t)stop, true, exc_RuntimeError,
                           "deque mutated during iteration");
    if (i == -2) return NULL;
    if (i == -1) {
        err_format(exc_ValueError, "%R is not in deque", args[0]);
        return NULL;
    }
    return int_from_i64(i);
}

// Removes item i if the state is still `state`: 1 done, 0 state changed.
static int del_at(obj_t *d, size_t i, uint64_t state, bool check_state) {
    obj_t *old = NULL;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(d);
    size_t n = LEN(d);
    if ((!check_state || DQ(d)->state == state) && i < n) {
        old = *SLOT(d, i);
        if (i < n / 2) {
            for (size_t j = i; j > 0; j--)
                *SLOT(d, j) = *SLOT(d, j - 1);
            *SLOT(d, 0) = old;
            old = take_left(d);
        } else {
            for (size_t j = i; j + 1 < n; j++)
                *SLOT(d, j) = *SLOT(d, j + 1);
            *SLOT(d, n - 1) = old;
            old = take_right(d);
        }
        ring_maybe_shrink(d);
        DQ(d)->state++;
        rc = 1;
    }
    END_CRITICAL_SECTION();
    XDECREF(old);
    return rc;
}

static obj_t *m_remove(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.remove", nargs, kwnames, 1, 1) < 0) return NULL;
    uint64_t state0 = get_state(self);
    ssize_t i = scan_equal(self, args[0], 0, LEN(self), true, exc_IndexError,
                           "deque mutated during iteration");
    if (i == -2) return NULL;
    if (i == -1) {
        err_format(exc_ValueError, "%R is not in deque", args[0]);
        return NULL;
    }
    if (!del_at(self, (size_t)i, state0, true)) {
        err_set_str(exc_IndexError, "deque mutated during iteration");
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *m_insert(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("deque.insert", kwnames) < 0) return NULL;
    if (nargs != 2) {
        err_format(exc_TypeError, "insert() takes exactly 2 arguments (%zu given)", nargs);
        return NULL;
    }
    ssize_t where;
    if (obj_ssize_arg(args[0], &where) < 0) return NULL;
    int rc = 0; // 1 full
    obj_t *v = NEWREF(args[1]);
    BEGIN_CRITICAL_SECTION(self);
    ssize_t n = (ssize_t)LEN(self);
    if (DQ(self)->maxlen >= 0 && n >= DQ(self)->maxlen) {
        rc = 1;
    } else if (ring_reserve(self, (size_t)n + 1) < 0) {
        rc = -1;
    } else {
        if (where < 0) {
            where += n;
            if (where < 0) where = 0;
        }
        if (where > n) where = n;
        SET_LEN(self, (size_t)n + 1);
        for (ssize_t j = n; j > where; j--)
            *SLOT(self, (size_t)j) = *SLOT(self, (size_t)j - 1);
        *SLOT(self, (size_t)where) = v;
        DQ(self)->state++;
    }
    END_CRITICAL_SECTION();
    if (rc != 0) {
        DECREF(v);
        if (rc == 1) err_set_str(exc_IndexError, "deque already at its maximum size");
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *m_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    // The state is CPython's object.__getstate__(): the instance dict, or
    // None when it is missing or empty.
    obj_t *dict = obj_lookup_attr(self, str_intern("__dict__"));
    if (!dict) {
        if (err_occurred()) return NULL;
        dict = NEWREF(None);
    } else if (DICT_CHECK(dict) && dict_size(dict) == 0) {
        DECREF(dict);
        dict = NEWREF(None);
    }
    obj_t *it = obj_iter(self);
    obj_t *a = NULL, *r = NULL;
    if (!it) goto done;
    ssize_t maxlen = get_maxlen(self);
    obj_t *empty = tuple_new(0);
    if (!empty) goto done;
    if (maxlen < 0) {
        a = empty;
    } else {
        obj_t *m = int_from_i64(maxlen);
        a = m ? tuple_pack(2, empty, m) : NULL;
        XDECREF(m);
        DECREF(empty);
        if (!a) goto done;
    }
    r = tuple_pack(4, (obj_t *)TYPE(self), a, dict, it);
done:
    XDECREF(a);
    XDECREF(it);
    DECREF(dict);
    return r;
}

static obj_t *m_sizeof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.__sizeof__", nargs, kwnames, 0, 0) < 0) return NULL;
    size_t cap;
    BEGIN_CRITICAL_SECTION(self);
    cap = DQ(self)->cap;
    END_CRITICAL_SECTION();
    return int_from_i64((int64_t)(TYPE(self)->basicsize + cap * sizeof(obj_t *)));
}

static obj_t *deque_iter_new(type_t *type, obj_t *d, size_t index);

static obj_t *m_reversed(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deque.__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    return deque_iter_new(&deque_reviter_type, self, 0);
}

static obj_t *get_maxlen_attr(obj_t *self, void *closure) {
    ssize_t m = get_maxlen(self);
    return m < 0 ? NEWREF(None) : int_from_i64(m);
}

// ---- protocols -------------------------------------------------------------------------

static ssize_t deque_len(obj_t *d) {
    return (ssize_t)LEN(d);
}

// An index argument: an int (or __index__); "sequence index must be
// integer" otherwise.
static int index_arg(obj_t *key, ssize_t *out) {
    if (!INT_CHECK(key) && TYPE(key)->nb_index == NULL) {
        err_format(exc_TypeError, "sequence index must be integer, not '%s'", obj_type_name(key));
        return -1;
    }
    obj_t *i = obj_index(key);
    if (!i) return -1;
    int64_t x;
    int rc = int_as_i64(i, &x);
    DECREF(i);
    if (rc < 0) {
        err_clear();
        err_format(exc_IndexError, "cannot fit '%s' into an index-sized integer",
                   obj_type_name(key));
        return -1;
    }
    *out = (ssize_t)x;
    return 0;
}

static obj_t *deque_getitem(obj_t *d, obj_t *key) {
    ssize_t i;
    if (index_arg(key, &i) < 0) return NULL;
    obj_t *v = NULL;
    BEGIN_CRITICAL_SECTION(d);
    ssize_t n = (ssize_t)LEN(d);
    if (i < 0) i += n;
    if (i >= 0 && i < n) v = NEWREF(*SLOT(d, (size_t)i));
    END_CRITICAL_SECTION();
    if (!v) err_set_str(exc_IndexError, "deque index out of range");
    return v;
}

static int deque_setitem(obj_t *d, obj_t *key, obj_t *value) {
    ssize_t i;
    if (index_arg(key, &i) < 0) return -1;
    if (!value) {
        bool ok = false;
        BEGIN_CRITICAL_SECTION(d);
        ssize_t n = (ssize_t)LEN(d);
        if (i < 0) i += n;
        ok = i >= 0 && i < n;
        END_CRITICAL_SECTION();
        // del_at re-checks the index under its own section.
        if (!ok || !del_at(d, (size_t)i, 0, false)) {
            err_set_str(exc_IndexError, "deque index out of range");
            return -1;
        }
        return 0;
    }
    obj_t *old = NULL;
    INCREF(value);
    BEGIN_CRITICAL_SECTION(d);
    ssize_t n = (ssize_t)LEN(d);
    if (i < 0) i += n;
    if (i >= 0 && i < n) {
        old = *SLOT(d, (size_t)i);
        *SLOT(d, (size_t)i) = value;
    }
    END_CRITICAL_SECTION();
    if (!old) {
        DECREF(value);
        err_set_str(exc_IndexError, "deque index out of range");
        return -1;
    }
    DECREF(old);
    return 0;
}

static const char *short_type_name(obj_t *v) {
    const char *n = obj_type_name(v), *dot = strrchr(n, '.');
    return dot ? dot + 1 : n;
}

static obj_t *deque_repr(obj_t *d) {
    int rc = repr_enter(d);
    if (rc != 0) return rc > 0 ? str_from_cstr("[...]") : NULL;
    obj_t *t = deque_as_tuple(d), *l = NULL, *lr = NULL, *r = NULL;
    if (!t) goto done;
    l = list_from_array(TUPLE_ITEMS(t), TUPLE_SIZE(t));
    if (!l) goto done;
    lr = obj_repr(l);
    if (!lr) goto done;
    ssize_t maxlen = get_maxlen(d);
    if (maxlen < 0)
        r = str_from_format("%s(%U)", short_type_name(d), lr);
    else
        r = str_from_format("%s(%U, maxlen=%zd)", short_type_name(d), lr, maxlen);
done:
    XDECREF(t);
    XDECREF(l);
    XDECREF(lr);
    repr_leave(d);
    return r;
}

static obj_t *deque_richcompare(obj_t *a, obj_t *b, int op) {
    if (!deque_check(a) || !deque_check(b)) return NEWREF(NotImplemented);
    obj_t *ta = deque_as_tuple(a);
    if (!ta) return NULL;
    obj_t *tb = deque_as_tuple(b);
    if (!tb) {
        DECREF(ta);
        return NULL;
    }
    obj_t *r = obj_richcompare(ta, tb, op);
    DECREF(ta);
    DECREF(tb);
    return r;
}

static obj_t *deque_concat(obj_t *a, obj_t *b) {
    if (!deque_check(a)) return NEWREF(NotImplemented);
    if (!deque_check(b)) {
        err_format(exc_TypeError, "can only concatenate deque (not \"%s\") to deque",
                   obj_type_name(b));
        return NULL;
    }
    obj_t *r = deque_copy_impl(a);
    if (!r) return NULL;
    if (deque_extend_impl(r, b, false) < 0) {
        DECREF(r);
        return NULL;
    }
    return r;
}

static obj_t *deque_inplace_concat(obj_t *a, obj_t *b) {
    if (deque_extend_impl(a, b, false) < 0) return NULL;
    return NEWREF(a);
}

// d *= n in place.
static int repeat_in_place(obj_t *d, ssize_t n) {
    if (n <= 0) {
        deque_clear_internal(d);
        return 0;
    }
    if (n == 1) return 0;
    obj_t *t = deque_as_tuple(d);
    if (!t) return -1;
    size_t m = TUPLE_SIZE(t), total;
    ssize_t maxlen = get_maxlen(d);
    int rc = 0;
    if (m && (__builtin_mul_overflow(m, (size_t)n, &total) ||
              (maxlen < 0 && obj_alloc_too_big(total * sizeof(obj_t *))))) {
        err_no_memory();
        rc = -1;
    } else if (m) {
        // Past maxlen only the last maxlen items matter.
        size_t reps = (size_t)n - 1;
        if (maxlen >= 0) {
            size_t need = ((size_t)maxlen + m - 1) / m + 1;
            if (reps > need) reps = need;
        }
        for (size_t k = 0; k < reps && rc == 0; k++)
            for (size_t i = 0; i < m && rc == 0; i++)
                rc = deque_push(d, TUPLE_GET(t, i), false);
    }
    DECREF(t);
    return rc;
}

static int repeat_count(obj_t *v, ssize_t *n) {
    if (!INT_CHECK(v) && TYPE(v)->nb_index == NULL) {
        err_format(exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                   obj_type_name(v));
        return -1;
    }
    return obj_ssize_arg(v, n);
}

static obj_t *deque_repeat(obj_t *a, obj_t *b) {
    obj_t *d = deque_check(a) ? a : b, *cnt = d == a ? b : a;
    ssize_t n;
    if (repeat_count(cnt, &n) < 0) return NULL;
    obj_t *r = deque_copy_impl(d);
    if (!r) return NULL;
    if (repeat_in_place(r, n) < 0) {
        DECREF(r);
        return NULL;
    }
    return r;
}

static obj_t *deque_inplace_repeat(obj_t *a, obj_t *b) {
    ssize_t n;
    if (repeat_count(b, &n) < 0) return NULL;
    if (repeat_in_place(a, n) < 0) return NULL;
    return NEWREF(a);
}

static obj_t *deque_iter(obj_t *d) {
    return deque_iter_new(&deque_iter_type, d, 0);
}

static const method_def_t deque_methods[] = {
    {"append", m_append, METH_DEFAULT, NULL},
    {"appendleft", m_appendleft, METH_DEFAULT, NULL},
    {"clear", m_clear, METH_DEFAULT, NULL},
    {"copy", m_copy, METH_DEFAULT, NULL},
    {"__copy__", m_dunder_copy, METH_DEFAULT, NULL},
    {"count", m_count, METH_DEFAULT, NULL},
    {"extend", m_extend, METH_DEFAULT, NULL},
    {"extendleft", m_extendleft, METH_DEFAULT, NULL},
    {"index", m_index, METH_DEFAULT, NULL},
    {"insert", m_insert, METH_DEFAULT, NULL},
    {"pop", m_pop, METH_DEFAULT, NULL},
    {"popleft", m_popleft, METH_DEFAULT, NULL},
    {"remove", m_remove, METH_DEFAULT, NULL},
    {"reverse", m_reverse, METH_DEFAULT, NULL},
    {"rotate", m_rotate, METH_DEFAULT, NULL},
    {"__reduce__", m_reduce, METH_DEFAULT, NULL},
    {"__reversed__", m_reversed, METH_DEFAULT, NULL},
    {"__sizeof__", m_sizeof, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static const getset_def_t deque_getsets[] = {
    {"maxlen", get_maxlen_attr, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

// ---- the cycle collector (gc/gc.h) ------------------------------------------------------

// In the collector's pause: no thread is inside the deque's section.
static int deque_traverse(obj_t *d, visitproc visit, void *arg) {
    size_t n = LEN(d), cap = DQ(d)->cap, head = DQ(d)->head;
    for (size_t i = 0; i < n; i++) {
        int r = visit(DQ(d)->ring[(head + i) & (cap - 1)], arg);
        if (r) return r;
    }
    return 0;
}

static int deque_gc_clear(obj_t *d) {
    deque_clear_internal(d);
    return 0;
}

type_t deque_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "collections.deque",
    .basicsize = sizeof(deque_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = deque_dealloc,
    .traverse = deque_traverse,
    .clear = deque_gc_clear,
    .repr = deque_repr,
    .hash = hash_not_implemented,
    .richcompare = deque_richcompare,
    .iter = deque_iter,
    .len = deque_len,
    .getitem = deque_getitem,
    .setitem = deque_setitem,
    .contains = deque_contains,
    .nb = {[BINOP_ADD] = deque_concat, [BINOP_MUL] = deque_repeat},
    .nb_inplace = {[BINOP_ADD] = deque_inplace_concat, [BINOP_MUL] = deque_inplace_repeat},
    .tp_new = deque_tp_new,
    .tp_init = deque_tp_init,
    .methods = deque_methods,
    .getsets = deque_getsets,
    .doc = "A list-like sequence optimized for data accesses near its endpoints.",
};

// ---- iterators ----------------------------------------------------------------------------
//
// `index` counts items produced, `counter` items left, `state` the deque's
// state at creation; all three are read and written in the deque's section.

typedef struct {
    obj_t ob;
    obj_t *deque;
    size_t index, counter;
    uint64_t state;
} dequeiter_t;

static obj_t *deque_iter_new(type_t *type, obj_t *d, size_t index) {
    dequeiter_t *it = (dequeiter_t *)obj_alloc(type, sizeof(dequeiter_t));
    if (!it) return NULL;
    it->deque = NEWREF(d);
    BEGIN_CRITICAL_SECTION(d);
    size_t n = LEN(d);
    it->state = DQ(d)->state;
    it->index = index < n ? index : n;
    it->counter = n - it->index;
    END_CRITICAL_SECTION();
    return (obj_t *)it;
}

static obj_t *dequeiter_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check(type->name, nargs, kwnames, 1, 2) < 0) return NULL;
    if (!deque_check(args[0])) {
        err_format(exc_TypeError, "%s() argument 1 must be collections.deque, not %s", type->name,
                   obj_type_name(args[0]));
        return NULL;
    }
    ssize_t index = 0;
    if (nargs > 1 && obj_ssize_arg(args[1], &index) < 0) return NULL;
    return deque_iter_new(type, args[0], index < 0 ? 0 : (size_t)index);
}

static void dequeiter_dealloc(obj_t *o) {
    DECREF(((dequeiter_t *)o)->deque);
    obj_free(o);
}

static obj_t *dequeiter_self(obj_t *o) {
    return NEWREF(o);
}

static obj_t *dequeiter_step(obj_t *o, bool reverse) {
    dequeiter_t *it = (dequeiter_t *)o;
    obj_t *d = it->deque, *v = NULL;
    bool mutated = false;
    BEGIN_CRITICAL_SECTION(d);
    if (it->state != DQ(d)->state) {
        mutated = true;
        it->counter = 0;
    } else if (it->counter > 0) {
        size_t n = LEN(d);
        v = NEWREF(*SLOT(d, reverse ? n - 1 - it->index : it->index));
        it->index++;
        it->counter--;
    }
    END_CRITICAL_SECTION();
    if (mutated) err_set_str(exc_RuntimeError, "deque mutated during iteration");
    return v;
}

static obj_t *dequeiter_next(obj_t *o) {
    return dequeiter_step(o, false);
}

static obj_t *dequereviter_next(obj_t *o) {
    return dequeiter_step(o, true);
}

static obj_t *dequeiter_length_hint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    dequeiter_t *it = (dequeiter_t *)self;
    size_t c;
    BEGIN_CRITICAL_SECTION(it->deque);
    c = it->counter;
    END_CRITICAL_SECTION();
    return int_from_i64((int64_t)c);
}

static obj_t *dequeiter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    dequeiter_t *it = (dequeiter_t *)self;
    size_t pos;
    BEGIN_CRITICAL_SECTION(it->deque);
    pos = LEN(it->deque) - it->counter;
    END_CRITICAL_SECTION();
    obj_t *p = int_from_i64((int64_t)pos);
    if (!p) return NULL;
    obj_t *a = tuple_pack(2, it->deque, p);
    DECREF(p);
    if (!a) return NULL;
    obj_t *r = tuple_pack(2, (obj_t *)TYPE(self), a);
    DECREF(a);
    return r;
}

static const method_def_t dequeiter_methods[] = {
    {"__length_hint__", dequeiter_length_hint, METH_DEFAULT, NULL},
    {"__reduce__", dequeiter_reduce, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static int dequeiter_traverse(obj_t *o, visitproc visit, void *arg) {
    return visit(((dequeiter_t *)o)->deque, arg);
}

type_t deque_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_collections._deque_iterator",
    .basicsize = sizeof(dequeiter_t),
    .base = &object_type,
    .dealloc = dequeiter_dealloc,
    .traverse = dequeiter_traverse,
    .iter = dequeiter_self,
    .iternext = dequeiter_next,
    .tp_new = dequeiter_tp_new,
    .methods = dequeiter_methods,
};

type_t deque_reviter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_collections._deque_reverse_iterator",
    .basicsize = sizeof(dequeiter_t),
    .base = &object_type,
    .dealloc = dequeiter_dealloc,
    .traverse = dequeiter_traverse,
    .iter = dequeiter_self,
    .iternext = dequereviter_next,
    .tp_new = dequeiter_tp_new,
    .methods = dequeiter_methods,
};
