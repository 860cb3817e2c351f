/*
 * modules/struct.c — the native `_struct` module: pack, unpack, calcsize,
 * iter_unpack, pack_into, unpack_from, the Struct type and struct.error,
 * for every format character and byte order ('@' native with alignment,
 * '=' native order with standard sizes, '<', '>' and '!').
 *
 * A format is compiled once into an array of codes (character, repeat
 * count, offset, item size); a Struct never changes after it is made, so
 * its methods need no lock.  Packing writes into a fresh bytes object, or,
 * for pack_into, through a writable buffer export (objects/buffer.h) held
 * for the duration of the call; unpacking reads a consistent bytes snapshot.
 * iter_unpack unpacks every record at once and returns an iterator over the
 * results.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
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

static obj_t *struct_error;

static void serr(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    obj_t *m = str_from_vformat(fmt, ap);
    va_end(ap);
    if (!m) return;
    obj_t *e = obj_call1(struct_error, m);
    DECREF(m);
    if (e) err_set_object(e);
    XDECREF(e);
}

typedef enum { ORDER_NATIVE, ORDER_LITTLE, ORDER_BIG } order_t;

typedef struct {
    char c;
    size_t num;    // repeat count (string length for s and p)
    size_t offset; // of the first item
    size_t size;   // of one item
} code_t;

typedef struct {
    obj_t ob;
    obj_t *format; // str
    size_t size, nitems, ncodes;
    bool native; // '@': native sizes and alignment
    bool little; // byte order of the standard-size modes
    code_t *codes;
} struct_obj_t;

static type_t struct_type;

// Size of one item of code c, 0 if c is not a format character of the mode.
static size_t item_size(char c, bool native) {
    switch (c) {
    case 'x':
    case 'c':
    case 'b':
    case 'B':
    case '?':
    case 's':
    case 'p': return 1;
    case 'h':
    case 'H':
    case 'e': return 2;
    case 'i':
    case 'I':
    case 'f': return 4;
    case 'l':
    case 'L': return native ? sizeof(long) : 4;
    case 'q':
    case 'Q':
    case 'd': return 8;
    case 'n':
    case 'N': return native ? sizeof(size_t) : 0;
    case 'P': return native ? sizeof(void *) : 0;
    default: return 0;
    }
}

// Compiles `fmt` into s; -1 + struct.error.
static int compile_format(struct_obj_t *s, const char *fmt) {
    s->native = true;
    s->little = true; // this port runs on little-endian machines
    switch (*fmt) {
    case '@': fmt++; break;
    case '=':
        s->native = false;
        fmt++;
        break;
    case '<':
        s->native = false;
        fmt++;
        break;
    case '>':
    case '!':
        s->native = false;
        s->little = false;
        fmt++;
        break;
    default: break;
    }
    size_t cap = 8, n = 0, size = 0, items = 0;
    code_t *codes = malloc(cap * sizeof(code_t));
    if (!codes) {
        err_no_memory();
        return -1;
    }
    const char *p = fmt;
    while (*p) {
        char c = *p++;
        if (c == ' ' || (c >= '\t' && c <= '\r')) continue;
        size_t num = 1;
        if (c >= '0' && c <= '9') {
            num = (size_t)(c - '0');
            while ((c = *p) >= '0' && c <= '9') {
                if (num >= (SIZE_MAX / 2) / 10) goto too_long;
                num = num * 10 + (size_t)(c - '0');
                p++;
            }
            if (!c) {
                free(codes);
                serr("repeat count given without format specifier");
                return -1;
            }
            p++;
        }
        size_t isz = item_size(c, s->native);
        if (isz == 0) {
            free(codes);
            serr("bad char in struct format");
            return -1;
        }
        if (s->native && isz > 1 && c != 's' && c != 'p') size = (size + isz - 1) / isz * isz;
        if (num > ((SIZE_MAX / 2) - size) / isz) goto too_long;
        if (c != 'x') {
            if (n == cap) {
                code_t *nc = realloc(codes, cap * 2 * sizeof(code_t));
                if (!nc) {
                    free(codes);
                    err_no_memory();
                    return -1;
                }
                codes = nc;
                cap *= 2;
            }
            codes[n++] = (code_t){c, num, size, isz};
            items += (c == 's' || c == 'p') ? 1 : num;
        }
        size += num * isz;
    }
    s->codes = codes;
    s->ncodes = n;
    s->size = size;
    s->nitems = items;
    return 0;
too_long:
    free(codes);
    serr("total struct size too long");
    return -1;
}

// Struct(format): format is a str (ASCII) or bytes.
static obj_t *struct_make(type_t *type, obj_t *format) {
    obj_t *fstr;
    if (STR_CHECK(format)) {
        fstr = NEWREF(format);
        if (str_len(format) != str_nbytes(format)) {
            obj_t *b = str_encode(format, "ascii", "strict");
            DECREF(fstr);
            XDECREF(b);
            return NULL;
        }
    } else if (BYTES_CHECK(format)) {
        fstr = bytes_decode(format, "latin-1", "strict");
        if (!fstr) return NULL;
    } else {
        err_format(exc_TypeError, "Struct() argument 1 must be a str or bytes object, not %s",
                   obj_type_name(format));
        return NULL;
    }
    struct_obj_t *s = (struct_obj_t *)obj_alloc(type, type->basicsize);
    if (!s) {
        DECREF(fstr);
        return NULL;
    }
    s->format = fstr;
    // Bytes formats may hold non-ASCII bytes: those are bad characters.
    const char *f = str_data(fstr);
    if (str_len(fstr) != str_nbytes(fstr)) f = "\x01";
    if (compile_format(s, f) < 0) {
        DECREF((obj_t *)s);
        return NULL;
    }
    return (obj_t *)s;
}

static void struct_dealloc(obj_t *o) {
    struct_obj_t *s = (struct_obj_t *)o;
    XDECREF(s->format);
    free(s->codes);
    obj_free(o);
}

static obj_t *struct_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"format", NULL};
    obj_t *a[1];
    if (nargs > 1) {
        err_format(exc_TypeError, "Struct() takes at most 1 argument (%zu given)", nargs);
        return NULL;
    }
    if (args_parse("Struct", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    return struct_make(type, a[0]);
}

static int struct_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return 0;
}

// ---- packing -----------------------------------------------------------------------------

static void put_uint(unsigned char *p, uint64_t v, size_t n, bool little) {
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)(v >> (8 * i));
        p[little ? i : n - 1 - i] = b;
    }
}

static uint64_t get_uint(const unsigned char *p, size_t n, bool little) {
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[little ? i : n - 1 - i] << (8 * i);
    return v;
}

// v as an int (new reference), or struct.error "required argument is not an integer".
static obj_t *as_int(obj_t *v) {
    if (INT_CHECK(v)) return NEWREF(v);
    if (TYPE(v)->nb_index) return obj_index(v);
    serr("required argument is not an integer");
    return NULL;
}

static int get_i64(obj_t *v, int64_t *out) {
    obj_t *i = as_int(v);
    if (!i) return -1;
    int rc = int_as_i64(i, out);
    DECREF(i);
    if (rc < 0) {
        err_clear();
        serr("argument out of range");
    }
    return rc;
}

static int get_u64(obj_t *v, uint64_t *out) {
    obj_t *i = as_int(v);
    if (!i) return -1;
    mpz_t z;
    mpz_init(z);
    int_to_mpz(i, z);
    DECREF(i);
    int rc = 0;
    if (mpz_sgn(z) < 0 || !mpz_fits_ulong_p(z)) {
        serr("argument out of range");
        rc = -1;
    } else {
        *out = mpz_get_ui(z);
    }
    mpz_clear(z);
    return rc;
}

static int get_double(obj_t *v, double *out) {
    double d = float_as_double(v);
    if (d == -1.0 && err_occurred()) {
        err_clear();
        obj_t *i = TYPE(v)->nb_index && !FLOAT_CHECK(v) ? obj_index(v) : NULL;
        if (i) {
            int ovf = 0;
            d = int_as_double(i, &ovf);
            DECREF(i);
            if (!ovf) {
                *out = d;
                return 0;
            }
        }
        err_clear();
        serr("required argument is not a float");
        return -1;
    }
    *out = d;
    return 0;
}

static int pack_half(double x, unsigned char *p, bool little) {
    uint16_t bits;
    int sign = signbit(x) ? 1 : 0;
    if (isnan(x)) {
        bits = 0x7e00;
    } else if (isinf(x)) {
        bits = 0x7c00;
    } else if (x == 0.0) {
        bits = 0;
    } else {
        int e;
        double f = frexp(fabs(x), &e);
        f *= 2.0;
        e -= 1;
        if (e >= 16) goto overflow;
        if (e < -25) {
            f = 0.0;
            e = 0;
        } else if (e < -14) {
            f = ldexp(f, 14 + e);
            e = 0;
        } else {
            e += 15;
            f -= 1.0;
        }
        f *= 1024.0;
        unsigned m = (unsigned)f;
        f -= m;
        if (f > 0.5 || (f == 0.5 && (m & 1))) {
            m++;
            if (m == 1024) {
                m = 0;
                if (++e == 31) goto overflow;
            }
        }
        bits = (uint16_t)(m | ((unsigned)e << 10));
    }
    bits |= (uint16_t)(sign << 15);
    put_uint(p, bits, 2, little);
    return 0;
overflow:
    err_set_str(exc_OverflowError, "float too large to pack with e format");
    return -1;
}

static double unpack_half(const unsigned char *p, bool little) {
    unsigned bits = (unsigned)get_uint(p, 2, little);
    int sign = (bits >> 15) & 1, e = (bits >> 10) & 0x1f;
    unsigned m = bits & 0x3ff;
    double x;
    if (e == 0x1f) {
        x = m == 0 ? INFINITY : NAN;
    } else {
        x = m / 1024.0;
        if (e == 0) {
            e = -14;
        } else {
            x += 1.0;
            e -= 15;
        }
        x = ldexp(x, e);
    }
    return sign ? -x : x;
}

static int range_error(char c, bool is_unsigned, size_t size) {
    if (is_unsigned)
        serr("'%c' format requires 0 <= number <= %llu", c,
             (unsigned long long)(size == 8 ? UINT64_MAX : (1ULL << (8 * size)) - 1));
    else
        serr("'%c' format requires %lld <= number <= %lld", c, -(1LL << (8 * size - 1)),
             (1LL << (8 * size - 1)) - 1);
    return -1;
}

// Big-endian 'q'/'Q' report a failed range check as "int too large to
// convert", as CPython's big-endian table does.
static int big_q_error(char c, bool little) {
    if (!little && (c == 'q' || c == 'Q') && err_occurred()) {
        obj_t *e = err_fetch();
        obj_t *msg = exc_str(e);
        bool range = msg && str_eq_cstr(msg, "argument out of range");
        if (!msg) err_clear();
        XDECREF(msg);
        if (range) {
            DECREF(e);
            serr("int too large to convert");
            return -1;
        }
        err_restore(e);
    }
    return -1;
}

static int pack_one(struct_obj_t *s, const code_t *cd, obj_t *v, unsigned char *p) {
    bool little = s->native ? true : s->little;
    size_t sz = cd->size;
    char c = cd->c;
    switch (c) {
    case 'c':
        if (!BYTES_CHECK(v) || bytes_len(v) != 1) {
            serr("char format requires a bytes object of length 1");
            return -1;
        }
        *p = bytes_data(v)[0];
        return 0;
    case '?': {
        int t = obj_is_true(v);
        if (t < 0) return -1;
        *p = (unsigned char)t;
        return 0;
    }
    case 'b':
    case 'B':
    case 'h':
    case 'H': {
        // The big-endian table treats h and H as plain sized integers.
        if (!little && c == 'h') goto signed_int;
        if (!little && c == 'H') goto unsigned_int;
        int64_t x;
        if (get_i64(v, &x) < 0) return -1;
        int64_t lo = c == 'b' ? -128 : c == 'h' ? -32768 : 0;
        int64_t hi = c == 'b' ? 127 : c == 'B' ? 255 : c == 'h' ? 32767 : 65535;
        if (x < lo || x > hi) {
            const char *nm = c == 'b' ? "byte" : c == 'B' ? "ubyte" : c == 'h' ? "short" : "ushort";
            serr("%s format requires %lld <= number <= %lld", nm, (long long)lo, (long long)hi);
            return -1;
        }
        put_uint(p, (uint64_t)x, sz, little);
        return 0;
    }
    case 'i':
    case 'l':
    case 'q':
    case 'n':
    signed_int : {
        int64_t x;
        if (get_i64(v, &x) < 0) return big_q_error(c, little);
        if (sz < 8 && (x < -(1LL << (8 * sz - 1)) || x > (1LL << (8 * sz - 1)) - 1))
            return range_error(c, false, sz);
        put_uint(p, (uint64_t)x, sz, little);
        return 0;
    }
    case 'I':
    case 'L':
    case 'Q':
    case 'N':
    unsigned_int : {
        uint64_t x;
        if (get_u64(v, &x) < 0) return big_q_error(c, little);
        if (sz < 8 && x >= (1ULL << (8 * sz))) return range_error(c, true, sz);
        put_uint(p, x, sz, little);
        return 0;
    }
    case 'P': {
        obj_t *i = as_int(v);
        if (!i) return -1;
        mpz_t z;
        mpz_init(z);
        int_to_mpz(i, z);
        DECREF(i);
        uint64_t x = 0;
        int rc = 0;
        if (mpz_fits_slong_p(z)) {
            x = (uint64_t)mpz_get_si(z);
        } else if (mpz_sgn(z) > 0 && mpz_fits_ulong_p(z)) {
            x = mpz_get_ui(z);
        } else {
            serr("int too large to convert");
            rc = -1;
        }
        mpz_clear(z);
        if (rc == 0) put_uint(p, x, sz, little);
        return rc;
    }
    case 'e': {
        double d;
        if (get_double(v, &d) < 0) return -1;
        return pack_half(d, p, little);
    }
    case 'f': {
        double d;
        if (get_double(v, &d) < 0) return -1;
        float f = (float)d;
        if (isinf(f) && !isinf(d) && !s->native) {
            err_set_str(exc_OverflowError, "float too large to pack with f format");
            return -1;
        }
        uint32_t u;
        memcpy(&u, &f, 4);
        put_uint(p, u, 4, little);
        return 0;
    }
    case 'd': {
        double d;
        if (get_double(v, &d) < 0) return -1;
        uint64_t u;
        memcpy(&u, &d, 8);
        put_uint(p, u, 8, little);
        return 0;
    }
    default: return 0;
    }
}

// Packs args into buf (s->size bytes, zeroed by the caller).
static int pack_all(struct_obj_t *s, obj_t *const *args, unsigned char *buf) {
    size_t k = 0;
    for (size_t i = 0; i < s->ncodes; i++) {
        const code_t *cd = &s->codes[i];
        if (cd->c == 's' || cd->c == 'p') {
            obj_t *v = args[k++];
            const unsigned char *d;
            size_t n;
            if (BYTES_CHECK(v)) {
                d = bytes_data(v);
                n = bytes_len(v);
            } else if (BYTEARRAY_CHECK(v)) {
                buffer_t view;
                if (buffer_get(v, &view) < 0) return -1;
                n = view.len;
                size_t lim = cd->c == 'p' && cd->num > 0 ? cd->num - 1 : cd->num;
                if (n > lim) n = lim;
                if (n) memcpy(buf + cd->offset + (cd->c == 'p'), view.buf, n);
                buffer_release(&view);
                if (cd->c == 'p' && cd->num > 0)
                    buf[cd->offset] = (unsigned char)(n > 255 ? 255 : n);
                continue;
            } else {
                serr("argument for '%c' must be a bytes object", cd->c);
                return -1;
            }
            if (cd->c == 's') {
                if (n > cd->num) n = cd->num;
                if (n) memcpy(buf + cd->offset, d, n);
            } else if (cd->num > 0) {
                if (n > cd->num - 1) n = cd->num - 1;
                if (n) memcpy(buf + cd->offset + 1, d, n);
                buf[cd->offset] = (unsigned char)(n > 255 ? 255 : n);
            }
            continue;
        }
        for (size_t j = 0; j < cd->num; j++)
            if (pack_one(s, cd, args[k++], buf + cd->offset + j * cd->size) < 0) return -1;
    }
    return 0;
}

static obj_t *do_pack(struct_obj_t *s, obj_t *const *args, size_t nargs) {
    if (nargs != s->nitems) {
        serr("pack expected %zu items for packing (got %zu)", s->nitems, nargs);
        return NULL;
    }
    unsigned char *buf = calloc(s->size ? s->size : 1, 1);
    if (!buf) return err_no_memory();
    obj_t *r = NULL;
    if (pack_all(s, args, buf) == 0) r = bytes_from(buf, s->size);
    free(buf);
    return r;
}

static obj_t *do_pack_into(struct_obj_t *s, obj_t *const *args, size_t nargs) {
    if (nargs < 1) {
        serr("pack_into expected buffer argument");
        return NULL;
    }
    if (nargs < 2) {
        serr("pack_into expected offset argument");
        return NULL;
    }
    if (nargs - 2 != s->nitems) {
        serr("pack_into expected %zu items for packing (got %zu)", s->nitems, nargs - 2);
        return NULL;
    }
    buffer_t view;
    if (!buffer_check(args[0])) {
        err_format(exc_TypeError, "argument must be read-write bytes-like object, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    if (buffer_get(args[0], &view) < 0) return NULL;
    if (view.readonly) {
        buffer_release(&view);
        err_format(exc_TypeError, "argument must be read-write bytes-like object, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    ssize_t off = obj_as_ssize(args[1]);
    if (off == -1 && err_occurred()) {
        buffer_release(&view);
        return NULL;
    }
    ssize_t len = (ssize_t)view.len;
    if (off < 0) {
        if (off + (ssize_t)s->size > 0) {
            serr("no space to pack %zu bytes at offset %zd", s->size, off);
            goto fail;
        }
        if (off + len < 0) {
            serr("offset %zd out of range for %zd-byte buffer", off, len);
            goto fail;
        }
        off += len;
    }
    if (len - off < (ssize_t)s->size) {
        serr("pack_into requires a buffer of at least %zu bytes for packing %zu bytes at offset "
             "%zd (actual buffer size is %zd)",
             s->size + (size_t)off, s->size, off, len);
        goto fail;
    }
    unsigned char *tmp = calloc(s->size ? s->size : 1, 1);
    if (!tmp) {
        err_no_memory();
        goto fail;
    }
    if (pack_all(s, args + 2, tmp) < 0) {
        free(tmp);
        goto fail;
    }
    if (s->size) memcpy(view.buf + off, tmp, s->size);
    free(tmp);
    buffer_release(&view);
    return NEWREF(None);
fail:
    buffer_release(&view);
    return NULL;
}

// ---- unpacking ---------------------------------------------------------------------------

static obj_t *unpack_one(struct_obj_t *s, const code_t *cd, const unsigned char *p) {
    bool little = s->native ? true : s->little;
    size_t sz = cd->size;
    switch (cd->c) {
    case 'c': return bytes_from(p, 1);
    case '?': return NEWREF(*p ? True : False);
    case 'b':
    case 'h':
    case 'i':
    case 'l':
    case 'q':
    case 'n': {
        uint64_t u = get_uint(p, sz, little);
        if (sz < 8 && (u >> (8 * sz - 1)) & 1) u |= ~0ULL << (8 * sz);
        return int_from_i64((int64_t)u);
    }
    case 'B':
    case 'H':
    case 'I':
    case 'L':
    case 'Q':
    case 'N':
    case 'P': return int_from_u64(get_uint(p, sz, little));
    case 'e': return float_from_double(unpack_half(p, little));
    case 'f': {
        uint32_t u = (uint32_t)get_uint(p, 4, little);
        float f;
        memcpy(&f, &u, 4);
        return float_from_double(f);
    }
    case 'd': {
        uint64_t u = get_uint(p, 8, little);
        double d;
        memcpy(&d, &u, 8);
        return float_from_double(d);
    }
    default: return NEWREF(None);
    }
}

static obj_t *unpack_at(struct_obj_t *s, const unsigned char *buf) {
    obj_t *t = tuple_new(s->nitems);
    if (!t) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < s->ncodes; i++) {
        const code_t *cd = &s->codes[i];
        const unsigned char *p = buf + cd->offset;
        if (cd->c == 's' || cd->c == 'p') {
            obj_t *v;
            if (cd->c == 's') {
                v = bytes_from(p, cd->num);
            } else {
                size_t n = cd->num ? p[0] : 0;
                if (cd->num && n >= cd->num) n = cd->num - 1;
                v = bytes_from(cd->num ? p + 1 : p, n);
            }
            if (!v) goto fail;
            TUPLE_SET(t, k++, v);
            continue;
        }
        for (size_t j = 0; j < cd->num; j++) {
            obj_t *v = unpack_one(s, cd, p + j * cd->size);
            if (!v) goto fail;
            TUPLE_SET(t, k++, v);
        }
    }
    return t;
fail:
    for (; k < s->nitems; k++)
        TUPLE_SET(t, k, NEWREF(None));
    DECREF(t);
    return NULL;
}

static obj_t *do_unpack(struct_obj_t *s, obj_t *buffer) {
    obj_t *b = buffer_as_bytes(buffer);
    if (!b) return NULL;
    obj_t *r = NULL;
    if (bytes_len(b) != s->size)
        serr("unpack requires a buffer of %zu bytes", s->size);
    else
        r = unpack_at(s, bytes_data(b));
    DECREF(b);
    return r;
}

static obj_t *do_unpack_from(struct_obj_t *s, obj_t *buffer, obj_t *offset) {
    ssize_t off = 0;
    if (offset) {
        off = obj_as_ssize(offset);
        if (off == -1 && err_occurred()) return NULL;
    }
    obj_t *b = buffer_as_bytes(buffer);
    if (!b) return NULL;
    ssize_t len = (ssize_t)bytes_len(b);
    obj_t *r = NULL;
    if (off < 0) {
        if (off + (ssize_t)s->size > 0) {
            serr("not enough data to unpack %zu bytes at offset %zd", s->size, off);
            goto done;
        }
        if (off + len < 0) {
            serr("offset %zd out of range for %zd-byte buffer", off, len);
            goto done;
        }
        off += len;
    }
    if (len - off < (ssize_t)s->size) {
        serr("unpack_from requires a buffer of at least %zu bytes for unpacking %zu bytes at "
             "offset %zd (actual buffer size is %zd)",
             s->size + (size_t)off, s->size, off, len);
        goto done;
    }
    r = unpack_at(s, bytes_data(b) + off);
done:
    DECREF(b);
    return r;
}

static obj_t *do_iter_unpack(struct_obj_t *s, obj_t *buffer) {
    if (s->size == 0) {
        serr("cannot iteratively unpack with a struct of length 0");
        return NULL;
    }
    obj_t *b = buffer_as_bytes(buffer);
    if (!b) return NULL;
    size_t len = bytes_len(b);
    obj_t *out = NULL;
    if (len % s->size) {
        serr("iterative unpacking requires a buffer of a multiple of %zu bytes", s->size);
        goto done;
    }
    out = list_new(0);
    for (size_t off = 0; out && off < len; off += s->size) {
        obj_t *t = unpack_at(s, bytes_data(b) + off);
        if (!t || list_append(out, t) < 0) CLEAR(out);
        XDECREF(t);
    }
done:
    DECREF(b);
    if (!out) return NULL;
    obj_t *it = obj_iter(out);
    DECREF(out);
    return it;
}

// ---- Struct methods ----------------------------------------------------------------------

static obj_t *S_pack(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("pack", kwnames) < 0) return NULL;
    return do_pack((struct_obj_t *)self, args, nargs);
}

static obj_t *S_pack_into(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("pack_into", kwnames) < 0) return NULL;
    return do_pack_into((struct_obj_t *)self, args, nargs);
}

static obj_t *S_unpack(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("unpack", nargs, kwnames, 1, 1) < 0) return NULL;
    return do_unpack((struct_obj_t *)self, args[0]);
}

static obj_t *S_unpack_from(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"buffer", "offset", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("unpack_from", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    return do_unpack_from((struct_obj_t *)self, a[0], a[1]);
}

static obj_t *S_iter_unpack(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("iter_unpack", nargs, kwnames, 1, 1) < 0) return NULL;
    return do_iter_unpack((struct_obj_t *)self, args[0]);
}

static obj_t *S_sizeof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    struct_obj_t *s = (struct_obj_t *)self;
    return int_from_u64(sizeof(struct_obj_t) + s->ncodes * sizeof(code_t));
}

static obj_t *S_get_format(obj_t *self, void *closure) {
    return NEWREF(((struct_obj_t *)self)->format);
}

static obj_t *S_get_size(obj_t *self, void *closure) {
    return int_from_u64(((struct_obj_t *)self)->size);
}

static const method_def_t struct_methods[] = {
    {"pack", S_pack, METH_DEFAULT, NULL},
    {"pack_into", S_pack_into, METH_DEFAULT, NULL},
    {"unpack", S_unpack, METH_DEFAULT, NULL},
    {"unpack_from", S_unpack_from, METH_DEFAULT, NULL},
    {"iter_unpack", S_iter_unpack, METH_DEFAULT, NULL},
    {"__sizeof__", S_sizeof, METH_DEFAULT, NULL},
    {NULL},
};

static const getset_def_t struct_getsets[] = {
    {"format", S_get_format, NULL, NULL},
    {"size", S_get_size, NULL, NULL},
    {NULL},
};

static type_t struct_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_struct.Struct",
    .basicsize = sizeof(struct_obj_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = struct_dealloc,
    .tp_new = struct_new,
    .tp_init = struct_init,
    .methods = struct_methods,
    .getsets = struct_getsets,
};

// ---- module functions (a Struct made for each call) -------------------------------------

static struct_obj_t *fmt_struct(obj_t *format) {
    return (struct_obj_t *)struct_make(&struct_type, format);
}

static obj_t *m_calcsize(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("calcsize", nargs, kwnames, 1, 1) < 0) return NULL;
    struct_obj_t *s = fmt_struct(args[0]);
    if (!s) return NULL;
    obj_t *r = int_from_u64(s->size);
    DECREF((obj_t *)s);
    return r;
}

static obj_t *m_pack(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs == 0) {
        err_set_str(exc_TypeError, "missing format argument");
        return NULL;
    }
    if (args_no_kw("pack", kwnames) < 0) return NULL;
    struct_obj_t *s = fmt_struct(args[0]);
    if (!s) return NULL;
    obj_t *r = do_pack(s, args + 1, nargs - 1);
    DECREF((obj_t *)s);
    return r;
}

static obj_t *m_pack_into(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs == 0) {
        err_set_str(exc_TypeError, "missing format argument");
        return NULL;
    }
    if (args_no_kw("pack_into", kwnames) < 0) return NULL;
    struct_obj_t *s = fmt_struct(args[0]);
    if (!s) return NULL;
    obj_t *r = do_pack_into(s, args + 1, nargs - 1);
    DECREF((obj_t *)s);
    return r;
}

static obj_t *m_unpack(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("unpack", kwnames) < 0) return NULL;
    if (nargs != 2) {
        err_format(exc_TypeError, "unpack expected 2 arguments, got %zu", nargs);
        return NULL;
    }
    struct_obj_t *s = fmt_struct(args[0]);
    if (!s) return NULL;
    obj_t *r = do_unpack(s, args[1]);
    DECREF((obj_t *)s);
    return r;
}

static obj_t *m_unpack_from(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/format", "buffer", "offset", NULL};
    obj_t *a[3] = {NULL, NULL, NULL};
    if (args_parse("unpack_from", args, nargs, kwnames, names, 2, a) < 0) return NULL;
    struct_obj_t *s = fmt_struct(a[0]);
    if (!s) return NULL;
    obj_t *r = do_unpack_from(s, a[1], a[2]);
    DECREF((obj_t *)s);
    return r;
}

static obj_t *m_iter_unpack(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("iter_unpack", kwnames) < 0) return NULL;
    if (nargs != 2) {
        err_format(exc_TypeError, "iter_unpack expected 2 arguments, got %zu", nargs);
        return NULL;
    }
    struct_obj_t *s = fmt_struct(args[0]);
    if (!s) return NULL;
    obj_t *r = do_iter_unpack(s, args[1]);
    DECREF((obj_t *)s);
    return r;
}

static obj_t *m_clearcache(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_clearcache", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(None);
}

static const method_def_t struct_functions[] = {
    {"calcsize", m_calcsize, 0, NULL},       {"pack", m_pack, 0, NULL},
    {"pack_into", m_pack_into, 0, NULL},     {"unpack", m_unpack, 0, NULL},
    {"unpack_from", m_unpack_from, 0, NULL}, {"iter_unpack", m_iter_unpack, 0, NULL},
    {"_clearcache", m_clearcache, 0, NULL},  {NULL},
};

obj_t *struct_module_init(void) {
    static _Atomic int ready;
    obj_t *m = module_new("_struct");
    if (!m) return NULL;
    if (module_add_functions(m, struct_functions) < 0 || type_ensure_ready(&struct_type) < 0)
        goto fail;
    if (!atomic_exchange(&ready, 1)) {
        struct_error = exc_new_class("struct", "error", exc_Exception);
    }
    if (!struct_error || dict_set_str(module_dict(m), "error", struct_error) < 0 ||
        dict_set_str(module_dict(m), "Struct", (obj_t *)&struct_type) < 0)
        goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
