/*
 * objects/bytearray.c — bytearray: a mutable, resizable byte string, and its
 * iterator.
 *
 * Layout (bytearray.h): `data` is a malloc'd block of `cap` bytes holding
 * `len` bytes of content.  Growth over-allocates (about 1/8 extra), as
 * CPython's does, so a run of appends is amortized O(1).
 *
 * Concurrency.  A bytearray is mutable and may be shared, so:
 *   - every read or write of `data`, `len`, `cap` and `exports` happens in
 *     the bytearray's critical section (threads/critical.h); `len` is also
 *     atomic so len(ba) needs no lock;
 *   - no Python code runs while the section is relied on: arguments are
 *     converted first (__index__, iteration of an iterable, a bytes snapshot
 *     of a bytes-like argument, even when it is the bytearray itself), then
 *     the section is entered and the operation done in plain C;
 *   - a buffer export (objects/buffer.h: memoryview(ba), a C reader) pins
 *     `data`: while `exports` > 0 any change of size raises BufferError
 *     "Existing exports of data: object cannot be re-sized" and `data` is
 *     never reallocated, so the exporter's reader needs no lock to stay
 *     memory safe.  In-place writes (ba[i] = x, same-size slice assignment)
 *     stay allowed, as in CPython.
 * The methods bytearray shares with bytes (split, upper, hex ...) are bytes'
 * own implementations (objects/bytes.c) run on a bytes snapshot of the
 * contents taken in the section (bytes_call_shared); their bytes results come
 * back as bytearrays.  The snapshot costs a copy (these methods build an
 * O(n) result anyway) and gives each call one consistent state of the
 * bytearray however other threads mutate it.  The searching methods (find,
 * count, startswith ...), `in` and comparisons, often O(1) per call in a
 * loop, search the bytes in place in the section instead (bytes_search).
 */
#define _GNU_SOURCE 1
#include "bytearray.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../gc/qsbr.h"
#include "../threads/critical.h"
#include "buffer.h"
#include "bytes.h"
#include "exceptions.h"
#include "int.h"
#include "list.h"
#include "memoryview.h"
#include "range.h"
#include "str.h"
#include "tuple.h"

#define BA(o) ((bytearray_t *)(o))

static inline size_t LEN(obj_t *o) {
    return atomic_load_explicit(&BA(o)->len, memory_order_relaxed);
}

static const char resize_error[] = "Existing exports of data: object cannot be re-sized";

// ---- storage (section held) -------------------------------------------------------------------

// Makes room for `newlen` bytes without changing the contents or `len`:
// refuses a change of size while exported, grows the block when needed.
// -1 + BufferError / MemoryError with nothing changed.
static int prepare_resize(obj_t *o, size_t newlen) {
    bytearray_t *b = BA(o);
    size_t len = LEN(o);
    if (newlen == len) return 0;
    if (b->exports > 0) {
        err_set_str(exc_BufferError, resize_error);
        return -1;
    }
    if (newlen <= b->cap) return 0;
    if (newlen > (size_t)PTRDIFF_MAX - 16) {
        err_no_memory();
        return -1;
    }
    // CPython's policy: a small step over the capacity over-allocates by
    // about 1/8 (a run of appends), a big jump (a construction) is exact.
    size_t cap =
        newlen <= b->cap + (b->cap >> 3) ? newlen + (newlen >> 3) + (newlen < 9 ? 3 : 6) : newlen;
    if (obj_alloc_too_big(cap)) {
        err_no_memory();
        return -1;
    }
    unsigned char *d = realloc(b->data, cap);
    if (!d) {
        err_no_memory();
        return -1;
    }
    b->data = d;
    b->cap = cap;
    return 0;
}

// Sets the length after prepare_resize (and the caller's moves); gives
// memory back when the contents shrank well below the capacity.
static void set_len(obj_t *o, size_t newlen) {
    bytearray_t *b = BA(o);
    atomic_store_explicit(&b->len, newlen, memory_order_relaxed);
    if (b->exports == 0 && newlen < b->cap / 4) {
        if (newlen == 0) {
            free(b->data);
            b->data = NULL;
            b->cap = 0;
        } else {
            size_t cap = newlen + (newlen >> 3) + 8;
            unsigned char *d = realloc(b->data, cap);
            if (d) {
                b->data = d;
                b->cap = cap;
            }
        }
    }
}

// Replaces bytes [lo, hi) by n bytes from src (which is not our data).
static int replace_locked(obj_t *o, size_t lo, size_t hi, const unsigned char *src, size_t n) {
    size_t len = LEN(o);
    size_t newlen = len - (hi - lo) + n;
    if (prepare_resize(o, newlen) < 0) return -1;
    unsigned char *d = BA(o)->data;
    if (hi - lo != n && len > hi) memmove(d + lo + n, d + hi, len - hi);
    if (n) memcpy(d + lo, src, n);
    set_len(o, newlen);
    return 0;
}

static obj_t *ba_alloc(type_t *type) {
    bytearray_t *b = (bytearray_t *)obj_alloc(type, type->basicsize);
    if (!b) return NULL;
    b->data = NULL;
    b->cap = 0;
    b->exports = 0;
    atomic_store_explicit(&b->len, 0, memory_order_relaxed);
    return (obj_t *)b;
}

obj_t *bytearray_from(const void *data, size_t len) {
    obj_t *o = ba_alloc(&bytearray_type);
    if (!o) return NULL;
    // A new object (no other thread can see it yet), sized exactly: growth
    // over-allocates only once it is appended to.
    if (len) {
        if (obj_alloc_too_big(len) || !(BA(o)->data = malloc(len))) {
            DECREF(o);
            return err_no_memory();
        }
        BA(o)->cap = len;
        if (data) memcpy(BA(o)->data, data, len);
    }
    atomic_store_explicit(&BA(o)->len, len, memory_order_relaxed);
    return o;
}

obj_t *bytearray_snapshot(obj_t *o) {
    obj_t *r;
    BEGIN_CRITICAL_SECTION(o);
    r = bytes_from(BA(o)->data ? BA(o)->data : (unsigned char *)"", LEN(o));
    END_CRITICAL_SECTION();
    return r;
}

