/*
 * modules/array.c — the `array` module: array.array over a malloc'd block
 * of fixed-size C items, every 3.11 typecode (b B u h H i I l L q Q f d),
 * with CPython's methods, errors, reprs and pickling (__reduce_ex__ with
 * _array_reconstructor and machine format codes).  The sequence methods
 * the type table and the iterator are in modules/array_seq.c.
 *
 * Concurrency: `data`, `len`, `cap` and `exports` change only inside the
 * array's critical section, and every read of the items runs inside it
 * too.  Values are converted to raw C items before the section is entered
 * (a conversion may run __index__ or __float__), and items are turned back
 * into objects inside it (ints and floats only: no Python code).  Anything
 * that compares items with arbitrary objects (count, index, remove, in,
 * rich comparison) works on a snapshot copied under the section, with the
 * comparisons outside it.  The array exports its block through the buffer
 * protocol (objects/buffer.h) for memoryview, bytes(), struct, file I/O:
 * while an export is live, an operation that would move or resize the
 * block raises BufferError, as CPython.
 */
#include "array.h"

#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/import.h"
#include "../objects/buffer.h"
#include "../objects/bytearray.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"

// ---- typecodes -------------------------------------------------------------------------

#define BIG_I "int too big to convert"

const array_desc_t array_descs[] = {
    {'b', 1, K_INT, true, -128, 127, "signed char is less than minimum",
     "signed char is greater than maximum", 1},
    {'B', 1, K_INT, false, 0, 255, "unsigned byte integer is less than minimum",
     "unsigned byte integer is greater than maximum", 0},
    {'u', 4, K_UNICODE, false, 0, 0, NULL, NULL, 20},
    {'h', 2, K_INT, true, -32768, 32767, "signed short integer is less than minimum",
     "signed short integer is greater than maximum", 4},
    {'H', 2, K_INT, false, 0, 65535, "unsigned short is less than minimum",
     "unsigned short is greater than maximum", 2},
    {'i', 4, K_INT, true, INT32_MIN, INT32_MAX, "signed integer is less than minimum",
     "signed integer is greater than maximum", 8},
    {'I', 4, K_INT, false, 0, UINT32_MAX, "can't convert negative value to unsigned int",
     "unsigned int is greater than maximum", 6},
    {'l', 8, K_INT, true, INT64_MIN, INT64_MAX, "Python int too large to convert to C long",
     "Python int too large to convert to C long", 12},
    {'L', 8, K_INT, false, 0, UINT64_MAX, "can't convert negative value to unsigned int",
     "Python int too large to convert to C unsigned long", 10},
    {'q', 8, K_INT, true, INT64_MIN, INT64_MAX, BIG_I, BIG_I, 12},
    {'Q', 8, K_INT, false, 0, UINT64_MAX, "can't convert negative int to unsigned", BIG_I, 10},
    {'f', 4, K_FLOAT, true, 0, 0, NULL, NULL, 14},
    {'d', 8, K_FLOAT, true, 0, 0, NULL, NULL, 16},
    {0},
};

const array_desc_t *array_desc_for(uint32_t c) {
    for (const array_desc_t *d = array_descs; d->code; d++)
        if ((uint32_t)(unsigned char)d->code == c) return d;
    return NULL;
}

// ---- items <-> objects -----------------------------------------------------------------

obj_t *array_item_obj(const array_desc_t *d, const char *p) {
    switch (d->kind) {
    case K_FLOAT:
        if (d->size == 4) {
            float f;
            memcpy(&f, p, 4);
            return float_from_double(f);
        } else {
            double x;
            memcpy(&x, p, 8);
            return float_from_double(x);
        }
    case K_UNICODE: {
        uint32_t c;
        memcpy(&c, p, 4);
        if (c > 0x10ffff) {
            err_format(exc_ValueError, "character U+%x is not in range [U+0000; U+10ffff]", c);
            return NULL;
        }
        return str_from_codepoint(c);
    }
    default: break;
    }
    if (d->is_signed) {
        int64_t v = 0;
        switch (d->size) {
        case 1: v = *(const int8_t *)p; break;
        case 2: {
            int16_t x;
            memcpy(&x, p, 2);
            v = x;
            break;
        }
        case 4: {
            int32_t x;
            memcpy(&x, p, 4);
            v = x;
            break;
        }
        default: memcpy(&v, p, 8);
        }
        return int_from_i64(v);
    }
    uint64_t v = 0;
    switch (d->size) {
    case 1: v = *(const uint8_t *)p; break;
    case 2: {
        uint16_t x;
        memcpy(&x, p, 2);
        v = x;
        break;
    }
    case 4: {
        uint32_t x;
        memcpy(&x, p, 4);
        v = x;
        break;
    }
    default: memcpy(&v, p, 8);
    }
    return int_from_u64(v);
}

