/*
 * objects/memoryview.c — memoryview: a typed, shaped view of the bytes of a
 * bytes or bytearray object, or of another exporter (buffer_procs_t, e.g.
 * array.array, whose format and item size the view takes) (CPython 3.11's semantics for native
 * single-character formats: b B c h H i I l L q Q n N ? f d P).
 *
 * A view holds a reference to the object at the bottom (`obj`, never another
 * memoryview: memoryview(mv) and slices go straight to mv's object) and one
 * buffer export of it, taken at creation and given back by release() or
 * dealloc: while any view of a bytearray lives, the bytearray cannot resize,
 * so `buf` (the address of the first item) stays valid.  Item i of dimension
 * d is at buf + sum(i_d * strides[d]); strides may be negative after a
 * reversed slice.  format, itemsize, ndim, shape and strides never change
 * after creation.
 *
 * Concurrency: `released` and `exports` change in the view's critical
 * section, and every operation that touches the bytes runs in the sections
 * of both the view and its object (BEGIN_CRITICAL_SECTION2), so a racing
 * release() cannot unpin the bytes under a reader and the bytes of a
 * bytearray are read and written under the same lock its methods take.
 * Values are converted (and may run Python code) before the sections.
 */
#define _GNU_SOURCE 1
#include "memoryview.h"

#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../gc/gc.h"
#include "../threads/critical.h"
#include "buffer.h"
#include "bytearray.h"
#include "bytes.h"
#include "exceptions.h"
#include "float.h"
#include "int.h"
#include "list.h"
#include "range.h"
#include "str.h"
#include "tuple.h"

#define MV_MAXDIM 64

typedef struct {
    obj_t ob;
    obj_t *obj;         // the bytes or bytearray underneath (a reference + an export)
    unsigned char *buf; // item [0, 0, ...]
    ssize_t itemsize;
    char fmt;
    bool fmt_at; // the format was given as "@x"
    bool readonly;
    bool released; // section
    int ndim;
    size_t exports; // section
    _Atomic hash_t hash;
    ssize_t *shape, *strides; // point into dims
    ssize_t dims[];
} memoryview_t;

#define MV(o) ((memoryview_t *)(o))

static const char released_msg[] = "operation forbidden on released memoryview object";

// ---- formats ------------------------------------------------------------------------------------

static ssize_t fmt_size(char f) {
    switch (f) {
    case 'b':
    case 'B':
    case 'c':
    case '?': return 1;
    case 'h':
    case 'H': return 2;
    case 'i':
    case 'I':
    case 'f': return 4;
    case 'l':
    case 'L':
    case 'q':
    case 'Q':
    case 'n':
    case 'N':
    case 'd':
    case 'P': return 8;
    default: return 0;
    }
}

static bool fmt_is_byte(char f) {
    return f == 'B' || f == 'b' || f == 'c';
}

static bool fmt_signed(char f) {
    return f == 'b' || f == 'h' || f == 'i' || f == 'l' || f == 'q' || f == 'n';
}

// The Python value of the item at p.
static obj_t *unpack(char f, const unsigned char *p) {
    if (fmt_size(f) == 0) {
        // A format only another exporter uses ('w' of array('u')), as CPython.
        err_format(exc_NotImplementedError, "memoryview: format %c not supported", f);
        return NULL;
    }
    switch (f) {
    case 'B': return SMALLINT_FROM(*p);
    case 'b': return SMALLINT_FROM((signed char)*p);
    case 'c': return bytes_from(p, 1);
    case '?': return bool_from(*p != 0);
    case 'f': {
        float x;
        memcpy(&x, p, 4);
        return float_from_double(x);
    }
    case 'd': {
        double x;
        memcpy(&x, p, 8);
        return float_from_double(x);
    }
    default: break;
    }
    ssize_t n = fmt_size(f);
    if (fmt_signed(f)) {
        int64_t v = 0;
        if (n == 2) {
            int16_t x;
            memcpy(&x, p, 2);
            v = x;
        } else if (n == 4) {
            int32_t x;
            memcpy(&x, p, 4);
            v = x;
        } else {
            memcpy(&v, p, 8);
        }
        return int_from_i64(v);
    }
    uint64_t v = 0;
    if (n == 2) {
        uint16_t x;
        memcpy(&x, p, 2);
        v = x;
    } else if (n == 4) {
        uint32_t x;
        memcpy(&x, p, 4);
        v = x;
    } else {
        memcpy(&v, p, 8);
    }
    return int_from_u64(v);
}

static int invalid(bool type_error, char f) {
    err_format(type_error ? exc_TypeError : exc_ValueError,
               "memoryview: invalid %s for format '%c'", type_error ? "type" : "value", f);
    return -1;
}