void bytearray_export(obj_t *o, unsigned char **buf, size_t *len) {
    BEGIN_CRITICAL_SECTION(o);
    BA(o)->exports++;
    *buf = BA(o)->data;
    *len = LEN(o);
    END_CRITICAL_SECTION();
}

void bytearray_unexport(obj_t *o) {
    BEGIN_CRITICAL_SECTION(o);
    BA(o)->exports--;
    END_CRITICAL_SECTION();
}

// ---- argument conversion (no section held: may run Python code)
// ----------------------------------

// A byte value (0..255) from an int-like; -1 + TypeError / ValueError.
static int byte_arg(obj_t *v) {
    if (!INT_CHECK(v) && !TYPE(v)->nb_index) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(v));
        return -1;
    }
    ssize_t x;
    if (obj_ssize_arg(v, &x) < 0) {
        if (!err_matches(exc_OverflowError)) return -1;
        err_clear();
        x = -1;
    }
    if (x < 0 || x > 255) {
        err_set_str(exc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    return (int)x;
}

// The bytes of an iterable of ints, as a bytes object.
static obj_t *bytes_of_iterable(obj_t *it) {
    size_t cap = 16, n = 0;
    unsigned char *buf = malloc(cap);
    if (!buf) return err_no_memory();
    obj_t *item;
    while ((item = obj_iternext(it))) {
        int c = byte_arg(item);
        DECREF(item);
        if (c < 0) goto error;
        if (n == cap) {
            if (obj_alloc_too_big(cap * 2)) {
                err_no_memory();
                goto error;
            }
            unsigned char *nb = realloc(buf, cap * 2);
            if (!nb) {
                err_no_memory();
                goto error;
            }
            buf = nb;
            cap *= 2;
        }
        buf[n++] = (unsigned char)c;
    }
    if (err_occurred()) goto error;
    obj_t *r = bytes_from(buf, n);
    free(buf);
    return r;
error:
    free(buf);
    return NULL;
}

// The contents bytearray(src) would have, for a src that is not a str and
// not an int (bytes-like: a snapshot; else an iterable of ints); a
// non-iterable is "cannot convert 'X' object to bytearray".
static obj_t *source_bytes(obj_t *src) {
    if (MEMORYVIEW_CHECK(src)) return memoryview_tobytes(src);
    if (buffer_check(src)) return buffer_as_bytes(src);
    obj_t *it = obj_iter(src);
    if (!it) {
        if (err_matches(exc_TypeError)) {
            err_clear();
            err_format(exc_TypeError, "cannot convert '%s' object to bytearray",
                       obj_type_name(src));
        }
        return NULL;
    }
    obj_t *r = bytes_of_iterable(it);
    DECREF(it);
    return r;
}

// Appends n bytes (section not held).
static int append_raw(obj_t *self, const unsigned char *src, size_t n) {
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    size_t len = LEN(self);
    rc = replace_locked(self, len, len, src, n);
    END_CRITICAL_SECTION();
    return rc;
}

// bytearray(iterable): each item is appended as it comes, as CPython does
// (an iterator may watch the bytearray grow; on an error the items before
// it stay).  A bytes-like source gives its bytes; an iterable gives None
// once appended.
static obj_t *init_source(obj_t *self, obj_t *src) {
    if (MEMORYVIEW_CHECK(src) || buffer_check(src)) return source_bytes(src);
    obj_t *it = obj_iter(src);
    if (!it) return source_bytes(src); // its TypeError
    // A list, tuple or range runs no code between its items: they are
    // appended in batches.
    bool batch = OBJ_IS_TYPE(src, &list_type) || OBJ_IS_TYPE(src, &tuple_type) ||
                 OBJ_IS_TYPE(src, &range_type);
    unsigned char buf[256];
    size_t n = 0;
    obj_t *item;
    while ((item = obj_iternext(it))) {
        int c = byte_arg(item);
        DECREF(item);
        if (c < 0) break;
        buf[n++] = (unsigned char)c;
        if (!batch || n == sizeof buf) {
            int rc = append_raw(self, buf, n);
            n = 0;
            if (rc < 0) break;
        }
    }
    DECREF(it);
    if (n > 0) (void)append_raw(self, buf, n);
    return err_occurred() ? NULL : NEWREF(None);
}

// ---- construction -----------------------------------------------------------------------------

static obj_t *bytearray_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return ba_alloc(type);
}

// Empties self, as __init__ does once its arguments parsed (so a later
// conversion error leaves it empty, and a live export refuses, as in CPython).
static int init_clear(obj_t *self) {
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    rc = replace_locked(self, 0, LEN(self), NULL, 0);
    END_CRITICAL_SECTION();
    return rc;
}

// The contents for bytearray(source, encoding, errors), as a bytes object,
// or None when an iterable's items were appended to self already.
static obj_t *init_contents(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"source", "encoding", "errors", NULL};
    obj_t *a[3] = {NULL, NULL, NULL};
    if (args_parse("bytearray", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    obj_t *src = a[0];
    for (int i = 1; i < 3; i++) {
        if (a[i] && !STR_CHECK(a[i])) {
            err_format(exc_TypeError, "bytearray() argument '%s' must be str, not %s", names[i],
                       obj_type_name(a[i]));
            return NULL;
        }
    }
    if (init_clear(self) < 0) return NULL;
    if (src && STR_CHECK(src)) {
        if (!a[1]) {
            err_set_str(exc_TypeError, "string argument without an encoding");
            return NULL;
        }
        return str_encode(src, str_data(a[1]), a[2] ? str_data(a[2]) : "strict");
    }
    if (a[1] || a[2]) {
        err_set_str(exc_TypeError, a[1] ? "encoding without a string argument"
                                        : "errors without a string argument");
        return NULL;
    }
    if (!src) return bytes_from("", 0);
    if (INT_CHECK(src) || TYPE(src)->nb_index) {
        ssize_t n;
        if (obj_ssize_arg(src, &n) < 0) {
            if (err_matches(exc_TypeError)) { // __index__ raised TypeError: a buffer?
                err_clear();
                return init_source(self, src);
            }
            if (err_matches(exc_OverflowError)) {
                err_clear();
                err_format(exc_OverflowError, "cannot fit '%s' into an index-sized integer",
                           obj_type_name(src));
            }
            return NULL;
        }
        if (n < 0) {
            err_set_str(exc_ValueError, "negative count");
            return NULL;
        }
        if (obj_alloc_too_big((size_t)n)) return err_no_memory();
        unsigned char *z = calloc((size_t)n ? (size_t)n : 1, 1);
        if (!z) return err_no_memory();
        obj_t *r;
        r = bytes_from(z, (size_t)n);
        free(z);
        return r;
    }
    return init_source(self, src);
}

static int bytearray_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *c = init_contents(self, args, nargs, kwnames);
    if (!c) return -1;
    if (c == None) {
        DECREF(c);
        return 0;
    }
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    rc = replace_locked(self, 0, LEN(self), bytes_data(c), bytes_len(c));
    END_CRITICAL_SECTION();
    DECREF(c);
    return rc;
}

