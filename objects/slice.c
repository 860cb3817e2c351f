/*
 * objects/slice.c — the slice type and the index arithmetic every sequence
 * uses for `seq[a:b:c]`.
 *
 * slice_unpack() follows CPython's PySlice_Unpack + PySlice_AdjustIndices:
 * None picks the default for the step's direction, indices are converted
 * with __index__ and saturated to ssize_t (so huge bounds just clamp), and
 * the result is clamped to [0, len] (or [-1, len-1] for negative steps).
 * slice_get_long_indices() is the big-int version (slice.indices(), range
 * slicing), as CPython's _PySlice_GetLongIndices.
 *
 * Slices are immutable; in 3.11 they are not hashable.
 */
#define PVM_CONTAINERS_IMPL 1
#include "containers_internal.h"

#include "../core/error.h"
#include "exceptions.h"
#include "int.h"
#include "range.h"
#include "str.h"
#include "tuple.h"

PVM_WUR obj_t *slice_new(obj_t *start, obj_t *stop, obj_t *step) {
    slice_t *s = (slice_t *)obj_alloc(&slice_type, sizeof(slice_t));
    if (!s) return NULL;
    s->start = NEWREF(start ? start : None);
    s->stop = NEWREF(stop ? stop : None);
    s->step = NEWREF(step ? step : None);
    return (obj_t *)s;
}

static void slice_dealloc(obj_t *o) {
    slice_t *s = (slice_t *)o;
    DECREF(s->start);
    DECREF(s->stop);
    DECREF(s->step);
    obj_free(o);
}