// Packs v for format f into out (itemsize bytes); -1 + TypeError/ValueError.
// May run Python code (__index__, __float__, __bool__).
static int pack(char f, obj_t *v, unsigned char *out) {
    if (fmt_size(f) == 0) {
        err_format(exc_NotImplementedError, "memoryview: format %c not supported", f);
        return -1;
    }
    if (f == 'c') {
        if (!BYTES_CHECK(v)) return invalid(true, f);
        if (bytes_len(v) != 1) return invalid(false, f);
        out[0] = bytes_data(v)[0];
        return 0;
    }
    if (f == '?') {
        int t = obj_is_true(v);
        if (t < 0) return -1;
        out[0] = (unsigned char)t;
        return 0;
    }
    if (f == 'f' || f == 'd') {
        if (!INT_CHECK(v) && !(TYPE(v)->nb_float)) return invalid(true, f);
        double d = float_as_double(v);
        if (d == -1.0 && err_occurred()) return -1;
        if (f == 'd') {
            memcpy(out, &d, 8);
        } else {
            float x = (float)d;
            memcpy(out, &x, 4);
        }
        return 0;
    }
    if (!INT_CHECK(v) && !TYPE(v)->nb_index) return invalid(true, f);
    obj_t *iv = INT_CHECK(v) ? NEWREF(v) : TYPE(v)->nb_index(v);
    if (!iv) return -1;
    mpz_t z;
    mpz_init(z);
    int_to_mpz(iv, z);
    DECREF(iv);
    ssize_t n = fmt_size(f);
    int bits = (int)n * 8;
    bool ok;
    uint64_t u = 0;
    if (fmt_signed(f)) {
        ok = mpz_sizeinbase(z, 2) <= (size_t)bits || mpz_sgn(z) == 0;
        if (ok && mpz_fits_slong_p(z)) {
            int64_t s = mpz_get_si(z);
            int64_t lo = bits == 64 ? INT64_MIN : -((int64_t)1 << (bits - 1));
            int64_t hi = bits == 64 ? INT64_MAX : ((int64_t)1 << (bits - 1)) - 1;
            ok = s >= lo && s <= hi;
            u = (uint64_t)s;
        } else {
            ok = false;
        }
    } else {
        ok = mpz_sgn(z) >= 0 && mpz_sizeinbase(z, 2) <= (size_t)bits;
        if (ok) {
            // mpz_get_ui is 64 bits on the platforms pvm supports (LP64).
            u = (uint64_t)mpz_get_ui(z);
        }
    }
    mpz_clear(z);
    if (!ok) return invalid(false, f);
    switch (n) {
    case 1: out[0] = (unsigned char)u; break;
    case 2: {
        uint16_t x = (uint16_t)u;
        memcpy(out, &x, 2);
        break;
    }
    case 4: {
        uint32_t x = (uint32_t)u;
        memcpy(out, &x, 4);
        break;
    }
    default: memcpy(out, &u, 8); break;
    }
    return 0;
}

// ---- construction -----------------------------------------------------------------------------

static int ensure_ready(void) {
    if (PVM_UNLIKELY(!type_has_flag(&memoryview_type, TPFLAG_READY)))
        return type_ensure_ready(&memoryview_type);
    return 0;
}

// A new view of `obj` (a bytes or bytearray) with room for ndim dimensions;
// takes an export of obj.  The caller fills buf, format, shape, strides.
static memoryview_t *mv_alloc(obj_t *obj, int ndim) {
    if (ensure_ready() < 0) return NULL;
    int room = ndim > 0 ? ndim : 1;
    memoryview_t *m = (memoryview_t *)obj_alloc(
        &memoryview_type, sizeof(memoryview_t) + 2 * (size_t)room * sizeof(ssize_t));
    if (!m) return NULL;
    m->shape = m->dims;
    m->strides = m->dims + room;
    m->ndim = ndim;
    atomic_store_explicit(&m->hash, -1, memory_order_relaxed);
    unsigned char *buf = NULL;
    size_t len = 0;
    const buffer_procs_t *procs = buffer_procs_of(obj);
    char xfmt = 'B';
    size_t xitemsize = 1;
    if (procs) {
        // Another exporter (array.array): its own format and item size.
        bool ro = false;
        if (procs->get(obj, &buf, &len, &ro, &xfmt, &xitemsize) < 0) {
            obj_free((obj_t *)m);
            return NULL;
        }
        m->readonly = ro;
    } else if (BYTEARRAY_CHECK(obj)) {
        bytearray_export(obj, &buf, &len);
        m->readonly = false;
    } else {
        buf = (unsigned char *)bytes_data(obj);
        len = bytes_len(obj);
        m->readonly = true;
    }
    m->obj = NEWREF(obj);
    m->buf = buf;
    m->fmt = xfmt;
    m->itemsize = (ssize_t)xitemsize;
    if (ndim == 1) {
        m->shape[0] = (ssize_t)(len / xitemsize);
        m->strides[0] = (ssize_t)xitemsize;
    }
    return m;
}

// Drops the view's export (section of the view held, or no other thread).
static void drop_export(memoryview_t *m) {
    const buffer_procs_t *procs = buffer_procs_of(m->obj);
    if (procs)
        procs->release(m->obj);
    else if (BYTEARRAY_CHECK(m->obj))
        bytearray_unexport(m->obj);
}

// Ends the derivation of view m from src (see mv_alloc's callers): m is
// given up and ValueError raised when src was released meanwhile.
static obj_t *derived(memoryview_t *m, bool released) {
    if (!released) return (obj_t *)m;
    DECREF((obj_t *)m);
    err_set_str(exc_ValueError, released_msg);
    return NULL;
}

// A copy of src's layout as a new view (memoryview(mv), mv.toreadonly()).
// Views derived from src (this, slices, casts) take their export of the
// object first, outside src's section (taking the bytearray's lock inside
// it could suspend that section, threads/critical.h), then copy src's
// fields in its section if src is still unreleased: its export has pinned
// the bytes all along, so src->buf is the address for the new view too.
static obj_t *mv_clone(obj_t *src, bool readonly) {
    memoryview_t *s = MV(src);
    memoryview_t *m = mv_alloc(s->obj, s->ndim);
    if (!m) return NULL;
    bool released;
    BEGIN_CRITICAL_SECTION(src);
    released = s->released;
    if (!released) {
        m->buf = s->buf;
        m->fmt = s->fmt;
        m->fmt_at = s->fmt_at;
        m->itemsize = s->itemsize;
        m->readonly = s->readonly || readonly;
        for (int d = 0; d < s->ndim; d++) {
            m->shape[d] = s->shape[d];
            m->strides[d] = s->strides[d];
        }
    }
    END_CRITICAL_SECTION();
    return derived(m, released);
}

