/*
 * objects/tuple.c — tuple: immutable array of values stored inline, and its
 * iterator.
 *
 * Invariants: a tuple's items never change once it is visible to anyone but
 * its creator (TUPLE_SET is only for filling a fresh tuple), so tuples need
 * no critical sections.  The empty tuple is one immortal static object; every
 * constructor returns it for size 0.  The hash is cached in `hash` (-1 = not
 * computed yet; racing threads compute the same value).  The hash algorithm
 * is CPython 3.11's xxHash-based tuplehash, so hash((1, 2)) matches CPython.
 *
 * Subclass instances (heap types) are allocated with
 * type->basicsize + size * sizeof(obj_t *) bytes; items stay at
 * offsetof(tuple_t, items).
 */
#define PVM_CONTAINERS_IMPL 1
#include "../gc/gc.h"
#include "containers_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "exceptions.h"
#include "int.h"
#include "list.h"
#include "range.h"
#include "str.h"
#include "tuple.h"
#include "type.h"

static tuple_t empty_tuple = {
    .ob = OBJ_HEAD_INIT(&tuple_type),
    .hash = -1,
    .size = 0,
};

PVM_WUR obj_t *tuple_new(size_t size) {
    if (size == 0) return (obj_t *)&empty_tuple;
    if (size > (SIZE_MAX - sizeof(tuple_t)) / sizeof(obj_t *) / 2) return err_no_memory();
    tuple_t *t = (tuple_t *)obj_alloc(&tuple_type, sizeof(tuple_t) + size * sizeof(obj_t *));
    if (!t) return NULL;
    atomic_store_explicit(&t->hash, -1, memory_order_relaxed);
    t->size = size;
    return (obj_t *)t;
}

PVM_WUR obj_t *tuple_from_array(obj_t *const *items, size_t n) {
    obj_t *t = tuple_new(n);
    if (!t) return NULL;
    for (size_t i = 0; i < n; i++)
        TUPLE_SET(t, i, NEWREF(items[i]));
    return t;
}

PVM_WUR obj_t *tuple_pack(size_t n, ...) {
    obj_t *t = tuple_new(n);
    if (!t) return NULL;
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        TUPLE_SET(t, i, NEWREF(va_arg(ap, obj_t *)));
    va_end(ap);
    return t;
}

PVM_WUR obj_t *tuple_slice(obj_t *t, size_t lo, size_t hi) {
    size_t n = TUPLE_SIZE(t);
    if (hi > n) hi = n;
    if (lo > hi) lo = hi;
    if (lo == 0 && hi == n && OBJ_IS_TYPE(t, &tuple_type)) return NEWREF(t);
    return tuple_from_array(TUPLE_ITEMS(t) + lo, hi - lo);
}

PVM_WUR obj_t *tuple_from_iterable(obj_t *it) {
    if (OBJ_IS_TYPE(it, &tuple_type)) return NEWREF(it);
    if (TUPLE_CHECK(it)) return tuple_from_array(TUPLE_ITEMS(it), TUPLE_SIZE(it));
    if (LIST_CHECK(it)) return list_as_tuple(it);
    // Generic: collect into a list, then copy.
    obj_t *l = list_from_iterable(it);
    if (!l) return NULL;
    obj_t *t = list_as_tuple(l);
    DECREF(l);
    return t;
}

// Nesting depth is bounded by the caller (gc/trashcan.h).  Items are
// released last to first, as CPython does (the order __del__ methods see).
static void tuple_dealloc(obj_t *o) {
    tuple_t *t = (tuple_t *)o;
    for (size_t i = t->size; i > 0; i--)
        XDECREF(t->items[i - 1]);
    obj_free(o);
}

// ---- protocol slots --------------------------------------------------------

static ssize_t tuple_length(obj_t *o) {
    return (ssize_t)TUPLE_SIZE(o);
}