static void bytearray_dealloc(obj_t *o) {
    free(BA(o)->data);
    obj_free(o);
}

// ---- results of the methods shared with bytes
// -----------------------------------------------------

// A bytes result of a shared method as a bytearray (steals r); lists and
// tuples of bytes get bytearray items.  Other results pass through.
static obj_t *as_bytearray_result(obj_t *r) {
    if (!r || IS_SMALLINT(r)) return r;
    if (BYTES_CHECK(r)) {
        obj_t *b = bytearray_from(bytes_data(r), bytes_len(r));
        DECREF(r);
        return b;
    }
    if (buffer_check(r)) { // partition's separator, returned as given: a copy
        obj_t *s = buffer_as_bytes(r);
        DECREF(r);
        return s ? as_bytearray_result(s) : NULL;
    }
    if (LIST_CHECK(r)) {
        ssize_t n = obj_len(r);
        for (ssize_t i = 0; i < n; i++) {
            obj_t *item = list_get(r, i);
            if (!item) goto error;
            obj_t *b = as_bytearray_result(item);
            if (!b) goto error;
            int rc = list_set(r, i, b);
            DECREF(b);
            if (rc < 0) goto error;
        }
        return r;
    }
    if (TUPLE_CHECK(r)) {
        size_t n = TUPLE_SIZE(r);
        obj_t *t = tuple_new(n);
        if (!t) goto error;
        for (size_t i = 0; i < n; i++) {
            obj_t *b = as_bytearray_result(NEWREF(TUPLE_GET(r, i)));
            if (!b) {
                for (size_t k = i; k < n; k++)
                    TUPLE_SET(t, k, NEWREF(None));
                DECREF(t);
                goto error;
            }
            TUPLE_SET(t, i, b);
        }
        DECREF(r);
        return t;
    }
    return r;
error:
    DECREF(r);
    return NULL;
}

static obj_t *call_shared(const char *name, _Atomic(cfunc_t) *cache, obj_t *self,
                          obj_t *const *args, size_t nargs, obj_t *kw, bool convert) {
    cfunc_t fn = atomic_load_explicit(cache, memory_order_relaxed);
    if (!fn) {
        for (const method_def_t *m = bytes_methods; m->name; m++)
            if (strcmp(m->name, name) == 0) fn = m->fn;
        atomic_store_explicit(cache, fn, memory_order_relaxed);
    }
    obj_t *r = bytes_call_shared(fn, self, args, nargs, kw);
    return convert ? as_bytearray_result(r) : r;
}

// SHARED(name): the bytes method; SHARED_PLAIN: one whose result is not bytes.
#define SHARED_IMPL(name, convert)                                                                 \
    static obj_t *m_##name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {             \
        static _Atomic(cfunc_t) fn;                                                                \
        return call_shared(#name, &fn, self, args, nargs, kw, convert);                            \
    }
#define SHARED(name)       SHARED_IMPL(name, true)
#define SHARED_PLAIN(name) SHARED_IMPL(name, false)

SHARED_PLAIN(decode)
SHARED_PLAIN(hex)
SHARED(join)
SHARED(split)
SHARED(rsplit)
SHARED(splitlines)
SHARED(strip)
SHARED(lstrip)
SHARED(rstrip)
SHARED(replace)
SHARED(upper)
SHARED(lower)
SHARED(swapcase)
SHARED(title)
SHARED(capitalize)
SHARED_PLAIN(isdigit)
SHARED_PLAIN(isalpha)
SHARED_PLAIN(isalnum)
SHARED_PLAIN(isspace)
SHARED_PLAIN(isupper)
SHARED_PLAIN(islower)
SHARED(ljust)
SHARED(rjust)
SHARED(center)
SHARED(partition)
SHARED(rpartition)
SHARED(removeprefix)
SHARED(removesuffix)
SHARED(zfill)
SHARED(expandtabs)
SHARED_PLAIN(isascii)
SHARED_PLAIN(istitle)
SHARED(translate)
SHARED_PLAIN(maketrans)

// ---- the searching methods: no snapshot
// ------------------------------------------------------------
//
// find, count, startswith ... are often called with a start index in a loop
// over a big bytearray, so they search the bytes in place, in the section,
// after making every argument plain (bytes-like -> a bytes snapshot,
// __index__ -> int), so that bytes_search runs no Python code there.

static obj_t *plain_arg(obj_t *v, bool index) {
    if (IS_SMALLINT(v) || v == None || BYTES_CHECK(v) || INT_CHECK(v)) return NEWREF(v);
    if (buffer_check(v)) return buffer_as_bytes(v);
    if (index && TYPE(v)->nb_index) return obj_index(v);
    if (TUPLE_CHECK(v)) {
        size_t n = TUPLE_SIZE(v);
        obj_t *t = tuple_new(n);
        if (!t) return NULL;
        for (size_t i = 0; i < n; i++) {
            obj_t *x = plain_arg(TUPLE_GET(v, i), false);
            if (!x) {
                for (size_t k = i; k < n; k++)
                    TUPLE_SET(t, k, NEWREF(None));
                DECREF(t);
                return NULL;
            }
            TUPLE_SET(t, i, x);
        }
        return t;
    }
    return NEWREF(v); // bytes_search reports its type
}

