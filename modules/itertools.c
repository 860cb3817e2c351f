/*
 * modules/itertools.c — the native `itertools` module: count, cycle,
 * repeat, accumulate, chain, compress, dropwhile, filterfalse, groupby
 * (with _grouper), islice, pairwise, starmap, takewhile, tee (with _tee and
 * _tee_dataobject), zip_longest.  The combinatoric iterators live in
 * modules/itertools_comb.c.
 *
 * Concurrency.  Any of these iterators may be shared by threads.  Each step
 * (__next__) runs inside the iterator's own critical section, as CPython
 * 3.13t does, so its fields are read and written by one thread at a time.
 * A step may call into Python (an underlying iterator, a predicate, a key
 * function, __eq__); such a call may let the section go while it blocks, so
 * a step never keeps a borrowed pointer to a field across a call: it takes
 * a reference to the field's value first and writes the fields again after
 * the call.  Exhausted iterators drop their sources (CLEAR) inside the
 * section, so a racing step sees NULL and ends too.
 *
 * count().__next__ is lock-free and atomic while the count fits in an
 * int64 and the step is 1 (threading.py's _counter relies on that): one
 * fetch-and-add per call.  Beyond INT64_MAX, or with any other step, the
 * count is an object updated in the critical section.  repeat(x, n) counts
 * down with a compare-and-swap.
 *
 * tee: the _tee objects made from one source share a chain of
 * _tee_dataobject links of LINKCELLS values each; a link's values and the
 * source iterator are read and advanced under that link's critical
 * section, a _tee's position under its own.
 */
#define PVM_ITERTOOLS_IMPL 1
#include "../gc/gc.h"
#include "itertools_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/runtime.h"
#include "../objects/complex.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"

// Forward declarations (tentative definitions) of the types made below.
static type_t cycle_type, chain_type, islice_type, grouper_type, tee_type, teedata_type;

obj_t *itertools_self_iter(obj_t *self) {
    return NEWREF(self);
}

// next(it) as a new reference; NULL without an exception when exhausted
// (a StopIteration raised by a Python __next__ is cleared).
static obj_t *step_it(obj_t *it) {
    return obj_iternext(it);
}

// Takes a reference to *field under the caller's section (NULL stays NULL).
static obj_t *grab(obj_t *field) {
    XINCREF(field);
    return field;
}

// Every iterator struct here starts, after the header, with its `nobj`
// object fields (each may be NULL); this drops them and frees the object.
static void dealloc_objs(obj_t *o, size_t nobj) {
    obj_t **f = (obj_t **)((char *)o + sizeof(obj_t));
    for (size_t i = 0; i < nobj; i++)
        XDECREF(f[i]);
    obj_free(o);
}

#define NOBJ(type, last) ((offsetof(type, last) - sizeof(obj_t)) / sizeof(obj_t *) + 1)

// The cycle collector (gc/gc.h), in its pause: the same `nobj` fields.
static int traverse_objs(obj_t *o, size_t nobj, visitproc visit, void *arg) {
    return gc_visit_fields((obj_t *const *)((char *)o + sizeof(obj_t)), nobj, visit, arg);
}
#define OBJS_TRAVERSE(name, type, last)                                                            \
    static int name(obj_t *o, visitproc visit, void *arg) {                                        \
        return traverse_objs(o, NOBJ(type, last), visit, arg);                                     \
    }

// "cycle expected 1 argument, got 0" (CPython's wording for these types).
static int check_one_arg(const char *name, size_t nargs) {
    if (nargs == 1) return 0;
    err_format(exc_TypeError, "%s expected 1 argument, got %zu", name, nargs);
    return -1;
}

// ---- count ------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    bool fast;            // step is 1 and the count started in the int64 range
    _Atomic int64_t ival; // the count while fast (INT64_MAX: moved to `cnt`)
    obj_t *cnt;           // the count as an object (slow mode), under the section
    obj_t *step;
} count_t;

static bool is_number(obj_t *v) {
    type_t *t = TYPE(v);
    return t->nb_int || t->nb_float || t->nb_index || COMPLEX_CHECK(v);
}

static obj_t *count_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"start", "step", NULL};
    obj_t *a[2];
    if (args_parse("count", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    obj_t *start = a[0] ? a[0] : SMALLINT_FROM(0);
    obj_t *step = a[1] ? a[1] : SMALLINT_FROM(1);
    if (!is_number(start) || !is_number(step)) {
        err_set_str(exc_TypeError, "a number is required");
        return NULL;
    }
    count_t *c = (count_t *)obj_alloc(type, type->basicsize);
    if (!c) return NULL;
    c->step = NEWREF(step);
    int64_t start64, step64;
    if (INT_CHECK(start) && INT_CHECK(step) && int_as_i64(step, &step64) == 0 && step64 == 1 &&
        int_as_i64(start, &start64) == 0 && start64 != INT64_MAX) {
        c->fast = true;
        atomic_store_explicit(&c->ival, start64, memory_order_relaxed);
    } else {
        err_clear();
        c->cnt = NEWREF(start);
    }
    return (obj_t *)c;
}

static void count_dealloc(obj_t *o) {
    count_t *c = (count_t *)o;
    XDECREF(c->cnt);
    XDECREF(c->step);
    obj_free(o);
}

static obj_t *count_next(obj_t *o) {
    count_t *c = (count_t *)o;
    if (c->fast) {
        int64_t v = atomic_load_explicit(&c->ival, memory_order_relaxed);
        while (v != INT64_MAX) {
            if (atomic_compare_exchange_weak_explicit(&c->ival, &v, v + 1, memory_order_relaxed,
                                                      memory_order_relaxed))
                return int_from_i64(v);
        }
    }
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(o);
    if (!c->cnt) c->cnt = int_from_i64(INT64_MAX);
    if (c->cnt) {
        result = NEWREF(c->cnt);
        obj_t *next = obj_binop(result, c->step, BINOP_ADD);
        if (next) {
            SETREF(c->cnt, next);
        } else {
            CLEAR(result);
        }
    }
    END_CRITICAL_SECTION();
    return result;
}

// The current count (new reference).
static obj_t *count_current(count_t *c) {
    obj_t *cur = NULL;
    if (c->fast) {
        int64_t v = atomic_load_explicit(&c->ival, memory_order_relaxed);
        if (v != INT64_MAX) return int_from_i64(v);
    }
    BEGIN_CRITICAL_SECTION(c);
    cur = c->cnt ? NEWREF(c->cnt) : int_from_i64(INT64_MAX);
    END_CRITICAL_SECTION();
    return cur;
}

// The repr leaves out a step that is an int equal to 1.
static bool step_is_one(obj_t *step) {
    int64_t v;
    if (!INT_CHECK(step)) return false;
    if (int_as_i64(step, &v) < 0) {
        err_clear();
        return false;
    }
    return v == 1;
}

// Still counting in the int64 word (reduce then leaves the step out).
static bool count_is_fast(count_t *c) {
    return c->fast && atomic_load_explicit(&c->ival, memory_order_relaxed) != INT64_MAX;
}

static obj_t *count_repr(obj_t *o) {
    count_t *c = (count_t *)o;
    obj_t *cur = count_current(c);
    if (!cur) return NULL;
    obj_t *r = step_is_one(c->step)
                   ? str_from_format("%U(%R)", TYPE(o)->name_obj, cur)
                   : str_from_format("%U(%R, %R)", TYPE(o)->name_obj, cur, c->step);
    DECREF(cur);
    return r;
}

// (type, args[, state]) with `args` and `state` stolen (state may be NULL).
static obj_t *reduce_value(obj_t *self, obj_t *args, obj_t *state) {
    if (!args) {
        XDECREF(state);
        return NULL;
    }
    obj_t *r = state ? tuple_pack(3, (obj_t *)TYPE(self), args, state)
                     : tuple_pack(2, (obj_t *)TYPE(self), args);
    DECREF(args);
    XDECREF(state);
    return r;
}

static obj_t *count_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    count_t *c = (count_t *)self;
    obj_t *cur = count_current(c);
    if (!cur) return NULL;
    obj_t *inner = count_is_fast(c) ? tuple_pack(1, cur) : tuple_pack(2, cur, c->step);
    DECREF(cur);
    return reduce_value(self, inner, NULL);
}