int array_item_from_obj(const array_desc_t *d, obj_t *v, char *out) {
    if (d->kind == K_UNICODE) {
        if (!STR_CHECK(v) || str_len(v) != 1) {
            err_set_str(exc_TypeError, "array item must be unicode character");
            return -1;
        }
        uint32_t c = str_char_at(v, 0);
        memcpy(out, &c, 4);
        return 0;
    }
    if (d->kind == K_FLOAT) {
        double x = float_as_double(v);
        if (x == -1.0 && err_occurred()) return -1;
        if (d->size == 4) {
            float f = (float)x;
            memcpy(out, &f, 4);
        } else {
            memcpy(out, &x, 8);
        }
        return 0;
    }
    obj_t *i = obj_index(v);
    if (!i) return -1;
    if (TYPE(i) == &bool_type) {
        obj_t *t = int_from_i64(i == True);
        DECREF(i);
        if (!t) return -1;
        i = t;
    }
    mpz_t z;
    mpz_init(z);
    int_to_mpz(i, z);
    DECREF(i);
    int rc = 0;
    if (d->is_signed) {
        if (!mpz_fits_slong_p(z) || mpz_get_si(z) < d->min || mpz_get_si(z) > (int64_t)d->max) {
            err_set_str(exc_OverflowError, mpz_sgn(z) < 0 ? d->too_small : d->too_big);
            rc = -1;
        } else {
            int64_t x = mpz_get_si(z);
            switch (d->size) {
            case 1: *(int8_t *)out = (int8_t)x; break;
            case 2: {
                int16_t s = (int16_t)x;
                memcpy(out, &s, 2);
                break;
            }
            case 4: {
                int32_t s = (int32_t)x;
                memcpy(out, &s, 4);
                break;
            }
            default: memcpy(out, &x, 8);
            }
        }
    } else {
        if (mpz_sgn(z) < 0) {
            err_set_str(exc_OverflowError, d->too_small);
            rc = -1;
        } else if (mpz_sizeinbase(z, 2) > 64 || mpz_getlimbn(z, 0) > d->max) {
            err_set_str(exc_OverflowError, d->too_big);
            rc = -1;
        } else {
            uint64_t x = mpz_getlimbn(z, 0);
            switch (d->size) {
            case 1: *(uint8_t *)out = (uint8_t)x; break;
            case 2: {
                uint16_t s = (uint16_t)x;
                memcpy(out, &s, 2);
                break;
            }
            case 4: {
                uint32_t s = (uint32_t)x;
                memcpy(out, &s, 4);
                break;
            }
            default: memcpy(out, &x, 8);
            }
        }
    }
    mpz_clear(z);
    return rc;
}

// ---- storage (callers hold the array's critical section) -------------------------------

// Makes room for n items in total; -1 + MemoryError.
int array_reserve_locked(array_t *a, size_t n) {
    if (n <= a->cap) return 0;
    size_t cap = n + (n >> 3) + (n < 9 ? 3 : 6);
    size_t isz = (size_t)a->d->size;
    if (cap > SIZE_MAX / isz || obj_alloc_too_big(cap * isz)) {
        err_no_memory();
        return -1;
    }
    char *p = realloc(a->data, cap * isz);
    if (!p) {
        err_no_memory();
        return -1;
    }
    a->data = p;
    a->cap = cap;
    return 0;
}

int array_check_resize_locked(array_t *a) {
    if (a->exports > 0) {
        err_set_str(exc_BufferError, "cannot resize an array that is exporting buffers");
        return -1;
    }
    return 0;
}

// Inserts n raw items at i (0 <= i <= len); -1 + BufferError/MemoryError.
int array_insert_raw_locked(array_t *a, size_t i, const char *items, size_t n) {
    if (n == 0) return 0;
    if (array_check_resize_locked(a) < 0) return -1;
    if (a->len + n < a->len) {
        err_no_memory();
        return -1;
    }
    if (array_reserve_locked(a, a->len + n) < 0) return -1;
    size_t isz = (size_t)a->d->size;
    memmove(a->data + (i + n) * isz, a->data + i * isz, (a->len - i) * isz);
    memcpy(a->data + i * isz, items, n * isz);
    a->len += n;
    return 0;
}