static obj_t *search(int which, obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    obj_t *conv[3];
    size_t n = nargs < 3 ? nargs : 3;
    if (nargs > 3 || (kw && TUPLE_SIZE(kw) > 0)) // an arity error: nothing to convert
        return bytes_search(which, NULL, 0, args, nargs, kw);
    for (size_t i = 0; i < n; i++) {
        conv[i] = plain_arg(args[i], true);
        if (!conv[i]) {
            for (size_t k = 0; k < i; k++)
                DECREF(conv[k]);
            return NULL;
        }
    }
    obj_t *r;
    BEGIN_CRITICAL_SECTION(self);
    r = bytes_search(which, BA(self)->data, LEN(self), conv, nargs, NULL);
    END_CRITICAL_SECTION();
    for (size_t k = 0; k < n; k++)
        DECREF(conv[k]);
    return r;
}

#define SEARCH(name, which)                                                                        \
    static obj_t *m_##name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {             \
        return search(which, self, args, nargs, kw);                                               \
    }
SEARCH(find, BSEARCH_FIND)
SEARCH(rfind, BSEARCH_RFIND)
SEARCH(index, BSEARCH_INDEX)
SEARCH(rindex, BSEARCH_RINDEX)
SEARCH(count, BSEARCH_COUNT)
SEARCH(startswith, BSEARCH_STARTSWITH)
SEARCH(endswith, BSEARCH_ENDSWITH)

static obj_t *m_fromhex(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kw) {
    static _Atomic(cfunc_t) fn;
    obj_t *r = call_shared("fromhex", &fn, (obj_t *)&bytes_type, args, nargs, kw, true);
    if (!r || cls == (obj_t *)&bytearray_type) return r;
    obj_t *s = obj_call1(cls, r);
    DECREF(r);
    return s;
}

// ---- the mutating methods ---------------------------------------------------------------------

static int arg_count(const char *name, size_t nargs, obj_t *kw, size_t n) {
    if (args_no_kw(name, kw) < 0) return -1;
    if (nargs != n) {
        if (n == 0)
            err_format(exc_TypeError, "bytearray.%s() takes no arguments (%zu given)", name, nargs);
        else
            err_format(exc_TypeError, "bytearray.%s() takes exactly one argument (%zu given)", name,
                       nargs);
        return -1;
    }
    return 0;
}

static obj_t *m_append(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (arg_count("append", nargs, kw, 1) < 0) return NULL;
    int c = byte_arg(args[0]);
    if (c < 0) return NULL;
    unsigned char ch = (unsigned char)c;
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    size_t n = LEN(self);
    rc = replace_locked(self, n, n, &ch, 1);
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(None);
}

// Appends the bytes of a bytes object (section not held).
static int append_bytes(obj_t *self, obj_t *b) {
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    size_t n = LEN(self);
    rc = replace_locked(self, n, n, bytes_data(b), bytes_len(b));
    END_CRITICAL_SECTION();
    return rc;
}

static obj_t *m_extend(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (arg_count("extend", nargs, kw, 1) < 0) return NULL;
    obj_t *v = args[0], *b;
    if (buffer_check(v)) {
        b = MEMORYVIEW_CHECK(v) ? memoryview_tobytes(v) : buffer_as_bytes(v);
    } else {
        obj_t *it = obj_iter(v);
        if (!it) {
            if (err_matches(exc_TypeError)) {
                err_clear();
                err_format(exc_TypeError, "can't extend bytearray with %s", obj_type_name(v));
            }
            return NULL;
        }
        b = bytes_of_iterable(it);
        DECREF(it);
    }
    if (!b) return NULL;
    int rc = append_bytes(self, b);
    DECREF(b);
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *m_insert(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_no_kw("insert", kw) < 0) return NULL;
    if (nargs != 2) {
        err_format(exc_TypeError, "insert expected 2 arguments, got %zu", nargs);
        return NULL;
    }
    ssize_t i;
    if (obj_ssize_arg(args[0], &i) < 0) return NULL;
    int c = byte_arg(args[1]);
    if (c < 0) return NULL;
    unsigned char ch = (unsigned char)c;
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    ssize_t n = (ssize_t)LEN(self);
    if (i < 0) {
        i += n;
        if (i < 0) i = 0;
    }
    if (i > n) i = n;
    rc = replace_locked(self, (size_t)i, (size_t)i, &ch, 1);
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *m_pop(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_no_kw("pop", kw) < 0) return NULL;
    if (nargs > 1) {
        err_format(exc_TypeError, "pop expected at most 1 argument, got %zu", nargs);
        return NULL;
    }
    ssize_t i = -1;
    if (nargs == 1 && obj_ssize_arg(args[0], &i) < 0) return NULL;
    int c = -1;
    const char *msg = NULL;
    BEGIN_CRITICAL_SECTION(self);
    ssize_t n = (ssize_t)LEN(self);
    if (n == 0) {
        msg = "pop from empty bytearray";
    } else {
        if (i < 0) i += n;
        if (i < 0 || i >= n) {
            msg = "pop index out of range";
        } else {
            c = BA(self)->data[i];
            if (replace_locked(self, (size_t)i, (size_t)i + 1, NULL, 0) < 0) c = -1;
        }
    }
    END_CRITICAL_SECTION();
    if (msg) err_set_str(exc_IndexError, msg);
    return c < 0 ? NULL : SMALLINT_FROM(c);
}