static const method_def_t count_methods[] = {
    {"__reduce__", count_reduce, METH_DEFAULT, NULL},
    {NULL},
};

static type_t count_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools.count",
    .basicsize = sizeof(count_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = count_dealloc,
    .repr = count_repr,
    .iter = itertools_self_iter,
    .iternext = count_next,
    .tp_new = count_new,
    .methods = count_methods,
};

// ---- cycle ------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *it;    // NULL once the first pass is over
    obj_t *saved; // list
    ssize_t index;
    bool firstpass;
} cycle_t;

static obj_t *cycle_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (type == &cycle_type && args_no_kw("cycle", kwnames) < 0) return NULL;
    if (check_one_arg("cycle", nargs) < 0) return NULL;
    obj_t *it = obj_iter(args[0]);
    if (!it) return NULL;
    obj_t *saved = list_new(0);
    cycle_t *c = saved ? (cycle_t *)obj_alloc(type, type->basicsize) : NULL;
    if (!c) {
        DECREF(it);
        XDECREF(saved);
        return NULL;
    }
    c->it = it;
    c->saved = saved;
    return (obj_t *)c;
}

OBJS_TRAVERSE(cycle_traverse, cycle_t, saved)

static void cycle_dealloc(obj_t *o) {
    dealloc_objs(o, NOBJ(cycle_t, saved));
}

static obj_t *cycle_next(obj_t *o) {
    cycle_t *c = (cycle_t *)o;
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(o);
    obj_t *it = grab(c->it);
    if (it) {
        result = step_it(it);
        if (result) {
            if (!c->firstpass && list_append(c->saved, result) < 0) CLEAR(result);
        } else if (!err_occurred() && c->it == it) {
            CLEAR(c->it);
            c->index = 0;
        }
        DECREF(it);
        if (result || err_occurred()) goto done;
    }
    ssize_t n = list_size(c->saved);
    if (n > 0) {
        if (c->index >= n) c->index = 0;
        result = list_get(c->saved, c->index);
        c->index = c->index + 1 >= n ? 0 : c->index + 1;
    }
done:
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *cycle_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    cycle_t *c = (cycle_t *)self;
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(self);
    if (c->it) {
        r = reduce_value(self, tuple_pack(1, c->it),
                         tuple_pack(2, c->saved, bool_from(c->firstpass)));
    } else {
        obj_t *it = obj_iter(c->saved);
        // Positioned at `index` (CPython calls __setstate__; stepping the
        // list iterator gives the same position).
        for (ssize_t i = 0; it && i < c->index; i++) {
            obj_t *skip = obj_iternext(it);
            if (!skip) {
                if (err_occurred()) CLEAR(it);
                break;
            }
            DECREF(skip);
        }
        if (it) r = reduce_value(self, tuple_pack(1, it), tuple_pack(2, c->saved, True));
        XDECREF(it);
    }
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *cycle_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *state = args[0];
    if (!TUPLE_CHECK(state)) {
        err_set_str(exc_TypeError, "state is not a tuple");
        return NULL;
    }
    if (TUPLE_SIZE(state) != 2) {
        err_format(exc_TypeError, "function takes exactly 2 arguments (%zu given)",
                   TUPLE_SIZE(state));
        return NULL;
    }
    obj_t *saved = TUPLE_GET(state, 0);
    if (!LIST_CHECK(saved)) {
        err_format(exc_TypeError, "argument 1 must be list, not %s", obj_type_name(saved));
        return NULL;
    }
    ssize_t first;
    if (obj_ssize_arg(TUPLE_GET(state, 1), &first) < 0) return NULL;
    cycle_t *c = (cycle_t *)self;
    BEGIN_CRITICAL_SECTION(self);
    SETREF(c->saved, NEWREF(saved));
    c->firstpass = first != 0;
    c->index = 0;
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static const method_def_t cycle_methods[] = {
    {"__reduce__", cycle_reduce, METH_DEFAULT, NULL},
    {"__setstate__", cycle_setstate, METH_DEFAULT, NULL},
    {NULL},
};

static type_t cycle_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools.cycle",
    .basicsize = sizeof(cycle_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = cycle_dealloc,
    .traverse = cycle_traverse,
    .iter = itertools_self_iter,
    .iternext = cycle_next,
    .tp_new = cycle_new,
    .methods = cycle_methods,
};

// ---- repeat -----------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *element;
    _Atomic ssize_t cnt; // -1 = forever
} repeat_t;

static obj_t *repeat_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"object", "times", NULL};
    obj_t *a[2];
    if (args_parse("repeat", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    ssize_t cnt = -1;
    if (a[1]) {
        if (obj_ssize_arg(a[1], &cnt) < 0) return NULL;
        if (cnt < 0) cnt = 0;
    }
    repeat_t *r = (repeat_t *)obj_alloc(type, type->basicsize);
    if (!r) return NULL;
    r->element = NEWREF(a[0]);
    atomic_store_explicit(&r->cnt, cnt, memory_order_relaxed);
    return (obj_t *)r;
}

OBJS_TRAVERSE(repeat_traverse, repeat_t, element)

static void repeat_dealloc(obj_t *o) {
    dealloc_objs(o, NOBJ(repeat_t, element));
}

static obj_t *repeat_next(obj_t *o) {
    repeat_t *r = (repeat_t *)o;
    ssize_t n = atomic_load_explicit(&r->cnt, memory_order_relaxed);
    if (n < 0) return NEWREF(r->element);
    do {
        if (n == 0) return NULL;
    } while (!atomic_compare_exchange_weak_explicit(&r->cnt, &n, n - 1, memory_order_relaxed,
                                                    memory_order_relaxed));
    return NEWREF(r->element);
}

static obj_t *repeat_repr(obj_t *o) {
    repeat_t *r = (repeat_t *)o;
    ssize_t n = atomic_load_explicit(&r->cnt, memory_order_relaxed);
    if (n < 0) return str_from_format("%U(%R)", TYPE(o)->name_obj, r->element);
    return str_from_format("%U(%R, %zd)", TYPE(o)->name_obj, r->element, n);
}

static obj_t *repeat_length_hint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__length_hint__", nargs, kwnames, 0, 0) < 0) return NULL;
    ssize_t n = atomic_load_explicit(&((repeat_t *)self)->cnt, memory_order_relaxed);
    if (n < 0) {
        err_set_str(exc_TypeError, "len() of unsized object");
        return NULL;
    }
    return int_from_i64(n);
}

static obj_t *repeat_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    repeat_t *r = (repeat_t *)self;
    ssize_t n = atomic_load_explicit(&r->cnt, memory_order_relaxed);
    obj_t *inner;
    if (n < 0) {
        inner = tuple_pack(1, r->element);
    } else {
        obj_t *nobj = int_from_i64(n);
        inner = nobj ? tuple_pack(2, r->element, nobj) : NULL;
        XDECREF(nobj);
    }
    return reduce_value(self, inner, NULL);
}

static const method_def_t repeat_methods[] = {
    {"__length_hint__", repeat_length_hint, METH_DEFAULT, NULL},
    {"__reduce__", repeat_reduce, METH_DEFAULT, NULL},
    {NULL},
};

static type_t repeat_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools.repeat",
    .basicsize = sizeof(repeat_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = repeat_dealloc,
    .traverse = repeat_traverse,
    .repr = repeat_repr,
    .iter = itertools_self_iter,
    .iternext = repeat_next,
    .tp_new = repeat_new,
    .methods = repeat_methods,
};

// ---- accumulate -------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *it;
    obj_t *func;    // NULL = addition
    obj_t *total;   // NULL before the first item
    obj_t *initial; // NULL once produced
} accumulate_t;

