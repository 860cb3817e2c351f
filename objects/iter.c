/*
 * objects/iter.c — the generic iterator types: seqiter (the old
 * __getitem__ protocol), calliter (iter(f, sentinel)), and the builtins
 * enumerate, zip, map, filter and reversed.  Also the generic linear search
 * (`x in it`, count, index) used by sequences without a faster one.
 *
 * Every type here returns itself from iter and implements iternext (NULL
 * without exception = exhausted; enumerate, zip, map and filter leave a
 * StopIteration raised by the underlying iterator set, so next() shows its
 * args, as CPython does).  One iterator may be shared by several
 * threads: exhaustion is recorded with a flag (seqiter and reversed also
 * let their sequence go then, as CPython's do: the field goes to NULL
 * through gc/qsbr.h's rule, and readers take a counted reference, as
 * __getitem__ runs Python code), and the position of seqiter/reversed is
 * claimed with a compare-and-swap before the item at that position is
 * read, so each position is produced once.
 * enumerate pairs its count with the item, zip and map gather one item of
 * each underlying iterator, inside their critical section (so threads
 * sharing them get untorn tuples while the underlying iterators run no
 * Python code); filter keeps no position of its own.
 *
 * Pickling: every type here and the iterators of list, tuple, range, str,
 * dict and set have CPython 3.11's __reduce__ (and __setstate__ where the
 * position is an index), built with the iter_reduce_* helpers below.
 */
#define PVM_CONTAINERS_IMPL 1
#include "../gc/gc.h"
#include "../gc/qsbr.h"
#include "containers_internal.h"

#include "../core/error.h"
#include "../core/runtime.h"
#include "../threads/critical.h"
#include "dict.h"
#include "exceptions.h"
#include "int.h"
#include "range.h"
#include "str.h"
#include "tuple.h"
#include "type.h"

// ---- generic search ---------------------------------------------------------------

ssize_t cont_iter_search(obj_t *seq, obj_t *obj, int operation) {
    obj_t *it = obj_iter(seq);
    if (!it) {
        if (err_matches(exc_TypeError)) {
            err_clear();
            err_format(exc_TypeError, "argument of type '%T' is not iterable", seq);
        }
        return -1;
    }
    ssize_t n = 0;
    for (;;) {
        obj_t *item = obj_iternext(it);
        if (!item) {
            if (err_occurred()) goto fail;
            break;
        }
        int cmp = obj_richcompare_bool(item, obj, CMP_EQ_OP);
        DECREF(item);
        if (cmp < 0) goto fail;
        if (cmp > 0) {
            if (operation == CONT_SEARCH_COUNT) {
                n++;
            } else if (operation == CONT_SEARCH_INDEX) {
                DECREF(it);
                return n;
            } else {
                DECREF(it);
                return 1;
            }
        }
        if (operation == CONT_SEARCH_INDEX) n++;
    }
    DECREF(it);
    if (operation == CONT_SEARCH_INDEX) {
        err_set_str(exc_ValueError, "sequence.index(x): x not in sequence");
        return -1;
    }
    return operation == CONT_SEARCH_CONTAINS ? 0 : n;
fail:
    DECREF(it);
    return -1;
}

// True if the pending error ends an old-protocol iteration.
static bool ends_iteration(void) {
    if (err_matches(exc_IndexError) || err_matches(exc_StopIteration)) {
        err_clear();
        return true;
    }
    return false;
}

// ---- pickling support shared by the builtin iterators ----------------------------------

obj_t *iter_reduce_builtin(const char *name, obj_t *args, obj_t *state) {
    obj_t *fn = dict_get_str(pvm_rt.builtins_dict, name);
    if (!fn) {
        if (!err_occurred()) err_format(exc_AttributeError, "module 'builtins' has no '%s'", name);
        return NULL;
    }
    obj_t *r = state ? tuple_pack(3, fn, args, state) : tuple_pack(2, fn, args);
    DECREF(fn);
    return r;
}

