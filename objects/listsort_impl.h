/*
 * objects/listsort_impl.h — the merge sort of listsort.c, instantiated once
 * per (element type, comparison) pair so that the fast comparisons inline.
 * Private to listsort.c, which defines before each inclusion:
 *   SORT_FN(name)   prefix for the generated functions
 *   ELEM            element type (obj_t * or pair_t)
 *   KEY(e)          the key (obj_t *) of an element
 *   LT(a, b)        1 if key a < key b, 0 if not, -1 on error
 */
#if !defined(PVM_CONTAINERS_IMPL) || !defined(SORT_FN)
#error "objects/listsort_impl.h is private to listsort.c"
#endif

typedef struct {
    ELEM *a;
    ELEM *tmp;
    size_t tmpcap;
    size_t base[85], len[85];
    int n;
} SORT_FN(state_t);

static void SORT_FN(reverse)(ELEM *lo, ELEM *hi) { // [lo, hi)
    for (--hi; lo < hi; lo++, hi--) {
        ELEM t = *lo;
        *lo = *hi;
        *hi = t;
    }
}

// Binary insertion sort of a[lo, hi) where a[lo, start) is already sorted.
static int SORT_FN(binary_insertion)(ELEM *a, size_t lo, size_t hi, size_t start) {
    for (; start < hi; start++) {
        ELEM pivot = a[start];
        size_t l = lo, r = start;
        while (l < r) {
            size_t m = l + ((r - l) >> 1);
            int c = LT(KEY(pivot), KEY(a[m]));
            if (c < 0) return -1;
            if (c)
                r = m;
            else
                l = m + 1;
        }
        memmove(&a[l + 1], &a[l], (start - l) * sizeof(ELEM));
        a[l] = pivot;
    }
    return 0;
}

// Length of the run starting at lo (reversing a strictly descending one).
static ssize_t SORT_FN(count_run)(ELEM *a, size_t lo, size_t hi) {
    if (lo + 1 >= hi) return (ssize_t)(hi - lo);
    size_t i = lo + 2;
    int c = LT(KEY(a[lo + 1]), KEY(a[lo]));
    if (c < 0) return -1;
    if (c) {
        for (; i < hi; i++) {
            c = LT(KEY(a[i]), KEY(a[i - 1]));
            if (c < 0) return -1;
            if (!c) break;
        }
        SORT_FN(reverse)(a + lo, a + i);
    } else {
        for (; i < hi; i++) {
            c = LT(KEY(a[i]), KEY(a[i - 1]));
            if (c < 0) return -1;
            if (c) break;
        }
    }
    return (ssize_t)(i - lo);
}

// Merges the runs at stack positions i and i+1.
static int SORT_FN(merge_at)(SORT_FN(state_t) * s, int i) {
    ELEM *a = s->a;
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
        int c = LT(KEY(a[pb]), KEY(a[pa + m]));
        if (c < 0) return -1;
        if (c)
            r = m;
        else
            l = m + 1;
    }
    pa += l;
    na -= l;
    if (na == 0) return 0;
    // Skip the part of B that is >= A[last]: first index where !(B[k] < A_last).
    obj_t *alast = KEY(a[pa + na - 1]);
    l = 0;
    r = nb;
    while (l < r) {
        size_t m = l + ((r - l) >> 1);
        int c = LT(KEY(a[pb + m]), alast);
        if (c < 0) return -1;
        if (c)
            l = m + 1;
        else
            r = m;
    }
    nb = l;
    if (nb == 0) return 0;

    // Merge forward with a copy of A.
    if (s->tmpcap < na) {
        ELEM *t = realloc(s->tmp, na * sizeof(ELEM));
        if (!t) {
            err_no_memory();
            return -1;
        }
        s->tmp = t;
        s->tmpcap = na;
    }
    ELEM *tmp = s->tmp;
    memcpy(tmp, a + pa, na * sizeof(ELEM));
    size_t ia = 0, ib = pb, d = pa, bend = pb + nb;
    int rc = 0;
    while (ia < na && ib < bend) {
        int c = LT(KEY(a[ib]), KEY(tmp[ia]));
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
    memcpy(a + d, tmp + ia, (na - ia) * sizeof(ELEM));
    return rc;
}

static int SORT_FN(merge_collapse)(SORT_FN(state_t) * s) {
    while (s->n > 1) {
        int k = s->n - 2;
        if ((k > 0 && s->len[k - 1] <= s->len[k] + s->len[k + 1]) ||
            (k > 1 && s->len[k - 2] <= s->len[k - 1] + s->len[k])) {
            if (s->len[k - 1] < s->len[k + 1]) k--;
        } else if (s->len[k] > s->len[k + 1]) {
            break;
        }
        if (SORT_FN(merge_at)(s, k) < 0) return -1;
    }
    return 0;
}

static int SORT_FN(merge_force_collapse)(SORT_FN(state_t) * s) {
    while (s->n > 1) {
        int k = s->n - 2;
        if (k > 0 && s->len[k - 1] < s->len[k + 1]) k--;
        if (SORT_FN(merge_at)(s, k) < 0) return -1;
    }
    return 0;
}

// Sorts a[0..n) stably.  0, or -1 with an exception (all elements kept).
static int SORT_FN(sort)(ELEM *a, size_t n) {
    SORT_FN(state_t) s;
    s.a = a;
    s.tmp = NULL;
    s.tmpcap = 0;
    s.n = 0;
    size_t minrun = merge_compute_minrun(n);
    size_t lo = 0;
    int rc = 0;
    while (lo < n) {
        ssize_t run = SORT_FN(count_run)(a, lo, n);
        if (run < 0) {
            rc = -1;
            break;
        }
        if ((size_t)run < minrun) {
            size_t force = n - lo < minrun ? n - lo : minrun;
            if (SORT_FN(binary_insertion)(a, lo, lo + force, lo + (size_t)run) < 0) {
                rc = -1;
                break;
            }
            run = (ssize_t)force;
        }
        s.base[s.n] = lo;
        s.len[s.n] = (size_t)run;
        s.n++;
        if (SORT_FN(merge_collapse)(&s) < 0) {
            rc = -1;
            break;
        }
        lo += (size_t)run;
    }
    if (rc == 0) rc = SORT_FN(merge_force_collapse)(&s);
    free(s.tmp);
    return rc;
}

#undef SORT_FN
#undef ELEM
#undef KEY
#undef LT
