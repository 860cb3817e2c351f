/*
 * modules/itertools_comb.c — the combinatoric iterators of `itertools`:
 * product, permutations, combinations, combinations_with_replacement.
 *
 * Each keeps its pools as tuples (read-only after construction) and its
 * position as C arrays of indices.  A step advances the indices and builds
 * the result tuple inside the iterator's critical section; it runs no Python
 * code (only INCREFs of pool items), so threads that share one of these
 * iterators each get a distinct, untorn result.  The state in __reduce__ /
 * __setstate__ is CPython's: the indices (and cycles) of the last result.
 */
#define PVM_ITERTOOLS_IMPL 1
#include "../gc/gc.h"
#include "itertools_internal.h"

#include <stdlib.h>
#include <string.h>

#include <stdlib.h>

#include "../core/error.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/critical.h"

typedef struct {
    obj_t ob;
    obj_t *pools; // product: tuple of tuples; the others: the pool tuple
    ssize_t *indices;
    ssize_t *cycles; // permutations only
    ssize_t r;       // result size
    bool started, stopped;
} comb_t;

// The cycle collector (gc/gc.h): the pools (tuples, set at creation).
static int comb_traverse(obj_t *o, visitproc visit, void *arg) {
    return GC_VISIT_FIELDS(visit, arg, ((comb_t *)o)->pools);
}

static void comb_dealloc(obj_t *o) {
    comb_t *c = (comb_t *)o;
    XDECREF(c->pools);
    free(c->indices);
    free(c->cycles);
    obj_free(o);
}

static comb_t *comb_alloc(type_t *type, obj_t *pools, ssize_t nidx, ssize_t ncycles) {
    ssize_t *idx = calloc(nidx > 0 ? (size_t)nidx : 1, sizeof(ssize_t));
    ssize_t *cyc = ncycles >= 0 ? calloc(ncycles > 0 ? (size_t)ncycles : 1, sizeof(ssize_t)) : NULL;
    comb_t *c = NULL;
    if (idx && (ncycles < 0 || cyc)) c = (comb_t *)obj_alloc(type, type->basicsize);
    if (!c) {
        if (!idx || (ncycles >= 0 && !cyc)) err_no_memory();
        free(idx);
        free(cyc);
        DECREF(pools);
        return NULL;
    }
    c->pools = pools;
    c->indices = idx;
    c->cycles = cyc;
    return c;
}

static obj_t *build_result(obj_t *pool, const ssize_t *idx, ssize_t r) {
    obj_t *t = tuple_new((size_t)r);
    if (!t) return NULL;
    for (ssize_t i = 0; i < r; i++)
        TUPLE_SET(t, i, NEWREF(TUPLE_GET(pool, idx[i])));
    return t;
}

static obj_t *indices_tuple(const ssize_t *idx, ssize_t n) {
    obj_t *t = tuple_new((size_t)n);
    if (!t) return NULL;
    for (ssize_t i = 0; i < n; i++)
        TUPLE_SET(t, i, int_from_i64(idx[i]));
    return t;
}

static obj_t *reduce3(obj_t *self, obj_t *args, obj_t *state) {
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

// Reads state item i as an index clamped to [lo, hi]; -1 on error.
static int state_index(obj_t *state, ssize_t i, ssize_t lo, ssize_t hi, ssize_t *out) {
    ssize_t v = obj_as_ssize(TUPLE_GET(state, i));
    if (v == -1 && err_occurred()) return -1;
    if (v < lo) v = lo;
    if (v > hi) v = hi;
    *out = v;
    return 0;
}

static int check_state_tuple(obj_t *state, ssize_t n) {
    if (!TUPLE_CHECK(state) || (ssize_t)TUPLE_SIZE(state) != n) {
        err_set_str(exc_ValueError, "invalid arguments");
        return -1;
    }
    return 0;
}

// ---- product -----------------------------------------------------------------------------

static obj_t *product_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    ssize_t repeat = 1;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        obj_t *name = TUPLE_GET(kwnames, i);
        if (!str_eq_cstr(name, "repeat")) {
            err_format(exc_TypeError, "'%U' is an invalid keyword argument for product()", name);
            return NULL;
        }
        if (obj_ssize_arg(args[nargs + i], &repeat) < 0) return NULL;
        if (repeat < 0) {
            err_set_str(exc_ValueError, "repeat argument cannot be negative");
            return NULL;
        }
    }
    if (repeat && (ssize_t)nargs > SSIZE_MAX / (ssize_t)sizeof(ssize_t) / repeat) {
        err_set_str(exc_OverflowError, "repeat argument too large");
        return NULL;
    }
    // repeat=0: no pools at all (the iterables are not even consumed, as
    // CPython); storing them would write past the empty tuple.
    if (repeat == 0) nargs = 0;
    ssize_t npools = (ssize_t)nargs * repeat;
    obj_t *pools = tuple_new((size_t)npools);
    if (!pools) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        obj_t *pool = tuple_from_iterable(args[i]);
        if (!pool) {
            DECREF(pools);
            return NULL;
        }
        TUPLE_SET(pools, i, pool);
    }
    for (ssize_t i = (ssize_t)nargs; i < npools; i++)
        TUPLE_SET(pools, i, NEWREF(TUPLE_GET(pools, i - (ssize_t)nargs)));
    comb_t *c = comb_alloc(type, pools, npools, -1);
    if (!c) return NULL;
    c->r = npools;
    return (obj_t *)c;
}