obj_t *iter_reduce_seq(const char *name, obj_t *seq, ssize_t index) {
    obj_t *args = tuple_pack(1, seq);
    if (!args) return NULL;
    obj_t *state = index >= 0 ? int_from_i64(index) : NULL;
    obj_t *r = index >= 0 && !state ? NULL : iter_reduce_builtin(name, args, state);
    DECREF(args);
    XDECREF(state);
    return r;
}

int iter_setstate_index(obj_t *state, ssize_t lo, ssize_t hi, ssize_t *out) {
    ssize_t i;
    if (!INT_CHECK(state)) {
        err_set_str(exc_TypeError, "an integer is required");
        return -1;
    }
    if (obj_ssize_arg(state, &i) < 0) return -1;
    *out = i < lo ? lo : i > hi ? hi : i;
    return 0;
}

// The reduction of an exhausted iterator: iter(()) (CPython's shape).
static obj_t *reduce_exhausted(void) {
    obj_t *empty = tuple_pack(0);
    if (!empty) return NULL;
    obj_t *r = iter_reduce_seq("iter", empty, -1);
    DECREF(empty);
    return r;
}

static obj_t *reduce_type_args(obj_t *self, obj_t *args, obj_t *state) {
    if (!args) return NULL;
    obj_t *r = state ? tuple_pack(3, (obj_t *)TYPE(self), args, state)
                     : tuple_pack(2, (obj_t *)TYPE(self), args);
    DECREF(args);
    return r;
}

// ---- seqiter --------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    _Atomic ssize_t index; // -1 once exhausted
    obj_t *seq;
} seqiter_t;

PVM_WUR obj_t *seqiter_new(obj_t *seq) {
    if (cont_ready(&seqiter_type) < 0) return NULL;
    seqiter_t *it = (seqiter_t *)obj_alloc(&seqiter_type, sizeof(seqiter_t));
    if (!it) return NULL;
    it->seq = NEWREF(seq);
    return (obj_t *)it;
}

static void seqiter_dealloc(obj_t *o) {
    XDECREF(((seqiter_t *)o)->seq);
    obj_free(o);
}

// Claims position *pi of a shared position word (moving it by `step`);
// false once it is exhausted (negative).
static bool claim_index(_Atomic ssize_t *index, ssize_t step, ssize_t *pi) {
    ssize_t i = atomic_load_explicit(index, memory_order_relaxed);
    do {
        if (i < 0) return false;
    } while (!atomic_compare_exchange_weak_explicit(index, &i, i + step, memory_order_relaxed,
                                                    memory_order_relaxed));
    *pi = i;
    return true;
}

// After a failed __getitem__ that does not end the iteration, the next
// call retries the same position (as CPython does), unless another thread
// moved on meanwhile.
static void unclaim_index(_Atomic ssize_t *index, ssize_t i, ssize_t step) {
    ssize_t expected = i + step;
    atomic_compare_exchange_strong_explicit(index, &expected, i, memory_order_relaxed,
                                            memory_order_relaxed);
}

// The item at the claimed position i of seqiter / reversed `o`, whose
// sequence field is *seqf: at the end (or once exhausted) the iterator is
// marked exhausted and lets its sequence go.
static obj_t *old_protocol_next(obj_t *o, _Atomic ssize_t *index, obj_t **seqf, ssize_t step) {
    // The sequence is taken before the position is claimed: a thread that
    // claims the position past the end drops the field only after every
    // earlier position was claimed, by threads that hold the sequence.
    obj_t *seq = qsbr_field_load(o, seqf);
    ssize_t i;
    if (seq != NULL && claim_index(index, step, &i)) {
        obj_t *item = obj_getitem(seq, SMALLINT_FROM(i));
        DECREF(seq);
        if (item) return item;
        if (!ends_iteration()) {
            unclaim_index(index, i, step);
            return NULL;
        }
    } else {
        XDECREF(seq);
    }
    atomic_store_explicit(index, -1, memory_order_relaxed);
    qsbr_field_store(o, seqf, NULL);
    return NULL;
}