static obj_t *memoryview_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"object", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("memoryview", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *o = a[0];
    if (MEMORYVIEW_CHECK(o)) return mv_clone(o, false);
    if (!BYTES_CHECK(o) && !BYTEARRAY_CHECK(o) && !buffer_procs_of(o)) {
        err_format(exc_TypeError, "memoryview: a bytes-like object is required, not '%s'",
                   obj_type_name(o));
        return NULL;
    }
    return (obj_t *)mv_alloc(o, 1);
}

static void memoryview_dealloc(obj_t *o) {
    memoryview_t *m = MV(o);
    if (!m->released) drop_export(m);
    DECREF(m->obj);
    obj_free(o);
}

// The cycle collector (gc/gc.h): the object a view holds (an instance of a
// bytes subclass whose __dict__ holds the view is a cycle).  A view is not
// cleared: the collector breaks such a cycle at the object's side.
static int memoryview_traverse(obj_t *o, visitproc visit, void *arg) {
    return GC_VISIT_FIELDS(visit, arg, MV(o)->obj);
}

// ---- layout helpers (immutable fields: no lock needed) -----------------------------------------

static ssize_t nitems(memoryview_t *m) {
    ssize_t n = 1;
    for (int d = 0; d < m->ndim; d++)
        n *= m->shape[d];
    return n;
}

// CPython's flags: a 0-dim view is contiguous, a 1-D one when its one
// item or its stride says so (even when empty), others as PyBuffer_IsContiguous.
static bool is_c_contig(memoryview_t *m) {
    if (m->ndim == 0) return true;
    if (m->ndim == 1) return m->shape[0] == 1 || m->strides[0] == m->itemsize;
    if (nitems(m) == 0) return true;
    ssize_t sd = m->itemsize;
    for (int d = m->ndim - 1; d >= 0; d--) {
        if (m->shape[d] > 1 && m->strides[d] != sd) return false;
        sd *= m->shape[d];
    }
    return true;
}

static bool is_f_contig(memoryview_t *m) {
    if (m->ndim <= 1) return is_c_contig(m);
    if (nitems(m) == 0) return true;
    ssize_t sd = m->itemsize;
    for (int d = 0; d < m->ndim; d++) {
        if (m->shape[d] > 1 && m->strides[d] != sd) return false;
        sd *= m->shape[d];
    }
    return true;
}

bool memoryview_contiguous(obj_t *mv) {
    return is_c_contig(MV(mv));
}

// Copies the items of dimensions [d, ndim) at p to out in C order.
static unsigned char *gather(memoryview_t *m, int d, const unsigned char *p, unsigned char *out) {
    if (d == m->ndim) {
        memcpy(out, p, (size_t)m->itemsize);
        return out + m->itemsize;
    }
    if (d == m->ndim - 1 && m->strides[d] == m->itemsize) {
        size_t n = (size_t)(m->shape[d] * m->itemsize);
        if (n) memcpy(out, p, n);
        return out + n;
    }
    for (ssize_t i = 0; i < m->shape[d]; i++)
        out = gather(m, d + 1, p + i * m->strides[d], out);
    return out;
}

// The view's bytes in C order as a bytes object (both sections held).
static obj_t *tobytes_locked(memoryview_t *m) {
    size_t n = (size_t)(nitems(m) * m->itemsize);
    unsigned char *tmp = malloc(n ? n : 1);
    if (!tmp) return err_no_memory();
    gather(m, 0, m->buf, tmp);
    obj_t *r = bytes_from(tmp, n);
    free(tmp);
    return r;
}

// ---- the buffer protocol side -------------------------------------------------------------------

int memoryview_export(obj_t *mv, unsigned char **buf, size_t *len, bool *readonly) {
    memoryview_t *m = MV(mv);
    int rc = 0;
    BEGIN_CRITICAL_SECTION(mv);
    if (m->released) {
        err_set_str(exc_ValueError, released_msg);
        rc = -1;
    } else if (!is_c_contig(m)) {
        err_set_str(exc_BufferError, "memoryview: underlying buffer is not C-contiguous");
        rc = -1;
    } else {
        m->exports++;
        *buf = m->buf;
        *len = (size_t)(nitems(m) * m->itemsize);
        *readonly = m->readonly;
    }
    END_CRITICAL_SECTION();
    return rc;
}

void memoryview_unexport(obj_t *mv) {
    BEGIN_CRITICAL_SECTION(mv);
    MV(mv)->exports--;
    END_CRITICAL_SECTION();
}

obj_t *memoryview_tobytes(obj_t *mv) {
    memoryview_t *m = MV(mv);
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION2(mv, m->obj);
    if (m->released)
        err_set_str(exc_ValueError, released_msg);
    else
        r = tobytes_locked(m);
    END_CRITICAL_SECTION();
    return r;
}

// ---- methods
// ---------------------------------------------------------------------------------------

static int check_released(obj_t *mv) {
    bool rel;
    BEGIN_CRITICAL_SECTION(mv);
    rel = MV(mv)->released;
    END_CRITICAL_SECTION();
    if (rel) {
        err_set_str(exc_ValueError, released_msg);
        return -1;
    }
    return 0;
}

static obj_t *m_release(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("release", nargs, kw, 0, 0) < 0) return NULL;
    memoryview_t *m = MV(self);
    size_t busy = 0;
    BEGIN_CRITICAL_SECTION(self);
    if (m->exports > 0) {
        busy = m->exports;
    } else if (!m->released) {
        m->released = true;
        drop_export(m);
    }
    END_CRITICAL_SECTION();
    if (busy) {
        err_format(exc_BufferError, "memoryview has %zu exported buffer%s", busy,
                   busy == 1 ? "" : "s");
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *m_enter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (check_released(self) < 0) return NULL;
    return NEWREF(self);
}

