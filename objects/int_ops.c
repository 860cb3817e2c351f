/*
 * objects/int_ops.c — the `int` type object: its slot table, int() itself,
 * the methods (bit_length, to_bytes, from_bytes, __round__, __format__ ...)
 * and the getsets (real, imag, numerator, denominator).  The arithmetic and
 * conversions these call live in objects/int.c.
 *
 * Methods called on a bool return plain ints (True.real == 1, an int), as in
 * CPython.  int is not subclassable from Python yet (no TPFLAG_BASETYPE);
 * bool is its only (static) subtype.
 */
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "bytes.h"
#include "memoryview.h"
#include "int_impl.h"
#include "str.h"
#include "tuple.h"

static void int_dealloc(obj_t *o) {
    mpz_clear(INT_Z(o));
    obj_free(o);
}

static obj_t *int_float(obj_t *v) {
    int overflow;
    double d = int_as_double(v, &overflow);
    if (overflow) {
        err_set_str(exc_OverflowError, "int too large to convert to float");
        return NULL;
    }
    return float_from_double(d);
}

#define INT_BINOP(name, op)                                                                        \
    static obj_t *name(obj_t *a, obj_t *b) {                                                       \
        return int_binop(a, b, op);                                                                \
    }
INT_BINOP(int_add, BINOP_ADD)
INT_BINOP(int_sub, BINOP_SUB)
INT_BINOP(int_mul, BINOP_MUL)
INT_BINOP(int_truediv, BINOP_TRUEDIV)
INT_BINOP(int_floordiv, BINOP_FLOORDIV)
INT_BINOP(int_mod, BINOP_MOD)
INT_BINOP(int_pow, BINOP_POW)
INT_BINOP(int_lshift, BINOP_LSHIFT)
INT_BINOP(int_rshift, BINOP_RSHIFT)
INT_BINOP(int_and, BINOP_AND)
INT_BINOP(int_or, BINOP_OR)
INT_BINOP(int_xor, BINOP_XOR)

// ---- int() -------------------------------------------------------------------------------

// Calls a conversion slot/dunder and checks that it produced an int; a bool
// result is turned into a plain int.
static obj_t *check_int_result(obj_t *r, const char *what) {
    if (!r) return NULL;
    if (!INT_CHECK(r)) {
        err_format(exc_TypeError, "%s returned non-int (type %T)", what, r);
        DECREF(r);
        return NULL;
    }
    if (OBJ_IS_TYPE(r, &bool_type)) {
        obj_t *p = int_pos(r);
        DECREF(r);
        return p;
    }
    return r;
}

static obj_t *call_dunder(obj_t *v, const char *name, bool *found) {
    obj_t *f = type_lookup(TYPE(v), str_intern(name));
    *found = f != NULL;
    if (!f) return NULL;
    return obj_call1(f, v);
}

obj_t *int_from_object(obj_t *v) {
    if (INT_CHECK(v)) return int_pos(v);
    if (FLOAT_EXACT(v)) return int_from_double(float_value(v));
    if (STR_CHECK(v) || BYTES_CHECK(v)) return int_parse_object(v, 10);
    if (buffer_check(v)) { // bytearray, memoryview: parsed from a snapshot
        obj_t *b = buffer_as_bytes(v);
        obj_t *r = b ? int_parse_object(b, 10) : NULL;
        XDECREF(b);
        return r;
    }
    type_t *t = TYPE(v);
    bool found;
    if (t->nb_int) return check_int_result(t->nb_int(v), "__int__");
    if (t->nb_index) return check_int_result(t->nb_index(v), "__index__");
    obj_t *r = call_dunder(v, "__int__", &found);
    if (found) return check_int_result(r, "__int__");
    r = call_dunder(v, "__index__", &found);
    if (found) return check_int_result(r, "__index__");
    r = call_dunder(v, "__trunc__", &found);
    if (found) {
        if (!r) return NULL;
        if (INT_CHECK(r)) return check_int_result(r, "__trunc__");
        type_t *rt = TYPE(r);
        if (!rt->nb_index && !type_lookup(rt, str_intern("__index__"))) {
            err_format(exc_TypeError, "__trunc__ returned non-Integral (type %T)", r);
            DECREF(r);
            return NULL;
        }
        obj_t *i = obj_index(r);
        DECREF(r);
        return i;
    }
    err_format(exc_TypeError,
               "int() argument must be a string, a bytes-like object or a real number, not '%T'",
               v);
    return NULL;
}

