/*
 * modules/math.c — the `math` module: CPython 3.11's functions on floats,
 * with its exact results and errors.
 *
 * Results are bit-identical to CPython's on the same platform because the
 * same libm functions are called with the same special-casing around them:
 *   - math_1 functions: a nan result from a non-nan argument is a domain
 *     error; an inf result from a finite argument is a range error (exp,
 *     cosh...) or a domain error (log(0.0), atanh(1.0)); errno is judged
 *     last (mathutil.h);
 *   - gamma and lgamma use the Lanczos approximation (g = 6.0246..., N = 13,
 *     the coefficients published with Boost) that CPython uses instead of
 *     libm's tgamma/lgamma, whose accuracy varies between platforms;
 *   - hypot and dist scale every coordinate by a power of two and sum the
 *     squares in double-double arithmetic, then correct the square root
 *     once (the 3.11 algorithm); fsum is Shewchuk's exact summation with
 *     partials and a final half-even fix-up across partials;
 *   - log of an int too big for a double works from its mantissa and binary
 *     exponent (log(m) + log(2) * e), m correctly rounded.
 * The integer functions (factorial, comb, perm, gcd, lcm, isqrt, prod) live
 * in modules/math_int.c.  The module holds no mutable state: nothing here
 * needs a lock.
 */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "mathutil.h"

static const double PI = 3.141592653589793238462643383279502884197;
static const double LOGPI = 1.144729885849400174143427351353058711647;

// ---- shared helpers -------------------------------------------------------------------

obj_t *math_domain_error(void) {
    err_set_str(exc_ValueError, "math domain error");
    return NULL;
}

obj_t *math_range_error(void) {
    err_set_str(exc_OverflowError, "math range error");
    return NULL;
}

int math_errno_check(double r) {
    if (errno == EDOM) {
        math_domain_error();
        return -1;
    }
    if (errno == ERANGE) {
        // libm may flag an underflow (or even a subnormal result) with
        // ERANGE: only a big result is an overflow.
        if (fabs(r) < 1.5) return 0;
        math_range_error();
        return -1;
    }
    err_format(exc_ValueError, "[Errno %d] %s", errno, strerror(errno));
    return -1;
}

obj_t *math_call_special(obj_t *v, const char *name, bool *found) {
    type_t *tp = TYPE(v);
    obj_t *fn = type_lookup(tp, str_intern(name));
    *found = fn != NULL;
    if (fn == NULL) return NULL;
    descrgetfunc get = TYPE(fn)->descr_get;
    obj_t *bound = get ? get(fn, v, (obj_t *)tp) : NEWREF(fn);
    if (bound == NULL) return NULL;
    obj_t *r = obj_call0(bound);
    DECREF(bound);
    return r;
}

// One double argument; false with the exception set when it is not a number.
static bool arg_double(obj_t *v, double *out) {
    if (FLOAT_EXACT(v)) {
        *out = float_value(v);
        return true;
    }
    *out = float_as_double(v);
    return !(*out == -1.0 && err_occurred());
}

// ---- one- and two-argument libm wrappers ----------------------------------------------

typedef double (*dfunc1_t)(double);
typedef double (*dfunc2_t)(double, double);

// f(x) judged by value, then by errno (CPython's math_1).
static obj_t *math_1(obj_t *arg, dfunc1_t f, bool can_overflow) {
    double x;
    if (!arg_double(arg, &x)) return NULL;
    errno = 0;
    double r = f(x);
    if (isnan(r) && !isnan(x)) return math_domain_error();
    if (isinf(r) && isfinite(x)) return can_overflow ? math_range_error() : math_domain_error();
    if (isfinite(r) && errno && math_errno_check(r) < 0) return NULL;
    return float_from_double(r);
}

// f(x) judged by errno only (gamma, lgamma, erf, erfc).
static obj_t *math_1a(obj_t *arg, dfunc1_t f) {
    double x;
    if (!arg_double(arg, &x)) return NULL;
    errno = 0;
    double r = f(x);
    if (errno && math_errno_check(r) < 0) return NULL;
    return float_from_double(r);
}

static obj_t *math_2(obj_t *const *args, size_t nargs, obj_t *kwnames, dfunc2_t f,
                     const char *name) {
    double x, y;
    if (args_check(name, nargs, kwnames, 2, 2) < 0) return NULL;
    if (!arg_double(args[0], &x) || !arg_double(args[1], &y)) return NULL;
    errno = 0;
    double r = f(x, y);
    if (isnan(r))
        errno = (!isnan(x) && !isnan(y)) ? EDOM : 0;
    else if (isinf(r))
        errno = (isfinite(x) && isfinite(y)) ? ERANGE : 0;
    if (errno && math_errno_check(r) < 0) return NULL;
    return float_from_double(r);
}

