/*
 * objects/range.c — range and its iterators.
 *
 * A range stores start, stop, step and its length as int values (tagged
 * small ints normally, big ints when needed), computed once at creation,
 * so len(), indexing, slicing (which returns a range), `in` for ints and
 * index()/count() are O(1).  Iteration uses range_iterator over int64 when
 * start, step and length fit (values are computed with wrapping unsigned
 * arithmetic, as CPython's does), and longrange_iterator over int objects
 * otherwise.  Ranges are immutable: no critical sections.
 */
#define PVM_CONTAINERS_IMPL 1
#include "containers_internal.h"

#include "../core/error.h"
#include "../threads/critical.h"
#include "exceptions.h"
#include "int.h"
#include "range.h"
#include "str.h"
#include "tuple.h"

extern type_t range_iter_type, longrange_iter_type;

#define R(o) ((range_t *)(o))

static obj_t *iop(obj_t *a, obj_t *b, binop_t op) {
    return int_binop(a, b, op);
}

static bool all_small(obj_t *a, obj_t *b, obj_t *c) {
    return IS_SMALLINT(a) && IS_SMALLINT(b) && IS_SMALLINT(c);
}

static obj_t *int_from_i128(__int128 v) {
    if (v >= INT64_MIN && v <= INT64_MAX) return int_from_i64((int64_t)v);
    // Rare: build it from two halves.
    bool neg = v < 0;
    unsigned __int128 u = neg ? (unsigned __int128)(-v) : (unsigned __int128)v;
    mpz_t z;
    mpz_init(z);
    mpz_set_ui(z, (unsigned long)(uint64_t)(u >> 64));
    mpz_mul_2exp(z, z, 64);
    mpz_add_ui(z, z, (unsigned long)(uint64_t)u);
    if (neg) mpz_neg(z, z);
    obj_t *r = int_from_mpz(z);
    mpz_clear(z);
    return r;
}

// Number of items of range(start, stop, step); step != 0.
static obj_t *compute_range_length(obj_t *start, obj_t *stop, obj_t *step) {
    if (all_small(start, stop, step)) {
        __int128 lo = SMALLINT_VALUE(start), hi = SMALLINT_VALUE(stop), st = SMALLINT_VALUE(step);
        if (st < 0) {
            __int128 t = lo;
            lo = hi;
            hi = t;
            st = -st;
        }
        if (lo >= hi) return SMALLINT_FROM(0);
        return int_from_i128((hi - lo - 1) / st + 1);
    }
    obj_t *lo, *hi, *st;
    if (int_sign(step) > 0) {
        lo = start;
        hi = stop;
        st = NEWREF(step);
    } else {
        lo = stop;
        hi = start;
        st = iop(SMALLINT_FROM(0), step, BINOP_SUB);
        if (!st) return NULL;
    }
    if (int_cmp(lo, hi) >= 0) {
        DECREF(st);
        return SMALLINT_FROM(0);
    }
    obj_t *diff = iop(hi, lo, BINOP_SUB);
    obj_t *r = NULL;
    if (diff) {
        obj_t *d1 = iop(diff, SMALLINT_FROM(1), BINOP_SUB);
        if (d1) {
            obj_t *q = iop(d1, st, BINOP_FLOORDIV);
            if (q) {
                r = iop(q, SMALLINT_FROM(1), BINOP_ADD);
                DECREF(q);
            }
            DECREF(d1);
        }
        DECREF(diff);
    }
    DECREF(st);
    return r;
}

// Steals start, stop, step.
static obj_t *make_range(obj_t *start, obj_t *stop, obj_t *step) {
    obj_t *length = compute_range_length(start, stop, step);
    if (!length) {
        DECREF(start);
        DECREF(stop);
        DECREF(step);
        return NULL;
    }
    range_t *r = (range_t *)obj_alloc(&range_type, sizeof(range_t));
    if (!r) {
        DECREF(start);
        DECREF(stop);
        DECREF(step);
        DECREF(length);
        return NULL;
    }
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = length;
    return (obj_t *)r;
}

PVM_WUR obj_t *range_new_i64(int64_t start, int64_t stop, int64_t step) {
    if (step == 0) {
        err_set_str(exc_ValueError, "range() arg 3 must not be zero");
        return NULL;
    }
    obj_t *a = int_from_i64(start), *b = int_from_i64(stop), *c = int_from_i64(step);
    if (!a || !b || !c) {
        XDECREF(a);
        XDECREF(b);
        XDECREF(c);
        return NULL;
    }
    return make_range(a, b, c);
}

