/*
 * modules/bisect.c — the `_bisect` module: bisect_left/right and
 * insort_left/right over any sequence, with key= (3.10+).
 *
 * Concurrency: the functions hold no lock.  Each probe is one a[mid]
 * (list items are read lock-free and safely, objects/list.c) and the
 * insertion is one a.insert(), atomic on a list; a list mutated by another
 * thread between probes gives some position, never a crash (as CPython
 * 3.14t, which does not lock here either).
 */
#include "../core/error.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"

// The search itself: the first (right=false) or last insertion point of x
// in a[lo:hi], comparing key(a[i]) when key is not None.  -1 + exception.
static ssize_t search(obj_t *a, obj_t *x, ssize_t lo, ssize_t hi, obj_t *key, bool right) {
    if (lo < 0) {
        err_set_str(exc_ValueError, "lo must be non-negative");
        return -1;
    }
    if (hi == -1) {
        hi = obj_len(a);
        if (hi < 0) return -1;
    }
    while (lo < hi) {
        ssize_t mid = (ssize_t)(((size_t)lo + (size_t)hi) / 2);
        obj_t *idx = int_from_i64(mid);
        if (!idx) return -1;
        obj_t *item = obj_getitem(a, idx);
        DECREF(idx);
        if (!item) return -1;
        if (key != NULL && key != None) {
            obj_t *k = obj_call1(key, item);
            DECREF(item);
            if (!k) return -1;
            item = k;
        }
        int c = right ? obj_richcompare_bool(x, item, CMP_LT_OP)
                      : obj_richcompare_bool(item, x, CMP_LT_OP);
        DECREF(item);
        if (c < 0) return -1;
        if (right ? c : !c)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static const char *const arg_names[] = {"a", "x", "lo", "hi", "$key", NULL};

// Parses (a, x, lo=0, hi=None, *, key=None); out[] as args_parse gives it.
static int parse(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames, obj_t **out,
                 ssize_t *lo, ssize_t *hi) {
    if (args_parse(fname, args, nargs, kwnames, arg_names, 2, out) < 0) return -1;
    *lo = 0;
    *hi = -1;
    if (out[2] && obj_ssize_arg(out[2], lo) < 0) return -1;
    if (out[3] && out[3] != None && obj_ssize_arg(out[3], hi) < 0) return -1;
    return 0;
}

static obj_t *bisect_impl(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                          bool right) {
    obj_t *a[5];
    ssize_t lo, hi;
    if (parse(fname, args, nargs, kwnames, a, &lo, &hi) < 0) return NULL;
    ssize_t i = search(a[0], a[1], lo, hi, a[4], right);
    return i < 0 ? NULL : int_from_i64(i);
}

static obj_t *insort_impl(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                          bool right) {
    obj_t *a[5];
    ssize_t lo, hi;
    if (parse(fname, args, nargs, kwnames, a, &lo, &hi) < 0) return NULL;
    obj_t *key = a[4], *x = a[1];
    ssize_t i;
    if (key == NULL || key == None) {
        i = search(a[0], x, lo, hi, NULL, right);
    } else {
        obj_t *kx = obj_call1(key, x);
        if (!kx) return NULL;
        i = search(a[0], kx, lo, hi, key, right);
        DECREF(kx);
    }
    if (i < 0) return NULL;
    if (OBJ_IS_TYPE(a[0], &list_type)) {
        if (list_insert(a[0], i, x) < 0) return NULL;
        return NEWREF(None);
    }
    obj_t *idx = int_from_i64(i);
    if (!idx) return NULL;
    obj_t *margs[2] = {idx, x};
    obj_t *r = obj_call_method(a[0], "insert", margs, 2);
    DECREF(idx);
    if (!r) return NULL;
    DECREF(r);
    return NEWREF(None);
}

static obj_t *bisect_right(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return bisect_impl("bisect_right", args, nargs, kwnames, true);
}

static obj_t *bisect_left(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return bisect_impl("bisect_left", args, nargs, kwnames, false);
}

static obj_t *insort_right(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return insort_impl("insort_right", args, nargs, kwnames, true);
}

static obj_t *insort_left(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return insort_impl("insort_left", args, nargs, kwnames, false);
}

static const method_def_t bisect_functions[] = {
    {"bisect_right", bisect_right, 0, NULL},
    {"bisect_left", bisect_left, 0, NULL},
    {"insort_right", insort_right, 0, NULL},
    {"insort_left", insort_left, 0, NULL},
    {NULL},
};

obj_t *bisect_module_init(void) {
    obj_t *m = module_new("_bisect");
    if (m == NULL) return NULL;
    if (module_add_functions(m, bisect_functions) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