#define MATH_FUNC1(name, fn, can_overflow)                                                         \
    static obj_t *math_##name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {     \
        if (args_check("math." #name, nargs, kwnames, 1, 1) < 0) return NULL;                      \
        return math_1(args[0], fn, can_overflow);                                                  \
    }
#define MATH_FUNC1A(name, fn)                                                                      \
    static obj_t *math_##name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {     \
        if (args_check("math." #name, nargs, kwnames, 1, 1) < 0) return NULL;                      \
        return math_1a(args[0], fn);                                                               \
    }
#define MATH_FUNC2(name, fn)                                                                       \
    static obj_t *math_##name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {     \
        if (args_no_kw("math." #name, kwnames) < 0) return NULL;                                   \
        return math_2(args, nargs, kwnames, fn, #name);                                            \
    }

// ---- special-cased real functions -----------------------------------------------------

// sin(pi * x) for finite x, exact at integers and half-integers.
static double sinpi(double x) {
    double y = fmod(fabs(x), 2.0);
    double r;
    switch ((int)round(2.0 * y)) {
    case 0: r = sin(PI * y); break;
    case 1: r = cos(PI * (y - 0.5)); break;
    case 2: r = sin(PI * (1.0 - y)); break; // not -sin(pi*(y-1)): keeps +0.0 at y == 1
    case 3: r = -cos(PI * (y - 1.5)); break;
    default: r = sin(PI * (y - 2.0)); break;
    }
    return copysign(1.0, x) * r;
}

#define LANCZOS_N 13
static const double lanczos_g = 6.024680040776729583740234375;
static const double lanczos_g_minus_half = 5.524680040776729583740234375;
static const double lanczos_num[LANCZOS_N] = {
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
};
// x * (x + 1) * ... * (x + 11) expanded: the denominator's coefficients.
static const double lanczos_den[LANCZOS_N] = {
    0.0,       39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0,
    2637558.0, 357423.0,   32670.0,     1925.0,      66.0,        1.0,
};

// The Lanczos rational function at x > 0; for x >= 5 evaluated in 1/x so
// that neither polynomial overflows.
static double lanczos_sum(double x) {
    double num = 0.0, den = 0.0;
    if (x < 5.0) {
        for (int i = LANCZOS_N - 1; i >= 0; i--) {
            num = num * x + lanczos_num[i];
            den = den * x + lanczos_den[i];
        }
    } else {
        for (int i = 0; i < LANCZOS_N; i++) {
            num = num / x + lanczos_num[i];
            den = den / x + lanczos_den[i];
        }
    }
    return num / den;
}

// 0!, 1!, ... 22!: every one exact in a double.
#define NFACT_EXACT 23
static double exact_factorial(int n) {
    double r = 1.0;
    for (int i = 2; i <= n; i++)
        r *= i;
    return r;
}

static double m_tgamma(double x) {
    if (!isfinite(x)) {
        if (isnan(x) || x > 0.0) return x;
        errno = EDOM;
        return NAN;
    }
    if (x == 0.0) {
        errno = EDOM;
        return copysign(HUGE_VAL, x);
    }
    if (x == floor(x)) {
        if (x < 0.0) {
            errno = EDOM;
            return NAN;
        }
        if (x <= NFACT_EXACT) return exact_factorial((int)x - 1);
    }
    double absx = fabs(x);
    if (absx < 1e-20) { // gamma(x) ~ 1/x
        double r = 1.0 / x;
        if (isinf(r)) errno = ERANGE;
        return r;
    }
    if (absx > 200.0) { // overflows for x > 200, underflows to +-0 below -200
        if (x < 0.0) return 0.0 / sinpi(x);
        errno = ERANGE;
        return HUGE_VAL;
    }
    double y = absx + lanczos_g_minus_half;
    // z: the rounding error of y, subtracted in the order that keeps it exact.
    double z;
    if (absx > lanczos_g_minus_half) {
        double q = y - absx;
        z = q - lanczos_g_minus_half;
    } else {
        double q = y - lanczos_g_minus_half;
        z = q - absx;
    }
    z = z * lanczos_g / y;
    double r;
    if (x < 0.0) {
        r = -PI / sinpi(absx) / absx * exp(y) / lanczos_sum(absx);
        r -= z * r;
        if (absx < 140.0) {
            r /= pow(y, absx - 0.5);
        } else {
            double sqrtpow = pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / exp(y);
        r += z * r;
        if (absx < 140.0) {
            r *= pow(y, absx - 0.5);
        } else {
            double sqrtpow = pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    if (isinf(r)) errno = ERANGE;
    return r;
}

static double m_lgamma(double x) {
    if (!isfinite(x)) return isnan(x) ? x : HUGE_VAL;
    if (x == floor(x) && x <= 2.0) {
        if (x <= 0.0) {
            errno = EDOM; // poles at 0, -1, -2...
            return HUGE_VAL;
        }
        return 0.0; // lgamma(1) = lgamma(2) = 0
    }
    double absx = fabs(x);
    if (absx < 1e-20) return -log(absx);
    double r = log(lanczos_sum(absx)) - lanczos_g;
    r += (absx - 0.5) * (log(absx + lanczos_g - 0.5) - 1);
    if (x < 0.0) r = LOGPI - log(fabs(sinpi(absx))) - log(absx) - r; // reflection
    if (isinf(r)) errno = ERANGE;
    return r;
}

static double m_atan2(double y, double x) {
    if (isnan(x) || isnan(y)) return NAN;
    if (isinf(y)) {
        if (isinf(x)) return copysign(copysign(1., x) == 1. ? 0.25 * PI : 0.75 * PI, y);
        return copysign(0.5 * PI, y);
    }
    if (isinf(x) || y == 0.) return copysign(copysign(1., x) == 1. ? 0. : PI, y);
    return atan2(y, x);
}

// IEEE 754 remainder: x - n*y with n the integer nearest x/y (ties to even).
static double m_remainder(double x, double y) {
    if (isfinite(x) && isfinite(y)) {
        if (y == 0.0) return NAN;
        double absx = fabs(x), absy = fabs(y);
        double m = fmod(absx, absy);
        double c = absy - m;
        double r;
        if (m < c)
            r = m;
        else if (m > c)
            r = -c;
        else // halfway: round the quotient to even
            r = m - 2.0 * fmod(0.5 * (absx - m), absy);
        return copysign(1.0, x) * r;
    }
    if (isnan(x)) return x;
    if (isnan(y)) return y;
    if (isinf(x)) return NAN;
    return x;
}

static double m_log(double x) {
    if (isfinite(x)) {
        if (x > 0.0) return log(x);
        errno = EDOM;
        return x == 0.0 ? -HUGE_VAL : NAN;
    }
    if (isnan(x) || x > 0.0) return x;
    errno = EDOM;
    return NAN;
}

static double m_log2(double x) {
    if (!isfinite(x)) {
        if (isnan(x) || x > 0.0) return x;
        errno = EDOM;
        return NAN;
    }
    if (x > 0.0) return log2(x);
    errno = EDOM;
    return x == 0.0 ? -HUGE_VAL : NAN;
}

static double m_log10(double x) {
    if (isfinite(x)) {
        if (x > 0.0) return log10(x);
        errno = EDOM;
        return x == 0.0 ? -HUGE_VAL : NAN;
    }
    if (isnan(x) || x > 0.0) return x;
    errno = EDOM;
    return NAN;
}

MATH_FUNC1(acos, acos, false)
MATH_FUNC1(acosh, acosh, false)
MATH_FUNC1(asin, asin, false)
MATH_FUNC1(asinh, asinh, false)
MATH_FUNC1(atan, atan, false)
MATH_FUNC2(atan2, m_atan2)
MATH_FUNC1(atanh, atanh, false)
MATH_FUNC1(cbrt, cbrt, false)
MATH_FUNC2(copysign, copysign)
MATH_FUNC1(cos, cos, false)
MATH_FUNC1(cosh, cosh, true)
MATH_FUNC1A(erf, erf)
MATH_FUNC1A(erfc, erfc)
MATH_FUNC1(exp, exp, true)
MATH_FUNC1(exp2, exp2, true)
MATH_FUNC1(expm1, expm1, true)
MATH_FUNC1(fabs, fabs, false)
MATH_FUNC1A(gamma, m_tgamma)
MATH_FUNC1A(lgamma, m_lgamma)
MATH_FUNC1(log1p, log1p, false)
MATH_FUNC2(remainder, m_remainder)
MATH_FUNC1(sin, sin, false)
MATH_FUNC1(sinh, sinh, true)
MATH_FUNC1(sqrt, sqrt, false)
MATH_FUNC1(tan, tan, false)
MATH_FUNC1(tanh, tanh, false)

// ---- rounding: ceil, floor, trunc -----------------------------------------------------

static obj_t *math_ceil(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("math.ceil", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *v = args[0];
    double x;
    if (FLOAT_EXACT(v)) {
        x = float_value(v);
    } else {
        bool found;
        obj_t *r = math_call_special(v, "__ceil__", &found);
        if (found) return r;
        if (!arg_double(v, &x)) return NULL;
    }
    return int_from_double(ceil(x));
}

static obj_t *math_floor(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("math.floor", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *v = args[0];
    double x;
    if (FLOAT_EXACT(v)) {
        x = float_value(v);
    } else {
        bool found;
        obj_t *r = math_call_special(v, "__floor__", &found);
        if (found) return r;
        if (!arg_double(v, &x)) return NULL;
    }
    return int_from_double(floor(x));
}

static obj_t *math_trunc(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("math.trunc", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *v = args[0];
    if (FLOAT_EXACT(v)) return int_from_double(float_value(v));
    bool found;
    obj_t *r = math_call_special(v, "__trunc__", &found);
    if (!found) err_format(exc_TypeError, "type %s doesn't define __trunc__ method", TYPE(v)->name);
    return r;
}

// ---- float decomposition --------------------------------------------------------------

static obj_t *pair_of_doubles(double a, double b) {
    obj_t *x = float_from_double(a);
    obj_t *y = x ? float_from_double(b) : NULL;
    obj_t *t = y ? tuple_pack(2, x, y) : NULL;
    XDECREF(x);
    XDECREF(y);
    return t;
}

static obj_t *math_frexp(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("math.frexp", nargs, kwnames, 1, 1) < 0) return NULL;
    double x;
    if (!arg_double(args[0], &x)) return NULL;
    int e = 0;
    if (isfinite(x) && x != 0.0) x = frexp(x, &e);
    obj_t *m = float_from_double(x);
    obj_t *ei = m ? int_from_i64(e) : NULL;
    obj_t *t = ei ? tuple_pack(2, m, ei) : NULL;
    XDECREF(m);
    XDECREF(ei);
    return t;
}

static obj_t *math_ldexp(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("math.ldexp", kwnames) < 0 || args_check("ldexp", nargs, kwnames, 2, 2) < 0)
        return NULL;
    double x;
    if (!arg_double(args[0], &x)) return NULL;
    obj_t *iv = args[1];
    if (!INT_CHECK(iv)) {
        err_set_str(exc_TypeError, "Expected an int as second argument to ldexp.");
        return NULL;
    }
    int64_t e;
    if (int_as_i64(iv, &e) < 0) { // out of range: clamp, the result saturates anyway
        err_clear();
        e = int_sign(iv) < 0 ? INT64_MIN : INT64_MAX;
    }
    double r;
    errno = 0;
    if (x == 0.0 || !isfinite(x)) {
        r = x;
    } else if (e > INT_MAX) {
        r = copysign(HUGE_VAL, x);
        errno = ERANGE;
    } else if (e < INT_MIN) {
        r = copysign(0.0, x);
    } else {
        r = ldexp(x, (int)e);
        errno = isinf(r) ? ERANGE : 0;
    }
    if (errno && math_errno_check(r) < 0) return NULL;
    return float_from_double(r);
}

static obj_t *math_modf(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("math.modf", nargs, kwnames, 1, 1) < 0) return NULL;
    double x;
    if (!arg_double(args[0], &x)) return NULL;
    if (isinf(x)) return pair_of_doubles(copysign(0.0, x), x);
    if (isnan(x)) return pair_of_doubles(x, x);
    double ip;
    double fp = modf(x, &ip);
    return pair_of_doubles(fp, ip);
}

static obj_t *math_fmod(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("math.fmod", kwnames) < 0 || args_check("fmod", nargs, kwnames, 2, 2) < 0)
        return NULL;
    double x, y;
    if (!arg_double(args[0], &x) || !arg_double(args[1], &y)) return NULL;
    if (isinf(y) && isfinite(x)) return float_from_double(x);
    errno = 0;
    double r = fmod(x, y);
    if (isnan(r)) errno = (!isnan(x) && !isnan(y)) ? EDOM : 0;
    if (errno && math_errno_check(r) < 0) return NULL;
    return float_from_double(r);
}

static obj_t *math_pow(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("math.pow", kwnames) < 0 || args_check("pow", nargs, kwnames, 2, 2) < 0)
        return NULL;
    double x, y, r;
    if (!arg_double(args[0], &x) || !arg_double(args[1], &y)) return NULL;
    errno = 0;
    if (!isfinite(x) || !isfinite(y)) {
        // IEEE specials handled here, not by libm.
        if (isnan(x)) {
            r = y == 0. ? 1. : x;
        } else if (isnan(y)) {
            r = x == 1. ? 1. : y;
        } else if (isinf(x)) {
            bool odd_y = isfinite(y) && fmod(fabs(y), 2.0) == 1.0;
            if (y > 0.)
                r = odd_y ? x : fabs(x);
            else if (y == 0.)
                r = 1.;
            else
                r = odd_y ? copysign(0., x) : 0.;
        } else { // y infinite
            if (fabs(x) == 1.0)
                r = 1.;
            else if (y > 0. && fabs(x) > 1.0)
                r = y;
            else if (y < 0. && fabs(x) < 1.0)
                r = -y;
            else
                r = 0.;
        }
    } else {
        r = pow(x, y);
        if (isnan(r))
            errno = EDOM; // negative ** non-integer
        else if (isinf(r))
            errno = x == 0. ? EDOM : ERANGE; // 0 ** negative, or overflow
    }
    if (errno && math_errno_check(r) < 0) return NULL;
    return float_from_double(r);
}

// ---- logarithms -----------------------------------------------------------------------

// z > 0 as m * 2**e with m in [0.5, 1) rounded half-even to 53 bits.
static double mpz_frexp(mpz_srcptr z, long *e) {
    long bits = (long)mpz_sizeinbase(z, 2);
    uint64_t top;
    if (bits <= DBL_MANT_DIG) {
        top = mpz_get_ui(z);
        *e = bits;
        return ldexp((double)top, -(int)bits);
    }
    long sh = bits - DBL_MANT_DIG;
    mpz_t q;
    mpz_init(q);
    mpz_tdiv_q_2exp(q, z, (mp_bitcnt_t)sh);
    top = mpz_get_ui(q);
    mpz_clear(q);
    bool half = mpz_tstbit(z, (mp_bitcnt_t)(sh - 1));
    bool sticky = sh >= 2 && mpz_scan1(z, 0) < (mp_bitcnt_t)(sh - 1);
    if (half && (sticky || (top & 1))) top++;
    double m = ldexp((double)top, -DBL_MANT_DIG);
    *e = bits;
    if (m == 1.0) { // the rounding carried into a new bit
        m = 0.5;
        (*e)++;
    }
    return m;
}

// log-like function of an int or float; ints of any size work.
static obj_t *log_helper(obj_t *arg, dfunc1_t f) {
    if (INT_CHECK(arg)) {
        if (int_sign(arg) <= 0) return math_domain_error();
        int ov;
        double x = int_as_double(arg, &ov);
        if (!ov) return float_from_double(f(x));
        mpz_t z;
        mpz_init(z);
        int_to_mpz(arg, z);
        long e;
        double m = mpz_frexp(z, &e);
        mpz_clear(z);
        return float_from_double(f(m) + f(2.0) * (double)e);
    }
    return math_1(arg, f, false);
}

static obj_t *math_log(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("log", kwnames) < 0) return NULL;
    if (nargs < 1 || nargs > 2) {
        err_set_str(exc_TypeError, "math.log requires 1 to 2 arguments");
        return NULL;
    }
    obj_t *num = log_helper(args[0], m_log);
    if (num == NULL || nargs == 1) return num;
    obj_t *den = log_helper(args[1], m_log);
    if (den == NULL) {
        DECREF(num);
        return NULL;
    }
    obj_t *r = obj_binop(num, den, BINOP_TRUEDIV);
    DECREF(num);
    DECREF(den);
    return r;
}

static obj_t *math_log2(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("math.log2", nargs, kwnames, 1, 1) < 0) return NULL;
    return log_helper(args[0], m_log2);
}

static obj_t *math_log10(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("math.log10", nargs, kwnames, 1, 1) < 0) return NULL;
    return log_helper(args[0], m_log10);
}

// ---- predicates, angles, neighbours ---------------------------------------------------

#define MATH_PRED(name, expr)                                                                      \
    static obj_t *math_##name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {     \
        if (args_check("math." #name, nargs, kwnames, 1, 1) < 0) return NULL;                      \
        double x;                                                                                  \
        if (!arg_double(args[0], &x)) return NULL;                                                 \
        return bool_from(expr);                                                                    \
    }
MATH_PRED(isfinite, isfinite(x))
MATH_PRED(isinf, isinf(x))
MATH_PRED(isnan, isnan(x))

static obj_t *math_degrees(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("math.degrees", nargs, kwnames, 1, 1) < 0) return NULL;
    double x;
    if (!arg_double(args[0], &x)) return NULL;
    return float_from_double(x * (180.0 / PI));
}

static obj_t *math_radians(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("math.radians", nargs, kwnames, 1, 1) < 0) return NULL;
    double x;
    if (!arg_double(args[0], &x)) return NULL;
    return float_from_double(x * (PI / 180.0));
}

static obj_t *math_isclose(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"a", "b", "$rel_tol", "$abs_tol", NULL};
    obj_t *out[4];
    if (args_parse("isclose", args, nargs, kwnames, names, 2, out) < 0) return NULL;
    double a, b, rel_tol = 1e-09, abs_tol = 0.0;
    if (!arg_double(out[0], &a) || !arg_double(out[1], &b)) return NULL;
    if (out[2] && !arg_double(out[2], &rel_tol)) return NULL;
    if (out[3] && !arg_double(out[3], &abs_tol)) return NULL;
    if (rel_tol < 0.0 || abs_tol < 0.0) {
        err_set_str(exc_ValueError, "tolerances must be non-negative");
        return NULL;
    }
    if (a == b) return NEWREF(True);
    if (isinf(a) || isinf(b)) return NEWREF(False);
    double diff = fabs(b - a);
    return bool_from(diff <= fabs(rel_tol * b) || diff <= fabs(rel_tol * a) || diff <= abs_tol);
}