static obj_t *m_exit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return m_release(self, NULL, 0, NULL);
}

// Copies the items to out in Fortran order (the first index varies fastest).
static void gather_f(memoryview_t *m, unsigned char *out) {
    ssize_t idx[MV_MAXDIM] = {0}, total = nitems(m);
    for (ssize_t k = 0; k < total; k++) {
        const unsigned char *p = m->buf;
        for (int d = 0; d < m->ndim; d++)
            p += idx[d] * m->strides[d];
        memcpy(out + k * m->itemsize, p, (size_t)m->itemsize);
        for (int d = 0; d < m->ndim && ++idx[d] == m->shape[d]; d++)
            idx[d] = 0;
    }
}

static obj_t *m_tobytes(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    static const char *const names[] = {"order", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("tobytes", args, nargs, kw, names, 0, a) < 0) return NULL;
    char order = 'C';
    if (a[0] && a[0] != None) {
        if (!STR_CHECK(a[0])) {
            err_format(exc_TypeError, "tobytes() argument 'order' must be str or None, not %s",
                       obj_type_name(a[0]));
            return NULL;
        }
        const char *o = str_data(a[0]);
        if (str_nbytes(a[0]) != 1 || (o[0] != 'C' && o[0] != 'F' && o[0] != 'A')) {
            err_set_str(exc_ValueError, "order must be 'C', 'F' or 'A'");
            return NULL;
        }
        order = o[0];
    }
    memoryview_t *m = MV(self);
    if (order != 'F' || m->ndim <= 1) return memoryview_tobytes(self);
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION2(self, m->obj);
    if (m->released) {
        err_set_str(exc_ValueError, released_msg);
    } else {
        size_t n = (size_t)(nitems(m) * m->itemsize);
        unsigned char *tmp = malloc(n ? n : 1);
        if (!tmp) {
            err_no_memory();
        } else {
            gather_f(m, tmp);
            r = bytes_from(tmp, n);
            free(tmp);
        }
    }
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *tolist_rec(memoryview_t *m, int d, const unsigned char *p) {
    if (d == m->ndim) return unpack(m->fmt, p);
    obj_t *l = list_new((size_t)m->shape[d]);
    if (!l) return NULL;
    for (ssize_t i = 0; i < m->shape[d]; i++) {
        obj_t *v = tolist_rec(m, d + 1, p + i * m->strides[d]);
        if (!v || list_set(l, i, v) < 0) {
            XDECREF(v);
            DECREF(l);
            return NULL;
        }
        DECREF(v);
    }
    return l;
}

static obj_t *mv_tolist(obj_t *self) {
    memoryview_t *m = MV(self);
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION2(self, m->obj);
    if (m->released)
        err_set_str(exc_ValueError, released_msg);
    else
        r = tolist_rec(m, 0, m->buf);
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *m_tolist(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("tolist", nargs, kw, 0, 0) < 0) return NULL;
    return mv_tolist(self);
}

static obj_t *m_hex(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    obj_t *b = memoryview_tobytes(self);
    if (!b) return NULL;
    obj_t *r = NULL;
    for (const method_def_t *d = bytes_methods; d->name; d++)
        if (strcmp(d->name, "hex") == 0) r = d->fn(b, args, nargs, kw);
    DECREF(b);
    return r;
}

static obj_t *m_toreadonly(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("toreadonly", nargs, kw, 0, 0) < 0) return NULL;
    return mv_clone(self, true);
}

// The destination format of cast(): a native single character, optionally
// after '@'; 0 + ValueError otherwise.
static char parse_format(obj_t *f) {
    if (!STR_CHECK(f)) {
        err_format(exc_TypeError, "cast() argument 'format' must be str, not %s", obj_type_name(f));
        return 0;
    }
    const char *s = str_data(f);
    size_t n = str_nbytes(f);
    if (n == 2 && s[0] == '@') {
        s++;
        n--;
    }
    if (n != 1 || !fmt_size(s[0])) {
        err_set_str(exc_ValueError, "memoryview: destination format must be a native single "
                                    "character format prefixed with an optional '@'");
        return 0;
    }
    return s[0];
}