static obj_t *int_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/x", "base", NULL};
    obj_t *out[2] = {NULL, NULL};
    if (args_parse("int", args, nargs, kwnames, names, 0, out) < 0) return NULL;
    obj_t *x = out[0], *base = out[1];
    if (!x) {
        if (base) {
            err_set_str(exc_TypeError, "int() missing string argument");
            return NULL;
        }
        return SMALLINT_FROM(0);
    }
    if (!base) return int_from_object(x);
    obj_t *bi = obj_index(base);
    if (!bi) return NULL;
    int64_t b;
    if (int_as_i64(bi, &b) < 0) {
        err_clear();
        b = -1;
    }
    DECREF(bi);
    if (b != 0 && (b < 2 || b > 36)) {
        err_set_str(exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        return NULL;
    }
    if (!STR_CHECK(x) && !BYTES_CHECK(x)) {
        if (buffer_check(x)) {
            obj_t *xb = buffer_as_bytes(x);
            obj_t *r = xb ? int_parse_object(xb, (int)b) : NULL;
            XDECREF(xb);
            return r;
        }
        err_set_str(exc_TypeError, "int() can't convert non-string with explicit base");
        return NULL;
    }
    return int_parse_object(x, (int)b);
}

// ---- methods ---------------------------------------------------------------------------------

static uint64_t small_abs(int64_t s) {
    return s < 0 ? -(uint64_t)s : (uint64_t)s;
}

static obj_t *int_bit_length(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("int.bit_length", nargs, kwnames, 0, 0) < 0) return NULL;
    int64_t s;
    if (int_small_value(self, &s)) {
        uint64_t a = small_abs(s);
        return SMALLINT_FROM(a ? 64 - __builtin_clzll(a) : 0);
    }
    return int_from_u64(mpz_sizeinbase(INT_Z(self), 2));
}

static obj_t *int_bit_count(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("int.bit_count", nargs, kwnames, 0, 0) < 0) return NULL;
    int64_t s;
    if (int_small_value(self, &s)) return SMALLINT_FROM(__builtin_popcountll(small_abs(s)));
    mpz_srcptr z = INT_Z(self);
    mpz_t a;
    mpz_roinit_n(a, mpz_limbs_read(z), (mp_size_t)mpz_size(z));
    return int_from_u64(mpz_popcount(a));
}

// "little" -> 1, "big" -> 0, -1 with an exception otherwise.
static int parse_byteorder(obj_t *v, const char *fname) {
    if (!v) return 0;
    if (!STR_CHECK(v)) {
        err_format(exc_TypeError, "%s() argument 'byteorder' must be str, not %T", fname, v);
        return -1;
    }
    if (str_eq_cstr(v, "little")) return 1;
    if (str_eq_cstr(v, "big")) return 0;
    err_set_str(exc_ValueError, "byteorder must be either 'little' or 'big'");
    return -1;
}