static obj_t *math_nextafter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("math.nextafter", kwnames) < 0 ||
        args_check("nextafter", nargs, kwnames, 2, 2) < 0)
        return NULL;
    double x, y;
    if (!arg_double(args[0], &x) || !arg_double(args[1], &y)) return NULL;
    return float_from_double(nextafter(x, y));
}

static obj_t *math_ulp(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("math.ulp", nargs, kwnames, 1, 1) < 0) return NULL;
    double x;
    if (!arg_double(args[0], &x)) return NULL;
    if (isnan(x)) return float_from_double(x);
    x = fabs(x);
    if (isinf(x)) return float_from_double(x);
    double up = nextafter(x, HUGE_VAL);
    if (isinf(up)) return float_from_double(x - nextafter(x, -HUGE_VAL)); // x is DBL_MAX
    return float_from_double(up - x);
}

// ---- hypot, dist ----------------------------------------------------------------------

typedef struct {
    double hi, lo;
} dd_t;

// a + b exactly as hi + lo, given |a| >= |b|.
static dd_t fast_two_sum(double a, double b) {
    double x = a + b;
    double z = x - a;
    return (dd_t){x, b - z};
}

// x * y exactly as hi + lo.
static dd_t two_prod(double x, double y) {
    double z = x * y;
    return (dd_t){z, fma(x, y, -z)};
}