// Removes items [i, i + n); -1 + BufferError.
int array_delete_locked(array_t *a, size_t i, size_t n) {
    if (n == 0) return 0;
    if (array_check_resize_locked(a) < 0) return -1;
    size_t isz = (size_t)a->d->size;
    memmove(a->data + i * isz, a->data + (i + n) * isz, (a->len - i - n) * isz);
    a->len -= n;
    return 0;
}

// A bytes copy of the items (a consistent snapshot).
obj_t *array_snapshot(obj_t *self) {
    array_t *a = (array_t *)self;
    obj_t *b;
    BEGIN_CRITICAL_SECTION(a);
    b = bytes_from(a->data, a->len * (size_t)a->d->size);
    END_CRITICAL_SECTION();
    return b;
}

// ---- buffer export ---------------------------------------------------------------------

static int array_buffer_get(obj_t *o, unsigned char **buf, size_t *len, bool *readonly, char *fmt,
                            size_t *itemsize) {
    array_t *a = (array_t *)o;
    BEGIN_CRITICAL_SECTION(a);
    a->exports++;
    *buf = (unsigned char *)a->data;
    *len = a->len * (size_t)a->d->size;
    END_CRITICAL_SECTION();
    *readonly = false;
    *fmt = a->d->code == 'u' ? 'w' : a->d->code;
    *itemsize = (size_t)a->d->size;
    return 0;
}

static void array_buffer_release(obj_t *o) {
    array_t *a = (array_t *)o;
    BEGIN_CRITICAL_SECTION(a);
    a->exports--;
    END_CRITICAL_SECTION();
}

const buffer_procs_t array_buffer_procs = {array_buffer_get, array_buffer_release};

// ---- construction ----------------------------------------------------------------------

obj_t *array_new_empty(type_t *type, const array_desc_t *d) {
    array_t *a = (array_t *)obj_alloc(type, type->basicsize);
    if (!a) return NULL;
    a->d = d;
    return (obj_t *)a;
}

// Appends the raw items of a bytes-like (frombytes, array(tc, bytes)).
int array_frombytes_impl(obj_t *self, obj_t *src) {
    array_t *a = (array_t *)self;
    obj_t *b = buffer_as_bytes(src);
    if (!b) return -1;
    size_t n = bytes_len(b), isz = (size_t)a->d->size;
    if (n % isz) {
        DECREF(b);
        err_set_str(exc_ValueError, "bytes length not a multiple of item size");
        return -1;
    }
    int rc;
    BEGIN_CRITICAL_SECTION(a);
    rc = array_insert_raw_locked(a, a->len, (const char *)bytes_data(b), n / isz);
    END_CRITICAL_SECTION();
    DECREF(b);
    return rc;
}

// Appends the code points of a str ('u' arrays).
int array_fromunicode_impl(obj_t *self, obj_t *s) {
    array_t *a = (array_t *)self;
    size_t n = str_len(s);
    uint32_t *tmp = malloc((n ? n : 1) * sizeof(uint32_t));
    if (!tmp) {
        err_no_memory();
        return -1;
    }
    const char *p = str_data(s);
    for (size_t i = 0; i < n; i++)
        tmp[i] = utf8_decode(&p);
    int rc;
    BEGIN_CRITICAL_SECTION(a);
    rc = array_insert_raw_locked(a, a->len, (const char *)tmp, n);
    END_CRITICAL_SECTION();
    free(tmp);
    return rc;
}

// Converts every item of an iterable, then appends them in one step.
int array_extend_iterable(obj_t *self, obj_t *iterable) {
    array_t *a = (array_t *)self;
    obj_t *it = obj_iter(iterable);
    if (!it) return -1;
    size_t isz = (size_t)a->d->size, n = 0, cap = 16;
    char *tmp = malloc(cap * isz);
    if (!tmp) {
        DECREF(it);
        err_no_memory();
        return -1;
    }
    obj_t *v;
    int rc = 0;
    while ((v = obj_iternext(it)) != NULL) {
        if (n == cap) {
            char *p = obj_alloc_too_big(cap * 2 * isz) ? NULL : realloc(tmp, cap * 2 * isz);
            if (!p) {
                DECREF(v);
                err_no_memory();
                rc = -1;
                break;
            }
            tmp = p;
            cap *= 2;
        }
        rc = array_item_from_obj(a->d, v, tmp + n * isz);
        DECREF(v);
        if (rc < 0) break;
        n++;
    }
    DECREF(it);
    if (rc == 0 && err_occurred()) rc = -1;
    // As CPython, the items converted before an error are kept.
    int rc2;
    BEGIN_CRITICAL_SECTION(a);
    rc2 = array_insert_raw_locked(a, a->len, tmp, n);
    END_CRITICAL_SECTION();
    free(tmp);
    if (rc2 < 0 && rc == 0) rc = -1;
    return rc;
}