static obj_t *int_to_bytes(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"length", "byteorder", "$signed", NULL};
    obj_t *out[3] = {NULL, NULL, NULL};
    if (args_parse("to_bytes", args, nargs, kwnames, names, 0, out) < 0) return NULL;
    int64_t length = 1;
    if (out[0]) {
        obj_t *li = obj_index(out[0]);
        if (!li) return NULL;
        int rc = int_as_i64(li, &length);
        DECREF(li);
        if (rc < 0) {
            err_clear();
            err_set_str(exc_OverflowError, "Python int too large to convert to C ssize_t");
            return NULL;
        }
        if (length < 0) {
            err_set_str(exc_ValueError, "length argument must be non-negative");
            return NULL;
        }
    }
    int little = parse_byteorder(out[1], "to_bytes");
    if (little < 0) return NULL;
    int is_signed = out[2] ? obj_is_true(out[2]) : 0;
    if (is_signed < 0) return NULL;
    // CPython allocates the result before converting: its size errors come
    // first (the bytes header is 33 bytes there).
    if ((uint64_t)length > (uint64_t)PTRDIFF_MAX - 33) {
        err_set_str(exc_OverflowError, "byte string is too large");
        return NULL;
    }
    if (obj_alloc_too_big((size_t)length + 1)) return err_no_memory();
    zview_t t;
    mpz_srcptr z = int_zview(self, &t);
    if (mpz_sgn(z) < 0 && !is_signed) {
        err_set_str(exc_OverflowError, "can't convert negative int to unsigned");
        return NULL;
    }
    // Bits needed: two's complement needs one more for the sign.
    mpz_t w;
    mpz_init(w);
    if (mpz_sgn(z) < 0)
        mpz_com(w, z); // -z - 1
    else
        mpz_set(w, z);
    uint64_t need = mpz_sgn(w) ? mpz_sizeinbase(w, 2) : 0;
    if (is_signed) need++;
    if (need > (uint64_t)length * 8) {
        mpz_clear(w);
        err_set_str(exc_OverflowError, "int too big to convert");
        return NULL;
    }
    unsigned char *buf = calloc((size_t)length + 1, 1);
    if (!buf) {
        mpz_clear(w);
        return err_no_memory();
    }
    mpz_fdiv_r_2exp(w, z, (mp_bitcnt_t)(length * 8)); // two's complement image
    size_t count = 0;
    if (mpz_sgn(w)) mpz_export(buf, &count, -1, 1, 0, 0, w); // little-endian bytes
    mpz_clear(w);
    if (!little) {
        for (int64_t i = 0, j = length - 1; i < j; i++, j--) {
            unsigned char c = buf[i];
            buf[i] = buf[j];
            buf[j] = c;
        }
    }
    obj_t *r = bytes_from(buf, (size_t)length);
    free(buf);
    return r;
}

static obj_t *int_from_bytes(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"bytes", "byteorder", "$signed", NULL};
    obj_t *out[3] = {NULL, NULL, NULL};
    if (args_parse("from_bytes", args, nargs, kwnames, names, 1, out) < 0) return NULL;
    int little = parse_byteorder(out[1], "from_bytes");
    if (little < 0) return NULL;
    int is_signed = out[2] ? obj_is_true(out[2]) : 0;
    if (is_signed < 0) return NULL;
    obj_t *src = out[0];
    unsigned char *tmp = NULL;
    const unsigned char *data;
    size_t len = 0;
    obj_t *snap = NULL; // a bytes snapshot of a bytearray or memoryview
    if (!BYTES_CHECK(src) && buffer_check(src)) {
        snap = MEMORYVIEW_CHECK(src) ? memoryview_tobytes(src) : buffer_as_bytes(src);
        if (!snap) return NULL;
        src = snap;
    }
    if (BYTES_CHECK(src)) {
        data = bytes_data(src);
        len = bytes_len(src);
    } else {
        if (STR_CHECK(src)) {
            err_format(exc_TypeError, "cannot convert '%T' object to bytes", src);
            return NULL;
        }
        obj_t *it = obj_iter(src);
        if (!it) {
            if (err_matches(exc_TypeError)) {
                err_clear();
                err_format(exc_TypeError, "cannot convert '%T' object to bytes", src);
            }
            return NULL;
        }
        size_t cap = 16;
        tmp = malloc(cap);
        if (!tmp) {
            DECREF(it);
            return err_no_memory();
        }
        obj_t *item;
        while ((item = obj_iternext(it)) != NULL) {
            obj_t *iv = obj_index(item);
            DECREF(item);
            int64_t b = -1;
            if (iv) {
                if (int_as_i64(iv, &b) < 0) err_clear(), b = -1;
                DECREF(iv);
                if (b < 0 || b > 255) err_set_str(exc_ValueError, "bytes must be in range(0, 256)");
            }
            if (err_occurred()) break;
            if (len == cap) {
                unsigned char *n = realloc(tmp, cap * 2);
                if (!n) {
                    err_no_memory();
                    break;
                }
                tmp = n;
                cap *= 2;
            }
            tmp[len++] = (unsigned char)b;
        }
        DECREF(it);
        if (err_occurred()) {
            free(tmp);
            return NULL;
        }
        data = tmp;
    }
    mpz_t z;
    mpz_init(z);
    if (len) mpz_import(z, len, little ? -1 : 1, 1, 0, 0, data);
    if (is_signed && len && (data[little ? len - 1 : 0] & 0x80)) {
        mpz_t p;
        mpz_init(p);
        mpz_setbit(p, (mp_bitcnt_t)(len * 8));
        mpz_sub(z, z, p);
        mpz_clear(p);
    }
    free(tmp);
    XDECREF(snap);
    obj_t *r = int_from_mpz_move(z);
    if (r && cls != (obj_t *)&int_type) {
        obj_t *c = obj_call1(cls, r);
        DECREF(r);
        r = c;
    }
    return r;
}