// sqrt of the sum of squares of vec[0..n) (all finite, >= 0, <= max), or
// inf/nan when one of the coordinates was.  Scales by a power of two so that
// the scaled values are below 1, accumulates 1 + sum(x*x) with its rounding
// errors, and corrects the square root once with the residual.
static double vector_norm(size_t n, double *vec, double max, bool found_nan) {
    if (isinf(max)) return max;
    if (found_nan) return NAN;
    if (max == 0.0 || n <= 1) return max;
    int max_e;
    frexp(max, &max_e);
    double csum = 1.0, frac1 = 0.0, frac2 = 0.0;
    if (max_e < -1023) { // 2**-max_e would overflow: divide by max instead
        for (size_t i = 0; i < n; i++) {
            double x = vec[i] / max;
            x = x * x;
            double old = csum;
            csum += x;
            frac1 += (old - csum) + x;
        }
        return max * sqrt(csum - 1.0 + frac1);
    }
    double scale = ldexp(1.0, -max_e);
    for (size_t i = 0; i < n; i++) {
        double x = vec[i] * scale; // exact
        dd_t pr = two_prod(x, x);
        dd_t sm = fast_two_sum(csum, pr.hi);
        csum = sm.hi;
        frac1 += pr.lo;
        frac2 += sm.lo;
    }
    double h = sqrt(csum - 1.0 + (frac1 + frac2));
    dd_t pr = two_prod(-h, h);
    dd_t sm = fast_two_sum(csum, pr.hi);
    csum = sm.hi;
    frac1 += pr.lo;
    frac2 += sm.lo;
    double x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    return h / scale;
}