static obj_t *tuple_item(obj_t *o, ssize_t i) {
    ssize_t n = (ssize_t)TUPLE_SIZE(o);
    if (i < 0) i += n;
    if (i < 0 || i >= n) {
        err_set_str(exc_IndexError, "tuple index out of range");
        return NULL;
    }
    return NEWREF(TUPLE_GET(o, i));
}

static obj_t *tuple_subscript(obj_t *o, obj_t *key) {
    if (IS_SMALLINT(key)) return tuple_item(o, (ssize_t)SMALLINT_VALUE(key));
    if (SLICE_CHECK(key)) {
        ssize_t start, stop, step, len;
        if (slice_unpack(key, (ssize_t)TUPLE_SIZE(o), &start, &stop, &step, &len) < 0) return NULL;
        if (step == 1) return tuple_slice(o, (size_t)start, (size_t)stop);
        obj_t *r = tuple_new((size_t)len);
        if (!r) return NULL;
        for (size_t i = 0, cur = (size_t)start; i < (size_t)len; i++, cur += (size_t)step)
            TUPLE_SET(r, i, NEWREF(TUPLE_GET(o, cur)));
        return r;
    }
    if (cont_has_index(key)) {
        ssize_t i;
        if (cont_index_ssize(key, &i, exc_IndexError) < 0) return NULL;
        return tuple_item(o, i);
    }
    err_format(exc_TypeError, "tuple indices must be integers or slices, not %T", key);
    return NULL;
}

static int tuple_contains(obj_t *o, obj_t *v) {
    size_t n = TUPLE_SIZE(o);
    for (size_t i = 0; i < n; i++) {
        obj_t *item = TUPLE_GET(o, i);
        if (item == v) return 1;
        int r = obj_richcompare_bool(item, v, CMP_EQ_OP);
        if (r != 0) return r;
    }
    return 0;
}

// CPython 3.11 tuplehash (xxHash-style lanes).
#define XXPRIME_1   ((uint64_t)11400714785074694791ULL)
#define XXPRIME_2   ((uint64_t)14029467366897019727ULL)
#define XXPRIME_5   ((uint64_t)2870177450012600261ULL)
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