static obj_t *seqiter_next(obj_t *o) {
    seqiter_t *it = (seqiter_t *)o;
    return old_protocol_next(o, &it->index, &it->seq, 1);
}

static obj_t *seqiter_length_hint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    seqiter_t *it = (seqiter_t *)self;
    ssize_t i = atomic_load_explicit(&it->index, memory_order_relaxed);
    obj_t *seq = i < 0 ? NULL : qsbr_field_load(self, &it->seq);
    if (seq == NULL) return SMALLINT_FROM(0);
    ssize_t n = obj_len(seq);
    DECREF(seq);
    if (n < 0) {
        err_clear();
        return NEWREF(NotImplemented);
    }
    return SMALLINT_FROM(n > i ? n - i : 0);
}

static obj_t *seqiter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    seqiter_t *it = (seqiter_t *)self;
    ssize_t i = atomic_load_explicit(&it->index, memory_order_relaxed);
    // The sequence goes to NULL once another thread exhausts the iterator
    // (old_protocol_next): read it through the QSBR field rule.
    obj_t *seq = i < 0 ? NULL : qsbr_field_load(self, &it->seq);
    if (seq == NULL) return reduce_exhausted();
    obj_t *r = iter_reduce_seq("iter", seq, i);
    DECREF(seq);
    return r;
}

static obj_t *seqiter_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    seqiter_t *it = (seqiter_t *)self;
    ssize_t i;
    if (iter_setstate_index(args[0], 0, PTRDIFF_MAX, &i) < 0) return NULL;
    if (atomic_load_explicit(&it->index, memory_order_relaxed) >= 0) // not once exhausted
        atomic_store_explicit(&it->index, i, memory_order_relaxed);
    return NEWREF(None);
}

static const method_def_t seqiter_methods[] = {
    {"__length_hint__", seqiter_length_hint, METH_DEFAULT, NULL},
    {"__reduce__", seqiter_reduce, METH_DEFAULT, NULL},
    {"__setstate__", seqiter_setstate, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

// ---- the cycle collector (gc/gc.h): the iterators' counted fields ------------------------

static int seqiter_traverse(obj_t *o, visitproc visit, void *arg) {
    return GC_VISIT_FIELDS(visit, arg, ((seqiter_t *)o)->seq);
}

type_t seqiter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "iterator",
    .basicsize = sizeof(seqiter_t),
    .base = &object_type,
    .dealloc = seqiter_dealloc,
    .traverse = seqiter_traverse,
    .iter = cont_iter_self,
    .iternext = seqiter_next,
    .methods = seqiter_methods,
};

// ---- calliter ----------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *callable, *sentinel;
    _Atomic bool done;
} calliter_t;

PVM_WUR obj_t *calliter_new(obj_t *callable, obj_t *sentinel) {
    if (cont_ready(&calliter_type) < 0) return NULL;
    calliter_t *it = (calliter_t *)obj_alloc(&calliter_type, sizeof(calliter_t));
    if (!it) return NULL;
    it->callable = NEWREF(callable);
    it->sentinel = NEWREF(sentinel);
    return (obj_t *)it;
}

static void calliter_dealloc(obj_t *o) {
    calliter_t *it = (calliter_t *)o;
    DECREF(it->callable);
    DECREF(it->sentinel);
    obj_free(o);
}

static obj_t *calliter_next(obj_t *o) {
    calliter_t *it = (calliter_t *)o;
    if (atomic_load_explicit(&it->done, memory_order_relaxed)) return NULL;
    obj_t *result = obj_call0(it->callable);
    if (result) {
        int ok = obj_richcompare_bool(it->sentinel, result, CMP_EQ_OP);
        if (ok == 0) return result;
        DECREF(result);
        if (ok > 0) atomic_store_explicit(&it->done, true, memory_order_relaxed);
    } else if (err_matches(exc_StopIteration)) {
        err_clear();
        atomic_store_explicit(&it->done, true, memory_order_relaxed);
    }
    return NULL;
}

