/*
 * modules/heapq.c — the `_heapq` module: the heap algorithms over a list
 * (heappush, heappop, heapify, heapreplace, heappushpop and the _max
 * variants that heapq.merge / nlargest use).
 *
 * Concurrency (as CPython 3.14t): each function runs in the list's critical
 * section from start to end, so threads pushing and popping on one shared
 * heap never interleave inside a sift and the heap invariant holds between
 * calls.  The comparisons call __lt__ inside the section (a section is
 * suspended if that code blocks, threads/critical.h), so every step takes
 * references to the items it compares, re-reads the items after the
 * comparison, and raises RuntimeError "list changed size during iteration"
 * when the size changed meanwhile (by this thread's __lt__ or by another
 * thread while the section was suspended).  Slot stores go through
 * objects/list.c's *_locked helpers, which keep the list's rules for its
 * lock-free readers and never enter the section again (the end of a nested
 * section on the same object releases the mutex for a moment, which would
 * let another thread pop between our append and its sift).
 *
 * heapify sifts every parent from the last one down (CPython switches to a
 * cache-friendlier order above 2,500 items; same heap property, the layout
 * of ties may differ there).
 */
#include "../core/error.h"
#include "../objects/exceptions.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../threads/critical.h"

// All with the heap's section held.  0, or -1 + exception.

static int size_changed(obj_t *heap, size_t size) {
    if ((size_t)list_size(heap) != size) {
        err_set_str(exc_RuntimeError, "list changed size during iteration");
        return 1;
    }
    return 0;
}

// a < b (or b < a when `max`), with references held across the call.
static int less(obj_t *a, obj_t *b, bool max) {
    INCREF(a);
    INCREF(b);
    int c = max ? obj_richcompare_bool(b, a, CMP_LT_OP) : obj_richcompare_bool(a, b, CMP_LT_OP);
    DECREF(a);
    DECREF(b);
    return c;
}

// Moves the item at pos up towards startpos while it is smaller than its
// parent.
static int siftdown(obj_t *heap, size_t startpos, size_t pos, bool max) {
    size_t size = (size_t)list_size(heap);
    if (pos >= size) {
        err_set_str(exc_IndexError, "index out of range");
        return -1;
    }
    while (pos > startpos) {
        size_t parentpos = (pos - 1) >> 1;
        int c = less(list_item_locked(heap, pos), list_item_locked(heap, parentpos), max);
        if (c < 0) return -1;
        if (size_changed(heap, size)) return -1;
        if (c == 0) break;
        list_swap_locked(heap, parentpos, pos);
        pos = parentpos;
    }
    return 0;
}

// Moves the item at pos down to a leaf along the smaller children, then
// back up (CPython's bottom-up variant).
static int siftup(obj_t *heap, size_t pos, bool max) {
    size_t endpos = (size_t)list_size(heap), startpos = pos;
    if (pos >= endpos) {
        err_set_str(exc_IndexError, "index out of range");
        return -1;
    }
    size_t limit = endpos >> 1;
    while (pos < limit) {
        size_t childpos = 2 * pos + 1;
        if (childpos + 1 < endpos) {
            int c =
                less(list_item_locked(heap, childpos), list_item_locked(heap, childpos + 1), max);
            if (c < 0) return -1;
            childpos += (size_t)(c ^ 1);
            if (size_changed(heap, endpos)) return -1;
        }
        list_swap_locked(heap, childpos, pos);
        pos = childpos;
    }
    return siftdown(heap, startpos, pos, max);
}

static int check_list(const char *fname, obj_t *v, bool first_of_many) {
    if (LIST_CHECK(v)) return 0;
    err_format(exc_TypeError, "%s() argument%s must be list, not %s", fname,
               first_of_many ? " 1" : "", obj_type_name(v));
    return -1;
}

// ---- the functions ----------------------------------------------------------------------

static obj_t *heappush(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("_heapq.heappush", kwnames) < 0 ||
        args_check("heappush", nargs, NULL, 2, 2) < 0 || check_list("heappush", args[0], true))
        return NULL;
    obj_t *heap = args[0];
    int rc;
    BEGIN_CRITICAL_SECTION(heap);
    rc = list_append_locked(heap, args[1]);
    if (rc == 0) rc = siftdown(heap, 0, (size_t)list_size(heap) - 1, false);
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *heappop_impl(obj_t *heap, bool max) {
    obj_t *r = NULL, *failed = NULL;
    BEGIN_CRITICAL_SECTION(heap);
    if (list_size(heap) == 0) {
        err_set_str(exc_IndexError, "index out of range");
    } else {
        obj_t *last = list_pop_last_locked(heap);
        if (list_size(heap) == 0) {
            r = last;
        } else {
            r = list_replace_locked(heap, 0, last);
            DECREF(last);
            if (siftup(heap, 0, max) < 0) {
                failed = r; // released after the section: no __del__ inside it
                r = NULL;
            }
        }
    }
    END_CRITICAL_SECTION();
    XDECREF(failed);
    return r;
}