static hash_t tuple_hash(obj_t *o) {
    tuple_t *t = (tuple_t *)o;
    hash_t cached = atomic_load_explicit(&t->hash, memory_order_relaxed);
    if (cached != -1) return cached;
    // Items may be tuples nested deeper than the C stack allows (hash of
    // a 100000-deep tuple): guarded like repr and comparison.
    if (c_recursion_enter(" while hashing a tuple") < 0) return -1;
    uint64_t acc = XXPRIME_5;
    for (size_t i = 0; i < t->size; i++) {
        hash_t h = cont_hash(t->items[i]);
        if (h == -1) {
            c_recursion_leave();
            return -1;
        }
        uint64_t lane = (uint64_t)h;
        acc += lane * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    c_recursion_leave();
    acc += (uint64_t)t->size ^ (XXPRIME_5 ^ 3527539UL);
    hash_t r = acc == (uint64_t)-1 ? 1546275796 : (hash_t)acc;
    atomic_store_explicit(&t->hash, r, memory_order_relaxed);
    return r;
}

static obj_t *tuple_richcompare(obj_t *v, obj_t *w, int op) {
    if (!TUPLE_CHECK(v) || !TUPLE_CHECK(w)) return NEWREF(NotImplemented);
    size_t vn = TUPLE_SIZE(v), wn = TUPLE_SIZE(w);
    size_t i;
    for (i = 0; i < vn && i < wn; i++) {
        int k = obj_richcompare_bool(TUPLE_GET(v, i), TUPLE_GET(w, i), CMP_EQ_OP);
        if (k < 0) return NULL;
        if (!k) break;
    }
    if (i >= vn || i >= wn) return NEWREF(bool_from(cont_cmp_sizes(vn, wn, op)));
    if (op == CMP_EQ_OP) return NEWREF(False);
    if (op == CMP_NE_OP) return NEWREF(True);
    return obj_richcompare(TUPLE_GET(v, i), TUPLE_GET(w, i), op);
}

static obj_t *tuple_repr(obj_t *o) {
    size_t n = TUPLE_SIZE(o);
    if (n == 0) return str_from_cstr("()");
    int rc = repr_enter(o);
    if (rc != 0) return rc > 0 ? str_from_cstr("(...)") : NULL;
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add_char(&b, '(');
    for (size_t i = 0; i < n; i++) {
        if (i > 0) str_builder_add(&b, ", ", 2);
        obj_t *r = obj_repr(TUPLE_GET(o, i));
        if (!r) {
            str_builder_discard(&b);
            repr_leave(o);
            return NULL;
        }
        str_builder_add_str(&b, r);
        DECREF(r);
    }
    if (n == 1) str_builder_add_char(&b, ',');
    str_builder_add_char(&b, ')');
    repr_leave(o);
    return str_builder_finish(&b);
}

static obj_t *tuple_concat(obj_t *a, obj_t *b) {
    if (!TUPLE_CHECK(a)) return NEWREF(NotImplemented);
    if (!TUPLE_CHECK(b)) {
        if (!IS_SMALLINT(b) && type_has_flag(TYPE(b), TPFLAG_HEAPTYPE) &&
            TYPE(b)->nb[BINOP_ADD] != NULL)
            return NEWREF(NotImplemented);
        err_format(exc_TypeError, "can only concatenate tuple (not \"%T\") to tuple", b);
        return NULL;
    }
    size_t an = TUPLE_SIZE(a), bn = TUPLE_SIZE(b);
    if (bn == 0 && OBJ_IS_TYPE(a, &tuple_type)) return NEWREF(a);
    if (an == 0 && OBJ_IS_TYPE(b, &tuple_type)) return NEWREF(b);
    obj_t *r = tuple_new(an + bn);
    if (!r) return NULL;
    for (size_t i = 0; i < an; i++)
        TUPLE_SET(r, i, NEWREF(TUPLE_GET(a, i)));
    for (size_t i = 0; i < bn; i++)
        TUPLE_SET(r, an + i, NEWREF(TUPLE_GET(b, i)));
    return r;
}

static obj_t *tuple_repeat(obj_t *a, obj_t *b) {
    obj_t *seq, *count;
    if (TUPLE_CHECK(a)) {
        seq = a;
        count = b;
    } else {
        seq = b;
        count = a;
    }
    if (!cont_has_index(count)) {
        if (seq == a && !IS_SMALLINT(count) && type_has_flag(TYPE(count), TPFLAG_HEAPTYPE) &&
            TYPE(count)->nb[BINOP_MUL] != NULL)
            return NEWREF(NotImplemented);
        err_format(exc_TypeError, "can't multiply sequence by non-int of type '%T'", count);
        return NULL;
    }
    ssize_t n;
    if (cont_index_ssize(count, &n, exc_OverflowError) < 0) return NULL;
    size_t len = TUPLE_SIZE(seq);
    if (n <= 0 || len == 0) return tuple_new(0);
    if (n == 1 && OBJ_IS_TYPE(seq, &tuple_type)) return NEWREF(seq);
    if ((size_t)n > (SIZE_MAX / sizeof(obj_t *)) / len) return err_no_memory();
    obj_t *r = tuple_new(len * (size_t)n);
    if (!r) return NULL;
    size_t k = 0;
    for (ssize_t j = 0; j < n; j++)
        for (size_t i = 0; i < len; i++)
            TUPLE_SET(r, k++, NEWREF(TUPLE_GET(seq, i)));
    return r;
}

// ---- methods -----------------------------------------------------------------

static obj_t *tuple_count(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("tuple.count", nargs, kwnames, 1, 1) < 0) return NULL;
    int64_t count = 0;
    for (size_t i = 0; i < TUPLE_SIZE(self); i++) {
        int r = obj_richcompare_bool(TUPLE_GET(self, i), args[0], CMP_EQ_OP);
        if (r < 0) return NULL;
        count += r;
    }
    return SMALLINT_FROM(count);
}

