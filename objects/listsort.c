/*
 * objects/listsort.c — the stable sort behind list.sort() and sorted().
 *
 * A natural merge sort in the shape of CPython's timsort: the input is cut
 * into runs (strictly descending runs are reversed in place, which keeps the
 * sort stable), short runs are extended to `minrun` with binary insertion,
 * and runs are merged with timsort's stack invariants.  Before each merge the
 * prefix of the left run that is already in place and the suffix of the
 * right run that is already in place are skipped (binary search).  There is
 * no galloping inside merges, so the number of comparisons can differ from
 * CPython's; results are identical for any consistent ordering.
 *
 * Comparisons use only `<`.  When every key is a tagged/exact int, an exact
 * str or an exact float, a direct comparison replaces obj_richcompare (as
 * CPython's unsafe_*_compare pre-check does).
 *
 * Error safety: a failed comparison stops the sort; every item is still in
 * the array exactly once.
 */
#define PVM_CONTAINERS_IMPL 1
#include "containers_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "float.h"
#include "int.h"
#include "list_internal.h"
#include "str.h"

typedef struct {
    obj_t *k; // the key compared
    obj_t *v; // the item moved with it
} pair_t;

// 1 / 0 / -1 comparisons on keys.
static inline int lt_generic(obj_t *a, obj_t *b) {
    return obj_richcompare_bool(a, b, CMP_LT_OP);
}
static inline int lt_smallint(obj_t *a, obj_t *b) {
    return SMALLINT_VALUE(a) < SMALLINT_VALUE(b);
}
static inline int lt_int(obj_t *a, obj_t *b) {
    return int_cmp(a, b) < 0;
}
// UTF-8 byte order is code-point order, so exact strs compare with memcmp.
static inline int lt_str(obj_t *a, obj_t *b) {
    size_t na = str_nbytes(a), nb = str_nbytes(b);
    int c = memcmp(str_data(a), str_data(b), na < nb ? na : nb);
    return c < 0 || (c == 0 && na < nb);
}
static inline int lt_float(obj_t *a, obj_t *b) {
    return float_value(a) < float_value(b);
}

enum { CMP_GENERIC, CMP_SMALLINT, CMP_INT, CMP_STR, CMP_FLOAT };

// Which comparison every key admits (CPython's unsafe_*_compare pre-check).
static int pick_compare(obj_t **keys, size_t n) {
    bool all_small = true, all_int = true, all_str = true, all_float = true;
    for (size_t i = 0; i < n; i++) {
        obj_t *k = keys[i];
        if (IS_SMALLINT(k)) {
            all_str = all_float = false;
            if (!all_int) return CMP_GENERIC;
            continue;
        }
        all_small = false;
        type_t *t = k->ob_type;
        if (t != &int_type) all_int = false;
        if (t != &str_type) all_str = false;
        if (t != &float_type) all_float = false;
        if (!all_int && !all_str && !all_float) return CMP_GENERIC;
    }
    return all_small   ? CMP_SMALLINT
           : all_int   ? CMP_INT
           : all_str   ? CMP_STR
           : all_float ? CMP_FLOAT
                       : CMP_GENERIC;
}

static size_t merge_compute_minrun(size_t n) {
    size_t r = 0;
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

// Instantiations: items sorted by themselves (no key function) ...
#define SORT_FN(name) ptr_small_##name
#define ELEM          obj_t *
#define KEY(e)        (e)
#define LT(a, b)      lt_smallint(a, b)
#include "listsort_impl.h"
#define SORT_FN(name) ptr_int_##name
#define ELEM          obj_t *
#define KEY(e)        (e)
#define LT(a, b)      lt_int(a, b)
#include "listsort_impl.h"
#define SORT_FN(name) ptr_str_##name
#define ELEM          obj_t *
#define KEY(e)        (e)
#define LT(a, b)      lt_str(a, b)
#include "listsort_impl.h"
#define SORT_FN(name) ptr_float_##name
#define ELEM          obj_t *
#define KEY(e)        (e)
#define LT(a, b)      lt_float(a, b)
#include "listsort_impl.h"
#define SORT_FN(name) ptr_generic_##name
#define ELEM          obj_t *
#define KEY(e)        (e)
#define LT(a, b)      lt_generic(a, b)
#include "listsort_impl.h"
// ... and (key, item) pairs (with a key function).
#define SORT_FN(name) pair_small_##name
#define ELEM          pair_t
#define KEY(e)        ((e).k)
#define LT(a, b)      lt_smallint(a, b)
#include "listsort_impl.h"
#define SORT_FN(name) pair_generic_##name
#define ELEM          pair_t
#define KEY(e)        ((e).k)
#define LT(a, b)      lt_generic(a, b)
#include "listsort_impl.h"
#define SORT_FN(name) pair_int_##name
#define ELEM          pair_t
#define KEY(e)        ((e).k)
#define LT(a, b)      lt_int(a, b)
#include "listsort_impl.h"
#define SORT_FN(name) pair_str_##name
#define ELEM          pair_t
#define KEY(e)        ((e).k)
#define LT(a, b)      lt_str(a, b)
#include "listsort_impl.h"
#define SORT_FN(name) pair_float_##name
#define ELEM          pair_t
#define KEY(e)        ((e).k)
#define LT(a, b)      lt_float(a, b)
#include "listsort_impl.h"

int listsort_sort(obj_t **keys, obj_t **values, size_t n) {
    if (n < 2) return 0;
    int kind = pick_compare(keys, n);
    if (!values) {
        switch (kind) {
        case CMP_SMALLINT: return ptr_small_sort(keys, n);
        case CMP_INT: return ptr_int_sort(keys, n);
        case CMP_STR: return ptr_str_sort(keys, n);
        case CMP_FLOAT: return ptr_float_sort(keys, n);
        default: return ptr_generic_sort(keys, n);
        }
    }
    pair_t *a = malloc(n * sizeof(pair_t));
    if (!a) {
        err_no_memory();
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        a[i].k = keys[i];
        a[i].v = values[i];
    }
    int rc;
    switch (kind) {
    case CMP_SMALLINT: rc = pair_small_sort(a, n); break;
    case CMP_INT: rc = pair_int_sort(a, n); break;
    case CMP_STR: rc = pair_str_sort(a, n); break;
    case CMP_FLOAT: rc = pair_float_sort(a, n); break;
    default: rc = pair_generic_sort(a, n); break;
    }
    for (size_t i = 0; i < n; i++) {
        keys[i] = a[i].k;
        values[i] = a[i].v;
    }
    free(a);
    return rc;
}