static obj_t *calliter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    calliter_t *it = (calliter_t *)self;
    if (atomic_load_explicit(&it->done, memory_order_relaxed)) return reduce_exhausted();
    obj_t *pair = tuple_pack(2, it->callable, it->sentinel);
    if (!pair) return NULL;
    obj_t *r = iter_reduce_builtin("iter", pair, NULL);
    DECREF(pair);
    return r;
}

static const method_def_t calliter_methods[] = {
    {"__reduce__", calliter_reduce, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static int calliter_traverse(obj_t *o, visitproc visit, void *arg) {
    calliter_t *it = (calliter_t *)o;
    return GC_VISIT_FIELDS(visit, arg, it->callable, it->sentinel);
}

type_t calliter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "callable_iterator",
    .basicsize = sizeof(calliter_t),
    .base = &object_type,
    .dealloc = calliter_dealloc,
    .traverse = calliter_traverse,
    .iter = cont_iter_self,
    .iternext = calliter_next,
    .methods = calliter_methods,
};

// ---- enumerate ----------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *it;
    int64_t index;    // used while big_index is NULL
    obj_t *big_index; // the count once it leaves the int64 range
} enumerate_t;

static obj_t *enumerate_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *iterable = NULL, *start = NULL;
    if (nargs > 2) {
        err_format(exc_TypeError, "enumerate() takes at most 2 arguments (%d given)",
                   (int)(nargs + (kwnames ? TUPLE_SIZE(kwnames) : 0)));
        return NULL;
    }
    if (nargs > 0) iterable = args[0];
    if (nargs > 1) start = args[1];
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        obj_t *name = TUPLE_GET(kwnames, i);
        obj_t **slot = str_eq_cstr(name, "iterable") ? &iterable
                       : str_eq_cstr(name, "start")  ? &start
                                                     : NULL;
        if (!slot) {
            err_format(exc_TypeError, "'%U' is an invalid keyword argument for enumerate()", name);
            return NULL;
        }
        if (*slot) {
            err_format(exc_TypeError,
                       "argument for enumerate() given by name ('%U') and "
                       "position (%d)",
                       name, slot == &iterable ? 1 : 2);
            return NULL;
        }
        *slot = args[nargs + i];
    }
    if (!iterable) {
        err_set_str(exc_TypeError, "enumerate() missing required argument 'iterable'");
        return NULL;
    }
    obj_t *idx = NULL;
    if (start) {
        idx = obj_index(start);
        if (!idx) return NULL;
    }
    obj_t *it = obj_iter(iterable);
    if (!it) {
        XDECREF(idx);
        return NULL;
    }
    enumerate_t *e = (enumerate_t *)obj_alloc(type, type->basicsize);
    if (!e) {
        DECREF(it);
        XDECREF(idx);
        return NULL;
    }
    e->it = it;
    if (!idx || IS_SMALLINT(idx)) {
        e->index = idx ? SMALLINT_VALUE(idx) : 0;
    } else if (int_as_i64(idx, &e->index) < 0) {
        err_clear();
        e->big_index = NEWREF(idx);
    }
    XDECREF(idx);
    return (obj_t *)e;
}

static void enumerate_dealloc(obj_t *o) {
    enumerate_t *e = (enumerate_t *)o;
    DECREF(e->it);
    XDECREF(e->big_index);
    obj_free(o);
}

