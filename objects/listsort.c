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
    obj_t *v; // the item moved with it (== k without a key function)
} pair_t;

typedef int (*lt_fn)(obj_t *a, obj_t *b); // 1 a < b, 0 not, -1 error

static int lt_generic(obj_t *a, obj_t *b) { return obj_richcompare_bool(a, b, CMP_LT_OP); }
static int lt_smallint(obj_t *a, obj_t *b) {
    return SMALLINT_VALUE(a) < SMALLINT_VALUE(b);
}
static int lt_int(obj_t *a, obj_t *b) { return int_cmp(a, b) < 0; }
static int lt_str(obj_t *a, obj_t *b) { return str_cmp(a, b) < 0; }
static int lt_float(obj_t *a, obj_t *b) { return float_value(a) < float_value(b); }

static lt_fn pick_compare(pair_t *a, size_t n) {
    bool all_small = true, all_int = true, all_str = true, all_float = true;
    for (size_t i = 0; i < n; i++) {
        obj_t *k = a[i].k;
        if (IS_SMALLINT(k)) {
            all_str = all_float = false;
            continue;
        }
        all_small = false;
        type_t *t = k->ob_type;
        if (t != &int_type)
            all_int = false;
        if (t != &str_type)
            all_str = false;
        if (!FLOAT_EXACT(k))
            all_float = false;
        if (!all_int && !all_str && !all_float)
            break;
    }
    if (all_small)
        return lt_smallint;
    if (all_int)
        return lt_int;
    if (all_str)
        return lt_str;
    if (all_float)
        return lt_float;
    return lt_generic;
}

typedef struct {
    pair_t *a;
    lt_fn lt;
    pair_t *tmp;
    size_t tmpcap;
    size_t base[85], len[85];
    int n;
} sortstate_t;

static void reverse_pairs(pair_t *lo, pair_t *hi) { // [lo, hi)
    for (--hi; lo < hi; lo++, hi--) {
        pair_t t = *lo;
        *lo = *hi;
        *hi = t;
    }
}

// Binary insertion sort of a[lo, hi) where a[lo, start) is already sorted.
static int binary_insertion(sortstate_t *s, size_t lo, size_t hi, size_t start) {
    pair_t *a = s->a;
    for (; start < hi; start++) {
        pair_t pivot = a[start];
        size_t l = lo, r = start;
        while (l < r) {
            size_t m = l + ((r - l) >> 1);
            int c = s->lt(pivot.k, a[m].k);
            if (c < 0)
                return -1;
            if (c)
                r = m;
            else
                l = m + 1;
        }
        memmove(&a[l + 1], &a[l], (start - l) * sizeof(pair_t));
        a[l] = pivot;
    }
    return 0;
}

// Length of the run starting at lo (reversing a strictly descending one).
static ssize_t count_run(sortstate_t *s, size_t lo, size_t hi) {
    pair_t *a = s->a;
    if (lo + 1 >= hi)
        return (ssize_t)(hi - lo);
    size_t i = lo + 2;
    int c = s->lt(a[lo + 1].k, a[lo].k);
    if (c < 0)
        return -1;
    if (c) {
        for (; i < hi; i++) {
            c = s->lt(a[i].k, a[i - 1].k);
            if (c < 0)
                return -1;
            if (!c)
                break;
        }
        reverse_pairs(a + lo, a + i);
    } else {
        for (; i < hi; i++) {
            c = s->lt(a[i].k, a[i - 1].k);
            if (c < 0)
                return -1;
            if (c)
                break;
        }
    }
    return (ssize_t)(i - lo);
}