// Appends the items of another array of the same typecode (b may be a).
int array_extend_array(obj_t *self, obj_t *other) {
    array_t *a = (array_t *)self, *b = (array_t *)other;
    if (a->d != b->d) {
        err_set_str(exc_TypeError, "can only extend with array of same kind");
        return -1;
    }
    obj_t *snap = self == other ? array_snapshot(other) : array_snapshot(other);
    if (!snap) return -1;
    int rc;
    BEGIN_CRITICAL_SECTION(a);
    rc = array_insert_raw_locked(a, a->len, (const char *)bytes_data(snap),
                                 bytes_len(snap) / (size_t)a->d->size);
    END_CRITICAL_SECTION();
    DECREF(snap);
    return rc;
}

obj_t *array_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (type == &array_type && args_no_kw("array.array", kwnames) < 0) return NULL;
    if (nargs < 1 || nargs > 2) {
        err_format(exc_TypeError, "array() takes at %s %d argument%s (%zu given)",
                   nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 2, nargs < 1 ? "" : "s", nargs);
        return NULL;
    }
    obj_t *tc = args[0];
    if (!STR_CHECK(tc) || str_len(tc) != 1) {
        if (STR_CHECK(tc))
            err_format(exc_TypeError,
                       "array() argument 1 must be a unicode character, not a string of length %zu",
                       str_len(tc));
        else
            err_format(exc_TypeError, "array() argument 1 must be a unicode character, not %s",
                       obj_type_name(tc));
        if (STR_CHECK(tc) && str_len(tc) != 1) {
            err_clear();
            err_set_str(exc_TypeError, "array() argument 1 must be a unicode character, not str");
        }
        return NULL;
    }
    const array_desc_t *d = array_desc_for(str_char_at(tc, 0));
    if (!d) {
        err_set_str(exc_ValueError,
                    "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
        return NULL;
    }
    obj_t *init = nargs > 1 ? args[1] : NULL;
    if (init && STR_CHECK(init) && d->code != 'u') {
        err_format(exc_TypeError, "cannot use a str to initialize an array with typecode '%c'",
                   d->code);
        return NULL;
    }
    if (init && ARRAY_CHECK(init) && ((array_t *)init)->d->code == 'u' && d->code != 'u') {
        err_format(exc_TypeError,
                   "cannot use a unicode array to initialize an array with typecode '%c'", d->code);
        return NULL;
    }
    obj_t *self = array_new_empty(type, d);
    if (!self || !init) return self;
    int rc;
    if (STR_CHECK(init))
        rc = array_fromunicode_impl(self, init);
    else if (BYTES_CHECK(init) || BYTEARRAY_CHECK(init))
        rc = array_frombytes_impl(self, init);
    else if (ARRAY_CHECK(init) && ((array_t *)init)->d == d)
        rc = array_extend_array(self, init);
    else
        rc = array_extend_iterable(self, init);
    if (rc < 0) {
        DECREF(self);
        return NULL;
    }
    return self;
}

void array_dealloc(obj_t *o) {
    free(((array_t *)o)->data);
    obj_free(o);
}

// ---- repr, pickling --------------------------------------------------------------------

obj_t *array_repr(obj_t *self) {
    array_t *a = (array_t *)self;
    size_t n;
    BEGIN_CRITICAL_SECTION(a);
    n = a->len;
    END_CRITICAL_SECTION();
    const char *tname = TYPE(self)->name;
    const char *dot = strrchr(tname, '.');
    if (dot) tname = dot + 1;
    if (n == 0) return str_from_format("%s('%c')", tname, a->d->code);
    obj_t *inner = a->d->code == 'u' ? array_tounicode_obj(self) : array_tolist_obj(self);
    if (!inner) return NULL;
    obj_t *r = str_from_format("%s('%c', %R)", tname, a->d->code, inner);
    DECREF(inner);
    return r;
}

static obj_t *reconstructor_fn(void) {
    obj_t *m = import_module("array");
    if (!m) return NULL;
    obj_t *f = obj_getattr_str(m, "_array_reconstructor");
    DECREF(m);
    return f;
}