static obj_t *m_cast(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    static const char *const names[] = {"format", "shape", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("cast", args, nargs, kw, names, 1, a) < 0) return NULL;
    memoryview_t *s = MV(self);
    if (check_released(self) < 0) return NULL;
    if (!is_c_contig(s)) {
        err_set_str(exc_TypeError, "memoryview: casts are restricted to C-contiguous views");
        return NULL;
    }
    obj_t *shape = a[1];
    if (shape && !LIST_CHECK(shape) && !TUPLE_CHECK(shape)) {
        err_set_str(exc_TypeError, "shape must be a list or a tuple");
        return NULL;
    }
    if ((shape || s->ndim != 1) && nitems(s) == 0) {
        err_set_str(exc_TypeError, "memoryview: cannot cast view with zeros in shape or strides");
        return NULL;
    }
    obj_t *shape_t = NULL;
    ssize_t ndim = 1;
    if (shape) {
        shape_t = TUPLE_CHECK(shape) ? NEWREF(shape) : list_as_tuple(shape);
        if (!shape_t) return NULL;
        ndim = (ssize_t)TUPLE_SIZE(shape_t);
        if (s->ndim != 1 && ndim != 1) {
            err_set_str(exc_TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D");
            goto error;
        }
        if (ndim > MV_MAXDIM) {
            err_set_str(exc_ValueError, "memoryview: number of dimensions must not exceed 64");
            goto error;
        }
    }
    char f = parse_format(a[0]);
    if (!f) goto error;
    if (!fmt_is_byte(f) && !fmt_is_byte(s->fmt)) {
        err_set_str(exc_TypeError, "memoryview: cannot cast between two non-byte formats");
        goto error;
    }
    ssize_t isz = fmt_size(f), nbytes = nitems(s) * s->itemsize;
    ssize_t dims[MV_MAXDIM];
    if (!shape) {
        if (nbytes % isz != 0) {
            err_set_str(exc_TypeError, "memoryview: length is not a multiple of itemsize");
            goto error;
        }
        dims[0] = nbytes / isz;
    } else {
        ssize_t prod = 1;
        for (ssize_t d = 0; d < ndim; d++) {
            obj_t *x = TUPLE_GET(shape_t, d);
            int64_t v = 0;
            if (!INT_CHECK(x) || int_as_i64(x, &v) < 0 || v <= 0) {
                err_clear();
                err_set_str(exc_ValueError, "memoryview.cast(): elements of shape must be "
                                            "integers > 0");
                goto error;
            }
            dims[d] = (ssize_t)v;
            if (__builtin_mul_overflow(prod, (ssize_t)v, &prod)) {
                err_set_str(exc_ValueError, "memoryview.cast(): product(shape) > SSIZE_MAX");
                goto error;
            }
        }
        if (__builtin_mul_overflow(prod, isz, &prod) || prod != nbytes) {
            err_set_str(exc_TypeError, "memoryview: product(shape) * itemsize != buffer size");
            goto error;
        }
    }
    XDECREF(shape_t);
    shape_t = NULL;
    memoryview_t *m = mv_alloc(s->obj, (int)ndim);
    if (!m) return NULL;
    bool released;
    BEGIN_CRITICAL_SECTION(self);
    released = s->released;
    if (!released) {
        m->buf = s->buf;
        m->readonly = s->readonly;
        m->fmt = f;
        m->fmt_at = str_nbytes(a[0]) == 2;
        m->itemsize = isz;
        ssize_t sd = isz;
        for (ssize_t d = ndim - 1; d >= 0; d--) {
            m->shape[d] = dims[d];
            m->strides[d] = sd;
            sd *= dims[d];
        }
    }
    END_CRITICAL_SECTION();
    return derived(m, released);
error:
    XDECREF(shape_t);
    return NULL;
}

// ---- attributes --------------------------------------------------------------------------------

static obj_t *dims_tuple(memoryview_t *m, const ssize_t *v) {
    obj_t *t = tuple_new((size_t)m->ndim);
    if (!t) return NULL;
    for (int d = 0; d < m->ndim; d++)
        TUPLE_SET(t, d, int_from_i64(v[d]));
    return t;
}

enum {
    A_OBJ,
    A_FORMAT,
    A_ITEMSIZE,
    A_NBYTES,
    A_READONLY,
    A_NDIM,
    A_SHAPE,
    A_STRIDES,
    A_SUBOFFSETS,
    A_C_CONTIG,
    A_F_CONTIG,
    A_CONTIG
};

static obj_t *get_attr(obj_t *self, void *closure) {
    if (check_released(self) < 0) return NULL;
    memoryview_t *m = MV(self);
    switch ((int)(intptr_t)closure) {
    case A_OBJ: return NEWREF(m->obj);
    case A_FORMAT: {
        char f[3] = {'@', m->fmt, 0};
        return str_from_cstr(m->fmt_at ? f : f + 1);
    }
    case A_ITEMSIZE: return int_from_i64(m->itemsize);
    case A_NBYTES: return int_from_i64(nitems(m) * m->itemsize);
    case A_READONLY: return bool_from(m->readonly);
    case A_NDIM: return int_from_i64(m->ndim);
    case A_SHAPE: return dims_tuple(m, m->shape);
    case A_STRIDES: return dims_tuple(m, m->strides);
    case A_SUBOFFSETS: return tuple_new(0);
    case A_C_CONTIG: return bool_from(is_c_contig(m));
    case A_F_CONTIG: return bool_from(is_f_contig(m));
    default: return bool_from(is_c_contig(m) || is_f_contig(m));
    }
}

#define ATTR(name, id)                                                                             \
    { name, get_attr, NULL, (void *)(intptr_t)(id) }
static const getset_def_t memoryview_getsets[] = {
    ATTR("obj", A_OBJ),
    ATTR("format", A_FORMAT),
    ATTR("itemsize", A_ITEMSIZE),
    ATTR("nbytes", A_NBYTES),
    ATTR("readonly", A_READONLY),
    ATTR("ndim", A_NDIM),
    ATTR("shape", A_SHAPE),
    ATTR("strides", A_STRIDES),
    ATTR("suboffsets", A_SUBOFFSETS),
    ATTR("c_contiguous", A_C_CONTIG),
    ATTR("f_contiguous", A_F_CONTIG),
    ATTR("contiguous", A_CONTIG),
    {NULL, NULL, NULL, NULL},
};

// ---- type slots --------------------------------------------------------------------------------

static obj_t *memoryview_repr(obj_t *o) {
    bool rel;
    BEGIN_CRITICAL_SECTION(o);
    rel = MV(o)->released;
    END_CRITICAL_SECTION();
    return str_from_format(rel ? "<released memory at %p>" : "<memory at %p>", (void *)o);
}

static ssize_t memoryview_length(obj_t *o) {
    if (check_released(o) < 0) return -1;
    memoryview_t *m = MV(o);
    return m->ndim == 0 ? 1 : m->shape[0];
}

// The index of a 1-D position key (int-like); -1 + error.
static int item_index(memoryview_t *m, obj_t *key, int dim, ssize_t *out) {
    ssize_t i;
    if (obj_ssize_arg(key, &i) < 0) {
        if (err_matches(exc_OverflowError)) {
            err_clear();
            err_format(exc_IndexError, "cannot fit '%s' into an index-sized integer",
                       obj_type_name(key));
        }
        return -1;
    }
    ssize_t n = m->shape[dim];
    if (i < 0) i += n;
    if (i < 0 || i >= n) {
        err_format(exc_IndexError, "index out of bounds on dimension %d", dim + 1);
        return -1;
    }
    *out = i;
    return 0;
}

static bool is_index(obj_t *v) {
    return INT_CHECK(v) || TYPE(v)->nb_index;
}

// The address of the item that key designates, or NULL + error; *whole is
// set when key selects a sub-view instead (a slice: returns NULL, no error).
static unsigned char *item_ptr(memoryview_t *m, obj_t *key) {
    if (m->ndim == 0) {
        if (key == Ellipsis || (TUPLE_CHECK(key) && TUPLE_SIZE(key) == 0)) return m->buf;
        err_set_str(exc_TypeError, "invalid indexing of 0-dim memory");
        return NULL;
    }
    if (is_index(key)) {
        if (m->ndim > 1) {
            err_set_str(exc_NotImplementedError, "multi-dimensional sub-views are not implemented");
            return NULL;
        }
        ssize_t i;
        if (item_index(m, key, 0, &i) < 0) return NULL;
        return m->buf + i * m->strides[0];
    }
    if (TUPLE_CHECK(key)) {
        size_t n = TUPLE_SIZE(key), nslices = 0, nindex = 0;
        for (size_t k = 0; k < n; k++) {
            nslices += SLICE_CHECK(TUPLE_GET(key, k));
            nindex += is_index(TUPLE_GET(key, k));
        }
        if (n > 0 && nslices == n) {
            err_set_str(exc_NotImplementedError, "multi-dimensional slicing is not implemented");
            return NULL;
        }
        if (nindex != n) {
            err_set_str(exc_TypeError, "memoryview: invalid slice key");
            return NULL;
        }
        if (n < (size_t)m->ndim) {
            err_set_str(exc_NotImplementedError, "sub-views are not implemented");
            return NULL;
        }
        if (n > (size_t)m->ndim) {
            err_format(exc_TypeError, "cannot index %d-dimension view with %zu-element tuple",
                       m->ndim, n);
            return NULL;
        }
        unsigned char *p = m->buf;
        for (size_t k = 0; k < n; k++) {
            ssize_t i;
            if (item_index(m, TUPLE_GET(key, k), (int)k, &i) < 0) return NULL;
            p += i * m->strides[k];
        }
        return p;
    }
    err_set_str(exc_TypeError, "memoryview: invalid slice key");
    return NULL;
}

// The view o[key] for a slice key.  The new view (and its export) is taken
// before the slice's bounds are converted: their __index__ may release o,
// and the slice then still views the bytes o had (as in CPython).
static obj_t *slice_view(obj_t *o, obj_t *key) {
    memoryview_t *s = MV(o);
    ssize_t start, stop, step;
    memoryview_t *m = mv_alloc(s->obj, s->ndim);
    if (!m) return NULL;
    bool released;
    BEGIN_CRITICAL_SECTION(o);
    released = s->released;
    if (!released) {
        m->fmt = s->fmt;
        m->fmt_at = s->fmt_at;
        m->itemsize = s->itemsize;
        m->readonly = s->readonly;
        for (int d = 0; d < s->ndim; d++) {
            m->shape[d] = s->shape[d];
            m->strides[d] = s->strides[d];
        }
        m->buf = s->buf;
    }
    END_CRITICAL_SECTION();
    if (!derived(m, released)) return NULL;
    // m is private to this thread until returned: no section needed.
    if (slice_unpack_raw(key, &start, &stop, &step) < 0) {
        DECREF((obj_t *)m);
        return NULL;
    }
    ssize_t len = slice_adjust_indices(m->shape[0], &start, &stop, step);
    m->buf += start * m->strides[0];
    m->shape[0] = len;
    m->strides[0] *= step;
    return (obj_t *)m;
}

// key with its index-like parts (__index__ objects, alone or in a tuple)
// converted to ints, so that item_ptr() runs no Python code (that could
// release the view) inside the sections.  New reference; NULL + error.
static obj_t *plain_key(obj_t *key) {
    if (!IS_SMALLINT(key) && !INT_CHECK(key) && TYPE(key)->nb_index) return obj_index(key);
    if (!TUPLE_CHECK(key)) return NEWREF(key);
    size_t n = TUPLE_SIZE(key), k;
    for (k = 0; k < n; k++) {
        obj_t *e = TUPLE_GET(key, k);
        if (!IS_SMALLINT(e) && !INT_CHECK(e) && TYPE(e)->nb_index) break;
    }
    if (k == n) return NEWREF(key);
    obj_t *t = tuple_new(n);
    if (!t) return NULL;
    for (k = 0; k < n; k++) {
        obj_t *e = TUPLE_GET(key, k);
        obj_t *c = !IS_SMALLINT(e) && !INT_CHECK(e) && TYPE(e)->nb_index ? obj_index(e) : NEWREF(e);
        if (!c) {
            DECREF(t);
            return NULL;
        }
        TUPLE_SET(t, k, c);
    }
    return t;
}

static obj_t *memoryview_getitem(obj_t *o, obj_t *key) {
    memoryview_t *m = MV(o);
    if (check_released(o) < 0) return NULL;
    if (m->ndim == 0 && key == Ellipsis) return NEWREF(o);
    if (SLICE_CHECK(key)) {
        if (m->ndim == 0) {
            err_set_str(exc_TypeError, "invalid indexing of 0-dim memory");
            return NULL;
        }
        return slice_view(o, key);
    }
    obj_t *r = NULL;
    obj_t *k = plain_key(key);
    if (!k) return NULL;
    BEGIN_CRITICAL_SECTION2(o, m->obj);
    if (m->released) {
        err_set_str(exc_ValueError, released_msg);
    } else {
        unsigned char *p = item_ptr(m, k);
        if (p) r = unpack(m->fmt, p);
    }
    END_CRITICAL_SECTION();
    DECREF(k);
    return r;
}

static int memoryview_setitem(obj_t *o, obj_t *key, obj_t *value) {
    memoryview_t *m = MV(o);
    if (check_released(o) < 0) return -1;
    if (m->readonly) {
        err_set_str(exc_TypeError, "cannot modify read-only memory");
        return -1;
    }
    if (!value) {
        err_set_str(exc_TypeError, "cannot delete memory");
        return -1;
    }
    if (m->ndim == 0 && key != Ellipsis && !(TUPLE_CHECK(key) && TUPLE_SIZE(key) == 0)) {
        err_set_str(exc_TypeError, "invalid indexing of 0-dim memory");
        return -1;
    }
    if (m->ndim > 1 && is_index(key)) {
        err_set_str(exc_NotImplementedError, "sub-views are not implemented");
        return -1;
    }
    if (SLICE_CHECK(key)) {
        if (m->ndim != 1) {
            err_set_str(exc_NotImplementedError,
                        "memoryview slice assignments are currently restricted to ndim = 1");
            return -1;
        }
        // The source: a bytes-like object of the same format and length.
        obj_t *dst = slice_view(o, key);
        if (!dst) return -1;
        // Any exporter (array.array too) is compared by its own format,
        // through a view of it; the copy is a snapshot, so overlapping
        // views of the same bytes (m[0:3] = m[2:5]) copy correctly.
        obj_t *sv = NULL, *src = NULL;
        char sfmt = 0;
        if (!buffer_check(value)) {
            err_format(exc_TypeError, "a bytes-like object is required, not '%s'",
                       obj_type_name(value));
        } else {
            sv = MEMORYVIEW_CHECK(value) ? NEWREF(value)
                                         : memoryview_tp_new(&memoryview_type, &value, 1, NULL);
        }
        if (sv && MV(sv)->ndim != 1) {
            err_set_str(exc_ValueError,
                        "memoryview assignment: lvalue and rvalue have different structures");
        } else if (sv) {
            sfmt = MV(sv)->fmt;
            src = memoryview_tobytes(sv);
        }
        XDECREF(sv);
        int rc = -1;
        if (src) {
            memoryview_t *d = MV(dst);
            if (sfmt != d->fmt || (ssize_t)bytes_len(src) != d->shape[0] * d->itemsize) {
                err_set_str(exc_ValueError,
                            "memoryview assignment: lvalue and rvalue have different structures");
            } else {
                BEGIN_CRITICAL_SECTION2(o, m->obj);
                if (m->released) {
                    err_set_str(exc_ValueError, released_msg);
                } else {
                    const unsigned char *sp = bytes_data(src);
                    for (ssize_t i = 0; i < d->shape[0]; i++)
                        memcpy(d->buf + i * d->strides[0], sp + i * d->itemsize,
                               (size_t)d->itemsize);
                    rc = 0;
                }
                END_CRITICAL_SECTION();
            }
        }
        XDECREF(src);
        DECREF(dst);
        return rc;
    }
    unsigned char item[8];
    if (!is_index(key) && !TUPLE_CHECK(key) && !(key == Ellipsis && m->ndim == 0)) {
        err_set_str(exc_TypeError, "memoryview: invalid slice key");
        return -1;
    }
    // The index is checked before the value, as CPython does (IndexError
    // wins over a bad value); the address is taken again in the sections.
    obj_t *k = plain_key(key);
    if (!k) return -1;
    if (!item_ptr(m, k) || pack(m->fmt, value, item) < 0) {
        DECREF(k);
        return -1;
    }
    int rc = -1;
    BEGIN_CRITICAL_SECTION2(o, m->obj);
    if (m->released) {
        err_set_str(exc_ValueError, released_msg);
    } else {
        unsigned char *p = item_ptr(m, k);
        if (p) {
            memcpy(p, item, (size_t)m->itemsize);
            rc = 0;
        }
    }
    END_CRITICAL_SECTION();
    DECREF(k);
    return rc;
}

static hash_t memoryview_hash(obj_t *o) {
    memoryview_t *m = MV(o);
    hash_t h = atomic_load_explicit(&m->hash, memory_order_relaxed);
    if (h != -1) return h;
    if (check_released(o) < 0) return -1;
    if (!m->readonly) {
        err_set_str(exc_ValueError, "cannot hash writable memoryview object");
        return -1;
    }
    if (!fmt_is_byte(m->fmt)) {
        err_set_str(exc_ValueError, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
        return -1;
    }
    if (obj_hash(m->obj) == -1) return -1; // a read-only view of a bytearray
    obj_t *b = memoryview_tobytes(o);
    if (!b) return -1;
    h = obj_hash(b);
    DECREF(b);
    if (h != -1) atomic_store_explicit(&m->hash, h, memory_order_relaxed);
    return h;
}

// == and != only: equal shapes and equal items (bytes-like operands compare
// as 1-D 'B' views).  A released view equals only itself.
static obj_t *memoryview_richcompare(obj_t *a, obj_t *b, int op) {
    if (op != CMP_EQ_OP && op != CMP_NE_OP) return NEWREF(NotImplemented);
    if (!buffer_check(a) || !buffer_check(b)) return NEWREF(NotImplemented);
    bool eq;
    if (a == b) {
        eq = !(MEMORYVIEW_CHECK(a) && fmt_size(MV(a)->fmt) == 0);
        return bool_from(op == CMP_EQ_OP ? eq : !eq);
    }
    bool rel = (MEMORYVIEW_CHECK(a) && check_released(a) < 0) ||
               (MEMORYVIEW_CHECK(b) && check_released(b) < 0);
    if (rel) {
        err_clear();
        return bool_from(op != CMP_EQ_OP);
    }
    // Views over the other operand, so both sides are memoryviews.
    obj_t *va = MEMORYVIEW_CHECK(a) ? NEWREF(a) : memoryview_tp_new(&memoryview_type, &a, 1, NULL);
    if (!va) return NULL;
    obj_t *vb = MEMORYVIEW_CHECK(b) ? NEWREF(b) : memoryview_tp_new(&memoryview_type, &b, 1, NULL);
    if (!vb) {
        DECREF(va);
        return NULL;
    }
    memoryview_t *x = MV(va), *y = MV(vb);
    obj_t *r = NULL;
    eq = x->ndim == y->ndim;
    for (int d = 0; eq && d < x->ndim; d++)
        eq = x->shape[d] == y->shape[d];
    // An unsupported format ('w') compares unequal to everything, as CPython.
    if (fmt_size(x->fmt) == 0 || fmt_size(y->fmt) == 0) eq = false;
    if (eq && x->fmt == y->fmt && x->fmt != 'f' && x->fmt != 'd') {
        obj_t *bx = memoryview_tobytes(va), *by = bx ? memoryview_tobytes(vb) : NULL;
        if (by)
            eq = bytes_len(bx) == bytes_len(by) &&
                 memcmp(bytes_data(bx), bytes_data(by), bytes_len(bx)) == 0;
        XDECREF(bx);
        XDECREF(by);
        if (!by) goto out;
    } else if (eq) {
        obj_t *lx = mv_tolist(va), *ly = lx ? mv_tolist(vb) : NULL;
        int c = ly ? obj_eq(lx, ly) : -1;
        XDECREF(lx);
        XDECREF(ly);
        if (c < 0) goto out;
        eq = c;
    }
    r = bool_from(op == CMP_EQ_OP ? eq : !eq);
out:
    DECREF(va);
    DECREF(vb);
    return r;
}

// ---- iterator
// --------------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *mv;
    _Atomic ssize_t pos;
} mviter_t;

static type_t memoryview_iter_type;

static void mviter_dealloc(obj_t *o) {
    DECREF(((mviter_t *)o)->mv);
    obj_free(o);
}
static obj_t *mviter_self(obj_t *o) {
    return NEWREF(o);
}
static obj_t *mviter_next(obj_t *o) {
    mviter_t *it = (mviter_t *)o;
    ssize_t pos = atomic_fetch_add_explicit(&it->pos, 1, memory_order_relaxed);
    memoryview_t *m = MV(it->mv);
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION2(it->mv, m->obj);
    if (m->released)
        err_set_str(exc_ValueError, released_msg);
    else if (pos < m->shape[0])
        r = unpack(m->fmt, m->buf + pos * m->strides[0]);
    END_CRITICAL_SECTION();
    return r;
}

static type_t memoryview_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "memory_iterator",
    .basicsize = sizeof(mviter_t),
    .base = &object_type,
    .dealloc = mviter_dealloc,
    .iter = mviter_self,
    .iternext = mviter_next,
};