static obj_t *accumulate_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"iterable", "func", "$initial", NULL};
    obj_t *a[3];
    if (args_parse("accumulate", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *it = obj_iter(a[0]);
    if (!it) return NULL;
    accumulate_t *acc = (accumulate_t *)obj_alloc(type, type->basicsize);
    if (!acc) {
        DECREF(it);
        return NULL;
    }
    acc->it = it;
    if (a[1] && a[1] != None) acc->func = NEWREF(a[1]);
    if (a[2] && a[2] != None) acc->initial = NEWREF(a[2]);
    return (obj_t *)acc;
}

OBJS_TRAVERSE(accumulate_traverse, accumulate_t, initial)

static void accumulate_dealloc(obj_t *o) {
    dealloc_objs(o, NOBJ(accumulate_t, initial));
}

static obj_t *accumulate_next(obj_t *o) {
    accumulate_t *acc = (accumulate_t *)o;
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(o);
    if (acc->initial) {
        result = acc->initial;
        acc->initial = NULL;
        SETREF(acc->total, NEWREF(result));
    } else {
        obj_t *it = grab(acc->it);
        obj_t *val = it ? step_it(it) : NULL;
        XDECREF(it);
        if (val) {
            obj_t *total = grab(acc->total);
            if (!total) {
                result = val;
            } else {
                obj_t *func = grab(acc->func);
                result = func ? obj_call2(func, total, val) : obj_binop(total, val, BINOP_ADD);
                XDECREF(func);
                DECREF(total);
                DECREF(val);
            }
            if (result) SETREF(acc->total, NEWREF(result));
        }
    }
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *accumulate_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    accumulate_t *acc = (accumulate_t *)self;
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(self);
    obj_t *it = acc->it, *func = acc->func ? acc->func : None;
    if (acc->initial) {
        // accumulate(chain((initial,), it), func), None
        obj_t *one = tuple_pack(1, acc->initial);
        obj_t *src = one ? tuple_pack(2, one, it) : NULL;
        obj_t *ch = src ? obj_call_method((obj_t *)&chain_type, "from_iterable", &src, 1) : NULL;
        XDECREF(one);
        XDECREF(src);
        if (ch) r = reduce_value(self, tuple_pack(2, ch, func), NEWREF(None));
        XDECREF(ch);
    } else {
        r = reduce_value(self, tuple_pack(2, it, func), NEWREF(acc->total ? acc->total : None));
    }
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *accumulate_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    accumulate_t *acc = (accumulate_t *)self;
    BEGIN_CRITICAL_SECTION(self);
    SETREF(acc->total, args[0] == None ? NULL : NEWREF(args[0]));
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static const method_def_t accumulate_methods[] = {
    {"__reduce__", accumulate_reduce, METH_DEFAULT, NULL},
    {"__setstate__", accumulate_setstate, METH_DEFAULT, NULL},
    {NULL},
};

static type_t accumulate_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools.accumulate",
    .basicsize = sizeof(accumulate_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = accumulate_dealloc,
    .traverse = accumulate_traverse,
    .iter = itertools_self_iter,
    .iternext = accumulate_next,
    .tp_new = accumulate_new,
    .methods = accumulate_methods,
};

// ---- chain -----------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *source; // iterator over the iterables; NULL when done
    obj_t *active; // the current iterator, or NULL
} chain_t;

static obj_t *chain_make(type_t *type, obj_t *source) {
    chain_t *c = (chain_t *)obj_alloc(type, type->basicsize);
    if (!c) {
        DECREF(source);
        return NULL;
    }
    c->source = source;
    return (obj_t *)c;
}

static obj_t *chain_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (type == &chain_type && args_no_kw("chain", kwnames) < 0) return NULL;
    obj_t *t = tuple_from_array(args, nargs);
    if (!t) return NULL;
    obj_t *source = obj_iter(t);
    DECREF(t);
    return source ? chain_make(type, source) : NULL;
}

static obj_t *chain_from_iterable(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("chain.from_iterable", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *source = obj_iter(args[0]);
    return source ? chain_make((type_t *)cls, source) : NULL;
}

OBJS_TRAVERSE(chain_traverse, chain_t, active)

static void chain_dealloc(obj_t *o) {
    dealloc_objs(o, NOBJ(chain_t, active));
}

static obj_t *chain_next(obj_t *o) {
    chain_t *c = (chain_t *)o;
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(o);
    for (;;) {
        obj_t *active = grab(c->active);
        if (active) {
            result = step_it(active);
            if (!result && !err_occurred() && c->active == active) CLEAR(c->active);
            DECREF(active);
            if (result || err_occurred()) break;
            continue;
        }
        obj_t *source = grab(c->source);
        if (!source) break;
        obj_t *iterable = step_it(source);
        DECREF(source);
        if (!iterable) {
            if (!err_occurred()) CLEAR(c->source);
            break;
        }
        active = obj_iter(iterable);
        DECREF(iterable);
        if (!active) {
            CLEAR(c->source);
            break;
        }
        SETREF(c->active, active);
    }
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *chain_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    chain_t *c = (chain_t *)self;
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(self);
    if (!c->source)
        r = reduce_value(self, tuple_new(0), NULL);
    else if (!c->active)
        r = reduce_value(self, tuple_new(0), tuple_pack(1, c->source));
    else
        r = reduce_value(self, tuple_new(0), tuple_pack(2, c->source, c->active));
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *chain_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *state = args[0];
    if (!TUPLE_CHECK(state)) {
        err_set_str(exc_TypeError, "state is not a tuple");
        return NULL;
    }
    size_t n = TUPLE_SIZE(state);
    if (n < 1 || n > 2) {
        err_format(exc_TypeError,
                   n < 1 ? "function takes at least 1 argument (%zu given)"
                         : "function takes at most 2 arguments (%zu given)",
                   n);
        return NULL;
    }
    obj_t *source = TUPLE_GET(state, 0), *active = n > 1 ? TUPLE_GET(state, 1) : NULL;
    if (!TYPE(source)->iternext || (active && !TYPE(active)->iternext)) {
        err_set_str(exc_TypeError, "Arguments must be iterators.");
        return NULL;
    }
    chain_t *c = (chain_t *)self;
    BEGIN_CRITICAL_SECTION(self);
    SETREF(c->source, NEWREF(source));
    SETREF(c->active, active ? NEWREF(active) : NULL);
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static const method_def_t chain_methods[] = {
    {"from_iterable", chain_from_iterable, METH_CLASS, NULL},
    {"__reduce__", chain_reduce, METH_DEFAULT, NULL},
    {"__setstate__", chain_setstate, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL},
};

static type_t chain_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools.chain",
    .basicsize = sizeof(chain_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = chain_dealloc,
    .traverse = chain_traverse,
    .iter = itertools_self_iter,
    .iternext = chain_next,
    .tp_new = chain_new,
    .methods = chain_methods,
};

// ---- compress ----------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *data;
    obj_t *selectors;
} compress_t;

static obj_t *compress_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"data", "selectors", NULL};
    obj_t *a[2];
    if (args_parse("compress", args, nargs, kwnames, names, 2, a) < 0) return NULL;
    obj_t *data = obj_iter(a[0]);
    if (!data) return NULL;
    obj_t *sel = obj_iter(a[1]);
    compress_t *c = sel ? (compress_t *)obj_alloc(type, type->basicsize) : NULL;
    if (!c) {
        DECREF(data);
        XDECREF(sel);
        return NULL;
    }
    c->data = data;
    c->selectors = sel;
    return (obj_t *)c;
}

OBJS_TRAVERSE(compress_traverse, compress_t, selectors)

static void compress_dealloc(obj_t *o) {
    dealloc_objs(o, NOBJ(compress_t, selectors));
}