// The item and its count are taken together in the enumerate's critical
// section, so threads sharing it never see one count twice (an underlying
// iterator that runs Python code may let the section go meanwhile).
static obj_t *enumerate_next(obj_t *o) {
    enumerate_t *e = (enumerate_t *)o;
    obj_t *item, *idx = NULL;
    BEGIN_CRITICAL_SECTION(o);
    item = obj_iternext_raw(e->it);
    if (item) {
        if (!e->big_index) {
            idx = int_from_i64(e->index);
            if (e->index == INT64_MAX) {
                obj_t *one = SMALLINT_FROM(1);
                e->big_index = idx ? int_binop(idx, one, BINOP_ADD) : NULL;
            } else {
                e->index++;
            }
        } else {
            idx = NEWREF(e->big_index);
            obj_t *next = int_binop(e->big_index, SMALLINT_FROM(1), BINOP_ADD);
            if (next) SETREF(e->big_index, next);
        }
    }
    END_CRITICAL_SECTION();
    if (!item) return NULL;
    if (!idx) {
        DECREF(item);
        return NULL;
    }
    obj_t *t = tuple_new(2);
    if (!t) {
        DECREF(idx);
        DECREF(item);
        return NULL;
    }
    TUPLE_SET(t, 0, idx);
    TUPLE_SET(t, 1, item);
    return t;
}

// (type(e), (iterator, count)): the count read in the section that moves it.
static obj_t *enumerate_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    enumerate_t *e = (enumerate_t *)self;
    obj_t *idx;
    BEGIN_CRITICAL_SECTION(self);
    idx = e->big_index ? NEWREF(e->big_index) : int_from_i64(e->index);
    END_CRITICAL_SECTION();
    if (!idx) return NULL;
    obj_t *pair = tuple_pack(2, e->it, idx);
    DECREF(idx);
    return reduce_type_args(self, pair, NULL);
}

static const method_def_t enumerate_methods[] = {
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {"__reduce__", enumerate_reduce, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static int enumerate_traverse(obj_t *o, visitproc visit, void *arg) {
    enumerate_t *e = (enumerate_t *)o;
    return GC_VISIT_FIELDS(visit, arg, e->it, e->big_index);
}

type_t enumerate_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "enumerate",
    .basicsize = sizeof(enumerate_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = enumerate_dealloc,
    .traverse = enumerate_traverse,
    .iter = cont_iter_self,
    .iternext = enumerate_next,
    .tp_new = enumerate_tp_new,
    .methods = enumerate_methods,
};

// ---- zip ------------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *iters; // tuple of iterators
    bool strict;
} zip_t;

static obj_t *zip_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    bool strict = false;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        obj_t *name = TUPLE_GET(kwnames, i);
        if (!str_eq_cstr(name, "strict")) {
            err_format(exc_TypeError, "'%U' is an invalid keyword argument for zip()", name);
            return NULL;
        }
        int t = obj_is_true(args[nargs + i]);
        if (t < 0) return NULL;
        strict = t != 0;
    }
    obj_t *iters = tuple_new(nargs);
    if (!iters) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        obj_t *it = obj_iter(args[i]);
        if (!it) {
            DECREF(iters);
            return NULL;
        }
        TUPLE_SET(iters, i, it);
    }
    zip_t *z = (zip_t *)obj_alloc(type, type->basicsize);
    if (!z) {
        DECREF(iters);
        return NULL;
    }
    z->iters = iters;
    z->strict = strict;
    return (obj_t *)z;
}

static void zip_dealloc(obj_t *o) {
    DECREF(((zip_t *)o)->iters);
    obj_free(o);
}

static obj_t *zip_next(obj_t *o) {
    zip_t *z = (zip_t *)o;
    size_t n = TUPLE_SIZE(z->iters);
    if (n == 0) return NULL;
    obj_t *result = tuple_new(n);
    if (!result) return NULL;
    size_t i;
    BEGIN_CRITICAL_SECTION(o);
    for (i = 0; i < n; i++) {
        obj_t *item = obj_iternext_raw(TUPLE_GET(z->iters, i));
        if (!item) break;
        TUPLE_SET(result, i, item);
    }
    END_CRITICAL_SECTION();
    if (i == n) return result;
    DECREF(result);
    if (!z->strict) return NULL; // a StopIteration raised by the iterator stays set
    if (err_occurred()) {
        if (!err_matches(exc_StopIteration)) return NULL;
        err_clear();
    }
    if (i) {
        err_format(exc_ValueError, "zip() argument %d is shorter than argument%s%d", (int)i + 1,
                   i == 1 ? " " : "s 1-", (int)i);
        return NULL;
    }
    for (i = 1; i < n; i++) {
        obj_t *item = obj_iternext(TUPLE_GET(z->iters, i));
        if (item) {
            DECREF(item);
            err_format(exc_ValueError, "zip() argument %d is longer than argument%s%d", (int)i + 1,
                       i == 1 ? " " : "s 1-", (int)i);
            return NULL;
        }
        if (err_occurred()) return NULL;
    }
    return NULL;
}

