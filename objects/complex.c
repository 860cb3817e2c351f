/*
 * objects/complex.c — complex: a boxed pair of C doubles.
 *
 * Behaviour is CPython 3.11's, observable to the bit:
 *  - Arithmetic mixes with int (converted like float(), OverflowError "int
 *    too large to convert to float"), float and complex on either side; any
 *    other operand gives NotImplemented, so `2 + 1j` reaches complex's slot
 *    after int's returns NotImplemented.  Division is Smith's algorithm
 *    (scale by the larger component of the divisor), as CPython's, so
 *    quotients round the same way.  A ** b with a real integral b, |b| <=
 *    100, is repeated squaring (exact for small Gaussian integers); other
 *    exponents go through polar form.  An infinite result part raises
 *    OverflowError "complex exponentiation"; zero to a negative or complex
 *    power raises ZeroDivisionError.
 *  - Only == and != are defined; ordering returns NotImplemented, so the
 *    generic TypeError names both types.
 *  - repr writes each part with float's shortest repr minus a trailing
 *    ".0" ("1j", "(1+2j)", "(-0-0j)", "(nan+infj)"); str is repr.
 *  - hash(complex(x, y)) = hash(x) + 1000003 * hash(y) (wrapping), so
 *    hash(complex(x, 0)) == hash(x); a NaN part hashes by identity.
 *  - complex() accepts numbers, objects with __complex__/__float__/
 *    __index__, or a string ("1+2j", " ( 1.5-3j ) ", "j", "-j",
 *    "inf+nanj"; underscores between digits) parsed by parse_text below.
 *
 * complex is immutable: nothing here locks.  It is subclassable (fixed
 * layout complexobj_t); arithmetic on subclass instances returns plain
 * complex.  The number formatting (format(z, spec)) lives in
 * objects/format.c (format_complex).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/import.h"
#include "complex.h"
#include "exceptions.h"
#include "float.h"
#include "int_impl.h"
#include "str.h"
#include "tuple.h"
#include "type_internal.h"

#define HASH_IMAG UINT64_C(1000003)

static obj_t *new_of_type(type_t *type, double real, double imag) {
    complexobj_t *c = (complexobj_t *)obj_alloc(type, type->basicsize);
    if (!c) return NULL;
    c->cval.real = real;
    c->cval.imag = imag;
    return (obj_t *)c;
}

obj_t *complex_from_doubles(double real, double imag) {
    return new_of_type(&complex_type, real, imag);
}

static obj_t *from_value(complex_value_t v) {
    return complex_from_doubles(v.real, v.imag);
}

static void complex_dealloc(obj_t *o) {
    obj_free(o);
}

// ---- repr and hash -----------------------------------------------------------------------

// One part as complex's repr writes it: float's repr without a trailing
// ".0", with a leading '+' when `sign` and the text has no '-'.
static size_t part_repr(double d, bool sign, char *out, size_t size) {
    char tmp[64];
    int n = float_repr_buf(d, tmp, sizeof tmp);
    if (n >= 2 && tmp[n - 2] == '.' && tmp[n - 1] == '0') n -= 2;
    tmp[n] = '\0';
    return (size_t)snprintf(out, size, "%s%s", sign && tmp[0] != '-' ? "+" : "", tmp);
}

static obj_t *complex_repr(obj_t *v) {
    complex_value_t c = complex_value(v);
    char re[72], im[72], buf[160];
    int n;
    if (c.real == 0.0 && !signbit(c.real)) {
        part_repr(c.imag, false, im, sizeof im);
        n = snprintf(buf, sizeof buf, "%sj", im);
    } else {
        part_repr(c.real, false, re, sizeof re);
        part_repr(c.imag, true, im, sizeof im);
        n = snprintf(buf, sizeof buf, "(%s%sj)", re, im);
    }
    return str_from_utf8_trusted(buf, (size_t)n);
}

static hash_t complex_hash(obj_t *v) {
    complex_value_t c = complex_value(v);
    // A NaN part hashes by identity, as float('nan') does since 3.10.
    uint64_t hr = (uint64_t)(isnan(c.real) ? obj_generic_hash(v) : float_hash(c.real));
    uint64_t hi = (uint64_t)(isnan(c.imag) ? obj_generic_hash(v) : float_hash(c.imag));
    hash_t h = (hash_t)(hr + HASH_IMAG * hi);
    return h == -1 ? -2 : h;
}

// ---- operand conversion --------------------------------------------------------------------

// 1 with *out set, 0 if v is not an int, float or complex, -1 on error.
static int to_complex(obj_t *v, complex_value_t *out) {
    out->imag = 0.0;
    if (IS_SMALLINT(v)) {
        out->real = (double)SMALLINT_VALUE(v);
        return 1;
    }
    if (COMPLEX_CHECK(v)) {
        *out = complex_value(v);
        return 1;
    }
    if (FLOAT_CHECK(v)) {
        out->real = float_value(v);
        return 1;
    }
    if (INT_CHECK(v)) {
        int ov;
        out->real = int_as_double(v, &ov);
        if (ov) {
            err_set_str(exc_OverflowError, "int too large to convert to float");
            return -1;
        }
        return 1;
    }
    return 0;
}

// ---- arithmetic ----------------------------------------------------------------------------

static complex_value_t c_prod(complex_value_t a, complex_value_t b) {
    complex_value_t r = {a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real};
    return r;
}

// a / b by Smith's method; *zero is set when b is 0 (the result is then 0).
static complex_value_t c_quot(complex_value_t a, complex_value_t b, bool *zero) {
    complex_value_t r;
    double abs_re = fabs(b.real), abs_im = fabs(b.imag);
    if (abs_re >= abs_im) {
        if (abs_re == 0.0) {
            *zero = true;
            r.real = r.imag = 0.0;
        } else {
            double ratio = b.imag / b.real;
            double denom = b.real + b.imag * ratio;
            r.real = (a.real + a.imag * ratio) / denom;
            r.imag = (a.imag - a.real * ratio) / denom;
        }
    } else if (abs_im >= abs_re) {
        double ratio = b.real / b.imag;
        double denom = b.real * ratio + b.imag;
        r.real = (a.real * ratio + a.imag) / denom;
        r.imag = (a.imag * ratio - a.real) / denom;
    } else {
        r.real = r.imag = NAN; // a NaN in b: neither comparison held
    }
    return r;
}

// x ** n for n >= 0 by binary powering.
static complex_value_t c_powu(complex_value_t x, long n) {
    complex_value_t r = {1.0, 0.0}, p = x;
    for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
        if (n & mask) r = c_prod(r, p);
        p = c_prod(p, p);
    }
    return r;
}

// a ** b through polar form; *zero is set for 0 ** (negative or complex).
static complex_value_t c_pow(complex_value_t a, complex_value_t b, bool *zero) {
    complex_value_t r;
    if (b.real == 0.0 && b.imag == 0.0) {
        r.real = 1.0;
        r.imag = 0.0;
    } else if (a.real == 0.0 && a.imag == 0.0) {
        if (b.imag != 0.0 || b.real < 0.0) *zero = true;
        r.real = r.imag = 0.0;
    } else {
        double vabs = hypot(a.real, a.imag);
        double len = pow(vabs, b.real);
        double at = atan2(a.imag, a.real);
        double phase = at * b.real;
        if (b.imag != 0.0) {
            len /= exp(at * b.imag);
            phase += b.imag * log(vabs);
        }
        r.real = len * cos(phase);
        r.imag = len * sin(phase);
    }
    return r;
}

obj_t *complex_pow_values(complex_value_t a, complex_value_t b) {
    bool zero = false;
    complex_value_t p;
    if (b.imag == 0.0 && b.real == floor(b.real) && fabs(b.real) <= 100.0) {
        long n = (long)b.real;
        complex_value_t one = {1.0, 0.0};
        p = n > 0 ? c_powu(a, n) : c_quot(one, c_powu(a, -n), &zero);
    } else {
        p = c_pow(a, b, &zero);
    }
    if (zero) {
        err_set_str(exc_ZeroDivisionError, "0.0 to a negative or complex power");
        return NULL;
    }
    if (isinf(p.real) || isinf(p.imag)) {
        err_set_str(exc_OverflowError, "complex exponentiation");
        return NULL;
    }
    return from_value(p);
}

static obj_t *complex_binop(obj_t *a, obj_t *b, binop_t op) {
    complex_value_t x, y, r;
    int rc = to_complex(a, &x);
    if (rc <= 0) return rc < 0 ? NULL : NEWREF(NotImplemented);
    rc = to_complex(b, &y);
    if (rc <= 0) return rc < 0 ? NULL : NEWREF(NotImplemented);
    bool zero = false;
    switch (op) {
    case BINOP_ADD:
        r.real = x.real + y.real;
        r.imag = x.imag + y.imag;
        break;
    case BINOP_SUB:
        r.real = x.real - y.real;
        r.imag = x.imag - y.imag;
        break;
    case BINOP_MUL: r = c_prod(x, y); break;
    case BINOP_TRUEDIV:
        r = c_quot(x, y, &zero);
        if (zero) {
            err_set_str(exc_ZeroDivisionError, "complex division by zero");
            return NULL;
        }
        break;
    case BINOP_POW: return complex_pow_values(x, y);
    default: return NEWREF(NotImplemented);
    }
    return from_value(r);
}

#define COMPLEX_BINOP(name, op)                                                                    \
    static obj_t *name(obj_t *a, obj_t *b) {                                                       \
        return complex_binop(a, b, op);                                                            \
    }
COMPLEX_BINOP(complex_add, BINOP_ADD)
COMPLEX_BINOP(complex_sub, BINOP_SUB)
COMPLEX_BINOP(complex_mul, BINOP_MUL)
COMPLEX_BINOP(complex_truediv, BINOP_TRUEDIV)
COMPLEX_BINOP(complex_pow, BINOP_POW)

static bool is_real_number(obj_t *v) {
    return INT_CHECK(v) || FLOAT_CHECK(v);
}

obj_t *complex_pow3(obj_t *base, obj_t *exp, obj_t *mod) {
    // CPython tries the power slot of each distinct operand type in turn:
    // float's refuses any modulus, complex's refuses one once both base and
    // exponent are numbers (int's gives NotImplemented: not all are ints).
    type_t *seen[3];
    int nseen = 0;
    obj_t *ops[3] = {base, exp, mod};
    for (int i = 0; i < 3; i++) {
        type_t *t = TYPE(ops[i]);
        bool dup = false;
        for (int k = 0; k < nseen; k++)
            dup = dup || seen[k] == t;
        if (dup) continue;
        seen[nseen++] = t;
        if (COMPLEX_CHECK(ops[i])) {
            if ((is_real_number(base) || COMPLEX_CHECK(base)) &&
                (is_real_number(exp) || COMPLEX_CHECK(exp))) {
                err_set_str(exc_ValueError, "complex modulo");
                return NULL;
            }
        } else if (FLOAT_CHECK(ops[i])) {
            err_set_str(exc_TypeError,
                        "pow() 3rd argument not allowed unless all arguments are integers");
            return NULL;
        }
    }
    return NEWREF(NotImplemented);
}

static obj_t *complex_neg(obj_t *v) {
    complex_value_t c = complex_value(v);
    return complex_from_doubles(-c.real, -c.imag);
}

static obj_t *complex_pos(obj_t *v) {
    return COMPLEX_EXACT(v) ? NEWREF(v) : from_value(complex_value(v));
}

static obj_t *complex_abs(obj_t *v) {
    complex_value_t c = complex_value(v);
    double r;
    // C99 Annex G: an infinite part makes the modulus infinite, even with a
    // NaN beside it.
    if (isinf(c.real)) {
        r = fabs(c.real);
    } else if (isinf(c.imag)) {
        r = fabs(c.imag);
    } else if (isnan(c.real) || isnan(c.imag)) {
        r = NAN;
    } else {
        r = hypot(c.real, c.imag);
        if (isinf(r)) {
            err_set_str(exc_OverflowError, "absolute value too large");
            return NULL;
        }
    }
    return float_from_double(r);
}

static int complex_bool(obj_t *v) {
    complex_value_t c = complex_value(v);
    return c.real != 0.0 || c.imag != 0.0;
}

static obj_t *complex_compare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || !COMPLEX_CHECK(a)) return NEWREF(NotImplemented);
    complex_value_t c = complex_value(a);
    bool equal;
    if (INT_CHECK(b)) {
        if (c.imag != 0.0) return NEWREF(bool_from(op == CMP_NE_OP));
        // Compared as float against int: exact, whatever the int's size.
        obj_t *f = float_from_double(c.real);
        if (!f) return NULL;
        obj_t *r = obj_richcompare(f, b, op);
        DECREF(f);
        return r;
    } else if (FLOAT_CHECK(b)) {
        equal = c.real == float_value(b) && c.imag == 0.0;
    } else if (COMPLEX_CHECK(b)) {
        complex_value_t d = complex_value(b);
        equal = c.real == d.real && c.imag == d.imag;
    } else {
        return NEWREF(NotImplemented);
    }
    return NEWREF(bool_from(op == CMP_EQ_OP ? equal : !equal));
}

// ---- complex(string) -----------------------------------------------------------------------

static bool ascii_space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

static bool word_at(const char *p, const char *end, const char *w) {
    size_t n = strlen(w);
    if ((size_t)(end - p) < n) return false;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 0x20) != w[i]) return false;
    return true;
}

// Parses the longest float literal at p (optional sign, digits with an
// optional point and exponent, or inf/infinity/nan; no spaces, no
// underscores).  Returns the end of the literal, or p when there is none.
static const char *parse_float_prefix(const char *p, const char *end, double *out) {
    const char *q = p;
    bool neg = false;
    if (q < end && (*q == '+' || *q == '-')) neg = *q++ == '-';
    if (word_at(q, end, "inf")) {
        *out = neg ? -HUGE_VAL : HUGE_VAL;
        return word_at(q, end, "infinity") ? q + 8 : q + 3;
    }
    if (word_at(q, end, "nan")) {
        *out = neg ? -NAN : NAN;
        return q + 3;
    }
    size_t ndigits = 0;
    while (q < end && is_digit(*q)) {
        q++;
        ndigits++;
    }
    if (q < end && *q == '.') {
        q++;
        while (q < end && is_digit(*q)) {
            q++;
            ndigits++;
        }
    }
    if (ndigits == 0) return p;
    if (q < end && (*q == 'e' || *q == 'E')) {
        const char *e = q + 1;
        if (e < end && (*e == '+' || *e == '-')) e++;
        if (e < end && is_digit(*e)) {
            while (e < end && is_digit(*e))
                e++;
            q = e;
        }
    }
    size_t n = (size_t)(q - p);
    char small[128];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf) {
        *out = 0.0; // out of memory: the caller's allocation will fail too
        return p;
    }
    memcpy(buf, p, n);
    buf[n] = '\0';
    *out = strtod(buf, NULL); // validated above: plain decimal, correctly rounded
    if (buf != small) free(buf);
    return q;
}

// The grammar of complex(str) after underscores are removed: [spaces] ['(']
// [spaces] (<float> | <float>j | <float><signed float>j | <float><sign>j |
// <sign>j | j) [spaces] [')' [spaces]], the parentheses paired.
static int parse_text(const char *s, size_t len, double *real, double *imag) {
    const char *p = s, *end = s + len;
    double x = 0.0, y = 0.0, z;
    bool bracket = false;
    while (p < end && ascii_space(*p))
        p++;
    if (p < end && *p == '(') {
        bracket = true;
        p++;
        while (p < end && ascii_space(*p))
            p++;
    }
    const char *q = parse_float_prefix(p, end, &z);
    if (q != p) {
        p = q;
        if (p < end && (*p == '+' || *p == '-')) {
            x = z;
            q = parse_float_prefix(p, end, &y);
            if (q != p) {
                p = q;
            } else {
                y = *p == '+' ? 1.0 : -1.0;
                p++;
            }
            if (p >= end || (*p != 'j' && *p != 'J')) return -1;
            p++;
        } else if (p < end && (*p == 'j' || *p == 'J')) {
            p++;
            y = z;
        } else {
            x = z;
        }
    } else {
        y = 1.0;
        if (p < end && (*p == '+' || *p == '-')) y = *p++ == '+' ? 1.0 : -1.0;
        if (p >= end || (*p != 'j' && *p != 'J')) return -1;
        p++;
    }
    while (p < end && ascii_space(*p))
        p++;
    if (bracket) {
        if (p >= end || *p != ')') return -1;
        p++;
        while (p < end && ascii_space(*p))
            p++;
    }
    if (p != end) return -1;
    *real = x;
    *imag = y;
    return 0;
}

// Drops underscores that sit between two digits, in place; false when an
// underscore sits anywhere else or the text holds a NUL after one.
static bool strip_underscores(char *s, size_t *len) {
    if (!memchr(s, '_', *len)) return true;
    size_t n = 0;
    char prev = '\0';
    for (size_t i = 0; i < *len; i++) {
        char c = s[i];
        if (c == '\0') return false;
        if (c == '_') {
            if (!is_digit(prev)) return false;
        } else {
            if (prev == '_' && !is_digit(c)) return false;
            s[n++] = c;
        }
        prev = c;
    }
    if (prev == '_') return false;
    *len = n;
    return true;
}

// Whether the str holds an ASCII separator (0x1c..0x1f): num_ascii_text makes
// them spaces (as int() wants), but complex() treats them as text.
static bool has_ascii_separator(obj_t *v) {
    const char *p = str_data(v);
    for (size_t i = 0; i < str_nbytes(v); i++)
        if (p[i] >= 0x1c && p[i] <= 0x1f) return true;
    return false;
}

static obj_t *from_string(type_t *type, obj_t *v) {
    size_t n;
    char *text = num_ascii_text(v, &n);
    if (!text) return NULL;
    obj_t *r = NULL;
    double re, im;
    if (!strip_underscores(text, &n))
        err_format(exc_ValueError, "could not convert string to complex: %R", v);
    else if (has_ascii_separator(v) || parse_text(text, n, &re, &im) < 0)
        err_set_str(exc_ValueError, "complex() arg is a malformed string");
    else
        r = new_of_type(type, re, im);
    free(text);
    return r;
}

// ---- complex() -----------------------------------------------------------------------------

// v.__complex__() if the type defines it: a complex, or NULL with an
// exception, or NULL without one when there is no __complex__.
static obj_t *try_complex_method(obj_t *v) {
    bool missing = false;
    obj_t *r = call_dunder(v, ID(__complex__), NULL, 0, &missing);
    if (!r) return NULL;
    if (!COMPLEX_CHECK(r)) {
        err_format(exc_TypeError, "__complex__ returned non-complex (type %T)", r);
        DECREF(r);
        return NULL;
    }
    if (TYPE(r) != &complex_type) {
        // A strict subclass is accepted with a DeprecationWarning (an error
        // under -W error), as in CPython.
        obj_t *msg = str_from_format(
            "__complex__ returned non-complex (type %s).  The ability to return an instance of a "
            "strict subclass of complex is deprecated, and may be removed in a future version of "
            "Python.",
            obj_type_name(r));
        obj_t *mod = msg ? import_module("_warnings") : NULL;
        obj_t *fn = mod ? obj_getattr_str(mod, "warn") : NULL;
        obj_t *w = NULL;
        if (fn) {
            obj_t *args[2] = {msg, (obj_t *)exc_DeprecationWarning};
            w = obj_call(fn, args, 2, NULL);
        }
        XDECREF(fn);
        XDECREF(mod);
        XDECREF(msg);
        if (!w) {
            DECREF(r);
            return NULL;
        }
        DECREF(w);
    }
    return r;
}

static bool has_number_protocol(obj_t *v) {
    type_t *t = TYPE(v);
    return t->nb_float || t->nb_index || COMPLEX_CHECK(v) || type_lookup(t, ID(__float__)) ||
           type_lookup(t, ID(__index__));
}

// float(v) as a double; -1 on error.
static int real_part(obj_t *v, double *out) {
    obj_t *f = float_from_object(v);
    if (!f) return -1;
    *out = float_value(f);
    DECREF(f);
    return 0;
}

static obj_t *complex_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    if (nargs + nkw > 2) {
        err_format(exc_TypeError, "complex() takes at most 2 %sarguments (%zu given)",
                   nargs == 0 ? "keyword " : "", nargs + nkw);
        return NULL;
    }
    static const char *const names[] = {"real", "imag", NULL};
    obj_t *a[2];
    if (args_parse("complex", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    obj_t *r = a[0] ? a[0] : SMALLINT_FROM(0), *i = a[1];
    if (COMPLEX_EXACT(r) && !i && type == &complex_type) return NEWREF(r);
    if (STR_CHECK(r)) {
        if (i) {
            err_set_str(exc_TypeError, "complex() can't take second arg if first is a string");
            return NULL;
        }
        return from_string(type, r);
    }
    if (i && STR_CHECK(i)) {
        err_set_str(exc_TypeError, "complex() second arg can't be a string");
        return NULL;
    }
    obj_t *owned = try_complex_method(r);
    if (owned) {
        r = owned;
    } else if (err_occurred()) {
        return NULL;
    }
    obj_t *result = NULL;
    complex_value_t cr = {0.0, 0.0}, ci = {0.0, 0.0};
    bool cr_complex = false, ci_complex = false;
    if (!has_number_protocol(r)) {
        err_format(exc_TypeError, "complex() first argument must be a string or a number, not '%T'",
                   r);
        goto done;
    }
    if (i && !has_number_protocol(i)) {
        err_format(exc_TypeError, "complex() second argument must be a number, not '%T'", i);
        goto done;
    }
    if (COMPLEX_CHECK(r)) {
        cr = complex_value(r);
        cr_complex = true;
    } else if (real_part(r, &cr.real) < 0) {
        goto done;
    }
    if (!i) {
        ci.real = cr.imag;
    } else if (COMPLEX_CHECK(i)) {
        ci = complex_value(i);
        ci_complex = true;
    } else if (real_part(i, &ci.real) < 0) {
        goto done;
    }
    // real + imag*1j when either argument is itself complex.
    if (ci_complex) cr.real -= ci.imag;
    if (cr_complex && i) ci.real += cr.imag;
    result = new_of_type(type, cr.real, ci.real);
done:
    XDECREF(owned);
    return result;
}

// ---- methods -------------------------------------------------------------------------------

static obj_t *complex_conjugate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("complex.conjugate", nargs, kwnames, 0, 0) < 0) return NULL;
    complex_value_t c = complex_value(self);
    return complex_from_doubles(c.real, -c.imag);
}

static obj_t *complex_complex_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("complex.__complex__", nargs, kwnames, 0, 0) < 0) return NULL;
    return complex_pos(self);
}

static obj_t *complex_getnewargs(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("complex.__getnewargs__", nargs, kwnames, 0, 0) < 0) return NULL;
    complex_value_t c = complex_value(self);
    obj_t *re = float_from_double(c.real);
    obj_t *im = re ? float_from_double(c.imag) : NULL;
    obj_t *r = im ? tuple_pack(2, re, im) : NULL;
    XDECREF(re);
    XDECREF(im);
    return r;
}

static obj_t *complex_format_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__format__", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *spec = args[0];
    if (!STR_CHECK(spec)) {
        err_format(exc_TypeError, "__format__() argument must be str, not %T", spec);
        return NULL;
    }
    if (str_nbytes(spec) == 0) return obj_str(self);
    complex_value_t c = complex_value(self);
    return format_complex(c.real, c.imag, spec);
}

static const method_def_t complex_methods[] = {
    {"conjugate", complex_conjugate, METH_DEFAULT,
     "Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j."},
    {"__complex__", complex_complex_m, METH_DEFAULT, "Convert complex to a complex."},
    {"__getnewargs__", complex_getnewargs, METH_DEFAULT, NULL},
    {"__format__", complex_format_m, METH_DEFAULT, "Convert to a string according to format_spec."},
    {NULL, NULL, 0, NULL}};

static const member_def_t complex_members[] = {
    {"real", MEMBER_DOUBLE, offsetof(complexobj_t, cval.real), true},
    {"imag", MEMBER_DOUBLE, offsetof(complexobj_t, cval.imag), true},
    {NULL, 0, 0, false}};

type_t complex_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "complex",
    .basicsize = sizeof(complexobj_t),
    .flags = TPFLAG_BASETYPE | TPFLAG_LEAF,
    .base = &object_type,
    .dealloc = complex_dealloc,
    .repr = complex_repr, // no .str: str() goes through repr, as in CPython
    .hash = complex_hash,
    .richcompare = complex_compare,
    .tp_new = complex_tp_new,
    .nb =
        {
            [BINOP_ADD] = complex_add,
            [BINOP_SUB] = complex_sub,
            [BINOP_MUL] = complex_mul,
            [BINOP_TRUEDIV] = complex_truediv,
            [BINOP_POW] = complex_pow,
        },
    .nb_neg = complex_neg,
    .nb_pos = complex_pos,
    .nb_abs = complex_abs,
    .nb_bool = complex_bool,
    .methods = complex_methods,
    .members = complex_members,
    .doc = "Create a complex number from a real part and an optional imaginary part.\n\n"
           "This is equivalent to (real + imag*1j) where imag defaults to 0.",
};