static obj_t *product_result(comb_t *c) {
    obj_t *t = tuple_new((size_t)c->r);
    if (!t) return NULL;
    for (ssize_t i = 0; i < c->r; i++)
        TUPLE_SET(t, i, NEWREF(TUPLE_GET(TUPLE_GET(c->pools, i), c->indices[i])));
    return t;
}

static obj_t *product_next(obj_t *o) {
    comb_t *c = (comb_t *)o;
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(o);
    if (c->stopped) goto done;
    if (!c->started) {
        c->started = true;
        for (ssize_t i = 0; i < c->r; i++) {
            if (TUPLE_SIZE(TUPLE_GET(c->pools, i)) == 0) {
                c->stopped = true;
                goto done;
            }
        }
    } else {
        ssize_t i;
        for (i = c->r - 1; i >= 0; i--) {
            ssize_t size = (ssize_t)TUPLE_SIZE(TUPLE_GET(c->pools, i));
            if (++c->indices[i] < size) break;
            c->indices[i] = 0;
        }
        if (i < 0) {
            c->stopped = true;
            goto done;
        }
    }
    result = product_result(c);
done:
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *product_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    comb_t *c = (comb_t *)self;
    obj_t *r;
    BEGIN_CRITICAL_SECTION(self);
    if (c->stopped) {
        obj_t *e = tuple_new(0);
        r = reduce3(self, e ? tuple_pack(1, e) : NULL, NULL);
        XDECREF(e);
    } else if (!c->started) {
        r = reduce3(self, NEWREF(c->pools), NULL);
    } else {
        r = reduce3(self, NEWREF(c->pools), indices_tuple(c->indices, c->r));
    }
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *product_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    comb_t *c = (comb_t *)self;
    obj_t *state = args[0];
    if (check_state_tuple(state, c->r) < 0) return NULL;
    ssize_t *tmp = calloc(c->r ? (size_t)c->r : 1, sizeof(ssize_t));
    if (!tmp) return err_no_memory();
    bool stop = false;
    for (ssize_t i = 0; i < c->r; i++) {
        ssize_t size = (ssize_t)TUPLE_SIZE(TUPLE_GET(c->pools, i));
        if (size == 0) {
            stop = true;
            break;
        }
        if (state_index(state, i, 0, size - 1, &tmp[i]) < 0) {
            free(tmp);
            return NULL;
        }
    }
    BEGIN_CRITICAL_SECTION(self);
    if (stop) {
        c->stopped = true;
    } else {
        memcpy(c->indices, tmp, (size_t)c->r * sizeof(ssize_t));
        c->started = true;
    }
    END_CRITICAL_SECTION();
    free(tmp);
    return NEWREF(None);
}

static const method_def_t product_methods[] = {
    {"__reduce__", product_reduce, METH_DEFAULT, NULL},
    {"__setstate__", product_setstate, METH_DEFAULT, NULL},
    {NULL},
};

type_t itertools_product_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "itertools.product",
    .basicsize = sizeof(comb_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = comb_dealloc,
    .traverse = comb_traverse,
    .iter = itertools_self_iter,
    .iternext = product_next,
    .tp_new = product_new,
    .methods = product_methods,
};

// ---- permutations, combinations, combinations_with_replacement --------------------------

enum { PERM, COMB, CWR };