static obj_t *compress_next(obj_t *o) {
    compress_t *c = (compress_t *)o;
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(o);
    obj_t *data = grab(c->data), *sel = grab(c->selectors);
    for (;;) {
        obj_t *d = step_it(data);
        if (!d) break;
        obj_t *s = step_it(sel);
        if (!s) {
            DECREF(d);
            break;
        }
        int ok = obj_is_true(s);
        DECREF(s);
        if (ok > 0) {
            result = d;
            break;
        }
        DECREF(d);
        if (ok < 0) break;
    }
    DECREF(data);
    DECREF(sel);
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *compress_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    compress_t *c = (compress_t *)self;
    return reduce_value(self, tuple_pack(2, c->data, c->selectors), NULL);
}

static const method_def_t compress_methods[] = {
    {"__reduce__", compress_reduce, METH_DEFAULT, NULL},
    {NULL},
};

static type_t compress_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools.compress",
    .basicsize = sizeof(compress_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = compress_dealloc,
    .traverse = compress_traverse,
    .iter = itertools_self_iter,
    .iternext = compress_next,
    .tp_new = compress_new,
    .methods = compress_methods,
};

// ---- dropwhile, takewhile, filterfalse, starmap: (function, iterator) --------------------

typedef struct {
    obj_t ob;
    obj_t *func;
    obj_t *it;
    bool state; // dropwhile: done dropping; takewhile: stopped
} funcit_t;

static obj_t *funcit_make(type_t *type, const char *name, obj_t *const *args, size_t nargs,
                          obj_t *kwnames, type_t *exact) {
    if (type == exact && args_no_kw(name, kwnames) < 0) return NULL;
    if (args_check(name, nargs, NULL, 2, 2) < 0) return NULL;
    obj_t *it = obj_iter(args[1]);
    if (!it) return NULL;
    funcit_t *f = (funcit_t *)obj_alloc(type, type->basicsize);
    if (!f) {
        DECREF(it);
        return NULL;
    }
    f->func = NEWREF(args[0]);
    f->it = it;
    return (obj_t *)f;
}

OBJS_TRAVERSE(funcit_traverse, funcit_t, it)

static void funcit_dealloc(obj_t *o) {
    dealloc_objs(o, NOBJ(funcit_t, it));
}

// 1 if func(item) is true, 0 false, -1 error.
static int call_pred(obj_t *func, obj_t *item) {
    obj_t *r = obj_call1(func, item);
    if (!r) return -1;
    int ok = obj_is_true(r);
    DECREF(r);
    return ok;
}

static obj_t *funcit_reduce_state(obj_t *self, bool with_state) {
    funcit_t *f = (funcit_t *)self;
    bool state;
    BEGIN_CRITICAL_SECTION(self);
    state = f->state;
    END_CRITICAL_SECTION();
    return reduce_value(self, tuple_pack(2, f->func, f->it),
                        with_state ? SMALLINT_FROM(state ? 1 : 0) : NULL);
}

static obj_t *funcit_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    return funcit_reduce_state(self, false);
}

static obj_t *funcit_reduce_with_state(obj_t *self, obj_t *const *args, size_t nargs,
                                       obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    return funcit_reduce_state(self, true);
}

static obj_t *funcit_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    int t = obj_is_true(args[0]);
    if (t < 0) return NULL;
    BEGIN_CRITICAL_SECTION(self);
    ((funcit_t *)self)->state = t;
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static const method_def_t funcit_state_methods[] = {
    {"__reduce__", funcit_reduce_with_state, METH_DEFAULT, NULL},
    {"__setstate__", funcit_setstate, METH_DEFAULT, NULL},
    {NULL},
};

static const method_def_t funcit_methods[] = {
    {"__reduce__", funcit_reduce, METH_DEFAULT, NULL},
    {NULL},
};

static type_t dropwhile_type, takewhile_type, filterfalse_type, starmap_type;

static obj_t *dropwhile_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return funcit_make(type, "dropwhile", args, nargs, kwnames, &dropwhile_type);
}

static obj_t *dropwhile_next(obj_t *o) {
    funcit_t *f = (funcit_t *)o;
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(o);
    for (;;) {
        obj_t *item = step_it(f->it);
        if (!item) break;
        if (f->state) {
            result = item;
            break;
        }
        int ok = call_pred(f->func, item);
        if (ok == 0) {
            f->state = true;
            result = item;
            break;
        }
        DECREF(item);
        if (ok < 0) break;
    }
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *takewhile_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return funcit_make(type, "takewhile", args, nargs, kwnames, &takewhile_type);
}

static obj_t *takewhile_next(obj_t *o) {
    funcit_t *f = (funcit_t *)o;
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(o);
    if (!f->state) {
        obj_t *item = step_it(f->it);
        if (item) {
            int ok = call_pred(f->func, item);
            if (ok > 0) {
                result = item;
            } else {
                DECREF(item);
                if (ok == 0) f->state = true;
            }
        }
    }
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *filterfalse_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return funcit_make(type, "filterfalse", args, nargs, kwnames, &filterfalse_type);
}

static obj_t *filterfalse_next(obj_t *o) {
    funcit_t *f = (funcit_t *)o;
    // The fields never change after construction: no section needed, the
    // underlying iterator guards itself.
    bool truth = f->func == None || f->func == (obj_t *)&bool_type;
    for (;;) {
        obj_t *item = step_it(f->it);
        if (!item) return NULL;
        int ok = truth ? obj_is_true(item) : call_pred(f->func, item);
        if (ok == 0) return item;
        DECREF(item);
        if (ok < 0) return NULL;
    }
}

static obj_t *starmap_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return funcit_make(type, "starmap", args, nargs, kwnames, &starmap_type);
}

static obj_t *starmap_next(obj_t *o) {
    funcit_t *f = (funcit_t *)o;
    obj_t *item = step_it(f->it);
    if (!item) return NULL;
    obj_t *argt = TUPLE_CHECK(item) ? NEWREF(item) : tuple_from_iterable(item);
    DECREF(item);
    if (!argt) return NULL;
    obj_t *r = obj_call(f->func, TUPLE_ITEMS(argt), TUPLE_SIZE(argt), NULL);
    DECREF(argt);
    return r;
}

#define FUNCIT_TYPE(var, pyname, methods_)                                                         \
    static type_t var##_type = {                                                                   \
        .ob = OBJ_HEAD_INIT(&type_type),                                                           \
        .name = "itertools." pyname,                                                               \
        .basicsize = sizeof(funcit_t),                                                             \
        .flags = TPFLAG_BASETYPE,                                                                  \
        .base = &object_type,                                                                      \
        .dealloc = funcit_dealloc,                                                                 \
        .traverse = funcit_traverse,                                                               \
        .iter = itertools_self_iter,                                                               \
        .iternext = var##_next,                                                                    \
        .tp_new = var##_new,                                                                       \
        .methods = methods_,                                                                       \
    };

FUNCIT_TYPE(dropwhile, "dropwhile", funcit_state_methods)
FUNCIT_TYPE(takewhile, "takewhile", funcit_state_methods)
FUNCIT_TYPE(filterfalse, "filterfalse", funcit_methods)
FUNCIT_TYPE(starmap, "starmap", funcit_methods)

// ---- groupby and _grouper -----------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *it;
    obj_t *keyfunc; // NULL = identity
    obj_t *tgtkey, *currkey, *currvalue;
    obj_t *currgrouper; // borrowed: identifies the live grouper, never dereferenced
} groupby_t;

typedef struct {
    obj_t ob;
    obj_t *parent; // groupby_t
    obj_t *tgtkey;
} grouper_t;