// _PyEval_SliceIndex: None leaves *out alone; ints saturate.
static int slice_index(obj_t *v, ssize_t *out) {
    if (v == None) return 0;
    if (IS_SMALLINT(v)) {
        *out = (ssize_t)SMALLINT_VALUE(v);
        return 0;
    }
    if (!cont_has_index(v)) {
        err_set_str(exc_TypeError,
                    "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    obj_t *iv = obj_index(v);
    if (!iv) return -1;
    *out = cont_int_clamp(iv);
    DECREF(iv);
    return 0;
}

int slice_unpack_raw(obj_t *slice, ssize_t *start, ssize_t *stop, ssize_t *step) {
    slice_t *r = (slice_t *)slice;
    ssize_t st = 1;
    if (r->step != None) {
        if (slice_index(r->step, &st) < 0) return -1;
        if (st == 0) {
            err_set_str(exc_ValueError, "slice step cannot be zero");
            return -1;
        }
        if (st < -INT64_MAX) st = -INT64_MAX;
    }
    ssize_t b = st < 0 ? INT64_MAX : 0;
    ssize_t e = st < 0 ? INT64_MIN : INT64_MAX;
    if (slice_index(r->start, &b) < 0 || slice_index(r->stop, &e) < 0) return -1;
    *start = b;
    *stop = e;
    *step = st;
    return 0;
}

ssize_t slice_adjust_indices(ssize_t len, ssize_t *start, ssize_t *stop, ssize_t st) {
    ssize_t b = *start, e = *stop;
    if (b < 0) {
        b += len;
        if (b < 0) b = st < 0 ? -1 : 0;
    } else if (b >= len) {
        b = st < 0 ? len - 1 : len;
    }
    if (e < 0) {
        e += len;
        if (e < 0) e = st < 0 ? -1 : 0;
    } else if (e >= len) {
        e = st < 0 ? len - 1 : len;
    }
    *start = b;
    *stop = e;
    if (st < 0) {
        if (e < b) return (b - e - 1) / (-st) + 1;
    } else if (b < e) {
        return (e - b - 1) / st + 1;
    }
    return 0;
}

int slice_unpack(obj_t *slice, ssize_t len, ssize_t *start, ssize_t *stop, ssize_t *step,
                 ssize_t *slicelen) {
    if (slice_unpack_raw(slice, start, stop, step) < 0) return -1;
    ssize_t n = slice_adjust_indices(len, start, stop, *step);
    if (slicelen) *slicelen = n;
    return 0;
}

static obj_t *evaluate_slice_index(obj_t *v) {
    if (cont_has_index(v)) return obj_index(v);
    err_set_str(exc_TypeError,
                "slice indices must be integers or None or have an __index__ method");
    return NULL;
}

static int int_lt(obj_t *a, obj_t *b) {
    return int_cmp(a, b) < 0;
}

int slice_get_long_indices(obj_t *slice, obj_t *length, obj_t **start_out, obj_t **stop_out,
                           obj_t **step_out) {
    slice_t *self = (slice_t *)slice;
    obj_t *step = NULL, *lower = NULL, *upper = NULL, *start = NULL, *stop = NULL;
    bool neg;
    if (self->step == None) {
        step = SMALLINT_FROM(1);
        neg = false;
    } else {
        step = evaluate_slice_index(self->step);
        if (!step) goto error;
        int sg = int_sign(step);
        if (sg == 0) {
            err_set_str(exc_ValueError, "slice step cannot be zero");
            goto error;
        }
        neg = sg < 0;
    }
    if (neg) {
        lower = SMALLINT_FROM(-1);
        upper = int_binop(length, lower, BINOP_ADD);
        if (!upper) goto error;
    } else {
        lower = SMALLINT_FROM(0);
        upper = NEWREF(length);
    }
    for (int which = 0; which < 2; which++) {
        obj_t *src = which == 0 ? self->start : self->stop;
        obj_t *res;
        if (src == None) {
            res = NEWREF(which == 0 ? (neg ? upper : lower) : (neg ? lower : upper));
        } else {
            res = evaluate_slice_index(src);
            if (!res) goto error;
            if (int_sign(res) < 0) {
                obj_t *tmp = int_binop(res, length, BINOP_ADD);
                DECREF(res);
                if (!tmp) goto error;
                res = tmp;
                if (int_lt(res, lower)) SETREF(res, NEWREF(lower));
            } else if (int_lt(upper, res)) {
                SETREF(res, NEWREF(upper));
            }
        }
        if (which == 0)
            start = res;
        else
            stop = res;
    }
    DECREF(upper);
    *start_out = start;
    *stop_out = stop;
    *step_out = step;
    return 0;
error:
    XDECREF(step);
    XDECREF(upper);
    XDECREF(start);
    XDECREF(stop);
    return -1;
}

static obj_t *slice_indices(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("slice.indices", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *length = obj_index(args[0]);
    if (!length) return NULL;
    if (int_sign(length) < 0) {
        DECREF(length);
        err_set_str(exc_ValueError, "length should not be negative");
        return NULL;
    }
    obj_t *start, *stop, *step;
    int r = slice_get_long_indices(self, length, &start, &stop, &step);
    DECREF(length);
    if (r < 0) return NULL;
    obj_t *t = tuple_pack(3, start, stop, step);
    DECREF(start);
    DECREF(stop);
    DECREF(step);
    return t;
}

static obj_t *slice_repr(obj_t *o) {
    slice_t *s = (slice_t *)o;
    return str_from_format("slice(%R, %R, %R)", s->start, s->stop, s->step);
}

static obj_t *slice_richcompare(obj_t *v, obj_t *w, int op) {
    if (!SLICE_CHECK(v) || !SLICE_CHECK(w)) return NEWREF(NotImplemented);
    if (v == w) {
        bool r = op == CMP_EQ_OP || op == CMP_LE_OP || op == CMP_GE_OP;
        return NEWREF(bool_from(r));
    }
    slice_t *a = (slice_t *)v, *b = (slice_t *)w;
    obj_t *t1 = tuple_pack(3, a->start, a->stop, a->step);
    if (!t1) return NULL;
    obj_t *t2 = tuple_pack(3, b->start, b->stop, b->step);
    if (!t2) {
        DECREF(t1);
        return NULL;
    }
    obj_t *res = obj_richcompare(t1, t2, op);
    DECREF(t1);
    DECREF(t2);
    return res;
}

static obj_t *slice_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("slice", kwnames) < 0) return NULL;
    if (cont_check_positional("slice", nargs, 1, 3) < 0) return NULL;
    if (nargs == 1) return slice_new(None, args[0], None);
    return slice_new(args[0], args[1], nargs == 3 ? args[2] : None);
}

static obj_t *slice_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    slice_t *s = (slice_t *)self;
    obj_t *t = tuple_pack(3, s->start, s->stop, s->step);
    if (!t) return NULL;
    obj_t *r = tuple_pack(2, (obj_t *)&slice_type, t);
    DECREF(t);
    return r;
}

static const method_def_t slice_methods[] = {
    {"indices", slice_indices, METH_DEFAULT, NULL},
    {"__reduce__", slice_reduce, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static const member_def_t slice_members[] = {
    {"start", MEMBER_OBJECT, offsetof(slice_t, start), true},
    {"stop", MEMBER_OBJECT, offsetof(slice_t, stop), true},
    {"step", MEMBER_OBJECT, offsetof(slice_t, step), true},
    {NULL, 0, 0, false},
};

type_t slice_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "slice",
    .basicsize = sizeof(slice_t),
    .flags = 0,
    .base = &object_type,
    .dealloc = slice_dealloc,
    .repr = slice_repr,
    .hash = hash_not_implemented,
    .richcompare = slice_richcompare,
    .tp_new = slice_tp_new,
    .methods = slice_methods,
    .members = slice_members,
};