#define NUM_STACK_ELEMS 16

static obj_t *math_hypot(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("math.hypot", kwnames) < 0) return NULL;
    double stack[NUM_STACK_ELEMS];
    double *coords = stack;
    if (nargs > NUM_STACK_ELEMS) {
        coords = malloc(nargs * sizeof(double));
        if (coords == NULL) return err_no_memory();
    }
    double max = 0.0;
    bool found_nan = false;
    obj_t *result = NULL;
    for (size_t i = 0; i < nargs; i++) {
        double x;
        if (!arg_double(args[i], &x)) goto done;
        x = fabs(x);
        coords[i] = x;
        found_nan |= isnan(x);
        if (x > max) max = x;
    }
    result = float_from_double(vector_norm(nargs, coords, max, found_nan));
done:
    if (coords != stack) free(coords);
    return result;
}

static obj_t *math_dist(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("math.dist", kwnames) < 0 || args_check("dist", nargs, kwnames, 2, 2) < 0)
        return NULL;
    obj_t *p = NULL, *q = NULL, *result = NULL;
    double stack[NUM_STACK_ELEMS];
    double *diffs = stack;
    p = TUPLE_CHECK(args[0]) ? NEWREF(args[0]) : tuple_from_iterable(args[0]);
    if (p == NULL) goto done;
    q = TUPLE_CHECK(args[1]) ? NEWREF(args[1]) : tuple_from_iterable(args[1]);
    if (q == NULL) goto done;
    size_t n = TUPLE_SIZE(p);
    if (n != TUPLE_SIZE(q)) {
        err_set_str(exc_ValueError, "both points must have the same number of dimensions");
        goto done;
    }
    if (n > NUM_STACK_ELEMS) {
        diffs = malloc(n * sizeof(double));
        if (diffs == NULL) {
            err_no_memory();
            goto done;
        }
    }
    double max = 0.0;
    bool found_nan = false;
    for (size_t i = 0; i < n; i++) {
        double px, qx;
        if (!arg_double(TUPLE_GET(p, i), &px) || !arg_double(TUPLE_GET(q, i), &qx)) goto done;
        double x = fabs(px - qx);
        diffs[i] = x;
        found_nan |= isnan(x);
        if (x > max) max = x;
    }
    result = float_from_double(vector_norm(n, diffs, max, found_nan));