static obj_t *pool_new(type_t *type, int kind, const char *name, obj_t *const *args, size_t nargs,
                       obj_t *kwnames) {
    static const char *const names[] = {"iterable", "r", NULL};
    obj_t *a[2];
    if (args_parse(name, args, nargs, kwnames, names, kind == PERM ? 1 : 2, a) < 0) return NULL;
    ssize_t r = -1;
    if (kind == PERM) {
        if (a[1] && a[1] != None) {
            if (!INT_CHECK(a[1])) {
                err_set_str(exc_TypeError, "Expected int as r");
                return NULL;
            }
            r = obj_as_ssize(a[1]);
            if (r == -1 && err_occurred()) return NULL;
            if (r < 0) {
                err_set_str(exc_ValueError, "r must be non-negative");
                return NULL;
            }
        }
    } else if (obj_ssize_arg(a[1], &r) < 0) {
        return NULL;
    }
    obj_t *pool = tuple_from_iterable(a[0]);
    if (!pool) return NULL;
    ssize_t n = (ssize_t)TUPLE_SIZE(pool);
    if (kind == PERM && r == -1) r = n;
    if (r < 0) {
        DECREF(pool);
        err_set_str(exc_ValueError, "r must be non-negative");
        return NULL;
    }
    comb_t *c = comb_alloc(type, pool, kind == PERM ? n : r, kind == PERM ? r : -1);
    if (!c) return NULL;
    c->r = r;
    if (kind == PERM) {
        for (ssize_t i = 0; i < n; i++)
            c->indices[i] = i;
        for (ssize_t i = 0; i < r; i++)
            c->cycles[i] = n - i;
    } else if (kind == COMB) {
        for (ssize_t i = 0; i < r; i++)
            c->indices[i] = i;
    }
    return (obj_t *)c;
}

static obj_t *permutations_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return pool_new(type, PERM, "permutations", args, nargs, kwnames);
}
static obj_t *combinations_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return pool_new(type, COMB, "combinations", args, nargs, kwnames);
}
static obj_t *cwr_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return pool_new(type, CWR, "combinations_with_replacement", args, nargs, kwnames);
}

// Advances c to its next result; false when there is none.  Runs in c's section.
static bool perm_advance(comb_t *c) {
    ssize_t n = (ssize_t)TUPLE_SIZE(c->pools), r = c->r;
    if (n == 0) return false;
    for (ssize_t i = r - 1; i >= 0; i--) {
        if (--c->cycles[i] == 0) {
            ssize_t first = c->indices[i];
            for (ssize_t j = i; j < n - 1; j++)
                c->indices[j] = c->indices[j + 1];
            c->indices[n - 1] = first;
            c->cycles[i] = n - i;
        } else {
            ssize_t j = c->cycles[i];
            ssize_t tmp = c->indices[i];
            c->indices[i] = c->indices[n - j];
            c->indices[n - j] = tmp;
            return true;
        }
    }
    return false;
}

static bool comb_advance(comb_t *c) {
    ssize_t n = (ssize_t)TUPLE_SIZE(c->pools), r = c->r;
    ssize_t i = r - 1;
    while (i >= 0 && c->indices[i] == i + n - r)
        i--;
    if (i < 0) return false;
    c->indices[i]++;
    for (ssize_t j = i + 1; j < r; j++)
        c->indices[j] = c->indices[j - 1] + 1;
    return true;
}

static bool cwr_advance(comb_t *c) {
    ssize_t n = (ssize_t)TUPLE_SIZE(c->pools), r = c->r;
    ssize_t i = r - 1;
    while (i >= 0 && c->indices[i] == n - 1)
        i--;
    if (i < 0) return false;
    ssize_t index = c->indices[i] + 1;
    for (ssize_t j = i; j < r; j++)
        c->indices[j] = index;
    return true;
}

static obj_t *pool_next(obj_t *o, int kind) {
    comb_t *c = (comb_t *)o;
    ssize_t n = (ssize_t)TUPLE_SIZE(c->pools);
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(o);
    if (c->stopped) goto done;
    if (!c->started) {
        if ((kind == CWR ? (n == 0 && c->r > 0) : c->r > n)) {
            c->stopped = true; // never started: reduce still gives (pool, r)
            goto done;
        }
        c->started = true;
    } else {
        bool more = kind == PERM   ? perm_advance(c)
                    : kind == COMB ? comb_advance(c)
                                   : cwr_advance(c);
        if (!more) {
            c->stopped = true;
            goto done;
        }
    }
    result = build_result(c->pools, c->indices, c->r);
done:
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *permutations_next(obj_t *o) {
    return pool_next(o, PERM);
}
static obj_t *combinations_next(obj_t *o) {
    return pool_next(o, COMB);
}
static obj_t *cwr_next(obj_t *o) {
    return pool_next(o, CWR);
}

static obj_t *pool_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    comb_t *c = (comb_t *)self;
    obj_t *r = NULL;
    obj_t *robj = int_from_i64(c->r);
    if (!robj) return NULL;
    BEGIN_CRITICAL_SECTION(self);
    if (!c->started) {
        r = reduce3(self, tuple_pack(2, c->pools, robj), NULL);
    } else if (c->stopped) {
        obj_t *e = tuple_new(0);
        r = reduce3(self, e ? tuple_pack(2, e, robj) : NULL, NULL);
        XDECREF(e);
    } else if (c->cycles) {
        obj_t *idx = indices_tuple(c->indices, (ssize_t)TUPLE_SIZE(c->pools));
        obj_t *cyc = indices_tuple(c->cycles, c->r);
        obj_t *state = idx && cyc ? tuple_pack(2, idx, cyc) : NULL;
        XDECREF(idx);
        XDECREF(cyc);
        if (state) r = reduce3(self, tuple_pack(2, c->pools, robj), state);
    } else {
        r = reduce3(self, tuple_pack(2, c->pools, robj), indices_tuple(c->indices, c->r));
    }
    END_CRITICAL_SECTION();
    DECREF(robj);
    return r;
}