static obj_t *range_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("range", kwnames) < 0 || cont_check_positional("range", nargs, 1, 3) < 0)
        return NULL;
    obj_t *v[3] = {NULL, NULL, NULL};
    for (size_t i = 0; i < nargs; i++) {
        v[i] = obj_index(args[i]);
        if (!v[i]) goto error;
    }
    if (nargs == 1) return make_range(SMALLINT_FROM(0), v[0], SMALLINT_FROM(1));
    if (nargs == 2) return make_range(v[0], v[1], SMALLINT_FROM(1));
    if (int_sign(v[2]) == 0) {
        err_set_str(exc_ValueError, "range() arg 3 must not be zero");
        goto error;
    }
    return make_range(v[0], v[1], v[2]);
error:
    for (int i = 0; i < 3; i++)
        XDECREF(v[i]);
    return NULL;
}

static void range_dealloc(obj_t *o) {
    range_t *r = R(o);
    DECREF(r->start);
    DECREF(r->stop);
    DECREF(r->step);
    DECREF(r->length);
    obj_free(o);
}

static ssize_t range_length(obj_t *o) {
    obj_t *len = R(o)->length;
    if (IS_SMALLINT(len)) return (ssize_t)SMALLINT_VALUE(len);
    int64_t n;
    if (int_as_i64(len, &n) < 0) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return (ssize_t)n;
}

static int range_bool(obj_t *o) {
    return int_sign(R(o)->length) != 0;
}

// start + i * step
static obj_t *compute_item(range_t *r, obj_t *i) {
    if (all_small(r->start, r->step, i))
        return int_from_i128((__int128)SMALLINT_VALUE(r->start) +
                             (__int128)SMALLINT_VALUE(i) * SMALLINT_VALUE(r->step));
    obj_t *m = iop(i, r->step, BINOP_MUL);
    if (!m) return NULL;
    obj_t *res = iop(r->start, m, BINOP_ADD);
    DECREF(m);
    return res;
}

static obj_t *range_subscript(obj_t *o, obj_t *key) {
    range_t *r = R(o);
    if (SLICE_CHECK(key)) {
        obj_t *start, *stop, *step;
        if (slice_get_long_indices(key, r->length, &start, &stop, &step) < 0) return NULL;
        obj_t *substep = iop(r->step, step, BINOP_MUL);
        obj_t *substart = substep ? compute_item(r, start) : NULL;
        obj_t *substop = substart ? compute_item(r, stop) : NULL;
        DECREF(start);
        DECREF(stop);
        DECREF(step);
        if (!substop) {
            XDECREF(substep);
            XDECREF(substart);
            return NULL;
        }
        return make_range(substart, substop, substep);
    }
    if (!cont_has_index(key)) {
        err_format(exc_TypeError, "range indices must be integers or slices, not %T", key);
        return NULL;
    }
    obj_t *i = obj_index(key);
    if (!i) return NULL;
    if (int_sign(i) < 0) {
        obj_t *t = iop(i, r->length, BINOP_ADD);
        DECREF(i);
        if (!t) return NULL;
        i = t;
    }
    if (int_sign(i) < 0 || int_cmp(i, r->length) >= 0) {
        DECREF(i);
        err_set_str(exc_IndexError, "range object index out of range");
        return NULL;
    }
    obj_t *res = compute_item(r, i);
    DECREF(i);
    return res;
}

static bool is_exact_int(obj_t *v) {
    return IS_SMALLINT(v) || TYPE(v) == &int_type || TYPE(v) == &bool_type;
}

// 1 if the int ob is in r.
static int range_contains_long(range_t *r, obj_t *ob) {
    int c2, c3;
    if (int_sign(r->step) > 0) {
        c2 = int_cmp(r->start, ob) <= 0;
        c3 = int_cmp(ob, r->stop) < 0;
    } else {
        c2 = int_cmp(ob, r->start) <= 0;
        c3 = int_cmp(r->stop, ob) < 0;
    }
    if (!c2 || !c3) return 0;
    obj_t *t1 = iop(ob, r->start, BINOP_SUB);
    if (!t1) return -1;
    obj_t *t2 = iop(t1, r->step, BINOP_MOD);
    DECREF(t1);
    if (!t2) return -1;
    int res = int_sign(t2) == 0;
    DECREF(t2);
    return res;
}

static int range_contains(obj_t *o, obj_t *ob) {
    if (is_exact_int(ob)) return range_contains_long(R(o), ob);
    return (int)cont_iter_search(o, ob, CONT_SEARCH_CONTAINS);
}