static size_t merge_compute_minrun(size_t n) {
    size_t r = 0;
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

// Merges the runs at stack positions i and i+1.
static int merge_at(sortstate_t *s, int i) {
    pair_t *a = s->a;
    size_t pa = s->base[i], na = s->len[i];
    size_t pb = s->base[i + 1], nb = s->len[i + 1];
    s->len[i] = na + nb;
    if (i == s->n - 3) {
        s->base[i + 1] = s->base[i + 2];
        s->len[i + 1] = s->len[i + 2];
    }
    s->n--;

    // Skip the part of A that is <= B[0]: first index where B[0] < A[k].
    size_t l = 0, r = na;
    while (l < r) {
        size_t m = l + ((r - l) >> 1);
        int c = s->lt(a[pb].k, a[pa + m].k);
        if (c < 0)
            return -1;
        if (c)
            r = m;
        else
            l = m + 1;
    }
    pa += l;
    na -= l;
    if (na == 0)
        return 0;
    // Skip the part of B that is >= A[last]: first index where !(B[k] < A_last).
    obj_t *alast = a[pa + na - 1].k;
    l = 0;
    r = nb;
    while (l < r) {
        size_t m = l + ((r - l) >> 1);
        int c = s->lt(a[pb + m].k, alast);
        if (c < 0)
            return -1;
        if (c)
            l = m + 1;
        else
            r = m;
    }
    nb = l;
    if (nb == 0)
        return 0;

    // Merge forward with a copy of A.
    if (s->tmpcap < na) {
        pair_t *t = realloc(s->tmp, na * sizeof(pair_t));
        if (!t) {
            err_no_memory();
            return -1;
        }
        s->tmp = t;
        s->tmpcap = na;
    }
    pair_t *tmp = s->tmp;
    memcpy(tmp, a + pa, na * sizeof(pair_t));
    size_t ia = 0, ib = pb, d = pa, bend = pb + nb;
    int rc = 0;
    while (ia < na && ib < bend) {
        int c = s->lt(a[ib].k, tmp[ia].k);
        if (c < 0) {
            rc = -1;
            break;
        }
        if (c)
            a[d++] = a[ib++];
        else
            a[d++] = tmp[ia++];
    }
    // Whatever is left of A fills the gap just before the rest of B.
    memcpy(a + d, tmp + ia, (na - ia) * sizeof(pair_t));
    return rc;
}

static int merge_collapse(sortstate_t *s) {
    while (s->n > 1) {
        int k = s->n - 2;
        if ((k > 0 && s->len[k - 1] <= s->len[k] + s->len[k + 1]) ||
            (k > 1 && s->len[k - 2] <= s->len[k - 1] + s->len[k])) {
            if (s->len[k - 1] < s->len[k + 1])
                k--;
        } else if (s->len[k] > s->len[k + 1]) {
            break;
        }
        if (merge_at(s, k) < 0)
            return -1;
    }
    return 0;
}

static int merge_force_collapse(sortstate_t *s) {
    while (s->n > 1) {
        int k = s->n - 2;
        if (k > 0 && s->len[k - 1] < s->len[k + 1])
            k--;
        if (merge_at(s, k) < 0)
            return -1;
    }
    return 0;
}

static int timsort(sortstate_t *s, size_t n) {
    size_t minrun = merge_compute_minrun(n);
    size_t lo = 0;
    while (lo < n) {
        ssize_t run = count_run(s, lo, n);
        if (run < 0)
            return -1;
        if ((size_t)run < minrun) {
            size_t force = n - lo < minrun ? n - lo : minrun;
            if (binary_insertion(s, lo, lo + force, lo + (size_t)run) < 0)
                return -1;
            run = (ssize_t)force;
        }
        s->base[s->n] = lo;
        s->len[s->n] = (size_t)run;
        s->n++;
        if (merge_collapse(s) < 0)
            return -1;
        lo += (size_t)run;
    }
    return merge_force_collapse(s);
}

int listsort_sort(obj_t **keys, obj_t **values, size_t n) {
    if (n < 2)
        return 0;
    pair_t *a = malloc(n * sizeof(pair_t));
    if (!a) {
        err_no_memory();
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        a[i].k = keys[i];
        a[i].v = values ? values[i] : keys[i];
    }
    sortstate_t s = {.a = a, .lt = pick_compare(a, n), .tmp = NULL, .tmpcap = 0, .n = 0};
    int rc = timsort(&s, n);
    free(s.tmp);
    for (size_t i = 0; i < n; i++) {
        keys[i] = a[i].k;
        if (values)
            values[i] = a[i].v;
    }
    free(a);
    return rc;
}