static obj_t *m_remove(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (arg_count("remove", nargs, kw, 1) < 0) return NULL;
    int c = byte_arg(args[0]);
    if (c < 0) return NULL;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(self);
    size_t n = LEN(self);
    const unsigned char *p = n ? memchr(BA(self)->data, c, n) : NULL;
    if (!p) {
        err_set_str(exc_ValueError, "value not found in bytearray");
        rc = -1;
    } else {
        size_t i = (size_t)(p - BA(self)->data);
        rc = replace_locked(self, i, i + 1, NULL, 0);
    }
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *m_clear(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (arg_count("clear", nargs, kw, 0) < 0) return NULL;
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    rc = replace_locked(self, 0, LEN(self), NULL, 0);
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *m_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (arg_count("copy", nargs, kw, 0) < 0) return NULL;
    obj_t *r;
    BEGIN_CRITICAL_SECTION(self);
    r = bytearray_from(BA(self)->data, LEN(self));
    END_CRITICAL_SECTION();
    return r;
}

// __reduce__ / __reduce_ex__(proto=0), for copy and pickle: protocols 0-2
// rebuild from (latin-1 str, 'latin-1'), 3 and above from the bytes (or from
// nothing when empty, whatever the protocol); the state is self.__getstate__().
static obj_t *reduce_common(obj_t *self, ssize_t proto) {
    obj_t *data = bytearray_snapshot(self);
    if (data == NULL) return NULL;
    obj_t *ctor_args = NULL, *state = NULL, *r = NULL;
    if (bytes_len(data) == 0) {
        ctor_args = tuple_pack(0);
    } else if (proto < 3) {
        obj_t *enc = str_from_cstr("latin-1");
        obj_t *text = enc ? obj_call_method(data, "decode", &enc, 1) : NULL;
        if (text != NULL) ctor_args = tuple_pack(2, text, enc);
        XDECREF(text);
        XDECREF(enc);
    } else {
        ctor_args = tuple_pack(1, data);
    }
    DECREF(data);
    if (ctor_args == NULL) return NULL;
    state = obj_call_method(self, "__getstate__", NULL, 0);
    if (state != NULL) r = tuple_pack(3, (obj_t *)TYPE(self), ctor_args, state);
    DECREF(ctor_args);
    XDECREF(state);
    return r;
}

static obj_t *m___reduce__(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (arg_count("__reduce__", nargs, kw, 0) < 0) return NULL;
    return reduce_common(self, 0);
}

static obj_t *m___reduce_ex__(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_no_kw("bytearray.__reduce_ex__", kw) < 0) return NULL;
    if (nargs > 1) {
        err_format(exc_TypeError, "__reduce_ex__ expected at most 1 argument, got %zu", nargs);
        return NULL;
    }
    ssize_t proto = 0;
    if (nargs == 1) {
        proto = obj_as_ssize(args[0]);
        if (proto == -1 && err_occurred()) return NULL;
    }
    return reduce_common(self, proto);
}

static obj_t *m_reverse(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (arg_count("reverse", nargs, kw, 0) < 0) return NULL;
    BEGIN_CRITICAL_SECTION(self);
    unsigned char *d = BA(self)->data;
    size_t n = LEN(self);
    for (size_t i = 0; i < n / 2; i++) {
        unsigned char t = d[i];
        d[i] = d[n - 1 - i];
        d[n - 1 - i] = t;
    }
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

// __sizeof__: the object and its buffer as allocated.
static obj_t *m___sizeof__(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("bytearray.__sizeof__", nargs, kw, 0, 0) < 0) return NULL;
    size_t n = TYPE(self)->basicsize;
    BEGIN_CRITICAL_SECTION(self);
    n += BA(self)->cap;
    END_CRITICAL_SECTION();
    return int_from_u64(n);
}

static obj_t *m_alloc(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (arg_count("__alloc__", nargs, kw, 0) < 0) return NULL;
    size_t cap;
    BEGIN_CRITICAL_SECTION(self);
    cap = BA(self)->cap ? BA(self)->cap + 1 : 0; // CPython counts its NUL byte
    END_CRITICAL_SECTION();
    return int_from_i64((int64_t)cap);
}

// ---- type slots --------------------------------------------------------------------------------

static ssize_t bytearray_length(obj_t *o) {
    return (ssize_t)LEN(o);
}

// As bytes' repr inside "bytearray(...)", except that a single quote is
// always escaped (CPython's bytearray repr does so even inside "...").
static obj_t *bytearray_repr(obj_t *o) {
    obj_t *snap = bytearray_snapshot(o);
    if (!snap) return NULL;
    const unsigned char *d = bytes_data(snap);
    size_t n = bytes_len(snap);
    char quote = memchr(d, '\'', n) && !memchr(d, '"', n) ? '"' : '\'';
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add(&b, TYPE(o)->name, strlen(TYPE(o)->name));
    str_builder_add(&b, "(b", 2);
    str_builder_add_char(&b, quote);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = d[i];
        if (c == '\'' || c == '\\') {
            str_builder_add_char(&b, '\\');
            str_builder_add_char(&b, (char)c);
        } else if (c == '\t') {
            str_builder_add(&b, "\\t", 2);
        } else if (c == '\n') {
            str_builder_add(&b, "\\n", 2);
        } else if (c == '\r') {
            str_builder_add(&b, "\\r", 2);
        } else if (c < 0x20 || c >= 0x7f) {
            str_builder_printf(&b, "\\x%02x", c);
        } else {
            str_builder_add_char(&b, (char)c);
        }
    }
    str_builder_add_char(&b, quote);
    str_builder_add_char(&b, ')');
    DECREF(snap);
    return str_builder_finish(&b);
}

// Compares in place when one side is this bytearray and the other a bytes
// (the other side's snapshot otherwise).
static obj_t *bytearray_richcompare(obj_t *a, obj_t *b, int op) {
    if (BYTEARRAY_CHECK(a) && buffer_check(b)) {
        obj_t *sb = buffer_as_bytes_opt(b);
        if (!sb) {
            if (err_occurred() && !err_matches(exc_BufferError)) return NULL;
            err_clear();
            return NEWREF(NotImplemented);
        }
        size_t nb = bytes_len(sb);
        int c = 0;
        size_t na;
        BEGIN_CRITICAL_SECTION(a);
        na = LEN(a);
        size_t m = na < nb ? na : nb;
        if (m) c = memcmp(BA(a)->data, bytes_data(sb), m);
        END_CRITICAL_SECTION();
        DECREF(sb);
        if (c == 0) c = na < nb ? -1 : na > nb ? 1 : 0;
        bool r;
        switch (op) {
        case CMP_LT_OP: r = c < 0; break;
        case CMP_LE_OP: r = c <= 0; break;
        case CMP_EQ_OP: r = c == 0; break;
        case CMP_NE_OP: r = c != 0; break;
        case CMP_GT_OP: r = c > 0; break;
        default: r = c >= 0; break;
        }
        return bool_from(r);
    }
    obj_t *sa = buffer_as_bytes_opt(a);
    if (!sa) {
        if (err_occurred() && !err_matches(exc_BufferError)) return NULL;
        err_clear();
        return NEWREF(NotImplemented);
    }
    obj_t *sb = buffer_as_bytes_opt(b);
    if (!sb) {
        DECREF(sa);
        if (err_occurred() && !err_matches(exc_BufferError)) return NULL;
        err_clear();
        return NEWREF(NotImplemented);
    }
    obj_t *r = bytes_type.richcompare(sa, sb, op);
    DECREF(sa);
    DECREF(sb);
    return r;
}