static obj_t *groupby_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"iterable", "key", NULL};
    obj_t *a[2];
    size_t total = nargs + (kwnames ? TUPLE_SIZE(kwnames) : 0);
    if (total > 2) {
        err_format(exc_TypeError, "groupby() takes at most 2 arguments (%zu given)", total);
        return NULL;
    }
    if (args_parse("groupby", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *it = obj_iter(a[0]);
    if (!it) return NULL;
    groupby_t *g = (groupby_t *)obj_alloc(type, type->basicsize);
    if (!g) {
        DECREF(it);
        return NULL;
    }
    g->it = it;
    if (a[1] && a[1] != None) g->keyfunc = NEWREF(a[1]);
    return (obj_t *)g;
}

OBJS_TRAVERSE(groupby_traverse, groupby_t, currvalue)

static void groupby_dealloc(obj_t *o) {
    dealloc_objs(o, NOBJ(groupby_t, currvalue));
}

// Reads the next value and its key into currvalue/currkey; -1 at the end
// (no exception) or on error.  Runs in g's section.
static int groupby_step(groupby_t *g) {
    obj_t *it = grab(g->it);
    obj_t *val = step_it(it);
    DECREF(it);
    if (!val) return -1;
    obj_t *key;
    if (!g->keyfunc) {
        key = NEWREF(val);
    } else {
        obj_t *kf = grab(g->keyfunc);
        key = obj_call1(kf, val);
        DECREF(kf);
        if (!key) {
            DECREF(val);
            return -1;
        }
    }
    SETREF(g->currvalue, val);
    SETREF(g->currkey, key);
    return 0;
}

// tgtkey == currkey as 1/0/-1, with references held across __eq__.
static int keys_equal(obj_t *tgt, obj_t *cur) {
    INCREF(tgt);
    INCREF(cur);
    int r = obj_richcompare_bool(tgt, cur, CMP_EQ_OP);
    DECREF(tgt);
    DECREF(cur);
    return r;
}

static obj_t *groupby_next(obj_t *o) {
    groupby_t *g = (groupby_t *)o;
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(o);
    g->currgrouper = NULL;
retry:
    for (;;) {
        if (!g->currkey) {
            // pass: read the first value
        } else if (!g->tgtkey) {
            break;
        } else {
            int eq = keys_equal(g->tgtkey, g->currkey);
            if (eq < 0) goto done;
            if (eq == 0) break;
        }
        if (groupby_step(g) < 0) goto done;
    }
    // A blocking __eq__ or key function lets the section go: another
    // thread's grouper may have taken the current value meanwhile.
    if (!g->currkey) goto retry;
    SETREF(g->tgtkey, NEWREF(g->currkey));
    grouper_t *gr = (grouper_t *)obj_alloc(&grouper_type, sizeof(grouper_t));
    if (!gr) goto done;
    gr->parent = NEWREF(o);
    gr->tgtkey = NEWREF(g->tgtkey);
    g->currgrouper = (obj_t *)gr;
    result = tuple_pack(2, g->currkey, (obj_t *)gr);
    DECREF((obj_t *)gr);
done:
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *groupby_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    groupby_t *g = (groupby_t *)self;
    obj_t *r;
    BEGIN_CRITICAL_SECTION(self);
    obj_t *kf = g->keyfunc ? g->keyfunc : None;
    if (g->tgtkey && g->currkey && g->currvalue)
        r = reduce_value(self, tuple_pack(2, g->it, kf),
                         tuple_pack(3, g->currkey, g->currvalue, g->tgtkey));
    else
        r = reduce_value(self, tuple_pack(2, g->it, kf), NULL);
    END_CRITICAL_SECTION();
    return r;
}

static const method_def_t groupby_methods[] = {
    {"__reduce__", groupby_reduce, METH_DEFAULT, NULL},
    {NULL},
};

static type_t groupby_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools.groupby",
    .basicsize = sizeof(groupby_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = groupby_dealloc,
    .traverse = groupby_traverse,
    .iter = itertools_self_iter,
    .iternext = groupby_next,
    .tp_new = groupby_new,
    .methods = groupby_methods,
};

static obj_t *grouper_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("_grouper", kwnames) < 0) return NULL;
    if (args_check("_grouper", nargs, NULL, 2, 2) < 0) return NULL;
    if (TYPE(args[0]) != &groupby_type && !type_is_subtype(TYPE(args[0]), &groupby_type)) {
        err_format(exc_TypeError, "_grouper() argument 1 must be itertools.groupby, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    grouper_t *gr = (grouper_t *)obj_alloc(type, type->basicsize);
    if (!gr) return NULL;
    gr->parent = NEWREF(args[0]);
    gr->tgtkey = NEWREF(args[1]);
    return (obj_t *)gr;
}

OBJS_TRAVERSE(grouper_traverse, grouper_t, tgtkey)

static void grouper_dealloc(obj_t *o) {
    dealloc_objs(o, NOBJ(grouper_t, tgtkey));
}

static obj_t *grouper_next(obj_t *o) {
    grouper_t *gr = (grouper_t *)o;
    groupby_t *g = (groupby_t *)gr->parent;
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(g);
    if (g->currgrouper != o) goto done;
    if (!g->currvalue && groupby_step(g) < 0) goto done;
    if (!g->currkey) goto done;
    int eq = keys_equal(gr->tgtkey, g->currkey);
    if (eq <= 0) goto done;
    if (g->currgrouper != o) goto done; // the section was let go in __eq__
    result = g->currvalue;
    g->currvalue = NULL;
    CLEAR(g->currkey);
done:
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *grouper_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    grouper_t *gr = (grouper_t *)self;
    groupby_t *g = (groupby_t *)gr->parent;
    bool current;
    BEGIN_CRITICAL_SECTION(g);
    current = g->currgrouper == self;
    END_CRITICAL_SECTION();
    if (!current) {
        obj_t *empty = tuple_new(0);
        if (!empty) return NULL;
        obj_t *it = obj_iter(empty);
        DECREF(empty);
        if (!it) return NULL;
        obj_t *args1 = tuple_pack(1, it);
        DECREF(it);
        if (!args1) return NULL;
        obj_t *iterfn = dict_get_str(pvm_rt.builtins_dict, "iter");
        obj_t *r = iterfn ? tuple_pack(2, iterfn, args1) : NULL;
        XDECREF(iterfn);
        DECREF(args1);
        return r;
    }
    return reduce_value(self, tuple_pack(2, gr->parent, gr->tgtkey), NULL);
}

static const method_def_t grouper_methods[] = {
    {"__reduce__", grouper_reduce, METH_DEFAULT, NULL},
    {NULL},
};

static type_t grouper_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools._grouper",
    .basicsize = sizeof(grouper_t),
    .base = &object_type,
    .dealloc = grouper_dealloc,
    .traverse = grouper_traverse,
    .iter = itertools_self_iter,
    .iternext = grouper_next,
    .tp_new = grouper_new,
    .methods = grouper_methods,
};

// ---- islice ----------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *it;                     // NULL once exhausted
    ssize_t next, stop, step, cnt; // stop -1 = None
} islice_t;

// An islice index: None (keeps *out) or 0 <= x <= sys.maxsize, else
// ValueError `msg`.
static int islice_index(obj_t *v, ssize_t *out, const char *msg) {
    if (v == None) return 0;
    ssize_t x;
    if (obj_ssize_arg(v, &x) < 0 || x < 0) {
        err_clear();
        err_set_str(exc_ValueError, msg);
        return -1;
    }
    *out = x;
    return 0;
}

static obj_t *islice_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (type == &islice_type && args_no_kw("islice", kwnames) < 0) return NULL;
    if (args_check("islice", nargs, NULL, 2, 4) < 0) return NULL;
    ssize_t start = 0, stop = -1, step = 1;
    static const char stop_msg[] =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    static const char idx_msg[] =
        "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    if (nargs == 2) {
        if (islice_index(args[1], &stop, stop_msg) < 0) return NULL;
    } else {
        if (islice_index(args[1], &start, idx_msg) < 0 ||
            islice_index(args[2], &stop, stop_msg) < 0)
            return NULL;
        if (nargs == 4 && args[3] != None) {
            if (obj_ssize_arg(args[3], &step) < 0) {
                err_clear();
                step = -1;
            }
            if (step < 1) {
                err_set_str(exc_ValueError,
                            "Step for islice() must be a positive integer or None.");
                return NULL;
            }
        }
    }
    obj_t *it = obj_iter(args[0]);
    if (!it) return NULL;
    islice_t *s = (islice_t *)obj_alloc(type, type->basicsize);
    if (!s) {
        DECREF(it);
        return NULL;
    }
    s->it = it;
    s->next = start;
    s->stop = stop;
    s->step = step;
    return (obj_t *)s;
}