static obj_t *zip_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    zip_t *z = (zip_t *)self;
    return reduce_type_args(self, NEWREF(z->iters), z->strict ? True : NULL);
}

static obj_t *zip_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    int t = obj_is_true(args[0]);
    if (t < 0) return NULL;
    ((zip_t *)self)->strict = t != 0;
    return NEWREF(None);
}

static const method_def_t zip_methods[] = {
    {"__reduce__", zip_reduce, METH_DEFAULT, NULL},
    {"__setstate__", zip_setstate, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static int zip_traverse(obj_t *o, visitproc visit, void *arg) {
    return GC_VISIT_FIELDS(visit, arg, ((zip_t *)o)->iters);
}

type_t zip_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "zip",
    .basicsize = sizeof(zip_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = zip_dealloc,
    .traverse = zip_traverse,
    .iter = cont_iter_self,
    .iternext = zip_next,
    .tp_new = zip_tp_new,
    .methods = zip_methods,
};

// ---- map -----------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *func;
    obj_t *iters; // tuple
} map_t;

static obj_t *map_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (type == &map_type && cont_no_kw("map", kwnames) < 0) return NULL;
    if (nargs < 2) {
        err_set_str(exc_TypeError, "map() must have at least two arguments.");
        return NULL;
    }
    obj_t *iters = tuple_new(nargs - 1);
    if (!iters) return NULL;
    for (size_t i = 1; i < nargs; i++) {
        obj_t *it = obj_iter(args[i]);
        if (!it) {
            DECREF(iters);
            return NULL;
        }
        TUPLE_SET(iters, i - 1, it);
    }
    map_t *m = (map_t *)obj_alloc(type, type->basicsize);
    if (!m) {
        DECREF(iters);
        return NULL;
    }
    m->func = NEWREF(args[0]);
    m->iters = iters;
    return (obj_t *)m;
}

static void map_dealloc(obj_t *o) {
    map_t *m = (map_t *)o;
    DECREF(m->func);
    DECREF(m->iters);
    obj_free(o);
}

static obj_t *map_next(obj_t *o) {
    map_t *m = (map_t *)o;
    size_t n = TUPLE_SIZE(m->iters);
    obj_t *small[8];
    obj_t **argv = small;
    obj_t *res = NULL;
    if (n > 8) {
        obj_t *tmp = tuple_new(n); // scratch storage with cleanup by DECREF
        if (!tmp) return NULL;
        size_t i;
        BEGIN_CRITICAL_SECTION(o);
        for (i = 0; i < n; i++) {
            obj_t *item = obj_iternext_raw(TUPLE_GET(m->iters, i));
            if (!item) break;
            TUPLE_SET(tmp, i, item);
        }
        END_CRITICAL_SECTION();
        if (i == n) res = obj_call(m->func, TUPLE_ITEMS(tmp), n, NULL);
        DECREF(tmp);
        return res;
    }
    size_t i;
    BEGIN_CRITICAL_SECTION(o);
    for (i = 0; i < n; i++) {
        argv[i] = obj_iternext_raw(TUPLE_GET(m->iters, i));
        if (!argv[i]) break;
    }
    END_CRITICAL_SECTION();
    if (i == n) res = obj_call(m->func, argv, n, NULL);
    for (size_t k = 0; k < i; k++)
        DECREF(argv[k]);
    return res;
}