static obj_t *memoryview_iter(obj_t *o) {
    if (check_released(o) < 0) return NULL;
    memoryview_t *m = MV(o);
    if (m->ndim == 0) {
        err_set_str(exc_TypeError, "invalid indexing of 0-dim memory");
        return NULL;
    }
    if (m->ndim > 1) {
        err_format(exc_NotImplementedError, "multi-dimensional sub-views are not implemented");
        return NULL;
    }
    if (PVM_UNLIKELY(!type_has_flag(&memoryview_iter_type, TPFLAG_READY)) &&
        type_ensure_ready(&memoryview_iter_type) < 0)
        return NULL;
    mviter_t *it = (mviter_t *)obj_alloc(&memoryview_iter_type, sizeof(mviter_t));
    if (!it) return NULL;
    it->mv = NEWREF(o);
    atomic_store_explicit(&it->pos, 0, memory_order_relaxed);
    return (obj_t *)it;
}

static const method_def_t memoryview_methods[] = {
    {"release", m_release, METH_DEFAULT, NULL},
    {"tobytes", m_tobytes, METH_DEFAULT, NULL},
    {"tolist", m_tolist, METH_DEFAULT, NULL},
    {"hex", m_hex, METH_DEFAULT, NULL},
    {"cast", m_cast, METH_DEFAULT, NULL},
    {"toreadonly", m_toreadonly, METH_DEFAULT, NULL},
    {"__enter__", m_enter, METH_DEFAULT, NULL},
    {"__exit__", m_exit, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

type_t memoryview_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "memoryview",
    .basicsize = sizeof(memoryview_t),
    .base = &object_type,
    .dealloc = memoryview_dealloc,
    .traverse = memoryview_traverse,
    .repr = memoryview_repr,
    .hash = memoryview_hash,
    .richcompare = memoryview_richcompare,
    .iter = memoryview_iter,
    .len = memoryview_length,
    .getitem = memoryview_getitem,
    .setitem = memoryview_setitem,
    .tp_new = memoryview_tp_new,
    .methods = memoryview_methods,
    .getsets = memoryview_getsets,
    .doc = "Create a new memoryview object which references the given object.",
};