OBJS_TRAVERSE(islice_traverse, islice_t, it)

static void islice_dealloc(obj_t *o) {
    dealloc_objs(o, NOBJ(islice_t, it));
}

static obj_t *islice_next(obj_t *o) {
    islice_t *s = (islice_t *)o;
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(o);
    obj_t *it = grab(s->it);
    if (!it) goto done;
    while (s->cnt < s->next) {
        obj_t *item = step_it(it);
        if (!item) goto empty;
        DECREF(item);
        s->cnt++;
    }
    if (s->stop != -1 && s->cnt >= s->stop) goto empty;
    result = step_it(it);
    if (!result) goto empty;
    s->cnt++;
    ssize_t old = s->next;
    s->next += s->step;
    if (s->next < old || (s->stop != -1 && s->next > s->stop)) s->next = s->stop;
    goto done;
empty:
    if (s->it == it) CLEAR(s->it);
done:
    XDECREF(it);
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *islice_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    islice_t *s = (islice_t *)self;
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(self);
    if (!s->it) {
        obj_t *empty = list_new(0);
        obj_t *eit = empty ? obj_iter(empty) : NULL;
        XDECREF(empty);
        if (eit) r = reduce_value(self, tuple_pack(2, eit, SMALLINT_FROM(0)), NULL);
        XDECREF(eit);
    } else {
        obj_t *stop = s->stop == -1 ? NEWREF(None) : int_from_i64(s->stop);
        obj_t *next = int_from_i64(s->next), *step = int_from_i64(s->step);
        obj_t *cnt = int_from_i64(s->cnt);
        if (stop && next && step && cnt)
            r = reduce_value(self, tuple_pack(4, s->it, next, stop, step), NEWREF(cnt));
        XDECREF(stop);
        XDECREF(next);
        XDECREF(step);
        XDECREF(cnt);
    }
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *islice_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    ssize_t cnt;
    if (obj_ssize_arg(args[0], &cnt) < 0) return NULL;
    BEGIN_CRITICAL_SECTION(self);
    ((islice_t *)self)->cnt = cnt;
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static const method_def_t islice_methods[] = {
    {"__reduce__", islice_reduce, METH_DEFAULT, NULL},
    {"__setstate__", islice_setstate, METH_DEFAULT, NULL},
    {NULL},
};

static type_t islice_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools.islice",
    .basicsize = sizeof(islice_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = islice_dealloc,
    .traverse = islice_traverse,
    .iter = itertools_self_iter,
    .iternext = islice_next,
    .tp_new = islice_new,
    .methods = islice_methods,
};

// ---- pairwise ---------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *it;
    obj_t *old;
} pairwise_t;

static type_t pairwise_type;

static obj_t *pairwise_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (type == &pairwise_type && args_no_kw("pairwise", kwnames) < 0) return NULL;
    if (check_one_arg("pairwise", nargs) < 0) return NULL;
    obj_t *it = obj_iter(args[0]);
    if (!it) return NULL;
    pairwise_t *p = (pairwise_t *)obj_alloc(type, type->basicsize);
    if (!p) {
        DECREF(it);
        return NULL;
    }
    p->it = it;
    return (obj_t *)p;
}

OBJS_TRAVERSE(pairwise_traverse, pairwise_t, old)

static void pairwise_dealloc(obj_t *o) {
    dealloc_objs(o, NOBJ(pairwise_t, old));
}

static obj_t *pairwise_next(obj_t *o) {
    pairwise_t *p = (pairwise_t *)o;
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(o);
    obj_t *it = grab(p->it);
    if (!it) goto done;
    if (!p->old) {
        obj_t *first = step_it(it);
        if (!first) {
            CLEAR(p->it);
            goto done;
        }
        SETREF(p->old, first);
    }
    obj_t *next = step_it(it);
    if (!next) {
        CLEAR(p->it);
        CLEAR(p->old);
        goto done;
    }
    obj_t *old = grab(p->old);
    if (old) {
        result = tuple_pack(2, old, next);
        DECREF(old);
    }
    SETREF(p->old, next);
done:
    XDECREF(it);
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *pairwise_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_format(exc_TypeError, "cannot pickle '%s' object", "pairwise");
    return NULL;
}

static const method_def_t pairwise_methods[] = {
    {"__reduce__", pairwise_reduce, METH_DEFAULT, NULL},
    {NULL},
};

static type_t pairwise_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools.pairwise",
    .basicsize = sizeof(pairwise_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = pairwise_dealloc,
    .traverse = pairwise_traverse,
    .iter = itertools_self_iter,
    .iternext = pairwise_next,
    .tp_new = pairwise_new,
    .methods = pairwise_methods,
};

// ---- tee -----------------------------------------------------------------------------------

#define LINKCELLS 57

typedef struct teedata {
    obj_t ob;
    obj_t *it;       // the shared source
    obj_t *nextlink; // the following link, made when this one is full
    int numread;     // values[0..numread) are set
    bool running;
    obj_t *values[LINKCELLS];
} teedata_t;

typedef struct {
    obj_t ob;
    obj_t *dataobj; // teedata_t
    int index;
} tee_t;

static teedata_t *teedata_make(obj_t *it) {
    if (type_ensure_ready(&teedata_type) < 0) return NULL;
    teedata_t *d = (teedata_t *)obj_alloc(&teedata_type, sizeof(teedata_t));
    if (!d) return NULL;
    d->it = NEWREF(it);
    return d;
}

static int teedata_traverse(obj_t *o, visitproc visit, void *arg) {
    teedata_t *d = (teedata_t *)o;
    int r = gc_visit_fields(d->values, (size_t)d->numread, visit, arg);
    if (r == 0) r = GC_VISIT_FIELDS(visit, arg, d->nextlink, d->it);
    return r;
}

static void teedata_dealloc(obj_t *o) {
    teedata_t *d = (teedata_t *)o;
    for (int i = 0; i < d->numread; i++)
        DECREF(d->values[i]);
    // A long chain of links is released without deep C recursion by the
    // trashcan in the DECREF-to-zero path (gc/trashcan.h).
    XDECREF(d->nextlink);
    XDECREF(d->it);
    obj_free(o);
}

// The link after d (new reference), made on first use.
static obj_t *teedata_jumplink(teedata_t *d) {
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(d);
    if (!d->nextlink) d->nextlink = (obj_t *)teedata_make(d->it);
    r = d->nextlink ? NEWREF(d->nextlink) : NULL;
    END_CRITICAL_SECTION();
    return r;
}

// Value i of the link (new ref): read from the source when i == numread.
static obj_t *teedata_getitem(teedata_t *d, int i) {
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(d);
    if (i < d->numread) {
        r = NEWREF(d->values[i]);
    } else if (d->running) {
        err_set_str(exc_RuntimeError, "cannot re-enter the tee iterator");
    } else {
        d->running = true;
        obj_t *v = step_it(d->it);
        d->running = false;
        if (v) {
            if (i < d->numread) { // another thread filled it meanwhile
                r = NEWREF(d->values[i]);
                // keep v: it belongs at the next free cell, if any
                if (d->numread < LINKCELLS)
                    d->values[d->numread++] = v;
                else
                    DECREF(v);
            } else {
                d->values[d->numread++] = v;
                r = NEWREF(v);
            }
        }
    }
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *teedata_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_tee_dataobject", nargs, kwnames, 3, 3) < 0) return NULL;
    obj_t *values = args[1], *next = args[2];
    if (!LIST_CHECK(values)) {
        err_format(exc_TypeError, "_tee_dataobject() argument 2 must be list, not %s",
                   obj_type_name(values));
        return NULL;
    }
    ssize_t n = list_size(values);
    if (n > LINKCELLS) {
        err_set_str(exc_ValueError, "_tee_dataobject: Invalid arguments");
        return NULL;
    }
    if (next != None && TYPE(next) != &teedata_type) {
        err_set_str(exc_ValueError, "_tee_dataobject: Invalid arguments");
        return NULL;
    }
    teedata_t *d = teedata_make(args[0]);
    if (!d) return NULL;
    for (ssize_t i = 0; i < n; i++) {
        obj_t *v = list_get(values, i);
        if (!v) {
            DECREF((obj_t *)d);
            return NULL;
        }
        d->values[d->numread++] = v;
    }
    if (next != None) d->nextlink = NEWREF(next);
    return (obj_t *)d;
}