static obj_t *map_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    map_t *m = (map_t *)self;
    size_t n = TUPLE_SIZE(m->iters);
    obj_t *fargs = tuple_new(n + 1);
    if (!fargs) return NULL;
    TUPLE_SET(fargs, 0, NEWREF(m->func));
    for (size_t i = 0; i < n; i++)
        TUPLE_SET(fargs, i + 1, NEWREF(TUPLE_GET(m->iters, i)));
    return reduce_type_args(self, fargs, NULL);
}

static const method_def_t map_methods[] = {
    {"__reduce__", map_reduce, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static int map_traverse(obj_t *o, visitproc visit, void *arg) {
    map_t *m = (map_t *)o;
    return GC_VISIT_FIELDS(visit, arg, m->func, m->iters);
}

type_t map_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "map",
    .basicsize = sizeof(map_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = map_dealloc,
    .traverse = map_traverse,
    .iter = cont_iter_self,
    .iternext = map_next,
    .tp_new = map_tp_new,
    .methods = map_methods,
};

// ---- filter ---------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *func; // None = truthiness
    obj_t *it;
} filter_t;

static obj_t *filter_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (type == &filter_type && cont_no_kw("filter", kwnames) < 0) return NULL;
    if (cont_check_positional("filter", nargs, 2, 2) < 0) return NULL;
    obj_t *it = obj_iter(args[1]);
    if (!it) return NULL;
    filter_t *f = (filter_t *)obj_alloc(type, type->basicsize);
    if (!f) {
        DECREF(it);
        return NULL;
    }
    f->func = NEWREF(args[0]);
    f->it = it;
    return (obj_t *)f;
}

static void filter_dealloc(obj_t *o) {
    filter_t *f = (filter_t *)o;
    DECREF(f->func);
    DECREF(f->it);
    obj_free(o);
}

static obj_t *filter_next(obj_t *o) {
    filter_t *f = (filter_t *)o;
    bool truth = f->func == None || f->func == (obj_t *)&bool_type;
    for (;;) {
        obj_t *item = obj_iternext_raw(f->it);
        if (!item) return NULL;
        int ok;
        if (truth) {
            ok = obj_is_true(item);
        } else {
            obj_t *good = obj_call1(f->func, item);
            if (!good) {
                DECREF(item);
                return NULL;
            }
            ok = obj_is_true(good);
            DECREF(good);
        }
        if (ok > 0) return item;
        DECREF(item);
        if (ok < 0) return NULL;
    }
}

static obj_t *filter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    filter_t *f = (filter_t *)self;
    return reduce_type_args(self, tuple_pack(2, f->func, f->it), NULL);
}

static const method_def_t filter_methods[] = {
    {"__reduce__", filter_reduce, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static int filter_traverse(obj_t *o, visitproc visit, void *arg) {
    filter_t *f = (filter_t *)o;
    return GC_VISIT_FIELDS(visit, arg, f->func, f->it);
}

type_t filter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "filter",
    .basicsize = sizeof(filter_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = filter_dealloc,
    .traverse = filter_traverse,
    .iter = cont_iter_self,
    .iternext = filter_next,
    .tp_new = filter_tp_new,
    .methods = filter_methods,
};

// ---- reversed -------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    _Atomic ssize_t index; // -1 once exhausted
    obj_t *seq;
} reversed_t;

static _Atomic(obj_t *) s_reversed_name;

static obj_t *reversed_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (type == &reversed_type && cont_no_kw("reversed", kwnames) < 0) return NULL;
    if (cont_check_positional("reversed", nargs, 1, 1) < 0) return NULL;
    obj_t *seq = args[0];
    obj_t *name = atomic_load_explicit(&s_reversed_name, memory_order_relaxed);
    if (!name) {
        name = str_intern("__reversed__");
        atomic_store_explicit(&s_reversed_name, name, memory_order_relaxed);
    }
    obj_t *meth = type_lookup(TYPE(seq), name);
    if (meth == None) {
        err_format(exc_TypeError, "'%T' object is not reversible", seq);
        return NULL;
    }
    if (meth) {
        descrgetfunc get = TYPE(meth)->descr_get;
        if (get) {
            obj_t *bound = get(meth, seq, (obj_t *)TYPE(seq));
            if (!bound) return NULL;
            obj_t *r = obj_call0(bound);
            DECREF(bound);
            return r;
        }
        return obj_call1(meth, seq);
    }
    if (TYPE(seq)->getitem == NULL || DICT_CHECK(seq)) {
        err_format(exc_TypeError, "'%T' object is not reversible", seq);
        return NULL;
    }
    ssize_t n = obj_len(seq);
    if (n < 0) return NULL;
    reversed_t *r = (reversed_t *)obj_alloc(type, type->basicsize);
    if (!r) return NULL;
    r->seq = NEWREF(seq);
    atomic_store_explicit(&r->index, n - 1, memory_order_relaxed);
    return (obj_t *)r;
}