static obj_t *tuple_index(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("index", kwnames) < 0 || cont_check_positional("index", nargs, 1, 3) < 0)
        return NULL;
    ssize_t n = (ssize_t)TUPLE_SIZE(self);
    ssize_t start = 0, stop = INT64_MAX;
    if (cont_slice_index_not_none(nargs > 1 ? args[1] : NULL, &start) < 0 ||
        cont_slice_index_not_none(nargs > 2 ? args[2] : NULL, &stop) < 0)
        return NULL;
    if (start < 0) {
        start += n;
        if (start < 0) start = 0;
    }
    if (stop < 0) {
        stop += n;
    } else if (stop > n) {
        stop = n;
    }
    for (ssize_t i = start; i < stop; i++) {
        int r = obj_richcompare_bool(TUPLE_GET(self, i), args[0], CMP_EQ_OP);
        if (r < 0) return NULL;
        if (r > 0) return SMALLINT_FROM(i);
    }
    err_set_str(exc_ValueError, "tuple.index(x): x not in tuple");
    return NULL;
}

static obj_t *tuple_getnewargs(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *t = tuple_from_array(TUPLE_ITEMS(self), TUPLE_SIZE(self));
    if (!t) return NULL;
    obj_t *r = tuple_pack(1, t);
    DECREF(t);
    return r;
}

static obj_t *tuple_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (type == &tuple_type && cont_no_kw("tuple", kwnames) < 0) return NULL;
    if (cont_check_positional("tuple", nargs, 0, 1) < 0) return NULL;
    obj_t *tmp = nargs ? tuple_from_iterable(args[0]) : tuple_new(0);
    if (!tmp || type == &tuple_type) return tmp;
    // Subclass: a fresh instance of `type` with a copy of the items.
    size_t n = TUPLE_SIZE(tmp);
    tuple_t *t = (tuple_t *)obj_alloc(type, type->basicsize + n * sizeof(obj_t *));
    if (!t) {
        DECREF(tmp);
        return NULL;
    }
    atomic_store_explicit(&t->hash, -1, memory_order_relaxed);
    t->size = n;
    for (size_t i = 0; i < n; i++)
        t->items[i] = NEWREF(TUPLE_GET(tmp, i));
    DECREF(tmp);
    return (obj_t *)t;
}

// ---- iterator ------------------------------------------------------------------

typedef struct {
    obj_t ob;
    _Atomic size_t index;
    obj_t *seq; // NULL once exhausted
} tupleiter_t;

static obj_t *tuple_iter(obj_t *o) {
    if (cont_ready(&tuple_iter_type) < 0) return NULL;
    tupleiter_t *it = (tupleiter_t *)obj_alloc(&tuple_iter_type, sizeof(tupleiter_t));
    if (!it) return NULL;
    it->seq = NEWREF(o);
    return (obj_t *)it;
}

static void tupleiter_dealloc(obj_t *o) {
    XDECREF(((tupleiter_t *)o)->seq);
    obj_free(o);
}

static obj_t *tupleiter_next(obj_t *o) {
    tupleiter_t *it = (tupleiter_t *)o;
    obj_t *seq = it->seq;
    if (!seq) return NULL;
    size_t i = atomic_fetch_add_explicit(&it->index, 1, memory_order_relaxed);
    if (i < TUPLE_SIZE(seq)) return NEWREF(TUPLE_GET(seq, i));
    atomic_store_explicit(&it->index, TUPLE_SIZE(seq), memory_order_relaxed);
    return NULL;
}