static obj_t *bytearray_getitem(obj_t *o, obj_t *key) {
    if (SLICE_CHECK(key)) {
        ssize_t start, stop, step;
        if (slice_unpack_raw(key, &start, &stop, &step) < 0) return NULL;
        obj_t *r = NULL;
        BEGIN_CRITICAL_SECTION(o);
        ssize_t slen = slice_adjust_indices((ssize_t)LEN(o), &start, &stop, step);
        const unsigned char *d = BA(o)->data;
        if (slen <= 0) {
            r = bytearray_from(NULL, 0);
        } else if (step == 1) {
            r = bytearray_from(d + start, (size_t)slen);
        } else {
            r = bytearray_from(NULL, 0);
            if (r && prepare_resize(r, (size_t)slen) == 0) {
                for (size_t k = 0, i = (size_t)start; k < (size_t)slen; k++, i += (size_t)step)
                    BA(r)->data[k] = d[i];
                set_len(r, (size_t)slen);
            } else if (r) {
                DECREF(r);
                r = NULL;
            }
        }
        END_CRITICAL_SECTION();
        return r;
    }
    if (INT_CHECK(key) || TYPE(key)->nb_index) {
        ssize_t i;
        if (obj_ssize_arg(key, &i) < 0) {
            if (err_matches(exc_OverflowError)) {
                err_clear();
                err_format(exc_IndexError, "cannot fit '%s' into an index-sized integer",
                           obj_type_name(key));
            }
            return NULL;
        }
        int c = -1;
        BEGIN_CRITICAL_SECTION(o);
        ssize_t n = (ssize_t)LEN(o);
        if (i < 0) i += n;
        if (i >= 0 && i < n) c = BA(o)->data[i];
        END_CRITICAL_SECTION();
        if (c < 0) {
            err_set_str(exc_IndexError, "bytearray index out of range");
            return NULL;
        }
        return SMALLINT_FROM(c);
    }
    err_format(exc_TypeError, "bytearray indices must be integers or slices, not %s",
               obj_type_name(key));
    return NULL;
}