static obj_t *range_count(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("range.count", nargs, kwnames, 1, 1) < 0) return NULL;
    if (is_exact_int(args[0])) {
        int r = range_contains_long(R(self), args[0]);
        return r < 0 ? NULL : SMALLINT_FROM(r);
    }
    ssize_t n = cont_iter_search(self, args[0], CONT_SEARCH_COUNT);
    return n < 0 ? NULL : int_from_i64(n);
}

static obj_t *range_index(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("range.index", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *ob = args[0];
    if (!is_exact_int(ob)) {
        ssize_t n = cont_iter_search(self, ob, CONT_SEARCH_INDEX);
        return n < 0 ? NULL : int_from_i64(n);
    }
    int c = range_contains_long(R(self), ob);
    if (c < 0) return NULL;
    if (!c) {
        err_format(exc_ValueError, "%R is not in range", ob);
        return NULL;
    }
    obj_t *idx = iop(ob, R(self)->start, BINOP_SUB);
    if (!idx) return NULL;
    obj_t *res = iop(idx, R(self)->step, BINOP_FLOORDIV);
    DECREF(idx);
    return res;
}

static int range_equals(range_t *a, range_t *b) {
    if (a == b) return 1;
    if (int_cmp(a->length, b->length) != 0) return 0;
    if (int_sign(a->length) == 0) return 1;
    if (int_cmp(a->start, b->start) != 0) return 0;
    if (int_cmp(a->length, SMALLINT_FROM(1)) == 0) return 1;
    return int_cmp(a->step, b->step) == 0;
}

static obj_t *range_richcompare(obj_t *a, obj_t *b, int op) {
    if (!OBJ_IS_TYPE(b, &range_type) || (op != CMP_EQ_OP && op != CMP_NE_OP))
        return NEWREF(NotImplemented);
    int eq = range_equals(R(a), R(b));
    return NEWREF(bool_from(op == CMP_EQ_OP ? eq : !eq));
}

static hash_t range_hash(obj_t *o) {
    range_t *r = R(o);
    obj_t *t;
    if (int_sign(r->length) == 0)
        t = tuple_pack(3, r->length, None, None);
    else if (int_cmp(r->length, SMALLINT_FROM(1)) == 0)
        t = tuple_pack(3, r->length, r->start, None);
    else
        t = tuple_pack(3, r->length, r->start, r->step);
    if (!t) return -1;
    hash_t h = obj_hash(t);
    DECREF(t);
    return h;
}

static obj_t *range_repr(obj_t *o) {
    range_t *r = R(o);
    if (IS_SMALLINT(r->step) && SMALLINT_VALUE(r->step) == 1)
        return str_from_format("range(%R, %R)", r->start, r->stop);
    return str_from_format("range(%R, %R, %R)", r->start, r->stop, r->step);
}

// ---- iterators -----------------------------------------------------------------------

typedef struct {
    obj_t ob;
    int64_t start, step, len;
    _Atomic int64_t index;
} rangeiter_t;

typedef struct {
    obj_t ob;
    obj_t *start, *step, *len;
    obj_t *index; // guarded by the iterator's critical section
} longrangeiter_t;

static bool fits_i64(obj_t *v, int64_t *out) {
    if (IS_SMALLINT(v)) {
        *out = SMALLINT_VALUE(v);
        return true;
    }
    if (int_as_i64(v, out) == 0) return true;
    err_clear();
    return false;
}

static obj_t *make_range_iter(obj_t *start, obj_t *step, obj_t *len) {
    int64_t s, st, n;
    if (cont_ready(&range_iter_type) < 0 || cont_ready(&longrange_iter_type) < 0) return NULL;
    // The int64 iterator needs every produced value (monotonic between start
    // and the last one) to fit.
    if (fits_i64(start, &s) && fits_i64(step, &st) && fits_i64(len, &n) &&
        (n == 0 || ((__int128)s + (__int128)(n - 1) * st >= INT64_MIN &&
                    (__int128)s + (__int128)(n - 1) * st <= INT64_MAX))) {
        rangeiter_t *it = (rangeiter_t *)obj_alloc(&range_iter_type, sizeof(rangeiter_t));
        if (!it) return NULL;
        it->start = s;
        it->step = st;
        it->len = n;
        return (obj_t *)it;
    }
    longrangeiter_t *it =
        (longrangeiter_t *)obj_alloc(&longrange_iter_type, sizeof(longrangeiter_t));
    if (!it) return NULL;
    it->start = NEWREF(start);
    it->step = NEWREF(step);
    it->len = NEWREF(len);
    it->index = SMALLINT_FROM(0);
    return (obj_t *)it;
}

static obj_t *range_iter(obj_t *o) {
    range_t *r = R(o);
    return make_range_iter(r->start, r->step, r->length);
}

static obj_t *range_reversed(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("range.__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    range_t *r = R(self);
    // reversed(range(start, stop, step)) = range(start+(n-1)*step, start-step, -step)
    obj_t *nm1 = iop(r->length, SMALLINT_FROM(1), BINOP_SUB);
    if (!nm1) return NULL;
    obj_t *last = compute_item(r, nm1);
    DECREF(nm1);
    if (!last) return NULL;
    obj_t *negstep = iop(SMALLINT_FROM(0), r->step, BINOP_SUB);
    if (!negstep) {
        DECREF(last);
        return NULL;
    }
    obj_t *it = make_range_iter(last, negstep, r->length);
    DECREF(last);
    DECREF(negstep);
    return it;
}

static obj_t *rangeiter_next(obj_t *o) {
    rangeiter_t *it = (rangeiter_t *)o;
    // Threads sharing the iterator each claim their position (CAS), so
    // every value is produced once.
    int64_t i = atomic_load_explicit(&it->index, memory_order_relaxed);
    do {
        if (i >= it->len) return NULL;
    } while (!atomic_compare_exchange_weak_explicit(&it->index, &i, i + 1, memory_order_relaxed,
                                                    memory_order_relaxed));
    int64_t v = (int64_t)((uint64_t)it->start + (uint64_t)i * (uint64_t)it->step);
    if (SMALLINT_FITS(v)) return SMALLINT_FROM(v);
    return int_from_i64(v);
}

static obj_t *rangeiter_length_hint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    rangeiter_t *it = (rangeiter_t *)self;
    int64_t i = atomic_load_explicit(&it->index, memory_order_relaxed);
    return int_from_i64(i < it->len ? it->len - i : 0);
}

static obj_t *longrangeiter_next(obj_t *o) {
    longrangeiter_t *it = (longrangeiter_t *)o;
    obj_t *res = NULL;
    obj_t *idx = NULL;
    BEGIN_CRITICAL_SECTION(o);
    if (int_cmp(it->index, it->len) < 0) {
        idx = NEWREF(it->index);
        obj_t *next = iop(it->index, SMALLINT_FROM(1), BINOP_ADD);
        if (next)
            SETREF(it->index, next);
        else
            CLEAR(idx);
    }
    END_CRITICAL_SECTION();
    if (!idx) return NULL;
    obj_t *m = iop(idx, it->step, BINOP_MUL);
    DECREF(idx);
    if (m) {
        res = iop(it->start, m, BINOP_ADD);
        DECREF(m);
    }
    return res;
}

static obj_t *longrangeiter_length_hint(obj_t *self, obj_t *const *args, size_t nargs,
                                        obj_t *kwnames) {
    longrangeiter_t *it = (longrangeiter_t *)self;
    obj_t *r;
    BEGIN_CRITICAL_SECTION(self);
    r = iop(it->len, it->index, BINOP_SUB);
    END_CRITICAL_SECTION();
    return r;
}

static void longrangeiter_dealloc(obj_t *o) {
    longrangeiter_t *it = (longrangeiter_t *)o;
    DECREF(it->start);
    DECREF(it->step);
    DECREF(it->len);
    DECREF(it->index);
    obj_free(o);
}

// __reduce__ of both iterators, CPython 3.11's shape: (iter, (range(start,
// start + len * step, step),), index).  Borrowed ints in, new tuple out.
static obj_t *rangeiter_reduce_parts(obj_t *start, obj_t *step, obj_t *len, obj_t *index) {
    obj_t *span = iop(len, step, BINOP_MUL), *stop = NULL, *rng = NULL, *r = NULL;
    if (span) stop = iop(start, span, BINOP_ADD);
    if (stop) {
        obj_t *bounds[3] = {start, stop, step};
        rng = obj_call((obj_t *)&range_type, bounds, 3, NULL);
    }
    if (rng) {
        obj_t *args = tuple_pack(1, rng);
        if (args) r = iter_reduce_builtin("iter", args, index);
        XDECREF(args);
    }
    XDECREF(span);
    XDECREF(stop);
    XDECREF(rng);
    return r;
}

static obj_t *rangeiter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    rangeiter_t *it = (rangeiter_t *)self;
    obj_t *start = int_from_i64(it->start), *step = int_from_i64(it->step);
    obj_t *len = int_from_i64(it->len);
    obj_t *index = int_from_i64(atomic_load_explicit(&it->index, memory_order_relaxed));
    obj_t *r =
        start && step && len && index ? rangeiter_reduce_parts(start, step, len, index) : NULL;
    XDECREF(start);
    XDECREF(step);
    XDECREF(len);
    XDECREF(index);
    return r;
}