static void reversed_dealloc(obj_t *o) {
    XDECREF(((reversed_t *)o)->seq);
    obj_free(o);
}

static obj_t *reversed_next(obj_t *o) {
    reversed_t *r = (reversed_t *)o;
    return old_protocol_next(o, &r->index, &r->seq, -1);
}

// CPython's reversed_len: the position, or 0 once the sequence has become
// shorter; len() of the sequence is asked each time (its error propagates).
static obj_t *reversed_length_hint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    reversed_t *r = (reversed_t *)self;
    ssize_t i = atomic_load_explicit(&r->index, memory_order_relaxed);
    obj_t *seq = i < 0 ? NULL : qsbr_field_load(self, &r->seq);
    if (seq == NULL) return SMALLINT_FROM(0);
    ssize_t n = obj_len(seq);
    DECREF(seq);
    if (n < 0) return NULL;
    return SMALLINT_FROM(n < i + 1 ? 0 : i + 1);
}

static obj_t *reversed_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    reversed_t *r = (reversed_t *)self;
    ssize_t i = atomic_load_explicit(&r->index, memory_order_relaxed);
    obj_t *seq = i < 0 ? NULL : qsbr_field_load(self, &r->seq);
    if (seq == NULL) {
        obj_t *empty = tuple_pack(0);
        if (!empty) return NULL;
        obj_t *res = reduce_type_args(self, tuple_pack(1, empty), NULL);
        DECREF(empty);
        return res;
    }
    obj_t *state = int_from_i64(i);
    obj_t *res = state ? reduce_type_args(self, tuple_pack(1, seq), state) : NULL;
    XDECREF(state);
    DECREF(seq);
    return res;
}

static obj_t *reversed_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    reversed_t *r = (reversed_t *)self;
    obj_t *seq = atomic_load_explicit(&r->index, memory_order_relaxed) < 0
                     ? NULL
                     : qsbr_field_load(self, &r->seq);
    if (seq == NULL) return NEWREF(None); // exhausted
    ssize_t n = obj_len(seq), i;
    DECREF(seq);
    if (n < 0) return NULL;
    if (iter_setstate_index(args[0], -1, n - 1, &i) < 0) return NULL;
    atomic_store_explicit(&r->index, i, memory_order_relaxed);
    return NEWREF(None);
}

static const method_def_t reversed_methods[] = {
    {"__length_hint__", reversed_length_hint, METH_DEFAULT, NULL},
    {"__reduce__", reversed_reduce, METH_DEFAULT, NULL},
    {"__setstate__", reversed_setstate, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static int reversed_traverse(obj_t *o, visitproc visit, void *arg) {
    return GC_VISIT_FIELDS(visit, arg, ((reversed_t *)o)->seq);
}

type_t reversed_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "reversed",
    .basicsize = sizeof(reversed_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = reversed_dealloc,
    .traverse = reversed_traverse,
    .iter = cont_iter_self,
    .iternext = reversed_next,
    .tp_new = reversed_tp_new,
    .methods = reversed_methods,
};
