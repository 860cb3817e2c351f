/*
 * objects/int.c — int values: construction, conversion, arithmetic,
 * comparison, hashing and base conversion.  The type table, the methods and
 * int() itself live in objects/int_ops.c.
 *
 * Representation (objects/int.h): a value in [SMALLINT_MIN, SMALLINT_MAX] is
 * always a tagged small int; anything else is a heap int_t whose mpz holds it.
 * Every result goes through int_from_i64 / int_from_mpz(_move), which
 * restore that canonical form.  bool values (True/False, not tagged) are read
 * as 0/1 everywhere through int_small_value().
 *
 * Small operands take fast paths (63-bit values cannot overflow int64 on
 * + and -; * uses __builtin_mul_overflow); GMP does everything else.  Ints
 * are immutable, so nothing here needs a critical section.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "int_impl.h"
#include "str.h"
#include "tuple.h"

_Atomic int64_t int_max_str_digits = 4300;

int64_t int_get_max_str_digits(void) {
    return atomic_load_explicit(&int_max_str_digits, memory_order_relaxed);
}

// ---- construction --------------------------------------------------------------

static int_t *alloc_big(void) {
    return (int_t *)obj_alloc(&int_type, sizeof(int_t));
}

obj_t *int_from_i64(int64_t v) {
    if (PVM_LIKELY(SMALLINT_FITS(v))) return SMALLINT_FROM(v);
    int_t *o = alloc_big();
    if (!o) return NULL;
    mpz_init_set_si(o->z, v);
    return (obj_t *)o;
}

obj_t *int_from_u64(uint64_t v) {
    if (v <= (uint64_t)SMALLINT_MAX) return SMALLINT_FROM((int64_t)v);
    int_t *o = alloc_big();
    if (!o) return NULL;
    mpz_init_set_ui(o->z, v);
    return (obj_t *)o;
}

static bool mpz_small(mpz_srcptr z, int64_t *out) {
    if (!mpz_fits_slong_p(z)) return false;
    long v = mpz_get_si(z);
    if (!SMALLINT_FITS(v)) return false;
    *out = v;
    return true;
}

obj_t *int_from_mpz(const mpz_t z) {
    int64_t v;
    if (mpz_small(z, &v)) return SMALLINT_FROM(v);
    int_t *o = alloc_big();
    if (!o) return NULL;
    mpz_init_set(o->z, z);
    return (obj_t *)o;
}

obj_t *int_from_mpz_move(mpz_ptr z) {
    int64_t v;
    if (mpz_small(z, &v)) {
        mpz_clear(z);
        return SMALLINT_FROM(v);
    }
    int_t *o = alloc_big();
    if (!o) {
        mpz_clear(z);
        return NULL;
    }
    o->z[0] = *z; // the limbs move into the object
    return (obj_t *)o;
}

obj_t *int_from_double(double d) {
    if (isnan(d)) {
        err_set_str(exc_ValueError, "cannot convert float NaN to integer");
        return NULL;
    }
    if (isinf(d)) {
        err_set_str(exc_OverflowError, "cannot convert float infinity to integer");
        return NULL;
    }
    if (d > -4611686018427387904.0 && d < 4611686018427387904.0) // |d| < 2**62
        return SMALLINT_FROM((int64_t)d);
    mpz_t z;
    mpz_init_set_d(z, d); // truncates; exact for these magnitudes
    return int_from_mpz_move(z);
}

// ---- conversions out -------------------------------------------------------------

int int_as_i64(obj_t *v, int64_t *out) {
    if (int_small_value(v, out)) return 0;
    mpz_srcptr z = INT_Z(v);
    if (mpz_fits_slong_p(z)) {
        *out = mpz_get_si(z);
        return 0;
    }
    err_set_str(exc_OverflowError, "Python int too large to convert to C long");
    return -1;
}

void int_to_mpz(obj_t *v, mpz_t out) {
    zview_t t;
    mpz_set(out, int_zview(v, &t));
}

int int_sign(obj_t *v) {
    int64_t s;
    if (int_small_value(v, &s)) return (s > 0) - (s < 0);
    return mpz_sgn(INT_Z(v));
}

double int_mpz_ldexp(mpz_srcptr z, long exp, int *overflow) {
    *overflow = 0;
    int sgn = mpz_sgn(z);
    if (sgn == 0) return 0.0;
    mpz_t a; // |z|, read-only view
    mpz_roinit_n(a, mpz_limbs_read(z), (mp_size_t)mpz_size(z));
    long bits = (long)mpz_sizeinbase(a, 2);
    if (bits + exp > DBL_MAX_EXP) {
        *overflow = 1;
        return sgn < 0 ? -HUGE_VAL : HUGE_VAL;
    }
    if (bits + exp < DBL_MIN_EXP - DBL_MANT_DIG - 1) return sgn < 0 ? -0.0 : 0.0;
    // Exponent of the last bit kept: 53 significant bits, or the subnormal grid.
    long lsb = bits + exp - DBL_MANT_DIG;
    if (lsb < DBL_MIN_EXP - DBL_MANT_DIG) lsb = DBL_MIN_EXP - DBL_MANT_DIG;
    long sh = lsb - exp; // low bits of |z| that are rounded off
    double r;
    if (sh <= 0) {
        r = ldexp((double)mpz_getlimbn(a, 0), (int)exp); // <= 53 bits: exact
    } else {
        mpz_t q;
        mpz_init(q);
        mpz_tdiv_q_2exp(q, a, (mp_bitcnt_t)sh);
        uint64_t m = mpz_getlimbn(q, 0);
        mpz_clear(q);
        bool half = mpz_tstbit(a, (mp_bitcnt_t)(sh - 1));
        bool sticky = sh >= 2 && mpz_scan1(a, 0) < (mp_bitcnt_t)(sh - 1);
        if (half && (sticky || (m & 1))) m++;
        r = ldexp((double)m, (int)lsb);
        if (isinf(r)) *overflow = 1;
    }
    return sgn < 0 ? -r : r;
}

double int_as_double(obj_t *v, int *overflow) {
    int64_t s;
    if (int_small_value(v, &s)) {
        *overflow = 0;
        return (double)s; // correctly rounded by the hardware
    }
    return int_mpz_ldexp(INT_Z(v), 0, overflow);
}

// ---- comparisons -------------------------------------------------------------------

int int_cmp(obj_t *a, obj_t *b) {
    int64_t x, y;
    if (int_small_value(a, &x) && int_small_value(b, &y)) return (x > y) - (x < y);
    zview_t ta, tb;
    int c = mpz_cmp(int_zview(a, &ta), int_zview(b, &tb));
    return (c > 0) - (c < 0);
}

int int_cmp_double(obj_t *v, double d) {
    if (isnan(d)) return 2;
    int64_t x;
    if (int_small_value(v, &x) && x >= -(INT64_C(1) << 53) && x <= (INT64_C(1) << 53)) {
        double xd = (double)x; // exact
        return (xd > d) - (xd < d);
    }
    zview_t t;
    int c = mpz_cmp_d(int_zview(v, &t), d); // exact, handles infinities
    return (c > 0) - (c < 0);
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

obj_t *int_compare(obj_t *a, obj_t *b, int op) {
    if (!INT_CHECK(a)) return NEWREF(NotImplemented);
    int c;
    if (INT_CHECK(b)) {
        c = int_cmp(a, b);
    } else if (FLOAT_CHECK(b)) {
        c = int_cmp_double(a, float_value(b));
        if (c == 2) return bool_from(op == CMP_NE_OP);
    } else {
        return NEWREF(NotImplemented);
    }
    return cmp_result(c, op);
}

// ---- hashing -------------------------------------------------------------------------

#define HASH_BITS    61
#define HASH_MODULUS ((UINT64_C(1) << HASH_BITS) - 1)

hash_t int_hash(obj_t *v) {
    int64_t s;
    uint64_t h;
    int sign;
    if (int_small_value(v, &s)) {
        sign = s < 0 ? -1 : 1;
        h = (s < 0 ? -(uint64_t)s : (uint64_t)s) % HASH_MODULUS;
    } else {
        sign = mpz_sgn(INT_Z(v));
        h = mpz_tdiv_ui(INT_Z(v), HASH_MODULUS); // |v| mod P
    }
    hash_t r = sign < 0 ? -(hash_t)h : (hash_t)h;
    return r == -1 ? -2 : r;
}

// ---- text conversion -------------------------------------------------------------------

static void raise_str_limit(void) {
    err_format(exc_ValueError,
               "Exceeds the limit (%lld digits) for integer string conversion; "
               "use sys.set_int_max_str_digits() to increase the limit",
               (long long)int_get_max_str_digits());
}

obj_t *int_to_base_str(obj_t *v, int base) {
    int64_t s;
    char small[80];
    const char *prefix = base == 16 ? "0x" : base == 8 ? "0o" : base == 2 ? "0b" : "";
    if (base == 10 && int_small_value(v, &s)) {
        int n = snprintf(small, sizeof small, "%lld", (long long)s);
        return str_from_utf8_trusted(small, (size_t)n);
    }
    zview_t t;
    mpz_srcptr z = int_zview(v, &t);
    mpz_t a;
    mpz_roinit_n(a, mpz_limbs_read(z), (mp_size_t)mpz_size(z));
    size_t est = mpz_sizeinbase(a, base); // exact or one too big
    int64_t limit = int_get_max_str_digits();
    if (base == 10 && limit > 0 && est > (size_t)limit + 1) {
        raise_str_limit();
        return NULL;
    }
    size_t cap = est + 8;
    char *buf = cap <= sizeof small ? small : malloc(cap);
    if (!buf) return err_no_memory();
    size_t pos = 0;
    if (mpz_sgn(z) < 0) buf[pos++] = '-';
    for (const char *p = prefix; *p; p++)
        buf[pos++] = *p;
    mpz_get_str(buf + pos, base, a);
    size_t ndigits = strlen(buf + pos);
    obj_t *r = NULL;
    if (base == 10 && limit > 0 && ndigits > (size_t)limit)
        raise_str_limit();
    else
        r = str_from_utf8_trusted(buf, pos + ndigits);
    if (buf != small) free(buf);
    return r;
}

obj_t *int_repr(obj_t *v) {
    return int_to_base_str(v, 10);
}

// Unicode decimal digit blocks (Unicode 14, as CPython 3.11): the zero of each
// run of ten consecutive Nd code points.
static const uint32_t nd_zeros[] = {
    0x660,   0x6f0,   0x7c0,   0x966,   0x9e6,   0xa66,   0xae6,   0xb66,   0xbe6,   0xc66,
    0xce6,   0xd66,   0xde6,   0xe50,   0xed0,   0xf20,   0x1040,  0x1090,  0x17e0,  0x1810,
    0x1946,  0x19d0,  0x1a80,  0x1a90,  0x1b50,  0x1bb0,  0x1c40,  0x1c50,  0xa620,  0xa8d0,
    0xa900,  0xa9d0,  0xa9f0,  0xaa50,  0xabf0,  0xff10,  0x104a0, 0x10d30, 0x11066, 0x110f0,
    0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950,
    0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec,
    0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0};

static bool unicode_space(uint32_t c) {
    return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 ||
           c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

char *num_ascii_text(obj_t *s, size_t *len) {
    size_t nb = str_nbytes(s);
    char *buf = malloc(nb + 1);
    if (!buf) {
        err_no_memory();
        return NULL;
    }
    const char *p = str_data(s), *end = p + nb;
    size_t n = 0;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) {
            buf[n++] = (c >= 0x1c && c <= 0x1f) ? ' ' : (char)c;
            p++;
            continue;
        }
        uint32_t cp = utf8_decode(&p);
        char out = '\x01';
        if (unicode_space(cp)) {
            out = ' ';
        } else {
            for (size_t i = 0; i < sizeof nd_zeros / sizeof nd_zeros[0]; i++) {
                if (cp >= nd_zeros[i] && cp < nd_zeros[i] + 10) {
                    out = (char)('0' + (cp - nd_zeros[i]));
                    break;
                }
            }
        }
        buf[n++] = out;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

// Raises "invalid literal for int() with base B: <repr>" (repr cut at 200
// code points, as CPython's %.200R).
static void raise_invalid_literal(int base, obj_t *orig, const char *s, size_t len) {
    obj_t *tmp = NULL;
    if (!orig) {
        tmp = str_from_utf8(s, len);
        if (!tmp) {
            err_clear();
            tmp = str_from_cstr("?");
            if (!tmp) return;
        }
        orig = tmp;
    }
    obj_t *r = obj_repr(orig);
    XDECREF(tmp);
    if (!r) return;
    const char *d = str_data(r), *p = d, *end = d + str_nbytes(r);
    for (int i = 0; i < 200 && p < end; i++)
        (void)utf8_decode(&p);
    str_builder_t b;
    str_builder_init(&b);
    str_builder_printf(&b, "invalid literal for int() with base %d: ", base);
    str_builder_add(&b, d, (size_t)(p - d));
    DECREF(r);
    obj_t *msg = str_builder_finish(&b);
    if (!msg) return;
    err_set(exc_ValueError, msg);
    DECREF(msg);
}

static obj_t *parse_int(const char *s, size_t len, int base, obj_t *orig) {
    if (base != 0 && (base < 2 || base > 36)) {
        err_set_str(exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        return NULL;
    }
    const char *p = s, *end = s + len;
    while (p < end && is_space(*p))
        p++;
    while (end > p && is_space(end[-1]))
        end--;
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-')) neg = *p++ == '-';
    int b = base;
    bool must_be_zero = false;
    if (p < end && *p == '0' && end - p >= 2) {
        char c = p[1] | 0x20;
        if ((c == 'x' && (b == 16 || b == 0)) || (c == 'o' && (b == 8 || b == 0)) ||
            (c == 'b' && (b == 2 || b == 0))) {
            b = c == 'x' ? 16 : c == 'o' ? 8 : 2;
            p += 2;
            if (p < end && *p == '_') // one underscore may follow the prefix
                p++;
        }
    }
    if (b == 0) {
        b = 10;
        must_be_zero = p < end && *p == '0'; // "0123" is not a valid literal
    }
    // Validate digits and underscores; count digits.
    size_t ndigits = 0;
    bool prev_us = true; // no leading underscore
    const char *q;
    for (q = p; q < end; q++) {
        if (*q == '_') {
            if (prev_us) goto invalid;
            prev_us = true;
            continue;
        }
        if (digit_value(*q) >= b) break; // trailing junk: invalid, after the limit check
        ndigits++;
        prev_us = false;
    }
    if (ndigits == 0 || prev_us) goto invalid;
    // CPython checks the digit limit on the run of digits before it looks
    // at what follows: int("1" * 5000 + "x") is a limit error.
    if ((b & (b - 1)) != 0) {
        int64_t limit = int_get_max_str_digits();
        if (limit > 0 && ndigits > (uint64_t)limit) {
            err_format(exc_ValueError,
                       "Exceeds the limit (%lld digits) for integer string conversion: value "
                       "has %zu digits; use sys.set_int_max_str_digits() to increase the limit",
                       (long long)limit, ndigits);
            return NULL;
        }
    }
    if (q < end) goto invalid;
    // Fast path: accumulate in 64 bits while it cannot overflow.
    if (ndigits <= 12) {
        int64_t v = 0;
        for (q = p; q < end; q++)
            if (*q != '_') v = v * b + digit_value(*q);
        if (must_be_zero && v != 0) goto invalid;
        return int_from_i64(neg ? -v : v);
    }
    char *buf = malloc(ndigits + 1);
    if (!buf) return err_no_memory();
    size_t n = 0;
    for (q = p; q < end; q++)
        if (*q != '_') buf[n++] = *q;
    buf[n] = '\0';
    mpz_t z;
    mpz_init(z);
    mpz_set_str(z, buf, b); // validated above
    free(buf);
    if (must_be_zero && mpz_sgn(z) != 0) {
        mpz_clear(z);
        goto invalid;
    }
    if (neg) mpz_neg(z, z);
    return int_from_mpz_move(z);
invalid:
    raise_invalid_literal(base, orig, s, len);
    return NULL;
}

obj_t *int_from_string(const char *s, size_t len, int base) {
    return parse_int(s, len, base, NULL);
}

obj_t *int_parse_object(obj_t *orig, int base) {
    if (STR_CHECK(orig)) {
        if (((str_t *)orig)->ascii) return parse_int(str_data(orig), str_nbytes(orig), base, orig);
        size_t n;
        char *text = num_ascii_text(orig, &n);
        if (!text) return NULL;
        obj_t *r = parse_int(text, n, base, orig);
        free(text);
        return r;
    }
    // bytes (and bytes subclasses)
    return parse_int((const char *)bytes_data(orig), bytes_len(orig), base, orig);
}

// ---- arithmetic ---------------------------------------------------------------------------

static obj_t *zero_division(const char *msg) {
    err_set_str(exc_ZeroDivisionError, msg);
    return NULL;
}

// True division of two ints, correctly rounded (CPython's long_true_divide).
static obj_t *true_divide(mpz_srcptr a, mpz_srcptr b) {
    if (mpz_sgn(b) == 0) return zero_division("division by zero");
    bool neg = (mpz_sgn(a) < 0) != (mpz_sgn(b) < 0);
    if (mpz_sgn(a) == 0) return float_from_double(neg ? -0.0 : 0.0);
    mpz_t aa, ab;
    mpz_roinit_n(aa, mpz_limbs_read(a), (mp_size_t)mpz_size(a));
    mpz_roinit_n(ab, mpz_limbs_read(b), (mp_size_t)mpz_size(b));
    long abits = (long)mpz_sizeinbase(aa, 2), bbits = (long)mpz_sizeinbase(ab, 2);
    if (abits <= DBL_MANT_DIG && bbits <= DBL_MANT_DIG)
        return float_from_double(mpz_get_d(a) / mpz_get_d(b)); // both exact
    long diff = abits - bbits;
    if (diff > DBL_MAX_EXP) goto overflow;
    if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) return float_from_double(neg ? -0.0 : 0.0);
    long shift = (diff > DBL_MIN_EXP ? diff : DBL_MIN_EXP) - DBL_MANT_DIG - 2;
    mpz_t q, r;
    mpz_init(q);
    mpz_init(r);
    if (shift <= 0) {
        mpz_mul_2exp(q, aa, (mp_bitcnt_t)(-shift));
        mpz_tdiv_qr(q, r, q, ab);
    } else {
        mpz_mul_2exp(r, ab, (mp_bitcnt_t)shift);
        mpz_tdiv_qr(q, r, aa, r);
    }
    bool inexact = mpz_sgn(r) != 0;
    uint64_t x = mpz_getlimbn(q, 0); // at most DBL_MANT_DIG + 3 bits
    mpz_clear(q);
    mpz_clear(r);
    long x_bits = 64 - __builtin_clzll(x);
    long extra = (x_bits > DBL_MIN_EXP - shift ? x_bits : DBL_MIN_EXP - shift) - DBL_MANT_DIG;
    uint64_t mask = UINT64_C(1) << (extra - 1);
    uint64_t low = (x & (2 * mask - 1)) | (inexact ? 1 : 0);
    if ((low & mask) && (low & (3 * mask - 1))) x += mask;
    x &= ~(2 * mask - 1);
    double dx = (double)x;
    if (shift + x_bits >= DBL_MAX_EXP &&
        (shift + x_bits > DBL_MAX_EXP || dx == ldexp(1.0, (int)x_bits)))
        goto overflow;
    double res = ldexp(dx, (int)shift);
    return float_from_double(neg ? -res : res);
overflow:
    err_set_str(exc_OverflowError, "integer division result too large for a float");
    return NULL;
}

static obj_t *negative_power(obj_t *a, obj_t *b) {
    // CPython converts both to float for a negative exponent.
    int ov1, ov2;
    double x = int_as_double(a, &ov1), y = int_as_double(b, &ov2);
    if (ov1 || ov2) {
        err_set_str(exc_OverflowError, "int too large to convert to float");
        return NULL;
    }
    return float_pow_doubles(x, y);
}

// GMP aborts the process when an allocation fails: before an operation
// that makes a result of about `bits` bits, check that the memory (the
// result and GMP's temporaries) can be had, as under ulimit -v it may not.
static bool gmp_room(uint64_t bits) {
    if (bits < ((uint64_t)1 << 23)) return true; // 1 MB: not worth a probe
    size_t bytes = (size_t)(bits / 8) * 3 + 4096;
    if (obj_alloc_too_big(bytes)) return false;
    void *p = malloc(bytes);
    if (p == NULL) return false;
    free(p);
    return true;
}

static obj_t *big_pow(obj_t *a, obj_t *b, mpz_srcptr za, mpz_srcptr zb) {
    if (mpz_sgn(zb) < 0) return negative_power(a, b);
    if (mpz_sgn(zb) == 0) return SMALLINT_FROM(1);
    // |a| <= 1 never grows.
    if (mpz_cmpabs_ui(za, 1) <= 0) {
        if (mpz_sgn(za) >= 0) return SMALLINT_FROM(mpz_sgn(za));
        return SMALLINT_FROM(mpz_odd_p(zb) ? -1 : 1);
    }
    if (!mpz_fits_ulong_p(zb)) return err_no_memory();
    unsigned long e = mpz_get_ui(zb);
    size_t abits = mpz_sizeinbase(za, 2);
    if ((abits - 1) > 0 && e > INT_MAX_BITS / (abits - 1)) return err_no_memory();
    if (!gmp_room((uint64_t)abits * e)) return err_no_memory();
    mpz_t r;
    mpz_init(r);
    mpz_pow_ui(r, za, e);
    return int_from_mpz_move(r);
}

static obj_t *shift_op(mpz_srcptr za, mpz_srcptr zb, bool left) {
    if (mpz_sgn(zb) < 0) {
        err_set_str(exc_ValueError, "negative shift count");
        return NULL;
    }
    if (mpz_sgn(za) == 0) return SMALLINT_FROM(0);
    mpz_t r;
    if (left) {
        if (!mpz_fits_slong_p(zb)) {
            err_set_str(exc_OverflowError, "too many digits in integer");
            return NULL;
        }
        long n = mpz_get_si(zb);
        if ((uint64_t)n + mpz_sizeinbase(za, 2) > INT_MAX_BITS ||
            !gmp_room((uint64_t)n + mpz_sizeinbase(za, 2)))
            return err_no_memory();
        mpz_init(r);
        mpz_mul_2exp(r, za, (mp_bitcnt_t)n);
    } else {
        if (!mpz_fits_ulong_p(zb) || mpz_get_ui(zb) >= mpz_sizeinbase(za, 2))
            return SMALLINT_FROM(mpz_sgn(za) < 0 ? -1 : 0);
        mpz_init(r);
        mpz_fdiv_q_2exp(r, za, (mp_bitcnt_t)mpz_get_ui(zb)); // floor: arithmetic shift
    }
    return int_from_mpz_move(r);
}

static obj_t *big_binop(obj_t *a, obj_t *b, binop_t op) {
    zview_t ta, tb;
    mpz_srcptr za = int_zview(a, &ta), zb = int_zview(b, &tb);
    mpz_t r;
    switch (op) {
    case BINOP_ADD:
        mpz_init(r);
        mpz_add(r, za, zb);
        break;
    case BINOP_SUB:
        mpz_init(r);
        mpz_sub(r, za, zb);
        break;
    case BINOP_MUL:
        if (mpz_sizeinbase(za, 2) + mpz_sizeinbase(zb, 2) > INT_MAX_BITS ||
            !gmp_room(mpz_sizeinbase(za, 2) + mpz_sizeinbase(zb, 2)))
            return err_no_memory();
        mpz_init(r);
        mpz_mul(r, za, zb);
        break;
    case BINOP_FLOORDIV:
        if (mpz_sgn(zb) == 0) return zero_division("integer division or modulo by zero");
        mpz_init(r);
        mpz_fdiv_q(r, za, zb);
        break;
    case BINOP_MOD:
        if (mpz_sgn(zb) == 0) return zero_division("integer modulo by zero");
        mpz_init(r);
        mpz_fdiv_r(r, za, zb); // sign of the divisor
        break;
    case BINOP_TRUEDIV: return true_divide(za, zb);
    case BINOP_POW: return big_pow(a, b, za, zb);
    case BINOP_LSHIFT: return shift_op(za, zb, true);
    case BINOP_RSHIFT: return shift_op(za, zb, false);
    case BINOP_AND:
        mpz_init(r);
        mpz_and(r, za, zb); // two's complement semantics
        break;
    case BINOP_OR:
        mpz_init(r);
        mpz_ior(r, za, zb);
        break;
    case BINOP_XOR:
        mpz_init(r);
        mpz_xor(r, za, zb);
        break;
    default: return NEWREF(NotImplemented);
    }
    return int_from_mpz_move(r);
}

obj_t *int_binop(obj_t *a, obj_t *b, binop_t op) {
    if (!INT_CHECK(a) || !INT_CHECK(b)) return NEWREF(NotImplemented);
    int64_t x, y, r;
    if (!int_small_value(a, &x) || !int_small_value(b, &y)) return big_binop(a, b, op);
    switch (op) {
    case BINOP_ADD: return int_from_i64(x + y); // 63-bit operands: no int64 overflow
    case BINOP_SUB: return int_from_i64(x - y);
    case BINOP_MUL:
        if (__builtin_mul_overflow(x, y, &r)) break;
        return int_from_i64(r);
    case BINOP_FLOORDIV:
        if (y == 0) return zero_division("integer division or modulo by zero");
        r = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0))) r--;
        return int_from_i64(r);
    case BINOP_MOD:
        if (y == 0) return zero_division("integer modulo by zero");
        r = x % y;
        if (r != 0 && ((r < 0) != (y < 0))) r += y;
        return SMALLINT_FROM(r);
    case BINOP_TRUEDIV:
        if (y == 0) return zero_division("division by zero");
        if (x >= -(INT64_C(1) << 53) && x <= (INT64_C(1) << 53) && y >= -(INT64_C(1) << 53) &&
            y <= (INT64_C(1) << 53))
            return float_from_double((double)x / (double)y);
        break;
    case BINOP_POW: {
        if (y < 0) return negative_power(a, b);
        if (x == 0 || x == 1) return SMALLINT_FROM(y == 0 ? 1 : x);
        if (x == -1) return SMALLINT_FROM((y & 1) ? -1 : 1);
        int64_t base = x, acc = 1;
        uint64_t e = (uint64_t)y;
        bool ovf = false;
        while (e) {
            if ((e & 1) && __builtin_mul_overflow(acc, base, &acc)) {
                ovf = true;
                break;
            }
            e >>= 1;
            if (e && __builtin_mul_overflow(base, base, &base)) {
                ovf = true;
                break;
            }
        }
        if (ovf) break;
        return int_from_i64(acc);
    }
    case BINOP_LSHIFT:
        if (y < 0) {
            err_set_str(exc_ValueError, "negative shift count");
            return NULL;
        }
        if (x == 0) return SMALLINT_FROM(0);
        if (y < 62) {
            r = (int64_t)((uint64_t)x << y);
            if ((r >> y) == x && SMALLINT_FITS(r)) return SMALLINT_FROM(r);
        }
        break;
    case BINOP_RSHIFT:
        if (y < 0) {
            err_set_str(exc_ValueError, "negative shift count");
            return NULL;
        }
        return SMALLINT_FROM(y >= 63 ? (x < 0 ? -1 : 0) : (x >> y));
    case BINOP_AND: return SMALLINT_FROM(x & y);
    case BINOP_OR: return SMALLINT_FROM(x | y);
    case BINOP_XOR: return SMALLINT_FROM(x ^ y);
    default: return NEWREF(NotImplemented);
    }
    return big_binop(a, b, op);
}

obj_t *int_divmod(obj_t *a, obj_t *b) {
    if (!INT_CHECK(a) || !INT_CHECK(b)) return NEWREF(NotImplemented);
    int64_t x, y;
    if (int_small_value(a, &x) && int_small_value(b, &y)) {
        if (y == 0) return zero_division("integer division or modulo by zero");
        int64_t q = x / y, r = x % y;
        if (r != 0 && ((r < 0) != (y < 0))) {
            r += y;
            q--;
        }
        obj_t *qo = int_from_i64(q);
        if (!qo) return NULL;
        obj_t *res = tuple_pack(2, qo, SMALLINT_FROM(r));
        DECREF(qo);
        return res;
    }
    zview_t ta, tb;
    mpz_srcptr za = int_zview(a, &ta), zb = int_zview(b, &tb);
    if (mpz_sgn(zb) == 0) return zero_division("integer division or modulo by zero");
    mpz_t q, r;
    mpz_init(q);
    mpz_init(r);
    mpz_fdiv_qr(q, r, za, zb);
    obj_t *qo = int_from_mpz_move(q);
    obj_t *ro = int_from_mpz_move(r);
    obj_t *res = NULL;
    if (qo && ro) res = tuple_pack(2, qo, ro);
    XDECREF(qo);
    XDECREF(ro);
    return res;
}

obj_t *int_pow3(obj_t *b, obj_t *e, obj_t *m) {
    if (!INT_CHECK(b) || !INT_CHECK(e) || !INT_CHECK(m)) {
        err_set_str(exc_TypeError,
                    "pow() 3rd argument not allowed unless all arguments are integers");
        return NULL;
    }
    zview_t tb, te, tm;
    mpz_srcptr zb = int_zview(b, &tb), ze = int_zview(e, &te), zm = int_zview(m, &tm);
    if (mpz_sgn(zm) == 0) {
        err_set_str(exc_ValueError, "pow() 3rd argument cannot be 0");
        return NULL;
    }
    mpz_t am, base, r;
    mpz_init(am);
    mpz_abs(am, zm);
    mpz_init_set(base, zb);
    mpz_init(r);
    mpz_t ae;
    mpz_init(ae);
    mpz_abs(ae, ze);
    if (mpz_sgn(ze) < 0) {
        if (!mpz_invert(base, base, am)) {
            mpz_clear(am);
            mpz_clear(base);
            mpz_clear(r);
            mpz_clear(ae);
            err_set_str(exc_ValueError, "base is not invertible for the given modulus");
            return NULL;
        }
    }
    if (mpz_cmp_ui(am, 1) == 0)
        mpz_set_ui(r, 0);
    else
        mpz_powm(r, base, ae, am);                             // result in [0, |m|)
    if (mpz_sgn(zm) < 0 && mpz_sgn(r) != 0) mpz_sub(r, r, am); // take the sign of the modulus
    mpz_clear(am);
    mpz_clear(base);
    mpz_clear(ae);
    return int_from_mpz_move(r);
}

// ---- unary operations ------------------------------------------------------------------

obj_t *int_neg(obj_t *v) {
    int64_t s;
    if (int_small_value(v, &s)) return int_from_i64(-s);
    mpz_t r;
    mpz_init(r);
    mpz_neg(r, INT_Z(v));
    return int_from_mpz_move(r);
}

obj_t *int_pos(obj_t *v) {
    int64_t s;
    if (int_small_value(v, &s)) return SMALLINT_FROM(s);
    if (TYPE(v) == &int_type) return NEWREF(v);
    // An instance of a subclass: +x, int(x), abs(x) give an exact int.
    mpz_t z;
    mpz_init_set(z, INT_Z(v));
    return int_from_mpz_move(z);
}

obj_t *int_abs(obj_t *v) {
    int64_t s;
    if (int_small_value(v, &s)) return int_from_i64(s < 0 ? -s : s);
    if (mpz_sgn(INT_Z(v)) > 0) return int_pos(v);
    return int_neg(v);
}

obj_t *int_invert(obj_t *v) {
    int64_t s;
    if (int_small_value(v, &s)) return int_from_i64(~s);
    mpz_t r;
    mpz_init(r);
    mpz_com(r, INT_Z(v));
    return int_from_mpz_move(r);
}

int int_bool(obj_t *v) {
    return int_sign(v) != 0;
}