static obj_t *tupleiter_length_hint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    tupleiter_t *it = (tupleiter_t *)self;
    size_t i = atomic_load_explicit(&it->index, memory_order_relaxed);
    if (!it->seq || i >= TUPLE_SIZE(it->seq)) return SMALLINT_FROM(0);
    return SMALLINT_FROM((int64_t)(TUPLE_SIZE(it->seq) - i));
}

// __reduce__: (iter, (tuple,), index), or (iter, ((),)) once exhausted.
static obj_t *tupleiter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    tupleiter_t *it = (tupleiter_t *)self;
    size_t i = atomic_load_explicit(&it->index, memory_order_relaxed);
    if (it->seq && i < TUPLE_SIZE(it->seq)) return iter_reduce_seq("iter", it->seq, (ssize_t)i);
    obj_t *empty = tuple_pack(0);
    if (!empty) return NULL;
    obj_t *r = iter_reduce_seq("iter", empty, -1);
    DECREF(empty);
    return r;
}

static obj_t *tupleiter_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    tupleiter_t *it = (tupleiter_t *)self;
    if (!it->seq) return NEWREF(None);
    ssize_t i;
    if (iter_setstate_index(args[0], 0, (ssize_t)TUPLE_SIZE(it->seq), &i) < 0) return NULL;
    atomic_store_explicit(&it->index, (size_t)i, memory_order_relaxed);
    return NEWREF(None);
}

static const method_def_t tupleiter_methods[] = {
    {"__length_hint__", tupleiter_length_hint, METH_DEFAULT, NULL},
    {"__reduce__", tupleiter_reduce, METH_DEFAULT, NULL},
    {"__setstate__", tupleiter_setstate, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

// The cycle collector (gc/gc.h): the tuple an iterator walks.
static int tupleiter_traverse(obj_t *o, visitproc visit, void *arg) {
    return GC_VISIT_FIELDS(visit, arg, ((tupleiter_t *)o)->seq);
}

type_t tuple_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "tuple_iterator",
    .basicsize = sizeof(tupleiter_t),
    .base = &object_type,
    .dealloc = tupleiter_dealloc,
    .traverse = tupleiter_traverse,
    .iter = cont_iter_self,
    .iternext = tupleiter_next,
    .methods = tupleiter_methods,
};

// __sizeof__: the object with its inline items.
static obj_t *tuple_sizeof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("tuple.__sizeof__", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_u64(TYPE(self)->basicsize + TUPLE_SIZE(self) * sizeof(obj_t *));
}

static const method_def_t tuple_methods[] = {
    {"count", tuple_count, METH_DEFAULT, NULL},
    {"index", tuple_index, METH_DEFAULT, NULL},
    {"__getnewargs__", tuple_getnewargs, METH_DEFAULT, NULL},
    {"__sizeof__", tuple_sizeof, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

// The cycle collector (gc/gc.h).  Tuples have no clear slot: a cycle
// through a tuple always passes through a mutable container.
static int tuple_traverse(obj_t *t, visitproc visit, void *arg) {
    for (size_t i = TUPLE_SIZE(t); i-- > 0;) { // last to first, as CPython
        obj_t *v = TUPLE_GET(t, i);
        if (v != NULL) {
            int r = visit(v, arg);
            if (r) return r;
        }
    }
    return 0;
}

type_t tuple_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "tuple",
    .basicsize = sizeof(tuple_t),
    .itemsize = sizeof(obj_t *),
    .flags = TPFLAG_BASETYPE | TPFLAG_TUPLE_SUBCLASS,
    .base = &object_type,
    .dealloc = tuple_dealloc,
    .traverse = tuple_traverse,
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .iter = tuple_iter,
    .tp_new = tuple_tp_new,
    .nb = {[BINOP_ADD] = tuple_concat, [BINOP_MUL] = tuple_repeat},
    .len = tuple_length,
    .getitem = tuple_subscript,
    .contains = tuple_contains,
    .methods = tuple_methods,
};