done:
    if (diffs != stack) free(diffs);
    XDECREF(p);
    XDECREF(q);
    return result;
}

// ---- fsum -----------------------------------------------------------------------------

// Shewchuk's exact summation: the partials are non-overlapping, increasing
// in magnitude, and sum exactly to the running total.
static obj_t *math_fsum(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("math.fsum", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *it = obj_iter(args[0]);
    if (it == NULL) return NULL;
    double stack[32];
    double *p = stack;
    size_t n = 0, cap = 32;
    double special_sum = 0.0, inf_sum = 0.0;
    obj_t *result = NULL;
    for (;;) {
        obj_t *item = obj_iternext(it);
        if (item == NULL) {
            if (err_occurred()) goto done;
            break;
        }
        double x;
        bool ok = arg_double(item, &x);
        DECREF(item);
        if (!ok) goto done;
        double xsave = x;
        size_t i = 0;
        for (size_t j = 0; j < n; j++) {
            double y = p[j];
            if (fabs(x) < fabs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) p[i++] = lo;
            x = hi;
        }
        n = i;
        if (x != 0.0) {
            if (!isfinite(x)) {
                // from an inf or nan summand, or an intermediate overflow
                if (isfinite(xsave)) {
                    err_set_str(exc_OverflowError, "intermediate overflow in fsum");
                    goto done;
                }
                if (isinf(xsave)) inf_sum += xsave;
                special_sum += xsave;
                n = 0;
            } else {
                if (n >= cap) {
                    size_t ncap = cap * 2;
                    double *np = p == stack ? malloc(ncap * sizeof(double))
                                            : realloc(p, ncap * sizeof(double));
                    if (np == NULL) {
                        err_no_memory();
                        goto done;
                    }
                    if (p == stack) memcpy(np, stack, n * sizeof(double));
                    p = np;
                    cap = ncap;
                }
                p[n++] = x;
            }
        }
    }
    if (special_sum != 0.0) {
        if (isnan(inf_sum))
            err_set_str(exc_ValueError, "-inf + inf in fsum");
        else
            result = float_from_double(special_sum);
        goto done;
    }
    double hi = 0.0;
    if (n > 0) {
        double lo = 0.0;
        hi = p[--n];
        // Add the partials from the top down while the sum stays exact.
        while (n > 0) {
            double x = hi, y = p[--n];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0) break;
        }
        // Half-even rounding across partials: if the next partial below has
        // the sign of lo, the true sum lies past the halfway point.
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            double y = lo * 2.0;
            double x = hi + y;
            if (y == x - hi) hi = x;
        }
    }
    result = float_from_double(hi);
