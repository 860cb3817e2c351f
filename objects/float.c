/*
 * objects/float.c — float: a boxed C double.
 *
 * repr is CPython's: the shortest digit string that round-trips (found by
 * trying 15, 16 and 17 significant digits: any string of <= 15 digits
 * round-trips, so the 15-digit rounding stripped of trailing zeros is the
 * shortest when it round-trips), laid out in plain notation for decimal
 * exponents -4 <= e < 16 and in exponent notation otherwise.
 *
 * Arithmetic accepts ints on either side (converted exactly when they fit,
 * correctly rounded otherwise, OverflowError "int too large to convert to
 * float" when they do not); comparisons with ints are exact
 * (int_cmp_double).  // and % follow Python's sign rules (CPython's
 * float_divmod).  Floats are immutable: nothing here locks.
 *
 * float is subclassable (fixed layout: floatobj_t); results of arithmetic
 * on subclass instances are plain floats.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "bytes.h"
#include "complex.h"
#include "int_impl.h"
#include "str.h"
#include "tuple.h"

obj_t *float_from_double(double d) {
    floatobj_t *f = (floatobj_t *)obj_alloc(&float_type, sizeof(floatobj_t));
    if (!f) return NULL;
    f->value = d;
    return (obj_t *)f;
}

static void float_dealloc(obj_t *o) {
    obj_free(o);
}

// ---- repr ------------------------------------------------------------------------------

// The shortest repr is the shortest digit string that reads back as d, which
// need not be the correctly rounded one: near a power of two the gap below d
// is half the gap above, so the rounded string can miss d while its
// neighbour on the other side (one unit in the last digit) reads back.
// Tries that neighbour in place on "[-]D.DDDe[+-]XX"; true if it reads back.
static bool repr_try_other_neighbour(char *tmp, double d) {
    char alt[48];
    strcpy(alt, tmp);
    char *e = strchr(alt, 'e');
    char *first = alt[0] == '-' ? alt + 1 : alt;
    bool up = (strtod(tmp, NULL) < d) != (alt[0] == '-');
    for (char *p = e - 1; p >= first; p--) {
        if (*p == '.') continue;
        if (up ? *p < '9' : *p > '0') {
            *p += up ? 1 : -1;
            if (p == first && *p == '0') return false; // leading digit gone
            if (strtod(alt, NULL) != d) return false;
            strcpy(tmp, alt);
            return true;
        }
        *p = up ? '0' : '9';
    }
    return false; // carry past the leading digit
}

int float_repr_buf(double d, char *buf, size_t size) {
    if (isnan(d)) return snprintf(buf, size, "nan");
    if (isinf(d)) return snprintf(buf, size, d > 0 ? "inf" : "-inf");
    if (d == 0.0) return snprintf(buf, size, signbit(d) ? "-0.0" : "0.0");
    char tmp[48];
    // Subnormals have fewer significant bits: search from 1 digit there.
    for (int prec = fabs(d) < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
        if (prec == 17 || strtod(tmp, NULL) == d || repr_try_other_neighbour(tmp, d)) break;
    }
    // tmp is [-]D.DDDDe[+-]XX
    const char *p = tmp;
    bool neg = false;
    if (*p == '-') {
        neg = true;
        p++;
    }
    char digits[24];
    int nd = 0;
    digits[nd++] = *p++;
    if (*p == '.') {
        p++;
        while (*p != 'e')
            digits[nd++] = *p++;
    }
    p++; // 'e'
    int exp = atoi(p);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    char out[64];
    int n = 0;
    if (neg) out[n++] = '-';
    if (exp >= -4 && exp < 16) {
        if (exp >= 0) {
            for (int i = 0; i <= exp; i++)
                out[n++] = i < nd ? digits[i] : '0';
            out[n++] = '.';
            if (nd > exp + 1) {
                for (int i = exp + 1; i < nd; i++)
                    out[n++] = digits[i];
            } else {
                out[n++] = '0';
            }
        } else {
            out[n++] = '0';
            out[n++] = '.';
            for (int i = 0; i < -exp - 1; i++)
                out[n++] = '0';
            for (int i = 0; i < nd; i++)
                out[n++] = digits[i];
        }
    } else {
        out[n++] = digits[0];
        if (nd > 1) {
            out[n++] = '.';
            for (int i = 1; i < nd; i++)
                out[n++] = digits[i];
        }
        n += snprintf(out + n, sizeof out - (size_t)n, "e%c%02d", exp < 0 ? '-' : '+',
                      exp < 0 ? -exp : exp);
    }
    out[n] = '\0';
    return snprintf(buf, size, "%s", out);
}

obj_t *float_repr(obj_t *v) {
    char buf[64];
    int n = float_repr_buf(float_value(v), buf, sizeof buf);
    return str_from_utf8_trusted(buf, (size_t)n);
}

// ---- hashing ---------------------------------------------------------------------------

#define HASH_BITS    61
#define HASH_MODULUS ((UINT64_C(1) << HASH_BITS) - 1)
#define HASH_INF     314159

hash_t float_hash(double v) {
    if (!isfinite(v)) {
        if (isinf(v)) return v > 0 ? HASH_INF : -HASH_INF;
        return 0; // nan: the object hash uses identity (float_hash_slot)
    }
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0; // 2**28
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= HASH_MODULUS) x -= HASH_MODULUS;
    }
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
    x = x * (uint64_t)(int64_t)sign;
    if (x == (uint64_t)-1) x = (uint64_t)-2;
    return (hash_t)x;
}

static hash_t float_hash_slot(obj_t *v) {
    double d = float_value(v);
    if (isnan(d)) return obj_generic_hash(v); // identity based since 3.10
    return float_hash(d);
}

// ---- conversions -----------------------------------------------------------------------

static obj_t *int_too_large(void) {
    err_set_str(exc_OverflowError, "int too large to convert to float");
    return NULL;
}

// FLOAT_CHECK with the exact type tested first (the common case).
static inline bool is_float(obj_t *v) {
    return !IS_SMALLINT(v) &&
           (v->ob_type == &float_type || type_is_subtype(v->ob_type, &float_type));
}

// 1 with *out set, 0 if v is not a float or int, -1 on error.
static int to_double(obj_t *v, double *out) {
    if (IS_SMALLINT(v)) {
        *out = (double)SMALLINT_VALUE(v);
        return 1;
    }
    if (is_float(v)) {
        *out = float_value(v);
        return 1;
    }
    if (INT_CHECK(v)) {
        int ov;
        *out = int_as_double(v, &ov);
        if (ov) {
            int_too_large();
            return -1;
        }
        return 1;
    }
    return 0;
}

static bool ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

static bool match_word(const char *p, const char *end, const char *w) {
    size_t n = strlen(w);
    if ((size_t)(end - p) != n) return false;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 0x20) != w[i]) return false;
    return true;
}

int float_parse_text(const char *s, size_t len, double *out) {
    const char *p = s, *end = s + len;
    while (p < end && ascii_space(*p))
        p++;
    while (end > p && ascii_space(end[-1]))
        end--;
    if (p == end) return -1;
    bool neg = false;
    const char *body = p;
    if (*p == '+' || *p == '-') {
        neg = *p == '-';
        p++;
    }
    if (match_word(p, end, "inf") || match_word(p, end, "infinity")) {
        *out = neg ? -HUGE_VAL : HUGE_VAL;
        return 0;
    }
    if (match_word(p, end, "nan")) {
        *out = neg ? -NAN : NAN;
        return 0;
    }
    // Validate [digits][.digits][(e|E)[sign]digits], '_' only between digits.
    size_t mant_digits = 0;
    const char *q = p;
    for (; q < end; q++) {
        if (is_digit(*q)) {
            mant_digits++;
        } else if (*q == '_') {
            if (q == p || !is_digit(q[-1]) || q + 1 >= end || !is_digit(q[1])) return -1;
        } else {
            break;
        }
    }
    if (q < end && *q == '.') {
        q++;
        const char *fs = q;
        for (; q < end; q++) {
            if (is_digit(*q)) {
                mant_digits++;
            } else if (*q == '_') {
                if (q == fs || !is_digit(q[-1]) || q + 1 >= end || !is_digit(q[1])) return -1;
            } else {
                break;
            }
        }
    }
    if (mant_digits == 0) return -1;
    if (q < end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < end && (*q == '+' || *q == '-')) q++;
        const char *es = q;
        size_t ed = 0;
        for (; q < end; q++) {
            if (is_digit(*q)) {
                ed++;
            } else if (*q == '_') {
                if (q == es || !is_digit(q[-1]) || q + 1 >= end || !is_digit(q[1])) return -1;
            } else {
                break;
            }
        }
        if (ed == 0) return -1;
    }
    if (q != end) return -1;
    size_t n = (size_t)(end - body);
    char small[128];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf) return -1;
    size_t k = 0;
    for (const char *c = body; c < end; c++)
        if (*c != '_') buf[k++] = *c;
    buf[k] = '\0';
    *out = strtod(buf, NULL); // correctly rounded; overflow gives +-inf as CPython
    if (buf != small) free(buf);
    return 0;
}

static obj_t *parse_float_object(obj_t *v) {
    double d;
    int rc;
    if (STR_CHECK(v)) {
        if (((str_t *)v)->ascii) {
            rc = float_parse_text(str_data(v), str_nbytes(v), &d);
        } else {
            size_t n;
            char *text = num_ascii_text(v, &n);
            if (!text) return NULL;
            rc = float_parse_text(text, n, &d);
            free(text);
        }
    } else {
        rc = float_parse_text((const char *)bytes_data(v), bytes_len(v), &d);
    }
    if (rc < 0) {
        err_format(exc_ValueError, "could not convert string to float: %R", v);
        return NULL;
    }
    return float_from_double(d);
}

static obj_t *call_dunder(obj_t *v, const char *name, bool *found) {
    obj_t *f = type_lookup(TYPE(v), str_intern(name));
    *found = f != NULL;
    if (!f) return NULL;
    return obj_call1(f, v);
}

static obj_t *check_float_result(obj_t *v, obj_t *r) {
    if (!r) return NULL;
    if (FLOAT_EXACT(r)) return r;
    if (!FLOAT_CHECK(r)) {
        err_format(exc_TypeError, "%T.__float__ returned non-float (type %T)", v, r);
        DECREF(r);
        return NULL;
    }
    obj_t *f = float_from_double(float_value(r));
    DECREF(r);
    return f;
}

static obj_t *index_to_float(obj_t *i) {
    if (!i) return NULL;
    int ov;
    double d = int_as_double(i, &ov);
    DECREF(i);
    if (ov) return int_too_large();
    return float_from_double(d);
}

obj_t *float_from_object(obj_t *v) {
    if (FLOAT_EXACT(v)) return NEWREF(v);
    if (STR_CHECK(v) || BYTES_CHECK(v)) return parse_float_object(v);
    if (buffer_check(v)) { // bytearray, memoryview: parsed from a snapshot
        obj_t *b = buffer_as_bytes(v);
        if (!b) return NULL;
        obj_t *r = parse_float_object(b);
        DECREF(b);
        if (!r && err_matches(exc_ValueError)) {
            err_clear();
            err_format(exc_ValueError, "could not convert string to float: %R", v);
        }
        return r;
    }
    type_t *t = TYPE(v);
    if (t->nb_float) return check_float_result(v, t->nb_float(v));
    if (t->nb_index) return index_to_float(obj_index(v));
    bool found;
    obj_t *r = call_dunder(v, "__float__", &found);
    if (found) return check_float_result(v, r);
    if (type_lookup(t, str_intern("__index__"))) return index_to_float(obj_index(v));
    err_format(exc_TypeError, "float() argument must be a string or a real number, not '%T'", v);
    return NULL;
}

double float_as_double(obj_t *v) {
    double d;
    int rc = to_double(v, &d);
    if (rc > 0) return d;
    if (rc < 0) return -1.0;
    type_t *t = TYPE(v);
    bool has = t->nb_float || t->nb_index || type_lookup(t, str_intern("__float__")) ||
               type_lookup(t, str_intern("__index__"));
    if (!has) {
        err_format(exc_TypeError, "must be real number, not %T", v);
        return -1.0;
    }
    obj_t *f = float_from_object(v);
    if (!f) return -1.0;
    d = float_value(f);
    DECREF(f);
    return d;
}

// ---- arithmetic ------------------------------------------------------------------------

#define DOUBLE_IS_ODD_INTEGER(x) (fmod(fabs(x), 2.0) == 1.0)

obj_t *float_pow_doubles(double iv, double iw) {
    bool negate_result = false;
    if (iw == 0) return float_from_double(1.0);
    if (isnan(iv)) return float_from_double(iv);
    if (isnan(iw)) return float_from_double(iv == 1.0 ? 1.0 : iw);
    if (isinf(iw)) {
        iv = fabs(iv);
        if (iv == 1.0) return float_from_double(1.0);
        if ((iw > 0.0) == (iv > 1.0)) return float_from_double(fabs(iw));
        return float_from_double(0.0);
    }
    if (isinf(iv)) {
        bool odd = DOUBLE_IS_ODD_INTEGER(iw);
        if (iw > 0.0) return float_from_double(odd ? iv : fabs(iv));
        return float_from_double(odd ? copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        bool odd = DOUBLE_IS_ODD_INTEGER(iw);
        if (iw < 0.0) {
            err_set_str(exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return NULL;
        }
        return float_from_double(odd ? iv : 0.0);
    }
    if (iv < 0.0) {
        if (iw != floor(iw)) {
            // A negative number to a fractional power is complex.
            complex_value_t a = {iv, 0.0}, b = {iw, 0.0};
            return complex_pow_values(a, b);
        }
        iv = -iv;
        negate_result = DOUBLE_IS_ODD_INTEGER(iw);
    }
    if (iv == 1.0) return float_from_double(negate_result ? -1.0 : 1.0);
    errno = 0;
    double ix = pow(iv, iw);
    int err = errno;
    if (err == 0 && isinf(ix))
        err = ERANGE;
    else if (err == ERANGE && ix == 0.0)
        err = 0;
    if (negate_result) ix = -ix;
    if (err) {
        obj_t *msg = str_from_cstr(strerror(err));
        if (!msg) return NULL;
        obj_t *args = tuple_pack(2, SMALLINT_FROM(err), msg);
        DECREF(msg);
        if (!args) return NULL;
        err_set(err == ERANGE ? exc_OverflowError : exc_ValueError, args);
        DECREF(args);
        return NULL;
    }
    return float_from_double(ix);
}

// CPython's float_divmod; returns 0 or -1 (ZeroDivisionError with `msg`).
static int divmod_doubles(double vx, double wx, double *floordiv, double *mod, const char *msg) {
    if (wx == 0.0) {
        err_set_str(exc_ZeroDivisionError, msg);
        return -1;
    }
    double m = fmod(vx, wx);
    double div = (vx - m) / wx;
    if (m) {
        if ((wx < 0) != (m < 0)) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = copysign(0.0, wx);
    }
    double fd;
    if (div) {
        fd = floor(div);
        if (div - fd > 0.5) fd += 1.0;
    } else {
        fd = copysign(0.0, vx / wx);
    }
    *floordiv = fd;
    *mod = m;
    return 0;
}

obj_t *float_binop(obj_t *a, obj_t *b, binop_t op) {
    double x, y;
    int rc = to_double(a, &x);
    if (rc <= 0) return rc < 0 ? NULL : NEWREF(NotImplemented);
    rc = to_double(b, &y);
    if (rc <= 0) return rc < 0 ? NULL : NEWREF(NotImplemented);
    double fd, m;
    switch (op) {
    case BINOP_ADD: return float_from_double(x + y);
    case BINOP_SUB: return float_from_double(x - y);
    case BINOP_MUL: return float_from_double(x * y);
    case BINOP_TRUEDIV:
        if (y == 0.0) {
            err_set_str(exc_ZeroDivisionError, "float division by zero");
            return NULL;
        }
        return float_from_double(x / y);
    case BINOP_FLOORDIV:
        if (divmod_doubles(x, y, &fd, &m, "float floor division by zero") < 0) return NULL;
        return float_from_double(fd);
    case BINOP_MOD:
        if (y == 0.0) {
            err_set_str(exc_ZeroDivisionError, "float modulo");
            return NULL;
        }
        m = fmod(x, y);
        if (m) {
            if ((y < 0) != (m < 0)) m += y;
        } else {
            m = copysign(0.0, y);
        }
        return float_from_double(m);
    case BINOP_POW: return float_pow_doubles(x, y);
    default: return NEWREF(NotImplemented);
    }
}

obj_t *float_divmod(obj_t *a, obj_t *b) {
    double x, y, fd, m;
    int rc = to_double(a, &x);
    if (rc <= 0) return rc < 0 ? NULL : NEWREF(NotImplemented);
    rc = to_double(b, &y);
    if (rc <= 0) return rc < 0 ? NULL : NEWREF(NotImplemented);
    if (divmod_doubles(x, y, &fd, &m, "float divmod()") < 0) return NULL;
    obj_t *q = float_from_double(fd);
    obj_t *r = float_from_double(m);
    obj_t *res = NULL;
    if (q && r) res = tuple_pack(2, q, r);
    XDECREF(q);
    XDECREF(r);
    return res;
}

#define FLOAT_BINOP(name, op)                                                                      \
    static obj_t *name(obj_t *a, obj_t *b) {                                                       \
        return float_binop(a, b, op);                                                              \
    }
FLOAT_BINOP(float_add, BINOP_ADD)
FLOAT_BINOP(float_sub, BINOP_SUB)
FLOAT_BINOP(float_mul, BINOP_MUL)
FLOAT_BINOP(float_truediv, BINOP_TRUEDIV)
FLOAT_BINOP(float_floordiv, BINOP_FLOORDIV)
FLOAT_BINOP(float_mod, BINOP_MOD)
FLOAT_BINOP(float_pow, BINOP_POW)

static obj_t *float_neg(obj_t *v) {
    return float_from_double(-float_value(v));
}
static obj_t *float_pos(obj_t *v) {
    return FLOAT_EXACT(v) ? NEWREF(v) : float_from_double(float_value(v));
}
static obj_t *float_abs(obj_t *v) {
    return float_from_double(fabs(float_value(v)));
}
static int float_bool(obj_t *v) {
    return float_value(v) != 0.0;
}
static obj_t *float_int(obj_t *v) {
    return int_from_double(float_value(v));
}

static obj_t *cmp_result(int c, int op) {
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

static obj_t *float_compare(obj_t *a, obj_t *b, int op) {
    if (!is_float(a)) return NEWREF(NotImplemented);
    double x = float_value(a);
    int c;
    if (is_float(b)) {
        double y = float_value(b);
        if (isnan(x) || isnan(y)) return bool_from(op == CMP_NE_OP);
        c = (x > y) - (x < y);
    } else if (INT_CHECK(b)) {
        c = int_cmp_double(b, x);
        if (c == 2) return bool_from(op == CMP_NE_OP);
        c = -c;
    } else {
        return NEWREF(NotImplemented);
    }
    return cmp_result(c, op);
}

// ---- float() ---------------------------------------------------------------------------

static obj_t *float_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (kwnames && TUPLE_CHECK(kwnames) && ((tuple_t *)kwnames)->size > 0) {
        err_set_str(exc_TypeError, "float() takes no keyword arguments");
        return NULL;
    }
    if (nargs > 1) {
        err_format(exc_TypeError, "float expected at most 1 argument, got %zu", nargs);
        return NULL;
    }
    obj_t *f = nargs ? float_from_object(args[0]) : float_from_double(0.0);
    if (!f || type == &float_type) return f;
    double d = float_value(f);
    DECREF(f);
    obj_t *o = obj_alloc(type, type->basicsize);
    if (!o) return NULL;
    ((floatobj_t *)o)->value = d;
    return o;
}

// ---- methods ----------------------------------------------------------------------------

static obj_t *float_is_integer(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("float.is_integer", nargs, kwnames, 0, 0) < 0) return NULL;
    double x = float_value(self);
    return bool_from(isfinite(x) && floor(x) == x);
}

static obj_t *float_as_integer_ratio(obj_t *self, obj_t *const *args, size_t nargs,
                                     obj_t *kwnames) {
    if (args_check("float.as_integer_ratio", nargs, kwnames, 0, 0) < 0) return NULL;
    double x = float_value(self);
    if (isinf(x)) {
        err_set_str(exc_OverflowError, "cannot convert Infinity to integer ratio");
        return NULL;
    }
    if (isnan(x)) {
        err_set_str(exc_ValueError, "cannot convert NaN to integer ratio");
        return NULL;
    }
    int e;
    double f = frexp(x, &e);
    for (int i = 0; i < 300 && f != floor(f); i++) {
        f *= 2.0;
        e--;
    }
    mpz_t n, d;
    mpz_init_set_d(n, f);
    mpz_init_set_ui(d, 1);
    if (e > 0)
        mpz_mul_2exp(n, n, (mp_bitcnt_t)e);
    else
        mpz_mul_2exp(d, d, (mp_bitcnt_t)(-e));
    obj_t *no = int_from_mpz_move(n);
    obj_t *dobj = int_from_mpz_move(d);
    obj_t *r = NULL;
    if (no && dobj) r = tuple_pack(2, no, dobj);
    XDECREF(no);
    XDECREF(dobj);
    return r;
}

static obj_t *float_hex(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("float.hex", nargs, kwnames, 0, 0) < 0) return NULL;
    double x = float_value(self);
    char buf[64];
    if (isnan(x) || isinf(x)) {
        int n = float_repr_buf(x, buf, sizeof buf);
        return str_from_utf8_trusted(buf, (size_t)n);
    }
    if (x == 0.0) return str_from_cstr(copysign(1.0, x) == -1.0 ? "-0x0.0p+0" : "0x0.0p+0");
    static const char hexd[] = "0123456789abcdef";
    int e;
    double m = frexp(fabs(x), &e);
    int shift = 1 - (DBL_MIN_EXP - e > 0 ? DBL_MIN_EXP - e : 0);
    m = ldexp(m, shift);
    e -= shift;
    char s[32];
    int si = 0;
    s[si++] = hexd[(int)m];
    m -= (int)m;
    s[si++] = '.';
    for (int i = 0; i < (DBL_MANT_DIG - 1) / 4; i++) {
        m *= 16.0;
        int d = (int)m;
        m -= d;
        s[si++] = hexd[d];
    }
    s[si] = '\0';
    char esign = '+';
    if (e < 0) {
        esign = '-';
        e = -e;
    }
    int n = snprintf(buf, sizeof buf, "%s0x%sp%c%d", x < 0.0 ? "-" : "", s, esign, e);
    return str_from_utf8_trusted(buf, (size_t)n);
}

static obj_t *invalid_hex(void) {
    err_set_str(exc_ValueError, "invalid hexadecimal floating-point string");
    return NULL;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

static obj_t *fromhex_text(const char *s, size_t len) {
    const char *p = s, *end = s + len;
    while (p < end && ascii_space(*p))
        p++;
    while (end > p && ascii_space(end[-1]))
        end--;
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-')) neg = *p++ == '-';
    if (match_word(p, end, "inf") || match_word(p, end, "infinity"))
        return float_from_double(neg ? -HUGE_VAL : HUGE_VAL);
    if (match_word(p, end, "nan")) return float_from_double(neg ? -NAN : NAN);
    if (end - p >= 2 && p[0] == '0' && (p[1] | 0x20) == 'x') p += 2;
    const char *ds = p;
    while (p < end && hexval(*p) >= 0)
        p++;
    const char *de = p, *fs = p, *fe = p;
    if (p < end && *p == '.') {
        p++;
        fs = p;
        while (p < end && hexval(*p) >= 0)
            p++;
        fe = p;
    }
    size_t ndig = (size_t)(de - ds) + (size_t)(fe - fs);
    if (ndig == 0) return invalid_hex();
    long exp = 0;
    if (p < end && (*p | 0x20) == 'p') {
        p++;
        bool eneg = false;
        if (p < end && (*p == '+' || *p == '-')) eneg = *p++ == '-';
        const char *es = p;
        while (p < end && *p >= '0' && *p <= '9') {
            if (exp < (1L << 40)) exp = exp * 10 + (*p - '0');
            p++;
        }
        if (p == es) return invalid_hex();
        if (eneg) exp = -exp;
    }
    if (p != end) return invalid_hex();
    char *digits = malloc(ndig + 1);
    if (!digits) return err_no_memory();
    size_t k = 0;
    for (const char *c = ds; c < de; c++)
        digits[k++] = *c;
    for (const char *c = fs; c < fe; c++)
        digits[k++] = *c;
    digits[k] = '\0';
    mpz_t z;
    mpz_init(z);
    mpz_set_str(z, digits, 16);
    free(digits);
    int overflow;
    double d = int_mpz_ldexp(z, exp - 4 * (long)(fe - fs), &overflow);
    mpz_clear(z);
    if (overflow) {
        err_set_str(exc_OverflowError, "hexadecimal value too large to represent as a float");
        return NULL;
    }
    return float_from_double(neg ? -d : d);
}

static obj_t *float_fromhex(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("float.fromhex", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *s = args[0];
    if (!STR_CHECK(s)) {
        return err_bad_argument("float.fromhex");
    }
    obj_t *r = fromhex_text(str_data(s), str_nbytes(s));
    if (r && cls != (obj_t *)&float_type) {
        obj_t *c = obj_call1(cls, r);
        DECREF(r);
        r = c;
    }
    return r;
}

static obj_t *float_conjugate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("float.conjugate", nargs, kwnames, 0, 0) < 0) return NULL;
    return float_pos(self);
}

static obj_t *float_trunc_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("float.__trunc__", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_double(float_value(self));
}

static obj_t *float_floor_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("float.__floor__", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_double(floor(float_value(self)));
}

static obj_t *float_ceil_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("float.__ceil__", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_double(ceil(float_value(self)));
}

// round(x, ndigits) for finite x and ndigits < 0: exact half-even rounding to
// a multiple of 10**-ndigits.
static obj_t *round_negative(double x, int ndigits) {
    int e;
    double f = frexp(fabs(x), &e);
    mpz_t num, p, q, r, twice;
    mpz_init_set_d(num, ldexp(f, DBL_MANT_DIG)); // |x| = num * 2**(e - 53)
    long be = e - DBL_MANT_DIG;
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, (unsigned long)(-ndigits));
    mpz_init_set(q, p);
    if (be >= 0)
        mpz_mul_2exp(num, num, (mp_bitcnt_t)be);
    else
        mpz_mul_2exp(q, q, (mp_bitcnt_t)(-be)); // divisor 10**k * 2**-be
    mpz_init(r);
    mpz_fdiv_qr(num, r, num, q);
    mpz_init(twice);
    mpz_mul_2exp(twice, r, 1);
    int c = mpz_cmp(twice, q);
    if (c > 0 || (c == 0 && mpz_odd_p(num))) mpz_add_ui(num, num, 1);
    mpz_mul(num, num, p);
    int overflow;
    double d = int_mpz_ldexp(num, 0, &overflow);
    mpz_clear(num);
    mpz_clear(p);
    mpz_clear(q);
    mpz_clear(r);
    mpz_clear(twice);
    if (overflow) {
        err_set_str(exc_OverflowError, "rounded value too large to represent");
        return NULL;
    }
    return float_from_double(copysign(d, x));
}

static obj_t *float_round_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__round__", nargs, kwnames, 0, 1) < 0) return NULL;
    double x = float_value(self);
    if (nargs == 0 || args[0] == None) {
        double rounded = round(x);
        if (fabs(x - rounded) == 0.5) rounded = 2.0 * round(x / 2.0);
        return int_from_double(rounded);
    }
    obj_t *nd = obj_index(args[0]);
    if (!nd) return NULL;
    int64_t ndigits;
    if (int_as_i64(nd, &ndigits) < 0) {
        err_clear();
        ndigits = int_sign(nd) < 0 ? INT64_MIN : INT64_MAX;
    }
    DECREF(nd);
    if (!isfinite(x)) return float_from_double(x);
    const int ndigits_max = (int)((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103);
    const int ndigits_min = -(int)((DBL_MAX_EXP + 1) * 0.30103);
    if (ndigits > ndigits_max) return float_from_double(x);
    if (ndigits < ndigits_min) return float_from_double(0.0 * x);
    if (ndigits < 0) return round_negative(x, (int)ndigits);
    // printf rounds the exact binary value half-even, as CPython's dtoa mode 3.
    char buf[720];
    snprintf(buf, sizeof buf, "%.*f", (int)ndigits, x);
    double d = strtod(buf, NULL);
    if (isinf(d)) {
        err_set_str(exc_OverflowError, "rounded value too large to represent");
        return NULL;
    }
    return float_from_double(d);
}

static obj_t *float_divmod_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("__divmod__", kwnames) < 0) return NULL;
    if (nargs != 1) {
        err_format(exc_TypeError, "expected 1 argument, got %zu", nargs);
        return NULL;
    }
    return float_divmod(self, args[0]);
}

static obj_t *float_rdivmod_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("__rdivmod__", kwnames) < 0) return NULL;
    if (nargs != 1) {
        err_format(exc_TypeError, "expected 1 argument, got %zu", nargs);
        return NULL;
    }
    return float_divmod(args[0], self);
}

static obj_t *float_format_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__format__", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *spec = args[0];
    if (!STR_CHECK(spec)) {
        err_format(exc_TypeError, "__format__() argument must be str, not %T", spec);
        return NULL;
    }
    if (str_nbytes(spec) == 0) return obj_str(self);
    return format_float(float_value(self), spec);
}

static obj_t *float_getnewargs(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("float.__getnewargs__", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *f = float_from_double(float_value(self));
    if (!f) return NULL;
    obj_t *r = tuple_pack(1, f);
    DECREF(f);
    return r;
}

// float.__getformat__(typestr): the layout of C double/float (test.support
// reads it at import); pvm runs only on IEEE little-endian machines.
static obj_t *float_getformat(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__getformat__", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "__getformat__() argument must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    if (!str_eq_cstr(args[0], "double") && !str_eq_cstr(args[0], "float")) {
        err_set_str(exc_ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
        return NULL;
    }
    return str_from_cstr("IEEE, little-endian");
}

static const method_def_t float_methods[] = {
    {"__getformat__", float_getformat, METH_CLASS, NULL},
    {"is_integer", float_is_integer, METH_DEFAULT, "Return True if the float is an integer."},
    {"as_integer_ratio", float_as_integer_ratio, METH_DEFAULT, "Return integer ratio."},
    {"hex", float_hex, METH_DEFAULT,
     "Return a hexadecimal representation of a floating-point number."},
    {"fromhex", float_fromhex, METH_CLASS,
     "Create a floating-point number from a hexadecimal string."},
    {"conjugate", float_conjugate, METH_DEFAULT,
     "Return self, the complex conjugate of any float."},
    {"__trunc__", float_trunc_m, METH_DEFAULT, "Return the Integral closest to x between 0 and x."},
    {"__floor__", float_floor_m, METH_DEFAULT, "Return the floor as an Integral."},
    {"__ceil__", float_ceil_m, METH_DEFAULT, "Return the ceiling as an Integral."},
    {"__round__", float_round_m, METH_DEFAULT,
     "Return the Integral closest to x, rounding half toward even."},
    {"__divmod__", float_divmod_m, METH_DEFAULT, "Return divmod(self, value)."},
    {"__rdivmod__", float_rdivmod_m, METH_DEFAULT, "Return divmod(value, self)."},
    {"__format__", float_format_m, METH_DEFAULT, "Formats the float according to format_spec."},
    {"__getnewargs__", float_getnewargs, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL}};

static obj_t *float_get_real(obj_t *self, void *closure) {
    return float_pos(self);
}
static obj_t *float_get_imag(obj_t *self, void *closure) {
    return float_from_double(0.0);
}

static const getset_def_t float_getsets[] = {{"real", float_get_real, NULL, NULL},
                                             {"imag", float_get_imag, NULL, NULL},
                                             {NULL, NULL, NULL, NULL}};

type_t float_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "float",
    .basicsize = sizeof(floatobj_t),
    .flags = TPFLAG_BASETYPE | TPFLAG_LEAF,
    .base = &object_type,
    .dealloc = float_dealloc,
    .repr = float_repr, // no .str: str() goes through repr, so subclasses' __repr__ count
    .hash = float_hash_slot,
    .richcompare = float_compare,
    .tp_new = float_tp_new,
    .nb =
        {
            [BINOP_ADD] = float_add,
            [BINOP_SUB] = float_sub,
            [BINOP_MUL] = float_mul,
            [BINOP_TRUEDIV] = float_truediv,
            [BINOP_FLOORDIV] = float_floordiv,
            [BINOP_MOD] = float_mod,
            [BINOP_POW] = float_pow,
        },
    .nb_neg = float_neg,
    .nb_pos = float_pos,
    .nb_abs = float_abs,
    .nb_bool = float_bool,
    .nb_int = float_int,
    .nb_float = float_pos,
    .methods = float_methods,
    .getsets = float_getsets,
    .doc = "Convert a string or number to a floating point number, if possible.",
};
