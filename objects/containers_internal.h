/*
 * objects/containers_internal.h — small helpers shared by the container and
 * iterator files (tuple.c, list.c, listsort.c, dict.c, dictview.c, set.c,
 * range.c, slice.c, iter.c).  Private: not for other parts of the VM.
 */
#ifndef PVM_CONTAINERS_INTERNAL_H
#define PVM_CONTAINERS_INTERNAL_H

#if !defined(PVM_CONTAINERS_IMPL)
#error "objects/containers_internal.h is private to the container files"
#endif

#include "../core/error.h"
#include "exceptions.h"
#include "int.h"
#include "object.h"
#include "range.h"
#include "str.h"
#include "tuple.h"

// CPython's _PyArg_CheckPositional: "insert expected 2 arguments, got 1",
// "get expected at least 1 argument, got 0", "update expected at most 1
// argument, got 2".
static inline int cont_check_positional(const char *name, size_t nargs, size_t min, size_t max) {
    if (nargs < min) {
        err_format(exc_TypeError, "%s expected %s%d argument%s, got %d", name,
                   min == max ? "" : "at least ", (int)min, min == 1 ? "" : "s", (int)nargs);
        return -1;
    }
    if (nargs > max) {
        err_format(exc_TypeError, "%s expected %s%d argument%s, got %d", name,
                   min == max ? "" : "at most ", (int)max, max == 1 ? "" : "s", (int)nargs);
        return -1;
    }
    return 0;
}

// "name() takes no keyword arguments" when kwnames is non-empty.
static inline int cont_no_kw(const char *name, obj_t *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames) > 0) {
        err_format(exc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    return 0;
}

// True if v supports __index__ (ints, bools, classes defining __index__).
static inline bool cont_has_index(obj_t *v) {
    return INT_CHECK(v) || TYPE(v)->nb_index != NULL;
}

// Converts an int (already an int object) to ssize_t, saturating at the
// bounds (CPython's PyNumber_AsSsize_t(v, NULL)).
static inline ssize_t cont_int_clamp(obj_t *iv) {
    if (IS_SMALLINT(iv)) return (ssize_t)SMALLINT_VALUE(iv);
    int64_t x;
    if (int_as_i64(iv, &x) == 0) return (ssize_t)x;
    err_clear();
    return int_sign(iv) < 0 ? (ssize_t)INT64_MIN : (ssize_t)INT64_MAX;
}

// operator.index(v) as ssize_t; overflow raises `overflow_exc` with
// "cannot fit 'int' into an index-sized integer" (IndexError for subscripts,
// OverflowError for repeat counts).  -1 + exception on error.
static inline int cont_index_ssize(obj_t *v, ssize_t *out, type_t *overflow_exc) {
    if (IS_SMALLINT(v)) {
        *out = (ssize_t)SMALLINT_VALUE(v);
        return 0;
    }
    obj_t *iv = obj_index(v);
    if (!iv) return -1;
    int64_t x;
    if (IS_SMALLINT(iv)) {
        x = SMALLINT_VALUE(iv);
    } else if (int_as_i64(iv, &x) < 0) {
        DECREF(iv);
        err_clear();
        err_format(overflow_exc, "cannot fit '%s' into an index-sized integer", obj_type_name(v));
        return -1;
    }
    DECREF(iv);
    *out = (ssize_t)x;
    return 0;
}

// _PyEval_SliceIndexNotNone for index(x, start, stop) arguments: NULL
// leaves *out alone; ints saturate; anything else is a TypeError.
static inline int cont_slice_index_not_none(obj_t *v, ssize_t *out) {
    if (!v) return 0;
    if (IS_SMALLINT(v)) {
        *out = (ssize_t)SMALLINT_VALUE(v);
        return 0;
    }
    if (!cont_has_index(v)) {
        err_set_str(exc_TypeError, "slice indices must be integers or have an __index__ method");
        return -1;
    }
    obj_t *iv = obj_index(v);
    if (!iv) return -1;
    *out = cont_int_clamp(iv);
    DECREF(iv);
    return 0;
}

// Result of comparing two lengths with a rich-comparison operator.
static inline bool cont_cmp_sizes(size_t a, size_t b, int op) {
    switch (op) {
    case CMP_LT_OP: return a < b;
    case CMP_LE_OP: return a <= b;
    case CMP_EQ_OP: return a == b;
    case CMP_NE_OP: return a != b;
    case CMP_GT_OP: return a > b;
    default: return a >= b;
    }
}

// Makes sure a type that the runtime may not have readied at start-up
// (iterator and view types) is ready before its first instance exists.
static inline int cont_ready(type_t *tp) {
    if (PVM_UNLIKELY(!type_has_flag(tp, TPFLAG_READY)) && type_ensure_ready(tp) < 0) return -1;
    return 0;
}

// The iter slot of iterator types: returns self.
static inline obj_t *cont_iter_self(obj_t *self) {
    return NEWREF(self);
}

// Raises KeyError(key) with the key as the single argument (even a tuple).
static inline void cont_set_key_error(obj_t *key) {
    obj_t *t = tuple_pack(1, key);
    if (!t) return;
    err_set(exc_KeyError, t);
    DECREF(t);
}

// Hash with the str fast path (cached hash, no call).
static inline hash_t cont_hash(obj_t *key) {
    if (STR_EXACT(key)) return str_hash(key);
    if (IS_SMALLINT(key)) return int_hash(key);
    return obj_hash(key);
}

// Sequence helpers implemented in iter.c: the generic search used for
// `x in it`, it.count(x), it.index(x) over any iterable.
#define CONT_SEARCH_COUNT    1
#define CONT_SEARCH_INDEX    2
#define CONT_SEARCH_CONTAINS 3
ssize_t cont_iter_search(obj_t *seq, obj_t *obj, int operation);

// The keys of a set or frozenset as a tuple, taken in one critical section
// (set.c).
PVM_WUR obj_t *set_snapshot(obj_t *s);

// Long-int slice indices (slice.c): start/stop/step as int objects
// clamped to a sequence of length `length` (an int >= 0); new references.
int slice_get_long_indices(obj_t *slice, obj_t *length, obj_t **start, obj_t **stop, obj_t **step);

#endif // PVM_CONTAINERS_INTERNAL_H