obj_t *array_reduce_ex(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.__reduce_ex__", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!INT_CHECK(args[0])) {
        err_set_str(exc_TypeError, "__reduce_ex__ argument should be an integer");
        return NULL;
    }
    int64_t proto;
    if (int_as_i64(args[0], &proto) < 0) return NULL;
    array_t *a = (array_t *)self;
    obj_t *dict = obj_getattr_str(self, "__dict__");
    if (!dict) {
        err_clear();
        dict = NEWREF(None);
    }
    obj_t *tc = str_from_codepoint((uint32_t)(unsigned char)a->d->code);
    obj_t *r = NULL;
    if (!tc) goto done;
    if (proto < 3) {
        obj_t *list = array_tolist_obj(self);
        obj_t *inner = list ? tuple_pack(2, tc, list) : NULL;
        if (inner) r = tuple_pack(3, (obj_t *)TYPE(self), inner, dict);
        XDECREF(list);
        XDECREF(inner);
    } else {
        obj_t *fn = reconstructor_fn();
        obj_t *bytes = fn ? array_snapshot(self) : NULL;
        obj_t *code = bytes ? int_from_i64(a->d->mformat) : NULL;
        obj_t *inner = code ? tuple_pack(4, (obj_t *)TYPE(self), tc, code, bytes) : NULL;
        if (inner) r = tuple_pack(3, fn, inner, dict);
        XDECREF(fn);
        XDECREF(bytes);
        XDECREF(code);
        XDECREF(inner);
    }
done:
    XDECREF(tc);
    DECREF(dict);
    return r;
}

// Machine format codes (CPython's enum): size, signedness, endianness.
typedef struct {
    int size;
    bool is_signed, big, is_float, is_utf;
} mformat_t;

static bool mformat_info(int64_t code, mformat_t *m) {
    if (code < 0 || code > 21) return false;
    memset(m, 0, sizeof *m);
    if (code <= 1) {
        m->size = 1;
        m->is_signed = code == 1;
    } else if (code <= 13) {
        int k = (int)code - 2; // 0..11: (size 2,4,8) x (unsigned, signed) x (LE, BE)
        m->size = 2 << (k / 4);
        m->is_signed = (k / 2) % 2 == 1;
        m->big = k % 2 == 1;
    } else if (code <= 17) {
        m->is_float = true;
        m->size = code <= 15 ? 4 : 8;
        m->big = code % 2 == 1;
    } else {
        m->is_utf = true;
        m->size = code <= 19 ? 2 : 4;
        m->big = code % 2 == 1;
    }
    return true;
}