static int ass_slice(obj_t *o, obj_t *key, obj_t *value) {
    ssize_t start, stop, step;
    if (slice_unpack_raw(key, &start, &stop, &step) < 0) return -1;
    obj_t *src = NULL;
    if (value) {
        if (INT_CHECK(value) || TYPE(value)->nb_index || TYPE(value)->nb_float ||
            TYPE(value)->nb_int || STR_CHECK(value)) {
            err_set_str(exc_TypeError,
                        "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
            return -1;
        }
        src = source_bytes(value);
        if (!src) return -1;
    }
    const unsigned char *s = src ? bytes_data(src) : NULL;
    ssize_t m = src ? (ssize_t)bytes_len(src) : 0;
    int rc = 0;
    ssize_t bad_slen = -1;
    BEGIN_CRITICAL_SECTION(o);
    ssize_t n = (ssize_t)LEN(o);
    ssize_t slen = slice_adjust_indices(n, &start, &stop, step);
    if (step == 1) {
        if (stop < start) stop = start;
        rc = replace_locked(o, (size_t)start, (size_t)stop, s, (size_t)m);
    } else if (!src || m == 0) { // assigning nothing to an extended slice deletes it
        if (slen > 0) {
            if (step < 0) {
                start = start + step * (slen - 1);
                step = -step;
            }
            rc = prepare_resize(o, (size_t)(n - slen));
            if (rc == 0) {
                unsigned char *d = BA(o)->data;
                ssize_t dst = start, g = 0;
                for (ssize_t cur = start; cur < n; cur++) {
                    if (g < slen && cur == start + g * step)
                        g++;
                    else
                        d[dst++] = d[cur];
                }
                set_len(o, (size_t)dst);
            }
        }
    } else if (m != slen) {
        bad_slen = slen;
        rc = -1;
    } else {
        unsigned char *d = BA(o)->data;
        for (size_t k = 0, i = (size_t)start; k < (size_t)slen; k++, i += (size_t)step)
            d[i] = s[k];
    }
    END_CRITICAL_SECTION();
    if (bad_slen >= 0)
        err_format(exc_ValueError,
                   "attempt to assign bytes of size %zd to extended slice of size %zd", m,
                   bad_slen);
    XDECREF(src);
    return rc;
}

static int bytearray_setitem(obj_t *o, obj_t *key, obj_t *value) {
    if (SLICE_CHECK(key)) return ass_slice(o, key, value);
    if (!(INT_CHECK(key) || TYPE(key)->nb_index)) {
        err_format(exc_TypeError, "bytearray indices must be integers or slices, not %s",
                   obj_type_name(key));
        return -1;
    }
    ssize_t i;
    if (obj_ssize_arg(key, &i) < 0) {
        if (err_matches(exc_OverflowError)) {
            err_clear();
            err_format(exc_IndexError, "cannot fit '%s' into an index-sized integer",
                       obj_type_name(key));
        }
        return -1;
    }
    int c = 0;
    if (value && (c = byte_arg(value)) < 0) return -1;
    int rc = 0;
    bool bad = false;
    BEGIN_CRITICAL_SECTION(o);
    ssize_t n = (ssize_t)LEN(o);
    if (i < 0) i += n;
    if (i < 0 || i >= n)
        bad = true;
    else if (value)
        BA(o)->data[i] = (unsigned char)c;
    else
        rc = replace_locked(o, (size_t)i, (size_t)i + 1, NULL, 0);
    END_CRITICAL_SECTION();
    if (bad) {
        err_set_str(exc_IndexError, "bytearray index out of range");
        return -1;
    }
    return rc;
}

static int bytearray_contains(obj_t *o, obj_t *item) {
    int r = -1;
    if (buffer_check(item)) {
        obj_t *sub = buffer_as_bytes(item);
        if (!sub) return -1;
        BEGIN_CRITICAL_SECTION(o);
        size_t n = LEN(o), m = bytes_len(sub);
        r = m == 0 || (n && memmem(BA(o)->data, n, bytes_data(sub), m) != NULL);
        END_CRITICAL_SECTION();
        DECREF(sub);
        return r;
    }
    if (!INT_CHECK(item) && !TYPE(item)->nb_index) {
        err_format(exc_TypeError, "a bytes-like object is required, not '%s'", obj_type_name(item));
        return -1;
    }
    int c = byte_arg(item);
    if (c < 0) return -1;
    BEGIN_CRITICAL_SECTION(o);
    size_t n = LEN(o);
    r = n && memchr(BA(o)->data, c, n) != NULL;
    END_CRITICAL_SECTION();
    return r;
}

// bytearray + bytes-like (either side may be the bytearray: bytes + ba is
// handled by bytes' own add, which reads ba through the buffer protocol).
static obj_t *bytearray_add(obj_t *a, obj_t *b) {
    if (!BYTEARRAY_CHECK(a)) return NEWREF(NotImplemented);
    if (!buffer_check(b)) {
        if (type_has_flag(TYPE(b), TPFLAG_HEAPTYPE) && TYPE(b)->nb[BINOP_ADD])
            return NEWREF(NotImplemented);
        err_format(exc_TypeError, "can't concat %s to %s", obj_type_name(b), obj_type_name(a));
        return NULL;
    }
    obj_t *sb = buffer_as_bytes(b);
    if (!sb) return NULL;
    obj_t *r;
    BEGIN_CRITICAL_SECTION(a);
    size_t na = LEN(a), nb = bytes_len(sb);
    r = bytearray_from(NULL, 0);
    if (r && prepare_resize(r, na + nb) == 0) {
        if (na) memcpy(BA(r)->data, BA(a)->data, na);
        if (nb) memcpy(BA(r)->data + na, bytes_data(sb), nb);
        set_len(r, na + nb);
    } else if (r) {
        DECREF(r);
        r = NULL;
    }
    END_CRITICAL_SECTION();
    DECREF(sb);
    return r;
}

static obj_t *bytearray_iadd(obj_t *a, obj_t *b) {
    if (!buffer_check(b)) {
        err_format(exc_TypeError, "can't concat %s to %s", obj_type_name(b), obj_type_name(a));
        return NULL;
    }
    obj_t *sb = buffer_as_bytes(b);
    if (!sb) return NULL;
    int rc = append_bytes(a, sb);
    DECREF(sb);
    return rc < 0 ? NULL : NEWREF(a);
}

// The repeat count of ba * n; -1 + TypeError/OverflowError, or -2 for
// NotImplemented.
static int repeat_count(obj_t *n, ssize_t *out, bool inplace) {
    if (!(INT_CHECK(n) || TYPE(n)->nb_index)) {
        if (!inplace && type_has_flag(TYPE(n), TPFLAG_HEAPTYPE) && TYPE(n)->nb[BINOP_MUL])
            return -2;
        // ba *= x reports as ba * x does (CPython falls back to the
        // sequence repeat).
        err_format(exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                   obj_type_name(n));
        return -1;
    }
    if (obj_ssize_arg(n, out) < 0) {
        if (err_matches(exc_OverflowError)) {
            err_clear();
            err_format(exc_OverflowError, "cannot fit '%s' into an index-sized integer",
                       obj_type_name(n));
        }
        return -1;
    }
    if (*out < 0) *out = 0;
    return 0;
}

// Fills dst (room for n * count bytes) with count copies of src[0..n).
static void repeat_into(unsigned char *dst, const unsigned char *src, size_t n, size_t count) {
    for (size_t i = 0; i < count; i++)
        memmove(dst + i * n, src, n);
}

static obj_t *bytearray_mul(obj_t *a, obj_t *b) {
    obj_t *s = BYTEARRAY_CHECK(a) ? a : b, *n = BYTEARRAY_CHECK(a) ? b : a;
    if (!BYTEARRAY_CHECK(s)) return NEWREF(NotImplemented);
    ssize_t count;
    int rc = repeat_count(n, &count, false);
    if (rc == -2) return NEWREF(NotImplemented);
    if (rc < 0) return NULL;
    obj_t *r = bytearray_from(NULL, 0);
    if (!r) return NULL;
    BEGIN_CRITICAL_SECTION(s);
    size_t len = LEN(s);
    if (len && (size_t)count > (size_t)PTRDIFF_MAX / len) {
        err_no_memory();
        rc = -1;
    } else if (prepare_resize(r, len * (size_t)count) < 0) {
        rc = -1;
    } else {
        repeat_into(BA(r)->data, BA(s)->data, len, (size_t)count);
        set_len(r, len * (size_t)count);
    }
    END_CRITICAL_SECTION();
    if (rc < 0) {
        DECREF(r);
        return NULL;
    }
    return r;
}

static obj_t *bytearray_imul(obj_t *a, obj_t *b) {
    ssize_t count;
    if (repeat_count(b, &count, true) < 0) return NULL;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(a);
    size_t len = LEN(a);
    if (len && (size_t)count > (size_t)PTRDIFF_MAX / len) {
        err_no_memory();
        rc = -1;
    } else if (prepare_resize(a, len * (size_t)count) < 0) {
        rc = -1;
    } else {
        if (count > 1) repeat_into(BA(a)->data + len, BA(a)->data, len, (size_t)count - 1);
        set_len(a, len * (size_t)count);
    }
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(a);
}

static obj_t *bytearray_mod(obj_t *a, obj_t *b) {
    if (!BYTEARRAY_CHECK(a)) return NEWREF(NotImplemented);
    obj_t *snap = bytearray_snapshot(a);
    if (!snap) return NULL;
    obj_t *r = bytes_mod_format(snap, b);
    DECREF(snap);
    return as_bytearray_result(r);
}

// ---- iterator
// ------------------------------------------------------------------------------------
//
// Threads sharing one iterator each claim a position (CAS) and read the
// byte there in the bytearray's section; SIZE_MAX marks it exhausted.  The
// iterator lets its bytearray go once exhausted, as CPython's does: `ba` is
// rebound only to NULL, through gc/qsbr.h's rule (readers take a counted
// reference, since entering the section may park).

typedef struct {
    obj_t ob;
    obj_t *ba; // NULL once exhausted
    _Atomic size_t pos;
} baiter_t;

static void baiter_dealloc(obj_t *o) {
    XDECREF(((baiter_t *)o)->ba);
    obj_free(o);
}
static obj_t *baiter_self(obj_t *o) {
    return NEWREF(o);
}
static obj_t *baiter_next(obj_t *o) {
    baiter_t *it = (baiter_t *)o;
    // The bytearray is taken before the position is claimed (a thread
    // dropping it at the end did so after every earlier claim).
    obj_t *ba = qsbr_field_load(o, &it->ba);
    if (ba == NULL) return NULL;
    size_t pos = atomic_load_explicit(&it->pos, memory_order_relaxed);
    do {
        if (pos == SIZE_MAX) {
            DECREF(ba);
            return NULL;
        }
    } while (!atomic_compare_exchange_weak_explicit(&it->pos, &pos, pos + 1, memory_order_relaxed,
                                                    memory_order_relaxed));
    int c = -1;
    BEGIN_CRITICAL_SECTION(ba);
    if (pos < LEN(ba)) c = BA(ba)->data[pos];
    END_CRITICAL_SECTION();
    DECREF(ba);
    if (c < 0) {
        atomic_store_explicit(&it->pos, SIZE_MAX, memory_order_relaxed);
        qsbr_field_store(o, &it->ba, NULL);
        return NULL;
    }
    return SMALLINT_FROM(c);
}

static obj_t *baiter_length_hint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    baiter_t *it = (baiter_t *)self;
    size_t pos = atomic_load_explicit(&it->pos, memory_order_relaxed);
    obj_t *ba = qsbr_field_borrow(self, &it->ba);
    size_t n = ba ? LEN(ba) : 0;
    return SMALLINT_FROM(pos < n ? (int64_t)(n - pos) : 0);
}