static obj_t *int_self_int(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("int.conjugate", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_pos(self);
}

static obj_t *int_trunc_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("int.__trunc__", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_pos(self);
}

static obj_t *int_floor_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("int.__floor__", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_pos(self);
}

static obj_t *int_ceil_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("int.__ceil__", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_pos(self);
}

static obj_t *int_as_integer_ratio(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("int.as_integer_ratio", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *n = int_pos(self);
    if (!n) return NULL;
    obj_t *r = tuple_pack(2, n, SMALLINT_FROM(1));
    DECREF(n);
    return r;
}

static obj_t *int_getnewargs(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("int.__getnewargs__", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *n = int_pos(self);
    if (!n) return NULL;
    obj_t *r = tuple_pack(1, n);
    DECREF(n);
    return r;
}

static obj_t *int_round(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__round__", nargs, kwnames, 0, 1) < 0) return NULL;
    if (nargs == 0 || args[0] == None) return int_pos(self);
    obj_t *nd = obj_index(args[0]);
    if (!nd) return NULL;
    int sign = int_sign(nd);
    if (sign >= 0) {
        DECREF(nd);
        return int_pos(self);
    }
    // Round half to even to a multiple of 10**-ndigits.
    zview_t tv, tn;
    mpz_srcptr z = int_zview(self, &tv);
    mpz_srcptr zn = int_zview(nd, &tn);
    size_t digits = mpz_sizeinbase(z, 10);
    if (mpz_cmpabs_ui(zn, digits + 1) > 0) { // 10**k > 2*|self|: rounds to 0
        DECREF(nd);
        return SMALLINT_FROM(0);
    }
    unsigned long k = (unsigned long)mpz_getlimbn(zn, 0); // |ndigits|, small after the check
    DECREF(nd);
    mpz_t p, q, r, twice;
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, k);
    mpz_init(q);
    mpz_init(r);
    mpz_fdiv_qr(q, r, z, p);
    mpz_init(twice);
    mpz_mul_2exp(twice, r, 1);
    int c = mpz_cmp(twice, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    mpz_mul(q, q, p);
    mpz_clear(p);
    mpz_clear(r);
    mpz_clear(twice);
    return int_from_mpz_move(q);
}

static obj_t *int_divmod_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("__divmod__", kwnames) < 0) return NULL;
    if (nargs != 1) {
        err_format(exc_TypeError, "expected 1 argument, got %zu", nargs);
        return NULL;
    }
    return int_divmod(self, args[0]);
}

static obj_t *int_rdivmod_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("__rdivmod__", kwnames) < 0) return NULL;
    if (nargs != 1) {
        err_format(exc_TypeError, "expected 1 argument, got %zu", nargs);
        return NULL;
    }
    return int_divmod(args[0], self);
}

static obj_t *int_format_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__format__", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *spec = args[0];
    if (!STR_CHECK(spec)) {
        err_format(exc_TypeError, "__format__() argument must be str, not %T", spec);
        return NULL;
    }
    if (str_nbytes(spec) == 0) return obj_str(self);
    obj_t *v = int_pos(self); // bools format as 0/1
    if (!v) return NULL;
    obj_t *r = format_int(v, spec);
    DECREF(v);
    return r;
}