static obj_t *m_array_reconstructor(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_array_reconstructor", nargs, kwnames, 4, 4) < 0) return NULL;
    obj_t *cls = args[0], *tc = args[1], *code = args[2], *items = args[3];
    if (!TYPE_CHECK(cls)) {
        err_format(exc_TypeError, "first argument must be a type object, not %s",
                   obj_type_name(cls));
        return NULL;
    }
    int sub = obj_is_subclass(cls, (obj_t *)&array_type);
    if (sub < 0) return NULL;
    if (!sub) {
        err_format(exc_TypeError, "%s is not a subtype of array.array", ((type_t *)cls)->name);
        return NULL;
    }
    if (!STR_CHECK(tc) || str_len(tc) != 1) {
        err_format(exc_TypeError,
                   "_array_reconstructor() argument 2 must be a unicode character, "
                   "not %s",
                   obj_type_name(tc));
        return NULL;
    }
    const array_desc_t *d = array_desc_for(str_char_at(tc, 0));
    if (!d) {
        err_set_str(exc_ValueError, "second argument must be a valid type code");
        return NULL;
    }
    int64_t mcode;
    if (!INT_CHECK(code)) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(code));
        return NULL;
    }
    mformat_t mf;
    if (int_as_i64(code, &mcode) < 0 || !mformat_info(mcode, &mf)) {
        err_clear();
        err_set_str(exc_ValueError, "third argument must be a valid machine format code.");
        return NULL;
    }
    if (!BYTES_CHECK(items)) {
        err_format(exc_TypeError, "fourth argument should be bytes, not %s", obj_type_name(items));
        return NULL;
    }
    size_t n = bytes_len(items);
    if (n % (size_t)mf.size) {
        err_set_str(exc_ValueError, "bytes length not a multiple of item size");
        return NULL;
    }
    if (mcode == d->mformat) {
        obj_t *r = array_new_empty((type_t *)cls, d);
        if (r && array_frombytes_impl(r, items) < 0) CLEAR(r);
        return r;
    }
    // Another machine's layout: decode each item, then pick a typecode that
    // holds it (integers: the same size and signedness), as CPython.
    const unsigned char *p = bytes_data(items);
    size_t count = n / (size_t)mf.size;
    obj_t *list = list_new(0);
    if (!list) return NULL;
    for (size_t i = 0; i < count; i++, p += mf.size) {
        uint64_t u = 0;
        for (int k = 0; k < mf.size; k++)
            u |= (uint64_t)p[mf.big ? mf.size - 1 - k : k] << (8 * k);
        obj_t *v;
        if (mf.is_float) {
            if (mf.size == 4) {
                uint32_t w = (uint32_t)u;
                float f;
                memcpy(&f, &w, 4);
                v = float_from_double(f);
            } else {
                double x;
                memcpy(&x, &u, 8);
                v = float_from_double(x);
            }
        } else if (mf.is_utf) {
            v = str_from_codepoint((uint32_t)u);
        } else if (mf.is_signed) {
            int shift = 64 - 8 * mf.size;
            v = int_from_i64(shift ? (int64_t)(u << shift) >> shift : (int64_t)u);
        } else {
            v = int_from_u64(u);
        }
        if (!v || list_append(list, v) < 0) {
            XDECREF(v);
            DECREF(list);
            return NULL;
        }
        DECREF(v);
    }
    if (!mf.is_float && !mf.is_utf) {
        // The last matching typecode of the table ('q' before 'l'), as CPython.
        size_t nd = 0;
        while (array_descs[nd].code)
            nd++;
        for (size_t k = nd; k-- > 0;) {
            const array_desc_t *e = &array_descs[k];
            if (e->kind == K_INT && e->size == mf.size && e->is_signed == mf.is_signed) {
                d = e;
                break;
            }
        }
    }
    obj_t *r = array_new_empty((type_t *)cls, d);
    if (r) {
        int rc;
        if (d->code == 'u') {
            obj_t *empty = str_from_cstr("");
            obj_t *s = empty ? str_join(empty, list) : NULL;
            XDECREF(empty);
            rc = s ? array_fromunicode_impl(r, s) : -1;
            XDECREF(s);
        } else {
            rc = array_extend_iterable(r, list);
        }
        if (rc < 0) CLEAR(r);
    }
    DECREF(list);
    return r;
}

static obj_t *array_get_typecode(obj_t *self, void *closure) {
    return str_from_codepoint((uint32_t)(unsigned char)((array_t *)self)->d->code);
}

static obj_t *array_get_itemsize(obj_t *self, void *closure) {
    return int_from_i64(((array_t *)self)->d->size);
}

const getset_def_t array_getsets[] = {
    {"typecode", array_get_typecode, NULL, NULL},
    {"itemsize", array_get_itemsize, NULL, NULL},
    {NULL},
};

static const method_def_t array_functions[] = {
    {"_array_reconstructor", m_array_reconstructor, 0, "Internal. Used for pickling support."},
    {NULL},
};

obj_t *array_module_init(void) {
    obj_t *m = module_new("array");
    if (!m) return NULL;
    obj_t *codes = NULL;
    if (module_add_functions(m, array_functions) < 0 || type_ensure_ready(&array_type) < 0 ||
        type_ensure_ready(&array_iter_type) < 0)
        goto fail;
    codes = str_from_cstr("bBuhHiIlLqQfd");
    if (!codes || dict_set_str(module_dict(m), "typecodes", codes) < 0 ||
        dict_set_str(module_dict(m), "array", (obj_t *)&array_type) < 0 ||
        dict_set_str(module_dict(m), "ArrayType", (obj_t *)&array_type) < 0)
        goto fail;
    DECREF(codes);
    codes = NULL;
    // array.array is a registered collections.abc.MutableSequence, as
    // CPython's array module makes it at import.
    obj_t *abc = import_module("collections.abc");
    obj_t *seq = abc ? obj_getattr_str(abc, "MutableSequence") : NULL;
    XDECREF(abc);
    obj_t *arg = (obj_t *)&array_type;
    obj_t *r = seq ? obj_call_method(seq, "register", &arg, 1) : NULL;
    XDECREF(seq);
    if (!r) goto fail;
    DECREF(r);
    return m;
fail:
    XDECREF(codes);
    DECREF(m);
    return NULL;
}