static obj_t *heappop(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_heapq.heappop", nargs, kwnames, 1, 1) < 0 ||
        check_list("heappop", args[0], false))
        return NULL;
    return heappop_impl(args[0], false);
}

static obj_t *heappop_max(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_heapq._heappop_max", nargs, kwnames, 1, 1) < 0 ||
        check_list("_heappop_max", args[0], false))
        return NULL;
    return heappop_impl(args[0], true);
}

static obj_t *heapreplace_impl(obj_t *heap, obj_t *item, bool max) {
    obj_t *r = NULL, *failed = NULL;
    BEGIN_CRITICAL_SECTION(heap);
    if (list_size(heap) == 0) {
        err_set_str(exc_IndexError, "index out of range");
    } else {
        r = list_replace_locked(heap, 0, item);
        if (siftup(heap, 0, max) < 0) {
            failed = r; // released after the section: no __del__ inside it
            r = NULL;
        }
    }
    END_CRITICAL_SECTION();
    XDECREF(failed);
    return r;
}

static obj_t *heapreplace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("_heapq.heapreplace", kwnames) < 0 ||
        args_check("heapreplace", nargs, NULL, 2, 2) < 0 ||
        check_list("heapreplace", args[0], true))
        return NULL;
    return heapreplace_impl(args[0], args[1], false);
}

static obj_t *heapreplace_max(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("_heapq._heapreplace_max", kwnames) < 0 ||
        args_check("_heapreplace_max", nargs, NULL, 2, 2) < 0 ||
        check_list("_heapreplace_max", args[0], true))
        return NULL;
    return heapreplace_impl(args[0], args[1], true);
}

static obj_t *heappushpop(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("_heapq.heappushpop", kwnames) < 0 ||
        args_check("heappushpop", nargs, NULL, 2, 2) < 0 ||
        check_list("heappushpop", args[0], true))
        return NULL;
    obj_t *heap = args[0], *item = args[1], *r = NULL, *failed = NULL;
    BEGIN_CRITICAL_SECTION(heap);
    if (list_size(heap) == 0) {
        r = NEWREF(item);
    } else {
        int c = less(list_item_locked(heap, 0), item, false);
        if (c == 0) {
            r = NEWREF(item);
        } else if (c > 0) {
            if (list_size(heap) == 0) {
                err_set_str(exc_IndexError, "index out of range");
            } else {
                r = list_replace_locked(heap, 0, item);
                if (siftup(heap, 0, false) < 0) {
                    failed = r; // released after the section: no __del__ inside it
                    r = NULL;
                }
            }
        }
    }
    END_CRITICAL_SECTION();
    XDECREF(failed);
    return r;
}

static obj_t *heapify_impl(obj_t *heap, bool max) {
    int rc = 0;
    BEGIN_CRITICAL_SECTION(heap);
    size_t n = (size_t)list_size(heap);
    for (size_t i = n / 2; i-- > 0;)
        if ((rc = siftup(heap, i, max)) < 0) break;
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *heapify(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_heapq.heapify", nargs, kwnames, 1, 1) < 0 ||
        check_list("heapify", args[0], false))
        return NULL;
    return heapify_impl(args[0], false);
}

static obj_t *heapify_max(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_heapq._heapify_max", nargs, kwnames, 1, 1) < 0 ||
        check_list("_heapify_max", args[0], false))
        return NULL;
    return heapify_impl(args[0], true);
}

static const method_def_t heapq_functions[] = {
    {"heappush", heappush, 0, "Push item onto heap, maintaining the heap invariant."},
    {"heappop", heappop, 0, "Pop the smallest item off the heap, maintaining the heap invariant."},
    {"heapify", heapify, 0, "Transform list into a heap, in-place, in O(len(heap)) time."},
    {"heapreplace", heapreplace, 0, "Pop and return the current smallest value, and add item."},
    {"heappushpop", heappushpop, 0, "Push item on the heap, then pop and return the smallest."},
    {"_heappop_max", heappop_max, 0, "Maxheap variant of heappop."},
    {"_heapify_max", heapify_max, 0, "Maxheap variant of heapify."},
    {"_heapreplace_max", heapreplace_max, 0, "Maxheap variant of heapreplace."},
    {NULL},
};

obj_t *heapq_module_init(void) {
    obj_t *m = module_new("_heapq");
    if (m == NULL) return NULL;
    if (module_add_functions(m, heapq_functions) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