static obj_t *int_sizeof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("int.__sizeof__", nargs, kwnames, 0, 0) < 0) return NULL;
    // CPython's layout: a 24-byte header plus one 4-byte digit per 30 bits.
    zview_t t;
    mpz_srcptr z = int_zview(self, &t);
    size_t bits = mpz_sgn(z) ? mpz_sizeinbase(z, 2) : 0;
    size_t ndigits = bits ? (bits + 29) / 30 : 1; // 0 still holds one digit
    return int_from_u64(24 + 4 * ndigits);
}

static const method_def_t int_methods[] = {
    {"bit_length", int_bit_length, METH_DEFAULT,
     "Number of bits necessary to represent self in binary."},
    {"bit_count", int_bit_count, METH_DEFAULT,
     "Number of ones in the binary representation of the absolute value of self."},
    {"to_bytes", int_to_bytes, METH_DEFAULT, "Return an array of bytes representing an integer."},
    {"from_bytes", int_from_bytes, METH_CLASS,
     "Return the integer represented by the given array of bytes."},
    {"conjugate", int_self_int, METH_DEFAULT, "Returns self, the complex conjugate of any int."},
    {"as_integer_ratio", int_as_integer_ratio, METH_DEFAULT, "Return integer ratio."},
    {"__trunc__", int_trunc_m, METH_DEFAULT, "Truncating an Integral returns itself."},
    {"__floor__", int_floor_m, METH_DEFAULT, "Flooring an Integral returns itself."},
    {"__ceil__", int_ceil_m, METH_DEFAULT, "Ceiling of an Integral returns itself."},
    {"__round__", int_round, METH_DEFAULT, "Rounding an Integral returns itself."},
    {"__divmod__", int_divmod_m, METH_DEFAULT, "Return divmod(self, value)."},
    {"__rdivmod__", int_rdivmod_m, METH_DEFAULT, "Return divmod(value, self)."},
    {"__format__", int_format_m, METH_DEFAULT, NULL},
    {"__getnewargs__", int_getnewargs, METH_DEFAULT, NULL},
    {"__sizeof__", int_sizeof, METH_DEFAULT, "Returns size in memory, in bytes."},
    {NULL, NULL, 0, NULL}};

// ---- getsets --------------------------------------------------------------------------------

static obj_t *int_get_self(obj_t *self, void *closure) {
    return int_pos(self);
}
static obj_t *int_get_zero(obj_t *self, void *closure) {
    return SMALLINT_FROM(0);
}
static obj_t *int_get_one(obj_t *self, void *closure) {
    return SMALLINT_FROM(1);
}

static const getset_def_t int_getsets[] = {{"real", int_get_self, NULL, NULL},
                                           {"imag", int_get_zero, NULL, NULL},
                                           {"numerator", int_get_self, NULL, NULL},
                                           {"denominator", int_get_one, NULL, NULL},
                                           {NULL, NULL, NULL, NULL}};

type_t int_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "int",
    .basicsize = sizeof(int_t),
    // TPFLAG_BASETYPE is off: subclassing int from Python is not supported yet.
    .flags = TPFLAG_INT_SUBCLASS | TPFLAG_LEAF,
    .base = &object_type,
    .dealloc = int_dealloc,
    .repr = int_repr,
    .hash = int_hash,
    .richcompare = int_compare,
    .tp_new = int_tp_new,
    .nb =
        {
            [BINOP_ADD] = int_add,
            [BINOP_SUB] = int_sub,
            [BINOP_MUL] = int_mul,
            [BINOP_TRUEDIV] = int_truediv,
            [BINOP_FLOORDIV] = int_floordiv,
            [BINOP_MOD] = int_mod,
            [BINOP_POW] = int_pow,
            [BINOP_LSHIFT] = int_lshift,
            [BINOP_RSHIFT] = int_rshift,
            [BINOP_AND] = int_and,
            [BINOP_OR] = int_or,
            [BINOP_XOR] = int_xor,
        },
    .nb_neg = int_neg,
    .nb_pos = int_pos,
    .nb_abs = int_abs,
    .nb_invert = int_invert,
    .nb_bool = int_bool,
    .nb_int = int_pos,
    .nb_float = int_float,
    .nb_index = int_pos,
    .methods = int_methods,
    .getsets = int_getsets,
    .doc = "int([x]) -> integer\nint(x, base=10) -> integer\n\nConvert a number or string to an "
           "integer, or return 0 if no arguments are given.",
};