static obj_t *teedata_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    teedata_t *d = (teedata_t *)self;
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(self);
    obj_t *values = list_from_array(d->values, (size_t)d->numread);
    if (values)
        r = reduce_value(self, tuple_pack(3, d->it, values, d->nextlink ? d->nextlink : None),
                         NULL);
    XDECREF(values);
    END_CRITICAL_SECTION();
    return r;
}

static const method_def_t teedata_methods[] = {
    {"__reduce__", teedata_reduce, METH_DEFAULT, NULL},
    {NULL},
};

static type_t teedata_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools._tee_dataobject",
    .basicsize = sizeof(teedata_t),
    .base = &object_type,
    .dealloc = teedata_dealloc,
    .traverse = teedata_traverse,
    .tp_new = teedata_new,
    .methods = teedata_methods,
};

static obj_t *tee_make(type_t *type, obj_t *dataobj, int index) {
    if (type_ensure_ready(&tee_type) < 0) return NULL;
    tee_t *t = (tee_t *)obj_alloc(type, type->basicsize);
    if (!t) return NULL;
    t->dataobj = NEWREF(dataobj);
    t->index = index;
    return (obj_t *)t;
}

// A new _tee over the iterator `it` (a copy when `it` is a _tee).
static obj_t *tee_fromiterable(obj_t *iterable) {
    obj_t *it = obj_iter(iterable);
    if (!it) return NULL;
    obj_t *r;
    if (TYPE(it) == &tee_type) {
        tee_t *src = (tee_t *)it;
        BEGIN_CRITICAL_SECTION(it);
        r = tee_make(&tee_type, src->dataobj, src->index);
        END_CRITICAL_SECTION();
    } else {
        teedata_t *d = teedata_make(it);
        r = d ? tee_make(&tee_type, (obj_t *)d, 0) : NULL;
        XDECREF((obj_t *)d);
    }
    DECREF(it);
    return r;
}

static obj_t *tee_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_tee", nargs, kwnames, 1, 1) < 0) return NULL;
    return tee_fromiterable(args[0]);
}

OBJS_TRAVERSE(tee_traverse, tee_t, dataobj)

static void tee_dealloc(obj_t *o) {
    dealloc_objs(o, NOBJ(tee_t, dataobj));
}

static obj_t *tee_next(obj_t *o) {
    tee_t *t = (tee_t *)o;
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(o);
    if (t->index >= LINKCELLS) {
        obj_t *link = teedata_jumplink((teedata_t *)t->dataobj);
        if (!link) goto done;
        SETREF(t->dataobj, link);
        t->index = 0;
    }
    obj_t *d = grab(t->dataobj);
    int i = t->index;
    result = teedata_getitem((teedata_t *)d, i);
    if (result && t->dataobj == d && t->index == i) t->index++;
    DECREF(d);
done:
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *tee_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__copy__", nargs, kwnames, 0, 0) < 0) return NULL;
    tee_t *t = (tee_t *)self;
    obj_t *r;
    BEGIN_CRITICAL_SECTION(self);
    r = tee_make(&tee_type, t->dataobj, t->index);
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *tee_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    tee_t *t = (tee_t *)self;
    obj_t *r = NULL;
    obj_t *empty = tuple_new(0);
    if (!empty) return NULL;
    BEGIN_CRITICAL_SECTION(self);
    obj_t *idx = SMALLINT_FROM(t->index);
    r = reduce_value(self, tuple_pack(1, empty), tuple_pack(2, t->dataobj, idx));
    END_CRITICAL_SECTION();
    DECREF(empty);
    return r;
}

static obj_t *tee_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *state = args[0];
    if (!TUPLE_CHECK(state) || TUPLE_SIZE(state) != 2) {
        err_set_str(exc_TypeError, "state is not a tuple");
        return NULL;
    }
    obj_t *d = TUPLE_GET(state, 0);
    if (TYPE(d) != &teedata_type) {
        err_format(exc_TypeError, "argument 1 must be itertools._tee_dataobject, not %s",
                   obj_type_name(d));
        return NULL;
    }
    ssize_t index;
    if (obj_ssize_arg(TUPLE_GET(state, 1), &index) < 0) return NULL;
    if (index < 0 || index > LINKCELLS) {
        err_set_str(exc_ValueError, "Index out of range");
        return NULL;
    }
    tee_t *t = (tee_t *)self;
    BEGIN_CRITICAL_SECTION(self);
    SETREF(t->dataobj, NEWREF(d));
    t->index = (int)index;
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static const method_def_t tee_methods[] = {
    {"__copy__", tee_copy, METH_DEFAULT, NULL},
    {"__reduce__", tee_reduce, METH_DEFAULT, NULL},
    {"__setstate__", tee_setstate, METH_DEFAULT, NULL},
    {NULL},
};

static type_t tee_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools._tee",
    .basicsize = sizeof(tee_t),
    .base = &object_type,
    .dealloc = tee_dealloc,
    .traverse = tee_traverse,
    .iter = itertools_self_iter,
    .iternext = tee_next,
    .tp_new = tee_new,
    .methods = tee_methods,
};

static obj_t *itertools_tee(obj_t *mod, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("itertools.tee", kwnames) < 0) return NULL;
    if (args_check("tee", nargs, NULL, 1, 2) < 0) return NULL;
    ssize_t n = 2;
    if (nargs > 1 && obj_ssize_arg(args[1], &n) < 0) return NULL;
    if (n < 0) {
        err_set_str(exc_ValueError, "n must be >= 0");
        return NULL;
    }
    obj_t *it = obj_iter(args[0]);
    if (!it) return NULL;
    obj_t *result = tuple_new((size_t)n);
    if (!result) {
        DECREF(it);
        return NULL;
    }
    if (n == 0) {
        DECREF(it);
        return result;
    }
    obj_t *copyfunc = obj_lookup_attr(it, str_intern("__copy__"));
    obj_t *copyable;
    if (copyfunc) {
        copyable = it;
    } else {
        if (err_occurred()) goto fail_it;
        copyable = tee_fromiterable(it);
        DECREF(it);
        if (!copyable) goto fail;
        copyfunc = obj_getattr_str(copyable, "__copy__");
        if (!copyfunc) {
            DECREF(copyable);
            goto fail;
        }
    }
    TUPLE_SET(result, 0, copyable);
    for (ssize_t i = 1; i < n; i++) {
        obj_t *c = obj_call0(copyfunc);
        if (!c) {
            for (ssize_t k = i; k < n; k++)
                TUPLE_SET(result, k, NEWREF(None));
            DECREF(copyfunc);
            goto fail;
        }
        TUPLE_SET(result, i, c);
    }
    DECREF(copyfunc);
    return result;
fail_it:
    DECREF(it);
fail:
    for (ssize_t k = 0; k < n; k++)
        if (!TUPLE_ITEMS(result)[k]) TUPLE_SET(result, k, NEWREF(None));
    DECREF(result);
    return NULL;
}

// ---- zip_longest -------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *fillvalue;
    obj_t *iters; // tuple of the iterators as made
    obj_t **live; // live[i]: iterator i, NULL once it is exhausted
    size_t n, numactive;
} ziplongest_t;