static obj_t *pool_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames,
                            int kind) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    comb_t *c = (comb_t *)self;
    obj_t *state = args[0];
    ssize_t n = (ssize_t)TUPLE_SIZE(c->pools), r = c->r;
    ssize_t nidx = kind == PERM ? n : r;
    ssize_t *idx = calloc((size_t)(nidx + r + 1), sizeof(ssize_t));
    if (!idx) return err_no_memory();
    ssize_t *cyc = idx + nidx;
    obj_t *istate = state;
    if (kind == PERM) {
        if (!TUPLE_CHECK(state)) {
            err_set_str(exc_TypeError, "state is not a tuple");
            goto fail;
        }
        if (TUPLE_SIZE(state) != 2) {
            err_format(exc_TypeError, "function takes exactly 2 arguments (%zu given)",
                       TUPLE_SIZE(state));
            goto fail;
        }
        if (!TUPLE_CHECK(TUPLE_GET(state, 0)) || !TUPLE_CHECK(TUPLE_GET(state, 1)) ||
            (ssize_t)TUPLE_SIZE(TUPLE_GET(state, 0)) != n ||
            (ssize_t)TUPLE_SIZE(TUPLE_GET(state, 1)) != r) {
            err_set_str(exc_ValueError, "invalid arguments");
            goto fail;
        }
        istate = TUPLE_GET(state, 0);
        for (ssize_t i = 0; i < r; i++)
            if (state_index(TUPLE_GET(state, 1), i, 1, n - i, &cyc[i]) < 0) goto fail;
    } else if (check_state_tuple(state, r) < 0) {
        goto fail;
    }
    for (ssize_t i = 0; i < nidx; i++) {
        ssize_t hi = kind == COMB ? i + n - r : n - 1;
        if (state_index(istate, i, 0, hi, &idx[i]) < 0) goto fail;
    }
    BEGIN_CRITICAL_SECTION(self);
    memcpy(c->indices, idx, (size_t)nidx * sizeof(ssize_t));
    if (kind == PERM) memcpy(c->cycles, cyc, (size_t)r * sizeof(ssize_t));
    c->started = true;
    END_CRITICAL_SECTION();
    free(idx);
    return NEWREF(None);
fail:
    free(idx);
    return NULL;
}

static obj_t *perm_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return pool_setstate(self, args, nargs, kwnames, PERM);
}
static obj_t *comb_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return pool_setstate(self, args, nargs, kwnames, COMB);
}
static obj_t *cwr_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return pool_setstate(self, args, nargs, kwnames, CWR);
}

#define POOL_TYPE(var, cname, pyname, setstate)                                                    \
    static const method_def_t cname##_methods[] = {                                                \
        {"__reduce__", pool_reduce, METH_DEFAULT, NULL},                                           \
        {"__setstate__", setstate, METH_DEFAULT, NULL},                                            \
        {NULL},                                                                                    \
    };                                                                                             \
    type_t var = {                                                                                 \
        .ob = OBJ_HEAD_INIT(&type_type),                                                           \
        .name = "itertools." pyname,                                                               \
        .basicsize = sizeof(comb_t),                                                               \
        .flags = TPFLAG_BASETYPE,                                                                  \
        .base = &object_type,                                                                      \
        .dealloc = comb_dealloc,                                                                   \
        .traverse = comb_traverse,                                                                 \
        .iter = itertools_self_iter,                                                               \
        .iternext = cname##_next,                                                                  \
        .tp_new = cname##_new,                                                                     \
        .methods = cname##_methods,                                                                \
    };

POOL_TYPE(itertools_permutations_type, permutations, "permutations", perm_setstate)
POOL_TYPE(itertools_combinations_type, combinations, "combinations", comb_setstate)
POOL_TYPE(itertools_cwr_type, cwr, "combinations_with_replacement", cwr_setstate)