static obj_t *baiter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("__reduce__", nargs, kw, 0, 0) < 0) return NULL;
    baiter_t *it = (baiter_t *)self;
    obj_t *ba = qsbr_field_load(self, &it->ba);
    size_t pos = atomic_load_explicit(&it->pos, memory_order_relaxed);
    obj_t *r = bytes_iter_reduce(ba, pos, pos == SIZE_MAX);
    XDECREF(ba);
    return r;
}

static obj_t *baiter_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("__setstate__", nargs, kw, 1, 1) < 0) return NULL;
    baiter_t *it = (baiter_t *)self;
    obj_t *ba = qsbr_field_load(self, &it->ba);
    size_t pos;
    int rc = bytes_iter_setstate_pos(args[0], ba ? LEN(ba) : 0, &pos);
    XDECREF(ba);
    if (rc < 0) return NULL;
    if (ba != NULL && atomic_load_explicit(&it->pos, memory_order_relaxed) != SIZE_MAX)
        atomic_store_explicit(&it->pos, pos, memory_order_relaxed); // not once exhausted
    return NEWREF(None);
}

static const method_def_t baiter_methods[] = {
    {"__length_hint__", baiter_length_hint, METH_DEFAULT, NULL},
    {"__reduce__", baiter_reduce, METH_DEFAULT, NULL},
    {"__setstate__", baiter_setstate, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

type_t bytearray_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "bytearray_iterator",
    .basicsize = sizeof(baiter_t),
    .base = &object_type,
    .dealloc = baiter_dealloc,
    .iter = baiter_self,
    .iternext = baiter_next,
    .methods = baiter_methods,
};

static obj_t *bytearray_iter(obj_t *o) {
    if (PVM_UNLIKELY(!type_has_flag(&bytearray_iter_type, TPFLAG_READY)) &&
        type_ensure_ready(&bytearray_iter_type) < 0)
        return NULL;
    baiter_t *it = (baiter_t *)obj_alloc(&bytearray_iter_type, sizeof(baiter_t));
    if (!it) return NULL;
    it->ba = NEWREF(o);
    atomic_store_explicit(&it->pos, 0, memory_order_relaxed);
    return (obj_t *)it;
}

#define M(name)                                                                                    \
    { #name, m_##name, METH_DEFAULT, NULL }
static const method_def_t bytearray_methods[] = {
    M(append),
    M(extend),
    M(insert),
    M(pop),
    M(remove),
    M(clear),
    M(copy),
    M(reverse),
    {"__alloc__", m_alloc, METH_DEFAULT, NULL},
    M(__sizeof__),
    M(__reduce__),
    M(__reduce_ex__),
    M(decode),
    M(hex),
    {"fromhex", m_fromhex, METH_CLASS, NULL},
    M(join),
    M(split),
    M(rsplit),
    M(splitlines),
    M(strip),
    M(lstrip),
    M(rstrip),
    M(find),
    M(rfind),
    M(index),
    M(rindex),
    M(count),
    M(startswith),
    M(endswith),
    M(replace),
    M(upper),
    M(lower),
    M(swapcase),
    M(title),
    M(capitalize),
    M(isdigit),
    M(isalpha),
    M(isalnum),
    M(isspace),
    M(isupper),
    M(islower),
    M(ljust),
    M(rjust),
    M(center),
    M(partition),
    M(rpartition),
    M(removeprefix),
    M(removesuffix),
    M(zfill),
    M(expandtabs),
    M(isascii),
    M(istitle),
    M(translate),
    {"maketrans", m_maketrans, METH_STATIC, NULL},
    {NULL, NULL, 0, NULL},
};

type_t bytearray_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "bytearray",
    .basicsize = sizeof(bytearray_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = bytearray_dealloc,
    .repr = bytearray_repr,
    .hash = hash_not_implemented,
    .richcompare = bytearray_richcompare,
    .iter = bytearray_iter,
    .len = bytearray_length,
    .getitem = bytearray_getitem,
    .setitem = bytearray_setitem,
    .contains = bytearray_contains,
    .nb = {[BINOP_ADD] = bytearray_add, [BINOP_MUL] = bytearray_mul, [BINOP_MOD] = bytearray_mod},
    .nb_inplace = {[BINOP_ADD] = bytearray_iadd, [BINOP_MUL] = bytearray_imul},
    .tp_new = bytearray_tp_new,
    .tp_init = bytearray_tp_init,
    .methods = bytearray_methods,
    .doc = "bytearray(iterable_of_ints) -> bytearray\n"
           "bytearray(string, encoding[, errors]) -> bytearray",
};