done:
    if (p != stack) free(p);
    DECREF(it);
    return result;
}

// ---- the module -----------------------------------------------------------------------

static const method_def_t math_functions[] = {
    {"acos", math_acos, 0, "Return the arc cosine (measured in radians) of x."},
    {"acosh", math_acosh, 0, "Return the inverse hyperbolic cosine of x."},
    {"asin", math_asin, 0, "Return the arc sine (measured in radians) of x."},
    {"asinh", math_asinh, 0, "Return the inverse hyperbolic sine of x."},
    {"atan", math_atan, 0, "Return the arc tangent (measured in radians) of x."},
    {"atan2", math_atan2, 0, "Return the arc tangent (measured in radians) of y/x."},
    {"atanh", math_atanh, 0, "Return the inverse hyperbolic tangent of x."},
    {"cbrt", math_cbrt, 0, "Return the cube root of x."},
    {"ceil", math_ceil, 0, "Return the ceiling of x as an Integral."},
    {"comb", math_comb, 0, "Number of ways to choose k items from n items without repetition."},
    {"copysign", math_copysign, 0, "Return a float with the magnitude of x but the sign of y."},
    {"cos", math_cos, 0, "Return the cosine of x (measured in radians)."},
    {"cosh", math_cosh, 0, "Return the hyperbolic cosine of x."},
    {"degrees", math_degrees, 0, "Convert angle x from radians to degrees."},
    {"dist", math_dist, 0, "Return the Euclidean distance between two points p and q."},
    {"erf", math_erf, 0, "Error function at x."},
    {"erfc", math_erfc, 0, "Complementary error function at x."},
    {"exp", math_exp, 0, "Return e raised to the power of x."},
    {"exp2", math_exp2, 0, "Return 2 raised to the power of x."},
    {"expm1", math_expm1, 0, "Return exp(x)-1."},
    {"fabs", math_fabs, 0, "Return the absolute value of the float x."},
    {"factorial", math_factorial, 0, "Find n!."},
    {"floor", math_floor, 0, "Return the floor of x as an Integral."},
    {"fmod", math_fmod, 0, "Return fmod(x, y), according to platform C."},
    {"frexp", math_frexp, 0, "Return the mantissa and exponent of x, as pair (m, e)."},
    {"fsum", math_fsum, 0, "Return an accurate floating point sum of values in the iterable."},
    {"gamma", math_gamma, 0, "Gamma function at x."},
    {"gcd", math_gcd, 0, "Greatest Common Divisor."},
    {"hypot", math_hypot, 0, "Multidimensional Euclidean distance from the origin to a point."},
    {"isclose", math_isclose, 0, "Determine whether two floating point numbers are close."},
    {"isfinite", math_isfinite, 0, "Return True if x is neither an infinity nor a NaN."},
    {"isinf", math_isinf, 0, "Return True if x is a positive or negative infinity."},
    {"isnan", math_isnan, 0, "Return True if x is a NaN (not a number)."},
    {"isqrt", math_isqrt, 0, "Return the integer part of the square root of the input."},
    {"lcm", math_lcm, 0, "Least Common Multiple."},
    {"ldexp", math_ldexp, 0, "Return x * (2**i)."},
    {"lgamma", math_lgamma, 0, "Natural logarithm of absolute value of Gamma function at x."},
    {"log", math_log, 0, "Return the logarithm of x to the given base."},
    {"log10", math_log10, 0, "Return the base 10 logarithm of x."},
    {"log1p", math_log1p, 0, "Return the natural logarithm of 1+x (base e)."},
    {"log2", math_log2, 0, "Return the base 2 logarithm of x."},
    {"modf", math_modf, 0, "Return the fractional and integer parts of x."},
    {"nextafter", math_nextafter, 0, "Return the next floating-point value after x towards y."},
    {"perm", math_perm, 0, "Number of ways to choose k items from n items without repetition."},
    {"pow", math_pow, 0, "Return x**y (x to the power of y)."},
    {"prod", math_prod, 0, "Calculate the product of all the elements in the input iterable."},
    {"radians", math_radians, 0, "Convert angle x from degrees to radians."},
    {"remainder", math_remainder, 0, "Difference between x and the closest integer multiple of y."},
    {"sin", math_sin, 0, "Return the sine of x (measured in radians)."},
    {"sinh", math_sinh, 0, "Return the hyperbolic sine of x."},
    {"sqrt", math_sqrt, 0, "Return the square root of x."},
    {"tan", math_tan, 0, "Return the tangent of x (measured in radians)."},
    {"tanh", math_tanh, 0, "Return the hyperbolic tangent of x."},
    {"trunc", math_trunc, 0, "Truncates the Real x to the nearest Integral toward 0."},
    {"ulp", math_ulp, 0, "Return the value of the least significant bit of the float x."},
    {NULL, NULL, 0, NULL},
};

static int add_value(obj_t *m, const char *name, obj_t *v) {
    if (v == NULL) return -1;
    int rc = obj_setattr_str(m, name, v);
    DECREF(v);
    return rc;
}

static int add_double(obj_t *m, const char *name, double v) {
    obj_t *f = float_from_double(v);
    if (f == NULL) return -1;
    int rc = obj_setattr_str(m, name, f);
    DECREF(f);
    return rc;
}

obj_t *math_module_init(void) {
    obj_t *m = module_new("math");
    if (m == NULL) return NULL;
    if (module_add_functions(m, math_functions) < 0 ||
        add_value(m, "__doc__",
                  str_from_cstr("This module provides access to the mathematical "
                                "functions\ndefined by the C standard.")) < 0 ||
        add_double(m, "pi", PI) < 0 ||
        add_double(m, "e", 2.718281828459045235360287471352662498) < 0 ||
        add_double(m, "tau", 6.283185307179586476925286766559005768) < 0 ||
        add_double(m, "inf", HUGE_VAL) < 0 || add_double(m, "nan", fabs(NAN)) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