static obj_t *ziplongest_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *fill = None;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        if (!str_eq_cstr(TUPLE_GET(kwnames, i), "fillvalue") || nkw > 1) {
            err_set_str(exc_TypeError, "zip_longest() got an unexpected keyword argument");
            return NULL;
        }
        fill = args[nargs + i];
    }
    obj_t *iters = tuple_new(nargs);
    if (!iters) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        obj_t *it = obj_iter(args[i]);
        if (!it) {
            for (size_t k = i; k < nargs; k++)
                TUPLE_SET(iters, k, NEWREF(None));
            DECREF(iters);
            return NULL;
        }
        TUPLE_SET(iters, i, it);
    }
    obj_t **live = calloc(nargs ? nargs : 1, sizeof(obj_t *));
    ziplongest_t *z = live ? (ziplongest_t *)obj_alloc(type, type->basicsize) : NULL;
    if (!z) {
        free(live);
        DECREF(iters);
        if (!live) err_no_memory();
        return NULL;
    }
    for (size_t i = 0; i < nargs; i++)
        live[i] = TUPLE_GET(iters, i); // borrowed from iters
    z->fillvalue = NEWREF(fill);
    z->iters = iters;
    z->live = live;
    z->n = z->numactive = nargs;
    return (obj_t *)z;
}

OBJS_TRAVERSE(ziplongest_traverse, ziplongest_t, iters)

static void ziplongest_dealloc(obj_t *o) {
    free(((ziplongest_t *)o)->live);
    dealloc_objs(o, NOBJ(ziplongest_t, iters));
}

static obj_t *ziplongest_next(obj_t *o) {
    ziplongest_t *z = (ziplongest_t *)o;
    if (z->n == 0) return NULL;
    obj_t *result = tuple_new(z->n);
    if (!result) return NULL;
    size_t i = 0;
    bool ok = false;
    BEGIN_CRITICAL_SECTION(o);
    if (z->numactive == 0) goto done;
    for (i = 0; i < z->n; i++) {
        obj_t *item;
        if (!z->live[i]) {
            item = NEWREF(z->fillvalue);
        } else {
            item = step_it(z->live[i]); // z->iters keeps it alive
            if (!item) {
                if (err_occurred()) goto done;
                if (z->live[i]) {
                    z->live[i] = NULL;
                    z->numactive--;
                }
                if (z->numactive == 0) goto done;
                item = NEWREF(z->fillvalue);
            }
        }
        TUPLE_SET(result, i, item);
    }
    ok = true;
done:
    END_CRITICAL_SECTION();
    if (ok) return result;
    for (size_t k = i; k < z->n; k++)
        TUPLE_SET(result, k, NEWREF(None));
    DECREF(result);
    return NULL;
}

static obj_t *ziplongest_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    ziplongest_t *z = (ziplongest_t *)self;
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(self);
    obj_t *t = tuple_new(z->n);
    if (t) {
        for (size_t i = 0; i < z->n; i++) {
            obj_t *v = z->live[i];
            if (!v) {
                obj_t *e = tuple_new(0);
                v = e ? obj_iter(e) : NULL;
                XDECREF(e);
                if (!v) {
                    for (size_t k = i; k < z->n; k++)
                        TUPLE_SET(t, k, NEWREF(None));
                    CLEAR(t);
                    break;
                }
            } else {
                INCREF(v);
            }
            TUPLE_SET(t, i, v);
        }
    }
    if (t) r = reduce_value(self, t, NEWREF(z->fillvalue));
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *ziplongest_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    ziplongest_t *z = (ziplongest_t *)self;
    BEGIN_CRITICAL_SECTION(self);
    SETREF(z->fillvalue, NEWREF(args[0]));
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static const method_def_t ziplongest_methods[] = {
    {"__reduce__", ziplongest_reduce, METH_DEFAULT, NULL},
    {"__setstate__", ziplongest_setstate, METH_DEFAULT, NULL},
    {NULL},
};

static type_t ziplongest_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools.zip_longest",
    .basicsize = sizeof(ziplongest_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = ziplongest_dealloc,
    .traverse = ziplongest_traverse,
    .iter = itertools_self_iter,
    .iternext = ziplongest_next,
    .tp_new = ziplongest_new,
    .methods = ziplongest_methods,
};

// ---- the module
// ----------------------------------------------------------------------------------

// The module docstring, as help(itertools) shows it in CPython 3.11.
static const char itertools_doc[] =
    "Functional tools for creating and using iterators.\n"
    "\n"
    "Infinite iterators:\n"
    "count(start=0, step=1) --> start, start+step, start+2*step, ...\n"
    "cycle(p) --> p0, p1, ... plast, p0, p1, ...\n"
    "repeat(elem [,n]) --> elem, elem, elem, ... endlessly or up to n times\n"
    "\n"
    "Iterators terminating on the shortest input sequence:\n"
    "accumulate(p[, func]) --> p0, p0+p1, p0+p1+p2\n"
    "chain(p, q, ...) --> p0, p1, ... plast, q0, q1, ...\n"
    "chain.from_iterable([p, q, ...]) --> p0, p1, ... plast, q0, q1, ...\n"
    "compress(data, selectors) --> (d[0] if s[0]), (d[1] if s[1]), ...\n"
    "dropwhile(pred, seq) --> seq[n], seq[n+1], starting when pred fails\n"
    "groupby(iterable[, keyfunc]) --> sub-iterators grouped by value of keyfunc(v)\n"
    "filterfalse(pred, seq) --> elements of seq where pred(elem) is False\n"
    "islice(seq, [start,] stop [, step]) --> elements from\n"
    "       seq[start:stop:step]\n"
    "pairwise(s) --> (s[0],s[1]), (s[1],s[2]), (s[2], s[3]), ...\n"
    "starmap(fun, seq) --> fun(*seq[0]), fun(*seq[1]), ...\n"
    "tee(it, n=2) --> (it1, it2 , ... itn) splits one iterator into n\n"
    "takewhile(pred, seq) --> seq[0], seq[1], until pred fails\n"
    "zip_longest(p, q, ...) --> (p[0], q[0]), (p[1], q[1]), ...\n"
    "\n"
    "Combinatoric generators:\n"
    "product(p, q, ... [repeat=1]) --> cartesian product\n"
    "permutations(p[, r])\n"
    "combinations(p, r)\n"
    "combinations_with_replacement(p, r)\n"
    "";

static const method_def_t itertools_functions[] = {
    {"tee", itertools_tee, 0, NULL},
    {NULL},
};

obj_t *itertools_module_init(void) {
    struct {
        const char *name;
        type_t *type;
    } types[] = {
        {"count", &count_type},
        {"cycle", &cycle_type},
        {"repeat", &repeat_type},
        {"accumulate", &accumulate_type},
        {"chain", &chain_type},
        {"compress", &compress_type},
        {"dropwhile", &dropwhile_type},
        {"takewhile", &takewhile_type},
        {"filterfalse", &filterfalse_type},
        {"starmap", &starmap_type},
        {"groupby", &groupby_type},
        {"_grouper", &grouper_type},
        {"islice", &islice_type},
        {"pairwise", &pairwise_type},
        {"_tee", &tee_type},
        {"_tee_dataobject", &teedata_type},
        {"zip_longest", &ziplongest_type},
        {"product", &itertools_product_type},
        {"permutations", &itertools_permutations_type},
        {"combinations", &itertools_combinations_type},
        {"combinations_with_replacement", &itertools_cwr_type},
    };
    obj_t *m = module_new("itertools");
    if (!m) return NULL;
    obj_t *doc = str_from_cstr(itertools_doc);
    if (!doc || dict_set_str(module_dict(m), "__doc__", doc) < 0) {
        XDECREF(doc);
        goto fail;
    }
    DECREF(doc);
    if (module_add_functions(m, itertools_functions) < 0) goto fail;
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        if (type_ensure_ready(types[i].type) < 0 ||
            dict_set_str(module_dict(m), types[i].name, (obj_t *)types[i].type) < 0)
            goto fail;
    }
    return m;
fail:
    DECREF(m);
    return NULL;
}