static obj_t *rangeiter_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    rangeiter_t *it = (rangeiter_t *)self;
    ssize_t i;
    if (iter_setstate_index(args[0], 0, (ssize_t)it->len, &i) < 0) return NULL;
    atomic_store_explicit(&it->index, (int64_t)i, memory_order_relaxed);
    return NEWREF(None);
}

static obj_t *longrangeiter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    longrangeiter_t *it = (longrangeiter_t *)self;
    obj_t *index;
    BEGIN_CRITICAL_SECTION(self);
    index = NEWREF(it->index);
    END_CRITICAL_SECTION();
    obj_t *r = rangeiter_reduce_parts(it->start, it->step, it->len, index);
    DECREF(index);
    return r;
}

// The new position clamped to [0, len], as CPython's longrangeiter_setstate.
static obj_t *longrangeiter_setstate(obj_t *self, obj_t *const *args, size_t nargs,
                                     obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    longrangeiter_t *it = (longrangeiter_t *)self;
    obj_t *state = args[0];
    if (!INT_CHECK(state)) {
        err_set_str(exc_TypeError, "an integer is required");
        return NULL;
    }
    if (int_cmp(state, SMALLINT_FROM(0)) < 0)
        state = SMALLINT_FROM(0);
    else if (int_cmp(state, it->len) > 0)
        state = it->len;
    BEGIN_CRITICAL_SECTION(self);
    SETREF(it->index, NEWREF(state));
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static const method_def_t rangeiter_methods[] = {
    {"__length_hint__", rangeiter_length_hint, METH_DEFAULT, NULL},
    {"__reduce__", rangeiter_reduce, METH_DEFAULT, NULL},
    {"__setstate__", rangeiter_setstate, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static const method_def_t longrangeiter_methods[] = {
    {"__length_hint__", longrangeiter_length_hint, METH_DEFAULT, NULL},
    {"__reduce__", longrangeiter_reduce, METH_DEFAULT, NULL},
    {"__setstate__", longrangeiter_setstate, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static void rangeiter_dealloc(obj_t *o) {
    obj_free(o);
}

type_t range_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "range_iterator",
    .basicsize = sizeof(rangeiter_t),
    .base = &object_type,
    .dealloc = rangeiter_dealloc,
    .iter = cont_iter_self,
    .iternext = rangeiter_next,
    .methods = rangeiter_methods,
};

type_t longrange_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "longrange_iterator",
    .basicsize = sizeof(longrangeiter_t),
    .base = &object_type,
    .dealloc = longrangeiter_dealloc,
    .iter = cont_iter_self,
    .iternext = longrangeiter_next,
    .methods = longrangeiter_methods,
};

// __reduce__ ignores its positional arguments, as CPython's does.
static obj_t *range_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)args;
    (void)nargs;
    if (args_no_kw("range.__reduce__", kwnames) < 0) return NULL;
    range_t *r = (range_t *)self;
    obj_t *bounds = tuple_pack(3, r->start, r->stop, r->step);
    if (bounds == NULL) return NULL;
    obj_t *res = tuple_pack(2, (obj_t *)&range_type, bounds);
    DECREF(bounds);
    return res;
}

static const method_def_t range_methods[] = {
    {"count", range_count, METH_DEFAULT, NULL},
    {"index", range_index, METH_DEFAULT, NULL},
    {"__reversed__", range_reversed, METH_DEFAULT, NULL},
    {"__reduce__", range_reduce, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static const member_def_t range_members[] = {
    {"start", MEMBER_OBJECT, offsetof(range_t, start), true},
    {"stop", MEMBER_OBJECT, offsetof(range_t, stop), true},
    {"step", MEMBER_OBJECT, offsetof(range_t, step), true},
    {NULL, 0, 0, false},
};

type_t range_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "range",
    .basicsize = sizeof(range_t),
    .base = &object_type,
    .dealloc = range_dealloc,
    .repr = range_repr,
    .hash = range_hash,
    .richcompare = range_richcompare,
    .iter = range_iter,
    .len = range_length,
    .getitem = range_subscript,
    .contains = range_contains,
    .nb_bool = range_bool,
    .tp_new = range_tp_new,
    .methods = range_methods,
    .members = range_members,
};
